//! `check --terraform PATH [INTENT...]`: the network of a Terraform
//! configuration, imported, with each intent's assertions (or, without an
//! intent, the built-in findings), checked as one policy whose lines point
//! back into the `.tf` files.

use std::path::{Path, PathBuf};

use stargate_verify::config::Config;
use stargate_verify::diagnostic::Diagnostic;
use stargate_verify::terraform::findings;
use stargate_verify::terraform::policy::{self, Files, Generated};
use stargate_verify::terraform::{self, emit, VarArg};
use stargate_verify::SourceText;

/// The variable arguments: `--var-file`s (or stargate.toml's `var-files`),
/// then `--var`s.
pub fn vars(files: &[PathBuf], pairs: &[String], config: &Config) -> Vec<VarArg> {
    let files = if files.is_empty() {
        &config.var_files
    } else {
        files
    };
    let mut vars: Vec<VarArg> = files.iter().cloned().map(VarArg::File).collect();
    vars.extend(pairs.iter().cloned().map(VarArg::Pair));
    vars
}

/// An intent as the command line read it.
pub type Intent = (
    String,
    Result<(SourceText, Vec<Diagnostic>), std::io::Error>,
);

/// Imports `tf` and hands `check` one policy per intent (the imported
/// network with the intent's statements), or the network with its built-in
/// findings when there is no intent.
pub fn policies(
    tf: &Path,
    vars: &[VarArg],
    intents: &[Intent],
    check: &mut impl FnMut(String, SourceText, Vec<Diagnostic>, &[String]),
) {
    let inv = terraform::read(tf, vars);
    let generated = imported(&inv, tf);
    let files = Files::of(tf);
    let tf_diags = emit::diagnostics(&inv);
    let ours = [generated.name.clone()];
    if intents.is_empty() {
        // The network alone first, to see what it holds; then with the
        // findings' assertions after it (the network's offsets stay put, so
        // the static findings' spans hold in both).
        let (source, diags) =
            policy::source(None, std::slice::from_ref(&generated), &files, &tf_diags);
        let analysis = stargate_verify::analyze_source(&source, diags.clone());
        let Some(model) = analysis.model else {
            check(format!("checking {}", tf.display()), source, diags, &ours);
            return;
        };
        let found = findings::generate(&model, &emit::nodes(&inv), &tf.display().to_string());
        let parts = [generated, found.generated];
        let (source, mut diags) = policy::source(None, &parts, &files, &tf_diags);
        diags.extend(found.diagnostics);
        let ours = [parts[0].name.clone(), parts[1].name.clone()];
        check(format!("checking {}", tf.display()), source, diags, &ours);
        return;
    }
    for (name, read) in intents {
        let place = format!("checking {name} against {}", tf.display());
        match read {
            Ok((intent, load)) => {
                let (source, diags) = policy::source(
                    Some(intent.clone()),
                    std::slice::from_ref(&generated),
                    &files,
                    &tf_diags,
                );
                let mut all = load.clone();
                all.extend(diags);
                check(place, source, all, &ours);
            }
            Err(e) => {
                let r = stargate_verify::io_error_report(name, e);
                check(place, r.source, r.diagnostics, &[]);
            }
        }
    }
}

/// The imported network's text, named after the configuration.
fn imported(inv: &terraform::Inventory, tf: &Path) -> Generated {
    let name = tf
        .canonicalize()
        .ok()
        .and_then(|p| {
            let p = if p.is_dir() { p } else { p.with_extension("") };
            p.file_name().map(|n| n.to_string_lossy().to_string())
        })
        .unwrap_or_else(|| "imported".into());
    Generated {
        name: format!("{} (imported)", tf.display()),
        text: emit::to_sg(inv, &name),
        origins: Vec::new(),
    }
}
