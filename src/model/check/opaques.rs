//! `opaque NAME = COND`: an opaque check whose behaviour the policy
//! declares. Every `opaque NAME` condition then means COND, evaluated where
//! it is tested, as if COND were written there. A definition may use other
//! definitions, not itself (`stargate::model::cyclic_opaque`); a name is
//! defined once (`stargate::model::duplicate_opaque`); a definition no
//! condition uses is a warning (`stargate::model::unused_opaque`).

use super::*;
use crate::model::OpaqueDef;

impl<'a> Checker<'a> {
    /// Records a definition (the first of a name; later ones are errors).
    pub(super) fn define_opaque(&mut self, d: &'a ast::OpaqueDecl) {
        if let Some(first) = self.opaque_defs.get(d.name.name.as_str()) {
            self.diags.push(
                Diagnostic::error(
                    "stargate::model::duplicate_opaque",
                    format!("opaque check `{}` is defined twice", d.name.name),
                    d.name.span,
                )
                .label("second definition")
                .related(first.name.span, "first defined here")
                .help("keep one definition, or give the other check another name"),
            );
            return;
        }
        self.opaque_defs.insert(d.name.name.as_str(), d);
    }

    /// `opaque NAME` in a condition: its definition, or an opaque check.
    pub(super) fn opaque(&mut self, id: &ast::Ident) -> Option<Cond> {
        let Some(def) = self.opaque_defs.get(id.name.as_str()).copied() else {
            return Some(Cond::Opaque(intern(&mut self.opaques, &id.name)));
        };
        if let Some(at) = self.expanding.iter().position(|n| *n == id.name) {
            let chain: Vec<&str> = self.expanding[at..].iter().map(String::as_str).collect();
            self.diags.push(
                Diagnostic::error(
                    "stargate::model::cyclic_opaque",
                    format!("opaque check `{}` is defined in terms of itself", id.name),
                    id.span,
                )
                .label("used in its own definition")
                .related(def.name.span, "defined here")
                .help(format!(
                    "the definitions go round: {} -> {}; write one of them out",
                    chain.join(" -> "),
                    id.name
                )),
            );
            return None;
        }
        self.used_defs.insert(def.name.name.clone());
        self.defs_in_rule.push(def.span);
        self.expanding.push(id.name.clone());
        let c = self.cond(&def.cond);
        self.expanding.pop();
        c
    }

    /// The definitions, with the rules that use them; a warning for each
    /// one no condition uses.
    pub(super) fn opaque_definitions(&mut self, uses: &[(Span, Vec<Span>)]) -> Vec<OpaqueDef> {
        let mut defs: Vec<&ast::OpaqueDecl> = self.opaque_defs.values().copied().collect();
        defs.sort_by_key(|d| d.span.start);
        defs.into_iter()
            .map(|d| {
                if !self.used_defs.contains(&d.name.name) {
                    self.diags.push(
                        Diagnostic::warning(
                            "stargate::model::unused_opaque",
                            format!("opaque check `{}` is defined but no condition uses it", d.name.name),
                            d.name.span,
                        )
                        .label("defined here, never used")
                        .help("use it in a rule (`deny when opaque NAME`), or remove the definition; check the name against the rules' opaque checks"),
                    );
                }
                OpaqueDef {
                    name: d.name.name.clone(),
                    span: d.span,
                    rules: uses
                        .iter()
                        .filter(|(_, defs)| defs.contains(&d.span))
                        .map(|(rule, _)| *rule)
                        .collect(),
                }
            })
            .collect()
    }
}
