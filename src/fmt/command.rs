//! `stargate-verify fmt FILE...`: rewrite files in place, or with `--check`
//! list the files that are not formatted, or with `--diff` show what would
//! change. `-` stands for standard input, formatted to standard output.

use std::io::{Read, Write};
use std::path::PathBuf;

use crate::report::human::render_diagnostic;
use crate::SourceText;

/// What `fmt` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct FmtOptions {
    /// Files to format; `-` is standard input.
    pub files: Vec<PathBuf>,
    /// Write nothing; list unformatted files and exit 1 if there are any.
    pub check: bool,
    /// Write nothing; print a unified diff of what would change.
    pub diff: bool,
    /// Colour the diagnostics.
    pub color: bool,
}

/// Runs `fmt` and returns the exit status: 2 if a file could not be read,
/// parsed or written, else 1 with `--check` when a file is not formatted,
/// else 0.
pub fn run(
    opts: &FmtOptions,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let mut failed = false;
    let mut unformatted = false;
    for path in &opts.files {
        let from_stdin = path.as_os_str() == "-";
        let name = if from_stdin {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let bytes = if from_stdin {
            let mut buf = Vec::new();
            stdin.read_to_end(&mut buf).map(|_| buf)
        } else {
            std::fs::read(path)
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                let report = crate::io_error_report(&name, &e);
                report_errors(stderr, &report.source, &report.diagnostics, opts.color);
                failed = true;
                continue;
            }
        };
        let (source, decode_error) = crate::decode(&name, &bytes);
        if let Some(d) = decode_error {
            report_errors(stderr, &source, &[d], opts.color);
            failed = true;
            continue;
        }
        let formatted = match super::format(&source.text) {
            Ok(f) => f,
            Err(diags) => {
                report_errors(stderr, &source, &diags, opts.color);
                let _ = writeln!(stderr, "{name}: not formatted: fix the errors above first");
                failed = true;
                continue;
            }
        };
        let changed = formatted.as_bytes() != bytes.as_slice();
        let written = if opts.check || opts.diff {
            let mut result = Ok(());
            if changed && opts.check {
                unformatted = true;
                result = writeln!(stdout, "{name}");
            }
            if changed && opts.diff {
                let original = String::from_utf8_lossy(&bytes);
                result = result.and(write!(
                    stdout,
                    "{}",
                    super::unified_diff(&name, &original, &formatted)
                ));
            }
            result
        } else if from_stdin {
            write!(stdout, "{formatted}")
        } else if changed {
            std::fs::write(path, &formatted)
        } else {
            Ok(())
        };
        if let Err(e) = written {
            let _ = writeln!(stderr, "error: cannot write {name}: {e}");
            failed = true;
        }
    }
    if failed {
        2
    } else if opts.check && unformatted {
        1
    } else {
        0
    }
}

fn report_errors(
    stderr: &mut dyn Write,
    source: &SourceText,
    diags: &[crate::diagnostic::Diagnostic],
    color: bool,
) {
    for d in diags {
        let _ = writeln!(stderr, "{}\n", render_diagnostic(source, d, color));
    }
}
