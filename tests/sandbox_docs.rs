//! The repository's own files follow its rules: `policies/sandbox.sg` is in
//! the canonical `fmt` style, and the docs that quote its lines (README,
//! docs/ci.md, docs/sandbox-findings.md) quote the lines the tool reports
//! today. Line numbers are read from the tool's JSON output here, never
//! written into the test, so reformatting the policy cannot leave a doc
//! silently wrong.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const SANDBOX: &str = "policies/sandbox.sg";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run stargate-verify")
}

/// The sandbox's assertions as `--format json` gives them.
fn assertions() -> Vec<Value> {
    let out = run(&["--format", "json", SANDBOX]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    doc["files"][0]["assertions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn line_of(assertions: &[Value], name: &str) -> u64 {
    assertions
        .iter()
        .find(|a| a["name"] == name)
        .and_then(|a| a["line"].as_u64())
        .unwrap_or_else(|| panic!("no assertion `{name}`"))
}

#[test]
fn the_sandbox_is_in_canonical_style() {
    let out = run(&["fmt", "--check", SANDBOX]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "run `stargate-verify fmt {SANDBOX}`: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The table of docs/sandbox-findings.md: `| LINE | `name` | verdict | ... |`.
#[test]
fn the_findings_table_gives_each_assertion_its_line_and_verdict() {
    let all = assertions();
    let doc = read("docs/sandbox-findings.md");
    let mut rows = 0;
    for row in doc.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (Some(line), Some(name), Some(verdict)) = (cells.get(1), cells.get(2), cells.get(3))
        else {
            continue;
        };
        let Ok(line) = line.parse::<u64>() else {
            continue;
        };
        let name = name.trim_matches('`');
        rows += 1;
        assert_eq!(line, line_of(&all, name), "the line of `{name}`");
        let status = all
            .iter()
            .find(|a| a["name"] == name)
            .and_then(|a| a["status"].as_str())
            .unwrap_or("");
        assert!(
            verdict.trim_matches('*').starts_with(status),
            "`{name}` is {status}, the table says {verdict}"
        );
    }
    assert_eq!(rows, all.len(), "one row per assertion");
}

/// "line N `text`" in docs/sandbox-findings.md: line N holds that text.
#[test]
fn quoted_lines_hold_the_quoted_text() {
    let policy = read(SANDBOX);
    let lines: Vec<String> = policy
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let doc = read("docs/sandbox-findings.md").replace('\n', " ");
    let doc = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut quotes = 0;
    for piece in doc.split("line ").skip(1) {
        let Some((number, rest)) = piece.split_once(' ') else {
            continue;
        };
        let (Ok(n), Some(quoted)) = (
            number.parse::<usize>(),
            rest.strip_prefix('`').and_then(|r| r.split('`').next()),
        ) else {
            continue;
        };
        quotes += 1;
        let at = lines.get(n - 1).map_or("", String::as_str);
        assert!(
            at.contains(quoted),
            "line {n} is `{at}`, the doc quotes `{quoted}`"
        );
    }
    assert!(quotes >= 2, "the findings quote policy lines");
}

/// The README's example and docs/ci.md's annotation give the lines the
/// tool reports for `metrics_not_public`.
#[test]
fn the_readme_example_and_the_ci_doc_give_todays_lines() {
    let all = assertions();
    let metrics = all
        .iter()
        .find(|a| a["name"] == "metrics_not_public")
        .expect("metrics_not_public");
    let hops = metrics["counterexample"]["hops"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(hops.len(), 3);
    let readme = read("README.md");
    let n = |h: &Value, k: &str| h[k].as_u64().unwrap_or(0);
    let expected = [
        format!("[listen line {}]", n(&hops[0], "listen_line")),
        format!(
            "[forward on line {}, listen line {}]",
            n(&hops[1], "rule_line"),
            n(&hops[1], "listen_line")
        ),
        format!(
            "[forward on line {}, listen line {}]",
            n(&hops[2], "rule_line"),
            n(&hops[2], "listen_line")
        ),
    ];
    for e in expected {
        assert!(readme.contains(&e), "README.md should show {e}");
    }
    let line = line_of(&all, "metrics_not_public");
    assert!(read("docs/ci.md").contains(&format!(
        "::error file=policies/sandbox.sg,line={line},col=1,endLine={line},"
    )));
}
