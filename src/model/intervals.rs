//! Normalised sets of integers as sorted, disjoint, non-adjacent inclusive
//! ranges, over `u32` (ports, keyed `protocol << 16 | port`, see
//! [`port_key`]) or `u128` (addresses, keyed as [`super::address`] says).

use std::fmt;
use std::hash::Hash;

use crate::syntax::ast::Protocol;

/// What an interval set can hold: an unsigned integer type.
pub trait Point: Copy + Ord + Hash + fmt::Debug + Default {
    const MAX: Self;
    fn checked_succ(self) -> Option<Self>;
    fn checked_pred(self) -> Option<Self>;
}

impl Point for u32 {
    const MAX: Self = u32::MAX;
    fn checked_succ(self) -> Option<Self> {
        self.checked_add(1)
    }
    fn checked_pred(self) -> Option<Self> {
        self.checked_sub(1)
    }
}

impl Point for u128 {
    const MAX: Self = u128::MAX;
    fn checked_succ(self) -> Option<Self> {
        self.checked_add(1)
    }
    fn checked_pred(self) -> Option<Self> {
        self.checked_sub(1)
    }
}

#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct IntervalSet<T: Point = u32> {
    ranges: Vec<(T, T)>,
}

impl<T: Point> IntervalSet<T> {
    pub fn empty() -> Self {
        IntervalSet { ranges: Vec::new() }
    }

    pub fn full() -> Self {
        IntervalSet {
            ranges: vec![(T::default(), T::MAX)],
        }
    }

    pub fn range(lo: T, hi: T) -> Self {
        if lo > hi {
            return Self::empty();
        }
        IntervalSet {
            ranges: vec![(lo, hi)],
        }
    }

    pub fn from_ranges(ranges: impl IntoIterator<Item = (T, T)>) -> Self {
        let mut v: Vec<(T, T)> = ranges.into_iter().filter(|(a, b)| a <= b).collect();
        v.sort_unstable();
        let mut out: Vec<(T, T)> = Vec::with_capacity(v.len());
        for (lo, hi) in v {
            match out.last_mut() {
                Some(last) if last.1.checked_succ().is_none_or(|next| lo <= next) => {
                    last.1 = last.1.max(hi)
                }
                _ => out.push((lo, hi)),
            }
        }
        IntervalSet { ranges: out }
    }

    pub fn ranges(&self) -> &[(T, T)] {
        &self.ranges
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    pub fn is_full(&self) -> bool {
        self.ranges == [(T::default(), T::MAX)]
    }

    pub fn contains(&self, x: T) -> bool {
        let i = self.ranges.partition_point(|&(_, hi)| hi < x);
        self.ranges.get(i).is_some_and(|&(lo, _)| lo <= x)
    }

    pub fn min(&self) -> Option<T> {
        self.ranges.first().map(|r| r.0)
    }

    pub fn union(&self, other: &Self) -> Self {
        Self::from_ranges(self.ranges.iter().chain(other.ranges.iter()).copied())
    }

    pub fn complement(&self) -> Self {
        let mut out = Vec::with_capacity(self.ranges.len() + 1);
        // The first value not yet covered; `None` once past the maximum.
        let mut next = Some(T::default());
        for &(lo, hi) in &self.ranges {
            if let Some(n) = next {
                if lo > n {
                    if let Some(before) = lo.checked_pred() {
                        out.push((n, before));
                    }
                }
            }
            next = hi.checked_succ();
        }
        if let Some(n) = next {
            out.push((n, T::MAX));
        }
        IntervalSet { ranges: out }
    }

    pub fn intersect(&self, other: &Self) -> Self {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < self.ranges.len() && j < other.ranges.len() {
            let (a0, a1) = self.ranges[i];
            let (b0, b1) = other.ranges[j];
            let lo = a0.max(b0);
            let hi = a1.min(b1);
            if lo <= hi {
                out.push((lo, hi));
            }
            if a1 < b1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        IntervalSet { ranges: out }
    }

    pub fn difference(&self, other: &Self) -> Self {
        self.intersect(&other.complement())
    }

    /// Whether the two sets share a point (without building their
    /// intersection: the verifier and the interpreter ask this often).
    pub fn intersects(&self, other: &Self) -> bool {
        self.intersects_in(other, T::default(), T::MAX)
    }

    /// Whether the two sets share a point in `lo..=hi`.
    pub fn intersects_in(&self, other: &Self, lo: T, hi: T) -> bool {
        let (a, b) = (&self.ranges, &other.ranges);
        let (mut i, mut j) = (
            a.partition_point(|r| r.1 < lo),
            b.partition_point(|r| r.1 < lo),
        );
        while i < a.len() && j < b.len() {
            let (a0, a1) = a[i];
            let (b0, b1) = b[j];
            let start = a0.max(b0).max(lo);
            if start > hi {
                return false;
            }
            if start <= a1.min(b1) {
                return true;
            }
            if a1 < b1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        false
    }

    /// Whether every point of the set is in `other`. The ranges of a set
    /// are disjoint and never adjacent, so each range of this one must lie
    /// inside one range of `other`.
    pub fn is_subset(&self, other: &Self) -> bool {
        let b = &other.ranges;
        let mut j = 0;
        for &(lo, hi) in &self.ranges {
            while j < b.len() && b[j].1 < lo {
                j += 1;
            }
            match b.get(j) {
                Some(&(b0, b1)) if b0 <= lo && hi <= b1 => {}
                _ => return false,
            }
        }
        true
    }
}

impl IntervalSet<u32> {
    /// How many integers the set holds.
    pub fn count(&self) -> u64 {
        self.ranges.iter().map(|(a, b)| u64::from(b - a) + 1).sum()
    }

    /// Ports as text: `443, 8000-8100, 53/udp`, or `any`.
    pub fn display_ports(&self) -> String {
        if self.is_full() || *self == all_ports() {
            return "any".into();
        }
        let mut parts = Vec::new();
        for &(lo, hi) in &self.ranges {
            // Split ranges that span protocols.
            let mut a = lo;
            while a <= hi {
                let proto_end = (a | 0xffff).min(hi);
                let (pa, pb) = (a & 0xffff, proto_end & 0xffff);
                let suffix = if a >> 16 == 1 { "/udp" } else { "" };
                if pa == pb {
                    parts.push(format!("{pa}{suffix}"));
                } else {
                    parts.push(format!("{pa}-{pb}{suffix}"));
                }
                if proto_end == u32::MAX {
                    break;
                }
                a = proto_end + 1;
            }
        }
        parts.join(", ")
    }
}

impl<T: Point> fmt::Debug for IntervalSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.ranges.iter()).finish()
    }
}

/// The key of a port in a port set: protocol in bit 16, port below.
pub fn port_key(protocol: Protocol, port: u16) -> u32 {
    let p = match protocol {
        Protocol::Tcp => 0,
        Protocol::Udp => 1,
    };
    (p << 16) | u32::from(port)
}

pub fn key_protocol(key: u32) -> Protocol {
    if key >> 16 == 1 {
        Protocol::Udp
    } else {
        Protocol::Tcp
    }
}

pub fn key_port(key: u32) -> u16 {
    (key & 0xffff) as u16
}

/// Every port 1-65535 of both protocols: the meaning of `any` for ports.
pub fn all_ports() -> IntervalSet {
    IntervalSet::from_ranges([
        (port_key(Protocol::Tcp, 1), port_key(Protocol::Tcp, 65535)),
        (port_key(Protocol::Udp, 1), port_key(Protocol::Udp, 65535)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(ranges: &[(u32, u32)], x: u32) -> bool {
        ranges.iter().any(|&(a, b)| a <= x && x <= b)
    }

    proptest! {
        /// The tests that build no set agree with the ones that do.
        #[test]
        fn intersects_and_subset_agree_with_the_algebra(
            a in proptest::collection::vec((0u32..60, 0u32..60), 0..6),
            b in proptest::collection::vec((0u32..60, 0u32..60), 0..6),
            lo in 0u32..70,
            hi in 0u32..70,
        ) {
            let sa = IntervalSet::from_ranges(a.iter().copied());
            let sb = IntervalSet::from_ranges(b.iter().copied());
            prop_assert_eq!(sa.intersects(&sb), !sa.intersect(&sb).is_empty());
            prop_assert_eq!(sa.is_subset(&sb), sa.difference(&sb).is_empty());
            let window = IntervalSet::range(lo, hi);
            prop_assert_eq!(
                sa.intersects_in(&sb, lo, hi),
                !sa.intersect(&sb).intersect(&window).is_empty()
            );
        }

        #[test]
        fn set_algebra_matches_membership(
            a in proptest::collection::vec((0u32..200, 0u32..200), 0..6),
            b in proptest::collection::vec((0u32..200, 0u32..200), 0..6),
            x in 0u32..210,
        ) {
            let sa = IntervalSet::from_ranges(a.iter().copied());
            let sb = IntervalSet::from_ranges(b.iter().copied());
            let ina = naive(&a, x);
            let inb = naive(&b, x);
            prop_assert_eq!(sa.contains(x), ina);
            prop_assert_eq!(sa.union(&sb).contains(x), ina || inb);
            prop_assert_eq!(sa.intersect(&sb).contains(x), ina && inb);
            prop_assert_eq!(sa.difference(&sb).contains(x), ina && !inb);
            prop_assert_eq!(sa.complement().contains(x), !ina);
        }
    }

    #[test]
    fn complement_at_both_ends_of_u128() {
        let s: IntervalSet<u128> = IntervalSet::from_ranges([(0, 5), (u128::MAX - 1, u128::MAX)]);
        assert_eq!(s.complement().ranges(), [(6, u128::MAX - 2)]);
        assert!(IntervalSet::<u128>::full().complement().is_empty());
        assert_eq!(
            IntervalSet::<u128>::empty().complement(),
            IntervalSet::full()
        );
        assert_eq!(all_ports().display_ports(), "any");
    }
}
