//! The command line's front door: `FILE...` as a shorthand for `check`,
//! a mistyped subcommand caught before it is taken for a file, the
//! settings of stargate.toml, and dispatch to each subcommand.

pub mod args;
mod check;
mod import;
mod inputs;
mod output;
mod progress;
mod terraform;

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use args::{Cli, Command, DiffFormatArg, FailOnArg, GraphFormat};
use output::{Colors, Sink};
use stargate_verify::config::{self, Config};
use stargate_verify::report::{explain, human};
use stargate_verify::verify;

const SUBCOMMANDS: &[&str] = &[
    "check",
    "fmt",
    "graph",
    "diff",
    "import",
    "explain",
    "lsp",
    "completions",
    "man",
    "help",
];

/// Global options that take a value, when written as two arguments.
const GLOBAL_WITH_VALUE: &[&str] = &["--color", "--config"];
const GLOBAL_FLAGS: &[&str] = &["--no-color", "--no-config"];

pub fn run() -> ExitCode {
    let args = match with_implicit_check(std::env::args_os().collect()) {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let colors = Colors::new(cli.color, cli.no_color);
    let config = match settings(&cli, colors) {
        Ok(c) => c,
        Err(code) => return ExitCode::from(code),
    };
    let status = match cli.command {
        Command::Check(a) => check::run(a, &config, colors),
        Command::Diff(a) => diff(a, &config, colors),
        Command::Fmt(a) => {
            let opts = stargate_verify::fmt::command::FmtOptions {
                files: a.files,
                check: a.check,
                diff: a.diff,
                color: colors.stderr(),
            };
            stargate_verify::fmt::command::run(
                &opts,
                &mut std::io::stdin().lock(),
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            )
        }
        Command::Graph(a) => graph(a, &config, colors),
        Command::Import(a) => import::run(a),
        Command::Explain { code } => explain_code(code.as_deref()),
        Command::Lsp { .. } => return stargate_verify::lsp::run(),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "stargate-verify", &mut std::io::stdout());
            0
        }
        Command::Man => {
            let man = clap_mangen::Man::new(Cli::command());
            match man.render(&mut std::io::stdout()) {
                Ok(()) => 0,
                Err(_) => 2,
            }
        }
    };
    ExitCode::from(status)
}

/// Inserts `check` where the subcommand would be when the first argument
/// after the global options is a file or an option of `check`; refuses a
/// bare word that is neither a subcommand nor an existing file, with the
/// subcommand it most resembles.
fn with_implicit_check(mut args: Vec<OsString>) -> Result<Vec<OsString>, String> {
    let mut i = 1;
    while let Some(a) = args.get(i).and_then(|a| a.to_str()) {
        if GLOBAL_WITH_VALUE.contains(&a) {
            i += 2;
        } else if GLOBAL_FLAGS.contains(&a)
            || GLOBAL_WITH_VALUE
                .iter()
                .any(|g| a.starts_with(&format!("{g}=")))
        {
            i += 1;
        } else {
            break;
        }
    }
    let Some(first) = args.get(i) else {
        return Ok(args);
    };
    let text = first.to_string_lossy();
    let meta = matches!(text.as_ref(), "-h" | "--help" | "-V" | "--version");
    if meta || SUBCOMMANDS.contains(&text.as_ref()) {
        return Ok(args);
    }
    let looks_like_path = text == "-"
        || text.contains(['/', '\\', '.'])
        || Path::new(first).exists()
        || text.starts_with('-');
    if looks_like_path {
        args.insert(i, "check".into());
        return Ok(args);
    }
    Err(
        match stargate_verify::suggest::nearest(&text, SUBCOMMANDS.iter().copied()) {
            Some(near) => format!(
                "`{text}` is not a subcommand (nor a file); did you mean `{near}`?\n\
                 \x20 help: the subcommands are {}; run `stargate-verify --help`",
                SUBCOMMANDS.join(", ")
            ),
            None => format!(
                "`{text}` is not a subcommand (nor a file)\n\
                 \x20 help: the subcommands are {}; to check a file, give its path",
                SUBCOMMANDS.join(", ")
            ),
        },
    )
}

/// The settings of stargate.toml (found upward, given with --config, or
/// none with --no-config); a file that cannot be used is reported on
/// standard error and ends the run with status 2.
fn settings(cli: &Cli, colors: Colors) -> Result<Config, u8> {
    if cli.no_config {
        return Ok(Config::default());
    }
    // The editor server reads the file itself, from the workspace it is given.
    if matches!(
        cli.command,
        Command::Lsp { .. } | Command::Completions { .. } | Command::Man | Command::Explain { .. }
    ) {
        return Ok(Config::default());
    }
    let path = match &cli.config {
        Some(p) => p.clone(),
        None => {
            let here = std::env::current_dir().unwrap_or_default();
            match config::discover(&here) {
                Some(p) => p,
                None => return Ok(Config::default()),
            }
        }
    };
    config::load(&path).map_err(|e| {
        let mut err = std::io::stderr().lock();
        for d in &e.diagnostics {
            let _ = writeln!(
                err,
                "{}\n",
                human::render_diagnostic(&e.source, d, colors.stderr())
            );
        }
        let _ = writeln!(
            err,
            "{}: not used: fix the errors above first",
            path.display()
        );
        2
    })
}

fn verify_options(
    timeout: Option<std::time::Duration>,
    jobs: Option<usize>,
    c: &Config,
) -> verify::Options {
    let d = verify::Options::default();
    verify::Options {
        timeout: timeout.or(c.timeout).unwrap_or(d.timeout),
        jobs: jobs.or(c.jobs).unwrap_or(d.jobs),
        ..d
    }
}

fn diff(a: args::DiffArgs, config: &Config, colors: Colors) -> u8 {
    use stargate_verify::diff::command::{self as diff, DiffFormat, FailOn};
    let format = match a.format {
        DiffFormatArg::Human => DiffFormat::Human,
        DiffFormatArg::Json => DiffFormat::Json,
        DiffFormatArg::Sarif => DiffFormat::Sarif,
        DiffFormatArg::Github => DiffFormat::Github,
        DiffFormatArg::Html => DiffFormat::Html,
        DiffFormatArg::Junit => {
            eprintln!(
                "error: `diff` has no JUnit output: a comparison of two versions has no test cases\n\
                 \x20 help: use `diff --format sarif` or `--format github` in CI, or \
                 `check --format junit` for the verdicts of one version"
            );
            return 2;
        }
    };
    let fail_on = match a.fail_on {
        Some(FailOnArg::Opened) => FailOn::Opened,
        Some(FailOnArg::Any) => FailOn::Any,
        Some(FailOnArg::Never) => FailOn::Never,
        None => match config.fail_on {
            Some(config::FailOn::Any) => FailOn::Any,
            Some(config::FailOn::Never) => FailOn::Never,
            Some(config::FailOn::Opened) | None => FailOn::Opened,
        },
    };
    let mut sink = match Sink::open(a.output.as_deref()) {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("error: {msg}");
            return 2;
        }
    };
    let opts = diff::DiffOptions {
        files: a.files,
        base_rev: a.base,
        format,
        fail_on,
        new_policy: match a.new_policy {
            args::NewPolicyArg::Empty => diff::NewPolicy::Empty,
            args::NewPolicyArg::Notice => diff::NewPolicy::Notice,
        },
        verify: verify_options(a.timeout, None, config),
        color: colors.stderr(),
        preloaded: None,
    };
    let opts = if a.terraform {
        let vars = terraform::vars(&a.vars.var_file, &a.vars.var, config);
        match terraform::versions(&opts.files, opts.base_rev.as_deref(), &vars) {
            Ok(both) => diff::DiffOptions {
                preloaded: Some(Box::new(both)),
                ..opts
            },
            Err(msg) => {
                eprintln!("error: {msg}");
                return 2;
            }
        }
    } else {
        opts
    };
    let spinner = (format == DiffFormat::Human)
        .then(|| progress::Progress::start("comparing the two versions"));
    let status = diff::run(&opts, &mut sink, &mut std::io::stderr().lock());
    drop(spinner);
    sink.finish(status)
}

fn graph(a: args::GraphArgs, config: &Config, colors: Colors) -> u8 {
    use stargate_verify::graph::command::{self as graph, GraphFormat as Out};
    let mut sink = match Sink::open(a.output.as_deref()) {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("error: {msg}");
            return 2;
        }
    };
    let preloaded = a.terraform.then(|| {
        let vars = terraform::vars(&a.vars.var_file, &a.vars.var, config);
        Box::new(terraform::network(&a.file, &vars))
    });
    let opts = graph::GraphOptions {
        preloaded,
        file: a.file,
        format: match a.format {
            GraphFormat::Dot => Out::Dot,
            GraphFormat::Mermaid => Out::Mermaid,
            GraphFormat::Svg => Out::Svg,
        },
        highlight: a.highlight,
        from: a.from,
        to: a.to,
        color: colors.stderr(),
        verify: verify_options(None, a.jobs, config),
    };
    let status = graph::run(&opts, &mut sink, &mut std::io::stderr().lock());
    sink.finish(status)
}

fn explain_code(code: Option<&str>) -> u8 {
    let mut out = std::io::stdout().lock();
    let Some(code) = code else {
        for (code, summary) in explain::index() {
            let _ = writeln!(out, "{code:<48} {summary}");
        }
        return 0;
    };
    match explain::explain(code) {
        Some(e) => {
            // The heading is Markdown for the docs; on a terminal the code alone reads better.
            let body = e.text.split_once('\n').map_or("", |(_, rest)| rest);
            let _ = writeln!(
                out,
                "{}\n{}\n\nDocs: {}",
                e.code,
                body.trim_end(),
                explain::docs_url(e.code)
            );
            0
        }
        None => {
            let near = explain::nearest(code);
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "error: `{code}` is not a stargate-verify diagnostic code"
            );
            let _ = match near {
                Some(n) => writeln!(err, "  help: did you mean `{n}`?"),
                None => writeln!(err, "  help: `stargate-verify explain` lists every code"),
            };
            2
        }
    }
}
