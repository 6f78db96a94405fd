//! `stargate-verify diff`: flows opened and closed between two versions,
//! each with a witness; verdict changes; nodes added and removed; `--base`
//! from git; exit statuses and the output formats.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stargate-verify"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env("NO_COLOR", "1");
    c
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("stargate-diff-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn write(d: &Path, name: &str, text: &str) -> PathBuf {
    let p = d.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

/// Runs git in `d` with a fixed identity; whether it succeeded.
fn git(d: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .args(args)
        .current_dir(d)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// A repository in `d` with everything in it committed.
fn commit_all(d: &Path) {
    for args in [
        &["init", "-q"][..],
        &["add", "."],
        &["commit", "-q", "-m", "base"],
    ] {
        assert!(git(d, args), "git {args:?}");
    }
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run")
}

/// `diff --format json BASE HEAD`.
fn diff_json(base: &Path, head: &Path) -> Output {
    let path = |p: &Path| p.to_str().unwrap_or_default().to_string();
    run(&["diff", "--format", "json", &path(base), &path(head)])
}

/// `diff --base HEAD EXTRA... FILE`.
fn diff_base_head(file: &Path, extra: &[&str]) -> Output {
    let path = file.to_str().unwrap_or_default();
    run(&[&["diff", "--base", "HEAD"], extra, &[path]].concat())
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

const BASE: &str = r#"
secret token
zone internet { addresses 1.0.0.0/8 }
zone office { addresses 10.1.0.0/16 }
proxy edge {
  addresses 3.0.0.1
  listen 443 tls from internet
  on 443 {
    forward when path in /api/* to app:8080 set header X-Token = token
  }
}
service app { addresses 10.2.0.1 listen 8080 from edge on 8080 { deny 401 unless header X-Token == token } }
service db { addresses 10.3.0.1 listen 5432 from office }
assert db_private: no path internet -> db
"#;

#[test]
fn identical_versions_exit_0() {
    let d = dir("same");
    let a = write(&d, "a.sg", BASE);
    let out = diff_json(&a, &a);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let doc = json(&out);
    for key in [
        "opened",
        "closed",
        "undecided",
        "verdicts",
        "added_nodes",
        "removed_nodes",
    ] {
        assert_eq!(doc[key], Value::Array(vec![]), "{key}");
    }
}

#[test]
fn an_opened_flow_is_reported_with_its_witness() {
    let d = dir("open");
    let base = write(&d, "base.sg", BASE);
    let head = write(
        &d,
        "head.sg",
        &BASE.replace(
            "listen 5432 from office",
            "listen 5432 from [office, internet]",
        ),
    );
    let out = diff_json(&base, &head);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    let opened = doc["opened"].as_array().expect("opened");
    assert_eq!(opened.len(), 1, "{opened:#?}");
    let f = &opened[0];
    assert_eq!(
        (f["from"].as_str(), f["to"].as_str(), f["port"].as_u64()),
        (Some("internet"), Some("db"), Some(5432))
    );
    let hops = f["witness"]["hops"].as_array().expect("hops");
    assert_eq!(hops.len(), 1);
    assert_eq!(hops[0]["to"], "db");
    assert!(f["witness"]["request"]["source"]
        .as_str()
        .is_some_and(|s| s.starts_with("1.")));
    assert_eq!(doc["closed"], Value::Array(vec![]));
    assert_eq!(doc["verdicts"][0]["name"], "db_private");
    assert_eq!(doc["verdicts"][0]["base"], "proved");
    assert_eq!(doc["verdicts"][0]["head"], "refuted");
}

#[test]
fn a_closed_flow_is_reported_and_fail_on_chooses_the_status() {
    let d = dir("close");
    let base = write(&d, "base.sg", BASE);
    // The edge stops forwarding /api/*: internet no longer reaches app.
    let head = write(
        &d,
        "head.sg",
        &BASE.replace("path in /api/*", "path in /api/v2/*"),
    );
    let (b, h) = (
        base.to_str().unwrap_or_default(),
        head.to_str().unwrap_or_default(),
    );
    let out = diff_json(&base, &head);
    assert_eq!(out.status.code(), Some(0), "nothing opened");
    let doc = json(&out);
    let closed = doc["closed"].as_array().expect("closed");
    assert!(
        closed
            .iter()
            .any(|f| f["from"] == "internet" && f["to"] == "app"),
        "{closed:#?}"
    );
    // The witness is in the version where the request gets through: BASE.
    let w = closed
        .iter()
        .find(|f| f["to"] == "app")
        .map(|f| &f["witness"])
        .expect("witness");
    let path = w["request"]["path"].as_str().unwrap_or_default();
    assert!(
        path.starts_with("/api/") && !path.starts_with("/api/v2/"),
        "{path}"
    );
    assert_eq!(doc["opened"], Value::Array(vec![]));
    assert_eq!(
        run(&["diff", "--fail-on", "any", b, h]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["diff", "--fail-on", "never", b, h]).status.code(),
        Some(0)
    );
}

#[test]
fn added_and_removed_nodes_are_listed() {
    let d = dir("nodes");
    let base = write(&d, "base.sg", BASE);
    let head = write(
        &d,
        "head.sg",
        &format!("{BASE}\nservice cache {{ addresses 10.4.0.1 listen 6379 from office }}\n"),
    );
    let out = diff_json(&base, &head);
    let doc = json(&out);
    assert_eq!(doc["added_nodes"][0], "cache");
    // A new node's flows are not "opened": there is nothing to compare them with.
    assert_eq!(out.status.code(), Some(0));
    let back = diff_json(&head, &base);
    assert_eq!(json(&back)["removed_nodes"][0], "cache");
}

#[test]
fn base_from_git() {
    let d = dir("git");
    let file = write(&d, "policy.sg", BASE);
    commit_all(&d);
    std::fs::write(
        &file,
        BASE.replace("listen 5432 from office", "listen 5432"),
    )
    .expect("edit");
    let out = diff_base_head(&file, &["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    assert!(doc["opened"]
        .as_array()
        .is_some_and(|o| o.iter().any(|f| f["from"] == "internet" && f["to"] == "db")));
    let bad = run(&[
        "diff",
        "--base",
        "no-such-rev",
        file.to_str().unwrap_or_default(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn sarif_and_github_formats() {
    let d = dir("formats");
    let base = write(&d, "base.sg", BASE);
    let head = write(
        &d,
        "head.sg",
        &BASE.replace(
            "listen 5432 from office",
            "listen 5432 from [office, internet]",
        ),
    );
    let (b, h) = (
        base.to_str().unwrap_or_default(),
        head.to_str().unwrap_or_default(),
    );
    let sarif = json(&run(&["diff", "--format", "sarif", b, h]));
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "stargate::diff::opened");
    let line = results[0]["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64();
    let listen_line = BASE
        .lines()
        .position(|l| l.contains("listen 5432"))
        .map(|i| i as u64 + 1);
    assert_eq!(
        line, listen_line,
        "points at the listen line that lets it through"
    );
    let gh = run(&["diff", "--format", "github", b, h]);
    let text = String::from_utf8_lossy(&gh.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("::error file=")
            && l.contains("title=opened internet -> db%3A5432/tcp")),
        "{text}"
    );
}

#[test]
fn bad_input_exits_2() {
    let d = dir("bad");
    let base = write(&d, "base.sg", BASE);
    let broken = write(&d, "broken.sg", "zone a { addresses 10.0.0.0/33 }");
    let out = run(&[
        "diff",
        base.to_str().unwrap_or_default(),
        broken.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("stargate::parse::bad_prefix"));
    assert_eq!(
        run(&["diff", base.to_str().unwrap_or_default()])
            .status
            .code(),
        Some(2)
    );
}

/// The GitHub Action's pull-request step (action/diff.sh) runs `diff
/// --base` with annotations; run the same command line against a local
/// repository (tests/ci_recipe.rs runs the whole script).
#[test]
fn ci_recipe_diff_step() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = std::fs::read_to_string(root.join("action/diff.sh")).expect("the diff step");
    assert!(script.contains("stargate-verify diff --base \"$remote/$base\" \"${options[@]}\""));
    assert!(
        script.contains("options=(--format github --new-policy \"${INPUT_NEW_POLICY:-notice}\")")
    );
    let d = dir("recipe");
    let policies = d.join("policies");
    std::fs::create_dir_all(&policies).expect("dir");
    let file = write(&policies, "p.sg", BASE);
    commit_all(&d);
    std::fs::write(
        &file,
        BASE.replace("listen 5432 from office", "listen 5432"),
    )
    .expect("edit");
    // The step's loop body, with the base branch standing for origin/$GITHUB_BASE_REF.
    let out = bin()
        .current_dir(&d)
        .args([
            "diff",
            "--base",
            "HEAD",
            "--format",
            "github",
            "policies/p.sg",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("::error file=policies/p.sg,line="), "{text}");
}

/// With `--base`, a policy the change adds is compared with an empty network
/// (everything it admits is opened), or only noted with `--new-policy
/// notice`; one it deletes closes everything. Neither is an input error.
#[test]
fn new_and_deleted_policies_with_base() {
    let d = dir("new-deleted");
    write(&d, "old.sg", BASE);
    commit_all(&d);
    let new = write(&d, "new.sg", BASE);
    let new_path = new.to_str().unwrap_or_default();
    let out = run(&["diff", "--base", "HEAD", "--format", "json", new_path]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    let opened = doc["opened"].as_array().cloned().unwrap_or_default();
    assert!(
        opened
            .iter()
            .any(|f| f["from"] == "internet" && f["to"] == "edge"),
        "{opened:?}"
    );
    assert!(
        opened
            .iter()
            .any(|f| f["from"] == "office" && f["to"] == "db"),
        "{opened:?}"
    );
    assert_eq!(doc["closed"], Value::Array(vec![]));
    let added: Vec<&str> = doc["added_nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        added.contains(&"db") && added.contains(&"internet"),
        "{added:?}"
    );

    let noted = run(&[
        "diff",
        "--base",
        "HEAD",
        "--new-policy",
        "notice",
        "--format",
        "github",
        new_path,
    ]);
    assert_eq!(noted.status.code(), Some(0));
    let text = String::from_utf8_lossy(&noted.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("::notice file=") && l.contains("is new in this change")),
        "{text}"
    );
    assert!(!text.contains("::error"), "{text}");

    let old = d.join("old.sg");
    std::fs::remove_file(&old).expect("delete");
    let gone = diff_base_head(&old, &["--format", "json", "--fail-on", "any"]);
    assert_eq!(
        gone.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&gone.stderr)
    );
    let doc = json(&gone);
    assert_eq!(doc["opened"], Value::Array(vec![]));
    assert!(doc["closed"]
        .as_array()
        .is_some_and(|c| c.iter().any(|f| f["from"] == "office" && f["to"] == "db")));

    // In neither place: an input error.
    let neither = diff_base_head(&d.join("nowhere.sg"), &[]);
    assert_eq!(neither.status.code(), Some(2));
}

/// In `--format github` every error is an annotation too: a bad revision,
/// an unreadable file, a policy with errors (at its line).
#[test]
fn errors_are_annotations_in_github_format() {
    let d = dir("gh-errors");
    let file = write(&d, "p.sg", BASE);
    commit_all(&d);
    let p = file.to_str().unwrap_or_default();
    let bad_rev = run(&["diff", "--base", "no-such-rev", "--format", "github", p]);
    assert_eq!(bad_rev.status.code(), Some(2));
    let text = String::from_utf8_lossy(&bad_rev.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("::error title=") && l.contains("no-such-rev")),
        "{text}"
    );
    let broken = write(&d, "broken.sg", "zone a {\n  addresses 10.0.0.0/33\n}\n");
    let out = run(&[
        "diff",
        "--format",
        "github",
        p,
        broken.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("::error file=")
            && l.contains("broken.sg,line=2,")
            && l.contains("title=stargate%3A%3Aparse%3A%3Abad_prefix")),
        "{text}"
    );
    let missing = run(&["diff", "--format", "github", p, "/nonexistent/x.sg"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stdout).starts_with("::error title="));
}

/// The sandbox edits of issue 15, in both directions: each is decided
/// exactly (nothing undecided), with the flows it closes or opens and the
/// exit status that follows (a tightening passes `--fail-on opened`).
#[test]
fn sandbox_edits_are_decided_exactly() {
    let sandbox =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/sandbox.sg"))
            .expect("sandbox");
    let d = dir("sandbox-edits");
    let base = write(&d, "base.sg", &sandbox);
    let flows = |doc: &Value, key: &str| -> Vec<(String, String, u64)> {
        let mut v: Vec<_> = doc[key]
            .as_array()
            .expect(key)
            .iter()
            .map(|f| {
                (
                    f["from"].as_str().unwrap_or_default().to_string(),
                    f["to"].as_str().unwrap_or_default().to_string(),
                    f["port"].as_u64().unwrap_or_default(),
                )
            })
            .collect();
        v.sort();
        v
    };
    for (from, to, changed) in [
        (
            "listen 2049 from vpc",
            "listen 2049 from private_subnets",
            1,
        ),
        (
            "listen 443 tls from any",
            "listen 443 tls from internet",
            42,
        ),
    ] {
        assert!(sandbox.contains(from), "{from}");
        let head = write(&d, "head.sg", &sandbox.replacen(from, to, 1));
        // BASE -> HEAD tightens: flows closed, none opened, exit 0.
        let out = diff_json(&base, &head);
        let doc = json(&out);
        assert_eq!(doc["undecided"], Value::Array(vec![]), "{from}");
        assert_eq!(doc["opened"], Value::Array(vec![]), "{from}");
        let closed = flows(&doc, "closed");
        assert_eq!(closed.len(), changed, "{from}: {closed:?}");
        assert_eq!(out.status.code(), Some(0), "{from}");
        // HEAD -> BASE widens: the same flows opened, exit 1.
        let out = diff_json(&head, &base);
        let doc = json(&out);
        assert_eq!(doc["undecided"], Value::Array(vec![]), "{from}");
        assert_eq!(flows(&doc, "opened"), closed, "{from}");
        assert_eq!(doc["closed"], Value::Array(vec![]), "{from}");
        assert_eq!(out.status.code(), Some(1), "{from}");
        if changed == 1 {
            assert_eq!(closed, [("alb".to_string(), "efs".to_string(), 2049)]);
        } else {
            // Only the internet may still connect on 443: every flow closed
            // comes from inside.
            assert!(closed.iter().all(|(s, _, _)| s != "internet"), "{closed:?}");
            assert!(
                closed
                    .iter()
                    .any(|(_, t, p)| t == "cloudfront" && *p == 443),
                "{closed:?}"
            );
        }
    }
}
