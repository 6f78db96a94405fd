//! `stargate.toml`: a project's settings, found upward from the working
//! directory, read the same way by the command line, the editor server and
//! (through the command line) the GitHub Action. Command-line options win
//! over the file; the file wins over the built-in defaults.
//!
//! Every problem is a located diagnostic (`stargate::config::*`) in the
//! file's own text, rendered like a policy's: an unknown key is an error,
//! not something silently ignored, so a typo cannot turn a setting off.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::SourceText;

/// The file name looked for in the working directory and its parents.
pub const FILE_NAME: &str = "stargate.toml";

/// The keys the file may hold, for did-you-mean help.
pub const KEYS: &[&str] = &[
    "timeout",
    "jobs",
    "fail-on",
    "paths",
    "terraform",
    "var-files",
];

/// When `diff` exits with status 1, as the file spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Opened,
    Any,
    Never,
}

/// The settings of a project. `None` (or empty) means "not set here".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file these settings came from.
    pub file: Option<PathBuf>,
    pub timeout: Option<Duration>,
    pub jobs: Option<usize>,
    pub fail_on: Option<FailOn>,
    /// What `check` verifies when no file is given, relative to the file's folder.
    pub paths: Vec<PathBuf>,
    /// Terraform inputs. Read and validated; the Terraform front end does
    /// not exist yet, so `check` refuses to run with them set.
    pub terraform: Vec<PathBuf>,
    /// Terraform variable files, as `terraform`.
    pub var_files: Vec<PathBuf>,
}

/// A file that could not be used: its text (when it was read) and why.
#[derive(Debug)]
pub struct ConfigError {
    pub source: Box<SourceText>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    timeout: Option<Spanned<String>>,
    jobs: Option<Spanned<i64>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    terraform: Vec<String>,
    #[serde(default)]
    var_files: Vec<String>,
}

/// The nearest `stargate.toml` in `start` or one of its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Reads and validates one file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        source: Box::new(SourceText::new(name.clone(), String::new())),
        diagnostics: vec![Diagnostic::error(
            "stargate::config::read",
            format!("cannot read `{name}`: {e}"),
            Span::default(),
        )
        .label("unreadable")
        .help("check the path and its permissions, or pass --no-config")],
    })?;
    let base = relative_to_working_dir(path.parent().unwrap_or(Path::new(".")));
    let mut config = parse(&text, &base).map_err(|diagnostics| ConfigError {
        source: Box::new(SourceText::new(name, text.clone())),
        diagnostics,
    })?;
    config.file = Some(path.to_path_buf());
    Ok(config)
}

/// The folder of the file as a path from the working directory when one
/// folder holds the other (`policies`, `../policies`), so that reports name
/// files as relative paths, which SARIF viewers resolve against the
/// repository root; otherwise as it is.
fn relative_to_working_dir(dir: &Path) -> PathBuf {
    let Ok(here) = std::env::current_dir() else {
        return dir.to_path_buf();
    };
    if let Ok(below) = dir.strip_prefix(&here) {
        return below.to_path_buf();
    }
    match here.strip_prefix(dir) {
        Ok(above) => above.components().map(|_| "..").collect(),
        Err(_) => dir.to_path_buf(),
    }
}

/// Validates a file's text; relative paths are taken from `base`.
pub fn parse(text: &str, base: &Path) -> Result<Config, Vec<Diagnostic>> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| vec![toml_error(text, &e)])?;
    let mut problems = Vec::new();
    let mut config = Config::default();
    if let Some(t) = raw.timeout {
        match parse_duration(t.get_ref()) {
            Ok(d) => config.timeout = Some(d),
            Err(why) => problems.push(
                Diagnostic::error("stargate::config::invalid_value", why, span_of(&t))
                    .label("not a duration")
                    .help("write a duration such as \"500ms\", \"30s\" or \"2m\""),
            ),
        }
    }
    if let Some(j) = raw.jobs {
        match usize::try_from(*j.get_ref()) {
            Ok(n) if n <= 1024 => config.jobs = Some(n),
            _ => problems.push(
                Diagnostic::error(
                    "stargate::config::invalid_value",
                    format!("`jobs` is {}, not a number of threads", j.get_ref()),
                    span_of(&j),
                )
                .label("out of range")
                .help("use 0 (one per core) or a number of threads up to 1024"),
            ),
        }
    }
    if let Some(f) = raw.fail_on {
        config.fail_on = match f.get_ref().as_str() {
            "opened" => Some(FailOn::Opened),
            "any" => Some(FailOn::Any),
            "never" => Some(FailOn::Never),
            other => {
                problems.push(
                    Diagnostic::error(
                        "stargate::config::invalid_value",
                        format!("`fail-on` cannot be `{other}`"),
                        span_of(&f),
                    )
                    .label("unknown value")
                    .help("use \"opened\", \"any\" or \"never\""),
                );
                None
            }
        };
    }
    let rebase = |list: Vec<String>| list.into_iter().map(|p| base.join(p)).collect();
    config.paths = rebase(raw.paths);
    config.terraform = rebase(raw.terraform);
    config.var_files = rebase(raw.var_files);
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

fn span_of<T>(v: &Spanned<T>) -> Span {
    let r = v.span();
    Span::new(r.start, r.end)
}

/// A TOML or shape error as a diagnostic, with did-you-mean help for an
/// unknown key.
fn toml_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().map_or(Span::default(), |r| {
        Span::new(r.start, r.end.min(text.len()))
    });
    let message = e.message().trim().to_string();
    if let Some(key) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        let help = match crate::suggest::nearest(key, KEYS.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the keys are {}", quoted_list(KEYS)),
        };
        return Diagnostic::error(
            "stargate::config::unknown_key",
            format!("unknown key `{key}` in {FILE_NAME}"),
            span,
        )
        .label("not a setting")
        .help(help);
    }
    let first = message.lines().next().unwrap_or("invalid TOML").to_string();
    Diagnostic::error("stargate::config::invalid", first.to_lowercase(), span)
        .label("here")
        .help(format!(
            "{FILE_NAME} is TOML with the keys {}; see docs/config.md",
            quoted_list(KEYS)
        ))
}

fn quoted_list(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `500ms`, `30s`, `2m` (a bare number is seconds): what `--timeout` takes.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map_or((s, "s"), |i| (&s[..i], &s[i..]));
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration; use e.g. 500ms, 5s or 2m"))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" => n,
        "m" => n * 60.0,
        _ => return Err(format!("unknown unit `{unit}` in `{s}`; use ms, s or m")),
    };
    if !(secs > 0.0 && secs < 86_400.0) {
        return Err(format!(
            "`{s}` is out of range; use more than 0 and less than a day"
        ));
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        match parse(text, Path::new("/p")) {
            Ok(_) => Vec::new(),
            Err(ds) => ds.iter().map(|d| d.code).collect(),
        }
    }

    #[test]
    fn reads_every_key() {
        let c = parse(
            "timeout = \"5s\"\njobs = 2\nfail-on = \"any\"\npaths = [\"policies\"]\n\
             terraform = [\"infra\"]\nvar-files = [\"prod.tfvars\"]\n",
            Path::new("/p"),
        )
        .expect("valid");
        assert_eq!(c.timeout, Some(Duration::from_secs(5)));
        assert_eq!(c.jobs, Some(2));
        assert_eq!(c.fail_on, Some(FailOn::Any));
        assert_eq!(c.paths, [PathBuf::from("/p/policies")]);
        assert_eq!(c.terraform, [PathBuf::from("/p/infra")]);
        assert_eq!(c.var_files, [PathBuf::from("/p/prod.tfvars")]);
        assert_eq!(parse("", Path::new("/p")), Ok(Config::default()));
    }

    #[test]
    fn unknown_keys_are_located_with_a_suggestion() {
        let text = "jobs = 2\ntimout = \"5s\"\n";
        let Err(ds) = parse(text, Path::new("/p")) else {
            panic!("an unknown key is an error");
        };
        assert_eq!(ds[0].code, "stargate::config::unknown_key");
        assert_eq!(&text[ds[0].span.start..ds[0].span.end], "timout");
        assert_eq!(ds[0].help.as_deref(), Some("did you mean `timeout`?"));
    }

    #[test]
    fn bad_values_are_errors() {
        assert_eq!(
            codes("timeout = \"soon\""),
            ["stargate::config::invalid_value"]
        );
        assert_eq!(codes("jobs = -1"), ["stargate::config::invalid_value"]);
        assert_eq!(
            codes("fail-on = \"sometimes\""),
            ["stargate::config::invalid_value"]
        );
        assert_eq!(codes("jobs = \"two\""), ["stargate::config::invalid"]);
        assert_eq!(codes("paths = ["), ["stargate::config::invalid"]);
    }
}
