//! A concrete evaluator of the semantics in the language reference, section
//! 3, kept deliberately plain: one request, one hop at a time, no solver.
//! It replays every counterexample and witness before they are reported,
//! and it is the oracle the differential tests compare the solver with.
//! It shares nothing with the encoder's value classes (`domain.rs`): the
//! requests it tries are enumerated by [`space`] on its own.

pub mod space;

use std::collections::VecDeque;

use super::trace::{AclPassage, Ending, HeaderText, Request, Trace};
use crate::model::{
    Action, Addr, Assertion, Block, Cond, Edit, Egress, Family, Listen, Node, NodeId, Policy,
    PropertyKind, Rule, Tail, Target, Value,
};
use crate::span::Span;
use crate::syntax::ast::NodeKind;

/// What a rule condition sees: the request's fixed parts and the current hop.
pub struct Context<'a> {
    pub request: &'a Request,
    pub source: Addr,
    pub port: u32,
    pub headers: &'a [HeaderText],
}

pub fn eval(policy: &Policy, c: &Cond, cx: &Context) -> bool {
    match c {
        Cond::True => true,
        Cond::HeaderEq(h, v) => cx
            .headers
            .get(*h)
            .is_some_and(|cur| value_matches(policy, cur, *v)),
        Cond::HeaderPresent(h) => cx.headers.get(*h).is_some_and(|v| *v != HeaderText::Absent),
        Cond::HeaderMatch(h, ps) => {
            // A secret's value is unknown: the request says which patterns
            // it is taken to match, through a stand-in string.
            let text = match cx.headers.get(*h) {
                Some(HeaderText::Text(t)) => Some(t.as_str()),
                Some(HeaderText::Secret(s)) => cx.request.secrets.get(*s).map(String::as_str),
                _ => None,
            };
            text.is_some_and(|t| {
                ps.iter().any(|p| {
                    policy
                        .patterns
                        .get(*p)
                        .is_some_and(|p| crate::model::pattern::wildcard_match(p, t, true))
                })
            })
        }
        Cond::Path(globs) => globs.iter().any(|g| {
            policy
                .globs
                .get(*g)
                .is_some_and(|g| g.matches(&cx.request.path))
        }),
        Cond::Source(set) => set.contains(cx.source),
        Cond::Port(set) => set.contains(cx.port),
        Cond::Method(ms) => ms
            .iter()
            .any(|m| policy.methods.get(*m) == Some(&cx.request.method)),
        Cond::Opaque(o) => cx.request.opaque.get(*o).copied().unwrap_or(false),
        Cond::Not(inner) => !eval(policy, inner, cx),
        Cond::And(items) => items.iter().all(|i| eval(policy, i, cx)),
        Cond::Or(items) => items.iter().any(|i| eval(policy, i, cx)),
    }
}

fn value_matches(policy: &Policy, cur: &HeaderText, v: Value) -> bool {
    match (cur, v) {
        (HeaderText::Secret(a), Value::Secret(b)) => *a == b,
        (HeaderText::Text(t), Value::Literal(l)) => policy.literals.get(l) == Some(t),
        _ => false,
    }
}

/// The `on` block that applies to requests arriving on `port`.
pub fn block_for(node: &Node, port: u32) -> Option<&Block> {
    node.blocks.iter().find(|b| b.ports.contains(port))
}

/// The first rule matching the request, if any.
pub fn first_match<'n>(policy: &Policy, node: &'n Node, cx: &Context) -> Option<&'n Rule> {
    block_for(node, cx.port)?
        .rules
        .iter()
        .find(|r| eval(policy, &r.guard, cx))
}

/// The listen line admitting a hop, or `Ok(None)` for a zone that accepts
/// everything; `Err(())` when nothing admits it.
#[allow(clippy::result_unit_err)]
pub fn admitting_listen<'n>(
    node: &'n Node,
    port: u32,
    source: Addr,
    sender: &Node,
) -> Result<Option<&'n Listen>, ()> {
    // Exposure comes first: a hop that cannot get to the node at all is
    // admitted by nothing.
    if !node.reachable_from(source) {
        return Err(());
    }
    if node.accepts_everything() {
        return Ok(None);
    }
    node.listens
        .iter()
        .find(|l| l.ports.contains(port) && l.admits(source, sender))
        .map(Some)
        .ok_or(())
}

/// The listen line to show as admitting a hop (one whose encryption is the
/// hop's, when several admit it) and, when that line admits the sender as a
/// group member rather than by its source address, the sender's `member`
/// name that makes it one.
pub fn shown_listen(
    to: &Node,
    port: u32,
    source: Addr,
    tls: bool,
    sender: &Node,
) -> (Option<Span>, Option<Span>) {
    let line = to
        .listens
        .iter()
        .filter(|l| l.ports.contains(port) && l.admits(source, sender))
        .min_by_key(|l| (l.tls != tls, !l.from.contains(source)));
    let member = line
        .filter(|l| !l.from.contains(source))
        .and_then(|l| sender.member_of_any(&l.groups))
        .map(|(_, span)| span);
    (line.map(|l| l.span), member)
}

/// A hop is encrypted when its forward says `tls` or every admitting listen line does.
pub fn hop_is_tls(node: &Node, port: u32, source: Addr, forward_tls: bool, sender: &Node) -> bool {
    if forward_tls {
        return true;
    }
    if node.accepts_everything() {
        return false;
    }
    let admitting: Vec<&Listen> = node
        .listens
        .iter()
        .filter(|l| l.ports.contains(port) && l.admits(source, sender))
        .collect();
    !admitting.is_empty() && admitting.iter().all(|l| l.tls)
}

/// The sender's egress line allowing a hop from `source` to some address of
/// `to` on `port`, or `Ok(None)` when the sender has no egress lines. A hop
/// goes to an address of the same family as its source, so a node without
/// such an address cannot be sent to at all.
#[allow(clippy::result_unit_err)]
pub fn allowing_egress<'a>(
    from: &'a Node,
    to: &Node,
    port: u32,
    source: Addr,
) -> Result<Option<&'a Egress>, ()> {
    // The addresses of `to` of the source's family, without building them
    // (this runs for every hop of every request replayed).
    let family = Family::of(source).all();
    let (lo, hi) = family.ranges()[0];
    if !to.addrs.intersects_in(&family, lo, hi) {
        return Err(());
    }
    match &from.egress {
        None => Ok(None),
        Some(lines) => lines
            .iter()
            .find(|e| {
                e.ports.contains(port)
                    && (e.to.intersects_in(&to.addrs, lo, hi)
                        || to.member_of_any(&e.groups).is_some())
            })
            .map(Some)
            .ok_or(()),
    }
}

/// Whether `from`'s egress lets it send to the address `dest` of `to` on
/// `port`: the line that does, `Ok(None)` without egress lines.
#[allow(clippy::result_unit_err)]
pub fn egress_to<'a>(
    from: &'a Node,
    to: &Node,
    port: u32,
    dest: Addr,
) -> Result<Option<&'a Egress>, ()> {
    match &from.egress {
        None => Ok(None),
        Some(lines) => lines
            .iter()
            .find(|e| {
                e.ports.contains(port)
                    && (e.to.contains(dest) || to.member_of_any(&e.groups).is_some())
            })
            .map(Some)
            .ok_or(()),
    }
}

/// How a hop from `source` to `to` on `port` fares at the stateless ACLs:
/// `Ok(None)` when the policy has none; otherwise the connection to the
/// first address of `receivers` that is one of `to`'s, of the source's
/// family, allowed by `from`'s egress, and whose request and reply both
/// pass (`Ok`), or, when none passes, the first one tried (`Err`, `None`
/// when there was no address to try).
#[allow(clippy::result_large_err)]
pub fn acl_passage(
    policy: &Policy,
    from: &Node,
    to: &Node,
    port: u32,
    source: Addr,
    receivers: &[Addr],
) -> Result<Option<AclPassage>, Option<AclPassage>> {
    if policy.acls.is_empty() {
        return Ok(None);
    }
    let mut first = None;
    for &dest in receivers {
        if !to.addrs.contains(dest)
            || Family::of(dest) != Family::of(source)
            || egress_to(from, to, port, dest).is_err()
        {
            continue;
        }
        let c = crate::model::acl::connection(&policy.acls, source, dest, port);
        let passage = AclPassage {
            dest,
            request: c.request.clone(),
            reply: c.reply.clone(),
            reply_port: c.reply_port,
        };
        if c.passes() {
            return Ok(Some(passage));
        }
        first.get_or_insert(passage);
    }
    Err(first)
}

/// The egress line and the ACL passage to show for a hop that exists: the
/// passage found over the policy's sample addresses, and the egress line
/// that lets the sender send to its receiver address.
pub fn shown_egress_and_acl(
    policy: &Policy,
    sender: &Node,
    to: &Node,
    port: u32,
    source: Addr,
) -> (Option<Span>, Option<AclPassage>) {
    let passage = if policy.acls.is_empty() {
        None
    } else {
        let receivers = space::sample_addresses(&[policy]);
        acl_passage(policy, sender, to, port, source, &receivers)
            .ok()
            .flatten()
    };
    let egress = match &passage {
        Some(p) => egress_to(sender, to, port, p.dest),
        None => allowing_egress(sender, to, port, source),
    };
    (egress.ok().flatten().map(|e| e.span), passage)
}

/// Whether a hop passes the ACLs, trying the receiver addresses `receivers`.
fn acl_allows(
    policy: &Policy,
    from: &Node,
    to: &Node,
    port: u32,
    source: Addr,
    receivers: &[Addr],
) -> bool {
    acl_passage(policy, from, to, port, source, receivers).is_ok()
}

pub fn apply_edits(headers: &mut [HeaderText], edits: &[Edit], policy: &Policy) {
    for e in edits {
        match *e {
            Edit::Set(h, v) => {
                if let Some(slot) = headers.get_mut(h) {
                    *slot = match v {
                        Value::Secret(s) => HeaderText::Secret(s),
                        Value::Literal(l) => {
                            HeaderText::Text(policy.literals.get(l).cloned().unwrap_or_default())
                        }
                    };
                }
            }
            Edit::Remove(h) => {
                if let Some(slot) = headers.get_mut(h) {
                    *slot = HeaderText::Absent;
                }
            }
        }
    }
}

/// Whether a node and port are what the assertion's target names.
pub fn is_target(policy: &Policy, target: &Target, node: NodeId, port: u32) -> bool {
    match target {
        Target::Node(n, ports) => *n == node && ports.contains(port),
        Target::Port(ports) => {
            ports.contains(port)
                && policy
                    .nodes
                    .get(node)
                    .is_some_and(|n| n.kind != NodeKind::Zone)
        }
    }
}

/// Whether the request may start at `from` at all: its source is one of the
/// node's addresses and it carries no secret the node does not know.
pub fn valid_start(policy: &Policy, from: NodeId, req: &Request) -> bool {
    let Some(node) = policy.nodes.get(from) else {
        return false;
    };
    node.addrs.contains(req.source)
        && req.headers.iter().all(|h| match h {
            HeaderText::Secret(s) => node.knows.contains(s),
            _ => true,
        })
        && req.headers.len() == policy.headers.len()
        && req.opaque.len() == policy.opaques.len()
}

/// The start condition of an assertion: `where`, and for `requires` the
/// negated requirement (a counterexample violates it).
pub fn start_matches(policy: &Policy, a: &Assertion, req: &Request) -> bool {
    let cx = Context {
        request: req,
        source: req.source,
        port: req.port,
        headers: &req.headers,
    };
    let where_ok = eval(policy, &a.where_, &cx);
    match &a.tail {
        Tail::Requires(c) => where_ok && !eval(policy, c, &cx),
        _ => where_ok,
    }
}

/// How the request ends at a node it was delivered to.
pub fn ending_at(policy: &Policy, node: &Node, cx: &Context) -> Ending {
    match node.kind {
        NodeKind::Zone => Ending::Accepted,
        NodeKind::Service => match first_match(policy, node, cx) {
            Some(r) => Ending::Denied(r.span),
            None => Ending::Accepted,
        },
        NodeKind::Proxy => match first_match(policy, node, cx) {
            Some(Rule {
                action: Action::Forward(_),
                span,
                ..
            }) => Ending::Forwarded(*span),
            Some(r) => Ending::Denied(r.span),
            None => Ending::Dropped,
        },
    }
}

/// Checks that a trace is a real journey of its request that violates the
/// assertion (or, for `path`, witnesses it). `Err` says which step fails.
pub fn replay(policy: &Policy, a: &Assertion, trace: &Trace) -> Result<(), String> {
    let req = &trace.request;
    if !valid_start(policy, a.from, req) {
        return Err("the request cannot start at its source node".into());
    }
    if !start_matches(policy, a, req) {
        return Err("the request does not meet the assertion's start condition".into());
    }
    let Some(first) = trace.hops.first() else {
        return Err("the journey has no hop".into());
    };
    if first.from != a.from || first.source != req.source || first.port != req.port {
        return Err("the first hop does not start as the request does".into());
    }
    let mut headers = req.headers.clone();
    let mut plaintext = false;
    for (i, hop) in trace.hops.iter().enumerate() {
        let (Some(from), Some(to)) = (policy.nodes.get(hop.from), policy.nodes.get(hop.to)) else {
            return Err(format!("hop {} names an unknown node", i + 1));
        };
        if let Tail::Via(n) = a.tail {
            if hop.from == n || hop.to == n {
                return Err(format!("hop {} passes the waypoint", i + 1));
            }
        }
        if i > 0 {
            // The previous node must forward this hop by its first matching rule.
            let prev = &trace.hops[i - 1];
            let cx = Context {
                request: req,
                source: prev.source,
                port: prev.port,
                headers: &headers,
            };
            let Some(rule) = first_match(policy, from, &cx) else {
                return Err(format!(
                    "no rule of `{}` matches before hop {}",
                    from.name,
                    i + 1
                ));
            };
            let Action::Forward(f) = &rule.action else {
                return Err(format!(
                    "`{}` denies the request before hop {}",
                    from.name,
                    i + 1
                ));
            };
            if !f.targets.contains(&(hop.to, hop.port)) || Some(rule.span) != hop.rule {
                return Err(format!(
                    "hop {} is not what `{}`'s first matching rule forwards",
                    i + 1,
                    from.name
                ));
            }
            if !from.addrs.contains(hop.source) {
                return Err(format!(
                    "hop {} has a source outside `{}`",
                    i + 1,
                    from.name
                ));
            }
            apply_edits(&mut headers, &f.edits, policy);
            if hop_is_tls(to, hop.port, hop.source, f.tls, from) != hop.tls {
                return Err(format!(
                    "hop {} is reported with the wrong encryption",
                    i + 1
                ));
            }
        } else if hop_is_tls(to, hop.port, hop.source, false, from) != hop.tls {
            return Err("the first hop is reported with the wrong encryption".into());
        }
        if hop.headers != headers {
            return Err(format!(
                "hop {} carries other header values than the rules give",
                i + 1
            ));
        }
        if allowing_egress(from, to, hop.port, hop.source).is_err() {
            return Err(format!(
                "`{}`'s egress does not allow hop {}",
                from.name,
                i + 1
            ));
        }
        if admitting_listen(to, hop.port, hop.source, from).is_err() {
            return Err(format!("`{}` does not admit hop {}", to.name, i + 1));
        }
        if !policy.acls.is_empty() {
            // The reported receiver address must take the connection
            // through every ACL, as the reported entries say.
            let Some(p) = &hop.acl else {
                return Err(format!("hop {} does not say how it passes the ACLs", i + 1));
            };
            let again = acl_passage(policy, from, to, hop.port, hop.source, &[p.dest]);
            if again != Ok(Some(p.clone())) {
                return Err(format!("hop {} does not pass the ACLs it crosses", i + 1));
            }
        }
        plaintext |= !hop.tls;
    }
    let last = trace.hops.last().ok_or("empty journey")?;
    if !is_target(policy, &a.target, last.to, last.port) {
        return Err("the journey does not end at the target".into());
    }
    let Some(end) = policy.nodes.get(last.to) else {
        return Err("unknown last node".into());
    };
    let cx = Context {
        request: req,
        source: last.source,
        port: last.port,
        headers: &headers,
    };
    let ending = ending_at(policy, end, &cx);
    if ending != trace.ending {
        return Err("the journey ends differently from what is reported".into());
    }
    let reaches = matches!(ending, Ending::Accepted | Ending::Forwarded(_));
    match a.kind {
        PropertyKind::NoConnection => Ok(()),
        PropertyKind::Encrypted if !plaintext => {
            Err("every hop of the journey is encrypted".into())
        }
        _ if !reaches => Err("the request is not accepted at the target".into()),
        _ => Ok(()),
    }
}

/// One node and port a request got to, and how.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Arrival {
    pub node: NodeId,
    pub port: u32,
    /// Its rules accepted (service, zone) or forwarded (proxy) it.
    pub reached: bool,
    /// Some hop on the way there was plaintext.
    pub plaintext: bool,
}

/// Everything one concrete request can get to from `from`, over every choice
/// of forwarding source address (one per address class). `avoid` removes a
/// node from the network (for `via`). Terminates: the states are finite.
pub fn explore(
    policy: &Policy,
    from: NodeId,
    req: &Request,
    avoid: Option<NodeId>,
) -> Vec<Arrival> {
    let reps = space::sample_addresses(&[policy]);
    explore_with(policy, from, req, avoid, &reps)
}

/// [`explore`], trying the forwarding source addresses in `sources` (those
/// of the forwarding node among them); `sources` must hold a member of every
/// class of addresses the policy's sets tell apart.
pub fn explore_with(
    policy: &Policy,
    from: NodeId,
    req: &Request,
    avoid: Option<NodeId>,
    sources: &[Addr],
) -> Vec<Arrival> {
    let reps = sources;
    let mut out = Vec::new();
    let mut seen: rustc_hash::FxHashSet<(NodeId, u32, Addr, Vec<HeaderText>, bool)> =
        rustc_hash::FxHashSet::default();
    // (previous node, node, port, source, headers, plaintext so far)
    let mut queue: VecDeque<(NodeId, NodeId, u32, Addr, Vec<HeaderText>, bool)> = VecDeque::new();
    let Some(start) = policy.nodes.get(from) else {
        return out;
    };
    if Some(from) == avoid {
        return out;
    }
    for (b, node) in policy.nodes.iter().enumerate() {
        if Some(b) == avoid {
            continue;
        }
        // The receiver's listen lines first: few nodes listen on a port.
        if admitting_listen(node, req.port, req.source, start).is_ok()
            && allowing_egress(start, node, req.port, req.source).is_ok()
            && acl_allows(policy, start, node, req.port, req.source, reps)
        {
            let tls = hop_is_tls(node, req.port, req.source, false, start);
            queue.push_back((from, b, req.port, req.source, req.headers.clone(), !tls));
        }
    }
    while let Some((_prev, node_id, port, source, headers, plaintext)) = queue.pop_front() {
        if !seen.insert((node_id, port, source, headers.clone(), plaintext)) {
            continue;
        }
        let Some(node) = policy.nodes.get(node_id) else {
            continue;
        };
        let cx = Context {
            request: req,
            source,
            port,
            headers: &headers,
        };
        let ending = ending_at(policy, node, &cx);
        out.push(Arrival {
            node: node_id,
            port,
            reached: matches!(ending, Ending::Accepted | Ending::Forwarded(_)),
            plaintext,
        });
        let Some(Rule {
            action: Action::Forward(f),
            ..
        }) = first_match(policy, node, &cx)
        else {
            continue;
        };
        let mut next_headers = headers.clone();
        apply_edits(&mut next_headers, &f.edits, policy);
        // The request may go to any of the rule's targets.
        for &(target_id, port) in &f.targets {
            if Some(target_id) == avoid {
                continue;
            }
            let Some(target) = policy.nodes.get(target_id) else {
                continue;
            };
            for &src in reps.iter().filter(|&&a| node.addrs.contains(a)) {
                if allowing_egress(node, target, port, src).is_ok()
                    && admitting_listen(target, port, src, node).is_ok()
                    && acl_allows(policy, node, target, port, src, reps)
                {
                    let tls = hop_is_tls(target, port, src, f.tls, node);
                    queue.push_back((
                        node_id,
                        target_id,
                        port,
                        src,
                        next_headers.clone(),
                        plaintext || !tls,
                    ));
                }
            }
        }
    }
    out
}

/// Whether one concrete request violates the assertion (for `path`: whether
/// it witnesses it), by exhaustive exploration.
pub fn request_hits(policy: &Policy, a: &Assertion, req: &Request) -> bool {
    request_hits_with(policy, a, req, &space::sample_addresses(&[policy]))
}

/// [`request_hits`] with the forwarding sources to try (see [`explore_with`]).
pub fn request_hits_with(policy: &Policy, a: &Assertion, req: &Request, sources: &[Addr]) -> bool {
    if !valid_start(policy, a.from, req) || !start_matches(policy, a, req) {
        return false;
    }
    let avoid = match a.tail {
        Tail::Via(n) => Some(n),
        _ => None,
    };
    explore_with(policy, a.from, req, avoid, sources)
        .iter()
        .any(|arr| {
            is_target(policy, &a.target, arr.node, arr.port)
                && match a.kind {
                    PropertyKind::NoConnection => true,
                    PropertyKind::Encrypted => arr.reached && arr.plaintext,
                    _ => arr.reached,
                }
        })
}

pub use space::{exhaustive, TooLarge};
