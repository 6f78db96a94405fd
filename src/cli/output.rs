//! Where output goes and whether it is coloured: `--color`, `--no-color`
//! and `NO_COLOR` decide colour for each stream, and `--output FILE`
//! replaces standard output by a file.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::args::ColorWhen;

/// The colour decision of a run, per stream.
#[derive(Clone, Copy)]
pub struct Colors {
    when: ColorWhen,
}

impl Colors {
    pub fn new(when: ColorWhen, no_color: bool) -> Self {
        Colors {
            when: if no_color { ColorWhen::Never } else { when },
        }
    }

    fn decide(self, is_terminal: bool) -> bool {
        match self.when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => is_terminal && !no_color_env(),
        }
    }

    pub fn stderr(self) -> bool {
        self.decide(std::io::stderr().is_terminal())
    }

    /// Colour for the report: never into a file unless asked with `always`.
    pub fn report(self, to_file: bool) -> bool {
        self.decide(!to_file && std::io::stdout().is_terminal())
    }
}

/// NO_COLOR counts when set to a non-empty value (no-color.org).
fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Standard output, or the file of `--output`.
pub enum Sink {
    Stdout(std::io::Stdout),
    File(PathBuf, BufWriter<File>),
}

impl Sink {
    pub fn open(path: Option<&Path>) -> Result<Sink, String> {
        match path {
            None => Ok(Sink::Stdout(std::io::stdout())),
            Some(p) => File::create(p)
                .map(|f| Sink::File(p.to_path_buf(), BufWriter::new(f)))
                .map_err(|e| format!("cannot write `{}`: {e}", p.display())),
        }
    }

    pub fn is_file(&self) -> bool {
        matches!(self, Sink::File(..))
    }

    /// Flushes the output; a file that could not be written turns the
    /// status into 2.
    pub fn finish(mut self, status: u8) -> u8 {
        match self.flush() {
            Ok(()) => status,
            Err(e) => {
                let name = match &self {
                    Sink::File(p, _) => p.display().to_string(),
                    Sink::Stdout(_) => "standard output".into(),
                };
                eprintln!("error: cannot write {name}: {e}");
                2
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::File(_, f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::File(_, f) => f.flush(),
        }
    }
}
