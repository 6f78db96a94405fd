//! Answers an assertion gets before the solver is asked, when interval
//! arithmetic and one replayed request settle it: the sliced graph holds no
//! target at all (nothing can violate it), or a single first hop does. Each
//! trace found here is replayed by the interpreter like a solver's, so this
//! only ever speeds a verdict up.

use super::interp::{self, Context};
use super::states::{egress_ports, StateGraph};
use super::trace::{HeaderText, Hop, Request, Trace};
use crate::model::{AddrSet, Assertion, IntervalSet, Policy, PropertyKind, Target};

/// How many first-hop targets are tried before leaving the rest to the solver.
const MAX_TRIES: usize = 64;

/// A violation (for `path`, a witness) of one hop: the source's lowest
/// address and the lowest port that a listen line of a target admits, with
/// the plainest request (GET `/`, no headers, every opaque check false).
pub fn one_hop(policy: &Policy, a: &Assertion, graph: &StateGraph) -> Option<Trace> {
    let from = policy.nodes.get(a.from)?;
    let ports = match &a.target {
        Target::Node(_, p) | Target::Port(p) => p,
    };
    let starts = graph
        .targets
        .iter()
        .filter(|&&t| graph.states.get(t).is_some_and(|s| s.prev.is_none()))
        .take(MAX_TRIES);
    for &t in starts {
        let node_id = graph.states[t].node;
        let node = policy.nodes.get(node_id)?;
        let reachable = egress_ports(from, node, &from.addrs).intersect(ports);
        // An encrypted hop cannot violate `encrypted`: try plaintext lines.
        let plain_only = a.kind == PropertyKind::Encrypted;
        let lines: Vec<(IntervalSet, AddrSet)> = if node.accepts_everything() {
            vec![(reachable.clone(), node.reachable_part(&from.addrs))]
        } else {
            node.listens
                .iter()
                .filter(|l| !(plain_only && l.tls))
                .map(|l| {
                    // A member of one of the line's groups may send from any address.
                    let sources = if from.member_of_any(&l.groups).is_some() {
                        from.addrs.clone()
                    } else {
                        l.from.intersect(&from.addrs)
                    };
                    (l.ports.intersect(&reachable), node.reachable_part(&sources))
                })
                .collect()
        };
        for (port_set, sources) in lines {
            let (Some(&(port, _)), Some(&(source, _))) =
                (port_set.ranges().first(), sources.ranges().first())
            else {
                continue;
            };
            let request = Request {
                source,
                port,
                method: "GET".into(),
                path: "/".into(),
                headers: vec![HeaderText::Absent; policy.headers.len()],
                opaque: vec![false; policy.opaques.len()],
                secrets: Vec::new(),
            };
            let trace = first_hop(policy, a, node_id, request);
            if interp::replay(policy, a, &trace).is_ok() {
                return Some(trace);
            }
        }
    }
    None
}

/// The one-hop journey of `request` from the assertion's source to `to`,
/// with the lines that let it through, as a decoded model would show it.
fn first_hop(policy: &Policy, a: &Assertion, to: usize, request: Request) -> Trace {
    let (source, port) = (request.source, request.port);
    let node = &policy.nodes[to];
    let sender = &policy.nodes[a.from];
    let tls = interp::hop_is_tls(node, port, source, false, sender);
    let (listen, member) = interp::shown_listen(node, port, source, tls, sender);
    let (egress, acl) = interp::shown_egress_and_acl(policy, sender, node, port, source);
    let ending = interp::ending_at(
        policy,
        node,
        &Context {
            request: &request,
            source,
            port,
            headers: &request.headers,
        },
    );
    Trace {
        hops: vec![Hop {
            from: a.from,
            to,
            port,
            source,
            tls,
            headers: request.headers.clone(),
            rule: None,
            listen,
            member,
            exposure: node.exposure_line(source),
            egress,
            acl,
        }],
        request,
        ending,
    }
}
