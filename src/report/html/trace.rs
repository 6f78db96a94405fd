//! One counterexample or witness as HTML: the request, each hop with the
//! policy lines that let it through quoted, and how it ends. Plain lists,
//! readable without scripts or styles, and printable.

use std::fmt::Write;

use super::{esc, story_text, Redactor};
use crate::model::Policy;
use crate::report::story;
use crate::span::Span;
use crate::verify::Trace;
use crate::SourceText;

/// The longest quotation, in characters; a longer one is cut with `...`.
const MAX_QUOTE: usize = 160;

/// The policy text of a span quoted, with where it is (`line 12`, or
/// `line 12 of other.sg` in another file, or the Terraform file and line
/// that made a generated line): the listen line, rule or egress line itself
/// (`listen 443 tls from any`), on one line, comments dropped, secret ids
/// redacted.
pub fn quoted_line(src: &SourceText, span: Span, redact: &Redactor) -> (String, String) {
    let line = src.line_ref(span);
    let text = src.text.get(span.start..span.end).unwrap_or("");
    let mut code = redact.apply(&story::one_line(text));
    if code.chars().count() > MAX_QUOTE {
        code = code.chars().take(MAX_QUOTE).collect::<String>() + " ...";
    }
    // A line imported from another file: the line there (for Terraform, the
    // block that names the resource).
    if let Some((_, there)) = src.origin(span) {
        let mut there = redact.apply(&story::one_line(there));
        if there.chars().count() > MAX_QUOTE {
            there = there.chars().take(MAX_QUOTE).collect::<String>() + " ...";
        }
        code = format!("{code}  <- {there}");
    }
    (line, code)
}

fn why_item(out: &mut String, what: &str, src: &SourceText, span: Span, redact: &Redactor) {
    let (line, code) = quoted_line(src, span, redact);
    let _ = writeln!(
        out,
        "<li><span class=\"why\">{what}, {}:</span> <code>{}</code></li>",
        esc(&line),
        esc(&code)
    );
}

/// The request, the numbered hops and the ending of `t`.
pub fn render(out: &mut String, policy: &Policy, src: &SourceText, t: &Trace, redact: &Redactor) {
    let r = &t.request;
    let _ = writeln!(
        out,
        "<dl class=\"request\"><dt>Request</dt><dd><code>{} {}</code> from <code>{}</code> to port <code>{}</code></dd>",
        esc(&r.method),
        esc(&redact.apply(&r.path)),
        story::addr(r.source),
        story::port(r.port)
    );
    if !policy.headers.is_empty() {
        out.push_str("<dt>Headers</dt><dd><ul class=\"headers\">");
        for (h, v) in policy.headers.iter().zip(&r.headers) {
            // A query parameter (`model::QUERY_PREFIX`) reads `?key`.
            match story::header_text(policy, v) {
                None => {
                    let _ = write!(out, "<li><code>{}</code> absent</li>", esc(h));
                }
                Some(v) => {
                    let _ = write!(
                        out,
                        "<li><code>{}: {}</code></li>",
                        esc(h),
                        esc(&redact.apply(&v))
                    );
                }
            }
        }
        out.push_str("</ul></dd>");
    }
    if !policy.opaques.is_empty() {
        out.push_str("<dt>Opaque checks</dt><dd><ul class=\"opaque\">");
        for (o, v) in policy.opaques.iter().zip(&r.opaque) {
            let _ = write!(
                out,
                "<li><code>{}</code> {}</li>",
                esc(o),
                if *v { "fires" } else { "passes" }
            );
        }
        out.push_str("</ul></dd>");
    }
    let assumed = story::secret_assumptions(policy, t);
    if !assumed.is_empty() {
        out.push_str("<dt>Secrets</dt><dd><ul class=\"secrets\">");
        for a in &assumed {
            let _ = write!(out, "<li>{}</li>", esc(a));
        }
        out.push_str("</ul></dd>");
    }
    out.push_str("</dl>\n<ol class=\"hops\">\n");
    let name = |n: usize| policy.nodes.get(n).map_or("?", |n| n.name.as_str());
    for (i, h) in t.hops.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li data-hop=\"{}\" data-from=\"{}\" data-to=\"{}\"><span class=\"hop\"><b>{}</b> <span class=\"addr\">({})</span> &rarr; <b>{}</b>:{} {}</span>\n<ul class=\"lines\">",
            i + 1,
            esc(name(h.from)),
            esc(name(h.to)),
            esc(name(h.from)),
            story::addr(h.source),
            esc(name(h.to)),
            story::port(h.port),
            if h.tls { "<span class=\"tls\">tls</span>" } else { "<span class=\"plain\">plaintext</span>" }
        );
        if let Some(rule) = h.rule {
            why_item(out, "forwarded by the rule", src, rule, redact);
        }
        if let Some(e) = h.egress {
            why_item(out, "allowed by the egress", src, e, redact);
        }
        if let Some(r) = h.exposure {
            why_item(out, "reachable because of", src, r, redact);
        }
        match h.listen {
            Some(l) => why_item(out, "admitted by the listen", src, l, redact),
            None => {
                let _ = writeln!(
                    out,
                    "<li><span class=\"why\"><code>{}</code> is a zone that accepts everything</span></li>",
                    esc(name(h.to))
                );
            }
        }
        if let Some(m) = h.member {
            why_item(out, "the sender is a member", src, m, redact);
        }
        for (text, span) in story::acl_phrases(policy, src, h) {
            match span {
                Some(span) => why_item(out, &text, src, span, redact),
                None => {
                    let _ = writeln!(
                        out,
                        "<li><span class=\"why\">{}</span></li>",
                        story_text(&redact.apply(&text))
                    );
                }
            }
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ol>\n");
    let _ = writeln!(
        out,
        "<p class=\"ending\">{}</p>",
        story_text(&redact.apply(&story::ending_line(policy, src, t)))
    );
}
