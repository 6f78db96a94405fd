//! Human output: miette reports for diagnostics and failed assertions, a
//! line per assertion, and a summary. Colour only when asked (terminal and
//! no `NO_COLOR`); tests render without colour.

use std::fmt;
use std::time::Duration;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteSpanContents, SourceSpan};

use super::story;
use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::verify::Status;
use crate::SourceText;

/// A policy's text for miette, borrowed, with its line index: miette's own
/// sources scan from the start of the text for every label, which is slow
/// on large policies with many refutations.
struct IndexedSource<'a> {
    src: &'a SourceText,
}

impl miette::SourceCode for IndexedSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        // Labels are resolved already; one snippet never spans two files
        // (miette then keeps the two labels apart).
        let v = self.src.view_at(span.offset());
        let file_end = v.start + v.text.len();
        if span.offset() + span.len() > file_end + 1 {
            return Err(miette::MietteError::OutOfBounds);
        }
        let local = span.offset().min(file_end) - v.start;
        let line0 = v.index.line_col(v.text, local).line - 1;
        let first = line0.saturating_sub(context_lines_before);
        let base = v.index.line_start(first).unwrap_or(0).min(local);
        let len = span.len().min(v.text.len() - local);
        let shifted = SourceSpan::from((local - base, len));
        let inner = v.text.as_bytes()[base..].read_span(
            &shifted,
            context_lines_before,
            context_lines_after,
        )?;
        let data = inner.data();
        let covered =
            SourceSpan::from((inner.span().offset() + base + v.start, inner.span().len()));
        Ok(Box::new(MietteSpanContents::new_named(
            v.name.to_string(),
            data,
            covered,
            inner.line() + first,
            inner.column(),
            // The snippet's own lines (plus a little slack, so labels a few
            // lines apart share one snippet): miette adds this to the start
            // line to decide whether two snippets should be merged. Counting
            // from the file's start, as miette's own sources do, merges
            // distant labels into one snippet thousands of lines long.
            data.iter().filter(|&&b| b == b'\n').count() + 4,
        )))
    }
}

/// A [`Diagnostic`] with its source, in the shape miette renders.
struct Rendered<'a> {
    diag: &'a Diagnostic,
    source: IndexedSource<'a>,
    text_len: usize,
    text: &'a str,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl Rendered<'_> {
    /// Spans resolved to the file that made them, clamped to the text and
    /// to character boundaries.
    fn source_span(&self, s: crate::span::Span) -> SourceSpan {
        let s = self.source.src.resolve(s);
        let mut start = s.start.min(self.text_len);
        while start > 0 && !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = s.end.clamp(start, self.text_len);
        while end < self.text_len && !self.text.is_char_boundary(end) {
            end += 1;
        }
        SourceSpan::from((start, end - start))
    }
}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diag.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(
            Some(self.diag.label.clone()),
            self.source_span(self.diag.span),
        );
        let related =
            self.diag.related.iter().map(|r| {
                LabeledSpan::new_with_span(Some(r.label.clone()), self.source_span(r.span))
            });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// Renders one diagnostic as miette does, without a trailing blank line.
pub fn render_diagnostic(src: &SourceText, d: &Diagnostic, color: bool) -> String {
    let rendered = Rendered {
        diag: d,
        source: IndexedSource { src },
        text_len: src.text.len(),
        text: &src.text,
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(110);
    let mut out = String::new();
    if handler.render_report(&mut out, &rendered).is_err() {
        out = format!("{}: {} [{}]\n", d.severity.as_str(), d.message, d.code);
    }
    out.trim_end().to_string()
}

#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    pub color: bool,
    pub witness: bool,
    /// Only what failed: no line for a proved assertion, no witnesses, and
    /// nothing at all for a file whose assertions are all proved.
    pub quiet: bool,
}

/// The whole human report of one file: its diagnostics, then its verdicts.
pub fn render_file(report: &FileReport, opts: HumanOptions) -> String {
    let mut out = render_diagnostics(report, opts.color);
    out.push_str(&render_verdicts(report, opts));
    out
}

/// The file's input diagnostics (errors and warnings), each followed by a
/// blank line: what the command line writes to standard error.
pub fn render_diagnostics(report: &FileReport, color: bool) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&render_diagnostic(&report.source, d, color));
        out.push_str("\n\n");
    }
    out
}

/// The file's verdicts: a line per assertion, then the report of each
/// refuted or unknown one (and witnesses when asked); a file that could not
/// be checked gets one line saying so.
pub fn render_verdicts(report: &FileReport, opts: HumanOptions) -> String {
    let mut out = String::new();
    let Some(policy) = &report.policy else {
        let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
        out.push_str(&format!(
            "{}: {} error{}, not checked\n",
            report.source.name,
            errors,
            if errors == 1 { "" } else { "s" }
        ));
        return out;
    };
    let shown: Vec<_> = report
        .verdicts
        .iter()
        .filter(|v| !opts.quiet || v.status != Status::Proved)
        .collect();
    if !shown.is_empty() {
        let width = policy
            .assertions
            .iter()
            .map(|a| a.name.len())
            .max()
            .unwrap_or(0);
        out.push_str(&format!("{}\n", report.source.name));
        for v in &shown {
            let Some(a) = policy.assertions.get(v.assertion) else {
                continue;
            };
            out.push_str(&format!(
                "  {:<8} {:<width$}  {}\n",
                v.status.as_str(),
                a.name,
                story::describe_assertion(&report.source, a)
            ));
        }
        out.push('\n');
    }
    for v in &report.verdicts {
        if let Some(d) = story::verdict_diagnostic(policy, &report.source, v) {
            out.push_str(&render_diagnostic(&report.source, &d, opts.color));
            out.push_str("\n\n");
        } else if let (Some(t), Some(a), false) = (
            &v.acl_example,
            policy.assertions.get(v.assertion),
            opts.quiet,
        ) {
            out.push_str(&format!("`{}` holds because of the ACLs:\n", a.name));
            for line in story::acl_example_lines(policy, &report.source, t) {
                out.push_str(&format!("  {line}\n"));
            }
            out.push('\n');
        } else if opts.witness && !opts.quiet {
            if let (Some(t), Some(a)) = (&v.trace, policy.assertions.get(v.assertion)) {
                out.push_str(&format!(
                    "witness for `{}`:\n  request: {}\n",
                    a.name,
                    story::request_line(policy, t)
                ));
                for line in story::hop_lines(policy, &report.source, t) {
                    out.push_str(&format!("  {line}\n"));
                }
                out.push_str(&format!(
                    "  {}\n\n",
                    story::ending_line(policy, &report.source, t)
                ));
            }
        }
    }
    out
}

pub fn summary_line(reports: &[FileReport], elapsed: Duration) -> String {
    format!("{} in {:.0?}", summary_counts(reports), elapsed)
}

/// `25 proved, 8 refuted, 0 unknown`, with `, N input errors` when there are
/// any: the summary without the time, which machine formats print.
pub fn summary_counts(reports: &[FileReport]) -> String {
    let count = |s: Status| reports.iter().map(|r| r.count(s)).sum::<usize>();
    let errors: usize = reports
        .iter()
        .map(|r| r.diagnostics.iter().filter(|d| d.is_error()).count())
        .sum();
    let mut line = format!(
        "{} proved, {} refuted, {} unknown",
        count(Status::Proved),
        count(Status::Refuted),
        count(Status::Unknown)
    );
    if errors > 0 {
        line.push_str(&format!(
            ", {errors} input error{}",
            if errors == 1 { "" } else { "s" }
        ));
    }
    line
}
