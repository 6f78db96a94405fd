//! The resource inventory: every expanded resource instance with its
//! Terraform address, type, evaluated attributes and location, the same
//! shape whether it was read from `.tf` files or from a plan.

use std::collections::BTreeMap;

use serde::Serialize;

use super::diag::{Loc, TfDiagnostic};
use super::value::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Managed,
    Data,
}

/// One resource instance (`aws_instance.app[0]`).
#[derive(Debug, Clone)]
pub struct Instance {
    pub address: String,
    pub mode: Mode,
    pub rtype: String,
    /// The resource's name in its module (`app`).
    pub name: String,
    /// The count index or for_each key, as Terraform prints it (`0`, `"a"`).
    pub key: Option<String>,
    /// The module path (`module.alb`), empty at the root.
    pub module: String,
    pub attrs: BTreeMap<String, Value>,
    pub loc: Loc,
    /// From a plan: attribute → the references its expression names.
    pub references: BTreeMap<String, Vec<String>>,
}

/// Something that would change reachability and is not modelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownEntry {
    pub address: String,
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl UnknownEntry {
    pub fn new(address: impl Into<String>, loc: &Loc, message: impl Into<String>) -> Self {
        UnknownEntry {
            address: address.into(),
            file: loc.file.clone(),
            line: loc.line,
            message: message.into(),
        }
    }
}

/// A secret the configuration holds: named, never shown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SecretEntry {
    pub name: String,
    pub address: String,
    /// Where it is declared, when that is known (not in the JSON output).
    #[serde(skip)]
    pub loc: Option<Loc>,
}

/// The key under which a nested block keeps the line it starts on (no
/// Terraform name can hold `@`), so the emitter can name the block that
/// made a line of its output (a cache behaviour, an inline rule). Only
/// `.tf` files have it; a plan's blocks have no lines.
pub const BLOCK_LINE: &str = "@line";

#[derive(Debug, Default)]
pub struct Inventory {
    pub instances: Vec<Instance>,
    pub secrets: Vec<SecretEntry>,
    pub unknowns: Vec<UnknownEntry>,
    pub diagnostics: Vec<TfDiagnostic>,
}

impl Inventory {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == super::diag::Level::Error)
    }
}

/// Whether every attribute of a resource type that Terraform does not
/// take from the configuration is a secret.
pub fn secret_type(mode: Mode, rtype: &str) -> bool {
    match mode {
        Mode::Managed => rtype.starts_with("random_") || rtype == "tls_private_key",
        Mode::Data => {
            rtype == "aws_secretsmanager_secret_version"
                || rtype == "aws_ssm_parameter"
                || rtype == "aws_kms_secrets"
        }
    }
}
