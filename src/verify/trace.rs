//! Concrete requests and the hops they take: what a counterexample or a
//! witness is, independent of how it was found.

use std::collections::BTreeMap;

use crate::model::acl::Decision;
use crate::model::{Addr, HeaderId, NodeId, SecretId};
use crate::span::Span;

/// A concrete header value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HeaderText {
    Absent,
    Text(String),
    Secret(SecretId),
}

/// One concrete request as it starts at its source node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// An address key (`model::address`).
    pub source: Addr,
    /// The first hop's port, as a port key.
    pub port: u32,
    pub method: String,
    pub path: String,
    /// Every header the policy mentions, by id.
    pub headers: Vec<HeaderText>,
    /// Every `opaque` check's outcome, by id.
    pub opaque: Vec<bool>,
    /// For each secret, by id, a stand-in that matches exactly the header
    /// value patterns the request assumes the secret's (unknown) value
    /// matches; never the secret itself. Empty when the policy has no
    /// value patterns.
    pub secrets: Vec<String>,
}

/// One hop of a journey, with the policy lines that allowed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    pub from: NodeId,
    pub to: NodeId,
    pub port: u32,
    /// The hop's source address (an address key).
    pub source: Addr,
    pub tls: bool,
    /// The header values the hop carries, by id.
    pub headers: Vec<HeaderText>,
    /// The `forward` rule that sent it (none for the first hop).
    pub rule: Option<Span>,
    /// The `listen` line that admitted it (none for a zone without listens).
    pub listen: Option<Span>,
    /// When the listen line admitted it through a group and not by its
    /// source address: the sender's `member` name that made it a member.
    pub member: Option<Span>,
    /// The target's `reachable from` line that lets the hop's source get to
    /// it, when it has such lines.
    pub exposure: Option<Span>,
    /// The sender's `egress` line that allowed it (none without egress lines).
    pub egress: Option<Span>,
    /// How the hop passed the policy's stateless ACLs (none when the policy
    /// has no `acl`).
    pub acl: Option<AclPassage>,
}

/// The ACL entries a hop's connection met: its request packet to the
/// receiver address `dest`, and the reply from there back to the client
/// port `reply_port`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclPassage {
    pub dest: Addr,
    pub request: Vec<Decision>,
    pub reply: Vec<Decision>,
    /// The ephemeral port (a port key) the reply passed on; `None` when no
    /// reply passes (then `reply` shows one that is dropped).
    pub reply_port: Option<u32>,
}

impl AclPassage {
    pub fn passes(&self) -> bool {
        self.request.iter().all(|d| d.allowed) && self.reply_port.is_some()
    }
}

/// How the journey ends at its last node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Accepted by a service (no deny matched) or a zone.
    Accepted,
    /// Forwarded onwards by a proxy's rule.
    Forwarded(Span),
    /// Denied by a rule (only for `no connection`, which ignores rules).
    Denied(Span),
    /// Dropped by a proxy: no rule matched.
    Dropped,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    pub request: Request,
    pub hops: Vec<Hop>,
    pub ending: Ending,
}

impl Trace {
    pub fn header_map(&self, names: &[String]) -> BTreeMap<String, HeaderText> {
        names
            .iter()
            .cloned()
            .zip(self.request.headers.iter().cloned())
            .collect()
    }
}

pub fn header_id_of(names: &[String], name: &str) -> Option<HeaderId> {
    names.iter().position(|n| n == name)
}
