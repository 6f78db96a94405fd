//! The `.sg` output: the network in the current language, every line with
//! the Terraform block it came from (as a comment, and as an [`Origin`]
//! for `check --terraform`). What the language cannot say exactly is said
//! as a superset of what AWS allows (an over-approximation, marked so),
//! never a subset: the output may admit more than the network, not less.
//!
//! [`Origin`]: super::origins::Origin

use std::collections::BTreeMap;

use super::cloudfront::distribution;
use super::exposure::{reach, vpc_blocks, Reach};
use super::listeners::{listeners, Listener, LB_TYPES};
use super::origins::{Emitted, Lines};
use super::placement::{address_of, endpoints, ipv6_of, subnets_of};
use super::security_groups::{covers_tcp, covers_udp, groups_of, ports, rules, Rule};
use super::{ident, nodes, unknowns, Lookup, Names, INTERNET};
use crate::terraform::diag::Loc;
use crate::terraform::inventory::{Instance, Inventory, UnknownEntry};
use crate::terraform::value::Value;

/// The `.sg` text alone.
pub fn to_sg(inv: &Inventory, policy: &str) -> String {
    emit_sg(inv, policy).text
}

/// The `.sg` text, with the Terraform block each of its lines came from.
pub fn emit_sg(inv: &Inventory, policy: &str) -> Emitted {
    let lk = Lookup::new(inv);
    let names = Names::new(inv);
    let mut out = Lines::default();
    out.comment("Imported from Terraform by `stargate-verify import`.");
    out.comment("Each node and line names the Terraform address and file:line it came from.");
    out.blank();
    out.line(format!("policy {}", ident(policy)), None);
    out.blank();
    for (sec, (_, name)) in inv.secrets.iter().zip(&names.secrets) {
        let at = lk
            .by_addr
            .get(sec.address.as_str())
            .map(|i| i.loc.clone())
            .or_else(|| sec.loc.clone());
        out.comment(format!("secret from {}", sec.address));
        out.line(format!("secret {name} \"{}\"", sec.address), at.as_ref());
    }
    if !inv.secrets.is_empty() {
        out.blank();
    }
    let groups = security_groups(inv);
    for (address, g) in &groups {
        let label = address.replace('\\', "\\\\").replace('"', "\\\"");
        out.comment(format!("{address} ({})", g.loc));
        out.line(
            format!("group {} \"{label}\"", group_name(address)),
            Some(&g.loc),
        );
    }
    if !groups.is_empty() {
        out.blank();
    }
    let mut ignored = Vec::new();
    super::acls::acls(&lk, &mut out, &mut ignored);
    internet_zone(&lk, &mut out);
    for (node, inst) in nodes(inv).iter().zip(endpoints(inv)) {
        let body = node_body(&lk, &names, &groups, inst, &mut ignored);
        out.comment(format!("{} ({}:{})", node.address, node.file, node.line));
        if body.addressed {
            out.line(format!("{} {} {{", node.kind, node.name), Some(&inst.loc));
            out.extend(body.lines);
            out.line("}", Some(&inst.loc));
        } else {
            // A node needs addresses; none are known before apply, so the
            // node is shown but left out of the policy.
            out.comment("not expressible yet: its addresses are known only after apply");
            out.comment(format!("{} {} {{", node.kind, node.name));
            for (l, _) in body.lines.items() {
                match l.trim_start().strip_prefix("# ") {
                    Some(c) => out.comment(format!("  {c}")),
                    None => out.comment(l),
                }
            }
            out.comment("}");
        }
        out.blank();
    }
    let unknowns = unknowns(inv);
    if !unknowns.is_empty() {
        out.comment("Not modelled, or modelled by a superset (each would change reachability):");
        for u in unknowns {
            out.comment(format!(
                "  {} ({}:{}): {}",
                u.address, u.file, u.line, u.message
            ));
        }
    }
    out.finish()
}

pub(super) fn security_groups(inv: &Inventory) -> BTreeMap<String, &Instance> {
    inv.instances
        .iter()
        .filter(|i| i.rtype == "aws_security_group")
        .map(|i| (i.address.clone(), i))
        .collect()
}

/// `zone internet { addresses any except [every imported VPC block] }`.
fn internet_zone(lk: &Lookup, out: &mut Lines) {
    let (blocks, unknown) = vpc_blocks(lk);
    let at = lk.of_type("aws_vpc").next().map(|v| v.loc.clone());
    out.comment("Every address outside the imported VPCs (IPv4 and IPv6).");
    for v in &unknown {
        out.comment(format!(
            "The blocks of {} ({}) are known only after apply: this zone may include them.",
            v.address, v.loc
        ));
    }
    // One line: `fmt` writes a zone of one line so.
    let addresses = if blocks.is_empty() {
        "any".to_string()
    } else {
        format!("any except [{}]", blocks.join(", "))
    };
    out.line(
        format!("zone {INTERNET} {{ addresses {addresses} }}"),
        at.as_ref(),
    );
    out.blank();
}

pub(super) struct NodeBody {
    pub(super) lines: Lines,
    pub(super) addressed: bool,
}

/// The lines inside one endpoint's node, and the unknowns they found.
pub(super) fn node_body(
    lk: &Lookup,
    names: &Names,
    groups: &BTreeMap<String, &Instance>,
    inst: &Instance,
    unknowns: &mut Vec<UnknownEntry>,
) -> NodeBody {
    let mut body = Lines::default();
    let cdn = inst.rtype == "aws_cloudfront_distribution";
    let addressed = if cdn {
        body.line(
            format!("  addresses {INTERNET}  # CloudFront's addresses are public and not in Terraform: every address outside the VPCs, a superset"),
            Some(&inst.loc),
        );
        true
    } else if let Some(a) = address_of(inst) {
        let mut all = vec![a];
        match ipv6_of(lk, inst) {
            Some(v6) => all.extend(v6),
            None => {
                unknowns.push(UnknownEntry::new(&inst.address, &inst.loc, "its IPv6 addresses are known only after apply: only its IPv4 address is in the policy"));
            }
        }
        let a = if all.len() == 1 {
            all.remove(0)
        } else {
            format!("[{}]", all.join(", "))
        };
        body.line(format!("  addresses {a}"), Some(&inst.loc));
        true
    } else if let Some((cidrs, from)) = subnets_of(lk, inst) {
        body.line(
            format!(
                "  addresses [{}]  # any address in its subnets: {from}",
                cidrs.join(", ")
            ),
            Some(&inst.loc),
        );
        true
    } else {
        false
    };
    // Behind a network load balancer, a target may see the clients' own
    // addresses: wherever the balancer is reached from, so may it be.
    let behind = names.node(&inst.address).and_then(|me| {
        super::listeners::behind_network_balancer(lk, names)
            .into_iter()
            .find(|(n, _)| n == me)
            .map(|(_, l)| l)
    });
    let reached = match behind {
        Some(l) => Reach::Anywhere(format!(
            "behind the network load balancer listener {l}, which may keep the clients' addresses"
        )),
        None => reach(lk, inst),
    };
    match reached {
        Reach::Anywhere(why) => body.line(format!("  # reachable from anywhere: {why}"), None),
        Reach::Unknown(why) => {
            unknowns.push(UnknownEntry::new(
                &inst.address,
                &inst.loc,
                format!("where it can be reached from is not restricted: {why}"),
            ));
            body.line(
                format!("  # reachable from anywhere (not restricted): {why}"),
                None,
            );
        }
        Reach::From(lines) => {
            for l in lines {
                body.line(
                    format!(
                        "  reachable from [{}]  # {} ({})",
                        l.addrs.join(", "),
                        l.why,
                        l.at
                    ),
                    Some(&l.at),
                );
            }
        }
    }
    if cdn {
        distribution(lk, names, inst, &mut body, unknowns);
        return NodeBody {
            lines: body,
            addressed,
        };
    }
    let lb = if LB_TYPES.contains(&inst.rtype.as_str()) {
        let l = listeners(lk, names, inst, unknowns);
        if l.is_empty() {
            unknowns.push(UnknownEntry::new(&inst.address, &inst.loc, "no listener of this load balancer is read from the configuration: its security groups' ports are kept, and it forwards nothing"));
            None
        } else {
            Some(l)
        }
    } else {
        None
    };
    security_group_lines(lk, groups, inst, lb.as_deref(), &mut body);
    for l in lb.into_iter().flatten() {
        body.extend(l.block);
    }
    NodeBody {
        lines: body,
        addressed,
    }
}

/// The ports a `listen` line of a rule says: the rule's own, or on a load
/// balancer the listeners' ports the rule covers (with `tls` for HTTPS).
fn listen_ports(r: &Rule, p: &str, lb: Option<&[Listener]>) -> Vec<(String, Loc)> {
    match lb {
        None => vec![(p.to_string(), Loc::default())],
        Some(ls) => ls
            .iter()
            .filter(|l| {
                if l.udp {
                    covers_udp(r, l.port)
                } else {
                    covers_tcp(r, l.port)
                }
            })
            .map(|l| {
                (
                    format!(
                        "{}{}",
                        l.port,
                        if l.udp {
                            "/udp"
                        } else if l.tls {
                            " tls"
                        } else {
                            ""
                        }
                    ),
                    l.loc.clone(),
                )
            })
            .collect(),
    }
}

fn security_group_lines(
    lk: &Lookup,
    groups: &BTreeMap<String, &Instance>,
    inst: &Instance,
    lb: Option<&[Listener]>,
    body: &mut Lines,
) {
    let node_groups = groups_of(lk, inst);
    let all_ports = Rule {
        all: true,
        ..Rule::default()
    };
    let mut egress_lines = 0usize;
    let mut egress_any = false;
    if node_groups.is_empty() {
        for (p, _) in listen_ports(&all_ports, "any", lb) {
            body.line(format!("  listen {p} from any  # over-approximation: no security group is known (the VPC's default group may apply)"), Some(&inst.loc));
        }
        egress_any = true;
    }
    for g in &node_groups {
        if groups.contains_key(g) {
            body.line(
                format!("  member {}  # {g}", group_name(g)),
                Some(&inst.loc),
            );
        }
    }
    for g in node_groups {
        let Some(sg) = groups.get(&g) else {
            for (p, _) in listen_ports(&all_ports, "any", lb) {
                body.line(format!("  listen {p} from any  # over-approximation: group {g} is not in this configuration"), Some(&inst.loc));
            }
            egress_any = true;
            continue;
        };
        for (dir, word) in [("ingress", "listen"), ("egress", "egress")] {
            for (r, at, loc) in rules(lk, sg, dir) {
                let line = |peer: &str, p: &str| {
                    if word == "listen" {
                        format!("  listen {p} from {peer}")
                    } else {
                        format!("  egress to {peer} ports {p}")
                    }
                };
                if r.opaque {
                    let ps = if word == "listen" {
                        listen_ports(&all_ports, "any", lb)
                    } else {
                        vec![("any".into(), Loc::default())]
                    };
                    for (p, _) in ps {
                        body.line(
                            format!(
                                "{}  # over-approximation: a rule known only after apply  {at}",
                                line("any", &p)
                            ),
                            Some(&loc),
                        );
                    }
                    egress_lines += usize::from(word == "egress");
                    continue;
                }
                let Some(p) = ports(&r) else {
                    // ICMP and other protocols carry no request of the language.
                    body.line(
                        format!("  # not expressible: protocol {}  {at}", r.protocol),
                        None,
                    );
                    continue;
                };
                let ps: Vec<String> = if word == "listen" {
                    listen_ports(&r, &p, lb)
                        .into_iter()
                        .map(|(p, _)| p)
                        .collect()
                } else {
                    vec![p.clone()]
                };
                let mut peers: Vec<(String, String)> =
                    r.cidrs.iter().map(|c| (c.clone(), String::new())).collect();
                let mut named: Vec<&String> = r.groups.iter().collect();
                if r.self_ref {
                    named.push(&g);
                }
                for peer in named {
                    if groups.contains_key(peer) {
                        peers.push((group_name(peer), String::new()));
                    } else {
                        peers.push((
                            "any".into(),
                            format!(
                                "over-approximation: group {peer} is not in this configuration; "
                            ),
                        ));
                    }
                }
                for pl in &r.prefix_lists {
                    peers.push(prefix_list(lk, pl));
                }
                for (peer, why) in peers {
                    for p in &ps {
                        egress_lines += usize::from(word == "egress");
                        body.line(
                            format!("{}  # {why}{}", line(&peer, p), at.trim_start_matches("# ")),
                            Some(&loc),
                        );
                    }
                }
            }
        }
    }
    if egress_any && egress_lines > 0 {
        // The other groups' egress lines would restrict it.
        body.line(
            "  egress to any  # over-approximation: a group of this node is not known",
            Some(&inst.loc),
        );
    } else if egress_any {
        body.line(
            "  # egress to anywhere: a group of this node is not known",
            None,
        );
    } else if egress_lines == 0 {
        // Without egress lines the language allows all egress; a group
        // Terraform creates allows none unless egress is declared.
        body.line(
            "  egress to []  # its groups allow no egress (Terraform removes AWS's default rule)",
            Some(&inst.loc),
        );
    }
}

/// A managed prefix list as a peer, and why. CloudFront's origin-facing
/// list admits every CloudFront distribution of every account, so anyone
/// on the internet can use it (through a distribution of their own): it is
/// the `internet` zone. Any other list is not read: every address.
pub(super) fn prefix_list(lk: &Lookup, pl: &str) -> (String, String) {
    let names = |i: &Instance| {
        let mut v: Vec<String> = i
            .attrs
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string)
            .into_iter()
            .collect();
        if let Some(Value::List(fs)) = i.attrs.get("filter") {
            for f in fs {
                if let Some(Value::List(vals)) = f.get_attr("values") {
                    v.extend(vals.iter().filter_map(|x| x.as_str().map(str::to_string)));
                }
            }
        }
        v
    };
    let cloudfront = lk.by_addr.get(pl).is_some_and(|i| {
        names(i).iter().any(|n| {
            n == "com.amazonaws.global.cloudfront.origin-facing"
                || n == "com.amazonaws.global.ipv6.cloudfront.origin-facing"
        })
    });
    if cloudfront {
        (INTERNET.into(), format!("{pl}: CloudFront's origin-facing list admits every distribution of every account, so the whole internet; "))
    } else {
        (
            "any".into(),
            format!("over-approximation: the prefix list {pl} is not read; "),
        )
    }
}

/// The language's name of a security group: `sg_` and its address.
pub(super) fn group_name(address: &str) -> String {
    format!("sg_{}", ident(&address.replace("aws_security_group.", "")))
}
