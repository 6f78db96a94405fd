//! Variables and references: root variable values and sensitivity,
//! `var.`, `local.`, `count.`, `each.`, `path.`, resources, data sources,
//! module outputs, and outputs themselves.

use std::collections::BTreeMap;

use hcl_edit::expr::Expression;
use hcl_edit::structure::Block;
use hcl_edit::Span;

use super::{EvalError, Evaluator, Scope};
use crate::terraform::diag::codes;
use crate::terraform::inventory::SecretEntry;
use crate::terraform::value::Value;

impl<'a> Evaluator<'a> {
    // ---- variables -------------------------------------------------------

    pub(super) fn root_variables(
        &self,
        given: &BTreeMap<String, Value>,
    ) -> BTreeMap<String, Value> {
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
            let v = self.typed(b, v, &sc);
            out.insert(name.clone(), self.mark_sensitive(b, &name, "", v, &sc));
        }
        out
    }

    /// A variable's value converted to its `type` (optional attributes).
    pub(super) fn typed(&self, b: &Block, v: Value, sc: &Scope) -> Value {
        match b.body.get_attribute("type") {
            Some(t) => super::types::convert(&self.type_of(&t.value, sc, 0), v),
            None => v,
        }
    }

    /// A variable's default may not reference anything.
    pub(super) fn eval_const(&self, e: &Expression, sc: &Scope) -> Value {
        self.eval_or_report(e, sc)
    }

    pub(super) fn mark_sensitive(
        &self,
        b: &Block,
        name: &str,
        prefix: &str,
        v: Value,
        sc: &Scope,
    ) -> Value {
        let sensitive = b
            .body
            .get_attribute("sensitive")
            .and_then(|a| a.value.as_bool())
            .unwrap_or(false);
        if sensitive {
            let address = format!("{prefix}var.{name}");
            let loc = self.loc(sc, b.ident.span());
            self.out.borrow_mut().secrets.push(SecretEntry {
                name: name.to_string(),
                address: address.clone(),
                loc: Some(loc),
            });
            Value::Secret(address)
        } else {
            v
        }
    }

    // ---- references ------------------------------------------------------

    pub(super) fn variable(
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
    pub(super) fn reference(
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

    pub(super) fn local(
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

    pub(super) fn output(
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
}
