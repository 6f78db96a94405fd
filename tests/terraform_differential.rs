//! Differential test of the Terraform import: random security-group
//! configurations are written as `.tf`, imported, and checked; every
//! verdict is compared with a small evaluator of the AWS rules written here
//! from AWS's documentation alone (it shares nothing with the importer):
//!
//! - a connection from instance A to instance B on a port and protocol is
//!   allowed when some egress rule of some group of A and some ingress rule
//!   of some group of B both match it (rules only allow; groups on one
//!   interface are unioned; security groups are stateful, so the reply
//!   needs no rule);
//! - a rule matches when its protocol is the connection's (or `-1`, every
//!   protocol and port), the port is in `from_port..=to_port`, and its peer
//!   holds the other end: a CIDR block containing its address, a group it
//!   is a member of, or (`self = true`) the rule's own group;
//! - a group that Terraform creates has no egress rule unless one is
//!   declared.
//!
//! `PROPTEST_CASES=500 cargo test --release --test terraform_differential`
//! runs longer.

use std::fmt::{self, Write};
use std::path::PathBuf;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use stargate_verify::terraform;
use stargate_verify::verify::{self, Options, Status};

const IPS: [&str; 4] = ["10.0.1.5", "10.0.1.10", "10.0.1.20", "10.0.1.30"];
const PORTS: [u16; 5] = [22, 53, 80, 443, 5432];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Proto {
    Tcp,
    Udp,
    All,
}

#[derive(Debug, Clone)]
enum Peer {
    Cidr(&'static str),
    Group(usize),
    Own,
}

#[derive(Debug, Clone)]
struct Rule {
    proto: Proto,
    from: u16,
    to: u16,
    peer: Peer,
}

#[derive(Debug, Clone)]
struct Group {
    ingress: Vec<Rule>,
    egress: Vec<Rule>,
}

#[derive(Clone)]
struct Net {
    groups: Vec<Group>,
    /// Each instance's groups (at least one), by index.
    members: Vec<Vec<usize>>,
}

impl fmt::Debug for Net {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{}", self.tf())
    }
}

const CIDRS: [&str; 6] = [
    "0.0.0.0/0",
    "10.0.1.0/24",
    "10.0.1.0/28",
    "10.0.1.16/28",
    "10.0.1.20/32",
    "192.168.0.0/16",
];

fn contains(cidr: &str, ip: &str) -> bool {
    let parse = |s: &str| -> u32 {
        s.split('.')
            .map(|o| o.parse::<u32>().unwrap_or(0))
            .fold(0, |a, o| (a << 8) | o)
    };
    let (net, len) = cidr.split_once('/').unwrap_or((cidr, "32"));
    let len: u32 = len.parse().unwrap_or(32);
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    parse(ip) & mask == parse(net) & mask
}

fn rule(groups: usize) -> impl Strategy<Value = Rule> {
    let proto = prop_oneof![Just(Proto::Tcp), Just(Proto::Udp), Just(Proto::All)];
    let ports = prop_oneof![
        (0..PORTS.len()).prop_map(|i| (PORTS[i], PORTS[i])),
        Just((80, 443)),
        Just((0, 65535)),
        Just((1024, 65535)),
    ];
    let peer = prop_oneof![
        (0..CIDRS.len()).prop_map(|i| Peer::Cidr(CIDRS[i])),
        (0..groups).prop_map(Peer::Group),
        Just(Peer::Own),
    ];
    (proto, ports, peer).prop_map(|(proto, (from, to), peer)| {
        // Terraform writes every protocol as `-1` with ports 0 to 0.
        let (from, to) = if proto == Proto::All {
            (0, 0)
        } else {
            (from, to)
        };
        Rule {
            proto,
            from,
            to,
            peer,
        }
    })
}

fn net() -> impl Strategy<Value = Net> {
    (1usize..=3).prop_flat_map(|g| {
        let group = (
            prop::collection::vec(rule(g), 0..3),
            prop::collection::vec(rule(g), 0..3),
        )
            .prop_map(|(ingress, egress)| Group { ingress, egress });
        let member = prop::collection::btree_set(0..g, 1..=g.min(2))
            .prop_map(|s| s.into_iter().collect::<Vec<_>>());
        (
            prop::collection::vec(group, g),
            prop::collection::vec(member, 2..=IPS.len()),
        )
            .prop_map(|(groups, members)| Net { groups, members })
    })
}

impl Net {
    fn tf(&self) -> String {
        let mut t = String::from(
            "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\n\
             resource \"aws_subnet\" \"a\" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = \"10.0.1.0/24\"\n}\n\n",
        );
        // Group peers would make inline rules a reference cycle (Terraform
        // refuses them too), so every rule is a resource of its own, in the
        // two schemas by turns.
        let mut n = 0;
        for (i, g) in self.groups.iter().enumerate() {
            let _ = writeln!(
                t,
                "resource \"aws_security_group\" \"g{i}\" {{\n  vpc_id = aws_vpc.main.id\n}}\n"
            );
            for (kind, rules) in [("ingress", &g.ingress), ("egress", &g.egress)] {
                for r in rules {
                    n += 1;
                    let proto = match r.proto {
                        Proto::Tcp => "tcp",
                        Proto::Udp => "udp",
                        Proto::All => "-1",
                    };
                    let group = |h: usize| format!("aws_security_group.g{h}.id");
                    if n % 2 == 0 {
                        let peer = match &r.peer {
                            Peer::Cidr(c) => format!("cidr_blocks = [\"{c}\"]"),
                            Peer::Group(h) => format!("source_security_group_id = {}", group(*h)),
                            Peer::Own => "self = true".to_string(),
                        };
                        let _ = writeln!(
                            t,
                            "resource \"aws_security_group_rule\" \"r{n}\" {{\n  type              = \"{kind}\"\n  security_group_id = {}\n  from_port         = {}\n  to_port           = {}\n  protocol          = \"{proto}\"\n  {peer}\n}}\n",
                            group(i),
                            r.from,
                            r.to
                        );
                    } else {
                        let peer = match &r.peer {
                            Peer::Cidr(c) => format!("cidr_ipv4 = \"{c}\""),
                            Peer::Group(h) => {
                                format!("referenced_security_group_id = {}", group(*h))
                            }
                            Peer::Own => format!("referenced_security_group_id = {}", group(i)),
                        };
                        let ports = if r.proto == Proto::All {
                            String::new()
                        } else {
                            format!("  from_port   = {}\n  to_port     = {}\n", r.from, r.to)
                        };
                        let _ = writeln!(
                            t,
                            "resource \"aws_vpc_security_group_{kind}_rule\" \"r{n}\" {{\n  security_group_id = {}\n  ip_protocol = \"{proto}\"\n{ports}  {peer}\n}}\n",
                            group(i)
                        );
                    }
                }
            }
        }
        for (i, m) in self.members.iter().enumerate() {
            let groups: Vec<String> = m
                .iter()
                .map(|g| format!("aws_security_group.g{g}.id"))
                .collect();
            let _ = writeln!(
                t,
                "resource \"aws_instance\" \"i{i}\" {{\n  ami                    = \"ami-12345678\"\n  instance_type          = \"t3.micro\"\n  subnet_id              = aws_subnet.a.id\n  private_ip             = \"{}\"\n  vpc_security_group_ids = [{}]\n}}\n",
                IPS[i],
                groups.join(", ")
            );
        }
        t
    }

    fn matches(&self, r: &Rule, own: usize, other: usize, port: u16, proto: Proto) -> bool {
        let proto_ok =
            r.proto == Proto::All || (r.proto == proto && r.from <= port && port <= r.to);
        let peer_ok = match &r.peer {
            Peer::Cidr(c) => contains(c, IPS[other]),
            Peer::Group(h) => self.members[other].contains(h),
            Peer::Own => self.members[other].contains(&own),
        };
        proto_ok && peer_ok
    }

    /// AWS's answer: may instance `a` connect to instance `b`?
    fn allowed(&self, a: usize, b: usize, port: u16, proto: Proto) -> bool {
        let out = self.members[a].iter().any(|&g| {
            self.groups[g]
                .egress
                .iter()
                .any(|r| self.matches(r, g, b, port, proto))
        });
        let inn = self.members[b].iter().any(|&g| {
            self.groups[g]
                .ingress
                .iter()
                .any(|r| self.matches(r, g, a, port, proto))
        });
        out && inn
    }
}

fn dir_for(case: usize) -> PathBuf {
    std::env::temp_dir().join(format!(
        "stargate-tf-differential-{}-{case}",
        std::process::id()
    ))
}

fn agrees(net: &Net, case: usize) -> Result<(), TestCaseError> {
    let dir = dir_for(case);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| TestCaseError::fail(e.to_string()))?;
    std::fs::write(dir.join("main.tf"), net.tf())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let inv = terraform::read(&dir, &[]);
    let _ = std::fs::remove_dir_all(&dir);
    prop_assert!(!inv.has_errors(), "{:?}", inv.diagnostics);
    let mut text = terraform::emit::to_sg(&inv, "generated");
    let mut asked = Vec::new();
    for a in 0..net.members.len() {
        for b in 0..net.members.len() {
            if a == b {
                continue;
            }
            for &port in &PORTS {
                for proto in [Proto::Tcp, Proto::Udp] {
                    let suffix = if proto == Proto::Udp { "/udp" } else { "" };
                    let name = format!("c{}", asked.len());
                    let _ = writeln!(
                        text,
                        "assert {name}: no connection i{a} -> i{b}:{port}{suffix}"
                    );
                    asked.push((a, b, port, proto));
                }
            }
        }
    }
    let analysis = stargate_verify::analyze(&text);
    let Some(model) = analysis.model else {
        return Err(TestCaseError::fail(format!(
            "the import does not check: {:?}\n{text}",
            analysis.diagnostics
        )));
    };
    let opts = Options {
        jobs: 1,
        ..Options::default()
    };
    for v in verify::verify(&model, &opts) {
        let (a, b, port, proto) = asked[v.assertion];
        let expected = if net.allowed(a, b, port, proto) {
            Status::Refuted
        } else {
            Status::Proved
        };
        prop_assert_eq!(
            v.status,
            expected,
            "i{} -> i{}:{} {:?}\n{}",
            a,
            b,
            port,
            proto,
            text
        );
    }
    Ok(())
}

#[test]
fn imported_security_groups_agree_with_aws_rules() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(24);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let counter = std::sync::atomic::AtomicUsize::new(0);
    let result = runner.run(&net(), |n| {
        let case = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        agrees(&n, case)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
