//! `graph --format svg` and the layout behind it: the same nodes and edges
//! as the DOT output, the highlighted journey, and a layout whose boxes
//! stay apart and inside the picture (the sandbox's and a generated one's).

#[path = "common/markup.rs"]
mod markup;
use markup::{attr, tags};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use stargate_verify::graph::layout::Layout;
use stargate_verify::graph::NetworkGraph;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn graph(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .arg("graph")
        .args(args)
        .output()
        .expect("run stargate-verify graph");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `from -> to` of each DOT edge, optionally only the red ones.
fn dot_pairs(dot: &str, red_only: bool) -> BTreeSet<(String, String)> {
    dot.lines()
        .filter(|l| l.contains(" -> ") && (!red_only || l.contains("color=\"#d62728\"")))
        .filter_map(|l| {
            let (ends, _) = l.trim().split_once(" [")?;
            let (a, b) = ends.split_once(" -> ")?;
            Some((a.trim_matches('"').into(), b.trim_matches('"').into()))
        })
        .collect()
}

fn svg_pairs(svg: &str, lit_only: bool) -> BTreeSet<(String, String)> {
    tags(svg, "<g class=\"edge ")
        .into_iter()
        .filter(|t| !lit_only || t.contains(" lit\""))
        .filter_map(|t| Some((attr(t, "data-from")?.into(), attr(t, "data-to")?.into())))
        .collect()
}

#[test]
fn svg_draws_what_dot_draws() {
    let dot = graph(&["policies/sandbox.sg"]);
    let svg = graph(&["policies/sandbox.sg", "--format", "svg"]);
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
    let nodes: BTreeSet<&str> = tags(&svg, "<g class=\"node ")
        .into_iter()
        .filter_map(|t| attr(t, "data-name"))
        .collect();
    assert_eq!(nodes.len(), 11, "{nodes:?}");
    for n in [
        "internet",
        "cloudfront",
        "alb",
        "litellm",
        "rds",
        "aws_apis",
    ] {
        assert!(nodes.contains(n), "{n} missing");
    }
    assert_eq!(svg_pairs(&svg, false), dot_pairs(&dot, false));
    assert_eq!(
        tags(&svg, "<g class=\"edge ").len(),
        dot.lines().filter(|l| l.contains(" -> ")).count()
    );
    assert!(!svg.contains(" lit\""), "nothing is highlighted");
}

#[test]
fn svg_highlights_the_journey_dot_highlights() {
    let args = ["policies/sandbox.sg", "--highlight", "metrics_not_public"];
    let dot = graph(&args);
    let svg = graph(&[args[0], args[1], args[2], "--format", "svg"]);
    let lit = svg_pairs(&svg, true);
    assert_eq!(lit, dot_pairs(&dot, true));
    assert_eq!(lit.len(), 3, "{lit:?}");
    assert!(svg.contains(">hop 1: 443 tls<"), "numbered hops");
    assert!(svg.contains("counterexample of metrics_not_public (refuted)"));
}

/// Boxes of the layout never overlap, stay inside the picture, and every
/// forward goes left to right when the graph has no cycle through it.
fn assert_tidy(g: &NetworkGraph) {
    let l = Layout::of(g);
    let placed: Vec<_> = l.nodes.iter().flatten().collect();
    assert_eq!(placed.len(), g.shown().count());
    for (i, a) in placed.iter().enumerate() {
        assert!(
            a.left() >= 0 && a.right() <= l.width,
            "{a:?} in {}",
            l.width
        );
        assert!(a.y - a.height / 2 >= 0 && a.y + a.height / 2 <= l.height);
        for b in &placed[i + 1..] {
            let apart = a.right() <= b.left()
                || b.right() <= a.left()
                || a.y + a.height / 2 <= b.y - b.height / 2
                || b.y + b.height / 2 <= a.y - a.height / 2;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
}

fn build(text: &str) -> NetworkGraph {
    let analysis = stargate_verify::analyze(text);
    let policy = analysis.model.expect("the policy checks");
    NetworkGraph::build(&policy, &analysis.ast, text, "t")
}

#[test]
fn the_sandbox_layout_is_tidy_and_follows_requests() {
    let text = std::fs::read_to_string(root().join("policies/sandbox.sg")).expect("read sandbox");
    let g = build(&text);
    assert_tidy(&g);
    let l = Layout::of(&g);
    let column = |name: &str| {
        let i = g.shown().find(|(_, n)| n.name == name).map(|(i, _)| i);
        i.and_then(|i| l.nodes[i]).map(|p| p.column)
    };
    // Clients first, then the edge, the load balancer, the services, the
    // data tier, and the outside APIs last.
    let order = [
        "internet",
        "cloudfront",
        "alb",
        "litellm",
        "rds",
        "aws_apis",
    ];
    let columns: Vec<Option<usize>> = order.iter().map(|n| column(n)).collect();
    assert_eq!(
        columns,
        vec![Some(0), Some(1), Some(2), Some(3), Some(4), Some(5)]
    );
    assert_eq!(column("admins"), Some(0));
}

#[test]
fn a_generated_network_is_laid_out_tidily() {
    // A chain of proxies with services hanging off each, and a call back.
    let mut text = String::from("policy gen\nzone clients { addresses any except 10.0.0.0/8 }\n");
    for i in 0..6 {
        let next = if i < 5 {
            format!("forward to p{}:80", i + 1)
        } else {
            "forward to s0:80".into()
        };
        text.push_str(&format!(
            "proxy p{i} {{\n  addresses 10.0.{i}.0/24\n  listen 80 from any\n  on 80 {{\n    forward when path in /s{i}/* to s{i}:80\n    {next}\n  }}\n}}\nservice s{i} {{ addresses 10.1.{i}.0/24 listen 80 from any egress to 10.0.0.0/24 ports 80 }}\n"
        ));
    }
    let g = build(&text);
    assert_eq!(g.shown().count(), 13);
    assert_tidy(&g);
}
