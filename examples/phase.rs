fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let t = std::time::Instant::now();
    let (ast, d) = stargate_verify::syntax::parse(&text);
    eprintln!("parse {:?} ({} diags)", t.elapsed(), d.len());
    let t = std::time::Instant::now();
    let (model, d) = stargate_verify::model::check(&ast);
    eprintln!("check {:?} ({} diags)", t.elapsed(), d.len());
    let model = model.unwrap();
    let t = std::time::Instant::now();
    let dom = stargate_verify::verify::domain::Domains::new(&model);
    eprintln!(
        "domains {:?} paths {} addrs {} ports {}",
        t.elapsed(),
        dom.paths.representatives.len(),
        dom.addrs.len(),
        dom.ports.len()
    );
    let t = std::time::Instant::now();
    let mut states = 0;
    if std::env::var_os("STATES").is_some() {
        for a in &model.assertions {
            states += stargate_verify::verify::states::build(&model, a)
                .states
                .len();
        }
    }
    eprintln!("states {:?} total {}", t.elapsed(), states);
    let t = std::time::Instant::now();
    let v = stargate_verify::verify::verify(
        &model,
        &stargate_verify::verify::Options {
            jobs: 1,
            ..Default::default()
        },
    );
    eprintln!("verify {:?} {}", t.elapsed(), v.len());
}
