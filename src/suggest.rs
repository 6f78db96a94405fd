//! "Did you mean ...?": the nearest of a few known names to a mistyped one,
//! for help lines about names given on the command line or in stargate.toml.

/// The known name most like `typed`, if one is close enough to be a typo.
pub fn nearest<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    names
        .into_iter()
        .map(|n| (strsim::jaro_winkler(n, typed), n))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn finds_typos_and_nothing_else() {
        assert_eq!(nearest("chek", ["check", "diff", "fmt"]), Some("check"));
        assert_eq!(nearest("timout", ["timeout", "jobs"]), Some("timeout"));
        assert_eq!(nearest("zzz", ["check", "diff"]), None);
    }
}
