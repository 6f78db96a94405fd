//! Parse throughput, best of five, for the parser `stargate-verify` uses
//! (the hand-written one, falling back to the grammar) and for the pest
//! grammar alone: `cargo run --release --example parseonly -- FILE`.

use std::time::{Duration, Instant};

fn best_of_five(
    text: &str,
    parse: fn(
        &str,
    ) -> (
        stargate_verify::syntax::ast::File,
        Vec<stargate_verify::diagnostic::Diagnostic>,
    ),
) -> (Duration, usize, usize) {
    let mut best = Duration::MAX;
    let mut counts = (0, 0);
    for _ in 0..5 {
        let t = Instant::now();
        let (ast, diags) = parse(text);
        best = best.min(t.elapsed());
        counts = (ast.statements.len(), diags.len());
    }
    (best, counts.0, counts.1)
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parseonly FILE");
        std::process::exit(2);
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        std::process::exit(2);
    };
    let fast = stargate_verify::syntax::parse_fast(&text).is_some();
    for (name, parse) in [
        ("parse", stargate_verify::syntax::parse as fn(&str) -> _),
        ("grammar", stargate_verify::syntax::parse_with_grammar),
    ] {
        let (t, statements, diags) = best_of_five(&text, parse);
        eprintln!(
            "{name}: {t:?} for {} bytes, {statements} statements, {diags} diagnostics: {:.1} MB/s{}",
            text.len(),
            text.len() as f64 / t.as_secs_f64() / 1e6,
            if name == "parse" && !fast { " (the fast path gave up on this file)" } else { "" }
        );
    }
}
