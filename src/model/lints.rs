//! Warnings that help a reviewer: rules that can never fire, blocks hidden
//! by earlier blocks, forwards to ports nobody listens on, empty nodes.

use super::intervals::IntervalSet;
use super::*;
use crate::diagnostic::Diagnostic;

mod acl;

/// Warnings for a model; with `has_errors`, those an error may have caused
/// (an address set emptied by an invalid literal) are held back.
pub fn lint(policy: &Policy, has_errors: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for node in &policy.nodes {
        if node.addrs.is_empty() && !has_errors {
            out.push(
                Diagnostic::warning(
                    "stargate::model::empty_addresses",
                    format!("`{}` has no addresses at all", node.name),
                    node.span,
                )
                .label("empty address set")
                .help("its `addresses` evaluate to an empty set, so it can neither send nor receive; check what `except` takes away"),
            );
        }
        let mut covered = IntervalSet::empty();
        for block in &node.blocks {
            if !block.ports.is_empty() && block.ports.is_subset(&covered) {
                out.push(
                    Diagnostic::warning(
                        "stargate::model::shadowed_block",
                        "this `on` block never applies",
                        block.span,
                    )
                    .label("every port here is covered by an earlier `on` block")
                    .help("the first `on` block covering a port decides; merge the rules into the earlier block"),
                );
            }
            covered = covered.union(&block.ports);
            let mut shadow: Option<Span> = None;
            for rule in &block.rules {
                if let Some(earlier) = shadow {
                    out.push(
                        Diagnostic::warning(
                            "stargate::model::unreachable_rule",
                            "this rule can never fire",
                            rule.span,
                        )
                        .label("never reached")
                        .related(earlier, "this earlier rule always matches")
                        .help("rules are tried in order and the first match decides; move this rule up or remove it"),
                    );
                    break;
                }
                if always(&rule.guard) == Some(true) {
                    shadow = Some(rule.span);
                }
            }
            for rule in &block.rules {
                let Action::Forward(f) = &rule.action else {
                    continue;
                };
                for &(target_id, port) in &f.targets {
                    let Some(target) = policy.nodes.get(target_id) else {
                        continue;
                    };
                    if target.accepts_everything() {
                        continue;
                    }
                    if !target.listens.iter().any(|l| l.ports.contains(port)) {
                        out.push(
                            Diagnostic::warning(
                                "stargate::model::forward_port_not_listened",
                                format!(
                                    "`{}` does not listen on port {}",
                                    target.name,
                                    IntervalSet::range(port, port).display_ports()
                                ),
                                rule.span,
                            )
                            .label("this forward can never connect")
                            .related(target.span, format!("`{}` is declared here", target.name))
                            .help(format!(
                                "add `listen {}` to `{}` or forward to a port it listens on",
                                IntervalSet::range(port, port).display_ports(),
                                target.name
                            )),
                        );
                    }
                }
            }
        }
    }
    acl::lint(policy, &mut out);
    out
}

/// `Some(b)` when the condition is `b` for every request, as far as a cheap
/// syntactic look can tell; `None` when it depends on the request.
pub fn always(c: &Cond) -> Option<bool> {
    match c {
        Cond::True => Some(true),
        Cond::Path(globs) if globs.is_empty() => Some(false),
        Cond::Source(s) if s.is_full() => Some(true),
        Cond::Source(s) if s.is_empty() => Some(false),
        Cond::Port(p) if all_ports().is_subset(p) => Some(true),
        Cond::Port(p) if p.is_empty() => Some(false),
        Cond::Method(m) if m.is_empty() => Some(false),
        Cond::Not(inner) => always(inner).map(|b| !b),
        Cond::And(items) => {
            let vals: Vec<Option<bool>> = items.iter().map(always).collect();
            if vals.contains(&Some(false)) {
                Some(false)
            } else if vals.iter().all(|v| *v == Some(true)) {
                Some(true)
            } else {
                None
            }
        }
        Cond::Or(items) => {
            let vals: Vec<Option<bool>> = items.iter().map(always).collect();
            if vals.contains(&Some(true)) {
                Some(true)
            } else if vals.iter().all(|v| *v == Some(false)) {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}
