//! Diagnostics of the Terraform import: a stable code
//! (`stargate::terraform::<name>`), a location in a `.tf` or plan file,
//! and a help line.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// Where something came from: a file (as given, relative to the import
/// path where possible) and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
pub struct Loc {
    pub file: String,
    pub line: usize,
}

impl std::fmt::Display for Loc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TfDiagnostic {
    pub code: &'static str,
    pub severity: Level,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub help: String,
}

impl TfDiagnostic {
    pub fn error(code: &'static str, message: impl Into<String>, loc: &Loc, help: &str) -> Self {
        TfDiagnostic {
            code,
            severity: Level::Error,
            message: message.into(),
            file: loc.file.clone(),
            line: loc.line,
            help: help.into(),
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>, loc: &Loc, help: &str) -> Self {
        TfDiagnostic {
            severity: Level::Warning,
            ..TfDiagnostic::error(code, message, loc, help)
        }
    }

    /// `error[code]: message` / `  --> file:line` / `  help: ...`.
    pub fn render(&self) -> String {
        let level = match self.severity {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        format!(
            "{level}[{}]: {}\n  --> {}:{}\n  help: {}",
            self.code, self.message, self.file, self.line, self.help
        )
    }
}

/// Every code this front end emits.
pub mod codes {
    pub const IO: &str = "stargate::terraform::io";
    pub const SYNTAX: &str = "stargate::terraform::syntax";
    pub const PLAN_FORMAT: &str = "stargate::terraform::plan_format";
    pub const PLAN_VERSION: &str = "stargate::terraform::plan_version";
    pub const UNKNOWN_FUNCTION: &str = "stargate::terraform::unknown_function";
    pub const FUNCTION_ARGS: &str = "stargate::terraform::function_args";
    pub const TYPE_MISMATCH: &str = "stargate::terraform::type_mismatch";
    pub const UNDEFINED: &str = "stargate::terraform::undefined";
    pub const CYCLE: &str = "stargate::terraform::cycle";
    pub const MISSING_VARIABLE: &str = "stargate::terraform::missing_variable";
    pub const BAD_VAR: &str = "stargate::terraform::bad_var";
    pub const MODULE_UNAVAILABLE: &str = "stargate::terraform::module_unavailable";
    pub const UNKNOWN_DECISION: &str = "stargate::terraform::unknown_decision";
    pub const NOT_MODELLED: &str = "stargate::terraform::not_modelled";
    pub const TOO_DEEP: &str = "stargate::terraform::too_deep";
    pub const LITERAL_HEADER: &str = "stargate::terraform::literal_header";
}
