//! The CI output formats (`--format sarif|github|junit`), run through the
//! built binary (the GitHub Action, the workflow and the pre-commit hooks
//! are tested in tests/ci_recipe.rs): what GitHub code scanning requires of SARIF, stable
//! fingerprints, annotations on the right lines, escaping of hostile text,
//! well-formed JUnit, and snapshots of the sandbox's outputs
//! (`UPDATE_FORMATS=1 cargo test --test formats` rewrites them; they hold
//! the solver's models, pinned to the z3 in CI, 4.8.12, and no timings).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const SANDBOX: &str = "policies/sandbox.sg";
const INPUT_ERROR: &str = "tests/formats/input_error.sg";
const ESCAPING: &str = "tests/formats/escaping.sg";
const FINGERPRINT: &str = "stargateFinding/v1";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bin_in(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stargate-verify"));
    c.current_dir(dir);
    c.env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> Output {
    bin_in(root())
        .args(args)
        .output()
        .expect("run stargate-verify")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stargate-formats-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The `--format json` assertions of one file, by name: (status, line).
fn json_assertions(file: &str, extra: &[&str]) -> BTreeMap<String, (String, u64)> {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    args.push(file);
    let doc = json_of(&run(&args));
    doc["files"][0]["assertions"]
        .as_array()
        .expect("assertions")
        .iter()
        .map(|a| {
            (
                a["name"].as_str().expect("name").to_string(),
                (
                    a["status"].as_str().expect("status").to_string(),
                    a["line"].as_u64().expect("line"),
                ),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------
// SARIF

/// Checks what GitHub code scanning requires of a SARIF log and returns its
/// results.
fn check_sarif(doc: &Value) -> Vec<Value> {
    assert!(
        doc["$schema"].as_str().is_some_and(|s| s.contains("sarif")),
        "$schema"
    );
    assert_eq!(doc["version"], "2.1.0");
    let runs = doc["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "stargate-verify");
    assert!(driver["version"].as_str().is_some_and(|v| !v.is_empty()));
    assert!(
        driver["informationUri"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://")),
        "informationUri of {driver}"
    );
    assert!(driver["fullName"]
        .as_str()
        .is_some_and(|n| n.starts_with("stargate-verify ")));
    assert_eq!(runs[0]["automationDetails"]["id"], "stargate-verify/");
    assert!(runs[0]["invocations"][0]["executionSuccessful"].is_boolean());
    let anchors = docs_anchors();
    let rules = driver["rules"].as_array().expect("driver.rules");
    let ids: Vec<&str> = rules
        .iter()
        .map(|r| r["id"].as_str().expect("rule id"))
        .collect();
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        ids.len(),
        "rule ids are unique: {ids:?}"
    );
    for kind in ["refuted", "no_path", "unknown"] {
        assert!(ids.contains(&format!("stargate::verify::{kind}").as_str()));
    }
    for r in rules {
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(
                r[key]["text"].as_str().is_some_and(|t| !t.is_empty()),
                "{key} of {r}"
            );
        }
        assert!(["error", "warning", "note"]
            .contains(&r["defaultConfiguration"]["level"].as_str().unwrap_or("")));
        // A rule's name is one Pascal-case word (the SARIF multitool's SARIF2012).
        let name = r["name"].as_str().unwrap_or("");
        assert!(
            name.starts_with(|c: char| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "rule name {name:?}"
        );
        // helpUri leads to the code's section of docs/codes.md.
        let help = r["helpUri"].as_str().unwrap_or("");
        let anchor = help.split_once("/docs/codes.md#").map_or("", |(_, a)| a);
        assert!(anchors.contains(anchor), "helpUri {help} has no section");
        assert!(r["help"]["markdown"]
            .as_str()
            .is_some_and(|m| m.contains("**Fix:**")));
    }
    let results = runs[0]["results"].as_array().expect("results").clone();
    for r in &results {
        let rule_id = r["ruleId"].as_str().expect("ruleId");
        assert!(ids.contains(&rule_id), "{rule_id} is not in driver.rules");
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids.get(index), Some(&rule_id));
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap_or("")));
        assert!(r["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(!uri.is_empty() && !uri.contains(' ') && !uri.starts_with('/'));
        check_region(&loc["region"]);
        assert!(r["partialFingerprints"][FINGERPRINT]
            .as_str()
            .is_some_and(|f| !f.is_empty()));
        for (i, rel) in r["relatedLocations"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            assert_eq!(rel["id"].as_u64(), Some(i as u64 + 1));
            assert!(rel["message"]["text"].as_str().is_some());
            check_region(&rel["physicalLocation"]["region"]);
        }
    }
    results
}

/// The anchors GitHub gives the code headings of docs/codes.md: the text
/// in lower case, without backticks and colons.
fn docs_anchors() -> BTreeSet<String> {
    let doc = std::fs::read_to_string(root().join("docs/codes.md")).expect("docs/codes.md");
    doc.lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(|h| {
            h.chars()
                .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect()
}

#[test]
fn sarif_reports_an_unreadable_file_as_a_tool_notification() {
    let (status, doc) = sarif(&["does/not/exist.sg", INPUT_ERROR]);
    assert_eq!(status, Some(2));
    let results = check_sarif(&doc);
    // No result points into the file that does not exist.
    assert!(results.iter().all(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] != "does/not/exist.sg"
    ));
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(notes[0]["descriptor"]["id"], "stargate::io::read");
    assert!(notes[0]["message"]["text"]
        .as_str()
        .is_some_and(|t| t.contains("does/not/exist.sg")));
    let (_, ok) = sarif(&[SANDBOX]);
    assert_eq!(ok["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

fn check_region(region: &Value) {
    let n = |k: &str| region[k].as_u64().unwrap_or(0);
    assert!(n("startLine") >= 1 && n("startColumn") >= 1, "{region}");
    assert!(n("endLine") >= n("startLine"), "{region}");
    assert!(
        n("endLine") > n("startLine") || n("endColumn") >= n("startColumn"),
        "{region}"
    );
}

fn sarif(args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["--format", "sarif"];
    all.extend_from_slice(args);
    let out = run(&all);
    (out.status.code(), json_of(&out))
}

#[test]
fn sarif_for_the_sandbox_has_what_github_requires() {
    let (status, doc) = sarif(&[SANDBOX]);
    assert_eq!(status, Some(1), "the sandbox has refuted findings");
    let results = check_sarif(&doc);
    let refuted = json_assertions(SANDBOX, &[])
        .into_values()
        .filter(|(s, _)| s == "refuted")
        .count();
    assert_eq!(refuted, 8);
    assert_eq!(results.len(), refuted, "one result per refuted assertion");
    for r in &results {
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            SANDBOX
        );
        assert_eq!(r["level"], "error");
    }
    // A counterexample's message tells the request and its hops; its hop
    // lines are related locations.
    let metrics = results
        .iter()
        .find(|r| r["properties"]["assertion"] == "metrics_not_public")
        .expect("metrics_not_public is refuted");
    assert_eq!(metrics["ruleId"], "stargate::verify::refuted");
    let text = metrics["message"]["text"].as_str().unwrap_or("");
    assert!(text.contains("request: GET /metrics/ from "), "{text}");
    assert!(text.contains("3. alb ("), "{text}");
    let related: BTreeSet<u64> = metrics["relatedLocations"]
        .as_array()
        .expect("relatedLocations")
        .iter()
        .filter_map(|l| l["physicalLocation"]["region"]["startLine"].as_u64())
        .collect();
    // The hop lines are those of the counterexample `--format json` gives.
    let json = json_of(&run(&["--format", "json", SANDBOX]));
    let hops = json["files"][0]["assertions"]
        .as_array()
        .and_then(|a| a.iter().find(|a| a["name"] == "metrics_not_public"))
        .map(|a| a["counterexample"]["hops"].clone())
        .expect("a counterexample");
    let hop_lines: BTreeSet<u64> = hops
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|h| ["listen_line", "rule_line", "egress_line"].map(|k| h[k].as_u64()))
        .flatten()
        .collect();
    assert!(hop_lines.len() >= 4, "{hop_lines:?}");
    for line in hop_lines {
        assert!(related.contains(&line), "hop line {line} in {related:?}");
    }
    let no_path = results
        .iter()
        .find(|r| r["properties"]["assertion"] == "grafana_queries_victoria")
        .expect("grafana_queries_victoria is refuted");
    assert_eq!(no_path["ruleId"], "stargate::verify::no_path");
}

#[test]
fn sarif_lists_each_input_diagnostic() {
    let (status, doc) = sarif(&[INPUT_ERROR]);
    assert_eq!(status, Some(2));
    let results = check_sarif(&doc);
    let summary: Vec<(&str, &str, u64)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or(""),
                r["level"].as_str().unwrap_or(""),
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("stargate::model::unused_let", "warning", 5),
            ("stargate::model::undefined_name", "error", 9),
        ]
    );
    let undefined = &results[1];
    assert_eq!(
        undefined["message"]["text"],
        "`internt` is not defined\nhelp: did you mean `internet`?"
    );
    assert_eq!(
        undefined["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let unused = rules
        .iter()
        .find(|r| r["id"] == "stargate::model::unused_let")
        .expect("a rule for the reported code");
    assert_eq!(unused["defaultConfiguration"]["level"], "warning");
}

#[test]
fn sarif_results_are_on_the_lines_json_gives() {
    let lines = json_assertions(SANDBOX, &[]);
    let (_, doc) = sarif(&[SANDBOX]);
    for r in check_sarif(&doc) {
        let name = r["properties"]["assertion"].as_str().expect("assertion");
        let (status, line) = &lines[name];
        assert_eq!(status, "refuted");
        assert_eq!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64(),
            Some(*line),
            "{name}"
        );
    }
}

fn fingerprints(doc: &Value) -> BTreeMap<String, (String, u64)> {
    check_sarif(doc)
        .iter()
        .map(|r| {
            (
                r["partialFingerprints"][FINGERPRINT]
                    .as_str()
                    .expect("fingerprint")
                    .to_string(),
                (
                    r["properties"]["assertion"]
                        .as_str()
                        .or(r["ruleId"].as_str())
                        .unwrap_or("")
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap_or(0),
                ),
            )
        })
        .collect()
}

#[test]
fn sarif_fingerprints_depend_on_the_finding_not_its_line_or_counterexample() {
    // Different worker counts may find different counterexamples.
    let (_, one) = sarif(&["-j", "1", SANDBOX]);
    let (_, two) = sarif(&["-j", "2", SANDBOX]);
    let a = fingerprints(&one);
    assert_eq!(a.len(), 8, "fingerprints are unique");
    assert_eq!(a, fingerprints(&two));

    // The same policy with three lines added on top, at the same path: the
    // findings move, their fingerprints stay.
    let text = std::fs::read_to_string(root().join(SANDBOX)).expect("sandbox");
    let before = temp_dir("before");
    let after = temp_dir("after");
    std::fs::write(before.join("policy.sg"), &text).expect("write");
    std::fs::write(after.join("policy.sg"), format!("# one\n# two\n\n{text}")).expect("write");
    let doc_in = |dir: &Path| {
        let out = bin_in(dir)
            .args(["--format", "sarif", "policy.sg"])
            .output()
            .expect("run stargate-verify");
        json_of(&out)
    };
    let moved_from = fingerprints(&doc_in(&before));
    let moved_to = fingerprints(&doc_in(&after));
    assert_eq!(
        moved_from.keys().collect::<Vec<_>>(),
        moved_to.keys().collect::<Vec<_>>()
    );
    for (fp, (name, line)) in &moved_from {
        assert_eq!(moved_to[fp], (name.clone(), line + 3), "{name}");
    }

    // A different file is a different finding.
    let (_, both) = sarif(&[SANDBOX, INPUT_ERROR]);
    assert_eq!(fingerprints(&both).len(), 10);
}

// ---------------------------------------------------------------------------
// GitHub workflow commands

/// Splits `::cmd k=v,k=v::message` into its command, properties and message.
fn parse_command(line: &str) -> (String, BTreeMap<String, String>, String) {
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (head, message) = rest.split_once("::").expect("`::` before the message");
    let (command, props) = head.split_once(' ').unwrap_or((head, ""));
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_string(), v.to_string())
        })
        .collect();
    (command.to_string(), props, message.to_string())
}

#[test]
fn github_annotates_each_refuted_assertion_on_its_line() {
    let out = run(&["--format", "github", SANDBOX]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let (summary, annotations) = lines.split_last().expect("output");
    assert_eq!(*summary, "25 proved, 8 refuted, 0 unknown");
    let refuted: BTreeMap<u64, String> = json_assertions(SANDBOX, &[])
        .into_iter()
        .filter(|(_, (s, _))| s == "refuted")
        .map(|(name, (_, line))| (line, name))
        .collect();
    assert_eq!(annotations.len(), refuted.len());
    for a in annotations {
        let (command, props, message) = parse_command(a);
        assert_eq!(command, "error");
        assert_eq!(props["file"], SANDBOX);
        assert_eq!(props["col"], "1");
        let line: u64 = props["line"].parse().expect("line");
        let end: u64 = props["endLine"].parse().expect("endLine");
        assert!(end >= line);
        let name = &refuted[&line];
        assert!(
            message.starts_with(&format!("assertion `{name}` is refuted")),
            "{message}"
        );
        assert!(props["title"].starts_with("stargate%3A%3Averify%3A%3A"));
        assert!(!a.contains('\r'));
    }
}

#[test]
fn github_escapes_hostile_text_in_messages_and_properties() {
    // A file name with `%`, `,` and `:`, and a counterexample whose header
    // value holds `%`, `,`, `:` and markup, over several lines.
    let dir = temp_dir("escaping");
    let name = "odd%,:name.sg";
    std::fs::copy(root().join(ESCAPING), dir.join(name)).expect("copy");
    let out = bin_in(&dir)
        .args(["--format", "github", name])
        .output()
        .expect("run stargate-verify");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "one annotation and the summary:\n{text}");
    let (command, props, message) = parse_command(lines[0]);
    assert_eq!(command, "error");
    assert_eq!(props["file"], "odd%25%2C%3Aname.sg");
    assert_eq!(props["line"], "11");
    assert!(
        message.contains("headers: x-key: a<b>&'\"%25,c:d%0A1. internet"),
        "{message}"
    );
    assert!(!message.contains('\n'));
    assert_eq!(lines[1], "1 proved, 1 refuted, 0 unknown");
}

#[test]
fn github_warns_about_unknowns_and_input_problems() {
    // A resource limit of 1 leaves most assertions undecided (the trivial
    // ones, whose formula is `false` or satisfied at once, still get an answer).
    let out = run(&["--format", "github", "--rlimit", "1", SANDBOX]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let summary = text.lines().last().unwrap_or_default();
    let count = |what: &str| -> usize {
        summary
            .split(", ")
            .find_map(|p| p.strip_suffix(what))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no{what} count in {summary:?}"))
    };
    assert!(count(" unknown") >= 20, "{summary}");
    let lines_starting = |prefix: &str| text.lines().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(lines_starting("::warning "), count(" unknown"), "{text}");
    assert_eq!(lines_starting("::error "), count(" refuted"), "{text}");
    assert_eq!(lines_starting("::notice "), 0, "{text}");
    assert!(text.contains("title=stargate%3A%3Averify%3A%3Aunknown::assertion `litellm_behind_cloudfront` could not be decided%0Ahelp: the solver gave up"));

    let out = run(&["--format", "github", INPUT_ERROR]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "::warning file=tests/formats/input_error.sg,line=5,col=5,endLine=5,title=stargate%3A%3Amodel%3A%3Aunused_let::address set `spare` is never used%0Ahelp: use it in an `addresses`, `from`, `egress` or `source in`, or remove it",
            "::error file=tests/formats/input_error.sg,line=9,col=19,endLine=9,title=stargate%3A%3Amodel%3A%3Aundefined_name::`internt` is not defined%0Ahelp: did you mean `internet`?",
            "0 proved, 0 refuted, 0 unknown, 1 input error",
        ]
    );
}

// ---------------------------------------------------------------------------
// JUnit

/// What the Jenkins xUnit plugin's `junit-10.xsd` allows, restated from its
/// rules: for each element, the parents it may have, the attributes it must
/// and may have. (Text-only elements are not told apart here; the
/// well-formedness check below covers their content.)
struct XunitElement {
    name: &'static str,
    parents: &'static [&'static str],
    required: &'static [&'static str],
    optional: &'static [&'static str],
}

const XUNIT: &[XunitElement] = &[
    XunitElement {
        name: "testsuites",
        parents: &[""],
        required: &[],
        optional: &["name", "time", "tests", "failures", "errors"],
    },
    XunitElement {
        name: "testsuite",
        parents: &["testsuites", "testsuite", ""],
        required: &["name", "tests", "failures", "errors"],
        optional: &[
            "group",
            "time",
            "skipped",
            "timestamp",
            "hostname",
            "id",
            "package",
            "file",
            "log",
            "url",
            "version",
        ],
    },
    XunitElement {
        name: "testcase",
        parents: &["testsuite"],
        required: &["name"],
        optional: &["time", "classname", "group"],
    },
    XunitElement {
        name: "failure",
        parents: &["testcase"],
        required: &[],
        optional: &["type", "message"],
    },
    XunitElement {
        name: "error",
        parents: &["testcase"],
        required: &[],
        optional: &["type", "message"],
    },
    XunitElement {
        name: "skipped",
        parents: &["testcase"],
        required: &[],
        optional: &["type", "message"],
    },
    XunitElement {
        name: "system-out",
        parents: &["testsuite", "testcase"],
        required: &[],
        optional: &[],
    },
    XunitElement {
        name: "system-err",
        parents: &["testsuite", "testcase"],
        required: &[],
        optional: &[],
    },
];

/// An element's place and attributes against [`XUNIT`]; suite times are
/// decimal seconds with at most three decimals, and a class name has no
/// dot for a dashboard to split at.
fn check_xunit(name: &str, parent: &str, attrs: &[(String, String)]) {
    let rule = XUNIT
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("<{name}> is not in junit-10.xsd"));
    assert!(rule.parents.contains(&parent), "<{name}> inside <{parent}>");
    for key in rule.required {
        assert!(attrs.iter().any(|(k, _)| k == key), "<{name}> needs {key}");
    }
    for (key, value) in attrs {
        assert!(
            rule.required.contains(&key.as_str()) || rule.optional.contains(&key.as_str()),
            "<{name}> may not have {key}"
        );
        if key == "time" && name.starts_with("testsuite") {
            let (whole, frac) = value.split_once('.').unwrap_or((value, ""));
            assert!(
                whole.chars().all(|c| c.is_ascii_digit())
                    && frac.len() <= 3
                    && frac.chars().all(|c| c.is_ascii_digit()),
                "time {value:?}"
            );
        }
        if key == "classname" {
            assert!(!value.contains('.'), "classname {value:?} has a dot");
        }
    }
}

/// A small well-formedness check (balanced tags, one root, quoted attribute
/// values, and no `<` or stray `&` in text or values), and the rules of the
/// xUnit schema.
fn check_xml(xml: &str) {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    let check_text = |t: &str| {
        let mut rest = t;
        while let Some(i) = rest.find('&') {
            rest = &rest[i..];
            let end = rest.find(';').expect("entity ends with `;`");
            let entity = &rest[1..end];
            let ok = ["amp", "lt", "gt", "quot", "apos"].contains(&entity)
                || entity
                    .strip_prefix('#')
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty());
            assert!(ok, "bad entity &{entity};");
            rest = &rest[end..];
        }
        assert!(!t.contains('<'));
    };
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rest = body;
    while let Some(i) = rest.find('<') {
        check_text(&rest[..i]);
        let end = rest[i..].find('>').expect("tag ends") + i;
        let tag = &rest[i + 1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "closing </{name}>");
            continue;
        }
        if stack.is_empty() {
            roots += 1;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        let mut seen = Vec::new();
        while !attrs.trim().is_empty() {
            let (key, after) = attrs.split_once("=\"").expect("key=\"value\"");
            assert!(key
                .trim()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-'));
            let close = after.find('"').expect("closing quote");
            check_text(&after[..close]);
            seen.push((key.trim().to_string(), unescape(&after[..close])));
            attrs = &after[close + 1..];
        }
        check_xunit(name, stack.last().map_or("", String::as_str), &seen);
        if !self_closing {
            stack.push(name.to_string());
        }
    }
    check_text(rest.trim());
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(roots, 1);
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#10;", "\n")
        .replace("&amp;", "&")
}

fn junit(args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["--format", "junit"];
    all.extend_from_slice(args);
    let out = run(&all);
    let xml = stdout(&out);
    check_xml(&xml);
    (out.status.code(), xml)
}

#[test]
fn junit_has_a_testcase_per_assertion_and_a_failure_per_refutation() {
    let (status, xml) = junit(&[SANDBOX]);
    assert_eq!(status, Some(1));
    let assertions = json_assertions(SANDBOX, &[]);
    let refuted = assertions.values().filter(|(s, _)| s == "refuted").count();
    assert_eq!(xml.matches("<testcase ").count(), assertions.len());
    assert_eq!(xml.matches("<failure ").count(), refuted);
    assert_eq!(xml.matches("type=\"refuted\"").count(), refuted);
    assert!(xml.contains(&format!(
        "<testsuite name=\"{SANDBOX}\" tests=\"33\" failures=\"8\" errors=\"0\" skipped=\"0\" time=\""
    )));
    assert!(xml.contains(&format!("file=\"{SANDBOX}\">")));
    assert!(!xml.contains(
        "<testsuites name=\"stargate-verify\" tests=\"33\" failures=\"8\" errors=\"0\" skipped"
    ));
    for name in assertions.keys() {
        assert!(xml.contains(&format!(
            "classname=\"policies/sandbox\" name=\"{name}\" time=\""
        )));
    }
    assert!(xml.contains("<failure message=\"assertion `metrics_not_public` is refuted: a request from `internet` reaches `litellm` in 3 hops\" type=\"refuted\">request: GET /metrics/"));
}

#[test]
fn junit_reports_unknowns_as_errors() {
    // Two of the four need the solver. `no_public_9090` is decided before
    // it, and so is `metrics_private`: a first hop from `internet` into `lb`
    // can only be on port 80, so `lb`'s block for 9090 is never reached.
    let (status, xml) = junit(&["--rlimit", "1", "tests/data/reference_example.sg"]);
    assert_eq!(status, Some(1));
    assert_eq!(xml.matches("<testcase ").count(), 4);
    assert_eq!(xml.matches("<error ").count(), 2);
    assert_eq!(xml.matches("type=\"unknown\"").count(), 2);
    assert!(xml.contains("tests=\"4\" failures=\"0\" errors=\"2\""));
    assert!(xml.contains("resource limit"));
}

#[test]
fn junit_escapes_markup_in_attributes_and_text() {
    let (status, xml) = junit(&[ESCAPING]);
    assert_eq!(status, Some(1));
    assert!(xml.contains("x-key: a&lt;b&gt;&amp;&apos;&quot;%,c:d\n1. internet"));
    let failure = xml
        .split("<failure ")
        .nth(1)
        .and_then(|f| f.split("</failure>").next())
        .expect("one failure");
    let text = unescape(failure.split_once('>').map_or("", |(_, t)| t));
    assert!(text.starts_with(
        "request: GET /x from 0.0.0.0 to port 80/tcp; headers: x-key: a<b>&'\"%,c:d\n"
    ));
}

#[test]
fn junit_reports_an_input_error_as_an_error_testcase() {
    let (status, xml) = junit(&[INPUT_ERROR]);
    assert_eq!(status, Some(2));
    assert_eq!(xml.matches("<testcase ").count(), 1);
    assert!(xml.contains(
        "<testcase classname=\"tests/formats/input_error\" name=\"input errors\" time=\"0.000\">"
    ));
    assert!(xml.contains("<error message=\"1 input error; the file was not verified\" type=\"input\">5:5: warning stargate::model::unused_let: address set `spare` is never used\n"));
    assert!(xml.contains("9:19: error stargate::model::undefined_name: `internt` is not defined\n  help: did you mean `internet`?</error>"));
    assert!(xml.contains("tests=\"1\" failures=\"0\" errors=\"1\""));
}

#[test]
fn junit_lists_the_warnings_of_a_verified_file() {
    let dir = temp_dir("warnings");
    let policy = "zone internet { addresses any }\nlet spare = 10.9.0.0/16\n\
                  service web { addresses 10.0.1.0/24  listen 443 }\n\
                  assert open: path internet -> web\n";
    std::fs::write(dir.join("warned.sg"), policy).expect("write");
    let out = bin_in(&dir)
        .args(["--format", "junit", "warned.sg"])
        .output()
        .expect("run stargate-verify");
    assert_eq!(out.status.code(), Some(0), "warnings do not fail the run");
    let xml = stdout(&out);
    check_xml(&xml);
    assert!(xml.contains("tests=\"1\" failures=\"0\" errors=\"0\""));
    assert!(xml.contains("<testcase classname=\"warned\" name=\"open\" time=\""));
    assert!(xml.contains(
        "<system-out>2:5: warning stargate::model::unused_let: address set `spare` is never used\n"
    ));
}

// ---------------------------------------------------------------------------
// Snapshots of the sandbox

/// `time="..."` values replaced, so a snapshot holds no timings.
fn without_times(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find(" time=\"") {
        let start = i + " time=\"".len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(0);
        out.push('-');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn sandbox_outputs_match_their_snapshots() {
    // One worker: the solver's models then do not depend on the core count.
    let output = |format: &str| stdout(&run(&["--format", format, "-j", "1", SANDBOX]));
    let mut sarif: Value = serde_json::from_str(&output("sarif")).expect("SARIF");
    sarif["runs"][0]["tool"]["driver"]["version"] = Value::from("VERSION");
    sarif["runs"][0]["tool"]["driver"]["semanticVersion"] = Value::from("VERSION");
    let cases = [
        (
            "sandbox.sarif.expected",
            serde_json::to_string_pretty(&sarif).expect("JSON") + "\n",
        ),
        ("sandbox.github.expected", output("github")),
        ("sandbox.junit.expected", without_times(&output("junit"))),
    ];
    let update = std::env::var_os("UPDATE_FORMATS").is_some();
    let mut failures = Vec::new();
    for (file, actual) in cases {
        let path = root().join("tests/formats").join(file);
        if update {
            std::fs::write(&path, &actual).expect("write snapshot");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{file} differs\n--- expected\n{expected}\n--- actual\n{actual}"
            )),
            Err(_) => failures.push(format!("no {file} (run with UPDATE_FORMATS=1)")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every kind of JUnit document against `tests/formats/junit-xunit.xsd`
/// (the xUnit plugin's rules, restated) with a real XSD validator, the
/// Python `xmlschema` package, when it is installed (`.ci/run` installs
/// it); without it the test says SKIPPED (the rules are also checked by
/// `check_xml` in every JUnit test above).
#[test]
fn junit_is_valid_for_an_xsd_validator() {
    let probe = Command::new("python3")
        .args(["-c", "import xmlschema"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "SKIPPED junit_is_valid_for_an_xsd_validator: python3 -c 'import xmlschema' fails"
        );
        return;
    }
    let dir = temp_dir("xsd");
    let schema = root().join("tests/formats/junit-xunit.xsd");
    let cases: [&[&str]; 4] = [
        &[SANDBOX],
        &[INPUT_ERROR, "does/not/exist.sg"],
        &[ESCAPING],
        &["--rlimit", "1", "tests/data/reference_example.sg"],
    ];
    for (i, args) in cases.iter().enumerate() {
        let (_, xml) = junit(args);
        let file = dir.join(format!("case{i}.xml"));
        std::fs::write(&file, &xml).expect("write");
        let out = Command::new("python3")
            .args([
                "-c",
                "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])",
            ])
            .arg(&schema)
            .arg(&file)
            .output()
            .expect("run python3");
        assert!(
            out.status.success(),
            "{args:?} is not valid:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The schema is not a rubber stamp: `skipped` on <testsuites> fails.
    let bad = dir.join("bad.xml");
    std::fs::write(&bad, "<testsuites skipped=\"0\"></testsuites>").expect("write");
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])",
        ])
        .arg(&schema)
        .arg(&bad)
        .output()
        .expect("run python3");
    assert!(
        !out.status.success(),
        "the schema refuses skipped on <testsuites>"
    );
}

/// `diff --format sarif` names its rules and links them to docs/codes.md
/// as `check`'s SARIF does, under a category of its own.
#[test]
fn diff_sarif_rules_link_to_their_codes() {
    let dir = temp_dir("diff-sarif");
    let base = "zone internet { addresses any except 10.0.0.0/8 }\n\
                service app { addresses 10.0.1.0/24  listen 443 from 10.0.0.0/8 }\n";
    std::fs::write(dir.join("base.sg"), base).expect("write");
    std::fs::write(
        dir.join("head.sg"),
        base.replace("from 10.0.0.0/8", "from any"),
    )
    .expect("write");
    let out = bin_in(&dir)
        .args(["diff", "--format", "sarif", "base.sg", "head.sg"])
        .output()
        .expect("run diff");
    assert_eq!(out.status.code(), Some(1), "a flow opened");
    let doc = json_of(&out);
    let run = &doc["runs"][0];
    assert_eq!(run["automationDetails"]["id"], "stargate-verify-diff/");
    assert!(run["tool"]["driver"]["informationUri"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://")));
    let anchors = docs_anchors();
    for rule in run["tool"]["driver"]["rules"].as_array().expect("rules") {
        let name = rule["name"].as_str().unwrap_or("");
        assert!(name.starts_with("Diff"), "{name}");
        let help = rule["helpUri"].as_str().unwrap_or("");
        let anchor = help.split_once("/docs/codes.md#").map_or("", |(_, a)| a);
        assert!(anchors.contains(anchor), "{help}");
    }
    assert_eq!(run["results"][0]["ruleId"], "stargate::diff::opened");
}

/// The ACL story in the machine formats: JSON names the entries a hop's
/// request and reply passed and, for a proof the ACLs make, the entry that
/// drops a request; SARIF points at the entries; JUnit says why a proof holds.
#[test]
fn acl_entries_in_the_machine_formats() {
    let file = "tests/ui/verify/acls.sg";
    let doc = json_of(&run(&["--format", "json", file]));
    let assertions = doc["files"][0]["assertions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let by_name = |n: &str| {
        assertions
            .iter()
            .find(|a| a["name"] == n)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let hop = &by_name("app_isolated")["counterexample"]["hops"][0]["acl"];
    assert_eq!(hop["request"][0]["number"], 100);
    assert_eq!(hop["request"][0]["line"], 5);
    assert_eq!(hop["reply"][0]["number"], 200);
    assert_eq!(hop["reply"][0]["allowed"], true);
    assert_eq!(hop["receiver"], "10.20.2.10");
    let stopped = &by_name("office_isolated")["stopped_by_acls"]["hops"][0]["acl"];
    assert_eq!(stopped["reply"][0]["number"], 100);
    assert_eq!(stopped["reply"][0]["allowed"], false);
    assert_eq!(stopped["reply_port"], Value::Null);

    let sarif = json_of(&run(&["--format", "sarif", file]));
    let results = sarif["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let lines: Vec<u64> = results
        .iter()
        .flat_map(|r| {
            r["relatedLocations"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|l| l["physicalLocation"]["region"]["startLine"].as_u64())
        .collect();
    assert!(
        lines.contains(&5) && lines.contains(&6) && lines.contains(&7),
        "{lines:?}"
    );

    let junit = stdout(&run(&["--format", "junit", file]));
    assert!(
        junit.contains("<system-out>without its ACLs, this request would get through"),
        "{junit}"
    );
}
