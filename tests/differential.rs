//! Differential testing: random small policies and assertions, each decided
//! twice, by the SMT encoding and by brute force over every request class
//! with the concrete interpreter (`verify::interp::exhaustive`). For these
//! policies the brute force is complete, so the verdicts must agree exactly.
//! A failure prints the policy as `.sg` text, shrunk to a minimal one.
//!
//! `PROPTEST_CASES=20000 cargo test --release --test differential` runs longer.

use std::fmt;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use stargate_verify::verify::{self, interp, Options, Status};

/// A generated policy, shown as its text.
#[derive(Clone)]
struct Policy(String);

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{}", self.0)
    }
}

const NODES: [&str; 5] = ["z1", "z2", "p1", "p2", "s1"];

fn addr_of(i: usize) -> String {
    format!("10.{i}.0.0/16")
}

/// A node's IPv6 network (its addresses when it is dual-stack or IPv6 only).
fn v6_of(i: usize) -> String {
    format!("fd00:{i}::/32")
}

/// Half of a node's addresses: tls and rules split by sender address.
fn half_of(i: usize, upper: bool) -> String {
    format!("10.{i}.{}.0/17", if upper { 128 } else { 0 })
}

fn addrs() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("any".to_string()),
        (0..NODES.len()).prop_map(|i| NODES[i].to_string()),
        (0..NODES.len()).prop_map(addr_of),
        (0..NODES.len(), prop::bool::ANY).prop_map(|(i, u)| half_of(i, u)),
        // Dual stack: a node's IPv6 network, or one whole family.
        (0..NODES.len()).prop_map(v6_of),
        Just("::/0".to_string()),
        Just("0.0.0.0/0".to_string()),
        (0..NODES.len()).prop_map(|i| format!("any except {}", NODES[i])),
        (0..NODES.len(), 0..NODES.len()).prop_map(|(a, b)| format!("[{}, {}]", NODES[a], NODES[b])),
    ]
}

fn port() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("80"), Just("443"), Just("8080"), Just("53/udp")]
}

fn ports() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => port().prop_map(str::to_string),
        1 => Just("any".to_string()),
        1 => Just("[80, 443]".to_string()),
        1 => Just("80-8080".to_string()),
    ]
}

fn value() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("k1"), Just("k2"), Just("\"v\"")]
}

fn header() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("X-A"), Just("X-B")]
}

fn atom() -> impl Strategy<Value = String> {
    prop_oneof![
        (header(), value()).prop_map(|(h, v)| format!("header {h} == {v}")),
        (header(), value()).prop_map(|(h, v)| format!("header {h} != {v}")),
        header().prop_map(|h| format!("header {h} present")),
        header().prop_map(|h| format!("header {h} absent")),
        prop_oneof![
            Just("/a/*"),
            Just("/a"),
            Just("/a/b"),
            Just("/b/*"),
            Just("[/a/*, /b]"),
            Just("/*/b"),
            Just("[/a?, /?/*]")
        ]
        .prop_map(|g| format!("path in {g}")),
        Just("path not in /a/*".to_string()),
        addrs().prop_map(|a| format!("source in {a}")),
        ports().prop_map(|p| format!("port in {p}")),
        Just("method in [GET]".to_string()),
        prop_oneof![Just("o1"), Just("o2")].prop_map(|o| format!("opaque {o}")),
    ]
}

fn cond() -> impl Strategy<Value = String> {
    atom().prop_recursive(2, 6, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|c| format!("not ({c})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} and {b})")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("({a} or {b})")),
        ]
    })
}

fn edit() -> impl Strategy<Value = String> {
    prop_oneof![
        (header(), value()).prop_map(|(h, v)| format!(" set header {h} = {v}")),
        header().prop_map(|h| format!(" remove header {h}")),
    ]
}

fn rule(proxy: bool) -> BoxedStrategy<String> {
    let deny = (prop::bool::ANY, cond())
        .prop_map(|(when, c)| format!("deny {} {c}", if when { "when" } else { "unless" }));
    if !proxy {
        return deny.boxed();
    }
    // Now and then several targets (a target group): any one may get it.
    let forward = (
        prop::option::of(cond()),
        prop::collection::vec((0..NODES.len(), port()), 1..3),
        prop::bool::weighted(0.3),
        prop::collection::vec(edit(), 0..2),
    )
        .prop_map(|(c, targets, tls, edits)| {
            let when = c.map(|c| format!("when {c} ")).unwrap_or_default();
            let to: Vec<String> = targets
                .iter()
                .map(|(t, p)| format!("{}:{p}", NODES[*t]))
                .collect();
            format!(
                "forward {when}to {}{}{}",
                to.join(", "),
                if tls { " tls" } else { "" },
                edits.concat()
            )
        });
    prop_oneof![1 => deny, 2 => forward].boxed()
}

/// Who a `listen ... from` or an `egress to` names: addresses, or groups
/// (admitting their members whatever their addresses) beside addresses.
fn peers() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => addrs(),
        1 => prop_oneof![Just("g1"), Just("g2")].prop_map(str::to_string),
        1 => (prop_oneof![Just("g1"), Just("g2")], addrs()).prop_map(|(g, a)| format!("[{g}, {a}]")),
    ]
}

fn listen() -> impl Strategy<Value = String> {
    (
        ports(),
        prop::bool::weighted(0.3),
        prop::option::of(peers()),
    )
        .prop_map(|(p, tls, from)| {
            format!(
                "listen {p}{}{}",
                if tls { " tls" } else { "" },
                from.map(|f| format!(" from {f}")).unwrap_or_default()
            )
        })
}

fn node(i: usize) -> BoxedStrategy<String> {
    let name = NODES[i];
    let kind = match &name[..1] {
        "z" => "zone",
        "p" => "proxy",
        _ => "service",
    };
    let has_rules = kind != "zone";
    let listens = if kind == "zone" {
        prop::collection::vec(listen(), 0..2).boxed()
    } else {
        prop::collection::vec(listen(), 1..3).boxed()
    };
    let egress = prop::option::weighted(0.4, (peers(), ports()));
    let knows = prop::option::weighted(0.4, prop_oneof![Just("k1"), Just("k2"), Just("k1, k2")]);
    let blocks = if has_rules {
        prop::collection::vec(
            (ports(), prop::collection::vec(rule(kind == "proxy"), 0..3)),
            0..3,
        )
        .boxed()
    } else {
        Just(Vec::new()).boxed()
    };
    // IPv4 only, dual-stack, IPv6 only, and now and then no address at all
    // (such a node sends and receives nothing).
    let family = prop_oneof![6 => Just(0u8), 3 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)];
    let member = prop::option::weighted(0.4, prop_oneof![Just("g1"), Just("g2"), Just("g1, g2")]);
    // Now and then a node reachable only from some addresses.
    let exposure = prop::option::weighted(0.2, addrs());
    (listens, egress, knows, blocks, family, (member, exposure))
        .prop_map(
            move |(listens, egress, knows, blocks, family, (member, exposure))| {
                let addresses = match family {
                    0 => addr_of(i),
                    1 => format!("[{}, {}]", addr_of(i), v6_of(i)),
                    2 => v6_of(i),
                    _ => format!("{} except 10.0.0.0/8", addr_of(i)),
                };
                let mut body = vec![format!("addresses {addresses}")];
                body.extend(knows.map(|k| format!("knows {k}")));
                body.extend(member.map(|g| format!("member {g}")));
                body.extend(exposure.map(|a| format!("reachable from {a}")));
                body.extend(listens);
                body.extend(egress.map(|(a, p)| format!("egress to {a} ports {p}")));
                for (p, rules) in blocks {
                    body.push(format!("on {p} {{\n    {}\n  }}", rules.join("\n    ")));
                }
                format!("{kind} {name} {{\n  {}\n}}\n", body.join("\n  "))
            },
        )
        .boxed()
}

fn target() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0..NODES.len()).prop_map(|i| NODES[i].to_string()),
        1 => (0..NODES.len(), ports()).prop_map(|(i, p)| format!("{}:{p}", NODES[i])),
        1 => ports().prop_map(|p| format!("port {p}")),
    ]
}

fn assertion() -> impl Strategy<Value = String> {
    let flow = (
        0..NODES.len(),
        target(),
        prop::option::weighted(0.4, cond()),
    )
        .prop_map(|(f, t, w)| {
            format!(
                "{} -> {t}{}",
                NODES[f],
                w.map(|w| format!(" where {w}")).unwrap_or_default()
            )
        });
    (flow, 0..6usize, cond(), 0..NODES.len()).prop_map(|(flow, kind, c, via)| match kind {
        0 => format!("no path {flow}"),
        1 => format!("no connection {flow}"),
        2 => format!("path {flow}"),
        3 => format!("every path {flow} requires {c}"),
        4 => format!("every path {flow} via {}", NODES[via]),
        _ => format!("every path {flow} encrypted"),
    })
}

fn policy() -> impl Strategy<Value = Policy> {
    let nodes: Vec<BoxedStrategy<String>> = (0..NODES.len()).map(node).collect();
    (nodes, prop::collection::vec(assertion(), 1..3)).prop_map(|(nodes, asserts)| {
        let mut text = String::from("secret k1\nsecret k2\ngroup g1\ngroup g2\n");
        text.push_str(&nodes.concat());
        for (i, a) in asserts.iter().enumerate() {
            text.push_str(&format!("assert a{i}: {a}\n"));
        }
        Policy(text)
    })
}

/// What an ACL covers: a node's network (either family or both), half of
/// one, or two nodes' networks at once (traffic between them stays inside).
fn acl_covers() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0..NODES.len()).prop_map(addr_of),
        1 => (0..NODES.len()).prop_map(v6_of),
        1 => (0..NODES.len()).prop_map(|i| format!("[{}, {}]", addr_of(i), v6_of(i))),
        2 => (0..NODES.len(), prop::bool::ANY).prop_map(|(i, u)| half_of(i, u)),
        1 => (0..NODES.len(), 0..NODES.len()).prop_map(|(a, b)| format!("[{}, {}]", addr_of(a), addr_of(b))),
    ]
}

/// The ports of an entry: the request ports of the other generators, and
/// the ephemeral ranges replies go back to (or parts of them).
fn acl_ports() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => ports(),
        2 => Just("1024-65535".to_string()),
        1 => Just("1024-65535/udp".to_string()),
        1 => Just("1024-40000".to_string()),
        1 => Just("1-1023".to_string()),
    ]
}

/// An ACL with entries of both directions, written in an order other than
/// their numbers' now and then, allowing and denying requests and replies.
fn acl(k: usize) -> impl Strategy<Value = String> {
    // Broad entries (every port, every address) overlap the narrow ones,
    // so which comes first decides.
    let what = prop_oneof![
        2 => Just(("any".to_string(), "any".to_string())),
        3 => (acl_ports(), addrs()),
        1 => (acl_ports(), Just("any".to_string())),
    ];
    let entry = (prop::bool::ANY, prop::bool::weighted(0.6), what, 1..5u32)
        .prop_map(|(inbound, allow, (ports, remote), rank)| (inbound, allow, ports, remote, rank));
    (acl_covers(), prop::collection::vec(entry, 1..6)).prop_map(move |(covers, entries)| {
        let lines: Vec<String> = entries
            .iter()
            .enumerate()
            .map(|(i, (inbound, allow, ports, remote, rank))| {
                // Numbers unique per ACL (`rank` orders, `i` breaks ties).
                let number = rank * 100 + i as u32;
                let action = if *allow { "allow" } else { "deny" };
                if *inbound {
                    format!("inbound {number} {action} {ports} from {remote}")
                } else {
                    format!("outbound {number} {action} {ports} to {remote}")
                }
            })
            .collect();
        format!(
            "acl n{k} covers {covers} {{\n  {}\n}}\n",
            lines.join("\n  ")
        )
    })
}

/// An ACL for the loop-shaped policies: covers and entries on halves of the
/// proxies' and the service's networks, so which of its addresses a proxy
/// forwards from decides whether a hop passes.
fn loop_acl() -> impl Strategy<Value = String> {
    let net = || {
        prop_oneof![
            2 => (0..4usize, prop::bool::ANY).prop_map(|(q, u)| half_of(q, u)),
            1 => (0..4usize).prop_map(addr_of),
            1 => Just("any".to_string()),
        ]
    };
    let ports = prop_oneof![
        Just("any"),
        Just("[80, 81]"),
        Just("90"),
        Just("1024-65535"),
        Just("1-1023")
    ];
    let entry = (
        prop::bool::ANY,
        prop::bool::weighted(0.6),
        ports,
        net(),
        1..5u32,
    );
    (
        (1..4usize, prop::bool::ANY).prop_map(|(q, u)| half_of(q, u)),
        prop::collection::vec(entry, 1..5),
    )
        .prop_map(|(covers, entries)| {
            let lines: Vec<String> = entries
                .iter()
                .enumerate()
                .map(|(i, (inbound, allow, ports, remote, rank))| {
                    let number = rank * 100 + i as u32;
                    let action = if *allow { "allow" } else { "deny" };
                    if *inbound {
                        format!("inbound {number} {action} {ports} from {remote}")
                    } else {
                        format!("outbound {number} {action} {ports} to {remote}")
                    }
                })
                .collect();
            format!("acl n1 covers {covers} {{\n  {}\n}}\n", lines.join("\n  "))
        })
}

/// The loop-shaped policies behind an ACL.
fn loop_acl_policy() -> impl Strategy<Value = Policy> {
    (loop_policy(), loop_acl()).prop_map(|(Policy(text), acl)| Policy(text + &acl))
}

/// The general policies with one or two stateless ACLs.
fn acl_policy() -> impl Strategy<Value = Policy> {
    (policy(), acl(1), prop::option::weighted(0.4, acl(2))).prop_map(|(Policy(text), a, b)| {
        let mut text = text;
        text.push_str(&a);
        text.extend(b);
        Policy(text)
    })
}

/// Loop-shaped policies: proxies that send requests back to themselves and
/// to each other, listen lines that split a proxy's own addresses into a tls
/// half and a plaintext half, rules that look at which half a hop came from,
/// and a header counter passed around the loop. These are the journeys where
/// the hop into a state and the hop out of it need different sources, which
/// the general generator above almost never builds (it missed a wrong
/// `encrypted` proof of this shape).
fn loop_policy() -> impl Strategy<Value = Policy> {
    // z1 = 10.0/16, p1 = 10.1/16, p2 = 10.2/16, s1 = 10.3/16.
    let half = (1..3usize, prop::bool::ANY).prop_map(|(q, u)| half_of(q, u));
    let atom = prop_oneof![
        3 => half.clone().prop_map(|h| format!("source in {h}")),
        1 => half.clone().prop_map(|h| format!("source in [z1, {h}]")),
        1 => Just("source in z1".to_string()),
        2 => prop_oneof![Just("\"1\""), Just("\"2\"")].prop_map(|v| format!("header X-C == {v}")),
        1 => Just("header X-C absent".to_string()),
        1 => Just("port in 81".to_string()),
        1 => Just("path in /a/*".to_string()),
    ];
    let cond = atom.prop_recursive(1, 3, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|c| format!("not ({c})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} and {b})")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("({a} or {b})")),
        ]
    });
    let edit = prop_oneof![
        2 => Just(String::new()),
        2 => prop_oneof![Just("\"1\""), Just("\"2\"")].prop_map(|v| format!(" set header X-C = {v}")),
        1 => Just(" remove header X-C".to_string()),
    ];
    let forward = (
        prop::option::weighted(0.7, cond.clone()),
        prop_oneof![
            Just("p1:80"),
            Just("p1:81"),
            Just("p2:80"),
            Just("p2:81"),
            Just("s1:90"),
            Just("p1:81, s1:90"),
            Just("p2:80, p1:80"),
        ],
        prop::bool::weighted(0.25),
        edit,
    )
        .prop_map(|(c, to, tls, edit)| {
            let when = c.map(|c| format!("when {c} ")).unwrap_or_default();
            format!(
                "forward {when}to {to}{}{edit}",
                if tls { " tls" } else { "" }
            )
        });
    let rule = prop_oneof![
        4 => forward,
        1 => cond.clone().prop_map(|c| format!("deny when {c}")),
    ];
    let tls = || prop::bool::weighted(0.5).prop_map(|t| if t { " tls" } else { "" });
    // Each half of each proxy's addresses is admitted or not, by a tls or a
    // plaintext line.
    let listen = |q: usize, upper: bool| {
        prop::option::weighted(
            0.6,
            (prop_oneof![Just("80"), Just("81"), Just("[80, 81]")], tls()),
        )
        .prop_map(move |l| {
            l.map(|(p, t)| format!("listen {p}{t} from {}", half_of(q, upper)))
                .unwrap_or_default()
        })
    };
    let listens = (
        listen(1, false),
        listen(1, true),
        listen(2, false),
        listen(2, true),
    )
        .prop_map(|(a, b, c, d)| {
            [a, b, c, d]
                .into_iter()
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        });
    let proxy = move |i: usize| {
        (
            tls(),
            listens.clone(),
            prop::collection::vec(rule.clone(), 1..4),
        )
            .prop_map(move |(edge_tls, listens, rules)| {
                format!(
                    "proxy p{i} {{\n  addresses {}\n  listen 80{edge_tls} from z1\n  {}\n  on [80, 81] {{\n    {}\n  }}\n}}\n",
                    addr_of(i),
                    listens.join("\n  "),
                    rules.join("\n    ")
                )
            })
    };
    let service = (
        prop::collection::vec((tls(), half), 1..3),
        prop::option::weighted(0.3, cond),
    )
        .prop_map(|(listens, deny)| {
            let mut body = vec![format!("addresses {}", addr_of(3))];
            body.extend(
                listens
                    .iter()
                    .map(|(t, h)| format!("listen 90{t} from {h}")),
            );
            body.extend(deny.map(|c| format!("on 90 {{ deny when {c} }}")));
            format!("service s1 {{\n  {}\n}}\n", body.join("\n  "))
        });
    let assertion = prop_oneof![
        4 => Just("every path z1 -> s1 encrypted"),
        1 => Just("every path z1 -> p2 encrypted"),
        1 => Just("no path z1 -> s1 where header X-C absent"),
        1 => Just("path z1 -> s1"),
        1 => Just("every path z1 -> s1 via p2"),
        1 => Just("every path z1 -> s1 requires path in /a/*"),
        1 => Just("no connection z1 -> port 90"),
    ];
    (
        proxy(1),
        proxy(2),
        service,
        prop::collection::vec(assertion, 1..3),
    )
        .prop_map(|(p1, p2, s1, asserts)| {
            let mut text = format!("zone z1 {{ addresses {} }}\n", addr_of(0));
            text.push_str(&p1);
            text.push_str(&p2);
            text.push_str(&s1);
            for (i, a) in asserts.iter().enumerate() {
                text.push_str(&format!("assert a{i}: {a}\n"));
            }
            Policy(text)
        })
}

/// Globs with `*` and `?` anywhere, over a small alphabet so that their
/// languages overlap in many ways.
const GLOBS: [&str; 14] = [
    "/a/*", "/a", "/*/b", "/a?", "/?/*", "/*a*", "/a*b", "/?", "/*b", "/a/?/*", "/**", "/b*",
    "/?a?", "/*a/",
];

/// A proxy whose rules, and an assertion whose `where`, test several
/// wildcard globs: the path classes must be exactly the cells of their
/// combinations, or a deny or a forward is decided on the wrong paths.
fn glob_policy() -> impl Strategy<Value = Policy> {
    let glob = || (0..GLOBS.len()).prop_map(|i| GLOBS[i]);
    let globs = || {
        prop_oneof![
            3 => glob().prop_map(str::to_string),
            1 => (glob(), glob()).prop_map(|(a, b)| format!("[{a}, {b}]")),
        ]
    };
    let test = move || {
        (prop::bool::weighted(0.3), globs())
            .prop_map(|(not, g)| format!("path {}in {g}", if not { "not " } else { "" }))
    };
    let cond = (
        test(),
        prop::option::weighted(0.3, (prop::bool::ANY, test())),
    )
        .prop_map(|(a, more)| match more {
            None => a,
            Some((true, b)) => format!("({a} and {b})"),
            Some((false, b)) => format!("({a} or {b})"),
        });
    let rule = prop_oneof![
        3 => cond.clone().prop_map(|c| format!("deny when {c}")),
        1 => cond.clone().prop_map(|c| format!("deny unless {c}")),
        2 => cond.clone().prop_map(|c| format!("forward when {c} to s1:80")),
        1 => cond.clone().prop_map(|c| format!("forward when {c} to p1:81")),
    ];
    let assertion = prop_oneof![
        2 => cond.clone().prop_map(|c| format!("no path z1 -> s1 where {c}")),
        2 => cond.clone().prop_map(|c| format!("path z1 -> s1 where {c}")),
        1 => Just("no path z1 -> s1".to_string()),
    ];
    (
        prop::collection::vec(rule, 1..5),
        prop::option::weighted(0.6, cond),
        prop::collection::vec(assertion, 1..3),
    )
        .prop_map(|(rules, deny, asserts)| {
            let deny = deny
                .map(|c| format!(" on 80 {{ deny when {c} }}"))
                .unwrap_or_default();
            let mut text = format!(
                "zone z1 {{ addresses {} }}
proxy p1 {{
  addresses {}
  listen [80, 81]
  on [80, 81] {{
    {}
  }}
}}
service s1 {{ addresses {} listen 80{deny} }}
",
                addr_of(0),
                addr_of(1),
                rules.join("\n    "),
                addr_of(3)
            );
            for (i, a) in asserts.iter().enumerate() {
                text.push_str(&format!("assert a{i}: {a}\n"));
            }
            Policy(text)
        })
}

/// Value patterns over a small alphabet (case-insensitive), beside literals
/// that some of them match in another case.
const VALUE_PATTERNS: [&str; 8] = ["*a*", "a?", "A*", "*b", "?", "*", "ab", "b*a"];

/// Header value patterns and host conditions beside `==` on literals and
/// secrets: the value classes must split "other" values exactly, literals
/// must be judged by their text (in any case), and a secret may fall in
/// any class (the brute force tries every stand-in).
fn value_pattern_policy() -> impl Strategy<Value = Policy> {
    let pattern = || (0..VALUE_PATTERNS.len()).prop_map(|i| format!("{:?}", VALUE_PATTERNS[i]));
    let patterns = prop_oneof![
        3 => pattern(),
        1 => (pattern(), pattern()).prop_map(|(a, b)| format!("[{a}, {b}]")),
    ];
    let host = prop_oneof![Just("a.b"), Just("*.b"), Just("A.?"), Just("[a.b, *a]")];
    let value = prop_oneof![Just("\"Ab\""), Just("\"a\""), Just("k1")];
    let test = prop_oneof![
        4 => patterns.prop_map(|p| format!("header X-A matches {p}")),
        2 => host.prop_map(|h| format!("host in {h}")),
        2 => value.clone().prop_map(|v| format!("header X-A == {v}")),
        1 => Just("header X-A present".to_string()),
        1 => prop_oneof![Just("== \"Ab\""), Just("matches \"a*\""), Just("present")]
            .prop_map(|t| format!("query q {t}")),
    ];
    let cond = (
        test.clone(),
        prop::option::weighted(0.4, (prop::bool::ANY, prop::bool::ANY, test)),
    )
        .prop_map(|(a, more)| match more {
            None => a,
            Some((and, not, b)) => {
                let b = if not { format!("not {b}") } else { b };
                format!("({a} {} {b})", if and { "and" } else { "or" })
            }
        });
    let edit = prop_oneof![
        3 => Just(String::new()),
        1 => value.clone().prop_map(|v| format!(" set header X-A = {v}")),
        1 => Just(" set header Host = \"a.B\"".to_string()),
    ];
    let rule = prop_oneof![
        3 => cond.clone().prop_map(|c| format!("deny when {c}")),
        1 => cond.clone().prop_map(|c| format!("deny unless {c}")),
        3 => (cond.clone(), edit.clone()).prop_map(|(c, e)| format!("forward when {c} to s1:80{e}")),
        1 => (cond.clone(), edit).prop_map(|(c, e)| format!("forward when {c} to p1:81{e}")),
    ];
    let assertion = prop_oneof![
        2 => cond.clone().prop_map(|c| format!("no path z1 -> s1 where {c}")),
        1 => cond.clone().prop_map(|c| format!("path z1 -> s1 where {c}")),
        1 => Just("no path z1 -> s1".to_string()),
        1 => cond.clone().prop_map(|c| format!("every path z1 -> s1 requires {c}")),
    ];
    (
        prop::collection::vec(rule, 1..4),
        prop::option::weighted(0.5, cond),
        prop::bool::ANY,
        prop::collection::vec(assertion, 1..3),
    )
        .prop_map(|(rules, deny, knows, asserts)| {
            let deny = deny
                .map(|c| format!(" on 80 {{ deny when {c} }}"))
                .unwrap_or_default();
            let knows = if knows { " knows k1" } else { "" };
            let mut text = format!(
                "secret k1\nzone z1 {{ addresses {}{knows} }}\nproxy p1 {{\n  addresses {}\n  listen [80, 81]\n  on [80, 81] {{\n    {}\n  }}\n}}\nservice s1 {{ addresses {} listen 80{deny} }}\n",
                addr_of(0),
                addr_of(1),
                rules.join("\n    "),
                addr_of(3)
            );
            for (i, a) in asserts.iter().enumerate() {
                text.push_str(&format!("assert a{i}: {a}\n"));
            }
            Policy(text)
        })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(1000)
}

/// Decides every assertion of `cases` generated policies with the solver
/// and by brute force; the verdicts must agree. Returns the numbers of
/// assertions decided, of those with a violating (or witnessing) request,
/// and of those too large to enumerate.
fn agree(strategy: impl Strategy<Value = Policy>, cases: u32) -> (u32, u32, u32) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let decided = std::cell::Cell::new(0u32);
    let skipped = std::cell::Cell::new(0u32);
    let hits = std::cell::Cell::new(0u32);
    let result = runner.run(&strategy, |Policy(text)| {
        let analysis = stargate_verify::analyze(&text);
        let errors: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        prop_assert!(
            errors.is_empty(),
            "generator made an invalid policy: {errors:?}"
        );
        let Some(model) = analysis.model else {
            return Ok(());
        };
        for v in verify::verify(
            &model,
            &Options {
                jobs: 1,
                ..Options::default()
            },
        ) {
            let a = &model.assertions[v.assertion];
            let brute = match interp::exhaustive(&model, a, 200_000) {
                Ok(found) => found,
                Err(_) => {
                    skipped.set(skipped.get() + 1);
                    continue;
                }
            };
            decided.set(decided.get() + 1);
            // A violation refutes; for `path` a witness proves.
            let hit = brute.is_some();
            hits.set(hits.get() + u32::from(hit));
            let expected = match (a.kind.as_str() == "path", hit) {
                (true, true) | (false, false) => Status::Proved,
                _ => Status::Refuted,
            };
            prop_assert_eq!(
                v.status,
                expected,
                "assertion {} ({}): solver says {:?}, brute force found {:?}; solver trace {:?}",
                a.name,
                a.kind.as_str(),
                v.status,
                brute,
                v.trace
            );
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    (decided.get(), hits.get(), skipped.get())
}

#[test]
fn solver_agrees_with_brute_force() {
    let (decided, hits, skipped) = agree(policy(), cases());
    eprintln!(
        "differential: {decided} assertions decided ({hits} with a violating or witnessing request), {skipped} too large to enumerate"
    );
    // The generator must mostly produce policies the brute force can decide,
    // with both answers well represented.
    assert!(decided > 10 * skipped);
    assert!(hits * 5 > decided && hits * 5 < 4 * decided);
}

#[test]
fn solver_agrees_with_brute_force_on_acls() {
    let (decided, hits, skipped) = agree(acl_policy(), cases() / 2);
    eprintln!(
        "differential (acls): {decided} assertions decided ({hits} with a violating or witnessing request), {skipped} too large to enumerate"
    );
    assert!(decided > 10 * skipped);
    assert!(hits * 10 > decided && hits * 10 < 9 * decided);
}

#[test]
fn solver_agrees_with_brute_force_on_loops_behind_acls() {
    let (decided, hits, skipped) = agree(loop_acl_policy(), cases() / 4);
    eprintln!(
        "differential (loops, acls): {decided} assertions decided ({hits} with a violating or witnessing request), {skipped} too large to enumerate"
    );
    assert!(decided > 10 * skipped);
    assert!(hits * 20 > decided && hits * 20 < 19 * decided);
}

#[test]
fn solver_agrees_with_brute_force_on_wildcard_globs() {
    let (decided, hits, skipped) = agree(glob_policy(), cases() / 2);
    eprintln!(
        "differential (globs): {decided} assertions decided ({hits} with a violating or witnessing request), {skipped} too large to enumerate"
    );
    assert_eq!(skipped, 0);
    // Both answers are represented (most paths get through the proxy).
    assert!(hits * 20 > decided && hits * 20 < 19 * decided);
}

#[test]
fn solver_agrees_with_brute_force_on_value_patterns() {
    let (decided, hits, skipped) = agree(value_pattern_policy(), cases() / 2);
    eprintln!(
        "differential (value patterns): {decided} assertions decided ({hits} with a violating or witnessing request), {skipped} too large to enumerate"
    );
    assert!(decided > 10 * skipped);
    assert!(hits * 20 > decided && hits * 20 < 19 * decided);
}

#[test]
fn solver_agrees_with_brute_force_on_loops() {
    let (decided, hits, skipped) = agree(loop_policy(), cases() / 2);
    eprintln!(
        "differential (loops): {decided} assertions decided ({hits} with a violating or witnessing request), {skipped} too large to enumerate"
    );
    assert!(decided > 10 * skipped);
    assert!(hits * 10 > decided && hits * 10 < 9 * decided);
}

/// Small edits that keep a generated policy valid.
/// Moving a node's addresses changes what lines that read the same mean
/// (an egress line that now covers the target): `diff` once trusted a
/// line's text there.
const EDITS: [(&str, &str); 17] = [
    ("from z1", "from any"),
    ("listen 80", "listen 8080"),
    (" tls", ""),
    ("deny when", "deny unless"),
    ("path in /a/*", "path in /b/*"),
    ("/*/b", "/?/b"),
    ("opaque o1", "opaque o2"),
    ("knows k1", "knows k2"),
    ("egress to", "egress to 10.9.0.0/16, to"),
    ("addresses 10.4.0.0/16", "addresses 10.2.128.0/17"),
    ("addresses 10.2.0.0/16", "addresses 10.3.128.0/17"),
    ("addresses 10.0.0.0/16", "addresses 10.4.0.0/17"),
    // A family opened or closed.
    ("::/0", "0.0.0.0/0"),
    (
        "addresses [10.1.0.0/16, fd00:1::/32]",
        "addresses 10.1.0.0/16",
    ),
    // A membership or a group reference changed.
    ("member g1", "member g2"),
    ("from g2", "from g1"),
    // Exposure narrowed or gone.
    ("reachable from any", "reachable from z1"),
];

/// A source whose egress line names a range the target moves into (or out
/// of), beside a proxy that denies part of the traffic on its way to the
/// same target: the route straight to the target reads the same in both
/// versions and means something else. `diff` once excluded it by its text
/// and missed the flows the proxy denied (tests/regressions.rs).
fn egress_move_policy() -> impl Strategy<Value = Policy> {
    let deny = prop_oneof![
        Just("path in /rare"),
        Just("path in /a/*"),
        Just("header X-A present"),
        Just("method in [POST]"),
        Just("opaque o1"),
    ];
    (
        deny,
        prop_oneof![Just("80"), Just("[80, 443]"), Just("any")],
        prop_oneof![Just("[z, p]"), Just("p"), Just("any")],
        prop::bool::ANY,
    )
        .prop_map(|(deny, egress_ports, b_from, b_rule)| {
            let b_rule = if b_rule {
                " on 80 { deny when header X-A == \"x\" }"
            } else {
                ""
            };
            Policy(format!(
                "zone z {{ addresses 203.0.113.0/24 egress to [10.1.0.0/24, 10.9.0.0/24] ports {egress_ports} }}
proxy p {{ addresses 10.9.0.0/24 listen 80 from z on 80 {{ deny when {deny} forward to b:80 }} }}
service b {{ addresses 10.2.0.0/24 listen 80 from {b_from}{b_rule} }}
assert a0: no path z -> b
"
            ))
        })
}

/// Unchanged sources, some alike toward the target and some not: their
/// addresses (of one family or both) lie inside, outside or across the sets
/// a listen line and a `source in` condition read, so `diff` compares one
/// source of each kind and carries its flows over to the others
/// (`diff/sources.rs`). A source taken as alike that is not (one whose
/// addresses of a family straddle a set) would have its flows missed.
fn alike_policy() -> impl Strategy<Value = Policy> {
    let addrs = || {
        prop_oneof![
            1 => Just("10.1.0.0/24"),
            1 => Just("10.1.0.0/25"),
            1 => Just("10.1.0.128/25"),
            1 => Just("10.3.0.0/24"),
            1 => Just("fd00:1::/64"),
            1 => Just("[10.1.0.0/24, fd00:1::/64]"),
            1 => Just("[10.1.0.128/25, fd00:1::/65]"),
            1 => Just("[10.3.0.0/24, fd00:1:0:0:8000::/65]"),
            // Two sources across the same sets (with a listen line from
            // 10.1.0.0/24 and a deny of 10.1.0.0/25), one with flows and
            // one without: its part that is admitted is all denied.
            4 => Just("[10.1.0.0/24, 10.4.0.0/24]"),
            4 => Just("[10.1.0.0/25, 10.3.0.0/24]"),
        ]
    };
    (
        prop::collection::vec(addrs(), 4),
        prop_oneof![
            3 => Just("10.1.0.0/24"),
            1 => Just("10.1.0.0/25"),
            1 => Just("[10.1.0.0/25, fd00:1::/65]"),
            1 => Just("any")
        ],
        prop_oneof![
            3 => Just("10.1.0.0/25"),
            1 => Just("10.1.0.128/25"),
            1 => Just("fd00:1:0:0:8000::/65"),
            1 => Just("[10.3.0.0/24, fd00:1::/65]")
        ],
    )
        .prop_map(|(zones, listen, denied)| {
            let mut text = String::new();
            for (i, a) in zones.iter().enumerate() {
                text.push_str(&format!("zone z{} {{ addresses {a} }}\n", i + 1));
            }
            text.push_str(&format!(
                "proxy p {{ addresses [10.9.0.0/24, fd00:9::/64] listen 80 from {listen}\n  \
                 on 80 {{ deny when source in {denied} forward to b:80 }} }}\n\
                 service b {{ addresses 10.2.0.0/24 listen 80 from p }}\n"
            ));
            Policy(text)
        })
}

/// Edits of what the alike sources reach (never of the sources).
const ALIKE_EDITS: [(&str, &str); 4] = [
    ("deny when source in", "deny when not source in"),
    ("forward to b:80", "forward when path in /a/* to b:80"),
    ("listen 80 from p", "listen 80 from 10.9.0.0/25"),
    (
        " on 80 { deny when source in",
        " on 80 { deny when path in /b/* and source in",
    ),
];

const EGRESS_MOVES: [(&str, &str); 2] = [
    (
        "service b { addresses 10.2.0.0/24",
        "service b { addresses 10.1.0.0/24",
    ),
    (
        "egress to [10.1.0.0/24, 10.9.0.0/24]",
        "egress to [10.9.0.0/24]",
    ),
];

/// Edits of the ACLs: an entry's action, its ports or number (its order),
/// what the first ACL covers, and a whole ACL gone.
const ACL_EDITS: [(&str, &str); 7] = [
    (" allow ", " deny "),
    (" deny ", " allow "),
    ("1024-65535", "1024-2000"),
    ("inbound 1", "inbound 4"),
    ("outbound 1", "outbound 4"),
    ("acl n1 covers ", "acl n1 covers 10.4.0.0/16 except "),
    ("acl n2 covers", "acl n3 covers"),
];

/// Edits that only let more through: a wider listen, egress or forward
/// condition, a narrower deny.
const WIDEN: [(&str, &str); 7] = [
    ("from z1", "from any"),
    ("listen 80 ", "listen [80, 8080] "),
    ("egress to", "egress to any ports any, to"),
    ("deny when ", "deny when path in /zz and "),
    ("deny unless ", "deny unless path not in /zz or "),
    ("forward when ", "forward when header X-A == k1 or "),
    ("reachable from z1", "reachable from any"),
];

/// Edits that only let less through.
const TIGHTEN: [(&str, &str); 7] = [
    ("from any", "from z1"),
    ("listen [80, 443]", "listen 443"),
    ("ports any", "ports 443"),
    ("deny when ", "deny when header X-B absent or "),
    ("deny unless ", "deny unless header X-B present and "),
    ("reachable from any", "reachable from z2"),
    ("knows k1", "knows k2"),
];

/// Edits of header rules: values, names (a header only one version has),
/// what a forward writes.
const HEADER_EDITS: [(&str, &str); 8] = [
    ("header X-A == k1", "header X-A == \"v\""),
    ("header X-B == \"v\"", "header X-B == k2"),
    ("header X-A present", "header X-A absent"),
    ("header X-B", "header X-C"),
    ("set header X-A", "set header X-B"),
    ("remove header X-B", "set header X-B = k1"),
    ("set header X-B = \"v\"", "remove header X-A"),
    ("header X-A != ", "header X-B == "),
];

/// Edits of the loop-shaped policies: tls, halves, counters and targets.
const LOOP_EDITS: [(&str, &str); 11] = [
    (" tls", ""),
    ("from 10.1.0.0/17", "from 10.1.128.0/17"),
    ("source in 10.2.128.0/17", "source in 10.2.0.0/17"),
    ("set header X-C = \"1\"", "remove header X-C"),
    ("header X-C == \"2\"", "header X-C absent"),
    ("to s1:90", "to p2:81"),
    ("addresses 10.3.0.0/16", "addresses 10.1.0.0/17"),
    ("set header X-C = \"1\"", "set header X-C = \"2\""),
    ("to p1:80", "to p2:81"),
    ("deny when", "deny unless"),
    ("listen 90 from", "listen 90 tls from"),
];

/// Every (source, target, port class) whose target accepts, by brute force,
/// some request in `new` that it does not accept in `old`.
fn brute_opened(
    new: &stargate_verify::model::Policy,
    old: &stargate_verify::model::Policy,
    limit: usize,
) -> Option<std::collections::BTreeSet<(String, String, usize)>> {
    use stargate_verify::verify::domain::Domains;
    use stargate_verify::verify::{HeaderText, Request};
    // The requests come from the interpreter's own enumeration over both
    // versions; the encoder's classes only group the ports found.
    let dom = Domains::for_diff(new, old);
    let space = interp::space::RequestSpace::of(&[new, old]);
    let addrs = &space.addresses;
    let ports = &space.ports;
    let old_sources = interp::space::sample_addresses(&[old]);
    let new_sources = interp::space::sample_addresses(&[new]);
    let mut out = std::collections::BTreeSet::new();
    let mut work = 0usize;
    for (s, source) in new.nodes.iter().enumerate() {
        let Some(old_s) = old.node_by_name(&source.name) else {
            continue;
        };
        let values = space.header_values(&source.knows);
        let h = new.headers.len() as u32;
        let o = new.opaques.len() as u32;
        let combos = (values.len() as u64).pow(h) * (1u64 << o);
        for &src in addrs.iter().filter(|&&a| source.addrs.contains(a)) {
            for &port in ports {
                for method in &space.methods {
                    for path in &space.paths {
                        for c in 0..combos {
                            work += 1;
                            if work > limit {
                                return None;
                            }
                            let mut rest = c;
                            let headers: Vec<HeaderText> = (0..h)
                                .map(|_| {
                                    let v = values[(rest % values.len() as u64) as usize].clone();
                                    rest /= values.len() as u64;
                                    v
                                })
                                .collect();
                            let opaque: Vec<bool> = (0..o).map(|i| (rest >> i) & 1 == 1).collect();
                            let req = Request {
                                source: src,
                                port,
                                method: method.clone(),
                                path: path.clone(),
                                headers,
                                opaque,
                                // The diff generator writes no value patterns.
                                secrets: Vec::new(),
                            };
                            // The same request as the old version sees it: headers and
                            // opaque checks by name; those only the old version has take
                            // every value (an opening needs just one that the old
                            // version does not let through).
                            let old_only_h: Vec<usize> = (0..old.headers.len())
                                .filter(|&i| !new.headers.contains(&old.headers[i]))
                                .collect();
                            let old_only_o: Vec<usize> = (0..old.opaques.len())
                                .filter(|&i| !new.opaques.contains(&old.opaques[i]))
                                .collect();
                            let old_values = space.header_values(&[]);
                            let ext_count = (old_values.len() as u64).pow(old_only_h.len() as u32)
                                * (1u64 << old_only_o.len());
                            let old_reqs: Vec<Request> = (0..ext_count)
                                .map(|x| {
                                    let mut rest = x;
                                    let mut headers: Vec<HeaderText> = old
                                        .headers
                                        .iter()
                                        .map(|name| {
                                            match new.headers.iter().position(|n| n == name) {
                                                Some(i) => match &req.headers[i] {
                                                    HeaderText::Secret(k) => old
                                                        .secrets
                                                        .iter()
                                                        .position(|t| {
                                                            t.name == new.secrets[*k].name
                                                        })
                                                        .map_or(
                                                            HeaderText::Text("\u{0}".into()),
                                                            HeaderText::Secret,
                                                        ),
                                                    other => other.clone(),
                                                },
                                                None => HeaderText::Absent,
                                            }
                                        })
                                        .collect();
                                    for &i in &old_only_h {
                                        headers[i] = old_values
                                            [(rest % old_values.len() as u64) as usize]
                                            .clone();
                                        rest /= old_values.len() as u64;
                                    }
                                    let mut opaque: Vec<bool> = old
                                        .opaques
                                        .iter()
                                        .map(|name| {
                                            new.opaques
                                                .iter()
                                                .position(|x| x == name)
                                                .is_some_and(|i| req.opaque[i])
                                        })
                                        .collect();
                                    for (k, &i) in old_only_o.iter().enumerate() {
                                        opaque[i] = (rest >> k) & 1 == 1;
                                    }
                                    Request {
                                        headers,
                                        opaque,
                                        ..req.clone()
                                    }
                                })
                                .collect();
                            let reached =
                                |p: &stargate_verify::model::Policy,
                                 from: usize,
                                 r: &Request,
                                 sources: &[u128]| {
                                    if !interp::valid_start(p, from, r) {
                                        return Vec::new();
                                    }
                                    interp::explore_with(p, from, r, None, sources)
                                        .into_iter()
                                        .filter(|a| a.reached)
                                        .map(|a| (p.nodes[a.node].name.clone(), a.port))
                                        .collect::<Vec<_>>()
                                };
                            let now = reached(new, s, &req, &new_sources);
                            for old_req in &old_reqs {
                                let before = reached(old, old_s, old_req, &old_sources);
                                for (t, p) in &now {
                                    if old.node_by_name(t).is_some()
                                        && !before.contains(&(t.clone(), *p))
                                    {
                                        out.insert((
                                            source.name.clone(),
                                            t.clone(),
                                            dom.ports.index_of(*p),
                                        ));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    Some(out)
}

/// `diff` reports exactly the flows brute force finds opened, on random
/// policies and small edits of them.
#[test]
fn diff_agrees_with_brute_force() {
    let compared = diff_agrees(policy(), &EDITS, cases() / 10);
    eprintln!("diff differential: {compared} edited policies compared");
    assert!(compared > 10);
}

#[test]
fn diff_agrees_with_brute_force_on_acls() {
    let compared = diff_agrees(acl_policy(), &ACL_EDITS, cases() / 10);
    eprintln!("diff differential (acls): {compared} edited policies compared");
    assert!(compared > 10);
}

#[test]
fn diff_agrees_with_brute_force_on_widening_edits() {
    let compared = diff_agrees(policy(), &WIDEN, cases() / 10);
    eprintln!("diff differential (widening): {compared} edited policies compared");
    assert!(compared > 10);
}

#[test]
fn diff_agrees_with_brute_force_on_tightening_edits() {
    let compared = diff_agrees(policy(), &TIGHTEN, cases() / 10);
    eprintln!("diff differential (tightening): {compared} edited policies compared");
    assert!(compared > 10);
}

#[test]
fn diff_agrees_with_brute_force_on_header_edits() {
    // Headers multiply the requests: fewer cases fit the brute force's budget.
    let compared = diff_agrees(policy(), &HEADER_EDITS, cases() / 4);
    eprintln!("diff differential (headers): {compared} edited policies compared");
    assert!(compared > 10);
}

/// A widening and a tightening edit of the same policy at once.
#[test]
fn diff_agrees_with_brute_force_on_edits_both_ways() {
    let both: Vec<[(&str, &str); 2]> = WIDEN
        .iter()
        .flat_map(|&w| TIGHTEN.iter().map(move |&t| [w, t]))
        .collect();
    let compared = diff_agrees_many(policy(), &both, cases() / 10);
    eprintln!("diff differential (both ways): {compared} edited policies compared");
    assert!(compared > 10);
}

#[test]
fn diff_agrees_with_brute_force_when_targets_move() {
    let compared = diff_agrees(egress_move_policy(), &EGRESS_MOVES, cases() / 20);
    eprintln!("diff differential (moved targets): {compared} edited policies compared");
    assert!(compared > 10);
}

#[test]
fn diff_agrees_with_brute_force_on_alike_sources() {
    let compared = diff_agrees(alike_policy(), &ALIKE_EDITS, cases() / 4);
    eprintln!("diff differential (alike sources): {compared} edited policies compared");
    assert!(compared > 10);
}

#[test]
fn diff_agrees_with_brute_force_on_loops() {
    // Hop sources that a later rule tells apart need many cases to show.
    let compared = diff_agrees(loop_policy(), &LOOP_EDITS, cases() / 2);
    eprintln!("diff differential (loops): {compared} edited policies compared");
    assert!(compared > 10);
}

/// Diffs `cases` generated policies against one edit each; the flows opened
/// and closed must be exactly those brute force finds, with nothing
/// undecided. Returns how many were compared.
fn diff_agrees(
    strategy: impl Strategy<Value = Policy>,
    edits: &'static [(&'static str, &'static str)],
    cases: u32,
) -> u32 {
    let single: Vec<[(&str, &str); 1]> = edits.iter().map(|&e| [e]).collect();
    diff_agrees_many(strategy, &single, cases)
}

/// As [`diff_agrees`], with several edits applied together (each that the
/// text has; a case where none applies is skipped).
fn diff_agrees_many<const N: usize>(
    strategy: impl Strategy<Value = Policy>,
    edits: &[[(&'static str, &'static str); N]],
    cases: u32,
) -> u32 {
    use stargate_verify::verify::domain::Domains;
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let compared = std::cell::Cell::new(0u32);
    let result = runner.run(&(strategy, 0..edits.len()), |(Policy(text), e)| {
        let mut edited = text.clone();
        for (from, to) in edits[e] {
            edited = edited.replacen(from, to, 1);
        }
        if edited == text {
            return Ok(());
        }
        let (from, to) = (edits[e].map(|e| e.0), edits[e].map(|e| e.1));
        let (Some(old), Some(new)) = (
            stargate_verify::analyze(&text).model,
            stargate_verify::analyze(&edited).model,
        ) else {
            return Ok(());
        };
        let (Some(expected), Some(expected_closed)) = (
            brute_opened(&new, &old, 300_000),
            brute_opened(&old, &new, 300_000),
        ) else {
            return Ok(());
        };
        let opts = Options {
            jobs: 1,
            ..Options::default()
        };
        let d = stargate_verify::diff::diff(&old, &new, &opts);
        // Small policies are decided exactly: nothing may be left undecided.
        prop_assert!(
            d.undecided.is_empty(),
            "undecided {:?}\nedit {:?} -> {:?}\n--- new version:\n{}",
            d.undecided,
            from,
            to,
            edited
        );
        let dom = Domains::for_diff(&new, &old);
        let keys = |flows: &[stargate_verify::diff::Flow]| {
            flows
                .iter()
                .map(|f| (f.from.clone(), f.to.clone(), dom.ports.index_of(f.port)))
                .collect::<std::collections::BTreeSet<(String, String, usize)>>()
        };
        compared.set(compared.get() + 1);
        prop_assert_eq!(
            keys(&d.opened),
            expected,
            "opened: edit {:?} -> {:?}\n--- new version:\n{}",
            from,
            to,
            edited
        );
        prop_assert_eq!(
            keys(&d.closed),
            expected_closed,
            "closed: edit {:?} -> {:?}\n--- new version:\n{}",
            from,
            to,
            edited
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    compared.get()
}
