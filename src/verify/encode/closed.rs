//! The exact question of `diff`, as one query: some request reaches the
//! target in the newer version and not in the older one.
//!
//! The newer version is the ranked journey of [`Encoder::constraints`]. The
//! older one is a *closed set* of its states: a boolean per state that holds
//! at every first hop the request can take, is carried along every edge the
//! request enables, and never holds at a target state where the request is
//! accepted on the journey's last port. The states the request really
//! reaches form the least such set, so one exists exactly when the older
//! version does not let the request through there: the query is satisfiable
//! iff some request reaches in the newer version and not in the older one.
//!
//! Both versions speak the same codes: the caller gives them one table of
//! headers, literals, secrets, `opaque` checks, methods and globs (by name),
//! and one [`Domains`]; the request's variables are the same z3 constants
//! (made once, by the newer version's encoder); the older version's per-state
//! booleans are named `old.in{i}`.
//!
//! The hop's source. A state's booleans say "reached", and the edge into a
//! later state may take any source the state admits: everything that
//! constrains a hop's source is a function of the state (see `states`), so
//! once one way into a state is enabled, the state is reached from every
//! source it admits. The closure must therefore follow an edge when its rule
//! fires for *some* admitted source: the sources are split into the cells
//! that the node's `source in` conditions tell apart, and the rule is asked
//! for one source of each cell (a first hop has the request's own source).

use z3::ast::{Bool, BV};
use z3::SatResult;

use super::{all, any, found, misaligned, Encoder, QuerySolver, Solved};
use crate::model::{AddrSet, Assertion, Cond, Policy, Value};
use crate::verify::domain::Domains;
use crate::verify::states::{sendable_from, HopTls, Port, State, StateGraph};

/// One version of the pair, over the shared tables.
pub struct Version<'a> {
    pub policy: &'a Policy,
    /// From the pair's source to its target (kind `path`, no `where`).
    pub query: &'a Assertion,
    /// The query's sliced graph.
    pub graph: &'a StateGraph,
}

/// What the older version needs besides its graph.
pub struct Older<'a> {
    pub version: Version<'a>,
    /// For each secret of the shared table, whether the older version
    /// declares it (a secret it lacks is just a string to it).
    pub declares_secret: &'a [bool],
    /// For each header of the shared table, whether the older version has
    /// it (one it lacks is not part of the request there).
    pub has_header: &'a [bool],
}

pub struct DiffAsk<'a> {
    pub dom: &'a Domains,
    pub new: Version<'a>,
    /// `None` when the older version lacks the source or the target.
    pub old: Option<Older<'a>>,
    /// For each header of the shared table, whether only the older version
    /// has it: the request may carry any value there but a secret.
    pub old_only_headers: &'a [bool],
}

/// A request that the newer version lets through to the target and the
/// older one does not, decoded over the shared tables (its last hop's port
/// is the flow's); `Answer::None` when there is none.
pub fn newly_reaching(ask: &DiffAsk, solver: &QuerySolver) -> Solved {
    let new = Encoder::new(ask.new.policy, ask.dom, ask.new.query, ask.new.graph);
    solver.solver.push();
    let solved = solve_pair(&new, ask, solver);
    solver.solver.pop(1);
    solved
}

/// The class code of a state's port.
fn port_code(enc: &Encoder, s: &State) -> BV {
    match s.port {
        Port::First => enc.port0.clone(),
        Port::Const(k) => enc.num(enc.dom.ports.index_of(k) as u64, enc.port0.get_size()),
    }
}

fn solve_pair(new: &Encoder, ask: &DiffAsk, query: &QuerySolver) -> Solved {
    let (mut constraints, mut built) = new.constraints(&[]);
    // The journey's last port, which the older version must not accept on.
    let end_port = BV::new_const("diff.endport", new.port0.get_size());
    built.goals = built
        .goals
        .iter()
        .zip(&new.g.targets)
        .map(|(goal, &t)| all(&[goal.clone(), port_code(new, &new.g.states[t]).eq(&end_port)]))
        .collect();
    constraints.push(any(&built.goals));
    for (h, var) in new.h0.iter().enumerate() {
        if ask.old_only_headers.get(h).copied().unwrap_or(false) {
            for s in 0..new.policy.secrets.len() {
                let code = new.value_code(Value::Secret(s));
                constraints.push(var.eq(new.num(code, new.hw)).not());
            }
        }
    }
    if let Some(old) = &ask.old {
        let g = old.version.graph;
        let enc = Encoder {
            policy: old.version.policy,
            dom: ask.dom,
            a: old.version.query,
            g,
            src0: new.src0.clone(),
            port0: new.port0.clone(),
            method: new.method.clone(),
            path: new.path.clone(),
            h0: new.h0.clone(),
            opaque: new.opaque.clone(),
            reach: (0..g.states.len())
                .map(|i| Bool::new_const(format!("old.in{i}")))
                .collect(),
            src: vec![new.src0.clone(); g.states.len()],
            rank: vec![None; g.states.len()],
            hw: new.hw,
            // The shared tables give both versions the same secrets, so
            // each secret's assumed class is one variable for both.
            secret_cell: new.secret_cell.clone(),
            misaligned: std::cell::Cell::new(false),
            nums: Default::default(),
            first_ports: Default::default(),
        };
        constraints.extend(closed_set(&enc, old, &end_port));
        if enc.misaligned.get() {
            return misaligned();
        }
    }
    if new.misaligned.get() {
        return misaligned();
    }
    let solver = &query.solver;
    for c in &constraints {
        solver.assert(c);
    }
    match solver.check() {
        SatResult::Unsat => Solved::nothing(),
        SatResult::Unknown => {
            let why = solver
                .get_reason_unknown()
                .unwrap_or_else(|| "no reason given".into());
            Solved::unknown(format!(
                "z3 answered unknown: {why} (limits: timeout {} ms)",
                query.timeout_ms.get()
            ))
        }
        SatResult::Sat => match solver.get_model() {
            Some(m) => found(new, &m, &built),
            None => Solved::unknown("the solver returned no model".into()),
        },
    }
}

/// The older version's closed set (see the module's doc): `enc` is its
/// encoder over the request's shared variables, its `reach` the set.
fn closed_set(enc: &Encoder, old: &Older, end_port: &BV) -> Vec<Bool> {
    let g = enc.g;
    let from = &enc.policy.nodes[enc.a.from];
    let mut out = Vec::new();
    // A request its source cannot send in this version (an address it does
    // not have, a secret it does not know) reaches nothing here.
    let mut valid = vec![enc.in_addrs(&enc.src0, &from.addrs)];
    for (h, _) in enc.h0.iter().zip(old.has_header).filter(|(_, &has)| has) {
        for (s, declared) in old.declares_secret.iter().enumerate() {
            if *declared && !from.knows.contains(&s) {
                let code = enc.value_code(Value::Secret(s));
                valid.push(h.eq(enc.num(code, enc.hw)).not());
            }
        }
    }
    let valid = all(&valid);
    let mut first = vec![false; g.states.len()];
    for &(s, _) in &g.starts {
        first[s] = true;
    }
    // One source of each cell the state's node tells apart.
    let sources: Vec<Vec<BV>> = g
        .states
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if first[i] {
                vec![enc.src0.clone()]
            } else {
                admitted_cells(enc.policy, s)
                    .iter()
                    .filter_map(AddrSet::min)
                    .map(|a| enc.num(enc.dom.addrs.index_of(a) as u64, enc.src0.get_size()))
                    .collect()
            }
        })
        .collect();
    for &(si, tls) in &g.starts {
        out.push(all(&[valid.clone(), enc.start_guard(si, tls)]).implies(&enc.reach[si]));
    }
    for e in &g.edges {
        if sources[e.to].is_empty() {
            continue;
        }
        let p = &g.states[e.from];
        let fires: Vec<Bool> = sources[e.from]
            .iter()
            .map(|src| enc.fires_with(p, src, e.block, e.rule))
            .collect();
        out.push(all(&[enc.reach[e.from].clone(), any(&fires)]).implies(&enc.reach[e.to]));
    }
    for &t in &g.targets {
        let s = &g.states[t];
        let accepted: Vec<Bool> = sources[t]
            .iter()
            .map(|src| enc.accepted_at(s, src))
            .collect();
        out.push(
            all(&[
                enc.reach[t].clone(),
                port_code(enc, s).eq(end_port),
                any(&accepted),
            ])
            .not(),
        );
    }
    out
}

/// The sources a hop into `s` (not a first hop) may have, split into the
/// cells that the `source in` conditions of the state's node tell apart.
/// The same sets as `Encoder::edge_guard` asks of `src{i}`: an address of
/// the sender that its egress lets send there, inside the node's exposure,
/// admitted by a listen line on the port with the state's encryption.
fn admitted_cells(policy: &Policy, s: &State) -> Vec<AddrSet> {
    let (Some(prev), Port::Const(k)) = (s.prev, s.port) else {
        return Vec::new();
    };
    let (Some(from), Some(to)) = (policy.nodes.get(prev), policy.nodes.get(s.node)) else {
        return Vec::new();
    };
    let mut sendable = sendable_from(from, to, k, &from.addrs);
    if let Some(e) = &to.exposure {
        sendable = sendable.intersect(&e.from);
    }
    // The sources whose packets and replies the ACLs let through, as
    // `Encoder::edge_guard` asks.
    if !policy.acls.is_empty() {
        sendable = sendable.intersect(&crate::verify::acl::passing_on(
            policy,
            from,
            to,
            k,
            &from.addrs,
        ));
    }
    let lines = |tls: Option<bool>| {
        to.listens
            .iter()
            .filter(|l| l.ports.contains(k) && tls.is_none_or(|t| l.tls == t))
            .fold(AddrSet::empty(), |acc, l| {
                if from.member_of_any(&l.groups).is_some() {
                    acc.union(&sendable)
                } else {
                    acc.union(&sendable.intersect(&l.from))
                }
            })
    };
    let admitted = if to.accepts_everything() {
        if s.entry == HopTls::Encrypted {
            AddrSet::empty()
        } else {
            sendable.clone()
        }
    } else {
        match s.entry {
            HopTls::Any => lines(None),
            HopTls::Plaintext => lines(Some(false)),
            HopTls::Encrypted => lines(Some(true)).difference(&lines(Some(false))),
        }
    };
    let mut cells = vec![admitted];
    cells.retain(|c| !c.is_empty());
    let mut sets = Vec::new();
    for r in to.blocks.iter().flat_map(|b| &b.rules) {
        source_sets(&r.guard, &mut sets);
    }
    for set in &sets {
        cells = cells
            .into_iter()
            .flat_map(|c| [c.intersect(set), c.difference(set)])
            .filter(|c| !c.is_empty())
            .collect();
    }
    cells
}

fn source_sets<'c>(c: &'c Cond, out: &mut Vec<&'c AddrSet>) {
    match c {
        Cond::Source(s) => out.push(s),
        Cond::Not(i) => source_sets(i, out),
        Cond::And(items) | Cond::Or(items) => items.iter().for_each(|i| source_sets(i, out)),
        _ => {}
    }
}
