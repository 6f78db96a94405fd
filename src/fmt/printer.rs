//! The output side of the formatter: lines of code, the comments placed on
//! them, blank lines, and the alignment of trailing comments.
//!
//! The layout code (`layout.rs`) emits tokens in text order, each with its
//! position in the source. Before a token is emitted, every comment that
//! starts before it is placed: a comment that shared a line with the
//! previous token stays at the end of that token's line; any other comment
//! gets a line of its own, indented like the code that follows it. A comment
//! can therefore neither be dropped nor move past a token.

use super::tree::Comment;

/// Where the next token goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// On the current line.
    Same,
    /// On a new line one level deeper than the current statement line,
    /// because a comment ended the line in the middle of a construct.
    Continue,
    /// On a new line at this indentation (a statement, item, rule, ...).
    Line(usize),
}

#[derive(Debug, Clone, Default)]
struct Line {
    indent: usize,
    code: String,
    comment: Option<String>,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.code.is_empty() && self.comment.is_none()
    }

    fn is_trailing(&self) -> bool {
        !self.code.is_empty() && self.comment.is_some()
    }

    /// Lines that open or close a block keep their comment to themselves.
    fn aligns(&self) -> bool {
        self.is_trailing() && !self.code.ends_with(['{', '[']) && !self.code.starts_with(['}', ']'])
    }

    fn width(&self) -> usize {
        self.indent * INDENT.len() + self.code.chars().count()
    }
}

const INDENT: &str = "  ";

pub struct Printer<'t> {
    text: &'t str,
    comments: Vec<Comment>,
    next_comment: usize,
    lines: Vec<Line>,
    current: Option<Line>,
    pub pending: Break,
    /// Indentation of the current statement, item or rule line.
    pub base: usize,
    /// Source end of the last token or comment placed.
    last_end: usize,
    /// The next token on the same line follows without a space (after `[`, `(`).
    pub glue: bool,
    /// No blank line before the next line (first line of a block, `}`).
    pub no_blank: bool,
}

impl<'t> Printer<'t> {
    pub fn new(text: &'t str, comments: Vec<Comment>) -> Self {
        Printer {
            text,
            comments,
            next_comment: 0,
            lines: Vec::new(),
            current: None,
            pending: Break::Line(0),
            base: 0,
            last_end: 0,
            glue: false,
            no_blank: false,
        }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Source end of the last token or comment placed.
    pub fn last_end(&self) -> usize {
        self.last_end
    }

    /// Indentation of the line being written.
    pub fn line_indent(&self) -> usize {
        self.current.as_ref().map_or(self.base, |l| l.indent)
    }

    /// Whether a comment starts strictly between `a` and `b`.
    pub fn has_comment(&self, a: usize, b: usize) -> bool {
        let i = self.comments.partition_point(|c| c.start <= a);
        self.comments.get(i).is_some_and(|c| c.start < b)
    }

    /// Emits the token `s` found at `start..end` of the source, after the
    /// comments before it; `space` separates it from a token on the same line.
    pub fn emit(&mut self, s: &str, start: usize, end: usize, space: bool) {
        self.place_comments_before(start);
        self.put(s, start, space);
        self.last_end = end;
    }

    /// Emits punctuation that the comments before it may follow instead
    /// (a list's comma goes right after its item).
    pub fn emit_early(&mut self, s: &str) {
        let at = self.last_end;
        self.put(s, at, false);
    }

    fn put(&mut self, s: &str, start: usize, space: bool) {
        match self.pending {
            Break::Line(indent) => self.open_line(indent, true, start),
            Break::Continue => self.open_line(self.base + 1, false, start),
            Break::Same => {
                if self.current.is_none() {
                    self.open_line(self.base, true, start);
                } else if space && !self.glue {
                    if let Some(line) = &mut self.current {
                        line.code.push(' ');
                    }
                }
            }
        }
        if let Some(line) = &mut self.current {
            line.code.push_str(s);
        }
        self.pending = Break::Same;
        self.glue = false;
    }

    /// Places every comment that starts before `pos`.
    pub fn place_comments_before(&mut self, pos: usize) {
        while let Some(c) = self.comments.get(self.next_comment) {
            if c.start >= pos {
                break;
            }
            let c = c.clone();
            self.next_comment += 1;
            self.place(c);
        }
    }

    fn place(&mut self, c: Comment) {
        let same_line = !self.gap(self.last_end, c.start).contains('\n');
        match &mut self.current {
            Some(line) if same_line && line.comment.is_none() && !line.code.is_empty() => {
                line.comment = Some(c.text);
                if self.pending == Break::Same {
                    self.pending = Break::Continue;
                }
            }
            _ => {
                let (indent, structural) = match self.pending {
                    Break::Line(i) => (i, true),
                    Break::Continue => (self.base + 1, false),
                    Break::Same if self.current.is_none() => (self.base, true),
                    Break::Same => (self.base + 1, false),
                };
                self.open_line(indent, structural, c.start);
                if let Some(line) = &mut self.current {
                    line.comment = Some(c.text);
                }
                if let Some(line) = self.current.take() {
                    self.lines.push(line);
                }
                if self.pending == Break::Same {
                    self.pending = Break::Continue;
                }
            }
        }
        self.last_end = c.end;
    }

    /// Ends the current line and starts one at `indent`. A structural line
    /// keeps one blank line before it if the source had one there.
    fn open_line(&mut self, indent: usize, structural: bool, next: usize) {
        if let Some(line) = self.current.take() {
            self.lines.push(line);
        }
        let blank = self.gap(self.last_end, next).matches('\n').count() >= 2;
        if structural && blank && !self.no_blank && !self.lines.is_empty() {
            self.lines.push(Line::default());
        }
        if structural {
            self.base = indent;
            self.no_blank = false;
        }
        self.current = Some(Line {
            indent,
            ..Line::default()
        });
    }

    fn gap(&self, a: usize, b: usize) -> &'t str {
        if a < b {
            self.text.get(a..b).unwrap_or("")
        } else {
            ""
        }
    }

    /// Places the remaining comments and renders the lines.
    pub fn finish(mut self) -> String {
        self.pending = Break::Line(0);
        self.place_comments_before(usize::MAX);
        if let Some(line) = self.current.take() {
            self.lines.push(line);
        }
        render(&self.lines)
    }
}

/// Trailing comments of consecutive lines at the same indentation start in
/// one column, two spaces after the longest line's code; a line that opens
/// or closes a block is not aligned with its neighbours.
fn render(lines: &[Line]) -> String {
    let mut column = vec![0; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].aligns() {
            column[i] = lines[i].width() + 2;
            i += 1;
            continue;
        }
        let indent = lines[i].indent;
        let mut j = i;
        let mut widest = 0;
        while j < lines.len() && lines[j].aligns() && lines[j].indent == indent {
            widest = widest.max(lines[j].width());
            j += 1;
        }
        for c in &mut column[i..j] {
            *c = widest + 2;
        }
        i = j;
    }
    let mut out = String::new();
    for (line, col) in lines.iter().zip(column) {
        if line.is_blank() {
            out.push('\n');
            continue;
        }
        out.push_str(&INDENT.repeat(line.indent));
        out.push_str(&line.code);
        if let Some(c) = &line.comment {
            if !line.code.is_empty() {
                let pad = col.saturating_sub(line.width()).max(1);
                out.push_str(&" ".repeat(pad));
            }
            out.push_str(c);
        }
        out.push('\n');
    }
    out
}
