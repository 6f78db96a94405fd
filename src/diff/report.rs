//! A diff for people (text), machines (JSON), code scanning (SARIF) and
//! GitHub annotations.

use serde_json::{json, Value};

use super::{Diff, Flow};
use crate::model::{key_port, key_protocol, Policy};
use crate::report::{github, json, sarif, story};
use crate::span::Span;
use crate::SourceText;

/// One version: its text and checked model.
pub struct Version<'a> {
    pub source: &'a SourceText,
    pub policy: &'a Policy,
}

pub(crate) fn flow_title(f: &Flow) -> String {
    format!(
        "{} -> {}:{}/{}",
        f.from,
        f.to,
        key_port(f.port),
        key_protocol(f.port).as_str()
    )
}

fn extras(f: &Flow) -> Option<String> {
    let mut parts: Vec<String> = f
        .other_headers
        .iter()
        .map(|(h, v)| match v {
            Some(v) => format!("{h}: {v}"),
            None => format!("{h} absent"),
        })
        .collect();
    parts.extend(
        f.other_opaque
            .iter()
            .map(|(o, v)| format!("{o}={}", if *v { "fires" } else { "passes" })),
    );
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn story_lines(f: &Flow, v: &Version) -> Vec<String> {
    let mut out = vec![format!(
        "request: {}",
        story::request_line(v.policy, &f.witness)
    )];
    if let Some(e) = extras(f) {
        out.push(format!("as the other version sees it, also: {e}"));
    }
    out.extend(story::hop_lines(v.policy, v.source, &f.witness));
    out.push(story::ending_line(v.policy, v.source, &f.witness));
    out
}

pub fn human(d: &Diff, base: &Version, head: &Version) -> String {
    let mut out = String::new();
    for (title, flows, v) in [("opened", &d.opened, head), ("closed", &d.closed, base)] {
        for f in flows {
            out.push_str(&format!(
                "{title}: {} (in {})\n",
                flow_title(f),
                v.source.name
            ));
            for line in story_lines(f, v) {
                out.push_str(&format!("  {line}\n"));
            }
            out.push('\n');
        }
    }
    for u in &d.undecided {
        out.push_str(&format!(
            "undecided: {} -> {}: {}\n",
            u.from, u.to, u.reason
        ));
    }
    if !d.added_nodes.is_empty() {
        out.push_str(&format!("nodes added: {}\n", d.added_nodes.join(", ")));
    }
    if !d.removed_nodes.is_empty() {
        out.push_str(&format!("nodes removed: {}\n", d.removed_nodes.join(", ")));
    }
    for c in &d.verdicts {
        let s = |x: Option<crate::verify::Status>| x.map_or("absent", |s| s.as_str());
        out.push_str(&format!(
            "verdict of `{}`: {} -> {}\n",
            c.name,
            s(c.base),
            s(c.head)
        ));
    }
    out.push_str(&summary(d));
    out.push('\n');
    out
}

pub fn summary(d: &Diff) -> String {
    format!(
        "{} opened, {} closed, {} undecided, {} verdicts changed, {} nodes added, {} removed",
        d.opened.len(),
        d.closed.len(),
        d.undecided.len(),
        d.verdicts.len(),
        d.added_nodes.len(),
        d.removed_nodes.len()
    )
}

fn flow_json(f: &Flow, v: &Version) -> Value {
    let mut o = json!({
        "from": f.from,
        "to": f.to,
        "port": key_port(f.port),
        "protocol": key_protocol(f.port).as_str(),
        "file": v.source.name,
        "witness": json::trace_json(v.policy, v.source, &f.witness),
    });
    if !f.other_headers.is_empty() || !f.other_opaque.is_empty() {
        o["other_version"] = json!({
            "headers": f.other_headers.iter().map(|(h, v)| (h.clone(), v.clone().map_or(Value::Null, Value::String))).collect::<serde_json::Map<_, _>>(),
            "opaque": f.other_opaque.iter().map(|(o, v)| (o.clone(), Value::Bool(*v))).collect::<serde_json::Map<_, _>>(),
        });
    }
    o
}

pub fn to_json(d: &Diff, base: &Version, head: &Version) -> Value {
    json!({
        "base": base.source.name,
        "head": head.source.name,
        "opened": d.opened.iter().map(|f| flow_json(f, head)).collect::<Vec<_>>(),
        "closed": d.closed.iter().map(|f| flow_json(f, base)).collect::<Vec<_>>(),
        "undecided": d.undecided.iter().map(|u| json!({"from": u.from, "to": u.to, "reason": u.reason})).collect::<Vec<_>>(),
        "added_nodes": d.added_nodes,
        "removed_nodes": d.removed_nodes,
        "verdicts": d.verdicts.iter().map(|c| json!({
            "name": c.name,
            "base": c.base.map(|s| s.as_str()),
            "head": c.head.map(|s| s.as_str()),
        })).collect::<Vec<_>>(),
        "summary": {
            "opened": d.opened.len(),
            "closed": d.closed.len(),
            "undecided": d.undecided.len(),
            "verdicts_changed": d.verdicts.len(),
        },
    })
}

/// The policy line most responsible for a flow: the last hop's rule, or the
/// listen line that admitted it.
fn blame(f: &Flow, v: &Version) -> Span {
    f.witness
        .hops
        .last()
        .and_then(|h| h.rule.or(h.listen))
        .or_else(|| {
            v.policy
                .nodes
                .iter()
                .find(|n| n.name == f.to)
                .map(|n| n.span)
        })
        .unwrap_or_default()
}

pub fn github_annotations(d: &Diff, base: &Version, head: &Version) -> String {
    let mut out = String::new();
    for (kind, flows, v) in [("error", &d.opened, head), ("notice", &d.closed, base)] {
        for f in flows {
            let at = v.source.region(blame(f, v));
            let line = at.start.line;
            let title = format!(
                "{} {}",
                if kind == "error" { "opened" } else { "closed" },
                flow_title(f)
            );
            out.push_str(&format!(
                "::{kind} file={},line={line},title={}::{}\n",
                github::escape_property(at.file),
                github::escape_property(&title),
                github::escape_data(&story_lines(f, v).join("\n"))
            ));
        }
    }
    for u in &d.undecided {
        out.push_str(&format!(
            "::warning file={},title={}::{}\n",
            github::escape_property(&head.source.name),
            github::escape_property(&format!("undecided {} -> {}", u.from, u.to)),
            github::escape_data(&u.reason)
        ));
    }
    out.push_str(&summary(d));
    out.push('\n');
    out
}

pub fn to_sarif(d: &Diff, base: &Version, head: &Version) -> Value {
    let rules = [
        (
            "stargate::diff::opened",
            "flow opened",
            "a request reaches a target in the new version that it did not reach in the old one",
            "error",
        ),
        (
            "stargate::diff::closed",
            "flow closed",
            "a request that reached a target in the old version no longer does",
            "note",
        ),
        (
            "stargate::diff::undecided",
            "diff undecided",
            "the comparison of a source and a target could not be finished",
            "warning",
        ),
    ];
    let mut results = Vec::new();
    for (rule_index, flows, v) in [(0usize, &d.opened, head), (1, &d.closed, base)] {
        for f in flows {
            let at = v.source.region(blame(f, v));
            let uri = sarif::artifact_uri(at.file);
            let (start, end) = (at.start, at.end);
            results.push(json!({
                "ruleId": rules[rule_index].0,
                "ruleIndex": rule_index,
                "level": rules[rule_index].3,
                "message": { "text": format!("{}\n{}", flow_title(f), story_lines(f, v).join("\n")) },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": { "startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end.column },
                }}],
                "partialFingerprints": { "stargateFlow/v1": format!("{}:{}:{}:{}", rules[rule_index].0, f.from, f.to, f.port) },
            }));
        }
    }
    for u in &d.undecided {
        results.push(json!({
            "ruleId": rules[2].0,
            "ruleIndex": 2,
            "level": "warning",
            "message": { "text": format!("{} -> {}: {}", u.from, u.to, u.reason) },
            "locations": [{ "physicalLocation": {
                "artifactLocation": { "uri": sarif::artifact_uri(&head.source.name) },
                "region": { "startLine": 1 },
            }}],
            "partialFingerprints": { "stargateFlow/v1": format!("{}:{}:{}", rules[2].0, u.from, u.to) },
        }));
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "stargate-verify",
                "fullName": format!("stargate-verify {}", env!("CARGO_PKG_VERSION")),
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules.iter().map(|(id, short, full, level)| json!({
                    "id": id,
                    "name": sarif::rule_name(id),
                    "shortDescription": { "text": short },
                    "fullDescription": { "text": full },
                    "help": { "text": "run `stargate-verify diff` locally to see the witness request and its hops" },
                    "helpUri": crate::report::explain::docs_url(id),
                    "defaultConfiguration": { "level": level },
                })).collect::<Vec<_>>(),
            }},
            // Apart from `check`'s analysis of the same commit.
            "automationDetails": { "id": "stargate-verify-diff/" },
            "invocations": [{ "executionSuccessful": true }],
            "results": results,
        }],
    })
}
