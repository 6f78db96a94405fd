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

const TOP_LEVEL: [&str; 7] = ["policy", "let", "secret", "zone", "service", "proxy", "assert"];

/// Parses every statement it can; each `Ok` pair comes with the byte offset
/// of the text it was parsed from (pest spans are relative to it).
pub fn statements(text: &str) -> (Vec<(pest::iterators::Pair<'_, Rule>, usize)>, Vec<Diagnostic>) {
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
                let pos = offset
                    + match err.location {
                        InputLocation::Pos(p) => p,
                        InputLocation::Span((p, _)) => p,
                    };
                let punct = expected_punctuation(rest);
                diags.push(syntax_error(text, pos, &err.variant, &punct));
                if diags.len() >= MAX_SYNTAX_ERRORS {
                    break;
                }
                offset = skip_trivia(text, next_statement_line(text, pos));
            }
        }
    }
    (out, diags)
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

/// The start of the first line after `pos` whose first word begins a statement.
fn next_statement_line(text: &str, pos: usize) -> usize {
    let mut line_start = line_end(text, pos.min(text.len()));
    while line_start < text.len() {
        line_start += 1; // past '\n'
        let line = &text[line_start..line_end(text, line_start)];
        let trimmed = line.trim_start();
        let word: String = trimmed
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if TOP_LEVEL.contains(&word.as_str()) {
            return line_start + (line.len() - trimmed.len());
        }
        line_start = line_end(text, line_start);
    }
    text.len()
}

/// Literal punctuation (`{`, `->`, `:`) the parser would have accepted at the
/// error. Pest records it only with error detail on, which slows every parse,
/// so it is switched on just to parse the failing statement again.
fn expected_punctuation(rest: &str) -> Vec<String> {
    pest::set_error_detail(true);
    let result = StargateParser::parse(Rule::statement, rest);
    pest::set_error_detail(false);
    let Err(err) = result else { return Vec::new() };
    let Some(attempts) = err.parse_attempts() else { return Vec::new() };
    let mut out: Vec<String> = attempts
        .expected_tokens()
        .into_iter()
        .map(|t| t.to_string())
        .filter(|t| !t.is_empty() && !t.contains("..") && t.chars().all(|c| c.is_ascii_punctuation()))
        .map(|t| format!("`{t}`"))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn syntax_error(text: &str, pos: usize, variant: &ErrorVariant<Rule>, punct: &[String]) -> Diagnostic {
    let found = found_token(text, pos);
    let span = Span::new(pos, pos + found.as_ref().map_or(0, |f| f.len()));
    let found_text = match &found {
        Some(tok) => format!("`{tok}`"),
        None => "end of file".to_string(),
    };
    let positives: Vec<Rule> = match variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let mut expected: Vec<&str> = positives.iter().filter_map(|r| describe(*r)).collect();
    expected.extend(punct.iter().map(String::as_str));
    expected.sort_unstable();
    expected.dedup();
    let expected_text = join_or(&expected);

    if positives.contains(&Rule::k_every) {
        return Diagnostic::error(
            "stargate::parse::unknown_property",
            format!("unknown property, found {found_text}"),
            span,
        )
        .label("expected a property here")
        .help("a property is `no path A -> B`, `no connection A -> B`, `path A -> B`, or `every path A -> B` followed by `requires COND`, `via NODE` or `encrypted`");
    }
    let keyword_as_name = found.as_deref().is_some_and(is_keyword) && positives.contains(&Rule::ident);
    let mut diag = Diagnostic::error(
        "stargate::parse::syntax",
        if expected.is_empty() {
            format!("unexpected {found_text}")
        } else {
            format!("expected {expected_text}, found {found_text}")
        },
        span,
    )
    .label(if found.is_some() { "unexpected token" } else { "unexpected end of file" });
    diag.help = Some(if keyword_as_name {
        format!(
            "`{}` is a reserved keyword and cannot be used as a name; rename it, e.g. `{}_`",
            found.as_deref().unwrap_or_default(),
            found.as_deref().unwrap_or_default()
        )
    } else if positives.contains(&Rule::k_policy) {
        "a statement starts with `policy`, `let`, `secret`, `zone`, `service`, `proxy` or `assert`".into()
    } else if positives.contains(&Rule::k_addresses) {
        "a node body holds `addresses`, `knows`, `listen`, `egress` and `on` lines".into()
    } else if positives.contains(&Rule::k_deny) {
        "an `on` block holds `deny ... when|unless COND` and `forward [when COND] to NODE:PORT` rules".into()
    } else if positives.contains(&Rule::k_header) {
        "a condition is `header H == V`, `header H present`, `path in GLOB`, `source in ADDRS`, `port in PORTS`, `method in [..]`, `opaque NAME`, or `not`/`and`/`or` of those".into()
    } else {
        "see docs/language.md for the syntax".into()
    });
    diag
}

fn found_token(text: &str, pos: usize) -> Option<String> {
    let rest = text.get(pos..)?;
    let mut chars = rest.chars();
    let first = chars.next()?;
    if first.is_ascii_alphanumeric() || first == '_' {
        let tok: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == '.' || *c == '/')
            .take(40)
            .collect();
        Some(tok)
    } else {
        Some(first.to_string())
    }
}

fn is_keyword(word: &str) -> bool {
    crate::syntax::KEYWORDS.contains(&word)
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
        number | status => "a number",
        string | str_inner => "a string",
        cidr | ipv6 | addrs | addr_term | addr_list => "an address set",
        port_range | ports | port_list => "a port",
        glob | glob_set => "a path glob such as `/api/*`",
        value => "a secret or a string",
        cond | and_cond | not_cond | atom_cond | paren_cond => "a condition",
        target | port_target | node_port_target => "a target",
        EOI => "end of file",
        statement | policy_stmt | let_stmt | secret_stmt | node_stmt | assert_stmt => "a statement",
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
        _ => return None,
    })
}
