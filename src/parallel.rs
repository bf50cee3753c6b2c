//! Running independent jobs on several threads while handing their results back in input order.
//!
//! Workers (`std::thread::scope`, an atomic work index) take the next job as they become free; the
//! calling thread receives each result as it finishes and passes them on strictly in input order,
//! so what a caller prints or decides never depends on scheduling. Results that finish early wait
//! in a small reorder buffer; workers never run more than [`AHEAD`] jobs past the oldest
//! unfinished one, so the buffer stays bounded however many jobs there are.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// How far (in jobs) workers may run ahead of the oldest result not yet handed on.
pub const AHEAD: usize = 64;

/// The number of worker threads to use for `jobs` jobs: `requested`, else the machine's
/// available parallelism, never more than the jobs and never less than one. The machine is not
/// asked when one thread is the answer anyway: on Linux, asking reads three files under
/// `/proc` and `/sys` (the cgroup's CPU quota), a measurable share of a one-file run.
pub fn threads(requested: Option<usize>, jobs: usize) -> usize {
    if jobs <= 1 {
        return 1;
    }
    let wanted = requested
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get));
    wanted.min(jobs).max(1)
}

/// What the calling thread hears from [`ordered`].
#[derive(Debug)]
pub enum Event<R> {
    /// Some job finished (any order); this many so far.
    Finished(usize),
    /// The next result, in input order.
    Result(R),
}

/// Runs `work` on every item with `threads` workers and calls `event` on the calling thread: a
/// [`Event::Finished`] each time any job finishes, and each result in input order. With one
/// thread the jobs run on the calling thread, one after another.
/// A panicking job is a bug in wengao; it propagates once the other workers have stopped.
pub fn ordered<T, R, W, E>(items: &[T], threads: usize, work: W, mut event: E)
where
    T: Sync,
    R: Send,
    W: Fn(usize, &T) -> R + Sync,
    E: FnMut(Event<R>),
{
    if items.is_empty() {
        return;
    }
    if threads <= 1 {
        // One worker: the calling thread does the work itself (no thread to start and stop,
        // which is a measurable share of a one-file run).
        for (i, item) in items.iter().enumerate() {
            let result = work(i, item);
            event(Event::Finished(i + 1));
            event(Event::Result(result));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let aborted = AtomicBool::new(false);
    // The oldest index not yet delivered: workers wait while they would run too far ahead.
    let cursor = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let tx = tx.clone();
            let (next, cursor, work, aborted) = (&next, &cursor, &work, &aborted);
            scope.spawn(move || {
                let _guard = WakeOnPanic { aborted, cursor };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        break;
                    }
                    {
                        let (lock, wake) = cursor;
                        let mut oldest = lock.lock().unwrap_or_else(|p| p.into_inner());
                        while i >= *oldest + AHEAD && !aborted.load(Ordering::Relaxed) {
                            oldest = wake.wait(oldest).unwrap_or_else(|p| p.into_inner());
                        }
                    }
                    if aborted.load(Ordering::Relaxed) {
                        break;
                    }
                    if tx.send((i, work(i, &items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut expected = 0usize;
        let mut done = 0usize;
        for (i, result) in rx {
            done += 1;
            event(Event::Finished(done));
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&expected) {
                event(Event::Result(result));
                expected += 1;
            }
            let (lock, wake) = &cursor;
            *lock.lock().unwrap_or_else(|p| p.into_inner()) = expected;
            wake.notify_all();
        }
    });
}

/// Wakes the waiting workers if a job panics (its result will never come, so the cursor would
/// never move); they stop, and the scope then propagates the panic.
struct WakeOnPanic<'a> {
    aborted: &'a AtomicBool,
    cursor: &'a (Mutex<usize>, Condvar),
}

impl Drop for WakeOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.aborted.store(true, Ordering::Relaxed);
            let _lock = self.cursor.0.lock().unwrap_or_else(|p| p.into_inner());
            self.cursor.1.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_thread_works_on_the_calling_thread_in_order() {
        let caller = std::thread::current().id();
        let items = [3u32, 1, 2];
        let mut events = Vec::new();
        ordered(
            &items,
            1,
            |i, x| {
                assert_eq!(std::thread::current().id(), caller);
                (i, x * 10)
            },
            |e| events.push(format!("{e:?}")),
        );
        assert_eq!(
            events,
            [
                "Finished(1)",
                "Result((0, 30))",
                "Finished(2)",
                "Result((1, 10))",
                "Finished(3)",
                "Result((2, 20))"
            ]
        );
    }

    #[test]
    fn results_come_in_input_order_whatever_finishes_first() {
        let items: Vec<u64> = (0..200).collect();
        let mut got = Vec::new();
        let mut finished = 0;
        ordered(
            &items,
            4,
            |i, x| {
                // Early items are slow: later ones finish first.
                if i < 4 {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                x * 2
            },
            |e| match e {
                Event::Finished(n) => finished = n,
                Event::Result(r) => got.push((got.len(), r)),
            },
        );
        assert_eq!(finished, 200);
        assert_eq!(
            got,
            items
                .iter()
                .map(|&x| (x as usize, x * 2))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn thread_counts() {
        assert_eq!(threads(Some(8), 3), 3);
        assert_eq!(threads(Some(2), 100), 2);
        assert_eq!(threads(None, 0), 1);
        assert_eq!(threads(None, 1), 1);
        assert_eq!(threads(Some(4), 1), 1);
        assert_eq!(threads(Some(0), 10), 1);
        let machine = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        assert_eq!(threads(None, 1000), machine.min(1000));
    }
}
