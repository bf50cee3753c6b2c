//! The `wengao` binary: parses arguments and hands over to the library.

/// mimalloc instead of the system allocator: a render makes ~100,000 small allocations, and
/// glibc's malloc/free were 30 % of a short run's instructions (issue 14).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Runs the command line; the exit code follows [`wengao::diagnostic::exit_code`].
fn main() -> std::process::ExitCode {
    wengao::cli::main()
}
