//! Wildcard patterns as clouds write them (AWS ALB path patterns and
//! http-header values, CloudFront path patterns): `*` stands for any run of
//! characters, the empty run included, `?` for exactly one character, and
//! every other character for itself. This file holds the plain meaning of a
//! match, used by the model and the concrete interpreter; the verifier's
//! value classes (`verify::patterns`) are computed from automata of their
//! own, so that a mistake in either shows up as a disagreement.

/// Whether `text` matches `pattern`; with `fold_case`, ASCII letters are
/// compared without regard to case (header values, host names).
///
/// The usual greedy walk with one backtrack point (the last `*` seen): a
/// later `*` can absorb whatever an earlier one would have had to, so only
/// the last needs retrying. At most `|pattern| * |text|` steps, and no
/// recursion, so a long pattern cannot exhaust the stack.
pub fn wildcard_match(pattern: &str, text: &str, fold_case: bool) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let same = |a: char, b: char| {
        if fold_case {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    let (mut pi, mut ti) = (0usize, 0usize);
    // The position after the last `*`, and the text position it started at.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi + 1, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || same(c, t[ti]) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                // Let the last `*` take one more character, and retry.
                Some((after, from)) => {
                    pi = after;
                    ti = from + 1;
                    star = Some((after, from + 1));
                }
                None => return false,
            },
        }
    }
    p[pi.min(p.len())..].iter().all(|&c| c == '*')
}

/// Whether a pattern has a wildcard at all (without one it matches exactly
/// one string, or with `fold_case` that string in any case).
pub fn has_wildcard(pattern: &str) -> bool {
    pattern.contains(['*', '?'])
}

#[cfg(test)]
mod tests {
    use super::wildcard_match as m;

    #[test]
    fn stars_and_question_marks_anywhere() {
        assert!(m("/api/v?/*", "/api/v1/users", false));
        assert!(m("/api/v?/*", "/api/v2/", false));
        assert!(!m("/api/v?/*", "/api/v10/x", false));
        assert!(!m("/api/v?/*", "/api/v/x", false));
        assert!(m("*.jpg", "/a/b.jpg", false));
        assert!(!m("*.jpg", "/a/b.jpeg", false));
        assert!(m("/a*b*c", "/abc", false));
        assert!(m("/a*b*c", "/axxbyyc", false));
        assert!(!m("/a*b*c", "/axxbyy", false));
        assert!(m("**", "", false));
        assert!(!m("?", "", false));
        assert!(m("/*a", "/aaa", false));
    }

    #[test]
    fn the_old_forms_keep_their_meaning() {
        assert!(m("/key/*", "/key/", false));
        assert!(m("/key/*", "/key/rotate", false));
        assert!(!m("/key/*", "/key", false));
        assert!(!m("/key/*", "/keys", false));
        assert!(m("/health", "/health", false));
        assert!(!m("/health", "/health/", false));
    }

    #[test]
    fn case_folding_is_ascii_only_and_optional() {
        assert!(!m("*Curl*", "x-curl/8", false));
        assert!(m("*Curl*", "x-CURL/8", true));
        assert!(m("API.example.COM", "api.example.com", true));
        assert!(!m("É", "é", true));
    }

    #[test]
    fn a_long_pattern_is_quick() {
        let p = "*?".repeat(5000);
        assert!(!m(&p, &"a".repeat(4999), false));
        assert!(m(&p, &"a".repeat(10_000), false));
        assert!(!m(&format!("{p}b"), &"a".repeat(10_000), false));
    }
}
