//! JUnit XML, the test report CI systems (Jenkins, GitLab, Azure, Buildkite)
//! display: one `<testsuite>` per policy file (its path in `file`), one
//! `<testcase>` per assertion (`name` the assertion, `time` in seconds).
//! The document keeps to the Jenkins xUnit plugin's `junit-10.xsd`, the
//! strictest of the common readers (no `skipped` on `<testsuites>`).
//!
//! - `classname` is the file's path without `.sg` and with any other dot
//!   made `_`: dashboards split a class name at its last dot into package
//!   and class, which would make `sg` the class of every policy.
//! - A refuted assertion is a `<failure type="refuted">` whose text is the
//!   counterexample's story.
//! - A proved assertion that holds because of the stateless ACLs has a
//!   `<system-out>` saying which entry stops the request that would
//!   otherwise get through.
//! - An unknown assertion is an `<error type="unknown">`, not `<skipped>`:
//!   nothing was proved, the exit status is 1, and a skipped test shows
//!   green on most dashboards.
//! - A file with input errors was not verified; it gets one testcase named
//!   `input errors` (a name no assertion can have) with an `<error
//!   type="input">` listing every diagnostic. Warnings of a verified file
//!   go to the suite's `<system-out>`.

use std::fmt::Write;
use std::time::Duration;

use super::findings::{self, Finding};
use super::FileReport;
use crate::verify::Status;

/// Escapes text for a quoted attribute value. Characters XML 1.0 cannot
/// hold at all (most C0 controls, U+FFFE, U+FFFF) become U+FFFD; line breaks
/// and tabs become character references, which attribute values keep.
pub fn escape(s: &str) -> String {
    escape_with(s, false)
}

/// Escapes element text: like [`escape`], but line feeds stay literal so a
/// story reads as lines in a report viewer.
pub fn escape_text(s: &str) -> String {
    escape_with(s, true)
}

fn escape_with(s: &str, literal_line_feeds: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' if literal_line_feeds => out.push('\n'),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// XML 1.0's `Char` production, apart from tab, line feed and carriage
/// return, which the caller handles.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn seconds(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64())
}

/// A diagnostic as one line of a listing: `3:5: error stargate::...: message`,
/// with its help on the next line.
fn listing(f: &Finding<'_>) -> String {
    let at = f.start();
    // The file only when it is not the suite's own (an included file).
    let file = if f.file() == f.report.source.name {
        String::new()
    } else {
        format!("{}:", f.file())
    };
    let mut s = format!(
        "{file}{}:{}: {} {}: {}",
        at.line,
        at.column,
        f.severity().as_str(),
        f.diagnostic.code,
        f.diagnostic.message
    );
    if let Some(h) = &f.diagnostic.help {
        s.push_str(&format!("\n  help: {h}"));
    }
    s
}

#[derive(Default)]
struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    time: Duration,
}

/// A file's path as a class name with no dot for dashboards to split at.
pub fn class_name(path: &str) -> String {
    path.strip_suffix(".sg").unwrap_or(path).replace('.', "_")
}

fn suite(report: &FileReport, counts: &mut Counts) -> String {
    let path = escape(&report.source.name);
    let class = escape(&class_name(&report.source.name));
    let mut cases = String::new();
    let mut c = Counts::default();
    let input = findings::of_input(report);
    let errors = input.iter().filter(|f| f.diagnostic.is_error()).count();
    if errors > 0 {
        c.tests += 1;
        c.errors += 1;
        let body: Vec<String> = input.iter().map(listing).collect();
        let _ = write!(
            cases,
            "    <testcase classname=\"{class}\" name=\"input errors\" time=\"0.000\">\n      \
             <error message=\"{}\" type=\"input\">{}</error>\n    </testcase>\n",
            escape(&format!(
                "{errors} input error{}; the file was not verified",
                if errors == 1 { "" } else { "s" }
            )),
            escape_text(&body.join("\n"))
        );
    }
    let policy = report.policy.as_ref();
    for v in &report.verdicts {
        let Some(a) = policy.and_then(|p| p.assertions.get(v.assertion)) else {
            continue;
        };
        c.tests += 1;
        c.time += v.elapsed;
        let open = format!(
            "    <testcase classname=\"{class}\" name=\"{}\" time=\"{}\"",
            escape(&a.name),
            seconds(v.elapsed)
        );
        let Some(f) = findings::of_verdict(report, v) else {
            // A proof that holds because of the ACLs says which entry
            // stops the request that would otherwise get through.
            match (policy, &v.acl_example) {
                (Some(p), Some(t)) => {
                    let lines = crate::report::story::acl_example_lines(p, &report.source, t);
                    let _ = write!(
                        cases,
                        "{open}>\n      <system-out>{}</system-out>\n    </testcase>\n",
                        escape_text(&lines.join("\n"))
                    );
                }
                _ => {
                    let _ = writeln!(cases, "{open}/>");
                }
            }
            continue;
        };
        let (element, kind) = match v.status {
            Status::Unknown => {
                c.errors += 1;
                ("error", "unknown")
            }
            _ => {
                c.failures += 1;
                ("failure", "refuted")
            }
        };
        let body = f.text();
        let body = body.split_once('\n').map_or("", |(_, rest)| rest);
        let _ = write!(
            cases,
            "{open}>\n      <{element} message=\"{}\" type=\"{kind}\">{}</{element}>\n    </testcase>\n",
            escape(&f.diagnostic.message),
            escape_text(body)
        );
    }
    if errors == 0 && !input.is_empty() {
        let body: Vec<String> = input.iter().map(listing).collect();
        let _ = writeln!(
            cases,
            "    <system-out>{}</system-out>",
            escape_text(&body.join("\n"))
        );
    }
    let out = format!(
        "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" time=\"{}\" file=\"{path}\">\n{cases}  </testsuite>\n",
        c.tests,
        c.failures,
        c.errors,
        seconds(c.time)
    );
    counts.tests += c.tests;
    counts.failures += c.failures;
    counts.errors += c.errors;
    counts.time += c.time;
    out
}

/// The whole JUnit document of a run. Times are the solver's time per
/// assertion, summed per suite.
pub fn render(reports: &[FileReport]) -> String {
    let mut total = Counts::default();
    let suites: String = reports.iter().map(|r| suite(r, &mut total)).collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"stargate-verify\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{}\">\n{suites}</testsuites>",
        total.tests,
        total.failures,
        total.errors,
        seconds(total.time)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_have_no_dot() {
        assert_eq!(class_name("policies/sandbox.sg"), "policies/sandbox");
        assert_eq!(class_name("./v1.2/edge.sg"), "_/v1_2/edge");
        assert_eq!(class_name("<stdin>"), "<stdin>");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;"
        );
    }

    #[test]
    fn keeps_line_breaks_in_attributes_and_drops_what_xml_cannot_hold() {
        assert_eq!(escape("a\nb\tc\r"), "a&#10;b&#9;c&#13;");
        assert_eq!(escape("nul\u{0}bell\u{7}"), "nul\u{FFFD}bell\u{FFFD}");
        assert_eq!(escape("\u{FFFE}é😀"), "\u{FFFD}é😀");
        assert_eq!(escape_text("a\n<b>"), "a\n&lt;b&gt;");
    }
}
