//! Stateless ACLs (AWS network ACLs), in one place: the checked form of an
//! `acl` statement and the concrete semantics of a packet crossing it, which
//! the interpreter uses and a reviewer can hold against AWS's documentation.
//!
//! - The entries of each direction are tried in ascending number; the first
//!   whose ports hold the packet's destination port and whose addresses hold
//!   the packet's other end decides; none matching is a deny.
//! - A packet crosses an ACL when exactly one of its ends is covered: it
//!   leaves (outbound entries, matched on its receiver) or enters (inbound
//!   entries, matched on its sender). A packet between two covered addresses
//!   stays inside (one subnet) and is not filtered.
//! - A packet passes when it passes every ACL it crosses (several may cover
//!   one address: a subnet's and a wider one's).
//! - A connection from `a` to `b` on port `p` exists when the request packet
//!   passes, and a reply from `b` (source port `p`) to `a` on some client
//!   ephemeral port 1024-65535 of the same protocol passes too.

use super::address::{Addr, AddrSet};
use super::intervals::{key_protocol, port_key, IntervalSet};
use crate::span::Span;
use crate::syntax::ast::{AclDirection, Protocol};

/// The highest rule number AWS accepts (32767 is its implicit deny).
pub const MAX_RULE_NUMBER: u32 = 32766;

/// The client ports a reply goes back to.
pub const EPHEMERAL: (u16, u16) = (1024, 65535);

#[derive(Debug, Clone)]
pub struct Acl {
    pub name: String,
    /// The name in the declaration.
    pub span: Span,
    pub covers: AddrSet,
    /// In ascending number.
    pub inbound: Vec<AclEntry>,
    /// In ascending number.
    pub outbound: Vec<AclEntry>,
}

#[derive(Debug, Clone)]
pub struct AclEntry {
    pub number: u32,
    pub allow: bool,
    /// Destination ports of the packet, as port keys.
    pub ports: IntervalSet,
    /// The packet's other end: sender (inbound) or receiver (outbound).
    pub remote: AddrSet,
    pub span: Span,
}

impl AclEntry {
    pub fn matches(&self, remote: Addr, port: u32) -> bool {
        self.ports.contains(port) && self.remote.contains(remote)
    }
}

/// What decided one packet at one ACL: an entry, or the implicit deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub acl: usize,
    pub direction: AclDirection,
    /// Index into the direction's entries; `None`: the implicit deny.
    pub entry: Option<usize>,
    pub allowed: bool,
}

impl Acl {
    pub fn entries(&self, d: AclDirection) -> &[AclEntry] {
        match d {
            AclDirection::Inbound => &self.inbound,
            AclDirection::Outbound => &self.outbound,
        }
    }

    /// The first entry of direction `d` matching, or the implicit deny.
    pub fn decide(&self, index: usize, d: AclDirection, remote: Addr, port: u32) -> Decision {
        let entry = self.entries(d).iter().position(|e| e.matches(remote, port));
        Decision {
            acl: index,
            direction: d,
            entry,
            allowed: entry.is_some_and(|i| self.entries(d)[i].allow),
        }
    }

    pub fn entry(&self, d: &Decision) -> Option<&AclEntry> {
        self.entries(d.direction).get(d.entry?)
    }
}

/// Every ACL decision a packet from `src` to `dst` on destination port
/// `port` meets, in declaration order; it passes when all allow.
pub fn crossings(acls: &[Acl], src: Addr, dst: Addr, port: u32) -> Vec<Decision> {
    let mut out = Vec::new();
    for (i, acl) in acls.iter().enumerate() {
        let (from_in, to_in) = (acl.covers.contains(src), acl.covers.contains(dst));
        if from_in && !to_in {
            out.push(acl.decide(i, AclDirection::Outbound, dst, port));
        } else if to_in && !from_in {
            out.push(acl.decide(i, AclDirection::Inbound, src, port));
        }
    }
    out
}

/// Whether every decision allows.
pub fn passes(decisions: &[Decision]) -> bool {
    decisions.iter().all(|d| d.allowed)
}

/// How a connection from `a` to `b` on port key `port` fares: the request's
/// decisions, and the reply's (with the client port it went back to) or, when
/// no ephemeral port lets a reply through, the decisions of the reply to the
/// lowest one, 1024 (`None` for the port).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub request: Vec<Decision>,
    pub reply: Vec<Decision>,
    pub reply_port: Option<u32>,
}

impl Connection {
    pub fn passes(&self) -> bool {
        passes(&self.request) && self.reply_port.is_some()
    }
}

/// The ephemeral ports worth trying for a reply to `a` from `b`: every
/// point where an entry that could see the reply starts or stops matching,
/// so that each stretch between them behaves as one of the points does.
fn reply_ports(acls: &[Acl], a: Addr, b: Addr, protocol: Protocol) -> Vec<u32> {
    let (lo, hi) = (
        port_key(protocol, EPHEMERAL.0),
        port_key(protocol, EPHEMERAL.1),
    );
    let mut points = vec![lo, hi];
    let crossed = acls
        .iter()
        .filter(|acl| acl.covers.contains(a) != acl.covers.contains(b));
    for acl in crossed {
        for e in acl.inbound.iter().chain(&acl.outbound) {
            for &(s, t) in e.ports.ranges() {
                for p in [s, t.saturating_add(1), s.saturating_sub(1), t] {
                    if (lo..=hi).contains(&p) {
                        points.push(p);
                    }
                }
            }
        }
    }
    points.sort_unstable();
    points.dedup();
    points
}

/// The ACL fate of a connection from `a` to `b` on port key `port`.
pub fn connection(acls: &[Acl], a: Addr, b: Addr, port: u32) -> Connection {
    let request = crossings(acls, a, b, port);
    let mut shown = None;
    for e in reply_ports(acls, a, b, key_protocol(port)) {
        let reply = crossings(acls, b, a, e);
        if passes(&reply) {
            return Connection {
                request,
                reply,
                reply_port: Some(e),
            };
        }
        shown.get_or_insert(reply);
    }
    Connection {
        request,
        reply: shown.unwrap_or_default(),
        reply_port: None,
    }
}
