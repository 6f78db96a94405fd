//! The Terraform front end (`stargate-verify import`): `.tf` directories
//! (parsed with spans, evaluated as Terraform would, without running it)
//! and `terraform show -json` plans, read into one resource inventory,
//! then mapped to the nodes of a policy. See docs/terraform.md.

pub mod diag;
pub mod emit;
pub mod eval;
pub mod findings;
pub mod functions;
pub mod functions_more;
pub mod hcl;
pub mod inventory;
pub mod plan;
pub mod policy;
pub mod value;
pub mod vars;

use std::path::Path;

pub use diag::{Level, Loc, TfDiagnostic};
pub use inventory::Inventory;
pub use vars::VarArg;

/// Reads a directory of `.tf` files or a plan JSON file (a file whose
/// name ends in `.json`, or any file that is not a directory).
pub fn read(path: &Path, vars: &[VarArg]) -> Inventory {
    // Parsing and evaluation recurse once per level of an expression; a
    // thread with a large stack keeps long operator chains from
    // overflowing it (brackets are limited before parsing).
    let (p, v) = (path.to_path_buf(), vars.to_vec());
    let worker = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || read_here(&p, &v));
    match worker.map(|h| h.join()) {
        Ok(Ok(inv)) => inv,
        // No thread could be started (or it failed): read on this one.
        _ => read_here(path, vars),
    }
}

/// The stack of the reading thread (reserved, not committed, memory).
const STACK_BYTES: usize = 1 << 30;

fn read_here(path: &Path, vars: &[VarArg]) -> Inventory {
    if path.is_dir() {
        let loaded = eval::load::load(path);
        let mut diags = Vec::new();
        let values = vars::root_values(path, vars, &mut diags);
        let mut inv = eval::Evaluator::run(&loaded, &values);
        diags.append(&mut inv.diagnostics);
        inv.diagnostics = diags;
        inv
    } else {
        plan::read_file(path)
    }
}
