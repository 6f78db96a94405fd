//! From the inventory to output: the nodes (resource kinds that are
//! endpoints), secrets, unknowns and diagnostics as JSON, or a `.sg`
//! sketch of the network. Secrets are named, never shown.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use super::inventory::{Instance, Inventory, Mode, UnknownEntry};
use super::value::Value;

#[derive(Debug, Clone, Serialize)]
pub struct Node {
    pub name: String,
    pub kind: &'static str,
    pub address: String,
    pub file: String,
    pub line: usize,
}

#[derive(Serialize)]
struct Report<'a> {
    nodes: &'a [Node],
    secrets: &'a [super::inventory::SecretEntry],
    unknowns: &'a [UnknownEntry],
    diagnostics: &'a [super::diag::TfDiagnostic],
}

/// The policy kind of an endpoint resource type, if it is one.
pub fn endpoint_kind(rtype: &str) -> Option<&'static str> {
    match rtype {
        "aws_instance"
        | "aws_ecs_service"
        | "aws_db_instance"
        | "aws_rds_cluster"
        | "aws_efs_mount_target" => Some("service"),
        t if t.starts_with("aws_elasticache_")
            && t != "aws_elasticache_subnet_group"
            && t != "aws_elasticache_parameter_group" =>
        {
            Some("service")
        }
        "aws_lb" | "aws_alb" | "aws_cloudfront_distribution" => Some("proxy"),
        _ => None,
    }
}

/// Resource types that change reachability and are not modelled yet.
fn not_modelled(rtype: &str) -> Option<&'static str> {
    Some(match rtype {
        "aws_network_acl" | "aws_network_acl_rule" | "aws_default_network_acl" => {
            "network ACLs are not modelled yet"
        }
        "aws_route"
        | "aws_route_table"
        | "aws_route_table_association"
        | "aws_default_route_table"
        | "aws_internet_gateway"
        | "aws_nat_gateway"
        | "aws_eip"
        | "aws_eip_association"
        | "aws_vpc_peering_connection"
        | "aws_ec2_transit_gateway"
        | "aws_ec2_transit_gateway_vpc_attachment"
        | "aws_vpn_connection"
        | "aws_vpn_gateway" => "routing and public addresses (exposure) are not modelled yet",
        "aws_lb_listener"
        | "aws_alb_listener"
        | "aws_lb_listener_rule"
        | "aws_alb_listener_rule"
        | "aws_lb_target_group"
        | "aws_lb_target_group_attachment" => {
            "load balancer listeners, rules and target groups are not mapped to forward rules yet"
        }
        "aws_wafv2_web_acl" | "aws_wafv2_web_acl_association" | "aws_waf_web_acl" => {
            "WAF rules are not modelled yet"
        }
        "aws_cloudfront_function" | "aws_lambda_function" => {
            "code at the edge is opaque and not mapped yet"
        }
        "aws_network_interface" | "aws_network_interface_sg_attachment" => {
            "network interfaces are not mapped yet"
        }
        _ => return None,
    })
}

/// The inventory's instances by address and by configuration address
/// (without instance keys).
struct Lookup<'i> {
    by_addr: HashMap<&'i str, &'i Instance>,
    by_config: HashMap<String, Vec<&'i Instance>>,
    /// Group address → its separate rule resources, with their direction.
    sg_rules: HashMap<String, Vec<(&'static str, &'i Instance)>>,
    /// The rule resources attached to a group found here.
    attached: HashSet<&'i str>,
}

impl<'i> Lookup<'i> {
    fn new(inv: &'i Inventory) -> Self {
        let mut by_addr = HashMap::new();
        let mut by_config: HashMap<String, Vec<&Instance>> = HashMap::new();
        for i in &inv.instances {
            by_addr.insert(i.address.as_str(), i);
            by_config
                .entry(crate::terraform::plan::strip_keys(&i.address))
                .or_default()
                .push(i);
        }
        let mut lk = Lookup {
            by_addr,
            by_config,
            sg_rules: HashMap::new(),
            attached: HashSet::new(),
        };
        for i in &inv.instances {
            let dir = match (
                i.rtype.as_str(),
                i.attrs.get("type").and_then(|t| t.as_str()),
            ) {
                ("aws_security_group_rule", Some("ingress")) => "ingress",
                ("aws_security_group_rule", Some("egress")) => "egress",
                ("aws_vpc_security_group_ingress_rule", _) => "ingress",
                ("aws_vpc_security_group_egress_rule", _) => "egress",
                _ => continue,
            };
            let mut groups: Vec<String> = match i.attrs.get("security_group_id") {
                Some(Value::Unknown(w)) => w
                    .strip_suffix(".id")
                    .map(str::to_string)
                    .into_iter()
                    .collect(),
                _ => Vec::new(),
            };
            if groups.is_empty() {
                for g in referenced(i, &["security_group_id"], "aws_security_group") {
                    groups.extend(lk.by_config(&g).iter().map(|s| s.address.clone()));
                }
            }
            for g in groups {
                if lk.by_addr.contains_key(g.as_str()) {
                    lk.attached.insert(i.address.as_str());
                    lk.sg_rules.entry(g).or_default().push((dir, i));
                }
            }
        }
        lk
    }

    fn by_config(&self, address: &str) -> Vec<&'i Instance> {
        self.by_config.get(address).cloned().unwrap_or_default()
    }
}

/// Readable, stable node names: the resource name where unique, with the
/// instance key, then the module, then the type to tell them apart.
pub fn nodes(inv: &Inventory) -> Vec<Node> {
    let eps: Vec<(&Instance, &'static str)> = inv
        .instances
        .iter()
        .filter(|i| i.mode == Mode::Managed)
        .filter_map(|i| endpoint_kind(&i.rtype).map(|k| (i, k)))
        .collect();
    let base = |i: &Instance, level: usize| {
        let mut parts = Vec::new();
        if level >= 2 {
            parts.push(i.rtype.trim_start_matches("aws_").to_string());
        }
        if level >= 1 && !i.module.is_empty() {
            parts.push(i.module.replace("module.", ""));
        }
        let generic = matches!(i.name.as_str(), "this" | "main" | "default" | "self");
        match module_key(&i.module) {
            Some(m) if generic && level == 0 => parts.push(m),
            _ => parts.push(i.name.clone()),
        }
        if let Some(k) = &i.key {
            parts.push(k.clone());
        }
        ident(&parts.join("_"))
    };
    // The first level at which a name is unique among all endpoints.
    let mut chosen: Vec<Option<String>> = vec![None; eps.len()];
    for level in 0..3 {
        let at: Vec<String> = eps.iter().map(|(i, _)| base(i, level)).collect();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for n in &at {
            *count.entry(n.as_str()).or_insert(0) += 1;
        }
        for (c, n) in chosen.iter_mut().zip(&at) {
            if c.is_none() && count[n.as_str()] == 1 {
                *c = Some(n.clone());
            }
        }
    }
    let names: Vec<String> = chosen
        .into_iter()
        .zip(&eps)
        .map(|(c, (i, _))| c.unwrap_or_else(|| ident(&i.address)))
        .collect();
    // Still equal (keys that sanitize alike): number them.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    eps.iter()
        .zip(names)
        .map(|((i, kind), n)| {
            let c = seen.entry(n.clone()).or_insert(0);
            *c += 1;
            let name = if *c > 1 { format!("{n}_{c}") } else { n };
            Node {
                name,
                kind,
                address: i.address.clone(),
                file: i.loc.file.clone(),
                line: i.loc.line,
            }
        })
        .collect()
}

/// The last module call's key, or its name: `module.svc["a"]` → `a`.
fn module_key(module: &str) -> Option<String> {
    let last = module.rsplit("module.").next().filter(|l| !l.is_empty())?;
    let last = last.trim_end_matches('.');
    Some(match last.split_once('[') {
        Some((_, k)) => k.trim_end_matches(']').trim_matches('"').to_string(),
        None => last.to_string(),
    })
}

fn ident(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    while out.contains("__") {
        out = out.replace("__", "_");
    }
    let out = out.trim_matches('_').to_string();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n_{out}")
    } else {
        out
    }
}

/// The unknowns: the inventory's own, plus resources not modelled.
/// The unknowns: the inventory's own (which have their diagnostics), plus
/// what this mapping does not model.
pub fn unknowns(inv: &Inventory) -> Vec<UnknownEntry> {
    let mut out = inv.unknowns.clone();
    out.extend(not_modelled_here(inv));
    out.sort_by(|a, b| (&a.file, a.line, &a.address).cmp(&(&b.file, b.line, &b.address)));
    out.dedup();
    out
}

/// Every diagnostic: the inventory's, then a `not_modelled` warning for
/// each unknown that the mapping to nodes found.
pub fn diagnostics(inv: &Inventory) -> Vec<super::diag::TfDiagnostic> {
    let mut out = inv.diagnostics.clone();
    for u in not_modelled_here(inv) {
        out.push(super::diag::TfDiagnostic::warning(
            super::diag::codes::NOT_MODELLED,
            format!("{}: {}", u.address, u.message),
            &super::diag::Loc {
                file: u.file.clone(),
                line: u.line,
            },
            "the result does not account for this; docs/terraform.md lists what is modelled",
        ));
    }
    out
}

fn not_modelled_here(inv: &Inventory) -> Vec<UnknownEntry> {
    let lk = Lookup::new(inv);
    let mut out = Vec::new();
    for i in &inv.instances {
        if i.mode != Mode::Managed {
            continue;
        }
        if let Some(why) = not_modelled(&i.rtype) {
            out.push(UnknownEntry::new(&i.address, &i.loc, why));
        }
        let is_rule = matches!(
            i.rtype.as_str(),
            "aws_security_group_rule"
                | "aws_vpc_security_group_ingress_rule"
                | "aws_vpc_security_group_egress_rule"
        );
        if is_rule && !lk.attached.contains(i.address.as_str()) {
            out.push(UnknownEntry::new(
                &i.address,
                &i.loc,
                "the group this rule belongs to is not found in the configuration",
            ));
        }
        if i.rtype == "aws_security_group" && mixed_rules(&lk, i) {
            out.push(UnknownEntry::new(&i.address, &i.loc, "inline rules and separate rule resources on one group: Terraform does not keep both reliably"));
        }
        if i.rtype == "aws_security_group" {
            for dir in ["ingress", "egress"] {
                for (r, _) in rules(&lk, i, dir) {
                    if !r.groups.is_empty() || r.self_ref {
                        out.push(UnknownEntry::new(&i.address, &i.loc, format!("an {dir} rule names security groups as peers; group identities are not expressible yet")));
                    }
                    if !r.opaque && ports(&r).is_none() {
                        out.push(UnknownEntry::new(
                            &i.address,
                            &i.loc,
                            format!(
                                "an {dir} rule of protocol {} is not expressible yet",
                                r.protocol
                            ),
                        ));
                    }
                    for p in &r.prefix_lists {
                        out.push(UnknownEntry::new(&i.address, &i.loc, format!("an {dir} rule names the managed prefix list {p}; its addresses are not read")));
                    }
                    if r.opaque {
                        out.push(UnknownEntry::new(
                            &i.address,
                            &i.loc,
                            format!("an {dir} rule depends on values known only after apply"),
                        ));
                    }
                }
            }
        }
    }
    for i in endpoints(inv) {
        if address_of(i).is_none() && subnets_of(&lk, i).is_none() {
            out.push(UnknownEntry::new(
                &i.address,
                &i.loc,
                "its addresses are known only after apply: the node is left out of the .sg policy",
            ));
        }
        if let Some(why) = exposure(i) {
            out.push(UnknownEntry::new(&i.address, &i.loc, why));
        }
    }
    for i in inv.instances.iter().filter(|i| i.rtype == "aws_subnet") {
        match i.attrs.get("map_public_ip_on_launch") {
            Some(Value::Bool(true)) => out.push(UnknownEntry::new(
                &i.address,
                &i.loc,
                "instances launched here get public addresses (exposure is not expressible yet)",
            )),
            Some(v) if v.is_opaque() => out.push(UnknownEntry::new(
                &i.address,
                &i.loc,
                "whether instances launched here get public addresses is known only after apply",
            )),
            _ => {}
        }
    }
    out.sort_by(|a, b| (&a.file, a.line, &a.address).cmp(&(&b.file, b.line, &b.address)));
    out.dedup();
    out
}

pub fn to_json(inv: &Inventory) -> String {
    let nodes = nodes(inv);
    let unknowns = unknowns(inv);
    let diagnostics = diagnostics(inv);
    let r = Report {
        nodes: &nodes,
        secrets: &inv.secrets,
        unknowns: &unknowns,
        diagnostics: &diagnostics,
    };
    serde_json::to_string_pretty(&r).unwrap_or_else(|_| "{}".into())
}

/// One rule of a security group's inline `ingress`/`egress` blocks.
#[derive(Debug, Default)]
struct Rule {
    from: Option<i64>,
    to: Option<i64>,
    all: bool,
    cidrs: Vec<String>,
    groups: Vec<String>,
    self_ref: bool,
    prefix_lists: Vec<String>,
    protocol: String,
    opaque: bool,
    description: Option<String>,
}

/// The rules of a group in one direction: its inline blocks, then the
/// separate rule resources that name it, each with where it came from.
fn rules(lk: &Lookup, sg: &Instance, dir: &str) -> Vec<(Rule, String)> {
    let mut out = Vec::new();
    if let Some(Value::List(items)) = sg.attrs.get(dir) {
        for r in items {
            out.push((
                rule_of(r),
                format!("# {} {dir} ({}:{})", sg.address, sg.loc.file, sg.loc.line),
            ));
        }
    }
    for (d, r) in lk.sg_rules.get(sg.address.as_str()).into_iter().flatten() {
        if *d == dir {
            let v = Value::Map(r.attrs.clone());
            out.push((
                rule_of(&v),
                format!("# {} ({}:{})", r.address, r.loc.file, r.loc.line),
            ));
        }
    }
    out
}

/// Whether a group has inline rules and separate rule resources both
/// (Terraform's documentation warns that they fight each other).
fn mixed_rules(lk: &Lookup, sg: &Instance) -> bool {
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
fn rule_of(r: &Value) -> Rule {
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
fn ports(r: &Rule) -> Option<String> {
    let suffix = match r.protocol.as_str() {
        _ if r.all => return Some("any".into()),
        "tcp" | "6" => "",
        "udp" | "17" => "/udp",
        _ => return None,
    };
    match (r.from, r.to) {
        (Some(0), Some(65535)) if suffix.is_empty() => Some("0-65535".into()),
        (Some(a), Some(b)) if a == b => Some(format!("{a}{suffix}")),
        (Some(a), Some(b)) => Some(format!("{a}-{b}{suffix}")),
        _ => None,
    }
}

/// A plan's references from an attribute (`vpc_security_group_ids`) to
/// resources of a type, as addresses in the instance's module.
fn referenced(i: &Instance, attrs: &[&str], rtype: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (k, refs) in &i.references {
        if !attrs
            .iter()
            .any(|a| k == a || k.starts_with(&format!("{a}.")))
        {
            continue;
        }
        for r in refs {
            // Absolute and keyless (`module.a.aws_subnet.app`): a splat
            // or an index keeps no key in a plan's references.
            let base = r.strip_suffix(".id").unwrap_or(r);
            let mut tail = base.rsplitn(3, '.');
            let (_, ty) = (tail.next(), tail.next());
            if ty == Some(rtype) && !base.contains('[') && !out.iter().any(|o| o == base) {
                out.push(base.to_string());
            }
        }
    }
    out
}

/// The groups an endpoint carries, as the addresses they stand for.
fn groups_of(lk: &Lookup, i: &Instance) -> BTreeSet<String> {
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
                    let exact = r.groups.is_empty() && r.prefix_lists.is_empty() && !r.self_ref;
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
                    for g in &r.groups {
                        body.push(format!(
                            "  # not expressible yet: {word} with group {g} as peer  {at}"
                        ));
                    }
                    for pl in &r.prefix_lists {
                        body.push(format!(
                            "  # not expressible yet: {word} with the prefix list {pl}  {at}"
                        ));
                    }
                    if r.self_ref {
                        body.push(format!(
                            "  # not expressible yet: {word} with the group's own members  {at}"
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

/// Whether an endpoint may be reachable from the internet through a public
/// address: the language cannot say so yet (and routing is not read).
fn exposure(i: &Instance) -> Option<String> {
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

fn endpoints(inv: &Inventory) -> impl Iterator<Item = &Instance> {
    inv.instances
        .iter()
        .filter(|i| i.mode == Mode::Managed && endpoint_kind(&i.rtype).is_some())
}

fn address_of(i: &Instance) -> Option<String> {
    ["private_ip", "ip_address"]
        .iter()
        .find_map(|k| match i.attrs.get(*k) {
            Some(Value::String(s)) if s.parse::<std::net::IpAddr>().is_ok() => Some(s.clone()),
            _ => None,
        })
}

/// The CIDR blocks of the subnets an endpoint is placed in, when each
/// subnet is in this configuration with a known `cidr_block`.
fn subnets_of(lk: &Lookup, i: &Instance) -> Option<(Vec<String>, String)> {
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
