//! The formatter's laws: formatting twice changes nothing, every comment
//! survives, the meaning (the AST without its spans, the diagnostics, the
//! verdicts) never changes, `--check`, `--diff` and `-` behave as the
//! command line promises, and broken files are refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use stargate_verify::fmt::format;
use stargate_verify::verify::Options;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fmt_ok(text: &str) -> String {
    match format(text) {
        Ok(f) => f,
        Err(d) => panic!("refused to format:\n{text}\n{d:#?}"),
    }
}

/// The AST as Debug text with every span left out.
fn ast_without_spans(text: &str) -> String {
    let (ast, _) = stargate_verify::syntax::parse(text);
    let debug = format!("{ast:?}");
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(i) = rest.find("Span { start: ") {
        out.push_str(&rest[..i]);
        out.push_str("Span");
        rest = rest[i..].split_once('}').map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

/// Diagnostics by code and message: what the checker says, wherever it is.
fn diagnostics(text: &str) -> Vec<(String, String)> {
    stargate_verify::diagnostics(text)
        .into_iter()
        .map(|d| (d.code.to_string(), d.message))
        .collect()
}

/// The comments of a text, found by a scan that knows strings and globs.
fn comments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        if let Some(i) = stargate_verify::syntax::comment_start(line) {
            out.push(line[i..].trim_end().to_string());
        }
    }
    out
}

fn assert_same_meaning(before: &str, after: &str) {
    assert_eq!(
        ast_without_spans(before),
        ast_without_spans(after),
        "the AST changed:\n{after}"
    );
    assert_eq!(
        diagnostics(before),
        diagnostics(after),
        "diagnostics changed:\n{after}"
    );
    assert_eq!(
        comments(before),
        comments(after),
        "comments changed:\n{after}"
    );
}

/// Ugly inputs: odd spacing, comments everywhere, one-line blocks,
/// trailing commas, CRLF, `;` separators.
const UGLY: &[&str] = &[
    include_str!("data/fmt/ugly.sg"),
    "zone a{addresses any}zone b{addresses 10.0.0.0/8;listen[80,443,]from a;egress to a ports any}",
    "policy p;;;let x=[10.0.0.0/8,[10.1.0.0/16]except 10.1.2.0/24,];assert q:no connection a->port[80,53/udp]",
    "service s { addresses 10.0.0.1 listen 80 }   # trailing after a one-line block\r\n",
    "proxy p{addresses 10.0.0.0/24 on 80{}on 81{ # empty but commented\n}}",
    "# only comments\n\n\n// and more\n",
    "zone z { # a\n # b\n addresses # c\n any # d\n # e\n } # f\n # g",
    "assert a: every path x -> y where (path in [/a, # one\n /b] # two\n ) via z",
    "proxy p {\n  on 80 {\n    forward to s:80 # t\n      set header X-A = \"#not a comment\" // c\n      remove header X-B ; deny unless path in /a//b\n  }\n}\n",
    "secret s \"a \\\" quote\"  # c\nlet l = any except [s] # d\n",
];

#[test]
fn ugly_inputs_format_once_and_for_all() {
    for text in UGLY {
        let once = fmt_ok(text);
        let twice = fmt_ok(&once);
        assert_eq!(once, twice, "not idempotent on:\n{text}");
        assert!(once.is_empty() || once.ends_with('\n') && !once.ends_with("\n\n"));
        assert!(!once.contains('\r') && !once.contains(" \n") && !once.contains("\n\n\n"));
        assert!(stargate_verify::fmt::is_formatted(&once));
        assert_same_meaning(text, &once);
    }
}

#[test]
fn the_ugly_file_formats_as_documented() {
    let expected = std::fs::read_to_string(root().join("tests/data/fmt/ugly.formatted.sg"))
        .expect("read expected output");
    assert_eq!(fmt_ok(include_str!("data/fmt/ugly.sg")), expected);
}

/// Every policy of the repository that parses: the sandbox, the ui cases,
/// the test data.
fn repository_policies() -> Vec<PathBuf> {
    let mut out = vec![root().join("policies/sandbox.sg")];
    for dir in [
        "policies",
        "tests/data",
        "tests/ui/verify",
        "tests/ui/model",
        "tests/ui/parse",
        "tests/ui/io",
    ] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "sg"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out.dedup();
    out
}

#[test]
fn repository_policies_format_idempotently_or_are_refused() {
    let mut formatted = 0;
    for path in repository_policies() {
        let bytes = std::fs::read(&path).expect("read policy");
        // As the command line reads it: without a byte-order mark.
        let (source, decode_error) = stargate_verify::decode("policy.sg", &bytes);
        if decode_error.is_some() {
            continue;
        }
        let text = source.text;
        match format(&text) {
            Ok(once) => {
                assert_eq!(fmt_ok(&once), once, "{} is not idempotent", path.display());
                assert_same_meaning(&text, &once);
                formatted += 1;
            }
            Err(diags) => {
                // Refused only for the reasons the checker also stops at.
                assert!(
                    diags.iter().all(|d| d.is_error()
                        && d.code.starts_with("stargate::parse::")
                        && stargate_verify::diagnostics(&text)
                            .iter()
                            .any(|c| c.code == d.code && c.span == d.span)),
                    "{}: {diags:#?}",
                    path.display()
                );
            }
        }
    }
    assert!(formatted > 35, "only {formatted} policies formatted");
}

#[test]
fn documented_examples_format_idempotently() {
    let doc = std::fs::read_to_string(root().join("docs/language.md")).expect("read docs");
    let mut count = 0;
    let mut block: Option<String> = None;
    for line in doc.lines() {
        match (&mut block, line.trim_end()) {
            (None, "```sg") | (None, "```sg-error") => block = Some(String::new()),
            (Some(text), "```") => {
                if let Ok(once) = format(text) {
                    assert_eq!(fmt_ok(&once), once);
                    assert_same_meaning(text, &once);
                    count += 1;
                }
                block = None;
            }
            (Some(text), _) => {
                text.push_str(line);
                text.push('\n');
            }
            _ => {}
        }
    }
    assert!(count > 10, "only {count} examples");
}

#[test]
fn the_documented_example_is_what_fmt_does() {
    let doc = std::fs::read_to_string(root().join("docs/language.md")).expect("read docs");
    let (_, section) = doc
        .split_once("## 13. Formatting")
        .expect("docs/language.md has a Formatting section");
    let block = |tag: &str| -> String {
        let (_, rest) = section
            .split_once(&format!("```{tag}\n"))
            .expect("example block");
        rest.split_once("```\n").map_or("", |(b, _)| b).to_string()
    };
    assert_eq!(fmt_ok(&block("text")), block("sg"));
}

fn verdicts(text: &str) -> Vec<String> {
    let opts = Options {
        jobs: 1,
        ..Options::default()
    };
    let report = stargate_verify::check_bytes("policy.sg", text.as_bytes(), &opts);
    let policy = report.policy.as_ref().expect("the policy checks");
    report
        .verdicts
        .iter()
        .map(|v| {
            let name = &policy.assertions[v.assertion].name;
            let journey = v.trace.as_ref().map(|t| {
                let hops: Vec<_> = t
                    .hops
                    .iter()
                    .map(|h| (h.from, h.to, h.port, h.source, h.tls))
                    .collect();
                format!("{:?} {hops:?}", t.request)
            });
            format!("{name} {:?} {journey:?}", v.status)
        })
        .collect()
}

#[test]
fn formatting_keeps_the_verdicts() {
    let mut files = vec![root().join("policies/sandbox.sg")];
    for p in repository_policies() {
        if p.parent().is_some_and(|d| d.ends_with("tests/ui/verify")) {
            files.push(p);
        }
    }
    assert!(files.len() >= 4);
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read policy");
        let formatted = fmt_ok(&text);
        assert_eq!(verdicts(&text), verdicts(&formatted), "{}", path.display());
    }
}

/// A small seeded generator, so that a failing case can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn is_punct(c: char, after: Option<char>) -> bool {
    "{}[](),:=;!>".contains(c) || (c == '-' && after == Some('>'))
}

/// Rewrites the whitespace between tokens at random; comments and strings
/// are left alone. `keep_lines` keeps the number of line breaks of every
/// gap (only spaces, tabs and `\r` change), so the output must not change;
/// otherwise breaks are added and removed too.
fn mutate(text: &str, seed: u64, keep_lines: bool) -> String {
    let mut rng = Rng(seed | 1);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let comment = c == '#'
            || (c == '/'
                && chars.get(i + 1) == Some(&'/')
                && (i == 0 || chars[i - 1].is_whitespace()));
        if comment {
            while i < chars.len() && chars[i] != '\n' {
                out.push(chars[i]);
                i += 1;
            }
            continue;
        }
        if c == '"' {
            out.push(c);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(chars[i]);
                    i += 1;
                }
                if let Some(&ch) = chars.get(i) {
                    out.push(ch);
                }
                i += 1;
            }
            if i < chars.len() {
                out.push('"');
                i += 1;
            }
            continue;
        }
        if !c.is_whitespace() {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let newlines = chars[start..i].iter().filter(|&&c| c == '\n').count();
        let before = out.chars().last();
        let after = chars.get(i).copied();
        let deletable = newlines == 0
            && after.is_some_and(|a| a != '/' && a != '"')
            && (before.is_some_and(|b| is_punct(b, None))
                || after.is_some_and(|a| is_punct(a, chars.get(i + 1).copied()) || a == '#'));
        let horizontal = [" ", "  ", "\t", " \t "];
        if newlines == 0 && (!keep_lines || rng.next(4) > 0) {
            if deletable && rng.next(3) == 0 {
                continue;
            }
            out.push_str(horizontal[rng.next(horizontal.len())]);
            if !keep_lines && rng.next(6) == 0 {
                out.push('\n');
            }
            continue;
        }
        let breaks = if keep_lines || newlines == 0 {
            newlines.max(usize::from(newlines == 0 && !keep_lines))
        } else {
            1 + rng.next(3)
        };
        for _ in 0..breaks {
            out.push_str(horizontal[rng.next(horizontal.len())]);
            out.push_str(if rng.next(2) == 0 { "\r\n" } else { "\n" });
        }
        out.push_str(horizontal[rng.next(horizontal.len())]);
    }
    out
}

fn mutation_sources() -> Vec<String> {
    let mut out: Vec<String> =
        vec![std::fs::read_to_string(root().join("policies/sandbox.sg")).expect("read sandbox")];
    for p in repository_policies() {
        let in_dir = |d: &str| p.parent().is_some_and(|dir| dir.ends_with(d));
        if in_dir("tests/ui/verify") || in_dir("tests/data") {
            out.push(std::fs::read_to_string(&p).expect("read policy"));
        }
    }
    out.extend(UGLY.iter().map(|s| s.to_string()));
    out
}

#[test]
fn whitespace_never_changes_meaning() {
    let sources = mutation_sources();
    let mut runner = TestRunner::new(Config {
        cases: 48,
        ..Config::default()
    });
    let result = runner.run(
        &(0..sources.len(), any::<u64>(), any::<bool>()),
        |(which, seed, keep_lines)| {
            let original = &sources[which];
            let mutated = mutate(original, seed, keep_lines);
            let formatted = match format(&mutated) {
                Ok(f) => f,
                Err(d) => return Err(TestCaseError::fail(format!("refused:\n{mutated}\n{d:?}"))),
            };
            prop_assert_eq!(ast_without_spans(original), ast_without_spans(&formatted));
            prop_assert_eq!(comments(original), comments(&formatted));
            prop_assert_eq!(&fmt_ok(&formatted), &formatted);
            if keep_lines {
                prop_assert_eq!(&formatted, &fmt_ok(original), "mutated:\n{}", mutated);
            }
            Ok(())
        },
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

// --- the command line -------------------------------------------------------

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stargate-verify"));
    c.current_dir(root());
    c.env("NO_COLOR", "1");
    c
}

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run stargate-verify");
    if let Some(mut input) = child.stdin.take() {
        use std::io::Write;
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("wait for stargate-verify")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stargate-fmt-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_lists_unformatted_files_and_exits_1() {
    let dir = temp_dir("check");
    let ugly = dir.join("ugly.sg");
    let tidy = dir.join("tidy.sg");
    std::fs::write(&ugly, UGLY[1]).expect("write");
    std::fs::write(&tidy, fmt_ok(UGLY[1])).expect("write");
    let (ugly_s, tidy_s) = (ugly.to_string_lossy(), tidy.to_string_lossy());

    let out = run(&["fmt", "--check", &tidy_s], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");

    let out = run(&["fmt", "--check", &ugly_s, &tidy_s], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), format!("{ugly_s}\n"));
    assert_eq!(
        std::fs::read_to_string(&ugly).expect("read"),
        UGLY[1],
        "--check wrote"
    );

    let out = run(&["fmt", "--check", "-"], UGLY[1]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "<stdin>\n");
}

#[test]
fn diff_shows_the_changes_without_writing() {
    let dir = temp_dir("diff");
    let ugly = dir.join("ugly.sg");
    std::fs::write(
        &ugly,
        "zone a { addresses any }\nzone  b {addresses 10.0.0.0/8}\n",
    )
    .expect("write");
    let name = ugly.to_string_lossy();
    let out = run(&["fmt", "--diff", &name], "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!(
            "--- {name}\n+++ {name}\n@@ -1,2 +1,2 @@\n zone a {{ addresses any }}\n-zone  b {{addresses 10.0.0.0/8}}\n+zone b {{ addresses 10.0.0.0/8 }}\n"
        )
    );
    assert!(std::fs::read_to_string(&ugly)
        .expect("read")
        .contains("zone  b"));
    let out = run(&["fmt", "--diff", "--check", &name], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with(&format!("{name}\n--- {name}\n")));
}

#[test]
fn rewrites_files_in_place_and_formats_standard_input() {
    let dir = temp_dir("write");
    let file = dir.join("p.sg");
    std::fs::write(&file, UGLY[3]).expect("write");
    let name = file.to_string_lossy();
    let out = run(&["fmt", &name], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    let written = std::fs::read_to_string(&file).expect("read");
    assert_eq!(written, fmt_ok(UGLY[3]));
    assert_eq!(
        written,
        "service s {\n  addresses 10.0.0.1\n  listen 80\n}  # trailing after a one-line block\n"
    );

    let out = run(&["fmt", "-"], UGLY[1]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), fmt_ok(UGLY[1]));
}

#[test]
fn broken_files_are_refused_with_located_errors() {
    let dir = temp_dir("broken");
    let file = dir.join("broken.sg");
    let broken = "zone a { addresses any }\nservice b { listen from a }\n";
    std::fs::write(&file, broken).expect("write");
    let name = file.to_string_lossy();
    for args in [vec!["fmt", &name], vec!["fmt", "--check", &name]] {
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(2));
        let err = text(&out.stderr);
        assert!(err.contains("stargate::parse::syntax"), "{err}");
        assert!(err.contains("broken.sg:2:20"), "{err}");
        assert!(err.contains("not formatted"), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&file).expect("read"), broken);

    let out = run(&["fmt", "-"], "secret s \"open\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("stargate::parse::unterminated_string"));
    assert_eq!(text(&out.stdout), "");

    let out = run(
        &[
            "fmt",
            "--check",
            "tests/ui/io/invalid_utf8.sg",
            "missing.sg",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("stargate::io::invalid_utf8") && err.contains("stargate::io::read"),
        "{err}"
    );
}
