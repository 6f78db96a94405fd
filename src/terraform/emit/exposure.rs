//! What the internet can reach at all: the `internet` zone (every address
//! outside the imported VPCs) and each endpoint's `reachable from` lines,
//! from its subnets, their route tables (an explicit association or the
//! VPC's main table), internet gateways and the endpoint's public
//! addresses. AWS's rules, as its VPC documentation gives them:
//!
//! - an endpoint is reachable from outside its VPC over IPv4 only with a
//!   public address (`associate_public_ip_address`, or the subnet's
//!   `map_public_ip_on_launch` when that is unset; an EIP; ECS
//!   `assign_public_ip`; RDS `publicly_accessible`; a load balancer that
//!   is not `internal`), and only from the destinations its subnet's route
//!   table sends to an internet gateway (the replies take that route);
//! - over IPv6, from the destinations routed to an internet gateway; an
//!   egress-only internet gateway and a NAT gateway carry outbound
//!   connections only;
//! - the destinations of routes to peering connections, transit and VPN
//!   gateways, network interfaces and endpoints are networks that can send
//!   in: they are admitted too (a superset);
//! - EFS mount targets and ElastiCache nodes never have public addresses.
//!
//! Whenever one of these inputs is not known, nothing is restricted: the
//! node gets no `reachable from` line (it can be reached from anywhere)
//! and an unknown says why. That is the sound side.

use super::placement::{may_have_ipv6, subnet_instances};
use super::{configured, resolve, Lookup};
use crate::terraform::diag::Loc;
use crate::terraform::inventory::Instance;
use crate::terraform::value::Value;

use super::origins::block_loc;

/// One `reachable from` line: the addresses, why, and the block that
/// decided it.
pub(super) struct ReachLine {
    pub(super) addrs: Vec<String>,
    pub(super) why: String,
    pub(super) at: Loc,
}

pub(super) enum Reach {
    /// No line: reachable from anywhere (a CDN), with why.
    Anywhere(String),
    /// Restricted to these lines.
    From(Vec<ReachLine>),
    /// Not restricted, because an input is unknown.
    Unknown(String),
}

/// The CIDR blocks of every imported VPC (IPv4 and IPv6), and the VPCs
/// whose blocks are known only after apply.
pub(super) fn vpc_blocks<'i>(lk: &Lookup<'i>) -> (Vec<String>, Vec<&'i Instance>) {
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for v in lk.of_type("aws_vpc") {
        let (k, u) = blocks_of(lk, v);
        known.extend(k);
        if u {
            unknown.push(v);
        }
    }
    let mut seen = std::collections::HashSet::new();
    known.retain(|c| seen.insert(c.clone()));
    (known, unknown)
}

/// One VPC's blocks, and whether some of them are unknown.
fn blocks_of(lk: &Lookup, vpc: &Instance) -> (Vec<String>, bool) {
    let mut known = Vec::new();
    let mut unknown = false;
    let mut take = |v: Option<&Value>, required: bool, unknown: &mut bool| match v {
        Some(Value::String(c)) if !c.is_empty() => known.push(c.clone()),
        // Computed, and empty unless asked for (a plan shows it unknown).
        Some(Value::Null) | None | Some(Value::Unknown(_)) if !required => {}
        _ => *unknown = true,
    };
    take(vpc.attrs.get("cidr_block"), true, &mut unknown);
    let generated = vpc
        .attrs
        .get("assign_generated_ipv6_cidr_block")
        .is_some_and(|v| v.to_bool() == Some(true) || v.is_opaque())
        || vpc
            .attrs
            .get("ipv6_ipam_pool_id")
            .is_some_and(|v| !matches!(v, Value::Null));
    take(vpc.attrs.get("ipv6_cidr_block"), generated, &mut unknown);
    let id = format!("{}.id", vpc.address);
    for a in lk.of_type("aws_vpc_ipv4_cidr_block_association") {
        match a.attrs.get("vpc_id") {
            Some(Value::Unknown(w)) if *w == id => {
                take(a.attrs.get("cidr_block"), true, &mut unknown)
            }
            Some(Value::Unknown(w)) if w.contains("aws_vpc.") && w.ends_with(".id") => {}
            _ => unknown = true,
        }
    }
    (known, unknown)
}

/// Whether an endpoint has a public IPv4 address: `Ok(Some(loc))` with the
/// block that gives it one, `Ok(None)` when it has none, `Err` when that
/// is not known.
fn public_v4(lk: &Lookup, i: &Instance, subnet: &Instance) -> Result<Option<Loc>, String> {
    let flag = |v: Option<&Value>, at: &Loc| match v {
        Some(Value::Bool(true)) => Ok(Some(at.clone())),
        Some(Value::Bool(false)) | Some(Value::Null) | None => Ok(None),
        Some(_) => Err("whether it has a public address is known only after apply".to_string()),
    };
    match i.rtype.as_str() {
        "aws_instance" => {
            if let Some(at) = eip_of(lk, i)? {
                return Ok(Some(at));
            }
            match configured(i, "associate_public_ip_address") {
                Some(Value::Null) | None => flag(subnet.attrs.get("map_public_ip_on_launch"), &subnet.loc),
                v => flag(v, &i.loc),
            }
        }
        "aws_db_instance" => flag(configured(i, "publicly_accessible"), &i.loc),
        "aws_ecs_service" => match i.attrs.get("network_configuration") {
            Some(Value::List(nc)) if !nc.is_empty() => {
                let mut out = None;
                for n in nc {
                    if let Some(at) = flag(n.get_attr("assign_public_ip").as_ref(), &block_loc(i, n))? {
                        out = Some(at);
                    }
                }
                Ok(out)
            }
            _ => Err("without network_configuration its tasks use their hosts' addresses, which are not read".into()),
        },
        "aws_lb" | "aws_alb" => match configured(i, "internal") {
            Some(Value::Bool(true)) => Ok(None),
            Some(Value::Bool(false)) | Some(Value::Null) | None => Ok(Some(i.loc.clone())),
            Some(_) => Err("whether it is internet-facing is known only after apply".into()),
        },
        "aws_efs_mount_target" => Ok(None),
        t if t.starts_with("aws_elasticache_") => Ok(None),
        _ => Err("whether it has a public address is not read for this resource type".into()),
    }
}

/// An Elastic IP associated with an instance. An EIP whose instance cannot
/// be told (on a network interface, or known only after apply) may be any
/// instance's: then it is not known.
fn eip_of(lk: &Lookup, i: &Instance) -> Result<Option<Loc>, String> {
    let id = format!("{}.id", i.address);
    let config = crate::terraform::plan::strip_keys(&i.address);
    for (rtype, attrs) in [
        ("aws_eip", ["instance", "network_interface"]),
        (
            "aws_eip_association",
            ["instance_id", "network_interface_id"],
        ),
    ] {
        for e in lk.of_type(rtype) {
            let refs = super::referenced(e, &attrs[..1], "aws_instance");
            if refs.contains(&config) {
                return Ok(Some(e.loc.clone()));
            }
            if !refs.is_empty() {
                continue;
            }
            for a in attrs {
                match e.attrs.get(a) {
                    Some(Value::Unknown(w)) if *w == id => return Ok(Some(e.loc.clone())),
                    Some(Value::Unknown(w)) if w.starts_with("aws_instance.") => {}
                    Some(Value::Null) | None => {}
                    Some(_) => {
                        return Err(format!(
                            "{} may give it a public address (its instance is not known)",
                            e.address
                        ))
                    }
                }
            }
        }
    }
    Ok(None)
}

/// Where a route sends its traffic, as far as exposure goes.
#[derive(PartialEq)]
enum Target {
    Local,
    InternetGateway,
    /// NAT and egress-only gateways: outbound connections only.
    Outbound,
    /// A network that can send in (peering, transit, VPN, ...).
    RoutedIn,
    Unknown,
}

struct Route {
    dests: Vec<String>,
    target: Target,
    what: String,
    at: Loc,
}

fn route_of(v: &Value, resource: Option<&Instance>, what: String, at: Loc) -> Route {
    // A plan's references say what a gateway id unknown until apply is.
    let referenced = |k: &str, what: &str| {
        resource
            .and_then(|r| r.references.get(k))
            .is_some_and(|refs| refs.iter().any(|x| x.contains(what)))
    };
    let get = |k: &str| {
        v.get_attr(k)
            .filter(|x| !matches!(x, Value::Null) && x.as_str() != Some(""))
    };
    let mut dests = Vec::new();
    for k in [
        "cidr_block",
        "ipv6_cidr_block",
        "destination_cidr_block",
        "destination_ipv6_cidr_block",
    ] {
        match get(k) {
            Some(Value::String(c)) => dests.push(c),
            Some(_) => dests.extend(["0.0.0.0/0".to_string(), "::/0".to_string()]),
            None => {}
        }
    }
    if get("destination_prefix_list_id").is_some() || dests.is_empty() {
        // Its addresses are not read: every address, a superset.
        dests.extend(["0.0.0.0/0".to_string(), "::/0".to_string()]);
    }
    let target = if let Some(g) = get("gateway_id") {
        match g {
            Value::String(s) if s == "local" => Target::Local,
            Value::Unknown(w)
                if w.starts_with("aws_internet_gateway.")
                    || w.contains(".aws_internet_gateway.") =>
            {
                Target::InternetGateway
            }
            Value::Unknown(w) if w.contains("aws_vpn_gateway.") => Target::RoutedIn,
            _ if referenced("gateway_id", "aws_internet_gateway.") => Target::InternetGateway,
            _ if referenced("gateway_id", "aws_vpn_gateway.") => Target::RoutedIn,
            _ => Target::Unknown,
        }
    } else if get("nat_gateway_id").is_some() || get("egress_only_gateway_id").is_some() {
        Target::Outbound
    } else if [
        "transit_gateway_id",
        "vpc_peering_connection_id",
        "network_interface_id",
        "vpc_endpoint_id",
        "local_gateway_id",
        "carrier_gateway_id",
        "core_network_arn",
    ]
    .iter()
    .any(|k| get(k).is_some())
    {
        Target::RoutedIn
    } else {
        Target::Unknown
    };
    Route {
        dests,
        target,
        what,
        at,
    }
}

/// The route table of a subnet: its explicit association, else its VPC's
/// main table (an `aws_main_route_table_association`, an
/// `aws_default_route_table`, or the table AWS creates, which has the
/// local route and the `aws_route`s added to it). `Err` when that is not
/// known.
fn routes_of(lk: &Lookup, subnet: &Instance) -> Result<(Vec<Route>, String), String> {
    let sid = format!("{}.id", subnet.address);
    let config = crate::terraform::plan::strip_keys(&subnet.address);
    let mut table: Option<String> = None;
    for a in lk.of_type("aws_route_table_association") {
        let refs = super::referenced(a, &["subnet_id"], "aws_subnet");
        let mine = match a.attrs.get("subnet_id") {
            Some(Value::Unknown(w)) if *w == sid => true,
            // A gateway's association.
            Some(Value::Null) | None => false,
            _ if refs.contains(&config) => {
                if lk.by_config(&config).len() > 1 {
                    return Err(format!(
                        "{} is associated with one of {config}, which one is not known",
                        a.address
                    ));
                }
                true
            }
            _ if !refs.is_empty() => false,
            Some(Value::Unknown(w)) if w.ends_with(".id") && w.contains("aws_subnet.") => false,
            Some(_) => return Err(format!("the subnet of {} is not known", a.address)),
        };
        if mine {
            let t = resolve(lk, a, "route_table_id", &["aws_route_table"])
                .ok_or_else(|| format!("the route table of {} is not known", a.address))?;
            table = Some(t.address.clone());
            break;
        }
    }
    let vpc = resolve(lk, subnet, "vpc_id", &["aws_vpc"])
        .map(|v| v.address.clone())
        .ok_or_else(|| "the VPC of its subnet is not known".to_string())?;
    let main_names = [
        format!("{vpc}.main_route_table_id"),
        format!("{vpc}.default_route_table_id"),
    ];
    let (table_names, what): (Vec<String>, String) = match &table {
        Some(t) => (vec![format!("{t}.id")], t.clone()),
        None => {
            let mut names = main_names.to_vec();
            for m in lk.of_type("aws_main_route_table_association") {
                if let (Some(Value::Unknown(v)), Some(Value::Unknown(t))) =
                    (m.attrs.get("vpc_id"), m.attrs.get("route_table_id"))
                {
                    if *v == format!("{vpc}.id") {
                        names = vec![t.clone()];
                    }
                } else {
                    return Err(format!("{} may make another table the main one", m.address));
                }
            }
            (names, format!("the main route table of {vpc}"))
        }
    };
    let mut routes = Vec::new();
    for t in lk
        .of_type("aws_route_table")
        .chain(lk.of_type("aws_default_route_table"))
    {
        let id = format!("{}.id", t.address);
        let main = matches!(t.attrs.get("default_route_table_id"), Some(Value::Unknown(w)) if main_names.contains(w));
        if !(table_names.contains(&id) || (table.is_none() && main)) {
            continue;
        }
        if let Some(Value::List(rs)) = t.attrs.get("route") {
            for r in rs {
                routes.push(route_of(r, None, t.address.clone(), block_loc(t, r)));
            }
        } else if t.attrs.get("route").is_some_and(Value::is_opaque) {
            return Err(format!(
                "the routes of {} are known only after apply",
                t.address
            ));
        }
    }
    for r in lk.of_type("aws_route") {
        // What its table id stands for: the value (`.tf` files) or a
        // plan's references.
        let mut named: Vec<String> = match r.attrs.get("route_table_id") {
            Some(Value::Unknown(w)) => vec![w.clone()],
            _ => Vec::new(),
        };
        named.extend(
            r.references
                .get("route_table_id")
                .into_iter()
                .flatten()
                .cloned(),
        );
        let mine = named.iter().any(|n| table_names.contains(n));
        let ambiguous = table.as_ref().is_some_and(|t| {
            let keyless = crate::terraform::plan::strip_keys(t);
            keyless != *t
                && named
                    .iter()
                    .any(|n| n.strip_suffix(".id") == Some(keyless.as_str()))
        });
        let known = named.iter().any(|n| {
            n.ends_with(".main_route_table_id")
                || n.ends_with(".default_route_table_id")
                || (n.ends_with(".id") && n.contains("route_table."))
        });
        if mine {
            routes.push(route_of(
                &Value::Map(r.attrs.clone()),
                Some(r),
                r.address.clone(),
                r.loc.clone(),
            ));
        } else if ambiguous || !known {
            return Err(format!("the table of {} is not known", r.address));
        }
    }
    Ok((routes, what))
}

/// Where an endpoint can be reached from at the network layer.
pub(super) fn reach(lk: &Lookup, i: &Instance) -> Reach {
    if i.rtype == "aws_cloudfront_distribution" {
        return Reach::Anywhere("a CloudFront distribution is on the internet".into());
    }
    let Some(subnets) = subnet_instances(lk, i) else {
        return Reach::Unknown("its subnets are not known".into());
    };
    let mut lines: Vec<ReachLine> = Vec::new();
    let add = |lines: &mut Vec<ReachLine>, l: ReachLine| {
        if !lines.iter().any(|o| o.addrs == l.addrs && o.at == l.at) {
            lines.push(l);
        }
    };
    for s in &subnets {
        let Some(vpc) = resolve(lk, s, "vpc_id", &["aws_vpc"]) else {
            return Reach::Unknown(format!(
                "the VPC of {} is not in this configuration",
                s.address
            ));
        };
        let (blocks, unknown) = blocks_of(lk, vpc);
        if unknown {
            return Reach::Unknown(format!(
                "the address blocks of {} are known only after apply",
                vpc.address
            ));
        }
        add(
            &mut lines,
            ReachLine {
                addrs: blocks,
                why: format!("inside {}", vpc.address),
                at: vpc.loc.clone(),
            },
        );
        let (routes, table_name) = match routes_of(lk, s) {
            Ok(r) => r,
            Err(why) => return Reach::Unknown(why),
        };
        // Inline routes already name their table.
        let table = if routes.iter().any(|x| x.what == table_name) {
            String::new()
        } else {
            table_name.clone()
        };
        let mut exposed = false;
        let mut to_igw = false;
        let v4 = match public_v4(lk, i, s) {
            Ok(v) => v,
            Err(why) => return Reach::Unknown(why),
        };
        let v6 = may_have_ipv6(i, s);
        for r in &routes {
            let pick = |v6_only: bool| -> Vec<String> {
                r.dests
                    .iter()
                    .filter(|d| d.contains(':') == v6_only)
                    .cloned()
                    .collect()
            };
            match r.target {
                Target::Local | Target::Outbound => {}
                Target::Unknown => {
                    return Reach::Unknown(format!(
                        "a route of {} goes to a target that is not known",
                        r.what
                    ));
                }
                Target::RoutedIn => add(
                    &mut lines,
                    ReachLine {
                        addrs: r.dests.clone(),
                        why: format!("routed in through {}{}", r.what, paren(&table)),
                        at: r.at.clone(),
                    },
                ),
                Target::InternetGateway => {
                    to_igw = true;
                    if let Some(public) = &v4 {
                        let d = pick(false);
                        if !d.is_empty() {
                            exposed = true;
                            add(&mut lines, ReachLine {
                                addrs: d,
                                why: format!("a public address ({public}) and a route to an internet gateway in {}{}", r.what, paren(&table)),
                                at: r.at.clone(),
                            });
                        }
                    }
                    if v6 {
                        let d = pick(true);
                        if !d.is_empty() {
                            exposed = true;
                            add(
                                &mut lines,
                                ReachLine {
                                    addrs: d,
                                    why: format!(
                                        "IPv6 addresses and a route to an internet gateway in {}{}",
                                        r.what,
                                        paren(&table)
                                    ),
                                    at: r.at.clone(),
                                },
                            );
                        }
                    }
                }
            }
        }
        if !exposed {
            // Say on the VPC's line why the internet cannot reach it.
            let why = if to_igw {
                format!(
                    "; not from the internet: no public address in {}",
                    s.address
                )
            } else {
                format!("; not from the internet: no route to an internet gateway in {table_name}")
            };
            if let Some(l) = lines.iter_mut().find(|l| l.at == vpc.loc) {
                if !l.why.contains(&why) {
                    l.why.push_str(&why);
                }
            }
        }
    }
    Reach::From(lines)
}

fn paren(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" ({s})")
    }
}
