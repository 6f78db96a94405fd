//! Reading `terraform show -json` plans (format 0.x and 1.x; an unknown
//! major version is refused): `planned_values` gives each instance's
//! values, `resource_changes[].change.after_unknown` the attributes known
//! only after apply, `after_sensitive` (and `sensitive_values`) the secret
//! ones, and `configuration` the references each expression names.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value as J;

use super::diag::{codes, Loc, TfDiagnostic};
use super::inventory::{secret_type, Instance, Inventory, Mode, SecretEntry};
use super::value::Value;

pub fn read_file(path: &Path) -> Inventory {
    let shown = path.to_string_lossy().to_string();
    match std::fs::read(path) {
        Ok(bytes) if bytes.len() <= crate::MAX_FILE_BYTES => {
            read_text(&shown, &String::from_utf8_lossy(&bytes))
        }
        Ok(_) => fail(
            &shown,
            1,
            codes::IO,
            format!("{shown} is larger than 64 MiB"),
            "split the plan",
        ),
        Err(e) => Inventory {
            diagnostics: vec![super::hcl::io_error(&shown, &e)],
            ..Inventory::default()
        },
    }
}

fn fail(file: &str, line: usize, code: &'static str, msg: String, help: &str) -> Inventory {
    Inventory {
        diagnostics: vec![TfDiagnostic::error(
            code,
            msg,
            &Loc {
                file: file.into(),
                line,
            },
            help,
        )],
        ..Inventory::default()
    }
}

pub fn read_text(shown: &str, text: &str) -> Inventory {
    let j: J = match serde_json::from_str(text) {
        Ok(j) => j,
        Err(e) => {
            return fail(
                shown,
                e.line(),
                codes::PLAN_FORMAT,
                format!("not JSON: {e}"),
                "give the output of `terraform show -json PLANFILE`, or a directory of .tf files",
            );
        }
    };
    let Some(version) = j.get("format_version").and_then(J::as_str) else {
        return fail(
            shown,
            1,
            codes::PLAN_FORMAT,
            "no `format_version`: this is not a Terraform plan in JSON".into(),
            "give the output of `terraform show -json PLANFILE`",
        );
    };
    let major = version.split('.').next().unwrap_or("");
    if major != "0" && major != "1" {
        return fail(
            shown,
            1,
            codes::PLAN_VERSION,
            format!("plan format {version} is not supported (0.x and 1.x are)"),
            "use a Terraform release whose JSON format is 1.x, or import the .tf files",
        );
    }
    let lines = LineFinder::new(text);
    let mut inv = Inventory::default();
    // Changes: what is unknown and what is sensitive, per address.
    let mut changes: BTreeMap<String, (&J, &J)> = BTreeMap::new();
    for rc in j
        .get("resource_changes")
        .and_then(J::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(a) = rc.get("address").and_then(J::as_str) {
            let ch = rc.get("change").unwrap_or(&J::Null);
            changes.insert(
                a.to_string(),
                (
                    ch.get("after_unknown").unwrap_or(&J::Null),
                    ch.get("after_sensitive").unwrap_or(&J::Null),
                ),
            );
        }
    }
    let mut refs: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    if let Some(root) = j.pointer("/configuration/root_module") {
        config_refs(root, "", &BTreeMap::new(), &mut refs, &mut inv);
    }
    if let Some(root) = j.pointer("/planned_values/root_module") {
        module(root, &changes, &refs, &lines, shown, &mut inv, 0);
    }
    inv.secrets.sort();
    inv.secrets.dedup();
    inv
}

struct LineFinder<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineFinder<'t> {
    fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineFinder { text, starts }
    }

    /// The line of the first `"address": "<address>"` in the text.
    fn line_of(&self, address: &str) -> usize {
        let quoted = J::String(address.to_string()).to_string();
        let mut from = 0;
        while let Some(i) = self.text[from..].find(&quoted) {
            let at = from + i;
            let before = self.text[..at].trim_end();
            if before.ends_with(':')
                && before[..before.len() - 1]
                    .trim_end()
                    .ends_with("\"address\"")
            {
                return match self.starts.binary_search(&at) {
                    Ok(l) => l + 1,
                    Err(l) => l,
                };
            }
            from = at + quoted.len();
        }
        1
    }
}

/// A reference made absolute (`module.a.aws_sg.x.id`): a module input
/// (`var.x`) becomes what the module call's argument references; counts,
/// locals and paths are dropped.
fn absolute(r: &str, prefix: &str, vars: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut parts = r.split('.');
    match parts.next() {
        Some("var") => parts
            .next()
            .and_then(|n| vars.get(n))
            .cloned()
            .unwrap_or_default(),
        Some("count" | "each" | "local" | "path" | "self" | "terraform") => Vec::new(),
        _ => vec![format!("{prefix}{r}")],
    }
}

fn config_refs(
    m: &J,
    prefix: &str,
    vars: &BTreeMap<String, Vec<String>>,
    out: &mut BTreeMap<String, BTreeMap<String, Vec<String>>>,
    inv: &mut Inventory,
) {
    for r in m
        .get("resources")
        .and_then(J::as_array)
        .into_iter()
        .flatten()
    {
        let Some(a) = r.get("address").and_then(J::as_str) else {
            continue;
        };
        let mut attrs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        if let Some(J::Object(ex)) = r.get("expressions") {
            for (k, v) in ex {
                collect_refs(k, v, &mut attrs, 0);
            }
        }
        for refs in attrs.values_mut() {
            *refs = refs
                .iter()
                .flat_map(|r| absolute(r, prefix, vars))
                .collect();
        }
        out.insert(format!("{prefix}{a}"), attrs);
    }
    if let Some(J::Object(vars)) = m.get("variables") {
        for (name, v) in vars {
            if v.get("sensitive").and_then(J::as_bool) == Some(true) {
                inv.secrets.push(SecretEntry {
                    name: name.clone(),
                    address: format!("{prefix}var.{name}"),
                    loc: None,
                });
            }
        }
    }
    if let Some(J::Object(calls)) = m.get("module_calls") {
        for (name, c) in calls {
            // The child's inputs, as what they reference out here.
            let mut inputs: BTreeMap<String, Vec<String>> = BTreeMap::new();
            if let Some(J::Object(ex)) = c.get("expressions") {
                for (k, v) in ex {
                    collect_refs(k, v, &mut inputs, 0);
                }
            }
            let child_vars: BTreeMap<String, Vec<String>> = inputs
                .into_iter()
                .map(|(k, refs)| {
                    let key = k.split('.').next().unwrap_or(&k).to_string();
                    (
                        key,
                        refs.iter()
                            .flat_map(|r| absolute(r, prefix, vars))
                            .collect(),
                    )
                })
                .collect();
            if let Some(child) = c.get("module") {
                config_refs(
                    child,
                    &format!("{prefix}module.{name}."),
                    &child_vars,
                    out,
                    inv,
                );
            }
        }
    }
}

fn collect_refs(path: &str, v: &J, out: &mut BTreeMap<String, Vec<String>>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        J::Object(o) => {
            if let Some(J::Array(rs)) = o.get("references") {
                let list: Vec<String> = rs
                    .iter()
                    .filter_map(|r| r.as_str().map(str::to_string))
                    .collect();
                out.entry(path.to_string()).or_default().extend(list);
            } else {
                for (k, x) in o {
                    collect_refs(&format!("{path}.{k}"), x, out, depth + 1);
                }
            }
        }
        J::Array(items) => {
            for x in items {
                collect_refs(path, x, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn module(
    m: &J,
    changes: &BTreeMap<String, (&J, &J)>,
    refs: &BTreeMap<String, BTreeMap<String, Vec<String>>>,
    lines: &LineFinder,
    shown: &str,
    inv: &mut Inventory,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    let module_addr = m
        .get("address")
        .and_then(J::as_str)
        .unwrap_or("")
        .to_string();
    for r in m
        .get("resources")
        .and_then(J::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(address), Some(rtype), Some(name)) = (
            r.get("address").and_then(J::as_str),
            r.get("type").and_then(J::as_str),
            r.get("name").and_then(J::as_str),
        ) else {
            continue;
        };
        let mode = if r.get("mode").and_then(J::as_str) == Some("data") {
            Mode::Data
        } else {
            Mode::Managed
        };
        let key = r.get("index").map(|i| i.to_string());
        let mut attrs: BTreeMap<String, Value> = match r.get("values") {
            Some(J::Object(o)) => o
                .iter()
                .map(|(k, v)| (k.clone(), Value::from_json(v)))
                .collect(),
            _ => BTreeMap::new(),
        };
        if let Some((unknown, sensitive)) = changes.get(address) {
            mark(&mut attrs, unknown, address, false, inv);
            mark(&mut attrs, sensitive, address, true, inv);
        }
        if let Some(sv) = r.get("sensitive_values") {
            mark(&mut attrs, sv, address, true, inv);
        }
        if secret_type(mode, rtype) {
            for (k, v) in attrs.iter_mut() {
                *v = Value::Secret(format!("{address}.{k}"));
            }
            inv.secrets.push(SecretEntry {
                name: name.to_string(),
                address: address.to_string(),
                loc: None,
            });
        }
        // The configuration's address has no instance key.
        let config_addr = strip_keys(address);
        inv.instances.push(Instance {
            address: address.to_string(),
            mode,
            rtype: rtype.to_string(),
            name: name.to_string(),
            key,
            module: module_addr.clone(),
            attrs,
            loc: Loc {
                file: shown.to_string(),
                line: lines.line_of(address),
            },
            references: refs.get(&config_addr).cloned().unwrap_or_default(),
        });
    }
    for c in m
        .get("child_modules")
        .and_then(J::as_array)
        .into_iter()
        .flatten()
    {
        module(c, changes, refs, lines, shown, inv, depth + 1);
    }
}

/// `module.a["x"].aws_b.c[0]` → `module.a.aws_b.c`.
pub(crate) fn strip_keys(address: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut in_str = false;
    for c in address.chars() {
        match c {
            '"' if depth > 0 => in_str = !in_str,
            '[' if !in_str => depth += 1,
            ']' if !in_str => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Applies an `after_unknown` / `after_sensitive` tree: `true` marks the
/// whole value at that path.
fn mark(
    attrs: &mut BTreeMap<String, Value>,
    tree: &J,
    address: &str,
    secret: bool,
    inv: &mut Inventory,
) {
    let J::Object(o) = tree else { return };
    for (k, t) in o {
        let path = format!("{address}.{k}");
        let slot = attrs.entry(k.clone()).or_insert(Value::Null);
        mark_value(slot, t, &path, secret, inv, 0);
    }
}

fn mark_value(v: &mut Value, t: &J, path: &str, secret: bool, inv: &mut Inventory, depth: usize) {
    if depth > 32 {
        return;
    }
    match t {
        // A sensitive attribute without a value (write-only ones) hides nothing.
        J::Bool(true) if secret && matches!(v, Value::Null) => {}
        J::Bool(true) => {
            if secret {
                // `aws_db_instance.db.password` → `db_password`.
                let mut parts = path.rsplitn(3, '.');
                let attr = parts.next().unwrap_or(path);
                let res = parts.next().unwrap_or("");
                let res = res.split('[').next().unwrap_or(res);
                let name = if res.is_empty() {
                    attr.to_string()
                } else {
                    format!("{res}_{attr}")
                };
                inv.secrets.push(SecretEntry {
                    name,
                    address: path.to_string(),
                    loc: None,
                });
                *v = Value::Secret(path.to_string());
            } else if !matches!(v, Value::Secret(_)) {
                *v = Value::Unknown(path.to_string());
            }
        }
        J::Object(o) => {
            if !matches!(v, Value::Map(_)) {
                if matches!(v, Value::Null) {
                    *v = Value::Map(BTreeMap::new());
                } else {
                    return;
                }
            }
            if let Value::Map(m) = v {
                for (k, sub) in o {
                    let slot = m.entry(k.clone()).or_insert(Value::Null);
                    mark_value(slot, sub, &format!("{path}.{k}"), secret, inv, depth + 1);
                }
            }
        }
        J::Array(items) => {
            if let Value::List(vs) = v {
                for (i, sub) in items.iter().enumerate() {
                    if let Some(slot) = vs.get_mut(i) {
                        mark_value(slot, sub, &format!("{path}[{i}]"), secret, inv, depth + 1);
                    }
                }
            }
        }
        _ => {}
    }
}
