//! The `stargate-verify` command line: argument parsing and wiring only.

#![forbid(unsafe_code)]

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};

use stargate_verify::report::{self, human, FileReport};
use stargate_verify::verify::{self, Status};

#[derive(Parser)]
#[command(
    name = "stargate-verify",
    version,
    about = "Prove network security properties of a policy, or refute them with a concrete request",
    after_help = "`stargate-verify FILE...` is the same as `stargate-verify check FILE...`.\n\
                  Exit status: 0 all proved, 1 some refuted or unknown, 2 the input could not be checked."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check policies and prove their assertions
    Check(CheckArgs),
    /// Rewrite policies in the canonical style
    Fmt(FmtArgs),
    /// Draw the network as Graphviz DOT, a Mermaid flowchart or SVG
    Graph(GraphArgs),
    /// Compare two versions of a policy: flows opened and closed
    Diff(DiffArgs),
    /// Run the language server (LSP over stdin and stdout) for editors
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

#[derive(clap::Args)]
struct DiffArgs {
    /// BASE and HEAD policy files, or one file with --base
    #[arg(required = true, num_args = 1..=2)]
    files: Vec<PathBuf>,
    /// Read BASE from git at this revision (e.g. origin/main)
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    format: DiffFormatArg,
    /// When to exit with status 1
    #[arg(long, value_enum, default_value = "opened")]
    fail_on: FailOnArg,
    /// Time limit per solver query, e.g. `500ms`, `5s`
    #[arg(long, value_parser = parse_duration, default_value = "30s")]
    timeout: Duration,
    /// Never colour the output
    #[arg(long)]
    no_color: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormatArg {
    Human,
    Json,
    Sarif,
    Github,
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOnArg {
    /// A flow was opened or a pair could not be decided
    Opened,
    /// Anything changed
    Any,
    /// Always exit 0 after a comparison
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics, a line per assertion, reports and a summary
    Human,
    /// One JSON document (docs/language.md, section 8.3)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// JUnit XML test report
    Junit,
    /// One self-contained HTML page with the picture of the network
    Html,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Policy files (`.sg`)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Time limit per assertion, e.g. `500ms`, `5s`, `2m`
    #[arg(long, value_parser = parse_duration, default_value = "30s")]
    timeout: Duration,
    /// z3 resource limit per assertion (deterministic, unlike --timeout)
    #[arg(long, value_name = "N")]
    rlimit: Option<u32>,
    /// Worker threads (default: one per core); counterexamples are the same
    /// on every run with the same number of workers
    #[arg(long, short = 'j', default_value_t = 0, hide_default_value = true)]
    jobs: usize,
    /// Write each assertion's SMT-LIB2 obligation to DIR/NAME.smt2
    #[arg(long, value_name = "DIR")]
    emit_smt: Option<PathBuf>,
    /// Show the witness request of proved `path` assertions
    #[arg(long)]
    witness: bool,
    /// Never colour the output (also: the NO_COLOR environment variable)
    #[arg(long)]
    no_color: bool,
}

#[derive(clap::Args)]
struct FmtArgs {
    /// Policy files to rewrite in place; `-` reads standard input and writes standard output
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Write nothing; list the files that are not formatted (exit 1 if any)
    #[arg(long)]
    check: bool,
    /// Write nothing; print a unified diff of what formatting would change
    #[arg(long)]
    diff: bool,
    /// Never colour the diagnostics (also: the NO_COLOR environment variable)
    #[arg(long)]
    no_color: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`)
    Dot,
    /// A Mermaid `flowchart LR` (GitHub renders it in Markdown)
    Mermaid,
    /// SVG, laid out by stargate-verify itself (no Graphviz needed)
    Svg,
}

#[derive(clap::Args)]
struct GraphArgs {
    /// Policy file (`.sg`)
    file: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value = "dot")]
    format: GraphFormat,
    /// Draw this assertion's counterexample or witness in bold red
    #[arg(long, value_name = "ASSERTION")]
    highlight: Option<String>,
    /// Keep only the nodes and edges on paths from this node
    #[arg(long, value_name = "NODE")]
    from: Option<String>,
    /// Keep only the nodes and edges on paths to this node
    #[arg(long, value_name = "NODE")]
    to: Option<String>,
    /// Never colour the diagnostics (also: the NO_COLOR environment variable)
    #[arg(long)]
    no_color: bool,
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map_or((s, "s"), |i| (&s[..i], &s[i..]));
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration; use e.g. 500ms, 5s or 2m"))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" => n,
        "m" => n * 60.0,
        _ => return Err(format!("unknown unit `{unit}` in `{s}`; use ms, s or m")),
    };
    if !(secs > 0.0 && secs < 86_400.0) {
        return Err(format!(
            "`{s}` is out of range; use more than 0 and less than a day"
        ));
    }
    Ok(Duration::from_secs_f64(secs))
}

const SUBCOMMANDS: [&str; 7] = ["check", "diff", "fmt", "graph", "lsp", "help", "--help"];

/// mimalloc, built with its `override` feature, is the allocator of the
/// whole process: z3's `malloc` calls come here too. Each z3 4.8.12 context
/// fills 17 MB of hash tables when it is made; with glibc's allocator every
/// 4 KiB page of that is a page fault (8,700 for the sandbox's two contexts),
/// with mimalloc's large aligned segments the kernel backs it with huge
/// pages (530 faults in all). The sandbox's run time drops by a fifth
/// (docs/performance.md).
#[cfg(all(target_os = "linux", feature = "mimalloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().collect();
    // `stargate-verify FILE...` means `stargate-verify check FILE...`.
    if let Some(first) = args.get(1) {
        let is_meta = matches!(first.as_str(), "-h" | "-V" | "--version");
        if !is_meta && !SUBCOMMANDS.contains(&first.as_str()) {
            args.insert(1, "check".into());
        }
    }
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Diff(args) => {
            use stargate_verify::diff::command::{self as diff, DiffFormat, FailOn};
            let opts = diff::DiffOptions {
                files: args.files,
                base_rev: args.base,
                format: match args.format {
                    DiffFormatArg::Human => DiffFormat::Human,
                    DiffFormatArg::Json => DiffFormat::Json,
                    DiffFormatArg::Sarif => DiffFormat::Sarif,
                    DiffFormatArg::Github => DiffFormat::Github,
                    DiffFormatArg::Html => DiffFormat::Html,
                },
                fail_on: match args.fail_on {
                    FailOnArg::Opened => FailOn::Opened,
                    FailOnArg::Any => FailOn::Any,
                    FailOnArg::Never => FailOn::Never,
                },
                verify: verify::Options {
                    timeout: args.timeout,
                    ..verify::Options::default()
                },
                color: !args.no_color && !no_color_env() && std::io::stderr().is_terminal(),
            };
            ExitCode::from(diff::run(
                &opts,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            ))
        }
        Command::Fmt(args) => {
            let opts = stargate_verify::fmt::command::FmtOptions {
                files: args.files,
                check: args.check,
                diff: args.diff,
                color: !args.no_color && !no_color_env() && std::io::stderr().is_terminal(),
            };
            ExitCode::from(stargate_verify::fmt::command::run(
                &opts,
                &mut std::io::stdin().lock(),
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            ))
        }
        Command::Graph(args) => {
            use stargate_verify::graph::command::{self as graph, GraphFormat as Out};
            let opts = graph::GraphOptions {
                file: args.file,
                format: match args.format {
                    GraphFormat::Dot => Out::Dot,
                    GraphFormat::Mermaid => Out::Mermaid,
                    GraphFormat::Svg => Out::Svg,
                },
                highlight: args.highlight,
                from: args.from,
                to: args.to,
                color: !args.no_color && !no_color_env() && std::io::stderr().is_terminal(),
            };
            ExitCode::from(graph::run(
                &opts,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            ))
        }
        Command::Lsp { .. } => stargate_verify::lsp::run(),
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let opts = verify::Options {
        timeout: args.timeout,
        rlimit: args.rlimit,
        jobs: args.jobs,
        emit_smt: args.emit_smt.is_some(),
    };
    let reports: Vec<FileReport> = args.files.iter().map(|f| check_file(f, &opts)).collect();
    let elapsed = started.elapsed();

    let mut io_problem = None;
    if let Some(dir) = &args.emit_smt {
        if let Err(e) = write_obligations(dir, &reports) {
            io_problem = Some(format!(
                "cannot write SMT obligations to {}: {e}",
                dir.display()
            ));
        }
    }

    let color = !args.no_color && !no_color_env() && std::io::stdout().is_terminal();
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report::json::document(&reports)).unwrap_or_default()
        ),
        Format::Sarif => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report::sarif::document(&reports)).unwrap_or_default()
        ),
        Format::Github => writeln!(out, "{}", report::github::render(&reports)),
        Format::Junit => writeln!(out, "{}", report::junit::render(&reports)),
        Format::Html => write!(out, "{}", report::html::render(&reports)),
        Format::Human => {
            let opts = human::HumanOptions {
                color,
                witness: args.witness,
            };
            let mut text = String::new();
            for r in &reports {
                text.push_str(&human::render_file(r, opts));
            }
            text.push_str(&human::summary_line(&reports, elapsed));
            writeln!(out, "{text}")
        }
    };
    if written.is_err() {
        return ExitCode::from(2);
    }
    if let Some(msg) = io_problem {
        eprintln!("error: {msg}");
        return ExitCode::from(2);
    }
    if reports.iter().any(FileReport::has_errors) {
        ExitCode::from(2)
    } else if reports
        .iter()
        .flat_map(|r| &r.verdicts)
        .any(|v| v.status != Status::Proved)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// NO_COLOR counts when set to a non-empty value (no-color.org).
fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn check_file(path: &Path, opts: &verify::Options) -> FileReport {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => stargate_verify::check_bytes(&name, &bytes, opts),
        Err(e) => stargate_verify::io_error_report(&name, &e),
    }
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
