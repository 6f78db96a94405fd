//! The command line contract of the language reference, section 5: exit
//! statuses, the JSON document, and hostile input that must give a located
//! error and exit 2, never a crash.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stargate-verify"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run stargate-verify")
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stargate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write temp file");
    p
}

/// The first diagnostic of the only file, with exit status 2.
fn input_error(bytes: &[u8], name: &str) -> Value {
    let p = temp_file(name, bytes);
    let out = run(&["--format", "json", p.to_str().unwrap_or_default()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let doc = json_of(&out);
    let file = &doc["files"][0];
    assert_eq!(file["assertions"], Value::Array(vec![]));
    file["diagnostics"][0].clone()
}

#[test]
fn reference_example_is_proved_with_and_without_check() {
    let implicit = run(&["tests/data/reference_example.sg"]);
    let explicit = run(&["check", "tests/data/reference_example.sg"]);
    assert_eq!(
        implicit.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&implicit.stdout)
    );
    assert_eq!(explicit.status.code(), Some(0));
    let text = String::from_utf8_lossy(&implicit.stdout);
    assert!(text.contains("4 proved, 0 refuted, 0 unknown"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when piped");
}

#[test]
fn sandbox_json_follows_the_contract() {
    let out = run(&["--format", "json", "policies/sandbox.sg"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the sandbox has refuted findings"
    );
    let doc = json_of(&out);
    let file = &doc["files"][0];
    assert_eq!(file["file"], "policies/sandbox.sg");
    let assertions = file["assertions"].as_array().expect("assertions");
    let summary = &doc["summary"];
    let total: u64 = ["proved", "refuted", "unknown"]
        .iter()
        .map(|k| summary[k].as_u64().expect("count"))
        .sum();
    assert_eq!(total as usize, assertions.len());
    for a in assertions {
        let kind = a["kind"].as_str().expect("kind");
        assert!([
            "no_path",
            "no_connection",
            "path",
            "requires",
            "via",
            "encrypted"
        ]
        .contains(&kind));
        assert!(a["line"].as_u64().is_some() && a["column"].as_u64().is_some());
        match a["status"].as_str() {
            Some("refuted") if kind != "path" => {
                let cx = &a["counterexample"];
                let req = &cx["request"];
                for field in ["source", "port", "protocol", "method", "path", "headers"] {
                    assert!(!req[field].is_null(), "request.{field} in {a}");
                }
                let hops = cx["hops"].as_array().expect("hops");
                assert!(!hops.is_empty());
                for h in hops {
                    for field in ["from", "to", "port", "tls", "line"] {
                        assert!(!h[field].is_null(), "hop.{field} in {a}");
                    }
                }
            }
            Some("proved") if kind == "path" => assert!(a["witness"]["hops"].is_array()),
            Some("proved" | "refuted") => {}
            other => panic!("unexpected status {other:?}"),
        }
    }
}

#[test]
fn syntax_errors_exit_2_with_json_diagnostics() {
    let d = input_error(
        b"policy p\n\nzone a {\n  addresses 10.0.0.0/8\n  listen 80 from\n}\n",
        "syntax.sg",
    );
    assert_eq!(d["code"], "stargate::parse::syntax");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 6);
}

#[test]
fn invalid_utf8_is_located() {
    let d = input_error(
        b"policy p\n# ok\nzone a { addresses 10.0.0.0/8 } # \xff\xfe\n",
        "utf8.sg",
    );
    assert_eq!(d["code"], "stargate::io::invalid_utf8");
    assert_eq!(d["line"], 3);
}

#[test]
fn nul_bytes_are_located() {
    let d = input_error(b"policy p\n\nzone a {\0 addresses 10.0.0.0/8 }\n", "nul.sg");
    assert_eq!(d["code"], "stargate::parse::nul_byte");
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 9);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let mut text = String::from("zone a { addresses 10.0.0.0/8 }\nassert x: no path a -> a where ");
    text.push_str(&"(".repeat(100_000));
    text.push_str("opaque o");
    text.push_str(&")".repeat(100_000));
    let d = input_error(text.as_bytes(), "deep.sg");
    assert_eq!(d["code"], "stargate::parse::too_deep");
    assert_eq!(d["line"], 2);
}

#[test]
fn long_flat_chains_parse() {
    let mut text =
        String::from("zone a { addresses 10.0.0.0/8 }\nassert x: no path a -> a where opaque o0");
    for i in 1..20_000 {
        text.push_str(&format!(" or not opaque o{i}"));
    }
    text.push('\n');
    let p = temp_file("chain.sg", text.as_bytes());
    let out = run(&[
        "--format",
        "json",
        "--timeout",
        "60s",
        p.to_str().unwrap_or_default(),
    ]);
    // The zone accepts everything, so the path exists: refuted.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = "\u{feff}policy p\r\nzone a { addresses 10.0.0.0/8 }\r\nservice s { addresses 10.1.0.1 listen 80 }\r\nassert x: path a -> s\r\n";
    let p = temp_file("bom.sg", text.as_bytes());
    let out = run(&["--format", "json", p.to_str().unwrap_or_default()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(json_of(&out)["files"][0]["assertions"][0]["line"], 4);
}

#[test]
fn oversized_files_are_refused() {
    let big = vec![b' '; stargate_verify::MAX_FILE_BYTES + 1];
    let d = input_error(&big, "big.sg");
    assert_eq!(d["code"], "stargate::io::too_large");
}

#[test]
fn unreadable_files_exit_2() {
    let out = run(&["--format", "json", "no/such/file.sg"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        json_of(&out)["files"][0]["diagnostics"][0]["code"],
        "stargate::io::read"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(
        run(&["--timeout", "fast", "tests/data/reference_example.sg"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["--format", "yaml", "tests/data/reference_example.sg"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["--help"]).status.code(), Some(0));
}

#[test]
fn resource_limit_gives_unknown_and_exit_1() {
    let out = run(&[
        "--format",
        "json",
        "--rlimit",
        "1",
        "tests/data/reference_example.sg",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc = json_of(&out);
    // `no_public_9090` needs no solver: no listen line on 9090 admits the
    // internet, so its state graph has no target at all. Nor does
    // `metrics_private`: a first hop from the internet into `lb` can only be
    // on port 80, so the block for 9090 that forwards to `metrics` is never
    // reached.
    assert_eq!(doc["summary"]["unknown"], 2);
    assert_eq!(doc["summary"]["proved"], 2);
    assert_eq!(doc["files"][0]["assertions"][0]["status"], "proved");
    assert_eq!(doc["files"][0]["assertions"][1]["status"], "proved");
    let a = &doc["files"][0]["assertions"][2];
    assert_eq!(a["status"], "unknown");
    assert!(a["reason"]
        .as_str()
        .is_some_and(|r| r.contains("resource limit")));
}

#[test]
fn several_files_in_one_run() {
    let out = run(&[
        "--format",
        "json",
        "tests/data/reference_example.sg",
        "policies/sandbox.sg",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_of(&out)["files"].as_array().map(Vec::len), Some(2));
}

/// `proofs/sandbox/` holds the sandbox's obligations as the tool writes them.
#[test]
fn sandbox_obligations_have_not_drifted() {
    let dir = std::env::temp_dir().join(format!("stargate-proofs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = run(&[
        "--emit-smt",
        dir.to_str().unwrap_or_default(),
        "policies/sandbox.sg",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("proofs/sandbox");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("emitted obligations")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    let mut committed_names: Vec<String> = std::fs::read_dir(&committed)
        .expect("proofs/sandbox exists")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    committed_names.sort();
    assert_eq!(
        names, committed_names,
        "regenerate with: cargo run --release -- --emit-smt proofs/sandbox policies/sandbox.sg"
    );
    for n in names {
        let fresh = std::fs::read_to_string(dir.join(&n)).unwrap_or_default();
        let old = std::fs::read_to_string(committed.join(&n)).unwrap_or_default();
        assert!(fresh == old, "{n} drifted; regenerate with: cargo run --release -- --emit-smt proofs/sandbox policies/sandbox.sg");
    }
}
