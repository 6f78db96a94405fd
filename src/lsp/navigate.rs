//! Navigation over the name index: hover (what a name is and what it
//! resolves to), go to definition, find references, document symbols.
//! Addresses are shown resolved when the file checks without errors, since
//! only then does the model exist; the rest works on any text that parses.

use std::fmt::Write as _;

use lsp_types::{
    DocumentSymbol, Hover, HoverContents, Location, MarkupContent, MarkupKind, Position, SymbolKind,
};

use super::document::Document;
use super::index::{DeclKind, Declaration, Namespace, Occurrence};
use crate::model::{NodeKind, Policy};
use crate::report::story;
use crate::span::Span;
use crate::syntax::ast::{NodeItem, Statement};
use crate::verify::Status;

/// The identifier under the cursor.
fn occurrence_at(doc: &Document, at: Position) -> Option<&Occurrence> {
    doc.index.at(doc.lines().offset(at))
}

pub fn definition(doc: &Document, at: Position) -> Vec<Location> {
    let Some(o) = occurrence_at(doc, at) else {
        return Vec::new();
    };
    doc.index
        .definitions(o)
        .into_iter()
        .filter_map(|d| doc.location(d.name_span))
        .collect()
}

pub fn references(doc: &Document, at: Position, include_declaration: bool) -> Vec<Location> {
    let Some(o) = occurrence_at(doc, at) else {
        return Vec::new();
    };
    doc.index
        .references(o, include_declaration)
        .into_iter()
        .filter_map(|s| doc.location(s))
        .collect()
}

pub fn hover(doc: &Document, at: Position) -> Option<Hover> {
    let o = occurrence_at(doc, at)?;
    let text = match o.namespace {
        Namespace::Opaque => format!(
            "**opaque check** `{}`\n\nA check the verifier cannot see into; it tries both outcomes \
             (the same one at every node within one request). Used {}.",
            o.name,
            times(doc.index.use_count(Namespace::Opaque, &o.name))
        ),
        Namespace::Policy => format!("**policy** `{}`", o.name),
        Namespace::Names => match doc.index.definitions(o).first() {
            None => format!("`{}` is not defined", o.name),
            Some(decl) => describe(doc, decl),
        },
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(doc.lines().range(o.span)),
    })
}

fn describe(doc: &Document, decl: &Declaration) -> String {
    let model: Option<&Policy> = doc.analysis.model.as_deref();
    let mut out = format!("**{}** `{}`", decl.kind.keyword(), decl.name);
    match decl.kind {
        DeclKind::Let => {
            let _ = write!(out, "\n\n```sg\n{}\n```", source_line(doc, decl.span));
            match model.and_then(|m| m.lets.iter().find(|l| l.name == decl.name)) {
                Some(l) => {
                    let _ = write!(
                        out,
                        "\n\nResolves to {}: {}.",
                        crate::model::address::display_set(&l.addrs),
                        addresses(crate::model::address::count(&l.addrs))
                    );
                }
                None => out.push_str(UNRESOLVED),
            }
            let _ = write!(
                out,
                "\n\nUsed {}.",
                times(doc.index.use_count(Namespace::Names, &decl.name))
            );
        }
        DeclKind::Secret => {
            let external = match doc.analysis.ast.statements.get(decl.statement) {
                Some(Statement::Secret(s)) => s.external.as_ref().map(|e| e.value.clone()),
                _ => None,
            };
            match external {
                Some(e) => {
                    let _ = write!(out, "\n\nExternal id: `{}`", e.replace('`', "'"));
                }
                None => out.push_str("\n\nNo external id."),
            }
            let knowers = knowers(doc, &decl.name);
            if !knowers.is_empty() {
                let _ = write!(out, "\n\nKnown by: {}.", knowers.join(", "));
            }
        }
        DeclKind::Group => {
            let members = members(doc, &decl.name);
            if members.is_empty() {
                out.push_str("\n\nNo node is a member yet.");
            } else {
                let _ = write!(out, "\n\nMembers: {}.", members.join(", "));
            }
            out.push_str(
                "\n\nA `listen ... from` or `egress to` that names it admits its members, whatever their addresses.",
            );
        }
        DeclKind::Node(kind) => describe_node(doc, decl, kind, model, &mut out),
        DeclKind::Acl => {
            match model.and_then(|m| m.acls.iter().find(|a| a.name == decl.name)) {
                Some(a) => {
                    let _ = write!(
                        out,
                        "\n\nCovers {}; {} inbound and {} outbound entries, the first match deciding, then an implicit deny.",
                        crate::model::address::display_set(&a.covers),
                        a.inbound.len(),
                        a.outbound.len()
                    );
                }
                None => out.push_str(UNRESOLVED),
            }
            out.push_str(
                "\n\nA connection needs its request and a reply to a client port 1024-65535 to pass every ACL they cross.",
            );
        }
        DeclKind::Assert => {
            let property = story::property_text(&doc.source, decl.span);
            let _ = write!(out, "\n\n```sg\n{property}\n```\n\n");
            out.push_str(&verdict_text(doc, &decl.name));
        }
        DeclKind::Policy | DeclKind::Opaque => {}
    }
    out
}

fn describe_node(
    doc: &Document,
    decl: &Declaration,
    kind: NodeKind,
    model: Option<&Policy>,
    out: &mut String,
) {
    let node = model.and_then(|m| m.node_by_name(&decl.name).and_then(|i| m.nodes.get(i)));
    match node {
        Some(n) => {
            let _ = write!(
                out,
                "\n\nAddresses: {}; {}.",
                crate::model::address::display_set(&n.addrs),
                addresses(crate::model::address::count(&n.addrs))
            );
            if n.listens.is_empty() {
                out.push_str(if n.accepts_everything() {
                    "\n\nNo `listen` lines: as a zone, it admits every connection."
                } else {
                    "\n\nNo `listen` lines: it admits no connection."
                });
            } else {
                out.push_str("\n\nListens:");
                for l in &n.listens {
                    let _ = write!(
                        out,
                        "\n- {}: `{}` (ports {}{} from {})",
                        line(doc, l.span),
                        source_line(doc, l.span),
                        l.ports.display_ports(),
                        if l.tls { " tls" } else { "" },
                        crate::model::address::display_set(&l.from)
                    );
                }
            }
            out.push_str(match &n.egress {
                None => "\n\nEgress: anywhere (no `egress` lines).",
                Some(_) => "\n\nEgress: only as its `egress` lines allow.",
            });
        }
        None => {
            out.push_str(UNRESOLVED);
            let items = match doc.analysis.ast.statements.get(decl.statement) {
                Some(Statement::Node(n)) => n.items.as_slice(),
                _ => &[],
            };
            let listens: Vec<Span> = items
                .iter()
                .filter_map(|i| match i {
                    NodeItem::Listen { span, .. } => Some(*span),
                    _ => None,
                })
                .collect();
            if !listens.is_empty() {
                out.push_str("\n\nListens:");
                for s in listens {
                    let _ = write!(out, "\n- {}: `{}`", line(doc, s), source_line(doc, s));
                }
            } else if kind == NodeKind::Zone {
                out.push_str("\n\nNo `listen` lines: as a zone, it admits every connection.");
            }
        }
    }
}

const UNRESOLVED: &str = "\n\n*Addresses are resolved once the file has no errors.*";

fn verdict_text(doc: &Document, assertion: &str) -> String {
    let pending = doc
        .verifying
        .map(|v| format!(" (verifying version {v}…)"))
        .unwrap_or_default();
    match doc.verdict(assertion) {
        None => format!(
            "Not verified yet{pending}: verification runs when the file is opened or saved \
             without errors."
        ),
        Some(n) => {
            let mut text = format!(
                "Last verdict: **{}** (version {}, {} ms){pending}.",
                n.status.as_str(),
                n.version,
                n.elapsed.as_millis()
            );
            if let (Status::Refuted | Status::Unknown, Some(d)) = (n.status, &n.diagnostic) {
                // The summary after "assertion `x` is refuted: ", then the story.
                let summary = d.message.split_once(" is refuted: ").map_or("", |(_, s)| s);
                if !summary.is_empty() {
                    let _ = write!(text, "\n\n{}", capitalised(summary));
                }
                if let Some(story) = &d.help {
                    let _ = write!(text, "\n\n```text\n{story}\n```");
                }
            }
            text
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>() + "."
    })
}

/// The nodes whose `knows` lines name a secret.
fn knowers(doc: &Document, secret: &str) -> Vec<String> {
    nodes_with(doc, |item| match item {
        NodeItem::Knows { secrets, .. } => secrets.iter().any(|s| s.name == secret),
        _ => false,
    })
}

/// The nodes whose `member` lines name a group.
fn members(doc: &Document, group: &str) -> Vec<String> {
    nodes_with(doc, |item| match item {
        NodeItem::Member { groups, .. } => groups.iter().any(|g| g.name == group),
        _ => false,
    })
}

/// The nodes with a line for which `pred` holds, as `name` in backticks.
fn nodes_with(doc: &Document, pred: impl Fn(&NodeItem) -> bool) -> Vec<String> {
    doc.analysis
        .ast
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::Node(n) => Some(n),
            _ => None,
        })
        .filter(|n| n.items.iter().any(&pred))
        .map(|n| format!("`{}`", n.name.name))
        .collect()
}

pub fn symbols(doc: &Document) -> Vec<DocumentSymbol> {
    let lines = doc.lines();
    doc.index
        .declarations
        .iter()
        // The included files' declarations are those files' symbols.
        .filter(|d| doc.is_own(d.span))
        .map(|d| {
            let (kind, detail) = match d.kind {
                DeclKind::Policy => (SymbolKind::MODULE, "policy".to_string()),
                DeclKind::Let => (SymbolKind::VARIABLE, "let".to_string()),
                DeclKind::Secret => (SymbolKind::KEY, "secret".to_string()),
                DeclKind::Group => (SymbolKind::ENUM, "group".to_string()),
                DeclKind::Acl => (SymbolKind::STRUCT, "acl".to_string()),
                DeclKind::Opaque => (SymbolKind::FUNCTION, "opaque".to_string()),
                DeclKind::Node(NodeKind::Zone) => (SymbolKind::NAMESPACE, "zone".to_string()),
                DeclKind::Node(NodeKind::Service) => (SymbolKind::CLASS, "service".to_string()),
                DeclKind::Node(NodeKind::Proxy) => (SymbolKind::INTERFACE, "proxy".to_string()),
                DeclKind::Assert => {
                    let status = doc
                        .verdict(&d.name)
                        .map(|n| format!(" ({})", n.status.as_str()))
                        .unwrap_or_default();
                    (SymbolKind::BOOLEAN, format!("assert{status}"))
                }
            };
            #[allow(deprecated)] // `deprecated` has no default; `tags` replaces it.
            DocumentSymbol {
                name: d.name.clone(),
                detail: Some(detail),
                kind,
                tags: None,
                deprecated: None,
                range: lines.range(d.span),
                selection_range: lines.range(d.name_span),
                children: None,
            }
        })
        .collect()
}

/// A statement or line of the policy on one line, shortened if long.
fn source_line(doc: &Document, span: Span) -> String {
    let text = story::one_line(doc.source.text.get(span.start..span.end).unwrap_or(""));
    let text = text.replace('`', "'");
    match text.char_indices().nth(160) {
        Some((cut, _)) => format!("{} …", &text[..cut]),
        None => text,
    }
}

/// `line 12`, or `line 12 of other.sg` for a line in an included file.
fn line(doc: &Document, span: Span) -> String {
    doc.source.line_ref(span)
}

fn times(n: usize) -> String {
    match n {
        0 => "nowhere".into(),
        1 => "once".into(),
        n => format!("{n} times"),
    }
}

fn addresses(n: u128) -> String {
    // IPv6 counts are too long to read: give the power of two.
    if n > 1 << 48 {
        return format!("about 2^{} addresses", 128 - n.leading_zeros());
    }
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} address{}", if n == 1 { "" } else { "es" })
}

#[cfg(test)]
mod tests {
    #[test]
    fn address_counts_read_well() {
        assert_eq!(super::addresses(1), "1 address");
        assert_eq!(super::addresses(256), "256 addresses");
        assert_eq!(super::addresses(131_072), "131,072 addresses");
        assert_eq!(super::addresses(1 << 32), "4,294,967,296 addresses");
    }
}
