//! One policy in several files (`include`): every output format locates a
//! line in the file it is in, a directory checks a policy once, and `diff`
//! compares two versions made of several files.

use std::process::{Command, Output};

use serde_json::Value;

const ROOT: &str = "tests/ui/include/several.sg";
const PART: &str = "tests/ui/include/parts/network.sg";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run stargate-verify")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn json_names_the_file_of_every_line() {
    let out = run(&["check", ROOT, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    let file = &doc["files"][0];
    assert_eq!(file["file"], ROOT);
    let refuted = &file["assertions"][0];
    assert_eq!(refuted["name"], "no_ssh");
    assert_eq!(refuted["file"], ROOT);
    assert_eq!(refuted["line"], 6);
    let hop = &refuted["counterexample"]["hops"][0];
    assert_eq!(hop["listen_file"], PART);
    assert_eq!(hop["listen_line"], 10);
    assert_eq!(hop["file"], PART);
    assert_eq!(hop["rule_file"], Value::Null);
}

#[test]
fn sarif_github_and_junit_point_into_the_included_file() {
    let sarif = json(&run(&["check", ROOT, "--format", "sarif"]));
    let result = &sarif["runs"][0]["results"][0];
    let uri = |l: &Value| l["physicalLocation"]["artifactLocation"]["uri"].clone();
    assert_eq!(uri(&result["locations"][0]), ROOT);
    let related: Vec<Value> = result["relatedLocations"]
        .as_array()
        .map(|a| a.iter().map(uri).collect())
        .unwrap_or_default();
    assert!(related.contains(&Value::from(PART)), "{related:?}");

    let github = run(&["check", ROOT, "--format", "github"]);
    let text = String::from_utf8_lossy(&github.stdout);
    assert!(text.contains(&format!("file={ROOT},line=6")), "{text}");
    assert!(
        text.contains(&format!("listen line 10 of {PART}")),
        "{text}"
    );

    // An error in an included file: the annotation names that file.
    let broken = run(&["check", "tests/ui/include/syntax.sg", "--format", "github"]);
    let text = String::from_utf8_lossy(&broken.stdout);
    assert!(
        text.contains("file=tests/ui/include/parts/broken.sg,line=4"),
        "{text}"
    );
    let junit = run(&["check", "tests/ui/include/syntax.sg", "--format", "junit"]);
    let text = String::from_utf8_lossy(&junit.stdout);
    assert!(
        text.contains("tests/ui/include/parts/broken.sg:4:1: error"),
        "{text}"
    );
}

#[test]
fn a_directory_checks_each_policy_once() {
    let out = run(&["check", "tests/ui/include", "--format", "json"]);
    let doc = json(&out);
    let files: Vec<&str> = doc["files"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["file"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        files,
        [
            "tests/ui/include/cycle.sg",
            "tests/ui/include/missing.sg",
            // Files that include each other are both checked, and both
            // report the cycle.
            "tests/ui/include/parts/cycle_back.sg",
            "tests/ui/include/policy.sg",
            "tests/ui/include/several.sg",
            "tests/ui/include/syntax.sg",
        ]
    );
}

#[test]
fn diff_compares_policies_of_several_files() {
    let dir = std::env::temp_dir().join(format!("stargate-include-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (version, bastion) in [("old", "any"), ("new", "10.0.0.0/8")] {
        let d = dir.join(version);
        std::fs::create_dir_all(&d).expect("temp dir");
        std::fs::write(
            d.join("main.sg"),
            "policy p\ninclude \"net.sg\"\nzone internet { addresses any except 10.0.0.0/8 }\n",
        )
        .expect("write");
        std::fs::write(
            d.join("net.sg"),
            format!("service bastion {{\n  addresses 10.0.3.5\n  listen 22 from {bastion}\n}}\n"),
        )
        .expect("write");
    }
    let old = dir.join("old/main.sg");
    let new = dir.join("new/main.sg");
    let out = run(&[
        "diff",
        old.to_str().unwrap_or_default(),
        new.to_str().unwrap_or_default(),
        "--format",
        "json",
    ]);
    let doc = json(&out);
    let closed = doc["closed"].as_array().cloned().unwrap_or_default();
    assert_eq!(closed.len(), 1, "{doc}");
    assert_eq!(closed[0]["to"], "bastion");
    let _ = std::fs::remove_dir_all(&dir);
}
