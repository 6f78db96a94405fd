//! The abstract syntax tree of a policy file. Every node keeps its span;
//! values are parsed (numbers, addresses) but names are not resolved yet.

use crate::span::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct File {
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    Policy(Ident),
    Let(LetDecl),
    Secret(SecretDecl),
    Group(GroupDecl),
    Include(IncludeDecl),
    Opaque(OpaqueDecl),
    Node(NodeDecl),
    Assert(Box<AssertDecl>),
    Acl(AclDecl),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LetDecl {
    pub name: Ident,
    pub addrs: AddrExpr,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecretDecl {
    pub name: Ident,
    pub external: Option<StrLit>,
    pub span: Span,
}

/// `opaque NAME = COND`: what an opaque check does, declared (for example
/// by an intent, of a component the Terraform import cannot see into).
#[derive(Debug, Clone, PartialEq)]
pub struct OpaqueDecl {
    pub name: Ident,
    pub cond: Cond,
    pub span: Span,
}

/// `include "FILE"`: another file of the same policy, its path relative to
/// the including file. Resolved before checking (`crate::source`).
#[derive(Debug, Clone, PartialEq)]
pub struct IncludeDecl {
    pub path: StrLit,
    pub span: Span,
}

/// `group NAME ["external-id"]`: a named set of nodes (a security group).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDecl {
    pub name: Ident,
    pub external: Option<StrLit>,
    pub span: Span,
}

/// `acl NAME covers ADDRS { ENTRY ... }`: a stateless filter (an AWS network
/// ACL) on the packets entering and leaving the addresses it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct AclDecl {
    pub name: Ident,
    pub covers: AddrExpr,
    pub entries: Vec<AclEntry>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AclDirection {
    /// Packets entering the covered addresses; `from` names their sender.
    Inbound,
    /// Packets leaving the covered addresses; `to` names their receiver.
    Outbound,
}

impl AclDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            AclDirection::Inbound => "inbound",
            AclDirection::Outbound => "outbound",
        }
    }
}

/// `inbound N allow|deny PORTS from ADDRS`, `outbound N allow|deny PORTS to ADDRS`.
#[derive(Debug, Clone, PartialEq)]
pub struct AclEntry {
    pub direction: AclDirection,
    /// The rule number as written (more digits than fit saturate at
    /// `u32::MAX`, which the checks refuse like any number out of range).
    pub number: u32,
    pub number_span: Span,
    pub allow: bool,
    /// The packet's destination ports.
    pub ports: PortsExpr,
    /// The other end of the packet: its sender (inbound) or receiver (outbound).
    pub remote: AddrExpr,
    pub span: Span,
}

/// The digits of an ACL rule number, saturating at `u32::MAX`.
pub fn acl_number(digits: &str) -> u32 {
    digits.parse::<u32>().unwrap_or(u32::MAX)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrLit {
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    Zone,
    Service,
    Proxy,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Zone => "zone",
            NodeKind::Service => "service",
            NodeKind::Proxy => "proxy",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeDecl {
    pub kind: NodeKind,
    pub kind_span: Span,
    pub name: Ident,
    pub items: Vec<NodeItem>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeItem {
    Addresses {
        addrs: AddrExpr,
        span: Span,
    },
    Knows {
        secrets: Vec<Ident>,
        span: Span,
    },
    /// `member G1, G2`: the groups the node belongs to.
    Member {
        groups: Vec<Ident>,
        span: Span,
    },
    /// `reachable from ADDRS`: where the node can be reached from at all.
    Reachable {
        from: AddrExpr,
        span: Span,
    },
    Listen {
        ports: PortsExpr,
        tls: bool,
        from: Option<AddrExpr>,
        span: Span,
    },
    Egress {
        to: AddrExpr,
        ports: Option<PortsExpr>,
        span: Span,
    },
    On(OnBlock),
}

#[derive(Debug, Clone, PartialEq)]
pub struct OnBlock {
    pub ports: PortsExpr,
    pub rules: Vec<Rule>,
    pub span: Span,
}

/// An IPv4 or IPv6 network after lexical validation: no host bits set, and
/// not an IPv4-mapped IPv6 network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub net: ipnet::IpNet,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AddrExpr {
    Cidr(Cidr, Span),
    Name(Ident),
    Any(Span),
    List(Vec<AddrExpr>, Span),
    Except(Box<AddrExpr>, Box<AddrExpr>, Span),
    /// A literal that failed lexical validation (already reported).
    Invalid(Span),
}

impl AddrExpr {
    pub fn span(&self) -> Span {
        match self {
            AddrExpr::Cidr(_, s)
            | AddrExpr::Any(s)
            | AddrExpr::List(_, s)
            | AddrExpr::Except(_, _, s)
            | AddrExpr::Invalid(s) => *s,
            AddrExpr::Name(id) => id.span,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Protocol {
    Tcp,
    Udp,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortRange {
    pub lo: u16,
    pub hi: u16,
    pub protocol: Protocol,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PortsExpr {
    Any(Span),
    List(Vec<PortRange>, Span),
}

impl PortsExpr {
    pub fn span(&self) -> Span {
        match self {
            PortsExpr::Any(s) | PortsExpr::List(_, s) => *s,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    /// Without the trailing `*`.
    pub text: String,
    pub prefix: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(StrLit),
    Name(Ident),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Str(s) => s.span,
            Value::Name(id) => id.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeaderName {
    /// Lowercased: header names are case-insensitive.
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HeaderTest {
    Eq(Value),
    Ne(Value),
    /// `matches PATTERNS`: present, and its value matches one of them
    /// (case-insensitive, `*` and `?`).
    Matches(Vec<StrLit>),
    Present,
    Absent,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Header {
        header: HeaderName,
        test: HeaderTest,
        span: Span,
    },
    Path {
        negated: bool,
        globs: Vec<Glob>,
        span: Span,
    },
    /// `query KEY TEST`: the same tests as for a header, on a query-string
    /// parameter (the key is case-insensitive).
    Query {
        key: HeaderName,
        test: HeaderTest,
        span: Span,
    },
    /// `host in PATTERNS`: the `Host` header matches one of them.
    Host {
        negated: bool,
        patterns: Vec<StrLit>,
        span: Span,
    },
    Source {
        negated: bool,
        addrs: AddrExpr,
        span: Span,
    },
    Port {
        negated: bool,
        ports: PortsExpr,
        span: Span,
    },
    Method {
        negated: bool,
        methods: Vec<Ident>,
        span: Span,
    },
    Opaque(Ident),
    Not(Box<Cond>, Span),
    And(Vec<Cond>, Span),
    Or(Vec<Cond>, Span),
}

impl Cond {
    pub fn span(&self) -> Span {
        match self {
            Cond::Header { span, .. }
            | Cond::Path { span, .. }
            | Cond::Host { span, .. }
            | Cond::Query { span, .. }
            | Cond::Source { span, .. }
            | Cond::Port { span, .. }
            | Cond::Method { span, .. }
            | Cond::Not(_, span)
            | Cond::And(_, span)
            | Cond::Or(_, span) => *span,
            Cond::Opaque(id) => id.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Deny {
        status: Option<(u16, Span)>,
        /// `deny when C` is `true`, `deny unless C` is `false`.
        when: bool,
        cond: Cond,
        span: Span,
    },
    Forward {
        cond: Option<Cond>,
        /// Where it may go: one target, or several (a target group); the
        /// request may go to any of them.
        targets: Vec<(Ident, PortRange)>,
        tls: bool,
        edits: Vec<HeaderEdit>,
        span: Span,
    },
}

impl Rule {
    pub fn span(&self) -> Span {
        match self {
            Rule::Deny { span, .. } | Rule::Forward { span, .. } => *span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum HeaderEdit {
    Set(HeaderName, Value),
    Remove(HeaderName),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Node(Ident),
    NodePorts(Ident, PortsExpr),
    Port(PortsExpr, Span),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PropertyKind {
    NoPath,
    NoConnection,
    Path,
    Requires,
    Via,
    Encrypted,
}

impl PropertyKind {
    /// The name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            PropertyKind::NoPath => "no_path",
            PropertyKind::NoConnection => "no_connection",
            PropertyKind::Path => "path",
            PropertyKind::Requires => "requires",
            PropertyKind::Via => "via",
            PropertyKind::Encrypted => "encrypted",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PropertyTail {
    None,
    Requires(Cond),
    Via(Ident),
    Encrypted,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    pub kind: PropertyKind,
    pub from: Ident,
    pub to: Target,
    pub where_: Option<Cond>,
    pub tail: PropertyTail,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssertDecl {
    pub name: Ident,
    pub property: Property,
    pub span: Span,
}
