//! Parse throughput, best of five: `cargo run --release --example parseonly -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parseonly FILE");
        std::process::exit(2);
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        std::process::exit(2);
    };
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let (ast, d) = stargate_verify::syntax::parse(&text);
        let e = t.elapsed();
        eprintln!(
            "parse {:?} {} statements {} diags {:.1} MB/s",
            e,
            ast.statements.len(),
            d.len(),
            text.len() as f64 / e.as_secs_f64() / 1e6
        );
    }
}
