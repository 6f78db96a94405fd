//! stargate-verify: a policy language for network security and an SMT
//! verifier that proves its properties for every request, or refutes them
//! with one concrete request and the hops it takes.
//!
//! The data flows one way: [`syntax`] (text to AST), [`model`] (AST to a
//! checked network model), [`verify`] (model to verdicts), [`report`]
//! (verdicts and diagnostics to people and machines).

#![forbid(unsafe_code)]

pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod fmt;
pub mod graph;
pub mod lsp;
pub mod model;
pub mod report;
pub mod source;
pub mod span;
pub mod suggest;
pub mod syntax;
pub mod terraform;
pub mod verify;
pub mod workload;

use diagnostic::Diagnostic;
use model::CheckedPolicy;
pub use source::SourceText;
use span::Span;

/// The largest policy file accepted, in bytes. Generated enterprise-scale
/// policies (100,000 rules) stay well below it.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Everything the front end learns from one file.
#[derive(Debug)]
pub struct Analysis {
    pub ast: syntax::ast::File,
    /// Present when the file has no errors.
    pub model: Option<CheckedPolicy>,
    /// Errors and warnings, in text order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Turns a file's bytes into text: refuses files over [`MAX_FILE_BYTES`] and
/// invalid UTF-8 (located at the first bad byte), strips a byte-order mark.
pub fn decode(name: &str, bytes: &[u8]) -> (SourceText, Option<Diagnostic>) {
    if bytes.len() > MAX_FILE_BYTES {
        let src = SourceText::new(name, String::new());
        let d = Diagnostic::error(
            "stargate::io::too_large",
            format!(
                "policy file is {} bytes, over the limit of {} bytes",
                bytes.len(),
                MAX_FILE_BYTES
            ),
            Span::default(),
        )
        .label("file too large")
        .help("split the policy into several files");
        return (src, Some(d));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (SourceText::new(name, text.to_string()), None),
        Err(e) => {
            let at = e.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            let src = SourceText::new(name, text);
            let d = Diagnostic::error(
                "stargate::io::invalid_utf8",
                "policy text is not valid UTF-8",
                Span::new(at, at + 1),
            )
            .label("invalid byte here")
            .help("save the file as UTF-8");
            (src, Some(d))
        }
    }
}

/// The front end on one text: parse, check, lint. Every diagnostic of the
/// file is reported; the model exists only when there is no error.
pub fn analyze(text: &str) -> Analysis {
    let (ast, mut diagnostics) = syntax::parse(text);
    let syntax_failed = diagnostics.iter().any(Diagnostic::is_error);
    let (model, check_diags) = model::check(&ast);
    // A statement lost to a syntax error leaves its name undefined and the
    // names it used unused, and an invalid literal empties an address set:
    // those follow-on reports would only be noise.
    diagnostics.extend(check_diags.into_iter().filter(|d| {
        !syntax_failed
            || !matches!(
                d.code,
                "stargate::model::undefined_name"
                    | "stargate::model::unused_let"
                    | "stargate::model::unused_secret"
                    | "stargate::model::empty_addresses"
                    | "stargate::model::forward_port_not_listened"
            )
    }));
    diagnostic::sort(&mut diagnostics);
    Analysis {
        ast,
        model: if syntax_failed { None } else { model },
        diagnostics,
    }
}

/// The front end on a policy of one or several files. When reading the
/// files went wrong (`load` has an error: a missing include, or a file that
/// does not parse on its own), those diagnostics are the analysis.
pub fn analyze_source(source: &SourceText, load: Vec<Diagnostic>) -> Analysis {
    if load.iter().any(Diagnostic::is_error) {
        let mut diagnostics = load;
        diagnostic::sort(&mut diagnostics);
        return Analysis {
            ast: syntax::ast::File {
                statements: Vec::new(),
            },
            model: None,
            diagnostics,
        };
    }
    let mut a = analyze(source.policy_text());
    if !load.is_empty() {
        a.diagnostics.extend(load);
        diagnostic::sort(&mut a.diagnostics);
    }
    a
}

/// The diagnostics of a text, as the CLI, JSON output and editor server report them.
pub fn diagnostics(text: &str) -> Vec<Diagnostic> {
    analyze(text).diagnostics
}

/// The whole pipeline on one file's bytes: decode, analyse, verify.
pub fn check_bytes(name: &str, bytes: &[u8], opts: &verify::Options) -> report::FileReport {
    let (source, load) = source::include::load(name, bytes, &source::include::from_disk);
    let analysis = analyze_source(&source, load);
    let verdicts = analysis
        .model
        .as_ref()
        .map(|m| verify::verify(m, opts))
        .unwrap_or_default();
    report::FileReport {
        source,
        diagnostics: analysis.diagnostics,
        policy: analysis.model,
        verdicts,
    }
}

/// [`check_bytes`] verifying only the assertions whose name `keep`
/// accepts (the others are left out of the report); `verifying` is told how
/// many assertions are about to be verified (for a progress line). Also
/// returns the names of all the file's assertions, to tell a mistyped
/// selection.
pub fn check_bytes_selected(
    name: &str,
    bytes: &[u8],
    opts: &verify::Options,
    keep: impl Fn(&str) -> bool,
    verifying: impl FnOnce(usize),
) -> (report::FileReport, Vec<String>) {
    let (source, load) = source::include::load(name, bytes, &source::include::from_disk);
    check_source_selected(source, load, opts, keep, verifying)
}

/// [`check_bytes_selected`] on a policy already read (its files loaded with
/// [`source::include::load`], or generated): `load` are the diagnostics of
/// reading it.
pub fn check_source_selected(
    source: SourceText,
    load: Vec<Diagnostic>,
    opts: &verify::Options,
    keep: impl Fn(&str) -> bool,
    verifying: impl FnOnce(usize),
) -> (report::FileReport, Vec<String>) {
    let analysis = analyze_source(&source, load);
    let names: Vec<String> = analysis
        .model
        .iter()
        .flat_map(|m| m.assertions.iter().map(|a| a.name.clone()))
        .collect();
    let model = analysis.model.map(|m| {
        let kept: Vec<usize> = (0..m.assertions.len())
            .filter(|&i| keep(&m.assertions[i].name))
            .collect();
        if kept.len() == m.assertions.len() {
            m
        } else {
            m.only_assertions(&kept)
        }
    });
    let verdicts = model
        .as_ref()
        .map(|m| {
            verifying(m.assertions.len());
            verify::verify(m, opts)
        })
        .unwrap_or_default();
    let report = report::FileReport {
        source,
        diagnostics: analysis.diagnostics,
        policy: model,
        verdicts,
    };
    (report, names)
}

/// The report of a file that could not be read.
pub fn io_error_report(name: &str, err: &std::io::Error) -> report::FileReport {
    report::FileReport {
        source: SourceText::new(name, String::new()),
        diagnostics: vec![Diagnostic::error(
            "stargate::io::read",
            format!("cannot read `{name}`: {err}"),
            Span::default(),
        )
        .label("unreadable")
        .help("check the path and its permissions")],
        policy: None,
        verdicts: Vec::new(),
    }
}
