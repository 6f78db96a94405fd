//! The tokens of a parsed file and the comments between them. Every byte of
//! a file that parsed is inside a token or in a gap between two tokens, and
//! a gap holds only whitespace, punctuation and comments, so scanning the
//! gaps finds every comment exactly (a `//` inside a glob is part of the
//! glob token, never of a gap).

use pest::iterators::Pair;

use crate::syntax::GrammarRule as R;

/// A token of the language: a keyword, name, literal or glob. Punctuation
/// is not a token here (the grammar does not name it); the printer finds it
/// in the gaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
    pub rule: R,
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
}

/// A comment: from `#` or `//` to the end of its line, trailing whitespace
/// (and the `\r` of a CRLF line) left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Whether a pair is one token. Empty lists (`[]`) have no inner pairs
/// but are not tokens; a string's inner text belongs to the string.
pub fn is_token(p: &Pair<'_, R>) -> bool {
    match p.as_rule() {
        R::string => true,
        R::addr_list | R::port_list | R::EOI | R::str_inner => false,
        _ => p.clone().into_inner().next().is_none(),
    }
}

/// The tokens under `root`, in text order.
pub fn tokens<'t>(root: &Pair<'t, R>) -> Vec<Token<'t>> {
    let mut out: Vec<Token<'t>> = Vec::new();
    for p in root.clone().into_inner().flatten() {
        let span = p.as_span();
        // The inner text of a string comes after the string itself.
        if out.last().is_some_and(|t| span.start() < t.end) || !is_token(&p) {
            continue;
        }
        out.push(Token {
            rule: p.as_rule(),
            text: p.as_str(),
            start: span.start(),
            end: span.end(),
        });
    }
    out
}

/// Every comment of `text`, given its tokens.
pub fn comments(text: &str, tokens: &[Token<'_>]) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut from = 0;
    for t in tokens {
        scan_gap(text, from, t.start, &mut out);
        from = t.end;
    }
    scan_gap(text, from, text.len(), &mut out);
    out
}

fn scan_gap(text: &str, from: usize, to: usize, out: &mut Vec<Comment>) {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to.min(bytes.len()) {
        let opens = bytes[i] == b'#' || (bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'/'));
        if !opens {
            i += 1;
            continue;
        }
        // `#` and `/` are ASCII, so `i` is a character boundary.
        let rest = text.get(i..to).unwrap_or("");
        let end = rest.find('\n').map_or(to, |n| i + n);
        let body = text.get(i..end).unwrap_or("").trim_end();
        out.push(Comment {
            start: i,
            end: i + body.len(),
            text: body.to_string(),
        });
        i = end;
    }
}
