//! The evaluator: Terraform's configuration language as Terraform
//! evaluates it, without running it. Locals, resources, module calls and
//! outputs are evaluated on demand and cached; a name met again while it
//! is being evaluated is a reference cycle. `count` and `for_each` expand
//! instances; an expansion that depends on a value known only after apply
//! is reported as unknown, never guessed.

mod expand;
mod expr;
pub mod load;
mod module;
mod refs;
mod types;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};

use hcl_edit::expr::Expression;
use hcl_edit::structure::Block;

use super::diag::{codes, Loc, TfDiagnostic};
use super::hcl::TfFile;
use super::inventory::{Inventory, UnknownEntry};
use super::value::Value;
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
