//! Reading tags of the SVG and HTML the tool writes (for tests/html.rs and
//! tests/graph_svg.rs).

/// The value of `attr="..."` in one tag.
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    tag[start..].split('"').next()
}

/// Every opening tag that starts with `prefix` (`<g class="edge`).
pub fn tags<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.match_indices(prefix)
        .filter_map(|(i, _)| text[i..].split_once('>').map(|(t, _)| t))
        .collect()
}
