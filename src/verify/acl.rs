//! Which hops the stateless ACLs let through, by interval arithmetic: for a
//! sender and a receiver, the sender's addresses cut into pieces that every
//! ACL treats alike, each with the ports on which a connection from it
//! passes (the request, and a reply to some ephemeral port) to some
//! receiver address the sender's egress may send to. The state graph and
//! the encoder use these sets; the interpreter decides the same question
//! one packet at a time (`model::acl`), and the differential tests compare.
//!
//! The result depends on the sender, the receiver and the port only, all
//! part of a state: the receiver's address is chosen anew for each hop and
//! constrains nothing else, so the argument of `states.rs` (one source per
//! state) still holds.

use crate::model::acl::{Acl, EPHEMERAL};
use crate::model::{all_ports, port_key, AddrSet, Family, IntervalSet, Node, Policy};
use crate::syntax::ast::{AclDirection, Protocol};

/// The sender's addresses (within `sources`) as sets, each with the ports on
/// which a hop from them to `receiver` passes every ACL it crosses; `None`
/// when no ACL covers an address of either end (nothing to check). Address
/// sets with no passing port are left out.
pub fn passing(
    policy: &Policy,
    sender: &Node,
    receiver: &Node,
    sources: &AddrSet,
) -> Option<Vec<(AddrSet, IntervalSet)>> {
    let acls: Vec<&Acl> = policy
        .acls
        .iter()
        .filter(|x| x.covers.intersects(sources) || x.covers.intersects(&receiver.addrs))
        .collect();
    if acls.is_empty() {
        return None;
    }
    let mut cuts: Vec<u128> = Vec::new();
    let mut add = |s: &AddrSet| {
        for &(lo, hi) in s.ranges() {
            cuts.push(lo);
            cuts.extend(hi.checked_add(1));
        }
    };
    add(&Family::V6.all());
    // Within a receiver piece, the egress lines allow the same ports.
    for e in sender.egress.iter().flatten() {
        add(&e.to);
    }
    for x in &acls {
        add(&x.covers);
        for e in x.inbound.iter().chain(&x.outbound) {
            add(&e.remote);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let a_pieces = pieces(sources, &cuts);
    let b_pieces = pieces(&receiver.addrs, &cuts);
    // The ports on which the sender may send to each receiver piece.
    let egress: Vec<IntervalSet> = b_pieces
        .iter()
        .map(|&(b, _)| egress_ports_to(sender, receiver, b))
        .collect();
    let mut out: Vec<(AddrSet, IntervalSet)> = Vec::new();
    for &(alo, ahi) in &a_pieces {
        let family = Family::of(alo);
        let mut ports = IntervalSet::empty();
        for (k, &(b, _)) in b_pieces.iter().enumerate() {
            if Family::of(b) != family || egress[k].is_empty() {
                continue;
            }
            let request = request_ports(&acls, alo, b).intersect(&egress[k]);
            if request.is_empty() {
                continue;
            }
            ports = ports.union(&request.intersect(&reply_protocols(&acls, alo, b)));
        }
        if ports.is_empty() {
            continue;
        }
        let set = AddrSet::range(alo, ahi);
        match out.iter_mut().find(|(_, p)| *p == ports) {
            Some((s, _)) => *s = s.union(&set),
            None => out.push((set, ports)),
        }
    }
    Some(out)
}

/// The sources among `sources` from which a hop to `receiver` on `port`
/// passes the ACLs (all of them when no ACL can be crossed).
pub fn passing_on(
    policy: &Policy,
    sender: &Node,
    receiver: &Node,
    port: u32,
    sources: &AddrSet,
) -> AddrSet {
    match passing(policy, sender, receiver, sources) {
        None => sources.clone(),
        Some(options) => options
            .iter()
            .filter(|(_, p)| p.contains(port))
            .fold(AddrSet::empty(), |acc, (s, _)| acc.union(s)),
    }
}

/// `set` cut at `cuts` (sorted), as ranges.
fn pieces(set: &AddrSet, cuts: &[u128]) -> Vec<(u128, u128)> {
    let mut out = Vec::new();
    for &(lo, hi) in set.ranges() {
        let mut start = lo;
        let first = cuts.partition_point(|&c| c <= lo);
        for &c in &cuts[first..] {
            if c > hi {
                break;
            }
            out.push((start, c - 1));
            start = c;
        }
        out.push((start, hi));
    }
    out
}

/// Ports on which `sender`'s egress lets it send to the receiver address `b`.
fn egress_ports_to(sender: &Node, receiver: &Node, b: u128) -> IntervalSet {
    match &sender.egress {
        None => all_ports(),
        Some(lines) => lines
            .iter()
            .filter(|e| e.to.contains(b) || receiver.member_of_any(&e.groups).is_some())
            .fold(IntervalSet::empty(), |acc, e| acc.union(&e.ports)),
    }
}

/// The destination ports one direction's entries allow for packets whose
/// other end is `remote`: walking the entries in order, each takes the
/// ports it matches that no earlier entry took.
fn allowed_ports(acl: &Acl, d: AclDirection, remote: u128) -> IntervalSet {
    let mut left = all_ports();
    let mut allowed = IntervalSet::empty();
    for e in acl.entries(d) {
        if !e.remote.contains(remote) {
            continue;
        }
        let taken = left.intersect(&e.ports);
        if e.allow {
            allowed = allowed.union(&taken);
        }
        left = left.difference(&taken);
    }
    allowed
}

/// The destination ports on which a packet from `src` to `dst` passes every
/// ACL it crosses.
fn packet_ports(acls: &[&Acl], src: u128, dst: u128) -> IntervalSet {
    let mut ports = all_ports();
    for x in acls {
        let (from_in, to_in) = (x.covers.contains(src), x.covers.contains(dst));
        if from_in && !to_in {
            ports = ports.intersect(&allowed_ports(x, AclDirection::Outbound, dst));
        } else if to_in && !from_in {
            ports = ports.intersect(&allowed_ports(x, AclDirection::Inbound, src));
        }
    }
    ports
}

fn request_ports(acls: &[&Acl], a: u128, b: u128) -> IntervalSet {
    packet_ports(acls, a, b)
}

/// The ports of the protocols for which a reply from `b` to `a` passes on
/// some ephemeral port of that protocol (a reply keeps its request's).
fn reply_protocols(acls: &[&Acl], a: u128, b: u128) -> IntervalSet {
    let back = packet_ports(acls, b, a);
    [Protocol::Tcp, Protocol::Udp]
        .iter()
        .filter(|&&p| {
            back.intersects(&IntervalSet::range(
                port_key(p, EPHEMERAL.0),
                port_key(p, EPHEMERAL.1),
            ))
        })
        .fold(IntervalSet::empty(), |acc, &p| {
            acc.union(&IntervalSet::range(port_key(p, 0), port_key(p, u16::MAX)))
        })
}
