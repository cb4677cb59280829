//! The `inclusive-cities` binary: parses the command line, runs the command, maps the outcome to
//! an exit code (0 fine, 1 invalid input, 2 usage or I/O error).

use clap::Parser;
use inclusive_cities::cli::Cli;
use std::process::ExitCode;

/// mimalloc: the engine makes many small strings and vectors per city on every thread; glibc's
/// allocator spent a quarter of `compare`'s time in malloc and free, mimalloc's thread-local
/// pages far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match inclusive_cities::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed standard error (`2>&1 | true`) must not turn a failure into a panic.
            use std::io::Write as _;
            // Escaped: a message quotes paths and names, which must not act on the terminal.
            let message =
                inclusive_cities::render::escape::terminal_lines(&e.to_string()).into_owned();
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::from(e.exit_code())
        }
    }
}
