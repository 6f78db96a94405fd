//! Where each node of a [`NetworkGraph`] goes on a page, computed here so
//! that pictures (the SVG of `graph --format svg` and of the HTML report)
//! need no Graphviz at run time.
//!
//! A small layered layout in the manner of Sugiyama: requests flow left to
//! right, so clients (zones without `listen` lines) take the first column
//! and each node sits one column right of the furthest node that sends to
//! it; zones that only admit some traffic (outside services such as cloud
//! APIs) take the last column. Cycles (a service that can call back into
//! the edge) are broken where a depth-first walk from the clients meets a
//! node still on its stack, so the edges dropped are the ones that run
//! against the flow of requests. Within a column, nodes are ordered by the
//! mean position of their neighbours, a few sweeps each way, which keeps
//! edges short and crossings few. Everything is integer and depends only
//! on the graph, so the same policy always gives the same picture.

use super::NetworkGraph;
use crate::model::NodeId;
use crate::syntax::ast::NodeKind;

/// Node box height and the gaps between boxes and between columns.
const NODE_HEIGHT: i32 = 46;
const ROW_GAP: i32 = 28;
const COLUMN_GAP: i32 = 150;
const MARGIN: i32 = 24;
/// The most nodes stacked in one column: a larger rank (two hundred
/// services behind one balancer) is wrapped into several columns side by
/// side, so the picture grows wide rather than too tall to read.
const MAX_ROWS: usize = 14;
/// Ordering sweeps (each is one pass right and one pass left).
const SWEEPS: usize = 4;

/// A node's box: centre `x`, `y`, and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub height: i32,
    pub column: usize,
}

impl Placed {
    pub fn left(&self) -> i32 {
        self.x - self.width / 2
    }
    pub fn right(&self) -> i32 {
        self.x + self.width / 2
    }
}

/// The positions of every shown node, and the size of the whole picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Indexed like the graph's nodes; `None` for nodes not shown.
    pub nodes: Vec<Option<Placed>>,
    pub width: i32,
    pub height: i32,
}

impl Layout {
    pub fn of(g: &NetworkGraph) -> Layout {
        let n = g.nodes.len();
        let shown: Vec<bool> = g.nodes.iter().map(Option::is_some).collect();
        let sink = |i: NodeId| {
            g.nodes
                .get(i)
                .and_then(Option::as_ref)
                .is_some_and(|n| n.kind == NodeKind::Zone && !n.admits_all)
        };
        // Edges that take part in ranking: between shown nodes, not out of
        // sink zones (they sit in the last column whatever they send to).
        let mut succ: Vec<Vec<NodeId>> = vec![Vec::new(); n];
        for e in &g.edges {
            let ok = |i: NodeId| shown.get(i).copied().unwrap_or(false);
            if ok(e.from) && ok(e.to) && e.from != e.to && !sink(e.from) {
                succ[e.from].push(e.to);
            }
        }
        let forward = acyclic(&succ, g);
        let mut rank = longest_paths(&forward);
        let last = (0..n)
            .filter(|&i| shown[i] && !sink(i))
            .map(|i| rank[i])
            .max()
            .map_or(0, |r| r + 1);
        for (i, r) in rank.iter_mut().enumerate() {
            if sink(i) {
                *r = last;
            }
        }
        let columns = order_columns(&rank, &shown, &succ);
        place(g, &wrap(columns))
    }
}

/// The ranking edges without those a walk from the clients finds running
/// back onto its own stack.
fn acyclic(succ: &[Vec<NodeId>], g: &NetworkGraph) -> Vec<Vec<NodeId>> {
    let n = succ.len();
    // 0 unvisited, 1 on the stack, 2 done.
    let mut state = vec![0u8; n];
    let mut kept: Vec<Vec<NodeId>> = vec![Vec::new(); n];
    let clients = g
        .shown()
        .filter(|(_, node)| node.admits_all)
        .map(|(i, _)| i);
    let roots: Vec<NodeId> = clients.chain(g.shown().map(|(i, _)| i)).collect();
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        // An explicit stack of (node, next successor to look at).
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&(at, next)) = stack.last() {
            let Some(&to) = succ[at].get(next) else {
                state[at] = 2;
                stack.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 += 1;
            }
            match state[to] {
                0 => {
                    kept[at].push(to);
                    state[to] = 1;
                    stack.push((to, 0));
                }
                2 => kept[at].push(to),
                _ => {} // back onto the stack: dropped
            }
        }
    }
    kept
}

/// Each node's column: one more than the furthest of its senders.
fn longest_paths(succ: &[Vec<NodeId>]) -> Vec<usize> {
    let n = succ.len();
    let mut indegree = vec![0usize; n];
    for outs in succ {
        for &t in outs {
            indegree[t] += 1;
        }
    }
    let mut rank = vec![0usize; n];
    let mut ready: Vec<NodeId> = (0..n).filter(|&i| indegree[i] == 0).collect();
    while let Some(at) = ready.pop() {
        for &t in &succ[at] {
            rank[t] = rank[t].max(rank[at] + 1);
            indegree[t] -= 1;
            if indegree[t] == 0 {
                ready.push(t);
            }
        }
    }
    rank
}

/// The nodes of each column, top to bottom.
fn order_columns(rank: &[usize], shown: &[bool], succ: &[Vec<NodeId>]) -> Vec<Vec<NodeId>> {
    let count = rank
        .iter()
        .zip(shown)
        .filter(|(_, s)| **s)
        .map(|(r, _)| r + 1)
        .max()
        .unwrap_or(0);
    let mut columns: Vec<Vec<NodeId>> = vec![Vec::new(); count];
    for (i, &r) in rank.iter().enumerate() {
        if shown[i] {
            columns[r].push(i);
        }
    }
    let mut neighbours: Vec<Vec<NodeId>> = vec![Vec::new(); rank.len()];
    for (a, outs) in succ.iter().enumerate() {
        for &b in outs {
            neighbours[a].push(b);
            neighbours[b].push(a);
        }
    }
    let mut position = vec![0usize; rank.len()];
    let remember = |columns: &[Vec<NodeId>], position: &mut [usize]| {
        for col in columns {
            for (p, &i) in col.iter().enumerate() {
                position[i] = p;
            }
        }
    };
    remember(&columns, &mut position);
    for sweep in 0..SWEEPS * 2 {
        let order: Vec<usize> = if sweep % 2 == 0 {
            (1..count).collect()
        } else {
            (0..count.saturating_sub(1)).rev().collect()
        };
        for c in order {
            let towards = if sweep % 2 == 0 { c - 1 } else { c + 1 };
            // Mean position (times 1000) of the neighbours in the adjacent
            // column; a node with none keeps its place.
            let mut keyed: Vec<(usize, NodeId)> = columns[c]
                .iter()
                .map(|&i| {
                    let near: Vec<usize> = neighbours[i]
                        .iter()
                        .filter(|&&j| rank[j] == towards && shown[j])
                        .map(|&j| position[j])
                        .collect();
                    let key = if near.is_empty() {
                        position[i] * 1000
                    } else {
                        near.iter().sum::<usize>() * 1000 / near.len()
                    };
                    (key, i)
                })
                .collect();
            keyed.sort();
            columns[c] = keyed.into_iter().map(|(_, i)| i).collect();
            remember(&columns, &mut position);
        }
    }
    columns
}

/// Splits columns taller than [`MAX_ROWS`] into neighbouring columns,
/// keeping their order.
fn wrap(columns: Vec<Vec<NodeId>>) -> Vec<Vec<NodeId>> {
    columns
        .into_iter()
        .flat_map(|col| {
            if col.len() <= MAX_ROWS {
                return vec![col];
            }
            // Columns of even height rather than full ones and a short one.
            let parts = col.len().div_ceil(MAX_ROWS);
            let per = col.len().div_ceil(parts);
            col.chunks(per).map(<[NodeId]>::to_vec).collect()
        })
        .collect()
}

/// The width of a node's box: room for its name and kind.
fn box_width(name: &str, kind: NodeKind) -> i32 {
    let chars = name.chars().count().max(kind.as_str().len()) as i32;
    let extra = if kind == NodeKind::Proxy { 30 } else { 20 };
    (chars * 8 + extra).max(84)
}

fn place(g: &NetworkGraph, columns: &[Vec<NodeId>]) -> Layout {
    let mut nodes: Vec<Option<Placed>> = vec![None; g.nodes.len()];
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0) as i32;
    let height = tallest * NODE_HEIGHT + (tallest - 1).max(0) * ROW_GAP + 2 * MARGIN;
    let mut left = MARGIN;
    for (c, col) in columns.iter().enumerate() {
        let widths: Vec<i32> = col
            .iter()
            .map(|&i| {
                g.nodes
                    .get(i)
                    .and_then(Option::as_ref)
                    .map_or(84, |n| box_width(&n.name, n.kind))
            })
            .collect();
        let column_width = widths.iter().copied().max().unwrap_or(0);
        let used = col.len() as i32 * NODE_HEIGHT + (col.len() as i32 - 1).max(0) * ROW_GAP;
        let mut top = (height - used) / 2;
        for (&i, &w) in col.iter().zip(&widths) {
            nodes[i] = Some(Placed {
                x: left + column_width / 2,
                y: top + NODE_HEIGHT / 2,
                width: w,
                height: NODE_HEIGHT,
                column: c,
            });
            top += NODE_HEIGHT + ROW_GAP;
        }
        left += column_width + COLUMN_GAP;
    }
    let width = (left - COLUMN_GAP + MARGIN).max(2 * MARGIN);
    Layout {
        nodes,
        width,
        height: height.max(2 * MARGIN),
    }
}

impl Layout {
    /// The curve of an edge, as [`edge_curve`] draws it, except that an edge
    /// running right across more than one column is threaded through the
    /// gaps of the columns between, rather than through their boxes.
    pub fn route(&self, from: &Placed, to: &Placed, lane: usize) -> (String, (i32, i32)) {
        if to.column <= from.column + 1 {
            return edge_curve(from, to, lane);
        }
        let (sx, sy, tx, ty) = (from.right(), from.y, to.left(), to.y);
        let mut points = vec![(sx, sy)];
        for c in from.column + 1..to.column {
            let boxes: Vec<&Placed> = self
                .nodes
                .iter()
                .flatten()
                .filter(|p| p.column == c)
                .collect();
            let Some(x) = boxes.first().map(|p| p.x) else {
                continue;
            };
            // Where the straight line would cross, moved into the nearest gap.
            let y = sy + (ty - sy) * (x - sx) / (tx - sx).max(1);
            let inside = |y: i32| boxes.iter().any(|p| (y - p.y).abs() < p.height / 2 + 6);
            let y = if inside(y) {
                let mut gaps: Vec<i32> = boxes
                    .iter()
                    .flat_map(|p| {
                        [
                            p.y - p.height / 2 - ROW_GAP / 2,
                            p.y + p.height / 2 + ROW_GAP / 2,
                        ]
                    })
                    .filter(|&g| !inside(g))
                    .collect();
                gaps.sort_by_key(|g| (g - y).abs());
                gaps.first().copied().unwrap_or(y)
            } else {
                y
            };
            points.push((x, y));
        }
        points.push((tx, ty));
        // Horizontal tangents at every point: a smooth curve through them.
        let mut d = format!("M{sx},{sy}");
        for w in points.windows(2) {
            let ((x1, y1), (x2, y2)) = (w[0], w[1]);
            let bend = (x2 - x1) / 2;
            d.push_str(&format!(
                " C{},{y1} {},{y2} {x2},{y2}",
                x1 + bend,
                x2 - bend
            ));
        }
        // The label sits on the first leg, near the sender, where edges
        // from one node fan out and their labels stay apart.
        let label = match points.as_slice() {
            [(x1, y1), (x2, y2), ..] => ((x1 + x2) / 2, (y1 + y2) / 2),
            _ => (sx, sy),
        };
        (d, label)
    }
}

/// The curve of an edge as an SVG path, and the point where its label goes.
/// `lane` separates edges between the same two nodes (0, 1, 2, ...).
pub fn edge_curve(from: &Placed, to: &Placed, lane: usize) -> (String, (i32, i32)) {
    // Lanes alternate below and above the straight line: 0, +24, -24, +48, ...
    let step = ((lane as i32 + 1) / 2) * 24 * if lane % 2 == 1 { 1 } else { -1 };
    let (p0, p1, p2, p3) = if to.column > from.column {
        let (sx, sy, tx, ty) = (from.right(), from.y, to.left(), to.y);
        let bend = (tx - sx) / 2;
        (
            (sx, sy),
            (sx + bend, sy + step),
            (tx - bend, ty + step),
            (tx, ty),
        )
    } else if to.column < from.column {
        // Against the flow: leave from the left, arrive on the right, and
        // bow below both so the curve does not run through the columns.
        let (sx, sy, tx, ty) = (from.left(), from.y, to.right(), to.y);
        let dip = from.height + 30 + step.abs();
        ((sx, sy), (sx - 70, sy + dip), (tx + 70, ty + dip), (tx, ty))
    } else {
        // Same column: an arc out to the right.
        let (sx, sy, tx, ty) = (from.right(), from.y, to.right(), to.y);
        let out = 60 + step.abs();
        ((sx, sy), (sx + out, sy), (tx + out, ty), (tx, ty))
    };
    let d = format!(
        "M{},{} C{},{} {},{} {},{}",
        p0.0, p0.1, p1.0, p1.1, p2.0, p2.1, p3.0, p3.1
    );
    // The curve's midpoint: (P0 + 3 P1 + 3 P2 + P3) / 8.
    let mid = (
        (p0.0 + 3 * p1.0 + 3 * p2.0 + p3.0) / 8,
        (p0.1 + 3 * p1.1 + 3 * p2.1 + p3.1) / 8,
    );
    (d, mid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{EdgeKind, GraphEdge, GraphNode};

    fn node(name: &str, kind: NodeKind, admits_all: bool) -> Option<GraphNode> {
        Some(GraphNode {
            name: name.into(),
            kind,
            addresses: String::new(),
            admits_all,
            highlighted: false,
            origin: None,
        })
    }

    fn edge(from: NodeId, to: NodeId) -> GraphEdge {
        GraphEdge {
            from,
            to,
            kind: EdgeKind::Forward,
            label: String::new(),
            rule: None,
            hops: Vec::new(),
        }
    }

    #[test]
    fn columns_follow_requests_and_cycles_do_not_move_the_edge() {
        // internet -> cdn -> app, app -> cdn (a call back), app -> apis.
        let g = NetworkGraph {
            title: "t".into(),
            nodes: vec![
                node("internet", NodeKind::Zone, true),
                node("cdn", NodeKind::Proxy, false),
                node("app", NodeKind::Service, false),
                node("apis", NodeKind::Zone, false),
            ],
            edges: vec![edge(0, 1), edge(1, 2), edge(2, 1), edge(2, 3), edge(3, 1)],
            caption: None,
        };
        let l = Layout::of(&g);
        let col = |i: usize| l.nodes[i].map(|p| p.column);
        assert_eq!(
            [col(0), col(1), col(2), col(3)],
            [Some(0), Some(1), Some(2), Some(3)]
        );
        for p in l.nodes.iter().flatten() {
            assert!(p.left() >= 0 && p.right() <= l.width);
            assert!(p.y - p.height / 2 >= 0 && p.y + p.height / 2 <= l.height);
        }
    }

    #[test]
    fn tall_columns_wrap() {
        let mut nodes = vec![node("clients", NodeKind::Zone, true)];
        let mut edges = Vec::new();
        for i in 0..40 {
            nodes.push(node(&format!("s{i}"), NodeKind::Service, false));
            edges.push(edge(0, i + 1));
        }
        let g = NetworkGraph {
            title: "t".into(),
            nodes,
            edges,
            caption: None,
        };
        let l = Layout::of(&g);
        let mut per_column = std::collections::BTreeMap::new();
        for p in l.nodes.iter().flatten() {
            *per_column.entry(p.column).or_insert(0) += 1;
        }
        // The client, then 40 services in three columns of 14, 14 and 12.
        assert_eq!(
            per_column.values().copied().collect::<Vec<_>>(),
            [1, 14, 14, 12]
        );
    }

    #[test]
    fn long_edges_go_round_the_boxes_between() {
        // a -> b -> c, and a -> c straight through b's column.
        let g = NetworkGraph {
            title: "t".into(),
            nodes: vec![
                node("a", NodeKind::Zone, true),
                node("b", NodeKind::Proxy, false),
                node("c", NodeKind::Service, false),
            ],
            edges: vec![edge(0, 1), edge(1, 2), edge(0, 2)],
            caption: None,
        };
        let l = Layout::of(&g);
        let (Some(a), Some(b), Some(c)) = (l.nodes[0], l.nodes[1], l.nodes[2]) else {
            panic!("all placed");
        };
        let (d, _) = l.route(&a, &c, 0);
        // Three legs: to b's column, past it, to c; the middle point clears b.
        assert_eq!(d.matches(" C").count(), 2, "{d}");
        let mid_y: i32 = d
            .split(' ')
            .nth(3)
            .and_then(|p| p.split(',').nth(1))
            .and_then(|y| y.parse().ok())
            .expect("a point");
        assert!((mid_y - b.y).abs() >= b.height / 2 + 6, "{d} crosses {b:?}");
    }

    #[test]
    fn hidden_nodes_have_no_place() {
        let g = NetworkGraph {
            title: "t".into(),
            nodes: vec![node("a", NodeKind::Zone, true), None],
            edges: vec![edge(0, 1)],
            caption: None,
        };
        let l = Layout::of(&g);
        assert!(l.nodes[0].is_some() && l.nodes[1].is_none());
    }
}
