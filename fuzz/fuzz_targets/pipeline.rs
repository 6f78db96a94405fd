//! Valid-looking policies (the input, as text) through the whole pipeline
//! with a small resource limit: verification must never panic, and every
//! verdict's trace has already been replayed by the verifier.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = stargate_verify::verify::Options {
        timeout: std::time::Duration::from_millis(200),
        rlimit: Some(200_000),
        jobs: 1,
        ..Default::default()
    };
    let report = stargate_verify::check_bytes("fuzz.sg", data, &opts);
    for v in &report.verdicts {
        // An internal replay failure is reported as unknown with this reason.
        assert!(!v.reason.as_deref().unwrap_or_default().starts_with("internal error"), "{:?}", v.reason);
    }
});
