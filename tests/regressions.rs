//! Wrong verdicts found by independent testing, each kept as its minimal
//! case. The generators of `tests/differential.rs` were widened so that they
//! produce each shape too (see the comments there).

use stargate_verify::diff;
use stargate_verify::model::CheckedPolicy;
use stargate_verify::verify::{self, interp, Options, Status};

fn model(src: &str) -> CheckedPolicy {
    let analysis = stargate_verify::analyze(src);
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "policy has errors: {errors:#?}");
    analysis.model.expect("checked model")
}

/// Each assertion's verdict, checked against brute force as well.
fn verdicts(src: &str) -> Vec<(String, Status)> {
    let m = model(src);
    verify::verify(&m, &Options::default())
        .into_iter()
        .map(|v| {
            let a = &m.assertions[v.assertion];
            let hit = interp::exhaustive(&m, a, 1_000_000)
                .expect("small enough to enumerate")
                .is_some();
            let expected = if (a.kind.as_str() == "path") == hit {
                Status::Proved
            } else {
                Status::Refuted
            };
            assert_eq!(v.status, expected, "{}: brute force disagrees", a.name);
            (a.name.clone(), v.status)
        })
        .collect()
}

fn status_of(src: &str, name: &str) -> Status {
    verdicts(src)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, s)| s)
        .unwrap_or_else(|| panic!("no assertion {name}"))
}

/// The hop back into `p` is plaintext only from the lower half of `p`'s
/// addresses, while the rule that leaves for `t` needs the upper half: one
/// source per state could not hold both, and `encrypted` was proved.
#[test]
fn encrypted_through_a_self_loop_with_tls_split_by_sender() {
    let src = "zone z { addresses 203.0.113.0/24 }
        proxy p {
          addresses 10.9.0.0/24
          listen 80 tls from z
          listen 80 from 10.9.0.0/25
          listen 80 tls from 10.9.0.128/25
          on 80 {
            forward when source in [z, 10.9.0.0/25] to p:80
            forward to t:90 tls
          }
        }
        service t { addresses 10.7.0.0/24 listen 90 tls from p }
        assert enc: every path z -> t encrypted";
    assert_eq!(status_of(src, "enc"), Status::Refuted);
}

#[test]
fn encrypted_through_a_loop_of_two_proxies() {
    let src = "zone z { addresses 203.0.113.0/24 }
        proxy p {
          addresses 10.9.0.0/24
          listen 443 tls from z
          listen 81 tls from b
          on 443 { forward to b:80 }
          on 81 { forward to b:80 }
        }
        proxy b {
          addresses 10.8.0.0/24
          listen 80 from 10.9.0.0/25
          listen 80 tls from 10.9.0.128/25
          on 80 {
            forward when source in 10.9.0.0/25 to p:81
            forward to t:90
          }
        }
        service t { addresses 10.7.0.0/24 listen 90 tls from b }
        assert enc: every path z -> t encrypted";
    assert_eq!(status_of(src, "enc"), Status::Refuted);
}

/// The same shape where the plaintext line is not reachable from the loop:
/// still proved.
#[test]
fn encrypted_loop_without_a_plaintext_way_stays_proved() {
    let src = "zone z { addresses 203.0.113.0/24 }
        proxy p {
          addresses 10.9.0.0/24
          listen 80 tls from z
          listen 80 from 10.8.0.0/25
          listen 80 tls from 10.9.0.128/25
          on 80 {
            forward when source in [z, 10.9.0.0/25] to p:80
            forward to t:90 tls
          }
        }
        service t { addresses 10.7.0.0/24 listen 90 tls from p }
        assert enc: every path z -> t encrypted";
    assert_eq!(status_of(src, "enc"), Status::Proved);
}

/// A node whose addresses are empty neither receives hops nor starts requests.
#[test]
fn nodes_without_addresses_receive_and_send_nothing() {
    let src = "zone z { addresses 203.0.113.0/24 }
        service v { addresses 10.1.0.0/16 except 10.0.0.0/8  listen 80 }
        zone nowhere { addresses 10.1.0.0/16 except 10.0.0.0/8 }
        service w { addresses 10.2.0.0/16 listen 80 }
        assert closed: no connection z -> v
        assert open: path z -> v
        assert silent: no connection nowhere -> w
        assert silent_any: no connection nowhere -> port any";
    assert_eq!(status_of(src, "closed"), Status::Proved);
    assert_eq!(status_of(src, "open"), Status::Refuted);
    assert_eq!(status_of(src, "silent"), Status::Proved);
    assert_eq!(status_of(src, "silent_any"), Status::Proved);
}

/// The egress line of `z` reads the same in both versions, but in HEAD it
/// covers `b`'s new addresses: `GET /rare` goes straight to `b`, which the
/// proxy denied in BASE. The route exclusion trusted the line's text.
#[test]
fn diff_sees_an_egress_line_that_now_covers_the_target() {
    let base = "zone z { addresses 203.0.113.0/24 egress to [10.1.0.0/24, 10.9.0.0/24] }
        proxy p { addresses 10.9.0.0/24 listen 80 from z on 80 { deny when path in /rare forward to b:80 } }
        service b { addresses 10.2.0.0/24 listen 80 from [z, p] egress to 10.255.255.255/32 }";
    let head = base.replace(
        "service b { addresses 10.2.0.0/24",
        "service b { addresses 10.1.0.0/24",
    );
    let d = diff::diff(&model(base), &model(&head), &Options::default());
    assert!(d.undecided.is_empty(), "{:?}", d.undecided);
    let opened: Vec<_> = d
        .opened
        .iter()
        .map(|f| {
            (
                f.from.as_str(),
                f.to.as_str(),
                f.witness.request.path.as_str(),
            )
        })
        .collect();
    assert_eq!(opened, [("z", "b", "/rare")]);
    assert!(d.closed.is_empty());
}

/// The codes of the errors `analyze` reports, run on a thread with the
/// stack a spawned thread gets by default (2 MiB: a test's, an editor's
/// worker); in a debug build, whose frames are larger than a release
/// build's.
fn error_codes_on_a_small_stack(text: String) -> Vec<&'static str> {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let analysis = stargate_verify::analyze(&text);
            let verdicts = analysis
                .model
                .as_ref()
                .map(|m| verify::verify(m, &Options::default()).len());
            let codes: Vec<&'static str> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.code)
                .collect();
            assert_eq!(verdicts.is_some(), codes.is_empty());
            codes
        })
        .expect("thread")
        .join()
        .expect("no stack overflow")
}

fn nots(n: usize) -> String {
    format!(
        "zone z {{ addresses 10.0.0.0/8 }}\nservice s {{ addresses 11.0.0.1 listen 80 on 80 {{ deny when {}header X present }} }}\nassert a: no path z -> s\n",
        "not ".repeat(n)
    )
}

fn excepts(n: usize) -> String {
    format!(
        "zone z {{ addresses 10.0.0.0/8 {}}}\nservice s {{ addresses 11.0.0.1 listen 80 }}\nassert a: no path z -> s\n",
        "except 10.0.0.1 ".repeat(n)
    )
}

fn lets(n: usize) -> String {
    let mut t = String::from("zone z { addresses l0 }\n");
    for i in 0..n {
        t.push_str(&format!("let l{i} = l{}\n", i + 1));
    }
    t.push_str(&format!(
        "let l{n} = 10.0.0.0/8\nservice s {{ addresses 11.0.0.1 listen 80 }}\nassert a: no path z -> s\n"
    ));
    t
}

fn zones(n: usize) -> String {
    let mut t = String::new();
    for i in 0..n {
        t.push_str(&format!("zone z{i} {{ addresses z{} }}\n", i + 1));
    }
    t.push_str(&format!(
        "zone z{n} {{ addresses 10.0.0.0/8 }}\nservice s {{ addresses 11.0.0.1 listen 80 }}\nassert a: no path z0 -> s\n"
    ));
    t
}

/// Chains of `not`, `except`, `let` and node names, at the limit, just past
/// it and at the sizes that overflowed the stack (35,000 `not`s, 52,000
/// `except`s, 21,000 `let`s, 12,500 zones): a verdict or a located error,
/// never a crash.
#[test]
fn long_chains_get_a_verdict_or_a_located_error() {
    use stargate_verify::model::MAX_ADDR_DEPTH;
    use stargate_verify::syntax::MAX_CHAIN;
    let ok: Vec<&str> = Vec::new();
    let parse = ["stargate::parse::too_deep"];
    let model = ["stargate::model::too_deep"];
    // How to make a chain of n, the longest accepted, a huge one, the error past it.
    type Chain = (fn(usize) -> String, usize, usize, [&'static str; 1]);
    let cases: [Chain; 4] = [
        (nots, MAX_CHAIN, 35_000, parse),
        (excepts, MAX_CHAIN, 52_000, parse),
        // `l0`'s set names `l1`, which names `l2`, ...: one level each, and
        // the last one's CIDR is the deepest.
        (lets, MAX_ADDR_DEPTH - 1, 21_000, model),
        (zones, MAX_ADDR_DEPTH - 1, 12_500, model),
    ];
    for (make, limit, huge, past) in cases {
        assert_eq!(error_codes_on_a_small_stack(make(limit)), ok, "at {limit}");
        for n in [limit + 1, huge] {
            assert_eq!(error_codes_on_a_small_stack(make(n)), past, "at {n}");
        }
    }
}

/// The error points at the first `not` past the limit.
#[test]
fn a_too_long_not_chain_is_located() {
    let text = nots(200);
    let analysis = stargate_verify::analyze(&text);
    let d = analysis
        .diagnostics
        .iter()
        .find(|d| d.code == "stargate::parse::too_deep")
        .expect("too_deep");
    let first_not = text.find("not ").expect("a not");
    assert_eq!(
        d.span.start,
        first_not + 4 * stargate_verify::syntax::MAX_CHAIN
    );
}

/// `check` and `diff` exit 2 with the code on the command line too.
#[test]
fn long_chains_exit_2_from_check_and_diff() {
    let dir = std::env::temp_dir().join(format!("stargate-chains-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("lets.sg");
    std::fs::write(&file, lets(21_000)).expect("write");
    let f = file.to_str().expect("utf-8 path");
    for args in [vec!["check", f], vec!["diff", f, f]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(text.contains("stargate::model::too_deep"), "{text}");
    }
}

/// Options under which z3 can decide nothing: whatever gets a verdict was
/// decided before the solver.
fn no_solver() -> Options {
    Options {
        rlimit: Some(1),
        ..Options::default()
    }
}

fn verdict_with(src: &str, opts: &Options) -> verify::Verdict {
    let m = model(src);
    verify::verify(&m, opts).remove(0)
}

/// Interval arithmetic alone decides it: every odd port is open, every even
/// one asked about. It was `unknown` after 31 s.
#[test]
fn port_sets_that_cannot_meet_are_decided_without_the_solver() {
    let odd: Vec<String> = (1..65536).step_by(2).map(|p| p.to_string()).collect();
    let even: Vec<String> = (2..65536).step_by(2).map(|p| p.to_string()).collect();
    let src = format!(
        "zone z {{ addresses 203.0.113.0/24 }}\nservice v {{ addresses 10.1.0.0/16 listen [{}] }}\nassert a: no connection z -> v:[{}]\n",
        odd.join(", "),
        even.join(", ")
    );
    assert_eq!(verdict_with(&src, &no_solver()).status, Status::Proved);
}

/// A one-hop counterexample among many services is found without the
/// solver (it was `unknown` after 34 s with 100,000 services).
#[test]
fn a_one_hop_violation_is_found_without_the_solver() {
    let mut src = String::from("zone z { addresses 203.0.113.0/24 }\n");
    for i in 0..5_000u32 {
        src.push_str(&format!(
            "service s{i} {{ addresses 10.{}.{}.{} listen 22 }}\n",
            i >> 16,
            (i >> 8) & 255,
            i & 255
        ));
    }
    src.push_str("assert a: no connection z -> port 22\n");
    let v = verdict_with(&src, &no_solver());
    assert_eq!(v.status, Status::Refuted);
    assert_eq!(v.trace.expect("counterexample").hops.len(), 1);
}

fn header_loop(read: bool) -> String {
    let rules: Vec<String> = (0..20)
        .map(|i| {
            let also = if read {
                format!(" and header H{i} absent")
            } else {
                String::new()
            };
            format!("    forward when opaque o{i}{also} to p:80 set header H{i} = \"v\"")
        })
        .collect();
    format!(
        "zone z {{ addresses 203.0.113.0/24 }}
proxy p {{
  addresses 10.9.0.0/24
  listen 80
  on 80 {{
{}
    forward to t:90
  }}
}}
service t {{ addresses 10.7.0.0/24 listen 90 from p on 90 {{ deny when header K absent }} }}
assert loop: no path z -> t where header K absent
",
        rules.join("\n")
    )
}

/// Identical versions need no solver and no exploration: even the policy
/// whose states multiply compares in no time.
#[test]
fn identical_versions_cost_nothing() {
    let opts = Options {
        timeout: std::time::Duration::from_millis(200),
        ..Options::default()
    };
    let m = model(&header_loop(true));
    let started = std::time::Instant::now();
    let d = diff::diff(&m, &m, &opts);
    assert!(d.is_empty(), "{d:?}");
    assert!(started.elapsed() < std::time::Duration::from_millis(100));
}

/// Headers that no rule reads do not multiply the states: a proxy looping
/// on itself setting 20 of them hit the 200,000-state cap.
#[test]
fn headers_no_rule_reads_do_not_multiply_states() {
    let m = model(&header_loop(false));
    let graph = verify::states::build(&m, &m.assertions[0]);
    assert!(graph.states.len() < 10, "{} states", graph.states.len());
    let v = verdict_with(&header_loop(false), &Options::default());
    assert_eq!(v.status, Status::Proved);
}

/// When the headers are read the states do multiply, and `--timeout` stops
/// the exploration rather than letting it run to the cap.
#[test]
fn the_time_limit_covers_state_exploration() {
    let opts = Options {
        timeout: std::time::Duration::from_millis(200),
        ..Options::default()
    };
    let v = verdict_with(&header_loop(true), &opts);
    assert_eq!(v.status, Status::Unknown);
    // Not the state cap, which takes many seconds to reach.
    let reason = v.reason.unwrap_or_default();
    assert!(reason.contains("while exploring"), "{reason}");
}

/// For `diff`, `--timeout` bounds the whole run: pairs left when it runs out
/// are undecided, and say why. (The proxy's rules change, so every pair
/// into the loop is compared again.)
#[test]
fn the_time_limit_bounds_a_whole_diff() {
    let opts = Options {
        timeout: std::time::Duration::from_millis(200),
        ..Options::default()
    };
    let m = model(&header_loop(true));
    let edited = model(
        &header_loop(true).replace("forward to t:90", "forward to t:90 set header K = \"k\""),
    );
    let d = diff::diff(&m, &edited, &opts);
    assert!(!d.undecided.is_empty());
    assert!(
        d.undecided.iter().all(|u| u.reason.contains("time limit")),
        "{:?}",
        d.undecided
    );
}

/// Sources that behave alike toward a target are compared once (see
/// `diff/sources.rs`); one whose addresses straddle a set the target's
/// listen line reads is not alike, even when the first source compared
/// reaches nothing. A planted bug that let `b` share `c`'s answer missed the
/// opened flow `b -> t`.
#[test]
fn a_source_straddling_a_listen_set_is_compared_on_its_own() {
    let base = "zone c { addresses 10.3.0.0/24 }
zone b { addresses 10.2.0.0/24 }
zone a { addresses 10.1.0.0/24 }
service t { addresses 10.9.0.1 listen 80 from 10.1.0.0/24 }
";
    let head = base.replace("from 10.1.0.0/24", "from [10.1.0.0/24, 10.2.0.0/25]");
    let d = diff::diff(&model(base), &model(&head), &Options::default());
    let opened: Vec<(String, String)> = d
        .opened
        .iter()
        .map(|f| (f.from.clone(), f.to.clone()))
        .collect();
    assert_eq!(opened, vec![("b".to_string(), "t".to_string())], "{d:?}");
    let source = d.opened[0].witness.request.source;
    assert!(
        stargate_verify::model::address::display(source).starts_with("10.2.0."),
        "{source}"
    );
    assert!(d.closed.is_empty() && d.undecided.is_empty(), "{d:?}");
}

/// Many sources alike (same egress, addresses alike toward the target):
/// each still gets its own flow, with a witness from its own addresses.
#[test]
fn alike_sources_each_get_their_own_witness() {
    let mut base = String::new();
    for i in 0..5 {
        base.push_str(&format!("zone z{i} {{ addresses 10.{i}.0.0/24 }}\n"));
    }
    base.push_str("service t { addresses 192.168.9.1 listen 80 from 10.0.0.0/24 }\n");
    let head = base.replace("from 10.0.0.0/24", "from 10.0.0.0/8");
    let d = diff::diff(&model(&base), &model(&head), &Options::default());
    let mut got: Vec<(String, String)> = d
        .opened
        .iter()
        .map(|f| {
            (
                f.from.clone(),
                stargate_verify::model::address::display(f.witness.request.source),
            )
        })
        .collect();
    got.sort();
    assert_eq!(got.len(), 4, "{d:?}");
    for (i, (from, source)) in got.iter().enumerate() {
        assert_eq!(from, &format!("z{}", i + 1));
        assert!(source.starts_with(&format!("10.{}.0.", i + 1)), "{source}");
    }
    for f in &d.opened {
        let a = &f.witness;
        assert_eq!(a.hops.first().map(|h| h.source), Some(a.request.source));
    }
}

/// Every bound at once: brackets, a `not` chain and an address chain as
/// deep as each may be, in one condition, on a small stack.
#[test]
fn all_nesting_bounds_at_once_fit_a_small_stack() {
    use stargate_verify::model::MAX_ADDR_DEPTH;
    use stargate_verify::syntax::{MAX_CHAIN, MAX_NESTING};
    let parens = MAX_NESTING - 3; // the node's and the block's braces count too
    let mut text = String::from("zone z { addresses 10.0.0.0/8 }\n");
    let lets = MAX_ADDR_DEPTH - 4;
    for i in 0..lets {
        text.push_str(&format!("let l{i} = l{}\n", i + 1));
    }
    text.push_str(&format!("let l{lets} = 10.1.0.0/16\n"));
    text.push_str(&format!(
        "service s {{ addresses 11.0.0.1 listen 80 on 80 {{ deny when {}{}source in l0{} }} }}\nassert a: no path z -> s\n",
        "(".repeat(parens),
        "not ".repeat(MAX_CHAIN),
        ")".repeat(parens)
    ));
    assert_eq!(error_codes_on_a_small_stack(text), Vec::<&str>::new());
}

/// An ACL of 10,000 entries, none of which lets the zone's requests in, is
/// checked and decided before the solver (the hops it drops are no states).
#[test]
fn ten_thousand_acl_entries_are_decided_without_the_solver() {
    let mut src = String::from("acl big covers 10.0.2.0/24 {\n");
    for i in 0..10_000u32 {
        src.push_str(&format!(
            "  inbound {} {} {} from 172.{}.{}.{}/28\n",
            i + 1,
            if i % 3 == 0 { "deny" } else { "allow" },
            1000 + i % 500,
            16 + i / 4096,
            (i / 16) % 256,
            (i % 16) * 16
        ));
    }
    src.push_str("  outbound 1 allow 1024-65535 to any\n}\n");
    src.push_str("zone z { addresses 203.0.113.0/24 }\n");
    src.push_str("service db { addresses 10.0.2.10 listen [1000-1499, 5432] }\n");
    src.push_str("assert a: no connection z -> db\n");
    assert_eq!(verdict_with(&src, &no_solver()).status, Status::Proved);
}

/// The shadowing lint of a direction of 500 entries (its exact check is
/// quadratic) finds the one entry hidden behind earlier ones.
#[test]
fn five_hundred_acl_entries_are_linted() {
    let mut src = String::from("acl big covers 10.0.2.0/24 {\n");
    for i in 0..499u32 {
        src.push_str(&format!(
            "  inbound {} allow {} from 172.16.{}.0/24\n",
            i + 1,
            1000 + i,
            i % 256
        ));
    }
    src.push_str("  inbound 500 deny 1000 from 172.16.0.0/24\n}\n");
    let diags = stargate_verify::analyze(&src).diagnostics;
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["stargate::model::acl_shadowed_entry"]);
}
