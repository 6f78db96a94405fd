//! Network ACLs as AWS defines them, as `acl` statements of the language:
//! `aws_network_acl` (inline `ingress`/`egress` blocks) with its
//! `aws_network_acl_rule`s and `aws_network_acl_association`s, and
//! `aws_default_network_acl`, which covers the subnets of its VPC that no
//! other ACL covers. Entries keep their numbers (AWS evaluates them in
//! ascending order, first match, implicit deny); the language adds the
//! reply: a connection needs its reply to pass too, on some client port.
//!
//! Over-approximations, so a proof stays sound: an ACL whose subnets or
//! some entry is known only after apply is left out (it filters nothing),
//! with an unknown; ICMP entries are left out (the language models TCP and
//! UDP only, and an ICMP entry decides no TCP or UDP packet). A VPC's
//! default ACL that the configuration does not manage allows everything,
//! as AWS creates it, so it is no statement at all.

use std::collections::BTreeSet;

use super::origins::{block_loc, Lines};
use super::{ident, resolve, resolve_value, Lookup};
use crate::terraform::diag::Loc;
use crate::terraform::inventory::{Instance, UnknownEntry};
use crate::terraform::value::Value;

/// One entry: `inbound 100 allow 443 from 0.0.0.0/0`.
struct Entry {
    egress: bool,
    text: String,
    at: Loc,
}

/// The `acl` statements of the configuration (each line with its origin).
pub(super) fn acls(lk: &Lookup, out: &mut Lines, unknowns: &mut Vec<UnknownEntry>) {
    let mut covered: BTreeSet<String> = BTreeSet::new();
    let mut written = false;
    for acl in lk.of_type("aws_network_acl") {
        let subnets = subnets_of(lk, acl, "subnet_ids");
        written |= write(lk, acl, subnets, &mut covered, out, unknowns);
    }
    for acl in lk.of_type("aws_default_network_acl") {
        // The subnets it names, or else every subnet of its VPC that no
        // other ACL covers.
        let named = subnets_of(lk, acl, "subnet_ids");
        let subnets = match named {
            Some(s) if !s.is_empty() => Some(s),
            _ => default_subnets(lk, acl, &covered),
        };
        written |= write(lk, acl, subnets, &mut covered, out, unknowns);
    }
    if written {
        out.blank();
    }
}

/// Writes one ACL; false when it is left out.
fn write(
    lk: &Lookup,
    acl: &Instance,
    subnets: Option<Vec<&Instance>>,
    covered: &mut BTreeSet<String>,
    out: &mut Lines,
    unknowns: &mut Vec<UnknownEntry>,
) -> bool {
    let left_out = |why: &str, unknowns: &mut Vec<UnknownEntry>| {
        unknowns.push(UnknownEntry::new(
            &acl.address,
            &acl.loc,
            format!("{why}: the ACL is left out (it filters nothing in the model)"),
        ));
        false
    };
    let Some(subnets) = subnets else {
        return left_out("its subnets are not known", unknowns);
    };
    if subnets.is_empty() {
        return false;
    }
    let mut blocks = Vec::new();
    for s in &subnets {
        covered.insert(s.address.clone());
        for attr in ["cidr_block", "ipv6_cidr_block"] {
            match s.attrs.get(attr) {
                Some(Value::String(c)) => blocks.push(c.clone()),
                None | Some(Value::Null) => {}
                Some(_) => {
                    return left_out(
                        &format!("the {attr} of {} is known only after apply", s.address),
                        unknowns,
                    )
                }
            }
        }
    }
    if blocks.is_empty() {
        return false;
    }
    let mut entries = Vec::new();
    for (attr, egress) in [("ingress", false), ("egress", true)] {
        match acl.attrs.get(attr) {
            Some(Value::List(list)) => {
                for b in list {
                    match entry(b, egress, block_loc(acl, b)) {
                        Ok(Some(e)) => entries.push(e),
                        Ok(None) => {}
                        Err(why) => return left_out(&why, unknowns),
                    }
                }
            }
            None | Some(Value::Null) => {}
            Some(_) => {
                return left_out(
                    &format!("its {attr} entries are known only after apply"),
                    unknowns,
                )
            }
        }
    }
    for r in lk.of_type("aws_network_acl_rule") {
        let mine = resolve(lk, r, "network_acl_id", &["aws_network_acl"])
            .is_some_and(|a| a.address == acl.address);
        if !mine {
            continue;
        }
        let egress = match r.attrs.get("egress") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                return left_out(
                    &format!("the direction of {} is not known", r.address),
                    unknowns,
                )
            }
        };
        let fields = Value::Map(
            r.attrs
                .iter()
                .map(|(k, v)| {
                    let k = match k.as_str() {
                        "rule_number" => "rule_no",
                        "rule_action" => "action",
                        other => other,
                    };
                    (k.to_string(), v.clone())
                })
                .collect(),
        );
        match entry(&fields, egress, r.loc.clone()) {
            Ok(Some(e)) => entries.push(e),
            Ok(None) => {}
            Err(why) => return left_out(&format!("{}: {why}", r.address), unknowns),
        }
    }
    let short = acl
        .address
        .replace("aws_network_acl.", "")
        .replace("aws_default_network_acl.", "default_")
        .replace("module.", "")
        .replace('.', "_");
    let name = format!("acl_{}", ident(&short));
    let covers = if blocks.len() == 1 {
        blocks.remove(0)
    } else {
        format!("[{}]", blocks.join(", "))
    };
    out.comment(format!("{} ({})", acl.address, acl.loc));
    out.line(format!("acl {name} covers {covers} {{"), Some(&acl.loc));
    for e in entries
        .iter()
        .filter(|e| !e.egress)
        .chain(entries.iter().filter(|e| e.egress))
    {
        out.line(format!("  {}", e.text), Some(&e.at));
    }
    out.line("}", Some(&acl.loc));
    true
}

/// One entry, `Ok(None)` when it decides no TCP or UDP packet (ICMP), an
/// error when part of it is known only after apply.
fn entry(b: &Value, egress: bool, at: Loc) -> Result<Option<Entry>, String> {
    let text = |k: &str| b.get_attr(k).and_then(|v| v.as_str().map(str::to_string));
    let number = |k: &str| b.get_attr(k).and_then(|v| v.to_number());
    let Some(no) = number("rule_no").filter(|n| (1.0..=32766.0).contains(n)) else {
        return Err("an entry's number is not known, or outside 1-32766".into());
    };
    let action = match text("action").map(|a| a.to_ascii_lowercase()).as_deref() {
        Some("allow") => "allow",
        Some("deny") => "deny",
        _ => return Err(format!("the action of entry {no} is not known")),
    };
    let protocol = match b.get_attr("protocol") {
        Some(Value::String(p)) => p.to_ascii_lowercase(),
        Some(Value::Number(n)) => format!("{n}"),
        _ => return Err(format!("the protocol of entry {no} is not known")),
    };
    let ports = |suffix: &str| -> Result<String, String> {
        match (number("from_port"), number("to_port")) {
            (Some(a), Some(z)) if a <= z && z <= 65535.0 => {
                let (a, z) = (a.max(1.0) as u32, z as u32);
                if z == 0 {
                    return Ok(String::new());
                }
                Ok(if a == z {
                    format!("{a}{suffix}")
                } else {
                    format!("{a}-{z}{suffix}")
                })
            }
            _ => Err(format!("the ports of entry {no} are not known")),
        }
    };
    let ports = match protocol.as_str() {
        "-1" | "all" => "any".to_string(),
        "6" | "tcp" => ports("")?,
        "17" | "udp" => ports("/udp")?,
        // ICMP and other protocols: not a TCP or UDP packet.
        _ => return Ok(None),
    };
    if ports.is_empty() {
        return Ok(None);
    }
    let peer = match (text("cidr_block"), text("ipv6_cidr_block")) {
        (Some(c), _) if !c.is_empty() => c,
        (_, Some(c)) if !c.is_empty() => c,
        _ => {
            let set = |k: &str| b.get_attr(k).is_some_and(|v| !matches!(v, Value::Null));
            if set("cidr_block") || set("ipv6_cidr_block") {
                return Err(format!("the addresses of entry {no} are not known"));
            }
            return Err(format!("entry {no} names no addresses"));
        }
    };
    let peer = match peer.parse::<ipnet::IpNet>() {
        Ok(net) => net.trunc().to_string(),
        Err(_) => return Err(format!("the addresses of entry {no} are not a CIDR block")),
    };
    let (dir, word) = if egress {
        ("outbound", "to")
    } else {
        ("inbound", "from")
    };
    Ok(Some(Entry {
        egress,
        text: format!("{dir} {} {action} {ports} {word} {peer}", no as u32),
        at,
    }))
}

/// The subnets an attribute names, `None` when one of them is not known.
fn subnets_of<'i>(lk: &Lookup<'i>, acl: &Instance, attr: &str) -> Option<Vec<&'i Instance>> {
    let mut out: Vec<&Instance> = Vec::new();
    match acl.attrs.get(attr) {
        None | Some(Value::Null) => {}
        Some(Value::List(items)) => {
            for v in items {
                out.push(resolve_value(lk, Some(v), &["aws_subnet"])?);
            }
        }
        Some(_) => return None,
    }
    for a in lk.of_type("aws_network_acl_association") {
        if resolve(
            lk,
            a,
            "network_acl_id",
            &["aws_network_acl", "aws_default_network_acl"],
        )
        .is_some_and(|x| x.address == acl.address)
        {
            out.push(resolve(lk, a, "subnet_id", &["aws_subnet"])?);
        }
    }
    out.sort_by(|a, b| a.address.cmp(&b.address));
    out.dedup_by(|a, b| a.address == b.address);
    Some(out)
}

/// The subnets of the default ACL's VPC that no other ACL covers.
fn default_subnets<'i>(
    lk: &Lookup<'i>,
    acl: &Instance,
    covered: &BTreeSet<String>,
) -> Option<Vec<&'i Instance>> {
    // `default_network_acl_id = aws_vpc.main.default_network_acl_id`.
    let vpc = resolve(lk, acl, "default_network_acl_id", &["aws_vpc"])?;
    Some(
        lk.of_type("aws_subnet")
            .filter(|s| {
                resolve(lk, s, "vpc_id", &["aws_vpc"]).is_some_and(|v| v.address == vpc.address)
            })
            .filter(|s| !covered.contains(&s.address))
            .collect(),
    )
}
