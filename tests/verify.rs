//! Verdicts on small policies whose answers were worked out by hand from the
//! reference's semantics: every property kind proved and refuted, rule
//! order, prefix globs, secrets, header edits through a cycle, `except`,
//! egress, tls, and the reference's own example.

use stargate_verify::model::{key_port, CheckedPolicy};
use stargate_verify::verify::{self, Options, Status, Trace};

struct Checked {
    policy: CheckedPolicy,
    verdicts: Vec<verify::Verdict>,
}

fn check_with(src: &str, opts: &Options) -> Checked {
    let analysis = stargate_verify::analyze(src);
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "policy has errors: {errors:#?}");
    let policy = analysis.model.expect("checked model");
    let verdicts = verify::verify(&policy, opts);
    Checked { policy, verdicts }
}

fn check(src: &str) -> Checked {
    check_with(src, &Options::default())
}

impl Checked {
    fn get(&self, name: &str) -> &verify::Verdict {
        self.verdicts
            .iter()
            .find(|v| self.policy.assertions[v.assertion].name == name)
            .unwrap_or_else(|| panic!("no assertion {name}"))
    }

    fn status(&self, name: &str) -> Status {
        self.get(name).status
    }

    fn trace(&self, name: &str) -> &Trace {
        self.get(name)
            .trace
            .as_ref()
            .unwrap_or_else(|| panic!("{name} has no trace"))
    }

    /// The hops of a trace as `from->to:port`.
    fn hops(&self, name: &str) -> Vec<String> {
        self.trace(name)
            .hops
            .iter()
            .map(|h| {
                format!(
                    "{}->{}:{}",
                    self.policy.nodes[h.from].name,
                    self.policy.nodes[h.to].name,
                    key_port(h.port)
                )
            })
            .collect()
    }
}

const TIERED: &str = r#"
let vpc = 10.20.0.0/16
secret origin_token
zone internet { addresses any except [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16] }
proxy edge {
  addresses 52.84.0.0/15
  listen 443 tls from internet
  on 443 {
    deny 403 when opaque ip_reputation
    forward to lb:80 set header X-Origin-Token = origin_token
  }
}
proxy lb {
  addresses 10.20.101.0/24
  listen 80
  listen 9090 from vpc
  on 80 {
    deny 403 unless header X-Origin-Token == origin_token
    forward when path in /api/* to app:4000
  }
  on 9090 { forward to metrics:8428 }
}
service app     { addresses 10.20.1.0/24  listen 4000 from lb }
service metrics { addresses 10.20.2.0/24  listen 8428 from lb }
"#;

fn tiered(asserts: &str) -> Checked {
    check(&format!("{TIERED}\n{asserts}"))
}

#[test]
fn reference_example() {
    let c = tiered(
        "assert metrics_private: no path internet -> metrics
         assert no_public_9090:  no connection internet -> port 9090
         assert api_works:       path internet -> app where path in /api/*
         assert lb_behind_edge:  every path internet -> app via edge",
    );
    for name in [
        "metrics_private",
        "no_public_9090",
        "api_works",
        "lb_behind_edge",
    ] {
        assert_eq!(c.status(name), Status::Proved, "{name}");
    }
    assert_eq!(
        c.hops("api_works"),
        ["internet->edge:443", "edge->lb:80", "lb->app:4000"]
    );
}

#[test]
fn no_path_proved_and_refuted() {
    let c = tiered(
        "assert a: no path internet -> metrics
         assert b: no path internet -> app",
    );
    assert_eq!(c.status("a"), Status::Proved);
    assert_eq!(c.status("b"), Status::Refuted);
    let t = c.trace("b");
    assert!(
        t.request.path.starts_with("/api/"),
        "path {}",
        t.request.path
    );
    assert_eq!(c.hops("b").len(), 3);
}

#[test]
fn no_connection_ignores_rules_but_no_path_does_not() {
    let c = check(
        "zone internet { addresses any }
         service locked { addresses 10.0.0.1 listen 8080 on 8080 { deny 403 when port in 8080 } }
         assert conn: no connection internet -> locked
         assert reach: no path internet -> locked
         assert other_port: no connection internet -> locked:[1-8079, 8081-65535]",
    );
    assert_eq!(c.status("conn"), Status::Refuted);
    assert_eq!(c.status("reach"), Status::Proved);
    assert_eq!(c.status("other_port"), Status::Proved);
}

#[test]
fn path_proved_with_witness_and_refuted() {
    let c = tiered(
        "assert api: path internet -> app where path in /api/v1/chat
         assert web: path internet -> app where path in /web/*",
    );
    assert_eq!(c.status("api"), Status::Proved);
    assert_eq!(c.trace("api").request.path, "/api/v1/chat");
    assert_eq!(c.status("web"), Status::Refuted);
    assert!(c.get("web").trace.is_none());
}

#[test]
fn requires_proved_and_refuted() {
    let c = check(
        "secret admin
         zone internet { addresses 1.0.0.0/8 }
         zone admins { addresses 2.0.0.0/8 knows admin }
         proxy cdn {
           addresses 3.0.0.0/8
           listen 443 tls
           on 443 {
             deny 403 when path in /admin/* and header X-Admin != admin
             forward to app:80
           }
         }
         service app { addresses 10.0.0.0/24 listen 80 from cdn }
         assert guarded: every path admins -> app where path in /admin/* requires header X-Admin == admin
         assert exact_not_guarded: every path admins -> app where path in /admin requires header X-Admin == admin",
    );
    assert_eq!(c.status("guarded"), Status::Proved);
    // `/admin/*` does not match `/admin`.
    assert_eq!(c.status("exact_not_guarded"), Status::Refuted);
    assert_eq!(c.trace("exact_not_guarded").request.path, "/admin");
}

#[test]
fn via_proved_and_refuted() {
    let c = check(
        "zone internet { addresses 1.0.0.0/8 }
         proxy waf { addresses 3.0.0.1 listen 443 on 443 { forward to app:80 } }
         service app { addresses 10.0.0.1 listen 80 }
         service app2 { addresses 10.0.0.2 listen 80 from waf }
         assert open: every path internet -> app via waf
         assert closed: every path internet -> app2 via waf",
    );
    assert_eq!(c.status("open"), Status::Refuted);
    assert_eq!(c.hops("open"), ["internet->app:80"]);
    assert_eq!(c.status("closed"), Status::Proved);
}

#[test]
fn encrypted_proved_and_refuted() {
    let c = check(
        "zone internet { addresses 1.0.0.0/8 }
         proxy edge {
           addresses 3.0.0.0/24
           listen 443 tls
           on 443 {
             forward when path in /secure/* to app:8443 tls
             forward to app:8080
           }
         }
         service app { addresses 10.0.0.0/24 listen [8080, 8443] from edge }
         assert secure: every path internet -> app where path in /secure/* encrypted
         assert any_path: every path internet -> app encrypted",
    );
    assert_eq!(c.status("secure"), Status::Proved);
    assert_eq!(c.status("any_path"), Status::Refuted);
    let t = c.trace("any_path");
    assert!(t.hops.iter().any(|h| !h.tls));
    assert_eq!(c.hops("any_path"), ["internet->edge:443", "edge->app:8080"]);
}

#[test]
fn encryption_from_listen_lines_needs_every_admitting_line_tls() {
    let c = check(
        "zone a { addresses 1.0.0.0/8 }
         zone b { addresses 2.0.0.0/8 }
         service db { addresses 10.0.0.1 listen 5432 tls from [a, b] listen 5432 from b }
         assert from_a: every path a -> db encrypted
         assert from_b: every path b -> db encrypted",
    );
    assert_eq!(c.status("from_a"), Status::Proved);
    assert_eq!(c.status("from_b"), Status::Refuted);
}

#[test]
fn rule_order_first_match_decides() {
    let c = check(
        "zone internet { addresses 1.0.0.0/8 }
         proxy deny_first { addresses 3.0.0.1 listen 80 on 80 { deny 403 when path in /x/* forward to app:80 } }
         proxy fwd_first  { addresses 3.0.0.2 listen 80 on 80 { forward to app:80 deny 403 when path in /x/* } }
         service app { addresses 10.0.0.1 listen 80 from [3.0.0.1, 3.0.0.2] }
         assert via_deny_first: every path internet -> app where path in /x/* via fwd_first
         assert via_fwd_first: every path internet -> app where path in /x/* via deny_first",
    );
    // Through deny_first, /x/* is denied: every /x/ path goes through fwd_first.
    assert_eq!(c.status("via_deny_first"), Status::Proved);
    assert_eq!(c.status("via_fwd_first"), Status::Refuted);
}

#[test]
fn first_on_block_covering_a_port_applies() {
    let c = check(
        "zone internet { addresses 1.0.0.0/8 }
         proxy p {
           addresses 3.0.0.1
           listen [80, 81]
           on 80 { deny 403 when path in /* }
           on [80, 81] { forward to app:80 }
         }
         service app { addresses 10.0.0.1 listen 80 }
         assert p_reached_on_80: no path internet -> p:80
         assert p_reached_on_81: path internet -> p:81
         assert app_via_81: every path internet -> app where port in [80, 81] requires port in 81",
    );
    assert_eq!(c.status("p_reached_on_80"), Status::Proved);
    assert_eq!(c.status("p_reached_on_81"), Status::Proved);
    // app listens to everyone on 80, so a first hop on 80 straight to app breaks it.
    assert_eq!(c.status("app_via_81"), Status::Refuted);
    assert_eq!(c.hops("app_via_81"), ["internet->app:80"]);
}

#[test]
fn unknown_secrets_cannot_be_guessed() {
    let c = check(
        "secret token
         zone internet { addresses 1.0.0.0/8 }
         zone partner { addresses 2.0.0.0/8 knows token }
         service api { addresses 10.0.0.1 listen 443 on 443 { deny 401 unless header X-Token == token } }
         assert internet_blocked: no path internet -> api
         assert partner_allowed: path partner -> api",
    );
    assert_eq!(c.status("internet_blocked"), Status::Proved);
    assert_eq!(c.status("partner_allowed"), Status::Proved);
}

#[test]
fn literal_header_values() {
    let c = check(
        r#"zone internet { addresses 1.0.0.0/8 }
         service api { addresses 10.0.0.1 listen 443 on 443 { deny 401 unless header X-Mode == "debug" } }
         assert reachable_with_literal: path internet -> api
         assert blocked: no path internet -> api where header X-Mode != "debug""#,
    );
    assert_eq!(c.status("reachable_with_literal"), Status::Proved);
    assert_eq!(c.status("blocked"), Status::Proved);
    let t = c.trace("reachable_with_literal");
    assert_eq!(format!("{:?}", t.request.headers[0]), r#"Text("debug")"#);
}

/// A proxy sends the request round a loop that adds a header, and the second
/// visit forwards where the first could not: a checker following simple
/// node paths, or unrolling too few hops, misses it.
#[test]
fn header_edits_through_a_cycle() {
    let c = check(
        "secret loop_token
         zone internet { addresses 1.0.0.0/8 }
         proxy a {
           addresses 3.0.0.1
           listen 80 from [internet, b]
           on 80 {
             forward when header X-Loop == loop_token to vault:80 remove header X-Loop
             forward to b:80
           }
         }
         proxy b { addresses 3.0.0.2 listen 80 from a on 80 { forward to a:80 set header X-Loop = loop_token } }
         service vault { addresses 10.0.0.1 listen 80 from a }
         assert vault_closed: no path internet -> vault
         assert vault_open: path internet -> vault",
    );
    assert_eq!(c.status("vault_closed"), Status::Refuted);
    assert_eq!(c.status("vault_open"), Status::Proved);
    assert_eq!(
        c.hops("vault_open"),
        ["internet->a:80", "a->b:80", "b->a:80", "a->vault:80"]
    );
}

#[test]
fn except_and_egress() {
    let c = check(
        "let corp = 10.0.0.0/8
         zone office { addresses 10.1.0.0/16 }
         zone lab { addresses 10.99.0.0/16 }
         zone jail { addresses 10.1.5.0/24 egress to 10.50.0.0/16 ports 22 }
         service db { addresses 10.50.0.1 listen 5432 from corp except lab }
         service ssh { addresses 10.50.0.2 listen 22 from corp }
         assert lab_no_db: no connection lab -> db
         assert office_db: path office -> db
         assert jail_no_db: no connection jail -> db
         assert jail_ssh: path jail -> ssh",
    );
    assert_eq!(c.status("lab_no_db"), Status::Proved);
    assert_eq!(c.status("office_db"), Status::Proved);
    assert_eq!(c.status("jail_no_db"), Status::Proved);
    assert_eq!(c.status("jail_ssh"), Status::Proved);
}

#[test]
fn forwarded_hops_come_from_the_proxy_addresses() {
    let c = check(
        "zone internet { addresses 1.0.0.0/8 }
         proxy lb { addresses 10.0.1.0/24 listen 80 on 80 { forward to app:80 } }
         service app { addresses 10.0.2.1 listen 80 from 10.0.1.128/25 }
         assert via_lb: path internet -> app",
    );
    assert_eq!(c.status("via_lb"), Status::Proved);
    let t = c.trace("via_lb");
    assert!(t.hops[1].source >= u128::from(u32::from(std::net::Ipv4Addr::new(10, 0, 1, 128))));
}

#[test]
fn port_targets_and_where_on_the_first_port() {
    let c = check(
        "let vpc = 10.20.0.0/16
         zone internet { addresses 1.0.0.0/8 }
         zone inside { addresses vpc }
         service metrics { addresses 10.20.2.1 listen 9090 from vpc listen 53/udp }
         assert no_public_9090: no connection internet -> port 9090
         assert inside_9090: path inside -> port 9090
         assert dns_udp: path internet -> metrics:53/udp where port in 53/udp
         assert no_tcp_53: no connection internet -> metrics:53",
    );
    assert_eq!(c.status("no_public_9090"), Status::Proved);
    assert_eq!(c.status("inside_9090"), Status::Proved);
    assert_eq!(c.status("dns_udp"), Status::Proved);
    assert_eq!(c.status("no_tcp_53"), Status::Proved);
}

#[test]
fn opaque_checks_go_either_way() {
    let c = check(
        "zone internet { addresses 1.0.0.0/8 }
         proxy waf { addresses 3.0.0.1 listen 443 on 443 { deny 403 when opaque bad_ip forward to app:80 } }
         service app { addresses 10.0.0.1 listen 80 from waf }
         assert blocked_when_flagged: no path internet -> app where opaque bad_ip
         assert passes_otherwise: path internet -> app",
    );
    assert_eq!(c.status("blocked_when_flagged"), Status::Proved);
    assert_eq!(c.status("passes_otherwise"), Status::Proved);
    assert_eq!(c.trace("passes_otherwise").request.opaque, vec![false]);
}

#[test]
fn resource_limit_gives_unknown_never_proved() {
    let opts = Options {
        rlimit: Some(1),
        ..Options::default()
    };
    let c = check_with(
        // Both need the solver: `lb` forwards to `app`, but only `/api/*`
        // and only with the edge's header. (`no path internet -> metrics`
        // would not: a first hop from the internet into `lb` can only be on
        // port 80, so the block for 9090 is never reached.)
        &format!("{TIERED}\nassert only_api: no path internet -> app where path in /admin/*\nassert api: path internet -> app"),
        &opts,
    );
    for v in &c.verdicts {
        assert_eq!(v.status, Status::Unknown);
        let reason = v.reason.as_deref().unwrap_or_default();
        assert!(reason.contains("resource limit 1"), "reason: {reason}");
    }
}

#[test]
fn verdicts_do_not_depend_on_declaration_order() {
    let forward = tiered(
        "assert a: no path internet -> app
         assert b: path internet -> metrics
         assert c: every path internet -> app via edge",
    );
    // The same policy, statements reversed.
    let mut stmts: Vec<String> = Vec::new();
    let text = format!(
        "{TIERED}\nassert a: no path internet -> app\nassert b: path internet -> metrics\nassert c: every path internet -> app via edge"
    );
    let mut current = String::new();
    for line in text.lines() {
        let starts = ["let ", "secret ", "zone ", "proxy ", "service ", "assert "]
            .iter()
            .any(|k| line.starts_with(k));
        if starts && !current.is_empty() {
            stmts.push(std::mem::take(&mut current));
        }
        current.push_str(line);
        current.push('\n');
    }
    stmts.push(current);
    stmts.reverse();
    let backward = check(&stmts.concat());
    for name in ["a", "b", "c"] {
        assert_eq!(forward.status(name), backward.status(name), "{name}");
    }
}

/// Two header-setting loops one after the other: the journey visits `a`
/// twice and `c` three times, and needs every visit.
#[test]
fn two_loops_in_a_row() {
    let c = check(
        "secret t1
         secret t2
         zone internet { addresses 1.0.0.0/8 }
         proxy a {
           addresses 3.0.0.1
           listen 80 from [internet, b]
           on 80 { forward when header X == t1 to c:80 forward to b:80 }
         }
         proxy b { addresses 3.0.0.2 listen 80 from a on 80 { forward to a:80 set header X = t1 } }
         proxy c {
           addresses 3.0.0.3
           listen 80 from [a, d, e]
           on 80 { forward when header Y == t2 to vault:80 forward when header Z == t2 to d:80 forward to e:80 }
         }
         proxy d { addresses 3.0.0.4 listen 80 from c on 80 { forward to c:80 set header Y = t2 } }
         proxy e { addresses 3.0.0.5 listen 80 from c on 80 { forward to c:80 set header Z = t2 } }
         service vault { addresses 10.0.0.1 listen 80 from c }
         assert vault_open: path internet -> vault
         assert vault_closed: no path internet -> vault",
    );
    assert_eq!(c.status("vault_open"), Status::Proved);
    assert_eq!(c.status("vault_closed"), Status::Refuted);
    assert_eq!(
        c.hops("vault_open"),
        [
            "internet->a:80",
            "a->b:80",
            "b->a:80",
            "a->c:80",
            "c->e:80",
            "e->c:80",
            "c->d:80",
            "d->c:80",
            "c->vault:80"
        ]
    );
}

/// Dual stack: a hop stays in its source's family, egress is judged on the
/// target's addresses of that family, and a proxy may forward from either
/// of its families. Counterexamples show IPv6 sources compressed.
#[test]
fn dual_stack_families() {
    let c = check(
        "zone z { addresses [203.0.113.0/24, 2001:db8:1::/48] egress to 10.0.0.0/8 }
         zone z6 { addresses 2001:db8:2::/48 }
         proxy p { addresses [10.9.0.0/24, fd00:9::/64] listen 443 from ::/0 on 443 { forward to v4only:80 } }
         service s { addresses [10.1.0.0/24, fd00:1::/64] listen 80 }
         service v4only { addresses 10.2.0.0/24 listen 80 from p }
         assert v6_blocked_by_egress: no connection z -> s where source in ::/0
         assert v4_open: no connection z -> s where source in 0.0.0.0/0
         assert v6_reaches_v4_only_through_p: every path z6 -> v4only via p
         assert proxy_changes_family: path z6 -> v4only
         assert v6_open: no connection z6 -> s",
    );
    assert_eq!(c.status("v6_blocked_by_egress"), Status::Proved);
    assert_eq!(c.status("v4_open"), Status::Refuted);
    assert_eq!(c.status("v6_reaches_v4_only_through_p"), Status::Proved);
    assert_eq!(c.status("proxy_changes_family"), Status::Proved);
    assert_eq!(
        c.hops("proxy_changes_family"),
        ["z6->p:443", "p->v4only:80"]
    );
    assert_eq!(c.status("v6_open"), Status::Refuted);
    let t = c.trace("v6_open");
    let shown = stargate_verify::report::story::addr(t.request.source);
    assert!(shown.starts_with("2001:db8:2:"), "{shown}");
    assert!(!shown.contains(":0:0:"), "not compressed: {shown}");
}

/// Groups admit their members whatever their addresses: two nodes in one
/// subnet are told apart; egress to a group reaches its members.
#[test]
fn groups_admit_members_by_identity() {
    let c = check(
        "group alb_sg
         group app_sg
         zone internet { addresses any except 10.0.0.0/8 }
         proxy alb {
           addresses 10.20.101.0/24
           member alb_sg
           listen 443 tls from internet
           on 443 { forward to app:8080 }
         }
         service app { addresses 10.20.1.0/24 member app_sg listen 8080 from alb_sg }
         service twin { addresses 10.20.101.0/24 }
         service worker { addresses 10.20.2.0/24 egress to app_sg ports 8080 }
         service other { addresses 10.20.3.0/24 listen 8080 }
         assert twin_refused: no connection twin -> app
         assert alb_admitted: path internet -> app
         assert worker_egress_reaches_only_members: no connection worker -> other
         assert internet_only_through_alb: every path internet -> app via alb",
    );
    // `twin` has the ALB's addresses but is not a member.
    assert_eq!(c.status("twin_refused"), Status::Proved);
    assert_eq!(c.status("alb_admitted"), Status::Proved);
    let t = c.trace("alb_admitted");
    assert!(
        t.hops[1].member.is_some(),
        "the second hop is admitted as a member"
    );
    assert_eq!(
        c.status("worker_egress_reaches_only_members"),
        Status::Proved
    );
    assert_eq!(c.status("internet_only_through_alb"), Status::Proved);
}

/// Exposure bounds every hop into a node, whatever its listen lines say,
/// and a refutation names the line that let its source through.
#[test]
fn exposure_bounds_hops_whatever_listen_says() {
    let c = check(
        "let vpc = [10.20.0.0/16, fd00:20::/48]
         zone internet { addresses any except vpc }
         proxy lb { addresses 10.20.101.0/24 listen 443 on 443 { forward to db:5432 } }
         service app { addresses 10.20.1.0/24 }
         service db { addresses 10.20.9.0/24 reachable from vpc listen 5432 from any }
         assert db_private: no connection internet -> db where source in 0.0.0.0/0
         assert db_through_lb: every path internet -> db via lb
         assert app_reaches_db: no connection app -> db",
    );
    assert_eq!(c.status("db_private"), Status::Refuted);
    assert_eq!(c.hops("db_private"), ["internet->lb:443", "lb->db:5432"]);
    assert_eq!(c.status("db_through_lb"), Status::Proved);
    assert_eq!(c.status("app_reaches_db"), Status::Refuted);
    assert!(c.trace("app_reaches_db").hops[0].exposure.is_some());
}

/// A forward with several targets may go to any of them; the witness to
/// each names the same rule.
#[test]
fn forward_to_several_targets() {
    let c = check(
        "zone internet { addresses any except 10.0.0.0/8 }
         proxy lb {
           addresses 10.20.101.0/24
           listen 443 from internet
           on 443 { forward to a:8080, b:9090 }
         }
         service a { addresses 10.20.1.0/24 listen 8080 from lb }
         service b { addresses 10.20.2.0/24 listen 9090 from lb }
         service c { addresses 10.20.3.0/24 listen 8080 from lb }
         assert to_a: path internet -> a
         assert to_b: path internet -> b:9090
         assert not_c: no path internet -> c",
    );
    assert_eq!(c.status("to_a"), Status::Proved);
    assert_eq!(c.status("to_b"), Status::Proved);
    assert_eq!(c.hops("to_b"), ["internet->lb:443", "lb->b:9090"]);
    assert_eq!(c.trace("to_a").hops[1].rule, c.trace("to_b").hops[1].rule);
    assert_eq!(c.status("not_c"), Status::Proved);
}

/// A database subnet behind a stateless ACL: the request gets in, and the
/// reply must get out to a client port 1024-65535.
fn acl_db(outbound: &str) -> String {
    format!(
        "acl db_acl covers 10.0.2.0/24 {{
  inbound 100 allow 5432 from 10.0.1.0/24
  {outbound}
}}
service app {{ addresses 10.0.1.10 }}
service db {{ addresses 10.0.2.10 listen 5432 }}
assert reaches: path app -> db:5432
assert isolated: no connection app -> db
"
    )
}

#[test]
fn acl_reply_must_pass_too() {
    // Replies allowed: connected, and the trace names both entries.
    let open = check(&acl_db("outbound 100 allow 1024-65535 to 10.0.1.0/24"));
    assert_eq!(open.status("reaches"), Status::Proved);
    assert_eq!(open.status("isolated"), Status::Refuted);
    let hop = &open.trace("isolated").hops[0];
    let passage = hop
        .acl
        .as_ref()
        .expect("the hop says how it passed the ACL");
    let acl = &open.policy.acls[0];
    let names = |ds: &[stargate_verify::model::acl::Decision]| -> Vec<u32> {
        ds.iter()
            .map(|d| acl.entry(d).map_or(0, |e| e.number))
            .collect()
    };
    assert_eq!(names(&passage.request), [100]);
    assert_eq!(names(&passage.reply), [100]);
    assert!(passage.reply_port.is_some_and(|p| key_port(p) >= 1024));

    // The request is allowed and the reply denied: the refuted connection
    // becomes a proved isolation.
    let dropped = check(&acl_db(
        "outbound 100 deny 1024-65535 to 10.0.1.0/24\n  outbound 200 allow any to any",
    ));
    assert_eq!(dropped.status("reaches"), Status::Refuted);
    assert_eq!(dropped.status("isolated"), Status::Proved);
    // The proof says why: without the ACL a request gets through, and its
    // replies meet the deny of outbound entry 100.
    let example = dropped
        .get("isolated")
        .acl_example
        .as_ref()
        .expect("an example");
    let passage = example.hops[0].acl.as_ref().expect("a passage");
    assert!(passage.request.iter().all(|d| d.allowed));
    assert_eq!(passage.reply_port, None);
    let stopper = dropped.policy.acls[0]
        .entry(&passage.reply[0])
        .map(|e| e.number);
    assert_eq!(stopper, Some(100));
    assert!(!passage.reply[0].allowed);

    // No outbound entry at all: the implicit deny drops every reply.
    let implicit = check(&acl_db(""));
    assert_eq!(implicit.status("isolated"), Status::Proved);
    let example = implicit
        .get("isolated")
        .acl_example
        .as_ref()
        .expect("an example");
    let reply = &example.hops[0].acl.as_ref().expect("a passage").reply;
    assert_eq!(reply.len(), 1);
    assert_eq!(reply[0].entry, None, "the implicit deny");

    // One ephemeral port is enough, and a reply keeps its request's protocol.
    let narrow = check(&acl_db("outbound 100 allow 40000-40010 to 10.0.1.0/24"));
    assert_eq!(narrow.status("isolated"), Status::Refuted);
    let udp_only = check(&acl_db("outbound 100 allow 1024-65535/udp to any"));
    assert_eq!(udp_only.status("isolated"), Status::Proved);
}

#[test]
fn acl_entries_go_by_number_not_by_line() {
    let src = "acl web_acl covers 10.0.2.0/24 {
  inbound 200 allow 443 from any
  inbound 100 deny 443 from 10.0.1.0/24
  outbound 100 allow any to any
}
zone office { addresses 10.0.1.0/24 }
zone partner { addresses 10.0.9.0/24 }
service web { addresses 10.0.2.10 listen 443 }
assert office_out: no connection office -> web
assert partner_out: no connection partner -> web
";
    let c = check(src);
    // Entry 100 is evaluated first, though written second.
    assert_eq!(c.status("office_out"), Status::Proved);
    assert_eq!(c.status("partner_out"), Status::Refuted);
    let passage = c.trace("partner_out").hops[0].acl.clone().expect("passage");
    let entry = c.policy.acls[0]
        .entry(&passage.request[0])
        .map(|e| e.number);
    assert_eq!(entry, Some(200));
}

#[test]
fn acl_filters_only_traffic_that_crosses_it() {
    // Both ends covered: the packets stay inside, whatever the entries say.
    let src = "acl tight covers 10.0.0.0/16 {
  inbound 100 deny any from any
}
acl wide covers [10.0.2.0/24, 10.9.0.0/16] {
  outbound 100 allow any to any
  inbound 100 allow any from any
}
service app { addresses 10.0.1.10 }
service db { addresses 10.0.2.10 listen 5432 }
zone outside { addresses 10.9.0.0/16 }
assert inside: no connection app -> db
assert from_outside: no connection outside -> db
";
    let c = check(src);
    assert_eq!(c.status("inside"), Status::Refuted);
    // `outside` crosses `tight` (it is not covered by it), whose implicit
    // and explicit denies drop the request; `wide` covers both ends.
    assert_eq!(c.status("from_outside"), Status::Proved);
}

#[test]
fn acl_sees_the_proxy_address_a_hop_comes_from() {
    // The proxy forwards from one of its own addresses, of either family:
    // only its upper IPv4 half gets through the ACL, which is enough, also
    // for a request that started in IPv6.
    let src = "acl db_acl covers [10.0.2.0/24, fd00:2::/32] {
  inbound 100 allow 5432 from 10.0.1.128/25
  outbound 100 allow 1024-65535 to any
}
zone internet { addresses [203.0.113.0/24, 2001:db8::/32] }
proxy lb {
  addresses [10.0.1.0/24, fd00:1::/32]
  listen 80 from internet
  on 80 { forward to db:5432 }
}
service db { addresses [10.0.2.10, fd00:2::10] listen 5432 }
assert through_lb: no path internet -> db
assert v6_only: no path internet -> db where source in 2001:db8::/32
";
    let c = check(src);
    assert_eq!(c.status("through_lb"), Status::Refuted);
    let hops = &c.trace("through_lb").hops;
    assert_eq!(hops.len(), 2);
    assert!(
        hops[1].source >= stargate_verify::model::address::v4_key("10.0.1.128".parse().unwrap())
    );
    assert_eq!(c.status("v6_only"), Status::Refuted);
    let v6 = &c.trace("v6_only").hops;
    assert!(v6[1].source >= stargate_verify::model::address::v4_key("10.0.1.128".parse().unwrap()));
    assert!(v6[1].source < stargate_verify::model::address::v4_key("10.0.2.0".parse().unwrap()));
}

/// Wildcards anywhere in a glob, as ALB listener rules write them: `?` is
/// exactly one character, `*` any run (a `/` included).
#[test]
fn wildcard_globs_proved_and_refuted() {
    let c = check(
        "zone internet { addresses any except 10.0.0.0/8 }
         proxy lb {
           addresses 10.20.101.0/24
           listen 443 from internet
           on 443 {
             deny 403 when path in [/api/v?/admin/*, /*.php]
             forward when path in /api/v?/* to app:8080
           }
         }
         service app { addresses 10.20.1.0/24 listen 8080 from lb }
         assert admin_hidden: no path internet -> app where path in /api/v?/admin/*
         assert php_hidden:   no path internet -> app where path in /*.php
         assert v10_dropped:  no path internet -> app where path in /api/v10/*
         assert deep_admin:   no path internet -> app where path in /api/*/admin/*
         assert v2_served:    path internet -> app where path in /api/v2/*",
    );
    assert_eq!(c.status("admin_hidden"), Status::Proved);
    assert_eq!(c.status("php_hidden"), Status::Proved);
    // `v?` takes one character, so `/api/v10/x` matches no forward.
    assert_eq!(c.status("v10_dropped"), Status::Proved);
    // `/api/v1/x/admin/` matches `/api/*/admin/*` and the forward, not the deny.
    assert_eq!(c.status("deep_admin"), Status::Refuted);
    let path = &c.trace("deep_admin").request.path;
    let m = |p: &str| stargate_verify::model::pattern::wildcard_match(p, path, false);
    assert!(m("/api/*/admin/*") && m("/api/v?/*"), "{path}");
    assert!(!m("/api/v?/admin/*") && !m("/*.php"), "{path}");
    assert_eq!(c.status("v2_served"), Status::Proved);
    assert!(c.trace("v2_served").request.path.starts_with("/api/v2/"));
}

/// Header value patterns are case-insensitive and `host in` tests the Host
/// header; a literal is judged by its text, a secret by what the
/// counterexample takes it to match (its value is unknown).
#[test]
fn value_patterns_and_hosts_proved_and_refuted() {
    let c = check(
        r#"zone internet { addresses any except [10.0.0.0/8, 192.0.2.0/24] }
           secret partner_key
           zone partner { addresses 192.0.2.0/24 knows partner_key }
           proxy alb {
             addresses 10.0.0.0/24
             listen 443 from [internet, partner]
             on 443 {
               deny 403 when header User-Agent matches ["*curl*", "*wget*"]
               forward when host in [api.example.com, *.api.example.com] to api:8080
               forward when header X-Key matches "pk-*" to api:9090
             }
           }
           service api { addresses 10.0.1.0/24 listen [8080, 9090] from alb }
           assert no_curl:    no path internet -> api where header User-Agent == "Mozilla CURL/8"
           assert other_host: no path internet -> api:8080 where host not in [api.example.com, *.example.com]
           assert sub_host:   no path internet -> api:8080 where host in V1.API.example.COM
           assert no_key:     no path internet -> api:9090
           assert by_key:     no path partner -> api:9090 where header X-Key == partner_key"#,
    );
    // "Mozilla CURL/8" matches `*curl*` in any case: denied.
    assert_eq!(c.status("no_curl"), Status::Proved);
    assert_eq!(c.status("other_host"), Status::Proved);
    assert_eq!(c.status("sub_host"), Status::Refuted);
    let t = c.trace("sub_host");
    let host = c
        .policy
        .headers
        .iter()
        .position(|h| h == "host")
        .expect("host");
    let ua = c
        .policy
        .headers
        .iter()
        .position(|h| h == "user-agent")
        .expect("ua");
    match &t.request.headers[host] {
        verify::HeaderText::Text(h) => {
            let m = |p: &str| stargate_verify::model::pattern::wildcard_match(p, h, true);
            assert!(m("*.api.example.com") && m("v1.api.example.com"), "{h}");
        }
        other => panic!("host {other:?}"),
    }
    if let verify::HeaderText::Text(v) = &t.request.headers[ua] {
        assert!(!v.to_ascii_lowercase().contains("curl"), "{v}");
    }
    // Only a header the internet can send opens 9090: any value like `pk-*`.
    assert_eq!(c.status("no_key"), Status::Refuted);
    // A partner may send its secret; the counterexample takes it to match
    // `pk-*` and says so.
    assert_eq!(c.status("by_key"), Status::Refuted);
    let t = c.trace("by_key");
    let line = stargate_verify::report::story::request_line(&c.policy, t);
    assert!(
        line.contains("secret partner_key is taken to match \"pk-*\""),
        "{line}"
    );
}

/// Query-string parameters take the tests headers take; no edit can change
/// them, and counterexamples show them as `key=value`.
#[test]
fn query_parameters_proved_and_refuted() {
    let c = check(
        r#"zone internet { addresses any except 10.0.0.0/8 }
           proxy alb {
             addresses 10.0.0.0/24
             listen 443 from internet
             on 443 {
               deny 403 when query debug present
               forward when query version matches "v?" to api:8080 set header X-V = "1"
             }
           }
           service api { addresses 10.0.1.0/24 listen 8080 from alb }
           assert no_debug:  no path internet -> api where query debug == "1"
           assert v10_kept:  no path internet -> api where query version == "v10"
           assert v2_served: no path internet -> api where query version == "V2""#,
    );
    assert_eq!(c.status("no_debug"), Status::Proved);
    // `v?` is two characters: `v10` is not forwarded.
    assert_eq!(c.status("v10_kept"), Status::Proved);
    // Patterns ignore case: `V2` matches `v?`.
    assert_eq!(c.status("v2_served"), Status::Refuted);
    let line = stargate_verify::report::story::request_line(&c.policy, c.trace("v2_served"));
    assert!(line.contains("query: debug absent, version=V2"), "{line}");
}

/// `opaque NAME = COND` means COND wherever the check is tested: the
/// verdicts are those of the policy with COND written in its place.
#[test]
fn a_declared_opaque_check_is_its_condition() {
    let body = |cond: &str, def: &str| {
        format!(
            "zone internet {{ addresses any except [10.0.0.0/8, 52.84.0.0/15] }}
             secret admin
             {def}
             proxy cdn {{
               addresses 52.84.0.0/15
               listen 443 tls from internet
               on 443 {{ deny 403 when {cond}  forward to app:80 }}
             }}
             service app {{ addresses 10.0.1.0/24  listen 80 from cdn }}
             assert guarded: every path internet -> app where path in /admin/* requires header X-Admin == admin
             assert open: no path internet -> app where path in /health
             assert any_admin: path internet -> app where path in /admin/*"
        )
    };
    let inline = "(path in /admin/* and header X-Admin != admin)";
    let declared = check(&body(
        "opaque edge_fn",
        &format!("opaque edge_fn = {inline}"),
    ));
    let written = check(&body(inline, ""));
    let undeclared = check(&body("opaque edge_fn", ""));
    for name in ["guarded", "open", "any_admin"] {
        assert_eq!(declared.status(name), written.status(name), "{name}");
    }
    assert_eq!(declared.status("guarded"), Status::Proved);
    // Without the declaration the check may go either way: not proved.
    assert_eq!(undeclared.status("guarded"), Status::Refuted);
    assert_eq!(declared.policy.definitions.len(), 1);
    assert!(declared.policy.opaques.is_empty());
}
