//! `check --terraform`: an intent checked against an imported network, with
//! the Terraform diagnostics located in the `.tf` files in every format,
//! and a configuration with errors never verified.

use std::process::{Command, Output};

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run stargate-verify")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn intent(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("stargate-tfcheck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write intent");
    p.display().to_string()
}

#[test]
fn an_intent_is_checked_against_the_imported_network() {
    let file = intent(
        "sandbox.sg",
        "policy sandbox_intent\nzone outside { addresses 203.0.113.0/24 }\nassert grafana_port: no connection outside -> grafana:22\n",
    );
    let out = run(&[
        "check",
        "--terraform",
        "tests/terraform/sandbox",
        &file,
        "--format",
        "json",
    ]);
    let doc = json(&out);
    let report = &doc["files"][0];
    assert_eq!(report["file"], file.as_str());
    assert_eq!(report["assertions"][0]["name"], "grafana_port");
    assert_eq!(report["assertions"][0]["status"], "proved", "{doc}");
    assert_eq!(report["assertions"][0]["file"], file.as_str());
    // The import's warnings are located in the .tf files.
    let diags = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!diags.is_empty());
    for d in &diags {
        let f = d["file"].as_str().unwrap_or_default();
        assert!(
            f.starts_with("tests/terraform/sandbox/") && f.ends_with(".tf"),
            "{d}"
        );
        assert!(d["line"].as_u64().unwrap_or(0) >= 1, "{d}");
    }
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_configuration_with_errors_is_not_verified() {
    let file = intent("errors.sg", "assert a: no path internet -> nothing\n");
    let out = run(&[
        "check",
        "--terraform",
        "tests/terraform/errors",
        &file,
        "--format",
        "github",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("::error file=tests/terraform/errors/main.tf,line="),
        "{text}"
    );
    assert!(!text.contains("stargate%3A%3Averify"), "{text}");
}
