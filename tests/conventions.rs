//! The command line's conventions, tried as a user would: a mistyped
//! subcommand, standard input and directories as inputs, `--quiet`,
//! `--only`, `--color`, `--output`, completions and the man page, `explain`,
//! where diagnostics go, and the settings of `stargate.toml`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bin_in(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stargate-verify"));
    c.current_dir(dir);
    c.env("NO_COLOR", "1");
    c
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin_in(dir)
        .args(args)
        .output()
        .expect("run stargate-verify")
}

fn run(args: &[&str]) -> Output {
    run_in(root(), args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stargate-conv-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const EXAMPLE: &str = "tests/data/reference_example.sg";

#[test]
fn a_mistyped_subcommand_is_not_read_as_a_file() {
    let out = run(&["chek", EXAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("did you mean `check`?"), "{err}");
    assert!(out.stdout.is_empty());
    // A path is still a file to check, whatever it looks like.
    assert_eq!(run(&[EXAMPLE]).status.code(), Some(0));
    let out = run(&["--color", "never", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn standard_input_and_directories() {
    let policy = std::fs::read(root().join(EXAMPLE)).expect("read example");
    let mut child = bin_in(root())
        .args(["check", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin.write_all(&policy).expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["files"][0]["file"], "<stdin>");
    assert_eq!(
        doc["files"][0]["assertions"].as_array().map(Vec::len),
        Some(4)
    );

    let dir = temp_dir("tree");
    std::fs::create_dir_all(dir.join("b")).expect("mkdir");
    std::fs::write(dir.join("b/one.sg"), &policy).expect("write");
    std::fs::write(dir.join("a.sg"), &policy).expect("write");
    std::fs::write(dir.join("README.txt"), "not a policy").expect("write");
    let out = run_in(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let files: Vec<&str> = doc["files"]
        .as_array()
        .map(|fs| fs.iter().filter_map(|f| f["file"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(files, ["./a.sg", "./b/one.sg"]);
    std::fs::create_dir_all(dir.join("empty")).expect("mkdir");
    let out = run_in(&dir, &["check", "empty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no `.sg` file below `empty`"));
}

#[test]
fn quiet_shows_only_failures_and_the_summary() {
    let loud = text(&run(&["check", "policies/sandbox.sg"]).stdout);
    let out = run(&["check", "--quiet", "policies/sandbox.sg"]);
    assert_eq!(out.status.code(), Some(1));
    let quiet = text(&out.stdout);
    assert!(loud.contains("  proved   edge_is_tls"), "{loud}");
    assert!(!quiet.contains("  proved "), "{quiet}");
    assert!(quiet.contains("  refuted  metrics_not_public"), "{quiet}");
    assert!(quiet.contains("× assertion `metrics_not_public` is refuted"));
    assert!(quiet
        .lines()
        .last()
        .is_some_and(|l| l.starts_with("25 proved, 8 refuted, 0 unknown")));
}

#[test]
fn only_verifies_the_named_assertions() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "--only",
        "metrics_not_public,edge_is_tls",
        "policies/sandbox.sg",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let names: Vec<&str> = doc["files"][0]["assertions"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["edge_is_tls", "metrics_not_public"]);
    let out = run(&["check", "--only", "edge_is_tl", "policies/sandbox.sg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("did you mean `edge_is_tls`?"));
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let always = run(&["check", "--color", "always", "policies/sandbox.sg"]);
    assert!(
        text(&always.stdout).contains('\u{1b}'),
        "--color always colours"
    );
    let never = bin_in(root())
        .args(["check", "--color", "auto", "policies/sandbox.sg"])
        .output()
        .expect("run");
    assert!(
        !text(&never.stdout).contains('\u{1b}'),
        "not a terminal: no colour"
    );
    let old = run(&["check", "--no-color", "--color", "always", EXAMPLE]);
    assert!(!text(&old.stdout).contains('\u{1b}'), "--no-color wins");
}

#[test]
fn output_writes_the_report_to_a_file() {
    let dir = temp_dir("output");
    let file = dir.join("report.sarif");
    let out = run(&[
        "check",
        "--format",
        "sarif",
        "--output",
        file.to_str().unwrap_or_default(),
        "policies/sandbox.sg",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("written")).expect("json");
    assert_eq!(doc["version"], "2.1.0");
    let out = run(&["check", "--output", "/nonexistent-dir/x", EXAMPLE]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn completions_and_man_page_come_from_the_definitions() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        assert!(
            script.contains("explain") && script.contains("only"),
            "{shell}"
        );
    }
    let man = text(&run(&["man"]).stdout);
    assert!(man.contains(".TH stargate-verify 1"), "{man}");
    assert!(man.contains("completions"));
}

#[test]
fn diff_refuses_junit_and_says_so_in_its_help() {
    let help = text(&run(&["diff", "--help"]).stdout);
    assert!(help.contains("no `junit`"), "{help}");
    let out = run(&["diff", "--format", "junit", EXAMPLE, EXAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`diff` has no JUnit output"));
    assert!(out.stdout.is_empty());
}

/// Human diagnostics go to standard error in every subcommand; the report
/// itself to standard output.
#[test]
fn diagnostics_go_to_standard_error_everywhere() {
    let bad = "tests/ui/parse/syntax.sg";
    for args in [
        vec!["check", bad],
        vec!["fmt", "--check", bad],
        vec!["graph", bad],
        vec!["diff", bad, bad],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert!(
            stderr.contains("stargate::"),
            "{args:?}: no diagnostic on stderr:\n{stderr}"
        );
        assert!(
            !stdout.contains("stargate::"),
            "{args:?}: a diagnostic on stdout:\n{stdout}"
        );
    }
}

#[test]
fn every_code_is_explained_by_the_binary() {
    let list = text(&run(&["explain"]).stdout);
    let codes: Vec<&str> = list
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(codes.len() > 45, "{list}");
    for code in codes {
        let out = run(&["explain", code]);
        assert_eq!(out.status.code(), Some(0), "{code}");
        let page = text(&out.stdout);
        assert!(
            page.starts_with(code) && page.contains("**Fix:**"),
            "{page}"
        );
        assert!(page.contains("docs/codes.md#"), "{page}");
    }
    let out = run(&["explain", "parse::cidr_hostbits"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("did you mean `stargate::parse::cidr_host_bits`?"));
}

#[test]
fn settings_come_from_stargate_toml_found_upward() {
    let dir = temp_dir("config");
    let policies = dir.join("policies");
    std::fs::create_dir_all(policies.join("deeper")).expect("mkdir");
    std::fs::copy(root().join(EXAMPLE), policies.join("example.sg")).expect("copy");
    std::fs::write(
        dir.join("stargate.toml"),
        "paths = [\"policies\"]\ntimeout = \"10s\"\n",
    )
    .expect("write");
    // Found from a folder below, and its paths are taken from its own folder.
    let out = run_in(&policies.join("deeper"), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // Named from the working directory, so SARIF gets relative paths.
    assert_eq!(doc["files"][0]["file"], "../../policies/example.sg");
    let out = run_in(&dir, &["check", "--show-files"]);
    assert_eq!(text(&out.stdout), "policies/example.sg\n");

    std::fs::write(
        dir.join("stargate.toml"),
        "paths = [\"policies\"]\ntimout = \"10s\"\n",
    )
    .expect("write");
    let out = run_in(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("stargate::config::unknown_key"), "{err}");
    assert!(err.contains("stargate.toml:2:1"), "located: {err}");
    assert!(err.contains("did you mean `timeout`?"), "{err}");
    assert_eq!(
        run_in(&dir, &["check", "--no-config", "policies"])
            .status
            .code(),
        Some(0)
    );

    // `terraform` makes the policies intents checked against it: a
    // configuration that is not there is a located error.
    std::fs::write(dir.join("stargate.toml"), "terraform = [\"infra\"]\n").expect("write");
    let out = run_in(&dir, &["check", "policies"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("stargate::terraform::io"),
        "{}",
        text(&out.stderr)
    );
}

/// A long run (800 assertions) draws its progress line only on a
/// terminal: piped, standard error holds no trace of it.
#[test]
fn progress_never_reaches_a_pipe() {
    let dir = temp_dir("progress");
    let mut policy = std::fs::read_to_string(root().join("policies/sandbox.sg")).expect("read");
    for i in 0..800 {
        policy.push_str(&format!(
            "assert extra_{i}: no path internet -> litellm where path in /x{i}/*\n"
        ));
    }
    let file = dir.join("big.sg");
    std::fs::write(&file, policy).expect("write");
    for format in ["human", "json"] {
        let out = run(&[
            "check",
            "-q",
            "--format",
            format,
            file.to_str().unwrap_or_default(),
        ]);
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert!(
            !err.contains('\r') && !err.contains("checking"),
            "{format}: {err:?}"
        );
    }
}
