//! Finite domains for the parts of a request: addresses and ports cut into
//! classes at every boundary of the policy's sets, paths (one class per
//! combination of globs a path can match), HTTP methods, and header values
//! (absent, "other", each literal, each secret). The SMT encoding solves
//! over them; the concrete interpreter's brute force does not use them
//! (it enumerates requests on its own, `interp::space`), so that a wrong cut
//! here shows up as a disagreement.

use std::collections::HashMap;

use crate::model::intervals::Point;
use crate::model::pattern::has_wildcard;
use crate::model::{
    Action, Addr, AddrSet, Cond, Family, GlobDef, IntervalSet, Policy, Tail, Target, Value,
};

/// Paths split into classes: two paths in a class match exactly the same
/// globs. With a `*` or `?` anywhere but at the end of some glob, the
/// classes are the cells of `patterns.rs` (over paths, which start with
/// `/`); otherwise a linear method for prefixes and exact paths.
#[derive(Debug, Clone)]
pub struct PathClasses {
    /// A concrete path for each class.
    pub representatives: Vec<String>,
    /// For each glob of the policy, the classes it matches.
    pub glob_classes: Vec<Vec<usize>>,
    /// Why the classes could not be computed (too many combinations): the
    /// encoder then answers `unknown` rather than solve over them.
    pub overflow: Option<String>,
}

impl PathClasses {
    pub fn new(globs: &[GlobDef]) -> Self {
        if globs.iter().all(|g| !has_wildcard(&g.text)) {
            return Self::of_prefixes(globs);
        }
        let patterns: Vec<String> = globs.iter().map(GlobDef::display).collect();
        match super::patterns::cells(&patterns, "/", false) {
            Ok(c) => PathClasses {
                representatives: c.witnesses,
                glob_classes: c.matching,
                overflow: None,
            },
            Err(too_many) => PathClasses {
                representatives: vec!["/".into()],
                glob_classes: vec![Vec::new(); globs.len()],
                overflow: Some(format!("path globs: {too_many}")),
            },
        }
    }

    /// Without inner wildcards (exact paths and `/p/*` prefixes, the forms
    /// of version 0): a linear method.
    fn of_prefixes(globs: &[GlobDef]) -> Self {
        // Candidates: each exact path, and each prefix (and the root) followed
        // by a fresh suffix. Every path matches the same globs as one of them:
        // the globs a non-exact path matches are the prefixes of its longest
        // matching prefix glob.
        let index = GlobIndex::new(globs);
        let mut candidates: Vec<String> = Vec::new();
        for g in globs {
            candidates.push(g.text.clone());
            if g.prefix {
                candidates.push(fresh_extension(&g.text, &index));
            }
        }
        candidates.push(fresh_extension("/", &index));
        let mut representatives: Vec<String> = Vec::new();
        let mut seen: HashMap<Vec<usize>, usize> = HashMap::new();
        let mut glob_classes: Vec<Vec<usize>> = vec![Vec::new(); globs.len()];
        for c in candidates {
            let sig = index.matching(&c);
            if seen.contains_key(&sig) {
                continue;
            }
            let class = representatives.len();
            for &g in &sig {
                glob_classes[g].push(class);
            }
            seen.insert(sig, class);
            representatives.push(c);
        }
        PathClasses {
            representatives,
            glob_classes,
            overflow: None,
        }
    }

    /// The class of a concrete path.
    pub fn class_of(&self, globs: &[GlobDef], path: &str) -> Option<usize> {
        let sig: Vec<bool> = globs.iter().map(|g| g.matches(path)).collect();
        (0..self.representatives.len()).find(|&c| {
            (0..globs.len()).all(|g| self.glob_classes[g].binary_search(&c).is_ok() == sig[g])
        })
    }
}

/// A character no glob contains, so `p + FRESH` extends a prefix without
/// becoming another glob's prefix or exact path.
const FRESH_SUFFIXES: [&str; 6] = ["x", "zz", "q0", "other", "_", "~z"];

/// Globs by text, so the globs a path matches are found with one lookup per
/// prefix of the path rather than a scan of every glob.
struct GlobIndex {
    exact: HashMap<String, Vec<usize>>,
    prefix: HashMap<String, Vec<usize>>,
}

impl GlobIndex {
    fn new(globs: &[GlobDef]) -> Self {
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        let mut prefix: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, g) in globs.iter().enumerate() {
            let table = if g.prefix { &mut prefix } else { &mut exact };
            table.entry(g.text.clone()).or_default().push(i);
        }
        GlobIndex { exact, prefix }
    }

    /// The ids of the globs `path` matches, sorted.
    fn matching(&self, path: &str) -> Vec<usize> {
        let mut out = self.prefixes_of(path);
        out.extend(self.exact.get(path).into_iter().flatten());
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The prefix globs that are prefixes of `base`, sorted.
    fn prefixes_of(&self, base: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, _) in base
            .char_indices()
            .chain(std::iter::once((base.len(), ' ')))
        {
            if let Some(ids) = self.prefix.get(&base[..i]) {
                out.extend(ids);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// `base` plus a short suffix that makes it match exactly the prefix globs
/// that are prefixes of `base`, and no exact glob.
fn fresh_extension(base: &str, index: &GlobIndex) -> String {
    let want = index.prefixes_of(base);
    for suffix in FRESH_SUFFIXES {
        let candidate = format!("{base}{suffix}");
        if index.matching(&candidate) == want {
            return candidate;
        }
    }
    // A suffix no glob can contain (globs never hold a space).
    format!("{base} ")
}

/// The header values that are no literal, split by the value patterns
/// (`matches`, `host in`; case-insensitive): the cells of `patterns.rs`
/// over the patterns and the literals (exact strings) together, leaving
/// out the cells of the literals themselves. Every header of the policy
/// uses the same cells (one code space for all of them), so a value keeps
/// its class when a `set header` copies a literal or secret around.
#[derive(Debug, Clone)]
pub struct ValueCells {
    /// A value for each class: equal to no literal.
    pub witnesses: Vec<String>,
    /// For each pattern, the classes it matches, ascending.
    pub pattern_cells: Vec<Vec<usize>>,
    /// For each literal (this policy's, then the other version's extra
    /// ones), the patterns it matches.
    pub literal_matches: Vec<Vec<bool>>,
    /// Why the classes could not be computed.
    pub overflow: Option<String>,
}

impl ValueCells {
    fn new(patterns: &[String], literals: &[String], other_value: &str) -> Self {
        let literal_matches: Vec<Vec<bool>> = literals
            .iter()
            .map(|l| {
                patterns
                    .iter()
                    .map(|p| crate::model::pattern::wildcard_match(p, l, true))
                    .collect()
            })
            .collect();
        if patterns.is_empty() {
            return ValueCells {
                witnesses: vec![other_value.to_string()],
                pattern_cells: Vec::new(),
                literal_matches,
                overflow: None,
            };
        }
        let mut specs: Vec<super::patterns::Spec> = patterns
            .iter()
            .map(|p| super::patterns::Spec {
                text: p,
                wildcards: true,
                fold_case: true,
            })
            .collect();
        specs.extend(literals.iter().map(|l| super::patterns::Spec {
            text: l,
            wildcards: false,
            fold_case: false,
        }));
        match super::patterns::cells_of(&specs, "") {
            Ok(c) => {
                let n = patterns.len();
                // A cell some literal matches is that literal alone.
                let is_literal: Vec<bool> = (0..c.witnesses.len())
                    .map(|k| c.matching[n..].iter().any(|m| m.contains(&k)))
                    .collect();
                let mut renumber = vec![None; c.witnesses.len()];
                let mut witnesses = Vec::new();
                for (k, w) in c.witnesses.into_iter().enumerate() {
                    if !is_literal[k] {
                        renumber[k] = Some(witnesses.len());
                        witnesses.push(w);
                    }
                }
                let pattern_cells = c.matching[..n]
                    .iter()
                    .map(|m| m.iter().filter_map(|&k| renumber[k]).collect())
                    .collect();
                ValueCells {
                    witnesses,
                    pattern_cells,
                    literal_matches,
                    overflow: None,
                }
            }
            Err(too_many) => ValueCells {
                witnesses: vec![other_value.to_string()],
                pattern_cells: vec![Vec::new(); patterns.len()],
                literal_matches,
                overflow: Some(format!("header value patterns: {too_many}")),
            },
        }
    }
}

/// The value domain of a header: absent, a string no literal equals (in
/// one of the classes of [`ValueCells`]), each literal, each secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HeaderValue {
    Absent,
    Other(usize),
    Is(Value),
    /// A string that is a literal of another policy version only (see
    /// [`Domains::for_diff`]): to this policy it is just another "other".
    Extra(usize),
}

/// Integers cut into classes at every boundary of every set the policy
/// mentions: within a class, no listen line, egress line or condition can
/// tell two values apart, so one variable per class index suffices.
#[derive(Debug, Clone)]
pub struct Classes<T: Point = u32> {
    /// The first value of each class, ascending, starting at 0.
    starts: Vec<T>,
}

impl<T: Point> Classes<T> {
    pub fn new(mut cuts: Vec<T>) -> Self {
        cuts.push(T::default());
        cuts.sort_unstable();
        cuts.dedup();
        Classes { starts: cuts }
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    pub fn index_of(&self, x: T) -> usize {
        self.starts.partition_point(|&s| s <= x).saturating_sub(1)
    }

    /// The values of class `i`, as an interval set.
    pub fn class_set(&self, i: usize) -> IntervalSet<T> {
        let lo = self.start(i);
        let hi = self
            .starts
            .get(i + 1)
            .and_then(|next| next.checked_pred())
            .unwrap_or(T::MAX);
        IntervalSet::range(lo, hi)
    }

    /// The lowest value of class `i`.
    pub fn start(&self, i: usize) -> T {
        self.starts.get(i).copied().unwrap_or_default()
    }

    /// A set as ranges of class indices, or `None` when a boundary of the set
    /// falls inside a class (it was not among the cuts).
    pub fn index_ranges(&self, set: &IntervalSet<T>) -> Option<Vec<(usize, usize)>> {
        set.ranges()
            .iter()
            .map(|&(lo, hi)| {
                let i = self.index_of(lo);
                if self.start(i) != lo {
                    return None;
                }
                let j = match hi.checked_succ() {
                    None => self.len() - 1,
                    Some(after) => {
                        let next = self.index_of(after);
                        if self.start(next) != after {
                            return None;
                        }
                        next.checked_sub(1)?
                    }
                };
                Some((i, j))
            })
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Domains {
    pub addrs: Classes<Addr>,
    pub ports: Classes,
    pub paths: PathClasses,
    pub values: ValueCells,
    pub literal_count: usize,
    pub secret_count: usize,
    /// The methods named in the policy, then one that none of them is.
    pub method_names: Vec<String>,
    /// A header value equal to no literal.
    pub other_value: String,
    /// Literals of another policy version that this one lacks.
    pub extra_literals: Vec<String>,
}

impl Domains {
    pub fn new(policy: &Policy) -> Self {
        Self::refined(policy, None)
    }

    /// The domains of `policy`, cut finer by everything `other` tells apart:
    /// its address and port boundaries, globs, methods and literals. Two
    /// requests in one class then behave alike in both versions, which a
    /// semantic diff needs. The ids of `policy` keep their codes.
    pub fn for_diff(policy: &Policy, other: &Policy) -> Self {
        Self::refined(policy, Some(other))
    }

    fn refined(policy: &Policy, other: Option<&Policy>) -> Self {
        let mut method_names = policy.methods.clone();
        let mut globs = policy.globs.clone();
        let mut addr_starts = address_cuts(policy);
        let mut port_starts = port_cuts(policy);
        let mut extra_literals = Vec::new();
        let mut all_literals = policy.literals.clone();
        let mut patterns = policy.patterns.clone();
        if let Some(o) = other {
            method_names.extend(
                o.methods
                    .iter()
                    .filter(|m| !policy.methods.contains(m))
                    .cloned(),
            );
            // Indexed: an estate has thousands of globs.
            let known: std::collections::HashSet<&GlobDef> = policy.globs.iter().collect();
            globs.extend(o.globs.iter().filter(|g| !known.contains(g)).cloned());
            patterns.extend(
                o.patterns
                    .iter()
                    .filter(|p| !policy.patterns.contains(p))
                    .cloned(),
            );
            addr_starts.extend(address_cuts(o));
            port_starts.extend(port_cuts(o));
            extra_literals = o
                .literals
                .iter()
                .filter(|l| !policy.literals.contains(l))
                .cloned()
                .collect();
            all_literals.extend(extra_literals.iter().cloned());
        }
        let other_method = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
            .into_iter()
            .map(str::to_string)
            .find(|m| !method_names.contains(m))
            .unwrap_or_else(|| fresh_string("OTHER", &method_names));
        method_names.push(other_method);
        let other_value = fresh_string("other-value", &all_literals);
        Domains {
            values: ValueCells::new(&patterns, &all_literals, &other_value),
            addrs: Classes::new(addr_starts),
            ports: Classes::new(port_starts),
            paths: PathClasses::new(&globs),
            literal_count: policy.literals.len(),
            secret_count: policy.secrets.len(),
            method_names,
            other_value,
            extra_literals,
        }
    }

    /// The path classes outside which the condition is surely false (sorted),
    /// or `None` when it may hold on any path.
    pub fn path_support(&self, c: &Cond) -> Option<Vec<usize>> {
        let sorted = |mut v: Vec<usize>| {
            v.sort_unstable();
            v.dedup();
            v
        };
        match c {
            Cond::Path(globs) => Some(sorted(
                globs
                    .iter()
                    .filter_map(|g| self.paths.glob_classes.get(*g))
                    .flatten()
                    .copied()
                    .collect(),
            )),
            Cond::And(items) => items
                .iter()
                .filter_map(|i| self.path_support(i))
                .reduce(|a, b| {
                    a.into_iter()
                        .filter(|x| b.binary_search(x).is_ok())
                        .collect()
                }),
            Cond::Or(items) => {
                let mut v = Vec::new();
                for i in items {
                    v.extend(self.path_support(i)?);
                }
                Some(sorted(v))
            }
            _ => None,
        }
    }

    /// Codes: absent, the classes of values equal to no literal, the
    /// literals, the secrets, the other version's extra literals.
    pub fn header_value_count(&self) -> usize {
        self.first_literal_code()
            + self.literal_count
            + self.secret_count
            + self.extra_literals.len()
    }

    fn first_literal_code(&self) -> usize {
        1 + self.values.witnesses.len()
    }

    pub fn header_code(&self, v: HeaderValue) -> u64 {
        let l0 = self.first_literal_code();
        (match v {
            HeaderValue::Absent => 0,
            HeaderValue::Other(k) => 1 + k,
            HeaderValue::Is(Value::Literal(l)) => l0 + l,
            HeaderValue::Is(Value::Secret(s)) => l0 + self.literal_count + s,
            HeaderValue::Extra(k) => l0 + self.literal_count + self.secret_count + k,
        }) as u64
    }

    pub fn header_from_code(&self, code: u64) -> HeaderValue {
        let c = code as usize;
        let l0 = self.first_literal_code();
        match c {
            0 => HeaderValue::Absent,
            c if c < l0 => HeaderValue::Other(c - 1),
            c if c < l0 + self.literal_count => HeaderValue::Is(Value::Literal(c - l0)),
            c if c < l0 + self.literal_count + self.secret_count => {
                HeaderValue::Is(Value::Secret(c - l0 - self.literal_count))
            }
            c if c < self.header_value_count() => {
                HeaderValue::Extra(c - l0 - self.literal_count - self.secret_count)
            }
            _ => HeaderValue::Other(0),
        }
    }
}

/// The start of every address class of the policy: the address space cut
/// at every boundary of every address set, and between the two families (a
/// hop's egress depends on its source's family).
pub fn address_cuts(policy: &Policy) -> Vec<Addr> {
    let mut cuts: Vec<Addr> = vec![0];
    cuts.extend(Family::V6.all().min());
    let mut add = |s: &AddrSet| {
        for &(lo, hi) in s.ranges() {
            cuts.push(lo);
            cuts.extend(hi.checked_add(1));
        }
    };
    for n in &policy.nodes {
        add(&n.addrs);
        n.listens.iter().for_each(|l| add(&l.from));
        n.egress.iter().flatten().for_each(|e| add(&e.to));
        n.exposure.iter().for_each(|e| add(&e.from));
        for b in &n.blocks {
            for r in &b.rules {
                each_source_set(&r.guard, &mut add);
            }
        }
    }
    for x in &policy.acls {
        add(&x.covers);
        x.inbound
            .iter()
            .chain(&x.outbound)
            .for_each(|e| add(&e.remote));
    }
    for a in &policy.assertions {
        each_source_set(&a.where_, &mut add);
        if let Tail::Requires(c) = &a.tail {
            each_source_set(c, &mut add);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

fn each_source_set(c: &Cond, f: &mut impl FnMut(&AddrSet)) {
    match c {
        Cond::Source(s) => f(s),
        Cond::Not(i) => each_source_set(i, f),
        Cond::And(items) | Cond::Or(items) => items.iter().for_each(|i| each_source_set(i, f)),
        _ => {}
    }
}

/// The start of every port class, invalid keys (port 0) included as classes
/// of their own, sorted.
pub fn port_cuts(policy: &Policy) -> Vec<u32> {
    let mut cuts: Vec<u32> = vec![0];
    let mut add = |s: &IntervalSet| {
        for &(lo, hi) in s.ranges() {
            cuts.push(lo);
            cuts.push(hi.saturating_add(1));
        }
    };
    let all = crate::model::all_ports();
    add(&all);
    for n in &policy.nodes {
        n.listens.iter().for_each(|l| add(&l.ports));
        n.egress.iter().flatten().for_each(|e| add(&e.ports));
        for b in &n.blocks {
            add(&b.ports);
            for r in &b.rules {
                each_port_set(&r.guard, &mut add);
                if let Action::Forward(f) = &r.action {
                    for &(_, port) in &f.targets {
                        add(&IntervalSet::range(port, port));
                    }
                }
            }
        }
    }
    for x in &policy.acls {
        x.inbound
            .iter()
            .chain(&x.outbound)
            .for_each(|e| add(&e.ports));
    }
    for a in &policy.assertions {
        match &a.target {
            Target::Node(_, p) | Target::Port(p) => add(p),
        }
        each_port_set(&a.where_, &mut add);
        if let Tail::Requires(c) = &a.tail {
            each_port_set(c, &mut add);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

fn each_port_set(c: &Cond, f: &mut impl FnMut(&IntervalSet)) {
    match c {
        Cond::Port(s) => f(s),
        Cond::Not(i) => each_port_set(i, f),
        Cond::And(items) | Cond::Or(items) => items.iter().for_each(|i| each_port_set(i, f)),
        _ => {}
    }
}

fn fresh_string(base: &str, taken: &[String]) -> String {
    let mut candidate = base.to_string();
    let mut n = 1;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_map_aligned_sets_to_index_ranges() {
        let c: Classes = Classes::new(vec![10, 20, 30]);
        assert_eq!(c.len(), 4);
        assert_eq!(c.index_of(25), 2);
        assert_eq!(
            c.index_ranges(&IntervalSet::range(10, 29)),
            Some(vec![(1, 2)])
        );
        assert_eq!(
            c.index_ranges(&IntervalSet::range(30, u32::MAX)),
            Some(vec![(3, 3)])
        );
        assert_eq!(c.index_ranges(&IntervalSet::range(11, 29)), None);
        assert_eq!(c.index_ranges(&IntervalSet::range(10, 25)), None);
    }

    fn g(text: &str, prefix: bool) -> GlobDef {
        GlobDef {
            text: text.into(),
            prefix,
        }
    }

    #[test]
    fn classes_separate_prefix_from_exact() {
        let globs = vec![g("/admin/", true), g("/admin", false), g("/", true)];
        let pc = PathClasses::new(&globs);
        // "/admin/" (prefix text), "/admin/x", "/admin", "/x".
        let admin_prefix = &pc.glob_classes[0];
        let admin_exact = &pc.glob_classes[1];
        assert!(admin_prefix.iter().all(|c| !admin_exact.contains(c)));
        assert_eq!(pc.class_of(&globs, "/admin"), Some(admin_exact[0]));
        assert!(admin_prefix.contains(&pc.class_of(&globs, "/admin/users").unwrap_or(99)));
        assert_eq!(pc.glob_classes[2].len(), pc.representatives.len());
    }
}
