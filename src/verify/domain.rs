//! Finite domains for the parts of a request that are strings: paths (one
//! class per combination of globs a path can match), HTTP methods, and
//! header values (absent, "other", each literal, each secret). Both the SMT
//! encoding and the concrete interpreter's exhaustive search use them.

use crate::model::{GlobDef, Policy, Value};

/// Paths split into classes: two paths in a class match exactly the same globs.
#[derive(Debug, Clone)]
pub struct PathClasses {
    /// A concrete path for each class.
    pub representatives: Vec<String>,
    /// For each glob of the policy, the classes it matches.
    pub glob_classes: Vec<Vec<usize>>,
}

/// A character no glob contains, so `p + FRESH` extends a prefix without
/// becoming another glob's prefix or exact path.
const FRESH_SUFFIXES: [&str; 6] = ["x", "zz", "q0", "other", "_", "~z"];

impl PathClasses {
    pub fn new(globs: &[GlobDef]) -> Self {
        // Candidates: each exact path, and each prefix (and the root) followed
        // by a fresh suffix. Every path matches the same globs as one of them:
        // the globs a non-exact path matches are the prefixes of its longest
        // matching prefix glob.
        let mut candidates: Vec<String> = Vec::new();
        for g in globs {
            if g.prefix {
                candidates.push(g.text.clone());
                candidates.push(fresh_extension(&g.text, globs));
            } else {
                candidates.push(g.text.clone());
            }
        }
        candidates.push(fresh_extension("/", globs));
        let mut representatives: Vec<String> = Vec::new();
        let mut signatures: Vec<Vec<bool>> = Vec::new();
        for c in candidates {
            let sig: Vec<bool> = globs.iter().map(|g| g.matches(&c)).collect();
            if !signatures.contains(&sig) {
                signatures.push(sig);
                representatives.push(c);
            }
        }
        let glob_classes = (0..globs.len())
            .map(|g| {
                (0..signatures.len())
                    .filter(|&c| signatures[c][g])
                    .collect()
            })
            .collect();
        PathClasses {
            representatives,
            glob_classes,
        }
    }

    /// The class of a concrete path.
    pub fn class_of(&self, globs: &[GlobDef], path: &str) -> Option<usize> {
        let sig: Vec<bool> = globs.iter().map(|g| g.matches(path)).collect();
        (0..self.representatives.len()).find(|&c| {
            globs
                .iter()
                .enumerate()
                .all(|(g, _)| self.glob_classes[g].contains(&c) == sig[g])
        })
    }
}

/// `base` plus a short suffix that makes it match exactly the prefix globs
/// that are prefixes of `base`, and no exact glob.
fn fresh_extension(base: &str, globs: &[GlobDef]) -> String {
    let want: Vec<bool> = globs
        .iter()
        .map(|g| g.prefix && base.starts_with(&g.text))
        .collect();
    for suffix in FRESH_SUFFIXES {
        let candidate = format!("{base}{suffix}");
        let sig: Vec<bool> = globs.iter().map(|g| g.matches(&candidate)).collect();
        if sig == want {
            return candidate;
        }
    }
    // A suffix no glob can contain (globs never hold a space).
    format!("{base} ")
}

/// The value domain of a header: absent, a string no literal equals,
/// each literal, each secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HeaderValue {
    Absent,
    Other,
    Is(Value),
}

#[derive(Debug, Clone)]
pub struct Domains {
    pub paths: PathClasses,
    pub literal_count: usize,
    pub secret_count: usize,
    /// The methods named in the policy, then one that none of them is.
    pub method_names: Vec<String>,
    /// A header value equal to no literal.
    pub other_value: String,
}

impl Domains {
    pub fn new(policy: &Policy) -> Self {
        let mut method_names = policy.methods.clone();
        let other_method = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
            .into_iter()
            .map(str::to_string)
            .find(|m| !method_names.contains(m))
            .unwrap_or_else(|| fresh_string("OTHER", &method_names));
        method_names.push(other_method);
        Domains {
            paths: PathClasses::new(&policy.globs),
            literal_count: policy.literals.len(),
            secret_count: policy.secrets.len(),
            method_names,
            other_value: fresh_string("other-value", &policy.literals),
        }
    }

    pub fn header_value_count(&self) -> usize {
        2 + self.literal_count + self.secret_count
    }

    pub fn header_code(&self, v: HeaderValue) -> u64 {
        match v {
            HeaderValue::Absent => 0,
            HeaderValue::Other => 1,
            HeaderValue::Is(Value::Literal(l)) => 2 + l as u64,
            HeaderValue::Is(Value::Secret(s)) => 2 + (self.literal_count + s) as u64,
        }
    }

    pub fn header_from_code(&self, code: u64) -> HeaderValue {
        let c = code as usize;
        match c {
            0 => HeaderValue::Absent,
            1 => HeaderValue::Other,
            c if c < 2 + self.literal_count => HeaderValue::Is(Value::Literal(c - 2)),
            c if c < 2 + self.literal_count + self.secret_count => {
                HeaderValue::Is(Value::Secret(c - 2 - self.literal_count))
            }
            _ => HeaderValue::Other,
        }
    }
}

fn fresh_string(base: &str, taken: &[String]) -> String {
    let mut candidate = base.to_string();
    let mut n = 1;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, prefix: bool) -> GlobDef {
        GlobDef {
            text: text.into(),
            prefix,
        }
    }

    #[test]
    fn classes_separate_prefix_from_exact() {
        let globs = vec![g("/admin/", true), g("/admin", false), g("/", true)];
        let pc = PathClasses::new(&globs);
        // "/admin/" (prefix text), "/admin/x", "/admin", "/x".
        let admin_prefix = &pc.glob_classes[0];
        let admin_exact = &pc.glob_classes[1];
        assert!(admin_prefix.iter().all(|c| !admin_exact.contains(c)));
        assert_eq!(pc.class_of(&globs, "/admin"), Some(admin_exact[0]));
        assert!(admin_prefix.contains(&pc.class_of(&globs, "/admin/users").unwrap_or(99)));
        assert_eq!(pc.glob_classes[2].len(), pc.representatives.len());
    }
}
