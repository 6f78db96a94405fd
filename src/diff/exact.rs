//! The exact comparison of one (source, target) pair: one query per flow
//! found, "some request reaches the target in the newer version and not in
//! the older one" (`verify::encode::closed`), until it is unsatisfiable.
//!
//! The query needs both versions to speak the same codes, so both are
//! rewritten once over shared tables ([`Unified`]): headers, literals,
//! secrets, `opaque` checks, methods, globs and value patterns, each by name (the newer
//! version's first), every id in rules, edits, `knows` and assertions
//! renumbered. Nodes keep their ids and spans, so a witness found over the
//! shared tables is the newer version's journey once its header and
//! `opaque` values are read back by name ([`Shared::request_in`]); it is
//! then replayed by the interpreter in the newer version and checked not to
//! get through in the older one, as every flow of `diff` is.

use std::hash::Hash;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Assertion, Cond, Edit, NodeId, Policy, Tail, Value};
use crate::verify::domain::Domains;
use crate::verify::encode::closed;
use crate::verify::{interp, states, HeaderText, Request, Trace};

use super::{time_is_up, Flow, PairAnswer};
use crate::model::all_ports;

/// One version over the shared tables.
pub(crate) struct Shared {
    /// The version with its ids renumbered, still checked: every id in it
    /// was renumbered alike.
    pub policy: crate::model::CheckedPolicy,
    pub forwarders: Vec<Vec<NodeId>>,
    /// For each shared header, whether this version has it.
    has_header: Vec<bool>,
    /// For each shared secret, whether this version declares it.
    declares_secret: Vec<bool>,
    /// Per node, found when first asked: its key without its rules, the
    /// key of its rules, and per block the [`super::kept::firing_key`] of
    /// each rule.
    node_keys: Vec<std::sync::OnceLock<NodeKeys>>,
}

/// What decides when rule fires (see [`super::kept::firing_key`]).
pub(super) type FiringKey = (String, Vec<String>);

pub(super) struct NodeKeys {
    pub(super) shell: String,
    /// `blocks_key`: what the node's rules mean, all of them.
    pub(super) blocks: String,
    pub(super) firing: Vec<Vec<FiringKey>>,
}

/// Both versions over one set of tables, and the value classes of both.
pub(crate) struct Unified {
    pub head: Shared,
    pub base: Shared,
    pub dom: Domains,
}

/// `a`, then the items of `b` that `a` lacks (by `key`). Indexed: an
/// estate has thousands of globs.
fn union<T: Clone, K: Hash + Eq>(a: &[T], b: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let mut seen: FxHashSet<K> = a.iter().map(&key).collect();
    let mut out = a.to_vec();
    for x in b {
        if seen.insert(key(x)) {
            out.push(x.clone());
        }
    }
    out
}

/// For each item of `of`, its position in `into` (by `key`).
fn positions<T, K: Hash + Eq>(of: &[T], into: &[T], key: impl Fn(&T) -> K) -> Vec<usize> {
    let mut index: FxHashMap<K, usize> = FxHashMap::default();
    for (i, y) in into.iter().enumerate() {
        index.entry(key(y)).or_insert(i);
    }
    of.iter()
        .map(|x| index.get(&key(x)).copied().unwrap_or(usize::MAX))
        .collect()
}

/// How one version's ids become the shared ones.
struct Renumber {
    headers: Vec<usize>,
    literals: Vec<usize>,
    secrets: Vec<usize>,
    opaques: Vec<usize>,
    methods: Vec<usize>,
    globs: Vec<usize>,
    patterns: Vec<usize>,
}

impl Renumber {
    fn value(&self, v: Value) -> Value {
        match v {
            Value::Secret(s) => Value::Secret(self.secrets[s]),
            Value::Literal(l) => Value::Literal(self.literals[l]),
        }
    }

    fn cond(&self, c: &Cond) -> Cond {
        match c {
            Cond::True => Cond::True,
            Cond::HeaderEq(h, v) => Cond::HeaderEq(self.headers[*h], self.value(*v)),
            Cond::HeaderPresent(h) => Cond::HeaderPresent(self.headers[*h]),
            Cond::HeaderMatch(h, ps) => Cond::HeaderMatch(
                self.headers[*h],
                ps.iter().map(|p| self.patterns[*p]).collect(),
            ),
            Cond::Path(gs) => Cond::Path(gs.iter().map(|g| self.globs[*g]).collect()),
            Cond::Source(s) => Cond::Source(s.clone()),
            Cond::Port(p) => Cond::Port(p.clone()),
            Cond::Method(ms) => Cond::Method(ms.iter().map(|m| self.methods[*m]).collect()),
            Cond::Opaque(o) => Cond::Opaque(self.opaques[*o]),
            Cond::Not(i) => Cond::Not(Box::new(self.cond(i))),
            Cond::And(items) => Cond::And(items.iter().map(|i| self.cond(i)).collect()),
            Cond::Or(items) => Cond::Or(items.iter().map(|i| self.cond(i)).collect()),
        }
    }
}

/// The shared tables of names: each version's, the newer one's first.
struct Tables {
    headers: Vec<String>,
    literals: Vec<String>,
    secrets: Vec<crate::model::Secret>,
    opaques: Vec<String>,
    methods: Vec<String>,
    globs: Vec<crate::model::GlobDef>,
    patterns: Vec<String>,
}

impl Unified {
    pub(crate) fn new(head: &Policy, base: &Policy) -> Self {
        let tables = Tables {
            headers: union(&head.headers, &base.headers, |x| x.clone()),
            literals: union(&head.literals, &base.literals, |x| x.clone()),
            secrets: union(&head.secrets, &base.secrets, |x| x.name.clone()),
            opaques: union(&head.opaques, &base.opaques, |x| x.clone()),
            methods: union(&head.methods, &base.methods, |x| x.clone()),
            globs: union(&head.globs, &base.globs, |x| x.clone()),
            patterns: union(&head.patterns, &base.patterns, |x| x.clone()),
        };
        let head = Shared::over(head, &tables);
        let base = Shared::over(base, &tables);
        let dom = Domains::for_diff(&head.policy, &base.policy);
        Unified { head, base, dom }
    }
}

impl Shared {
    fn over(p: &Policy, t: &Tables) -> Self {
        let r = Renumber {
            headers: positions(&p.headers, &t.headers, |x| x.clone()),
            literals: positions(&p.literals, &t.literals, |x| x.clone()),
            secrets: positions(&p.secrets, &t.secrets, |x| x.name.clone()),
            opaques: positions(&p.opaques, &t.opaques, |x| x.clone()),
            methods: positions(&p.methods, &t.methods, |x| x.clone()),
            globs: positions(&p.globs, &t.globs, |x| x.clone()),
            patterns: positions(&p.patterns, &t.patterns, |x| x.clone()),
        };
        let mut policy = p.clone();
        policy.headers = t.headers.clone();
        policy.literals = t.literals.clone();
        policy.secrets = t.secrets.clone();
        policy.opaques = t.opaques.clone();
        policy.methods = t.methods.clone();
        policy.globs = t.globs.clone();
        policy.patterns = t.patterns.clone();
        for n in &mut policy.nodes {
            n.knows = n.knows.iter().map(|&s| r.secrets[s]).collect();
            for rule in n.blocks.iter_mut().flat_map(|b| b.rules.iter_mut()) {
                rule.guard = r.cond(&rule.guard);
                if let crate::model::Action::Forward(f) = &mut rule.action {
                    for e in &mut f.edits {
                        *e = match *e {
                            Edit::Set(h, v) => Edit::Set(r.headers[h], r.value(v)),
                            Edit::Remove(h) => Edit::Remove(r.headers[h]),
                        };
                    }
                }
            }
        }
        for a in &mut policy.assertions {
            a.where_ = r.cond(&a.where_);
            if let Tail::Requires(c) = &a.tail {
                a.tail = Tail::Requires(r.cond(c));
            }
        }
        let policy = crate::model::CheckedPolicy::new(policy);
        let has_header = t.headers.iter().map(|h| p.headers.contains(h)).collect();
        let declares_secret = t
            .secrets
            .iter()
            .map(|s| p.secrets.iter().any(|x| x.name == s.name))
            .collect();
        let forwarders = states::forwarders(&policy);
        let node_keys = policy
            .nodes
            .iter()
            .map(|_| std::sync::OnceLock::new())
            .collect();
        Shared {
            policy,
            forwarders,
            has_header,
            declares_secret,
            node_keys,
        }
    }

    /// A header value of the shared tables as `p` (this version's own
    /// policy) sees it: a secret by name, one it lacks a string that equals
    /// none of its literals (as `super::translate` has it).
    fn value_in(&self, p: &Policy, v: &HeaderText) -> HeaderText {
        match v {
            HeaderText::Secret(s) => {
                let name = self.policy.secrets.get(*s).map_or("?", |s| s.name.as_str());
                match p.secrets.iter().position(|x| x.name == name) {
                    Some(i) => HeaderText::Secret(i),
                    None => HeaderText::Text(format!("\u{0}secret:{name}")),
                }
            }
            other => other.clone(),
        }
    }

    /// Header values of the shared tables, as `p` has its headers.
    fn headers_in(&self, p: &Policy, shared: &[HeaderText]) -> Vec<HeaderText> {
        p.headers
            .iter()
            .map(|name| {
                self.policy
                    .headers
                    .iter()
                    .position(|h| h == name)
                    .and_then(|i| shared.get(i))
                    .map_or(HeaderText::Absent, |v| self.value_in(p, v))
            })
            .collect()
    }

    pub(super) fn keys(&self, dom: &Domains, n: NodeId) -> Option<&NodeKeys> {
        let node = self.policy.nodes.get(n)?;
        let cell = self.node_keys.get(n)?;
        Some(cell.get_or_init(|| {
            NodeKeys {
                shell: super::changes::node_key(&self.policy, &super::kept::shell(node)),
                blocks: super::blocks_key(&self.policy, node),
                firing: node
                    .blocks
                    .iter()
                    .map(|b| {
                        (0..b.rules.len())
                            .map(|ri| super::kept::firing_key(dom, &self.policy, b, ri))
                            .collect()
                    })
                    .collect(),
            }
        }))
    }

    /// A request of the shared tables as `p` sees it.
    fn request_in(&self, p: &Policy, req: &Request) -> Request {
        Request {
            headers: self.headers_in(p, &req.headers),
            opaque: p
                .opaques
                .iter()
                .map(|name| {
                    self.policy
                        .opaques
                        .iter()
                        .position(|o| o == name)
                        .and_then(|i| req.opaque.get(i).copied())
                        .unwrap_or(false)
                })
                .collect(),
            // Each secret's stand-in, by name (empty without value patterns).
            secrets: if req.secrets.is_empty() {
                Vec::new()
            } else {
                p.secrets
                    .iter()
                    .map(|s| {
                        self.policy
                            .secrets
                            .iter()
                            .position(|x| x.name == s.name)
                            .and_then(|i| req.secrets.get(i).cloned())
                            .unwrap_or_default()
                    })
                    .collect()
            },
            ..req.clone()
        }
    }

    /// A journey found over the shared tables, as `p` has it.
    fn trace_in(&self, p: &Policy, t: &Trace) -> Trace {
        let mut out = t.clone();
        out.request = self.request_in(p, &t.request);
        for h in &mut out.hops {
            h.headers = self.headers_in(p, &h.headers);
        }
        out
    }
}

/// A pair's flows from exact queries, or why the query cannot be built.
type ExactAnswer = Result<PairAnswer, String>;

/// The two versions of a comparison over shared tables, newer first.
pub(crate) struct Exact<'a> {
    pub new: &'a Shared,
    pub old: &'a Shared,
    pub dom: &'a Domains,
}

impl super::Pair<'_> {
    /// The pair's flows from exact queries; `Err` with the reason when the
    /// query cannot be built (the caller falls back to the loop).
    pub(super) fn exact_flows(&self, ex: &Exact) -> ExactAnswer {
        let (unew, uold) = (&ex.new.policy, &ex.old.policy);
        let mut remaining = all_ports();
        let mut ports_seen = crate::model::IntervalSet::empty();
        let query = self.reach_query(&remaining);
        let (relevant, full) = match self.explored(ex.new, &query, "newer") {
            Ok(explored) => explored,
            Err(stop) => return stop,
        };
        // No way to the target, or only ways through nodes the change
        // leaves alone or changes only where these journeys cannot tell,
        // from a source that sends as before (see `changes`).
        let sliced = states::slice_for(unew, &query, &full);
        let source_changed = self.changed_as_source.get(self.s).copied().unwrap_or(true);
        if (!source_changed || self.first_hops_kept(ex, &sliced))
            && self.journeys_kept(ex, &sliced, &relevant)
        {
            return Ok(Ok(Vec::new()));
        }
        // Only the ports a target state of the newer version can be on
        // need asking about: once their classes have flows, the pair is done
        // without a last, unsatisfiable query.
        for &t in &sliced.targets {
            let Some(st) = sliced.states.get(t) else {
                continue;
            };
            let on = match st.port {
                states::Port::Const(k) => crate::model::IntervalSet::range(k, k),
                // A first hop: the ports it can be on.
                states::Port::First => match (unew.nodes.get(self.s), unew.nodes.get(st.node)) {
                    (Some(from), Some(to)) => states::first_hop_ports(unew, from, to, st.entry),
                    _ => all_ports(),
                },
            };
            ports_seen = ports_seen.union(&class_cover(self.port_classes(), &on));
        }
        remaining = remaining.intersect(&ports_seen);
        if remaining.is_empty() {
            return Ok(Ok(Vec::new()));
        }
        let old = match (self.old_s, self.old_t) {
            (Some(s), Some(t)) => {
                let q = Assertion {
                    from: s,
                    target: crate::model::Target::Node(t, all_ports()),
                    ..query.clone()
                };
                let full = match self.explored(ex.old, &q, "older") {
                    Ok((_, full)) => full,
                    Err(stop) => return stop,
                };
                let g = states::slice_for(uold, &q, &full);
                Some((q, g))
            }
            _ => None,
        };
        let old_only_headers: Vec<bool> = ex.new.has_header.iter().map(|&has| !has).collect();
        let mut flows = Vec::new();
        loop {
            if remaining.is_empty() {
                return Ok(Ok(flows));
            }
            let a = self.reach_query(&remaining);
            let graph = states::slice_for(unew, &a, &full);
            let now = std::time::Instant::now();
            let left = self.deadline.saturating_duration_since(now);
            if left.is_zero() {
                return Ok(Err(time_is_up()));
            }
            self.solver.get().limit_to(left);
            let ask = closed::DiffAsk {
                dom: ex.dom,
                new: closed::Version {
                    policy: unew,
                    query: &a,
                    graph: &graph,
                },
                old: old.as_ref().map(|(q, g)| closed::Older {
                    version: closed::Version {
                        policy: uold,
                        query: q,
                        graph: g,
                    },
                    declares_secret: &ex.old.declares_secret,
                    has_header: &ex.old.has_header,
                }),
                old_only_headers: &old_only_headers,
            };
            let solved = closed::newly_reaching(&ask, self.solver.get());
            let shared = match solved.answer {
                crate::verify::encode::Answer::None => return Ok(Ok(flows)),
                crate::verify::encode::Answer::Unknown(r) => return Ok(Err(r)),
                crate::verify::encode::Answer::Found(t) => t,
            };
            match self.checked_flow(ex, &a, &shared) {
                Ok(flow) => {
                    let classes = self.port_classes();
                    let class = classes.class_set(classes.index_of(flow.port));
                    remaining = remaining.difference(&class);
                    flows.push(flow);
                    self.same_request_on_other_ports(ex, &shared, &mut remaining, &mut flows);
                }
                Err(e) => return Ok(Err(format!("internal error: {e}"))),
            }
        }
    }

    /// The nodes that can lead to the query's target in one version (the
    /// `which` one) and the graph of every state its source can get to;
    /// what `exact_flows` returns instead when time ran out or the graph
    /// is too large for the query.
    fn explored(
        &self,
        version: &Shared,
        query: &Assertion,
        which: &str,
    ) -> Result<(Vec<bool>, states::StateGraph), ExactAnswer> {
        let p = &version.policy;
        let relevant = states::relevant_nodes(p, query, &version.forwarders);
        let full = states::explore(
            p,
            states::ExploreKey::of(query),
            &relevant,
            Some(self.deadline),
        );
        if full.timed_out {
            return Err(Ok(Err(time_is_up())));
        }
        if full.truncated {
            return Err(Err(format!(
                "the {which} version has more than {} states",
                states::MAX_STATES
            )));
        }
        Ok((relevant, full))
    }

    /// A witness of one hop straight into the target (a zone takes every
    /// port, a node may listen on many) tried again on each other port
    /// class its first hop can be on: where the interpreter agrees that the
    /// same request on that port reaches in the newer version and not in
    /// the older one, that class has its flow without a query. Classes where
    /// it does not are left to the queries, so the answer is the same.
    fn same_request_on_other_ports(
        &self,
        ex: &Exact,
        shared: &Trace,
        remaining: &mut crate::model::IntervalSet,
        flows: &mut Vec<Flow>,
    ) {
        let unew = &ex.new.policy;
        let ([hop], Some(from), Some(to)) = (
            shared.hops.as_slice(),
            unew.nodes.get(self.s),
            unew.nodes.get(self.t),
        ) else {
            return;
        };
        if hop.to != self.t {
            return;
        }
        let classes = self.port_classes();
        let open = remaining.intersect(&states::first_hop_ports(
            unew,
            from,
            to,
            states::HopTls::Any,
        ));
        for &(lo, hi) in open.ranges() {
            for i in classes.index_of(lo)..=classes.index_of(hi) {
                let port = classes.start(i).max(lo);
                if !remaining.contains(port) {
                    continue;
                }
                let mut again = shared.clone();
                again.request.port = port;
                again.hops[0].port = port;
                let class = classes.class_set(i);
                if let Ok(flow) = self.checked_flow(ex, &self.reach_query(&class), &again) {
                    *remaining = remaining.difference(&class);
                    flows.push(flow);
                }
            }
        }
    }

    /// The flow of a request the exact query found, after the interpreter
    /// agreed: it reaches the target on the last hop's port in the newer
    /// version, and not in the older one.
    fn checked_flow(&self, ex: &Exact, a: &Assertion, shared: &Trace) -> Result<Flow, String> {
        let (new, old) = (self.new, self.old);
        let witness = ex.new.trace_in(new, shared);
        // A journey that replays reaches the target on its last hop's port.
        interp::replay(new, a, &witness).map_err(|e| format!("a witness failed replay ({e})"))?;
        let port = witness
            .hops
            .last()
            .map(|h| h.port)
            .ok_or("a witness without hops")?;
        let old_req = ex.new.request_in(old, &shared.request);
        if let (Some(s), Some(t)) = (self.old_s, self.old_t) {
            if self.ports_reached(false, s, t, &old_req).contains(&port) {
                return Err(
                    "the exact query's request reaches the target in the older version too".into(),
                );
            }
        }
        let other_headers = old
            .headers
            .iter()
            .zip(&old_req.headers)
            .filter(|(name, _)| !new.headers.contains(name))
            .map(|(name, v)| (name.clone(), crate::report::story::header_text(old, v)))
            .collect();
        let other_opaque = old
            .opaques
            .iter()
            .zip(&old_req.opaque)
            .filter(|(name, _)| !new.opaques.contains(name))
            .map(|(name, v)| (name.clone(), *v))
            .collect();
        Ok(Flow {
            from: new.nodes[self.s].name.clone(),
            to: new.nodes[self.t].name.clone(),
            port,
            witness,
            other_headers,
            other_opaque,
        })
    }
}

/// The port classes that meet `set`, as one set.
fn class_cover(
    classes: &crate::verify::domain::Classes,
    set: &crate::model::IntervalSet,
) -> crate::model::IntervalSet {
    set.ranges()
        .iter()
        .fold(crate::model::IntervalSet::empty(), |acc, &(lo, hi)| {
            let (i, j) = (classes.index_of(lo), classes.index_of(hi));
            let first = classes.start(i);
            let last = classes.class_set(j);
            let end = last.ranges().last().map_or(hi, |r| r.1);
            acc.union(&crate::model::IntervalSet::range(first, end))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::encode::Limits;

    /// Every pair of two versions, decided by the exact query and by the
    /// loop of guesses (the fallback): where the loop finishes, both find
    /// flows on the same port classes. Returns the pairs compared and how
    /// many of them had flows.
    fn both_ways_agree(base: &str, head: &str) -> (usize, usize) {
        let (Some(old), Some(new)) = (crate::analyze(base).model, crate::analyze(head).model)
        else {
            panic!("the test policies check");
        };
        let changes = super::super::changes::Changes::between(&old, &new);
        let u = Unified::new(&new, &old);
        let ex = Exact {
            new: &u.head,
            old: &u.base,
            dom: &u.dom,
        };
        let dom = Domains::for_diff(&new, &old);
        let dom_cell = std::sync::OnceLock::from(dom.clone());
        let forwarders = states::forwarders(&new);
        let changed = changes.changed_in(&new);
        let changed_as_source: Vec<bool> = new
            .nodes
            .iter()
            .map(|n| changes.source_changed(&n.name))
            .collect();
        let solver = super::super::schedule::LazySolver::new(Limits {
            timeout_ms: 30_000,
            rlimit: None,
        });
        let samples = (
            interp::space::sample_addresses(&[&new]),
            interp::space::sample_addresses(&[&old]),
        );
        let classes = |flows: &[Flow]| {
            let mut v: Vec<usize> = flows.iter().map(|f| dom.ports.index_of(f.port)).collect();
            v.sort_unstable();
            v
        };
        let (mut compared, mut with_flows) = (0, 0);
        for s in 0..new.nodes.len() {
            for t in 0..new.nodes.len() {
                let pair = super::super::Pair {
                    new: &new,
                    old: &old,
                    dom_cell: &dom_cell,
                    forwarders: &forwarders,
                    changed: &changed,
                    changed_as_source: &changed_as_source,
                    solver: &solver,
                    deadline: std::time::Instant::now() + std::time::Duration::from_secs(30),
                    s,
                    t,
                    old_s: old.node_by_name(&new.nodes[s].name),
                    old_t: old.node_by_name(&new.nodes[t].name),
                    exact: Some(&ex),
                    samples: (&samples.0, &samples.1),
                };
                let exact = match pair.exact_flows(&ex) {
                    Ok(Ok(flows)) => flows,
                    other => panic!("pair {s} -> {t}: {:?}", other.map(|a| a.map(|f| f.len()))),
                };
                if let Ok(guessed) = pair.guessed_flows() {
                    assert_eq!(classes(&exact), classes(&guessed), "pair {s} -> {t}");
                    compared += 1;
                    with_flows += usize::from(!exact.is_empty());
                }
            }
        }
        (compared, with_flows)
    }

    /// A header only the newer version has, holding a secret the older
    /// version's source does not know: the older version does not read that
    /// header, so the request is one it can send (the closed set once
    /// treated it as one it cannot, and the replay check caught it).
    #[test]
    fn a_header_the_older_version_lacks_does_not_stop_its_requests() {
        let base = "secret k1\nsecret k2\n\
            zone z1 { addresses 10.0.0.0/16 }\n\
            proxy p1 { addresses 10.2.0.0/16 listen 80 on 80 { forward when path in /a/* to z1:80 } }\n\
            service s1 { addresses 10.4.0.0/16 knows k1 listen 80 }\n";
        let head = base
            .replace("forward when", "forward when header X-A == k1 or")
            .replace("knows k1", "knows k2");
        for (b, h) in [(base, head.as_str()), (head.as_str(), base)] {
            let (Some(old), Some(new)) = (crate::analyze(b).model, crate::analyze(h).model) else {
                panic!("the test policies check");
            };
            let d = crate::diff::diff(&old, &new, &crate::verify::Options::default());
            assert!(d.undecided.is_empty(), "{:?}", d.undecided);
            let (compared, _) = both_ways_agree(b, h);
            assert!(compared > 0);
        }
    }

    /// A source that gains addresses reaches a zone on every port class and
    /// a service on several: the first flow of each pair is found by a
    /// query, the others by trying its request on the other ports, and the
    /// loop of guesses finds the same classes.
    #[test]
    fn one_hop_flows_on_other_ports_agree_with_the_loop() {
        let base = "zone a { addresses 10.1.0.0/16 }\n\
            zone b { addresses 10.2.0.0/16 }\n\
            service s { addresses 10.3.0.0/24 listen [22, 80] from 10.0.0.0/15 \
              listen 443 tls from 10.0.0.0/15 listen 8080 from 10.1.0.0/16 \
              on 80 { deny when path in /x/* } }\n";
        let head = base.replacen("10.1.0.0/16 }", "10.0.0.0/15 }", 1);
        assert_ne!(base, head);
        let (Some(old), Some(new)) = (crate::analyze(base).model, crate::analyze(&head).model)
        else {
            panic!("the test policies check");
        };
        let d = crate::diff::diff(&old, &new, &crate::verify::Options::default());
        assert!(d.undecided.is_empty(), "{:?}", d.undecided);
        let ports = |to: &str| -> Vec<u32> {
            let mut v: Vec<u32> = d
                .opened
                .iter()
                .filter(|f| f.from == "a" && f.to == to)
                .map(|f| f.port)
                .collect();
            v.sort_unstable();
            v
        };
        // `s`: the lines that now admit the new addresses (8080 admitted
        // them before); `b` takes every port, one flow per class.
        assert_eq!(ports("s"), [22, 80, 443]);
        assert!(ports("b").len() > 5, "{:?}", ports("b"));
        let (compared, with_flows) = both_ways_agree(base, &head);
        assert!(compared > 0 && with_flows > 0);
    }

    #[test]
    fn the_exact_query_and_the_loop_agree_on_the_sandbox_edits() {
        let sandbox = include_str!("../../policies/sandbox.sg");
        for (from, to) in [
            ("listen 2049 from vpc", "listen 2049 from private_subnets"),
            ("listen 443 tls from any", "listen 443 tls from internet"),
        ] {
            let edited = sandbox.replacen(from, to, 1);
            assert_ne!(edited, sandbox);
            // Both ways: the edit closes flows, and undoing it opens them.
            for (base, head) in [(sandbox, edited.as_str()), (edited.as_str(), sandbox)] {
                let (compared, with_flows) = both_ways_agree(base, head);
                assert!(compared > 100, "{from}: {compared}");
                if head == sandbox {
                    assert!(with_flows > 0, "{from}: no pair with flows compared");
                }
            }
        }
    }
}
