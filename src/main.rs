//! The `wengao` binary: parses arguments and hands over to the library.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// mimalloc instead of the system allocator: a render makes ~100,000 small allocations, and
/// glibc's malloc/free were 30 % of a short run's instructions (issue 14). Its version 2
/// (`libmimalloc-sys` feature `v2`), not 3: on transparent huge pages, 3 spreads even a trivial
/// run over three 2 MB pages that the kernel zeroes (~0.8 ms of a `--version` here), 2 over one
/// or two. With the size classes below, a one-file render touches two huge pages (4 MB), not
/// five.
#[global_allocator]
static ALLOCATOR: Mimalloc = Mimalloc;

/// The alignment every block of `mi_malloc` has when the block is at least that large
/// (`MI_MAX_ALIGN_SIZE`, 16 bytes on 64-bit targets).
const MALLOC_ALIGN: usize = 16;

/// mimalloc through its plain entry points where the layout allows, its aligned ones only for
/// over-aligned layouts. The `mimalloc` crate's allocator takes the aligned path for every
/// allocation, which cost a render ~0.5 M instructions more than `mi_malloc`.
struct Mimalloc;

/// Whether `mi_malloc` of `size` bytes is aligned enough for `align`.
fn plain_suffices(size: usize, align: usize) -> bool {
    align <= MALLOC_ALIGN && align <= size
}

/// Sizes above this go to mimalloc as asked ([`size_class`]): such blocks get pages of their own.
const ROUNDED_UP_TO: usize = 128 * 1024;

/// The size asked of mimalloc for `size` bytes: up to 16 bytes and above 128 KiB as is; up to
/// 1 KiB the next of 2ⁿ and 1.5 × 2ⁿ; above that the next power of two.
///
/// mimalloc keeps each of its ~70 size classes in its own 64 KiB page (512 KiB above 8 KiB),
/// so a short run that touches a little of many classes spreads its 3 MB over 8 MB of pages,
/// which the kernel backs with 2 MB huge pages and zeroes whole: a fifth of a one-file render
/// was `clear_page_erms`. With two classes per doubling for small blocks and one for larger
/// ones, the same render fits in two huge pages. Rounding every size to a power of two fits it
/// too, but the larger blocks cost a 10k-figure check ~15 % in cache misses.
fn size_class(size: usize) -> usize {
    if size <= 16 || size > ROUNDED_UP_TO {
        return size;
    }
    let power = size.next_power_of_two();
    if size <= 1024 && size <= power / 4 * 3 {
        power / 4 * 3
    } else {
        power
    }
}

// SAFETY: every path returns mimalloc blocks of at least the layout's size and alignment (or
// null), and `mi_free` releases blocks of either path.
unsafe impl GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc's allocation functions take any size and a power-of-two alignment.
        unsafe {
            if plain_suffices(layout.size(), layout.align()) {
                mi::mi_malloc(size_class(layout.size())).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if plain_suffices(layout.size(), layout.align()) {
                mi::mi_zalloc(size_class(layout.size())).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`; the new block keeps its
        // alignment on either path.
        unsafe {
            if plain_suffices(new_size, layout.align()) {
                mi::mi_realloc(ptr.cast::<c_void>(), size_class(new_size)).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`: the option between `eager_commit_delay`,
/// 14, and `use_numa_nodes`, 16, which `libmimalloc-sys` names but this one it does not).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Runs the command line; the exit code follows [`wengao::diagnostic::exit_code`].
fn main() -> std::process::ExitCode {
    // A run lasts seconds: handing freed pages back to the system (one `madvise` per 64 KB as
    // threads end) cost a one-file render ~1 ms of system time. The heap a batch reuses stays
    // flat in the number of files (benches/batch.sh), so nothing is handed back.
    // SAFETY: set before any other thread exists; the option takes any integer.
    unsafe { mi::mi_option_set(PURGE_DELAY, -1) };
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

    /// The classes: never smaller than asked, 2ⁿ or 1.5 × 2ⁿ up to 1 KiB, 2ⁿ up to 128 KiB,
    /// the size itself outside.
    #[test]
    fn size_classes_round_up_to_few_classes() {
        use super::size_class;
        let cases = [
            (0, 0),
            (1, 1),
            (16, 16),
            (17, 24),
            (24, 24),
            (25, 32),
            (33, 48),
            (49, 64),
            (100, 128),
            (129, 192),
            (700, 768),
            (769, 1024),
            (1025, 2048),
            (5000, 8192),
            (100_000, 131_072),
            (131_072, 131_072),
            (131_073, 131_073),
            (usize::MAX, usize::MAX),
        ];
        for (size, class) in cases {
            assert_eq!(size_class(size), class, "{size}");
        }
        let mut classes = std::collections::BTreeSet::new();
        for size in 1..=200_000usize {
            let class = size_class(size);
            assert!(class >= size, "{size}");
            classes.insert(class);
        }
        // Above 16 bytes: 12 classes up to 1 KiB, 7 more up to 128 KiB (mimalloc has ~60).
        assert_eq!(classes.range(17..=131_072).count(), 19);
    }

    /// Every layout gets a block of its alignment from either path, and `realloc` keeps the
    /// bytes and the alignment across both (small to over-aligned sizes and back).
    #[test]
    fn blocks_are_aligned_and_realloc_keeps_their_bytes() {
        use std::alloc::{GlobalAlloc, Layout};
        let a = &super::ALLOCATOR;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1usize, 7, 8, 15, 16, 17, 100, 5000, 70_000] {
                let Ok(layout) = Layout::from_size_align(size, align) else {
                    continue;
                };
                for new_size in [3usize, 16, 40, 9000, 100_000] {
                    // SAFETY: a non-zero size; the block is written within its size, reallocated
                    // once with the layout it has and freed once with its new layout.
                    unsafe {
                        let p = a.alloc(layout);
                        assert!(
                            !p.is_null() && (p as usize).is_multiple_of(align),
                            "{size} {align}"
                        );
                        for i in 0..size {
                            *p.add(i) = (i % 251) as u8;
                        }
                        let q = a.realloc(p, layout, new_size);
                        assert!(
                            !q.is_null() && (q as usize).is_multiple_of(align),
                            "{new_size} {align}"
                        );
                        for i in 0..size.min(new_size) {
                            assert_eq!(*q.add(i), (i % 251) as u8, "{size} → {new_size}");
                        }
                        a.dealloc(q, Layout::from_size_align_unchecked(new_size, align));
                    }
                }
            }
        }
        let z = Layout::from_size_align(64, 32).unwrap_or(Layout::new::<u8>());
        // SAFETY: a non-zero layout, freed once.
        unsafe {
            let p = a.alloc_zeroed(z);
            assert!((0..z.size()).all(|i| *p.add(i) == 0));
            a.dealloc(p, z);
        }
    }
}
