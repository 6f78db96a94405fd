//! Semantic tokens from the editor server, asked for as an editor asks: the
//! legend in the `initialize` answer, then `textDocument/semanticTokens/full`
//! on the sandbox, decoded and checked at known places.

use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{DidOpenTextDocument, Exit, Initialized};
use lsp_types::request::{Initialize, Request as _, SemanticTokensFullRequest, Shutdown};
use lsp_types::{
    DidOpenTextDocumentParams, InitializeParams, PartialResultParams, SemanticTokens,
    SemanticTokensParams, TextDocumentIdentifier, TextDocumentItem, Uri, WorkDoneProgressParams,
};
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(60);

fn request(conn: &Connection, id: i32, method: &str, params: Value) -> Value {
    let id = RequestId::from(id);
    conn.sender
        .send(Request::new(id.clone(), method.into(), params).into())
        .expect("server is listening");
    loop {
        match conn.receiver.recv_timeout(WAIT) {
            Ok(Message::Response(Response {
                id: rid,
                response_result,
            })) if rid == id => return response_result.expect("a result"),
            Ok(Message::Notification(_)) => {}
            Ok(other) => panic!("unexpected message {other:?}"),
            Err(e) => panic!("no response to {method}: {e}"),
        }
    }
}

fn notify<N: lsp_types::notification::Notification>(conn: &Connection, params: N::Params) {
    conn.sender
        .send(Notification::new(N::METHOD.into(), params).into())
        .expect("server is listening");
}

/// One decoded token: line, UTF-16 column, length, type name, modifier names.
#[derive(Debug, Clone)]
struct Tok {
    line: usize,
    col: usize,
    len: usize,
    kind: String,
    modifiers: Vec<String>,
}

#[test]
fn the_sandbox_is_coloured_by_what_each_word_denotes() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/policies/sandbox.sg"))
        .expect("read the sandbox");
    let (server, conn) = Connection::memory();
    let handle = std::thread::spawn(move || stargate_verify::lsp::serve(server));
    let init = request(
        &conn,
        1,
        Initialize::METHOD,
        serde_json::to_value(InitializeParams::default()).expect("params"),
    );
    let legend = &init["capabilities"]["semanticTokensProvider"]["legend"];
    let names = |key: &str| -> Vec<String> {
        legend[key]
            .as_array()
            .expect("legend list")
            .iter()
            .map(|v| v.as_str().unwrap_or("").to_string())
            .collect()
    };
    let (types, modifiers) = (names("tokenTypes"), names("tokenModifiers"));
    assert_eq!(init["capabilities"]["semanticTokensProvider"]["full"], true);
    notify::<Initialized>(&conn, lsp_types::InitializedParams {});
    let uri: Uri = "file:///work/sandbox.sg".parse().expect("uri");
    notify::<DidOpenTextDocument>(
        &conn,
        DidOpenTextDocumentParams {
            text_document: TextDocumentItem::new(uri.clone(), "stargate".into(), 1, text.clone()),
        },
    );
    let answer = request(
        &conn,
        2,
        SemanticTokensFullRequest::METHOD,
        serde_json::to_value(SemanticTokensParams {
            text_document: TextDocumentIdentifier::new(uri),
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
        })
        .expect("params"),
    );
    let tokens: SemanticTokens = serde_json::from_value(answer).expect("semantic tokens");

    // Decode the relative positions.
    let (mut line, mut col) = (0usize, 0usize);
    let decoded: Vec<Tok> = tokens
        .data
        .iter()
        .map(|t| {
            if t.delta_line > 0 {
                line += t.delta_line as usize;
                col = t.delta_start as usize;
            } else {
                col += t.delta_start as usize;
            }
            Tok {
                line,
                col,
                len: t.length as usize,
                kind: types[t.token_type as usize].clone(),
                modifiers: modifiers
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| t.token_modifiers_bitset & (1 << i) != 0)
                    .map(|(_, m)| m.clone())
                    .collect(),
            }
        })
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    let word = |t: &Tok| -> String {
        lines
            .get(t.line)
            .map(|l| l.chars().skip(t.col).take(t.len).collect())
            .unwrap_or_default()
    };
    // Tokens are in order, never overlap, and stay on their line.
    for pair in decoded.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            b.line > a.line || b.col >= a.col + a.len,
            "{a:?} then {b:?}"
        );
    }
    for t in &decoded {
        let len = lines.get(t.line).map_or(0, |l| l.encode_utf16().count());
        assert!(t.col + t.len <= len, "{t:?} past the end of its line");
    }
    // The kind of the token that reads `what` on the first line containing `context`.
    let kind_at = |context: &str, what: &str| -> (String, Vec<String>) {
        let (l, line_text) = lines
            .iter()
            .enumerate()
            .find(|(_, l)| l.contains(context))
            .unwrap_or_else(|| panic!("no line with `{context}`"));
        let start = line_text.find(context).unwrap_or(0) + context.find(what).unwrap_or(0);
        let col = line_text[..start].encode_utf16().count();
        let t = decoded
            .iter()
            .find(|t| t.line == l && t.col == col)
            .unwrap_or_else(|| panic!("no token at `{what}` in `{line_text}`"));
        assert_eq!(word(t), what, "the token's extent");
        (t.kind.clone(), t.modifiers.clone())
    };
    let is = |context: &str, what: &str, kind: &str, mods: &[&str]| {
        let (k, m) = kind_at(context, what);
        assert_eq!(k, kind, "kind of `{what}` in `{context}`");
        assert_eq!(m, mods, "modifiers of `{what}` in `{context}`");
    };
    is(
        "# Stargate Sandbox: network",
        "# Stargate Sandbox: network security, encoded as a stargate-verify policy.",
        "comment",
        &[],
    );
    is("policy stargate_sandbox", "policy", "keyword", &[]);
    is(
        "policy stargate_sandbox",
        "stargate_sandbox",
        "namespace",
        &["declaration"],
    );
    is(
        "let vpc = 10.20.0.0/16",
        "vpc",
        "variable",
        &["declaration", "readonly"],
    );
    is("let vpc = 10.20.0.0/16", "=", "operator", &[]);
    is(
        "let vpc = 10.20.0.0/16",
        "10.20.0.0/16",
        "number",
        &["address"],
    );
    is(
        "secret origin_verify",
        "origin_verify",
        "variable",
        &["declaration", "readonly", "secret"],
    );
    is(
        "secret origin_verify \"stargate-sandbox/origin-verify-secret\"",
        "\"stargate-sandbox/origin-verify-secret\"",
        "string",
        &[],
    );
    is("zone internet {", "zone", "type", &[]);
    is(
        "zone internet {",
        "internet",
        "class",
        &["declaration", "zone"],
    );
    is(
        "proxy cloudfront {",
        "cloudfront",
        "class",
        &["declaration", "proxy"],
    );
    is(
        "knows admin_secret, litellm_master_key",
        "knows",
        "keyword",
        &[],
    );
    is(
        "knows admin_secret, litellm_master_key",
        "admin_secret",
        "variable",
        &["readonly", "secret"],
    );
    is("listen 443 tls from any", "443", "number", &["port"]);
    is("listen 443 tls from any", "tls", "keyword", &[]);
    is("deny 403 when opaque ip_reputation", "403", "number", &[]);
    is(
        "deny 403 when opaque ip_reputation",
        "ip_reputation",
        "event",
        &[],
    );
    is("deny 403 when path in [/key/*", "/key/*", "regexp", &[]);
    is(
        "and header X-Admin-Secret != admin_secret",
        "X-Admin-Secret",
        "property",
        &[],
    );
    is(
        "and header X-Admin-Secret != admin_secret",
        "!=",
        "operator",
        &[],
    );
    is(
        "assert metrics_not_public",
        "metrics_not_public",
        "function",
        &["declaration"],
    );
    is(
        "no path internet -> litellm where path in /metrics/",
        "litellm",
        "class",
        &["service"],
    );
    is(
        "no path internet -> litellm where path in /metrics/",
        "->",
        "operator",
        &[],
    );

    let answer = request(&conn, 3, Shutdown::METHOD, Value::Null);
    assert_eq!(answer, Value::Null);
    notify::<Exit>(&conn, ());
    assert_eq!(handle.join().expect("server ends"), 0);
}
