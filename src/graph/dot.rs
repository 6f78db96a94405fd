//! Graphviz DOT: zones as blue ellipses, proxies as orange hexagons,
//! services as green boxes; connections dashed, forwards solid; the
//! highlighted journey bold red, its hops numbered.

use std::fmt::Write;

use super::{EdgeKind, GraphEdge, NetworkGraph};
use crate::syntax::ast::NodeKind;

/// The colour of the highlighted journey.
pub const HIGHLIGHT: &str = "#d62728";

/// Shape, style, fill and border of each kind of node.
pub fn node_style(kind: NodeKind) -> (&'static str, &'static str, &'static str, &'static str) {
    match kind {
        NodeKind::Zone => ("ellipse", "filled", "#dbe9f6", "#4a76a8"),
        NodeKind::Proxy => ("hexagon", "filled", "#fde7c8", "#c77c02"),
        NodeKind::Service => ("box", "rounded,filled", "#dff0d8", "#3c763d"),
    }
}

pub fn render(g: &NetworkGraph) -> String {
    let mut out = String::new();
    let mut heading = format!(
        "policy {}\ndashed: connections a node can open; solid: forward rules",
        g.title
    );
    if let Some(c) = &g.caption {
        heading.push('\n');
        heading.push_str(c);
    }
    let _ = writeln!(out, "digraph {} {{", quote(&g.title));
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, nodesep=0.4, ranksep=0.9, label={}];",
        quote(&heading)
    );
    let _ = writeln!(out, "  node [fontname=\"Helvetica\", fontsize=11];");
    let _ = writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];"
    );
    for (_, n) in g.shown() {
        let (shape, style, fill, border) = node_style(n.kind);
        let _ = write!(
            out,
            "  {} [label={}, shape={shape}, style={}, fillcolor={}, color={}, tooltip={}",
            quote(&n.name),
            quote(&format!("{}\n{}", n.name, n.kind.as_str())),
            quote(style),
            quote(fill),
            quote(if n.highlighted { HIGHLIGHT } else { border }),
            quote(&super::node_title(n)),
        );
        if n.highlighted {
            out.push_str(", penwidth=2.5");
        }
        out.push_str("];\n");
    }
    for e in &g.edges {
        let (Some(Some(from)), Some(Some(to))) = (g.nodes.get(e.from), g.nodes.get(e.to)) else {
            continue;
        };
        let _ = writeln!(
            out,
            "  {} -> {} [{}];",
            quote(&from.name),
            quote(&to.name),
            edge_attributes(e)
        );
    }
    // Clients on the left, zones that only admit some traffic (outside
    // services) on the right, with the rest in between.
    let zones = |open: bool| -> Vec<String> {
        g.shown()
            .filter(|(_, n)| n.kind == NodeKind::Zone && n.admits_all == open)
            .map(|(_, n)| quote(&n.name))
            .collect()
    };
    for (rank, open) in [("min", true), ("max", false)] {
        let members = zones(open);
        if !members.is_empty() {
            let _ = writeln!(out, "  {{ rank={rank}; {}; }}", members.join("; "));
        }
    }
    out.push_str("}\n");
    out
}

fn edge_attributes(e: &GraphEdge) -> String {
    let style = match e.kind {
        EdgeKind::Connection => "dashed",
        EdgeKind::Forward => "solid",
    };
    if e.hops.is_empty() {
        let color = match e.kind {
            EdgeKind::Connection => "#777777",
            EdgeKind::Forward => "#333333",
        };
        return format!(
            "label={}, style={style}, color={}, fontcolor=\"#444444\"",
            quote(&e.label),
            quote(color)
        );
    }
    format!(
        "label={}, style={style}, color={h}, fontcolor={h}, penwidth=2.5",
        quote(&super::hop_label(e)),
        h = quote(HIGHLIGHT)
    )
}

/// A DOT string: quotes and backslashes escaped, newlines as `\n`.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_escape() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
