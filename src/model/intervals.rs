//! Normalised sets of integers as sorted, disjoint, non-adjacent inclusive
//! ranges. Addresses are `u32`; ports are keyed `protocol << 16 | port` so
//! one type serves both (see [`port_key`]).

use std::fmt;

use crate::syntax::ast::Protocol;

#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct IntervalSet {
    ranges: Vec<(u32, u32)>,
}

impl IntervalSet {
    pub fn empty() -> Self {
        IntervalSet { ranges: Vec::new() }
    }

    pub fn full() -> Self {
        IntervalSet {
            ranges: vec![(0, u32::MAX)],
        }
    }

    pub fn range(lo: u32, hi: u32) -> Self {
        if lo > hi {
            return Self::empty();
        }
        IntervalSet {
            ranges: vec![(lo, hi)],
        }
    }

    pub fn from_ranges(ranges: impl IntoIterator<Item = (u32, u32)>) -> Self {
        let mut v: Vec<(u32, u32)> = ranges.into_iter().filter(|(a, b)| a <= b).collect();
        v.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::with_capacity(v.len());
        for (lo, hi) in v {
            match out.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => out.push((lo, hi)),
            }
        }
        IntervalSet { ranges: out }
    }

    pub fn ranges(&self) -> &[(u32, u32)] {
        &self.ranges
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    pub fn is_full(&self) -> bool {
        self.ranges == [(0, u32::MAX)]
    }

    /// How many integers the set holds.
    pub fn count(&self) -> u64 {
        self.ranges.iter().map(|(a, b)| u64::from(b - a) + 1).sum()
    }

    pub fn contains(&self, x: u32) -> bool {
        let i = self.ranges.partition_point(|&(_, hi)| hi < x);
        self.ranges.get(i).is_some_and(|&(lo, _)| lo <= x)
    }

    pub fn min(&self) -> Option<u32> {
        self.ranges.first().map(|r| r.0)
    }

    pub fn union(&self, other: &Self) -> Self {
        Self::from_ranges(self.ranges.iter().chain(other.ranges.iter()).copied())
    }

    pub fn complement(&self) -> Self {
        let mut out = Vec::with_capacity(self.ranges.len() + 1);
        let mut next: u64 = 0;
        for &(lo, hi) in &self.ranges {
            if u64::from(lo) > next {
                out.push((next as u32, lo - 1));
            }
            next = u64::from(hi) + 1;
        }
        if next <= u64::from(u32::MAX) {
            out.push((next as u32, u32::MAX));
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

    pub fn intersects(&self, other: &Self) -> bool {
        !self.intersect(other).is_empty()
    }

    pub fn is_subset(&self, other: &Self) -> bool {
        self.difference(other).is_empty()
    }

    /// The set as CIDR blocks (for addresses), smallest cover, in order.
    pub fn to_cidrs(&self) -> Vec<ipnet::Ipv4Net> {
        let mut out = Vec::new();
        for &(lo, hi) in &self.ranges {
            let mut start = u64::from(lo);
            let end = u64::from(hi);
            while start <= end {
                let mut size: u32 = if start == 0 {
                    32
                } else {
                    (start.trailing_zeros()).min(32)
                };
                while size > 0 && start + (1u64 << size) - 1 > end {
                    size -= 1;
                }
                let prefix = (32 - size) as u8;
                if let Ok(net) = ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(start as u32), prefix)
                {
                    out.push(net);
                }
                start += 1u64 << size;
            }
        }
        out
    }

    /// Addresses as text: `10.20.0.0/16, 10.30.0.0/24`, or `any`.
    pub fn display_addrs(&self) -> String {
        if self.is_full() {
            return "any (0.0.0.0/0)".into();
        }
        if self.is_empty() {
            return "no addresses".into();
        }
        let cidrs = self.to_cidrs();
        let shown: Vec<String> = cidrs.iter().take(8).map(|c| c.to_string()).collect();
        if cidrs.len() > 8 {
            format!("{}, ... ({} blocks)", shown.join(", "), cidrs.len())
        } else {
            shown.join(", ")
        }
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

impl fmt::Debug for IntervalSet {
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
            let cover = IntervalSet::from_ranges(sa.to_cidrs().iter().map(|n| (u32::from(n.network()), u32::from(n.broadcast()))));
            prop_assert_eq!(cover, sa);
        }
    }

    #[test]
    fn cidrs_of_any_except_private() {
        let private = IntervalSet::from_ranges([(0x0a00_0000, 0x0aff_ffff)]);
        let s = IntervalSet::full().difference(&private);
        assert_eq!(s.to_cidrs()[0].to_string(), "0.0.0.0/5");
        assert_eq!(s.count(), (1u64 << 32) - (1 << 24));
        assert_eq!(all_ports().display_ports(), "any");
    }
}
