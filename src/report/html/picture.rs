//! The picture of one checked network for the HTML report: the graph of
//! [`crate::graph`], laid out by the tool, with one hidden journey group per
//! counterexample or witness, which the page shows when its assertion is
//! selected.
//!
//! Each hop of a journey has a tooltip that tells it with the text it was
//! let through by (`listen, line 166: listen 80 from cloudfront`).
//!
//! Only the checked model and spans are used (header spellings come from
//! the text when it parses as a policy, and fall back to the model's
//! lower-case names otherwise), so a network from another front end draws
//! the same way, its hops told by the text of the resources they come from.

use super::trace::quoted_line;
use super::Redactor;
use crate::graph::layout::Layout;
use crate::graph::svg::{self, Journey, JourneyHop, SvgOptions};
use crate::graph::{hop_port_label, NetworkGraph};
use crate::model::Policy;
use crate::report::story;
use crate::verify::{Hop, Trace};
use crate::SourceText;

/// A journey to draw: its group id, what it is, and its trace.
pub struct Wanted<'a> {
    pub id: String,
    pub title: String,
    pub trace: &'a Trace,
}

/// Pictures wider or taller than this (in pixels) are shown at their own
/// size in a scrolling box; smaller ones shrink to fit the page.
const FIT_WIDTH: i32 = 1800;
const FIT_HEIGHT: i32 = 800;

/// The picture in its box: an inline `<svg>` of `policy` with the journeys
/// wanted, in a `div.canvas` that scrolls when the picture is large.
pub fn render(
    policy: &Policy,
    src: &SourceText,
    title: &str,
    prefix: &str,
    wanted: &[Wanted],
    redact: &Redactor,
) -> String {
    let (ast, _) = crate::syntax::parse(src.policy_text());
    let mut g = NetworkGraph::build(policy, &ast, src.policy_text(), title);
    g.name_origins(policy, src);
    let base = g.edges.len();
    let journeys: Vec<Journey> = wanted
        .iter()
        .map(|w| Journey {
            id: w.id.clone(),
            title: w.title.clone(),
            hops: w
                .trace
                .hops
                .iter()
                .enumerate()
                .map(|(i, h)| JourneyHop {
                    edge: g.edge_for_hop(h),
                    label: hop_port_label(h),
                    title: hop_title(policy, src, i + 1, h, redact),
                })
                .collect(),
        })
        .collect();
    let layout = Layout::of(&g);
    let large = layout.width > FIT_WIDTH || layout.height > FIT_HEIGHT;
    format!(
        "<div class=\"canvas{}\">\n{}</div>\n",
        if large { " large" } else { "" },
        svg::render_inline(
            &g,
            &layout,
            &SvgOptions {
                id_prefix: prefix.to_string(),
                base_edges: Some(base),
                journeys,
            },
        )
    )
}

/// `hop 2: cloudfront -> alb:80/tcp plaintext; forward, line 151: forward
/// to alb:80 ...; listen, line 166: listen 80 from cloudfront`.
fn hop_title(policy: &Policy, src: &SourceText, n: usize, h: &Hop, redact: &Redactor) -> String {
    let name = |i: usize| policy.nodes.get(i).map_or("?", |n| n.name.as_str());
    let mut parts = vec![format!(
        "hop {n}: {} -> {}:{} {}",
        name(h.from),
        name(h.to),
        story::port(h.port),
        if h.tls { "tls" } else { "plaintext" }
    )];
    for (what, span) in [
        ("forward", h.rule),
        ("egress", h.egress),
        ("listen", h.listen),
    ] {
        if let Some(span) = span {
            let (line, code) = quoted_line(src, span, redact);
            parts.push(format!("{what}, {line}: {code}"));
        }
    }
    parts.join("; ")
}
