//! Addresses of both families on one line of `u128` keys, so that an
//! address set is one [`IntervalSet`] whatever it mixes.
//!
//! IPv4 addresses come first, as keys `0 .. 2^32`; IPv6 addresses follow.
//! The IPv4-mapped IPv6 block `::ffff:0:0/96` is left out of the IPv6 part
//! (its addresses are IPv4 ones; the language refuses them as IPv6
//! literals), which makes room for the IPv4 keys: an IPv6 address below the
//! block is its value plus 2^32, one above it is its value. The mapping
//! keeps the order of each family, so every CIDR of either family is one
//! range of keys, and IPv4 addresses, being first, are the lowest of any
//! set that has some.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::intervals::IntervalSet;

/// An address key.
pub type Addr = u128;
/// A set of addresses of either family.
pub type AddrSet = IntervalSet<u128>;

/// The first key of an IPv6 address.
const V6_START: u128 = 1 << 32;
/// `::ffff:0:0`, the first IPv4-mapped IPv6 address.
const MAPPED: u128 = 0xffff_0000_0000;
/// The first IPv6 address after the mapped block.
const AFTER_MAPPED: u128 = MAPPED + (1 << 32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    V4,
    V6,
}

impl Family {
    pub fn of(a: Addr) -> Family {
        if a < V6_START {
            Family::V4
        } else {
            Family::V6
        }
    }

    /// Every address of the family: `0.0.0.0/0` or `::/0`.
    pub fn all(self) -> AddrSet {
        match self {
            Family::V4 => IntervalSet::range(0, V6_START - 1),
            Family::V6 => IntervalSet::range(V6_START, u128::MAX),
        }
    }

    /// The families `set` has addresses of.
    pub fn present(set: &AddrSet) -> Vec<Family> {
        [Family::V4, Family::V6]
            .into_iter()
            .filter(|f| set.intersects(&f.all()))
            .collect()
    }
}

pub fn v4_key(a: Ipv4Addr) -> Addr {
    u128::from(u32::from(a))
}

/// The key of an IPv6 address; `None` for an IPv4-mapped one.
pub fn v6_key(a: Ipv6Addr) -> Option<Addr> {
    let x = u128::from(a);
    if x < MAPPED {
        Some(x + V6_START)
    } else if x >= AFTER_MAPPED {
        Some(x)
    } else {
        None
    }
}

/// The address a key stands for.
pub fn address(key: Addr) -> IpAddr {
    if key < V6_START {
        IpAddr::V4(Ipv4Addr::from(key as u32))
    } else if key < AFTER_MAPPED {
        IpAddr::V6(Ipv6Addr::from(key - V6_START))
    } else {
        IpAddr::V6(Ipv6Addr::from(key))
    }
}

/// An address as people write it (IPv6 compressed, RFC 5952).
pub fn display(key: Addr) -> String {
    address(key).to_string()
}

/// Whether an IPv6 network lies inside the IPv4-mapped block.
pub fn is_mapped(net: &ipnet::Ipv6Net) -> bool {
    let lo = u128::from(net.network());
    (MAPPED..AFTER_MAPPED).contains(&lo) && net.prefix_len() >= 96
}

/// The keys of a CIDR. An IPv6 network that contains the IPv4-mapped
/// block stands for its IPv6 addresses only.
pub fn cidr_keys(net: &ipnet::IpNet) -> AddrSet {
    match net {
        ipnet::IpNet::V4(n) => IntervalSet::range(v4_key(n.network()), v4_key(n.broadcast())),
        ipnet::IpNet::V6(n) => {
            let (lo, hi) = (u128::from(n.network()), u128::from(n.broadcast()));
            // Keys of the parts below and above the mapped block.
            let below = (lo < MAPPED).then(|| (lo + V6_START, hi.min(MAPPED - 1) + V6_START));
            let above = (hi >= AFTER_MAPPED).then(|| (lo.max(AFTER_MAPPED), hi));
            IntervalSet::from_ranges(below.into_iter().chain(above))
        }
    }
}

/// The set as CIDR blocks of each family, smallest cover, in order. An IPv6
/// range that runs across the mapped block is shown as covering it.
pub fn to_cidrs(set: &AddrSet) -> Vec<ipnet::IpNet> {
    let mut out = Vec::new();
    for &(lo, hi) in set.ranges() {
        if lo < V6_START {
            let hi4 = hi.min(V6_START - 1);
            cover(lo, hi4, 32, &mut out, |x, p| {
                ipnet::Ipv4Net::new(Ipv4Addr::from(x as u32), p)
                    .ok()
                    .map(ipnet::IpNet::V4)
            });
        }
        if hi >= V6_START {
            let real = |k: u128| match address(k) {
                IpAddr::V6(a) => u128::from(a),
                IpAddr::V4(_) => 0,
            };
            let (a, b) = (real(lo.max(V6_START)), real(hi));
            cover(a, b, 128, &mut out, |x, p| {
                ipnet::Ipv6Net::new(Ipv6Addr::from(x), p)
                    .ok()
                    .map(ipnet::IpNet::V6)
            });
        }
    }
    out
}

/// The smallest list of aligned blocks covering `lo..=hi` in a space of
/// `bits` bits.
fn cover(
    lo: u128,
    hi: u128,
    bits: u8,
    out: &mut Vec<ipnet::IpNet>,
    net: impl Fn(u128, u8) -> Option<ipnet::IpNet>,
) {
    let mut start = lo;
    loop {
        // The largest block aligned at `start` that stays within `hi`.
        let mut size = if start == 0 {
            u32::from(bits)
        } else {
            start.trailing_zeros().min(u32::from(bits))
        };
        while size > 0 && block_end(start, size) > hi {
            size -= 1;
        }
        out.extend(net(start, bits - size as u8));
        let end = block_end(start, size);
        if end >= hi {
            break;
        }
        start = end + 1;
    }
}

fn block_end(start: u128, size: u32) -> u128 {
    if size >= 128 {
        u128::MAX
    } else {
        start + ((1u128 << size) - 1)
    }
}

/// How many addresses the set holds (at most `u128::MAX`: the whole space
/// holds one more).
pub fn count(set: &AddrSet) -> u128 {
    set.ranges().iter().fold(0u128, |acc, &(a, b)| {
        acc.saturating_add((b - a).saturating_add(1))
    })
}

/// Addresses as text: `10.20.0.0/16, 2001:db8::/32`, or `any`.
pub fn display_set(set: &AddrSet) -> String {
    if set.is_full() {
        return "any (0.0.0.0/0 and ::/0)".into();
    }
    if set.is_empty() {
        return "no addresses".into();
    }
    let cidrs = to_cidrs(set);
    let shown: Vec<String> = cidrs.iter().take(8).map(|c| c.to_string()).collect();
    if cidrs.len() > 8 {
        format!("{}, ... ({} blocks)", shown.join(", "), cidrs.len())
    } else {
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> ipnet::IpNet {
        s.parse().expect("cidr")
    }

    #[test]
    fn families_are_apart_and_ordered() {
        let v4 = cidr_keys(&net("0.0.0.0/0"));
        let v6 = cidr_keys(&net("::/0"));
        assert_eq!(v4, Family::V4.all());
        assert_eq!(v6, Family::V6.all());
        assert!(!v4.intersects(&v6));
        assert!(v4.union(&v6).is_full());
        assert_eq!(display(0), "0.0.0.0");
        assert_eq!(display(V6_START), "::");
        let k = v6_key("2001:db8::1".parse().expect("v6")).expect("not mapped");
        assert_eq!(display(k), "2001:db8::1");
        assert_eq!(v6_key("::ffff:1.2.3.4".parse().expect("v6")), None);
    }

    #[test]
    fn cidrs_round_trip_through_keys() {
        for text in [
            "10.20.0.0/16",
            "0.0.0.0/0",
            "2001:db8::/32",
            "fd00::1/128",
            "::/0",
            "::/1",
            "8000::/1",
        ] {
            let keys = cidr_keys(&net(text));
            assert_eq!(display_set(&keys), text, "{text}");
        }
        let any_except_private = IntervalSet::full().difference(&cidr_keys(&net("10.0.0.0/8")));
        assert_eq!(to_cidrs(&any_except_private)[0].to_string(), "0.0.0.0/5");
    }
}
