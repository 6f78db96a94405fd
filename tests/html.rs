//! `--format html`: the page agrees with the JSON report (verdict counts,
//! the hops of every journey), names no secret, fetches nothing, and, in a
//! real browser (headless Chromium), selecting a refuted assertion draws its
//! counterexample's hops on the picture, with the page's script and with
//! CSS alone.
//!
//! The browser tests need `/usr/bin/chromium` (Debian's `chromium`, which
//! `.ci/run` installs). Without it they say so loudly and pass, except under
//! CI (`CI` set), where they fail: CI must really run them.

#[path = "common/markup.rs"]
mod markup;
use markup::{attr, tags};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use stargate_verify::report::{html, json, FileReport};
use stargate_verify::verify::Options;

const SANDBOX: &str = "policies/sandbox.sg";
const CHROMIUM: &str = "/usr/bin/chromium";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn check(name: &str, text: &str) -> FileReport {
    let opts = Options {
        jobs: 1,
        ..Options::default()
    };
    stargate_verify::check_bytes(name, text.as_bytes(), &opts)
}

fn sandbox_text() -> String {
    std::fs::read_to_string(root().join(SANDBOX)).expect("read the sandbox")
}

/// The sandbox checked once: its HTML page and its JSON document.
fn sandbox() -> &'static (String, Value) {
    static BOTH: std::sync::OnceLock<(String, Value)> = std::sync::OnceLock::new();
    BOTH.get_or_init(|| {
        let reports = [check(SANDBOX, &sandbox_text())];
        (html::render(&reports), json::document(&reports))
    })
}

/// The journey group with this id: from its opening tag to the line that
/// closes it (each hop is a group on one line of its own).
fn journey_group<'a>(page: &'a str, id: &str) -> Option<&'a str> {
    let at = page.find(&format!("id=\"{id}\""))?;
    let open = page[..at].rfind("<g ")?;
    let end = page[open..].find("\n</g>")?;
    Some(&page[open..open + end])
}

/// `(from, to)` of each hop group inside `group`.
fn hop_ends(group: &str) -> Vec<(String, String)> {
    tags(group, "<g class=\"hop\"")
        .into_iter()
        .filter_map(|t| Some((attr(t, "data-from")?.into(), attr(t, "data-to")?.into())))
        .collect()
}

fn json_hops(trace: &Value) -> Vec<(String, String)> {
    trace["hops"]
        .as_array()
        .map(|hops| {
            hops.iter()
                .map(|h| {
                    (
                        h["from"].as_str().unwrap_or("").to_string(),
                        h["to"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn count_of(page: &str, key: &str) -> Option<u64> {
    let marker = format!("data-count=\"{key}\">");
    let at = page.find(&marker)? + marker.len();
    page[at..].split('<').next()?.parse().ok()
}

#[test]
fn counts_and_journeys_equal_the_json_report() {
    let (page, doc) = sandbox();
    for status in ["proved", "refuted", "unknown"] {
        let expected = doc["summary"][status].as_u64();
        assert_eq!(count_of(page, status), expected, "{status} in the summary");
        let articles = tags(page, "<article ")
            .into_iter()
            .filter(|t| attr(t, "data-status") == Some(status))
            .count() as u64;
        assert_eq!(Some(articles), expected, "{status} articles");
    }
    let assertions = doc["files"][0]["assertions"]
        .as_array()
        .expect("assertions");
    assert_eq!(assertions.len(), 33);
    let mut journeys = 0;
    for a in assertions {
        let name = a["name"].as_str().expect("name");
        let trace = a.get("counterexample").or_else(|| a.get("witness"));
        let Some(trace) = trace else {
            assert!(!page.contains(&format!("id=\"f0-j-{name}\"")), "{name}");
            continue;
        };
        journeys += 1;
        let group = journey_group(page, &format!("f0-j-{name}"))
            .unwrap_or_else(|| panic!("no journey for {name}"));
        assert_eq!(hop_ends(group), json_hops(trace), "journey of {name}");
        // Each hop's tooltip tells it, with the lines that let it through.
        for (k, (from, to)) in json_hops(trace).iter().enumerate() {
            let told = format!("<title>hop {}: {from} -&gt; {to}:", k + 1);
            assert!(group.contains(&told), "{name}: no `{told}` in {group}");
        }
        assert_eq!(
            group.matches("<title>").count(),
            group.matches("<g class=\"hop\"").count()
        );
        // The listed hops, in the assertion's article, are the same.
        let article_start = page
            .find(&format!(
                "<article class=\"assertion {}\" id=\"f0-a-{name}\"",
                a["status"].as_str().unwrap_or("")
            ))
            .unwrap_or_else(|| panic!("no article for {name}"));
        let article = &page[article_start..];
        let article = &article[..article.find("</article>").unwrap_or(article.len())];
        let listed: Vec<(String, String)> = tags(article, "<li data-hop=")
            .into_iter()
            .filter_map(|t| Some((attr(t, "data-from")?.into(), attr(t, "data-to")?.into())))
            .collect();
        assert_eq!(listed, json_hops(trace), "hops listed for {name}");
    }
    assert!(journeys >= 8, "every refuted assertion has one: {journeys}");
}

#[test]
fn the_page_is_self_contained_and_structured() {
    let (page, _) = sandbox();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.trim_end().ends_with("</html>"));
    for banned in [
        "<link", "<img", "<iframe", " src=", "@import", "url(http", "https://",
    ] {
        assert!(
            !page.contains(banned),
            "the page must not fetch: found `{banned}`"
        );
    }
    // The only absolute address is the SVG namespace, which is not fetched.
    assert_eq!(
        page.matches("http://").count(),
        page.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
    // One style sheet, in the head; one script, at the end of the body.
    assert_eq!(page.matches("<style>").count(), 1);
    assert!(page.find("</style>") < page.find("</head>"));
    assert_eq!(page.matches("<script>").count(), 1);
    assert!(page.find("<script>") > page.find("</main>"));
    // Ids are unique (links and the style sheet's rules find them).
    let ids: Vec<&str> = page
        .match_indices(" id=\"")
        .filter_map(|(i, m)| page[i + m.len()..].split('"').next())
        .collect();
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    assert_eq!(page.matches("<h1>").count(), 1);
    assert_eq!(page.matches("<h2 ").count(), 1);
    assert_eq!(page.matches("<article ").count(), 33);
    assert_eq!(page.matches("<h4 ").count(), 33);
    assert!(page.contains("<svg ") && page.contains("role=\"img\""));
    // A link selects each assertion, by keyboard as well as by mouse.
    assert!(page.contains("<a href=\"#f0-a-metrics_not_public\">metrics_not_public</a>"));
    // Quoted policy lines carry their line numbers.
    assert!(
        page.contains("admitted by the listen, line "),
        "quoted lines"
    );
    assert!(page.contains("@media print"));
}

/// Unknown verdicts (here: a resource limit too small to decide most
/// assertions) are counted and explained like the others.
#[test]
fn unknown_verdicts_are_counted_and_explained() {
    let opts = Options {
        jobs: 1,
        rlimit: Some(1),
        ..Options::default()
    };
    let reports = [stargate_verify::check_bytes(
        SANDBOX,
        sandbox_text().as_bytes(),
        &opts,
    )];
    let (page, doc) = (html::render(&reports), json::document(&reports));
    let unknown = doc["summary"]["unknown"].as_u64().unwrap_or(0);
    assert!(unknown > 0, "the limit leaves some assertions unknown");
    assert_eq!(count_of(&page, "unknown"), Some(unknown));
    let articles = tags(&page, "<article ")
        .into_iter()
        .filter(|t| attr(t, "data-status") == Some("unknown"))
        .count() as u64;
    assert_eq!(articles, unknown);
    assert_eq!(page.matches("The solver gave up: ").count() as u64, unknown);
}

/// Secret external ids (the only secret text a policy holds) never reach
/// the page, even from comments on quoted lines; secret names do, as in the
/// other reports (`<secret:name>`).
#[test]
fn no_secret_id_appears() {
    let (page, _) = sandbox();
    let text = sandbox_text();
    let ids: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("secret "))
        .filter_map(|l| l.split('"').nth(1))
        .collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    for id in &ids {
        assert!(!page.contains(id), "secret id {id} in the page");
    }
    // The sandbox's counterexamples name a secret a request carries.
    assert!(page.contains("&lt;secret:"), "secrets are shown by name");

    let policy = "\
policy leak
secret token \"vault/prod/api-token-7f3a\"
zone internet { addresses any except 10.0.0.0/8 }
service app {
  addresses 10.0.1.0/24
  listen 443 tls from any # rotated monthly: vault/prod/api-token-7f3a
  on 443 { deny 401 unless header X-Token == token }
}
zone insiders { addresses 10.0.0.0/8 knows token }
assert app_private: no path internet -> app
assert token_needed: every path internet -> app requires header X-Token == token
assert insiders_get_in: path insiders -> app
";
    let page = html::render(&[check("leak.sg", policy)]);
    assert!(page.contains("data-count=\"proved\">"));
    assert!(!page.contains("vault/prod/api-token-7f3a"), "{page}");
    assert!(!page.contains("api-token"), "no part of the id either");
}

#[test]
fn check_and_diff_print_html() {
    let out = Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
        .current_dir(root())
        .args([SANDBOX, "--format", "html"])
        .output()
        .expect("run check");
    assert_eq!(out.status.code(), Some(1), "the sandbox has refutations");
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(count_of(&page, "refuted"), Some(8));

    let dir = temp_dir("diff");
    let base = dir.join("base.sg");
    let head = dir.join("head.sg");
    let policy = |port: &str| {
        format!(
            "policy d\nsecret key \"kv/d/key\"\nzone internet {{ addresses any except 10.0.0.0/8 }}\nservice app {{ addresses 10.0.1.0/24 listen {port} from any }}\nassert closed: no path internet -> app:22\n"
        )
    };
    std::fs::write(&base, policy("443")).expect("write base");
    std::fs::write(&head, policy("[443, 22]")).expect("write head");
    let run = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_stargate-verify"))
            .args(["diff", "--format", format])
            .arg(&base)
            .arg(&head)
            .output()
            .expect("run diff")
    };
    let page = String::from_utf8_lossy(&run("html").stdout).into_owned();
    let doc: Value = serde_json::from_slice(&run("json").stdout).expect("diff json");
    for key in ["opened", "closed", "undecided", "verdicts_changed"] {
        assert_eq!(count_of(&page, key), doc["summary"][key].as_u64(), "{key}");
    }
    assert!(count_of(&page, "opened").is_some_and(|n| n >= 1));
    let group = journey_group(&page, "h-j-0").expect("the opened flow's journey");
    assert_eq!(hop_ends(group), json_hops(&doc["opened"][0]["witness"]));
    assert!(page.contains("data-verdict-change=\"closed\""));
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("stargate-html-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Whether the browser is there; without it, a loud note (and a failure
/// under CI, which installs it).
fn have_chromium(test: &str) -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{CHROMIUM} is missing under CI: .ci/run should have installed Debian's chromium"
    );
    eprintln!("\n*** SKIPPED {test}: {CHROMIUM} is not installed (apt-get install chromium) ***\n");
    false
}

/// Headless Chromium on `url`, with a profile of its own, stopped after two
/// minutes (coreutils' `timeout`) so that a hung browser fails the test
/// rather than stalling the suite.
fn chromium(dir: &Path, args: &[&str], url: &str) -> std::process::Output {
    Command::new("timeout")
        .args(["120", CHROMIUM])
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .arg(url)
        .output()
        .expect("run chromium")
}

#[test]
fn in_a_browser_selecting_an_assertion_draws_its_hops() {
    if !have_chromium("in_a_browser_selecting_an_assertion_draws_its_hops") {
        return;
    }
    let (page, doc) = sandbox();
    let dir = temp_dir("browser");
    let file = dir.join("report.html");
    std::fs::write(&file, page).expect("write report");
    let name = "metrics_not_public";
    let url = format!("file://{}#f0-a-{name}", file.display());
    let out = chromium(&dir, &["--dump-dom"], &url);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("</html>"),
        "chromium printed no page: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // What the browser shows, counted against the JSON report.
    for status in ["proved", "refuted", "unknown"] {
        let shown = tags(&dom, "<article ")
            .into_iter()
            .filter(|t| attr(t, "data-status") == Some(status))
            .count() as u64;
        assert_eq!(Some(shown), doc["summary"][status].as_u64(), "{status}");
        assert_eq!(count_of(&dom, status), doc["summary"][status].as_u64());
    }
    // The selected assertion, and only its journey, is marked selected.
    let selected: Vec<&str> = tags(&dom, "<g class=\"journey selected\"");
    assert_eq!(selected.len(), 1, "one journey drawn");
    assert_eq!(attr(selected[0], "id"), Some("f0-j-metrics_not_public"));
    assert!(dom.contains(&format!(
        "<article class=\"assertion refuted selected\" id=\"f0-a-{name}\""
    )));
    let group = journey_group(&dom, "f0-j-metrics_not_public").expect("journey in the DOM");
    let expected = doc["files"][0]["assertions"]
        .as_array()
        .and_then(|a| a.iter().find(|a| a["name"] == name))
        .map(|a| json_hops(&a["counterexample"]))
        .expect("a counterexample in the JSON");
    assert_eq!(hop_ends(group), expected);
    assert_eq!(expected.len(), 3);
    let numbers: Vec<&str> = tags(group, "<g class=\"hop\"")
        .into_iter()
        .filter_map(|t| attr(t, "data-hop"))
        .collect();
    assert_eq!(numbers, ["1", "2", "3"]);
    assert!(
        dom.contains("Showing the counterexample of metrics_not_public: 3 hops"),
        "the selection is announced"
    );
}

/// A screenshot of the page with a counterexample drawn: kept in the
/// target folder, and written to `docs/html-report.png` when
/// `STARGATE_UPDATE_SCREENSHOT` is set.
///
/// Headless Chromium's `--screenshot` paints nothing on a page scrolled to
/// a fragment, so the picture is taken at the top of the page, with the
/// selection made by the same classes the page's script sets.
#[test]
fn in_a_browser_the_screenshot_shows_the_picture() {
    if !have_chromium("in_a_browser_the_screenshot_shows_the_picture") {
        return;
    }
    let (page, _) = sandbox();
    let dir = temp_dir("shot");
    let file = dir.join("report.html");
    let select = "<script>for (const id of [\"f0-a-metrics_not_public\", \"f0-j-metrics_not_public\"]) document.getElementById(id).classList.add(\"selected\");</script></body>";
    std::fs::write(&file, page.replace("</body>", select)).expect("write report");
    let png = dir.join("report.png");
    let out = chromium(
        &dir,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1400,900",
        ],
        &format!("file://{}", file.display()),
    );
    let bytes = std::fs::read(&png)
        .unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    // A blank page compresses to a few kilobytes; the picture does not.
    assert!(
        bytes.len() > 50_000,
        "the screenshot looks blank ({} bytes)",
        bytes.len()
    );
    if std::env::var_os("STARGATE_UPDATE_SCREENSHOT").is_some() {
        std::fs::write(root().join("docs/html-report.png"), &bytes)
            .expect("write docs/html-report.png");
    }
    assert!(
        root().join("docs/html-report.png").exists(),
        "the committed screenshot"
    );
}

/// Without the page's script, CSS alone (`:target` and `:has()`) draws the
/// selected assertion's journey and no other: the page's script is taken
/// out and a probe reports which journey groups the browser displays.
#[test]
fn in_a_browser_css_alone_draws_the_selected_journey() {
    if !have_chromium("in_a_browser_css_alone_draws_the_selected_journey") {
        return;
    }
    let (page, _) = sandbox();
    let script = page.rfind("<script>").expect("the page's script");
    let end = page.rfind("</script>").expect("its end") + "</script>".len();
    let probe = "<script>window.addEventListener(\"load\", function () { var shown = []; document.querySelectorAll(\".journey\").forEach(function (g) { if (getComputedStyle(g).display !== \"none\") shown.push(g.id); }); document.body.setAttribute(\"data-shown\", shown.join(\" \")); });</script>";
    let without = format!("{}{probe}{}", &page[..script], &page[end..]);
    assert!(!without.contains("hashchange"), "the page's script is gone");
    let dir = temp_dir("css");
    let file = dir.join("report.html");
    std::fs::write(&file, without).expect("write report");
    let shown = |fragment: &str| -> String {
        let url = format!("file://{}{fragment}", file.display());
        let out = chromium(&dir, &["--dump-dom"], &url);
        let dom = String::from_utf8_lossy(&out.stdout).into_owned();
        tags(&dom, "<body")
            .first()
            .and_then(|t| attr(t, "data-shown"))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no probe result: {}", String::from_utf8_lossy(&out.stderr)))
    };
    assert_eq!(shown(""), "", "nothing is drawn before a selection");
    assert_eq!(shown("#f0-a-metrics_not_public"), "f0-j-metrics_not_public");
    assert_eq!(
        shown("#f0-a-edge_is_tls"),
        "",
        "a proof without a witness draws nothing"
    );
}
