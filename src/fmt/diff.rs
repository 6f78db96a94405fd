//! A unified line diff (Myers' algorithm) for `fmt --diff`: small, since
//! all it compares is a file with its formatted self. Very different
//! files fall back to replacing the changed middle wholesale.

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// Beyond this many differing lines the diff stops looking for a shortest
/// script; memory grows with its square.
const MAX_EDITS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Equal(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// The changes from `old` to `new` in unified format, with `name` in the
/// `---`/`+++` headers; empty when they are equal.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = diff(&a, &b);
    let mut out = format!("--- {name}\n+++ {name}\n");
    for (lo, hi) in hunks(&ops) {
        let (mut a_before, mut b_before) = (0, 0);
        for op in &ops[..lo] {
            match op {
                Op::Equal(..) => {
                    a_before += 1;
                    b_before += 1;
                }
                Op::Delete(_) => a_before += 1,
                Op::Insert(_) => b_before += 1,
            }
        }
        let a_len = ops[lo..hi]
            .iter()
            .filter(|o| !matches!(o, Op::Insert(_)))
            .count();
        let b_len = ops[lo..hi]
            .iter()
            .filter(|o| !matches!(o, Op::Delete(_)))
            .count();
        let start = |before: usize, len: usize| if len == 0 { before } else { before + 1 };
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            start(a_before, a_len),
            a_len,
            start(b_before, b_len),
            b_len
        ));
        for op in &ops[lo..hi] {
            let (mark, line) = match *op {
                Op::Equal(i, _) => (' ', a.get(i)),
                Op::Delete(i) => ('-', a.get(i)),
                Op::Insert(j) => ('+', b.get(j)),
            };
            let line = line.copied().unwrap_or("");
            out.push(mark);
            match line.strip_suffix('\n') {
                Some(body) => {
                    out.push_str(body);
                    out.push('\n');
                }
                None => {
                    out.push_str(line);
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// Ranges of `ops` to show: each change with its context, close changes merged.
fn hunks(ops: &[Op]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        if matches!(op, Op::Equal(..)) {
            continue;
        }
        let lo = i.saturating_sub(CONTEXT);
        let hi = (i + 1 + CONTEXT).min(ops.len());
        match out.last_mut() {
            Some(last) if lo <= last.1 => last.1 = hi,
            _ => out.push((lo, hi)),
        }
    }
    out
}

fn diff(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Equal(i, i)).collect();
    let middle = shortest_script(am, bm).unwrap_or_else(|| {
        (0..am.len())
            .map(Op::Delete)
            .chain((0..bm.len()).map(Op::Insert))
            .collect()
    });
    ops.extend(middle.into_iter().map(|op| match op {
        Op::Equal(i, j) => Op::Equal(i + prefix, j + prefix),
        Op::Delete(i) => Op::Delete(i + prefix),
        Op::Insert(j) => Op::Insert(j + prefix),
    }));
    let (a_end, b_end) = (a.len() - suffix, b.len() - suffix);
    ops.extend((0..suffix).map(|i| Op::Equal(a_end + i, b_end + i)));
    ops
}

/// Myers' greedy shortest edit script; `None` past [`MAX_EDITS`].
fn shortest_script(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    // trace[d][k + d] is the furthest x on diagonal k after d edits.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=(n + m) {
        if d as usize > MAX_EDITS {
            return None;
        }
        let prev = trace.last();
        let at = |k: isize| -> isize {
            prev.and_then(|p| p.get((k + d - 1) as usize))
                .copied()
                .unwrap_or(0)
        };
        let mut v = vec![0isize; (2 * d + 1) as usize];
        let mut k = -d;
        while k <= d {
            let mut x = if d == 0 {
                0
            } else if k == -d || (k != d && at(k - 1) < at(k + 1)) {
                at(k + 1)
            } else {
                at(k - 1) + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(k + d) as usize] = x;
            if x >= n && y >= m {
                trace.push(v);
                return Some(backtrack(&trace, n, m));
            }
            k += 2;
        }
        trace.push(v);
    }
    None
}

fn backtrack(trace: &[Vec<isize>], n: isize, m: isize) -> Vec<Op> {
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (0..trace.len()).rev() {
        let k = x - y;
        if d == 0 {
            while x > 0 && y > 0 {
                x -= 1;
                y -= 1;
                ops.push(Op::Equal(x as usize, y as usize));
            }
            break;
        }
        let di = d as isize;
        let prev = &trace[d - 1];
        let at = |k: isize| prev.get((k + di - 1) as usize).copied().unwrap_or(0);
        let prev_k = if k == -di || (k != di && at(k - 1) < at(k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = at(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            ops.push(Op::Equal(x as usize, y as usize));
        }
        if x == prev_x {
            y -= 1;
            ops.push(Op::Insert(y as usize));
        } else {
            x -= 1;
            ops.push(Op::Delete(x as usize));
        }
    }
    ops.reverse();
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies a unified diff to `old`, as `patch` would.
    fn apply(old: &str, diff: &str) -> String {
        let a: Vec<&str> = old.split_inclusive('\n').collect();
        let mut out = String::new();
        let mut next = 0;
        for line in diff.lines().skip(2) {
            if let Some(h) = line.strip_prefix("@@ -") {
                let start: usize = h.split(',').next().unwrap().parse().unwrap();
                let start = start.saturating_sub(1).max(next);
                for l in &a[next..start] {
                    out.push_str(l);
                }
                next = start;
            } else if line.starts_with(' ') || line.starts_with('-') {
                if line.starts_with(' ') {
                    out.push_str(a[next]);
                }
                next += 1;
            } else if let Some(added) = line.strip_prefix('+') {
                out.push_str(added);
                out.push('\n');
            }
        }
        for l in &a[next..] {
            out.push_str(l);
        }
        out
    }

    #[test]
    fn hunks_reproduce_the_new_text() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n";
        let new = "a\nB\nc\nd\ne\nf\ng\nh\ni\nk\nl\n";
        let d = unified_diff("x.sg", old, new);
        assert!(
            d.starts_with("--- x.sg\n+++ x.sg\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n"),
            "{d}"
        );
        assert!(
            d.contains("@@ -7,5 +7,5 @@\n g\n h\n i\n-j\n k\n+l\n"),
            "{d}"
        );
        assert_eq!(apply(old, &d), new);
        assert_eq!(unified_diff("x", old, old), "");
    }

    #[test]
    fn marks_a_missing_final_newline() {
        let d = unified_diff("x", "a", "a\n");
        assert_eq!(
            d,
            "--- x\n+++ x\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+a\n"
        );
    }

    #[test]
    fn shortest_script_is_minimal() {
        let a = ["a", "b", "c", "a", "b", "b", "a"];
        let b = ["c", "b", "a", "b", "a", "c"];
        let ops = shortest_script(&a, &b).unwrap();
        let edits = ops.iter().filter(|o| !matches!(o, Op::Equal(..))).count();
        assert_eq!(edits, 5);
    }
}
