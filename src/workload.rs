//! Synthetic estates for benchmarks: seeded and deterministic `.sg` text in
//! the shape of a real deployment (edges, load balancers routing by path,
//! method and header, services with application checks, databases) with
//! assertions of every kind, a few of them violated on purpose.

use std::fmt::Write;

/// The size of a generated estate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub services: usize,
    /// Load balancers (edge proxies are added: one per ten balancers).
    pub balancers: usize,
    /// Rules per load balancer.
    pub rules_per_balancer: usize,
    pub assertions: usize,
    /// Extra `no connection internet -> port P` assertions, after the others:
    /// most name a port some service exposes to the internet (refuted), the
    /// rest one nobody listens on (proved).
    pub port_assertions: usize,
    /// Dual stack and identities: every service and balancer also has an
    /// IPv6 network, services admit their balancer by its group rather than
    /// its addresses, and databases are reachable from the VPC only.
    pub dual_stack: bool,
    /// Cloud match patterns and stateless ACLs: rules with `?` and inner
    /// `*` globs, `header ... matches` and `host in` conditions, and network
    /// ACLs on the services' and databases' subnets that need replies.
    pub cloud: bool,
    pub seed: u64,
}

/// A small, fast, seeded generator (xorshift64*): benchmarks must not
/// depend on a random crate's version. Also used by the tests' generators.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn service_addr(i: usize) -> String {
    // 10.64.0.0/10 holds the services, one /28 each.
    let n = (64u32 << 16) + (i as u32) * 16;
    format!("10.{}.{}.{}/28", n >> 16, (n >> 8) & 255, n & 255)
}

fn balancer_addr(i: usize) -> String {
    format!("10.20.{}.0/26", i % 256)
}

/// The policy text of an estate.
pub fn generate(shape: Shape) -> String {
    let mut rng = Rng::new(shape.seed);
    let services = shape.services.max(1);
    let balancers = shape.balancers.max(1);
    let edges = balancers.div_ceil(10);
    let databases = services.div_ceil(50);
    let mut out =
        String::with_capacity(services * 200 + balancers * shape.rules_per_balancer * 100);
    let _ = writeln!(out, "# generated: {shape:?}\npolicy estate\n");
    if shape.dual_stack {
        out.push_str(
            "let vpc = [10.0.0.0/8, fd00::/8]\nlet private = [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7]\n",
        );
    } else {
        out.push_str(
            "let vpc = 10.0.0.0/8\nlet private = [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]\n",
        );
    }
    out.push_str("secret origin\nsecret admin\nsecret api_key\n\n");
    if shape.dual_stack {
        for b in 0..balancers {
            let _ = writeln!(out, "group lb{b}_sg");
        }
        out.push('\n');
    }
    out.push_str("zone internet { addresses any except private }\n");
    out.push_str("zone admins { addresses 198.51.100.0/24 knows admin, api_key }\n");
    out.push_str("zone office { addresses 10.250.0.0/16 knows api_key }\n\n");
    if shape.cloud {
        // The databases' subnet: PostgreSQL from the VPC, and its replies.
        out.push_str(
            "acl db_acl covers 10.200.0.0/16 {\n  inbound 100 allow 5432 from vpc\n  inbound 200 deny any from any\n  outbound 100 allow 1024-65535 to vpc\n}\n",
        );
        // The services' subnets: their ports from the VPC, the debug ports
        // from anywhere, SSH from nowhere, replies out and in.
        out.push_str(
            "acl svc_acl covers 10.64.0.0/10 {\n  inbound 90 deny 22 from any\n  inbound 100 allow 8000-8999 from vpc\n  inbound 110 allow 9000-9999 from any\n  inbound 120 allow 1024-65535 from any\n  outbound 100 allow 443 to any\n  outbound 110 allow 5432 to vpc\n  outbound 120 allow 1024-65535 to any\n}\n\n",
        );
    }

    for e in 0..edges {
        let _ = writeln!(
            out,
            "proxy edge{e} {{\n  addresses 52.{}.0.0/16\n  listen 443 tls from any",
            84 + e % 100
        );
        out.push_str("  on 443 {\n    deny 403 when opaque ip_reputation\n    deny 429 when opaque rate_limit\n");
        for b in (e..balancers).step_by(edges) {
            let _ = writeln!(
                out,
                "    forward when path in /lb{b}/* to lb{b}:80 set header X-Origin = origin"
            );
        }
        out.push_str("  }\n}\n\n");
    }

    for b in 0..balancers {
        let edge = b % edges;
        let _ = writeln!(
            out,
            "proxy lb{b} {{\n  addresses {}\n  listen 80 from edge{edge}\n  listen 8080 from vpc\n  egress to vpc",
            if shape.dual_stack {
                format!("[{}, fd00:20:{b:x}::/64]\n  member lb{b}_sg", balancer_addr(b))
            } else {
                balancer_addr(b)
            }
        );
        out.push_str("  on 80 {\n    deny 403 unless header X-Origin == origin\n");
        let mine: Vec<usize> = (b..services).step_by(balancers).collect();
        for r in 0..shape.rules_per_balancer {
            let Some(&svc) = mine.get(r % mine.len().max(1)) else {
                break;
            };
            let port = 8000 + svc % 1000;
            let pick = rng.below(if shape.cloud { 13 } else { 10 });
            match pick {
                10 => {
                    let _ = writeln!(
                        out,
                        "    deny 403 when path in /lb{b}/s{svc}/v?/*/debug or header User-Agent matches [\"*bot*\", \"*crawl?r*\"]"
                    );
                }
                11 => {
                    let _ = writeln!(
                        out,
                        "    forward when host in [lb{b}.example.com, api.lb{b}.example.com] and path in /lb{b}/s{svc}/api/v?/* to s{svc}:{port}"
                    );
                }
                12 => {
                    let _ = writeln!(
                        out,
                        "    forward when path in /lb{b}/s{svc}/*.json and query format matches \"j*\" to s{svc}:{port}"
                    );
                }
                0 => {
                    let _ = writeln!(
                        out,
                        "    deny 403 when path in /lb{b}/s{svc}/admin/* and header X-Admin != admin"
                    );
                }
                1 => {
                    let _ = writeln!(
                        out,
                        "    forward when path in /lb{b}/s{svc}/v{r}/* and header X-Tenant == \"t{}\" to s{svc}:{port} remove header X-Tenant",
                        r % 7
                    );
                }
                2 => {
                    let _ = writeln!(
                        out,
                        "    forward when path in /lb{b}/s{svc}/w{r}/* and method in [POST, PUT] to s{svc}:{port} set header X-Write = \"yes\""
                    );
                }
                3 => {
                    let _ = writeln!(
                        out,
                        "    deny 404 when path in /lb{b}/s{svc}/old{r} or opaque bot_{}",
                        r % 5
                    );
                }
                _ => {
                    let _ = writeln!(
                        out,
                        "    forward when path in /lb{b}/s{svc}/r{r}/* and method in [GET, HEAD] to s{svc}:{port}"
                    );
                }
            }
        }
        out.push_str("  }\n  on 8080 {\n");
        for &svc in mine.iter().take(3) {
            let _ = writeln!(
                out,
                "    forward when path in /internal/s{svc}/* to s{svc}:{}",
                8000 + svc % 1000
            );
        }
        out.push_str("  }\n}\n\n");
    }

    for s in 0..services {
        let lb = s % balancers;
        let port = 8000 + s % 1000;
        let _ = writeln!(
            out,
            "service s{s} {{\n  addresses {}\n  listen {port} from {}\n  egress to vpc ports [5432, 443]\n  egress to any ports 443",
            if shape.dual_stack {
                format!("[{}, fd00:64:{s:x}::/64]", service_addr(s))
            } else {
                service_addr(s)
            },
            if shape.dual_stack {
                format!("lb{lb}_sg")
            } else {
                format!("lb{lb}")
            }
        );
        // A few services are exposed on purpose (a debugging port left open).
        if rng.chance(2) {
            let _ = writeln!(out, "  listen 9{:03} from any", s % 1000);
        }
        if rng.chance(40) {
            let _ = writeln!(
                out,
                "  on {port} {{\n    deny 401 when header Authorization != api_key and not path in /lb{lb}/s{s}/public/*\n  }}"
            );
        }
        out.push_str("}\n");
    }
    out.push('\n');
    for d in 0..databases {
        let _ = writeln!(
            out,
            "service db{d} {{ addresses 10.200.{}.{}/32  listen 5432 tls from vpc{} }}",
            d / 256,
            d % 256,
            if shape.dual_stack {
                "  reachable from vpc"
            } else {
                ""
            }
        );
    }
    out.push('\n');

    for k in 0..shape.assertions {
        let s = rng.below(services);
        let lb = s % balancers;
        let d = rng.below(databases);
        let line = match k % 8 {
            0 => format!("no path internet -> db{d}"),
            1 => format!("path internet -> s{s} where path in /lb{lb}/s{s}/*"),
            2 => format!("every path internet -> s{s} via edge{}", lb % edges),
            3 => format!(
                "every path internet -> s{s} where path in /lb{lb}/s{s}/admin/* requires header X-Admin == admin"
            ),
            4 => format!("no connection internet -> s{s}"),
            5 => format!("every path office -> db{d} encrypted"),
            6 => format!("every path internet -> s{s} encrypted"),
            _ => format!("no path internet -> s{s} where header Authorization absent"),
        };
        let _ = writeln!(out, "assert a{k}: {line}");
    }
    for k in 0..shape.port_assertions {
        // Services expose 9000-9999 now and then (see above).
        let port = if k % 4 == 3 {
            7000 + k % 1000
        } else {
            9000 + rng.below(1000)
        };
        let _ = writeln!(out, "assert p{k}: no connection internet -> port {port}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_estates_check_cleanly_and_are_deterministic() {
        let shape = Shape {
            services: 30,
            balancers: 4,
            rules_per_balancer: 12,
            assertions: 16,
            port_assertions: 4,
            dual_stack: false,
            cloud: false,
            seed: 7,
        };
        let text = generate(shape);
        assert_eq!(text, generate(shape));
        let dual = crate::analyze(&generate(Shape {
            dual_stack: true,
            ..shape
        }));
        assert!(
            dual.diagnostics.iter().all(|d| !d.is_error()),
            "{:#?}",
            dual.diagnostics
        );
        let dual = dual.model.expect("dual-stack model");
        let cloud = crate::analyze(&generate(Shape {
            dual_stack: true,
            cloud: true,
            rules_per_balancer: 40,
            ..shape
        }));
        let errors: Vec<_> = cloud.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let cloud = cloud.model.expect("cloud model");
        assert_eq!(cloud.acls.len(), 2);
        assert!(!cloud.patterns.is_empty());
        assert_eq!(dual.groups.len(), 4);
        assert!(dual.nodes.iter().any(|n| n.exposure.is_some()));
        let analysis = crate::analyze(&text);
        let errors: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let model = analysis.model.expect("model");
        assert_eq!(model.assertions.len(), 20);
        assert!(model.nodes.len() >= 30 + 4);
    }
}
