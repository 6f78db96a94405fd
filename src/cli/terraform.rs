//! `check --terraform PATH [INTENT...]`: the network of a Terraform
//! configuration, imported, with each intent's assertions (or, without an
//! intent, the built-in findings), checked as one policy whose lines point
//! back into the `.tf` files.

use std::path::{Path, PathBuf};

use stargate_verify::config::Config;
use stargate_verify::diagnostic::Diagnostic;
use stargate_verify::terraform::findings;
use stargate_verify::terraform::policy::Network;
use stargate_verify::terraform::{emit, VarArg};
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
    let net = Network::read(tf, vars);
    let ours = [net.generated.name.clone()];
    if intents.is_empty() {
        // The network alone first, to see what it holds; then with the
        // findings' assertions after it (the network's offsets stay put, so
        // the static findings' spans hold in both).
        let (source, diags) = net.with(None);
        let analysis = stargate_verify::analyze_source(&source, diags.clone());
        let Some(model) = analysis.model else {
            check(format!("checking {}", tf.display()), source, diags, &ours);
            return;
        };
        let found = findings::generate(
            &model,
            &emit::nodes(&net.inventory),
            &tf.display().to_string(),
        );
        let parts = [net.generated.clone(), found.generated];
        let (source, mut diags) = net.with_parts(None, &parts);
        diags.extend(found.diagnostics);
        let ours = [parts[0].name.clone(), parts[1].name.clone()];
        check(format!("checking {}", tf.display()), source, diags, &ours);
        return;
    }
    for (name, read) in intents {
        let place = format!("checking {name} against {}", tf.display());
        match read {
            Ok((intent, load)) => {
                let (source, diags) = net.with(Some(intent.clone()));
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

/// The imported network alone, as a policy.
pub fn network(tf: &Path, vars: &[VarArg]) -> (SourceText, Vec<Diagnostic>) {
    Network::read(tf, vars).with(None)
}

/// The two versions `diff --terraform` compares: two paths, or one path
/// whose base is read from git at `rev`.
pub fn versions(
    paths: &[PathBuf],
    rev: Option<&str>,
    vars: &[VarArg],
) -> Result<[(SourceText, Vec<Diagnostic>); 2], String> {
    match (rev, paths) {
        (None, [base, head]) => Ok([network(base, vars), network(head, vars)]),
        (Some(rev), [dir]) => {
            let checkout = Checkout::of(rev, dir)?;
            let (mut base, load) = network(&checkout.path, vars);
            let from = checkout.root.display().to_string();
            let to = format!(
                "{rev}:{}",
                if dir.is_file() {
                    dir.parent().unwrap_or(Path::new(".")).display()
                } else {
                    dir.display()
                }
            );
            base.rename_files(|n| n.replacen(&from, &to, 1));
            Ok([(base, load), network(dir, vars)])
        }
        (None, _) => Err(
            "diff --terraform takes two paths, BASE and HEAD (or --base REV and one path)".into(),
        ),
        (Some(_), _) => Err("with --base REV, diff --terraform takes one path".into()),
    }
}

/// The files of a directory (or a plan file) as a revision has them, in a
/// temporary directory removed when this is dropped.
struct Checkout {
    root: PathBuf,
    /// What to import: the directory, or the plan file, in `root`.
    path: PathBuf,
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

impl Checkout {
    fn of(rev: &str, dir: &Path) -> Result<Checkout, String> {
        if rev.starts_with('-') {
            return Err(format!("`{rev}` is not a revision"));
        }
        let (git_dir, spec) = if dir.is_file() {
            let parent = dir.parent().filter(|p| !p.as_os_str().is_empty());
            let name = dir.file_name().map(|n| n.to_string_lossy().to_string());
            (
                parent.unwrap_or(Path::new(".")).to_path_buf(),
                name.unwrap_or_default(),
            )
        } else {
            (dir.to_path_buf(), ".".to_string())
        };
        let git = |args: &[&str]| -> Result<Vec<u8>, String> {
            let out = std::process::Command::new("git")
                .args(args)
                .current_dir(&git_dir)
                .output()
                .map_err(|e| format!("cannot run git: {e}"))?;
            if out.status.success() {
                Ok(out.stdout)
            } else {
                Err(format!(
                    "git {} failed: {}",
                    args.join(" "),
                    String::from_utf8_lossy(&out.stderr).trim()
                ))
            }
        };
        let listed = git(&["ls-tree", "-r", "--name-only", rev, "--", &spec])?;
        let tmp = std::env::temp_dir().join(format!(
            "stargate-base-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let path = if dir.is_file() {
            tmp.join(&spec)
        } else {
            tmp.clone()
        };
        let checkout = Checkout {
            root: tmp.clone(),
            path,
        };
        let names = String::from_utf8_lossy(&listed).to_string();
        if names.trim().is_empty() {
            return Err(format!("`{}` is not in `{rev}`", dir.display()));
        }
        for name in names.lines() {
            let bytes = git(&["show", &format!("{rev}:./{name}")])?;
            let target = tmp.join(name);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot write {}: {e}", parent.display()))?;
            }
            std::fs::write(&target, bytes)
                .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        }
        Ok(checkout)
    }
}
