//! Application load balancers as AWS defines them: listeners (port and
//! protocol), listener rules in priority order (conditions of different
//! kinds ANDed, the values of one condition ORed), the default action
//! last, and the target groups behind them (ECS services' `load_balancer`
//! blocks, `aws_lb_target_group_attachment`s).
//!
//! Each rule becomes a rule of an `on PORT` block. A condition the
//! language says exactly is written as itself; one it can only say in
//! part is `EXACT or opaque NAME` (the verifier tries both outcomes of the
//! opaque check, so every request AWS matches can match, and so can some
//! it does not); one it cannot say at all is `opaque NAME`.

use super::origins::{block_loc, Lines};
use super::{ident, quoted, resolve, resolve_value, Lookup, Names};
use crate::terraform::diag::Loc;
use crate::terraform::inventory::{Instance, UnknownEntry};
use crate::terraform::value::Value;

pub(super) const LB_TYPES: &[&str] = &["aws_lb", "aws_alb"];
const LISTENER_TYPES: &[&str] = &["aws_lb_listener", "aws_alb_listener"];
const RULE_TYPES: &[&str] = &["aws_lb_listener_rule", "aws_alb_listener_rule"];
const TG_TYPES: &[&str] = &["aws_lb_target_group", "aws_alb_target_group"];

/// One listener of a load balancer, as an `on` block.
pub(super) struct Listener {
    pub(super) port: u16,
    pub(super) tls: bool,
    /// A network load balancer's UDP listener.
    pub(super) udp: bool,
    pub(super) loc: Loc,
    pub(super) block: Lines,
}

/// The listeners of a load balancer, and what could not be read.
pub(super) fn listeners(
    lk: &Lookup,
    names: &Names,
    lb: &Instance,
    unknowns: &mut Vec<UnknownEntry>,
) -> Vec<Listener> {
    let mut out = Vec::new();
    for t in LISTENER_TYPES {
        for l in lk.of_type(t) {
            if resolve(lk, l, "load_balancer_arn", LB_TYPES).map(|i| &i.address)
                != Some(&lb.address)
            {
                continue;
            }
            let protocol = l
                .attrs
                .get("protocol")
                .and_then(Value::as_str)
                .unwrap_or("HTTP");
            let port = match l.attrs.get("port").and_then(Value::to_number) {
                Some(p) if (1.0..=65535.0).contains(&p) => p as u16,
                None if !l.attrs.contains_key("port") => {
                    if protocol == "HTTPS" {
                        443
                    } else {
                        80
                    }
                }
                _ => {
                    unknowns.push(UnknownEntry::new(
                        &l.address,
                        &l.loc,
                        "its port is known only after apply",
                    ));
                    continue;
                }
            };
            if !matches!(protocol, "HTTP" | "HTTPS") {
                // A network load balancer passes connections on to its
                // targets: from its own address (a forward), or with the
                // client's address kept (its targets are then reachable
                // from anywhere, see `behind_network_balancer`).
                let kinds: &[bool] = match protocol {
                    "UDP" => &[true],
                    "TCP_UDP" => &[false, true],
                    _ => &[false],
                };
                for &udp in kinds {
                    let mut block = Lines::default();
                    let p = if udp {
                        format!("{port}/udp")
                    } else {
                        port.to_string()
                    };
                    block.line(
                        format!("on {p} {{  # {} ({}), {protocol}", l.address, l.loc),
                        Some(&l.loc),
                    );
                    let default = l.attrs.get("default_action");
                    let at = match default {
                        Some(Value::List(v)) if !v.is_empty() => block_loc(l, &v[0]),
                        _ => l.loc.clone(),
                    };
                    emit_actions(lk, names, l, default, None, &at, &mut block, unknowns, udp);
                    block.line("}", Some(&l.loc));
                    out.push(Listener {
                        port,
                        tls: protocol == "TLS",
                        udp,
                        loc: l.loc.clone(),
                        block,
                    });
                }
                continue;
            }
            let mut block = Lines::default();
            block.line(
                format!("on {port} {{  # {} ({})", l.address, l.loc),
                Some(&l.loc),
            );
            let mut rules: Vec<(Option<f64>, &Instance)> = Vec::new();
            for rt in RULE_TYPES {
                for r in lk.of_type(rt) {
                    if resolve(lk, r, "listener_arn", LISTENER_TYPES).map(|i| &i.address)
                        == Some(&l.address)
                    {
                        let p = super::configured(r, "priority");
                        let known = p.and_then(Value::to_number);
                        if known.is_none() {
                            unknowns.push(UnknownEntry::new(&r.address, &r.loc, "its priority is not set (AWS gives the next free one when it is created) or known only after apply: it may come before any other rule (an opaque check), else last"));
                        }
                        rules.push((known, r));
                    }
                }
            }
            rules.sort_by(|a, b| match (a.0, b.0) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
            // Lowest priority first. A rule whose place is not known may be
            // first (an opaque check lets it take a request before the
            // others) or after them: every order AWS may have is covered.
            let unplaced: Vec<&Instance> = rules
                .iter()
                .filter(|(p, _)| p.is_none())
                .map(|(_, r)| *r)
                .collect();
            for r in &unplaced {
                let mut cond = conditions(names, r, unknowns);
                cond.push(format!("opaque lb_{}_earlier", short(&r.address)));
                emit_actions(
                    lk,
                    names,
                    r,
                    r.attrs.get("action"),
                    Some(&cond),
                    &r.loc,
                    &mut block,
                    unknowns,
                    false,
                );
            }
            for (_, r) in rules {
                let cond = conditions(names, r, unknowns);
                let actions = r.attrs.get("action");
                emit_actions(
                    lk,
                    names,
                    r,
                    actions,
                    Some(&cond),
                    &r.loc,
                    &mut block,
                    unknowns,
                    false,
                );
            }
            let default = l.attrs.get("default_action");
            let at = match default {
                Some(Value::List(v)) if !v.is_empty() => block_loc(l, &v[0]),
                _ => l.loc.clone(),
            };
            emit_actions(
                lk, names, l, default, None, &at, &mut block, unknowns, false,
            );
            block.line("}", Some(&l.loc));
            out.push(Listener {
                port,
                tls: protocol == "HTTPS",
                udp: false,
                loc: l.loc.clone(),
                block,
            });
        }
    }
    out
}

/// A rule's conditions, ANDed (an empty list: the rule always matches).
fn conditions(names: &Names, r: &Instance, unknowns: &mut Vec<UnknownEntry>) -> Vec<String> {
    let mut parts = Vec::new();
    // Opaque names of load balancers start `lb_`, CloudFront's `cf_`, so
    // the two never share one (a shared name would share one outcome).
    let opaque_base = format!("lb_{}", short(&r.address));
    let Some(Value::List(conds)) = r.attrs.get("condition") else {
        if r.attrs.get("condition").is_some_and(Value::is_opaque) {
            parts.push(format!("opaque {opaque_base}_conditions"));
            unknowns.push(UnknownEntry::new(
                &r.address,
                &r.loc,
                "its conditions are known only after apply (an opaque check)",
            ));
        }
        return parts;
    };
    for (n, c) in conds.iter().enumerate() {
        let name = format!("{opaque_base}_{n}");
        let mut query_parts: Vec<String> = Vec::new();
        for (kind, block) in c.as_map().into_iter().flatten() {
            let Value::List(items) = block else { continue };
            for b in items {
                let values = b.get_attr("values");
                let vals: Option<Vec<Value>> = match &values {
                    Some(Value::List(v)) => Some(v.clone()),
                    _ => None,
                };
                let part = match (kind.as_str(), vals) {
                    ("path_pattern", Some(v)) => {
                        let globs: Vec<String> = v
                            .iter()
                            .filter_map(|x| x.as_str().and_then(glob))
                            .map(|(g, _)| g)
                            .collect();
                        let all = globs.len() == v.len();
                        Some(match (globs.len(), all) {
                            (0, _) => format!("opaque {name}"),
                            (1, true) => format!("path in {}", globs[0]),
                            (_, true) => format!("path in [{}]", globs.join(", ")),
                            (_, false) => {
                                format!("(path in [{}] or opaque {name})", globs.join(", "))
                            }
                        })
                    }
                    ("http_request_method", Some(v)) => {
                        let methods: Option<Vec<String>> = v
                            .iter()
                            .map(|m| m.as_str().filter(|m| method_ok(m)).map(str::to_string))
                            .collect();
                        Some(match methods {
                            Some(m) if !m.is_empty() => format!("method in [{}]", m.join(", ")),
                            _ => format!("opaque {name}_method"),
                        })
                    }
                    ("source_ip", Some(v)) => {
                        let cidrs: Option<Vec<String>> =
                            v.iter().map(|c| c.as_str().and_then(cidr)).collect();
                        Some(match cidrs {
                            Some(c) if !c.is_empty() => format!("source in [{}]", c.join(", ")),
                            _ => format!("opaque {name}_source"),
                        })
                    }
                    ("http_header", Some(v)) => {
                        let header = b
                            .get_attr("http_header_name")
                            .and_then(|h| h.as_str().map(str::to_string));
                        match header.filter(|h| header_ok(h)) {
                            Some(h) => Some(any_of(&v, &name, |x| header_value(names, &h, x))),
                            None => Some(format!("opaque {name}_header")),
                        }
                    }
                    // The Host header: compared case-insensitively, with
                    // wildcards.
                    ("host_header", Some(v)) => {
                        Some(any_of(&v, &name, |x| header_value(names, "host", x)))
                    }
                    // Each key/value pair is one `query_string` block of the
                    // condition; they are ORed (see below).
                    ("query_string", _) => {
                        query_parts
                            .push(query_pair(b).unwrap_or_else(|| format!("opaque {name}_query")));
                        None
                    }
                    _ => {
                        unknowns.push(UnknownEntry::new(
                            &r.address,
                            &r.loc,
                            format!("a {kind} condition that is not read (an opaque check)"),
                        ));
                        Some(format!("opaque {name}_{}", ident(kind)))
                    }
                };
                parts.extend(part);
            }
        }
        match query_parts.len() {
            0 => {}
            1 => parts.push(query_parts.remove(0)),
            _ => parts.push(format!("({})", query_parts.join(" or "))),
        }
    }
    parts
}

/// One query-string pair of an ALB condition, exactly: AWS compares keys
/// and values without regard to case and with `*` and `?` wildcards, which
/// is `query K matches "V"` for a key spelt as a name without wildcards.
/// A pair without a key (any key may hold the value), or with a wildcard in
/// its key, is not said here (`None`).
fn query_pair(b: &Value) -> Option<String> {
    let key = b
        .get_attr("key")
        .and_then(|k| k.as_str().map(str::to_string))?;
    let value = b
        .get_attr("value")
        .and_then(|v| v.as_str().map(str::to_string))?;
    if !header_ok(&key) || key.contains(['*', '?']) {
        return None;
    }
    Some(format!("query {key} matches {}", quoted(&value)?))
}

/// A rule's address without its type, as a name.
fn short(address: &str) -> String {
    ident(
        &address
            .replace("aws_lb_listener_rule.", "")
            .replace("aws_alb_listener_rule.", ""),
    )
}

/// The values of one condition, ORed: those the language says exactly,
/// `or` one opaque check for the rest (a value said only in part also
/// brings the opaque check).
fn any_of(
    values: &[Value],
    name: &str,
    exact: impl Fn(&Value) -> Option<(String, bool)>,
) -> String {
    let mut said = Vec::new();
    let mut rest = values.is_empty();
    for v in values {
        match exact(v) {
            Some((s, whole)) => {
                said.push(s);
                rest |= !whole;
            }
            None => rest = true,
        }
    }
    if rest {
        said.push(format!("opaque {name}"));
    }
    if said.len() == 1 {
        said.remove(0)
    } else {
        format!("({})", said.join(" or "))
    }
}

/// A header condition on one value: a secret as itself (matching it
/// without regard to case, or with its wildcards, still needs its text,
/// which nobody who does not know it has); a literal as a pattern, which
/// the language matches as AWS does (ASCII case ignored, `*` any run, `?`
/// one character).
fn header_value(names: &Names, header: &str, v: &Value) -> Option<(String, bool)> {
    match v {
        Value::Secret(origin) => names
            .secret(origin)
            .map(|s| (format!("header {header} == {s}"), true)),
        Value::String(s) => {
            let q = quoted(s)?;
            Some((format!("header {header} matches {q}"), true))
        }
        _ => None,
    }
}

/// AWS's path pattern as a glob of the language, which matches as AWS
/// does (`*` any run of characters, `/` too, `?` one character, the rest
/// case-sensitively). A pattern that does not start with `/`, starts with
/// `//` (a comment to the language) or has a character globs do not take
/// (`$ " ' &`) is not said here.
pub(super) fn glob(p: &str) -> Option<(String, bool)> {
    let ok = p.starts_with('/')
        && !p.starts_with("//")
        && p.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.~%:@+*?".contains(c));
    ok.then(|| (p.to_string(), true))
}

pub(super) fn method_ok(m: &str) -> bool {
    !m.is_empty()
        && m.chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_')
        && m.starts_with(|c: char| c.is_ascii_alphabetic())
}

fn header_ok(h: &str) -> bool {
    !h.is_empty()
        && h.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && h.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A CIDR block in the language's form (host bits cleared).
fn cidr(c: &str) -> Option<String> {
    let net: ipnet::IpNet = c.parse().ok()?;
    Some(net.trunc().to_string())
}

/// The rule an action list makes, under a rule's conditions (`None`: the
/// default action, which matches whatever the rules before it left).
#[allow(clippy::too_many_arguments)]
fn emit_actions(
    lk: &Lookup,
    names: &Names,
    owner: &Instance,
    actions: Option<&Value>,
    cond: Option<&[String]>,
    at: &Loc,
    out: &mut Lines,
    unknowns: &mut Vec<UnknownEntry>,
    udp: bool,
) {
    let mut list: Vec<&Value> = match actions {
        Some(Value::List(v)) => v.iter().collect(),
        _ => Vec::new(),
    };
    list.sort_by(|a, b| {
        let o = |v: &Value| {
            v.get_attr("order")
                .and_then(|n| n.to_number())
                .unwrap_or(f64::MAX)
        };
        o(a).total_cmp(&o(b))
    });
    let when = match cond {
        Some(c) if !c.is_empty() => Some(c.join(" and ")),
        _ => None,
    };
    let comment = format!("  # {} ({})", owner.address, at);
    let Some(last) = list.last() else {
        unknowns.push(UnknownEntry::new(
            &owner.address,
            &owner.loc,
            "its action is not known: requests it matches fall through in the model",
        ));
        out.line(
            format!("  # not expressible yet: an action that is not known{comment}"),
            None,
        );
        return;
    };
    // A listener rule's line is the rule's (its conditions and action
    // together); a default action's is its block.
    let at = match cond {
        Some(_) => at.clone(),
        None => block_loc(owner, last),
    };
    let comment = format!("  # {} ({})", owner.address, at);
    let auth = list.iter().any(|a| {
        a.get_attr("type")
            .and_then(|t| t.as_str().map(|s| s.starts_with("authenticate")))
            == Some(true)
    });
    let deny = |status: String, out: &mut Lines| {
        let c = when.clone().unwrap_or_else(|| "source in any".into());
        out.line(format!("  deny {status} when {c}{comment}"), Some(&at));
    };
    match last.get_attr("type").and_then(|t| t.as_str().map(str::to_string)).as_deref() {
        Some("forward") => match forward_targets(lk, names, last, unknowns, owner, udp) {
            Some(to) => {
                let mut c: Vec<String> = when.iter().cloned().collect();
                let auth_name = format!("lb_{}_authenticated", short(&owner.address));
                if auth {
                    c.push(format!("opaque {auth_name}"));
                }
                let w = if c.is_empty() { String::new() } else { format!("when {} ", c.join(" and ")) };
                out.line(format!("  forward {w}to {to}{comment}"), Some(&at));
                if auth {
                    deny("401".into(), out);
                }
            }
            None => out.line(format!("  # not expressible yet: forward to targets that are not in this configuration (the requests fall through){comment}"), None),
        },
        Some("redirect") => {
            let code = last.get_attr("redirect").and_then(|r| match r { Value::List(v) => v.first().cloned(), _ => None }).and_then(|r| r.get_attr("status_code")).and_then(|s| s.as_str().map(str::to_string)).unwrap_or_default();
            deny(if code == "HTTP_302" { "302".into() } else { "301".into() }, out);
        }
        Some("fixed-response") => {
            let code = last.get_attr("fixed_response").and_then(|r| match r { Value::List(v) => v.first().cloned(), _ => None }).and_then(|r| r.get_attr("status_code")).and_then(|s| s.to_number()).filter(|n| (100.0..=599.0).contains(n)).map_or("200".into(), |n| format!("{}", n as u16));
            deny(code, out);
        }
        other => {
            unknowns.push(UnknownEntry::new(&owner.address, &at, format!("an action of type {} is not read: requests it matches fall through in the model", other.unwrap_or("(known after apply)"))));
            out.line(format!("  # not expressible yet: an action that is not read{comment}"), None);
        }
    }
}

/// The nodes behind a network load balancer's listener (TCP, TLS, UDP):
/// they may see the clients' own addresses (client IP preservation), so
/// their exposure is not restricted to their VPC.
pub(super) fn behind_network_balancer(lk: &Lookup, names: &Names) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for t in LISTENER_TYPES {
        for l in lk.of_type(t) {
            let protocol = l
                .attrs
                .get("protocol")
                .and_then(Value::as_str)
                .unwrap_or("HTTP");
            if matches!(protocol, "HTTP" | "HTTPS") {
                continue;
            }
            let Some(Value::List(actions)) = l.attrs.get("default_action") else {
                continue;
            };
            for a in actions {
                let mut groups = Vec::new();
                if let Some(g) =
                    resolve_value(lk, a.get_attr("target_group_arn").as_ref(), TG_TYPES)
                {
                    groups.push(g);
                }
                if let Some(Value::List(fw)) = a.get_attr("forward") {
                    for f in fw {
                        if let Some(Value::List(tgs)) = f.get_attr("target_group") {
                            for t in tgs {
                                if let Some(g) =
                                    resolve_value(lk, t.get_attr("arn").as_ref(), TG_TYPES)
                                {
                                    groups.push(g);
                                }
                            }
                        }
                    }
                }
                for g in groups {
                    for (node, _) in targets(lk, names, g).0 {
                        out.push((node, l.address.clone()));
                    }
                }
            }
        }
    }
    out
}

/// `a:8080, b:8080 [tls]`: the targets of a forward action's target group
/// (or of each weighted group); `None` when none is known.
fn forward_targets(
    lk: &Lookup,
    names: &Names,
    action: &Value,
    unknowns: &mut Vec<UnknownEntry>,
    owner: &Instance,
    udp: bool,
) -> Option<String> {
    let mut groups: Vec<&Instance> = Vec::new();
    let mut unresolved = false;
    let mut take = |v: Option<Value>| match resolve_value(lk, v.as_ref(), TG_TYPES) {
        Some(g) => groups.push(g),
        None => unresolved |= v.is_some_and(|v| !matches!(v, Value::Null)),
    };
    take(action.get_attr("target_group_arn"));
    if let Some(Value::List(fw)) = action.get_attr("forward") {
        for f in fw {
            if let Some(Value::List(tgs)) = f.get_attr("target_group") {
                for t in tgs {
                    take(t.get_attr("arn"));
                }
            }
        }
    }
    if groups.is_empty() {
        // A plan: the groups its configuration references.
        for r in super::referenced(owner, &["default_action", "action"], "aws_lb_target_group") {
            groups.extend(lk.by_config(&r));
        }
        unresolved = groups.is_empty();
    }
    if unresolved {
        unknowns.push(UnknownEntry::new(
            &owner.address,
            &owner.loc,
            "it forwards to a target group that is not known",
        ));
    }
    let mut to: Vec<String> = Vec::new();
    let mut all_tls = true;
    for g in groups {
        let tls = matches!(
            g.attrs.get("protocol").and_then(Value::as_str),
            Some("HTTPS" | "TLS")
        );
        let (found, missing) = targets(lk, names, g);
        for m in &missing {
            unknowns.push(UnknownEntry::new(
                &g.address,
                &g.loc,
                format!("its target {m} is not a node here (addresses known only after apply, or instances of an autoscaling group): it is not forwarded to"),
            ));
        }
        if found.is_empty() {
            unknowns.push(UnknownEntry::new(&g.address, &g.loc, "none of its targets is a node here (registered elsewhere: an autoscaling group, CodeDeploy, ...; or with addresses known only after apply): the rules that forward to it are left out"));
        }
        for (node, port) in found {
            let t = format!("{node}:{port}{}", if udp { "/udp" } else { "" });
            if !to.contains(&t) {
                to.push(t);
                all_tls &= tls;
            }
        }
    }
    if to.is_empty() {
        return None;
    }
    Some(format!(
        "{}{}",
        to.join(", "),
        if all_tls { " tls" } else { "" }
    ))
}

/// The nodes behind a target group, with the port each is sent to.
/// Also the targets that are registered but are not nodes here.
fn targets(lk: &Lookup, names: &Names, tg: &Instance) -> (Vec<(String, u16)>, Vec<String>) {
    let port_of = |v: Option<Value>| {
        v.and_then(|p| p.to_number())
            .filter(|p| (1.0..=65535.0).contains(p))
            .map(|p| p as u16)
    };
    let tg_port = port_of(tg.attrs.get("port").cloned());
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for s in lk.of_type("aws_ecs_service") {
        let Some(Value::List(lbs)) = s.attrs.get("load_balancer") else {
            continue;
        };
        for b in lbs {
            let arn = b.get_attr("target_group_arn");
            let mine = match resolve_value(lk, arn.as_ref(), TG_TYPES) {
                Some(g) => g.address == tg.address,
                None => {
                    lbs.len() == 1
                        && super::referenced(s, &["load_balancer"], "aws_lb_target_group")
                            .iter()
                            .any(|r| *r == crate::terraform::plan::strip_keys(&tg.address))
                }
            };
            if !mine {
                continue;
            }
            match (
                names.node(&s.address),
                port_of(b.get_attr("container_port")).or(tg_port),
            ) {
                (Some(node), Some(port)) => out.push((node.clone(), port)),
                _ => missing.push(s.address.clone()),
            }
        }
    }
    let attachments = lk
        .of_type("aws_lb_target_group_attachment")
        .chain(lk.of_type("aws_alb_target_group_attachment"));
    for a in attachments {
        if resolve(lk, a, "target_group_arn", TG_TYPES).map(|g| &g.address) != Some(&tg.address) {
            continue;
        }
        let node = resolve(lk, a, "target_id", &["aws_instance", "aws_lb", "aws_alb"])
            .and_then(|i| names.node(&i.address));
        match (node, port_of(a.attrs.get("port").cloned()).or(tg_port)) {
            (Some(node), Some(port)) => out.push((node.clone(), port)),
            _ => missing.push(a.address.clone()),
        }
    }
    // Instances an autoscaling group registers are not nodes.
    let arn = format!("{}.arn", tg.address);
    for g in lk.of_type("aws_autoscaling_group") {
        if matches!(g.attrs.get("target_group_arns"), Some(Value::List(v)) if v.iter().any(|x| matches!(x, Value::Unknown(w) if *w == arn)))
        {
            missing.push(g.address.clone());
        }
    }
    for a in lk.of_type("aws_autoscaling_attachment") {
        if matches!(a.attrs.get("lb_target_group_arn"), Some(Value::Unknown(w)) if *w == arn) {
            missing.push(a.address.clone());
        }
    }
    (out, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_patterns_the_language_says_exactly() {
        for p in ["/api/*", "/health", "/v1*", "/v?/x", "/a/*/b", "/*.php"] {
            assert_eq!(glob(p), Some((p.into(), true)), "{p}");
        }
        // No leading slash, a comment's `//`, a character globs lack.
        for p in ["api/*", "//x", "/a b", "/a$b"] {
            assert_eq!(glob(p), None, "{p}");
        }
    }

    #[test]
    fn header_values_are_patterns_and_secrets_themselves() {
        let names = Names {
            nodes: Default::default(),
            secrets: vec![("random_password.o".into(), "o".into())],
            written: Default::default(),
        };
        let h = |v: Value| header_value(&names, "X-K", &v);
        // A secret, matched without case, still needs its text.
        assert_eq!(
            h(Value::Secret("random_password.o.result".into())),
            Some(("header X-K == o".into(), true))
        );
        // A literal is a pattern: case ignored, wildcards, as AWS does.
        for v in ["42", "On", "4*"] {
            assert_eq!(
                h(Value::str(v)),
                Some((format!("header X-K matches \"{v}\""), true))
            );
        }
        assert_eq!(h(Value::Unknown("x.y".into())), None);
        // A value not said brings an opaque check.
        let any = any_of(&[Value::str("1"), Value::Unknown("x.y".into())], "n", |v| {
            header_value(&names, "X-K", v)
        });
        assert_eq!(any, "(header X-K matches \"1\" or opaque n)");
        let exact = any_of(&[Value::str("1"), Value::str("2")], "n", |v| {
            header_value(&names, "X-K", v)
        });
        assert_eq!(
            exact,
            "(header X-K matches \"1\" or header X-K matches \"2\")"
        );
        assert_eq!(any_of(&[], "n", |_| None), "opaque n");
    }
}
