//! The picture as SVG, laid out by [`super::layout`]: zones as blue
//! ellipses, proxies as orange hexagons, services as green rounded boxes,
//! connections dashed, forwards solid, in the colours of the DOT output.
//!
//! Colours are presentation attributes, so the file renders the same in a
//! browser, an `<img>` or an editor's preview; the HTML report's style
//! sheet overrides them by class. Every element a reader (or a test) may
//! want to find has an id made from a prefix and the node or edge index, and
//! `data-from`/`data-to` naming its ends.
//!
//! Journeys (the hops of one counterexample or witness) are drawn as groups
//! of their own over the picture: numbered, in the highlight colour, and
//! hidden until the page that embeds the SVG shows them. A standalone
//! picture (`graph --format svg --highlight A`) draws its highlighted edges
//! in place instead.

use std::collections::HashMap;
use std::fmt::Write;

use super::dot::{node_style, HIGHLIGHT};
use super::layout::{Layout, Placed};
use super::{EdgeKind, GraphEdge, NetworkGraph};
use crate::syntax::ast::NodeKind;

/// One journey to draw over the picture.
#[derive(Debug, Clone)]
pub struct Journey {
    /// The id of the group (`f0-j-metrics_not_public`).
    pub id: String,
    /// What it is, for screen readers: `counterexample of metrics_not_public`.
    pub title: String,
    /// The hops in order.
    pub hops: Vec<JourneyHop>,
}

/// One hop of a journey: the edge it takes and what it carried.
#[derive(Debug, Clone)]
pub struct JourneyHop {
    pub edge: usize,
    /// The port it used, `tls`: `443 tls`.
    pub label: String,
    /// The hop told in full, for its tooltip: the lines of the policy (or
    /// of whatever the network was read from) that let it through.
    pub title: String,
}

/// How to draw a picture.
#[derive(Debug, Clone, Default)]
pub struct SvgOptions {
    /// Prefixes every id, so several pictures can share a page.
    pub id_prefix: String,
    /// Edges from this index on exist only for journeys (a hop no rule of
    /// the picture draws) and are not drawn in the base picture.
    pub base_edges: Option<usize>,
    pub journeys: Vec<Journey>,
}

/// Text for XML and HTML: `&`, `<`, `>` and both quotes escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The picture standing alone: an SVG document.
pub fn render(g: &NetworkGraph) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&render_inline(
        g,
        &Layout::of(g),
        &SvgOptions {
            id_prefix: "g-".into(),
            ..SvgOptions::default()
        },
    ));
    out
}

/// The picture as an `<svg>` element, to embed in a page.
pub fn render_inline(g: &NetworkGraph, layout: &Layout, opts: &SvgOptions) -> String {
    let p = &opts.id_prefix;
    let caption_height = if g.caption.is_some() { 22 } else { 0 };
    let (w, h) = (layout.width, layout.height + caption_height);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"network\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{p}title\" font-family=\"Helvetica, Arial, sans-serif\">"
    );
    let _ = writeln!(
        out,
        "<title id=\"{p}title\">The network of policy {}: {} nodes; dashed lines are connections a node can open, solid lines forward rules</title>",
        escape(&g.title),
        g.shown().count()
    );
    let _ = writeln!(
        out,
        "<defs><marker id=\"{p}arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555555\"/></marker><marker id=\"{p}arrow-hl\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{HIGHLIGHT}\"/></marker></defs>"
    );
    if let Some(c) = &g.caption {
        let _ = writeln!(
            out,
            "<text x=\"12\" y=\"{}\" font-size=\"13\" fill=\"{HIGHLIGHT}\">{}</text>",
            h - 8,
            escape(c)
        );
    }
    let base = opts.base_edges.unwrap_or(g.edges.len());
    let curves = curves(g, layout);
    out.push_str("<g class=\"edges\">\n");
    for (i, e) in g.edges.iter().enumerate().take(base) {
        let Some((d, mid)) = &curves[i] else { continue };
        edge(&mut out, g, p, i, e, d, *mid);
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for (i, n) in g.shown() {
        let Some(Some(at)) = layout.nodes.get(i) else {
            continue;
        };
        node(&mut out, p, i, n, at);
    }
    out.push_str("</g>\n");
    for j in &opts.journeys {
        journey(&mut out, g, p, j, &curves);
    }
    out.push_str("</svg>\n");
    out
}

type Curve = Option<(String, (i32, i32))>;

/// The curve of every edge whose two ends are placed; edges between the
/// same two nodes get lanes of their own.
fn curves(g: &NetworkGraph, layout: &Layout) -> Vec<Curve> {
    let mut lanes: HashMap<(usize, usize), usize> = HashMap::new();
    g.edges
        .iter()
        .map(|e| {
            let (Some(Some(a)), Some(Some(b))) = (layout.nodes.get(e.from), layout.nodes.get(e.to))
            else {
                return None;
            };
            let count = lanes
                .entry((e.from.min(e.to), e.from.max(e.to)))
                .or_insert(0);
            let lane = *count;
            *count += 1;
            Some(layout.route(a, b, lane))
        })
        .collect()
}

fn edge(
    out: &mut String,
    g: &NetworkGraph,
    p: &str,
    i: usize,
    e: &GraphEdge,
    d: &str,
    mid: (i32, i32),
) {
    let name = |n: usize| {
        g.nodes
            .get(n)
            .and_then(Option::as_ref)
            .map_or("?", |n| n.name.as_str())
    };
    let (class, dash) = match e.kind {
        EdgeKind::Connection => ("connection", " stroke-dasharray=\"5 4\""),
        EdgeKind::Forward => ("forward", ""),
    };
    let lit = !e.hops.is_empty();
    let (stroke, width, marker) = if lit {
        (HIGHLIGHT, "2.5", "arrow-hl")
    } else if e.kind == EdgeKind::Connection {
        ("#8a8a8a", "1.2", "arrow")
    } else {
        ("#444444", "1.4", "arrow")
    };
    let what = match e.kind {
        EdgeKind::Connection => "can connect to",
        EdgeKind::Forward => "forwards to",
    };
    let label = if lit {
        super::hop_label(e)
    } else {
        e.label.clone()
    };
    let _ = writeln!(
        out,
        "<g class=\"edge {class}{}\" id=\"{p}e{i}\" data-from=\"{}\" data-to=\"{}\"><title>{} {what} {}: {}</title><path d=\"{d}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#{p}{marker})\"/>",
        if lit { " lit" } else { "" },
        escape(name(e.from)),
        escape(name(e.to)),
        escape(name(e.from)),
        escape(name(e.to)),
        escape(&e.label),
    );
    // Forward labels are always shown; the many connection labels only on
    // hover (the title), and on a journey.
    if e.kind == EdgeKind::Forward || lit {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{}\" class=\"label\">{}</text>",
            mid.0,
            mid.1 - 4,
            if lit { HIGHLIGHT } else { "#333333" },
            escape(&label)
        );
    }
    out.push_str("</g>\n");
}

fn node(out: &mut String, p: &str, i: usize, n: &super::GraphNode, at: &Placed) {
    let (_, _, fill, border) = node_style(n.kind);
    let stroke = if n.highlighted { HIGHLIGHT } else { border };
    let width = if n.highlighted { "2.5" } else { "1.4" };
    let paint = format!("fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"");
    let (x, y, hw, hh) = (at.x, at.y, at.width / 2, at.height / 2);
    let shape = match n.kind {
        NodeKind::Zone => {
            format!("<ellipse cx=\"{x}\" cy=\"{y}\" rx=\"{hw}\" ry=\"{hh}\" {paint}/>")
        }
        NodeKind::Proxy => {
            let inset = 14;
            format!(
                "<polygon points=\"{},{y} {},{} {},{} {},{y} {},{} {},{}\" {paint}/>",
                x - hw,
                x - hw + inset,
                y - hh,
                x + hw - inset,
                y - hh,
                x + hw,
                x + hw - inset,
                y + hh,
                x - hw + inset,
                y + hh
            )
        }
        NodeKind::Service => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" {paint}/>",
            x - hw,
            y - hh,
            at.width,
            at.height
        ),
    };
    let _ = writeln!(
        out,
        "<g class=\"node {}{}\" id=\"{p}n{i}\" data-name=\"{}\"><title>{}</title>{shape}<text x=\"{x}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#111111\">{}</text><text x=\"{x}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#444444\">{}</text></g>",
        n.kind.as_str(),
        if n.highlighted { " lit" } else { "" },
        escape(&n.name),
        escape(&super::node_title(n)),
        y - 2,
        escape(&n.name),
        y + 12,
        n.kind.as_str()
    );
}

/// A journey's group: each hop's edge in the highlight colour, with its
/// number in a badge at the middle of the curve and the port it used below
/// (the edge's own label is above the curve).
fn journey(out: &mut String, g: &NetworkGraph, p: &str, j: &Journey, curves: &[Curve]) {
    let name = |n: usize| {
        g.nodes
            .get(n)
            .and_then(Option::as_ref)
            .map_or("?", |n| n.name.as_str())
    };
    let _ = writeln!(
        out,
        "<g class=\"journey\" id=\"{}\" aria-label=\"{}\">",
        escape(&j.id),
        escape(&j.title)
    );
    for (k, hop) in j.hops.iter().enumerate() {
        let edge = hop.edge;
        let (Some(Some((d, mid))), Some(e)) = (curves.get(edge), g.edges.get(edge)) else {
            continue;
        };
        // A hop over an edge an earlier hop took: move its badge along.
        let repeat = j.hops[..k].iter().filter(|h| h.edge == edge).count() as i32;
        let (bx, by) = (mid.0 + repeat * 22, mid.1);
        let _ = writeln!(
            out,
            "<g class=\"hop\" data-hop=\"{n}\" data-from=\"{}\" data-to=\"{}\" data-edge=\"{p}e{edge}\"><title>{}</title><path d=\"{d}\" fill=\"none\" stroke=\"{HIGHLIGHT}\" stroke-width=\"3\" marker-end=\"url(#{p}arrow-hl)\"/><text x=\"{bx}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{HIGHLIGHT}\" class=\"label\">{}</text><circle cx=\"{bx}\" cy=\"{by}\" r=\"9\" fill=\"{HIGHLIGHT}\"/><text x=\"{bx}\" y=\"{}\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#ffffff\">{n}</text></g>",
            escape(name(e.from)),
            escape(name(e.to)),
            escape(&hop.title),
            by + 21,
            escape(&hop.label),
            by + 4,
            n = k + 1,
        );
    }
    out.push_str("</g>\n");
}
