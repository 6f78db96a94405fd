fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(path).unwrap_or_default();
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
