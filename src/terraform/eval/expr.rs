//! Evaluating one HCL expression in a scope: literals, templates,
//! traversals and splats, operators, conditionals, `for` expressions and
//! function calls. Unknown and secret values flow through; a secret wins.

use std::collections::BTreeMap;

use hcl_edit::expr::{BinaryOperator, Expression, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span;

use super::{EvalError, Evaluator, Scope};
use crate::terraform::diag::codes;
use crate::terraform::functions::{self, FnError};
use crate::terraform::value::Value;

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 200;

type R = Result<Value, EvalError>;

/// The first opaque (secret, else unknown) of two values.
fn opaque2(a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Secret(_), _) => Some(a.clone()),
        (_, Value::Secret(_)) => Some(b.clone()),
        (Value::Unknown(_), _) => Some(a.clone()),
        (_, Value::Unknown(_)) => Some(b.clone()),
        _ => None,
    }
}

impl<'a> Evaluator<'a> {
    pub(super) fn eval(&self, e: &Expression, sc: &Scope) -> R {
        let depth = self.depth.get();
        if depth > MAX_DEPTH {
            return Err(self.err(
                codes::TOO_DEEP,
                "expression nested too deeply",
                e.span(),
                sc,
                "split the expression into locals",
            ));
        }
        self.depth.set(depth + 1);
        let r = self.eval_inner(e, sc);
        self.depth.set(depth);
        r
    }

    fn eval_inner(&self, e: &Expression, sc: &Scope) -> R {
        Ok(match e {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::Bool(*b.value()),
            Expression::Number(n) => Value::Number(n.value().as_f64().unwrap_or(0.0)),
            Expression::String(s) => Value::String(s.value().clone()),
            Expression::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for x in a.iter() {
                    out.push(self.eval(x, sc)?);
                }
                Value::List(out)
            }
            Expression::Object(o) => {
                let mut out = BTreeMap::new();
                for (k, v) in o.iter() {
                    let key = match k {
                        hcl_edit::expr::ObjectKey::Ident(i) => i.value().as_str().to_string(),
                        hcl_edit::expr::ObjectKey::Expression(ke) => {
                            // `(var.x) = ...` and `"a" = ...` are both keys.
                            let kv = self.eval(ke, sc)?;
                            match kv {
                                Value::Unknown(_) | Value::Secret(_) => return Ok(kv),
                                _ => match kv.to_display_string() {
                                    Some(s) => s,
                                    None => {
                                        return Err(self.err(
                                            codes::TYPE_MISMATCH,
                                            format!(
                                                "an object key must be a string, not a {}",
                                                kv.type_name()
                                            ),
                                            ke.span(),
                                            sc,
                                            "use a string expression as the key",
                                        ))
                                    }
                                },
                            }
                        }
                    };
                    out.insert(key, self.eval(v.expr(), sc)?);
                }
                Value::Map(out)
            }
            Expression::StringTemplate(t) => {
                let elems: Vec<&Element> = t.iter().collect();
                self.template(&elems, sc)?
            }
            Expression::HeredocTemplate(h) => {
                let mut h = (**h).clone();
                if h.indent().is_some() {
                    h.dedent();
                }
                self.template_of(&h.template, sc)?
            }
            Expression::Parenthesis(p) => self.eval(p.inner(), sc)?,
            Expression::Variable(v) => self.variable(v.value().as_str(), e.span(), sc)?,
            Expression::Conditional(c) => {
                let cond = self.eval(&c.cond_expr, sc)?;
                match cond {
                    Value::Unknown(w) => Value::Unknown(format!("a choice on {w}")),
                    Value::Secret(w) => Value::Secret(w),
                    _ => match cond.to_bool() {
                        Some(true) => self.eval(&c.true_expr, sc)?,
                        Some(false) => self.eval(&c.false_expr, sc)?,
                        None => {
                            return Err(self.err(
                                codes::TYPE_MISMATCH,
                                format!("a condition must be a bool, not a {}", cond.type_name()),
                                c.cond_expr.span(),
                                sc,
                                "compare the value with something, e.g. `x != null`",
                            ))
                        }
                    },
                }
            }
            Expression::FuncCall(f) => self.call(f, sc)?,
            Expression::Traversal(t) => self.traversal(t, sc)?,
            Expression::UnaryOp(u) => {
                let v = self.eval(&u.expr, sc)?;
                if v.is_opaque() {
                    return Ok(v);
                }
                match u.operator.value() {
                    UnaryOperator::Not => match v.to_bool() {
                        Some(b) => Value::Bool(!b),
                        None => return Err(self.type_err("`!` needs a bool", e, sc)),
                    },
                    UnaryOperator::Neg => match v.to_number() {
                        Some(n) => Value::Number(-n),
                        None => return Err(self.type_err("`-` needs a number", e, sc)),
                    },
                }
            }
            Expression::BinaryOp(b) => self.binary(b, e, sc)?,
            Expression::ForExpr(f) => self.for_expr(f, sc)?,
        })
    }

    fn type_err(&self, msg: &str, e: &Expression, sc: &Scope) -> EvalError {
        self.err(
            codes::TYPE_MISMATCH,
            msg,
            e.span(),
            sc,
            "check the types of the operands",
        )
    }

    fn binary(&self, b: &hcl_edit::expr::BinaryOp, e: &Expression, sc: &Scope) -> R {
        use BinaryOperator as Op;
        let op = *b.operator.value();
        let l = self.eval(&b.lhs_expr, sc)?;
        // `false && x` and `true || x` do not need x.
        match (op, l.to_bool()) {
            (Op::And, Some(false)) => return Ok(Value::Bool(false)),
            (Op::Or, Some(true)) => return Ok(Value::Bool(true)),
            _ => {}
        }
        let r = self.eval(&b.rhs_expr, sc)?;
        if matches!(op, Op::Eq | Op::NotEq) {
            if let Some(o) = opaque2(&l, &r).filter(|_| l.is_opaque() || r.is_opaque()) {
                return Ok(o);
            }
            let same = equal(&l, &r);
            return Ok(Value::Bool(if op == Op::Eq { same } else { !same }));
        }
        if let Some(o) = opaque2(&l, &r) {
            return Ok(o);
        }
        match op {
            Op::And | Op::Or => match (l.to_bool(), r.to_bool()) {
                (Some(x), Some(y)) => Ok(Value::Bool(if op == Op::And { x && y } else { x || y })),
                _ => Err(self.type_err("`&&` and `||` need bools", e, sc)),
            },
            _ => {
                let (Some(x), Some(y)) = (l.to_number(), r.to_number()) else {
                    return Err(self.type_err("arithmetic and comparison need numbers", e, sc));
                };
                Ok(match op {
                    Op::Plus => Value::Number(x + y),
                    Op::Minus => Value::Number(x - y),
                    Op::Mul => Value::Number(x * y),
                    Op::Div | Op::Mod if y == 0.0 => {
                        return Err(self.type_err("division by zero", e, sc))
                    }
                    Op::Div => Value::Number(x / y),
                    Op::Mod => Value::Number(x % y),
                    Op::Less => Value::Bool(x < y),
                    Op::LessEq => Value::Bool(x <= y),
                    Op::Greater => Value::Bool(x > y),
                    Op::GreaterEq => Value::Bool(x >= y),
                    _ => return Err(self.type_err("unsupported operator", e, sc)),
                })
            }
        }
    }

    fn template_of(&self, t: &Template, sc: &Scope) -> R {
        let elems: Vec<&Element> = t.iter().collect();
        self.template(&elems, sc)
    }

    /// A template; a lone interpolation keeps its value's type.
    fn template(&self, elems: &[&Element], sc: &Scope) -> R {
        if let [Element::Interpolation(i)] = elems {
            return self.eval(&i.expr, sc);
        }
        let mut out = String::new();
        let mut opaque: Option<Value> = None;
        for el in elems {
            let v = match el {
                Element::Literal(s) => Value::String(s.value().clone()),
                Element::Interpolation(i) => self.eval(&i.expr, sc)?,
                Element::Directive(dir) => match &**dir {
                    Directive::If(d) => {
                        let c = self.eval(&d.if_expr.cond_expr, sc)?;
                        match c.to_bool() {
                            Some(true) => self.template_of(&d.if_expr.template, sc)?,
                            Some(false) => match &d.else_expr {
                                Some(e) => self.template_of(&e.template, sc)?,
                                None => Value::String(String::new()),
                            },
                            None if c.is_opaque() => c,
                            None => {
                                return Err(self.err(
                                    codes::TYPE_MISMATCH,
                                    "a template `if` needs a bool",
                                    d.if_expr.cond_expr.span(),
                                    sc,
                                    "compare the value with something",
                                ))
                            }
                        }
                    }
                    Directive::For(d) => {
                        let f = &d.for_expr;
                        let coll = self.eval(&f.collection_expr, sc)?;
                        let pairs = match self.pairs(&coll, f.collection_expr.span(), sc)? {
                            Some(p) => p,
                            None => {
                                opaque = opaque.or(Some(coll));
                                continue;
                            }
                        };
                        let mut s = String::new();
                        for (k, v) in pairs {
                            let mut inner = sc.clone();
                            if let Some(kv) = &f.key_var {
                                inner.push(kv.value().as_str(), k);
                            }
                            inner.push(f.value_var.value().as_str(), v);
                            match self.template_of(&f.template, &inner)? {
                                Value::String(t) => s.push_str(&t),
                                o => opaque = opaque.or(Some(o)),
                            }
                        }
                        Value::String(s)
                    }
                },
            };
            match &v {
                Value::Unknown(_) | Value::Secret(_) => {
                    if !matches!(opaque, Some(Value::Secret(_))) {
                        opaque = Some(v);
                    }
                }
                Value::Null => {
                    return Err(self.err(
                        codes::TYPE_MISMATCH,
                        "a null value in a string template",
                        None,
                        sc,
                        "give the value a default, e.g. with coalesce()",
                    ))
                }
                _ => match v.to_display_string() {
                    Some(s) => out.push_str(&s),
                    None => {
                        if v.has_opaque() {
                            opaque = opaque.or(Some(Value::Unknown("a template".into())));
                        } else {
                            return Err(self.err(
                                codes::TYPE_MISMATCH,
                                format!("a {} in a string template", v.type_name()),
                                None,
                                sc,
                                "interpolate a string, number or bool (jsonencode() a collection)",
                            ));
                        }
                    }
                },
            }
        }
        Ok(opaque.unwrap_or(Value::String(out)))
    }

    /// The (key, value) pairs of a collection, or None when it is opaque.
    pub(super) fn pairs(
        &self,
        coll: &Value,
        span: Option<std::ops::Range<usize>>,
        sc: &Scope,
    ) -> Result<Option<Vec<(Value, Value)>>, EvalError> {
        Ok(Some(match coll {
            Value::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (Value::Number(i as f64), v.clone()))
                .collect(),
            Value::Map(_) | Value::Resource(_) => coll
                .as_map()
                .into_iter()
                .flatten()
                .map(|(k, v)| (Value::String(k.clone()), v.clone()))
                .collect(),
            Value::Unknown(_) | Value::Secret(_) => return Ok(None),
            Value::Null => {
                return Err(self.err(
                    codes::TYPE_MISMATCH,
                    "cannot iterate over null",
                    span,
                    sc,
                    "give the collection a default, e.g. `coalesce(x, [])`",
                ))
            }
            v => {
                return Err(self.err(
                    codes::TYPE_MISMATCH,
                    format!("cannot iterate over a {}", v.type_name()),
                    span,
                    sc,
                    "iterate over a list, set or map",
                ))
            }
        }))
    }

    fn for_expr(&self, f: &hcl_edit::expr::ForExpr, sc: &Scope) -> R {
        let coll = self.eval(&f.intro.collection_expr, sc)?;
        let Some(pairs) = self.pairs(&coll, f.intro.collection_expr.span(), sc)? else {
            return Ok(coll);
        };
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for (k, v) in pairs {
            let mut inner = sc.clone();
            if let Some(kv) = &f.intro.key_var {
                inner.push(kv.value().as_str(), k);
            }
            inner.push(f.intro.value_var.value().as_str(), v);
            if let Some(c) = &f.cond {
                let cv = self.eval(&c.expr, &inner)?;
                match cv.to_bool() {
                    Some(true) => {}
                    Some(false) => continue,
                    None if cv.is_opaque() => return Ok(cv),
                    None => {
                        return Err(self.err(
                            codes::TYPE_MISMATCH,
                            "a `for` condition must be a bool",
                            c.expr.span(),
                            &inner,
                            "compare the value with something",
                        ))
                    }
                }
            }
            let val = self.eval(&f.value_expr, &inner)?;
            match &f.key_expr {
                None => list.push(val),
                Some(ke) => {
                    let key = self.eval(ke, &inner)?;
                    if key.is_opaque() {
                        return Ok(key);
                    }
                    let Some(key) = key.to_display_string() else {
                        return Err(self.err(
                            codes::TYPE_MISMATCH,
                            "a `for` key must be a string",
                            ke.span(),
                            &inner,
                            "produce a string key",
                        ));
                    };
                    if f.grouping {
                        groups.entry(key).or_default().push(val);
                    } else {
                        if map.contains_key(&key) {
                            return Err(self.err(
                                codes::TYPE_MISMATCH,
                                format!("duplicate key \"{key}\" in a `for` expression"),
                                ke.span(),
                                &inner,
                                "use `...` after the value to group values by key",
                            ));
                        }
                        map.insert(key, val);
                    }
                }
            }
        }
        Ok(match &f.key_expr {
            None => Value::List(list),
            Some(_) if f.grouping => Value::Map(
                groups
                    .into_iter()
                    .map(|(k, v)| (k, Value::List(v)))
                    .collect(),
            ),
            Some(_) => Value::Map(map),
        })
    }

    fn call(&self, f: &hcl_edit::expr::FuncCall, sc: &Scope) -> R {
        let name = f.name.name.value().as_str();
        let span = f.name.name.span();
        if !f.name.namespace.is_empty() {
            return Ok(Value::Unknown(format!("provider function {name}()")));
        }
        match name {
            "try" => {
                let mut last = None;
                for a in f.args.iter() {
                    match self.eval(a, sc) {
                        Ok(v) => return Ok(v),
                        Err(e) => last = Some(e),
                    }
                }
                return Err(last.unwrap_or_else(|| {
                    self.err(
                        codes::FUNCTION_ARGS,
                        "try needs at least one argument",
                        span,
                        sc,
                        "give try() the expressions to attempt in order",
                    )
                }));
            }
            "can" => {
                let Some(a) = f.args.iter().next() else {
                    return Err(self.err(
                        codes::FUNCTION_ARGS,
                        "can needs one argument",
                        span,
                        sc,
                        "give can() the expression to test",
                    ));
                };
                return Ok(match self.eval(a, sc) {
                    Ok(v) if v.is_opaque() => v,
                    Ok(_) => Value::Bool(true),
                    Err(_) => Value::Bool(false),
                });
            }
            "file" | "templatefile" | "fileexists" | "filebase64" | "timestamp" | "uuid" => {
                return Ok(Value::Unknown(format!("{name}() (not read yet)")));
            }
            n if crate::terraform::functions_more::OPAQUE.contains(&n) => {
                return Ok(Value::Unknown(format!("{name}() (not computed)")));
            }
            _ => {}
        }
        let mut args = Vec::with_capacity(f.args.len());
        for a in f.args.iter() {
            args.push(self.eval(a, sc)?);
        }
        if f.args.expand_final() {
            match args.pop() {
                Some(Value::List(rest)) => args.extend(rest),
                Some(o) if o.is_opaque() => return Ok(o),
                _ => {
                    return Err(self.err(
                        codes::FUNCTION_ARGS,
                        "`...` needs a list",
                        span,
                        sc,
                        "expand a list into the arguments",
                    ))
                }
            }
        }
        match functions::call(name, args) {
            Ok(v) => Ok(v),
            Err(FnError::Unknown) => {
                let help = match crate::suggest::nearest(
                    name,
                    functions::NAMES
                        .iter()
                        .chain(crate::terraform::functions_more::NAMES)
                        .copied(),
                ) {
                    Some(n) => {
                        format!("did you mean `{n}`? (or the function is not supported yet)")
                    }
                    None => {
                        "this function is not a Terraform built-in, or is not supported yet".into()
                    }
                };
                Err(self.err(
                    codes::UNKNOWN_FUNCTION,
                    format!("unknown function `{name}`"),
                    span,
                    sc,
                    &help,
                ))
            }
            Err(FnError::Args(m)) => Err(self.err(
                codes::FUNCTION_ARGS,
                m,
                span,
                sc,
                "see the function's page in Terraform's documentation",
            )),
        }
    }

    fn traversal(&self, t: &hcl_edit::expr::Traversal, sc: &Scope) -> R {
        let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
        // References to named objects (var.x, aws_sg.lb, module.m.out) are
        // resolved from the root and the first operators.
        let (mut v, used) = match &t.expr {
            Expression::Variable(root) => {
                self.reference(root.value().as_str(), &ops, t.expr.span(), sc)?
            }
            other => (self.eval(other, sc)?, 0),
        };
        let mut i = used;
        while i < ops.len() {
            match ops[i] {
                TraversalOperator::FullSplat(_) | TraversalOperator::AttrSplat(_) => {
                    let rest = &ops[i + 1..];
                    let items = match v {
                        Value::Null => Vec::new(),
                        Value::List(items) => items,
                        o if o.is_opaque() => return Ok(o),
                        other => vec![other],
                    };
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        out.push(self.apply_ops(item, rest, t, sc)?);
                    }
                    return Ok(Value::List(out));
                }
                op => v = self.apply_op(v, op, t, sc)?,
            }
            i += 1;
        }
        Ok(v)
    }

    fn apply_ops(
        &self,
        mut v: Value,
        ops: &[&TraversalOperator],
        t: &hcl_edit::expr::Traversal,
        sc: &Scope,
    ) -> R {
        for op in ops {
            if matches!(
                op,
                TraversalOperator::FullSplat(_) | TraversalOperator::AttrSplat(_)
            ) {
                continue;
            }
            v = self.apply_op(v, op, t, sc)?;
        }
        Ok(v)
    }

    fn apply_op(
        &self,
        v: Value,
        op: &TraversalOperator,
        t: &hcl_edit::expr::Traversal,
        sc: &Scope,
    ) -> R {
        if v.is_opaque() {
            return Ok(v);
        }
        match op {
            TraversalOperator::GetAttr(name) => {
                let name = name.value().as_str();
                match v.get_attr(name) {
                    Some(x) => Ok(x),
                    None => Err(self.err(
                        codes::UNDEFINED,
                        format!("no attribute `{name}` on a {}", v.type_name()),
                        t.span(),
                        sc,
                        "check the attribute's name",
                    )),
                }
            }
            TraversalOperator::Index(ie) => {
                let idx = self.eval(ie, sc)?;
                self.index(v, idx, t, sc)
            }
            TraversalOperator::LegacyIndex(n) => {
                self.index(v, Value::Number(*n.value() as f64), t, sc)
            }
            _ => Ok(v),
        }
    }

    fn index(&self, v: Value, idx: Value, t: &hcl_edit::expr::Traversal, sc: &Scope) -> R {
        if idx.is_opaque() {
            return Ok(idx);
        }
        let found = match &v {
            Value::List(items) => idx
                .to_number()
                .filter(|n| n.fract() == 0.0 && *n >= 0.0)
                .and_then(|n| items.get(n as usize).cloned()),
            _ => idx.to_display_string().and_then(|k| v.get_attr(&k)),
        };
        found.ok_or_else(|| {
            let shown = idx
                .to_display_string()
                .unwrap_or_else(|| idx.type_name().into());
            self.err(
                codes::UNDEFINED,
                format!("no element [{shown}] in a {}", v.type_name()),
                t.span(),
                sc,
                "check the index or key; lookup() and try() give a default",
            )
        })
    }
}

/// Terraform's equality (numbers by value, strings exactly).
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::eval_str;
    use crate::terraform::value::Value;

    #[test]
    fn templates_conditionals_and_for() {
        assert_eq!(eval_str(r#""a-${1 + 2}""#), Value::str("a-3"));
        assert_eq!(eval_str("true ? 1 : 2"), Value::Number(1.0));
        assert_eq!(
            eval_str("[for x in [1, 2, 3] : x * 2 if x > 1]"),
            Value::List(vec![Value::Number(4.0), Value::Number(6.0)])
        );
        assert_eq!(
            eval_str(r#"{ for k, v in { a = 1, b = 2 } : v => k }"#).get_attr("2"),
            Some(Value::str("b"))
        );
        assert_eq!(
            eval_str(r#"{ for s in ["a", "ab", "b"] : substr(s, 0, 1) => s... }"#).get_attr("a"),
            Some(Value::List(vec![Value::str("a"), Value::str("ab")]))
        );
        assert_eq!(
            eval_str(r#""%{ if true }yes%{ else }no%{ endif }""#),
            Value::str("yes")
        );
        assert_eq!(
            eval_str(r#""%{ for x in ["a", "b"] }${x}.%{ endfor }""#),
            Value::str("a.b.")
        );
        assert_eq!(
            eval_str("[{ a = 1 }, { a = 2 }][*].a"),
            Value::List(vec![Value::Number(1.0), Value::Number(2.0)])
        );
        assert_eq!(eval_str("try(local.nope, 5)"), Value::Number(5.0));
        assert_eq!(eval_str("can(local.nope)"), Value::Bool(false));
        assert_eq!(eval_str("max([1, 7, 3]...)"), Value::Number(7.0));
    }
}
