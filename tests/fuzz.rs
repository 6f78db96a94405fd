//! Bounded fuzzing in `cargo test`: arbitrary bytes and mutated copies of
//! the sandbox policy go through the whole pipeline. Nothing may panic or
//! hang, every input gets a JSON document that parses, and a file with an
//! error is never verified. The `fuzz/` crate runs the same targets under
//! libFuzzer for longer.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use stargate_verify::report::json;
use stargate_verify::verify::Options;

fn options() -> Options {
    Options {
        timeout: std::time::Duration::from_secs(5),
        jobs: 1,
        ..Options::default()
    }
}

fn check(bytes: &[u8], verify: bool) -> Result<(), TestCaseError> {
    let report = if verify {
        stargate_verify::check_bytes("fuzz.sg", bytes, &options())
    } else {
        let (source, err) = stargate_verify::decode("fuzz.sg", bytes);
        let diagnostics = match err {
            Some(d) => vec![d],
            None => stargate_verify::analyze(&source.text).diagnostics,
        };
        stargate_verify::report::FileReport {
            source,
            diagnostics,
            policy: None,
            verdicts: Vec::new(),
        }
    };
    let doc = json::document(std::slice::from_ref(&report));
    let text = serde_json::to_string(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(back, doc);
    if report.has_errors() {
        prop_assert!(report.verdicts.is_empty());
        prop_assert!(report.policy.is_none());
    }
    // Rendering for people must not panic either.
    let _ = stargate_verify::report::human::render_file(&report, Default::default());
    Ok(())
}

const TOKENS: [&str; 24] = [
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    ",",
    ":",
    "->",
    "=",
    "==",
    "\"",
    "*",
    "/",
    "-",
    "#",
    "\n",
    " not ",
    " any ",
    "10.20.1.5/16",
    "99999",
    "::1",
    "\u{0}",
    "\u{feff}",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, usize),
    Duplicate(usize, usize),
    Swap(usize, usize),
}

fn mutate(text: &str, muts: &[Mutation]) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for m in muts {
        let len = b.len().max(1);
        match *m {
            Mutation::Delete(at, n) => {
                let at = at % len;
                let end = (at + n % 40).min(b.len());
                b.drain(at..end);
            }
            Mutation::Insert(at, tok) => {
                let at = at % (b.len() + 1);
                let t = TOKENS[tok % TOKENS.len()].as_bytes();
                b.splice(at..at, t.iter().copied());
            }
            Mutation::Duplicate(at, n) => {
                let at = at % len;
                let end = (at + n % 200).min(b.len());
                let chunk: Vec<u8> = b[at..end].to_vec();
                b.splice(at..at, chunk);
            }
            Mutation::Swap(x, y) => {
                if !b.is_empty() {
                    let (x, y) = (x % b.len(), y % b.len());
                    b.swap(x, y);
                }
            }
        }
    }
    b
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, t)| Mutation::Insert(a, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
    ]
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn arbitrary_bytes_never_panic() {
    runner(2000)
        .run(&prop::collection::vec(any::<u8>(), 0..400), |bytes| {
            check(&bytes, true)
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn arbitrary_token_soup_never_panics() {
    let words: Vec<&'static str> = stargate_verify::syntax::KEYWORDS
        .iter()
        .copied()
        .chain(TOKENS)
        .chain(["a", "b", "80", "10.0.0.0/8", "/x/*", "\"s\"", "GET"])
        .collect();
    let soup = prop::collection::vec(prop::sample::select(words), 0..120).prop_map(|w| w.join(" "));
    runner(2000)
        .run(&soup, |text| check(text.as_bytes(), true))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn mutated_sandbox_never_panics() {
    let sandbox = include_str!("../policies/sandbox.sg");
    let n = std::cell::Cell::new(0u32);
    runner(300)
        .run(&prop::collection::vec(mutation(), 1..6), |muts| {
            n.set(n.get() + 1);
            // Verify one mutant in ten: the rest only go through the front end.
            check(&mutate(sandbox, &muts), n.get().is_multiple_of(10))
        })
        .unwrap_or_else(|e| panic!("{e}"));
}
