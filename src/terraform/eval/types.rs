//! Variable type constraints, as far as they change a value: `optional`
//! attributes of `object(...)` types (Terraform adds a missing optional
//! attribute, with its default or null), through `map`, `list`, `set` and
//! `tuple`. Primitive conversions are left to where values are used (see
//! docs/terraform.md), and a value that does not fit is kept as it is, so
//! a later reference reports what is missing.

use hcl_edit::expr::Expression;

use super::{Evaluator, Scope};
use crate::terraform::value::Value;

/// A type constraint, with the defaults of its optional attributes.
#[derive(Debug, Clone)]
pub(super) enum Ty {
    /// `string`, `number`, `bool`, `any`, or something not read.
    Leaf,
    Collection(Box<Ty>),
    Object(Vec<Attr>),
    Tuple(Vec<Ty>),
}

#[derive(Debug, Clone)]
pub(super) struct Attr {
    name: String,
    ty: Ty,
    optional: bool,
    default: Option<Value>,
}

impl Evaluator<'_> {
    /// The constraint an expression such as `map(object({ a = optional(bool, true) }))` states.
    pub(super) fn type_of(&self, e: &Expression, sc: &Scope, depth: usize) -> Ty {
        if depth > 64 {
            return Ty::Leaf;
        }
        let Expression::FuncCall(f) = e else {
            return Ty::Leaf;
        };
        let args: Vec<&Expression> = f.args.iter().collect();
        let name = f.name.name.value().as_str();
        match (name, args.as_slice()) {
            ("list" | "set" | "map", [inner]) => {
                Ty::Collection(Box::new(self.type_of(inner, sc, depth + 1)))
            }
            ("tuple", [Expression::Array(items)]) => Ty::Tuple(
                items
                    .iter()
                    .map(|t| self.type_of(t, sc, depth + 1))
                    .collect(),
            ),
            ("object", [Expression::Object(o)]) => {
                let mut attrs = Vec::new();
                for (k, v) in o.iter() {
                    let key = match k {
                        hcl_edit::expr::ObjectKey::Ident(i) => i.value().as_str().to_string(),
                        hcl_edit::expr::ObjectKey::Expression(Expression::String(s)) => {
                            s.value().clone()
                        }
                        _ => continue,
                    };
                    attrs.push(self.attr(key, v.expr(), sc, depth));
                }
                Ty::Object(attrs)
            }
            _ => Ty::Leaf,
        }
    }

    fn attr(&self, name: String, e: &Expression, sc: &Scope, depth: usize) -> Attr {
        if let Expression::FuncCall(f) = e {
            if f.name.name.value().as_str() == "optional" {
                let args: Vec<&Expression> = f.args.iter().collect();
                let ty = args
                    .first()
                    .map_or(Ty::Leaf, |t| self.type_of(t, sc, depth + 1));
                let default = args.get(1).map(|d| self.eval_const(d, sc));
                return Attr {
                    name,
                    ty,
                    optional: true,
                    default,
                };
            }
        }
        Attr {
            name,
            ty: self.type_of(e, sc, depth + 1),
            optional: false,
            default: None,
        }
    }
}

/// `v` converted to `ty` as Terraform converts a variable's value: missing
/// optional attributes added (their defaults converted too).
pub(super) fn convert(ty: &Ty, v: Value) -> Value {
    match (ty, v) {
        (Ty::Collection(inner), Value::List(items)) => {
            Value::List(items.into_iter().map(|x| convert(inner, x)).collect())
        }
        (Ty::Collection(inner), Value::Map(m)) => {
            Value::Map(m.into_iter().map(|(k, x)| (k, convert(inner, x))).collect())
        }
        (Ty::Tuple(tys), Value::List(items)) => Value::List(
            items
                .into_iter()
                .enumerate()
                .map(|(i, x)| match tys.get(i) {
                    Some(t) => convert(t, x),
                    None => x,
                })
                .collect(),
        ),
        (Ty::Object(attrs), Value::Map(mut m)) => {
            for a in attrs {
                match m.remove(&a.name) {
                    Some(Value::Null) | None if a.optional => {
                        let d = a.default.clone().unwrap_or(Value::Null);
                        m.insert(a.name.clone(), convert(&a.ty, d));
                    }
                    Some(x) => {
                        m.insert(a.name.clone(), convert(&a.ty, x));
                    }
                    None => {}
                }
            }
            Value::Map(m)
        }
        (_, v) => v,
    }
}
