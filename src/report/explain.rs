//! `stargate-verify explain CODE`: what a diagnostic code means, an example
//! and the fix, as `rustc --explain` does. The text is `docs/codes.md`,
//! compiled in, so the command, the docs and the links that SARIF rules and
//! editor diagnostics carry (`helpUri`, `codeDescription.href`) are one
//! source: a section per code, headed by the code in backticks.

/// The reference every explanation comes from.
pub const DOCS: &str = include_str!("../../docs/codes.md");

/// The path of that reference in the repository.
pub const DOCS_PATH: &str = "docs/codes.md";

/// One code's section of the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    pub code: &'static str,
    /// The section, from its heading to the next heading, as Markdown.
    pub text: &'static str,
}

/// Every section: `### `stargate::stage::name`` up to the next heading.
pub fn all() -> Vec<Explanation> {
    let mut starts: Vec<(usize, &'static str)> = Vec::new();
    let mut offset = 0;
    for line in DOCS.split_inclusive('\n') {
        let heading = line.trim_end();
        if let Some(code) = heading
            .strip_prefix("### `")
            .and_then(|r| r.strip_suffix('`'))
        {
            starts.push((offset, code));
        }
        offset += line.len();
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &(at, code))| {
            let end = starts.get(k + 1).map_or(DOCS.len(), |&(next, _)| next);
            let section = &DOCS[at..end];
            // A `## stage` heading between two codes belongs to neither.
            let text = section
                .find("\n## ")
                .map_or(section, |cut| &section[..cut + 1]);
            Explanation { code, text }
        })
        .collect()
}

/// The explanation of a code; `parse::syntax` stands for `stargate::parse::syntax`.
pub fn explain(code: &str) -> Option<Explanation> {
    let code = code.trim().trim_matches('`');
    let full = if code.starts_with("stargate::") {
        code.to_string()
    } else {
        format!("stargate::{code}")
    };
    all().into_iter().find(|e| e.code == full)
}

/// The code most like a mistyped one.
pub fn nearest(code: &str) -> Option<&'static str> {
    let code = code.trim().trim_matches('`');
    let code = if code.starts_with("stargate::") {
        code.to_string()
    } else {
        format!("stargate::{code}")
    };
    let code = code.as_str();
    let all = all();
    let codes: Vec<&'static str> = all.iter().map(|e| e.code).collect();
    crate::suggest::nearest(code, codes)
}

/// `(code, one-line summary)` of every code, for `explain` without a code.
pub fn index() -> Vec<(&'static str, &'static str)> {
    all()
        .into_iter()
        .map(|e| {
            let summary = e
                .text
                .lines()
                .skip(1)
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("");
            (e.code, summary)
        })
        .collect()
}

/// The anchor GitHub gives the heading of a code's section: its text in
/// lower case without the backticks and colons.
pub fn anchor(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The address of a code's section, under the crate's repository.
pub fn docs_url(code: &str) -> String {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    format!("{repository}/blob/main/{DOCS_PATH}#{}", anchor(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every quoted `stargate::<stage>::<name>` literal outside the tests of
    /// the sources: the codes the program can report, wherever they are
    /// defined.
    fn codes_in_sources() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap_or_default();
                    let text = text.split("#[cfg(test)]").next().unwrap_or("");
                    for piece in text.split("\"stargate::").skip(1) {
                        let code: String = piece
                            .chars()
                            .take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == ':')
                            .collect();
                        let complete = code.matches("::").count() == 1 && !code.ends_with(':');
                        if complete && piece[code.len()..].starts_with('"') {
                            out.push(format!("stargate::{code}"));
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut out,
        );
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn every_code_is_explained() {
        let explained: Vec<&str> = all().iter().map(|e| e.code).collect();
        let mut wanted: Vec<String> = super::super::codes::CODES
            .iter()
            .map(|c| c.code.to_string())
            .collect();
        wanted.extend(codes_in_sources());
        assert!(wanted.len() > 45, "the codes were not found: {wanted:?}");
        let missing: Vec<&String> = wanted
            .iter()
            .filter(|c| !explained.contains(&c.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "codes without a section in docs/codes.md: {missing:?}"
        );
        let stale: Vec<&&str> = explained
            .iter()
            .filter(|c| !wanted.iter().any(|w| w == *c))
            .collect();
        assert!(
            stale.is_empty(),
            "sections of docs/codes.md for no code: {stale:?}"
        );
    }

    #[test]
    fn every_section_has_meaning_example_and_fix() {
        let mut anchors = std::collections::BTreeSet::new();
        for e in all() {
            assert!(
                anchors.insert(anchor(e.code)),
                "two sections share an anchor: {}",
                e.code
            );
            assert!(e.text.contains("```"), "{}: no example", e.code);
            assert!(e.text.contains("**Fix:**"), "{}: no fix", e.code);
            let first = index()
                .into_iter()
                .find(|(c, _)| *c == e.code)
                .map(|(_, s)| s);
            assert!(
                first.is_some_and(|s| s.starts_with("Error: ")
                    || s.starts_with("Warning: ")
                    || s.starts_with("Note: ")),
                "{}: the first line says neither Error, Warning nor Note",
                e.code
            );
            // An example written as a policy must produce its own code
            // (tests/doc_examples.rs checks that it does).
            let checked = e.text.contains("```sg");
            let verdict = e.code.starts_with("stargate::verify::");
            if checked && !verdict {
                assert!(
                    e.text.contains(&format!("# expect: {}", e.code)),
                    "{}: the example does not expect its own code",
                    e.code
                );
            }
        }
    }

    #[test]
    fn lookup_accepts_short_codes_and_suggests() {
        let full = explain("stargate::parse::cidr_host_bits").map(|e| e.code);
        assert_eq!(full, Some("stargate::parse::cidr_host_bits"));
        assert_eq!(explain("parse::cidr_host_bits").map(|e| e.code), full);
        // Built, so that the ui test's scan for codes does not take them for codes.
        let typo = |name: &str| ["stargate", "parse", name].join("::");
        assert!(explain(&typo("nope")).is_none());
        assert_eq!(nearest(&typo("cidr_hostbits")), full);
        assert_eq!(
            anchor("stargate::model::unused_let"),
            "stargatemodelunused_let"
        );
        assert!(docs_url("stargate::model::unused_let")
            .ends_with("docs/codes.md#stargatemodelunused_let"));
    }

    #[test]
    fn sections_do_not_run_into_the_next_stage() {
        let last_io = explain("stargate::io::invalid_utf8")
            .map(|e| e.text)
            .unwrap_or("");
        assert!(!last_io.contains("## parse"), "{last_io}");
    }
}
