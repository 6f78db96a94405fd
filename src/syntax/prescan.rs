//! A pass over the raw text before the grammar runs: problems the grammar
//! would report badly or could not survive (NUL bytes, strings left open at
//! the end of a line, brackets nested deep enough to exhaust the stack).

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// Deepest nesting of `(`, `[` and `{` the parser accepts. Real policies use
/// fewer than ten levels; the limit keeps recursion far from the stack's end.
pub const MAX_NESTING: usize = 128;

/// The most `not`s and `except`s that may enclose one point of a condition
/// or an address set, counted apart from brackets. The grammar reads such
/// chains by repetition, but the AST nests them and every later walk
/// (checking, evaluation, encoding, printing, dropping) recurses, so with
/// brackets bounded too no walk goes deeper than a few hundred levels.
pub const MAX_CHAIN: usize = 128;

pub fn prescan(text: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut too_deep_reported = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0 => {
                diags.push(
                    Diagnostic::error(
                        "stargate::parse::nul_byte",
                        "policy text contains a NUL byte",
                        Span::new(i, i + 1),
                    )
                    .label("NUL byte")
                    .help("policies are plain UTF-8 text; remove the NUL byte (is this a binary file?)"),
                );
                i += 1;
            }
            b'#' => i = skip_line(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') && starts_token(bytes, i) => {
                i = skip_line(bytes, i)
            }
            b'"' => {
                let start = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None | Some(b'\n') | Some(b'\r') => {
                            diags.push(
                                Diagnostic::error(
                                    "stargate::parse::unterminated_string",
                                    "unterminated string",
                                    Span::new(start, i),
                                )
                                .label("this string is never closed")
                                .help("close the string with `\"` on the same line"),
                            );
                            break;
                        }
                        Some(b'\\') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING && !too_deep_reported {
                    too_deep_reported = true;
                    diags.push(
                        Diagnostic::error(
                            "stargate::parse::too_deep",
                            format!("brackets are nested more than {MAX_NESTING} levels deep"),
                            Span::new(i, i + 1),
                        )
                        .label("nesting limit reached here")
                        .help("flatten the expression; `and`/`or` chains and lists need no extra brackets"),
                    );
                }
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => {
                // Most bytes are none of the above: skip them in a tight loop.
                i += 1;
                while i < bytes.len() && !NOTABLE[usize::from(bytes[i])] {
                    i += 1;
                }
            }
        }
    }
    diags
}

/// The bytes the loop above acts on.
const NOTABLE: [bool; 256] = {
    let mut t = [false; 256];
    let notable = b"\0#/\"([{)]}";
    let mut k = 0;
    while k < notable.len() {
        t[notable[k] as usize] = true;
        k += 1;
    }
    t
};

fn skip_line(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i] != b'\n' {
        i += 1;
    }
    i
}

/// What may follow the `/` that starts a path glob.
pub(super) const GLOB_CHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'/' | b'-' | b'_' | b'.' | b'~' | b'%' | b':' | b'@' | b'+' | b'*' | b'?'
            );
        c += 1;
    }
    t
};

/// `//` opens a comment unless it sits inside a path glob such as `/a//b`:
/// a run of glob characters that began with `/` (as the grammar's glob
/// token does). After a name (`any// note`) it is a comment.
pub(crate) fn starts_token(bytes: &[u8], i: usize) -> bool {
    let mut start = i;
    while start > 0 && GLOB_CHAR[usize::from(bytes[start - 1])] {
        start -= 1;
    }
    start == i || bytes[start] != b'/'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_open_strings_but_not_in_comments() {
        let d = prescan("secret a \"x\n# \"not a string\nsecret b \"ok\"");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "stargate::parse::unterminated_string");
        assert_eq!(d[0].span.start, 9);
    }

    #[test]
    fn double_slash_after_a_name_is_a_comment_but_not_inside_a_glob() {
        assert!(prescan("zone a { addresses any// say \"hi\n}").is_empty());
        assert!(prescan("assert x: no path a -> a where path in /a//b\n").is_empty());
        // Inside a glob `//` is not a comment, so a quote after it is code.
        assert_eq!(prescan("path in /a//b \"x\n").len(), 1);
    }

    #[test]
    fn limits_nesting() {
        let text = "(".repeat(100_000);
        let d = prescan(&text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.start, MAX_NESTING);
    }
}
