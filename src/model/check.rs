//! AST to checked model: one namespace, name and kind resolution with
//! "did you mean" help, address-set evaluation (with cycle detection), and
//! node-kind rules. Every problem is reported; nothing stops at the first.

use std::collections::HashMap;

use super::address::{self, AddrSet};
use super::intervals::{all_ports, port_key, IntervalSet};
use super::*;
use super::{Exposure, Group, GroupId};
use crate::diagnostic::Diagnostic;
use crate::syntax::ast;

mod acls;
mod opaques;

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str, limits: Limits) -> Vec<&'static str> {
        let (file, _) = crate::syntax::parse(text);
        check_within(&file, &limits)
            .1
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn limits_on_nodes_rules_and_assertions() {
        let small = Limits {
            nodes: 2,
            rules: 3,
            assertions: 1,
        };
        let nodes = "zone a { addresses 10.0.0.1 }\nzone b { addresses 10.0.0.2 }\nzone c { addresses 10.0.0.3 }\n";
        assert_eq!(codes(nodes, small), ["stargate::model::too_many_nodes"]);
        let rules = "proxy p { addresses 10.0.0.1 listen 80 on 80 { deny when opaque a deny when opaque b deny when opaque c deny when opaque d } }";
        assert_eq!(codes(rules, small), ["stargate::model::too_many_rules"]);
        let asserts =
            "zone a { addresses 10.0.0.1 }\nassert x: no path a -> a\nassert y: no path a -> a\n";
        assert_eq!(
            codes(asserts, small),
            ["stargate::model::too_many_assertions"]
        );
        assert!(codes(asserts, Limits::default()).is_empty());
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DeclKind {
    Let,
    Secret,
    Node(NodeKind),
    Group,
    Assert,
    Acl,
}

impl DeclKind {
    fn describe(self) -> &'static str {
        match self {
            DeclKind::Let => "an address set (`let`)",
            DeclKind::Secret => "a secret",
            DeclKind::Node(NodeKind::Zone) => "a zone",
            DeclKind::Node(NodeKind::Service) => "a service",
            DeclKind::Node(NodeKind::Proxy) => "a proxy",
            DeclKind::Group => "a group",
            DeclKind::Assert => "an assertion",
            DeclKind::Acl => "an ACL",
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Decl {
    kind: DeclKind,
    span: Span,
    /// Index into the AST's lets, secrets or nodes.
    index: usize,
}

#[derive(Clone)]
enum AddrState {
    Pending,
    InProgress,
    Done(AddrSet),
}

struct Checker<'a> {
    diags: Vec<Diagnostic>,
    names: HashMap<&'a str, Decl>,
    lets: Vec<&'a ast::LetDecl>,
    nodes_ast: Vec<&'a ast::NodeDecl>,
    let_addrs: Vec<AddrState>,
    node_addrs: Vec<AddrState>,
    used_lets: Vec<bool>,
    used_secrets: Vec<bool>,
    headers: Interner<String>,
    literals: Interner<String>,
    opaques: Interner<String>,
    methods: Interner<String>,
    globs: Interner<GlobDef>,
    patterns: Interner<String>,
    /// How deep address-set evaluation is, counting the sets that names lead
    /// to (bounded by [`MAX_ADDR_DEPTH`]).
    addr_depth: usize,
    too_deep_reported: bool,
    /// `opaque NAME = COND` definitions by name (`check/opaques.rs`).
    opaque_defs: HashMap<&'a str, &'a ast::OpaqueDecl>,
    /// The definitions being expanded, innermost last.
    expanding: Vec<String>,
    used_defs: std::collections::HashSet<String>,
    /// The definitions the rule being checked uses, and each rule's.
    defs_in_rule: Vec<Span>,
    rule_defs: Vec<(Span, Vec<Span>)>,
}

/// The deepest address-set evaluation, counting every list, `except` and
/// name it goes through: one expression nests at most a few hundred levels
/// (brackets and chains are bounded when parsing), so this bounds how long a
/// chain of `let`s or nodes naming one another may be. Far above real
/// policies, and within the 2 MiB stack a spawned thread gets by default,
/// even in a debug build.
pub const MAX_ADDR_DEPTH: usize = 256;

/// A table of distinct values with their ids, in first-seen order.
struct Interner<T> {
    items: Vec<T>,
    ids: HashMap<T, usize>,
}

impl<T: Clone + Eq + std::hash::Hash> Interner<T> {
    fn new() -> Self {
        Interner {
            items: Vec::new(),
            ids: HashMap::new(),
        }
    }

    fn id(&mut self, item: &T) -> usize {
        if let Some(&id) = self.ids.get(item) {
            return id;
        }
        let id = self.items.len();
        self.items.push(item.clone());
        self.ids.insert(item.clone(), id);
        id
    }
}

/// Checks a parsed file. Returns the model when there is no error, and every
/// diagnostic (errors and warnings) either way.
pub fn check(file: &ast::File) -> (Option<CheckedPolicy>, Vec<Diagnostic>) {
    check_within(file, &Limits::default())
}

/// The most of each thing one policy may declare: far above any real
/// estate (the 10,000-service benchmark has 12,000 nodes and 110,000
/// rules), low enough that a hostile file cannot make the verifier run
/// for hours once it is past the file-size limit.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub nodes: usize,
    pub rules: usize,
    pub assertions: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            nodes: 200_000,
            rules: 2_000_000,
            assertions: 100_000,
        }
    }
}

/// [`check`] with other limits.
pub fn check_within(file: &ast::File, limits: &Limits) -> (Option<CheckedPolicy>, Vec<Diagnostic>) {
    if let Some(d) = over_limits(file, limits) {
        return (None, vec![d]);
    }
    let mut c = Checker {
        diags: Vec::new(),
        names: HashMap::new(),
        lets: Vec::new(),
        nodes_ast: Vec::new(),
        let_addrs: Vec::new(),
        node_addrs: Vec::new(),
        used_lets: Vec::new(),
        used_secrets: Vec::new(),
        headers: Interner::new(),
        literals: Interner::new(),
        opaques: Interner::new(),
        methods: Interner::new(),
        globs: Interner::new(),
        patterns: Interner::new(),
        addr_depth: 0,
        too_deep_reported: false,
        opaque_defs: HashMap::new(),
        expanding: Vec::new(),
        used_defs: Default::default(),
        defs_in_rule: Vec::new(),
        rule_defs: Vec::new(),
    };
    let mut secrets_ast = Vec::new();
    let mut groups_ast: Vec<&ast::GroupDecl> = Vec::new();
    let mut asserts_ast = Vec::new();
    let mut acls_ast: Vec<&ast::AclDecl> = Vec::new();
    let mut policy_name: Option<&ast::Ident> = None;

    for (i, stmt) in file.statements.iter().enumerate() {
        match stmt {
            ast::Statement::Policy(id) => {
                if let Some(first) = policy_name {
                    c.diags.push(
                        Diagnostic::error(
                            "stargate::model::duplicate_policy",
                            "a file has at most one `policy` statement",
                            id.span,
                        )
                        .label("second `policy`")
                        .related(first.span, "first `policy` here")
                        .help("remove one of the `policy` statements"),
                    );
                } else if i != 0 {
                    c.diags.push(
                        Diagnostic::error(
                            "stargate::model::policy_not_first",
                            "`policy` must be the first statement",
                            id.span,
                        )
                        .label("not the first statement")
                        .help("move `policy` to the top of the file"),
                    );
                }
                policy_name.get_or_insert(id);
            }
            ast::Statement::Let(l) => {
                c.declare(&l.name, DeclKind::Let, c.lets.len());
                c.lets.push(l);
            }
            ast::Statement::Secret(s) => {
                c.declare(&s.name, DeclKind::Secret, secrets_ast.len());
                secrets_ast.push(s);
            }
            ast::Statement::Group(g) => {
                c.declare(&g.name, DeclKind::Group, groups_ast.len());
                groups_ast.push(g);
            }
            // Resolved before checking: the included files' statements are
            // in this file already (`crate::source`).
            ast::Statement::Include(_) => {}
            ast::Statement::Opaque(d) => c.define_opaque(d),
            ast::Statement::Node(n) => {
                c.declare(&n.name, DeclKind::Node(n.kind), c.nodes_ast.len());
                c.nodes_ast.push(n);
            }
            ast::Statement::Assert(a) => {
                c.declare(&a.name, DeclKind::Assert, asserts_ast.len());
                asserts_ast.push(a);
            }
            ast::Statement::Acl(a) => {
                c.declare(&a.name, DeclKind::Acl, acls_ast.len());
                acls_ast.push(a);
            }
        }
    }
    c.let_addrs = vec![AddrState::Pending; c.lets.len()];
    c.node_addrs = vec![AddrState::Pending; c.nodes_ast.len()];
    c.used_lets = vec![false; c.lets.len()];
    c.used_secrets = vec![false; secrets_ast.len()];

    let lets: Vec<LetDef> = (0..c.lets.len())
        .map(|i| {
            let addrs = c.let_set(i, c.lets[i].name.span);
            LetDef {
                name: c.lets[i].name.name.clone(),
                span: c.lets[i].name.span,
                addrs,
            }
        })
        .collect();
    // `let` names used only by other lets still count as used.
    let nodes: Vec<Node> = (0..c.nodes_ast.len()).map(|i| c.node(i)).collect();
    let assertions: Vec<Assertion> = asserts_ast.iter().filter_map(|a| c.assertion(a)).collect();
    let acls: Vec<super::acl::Acl> = acls_ast.iter().map(|a| c.acl(a)).collect();

    let groups: Vec<Group> = groups_ast
        .iter()
        .map(|g| Group {
            name: g.name.name.clone(),
            external: g.external.as_ref().map(|e| e.value.clone()),
            span: g.name.span,
        })
        .collect();
    let secrets: Vec<Secret> = secrets_ast
        .iter()
        .map(|s| Secret {
            name: s.name.name.clone(),
            external: s.external.as_ref().map(|e| e.value.clone()),
            span: s.name.span,
        })
        .collect();

    for (i, used) in c.used_lets.iter().enumerate() {
        if !used {
            let id = &c.lets[i].name;
            c.diags.push(
                Diagnostic::warning(
                    "stargate::model::unused_let",
                    format!("address set `{}` is never used", id.name),
                    id.span,
                )
                .label("defined here, never used")
                .help("use it in an `addresses`, `from`, `egress` or `source in`, or remove it"),
            );
        }
    }
    for (i, used) in c.used_secrets.iter().enumerate() {
        if !used {
            let id = &secrets_ast[i].name;
            c.diags.push(
                Diagnostic::warning(
                    "stargate::model::unused_secret",
                    format!("secret `{}` is never used", id.name),
                    id.span,
                )
                .label("declared here, never used")
                .help("compare it in a `header` condition, set it with `set header`, or remove it"),
            );
        }
    }

    let rule_defs = std::mem::take(&mut c.rule_defs);
    let definitions = c.opaque_definitions(&rule_defs);
    let policy = Policy {
        definitions,
        name: policy_name.map(|p| p.name.clone()),
        nodes,
        secrets,
        groups,
        lets,
        headers: c.headers.items,
        literals: c.literals.items,
        opaques: c.opaques.items,
        methods: c.methods.items,
        globs: c.globs.items,
        patterns: c.patterns.items,
        assertions,
        acls,
    };
    let mut diags = c.diags;
    let has_errors = diags.iter().any(Diagnostic::is_error);
    diags.extend(super::lints::lint(&policy, has_errors));
    crate::diagnostic::sort(&mut diags);
    let model = (!diags.iter().any(Diagnostic::is_error)).then(|| CheckedPolicy::new(policy));
    (model, diags)
}

impl<'a> Checker<'a> {
    fn declare(&mut self, id: &'a ast::Ident, kind: DeclKind, index: usize) {
        if let Some(prev) = self.names.get(id.name.as_str()) {
            self.diags.push(
                Diagnostic::error(
                    "stargate::model::duplicate_name",
                    format!("`{}` is defined twice", id.name),
                    id.span,
                )
                .label("defined again here")
                .related(prev.span, format!("first defined here as {}", prev.kind.describe()))
                .help("names share one namespace across lets, secrets, nodes and assertions; rename one"),
            );
            return;
        }
        self.names.insert(
            &id.name,
            Decl {
                kind,
                span: id.span,
                index,
            },
        );
    }

    /// Looks a name up, reporting undefined names with the nearest spelling
    /// among names of an accepted kind.
    fn lookup(
        &mut self,
        id: &ast::Ident,
        accept: &[fn(DeclKind) -> bool],
        expected: &str,
    ) -> Option<Decl> {
        match self.names.get(id.name.as_str()).copied() {
            Some(d) if accept.iter().any(|f| f(d.kind)) => Some(d),
            Some(d) => {
                self.diags.push(
                    Diagnostic::error(
                        "stargate::model::wrong_kind",
                        format!(
                            "`{}` is {}, expected {expected}",
                            id.name,
                            d.kind.describe()
                        ),
                        id.span,
                    )
                    .label(format!("expected {expected}"))
                    .related(d.span, format!("`{}` is defined here", id.name))
                    .help(format!("use {expected} here")),
                );
                None
            }
            None => {
                let best = self
                    .names
                    .iter()
                    .filter(|(_, d)| accept.iter().any(|f| f(d.kind)))
                    .map(|(n, _)| (similarity(n, &id.name), *n))
                    .filter(|(score, _)| *score > 0.0)
                    .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)));
                let mut d = Diagnostic::error(
                    "stargate::model::undefined_name",
                    format!("`{}` is not defined", id.name),
                    id.span,
                )
                .label("not defined");
                d.help = Some(match best {
                    Some((_, name)) => {
                        if let Some(decl) = self.names.get(name).copied() {
                            // The name meant is used, even if misspelt.
                            match decl.kind {
                                DeclKind::Let => self.used_lets[decl.index] = true,
                                DeclKind::Secret => self.used_secrets[decl.index] = true,
                                _ => {}
                            }
                            d.related.push(crate::diagnostic::Related {
                                span: decl.span,
                                label: format!("`{name}` is defined here"),
                            });
                        }
                        format!("did you mean `{name}`?")
                    }
                    None => format!("define {expected} named `{}`", id.name),
                });
                self.diags.push(d);
                None
            }
        }
    }

    /// The addresses of `let` number `i`; `reference` is where they are asked for.
    fn let_set(&mut self, i: usize, reference: Span) -> AddrSet {
        match &self.let_addrs[i] {
            AddrState::Done(s) => return s.clone(),
            AddrState::InProgress => {
                let id = &self.lets[i].name;
                self.diags.push(cyclic(id, reference));
                return AddrSet::empty();
            }
            AddrState::Pending => {}
        }
        self.let_addrs[i] = AddrState::InProgress;
        let expr = &self.lets[i].addrs;
        let s = self.addrs(expr);
        self.let_addrs[i] = AddrState::Done(s.clone());
        s
    }

    fn node_set(&mut self, i: usize, reference: Span) -> AddrSet {
        match &self.node_addrs[i] {
            AddrState::Done(s) => return s.clone(),
            AddrState::InProgress => {
                let id = &self.nodes_ast[i].name;
                self.diags.push(cyclic(id, reference));
                return AddrSet::empty();
            }
            AddrState::Pending => {}
        }
        self.node_addrs[i] = AddrState::InProgress;
        let node = self.nodes_ast[i];
        let mut set = None;
        for item in &node.items {
            if let ast::NodeItem::Addresses { addrs, span } = item {
                if set.is_some() {
                    self.diags.push(
                        Diagnostic::error(
                            "stargate::model::duplicate_addresses",
                            format!("`{}` has more than one `addresses` line", node.name.name),
                            *span,
                        )
                        .label("second `addresses`")
                        .help("give all addresses in one line, e.g. `addresses [a, b]`"),
                    );
                    continue;
                }
                set = Some(self.addrs(addrs));
            }
        }
        let set = set.unwrap_or_else(|| {
            self.diags.push(
                Diagnostic::error(
                    "stargate::model::missing_addresses",
                    format!(
                        "{} `{}` has no `addresses`",
                        node.kind.as_str(),
                        node.name.name
                    ),
                    node.name.span,
                )
                .label("no `addresses` line")
                .help("every node needs `addresses ADDRS`, e.g. `addresses 10.20.1.0/24`"),
            );
            AddrSet::empty()
        });
        self.node_addrs[i] = AddrState::Done(set.clone());
        set
    }

    /// A `listen ... from` or `egress to` set: the groups named as its
    /// items (or as the whole of it), and the addresses of the rest.
    fn addrs_and_groups(&mut self, e: &ast::AddrExpr) -> (AddrSet, Vec<GroupId>) {
        let items: Vec<&ast::AddrExpr> = match e {
            ast::AddrExpr::List(items, _) => items.iter().collect(),
            other => vec![other],
        };
        let mut groups = Vec::new();
        let mut set = AddrSet::empty();
        for item in items {
            if let ast::AddrExpr::Name(id) = item {
                if let Some(d) = self.names.get(id.name.as_str()).copied() {
                    if d.kind == DeclKind::Group {
                        if !groups.contains(&d.index) {
                            groups.push(d.index);
                        }
                        continue;
                    }
                }
            }
            set = set.union(&self.addrs(item));
        }
        (set, groups)
    }

    fn addrs(&mut self, e: &ast::AddrExpr) -> AddrSet {
        if self.addr_depth >= MAX_ADDR_DEPTH {
            // Reported once, where the limit is first reached; the sets that
            // led here are then empty, and the error stops the check.
            if !self.too_deep_reported {
                self.too_deep_reported = true;
                self.diags.push(
                    Diagnostic::error(
                        "stargate::model::too_deep",
                        format!(
                            "address sets nest more than {MAX_ADDR_DEPTH} levels deep, counting the sets they name"
                        ),
                        e.span(),
                    )
                    .label("nesting limit reached here")
                    .help("give one of the sets in the chain its CIDRs directly instead of naming the next set"),
                );
            }
            // The `let` named here is used, though not evaluated from here.
            if let ast::AddrExpr::Name(id) = e {
                if let Some(d) = self.names.get(id.name.as_str()) {
                    if d.kind == DeclKind::Let {
                        self.used_lets[d.index] = true;
                    }
                }
            }
            return AddrSet::empty();
        }
        self.addr_depth += 1;
        let set = self.addrs_within(e);
        self.addr_depth -= 1;
        set
    }

    fn addrs_within(&mut self, e: &ast::AddrExpr) -> AddrSet {
        match e {
            ast::AddrExpr::Cidr(c, _) => address::cidr_keys(&c.net),
            ast::AddrExpr::Any(_) => AddrSet::full(),
            ast::AddrExpr::Invalid(_) => AddrSet::empty(),
            ast::AddrExpr::List(items, _) => items
                .iter()
                .fold(AddrSet::empty(), |acc, i| acc.union(&self.addrs(i))),
            ast::AddrExpr::Except(a, b, _) => {
                let a = self.addrs(a);
                let b = self.addrs(b);
                a.difference(&b)
            }
            ast::AddrExpr::Name(id) => {
                if let Some(d) = self.names.get(id.name.as_str()).copied() {
                    if d.kind == DeclKind::Group {
                        self.diags.push(
                            Diagnostic::error(
                                "stargate::model::group_in_address_set",
                                format!("`{}` is a group of nodes, not a set of addresses", id.name),
                                id.span,
                            )
                            .label("a group here")
                            .related(d.span, format!("`{}` is declared here", id.name))
                            .help("name a group only as an item of `listen ... from [...]` or `egress to [...]`, where it admits its members whatever their addresses"),
                        );
                        return AddrSet::empty();
                    }
                }
                let accept: [fn(DeclKind) -> bool; 2] =
                    [|k| k == DeclKind::Let, |k| matches!(k, DeclKind::Node(_))];
                match self.lookup(id, &accept, "an address set or a node") {
                    Some(Decl {
                        kind: DeclKind::Let,
                        index,
                        ..
                    }) => {
                        self.used_lets[index] = true;
                        self.let_set(index, id.span)
                    }
                    Some(Decl { index, .. }) => self.node_set(index, id.span),
                    None => AddrSet::empty(),
                }
            }
        }
    }

    fn ports(&mut self, p: &ast::PortsExpr) -> IntervalSet {
        match p {
            ast::PortsExpr::Any(_) => all_ports(),
            ast::PortsExpr::List(ranges, _) => IntervalSet::from_ranges(
                ranges
                    .iter()
                    .map(|r| (port_key(r.protocol, r.lo), port_key(r.protocol, r.hi))),
            ),
        }
    }

    fn node_ref(&mut self, id: &ast::Ident) -> Option<NodeId> {
        let accept: [fn(DeclKind) -> bool; 1] = [|k| matches!(k, DeclKind::Node(_))];
        self.lookup(id, &accept, "a node").map(|d| d.index)
    }

    fn secret_ref(&mut self, id: &ast::Ident) -> Option<SecretId> {
        let accept: [fn(DeclKind) -> bool; 1] = [|k| k == DeclKind::Secret];
        let d = self.lookup(id, &accept, "a secret")?;
        self.used_secrets[d.index] = true;
        Some(d.index)
    }

    fn value(&mut self, v: &ast::Value) -> Option<Value> {
        match v {
            ast::Value::Str(s) => Some(Value::Literal(intern(&mut self.literals, &s.value))),
            ast::Value::Name(id) => {
                let accept: [fn(DeclKind) -> bool; 1] = [|k| k == DeclKind::Secret];
                let d = self.lookup(id, &accept, "a secret or a string literal")?;
                self.used_secrets[d.index] = true;
                Some(Value::Secret(d.index))
            }
        }
    }

    fn node(&mut self, i: usize) -> Node {
        let decl = self.nodes_ast[i];
        let addrs = self.node_set(i, decl.name.span);
        let mut node = Node {
            name: decl.name.name.clone(),
            kind: decl.kind,
            span: decl.name.span,
            decl_span: decl.span,
            addrs,
            knows: Vec::new(),
            memberships: Vec::new(),
            exposure: None,
            listens: Vec::new(),
            egress: None,
            blocks: Vec::new(),
        };
        for item in &decl.items {
            match item {
                ast::NodeItem::Addresses { .. } => {}
                ast::NodeItem::Knows { secrets, .. } => {
                    for s in secrets {
                        if let Some(id) = self.secret_ref(s) {
                            if !node.knows.contains(&id) {
                                node.knows.push(id);
                            }
                        }
                    }
                }
                ast::NodeItem::Reachable { from, span } => {
                    let set = self.addrs(from);
                    let e = node.exposure.get_or_insert_with(|| Exposure {
                        from: AddrSet::empty(),
                        spans: Vec::new(),
                    });
                    e.from = e.from.union(&set);
                    e.spans.push(*span);
                }
                ast::NodeItem::Member { groups, .. } => {
                    for g in groups {
                        let accept: [fn(DeclKind) -> bool; 1] = [|k| k == DeclKind::Group];
                        if let Some(d) = self.lookup(g, &accept, "a group") {
                            if node.member_of(d.index).is_none() {
                                node.memberships.push((d.index, g.span));
                            }
                        }
                    }
                }
                ast::NodeItem::Listen {
                    ports,
                    tls,
                    from,
                    span,
                } => {
                    let ports = self.ports(ports);
                    let (from, groups) = match from {
                        Some(f) => self.addrs_and_groups(f),
                        None => (AddrSet::full(), Vec::new()),
                    };
                    node.listens.push(Listen {
                        ports,
                        tls: *tls,
                        from,
                        groups,
                        span: *span,
                    });
                }
                ast::NodeItem::Egress { to, ports, span } => {
                    let (to, groups) = self.addrs_and_groups(to);
                    let ports = ports.as_ref().map_or_else(all_ports, |p| self.ports(p));
                    node.egress.get_or_insert_with(Vec::new).push(Egress {
                        to,
                        groups,
                        ports,
                        span: *span,
                    });
                }
                ast::NodeItem::On(block) => {
                    if decl.kind == NodeKind::Zone {
                        self.diags.push(
                            Diagnostic::error(
                                "stargate::model::rules_in_zone",
                                format!("zone `{}` cannot have request rules", decl.name.name),
                                block.span,
                            )
                            .label("`on` block in a zone")
                            .related(decl.kind_span, "declared as a zone here")
                            .help("zones stand for hosts outside the policy; make it a `service` (deny rules) or a `proxy` (forward rules)"),
                        );
                        continue;
                    }
                    let ports = self.ports(&block.ports);
                    let rules = block
                        .rules
                        .iter()
                        .filter_map(|r| self.rule(r, decl))
                        .collect();
                    node.blocks.push(Block {
                        ports,
                        rules,
                        span: block.span,
                    });
                }
            }
        }
        node
    }

    fn rule(&mut self, r: &ast::Rule, node: &ast::NodeDecl) -> Option<Rule> {
        self.defs_in_rule.clear();
        let rule = self.rule_inner(r, node);
        if let Some(rule) = &rule {
            if !self.defs_in_rule.is_empty() {
                let defs = std::mem::take(&mut self.defs_in_rule);
                self.rule_defs.push((rule.span, defs));
            }
        }
        rule
    }

    fn rule_inner(&mut self, r: &ast::Rule, node: &ast::NodeDecl) -> Option<Rule> {
        match r {
            ast::Rule::Deny {
                status,
                when,
                cond,
                span,
            } => {
                let c = self.cond(cond)?;
                Some(Rule {
                    guard: if *when { c } else { Cond::negate(c) },
                    action: Action::Deny {
                        status: status.map(|s| s.0),
                    },
                    span: *span,
                })
            }
            ast::Rule::Forward {
                cond,
                targets,
                tls,
                edits,
                span,
            } => {
                if node.kind == NodeKind::Service {
                    self.diags.push(
                        Diagnostic::error(
                            "stargate::model::forward_in_service",
                            format!("service `{}` cannot forward requests", node.name.name),
                            *span,
                        )
                        .label("`forward` in a service")
                        .related(node.kind_span, "declared as a service here")
                        .help("services only accept or deny; declare it as a `proxy` to forward"),
                    );
                    return None;
                }
                let guard = match cond {
                    Some(c) => self.cond(c)?,
                    None => Cond::True,
                };
                let targets: Vec<Option<(NodeId, u32)>> = targets
                    .iter()
                    .map(|(t, port)| {
                        self.node_ref(t)
                            .map(|n| (n, port_key(port.protocol, port.lo)))
                    })
                    .collect();
                let mut out_edits = Vec::new();
                for e in edits {
                    match e {
                        ast::HeaderEdit::Set(h, v) => {
                            let h = intern(&mut self.headers, &h.name);
                            if let Some(v) = self.value(v) {
                                out_edits.push(Edit::Set(h, v));
                            }
                        }
                        ast::HeaderEdit::Remove(h) => {
                            out_edits.push(Edit::Remove(intern(&mut self.headers, &h.name)))
                        }
                    }
                }
                Some(Rule {
                    guard,
                    action: Action::Forward(Forward {
                        targets: targets.into_iter().collect::<Option<Vec<_>>>()?,
                        tls: *tls,
                        edits: out_edits,
                    }),
                    span: *span,
                })
            }
        }
    }

    fn cond(&mut self, c: &ast::Cond) -> Option<Cond> {
        Some(match c {
            ast::Cond::Header { .. } | ast::Cond::Query { .. } => {
                let (name, test) = match c {
                    ast::Cond::Header { header, test, .. } => (header.name.clone(), test),
                    ast::Cond::Query { key, test, .. } => {
                        (format!("{QUERY_PREFIX}{}", key.name), test)
                    }
                    _ => return None,
                };
                let h = intern(&mut self.headers, &name);
                match test {
                    ast::HeaderTest::Eq(v) => Cond::HeaderEq(h, self.value(v)?),
                    ast::HeaderTest::Ne(v) => Cond::negate(Cond::HeaderEq(h, self.value(v)?)),
                    ast::HeaderTest::Matches(ps) => Cond::HeaderMatch(
                        h,
                        ps.iter().map(|p| self.patterns.id(&p.value)).collect(),
                    ),
                    ast::HeaderTest::Present => Cond::HeaderPresent(h),
                    ast::HeaderTest::Absent => Cond::negate(Cond::HeaderPresent(h)),
                }
            }
            // `host in P` is a test of the `Host` header (pattern.rs).
            ast::Cond::Host {
                negated, patterns, ..
            } => {
                let h = intern(&mut self.headers, "host");
                let ids = patterns
                    .iter()
                    .map(|p| self.patterns.id(&p.value))
                    .collect();
                negate(*negated, Cond::HeaderMatch(h, ids))
            }
            ast::Cond::Path { negated, globs, .. } => {
                let ids = globs
                    .iter()
                    .map(|g| {
                        let def = GlobDef {
                            text: g.text.clone(),
                            prefix: g.prefix,
                        };
                        self.globs.id(&def)
                    })
                    .collect();
                negate(*negated, Cond::Path(ids))
            }
            ast::Cond::Source { negated, addrs, .. } => {
                negate(*negated, Cond::Source(self.addrs(addrs)))
            }
            ast::Cond::Port { negated, ports, .. } => {
                negate(*negated, Cond::Port(self.ports(ports)))
            }
            ast::Cond::Method {
                negated, methods, ..
            } => {
                let ids = methods
                    .iter()
                    .map(|m| intern(&mut self.methods, &m.name))
                    .collect();
                negate(*negated, Cond::Method(ids))
            }
            ast::Cond::Opaque(id) => self.opaque(id)?,
            ast::Cond::Not(inner, _) => Cond::negate(self.cond(inner)?),
            ast::Cond::And(items, _) => Cond::And(self.conds(items)?),
            ast::Cond::Or(items, _) => Cond::Or(self.conds(items)?),
        })
    }

    /// Checks every item (reporting all problems) before giving up.
    fn conds(&mut self, items: &[ast::Cond]) -> Option<Vec<Cond>> {
        let out: Vec<Option<Cond>> = items.iter().map(|i| self.cond(i)).collect();
        out.into_iter().collect()
    }

    fn assertion(&mut self, a: &ast::AssertDecl) -> Option<Assertion> {
        let p = &a.property;
        let from = self.node_ref(&p.from);
        let target = match &p.to {
            ast::Target::Node(id) => self.node_ref(id).map(|n| Target::Node(n, all_ports())),
            ast::Target::NodePorts(id, ports) => {
                let ports = self.ports(ports);
                self.node_ref(id).map(|n| Target::Node(n, ports))
            }
            ast::Target::Port(ports, _) => Some(Target::Port(self.ports(ports))),
        };
        let where_ = match &p.where_ {
            Some(c) => self.cond(c),
            None => Some(Cond::True),
        };
        let tail = match &p.tail {
            ast::PropertyTail::None => Some(Tail::None),
            ast::PropertyTail::Requires(c) => self.cond(c).map(Tail::Requires),
            ast::PropertyTail::Via(id) => self.node_ref(id).map(Tail::Via),
            ast::PropertyTail::Encrypted => Some(Tail::Encrypted),
        };
        Some(Assertion {
            name: a.name.name.clone(),
            name_span: a.name.span,
            span: a.span,
            kind: p.kind,
            from: from?,
            target: target?,
            where_: where_?,
            tail: tail?,
        })
    }
}

/// How alike a defined name is to a misspelt one: 0 when not a plausible
/// typo, otherwise higher for closer names. Transpositions count as one edit.
fn similarity(defined: &str, typed: &str) -> f64 {
    let edits = strsim::osa_distance(defined, typed);
    let allowed = 1 + typed.chars().count() / 4;
    let jw = strsim::jaro_winkler(defined, typed);
    if edits <= allowed || jw > 0.85 {
        jw + 1.0 / (1.0 + edits as f64)
    } else {
        0.0
    }
}

/// An error at the first statement past a limit, if any.
fn over_limits(file: &ast::File, limits: &Limits) -> Option<Diagnostic> {
    let (mut nodes, mut rules, mut assertions) = (0usize, 0usize, 0usize);
    for stmt in &file.statements {
        let (count, limit, what, code, span) = match stmt {
            ast::Statement::Node(n) => {
                nodes += 1;
                rules += n
                    .items
                    .iter()
                    .map(|i| match i {
                        ast::NodeItem::On(b) => b.rules.len(),
                        _ => 0,
                    })
                    .sum::<usize>();
                if rules > limits.rules {
                    (
                        rules,
                        limits.rules,
                        "rules",
                        "stargate::model::too_many_rules",
                        n.name.span,
                    )
                } else {
                    (
                        nodes,
                        limits.nodes,
                        "nodes",
                        "stargate::model::too_many_nodes",
                        n.name.span,
                    )
                }
            }
            ast::Statement::Acl(a) => {
                rules += a.entries.len();
                if rules <= limits.rules {
                    continue;
                }
                (
                    rules,
                    limits.rules,
                    "rules",
                    "stargate::model::too_many_rules",
                    a.name.span,
                )
            }
            ast::Statement::Assert(a) => {
                assertions += 1;
                (
                    assertions,
                    limits.assertions,
                    "assertions",
                    "stargate::model::too_many_assertions",
                    a.name.span,
                )
            }
            _ => continue,
        };
        if count > limit {
            return Some(
                Diagnostic::error(code, format!("the policy has more than {limit} {what}"), span)
                    .label(format!("{what} beyond the limit start here"))
                    .help(format!("split the policy into several files; the limit of {limit} {what} guards against runaway input")),
            );
        }
    }
    None
}

fn negate(negated: bool, c: Cond) -> Cond {
    if negated {
        Cond::negate(c)
    } else {
        c
    }
}

fn intern(table: &mut Interner<String>, s: &str) -> usize {
    match table.ids.get(s) {
        Some(&id) => id,
        None => table.id(&s.to_string()),
    }
}

fn cyclic(id: &ast::Ident, reference: Span) -> Diagnostic {
    let d = Diagnostic::error(
        "stargate::model::cyclic_addresses",
        format!(
            "the addresses of `{}` are defined in terms of themselves",
            id.name
        ),
        reference,
    )
    .label(format!(
        "`{}` is used here while its own addresses are being worked out",
        id.name
    ))
    .help("break the cycle: give one of the sets literal CIDRs");
    if reference == id.span {
        d
    } else {
        d.related(id.span, format!("`{}` is defined here", id.name))
    }
}
