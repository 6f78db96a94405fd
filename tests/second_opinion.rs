//! A second opinion on every committed proof obligation: the `z3` and `cvc5`
//! command-line solvers must answer each `proofs/<policy>/NAME.smt2` the way
//! the tool's verdict says (unsat for proved, sat for refuted; the reverse
//! for `path`). `.ci/run` installs both; elsewhere the test is skipped with a
//! message when they are missing, except under CI, where it fails.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use stargate_verify::verify::{Options, Status};

fn solver_available(bin: &str) -> bool {
    Command::new(bin)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn answer(bin: &str, file: &Path) -> String {
    let out = Command::new(bin).arg(file).output().expect("run solver");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .find(|l| matches!(*l, "sat" | "unsat" | "unknown"))
        .unwrap_or("no answer")
        .to_string()
}

#[test]
fn external_solvers_agree_with_the_tool() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let missing: Vec<&str> = ["z3", "cvc5"]
        .into_iter()
        .filter(|b| !solver_available(b))
        .collect();
    if !missing.is_empty() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have the solvers {missing:?} (.ci/run installs them)"
        );
        eprintln!("skipping: {missing:?} not installed (apt-get install z3 cvc5)");
        return;
    }
    let mut checked = 0;
    let mut disagreements = Vec::new();
    for entry in std::fs::read_dir(root.join("proofs")).expect("proofs/") {
        let dir = entry.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        let stem = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let policy_path = root.join("policies").join(format!("{stem}.sg"));
        let bytes = std::fs::read(&policy_path).expect("each proofs/<name> has policies/<name>.sg");
        let report = stargate_verify::check_bytes(&stem, &bytes, &Options::default());
        let policy = report.policy.as_ref().expect("policy checks");
        let verdicts: HashMap<&str, (Status, bool)> = report
            .verdicts
            .iter()
            .map(|v| {
                let a = &policy.assertions[v.assertion];
                (a.name.as_str(), (v.status, a.kind.as_str() == "path"))
            })
            .collect();
        for f in std::fs::read_dir(&dir).expect("obligations") {
            let file = f.expect("entry").path();
            let name = file
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let &(status, is_path) = verdicts
                .get(name.as_str())
                .unwrap_or_else(|| panic!("{} names no assertion of {stem}", file.display()));
            let expected = match (status, is_path) {
                (Status::Proved, false) | (Status::Refuted, true) => "unsat",
                (Status::Refuted, false) | (Status::Proved, true) => "sat",
                (Status::Unknown, _) => continue,
            };
            for bin in ["z3", "cvc5"] {
                let got = answer(bin, &file);
                if got != expected {
                    disagreements.push(format!(
                        "{}: the tool says {} (expects {expected}), {bin} says {got}",
                        file.display(),
                        status.as_str()
                    ));
                }
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 30,
        "expected the sandbox's obligations, checked {checked}"
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
