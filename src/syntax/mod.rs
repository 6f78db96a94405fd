//! Text to AST: the pest grammar, the pre-scan for lexical hazards, error
//! recovery between statements, and lowering with literal validation.

pub mod ast;
mod fast;
mod lower;
mod parser;
mod prescan;

pub use lower::{comment_start, parse_cidr};
pub use prescan::{MAX_CHAIN, MAX_NESTING};
// The formatter prints from the parse tree itself, after the same pre-scan.
pub(crate) use parser::{Rule as GrammarRule, StargateParser};
pub(crate) use prescan::prescan;

use crate::diagnostic::Diagnostic;

/// Words that are keywords only in their place (`where` after a flow;
/// `group` and `include` starting a statement; `member` and `reachable`
/// starting a node line; `acl`, `covers`, `inbound`, `outbound` and `allow`
/// in an `acl` statement; `matches`, `host` and `query` in conditions), so
/// they stay usable as names.
pub const CONTEXTUAL_KEYWORDS: [&str; 13] = [
    "where",
    "group",
    "member",
    "reachable",
    "include",
    "acl",
    "covers",
    "inbound",
    "outbound",
    "allow",
    "matches",
    "host",
    "query",
];

/// The reserved words of the language (reference section 1).
pub const KEYWORDS: [&str; 42] = [
    "policy",
    "let",
    "secret",
    "zone",
    "service",
    "proxy",
    "assert",
    "addresses",
    "knows",
    "listen",
    "egress",
    "on",
    "to",
    "ports",
    "from",
    "tls",
    "deny",
    "when",
    "unless",
    "forward",
    "set",
    "remove",
    "header",
    "path",
    "in",
    "not",
    "and",
    "or",
    "source",
    "port",
    "method",
    "opaque",
    "present",
    "absent",
    "no",
    "connection",
    "every",
    "requires",
    "via",
    "encrypted",
    "except",
    "any",
];

/// Whether a word is reserved (cannot name a node, set, secret or assertion).
pub fn is_keyword(word: &str) -> bool {
    // Every keyword is 2 to 10 lower-case letters; most names are not.
    (2..=10).contains(&word.len())
        && word.bytes().all(|c| c.is_ascii_lowercase())
        && KEYWORDS.contains(&word)
}

/// Parses a policy's text into an AST and every syntax diagnostic found.
/// Statements with syntax errors are left out of the AST.
///
/// A file with nothing to report is parsed by a hand-written parser
/// (`fast.rs`); when that one stops at anything unexpected, the pest grammar
/// parses the file again and explains every problem ([`parse_with_grammar`]).
pub fn parse(text: &str) -> (ast::File, Vec<Diagnostic>) {
    match fast::parse(text) {
        Some(file) => (file, Vec::new()),
        None => parse_with_grammar(text),
    }
}

/// The hand-written parser's answer alone: `None` when it gave up (the
/// text has something to report, or something it does not expect).
pub fn parse_fast(text: &str) -> Option<ast::File> {
    fast::parse(text)
}

/// [`parse`] by the pest grammar alone, which defines the language: what the
/// hand-written parser answers must equal what this answers, whenever this
/// finds nothing to report (`tests/parser_agreement.rs`).
pub fn parse_with_grammar(text: &str) -> (ast::File, Vec<Diagnostic>) {
    let mut diags = prescan::prescan(text);
    if !diags.is_empty() {
        // An open string or runaway nesting derails everything after it.
        return (ast::File::default(), diags);
    }
    let (pairs, syntax) = parser::statements(text);
    diags.extend(syntax);
    let mut file = ast::File::default();
    for (pair, offset) in pairs {
        let mut lowerer = lower::Lowerer {
            diags: &mut diags,
            offset,
            chain: 0,
        };
        if let Some(stmt) = lowerer.statement(pair) {
            file.statements.push(stmt);
        }
    }
    (file, diags)
}
