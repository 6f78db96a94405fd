//! SARIF 2.1.0, the format of GitHub code scanning and other static-analysis
//! viewers: one run whose driver lists a rule per outcome kind
//! (`stargate::verify::refuted`, `no_path`, `unknown`) and per diagnostic
//! code reported, and one result per refuted or unknown assertion and per
//! input diagnostic.
//!
//! Each result points at the `assert` statement (or the diagnostic's text),
//! lists the lines of the counterexample's hops as related locations, and
//! carries a `partialFingerprints` entry derived from what the finding *is*
//! (rule, file, assertion name or diagnostic message), never from line
//! numbers or solver values, so an alert survives edits elsewhere in the
//! policy and a different counterexample for the same refutation.

use std::collections::{BTreeSet, HashMap};

use serde_json::{json, Value};

use super::codes;
use super::explain;
use super::findings::{self, Finding};
use super::FileReport;
use crate::diagnostic::Severity;
use crate::span::Span;
use crate::SourceText;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of the fingerprint in `partialFingerprints`; bump the version if
/// what goes into the fingerprint changes.
pub const FINGERPRINT_KEY: &str = "stargateFinding/v1";

const REFUTED: &str = "stargate::verify::refuted";
const NO_PATH: &str = "stargate::verify::no_path";
const UNKNOWN: &str = "stargate::verify::unknown";
/// An input that could not be read is a failure of the run, reported as a
/// tool notification: there is no file for a result to point at.
const UNREADABLE: &str = "stargate::io::read";

/// The run's `automationDetails.id`: the category of its code scanning
/// analysis (the trailing slash leaves the run id to GitHub).
pub const AUTOMATION_ID: &str = "stargate-verify/";

/// A rule's `name`: the code as one Pascal-case word, `ParseCidrHostBits`
/// for `stargate::parse::cidr_host_bits`.
pub fn rule_name(code: &str) -> String {
    code.trim_start_matches("stargate::")
        .split([':', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The `help` of a rule: the short text, and the code's whole section of
/// docs/codes.md as Markdown, which code scanning shows beside the alert.
fn help(code: &str, text: &str) -> Value {
    match explain::explain(code) {
        Some(e) => json!({ "text": text, "markdown": e.text.trim_end() }),
        None => json!({ "text": text }),
    }
}

/// Where to read about the tool: the crate's `repository` (or `homepage`)
/// from Cargo.toml, when it has one.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|u| !u.is_empty())
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The rule of a verdict kind: (short, full, help).
fn verdict_rule_text(code: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match code {
        REFUTED => (
            "Assertion refuted by a concrete request",
            "A property the policy asserts does not hold. stargate-verify found a request that \
             breaks it and replayed it hop by hop through the policy. The result's message tells \
             that request, each hop with the policy lines that let it through (also listed as \
             related locations), how the journey ended, and where to fix it.",
            "Read the counterexample in the message. If the flow it shows is not intended, tighten \
             one of the policy lines it names: a `listen ... from`, an `egress`, or a rule's \
             condition. If it is intended, the assertion is too strict: correct the assertion. \
             Verdicts are described in docs/language.md, section 7.",
        ),
        NO_PATH => (
            "Path assertion refuted: no request gets through",
            "A `path` assertion says that some request gets from its source to its target, and \
             none does: every journey is stopped by a missing `listen` or `egress` line, or by a \
             rule on the way.",
            "Check the target's `listen ... from` lines (the related locations), the senders' \
             `egress` lines and the forward rules on the way. If the flow is meant to be \
             impossible, state it with `no path` instead.",
        ),
        UNKNOWN => (
            "Assertion could not be decided",
            "The solver gave up on an assertion (time or resource limit, or more than 200,000 \
             abstract states), so nothing was proved. An unknown is never counted as proved and \
             makes the exit status 1.",
            "Raise --timeout or --rlimit, or split the assertion into narrower ones with `where`. \
             The message gives the solver's reason.",
        ),
        _ => return None,
    })
}

/// The reporting descriptor of one rule.
fn rule(code: &str, seen: Severity) -> Value {
    if let Some((short, full, help)) = verdict_rule_text(code) {
        let severity = codes::lookup(code).map_or(seen, |c| c.severity);
        return json!({
            "id": code,
            "name": rule_name(code),
            "shortDescription": { "text": short },
            "fullDescription": { "text": full },
            "help": self::help(code, help),
            "helpUri": explain::docs_url(code),
            "defaultConfiguration": { "level": level(severity) },
            // GitHub code scanning ranks security alerts by this score: a
            // refuted property is a hole in the network's stated security.
            "properties": {
                "tags": ["security", "network"],
                "security-severity": if code == "stargate::verify::unknown" { "4.0" } else { "8.0" },
            },
        });
    }
    let (summary, severity) = codes::lookup(code).map_or((code, seen), |c| (c.summary, c.severity));
    let consequence = match severity {
        Severity::Error => "It is an error: the file is not verified until it is fixed.",
        Severity::Warning => "It is a warning: the file is still verified.",
    };
    json!({
        "id": code,
        "name": rule_name(code),
        "shortDescription": { "text": summary },
        "fullDescription": { "text": format!("Reported when {summary}. {consequence}") },
        "help": help(
            code,
            &format!(
                "The result's message says what was found and how to fix it; \
                 `stargate-verify explain {code}` gives an example."
            ),
        ),
        "helpUri": explain::docs_url(code),
        "defaultConfiguration": { "level": level(severity) },
        "properties": { "tags": ["correctness"] },
    })
}

/// The rule ids of a run: the three verdict kinds, then every diagnostic
/// code reported, in the order of the catalogue (unknown codes last).
fn rule_ids(found: &[Finding<'_>]) -> Vec<(&'static str, Severity)> {
    let mut ids: Vec<(&'static str, Severity)> = [REFUTED, NO_PATH, UNKNOWN]
        .into_iter()
        .map(|c| (c, codes::lookup(c).map_or(Severity::Error, |i| i.severity)))
        .collect();
    let position = |code: &str| {
        codes::CODES
            .iter()
            .position(|c| c.code == code)
            .unwrap_or(usize::MAX)
    };
    let input: BTreeSet<(usize, &'static str, Severity)> = found
        .iter()
        .filter(|f| f.assertion.is_none() && f.diagnostic.code != UNREADABLE)
        .map(|f| {
            let code = f.diagnostic.code;
            (position(code), code, f.severity())
        })
        .collect();
    for (_, code, severity) in input {
        if !ids.iter().any(|(c, _)| *c == code) {
            ids.push((code, severity));
        }
    }
    ids
}

/// A relative path stays relative (GitHub resolves it against the
/// repository root); an absolute one becomes a `file://` URI. Characters a
/// URI cannot hold are percent-encoded.
pub fn artifact_uri(path: &str) -> String {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let mut rest = path.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    let drive = matches!(rest.as_bytes(), [letter, b':', ..] if letter.is_ascii_alphabetic());
    if cfg!(windows) && drive {
        let (letter, tail) = rest.split_at(2);
        return format!("file:///{letter}{}", percent_encode(tail));
    }
    if rest.starts_with('/') {
        return format!("file://{}", percent_encode(rest));
    }
    percent_encode(rest)
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike
/// `std`'s hasher, and plenty for telling a run's findings apart.
fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The hash of several strings; 0xFF, which never occurs in UTF-8, ends
/// each one so that parts cannot run into each other.
fn hash_parts(parts: &[&str]) -> u64 {
    parts
        .iter()
        .fold(FNV_OFFSET, |h, p| fnv1a(fnv1a(h, p.as_bytes()), &[0xFF]))
}

/// The identity of a finding: rule, file, and the assertion's name or the
/// diagnostic's message.
fn identity(f: &Finding<'_>, uri: &str) -> u64 {
    let what = f
        .assertion
        .map_or(f.diagnostic.message.as_str(), |a| a.name.as_str());
    hash_parts(&[FINGERPRINT_KEY, f.diagnostic.code, uri, what])
}

fn region(src: &SourceText, span: Span) -> Value {
    let r = src.region(span);
    let (start, end) = (r.start, r.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn location(uri: &str, src: &SourceText, span: Span) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": region(src, span),
        }
    })
}

fn result(f: &Finding<'_>, rule_index: usize, fingerprint: String) -> Value {
    let src = &f.report.source;
    let uri = artifact_uri(f.file());
    let mut r = json!({
        "ruleId": f.diagnostic.code,
        "ruleIndex": rule_index,
        "level": level(f.severity()),
        "message": { "text": f.text() },
        "locations": [location(&uri, src, f.span)],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
    });
    if !f.diagnostic.related.is_empty() {
        r["relatedLocations"] = f
            .diagnostic
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                let mut l = location(&artifact_uri(src.file(rel.span)), src, rel.span);
                l["id"] = json!(i + 1);
                l["message"] = json!({ "text": rel.label });
                l
            })
            .collect();
    }
    if let Some(a) = f.assertion {
        r["properties"] = json!({ "assertion": a.name, "kind": a.kind.as_str() });
    }
    r
}

/// The run's `automationDetails`. In an Azure Pipelines job (`TF_BUILD`
/// set), the build's identity from the job's variables, in the form GitHub
/// Advanced Security for Azure DevOps requires (the SARIF multitool's
/// GHAzDO1019 and GHAzDO1020 rules); anywhere else the category
/// [`AUTOMATION_ID`]. `var` reads an environment variable.
pub fn automation_details(var: impl Fn(&str) -> Option<String>) -> Value {
    let get = |k: &str| var(k).filter(|v| !v.is_empty());
    if get("TF_BUILD").is_none() {
        return json!({ "id": AUTOMATION_ID });
    }
    let or_unknown = |k: &str| get(k).unwrap_or_else(|| "unknown".into());
    let organization = get("SYSTEM_COLLECTIONURI")
        .map(|u| {
            u.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("unknown")
                .to_string()
        })
        .unwrap_or_else(|| "unknown".into());
    let id = format!(
        "azuredevops/pipeline/build/{organization}/{}/{}/{}/{}/{}",
        or_unknown("SYSTEM_TEAMPROJECT"),
        or_unknown("BUILD_DEFINITIONID"),
        or_unknown("SYSTEM_PHASEID"),
        or_unknown("BUILD_SOURCEBRANCH"),
        or_unknown("BUILD_BUILDID"),
    );
    json!({
        "id": id,
        "properties": {
            "azuredevops/pipeline/build/buildDefinitionId": or_unknown("BUILD_DEFINITIONID"),
            "azuredevops/pipeline/build/buildDefinitionName": or_unknown("BUILD_DEFINITIONNAME"),
            "azuredevops/pipeline/build/phaseId": or_unknown("SYSTEM_PHASEID"),
            "azuredevops/pipeline/build/phaseName": or_unknown("SYSTEM_PHASENAME"),
        },
    })
}

/// The SARIF log of a run, with the [`automation_details`] of the
/// environment it runs in.
pub fn document(reports: &[FileReport]) -> Value {
    document_with(reports, automation_details(|k| std::env::var(k).ok()))
}

/// The SARIF log of a run with the given `automationDetails`.
pub fn document_with(reports: &[FileReport], automation: Value) -> Value {
    let all = findings::of_run(reports);
    let (unreadable, found): (Vec<Finding<'_>>, Vec<Finding<'_>>) = all
        .into_iter()
        .partition(|f| f.diagnostic.code == UNREADABLE);
    let ids = rule_ids(&found);
    let rules: Vec<Value> = ids.iter().map(|(c, s)| rule(c, *s)).collect();
    // Two findings with the same identity (the same message twice in a
    // file) are told apart by their order.
    let mut occurrences: HashMap<u64, usize> = HashMap::new();
    let results: Vec<Value> = found
        .iter()
        .map(|f| {
            let id = identity(f, &artifact_uri(f.file()));
            let n = occurrences.entry(id).or_insert(0);
            *n += 1;
            let index = ids
                .iter()
                .position(|(c, _)| *c == f.diagnostic.code)
                .unwrap_or(0);
            result(f, index, format!("{id:016x}:{n}"))
        })
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    let mut driver = json!({
        "name": "stargate-verify",
        "fullName": format!("stargate-verify {version}"),
        "version": version,
        "semanticVersion": version,
        "rules": rules,
        "notifications": [rule(UNREADABLE, Severity::Error)],
    });
    if let Some(uri) = information_uri() {
        driver["informationUri"] = json!(uri);
    }
    let notifications: Vec<Value> = unreadable
        .iter()
        .map(|f| {
            json!({
                "descriptor": { "id": UNREADABLE, "index": 0 },
                "level": "error",
                "message": { "text": sentence(&f.diagnostic.message) },
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "automationDetails": automation,
            // Refutations and input errors are results of a run that went
            // as it should; an input it could not read is not.
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// A message as SARIF viewers expect it: a sentence ending with a period.
fn sentence(message: &str) -> String {
    let m = message.trim_end();
    if m.ends_with(['.', '?', '!']) {
        m.to_string()
    } else {
        format!("{m}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_stay_relative_and_are_encoded() {
        assert_eq!(artifact_uri("policies/sandbox.sg"), "policies/sandbox.sg");
        assert_eq!(artifact_uri("./././a/b.sg"), "a/b.sg");
        assert_eq!(artifact_uri("my dir/50%.sg"), "my%20dir/50%25.sg");
        assert_eq!(artifact_uri("a:b/#x?.sg"), "a%3Ab/%23x%3F.sg");
        assert_eq!(artifact_uri("/srv/pol é.sg"), "file:///srv/pol%20%C3%A9.sg");
        if cfg!(windows) {
            assert_eq!(artifact_uri(r"C:\x\y.sg"), "file:///C:/x/y.sg");
        }
    }

    #[test]
    fn fingerprint_hash_is_fnv1a_and_separates_parts() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
        assert_ne!(hash_parts(&["ab", "c"]), hash_parts(&["a", "bc"]));
    }

    #[test]
    fn automation_details_name_the_azure_build_or_the_category() {
        assert_eq!(automation_details(|_| None), json!({ "id": AUTOMATION_ID }));
        let azure = |k: &str| {
            Some(
                match k {
                    "TF_BUILD" => "True",
                    "SYSTEM_COLLECTIONURI" => "https://dev.azure.com/contoso/",
                    "SYSTEM_TEAMPROJECT" => "net",
                    "BUILD_DEFINITIONID" => "7",
                    "BUILD_DEFINITIONNAME" => "policies",
                    "SYSTEM_PHASEID" => "p1",
                    "SYSTEM_PHASENAME" => "verify",
                    "BUILD_SOURCEBRANCH" => "refs/heads/main",
                    "BUILD_BUILDID" => "42",
                    _ => return None,
                }
                .to_string(),
            )
        };
        let a = automation_details(azure);
        assert_eq!(
            a["id"],
            "azuredevops/pipeline/build/contoso/net/7/p1/refs/heads/main/42"
        );
        assert_eq!(
            a["properties"]["azuredevops/pipeline/build/phaseName"],
            "verify"
        );
        assert_eq!(
            a["properties"]["azuredevops/pipeline/build/buildDefinitionId"],
            "7"
        );
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(
            rule_name("stargate::parse::cidr_host_bits"),
            "ParseCidrHostBits"
        );
        assert_eq!(rule_name("stargate::verify::refuted"), "VerifyRefuted");
    }

    #[test]
    fn every_verdict_kind_has_a_described_rule() {
        for code in [REFUTED, NO_PATH, UNKNOWN] {
            let r = rule(code, Severity::Error);
            for key in ["shortDescription", "fullDescription", "help"] {
                assert!(r[key]["text"].as_str().is_some_and(|t| !t.is_empty()));
            }
        }
        assert_eq!(
            rule(UNKNOWN, Severity::Error)["defaultConfiguration"]["level"],
            "warning"
        );
        assert_eq!(
            rule("stargate::model::unused_let", Severity::Error)["defaultConfiguration"]["level"],
            "warning"
        );
    }
}
