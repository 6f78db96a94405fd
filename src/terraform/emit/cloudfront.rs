//! CloudFront distributions as AWS defines them: a proxy that listens on
//! 443 (TLS) and 80 from anywhere; the WAF web ACL and geographic
//! restriction first (checks that may go either way); then the cache
//! behaviours matched by path pattern in the order listed, the default
//! behaviour last. A behaviour's viewer protocol policy decides what a
//! request on port 80 gets (`redirect-to-https`: a 301, `https-only`: a
//! 403, `allow-all`: it is forwarded). Its origin decides where the
//! request goes: the node whose DNS name the origin's `domain_name`
//! references, on the port `origin_protocol_policy` with `http_port` /
//! `https_port` picks, with the origin's custom headers set.
//!
//! CloudFront's own addresses are not in Terraform. The node takes the
//! `internet` zone's addresses (every address outside the imported VPCs):
//! the edge and origin-facing ranges are public, so this is a superset.

use super::listeners::{glob, method_ok};
use super::origins::{block_loc, Lines};
use super::{ident, quoted, resolve_value, Lookup, Names};
use crate::terraform::diag::Loc;
use crate::terraform::inventory::{Instance, UnknownEntry};
use crate::terraform::value::Value;

/// Node types an origin's domain name may stand for.
const ORIGIN_TYPES: &[&str] = &[
    "aws_lb",
    "aws_alb",
    "aws_instance",
    "aws_cloudfront_distribution",
];

/// The body of a distribution's proxy: its `listen` lines and `on` blocks.
pub(super) fn distribution(
    lk: &Lookup,
    names: &Names,
    cf: &Instance,
    out: &mut Lines,
    unknowns: &mut Vec<UnknownEntry>,
) {
    let at = format!("  # {} ({})", cf.address, cf.loc);
    out.line(format!("  listen 443 tls from any{at}"), Some(&cf.loc));
    out.line(format!("  listen 80 from any{at}"), Some(&cf.loc));
    let base = format!(
        "cf_{}",
        names
            .nodes
            .get(&cf.address)
            .cloned()
            .unwrap_or_else(|| ident(&cf.address))
    );
    let mut behaviours: Vec<&Value> = match cf.attrs.get("ordered_cache_behavior") {
        Some(Value::List(v)) => v.iter().collect(),
        Some(v) if v.is_opaque() => {
            unknowns.push(UnknownEntry::new(
                &cf.address,
                &cf.loc,
                "its ordered cache behaviours are known only after apply",
            ));
            Vec::new()
        }
        _ => Vec::new(),
    };
    let ordered = behaviours.len();
    let default = match cf.attrs.get("default_cache_behavior") {
        Some(Value::List(v)) => v.first(),
        _ => None,
    };
    behaviours.extend(default);
    for (port, viewer_tls) in [(443u16, true), (80, false)] {
        out.line(format!("  on {port} {{{at}"), Some(&cf.loc));
        if let Some(acl) = cf
            .attrs
            .get("web_acl_id")
            .filter(|v| !matches!(v, Value::Null) && v.as_str() != Some(""))
        {
            let found = resolve_value(lk, Some(acl), &["aws_wafv2_web_acl", "aws_waf_web_acl"]);
            let (name, loc) = match found {
                Some(w) => (format!("{base}_waf_{}", ident(&w.name)), w.loc.clone()),
                None => (format!("{base}_waf"), cf.loc.clone()),
            };
            match found.filter(|w| w.rtype == "aws_wafv2_web_acl") {
                // Its rules, read: exact where the configuration says what
                // they match, opaque checks where it does not.
                Some(w) => super::waf::deny_lines(lk, w, &name, out, unknowns),
                None => {
                    let what = found.map_or("its web ACL".to_string(), |w| w.address.clone());
                    out.line(format!("    deny 403 when opaque {name}  # WAF {what}: its rules may block any request ({loc})"), Some(&loc));
                }
            }
        }
        if let Some(Value::List(r)) = cf.attrs.get("restrictions") {
            let geo = r
                .iter()
                .filter_map(|x| match x.get_attr("geo_restriction") {
                    Some(Value::List(g)) => g.first().cloned(),
                    _ => None,
                });
            for g in geo {
                if g.get_attr("restriction_type")
                    .and_then(|t| t.as_str().map(str::to_string))
                    .as_deref()
                    != Some("none")
                {
                    let loc = block_loc(cf, &g);
                    out.line(
                        format!(
                            "    deny 403 when opaque {base}_geo  # geographic restriction ({loc})"
                        ),
                        Some(&loc),
                    );
                }
            }
        }
        for (k, b) in behaviours.iter().enumerate() {
            let last = k == ordered;
            let loc = block_loc(cf, b);
            let cmt = format!(
                "{} {} ({loc})",
                cf.address,
                if last {
                    "default_cache_behavior".to_string()
                } else {
                    format!("ordered_cache_behavior[{k}]")
                }
            );
            let cond = if last {
                None
            } else {
                let p = b
                    .get_attr("path_pattern")
                    .and_then(|p| p.as_str().map(str::to_string))
                    .unwrap_or_default();
                // CloudFront reads a pattern the same with or without its
                // leading `/`.
                let p = if p.starts_with('/') {
                    p
                } else {
                    format!("/{p}")
                };
                Some(match glob(&p) {
                    Some((g, _)) => format!("path in {g}"),
                    None => format!("opaque {base}_behavior_{k}"),
                })
            };
            let code = ["function_association", "lambda_function_association"]
                .iter()
                .any(|a| {
                    matches!(b.get_attr(a), Some(Value::List(v)) if !v.is_empty())
                        || b.get_attr(a).is_some_and(|v| v.is_opaque())
                });
            if code {
                let c = cond.clone().map_or(String::new(), |c| format!("{c} and "));
                out.line(format!("    deny 403 when {c}opaque {base}_code_{k}  # a function or Lambda@Edge may answer the request itself: {cmt}"), Some(&loc));
                if port == 443 {
                    unknowns.push(UnknownEntry::new(&cf.address, &loc, format!("behaviour {k} runs code at the edge: modelled as a check that may deny; a rewrite of the request by the code is not modelled")));
                }
            }
            let policy = b
                .get_attr("viewer_protocol_policy")
                .and_then(|p| p.as_str().map(str::to_string))
                .unwrap_or_default();
            let when = cond
                .as_ref()
                .map_or(" when source in any".to_string(), |c| format!(" when {c}"));
            if !viewer_tls && policy != "allow-all" {
                let status = if policy == "https-only" { 403 } else { 301 };
                out.line(
                    format!("    deny {status}{when}  # viewer_protocol_policy {policy}: {cmt}"),
                    Some(&loc),
                );
                continue;
            }
            // A method the behaviour does not allow gets a 403.
            if let Some(Value::List(ms)) = b.get_attr("allowed_methods") {
                let methods: Option<Vec<String>> = ms
                    .iter()
                    .map(|m| m.as_str().filter(|m| method_ok(m)).map(str::to_uppercase))
                    .collect();
                if let Some(m) = methods.filter(|m| !m.is_empty()) {
                    let c = cond.as_ref().map_or(String::new(), |c| format!("{c} and "));
                    out.line(
                        format!(
                            "    deny 403 when {c}method not in [{}]  # allowed_methods: {cmt}",
                            m.join(", ")
                        ),
                        Some(&loc),
                    );
                }
            }
            let origin_id = b
                .get_attr("target_origin_id")
                .and_then(|o| o.as_str().map(str::to_string));
            let origin = match (cf.attrs.get("origin"), &origin_id) {
                (Some(Value::List(os)), Some(id)) => os.iter().find(|o| {
                    o.get_attr("origin_id")
                        .and_then(|x| x.as_str().map(str::to_string))
                        .as_deref()
                        == Some(id.as_str())
                }),
                _ => None,
            };
            let target = origin.and_then(|o| origin_target(lk, names, cf, o, viewer_tls, unknowns));
            match target {
                Some((to, edits)) => {
                    let w = cond
                        .as_ref()
                        .map_or(String::new(), |c| format!("when {c} "));
                    out.line(format!("    forward {w}to {to}  # {cmt}"), Some(&loc));
                    for (e, eloc) in edits {
                        out.line(format!("      {e}"), Some(&eloc));
                    }
                }
                None => {
                    if port == 443 {
                        unknowns.push(UnknownEntry::new(&cf.address, &loc, format!("the origin {} of behaviour {k} is not a node of this configuration: the requests it takes fall through in the model", origin_id.as_deref().unwrap_or("(unknown)"))));
                    }
                    out.line(
                        format!(
                            "    # not expressible yet: the origin {} is not a node here: {cmt}",
                            origin_id.as_deref().unwrap_or("(unknown)")
                        ),
                        None,
                    );
                }
            }
        }
        out.line(format!("  }}{at}"), Some(&cf.loc));
    }
}

/// `node:port [tls]` for an origin, and its custom headers as edits with
/// their blocks' locations. `None` when the origin is not a node here.
fn origin_target(
    lk: &Lookup,
    names: &Names,
    cf: &Instance,
    o: &Value,
    viewer_tls: bool,
    unknowns: &mut Vec<UnknownEntry>,
) -> Option<(String, Vec<(String, Loc)>)> {
    let node = resolve_value(lk, o.get_attr("domain_name").as_ref(), ORIGIN_TYPES)
        .or_else(|| plan_origin(lk, cf))
        .and_then(|i| names.node(&i.address))?;
    let config = match o.get_attr("custom_origin_config") {
        Some(Value::List(v)) => v.first().cloned(),
        _ => None,
    };
    let num = |k: &str, d: u16| {
        config
            .as_ref()
            .and_then(|c| c.get_attr(k))
            .and_then(|p| p.to_number())
            .filter(|p| (1.0..=65535.0).contains(p))
            .map_or(d, |p| p as u16)
    };
    let policy = config
        .as_ref()
        .and_then(|c| c.get_attr("origin_protocol_policy"))
        .and_then(|p| p.as_str().map(str::to_string))
        .unwrap_or_else(|| "https-only".into());
    let https = match policy.as_str() {
        "http-only" => false,
        "match-viewer" => viewer_tls,
        _ => true,
    };
    let to = if https {
        format!("{node}:{} tls", num("https_port", 443))
    } else {
        format!("{node}:{}", num("http_port", 80))
    };
    let mut edits = Vec::new();
    if let Some(Value::List(hs)) = o.get_attr("custom_header") {
        for h in hs {
            let loc = block_loc(cf, &h);
            let name = h
                .get_attr("name")
                .and_then(|n| n.as_str().map(str::to_string))
                .filter(|n| {
                    !n.is_empty()
                        && n.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                        && n.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                });
            let Some(name) = name else {
                unknowns.push(UnknownEntry::new(
                    &cf.address,
                    &loc,
                    "a custom header whose name is not known or not expressible",
                ));
                continue;
            };
            let value = match h.get_attr("value") {
                Some(Value::Secret(origin)) => names.secret(&origin).map(str::to_string),
                // A literal is modelled as it is; `literal_headers` warns.
                Some(Value::String(s)) => quoted(&s),
                _ => None,
            };
            match value {
                Some(v) => edits.push((format!("set header {name} = {v}  # custom_header ({loc})"), loc)),
                None => unknowns.push(UnknownEntry::new(&cf.address, &loc, format!("the value of the origin header {name} is known only after apply: the header is left as the client sent it"))),
            }
        }
    }
    Some((to, edits))
}

/// From a plan, where an origin's domain name is unknown: the node the
/// origins reference, when they reference one node only (a reference does
/// not say which origin it is in).
fn plan_origin<'i>(lk: &Lookup<'i>, cf: &Instance) -> Option<&'i Instance> {
    let mut found: Vec<&Instance> = Vec::new();
    for t in ORIGIN_TYPES {
        for r in super::referenced(cf, &["origin"], t) {
            found.extend(lk.by_config(&r));
        }
    }
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The origin custom headers whose value is written as a literal: a
/// shared secret that whoever reads the configuration (or the plan) can
/// send. Each is a `literal_header` warning at its block.
pub(super) fn literal_headers(lk: &Lookup) -> Vec<(String, Loc, String)> {
    let mut out = Vec::new();
    for cf in lk.of_type("aws_cloudfront_distribution") {
        let Some(Value::List(origins)) = cf.attrs.get("origin") else {
            continue;
        };
        for o in origins {
            let Some(Value::List(hs)) = o.get_attr("custom_header") else {
                continue;
            };
            for h in hs {
                if let (Some(Value::String(n)), Some(Value::String(_))) =
                    (h.get_attr("name"), h.get_attr("value"))
                {
                    out.push((cf.address.clone(), block_loc(cf, &h), n));
                }
            }
        }
    }
    out
}
