//! The editor server, spoken to as an editor would: in memory
//! (`Connection::memory`) for each feature, and once over pipes with the
//! binary, as `stargate-verify lsp` runs in an editor.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidOpenTextDocument, DidSaveTextDocument, Exit, Initialized,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, Initialize,
    References, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionContext, CodeActionOrCommand, CodeActionParams, DidChangeTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentFormattingParams,
    DocumentSymbolParams, DocumentSymbolResponse, FormattingOptions, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, InitializeParams, Location,
    NumberOrString, PartialResultParams, Position, PublishDiagnosticsParams, Range,
    ReferenceContext, ReferenceParams, SymbolKind, TextDocumentContentChangeEvent,
    TextDocumentIdentifier, TextDocumentItem, TextDocumentPositionParams, TextEdit, Uri,
    VersionedTextDocumentIdentifier, WorkDoneProgressParams,
};
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(60);

/// A policy with one refuted and one proved assertion, a typo-free base
/// for the other tests.
const POLICY: &str = "\
policy lsp_test

let office = [10.1.0.0/16, 10.2.0.0/16]
secret admin_key \"vault/admin-key\"

zone internet { addresses any except [10.0.0.0/8, office] }
zone branch { addresses office  knows admin_key }

service db {
  addresses 10.7.0.0/24
  listen 5432 from any
  on 5432 { deny 403 unless header X-Key == admin_key }
}

assert db_private: no connection internet -> db
assert branch_reaches_db: path branch -> db
";

fn uri() -> Uri {
    "file:///work/policy.sg".parse().expect("a valid URI")
}

/// The zero-based line of the `nth` occurrence of `needle`, and its UTF-16 column.
fn pos(text: &str, needle: &str, nth: usize) -> Position {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("`{needle}` not in the text"));
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let col = text[start..at].encode_utf16().count();
    Position::new(line as u32, col as u32)
}

struct Client {
    conn: Connection,
    server: JoinHandle<u8>,
    next_id: i32,
    /// Notifications that arrived while waiting for something else.
    pending: VecDeque<Notification>,
}

impl Client {
    fn start() -> Client {
        let (server, conn) = Connection::memory();
        let server = std::thread::spawn(move || stargate_verify::lsp::serve(server));
        let mut client = Client {
            conn,
            server,
            next_id: 0,
            pending: VecDeque::new(),
        };
        let caps = client
            .request::<Initialize>(InitializeParams::default())
            .expect("initialize answers");
        assert_eq!(caps["capabilities"]["textDocumentSync"]["change"], 1);
        assert_eq!(caps["serverInfo"]["name"], "stargate-verify");
        client.notify::<Initialized>(lsp_types::InitializedParams {});
        client
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.conn
            .sender
            .send(Notification::new(N::METHOD.into(), params).into())
            .expect("server is listening");
    }

    fn request<R: lsp_types::request::Request>(
        &mut self,
        params: R::Params,
    ) -> Result<Value, lsp_server::ResponseError> {
        self.raw_request(
            R::METHOD,
            serde_json::to_value(params).expect("params encode"),
        )
    }

    fn raw_request(
        &mut self,
        method: &str,
        params: Value,
    ) -> Result<Value, lsp_server::ResponseError> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.conn
            .sender
            .send(Request::new(id.clone(), method.into(), params).into())
            .expect("server is listening");
        loop {
            match self.conn.receiver.recv_timeout(WAIT) {
                Ok(Message::Response(Response {
                    id: rid,
                    response_result,
                })) if rid == id => return response_result,
                Ok(Message::Notification(n)) => self.pending.push_back(n),
                Ok(other) => panic!("unexpected message {other:?}"),
                Err(e) => panic!("no response to {method}: {e}"),
            }
        }
    }

    fn next_notification(&mut self) -> Notification {
        if let Some(n) = self.pending.pop_front() {
            return n;
        }
        match self.conn.receiver.recv_timeout(WAIT) {
            Ok(Message::Notification(n)) => n,
            Ok(other) => panic!("unexpected message {other:?}"),
            Err(e) => panic!("no notification: {e}"),
        }
    }

    /// The next diagnostics published for `version` that satisfy `want`.
    fn diagnostics(
        &mut self,
        version: i32,
        want: impl Fn(&PublishDiagnosticsParams) -> bool,
    ) -> PublishDiagnosticsParams {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            let n = self.next_notification();
            if n.method != PublishDiagnostics::METHOD {
                continue;
            }
            let p: PublishDiagnosticsParams =
                serde_json::from_value(n.params).expect("publishDiagnostics params");
            if p.version == Some(version) && want(&p) {
                return p;
            }
        }
        panic!("no matching diagnostics for version {version}");
    }

    fn open(&self, version: i32, text: &str) {
        self.notify::<DidOpenTextDocument>(DidOpenTextDocumentParams {
            text_document: TextDocumentItem::new(uri(), "stargate".into(), version, text.into()),
        });
    }

    fn change(&self, version: i32, text: &str) {
        self.notify::<DidChangeTextDocument>(DidChangeTextDocumentParams {
            text_document: VersionedTextDocumentIdentifier::new(uri(), version),
            content_changes: vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: text.into(),
            }],
        });
    }

    fn save(&self) {
        self.notify::<DidSaveTextDocument>(DidSaveTextDocumentParams {
            text_document: TextDocumentIdentifier::new(uri()),
            text: None,
        });
    }

    fn at(&self, position: Position) -> TextDocumentPositionParams {
        TextDocumentPositionParams::new(TextDocumentIdentifier::new(uri()), position)
    }

    fn hover(&mut self, position: Position) -> Option<String> {
        let params = HoverParams {
            text_document_position_params: self.at(position),
            work_done_progress_params: WorkDoneProgressParams::default(),
        };
        let value = self.request::<HoverRequest>(params).expect("hover answers");
        let hover: Option<Hover> = serde_json::from_value(value).expect("a hover");
        hover.map(|h| match h.contents {
            HoverContents::Markup(m) => m.value,
            other => panic!("unexpected hover contents {other:?}"),
        })
    }

    /// Shutdown, then exit: the server's exit status.
    fn stop(mut self) -> u8 {
        let answer = self.request::<Shutdown>(());
        assert_eq!(answer.ok(), Some(Value::Null));
        self.notify::<Exit>(());
        self.server.join().expect("the server thread ends")
    }
}

fn codes(p: &PublishDiagnosticsParams) -> Vec<String> {
    p.diagnostics
        .iter()
        .filter_map(|d| match &d.code {
            Some(NumberOrString::String(c)) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

fn has_code(p: &PublishDiagnosticsParams, code: &str) -> bool {
    codes(p).iter().any(|c| c == code)
}

#[test]
fn typo_is_reported_on_open_and_gone_after_the_fix() {
    let mut c = Client::start();
    let typo = POLICY.replace("knows admin_key", "knows admin_kye");
    c.open(1, &typo);
    let p = c.diagnostics(1, |_| true);
    assert_eq!(codes(&p), ["stargate::model::undefined_name"], "{p:?}");
    let d = &p.diagnostics[0];
    let at = pos(&typo, "admin_kye", 0);
    assert_eq!(d.range.start, at);
    assert_eq!(d.range.end, Position::new(at.line, at.character + 9));
    assert_eq!(d.source.as_deref(), Some("stargate-verify"));
    assert_eq!(d.severity, Some(lsp_types::DiagnosticSeverity::ERROR));
    assert!(
        d.message.contains("did you mean `admin_key`?"),
        "{}",
        d.message
    );
    let related = d.related_information.clone().unwrap_or_default();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0].location.range.start, pos(&typo, "admin_key", 0));

    c.change(2, POLICY);
    let p = c.diagnostics(2, |_| true);
    assert!(p.diagnostics.is_empty(), "{p:?}");
    assert_eq!(c.stop(), 0);
}

#[test]
fn refuted_assertion_is_an_error_on_its_line() {
    let mut c = Client::start();
    c.open(1, POLICY);
    // Diagnostics first (none), then the verdicts.
    let p = c.diagnostics(1, |p| !p.diagnostics.is_empty());
    assert_eq!(codes(&p), ["stargate::verify::refuted"], "{p:?}");
    let d = &p.diagnostics[0];
    assert_eq!(d.range.start, pos(POLICY, "db_private", 0));
    assert_eq!(d.severity, Some(lsp_types::DiagnosticSeverity::ERROR));
    assert!(
        d.message
            .starts_with("assertion `db_private` is refuted: a request from `internet`"),
        "{}",
        d.message
    );
    assert!(d.message.contains("1. internet ("), "{}", d.message);
    // The hop is admitted by the `listen` line: related information points there.
    let related = d.related_information.clone().unwrap_or_default();
    assert!(
        related
            .iter()
            .any(|r| r.location.range.start.line == pos(POLICY, "listen 5432", 0).line),
        "{related:?}"
    );
    // Hover on the assertion tells its property and last verdict.
    let hover = c.hover(pos(POLICY, "db_private", 0)).expect("a hover");
    assert!(hover.contains("no connection internet -> db"), "{hover}");
    assert!(hover.contains("Last verdict: **refuted**"), "{hover}");
    assert!(
        hover.contains("A request from `internet` connects to `db` in 1 hop."),
        "{hover}"
    );
    assert!(hover.contains("\n1. internet ("), "{hover}");
    let hover = c
        .hover(pos(POLICY, "branch_reaches_db", 0))
        .expect("a hover");
    assert!(hover.contains("Last verdict: **proved**"), "{hover}");
    assert_eq!(c.stop(), 0);
}

#[test]
fn verdicts_follow_edits_while_their_assertion_parses() {
    let mut c = Client::start();
    c.open(1, POLICY);
    c.diagnostics(1, |p| has_code(p, "stargate::verify::refuted"));

    // A line added above: the verdict moves down with its assertion and hops.
    let shifted = format!("# a comment\n{POLICY}");
    c.change(2, &shifted);
    let p = c.diagnostics(2, |_| true);
    assert_eq!(codes(&p), ["stargate::verify::refuted"], "{p:?}");
    assert_eq!(p.diagnostics[0].range.start, pos(&shifted, "db_private", 0));
    let related = p.diagnostics[0]
        .related_information
        .clone()
        .unwrap_or_default();
    assert!(
        related
            .iter()
            .any(|r| r.location.range.start.line == pos(&shifted, "listen 5432", 0).line),
        "{related:?}"
    );

    // The property edited: its old verdict no longer applies.
    let edited = shifted.replace("no connection internet -> db", "no path internet -> db");
    c.change(3, &edited);
    let p = c.diagnostics(3, |_| true);
    assert!(p.diagnostics.is_empty(), "{p:?}");

    // A syntax error in the assertion: the verdict is dropped, the error shown.
    c.change(4, &shifted);
    c.diagnostics(4, |_| true);
    let broken = shifted.replace("no connection internet -> db", "no connection internet ->");
    c.change(5, &broken);
    let p = c.diagnostics(5, |_| true);
    assert!(!has_code(&p, "stargate::verify::refuted"), "{p:?}");
    assert!(p
        .diagnostics
        .iter()
        .any(|d| d.severity == Some(lsp_types::DiagnosticSeverity::ERROR)));
    assert_eq!(c.stop(), 0);
}

#[test]
fn stale_verdicts_are_dropped_and_save_verifies_again() {
    let mut c = Client::start();
    c.open(1, POLICY);
    // Changed before the verifier can have answered for version 1.
    let edited = format!("{POLICY}# edited\n");
    c.change(2, &edited);
    c.diagnostics(2, |_| true);
    // Wait until the run for version 1 has come back (the hover says so).
    let deadline = Instant::now() + WAIT;
    loop {
        let hover = c.hover(pos(&edited, "db_private", 0)).expect("a hover");
        if !hover.contains("verifying") {
            assert!(hover.contains("Not verified yet"), "{hover}");
            break;
        }
        assert!(Instant::now() < deadline, "verification never ended");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Its verdicts were never published.
    while let Some(n) = c.pending.pop_front() {
        if n.method == PublishDiagnostics::METHOD {
            let p: PublishDiagnosticsParams = serde_json::from_value(n.params).expect("params");
            assert!(!has_code(&p, "stargate::verify::refuted"), "{p:?}");
        }
    }
    c.save();
    let p = c.diagnostics(2, |p| has_code(p, "stargate::verify::refuted"));
    assert_eq!(p.diagnostics[0].range.start, pos(&edited, "db_private", 0));
    assert_eq!(c.stop(), 0);
}

#[test]
fn hover_and_definition_on_a_let() {
    let mut c = Client::start();
    c.open(1, POLICY);
    c.diagnostics(1, |_| true);
    // On the use inside `zone branch`.
    let use_at = pos(POLICY, "office", 2);
    let hover = c.hover(use_at).expect("a hover on a let");
    assert!(hover.starts_with("**let** `office`"), "{hover}");
    assert!(
        hover.contains("Resolves to 10.1.0.0/16, 10.2.0.0/16: 131,072 addresses."),
        "{hover}"
    );
    assert!(hover.contains("Used 2 times."), "{hover}");

    let params = GotoDefinitionParams {
        text_document_position_params: c.at(use_at),
        work_done_progress_params: WorkDoneProgressParams::default(),
        partial_result_params: PartialResultParams::default(),
    };
    let value = c
        .request::<GotoDefinition>(params)
        .expect("definition answers");
    let def: Option<GotoDefinitionResponse> = serde_json::from_value(value).expect("locations");
    let Some(GotoDefinitionResponse::Array(locations)) = def else {
        panic!("no definition: {def:?}");
    };
    assert_eq!(locations.len(), 1);
    assert_eq!(locations[0].uri, uri());
    let decl = pos(POLICY, "office", 0);
    assert_eq!(
        locations[0].range,
        Range::new(decl, Position::new(decl.line, decl.character + 6))
    );

    // A node: its kind, addresses and listen lines; a secret: its external id.
    let arrow = pos(POLICY, "-> db", 0);
    let db_use = Position::new(arrow.line, arrow.character + 3);
    let hover = c.hover(db_use).expect("a hover on a node");
    assert!(hover.starts_with("**service** `db`"), "{hover}");
    assert!(
        hover.contains("Addresses: 10.7.0.0/24; 256 addresses."),
        "{hover}"
    );
    assert!(hover.contains("line 11: `listen 5432 from any`"), "{hover}");
    let hover = c
        .hover(pos(POLICY, "admin_key", 1))
        .expect("a hover on a secret");
    assert!(hover.contains("External id: `vault/admin-key`"), "{hover}");
    assert!(hover.contains("Known by: `branch`."), "{hover}");
    // Between names: nothing.
    assert_eq!(c.hover(pos(POLICY, "5432", 0)), None);
    assert_eq!(c.stop(), 0);
}

#[test]
fn references_with_and_without_the_declaration() {
    let mut c = Client::start();
    c.open(1, POLICY);
    c.diagnostics(1, |_| true);
    let mut refs = |include_declaration: bool| -> Vec<Position> {
        let params = ReferenceParams {
            text_document_position: c.at(pos(POLICY, "office", 1)),
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
            context: ReferenceContext {
                include_declaration,
            },
        };
        let value = c.request::<References>(params).expect("references answer");
        let locations: Vec<Location> = serde_json::from_value(value).expect("locations");
        locations.into_iter().map(|l| l.range.start).collect()
    };
    let uses = vec![pos(POLICY, "office", 1), pos(POLICY, "office", 2)];
    assert_eq!(refs(false), uses);
    let mut all = vec![pos(POLICY, "office", 0)];
    all.extend(uses);
    assert_eq!(refs(true), all);
    assert_eq!(c.stop(), 0);
}

#[test]
fn document_symbols_list_every_declaration() {
    let mut c = Client::start();
    c.open(1, POLICY);
    c.diagnostics(1, |_| true);
    let params = DocumentSymbolParams {
        text_document: TextDocumentIdentifier::new(uri()),
        work_done_progress_params: WorkDoneProgressParams::default(),
        partial_result_params: PartialResultParams::default(),
    };
    let value = c
        .request::<DocumentSymbolRequest>(params)
        .expect("symbols answer");
    let Some(DocumentSymbolResponse::Nested(symbols)) =
        serde_json::from_value(value).expect("symbols")
    else {
        panic!("no nested symbols");
    };
    let got: Vec<(String, SymbolKind, String)> = symbols
        .iter()
        .map(|s| (s.name.clone(), s.kind, s.detail.clone().unwrap_or_default()))
        .map(|(n, k, d)| (n, k, d.split(' ').next().unwrap_or("").to_string()))
        .collect();
    let want = [
        ("lsp_test", SymbolKind::MODULE, "policy"),
        ("office", SymbolKind::VARIABLE, "let"),
        ("admin_key", SymbolKind::KEY, "secret"),
        ("internet", SymbolKind::NAMESPACE, "zone"),
        ("branch", SymbolKind::NAMESPACE, "zone"),
        ("db", SymbolKind::CLASS, "service"),
        ("db_private", SymbolKind::BOOLEAN, "assert"),
        ("branch_reaches_db", SymbolKind::BOOLEAN, "assert"),
    ];
    let want: Vec<(String, SymbolKind, String)> = want
        .iter()
        .map(|(n, k, d)| (n.to_string(), *k, d.to_string()))
        .collect();
    assert_eq!(got, want);
    // The service's range covers its body; the selection is its name.
    let db = &symbols[5];
    assert_eq!(db.selection_range.start, pos(POLICY, "db", 0));
    assert_eq!(db.range.start, pos(POLICY, "service db", 0));
    assert_eq!(db.range.end.line, pos(POLICY, "on 5432", 0).line + 1);
    assert_eq!(c.stop(), 0);
}

#[test]
fn quick_fix_replaces_the_misspelt_name() {
    let mut c = Client::start();
    let typo = POLICY.replace("except [10.0.0.0/8, office]", "except [10.0.0.0/8, ofice]");
    c.open(1, &typo);
    let p = c.diagnostics(1, |_| true);
    assert_eq!(codes(&p), ["stargate::model::undefined_name"]);
    let at = pos(&typo, "ofice", 0);
    let params = CodeActionParams {
        text_document: TextDocumentIdentifier::new(uri()),
        range: Range::new(at, at),
        context: CodeActionContext {
            diagnostics: p.diagnostics.clone(),
            only: None,
            trigger_kind: None,
        },
        work_done_progress_params: WorkDoneProgressParams::default(),
        partial_result_params: PartialResultParams::default(),
    };
    let value = c
        .request::<CodeActionRequest>(params)
        .expect("code actions answer");
    let actions: Vec<CodeActionOrCommand> = serde_json::from_value(value).expect("actions");
    let [CodeActionOrCommand::CodeAction(action)] = actions.as_slice() else {
        panic!("expected one code action: {actions:?}");
    };
    assert_eq!(action.title, "Replace `ofice` with `office`");
    assert_eq!(action.kind, Some(lsp_types::CodeActionKind::QUICKFIX));
    // (Not bound to a name: clippy flags maps keyed by `Uri`.)
    let edits = action
        .edit
        .as_ref()
        .and_then(|e| e.changes.as_ref())
        .and_then(|changes| changes.get(&uri()))
        .expect("edits for the document in the workspace edit");
    assert_eq!(edits.len(), 1);
    assert_eq!(
        edits[0].range,
        Range::new(at, Position::new(at.line, at.character + 5))
    );
    assert_eq!(edits[0].new_text, "office");
    // Applying it fixes the file.
    c.change(2, &typo.replace("ofice", "office"));
    assert!(c.diagnostics(2, |_| true).diagnostics.is_empty());
    assert_eq!(c.stop(), 0);
}

/// The byte offset of a position (UTF-16 columns).
fn offset(text: &str, p: Position) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(p.line as usize)
        .map(str::len)
        .sum();
    let mut units = 0;
    for (i, ch) in text[start..].char_indices() {
        if units >= p.character as usize || ch == '\n' {
            return start + i;
        }
        units += ch.len_utf16();
    }
    text.len()
}

fn formatting(c: &mut Client) -> Result<Vec<TextEdit>, lsp_server::ResponseError> {
    let params = DocumentFormattingParams {
        text_document: TextDocumentIdentifier::new(uri()),
        options: FormattingOptions {
            tab_size: 2,
            insert_spaces: true,
            ..FormattingOptions::default()
        },
        work_done_progress_params: WorkDoneProgressParams::default(),
    };
    c.request::<Formatting>(params)
        .map(|v| serde_json::from_value::<Option<Vec<TextEdit>>>(v).expect("edits"))
        .map(Option::unwrap_or_default)
}

#[test]
fn formatting_edits_give_what_fmt_prints() {
    let mut c = Client::start();
    let messy = "policy   x\nzone internet {   addresses any }\n\
                 service  app { addresses 10.0.1.0/24\n listen 443 tls   # é comment\n}\n";
    let want = stargate_verify::fmt::format(messy).expect("the policy formats");
    assert_ne!(want, messy);
    c.open(1, messy);
    c.diagnostics(1, |_| true);
    let edits = formatting(&mut c).expect("formatting answers");
    let mut text = messy.to_string();
    for e in edits.iter().rev() {
        let (start, end) = (offset(&text, e.range.start), offset(&text, e.range.end));
        text.replace_range(start..end, &e.new_text);
    }
    assert_eq!(text, want);
    // Formatted already: nothing to do.
    c.change(2, &want);
    c.diagnostics(2, |_| true);
    assert_eq!(formatting(&mut c).expect("formatting answers"), []);
    // A syntax error: refused, with the reason.
    c.change(3, "zone internet {");
    c.diagnostics(3, |_| true);
    let e = formatting(&mut c).expect_err("formatting refuses");
    assert_eq!(e.code, ErrorCode::RequestFailed as i32);
    assert!(
        e.message
            .starts_with("cannot format a policy with syntax errors: line 1"),
        "{}",
        e.message
    );
    assert_eq!(c.stop(), 0);
}

#[test]
fn bad_requests_and_bad_text_do_not_stop_the_server() {
    let mut c = Client::start();
    // Unknown method.
    let e = c
        .raw_request("stargate/unknown", json!({}))
        .expect_err("an error");
    assert_eq!(e.code, ErrorCode::MethodNotFound as i32);
    // Parameters of the wrong shape.
    let e = c
        .raw_request(HoverRequest::METHOD, json!({"textDocument": 3}))
        .expect_err("an error");
    assert_eq!(e.code, ErrorCode::InvalidParams as i32);
    // A document never opened: no hover, no symbols.
    assert_eq!(c.hover(Position::new(0, 0)), None);
    // Text that is partial, hostile or nonsense: diagnostics, never a crash.
    let texts: [&str; 9] = [
        "",
        "zone",
        "zone a { addresses",
        "service s { listen 443 from \"",
        "assert a: no path",
        "\u{feff}😀 ∀ \u{0}",
        &"[".repeat(10_000),
        &"(".repeat(10_000),
        &POLICY[..POLICY.len() / 2],
    ];
    c.open(1, texts[0]);
    c.diagnostics(1, |_| true);
    for (i, text) in texts.iter().enumerate() {
        let version = i as i32 + 2;
        c.change(version, text);
        c.diagnostics(version, |_| true);
        // Requests anywhere in it, even past its end, still answer.
        for position in [
            Position::new(0, 0),
            Position::new(0, 3),
            Position::new(99, 99),
        ] {
            c.hover(position);
        }
    }
    // Still serving.
    c.change(99, POLICY);
    assert!(c.diagnostics(99, |_| true).diagnostics.is_empty());
    // After shutdown, requests are refused and exit ends with status 0.
    let answer = c.request::<Shutdown>(());
    assert_eq!(answer.ok(), Some(Value::Null));
    let e = c
        .raw_request(HoverRequest::METHOD, json!({}))
        .expect_err("refused after shutdown");
    assert_eq!(e.code, ErrorCode::InvalidRequest as i32);
    c.notify::<Exit>(());
    assert_eq!(c.server.join().expect("the server thread ends"), 0);
}

#[test]
fn exit_without_shutdown_is_status_one() {
    let c = Client::start();
    c.notify::<Exit>(());
    assert_eq!(c.server.join().expect("the server thread ends"), 1);
}

/// How long the server takes to publish diagnostics for the sandbox policy
/// after a change. Run with `--nocapture` to see the figures (recorded in
/// docs/editors.md); the assertions check the answers, not the times.
#[test]
fn sandbox_diagnostics_latency() {
    let sandbox =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/policies/sandbox.sg"))
            .expect("the sandbox policy");
    let typo = sandbox.replacen("except private_ranges", "except private_range", 1);
    let typo_at = pos(&typo, "private_range", 1);
    let mut c = Client::start();
    // Opened with the typo, so that no verification runs during the loop.
    c.open(1, &typo);
    c.diagnostics(1, |_| true);
    let measure = |c: &mut Client, first: i32, rounds: i32| -> Vec<Duration> {
        (first..first + rounds)
            .map(|version| {
                let (text, broken) = if version % 2 == 0 {
                    (&sandbox, false)
                } else {
                    (&typo, true)
                };
                let started = Instant::now();
                c.change(version, text);
                let p = c.diagnostics(version, |_| true);
                let took = started.elapsed();
                let errors: Vec<&lsp_types::Diagnostic> = p
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Some(lsp_types::DiagnosticSeverity::ERROR))
                    .collect();
                if broken {
                    assert_eq!(errors.len(), 1, "{p:?}");
                    assert_eq!(errors[0].range.start, typo_at);
                } else {
                    // Only verdicts (when present) are errors in the sandbox.
                    assert!(errors.iter().all(|d| d.message.starts_with("assertion")));
                }
                took
            })
            .collect()
    };
    let idle = measure(&mut c, 2, 40);
    // Now with the verifier busy on the other core(s): save a clean version
    // and keep typing.
    c.change(42, &sandbox);
    c.diagnostics(42, |_| true);
    c.save();
    let busy = measure(&mut c, 43, 10);
    for (what, mut times) in [("idle", idle), ("while verifying", busy)] {
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "sandbox.sg ({} bytes) change -> publishDiagnostics, {what}: median {:.1} ms, \
             min {:.1} ms, max {:.1} ms over {} changes",
            sandbox.len(),
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1]),
            times.len()
        );
    }
    assert_eq!(c.stop(), 0);
}

/// Content-Length framed JSON-RPC, as on the wire.
fn frame(msg: &Value) -> Vec<u8> {
    let body = msg.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

#[test]
fn the_binary_speaks_lsp_over_stdio() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        while let Some(msg) = read_frame(&mut r) {
            if tx.send(msg).is_err() {
                break;
            }
        }
    });
    let mut send = |msg: Value| {
        stdin.write_all(&frame(&msg)).expect("write to the server");
        stdin.flush().expect("flush");
    };
    let next = |pred: &dyn Fn(&Value) -> bool| -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = rx.recv_timeout(left).expect("the server answers in time");
            if pred(&msg) {
                return msg;
            }
        }
    };

    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    let init = next(&|m| m["id"] == 1);
    assert_eq!(init["result"]["capabilities"]["hoverProvider"], true);
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));

    let text = "zone internet { addresses any }\n\nservice app {\n  addresses 10.20.1.0/24\n  listen 443 from internt\n}\n";
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///tmp/app.sg", "languageId": "stargate", "version": 1, "text": text}}}),
    );
    let published = next(&|m| m["method"] == "textDocument/publishDiagnostics");
    let diags = published["params"]["diagnostics"]
        .as_array()
        .expect("diagnostics");
    assert_eq!(diags.len(), 1, "{published}");
    assert_eq!(diags[0]["code"], "stargate::model::undefined_name");
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 4, "character": 18})
    );

    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    let down = next(&|m| m["id"] == 2);
    assert_eq!(down["result"], Value::Null);
    send(json!({"jsonrpc": "2.0", "method": "exit"}));

    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the server") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server did not exit");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(0));
}
