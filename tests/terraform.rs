//! The Terraform front end on the networks of tests/terraform/: each
//! folder is a configuration (and, where it was made with terraform, its
//! `plan.json`) with the expected JSON and `.sg` outputs beside it.
//! `UPDATE_EXPECT=1 cargo test --test terraform` rewrites them.

use std::path::{Path, PathBuf};

use stargate_verify::terraform::{self, emit, VarArg};

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/terraform")
        .join(name)
}

fn compare(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        expected,
        actual,
        "{} differs (UPDATE_EXPECT=1 rewrites it)",
        path.display()
    );
}

/// Imports a folder (and its plan, if any), compares both outputs with
/// the expected files, and checks that the `.sg` output is a valid policy
/// and that no secret's text is printed.
/// The `.sg` output is a policy the checker accepts, in `fmt` style.
fn assert_checks(name: &str, sg: &str) {
    assert!(
        stargate_verify::fmt::is_formatted(sg),
        "{name}: not in fmt style"
    );
    let report = stargate_verify::check_bytes(
        "expected.sg",
        sg.as_bytes(),
        &stargate_verify::verify::Options::default(),
    );
    assert!(
        !report.diagnostics.iter().any(|d| d.is_error()),
        "the .sg output of {name} does not check: {:?}",
        report.diagnostics
    );
}

fn network(name: &str, vars: &[VarArg], secrets: &[&str]) -> terraform::Inventory {
    let d = dir(name);
    let inv = terraform::read(&d, vars);
    let json = emit::to_json(&inv) + "\n";
    let sg = emit::to_sg(&inv, name);
    compare(&d.join("expected.json"), &json);
    compare(&d.join("expected.sg"), &sg);
    for s in secrets {
        assert!(!json.contains(s) && !sg.contains(s), "a secret was printed");
    }
    assert_checks(name, &sg);
    if d.join("plan.json").is_file() {
        // Relative, so the locations in the expected output are too.
        let rel = Path::new("tests/terraform").join(name).join("plan.json");
        let plan = terraform::read(&rel, &[]);
        let pj = emit::to_json(&plan) + "\n";
        compare(&d.join("plan.expected.json"), &pj);
        let psg = emit::to_sg(&plan, name);
        compare(&d.join("plan.expected.sg"), &psg);
        assert_checks(name, &psg);
        for s in secrets {
            assert!(!psg.contains(s), "a secret of the plan was printed");
        }
        for s in secrets {
            assert!(!pj.contains(s), "a secret of the plan was printed");
        }
    }
    inv
}

#[test]
fn the_sandbox_of_the_design_document() {
    let inv = network("sandbox", &[], &["do-not-print-me"]);
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    let addrs: Vec<&str> = inv.instances.iter().map(|i| i.address.as_str()).collect();
    assert!(addrs.contains(&"module.service[\"litellm\"].aws_ecs_service.this"));
    assert!(addrs.contains(&"aws_efs_mount_target.shared[2]"));
    // terraform.tfvars overrides the default.
    let vpc = inv
        .instances
        .iter()
        .find(|i| i.address == "aws_vpc.main")
        .unwrap();
    assert_eq!(vpc.attrs["cidr_block"].as_str(), Some("10.20.0.0/16"));
    let names: Vec<&str> = inv.secrets.iter().map(|s| s.address.as_str()).collect();
    assert_eq!(
        names,
        [
            "data.aws_secretsmanager_secret_version.admin",
            "var.db_password",
            "random_password.origin_verify"
        ]
    );
}

#[test]
fn count_for_each_dynamic_and_functions() {
    let inv = network("expand", &[], &[]);
    let app = inv
        .instances
        .iter()
        .find(|i| i.address == "aws_instance.app[0]")
        .unwrap();
    assert_eq!(app.attrs["private_ip"].as_str(), Some("10.1.0.10"));
    assert!(inv
        .instances
        .iter()
        .any(|i| i.address == "aws_instance.bastion[\"ops\"]"));
    let sg = inv
        .instances
        .iter()
        .find(|i| i.address == "aws_security_group.web")
        .unwrap();
    assert_eq!(sg.attrs["name"].as_str(), Some("web-dev"));
    // for_each over ids known only after apply is an unknown, not a guess.
    assert!(inv
        .unknowns
        .iter()
        .any(|u| u.address == "aws_eip.per_instance"));
}

#[test]
fn variables_files_and_command_line_values_take_precedence() {
    let d = dir("expand");
    let vars = [
        VarArg::File(d.join("prod.tfvars")),
        VarArg::Pair("app_count=3".into()),
    ];
    let inv = terraform::read(&d, &vars);
    let sg = inv
        .instances
        .iter()
        .find(|i| i.address == "aws_security_group.web")
        .unwrap();
    assert_eq!(sg.attrs["name"].as_str(), Some("web"));
    let apps = inv.instances.iter().filter(|i| i.name == "app").count();
    assert_eq!(apps, 3);
    let bad = terraform::read(&d, &[VarArg::Pair("novalue".into())]);
    assert!(bad
        .diagnostics
        .iter()
        .any(|d| d.code == "stargate::terraform::bad_var"));
}

fn codes(inv: &terraform::Inventory) -> Vec<&'static str> {
    inv.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn bad_input_is_located_diagnostics() {
    let inv = network("errors", &[], &[]);
    let c = codes(&inv);
    for code in [
        "stargate::terraform::missing_variable",
        "stargate::terraform::unknown_function",
        "stargate::terraform::type_mismatch",
        "stargate::terraform::function_args",
        "stargate::terraform::undefined",
    ] {
        assert!(c.contains(&code), "{code} missing from {c:?}");
    }
    assert!(inv
        .diagnostics
        .iter()
        .all(|d| d.file == "main.tf" && d.line > 0 && !d.help.is_empty()));
    let syn = terraform::read(&dir("errors_syntax"), &[]);
    assert_eq!(codes(&syn), ["stargate::terraform::syntax"]);
    assert_eq!(
        (
            syn.diagnostics[0].file.as_str(),
            syn.diagnostics[0].line >= 2
        ),
        ("main.tf", true)
    );
}

#[test]
fn reference_cycles_are_reported() {
    let inv = network("cycle", &[], &[]);
    let cycles = inv
        .diagnostics
        .iter()
        .filter(|d| d.code == "stargate::terraform::cycle")
        .count();
    assert!(cycles >= 2, "{:?}", inv.diagnostics);
}

#[test]
fn modules_not_downloaded_are_unknowns() {
    let inv = network("unavailable", &[], &[]);
    assert_eq!(
        codes(&inv),
        [
            "stargate::terraform::module_unavailable",
            "stargate::terraform::module_unavailable"
        ]
    );
    let u: Vec<&str> = inv.unknowns.iter().map(|u| u.address.as_str()).collect();
    assert!(
        u.contains(&"module.alb") && u.contains(&"module.missing_local"),
        "{u:?}"
    );
}

#[test]
fn plans_of_an_unknown_major_version_are_refused() {
    let inv = terraform::plan::read_text("p.json", r#"{"format_version": "2.0"}"#);
    assert_eq!(codes(&inv), ["stargate::terraform::plan_version"]);
    let inv = terraform::plan::read_text("p.json", "{ not json");
    assert_eq!(codes(&inv), ["stargate::terraform::plan_format"]);
    let inv = terraform::plan::read_text("p.json", r#"{"format_version": "0.1", "extra": 1}"#);
    assert!(inv.diagnostics.is_empty());
}

#[test]
fn a_network_and_its_plan_made_with_terraform() {
    let inv = network("web", &[], &["not-for-your-eyes"]);
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    let plan = terraform::read(Path::new("tests/terraform/web/plan.json"), &[]);
    assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
    let mut from_tf: Vec<&str> = inv.instances.iter().map(|i| i.address.as_str()).collect();
    let mut from_plan: Vec<&str> = plan.instances.iter().map(|i| i.address.as_str()).collect();
    from_tf.sort();
    from_plan.sort();
    assert_eq!(
        from_tf, from_plan,
        "the evaluator and terraform expand alike"
    );
    // Attributes terraform knows before apply agree with the evaluator's.
    for i in &plan.instances {
        let mine = inv
            .instances
            .iter()
            .find(|m| m.address == i.address)
            .unwrap();
        for k in ["cidr_block", "private_ip", "name"] {
            if let (Some(a), Some(b)) = (i.attrs.get(k), mine.attrs.get(k)) {
                assert_eq!(a, b, "{}.{k}", i.address);
            }
        }
    }
    // after_unknown: the lb group's id; after_sensitive: the password.
    let db = plan
        .instances
        .iter()
        .find(|i| i.address == "aws_db_instance.db")
        .unwrap();
    assert!(matches!(
        db.attrs["password"],
        terraform::value::Value::Secret(_)
    ));
    assert!(matches!(
        db.attrs["id"],
        terraform::value::Value::Unknown(_)
    ));
    let app = plan
        .instances
        .iter()
        .find(|i| i.address == "aws_security_group.app")
        .unwrap();
    assert!(
        app.references["ingress"].contains(&"aws_security_group.lb.id".to_string()),
        "{:?}",
        app.references
    );
    assert!(app.loc.line > 1);
    // A module input is followed to what the module call references.
    let cache = plan
        .instances
        .iter()
        .find(|i| i.address == "module.cache.aws_elasticache_cluster.this")
        .unwrap();
    assert!(
        cache.references["security_group_ids"].contains(&"aws_security_group.app.id".to_string()),
        "{:?}",
        cache.references
    );
}

#[test]
fn the_import_subcommand() {
    let bin = env!("CARGO_BIN_EXE_stargate-verify");
    let out = std::process::Command::new(bin)
        .args(["import", "--format", "json"])
        .arg(dir("sandbox"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["nodes"].as_array().map(Vec::len), Some(10));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("do-not-print-me"));
    // Each unknown is also a located warning.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "warning[stargate::terraform::not_modelled]: aws_wafv2_web_acl.edge: rule common"
        ) && err.contains("--> edge.tf:171"),
        "{err}"
    );
    let out = std::process::Command::new(bin)
        .arg("import")
        .arg(dir("errors_syntax"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[stargate::terraform::syntax]") && err.contains("--> main.tf:"),
        "{err}"
    );
    let out = std::process::Command::new(bin)
        .args(["import", "--var", "app_count=2", "--var-file"])
        .arg(dir("expand").join("prod.tfvars"))
        .arg(dir("expand"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let sg = String::from_utf8_lossy(&out.stdout);
    assert!(sg.contains("service app_1 {"), "{sg}");
}

/// Thousands of resources referring to each other are read in linear
/// time (a lookup by scanning every block made 20,000 take minutes).
#[test]
fn a_large_configuration_is_read_quickly() {
    let d = std::env::temp_dir().join(format!("sg-tf-large-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let mut text = String::from("locals {\n  net = \"10.0.0.0/8\"\n}\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "resource \"aws_security_group\" \"g{i}\" {{\n  name = \"g{i}\"\n  ingress {{\n    from_port = 443\n    to_port = 443\n    protocol = \"tcp\"\n    cidr_blocks = [cidrsubnet(local.net, 8, {})]\n  }}\n}}\n\
             resource \"aws_instance\" \"i{i}\" {{\n  ami = \"ami-1\"\n  private_ip = cidrhost(\"10.0.0.0/8\", {})\n  vpc_security_group_ids = [aws_security_group.g{i}.id]\n}}\n",
            i % 256,
            i + 1
        ));
    }
    std::fs::write(d.join("main.tf"), text).unwrap();
    let start = std::time::Instant::now();
    let inv = terraform::read(&d, &[]);
    let sg = emit::to_sg(&inv, "large");
    let took = start.elapsed();
    let _ = std::fs::remove_dir_all(&d);
    assert_eq!(inv.instances.len(), 6000);
    assert_eq!(sg.matches("\nservice ").count(), 3000);
    assert!(took.as_secs() < 30, "took {took:?}");
}

/// A module that calls itself is cut off at 32 levels, not expanded
/// forever.
#[test]
fn a_module_calling_itself_is_refused() {
    let d = std::env::temp_dir().join(format!("sg-tf-self-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(
        d.join("main.tf"),
        "module \"me\" {\n  source = \"./\"\n}\nresource \"aws_instance\" \"x\" {\n  ami = \"a\"\n}\n",
    )
    .unwrap();
    let inv = terraform::read(&d, &[]);
    let _ = std::fs::remove_dir_all(&d);
    assert!(codes(&inv).contains(&"stargate::terraform::too_deep"));
    assert_eq!(inv.instances.len(), 33);
}

/// Every prefix of every fixture file, and plans with values of the
/// wrong types, are read without a panic.
#[test]
fn mangled_input_never_panics() {
    let d = std::env::temp_dir().join(format!("sg-tf-mangled-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let mut sources = Vec::new();
    for net in ["sandbox", "expand", "errors", "web"] {
        for e in std::fs::read_dir(dir(net)).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "tf") {
                sources.push(std::fs::read_to_string(e.path()).unwrap());
            }
        }
    }
    for text in &sources {
        let step = (text.len() / 40).max(1);
        for cut in (0..text.len()).step_by(step) {
            let Some(prefix) = text.get(..cut) else {
                continue;
            };
            std::fs::write(d.join("main.tf"), prefix).unwrap();
            let inv = terraform::read(&d, &[]);
            let _ = emit::to_json(&inv);
            let _ = emit::to_sg(&inv, "m");
        }
    }
    let _ = std::fs::remove_dir_all(&d);
    let plan = std::fs::read_to_string(dir("web").join("plan.json")).unwrap();
    for (from, to) in [
        ("\"values\": {", "\"values\": ["),
        ("\"after_unknown\": {", "\"after_unknown\": 7, \"x\": {"),
        ("\"resources\": [", "\"resources\": {\"a\": ["),
        ("\"address\": \"", "\"address\": 1, \"y\": \""),
        ("\"references\": [", "\"references\": [1, {}, "),
        ("true", "[true]"),
    ] {
        let mangled = plan.replace(from, to);
        let inv = terraform::plan::read_text("p.json", &mangled);
        let _ = emit::to_json(&inv);
        let _ = emit::to_sg(&inv, "m");
        for cut in (0..mangled.len()).step_by(mangled.len() / 20) {
            if let Some(p) = mangled.get(..cut) {
                let _ = terraform::plan::read_text("p.json", p);
            }
        }
    }
}

#[test]
fn separate_security_group_rule_resources() {
    let inv = network("rules", &[], &[]);
    let sg = emit::to_sg(&inv, "rules");
    let has = |code: &str, origin: &str| {
        sg.lines()
            .any(|l| l.trim_start().starts_with(code) && l.contains(origin))
    };
    assert!(
        has("listen 443 from 0.0.0.0/0", "app_https (main.tf:36)"),
        "{sg}"
    );
    assert!(has("listen 443 from ::/0", "app_v6"), "{sg}");
    assert!(has("egress to 10.0.0.2/32 ports 53/udp", "app_dns"), "{sg}");
    let u = emit::unknowns(&inv);
    assert!(
        u.iter()
            .any(|u| u.address == "aws_vpc_security_group_ingress_rule.elsewhere"),
        "{u:?}"
    );
    assert!(
        u.iter().any(|u| u.address == "aws_security_group.app"
            && u.message.contains("inline rules and separate")),
        "{u:?}"
    );
}

/// The imported sandbox with assertions appended, verified through the
/// library: what the internet can reach follows from the listener rules,
/// the CloudFront origin header, the routes and the public addresses.
#[test]
fn verdicts_on_the_imported_sandbox() {
    use stargate_verify::verify::{self, Options, Status};
    let inv = terraform::read(&dir("sandbox"), &[]);
    let emitted = emit::emit_sg(&inv, "sandbox");
    let src = format!(
        "{}\n{}",
        emitted.text,
        "assert rds_private: no connection internet -> postgres
assert litellm_via_cdn: every path internet -> litellm via cdn
assert grafana_via_cdn: every path internet -> grafana via cdn
assert langfuse_via_cdn: every path internet -> langfuse via cdn
assert litellm_public: path internet -> litellm
assert langfuse_public: path internet -> langfuse where path in /langfuse/*
assert admin_locked: no path internet -> litellm where path in /key/*
assert victoria_internal: no path internet -> victoria
assert edge_encrypted: every path internet -> litellm encrypted
"
    );
    let analysis = stargate_verify::analyze(&src);
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let policy = analysis.model.expect("checked model");
    let verdicts = verify::verify(&policy, &Options::default());
    let get = |name: &str| {
        verdicts
            .iter()
            .find(|v| policy.assertions[v.assertion].name == name)
            .unwrap_or_else(|| panic!("no assertion {name}"))
    };
    for name in [
        "rds_private",
        "litellm_via_cdn",
        "grafana_via_cdn",
        "langfuse_via_cdn",
        "litellm_public",
        "langfuse_public",
        "admin_locked",
        "victoria_internal",
    ] {
        assert_eq!(get(name).status, Status::Proved, "{name}");
    }
    // CloudFront reaches the ALB over plain HTTP (origin_protocol_policy
    // http-only), with the origin secret in a header.
    let refuted = get("edge_encrypted");
    assert_eq!(refuted.status, Status::Refuted);
    let trace = refuted.trace.as_ref().expect("a trace");
    let hops: Vec<String> = trace
        .hops
        .iter()
        .map(|h| format!("{}->{}", policy.nodes[h.from].name, policy.nodes[h.to].name))
        .collect();
    assert_eq!(hops, ["internet->cdn", "cdn->alb", "alb->litellm"]);
    assert!(!trace.hops[1].tls);
    // The plaintext hop's forward rule is the default cache behaviour.
    let rule = trace.hops[1].rule.expect("a forward rule");
    let line = src[..rule.start].matches('\n').count() + 1;
    let o = emitted
        .origin(line)
        .expect("the forward rule has an origin");
    assert_eq!(tf_line(&o.file, o.tf_line), "  default_cache_behavior {");
}

/// The text of a line of a sandbox file.
fn tf_line(file: &str, line: usize) -> String {
    let text = std::fs::read_to_string(dir("sandbox").join(file)).unwrap();
    text.lines().nth(line - 1).unwrap_or_default().to_string()
}

/// Every statement inside a node (and every group and secret) has the
/// Terraform block that made it, and a few are checked by hand.
#[test]
fn every_line_has_the_terraform_block_it_came_from() {
    for name in ["sandbox", "dualstack", "expand", "rules", "web"] {
        let inv = terraform::read(&dir(name), &[]);
        let e = emit::emit_sg(&inv, name);
        let mut depth = 0usize;
        for (n, line) in e.text.lines().enumerate() {
            let t = line.trim();
            // Without a VPC, no block made the internet zone.
            let statement =
                !t.is_empty() && !t.starts_with('#') && t != "zone internet { addresses any }";
            let opens = statement
                && ["zone ", "service ", "proxy "]
                    .iter()
                    .any(|k| t.starts_with(k));
            if statement
                && (depth > 0 || opens || t.starts_with("group ") || t.starts_with("secret "))
            {
                assert!(
                    e.origin(n + 1).is_some(),
                    "{name}:{}: `{t}` has no origin",
                    n + 1
                );
            }
            if statement {
                depth += t.matches('{').count();
                depth =
                    depth.saturating_sub(t.split('#').next().unwrap_or("").matches('}').count());
            }
        }
        // Origins are in order and name lines that exist.
        assert!(e.origins.windows(2).all(|w| w[0].line < w[1].line));
        assert!(e
            .origins
            .iter()
            .all(|o| o.line <= e.text.lines().count() && o.tf_line >= 1));
    }
    let inv = terraform::read(&dir("sandbox"), &[]);
    let e = emit::emit_sg(&inv, "sandbox");
    let origin_of = |needle: &str| {
        let (n, _) = e
            .text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle}"));
        let o = e
            .origin(n + 1)
            .unwrap_or_else(|| panic!("{needle}: no origin"));
        (o.file.clone(), tf_line(&o.file, o.tf_line))
    };
    assert_eq!(
        origin_of("forward when path in /grafana/*"),
        (
            "edge.tf".into(),
            "resource \"aws_lb_listener_rule\" \"grafana\" {".into()
        )
    );
    assert_eq!(
        origin_of("forward when path in /langfuse/* to alb:8080"),
        ("edge.tf".into(), "  ordered_cache_behavior {".into())
    );
    assert_eq!(
        origin_of("set header X-Origin-Verify").1,
        "    custom_header {"
    );
    assert_eq!(
        origin_of("listen 80 from internet"),
        ("security.tf".into(), "  dynamic \"ingress\" {".into())
    );
    assert_eq!(
        origin_of("listen 4000 from 10.20.0.0/16").0,
        "modules/ecs_service/main.tf"
    );
    assert_eq!(
        origin_of("reachable from [0.0.0.0/0]"),
        ("network.tf".into(), "  route {".into())
    );
    assert_eq!(
        origin_of("deny 403 when opaque cf_cdn_waf_edge"),
        ("edge.tf".into(), "  rule {".into())
    );
    assert_eq!(
        origin_of("secret origin_verify"),
        (
            "edge.tf".into(),
            "resource \"random_password\" \"origin_verify\" {".into()
        )
    );
    assert_eq!(
        origin_of("secret db_password"),
        ("variables.tf".into(), "variable \"db_password\" {".into())
    );
}

/// A dual-stack VPC: IPv6 addresses come from the subnets, an internet
/// gateway route exposes the bastion over both families, an egress-only
/// gateway keeps the private app unreachable whatever its group admits.
#[test]
fn a_dual_stack_network_with_a_bastion() {
    use stargate_verify::verify::{self, Options, Status};
    let inv = network("dualstack", &[], &[]);
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    let sg = emit::to_sg(&inv, "dualstack");
    assert!(
        sg.contains(
            "zone internet { addresses any except [10.40.0.0/16, 2600:1f18:4a3:6e00::/56] }"
        ),
        "{sg}"
    );
    assert!(
        sg.contains("addresses [10.40.1.10, 2600:1f18:4a3:6e01::/64]"),
        "{sg}"
    );
    let src = format!(
        "{sg}\n{}",
        "assert ssh_v4_office_only: no connection internet -> bastion:22 where source not in [198.51.100.0/24, ::/0]
assert ssh_v6_closed: no connection internet -> bastion:22 where source in ::/0
assert app_closed: no connection internet -> app
assert app_from_bastion: path bastion -> app:22
"
    );
    let analysis = stargate_verify::analyze(&src);
    let policy = analysis.model.expect("checked model");
    let verdicts = verify::verify(&policy, &Options::default());
    let status = |name: &str| {
        verdicts
            .iter()
            .find(|v| policy.assertions[v.assertion].name == name)
            .map(|v| v.status)
    };
    assert_eq!(status("ssh_v4_office_only"), Some(Status::Proved));
    assert_eq!(status("ssh_v6_closed"), Some(Status::Refuted));
    assert_eq!(status("app_closed"), Some(Status::Proved));
    assert_eq!(status("app_from_bastion"), Some(Status::Proved));
}

/// Listener rules with every condition type and action, and the targets
/// behind their target groups.
#[test]
fn load_balancer_listeners_rules_and_targets() {
    use stargate_verify::verify::{self, Options, Status};
    let inv = network("listeners", &[], &["never-printed", "not-a-real-secret"]);
    let sg = emit::to_sg(&inv, "listeners");
    let src = format!(
        "{sg}\n{}",
        "assert jobs_need_the_key: every path internet -> jobs requires header X-Api-Key == api_key
assert admin_from_office: every path internet -> blue where path in /admin/* requires source in 203.0.113.0/24
assert http_redirects: no path internet -> front where port in 80
assert green_reachable: path internet -> green
assert lb_to_blue_encrypted: every path internet -> blue encrypted
"
    );
    let analysis = stargate_verify::analyze(&src);
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let policy = analysis.model.expect("checked model");
    let verdicts = verify::verify(&policy, &Options::default());
    let status = |name: &str| {
        verdicts
            .iter()
            .find(|v| policy.assertions[v.assertion].name == name)
            .map(|v| v.status)
    };
    assert_eq!(status("jobs_need_the_key"), Some(Status::Proved));
    // Behind the CDN, the load balancer's source_ip condition sees the
    // CDN's address, not the client's: anyone can pass it through the CDN.
    assert_eq!(status("admin_from_office"), Some(Status::Refuted));
    let v = verdicts
        .iter()
        .find(|v| policy.assertions[v.assertion].name == "admin_from_office")
        .and_then(|v| v.trace.as_ref())
        .expect("a trace");
    let names: Vec<&str> = v
        .hops
        .iter()
        .map(|h| policy.nodes[h.to].name.as_str())
        .collect();
    assert_eq!(names, ["cdn", "front", "blue"]);
    // The plan of the same configuration: the header check of jobs_api
    // is sensitive there (its conditions are unknown: an opaque check), the
    // rest reads the same.
    let plan = terraform::read(Path::new("tests/terraform/listeners/plan.json"), &[]);
    let psg = emit::to_sg(&plan, "listeners");
    let src = format!(
        "{psg}\n{}",
        "assert jobs_need_the_key: every path internet -> jobs requires header X-Api-Key == api_key
assert http_redirects: no path internet -> front where port in 80
assert green_reachable: path internet -> green
assert lb_to_blue_encrypted: every path internet -> blue encrypted
"
    );
    let policy = stargate_verify::analyze(&src).model.expect("checked model");
    let verdicts = verify::verify(&policy, &Options::default());
    let status = |name: &str| {
        verdicts
            .iter()
            .find(|v| policy.assertions[v.assertion].name == name)
            .map(|v| v.status)
    };
    assert_eq!(status("jobs_need_the_key"), Some(Status::Refuted));
    assert_eq!(status("http_redirects"), Some(Status::Proved));
    assert_eq!(status("green_reachable"), Some(Status::Proved));
    assert_eq!(status("lb_to_blue_encrypted"), Some(Status::Proved));
    assert_eq!(status("http_redirects"), Some(Status::Proved));
    assert_eq!(status("green_reachable"), Some(Status::Proved));
    assert_eq!(status("lb_to_blue_encrypted"), Some(Status::Proved));
}

/// A temporary root module with one `main.tf`, imported.
fn import_text(tag: &str, text: &str) -> (terraform::Inventory, emit::Emitted) {
    let d = std::env::temp_dir().join(format!("sg-tf-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("main.tf"), text).unwrap();
    let inv = terraform::read(&d, &[]);
    let e = emit::emit_sg(&inv, tag);
    let _ = std::fs::remove_dir_all(&d);
    (inv, e)
}

/// The `internet` zone keeps its name: an endpoint or a secret named
/// `internet` is renamed, and the policy still checks.
#[test]
fn a_resource_named_internet_does_not_clash_with_the_zone() {
    let (_, e) = import_text(
        "clash",
        r#"
resource "aws_instance" "internet" {
  ami        = "ami-1"
  private_ip = "10.9.0.5"
}
resource "random_password" "internet" {
  length = 16
}
"#,
    );
    assert!(e.text.contains("zone internet {"), "{}", e.text);
    assert!(e.text.contains("service internet_2 {"), "{}", e.text);
    assert!(e.text.contains("secret internet_3 "), "{}", e.text);
    assert_checks("clash", &e.text);
}

/// A small, deterministic generator (no shared state with the importer).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// One generated listener rule: its priority, conditions and target.
struct GenRule {
    priority: usize,
    paths: Vec<&'static str>,
    header: Vec<&'static str>,
    methods: Vec<&'static str>,
    sources: Vec<&'static str>,
    target: usize,
}

const PATHS: &[&str] = &["/a", "/a/*", "/b", "/b*", "/c/d", "/*"];
const REQUEST_PATHS: &[&str] = &["/a", "/a/x", "/b", "/bz", "/c/d", "/e"];
const VALUES: &[&str] = &["1", "2", "3"];
const METHODS: &[&str] = &["GET", "POST", "PUT"];
const SOURCES: &[&str] = &["203.0.113.0/24", "198.51.100.0/24"];
const CLIENTS: &[&str] = &["203.0.113.5", "198.51.100.7", "192.0.2.1"];

/// AWS's path pattern, as its documentation defines it: `*` matches any
/// run of characters, the rest exactly (case-sensitive).
fn aws_path_match(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == path,
        Some((pre, post)) => {
            path.len() >= pre.len() + post.len() && path.starts_with(pre) && path.ends_with(post)
        }
    }
}

fn in_cidr(cidr: &str, addr: &str) -> bool {
    let net: ipnet::Ipv4Net = cidr.parse().unwrap();
    net.contains(&addr.parse::<std::net::Ipv4Addr>().unwrap())
}

/// The target AWS picks for a request (None: the default fixed 404).
fn aws_target(
    rules: &[GenRule],
    path: &str,
    method: &str,
    value: Option<&str>,
    client: &str,
) -> Option<usize> {
    let mut sorted: Vec<&GenRule> = rules.iter().collect();
    sorted.sort_by_key(|r| r.priority);
    sorted
        .into_iter()
        .find(|r| {
            (r.paths.is_empty() || r.paths.iter().any(|p| aws_path_match(p, path)))
                && (r.header.is_empty() || value.is_some_and(|v| r.header.contains(&v)))
                && (r.methods.is_empty() || r.methods.contains(&method))
                && (r.sources.is_empty() || r.sources.iter().any(|s| in_cidr(s, client)))
        })
        .map(|r| r.target)
}

fn pick<'a>(g: &mut Lcg, pool: &[&'a str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    if g.next(2) == 0 {
        return out;
    }
    for _ in 0..1 + g.next(2) {
        let v = pool[g.next(pool.len())];
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn list(v: &[&str]) -> String {
    v.iter()
        .map(|x| format!("\"{x}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Generated listener rules, imported and verified, against the concrete
/// AWS evaluation above on requests that the language can pin exactly:
/// for each request, the target AWS picks is reached and no other one is.
#[test]
fn generated_listener_rules_agree_with_aws_semantics() {
    use stargate_verify::verify::{self, Options, Status};
    let mut g = Lcg(0x5eed);
    for case in 0..16 {
        let mut tf = String::from(
            r#"
resource "aws_vpc" "v" { cidr_block = "10.60.0.0/16" }
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.60.1.0/24"
}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.s.id
  route_table_id = aws_route_table.rt.id
}
resource "aws_security_group" "lb" {
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.60.0.0/16"]
  }
}
resource "aws_security_group" "app" {
  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }
}
resource "aws_lb" "lb" {
  internal        = false
  security_groups = [aws_security_group.lb.id]
  subnets         = [aws_subnet.s.id]
}
resource "aws_lb_listener" "l" {
  load_balancer_arn = aws_lb.lb.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}
"#,
        );
        for t in 0..3 {
            tf.push_str(&format!(
                "resource \"aws_instance\" \"t{t}\" {{\n  ami = \"ami-1\"\n  subnet_id = aws_subnet.s.id\n  private_ip = \"10.60.1.{}\"\n  vpc_security_group_ids = [aws_security_group.app.id]\n}}\n\
                 resource \"aws_lb_target_group\" \"t{t}\" {{\n  port = 8080\n  protocol = \"HTTP\"\n}}\n\
                 resource \"aws_lb_target_group_attachment\" \"t{t}\" {{\n  target_group_arn = aws_lb_target_group.t{t}.arn\n  target_id = aws_instance.t{t}.id\n}}\n",
                10 + t
            ));
        }
        let mut rules = Vec::new();
        let mut priorities: Vec<usize> = (1..=20).collect();
        for r in 0..3 + g.next(4) {
            let priority = priorities.remove(g.next(priorities.len()));
            let rule = GenRule {
                priority,
                paths: pick(&mut g, PATHS),
                header: pick(&mut g, VALUES),
                methods: pick(&mut g, METHODS),
                sources: pick(&mut g, SOURCES),
                target: g.next(3),
            };
            let mut conds = String::new();
            if !rule.paths.is_empty() {
                conds += &format!(
                    "  condition {{\n    path_pattern {{ values = [{}] }}\n  }}\n",
                    list(&rule.paths)
                );
            }
            if !rule.header.is_empty() {
                conds += &format!("  condition {{\n    http_header {{\n      http_header_name = \"X-K\"\n      values = [{}]\n    }}\n  }}\n", list(&rule.header));
            }
            if !rule.methods.is_empty() {
                conds += &format!(
                    "  condition {{\n    http_request_method {{ values = [{}] }}\n  }}\n",
                    list(&rule.methods)
                );
            }
            if !rule.sources.is_empty() {
                conds += &format!(
                    "  condition {{\n    source_ip {{ values = [{}] }}\n  }}\n",
                    list(&rule.sources)
                );
            }
            if conds.is_empty() {
                // AWS needs a condition; every path is one that always holds.
                conds = "  condition {\n    path_pattern { values = [\"/*\"] }\n  }\n".into();
            }
            tf.push_str(&format!(
                "resource \"aws_lb_listener_rule\" \"r{r}\" {{\n  listener_arn = aws_lb_listener.l.arn\n  priority = {priority}\n{conds}  action {{\n    type = \"forward\"\n    target_group_arn = aws_lb_target_group.t{}.arn\n  }}\n}}\n",
                rule.target
            ));
            rules.push(rule);
        }
        let (inv, e) = import_text(&format!("gen{case}"), &tf);
        assert!(!inv.has_errors(), "{:?}", inv.diagnostics);
        assert!(
            !e.text.contains("opaque"),
            "case {case}: not exact\n{}",
            e.text
        );
        let mut src = e.text.clone();
        let mut expected = Vec::new();
        for q in 0..12 {
            let path = REQUEST_PATHS[g.next(REQUEST_PATHS.len())];
            let method = METHODS[g.next(METHODS.len())];
            let value = [None, Some("1"), Some("2"), Some("3")][g.next(4)];
            let client = CLIENTS[g.next(CLIENTS.len())];
            let want = aws_target(&rules, path, method, value, client);
            let header = value.map_or("header X-K absent".to_string(), |v| {
                format!("header X-K == \"{v}\"")
            });
            let cond = format!("path in {path} and method in {method} and {header} and source in {client} and port in 80");
            for t in 0..3 {
                let kind = if want == Some(t) { "path" } else { "no path" };
                src.push_str(&format!(
                    "assert q{q}_t{t}: {kind} internet -> t{t} where {cond}\n"
                ));
                expected.push((
                    format!("q{q}_t{t}"),
                    format!("{path} {method} {value:?} {client} -> {want:?}"),
                ));
            }
        }
        let analysis = stargate_verify::analyze(&src);
        let policy = analysis
            .model
            .unwrap_or_else(|| panic!("case {case}: {:?}", analysis.diagnostics));
        let verdicts = verify::verify(&policy, &Options::default());
        for (name, what) in expected {
            let v = verdicts
                .iter()
                .find(|v| policy.assertions[v.assertion].name == name)
                .unwrap();
            assert_eq!(
                v.status,
                Status::Proved,
                "case {case}, {name}: {what}\n{}",
                e.text
            );
        }
    }
}

/// A target whose addresses are not known is not a node, so no rule may
/// forward to it: the rule is left out and an unknown says so.
#[test]
fn a_target_without_addresses_is_not_forwarded_to() {
    let (_, e) = import_text(
        "unplaced",
        r#"
resource "aws_lb" "lb" {
  internal = true
  subnets  = ["subnet-0123"]
}
resource "aws_lb_target_group" "t" {
  port     = 8080
  protocol = "HTTP"
}
resource "aws_lb_listener" "l" {
  load_balancer_arn = aws_lb.lb.arn
  port              = 80
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.t.arn
  }
}
resource "aws_ecs_service" "svc" {
  name = "svc"
  load_balancer {
    target_group_arn = aws_lb_target_group.t.arn
    container_name   = "svc"
    container_port   = 8080
  }
}
"#,
    );
    assert!(!e.text.contains("forward to svc"), "{}", e.text);
    assert!(
        e.text
            .contains("its target aws_ecs_service.svc is not a node here"),
        "{}",
        e.text
    );
    assert!(
        e.text
            .contains("aws_lb_target_group.t (main.tf:6): none of its targets is a node here"),
        "{}",
        e.text
    );
    assert_checks("unplaced", &e.text);
}

/// A load balancer placed with `subnet_mapping` blocks is in those
/// subnets; an `aws_alb_target_group_attachment` is read like its twin.
#[test]
fn subnet_mappings_and_alb_aliases() {
    let (_, e) = import_text(
        "mapping",
        r#"
resource "aws_vpc" "v" { cidr_block = "10.70.0.0/16" }
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.70.1.0/24"
}
resource "aws_lb" "lb" {
  internal = true
  subnet_mapping {
    subnet_id = aws_subnet.a.id
  }
}
resource "aws_instance" "app" {
  ami        = "ami-1"
  subnet_id  = aws_subnet.a.id
  private_ip = "10.70.1.9"
}
resource "aws_alb_target_group" "t" {
  port     = 8080
  protocol = "HTTP"
}
resource "aws_alb_target_group_attachment" "t" {
  target_group_arn = aws_alb_target_group.t.arn
  target_id        = aws_instance.app.id
}
resource "aws_alb_listener" "l" {
  load_balancer_arn = aws_lb.lb.arn
  port              = 80
  default_action {
    type             = "forward"
    target_group_arn = aws_alb_target_group.t.arn
  }
}
"#,
    );
    assert!(
        e.text.contains("proxy lb {\n  addresses [10.70.1.0/24]"),
        "{}",
        e.text
    );
    assert!(e.text.contains("forward to app:8080"), "{}", e.text);
    assert_checks("mapping", &e.text);
}

/// Generated security groups, routes and public addresses against a
/// concrete reading of AWS's rules: a connection from a client to a port
/// exists when the instance has a public address, its route table sends
/// the client's address to the internet gateway, and some ingress rule
/// admits the protocol, port and source.
#[test]
fn generated_security_groups_and_routes_agree_with_aws_semantics() {
    use stargate_verify::verify::{self, Options, Status};
    const RULE_CIDRS: &[&str] = &["0.0.0.0/0", "203.0.113.0/24", "198.51.100.0/25"];
    // (protocol, from, to)
    const RULE_PORTS: &[(&str, u16, u16)] = &[
        ("tcp", 22, 22),
        ("tcp", 80, 443),
        ("tcp", 8000, 8100),
        ("udp", 53, 53),
        ("-1", 0, 0),
    ];
    const ROUTES: &[&str] = &["0.0.0.0/0", "203.0.113.0/24"];
    const PROBES: &[(&str, u16)] = &[
        ("tcp", 22),
        ("tcp", 80),
        ("tcp", 8080),
        ("udp", 53),
        ("tcp", 9999),
    ];
    let mut g = Lcg(0xace5);
    for case in 0..12 {
        let public = g.next(3) != 0;
        let route = ROUTES[g.next(ROUTES.len())];
        let mut rules = Vec::new();
        let mut ingress = String::new();
        for _ in 0..1 + g.next(3) {
            let cidr = RULE_CIDRS[g.next(RULE_CIDRS.len())];
            let (proto, from, to) = RULE_PORTS[g.next(RULE_PORTS.len())];
            ingress += &format!(
                "  ingress {{\n    from_port = {from}\n    to_port = {to}\n    protocol = \"{proto}\"\n    cidr_blocks = [\"{cidr}\"]\n  }}\n"
            );
            rules.push((cidr, proto, from, to));
        }
        let tf = format!(
            r#"
resource "aws_vpc" "v" {{ cidr_block = "10.80.0.0/16" }}
resource "aws_subnet" "s" {{
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.80.1.0/24"
}}
resource "aws_internet_gateway" "igw" {{ vpc_id = aws_vpc.v.id }}
resource "aws_route_table" "rt" {{
  vpc_id = aws_vpc.v.id
  route {{
    cidr_block = "{route}"
    gateway_id = aws_internet_gateway.igw.id
  }}
}}
resource "aws_route_table_association" "a" {{
  subnet_id      = aws_subnet.s.id
  route_table_id = aws_route_table.rt.id
}}
resource "aws_security_group" "app" {{
{ingress}}}
resource "aws_instance" "app" {{
  ami                         = "ami-1"
  subnet_id                   = aws_subnet.s.id
  private_ip                  = "10.80.1.7"
  associate_public_ip_address = {public}
  vpc_security_group_ids      = [aws_security_group.app.id]
}}
"#
        );
        let (_, e) = import_text(&format!("sg{case}"), &tf);
        let mut src = e.text.clone();
        let mut expected = Vec::new();
        for (c, client) in CLIENTS.iter().enumerate() {
            for (p, (proto, port)) in PROBES.iter().enumerate() {
                let admitted = rules.iter().any(|(cidr, rp, from, to)| {
                    in_cidr(cidr, client)
                        && (*rp == "-1" || (rp == proto && from <= port && port <= to))
                });
                let connects = public && in_cidr(route, client) && admitted;
                let target = if *proto == "udp" {
                    format!("app:{port}/udp")
                } else {
                    format!("app:{port}")
                };
                let name = format!("c{c}_p{p}");
                src.push_str(&format!(
                    "assert {name}: no connection internet -> {target} where source in {client}\n"
                ));
                let want = if connects {
                    Status::Refuted
                } else {
                    Status::Proved
                };
                expected.push((
                    name,
                    want,
                    format!("{client} {proto}/{port} public={public} route={route}"),
                ));
            }
        }
        let analysis = stargate_verify::analyze(&src);
        let policy = analysis
            .model
            .unwrap_or_else(|| panic!("case {case}: {:?}", analysis.diagnostics));
        let verdicts = verify::verify(&policy, &Options::default());
        for (name, want, what) in expected {
            let v = verdicts
                .iter()
                .find(|v| policy.assertions[v.assertion].name == name)
                .unwrap();
            assert_eq!(v.status, want, "case {case}, {name}: {what}\n{}", e.text);
        }
    }
}

#[test]
fn a_network_load_balancer_passes_connections_on() {
    // Expected import: the balancer forwards TCP and UDP to its targets,
    // whose exposure is not restricted (they may see the clients' own
    // addresses); their groups decide.
    let inv = network("nlb", &[], &[]);
    let sg = emit::to_sg(&inv, "nlb");
    assert!(sg.contains("forward to db:5432"), "{sg}");
    assert!(sg.contains("forward to dns:53/udp"), "{sg}");
    assert!(sg.contains("listen 53/udp from any"), "{sg}");
}

#[test]
fn network_acls_become_acl_statements() {
    let inv = network("nacl", &[], &[]);
    let sg = emit::to_sg(&inv, "nacl");
    assert!(sg.contains("acl acl_db covers 10.40.2.0/24 {"), "{sg}");
    assert!(
        sg.contains("outbound 100 allow 1024-65535 to 10.40.1.0/24"),
        "{sg}"
    );
    // The default ACL covers the subnet no other ACL covers.
    assert!(
        sg.contains("acl acl_default_default covers 10.40.3.0/24 {"),
        "{sg}"
    );
    // The ICMP entry decides no TCP or UDP packet.
    assert!(!sg.contains("200 allow"), "{sg}");
    assert!(emit::unknowns(&inv)
        .iter()
        .all(|u| !u.address.contains("network_acl")));
}

#[test]
fn optional_attributes_of_variable_types_get_their_defaults() {
    let (inv, e) = import_text(
        "optional",
        r#"
variable "listeners" {
  type = map(object({
    port     = number
    enabled  = optional(bool, true)
    cidrs    = optional(list(string), ["10.0.0.0/8"])
    protocol = optional(string)
  }))
  default = {
    web = { port = 443 }
    off = { port = 8080, enabled = false }
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id
  dynamic "ingress" {
    for_each = { for k, l in var.listeners : k => l if l.enabled && l.protocol == null }
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }
}

resource "aws_instance" "app" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  private_ip             = "10.0.1.10"
  vpc_security_group_ids = [aws_security_group.app.id]
}
"#,
    );
    assert!(!inv.has_errors(), "{:?}", inv.diagnostics);
    assert!(e.text.contains("listen 443 from 10.0.0.0/8"), "{}", e.text);
    assert!(!e.text.contains("8080"), "{}", e.text);
}

#[test]
fn waf_rules_become_the_distribution_s_denies() {
    let inv = network("waf", &[], &[]);
    let sg = emit::to_sg(&inv, "waf");
    assert!(
        sg.contains(
            "deny 403 when (source in [203.0.113.0/24]) and not ((source in [198.51.100.0/24]))"
        ),
        "{sg}"
    );
    assert!(sg.contains("path in /admin*"), "{sg}");
    // The rate limit and the managed group may go either way.
    assert!(sg.contains("opaque cf_cdn_waf_edge_rate"), "{sg}");
    assert!(sg.contains("opaque cf_cdn_waf_edge_common"), "{sg}");
}
