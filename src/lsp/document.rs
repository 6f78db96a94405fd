//! One open document: its text and version, the front end's analysis of
//! it (the same `analyze` the command line runs), its name index, and the
//! last verdicts, carried along with edits while their assertions still
//! parse unchanged.

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::convert::LineMap;
use super::index::{DeclKind, Declaration, NameIndex};
use super::worker::{Job, VerdictNote};
use crate::diagnostic::Diagnostic;
use crate::report::story;
use crate::span::{LineIndex, Span};
use crate::terraform::policy::Network;
use crate::{Analysis, SourceText};
use std::sync::Arc;

pub struct Document {
    pub uri: Uri,
    pub version: i32,
    /// The text as the editor has it.
    pub text: String,
    /// What the front end reads: the text with a byte-order mark blanked
    /// out, so that byte offsets are the same in both.
    pub source: SourceText,
    pub analysis: Analysis,
    pub index: NameIndex,
    /// The last verdicts, in the coordinates of the current text.
    pub verdicts: Vec<VerdictNote>,
    /// The version being verified, while a run is on its way.
    pub verifying: Option<i32>,
    /// Which opening of this URI it is (set by the server).
    pub opening: u64,
    /// The Terraform network of the workspace (`terraform` in
    /// stargate.toml): the document is then an intent checked against it.
    pub network: Option<Arc<Network>>,
}

impl Document {
    pub fn open(uri: Uri, version: i32, text: String) -> Self {
        Self::open_with(uri, version, text, None)
    }

    /// Opens an intent of a Terraform network (or a plain policy, `None`).
    pub fn open_with(uri: Uri, version: i32, text: String, network: Option<Arc<Network>>) -> Self {
        let (source, analysis, index) = analyze(&text, &uri, network.as_deref());
        Document {
            network,
            uri,
            version,
            text,
            source,
            analysis,
            index,
            verdicts: Vec::new(),
            verifying: None,
            opening: 0,
        }
    }

    /// Applies the changes of one `didChange` (whole texts, or ranges for
    /// clients that send them anyway) and re-analyses.
    pub fn change(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        let mut text = self.text.clone();
        for c in changes {
            match c.range {
                None => text = c.text,
                Some(r) => {
                    let index = LineIndex::new(&text);
                    let span = LineMap {
                        text: &text,
                        index: &index,
                    }
                    .span(r);
                    // Offsets from `offset_utf16` are character boundaries.
                    if text.is_char_boundary(span.start) && text.is_char_boundary(span.end) {
                        text.replace_range(span.start..span.end, &c.text);
                    }
                }
            }
        }
        self.replace(version, text);
    }

    /// Takes a new text: re-analyses it and moves the last verdicts along.
    pub fn replace(&mut self, version: i32, text: String) {
        let edit = Edit::between(&self.text, &text);
        let (source, analysis, index) = analyze(&text, &self.uri, self.network.as_deref());
        self.version = version;
        self.text = text;
        self.source = source;
        self.analysis = analysis;
        self.index = index;
        let verdicts = std::mem::take(&mut self.verdicts);
        self.verdicts = verdicts
            .into_iter()
            .filter_map(|note| self.carry(note, edit))
            .collect();
    }

    /// A verdict survives an edit while its assertion still parses with the
    /// same property; its diagnostic moves to the assertion's name, and the
    /// hop locations that the edit did not touch move with the text.
    fn carry(&self, mut note: VerdictNote, edit: Edit) -> Option<VerdictNote> {
        let decl = self.assertion(&note.assertion)?;
        if story::property_text(&self.source, decl.span) != note.property {
            return None;
        }
        if let Some(d) = &mut note.diagnostic {
            d.span = decl.name_span;
            d.related = std::mem::take(&mut d.related)
                .into_iter()
                .filter_map(|mut r| {
                    r.span = edit.map(r.span)?;
                    Some(r)
                })
                .collect();
        }
        Some(note)
    }

    /// Positions in this document (the first file of its policy).
    pub fn lines(&self) -> LineMap<'_> {
        LineMap {
            text: &self.text,
            index: self.source.view_at(0).index,
        }
    }

    /// Whether a span is in this document rather than in a file it includes.
    pub fn is_own(&self, span: Span) -> bool {
        span.start <= self.text.len() && self.source.view_at(span.start).start == 0
    }

    /// Where a span is, in this document or in an included file.
    pub fn location(&self, span: Span) -> Option<lsp_types::Location> {
        // A generated line is shown where it came from.
        let span = self.source.resolve(span);
        if self.is_own(span) {
            return Some(lsp_types::Location::new(
                self.uri.clone(),
                self.lines().range(span),
            ));
        }
        let view = self.source.view_at(span.start);
        // Only a file that exists can be opened.
        if !std::path::Path::new(view.name).is_file() {
            return None;
        }
        let absolute = std::fs::canonicalize(view.name).ok()?;
        let uri: Uri = crate::report::sarif::artifact_uri(&absolute.display().to_string())
            .parse()
            .ok()?;
        let local = Span::new(span.start - view.start, span.end.saturating_sub(view.start));
        let lines = LineMap {
            text: view.text,
            index: view.index,
        };
        Some(lsp_types::Location::new(uri, lines.range(local)))
    }

    /// The first `assert` statement with this name.
    pub fn assertion(&self, name: &str) -> Option<&Declaration> {
        self.index
            .declarations
            .iter()
            .find(|d| d.kind == DeclKind::Assert && d.name == name)
    }

    pub fn verdict(&self, assertion: &str) -> Option<&VerdictNote> {
        self.verdicts.iter().find(|n| n.assertion == assertion)
    }

    /// Everything to publish: the front end's diagnostics, then the verdicts'.
    /// A problem in an included file is shown on this document's first
    /// `include`, naming the file and line (that file has its own document
    /// when it is open); related places in other files are left out.
    pub fn diagnostics(&self) -> Vec<lsp_types::Diagnostic> {
        let lines = self.lines();
        let mut include_at = None;
        self.analysis
            .diagnostics
            .iter()
            .chain(self.verdicts.iter().filter_map(|n| n.diagnostic.as_ref()))
            .map(|d| {
                let mut d = d.clone();
                if !self.is_own(d.span) {
                    let at = self.source.region(d.span);
                    d.message = format!("{}:{}: {}", at.file, at.start.line, d.message);
                    d.span = *include_at.get_or_insert_with(|| self.first_include());
                }
                let elsewhere: Vec<crate::diagnostic::Related> = d
                    .related
                    .iter()
                    .filter(|r| !self.is_own(r.span))
                    .cloned()
                    .collect();
                d.related.retain(|r| self.is_own(r.span));
                let mut out = lines.diagnostic(&self.uri, &d);
                // Related places in other files (an included file, the
                // Terraform block that made a line) keep their own file.
                let more = elsewhere.iter().filter_map(|r| {
                    Some(lsp_types::DiagnosticRelatedInformation {
                        location: self.location(r.span)?,
                        message: r.label.clone(),
                    })
                });
                let mut related = out.related_information.take().unwrap_or_default();
                related.extend(more);
                out.related_information = (!related.is_empty()).then_some(related);
                out
            })
            .collect()
    }

    /// The path of the first `include` of this document.
    fn first_include(&self) -> Span {
        let (ast, _) = crate::syntax::parse(&self.text);
        ast.statements
            .iter()
            .find_map(|s| match s {
                crate::syntax::ast::Statement::Include(i) => Some(i.path.span),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// A verification job for the current version, if the text checked
    /// without errors (only a checked model reaches the verifier).
    pub fn job(&self) -> Option<Job> {
        Some(Job {
            uri: self.uri.as_str().to_string(),
            opening: self.opening,
            version: self.version,
            policy: self.analysis.model.clone()?,
            source: self.source.clone(),
        })
    }
}

fn analyze(text: &str, uri: &Uri, network: Option<&Network>) -> (SourceText, Analysis, NameIndex) {
    if text.len() > crate::MAX_FILE_BYTES {
        // Refused as the command line refuses it.
        let (_, too_large) = crate::decode("", text.as_bytes());
        let analysis = Analysis {
            ast: crate::syntax::ast::File::default(),
            model: None,
            diagnostics: too_large.into_iter().collect(),
        };
        return (
            SourceText::new("", String::new()),
            analysis,
            NameIndex::default(),
        );
    }
    // The command line strips a byte-order mark before analysing; blanking
    // it keeps every byte offset valid in the editor's text.
    let body = match text.strip_prefix('\u{feff}') {
        Some(rest) => format!("   {rest}"),
        None => text.to_string(),
    };
    // A document on disk may include other files, read from disk.
    let path = uri
        .as_str()
        .strip_prefix("file://")
        .map(super::settings::percent_decode);
    let (source, analysis) = match path {
        Some(path) if network.is_some() || body.contains("include") => {
            let (source, mut load) = crate::source::include::load(
                &path,
                body.as_bytes(),
                &crate::source::include::from_disk,
            );
            let source = match network {
                Some(net) => {
                    let (with, tf) = net.with(Some(source));
                    // The import's warnings are about the .tf files, not
                    // this intent: only its errors are shown here.
                    load.extend(tf.into_iter().filter(Diagnostic::is_error));
                    with
                }
                None => source,
            };
            let mut analysis = crate::analyze_source(&source, load);
            if let Some(net) = network {
                let generated = net.generated.name.as_str();
                analysis.diagnostics.retain(|d| {
                    !(matches!(
                        d.code,
                        "stargate::model::unused_let" | "stargate::model::unused_secret"
                    ) && source.view_at(d.span.start).name == generated)
                });
            }
            (source, analysis)
        }
        _ => {
            let source = SourceText::new("", body);
            let analysis = crate::analyze(&source.text);
            (source, analysis)
        }
    };
    let index = NameIndex::build(&analysis.ast);
    (source, analysis, index)
}

/// The one region in which two texts differ: `[start, old_end)` of the old
/// text became `[start, new_end)` of the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Edit {
    pub(crate) start: usize,
    pub(crate) old_end: usize,
    pub(crate) new_end: usize,
}

impl Edit {
    pub(crate) fn between(old: &str, new: &str) -> Edit {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let room = a.len().min(b.len()) - prefix;
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(room)
            .take_while(|(x, y)| x == y)
            .count();
        Edit {
            start: prefix,
            old_end: a.len() - suffix,
            new_end: b.len() - suffix,
        }
    }

    /// Where an old span is in the new text, unless the edit touched it.
    fn map(self, span: Span) -> Option<Span> {
        if span.end <= self.start {
            Some(span)
        } else if span.start >= self.old_end {
            let start = span.start - self.old_end + self.new_end;
            Some(Span::new(start, start + span.len()))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_move_spans_after_them() {
        let e = Edit::between("abc def ghi", "abc dXXef ghi");
        assert_eq!(
            e,
            Edit {
                start: 5,
                old_end: 5,
                new_end: 7
            }
        );
        assert_eq!(e.map(Span::new(0, 3)), Some(Span::new(0, 3)));
        assert_eq!(e.map(Span::new(8, 11)), Some(Span::new(10, 13)));
        assert_eq!(e.map(Span::new(4, 7)), None);
        // A deletion, and a text with a repeated tail.
        let e = Edit::between("aaaa", "aa");
        assert_eq!(e.map(Span::new(0, 2)), Some(Span::new(0, 2)));
        assert_eq!(
            Edit::between("same", "same").map(Span::new(1, 3)),
            Some(Span::new(1, 3))
        );
    }

    #[test]
    fn included_files_resolve_names_and_their_problems_show_on_the_include() {
        let dir = std::env::temp_dir().join(format!("stargate-lsp-include-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("parts")).ok();
        std::fs::write(
            dir.join("parts/net.sg"),
            "zone internet { addresses any }\nlet unused = 10.9.0.0/16\n",
        )
        .ok();
        let main = dir.join("main.sg");
        let text = "policy p\ninclude \"parts/net.sg\"\nservice app {\n  addresses 10.0.0.1\n  listen 443 from internet\n}\n";
        std::fs::write(&main, text).ok();
        let uri: Uri = match format!("file://{}", main.display()).parse() {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        };
        let doc = Document::open(uri.clone(), 1, text.into());
        // `internet` resolves: no error, and the included file's warning is
        // shown on the include, naming its file and line.
        let diags = doc.diagnostics();
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0]
            .message
            .contains("parts/net.sg:2: address set `unused` is never used"));
        assert_eq!(diags[0].range.start.line, 1);
        let at = text.rfind("internet").unwrap_or(0);
        let (line, col) = doc.source.index.position_utf16(text, at);
        let defs = super::super::navigate::definition(
            &doc,
            lsp_types::Position::new(line as u32, col as u32),
        );
        assert_eq!(defs.len(), 1, "{defs:?}");
        assert!(
            defs[0].uri.as_str().ends_with("/parts/net.sg"),
            "{:?}",
            defs[0].uri
        );
        assert_eq!(defs[0].range.start, lsp_types::Position::new(0, 5));
        // The symbols are this file's own.
        let names: Vec<String> = super::super::navigate::symbols(&doc)
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["p", "app"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_intent_sees_the_imported_network() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let net = Arc::new(Network::read(&root.join("tests/terraform/sandbox"), &[]));
        let path = root.join("tests/terraform/sandbox/intent-lsp-test.sg");
        let uri: Uri = match format!("file://{}", path.display()).parse() {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        };
        let text = "policy intent\nassert a: no connection grafana -> litellm:22\n";
        let doc = Document::open_with(uri, 1, text.into(), Some(net));
        let errors: Vec<&str> = doc
            .analysis
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(doc.job().is_some());
        // Only the intent's own problems are shown: none.
        assert!(doc.diagnostics().is_empty(), "{:?}", doc.diagnostics());
        // An imported node's definition is its Terraform block.
        let at = text.find("grafana").unwrap_or(0);
        let (line, col) = doc.source.index.position_utf16(text, at);
        let defs = super::super::navigate::definition(
            &doc,
            lsp_types::Position::new(line as u32, col as u32),
        );
        assert_eq!(defs.len(), 1, "{defs:?}");
        assert!(defs[0].uri.as_str().ends_with(".tf"), "{:?}", defs[0].uri);
    }

    #[test]
    fn oversized_text_is_refused_like_the_command_line_does() {
        let uri: Uri = match "file:///p.sg".parse() {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        };
        let doc = Document::open(uri, 1, "#".repeat(crate::MAX_FILE_BYTES + 1));
        let codes: Vec<&str> = doc.analysis.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["stargate::io::too_large"]);
        assert_eq!(doc.diagnostics()[0].range.start.line, 0);
    }

    #[test]
    fn byte_order_mark_keeps_offsets() {
        let uri: Uri = match "file:///p.sg".parse() {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        };
        let doc = Document::open(uri, 1, "\u{feff}zone z { addresses vcp }".into());
        let d = &doc.analysis.diagnostics;
        assert_eq!(d.len(), 1, "{d:?}");
        let at = doc.text.find("vcp").unwrap_or(0);
        assert_eq!(d[0].span.start, at);
        // The mark is one UTF-16 unit.
        assert_eq!(doc.lines().position(at).character, 20);
    }
}
