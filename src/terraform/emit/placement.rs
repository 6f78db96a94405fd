//! Where an endpoint is: its own address, the subnets it is placed in,
//! and whether it may be exposed to the internet.

use super::{endpoint_kind, referenced, Lookup};
use crate::terraform::inventory::{Instance, Inventory, Mode};
use crate::terraform::value::Value;

/// Whether an endpoint may be reachable from the internet through a public
/// address: the language cannot say so yet (and routing is not read).
pub(super) fn exposure(i: &Instance) -> Option<String> {
    let flag = |v: Option<&Value>, what: &str| match v {
        Some(Value::Bool(true)) => Some(format!("{what} (exposure is not expressible yet)")),
        Some(v) if v.is_opaque() => {
            Some(format!("whether it has {what} is known only after apply"))
        }
        _ => None,
    };
    match i.rtype.as_str() {
        "aws_instance" => flag(i.attrs.get("associate_public_ip_address"), "a public address"),
        "aws_db_instance" | "aws_rds_cluster" => flag(i.attrs.get("publicly_accessible"), "a public address"),
        "aws_ecs_service" => match i.attrs.get("network_configuration") {
            Some(Value::List(nc)) => nc.iter().find_map(|n| flag(n.get_attr("assign_public_ip").as_ref(), "public addresses")),
            _ => None,
        },
        "aws_lb" | "aws_alb" => match i.attrs.get("internal") {
            Some(Value::Bool(true)) => None,
            Some(v) if v.is_opaque() => Some("whether it is internet-facing is known only after apply".into()),
            _ => Some("an internet-facing load balancer (exposure is not expressible yet)".into()),
        },
        "aws_cloudfront_distribution" => Some("a CloudFront distribution is reachable from the whole internet; its edge and origin-facing addresses are not read".into()),
        _ => None,
    }
}

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

/// The CIDR blocks of the subnets an endpoint is placed in, when each
/// subnet is in this configuration with a known `cidr_block`.
pub(super) fn subnets_of(lk: &Lookup, i: &Instance) -> Option<(Vec<String>, String)> {
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
    // From a plan: every instance of the subnets referenced (the index
    // is not kept in references), a superset of where the node is.
    let refs = referenced(
        i,
        &[
            "subnet_id",
            "subnets",
            "subnet_ids",
            "network_configuration",
        ],
        "aws_subnet",
    );
    if !refs.is_empty() {
        let mut cidrs = Vec::new();
        let mut names = Vec::new();
        for r in &refs {
            let subnets = lk.by_config(r);
            if subnets.is_empty() {
                return None;
            }
            for s in subnets {
                match s.attrs.get("cidr_block") {
                    Some(Value::String(c)) => cidrs.push(c.clone()),
                    _ => return None,
                }
                names.push(s.address.clone());
            }
        }
        cidrs.sort();
        cidrs.dedup();
        return Some((cidrs, names.join(", ")));
    }
    if ids.is_empty() {
        return None;
    }
    let mut cidrs = Vec::new();
    let mut names = Vec::new();
    for id in &ids {
        let addr = id.strip_suffix(".id")?;
        let subnet = lk.by_addr.get(addr).filter(|s| s.rtype == "aws_subnet")?;
        match subnet.attrs.get("cidr_block") {
            Some(Value::String(c)) => cidrs.push(c.clone()),
            _ => return None,
        }
        names.push(addr.to_string());
    }
    cidrs.dedup();
    Some((cidrs, names.join(", ")))
}
