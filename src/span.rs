//! Byte spans into a policy's text and their line/column positions.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the text of one policy file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn shifted(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets of a text to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = text
            .get(start..offset)
            .map(|s| s.chars().filter(|&c| c != '\r').count())
            .unwrap_or(0)
            + 1;
        LineCol { line, column }
    }

    /// The byte range of one-based `line`, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len());
        let end = self
            .line_starts
            .get(line)
            .map(|e| e - 1)
            .unwrap_or(text.len());
        Span::new(start, end.max(start))
    }

    /// The byte offset of a zero-based line and a zero-based UTF-16 column (as LSP counts).
    pub fn offset_utf16(&self, text: &str, line0: usize, col16: usize) -> usize {
        let Some(&start) = self.line_starts.get(line0) else {
            return text.len();
        };
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= col16 || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    }

    /// The zero-based line and zero-based UTF-16 column of a byte offset (as
    /// LSP counts): the inverse of [`LineIndex::offset_utf16`]. An offset
    /// inside a character counts from that character's start.
    pub fn position_utf16(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line0 = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(line0).copied().unwrap_or(0);
        let col16 = text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        (line0, col16)
    }

    /// The byte offset where zero-based `line0` starts (the text's end past the last line).
    pub fn line_start(&self, line0: usize) -> Option<usize> {
        self.line_starts.get(line0).copied()
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\ncdé\r\nf";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(text, 7), LineCol { line: 2, column: 4 });
        assert_eq!(
            idx.line_col(text, text.len()),
            LineCol { line: 3, column: 2 }
        );
        assert_eq!(idx.line_span(text, 2), Span::new(3, 8));
    }

    #[test]
    fn utf16_positions_round_trip() {
        // `é` is one UTF-16 unit in two bytes; `😀` two units in four bytes.
        let text = "ab\ncé😀d\r\nf";
        let idx = LineIndex::new(text);
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let (line, col) = idx.position_utf16(text, offset);
            assert_eq!(idx.offset_utf16(text, line, col), offset, "offset {offset}");
        }
        assert_eq!(idx.position_utf16(text, 3), (1, 0));
        assert_eq!(idx.position_utf16(text, 10), (1, 4));
        // Inside the emoji: its start.
        assert_eq!(idx.position_utf16(text, 7), (1, 2));
        assert_eq!(idx.position_utf16(text, text.len()), (2, 1));
        assert_eq!(idx.position_utf16(text, 999), (2, 1));
    }
}
