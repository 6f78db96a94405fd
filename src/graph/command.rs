//! `stargate-verify graph FILE`: check the policy, build its picture,
//! draw an assertion's journey over it (`--highlight`), keep what lies
//! between two nodes (`--from`, `--to`), print DOT, Mermaid or SVG.

use std::io::Write;
use std::path::PathBuf;

use super::NetworkGraph;
use crate::model::{CheckedPolicy, NodeId, Policy};
use crate::report::human::render_diagnostic;
use crate::report::story;
use crate::verify::{self, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GraphFormat {
    #[default]
    Dot,
    Mermaid,
    /// SVG laid out by the tool itself (no Graphviz needed).
    Svg,
}

/// What `graph` was asked to draw.
#[derive(Debug, Clone, Default)]
pub struct GraphOptions {
    pub file: PathBuf,
    pub format: GraphFormat,
    /// An assertion whose counterexample or witness is drawn in red.
    pub highlight: Option<String>,
    /// Keep only what lies on paths from this node.
    pub from: Option<String>,
    /// Keep only what lies on paths to this node.
    pub to: Option<String>,
    /// Colour the diagnostics.
    pub color: bool,
    /// The verifier's settings for `--highlight`: the same as `check`'s, so
    /// the drawn counterexample is the one `check` reports.
    pub verify: verify::Options,
    /// The policy already read by another front end (`graph --terraform`),
    /// with the diagnostics of reading it; `file` is then not read.
    pub preloaded: Option<Box<crate::diff::command::Loaded>>,
}

/// Runs `graph`: 0 when drawn, 2 when the policy could not be checked or
/// a name given on the command line does not exist.
pub fn run(opts: &GraphOptions, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let name = opts.file.display().to_string();
    if let Some(pre) = &opts.preloaded {
        let (source, load) = &**pre;
        return draw(opts, &name, source, load.clone(), stdout, stderr);
    }
    let bytes = match std::fs::read(&opts.file) {
        Ok(b) => b,
        Err(e) => {
            let report = crate::io_error_report(&name, &e);
            for d in &report.diagnostics {
                let _ = writeln!(
                    stderr,
                    "{}",
                    render_diagnostic(&report.source, d, opts.color)
                );
            }
            return 2;
        }
    };
    let (source, load) =
        crate::source::include::load(&name, &bytes, &crate::source::include::from_disk);
    draw(opts, &name, &source, load, stdout, stderr)
}

/// Checks the policy and draws it.
fn draw(
    opts: &GraphOptions,
    name: &str,
    source: &crate::SourceText,
    load: Vec<crate::diagnostic::Diagnostic>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let name = name.to_string();
    let analysis = crate::analyze_source(source, load);
    let Some(policy) = &analysis.model else {
        for d in analysis.diagnostics.iter().filter(|d| d.is_error()) {
            let _ = writeln!(stderr, "{}\n", render_diagnostic(source, d, opts.color));
        }
        let _ = writeln!(stderr, "{name}: not drawn: fix the errors above first");
        return 2;
    };
    let title = policy.name.clone().unwrap_or_else(|| {
        opts.file
            .file_stem()
            .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned())
    });
    let mut graph = NetworkGraph::build(policy, &analysis.ast, source.policy_text(), &title);
    graph.name_origins(policy, source);
    let ends = (
        node_named(policy, opts.from.as_deref(), "--from"),
        node_named(policy, opts.to.as_deref(), "--to"),
    );
    let (from, to) = match ends {
        (Ok(f), Ok(t)) => (f, t),
        (Err(e), _) | (_, Err(e)) => {
            let _ = writeln!(stderr, "error: {e}");
            return 2;
        }
    };
    if let Some(assertion) = &opts.highlight {
        match journey(policy, assertion, &opts.verify) {
            Ok(Ok((trace, caption))) => graph.highlight(&trace, caption),
            Ok(Err(note)) => {
                let _ = writeln!(stderr, "note: {note}");
            }
            Err(e) => {
                let _ = writeln!(stderr, "error: {e}");
                return 2;
            }
        }
    }
    if from.is_some() || to.is_some() {
        graph.keep_between(from, to);
        if graph.shown().next().is_none() {
            let _ = writeln!(stderr, "note: no drawn path between the given nodes");
        }
    }
    let text = match opts.format {
        GraphFormat::Dot => super::to_dot(&graph),
        GraphFormat::Mermaid => super::to_mermaid(&graph),
        GraphFormat::Svg => super::to_svg(&graph),
    };
    match write!(stdout, "{text}") {
        Ok(()) => 0,
        Err(_) => 2,
    }
}

fn node_named(policy: &Policy, name: Option<&str>, flag: &str) -> Result<Option<NodeId>, String> {
    let Some(name) = name else {
        return Ok(None);
    };
    match policy.node_by_name(name) {
        Some(id) => Ok(Some(id)),
        None => Err(format!(
            "{flag}: no node named `{name}`{}",
            did_you_mean(name, policy.nodes.iter().map(|n| n.name.as_str()))
        )),
    }
}

/// Verifies one assertion and returns its journey and a caption, or a note
/// saying why there is nothing to draw; `Err` when there is no such assertion.
fn journey(
    policy: &CheckedPolicy,
    name: &str,
    opts: &verify::Options,
) -> Result<Result<(verify::Trace, String), String>, String> {
    let Some(index) = policy.assertions.iter().position(|a| a.name == name) else {
        return Err(format!(
            "--highlight: no assertion named `{name}`{}",
            did_you_mean(name, policy.assertions.iter().map(|a| a.name.as_str()))
        ));
    };
    // Every assertion, as `check` verifies them: which assertions share a
    // worker's solver decides which counterexample z3 finds, so verifying
    // this one alone could draw a different request than `check` reports.
    let Some(verdict) = verify::verify(policy, opts)
        .into_iter()
        .find(|v| v.assertion == index)
    else {
        return Ok(Err(format!("`{name}` was not verified")));
    };
    let Some(trace) = verdict.trace else {
        let why = match verdict.status {
            Status::Proved => "it is proved, so it has no counterexample".to_string(),
            Status::Refuted => "no request gets through, so there is no journey".to_string(),
            Status::Unknown => format!(
                "it is unknown ({})",
                verdict.reason.unwrap_or_else(|| "no reason given".into())
            ),
        };
        return Ok(Err(format!("nothing to highlight for `{name}`: {why}")));
    };
    let what = if verdict.status == Status::Proved {
        "witness"
    } else {
        "counterexample"
    };
    let r = &trace.request;
    let caption = format!(
        "{what} of {name} ({}): {} {} from {}",
        verdict.status.as_str(),
        r.method,
        r.path,
        story::addr(r.source)
    );
    Ok(Ok((trace, caption)))
}

fn did_you_mean<'a>(typed: &str, names: impl Iterator<Item = &'a str>) -> String {
    let best = names
        .map(|n| (strsim::jaro_winkler(n, typed), n))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, n)) => format!(" (did you mean `{n}`?)"),
        None => String::new(),
    }
}
