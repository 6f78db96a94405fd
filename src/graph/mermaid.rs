//! A Mermaid `flowchart LR`, as GitHub renders it: node ids are `n` and
//! the node's index, every label is quoted with the characters Mermaid
//! reads specially written as entity codes, and styles come last.

use std::fmt::Write;

use super::dot::{node_style, HIGHLIGHT};
use super::{EdgeKind, NetworkGraph};
use crate::syntax::ast::NodeKind;

pub fn render(g: &NetworkGraph) -> String {
    let mut out = String::from("flowchart LR\n");
    let _ = writeln!(out, "  %% policy {}", comment(&g.title));
    let _ = writeln!(
        out,
        "  %% dashed: connections a node can open; solid: forward rules"
    );
    if let Some(c) = &g.caption {
        let _ = writeln!(out, "  %% {}", comment(c));
    }
    for (i, n) in g.shown() {
        let text = label(&format!("{}<br>{}", n.name, n.kind.as_str()));
        let _ = match n.kind {
            NodeKind::Zone => writeln!(out, "  n{i}([{text}])"),
            NodeKind::Proxy => writeln!(out, "  n{i}{{{{{text}}}}}"),
            NodeKind::Service => writeln!(out, "  n{i}[{text}]"),
        };
    }
    let mut highlighted = Vec::new();
    let mut count = 0;
    for e in &g.edges {
        let shown = |n: usize| g.nodes.get(n).is_some_and(Option::is_some);
        if !shown(e.from) || !shown(e.to) {
            continue;
        }
        let arrow = match e.kind {
            EdgeKind::Connection => "-.->",
            EdgeKind::Forward => "-->",
        };
        let text = if e.hops.is_empty() {
            e.label.clone()
        } else {
            highlighted.push(count.to_string());
            super::hop_label(e)
        };
        let _ = writeln!(out, "  n{} {arrow}|{}| n{}", e.from, label(&text), e.to);
        count += 1;
    }
    for kind in [NodeKind::Zone, NodeKind::Proxy, NodeKind::Service] {
        let (_, _, fill, border) = node_style(kind);
        let _ = writeln!(
            out,
            "  classDef {} fill:{fill},stroke:{border},color:#111111",
            kind.as_str()
        );
        let members: Vec<String> = g
            .shown()
            .filter(|(_, n)| n.kind == kind)
            .map(|(i, _)| format!("n{i}"))
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "  class {} {}", members.join(","), kind.as_str());
        }
    }
    if !highlighted.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{HIGHLIGHT},stroke-width:3px,color:{HIGHLIGHT}",
            highlighted.join(",")
        );
    }
    for (i, n) in g.shown() {
        if n.highlighted {
            let _ = writeln!(out, "  style n{i} stroke:{HIGHLIGHT},stroke-width:3px");
        }
    }
    out
}

/// A quoted label. `<br>` is kept as a line break; other characters that
/// Mermaid reads specially become numeric entity codes.
fn label(s: &str) -> String {
    let mut out = String::from("\"");
    for (i, part) in s.split("<br>").enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        for c in part.chars() {
            match c {
                '"' | '#' | '<' | '>' | '&' | '|' | '`' | '\\' => {
                    let _ = write!(out, "#{};", u32::from(c));
                }
                '\n' | '\r' => out.push(' '),
                c => out.push(c),
            }
        }
    }
    out.push('"');
    out
}

/// Text for a `%%` comment line.
fn comment(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn labels_are_quoted_and_escaped() {
        assert_eq!(label("a<br>b"), "\"a<br>b\"");
        assert_eq!(label("x\"y|z#<"), "\"x#34;y#124;z#35;#60;\"");
    }
}
