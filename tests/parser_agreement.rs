//! The hand-written parser (`src/syntax/fast.rs`) must agree with the pest
//! grammar, which defines the language: on every input `parse` (fast path
//! first) and `parse_with_grammar` return the same AST, spans included, and
//! the same diagnostics; and on valid policies the fast path does answer
//! (otherwise the agreement would hold trivially).

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use stargate_verify::syntax::{parse, parse_fast, parse_with_grammar};
use stargate_verify::workload::{generate, Rng, Shape};

fn agree(text: &str) -> Result<(), String> {
    let grammar = parse_with_grammar(text);
    let both = parse(text);
    if both != grammar {
        return Err(format!(
            "the parsers disagree on:\n{text}\n--- fast path: {:?}\n--- grammar: {:?}",
            both, grammar
        ));
    }
    Ok(())
}

#[test]
fn every_policy_in_the_repository() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["policies", "tests", "docs", "editors"] {
        common::files_with_extension(&root.join(dir), "sg", &mut files);
    }
    assert!(files.len() > 40, "found only {} policy files", files.len());
    let mut fast = 0;
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue; // invalid UTF-8 cases are the decoder's business
        };
        agree(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        fast += usize::from(parse_fast(&text).is_some());
    }
    // The valid ones (the sandbox, the reference example, verdict cases...).
    assert!(fast >= 10, "the fast path answered for {fast} files only");
    let sandbox = std::fs::read_to_string(root.join("policies/sandbox.sg")).unwrap();
    assert!(parse_fast(&sandbox).is_some());
}

#[test]
fn every_example_in_the_docs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for doc in ["README.md", "docs/language.md", "docs/sandbox-findings.md"] {
        let text = std::fs::read_to_string(root.join(doc)).unwrap();
        // Every fenced block, whatever its language: any text must agree.
        for block in text.split("```").skip(1).step_by(2) {
            agree(block).unwrap_or_else(|e| panic!("{doc}: {e}"));
        }
    }
}

#[test]
fn nesting_up_to_the_limit_and_past_it() {
    let limit = stargate_verify::syntax::MAX_NESTING;
    // A node's braces count, as the pre-scan counts them.
    for depth in [limit - 2, limit - 1, limit, limit + 1] {
        let list = format!(
            "{}10.0.0.0/8{}",
            "[".repeat(depth - 1),
            "]".repeat(depth - 1)
        );
        let text = format!("zone z {{ addresses {list} }}\n");
        agree(&text).unwrap();
        assert_eq!(parse_fast(&text).is_some(), depth <= limit, "depth {depth}");
        // A condition's parentheses are all there is: `depth` of them.
        let parens = format!("{}opaque o{}", "(".repeat(depth), ")".repeat(depth));
        let text = format!("assert a: no path x -> y where {parens}\n");
        agree(&text).unwrap();
        assert_eq!(parse_fast(&text).is_some(), depth <= limit, "depth {depth}");
    }
}

#[test]
fn generated_estates() {
    for seed in 1..=4 {
        let text = generate(Shape {
            services: 40,
            balancers: 6,
            rules_per_balancer: 12,
            assertions: 30,
            port_assertions: 6,
            dual_stack: false,
            cloud: false,
            seed,
        });
        assert!(parse_fast(&text).is_some(), "seed {seed}");
        agree(&text).unwrap();
    }
}

/// A small seeded generator of syntactically valid policies that uses every
/// construct of the grammar with varied spacing and comments.
struct Gen(Rng);

impl Gen {
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    /// Trivia between tokens, never empty.
    fn ws(&mut self) -> &'static str {
        self.pick(&[
            " ",
            " ",
            " ",
            "\n  ",
            "\t",
            "  # note\n",
            " // note\n",
            "\r\n",
            " ;",
        ])
        .trim_end_matches(';')
    }
    /// Trivia around punctuation: may be empty.
    fn gap(&mut self) -> &'static str {
        if self.below(2) == 0 {
            ""
        } else {
            self.ws()
        }
    }
    fn name(&mut self) -> String {
        self.pick(&[
            "a", "b-c", "x_1", "where", "Svc", "_p", "internet", "db-2a", "group", "member", "acl",
            "allow", "inbound", "include",
        ])
        .to_string()
    }
    fn list(&mut self, items: Vec<String>) -> String {
        let sep = format!("{},{}", self.gap(), self.gap());
        let trailing = if self.below(3) == 0 { "," } else { "" };
        format!(
            "[{}{}{trailing}{}]",
            self.gap(),
            items.join(&sep),
            self.gap()
        )
    }
    fn addr_term(&mut self, depth: u32) -> String {
        match self.below(if depth > 2 { 3 } else { 4 }) {
            0 => self
                .pick(&[
                    "10.0.0.0/8",
                    "10.20.1.0/24",
                    "0.0.0.0/0",
                    "192.168.1.7",
                    "10.1.2.3/32",
                    "2001:db8::/32",
                    "::/0",
                    "fd00::1",
                    "2001:DB8:0:0:1::/80",
                    "::1",
                    "64:ff9b::192.0.2.0/120",
                ])
                .to_string(),
            1 => "any".into(),
            2 => self.name(),
            _ => {
                let n = self.below(3);
                let items = (0..n).map(|_| self.addrs(depth + 1)).collect();
                self.list(items)
            }
        }
    }
    fn addrs(&mut self, depth: u32) -> String {
        let mut s = self.addr_term(depth);
        for _ in 0..self.below(3) {
            s = format!(
                "{s}{}except{}{}",
                self.ws(),
                self.ws(),
                self.addr_term(depth)
            );
        }
        s
    }
    fn port(&mut self) -> String {
        self.pick(&[
            "80",
            "443",
            "8000-8100",
            "53/udp",
            "1-65535",
            "9090/tcp",
            "1",
        ])
        .to_string()
    }
    fn ports(&mut self) -> String {
        match self.below(3) {
            0 => "any".into(),
            1 => self.port(),
            _ => {
                let n = self.below(3);
                let items = (0..n).map(|_| self.port()).collect();
                self.list(items)
            }
        }
    }
    fn value(&mut self) -> String {
        self.pick(&[
            "\"v\"",
            "\"a \\\"q\\\" \\\\ b\"",
            "\"\"",
            "\"é#//x\"",
            "s3cret",
            "key",
        ])
        .to_string()
    }
    fn header(&mut self) -> String {
        self.pick(&["x-admin-secret", "Authorization", "X_Y", "path", "h"])
            .to_string()
    }
    fn glob(&mut self) -> String {
        self.pick(&[
            "/",
            "/admin/*",
            "/a//b",
            "/x.y~z%20:@+-_",
            "/*",
            "/api/v1",
            "/api/v?/*",
            "/*.json",
            "/a*b?c",
            "/??",
        ])
        .to_string()
    }
    fn value_pattern(&mut self) -> String {
        self.pick(&["\"*curl*\"", "\"a?b\"", "\"\"", "\"x\\\"*\"", "\"*\""])
            .to_string()
    }
    fn host(&mut self) -> String {
        self.pick(&["api.example.com", "*.example.com", "a?-b_c", "*", "host"])
            .to_string()
    }
    fn atom(&mut self, depth: u32) -> String {
        let not = |g: &mut Gen| {
            if g.below(3) == 0 {
                format!("not{}", g.ws())
            } else {
                String::new()
            }
        };
        match self.below(if depth > 2 { 6 } else { 7 }) {
            0 => {
                let h = self.header();
                let test = match self.below(6) {
                    0 => "present".to_string(),
                    1 => "absent".to_string(),
                    2 => format!("=={}{}", self.gap(), self.value()),
                    3 => format!("!={}{}", self.gap(), self.value()),
                    4 => format!("matches{}{}", self.ws(), self.value_pattern()),
                    _ => {
                        let items = (0..1 + self.below(3))
                            .map(|_| self.value_pattern())
                            .collect();
                        format!("matches{}{}", self.ws(), self.list(items))
                    }
                };
                let g = self.gap();
                let test = if test.starts_with(['=', '!']) {
                    format!("{g}{test}")
                } else {
                    format!("{}{test}", self.ws())
                };
                // Query parameters take the same tests.
                let kw = if self.below(4) == 0 {
                    "query"
                } else {
                    "header"
                };
                format!("{kw}{}{h}{test}", self.ws())
            }
            1 => {
                let globs = if self.below(2) == 0 {
                    self.glob()
                } else {
                    let n = 1 + self.below(3);
                    let items = (0..n).map(|_| self.glob()).collect();
                    self.list(items)
                };
                // Now and then a host condition instead.
                if self.below(3) == 0 {
                    let hosts = if self.below(2) == 0 {
                        self.host()
                    } else {
                        let items = (0..1 + self.below(3)).map(|_| self.host()).collect();
                        self.list(items)
                    };
                    let (w1, n, w2) = (self.ws(), not(self), self.ws());
                    return format!("host{w1}{n}in{w2}{hosts}");
                }
                let (w1, n, w2) = (self.ws(), not(self), self.ws());
                format!("path{w1}{n}in{w2}{globs}")
            }
            2 => {
                let (w1, n, w2) = (self.ws(), not(self), self.ws());
                format!("source{w1}{n}in{w2}{}", self.addrs(depth + 1))
            }
            3 => {
                let (w1, n, w2) = (self.ws(), not(self), self.ws());
                format!("port{w1}{n}in{w2}{}", self.ports())
            }
            4 => {
                let m = if self.below(2) == 0 {
                    self.pick(&["GET", "post", "Delete"]).to_string()
                } else {
                    let n = 1 + self.below(3);
                    let items = (0..n)
                        .map(|_| self.pick(&["GET", "put"]).to_string())
                        .collect();
                    self.list(items)
                };
                let (w1, n, w2) = (self.ws(), not(self), self.ws());
                format!("method{w1}{n}in{w2}{m}")
            }
            5 => format!("opaque{}{}", self.ws(), self.name()),
            _ => format!("({}{}{})", self.gap(), self.cond(depth + 1), self.gap()),
        }
    }
    fn cond(&mut self, depth: u32) -> String {
        let mut s = String::new();
        let n = 1 + self.below(if depth > 1 { 1 } else { 3 });
        for i in 0..n {
            if i > 0 {
                s += &format!("{}{}{}", self.ws(), self.pick(&["and", "or"]), self.ws());
            }
            for _ in 0..self.below(3).saturating_sub(1) {
                s += &format!("not{}", self.ws());
            }
            s += &self.atom(depth);
        }
        s
    }
    fn rule(&mut self) -> String {
        if self.below(2) == 0 {
            let status = if self.below(2) == 0 {
                format!("{}403", self.ws())
            } else {
                String::new()
            };
            let w = self.pick(&["when", "unless"]);
            format!("deny{status}{}{w}{}{}", self.ws(), self.ws(), self.cond(0))
        } else {
            let when = if self.below(2) == 0 {
                format!("{}when{}{}", self.ws(), self.ws(), self.cond(0))
            } else {
                String::new()
            };
            let port = self.pick(&["80", "443", "53/udp"]);
            let tls = if self.below(2) == 0 {
                format!("{}tls", self.ws())
            } else {
                String::new()
            };
            let mut edits = String::new();
            for _ in 0..self.below(3) {
                edits += &if self.below(2) == 0 {
                    format!(
                        "{}set{}header{}{}{}={}{}",
                        self.ws(),
                        self.ws(),
                        self.ws(),
                        self.header(),
                        self.gap(),
                        self.gap(),
                        self.value()
                    )
                } else {
                    format!(
                        "{}remove{}header{}{}",
                        self.ws(),
                        self.ws(),
                        self.ws(),
                        self.header()
                    )
                };
            }
            let (g1, g2) = (self.gap(), self.gap());
            let more = if self.below(3) == 0 {
                let (g3, g4, g5) = (self.gap(), self.gap(), self.gap());
                let g6 = self.gap();
                format!("{g3},{g4}{}{g5}:{g6}8443", self.name())
            } else {
                String::new()
            };
            format!(
                "forward{when}{}to{}{}{g1}:{g2}{port}{more}{tls}{edits}",
                self.ws(),
                self.ws(),
                self.name()
            )
        }
    }
    fn item(&mut self) -> String {
        match self.below(5) {
            0 if self.below(4) == 0 => {
                format!("reachable{}from{}{}", self.ws(), self.ws(), self.addrs(0))
            }
            0 => format!("addresses{}{}", self.ws(), self.addrs(0)),
            1 => {
                let n = 1 + self.below(3);
                let names: Vec<String> = (0..n).map(|_| self.name()).collect();
                let sep = format!("{},{}", self.gap(), self.gap());
                let word = self.pick(&["knows", "member"]);
                format!("{word}{}{}", self.ws(), names.join(&sep))
            }
            2 => {
                let tls = if self.below(2) == 0 {
                    format!("{}tls", self.ws())
                } else {
                    String::new()
                };
                let from = if self.below(2) == 0 {
                    format!("{}from{}{}", self.ws(), self.ws(), self.addrs(0))
                } else {
                    String::new()
                };
                format!("listen{}{}{tls}{from}", self.ws(), self.ports())
            }
            3 => {
                let ports = if self.below(2) == 0 {
                    format!("{}ports{}{}", self.ws(), self.ws(), self.ports())
                } else {
                    String::new()
                };
                format!("egress{}to{}{}{ports}", self.ws(), self.ws(), self.addrs(0))
            }
            _ => {
                let mut rules = String::new();
                for _ in 0..self.below(4) {
                    rules += &format!(
                        "{}{}{}",
                        self.ws(),
                        self.rule(),
                        self.pick(&["", ";", ";;"])
                    );
                }
                format!(
                    "on{}{}{}{{{rules}{}}}",
                    self.ws(),
                    self.ports(),
                    self.gap(),
                    self.gap()
                )
            }
        }
    }
    fn target(&mut self) -> String {
        match self.below(3) {
            0 => format!("port{}{}", self.ws(), self.ports()),
            1 => format!(
                "{}{}:{}{}",
                self.name(),
                self.gap(),
                self.gap(),
                self.ports()
            ),
            _ => self.name(),
        }
    }
    fn property(&mut self) -> String {
        let where_ = if self.below(2) == 0 {
            format!("{}where{}{}", self.ws(), self.ws(), self.cond(0))
        } else {
            String::new()
        };
        let (g1, g2) = (self.gap(), self.gap());
        let flow = format!("{}{g1}->{g2}{}{where_}", self.name(), self.target());
        match self.below(4) {
            0 => format!("no{}path{}{flow}", self.ws(), self.ws()),
            1 => format!("no{}connection{}{flow}", self.ws(), self.ws()),
            2 => format!("path{}{flow}", self.ws()),
            _ => {
                let tail = match self.below(3) {
                    0 => format!("requires{}{}", self.ws(), self.cond(0)),
                    1 => format!("via{}{}", self.ws(), self.name()),
                    _ => "encrypted".into(),
                };
                format!(
                    "every{}path{}{flow}{}{tail}",
                    self.ws(),
                    self.ws(),
                    self.ws()
                )
            }
        }
    }
    /// `inbound N allow|deny PORTS from ADDRS` or `outbound ... to ADDRS`,
    /// with numbers in and out of range and digits glued to the action.
    fn acl_entry(&mut self) -> String {
        let (dir, remote) = self.pick2(&[("inbound", "from"), ("outbound", "to")]);
        let number = self.pick(&["100", "1", "32766", "0", "32767", "99999999999", "007"]);
        let action = self.pick(&["allow", "deny"]);
        let sep = if self.below(4) == 0 { "" } else { self.ws() };
        format!(
            "{dir}{}{number}{sep}{action}{}{}{}{remote}{}{}",
            self.ws(),
            self.ws(),
            self.ports(),
            self.ws(),
            self.ws(),
            self.addrs(0)
        )
    }
    fn pick2<'a>(&mut self, xs: &[(&'a str, &'a str)]) -> (&'a str, &'a str) {
        xs[self.below(xs.len())]
    }
    fn statement(&mut self) -> String {
        match self.below(9) {
            7 => {
                let (g1, g2) = (self.gap(), self.gap());
                format!(
                    "opaque{}{}{g1}={g2}{}",
                    self.ws(),
                    self.name(),
                    self.cond(0)
                )
            }
            5 => {
                let mut entries = String::new();
                for _ in 0..self.below(4) {
                    entries +=
                        &format!("{}{}{}", self.ws(), self.acl_entry(), self.pick(&["", ";"]));
                }
                format!(
                    "acl{}{}{}covers{}{}{}{{{entries}{}}}",
                    self.ws(),
                    self.name(),
                    self.ws(),
                    self.ws(),
                    self.addrs(0),
                    self.gap(),
                    self.gap()
                )
            }
            0 => format!("policy{}{}", self.ws(), self.name()),
            1 => format!(
                "let{}{}{}={}{}",
                self.ws(),
                self.name(),
                self.gap(),
                self.gap(),
                self.addrs(0)
            ),
            2 => {
                let ext = if self.below(2) == 0 {
                    format!("{}{}", self.ws(), self.pick(&["\"arn:x\"", "\"\""]))
                } else {
                    String::new()
                };
                let word = self.pick(&["secret", "group"]);
                format!("{word}{}{}{ext}", self.ws(), self.name())
            }
            6 => format!(
                "include{}{}",
                self.ws(),
                self.pick(&["\"a.sg\"", "\"../x y.sg\"", "\"\"", "\"q\\\"s\""])
            ),
            3 => {
                let (g1, g2) = (self.gap(), self.gap());
                format!(
                    "assert{}{}{g1}:{g2}{}",
                    self.ws(),
                    self.name(),
                    self.property()
                )
            }
            _ => {
                let kind = self.pick(&["zone", "service", "proxy"]);
                let mut items = String::new();
                for _ in 0..self.below(5) {
                    items += &format!("{}{}{}", self.ws(), self.item(), self.pick(&["", ";"]));
                }
                format!(
                    "{kind}{}{}{}{{{items}{}}}",
                    self.ws(),
                    self.name(),
                    self.gap(),
                    self.gap()
                )
            }
        }
    }
    fn policy(&mut self) -> String {
        let mut s = String::from(self.pick(&["", "# head\n", ";", "\n\n"]));
        for _ in 0..1 + self.below(6) {
            s += &self.statement();
            s += self.pick(&["\n", "\n\n", ";\n", " ", "  # tail\n"]);
        }
        s
    }
}

/// `PARSER_CASES` scales the two randomized tests (default 1).
fn runner(cases: u32) -> TestRunner {
    let scale: u32 = std::env::var("PARSER_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    TestRunner::new(Config {
        cases: cases * scale.max(1),
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn generated_policies_with_every_construct() {
    let answered = std::cell::Cell::new(0u32);
    let mut runner = runner(1500);
    let cases = runner.config().cases;
    runner
        .run(&any::<u64>(), |seed| {
            let text = Gen(Rng::new(seed)).policy();
            agree(&text).map_err(TestCaseError::fail)?;
            answered.set(answered.get() + u32::from(parse_fast(&text).is_some()));
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // Names that are keywords never come up, so most of these are valid.
    assert!(
        answered.get() > cases * 2 / 3,
        "the fast path answered {} of {cases}",
        answered.get()
    );
}

#[test]
fn mutated_policies() {
    let sandbox = include_str!("../policies/sandbox.sg");
    let edits = [
        "", " ", "\n", "(", ")", "[", "]", ",", ":", "->", "-", ">", "=", "==", "!=", "\"", "\\",
        "*", "/", "//", "#", ";", "{", "}", "not ", "any", "except", "tls", "0", "1.2", "::1",
        "fe80::1", "é", "x", "where", "\0", "# \0", "\"\0\"",
    ];
    runner(500)
        .run(
            &(0..sandbox.len(), 0..8usize, 0..edits.len()),
            |(at, cut, edit)| {
                let mut at = at;
                while !sandbox.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + cut).min(sandbox.len());
                while !sandbox.is_char_boundary(end) {
                    end += 1;
                }
                let text = format!("{}{}{}", &sandbox[..at], edits[edit], &sandbox[end..]);
                agree(&text).map_err(TestCaseError::fail)
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
}
