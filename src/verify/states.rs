//! The abstract state graph of one assertion, built without the solver.
//!
//! A state is (previous node, node, port, header modes, whether a plaintext
//! hop came before, what the hop into it must be): everything a rule can see
//! that changes along a journey, except the hop's source address, which gets
//! one variable per state.
//!
//! Why one source per state is enough. A journey that visits a state twice
//! can be cut short: at the first visit, take the source address the second
//! visit had. Every constraint on that address is the same at both visits,
//! because everything that constrains it is part of the state: it is an
//! address of the previous node, of a family whose egress lets that node
//! send to this one on the state's port (a hop stays in its source's
//! family); it passes the node's `listen` lines on the state's port; its
//! connection passes every stateless ACL it crosses (the request, and a
//! reply to some ephemeral port) to some address of this node, which given
//! the two nodes and the port is a set of source addresses
//! (`verify/acl.rs`: the receiver's address is chosen anew for each hop,
//! among those the sender's egress allows, and constrains nothing else; a
//! rule sees the hop's source, never its receiver address); and, for
//! `encrypted`, the hop into the state is plaintext,
//! encrypted by its listen lines, or unconstrained (a `tls` forward, or a
//! plaintext hop already happened), which is the state's `entry`. The rules
//! at the node then decide as they did at the second visit, so the
//! shortened journey goes on as the long one did. Hence a request reaches a
//! target iff it does along a path visiting each state at most once: no hop
//! bound is needed. (Before `entry` was part of the state, two hops into one
//! state could need different sources for their encryption, and the cut was
//! wrong: tests/verify.rs keeps the two policies that showed it.)
//! Layer-4 feasibility (egress and listen lines that could ever admit a hop,
//! ACLs that could ever let one through) is decided here with interval
//! arithmetic; the solver sees only the rest.

use std::collections::HashMap;
use std::time::Instant;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{
    all_ports, Action, AddrSet, Assertion, Cond, Edit, Family, IntervalSet, Node, NodeId, Policy,
    PropertyKind, Tail, Target, Value,
};
use crate::syntax::ast::NodeKind;

/// The most states one assertion may explore before the verifier answers
/// `unknown` rather than exhaust memory.
pub const MAX_STATES: usize = 200_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The value the request started with.
    Initial,
    Set(Value),
    Absent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Port {
    /// The first hop's port: a variable of the request.
    First,
    Const(u32),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct State {
    /// `None` for the first hop, which starts at the assertion's source node
    /// with the request's own source address.
    pub prev: Option<NodeId>,
    pub node: NodeId,
    pub port: Port,
    /// One mode per header of the policy.
    pub modes: Vec<Mode>,
    /// A hop before the one into this state was plaintext.
    pub plain_before: bool,
    /// What the hop into this state must be. Every way into the state
    /// constrains the hop's source alike (see the module's doc).
    pub entry: HopTls,
}

impl State {
    /// Some hop of the journey so far, this state's own included, was plaintext.
    pub fn plaintext(&self) -> bool {
        self.plain_before || self.entry == HopTls::Plaintext
    }
}

/// What a hop's encryption must be (only `encrypted` assertions tell
/// plaintext hops from encrypted ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HopTls {
    Any,
    Plaintext,
    Encrypted,
}

#[derive(Debug, Clone)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// Block and rule index at the `from` state's node.
    pub block: usize,
    pub rule: usize,
    /// The `entry` of the `to` state.
    pub tls: HopTls,
}

#[derive(Debug, Clone, Default)]
pub struct StateGraph {
    pub states: Vec<State>,
    pub edges: Vec<Edge>,
    /// Edges into each state.
    pub incoming: Vec<Vec<usize>>,
    /// First-hop states and the encryption their hop must have.
    pub starts: Vec<(usize, HopTls)>,
    pub targets: Vec<usize>,
    /// Exploration stopped at [`MAX_STATES`] or at its deadline.
    pub truncated: bool,
    /// Exploration stopped at its deadline.
    pub timed_out: bool,
    /// The states at each node (after exploration; empty once sliced).
    pub by_node: Vec<Vec<usize>>,
}

/// What the forward exploration of an assertion depends on, besides the
/// nodes relevant to its target ([`relevant_nodes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExploreKey {
    pub from: NodeId,
    /// The `via` waypoint, removed from the network.
    pub avoid: Option<NodeId>,
    /// Whether plaintext hops are told apart (for `encrypted`).
    pub track_tls: bool,
}

impl ExploreKey {
    pub fn of(a: &Assertion) -> Self {
        ExploreKey {
            from: a.from,
            avoid: match a.tail {
                Tail::Via(n) => Some(n),
                _ => None,
            },
            track_tls: a.kind == PropertyKind::Encrypted,
        }
    }
}

/// The graph of one assertion: explored, then sliced to its targets.
pub fn build(policy: &Policy, a: &Assertion) -> StateGraph {
    let relevant = relevant_nodes(policy, a, &forwarders(policy));
    slice_for(
        policy,
        a,
        &explore(policy, ExploreKey::of(a), &relevant, None),
    )
}

/// For each node, the proxies that have a `forward` rule to it.
pub fn forwarders(policy: &Policy) -> Vec<Vec<NodeId>> {
    let mut into = vec![Vec::new(); policy.nodes.len()];
    for (p, node) in policy.nodes.iter().enumerate() {
        for b in &node.blocks {
            for r in &b.rules {
                if let Action::Forward(f) = &r.action {
                    for &(target, _) in &f.targets {
                        if let Some(list) = into.get_mut(target) {
                            if list.last() != Some(&p) {
                                list.push(p);
                            }
                        }
                    }
                }
            }
        }
    }
    into
}

/// The nodes from which forwarding could lead to one of the assertion's
/// target nodes (the targets included): exploring only these is exact, and
/// keeps each assertion's work proportional to its part of the network.
pub fn relevant_nodes(policy: &Policy, a: &Assertion, forwarders: &[Vec<NodeId>]) -> Vec<bool> {
    let avoid = ExploreKey::of(a).avoid;
    let mut relevant = vec![false; policy.nodes.len()];
    // A target is reached on one of the target ports, so only a node with a
    // listen line on one of them can be one.
    let listens_on =
        |n: &Node, ports: &IntervalSet| n.listens.iter().any(|l| l.ports.intersects(ports));
    let mut stack: Vec<NodeId> = match &a.target {
        Target::Node(n, _) => vec![*n],
        Target::Port(ports) => (0..policy.nodes.len())
            .filter(|&n| {
                policy.nodes[n].kind != NodeKind::Zone && listens_on(&policy.nodes[n], ports)
            })
            .collect(),
    };
    stack.retain(|&n| Some(n) != avoid && n < relevant.len());
    for &n in &stack {
        relevant[n] = true;
    }
    while let Some(n) = stack.pop() {
        for &p in forwarders.get(n).into_iter().flatten() {
            if !relevant[p] && Some(p) != avoid {
                relevant[p] = true;
                stack.push(p);
            }
        }
    }
    relevant
}

/// The headers some rule of a relevant node reads. The mode of any other
/// header is never looked at (the `where` and `requires` of an assertion see
/// the request as it starts), so the states leave it as it started: edits to
/// it would only multiply states that behave alike.
pub fn read_headers(policy: &Policy, relevant: &[bool]) -> Vec<bool> {
    fn mark(c: &Cond, read: &mut [bool]) {
        match c {
            Cond::HeaderEq(h, _) | Cond::HeaderPresent(h) | Cond::HeaderMatch(h, _) => {
                if let Some(r) = read.get_mut(*h) {
                    *r = true;
                }
            }
            Cond::Not(inner) => mark(inner, read),
            Cond::And(items) | Cond::Or(items) => items.iter().for_each(|i| mark(i, read)),
            _ => {}
        }
    }
    let mut read = vec![false; policy.headers.len()];
    for (n, node) in policy.nodes.iter().enumerate() {
        if relevant.get(n).copied().unwrap_or(false) {
            for r in node.blocks.iter().flat_map(|b| &b.rules) {
                mark(&r.guard, &mut read);
            }
        }
    }
    read
}

/// Every state a request from `key.from` can get to through `relevant`
/// nodes, without targets. Past `deadline` the exploration stops, and the
/// graph says so (`timed_out`, and `truncated`).
pub fn explore(
    policy: &Policy,
    key: ExploreKey,
    relevant: &[bool],
    deadline: Option<Instant>,
) -> StateGraph {
    let ExploreKey {
        from,
        avoid,
        track_tls,
    } = key;
    let mut g = Explorer {
        policy,
        avoid,
        track_tls,
        relevant,
        read: read_headers(policy, relevant),
        deadline,
        index: FxHashMap::default(),
        edge_keys: Default::default(),
        acl_ok: FxHashMap::default(),
        first_ports: FxHashMap::default(),
        graph: StateGraph::default(),
    };
    let Some(from) = policy.nodes.get(from) else {
        return g.graph;
    };
    // A node without addresses starts no request.
    if avoid == Some(key.from) || from.addrs.is_empty() {
        return g.graph;
    }
    let modes = vec![Mode::Initial; policy.headers.len()];
    for (b, node) in policy.nodes.iter().enumerate() {
        if avoid == Some(b) || !relevant.get(b).copied().unwrap_or(false) {
            continue;
        }
        for (tls, ports) in first_hop_options(policy, from, node, track_tls) {
            if let Some(id) = g.add(State {
                prev: None,
                node: b,
                port: Port::First,
                modes: modes.clone(),
                plain_before: false,
                entry: tls,
            }) {
                g.graph.starts.push((id, tls));
                g.first_ports.insert(id, ports);
            }
        }
    }
    g.explore();
    let mut graph = g.graph;
    graph.by_node = vec![Vec::new(); policy.nodes.len()];
    for (i, st) in graph.states.iter().enumerate() {
        if let Some(list) = graph.by_node.get_mut(st.node) {
            list.push(i);
        }
    }
    graph
}

/// The part of an explored graph on some path from a first hop to one of the
/// assertion's targets, renumbered, with its targets.
pub fn slice_for(policy: &Policy, a: &Assertion, full: &StateGraph) -> StateGraph {
    let candidates: Vec<usize> = match &a.target {
        Target::Node(n, _) => full.by_node.get(*n).cloned().unwrap_or_default(),
        Target::Port(_) => (0..full.states.len()).collect(),
    };
    let targets: Vec<usize> = candidates
        .into_iter()
        .filter(|&s| may_be_target(policy, a, &full.states[s]))
        .collect();
    let mut useful: HashMap<usize, usize> = HashMap::new();
    let mut order: Vec<usize> = Vec::new();
    let mut stack = targets.clone();
    for &t in &targets {
        useful.insert(t, 0);
    }
    while let Some(s) = stack.pop() {
        order.push(s);
        for &e in &full.incoming[s] {
            let p = full.edges[e].from;
            if let std::collections::hash_map::Entry::Vacant(v) = useful.entry(p) {
                v.insert(0);
                stack.push(p);
            }
        }
    }
    // Keep the exploration's order, so the encoding is the same every run.
    order.sort_unstable();
    for (new, old) in order.iter().enumerate() {
        useful.insert(*old, new);
    }
    let mut g = StateGraph {
        states: order.iter().map(|&s| full.states[s].clone()).collect(),
        incoming: vec![Vec::new(); order.len()],
        truncated: full.truncated,
        timed_out: full.timed_out,
        ..StateGraph::default()
    };
    for &old in &order {
        for &e in &full.incoming[old] {
            let edge = &full.edges[e];
            if let (Some(&from), Some(&to)) = (useful.get(&edge.from), useful.get(&edge.to)) {
                g.incoming[to].push(g.edges.len());
                g.edges.push(Edge {
                    from,
                    to,
                    ..edge.clone()
                });
            }
        }
    }
    g.starts = full
        .starts
        .iter()
        .filter_map(|(s, t)| useful.get(s).map(|&n| (n, *t)))
        .collect();
    let mut t: Vec<usize> = targets
        .iter()
        .filter_map(|s| useful.get(s).copied())
        .collect();
    t.sort_unstable();
    g.targets = t;
    g
}

struct Explorer<'p> {
    policy: &'p Policy,
    avoid: Option<NodeId>,
    track_tls: bool,
    relevant: &'p [bool],
    /// Headers some relevant rule reads ([`read_headers`]).
    read: Vec<bool>,
    deadline: Option<Instant>,
    index: FxHashMap<State, usize>,
    edge_keys: FxHashSet<(usize, usize, usize, usize, HopTls)>,
    /// Whether some source passes the ACLs from a node to another on a port.
    acl_ok: FxHashMap<(NodeId, NodeId, u32), bool>,
    /// The ports each first-hop state can be on ([`first_hop_options`]).
    first_ports: FxHashMap<usize, IntervalSet>,
    graph: StateGraph,
}

impl Explorer<'_> {
    /// Adds a state if new; `None` once the state budget is spent.
    fn add(&mut self, s: State) -> Option<usize> {
        if let Some(&id) = self.index.get(&s) {
            return Some(id);
        }
        if self.graph.states.len() >= MAX_STATES {
            self.graph.truncated = true;
            return None;
        }
        let id = self.graph.states.len();
        self.index.insert(s.clone(), id);
        self.graph.states.push(s);
        self.graph.incoming.push(Vec::new());
        Some(id)
    }

    fn explore(&mut self) {
        let mut next = 0;
        while next < self.graph.states.len() {
            let id = next;
            next += 1;
            // Looking at the clock costs little next to a thousand states.
            if id % 1024 == 0 && self.deadline.is_some_and(|d| Instant::now() >= d) {
                self.graph.truncated = true;
                self.graph.timed_out = true;
                return;
            }
            let state = self.graph.states[id].clone();
            let Some(node) = self.policy.nodes.get(state.node) else {
                continue;
            };
            if node.kind != NodeKind::Proxy {
                continue;
            }
            for (bi, block) in node.blocks.iter().enumerate() {
                let applies = match state.port {
                    Port::Const(k) => crate::verify::interp::block_for(node, k)
                        .is_some_and(|b| std::ptr::eq(b, block)),
                    Port::First => self
                        .first_ports
                        .get(&id)
                        .is_some_and(|p| effective_ports(node, bi).intersects(p)),
                };
                if !applies {
                    continue;
                }
                for (ri, rule) in block.rules.iter().enumerate() {
                    let Action::Forward(f) = &rule.action else {
                        continue;
                    };
                    for &(target_id, port) in &f.targets {
                        if !self.forward_to(&state, id, node, (bi, ri), f, (target_id, port)) {
                            return;
                        }
                    }
                }
            }
        }
    }

    /// Follows one target of a forward rule from state `id`; false once the
    /// state budget is spent.
    fn forward_to(
        &mut self,
        state: &State,
        id: usize,
        node: &Node,
        (bi, ri): (usize, usize),
        f: &crate::model::Forward,
        (target_id, port): (NodeId, u32),
    ) -> bool {
        if self.avoid == Some(target_id) || !self.relevant.get(target_id).copied().unwrap_or(false)
        {
            return true;
        }
        let Some(target) = self.policy.nodes.get(target_id) else {
            return true;
        };
        if !egress_ports(node, target, &node.addrs).contains(port) {
            return true;
        }
        if !self.policy.acls.is_empty() {
            let policy = self.policy;
            let ok = *self
                .acl_ok
                .entry((state.node, target_id, port))
                .or_insert_with(|| {
                    let sources = sendable_from(node, target, port, &node.addrs);
                    !crate::verify::acl::passing_on(policy, node, target, port, &sources).is_empty()
                });
            if !ok {
                return true;
            }
        }
        let mut modes = state.modes.clone();
        for e in &f.edits {
            match *e {
                Edit::Set(h, v) if self.read[h] => modes[h] = Mode::Set(v),
                Edit::Remove(h) if self.read[h] => modes[h] = Mode::Absent,
                _ => {}
            }
        }
        // A `tls` forward is encrypted whatever admits it, and once a hop was
        // plaintext this one's encryption no longer matters.
        let before = state.plaintext();
        let track = self.track_tls && !f.tls && !before;
        for (tls, ports) in listen_options(target, node, &node.addrs, track, Some(port)) {
            if !ports.contains(port) {
                continue;
            }
            let Some(to) = self.add(State {
                prev: Some(state.node),
                node: target_id,
                port: Port::Const(port),
                modes: modes.clone(),
                plain_before: before,
                entry: tls,
            }) else {
                return false;
            };
            if !self.edge_keys.insert((id, to, bi, ri, tls)) {
                continue;
            }
            let edge = self.graph.edges.len();
            self.graph.edges.push(Edge {
                from: id,
                to,
                block: bi,
                rule: ri,
                tls,
            });
            self.graph.incoming[to].push(edge);
        }
        true
    }
}

/// Ports on which `from` may send, from an address of `family`, to some
/// address of `to`: a hop goes to an address of its source's family, so
/// none when `to` has no such address.
pub fn egress_ports_in(from: &Node, to: &Node, family: Family) -> IntervalSet {
    let dest = to.addrs.intersect(&family.all());
    if dest.is_empty() {
        return IntervalSet::empty();
    }
    match &from.egress {
        None => all_ports(),
        Some(lines) => lines
            .iter()
            .filter(|e| e.to.intersects(&dest) || to.member_of_any(&e.groups).is_some())
            .fold(IntervalSet::empty(), |acc, e| acc.union(&e.ports)),
    }
}

/// Ports on which `from` may send to some address of `to` from some address
/// in `sources`.
pub fn egress_ports(from: &Node, to: &Node, sources: &AddrSet) -> IntervalSet {
    Family::present(sources)
        .into_iter()
        .fold(IntervalSet::empty(), |acc, f| {
            acc.union(&egress_ports_in(from, to, f))
        })
}

/// The addresses of `sources` from which `from` may send to `to` on `port`
/// (those of the families whose egress allows it).
pub fn sendable_from(from: &Node, to: &Node, port: u32, sources: &AddrSet) -> AddrSet {
    Family::present(sources)
        .into_iter()
        .filter(|&f| egress_ports_in(from, to, f).contains(port))
        .fold(AddrSet::empty(), |acc, f| {
            acc.union(&sources.intersect(&f.all()))
        })
}

/// The ports `node` could admit from some address in `sources`, split by
/// the hop's encryption when `track_tls`.
fn listen_options(
    node: &Node,
    sender: &Node,
    sources: &AddrSet,
    track_tls: bool,
    port: Option<u32>,
) -> Vec<(HopTls, IntervalSet)> {
    // Only sources that can get to the node at all (its exposure) count.
    let sources = &node.reachable_part(sources);
    if sources.is_empty() {
        return Vec::new();
    }
    if node.accepts_everything() {
        let tls = if track_tls {
            HopTls::Plaintext
        } else {
            HopTls::Any
        };
        return vec![(tls, all_ports())];
    }
    let relevant = |l: &&crate::model::Listen| {
        (l.from.intersects(sources) || sender.member_of_any(&l.groups).is_some())
            && port.is_none_or(|p| l.ports.contains(p))
    };
    let union = |tls: Option<bool>| {
        node.listens
            .iter()
            .filter(relevant)
            .filter(|l| tls.is_none_or(|t| l.tls == t))
            .fold(IntervalSet::empty(), |acc, l| acc.union(&l.ports))
    };
    if !track_tls {
        return vec![(HopTls::Any, union(None))];
    }
    vec![
        (HopTls::Plaintext, union(Some(false))),
        (HopTls::Encrypted, union(Some(true))),
    ]
}

/// The first hops from `from` into `to`: per encryption a hop may need
/// (`HopTls::Any` alone unless `track_tls`), the ports it can be on, those
/// the sender's egress allows to some address of `to`, a listen line of `to`
/// opens to some of the sender's addresses (or to one of its groups) past its
/// exposure, and some connection passes the stateless ACLs on. Options
/// without a port are left out. This bounds the request's port wherever a
/// first hop is taken (`Encoder::start_guard` asks all of it, and more).
pub fn first_hop_options(
    policy: &Policy,
    from: &Node,
    to: &Node,
    track_tls: bool,
) -> Vec<(HopTls, IntervalSet)> {
    let mut sendable = egress_ports(from, to, &from.addrs);
    if let Some(options) = crate::verify::acl::passing(policy, from, to, &from.addrs) {
        // Only ports some connection passes the ACLs on.
        let passing = options
            .iter()
            .fold(IntervalSet::empty(), |acc, (_, p)| acc.union(p));
        sendable = sendable.intersect(&passing);
    }
    if sendable.is_empty() {
        return Vec::new();
    }
    listen_options(to, from, &from.addrs, track_tls, None)
        .into_iter()
        .map(|(tls, ports)| (tls, ports.intersect(&sendable)))
        .filter(|(_, ports)| !ports.is_empty())
        .collect()
}

/// The ports a first hop from `from` into `to` with encryption `tls` can
/// be on (see [`first_hop_options`]; `HopTls::Any`: with either).
pub fn first_hop_ports(policy: &Policy, from: &Node, to: &Node, tls: HopTls) -> IntervalSet {
    first_hop_options(policy, from, to, tls != HopTls::Any)
        .into_iter()
        .filter(|(t, _)| tls == HopTls::Any || *t == tls)
        .fold(IntervalSet::empty(), |acc, (_, p)| acc.union(&p))
}

/// The ports for which block `bi` is the first block covering them.
pub fn effective_ports(node: &Node, bi: usize) -> IntervalSet {
    let earlier = node.blocks[..bi]
        .iter()
        .fold(IntervalSet::empty(), |acc, b| acc.union(&b.ports));
    node.blocks[bi].ports.difference(&earlier)
}

fn may_be_target(policy: &Policy, a: &Assertion, s: &State) -> bool {
    if a.kind == PropertyKind::Encrypted && !s.plaintext() {
        return false;
    }
    let ports = match &a.target {
        Target::Node(n, ports) => {
            if *n != s.node {
                return false;
            }
            ports
        }
        Target::Port(ports) => {
            if policy
                .nodes
                .get(s.node)
                .is_none_or(|n| n.kind == NodeKind::Zone)
            {
                return false;
            }
            ports
        }
    };
    match s.port {
        Port::Const(k) => ports.contains(k),
        // The first hop's port is one the source may send on and a listen
        // line admits from some of the source's addresses.
        Port::First => {
            let (Some(from), Some(node)) = (policy.nodes.get(a.from), policy.nodes.get(s.node))
            else {
                return false;
            };
            first_hop_ports(policy, from, node, s.entry).intersects(ports)
        }
    }
}
