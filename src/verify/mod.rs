//! Checked model to verdicts: for each assertion, build the abstract state
//! graph, ask the solver for a violation, decode and replay what it finds.

pub mod acl;
pub mod domain;
pub(crate) mod encode;
pub mod interp;
pub mod patterns;
mod probe;
pub mod states;
pub mod trace;

use std::time::{Duration, Instant};

use crate::model::{Assertion, CheckedPolicy, PropertyKind};
use encode::Answer;
pub use trace::{Ending, HeaderText, Hop, Request, Trace};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Proved,
    Refuted,
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proved => "proved",
            Status::Refuted => "refuted",
            Status::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Verdict {
    /// Index into the policy's assertions.
    pub assertion: usize,
    pub status: Status,
    /// The counterexample of a refuted assertion, or the witness of a proved `path`.
    pub trace: Option<Trace>,
    /// Why the verdict is unknown.
    pub reason: Option<String>,
    pub elapsed: Duration,
    /// The SMT-LIB2 obligation, when asked for.
    pub smt: Option<String>,
    /// When the stateless ACLs are why the assertion holds (an assertion
    /// proved, or a `path` refuted, that the policy without its ACLs would
    /// not keep): a request that gets through without them, each hop with
    /// how it fares at this policy's ACLs, one of which drops it.
    pub acl_example: Option<Trace>,
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Per assertion.
    pub timeout: Duration,
    /// z3's resource limit per assertion: a deterministic alternative to the timeout.
    pub rlimit: Option<u32>,
    pub emit_smt: bool,
    /// Worker threads; 0 means one per available core.
    pub jobs: usize,
    /// Counted up by one as each assertion's verdict is in (for a progress
    /// line); `None` counts nothing.
    pub progress: Option<std::sync::Arc<std::sync::atomic::AtomicUsize>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(30),
            rlimit: None,
            emit_smt: false,
            jobs: 0,
            progress: None,
        }
    }
}

/// Verifies every assertion of a checked policy, in parallel.
///
/// z3's models depend on the history of the context that found them, so
/// each worker is a new thread with a fresh context and takes the
/// assertions `k, k + w, k + 2w, ...`: the counterexamples are the same on
/// every run with the same number of workers (and the same z3).
///
/// A worker uses its thread's own z3 context (`z3::Context::thread_local`),
/// made on the thread's first z3 call and dropped when the thread ends.
/// `z3::with_z3_config` would make that one and then a second context for
/// the closure: two contexts per worker, each touching 17 MB as z3 4.8.12
/// makes it (docs/performance.md).
pub fn verify(policy: &CheckedPolicy, opts: &Options) -> Vec<Verdict> {
    verify_with(policy, &domain::Domains::new(policy), opts)
}

/// [`verify`] over value classes already found: those of the policy, or
/// finer ones (`Domains::for_diff` of it and another version).
pub(crate) fn verify_with(
    policy: &CheckedPolicy,
    dom: &domain::Domains,
    opts: &Options,
) -> Vec<Verdict> {
    let n = policy.assertions.len();
    let workers = match opts.jobs {
        0 => std::thread::available_parallelism().map_or(1, |p| p.get()),
        j => j,
    }
    .clamp(1, n.max(1));
    let forwarders = states::forwarders(policy);
    let lane = |k: usize| -> Vec<Verdict> {
        let solver = encode::QuerySolver::new(encode::Limits::of(opts));
        (k..n)
            .step_by(workers)
            .map(|i| {
                // The time limit covers everything done for the assertion.
                let started = Instant::now();
                let deadline = started + opts.timeout;
                let a = &policy.assertions[i];
                let relevant = states::relevant_nodes(policy, a, &forwarders);
                let full =
                    states::explore(policy, states::ExploreKey::of(a), &relevant, Some(deadline));
                let graph = states::slice_for(policy, a, &full);
                let verdict = verify_one(policy, dom, i, &graph, opts, &solver, started);
                if let Some(done) = &opts.progress {
                    done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                verdict
            })
            .collect()
    };
    let mut verdicts: Vec<Verdict> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers).map(|k| scope.spawn(move || lane(k))).collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    verdicts.sort_by_key(|v| v.assertion);
    if !policy.acls.is_empty() {
        explain_by_acls(policy, &mut verdicts, opts);
    }
    verdicts
}

/// Fills in [`Verdict::acl_example`]: the assertions that hold are asked
/// again of the policy without its ACLs, and each request found there is
/// walked through this policy's ACLs by the interpreter.
fn explain_by_acls(policy: &CheckedPolicy, verdicts: &mut [Verdict], opts: &Options) {
    let holds = |v: &Verdict| {
        let is_path = policy.assertions[v.assertion].kind == PropertyKind::Path;
        match v.status {
            Status::Proved => !is_path,
            Status::Refuted => is_path && v.trace.is_none(),
            Status::Unknown => false,
        }
    };
    let asked: Vec<usize> = verdicts
        .iter()
        .filter(|v| holds(v))
        .map(|v| v.assertion)
        .collect();
    if asked.is_empty() {
        return;
    }
    let without = policy.without_acls().only_assertions(&asked);
    let quiet = Options {
        emit_smt: false,
        progress: None,
        ..opts.clone()
    };
    let samples = interp::space::sample_addresses(&[policy]);
    for other in verify(&without, &quiet) {
        let asked_as = asked.get(other.assertion).copied();
        let Some(mut trace) = other.trace else {
            continue;
        };
        let mut dropped = false;
        for h in &mut trace.hops {
            let (Some(from), Some(to)) = (policy.nodes.get(h.from), policy.nodes.get(h.to)) else {
                continue;
            };
            match interp::acl_passage(policy, from, to, h.port, h.source, &samples) {
                Ok(p) => h.acl = p,
                Err(p) => {
                    dropped |= p.is_some();
                    h.acl = p;
                }
            }
        }
        if let Some(v) = verdicts.iter_mut().find(|v| Some(v.assertion) == asked_as) {
            if dropped {
                v.acl_example = Some(trace);
            }
        }
    }
}

/// Verifies one assertion over its sliced state graph; `started` is when
/// work on the assertion began (the time limit counts from there).
pub fn verify_one(
    policy: &CheckedPolicy,
    dom: &domain::Domains,
    index: usize,
    graph: &states::StateGraph,
    opts: &Options,
    solver: &encode::QuerySolver,
    started: Instant,
) -> Verdict {
    let a: &Assertion = &policy.assertions[index];
    let remaining = opts.timeout.saturating_sub(started.elapsed());
    let solve = |solver: &encode::QuerySolver| {
        solver.limit_to(remaining);
        let ask = encode::Ask {
            want_smt: opts.emit_smt,
            pins: &[],
        };
        encode::solve(policy, dom, a, graph, solver, ask)
    };
    let solved = if opts.emit_smt {
        // A fresh context numbers the printed terms the same way every run,
        // whichever assertions the worker thread solved before. The
        // obligation is always written, even when no solver is needed.
        z3::with_z3_config(&z3::Config::new(), || {
            solve(&encode::QuerySolver::new(encode::Limits::of(opts)))
        })
    } else if graph.targets.is_empty() && !graph.truncated {
        // No state of the graph can be a target: nothing to ask.
        encode::Solved::nothing()
    } else if let Some(trace) = probe::one_hop(policy, a, graph) {
        encode::Solved::found(trace)
    } else if graph.timed_out || remaining.is_zero() {
        encode::Solved::unknown(format!(
            "the time limit ({}) ran out while exploring the assertion's states",
            humantime(opts.timeout)
        ))
    } else {
        solve(solver)
    };
    let is_path = a.kind == PropertyKind::Path;
    let (status, trace, reason) = match solved.answer {
        Answer::Found(trace) => match interp::replay(policy, a, &trace) {
            Ok(()) => (
                if is_path { Status::Proved } else { Status::Refuted },
                Some(trace),
                None,
            ),
            Err(why) => (
                Status::Unknown,
                None,
                Some(format!(
                    "internal error: the solver's {} failed replay ({why}); please report this policy",
                    if is_path { "witness" } else { "counterexample" }
                )),
            ),
        },
        Answer::None if graph.timed_out => (
            Status::Unknown,
            None,
            Some(format!(
                "the time limit ({}) ran out while exploring the assertion's states; nothing was found in the part explored",
                humantime(opts.timeout)
            )),
        ),
        Answer::None if graph.truncated => (
            Status::Unknown,
            None,
            Some(format!(
                "the assertion's state space exceeds {} states; nothing was found in the part explored",
                states::MAX_STATES
            )),
        ),
        Answer::None => (
            if is_path { Status::Refuted } else { Status::Proved },
            None,
            None,
        ),
        Answer::Unknown(r) => (Status::Unknown, None, Some(r)),
    };
    Verdict {
        assertion: index,
        status,
        trace,
        reason,
        elapsed: started.elapsed(),
        smt: solved.smt,
        acl_example: None,
    }
}

/// A duration as the command line takes it (`30s`, `500ms`).
fn humantime(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}
