//! When a pair's journeys are known to be kept by a change, so that the
//! newer version reaches nothing the older one does not and no query is
//! asked (see `changes`): every changed node on the way meets the same
//! lines and fires the same rules ([`journeys_kept`]), and a source that
//! changed sends its first hops only where it could before
//! ([`first_hops_kept`]).
//!
//! [`journeys_kept`]: super::Pair::journeys_kept
//! [`first_hops_kept`]: super::Pair::first_hops_kept

use std::collections::BTreeSet;

use crate::model::{Family, NodeId, Policy};
use crate::verify::domain::Domains;
use crate::verify::states::{self, HopTls};

use super::exact::{Exact, FiringKey};

impl super::Pair<'_> {
    /// Whether every journey of the newer version's graph for the pair
    /// (sliced) is also a journey of the older one, with the same conditions
    /// at every hop, so that nothing reaches in the newer version that does
    /// not in the older. Each changed node with a state in the graph must
    /// have the same addresses, listen, egress and exposure lines, kind,
    /// secrets and memberships, and the same block ports in both versions;
    /// the target the same rules; and every rule that forwards to a node
    /// that can lead to the target (`relevant`) must have a rule in the same
    /// block of the older version that fires exactly when it does: the same
    /// rule, after the same earlier rules that can match a path it matches.
    /// (An earlier rule that matches only paths it never does cannot match
    /// when it does.) Unchanged nodes are alike by definition.
    pub(super) fn journeys_kept(
        &self,
        ex: &Exact,
        sliced: &states::StateGraph,
        relevant: &[bool],
    ) -> bool {
        let (un, uo) = (&ex.new.policy, &ex.old.policy);
        // The stateless ACLs decide hops apart from every node's lines: when
        // they differ, no journey is known to be kept (the exact query
        // decides).
        if super::changes::acls_key(un) != super::changes::acls_key(uo) {
            return false;
        }
        let mut nodes: Vec<NodeId> = sliced
            .states
            .iter()
            .map(|st| st.node)
            .filter(|&n| self.changed.get(n).copied().unwrap_or(true))
            .collect();
        nodes.sort_unstable();
        nodes.dedup();
        nodes.into_iter().all(|n| {
            let Some(a) = un.nodes.get(n) else {
                return false;
            };
            let Some(o) = uo.node_by_name(&a.name) else {
                return false;
            };
            let (Some(b), Some(ka), Some(kb)) = (
                uo.nodes.get(o),
                ex.new.keys(ex.dom, n),
                ex.old.keys(ex.dom, o),
            ) else {
                return false;
            };
            if ka.shell != kb.shell
                || a.blocks.len() != b.blocks.len()
                || a.blocks
                    .iter()
                    .zip(&b.blocks)
                    .any(|(x, y)| x.ports != y.ports)
            {
                return false;
            }
            if n == self.t {
                return ka.blocks == kb.blocks;
            }
            a.blocks.iter().enumerate().all(|(bi, block)| {
                block.rules.iter().enumerate().all(|(ri, r)| {
                    let crate::model::Action::Forward(f) = &r.action else {
                        return true;
                    };
                    if !f
                        .targets
                        .iter()
                        .any(|&(x, _)| relevant.get(x).copied().unwrap_or(true))
                    {
                        return true;
                    }
                    let (Some(want), Some(old_keys)) =
                        (ka.firing.get(bi).and_then(|k| k.get(ri)), kb.firing.get(bi))
                    else {
                        return false;
                    };
                    old_keys.contains(want)
                })
            })
        })
    }
}

impl super::Pair<'_> {
    /// Whether a source the change alters as a sender sends nothing in the
    /// newer version that it could not send in the older one, for the
    /// first hops of the pair's (sliced) graph. Its
    /// addresses, the secrets it knows and its groups (by name) must lie
    /// within the older version's; and at each first hop, every port its
    /// egress opens toward that node, for each family of its addresses, on
    /// which the hop can be at all (`states::first_hop_ports`) must be opened
    /// by its older egress too. What else admits a first hop (the receiver's
    /// listen lines, exposure and addresses, `source in` conditions, the
    /// ACLs) reads the receiver, the address and the port, which are the same
    /// in both versions where [`Self::journeys_kept`] holds; so every first
    /// hop of the newer version is one of the older, and the journeys that
    /// go on from it are kept as that check says. (A proxy's egress is read
    /// again at each hop it forwards, but such a hop leaves a state at the
    /// source, a changed node, whose lines that check compares.)
    pub(super) fn first_hops_kept(&self, ex: &Exact, sliced: &states::StateGraph) -> bool {
        let (un, uo) = (&ex.new.policy, &ex.old.policy);
        let (Some(a), Some(o)) = (
            un.nodes.get(self.s),
            self.old_s.and_then(|i| uo.nodes.get(i)),
        ) else {
            return false;
        };
        let names = |p: &Policy, n: &crate::model::Node| {
            let knows: BTreeSet<String> = n
                .knows
                .iter()
                .filter_map(|&s| p.secrets.get(s).map(|s| s.name.clone()))
                .collect();
            let groups: BTreeSet<String> = n
                .memberships
                .iter()
                .filter_map(|(g, _)| p.groups.get(*g).map(|g| g.name.clone()))
                .collect();
            (knows, groups)
        };
        let ((ka, ga), (ko, go)) = (names(un, a), names(uo, o));
        if a.kind != o.kind
            || !a.addrs.is_subset(&o.addrs)
            || !ka.is_subset(&ko)
            || !ga.is_subset(&go)
        {
            return false;
        }
        let families = Family::present(&a.addrs);
        sliced
            .starts
            .iter()
            .filter_map(|&(st, _)| sliced.states.get(st))
            .all(|st| {
                let (Some(to), Some(to_old)) = (
                    un.nodes.get(st.node),
                    un.nodes
                        .get(st.node)
                        .and_then(|n| uo.node_by_name(&n.name))
                        .and_then(|i| uo.nodes.get(i)),
                ) else {
                    return false;
                };
                let possible = states::first_hop_ports(un, a, to, HopTls::Any);
                families.iter().all(|&f| {
                    states::egress_ports_in(a, to, f)
                        .intersect(&possible)
                        .is_subset(&states::egress_ports_in(o, to_old, f))
                })
            })
    }
}

/// A node without its rules (what `changes::node_key` reads besides them).
pub(super) fn shell(n: &crate::model::Node) -> crate::model::Node {
    crate::model::Node {
        name: n.name.clone(),
        kind: n.kind,
        span: n.span,
        decl_span: n.decl_span,
        addrs: n.addrs.clone(),
        knows: n.knows.clone(),
        memberships: n.memberships.clone(),
        exposure: n.exposure.clone(),
        listens: n.listens.clone(),
        egress: n.egress.clone(),
        blocks: Vec::new(),
    }
}

/// What decides when rule `ri` of a block fires: the rule, and the
/// conditions of the earlier rules that can match a path it matches.
pub(super) fn firing_key(
    dom: &Domains,
    p: &Policy,
    block: &crate::model::Block,
    ri: usize,
) -> FiringKey {
    let Some(r) = block.rules.get(ri) else {
        return (String::new(), Vec::new());
    };
    let own = dom.path_support(&r.guard);
    let mut earlier: Vec<String> = block.rules[..ri]
        .iter()
        .filter(|e| match (&own, dom.path_support(&e.guard)) {
            (Some(mine), Some(theirs)) => mine.iter().any(|c| theirs.binary_search(c).is_ok()),
            _ => true,
        })
        .map(|e| super::cond_key(p, &e.guard))
        .collect();
    earlier.sort_unstable();
    earlier.dedup();
    (super::rule_key(p, r), earlier)
}
