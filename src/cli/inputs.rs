//! What `check` reads: files as given, every `.sg` below a directory
//! (sorted, so reports come in the same order on every machine), and `-`
//! for standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One policy to check.
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// The name reports use for standard input.
pub const STDIN_NAME: &str = "<stdin>";

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => STDIN_NAME.to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }

    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin().lock().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            Input::File(p) => std::fs::read(p),
        }
    }
}

/// The inputs of the given paths, in order; a directory contributes every
/// `.sg` file below it. A directory without one is an error, since checking
/// nothing would pass.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    let mut inputs = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found).map_err(|e| format!("cannot read `{}`: {e}", p.display()))?;
            if found.is_empty() {
                return Err(format!("no `.sg` file below `{}`", p.display()));
            }
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(p.clone()));
        }
    }
    Ok(inputs)
}

/// Collects `.sg` files, skipping hidden folders (`.git`) and `target`.
/// Symbolic links to folders are not followed, so a loop cannot trap it.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if !name.starts_with('.') && name != "target" {
                walk(&path, found)?;
            }
        } else if path.extension().is_some_and(|e| e == "sg") {
            found.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_give_their_policies_in_order() {
        let dir = std::env::temp_dir().join(format!("stargate-inputs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for f in ["b/z.sg", "a.sg", ".hidden/x.sg", "target/y.sg", "notes.txt"] {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap_or(&dir)).ok();
            std::fs::write(&p, "").ok();
        }
        let names: Vec<String> = match expand(&[dir.clone(), PathBuf::from("-")]) {
            Ok(inputs) => inputs.iter().map(Input::name).collect(),
            Err(e) => panic!("{e}"),
        };
        let d = dir.display();
        assert_eq!(
            names,
            [
                format!("{d}/a.sg"),
                format!("{d}/b/z.sg"),
                STDIN_NAME.into()
            ]
        );
        std::fs::create_dir_all(dir.join("empty")).ok();
        assert!(expand(&[dir.join("empty")]).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
