//! Text to AST: the pest grammar, the pre-scan for lexical hazards, error
//! recovery between statements, and lowering with literal validation.

pub mod ast;
mod lower;
mod parser;
mod prescan;

pub use lower::{comment_start, parse_cidr};
pub use prescan::MAX_NESTING;
// The formatter prints from the parse tree itself, after the same pre-scan.
pub(crate) use parser::{Rule as GrammarRule, StargateParser};
pub(crate) use prescan::prescan;

use crate::diagnostic::Diagnostic;

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
    KEYWORDS.contains(&word)
}

/// Parses a policy's text into an AST and every syntax diagnostic found.
/// Statements with syntax errors are left out of the AST.
pub fn parse(text: &str) -> (ast::File, Vec<Diagnostic>) {
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
        };
        if let Some(stmt) = lowerer.statement(pair) {
            file.statements.push(stmt);
        }
    }
    (file, diags)
}
