//! The crate and the VS Code extension carry what registries and users
//! look for: licence files for the declared `MIT OR Apache-2.0`, a
//! repository, homepage, keywords and categories, and a changelog entry for
//! the version being built.

use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))
        .unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

#[test]
fn the_licences_the_manifest_declares_are_there() {
    assert!(read("Cargo.toml").contains("license = \"MIT OR Apache-2.0\""));
    assert!(read("LICENSE-MIT").contains("Permission is hereby granted, free of charge"));
    assert!(
        read("LICENSE-APACHE").contains("Apache License\n                           Version 2.0")
    );
}

#[test]
fn the_manifest_has_what_crates_io_shows() {
    assert!(!env!("CARGO_PKG_REPOSITORY").is_empty());
    assert!(env!("CARGO_PKG_HOMEPAGE").starts_with("https://"));
    let manifest = read("Cargo.toml");
    for key in ["keywords = [", "categories = [", "readme = \"README.md\""] {
        assert!(manifest.contains(key), "Cargo.toml lacks {key}");
    }
    let keywords = manifest
        .lines()
        .find(|l| l.starts_with("keywords"))
        .unwrap_or_default();
    // crates.io takes at most five keywords.
    assert!(keywords.matches('"').count() / 2 <= 5, "{keywords}");
}

#[test]
fn the_changelog_has_the_version() {
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        read("CHANGELOG.md").contains(&format!("## [{version}]")),
        "CHANGELOG.md has no entry for {version}"
    );
}

#[test]
fn the_extension_matches_the_crate() {
    let package: serde_json::Value =
        serde_json::from_str(&read("editors/vscode/package.json")).expect("package.json");
    assert_eq!(package["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(package["license"], "MIT OR Apache-2.0");
    assert!(package["repository"]["url"]
        .as_str()
        .is_some_and(|u| u.starts_with(env!("CARGO_PKG_REPOSITORY"))));
    assert!(package["homepage"].as_str().is_some());
    assert!(package["keywords"]
        .as_array()
        .is_some_and(|k| !k.is_empty()));
    assert!(read("editors/vscode/LICENSE").contains("Apache License, Version 2.0"));
}
