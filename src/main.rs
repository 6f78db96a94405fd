//! The `stargate-verify` command line: argument parsing and wiring only
//! (`src/cli/`); everything it runs lives in the library.

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

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
    cli::run()
}
