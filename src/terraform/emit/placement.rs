//! Where an endpoint is: its own address, the subnets it is placed in,
//! and whether it may take IPv6 addresses there.

use super::{endpoint_kind, referenced, Lookup};
use crate::terraform::inventory::{Instance, Inventory, Mode};
use crate::terraform::value::Value;

pub(super) fn endpoints(inv: &Inventory) -> impl Iterator<Item = &Instance> {
    inv.instances
        .iter()
        .filter(|i| i.mode == Mode::Managed && endpoint_kind(&i.rtype).is_some())
}

pub(super) fn address_of(i: &Instance) -> Option<String> {
    ["private_ip", "ip_address"]
        .iter()
        .find_map(|k| match i.attrs.get(*k) {
            Some(Value::String(s)) if s.parse::<std::net::IpAddr>().is_ok() => Some(s.clone()),
            _ => None,
        })
}

/// The subnets an endpoint is placed in, when each is in this
/// configuration: `subnet_id`, `subnets`, `subnet_ids`,
/// `network_configuration.subnets`, or the subnet group of a database or
/// cache (`db_subnet_group_name`, `subnet_group_name`). From a plan, every
/// instance of the subnets its configuration references (a reference keeps
/// no index): a superset of where the node is.
pub(super) fn subnet_instances<'i>(lk: &Lookup<'i>, i: &Instance) -> Option<Vec<&'i Instance>> {
    let attrs = [
        "subnet_id",
        "subnets",
        "subnet_ids",
        "network_configuration",
    ];
    let refs = referenced(i, &attrs, "aws_subnet");
    if !refs.is_empty() {
        let mut out = Vec::new();
        for r in &refs {
            let subnets = lk.by_config(r);
            if subnets.is_empty() {
                return None;
            }
            out.extend(subnets);
        }
        return Some(out);
    }
    let mut ids: Vec<String> = Vec::new();
    let mut take = |v: &Value| match v {
        Value::Unknown(w) => ids.push(w.clone()),
        Value::List(items) => ids.extend(items.iter().filter_map(|x| match x {
            Value::Unknown(w) => Some(w.clone()),
            _ => None,
        })),
        _ => {}
    };
    for k in ["subnet_id", "subnets", "subnet_ids"] {
        if let Some(v) = i.attrs.get(k) {
            take(v);
        }
    }
    if let Some(Value::List(nc)) = i.attrs.get("network_configuration") {
        for n in nc {
            if let Some(v) = n.get_attr("subnets") {
                take(&v);
            }
        }
    }
    // A load balancer's `subnet_mapping` blocks.
    if let Some(Value::List(sm)) = i.attrs.get("subnet_mapping") {
        for m in sm {
            match m.get_attr("subnet_id") {
                Some(v) if v.is_opaque() => take(&v),
                // A literal id names a subnet of another configuration.
                _ => return None,
            }
        }
    }
    if ids.is_empty() {
        return subnet_group(lk, i);
    }
    let mut out = Vec::new();
    for id in &ids {
        let addr = id.strip_suffix(".id")?;
        out.push(*lk.by_addr.get(addr).filter(|s| s.rtype == "aws_subnet")?);
    }
    Some(out)
}

/// The subnets of a database's or cache's subnet group, named by its
/// (known) name or by reference.
fn subnet_group<'i>(lk: &Lookup<'i>, i: &Instance) -> Option<Vec<&'i Instance>> {
    let (attr, gtype) = match i.rtype.as_str() {
        "aws_db_instance" | "aws_rds_cluster" => ("db_subnet_group_name", "aws_db_subnet_group"),
        t if t.starts_with("aws_elasticache_") => {
            ("subnet_group_name", "aws_elasticache_subnet_group")
        }
        _ => return None,
    };
    let group = match i.attrs.get(attr)? {
        Value::Unknown(w) => {
            let (addr, _) = w.rsplit_once('.')?;
            *lk.by_addr.get(addr).filter(|g| g.rtype == gtype)?
        }
        Value::String(name) => lk
            .of_type(gtype)
            .find(|g| g.attrs.get("name").and_then(Value::as_str) == Some(name))?,
        _ => return None,
    };
    let ids = match group.attrs.get("subnet_ids")? {
        Value::List(items) => items.clone(),
        _ => return None,
    };
    let mut out = Vec::new();
    for id in ids {
        let Value::Unknown(w) = id else { return None };
        let addr = w.strip_suffix(".id")?;
        out.push(*lk.by_addr.get(addr).filter(|s| s.rtype == "aws_subnet")?);
    }
    (!out.is_empty()).then_some(out)
}

/// Whether an endpoint may have IPv6 addresses in a subnet: `Some(true)`
/// when it may (or whether it does is known only after apply), else the
/// subnet has no IPv6 block or the endpoint takes none.
pub(super) fn may_have_ipv6(i: &Instance, subnet: &Instance) -> bool {
    if !matches!(subnet.attrs.get("ipv6_cidr_block"), Some(v) if !matches!(v, Value::Null)) {
        return false;
    }
    let on = |v: Option<&Value>| match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => *n > 0.0,
        Some(Value::List(l)) => !l.is_empty(),
        Some(Value::Null) | None => false,
        Some(_) => true,
    };
    let subnet_assigns = on(subnet.attrs.get("assign_ipv6_address_on_creation"));
    match i.rtype.as_str() {
        "aws_instance" => {
            on(i.attrs.get("ipv6_address_count"))
                || on(i.attrs.get("ipv6_addresses"))
                || (!i.attrs.contains_key("ipv6_address_count") && subnet_assigns)
        }
        "aws_lb" | "aws_alb" => matches!(
            i.attrs.get("ip_address_type"),
            Some(v) if v.as_str() != Some("ipv4") && !matches!(v, Value::Null)
        ),
        "aws_db_instance" | "aws_rds_cluster" => matches!(
            i.attrs.get("network_type"),
            Some(v) if v.as_str() != Some("IPV4") && !matches!(v, Value::Null)
        ),
        _ => subnet_assigns,
    }
}

/// The CIDR blocks of the subnets an endpoint is placed in, when each
/// subnet is in this configuration with a known `cidr_block`, with the
/// subnets' IPv6 blocks where the endpoint may take IPv6 addresses.
pub(super) fn subnets_of(lk: &Lookup, i: &Instance) -> Option<(Vec<String>, String)> {
    let subnets = subnet_instances(lk, i)?;
    let mut cidrs = Vec::new();
    let mut names = Vec::new();
    for s in &subnets {
        match s.attrs.get("cidr_block") {
            Some(Value::String(c)) => cidrs.push(c.clone()),
            _ => return None,
        }
        if may_have_ipv6(i, s) {
            match s.attrs.get("ipv6_cidr_block") {
                Some(Value::String(c)) => cidrs.push(c.clone()),
                _ => return None,
            }
        }
        if !names.contains(&s.address) {
            names.push(s.address.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    cidrs.retain(|c| seen.insert(c.clone()));
    Some((cidrs, names.join(", ")))
}

/// An endpoint's own IPv6 addresses, when it has a known private IPv4
/// address: its `ipv6_addresses`, else its subnets' IPv6 blocks where it
/// may take addresses from them. `None` when one of those is unknown.
pub(super) fn ipv6_of(lk: &Lookup, i: &Instance) -> Option<Vec<String>> {
    if let Some(Value::List(v)) = i.attrs.get("ipv6_addresses") {
        if !v.is_empty() {
            return v.iter().map(|a| a.as_str().map(str::to_string)).collect();
        }
    }
    let Some(subnets) = subnet_instances(lk, i) else {
        return Some(Vec::new());
    };
    let mut out = Vec::new();
    for s in subnets {
        if may_have_ipv6(i, s) {
            out.push(s.attrs.get("ipv6_cidr_block")?.as_str()?.to_string());
        }
    }
    Some(out)
}
