//! Which pairs of both directions are compared, and on which solver.
//!
//! Each direction (opened: HEAD against BASE; closed: BASE against HEAD)
//! first lists its pairs in order, source by source: a pair whose source
//! behaves as an earlier source does toward the same target (`sources`)
//! carries that source's flows over, every other pair is compared. The
//! compared pairs of both directions are then dealt out in turn to two
//! lanes, each with its own solver; once all are answered, each
//! direction walks its pairs in order again, carrying flows over (a pair
//! whose carried flows do not replay is compared on its own after all).
//! Which solver answers a pair depends only on the pairs' order, so runs
//! on any machine give the same witnesses, and one direction with most of
//! the work still keeps two workers busy. (Only while a run stays within
//! its first twentieth of `--timeout`: past that, the solvers' limits are
//! lowered as the deadline nears (`QuerySolver::limit_to`), at moments that
//! depend on the machine's speed, and z3 may then pick other models.)

use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Instant;

use rustc_hash::FxHashMap;

use crate::model::{Addr, CheckedPolicy, NodeId};
use crate::verify::{self, domain::Domains, encode, interp, states};

use super::{changes::Changes, exact::Exact, sources, Flow, Pair, PairAnswer, Undecided};

/// One pair of a direction, in the newer version's ids.
struct Item {
    s: NodeId,
    t: NodeId,
    old_s: Option<NodeId>,
    old_t: Option<NodeId>,
    /// The earlier pair whose flows this one carries over, if any.
    carries: Option<usize>,
}

/// What a direction reads of one version besides its model, found once
/// for both directions.
pub(super) struct Facts {
    forwarders: Vec<Vec<NodeId>>,
    /// The interpreter's hop sources (`interp::space::sample_addresses`).
    samples: Vec<Addr>,
}

impl Facts {
    pub(super) fn of(p: &CheckedPolicy) -> Self {
        Facts {
            forwarders: states::forwarders(p),
            samples: interp::space::sample_addresses(&[p]),
        }
    }
}

/// One direction: the flows `new` lets through that `old` does not.
pub(super) struct Direction<'a> {
    new: &'a CheckedPolicy,
    old: &'a CheckedPolicy,
    exact: Option<&'a Exact<'a>>,
    changed: Vec<bool>,
    changed_as_source: Vec<bool>,
    /// The classes of both versions as they stand, for the loop of guesses.
    dom: OnceLock<Domains>,
    /// Of the newer version, then of the older one.
    facts: (&'a Facts, &'a Facts),
    items: Vec<Item>,
}

impl<'a> Direction<'a> {
    pub(super) fn new(
        (new, old): (&'a CheckedPolicy, &'a CheckedPolicy),
        facts: (&'a Facts, &'a Facts),
        changes: &Changes,
        exact: Option<&'a Exact<'a>>,
    ) -> Self {
        let mut d = Direction {
            new,
            old,
            exact,
            changed: changes.changed_in(new),
            changed_as_source: new
                .nodes
                .iter()
                .map(|n| changes.source_changed(&n.name))
                .collect(),
            dom: OnceLock::new(),
            facts,
            items: Vec::new(),
        };
        if !changes.is_empty() {
            d.items = d.list(changes);
        }
        d
    }

    /// The pairs to compare, in order, each either compared or carrying an
    /// earlier pair's flows.
    fn list(&self, changes: &Changes) -> Vec<Item> {
        let (new, old) = (self.new, self.old);
        let old_ids: HashMap<&str, NodeId> = old
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name.as_str(), i))
            .collect();
        // The targets a change touches; a changed source is compared with every target.
        let touched: Vec<NodeId> = (0..new.nodes.len())
            .filter(|&t| changes.target_touched(&new.nodes[t].name))
            .collect();
        let all: Vec<NodeId> = (0..new.nodes.len()).collect();
        let mut alike = sources::Likeness::new(
            new,
            old,
            (&self.facts.0.forwarders, &self.facts.1.forwarders),
        );
        // Per target and kind of source: the pair compared.
        let mut compared: FxHashMap<(NodeId, String), usize> = FxHashMap::default();
        let mut items = Vec::new();
        for (s, source) in new.nodes.iter().enumerate() {
            // A node only one version has is listed as added or removed;
            // compared with an empty network (a policy new or deleted in
            // the change), everything the other version admits counts.
            let old_s = old_ids.get(source.name.as_str()).copied();
            if old_s.is_none() && !old.nodes.is_empty() {
                continue;
            }
            let targets = if self.changed_as_source[s] {
                &all
            } else {
                &touched
            };
            for &t in targets {
                let old_t = old_ids.get(new.nodes[t].name.as_str()).copied();
                if old_t.is_none() && !old.nodes.is_empty() {
                    continue;
                }
                debug_assert!(changes.pair_may_change(&source.name, &new.nodes[t].name));
                let key = alike.key(s, t, old_t, !self.changed_as_source[s]);
                let carries = key.and_then(|k| match compared.entry((t, k)) {
                    std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(items.len());
                        None
                    }
                });
                items.push(Item {
                    s,
                    t,
                    old_s,
                    old_t,
                    carries,
                });
            }
        }
        items
    }

    fn pair<'p>(&'p self, item: &Item, solver: &'p LazySolver, deadline: Instant) -> Pair<'p> {
        Pair {
            new: self.new,
            old: self.old,
            dom_cell: &self.dom,
            forwarders: &self.facts.0.forwarders,
            changed: &self.changed,
            changed_as_source: &self.changed_as_source,
            solver,
            deadline,
            s: item.s,
            t: item.t,
            old_s: item.old_s,
            old_t: item.old_t,
            exact: self.exact,
            samples: (&self.facts.0.samples, &self.facts.1.samples),
        }
    }

    /// The direction's flows and undecided pairs, in order, from the
    /// answers of its compared pairs.
    fn collect(
        &self,
        answers: &[OnceLock<PairAnswer>],
        solver: &LazySolver,
        deadline: Instant,
    ) -> (Vec<Flow>, Vec<Undecided>) {
        let (mut flows, mut undecided) = (Vec::new(), Vec::new());
        for (i, item) in self.items.iter().enumerate() {
            let pair = self.pair(item, solver, deadline);
            let answer = match item.carries {
                None => answers
                    .get(i)
                    .and_then(OnceLock::get)
                    .cloned()
                    .unwrap_or_else(|| pair.flows()),
                Some(rep) => {
                    let from = self.items.get(rep).map_or(item.s, |r| r.s);
                    let carried = match answers.get(rep).and_then(OnceLock::get) {
                        Some(Ok(found)) => found
                            .iter()
                            .map(|f| pair.carried_over(f, from))
                            .collect::<Option<Vec<Flow>>>()
                            .map(Ok),
                        Some(Err(reason)) => Some(Err(reason.clone())),
                        None => None,
                    };
                    carried.unwrap_or_else(|| pair.flows())
                }
            };
            match answer {
                Ok(mut f) => flows.append(&mut f),
                Err(reason) => undecided.push(Undecided {
                    from: self.new.nodes[item.s].name.clone(),
                    to: self.new.nodes[item.t].name.clone(),
                    reason,
                }),
            }
        }
        (flows, undecided)
    }
}

/// A solver made on first use, on the thread that uses it (a z3 context
/// is made with it, and filled with 17 MB of tables: a worker that asks no
/// query makes none).
pub(crate) struct LazySolver {
    limits: encode::Limits,
    cell: std::cell::OnceCell<encode::QuerySolver>,
}

impl LazySolver {
    pub(crate) fn new(limits: encode::Limits) -> Self {
        LazySolver {
            limits,
            cell: std::cell::OnceCell::new(),
        }
    }

    pub(crate) fn get(&self) -> &encode::QuerySolver {
        self.cell
            .get_or_init(|| encode::QuerySolver::new(self.limits))
    }
}

/// How many lanes the compared pairs are dealt out to. Fixed, so that which
/// solver answers a pair, and so each witness, is the same on every
/// machine; each lane runs on a thread of its own with a fresh z3 context
/// (as in `verify::verify`), all at once when there are workers for them.
const LANES: usize = 2;

/// Runs `f(k)` for `k` in `0..n`, each on a fresh thread, all at once with
/// two workers or more and one after the other otherwise; the results in
/// order.
fn on_fresh_threads<T: Send>(n: usize, parallel: bool, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let f = &f;
    std::thread::scope(|scope| {
        let join = |h: std::thread::ScopedJoinHandle<'_, T>| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        if parallel {
            let handles: Vec<_> = (0..n).map(|k| scope.spawn(move || f(k))).collect();
            handles.into_iter().map(join).collect()
        } else {
            (0..n).map(|k| join(scope.spawn(move || f(k)))).collect()
        }
    })
}

/// Both directions' flows and undecided pairs: the compared pairs of both
/// on [`LANES`] lanes, then each direction gathered on a thread of its own.
pub(super) fn run(
    directions: [&Direction; 2],
    opts: &verify::Options,
    deadline: Instant,
    workers: usize,
) -> [(Vec<Flow>, Vec<Undecided>); 2] {
    let limits = encode::Limits::of(opts);
    let parallel = workers > 1;
    // The compared pairs of both directions, dealt out in turn.
    let jobs: Vec<(usize, usize)> = (0..2)
        .flat_map(|d| {
            directions[d]
                .items
                .iter()
                .enumerate()
                .filter(|(_, item)| item.carries.is_none())
                .map(move |(i, _)| (d, i))
        })
        .collect();
    let answers: [Vec<OnceLock<PairAnswer>>; 2] =
        directions.map(|d| d.items.iter().map(|_| OnceLock::new()).collect());
    on_fresh_threads(LANES, parallel, |lane| {
        let solver = LazySolver::new(limits);
        for &(d, i) in jobs.iter().skip(lane).step_by(LANES) {
            let dir = directions[d];
            let answer = dir.pair(&dir.items[i], &solver, deadline).flows();
            let _ = answers[d][i].set(answer);
        }
    });
    let mut gathered = on_fresh_threads(2, parallel, |d| {
        let solver = LazySolver::new(limits);
        directions[d].collect(&answers[d], &solver, deadline)
    })
    .into_iter();
    let mut next = || gathered.next().unwrap_or_default();
    [next(), next()]
}

#[cfg(test)]
mod tests {
    use crate::verify::Options;

    /// The same pairs go to the same lane whatever the number of workers,
    /// so a diff gives the same witnesses on one core as on two.
    #[test]
    fn witnesses_do_not_depend_on_the_number_of_workers() {
        let sandbox = include_str!("../../policies/sandbox.sg");
        let edited = sandbox.replacen("listen 443 tls from any", "listen 443 tls from internet", 1);
        assert_ne!(edited, sandbox);
        let (Some(old), Some(new)) = (crate::analyze(sandbox).model, crate::analyze(&edited).model)
        else {
            panic!("the sandbox and its edit check");
        };
        let run = |jobs| {
            let opts = Options {
                jobs,
                ..Options::default()
            };
            let d = crate::diff::diff(&old, &new, &opts);
            assert!(d.undecided.is_empty(), "{:?}", d.undecided);
            d.closed
                .iter()
                .map(|f| format!("{} {} {} {:?}", f.from, f.to, f.port, f.witness))
                .collect::<Vec<_>>()
        };
        let one = run(1);
        assert!(one.len() > 10, "{}", one.len());
        assert_eq!(one, run(2));
    }
}
