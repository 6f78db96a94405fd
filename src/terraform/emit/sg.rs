//! The `.sg` output: a sketch of the network in the current language.

use std::collections::{BTreeMap, BTreeSet};

use super::placement::endpoints;
use super::placement::{address_of, exposure, subnets_of};
use super::security_groups::{groups_of, ports, rules};
use super::{ident, nodes, unknowns, Lookup};
use crate::terraform::inventory::{Instance, Inventory};

/// A `.sg` sketch: one node per endpoint, `listen` and `egress` lines from
/// its groups' CIDR rules, every line with the address and location it
/// came from; what the language cannot say yet is a comment.
pub fn to_sg(inv: &Inventory, policy: &str) -> String {
    let lk = Lookup::new(inv);
    let mut s = String::new();
    s.push_str("# Imported from Terraform by `stargate-verify import`.\n");
    s.push_str("# Each node and line names the Terraform address and file:line it came from.\n\n");
    s.push_str(&format!("policy {}\n\n", ident(policy)));
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for sec in &inv.secrets {
        let base = ident(&sec.name);
        let mut name = base.clone();
        let mut n = 1;
        while !taken.insert(name.clone()) {
            n += 1;
            name = format!("{base}_{n}");
        }
        s.push_str(&format!(
            "# secret from {}\nsecret {name} \"{}\"\n",
            sec.address, sec.address
        ));
    }
    if !inv.secrets.is_empty() {
        s.push('\n');
    }
    let groups: BTreeMap<String, &Instance> = inv
        .instances
        .iter()
        .filter(|i| i.rtype == "aws_security_group")
        .map(|i| (i.address.clone(), i))
        .collect();
    // Every security group is a group of the language: its members are the
    // endpoints that carry it, and a rule naming it as a peer admits them
    // whatever their addresses.
    for (address, g) in &groups {
        let label = address.replace('\\', "\\\\").replace('"', "\\\"");
        s.push_str(&format!(
            "# {address} ({}:{})\ngroup {} \"{label}\"\n",
            g.loc.file,
            g.loc.line,
            group_name(address)
        ));
    }
    if !groups.is_empty() {
        s.push('\n');
    }
    for (node, inst) in nodes(inv).iter().zip(endpoints(inv)) {
        let mut body: Vec<String> = Vec::new();
        let address = match address_of(inst) {
            Some(a) => Some(format!("  addresses {a}")),
            None => subnets_of(&lk, inst).map(|(cidrs, from)| {
                format!(
                    "  addresses [{}]  # any address in its subnets: {from}",
                    cidrs.join(", ")
                )
            }),
        };
        body.extend(address.clone());
        if let Some(why) = exposure(inst) {
            body.push(format!("  # not expressible yet: {why}"));
        }
        let node_groups = groups_of(&lk, inst);
        let mut egress_lines = 0usize;
        let mut egress_partial = false;
        if node_groups.is_empty() {
            body.push("  # not expressible yet: no security group is known (the VPC's default group may apply)".into());
            egress_partial = true;
        }
        for g in &node_groups {
            if groups.contains_key(g) {
                body.push(format!("  member {}  # {g}", group_name(g)));
            }
        }
        for g in node_groups {
            let Some(sg) = groups.get(&g) else {
                body.push(format!(
                    "  # not expressible yet: group {g} (not in this configuration)"
                ));
                egress_partial = true;
                continue;
            };
            for (dir, word) in [("ingress", "listen"), ("egress", "egress")] {
                for (r, at) in rules(&lk, sg, dir) {
                    let exact = r.prefix_lists.is_empty()
                        && r.groups.iter().all(|p| groups.contains_key(p));
                    if word == "egress" && (r.opaque || !exact || ports(&r).is_none()) {
                        egress_partial = true;
                    }
                    if r.opaque {
                        body.push(format!(
                            "  # not expressible yet: a rule known only after apply  {at}"
                        ));
                        continue;
                    }
                    let Some(p) = ports(&r) else {
                        body.push(format!(
                            "  # not expressible yet: protocol {}  {at}",
                            r.protocol
                        ));
                        continue;
                    };
                    if word == "egress" {
                        egress_lines += r.cidrs.len();
                    }
                    for c in &r.cidrs {
                        body.push(if word == "listen" {
                            format!("  listen {p} from {c}  {at}")
                        } else {
                            format!("  egress to {c} ports {p}  {at}")
                        });
                    }
                    // Peers named by group, the group itself with `self`.
                    let mut peers: Vec<&String> = r.groups.iter().collect();
                    if r.self_ref {
                        peers.push(&g);
                    }
                    for peer in peers {
                        if !groups.contains_key(peer) {
                            body.push(format!(
                                "  # not expressible yet: {word} with group {peer} as peer (not in this configuration)  {at}"
                            ));
                            continue;
                        }
                        let peer = group_name(peer);
                        body.push(if word == "listen" {
                            format!("  listen {p} from {peer}  {at}")
                        } else {
                            egress_lines += 1;
                            format!("  egress to {peer} ports {p}  {at}")
                        });
                    }
                    for pl in &r.prefix_lists {
                        body.push(format!(
                            "  # not expressible yet: {word} with the prefix list {pl}  {at}"
                        ));
                    }
                }
            }
        }
        if egress_lines == 0 && !egress_partial {
            // Without egress lines the language allows all egress; a group
            // Terraform creates allows none unless egress is declared.
            body.push("  egress to []  # its groups allow no egress (Terraform removes AWS's default rule)".into());
        }
        s.push_str(&format!(
            "# {} ({}:{})\n",
            node.address, node.file, node.line
        ));
        if address.is_some() {
            s.push_str(&format!("{} {} {{\n", node.kind, node.name));
            for l in body {
                s.push_str(&l);
                s.push('\n');
            }
            s.push_str("}\n\n");
        } else {
            // A node needs addresses; none are known before apply, so the
            // node is shown but left out of the policy.
            s.push_str("# not expressible yet: its addresses are known only after apply\n");
            s.push_str(&format!("# {} {} {{\n", node.kind, node.name));
            for l in body {
                s.push_str(&format!("# {l}\n"));
            }
            s.push_str("# }\n\n");
        }
    }
    let unknowns = unknowns(inv);
    if !unknowns.is_empty() {
        s.push_str("# Not modelled (each would change reachability):\n");
        for u in unknowns {
            s.push_str(&format!(
                "#   {} ({}:{}): {}\n",
                u.address, u.file, u.line, u.message
            ));
        }
    }
    // In the canonical style of `stargate-verify fmt`.
    crate::fmt::format(&s).unwrap_or(s)
}

/// The language's name of a security group: `sg_` and its address.
pub(super) fn group_name(address: &str) -> String {
    format!("sg_{}", ident(&address.replace("aws_security_group.", "")))
}
