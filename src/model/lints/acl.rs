//! The ACL lint: an entry every packet of which an earlier entry of the same
//! direction already decides can never decide anything.

use crate::diagnostic::Diagnostic;
use crate::model::acl::{Acl, AclEntry};
use crate::model::Policy;
use crate::syntax::ast::AclDirection;

/// Directions with more entries than this are not linted: the exact check
/// is quadratic, and no real ACL comes near (AWS allows 40 entries).
const MAX_LINTED_ENTRIES: usize = 500;

pub fn lint(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for acl in &policy.acls {
        for d in [AclDirection::Inbound, AclDirection::Outbound] {
            shadowed(acl, d, out);
        }
    }
}

fn shadowed(acl: &Acl, d: AclDirection, out: &mut Vec<Diagnostic>) {
    let entries = acl.entries(d);
    if entries.len() > MAX_LINTED_ENTRIES {
        return;
    }
    for (i, e) in entries.iter().enumerate() {
        if e.ports.is_empty() || e.remote.is_empty() {
            continue;
        }
        let earlier = &entries[..i];
        if let Some(by) = covered_by(e, earlier) {
            let mut diag = Diagnostic::warning(
                "stargate::model::acl_shadowed_entry",
                format!(
                    "{} entry {} of ACL `{}` never decides a packet",
                    d.as_str(),
                    e.number,
                    acl.name
                ),
                e.span,
            )
            .label("every packet it matches is decided by an earlier entry")
            .help("entries are evaluated in ascending number and the first match decides; give this entry a lower number or remove it");
            for s in by {
                diag = diag.related(s, "decided here first");
            }
            out.push(diag);
        }
    }
}

/// The spans of the earlier entries that together match every packet `e`
/// matches, or `None` when some packet is left to `e`.
fn covered_by(e: &AclEntry, earlier: &[AclEntry]) -> Option<Vec<crate::span::Span>> {
    // Cut `e`'s addresses where an earlier entry's addresses start or stop:
    // within a piece, the same earlier entries match.
    let mut cuts: Vec<u128> = Vec::new();
    for x in earlier {
        for &(lo, hi) in x.remote.ranges() {
            cuts.push(lo);
            if let Some(next) = hi.checked_add(1) {
                cuts.push(next);
            }
        }
    }
    let mut used: Vec<usize> = Vec::new();
    for &(lo, hi) in e.remote.ranges() {
        let mut points: Vec<u128> = cuts
            .iter()
            .copied()
            .filter(|&c| c > lo && c <= hi)
            .collect();
        points.push(lo);
        points.sort_unstable();
        points.dedup();
        for &start in &points {
            let mut ports = crate::model::IntervalSet::empty();
            for (k, x) in earlier.iter().enumerate() {
                if x.remote.contains(start) && x.ports.intersects(&e.ports) {
                    ports = ports.union(&x.ports);
                    if !used.contains(&k) {
                        used.push(k);
                    }
                }
            }
            if !e.ports.is_subset(&ports) {
                return None;
            }
        }
    }
    used.sort_unstable();
    Some(used.iter().map(|&k| earlier[k].span).collect())
}
