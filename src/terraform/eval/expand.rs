//! Expansion: `count` and `for_each` into instances, resource bodies
//! into attributes (nested blocks as lists of objects), `dynamic` blocks.

use std::collections::BTreeMap;

use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::Span;

use super::{EvalError, Evaluator, Keys, Scope, META};
use crate::terraform::diag::{codes, Loc, TfDiagnostic};
use crate::terraform::inventory::{
    secret_type, Instance, Mode, SecretEntry, UnknownEntry, BLOCK_LINE,
};
use crate::terraform::value::{ResourceValue, Value};

impl<'a> Evaluator<'a> {
    // ---- expansion -------------------------------------------------------

    pub(super) fn keys(&self, body: &Body, sc: &Scope) -> Result<Keys, EvalError> {
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
    pub(super) fn expand(
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
    pub(super) fn resource(
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
    pub(super) fn expand_resource(
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
                    loc: Some(loc.clone()),
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
    pub(super) fn body_attrs(&self, body: &Body, sc: &Scope, top: bool) -> BTreeMap<String, Value> {
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
                    let mut m = self.body_attrs(&b.body, sc, false);
                    self.mark_line(&mut m, sc, b.ident.span());
                    push_block(&mut out, ident, Value::Map(m));
                }
            }
        }
        out
    }

    pub(super) fn dynamic(&self, b: &Block, sc: &Scope, out: &mut BTreeMap<String, Value>) {
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
            let mut m = self.body_attrs(&content.body, &inner, false);
            self.mark_line(&mut m, sc, b.ident.span());
            push_block(out, &label, Value::Map(m));
        }
    }
}

impl Evaluator<'_> {
    fn mark_line(
        &self,
        m: &mut BTreeMap<String, Value>,
        sc: &Scope,
        span: Option<std::ops::Range<usize>>,
    ) {
        let line = self.loc(sc, span).line;
        m.insert(BLOCK_LINE.to_string(), Value::Number(line as f64));
    }
}

pub(super) fn push_block(out: &mut BTreeMap<String, Value>, ident: &str, v: Value) {
    match out
        .entry(ident.to_string())
        .or_insert_with(|| Value::List(Vec::new()))
    {
        Value::List(items) => items.push(v),
        other => *other = Value::List(vec![v]),
    }
}
