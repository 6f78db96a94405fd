//! Sources that behave alike toward one target, so that one of them is
//! compared with the solver and the others only replay its flows.
//!
//! A journey reads the request's source address only at its first hop: the
//! source's egress (by the address's family), the exposure and listen lines
//! of the first node, and `source in` conditions of the rules there; later
//! hops come from the addresses of the proxies on the way. So two sources
//! that are not the target and not on the way (services, zones, and proxies
//! that can lead to the target in neither version: a proxy that can could
//! be on the way itself, and forward differently from another), that send
//! alike (kind, egress lines, secrets known, groups they are members of),
//! that have addresses of the same families, and whose addresses of each
//! family lie, each family's as a whole, inside or outside every address
//! set the target's forwarding ancestors read (in either version) and every
//! set an ACL reads (its covers and its entries' addresses), let the same
//! requests through the same hops, up to the source address (a flow carried
//! over keeps its family). Both sources must be unchanged by the change, so
//! the older version sees them alike too. A source whose addresses of one
//! family straddle one of those sets is compared on its own.
//!
//! Each flow carried over to another source is replayed by the interpreter
//! from that source, and checked not to get through in the other version;
//! if either fails, the source is compared on its own after all.

use rustc_hash::FxHashMap;

use crate::model::{
    all_ports, AddrSet, Assertion, Cond, Family, NodeId, Policy, PropertyKind, Tail, Target,
};
use crate::span::Span;
use crate::syntax::ast::NodeKind;
use crate::verify::states;

/// The address sets that may tell two sources apart, per target.
pub(crate) struct Likeness<'a> {
    new: &'a Policy,
    old: &'a Policy,
    new_forwarders: &'a [Vec<NodeId>],
    old_forwarders: &'a [Vec<NodeId>],
    sets: FxHashMap<NodeId, Sets>,
    /// Per source, what it is and how it sends (found when first asked).
    sending: Vec<std::sync::OnceLock<String>>,
}

/// What tells two sources apart toward one target: the address sets read
/// on the way, and the nodes that can lead to it (in the newer version, then
/// in the older one, by name).
struct Sets {
    sets: Vec<AddrSet>,
    on_the_way: std::collections::BTreeSet<String>,
}

fn to_node(t: NodeId) -> Assertion {
    Assertion {
        name: String::from("diff"),
        name_span: Span::default(),
        span: Span::default(),
        kind: PropertyKind::Path,
        from: t,
        target: Target::Node(t, all_ports()),
        where_: Cond::True,
        tail: Tail::None,
    }
}

fn source_sets(c: &Cond, out: &mut Vec<AddrSet>) {
    match c {
        Cond::Source(s) => out.push(s.clone()),
        Cond::Not(i) => source_sets(i, out),
        Cond::And(items) | Cond::Or(items) => items.iter().for_each(|i| source_sets(i, out)),
        _ => {}
    }
}

/// The sets the forwarding ancestors of `t` (and `t`) read of a hop's
/// source, and the names of those nodes.
fn read_sets(p: &Policy, t: NodeId, forwarders: &[Vec<NodeId>], into: &mut Sets) {
    let relevant = states::relevant_nodes(p, &to_node(t), forwarders);
    let out = &mut into.sets;
    for (n, node) in p.nodes.iter().enumerate() {
        if !relevant.get(n).copied().unwrap_or(false) {
            continue;
        }
        into.on_the_way.insert(node.name.clone());
        out.extend(node.listens.iter().map(|l| l.from.clone()));
        out.extend(node.exposure.iter().map(|e| e.from.clone()));
        for r in node.blocks.iter().flat_map(|b| &b.rules) {
            source_sets(&r.guard, out);
        }
    }
    // The stateless ACLs read the source address of every hop they filter.
    for a in &p.acls {
        out.push(a.covers.clone());
        out.extend(
            a.inbound
                .iter()
                .chain(&a.outbound)
                .map(|e| e.remote.clone()),
        );
    }
}

impl<'a> Likeness<'a> {
    /// `forwarders`: `states::forwarders` of each version, newer first.
    pub(crate) fn new(
        new: &'a Policy,
        old: &'a Policy,
        (new_forwarders, old_forwarders): (&'a [Vec<NodeId>], &'a [Vec<NodeId>]),
    ) -> Self {
        Likeness {
            new,
            old,
            new_forwarders,
            old_forwarders,
            sets: FxHashMap::default(),
            sending: new
                .nodes
                .iter()
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }

    /// What decides how source `s` reaches target `t` (ids of the newer
    /// version; `old_t` the target in the older one), or `None` when `s`
    /// must be compared on its own. `unchanged` says the change leaves `s`
    /// alone as a source.
    pub(crate) fn key(
        &mut self,
        s: NodeId,
        t: NodeId,
        old_t: Option<NodeId>,
        unchanged: bool,
    ) -> Option<String> {
        let source = self.new.nodes.get(s)?;
        if !unchanged || s == t || source.addrs.is_empty() {
            return None;
        }
        let (new, old) = (self.new, self.old);
        let (nf, of) = (self.new_forwarders, self.old_forwarders);
        let found = self.sets.entry(t).or_insert_with(|| {
            let mut found = Sets {
                sets: Vec::new(),
                on_the_way: Default::default(),
            };
            read_sets(new, t, nf, &mut found);
            if let Some(ot) = old_t {
                read_sets(old, ot, of, &mut found);
            }
            found.sets.sort_by(|a, b| a.ranges().cmp(b.ranges()));
            found.sets.dedup_by(|a, b| a.ranges() == b.ranges());
            found
        });
        // A proxy that can lead to the target may be on the way itself.
        if source.kind == NodeKind::Proxy && found.on_the_way.contains(&source.name) {
            return None;
        }
        // Per family (a carried flow keeps its family), whether the
        // source has addresses of it, and whether they lie inside or
        // outside each set: a dual-stack source straddles every set of one
        // family, so its two parts are judged apart.
        let sets = &found.sets;
        let mut cells = String::with_capacity(2 * sets.len() + 2);
        for family in [Family::V4, Family::V6] {
            let part = source.addrs.intersect(&family.all());
            if part.is_empty() {
                cells.push('-');
                continue;
            }
            cells.push('+');
            for x in sets.iter() {
                if part.is_subset(x) {
                    cells.push('i');
                } else if !part.intersects(x) {
                    cells.push('o');
                } else {
                    return None;
                }
            }
        }
        let sending = self.sending.get(s)?.get_or_init(|| {
            format!(
                "{:?}|{}",
                source.kind,
                super::changes::sending_key(new, source)
            )
        });
        Some(format!("{sending}|{cells}"))
    }
}
