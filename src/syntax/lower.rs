//! Lowers pest pairs to the AST, validating literals on the way: CIDRs,
//! IPv6 (rejected for now), ports and ranges, protocols, statuses, globs and
//! string escapes. Problems become diagnostics; lowering always continues.

use pest::iterators::Pair;

use super::ast::*;
use super::parser::Rule;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

pub struct Lowerer<'d> {
    pub diags: &'d mut Vec<Diagnostic>,
    /// Byte offset of the text the current pairs were parsed from.
    pub offset: usize,
    /// How many `not`s and `except`s enclose what is being lowered (bounded
    /// by [`MAX_CHAIN`](super::MAX_CHAIN)).
    pub chain: usize,
}

type P<'i> = Pair<'i, Rule>;

impl Lowerer<'_> {
    fn span(&self, p: &P) -> Span {
        let s = p.as_span();
        // Tokens (atomic rules) never hold trailing trivia.
        let atomic = matches!(
            p.as_rule(),
            Rule::ident
                | Rule::header_name
                | Rule::method
                | Rule::number
                | Rule::string
                | Rule::cidr
                | Rule::ipv6
                | Rule::port_range
                | Rule::glob
                | Rule::host_pattern
                | Rule::status
                | Rule::acl_number
        );
        let text = p.as_str();
        // Trivia after the last token either ends in white space, or is a
        // comment at the very end of the input (a comment anywhere else is
        // followed by its line break): otherwise there is nothing to trim.
        let clean_end = text
            .as_bytes()
            .last()
            .is_none_or(|b| !b.is_ascii_whitespace())
            && s.end() < s.get_input().len();
        let len = if atomic || clean_end {
            text.len()
        } else {
            trimmed_len(text)
        };
        Span::new(s.start() + self.offset, s.start() + len + self.offset)
    }

    fn ident(&mut self, p: P) -> Ident {
        let id = Ident {
            span: self.span(&p),
            name: p.as_str().to_string(),
        };
        if super::is_keyword(&id.name) {
            self.diags.push(
                Diagnostic::error(
                    "stargate::parse::reserved_name",
                    format!(
                        "`{}` is a reserved keyword and cannot be used as a name",
                        id.name
                    ),
                    id.span,
                )
                .label("reserved keyword")
                .help(format!("rename it, e.g. `{}_`", id.name)),
            );
        }
        id
    }

    fn internal(&mut self, p: &P, what: &str) {
        self.diags.push(
            Diagnostic::error(
                "stargate::parse::internal",
                format!("internal error: unexpected {what} ({:?})", p.as_rule()),
                self.span(p),
            )
            .help("this is a bug in stargate-verify; please report it with the policy"),
        );
    }

    pub fn statement(&mut self, p: P) -> Option<Statement> {
        let inner = p.into_inner().next()?;
        let span = self.span(&inner);
        let rule = inner.as_rule();
        let mut parts = inner.into_inner();
        Some(match rule {
            Rule::policy_stmt => Statement::Policy(self.ident(parts.nth(1)?)),
            Rule::let_stmt => {
                let name = self.ident(parts.nth(1)?);
                let addrs = self.addrs(parts.next()?);
                Statement::Let(LetDecl { name, addrs, span })
            }
            Rule::secret_stmt => {
                let name = self.ident(parts.nth(1)?);
                let external = parts.next().map(|s| self.string(s));
                Statement::Secret(SecretDecl {
                    name,
                    external,
                    span,
                })
            }
            Rule::group_stmt => {
                let name = self.ident(parts.nth(1)?);
                let external = parts.next().map(|s| self.string(s));
                Statement::Group(GroupDecl {
                    name,
                    external,
                    span,
                })
            }
            Rule::opaque_stmt => {
                let name = self.ident(parts.nth(1)?);
                let cond = self.cond(parts.next()?)?;
                Statement::Opaque(OpaqueDecl { name, cond, span })
            }
            Rule::include_stmt => {
                let path = self.string(parts.nth(1)?);
                Statement::Include(IncludeDecl { path, span })
            }
            Rule::node_stmt => {
                let kind_pair = parts.next()?;
                let kind_span = self.span(&kind_pair);
                let kind = match kind_pair.into_inner().next()?.as_rule() {
                    Rule::k_zone => NodeKind::Zone,
                    Rule::k_service => NodeKind::Service,
                    _ => NodeKind::Proxy,
                };
                let name = self.ident(parts.next()?);
                let items = parts.filter_map(|item| self.node_item(item)).collect();
                Statement::Node(NodeDecl {
                    kind,
                    kind_span,
                    name,
                    items,
                    span,
                })
            }
            Rule::assert_stmt => {
                let name = self.ident(parts.nth(1)?);
                let property = self.property(parts.next()?)?;
                Statement::Assert(Box::new(AssertDecl {
                    name,
                    property,
                    span,
                }))
            }
            Rule::acl_stmt => {
                let name = self.ident(parts.nth(1)?);
                let covers = self.addrs(parts.nth(1)?);
                let entries = parts.filter_map(|e| self.acl_entry(e)).collect();
                Statement::Acl(AclDecl {
                    name,
                    covers,
                    entries,
                    span,
                })
            }
            _ => return None,
        })
    }

    fn acl_entry(&mut self, p: P) -> Option<AclEntry> {
        let inner = p.into_inner().next()?;
        let span = self.span(&inner);
        let direction = match inner.as_rule() {
            Rule::acl_inbound => AclDirection::Inbound,
            _ => AclDirection::Outbound,
        };
        let parts: Vec<P> = inner.into_inner().collect();
        let number = parts.get(1)?;
        let allow = parts.get(2)?.clone().into_inner().next()?.as_rule() == Rule::k_allow;
        Some(AclEntry {
            direction,
            number: acl_number(number.as_str()),
            number_span: self.span(number),
            allow,
            ports: self.ports(parts.get(3)?.clone()),
            remote: self.addrs(parts.get(5)?.clone()),
            span,
        })
    }

    fn node_item(&mut self, p: P) -> Option<NodeItem> {
        let inner = p.into_inner().next()?;
        let span = self.span(&inner);
        let rule = inner.as_rule();
        let parts: Vec<P> = inner.into_inner().collect();
        Some(match rule {
            Rule::addresses_item => NodeItem::Addresses {
                addrs: self.addrs(parts.get(1)?.clone()),
                span,
            },
            Rule::knows_item => NodeItem::Knows {
                secrets: parts.into_iter().skip(1).map(|p| self.ident(p)).collect(),
                span,
            },
            Rule::member_item => NodeItem::Member {
                groups: parts.into_iter().skip(1).map(|p| self.ident(p)).collect(),
                span,
            },
            Rule::reachable_item => NodeItem::Reachable {
                from: self.addrs(parts.get(2)?.clone()),
                span,
            },
            Rule::listen_item => {
                let mut ports = None;
                let mut tls = false;
                let mut from = None;
                for part in parts.into_iter().skip(1) {
                    match part.as_rule() {
                        Rule::ports => ports = Some(self.ports(part)),
                        Rule::k_tls => tls = true,
                        Rule::addrs => from = Some(self.addrs(part)),
                        _ => {}
                    }
                }
                NodeItem::Listen {
                    ports: ports?,
                    tls,
                    from,
                    span,
                }
            }
            Rule::egress_item => {
                let mut to = None;
                let mut ports = None;
                for part in parts {
                    match part.as_rule() {
                        Rule::addrs => to = Some(self.addrs(part)),
                        Rule::ports => ports = Some(self.ports(part)),
                        _ => {}
                    }
                }
                NodeItem::Egress {
                    to: to?,
                    ports,
                    span,
                }
            }
            Rule::on_item => {
                let mut ports = None;
                let mut rules = Vec::new();
                for part in parts {
                    match part.as_rule() {
                        Rule::ports => ports = Some(self.ports(part)),
                        Rule::rule_item => rules.extend(self.rule(part)),
                        _ => {}
                    }
                }
                NodeItem::On(OnBlock {
                    ports: ports?,
                    rules,
                    span,
                })
            }
            _ => return None,
        })
    }

    fn rule(&mut self, p: P) -> Option<Rule_> {
        let inner = p.into_inner().next()?;
        let span = self.span(&inner);
        match inner.as_rule() {
            Rule::deny_rule => {
                let mut status = None;
                let mut when = true;
                let mut cond = None;
                for part in inner.into_inner() {
                    match part.as_rule() {
                        Rule::status => status = self.status(part),
                        Rule::k_unless => when = false,
                        Rule::cond => cond = Some(self.cond(part)?),
                        _ => {}
                    }
                }
                Some(Rule_::Deny {
                    status,
                    when,
                    cond: cond?,
                    span,
                })
            }
            Rule::forward_rule => {
                let mut cond = None;
                let mut targets = Vec::new();
                let mut tls = false;
                let mut edits = Vec::new();
                for part in inner.into_inner() {
                    match part.as_rule() {
                        Rule::cond => cond = Some(self.cond(part)?),
                        Rule::fwd_target => {
                            let mut t = part.into_inner();
                            let target = self.ident(t.next()?);
                            let port = self.single_port(t.next()?);
                            targets.push((target, port));
                        }
                        Rule::k_tls => tls = true,
                        Rule::edit => edits.extend(self.edit(part)),
                        _ => {}
                    }
                }
                if targets.is_empty() {
                    return None;
                }
                Some(Rule_::Forward {
                    cond,
                    targets,
                    tls,
                    edits,
                    span,
                })
            }
            _ => None,
        }
    }

    fn edit(&mut self, p: P) -> Option<HeaderEdit> {
        let inner = p.into_inner().next()?;
        let rule = inner.as_rule();
        let parts: Vec<P> = inner.into_inner().collect();
        let header = self.header_name(parts.get(2)?.clone());
        match rule {
            Rule::set_edit => Some(HeaderEdit::Set(header, self.value(parts.get(3)?.clone())?)),
            _ => Some(HeaderEdit::Remove(header)),
        }
    }

    fn status(&mut self, p: P) -> Option<(u16, Span)> {
        let span = self.span(&p);
        match http_status(p.as_str()) {
            Some(n) => Some((n, span)),
            None => {
                self.diags.push(
                    Diagnostic::error(
                        "stargate::parse::bad_status",
                        format!("`{}` is not an HTTP status", p.as_str()),
                        span,
                    )
                    .label("status out of range")
                    .help("use a status from 100 to 599, such as 403"),
                );
                None
            }
        }
    }

    fn header_name(&self, p: P) -> HeaderName {
        HeaderName {
            span: self.span(&p),
            name: p.as_str().to_ascii_lowercase(),
        }
    }

    fn value(&mut self, p: P) -> Option<Value> {
        let inner = p.into_inner().next()?;
        Some(match inner.as_rule() {
            Rule::string => Value::Str(self.string(inner)),
            _ => Value::Name(self.ident(inner)),
        })
    }

    fn string(&mut self, p: P) -> StrLit {
        let span = self.span(&p);
        let raw = p.into_inner().next().map(|i| i.as_str()).unwrap_or("");
        let value = unescape(raw, |i, j, e| {
            let at = span.start + 1 + i;
            self.diags.push(
                Diagnostic::error(
                    "stargate::parse::bad_escape",
                    format!("unknown escape `\\{e}` in string"),
                    Span::new(at, span.start + 1 + j + e.len_utf8()),
                )
                .label("unknown escape")
                .help("only `\\\"` and `\\\\` are escapes; write `\\\\` for a backslash"),
            );
        });
        StrLit { value, span }
    }

    pub fn addrs(&mut self, p: P) -> AddrExpr {
        let span = self.span(&p);
        let mut terms = p.into_inner().filter(|t| t.as_rule() == Rule::addr_term);
        let Some(first) = terms.next() else {
            return AddrExpr::Invalid(span);
        };
        let outer = self.chain;
        let mut expr = self.addr_term(first);
        for t in terms {
            self.chain += 1;
            if self.chain > super::MAX_CHAIN {
                let at = self.span(&t);
                self.diags.push(too_long_chain(at));
                self.chain = outer;
                return AddrExpr::Invalid(span);
            }
            let rhs = self.addr_term(t);
            let s = expr.span().to(rhs.span());
            expr = AddrExpr::Except(Box::new(expr), Box::new(rhs), s);
        }
        self.chain = outer;
        expr
    }

    fn addr_term(&mut self, p: P) -> AddrExpr {
        let span = self.span(&p);
        let Some(inner) = p.into_inner().next() else {
            return AddrExpr::Invalid(span);
        };
        match inner.as_rule() {
            Rule::k_any => AddrExpr::Any(span),
            Rule::ident => AddrExpr::Name(self.ident(inner)),
            Rule::addr_list => {
                let items = inner.into_inner().map(|a| self.addrs(a)).collect();
                AddrExpr::List(items, span)
            }
            _ => match parse_cidr(inner.as_str()) {
                Ok(c) => AddrExpr::Cidr(c, span),
                Err(e) => {
                    self.diags.push(e.into_diagnostic(inner.as_str(), span));
                    AddrExpr::Invalid(span)
                }
            },
        }
    }

    pub fn ports(&mut self, p: P) -> PortsExpr {
        let span = self.span(&p);
        let Some(inner) = p.into_inner().next() else {
            return PortsExpr::List(Vec::new(), span);
        };
        match inner.as_rule() {
            Rule::k_any => PortsExpr::Any(span),
            Rule::port_list => {
                let ranges = inner
                    .into_inner()
                    .filter_map(|r| self.port_range(r))
                    .collect();
                PortsExpr::List(ranges, span)
            }
            _ => PortsExpr::List(self.port_range(inner).into_iter().collect(), span),
        }
    }

    /// A forward target's port: exactly one port.
    fn single_port(&mut self, p: P) -> PortRange {
        let span = self.span(&p);
        let range = self.port_range(p);
        match range {
            Some(r) if r.lo == r.hi => r,
            Some(r) => {
                self.diags.push(
                    Diagnostic::error(
                        "stargate::parse::forward_port_range",
                        "a forward goes to one port, not a range",
                        span,
                    )
                    .label("port range")
                    .help(format!("forward to a single port, e.g. `:{}`", r.lo)),
                );
                r
            }
            None => PortRange {
                lo: 1,
                hi: 1,
                protocol: Protocol::Tcp,
                span,
            },
        }
    }

    fn port_range(&mut self, p: P) -> Option<PortRange> {
        let span = self.span(&p);
        let nums = p.as_str().split('/').next().unwrap_or_default();
        match port_parts(p.as_str()) {
            Ok((lo, hi, protocol)) => Some(PortRange {
                lo,
                hi,
                protocol,
                span,
            }),
            Err(PortProblem::Protocol(other)) => {
                self.diags.push(
                    Diagnostic::error(
                        "stargate::parse::bad_protocol",
                        format!("unknown protocol `{other}`"),
                        span,
                    )
                    .label("unknown protocol")
                    .help("the protocol is `tcp` (the default) or `udp`"),
                );
                None
            }
            Err(PortProblem::Reversed { lo, hi }) => {
                self.diags.push(
                    Diagnostic::error(
                        "stargate::parse::reversed_port_range",
                        format!("port range `{nums}` is reversed"),
                        span,
                    )
                    .label("first port is larger than the last")
                    .help(format!("write it low to high: `{hi}-{lo}`")),
                );
                None
            }
            Err(PortProblem::OutOfRange) => {
                self.diags.push(
                    Diagnostic::error(
                        "stargate::parse::port_out_of_range",
                        format!("port `{nums}` is outside 1-65535"),
                        span,
                    )
                    .label("not a port")
                    .help("ports are numbers from 1 to 65535"),
                );
                None
            }
        }
    }

    fn glob(&mut self, p: P) -> Option<Glob> {
        let span = self.span(&p);
        let (body, prefix) = glob_parts(p.as_str());
        Some(Glob {
            text: body.to_string(),
            prefix,
            span,
        })
    }

    pub fn cond(&mut self, p: P) -> Option<Cond> {
        let span = self.span(&p);
        match p.as_rule() {
            Rule::cond | Rule::and_cond => {
                let is_or = p.as_rule() == Rule::cond;
                let mut items = Vec::new();
                for part in p.into_inner() {
                    if matches!(part.as_rule(), Rule::and_cond | Rule::not_cond) {
                        items.push(self.cond(part)?);
                    }
                }
                if items.len() == 1 {
                    items.pop()
                } else if is_or {
                    Some(Cond::Or(items, span))
                } else {
                    Some(Cond::And(items, span))
                }
            }
            Rule::not_cond => {
                let mut nots = 0;
                let mut atom = None;
                let outer = self.chain;
                for part in p.into_inner() {
                    match part.as_rule() {
                        Rule::k_not => {
                            nots += 1;
                            if outer + nots > super::MAX_CHAIN {
                                let at = self.span(&part);
                                self.diags.push(too_long_chain(at));
                                return None;
                            }
                        }
                        _ => {
                            self.chain = outer + nots;
                            let lowered = self.atom(part);
                            self.chain = outer;
                            atom = Some(lowered?);
                        }
                    }
                }
                let mut c = atom?;
                for _ in 0..nots {
                    c = Cond::Not(Box::new(c), span);
                }
                Some(c)
            }
            _ => {
                self.internal(&p, "condition");
                None
            }
        }
    }

    fn atom(&mut self, p: P) -> Option<Cond> {
        let inner = p.into_inner().next()?;
        let span = self.span(&inner);
        let rule = inner.as_rule();
        let parts: Vec<P> = inner.into_inner().collect();
        let negated = parts.iter().any(|p| p.as_rule() == Rule::k_not);
        let last = parts.last()?.clone();
        Some(match rule {
            Rule::paren_cond => self.cond(last)?,
            Rule::header_cond | Rule::query_cond => {
                let header = self.header_name(parts.get(1)?.clone());
                let test = match last.as_rule() {
                    Rule::k_present => HeaderTest::Present,
                    Rule::k_absent => HeaderTest::Absent,
                    Rule::header_eq => HeaderTest::Eq(self.value(last.into_inner().next()?)?),
                    Rule::header_match => {
                        let set = last.into_inner().nth(1)?;
                        HeaderTest::Matches(set.into_inner().map(|s| self.string(s)).collect())
                    }
                    _ => HeaderTest::Ne(self.value(last.into_inner().next()?)?),
                };
                if rule == Rule::query_cond {
                    Cond::Query {
                        key: header,
                        test,
                        span,
                    }
                } else {
                    Cond::Header { header, test, span }
                }
            }
            Rule::path_cond => {
                let mut globs = Vec::new();
                let mut ok = true;
                for g in last.into_inner() {
                    match self.glob(g) {
                        Some(g) => globs.push(g),
                        None => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                Cond::Path {
                    negated,
                    globs,
                    span,
                }
            }
            Rule::host_cond => Cond::Host {
                negated,
                patterns: last
                    .into_inner()
                    .map(|h| StrLit {
                        span: self.span(&h),
                        value: h.as_str().to_string(),
                    })
                    .collect(),
                span,
            },
            Rule::source_cond => Cond::Source {
                negated,
                addrs: self.addrs(last),
                span,
            },
            Rule::port_cond => Cond::Port {
                negated,
                ports: self.ports(last),
                span,
            },
            Rule::method_cond => {
                let list = last.into_inner().next()?;
                let methods = if list.as_rule() == Rule::method_list {
                    list.into_inner().map(|m| self.method(m)).collect()
                } else {
                    vec![self.method(list)]
                };
                Cond::Method {
                    negated,
                    methods,
                    span,
                }
            }
            Rule::opaque_cond => Cond::Opaque(self.ident(last)),
            _ => return None,
        })
    }

    /// HTTP methods are compared in upper case (`get` is `GET`).
    fn method(&self, p: P) -> Ident {
        Ident {
            span: self.span(&p),
            name: p.as_str().to_ascii_uppercase(),
        }
    }

    fn property(&mut self, p: P) -> Option<Property> {
        let inner = p.into_inner().next()?;
        let span = self.span(&inner);
        let rule = inner.as_rule();
        let mut flow = None;
        let mut tail = PropertyTail::None;
        for part in inner.into_inner() {
            match part.as_rule() {
                Rule::flow => flow = Some(part),
                Rule::requires_tail => {
                    tail = PropertyTail::Requires(self.cond(part.into_inner().nth(1)?)?)
                }
                Rule::via_tail => tail = PropertyTail::Via(self.ident(part.into_inner().nth(1)?)),
                Rule::k_encrypted => tail = PropertyTail::Encrypted,
                _ => {}
            }
        }
        let kind = match (rule, &tail) {
            (Rule::no_path, _) => PropertyKind::NoPath,
            (Rule::no_connection, _) => PropertyKind::NoConnection,
            (Rule::path_prop, _) => PropertyKind::Path,
            (_, PropertyTail::Requires(_)) => PropertyKind::Requires,
            (_, PropertyTail::Via(_)) => PropertyKind::Via,
            _ => PropertyKind::Encrypted,
        };
        let mut from = None;
        let mut to = None;
        let mut where_ = None;
        for part in flow?.into_inner() {
            match part.as_rule() {
                Rule::ident => from = Some(self.ident(part)),
                Rule::target => to = Some(self.target(part)?),
                Rule::cond => where_ = Some(self.cond(part)?),
                _ => {}
            }
        }
        Some(Property {
            kind,
            from: from?,
            to: to?,
            where_,
            tail,
            span,
        })
    }

    fn target(&mut self, p: P) -> Option<Target> {
        let inner = p.into_inner().next()?;
        let span = self.span(&inner);
        let rule = inner.as_rule();
        let mut parts = inner.into_inner();
        Some(match rule {
            Rule::port_target => Target::Port(self.ports(parts.nth(1)?), span),
            Rule::node_port_target => {
                let node = self.ident(parts.next()?);
                Target::NodePorts(node, self.ports(parts.next()?))
            }
            _ => Target::Node(self.ident(parts.next()?)),
        })
    }
}

type Rule_ = super::ast::Rule;

/// An HTTP status from 100 to 599.
pub(super) fn http_status(text: &str) -> Option<u16> {
    text.parse::<u16>().ok().filter(|n| (100..=599).contains(n))
}

/// A string literal's value from the text between its quotes; `bad` hears
/// of each unknown escape (its byte offsets in `raw`, and the character).
pub(super) fn unescape(raw: &str, mut bad: impl FnMut(usize, usize, char)) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    let mut value = String::with_capacity(raw.len());
    let mut chars = raw.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            value.push(c);
            continue;
        }
        match chars.next() {
            Some((_, e @ ('"' | '\\'))) => value.push(e),
            Some((j, e)) => bad(i, j, e),
            None => {}
        }
    }
    value
}

/// Why a port literal is invalid.
pub(super) enum PortProblem<'t> {
    Protocol(&'t str),
    Reversed { lo: u32, hi: u32 },
    OutOfRange,
}

/// `443`, `8000-8100` or `53/udp`: the first and last port and the protocol.
pub(super) fn port_parts(text: &str) -> Result<(u16, u16, Protocol), PortProblem<'_>> {
    // Byte searches: these are short ASCII tokens, and `split_once(char)`
    // costs more than the rest of this function.
    let (nums, proto) = match text.bytes().position(|b| b == b'/') {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let protocol = match proto {
        None | Some("tcp") => Protocol::Tcp,
        Some("udp") => Protocol::Udp,
        Some(other) => return Err(PortProblem::Protocol(other)),
    };
    let (lo_text, hi_text) = match nums.bytes().position(|b| b == b'-') {
        Some(i) => (&nums[..i], &nums[i + 1..]),
        None => (nums, nums),
    };
    let parse = |s: &str| s.parse::<u32>().ok().filter(|n| (1..=65535).contains(n));
    match (parse(lo_text), parse(hi_text)) {
        (Some(lo), Some(hi)) if lo <= hi => Ok((lo as u16, hi as u16, protocol)),
        (Some(lo), Some(hi)) => Err(PortProblem::Reversed { lo, hi }),
        _ => Err(PortProblem::OutOfRange),
    }
}

/// A glob's text without its trailing `*`, and whether it had one. `*` and
/// `?` may stand anywhere else too (`docs/language.md`, path globs).
pub(super) fn glob_parts(text: &str) -> (&str, bool) {
    match text.strip_suffix('*') {
        Some(b) => (b, true),
        None => (text, false),
    }
}

/// The length of a rule's text without trailing whitespace and comments.
/// Pest keeps the trivia it skipped before an optional part that did not
/// match, which would stretch a `listen` line's span over the next lines.
fn trimmed_len(text: &str) -> usize {
    let mut end = text.len();
    loop {
        let before = end;
        end = text[..end].trim_end().len();
        let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        if let Some(c) = comment_start(&text[line_start..end]) {
            end = line_start + c;
        }
        if end == before {
            return end;
        }
    }
}

/// Where a comment starts in one line of policy text, if it has one.
pub fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'#' if !in_string => return Some(i),
            b'/' if !in_string
                && bytes.get(i + 1) == Some(&b'/')
                && super::prescan::starts_token(bytes, i) =>
            {
                return Some(i)
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Why a CIDR literal is invalid.
#[derive(Debug, PartialEq, Eq)]
pub enum CidrError {
    Octets,
    /// Not an IPv6 address.
    Groups,
    /// The prefix length is over the family's width.
    Prefix {
        max: u8,
    },
    HostBits {
        network: String,
    },
    /// An IPv4-mapped IPv6 network, with the IPv4 one to write instead.
    Mapped {
        ipv4: String,
    },
}

/// A `not` or `except` past [`MAX_CHAIN`](super::MAX_CHAIN).
fn too_long_chain(at: Span) -> Diagnostic {
    Diagnostic::error(
        "stargate::parse::too_deep",
        format!(
            "more than {} `not`s and `except`s enclose this expression",
            super::MAX_CHAIN
        ),
        at,
    )
    .label("chain limit reached here")
    .help("two `not`s cancel out; subtract one list instead of a chain: `A except [b, c]`")
}

impl CidrError {
    fn into_diagnostic(self, text: &str, span: Span) -> Diagnostic {
        match self {
            CidrError::Octets => Diagnostic::error(
                "stargate::parse::bad_address",
                format!("`{text}` is not an IPv4 address"),
                span,
            )
            .label("not four octets from 0 to 255")
            .help("write an IPv4 address as four numbers from 0 to 255, e.g. 10.20.0.0/16"),
            CidrError::Groups => Diagnostic::error(
                "stargate::parse::bad_address",
                format!("`{text}` is not an IPv6 address"),
                span,
            )
            .label("not eight groups of up to four hex digits")
            .help("write an IPv6 address as up to eight groups of hex digits, with `::` once for a run of zero groups, e.g. 2001:db8::/32"),
            CidrError::Prefix { max } => Diagnostic::error(
                "stargate::parse::bad_prefix",
                format!("`{text}` has a prefix length over {max}"),
                span,
            )
            .label("prefix length out of range")
            .help(if max == 32 {
                "an IPv4 prefix length is 0 to 32"
            } else {
                "an IPv6 prefix length is 0 to 128"
            }),
            CidrError::Mapped { ipv4 } => Diagnostic::error(
                "stargate::parse::ipv4_mapped",
                format!("`{text}` is an IPv4-mapped IPv6 address"),
                span,
            )
            .label("IPv4 written as IPv6")
            .help(format!("addresses in ::ffff:0:0/96 are IPv4 addresses; write `{ipv4}`")),
            CidrError::HostBits { network } => Diagnostic::error(
                "stargate::parse::cidr_host_bits",
                format!("`{text}` has host bits set"),
                span,
            )
            .label("host bits set")
            .help(format!("use the network address `{network}`")),
        }
    }
}

/// Parses `a.b.c.d` or `a.b.c.d/n` (a bare address is a /32), or an IPv6
/// address or network (a bare address is a /128).
pub fn parse_cidr(text: &str) -> Result<Cidr, CidrError> {
    let (addr_text, prefix_text) = match text.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (text, None),
    };
    if addr_text.contains(':') {
        return parse_cidr6(addr_text, prefix_text);
    }
    let addr: std::net::Ipv4Addr = addr_text
        .split('.')
        .all(|o| !o.is_empty() && o.len() <= 3)
        .then(|| addr_text.parse().ok())
        .flatten()
        .ok_or(CidrError::Octets)?;
    let prefix = match prefix_text {
        None => 32,
        Some(p) => prefix_len(p, 32)?,
    };
    let net = ipnet::Ipv4Net::new(addr, prefix).map_err(|_| CidrError::Prefix { max: 32 })?;
    if net.network() != addr {
        return Err(CidrError::HostBits {
            network: net.trunc().to_string(),
        });
    }
    Ok(Cidr {
        net: ipnet::IpNet::V4(net),
    })
}

fn prefix_len(text: &str, max: u8) -> Result<u8, CidrError> {
    text.parse::<u8>()
        .ok()
        .filter(|&n| n <= max)
        .ok_or(CidrError::Prefix { max })
}

fn parse_cidr6(addr_text: &str, prefix_text: Option<&str>) -> Result<Cidr, CidrError> {
    let addr: std::net::Ipv6Addr = addr_text.parse().map_err(|_| CidrError::Groups)?;
    let prefix = match prefix_text {
        None => 128,
        Some(p) => prefix_len(p, 128)?,
    };
    let net = ipnet::Ipv6Net::new(addr, prefix).map_err(|_| CidrError::Prefix { max: 128 })?;
    if net.network() != addr {
        return Err(CidrError::HostBits {
            network: net.trunc().to_string(),
        });
    }
    if crate::model::address::is_mapped(&net) {
        let v4 = addr
            .to_ipv4_mapped()
            .unwrap_or(std::net::Ipv4Addr::UNSPECIFIED);
        let ipv4 = if prefix == 128 {
            v4.to_string()
        } else {
            format!("{v4}/{}", prefix - 96)
        };
        return Err(CidrError::Mapped { ipv4 });
    }
    Ok(Cidr {
        net: ipnet::IpNet::V6(net),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_leave_out_trailing_comments() {
        assert_eq!(trimmed_len("listen 80 from a   # note\n  "), 16);
        assert_eq!(trimmed_len("set header x = \"#\"  // c\n # d\n"), 18);
        assert_eq!(trimmed_len("path in /a//b"), 13);
    }

    #[test]
    fn cidrs() {
        let prefix = |t: &str| parse_cidr(t).map(|c| c.net.prefix_len());
        assert_eq!(
            parse_cidr("10.20.0.0/16").map(|c| c.net.to_string()),
            Ok("10.20.0.0/16".to_string())
        );
        assert_eq!(prefix("10.20.1.5"), Ok(32));
        assert_eq!(
            parse_cidr("10.20.1.5/16"),
            Err(CidrError::HostBits {
                network: "10.20.0.0/16".into()
            })
        );
        assert_eq!(parse_cidr("10.300.0.0/16"), Err(CidrError::Octets));
        assert_eq!(parse_cidr("10.2.0/16"), Err(CidrError::Octets));
        assert_eq!(
            parse_cidr("10.2.0.0/33"),
            Err(CidrError::Prefix { max: 32 })
        );
        assert_eq!(prefix("0.0.0.0/0"), Ok(0));
    }

    #[test]
    fn ipv6_cidrs() {
        let prefix = |t: &str| parse_cidr(t).map(|c| c.net.prefix_len());
        assert_eq!(prefix("2001:db8::/32"), Ok(32));
        assert_eq!(prefix("::/0"), Ok(0));
        assert_eq!(prefix("fd00::1"), Ok(128));
        assert_eq!(
            parse_cidr("2001:db8::1/32"),
            Err(CidrError::HostBits {
                network: "2001:db8::/32".into()
            })
        );
        assert_eq!(
            parse_cidr("2001:db8::/129"),
            Err(CidrError::Prefix { max: 128 })
        );
        assert_eq!(parse_cidr("2001:db8:::1"), Err(CidrError::Groups));
        assert_eq!(parse_cidr("1:2:3:4:5:6:7:8:9"), Err(CidrError::Groups));
        assert_eq!(
            parse_cidr("::ffff:10.0.0.0/104"),
            Err(CidrError::Mapped {
                ipv4: "10.0.0.0/8".into()
            })
        );
        assert_eq!(
            parse_cidr("::ffff:1.2.3.4"),
            Err(CidrError::Mapped {
                ipv4: "1.2.3.4".into()
            })
        );
    }
}
