//! Which parts of a policy a change touches, judged on the two checked
//! models (sets, rules and names), never on the text: a pair of nodes whose
//! journeys can only use unchanged nodes cannot gain or lose a flow, and an
//! assertion that reads only unchanged nodes keeps its verdict.
//!
//! A pair (source, target) reads the source (its addresses, egress and the
//! secrets it knows) and the nodes from which forwarding can lead to the
//! target, the target included (`states::relevant_nodes`): the first hop
//! goes to one of them, each later hop is a `forward` of one of them to
//! another, and what admits a hop (egress, listen lines, addresses of
//! sender and receiver) and what the rules decide are all properties of
//! those nodes. Those nodes are the target's forwarding ancestors in either
//! version, so a node a change adds, removes or alters touches exactly the
//! targets it can forward to, in either version, and itself.
//!
//! Within a touched pair, a journey that visits no changed node takes the
//! same hops in both versions; so when no state of a version's graph for
//! the pair (sliced to the states on some way from the source to the
//! target, which covers every concrete journey) is at a changed node, that
//! version reaches nothing the other does not (`Pair::flows`); nor when the
//! changed nodes on the way fire the rules these journeys use exactly as in
//! the other version (`Pair::journeys_kept`, rule by rule).

use std::collections::{BTreeSet, HashMap};

use crate::model::{Action, Assertion, NodeId, Policy, Tail, Target};

/// The nodes (by name) a change touches.
pub(crate) struct Changes {
    /// Nodes added, removed, or different in meaning.
    changed: BTreeSet<String>,
    /// Nodes added, removed, or that send differently as a journey's
    /// source (addresses, egress, secrets known): the first hop reads
    /// nothing else of its source.
    changed_as_source: BTreeSet<String>,
    /// Nodes that some changed node can forward to, in either version, and
    /// the changed nodes themselves.
    touched: BTreeSet<String>,
}

impl Changes {
    pub(crate) fn between(base: &Policy, head: &Policy) -> Self {
        fn keys(p: &Policy) -> HashMap<&str, (String, String)> {
            p.nodes
                .iter()
                .map(|n| (n.name.as_str(), (source_key(p, n), node_key(p, n))))
                .collect()
        }
        let (kb, kh) = (keys(base), keys(head));
        let mut changed: BTreeSet<String> = BTreeSet::new();
        let mut changed_as_source: BTreeSet<String> = BTreeSet::new();
        for (name, (source, whole)) in &kb {
            match kh.get(name) {
                Some((s, w)) => {
                    if s != source {
                        changed_as_source.insert((*name).to_string());
                    }
                    if w != whole {
                        changed.insert((*name).to_string());
                    }
                }
                None => {
                    changed.insert((*name).to_string());
                    changed_as_source.insert((*name).to_string());
                }
            }
        }
        for name in kh.keys() {
            if !kb.contains_key(name) {
                changed.insert((*name).to_string());
                changed_as_source.insert((*name).to_string());
            }
        }
        // A changed ACL changes the hops into and out of the addresses it
        // covers (in either version): every hop it filters has an end there.
        let affected = changed_acl_covers(base, head);
        if !affected.is_empty() {
            for p in [base, head] {
                for n in p.nodes.iter().filter(|n| n.addrs.intersects(&affected)) {
                    changed.insert(n.name.clone());
                    changed_as_source.insert(n.name.clone());
                }
            }
        }
        let mut touched = changed.clone();
        for p in [base, head] {
            touched.extend(forward_closure(p, &changed));
        }
        Changes {
            changed,
            changed_as_source,
            touched,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.changed.is_empty()
    }

    /// Whether flows from `source` to `target` (names) may differ.
    pub(crate) fn pair_may_change(&self, source: &str, target: &str) -> bool {
        self.changed_as_source.contains(source) || self.touched.contains(target)
    }

    pub(crate) fn source_changed(&self, source: &str) -> bool {
        self.changed_as_source.contains(source)
    }

    /// For each node of `p`, whether it is added, removed or changed.
    pub(crate) fn changed_in(&self, p: &Policy) -> Vec<bool> {
        p.nodes
            .iter()
            .map(|n| self.changed.contains(&n.name))
            .collect()
    }

    pub(crate) fn target_touched(&self, target: &str) -> bool {
        self.touched.contains(target)
    }

    /// Whether the assertion's verdict may differ from that of the one of
    /// the same name in `other` (`None`: no such assertion there).
    pub(crate) fn assertion_may_change(
        &self,
        p: &Policy,
        a: &Assertion,
        other: Option<(&Policy, &Assertion)>,
    ) -> bool {
        let Some((q, b)) = other else {
            return true;
        };
        if assertion_key(p, a) != assertion_key(q, b) {
            return true;
        }
        fn name(p: &Policy, n: NodeId) -> &str {
            p.nodes.get(n).map_or("", |n| n.name.as_str())
        }
        if self.changed_as_source.contains(name(p, a.from)) {
            return true;
        }
        // Its targets: one node, or every node listening on its ports.
        match &a.target {
            Target::Node(t, _) => self.touched.contains(name(p, *t)),
            Target::Port(_) => !self.changed.is_empty(),
        }
    }
}

/// The nodes a forward chain from one of `start` can get to.
fn forward_closure(p: &Policy, start: &BTreeSet<String>) -> BTreeSet<String> {
    let mut seen = vec![false; p.nodes.len()];
    let mut stack: Vec<NodeId> = (0..p.nodes.len())
        .filter(|&n| start.contains(&p.nodes[n].name))
        .collect();
    for &n in &stack {
        seen[n] = true;
    }
    while let Some(n) = stack.pop() {
        for r in p.nodes[n].blocks.iter().flat_map(|b| &b.rules) {
            if let Action::Forward(f) = &r.action {
                for &(t, _) in &f.targets {
                    if let Some(s) = seen.get_mut(t) {
                        if !*s {
                            *s = true;
                            stack.push(t);
                        }
                    }
                }
            }
        }
    }
    (0..p.nodes.len())
        .filter(|&n| seen[n])
        .map(|n| p.nodes[n].name.clone())
        .collect()
}

/// What the first hop of a journey reads of its source node.
fn source_key(p: &Policy, n: &crate::model::Node) -> String {
    format!("{:?}|{}", n.addrs, sending_key(p, n))
}

/// What the first hop reads of its source besides its addresses: the
/// secrets it knows, the groups it is a member of (a listen line naming one
/// admits it) and its egress lines (in order, groups by name).
pub(crate) fn sending_key(p: &Policy, n: &crate::model::Node) -> String {
    let mut knows: Vec<&str> = n
        .knows
        .iter()
        .filter_map(|&s| p.secrets.get(s).map(|s| s.name.as_str()))
        .collect();
    knows.sort_unstable();
    let mut members: Vec<&str> = n
        .memberships
        .iter()
        .filter_map(|(g, _)| p.groups.get(*g).map(|g| g.name.as_str()))
        .collect();
    members.sort_unstable();
    let egress: Option<Vec<String>> = n.egress.as_ref().map(|lines| {
        lines
            .iter()
            .map(|e| {
                format!(
                    "{:?} to {:?} {:?}",
                    e.ports,
                    e.to,
                    group_names(p, &e.groups)
                )
            })
            .collect()
    });
    format!("{knows:?}|{members:?}|{egress:?}")
}

/// What an ACL means, by name: its covers and its entries in order.
fn acl_key(a: &crate::model::acl::Acl) -> String {
    let entries = |es: &[crate::model::acl::AclEntry]| -> Vec<String> {
        es.iter()
            .map(|e| format!("{} {} {:?} {:?}", e.number, e.allow, e.ports, e.remote))
            .collect()
    };
    format!(
        "{:?}|{:?}|{:?}",
        a.covers,
        entries(&a.inbound),
        entries(&a.outbound)
    )
}

/// All the ACLs of a policy, by name: equal exactly when they filter alike.
pub(crate) fn acls_key(p: &Policy) -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = p
        .acls
        .iter()
        .map(|a| (a.name.clone(), acl_key(a)))
        .collect();
    keys.sort_unstable();
    keys
}

/// The addresses covered, in either version, by an ACL added, removed or
/// changed in meaning.
fn changed_acl_covers(base: &Policy, head: &Policy) -> crate::model::AddrSet {
    let mut out = crate::model::AddrSet::empty();
    for (p, q) in [(base, head), (head, base)] {
        for a in &p.acls {
            let same = q
                .acls
                .iter()
                .any(|b| b.name == a.name && acl_key(b) == acl_key(a));
            if !same {
                out = out.union(&a.covers);
            }
        }
    }
    out
}

/// Group ids by name, sorted: what a line naming them means.
fn group_names(p: &Policy, groups: &[crate::model::GroupId]) -> Vec<String> {
    let mut names: Vec<String> = groups
        .iter()
        .filter_map(|g| p.groups.get(*g).map(|g| g.name.clone()))
        .collect();
    names.sort_unstable();
    names
}

/// Everything about a node that decides a journey, with ids replaced by the
/// names they stand for and no spans: equal exactly when alike in meaning.
pub(crate) fn node_key(p: &Policy, n: &crate::model::Node) -> String {
    let listens: Vec<String> = n
        .listens
        .iter()
        .map(|l| {
            format!(
                "{:?} tls={} from {:?} {:?}",
                l.ports,
                l.tls,
                l.from,
                group_names(p, &l.groups)
            )
        })
        .collect();
    let exposure = n.exposure.as_ref().map(|e| format!("{:?}", e.from));
    format!(
        "{:?}|{:?}|{listens:?}|{exposure:?}|{}|{}",
        n.kind,
        n.addrs,
        sending_key(p, n),
        super::blocks_key(p, n)
    )
}

fn assertion_key(p: &Policy, a: &Assertion) -> String {
    let name = |n: NodeId| p.nodes.get(n).map_or("?", |n| n.name.as_str());
    let target = match &a.target {
        Target::Node(t, ports) => format!("node {} {ports:?}", name(*t)),
        Target::Port(ports) => format!("port {ports:?}"),
    };
    let tail = match &a.tail {
        Tail::None => String::from("none"),
        Tail::Requires(c) => format!("requires {}", super::cond_key(p, c)),
        Tail::Via(n) => format!("via {}", name(*n)),
        Tail::Encrypted => String::from("encrypted"),
    };
    format!(
        "{:?}|{}|{target}|{}|{tail}",
        a.kind,
        name(a.from),
        super::cond_key(p, &a.where_)
    )
}
