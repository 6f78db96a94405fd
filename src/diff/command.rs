//! `stargate-verify diff BASE HEAD` and `diff --base REV FILE`: load both
//! versions (the base from git when asked), check them, compare, print.
//!
//! With `--base`, a policy the change adds has no base version and one it
//! deletes has no head version: the missing side is an empty network (so
//! everything the other admits is opened, or closed), or, for a new policy
//! with `--new-policy notice`, a notice. Neither is an input error. Every
//! error, in `--format github`, is also an annotation.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::report::{self, Version};
use crate::report::human::render_diagnostic;
use crate::source::include;
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

/// What `diff --base` does with a policy that is not in the base revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewPolicy {
    /// Compare it with an empty network: everything it admits is opened.
    Empty,
    /// Report a notice and compare nothing.
    Notice,
}

pub struct DiffOptions {
    /// Two files, or one with `base_rev`.
    pub files: Vec<PathBuf>,
    pub base_rev: Option<String>,
    pub format: DiffFormat,
    pub fail_on: FailOn,
    pub new_policy: NewPolicy,
    pub verify: Options,
    pub color: bool,
    /// Both versions already read (BASE, then HEAD) with the diagnostics of
    /// reading them, by a front end other than `.sg` files (`diff
    /// --terraform`); `files` and `base_rev` are then not read.
    pub preloaded: Option<Box<[Loaded; 2]>>,
}

/// A version as a front end read it: its text and the diagnostics of reading it.
pub type Loaded = (SourceText, Vec<crate::diagnostic::Diagnostic>);

/// Runs the command; returns the exit status.
pub fn run(opts: &DiffOptions, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if let Some(pre) = &opts.preloaded {
        let [(base_text, base_load), (head_text, head_load)] = &**pre;
        let (base_checked, head_checked) = analyze_both(
            opts,
            (base_text, base_load.clone()),
            (head_text, head_load.clone()),
        );
        let base = checked(base_text, base_checked, opts, out, err);
        let head = checked(head_text, head_checked, opts, out, err);
        let (Some(base), Some(head)) = (base, head) else {
            return 2;
        };
        return compare(
            opts,
            (base_text, &base),
            (head_text, &head),
            None,
            (out, err),
        );
    }
    let github = opts.format == DiffFormat::Github;
    let (base, head) = match load(opts) {
        Ok(l) => l,
        Err(msg) => {
            let _ = writeln!(err, "error: {msg}");
            if github {
                let _ = writeln!(
                    out,
                    "::error title=stargate-verify diff::{}",
                    crate::report::github::escape_data(&msg)
                );
            }
            return 2;
        }
    };
    let (base, head, notice) = match (base, head) {
        (Side::Absent(name), Side::Present(head)) if opts.new_policy == NewPolicy::Notice => {
            let msg = format!(
                "`{}` is new in this change (not in {name}): not compared \
                 (`--new-policy empty` compares it with an empty network)",
                head.0
            );
            (Side::Present(head.clone()), Side::Present(head), Some(msg))
        }
        other => (other.0, other.1, None),
    };
    let base_present = matches!(base, Side::Present(_));
    let (base_src, base_bytes) = base.into_text();
    let (head_src, head_bytes) = head.into_text();
    let (base_text, base_load) = match (&opts.base_rev, opts.files.first()) {
        // The base's included files come from the same revision.
        (Some(rev), Some(path)) if base_present => {
            let read = |p: &Path| {
                from_git(rev, p)
                    .map_err(std::io::Error::other)?
                    .ok_or_else(|| std::io::Error::other(format!("not in `{rev}`")))
            };
            let name = path.display().to_string();
            let (mut text, load) = include::load(&name, &base_bytes, &read);
            text.rename_files(|n| format!("{rev}:{n}"));
            (text, load)
        }
        _ => include::load(&base_src, &base_bytes, &include::from_disk),
    };
    let (head_text, head_load) = include::load(&head_src, &head_bytes, &include::from_disk);
    let (base_checked, head_checked) =
        analyze_both(opts, (&base_text, base_load), (&head_text, head_load));
    let base = checked(&base_text, base_checked, opts, out, err);
    let head = checked(&head_text, head_checked, opts, out, err);
    let (Some(base), Some(head)) = (base, head) else {
        return 2;
    };
    compare(
        opts,
        (&base_text, &base),
        (&head_text, &head),
        notice.as_deref(),
        (out, err),
    )
}

/// Compares two checked versions and writes the report; the exit status.
fn compare(
    opts: &DiffOptions,
    (base_text, base): (&SourceText, &crate::model::CheckedPolicy),
    (head_text, head): (&SourceText, &crate::model::CheckedPolicy),
    notice: Option<&str>,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> u8 {
    let github = opts.format == DiffFormat::Github;
    let d = super::diff(base, head, &opts.verify);
    let (bv, hv) = (
        Version {
            source: base_text,
            policy: base,
        },
        Version {
            source: head_text,
            policy: head,
        },
    );
    if let Some(msg) = notice {
        if github {
            let _ = writeln!(
                out,
                "::notice file={},title=new policy::{}",
                crate::report::github::escape_property(&head_text.name),
                crate::report::github::escape_data(msg)
            );
        } else {
            let _ = writeln!(err, "note: {msg}");
        }
    }
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

/// Both versions read and checked, at the same time when there are two
/// workers or more.
fn analyze_both(
    opts: &DiffOptions,
    (base_text, base_load): (&SourceText, Vec<crate::diagnostic::Diagnostic>),
    (head_text, head_load): (&SourceText, Vec<crate::diagnostic::Diagnostic>),
) -> (crate::Analysis, crate::Analysis) {
    if super::workers(&opts.verify) < 2 {
        return (
            crate::analyze_source(base_text, base_load),
            crate::analyze_source(head_text, head_load),
        );
    }
    std::thread::scope(|scope| {
        let head = scope.spawn(|| crate::analyze_source(head_text, head_load));
        let base = crate::analyze_source(base_text, base_load);
        let head = head
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (base, head)
    })
}

/// The model of a version, or its errors rendered on `err` (and, in
/// `--format github`, as annotations on `out`).
fn checked(
    src: &SourceText,
    a: crate::Analysis,
    opts: &DiffOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Option<crate::model::CheckedPolicy> {
    if let Some(m) = a.model {
        return Some(m);
    }
    let diagnostics = a.diagnostics;
    use crate::report::github::{escape_data, escape_property};
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        let _ = writeln!(err, "{}\n", render_diagnostic(src, d, opts.color));
        if opts.format == DiffFormat::Github {
            let at = src.region(d.span);
            let (start, end) = (at.start, at.end);
            let text = match &d.help {
                Some(h) => format!("{}\nhelp: {h}", d.message),
                None => d.message.clone(),
            };
            let _ = writeln!(
                out,
                "::error file={},line={},col={},endLine={},title={}::{}",
                escape_property(at.file),
                start.line,
                start.column,
                end.line.max(start.line),
                escape_property(d.code),
                escape_data(&text)
            );
        }
    }
    None
}

/// One version as loaded: a file's name and bytes, or the name of where it
/// is missing (an empty network).
#[derive(Clone)]
enum Side {
    Present((String, Vec<u8>)),
    Absent(String),
}

impl Side {
    fn into_text(self) -> (String, Vec<u8>) {
        match self {
            Side::Present(p) => p,
            Side::Absent(name) => (format!("{name} (absent: an empty network)"), Vec::new()),
        }
    }
}

fn load(opts: &DiffOptions) -> Result<(Side, Side), String> {
    let read =
        |p: &Path| std::fs::read(p).map_err(|e| format!("cannot read `{}`: {e}", p.display()));
    match (&opts.base_rev, opts.files.as_slice()) {
        (None, [base, head]) => Ok((
            Side::Present((base.display().to_string(), read(base)?)),
            Side::Present((head.display().to_string(), read(head)?)),
        )),
        (Some(rev), [head]) => {
            let base_name = format!("{rev}:{}", head.display());
            let base = match from_git(rev, head)? {
                Some(bytes) => Side::Present((base_name, bytes)),
                None => Side::Absent(base_name),
            };
            let head_side = match std::fs::read(head) {
                Ok(bytes) => Side::Present((head.display().to_string(), bytes)),
                // Deleted by the change: everything it admitted is closed.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    if matches!(base, Side::Absent(_)) {
                        return Err(format!(
                            "`{}` is neither on disk nor in `{rev}`",
                            head.display()
                        ));
                    }
                    Side::Absent(head.display().to_string())
                }
                Err(e) => return Err(format!("cannot read `{}`: {e}", head.display())),
            };
            Ok((base, head_side))
        }
        (None, _) => Err("diff takes two files, BASE and HEAD (or --base REV and one file)".into()),
        (Some(_), _) => Err("with --base REV, diff takes one file".into()),
    }
}

/// Runs git in `dir`.
fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))
}

/// The file as it is at `rev`, from git (run in the file's directory, so
/// the path is resolved the way the user sees it); `None` when `rev` is a
/// commit that does not have the file.
fn from_git(rev: &str, file: &Path) -> Result<Option<Vec<u8>>, String> {
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(format!("`{}` is not a directory", dir.display()));
    }
    let name = file
        .file_name()
        .ok_or_else(|| format!("`{}` is not a file", file.display()))?;
    let commit = format!("{rev}^{{commit}}");
    let resolved = git(dir, &["rev-parse", "--verify", "--quiet", &commit])?;
    if !resolved.status.success() {
        return Err(format!("`{rev}` is not a revision of the repository"));
    }
    let spec = format!("{rev}:./{}", name.to_string_lossy());
    if !git(dir, &["cat-file", "-e", &spec])?.status.success() {
        return Ok(None);
    }
    let out = git(dir, &["show", &spec])?;
    if !out.status.success() {
        return Err(format!(
            "git show {spec} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(Some(out.stdout))
}
