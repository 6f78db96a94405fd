//! A verdict told as a story: the request, each hop with the policy line
//! that let it through, how it ended, and where to fix it. Shared by the
//! human report, the editor server and the other formats.

use crate::diagnostic::Diagnostic;
use crate::model::{key_port, key_protocol, Assertion, Policy};
use crate::syntax::ast::PropertyKind;
use crate::verify::{Ending, HeaderText, Status, Trace, Verdict};
use crate::SourceText;

/// An address key as people write it (IPv6 compressed).
pub fn addr(a: crate::model::Addr) -> String {
    crate::model::address::display(a)
}

pub fn port(key: u32) -> String {
    format!("{}/{}", key_port(key), key_protocol(key).as_str())
}

pub fn header_text(policy: &Policy, v: &HeaderText) -> Option<String> {
    match v {
        HeaderText::Absent => None,
        HeaderText::Text(t) => Some(t.clone()),
        HeaderText::Secret(s) => Some(format!(
            "<secret:{}>",
            policy.secrets.get(*s).map_or("?", |s| s.name.as_str())
        )),
    }
}

/// What a counterexample assumes about secrets tested by value patterns:
/// a secret's value is unknown, so the request takes it to match some of
/// them (`Request::secrets`). One line per secret the journey carries.
pub fn secret_assumptions(policy: &Policy, t: &Trace) -> Vec<String> {
    let r = &t.request;
    let carried = |s: usize| {
        r.headers
            .iter()
            .chain(t.hops.iter().flat_map(|h| &h.headers))
            .any(|v| *v == HeaderText::Secret(s))
    };
    r.secrets
        .iter()
        .enumerate()
        .filter(|(s, _)| carried(*s))
        .map(|(s, stand_in)| {
            let matched: Vec<String> = policy
                .patterns
                .iter()
                .filter(|p| crate::model::pattern::wildcard_match(p, stand_in, true))
                .map(|p| format!("{p:?}"))
                .collect();
            let name = policy.secrets.get(s).map_or("?", |s| s.name.as_str());
            if matched.is_empty() {
                format!("secret {name} is taken to match none of the value patterns")
            } else {
                format!(
                    "secret {name} is taken to match {} and no other value pattern",
                    matched.join(", ")
                )
            }
        })
        .collect()
}

/// The property as written (`every path internet -> app via edge`), on one
/// line, without comments.
pub fn describe_assertion(src: &SourceText, a: &Assertion) -> String {
    property_text(src, a.span)
}

/// The property of the `assert` statement at `span`, as written, on one
/// line, without comments (also for statements that are not checked yet).
pub fn property_text(src: &SourceText, span: crate::span::Span) -> String {
    let text = src.text.get(span.start..span.end).unwrap_or("");
    one_line(text.split_once(':').map_or(text, |(_, p)| p))
}

/// Policy text on one line: comments dropped, whitespace runs collapsed.
pub fn one_line(text: &str) -> String {
    text.lines()
        .map(|l| crate::syntax::comment_start(l).map_or(l, |c| &l[..c]))
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The request in one line: `GET /key/x from 1.2.3.4 to port 443/tcp, headers: ...`.
pub fn request_line(policy: &Policy, t: &Trace) -> String {
    let r = &t.request;
    let mut headers: Vec<String> = Vec::new();
    let mut query: Vec<String> = Vec::new();
    for (h, v) in policy.headers.iter().zip(&r.headers) {
        match h.strip_prefix(crate::model::QUERY_PREFIX) {
            Some(key) => query.push(match header_text(policy, v) {
                None => format!("{key} absent"),
                Some(v) => format!("{key}={v}"),
            }),
            None => headers.push(match header_text(policy, v) {
                None => format!("{h} absent"),
                Some(v) => format!("{h}: {v}"),
            }),
        }
    }
    let opaque: Vec<String> = policy
        .opaques
        .iter()
        .zip(&r.opaque)
        .map(|(o, v)| format!("{o}={}", if *v { "fires" } else { "passes" }))
        .collect();
    let mut line = format!(
        "{} {} from {} to port {}",
        r.method,
        r.path,
        addr(r.source),
        port(r.port)
    );
    if !headers.is_empty() {
        line.push_str(&format!("; headers: {}", headers.join(", ")));
    }
    if !query.is_empty() {
        line.push_str(&format!("; query: {}", query.join(", ")));
    }
    if !opaque.is_empty() {
        line.push_str(&format!("; opaque checks: {}", opaque.join(", ")));
    }
    let assumed = secret_assumptions(policy, t);
    if !assumed.is_empty() {
        line.push_str(&format!("; {}", assumed.join("; ")));
    }
    line
}

/// One line per hop, with the lines of the policy that allowed it.
pub fn hop_lines(policy: &Policy, src: &SourceText, t: &Trace) -> Vec<String> {
    let name = |n: usize| policy.nodes.get(n).map_or("?", |n| n.name.as_str());
    t.hops
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let mut why = Vec::new();
            if let Some(r) = h.rule {
                why.push(format!("forward on {}", src.line_ref(r)));
            }
            if let Some(e) = h.egress {
                why.push(format!("egress {}", src.line_ref(e)));
            }
            match h.listen {
                Some(l) => why.push(format!("listen {}", src.line_ref(l))),
                None => why.push(format!("`{}` is a zone accepting everything", name(h.to))),
            }
            if let Some(r) = h.exposure {
                why.push(format!("reachable from {}", src.line_ref(r)));
            }
            if let Some(m) = h.member {
                why.push(format!(
                    "as a member of `{}` ({})",
                    src.text.get(m.start..m.end).unwrap_or("?"),
                    src.line_ref(m)
                ));
            }
            why.extend(acl_phrases(policy, src, h).into_iter().map(|(t, _)| t));
            format!(
                "{}. {} ({}) -> {}:{} {} [{}]",
                i + 1,
                name(h.from),
                addr(h.source),
                name(h.to),
                port(h.port),
                if h.tls { "tls" } else { "plaintext" },
                why.join(", ")
            )
        })
        .collect()
}

/// What one ACL decision reads like: `` `db_acl` inbound entry 100 (line 3) ``,
/// or its implicit deny; with the entry's span.
pub fn acl_decision(
    policy: &Policy,
    src: &SourceText,
    d: &crate::model::acl::Decision,
) -> (String, Option<crate::span::Span>) {
    let Some(acl) = policy.acls.get(d.acl) else {
        return ("an unknown ACL".into(), None);
    };
    match acl.entry(d) {
        Some(e) => (
            format!(
                "`{}` {} entry {} (line {})",
                acl.name,
                d.direction.as_str(),
                e.number,
                src.line(e.span)
            ),
            Some(e.span),
        ),
        None => (
            format!(
                "`{}` {} implicit deny (no entry matches)",
                acl.name,
                d.direction.as_str()
            ),
            None,
        ),
    }
}

/// How a hop's connection went through the ACLs, as phrases: the entries
/// that let the request and the reply through (or the one that dropped
/// them), with their spans. Empty when no ACL was crossed.
pub fn acl_phrases(
    policy: &Policy,
    src: &SourceText,
    h: &crate::verify::Hop,
) -> Vec<(String, Option<crate::span::Span>)> {
    let Some(p) = &h.acl else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in &p.request {
        let (text, span) = acl_decision(policy, src, d);
        let verb = if d.allowed { "passed" } else { "dropped by" };
        out.push((format!("request to {} {verb} {text}", addr(p.dest)), span));
        if !d.allowed {
            return out;
        }
    }
    for d in &p.reply {
        let (text, span) = acl_decision(policy, src, d);
        let to = match p.reply_port {
            Some(k) => format!("reply to port {}", port(k)),
            // The reply shown is the one to the lowest client port.
            None => format!(
                "no reply to a client port 1024-65535 passes; the one to port {}",
                port(crate::model::port_key(
                    key_protocol(h.port),
                    crate::model::acl::EPHEMERAL.0
                ))
            ),
        };
        let verb = match (d.allowed, p.reply_port) {
            (true, _) => "passed",
            (false, None) => "is dropped by",
            (false, Some(_)) => "dropped by",
        };
        out.push((format!("{to} {verb} {text}"), span));
    }
    out
}

/// Why the ACLs make an assertion hold, from [`crate::verify::Verdict::acl_example`]:
/// the request that would get through without them, and the hop where an
/// entry (or an implicit deny) drops its request or every reply.
pub fn acl_example_lines(policy: &Policy, src: &SourceText, t: &Trace) -> Vec<String> {
    let name = |n: usize| policy.nodes.get(n).map_or("?", |n| n.name.as_str());
    let mut out = vec![format!(
        "without its ACLs, this request would get through: {}",
        request_line(policy, t)
    )];
    for (i, h) in t.hops.iter().enumerate() {
        let dropped = h.acl.as_ref().is_some_and(|p| !p.passes());
        if !dropped {
            continue;
        }
        let phrases: Vec<String> = acl_phrases(policy, src, h)
            .into_iter()
            .map(|(t, _)| t)
            .filter(|t| t.contains("dropped by"))
            .collect();
        out.push(format!(
            "hop {}: {} ({}) -> {}:{}: {}",
            i + 1,
            name(h.from),
            addr(h.source),
            name(h.to),
            port(h.port),
            phrases.join(", ")
        ));
        break;
    }
    out
}

pub fn ending_line(policy: &Policy, src: &SourceText, t: &Trace) -> String {
    let last = t.hops.last().and_then(|h| policy.nodes.get(h.to));
    let name = last.map_or("?", |n| n.name.as_str());
    match t.ending {
        Ending::Accepted => format!("`{name}` accepts it (no rule denies it)"),
        Ending::Forwarded(r) => format!("`{name}` takes it and forwards it ({})", src.line_ref(r)),
        Ending::Denied(r) => format!(
            "`{name}` accepts the connection, then its rule on {} denies it",
            src.line_ref(r)
        ),
        Ending::Dropped => {
            format!("`{name}` accepts the connection, then drops it (no rule matches)")
        }
    }
}

/// A refuted or unknown verdict as a diagnostic: the assertion labelled,
/// every hop's policy line labelled in order, the story in the help.
pub fn verdict_diagnostic(policy: &Policy, src: &SourceText, v: &Verdict) -> Option<Diagnostic> {
    let a = policy.assertions.get(v.assertion)?;
    let what = describe_assertion(src, a);
    match v.status {
        Status::Proved => None,
        Status::Unknown => Some(
            Diagnostic::warning(
                "stargate::verify::unknown",
                format!("assertion `{}` could not be decided", a.name),
                a.name_span,
            )
            .label(format!("unknown: {what}"))
            .help(format!(
                "the solver gave up: {}; raise --timeout (or --rlimit), or split the assertion with `where`",
                v.reason.as_deref().unwrap_or("no reason given")
            )),
        ),
        Status::Refuted => {
            let Some(t) = &v.trace else {
                // `path` with no witness.
                let mut d = Diagnostic::error(
                    "stargate::verify::no_path",
                    format!("assertion `{}` is refuted: no request gets through", a.name),
                    a.name_span,
                )
                .label(format!("refuted: {what}"))
                .help("no request that starts as the assertion says is admitted all the way and accepted; check the target's `listen ... from` lines (labelled), the egress lines and the forward rules on the way");
                if let crate::model::Target::Node(n, _) = &a.target {
                    if let Some(node) = policy.nodes.get(*n) {
                        for l in &node.listens {
                            d = d.related(l.span, format!("`{}` admits only this", node.name));
                        }
                    }
                }
                if let Some(t) = &v.acl_example {
                    let mut help = d.help.take().unwrap_or_default();
                    for line in acl_example_lines(policy, src, t) {
                        help.push('\n');
                        help.push_str(&line);
                    }
                    d.help = Some(help);
                    for h in &t.hops {
                        for (text, span) in acl_phrases(policy, src, h) {
                            if let (Some(span), true) = (span, text.contains("dropped by")) {
                                d = d.related(span, text);
                            }
                        }
                    }
                }
                return Some(d);
            };
            let mut d = Diagnostic::error(
                "stargate::verify::refuted",
                format!(
                    "assertion `{}` is refuted: {}",
                    a.name,
                    summary(policy, a, t)
                ),
                a.name_span,
            )
            .label(format!("refuted: {what}"));
            let name = |n: usize| policy.nodes.get(n).map_or("?", |n| n.name.as_str());
            for (i, h) in t.hops.iter().enumerate() {
                let label = format!(
                    "hop {}: {} -> {}:{}{}",
                    i + 1,
                    name(h.from),
                    name(h.to),
                    key_port(h.port),
                    if h.tls { " (tls)" } else { "" }
                );
                if let Some(r) = h.rule {
                    d = d.related(r, label.clone());
                }
                match h.listen {
                    Some(l) => d = d.related(l, format!("hop {} admitted here", i + 1)),
                    None if h.rule.is_none() => {
                        if let Some(n) = policy.nodes.get(h.to) {
                            d = d.related(n.span, label);
                        }
                    }
                    None => {}
                }
                for (text, span) in acl_phrases(policy, src, h) {
                    if let Some(span) = span {
                        d = d.related(span, format!("hop {}: {text}", i + 1));
                    }
                }
            }
            // A declared opaque check that a node on the way tests decided
            // what happened there: the declaration is part of the reason.
            let declared = declarations_on_the_way(policy, t);
            for def in &declared {
                d = d.related(
                    def.span,
                    format!("what `{}` does is declared here", def.name),
                );
            }
            let mut story = vec![format!("request: {}", request_line(policy, t))];
            story.extend(hop_lines(policy, src, t));
            story.push(ending_line(policy, src, t));
            for def in &declared {
                story.push(format!(
                    "`{}` behaves as declared on {}",
                    def.name,
                    src.line_ref(def.span)
                ));
            }
            story.push(fix_hint(a));
            d.help = Some(story.join("\n"));
            Some(d)
        }
    }
}

/// The `opaque NAME = COND` definitions used by the rules of the nodes a
/// trace passes through (in the order they are defined).
pub fn declarations_on_the_way<'p>(
    policy: &'p Policy,
    t: &Trace,
) -> Vec<&'p crate::model::OpaqueDef> {
    if policy.definitions.is_empty() {
        return Vec::new();
    }
    let mut rules = Vec::new();
    for h in &t.hops {
        if let Some(n) = policy.nodes.get(h.to) {
            rules.extend(n.blocks.iter().flat_map(|b| b.rules.iter().map(|r| r.span)));
        }
    }
    policy
        .definitions
        .iter()
        .filter(|d| d.rules.iter().any(|r| rules.contains(r)))
        .collect()
}

/// What a counterexample shows, in one sentence: `a request from `internet` reaches `app` in 3 hops`.
pub fn summary(policy: &Policy, a: &Assertion, t: &Trace) -> String {
    let from = policy.nodes.get(a.from).map_or("?", |n| n.name.as_str());
    let to = t
        .hops
        .last()
        .and_then(|h| policy.nodes.get(h.to))
        .map_or("?", |n| n.name.as_str());
    let hops = t.hops.len();
    let hops = format!("{hops} hop{}", if hops == 1 { "" } else { "s" });
    match a.kind {
        PropertyKind::NoPath | PropertyKind::Path => {
            format!("a request from `{from}` reaches `{to}` in {hops}")
        }
        PropertyKind::NoConnection => {
            format!("a request from `{from}` connects to `{to}` in {hops}")
        }
        PropertyKind::Requires => {
            format!("a request from `{from}` without the requirement reaches `{to}` in {hops}")
        }
        PropertyKind::Via => {
            format!("a request from `{from}` reaches `{to}` avoiding the waypoint in {hops}")
        }
        PropertyKind::Encrypted => {
            format!("a request from `{from}` reaches `{to}` over a plaintext hop in {hops}")
        }
    }
}

/// Where to look to fix a refuted assertion of this kind.
pub fn fix_hint(a: &Assertion) -> String {
    match a.kind {
        PropertyKind::NoConnection => "to fix: narrow the `listen ... from` line of the last hop, or the sender's `egress`".into(),
        PropertyKind::Encrypted => "to fix: make the plaintext hop `tls` (on the forward rule or every listen line admitting it)".into(),
        PropertyKind::Requires => "to fix: add a `deny ... unless` rule for the requirement before the forward on the way".into(),
        _ => "to fix: tighten one of the lines above (a `listen ... from`, an `egress`, or a rule condition)".into(),
    }
}
