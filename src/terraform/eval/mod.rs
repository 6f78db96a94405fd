//! The evaluator: Terraform's configuration language as Terraform
//! evaluates it, without running it. Locals, resources, module calls and
//! outputs are evaluated on demand and cached; a name met again while it
//! is being evaluated is a reference cycle. `count` and `for_each` expand
//! instances; an expansion that depends on a value known only after apply
//! is reported as unknown, never guessed.

mod expr;
pub mod load;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};

use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::Span;

use super::diag::{codes, Loc, TfDiagnostic};
use super::hcl::TfFile;
use super::inventory::{secret_type, Instance, Inventory, Mode, SecretEntry, UnknownEntry};
use super::value::{ResourceValue, Value};
use load::Loaded;

/// An evaluation error: reported once, where it happened.
#[derive(Debug, Clone)]
pub struct EvalError(pub TfDiagnostic);

/// Where an expression is evaluated: its module instance and file, the
/// iteration variables in scope, and `count.index` / `each`.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    inst: usize,
    dir: usize,
    file: usize,
    vars: Vec<(String, Value)>,
    count: Option<Value>,
    each: Option<(Value, Value)>,
}

impl Scope {
    fn push(&mut self, name: &str, v: Value) {
        self.vars.push((name.to_string(), v));
    }
}

/// One instance of a module (the root, or one `count`/`for_each` copy).
#[derive(Debug)]
struct Inst {
    dir: usize,
    /// The address prefix, `""` or `module.alb.` or `module.svc["a"].`.
    prefix: String,
    vars: BTreeMap<String, Value>,
}

/// A module call's instances: (instance key, module instance).
type Kids = Vec<(Option<String>, usize)>;

/// What a block's `count` / `for_each` expands to.
enum Keys {
    Single,
    Count(usize),
    Each(Vec<(String, Value)>),
    Opaque(Value),
}

/// One module directory's declarations by name, so a reference is found
/// without scanning every block (the first declaration wins).
struct DirIndex<'a> {
    blocks: HashMap<String, (usize, &'a Block)>,
    locals: HashMap<String, (usize, &'a hcl_edit::structure::Attribute)>,
}

impl<'a> DirIndex<'a> {
    fn new(dir: &'a load::Dir) -> Self {
        let mut blocks = HashMap::new();
        let mut locals = HashMap::new();
        for (i, f) in dir.files.iter().enumerate() {
            for b in f.body.blocks() {
                let kind = b.ident.value().as_str();
                let key = match (kind, b.labels.as_slice()) {
                    ("resource" | "data", [t, n]) => {
                        format!("{kind}.{}.{}", t.as_str(), n.as_str())
                    }
                    ("output" | "module" | "variable", [n]) => format!("{kind}.{}", n.as_str()),
                    ("locals", []) => {
                        for a in b.body.attributes() {
                            locals
                                .entry(a.key.value().as_str().to_string())
                                .or_insert((i, a));
                        }
                        continue;
                    }
                    _ => continue,
                };
                blocks.entry(key).or_insert((i, b));
            }
        }
        DirIndex { blocks, locals }
    }

    fn find(&self, kind: &str, name: &str) -> Option<(usize, &'a Block)> {
        self.blocks.get(&format!("{kind}.{name}")).copied()
    }
}

pub struct Evaluator<'a> {
    loaded: &'a Loaded,
    index: Vec<DirIndex<'a>>,
    insts: RefCell<Vec<Inst>>,
    cache: RefCell<HashMap<(usize, String), Value>>,
    busy: RefCell<HashSet<(usize, String)>>,
    children: RefCell<HashMap<(usize, String), Kids>>,
    out: RefCell<Inventory>,
    depth: Cell<usize>,
}

/// Module instances nested deeper than this are not expanded.
const MAX_MODULE_NESTING: usize = 32;

/// Meta-arguments and blocks of a resource that are not its attributes.
const META: &[&str] = &[
    "count",
    "for_each",
    "depends_on",
    "lifecycle",
    "provider",
    "provisioner",
    "connection",
];

impl<'a> Evaluator<'a> {
    /// Evaluates a loaded configuration with the root module's variable
    /// values (already in precedence order) and returns the inventory.
    pub fn run(loaded: &'a Loaded, root_vars: &BTreeMap<String, Value>) -> Inventory {
        let ev = Evaluator {
            loaded,
            index: loaded.dirs.iter().map(DirIndex::new).collect(),
            insts: RefCell::new(Vec::new()),
            cache: RefCell::new(HashMap::new()),
            busy: RefCell::new(HashSet::new()),
            children: RefCell::new(HashMap::new()),
            out: RefCell::new(Inventory::default()),
            depth: Cell::new(0),
        };
        {
            let mut out = ev.out.borrow_mut();
            out.diagnostics.extend(loaded.diagnostics.iter().cloned());
            for (addr, loc, msg) in &loaded.unavailable {
                out.unknowns.push(UnknownEntry::new(addr, loc, msg));
            }
        }
        if loaded.dirs.is_empty() {
            return ev.out.into_inner();
        }
        let vars = ev.root_variables(root_vars);
        ev.insts.borrow_mut().push(Inst {
            dir: 0,
            prefix: String::new(),
            vars,
        });
        ev.walk(0);
        let mut inv = ev.out.into_inner();
        inv.secrets.sort();
        inv.secrets.dedup();
        inv
    }

    fn bare(loaded: &'a Loaded) -> Evaluator<'a> {
        Evaluator {
            loaded,
            index: loaded.dirs.iter().map(DirIndex::new).collect(),
            insts: RefCell::new(vec![Inst {
                dir: 0,
                prefix: String::new(),
                vars: BTreeMap::new(),
            }]),
            cache: RefCell::new(HashMap::new()),
            busy: RefCell::new(HashSet::new()),
            children: RefCell::new(HashMap::new()),
            out: RefCell::new(Inventory::default()),
            depth: Cell::new(0),
        }
    }

    /// The top-level attributes of the first file, evaluated without
    /// references (a `.tfvars` file).
    pub fn constants_with_diags(
        loaded: &'a Loaded,
    ) -> (BTreeMap<String, Value>, Vec<TfDiagnostic>) {
        let ev = Evaluator::bare(loaded);
        let mut vals = BTreeMap::new();
        if let Some(f) = loaded.dirs.first().and_then(|d| d.files.first()) {
            let sc = ev.scope(0, 0);
            for a in f.body.attributes() {
                vals.insert(
                    a.key.value().as_str().to_string(),
                    ev.eval_or_report(&a.value, &sc),
                );
            }
        }
        (vals, ev.out.into_inner().diagnostics)
    }

    /// Evaluates one expression with nothing in scope but iteration
    /// variables (for tests and `--var` values).
    pub fn standalone(src: &str) -> Result<Value, TfDiagnostic> {
        let file = super::hcl::parse_text("(expression)", &format!("v = {src}\n"))?;
        let loaded = Loaded {
            dirs: vec![load::Dir {
                shown: String::new(),
                files: vec![file],
                calls: HashMap::new(),
            }],
            ..Loaded::default()
        };
        let ev = Evaluator::bare(&loaded);
        let sc = ev.scope(0, 0);
        let Some(attr) = loaded.dirs[0].files[0].body.get_attribute("v") else {
            return Ok(Value::Null);
        };
        ev.eval(&attr.value, &sc).map_err(|e| e.0)
    }

    pub fn constants(loaded: &'a Loaded) -> BTreeMap<String, Value> {
        Evaluator::constants_with_diags(loaded).0
    }

    fn files(&self, dir: usize) -> &'a [TfFile] {
        &self.loaded.dirs[dir].files
    }

    fn blocks(
        &self,
        dir: usize,
        kind: &'static str,
    ) -> impl Iterator<Item = (usize, &'a Block)> + 'a {
        self.loaded.dirs[dir]
            .files
            .iter()
            .enumerate()
            .flat_map(move |(i, f)| f.body.get_blocks(kind).map(move |b| (i, b)))
    }

    fn loc(&self, sc: &Scope, span: Option<std::ops::Range<usize>>) -> Loc {
        match self.files(sc.dir).get(sc.file) {
            Some(f) => f.loc_of(span),
            None => Loc::default(),
        }
    }

    pub(crate) fn err(
        &self,
        code: &'static str,
        msg: impl Into<String>,
        span: Option<std::ops::Range<usize>>,
        sc: &Scope,
        help: &str,
    ) -> EvalError {
        EvalError(TfDiagnostic::error(code, msg, &self.loc(sc, span), help))
    }

    fn report(&self, e: EvalError) {
        let mut out = self.out.borrow_mut();
        if !out.diagnostics.contains(&e.0) {
            out.diagnostics.push(e.0);
        }
    }

    fn scope(&self, inst: usize, file: usize) -> Scope {
        let dir = self.insts.borrow()[inst].dir;
        Scope {
            inst,
            dir,
            file,
            vars: Vec::new(),
            count: None,
            each: None,
        }
    }

    fn prefix(&self, inst: usize) -> String {
        self.insts.borrow()[inst].prefix.clone()
    }

    /// Evaluates, reporting an error and standing in an unknown for it.
    fn eval_or_report(&self, e: &Expression, sc: &Scope) -> Value {
        match self.eval(e, sc) {
            Ok(v) => v,
            Err(err) => {
                let at = format!("an error at {}:{}", err.0.file, err.0.line);
                self.report(err);
                Value::Unknown(at)
            }
        }
    }

    /// Caches one named value of a module instance, detecting cycles.
    fn cached(
        &self,
        inst: usize,
        key: String,
        span: Option<std::ops::Range<usize>>,
        sc: &Scope,
        f: impl FnOnce() -> Value,
    ) -> Result<Value, EvalError> {
        let k = (inst, key);
        if let Some(v) = self.cache.borrow().get(&k) {
            return Ok(v.clone());
        }
        if !self.busy.borrow_mut().insert(k.clone()) {
            return Err(self.err(
                codes::CYCLE,
                format!("reference cycle through `{}{}`", self.prefix(inst), k.1),
                span,
                sc,
                "Terraform refuses cycles too: break one of the references",
            ));
        }
        let v = f();
        self.busy.borrow_mut().remove(&k);
        self.cache.borrow_mut().insert(k, v.clone());
        Ok(v)
    }

    // ---- variables -------------------------------------------------------

    fn root_variables(&self, given: &BTreeMap<String, Value>) -> BTreeMap<String, Value> {
        let mut out = BTreeMap::new();
        for (file, b) in self.blocks(0, "variable") {
            let Some(name) = b.labels.first().map(|l| l.as_str().to_string()) else {
                continue;
            };
            let sc = Scope {
                inst: 0,
                dir: 0,
                file,
                vars: Vec::new(),
                count: None,
                each: None,
            };
            let v = match given.get(&name) {
                Some(v) => v.clone(),
                None => match b.body.get_attribute("default") {
                    Some(d) => self.eval_const(&d.value, &sc),
                    None => {
                        self.report(self.err(
                            codes::MISSING_VARIABLE,
                            format!("variable `{name}` has no value"),
                            b.ident.span(),
                            &sc,
                            &format!("give it a default, set it in terraform.tfvars, or pass --var {name}=VALUE"),
                        ));
                        Value::Unknown(format!("var.{name} (not set)"))
                    }
                },
            };
            out.insert(name.clone(), self.mark_sensitive(b, &name, "", v, &sc));
        }
        out
    }

    /// A variable's default may not reference anything.
    fn eval_const(&self, e: &Expression, sc: &Scope) -> Value {
        self.eval_or_report(e, sc)
    }

    fn mark_sensitive(&self, b: &Block, name: &str, prefix: &str, v: Value, _sc: &Scope) -> Value {
        let sensitive = b
            .body
            .get_attribute("sensitive")
            .and_then(|a| a.value.as_bool())
            .unwrap_or(false);
        if sensitive {
            let address = format!("{prefix}var.{name}");
            self.out.borrow_mut().secrets.push(SecretEntry {
                name: name.to_string(),
                address: address.clone(),
            });
            Value::Secret(address)
        } else {
            v
        }
    }

    // ---- references ------------------------------------------------------

    fn variable(
        &self,
        name: &str,
        span: Option<std::ops::Range<usize>>,
        sc: &Scope,
    ) -> Result<Value, EvalError> {
        if let Some((_, v)) = sc.vars.iter().rev().find(|(n, _)| n == name) {
            return Ok(v.clone());
        }
        Err(self.err(
            codes::UNDEFINED,
            format!("`{name}` is not defined here"),
            span,
            sc,
            "refer to var.NAME, local.NAME, a resource TYPE.NAME or an iteration variable",
        ))
    }

    /// Resolves a reference from its root name and first operators;
    /// returns the value and how many operators it used.
    fn reference(
        &self,
        root: &str,
        ops: &[&hcl_edit::expr::TraversalOperator],
        span: Option<std::ops::Range<usize>>,
        sc: &Scope,
    ) -> Result<(Value, usize), EvalError> {
        use hcl_edit::expr::TraversalOperator as Op;
        if sc.vars.iter().any(|(n, _)| n == root) {
            return Ok((self.variable(root, span, sc)?, 0));
        }
        let attr = |i: usize| match ops.get(i) {
            Some(Op::GetAttr(a)) => Some(a.value().as_str()),
            _ => None,
        };
        let undefined =
            |what: String, help: &str| self.err(codes::UNDEFINED, what, span.clone(), sc, help);
        match (root, attr(0)) {
            ("var", Some(n)) => {
                let v = self.insts.borrow()[sc.inst].vars.get(n).cloned();
                match v {
                    Some(v) => Ok((v, 1)),
                    None => Err(undefined(
                        format!("no variable `{n}` is declared"),
                        "declare it in a `variable` block",
                    )),
                }
            }
            ("local", Some(n)) => Ok((self.local(sc.inst, n, span.clone(), sc)?, 1)),
            ("count", Some("index")) => match &sc.count {
                Some(v) => Ok((v.clone(), 1)),
                None => Err(undefined(
                    "`count.index` outside a block with `count`".into(),
                    "add `count` to the block, or remove the reference",
                )),
            },
            ("each", Some(k @ ("key" | "value"))) => match &sc.each {
                Some((key, value)) => Ok((
                    if k == "key" {
                        key.clone()
                    } else {
                        value.clone()
                    },
                    1,
                )),
                None => Err(undefined(
                    format!("`each.{k}` outside a block with `for_each`"),
                    "add `for_each` to the block, or remove the reference",
                )),
            },
            ("path", Some(p)) => {
                let dir = &self.loaded.dirs[sc.dir].shown;
                let v = match p {
                    "module" if !dir.is_empty() => dir.trim_end_matches('/').to_string(),
                    _ => ".".to_string(),
                };
                Ok((Value::String(v), 1))
            }
            ("terraform", Some("workspace")) => Ok((Value::str("default"), 1)),
            ("self", _) => Ok((Value::Unknown("self".into()), ops.len())),
            ("module", Some(m)) => self.module_ref(sc, m, attr(1), span),
            ("data", Some(t)) => match attr(1) {
                Some(n) => Ok((
                    self.resource(sc.inst, &format!("data.{t}.{n}"), span, sc)?,
                    2,
                )),
                None => Err(undefined(
                    "`data.TYPE` needs a name".into(),
                    "write data.TYPE.NAME",
                )),
            },
            (t, Some(n)) if !matches!(t, "var" | "local" | "count" | "each") => {
                Ok((self.resource(sc.inst, &format!("{t}.{n}"), span, sc)?, 1))
            }
            _ => Err(undefined(
                format!("`{root}` is not defined here"),
                "refer to var.NAME, local.NAME or TYPE.NAME",
            )),
        }
    }

    fn local(
        &self,
        inst: usize,
        name: &str,
        span: Option<std::ops::Range<usize>>,
        sc: &Scope,
    ) -> Result<Value, EvalError> {
        let dir = sc.dir;
        let found = self.index[dir].locals.get(name).copied();
        let Some((file, attr)) = found else {
            return Err(self.err(
                codes::UNDEFINED,
                format!("no local value `{name}`"),
                span,
                sc,
                "declare it in a `locals` block",
            ));
        };
        let inner = self.scope(inst, file);
        self.cached(inst, format!("local.{name}"), span, sc, || {
            self.eval_or_report(&attr.value, &inner)
        })
    }

    fn output(
        &self,
        inst: usize,
        name: &str,
        span: Option<std::ops::Range<usize>>,
        sc: &Scope,
    ) -> Result<Value, EvalError> {
        let dir = self.insts.borrow()[inst].dir;
        let found = self.index[dir].find("output", name);
        let Some((file, b)) = found else {
            return Err(self.err(
                codes::UNDEFINED,
                format!("the module has no output `{name}`"),
                span,
                sc,
                "check the module's outputs",
            ));
        };
        let inner = self.scope(inst, file);
        let prefix = self.prefix(inst);
        self.cached(inst, format!("output.{name}"), span, sc, || {
            let v = match b.body.get_attribute("value") {
                Some(a) => self.eval_or_report(&a.value, &inner),
                None => Value::Null,
            };
            if b.body
                .get_attribute("sensitive")
                .and_then(|a| a.value.as_bool())
                == Some(true)
            {
                Value::Secret(format!("{prefix}output.{name}"))
            } else {
                v
            }
        })
    }

    // ---- expansion -------------------------------------------------------

    fn keys(&self, body: &Body, sc: &Scope) -> Result<Keys, EvalError> {
        if let Some(c) = body.get_attribute("count") {
            let v = self.eval(&c.value, sc)?;
            if v.is_opaque() {
                return Ok(Keys::Opaque(v));
            }
            return match v.to_number() {
                Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 100_000.0 => {
                    Ok(Keys::Count(n as usize))
                }
                _ => Err(self.err(
                    codes::TYPE_MISMATCH,
                    format!(
                        "`count` must be a whole number from 0 to 100000, not {}",
                        v.type_name()
                    ),
                    c.value.span(),
                    sc,
                    "count takes a number, e.g. `length(var.list)`",
                )),
            };
        }
        if let Some(fe) = body.get_attribute("for_each") {
            let v = self.eval(&fe.value, sc)?;
            return Ok(match &v {
                o if o.is_opaque() => Keys::Opaque(v),
                Value::Map(_) | Value::Resource(_) => {
                    let m = v.as_map().cloned().unwrap_or_default();
                    Keys::Each(m.into_iter().collect())
                }
                Value::List(items) => {
                    let mut out = Vec::new();
                    for i in items {
                        match i {
                            o if o.is_opaque() => return Ok(Keys::Opaque(o.clone())),
                            _ => match i.as_str() {
                                Some(s) => out.push((s.to_string(), i.clone())),
                                None => {
                                    return Err(self.err(
                                        codes::TYPE_MISMATCH,
                                        "`for_each` over a set needs strings",
                                        fe.value.span(),
                                        sc,
                                        "use toset() of strings, or a map",
                                    ))
                                }
                            },
                        }
                    }
                    out.sort_by(|a, b| a.0.cmp(&b.0));
                    out.dedup_by(|a, b| a.0 == b.0);
                    Keys::Each(out)
                }
                Value::Null => Keys::Each(Vec::new()),
                _ => {
                    return Err(self.err(
                        codes::TYPE_MISMATCH,
                        format!(
                            "`for_each` needs a map or a set of strings, not a {}",
                            v.type_name()
                        ),
                        fe.value.span(),
                        sc,
                        "use a map or toset([...])",
                    ))
                }
            });
        }
        Ok(Keys::Single)
    }

    /// The instances a block expands to: (key as printed, count.index /
    /// each values), or None (reported as unknown) when that depends on
    /// values known only after apply.
    fn expand(
        &self,
        body: &Body,
        sc: &Scope,
        address: &str,
        loc: &Loc,
    ) -> Option<Vec<(Option<String>, Scope)>> {
        let keys = match self.keys(body, sc) {
            Ok(k) => k,
            Err(e) => {
                self.report(e);
                return None;
            }
        };
        Some(match keys {
            Keys::Single => vec![(None, sc.clone())],
            Keys::Count(n) => (0..n)
                .map(|i| {
                    let mut s = sc.clone();
                    s.count = Some(Value::Number(i as f64));
                    (Some(i.to_string()), s)
                })
                .collect(),
            Keys::Each(items) => items
                .into_iter()
                .map(|(k, v)| {
                    let mut s = sc.clone();
                    s.each = Some((Value::String(k.clone()), v));
                    (Some(format!("{k:?}")), s)
                })
                .collect(),
            Keys::Opaque(v) => {
                let what = match &v {
                    Value::Unknown(w) => format!("{w}, known only after apply"),
                    _ => "a secret".into(),
                };
                let msg = format!("the number of instances depends on {what}: not expanded");
                self.out
                    .borrow_mut()
                    .unknowns
                    .push(UnknownEntry::new(address, loc, &msg));
                self.out.borrow_mut().diagnostics.push(TfDiagnostic::warning(
                    codes::UNKNOWN_DECISION,
                    format!("{address}: {msg}"),
                    loc,
                    "key count/for_each by values known before apply (names, not ids), or import the plan JSON",
                ));
                return None;
            }
        })
    }

    // ---- resources -------------------------------------------------------

    /// The value of a resource (or `data.` source) by its name in a module
    /// instance: one object, a list (count), a map (for_each) or unknown.
    fn resource(
        &self,
        inst: usize,
        key: &str,
        span: Option<std::ops::Range<usize>>,
        sc: &Scope,
    ) -> Result<Value, EvalError> {
        let dir = self.insts.borrow()[inst].dir;
        let (mode, rest) = match key.strip_prefix("data.") {
            Some(r) => (Mode::Data, r),
            None => (Mode::Managed, key),
        };
        let Some((rtype, name)) = rest.split_once('.') else {
            return Err(self.err(
                codes::UNDEFINED,
                format!("`{key}` is not a resource"),
                span,
                sc,
                "write TYPE.NAME",
            ));
        };
        let kind = if mode == Mode::Data {
            "data"
        } else {
            "resource"
        };
        let found = self.index[dir].find(kind, &format!("{rtype}.{name}"));
        let Some((file, block)) = found else {
            return Err(self.err(
                codes::UNDEFINED,
                format!("no {kind} `{key}` is declared in this module"),
                span,
                sc,
                "check the type and name; resources of other modules are reached through their outputs",
            ));
        };
        let prefix = self.prefix(inst);
        self.cached(inst, key.to_string(), span, sc, || {
            self.expand_resource(inst, file, block, mode, rtype, name, &prefix)
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn expand_resource(
        &self,
        inst: usize,
        file: usize,
        block: &Block,
        mode: Mode,
        rtype: &str,
        name: &str,
        prefix: &str,
    ) -> Value {
        let sc = self.scope(inst, file);
        let data = if mode == Mode::Data { "data." } else { "" };
        let base = format!("{prefix}{data}{rtype}.{name}");
        let loc = self.loc(&sc, block.ident.span());
        let Some(items) = self.expand(&block.body, &sc, &base, &loc) else {
            return Value::Unknown(base);
        };
        let secret_rest = secret_type(mode, rtype);
        let is_count = block.body.get_attribute("count").is_some();
        let mut list = Vec::new();
        let mut map = BTreeMap::new();
        for (k, isc) in items {
            let address = match &k {
                Some(k) => format!("{base}[{k}]"),
                None => base.clone(),
            };
            let attrs = self.body_attrs(&block.body, &isc, true);
            if secret_rest {
                self.out.borrow_mut().secrets.push(SecretEntry {
                    name: name.to_string(),
                    address: address.clone(),
                });
            }
            self.out.borrow_mut().instances.push(Instance {
                address: address.clone(),
                mode,
                rtype: rtype.to_string(),
                name: name.to_string(),
                key: k.clone(),
                module: prefix.trim_end_matches('.').to_string(),
                attrs: attrs.clone(),
                loc: loc.clone(),
                references: BTreeMap::new(),
            });
            let v = Value::Resource(Box::new(ResourceValue {
                address,
                attrs,
                secret_rest,
            }));
            match (&k, &isc.each) {
                (Some(_), Some((Value::String(key), _))) => {
                    map.insert(key.clone(), v);
                }
                _ => list.push(v),
            }
        }
        if is_count {
            Value::List(list)
        } else if block.body.get_attribute("for_each").is_some() {
            Value::Map(map)
        } else {
            list.into_iter().next().unwrap_or(Value::Null)
        }
    }

    /// A block body's attributes and nested blocks (as lists of objects),
    /// with `dynamic` blocks expanded.
    fn body_attrs(&self, body: &Body, sc: &Scope, top: bool) -> BTreeMap<String, Value> {
        let mut out: BTreeMap<String, Value> = BTreeMap::new();
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let k = a.key.value().as_str();
                    if top && META.contains(&k) {
                        continue;
                    }
                    out.insert(k.to_string(), self.eval_or_report(&a.value, sc));
                }
                Structure::Block(b) => {
                    let ident = b.ident.value().as_str();
                    if top && META.contains(&ident) {
                        continue;
                    }
                    if ident == "dynamic" {
                        self.dynamic(b, sc, &mut out);
                        continue;
                    }
                    let v = Value::Map(self.body_attrs(&b.body, sc, false));
                    push_block(&mut out, ident, v);
                }
            }
        }
        out
    }

    fn dynamic(&self, b: &Block, sc: &Scope, out: &mut BTreeMap<String, Value>) {
        let Some(label) = b.labels.first().map(|l| l.as_str().to_string()) else {
            return;
        };
        let iterator = b
            .body
            .get_attribute("iterator")
            .and_then(|a| a.value.as_variable().map(|v| v.as_str().to_string()))
            .unwrap_or_else(|| label.clone());
        let Some(fe) = b.body.get_attribute("for_each") else {
            self.report(self.err(
                codes::UNDEFINED,
                format!("dynamic \"{label}\" has no for_each"),
                b.ident.span(),
                sc,
                "add `for_each = ...` to the dynamic block",
            ));
            return;
        };
        let Some(content) = b.body.get_blocks("content").next() else {
            self.report(self.err(
                codes::UNDEFINED,
                format!("dynamic \"{label}\" has no content block"),
                b.ident.span(),
                sc,
                "add `content { ... }`",
            ));
            return;
        };
        let coll = self.eval_or_report(&fe.value, sc);
        let pairs = match self.pairs(&coll, fe.value.span(), sc) {
            Ok(Some(p)) => p,
            Ok(None) => {
                push_block(out, &label, coll);
                return;
            }
            Err(e) => {
                self.report(e);
                return;
            }
        };
        for (k, v) in pairs {
            let mut inner = sc.clone();
            let mut it = BTreeMap::new();
            it.insert("key".to_string(), k);
            it.insert("value".to_string(), v);
            inner.push(&iterator, Value::Map(it));
            let v = Value::Map(self.body_attrs(&content.body, &inner, false));
            push_block(out, &label, v);
        }
    }

    // ---- modules ---------------------------------------------------------

    fn module_ref(
        &self,
        sc: &Scope,
        call: &str,
        out_name: Option<&str>,
        span: Option<std::ops::Range<usize>>,
    ) -> Result<(Value, usize), EvalError> {
        let Some(kids) = self.module_instances(sc.inst, call, span.clone(), sc)? else {
            return Ok((
                Value::Unknown(format!("{}module.{call}", self.prefix(sc.inst))),
                1,
            ));
        };
        let counted = self.call_block(sc.dir, call).is_some_and(|(_, b)| {
            b.body.get_attribute("count").is_some() || b.body.get_attribute("for_each").is_some()
        });
        if !counted {
            if let (Some(o), Some((_, child))) = (out_name, kids.first()) {
                return Ok((self.output(*child, o, span, sc)?, 2));
            }
        }
        let mut list = Vec::new();
        let mut map = BTreeMap::new();
        for (k, child) in &kids {
            let dir = self.insts.borrow()[*child].dir;
            let names: Vec<String> = self
                .blocks(dir, "output")
                .filter_map(|(_, b)| b.labels.first().map(|l| l.as_str().to_string()))
                .collect();
            let mut outs = BTreeMap::new();
            for n in names {
                outs.insert(n.clone(), self.output(*child, &n, span.clone(), sc)?);
            }
            match k {
                Some(k) if k.starts_with('"') => {
                    map.insert(k.trim_matches('"').to_string(), Value::Map(outs));
                }
                _ => list.push(Value::Map(outs)),
            }
        }
        let v = if !counted {
            list.into_iter().next().unwrap_or(Value::Null)
        } else if map.is_empty() {
            Value::List(list)
        } else {
            Value::Map(map)
        };
        Ok((v, 1))
    }

    fn call_block(&self, dir: usize, call: &str) -> Option<(usize, &'a Block)> {
        self.index[dir].find("module", call)
    }

    /// The instances of a module call, created (inputs evaluated) once.
    fn module_instances(
        &self,
        inst: usize,
        call: &str,
        span: Option<std::ops::Range<usize>>,
        sc: &Scope,
    ) -> Result<Option<Kids>, EvalError> {
        if let Some(k) = self.children.borrow().get(&(inst, call.to_string())) {
            return Ok(Some(k.clone()));
        }
        let dir = self.insts.borrow()[inst].dir;
        let Some((file, block)) = self.call_block(dir, call) else {
            return Err(self.err(
                codes::UNDEFINED,
                format!("no module call `{call}`"),
                span,
                sc,
                "declare it in a `module` block",
            ));
        };
        let Some(child_dir) = self.loaded.dirs[dir].calls.get(call).copied().flatten() else {
            return Ok(None);
        };
        // A module that calls itself would expand forever.
        if self.prefix(inst).matches("module.").count() >= MAX_MODULE_NESTING {
            let (file_sc, loc_span) = (self.scope(inst, file), block.ident.span());
            let loc = self.loc(&file_sc, loc_span.clone());
            let address = format!("{}module.{call}", self.prefix(inst));
            self.out.borrow_mut().unknowns.push(UnknownEntry::new(
                &address,
                &loc,
                "modules nested more than 32 deep: not expanded",
            ));
            self.report(self.err(
                codes::TOO_DEEP,
                format!("{address}: modules nested more than {MAX_MODULE_NESTING} deep"),
                loc_span,
                &file_sc,
                "a module calls itself, directly or through others: break the loop",
            ));
            return Ok(None);
        }
        let key = format!("module.{call}");
        let busy_key = (inst, key.clone());
        if !self.busy.borrow_mut().insert(busy_key.clone()) {
            return Err(self.err(
                codes::CYCLE,
                format!("reference cycle through `{key}`"),
                span,
                sc,
                "break one of the references between the module's inputs and outputs",
            ));
        }
        let prefix = self.prefix(inst);
        let msc = self.scope(inst, file);
        let base = format!("{prefix}module.{call}");
        let loc = self.loc(&msc, block.ident.span());
        let items = self
            .expand(&block.body, &msc, &base, &loc)
            .unwrap_or_default();
        let mut kids = Vec::new();
        for (k, isc) in items {
            let child_prefix = match &k {
                Some(k) => format!("{base}[{k}]."),
                None => format!("{base}."),
            };
            let mut vars = BTreeMap::new();
            let child_vars: Vec<(usize, &Block)> = self.blocks(child_dir, "variable").collect();
            for (vfile, vb) in child_vars {
                let Some(name) = vb.labels.first().map(|l| l.as_str().to_string()) else {
                    continue;
                };
                let vsc = Scope {
                    inst,
                    dir: child_dir,
                    file: vfile,
                    vars: Vec::new(),
                    count: None,
                    each: None,
                };
                let v = match block.body.get_attribute(&name) {
                    Some(a) => self.eval_or_report(&a.value, &isc),
                    None => match vb.body.get_attribute("default") {
                        Some(d) => self.eval_const(&d.value, &vsc),
                        None => {
                            self.report(self.err(
                                codes::MISSING_VARIABLE,
                                format!("{base}: input `{name}` is not given"),
                                block.ident.span(),
                                &isc,
                                &format!("pass `{name} = ...` in the module block"),
                            ));
                            Value::Unknown(format!("{child_prefix}var.{name} (not set)"))
                        }
                    },
                };
                let v = self.mark_sensitive(vb, &name, &child_prefix, v, &vsc);
                vars.insert(name, v);
            }
            let id = {
                let mut insts = self.insts.borrow_mut();
                insts.push(Inst {
                    dir: child_dir,
                    prefix: child_prefix,
                    vars,
                });
                insts.len() - 1
            };
            kids.push((k, id));
        }
        self.busy.borrow_mut().remove(&busy_key);
        self.children
            .borrow_mut()
            .insert((inst, call.to_string()), kids.clone());
        Ok(Some(kids))
    }

    /// Evaluates everything a module instance declares, then its children.
    fn walk(&self, inst: usize) {
        let dir = self.insts.borrow()[inst].dir;
        // Terraform evaluates every local, used or not.
        let locals: Vec<(usize, String, Option<std::ops::Range<usize>>)> = self
            .blocks(dir, "locals")
            .flat_map(|(f, b)| {
                b.body
                    .attributes()
                    .map(move |a| (f, a.key.value().as_str().to_string(), a.key.span()))
            })
            .collect();
        for (file, name, span) in locals {
            let sc = self.scope(inst, file);
            if let Err(e) = self.local(inst, &name, span, &sc) {
                self.report(e);
            }
        }
        for kind in ["resource", "data"] {
            let blocks: Vec<(usize, &Block)> = self.blocks(dir, kind).collect();
            for (file, b) in blocks {
                if b.labels.len() != 2 {
                    continue;
                }
                let sc = self.scope(inst, file);
                let data = if kind == "data" { "data." } else { "" };
                let key = format!("{data}{}.{}", b.labels[0].as_str(), b.labels[1].as_str());
                if let Err(e) = self.resource(inst, &key, b.ident.span(), &sc) {
                    self.report(e);
                }
            }
        }
        let outputs: Vec<(usize, String)> = self
            .blocks(dir, "output")
            .filter_map(|(f, b)| b.labels.first().map(|l| (f, l.as_str().to_string())))
            .collect();
        for (file, name) in outputs {
            let sc = self.scope(inst, file);
            if let Err(e) = self.output(inst, &name, None, &sc) {
                self.report(e);
            }
        }
        let calls: Vec<(usize, String)> = self
            .blocks(dir, "module")
            .filter_map(|(f, b)| b.labels.first().map(|l| (f, l.as_str().to_string())))
            .collect();
        for (file, call) in calls {
            let sc = self.scope(inst, file);
            match self.module_instances(inst, &call, None, &sc) {
                Ok(Some(kids)) => {
                    for (_, child) in kids {
                        self.walk(child);
                    }
                }
                Ok(None) => {}
                Err(e) => self.report(e),
            }
        }
    }
}

fn push_block(out: &mut BTreeMap<String, Value>, ident: &str, v: Value) {
    match out
        .entry(ident.to_string())
        .or_insert_with(|| Value::List(Vec::new()))
    {
        Value::List(items) => items.push(v),
        other => *other = Value::List(vec![v]),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Evaluates one expression in an empty root module.
    pub fn eval_str(src: &str) -> Value {
        let file = crate::terraform::hcl::parse_text("t.tf", "").unwrap();
        let loaded = Loaded {
            dirs: vec![load::Dir {
                shown: String::new(),
                files: vec![file],
                calls: HashMap::new(),
            }],
            ..Loaded::default()
        };
        let ev = Evaluator::bare(&loaded);
        let e = hcl_edit::parser::parse_expr(src).unwrap();
        let sc = ev.scope(0, 0);
        ev.eval(&e, &sc)
            .unwrap_or_else(|e| Value::Unknown(format!("error: {}", e.0.message)))
    }
}
