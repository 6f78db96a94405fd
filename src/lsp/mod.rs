//! The editor front end: `stargate-verify lsp` speaks the Language Server
//! Protocol over stdin and stdout. A thin adapter over the pipeline the
//! command line runs: diagnostics come from [`crate::analyze`] with the
//! same codes, verdicts from [`crate::verify::verify`] told by
//! [`crate::report::story`].
//!
//! One synchronous loop (as in rust-analyzer's `lsp-server` example)
//! serves requests and full-text document changes; verification runs on a
//! worker thread, one run at a time, so typing never waits for the solver.
//! A request that fails becomes an error response and the loop goes on.
//! Formatting is [`crate::fmt::format`], as `stargate-verify fmt` runs it;
//! semantic tokens ([`semantic`]) colour the text in every LSP editor.

mod actions;
mod convert;
mod document;
mod index;
mod navigate;
pub mod semantic;
mod settings;
mod worker;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

use lsp_server::{
    Connection, ErrorCode, Message, Notification, Request, RequestId, Response, ResponseError,
};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Exit,
    LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, References,
    Request as _, SemanticTokensFullRequest, Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, DocumentSymbolResponse,
    GotoDefinitionResponse, HoverProviderCapability, LogMessageParams, MessageType, OneOf,
    PositionEncodingKind, PublishDiagnosticsParams, SaveOptions, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use convert::SOURCE;
use document::Document;
use worker::{Outcome, Worker};

/// Runs the server on stdin and stdout until the client says `exit`:
/// status 0 after a `shutdown` request, 1 otherwise (as the protocol says).
pub fn run() -> ExitCode {
    let (connection, io_threads) = Connection::stdio();
    // Without a session there is nothing to flush; the reader thread may
    // still wait on stdin, so do not wait for it.
    let Some(server) = Server::initialize(connection) else {
        return ExitCode::from(1);
    };
    let status = server.main_loop();
    if let Err(e) = io_threads.join() {
        eprintln!("stargate-verify lsp: {e}");
    }
    ExitCode::from(status)
}

/// Serves one client on a connection (stdio, or in memory for tests), from
/// `initialize` to `exit`; returns the process exit status.
pub fn serve(connection: Connection) -> u8 {
    match Server::initialize(connection) {
        Some(server) => server.main_loop(),
        None => 1,
    }
}

pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        semantic_tokens_provider: Some(semantic::capability()),
        ..ServerCapabilities::default()
    }
}

struct Server {
    connection: Connection,
    /// Open documents by URI.
    docs: HashMap<String, Document>,
    worker: Option<Worker>,
    /// Counts `didOpen`s, so that a result for an earlier opening of the same
    /// URI is never taken for the current one.
    openings: u64,
    shutdown: bool,
    /// The workspace's Terraform network (`terraform` in stargate.toml, the
    /// first one), read again when a document is saved.
    terraform: Option<(std::path::PathBuf, Vec<crate::terraform::VarArg>)>,
    network: Option<std::sync::Arc<crate::terraform::policy::Network>>,
}

impl Server {
    fn initialize(connection: Connection) -> Option<Server> {
        let result = serde_json::json!({
            "capabilities": capabilities(),
            "serverInfo": { "name": "stargate-verify", "version": env!("CARGO_PKG_VERSION") },
        });
        let started = connection
            .initialize_start()
            .and_then(|(id, params)| connection.initialize_finish(id, result).map(|()| params));
        let params = match started {
            Ok(p) => p,
            Err(e) => {
                eprintln!("stargate-verify lsp: {e}");
                return None;
            }
        };
        let (settings, problem) = settings::of_workspace(&params);
        // Leave a core to the loop that answers the editor while verifying.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let defaults = crate::verify::Options::default();
        let worker = Worker::start(crate::verify::Options {
            jobs: settings
                .jobs
                .filter(|&j| j > 0)
                .unwrap_or(cores.saturating_sub(1).max(1)),
            timeout: settings.timeout.unwrap_or(defaults.timeout),
            ..defaults
        });
        let terraform = settings.terraform.first().map(|tf| {
            let vars: Vec<crate::terraform::VarArg> = settings
                .var_files
                .iter()
                .cloned()
                .map(crate::terraform::VarArg::File)
                .collect();
            (tf.clone(), vars)
        });
        let network = terraform.as_ref().map(|(tf, vars)| {
            std::sync::Arc::new(crate::terraform::policy::Network::read(tf, vars))
        });
        let server = Server {
            connection,
            docs: HashMap::new(),
            worker,
            openings: 0,
            shutdown: false,
            terraform,
            network,
        };
        if let Some(problem) = problem {
            server.log(MessageType::WARNING, problem);
        }
        if server.worker.is_none() {
            server.log(
                MessageType::ERROR,
                "cannot start the verification thread; only diagnostics are available".into(),
            );
        }
        Some(server)
    }

    fn main_loop(mut self) -> u8 {
        let incoming = self.connection.receiver.clone();
        let mut results = self
            .worker
            .as_ref()
            .map_or_else(crossbeam_channel::never, |w| w.results.clone());
        loop {
            crossbeam_channel::select! {
                recv(incoming) -> msg => match msg {
                    // The client went away without `exit`.
                    Err(_) => return 1,
                    Ok(Message::Request(req)) => self.on_request(req),
                    Ok(Message::Notification(n)) if n.method == Exit::METHOD => {
                        return if self.shutdown { 0 } else { 1 };
                    }
                    Ok(Message::Notification(n)) => self.on_notification(n),
                    // The server sends no requests, so expects no responses.
                    Ok(Message::Response(_)) => {}
                },
                recv(results) -> outcome => match outcome {
                    Ok(outcome) => self.on_verified(outcome),
                    Err(_) => {
                        results = crossbeam_channel::never();
                        self.worker = None;
                        self.log(
                            MessageType::ERROR,
                            "the verification thread stopped; only diagnostics are available".into(),
                        );
                    }
                },
            }
        }
    }

    fn send(&self, msg: Message) {
        // A send fails only once the client is gone; the loop then ends
        // when its messages stop.
        let _ = self.connection.sender.send(msg);
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params).into());
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify::<LogMessage>(LogMessageParams { typ, message });
    }

    fn on_request(&mut self, req: Request) {
        let id = req.id.clone();
        let response = if self.shutdown {
            Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".into(),
            )
        } else if req.method == Shutdown::METHOD {
            self.shutdown = true;
            Response::new_ok(id, ())
        } else {
            let method = req.method.clone();
            guarded(id, &method, || self.dispatch(req))
        };
        self.send(response.into());
    }

    fn dispatch(&mut self, req: Request) -> Result<serde_json::Value, ResponseError> {
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let p = params::<HoverRequest>(req)?;
                let at = p.text_document_position_params;
                reply(
                    self.doc(&at.text_document.uri)
                        .and_then(|d| navigate::hover(d, at.position)),
                )
            }
            GotoDefinition::METHOD => {
                let p = params::<GotoDefinition>(req)?;
                let at = p.text_document_position_params;
                let found = self
                    .doc(&at.text_document.uri)
                    .map(|d| navigate::definition(d, at.position))
                    .unwrap_or_default();
                reply((!found.is_empty()).then_some(GotoDefinitionResponse::Array(found)))
            }
            References::METHOD => {
                let p = params::<References>(req)?;
                let at = p.text_document_position;
                reply(
                    self.doc(&at.text_document.uri).map(|d| {
                        navigate::references(d, at.position, p.context.include_declaration)
                    }),
                )
            }
            DocumentSymbolRequest::METHOD => {
                let p = params::<DocumentSymbolRequest>(req)?;
                reply(
                    self.doc(&p.text_document.uri)
                        .map(|d| DocumentSymbolResponse::Nested(navigate::symbols(d))),
                )
            }
            CodeActionRequest::METHOD => {
                let p = params::<CodeActionRequest>(req)?;
                reply(
                    self.doc(&p.text_document.uri)
                        .map(|d| actions::code_actions(d, p.range, p.context.only.as_deref())),
                )
            }
            SemanticTokensFullRequest::METHOD => {
                let p = params::<SemanticTokensFullRequest>(req)?;
                reply(self.doc(&p.text_document.uri).map(semantic::full))
            }
            Formatting::METHOD => {
                let p = params::<Formatting>(req)?;
                let Some(doc) = self.doc(&p.text_document.uri) else {
                    return reply(None::<()>);
                };
                let edits = actions::format(doc).map_err(|message| ResponseError {
                    code: ErrorCode::RequestFailed as i32,
                    message,
                    data: None,
                })?;
                reply(edits)
            }
            _ => Err(ResponseError {
                code: ErrorCode::MethodNotFound as i32,
                message: format!("unknown method `{}`", req.method),
                data: None,
            }),
        }
    }

    fn doc(&self, uri: &Uri) -> Option<&Document> {
        self.docs.get(uri.as_str())
    }

    fn on_notification(&mut self, n: Notification) {
        if self.shutdown {
            return;
        }
        let method = n.method.clone();
        match catch_unwind(AssertUnwindSafe(|| self.notification(n))) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => self.log(MessageType::WARNING, format!("{method}: {e}")),
            Err(panic) => self.log(
                MessageType::ERROR,
                format!(
                    "internal error in {method}: {}; please report it",
                    panic_message(panic.as_ref())
                ),
            ),
        }
    }

    fn notification(&mut self, n: Notification) -> Result<(), String> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p = note_params::<DidOpenTextDocument>(n)?;
                let doc = p.text_document;
                let key = doc.uri.as_str().to_string();
                self.openings += 1;
                let mut opened =
                    Document::open_with(doc.uri, doc.version, doc.text, self.network.clone());
                opened.opening = self.openings;
                self.docs.insert(key.clone(), opened);
                self.publish(&key);
                self.verify(&key);
            }
            DidChangeTextDocument::METHOD => {
                let p = note_params::<DidChangeTextDocument>(n)?;
                let key = p.text_document.uri.as_str();
                let doc = self
                    .docs
                    .get_mut(key)
                    .ok_or_else(|| format!("`{key}` was changed but never opened"))?;
                doc.change(p.text_document.version, p.content_changes);
                self.publish(key);
            }
            DidSaveTextDocument::METHOD => {
                let p = note_params::<DidSaveTextDocument>(n)?;
                let key = p.text_document.uri.as_str();
                // The Terraform files may have changed too.
                if let Some((tf, vars)) = &self.terraform {
                    let net =
                        std::sync::Arc::new(crate::terraform::policy::Network::read(tf, vars));
                    self.network = Some(net.clone());
                    if let Some(doc) = self.docs.get_mut(key) {
                        doc.network = Some(net);
                        let (version, text) = (doc.version, doc.text.clone());
                        doc.replace(version, text);
                    }
                    self.publish(key);
                }
                self.verify(key);
            }
            DidCloseTextDocument::METHOD => {
                let p = note_params::<DidCloseTextDocument>(n)?;
                self.docs.remove(p.text_document.uri.as_str());
                self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                    uri: p.text_document.uri,
                    diagnostics: Vec::new(),
                    version: None,
                });
            }
            // `initialized`, `$/cancelRequest` (requests are answered in
            // order, at once), `$/setTrace`, configuration changes, ...
            _ => {}
        }
        Ok(())
    }

    /// Publishes a document's diagnostics: the front end's for its current
    /// text, with the last verdicts that still apply.
    fn publish(&self, key: &str) {
        if let Some(doc) = self.docs.get(key) {
            self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                uri: doc.uri.clone(),
                diagnostics: doc.diagnostics(),
                version: Some(doc.version),
            });
        }
    }

    /// Queues the current version of a document for verification, if it
    /// checks without errors and is not verified or being verified already.
    fn verify(&mut self, key: &str) {
        let (Some(doc), Some(worker)) = (self.docs.get_mut(key), &self.worker) else {
            return;
        };
        let verified =
            !doc.verdicts.is_empty() && doc.verdicts.iter().all(|n| n.version == doc.version);
        if verified || doc.verifying == Some(doc.version) {
            return;
        }
        let Some(job) = doc.job() else {
            return;
        };
        if worker.submit(job) {
            doc.verifying = Some(doc.version);
        }
    }

    fn on_verified(&mut self, o: Outcome) {
        let Some(doc) = self.docs.get_mut(&o.uri) else {
            return;
        };
        if doc.opening != o.opening {
            return;
        }
        if doc.verifying == Some(o.version) {
            doc.verifying = None;
        }
        // Verdicts about a text that has changed since are dropped.
        if doc.version != o.version {
            return;
        }
        match o.notes {
            Ok(notes) => {
                doc.verdicts = notes;
                let key = o.uri;
                self.publish(&key);
            }
            Err(e) => self.log(MessageType::ERROR, e),
        }
    }
}

/// Runs a request's handler. Handlers do not panic on any input; should
/// one do so anyway, the request gets an internal error and the server
/// keeps serving (each handler only reads the state it answers from).
fn guarded(
    id: RequestId,
    method: &str,
    handler: impl FnOnce() -> Result<serde_json::Value, ResponseError>,
) -> Response {
    match catch_unwind(AssertUnwindSafe(handler)) {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err(e)) => Response {
            id,
            response_result: Err(e),
        },
        Err(panic) => Response::new_err(
            id,
            ErrorCode::InternalError as i32,
            format!(
                "internal error in {method}: {}; please report it",
                panic_message(panic.as_ref())
            ),
        ),
    }
}

fn params<R: lsp_types::request::Request>(req: Request) -> Result<R::Params, ResponseError>
where
    R::Params: DeserializeOwned,
{
    serde_json::from_value(req.params).map_err(|e| ResponseError {
        code: ErrorCode::InvalidParams as i32,
        message: format!("invalid parameters for {}: {e}", R::METHOD),
        data: None,
    })
}

fn note_params<N: lsp_types::notification::Notification>(
    n: Notification,
) -> Result<N::Params, String>
where
    N::Params: DeserializeOwned,
{
    serde_json::from_value(n.params).map_err(|e| format!("invalid parameters: {e}"))
}

fn reply(result: impl Serialize) -> Result<serde_json::Value, ResponseError> {
    serde_json::to_value(result).map_err(|e| ResponseError {
        code: ErrorCode::InternalError as i32,
        message: format!("cannot encode the result: {e}"),
        data: None,
    })
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_handler_becomes_an_internal_error() {
        let r = guarded(RequestId::from(7), "textDocument/hover", || panic!("boom"));
        assert_eq!(r.id, RequestId::from(7));
        let Err(e) = r.response_result else {
            panic!("expected an error response");
        };
        assert_eq!(e.code, ErrorCode::InternalError as i32);
        assert_eq!(
            e.message,
            "internal error in textDocument/hover: boom; please report it"
        );
        let r = guarded(RequestId::from(8), "x", || Ok(serde_json::Value::Null));
        assert!(r.response_result.is_ok());
    }
}
