//! A hand-written parser for well-formed policies: the same language as the
//! pest grammar (`grammar/stargate.pest`, which stays the definition), the
//! same AST with the same spans, about ten times faster (docs/performance.md).
//!
//! It answers only for files with nothing to report: at the first thing it
//! does not expect (a syntax error, a literal the lowering would reject, a
//! reserved word used as a name, an IPv6 literal) it gives up and returns
//! `None`, and the caller parses the file again with pest, which finds and
//! explains every problem. Giving up is always safe; answering differently
//! from pest is a bug, which `tests/parser_agreement.rs` looks for.
//!
//! Each function below is named after the grammar rule it stands for, and
//! follows that rule's alternatives in the grammar's order.

use super::ast::*;
use super::lower::{glob_parts, http_status, parse_cidr, port_parts, unescape};
use super::prescan::GLOB_CHAR;
use crate::span::Span;

/// The AST of `text`, or `None` when the text has anything to report.
///
/// This parser also stands in for the pre-scan (`prescan.rs`), whose
/// problems it gives up on: a NUL byte anywhere (also in a comment or a
/// string), a string left open, brackets nested more than `MAX_NESTING` deep.
pub(super) fn parse(text: &str) -> Option<File> {
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        pos: 0,
        depth: 0,
        chain: 0,
        word_at: (usize::MAX, 0),
        nul_in_comment: false,
    };
    let mut statements = Vec::new();
    loop {
        p.trivia_and_semicolons();
        if p.pos >= p.b.len() {
            return (!p.nul_in_comment).then_some(File { statements });
        }
        statements.push(p.statement()?);
    }
}

struct Parser<'t> {
    text: &'t str,
    b: &'t [u8],
    pos: usize,
    depth: usize,
    /// `not`s and `except`s around the current point, as the lowering
    /// counts them: past `MAX_CHAIN` this parser gives up and the grammar
    /// reports it.
    chain: usize,
    /// The last word found by `word_end`: its start and end. Keywords are
    /// often tried one after another at the same place.
    word_at: (usize, usize),
    nul_in_comment: bool,
}

/// Letters, digits, `_` and `-`: what may follow a word's first letter.
const IDENT_CHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        c += 1;
    }
    t
};

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

impl<'t> Parser<'t> {
    // ----- tokens -----

    /// Skips white space and comments (the grammar's implicit trivia).
    fn trivia(&mut self) {
        while let Some(&c) = self.b.get(self.pos) {
            match c {
                b' ' | b'\t' | b'\r' | b'\n' => self.pos += 1,
                b'#' => self.skip_comment(),
                b'/' if self.b.get(self.pos + 1) == Some(&b'/') => self.skip_comment(),
                _ => return,
            }
        }
    }

    /// Between statements `;` is trivia too.
    fn trivia_and_semicolons(&mut self) {
        loop {
            self.trivia();
            if self.b.get(self.pos) != Some(&b';') {
                return;
            }
            self.pos += 1;
        }
    }

    fn skip_comment(&mut self) {
        self.pos = match self.b[self.pos..]
            .iter()
            .position(|&c| c == b'\n' || c == 0)
        {
            Some(n) if self.b[self.pos + n] == 0 => {
                self.nul_in_comment = true;
                self.b.len()
            }
            Some(n) => self.pos + n,
            None => self.b.len(),
        };
    }

    /// The next byte after trivia, without taking it.
    fn peek(&mut self) -> Option<u8> {
        self.trivia();
        self.b.get(self.pos).copied()
    }

    /// Takes the punctuation `c`.
    fn punct(&mut self, c: u8) -> Option<Span> {
        (self.peek()? == c).then(|| {
            self.pos += 1;
            Span::new(self.pos - 1, self.pos)
        })
    }

    /// Takes `c` if it comes next.
    fn eat(&mut self, c: u8) -> bool {
        self.punct(c).is_some()
    }

    /// The extent of the word (`ident`, `header_name`, `method` or a keyword)
    /// starting after trivia, without taking it: a letter or `_`, then
    /// letters, digits, `_` and `-` (but not the `-` of `->`).
    fn word_end(&mut self) -> Option<usize> {
        if !is_ident_start(self.peek()?) {
            return None;
        }
        if self.word_at.0 == self.pos {
            return Some(self.word_at.1);
        }
        let mut i = self.pos + 1;
        while let Some(&c) = self.b.get(i) {
            if !IDENT_CHAR[usize::from(c)] || (c == b'-' && self.b.get(i + 1) == Some(&b'>')) {
                break;
            }
            i += 1;
        }
        self.word_at = (self.pos, i);
        Some(i)
    }

    /// Takes the next word, whatever it is.
    fn word(&mut self) -> Option<(&'t str, Span)> {
        let end = self.word_end()?;
        let start = self.pos;
        self.pos = end;
        Some((&self.text[start..end], Span::new(start, end)))
    }

    /// Whether the keyword `kw` comes next (a keyword is a whole word).
    fn at(&mut self, kw: &str) -> bool {
        match self.word_end() {
            Some(end) => &self.text[self.pos..end] == kw,
            None => false,
        }
    }

    /// Takes the keyword `kw`.
    fn keyword(&mut self, kw: &str) -> Option<Span> {
        let end = self.word_end()?;
        if &self.text[self.pos..end] != kw {
            return None;
        }
        let start = self.pos;
        self.pos = end;
        Some(Span::new(start, end))
    }

    /// Takes `kw` if it comes next.
    fn eat_keyword(&mut self, kw: &str) -> bool {
        self.keyword(kw).is_some()
    }

    /// A name: a word that is not a reserved keyword.
    fn ident(&mut self) -> Option<Ident> {
        let (name, span) = self.word()?;
        if super::is_keyword(name) {
            return None;
        }
        Some(Ident {
            name: name.to_string(),
            span,
        })
    }

    /// The run of bytes from `self.pos` matching `pred`, taken.
    fn run(&mut self, pred: impl Fn(u8) -> bool) -> usize {
        let start = self.pos;
        while self.b.get(self.pos).is_some_and(|&c| pred(c)) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `DIGITS` then `-DIGITS` if a digit follows the `-`, then `/ALNUM+` if
    /// an alphanumeric follows the `/`: the `port_range` token.
    fn port_token(&mut self) -> Option<(&'t str, Span)> {
        if !self.peek()?.is_ascii_digit() {
            return None;
        }
        let start = self.pos;
        self.run(|c| c.is_ascii_digit());
        if self.b.get(self.pos) == Some(&b'-')
            && self.b.get(self.pos + 1).is_some_and(u8::is_ascii_digit)
        {
            self.pos += 1;
            self.run(|c| c.is_ascii_digit());
        }
        if self.b.get(self.pos) == Some(&b'/')
            && self
                .b
                .get(self.pos + 1)
                .is_some_and(u8::is_ascii_alphanumeric)
        {
            self.pos += 1;
            self.run(|c| c.is_ascii_alphanumeric());
        }
        Some((&self.text[start..self.pos], Span::new(start, self.pos)))
    }

    // ----- literals -----

    /// `string`: the value and the span with its quotes.
    fn string(&mut self) -> Option<StrLit> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.pos;
        let mut i = start + 1;
        loop {
            match *self.b.get(i)? {
                b'"' => break,
                b'\n' | b'\r' | 0 => return None,
                b'\\' => {
                    if matches!(self.b.get(i + 1)?, b'\n' | b'\r' | 0) {
                        return None;
                    }
                    // Any character may be escaped (the lowering rejects all
                    // but `"` and `\`); skip the whole of a multibyte one.
                    i += 1 + self.text[i + 1..].chars().next()?.len_utf8();
                }
                _ => i += 1,
            }
        }
        let mut ok = true;
        let value = unescape(&self.text[start + 1..i], |_, _, _| ok = false);
        self.pos = i + 1;
        ok.then(|| StrLit {
            value,
            span: Span::new(start, self.pos),
        })
    }

    fn value(&mut self) -> Option<Value> {
        if self.peek()? == b'"' {
            Some(Value::Str(self.string()?))
        } else {
            Some(Value::Name(self.ident()?))
        }
    }

    fn port_range(&mut self) -> Option<PortRange> {
        let (text, span) = self.port_token()?;
        let (lo, hi, protocol) = port_parts(text).ok()?;
        Some(PortRange {
            lo,
            hi,
            protocol,
            span,
        })
    }

    /// `ports`: `any`, `[PORT, ...]` or one port.
    fn ports(&mut self) -> Option<PortsExpr> {
        if let Some(span) = self.keyword("any") {
            return Some(PortsExpr::Any(span));
        }
        if let Some(open) = self.punct(b'[') {
            let (ranges, span) = self.list(open, true, Self::port_range)?;
            return Some(PortsExpr::List(ranges, span));
        }
        let range = self.port_range()?;
        Some(PortsExpr::List(vec![range], range.span))
    }

    /// Up to four hex digits from `at`: how many.
    fn hex_run(&self, at: usize) -> usize {
        self.b
            .get(at..)
            .unwrap_or_default()
            .iter()
            .take(4)
            .take_while(|c| c.is_ascii_hexdigit())
            .count()
    }

    /// The grammar's `ipv6` token, `HEX{0,4} : (HEX{0,4} :)+ (HEX | .)*
    /// (/ DIGITS)?`, read as the grammar reads it, then validated.
    fn ipv6(&mut self) -> Option<AddrExpr> {
        let start = self.pos;
        let mut at = start + self.hex_run(start) + 1;
        let mut groups = 0;
        while self.b.get(at + self.hex_run(at)) == Some(&b':') {
            at += self.hex_run(at) + 1;
            groups += 1;
        }
        if groups == 0 {
            return None;
        }
        self.pos = at;
        self.run(|c| c.is_ascii_hexdigit() || c == b'.');
        self.prefix_and_cidr(start)
    }

    /// An optional `/DIGITS`, then the CIDR that started at `start`, validated.
    fn prefix_and_cidr(&mut self, start: usize) -> Option<AddrExpr> {
        if self.b.get(self.pos) == Some(&b'/')
            && self.b.get(self.pos + 1).is_some_and(u8::is_ascii_digit)
        {
            self.pos += 1;
            self.run(|c| c.is_ascii_digit());
        }
        let span = Span::new(start, self.pos);
        let cidr = parse_cidr(&self.text[start..self.pos]).ok()?;
        Some(AddrExpr::Cidr(cidr, span))
    }

    /// `addrs`: terms joined by `except`, grouped to the left.
    fn addrs(&mut self) -> Option<AddrExpr> {
        let outer = self.chain;
        let mut expr = self.addr_term()?;
        while self.eat_keyword("except") {
            self.chain += 1;
            if self.chain > super::MAX_CHAIN {
                return None;
            }
            let rhs = self.addr_term()?;
            let span = expr.span().to(rhs.span());
            expr = AddrExpr::Except(Box::new(expr), Box::new(rhs), span);
        }
        self.chain = outer;
        Some(expr)
    }

    fn addr_term(&mut self) -> Option<AddrExpr> {
        let c = self.peek()?;
        // The grammar tries IPv6 before CIDRs and names: up to four hex
        // digits then `:` starts one.
        if self.b.get(self.pos + self.hex_run(self.pos)) == Some(&b':') {
            return self.ipv6();
        }
        if c == b'[' {
            let open = self.punct(b'[')?;
            let (items, span) = self.list(open, true, Self::addrs)?;
            return Some(AddrExpr::List(items, span));
        }
        if c.is_ascii_digit() {
            // `cidr`: DIGITS (. DIGITS)+ (/ DIGITS)?
            let start = self.pos;
            self.run(|c| c.is_ascii_digit());
            let mut dots = 0;
            while self.b.get(self.pos) == Some(&b'.')
                && self.b.get(self.pos + 1).is_some_and(u8::is_ascii_digit)
            {
                self.pos += 1;
                self.run(|c| c.is_ascii_digit());
                dots += 1;
            }
            if dots == 0 {
                return None;
            }
            return self.prefix_and_cidr(start);
        }
        if let Some(span) = self.keyword("any") {
            return Some(AddrExpr::Any(span));
        }
        Some(AddrExpr::Name(self.ident()?))
    }

    /// `host_pattern`: name characters and the wildcards `*` and `?`.
    fn host_pattern(&mut self) -> Option<StrLit> {
        self.peek()?;
        let start = self.pos;
        self.run(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'*' | b'?'));
        if self.pos == start {
            return None;
        }
        Some(StrLit {
            value: self.text[start..self.pos].to_string(),
            span: Span::new(start, self.pos),
        })
    }

    /// `glob`: `/` then path characters and the wildcards `*` and `?`.
    fn glob(&mut self) -> Option<Glob> {
        if self.peek()? != b'/' {
            return None;
        }
        let start = self.pos;
        self.pos += 1;
        self.run(|c| GLOB_CHAR[usize::from(c)]);
        let text = &self.text[start..self.pos];
        let (body, prefix) = glob_parts(text);
        Some(Glob {
            text: body.to_string(),
            prefix,
            span: Span::new(start, self.pos),
        })
    }

    /// `[ITEM, ...]` after its `[`: the items and the span from `[` to `]`.
    /// A trailing comma is allowed; `may_be_empty` allows `[]`.
    fn list<T>(
        &mut self,
        open: Span,
        may_be_empty: bool,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<(Vec<T>, Span)> {
        self.nested(|p| {
            let mut items = Vec::new();
            if !(may_be_empty && p.peek()? == b']') {
                items.push(item(p)?);
                while p.eat(b',') {
                    if p.peek()? == b']' {
                        break;
                    }
                    items.push(item(p)?);
                }
            }
            let close = p.punct(b']')?;
            Some((items, open.to(close)))
        })
    }

    /// One item or a non-empty list (`glob_set`, `method_set`), and the span
    /// of its text.
    fn one_or_list<T>(
        &mut self,
        item: impl FnMut(&mut Self) -> Option<T>,
        span_of: impl Fn(&T) -> Span,
    ) -> Option<(Vec<T>, Span)> {
        match self.punct(b'[') {
            Some(open) => self.list(open, false, item),
            None => {
                let mut item = item;
                let one = item(self)?;
                let span = span_of(&one);
                Some((vec![one], span))
            }
        }
    }

    /// `method`: upper-cased, as the lowering does.
    fn method(&mut self) -> Option<Ident> {
        let (name, span) = self.word()?;
        Some(Ident {
            name: name.to_ascii_uppercase(),
            span,
        })
    }

    fn header_name(&mut self) -> Option<HeaderName> {
        let (name, span) = self.word()?;
        Some(HeaderName {
            name: name.to_ascii_lowercase(),
            span,
        })
    }

    // ----- conditions -----

    /// Runs `f` one bracket deeper: every `(`, `[` and `{` counts, as in the
    /// pre-scan.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        if self.depth >= super::MAX_NESTING {
            return None;
        }
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }

    /// `cond`: `or` binds loosest. Each of these returns the condition and
    /// the span of its text, which is wider than the condition's own span
    /// when it ends in a parenthesis.
    fn cond(&mut self) -> Option<(Cond, Span)> {
        self.chain("or", Self::and_cond, Cond::Or)
    }

    fn and_cond(&mut self) -> Option<(Cond, Span)> {
        self.chain("and", Self::not_cond, Cond::And)
    }

    /// Operands joined by the keyword `op`; a single operand is not wrapped.
    fn chain(
        &mut self,
        op: &str,
        operand: fn(&mut Self) -> Option<(Cond, Span)>,
        wrap: fn(Vec<Cond>, Span) -> Cond,
    ) -> Option<(Cond, Span)> {
        let (first, text) = operand(self)?;
        if !self.at(op) {
            return Some((first, text));
        }
        let mut items = vec![first];
        let mut span = text;
        while self.eat_keyword(op) {
            let (c, text) = operand(self)?;
            items.push(c);
            span = span.to(text);
        }
        Some((wrap(items, span), span))
    }

    /// `not_cond`: every `not` wraps the atom with the span of the whole.
    fn not_cond(&mut self) -> Option<(Cond, Span)> {
        let mut nots = 0;
        let mut start = None;
        while let Some(span) = self.keyword("not") {
            start.get_or_insert(span);
            nots += 1;
        }
        if self.chain + nots > super::MAX_CHAIN {
            return None;
        }
        self.chain += nots;
        let atom = self.atom_cond();
        self.chain -= nots;
        let (mut c, text) = atom?;
        let span = start.map_or(text, |s| s.to(text));
        for _ in 0..nots {
            c = Cond::Not(Box::new(c), span);
        }
        Some((c, span))
    }

    /// `atom_cond`; a parenthesised condition is the condition inside.
    fn atom_cond(&mut self) -> Option<(Cond, Span)> {
        if self.peek()? == b'(' {
            return self.nested(|p| {
                let open = p.punct(b'(')?;
                let (c, _) = p.cond()?;
                let close = p.punct(b')')?;
                Some((c, open.to(close)))
            });
        }
        let (word, kw) = self.word()?;
        // `path`, `host`, `source`, `port` and `method` are `KW [not] in SET`.
        let negated = if matches!(word, "path" | "host" | "source" | "port" | "method") {
            let negated = self.eat_keyword("not");
            self.keyword("in")?;
            negated
        } else {
            false
        };
        let c = match word {
            "header" | "query" => {
                let header = self.header_name()?;
                let c = self.peek()?;
                let (test, end) = if c == b'=' || c == b'!' {
                    if self.b.get(self.pos + 1) != Some(&b'=') {
                        return None;
                    }
                    self.pos += 2;
                    let v = self.value()?;
                    let end = v.span();
                    (
                        if c == b'=' {
                            HeaderTest::Eq(v)
                        } else {
                            HeaderTest::Ne(v)
                        },
                        end,
                    )
                } else if self.keyword("matches").is_some() {
                    let (patterns, end) = self.one_or_list(Self::string, |s| s.span)?;
                    (HeaderTest::Matches(patterns), end)
                } else if let Some(s) = self.keyword("present") {
                    (HeaderTest::Present, s)
                } else {
                    (HeaderTest::Absent, self.keyword("absent")?)
                };
                let span = kw.to(end);
                if word == "query" {
                    Cond::Query {
                        key: header,
                        test,
                        span,
                    }
                } else {
                    Cond::Header { header, test, span }
                }
            }
            "host" => {
                let (patterns, end) = self.one_or_list(Self::host_pattern, |h| h.span)?;
                Cond::Host {
                    negated,
                    patterns,
                    span: kw.to(end),
                }
            }
            "path" => {
                let (globs, end) = self.one_or_list(Self::glob, |g| g.span)?;
                Cond::Path {
                    negated,
                    globs,
                    span: kw.to(end),
                }
            }
            "source" => {
                let addrs = self.addrs()?;
                let span = kw.to(addrs.span());
                Cond::Source {
                    negated,
                    addrs,
                    span,
                }
            }
            "port" => {
                let ports = self.ports()?;
                let span = kw.to(ports.span());
                Cond::Port {
                    negated,
                    ports,
                    span,
                }
            }
            "method" => {
                let (methods, end) = self.one_or_list(Self::method, |m| m.span)?;
                Cond::Method {
                    negated,
                    methods,
                    span: kw.to(end),
                }
            }
            "opaque" => {
                let id = self.ident()?;
                let span = kw.to(id.span);
                return Some((Cond::Opaque(id), span));
            }
            _ => return None,
        };
        let span = c.span();
        Some((c, span))
    }

    // ----- rules and node items -----

    fn rule_item(&mut self) -> Option<Rule> {
        let (word, kw) = self.word()?;
        match word {
            "deny" => {
                let status = match self.peek()? {
                    c if c.is_ascii_digit() => {
                        let start = self.pos;
                        self.run(|c| c.is_ascii_digit());
                        let span = Span::new(start, self.pos);
                        Some((http_status(&self.text[start..self.pos])?, span))
                    }
                    _ => None,
                };
                let when = if self.eat_keyword("when") {
                    true
                } else {
                    self.keyword("unless")?;
                    false
                };
                let (cond, text) = self.cond()?;
                let span = kw.to(text);
                Some(Rule::Deny {
                    status,
                    when,
                    cond,
                    span,
                })
            }
            "forward" => {
                let cond = if self.eat_keyword("when") {
                    Some(self.cond()?.0)
                } else {
                    None
                };
                self.keyword("to")?;
                let mut targets = Vec::new();
                loop {
                    let target = self.ident()?;
                    self.punct(b':')?;
                    let port = self.port_range()?;
                    if port.lo != port.hi {
                        return None;
                    }
                    targets.push((target, port));
                    if !self.eat(b',') {
                        break;
                    }
                }
                let mut end = targets[targets.len() - 1].1.span;
                let tls = match self.keyword("tls") {
                    Some(s) => {
                        end = s;
                        true
                    }
                    None => false,
                };
                let mut edits = Vec::new();
                loop {
                    if self.eat_keyword("set") {
                        self.keyword("header")?;
                        let h = self.header_name()?;
                        self.punct(b'=')?;
                        let v = self.value()?;
                        end = v.span();
                        edits.push(HeaderEdit::Set(h, v));
                    } else if self.eat_keyword("remove") {
                        self.keyword("header")?;
                        let h = self.header_name()?;
                        end = h.span;
                        edits.push(HeaderEdit::Remove(h));
                    } else {
                        break;
                    }
                }
                Some(Rule::Forward {
                    cond,
                    targets,
                    tls,
                    edits,
                    span: kw.to(end),
                })
            }
            _ => None,
        }
    }

    /// `{ ITEM ;* ... }`: the items and the span of the `}`.
    fn block<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<(Vec<T>, Span)> {
        self.punct(b'{')?;
        self.nested(|p| {
            let mut items = Vec::new();
            loop {
                if let Some(close) = p.punct(b'}') {
                    return Some((items, close));
                }
                items.push(item(p)?);
                while p.eat(b';') {}
            }
        })
    }

    fn node_item(&mut self) -> Option<NodeItem> {
        let (word, kw) = self.word()?;
        Some(match word {
            "addresses" => {
                let addrs = self.addrs()?;
                let span = kw.to(addrs.span());
                NodeItem::Addresses { addrs, span }
            }
            "reachable" => {
                self.keyword("from")?;
                let from = self.addrs()?;
                let span = kw.to(from.span());
                NodeItem::Reachable { from, span }
            }
            "knows" | "member" => {
                let mut names = vec![self.ident()?];
                while self.eat(b',') {
                    names.push(self.ident()?);
                }
                let span = kw.to(names[names.len() - 1].span);
                if word == "knows" {
                    NodeItem::Knows {
                        secrets: names,
                        span,
                    }
                } else {
                    NodeItem::Member {
                        groups: names,
                        span,
                    }
                }
            }
            "listen" => {
                let ports = self.ports()?;
                let mut span = kw.to(ports.span());
                let tls = match self.keyword("tls") {
                    Some(s) => {
                        span = span.to(s);
                        true
                    }
                    None => false,
                };
                let from = if self.eat_keyword("from") {
                    let a = self.addrs()?;
                    span = span.to(a.span());
                    Some(a)
                } else {
                    None
                };
                NodeItem::Listen {
                    ports,
                    tls,
                    from,
                    span,
                }
            }
            "egress" => {
                self.keyword("to")?;
                let to = self.addrs()?;
                let mut span = kw.to(to.span());
                let ports = if self.eat_keyword("ports") {
                    let p = self.ports()?;
                    span = span.to(p.span());
                    Some(p)
                } else {
                    None
                };
                NodeItem::Egress { to, ports, span }
            }
            "on" => {
                let ports = self.ports()?;
                let (rules, close) = self.block(Self::rule_item)?;
                NodeItem::On(OnBlock {
                    ports,
                    rules,
                    span: kw.to(close),
                })
            }
            _ => return None,
        })
    }

    // ----- properties and statements -----

    fn target(&mut self) -> Option<Target> {
        if let Some(kw) = self.keyword("port") {
            let ports = self.ports()?;
            let span = kw.to(ports.span());
            return Some(Target::Port(ports, span));
        }
        let node = self.ident()?;
        if self.eat(b':') {
            return Some(Target::NodePorts(node, self.ports()?));
        }
        Some(Target::Node(node))
    }

    /// `flow`: `FROM -> TARGET [where COND]`, and where it ends.
    fn flow(&mut self) -> Option<(Ident, Target, Option<Cond>, Span)> {
        let from = self.ident()?;
        self.punct(b'-')?;
        if self.b.get(self.pos) != Some(&b'>') {
            return None;
        }
        self.pos += 1;
        let to = self.target()?;
        let mut end = match &to {
            Target::Node(id) => id.span,
            Target::NodePorts(_, ports) => ports.span(),
            Target::Port(_, span) => *span,
        };
        let where_ = if self.eat_keyword("where") {
            let (c, text) = self.cond()?;
            end = text;
            Some(c)
        } else {
            None
        };
        Some((from, to, where_, end))
    }

    fn property(&mut self) -> Option<Property> {
        let (word, kw) = self.word()?;
        let kind = match word {
            "no" if self.eat_keyword("connection") => PropertyKind::NoConnection,
            "no" => {
                self.keyword("path")?;
                PropertyKind::NoPath
            }
            "path" => PropertyKind::Path,
            "every" => {
                self.keyword("path")?;
                PropertyKind::Encrypted
            }
            _ => return None,
        };
        let (from, to, where_, mut end) = self.flow()?;
        let (kind, tail) = if word == "every" {
            let (w, s) = self.word()?;
            end = s;
            match w {
                "requires" => {
                    let (c, text) = self.cond()?;
                    end = text;
                    (PropertyKind::Requires, PropertyTail::Requires(c))
                }
                "via" => {
                    let id = self.ident()?;
                    end = id.span;
                    (PropertyKind::Via, PropertyTail::Via(id))
                }
                "encrypted" => (PropertyKind::Encrypted, PropertyTail::Encrypted),
                _ => return None,
            }
        } else {
            (kind, PropertyTail::None)
        };
        Some(Property {
            kind,
            from,
            to,
            where_,
            tail,
            span: kw.to(end),
        })
    }

    fn statement(&mut self) -> Option<Statement> {
        let (word, kw) = self.word()?;
        Some(match word {
            "policy" => Statement::Policy(self.ident()?),
            "let" => {
                let name = self.ident()?;
                self.punct(b'=')?;
                let addrs = self.addrs()?;
                let span = kw.to(addrs.span());
                Statement::Let(LetDecl { name, addrs, span })
            }
            "secret" | "group" => {
                let name = self.ident()?;
                let external = if self.peek() == Some(b'"') {
                    Some(self.string()?)
                } else {
                    None
                };
                let span = kw.to(external.as_ref().map_or(name.span, |e| e.span));
                if word == "group" {
                    Statement::Group(GroupDecl {
                        name,
                        external,
                        span,
                    })
                } else {
                    Statement::Secret(SecretDecl {
                        name,
                        external,
                        span,
                    })
                }
            }
            "opaque" => {
                let name = self.ident()?;
                self.punct(b'=')?;
                let (cond, end) = self.cond()?;
                Statement::Opaque(OpaqueDecl {
                    name,
                    cond,
                    span: kw.to(end),
                })
            }
            "include" => {
                let path = self.string()?;
                let span = kw.to(path.span);
                Statement::Include(IncludeDecl { path, span })
            }
            "zone" | "service" | "proxy" => {
                let kind = match word {
                    "zone" => NodeKind::Zone,
                    "service" => NodeKind::Service,
                    _ => NodeKind::Proxy,
                };
                let name = self.ident()?;
                let (items, close) = self.block(Self::node_item)?;
                Statement::Node(NodeDecl {
                    kind,
                    kind_span: kw,
                    name,
                    items,
                    span: kw.to(close),
                })
            }
            "assert" => {
                let name = self.ident()?;
                self.punct(b':')?;
                let property = self.property()?;
                let span = kw.to(property.span);
                Statement::Assert(Box::new(AssertDecl {
                    name,
                    property,
                    span,
                }))
            }
            "acl" => {
                let name = self.ident()?;
                self.keyword("covers")?;
                let covers = self.addrs()?;
                let (entries, close) = self.block(Self::acl_entry)?;
                Statement::Acl(AclDecl {
                    name,
                    covers,
                    entries,
                    span: kw.to(close),
                })
            }
            _ => return None,
        })
    }

    /// `inbound N allow|deny PORTS from ADDRS` or `outbound N ... to ADDRS`.
    fn acl_entry(&mut self) -> Option<AclEntry> {
        let (word, kw) = self.word()?;
        let (direction, remote_kw) = match word {
            "inbound" => (AclDirection::Inbound, "from"),
            "outbound" => (AclDirection::Outbound, "to"),
            _ => return None,
        };
        if !self.peek()?.is_ascii_digit() {
            return None;
        }
        let start = self.pos;
        self.run(|c| c.is_ascii_digit());
        let number_span = Span::new(start, self.pos);
        let number = acl_number(&self.text[start..self.pos]);
        let (action, _) = self.word()?;
        let allow = match action {
            "allow" => true,
            "deny" => false,
            _ => return None,
        };
        let ports = self.ports()?;
        self.keyword(remote_kw)?;
        let remote = self.addrs()?;
        Some(AclEntry {
            direction,
            number,
            number_span,
            allow,
            ports,
            span: kw.to(remote.span()),
            remote,
        })
    }
}
