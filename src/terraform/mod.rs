//! The Terraform front end (`stargate-verify import`): `.tf` directories
//! (parsed with spans, evaluated as Terraform would, without running it)
//! and `terraform show -json` plans, read into one resource inventory,
//! then mapped to the nodes of a policy. See docs/terraform.md.

pub mod diag;
pub mod emit;
pub mod eval;
pub mod functions;
pub mod hcl;
pub mod inventory;
pub mod plan;
pub mod value;
pub mod vars;

use std::path::Path;

pub use diag::{Level, Loc, TfDiagnostic};
pub use inventory::Inventory;
pub use vars::VarArg;

/// Reads a directory of `.tf` files or a plan JSON file (a file whose
/// name ends in `.json`, or any file that is not a directory).
pub fn read(path: &Path, vars: &[VarArg]) -> Inventory {
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
