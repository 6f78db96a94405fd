//! Value classes of a string field from the wildcard patterns that test it
//! (`*` any run, `?` one character; `model::pattern` holds their plain
//! meaning). The classes are the non-empty cells of the Boolean
//! combinations of the patterns' languages, each with a concrete witness.
//!
//! **Construction.** Each pattern is a small nondeterministic automaton
//! whose states are its positions (position `j` has read the first `j`
//! tokens; a `*` at `j` may stay put or be skipped). A string drives all of
//! them at once, and the set of positions alive after it (across every
//! pattern) is one state of the subset automaton of their product. Which
//! patterns a string matches is a function of that set: pattern `i`
//! matches iff its last position is alive. A breadth-first walk over the
//! subset states reachable from the start therefore meets every matching
//! combination that some string has (it reaches the set of that string),
//! and only those (each set it meets is the set of the string that leads
//! there, which is its witness). Nothing is dropped and nothing is invented:
//! two strings in one class match the same patterns by definition, and
//! every non-empty cell is some reachable set's combination.
//!
//! **Alphabet.** From a state, only the characters that an alive position
//! waits for (a written character of some pattern) can lead to different
//! states; every other character advances exactly the `?` and `*` tokens,
//! all to the same next state. So from each state the walk reads the
//! characters waited for plus one character that none is, which stands for
//! all the others (and is the witness's character for them). For case-insensitive
//! fields, patterns and strings are compared in ASCII lower case, so the
//! written characters are folded first and witnesses are lower case.
//!
//! **Bound.** Subset automata can be exponential in the number of `*`s.
//! The walk counts its work (positions visited times characters read) and
//! gives up past [`MAX_WORK`], or past [`MAX_STATES`] subset states; the
//! verifier then answers `unknown` for the assertions it could not encode,
//! never a verdict over classes it did not finish.

use std::collections::{HashSet, VecDeque};

/// Subset states the walk may visit.
pub const MAX_STATES: usize = 500_000;
/// Positions visited times characters read, in all.
pub const MAX_WORK: u64 = 10_000_000;

/// Characters a witness uses for "a character no pattern waits for here",
/// the first one that fits (lower case, so folded fields keep it as is).
const OTHERS: [char; 12] = ['x', 'z', 'q', '0', '-', '_', '.', '~', 'a', 'b', '1', '2'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A character, and whether it matches either ASCII case (then it is
    /// held in lower case).
    Char(char, bool),
    One,
    Any,
}

/// What the strings of a field are tested against.
#[derive(Debug, Clone, Copy)]
pub struct Spec<'a> {
    pub text: &'a str,
    /// `*` and `?` are wildcards (a pattern), or plain characters (an
    /// exact string, such as a literal compared with `==`).
    pub wildcards: bool,
    pub fold_case: bool,
}

fn tokens(spec: &Spec) -> Vec<Token> {
    spec.text
        .chars()
        .map(|c| match c {
            '*' if spec.wildcards => Token::Any,
            '?' if spec.wildcards => Token::One,
            c if spec.fold_case => Token::Char(c.to_ascii_lowercase(), true),
            c => Token::Char(c, false),
        })
        .collect()
}

fn char_matches(token: (char, bool), c: char) -> bool {
    match token {
        (d, true) => d == c.to_ascii_lowercase(),
        (d, false) => d == c,
    }
}

/// The classes of a field, or why they were not computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cells {
    /// One witness per class; the first is the class of the shortest string.
    pub witnesses: Vec<String>,
    /// For each pattern, the classes whose strings it matches, ascending.
    pub matching: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooMany {
    pub states: usize,
}

impl std::fmt::Display for TooMany {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the wildcard patterns on one field combine into more than {} automaton states \
             (or {} steps) while computing their classes (stopped at {} states); fewer or \
             plainer patterns with inner wildcards would let it decide",
            MAX_STATES, MAX_WORK, self.states
        )
    }
}

/// The non-empty cells of `patterns` over the strings that start with
/// `lead` (paths start with `/`).
pub fn cells(patterns: &[String], lead: &str, fold_case: bool) -> Result<Cells, TooMany> {
    let specs: Vec<Spec> = patterns
        .iter()
        .map(|p| Spec {
            text: p,
            wildcards: true,
            fold_case,
        })
        .collect();
    cells_of(&specs, lead)
}

/// The non-empty cells of patterns and exact strings, each compared in its
/// own way, over the strings that start with `lead`.
pub fn cells_of(specs: &[Spec], lead: &str) -> Result<Cells, TooMany> {
    cells_within(specs, lead, MAX_STATES, MAX_WORK)
}

fn cells_within(
    specs: &[Spec],
    lead: &str,
    max_states: usize,
    max_work: u64,
) -> Result<Cells, TooMany> {
    let toks: Vec<Vec<Token>> = specs.iter().map(tokens).collect();
    // A state: the alive (pattern, position) pairs, sorted, each closed
    // under skipping a `*`.
    let close = |set: &mut Vec<(u32, u32)>| {
        let mut i = 0;
        while i < set.len() {
            let (p, j) = set[i];
            if toks[p as usize].get(j as usize) == Some(&Token::Any) {
                set.push((p, j + 1));
            }
            i += 1;
        }
        set.sort_unstable();
        set.dedup();
    };
    let step = |set: &[(u32, u32)], c: char| -> Vec<(u32, u32)> {
        let mut next = Vec::new();
        for &(p, j) in set {
            match toks[p as usize].get(j as usize) {
                Some(Token::Any) => next.push((p, j)),
                Some(Token::One) => next.push((p, j + 1)),
                Some(Token::Char(d, fold)) if char_matches((*d, *fold), c) => next.push((p, j + 1)),
                _ => {}
            }
        }
        close(&mut next);
        next
    };
    let signature = |set: &[(u32, u32)]| -> Vec<usize> {
        let mut sig: Vec<usize> = set
            .iter()
            .filter(|&&(p, j)| j as usize == toks[p as usize].len())
            .map(|&(p, _)| p as usize)
            .collect();
        sig.dedup();
        sig
    };

    let mut start: Vec<(u32, u32)> = (0..toks.len() as u32).map(|p| (p, 0)).collect();
    close(&mut start);
    for c in lead.chars() {
        start = step(&start, c);
    }
    let mut seen: HashSet<Vec<(u32, u32)>> = HashSet::new();
    let mut queue: VecDeque<(Vec<(u32, u32)>, String)> = VecDeque::new();
    let mut classes: HashSet<Vec<usize>> = HashSet::new();
    let mut out = Cells {
        witnesses: Vec::new(),
        matching: vec![Vec::new(); specs.len()],
    };
    let mut work: u64 = 0;
    seen.insert(start.clone());
    queue.push_back((start, lead.to_string()));
    while let Some((set, witness)) = queue.pop_front() {
        let sig = signature(&set);
        if !classes.contains(&sig) {
            let class = out.witnesses.len();
            for &p in &sig {
                out.matching[p].push(class);
            }
            classes.insert(sig);
            out.witnesses.push(witness.clone());
        }
        // Once nothing is alive, every longer string stays in this class.
        if set.is_empty() {
            continue;
        }
        // One character no alive position waits for (standing for all the
        // others; tried first, so witnesses read plainly), then the
        // characters some position waits for.
        let mut wanted: Vec<char> = set
            .iter()
            .flat_map(|&(p, j)| match toks[p as usize].get(j as usize) {
                Some(Token::Char(c, true)) => vec![*c, c.to_ascii_uppercase()],
                Some(Token::Char(c, false)) => vec![*c],
                _ => Vec::new(),
            })
            .collect();
        // Lower case first, so that witnesses of folded fields read plainly.
        wanted.sort_unstable_by_key(|c| (c.to_ascii_lowercase(), c.is_ascii_uppercase()));
        wanted.dedup();
        let unwanted = OTHERS
            .iter()
            .copied()
            .chain('\u{100}'..)
            .find(|c| !wanted.contains(c));
        for c in unwanted.into_iter().chain(wanted) {
            work += set.len() as u64 + 1;
            if work > max_work || seen.len() > max_states {
                return Err(TooMany { states: seen.len() });
            }
            let next = step(&set, c);
            if !seen.insert(next.clone()) {
                continue;
            }
            let mut w = witness.clone();
            w.push(c);
            queue.push_back((next, w));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pattern::wildcard_match;

    fn pats(ps: &[&str]) -> Vec<String> {
        ps.iter().map(|p| p.to_string()).collect()
    }

    /// Every witness matches exactly the patterns its class says, and no
    /// two classes have the same combination.
    fn check(ps: &[&str], fold: bool) -> Cells {
        let patterns = pats(ps);
        let c = cells(&patterns, "/", fold).expect("small");
        check_cells(&patterns, &c, fold);
        c
    }

    fn check_cells(patterns: &[String], c: &Cells, fold: bool) {
        let mut sigs = Vec::new();
        for (k, w) in c.witnesses.iter().enumerate() {
            let sig: Vec<bool> = patterns
                .iter()
                .map(|p| wildcard_match(p, w, fold))
                .collect();
            for (i, m) in sig.iter().enumerate() {
                assert_eq!(
                    *m,
                    c.matching[i].contains(&k),
                    "{w} against {}",
                    patterns[i]
                );
            }
            assert!(!sigs.contains(&sig));
            sigs.push(sig);
        }
    }

    #[test]
    fn exact_strings_beside_folded_patterns() {
        // A literal "Curl" (exact) and the pattern `*curl*` (any case).
        let specs = [
            Spec {
                text: "*curl*",
                wildcards: true,
                fold_case: true,
            },
            Spec {
                text: "Curl",
                wildcards: false,
                fold_case: false,
            },
            Spec {
                text: "a*",
                wildcards: false,
                fold_case: false,
            },
        ];
        let c = cells_of(&specs, "").expect("small");
        // Neither; the pattern without the literals; each literal.
        assert_eq!(c.witnesses.len(), 4);
        for (k, w) in c.witnesses.iter().enumerate() {
            assert_eq!(
                wildcard_match("*curl*", w, true),
                c.matching[0].contains(&k),
                "{w}"
            );
            assert_eq!(w == "Curl", c.matching[1].contains(&k), "{w}");
            assert_eq!(w == "a*", c.matching[2].contains(&k), "{w}");
        }
    }

    #[test]
    fn question_marks_and_inner_stars() {
        let c = check(&["/api/v?/*", "/api/*", "*.json", "/api/v1/*"], false);
        // Cells: none, /api/* only, +v?, +v1, and each of those with .json,
        // except that "none" with .json is "*.json" alone.
        assert_eq!(c.witnesses.len(), 8);
    }

    #[test]
    fn an_empty_cell_is_not_a_class() {
        // Every path matching `/a/*` matches `/*`: no class has the first alone.
        let c = check(&["/a/*", "/*"], false);
        assert_eq!(c.witnesses.len(), 2);
        assert!(c.matching[0].iter().all(|k| c.matching[1].contains(k)));
    }

    #[test]
    fn case_folding_merges_cases() {
        let c = check(&["*CURL*", "*curl/8*"], true);
        assert_eq!(c.witnesses.len(), 3);
        // Case-sensitive, the two are independent: all four cells.
        let c = check(&["*CURL*", "*curl/8*"], false);
        assert_eq!(c.witnesses.len(), 4);
    }

    #[test]
    fn too_many_combinations_give_up() {
        // Twelve independent patterns: 4,096 cells, more states than allowed.
        let patterns: Vec<String> = (0..12)
            .map(|i| format!("*{}*", (b'a' + i) as char))
            .collect();
        let run = |ps: &[String], states: usize, work: u64| {
            let specs: Vec<Spec> = ps
                .iter()
                .map(|p| Spec {
                    text: p,
                    wildcards: true,
                    fold_case: false,
                })
                .collect();
            cells_within(&specs, "/", states, work)
        };
        assert!(run(&patterns, 1000, MAX_WORK).is_err());
        assert!(run(&patterns[..6], 1000, MAX_WORK).is_ok_and(|c| c.witnesses.len() == 64));
        // A long pattern stops at the step budget instead of running on.
        let long = vec!["*?".repeat(5000)];
        assert!(run(&long, MAX_STATES, 1_000_000).is_err());
    }
}
