//! Writes a synthetic estate to standard output:
//! `cargo run --release --example workload -- SERVICES BALANCERS RULES_PER_BALANCER ASSERTIONS [SEED [PORT_ASSERTIONS [DUAL_STACK [CLOUD]]]]`.

use stargate_verify::workload::{generate, Shape};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if args.len() < 4 {
        eprintln!(
            "usage: workload SERVICES BALANCERS RULES_PER_BALANCER ASSERTIONS [SEED [PORT_ASSERTIONS [DUAL_STACK [CLOUD]]]]"
        );
        std::process::exit(2);
    }
    let shape = Shape {
        services: args[0],
        balancers: args[1],
        rules_per_balancer: args[2],
        assertions: args[3],
        seed: args.get(4).copied().unwrap_or(1) as u64,
        port_assertions: args.get(5).copied().unwrap_or(0),
        dual_stack: args.get(6).copied().unwrap_or(0) != 0,
        cloud: args.get(7).copied().unwrap_or(0) != 0,
    };
    print!("{}", generate(shape));
}
