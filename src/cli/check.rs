//! `stargate-verify check`: read the inputs, verify the selected
//! assertions, and write the report in the asked format. Human-readable
//! diagnostics go to standard error, as every subcommand writes them; the
//! verdicts (or the whole machine document) to standard output or
//! `--output`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::args::{CheckArgs, Format};
use super::inputs::{self, Input};
use super::output::{Colors, Sink};
use super::progress::Progress;
use std::collections::HashSet;

use stargate_verify::config::Config;
use stargate_verify::diagnostic::Diagnostic;
use stargate_verify::report::{self, human, FileReport};
use stargate_verify::source::include;
use stargate_verify::verify::{self, Status};
use stargate_verify::SourceText;

pub fn run(args: CheckArgs, config: &Config, colors: Colors) -> u8 {
    let started = Instant::now();
    let terraform: Vec<PathBuf> = match &args.terraform {
        Some(p) => vec![p.clone()],
        None => config.terraform.clone(),
    };
    // With Terraform, the files are intents, and there may be none.
    let paths = if !args.files.is_empty() {
        args.files.clone()
    } else if !config.paths.is_empty() {
        config.paths.clone()
    } else if !terraform.is_empty() {
        Vec::new()
    } else {
        vec![".".into()]
    };
    let inputs = match inputs::expand(&paths) {
        Ok(i) => i,
        Err(msg) => {
            eprintln!("error: {msg}");
            return 2;
        }
    };
    if args.show_files {
        let mut out = std::io::stdout().lock();
        for input in &inputs {
            let _ = writeln!(out, "{}", input.name());
        }
        return 0;
    }
    let progress = (args.format == Format::Human).then(|| Progress::start("checking"));
    let opts = verify::Options {
        rlimit: args.rlimit,
        emit_smt: args.emit_smt.is_some(),
        progress: progress.as_ref().map(Progress::counter),
        ..super::verify_options(args.timeout, args.jobs, config)
    };
    // Every input is read first, with the files it includes; a file that
    // another input includes is a part of that policy, not one of its own.
    let loaded: Vec<Loaded> = inputs.iter().map(Loaded::read).collect();
    let skip = parts_of_others(&loaded);
    let loaded: Vec<Loaded> = loaded
        .into_iter()
        .zip(skip)
        .filter_map(|(l, skip)| (!skip).then_some(l))
        .collect();
    let mut reports = Vec::with_capacity(loaded.len());
    let mut names = Vec::new();
    // `generated` names the parts that a front end wrote: their declarations
    // that nothing uses are not the reader's to fix.
    let mut check =
        |place: String, source: SourceText, load: Vec<Diagnostic>, generated: &[String]| {
            if let Some(p) = &progress {
                p.set(place.clone());
            }
            let verifying = |n: usize| {
                if let Some(p) = &progress {
                    // Each file counts its own assertions.
                    p.counter().store(0, std::sync::atomic::Ordering::Relaxed);
                    p.set(format!(
                        "{place}: proving {n} assertion{}",
                        if n == 1 { "" } else { "s" }
                    ));
                }
            };
            let only = &args.only;
            let (mut report, all) = stargate_verify::check_source_selected(
                source,
                load,
                &opts,
                |a| only.is_empty() || only.iter().any(|o| o == a),
                verifying,
            );
            if !generated.is_empty() {
                let src = &report.source;
                report.diagnostics.retain(|d| {
                    !(matches!(
                        d.code,
                        "stargate::model::unused_let" | "stargate::model::unused_secret"
                    ) && generated
                        .iter()
                        .any(|g| g == src.view_at(d.span.start).name))
                });
            }
            reports.push(report);
            names.extend(all);
        };
    if terraform.is_empty() {
        let count = loaded.len();
        for (i, input) in loaded.into_iter().enumerate() {
            let place = format!("checking {} ({} of {count})", input.name, i + 1);
            match input.read {
                Ok((source, load)) => check(place, source, load, &[]),
                Err(e) => reports_io_error(&mut check, &input.name, &e),
            }
        }
    } else {
        let intents: Vec<super::terraform::Intent> =
            loaded.into_iter().map(|l| (l.name, l.read)).collect();
        let vars = super::terraform::vars(&args.vars.var_file, &args.vars.var, config);
        for tf in &terraform {
            super::terraform::policies(tf, &vars, &intents, &mut check);
        }
    }
    drop(progress);
    let elapsed = started.elapsed();

    if let Some(unknown) = unknown_selection(&args.only, &reports, &names) {
        eprintln!("error: {unknown}");
        return 2;
    }
    let mut io_problem = None;
    if let Some(dir) = &args.emit_smt {
        if let Err(e) = write_obligations(dir, &reports) {
            io_problem = Some(format!(
                "cannot write SMT obligations to {}: {e}",
                dir.display()
            ));
        }
    }

    let mut sink = match Sink::open(args.output.as_deref()) {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("error: {msg}");
            return 2;
        }
    };
    let document = match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&report::json::document(&reports)).unwrap_or_default()
        }
        Format::Sarif => {
            serde_json::to_string_pretty(&report::sarif::document(&reports)).unwrap_or_default()
        }
        Format::Github => report::github::render(&reports),
        Format::Junit => report::junit::render(&reports),
        Format::Html => report::html::render(&reports),
        Format::Human => {
            let stderr_color = colors.stderr();
            let mut err = std::io::stderr().lock();
            for r in &reports {
                let _ = write!(err, "{}", human::render_diagnostics(r, stderr_color));
            }
            let opts = human::HumanOptions {
                color: colors.report(sink.is_file()),
                witness: args.witness,
                quiet: args.quiet,
            };
            let mut text = String::new();
            for r in &reports {
                text.push_str(&human::render_verdicts(r, opts));
            }
            text.push_str(&human::summary_line(&reports, elapsed));
            text
        }
    };
    if writeln!(sink, "{document}").is_err() || sink.finish(0) != 0 {
        return 2;
    }
    if let Some(msg) = io_problem {
        eprintln!("error: {msg}");
        return 2;
    }
    if reports.iter().any(FileReport::has_errors) {
        2
    } else if reports
        .iter()
        .flat_map(|r| &r.verdicts)
        .any(|v| v.status != Status::Proved)
    {
        1
    } else {
        0
    }
}

/// One input, read with the files it includes (or the error of reading it).
struct Loaded {
    name: String,
    path: Option<std::path::PathBuf>,
    read: Result<(SourceText, Vec<Diagnostic>), std::io::Error>,
}

impl Loaded {
    fn read(input: &Input) -> Loaded {
        let name = input.name();
        let read = input
            .read()
            .map(|bytes| include::load(&name, &bytes, &include::from_disk));
        let path = match input {
            Input::File(p) => Some(p.clone()),
            Input::Stdin => None,
        };
        Loaded { name, path, read }
    }

    /// The real path of the input file.
    fn identity(&self) -> Option<std::path::PathBuf> {
        self.path
            .as_ref()
            .and_then(|p| std::fs::canonicalize(p).ok())
    }

    /// The real paths of the files it includes (not its own).
    fn parts(&self) -> HashSet<std::path::PathBuf> {
        self.read
            .as_ref()
            .map(|(src, _)| {
                src.files()
                    .skip(1)
                    .filter_map(|f| std::fs::canonicalize(f).ok())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// For each input, whether another input includes it (and it does not
/// include that one back: files that include each other are each checked,
/// and each reports the cycle).
fn parts_of_others(loaded: &[Loaded]) -> Vec<bool> {
    let ids: Vec<Option<std::path::PathBuf>> = loaded.iter().map(Loaded::identity).collect();
    let parts: Vec<HashSet<std::path::PathBuf>> = loaded.iter().map(Loaded::parts).collect();
    (0..loaded.len())
        .map(|x| {
            let Some(id) = &ids[x] else { return false };
            (0..loaded.len()).any(|y| {
                y != x
                    && parts[y].contains(id)
                    && !ids[y].as_ref().is_some_and(|yid| parts[x].contains(yid))
            })
        })
        .collect()
}

/// A `--only` name that no checked file has, with the nearest name there is.
/// An input that could not be read: its report, as a policy with the
/// read error.
fn reports_io_error(
    check: &mut impl FnMut(String, SourceText, Vec<Diagnostic>, &[String]),
    name: &str,
    e: &std::io::Error,
) {
    let r = stargate_verify::io_error_report(name, e);
    check(format!("reading {name}"), r.source, r.diagnostics, &[]);
}

fn unknown_selection(only: &[String], reports: &[FileReport], names: &[String]) -> Option<String> {
    // A file that could not be checked has no assertions to compare with.
    if reports.iter().any(|r| r.policy.is_none()) {
        return None;
    }
    let missing = only.iter().find(|o| !names.contains(o))?;
    Some(
        match stargate_verify::suggest::nearest(missing, names.iter().map(String::as_str)) {
            Some(near) => {
                format!("--only: no assertion named `{missing}`\n  help: did you mean `{near}`?")
            }
            None => format!("--only: no assertion named `{missing}` in the checked files"),
        },
    )
}

fn write_obligations(dir: &Path, reports: &[FileReport]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let several = reports.len() > 1;
    for r in reports {
        let Some(policy) = &r.policy else { continue };
        let sub = if several {
            let stem = Path::new(&r.source.name)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "policy".into());
            dir.join(stem)
        } else {
            dir.to_path_buf()
        };
        std::fs::create_dir_all(&sub)?;
        for v in &r.verdicts {
            let (Some(a), Some(smt)) = (policy.assertions.get(v.assertion), &v.smt) else {
                continue;
            };
            let text = stargate_verify::report::smt_file(&r.source, a, smt);
            std::fs::write(sub.join(format!("{}.smt2", a.name)), text)?;
        }
    }
    Ok(())
}
