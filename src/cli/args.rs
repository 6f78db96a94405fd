//! The command line's grammar: every subcommand, option and value, as clap
//! definitions. `--help`, the shell completions and the man page are all
//! generated from these, so they cannot disagree.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use stargate_verify::config::parse_duration;

pub const AFTER_HELP: &str = "\
`stargate-verify FILE...` is the same as `stargate-verify check FILE...`.
Exit status: 0 all proved, 1 some refuted or unknown, 2 the input could not be checked.
Output: the report or document you ask for goes to standard output (or --output FILE);
human-readable diagnostics, usage errors and progress go to standard error.
Settings: stargate.toml, found upward from the working directory (see docs/config.md).";

#[derive(Parser)]
#[command(
    name = "stargate-verify",
    version,
    about = "Prove network security properties of a policy, or refute them with a concrete request",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to colour the output (NO_COLOR, when set, turns `auto` off)
    #[arg(
        long,
        value_enum,
        global = true,
        value_name = "WHEN",
        default_value = "auto"
    )]
    pub color: ColorWhen,
    /// The same as `--color never`
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Read settings from this file instead of the stargate.toml found upward
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore every stargate.toml
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check policies and prove their assertions
    Check(CheckArgs),
    /// Rewrite policies in the canonical style
    Fmt(FmtArgs),
    /// Draw the network as Graphviz DOT, a Mermaid flowchart or SVG
    Graph(GraphArgs),
    /// Compare two versions of a policy: flows opened and closed
    Diff(DiffArgs),
    /// Read a Terraform directory or plan JSON and print the network it describes
    Import(ImportArgs),
    /// Explain a diagnostic code: what it means, an example, the fix
    Explain {
        /// A code such as `stargate::parse::cidr_host_bits` (or `parse::cidr_host_bits`);
        /// without one, list every code
        code: Option<String>,
    },
    /// Run the language server (LSP over stdin and stdout) for editors
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Print shell completions (bash, zsh, fish, elvish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// A directory of .tf files, or a `terraform show -json` plan file
    pub path: PathBuf,
    /// Output: a .sg policy sketch, or JSON (nodes, secrets, unknowns, diagnostics)
    #[arg(long, value_enum, default_value = "sg")]
    pub format: ImportFormat,
    /// A variables file, after terraform.tfvars and *.auto.tfvars (repeatable)
    #[arg(long, value_name = "FILE")]
    pub var_file: Vec<PathBuf>,
    /// A variable value NAME=VALUE, applied after every file (repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub var: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Sg,
    Json,
}

#[derive(clap::Args)]
pub struct DiffArgs {
    /// BASE and HEAD policy files, or one file with --base
    #[arg(required = true, num_args = 1..=2)]
    pub files: Vec<PathBuf>,
    /// Read BASE from git at this revision (e.g. origin/main)
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Output format (no `junit`: a comparison has no test cases; use
    /// `check --format junit` for the verdicts of one version)
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiffFormatArg,
    /// When to exit with status 1 (default: `opened`, or `fail-on` in stargate.toml)
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOnArg>,
    /// With --base, what to do with a policy that is not in REV: compare it
    /// with an empty network (everything it admits is opened), or only
    /// report a notice. A policy deleted from disk closes everything.
    #[arg(long, value_enum, default_value = "empty")]
    pub new_policy: NewPolicyArg,
    /// Time limit per solver query, e.g. `500ms`, `5s` (default: 30s, or stargate.toml)
    #[arg(long, value_parser = parse_duration)]
    pub timeout: Option<Duration>,
    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The files are Terraform directories (or plan JSON files), imported
    /// and compared as networks: BASE_DIR HEAD_DIR, or one DIR with --base
    #[arg(long)]
    pub terraform: bool,
    #[command(flatten)]
    pub vars: TerraformVars,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormatArg {
    Human,
    Json,
    Sarif,
    Github,
    Html,
    /// Refused with an explanation (see --format)
    #[value(hide = true)]
    Junit,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewPolicyArg {
    /// Compare it with an empty network: everything it admits is opened
    Empty,
    /// Report a notice and compare nothing
    Notice,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// A flow was opened or a pair could not be decided
    Opened,
    /// Anything changed
    Any,
    /// Always exit 0 after a comparison
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
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
pub struct CheckArgs {
    /// Policy files (`.sg`), directories (every `.sg` below them) or `-`
    /// for standard input (default: `paths` in stargate.toml, else `.`)
    #[arg(value_name = "PATH")]
    pub files: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Verify only this assertion (repeat, or separate names by commas)
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Human format: print only what failed (refuted, unknown, diagnostics) and the summary
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Time limit per assertion, e.g. `500ms`, `5s`, `2m` (default: 30s, or stargate.toml)
    #[arg(long, value_parser = parse_duration)]
    pub timeout: Option<Duration>,
    /// z3 resource limit per assertion (deterministic, unlike --timeout)
    #[arg(long, value_name = "N")]
    pub rlimit: Option<u32>,
    /// Worker threads (default: one per core, or stargate.toml); counterexamples
    /// are the same on every run with the same number of workers
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Write each assertion's SMT-LIB2 obligation to DIR/NAME.smt2
    #[arg(long, value_name = "DIR")]
    pub emit_smt: Option<PathBuf>,
    /// Show the witness request of proved `path` assertions
    #[arg(long)]
    pub witness: bool,
    /// Print the files that would be checked, one per line, and check nothing
    #[arg(long)]
    pub show_files: bool,
    /// Check against the network of this Terraform directory or plan JSON
    /// file; the PATHs are then intents (without any: built-in findings)
    #[arg(long, value_name = "DIR|PLAN")]
    pub terraform: Option<PathBuf>,
    #[command(flatten)]
    pub vars: TerraformVars,
}

/// The Terraform variables of `check`, `diff` and `graph` with `--terraform`.
#[derive(clap::Args)]
pub struct TerraformVars {
    /// With --terraform: a variables file, after terraform.tfvars and *.auto.tfvars (repeatable)
    #[arg(long, value_name = "FILE", requires = "terraform")]
    pub var_file: Vec<PathBuf>,
    /// With --terraform: a variable value NAME=VALUE, applied after every file (repeatable)
    #[arg(long, value_name = "NAME=VALUE", requires = "terraform")]
    pub var: Vec<String>,
}

#[derive(clap::Args)]
pub struct FmtArgs {
    /// Policy files to rewrite in place; `-` reads standard input and writes standard output
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write nothing; list the files that are not formatted (exit 1 if any)
    #[arg(long)]
    pub check: bool,
    /// Write nothing; print a unified diff of what formatting would change
    #[arg(long)]
    pub diff: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`)
    Dot,
    /// A Mermaid `flowchart LR` (GitHub renders it in Markdown)
    Mermaid,
    /// SVG, laid out by stargate-verify itself (no Graphviz needed)
    Svg,
}

#[derive(clap::Args)]
pub struct GraphArgs {
    /// Policy file (`.sg`), or with --terraform a Terraform directory or plan JSON file
    pub file: PathBuf,
    /// Draw the network imported from the Terraform configuration FILE
    #[arg(long)]
    pub terraform: bool,
    #[command(flatten)]
    pub vars: TerraformVars,
    /// Output format
    #[arg(long, value_enum, default_value = "dot")]
    pub format: GraphFormat,
    /// Draw this assertion's counterexample or witness in bold red (the same
    /// one `check` reports with the same -j)
    #[arg(long, value_name = "ASSERTION")]
    pub highlight: Option<String>,
    /// Worker threads for --highlight, as for `check` (default: one per core, or stargate.toml)
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Keep only the nodes and edges on paths from this node
    #[arg(long, value_name = "NODE")]
    pub from: Option<String>,
    /// Keep only the nodes and edges on paths to this node
    #[arg(long, value_name = "NODE")]
    pub to: Option<String>,
    /// Write the picture to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}
