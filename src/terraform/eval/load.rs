//! Finding and parsing every module of a configuration before evaluation:
//! the root directory, local modules (`source = "./..."`) and registry
//! modules Terraform has downloaded (`.terraform/modules/modules.json`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use hcl_edit::Span;

use crate::terraform::diag::{codes, Loc, TfDiagnostic};
use crate::terraform::hcl::{self, TfFile};

/// Modules nested deeper than this are refused (a module that calls itself).
const MAX_MODULE_DEPTH: usize = 32;

/// One module directory, parsed.
#[derive(Debug)]
pub struct Dir {
    /// The directory as shown in locations (relative to the root).
    pub shown: String,
    pub files: Vec<TfFile>,
    /// Module call name → the directory it loads, or None when unavailable.
    pub calls: HashMap<String, Option<usize>>,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub dirs: Vec<Dir>,
    pub diagnostics: Vec<TfDiagnostic>,
    /// Module calls that could not be read: (address, location, message).
    pub unavailable: Vec<(String, Loc, String)>,
}

struct Loader<'p> {
    root: &'p Path,
    registry: HashMap<String, String>,
    by_path: HashMap<PathBuf, usize>,
    out: Loaded,
}

/// Loads the root module at `root` and every module it calls.
pub fn load(root: &Path) -> Loaded {
    let mut l = Loader {
        root,
        registry: registry_modules(root),
        by_path: HashMap::new(),
        out: Loaded::default(),
    };
    l.dir(root, "", 0);
    l.out
}

/// `.terraform/modules/modules.json`: call key (`alb`, `alb.sub`) → dir.
fn registry_modules(root: &Path) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let Ok(text) = std::fs::read_to_string(root.join(".terraform/modules/modules.json")) else {
        return out;
    };
    let Ok(j) = serde_json::from_str::<serde_json::Value>(&text) else {
        return out;
    };
    for m in j
        .get("Modules")
        .and_then(|m| m.as_array())
        .into_iter()
        .flatten()
    {
        if let (Some(k), Some(d)) = (
            m.get("Key").and_then(|k| k.as_str()),
            m.get("Dir").and_then(|d| d.as_str()),
        ) {
            out.insert(k.to_string(), d.to_string());
        }
    }
    out
}

impl Loader<'_> {
    fn shown(&self, p: &Path) -> String {
        let rel = p.strip_prefix(self.root).unwrap_or(p);
        let s = rel.to_string_lossy().replace('\\', "/");
        if s.is_empty() {
            String::new()
        } else {
            format!("{s}/")
        }
    }

    fn dir(&mut self, path: &Path, key: &str, depth: usize) -> Option<usize> {
        let canon = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if let Some(&i) = self.by_path.get(&canon) {
            return Some(i);
        }
        let shown = self.shown(path);
        let names = match hcl::tf_files(path) {
            Ok(n) => n,
            Err(e) => {
                self.out.diagnostics.push(hcl::io_error(&shown, &e));
                return None;
            }
        };
        // Terraform refuses a root module without configuration files; an
        // empty network would pass every check.
        if names.is_empty() && depth == 0 {
            self.out.diagnostics.push(TfDiagnostic::error(
                codes::IO,
                format!("no .tf file in {}", path.display()),
                &Loc {
                    file: shown.clone(),
                    line: 1,
                },
                "give the directory of the root module (where `terraform plan` runs), or a plan JSON file",
            ));
        }
        let mut files = Vec::new();
        for p in names {
            let name = format!(
                "{shown}{}",
                p.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
            match hcl::parse_file(&p, &name) {
                Ok(f) => files.push(f),
                Err(d) => self.out.diagnostics.push(d),
            }
        }
        let idx = self.out.dirs.len();
        self.by_path.insert(canon, idx);
        // The module blocks and their sources, read before the files move.
        let mut wanted = Vec::new();
        for f in &files {
            for b in f.body.get_blocks("module") {
                let Some(name) = b.labels.first().map(|l| l.as_str().to_string()) else {
                    continue;
                };
                let src = b
                    .body
                    .get_attribute("source")
                    .and_then(|a| a.value.as_str().map(str::to_string));
                wanted.push((name, src, f.loc_of(b.ident.span())));
            }
        }
        self.out.dirs.push(Dir {
            shown,
            files,
            calls: HashMap::new(),
        });
        for (name, src, loc) in wanted {
            let child_key = if key.is_empty() {
                name.clone()
            } else {
                format!("{key}.{name}")
            };
            let address = format!("module.{}", child_key.replace('.', ".module."));
            let child = match src {
                _ if depth >= MAX_MODULE_DEPTH => {
                    self.unavailable(&address, &loc, "modules are nested more than 32 deep");
                    None
                }
                Some(s) if s.starts_with("./") || s.starts_with("../") => {
                    let p = path.join(&s);
                    if p.is_dir() {
                        self.dir(&p, &child_key, depth + 1)
                    } else {
                        self.unavailable(
                            &address,
                            &loc,
                            &format!("local module \"{s}\" not found"),
                        );
                        None
                    }
                }
                Some(s) => match self.registry.get(&child_key).cloned() {
                    Some(d) if self.root.join(&d).is_dir() => {
                        let p = self.root.join(&d);
                        self.dir(&p, &child_key, depth + 1)
                    }
                    _ => {
                        self.unavailable(
                            &address,
                            &loc,
                            &format!("module \"{s}\" is not available (not downloaded)"),
                        );
                        None
                    }
                },
                None => {
                    self.unavailable(&address, &loc, "the module has no literal `source`");
                    None
                }
            };
            self.out.dirs[idx].calls.insert(name, child);
        }
        Some(idx)
    }

    fn unavailable(&mut self, address: &str, loc: &Loc, msg: &str) {
        self.out.diagnostics.push(TfDiagnostic::warning(
            codes::MODULE_UNAVAILABLE,
            format!("{address}: {msg}"),
            loc,
            "run `terraform init` so the module is downloaded into .terraform/modules, or import the plan JSON",
        ));
        self.out
            .unavailable
            .push((address.to_string(), loc.clone(), msg.to_string()));
    }
}
