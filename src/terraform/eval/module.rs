//! Module calls: instances (with `count` / `for_each`), their inputs,
//! references to their outputs, and the walk over every module instance.

use std::collections::BTreeMap;

use hcl_edit::structure::Block;
use hcl_edit::Span;

use super::{EvalError, Evaluator, Inst, Kids, Scope, MAX_MODULE_NESTING};
use crate::terraform::diag::codes;
use crate::terraform::inventory::UnknownEntry;
use crate::terraform::value::Value;

impl<'a> Evaluator<'a> {
    // ---- modules ---------------------------------------------------------

    pub(super) fn module_ref(
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

    pub(super) fn call_block(&self, dir: usize, call: &str) -> Option<(usize, &'a Block)> {
        self.index[dir].find("module", call)
    }

    /// The instances of a module call, created (inputs evaluated) once.
    pub(super) fn module_instances(
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
                let v = self.typed(vb, v, &vsc);
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
    pub(super) fn walk(&self, inst: usize) {
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
