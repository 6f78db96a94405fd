//! The CI recipe a policy repository adopts: the GitHub Action
//! (`action.yml` and its scripts in `action/`), the workflow that uses it
//! (`docs/ci/stargate.yml`, shown verbatim in `docs/ci.md`) and the
//! pre-commit hooks (`.pre-commit-hooks.yaml`).
//!
//! The action's steps are scripts, so they run here with the built binary
//! on PATH, as a runner would run them. Where the real client is installed
//! (`pre-commit`), it runs the hooks too; where it is not, the test says so
//! on standard error and checks what it can without it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

#[path = "common/dirs.rs"]
mod dirs;
use dirs::copy_dir;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stargate-ci-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The folder of the built binary first on PATH, as `cargo install` would put it.
fn path_with_binary() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_stargate-verify"));
    let dir = bin.parent().map(Path::to_path_buf).unwrap_or_default();
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Runs one of the action's scripts in `dir`, as its step does.
fn run_step(script: &str, dir: &Path, env: &[(&str, &str)], output: &Path) -> Output {
    let mut c = Command::new("bash");
    c.arg(root().join("action").join(script))
        .current_dir(dir)
        .env("PATH", path_with_binary())
        .env("NO_COLOR", "1")
        .env("GITHUB_OUTPUT", output)
        .env("RUNNER_TEMP", output.parent().unwrap_or(dir));
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run bash")
}

/// `key=value` lines a step wrote to GITHUB_OUTPUT.
fn step_output(file: &Path, key: &str) -> Option<String> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")).map(str::to_string))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// ---------------------------------------------------------------------------
// The workflow and the action's metadata

#[test]
fn ci_doc_shows_exactly_the_tested_workflow() {
    let workflow = read("docs/ci/stargate.yml");
    let doc = read("docs/ci.md");
    assert!(
        doc.contains(&format!("```yaml\n{workflow}```")),
        "docs/ci.md must show docs/ci/stargate.yml verbatim in a ```yaml block"
    );
}

/// `key: value` of the lines of a YAML text, trimmed, `- ` removed.
fn pairs(yaml: &str) -> Vec<(String, String)> {
    yaml.lines()
        .map(|l| l.trim().trim_start_matches("- "))
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| {
            let v = v.split(" #").next().unwrap_or("").trim();
            (k.trim().to_string(), v.trim_matches('"').to_string())
        })
        .collect()
}

/// The names under the top-level `inputs:` of action.yml.
fn action_inputs(action: &str) -> BTreeSet<String> {
    let mut inputs = BTreeSet::new();
    let mut inside = false;
    for line in action.lines() {
        if !line.starts_with(' ') && !line.is_empty() {
            inside = line.starts_with("inputs:");
            continue;
        }
        if inside && line.starts_with("  ") && !line.starts_with("   ") {
            if let Some(name) = line.trim().strip_suffix(':') {
                inputs.insert(name.to_string());
            }
        }
    }
    inputs
}

#[test]
fn the_workflow_only_uses_the_action_with_current_versions() {
    let workflow = read("docs/ci/stargate.yml");
    let kv = pairs(&workflow);
    let uses: Vec<&str> = kv
        .iter()
        .filter(|(k, _)| k == "uses")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(uses.len(), 2, "{uses:?}");
    assert_eq!(uses[0], "actions/checkout@v7");
    assert!(uses[1].starts_with("stargate-verify/stargate-verify@"));
    assert!(!workflow.contains("run:"), "the action does the work");
    assert!(workflow.contains("security-events: write"));
    // Every input the workflow passes is one the action declares.
    let inputs = action_inputs(&read("action.yml"));
    let with = workflow.split("with:").nth(1).unwrap_or("");
    for (key, _) in pairs(with) {
        assert!(
            inputs.contains(&key),
            "`{key}` is not an input of action.yml"
        );
    }
}

#[test]
fn the_action_is_composite_cached_and_guarded() {
    let action = read("action.yml");
    let kv = pairs(&action);
    let get = |key: &str| -> Vec<&str> {
        kv.iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(get("using"), ["composite"]);
    assert_eq!(
        get("uses"),
        ["actions/cache@v5", "github/codeql-action/upload-sarif@v4"]
    );
    // A composite step that runs a command must name its shell.
    let steps = action.split("\n    - ").skip(1);
    for step in steps {
        if step.contains("\n      run:") || step.starts_with("run:") {
            assert!(
                step.contains("shell: bash"),
                "a run step without shell:\n{step}"
            );
        }
    }
    // Every `inputs.X` the steps read is declared, and every declared input is read.
    let declared = action_inputs(&action);
    let used: BTreeSet<String> = action
        .split("inputs.")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect()
        })
        .collect();
    assert_eq!(declared, used);
    // The upload is skipped for pull requests from forks and Dependabot,
    // whose token cannot write code scanning alerts.
    let upload = action
        .split("- name: Upload the results to code scanning")
        .nth(1)
        .and_then(|s| s.split("\n    - ").next())
        .unwrap_or("");
    assert!(upload.contains("github.event.pull_request.head.repo.full_name == github.repository"));
    assert!(upload.contains("github.actor != 'dependabot[bot]'"));
    assert!(upload.contains("always()"));
    // The build is skipped when the cache has it, and the scripts exist.
    assert!(action.contains("if: steps.cache.outputs.cache-hit != 'true'"));
    for script in ["action/check.sh", "action/diff.sh"] {
        assert!(action.contains(&format!("$GITHUB_ACTION_PATH/{script}")));
        assert!(root().join(script).is_file(), "{script}");
    }
}

// ---------------------------------------------------------------------------
// The action's steps, run

#[test]
fn the_check_step_writes_sarif_and_annotations() {
    let dir = temp_dir("check");
    let output = dir.join("github_output");
    let out = run_step(
        "check.sh",
        root(),
        &[
            ("INPUT_PATHS", "policies/sandbox.sg"),
            ("INPUT_ANNOTATIONS", "true"),
        ],
        &output,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(step_output(&output, "status").as_deref(), Some("1"));
    let sarif = step_output(&output, "sarif").expect("a SARIF path");
    let doc: Value =
        serde_json::from_slice(&std::fs::read(&sarif).expect("SARIF written")).expect("JSON");
    let results = doc["runs"][0]["results"].as_array().map_or(0, Vec::len);
    assert_eq!(results, 8, "one result per refuted assertion");
    let annotations = text(&out.stdout);
    assert_eq!(
        annotations
            .lines()
            .filter(|l| l.starts_with("::error "))
            .count(),
        8
    );

    // Without paths, stargate.toml's are used.
    let project = temp_dir("check-config");
    std::fs::create_dir_all(project.join("net")).expect("mkdir");
    std::fs::copy(
        root().join("tests/data/reference_example.sg"),
        project.join("net/example.sg"),
    )
    .expect("copy");
    std::fs::write(project.join("stargate.toml"), "paths = [\"net\"]\n").expect("write");
    let output = project.join("github_output");
    let out = run_step("check.sh", &project, &[("INPUT_PATHS", "")], &output);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(step_output(&output, "status").as_deref(), Some("0"));

    // A settings error writes no SARIF, so there is nothing to upload.
    std::fs::write(project.join("stargate.toml"), "pathz = [\"net\"]\n").expect("write");
    let _ = std::fs::remove_file(&output);
    run_step("check.sh", &project, &[("INPUT_PATHS", "")], &output);
    assert_eq!(step_output(&output, "status").as_deref(), Some("2"));
    assert_eq!(step_output(&output, "sarif"), None);
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
}

#[test]
fn the_diff_step_annotates_what_a_pull_request_opens() {
    let dir = temp_dir("diff");
    let origin = dir.join("origin");
    std::fs::create_dir_all(&origin).expect("mkdir");
    git(&origin, &["init", "-q", "-b", "main"]);
    let base = "zone internet { addresses any except 10.0.0.0/8 }\n\
                service app { addresses 10.0.1.0/24  listen 443 from 10.0.0.0/8 }\n";
    std::fs::write(origin.join("net.sg"), base).expect("write");
    git(&origin, &["add", "net.sg"]);
    git(&origin, &["commit", "-q", "-m", "base"]);
    git(&dir, &["clone", "-q", "origin", "clone"]);
    let clone = dir.join("clone");
    std::fs::write(
        clone.join("net.sg"),
        base.replace("from 10.0.0.0/8", "from any"),
    )
    .expect("write");
    std::fs::write(clone.join("added.sg"), base).expect("write");
    let output = dir.join("github_output");
    let out = run_step(
        "diff.sh",
        &clone,
        &[("GITHUB_BASE_REF", "main"), ("INPUT_PATHS", ".")],
        &output,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        step_output(&output, "status").as_deref(),
        Some("1"),
        "a flow opened"
    );
    let log = text(&out.stdout);
    assert!(
        log.lines()
            .any(|l| l.starts_with("::notice file=")
                && l.contains("added.sg` is new in this change")),
        "{log}"
    );
    assert!(
        log.lines().any(|l| l.starts_with("::error file=./net.sg") || l.starts_with("::error file=net.sg")),
        "{log}"
    );
}

/// With the `terraform` input, the check step checks the configuration
/// (here without intent: the built-in findings) and the diff step
/// annotates the flow a pull request opens in it, on its `.tf` line.
#[test]
fn the_steps_check_and_diff_a_terraform_configuration() {
    let dir = temp_dir("terraform");
    let origin = dir.join("origin");
    copy_dir(
        &root().join("tests/terraform/sandbox"),
        &origin.join("infra"),
    );
    git(&origin, &["init", "-q", "-b", "main"]);
    git(&origin, &["add", "."]);
    git(&origin, &["commit", "-q", "-m", "base"]);
    git(&dir, &["clone", "-q", "origin", "clone"]);
    let clone = dir.join("clone");
    let output = dir.join("check_output");
    let out = run_step("check.sh", &clone, &[("INPUT_TERRAFORM", "infra")], &output);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        step_output(&output, "status").as_deref(),
        Some("0"),
        "{}",
        text(&out.stdout)
    );
    let sarif = step_output(&output, "sarif").expect("a SARIF log");
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(sarif).expect("sarif")).expect("json");
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "stargate::terraform::secret_plaintext"));

    let net = clone.join("infra/network.tf");
    let t = std::fs::read_to_string(&net).expect("network.tf");
    std::fs::write(
        &net,
        t.replace(
            "{ port = 9090, cidrs = [var.vpc_cidr]",
            "{ port = 9090, cidrs = [\"0.0.0.0/0\"]",
        ),
    )
    .expect("write");
    let output = dir.join("diff_output");
    let out = run_step(
        "diff.sh",
        &clone,
        &[("GITHUB_BASE_REF", "main"), ("INPUT_TERRAFORM", "infra")],
        &output,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        step_output(&output, "status").as_deref(),
        Some("1"),
        "{}",
        text(&out.stdout)
    );
    let log = text(&out.stdout);
    assert!(
        log.lines()
            .any(|l| l.starts_with("::error file=infra/")
                && l.contains("opened internet -> victoria")),
        "{log}"
    );
}

// ---------------------------------------------------------------------------
// pre-commit

/// The hooks of .pre-commit-hooks.yaml: each as its `key: value` lines.
fn hooks() -> Vec<Vec<(String, String)>> {
    read(".pre-commit-hooks.yaml")
        .split("\n- ")
        .skip(1)
        .map(pairs)
        .collect()
}

fn value<'a>(hook: &'a [(String, String)], key: &str) -> &'a str {
    hook.iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

#[test]
fn hooks_check_and_format_with_the_binary_or_by_building_it() {
    let hooks = hooks();
    let ids: Vec<&str> = hooks.iter().map(|h| value(h, "id")).collect();
    assert_eq!(
        ids,
        [
            "stargate-verify",
            "stargate-verify-fmt",
            "stargate-verify-build",
            "stargate-verify-fmt-build"
        ]
    );
    for h in &hooks {
        let id = value(h, "id");
        assert_eq!(value(h, "files"), r"\.sg$", "{id}");
        let language = if id.ends_with("-build") {
            "rust"
        } else {
            "system"
        };
        assert_eq!(value(h, "language"), language, "{id}");
        // pre-commit runs `entry` followed by the matching staged files.
        let entry: Vec<&str> = value(h, "entry").split_whitespace().collect();
        assert_eq!(entry.first(), Some(&"stargate-verify"), "{id}");
        let commit = |file: &str| {
            Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
                .current_dir(root())
                .args(&entry[1..])
                .arg(file)
                .output()
                .expect("run stargate-verify")
                .status
                .code()
        };
        if entry.contains(&"fmt") {
            assert_eq!(commit("tests/data/fmt/ugly.formatted.sg"), Some(0), "{id}");
            assert_eq!(commit("tests/data/fmt/ugly.sg"), Some(1), "{id}");
        } else {
            assert_eq!(
                commit("policies/sandbox.sg"),
                Some(1),
                "{id}: refuted blocks"
            );
            assert_eq!(commit("tests/data/reference_example.sg"), Some(0), "{id}");
            assert_eq!(commit("tests/formats/input_error.sg"), Some(2), "{id}");
        }
    }
    // `language: rust` builds the repository with cargo: it must be a crate
    // with the binary the entry names.
    assert!(read("Cargo.toml").contains("name = \"stargate-verify\""));
}

/// The system hooks through pre-commit itself, when it is installed
/// (`.ci/run` installs it); the `-build` variants are not run here, since
/// pre-commit would build the whole tool again in release mode.
#[test]
fn pre_commit_runs_the_system_hooks() {
    let version = Command::new("pre-commit").arg("--version").output();
    let Some(version) = version.ok().filter(|o| o.status.success()) else {
        eprintln!("SKIPPED pre_commit_runs_the_system_hooks: `pre-commit` is not installed");
        return;
    };
    eprintln!("using {}", text(&version.stdout).trim());
    let repo = temp_dir("pre-commit");
    git(&repo, &["init", "-q"]);
    // A policy that is proved and in the canonical style.
    let formatted = Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
        .args(["fmt", "-"])
        .stdin(std::fs::File::open(root().join("tests/data/reference_example.sg")).expect("open"))
        .output()
        .expect("run fmt -");
    std::fs::write(repo.join("good.sg"), &formatted.stdout).expect("write");
    std::fs::copy(root().join("policies/sandbox.sg"), repo.join("refuted.sg")).expect("copy");
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "policies"]);
    let try_hook = |hook: &str, file: &str| {
        let out = Command::new("pre-commit")
            .current_dir(&repo)
            .env("PATH", path_with_binary())
            .env("PRE_COMMIT_HOME", repo.join(".cache"))
            .args([
                "try-repo",
                &root().display().to_string(),
                hook,
                "--files",
                file,
            ])
            .output()
            .expect("run pre-commit");
        (out.status.success(), text(&out.stdout))
    };
    let (ok, log) = try_hook("stargate-verify", "good.sg");
    assert!(ok, "{log}");
    let (ok, log) = try_hook("stargate-verify", "refuted.sg");
    assert!(!ok && log.contains("Failed"), "{log}");
    let (ok, log) = try_hook("stargate-verify-fmt", "good.sg");
    assert!(ok, "{log}");
}
