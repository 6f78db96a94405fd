//! Where each line of the `.sg` output came from: the Terraform block
//! that made it (a security-group rule, a listener rule, a cache
//! behaviour, an origin's custom header). `check --terraform` uses these
//! to point a hop back into the `.tf` file (or the plan) that allowed it.

use serde::Serialize;

use crate::terraform::diag::Loc;
use crate::terraform::inventory::{Instance, BLOCK_LINE};
use crate::terraform::value::Value;

/// The `.sg` text and, for every line of it that a Terraform block made,
/// that block's location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Emitted {
    pub text: String,
    pub origins: Vec<Origin>,
}

/// `line` is the 1-based line of `text`; `file` and `tf_line` as in the
/// JSON output (file relative to the imported directory, or the plan
/// file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub line: usize,
    pub file: String,
    pub tf_line: usize,
}

impl Emitted {
    /// The origin of a 1-based line of `text`, if a Terraform block made it.
    pub fn origin(&self, line: usize) -> Option<&Origin> {
        self.origins
            .binary_search_by_key(&line, |o| o.line)
            .ok()
            .and_then(|i| self.origins.get(i))
    }
}

/// The output being written, one line at a time with its origin.
#[derive(Default)]
pub(super) struct Lines {
    items: Vec<(String, Option<Loc>)>,
}

impl Lines {
    /// One line (no line breaks in `text`), made by the block at `at`.
    pub(super) fn line(&mut self, text: impl Into<String>, at: Option<&Loc>) {
        let text: String = text.into();
        for (n, part) in text.split('\n').enumerate() {
            // A comment line carries no origin of its own; only the line
            // that holds the statement does.
            let at = if n == 0 || !part.trim_start().starts_with('#') {
                at.cloned()
            } else {
                None
            };
            self.items.push((part.to_string(), at));
        }
    }

    pub(super) fn comment(&mut self, text: impl AsRef<str>) {
        self.items.push((format!("# {}", text.as_ref()), None));
    }

    pub(super) fn blank(&mut self) {
        self.items.push((String::new(), None));
    }

    pub(super) fn items(&self) -> &[(String, Option<Loc>)] {
        &self.items
    }

    pub(super) fn extend(&mut self, other: Lines) {
        self.items.extend(other.items);
    }

    /// The text in `fmt` style, and the origins of its lines. The formatter
    /// only changes spaces within a line (it aligns comments); if it ever
    /// changed the number of lines, the text is kept as written so that
    /// every origin still names its line.
    pub(super) fn finish(mut self) -> Emitted {
        while self.items.last().is_some_and(|(t, _)| t.is_empty()) {
            self.items.pop();
        }
        let mut raw = String::new();
        for (t, _) in &self.items {
            raw.push_str(t);
            raw.push('\n');
        }
        let text = match crate::fmt::format(&raw) {
            Ok(f) if f.lines().count() == self.items.len() => f,
            _ => raw,
        };
        let origins = self
            .items
            .into_iter()
            .enumerate()
            .filter_map(|(n, (_, at))| {
                at.map(|l| Origin {
                    line: n + 1,
                    file: l.file,
                    tf_line: l.line,
                })
            })
            .collect();
        Emitted { text, origins }
    }
}

/// Where a nested block of an instance starts (`ingress`, an
/// `ordered_cache_behavior`, a `custom_header`): its own line when the
/// evaluator kept it (`.tf` files), else the instance's.
pub(super) fn block_loc(i: &Instance, block: &Value) -> Loc {
    match block.get_attr(BLOCK_LINE).and_then(|v| v.to_number()) {
        Some(n) if n >= 1.0 => Loc {
            file: i.loc.file.clone(),
            line: n as usize,
        },
        _ => i.loc.clone(),
    }
}
