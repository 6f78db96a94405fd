//! Arbitrary bytes through decoding, parsing, checking and every renderer of
//! diagnostics: nothing may panic, the JSON document must parse, and the
//! hand-written parser must agree with the pest grammar.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (source, err) = stargate_verify::decode("fuzz.sg", data);
    if err.is_none() {
        assert_eq!(
            stargate_verify::syntax::parse(&source.text),
            stargate_verify::syntax::parse_with_grammar(&source.text)
        );
    }
    let diagnostics = match err {
        Some(d) => vec![d],
        None => stargate_verify::analyze(&source.text).diagnostics,
    };
    let report = stargate_verify::report::FileReport {
        source,
        diagnostics,
        policy: None,
        verdicts: Vec::new(),
    };
    let doc = stargate_verify::report::json::document(std::slice::from_ref(&report));
    let text = serde_json::to_string(&doc).unwrap_or_default();
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
    let _ = stargate_verify::report::human::render_file(&report, Default::default());
    if report.diagnostics.iter().all(|d| !d.is_error()) {
        // What parses also formats, and formatting is idempotent.
        if let Ok(once) = stargate_verify::fmt::format(&report.source.text) {
            assert_eq!(stargate_verify::fmt::format(&once).ok(), Some(once));
        }
    }
});
