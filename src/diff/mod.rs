//! A semantic diff of two versions of a policy: for every source node,
//! target node and port, the requests that reach the target in one version
//! and not in the other (*opened* in HEAD, *closed* from BASE), each with a
//! witness request and its hops in the version where it gets through; nodes
//! added and removed; assertions whose verdict changed.
//!
//! Each (source, target) pair is decided exactly (`exact`): one query asks
//! for a request that reaches the target in the newer version and not in
//! the older one (the newer version's ranked journey and a closed set of
//! the older version's states, `verify::encode::closed`), over both
//! versions rewritten onto shared tables of names and value classes cut for
//! both. Each model is a flow: its request is replayed by the interpreter in
//! the newer version and checked not to get through in the older one (a
//! disagreement is an internal error, reported as undecided), its port
//! class is taken out, and the query is asked again until it is
//! unsatisfiable. Where the query cannot be built (a version with more
//! states than `states::MAX_STATES`), the older loop of guesses is used
//! (the solver proposes a request reaching in the newer version, the
//! interpreter checks the older one, the request or its route is excluded,
//! at most 64 rounds), and its undecided reason says so. Every reported flow
//! is a concrete request checked in both versions; a pair is undecided only
//! when the solver gives up or time runs out, never reported unchanged.

mod changes;
pub mod command;
mod exact;
pub mod html;
mod kept;
pub mod report;
mod schedule;
mod sources;

use std::collections::BTreeSet;

use std::time::Instant;

use crate::model::{
    all_ports, Assertion, CheckedPolicy, Cond, IntervalSet, NodeId, Policy, Tail, Target, Value,
};
use crate::span::Span;
use crate::syntax::ast::PropertyKind;
use crate::verify::encode::{self, Answer, Identity, Pin, Route, RouteHop};
use crate::verify::{self, domain::Domains, interp, states, HeaderText, Request, Status, Trace};

/// How many requests one pair may propose before it is reported undecided.
const MAX_ROUNDS: usize = 64;
/// Combinations of header values and opaque outcomes that only the older
/// version looks at, tried per request.
const MAX_EXTENSIONS: usize = 256;

/// The flows of one pair, or why it is undecided.
type PairAnswer = Result<Vec<Flow>, String>;

/// Values of headers and opaque checks that only the older version looks at.
type OtherValues = (Vec<(String, Option<String>)>, Vec<(String, bool)>);

/// A flow one version lets through and the other does not.
#[derive(Debug, Clone)]
pub struct Flow {
    pub from: String,
    pub to: String,
    /// The port key of the last hop.
    pub port: u32,
    /// The request and hops in the version where it gets through.
    pub witness: Trace,
    /// Values of headers and opaque checks that only the other version
    /// looks at, as the witness has them (header: `None` means absent).
    pub other_headers: Vec<(String, Option<String>)>,
    pub other_opaque: Vec<(String, bool)>,
}

#[derive(Debug, Clone)]
pub struct Undecided {
    pub from: String,
    pub to: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct VerdictChange {
    pub name: String,
    pub base: Option<Status>,
    pub head: Option<Status>,
}

#[derive(Debug, Clone, Default)]
pub struct Diff {
    pub opened: Vec<Flow>,
    pub closed: Vec<Flow>,
    pub undecided: Vec<Undecided>,
    pub added_nodes: Vec<String>,
    pub removed_nodes: Vec<String>,
    pub verdicts: Vec<VerdictChange>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.opened.is_empty()
            && self.closed.is_empty()
            && self.undecided.is_empty()
            && self.added_nodes.is_empty()
            && self.removed_nodes.is_empty()
            && self.verdicts.is_empty()
    }
}

pub fn diff(base: &CheckedPolicy, head: &CheckedPolicy, opts: &verify::Options) -> Diff {
    let names =
        |p: &Policy| -> BTreeSet<String> { p.nodes.iter().map(|n| n.name.clone()).collect() };
    let (bn, hn) = (names(base), names(head));
    let mut d = Diff {
        added_nodes: hn.difference(&bn).cloned().collect(),
        removed_nodes: bn.difference(&hn).cloned().collect(),
        ..Diff::default()
    };
    // Only what the change touches is compared again; identical models
    // need no solver at all.
    let changes = changes::Changes::between(base, head);
    // `--timeout` bounds the whole run: both directions share one deadline.
    let deadline = Instant::now() + opts.timeout;
    // Both versions over one table of names, for the exact queries.
    let unified = (!changes.is_empty()).then(|| exact::Unified::new(head, base));
    let sides = |new_is_head: bool| {
        unified.as_ref().map(|u| {
            let (new, old) = if new_is_head {
                (&u.head, &u.base)
            } else {
                (&u.base, &u.head)
            };
            exact::Exact {
                new,
                old,
                dom: &u.dom,
            }
        })
    };
    let (head_side, base_side) = (sides(true), sides(false));
    // Both directions' pairs are listed (on two threads when there are two
    // workers or more), then compared on every worker (`schedule`).
    let workers = workers(opts);
    let (head_facts, base_facts) = (schedule::Facts::of(head), schedule::Facts::of(base));
    let opening = || {
        schedule::Direction::new(
            (head, base),
            (&head_facts, &base_facts),
            &changes,
            head_side.as_ref(),
        )
    };
    let closing = || {
        schedule::Direction::new(
            (base, head),
            (&base_facts, &head_facts),
            &changes,
            base_side.as_ref(),
        )
    };
    let (opening, closing) = if workers > 1 {
        std::thread::scope(|scope| {
            let other = scope.spawn(closing);
            let opening = opening();
            let closing = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (opening, closing)
        })
    } else {
        (opening(), closing())
    };
    let [(opened, undecided_head), (closed, undecided_base)] =
        schedule::run([&opening, &closing], opts, deadline, workers);
    d.opened = opened;
    d.closed = closed;
    d.undecided = undecided_head;
    d.undecided.extend(undecided_base);
    let rest = verify::Options {
        timeout: deadline.saturating_duration_since(Instant::now()),
        ..opts.clone()
    };
    d.verdicts = verdict_changes(base, head, &changes, &rest, unified.as_ref());
    d
}

/// How many threads `diff` may use (`--jobs`, 0: one per core).
pub(crate) fn workers(opts: &verify::Options) -> usize {
    match opts.jobs {
        0 => std::thread::available_parallelism().map_or(1, |p| p.get()),
        n => n,
    }
}

/// Assertions whose verdict differs; only those that read something the
/// change touches are verified again, over the shared tables and their
/// classes when there are some (no classes found again per version).
fn verdict_changes(
    base: &CheckedPolicy,
    head: &CheckedPolicy,
    changes: &changes::Changes,
    opts: &verify::Options,
    unified: Option<&exact::Unified>,
) -> Vec<VerdictChange> {
    let statuses = |p: &CheckedPolicy, q: &CheckedPolicy, shared: Option<&exact::Shared>| {
        let keep: Vec<usize> = (0..p.assertions.len())
            .filter(|&i| {
                let a = &p.assertions[i];
                let other = q.assertions.iter().find(|b| b.name == a.name);
                changes.assertion_may_change(p, a, other.map(|b| (&**q, b)))
            })
            .collect();
        if keep.is_empty() {
            return Vec::new();
        }
        // The shared tables keep each version's assertions in order.
        let verdicts = match (shared, unified) {
            (Some(s), Some(u)) => {
                verify::verify_with(&s.policy.only_assertions(&keep), &u.dom, opts)
            }
            _ => verify::verify(&p.only_assertions(&keep), opts),
        };
        verdicts
            .into_iter()
            .filter_map(|v| {
                let a = p.assertions.get(*keep.get(v.assertion)?)?;
                Some((a.name.clone(), v.status))
            })
            .collect::<Vec<(String, Status)>>()
    };
    let (b, h) = (
        statuses(base, head, unified.map(|u| &u.base)),
        statuses(head, base, unified.map(|u| &u.head)),
    );
    let mut names: BTreeSet<&String> = b.iter().map(|(n, _)| n).collect();
    names.extend(h.iter().map(|(n, _)| n));
    names
        .into_iter()
        .filter_map(|name| {
            let find = |v: &[(String, Status)]| v.iter().find(|(n, _)| n == name).map(|(_, s)| *s);
            let (bs, hs) = (find(&b), find(&h));
            (bs != hs).then(|| VerdictChange {
                name: name.clone(),
                base: bs,
                head: hs,
            })
        })
        .collect()
}

struct Pair<'a> {
    new: &'a CheckedPolicy,
    old: &'a CheckedPolicy,
    /// The classes of both versions (see [`Pair::dom`]).
    dom_cell: &'a std::sync::OnceLock<Domains>,
    forwarders: &'a [Vec<NodeId>],
    /// The nodes of the newer version a change adds or alters, in all and
    /// as a journey's source.
    changed: &'a [bool],
    changed_as_source: &'a [bool],
    /// The worker's solver, made when the pair first asks a query.
    solver: &'a schedule::LazySolver,
    deadline: Instant,
    s: NodeId,
    t: NodeId,
    /// The pair in the older version (`None` when it lacks the node).
    old_s: Option<NodeId>,
    old_t: Option<NodeId>,
    /// Both versions over shared tables, for the exact query.
    exact: Option<&'a exact::Exact<'a>>,
    /// The interpreter's hop sources in each version, newer first
    /// (`interp::space::sample_addresses`, found once rather than per request).
    samples: (&'a [crate::model::Addr], &'a [crate::model::Addr]),
}

impl Pair<'_> {
    /// The value classes of both versions, as the loop of guesses encodes
    /// them.
    fn dom(&self) -> &Domains {
        self.dom_cell
            .get_or_init(|| Domains::for_diff(self.new, self.old))
    }

    /// The port classes: those the exact queries are encoded with when
    /// there are shared tables (the same cuts, both versions' ports).
    fn port_classes(&self) -> &crate::verify::domain::Classes {
        match self.exact {
            Some(ex) => &ex.dom.ports,
            None => &self.dom().ports,
        }
    }

    fn reach_query(&self, ports: &crate::model::IntervalSet) -> Assertion {
        Assertion {
            name: String::from("diff"),
            name_span: Span::default(),
            span: Span::default(),
            kind: PropertyKind::Path,
            from: self.s,
            target: Target::Node(self.t, ports.clone()),
            where_: crate::model::Cond::True,
            tail: Tail::None,
        }
    }

    /// A request reaching the target on the query's ports, in the pair's
    /// explored graph (the same for every query of the pair: only the
    /// target ports change, and with them the slice).
    fn solve(
        &self,
        full: &states::StateGraph,
        a: &Assertion,
        pins: &[Pin],
    ) -> Result<Option<(Trace, Identity)>, String> {
        let graph = states::slice_for(self.new, a, full);
        if graph.timed_out {
            return Err(time_is_up());
        }
        if graph.truncated {
            return Err(format!("more than {} states", states::MAX_STATES));
        }
        let remaining = self.deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(time_is_up());
        }
        self.solver.get().limit_to(remaining);
        let solved = encode::solve(
            self.new,
            self.dom(),
            a,
            &graph,
            self.solver.get(),
            encode::Ask {
                want_smt: false,
                pins,
            },
        );
        match (solved.answer, solved.identity) {
            (Answer::None, _) => Ok(None),
            (Answer::Unknown(r), _) => Err(r),
            (Answer::Found(trace), Some(id)) => {
                interp::replay(self.new, a, &trace)
                    .map_err(|e| format!("internal error: a witness failed replay ({e})"))?;
                Ok(Some((trace, id)))
            }
            (Answer::Found(_), None) => Err("internal error: a witness without its request".into()),
        }
    }

    /// The pair's flows: from the exact query, or, where it cannot be
    /// built, from the loop of guesses.
    fn flows(&self) -> PairAnswer {
        let why = match self.exact.map(|ex| self.exact_flows(ex)) {
            Some(Ok(answer)) => return answer,
            Some(Err(why)) => why,
            None => "no shared tables".into(),
        };
        self.guessed_flows()
            .map_err(|reason| format!("{reason} (the exact query could not be built: {why})"))
    }

    /// The loop of guesses: the solver proposes a request reaching the
    /// target in the newer version, the interpreter checks the older one.
    fn guessed_flows(&self) -> PairAnswer {
        let mut flows = Vec::new();
        let mut remaining = all_ports();
        let query = self.reach_query(&remaining);
        let relevant = states::relevant_nodes(self.new, &query, self.forwarders);
        let full = states::explore(
            self.new,
            states::ExploreKey::of(&query),
            &relevant,
            Some(self.deadline),
        );
        // No way to the target, or only ways through nodes the change
        // leaves alone (which the older version has too, hop for hop), from
        // a source that sends as before: no solver needed (see `changes`).
        let sliced = states::slice_for(self.new, &query, &full);
        let source_changed = self.changed_as_source.get(self.s).copied().unwrap_or(true);
        if !sliced.truncated
            && !source_changed
            && sliced
                .states
                .iter()
                .all(|st| !self.changed.get(st.node).copied().unwrap_or(true))
        {
            return Ok(flows);
        }
        let mut pins: Vec<Pin> = Vec::new();
        for _ in 0..MAX_ROUNDS {
            if remaining.is_empty() {
                return Ok(flows);
            }
            let a = self.reach_query(&remaining);
            let Some((trace, id)) = self.solve(&full, &a, &pins)? else {
                return Ok(flows);
            };
            let new_ports = self.ports_reached(true, self.s, self.t, &trace.request);
            let mut opened: Vec<(u32, OtherValues)> = Vec::new();
            for (old_req, (extra_h, extra_o)) in self.in_old(&trace.request)? {
                let old_ports = match (self.old_s, self.old_t) {
                    (Some(s), Some(t)) => self.ports_reached(false, s, t, &old_req),
                    _ => Vec::new(),
                };
                for &p in &new_ports {
                    if remaining.contains(p)
                        && !old_ports.contains(&p)
                        && !opened.iter().any(|o| o.0 == p)
                    {
                        opened.push((p, (extra_h.clone(), extra_o.clone())));
                    }
                }
            }
            if opened.is_empty() {
                // Everything that takes the same route in the newer version
                // takes it in the older one too when the route's nodes and
                // lines are the same there: exclude the whole route at once.
                let end_port = trace.hops.last().map(|h| h.port);
                match (self.route(&trace), end_port) {
                    (Some(route), Some(port)) if self.route_holds_in_old(&trace) => {
                        pins.push(Pin::NotRoute(route, port))
                    }
                    _ => pins.push(Pin::Not(id)),
                }
                continue;
            }
            for (port, (other_headers, other_opaque)) in opened {
                // Every port of the class behaves alike in both versions.
                let class = self.dom().ports.class_set(self.dom().ports.index_of(port));
                remaining = remaining.difference(&class);
                // The witness on this very port class, for this very request.
                let on_port = self.reach_query(&class.intersect(&all_ports()));
                let witness = match self.solve(&full, &on_port, &[Pin::Is(id.clone())])? {
                    Some((w, _)) => w,
                    None => {
                        return Err(
                            "internal error: a request reaching the target lost its witness".into(),
                        )
                    }
                };
                flows.push(Flow {
                    from: self.new.nodes[self.s].name.clone(),
                    to: self.new.nodes[self.t].name.clone(),
                    port,
                    witness,
                    other_headers,
                    other_opaque,
                });
            }
        }
        Err(format!("still finding requests after {MAX_ROUNDS} rounds"))
    }

    /// A flow found from source `rep`, which behaves as this pair's source
    /// does (see `sources`), moved to this pair's source: the same request
    /// from one of its addresses, replayed here and checked again in the
    /// older version. `None` when that fails.
    fn carried_over(&self, f: &Flow, rep: NodeId) -> Option<Flow> {
        let (p, s) = (self.new, self.s);
        let (member, from) = (p.nodes.get(s)?, p.nodes.get(rep)?);
        let family = crate::model::Family::of(f.witness.request.source);
        let addr = member.addrs.intersect(&family.all()).min()?;
        let mut w = f.witness.clone();
        w.request.source = addr;
        let first = w.hops.first_mut()?;
        first.from = s;
        first.source = addr;
        // The same egress line, as this source has it.
        if let Some(span) = first.egress {
            let i = from.egress.as_ref()?.iter().position(|e| e.span == span)?;
            first.egress = Some(member.egress.as_ref()?.get(i)?.span);
        }
        // A journey that replays reaches the target on its last hop's port:
        // on the flow's port, that is all "reaches" asks.
        interp::replay(p, &self.reach_query(&all_ports()), &w).ok()?;
        if w.hops.last().map(|h| h.port) != Some(f.port)
            && !self
                .ports_reached(true, s, self.t, &w.request)
                .contains(&f.port)
        {
            return None;
        }
        for (old_req, _) in self.in_old(&w.request).ok()? {
            if let (Some(os), Some(ot)) = (self.old_s, self.old_t) {
                if self
                    .ports_reached(false, os, ot, &old_req)
                    .contains(&f.port)
                {
                    return None;
                }
            }
        }
        Some(Flow {
            from: member.name.clone(),
            witness: w,
            ..f.clone()
        })
    }

    /// The witness's journey as a route of the newer version.
    fn route(&self, t: &Trace) -> Option<Route> {
        let p = self.new;
        let mut hops = Vec::new();
        for (i, h) in t.hops.iter().enumerate() {
            let to = p.nodes.get(h.to)?;
            let sender = p.nodes.get(h.from)?;
            let rule = match h.rule {
                None => None,
                Some(span) => sender.blocks.iter().enumerate().find_map(|(bi, b)| {
                    b.rules
                        .iter()
                        .position(|r| r.span == span)
                        .map(|ri| (bi, ri))
                }),
            };
            if i > 0 && rule.is_none() {
                return None;
            }
            hops.push(RouteHop {
                to: h.to,
                port: (i > 0).then_some(h.port),
                source: (i > 0).then_some(h.source),
                listen: h
                    .listen
                    .and_then(|l| to.listens.iter().position(|x| x.span == l)),
                egress: h
                    .egress
                    .and_then(|e| sender.egress.as_ref()?.iter().position(|x| x.span == e)),
                rule,
                end_port: (t.hops.len() == 1).then_some(h.port),
            });
        }
        Some(Route { hops })
    }

    /// Whether every request taking the witness's route in the newer version
    /// takes the same journey in the older one: the source, every node on
    /// the way and the lines used are the same there.
    fn route_holds_in_old(&self, t: &Trace) -> bool {
        let (new, old) = (self.new, self.old);
        let same_node = |n: NodeId| -> Option<NodeId> { old.node_by_name(&new.nodes.get(n)?.name) };
        let Some(first) = t.hops.first() else {
            return false;
        };
        let (Some(s_new), Some(s_old)) = (
            new.nodes.get(first.from),
            same_node(first.from).and_then(|i| old.nodes.get(i)),
        ) else {
            return false;
        };
        if s_new.addrs != s_old.addrs || names_known(new, s_new) != names_known(old, s_old) {
            return false;
        }
        // A hop's ACL fate depends on the ACLs, the sender's egress and the
        // receiver's addresses (the address it goes to): all must be alike.
        let acls = !(new.acls.is_empty() && old.acls.is_empty());
        if acls && changes::acls_key(new) != changes::acls_key(old) {
            return false;
        }
        for (i, h) in t.hops.iter().enumerate() {
            let (Some(from_new), Some(to_new)) = (new.nodes.get(h.from), new.nodes.get(h.to))
            else {
                return false;
            };
            let (Some(from_old), Some(to_old)) = (
                same_node(h.from).and_then(|n| old.nodes.get(n)),
                same_node(h.to).and_then(|n| old.nodes.get(n)),
            ) else {
                return false;
            };
            // The requests that take this hop in the newer version: its port
            // and source, which for the first hop range over what the named
            // listen and egress lines admit (see `Encoder::takes_route`).
            let listen_new = h
                .listen
                .and_then(|span| to_new.listens.iter().find(|l| l.span == span));
            let (ports, sources) = if i == 0 {
                let mut ports = listen_new.map_or_else(all_ports, |l| l.ports.clone());
                if let Some(e) = h
                    .egress
                    .and_then(|span| from_new.egress.iter().flatten().find(|e| e.span == span))
                {
                    ports = ports.intersect(&e.ports);
                }
                // A member of one of the line's groups may send from any of its addresses.
                let sources = listen_new.map_or_else(
                    || s_new.addrs.clone(),
                    |l| {
                        if s_new.member_of_any(&l.groups).is_some() {
                            s_new.addrs.clone()
                        } else {
                            l.from.intersect(&s_new.addrs)
                        }
                    },
                );
                (ports, sources)
            } else {
                (
                    IntervalSet::range(h.port, h.port),
                    crate::model::AddrSet::range(h.source, h.source),
                )
            };
            if h.listen.is_some() && listen_new.is_none() {
                return false;
            }
            // The older version lets every one of them through the same way:
            // its egress reaches some address the target has there, and one
            // of its listen lines admits them all. Judged on the sets, not on
            // the lines' text: a line that reads the same can mean another set
            // once a node's addresses change.
            let egress_same = crate::model::Family::present(&sources)
                .into_iter()
                .all(|f| {
                    ports
                        .difference(&states::egress_ports_in(from_old, to_old, f))
                        .is_empty()
                });
            let exposure_same = to_old.reachable_part(&sources) == sources;
            let listen_same = exposure_same
                && (to_old.accepts_everything()
                    || to_old.listens.iter().any(|o| {
                        ports.difference(&o.ports).is_empty()
                            && (sources.difference(&o.from).is_empty()
                                || from_old.member_of_any(&o.groups).is_some())
                    }));
            // A forwarding proxy decides the same way: same addresses, same rules.
            let sender_same = i == 0
                || (from_new.kind == from_old.kind
                    && from_new.addrs == from_old.addrs
                    && blocks_key(new, from_new) == blocks_key(old, from_old));
            let acl_same = !acls
                || (to_new.addrs == to_old.addrs
                    && changes::sending_key(new, from_new) == changes::sending_key(old, from_old));
            if !(egress_same && listen_same && sender_same && acl_same) {
                return false;
            }
        }
        // The last node accepts it the same way.
        let Some(last) = t.hops.last() else {
            return false;
        };
        match (
            new.nodes.get(last.to),
            same_node(last.to).and_then(|n| old.nodes.get(n)),
        ) {
            (Some(a), Some(b)) => a.kind == b.kind && blocks_key(new, a) == blocks_key(old, b),
            _ => false,
        }
    }

    /// The ports on which a concrete request from `s` gets accepted by `t`
    /// in the newer version (`newer`) or the older one.
    fn ports_reached(&self, newer: bool, s: NodeId, t: NodeId, req: &Request) -> Vec<u32> {
        let (p, samples) = if newer {
            (self.new, self.samples.0)
        } else {
            (self.old, self.samples.1)
        };
        // A request the source cannot send in this version (an address it no
        // longer has, a secret it does not know) reaches nothing here.
        if !interp::valid_start(p, s, req) {
            return Vec::new();
        }
        let mut ports: Vec<u32> = interp::explore_with(p, s, req, None, samples)
            .into_iter()
            .filter(|a| a.node == t && a.reached)
            .map(|a| a.port)
            .collect();
        ports.sort_unstable();
        ports.dedup();
        ports
    }

    /// The request as the older version sees it: headers and opaque checks
    /// matched by name; those only the older version has take every value
    /// they can (absent, another string, one of its literals; fires or not).
    fn in_old(&self, req: &Request) -> Result<Vec<(Request, OtherValues)>, String> {
        let (new, old) = (self.new, self.old);
        let mut choices: Vec<Vec<HeaderText>> = Vec::new();
        let mut only_old_headers = Vec::new();
        for name in &old.headers {
            match new.headers.iter().position(|h| h == name) {
                Some(i) => choices.push(vec![translate(new, old, &req.headers[i])]),
                None => {
                    only_old_headers.push(name.clone());
                    let mut vals = vec![
                        HeaderText::Absent,
                        HeaderText::Text(self.dom().other_value.clone()),
                    ];
                    vals.extend(old.literals.iter().cloned().map(HeaderText::Text));
                    choices.push(vals);
                }
            }
        }
        let only_old_opaque: Vec<usize> = (0..old.opaques.len())
            .filter(|&o| !new.opaques.contains(&old.opaques[o]))
            .collect();
        let combos: usize = choices
            .iter()
            .map(Vec::len)
            .product::<usize>()
            .saturating_mul(1usize << only_old_opaque.len().min(20));
        if combos > MAX_EXTENSIONS {
            return Err(format!(
                "{combos} combinations of headers and opaque checks that only one version uses"
            ));
        }
        let mut out = Vec::new();
        for combo in 0..combos {
            let mut rest = combo;
            let headers: Vec<HeaderText> = choices
                .iter()
                .map(|c| {
                    let v = c[rest % c.len()].clone();
                    rest /= c.len();
                    v
                })
                .collect();
            let opaque: Vec<bool> = (0..old.opaques.len())
                .map(
                    |o| match new.opaques.iter().position(|n| *n == old.opaques[o]) {
                        Some(i) => req.opaque[i],
                        None => {
                            let k = only_old_opaque.iter().position(|&x| x == o).unwrap_or(0);
                            (rest >> k) & 1 == 1
                        }
                    },
                )
                .collect();
            let extra_h = only_old_headers
                .iter()
                .filter_map(|name| {
                    let i = old.headers.iter().position(|h| h == name)?;
                    Some((
                        name.clone(),
                        crate::report::story::header_text(old, &headers[i]),
                    ))
                })
                .collect();
            let extra_o = only_old_opaque
                .iter()
                .map(|&o| (old.opaques[o].clone(), opaque[o]))
                .collect();
            out.push((
                Request {
                    source: req.source,
                    port: req.port,
                    method: req.method.clone(),
                    path: req.path.clone(),
                    headers,
                    opaque,
                    secrets: translate_stand_ins(new, old, &req.secrets),
                },
                (extra_h, extra_o),
            ));
        }
        Ok(out)
    }
}

fn time_is_up() -> String {
    "the time limit (--timeout, for the whole diff) ran out".into()
}

fn names_known(p: &Policy, n: &crate::model::Node) -> BTreeSet<String> {
    n.knows
        .iter()
        .filter_map(|&s| p.secrets.get(s).map(|s| s.name.clone()))
        .collect()
}

fn value_key(p: &Policy, v: &Value) -> String {
    match *v {
        Value::Secret(s) => format!(
            "secret:{}",
            p.secrets.get(s).map_or("?", |s| s.name.as_str())
        ),
        Value::Literal(l) => format!("{:?}", p.literals.get(l).map_or("?", |l| l.as_str())),
    }
}
/// A condition with every id replaced by what it names.
pub(crate) fn cond_key(p: &Policy, c: &Cond) -> String {
    let name = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
    match c {
        Cond::True => "true".into(),
        Cond::HeaderEq(h, v) => format!("{}=={}", name(&p.headers, *h), value_key(p, v)),
        Cond::HeaderPresent(h) => format!("{} present", name(&p.headers, *h)),
        Cond::HeaderMatch(h, ps) => format!(
            "{} matches[{}]",
            name(&p.headers, *h),
            ps.iter()
                .map(|i| format!("{:?}", name(&p.patterns, *i)))
                .collect::<Vec<_>>()
                .join(",")
        ),
        Cond::Path(gs) => format!(
            "path[{}]",
            gs.iter()
                .filter_map(|g| p.globs.get(*g).map(|g| g.display()))
                .collect::<Vec<_>>()
                .join(",")
        ),
        Cond::Source(s) => format!("source{s:?}"),
        Cond::Port(s) => format!("port{s:?}"),
        Cond::Method(ms) => format!(
            "method[{}]",
            ms.iter()
                .map(|m| name(&p.methods, *m))
                .collect::<Vec<_>>()
                .join(",")
        ),
        Cond::Opaque(o) => format!("opaque {}", name(&p.opaques, *o)),
        Cond::Not(i) => format!("not({})", cond_key(p, i)),
        Cond::And(items) => format!(
            "and({})",
            items
                .iter()
                .map(|i| cond_key(p, i))
                .collect::<Vec<_>>()
                .join(";")
        ),
        Cond::Or(items) => format!(
            "or({})",
            items
                .iter()
                .map(|i| cond_key(p, i))
                .collect::<Vec<_>>()
                .join(";")
        ),
    }
}

/// A node's request rules with every id replaced by what it names, so two
/// versions' rules compare equal exactly when they decide alike.
pub(crate) fn blocks_key(p: &Policy, n: &crate::model::Node) -> String {
    let mut out = String::new();
    for b in &n.blocks {
        out.push_str(&format!("on {:?} {{", b.ports));
        for r in &b.rules {
            out.push_str(&rule_key(p, r));
        }
        out.push('}');
    }
    out
}

/// One rule with every id replaced by what it names.
fn rule_key(p: &Policy, r: &crate::model::Rule) -> String {
    use crate::model::{Action, Edit};
    let mut out = cond_key(p, &r.guard);
    match &r.action {
        Action::Deny { status } => out.push_str(&format!(" deny {status:?};")),
        Action::Forward(f) => {
            out.push_str(" forward");
            for &(t, port) in &f.targets {
                let target = p.nodes.get(t).map_or("?", |t| t.name.as_str());
                out.push_str(&format!(" {target}:{port}"));
            }
            out.push_str(&format!(" tls={}", f.tls));
            for e in &f.edits {
                match e {
                    Edit::Set(h, v) => out.push_str(&format!(
                        " set {}={}",
                        p.headers.get(*h).map_or("?", |h| h.as_str()),
                        value_key(p, v)
                    )),
                    Edit::Remove(h) => out.push_str(&format!(
                        " remove {}",
                        p.headers.get(*h).map_or("?", |h| h.as_str())
                    )),
                }
            }
            out.push(';');
        }
    }
    out
}

/// The secrets' stand-ins (`Request::secrets`) of one version in the other,
/// by name. A secret only the other version has gets the empty string,
/// which matches only patterns made of `*`s.
fn translate_stand_ins(from: &Policy, to: &Policy, stand_ins: &[String]) -> Vec<String> {
    if stand_ins.is_empty() {
        return Vec::new();
    }
    to.secrets
        .iter()
        .map(|t| {
            from.secrets
                .iter()
                .position(|s| s.name == t.name)
                .and_then(|i| stand_ins.get(i).cloned())
                .unwrap_or_default()
        })
        .collect()
}

/// A header value of one version in the other: secrets by name; a secret the
/// other version lacks is a string none of its literals can equal.
fn translate(from: &Policy, to: &Policy, v: &HeaderText) -> HeaderText {
    match v {
        HeaderText::Secret(s) => {
            let name = from.secrets.get(*s).map_or("?", |s| s.name.as_str());
            match to.secrets.iter().position(|t| t.name == name) {
                Some(i) => HeaderText::Secret(i),
                None => HeaderText::Text(format!("\u{0}secret:{name}")),
            }
        }
        other => other.clone(),
    }
}
