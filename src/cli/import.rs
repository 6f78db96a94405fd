//! `stargate-verify import PATH`: the Terraform front end's command.
//! The document goes to standard output, diagnostics to standard error.
//! `--var-file` and `--var` apply in the order clap gives them: every
//! file first, then every pair (Terraform applies them in command-line
//! order; mixing the two kinds is not kept in order yet).

use std::io::Write;

use super::args::{ImportArgs, ImportFormat};
use stargate_verify::terraform::{self, emit, policy, Level};

pub fn run(a: ImportArgs) -> u8 {
    // `import` reads no stargate.toml: only the command line's variables.
    let vars = super::terraform::vars(&a.var_file, &a.var, &Default::default());
    // A large configuration takes a moment: a progress line on a terminal,
    // for the `.sg` output only (JSON is a machine format).
    let progress = (a.format == ImportFormat::Sg)
        .then(|| super::progress::Progress::start(&format!("importing {}", a.path.display())));
    let inv = terraform::read(&a.path, &vars);
    drop(progress);
    let doc = match a.format {
        ImportFormat::Json => emit::to_json(&inv),
        ImportFormat::Sg => emit::to_sg(&inv, &policy::policy_name(&a.path)),
    };
    let mut err = std::io::stderr().lock();
    for d in &emit::diagnostics(&inv) {
        let _ = writeln!(err, "{}\n", d.render());
    }
    let _ = writeln!(std::io::stdout().lock(), "{}", doc.trim_end());
    if inv.diagnostics.iter().any(|d| d.severity == Level::Error) {
        2
    } else {
        0
    }
}
