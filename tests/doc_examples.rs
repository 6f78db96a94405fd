//! Keeps the examples of `docs/language.md` and `docs/codes.md` honest.
//!
//! Every fenced block tagged `sg` must be a complete policy without error
//! diagnostics (warnings are allowed); every block tagged `sg-error` must
//! produce at least one error. Two kinds of comment add checks:
//!
//! - `# expect: stargate::stage::name` anywhere in a block: a diagnostic
//!   with that code must be reported;
//! - an `assert` line ending in `# proved`, `# refuted` or `# unknown`
//!   (optionally followed by more text): the assertion must get that verdict.
//!
//! Blocks tagged anything else (`text`, `json`) are not checked.

use std::path::Path;

use stargate_verify::verify::Options;

struct Block {
    /// `sg` or `sg-error`.
    tag: String,
    /// Line of the opening fence in the document, from 1.
    line: usize,
    text: String,
}

fn blocks(doc: &str) -> Vec<Block> {
    let mut out = Vec::new();
    // The block being read, if it is an example; `in_fence` for any fence.
    let mut current: Option<Block> = None;
    let mut in_fence = false;
    for (i, line) in doc.lines().enumerate() {
        let trimmed = line.trim_end();
        if in_fence {
            // Only a bare fence closes a block.
            if trimmed == "```" {
                in_fence = false;
                out.extend(current.take());
            } else if let Some(b) = current.as_mut() {
                b.text.push_str(line);
                b.text.push('\n');
            }
            continue;
        }
        if let Some(tag) = trimmed.strip_prefix("```") {
            in_fence = true;
            let tag = tag.trim();
            if tag == "sg" || tag == "sg-error" {
                current = Some(Block {
                    tag: tag.to_string(),
                    line: i + 1,
                    text: String::new(),
                });
            }
        }
    }
    assert!(!in_fence, "a fenced block of the document is never closed");
    out
}

/// `# expect: CODE` lines of a block.
fn expected_codes(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let c = stargate_verify::syntax::comment_start(l)?;
            let comment = l[c..].trim_start_matches(['#', '/']).trim();
            comment
                .strip_prefix("expect:")
                .map(|code| code.trim().to_string())
        })
        .collect()
}

/// `(assertion name, expected status)` for `assert` lines with a verdict comment.
fn expected_verdicts(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let rest = l.trim_start().strip_prefix("assert")?;
            if !rest.starts_with(char::is_whitespace) {
                return None;
            }
            let name = rest.trim_start().split(':').next()?.trim().to_string();
            let c = stargate_verify::syntax::comment_start(l)?;
            let comment = l[c..].trim_start_matches(['#', '/']).trim();
            let word: String = comment
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            matches!(word.as_str(), "proved" | "refuted" | "unknown").then_some((name, word))
        })
        .collect()
}

fn describe(diags: &[stargate_verify::diagnostic::Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| format!("  {} {}: {}", d.severity.as_str(), d.code, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn language_reference_examples() {
    check_examples("docs/language.md", 5, 1);
}

/// The example of every code's section in `docs/codes.md`, which
/// `stargate-verify explain` prints.
#[test]
fn diagnostic_code_examples() {
    check_examples("docs/codes.md", 6, 20);
}

/// Checks every example of a document; `good` and `bad` are the least
/// numbers of `sg` and `sg-error` blocks it must have.
fn check_examples(rel: &str, good_at_least: usize, bad_at_least: usize) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let doc = std::fs::read_to_string(&path).expect("read the document");
    let blocks = blocks(&doc);
    let good = blocks.iter().filter(|b| b.tag == "sg").count();
    let bad = blocks.iter().filter(|b| b.tag == "sg-error").count();
    assert!(
        good >= good_at_least,
        "expected ```sg examples in {rel}, found {good}"
    );
    assert!(
        bad >= bad_at_least,
        "expected ```sg-error examples in {rel}, found {bad}"
    );

    let mut failures = Vec::new();
    let mut verdicts_checked = 0;
    for b in &blocks {
        let where_ = format!("{rel}:{} (```{})", b.line, b.tag);
        let diags = stargate_verify::analyze(&b.text).diagnostics;
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).cloned().collect();
        match b.tag.as_str() {
            "sg" if !errors.is_empty() => failures.push(format!(
                "{where_}: expected no errors, got:\n{}",
                describe(&errors)
            )),
            "sg-error" if errors.is_empty() => failures.push(format!(
                "{where_}: expected at least one error, got:\n{}",
                describe(&diags)
            )),
            _ => {}
        }
        for code in expected_codes(&b.text) {
            if !diags.iter().any(|d| d.code == code) {
                failures.push(format!(
                    "{where_}: expected a `{code}` diagnostic, got:\n{}",
                    describe(&diags)
                ));
            }
        }
        let wanted = expected_verdicts(&b.text);
        if wanted.is_empty() {
            continue;
        }
        if b.tag != "sg" {
            failures.push(format!(
                "{where_}: verdict comments only make sense in ```sg blocks"
            ));
            continue;
        }
        let report =
            stargate_verify::check_bytes("example.sg", b.text.as_bytes(), &Options::default());
        let Some(policy) = &report.policy else {
            failures.push(format!("{where_}: the policy was not verified"));
            continue;
        };
        for (name, status) in wanted {
            verdicts_checked += 1;
            let got = report
                .verdicts
                .iter()
                .find(|v| policy.assertions[v.assertion].name == name)
                .map(|v| v.status.as_str());
            if got != Some(status.as_str()) {
                failures.push(format!(
                    "{where_}: assertion `{name}` should be {status}, got {}",
                    got.unwrap_or("no verdict")
                ));
            }
        }
    }
    assert!(verdicts_checked > 0, "no verdict comments were found");
    assert!(
        failures.is_empty(),
        "{} problem(s) in the examples of {rel}:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn block_extraction() {
    let doc =
        "text\n```sg\nzone a { addresses any }\n```\n\n```text\n```sg\n```\n```sg-error\nx\n```\n";
    let b = blocks(doc);
    assert_eq!(b.len(), 2);
    assert_eq!(b[0].tag, "sg");
    assert_eq!(b[0].line, 2);
    assert_eq!(b[0].text, "zone a { addresses any }\n");
    assert_eq!(b[1].tag, "sg-error");
    assert_eq!(b[1].text, "x\n");
    assert_eq!(
        expected_verdicts(
            "assert a: no path x -> y   # proved, see above\nassert b: path x -> y\n"
        ),
        [("a".to_string(), "proved".to_string())]
    );
    assert_eq!(
        expected_codes("# expect: stargate::parse::syntax\nzone a { addresses any }"),
        ["stargate::parse::syntax"]
    );
}
