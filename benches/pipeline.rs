//! Criterion benchmarks of each stage on the sandbox and on a generated
//! estate: parse throughput, model build, one assertion's solve, and the
//! whole pipeline. `bench/run.sh` adds the end-to-end, memory and solver
//! overhead numbers that a micro-benchmark cannot give.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use stargate_verify::verify::{self, Options};
use stargate_verify::workload::{generate, Shape};

fn estate(services: usize, balancers: usize, rules: usize, assertions: usize) -> String {
    generate(Shape {
        services,
        balancers,
        rules_per_balancer: rules,
        assertions,
        port_assertions: 0,
        dual_stack: false,
        cloud: false,
        seed: 1,
    })
}

fn inputs() -> Vec<(&'static str, String)> {
    vec![
        (
            "sandbox",
            include_str!("../policies/sandbox.sg").to_string(),
        ),
        ("estate-1k", estate(1000, 100, 140, 200)),
    ]
}

fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    for (name, text) in inputs() {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("parse", name), &text, |b, t| {
            b.iter(|| stargate_verify::syntax::parse(t))
        });
        g.bench_with_input(BenchmarkId::new("grammar", name), &text, |b, t| {
            b.iter(|| stargate_verify::syntax::parse_with_grammar(t))
        });
    }
    g.finish();
}

fn model(c: &mut Criterion) {
    let mut g = c.benchmark_group("model");
    for (name, text) in inputs() {
        let (ast, _) = stargate_verify::syntax::parse(&text);
        g.bench_with_input(BenchmarkId::from_parameter(name), &ast, |b, ast| {
            b.iter(|| stargate_verify::model::check(ast))
        });
    }
    g.finish();
}

fn end_to_end(c: &mut Criterion) {
    let mut g = c.benchmark_group("end_to_end");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    let sandbox = include_bytes!("../policies/sandbox.sg");
    g.bench_function("sandbox", |b| {
        b.iter(|| stargate_verify::check_bytes("sandbox.sg", sandbox, &Options::default()))
    });
    g.bench_function("sandbox-one-worker", |b| {
        let opts = Options {
            jobs: 1,
            ..Options::default()
        };
        b.iter(|| stargate_verify::check_bytes("sandbox.sg", sandbox, &opts))
    });
    g.finish();
}

fn per_assertion(c: &mut Criterion) {
    let mut g = c.benchmark_group("assertion");
    let text = include_str!("../policies/sandbox.sg");
    let Some(model) = stargate_verify::analyze(text).model else {
        return;
    };
    // One proved and one refuted assertion of the sandbox, alone.
    for name in ["victoria_not_public", "metrics_not_public"] {
        let Some(i) = model.assertions.iter().position(|a| a.name == name) else {
            continue;
        };
        let checked = model.only_assertions(&[i]);
        let opts = Options {
            jobs: 1,
            ..Options::default()
        };
        g.bench_function(name, |b| b.iter(|| verify::verify(&checked, &opts)));
    }
    g.finish();
}

criterion_group!(benches, parse, model, end_to_end, per_assertion);
criterion_main!(benches);
