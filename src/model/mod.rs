//! The checked network model: names resolved, address and port sets
//! evaluated to interval sets, rules compiled to conditions over interned
//! headers, globs, literals and secrets. [`CheckedPolicy`] is the only way
//! into the verifier.

pub mod acl;
pub mod address;
mod check;
pub mod intervals;
mod lints;
pub mod pattern;

use std::ops::Deref;

pub use address::{Addr, AddrSet, Family};
pub use check::{check, check_within, Limits, MAX_ADDR_DEPTH};
pub use intervals::{all_ports, key_port, key_protocol, port_key, IntervalSet};
pub use lints::always;

use crate::span::Span;
pub use crate::syntax::ast::{NodeKind, PropertyKind};

pub type NodeId = usize;
pub type SecretId = usize;
pub type HeaderId = usize;
pub type LiteralId = usize;
pub type OpaqueId = usize;
pub type MethodId = usize;
pub type GlobId = usize;
pub type GroupId = usize;
pub type PatternId = usize;

/// Query-string parameters (`query KEY ...`) are fields of the request kept
/// beside its headers, under their key with this prefix, which no header
/// name can start with. No `set header` can write one, so each keeps its
/// starting value for the whole journey, as a query string does.
pub const QUERY_PREFIX: &str = "?";

#[derive(Debug, Clone)]
pub struct Policy {
    pub name: Option<String>,
    pub nodes: Vec<Node>,
    pub secrets: Vec<Secret>,
    pub groups: Vec<Group>,
    pub lets: Vec<LetDef>,
    /// Header names, lower case; query parameters too, as `?key`
    /// ([`QUERY_PREFIX`]).
    pub headers: Vec<String>,
    pub literals: Vec<String>,
    pub opaques: Vec<String>,
    /// `opaque NAME = COND` definitions (their conditions are already in
    /// the rules that test them).
    pub definitions: Vec<OpaqueDef>,
    /// HTTP methods, upper case.
    pub methods: Vec<String>,
    pub globs: Vec<GlobDef>,
    /// Header value patterns (`matches`, and `host in`), as written; they
    /// match case-insensitively (`pattern.rs`).
    pub patterns: Vec<String>,
    pub assertions: Vec<Assertion>,
    /// Stateless ACLs (`acl` statements), in declaration order.
    pub acls: Vec<acl::Acl>,
}

/// A policy that passed every check; the verifier accepts nothing else.
#[derive(Debug, Clone)]
pub struct CheckedPolicy(Policy);

impl CheckedPolicy {
    pub(crate) fn new(policy: Policy) -> Self {
        CheckedPolicy(policy)
    }

    /// The same policy with only some of its (already checked) assertions,
    /// in the order given: to verify one assertion alone.
    pub fn only_assertions(&self, keep: &[usize]) -> CheckedPolicy {
        let mut p = self.0.clone();
        p.assertions = keep
            .iter()
            .filter_map(|&i| self.0.assertions.get(i).cloned())
            .collect();
        CheckedPolicy(p)
    }
}

impl CheckedPolicy {
    /// The same policy without its stateless ACLs (still checked: nothing
    /// else refers to an ACL).
    pub fn without_acls(&self) -> CheckedPolicy {
        let mut p = self.0.clone();
        p.acls.clear();
        CheckedPolicy(p)
    }
}

impl Deref for CheckedPolicy {
    type Target = Policy;
    fn deref(&self) -> &Policy {
        &self.0
    }
}

#[derive(Debug, Clone)]
pub struct LetDef {
    pub name: String,
    pub span: Span,
    pub addrs: AddrSet,
}

#[derive(Debug, Clone)]
pub struct Secret {
    pub name: String,
    pub external: Option<String>,
    pub span: Span,
}

/// A named set of nodes (an AWS security group, a Kubernetes label): a hop
/// is admitted by a group when its sender is a member, whatever its address.
#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    pub external: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GlobDef {
    /// Without the trailing `*`; may hold `*` and `?` elsewhere.
    pub text: String,
    pub prefix: bool,
}

impl GlobDef {
    /// The glob as a pattern (`pattern.rs`): paths are case-sensitive.
    pub fn matches(&self, path: &str) -> bool {
        if self.prefix {
            // `/key/*`: the common form, a plain prefix test.
            if !pattern::has_wildcard(&self.text) {
                return path.starts_with(&self.text);
            }
            pattern::wildcard_match(&self.display(), path, false)
        } else if !pattern::has_wildcard(&self.text) {
            path == self.text
        } else {
            pattern::wildcard_match(&self.text, path, false)
        }
    }

    pub fn display(&self) -> String {
        if self.prefix {
            format!("{}*", self.text)
        } else {
            self.text.clone()
        }
    }
}

#[derive(Debug, Clone)]
pub struct Node {
    pub name: String,
    pub kind: NodeKind,
    /// The name in the declaration.
    pub span: Span,
    /// The whole declaration.
    pub decl_span: Span,
    pub addrs: AddrSet,
    pub knows: Vec<SecretId>,
    /// The groups the node is a member of, with the `member` line saying so.
    pub memberships: Vec<(GroupId, Span)>,
    /// Where the node can be reached from at the network layer (its
    /// `reachable from` lines), whatever its `listen` lines say; `None`:
    /// from anywhere.
    pub exposure: Option<Exposure>,
    pub listens: Vec<Listen>,
    /// `None`: no egress lines, every destination allowed.
    pub egress: Option<Vec<Egress>>,
    pub blocks: Vec<Block>,
}

impl Node {
    /// A zone without `listen` lines accepts every connection.
    pub fn accepts_everything(&self) -> bool {
        self.kind == NodeKind::Zone && self.listens.is_empty()
    }

    /// Where the node says it is a member of `g`, if it is.
    pub fn member_of(&self, g: GroupId) -> Option<Span> {
        self.memberships
            .iter()
            .find(|(m, _)| *m == g)
            .map(|(_, span)| *span)
    }

    /// The first of `groups` the node is a member of, with where it says so.
    pub fn member_of_any(&self, groups: &[GroupId]) -> Option<(GroupId, Span)> {
        groups
            .iter()
            .find_map(|&g| self.member_of(g).map(|span| (g, span)))
    }
}

/// The `reachable from` lines of a node, together.
#[derive(Debug, Clone)]
pub struct Exposure {
    pub from: AddrSet,
    pub spans: Vec<Span>,
}

impl Node {
    /// Whether a hop from `source` can get to the node at all.
    pub fn reachable_from(&self, source: Addr) -> bool {
        self.exposure
            .as_ref()
            .is_none_or(|e| e.from.contains(source))
    }

    /// The sources in `sources` that can get to the node at all.
    pub fn reachable_part(&self, sources: &AddrSet) -> AddrSet {
        match &self.exposure {
            None => sources.clone(),
            Some(e) => sources.intersect(&e.from),
        }
    }

    /// The `reachable from` line that lets `source` through, when there are any.
    pub fn exposure_line(&self, source: Addr) -> Option<Span> {
        // One line's span stands for them all when several add up.
        self.exposure
            .as_ref()
            .filter(|e| e.from.contains(source))
            .and_then(|e| e.spans.first().copied())
    }
}

#[derive(Debug, Clone)]
pub struct Listen {
    pub ports: IntervalSet,
    pub tls: bool,
    pub from: AddrSet,
    /// Groups whose members it admits, whatever their addresses.
    pub groups: Vec<GroupId>,
    pub span: Span,
}

impl Listen {
    /// Whether the line admits a hop from `source`, sent by `sender`.
    pub fn admits(&self, source: Addr, sender: &Node) -> bool {
        self.from.contains(source) || sender.member_of_any(&self.groups).is_some()
    }
}

#[derive(Debug, Clone)]
pub struct Egress {
    pub to: AddrSet,
    /// Groups whose members it may send to, whatever their addresses.
    pub groups: Vec<GroupId>,
    pub ports: IntervalSet,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub ports: IntervalSet,
    pub rules: Vec<Rule>,
    pub span: Span,
}

/// A declared opaque check: where it is defined, and the rules (by span)
/// whose conditions use it, for the reports.
#[derive(Debug, Clone)]
pub struct OpaqueDef {
    pub name: String,
    pub span: Span,
    pub rules: Vec<Span>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    /// When the rule matches (`deny unless C` matches when `not C`).
    pub guard: Cond,
    pub action: Action,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Action {
    Deny { status: Option<u16> },
    Forward(Forward),
}

#[derive(Debug, Clone)]
pub struct Forward {
    /// Where the request may go, each a node and a port key (see
    /// [`port_key`]): any one of them (a target group, weighted forwarding).
    pub targets: Vec<(NodeId, u32)>,
    pub tls: bool,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Value {
    Secret(SecretId),
    Literal(LiteralId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Set(HeaderId, Value),
    Remove(HeaderId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cond {
    True,
    HeaderEq(HeaderId, Value),
    HeaderPresent(HeaderId),
    /// The header is present and its value matches one of the patterns.
    HeaderMatch(HeaderId, Vec<PatternId>),
    Path(Vec<GlobId>),
    Source(AddrSet),
    Port(IntervalSet),
    Method(Vec<MethodId>),
    Opaque(OpaqueId),
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
}

impl Cond {
    pub fn negate(c: Cond) -> Cond {
        match c {
            Cond::Not(inner) => *inner,
            other => Cond::Not(Box::new(other)),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Target {
    /// A node, reached on one of these ports.
    Node(NodeId, IntervalSet),
    /// Any service or proxy on these ports.
    Port(IntervalSet),
}

#[derive(Debug, Clone)]
pub enum Tail {
    None,
    Requires(Cond),
    Via(NodeId),
    Encrypted,
}

#[derive(Debug, Clone)]
pub struct Assertion {
    pub name: String,
    pub name_span: Span,
    /// The whole `assert` statement.
    pub span: Span,
    pub kind: PropertyKind,
    pub from: NodeId,
    pub target: Target,
    /// `True` when the assertion has no `where`.
    pub where_: Cond,
    pub tail: Tail,
}

impl Policy {
    pub fn node_by_name(&self, name: &str) -> Option<NodeId> {
        self.nodes.iter().position(|n| n.name == name)
    }

    pub fn value_name(&self, v: Value) -> String {
        match v {
            Value::Secret(s) => self.secrets.get(s).map_or("?".into(), |s| s.name.clone()),
            Value::Literal(l) => self
                .literals
                .get(l)
                .map_or("?".into(), |l| format!("{l:?}")),
        }
    }
}
