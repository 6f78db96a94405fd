//! WAFv2 web ACLs in front of a CloudFront distribution, as the deny rules
//! of its proxy. Rules are evaluated by ascending `priority`: the first
//! `block` or `allow` decides, `count` goes on; the `default_action`
//! decides what no rule decided.
//!
//! What the configuration says exactly becomes a condition: IP sets
//! (`source in`, the client's address, which is the hop's source into the
//! distribution), byte matches on the path (`EXACTLY`, `STARTS_WITH`,
//! `ENDS_WITH`, `CONTAINS` as globs) and exact matches of one header,
//! without text transformations, and `and`/`or`/`not` of those. Anything
//! else (managed rule groups, rate limits, geography, SQL injection, a
//! transformation) is an opaque check, which the verifier takes either
//! way, so a proof holds whatever those rules do; where the model says a
//! rule blocks, AWS's rule blocks the same requests.

use super::origins::{block_loc, Lines};
use super::{ident, quoted, resolve_value, Lookup};
use crate::terraform::inventory::{Instance, UnknownEntry};
use crate::terraform::value::Value;

/// The first element of a nested block list (`action { block {} }`).
fn first(v: Option<Value>) -> Option<Value> {
    match v {
        Some(Value::List(items)) => items.into_iter().next(),
        _ => None,
    }
}

fn has(v: &Value, key: &str) -> bool {
    matches!(v.get_attr(key), Some(Value::List(items)) if !items.is_empty())
}

/// The deny lines of web ACL `w` (a WAFv2 ACL read from the
/// configuration), into an `on` block; `base` names its opaque checks.
pub(super) fn deny_lines(
    lk: &Lookup,
    w: &Instance,
    base: &str,
    out: &mut Lines,
    unknowns: &mut Vec<UnknownEntry>,
) {
    let mut rules: Vec<(f64, Value)> = match w.attrs.get("rule") {
        Some(Value::List(items)) => items
            .iter()
            .map(|r| {
                let p = r.get_attr("priority").and_then(|p| p.to_number());
                (p.unwrap_or(f64::MAX), r.clone())
            })
            .collect(),
        None | Some(Value::Null) => Vec::new(),
        Some(_) => {
            unknowns.push(UnknownEntry::new(
                &w.address,
                &w.loc,
                "its rules are known only after apply: an opaque check that may block any request",
            ));
            out.line(
                format!(
                    "    deny 403 when opaque {base}  # WAF {}: its rules are not known ({})",
                    w.address, w.loc
                ),
                Some(&w.loc),
            );
            return;
        }
    };
    rules.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Conditions of the `allow` rules met so far: a later rule only sees
    // requests none of them took.
    let mut allowed: Vec<String> = Vec::new();
    let unless = |allowed: &[String]| {
        if allowed.is_empty() {
            String::new()
        } else {
            format!(" and not ({})", allowed.join(" or "))
        }
    };
    for (n, (_, r)) in rules.iter().enumerate() {
        let name = r
            .get_attr("name")
            .and_then(|x| x.as_str().map(str::to_string))
            .unwrap_or_else(|| format!("rule_{n}"));
        let at = block_loc(w, r);
        let opaque = format!("{base}_{}", ident(&name));
        let cond = match first(r.get_attr("statement")).and_then(|s| statement(lk, &s, 0)) {
            Some(c) => c,
            None => {
                unknowns.push(UnknownEntry::new(
                    &w.address,
                    &at,
                    format!("rule {name}: what it matches is not read (a managed rule group, a rate limit, geography, a transformation, ...): an opaque check that may go either way"),
                ));
                format!("opaque {opaque}")
            }
        };
        let action = first(r.get_attr("action"));
        let override_action = first(r.get_attr("override_action"));
        let comment = format!("  # WAF {} rule {name} ({at})", w.address);
        match (action, override_action) {
            (Some(a), _) if has(&a, "allow") => allowed.push(format!("({cond})")),
            (Some(a), _) if has(&a, "block") => out.line(
                format!("    deny 403 when ({cond}){}{comment}", unless(&allowed)),
                Some(&at),
            ),
            // A CAPTCHA or challenge stops some of the requests it meets.
            (Some(a), _) if has(&a, "captcha") || has(&a, "challenge") => out.line(
                format!(
                    "    deny 405 when ({cond}) and opaque {opaque}_solved{}{comment}",
                    unless(&allowed)
                ),
                Some(&at),
            ),
            (Some(a), _) if has(&a, "count") => {}
            // A rule group: its own rules may block or allow; `count`
            // overrides them to counting only.
            (None, Some(o)) if has(&o, "count") => {}
            (None, Some(_)) => out.line(
                format!(
                    "    deny 403 when opaque {opaque}{}{comment}",
                    unless(&allowed)
                ),
                Some(&at),
            ),
            _ => {
                unknowns.push(UnknownEntry::new(
                    &w.address,
                    &at,
                    format!(
                        "rule {name}: its action is not known (an opaque check that may block)"
                    ),
                ));
                out.line(
                    format!(
                        "    deny 403 when opaque {opaque}_action{}{comment}",
                        unless(&allowed)
                    ),
                    Some(&at),
                );
            }
        }
    }
    let default = first(w.attrs.get("default_action").cloned());
    let at = default.as_ref().map_or(w.loc.clone(), |d| block_loc(w, d));
    match default {
        Some(d) if has(&d, "allow") => {}
        Some(d) if has(&d, "block") => {
            let cond = if allowed.is_empty() {
                "source in any".to_string()
            } else {
                format!("not ({})", allowed.join(" or "))
            };
            out.line(
                format!(
                    "    deny 403 when {cond}  # WAF {} default action: block ({at})",
                    w.address
                ),
                Some(&at),
            );
        }
        _ => {
            unknowns.push(UnknownEntry::new(
                &w.address,
                &at,
                "its default action is not known (an opaque check that may block)",
            ));
            out.line(
                format!(
                    "    deny 403 when opaque {base}_default{}  # WAF {} ({at})",
                    unless(&allowed),
                    w.address
                ),
                Some(&at),
            );
        }
    }
}

/// A WAF statement as a condition of the language, when it says exactly
/// what the statement matches.
fn statement(lk: &Lookup, s: &Value, depth: usize) -> Option<String> {
    if depth > 16 {
        return None;
    }
    if let Some(ip) = first(s.get_attr("ip_set_reference_statement")) {
        if ip
            .get_attr("ip_set_forwarded_ip_config")
            .is_some_and(|v| !matches!(v, Value::Null | Value::List(_)))
            || has(&ip, "ip_set_forwarded_ip_config")
        {
            return None;
        }
        let set = resolve_value(lk, ip.get_attr("arn").as_ref(), &["aws_wafv2_ip_set"])?;
        let Some(Value::List(addrs)) = set.attrs.get("addresses") else {
            return None;
        };
        let cidrs: Option<Vec<String>> = addrs
            .iter()
            .map(|a| {
                a.as_str()
                    .and_then(|c| c.parse::<ipnet::IpNet>().ok())
                    .map(|n| n.trunc().to_string())
            })
            .collect();
        let cidrs = cidrs?;
        return Some(if cidrs.is_empty() {
            "not source in any".into()
        } else {
            format!("source in [{}]", cidrs.join(", "))
        });
    }
    if let Some(b) = first(s.get_attr("byte_match_statement")) {
        return byte_match(&b);
    }
    for (kind, joiner) in [("and_statement", " and "), ("or_statement", " or ")] {
        if let Some(a) = first(s.get_attr(kind)) {
            let Some(Value::List(parts)) = a.get_attr("statement") else {
                return None;
            };
            let conds: Option<Vec<String>> = parts
                .iter()
                .map(|p| statement(lk, p, depth + 1).map(|c| format!("({c})")))
                .collect();
            let conds = conds?;
            return (!conds.is_empty()).then(|| conds.join(joiner));
        }
    }
    if let Some(n) = first(s.get_attr("not_statement")) {
        let inner = first(n.get_attr("statement"))?;
        return statement(lk, &inner, depth + 1).map(|c| format!("not ({c})"));
    }
    None
}

/// A byte match on the path or on one header, without transformations.
fn byte_match(b: &Value) -> Option<String> {
    let transforms = match b.get_attr("text_transformation") {
        Some(Value::List(t)) => t.clone(),
        _ => Vec::new(),
    };
    let plain = transforms.iter().all(|t| {
        t.get_attr("type")
            .and_then(|x| x.as_str().map(str::to_string))
            .as_deref()
            == Some("NONE")
    });
    if !plain {
        return None;
    }
    let search = b.get_attr("search_string")?.as_str()?.to_string();
    let position = b.get_attr("positional_constraint")?.as_str()?.to_string();
    let field = first(b.get_attr("field_to_match"))?;
    if has(&field, "uri_path") {
        let ok = !search.is_empty()
            && search
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/-_.~%:@+".contains(c));
        if !ok {
            return None;
        }
        let lead = search.starts_with('/');
        let globs: Vec<String> = match (position.as_str(), lead) {
            ("EXACTLY", true) => vec![search.clone()],
            ("STARTS_WITH", true) => vec![format!("{search}*")],
            ("ENDS_WITH", false) => vec![format!("/*{search}")],
            ("CONTAINS", false) => vec![format!("/*{search}*")],
            ("CONTAINS", true) => vec![format!("{search}*"), format!("/*{search}*")],
            _ => return None,
        };
        if globs.iter().any(|g| g.starts_with("//")) {
            return None;
        }
        return Some(if globs.len() == 1 {
            format!("path in {}", globs[0])
        } else {
            format!("path in [{}]", globs.join(", "))
        });
    }
    if let Some(h) = first(field.get_attr("single_header")) {
        let name = h.get_attr("name")?.as_str()?.to_string();
        let ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok && position == "EXACTLY" {
            return Some(format!("header {name} == {}", quoted(&search)?));
        }
    }
    None
}
