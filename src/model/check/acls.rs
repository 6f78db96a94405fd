//! Checks of `acl` statements: covers and remote sets evaluate to addresses
//! (never groups: an ACL sees addresses only), rule numbers are within AWS's
//! 1-32766 and unique per direction, and the entries end up in ascending
//! number, the order they are evaluated in.

use super::*;
use crate::model::acl::{Acl, AclEntry, MAX_RULE_NUMBER};
use crate::syntax::ast::AclDirection;

impl Checker<'_> {
    pub(super) fn acl(&mut self, decl: &ast::AclDecl) -> Acl {
        let before = self.diags.len();
        let covers = self.addrs(&decl.covers);
        // An empty set that an error already explains needs no second one.
        let explained = self.diags[before..].iter().any(Diagnostic::is_error);
        if covers.is_empty() && !explained && !matches!(decl.covers, ast::AddrExpr::Invalid(_)) {
            self.diags.push(
                Diagnostic::error(
                    "stargate::model::acl_covers_nothing",
                    format!("ACL `{}` covers no address", decl.name.name),
                    decl.covers.span(),
                )
                .label("an empty address set")
                .help("an ACL filters the packets entering and leaving the addresses it covers; name its subnets, e.g. `covers 10.20.1.0/24`"),
            );
        }
        let mut acl = Acl {
            name: decl.name.name.clone(),
            span: decl.name.span,
            covers,
            inbound: Vec::new(),
            outbound: Vec::new(),
        };
        let mut seen: HashMap<(AclDirection, u32), Span> = HashMap::new();
        for e in &decl.entries {
            if !(1..=MAX_RULE_NUMBER).contains(&e.number) {
                self.diags.push(
                    Diagnostic::error(
                        "stargate::model::acl_number_range",
                        "an ACL rule number must be from 1 to 32766",
                        e.number_span,
                    )
                    .label("out of range")
                    .help("number entries from 1 to 32766, leaving gaps (100, 110, 200) to insert entries later"),
                );
            } else if let Some(first) = seen.get(&(e.direction, e.number)) {
                let taken = |n: u32| {
                    decl.entries
                        .iter()
                        .any(|x| x.direction == e.direction && x.number == n)
                };
                let free = (e.number + 1..=MAX_RULE_NUMBER)
                    .chain((1..e.number).rev())
                    .find(|&n| !taken(n));
                let help = match free {
                    Some(n) => format!("the number orders the entries; give each entry of one direction its own number, e.g. `{n}`"),
                    None => "the number orders the entries; give each entry of one direction its own number".to_string(),
                };
                self.diags.push(
                    Diagnostic::error(
                        "stargate::model::acl_duplicate_number",
                        format!(
                            "ACL `{}` has two {} entries numbered {}",
                            decl.name.name,
                            e.direction.as_str(),
                            e.number
                        ),
                        e.number_span,
                    )
                    .label("number used again")
                    .related(*first, "first used here")
                    .help(help),
                );
            } else {
                seen.insert((e.direction, e.number), e.number_span);
            }
            let entry = AclEntry {
                number: e.number,
                allow: e.allow,
                ports: self.ports(&e.ports),
                remote: self.addrs(&e.remote),
                span: e.span,
            };
            match e.direction {
                AclDirection::Inbound => acl.inbound.push(entry),
                AclDirection::Outbound => acl.outbound.push(entry),
            }
        }
        // Evaluated in ascending number; a stable sort keeps a duplicate
        // (already an error) in its written place.
        acl.inbound.sort_by_key(|e| e.number);
        acl.outbound.sort_by_key(|e| e.number);
        acl
    }
}
