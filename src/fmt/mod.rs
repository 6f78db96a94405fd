//! The canonical formatter of `.sg` policies (`stargate-verify fmt`, and
//! the editor server's textDocument/formatting).
//!
//! It prints from the pest parse tree, so it can only run on a file that
//! parses; a file with syntax errors is refused with those errors. Comments
//! are collected from the gaps between tokens and placed by byte position
//! (see `printer.rs`). As a last line of defence the output is parsed again
//! and must have the same tokens and the same comments as the input; if it
//! does not, that is a bug, and it is reported instead of the output.
//! The style is documented in docs/language.md, section "Formatting".

pub mod command;
mod diff;
mod layout;
mod printer;
mod tree;

use pest::Parser;

pub use diff::unified_diff;

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::syntax::{GrammarRule as R, StargateParser};

/// Formats a policy's text in the canonical style. A leading byte-order
/// mark is dropped and line endings become `\n`. Errors are the text's
/// syntax errors (or an internal error), located in `text`.
///
/// Literal errors such as `10.20.1.5/16` do not stop formatting: literals
/// are copied as written, so the checker still reports them afterwards.
pub fn format(text: &str) -> Result<String, Vec<Diagnostic>> {
    let (body, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, text.len() - rest.len()),
        None => (text, 0),
    };
    format_body(body).map_err(|diags| {
        diags
            .into_iter()
            .map(|mut d| {
                d.span = d.span.shifted(bom);
                for r in &mut d.related {
                    r.span = r.span.shifted(bom);
                }
                d
            })
            .collect()
    })
}

/// Whether `text` is already in the canonical style (and parses).
pub fn is_formatted(text: &str) -> bool {
    format(text).is_ok_and(|f| f == text)
}

fn format_body(text: &str) -> Result<String, Vec<Diagnostic>> {
    // NUL bytes, open strings and runaway nesting, as the checker reports them.
    let lexical = crate::syntax::prescan(text);
    if !lexical.is_empty() {
        return Err(lexical);
    }
    let file = match StargateParser::parse(R::file, text) {
        Ok(mut pairs) => pairs
            .next()
            .ok_or_else(|| vec![internal("the parser returned no file")])?,
        Err(e) => return Err(syntax_errors(text, &e)),
    };
    let tokens = tree::tokens(&file);
    let comments = tree::comments(text, &tokens);
    let mut layout = layout::Layout {
        out: printer::Printer::new(text, comments.clone()),
    };
    layout
        .file(file)
        .map_err(|e| vec![internal(&format!("unexpected layout: {}", e.0))])?;
    let formatted = layout.out.finish();
    same_tokens_and_comments(&tokens, &comments, &formatted)?;
    Ok(formatted)
}

/// The syntax errors the checker reports for `text`, so that `fmt` and
/// `check` agree on where a file is broken.
fn syntax_errors(text: &str, pest_error: &pest::error::Error<R>) -> Vec<Diagnostic> {
    let (_, diags) = crate::syntax::parse(text);
    let errors: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| {
            matches!(
                d.code,
                "stargate::parse::syntax" | "stargate::parse::unknown_property"
            )
        })
        .collect();
    if !errors.is_empty() {
        return errors;
    }
    let at = match pest_error.location {
        pest::error::InputLocation::Pos(p) | pest::error::InputLocation::Span((p, _)) => p,
    };
    vec![
        Diagnostic::error("stargate::parse::syntax", "syntax error", Span::new(at, at))
            .label("the text does not fit the grammar here")
            .help("run `stargate-verify check` on the file for details"),
    ]
}

/// The safety net: the output must hold the input's tokens, in order, and
/// its comments, in order.
fn same_tokens_and_comments(
    tokens: &[tree::Token<'_>],
    comments: &[tree::Comment],
    formatted: &str,
) -> Result<(), Vec<Diagnostic>> {
    let Ok(Some(file)) = StargateParser::parse(R::file, formatted).map(|mut p| p.next()) else {
        return Err(vec![internal("the formatted text does not parse")]);
    };
    let after = tree::tokens(&file);
    let same_tokens = tokens.len() == after.len()
        && tokens
            .iter()
            .zip(&after)
            .all(|(a, b)| a.rule == b.rule && a.text == b.text);
    if !same_tokens {
        return Err(vec![internal("the formatted text has different tokens")]);
    }
    let after = tree::comments(formatted, &after);
    let same_comments =
        comments.len() == after.len() && comments.iter().zip(&after).all(|(a, b)| a.text == b.text);
    if !same_comments {
        return Err(vec![internal(
            "the formatted text lost or changed a comment",
        )]);
    }
    Ok(())
}

fn internal(what: &str) -> Diagnostic {
    Diagnostic::error(
        "stargate::fmt::internal",
        format!("internal error in the formatter: {what}"),
        Span::default(),
    )
    .label("the file was left unchanged")
    .help("this is a bug in stargate-verify; please report it with the policy")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        match format(text) {
            Ok(f) => f,
            Err(d) => panic!("not formatted: {d:?}"),
        }
    }

    #[test]
    fn expands_one_line_bodies_but_keeps_single_lines() {
        assert_eq!(
            fmt("zone internet{addresses any}\nservice s { addresses 10.0.0.1 listen 80 }"),
            "zone internet { addresses any }\nservice s {\n  addresses 10.0.0.1\n  listen 80\n}\n"
        );
    }

    #[test]
    fn on_blocks_have_one_rule_per_line() {
        let text = "proxy p { addresses 10.0.0.0/24; on 80 { deny 403 when path in [/a,/b,]; forward to s:80 tls } }";
        assert_eq!(
            fmt(text),
            "proxy p {\n  addresses 10.0.0.0/24\n  on 80 {\n    deny 403 when path in [/a, /b]\n    forward to s:80 tls\n  }\n}\n"
        );
    }

    #[test]
    fn several_edits_go_below_the_forward() {
        let text = "proxy p { on 80 { forward to s:80 set header X-A = \"1\" remove header X-B } }";
        assert_eq!(
            fmt(text),
            "proxy p {\n  on 80 {\n    forward to s:80\n      set header X-A = \"1\"\n      remove header X-B\n  }\n}\n"
        );
        let one = "proxy p {\n  on 80 {\n    forward to s:80 set header X-A = \"1\"\n  }\n}\n";
        assert_eq!(fmt(one), one);
    }

    #[test]
    fn assertions_join_onto_one_line() {
        assert_eq!(
            fmt("assert a :\n  every path x->y:[80 ,443] where not (port in 80 or method in get) requires header X-K != \"v\"\n"),
            "assert a: every path x -> y:[80, 443] where not (port in 80 or method in get) requires header X-K != \"v\"\n"
        );
    }

    #[test]
    fn comments_stay_where_they_belong() {
        let text = "# head\n\n\n\nzone a { # opens\n  addresses any   # trailing\n  # own line\n\n\n  listen 80\n  # before close\n}\n# end\n";
        assert_eq!(
            fmt(text),
            "# head\n\nzone a {  # opens\n  addresses any  # trailing\n  # own line\n\n  listen 80\n  # before close\n}\n# end\n"
        );
    }

    #[test]
    fn a_comment_inside_a_statement_breaks_the_line() {
        let text = "assert a: no path x # why\n  -> y\n";
        assert_eq!(fmt(text), "assert a: no path x  # why\n  -> y\n");
        assert_eq!(fmt(&fmt(text)), fmt(text));
    }

    #[test]
    fn lists_with_comments_are_one_item_per_line() {
        let text = "let a = [10.0.0.0/8, # first\n 172.16.0.0/12 , # second\n]\n";
        assert_eq!(
            fmt(text),
            "let a = [\n  10.0.0.0/8,    # first\n  172.16.0.0/12  # second\n]\n"
        );
    }

    #[test]
    fn trailing_comments_align_in_runs() {
        let text = "zone a {\n  listen 80 # x\n  listen 8080 from b # y\n  addresses any\n}\n";
        assert_eq!(
            fmt(text),
            "zone a {\n  listen 80           # x\n  listen 8080 from b  # y\n  addresses any\n}\n"
        );
    }

    #[test]
    fn crlf_bom_and_separators() {
        assert_eq!(
            fmt("\u{feff}policy p;;\r\nlet a = 10.0.0.0/8 ; secret s \"x\"\r\n"),
            "policy p\nlet a = 10.0.0.0/8\nsecret s \"x\"\n"
        );
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("  \n# only\n"), "# only\n");
    }

    #[test]
    fn globs_with_double_slashes_are_not_comments() {
        let text = "service s {\n  addresses any\n  on 80 {\n    deny when path in /a//b  // real comment\n  }\n}\n";
        assert_eq!(fmt(text), text);
    }

    #[test]
    fn refuses_syntax_errors() {
        let Err(d) = format("zone a { addresses any\nzone b { }") else {
            panic!("formatted a broken file");
        };
        assert!(d.iter().all(|d| d.code.starts_with("stargate::parse::")));
        let Err(d) = format("\u{feff}secret s \"open\n") else {
            panic!("formatted an open string");
        };
        assert_eq!(d[0].code, "stargate::parse::unterminated_string");
        assert_eq!(d[0].span.start, 3 + 9);
    }
}
