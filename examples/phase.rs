//! Times each stage of the pipeline on one policy, with one worker:
//! `cargo run --release --example phase -- FILE`.

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: phase FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let t = Instant::now();
    let (ast, diags) = stargate_verify::syntax::parse(&text);
    eprintln!("parse   {:?} ({} diagnostics)", t.elapsed(), diags.len());
    let t = Instant::now();
    let (model, diags) = stargate_verify::model::check(&ast);
    eprintln!("check   {:?} ({} diagnostics)", t.elapsed(), diags.len());
    let Some(model) = model else {
        eprintln!("the policy has errors");
        std::process::exit(2);
    };
    let t = Instant::now();
    let dom = stargate_verify::verify::domain::Domains::new(&model);
    eprintln!(
        "domains {:?} ({} path, {} address, {} port classes)",
        t.elapsed(),
        dom.paths.representatives.len(),
        dom.addrs.len(),
        dom.ports.len()
    );
    let opts = stargate_verify::verify::Options {
        jobs: 1,
        ..Default::default()
    };
    let t = Instant::now();
    let verdicts = stargate_verify::verify::verify(&model, &opts);
    eprintln!("verify  {:?} ({} assertions)", t.elapsed(), verdicts.len());
}
