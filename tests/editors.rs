//! The VS Code extension in `editors/vscode`, checked without npm: its
//! TextMate grammar parses, is registered for the `stargate` language, and
//! has a keyword rule for every keyword of `grammar/stargate.pest`; the
//! package is bundled (`main` is the esbuild bundle, made before packaging)
//! and `.vscodeignore` keeps `node_modules` out of it. `npm test` in
//! `editors/vscode` runs the grammar through VS Code's own TextMate engine.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn vscode() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode")
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pest_keywords() -> BTreeSet<String> {
    let grammar = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar/stargate.pest"),
    )
    .expect("read the grammar");
    grammar
        .lines()
        .filter(|l| l.starts_with("k_"))
        .filter_map(|l| l.split('"').nth(1).map(str::to_string))
        .collect()
}

#[test]
fn the_grammar_is_registered_and_covers_every_keyword() {
    let package = json(&vscode().join("package.json"));
    let grammars = package["contributes"]["grammars"]
        .as_array()
        .expect("contributes.grammars");
    assert_eq!(grammars.len(), 1);
    let g = &grammars[0];
    assert_eq!(g["language"], "stargate");
    assert_eq!(g["scopeName"], "source.stargate");
    let path = g["path"].as_str().expect("grammar path");
    let grammar = json(&vscode().join(path));
    assert_eq!(grammar["scopeName"], "source.stargate");
    assert_eq!(grammar["fileTypes"], serde_json::json!(["sg"]));

    // Every include names a rule of the repository.
    let repository = grammar["repository"].as_object().expect("repository");
    let top = grammar["patterns"].as_array().expect("patterns");
    for p in top {
        let include = p["include"]
            .as_str()
            .expect("top-level patterns are includes");
        let name = include.trim_start_matches('#');
        assert!(repository.contains_key(name), "no rule `{name}`");
    }

    // The words the keyword rules match, read off their alternations.
    let mut covered = BTreeSet::new();
    for rule in repository["keyword"]["patterns"]
        .as_array()
        .expect("keyword patterns")
    {
        let scope = rule["name"].as_str().unwrap_or("");
        assert!(
            ["keyword.", "storage.type.", "constant.language."]
                .iter()
                .any(|p| scope.starts_with(p)),
            "{scope}"
        );
        let m = rule["match"].as_str().expect("match");
        // `(?<!...)(a|b|c)(?!...)`: the group after the look-behind.
        let inner = m
            .split_once(")(")
            .and_then(|(_, rest)| rest.split_once(")(?!"))
            .map(|(words, _)| words)
            .expect("a keyword alternation");
        covered.extend(inner.split('|').map(str::to_string));
    }
    let missing: Vec<_> = pest_keywords().difference(&covered).cloned().collect();
    assert!(missing.is_empty(), "keywords without a rule: {missing:?}");
    assert_eq!(pest_keywords().len(), 55);
}

#[test]
fn the_extension_is_bundled_and_ships_no_node_modules() {
    let package = json(&vscode().join("package.json"));
    assert_eq!(package["main"], "./dist/extension.js");
    let scripts = &package["scripts"];
    let bundle = scripts["bundle"].as_str().expect("a bundle script");
    assert!(bundle.starts_with("esbuild extension.js --bundle --outfile=dist/extension.js"));
    assert!(bundle.contains("--external:vscode"));
    assert_eq!(scripts["vscode:prepublish"], "npm run bundle");
    assert!(package["devDependencies"]["esbuild"].is_string());
    let ignore = std::fs::read_to_string(vscode().join(".vscodeignore")).expect(".vscodeignore");
    let rules: Vec<&str> = ignore
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    for rule in ["node_modules/**", "test/**", "extension.js"] {
        assert!(rules.contains(&rule), "`{rule}` missing from .vscodeignore");
    }
    assert!(
        !rules.iter().any(|r| r.starts_with("dist")),
        "the bundle must ship"
    );
    // The lockfile pins what `npm ci` installs.
    let lock = json(&vscode().join("package-lock.json"));
    assert_eq!(lock["name"], "stargate-verify");
}
