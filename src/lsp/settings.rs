//! The editor server's share of `stargate.toml`: the file found upward from
//! the workspace the editor opens (its `rootUri` or first workspace folder,
//! else the server's working directory), read by the same code as the
//! command line's. A file that cannot be used is reported to the editor and
//! the defaults apply, so a typo in the settings never stops diagnostics.

use std::path::PathBuf;

use crate::config::{self, Config};

/// The settings of the workspace, and a message for the editor when the
/// file could not be used.
pub fn of_workspace(params: &serde_json::Value) -> (Config, Option<String>) {
    let start = workspace_folder(params)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let Some(path) = config::discover(&start) else {
        return (Config::default(), None);
    };
    match config::load(&path) {
        Ok(c) => (c, None),
        Err(e) => {
            let what: Vec<String> = e
                .diagnostics
                .iter()
                .map(|d| {
                    let at = e.source.line_col(d.span.start);
                    format!(
                        "{}:{}:{}: {} ({})",
                        path.display(),
                        at.line,
                        at.column,
                        d.message,
                        d.code
                    )
                })
                .collect();
            let message = format!(
                "stargate.toml not used, the defaults apply: {}",
                what.join("; ")
            );
            (Config::default(), Some(message))
        }
    }
}

/// The local folder of the workspace, from `file://` URIs only.
fn workspace_folder(params: &serde_json::Value) -> Option<PathBuf> {
    let uri = params["workspaceFolders"][0]["uri"]
        .as_str()
        .or_else(|| params["rootUri"].as_str())?;
    let path = uri.strip_prefix("file://")?;
    Some(PathBuf::from(percent_decode(path)))
}

pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_workspace_settings_and_reports_bad_ones() {
        let dir = std::env::temp_dir().join(format!("stargate lsp-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).ok();
        std::fs::write(dir.join("stargate.toml"), "timeout = \"7s\"\njobs = 3\n").ok();
        let uri = format!("file://{}", dir.join("sub").display()).replace(' ', "%20");
        let params = serde_json::json!({ "rootUri": uri });
        let (c, problem) = of_workspace(&params);
        assert_eq!(c.timeout, Some(std::time::Duration::from_secs(7)));
        assert_eq!(c.jobs, Some(3));
        assert!(problem.is_none());

        std::fs::write(dir.join("stargate.toml"), "jobz = 3\n").ok();
        let params = serde_json::json!({ "workspaceFolders": [{ "uri": uri, "name": "w" }] });
        let (c, problem) = of_workspace(&params);
        assert_eq!(c, Config::default());
        let problem = problem.unwrap_or_default();
        assert!(problem.contains(":1:1: unknown key `jobz`"), "{problem}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
