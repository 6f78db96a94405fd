//! `stargate-verify diff BASE HEAD` and `diff --base REV FILE`: load both
//! versions (the base from git when asked), check them, compare, print.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::report::{self, Version};
use crate::report::human::render_diagnostic;
use crate::verify::Options;
use crate::SourceText;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Human,
    Json,
    Sarif,
    Github,
    Html,
}

/// When `diff` exits with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// A flow was opened (or a pair could not be decided).
    Opened,
    /// Anything changed.
    Any,
    Never,
}

pub struct DiffOptions {
    /// Two files, or one with `base_rev`.
    pub files: Vec<PathBuf>,
    pub base_rev: Option<String>,
    pub format: DiffFormat,
    pub fail_on: FailOn,
    pub verify: Options,
    pub color: bool,
}

/// Runs the command; returns the exit status.
pub fn run(opts: &DiffOptions, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let loaded = match load(opts) {
        Ok(l) => l,
        Err(msg) => {
            let _ = writeln!(err, "error: {msg}");
            return 2;
        }
    };
    let ((base_src, base_bytes), (head_src, head_bytes)) = loaded;
    let (base_text, base_err) = crate::decode(&base_src, &base_bytes);
    let (head_text, head_err) = crate::decode(&head_src, &head_bytes);
    let base = checked(&base_text, base_err, opts.color, err);
    let head = checked(&head_text, head_err, opts.color, err);
    let (Some(base), Some(head)) = (base, head) else {
        return 2;
    };
    let d = super::diff(&base, &head, &opts.verify);
    let (bv, hv) = (
        Version {
            source: &base_text,
            policy: &base,
        },
        Version {
            source: &head_text,
            policy: &head,
        },
    );
    let text = match opts.format {
        DiffFormat::Human => report::human(&d, &bv, &hv),
        DiffFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&report::to_json(&d, &bv, &hv)).unwrap_or_default()
        ),
        DiffFormat::Sarif => format!(
            "{}\n",
            serde_json::to_string_pretty(&report::to_sarif(&d, &bv, &hv)).unwrap_or_default()
        ),
        DiffFormat::Github => report::github_annotations(&d, &bv, &hv),
        DiffFormat::Html => super::html::render(&d, &bv, &hv),
    };
    if out.write_all(text.as_bytes()).is_err() {
        return 2;
    }
    let fail = match opts.fail_on {
        FailOn::Opened => !d.opened.is_empty() || !d.undecided.is_empty(),
        FailOn::Any => !d.is_empty(),
        FailOn::Never => false,
    };
    u8::from(fail)
}

/// The model of a version, or its errors rendered on `err`.
fn checked(
    src: &SourceText,
    decode_error: Option<crate::diagnostic::Diagnostic>,
    color: bool,
    err: &mut dyn Write,
) -> Option<crate::model::CheckedPolicy> {
    let diagnostics = match decode_error {
        Some(d) => vec![d],
        None => {
            let a = crate::analyze(&src.text);
            if let Some(m) = a.model {
                return Some(m);
            }
            a.diagnostics
        }
    };
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        let _ = writeln!(err, "{}\n", render_diagnostic(src, d, color));
    }
    None
}

type Loaded = ((String, Vec<u8>), (String, Vec<u8>));

fn load(opts: &DiffOptions) -> Result<Loaded, String> {
    let read =
        |p: &Path| std::fs::read(p).map_err(|e| format!("cannot read `{}`: {e}", p.display()));
    match (&opts.base_rev, opts.files.as_slice()) {
        (None, [base, head]) => Ok((
            (base.display().to_string(), read(base)?),
            (head.display().to_string(), read(head)?),
        )),
        (Some(rev), [head]) => {
            let base = from_git(rev, head)?;
            Ok((
                (format!("{rev}:{}", head.display()), base),
                (head.display().to_string(), read(head)?),
            ))
        }
        (None, _) => Err("diff takes two files, BASE and HEAD (or --base REV and one file)".into()),
        (Some(_), _) => Err("with --base REV, diff takes one file".into()),
    }
}

/// The file as it is at `rev`, from git (run in the file's directory, so
/// the path is resolved the way the user sees it).
fn from_git(rev: &str, file: &Path) -> Result<Vec<u8>, String> {
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = file
        .file_name()
        .ok_or_else(|| format!("`{}` is not a file", file.display()))?;
    let spec = format!("{rev}:./{}", name.to_string_lossy());
    let out = Command::new("git")
        .arg("show")
        .arg(&spec)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git show {spec} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}
