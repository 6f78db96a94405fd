//! From the inventory to output: the nodes (resource kinds that are
//! endpoints), secrets, unknowns and diagnostics as JSON, or a `.sg`
//! sketch of the network. Secrets are named, never shown.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

mod acls;
mod cloudfront;
mod exposure;
mod listeners;
mod origins;
mod placement;
mod security_groups;
mod sg;
mod waf;

pub use origins::{Emitted, Origin};
use placement::{address_of, endpoints, subnets_of};
use security_groups::{mixed_rules, ports, rules};
pub use sg::{emit_sg, to_sg};

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
pub(super) fn not_modelled(rtype: &str) -> Option<&'static str> {
    Some(match rtype {
        "aws_waf_web_acl" => {
            "WAF Classic rules are modelled as a check that may block any request (opaque)"
        }
        "aws_wafv2_web_acl_association" => {
            "a WAF on a load balancer is not read: the balancer's rules decide alone (a superset)"
        }
        "aws_cloudfront_function" | "aws_lambda_function" => {
            "code at the edge is modelled as a check that may deny where it is attached; what it rewrites is not modelled"
        }
        "aws_network_interface" | "aws_network_interface_sg_attachment" => {
            "network interfaces are not mapped yet"
        }
        _ => return None,
    })
}

/// The inventory's instances by address and by configuration address
/// (without instance keys).
pub(super) struct Lookup<'i> {
    by_addr: HashMap<&'i str, &'i Instance>,
    by_config: HashMap<String, Vec<&'i Instance>>,
    /// Managed instances by resource type, in inventory order.
    by_type: HashMap<&'i str, Vec<&'i Instance>>,
    /// Group address → its separate rule resources, with their direction.
    sg_rules: HashMap<String, Vec<(&'static str, &'i Instance)>>,
    /// The rule resources attached to a group found here.
    attached: HashSet<&'i str>,
}

impl<'i> Lookup<'i> {
    fn new(inv: &'i Inventory) -> Self {
        let mut by_addr = HashMap::new();
        let mut by_config: HashMap<String, Vec<&Instance>> = HashMap::new();
        let mut by_type: HashMap<&str, Vec<&Instance>> = HashMap::new();
        for i in &inv.instances {
            if i.mode == Mode::Managed {
                by_type.entry(i.rtype.as_str()).or_default().push(i);
            }
            by_addr.insert(i.address.as_str(), i);
            by_config
                .entry(crate::terraform::plan::strip_keys(&i.address))
                .or_default()
                .push(i);
        }
        let mut lk = Lookup {
            by_addr,
            by_config,
            by_type,
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

    /// The managed instances of a resource type.
    fn of_type(&self, rtype: &str) -> impl Iterator<Item = &'i Instance> + '_ {
        self.by_type.get(rtype).into_iter().flatten().copied()
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
    // The `internet` zone takes its name first.
    let mut seen: BTreeMap<String, usize> = BTreeMap::from([(INTERNET.to_string(), 1)]);
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
pub(super) fn module_key(module: &str) -> Option<String> {
    let last = module.rsplit("module.").next().filter(|l| !l.is_empty())?;
    let last = last.trim_end_matches('.');
    Some(match last.split_once('[') {
        Some((_, k)) => k.trim_end_matches(']').trim_matches('"').to_string(),
        None => last.to_string(),
    })
}

pub(super) fn ident(s: &str) -> String {
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
    for (address, loc, name) in cloudfront::literal_headers(&Lookup::new(inv)) {
        out.push(super::diag::TfDiagnostic::warning(
            super::diag::codes::LITERAL_HEADER,
            format!("{address}: the origin header {name} is a literal in the configuration, so whoever reads it can send the header"),
            &loc,
            "take the value from a secret (random_password, a sensitive variable, Secrets Manager), so that only the CDN knows it",
        ));
    }
    out
}

pub(super) fn not_modelled_here(inv: &Inventory) -> Vec<UnknownEntry> {
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
                for (r, _, _) in rules(&lk, i, dir) {
                    for g in r
                        .groups
                        .iter()
                        .filter(|g| !lk.by_addr.contains_key(g.as_str()))
                    {
                        out.push(UnknownEntry::new(&i.address, &i.loc, format!("an {dir} rule names the security group {g}, which this configuration does not declare (every address is admitted instead)")));
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
                        if sg::prefix_list(&lk, p).0 != INTERNET {
                            out.push(UnknownEntry::new(&i.address, &i.loc, format!("an {dir} rule names the managed prefix list {p}; its addresses are not read (every address is admitted instead)")));
                        }
                    }
                    if r.opaque {
                        out.push(UnknownEntry::new(
                            &i.address,
                            &i.loc,
                            format!("an {dir} rule depends on values known only after apply (every port and address is admitted instead)"),
                        ));
                    }
                }
            }
        }
    }
    acls::acls(&lk, &mut origins::Lines::default(), &mut out);
    for r in lk.of_type("aws_network_acl_rule") {
        if resolve(&lk, r, "network_acl_id", &["aws_network_acl"]).is_none() {
            out.push(UnknownEntry::new(
                &r.address,
                &r.loc,
                "the network ACL of this entry is not in the configuration (that ACL filters nothing in the model)",
            ));
        }
    }
    let names = Names::new(inv);
    let groups = sg::security_groups(inv);
    for i in endpoints(inv) {
        if address_of(i).is_none()
            && subnets_of(&lk, i).is_none()
            && i.rtype != "aws_cloudfront_distribution"
        {
            out.push(UnknownEntry::new(
                &i.address,
                &i.loc,
                "its addresses are known only after apply: the node is left out of the .sg policy",
            ));
        }
        sg::node_body(&lk, &names, &groups, i, &mut out);
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

/// A plan's references from an attribute (`vpc_security_group_ids`) to
/// resources of a type, as addresses in the instance's module.
pub(super) fn referenced(i: &Instance, attrs: &[&str], rtype: &str) -> Vec<String> {
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

/// The one resource of one of some types that an attribute names: by the
/// id or ARN it stands for (`aws_lb.alb.arn`, in `.tf` files), or by a
/// plan's reference when that names a single instance.
pub(super) fn resolve<'i>(
    lk: &Lookup<'i>,
    i: &Instance,
    attr: &str,
    rtypes: &[&str],
) -> Option<&'i Instance> {
    resolve_value(lk, i.attrs.get(attr), rtypes).or_else(|| {
        let mut found = Vec::new();
        for t in rtypes {
            for r in referenced(i, &[attr], t) {
                found.extend(lk.by_config(&r));
            }
        }
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    })
}

/// The resource an unknown value stands for an attribute of.
pub(super) fn resolve_value<'i>(
    lk: &Lookup<'i>,
    v: Option<&Value>,
    rtypes: &[&str],
) -> Option<&'i Instance> {
    let Some(Value::Unknown(w)) = v else {
        return None;
    };
    let (addr, _) = w.rsplit_once('.')?;
    lk.by_addr
        .get(addr)
        .copied()
        .filter(|r| rtypes.contains(&r.rtype.as_str()))
}

/// The names the `.sg` output gives: nodes by instance address, secrets
/// by the address they come from.
pub(super) struct Names {
    pub(super) nodes: HashMap<String, String>,
    pub(super) secrets: Vec<(String, String)>,
    /// The endpoints written as nodes (the others have no known addresses
    /// and are commented out, so nothing may name them).
    written: HashSet<String>,
}

/// The zone of every address outside the imported VPCs.
pub(super) const INTERNET: &str = "internet";

impl Names {
    pub(super) fn new(inv: &Inventory) -> Self {
        let nodes: HashMap<String, String> = nodes(inv)
            .into_iter()
            .map(|n| (n.address, n.name))
            .collect();
        // Secrets share the namespace of nodes (and the internet zone).
        let mut taken: BTreeSet<String> = nodes.values().cloned().collect();
        taken.insert(INTERNET.to_string());
        let mut secrets = Vec::new();
        for sec in &inv.secrets {
            let base = ident(&sec.name);
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}_{n}");
            }
            secrets.push((sec.address.clone(), name));
        }
        let lk = Lookup::new(inv);
        let written = endpoints(inv)
            .filter(|i| {
                i.rtype == "aws_cloudfront_distribution"
                    || address_of(i).is_some()
                    || subnets_of(&lk, i).is_some()
            })
            .map(|i| i.address.clone())
            .collect();
        Names {
            nodes,
            secrets,
            written,
        }
    }

    /// The name of an endpoint that is written as a node.
    pub(super) fn node(&self, address: &str) -> Option<&String> {
        self.nodes
            .get(address)
            .filter(|_| self.written.contains(address))
    }

    /// The secret a secret value comes from (`random_password.x.result`
    /// comes from `random_password.x`).
    pub(super) fn secret(&self, origin: &str) -> Option<&str> {
        self.secrets
            .iter()
            .filter(|(a, _)| {
                origin == a
                    || origin
                        .strip_prefix(a.as_str())
                        .is_some_and(|r| r.starts_with('.') || r.starts_with('['))
            })
            .max_by_key(|(a, _)| a.len())
            .map(|(_, n)| n.as_str())
    }
}

/// A string literal of the language, if the text can be one.
pub(super) fn quoted(s: &str) -> Option<String> {
    if s.contains(['\n', '\r']) {
        return None;
    }
    Some(format!(
        "\"{}\"",
        s.replace('\\', "\\\\").replace('"', "\\\"")
    ))
}

/// An attribute as the configuration sets it: a plan shows an attribute
/// the configuration leaves unset, and AWS computes, as unknown (its own
/// path, with no references), which is read as unset here.
pub(super) fn configured<'v>(i: &'v Instance, attr: &str) -> Option<&'v Value> {
    match i.attrs.get(attr) {
        Some(Value::Unknown(w))
            if *w == format!("{}.{attr}", i.address) && !i.references.contains_key(attr) =>
        {
            None
        }
        v => v,
    }
}
