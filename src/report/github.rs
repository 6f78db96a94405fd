//! GitHub Actions workflow commands: one `::error` or `::warning` line per
//! finding, which the runner turns into annotations on the pull request's
//! diff, then a plain summary line.
//!
//! Refuted assertions and input errors are `::error`; unknown assertions
//! and warnings are `::warning`. Every value is escaped as the runner
//! expects, so a policy's text can never start a command of its own: the
//! message's line breaks become `%0A`, and a property value (file, title)
//! cannot end early at a `,` or `:`.

use super::findings::{self, Finding};
use super::human;
use super::FileReport;
use crate::diagnostic::Severity;

/// Escapes the message of a workflow command (after the `::`).
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value of a workflow command (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow command of one finding, without a line break.
pub fn annotation(f: &Finding<'_>) -> String {
    let command = match f.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let (start, end) = (f.start(), f.end());
    format!(
        "::{command} file={},line={},col={},endLine={},title={}::{}",
        escape_property(f.file()),
        start.line,
        start.column,
        end.line.max(start.line),
        escape_property(f.diagnostic.code),
        escape_data(&f.text())
    )
}

/// Every annotation of the run, then the summary line.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for f in findings::of_run(reports) {
        out.push_str(&annotation(&f));
        out.push('\n');
    }
    out.push_str(&human::summary_counts(reports));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(
            escape_data("100% sure:\r\nline two, a:b"),
            "100%25 sure:%0D%0Aline two, a:b"
        );
        // `%` first, so an escape is never escaped twice.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(
            escape_property("stargate::parse::syntax"),
            "stargate%3A%3Aparse%3A%3Asyntax"
        );
        assert_eq!(escape_property("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");
    }

    #[test]
    fn a_hostile_message_stays_on_one_line() {
        let escaped = escape_data("x\n::add-mask::secret\r\n::stop-commands::t");
        assert!(!escaped.contains('\n') && !escaped.contains('\r'));
        assert_eq!(escaped, "x%0A::add-mask::secret%0D%0A::stop-commands::t");
    }
}
