//! The findings of a run, as the CI formats (SARIF, GitHub annotations,
//! JUnit) list them: each file's input diagnostics in text order, then its
//! refuted and unknown assertions told as diagnostics, each with the place
//! in the policy it points at and one text that says everything.

use super::story;
use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Assertion;
use crate::span::{LineCol, Span};
use crate::verify::Verdict;

/// One thing a reviewer has to look at.
#[derive(Debug)]
pub struct Finding<'a> {
    pub report: &'a FileReport,
    pub diagnostic: Diagnostic,
    /// The assertion of a refuted or unknown verdict; `None` for an input
    /// diagnostic.
    pub assertion: Option<&'a Assertion>,
    /// Where the finding points: the whole `assert` statement for a verdict
    /// (so its first line is the JSON `line`), else the diagnostic's span.
    pub span: Span,
}

impl Finding<'_> {
    pub fn severity(&self) -> Severity {
        self.diagnostic.severity
    }

    /// The file the finding points into, as given on the command line (or
    /// as the including file names it, or the Terraform file a generated
    /// line came from).
    pub fn file(&self) -> &str {
        self.report
            .source
            .file(self.report.source.resolve(self.span))
    }

    pub fn start(&self) -> LineCol {
        self.report.source.region(self.span).start
    }

    pub fn end(&self) -> LineCol {
        self.report.source.region(self.span).end
    }

    /// The message, then the help: for a refutation, the counterexample's
    /// story (request, hops with their policy lines, ending, where to fix);
    /// otherwise `help: ...`. Lines are separated by `\n`.
    pub fn text(&self) -> String {
        let d = &self.diagnostic;
        match &d.help {
            None => d.message.clone(),
            Some(h) if self.is_story() => format!("{}\n{h}", d.message),
            Some(h) => format!("{}\nhelp: {h}", d.message),
        }
    }

    /// A refutation with a counterexample, whose help is the story.
    fn is_story(&self) -> bool {
        self.diagnostic.code == "stargate::verify::refuted"
    }
}

/// The finding of one verdict, or `None` when it was proved.
pub fn of_verdict<'a>(report: &'a FileReport, v: &Verdict) -> Option<Finding<'a>> {
    let policy = report.policy.as_ref()?;
    let a = policy.assertions.get(v.assertion)?;
    let diagnostic = story::verdict_diagnostic(policy, &report.source, v)?;
    Some(Finding {
        report,
        diagnostic,
        assertion: Some(a),
        span: a.span,
    })
}

/// The input diagnostics of one file, errors and warnings, in text order.
pub fn of_input(report: &FileReport) -> Vec<Finding<'_>> {
    report
        .diagnostics
        .iter()
        .map(|d| Finding {
            report,
            diagnostic: d.clone(),
            assertion: None,
            span: d.span,
        })
        .collect()
}

/// The findings of one file: input diagnostics, then verdicts.
pub fn of_file(report: &FileReport) -> Vec<Finding<'_>> {
    let mut out = of_input(report);
    out.extend(report.verdicts.iter().filter_map(|v| of_verdict(report, v)));
    out
}

/// The findings of a run, file by file.
pub fn of_run(reports: &[FileReport]) -> Vec<Finding<'_>> {
    reports.iter().flat_map(of_file).collect()
}
