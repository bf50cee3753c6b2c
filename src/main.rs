//! The `wengao` binary: parses arguments and hands over to the library.

/// Runs the command line; the exit code follows [`wengao::diagnostic::exit_code`].
fn main() -> std::process::ExitCode {
    wengao::cli::main()
}
