//! The verification worker: one thread that verifies one document version
//! at a time, so typing never waits for the solver. Each run is tagged with
//! the version it verified; the server drops results whose version is no
//! longer current. A newer job for a document replaces one still queued.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender};

use crate::diagnostic::Diagnostic;
use crate::model::CheckedPolicy;
use crate::report::story;
use crate::verify::{self, Status};
use crate::SourceText;

/// One document version to verify.
pub struct Job {
    /// The document's URI, as text.
    pub uri: String,
    /// Which opening of the document (see [`Outcome::opening`]).
    pub opening: u64,
    pub version: i32,
    pub policy: CheckedPolicy,
    pub source: SourceText,
}

/// What the server remembers of one assertion's last verdict.
#[derive(Debug, Clone)]
pub struct VerdictNote {
    pub assertion: String,
    /// The property as it was verified, on one line.
    pub property: String,
    pub status: Status,
    /// For refuted and unknown verdicts: the story, located in the text of
    /// the document as it is now (the server moves it along with edits).
    pub diagnostic: Option<Diagnostic>,
    /// The document version that was verified.
    pub version: i32,
    pub elapsed: Duration,
}

/// The end of one run.
pub struct Outcome {
    pub uri: String,
    /// Versions start again when a document is closed and opened again;
    /// this tells the openings apart.
    pub opening: u64,
    pub version: i32,
    /// The verdicts, or why the run failed.
    pub notes: Result<Vec<VerdictNote>, String>,
}

pub struct Worker {
    jobs: Sender<Job>,
    pub results: Receiver<Outcome>,
}

impl Worker {
    /// Starts the worker thread; `None` if the system refuses a thread.
    pub fn start(opts: verify::Options) -> Option<Worker> {
        let (jobs, job_rx) = crossbeam_channel::unbounded::<Job>();
        let (result_tx, results) = crossbeam_channel::unbounded::<Outcome>();
        // The main thread's stack size: the walks over a policy are bounded
        // for that (docs/language.md, section 9).
        std::thread::Builder::new()
            .name("stargate-verify".into())
            .stack_size(8 << 20)
            .spawn(move || work(&job_rx, &result_tx, &opts))
            .ok()?;
        Some(Worker { jobs, results })
    }

    /// Queues a job; false if the worker is gone.
    pub fn submit(&self, job: Job) -> bool {
        self.jobs.send(job).is_ok()
    }
}

fn work(jobs: &Receiver<Job>, results: &Sender<Outcome>, opts: &verify::Options) {
    let mut queue: VecDeque<Job> = VecDeque::new();
    loop {
        if queue.is_empty() {
            match jobs.recv() {
                Ok(job) => queue.push_back(job),
                // The server has gone.
                Err(_) => return,
            }
        }
        // Anything that arrived meanwhile supersedes queued work on the same document.
        while let Ok(job) = jobs.try_recv() {
            queue.retain(|q| q.uri != job.uri);
            queue.push_back(job);
        }
        let Some(job) = queue.pop_front() else {
            continue;
        };
        let notes = catch_unwind(AssertUnwindSafe(|| run(&job, opts))).map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            format!("internal error while verifying: {what}; please report this policy")
        });
        let outcome = Outcome {
            uri: job.uri,
            opening: job.opening,
            version: job.version,
            notes,
        };
        if results.send(outcome).is_err() {
            return;
        }
    }
}

fn run(job: &Job, opts: &verify::Options) -> Vec<VerdictNote> {
    let policy = &job.policy;
    verify::verify(policy, opts)
        .iter()
        .filter_map(|v| {
            let a = policy.assertions.get(v.assertion)?;
            Some(VerdictNote {
                assertion: a.name.clone(),
                property: story::describe_assertion(&job.source, a),
                status: v.status,
                diagnostic: story::verdict_diagnostic(policy, &job.source, v),
                version: job.version,
                elapsed: v.elapsed,
            })
        })
        .collect()
}
