//! `stargate-verify graph`: every node drawn, the edges the rules admit and
//! no others, the highlighted journey, `--from`/`--to`, output Graphviz
//! accepts and Mermaid that parses, and the committed picture of the
//! sandbox kept up to date.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const SMALL: &str = "\
policy small

zone internet { addresses any except [10.0.0.0/8, edge] }

proxy edge {
  addresses 52.84.0.0/15
  listen 443 tls from internet
  on 443 {
    deny 403 when opaque bad
    forward when path in /db/* to db:5432
    forward to app:8080 set header X-Origin = \"x\" remove header X-Foo
  }
}

service app {
  addresses 10.0.1.0/24
  listen 8080 from edge
  egress to db ports 5432
}

service db { addresses 10.0.2.0/24  listen 5432 tls from app }

assert app_private: no path internet -> app
assert db_private: no connection internet -> db
assert app_reaches_db: path app -> db
";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The small policy in a file, written once (tests run in parallel).
fn small_file() -> String {
    static PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("stargate-graph-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("small.sg");
        std::fs::write(&path, SMALL).expect("write policy");
        path.to_string_lossy().into_owned()
    })
    .clone()
}

fn graph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .arg("graph")
        .args(args)
        .output()
        .expect("run stargate-verify graph")
}

/// Standard output of a run that must succeed.
fn drawn(args: &[&str]) -> String {
    let out = graph(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The edges of a DOT graph: `from -> to` with their attributes.
fn dot_edges(dot: &str) -> Vec<(String, String, String)> {
    dot.lines()
        .filter_map(|l| {
            let (ends, attrs) = l.trim().split_once(" [")?;
            let (from, to) = ends.split_once(" -> ")?;
            Some((
                from.trim_matches('"').to_string(),
                to.trim_matches('"').to_string(),
                attrs.to_string(),
            ))
        })
        .collect()
}

fn dot_nodes(dot: &str) -> BTreeSet<String> {
    dot.lines()
        .filter_map(|l| {
            let l = l.trim();
            let (name, attrs) = l.split_once(" [label=")?;
            (!name.contains("->") && attrs.contains("shape="))
                .then(|| name.trim_matches('"').to_string())
        })
        .collect()
}

fn names(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn dot_draws_every_node_and_the_admitted_hops() {
    let file = small_file();
    let dot = drawn(&[&file]);
    assert_eq!(dot_nodes(&dot), names(&["internet", "edge", "app", "db"]));
    assert!(dot.contains("\"internet\" [label=\"internet\\nzone\", shape=ellipse"));
    assert!(dot.contains("\"edge\" [label=\"edge\\nproxy\", shape=hexagon"));
    assert!(dot.contains("\"app\" [label=\"app\\nservice\", shape=box"));
    let edges: Vec<(String, String, String)> = dot_edges(&dot);
    let plain: Vec<(&str, &str, &str)> = edges
        .iter()
        .map(|(a, b, attrs)| {
            let label = attrs
                .split("label=\"")
                .nth(1)
                .and_then(|l| l.split('"').next())
                .unwrap_or("");
            (a.as_str(), b.as_str(), label)
        })
        .collect();
    // The forward to db is not drawn: db admits only app's addresses. The
    // internet cannot open a connection to app (only edge's addresses may).
    assert_eq!(
        plain,
        vec![
            ("internet", "edge", "443 tls"),
            ("app", "db", "5432 tls"),
            ("edge", "app", "8080 +X-Origin -X-Foo"),
        ]
    );
    assert!(edges[0].2.contains("style=dashed") && edges[2].2.contains("style=solid"));
    assert!(!dot.contains("#d62728"), "nothing is highlighted");
}

#[test]
fn mermaid_draws_the_same_graph() {
    let file = small_file();
    let mermaid = drawn(&[&file, "--format", "mermaid"]);
    assert_valid_mermaid(&mermaid);
    for line in [
        "n0([\"internet<br>zone\"])",
        "n1{{\"edge<br>proxy\"}}",
        "n2[\"app<br>service\"]",
        "n3[\"db<br>service\"]",
        "n0 -.->|\"443 tls\"| n1",
        "n2 -.->|\"5432 tls\"| n3",
        "n1 -->|\"8080 +X-Origin -X-Foo\"| n2",
        "class n0 zone",
        "class n2,n3 service",
    ] {
        assert!(
            mermaid.lines().any(|l| l.trim() == line),
            "missing `{line}`:\n{mermaid}"
        );
    }
    assert!(!mermaid.contains("linkStyle"));
}

#[test]
fn highlight_draws_the_counterexample_in_red() {
    let file = small_file();
    let dot = drawn(&[&file, "--highlight", "app_private"]);
    let red: Vec<(String, String, String)> = dot_edges(&dot)
        .into_iter()
        .filter(|(_, _, attrs)| attrs.contains("color=\"#d62728\""))
        .collect();
    assert_eq!(red.len(), 2, "{dot}");
    assert_eq!((red[0].0.as_str(), red[0].1.as_str()), ("internet", "edge"));
    assert!(red[0].2.contains("label=\"hop 1: 443 tls\"") && red[0].2.contains("penwidth=2.5"));
    assert_eq!((red[1].0.as_str(), red[1].1.as_str()), ("edge", "app"));
    assert!(red[1].2.contains("label=\"hop 2: 8080 +X-Origin -X-Foo\""));
    let red_nodes: BTreeSet<String> = dot
        .lines()
        .filter(|l| l.contains("shape=") && l.contains("color=\"#d62728\""))
        .filter_map(|l| {
            l.trim()
                .split(' ')
                .next()
                .map(|n| n.trim_matches('"').to_string())
        })
        .collect();
    assert_eq!(red_nodes, names(&["internet", "edge", "app"]));
    assert!(dot.contains("counterexample of app_private (refuted)"));

    let mermaid = drawn(&[&file, "--highlight", "app_private", "--format", "mermaid"]);
    assert_valid_mermaid(&mermaid);
    assert!(
        mermaid.contains("n0 -.->|\"hop 1: 443 tls\"| n1"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("linkStyle 0,2 stroke:#d62728,stroke-width:3px"),
        "{mermaid}"
    );
    assert!(mermaid.contains("style n2 stroke:#d62728") && !mermaid.contains("style n3 "));
}

#[test]
fn highlight_draws_a_witness_and_explains_a_proof() {
    let file = small_file();
    let dot = drawn(&[&file, "--highlight", "app_reaches_db"]);
    assert!(
        dot.contains("\"app\" -> \"db\" [label=\"hop 1: 5432 tls\""),
        "{dot}"
    );
    assert!(dot.contains("witness of app_reaches_db (proved)"));

    let out = graph(&[&file, "--highlight", "db_private"]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nothing to highlight for `db_private`: it is proved"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("#d62728"));

    let out = graph(&[&file, "--highlight", "app_privat"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no assertion named `app_privat` (did you mean `app_private`?)"),
        "{err}"
    );
}

#[test]
fn from_and_to_keep_what_lies_between() {
    let file = small_file();
    let between = |args: &[&str]| {
        let mut all = vec![file.as_str()];
        all.extend_from_slice(args);
        let dot = drawn(&all);
        let edges: Vec<(String, String)> = dot_edges(&dot)
            .into_iter()
            .map(|(a, b, _)| (a, b))
            .collect();
        (dot_nodes(&dot), edges)
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());

    let (nodes, edges) = between(&["--from", "edge", "--to", "app"]);
    assert_eq!(nodes, names(&["edge", "app"]));
    assert_eq!(edges, vec![pair("edge", "app")]);

    let (nodes, edges) = between(&["--to", "db"]);
    assert_eq!(nodes, names(&["internet", "edge", "app", "db"]));
    assert_eq!(edges.len(), 3);

    let (nodes, edges) = between(&["--from", "app"]);
    assert_eq!(nodes, names(&["app", "db"]));
    assert_eq!(edges, vec![pair("app", "db")]);

    let (nodes, edges) = between(&["--from", "db", "--to", "internet"]);
    assert!(nodes.is_empty() && edges.is_empty());

    // The highlighted journey is filtered like the rest.
    let dot = drawn(&[&file, "--highlight", "app_private", "--from", "edge"]);
    assert!(!dot.contains("hop 1") && dot.contains("hop 2"), "{dot}");

    let out = graph(&[&file, "--from", "interne"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("--from: no node named `interne` (did you mean `internet`?)"));
}

#[test]
fn broken_policies_are_not_drawn() {
    let out = graph(&["tests/ui/parse/syntax.sg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("stargate::parse::syntax") && err.contains("not drawn"),
        "{err}"
    );
    let out = graph(&["missing.sg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("stargate::io::read"));
}

/// Whether `dot` can be run; outside CI a missing Graphviz skips the test.
fn graphviz() -> bool {
    let found = Command::new("dot")
        .arg("-V")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "Graphviz `dot` is missing, and CI requires it (apt-get install graphviz)"
        );
        eprintln!("skipped: Graphviz `dot` is not installed");
    }
    found
}

fn render_svg(dot: &str) -> String {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dot");
    if let Some(mut input) = child.stdin.take() {
        use std::io::Write;
        input.write_all(dot.as_bytes()).expect("write to dot");
    }
    let out = child.wait_with_output().expect("wait for dot");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && err.trim().is_empty(),
        "dot rejected:\n{err}\n{dot}"
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn graphviz_accepts_the_dot() {
    if !graphviz() {
        return;
    }
    let file = small_file();
    for args in [
        vec![file.as_str()],
        vec![file.as_str(), "--highlight", "app_private"],
        vec![file.as_str(), "--from", "db", "--to", "internet"],
        vec!["policies/sandbox.sg", "--highlight", "metrics_not_public"],
        vec!["tests/data/reference_example.sg"],
    ] {
        let svg = render_svg(&drawn(&args));
        assert!(svg.contains("<svg"), "{svg}");
    }
}

#[test]
fn the_sandbox_picture_is_up_to_date() {
    let committed =
        std::fs::read_to_string(root().join("docs/sandbox.dot")).expect("read docs/sandbox.dot");
    let fresh = drawn(&["policies/sandbox.sg", "--format", "dot"]);
    assert!(
        committed == fresh,
        "docs/sandbox.dot is stale; regenerate it (README, \"A picture of the network\"):\n\
         cargo run --release -- graph policies/sandbox.sg --format dot > docs/sandbox.dot && dot -Tsvg docs/sandbox.dot > docs/sandbox.svg"
    );
    // The SVG depends on the Graphviz version, so only its content is checked.
    let svg =
        std::fs::read_to_string(root().join("docs/sandbox.svg")).expect("read docs/sandbox.svg");
    // Graphviz writes `-` as `&#45;`.
    let text = |s: &str| format!(">{}</text>", s.replace('-', "&#45;"));
    for node in dot_nodes(&fresh) {
        assert!(
            svg.contains(&text(&node)),
            "docs/sandbox.svg lacks `{node}`"
        );
    }
    for (_, _, attrs) in dot_edges(&fresh) {
        let label = attrs
            .split("label=\"")
            .nth(1)
            .and_then(|l| l.split('"').next())
            .unwrap_or("");
        assert!(
            svg.contains(&text(label)),
            "docs/sandbox.svg lacks `{label}`"
        );
    }
    let readme = std::fs::read_to_string(root().join("README.md")).expect("read README");
    assert!(
        readme.contains("docs/sandbox.svg")
            && readme.contains("graph policies/sandbox.sg --format dot > docs/sandbox.dot")
    );
}

/// A check of the Mermaid flowchart grammar the renderer uses: a header,
/// comments, nodes in three shapes, two kinds of labelled links, classes
/// and styles; safe ids; quoted labels without raw quotes; links between
/// declared nodes; link styles that name existing links.
fn assert_valid_mermaid(text: &str) {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    let mut nodes = BTreeSet::new();
    let mut links = 0;
    let id = |s: &str| -> bool {
        s.strip_prefix('n')
            .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
    };
    let quoted = |s: &str| -> bool {
        s.len() >= 2
            && s.starts_with('"')
            && s.ends_with('"')
            && !s[1..s.len() - 1].contains(['"', '|', '`'])
    };
    for line in lines {
        let l = line.trim();
        if l.starts_with("%% ") {
            continue;
        }
        if let Some((from, rest)) = l.split_once(' ') {
            for arrow in ["-.->|", "-->|"] {
                if let Some(rest) = rest.strip_prefix(arrow) {
                    let (label, to) = rest.rsplit_once("| ").expect("link label");
                    assert!(id(from) && id(to) && quoted(label), "bad link `{l}`");
                    assert!(
                        nodes.contains(from) && nodes.contains(to),
                        "undeclared node in `{l}`"
                    );
                    links += 1;
                }
            }
            if rest.starts_with("-") {
                continue;
            }
        }
        let shapes = [("([", "])"), ("{{", "}}"), ("[", "]")];
        if let Some((name, label)) = shapes.iter().find_map(|(open, close)| {
            let i = l.find(open)?;
            let label = l[i + open.len()..].strip_suffix(close)?;
            Some((&l[..i], label))
        }) {
            if id(name) {
                assert!(quoted(label), "bad node `{l}`");
                nodes.insert(name.to_string());
                continue;
            }
        }
        let words: Vec<&str> = l.split(' ').collect();
        match words.as_slice() {
            ["classDef", class, style] => {
                assert!(
                    ["zone", "proxy", "service"].contains(class) && style.starts_with("fill:#")
                );
            }
            ["class", ids, class] => {
                assert!(["zone", "proxy", "service"].contains(class));
                assert!(ids.split(',').all(|i| nodes.contains(i)), "`{l}`");
            }
            ["linkStyle", indices, style] => {
                assert!(style.starts_with("stroke:#"));
                assert!(indices
                    .split(',')
                    .all(|i| i.parse::<usize>().is_ok_and(|i| i < links)));
            }
            ["style", node, style] => {
                assert!(nodes.contains(*node) && style.starts_with("stroke:#"))
            }
            _ => panic!("not a Mermaid flowchart line: `{l}`"),
        }
    }
}

/// `graph --highlight` draws the counterexample `check` reports with the
/// same number of workers: the caption's request source is the first hop's.
#[test]
fn highlight_draws_the_counterexample_check_reports() {
    for jobs in ["1", "2"] {
        let out = Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
            .current_dir(root())
            .args([
                "check",
                "--format",
                "json",
                "-j",
                jobs,
                "policies/sandbox.sg",
            ])
            .output()
            .expect("run check");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let assertions = doc["files"][0]["assertions"]
            .as_array()
            .expect("assertions");
        let refuted: Vec<&serde_json::Value> = assertions
            .iter()
            .filter(|a| a["status"] == "refuted" && a["counterexample"].is_object())
            .collect();
        assert!(refuted.len() >= 4, "the sandbox has four counterexamples");
        for a in refuted {
            let name = a["name"].as_str().unwrap_or("");
            let source = a["counterexample"]["hops"][0]["source"]
                .as_str()
                .unwrap_or("");
            let dot = drawn(&["policies/sandbox.sg", "--highlight", name, "-j", jobs]);
            assert!(
                dot.contains(&format!("counterexample of {name} (refuted): ")),
                "{name}"
            );
            assert!(
                dot.contains(&format!(" from {source}\"")),
                "-j {jobs}: {name}: check's counterexample starts at {source}"
            );
        }
    }
}

/// An edge whose every connection an ACL drops (here: the replies) is not
/// drawn; one the ACL lets through is.
#[test]
fn acls_remove_the_edges_they_drop() {
    let text = "zone internet { addresses 203.0.113.0/24 }
proxy edge { addresses 10.0.1.0/24 listen 443 from internet on 443 { forward to app:8080 forward to db:5432 } }
service app { addresses 10.0.2.0/24 listen 8080 }
service db { addresses 10.0.3.0/24 listen 5432 }
acl app_acl covers 10.0.2.0/24 {
  inbound 100 allow 8080 from 10.0.1.0/24
  outbound 100 allow 1024-65535 to 10.0.1.0/24
}
acl db_acl covers 10.0.3.0/24 {
  inbound 100 allow 5432 from 10.0.1.0/24
  outbound 100 deny 1024-65535 to any
  outbound 200 allow any to any
}
";
    let analysis = stargate_verify::analyze(text);
    let model = analysis.model.expect("a checked model");
    let g = stargate_verify::graph::NetworkGraph::build(&model, &analysis.ast, text, "acls");
    let edges: Vec<(&str, &str)> = g
        .edges
        .iter()
        .map(|e| {
            (
                model.nodes[e.from].name.as_str(),
                model.nodes[e.to].name.as_str(),
            )
        })
        .collect();
    assert_eq!(edges, [("internet", "edge"), ("edge", "app")]);
}
