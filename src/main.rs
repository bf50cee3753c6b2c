//! The `wengao` binary: parses arguments and hands over to the library.

fn main() -> std::process::ExitCode {
    wengao::cli::main()
}
