//! `include "FILE"`: several files made one policy with one namespace.
//!
//! The root file is read, and every file it includes (a path relative to
//! the including file), depth first, each once. Every file must parse on
//! its own: a file is a list of whole statements, so laying the files end
//! to end gives the statements of all of them, and a syntax error in one
//! cannot swallow the start of the next. Include cycles, missing files and
//! an included file that names the policy are located errors at the
//! `include` (or `policy`) that causes them.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use super::{SourceBuilder, SourceText};
use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::syntax::ast::Statement;

/// At most this many files make one policy.
pub const MAX_FILES: usize = 1000;

/// Reads a file of the policy (the file system, or a commit for `diff`).
pub type Reader<'a> = &'a dyn Fn(&Path) -> std::io::Result<Vec<u8>>;

/// Reads the files from the file system.
pub fn from_disk(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// The policy whose root file is `name` with these bytes, with every file
/// it includes. The diagnostics are those of reading the files and, when a
/// file does not parse, its syntax errors; [`crate::analyze_source`] then
/// reports them instead of checking the policy.
pub fn load(name: &str, bytes: &[u8], read: Reader) -> (SourceText, Vec<Diagnostic>) {
    let (root, decode_error) = crate::decode(name, bytes);
    if let Some(d) = decode_error {
        return (root, vec![d]);
    }
    // Most policies are one file: no second parse for them.
    if !root.text.contains("include") {
        return (root, Vec::new());
    }
    let mut l = Loader {
        builder: SourceBuilder::default(),
        seen: HashSet::new(),
        stack: Vec::new(),
        diags: Vec::new(),
        read,
        bytes: 0,
    };
    l.file(PathBuf::from(name), &root.text);
    let several = l.builder.parts.len() > 1;
    let source = l.builder.finish();
    if !several
        && !l
            .diags
            .iter()
            .any(|d| d.code.starts_with("stargate::include"))
    {
        // One file after all (the word was in a comment or a name): it is
        // analysed exactly as it always was.
        return (root, Vec::new());
    }
    (source, l.diags)
}

struct Loader<'a> {
    builder: SourceBuilder,
    seen: HashSet<PathBuf>,
    /// The files being read, outermost first (depth first without
    /// recursion, so a long chain cannot exhaust the stack).
    stack: Vec<Frame>,
    diags: Vec<Diagnostic>,
    read: Reader<'a>,
    bytes: usize,
}

/// A file being read: who it is, and its includes not followed yet.
struct Frame {
    key: PathBuf,
    name: String,
    includes: Vec<(PathBuf, Span)>,
    next: usize,
}

impl Loader<'_> {
    /// Reads the root file and, depth first, every file it includes.
    fn file(&mut self, path: PathBuf, text: &str) {
        self.open(path, text);
        while let Some(top) = self.stack.last_mut() {
            let Some((target, span)) = top.includes.get(top.next).cloned() else {
                self.stack.pop();
                continue;
            };
            top.next += 1;
            self.include(target, span);
        }
    }

    /// Adds a file and parses it; its includes are followed later.
    fn open(&mut self, path: PathBuf, text: &str) {
        let start = self.builder.next_start();
        self.builder.add(path.display().to_string(), text);
        self.bytes += text.len();
        let key = identity(&path);
        self.seen.insert(key.clone());
        let (ast, diags) = crate::syntax::parse(text);
        self.diags
            .extend(diags.into_iter().map(|d| shifted(d, start)));
        let included = !self.stack.is_empty();
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut includes = Vec::new();
        for stmt in &ast.statements {
            match stmt {
                Statement::Policy(id) if included => self.diags.push(
                    Diagnostic::error(
                        "stargate::include::policy",
                        "an included file cannot name the policy",
                        id.span.shifted(start),
                    )
                    .label("`policy` in an included file")
                    .help("only the root file has a `policy` statement; remove this one"),
                ),
                Statement::Include(inc) => {
                    let span = inc.path.span.shifted(start);
                    includes.push((normalize(&dir.join(&inc.path.value)), span));
                }
                _ => {}
            }
        }
        self.stack.push(Frame {
            key,
            name: path.display().to_string(),
            includes,
            next: 0,
        });
    }

    fn include(&mut self, target: PathBuf, span: Span) {
        let key = identity(&target);
        if self.stack.iter().any(|f| f.key == key) {
            let chain: Vec<&str> = self
                .stack
                .iter()
                .skip_while(|f| f.key != key)
                .map(|f| f.name.as_str())
                .collect();
            self.diags.push(
                Diagnostic::error(
                    "stargate::include::cycle",
                    format!("`{}` includes itself", target.display()),
                    span,
                )
                .label("this include closes a cycle")
                .help(format!(
                    "the cycle is {} -> {}; a file can be included only once along a chain",
                    chain.join(" -> "),
                    target.display()
                )),
            );
            return;
        }
        if self.seen.contains(&key) {
            return;
        }
        if self.seen.len() >= MAX_FILES {
            self.diags.push(
                Diagnostic::error(
                    "stargate::include::too_many_files",
                    format!("a policy may have at most {MAX_FILES} files"),
                    span,
                )
                .label("one file too many")
                .help("join some of the files, or split the policy into several policies"),
            );
            return;
        }
        let bytes = match (self.read)(&target) {
            Ok(b) => b,
            Err(e) => {
                self.diags.push(
                    Diagnostic::error(
                        "stargate::include::missing",
                        format!("cannot read `{}`: {e}", target.display()),
                        span,
                    )
                    .label("included here")
                    .help("the path is relative to the file that includes it"),
                );
                return;
            }
        };
        if self.bytes + bytes.len() > crate::MAX_FILE_BYTES {
            self.diags.push(
                Diagnostic::error(
                    "stargate::io::too_large",
                    format!(
                        "the policy's files are over the limit of {} bytes together",
                        crate::MAX_FILE_BYTES
                    ),
                    span,
                )
                .label("the limit is passed here")
                .help("split the policy into several policies"),
            );
            return;
        }
        let start = self.builder.next_start();
        let (src, err) = crate::decode(&target.display().to_string(), &bytes);
        if let Some(d) = err {
            self.builder.add(target.display().to_string(), &src.text);
            self.diags.push(shifted(d, start));
            return;
        }
        self.open(target, &src.text);
    }
}

fn shifted(mut d: Diagnostic, by: usize) -> Diagnostic {
    d.span = d.span.shifted(by);
    for r in &mut d.related {
        r.span = r.span.shifted(by);
    }
    d
}

/// What tells two paths of one file apart: the real path where the file
/// exists, else the path without `.` and `..` steps.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| normalize(path))
}

/// `a/./b/../c` as `a/c`, without asking the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn files(list: &[(&str, &str)]) -> HashMap<PathBuf, Vec<u8>> {
        list.iter()
            .map(|(n, t)| (PathBuf::from(n), t.as_bytes().to_vec()))
            .collect()
    }

    fn run(list: &[(&str, &str)]) -> (SourceText, Vec<Diagnostic>) {
        let fs = files(list);
        let read = |p: &Path| {
            fs.get(p)
                .cloned()
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
        };
        load(list[0].0, list[0].1.as_bytes(), &read)
    }

    #[test]
    fn files_are_laid_end_to_end_once_each() {
        let (s, d) = run(&[
            (
                "p/main.sg",
                "policy p\ninclude \"a.sg\"\ninclude \"sub/b.sg\"",
            ),
            ("p/a.sg", "let a = 10.0.0.0/8 # no line break at the end"),
            ("p/sub/b.sg", "include \"../a.sg\"\nlet b = a"),
        ]);
        assert!(d.is_empty(), "{d:?}");
        let names: Vec<&str> = s.files().collect();
        assert_eq!(names, ["p/main.sg", "p/a.sg", "p/sub/b.sg"]);
        let b = s.policy_text().find("let b").unwrap_or(0);
        assert_eq!(s.line_ref(Span::new(b, b + 3)), "line 2 of p/sub/b.sg");
    }

    #[test]
    fn cycles_missing_files_and_policies_are_located() {
        let (s, d) = run(&[
            ("main.sg", "policy p\ninclude \"a.sg\"\ninclude \"gone.sg\""),
            ("a.sg", "policy q\ninclude \"main.sg\""),
        ]);
        let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                "stargate::include::policy",
                "stargate::include::cycle",
                "stargate::include::missing"
            ]
        );
        assert_eq!(s.file(d[0].span), "a.sg");
        assert_eq!(s.file(d[1].span), "a.sg");
        assert_eq!(s.line(d[1].span), 2);
        assert_eq!(s.file(d[2].span), "main.sg");
        assert_eq!(s.line(d[2].span), 3);
    }

    #[test]
    fn a_syntax_error_stays_in_its_file() {
        let (s, d) = run(&[
            ("main.sg", "policy p\ninclude \"a.sg\"\nlet x = 10.0.0.0/8"),
            ("a.sg", "zone z {\n  addresses [\n"),
        ]);
        assert!(!d.is_empty());
        assert!(d.iter().all(|d| s.file(d.span) == "a.sg"), "{d:?}");
    }

    #[test]
    fn a_runaway_chain_stops_at_the_limit() {
        let texts: Vec<(String, String)> = (0..=MAX_FILES + 5)
            .map(|i| (format!("f{i}.sg"), format!("include \"f{}.sg\"", i + 1)))
            .collect();
        let list: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let (s, d) = run(&list);
        assert_eq!(s.files().count(), MAX_FILES);
        let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["stargate::include::too_many_files"]);
    }

    #[test]
    fn one_file_that_mentions_the_word_is_unchanged() {
        let (s, d) = run(&[("main.sg", "policy p # include nothing\n")]);
        assert!(d.is_empty());
        assert!(!s.is_several());
        assert_eq!(s.text, "policy p # include nothing\n");
    }
}
