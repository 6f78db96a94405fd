//! UI tests: every `tests/ui/<stage>/<name>.sg` is checked and its rendered
//! report compared with `<name>.out` beside it. Adding a case is adding a
//! file; `UPDATE_UI=1 cargo test --test ui` writes the expected outputs.
//! Files in a `parts/` folder are not cases: cases include them.
//! Verdict outputs hold the solver's models, pinned to the z3 in CI (4.8.12).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use stargate_verify::report::human::{render_file, HumanOptions};
use stargate_verify::verify::Options;

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            // `parts/` folders hold files that cases include.
            if !p.ends_with("parts") {
                cases(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "sg") {
            out.push(p);
        }
    }
}

fn render(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read ui case");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    // One worker: the solver's models then do not depend on the core count.
    let opts = Options {
        jobs: 1,
        ..Options::default()
    };
    let report = stargate_verify::check_bytes(&name, &bytes, &opts);
    render_file(
        &report,
        HumanOptions {
            color: false,
            witness: true,
            quiet: false,
        },
    )
}

#[test]
fn ui_cases_match_their_expected_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let mut files = Vec::new();
    cases(&root, &mut files);
    assert!(
        files.len() > 30,
        "expected the ui cases under {}",
        root.display()
    );
    let update = std::env::var_os("UPDATE_UI").is_some();
    let mut failures = Vec::new();
    for f in &files {
        let actual = render(f);
        let expected_path = f.with_extension("out");
        if update {
            std::fs::write(&expected_path, &actual).expect("write expected output");
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{}: output differs\n--- expected\n{expected}\n--- actual\n{actual}",
                f.display()
            )),
            Err(_) => failures.push(format!(
                "{}: no {} (run with UPDATE_UI=1)",
                f.display(),
                expected_path.display()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} ui case(s) failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Every diagnostic code the source can emit appears in some expected output.
#[test]
fn every_diagnostic_code_has_a_ui_case() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    common::files_with_extension(&root.join("src"), "rs", &mut sources);
    let mut codes = BTreeSet::new();
    for s in sources {
        let text = std::fs::read_to_string(&s).unwrap_or_default();
        for (i, _) in text.match_indices("\"stargate::") {
            let rest = &text[i + 1..];
            if let Some(end) = rest.find('"') {
                let code = &rest[..end];
                if code.matches("::").count() == 2 {
                    codes.insert(code.to_string());
                }
            }
        }
    }
    // Codes a ui file cannot show: internal errors, unreadable files and files
    // over the size limit (tests/cli.rs), solver give-ups (tests/verify.rs).
    for untestable in [
        "stargate::parse::internal",
        "stargate::io::read",
        "stargate::io::too_large",
        "stargate::verify::unknown",
    ] {
        codes.remove(untestable);
    }
    let mut outputs = String::new();
    let mut files = Vec::new();
    cases(&root.join("tests/ui"), &mut files);
    for f in files {
        outputs.push_str(&std::fs::read_to_string(f.with_extension("out")).unwrap_or_default());
    }
    // Internal errors (bugs) have no input that triggers them on purpose;
    // `diff` results compare two files (tests/diff.rs).
    // The size limits are tested with small limits in src/model/check.rs.
    // The codes of stargate.toml are about that file, not a policy
    // (src/config.rs and tests/cli.rs). The Terraform import's codes are
    // about .tf and plan files, tested by tests/terraform.rs.
    codes.retain(|c| {
        !c.ends_with("::internal")
            && !c.starts_with("stargate::diff::")
            && !c.starts_with("stargate::config::")
            && !c.starts_with("stargate::terraform::")
            && !c.contains("::too_many_")
    });
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| !outputs.contains(c.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "diagnostic codes without a ui case: {missing:?}"
    );
}
