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

/// Brackets nested deeper than this are refused before parsing: the
/// parser recurses once per level.
pub const MAX_NESTING: usize = 128;

/// The first byte offset where brackets (`[`, `{`, `(` and template
/// interpolations) nest deeper than `limit`, skipping string literals,
/// comments and heredocs.
fn too_deep(text: &str, limit: usize) -> Option<usize> {
    #[derive(PartialEq)]
    enum Ctx {
        Open,
        Interp,
        Str,
    }
    let b = text.as_bytes();
    let mut stack: Vec<Ctx> = Vec::new();
    let mut depth = 0usize;
    // Consecutive unary operators (`!`, `-`) nest as deeply as brackets.
    let mut unary = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let in_str = stack.last() == Some(&Ctx::Str);
        if !in_str {
            match c {
                b'!' if b.get(i + 1) != Some(&b'=') => unary += 1,
                b'-' => unary += 1,
                b' ' | b'\t' => {}
                _ => unary = 0,
            }
            if unary > limit {
                return Some(i);
            }
        }
        if in_str {
            match c {
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                }
                b'$' | b'%' if b.get(i + 1) == Some(&b'{') => {
                    stack.push(Ctx::Interp);
                    depth += 1;
                    i += 1;
                }
                _ => {}
            }
        } else {
            match c {
                b'"' => stack.push(Ctx::Str),
                b'#' => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                }
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    i += 2;
                    while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                        i += 1;
                    }
                    i += 1;
                }
                b'<' if b.get(i + 1) == Some(&b'<') => {
                    // A heredoc: skip to the line that is its marker.
                    let rest = &text[i + 2..];
                    let rest = rest.strip_prefix('-').unwrap_or(rest);
                    let marker: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !marker.is_empty() {
                        let mut j = i;
                        let mut found = None;
                        for line in text[i..].split_inclusive('\n').skip(1) {
                            j += line.len();
                            if line.trim() == marker {
                                found = Some(j);
                                break;
                            }
                        }
                        if let Some(j) = found {
                            i = j;
                            continue;
                        }
                    }
                    i += 1;
                }
                b'[' | b'{' | b'(' => {
                    stack.push(Ctx::Open);
                    depth += 1;
                }
                b']' | b'}' | b')' => {
                    if matches!(stack.last(), Some(Ctx::Open | Ctx::Interp)) {
                        stack.pop();
                        depth = depth.saturating_sub(1);
                    }
                }
                _ => {}
            }
        }
        if depth > limit {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Parses one file's text; a syntax error is a located diagnostic.
pub fn parse_text(name: &str, text: &str) -> Result<TfFile, TfDiagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(at) = too_deep(text, MAX_NESTING) {
        let starts = line_starts(text);
        let line = match starts.binary_search(&at) {
            Ok(l) => l + 1,
            Err(l) => l,
        };
        return Err(TfDiagnostic::error(
            codes::TOO_DEEP,
            format!("brackets or unary operators nested more than {MAX_NESTING} deep"),
            &Loc {
                file: name.to_string(),
                line,
            },
            "split the expression into locals",
        ));
    }
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
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("a = {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
        assert_eq!(parse_text("d.tf", &deep).unwrap_err().code, codes::TOO_DEEP);
        for op in ["!", "- "] {
            let deep = format!("a = {}1\n", op.repeat(100_000));
            assert_eq!(parse_text("u.tf", &deep).unwrap_err().code, codes::TOO_DEEP);
        }
        // Brackets in strings, comments and heredocs do not count.
        let text = format!(
            "a = \"{}\"\n# {}\nb = <<EOT\n{}\nEOT\nc = \"${{[1]}}\"\n",
            "[".repeat(300),
            "(".repeat(300),
            "{".repeat(300)
        );
        assert!(parse_text("ok.tf", &text).is_ok());
    }

    #[test]
    fn offsets_become_lines() {
        let f = parse_text("c.tf", "a = 1\n\nb = 2\n").unwrap();
        assert_eq!(f.loc(0).line, 1);
        assert_eq!(f.loc(7).line, 3);
    }
}
