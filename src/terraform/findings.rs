//! The built-in findings of `check --terraform PATH` without an intent:
//! assertions a reviewer would otherwise write by hand, generated from the
//! imported network, each proved or refuted with a trace like any other.
//!
//! - **CDN lock**: every node a CDN distribution forwards to (directly or
//!   through the proxies behind it) is reached from the internet only
//!   through that distribution: `every path internet -> T via CDN`.
//! - **Exposure**: every other endpoint (not a CDN or load balancer, whose
//!   listeners are meant to be public) is reached from the internet only
//!   through the one proxy that forwards to it, or, when no proxy forwards
//!   to it, not at all: `every path internet -> S via P`, or
//!   `no connection internet -> S`. A refutation names a port and a hop.
//! - **Secret headers in plaintext**: a forward that adds a secret header
//!   on a hop without TLS is a warning at that rule (the origin's custom
//!   header), since anyone on the path can read the secret.
//!
//! Header secrets written as literals are warned about by the import
//! itself.

use std::collections::BTreeSet;

use super::emit::Node as Endpoint;
use super::policy::Generated;
use crate::diagnostic::Diagnostic;
use crate::model::{Action, Edit, NodeId, Policy, Value};
use crate::syntax::ast::NodeKind;

/// The findings' assertions, and the static findings as diagnostics.
pub struct Findings {
    pub generated: Generated,
    pub diagnostics: Vec<Diagnostic>,
}

/// The resource type of a Terraform address (`module.x.aws_lb.this[0]`).
fn rtype(address: &str) -> &str {
    let plain = address.split('[').next().unwrap_or(address);
    let parts: Vec<&str> = plain.split('.').collect();
    parts.len().checked_sub(2).map_or("", |i| parts[i])
}

fn is_cdn(t: &str) -> bool {
    t == "aws_cloudfront_distribution"
}

fn is_balancer(t: &str) -> bool {
    matches!(t, "aws_lb" | "aws_alb" | "aws_elb")
}

/// The nodes `p` forwards to, directly.
fn forwarded_to(p: &Policy, n: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    for b in &p.nodes[n].blocks {
        for r in &b.rules {
            if let Action::Forward(f) = &r.action {
                out.extend(f.targets.iter().map(|(t, _)| *t));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The findings of the imported network `p`; `endpoints` tells which node
/// is which resource. Nothing when there is no `internet` zone.
pub fn generate(p: &Policy, endpoints: &[Endpoint], name: &str) -> Findings {
    let mut text = String::from(
        "# Built-in findings of `stargate-verify check --terraform` (no intent given).\n",
    );
    let mut origins = Vec::new();
    let mut diagnostics = Vec::new();
    let internet = p
        .node_by_name("internet")
        .filter(|&i| p.nodes[i].kind == NodeKind::Zone);
    let kind_of = |n: NodeId| {
        endpoints
            .iter()
            .find(|e| e.name == p.nodes[n].name)
            .map(|e| (rtype(&e.address), e))
    };
    let mut line = 1;
    let mut assert = |text: &mut String, stmt: String, at: Option<&Endpoint>| {
        text.push_str(&stmt);
        text.push('\n');
        line += 1;
        if let Some(e) = at {
            origins.push((line, e.file.clone(), e.line));
        }
    };
    if internet.is_some() {
        // For each node, the proxies that forward to it (one pass).
        let forwarders = crate::verify::states::forwarders(p);
        let mut locked: BTreeSet<NodeId> = BTreeSet::new();
        for c in 0..p.nodes.len() {
            let Some((t, cdn)) = kind_of(c) else { continue };
            if !is_cdn(t) {
                continue;
            }
            // Everything behind the distribution, through proxies.
            let mut seen: BTreeSet<NodeId> = BTreeSet::new();
            let mut todo = vec![c];
            while let Some(n) = todo.pop() {
                for m in forwarded_to(p, n) {
                    if m != c && seen.insert(m) && p.nodes[m].kind == NodeKind::Proxy {
                        todo.push(m);
                    }
                }
            }
            for &behind in &seen {
                locked.insert(behind);
                let (cn, bn) = (&p.nodes[c].name, &p.nodes[behind].name);
                let at = kind_of(behind).map(|k| k.1).or(Some(cdn));
                assert(
                    &mut text,
                    format!("assert cdn_lock_{bn}_via_{cn}: every path internet -> {bn} via {cn}"),
                    at,
                );
            }
        }
        for (s, (node, into)) in p.nodes.iter().zip(&forwarders).enumerate() {
            if node.kind == NodeKind::Zone || locked.contains(&s) {
                continue;
            }
            let (t, at) = match kind_of(s) {
                Some((t, e)) => (t, Some(e)),
                None => ("", None),
            };
            if is_cdn(t) || is_balancer(t) {
                continue;
            }
            let proxies: Vec<NodeId> = into.iter().copied().filter(|&q| q != s).collect();
            let n = &node.name;
            match proxies.as_slice() {
                [] => assert(
                    &mut text,
                    format!("assert exposed_{n}: no connection internet -> {n}"),
                    at,
                ),
                [q] => {
                    let qn = &p.nodes[*q].name;
                    assert(
                        &mut text,
                        format!("assert exposed_{n}: every path internet -> {n} via {qn}"),
                        at,
                    )
                }
                // Behind several proxies: each one is a legitimate way in,
                // which one property cannot say; only direct exposure is
                // left to the CDN and exposure checks of the others.
                _ => {}
            }
        }
    } else {
        text.push_str("# No `internet` zone was imported: no path findings.\n");
    }
    // Secret headers added on a hop without TLS.
    for (n, node) in p.nodes.iter().enumerate() {
        for b in &node.blocks {
            for r in &b.rules {
                let Action::Forward(f) = &r.action else {
                    continue;
                };
                if f.tls {
                    continue;
                }
                for e in &f.edits {
                    if let Edit::Set(h, Value::Secret(sid)) = e {
                        let targets: Vec<&str> = f
                            .targets
                            .iter()
                            .map(|(t, _)| p.nodes[*t].name.as_str())
                            .collect();
                        diagnostics.push(
                            Diagnostic::warning(
                                "stargate::terraform::secret_plaintext",
                                format!(
                                    "`{}` adds the secret `{}` as header `{}` on a hop to {} without TLS",
                                    p.nodes[n].name,
                                    p.secrets[*sid].name,
                                    p.headers[*h],
                                    targets.join(", ")
                                ),
                                r.span,
                            )
                            .label("secret header sent in plaintext")
                            .help(
                                "send it over HTTPS (an `https-only` origin protocol policy, an HTTPS listener), \
                                 or anyone on the path can read and replay the secret",
                            ),
                        );
                    }
                }
            }
        }
    }
    Findings {
        generated: Generated {
            name: format!("{name} (built-in findings)"),
            text,
            origins,
        },
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_types_of_addresses() {
        assert_eq!(rtype("aws_lb.this"), "aws_lb");
        assert_eq!(rtype("module.alb.aws_lb.this[0]"), "aws_lb");
        assert_eq!(rtype("aws_ecs_service.svc[\"a.b\"]"), "aws_ecs_service");
        assert_eq!(rtype("x"), "");
    }

    #[test]
    fn a_cdn_lock_and_exposures_are_asserted() {
        let text = "zone internet { addresses any except 10.0.0.0/8 }\n\
            secret key \"k\"\n\
            proxy cdn { addresses 52.84.0.0/15  listen 443 tls from any\n\
              on 443 { forward to alb:80 set header X-Key = key } }\n\
            proxy alb { addresses 10.0.1.0/24  listen 80 from any\n\
              on 80 { deny unless header X-Key == key  forward to app:8080 } }\n\
            service app { addresses 10.0.2.0/24  listen 8080 from 10.0.1.0/24 }\n\
            service db { addresses 10.0.3.5  listen 5432 from any }\n";
        let a = crate::analyze(text);
        let Some(model) = a.model else {
            panic!("{:?}", a.diagnostics)
        };
        let ep = |name: &str, address: &str| Endpoint {
            name: name.into(),
            kind: "service",
            address: address.into(),
            file: "main.tf".into(),
            line: 1,
        };
        let endpoints = [
            ep("cdn", "aws_cloudfront_distribution.cdn"),
            ep("alb", "aws_lb.alb"),
            ep("app", "aws_ecs_service.app"),
            ep("db", "aws_db_instance.db"),
        ];
        let f = generate(&model, &endpoints, "net");
        let lines: Vec<&str> = f.generated.text.lines().skip(1).collect();
        assert_eq!(
            lines,
            [
                "assert cdn_lock_alb_via_cdn: every path internet -> alb via cdn",
                "assert cdn_lock_app_via_cdn: every path internet -> app via cdn",
                "assert exposed_db: no connection internet -> db",
            ]
        );
        assert_eq!(f.generated.origins.len(), 3);
        assert_eq!(f.diagnostics.len(), 1);
        assert!(f.diagnostics[0].message.contains("secret `key`"));
    }
}
