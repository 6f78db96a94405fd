//! Semantic tokens (`textDocument/semanticTokens/full`), so that every LSP
//! editor colours `.sg` files: keywords, node kinds, names by what they
//! denote (nodes by their kind, lets, secrets, assertions, opaque checks,
//! the policy), header names, methods, CIDRs, ports, path globs, strings,
//! operators and comments.
//!
//! A small lexer walks the text (so files with syntax errors are coloured
//! too, up to and past the error); each identifier is looked up in the
//! document's [`NameIndex`], which knows what it denotes. Only standard
//! token types are used, so themes colour them without configuration;
//! modifiers tell finer kinds apart (`zone`, `secret`, `address`, ...).

use lsp_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens,
    SemanticTokensFullOptions, SemanticTokensLegend, SemanticTokensOptions,
    SemanticTokensServerCapabilities,
};

use super::document::Document;
use super::index::{DeclKind, NameIndex, Namespace};
use crate::model::NodeKind;
use crate::span::LineIndex;

/// Whether a word is a keyword of `grammar/stargate.pest` (its `k_*`
/// rules): a reserved word, or one that is a keyword only in its place.
fn is_keyword(word: &str) -> bool {
    crate::syntax::KEYWORDS.contains(&word) || crate::syntax::CONTEXTUAL_KEYWORDS.contains(&word)
}

/// Token types, in legend order.
const TYPES: [SemanticTokenType; 15] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::TYPE,
    SemanticTokenType::CLASS,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::EVENT,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::REGEXP,
    SemanticTokenType::COMMENT,
    SemanticTokenType::OPERATOR,
    SemanticTokenType::ENUM,
];

/// Modifiers, in legend order (bit `i` is modifier `i`).
const MODIFIERS: [&str; 8] = [
    "declaration",
    "readonly",
    "zone",
    "service",
    "proxy",
    "secret",
    "address",
    "port",
];

const KEYWORD: u32 = 0;
const TYPE: u32 = 1;
const CLASS: u32 = 2;
const VARIABLE: u32 = 3;
const FUNCTION: u32 = 4;
const NAMESPACE: u32 = 5;
const PROPERTY: u32 = 6;
const EVENT: u32 = 7;
const ENUM_MEMBER: u32 = 8;
const STRING: u32 = 9;
const NUMBER: u32 = 10;
const REGEXP: u32 = 11;
const COMMENT: u32 = 12;
const OPERATOR: u32 = 13;
/// Groups: named sets of nodes.
const ENUM: u32 = 14;

const DECLARATION: u32 = 1 << 0;
const READONLY: u32 = 1 << 1;
const ZONE: u32 = 1 << 2;
const SERVICE: u32 = 1 << 3;
const PROXY: u32 = 1 << 4;
const SECRET: u32 = 1 << 5;
const ADDRESS: u32 = 1 << 6;
const PORT: u32 = 1 << 7;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

pub fn capability() -> SemanticTokensServerCapabilities {
    SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
        legend: legend(),
        full: Some(SemanticTokensFullOptions::Bool(true)),
        range: None,
        ..SemanticTokensOptions::default()
    })
}

/// One token: byte range, type index, modifier bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: u32,
    pub modifiers: u32,
}

/// The tokens of a document, encoded as the protocol wants them (relative
/// positions, UTF-16 columns).
pub fn full(doc: &Document) -> SemanticTokens {
    let tokens = tokens(&doc.text, &doc.index);
    SemanticTokens {
        result_id: None,
        data: encode(&doc.text, &doc.source.index, &tokens),
    }
}

fn encode(text: &str, index: &LineIndex, tokens: &[Token]) -> Vec<SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut last_line, mut last_col) = (0usize, 0usize);
    for t in tokens {
        let (line, col) = index.position_utf16(text, t.start);
        let length = text
            .get(t.start..t.end)
            .map_or(0, |s| s.encode_utf16().count());
        let delta_line = line - last_line;
        let delta_start = if delta_line == 0 { col - last_col } else { col };
        out.push(SemanticToken {
            delta_line: delta_line as u32,
            delta_start: delta_start as u32,
            length: length as u32,
            token_type: t.kind,
            token_modifiers_bitset: t.modifiers,
        });
        (last_line, last_col) = (line, col);
    }
    out
}

fn is_word_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

/// Where the lexer is, as far as colouring needs: what the last words say
/// about the next one.
#[derive(Default)]
struct Context {
    after_header: bool,
    /// Inside a `method [not] in ...` list.
    methods: bool,
    after_deny: bool,
}

/// Every token of `text`, in order. Identifiers take their kind from
/// `names`; unknown words that are not keywords are plain variables.
pub fn tokens(text: &str, names: &NameIndex) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut ctx = Context::default();
    let mut i = 0;
    let push = |out: &mut Vec<Token>, start: usize, end: usize, kind: u32, modifiers: u32| {
        out.push(Token {
            start,
            end,
            kind,
            modifiers,
        });
    };
    while let Some(&c) = b.get(i) {
        let start = i;
        if c == b'#' || (c == b'/' && b.get(i + 1) == Some(&b'/')) {
            while b.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                i += 1;
            }
            push(&mut out, start, i, COMMENT, 0);
        } else if c == b'"' {
            i += 1;
            while let Some(&c) = b.get(i) {
                if c == b'\n' || c == b'\r' {
                    break;
                }
                i += 1;
                if c == b'\\' {
                    i += 1;
                } else if c == b'"' {
                    break;
                }
            }
            i = i.min(b.len());
            push(&mut out, start, i, STRING, 0);
        } else if c == b'/' {
            i += 1;
            while b
                .get(i)
                .is_some_and(|&c| c.is_ascii_alphanumeric() || b"/-_.~%:@+*?".contains(&c))
            {
                i += 1;
            }
            push(&mut out, start, i, REGEXP, 0);
        } else if let Some(end) = ipv6_end(b, i) {
            i = end;
            push(&mut out, start, i, NUMBER, ADDRESS);
        } else if c.is_ascii_digit() {
            let mut dotted = false;
            while b.get(i).is_some_and(|&c| {
                c.is_ascii_alphanumeric() || c == b'.' || c == b'/' || c == b'-' || c == b':'
            }) {
                dotted |= b[i] == b'.' || b[i] == b':';
                // `a:8080` ends a name, not a number; `-` only inside a range.
                if b[i] == b'-' && b.get(i + 1) == Some(&b'>') {
                    break;
                }
                i += 1;
            }
            let modifiers = if dotted {
                ADDRESS
            } else if ctx.after_deny {
                0
            } else {
                PORT
            };
            push(&mut out, start, i, NUMBER, modifiers);
            ctx.after_deny = false;
        } else if is_word_start(c) {
            while b.get(i).is_some_and(|&c| {
                c.is_ascii_alphanumeric() || c == b'_' || (c == b'-' && b.get(i + 1) != Some(&b'>'))
            }) {
                i += 1;
            }
            let word = &text[start..i];
            let (kind, modifiers) = word_kind(word, start, names, &ctx);
            push(&mut out, start, i, kind, modifiers);
            ctx.after_deny = word == "deny";
            ctx.after_header = word == "header";
            if word == "method" {
                ctx.methods = true;
            } else if ctx.methods && !matches!(word, "not" | "in") && kind != ENUM_MEMBER {
                ctx.methods = false;
            }
        } else {
            let two = b.get(i..i + 2);
            let op = match two {
                Some(b"->") | Some(b"==") | Some(b"!=") => 2,
                _ if c == b'=' => 1,
                _ => 0,
            };
            if op > 0 {
                i += op;
                push(&mut out, start, i, OPERATOR, 0);
            } else {
                // `]` closes a method list; `[` and `,` keep it open.
                if c == b']' || c == b'{' || c == b'}' || c == b')' {
                    ctx.methods = false;
                }
                i += 1;
                // Skip a multi-byte character whole.
                while i < b.len() && !text.is_char_boundary(i) {
                    i += 1;
                }
            }
        }
    }
    out
}

/// The end of an IPv6 literal starting at `i` (hex digits, dots and at
/// least two colons, then an optional `/PREFIX`), if one starts there.
fn ipv6_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    let mut colons = 0;
    while let Some(&c) = b.get(j) {
        if c == b':' {
            colons += 1;
        } else if !(c.is_ascii_hexdigit() || c == b'.') {
            break;
        }
        j += 1;
    }
    if colons < 2 {
        return None;
    }
    if b.get(j) == Some(&b'/') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        j += 1;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
    }
    Some(j)
}

fn word_kind(word: &str, start: usize, names: &NameIndex, ctx: &Context) -> (u32, u32) {
    if ctx.after_header {
        return (PROPERTY, 0);
    }
    let occurrence = names.at(start).filter(|o| o.span.start == start);
    if let Some(o) = occurrence {
        let declared = if o.declares.is_some() { DECLARATION } else { 0 };
        return match o.namespace {
            Namespace::Policy => (NAMESPACE, declared),
            Namespace::Opaque => (EVENT, declared),
            Namespace::Names => match names.definitions(o).first().map(|d| d.kind) {
                Some(DeclKind::Node(k)) => (CLASS, declared | node_modifier(k)),
                Some(DeclKind::Let) => (VARIABLE, declared | READONLY),
                Some(DeclKind::Secret) => (VARIABLE, declared | READONLY | SECRET),
                Some(DeclKind::Group) => (ENUM, declared),
                Some(DeclKind::Acl) => (TYPE, declared),
                Some(DeclKind::Assert) => (FUNCTION, declared),
                Some(DeclKind::Policy | DeclKind::Opaque) | None => (VARIABLE, declared),
            },
        };
    }
    if matches!(word, "zone" | "service" | "proxy") {
        return (TYPE, 0);
    }
    if is_keyword(word) {
        return (KEYWORD, 0);
    }
    if ctx.methods {
        return (ENUM_MEMBER, 0);
    }
    (VARIABLE, 0)
}

fn node_modifier(k: NodeKind) -> u32 {
    match k {
        NodeKind::Zone => ZONE,
        NodeKind::Service => SERVICE,
        NodeKind::Proxy => PROXY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, u32, u32)> {
        let (ast, _) = crate::syntax::parse(text);
        let names = NameIndex::build(&ast);
        tokens(text, &names)
            .into_iter()
            .map(|t| (text[t.start..t.end].to_string(), t.kind, t.modifiers))
            .collect()
    }

    #[test]
    fn the_keyword_list_is_the_grammar_s() {
        let grammar = include_str!("../../grammar/stargate.pest");
        let mut from_grammar: Vec<&str> = grammar
            .lines()
            .filter_map(|l| l.strip_prefix("k_"))
            .filter_map(|l| l.split_once('"').and_then(|(_, r)| r.split('"').next()))
            .collect();
        from_grammar.sort_unstable();
        let mut ours: Vec<&str> = crate::syntax::KEYWORDS.to_vec();
        ours.extend(crate::syntax::CONTEXTUAL_KEYWORDS);
        ours.sort_unstable();
        assert_eq!(ours, from_grammar);
    }

    #[test]
    fn each_token_kind() {
        let text = "policy p # c\nlet office = [10.1.0.0/16]\nsecret key \"v/k\"\n\
            zone internet { addresses any except office }\n\
            proxy edge { addresses 10.9.0.0/24 listen 443 tls from internet\n\
              on 443 { deny 403 when opaque bot or method in [PUT, POST] or header X-K != key\n\
              forward when path in /a/* to edge:80 } }\n\
            assert a: no path internet -> edge\n";
        let k = kinds(text);
        let find = |w: &str| {
            k.iter()
                .find(|(t, _, _)| t == w)
                .map(|(_, kind, m)| (*kind, *m))
                .unwrap_or_else(|| panic!("no token `{w}` in {k:?}"))
        };
        assert_eq!(find("policy"), (KEYWORD, 0));
        assert_eq!(find("p"), (NAMESPACE, DECLARATION));
        assert_eq!(find("# c"), (COMMENT, 0));
        assert_eq!(find("office"), (VARIABLE, DECLARATION | READONLY));
        assert_eq!(find("10.1.0.0/16"), (NUMBER, ADDRESS));
        let v6 = kinds("zone a { addresses [fd00::/8, ::/0, 2001:db8::1] }");
        for lit in ["fd00::/8", "::/0", "2001:db8::1"] {
            assert!(
                v6.iter()
                    .any(|(w, k, m)| w == lit && *k == NUMBER && *m == ADDRESS),
                "{lit}: {v6:?}"
            );
        }
        assert_eq!(find("key"), (VARIABLE, DECLARATION | READONLY | SECRET));
        assert_eq!(find("\"v/k\""), (STRING, 0));
        assert_eq!(find("zone"), (TYPE, 0));
        assert_eq!(find("internet"), (CLASS, DECLARATION | ZONE));
        assert_eq!(find("edge"), (CLASS, DECLARATION | PROXY));
        assert_eq!(find("443"), (NUMBER, PORT));
        assert_eq!(find("403"), (NUMBER, 0));
        assert_eq!(find("bot"), (EVENT, 0));
        assert_eq!(find("PUT"), (ENUM_MEMBER, 0));
        assert_eq!(find("POST"), (ENUM_MEMBER, 0));
        assert_eq!(find("X-K"), (PROPERTY, 0));
        assert_eq!(find("!="), (OPERATOR, 0));
        assert_eq!(find("/a/*"), (REGEXP, 0));
        assert_eq!(find("80"), (NUMBER, PORT));
        assert_eq!(find("->"), (OPERATOR, 0));
        assert_eq!(find("a"), (FUNCTION, DECLARATION));
        // A use of a secret and of a node: no declaration bit.
        let uses: Vec<_> = k.iter().filter(|(t, _, _)| t == "key").collect();
        assert_eq!(
            uses.last().map(|u| (u.1, u.2)),
            Some((VARIABLE, READONLY | SECRET))
        );
        let uses: Vec<_> = k.iter().filter(|(t, _, _)| t == "edge").collect();
        assert_eq!(uses.last().map(|u| (u.1, u.2)), Some((CLASS, PROXY)));
    }

    #[test]
    fn broken_text_is_still_coloured_and_encoded() {
        let text = "zone z { addresses 10.0.0.0/8 listen \"unterminated\n# é comment\nassert";
        let k = kinds(text);
        assert!(k
            .iter()
            .any(|(t, kind, _)| t == "\"unterminated" && *kind == STRING));
        assert!(k
            .iter()
            .any(|(t, kind, _)| t == "# é comment" && *kind == COMMENT));
        let index = LineIndex::new(text);
        let (ast, _) = crate::syntax::parse(text);
        let tokens = tokens(text, &NameIndex::build(&ast));
        let data = encode(text, &index, &tokens);
        assert_eq!(data.len(), tokens.len());
        // The comment is 11 UTF-16 units (é is one), on the third line.
        let comment = data.iter().find(|t| t.token_type == COMMENT);
        assert_eq!(
            comment.map(|t| (t.delta_line, t.delta_start, t.length)),
            Some((1, 0, 11))
        );
    }
}
