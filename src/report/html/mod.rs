//! `--format html`: one self-contained page for a reviewer (no network at
//! view time: the style sheet and the small script are inline, there are
//! no fonts or images to fetch). A summary, then per file the picture of
//! the network (inline SVG, laid out by the tool) and each assertion with
//! its verdict, request and hops, the policy lines quoted.
//!
//! Selecting an assertion (its link, by mouse or keyboard) makes it the
//! page's `:target`; the style sheet then shows its journey on the picture,
//! numbered, and the script does the same for browsers without `:has()`
//! and announces it. Without the script or the styles the page is plain
//! headings, tables and lists.
//!
//! Secrets: the model and traces carry secret names, never values. Every
//! piece of policy text quoted (lines, properties) goes through a
//! [`Redactor`] that replaces the external ids of the secrets declared, so
//! neither values nor ids reach the page.

pub mod picture;
pub mod trace;

use std::fmt::Write;

use super::story;
use super::FileReport;
use crate::model::Policy;
use crate::verify::{Status, Verdict};

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("enhance.js");

pub use crate::graph::svg::escape as esc;

/// Story text for HTML: escaped, with each `name` in backticks as code.
pub fn story_text(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    // An unpaired backtick leaves an open `<code>`; close it.
    if text.matches('`').count() % 2 == 1 {
        out.push_str("</code>");
    }
    out
}

/// Replaces each declared secret's external id with `<secret:NAME>`, as
/// the other reports name secrets.
#[derive(Debug, Default)]
pub struct Redactor {
    ids: Vec<(String, String)>,
}

impl Redactor {
    pub fn of(policy: &Policy) -> Self {
        let mut ids: Vec<(String, String)> = policy
            .secrets
            .iter()
            .filter_map(|s| {
                let e = s.external.as_ref()?;
                (!e.is_empty()).then(|| (e.clone(), format!("<secret:{}>", s.name)))
            })
            .collect();
        // Longer ids first, so one that contains another is replaced whole.
        ids.sort_by_key(|id| std::cmp::Reverse(id.0.len()));
        Redactor { ids }
    }

    pub fn apply(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (id, shown) in &self.ids {
            if out.contains(id.as_str()) {
                out = out.replace(id.as_str(), shown);
            }
        }
        out
    }
}

/// The page head, the style sheet (with the page's own rules, `extra`)
/// and the opening of the body.
pub fn open_page(out: &mut String, title: &str, extra: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"stargate-verify {}\">\n<title>{}</title>\n<style>\n{STYLE}{extra}</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the results</a>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title)
    );
}

/// The rule that shows a journey, without the script, while the element it
/// belongs to is the page's target.
pub fn journey_rule(css: &mut String, target: &str, journey: &str) {
    let _ = writeln!(
        css,
        "body:has(#{target}:target) #{journey} {{ display: inline; }}"
    );
}

pub fn close_page(out: &mut String) {
    let _ = write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
}

/// An id-safe form of a name (names are identifiers already; this keeps
/// the page valid whatever a front end calls things).
pub fn id_part(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The whole report of `check` as one HTML page.
pub fn render(reports: &[FileReport]) -> String {
    let count = |s: Status| reports.iter().map(|r| r.count(s)).sum::<usize>();
    let (proved, refuted, unknown) = (
        count(Status::Proved),
        count(Status::Refuted),
        count(Status::Unknown),
    );
    let errors: usize = reports
        .iter()
        .map(|r| r.diagnostics.iter().filter(|d| d.is_error()).count())
        .sum();
    let names: Vec<&str> = reports.iter().map(|r| r.source.name.as_str()).collect();
    let mut sections = String::new();
    let mut css = String::new();
    for (i, r) in reports.iter().enumerate() {
        file_section(&mut sections, &mut css, r, &format!("f{i}"));
    }
    let mut out = String::new();
    open_page(
        &mut out,
        &format!(
            "stargate-verify: {} - {proved} proved, {refuted} refuted, {unknown} unknown",
            names.join(", ")
        ),
        &css,
    );
    out.push_str("<header>\n<h1>stargate-verify report</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"files\">{}</p>",
        names
            .iter()
            .map(|n| format!("<code>{}</code>", esc(n)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        out,
        "<ul class=\"summary\" aria-label=\"summary\"><li class=\"proved\"><span class=\"count\" data-count=\"proved\">{proved}</span> proved</li><li class=\"refuted\"><span class=\"count\" data-count=\"refuted\">{refuted}</span> refuted</li><li class=\"unknown\"><span class=\"count\" data-count=\"unknown\">{unknown}</span> unknown</li>{}</ul>",
        if errors > 0 {
            format!("<li class=\"errors\"><span class=\"count\" data-count=\"errors\">{errors}</span> input error{}</li>", if errors == 1 { "" } else { "s" })
        } else {
            String::new()
        }
    );
    out.push_str("</header>\n<main id=\"main\">\n");
    out.push_str(&sections);
    out.push_str("</main>\n");
    close_page(&mut out);
    out
}

/// One file's section; the rules that show its journeys go to `css`.
fn file_section(out: &mut String, css: &mut String, r: &FileReport, prefix: &str) {
    let _ = writeln!(
        out,
        "<section class=\"file\" id=\"{prefix}\" aria-labelledby=\"{prefix}-h\">\n<h2 id=\"{prefix}-h\"><code>{}</code></h2>",
        esc(&r.source.name)
    );
    let redact = r
        .policy
        .as_ref()
        .map(|p| Redactor::of(p))
        .unwrap_or_default();
    if !r.diagnostics.is_empty() {
        out.push_str("<h3>Diagnostics</h3>\n<ul class=\"diagnostics\">\n");
        for d in &r.diagnostics {
            let _ = writeln!(
                out,
                "<li class=\"{}\"><span class=\"badge {}\">{}</span> {}: {} <code>{}</code>{}</li>",
                d.severity.as_str(),
                d.severity.as_str(),
                d.severity.as_str(),
                esc(&r.source.line_ref(d.span)),
                story_text(&redact.apply(&d.message)),
                esc(d.code),
                d.help
                    .as_ref()
                    .map(|h| format!(
                        "<br><span class=\"help\">help: {}</span>",
                        story_text(&redact.apply(h))
                    ))
                    .unwrap_or_default()
            );
        }
        out.push_str("</ul>\n");
    }
    let Some(policy) = &r.policy else {
        out.push_str(
            "<p class=\"not-checked\">Not checked: fix the errors above first.</p>\n</section>\n",
        );
        return;
    };
    let title = policy.name.clone().unwrap_or_else(|| {
        std::path::Path::new(&r.source.name)
            .file_stem()
            .map_or_else(
                || r.source.name.clone(),
                |s| s.to_string_lossy().into_owned(),
            )
    });
    let assertion_id = |v: &Verdict| {
        let name = policy
            .assertions
            .get(v.assertion)
            .map_or("", |a| a.name.as_str());
        format!("{prefix}-a-{}", id_part(name))
    };
    let journey_id = |v: &Verdict| {
        let name = policy
            .assertions
            .get(v.assertion)
            .map_or("", |a| a.name.as_str());
        format!("{prefix}-j-{}", id_part(name))
    };
    let wanted: Vec<picture::Wanted> = r
        .verdicts
        .iter()
        .filter_map(|v| {
            let t = v.trace.as_ref()?;
            let a = policy.assertions.get(v.assertion)?;
            Some(picture::Wanted {
                id: journey_id(v),
                title: format!("{} of {}", trace_word(v), a.name),
                trace: t,
            })
        })
        .collect();
    for v in r.verdicts.iter().filter(|v| v.trace.is_some()) {
        journey_rule(css, &assertion_id(v), &journey_id(v));
    }
    let _ = writeln!(
        out,
        "<figure class=\"picture\" id=\"{prefix}-picture\">\n{}<figcaption><span class=\"legend\">Zones are blue ellipses, proxies orange hexagons, services green boxes; dashed lines are connections a node can open, solid lines forward rules.</span> <span class=\"shown\" id=\"{prefix}-shown\" aria-live=\"polite\">Select an assertion to draw its counterexample or witness here.</span></figcaption>\n</figure>",
        picture::render(policy, &r.source, &title, &format!("{prefix}-"), &wanted, &redact)
    );
    if r.verdicts.is_empty() {
        out.push_str("<p>The policy has no assertions.</p>\n</section>\n");
        return;
    }
    out.push_str("<h3>Assertions</h3>\n<table class=\"index\">\n<thead><tr><th scope=\"col\">Verdict</th><th scope=\"col\">Assertion</th><th scope=\"col\">Property</th></tr></thead>\n<tbody>\n");
    for v in &r.verdicts {
        let Some(a) = policy.assertions.get(v.assertion) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<tr data-status=\"{s}\"><td><span class=\"badge {s}\">{s}</span></td><td><a href=\"#{}\">{}</a></td><td><code>{}</code></td></tr>",
            assertion_id(v),
            esc(&a.name),
            esc(&redact.apply(&story::describe_assertion(&r.source, a))),
            s = v.status.as_str(),
        );
    }
    out.push_str("</tbody>\n</table>\n");
    for v in &r.verdicts {
        assertion(out, r, policy, v, &assertion_id(v), &journey_id(v), &redact);
    }
    out.push_str("</section>\n");
}

fn trace_word(v: &Verdict) -> &'static str {
    if v.status == Status::Proved {
        "witness"
    } else {
        "counterexample"
    }
}

fn assertion(
    out: &mut String,
    r: &FileReport,
    policy: &Policy,
    v: &Verdict,
    id: &str,
    journey: &str,
    redact: &Redactor,
) {
    let Some(a) = policy.assertions.get(v.assertion) else {
        return;
    };
    let s = v.status.as_str();
    let line = esc(&r.source.line_ref(a.span));
    let _ = writeln!(
        out,
        "<article class=\"assertion {s}\" id=\"{id}\" data-status=\"{s}\" data-assertion=\"{}\"{} aria-labelledby=\"{id}-h\">\n<h4 id=\"{id}-h\"><span class=\"badge {s}\">{s}</span> <code>{}</code> <span class=\"line\">{line}</span></h4>\n<p class=\"property\"><code>{}</code></p>",
        esc(&a.name),
        if v.trace.is_some() {
            format!(" data-journey=\"{journey}\"")
        } else {
            String::new()
        },
        esc(&a.name),
        esc(&redact.apply(&story::describe_assertion(&r.source, a))),
    );
    match (&v.trace, v.status) {
        (Some(t), _) => {
            let word = trace_word(v);
            let _ = writeln!(
                out,
                "<p class=\"select\"><a class=\"show\" href=\"#{id}\">Draw this {word} on the picture</a> ({} hop{})</p>\n<h5>{}{}</h5>",
                t.hops.len(),
                if t.hops.len() == 1 { "" } else { "s" },
                word[..1].to_uppercase(),
                &word[1..]
            );
            if v.status == Status::Refuted {
                let _ = writeln!(
                    out,
                    "<p class=\"story\">{}</p>",
                    story_text(&story::summary(policy, a, t))
                );
            }
            trace::render(out, policy, &r.source, t, redact);
            if v.status == Status::Refuted {
                let _ = writeln!(
                    out,
                    "<p class=\"fix\">{}</p>",
                    story_text(&story::fix_hint(a))
                );
            }
        }
        (None, Status::Refuted) => {
            out.push_str("<p class=\"story\">No request that starts as the assertion says is admitted all the way and accepted: check the target's <code>listen ... from</code> lines, the egress lines and the forward rules on the way.</p>\n");
        }
        (None, Status::Unknown) => {
            let _ = writeln!(
                out,
                "<p class=\"story\">The solver gave up: {}. Raise <code>--timeout</code> (or <code>--rlimit</code>), or split the assertion with <code>where</code>.</p>",
                esc(v.reason.as_deref().unwrap_or("no reason given"))
            );
        }
        (None, Status::Proved) => {
            out.push_str("<p class=\"story\">Holds for every request.</p>\n");
        }
    }
    if let Some(t) = &v.acl_example {
        // Why the ACLs make it hold: a journey they stop, hop by hop.
        out.push_str("<h5>Stopped by the ACLs</h5>\n<p class=\"story\">Without its ACLs the policy would let this request through; the ACL lines of each hop say where it is dropped.</p>\n");
        trace::render(out, policy, &r.source, t, redact);
    }
    out.push_str("</article>\n");
}
