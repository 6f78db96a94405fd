//! The pest parser, driven one statement at a time so that a syntax error
//! in one statement does not hide the errors in the next.

use pest::error::{ErrorVariant, InputLocation};
use pest::Parser;
use pest_derive::Parser;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

#[derive(Parser)]
#[grammar = "../grammar/stargate.pest"]
pub struct StargateParser;

/// How many syntax errors one file may report before the parser gives up.
const MAX_SYNTAX_ERRORS: usize = 50;

const TOP_LEVEL: [&str; 11] = [
    "policy", "let", "secret", "group", "include", "opaque", "zone", "service", "proxy", "assert",
    "acl",
];

/// Parses every statement it can; each `Ok` pair comes with the byte offset
/// of the text it was parsed from (pest spans are relative to it).
pub fn statements(
    text: &str,
) -> (
    Vec<(pest::iterators::Pair<'_, Rule>, usize)>,
    Vec<Diagnostic>,
) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let mut offset = skip_trivia(text, 0);
    while offset < text.len() {
        let rest = &text[offset..];
        match StargateParser::parse(Rule::statement, rest) {
            Ok(mut pairs) => {
                let Some(pair) = pairs.next() else { break };
                let end = offset + pair.as_span().end();
                out.push((pair, offset));
                offset = skip_trivia(text, end.max(offset + 1));
            }
            Err(err) => {
                let mut first = offset + error_position(&err);
                // A line that starts with a statement keyword inside the failed
                // statement most likely starts the next one: the broken
                // statement ended before it. Report the error there.
                let cut = statement_line_within(text, offset, first);
                let (positives, detail) = match cut {
                    Some(cut) => {
                        let head = &text[offset..cut];
                        match StargateParser::parse(Rule::statement, head) {
                            Err(e) => {
                                first = cut;
                                (positives_of(&e), detailed_attempt(head))
                            }
                            Ok(_) => (positives_of(&err), detailed_attempt(rest)),
                        }
                    }
                    None => (positives_of(&err), detailed_attempt(rest)),
                };
                let diag = syntax_error(text, offset, first, &positives, detail);
                let pos = diag.span.start;
                diags.push(diag);
                if diags.len() >= MAX_SYNTAX_ERRORS {
                    break;
                }
                offset = skip_trivia(
                    text,
                    cut.unwrap_or_else(|| next_statement(text, pos, offset)),
                );
            }
        }
    }
    (out, diags)
}

fn error_position(err: &pest::error::Error<Rule>) -> usize {
    match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((p, _)) => p,
    }
}

fn positives_of(err: &pest::error::Error<Rule>) -> Vec<Rule> {
    match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    }
}

/// The first word of a line after the statement's first line, up to `pos`,
/// that starts a statement.
fn statement_line_within(text: &str, stmt: usize, pos: usize) -> Option<usize> {
    let mut line_start = line_end(text, stmt);
    while line_start < pos.min(text.len()) {
        line_start += 1;
        let line = &text[line_start..line_end(text, line_start)];
        let trimmed = line.trim_start();
        let first_word = line_start + (line.len() - trimmed.len());
        if first_word > pos {
            return None;
        }
        let word: String = trimmed
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if TOP_LEVEL.contains(&word.as_str()) {
            return Some(first_word);
        }
        line_start = line_end(text, line_start);
    }
    None
}

/// Skips whitespace, comments and `;` from `i`.
fn skip_trivia(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\r' | b'\n' | b';' => i += 1,
            b'#' => i = line_end(text, i),
            b'/' if b.get(i + 1) == Some(&b'/') => i = line_end(text, i),
            _ => break,
        }
    }
    i
}

fn line_end(text: &str, i: usize) -> usize {
    text[i..].find('\n').map_or(text.len(), |n| i + n)
}

/// Where to resume after a syntax error at `pos` in the statement that
/// starts at `stmt`: the next line whose first word starts a statement, or
/// the error's own line when the error is at that line's first word (a
/// statement cut short by the next one).
fn next_statement(text: &str, pos: usize, stmt: usize) -> usize {
    let pos = pos.min(text.len());
    let own_line = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let mut line_start = own_line;
    loop {
        let line = &text[line_start..line_end(text, line_start)];
        let trimmed = line.trim_start();
        let first_word = line_start + (line.len() - trimmed.len());
        let word: String = trimmed
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        let usable = if line_start == own_line {
            first_word >= pos && first_word > stmt
        } else {
            true
        };
        if usable && TOP_LEVEL.contains(&word.as_str()) {
            return first_word;
        }
        let next = line_end(text, line_start);
        if next >= text.len() {
            return text.len();
        }
        line_start = next + 1;
    }
}

/// What pest knows with error detail on: the furthest position reached and
/// the literal tokens it would have accepted there. Detail slows every
/// parse, so it is switched on only to parse the failing statement again.
struct Attempt {
    /// Relative to the statement's text.
    position: usize,
    tokens: Vec<String>,
}

/// pest's error detail is one switch for the whole process: two threads
/// explaining errors at once (the editor server, parallel tests) would turn
/// it off under each other and report different expectations.
static DETAIL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn detailed_attempt(rest: &str) -> Option<Attempt> {
    let guard = DETAIL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    pest::set_error_detail(true);
    let result = StargateParser::parse(Rule::statement, rest);
    pest::set_error_detail(false);
    drop(guard);
    let attempts = result.err()?.parse_attempts()?;
    // Comment markers and identifier characters are expected almost
    // everywhere and help nobody.
    const NOISE: [&str; 5] = ["#", "//", "-", "_", ";"];
    let mut tokens: Vec<String> = attempts
        .expected_tokens()
        .into_iter()
        .map(|t| t.to_string())
        .filter(|t| !t.is_empty() && !t.contains("..") && !NOISE.contains(&t.as_str()))
        .filter(|t| {
            t.chars().all(|c| c.is_ascii_punctuation())
                || crate::syntax::KEYWORDS.contains(&t.as_str())
                || crate::syntax::CONTEXTUAL_KEYWORDS.contains(&t.as_str())
        })
        .map(|t| format!("`{t}`"))
        .collect();
    tokens.sort();
    tokens.dedup();
    Some(Attempt {
        position: attempts.max_position,
        tokens,
    })
}

/// The statement kind a syntax error happened in, from its first word.
fn statement_help(text: &str, stmt: usize) -> &'static str {
    let word: String = text[stmt..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    match word.as_str() {
        "zone" | "service" | "proxy" => "a node body holds `addresses ADDRS`, `knows S`, `member G`, `reachable from ADDRS`, `listen PORTS [tls] [from ADDRS]`, `egress to ADDRS [ports PORTS]` and `on PORTS { RULES }` lines; rules are `deny [STATUS] when|unless COND` and `forward [when COND] to NODE:PORT [tls] [set header H = V] [remove header H]`",
        "assert" => "an assertion is `assert NAME: PROPERTY`, e.g. `assert x: no path internet -> app where path in /admin/*`",
        "let" => "a named address set is `let NAME = ADDRS`, e.g. `let vpc = 10.20.0.0/16`",
        "secret" => "a secret is `secret NAME [\"external-id\"]`",
        "group" => "a group is `group NAME [\"external-id\"]`; nodes join it with `member NAME`",
        "policy" => "the policy statement is `policy NAME`",
        "opaque" => "an opaque check is defined by `opaque NAME = COND`, e.g. `opaque cf_code = path in /admin/* and header X-Admin absent`",
        "include" => "an include is `include \"FILE.sg\"`, a path relative to the including file",
        "acl" => "an ACL is `acl NAME covers ADDRS { ENTRY ... }`, each entry `inbound N allow|deny PORTS from ADDRS` or `outbound N allow|deny PORTS to ADDRS`",
        _ => "a statement starts with `policy`, `let`, `secret`, `group`, `include`, `zone`, `service`, `proxy`, `assert` or `acl`",
    }
}

/// Whether `pos` is where the property of `assert NAME:` should start.
fn at_property(text: &str, stmt: usize, pos: usize) -> bool {
    let Some(head) = text.get(stmt..pos) else {
        return false;
    };
    let mut parts = head.trim_end().splitn(2, char::is_whitespace);
    parts.next() == Some("assert")
        && parts.next().is_some_and(|rest| {
            rest.trim().ends_with(':')
                && !rest
                    .trim()
                    .trim_end_matches(':')
                    .trim()
                    .contains(char::is_whitespace)
        })
}

fn syntax_error(
    text: &str,
    stmt: usize,
    first: usize,
    positives: &[Rule],
    detail: Option<Attempt>,
) -> Diagnostic {
    let mut expected: Vec<String> = positives
        .iter()
        .filter_map(|r| describe(*r))
        .map(str::to_string)
        .collect();
    let mut pos = first;
    if let Some(d) = detail {
        let further = stmt + d.position;
        // Lookaheads (a keyword is not followed by a name character) also
        // push the furthest position; only trust it with a real token to offer.
        if further > pos && !d.tokens.is_empty() {
            // Pest's own position trails behind when what is missing is
            // punctuation (not a rule); the detailed attempt knows better.
            pos = further;
            expected.clear();
        }
        expected.extend(d.tokens);
    }
    expected.sort();
    expected.dedup();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let found = found_token(text, pos);
    let span = Span::new(pos, pos + found.as_ref().map_or(0, |f| f.len()));
    let found_text = match &found {
        Some(tok) => format!("`{tok}`"),
        None => "end of file".to_string(),
    };
    if at_property(text, stmt, pos) {
        return Diagnostic::error(
            "stargate::parse::unknown_property",
            format!("unknown property, found {found_text}"),
            span,
        )
        .label("expected a property here")
        .help("a property is `no path A -> B`, `no connection A -> B`, `path A -> B`, or `every path A -> B` followed by `requires COND`, `via NODE` or `encrypted`");
    }
    let keyword_as_name =
        found.as_deref().is_some_and(is_keyword) && positives.contains(&Rule::ident);
    let message = if expected.is_empty() {
        format!("unexpected {found_text}")
    } else {
        format!("expected {}, found {found_text}", join_or(&expected))
    };
    let help = match found.as_deref() {
        Some(word) if keyword_as_name => {
            format!("`{word}` is a reserved keyword and cannot be used as a name; rename it, e.g. `{word}_`")
        }
        _ => statement_help(text, stmt).to_string(),
    };
    Diagnostic::error("stargate::parse::syntax", message, span)
        .label(if found.is_some() {
            "unexpected token"
        } else {
            "unexpected end of file"
        })
        .help(help)
}

fn found_token(text: &str, pos: usize) -> Option<String> {
    let rest = text.get(pos..)?;
    let mut chars = rest.chars();
    let first = chars.next()?;
    if first.is_ascii_alphanumeric() || first == '_' {
        let tok: String = rest
            .chars()
            .take_while(|c| {
                c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == '.' || *c == '/'
            })
            .take(40)
            .collect();
        Some(tok)
    } else {
        Some(first.to_string())
    }
}

fn is_keyword(word: &str) -> bool {
    crate::syntax::is_keyword(word)
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// What a rule is called in "expected ..." messages; `None` hides it.
fn describe(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        ident | node_target => "a name",
        header_name => "a header name",
        method | method_set | method_list => "an HTTP method",
        number | status | acl_number => "a number",
        acl_action => "`allow` or `deny`",
        acl_entry | acl_inbound | acl_outbound => "an ACL entry",
        string | str_inner => "a string",
        cidr | ipv6 | addrs | addr_term | addr_list => "an address set",
        port_range | ports | port_list => "a port",
        glob | glob_set => "a path glob such as `/api/*`",
        value => "a secret or a string",
        cond | and_cond | not_cond | atom_cond | paren_cond => "a condition",
        target | port_target | node_port_target => "a target",
        EOI => "end of file",
        statement | policy_stmt | let_stmt | secret_stmt | node_stmt | assert_stmt | acl_stmt => {
            "a statement"
        }
        k_policy => "`policy`",
        k_let => "`let`",
        k_secret => "`secret`",
        k_zone => "`zone`",
        k_service => "`service`",
        k_proxy => "`proxy`",
        k_assert => "`assert`",
        k_addresses => "`addresses`",
        k_knows => "`knows`",
        k_listen => "`listen`",
        k_egress => "`egress`",
        k_on => "`on`",
        k_to => "`to`",
        k_ports => "`ports`",
        k_from => "`from`",
        k_tls => "`tls`",
        k_deny => "`deny`",
        k_when => "`when`",
        k_unless => "`unless`",
        k_forward => "`forward`",
        k_set => "`set`",
        k_remove => "`remove`",
        k_header => "`header`",
        k_path => "`path`",
        k_in => "`in`",
        k_not => "`not`",
        k_and => "`and`",
        k_or => "`or`",
        k_source => "`source`",
        k_port => "`port`",
        k_method => "`method`",
        k_opaque => "`opaque`",
        k_present => "`present`",
        k_absent => "`absent`",
        k_no => "`no`",
        k_connection => "`connection`",
        k_every => "`every`",
        k_requires => "`requires`",
        k_via => "`via`",
        k_encrypted => "`encrypted`",
        k_except => "`except`",
        k_any => "`any`",
        k_where => "`where`",
        k_acl => "`acl`",
        k_covers => "`covers`",
        k_inbound => "`inbound`",
        k_outbound => "`outbound`",
        k_allow => "`allow`",
        _ => return None,
    })
}
