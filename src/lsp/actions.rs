//! Edits the server offers. Code actions: quick fixes for diagnostics whose
//! help names the exact replacement ("did you mean `vpc`?", "use the
//! network address `10.20.0.0/16`"), read from the current analysis rather
//! than from what the client sends back, so they always match the text.
//! Formatting: [`crate::fmt::format`], as `stargate-verify fmt` runs it,
//! sent as the one region that changes.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, WorkspaceEdit};

use super::document::Document;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The quick fixes for diagnostics touching `range`.
pub fn code_actions(
    doc: &Document,
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    if only.is_some_and(|kinds| {
        !kinds
            .iter()
            .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
    }) {
        return Vec::new();
    }
    let lines = doc.lines();
    let wanted = lines.span(range);
    doc.analysis
        .diagnostics
        .iter()
        .filter(|d| d.span.start <= wanted.end && wanted.start <= d.span.end)
        .filter_map(|d| {
            let (title, replacement) = fix(&doc.source.text, d)?;
            let edit = TextEdit::new(lines.range(d.span), replacement);
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lines.diagnostic(&doc.uri, d)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(doc.uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                command: None,
                is_preferred: Some(true),
                disabled: None,
                data: None,
            }))
        })
        .collect()
}

/// A fix's title and the text that replaces the diagnostic's span.
fn fix(text: &str, d: &Diagnostic) -> Option<(String, String)> {
    let help = d.help.as_deref()?;
    let found = text.get(d.span.start..d.span.end)?;
    match d.code {
        "stargate::model::undefined_name" => {
            let name = quoted(help, "did you mean `", "`?")?;
            Some((format!("Replace `{found}` with `{name}`"), name.to_string()))
        }
        "stargate::parse::cidr_host_bits" => {
            let net = quoted(help, "use the network address `", "`")?;
            Some((format!("Use the network address `{net}`"), net.to_string()))
        }
        "stargate::parse::reversed_port_range" => {
            let range = quoted(help, "write it low to high: `", "`")?;
            // The span may carry a protocol (`9000-8000/udp`) that the help leaves out.
            let protocol = found.find('/').and_then(|i| found.get(i..)).unwrap_or("");
            let fixed = format!("{range}{protocol}");
            Some((format!("Write the range low to high: `{fixed}`"), fixed))
        }
        "stargate::model::acl_duplicate_number" => {
            let free = quoted(
                help,
                "the number orders the entries; give each entry of one direction its own number, e.g. `",
                "`",
            )?;
            Some((format!("Renumber the entry `{free}`"), free.to_string()))
        }
        _ => None,
    }
}

/// The edits that format the document: none when it is formatted
/// already; an error naming the first syntax error when it cannot be.
pub fn format(doc: &Document) -> Result<Vec<TextEdit>, String> {
    let formatted = crate::fmt::format(&doc.text).map_err(|errors| {
        let first = errors.first().map_or_else(String::new, |d| {
            format!(": line {}: {}", doc.source.line(d.span), d.message)
        });
        format!("cannot format a policy with syntax errors{first}")
    })?;
    let Some((start, old_end, new_end)) = changed_region(&doc.text, &formatted) else {
        return Ok(Vec::new());
    };
    let replacement = formatted.get(start..new_end).unwrap_or_default();
    Ok(vec![TextEdit::new(
        doc.lines().range(Span::new(start, old_end)),
        replacement.to_string(),
    )])
}

/// The one region where two texts differ, in whole characters: `start`,
/// its end in `old`, its end in `new`; `None` when they are equal.
fn changed_region(old: &str, new: &str) -> Option<(usize, usize, usize)> {
    if old == new {
        return None;
    }
    let super::document::Edit {
        mut start,
        mut old_end,
        mut new_end,
    } = super::document::Edit::between(old, new);
    // Shared bytes are the same in both texts, and so are their character
    // boundaries: widen the region to whole characters.
    while !old.is_char_boundary(start) {
        start -= 1;
    }
    while !old.is_char_boundary(old_end) {
        old_end += 1;
        new_end += 1;
    }
    Some((start, old_end, new_end))
}

fn quoted<'a>(help: &'a str, before: &str, after: &str) -> Option<&'a str> {
    help.strip_prefix(before)?
        .strip_suffix(after)
        .filter(|s| !s.is_empty() && !s.contains('`'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(text: &str) -> Vec<(Span, String)> {
        crate::diagnostics(text)
            .iter()
            .filter_map(|d| fix(text, d).map(|(_, r)| (d.span, r)))
            .collect()
    }

    #[test]
    fn fixes_replace_the_span_with_the_suggestion() {
        let text = "let vpc = 10.20.0.0/16\nzone z { addresses vcp }\n";
        let at = text.find("vcp").unwrap_or(0);
        assert_eq!(fixes(text), [(Span::new(at, at + 3), "vpc".to_string())]);

        let text = "zone z { addresses 10.20.1.5/16 }\n";
        assert_eq!(fixes(text)[0].1, "10.20.0.0/16");

        let text = "zone z { addresses any  listen 9000-8000/udp }\n";
        assert_eq!(fixes(text)[0].1, "8000-9000/udp");

        // The next free number of the direction (101 is taken).
        let text = "acl a covers 10.0.0.0/8 {\n  inbound 100 allow 80 from any\n  \
            inbound 101 allow 81 from any\n  inbound 100 deny 82 from any\n}\n";
        let at = text.rfind("100").unwrap_or(0);
        assert_eq!(fixes(text), [(Span::new(at, at + 3), "102".to_string())]);
    }

    #[test]
    fn changed_regions_are_whole_characters() {
        // `é` and `è` share their first byte.
        assert_eq!(changed_region("a é b", "a è b"), Some((2, 4, 4)));
        assert_eq!(changed_region("x", "x"), None);
        assert_eq!(changed_region("ab", "aXb"), Some((1, 1, 2)));
        assert_eq!(changed_region("aaa", "aa"), Some((2, 3, 2)));
    }
}
