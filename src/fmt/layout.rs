//! The canonical style, as a walk over the parse tree (docs/language.md,
//! "Formatting"): one statement per line, node bodies and `on` blocks one
//! item or rule per line, a node with a single non-`on` line kept on one
//! line, single spaces between tokens, lists as `[a, b]`, and a forward's
//! header edits on lines of their own when it has more than one.

use pest::iterators::Pair;

use super::printer::{Break, Printer};
use super::tree::is_token;
use crate::syntax::GrammarRule as R;

type P<'t> = Pair<'t, R>;

/// A construct the layout did not expect: a bug, reported instead of output.
#[derive(Debug)]
pub struct Unexpected(pub String);

pub struct Layout<'t> {
    pub out: Printer<'t>,
}

impl<'t> Layout<'t> {
    /// Lays out the statements of a parsed `file`.
    pub fn file(&mut self, file: P<'t>) -> Result<(), Unexpected> {
        for stmt in file.into_inner() {
            if stmt.as_rule() == R::EOI {
                continue;
            }
            self.out.pending = Break::Line(0);
            self.walk(stmt)?;
        }
        Ok(())
    }

    fn walk(&mut self, p: P<'t>) -> Result<(), Unexpected> {
        if is_token(&p) {
            self.token(&p, true);
            return Ok(());
        }
        match p.as_rule() {
            R::node_stmt => self.node(p),
            R::acl_stmt => self.acl(p),
            R::on_item => self.on_block(p),
            R::forward_rule => self.forward(p),
            R::addr_list | R::port_list | R::method_list => self.list(p),
            R::glob_set | R::pattern_set | R::host_set if p.as_str().starts_with('[') => {
                self.list(p)
            }
            R::paren_cond => self.parens(p),
            _ => self.sequence(p),
        }
    }

    fn token(&mut self, p: &P<'t>, space: bool) {
        let span = p.as_span();
        self.out.emit(p.as_str(), span.start(), span.end(), space);
    }

    /// The children of `p` separated by single spaces, with the punctuation
    /// the grammar puts between them.
    fn sequence(&mut self, p: P<'t>) -> Result<(), Unexpected> {
        let parent = p.as_rule();
        let mut names = 0;
        for child in p.into_inner() {
            let rule = child.as_rule();
            if rule == R::ident {
                names += 1;
            }
            match (parent, rule) {
                (R::let_stmt, R::addrs) | (R::set_edit, R::value) | (R::opaque_stmt, R::cond) => {
                    self.punct("=", true)?
                }
                (R::header_eq, R::value) => self.punct("==", true)?,
                (R::header_ne, R::value) => self.punct("!=", true)?,
                (R::flow, R::target) => self.punct("->", true)?,
                (R::assert_stmt, R::property) => self.punct(":", false)?,
                (R::node_port_target, R::ports) => {
                    self.punct(":", false)?;
                    self.out.glue = true;
                }
                (R::knows_item | R::member_item, R::ident) if names > 1 => self.out.emit_early(","),
                _ => {}
            }
            self.walk(child)?;
        }
        Ok(())
    }

    /// Finds punctuation in the gap after the last token and emits it.
    fn punct(&mut self, s: &str, space: bool) -> Result<(), Unexpected> {
        let at = self.locate(s)?;
        self.out.emit(s, at, at + s.len(), space);
        Ok(())
    }

    /// Where `s` is, skipping whitespace, separators and comments.
    fn locate(&self, s: &str) -> Result<usize, Unexpected> {
        let text = self.out.text();
        let bytes = text.as_bytes();
        let mut i = self.out.last_end();
        while i < bytes.len() {
            if text.get(i..).is_some_and(|rest| rest.starts_with(s)) {
                return Ok(i);
            }
            match bytes[i] {
                b' ' | b'\t' | b'\r' | b'\n' | b';' | b',' => i += 1,
                b'#' => i = line_end(text, i),
                b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_end(text, i),
                _ => break,
            }
        }
        Err(Unexpected(format!("`{s}` not found at byte {i}")))
    }

    /// The position of the closing bracket that ends `p`.
    fn closer(&self, p: &P<'t>, c: char) -> Result<usize, Unexpected> {
        let end = p.as_span().end();
        match p.as_str().ends_with(c) {
            true => Ok(end - 1),
            false => Err(Unexpected(format!("`{c}` expected at byte {end}"))),
        }
    }

    fn node(&mut self, p: P<'t>) -> Result<(), Unexpected> {
        let close = self.closer(&p, '}')?;
        let mut parts = p.into_inner();
        for _ in 0..2 {
            // the kind and the name
            if let Some(head) = parts.next() {
                self.walk(head)?;
            }
        }
        let items: Vec<P<'t>> = parts.collect();
        let open = self.locate("{")?;
        let one_line = items.len() == 1
            && !items
                .iter()
                .any(|i| i.clone().into_inner().any(|x| x.as_rule() == R::on_item));
        self.block(open, close, items, one_line)
    }

    /// `acl NAME covers ADDRS { ... }`: one entry per line, always.
    fn acl(&mut self, p: P<'t>) -> Result<(), Unexpected> {
        let close = self.closer(&p, '}')?;
        let mut entries = Vec::new();
        for part in p.into_inner() {
            match part.as_rule() {
                R::acl_entry => entries.push(part),
                _ => self.walk(part)?,
            }
        }
        let open = self.locate("{")?;
        self.block(open, close, entries, false)
    }

    fn on_block(&mut self, p: P<'t>) -> Result<(), Unexpected> {
        let close = self.closer(&p, '}')?;
        let mut rules = Vec::new();
        for part in p.into_inner() {
            match part.as_rule() {
                R::rule_item => rules.push(part),
                _ => self.walk(part)?,
            }
        }
        let open = self.locate("{")?;
        self.block(open, close, rules, false)
    }

    /// `{ ... }`: empty as `{}`, on one line when allowed and free of
    /// comments, otherwise one entry per line, one level deeper.
    fn block(
        &mut self,
        open: usize,
        close: usize,
        entries: Vec<P<'t>>,
        one_line: bool,
    ) -> Result<(), Unexpected> {
        let outer = self.out.base;
        let commented = self.out.has_comment(open, close);
        self.out.emit("{", open, open + 1, true);
        if entries.is_empty() && !commented {
            self.out.glue = true;
            self.out.emit("}", close, close + 1, false);
            return Ok(());
        }
        if one_line && !commented {
            for e in entries {
                self.walk(e)?;
            }
            self.out.emit("}", close, close + 1, true);
            return Ok(());
        }
        self.out.no_blank = true;
        for e in entries {
            self.out.pending = Break::Line(outer + 1);
            self.walk(e)?;
        }
        self.out.pending = Break::Line(outer + 1);
        self.out.place_comments_before(close);
        self.out.pending = Break::Line(outer);
        self.out.no_blank = true;
        self.out.emit("}", close, close + 1, true);
        Ok(())
    }

    /// `forward [when C] to NODE:PORT[, NODE:PORT...] [tls] EDIT...`: one
    /// edit stays on the rule's line; several go one per line below it.
    fn forward(&mut self, p: P<'t>) -> Result<(), Unexpected> {
        let parts: Vec<P<'t>> = p.into_inner().collect();
        let edits = parts.iter().filter(|x| x.as_rule() == R::edit).count();
        let mut rule_indent = None;
        let mut targets = 0;
        for part in parts {
            match part.as_rule() {
                R::fwd_target => {
                    targets += 1;
                    if targets > 1 {
                        self.out.emit_early(",");
                    }
                    for t in part.into_inner() {
                        if t.as_rule() == R::port_range {
                            self.punct(":", false)?;
                            self.out.glue = true;
                        }
                        self.walk(t)?;
                    }
                    rule_indent.get_or_insert(self.out.base);
                    continue;
                }
                R::edit if edits > 1 => {
                    let indent = *rule_indent.get_or_insert(self.out.base) + 1;
                    self.out.pending = Break::Line(indent);
                    self.out.no_blank = true;
                }
                _ => {}
            }
            self.walk(part)?;
            rule_indent.get_or_insert(self.out.base);
        }
        Ok(())
    }

    /// `[a, b]`; with a comment inside, one item per line.
    fn list(&mut self, p: P<'t>) -> Result<(), Unexpected> {
        let open = p.as_span().start();
        let close = self.closer(&p, ']')?;
        let items: Vec<P<'t>> = p.into_inner().collect();
        let expanded = self.out.has_comment(open, close);
        self.out.emit("[", open, open + 1, true);
        let outer = self.out.line_indent();
        self.out.glue = true;
        let count = items.len();
        for (i, item) in items.into_iter().enumerate() {
            if expanded {
                self.out.pending = Break::Line(outer + 1);
                self.out.no_blank = true;
            }
            self.walk(item)?;
            if i + 1 < count {
                self.out.emit_early(",");
            }
        }
        if expanded {
            self.out.pending = Break::Line(outer + 1);
            self.out.no_blank = true;
            self.out.place_comments_before(close);
            self.out.pending = Break::Line(outer);
            self.out.no_blank = true;
        }
        self.out.emit("]", close, close + 1, false);
        Ok(())
    }

    fn parens(&mut self, p: P<'t>) -> Result<(), Unexpected> {
        let open = p.as_span().start();
        let close = self.closer(&p, ')')?;
        self.out.emit("(", open, open + 1, true);
        self.out.glue = true;
        for part in p.into_inner() {
            self.walk(part)?;
        }
        self.out.emit(")", close, close + 1, false);
        Ok(())
    }
}

fn line_end(text: &str, i: usize) -> usize {
    text.get(i..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |n| i + n)
}
