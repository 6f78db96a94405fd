//! The imported network as the text of a policy, for `check --terraform`:
//! the intent's files first (they name the policy), then the generated
//! `.sg` text of the network, then the Terraform files it came from, quoted
//! so that every report can point at the block that made a line. The
//! verifier and the reporters see an ordinary [`SourceText`]; only this
//! file knows that some of it came from Terraform.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::diag::{Level, TfDiagnostic};
use crate::diagnostic::Diagnostic;
use crate::source::{SourceBuilder, SourceText};
use crate::span::Span;

/// Generated policy text, and for each of its lines that came from
/// Terraform, the file (as the import names it) and line.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    /// What reports call the generated text where a line has no origin.
    pub name: String,
    pub text: String,
    /// `(line of text, file, line of file)`, lines one-based.
    pub origins: Vec<(usize, String, usize)>,
}

/// Where the import's file names are relative to, and how to show them.
#[derive(Debug, Clone)]
pub struct Files {
    /// The imported directory (for a plan, the plan file's directory).
    pub dir: PathBuf,
    /// For a plan: the plan file as given (its diagnostics name it so).
    pub plan: Option<PathBuf>,
    /// Texts already read, by the import's name of the file: a [`Network`]
    /// reads its files once for every policy laid out with it.
    read: BTreeMap<String, String>,
}

impl Files {
    pub fn of(path: &Path) -> Files {
        if path.is_dir() {
            Files {
                dir: path.to_path_buf(),
                plan: None,
                read: BTreeMap::new(),
            }
        } else {
            Files {
                dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
                plan: Some(path.to_path_buf()),
                read: BTreeMap::new(),
            }
        }
    }

    /// Reads each named file now (those already read are kept).
    fn read_all<'f>(&mut self, names: impl IntoIterator<Item = &'f str>) {
        for name in names {
            if !self.read.contains_key(name) {
                let text = self.load(name);
                self.read.insert(name.to_string(), text);
            }
        }
    }

    /// A file's text as quoted: read before, or now; empty when it cannot
    /// be read (or is over the size limit).
    fn text(&self, name: &str) -> String {
        match self.read.get(name) {
            Some(t) => t.clone(),
            None => self.load(name),
        }
    }

    fn load(&self, name: &str) -> String {
        match std::fs::read(self.path(name)) {
            Ok(bytes) if bytes.len() <= crate::MAX_FILE_BYTES => {
                String::from_utf8_lossy(&bytes).into_owned()
            }
            _ => String::new(),
        }
    }

    /// The path of a file named by the import, from the working directory.
    fn path(&self, file: &str) -> PathBuf {
        match &self.plan {
            Some(plan) if Path::new(file) == plan.as_path() => plan.clone(),
            _ if Path::new(file).is_absolute() => PathBuf::from(file),
            _ => self.dir.join(file),
        }
    }
}

/// The policy: `intent` (already read, with its includes) or nothing, then
/// each generated text, then the Terraform files their origins and the
/// `diagnostics` name. A generated `policy` line is kept only when there is
/// no intent. Returns the text and the Terraform diagnostics located in it.
pub fn source(
    intent: Option<SourceText>,
    generated: &[Generated],
    files: &Files,
    diagnostics: &[TfDiagnostic],
) -> (SourceText, Vec<Diagnostic>) {
    let has_intent = intent.is_some();
    let mut b = match intent {
        Some(src) => SourceBuilder::after(src),
        None => SourceBuilder::default(),
    };
    let mut parts = Vec::new();
    for (i, g) in generated.iter().enumerate() {
        let text = if has_intent || i > 0 {
            without_policy_line(&g.text)
        } else {
            g.text.clone()
        };
        parts.push(b.add(g.name.clone(), &text));
    }
    // Each Terraform file once, in name order.
    let mut quoted: BTreeMap<String, Option<usize>> = BTreeMap::new();
    for g in generated {
        for (_, file, _) in &g.origins {
            quoted.entry(file.clone()).or_insert(None);
        }
    }
    for d in diagnostics {
        quoted.entry(d.file.clone()).or_insert(None);
    }
    for (file, part) in quoted.iter_mut() {
        // Variable files hold the values of sensitive variables: they are
        // never quoted, so no report can show one.
        if file.ends_with(".tfvars") || file.ends_with(".tfvars.json") {
            continue;
        }
        // A file that cannot be read is named with no text: a location in
        // it still names the file, not the generated policy.
        let text = files.text(file);
        *part = Some(b.add_quoted(files.path(file).display().to_string(), &text));
    }
    for (g, &part) in generated.iter().zip(&parts) {
        let origins = g
            .origins
            .iter()
            .filter_map(|(line, file, tf_line)| {
                let target = quoted.get(file).copied().flatten()?;
                Some((*line, target, *tf_line))
            })
            .collect();
        b.origins(part, origins);
    }
    let located: Vec<Diagnostic> = diagnostics
        .iter()
        .map(|d| {
            let span = quoted
                .get(&d.file)
                .copied()
                .flatten()
                .and_then(|part| b.line_span(part, d.line.max(1)))
                .unwrap_or_default();
            located(d, span)
        })
        .collect();
    (b.finish(), located)
}

/// The name of the policy imported from `tf`: its directory's name, or
/// the plan file's without its extension.
pub fn policy_name(tf: &Path) -> String {
    tf.canonicalize()
        .ok()
        .and_then(|p| {
            let p = if p.is_dir() { p } else { p.with_extension("") };
            p.file_name().map(|n| n.to_string_lossy().to_string())
        })
        .unwrap_or_else(|| "imported".into())
}

/// The imported network's text, named after the configuration, with the
/// Terraform location of each line.
pub fn imported(inv: &super::Inventory, tf: &Path) -> Generated {
    let emitted = super::emit::emit_sg(inv, &policy_name(tf));
    Generated {
        name: format!("{} (imported)", tf.display()),
        origins: emitted
            .origins
            .into_iter()
            .map(|o| (o.line, o.file, o.tf_line))
            .collect(),
        text: emitted.text,
    }
}

/// A configuration read once, for several policies: its generated text,
/// where its files are, and its diagnostics.
#[derive(Debug)]
pub struct Network {
    /// The configuration as given (what a report without an intent is
    /// named after).
    pub path: PathBuf,
    pub inventory: super::Inventory,
    pub generated: Generated,
    pub files: Files,
    pub diagnostics: Vec<TfDiagnostic>,
}

impl Network {
    pub fn read(tf: &Path, vars: &[super::VarArg]) -> Network {
        let inventory = super::read(tf, vars);
        let generated = imported(&inventory, tf);
        let diagnostics = super::emit::diagnostics(&inventory);
        let mut files = Files::of(tf);
        files.read_all(
            generated
                .origins
                .iter()
                .map(|(_, f, _)| f.as_str())
                .chain(diagnostics.iter().map(|d| d.file.as_str())),
        );
        Network {
            path: tf.to_path_buf(),
            generated,
            files,
            diagnostics,
            inventory,
        }
    }

    /// The network with an intent, or alone (then the report is named
    /// after the configuration).
    pub fn with(&self, intent: Option<SourceText>) -> (SourceText, Vec<Diagnostic>) {
        self.with_parts(intent, std::slice::from_ref(&self.generated))
    }

    /// The network's text and `more` generated parts after it.
    pub fn with_parts(
        &self,
        intent: Option<SourceText>,
        parts: &[Generated],
    ) -> (SourceText, Vec<Diagnostic>) {
        let alone = intent.is_none();
        let (mut src, diags) = source(intent, parts, &self.files, &self.diagnostics);
        if alone {
            src.name = self.path.display().to_string();
        }
        (src, diags)
    }
}

/// A Terraform diagnostic at its line of a quoted file.
fn located(d: &TfDiagnostic, span: Span) -> Diagnostic {
    // Nothing to show at the location (a variable file, never quoted; a
    // file that could not be read): the message says where, in words.
    let unshown =
        span.is_empty() && (span.start == 0 || (d.line > 1 && !d.message.contains(&d.file)));
    let message = if unshown {
        format!("{} ({}:{})", d.message, d.file, d.line)
    } else {
        d.message.clone()
    };
    let diag = match d.severity {
        Level::Error => Diagnostic::error(d.code, message, span),
        Level::Warning => Diagnostic::warning(d.code, message, span),
    };
    let diag = diag.label("here");
    if d.help.is_empty() {
        diag
    } else {
        diag.help(d.help.clone())
    }
}

/// The text with its `policy NAME` statement turned into a comment (the
/// intent names the policy); lines stay where they are.
fn without_policy_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("policy ") {
            out.push_str("# ");
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_go_to_their_terraform_block() {
        let dir = std::env::temp_dir().join(format!("stargate-tf-policy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        std::fs::write(
            dir.join("main.tf"),
            "resource \"aws_instance\" \"app\" {\n  ami = \"x\"\n}\n",
        )
        .ok();
        let intent = SourceText::new(
            "intent.sg",
            "policy mine\nassert a: no path internet -> app\n".into(),
        );
        let generated = Generated {
            name: "imported.sg".into(),
            text: "policy imported\nzone internet { addresses any }\nservice app {\n  addresses 10.0.0.1\n}\n".into(),
            origins: vec![(3, "main.tf".into(), 1), (4, "main.tf".into(), 2)],
        };
        let files = Files::of(&dir);
        let warn = TfDiagnostic::warning(
            "stargate::terraform::not_modelled",
            "x",
            &super::super::Loc {
                file: "main.tf".into(),
                line: 2,
            },
            "h",
        );
        let (src, diags) = source(Some(intent), &[generated], &files, &[warn]);
        let a = crate::analyze(src.policy_text());
        assert!(a.model.is_some(), "{:?}", a.diagnostics);
        assert!(src.policy_text().contains("# policy imported"));
        let app = src.policy_text().find("service app").unwrap_or(0);
        let r = src.region(Span::new(app, app + 3));
        assert!(r.file.ends_with("main.tf"), "{}", r.file);
        assert_eq!(r.start.line, 1);
        assert_eq!(src.line(diags[0].span), 2);
        assert!(src.file(diags[0].span).ends_with("main.tf"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
