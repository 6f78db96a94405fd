//! The requests the brute-force checker tries, enumerated from the policy by
//! plain means of its own. Nothing here is shared with the encoder's value
//! classes (`verify::domain`): if a class cut there were wrong, the solver
//! and this checker would disagree, rather than make the same mistake.
//!
//! Each part of a request is sampled so that every behaviour the policy can
//! tell apart has a sample:
//! - addresses and ports: both ends of every range of every set the policy
//!   mentions, and the value just past each range. Two values that no set
//!   tells apart behave alike, and every stretch of values that the sets
//!   treat alike starts at 0, at the start of a range or just past the end
//!   of one;
//! - paths: every glob's text, every prefix glob's text followed by a space,
//!   and `/ `. A path matches the exact glob equal to it and the prefix globs
//!   that are prefixes of it. Take the longest prefix glob that is a prefix
//!   of the path (or `/`): that glob's text plus a space matches the same
//!   prefix globs (no glob holds a space, so no longer one is a prefix of it)
//!   and no exact glob, as the path does unless it is some glob's text.
//!   With `*` or `?` inside globs, also each glob written out with fillers
//!   and every short path over the written characters (`sample_paths`):
//!   exhaustive up to the length reached, which covers the small globs of
//!   the differential tests, and a sample beyond;
//! - ACLs: their covers and the addresses and ports of their entries are
//!   sets like the others (a hop's receiver address is tried among the same
//!   address samples; a reply's client port is tried by `model::acl` at
//!   every point where an entry's ports start or stop);
//! - methods: each one the policy names and one it does not;
//! - header values: absent, a string equal to no literal, each literal, each
//!   secret the source knows; with value patterns, a sample per combination
//!   of patterns reached by their written-out forms and by short strings
//!   (`sample_values`), and for each secret each of those samples as the
//!   stand-in that decides which patterns its unknown value matches.

use super::Request;
use crate::model::intervals::Point;
use crate::model::{
    all_ports, Action, Addr, AddrSet, Assertion, Cond, Family, IntervalSet, Policy, Tail, Target,
};
use crate::verify::HeaderText;

/// What one or more policies (two versions, for a diff) can tell apart.
#[derive(Debug, Clone)]
pub struct RequestSpace {
    /// Address keys, sorted, without repeats.
    pub addresses: Vec<Addr>,
    /// Valid port keys, sorted, without repeats.
    pub ports: Vec<u32>,
    pub methods: Vec<String>,
    pub paths: Vec<String>,
    /// A header value equal to no literal of any of the policies.
    pub other_value: String,
    /// Header values equal to no literal: `other_value`, and with value
    /// patterns one per combination of patterns the samples reach
    /// (`sample_values`). Also the stand-ins tried for secrets.
    pub others: Vec<String>,
    /// Every literal of every policy.
    pub literals: Vec<String>,
}

impl RequestSpace {
    pub fn of(policies: &[&Policy]) -> Self {
        let mut methods: Vec<String> = Vec::new();
        let mut literals: Vec<String> = Vec::new();
        for p in policies {
            for m in &p.methods {
                if !methods.contains(m) {
                    methods.push(m.clone());
                }
            }
            for l in &p.literals {
                if !literals.contains(l) {
                    literals.push(l.clone());
                }
            }
        }
        methods.push(unused("UNLISTED", &methods));
        let other_value = unused("\u{1}unlisted value", &literals);
        RequestSpace {
            others: sample_values(policies, &other_value, &literals),
            addresses: sample_addresses(policies),
            ports: sample_ports(policies),
            methods,
            paths: sample_paths(policies),
            other_value,
            literals,
        }
    }

    /// The header values a request from a node that knows `knows` may carry.
    pub fn header_values(&self, knows: &[usize]) -> Vec<HeaderText> {
        let mut v = vec![HeaderText::Absent];
        v.extend(self.others.iter().cloned().map(HeaderText::Text));
        v.extend(self.literals.iter().cloned().map(HeaderText::Text));
        v.extend(knows.iter().map(|&s| HeaderText::Secret(s)));
        v
    }
}

/// Strings tried for `*` and `?` when a glob is written out as a path.
const FILLERS: [&str; 5] = ["", "x", "/", "xy", "x/x"];
/// How many short paths are tried, all of them up to the length this allows.
const SHORT_PATHS: usize = 6000;

/// Path samples: one per combination of globs that the candidates below
/// reach, judged by the plain matcher (`GlobDef::matches`). The candidates:
/// `/ `; every glob's text, and every prefix glob's text followed by a
/// space (for exact and prefix globs these alone meet every combination,
/// see the module doc); every glob written out with each `*` and `?`
/// replaced by a filler or by a character some glob writes (two globs
/// overlap where one's text is written into the other's wildcard); and
/// every path `/w` with `w` over the written characters and one more, in
/// order of length, up to [`SHORT_PATHS`] of them.
fn sample_paths(policies: &[&Policy]) -> Vec<String> {
    let globs: Vec<&crate::model::GlobDef> = policies.iter().flat_map(|p| &p.globs).collect();
    let mut chars: Vec<char> = globs
        .iter()
        .flat_map(|g| g.text.chars())
        .filter(|c| !matches!(c, '*' | '?'))
        .collect();
    chars.sort_unstable();
    chars.dedup();
    let mut candidates: Vec<String> = vec!["/ ".into()];
    let wild = globs.iter().any(|g| g.text.contains(['*', '?']));
    for g in &globs {
        candidates.push(g.text.clone());
        if g.prefix {
            candidates.push(format!("{} ", g.text));
        }
        if !wild {
            continue;
        }
        let pattern = g.display();
        let mut fills: Vec<String> = FILLERS.iter().map(|f| f.to_string()).collect();
        fills.extend(chars.iter().map(|c| c.to_string()));
        fills.extend(globs.iter().map(|h| h.text.replace(['*', '?'], "")));
        for f in &fills {
            let one = f.chars().next().unwrap_or('x');
            let written: String = pattern
                .chars()
                .map(|c| match c {
                    '*' => f.clone(),
                    '?' => one.to_string(),
                    c => c.to_string(),
                })
                .collect();
            candidates.push(written);
        }
    }
    if wild {
        let mut alphabet = chars.clone();
        alphabet.push(' ');
        let mut layer: Vec<String> = vec!["/".into()];
        let mut count = 1;
        while count < SHORT_PATHS && !alphabet.is_empty() {
            let mut next = Vec::new();
            for w in &layer {
                for &c in &alphabet {
                    next.push(format!("{w}{c}"));
                }
            }
            count += next.len();
            candidates.append(&mut layer);
            layer = next;
        }
        candidates.append(&mut layer);
    }
    // One candidate per combination of globs matched.
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<String> = Vec::new();
    candidates.sort();
    candidates.dedup();
    for c in candidates {
        let sig: Vec<bool> = globs.iter().map(|g| g.matches(&c)).collect();
        if seen.insert(sig) {
            out.push(c);
        }
    }
    out
}

/// Header values for value patterns (case-insensitive): `other`, and
/// candidates judged by the plain matcher, one kept per combination of
/// patterns matched: each pattern written out with fillers (as written, in
/// upper and in lower case), and every short string over the patterns'
/// characters in both cases and a space, up to [`SHORT_PATHS`] of them.
/// Literals are left out (they are tried as themselves).
fn sample_values(policies: &[&Policy], other: &str, literals: &[String]) -> Vec<String> {
    let patterns: Vec<&String> = policies.iter().flat_map(|p| &p.patterns).collect();
    if patterns.is_empty() {
        return vec![other.to_string()];
    }
    let mut chars: Vec<char> = patterns
        .iter()
        .flat_map(|p| p.chars())
        .filter(|c| !matches!(c, '*' | '?'))
        .flat_map(|c| [c.to_ascii_lowercase(), c.to_ascii_uppercase()])
        .collect();
    chars.sort_unstable();
    chars.dedup();
    let mut candidates: Vec<String> = vec![other.to_string()];
    let mut fills: Vec<String> = FILLERS.iter().map(|f| f.to_string()).collect();
    fills.extend(chars.iter().map(|c| c.to_string()));
    fills.extend(patterns.iter().map(|p| p.replace(['*', '?'], "")));
    for p in &patterns {
        for f in &fills {
            let one = f.chars().next().unwrap_or('x');
            let written: String = p
                .chars()
                .map(|c| match c {
                    '*' => f.clone(),
                    '?' => one.to_string(),
                    c => c.to_string(),
                })
                .collect();
            candidates.push(written.to_ascii_uppercase());
            candidates.push(written.to_ascii_lowercase());
            candidates.push(written);
        }
    }
    let mut alphabet = chars;
    alphabet.push(' ');
    let mut layer: Vec<String> = vec![String::new()];
    let mut count = 1;
    while count < SHORT_PATHS {
        let mut next = Vec::new();
        for w in &layer {
            for &c in &alphabet {
                next.push(format!("{w}{c}"));
            }
        }
        count += next.len();
        candidates.append(&mut layer);
        layer = next;
    }
    candidates.append(&mut layer);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for c in candidates {
        if literals.contains(&c) {
            continue;
        }
        let sig: Vec<bool> = patterns
            .iter()
            .map(|p| crate::model::pattern::wildcard_match(p, &c, true))
            .collect();
        if seen.insert(sig) {
            out.push(c);
        }
    }
    out
}

/// A string not among `taken`.
fn unused(base: &str, taken: &[String]) -> String {
    (0..)
        .map(|n| format!("{base}{n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or_default()
}

/// Both ends of each range, and the value after it.
fn sample_ranges<T: Point>(set: &IntervalSet<T>, out: &mut Vec<T>) {
    for &(lo, hi) in set.ranges() {
        out.push(lo);
        out.push(hi);
        out.extend(hi.checked_succ());
    }
}

/// Address samples for every address set the policies mention, and both
/// ends of each family (a hop's egress depends on its source's family).
pub fn sample_addresses(policies: &[&Policy]) -> Vec<Addr> {
    let mut out = Vec::new();
    sample_ranges(&Family::V4.all(), &mut out);
    sample_ranges(&Family::V6.all(), &mut out);
    for p in policies {
        let mut add = |s: &AddrSet| sample_ranges(s, &mut out);
        for n in &p.nodes {
            add(&n.addrs);
            for l in &n.listens {
                add(&l.from);
            }
            for e in n.egress.iter().flatten() {
                add(&e.to);
            }
            if let Some(e) = &n.exposure {
                add(&e.from);
            }
            for r in n.blocks.iter().flat_map(|b| &b.rules) {
                sets_in(&r.guard, &mut |c| {
                    if let Cond::Source(s) = c {
                        add(s);
                    }
                });
            }
        }
        for x in &p.acls {
            add(&x.covers);
            for e in x.inbound.iter().chain(&x.outbound) {
                add(&e.remote);
            }
        }
        for a in &p.assertions {
            each_start_condition(a, &mut |c| {
                if let Cond::Source(s) = c {
                    add(s);
                }
            });
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Port samples (valid port keys) for every port set the policies mention.
pub fn sample_ports(policies: &[&Policy]) -> Vec<u32> {
    let mut out = Vec::new();
    let all = all_ports();
    sample_ranges(&all, &mut out);
    for p in policies {
        let mut add = |s: &IntervalSet| sample_ranges(s, &mut out);
        for n in &p.nodes {
            for l in &n.listens {
                add(&l.ports);
            }
            for e in n.egress.iter().flatten() {
                add(&e.ports);
            }
            for b in &n.blocks {
                add(&b.ports);
                for r in &b.rules {
                    sets_in(&r.guard, &mut |c| {
                        if let Cond::Port(s) = c {
                            add(s);
                        }
                    });
                    if let Action::Forward(f) = &r.action {
                        for &(_, port) in &f.targets {
                            add(&IntervalSet::range(port, port));
                        }
                    }
                }
            }
        }
        for x in &p.acls {
            for e in x.inbound.iter().chain(&x.outbound) {
                add(&e.ports);
            }
        }
        for a in &p.assertions {
            match &a.target {
                Target::Node(_, ports) | Target::Port(ports) => add(ports),
            }
            each_start_condition(a, &mut |c| {
                if let Cond::Port(s) = c {
                    add(s);
                }
            });
        }
    }
    out.retain(|&k| all.contains(k));
    out.sort_unstable();
    out.dedup();
    out
}

/// Every condition inside `c` (itself included).
fn sets_in(c: &Cond, f: &mut dyn FnMut(&Cond)) {
    f(c);
    match c {
        Cond::Not(inner) => sets_in(inner, f),
        Cond::And(items) | Cond::Or(items) => items.iter().for_each(|i| sets_in(i, f)),
        _ => {}
    }
}

/// Every condition of an assertion's `where` and `requires`.
fn each_start_condition(a: &Assertion, f: &mut dyn FnMut(&Cond)) {
    sets_in(&a.where_, f);
    if let Tail::Requires(c) = &a.tail {
        sets_in(c, f);
    }
}

/// The request space is too large to enumerate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge(pub u64);

/// Decides an assertion by brute force: every request of the policy's
/// [`RequestSpace`] that may start at the assertion's source (every
/// combination of header values and opaque outcomes included), each
/// explored concretely. Returns the first request that violates it (for
/// `path`: witnesses it). Complete for policies whose request space has at
/// most `limit` requests.
pub fn exhaustive(policy: &Policy, a: &Assertion, limit: u64) -> Result<Option<Request>, TooLarge> {
    let Some(from) = policy.nodes.get(a.from) else {
        return Ok(None);
    };
    let space = RequestSpace::of(&[policy]);
    let sources: Vec<Addr> = space
        .addresses
        .iter()
        .copied()
        .filter(|s| from.addrs.contains(*s))
        .collect();
    let header_values = space.header_values(&from.knows);
    let h = policy.headers.len() as u32;
    let o = policy.opaques.len() as u32;
    let header_combos = (header_values.len() as u64).saturating_pow(h);
    // With value patterns, each secret is taken to match as one of the
    // other values does (its value is unknown).
    let k = if policy.patterns.is_empty() {
        0
    } else {
        policy.secrets.len() as u32
    };
    let stand_in_combos = (space.others.len() as u64).saturating_pow(k);
    let total = (sources.len() as u64)
        .saturating_mul(space.ports.len() as u64)
        .saturating_mul(space.methods.len() as u64)
        .saturating_mul(space.paths.len() as u64)
        .saturating_mul(header_combos)
        .saturating_mul(stand_in_combos)
        .saturating_mul(1u64 << o.min(40));
    if total > limit {
        return Err(TooLarge(total));
    }
    for &source in &sources {
        for &port in &space.ports {
            for method in &space.methods {
                for path in &space.paths {
                    for hc in 0..header_combos {
                        let mut rest = hc;
                        let headers: Vec<HeaderText> = (0..h)
                            .map(|_| {
                                let n = header_values.len() as u64;
                                let v = header_values[(rest % n) as usize].clone();
                                rest /= n;
                                v
                            })
                            .collect();
                        for sc in 0..stand_in_combos {
                            let mut rest = sc;
                            let secrets: Vec<String> = (0..k)
                                .map(|_| {
                                    let n = space.others.len() as u64;
                                    let v = space.others[(rest % n) as usize].clone();
                                    rest /= n;
                                    v
                                })
                                .collect();
                            for oc in 0..(1u64 << o) {
                                let req = Request {
                                    source,
                                    port,
                                    method: method.clone(),
                                    path: path.clone(),
                                    headers: headers.clone(),
                                    opaque: (0..o).map(|i| (oc >> i) & 1 == 1).collect(),
                                    secrets: secrets.clone(),
                                };
                                if super::request_hits_with(policy, a, &req, &space.addresses) {
                                    return Ok(Some(req));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(None)
}
