//! A policy's text and where each byte of it came from.
//!
//! A policy is one file, or several files made one by `include`
//! ([`include`]). Their texts are laid end to end in one string, so a
//! [`Span`] stays two numbers everywhere (AST, model, verdicts), and the
//! file a span is in is looked up only when a report is written. After the
//! policy text may come texts that are only quoted, never parsed: the
//! Terraform files a generated policy was made from. A generated part can
//! send each of its lines to the line of a quoted part that made it
//! ([`SourceBuilder::origins`]), so a report points at the `.tf` block
//! instead of the generated `.sg` line.

pub mod include;

use crate::span::{LineCol, LineIndex, Span};

/// One policy's text, ready to be analysed and rendered.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The name of the first (root) file.
    pub name: String,
    /// Every part, one after another; invalid UTF-8 replaced, byte-order
    /// marks removed.
    pub text: String,
    /// Lines of the whole text (the editor server works on one file, where
    /// this is that file's index).
    pub index: LineIndex,
    parts: Vec<Part>,
    /// The policy is `text[..policy_len]`; the rest is only quoted.
    policy_len: usize,
}

/// One file's place in the text.
#[derive(Debug, Clone)]
struct Part {
    name: String,
    start: usize,
    end: usize,
    index: LineIndex,
    /// `(line, part, line)`, sorted: this part's line (1-based) was made by
    /// that line of that part.
    origins: Vec<(usize, usize, usize)>,
}

/// Where a span is, for a reader: the file and its one-based positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region<'a> {
    pub file: &'a str,
    pub start: LineCol,
    pub end: LineCol,
}

impl SourceText {
    /// A policy of one file.
    pub fn new(name: impl Into<String>, text: String) -> Self {
        let mut b = SourceBuilder::default();
        b.add(name.into(), &text);
        b.finish()
    }

    /// The text that is parsed as the policy (every file of it).
    pub fn policy_text(&self) -> &str {
        &self.text[..self.policy_len]
    }

    /// Whether the policy has more than one file (or quotes other files).
    pub fn is_several(&self) -> bool {
        self.parts.len() > 1
    }

    /// The names of the files, the root first.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(|p| p.name.as_str())
    }

    /// Renames every file (the root too): `diff` names a revision's files
    /// `REV:path`.
    pub fn rename_files(&mut self, rename: impl Fn(&str) -> String) {
        for p in &mut self.parts {
            p.name = rename(&p.name);
        }
        self.name = rename(&self.name);
    }

    fn part_at(&self, offset: usize) -> &Part {
        let i = self.parts.partition_point(|p| p.start <= offset).max(1) - 1;
        &self.parts[i]
    }

    /// The span a report should show for `span`: itself, or for a
    /// generated line with an origin, the whole line of the file that made it.
    pub fn resolve(&self, span: Span) -> Span {
        let p = self.part_at(span.start);
        if p.origins.is_empty() {
            return span;
        }
        let local = span.start.min(p.end) - p.start;
        let text = &self.text[p.start..p.end];
        let line = p.index.line_col(text, local).line;
        match p.origins.binary_search_by_key(&line, |o| o.0) {
            Ok(i) => {
                let (_, target, tline) = p.origins[i];
                let t = &self.parts[target];
                let ttext = &self.text[t.start..t.end];
                t.index.line_span(ttext, tline).shifted(t.start)
            }
            Err(_) => span,
        }
    }

    /// For a generated line that another file made: `file:line` and that
    /// line's text, trimmed (a Terraform block's first line names the
    /// resource). `None` for a span written by hand.
    pub fn origin(&self, span: Span) -> Option<(String, &str)> {
        let resolved = self.resolve(span);
        if resolved == span || self.part_at(resolved.start).start == self.part_at(span.start).start
        {
            return None;
        }
        let (file, lc) = self.locate(resolved.start);
        let text = self.text.get(resolved.start..resolved.end)?.trim();
        Some((format!("{file}:{}", lc.line), text))
    }

    /// The file and local line and column of `offset` (after [`Self::resolve`]).
    fn locate(&self, offset: usize) -> (&str, LineCol) {
        let offset = self.resolve(Span::new(offset, offset)).start;
        let p = self.part_at(offset);
        let text = &self.text[p.start..p.end];
        let lc = p.index.line_col(text, offset.min(p.end) - p.start);
        (p.name.as_str(), lc)
    }

    /// One-based line and column of `offset` in its own file.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.locate(offset).1
    }

    /// The one-based line of a span's start in its own file.
    pub fn line(&self, span: Span) -> usize {
        self.line_col(span.start).line
    }

    /// The name of the file a span is in.
    pub fn file(&self, span: Span) -> &str {
        self.locate(span.start).0
    }

    /// The file and the start and end positions of a span.
    pub fn region(&self, span: Span) -> Region<'_> {
        let span = self.resolve(span);
        let (file, start) = self.locate(span.start);
        let end = self.locate(span.end.max(span.start)).1;
        Region { file, start, end }
    }

    /// "line 12" for a span in the root file, "line 12 of other.sg" for
    /// one in another file: how a story names a line.
    pub fn line_ref(&self, span: Span) -> String {
        let (file, lc) = self.locate(span.start);
        if file == self.name {
            format!("line {}", lc.line)
        } else {
            format!("line {} of {file}", lc.line)
        }
    }

    /// The file that `offset` (not resolved) is in.
    pub fn view_at(&self, offset: usize) -> FileView<'_> {
        let p = self.part_at(offset);
        FileView {
            name: &p.name,
            text: &self.text[p.start..p.end],
            start: p.start,
            index: &p.index,
        }
    }
}

/// One file of a [`SourceText`]: its name, text, where it starts in the
/// whole text, and its line index (offsets relative to its own text).
#[derive(Debug, Clone, Copy)]
pub struct FileView<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub start: usize,
    pub index: &'a LineIndex,
}

/// Lays files end to end into a [`SourceText`].
#[derive(Debug, Default)]
pub struct SourceBuilder {
    text: String,
    parts: Vec<Part>,
    policy_len: Option<usize>,
}

impl SourceBuilder {
    /// Adds a file of the policy; returns its index. Each file is followed
    /// by a line break, so a comment on a last line cannot run into the
    /// next file.
    pub fn add(&mut self, name: String, text: &str) -> usize {
        debug_assert!(self.policy_len.is_none(), "policy files come first");
        self.push(name, text)
    }

    /// A builder that goes on after the files of `src` (which must have no
    /// quoted files yet): generated policy text and quoted files follow.
    pub fn after(src: SourceText) -> SourceBuilder {
        debug_assert!(src.policy_len == src.text.len() || src.parts.len() > 1);
        let mut text = src.text;
        if src.parts.len() == 1 {
            // `finish` left a single file without its line break.
            text.push('\n');
        }
        SourceBuilder {
            text,
            parts: src.parts,
            policy_len: None,
        }
    }

    /// The offset where one-based `line` of part `part` starts, and its end.
    pub fn line_span(&self, part: usize, line: usize) -> Option<Span> {
        let p = self.parts.get(part)?;
        let text = &self.text[p.start..p.end];
        Some(p.index.line_span(text, line).shifted(p.start))
    }

    /// The offset the next added file starts at.
    pub fn next_start(&self) -> usize {
        self.text.len()
    }

    /// Adds a file that is only quoted (after every policy file).
    pub fn add_quoted(&mut self, name: String, text: &str) -> usize {
        if self.policy_len.is_none() {
            self.policy_len = Some(self.text.len());
        }
        self.push(name, text)
    }

    fn push(&mut self, name: String, text: &str) -> usize {
        let start = self.text.len();
        self.text.push_str(text);
        let end = self.text.len();
        self.text.push('\n');
        self.parts.push(Part {
            name,
            start,
            end,
            index: LineIndex::new(text),
            origins: Vec::new(),
        });
        self.parts.len() - 1
    }

    /// Says which line of which part made each line of `part`:
    /// `(line, target part, target line)`, lines one-based.
    pub fn origins(&mut self, part: usize, mut origins: Vec<(usize, usize, usize)>) {
        origins.sort_unstable();
        origins.dedup_by_key(|o| o.0);
        if let Some(p) = self.parts.get_mut(part) {
            p.origins = origins;
        }
    }

    pub fn finish(self) -> SourceText {
        let policy_len = self.policy_len.unwrap_or(self.text.len());
        let name = self
            .parts
            .first()
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let mut text = self.text;
        // One file: exactly its text, as before several files existed.
        if self.parts.len() == 1 && policy_len == text.len() {
            text.pop();
        }
        let mut parts = self.parts;
        if parts.is_empty() {
            parts.push(Part {
                name: name.clone(),
                start: 0,
                end: 0,
                index: LineIndex::new(""),
                origins: Vec::new(),
            });
        }
        let policy_len = policy_len.min(text.len());
        SourceText {
            name,
            index: LineIndex::new(&text),
            text,
            parts,
            policy_len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_is_its_text() {
        let s = SourceText::new("a.sg", "let a = 1.2.3.4\nlet b = a\n".into());
        assert_eq!(s.text, "let a = 1.2.3.4\nlet b = a\n");
        assert_eq!(s.policy_text(), s.text);
        assert_eq!(s.line(Span::new(17, 18)), 2);
        assert_eq!(s.line_ref(Span::new(17, 18)), "line 2");
        assert!(!s.is_several());
    }

    #[test]
    fn spans_find_their_file_and_origin() {
        let mut b = SourceBuilder::default();
        b.add("main.sg".into(), "policy p\ninclude \"b.sg\"");
        let gen = b.add("gen.sg".into(), "zone a {\n  addresses any\n}");
        let tf = b.add_quoted("net.tf".into(), "resource \"x\" \"y\" {\n  cidr = 1\n}");
        b.origins(gen, vec![(2, tf, 2)]);
        let s = b.finish();
        assert_eq!(
            s.policy_text(),
            "policy p\ninclude \"b.sg\"\nzone a {\n  addresses any\n}\n"
        );
        let zone = s.text.find("zone").unwrap_or(0);
        assert_eq!(s.file(Span::new(zone, zone + 4)), "gen.sg");
        assert_eq!(s.line_ref(Span::new(zone, zone + 4)), "line 1 of gen.sg");
        let addr = s.text.find("addresses").unwrap_or(0);
        let r = s.region(Span::new(addr, addr + 9));
        assert_eq!((r.file, r.start.line, r.start.column), ("net.tf", 2, 1));
        assert_eq!(r.end.column, 11);
        let shown = s.resolve(Span::new(addr, addr + 9));
        let v = s.view_at(shown.start);
        let local = (shown.start - v.start)..(shown.end - v.start);
        assert_eq!((v.name, &v.text[local]), ("net.tf", "  cidr = 1"));
        assert_eq!(s.line(Span::new(1, 2)), 1);
    }
}
