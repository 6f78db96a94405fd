//! The SMT encoding (the only module that speaks z3): one query per
//! assertion over the sliced abstract state graph, ranked reachability for
//! the states in cycles, and decoding of a model into a concrete trace.
//!
//! The query asks for a *violation* (for `path`, a witness): a request that
//! starts as the assertion says and gets to the target. Each state has a
//! `reach` boolean that implies one justified way in: a first hop, or an
//! edge from a reached predecessor whose rule and admission guards hold.
//! Within a cycle of states, a predecessor must also have a lower rank, so
//! no state justifies itself; a model therefore spells out a real journey.

pub mod closed;

use petgraph::graph::DiGraph;
use z3::ast::{Bool, BV};
use z3::{Model, Params, SatResult, Solver};

use super::domain::{Domains, HeaderValue};
use super::interp;
use super::states::{
    effective_ports, egress_ports_in, sendable_from, HopTls, Mode, Port, State, StateGraph,
};
use super::trace::{HeaderText, Hop, Request, Trace};
use crate::model::intervals::Point;
use crate::model::{
    all_ports, Action, AddrSet, Assertion, Cond, Family, IntervalSet, Node, Policy, PropertyKind,
    Tail, Target, Value,
};
use crate::syntax::ast::NodeKind;

pub enum Answer {
    /// A violation (or, for `path`, a witness), decoded.
    Found(Trace),
    /// No violation exists.
    None,
    Unknown(String),
}

/// The request a model chose, as the codes of its variables: what a
/// blocking constraint must exclude to ask for a different request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub src0: u64,
    pub port0: u64,
    pub method: u64,
    pub path: u64,
    pub headers: Vec<u64>,
    pub opaque: Vec<bool>,
    /// The class each secret is taken to be in (with value patterns): two
    /// requests that differ only there are different requests to `diff`.
    pub secret_cells: Vec<u64>,
}

/// A constraint on the request the query may choose.
#[derive(Debug, Clone)]
pub enum Pin {
    /// Exactly this request.
    Is(Identity),
    /// Any request but this one.
    Not(Identity),
    /// Not this target port (a port key; its whole class) for requests
    /// that take this route: they are known to get there in the other
    /// version. The request may still be chosen for another port.
    NotRoute(Route, u32),
}

/// A journey as a set of requests: those that take exactly these hops, by
/// the same rules, admitted by the same listen and egress lines, with the
/// same hop sources, and are accepted at the end on `end_port`.
#[derive(Debug, Clone)]
pub struct Route {
    pub hops: Vec<RouteHop>,
}

#[derive(Debug, Clone)]
pub struct RouteHop {
    pub to: crate::model::NodeId,
    /// The port key; `None` for the first hop, whose port is the request's.
    pub port: Option<u32>,
    /// The hop's source address (a value, not a class); `None` for the first
    /// hop, whose source is the request's.
    pub source: Option<crate::model::Addr>,
    /// The admitting listen line (index), `None` for a zone that accepts all.
    pub listen: Option<usize>,
    /// The sender's egress line (index), `None` without egress lines.
    pub egress: Option<usize>,
    /// The block and rule of the previous node that forwarded this hop.
    pub rule: Option<(usize, usize)>,
    /// The last hop's port, when the first hop is also the last.
    pub end_port: Option<u32>,
}

pub struct Solved {
    pub answer: Answer,
    /// The identity of the request found, with `Answer::Found`.
    pub identity: Option<Identity>,
    /// The SMT-LIB2 text of the query, when asked for.
    pub smt: Option<String>,
}

/// Bits for a bit-vector that can hold the values `0..n` and the bound `n` itself.
fn width(n: usize) -> u32 {
    let mut w = 1;
    while (1usize << w) <= n {
        w += 1;
    }
    w
}

struct Encoder<'a> {
    policy: &'a Policy,
    dom: &'a Domains,
    a: &'a Assertion,
    g: &'a StateGraph,
    src0: BV,
    port0: BV,
    method: BV,
    path: BV,
    h0: Vec<BV>,
    opaque: Vec<Bool>,
    /// Per secret, the class of values it is in (only with value patterns).
    secret_cell: Vec<BV>,
    reach: Vec<Bool>,
    src: Vec<BV>,
    rank: Vec<Option<(usize, BV)>>,
    hw: u32,
    /// Set when a set's boundary was not among the class cuts (a bug): the
    /// encoding would be wrong, so the answer becomes unknown.
    misaligned: std::cell::Cell<bool>,
    /// The numerals made so far ([`Encoder::num`]).
    nums: std::cell::RefCell<rustc_hash::FxHashMap<(u64, u32), BV>>,
    /// Per node and encryption, the ports a first hop into it can be on
    /// ([`Encoder::block_may_apply`]).
    first_ports:
        std::cell::RefCell<rustc_hash::FxHashMap<(crate::model::NodeId, HopTls), IntervalSet>>,
}

/// The solver's limits for one query.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout_ms: u32,
    pub rlimit: Option<u32>,
}

impl Limits {
    pub fn of(opts: &super::Options) -> Self {
        Limits {
            timeout_ms: u32::try_from(opts.timeout.as_millis()).unwrap_or(u32::MAX),
            rlimit: opts.rlimit,
        }
    }
}

/// What to ask of one query besides the assertion itself.
pub struct Ask<'p> {
    /// Keep the SMT-LIB2 text of the query.
    pub want_smt: bool,
    /// Constraints on the request (used by the semantic diff).
    pub pins: &'p [Pin],
}

pub fn solve(
    policy: &Policy,
    dom: &Domains,
    a: &Assertion,
    g: &StateGraph,
    solver: &QuerySolver,
    ask: Ask,
) -> Solved {
    let Ask { want_smt, pins } = ask;
    if let Some(why) = dom.paths.overflow.as_ref().or(dom.values.overflow.as_ref()) {
        return Solved::unknown(why.clone());
    }
    let enc = Encoder::new(policy, dom, a, g);
    solver.solver.push();
    let solved = solve_in(&enc, solver, want_smt, pins);
    solver.solver.pop(1);
    solved
}

impl Solved {
    /// No violation, decided without the solver.
    pub fn nothing() -> Self {
        Solved {
            answer: Answer::None,
            identity: None,
            smt: None,
        }
    }

    /// A violation found without the solver (replayed by the caller).
    pub fn found(trace: Trace) -> Self {
        Solved {
            answer: Answer::Found(trace),
            identity: None,
            smt: None,
        }
    }

    pub fn unknown(reason: String) -> Self {
        Solved {
            answer: Answer::Unknown(reason),
            identity: None,
            smt: None,
        }
    }
}

fn misaligned() -> Solved {
    Solved {
        answer: Answer::Unknown(
            "internal error: a set does not align with the value classes".into(),
        ),
        identity: None,
        smt: None,
    }
}

/// The answer for a query its model satisfies.
fn found(enc: &Encoder, m: &Model, built: &Built) -> Solved {
    match enc.decode(m, built) {
        Ok(t) => Solved {
            answer: Answer::Found(t),
            identity: Some(enc.identity(m)),
            smt: None,
        },
        Err(e) => Solved {
            answer: Answer::Unknown(format!("internal error: {e}")),
            identity: None,
            smt: None,
        },
    }
}

impl<'a> Encoder<'a> {
    /// The variables of one query.
    fn new(policy: &'a Policy, dom: &'a Domains, a: &'a Assertion, g: &'a StateGraph) -> Self {
        let hw = width(dom.header_value_count());
        let start_states: Vec<bool> = {
            let mut v = vec![false; g.states.len()];
            g.starts.iter().for_each(|(s, _)| v[*s] = true);
            v
        };
        // Addresses and ports are class indices (see `domain::Classes`).
        let aw = width(dom.addrs.len());
        let src0 = BV::new_const("src0", aw);
        Encoder {
            policy,
            dom,
            a,
            g,
            port0: BV::new_const("port0", width(dom.ports.len())),
            method: BV::new_const("method", width(dom.method_names.len())),
            path: BV::new_const("path", width(dom.paths.representatives.len())),
            h0: policy
                .headers
                .iter()
                .map(|h| BV::new_const(format!("h0.{h}"), hw))
                .collect(),
            opaque: policy
                .opaques
                .iter()
                .map(|o| Bool::new_const(format!("opaque.{o}")))
                .collect(),
            // Which class of values each secret's (unknown) value is in;
            // only value patterns can tell the classes apart.
            secret_cell: if dom.values.pattern_cells.is_empty() {
                Vec::new()
            } else {
                policy
                    .secrets
                    .iter()
                    .map(|s| {
                        BV::new_const(
                            format!("secret.{}", s.name),
                            width(dom.values.witnesses.len()),
                        )
                    })
                    .collect()
            },
            reach: (0..g.states.len())
                .map(|i| Bool::new_const(format!("reach{i}")))
                .collect(),
            src: (0..g.states.len())
                .map(|i| {
                    if start_states[i] {
                        src0.clone()
                    } else {
                        BV::new_const(format!("src{i}"), aw)
                    }
                })
                .collect(),
            rank: ranks(g),
            src0,
            hw,
            misaligned: std::cell::Cell::new(false),
            nums: Default::default(),
            first_ports: Default::default(),
        }
    }
}

fn solve_in(enc: &Encoder, query: &QuerySolver, want_smt: bool, pins: &[Pin]) -> Solved {
    let QuerySolver {
        solver,
        limits,
        timeout_ms,
    } = query;
    let route_blocks: Vec<(usize, Bool)> = pins
        .iter()
        .filter_map(|p| match p {
            Pin::NotRoute(r, port) => Some((enc.dom.ports.index_of(*port), enc.takes_route(r))),
            _ => None,
        })
        .collect();
    let (constraints, built) = enc.constraints(&route_blocks);
    for c in constraints {
        solver.assert(&c);
    }
    for pin in pins {
        match pin {
            Pin::Not(id) => solver.assert(enc.is_identity(id).not()),
            Pin::Is(id) => solver.assert(enc.is_identity(id)),
            Pin::NotRoute(..) => {}
        }
    }
    if enc.misaligned.get() {
        return misaligned();
    }
    let smt = want_smt.then(|| solver.to_smt2());
    let answer = match solver.check() {
        SatResult::Unsat => Answer::None,
        SatResult::Unknown => {
            let why = solver
                .get_reason_unknown()
                .unwrap_or_else(|| "no reason given".into());
            let rlimit = limits
                .rlimit
                .map(|r| format!(", resource limit {r}"))
                .unwrap_or_default();
            Answer::Unknown(format!(
                "z3 answered unknown: {why} (limits: timeout {} ms{rlimit})",
                timeout_ms.get()
            ))
        }
        SatResult::Sat => match solver.get_model() {
            Some(m) => {
                return Solved {
                    smt,
                    ..found(enc, &m, &built)
                }
            }
            None => Answer::Unknown("the solver returned no model".into()),
        },
    };
    Solved {
        answer,
        identity: None,
        smt,
    }
}

/// Rank variables for states in a cycle (a strongly connected component
/// larger than one state, or with a self-loop), with the component each
/// belongs to: ranks are compared only within a component (an edge between
/// components cannot close a cycle, and their widths may differ).
fn ranks(g: &StateGraph) -> Vec<Option<(usize, BV)>> {
    let mut pg: DiGraph<(), ()> = DiGraph::with_capacity(g.states.len(), g.edges.len());
    let nodes: Vec<_> = (0..g.states.len()).map(|_| pg.add_node(())).collect();
    for e in &g.edges {
        pg.add_edge(nodes[e.from], nodes[e.to], ());
    }
    let mut rank = vec![None; g.states.len()];
    for (component, scc) in petgraph::algo::tarjan_scc(&pg).into_iter().enumerate() {
        let cyclic = scc.len() > 1 || scc.first().is_some_and(|n| pg.contains_edge(*n, *n));
        if cyclic {
            // Enough bits to order every state of the component.
            let w = width(scc.len());
            for n in scc {
                let i = n.index();
                rank[i] = Some((component, BV::new_const(format!("rank{i}"), w)));
            }
        }
    }
    rank
}

/// A disjunction, printed as plain SMT-LIB even when empty or single.
fn any(parts: &[Bool]) -> Bool {
    match parts {
        [] => Bool::from_bool(false),
        [one] => one.clone(),
        _ => Bool::or(parts),
    }
}

/// A conjunction, printed as plain SMT-LIB even when empty or single.
fn all(parts: &[Bool]) -> Bool {
    match parts {
        [] => Bool::from_bool(true),
        [one] => one.clone(),
        _ => Bool::and(parts),
    }
}

/// Two sorted lists share no element.
fn disjoint(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

impl Encoder<'_> {
    /// The numeral `v` of `size` bits. A query names the same few numerals
    /// many times; each is made once (making numerals was 5% of the
    /// sandbox's instructions; the cache saves 3% of them).
    fn num(&self, v: u64, size: u32) -> BV {
        self.nums
            .borrow_mut()
            .entry((v, size))
            .or_insert_with(|| BV::from_u64(v, size))
            .clone()
    }

    /// `bv` is in one of the index ranges (inclusive).
    fn in_ranges(&self, bv: &BV, ranges: &[(usize, usize)]) -> Bool {
        let size = bv.get_size();
        let max = (1u64 << size) - 1;
        let parts: Vec<Bool> = ranges
            .iter()
            .map(|&(lo, hi)| {
                let (lo, hi) = (lo as u64, (hi as u64).min(max));
                if lo == hi {
                    bv.eq(self.num(lo, size))
                } else if lo == 0 && hi == max {
                    Bool::from_bool(true)
                } else if lo == 0 {
                    bv.bvule(self.num(hi, size))
                } else if hi == max {
                    bv.bvuge(self.num(lo, size))
                } else {
                    all(&[bv.bvuge(self.num(lo, size)), bv.bvule(self.num(hi, size))])
                }
            })
            .collect();
        any(&parts)
    }

    fn in_classes<T: Point>(
        &self,
        bv: &BV,
        classes: &super::domain::Classes<T>,
        set: &IntervalSet<T>,
    ) -> Bool {
        match classes.index_ranges(set) {
            Some(r) => self.in_ranges(bv, &r),
            None => {
                self.misaligned.set(true);
                Bool::from_bool(false)
            }
        }
    }

    /// An address variable (a class index) is in `set`.
    fn in_addrs(&self, bv: &BV, set: &AddrSet) -> Bool {
        self.in_classes(bv, &self.dom.addrs, set)
    }

    /// A port variable (a class index) is in `set`.
    fn in_ports(&self, bv: &BV, set: &IntervalSet) -> Bool {
        self.in_classes(bv, &self.dom.ports, set)
    }

    fn node(&self, s: &State) -> &Node {
        &self.policy.nodes[s.node]
    }

    fn start_state(&self) -> State {
        State {
            prev: None,
            node: self.a.from,
            port: Port::First,
            modes: vec![Mode::Initial; self.policy.headers.len()],
            plain_before: false,
            entry: HopTls::Any,
        }
    }

    fn value_code(&self, v: Value) -> u64 {
        self.dom.header_code(HeaderValue::Is(v))
    }

    fn header(&self, s: &State, h: usize) -> BV {
        match s.modes.get(h) {
            Some(Mode::Set(v)) => self.num(self.value_code(*v), self.hw),
            Some(Mode::Absent) => self.num(0, self.hw),
            _ => self.h0[h].clone(),
        }
    }

    /// A header value (a code of `Domains::header_code`) matches one of the
    /// patterns: a class of other values by the cells, a literal by its
    /// text, a secret by the class its stand-in is in.
    fn header_matches(&self, v: &BV, ps: &[usize]) -> Bool {
        let cells = &self.dom.values;
        let mut classes: Vec<usize> = ps
            .iter()
            .flat_map(|&p| cells.pattern_cells.get(p).into_iter().flatten().copied())
            .collect();
        classes.sort_unstable();
        classes.dedup();
        let is = |hv: HeaderValue| v.eq(self.num(self.dom.header_code(hv), self.hw));
        let mut ways: Vec<Bool> = classes.iter().map(|&k| is(HeaderValue::Other(k))).collect();
        let literal_matches = |l: usize| {
            cells
                .literal_matches
                .get(l)
                .is_some_and(|m| ps.iter().any(|&p| m.get(p).copied().unwrap_or(false)))
        };
        for l in 0..self.dom.literal_count {
            if literal_matches(l) {
                ways.push(is(HeaderValue::Is(Value::Literal(l))));
            }
        }
        for k in 0..self.dom.extra_literals.len() {
            if literal_matches(self.dom.literal_count + k) {
                ways.push(is(HeaderValue::Extra(k)));
            }
        }
        for (s, cell) in self.secret_cell.iter().enumerate() {
            let w = cell.get_size();
            let inside = any(&classes
                .iter()
                .map(|&k| cell.eq(self.num(k as u64, w)))
                .collect::<Vec<_>>());
            ways.push(all(&[is(HeaderValue::Is(Value::Secret(s))), inside]));
        }
        any(&ways)
    }

    fn port_in(&self, s: &State, set: &IntervalSet) -> Bool {
        match s.port {
            Port::First => self.in_ports(&self.port0, set),
            Port::Const(k) => Bool::from_bool(set.contains(k)),
        }
    }

    fn cond(&self, c: &Cond, s: &State, src: &BV) -> Bool {
        match c {
            Cond::True => Bool::from_bool(true),
            Cond::HeaderEq(h, v) => self
                .header(s, *h)
                .eq(self.num(self.value_code(*v), self.hw)),
            Cond::HeaderPresent(h) => self.header(s, *h).eq(self.num(0, self.hw)).not(),
            Cond::HeaderMatch(h, ps) => self.header_matches(&self.header(s, *h), ps),
            Cond::Path(globs) => {
                let mut classes: Vec<usize> = globs
                    .iter()
                    .flat_map(|g| self.dom.paths.glob_classes[*g].iter().copied())
                    .collect();
                classes.sort_unstable();
                classes.dedup();
                // A prefix glob's classes are mostly consecutive: one range
                // check per run rather than one equality per class.
                let mut runs: Vec<(usize, usize)> = Vec::new();
                for c in classes {
                    match runs.last_mut() {
                        Some(last) if last.1 + 1 == c => last.1 = c,
                        _ => runs.push((c, c)),
                    }
                }
                self.in_ranges(&self.path, &runs)
            }
            Cond::Source(set) => self.in_addrs(src, set),
            Cond::Port(set) => self.port_in(s, set),
            Cond::Method(ms) => {
                let w = self.method.get_size();
                any(&ms
                    .iter()
                    .map(|&m| self.method.eq(self.num(m as u64, w)))
                    .collect::<Vec<_>>())
            }
            Cond::Opaque(o) => self.opaque[*o].clone(),
            Cond::Not(inner) => self.cond(inner, s, src).not(),
            Cond::And(items) => all(&items
                .iter()
                .map(|i| self.cond(i, s, src))
                .collect::<Vec<_>>()),
            Cond::Or(items) => any(&items
                .iter()
                .map(|i| self.cond(i, s, src))
                .collect::<Vec<_>>()),
        }
    }

    /// Whether block `bi` can be the one that applies at `s`: at a first
    /// hop, only if one of its ports is one the hop can be on
    /// (`states::first_hop_ports`: the start guard allows no other), so the
    /// rules of a block the hop cannot reach are not encoded at all.
    fn block_may_apply(&self, s: &State, bi: usize) -> bool {
        let node = self.node(s);
        match s.port {
            Port::Const(k) => {
                interp::block_for(node, k).is_some_and(|b| std::ptr::eq(b, &node.blocks[bi]))
            }
            Port::First => {
                let mut cache = self.first_ports.borrow_mut();
                let ports = cache.entry((s.node, s.entry)).or_insert_with(|| {
                    let from = &self.policy.nodes[self.a.from];
                    super::states::first_hop_ports(self.policy, from, node, s.entry)
                });
                effective_ports(node, bi).intersects(ports)
            }
        }
    }

    fn block_applies(&self, s: &State, bi: usize) -> Bool {
        let node = self.node(s);
        if !self.block_may_apply(s, bi) {
            return Bool::from_bool(false);
        }
        match s.port {
            Port::First => self.in_ports(&self.port0, &effective_ports(node, bi)),
            // `block_may_apply` found it to be the port's block.
            Port::Const(_) => Bool::from_bool(true),
        }
    }

    /// Rule `ri` of block `bi` is the first match at state `s`.
    fn fires_with(&self, s: &State, src: &BV, bi: usize, ri: usize) -> Bool {
        if !self.block_may_apply(s, bi) {
            return Bool::from_bool(false);
        }
        let block = &self.node(s).blocks[bi];
        let mut parts = vec![self.block_applies(s, bi)];
        let own = block
            .rules
            .get(ri)
            .and_then(|r| self.dom.path_support(&r.guard));
        for (j, r) in block.rules.iter().enumerate().take(ri + 1) {
            if j == ri {
                parts.push(self.cond(&r.guard, s, src));
                continue;
            }
            // An earlier rule that only matches paths this rule never does
            // cannot match when this one does: its negation is implied.
            if let (Some(mine), Some(theirs)) = (&own, self.dom.path_support(&r.guard)) {
                if disjoint(mine, &theirs) {
                    continue;
                }
            }
            parts.push(self.cond(&r.guard, s, src).not());
        }
        all(&parts)
    }

    /// `node` admits a hop on `port` from `src`, sent by `sender`, with the
    /// required encryption.
    fn admits(&self, node: &Node, sender: &Node, port: &PortTerm, src: &BV, tls: HopTls) -> Bool {
        let port_in = |set: &IntervalSet| match port {
            PortTerm::Var(bv) => self.in_ports(bv, set),
            PortTerm::Const(k) => Bool::from_bool(set.contains(*k)),
        };
        let lines = |want: Option<bool>| {
            any(&node
                .listens
                .iter()
                .filter(|l| want.is_none_or(|t| l.tls == t))
                .map(|l| all(&[port_in(&l.ports), self.source_admitted(l, sender, src)]))
                .collect::<Vec<_>>())
        };
        let listens = if node.accepts_everything() {
            Bool::from_bool(tls != HopTls::Encrypted)
        } else {
            match tls {
                HopTls::Any => lines(None),
                HopTls::Plaintext => lines(Some(false)),
                HopTls::Encrypted => all(&[lines(Some(true)), lines(Some(false)).not()]),
            }
        };
        // A node's exposure bounds every hop into it, whatever admits it.
        match &node.exposure {
            None => listens,
            Some(e) => all(&[self.in_addrs(src, &e.from), listens]),
        }
    }

    /// A listen line admits the hop's source: a member of one of its groups
    /// whatever its address, anyone else by address.
    fn source_admitted(&self, l: &crate::model::Listen, sender: &Node, src: &BV) -> Bool {
        if sender.member_of_any(&l.groups).is_some() {
            Bool::from_bool(true)
        } else {
            self.in_addrs(src, &l.from)
        }
    }

    /// The request is accepted (service, zone) or forwarded (proxy) at `s`.
    fn accepted(&self, si: usize) -> Bool {
        self.accepted_at(&self.g.states[si], &self.src[si])
    }

    /// The request is accepted (service, zone) or forwarded (proxy) at a
    /// state whose hop came from `src`.
    fn accepted_at(&self, s: &State, src: &BV) -> Bool {
        let node = self.node(s);
        match node.kind {
            NodeKind::Zone => Bool::from_bool(true),
            NodeKind::Service => {
                let parts: Vec<Bool> = (0..node.blocks.len())
                    .filter(|&bi| self.block_may_apply(s, bi))
                    .map(|bi| {
                        let denied = any(&node.blocks[bi]
                            .rules
                            .iter()
                            .map(|r| self.cond(&r.guard, s, src))
                            .collect::<Vec<_>>());
                        self.block_applies(s, bi).implies(denied.not())
                    })
                    .collect();
                all(&parts)
            }
            NodeKind::Proxy => {
                let mut parts = Vec::new();
                for (bi, block) in node.blocks.iter().enumerate() {
                    if !self.block_may_apply(s, bi) {
                        continue;
                    }
                    for (ri, r) in block.rules.iter().enumerate() {
                        if matches!(r.action, Action::Forward(_)) {
                            parts.push(self.fires_with(s, src, bi, ri));
                        }
                    }
                }
                any(&parts)
            }
        }
    }

    fn start_guard(&self, si: usize, tls: HopTls) -> Bool {
        let s = &self.g.states[si];
        let from = &self.policy.nodes[self.a.from];
        let to = self.node(s);
        // The first hop's egress depends on the family of the request's source.
        let families = Family::present(&from.addrs);
        let egress = match families.as_slice() {
            [one] => self.in_ports(&self.port0, &egress_ports_in(from, to, *one)),
            _ => any(&families
                .iter()
                .map(|&f| {
                    all(&[
                        self.in_addrs(&self.src0, &f.all()),
                        self.in_ports(&self.port0, &egress_ports_in(from, to, f)),
                    ])
                })
                .collect::<Vec<_>>()),
        };
        let mut parts = vec![
            egress,
            self.admits(
                to,
                from,
                &PortTerm::Var(self.port0.clone()),
                &self.src0,
                tls,
            ),
        ];
        if !self.policy.acls.is_empty() {
            parts.push(self.first_hop_acls(from, to));
        }
        all(&parts)
    }

    /// The first hop passes the ACLs it crosses: its source is in one of the
    /// pieces of the sender's addresses, on a port that piece passes on.
    fn first_hop_acls(&self, from: &Node, to: &Node) -> Bool {
        match super::acl::passing(self.policy, from, to, &from.addrs) {
            None => Bool::from_bool(true),
            Some(options) => any(&options
                .iter()
                .map(|(sources, ports)| {
                    all(&[
                        self.in_addrs(&self.src0, sources),
                        self.in_ports(&self.port0, ports),
                    ])
                })
                .collect::<Vec<_>>()),
        }
    }

    fn edge_guard(&self, ei: usize) -> Bool {
        let e = &self.g.edges[ei];
        let (p, s) = (&self.g.states[e.from], &self.g.states[e.to]);
        let from = self.node(p);
        let to = self.node(s);
        let Port::Const(k) = s.port else {
            return Bool::from_bool(false);
        };
        // The hop's source: an address of the sender, of a family its egress
        // lets send to the target on this port.
        let mut parts = vec![
            self.fires_with(p, &self.src[e.from], e.block, e.rule),
            self.in_addrs(&self.src[e.to], &sendable_from(from, to, k, &from.addrs)),
            self.admits(to, from, &PortTerm::Const(k), &self.src[e.to], e.tls),
        ];
        if !self.policy.acls.is_empty() {
            let passing = super::acl::passing_on(self.policy, from, to, k, &from.addrs);
            parts.push(self.in_addrs(&self.src[e.to], &passing));
        }
        // Within a cycle the predecessor must rank lower; an edge between
        // components cannot close a cycle.
        if let (Some((cp, rp)), Some((cs, rs))) = (&self.rank[e.from], &self.rank[e.to]) {
            if cp == cs {
                parts.push(rp.bvult(rs));
            }
        }
        parts.push(self.reach[e.from].clone());
        all(&parts)
    }

    /// Target state `t` is reached and accepted, on a port the assertion
    /// names, and not on a port class that a blocked route covers for this
    /// request (see [`Pin::NotRoute`]).
    fn goal(&self, t: usize, route_blocks: &[(usize, Bool)]) -> Bool {
        let s = &self.g.states[t];
        let ports = match &self.a.target {
            Target::Node(_, p) | Target::Port(p) => p,
        };
        let mut parts = vec![self.reach[t].clone(), self.port_in(s, ports)];
        if self.a.kind != PropertyKind::NoConnection {
            parts.push(self.accepted(t));
        }
        for (class, takes) in route_blocks {
            let on_port = match s.port {
                Port::Const(k) => Bool::from_bool(self.dom.ports.index_of(k) == *class),
                Port::First => self
                    .port0
                    .eq(self.num(*class as u64, self.port0.get_size())),
            };
            parts.push(all(&[on_port, takes.clone()]).not());
        }
        all(&parts)
    }

    fn constraints(&self, route_blocks: &[(usize, Bool)]) -> (Vec<Bool>, Built) {
        let mut out = Vec::new();
        let from = &self.policy.nodes[self.a.from];
        // The request's identity.
        out.push(self.in_addrs(&self.src0, &from.addrs));
        out.push(self.in_ports(&self.port0, &all_ports()));
        let bound = |bv: &BV, n: usize| bv.bvult(self.num(n as u64, bv.get_size()));
        out.push(bound(&self.method, self.dom.method_names.len()));
        out.push(bound(&self.path, self.dom.paths.representatives.len()));
        for c in &self.secret_cell {
            out.push(bound(c, self.dom.values.witnesses.len()));
        }
        for h in &self.h0 {
            out.push(bound(h, self.dom.header_value_count()));
            for s in 0..self.policy.secrets.len() {
                if !from.knows.contains(&s) {
                    out.push(
                        h.eq(self.num(self.value_code(Value::Secret(s)), self.hw))
                            .not(),
                    );
                }
            }
        }
        // How it starts.
        let start = self.start_state();
        out.push(self.cond(&self.a.where_, &start, &self.src0));
        if let Tail::Requires(c) = &self.a.tail {
            out.push(self.cond(c, &start, &self.src0).not());
        }
        // Each reached state is justified.
        let mut built = Built {
            starts: vec![Vec::new(); self.g.states.len()],
            edges: (0..self.g.edges.len())
                .map(|e| self.edge_guard(e))
                .collect(),
            goals: Vec::new(),
        };
        for &(si, tls) in &self.g.starts {
            built.starts[si].push(self.start_guard(si, tls));
        }
        for si in 0..self.g.states.len() {
            let mut ways: Vec<Bool> = built.starts[si].clone();
            ways.extend(self.g.incoming[si].iter().map(|&e| built.edges[e].clone()));
            out.push(self.reach[si].implies(any(&ways)));
        }
        // Some target is reached.
        built.goals = self
            .g
            .targets
            .iter()
            .map(|&t| self.goal(t, route_blocks))
            .collect();
        out.push(any(&built.goals));
        (out, built)
    }

    fn identity(&self, m: &Model) -> Identity {
        Identity {
            src0: self.eval_u64(m, &self.src0),
            port0: self.eval_u64(m, &self.port0),
            method: self.eval_u64(m, &self.method),
            path: self.eval_u64(m, &self.path),
            headers: self.h0.iter().map(|h| self.eval_u64(m, h)).collect(),
            opaque: self.opaque.iter().map(|o| self.eval_bool(m, o)).collect(),
            secret_cells: self
                .secret_cell
                .iter()
                .map(|c| self.eval_u64(m, c))
                .collect(),
        }
    }

    /// The request takes this route (see [`Route`]).
    fn takes_route(&self, r: &Route) -> Bool {
        let mut parts = Vec::new();
        let from = &self.policy.nodes[self.a.from];
        let mut state = self.start_state();
        let mut src = self.src0.clone();
        for (i, hop) in r.hops.iter().enumerate() {
            let Some(to) = self.policy.nodes.get(hop.to) else {
                return Bool::from_bool(false);
            };
            let sender = if i == 0 { from } else { self.node(&state) };
            if i > 0 {
                let Some((bi, ri)) = hop.rule else {
                    return Bool::from_bool(false);
                };
                parts.push(self.fires_with(&state, &src, bi, ri));
                if let Some(Action::Forward(f)) = sender
                    .blocks
                    .get(bi)
                    .and_then(|b| b.rules.get(ri))
                    .map(|r| &r.action)
                {
                    for e in &f.edits {
                        match *e {
                            crate::model::Edit::Set(h, v) => state.modes[h] = Mode::Set(v),
                            crate::model::Edit::Remove(h) => state.modes[h] = Mode::Absent,
                        }
                    }
                }
            }
            let port = match (i, hop.port) {
                (0, _) => Port::First,
                (_, Some(k)) => Port::Const(k),
                _ => return Bool::from_bool(false),
            };
            let hop_src = match hop.source {
                Some(a) if i > 0 => {
                    self.num(self.dom.addrs.index_of(a) as u64, self.src0.get_size())
                }
                _ => self.src0.clone(),
            };
            let next = State {
                prev: (i > 0).then_some(state.node),
                node: hop.to,
                port,
                modes: state.modes.clone(),
                plain_before: false,
                entry: HopTls::Any,
            };
            // The same stateless ACLs let it through.
            if !self.policy.acls.is_empty() {
                match next.port {
                    Port::First => parts.push(self.first_hop_acls(sender, to)),
                    Port::Const(k) => {
                        let passing =
                            super::acl::passing_on(self.policy, sender, to, k, &sender.addrs);
                        parts.push(self.in_addrs(&hop_src, &passing));
                    }
                }
            }
            // The same egress and listen lines admit it.
            if let Some(e) = hop.egress.and_then(|e| sender.egress.as_ref()?.get(e)) {
                parts.push(self.port_in(&next, &e.ports));
            }
            if let Some(e) = &to.exposure {
                parts.push(self.in_addrs(&hop_src, &e.from));
            }
            match hop.listen.and_then(|l| to.listens.get(l)) {
                Some(l) => {
                    parts.push(self.port_in(&next, &l.ports));
                    parts.push(self.source_admitted(l, sender, &hop_src));
                }
                None if to.accepts_everything() => {}
                None => return Bool::from_bool(false),
            }
            state = next;
            src = hop_src;
        }
        if let Some(p) = r.hops.first().and_then(|h| h.end_port) {
            let class = self.dom.ports.index_of(p) as u64;
            parts.push(self.port0.eq(self.num(class, self.port0.get_size())));
        }
        if r.hops.is_empty() {
            return Bool::from_bool(false);
        }
        parts.push(self.accepted_at(&state, &src));
        all(&parts)
    }

    /// The request's variables hold exactly these codes.
    fn is_identity(&self, id: &Identity) -> Bool {
        let eq = |bv: &BV, v: u64| bv.eq(self.num(v, bv.get_size()));
        let mut parts = vec![
            eq(&self.src0, id.src0),
            eq(&self.port0, id.port0),
            eq(&self.method, id.method),
            eq(&self.path, id.path),
        ];
        parts.extend(self.h0.iter().zip(&id.headers).map(|(h, &v)| eq(h, v)));
        parts.extend(
            self.opaque
                .iter()
                .zip(&id.opaque)
                .map(|(o, &v)| if v { o.clone() } else { o.not() }),
        );
        parts.extend(
            self.secret_cell
                .iter()
                .zip(&id.secret_cells)
                .map(|(c, &v)| eq(c, v)),
        );
        all(&parts)
    }

    fn eval_bool(&self, m: &Model, b: &Bool) -> bool {
        m.eval(b, true).and_then(|v| v.as_bool()).unwrap_or(false)
    }

    fn eval_u64(&self, m: &Model, bv: &BV) -> u64 {
        m.eval(bv, true).and_then(|v| v.as_u64()).unwrap_or(0)
    }

    fn decode(&self, m: &Model, built: &Built) -> Result<Trace, String> {
        let target = self
            .g
            .targets
            .iter()
            .zip(&built.goals)
            .find(|(_, goal)| self.eval_bool(m, goal))
            .map(|(&t, _)| t)
            .ok_or("no target holds in the model")?;
        // Walk back along justified edges to a first hop.
        let mut chain = vec![target];
        let mut edges_used: Vec<usize> = Vec::new();
        let mut cur = target;
        loop {
            if built.starts[cur].iter().any(|g| self.eval_bool(m, g)) {
                break;
            }
            let e = self.g.incoming[cur]
                .iter()
                .copied()
                .find(|&e| self.eval_bool(m, &built.edges[e]))
                .ok_or("a reached state has no justification in the model")?;
            edges_used.push(e);
            cur = self.g.edges[e].from;
            chain.push(cur);
            if chain.len() > self.g.states.len() + 1 {
                return Err("the model's journey does not end".into());
            }
        }
        chain.reverse();
        edges_used.reverse();

        let headers: Vec<HeaderText> = self
            .h0
            .iter()
            .map(|h| self.header_text(self.dom.header_from_code(self.eval_u64(m, h))))
            .collect();
        let request = Request {
            source: self.dom.addrs.start(self.eval_u64(m, &self.src0) as usize),
            port: self.dom.ports.start(self.eval_u64(m, &self.port0) as usize),
            method: self
                .dom
                .method_names
                .get(self.eval_u64(m, &self.method) as usize)
                .cloned()
                .unwrap_or_default(),
            path: self
                .dom
                .paths
                .representatives
                .get(self.eval_u64(m, &self.path) as usize)
                .cloned()
                .unwrap_or_default(),
            headers,
            opaque: self.opaque.iter().map(|o| self.eval_bool(m, o)).collect(),
            secrets: self
                .secret_cell
                .iter()
                .map(|c| {
                    let k = self.eval_u64(m, c) as usize;
                    self.dom
                        .values
                        .witnesses
                        .get(k)
                        .cloned()
                        .unwrap_or_default()
                })
                .collect(),
        };
        let mut hops = Vec::new();
        let mut cur_headers = request.headers.clone();
        for (i, &si) in chain.iter().enumerate() {
            let s = &self.g.states[si];
            let (from, rule, forward_tls) = if i == 0 {
                (self.a.from, None, false)
            } else {
                let e = &self.g.edges[edges_used[i - 1]];
                let p = &self.g.states[e.from];
                let r = &self.node(p).blocks[e.block].rules[e.rule];
                let Action::Forward(f) = &r.action else {
                    return Err("an edge follows a rule that does not forward".into());
                };
                interp::apply_edits(&mut cur_headers, &f.edits, self.policy);
                (p.node, Some(r.span), f.tls)
            };
            let port = match s.port {
                Port::First => request.port,
                Port::Const(k) => k,
            };
            let source = self
                .dom
                .addrs
                .start(self.eval_u64(m, &self.src[si]) as usize);
            let to = self.node(s);
            let sender = &self.policy.nodes[from];
            let tls = interp::hop_is_tls(to, port, source, forward_tls, sender);
            let (listen, member) = interp::shown_listen(to, port, source, tls, sender);
            let (egress, acl) = interp::shown_egress_and_acl(self.policy, sender, to, port, source);
            hops.push(Hop {
                from,
                to: s.node,
                port,
                source,
                tls,
                headers: cur_headers.clone(),
                rule,
                listen,
                member,
                exposure: to.exposure_line(source),
                egress,
                acl,
            });
        }
        let last = hops.last().ok_or("empty journey")?;
        let end = &self.policy.nodes[last.to];
        let ending = interp::ending_at(
            self.policy,
            end,
            &interp::Context {
                request: &request,
                source: last.source,
                port: last.port,
                headers: &cur_headers,
            },
        );
        Ok(Trace {
            request,
            hops,
            ending,
        })
    }

    fn header_text(&self, v: HeaderValue) -> HeaderText {
        match v {
            HeaderValue::Absent => HeaderText::Absent,
            HeaderValue::Other(k) => HeaderText::Text(
                self.dom
                    .values
                    .witnesses
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| self.dom.other_value.clone()),
            ),
            HeaderValue::Is(Value::Literal(l)) => {
                HeaderText::Text(self.policy.literals.get(l).cloned().unwrap_or_default())
            }
            HeaderValue::Is(Value::Secret(s)) => HeaderText::Secret(s),
            HeaderValue::Extra(k) => {
                HeaderText::Text(self.dom.extra_literals.get(k).cloned().unwrap_or_default())
            }
        }
    }
}

/// The guards of one query, kept to read the model back.
struct Built {
    /// The first-hop guards of each state.
    starts: Vec<Vec<Bool>>,
    /// Each edge's guard (with its predecessor's `reach` and rank).
    edges: Vec<Bool>,
    /// Each target's goal, in the order of `StateGraph::targets`.
    goals: Vec<Bool>,
}

enum PortTerm {
    Var(BV),
    Const(u32),
}

/// A solver for one worker, reused across its queries with push/pop, and
/// the limits it was given once, when it was made.
pub struct QuerySolver {
    solver: Solver,
    limits: Limits,
    /// The time limit set on the solver now, in milliseconds.
    timeout_ms: std::cell::Cell<u32>,
}

impl QuerySolver {
    /// Everything is bit-vectors and booleans over small finite domains.
    /// z3's solver for `QF_UFBV`, used incrementally (push/pop), is its SMT
    /// core set up for bit-vectors alone: measured against the finite-domain
    /// solver (`QF_FD`) and the `QF_BV` and default solvers, it takes the
    /// fewest instructions and the least time end to end on the sandbox and
    /// on generated estates (docs/performance.md). The limits are set here
    /// rather than per query: setting a solver's parameters before every
    /// query cost 5% of the sandbox's instructions.
    pub fn new(limits: Limits) -> Self {
        let solver = Solver::new_for_logic("QF_UFBV").unwrap_or_default();
        let mut params = Params::new();
        params.set_u32("timeout", limits.timeout_ms.max(1));
        if let Some(r) = limits.rlimit {
            params.set_u32("rlimit", r);
        }
        solver.set_params(&params);
        QuerySolver {
            solver,
            limits,
            timeout_ms: std::cell::Cell::new(limits.timeout_ms.max(1)),
        }
    }

    /// Lets the next queries take at most `remaining`. The solver's limit is
    /// lowered only when it is off by more than a little, so the common case
    /// (an assertion explored in microseconds) keeps the parameters it has.
    pub fn limit_to(&self, remaining: std::time::Duration) {
        let want = u32::try_from(remaining.as_millis())
            .unwrap_or(u32::MAX)
            .clamp(1, self.limits.timeout_ms.max(1));
        let now = self.timeout_ms.get();
        if want + want / 20 + 10 < now || want > now {
            let mut params = Params::new();
            params.set_u32("timeout", want);
            self.solver.set_params(&params);
            self.timeout_ms.set(want);
        }
    }
}
