//! Between the crate's byte spans and diagnostics and the protocol's
//! positions (zero-based lines, UTF-16 columns), ranges and diagnostics.

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{LineIndex, Span};

/// The `source` of every diagnostic the server publishes.
pub const SOURCE: &str = "stargate-verify";

/// A text with its line index, to convert positions.
#[derive(Clone, Copy)]
pub struct LineMap<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
}

impl LineMap<'_> {
    pub fn position(&self, offset: usize) -> lsp_types::Position {
        let (line, col) = self.index.position_utf16(self.text, offset);
        lsp_types::Position::new(saturate(line), saturate(col))
    }

    pub fn range(&self, span: Span) -> lsp_types::Range {
        lsp_types::Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position; positions past a line's end or the
    /// text's end are clamped to them, as the protocol asks.
    pub fn offset(&self, p: lsp_types::Position) -> usize {
        self.index
            .offset_utf16(self.text, p.line as usize, p.character as usize)
    }

    /// The byte span of a range, start before end.
    pub fn span(&self, r: lsp_types::Range) -> Span {
        let (a, b) = (self.offset(r.start), self.offset(r.end));
        Span::new(a.min(b), a.max(b))
    }

    /// A diagnostic as the protocol has it: the code, the message with the
    /// help line (as the command line prints it), every related location.
    pub fn diagnostic(&self, uri: &Uri, d: &Diagnostic) -> lsp_types::Diagnostic {
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        };
        let related: Vec<DiagnosticRelatedInformation> = d
            .related
            .iter()
            .map(|r| DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), self.range(r.span)),
                message: r.label.clone(),
            })
            .collect();
        lsp_types::Diagnostic {
            range: self.range(d.span),
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
            }),
            code: Some(NumberOrString::String(d.code.to_string())),
            // Editors link the code to its section of docs/codes.md.
            code_description: crate::report::explain::docs_url(d.code)
                .parse::<Uri>()
                .ok()
                .map(|href| lsp_types::CodeDescription { href }),
            source: Some(SOURCE.to_string()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_count_utf16_units() {
        // A comment with a non-BMP character before a name on the same line.
        let text = "# 😀 x\nlet a = 10.0.0.0/8 # é\n";
        let index = LineIndex::new(text);
        let map = LineMap {
            text,
            index: &index,
        };
        let x = text.find('x').unwrap_or(0);
        let r = map.range(Span::new(x, x + 1));
        assert_eq!((r.start.line, r.start.character), (0, 5));
        assert_eq!((r.end.line, r.end.character), (0, 6));
        assert_eq!(map.offset(r.start), x);
        // Past the end of a line: its end; past the last line: the text's end.
        assert_eq!(map.offset(lsp_types::Position::new(0, 99)), x + 1);
        assert_eq!(map.offset(lsp_types::Position::new(9, 0)), text.len());
    }

    #[test]
    fn diagnostics_keep_code_help_and_related() {
        let text = "let vpc = 10.20.0.0/16\nzone z { addresses vcp }\n";
        let index = LineIndex::new(text);
        let map = LineMap {
            text,
            index: &index,
        };
        let Some(d) = crate::diagnostics(text)
            .into_iter()
            .find(|d| d.code == "stargate::model::undefined_name")
        else {
            panic!("no undefined_name diagnostic");
        };
        let uri: Uri = match "file:///p.sg".parse() {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        };
        let l = map.diagnostic(&uri, &d);
        assert_eq!(
            l.code,
            Some(NumberOrString::String(
                "stargate::model::undefined_name".into()
            ))
        );
        assert_eq!(l.source.as_deref(), Some(SOURCE));
        let href = l.code_description.map(|c| c.href.as_str().to_string());
        assert!(
            href.as_deref()
                .is_some_and(|h| h.ends_with("/docs/codes.md#stargatemodelundefined_name")),
            "{href:?}"
        );
        assert_eq!(l.severity, Some(DiagnosticSeverity::ERROR));
        assert_eq!((l.range.start.line, l.range.start.character), (1, 19));
        assert!(
            l.message.ends_with("help: did you mean `vpc`?"),
            "{}",
            l.message
        );
        let related = l.related_information.unwrap_or_default();
        assert_eq!(related.len(), 1);
        assert_eq!(related[0].location.range.start.line, 0);
    }
}
