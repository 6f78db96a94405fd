//! Security groups as AWS defines them: the rules of a group (inline
//! blocks and separate rule resources, in both schemas), their ports in
//! the language's syntax, and the groups an endpoint carries.

use std::collections::BTreeSet;

use super::origins::block_loc;
use super::{referenced, Lookup};
use crate::terraform::diag::Loc;
use crate::terraform::inventory::Instance;
use crate::terraform::value::Value;

/// One rule of a security group's inline `ingress`/`egress` blocks.
#[derive(Debug, Default)]
pub(super) struct Rule {
    pub(super) from: Option<i64>,
    pub(super) to: Option<i64>,
    pub(super) all: bool,
    pub(super) cidrs: Vec<String>,
    pub(super) groups: Vec<String>,
    pub(super) self_ref: bool,
    pub(super) prefix_lists: Vec<String>,
    pub(super) protocol: String,
    pub(super) opaque: bool,
    pub(super) description: Option<String>,
}

/// The rules of a group in one direction: its inline blocks, then the
/// separate rule resources that name it, each with where it came from.
pub(super) fn rules(lk: &Lookup, sg: &Instance, dir: &str) -> Vec<(Rule, String, Loc)> {
    let mut out = Vec::new();
    if let Some(Value::List(items)) = sg.attrs.get(dir) {
        for r in items {
            let at = block_loc(sg, r);
            let mut rule = rule_of(r);
            planned_peers(lk, sg, &[dir], &mut rule);
            out.push((rule, format!("# {} {dir} ({at})", sg.address), at));
        }
    }
    for (d, r) in lk.sg_rules.get(sg.address.as_str()).into_iter().flatten() {
        if *d == dir {
            let v = Value::Map(r.attrs.clone());
            let mut rule = rule_of(&v);
            planned_peers(
                lk,
                r,
                &["source_security_group_id", "referenced_security_group_id"],
                &mut rule,
            );
            out.push((rule, format!("# {} ({})", r.address, r.loc), r.loc.clone()));
        }
    }
    out
}

/// In a plan, a peer group's id is unknown (the rule's own path, such as
/// `aws_security_group.app.ingress[1].security_groups`), and the
/// configuration's references say only which groups the whole attribute
/// names. Every one of them stands in for it: a superset of the rule's
/// peers. (A literal id in the same list is lost with the list; plans
/// mark a list with one unknown element wholly unknown.)
fn planned_peers(lk: &Lookup, owner: &Instance, attrs: &[&str], rule: &mut Rule) {
    let own = format!("{}.", owner.address);
    if !rule.groups.iter().any(|g| g.starts_with(&own)) {
        return;
    }
    let mut stand_in = Vec::new();
    for r in referenced(owner, attrs, "aws_security_group") {
        stand_in.extend(lk.by_config(&r).iter().map(|g| g.address.clone()));
    }
    if stand_in.is_empty() {
        return;
    }
    rule.groups.retain(|g| !g.starts_with(&own));
    for g in stand_in {
        if !rule.groups.contains(&g) {
            rule.groups.push(g);
        }
    }
}

/// Whether a rule admits TCP connections to a port.
pub(super) fn covers_tcp(r: &Rule, port: u16) -> bool {
    if r.all {
        return true;
    }
    matches!(r.protocol.as_str(), "tcp" | "6")
        && matches!((r.from, r.to), (Some(a), Some(b)) if a <= i64::from(port) && i64::from(port) <= b)
}

/// Whether a rule admits UDP on `port`.
pub(super) fn covers_udp(r: &Rule, port: u16) -> bool {
    if r.all {
        return true;
    }
    matches!(r.protocol.as_str(), "udp" | "17")
        && matches!((r.from, r.to), (Some(a), Some(b)) if a <= i64::from(port) && i64::from(port) <= b)
}

/// Whether a group has inline rules and separate rule resources both
/// (Terraform's documentation warns that they fight each other).
pub(super) fn mixed_rules(lk: &Lookup, sg: &Instance) -> bool {
    let inline = ["ingress", "egress"]
        .iter()
        .any(|d| matches!(sg.attrs.get(*d), Some(Value::List(v)) if !v.is_empty()));
    inline
        && lk
            .sg_rules
            .get(sg.address.as_str())
            .is_some_and(|v| !v.is_empty())
}

/// One rule, from an inline block or a rule resource (either schema:
/// `aws_security_group_rule` or `aws_vpc_security_group_*_rule`).
pub(super) fn rule_of(r: &Value) -> Rule {
    let mut rule = Rule::default();
    if r.is_opaque() {
        rule.opaque = true;
        return rule;
    }
    let num = |k: &str| r.get_attr(k).and_then(|v| v.to_number()).map(|n| n as i64);
    rule.from = num("from_port");
    rule.to = num("to_port");
    let proto = r
        .get_attr("protocol")
        .or_else(|| r.get_attr("ip_protocol"))
        .and_then(|p| p.to_display_string())
        .unwrap_or_default();
    rule.all = proto == "-1" || proto == "all";
    rule.protocol = proto.to_lowercase();
    // Lists of values, or one value, of each kind of peer.
    let many = |lists: &[&str], singles: &[&str]| -> Vec<Value> {
        let mut v = Vec::new();
        for k in lists {
            match r.get_attr(k) {
                Some(Value::List(items)) => v.extend(items),
                Some(o) if o.is_opaque() => v.push(o),
                _ => {}
            }
        }
        for k in singles {
            match r.get_attr(k) {
                Some(Value::Null) | None => {}
                Some(x) => v.push(x),
            }
        }
        v
    };
    for c in many(
        &["cidr_blocks", "ipv6_cidr_blocks"],
        &["cidr_ipv4", "cidr_ipv6"],
    ) {
        match c {
            Value::String(s) => rule.cidrs.push(s),
            _ => rule.opaque = true,
        }
    }
    let name = |v: Value, what: &str| match v {
        Value::Unknown(w) | Value::Secret(w) => w.trim_end_matches(".id").to_string(),
        v => v.to_display_string().unwrap_or_else(|| what.into()),
    };
    for g in many(
        &["security_groups"],
        &["source_security_group_id", "referenced_security_group_id"],
    ) {
        rule.groups.push(name(g, "(group)"));
    }
    for p in many(&["prefix_list_ids"], &["prefix_list_id"]) {
        rule.prefix_lists.push(name(p, "(prefix list)"));
    }
    rule.self_ref = r.get_attr("self").and_then(|v| v.to_bool()) == Some(true);
    rule.description = r
        .get_attr("description")
        .and_then(|d| d.as_str().map(str::to_string));
    if rule.from.is_none() && !rule.all {
        rule.opaque = true;
    }
    rule
}

/// The rule's ports in the language's syntax; None for protocols it has
/// no ports for (ICMP and others).
pub(super) fn ports(r: &Rule) -> Option<String> {
    let suffix = match r.protocol.as_str() {
        _ if r.all => return Some("any".into()),
        "tcp" | "6" => "",
        "udp" | "17" => "/udp",
        _ => return None,
    };
    // Port 0 is no port: AWS's 0-65535 means every port, 1-65535 here.
    match (r.from.map(|a| a.max(1)), r.to) {
        (Some(a), Some(b)) if a == b => Some(format!("{a}{suffix}")),
        (Some(a), Some(b)) => Some(format!("{a}-{b}{suffix}")),
        _ => None,
    }
}

/// The groups an endpoint carries, as the addresses they stand for.
pub(super) fn groups_of(lk: &Lookup, i: &Instance) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // From a plan, where the ids are unknown: the configuration's references.
    for g in referenced(
        i,
        &[
            "vpc_security_group_ids",
            "security_groups",
            "security_group_ids",
            "network_configuration",
        ],
        "aws_security_group",
    ) {
        for sg in lk.by_config(&g) {
            out.insert(sg.address.clone());
        }
    }
    if !out.is_empty() {
        return out;
    }
    let mut take = |v: &Value| match v {
        Value::Unknown(w) => {
            out.insert(w.trim_end_matches(".id").to_string());
        }
        Value::List(items) => {
            for x in items {
                if let Value::Unknown(w) = x {
                    out.insert(w.trim_end_matches(".id").to_string());
                }
            }
        }
        _ => {}
    };
    for k in [
        "vpc_security_group_ids",
        "security_groups",
        "security_group_ids",
    ] {
        if let Some(v) = i.attrs.get(k) {
            take(v);
        }
    }
    if let Some(Value::List(nc)) = i.attrs.get("network_configuration") {
        for n in nc {
            if let Some(v) = n.get_attr("security_groups") {
                take(&v);
            }
        }
    }
    out
}
