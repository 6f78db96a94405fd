//! Pictures of the network (`stargate-verify graph`): the checked model as
//! a graph of nodes and the hops its rules admit, optionally with one
//! assertion's counterexample or witness drawn over it, rendered as
//! Graphviz DOT, a Mermaid flowchart, or SVG laid out by the tool itself
//! ([`layout`], [`svg`]).
//!
//! Two kinds of edges are drawn, both decided with the verifier's layer-4
//! logic (egress lines via [`egress_ports`], listen lines and
//! interval-set intersections):
//!
//! - a **connection** (dashed): the first hop of a request that a zone, or
//!   a service with `egress` lines, can open to a node that admits it;
//!   hops into zones without `listen` lines (which admit everything) and
//!   from services without `egress` lines (which may connect anywhere) are
//!   left out, as they would bury the picture;
//! - a **forward** (solid): a proxy's `forward` rule whose target admits
//!   the proxy's addresses on the rule's port, labelled with the port,
//!   `tls` and the header edits.
//!
//! Neither is drawn on a port where stateless ACLs drop every connection
//! (its request or every reply), as `verify::acl` decides.

pub mod command;
mod dot;
pub mod layout;
mod mermaid;
pub mod svg;

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, Reversed};

use crate::model::{always, Action, Edit, IntervalSet, Node, NodeId, Policy};
use crate::span::Span;
use crate::syntax::ast::{self, NodeKind};
use crate::verify::states::{effective_ports, egress_ports};
use crate::verify::{Hop, Trace};

pub use dot::render as to_dot;
pub use mermaid::render as to_mermaid;
pub use svg::render as to_svg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphNode {
    pub name: String,
    pub kind: NodeKind,
    /// The node's addresses, as text.
    pub addresses: String,
    /// A zone without `listen` lines: it admits everything, and stands
    /// for clients rather than for a destination.
    pub admits_all: bool,
    /// On the highlighted journey.
    pub highlighted: bool,
    /// For a node imported from another file (Terraform): where it was
    /// written there, `file:line` and the resource's first line.
    pub origin: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// A first hop the source can open.
    Connection,
    /// A hop a proxy's `forward` rule starts.
    Forward,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphEdge {
    pub from: NodeId,
    pub to: NodeId,
    pub kind: EdgeKind,
    /// Ports, `tls`, header edits: `80 +X-Origin-Verify`.
    pub label: String,
    /// The `forward` rule, for forwards.
    pub rule: Option<Span>,
    /// The highlighted journey's hops (numbered from 1) that take this edge.
    pub hops: Vec<usize>,
}

/// The picture of one policy, before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkGraph {
    pub title: String,
    /// Indexed like the policy's nodes; `None` once filtered out.
    pub nodes: Vec<Option<GraphNode>>,
    pub edges: Vec<GraphEdge>,
    /// What the highlighted journey is.
    pub caption: Option<String>,
}

impl NetworkGraph {
    /// Notes where each node imported from another file (Terraform) was
    /// written there, for its tooltip.
    pub fn name_origins(&mut self, policy: &Policy, src: &crate::SourceText) {
        for (n, shown) in policy.nodes.iter().zip(self.nodes.iter_mut()) {
            if let (Some(g), Some((at, line))) = (shown, src.origin(n.decl_span)) {
                g.origin = Some(format!("{line} ({at})"));
            }
        }
    }

    /// Every node of the policy, with the connections and forwards its rules
    /// admit. `ast` and its `text` give header names as written (the model
    /// keeps them in lower case).
    pub fn build(policy: &Policy, ast: &ast::File, text: &str, title: &str) -> Self {
        let spelling = header_spelling(ast, text);
        let nodes = policy
            .nodes
            .iter()
            .map(|n| {
                Some(GraphNode {
                    name: n.name.clone(),
                    kind: n.kind,
                    addresses: crate::model::address::display_set(&n.addrs),
                    admits_all: n.accepts_everything(),
                    highlighted: false,
                    origin: None,
                })
            })
            .collect();
        let mut edges = Vec::new();
        for (a, from) in policy.nodes.iter().enumerate() {
            let opens = from.kind == NodeKind::Zone
                || (from.kind == NodeKind::Service && from.egress.is_some());
            if !opens {
                continue;
            }
            for (b, to) in policy.nodes.iter().enumerate() {
                if a == b || to.accepts_everything() {
                    continue;
                }
                if let Some(label) = connection_label(policy, from, to) {
                    edges.push(GraphEdge {
                        from: a,
                        to: b,
                        kind: EdgeKind::Connection,
                        label,
                        rule: None,
                        hops: Vec::new(),
                    });
                }
            }
        }
        for (a, proxy) in policy.nodes.iter().enumerate() {
            if proxy.kind == NodeKind::Proxy {
                edges.extend(forwards(policy, a, proxy, &spelling));
            }
        }
        NetworkGraph {
            title: title.to_string(),
            nodes,
            edges,
            caption: None,
        }
    }

    /// Marks a journey's hops and nodes; a hop that no drawn edge carries
    /// (a first hop from a proxy, say) gets an edge of its own.
    pub fn highlight(&mut self, trace: &Trace, caption: String) {
        for (i, hop) in trace.hops.iter().enumerate() {
            let index = self.edge_for_hop(hop);
            if let Some(e) = self.edges.get_mut(index) {
                // A connection shows the port this hop used, not all it could.
                if e.kind == EdgeKind::Connection {
                    let used = hop_port_label(hop);
                    if e.hops.is_empty() {
                        e.label = used;
                    } else if !e.label.split(", ").any(|p| p == used) {
                        e.label = format!("{}, {used}", e.label);
                    }
                }
                e.hops.push(i + 1);
            }
            for n in [hop.from, hop.to] {
                if let Some(Some(node)) = self.nodes.get_mut(n) {
                    node.highlighted = true;
                }
            }
        }
        self.caption = Some(caption);
    }

    /// The index of the edge a hop takes: the drawn edge between its nodes
    /// (the forward of its rule, or the connection of a first hop), or a new
    /// edge, added at the end, when no drawn edge carries it.
    pub fn edge_for_hop(&mut self, hop: &Hop) -> usize {
        let drawn = self.edges.iter().position(|e| {
            e.from == hop.from
                && e.to == hop.to
                && match hop.rule {
                    Some(rule) => e.rule == Some(rule),
                    None => e.kind == EdgeKind::Connection,
                }
        });
        drawn.unwrap_or_else(|| {
            self.edges.push(GraphEdge {
                from: hop.from,
                to: hop.to,
                kind: match hop.rule {
                    Some(_) => EdgeKind::Forward,
                    None => EdgeKind::Connection,
                },
                label: hop_port_label(hop),
                rule: hop.rule,
                hops: Vec::new(),
            });
            self.edges.len() - 1
        })
    }

    /// Keeps only the nodes and edges on some drawn path from `from` (when
    /// given) to `to` (when given).
    pub fn keep_between(&mut self, from: Option<NodeId>, to: Option<NodeId>) {
        let mut g: DiGraph<(), ()> = DiGraph::new();
        let ids: Vec<NodeIndex> = self.nodes.iter().map(|_| g.add_node(())).collect();
        for e in &self.edges {
            if let (Some(&a), Some(&b)) = (ids.get(e.from), ids.get(e.to)) {
                g.add_edge(a, b, ());
            }
        }
        let reach = |start: NodeId, backwards: bool| -> Vec<bool> {
            let mut seen = vec![false; ids.len()];
            let Some(&s) = ids.get(start) else {
                return seen;
            };
            if backwards {
                let rev = Reversed(&g);
                let mut dfs = Dfs::new(rev, s);
                while let Some(n) = dfs.next(rev) {
                    seen[n.index()] = true;
                }
            } else {
                let mut dfs = Dfs::new(&g, s);
                while let Some(n) = dfs.next(&g) {
                    seen[n.index()] = true;
                }
            }
            seen
        };
        let forward = from.map(|f| reach(f, false));
        let backward = to.map(|t| reach(t, true));
        let keep = |n: usize| {
            forward.as_ref().is_none_or(|s| s[n]) && backward.as_ref().is_none_or(|s| s[n])
        };
        for (i, node) in self.nodes.iter_mut().enumerate() {
            if !keep(i) {
                *node = None;
            }
        }
        self.edges.retain(|e| keep(e.from) && keep(e.to));
    }

    /// The nodes still drawn, with their index.
    pub fn shown(&self) -> impl Iterator<Item = (NodeId, &GraphNode)> {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.as_ref().map(|n| (i, n)))
    }
}

/// The ports on which `from` can open a first hop to `to`: those its egress
/// allows and some listen line admits from one of its addresses. A port is
/// `tls` when only `tls` lines admit it.
fn connection_label(policy: &Policy, from: &Node, to: &Node) -> Option<String> {
    let mut egress = egress_ports(from, to, &from.addrs);
    // Only ports on which some connection passes the stateless ACLs.
    if let Some(options) = crate::verify::acl::passing(policy, from, to, &from.addrs) {
        let passing = options
            .iter()
            .fold(IntervalSet::empty(), |acc, (_, p)| acc.union(p));
        egress = egress.intersect(&passing);
    }
    let admitting = |tls: bool| {
        to.listens
            .iter()
            .filter(|l| {
                l.tls == tls
                    && (l.from.intersects(&to.reachable_part(&from.addrs))
                        || (from.member_of_any(&l.groups).is_some()
                            && !to.reachable_part(&from.addrs).is_empty()))
            })
            .fold(IntervalSet::empty(), |acc, l| acc.union(&l.ports))
            .intersect(&egress)
    };
    let plain = admitting(false);
    let tls = admitting(true).difference(&plain);
    let mut parts = Vec::new();
    if !tls.is_empty() {
        parts.push(port_label(&tls, true));
    }
    if !plain.is_empty() {
        parts.push(port_label(&plain, false));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The port a hop used, with `tls`: `443 tls`.
pub fn hop_port_label(hop: &Hop) -> String {
    port_label(&IntervalSet::range(hop.port, hop.port), hop.tls)
}

fn port_label(ports: &IntervalSet, tls: bool) -> String {
    let ports = ports.display_ports();
    if tls {
        format!("{ports} tls")
    } else {
        ports
    }
}

/// The forward rules of `proxy` that can fire and whose hop is admitted.
fn forwards(
    policy: &Policy,
    at: NodeId,
    proxy: &Node,
    spelling: &HashMap<String, String>,
) -> Vec<GraphEdge> {
    let mut out = Vec::new();
    for (bi, block) in proxy.blocks.iter().enumerate() {
        if effective_ports(proxy, bi).is_empty() {
            continue;
        }
        for rule in &block.rules {
            let guard = always(&rule.guard);
            if let (Action::Forward(f), false) = (&rule.action, guard == Some(false)) {
                for &(target_id, port) in &f.targets {
                    let Some(target) = policy.nodes.get(target_id) else {
                        continue;
                    };
                    {
                        let admitting: Vec<_> = target
                            .listens
                            .iter()
                            .filter(|l| {
                                l.ports.contains(port)
                                    && (l.from.intersects(&target.reachable_part(&proxy.addrs))
                                        || (proxy.member_of_any(&l.groups).is_some()
                                            && !target.reachable_part(&proxy.addrs).is_empty()))
                            })
                            .collect();
                        let admitted = egress_ports(proxy, target, &proxy.addrs).contains(port)
                            && (target.accepts_everything() || !admitting.is_empty())
                            && (policy.acls.is_empty()
                                || !crate::verify::acl::passing_on(
                                    policy,
                                    proxy,
                                    target,
                                    port,
                                    &proxy.addrs,
                                )
                                .is_empty());
                        if admitted {
                            let tls =
                                f.tls || (!admitting.is_empty() && admitting.iter().all(|l| l.tls));
                            let mut label = port_label(&IntervalSet::range(port, port), tls);
                            for e in &f.edits {
                                let (sign, h) = match e {
                                    Edit::Set(h, _) => ('+', *h),
                                    Edit::Remove(h) => ('-', *h),
                                };
                                let name = policy.headers.get(h).map_or("?", String::as_str);
                                let shown = spelling.get(name).map_or(name, String::as_str);
                                label.push_str(&format!(" {sign}{shown}"));
                            }
                            out.push(GraphEdge {
                                from: at,
                                to: target_id,
                                kind: EdgeKind::Forward,
                                label,
                                rule: Some(rule.span),
                                hops: Vec::new(),
                            });
                        }
                    }
                }
            }
            // Rules after one that always matches never run.
            if guard == Some(true) {
                break;
            }
        }
    }
    out
}

/// Header names as first written in an edit (`X-Origin-Verify`), by their
/// lower-case form.
fn header_spelling(file: &ast::File, text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for stmt in &file.statements {
        let ast::Statement::Node(node) = stmt else {
            continue;
        };
        for item in &node.items {
            let ast::NodeItem::On(block) = item else {
                continue;
            };
            for rule in &block.rules {
                let ast::Rule::Forward { edits, .. } = rule else {
                    continue;
                };
                for e in edits {
                    let (ast::HeaderEdit::Set(h, _) | ast::HeaderEdit::Remove(h)) = e;
                    let written = text.get(h.span.start..h.span.end).unwrap_or(&h.name);
                    out.entry(h.name.clone())
                        .or_insert_with(|| written.to_string());
                }
            }
        }
    }
    out
}

/// A node's tooltip: kind, name, addresses, and where it was imported from.
pub fn node_title(n: &GraphNode) -> String {
    let mut t = format!("{} {}: {}", n.kind.as_str(), n.name, n.addresses);
    if let Some(o) = &n.origin {
        t.push_str(&format!("\nfrom {o}"));
    }
    t
}

/// The label of a highlighted edge: `hop 2: 80 +X-Origin-Verify`.
fn hop_label(e: &GraphEdge) -> String {
    let numbers: Vec<String> = e.hops.iter().map(usize::to_string).collect();
    let word = if e.hops.len() == 1 { "hop" } else { "hops" };
    format!("{word} {}: {}", numbers.join(", "), e.label)
}
