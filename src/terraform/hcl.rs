//! Reading `.tf` files: one directory (a module) at a time, parsed with
//! `hcl-edit`, whose tree keeps byte spans; a span becomes `file:line`
//! through each file's line starts.

use std::path::{Path, PathBuf};

use hcl_edit::structure::Body;

use super::diag::{codes, Loc, TfDiagnostic};

/// One parsed `.tf` (or `.tfvars`) file.
#[derive(Debug)]
pub struct TfFile {
    /// The name shown in locations.
    pub name: String,
    pub body: Body,
    line_starts: Vec<usize>,
}

impl TfFile {
    /// The location of a byte offset into this file.
    pub fn loc(&self, offset: usize) -> Loc {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        };
        Loc {
            file: self.name.clone(),
            line: line.max(1),
        }
    }

    /// The location of something with an optional span.
    pub fn loc_of(&self, span: Option<std::ops::Range<usize>>) -> Loc {
        self.loc(span.map_or(0, |r| r.start))
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Parses one file's text; a syntax error is a located diagnostic.
pub fn parse_text(name: &str, text: &str) -> Result<TfFile, TfDiagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match hcl_edit::parser::parse_body(text) {
        Ok(body) => Ok(TfFile {
            name: name.to_string(),
            body,
            line_starts: line_starts(text),
        }),
        Err(e) => {
            let loc = Loc {
                file: name.to_string(),
                line: e.location().line(),
            };
            let message = e.message().lines().next().unwrap_or("invalid HCL").trim();
            Err(TfDiagnostic::error(
                codes::SYNTAX,
                format!("HCL syntax error: {message}"),
                &loc,
                "fix the syntax here; `terraform validate` shows the same error",
            ))
        }
    }
}

/// Reads and parses a file from disk.
pub fn parse_file(path: &Path, shown: &str) -> Result<TfFile, TfDiagnostic> {
    let bytes = std::fs::read(path).map_err(|e| io_error(shown, &e))?;
    if bytes.len() > crate::MAX_FILE_BYTES {
        return Err(TfDiagnostic::error(
            codes::IO,
            format!("{shown} is larger than 64 MiB"),
            &Loc {
                file: shown.into(),
                line: 1,
            },
            "split the configuration, or import the plan JSON instead",
        ));
    }
    parse_text(shown, &String::from_utf8_lossy(&bytes))
}

pub fn io_error(shown: &str, e: &std::io::Error) -> TfDiagnostic {
    TfDiagnostic::error(
        codes::IO,
        format!("cannot read {shown}: {e}"),
        &Loc {
            file: shown.into(),
            line: 1,
        },
        "check that the path exists and is readable",
    )
}

/// The `.tf` files of one directory (not its subdirectories), in name
/// order, as Terraform loads them.
pub fn tf_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "tf"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_in_one_object_is_accepted_last_value_wins() {
        // Terraform accepts this shape (the terraform-aws-modules ALB
        // example has one); hcl-edit from 0.9.9 refuses it.
        let f = parse_text("a.tf", "locals {\n  x = { a = 1, b = 2, a = 3 }\n}\n").unwrap();
        let block = f.body.get_blocks("locals").next().unwrap();
        let attr = block.body.get_attribute("x").unwrap();
        let obj = attr.value.as_object().unwrap();
        assert_eq!(obj.len(), 2);
        let text: Vec<String> = obj
            .iter()
            .map(|(_, v)| {
                v.expr()
                    .as_number()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(text, ["3", "2"]);
    }

    #[test]
    fn syntax_errors_are_located() {
        let e = parse_text("b.tf", "resource \"a\" \"b\" {\n  x = \n}\n").unwrap_err();
        assert_eq!(e.code, codes::SYNTAX);
        assert_eq!(e.file, "b.tf");
        assert!(e.line >= 2, "{e:?}");
    }

    #[test]
    fn offsets_become_lines() {
        let f = parse_text("c.tf", "a = 1\n\nb = 2\n").unwrap();
        assert_eq!(f.loc(0).line, 1);
        assert_eq!(f.loc(7).line, 3);
    }
}
