//! Verdicts and diagnostics to readers: people (miette), machines (JSON),
//! CI systems (SARIF, GitHub workflow commands, JUnit XML), reviewers in
//! a browser (one self-contained HTML page).

pub mod codes;
pub mod explain;
pub mod findings;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod story;

use crate::diagnostic::Diagnostic;
use crate::model::CheckedPolicy;
use crate::verify::{Status, Verdict};
use crate::SourceText;

/// Everything known about one checked file.
#[derive(Debug)]
pub struct FileReport {
    pub source: SourceText,
    pub diagnostics: Vec<Diagnostic>,
    pub policy: Option<CheckedPolicy>,
    pub verdicts: Vec<Verdict>,
}

impl FileReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn count(&self, status: Status) -> usize {
        self.verdicts.iter().filter(|v| v.status == status).count()
    }
}

/// An SMT-LIB2 obligation file: a header saying what the answer means, then
/// exactly the formula the tool solved.
pub fn smt_file(src: &SourceText, a: &crate::model::Assertion, smt: &str) -> String {
    let meaning = if a.kind == crate::syntax::ast::PropertyKind::Path {
        "; (check-sat) answers sat exactly when the assertion is PROVED (a witness exists);\n; unsat means it is refuted."
    } else {
        "; (check-sat) answers unsat exactly when the assertion is PROVED;\n; sat means it is refuted (a counterexample exists)."
    };
    let name = std::path::Path::new(&src.name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(
        "; stargate-verify proof obligation\n; policy file: {name}, line {}\n; assertion: {} ({})\n; {}\n{meaning}\n(set-logic QF_BV)\n{smt}",
        src.line(a.span),
        a.name,
        a.kind.as_str(),
        story::describe_assertion(src, a),
    )
}
