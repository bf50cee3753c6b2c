//! The `wengao` binary: parses arguments and hands over to the library.

/// mimalloc instead of the system allocator: a render makes ~100,000 small allocations, and
/// glibc's malloc/free were 30 % of a short run's instructions (issue 14).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`: the option between `eager_commit_delay`,
/// 14, and `use_numa_nodes`, 16, which `libmimalloc-sys` names but this one it does not).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Runs the command line; the exit code follows [`wengao::diagnostic::exit_code`].
fn main() -> std::process::ExitCode {
    // A run lasts seconds: handing freed pages back to the system (one `madvise` per 64 KB as
    // threads end) cost a one-file render ~1 ms of system time. The heap a batch reuses stays
    // flat in the number of files (benches/batch.sh), so nothing is handed back.
    // SAFETY: set before any other thread exists; the option takes any integer.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
    wengao::cli::main()
}

#[cfg(test)]
mod tests {
    /// Option 15 is the purge delay: its documented default is 1,000 ms in mimalloc 3 (10 ms in
    /// mimalloc 2), and no option next to it defaults to either.
    #[test]
    fn option_15_is_the_purge_delay() {
        // SAFETY: reads an option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert!(delay == 1000 || delay == 10, "{delay}");
    }
}
