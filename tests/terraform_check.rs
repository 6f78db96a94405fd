//! `check --terraform`: an intent checked against an imported network, with
//! the Terraform diagnostics located in the `.tf` files in every format,
//! and a configuration with errors never verified.

use std::process::{Command, Output};

use serde_json::Value;

#[path = "common/dirs.rs"]
mod dirs;
use dirs::copy_dir;

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
        "policy sandbox_intent\nassert grafana_port: no connection internet -> grafana:22\n\
         assert edge_encrypted: every path internet -> litellm encrypted\n",
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
    // The refutation's hops point at the Terraform blocks that allow them.
    let refuted = &report["assertions"][1];
    assert_eq!(refuted["status"], "refuted");
    let hops = refuted["counterexample"]["hops"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let names: Vec<(&str, &str)> = hops
        .iter()
        .map(|h| {
            (
                h["from"].as_str().unwrap_or(""),
                h["to"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        names,
        [("internet", "cdn"), ("cdn", "alb"), ("alb", "litellm")]
    );
    assert_eq!(hops[1]["rule_file"], "tests/terraform/sandbox/edge.tf");
    assert_eq!(hops[2]["rule_file"], "tests/terraform/sandbox/edge.tf");
    let edge = std::fs::read_to_string("tests/terraform/sandbox/edge.tf").expect("edge.tf");
    let line = |n: &Value| {
        edge.lines()
            .nth(n.as_u64().unwrap_or(0) as usize - 1)
            .unwrap_or("")
    };
    assert!(
        line(&hops[1]["rule_line"]).contains("cache_behavior"),
        "{}",
        line(&hops[1]["rule_line"])
    );
    assert!(
        line(&hops[2]["rule_line"]).contains("aws_lb_listener_rule"),
        "{}",
        line(&hops[2]["rule_line"])
    );
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
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn without_an_intent_the_built_in_findings_run() {
    let out = run(&[
        "check",
        "--terraform",
        "tests/terraform/sandbox",
        "--format",
        "json",
    ]);
    let doc = json(&out);
    let report = &doc["files"][0];
    assert_eq!(report["file"], "tests/terraform/sandbox");
    let names: Vec<&str> = report["assertions"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["name"].as_str()).collect())
        .unwrap_or_default();
    assert!(names.contains(&"cdn_lock_litellm_via_cdn"), "{names:?}");
    assert!(names.contains(&"exposed_postgres"), "{names:?}");
    // Each finding is located at the Terraform block of what it is about.
    for a in report["assertions"].as_array().cloned().unwrap_or_default() {
        let f = a["file"].as_str().unwrap_or_default();
        assert!(f.ends_with(".tf"), "{a}");
    }
    // The origin's secret header travels to the load balancer over HTTP.
    let plaintext: Vec<Value> = report["diagnostics"]
        .as_array()
        .map(|d| {
            d.iter()
                .filter(|d| d["code"] == "stargate::terraform::secret_plaintext")
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    assert!(!plaintext.is_empty());
    assert_eq!(plaintext[0]["file"], "tests/terraform/sandbox/edge.tf");
}

#[test]
fn a_sensitive_value_is_never_printed() {
    // The sandbox with the admin header secret in a sensitive variable set
    // in terraform.tfvars.
    let dir = std::env::temp_dir().join(format!("stargate-tfsecret-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(std::path::Path::new("tests/terraform/sandbox"), &dir);
    let edge = dir.join("edge.tf");
    let text = std::fs::read_to_string(&edge).expect("edge.tf");
    let text = text.replace(
        "data.aws_secretsmanager_secret_version.admin.secret_string",
        "var.admin_secret",
    );
    std::fs::write(&edge, text).expect("write");
    std::fs::write(
        dir.join("secret.tf"),
        "variable \"admin_secret\" {\n  type      = string\n  sensitive = true\n}\n",
    )
    .expect("write");
    let vars = std::fs::read_to_string(dir.join("terraform.tfvars")).unwrap_or_default();
    let value = "s3cr3t-admin-value-42";
    std::fs::write(
        dir.join("terraform.tfvars"),
        format!("{vars}admin_secret = \"{value}\"\n"),
    )
    .expect("write");
    let tf = dir.display().to_string();
    let intent = intent(
        "admin.sg",
        "policy admin\nassert admin_guarded: every path internet -> litellm where path in /key/* requires header X-Admin-Secret == admin\n",
    );
    for format in ["json", "sarif", "github", "junit", "html", "human"] {
        for args in [
            vec!["check", "--terraform", &tf, "--format", format],
            vec!["check", "--terraform", &tf, &intent, "--format", format],
        ] {
            let out = run(&args);
            let text = String::from_utf8_lossy(&out.stdout).to_string()
                + &String::from_utf8_lossy(&out.stderr);
            assert!(!text.contains(value), "{format} shows the secret:\n{text}");
            assert!(!text.is_empty());
        }
    }
    let out = run(&["import", &tf, "--format", "json"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains(value));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_of_two_configurations_reports_the_opened_flow() {
    let dir = std::env::temp_dir().join(format!("stargate-tfdiff-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for side in ["base", "head"] {
        copy_dir(
            std::path::Path::new("tests/terraform/sandbox"),
            &dir.join(side),
        );
    }
    // The head opens the load balancer's Victoria Metrics port, meant for
    // the VPC, to everyone.
    let net = dir.join("head/network.tf");
    let text = std::fs::read_to_string(&net).expect("network.tf");
    let from = "{ port = 9090, cidrs = [var.vpc_cidr]";
    assert!(text.contains(from));
    std::fs::write(
        &net,
        text.replace(from, "{ port = 9090, cidrs = [\"0.0.0.0/0\"]"),
    )
    .expect("write");
    let (b, h) = (dir.join("base"), dir.join("head"));
    let out = run(&[
        "diff",
        "--terraform",
        b.to_str().unwrap_or_default(),
        h.to_str().unwrap_or_default(),
        "--format",
        "json",
    ]);
    let doc = json(&out);
    assert_eq!(out.status.code(), Some(1), "{doc}");
    let opened = doc["opened"].as_array().cloned().unwrap_or_default();
    assert!(!opened.is_empty(), "{doc}");
    assert!(
        opened
            .iter()
            .any(|f| f["from"] == "internet" && f["to"] == "victoria"),
        "{doc}"
    );
    assert_eq!(doc["closed"], Value::Array(vec![]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn graph_draws_the_imported_network_with_its_terraform_blocks() {
    let out = run(&[
        "graph",
        "--terraform",
        "tests/terraform/sandbox",
        "--format",
        "dot",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let dot = String::from_utf8_lossy(&out.stdout);
    assert!(dot.contains("\"cdn\" -> \"alb\""), "{dot}");
    assert!(
        dot.contains("resource \\\"aws_cloudfront_distribution\\\" \\\"cdn\\\""),
        "{dot}"
    );
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

#[test]
fn diff_against_a_revision_reads_the_base_configuration_from_git() {
    let repo = std::env::temp_dir().join(format!("stargate-tfgit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&repo);
    copy_dir(
        std::path::Path::new("tests/terraform/sandbox"),
        &repo.join("infra"),
    );
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&repo)
            .output()
            .expect("git");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "base"]);
    let net = repo.join("infra/network.tf");
    let text = std::fs::read_to_string(&net).expect("network.tf");
    std::fs::write(
        &net,
        text.replace(
            "{ port = 9090, cidrs = [var.vpc_cidr]",
            "{ port = 9090, cidrs = [\"0.0.0.0/0\"]",
        ),
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
        .current_dir(&repo)
        .args([
            "diff",
            "--base",
            "HEAD",
            "--terraform",
            "infra",
            "--format",
            "github",
        ])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The opened flow is annotated on the head's .tf line that admits it.
    assert!(
        text.contains("::error file=infra/") && text.contains("opened internet -> victoria"),
        "{text}"
    );
    // Nothing was left behind in the temporary directory (a checkout is
    // named `stargate-base-PID-TIME`; no other test makes one).
    let left = std::fs::read_dir(std::env::temp_dir())
        .map(|d| {
            d.flatten()
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with("stargate-base-")
                })
                .count()
        })
        .unwrap_or(0);
    assert_eq!(left, 0);
    let _ = std::fs::remove_dir_all(&repo);
}

#[test]
fn a_database_behind_a_network_load_balancer_is_exposed() {
    let file = intent(
        "nlb.sg",
        "policy nlb\nassert db_private: no connection internet -> db:5432\n\
         assert dns_private: no connection internet -> dns:53/udp\n\
         assert dns_through_nlb: every path internet -> dns via nlb\n",
    );
    let out = run(&[
        "check",
        "--terraform",
        "tests/terraform/nlb",
        &file,
        "--format",
        "json",
    ]);
    let doc = json(&out);
    let status = |i: usize| doc["files"][0]["assertions"][i]["status"].clone();
    // The database admits 0.0.0.0/0 and the balancer passes the internet on.
    assert_eq!(status(0), "refuted", "{doc}");
    // DNS admits only the VPC; the balancer's own address is in it, so a
    // request forwarded by the balancer gets there (a superset: AWS keeps
    // the client's address for UDP, which the group would refuse).
    assert_eq!(status(1), "refuted", "{doc}");
    assert_eq!(status(2), "proved", "{doc}");
}

#[test]
fn network_acls_need_the_reply_too() {
    let file = intent(
        "nacl.sg",
        "policy nacl\nassert app_to_db: path app -> db:5432\n\
         assert ops_no_db: no connection ops -> db:5432\n\
         assert app_closed: no connection ops -> app:22\n",
    );
    let out = run(&[
        "check",
        "--terraform",
        "tests/terraform/nacl",
        &file,
        "--format",
        "json",
    ]);
    let doc = json(&out);
    let a = |i: usize| doc["files"][0]["assertions"][i].clone();
    assert_eq!(a(0)["status"], "proved", "{doc}");
    // The request gets in (inbound 110), but the reply to the ops subnet
    // meets the implicit deny: no connection; the proof says which entry.
    assert_eq!(a(1)["status"], "proved", "{doc}");
    let stopped = &a(1)["stopped_by_acls"];
    assert!(stopped.is_object(), "{doc}");
    // ops -> app: the app's ACL lets in only client ports 1024-65535.
    assert_eq!(a(2)["status"], "proved", "{doc}");
    // The entries are located in the .tf file.
    let hop = &a(0)["witness"]["hops"][0];
    let lines: Vec<u64> = hop["acl"]["request"]
        .as_array()
        .map(|d| d.iter().filter_map(|x| x["line"].as_u64()).collect())
        .unwrap_or_default();
    let tf = std::fs::read_to_string("tests/terraform/nacl/main.tf").expect("main.tf");
    for l in lines {
        let text = tf.lines().nth(l as usize - 1).unwrap_or("");
        assert!(
            text.contains("ingress") || text.contains("aws_network_acl_rule"),
            "line {l}: {text}"
        );
    }
}

#[test]
fn waf_rules_that_say_what_they_match_are_read() {
    let file = intent(
        "waf.sg",
        "policy waf\n\
         assert blocklisted: no path internet -> cdn where source in 203.0.113.0/24\n\
         assert office_admin: path internet -> cdn where source in 198.51.100.0/24 and path in /admin/*\n\
         assert admin_pass: every path internet -> cdn where path in /admin/* requires (header X-Admin-Pass == \"let-me-in\" or source in 198.51.100.0/24)\n\
         assert behind_cdn: every path internet -> app via cdn\n",
    );
    let out = run(&[
        "check",
        "--terraform",
        "tests/terraform/waf",
        &file,
        "--format",
        "json",
    ]);
    let doc = json(&out);
    let a = |i: usize| doc["files"][0]["assertions"][i].clone();
    assert_eq!(a(0)["status"], "proved", "{doc}");
    assert_eq!(a(1)["status"], "proved", "{doc}");
    assert_eq!(a(2)["status"], "proved", "{doc}");
    // The ALB admits the CloudFront prefix list, which holds every
    // distribution's addresses, and checks no origin header: the WAF can
    // be bypassed through the load balancer.
    assert_eq!(a(3)["status"], "refuted", "{doc}");
    let hops = a(3)["counterexample"]["hops"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(hops[0]["to"], "alb", "{doc}");
}

#[test]
fn the_html_report_of_an_imported_network_names_the_terraform_blocks() {
    let file = intent(
        "html.sg",
        "policy html\nassert edge_encrypted: every path internet -> litellm encrypted\n",
    );
    let out = run(&[
        "check",
        "--terraform",
        "tests/terraform/sandbox",
        &file,
        "--format",
        "html",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let page = String::from_utf8_lossy(&out.stdout);
    // Each hop's lines are quoted with the Terraform block that made them,
    // and the picture's nodes name their resources.
    assert!(
        page.contains("of tests/terraform/sandbox/edge.tf"),
        "no .tf location"
    );
    assert!(
        page.contains("aws_lb_listener_rule"),
        "no listener rule named"
    );
    assert!(
        page.contains("aws_cloudfront_distribution"),
        "no distribution named"
    );
    assert!(page.contains("<svg"), "no picture");
}

#[test]
fn a_missing_or_empty_configuration_is_an_error() {
    let empty = std::env::temp_dir().join(format!("stargate-tfempty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("dir");
    for path in [
        empty.display().to_string(),
        "/nonexistent/infra".to_string(),
    ] {
        let out = run(&["check", "--terraform", &path, "--format", "json"]);
        assert_eq!(out.status.code(), Some(2), "{path}");
        let doc = json(&out);
        let d = &doc["files"][0]["diagnostics"][0];
        assert_eq!(d["code"], "stargate::terraform::io", "{doc}");
        assert_eq!(doc["files"][0]["file"], path.as_str());
    }
    let _ = std::fs::remove_dir_all(&empty);
}
