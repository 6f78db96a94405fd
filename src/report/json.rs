//! The JSON document of the language reference, section 5. Fields may be
//! added, never removed.

use serde_json::{json, Map, Value};

use super::story;
use super::FileReport;
use crate::diagnostic::Diagnostic;
use crate::model::{key_port, key_protocol, Policy};
use crate::verify::{Ending, Status, Trace, Verdict};
use crate::SourceText;

/// Adds `"file"` to a located object when the policy has several files
/// (the file the line is in; with one file it is the report's `file`).
fn with_file(mut v: Value, src: &SourceText, key: &str, file: &str) -> Value {
    if src.is_several() {
        v[key] = json!(file);
    }
    v
}

pub fn diagnostic_json(src: &SourceText, d: &Diagnostic) -> Value {
    let region = src.region(d.span);
    let (lc, end) = (region.start, region.end);
    let v = json!({
        "code": d.code,
        "severity": d.severity.as_str(),
        "message": d.message,
        "line": lc.line,
        "column": lc.column,
        "end_line": end.line,
        "end_column": end.column,
        "label": d.label,
    });
    let mut v = with_file(v, src, "file", region.file);
    if let Some(h) = &d.help {
        v["help"] = json!(h);
    }
    if !d.related.is_empty() {
        v["related"] = d
            .related
            .iter()
            .map(|r| {
                let at = src.region(r.span);
                let lc = at.start;
                let v = json!({ "message": r.label, "line": lc.line, "column": lc.column });
                with_file(v, src, "file", at.file)
            })
            .collect();
    }
    v
}

pub fn trace_json(policy: &Policy, src: &SourceText, t: &Trace) -> Value {
    let r = &t.request;
    // Query parameters are kept among the headers (`model::QUERY_PREFIX`).
    let field = |(h, v): (&String, &crate::verify::HeaderText)| {
        (
            h.clone(),
            story::header_text(policy, v).map_or(Value::Null, Value::String),
        )
    };
    let headers: Map<String, Value> = policy
        .headers
        .iter()
        .zip(&r.headers)
        .filter(|(h, _)| !h.starts_with(crate::model::QUERY_PREFIX))
        .map(field)
        .collect();
    let query: Map<String, Value> = policy
        .headers
        .iter()
        .zip(&r.headers)
        .filter_map(|(h, v)| {
            let key = h.strip_prefix(crate::model::QUERY_PREFIX)?;
            Some(field((&key.to_string(), v)))
        })
        .collect();
    let opaque: Map<String, Value> = policy
        .opaques
        .iter()
        .zip(&r.opaque)
        .map(|(o, v)| (o.clone(), Value::Bool(*v)))
        .collect();
    let name = |n: usize| {
        policy
            .nodes
            .get(n)
            .map_or("?".to_string(), |n| n.name.clone())
    };
    let line = |s: Option<crate::span::Span>| s.map_or(Value::Null, |s| json!(src.line(s)));
    let hops: Vec<Value> = t
        .hops
        .iter()
        .map(|h| {
            let main = h
                .rule
                .or(h.listen)
                .or_else(|| policy.nodes.get(h.to).map(|n| n.span));
            let v = json!({
                "from": name(h.from),
                "to": name(h.to),
                "port": key_port(h.port),
                "protocol": key_protocol(h.port).as_str(),
                "source": story::addr(h.source),
                "tls": h.tls,
                "line": line(main),
                "rule_line": line(h.rule),
                "listen_line": line(h.listen),
                "egress_line": line(h.egress),
                "reachable_line": line(h.exposure),
                "member": h.member.map_or(Value::Null, |m| {
                    json!({
                        "group": src.text.get(m.start..m.end).unwrap_or("?"),
                        "line": src.line(m),
                    })
                }),
                "acl": h.acl.as_ref().map_or(Value::Null, |p| acl_json(policy, src, p)),
            });
            if !src.is_several() {
                return v;
            }
            let mut v = v;
            let file = |s: Option<crate::span::Span>| s.map_or(Value::Null, |s| json!(src.file(s)));
            for (key, span) in [
                ("file", main),
                ("rule_file", h.rule),
                ("listen_file", h.listen),
                ("egress_file", h.egress),
                ("reachable_file", h.exposure),
            ] {
                v[key] = file(span);
            }
            if let Some(m) = h.member {
                v["member"]["file"] = json!(src.file(m));
            }
            v
        })
        .collect();
    let ending = match t.ending {
        Ending::Accepted => json!({ "outcome": "accepted" }),
        Ending::Forwarded(s) => with_file(
            json!({ "outcome": "forwarded", "line": src.line(s) }),
            src,
            "file",
            src.file(s),
        ),
        Ending::Denied(s) => with_file(
            json!({ "outcome": "denied", "line": src.line(s) }),
            src,
            "file",
            src.file(s),
        ),
        Ending::Dropped => json!({ "outcome": "dropped" }),
    };
    let mut request = json!({
        "source": story::addr(r.source),
        "port": key_port(r.port),
        "protocol": key_protocol(r.port).as_str(),
        "method": r.method,
        "path": r.path,
        "headers": headers,
        "opaque": opaque,
    });
    if !query.is_empty() {
        request["query"] = Value::Object(query);
    }
    // Only with value patterns: what the request takes secrets to match.
    let assumed = story::secret_assumptions(policy, t);
    if !assumed.is_empty() {
        request["secret_assumptions"] = json!(assumed);
    }
    json!({
        "request": request,
        "hops": hops,
        "ending": ending,
    })
}

/// How a hop's connection passed (or failed) the stateless ACLs: the
/// receiver address, each decision of the request and of the reply, and
/// the client port the reply went back to.
pub fn acl_json(policy: &Policy, src: &SourceText, p: &crate::verify::trace::AclPassage) -> Value {
    let decisions = |ds: &[crate::model::acl::Decision]| -> Vec<Value> {
        ds.iter()
            .map(|d| {
                let acl = policy.acls.get(d.acl);
                let entry = acl.and_then(|a| a.entry(d));
                json!({
                    "acl": acl.map_or("?", |a| a.name.as_str()),
                    "direction": d.direction.as_str(),
                    "number": entry.map_or(Value::Null, |e| json!(e.number)),
                    "line": entry.map_or(Value::Null, |e| json!(src.line(e.span))),
                    "allowed": d.allowed,
                })
            })
            .collect()
    };
    json!({
        "receiver": story::addr(p.dest),
        "request": decisions(&p.request),
        "reply": decisions(&p.reply),
        "reply_port": p.reply_port.map_or(Value::Null, |k| json!(key_port(k))),
    })
}

pub fn verdict_json(policy: &Policy, src: &SourceText, v: &Verdict) -> Value {
    let Some(a) = policy.assertions.get(v.assertion) else {
        return Value::Null;
    };
    let at = src.region(a.span);
    let lc = at.start;
    let out = json!({
        "name": a.name,
        "kind": a.kind.as_str(),
        "status": v.status.as_str(),
        "line": lc.line,
        "column": lc.column,
        "property": story::describe_assertion(src, a),
        "elapsed_ms": (v.elapsed.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0,
    });
    let mut out = with_file(out, src, "file", at.file);
    if let Some(t) = &v.trace {
        let key = if v.status == Status::Proved {
            "witness"
        } else {
            "counterexample"
        };
        out[key] = trace_json(policy, src, t);
    }
    if let Some(t) = &v.acl_example {
        // The request the ACLs stop, each hop with its ACL decisions.
        out["stopped_by_acls"] = trace_json(policy, src, t);
    }
    if let Some(r) = &v.reason {
        out["reason"] = json!(r);
    }
    out
}

pub fn file_json(report: &FileReport) -> Value {
    let assertions: Vec<Value> = match &report.policy {
        Some(p) => report
            .verdicts
            .iter()
            .map(|v| verdict_json(p, &report.source, v))
            .collect(),
        None => Vec::new(),
    };
    json!({
        "file": report.source.name,
        "assertions": assertions,
        "diagnostics": report
            .diagnostics
            .iter()
            .map(|d| diagnostic_json(&report.source, d))
            .collect::<Vec<_>>(),
    })
}

pub fn document(reports: &[FileReport]) -> Value {
    let count = |s: Status| reports.iter().map(|r| r.count(s)).sum::<usize>();
    json!({
        "files": reports.iter().map(file_json).collect::<Vec<_>>(),
        "summary": {
            "proved": count(Status::Proved),
            "refuted": count(Status::Refuted),
            "unknown": count(Status::Unknown),
        },
    })
}
