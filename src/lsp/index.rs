//! The name index of one file, built from its AST: every identifier that
//! names something, declaration or use, with its span. Navigation (hover,
//! definition, references, symbols) reads it; nothing here resolves
//! addresses or checks kinds, so it works on files with errors too.

use crate::model::NodeKind;
use crate::span::Span;
use crate::syntax::ast::{
    AddrExpr, AssertDecl, Cond, File, HeaderEdit, HeaderTest, NodeDecl, NodeItem, PropertyTail,
    Rule, Statement, Target, Value,
};

/// What a declaration declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclKind {
    Policy,
    Let,
    Secret,
    Group,
    Node(NodeKind),
    Assert,
    Acl,
    /// `opaque NAME = COND` (its name is in the opaque checks' namespace).
    Opaque,
}

impl DeclKind {
    /// The keyword that declares it.
    pub fn keyword(self) -> &'static str {
        match self {
            DeclKind::Policy => "policy",
            DeclKind::Let => "let",
            DeclKind::Secret => "secret",
            DeclKind::Group => "group",
            DeclKind::Acl => "acl",
            DeclKind::Opaque => "opaque",
            DeclKind::Node(k) => k.as_str(),
            DeclKind::Assert => "assert",
        }
    }
}

/// A statement that introduces a name.
#[derive(Debug, Clone)]
pub struct Declaration {
    pub name: String,
    pub kind: DeclKind,
    pub name_span: Span,
    /// The whole statement.
    pub span: Span,
    /// Index into the AST's statements.
    pub statement: usize,
}

/// Which names an identifier can mean: lets, secrets, nodes and assertions
/// share one namespace; `opaque` checks have their own; the policy's name
/// is in none (docs/language.md, section 3.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namespace {
    Names,
    Opaque,
    Policy,
}

/// One identifier in the text.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub name: String,
    pub span: Span,
    pub namespace: Namespace,
    /// The declaration this identifier is the name of, if it is one.
    pub declares: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    /// In statement order.
    pub declarations: Vec<Declaration>,
    /// In text order; identifiers never overlap.
    pub occurrences: Vec<Occurrence>,
}

impl NameIndex {
    pub fn build(file: &File) -> Self {
        let mut ix = NameIndex::default();
        for (i, stmt) in file.statements.iter().enumerate() {
            ix.statement(i, stmt);
        }
        ix.occurrences.sort_by_key(|o| o.span.start);
        ix
    }

    /// The identifier at a byte offset; a cursor just after a name counts.
    pub fn at(&self, offset: usize) -> Option<&Occurrence> {
        let i = self.occurrences.partition_point(|o| o.span.start <= offset);
        let o = self.occurrences.get(i.checked_sub(1)?)?;
        (offset <= o.span.end).then_some(o)
    }

    /// The declarations an identifier refers to: the first one is the one
    /// the checker resolves to; more than one means a duplicate name.
    pub fn definitions(&self, o: &Occurrence) -> Vec<&Declaration> {
        match o.namespace {
            Namespace::Names => self
                .declarations
                .iter()
                .filter(|d| {
                    d.name == o.name && !matches!(d.kind, DeclKind::Policy | DeclKind::Opaque)
                })
                .collect(),
            Namespace::Policy => o
                .declares
                .and_then(|i| self.declarations.get(i))
                .into_iter()
                .collect(),
            Namespace::Opaque => self
                .declarations
                .iter()
                .filter(|d| d.name == o.name && d.kind == DeclKind::Opaque)
                .collect(),
        }
    }

    /// Every identifier meaning the same as `o`, in text order; declarations
    /// only when asked for.
    pub fn references(&self, o: &Occurrence, include_declarations: bool) -> Vec<Span> {
        self.occurrences
            .iter()
            .filter(|r| r.namespace == o.namespace && r.name == o.name)
            .filter(|r| o.namespace != Namespace::Policy || r.span == o.span)
            .filter(|r| include_declarations || r.declares.is_none())
            .map(|r| r.span)
            .collect()
    }

    /// How many times a name is used (not declared).
    pub fn use_count(&self, namespace: Namespace, name: &str) -> usize {
        self.occurrences
            .iter()
            .filter(|r| r.namespace == namespace && r.name == name && r.declares.is_none())
            .count()
    }

    fn declare(
        &mut self,
        statement: usize,
        id: &crate::syntax::ast::Ident,
        kind: DeclKind,
        span: Span,
    ) {
        let namespace = match kind {
            DeclKind::Policy => Namespace::Policy,
            DeclKind::Opaque => Namespace::Opaque,
            _ => Namespace::Names,
        };
        self.occurrences.push(Occurrence {
            name: id.name.clone(),
            span: id.span,
            namespace,
            declares: Some(self.declarations.len()),
        });
        self.declarations.push(Declaration {
            name: id.name.clone(),
            kind,
            name_span: id.span,
            span: span.to(id.span),
            statement,
        });
    }

    fn use_name(&mut self, id: &crate::syntax::ast::Ident, namespace: Namespace) {
        self.occurrences.push(Occurrence {
            name: id.name.clone(),
            span: id.span,
            namespace,
            declares: None,
        });
    }

    fn statement(&mut self, i: usize, stmt: &Statement) {
        match stmt {
            Statement::Policy(id) => self.declare(i, id, DeclKind::Policy, id.span),
            Statement::Let(l) => {
                self.declare(i, &l.name, DeclKind::Let, l.span);
                self.addrs(&l.addrs);
            }
            Statement::Secret(s) => self.declare(i, &s.name, DeclKind::Secret, s.span),
            Statement::Group(g) => self.declare(i, &g.name, DeclKind::Group, g.span),
            Statement::Include(_) => {}
            Statement::Opaque(d) => {
                self.declare(i, &d.name, DeclKind::Opaque, d.span);
                self.cond(&d.cond);
            }
            Statement::Node(n) => self.node(i, n),
            Statement::Assert(a) => self.assertion(i, a),
            Statement::Acl(a) => {
                self.declare(i, &a.name, DeclKind::Acl, a.span);
                self.addrs(&a.covers);
                for e in &a.entries {
                    self.addrs(&e.remote);
                }
            }
        }
    }

    fn node(&mut self, i: usize, n: &NodeDecl) {
        self.declare(i, &n.name, DeclKind::Node(n.kind), n.span);
        for item in &n.items {
            match item {
                NodeItem::Addresses { addrs, .. } => self.addrs(addrs),
                NodeItem::Knows { secrets: names, .. } | NodeItem::Member { groups: names, .. } => {
                    for s in names {
                        self.use_name(s, Namespace::Names);
                    }
                }
                NodeItem::Listen { from, .. } => {
                    if let Some(from) = from {
                        self.addrs(from);
                    }
                }
                NodeItem::Egress { to, .. } | NodeItem::Reachable { from: to, .. } => {
                    self.addrs(to)
                }
                NodeItem::On(block) => {
                    for rule in &block.rules {
                        self.rule(rule);
                    }
                }
            }
        }
    }

    fn rule(&mut self, rule: &Rule) {
        match rule {
            Rule::Deny { cond, .. } => self.cond(cond),
            Rule::Forward {
                cond,
                targets,
                edits,
                ..
            } => {
                if let Some(c) = cond {
                    self.cond(c);
                }
                for (target, _) in targets {
                    self.use_name(target, Namespace::Names);
                }
                for e in edits {
                    if let HeaderEdit::Set(_, v) = e {
                        self.value(v);
                    }
                }
            }
        }
    }

    fn assertion(&mut self, i: usize, a: &AssertDecl) {
        self.declare(i, &a.name, DeclKind::Assert, a.span);
        let p = &a.property;
        self.use_name(&p.from, Namespace::Names);
        match &p.to {
            Target::Node(id) | Target::NodePorts(id, _) => self.use_name(id, Namespace::Names),
            Target::Port(..) => {}
        }
        if let Some(w) = &p.where_ {
            self.cond(w);
        }
        match &p.tail {
            PropertyTail::Requires(c) => self.cond(c),
            PropertyTail::Via(id) => self.use_name(id, Namespace::Names),
            PropertyTail::None | PropertyTail::Encrypted => {}
        }
    }

    fn value(&mut self, v: &Value) {
        if let Value::Name(id) = v {
            self.use_name(id, Namespace::Names);
        }
    }

    // Nesting is bounded by the pre-scan (`syntax::MAX_NESTING`), so the
    // recursion below is too.
    fn cond(&mut self, c: &Cond) {
        match c {
            Cond::Header { test, .. } | Cond::Query { test, .. } => match test {
                HeaderTest::Eq(v) | HeaderTest::Ne(v) => self.value(v),
                HeaderTest::Matches(_) | HeaderTest::Present | HeaderTest::Absent => {}
            },
            Cond::Source { addrs, .. } => self.addrs(addrs),
            Cond::Opaque(id) => self.use_name(id, Namespace::Opaque),
            Cond::Not(inner, _) => self.cond(inner),
            Cond::And(cs, _) | Cond::Or(cs, _) => {
                for c in cs {
                    self.cond(c);
                }
            }
            // Methods are values, not names.
            Cond::Path { .. } | Cond::Host { .. } | Cond::Port { .. } | Cond::Method { .. } => {}
        }
    }

    fn addrs(&mut self, e: &AddrExpr) {
        match e {
            AddrExpr::Name(id) => self.use_name(id, Namespace::Names),
            AddrExpr::List(items, _) => {
                for item in items {
                    self.addrs(item);
                }
            }
            AddrExpr::Except(a, b, _) => {
                self.addrs(a);
                self.addrs(b);
            }
            AddrExpr::Cidr(..) | AddrExpr::Any(_) | AddrExpr::Invalid(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "policy p\n\
        let office = [10.1.0.0/16]\n\
        secret key\n\
        zone internet { addresses any except office }\n\
        service app {\n  addresses 10.9.0.0/24\n  knows key\n  listen 443 from office\n\
          on 443 { deny when opaque bot or header X-K != key }\n}\n\
        assert a: no path internet -> app where opaque bot\n";

    fn index() -> NameIndex {
        let (file, diags) = crate::syntax::parse(TEXT);
        assert!(diags.is_empty(), "{diags:?}");
        NameIndex::build(&file)
    }

    fn offset_of(needle: &str, nth: usize) -> usize {
        TEXT.match_indices(needle)
            .nth(nth)
            .map(|(i, _)| i)
            .unwrap_or(usize::MAX)
    }

    #[test]
    fn declarations_and_uses() {
        let ix = index();
        let names: Vec<(&str, DeclKind)> = ix
            .declarations
            .iter()
            .map(|d| (d.name.as_str(), d.kind))
            .collect();
        assert_eq!(
            names,
            [
                ("p", DeclKind::Policy),
                ("office", DeclKind::Let),
                ("key", DeclKind::Secret),
                ("internet", DeclKind::Node(NodeKind::Zone)),
                ("app", DeclKind::Node(NodeKind::Service)),
                ("a", DeclKind::Assert),
            ]
        );
        let office = ix.at(offset_of("office", 2) + 3).map(|o| o.name.clone());
        assert_eq!(office.as_deref(), Some("office"));
        let Some(o) = ix.at(offset_of("office", 1)) else {
            panic!("no identifier at the use of `office`");
        };
        assert_eq!(ix.references(o, false).len(), 2);
        assert_eq!(ix.references(o, true).len(), 3);
        assert_eq!(ix.definitions(o)[0].name_span.start, offset_of("office", 0));
        // The secret used as a header value and in `knows`.
        assert_eq!(ix.use_count(Namespace::Names, "key"), 2);
        // Opaque checks are their own namespace, with no declaration.
        let Some(bot) = ix.at(offset_of("bot", 0)) else {
            panic!("no identifier at `bot`");
        };
        assert_eq!(bot.namespace, Namespace::Opaque);
        assert!(ix.definitions(bot).is_empty());
        assert_eq!(ix.references(bot, true).len(), 2);
        // Between names: nothing.
        assert!(ix.at(offset_of("10.9", 0)).is_none());
    }

    #[test]
    fn acls_declare_their_name_and_use_address_sets() {
        let text = "let office = 10.1.0.0/16\nzone lan { addresses 10.2.0.0/16 }\n\
            acl lan_acl covers lan {\n  inbound 100 allow 443 from office\n}\n";
        let (file, diags) = crate::syntax::parse(text);
        assert!(diags.is_empty(), "{diags:?}");
        let ix = NameIndex::build(&file);
        let acl = ix.declarations.iter().find(|d| d.name == "lan_acl");
        assert_eq!(acl.map(|d| d.kind), Some(DeclKind::Acl));
        assert_eq!(ix.use_count(Namespace::Names, "office"), 1);
        assert_eq!(ix.use_count(Namespace::Names, "lan"), 1);
        let at = text.rfind("office").unwrap_or(0);
        let Some(o) = ix.at(at) else {
            panic!("no identifier at the entry's `office`");
        };
        assert_eq!(
            ix.definitions(o)[0].name_span.start,
            text.find("office").unwrap_or(0)
        );
    }
}
