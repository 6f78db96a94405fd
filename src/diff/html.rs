//! `diff --format html`: the HTML report's page for a change. A summary
//! (flows opened and closed, pairs undecided, verdicts changed), then the
//! flows opened in HEAD over HEAD's picture and the flows closed from BASE
//! over BASE's, each with its witness request and hops; selecting a flow
//! draws it on its picture, as selecting an assertion does in `check`.

use std::fmt::Write;

use super::report::Version;
use super::{Diff, Flow};
use crate::report::html::{self, esc, picture, trace, Redactor};

pub fn render(d: &Diff, base: &Version, head: &Version) -> String {
    let mut sections = String::new();
    let mut css = String::new();
    flows(
        &mut sections,
        &mut css,
        "opened",
        "Opened in HEAD",
        &d.opened,
        head,
        "h",
    );
    flows(
        &mut sections,
        &mut css,
        "closed",
        "Closed from BASE",
        &d.closed,
        base,
        "b",
    );
    let mut out = String::new();
    html::open_page(
        &mut out,
        &format!(
            "stargate-verify diff: {} -> {} - {} opened, {} closed",
            base.source.name,
            head.source.name,
            d.opened.len(),
            d.closed.len()
        ),
        &css,
    );
    let _ = writeln!(
        out,
        "<header>\n<h1>stargate-verify diff</h1>\n<p class=\"files\">BASE <code>{}</code> &rarr; HEAD <code>{}</code></p>",
        esc(&base.source.name),
        esc(&head.source.name)
    );
    let _ = writeln!(
        out,
        "<ul class=\"summary\" aria-label=\"summary\"><li class=\"refuted\"><span class=\"count\" data-count=\"opened\">{}</span> opened</li><li class=\"proved\"><span class=\"count\" data-count=\"closed\">{}</span> closed</li><li class=\"unknown\"><span class=\"count\" data-count=\"undecided\">{}</span> undecided</li><li><span class=\"count\" data-count=\"verdicts_changed\">{}</span> verdicts changed</li></ul>\n</header>\n<main id=\"main\">",
        d.opened.len(),
        d.closed.len(),
        d.undecided.len(),
        d.verdicts.len()
    );
    out.push_str(&sections);
    if !d.undecided.is_empty() {
        out.push_str("<section class=\"file\"><h2>Undecided</h2>\n<ul>\n");
        for u in &d.undecided {
            let _ = writeln!(
                out,
                "<li><span class=\"badge undecided\">undecided</span> <code>{} -&gt; {}</code>: {}</li>",
                esc(&u.from),
                esc(&u.to),
                esc(&u.reason)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    if !d.added_nodes.is_empty() || !d.removed_nodes.is_empty() || !d.verdicts.is_empty() {
        out.push_str("<section class=\"file\"><h2>Other changes</h2>\n<ul>\n");
        let list = |v: &[String]| {
            v.iter()
                .map(|n| format!("<code>{}</code>", esc(n)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !d.added_nodes.is_empty() {
            let _ = writeln!(out, "<li>Nodes added: {}</li>", list(&d.added_nodes));
        }
        if !d.removed_nodes.is_empty() {
            let _ = writeln!(out, "<li>Nodes removed: {}</li>", list(&d.removed_nodes));
        }
        for c in &d.verdicts {
            let status = |s: Option<crate::verify::Status>| s.map_or("absent", |s| s.as_str());
            let _ = writeln!(
                out,
                "<li data-verdict-change=\"{}\">Assertion <code>{}</code>: {} &rarr; {}</li>",
                esc(&c.name),
                esc(&c.name),
                status(c.base),
                status(c.head)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</main>\n");
    html::close_page(&mut out);
    out
}

use super::report::flow_title;

/// One group of flows over the picture of the version they get through in;
/// the rules that show their journeys go to `css`.
fn flows(
    out: &mut String,
    css: &mut String,
    kind: &str,
    heading: &str,
    list: &[Flow],
    v: &Version,
    p: &str,
) {
    if list.is_empty() {
        return;
    }
    let redact = Redactor::of(v.policy);
    let _ = writeln!(
        out,
        "<section class=\"file\" id=\"{p}\" aria-labelledby=\"{p}-h\">\n<h2 id=\"{p}-h\">{heading} (<code>{}</code>)</h2>",
        esc(&v.source.name)
    );
    let id = |k: usize| format!("{p}-a-{k}");
    let journey = |k: usize| format!("{p}-j-{k}");
    for k in 0..list.len() {
        html::journey_rule(css, &id(k), &journey(k));
    }
    let wanted: Vec<picture::Wanted> = list
        .iter()
        .enumerate()
        .map(|(k, f)| picture::Wanted {
            id: journey(k),
            title: format!("{kind} flow {}", flow_title(f)),
            trace: &f.witness,
        })
        .collect();
    let title = v
        .policy
        .name
        .clone()
        .unwrap_or_else(|| v.source.name.clone());
    let _ = writeln!(
        out,
        "<figure class=\"picture\">\n{}<figcaption><span class=\"shown\" id=\"{p}-shown\" aria-live=\"polite\">Select a flow to draw its witness here.</span></figcaption>\n</figure>",
        picture::render(v.policy, v.source, &title, &format!("{p}-"), &wanted, &redact)
    );
    for (k, f) in list.iter().enumerate() {
        let _ = writeln!(
            out,
            "<article class=\"assertion {}\" id=\"{}\" data-status=\"{kind}\" data-assertion=\"{}\" data-journey=\"{}\" aria-labelledby=\"{}-h\">\n<h4 id=\"{}-h\"><span class=\"badge {kind}\">{kind}</span> <code>{}</code></h4>\n<p class=\"select\"><a class=\"show\" href=\"#{}\">Draw this flow on the picture</a> ({} hop{})</p>",
            if kind == "opened" { "refuted" } else { "proved" },
            id(k),
            esc(&flow_title(f)),
            journey(k),
            id(k),
            id(k),
            esc(&flow_title(f)),
            id(k),
            f.witness.hops.len(),
            if f.witness.hops.len() == 1 { "" } else { "s" }
        );
        let extras: Vec<String> = f
            .other_headers
            .iter()
            .map(|(h, v)| match v {
                Some(v) => format!("{h}: {}", redact.apply(v)),
                None => format!("{h} absent"),
            })
            .chain(
                f.other_opaque
                    .iter()
                    .map(|(o, v)| format!("{o}={}", if *v { "fires" } else { "passes" })),
            )
            .collect();
        trace::render(out, v.policy, v.source, &f.witness, &redact);
        if !extras.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"story\">As the other version sees it, also: <code>{}</code></p>",
                esc(&extras.join(", "))
            );
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}
