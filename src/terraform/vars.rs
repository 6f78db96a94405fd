//! Root variable values in Terraform's precedence, lowest first:
//! declaration defaults (applied by the evaluator), `terraform.tfvars`,
//! `terraform.tfvars.json`, `*.auto.tfvars` in name order, then each
//! `--var-file` and `--var NAME=VALUE` in the order given.
//! (`TF_VAR_` environment variables are not read: an import is
//! reproducible from its arguments.)

use std::collections::BTreeMap;
use std::path::Path;

use hcl_edit::structure::Structure;

use super::diag::{codes, Loc, TfDiagnostic};
use super::eval::load::{Dir, Loaded};
use super::eval::Evaluator;
use super::hcl;
use super::value::Value;

/// One command-line source of values.
#[derive(Debug, Clone)]
pub enum VarArg {
    File(std::path::PathBuf),
    /// `NAME=VALUE`
    Pair(String),
}

pub fn root_values(
    root: &Path,
    args: &[VarArg],
    diags: &mut Vec<TfDiagnostic>,
) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for n in ["terraform.tfvars", "terraform.tfvars.json"] {
        let p = root.join(n);
        if p.is_file() {
            files.push(p);
        }
    }
    if let Ok(rd) = std::fs::read_dir(root) {
        let mut auto: Vec<_> = rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.ends_with(".auto.tfvars") || n.ends_with(".auto.tfvars.json")
                })
            })
            .collect();
        auto.sort();
        files.extend(auto);
    }
    for f in &files {
        read_file(
            f,
            &f.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            &mut out,
            diags,
        );
    }
    for a in args {
        match a {
            VarArg::File(p) => read_file(p, &p.to_string_lossy(), &mut out, diags),
            VarArg::Pair(s) => match s.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() => {
                    out.insert(k.trim().to_string(), pair_value(v));
                }
                _ => diags.push(TfDiagnostic::error(
                    codes::BAD_VAR,
                    format!("--var `{s}` is not NAME=VALUE"),
                    &Loc {
                        file: "(command line)".into(),
                        line: 1,
                    },
                    "write --var NAME=VALUE, e.g. --var env=prod",
                )),
            },
        }
    }
    out
}

/// A `--var` value: a list or object when it reads as one, else a string.
fn pair_value(v: &str) -> Value {
    let t = v.trim_start();
    if t.starts_with('[') || t.starts_with('{') {
        if let Ok(Some(val)) = const_expr(v) {
            return val;
        }
    }
    Value::String(v.to_string())
}

fn const_expr(text: &str) -> Result<Option<Value>, ()> {
    let file = hcl::parse_text("(command line)", &format!("v = {text}\n")).map_err(|_| ())?;
    let loaded = Loaded {
        dirs: vec![Dir {
            shown: String::new(),
            files: vec![file],
            calls: Default::default(),
        }],
        ..Loaded::default()
    };
    let vals = Evaluator::constants(&loaded);
    Ok(vals.into_iter().next().map(|(_, v)| v))
}

fn read_file(
    p: &Path,
    shown: &str,
    out: &mut BTreeMap<String, Value>,
    diags: &mut Vec<TfDiagnostic>,
) {
    let text = match std::fs::read_to_string(p) {
        Ok(t) => t,
        Err(e) => {
            diags.push(hcl::io_error(shown, &e));
            return;
        }
    };
    if shown.ends_with(".json") {
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::Object(o)) => {
                for (k, v) in o {
                    out.insert(k, Value::from_json(&v));
                }
            }
            _ => diags.push(TfDiagnostic::error(
                codes::SYNTAX,
                format!("{shown} is not a JSON object"),
                &Loc {
                    file: shown.into(),
                    line: 1,
                },
                "a .tfvars.json file is one object of variable names to values",
            )),
        }
        return;
    }
    let file = match hcl::parse_text(shown, &text) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return;
        }
    };
    if file.body.iter().any(|s| matches!(s, Structure::Block(_))) {
        diags.push(TfDiagnostic::error(
            codes::SYNTAX,
            format!("{shown} has a block; a variables file holds only NAME = VALUE"),
            &Loc {
                file: shown.into(),
                line: 1,
            },
            "move blocks to a .tf file",
        ));
    }
    let loaded = Loaded {
        dirs: vec![Dir {
            shown: String::new(),
            files: vec![file],
            calls: Default::default(),
        }],
        ..Loaded::default()
    };
    let (vals, errs) = Evaluator::constants_with_diags(&loaded);
    diags.extend(errs);
    out.extend(vals);
}
