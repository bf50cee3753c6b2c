//! Rendering bounded: limits on output size, loop iterations, the size of a value a template
//! builds, component calls and time, each checked while the template renders, and a watchdog
//! for what no check sees.
//!
//! Where each limit is checked:
//! - output: the writer Tera renders into ([`BoundedWriter`]) counts every byte written;
//! - iterations: the `__iter` hook `instrument` puts around every loop's and list
//!   comprehension's iterable adds the number of items before the loop runs, so nested loops
//!   are stopped at the first inner loop over the limit, however little they print;
//! - value size: the `__size` hook around every `set` value (a string doubled in a loop);
//! - calls: the `__tick` hook at the start of every component body (recursion fanning out);
//! - time: every hook, every write and every wengao function checks the deadline;
//! - the watchdog ([`watch`], when [`Limits::watchdog`] is on): a thread that ends the process
//!   with a Chinese error when a render runs past its deadline by a second (a loop the hooks do
//!   not see) or the process grows past [`WATCHDOG_MEMORY`] while a template renders. A thread
//!   cannot be stopped from outside, so this is for the command line, where ending the process
//!   is the way out.

use crate::diagnostic::Diagnostic;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, Once, PoisonError};
use std::time::{Duration, Instant};

/// The limits of one render (see the module documentation for where each is checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of Markdown one report's template may write (default 16 MiB).
    pub output_bytes: usize,
    /// Loop and list-comprehension items over one render (default 200,000).
    pub iterations: u64,
    /// Bytes of one string (or items of one list or map) a `set` may hold (default 16 MiB).
    pub value_bytes: usize,
    /// Component calls over one render (default 100,000).
    pub calls: u64,
    /// Time one render may take (default 2 s).
    pub time: Duration,
    /// Run the watchdog (the command line turns it on; see [`watch`]).
    pub watchdog: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            output_bytes: 16 << 20,
            iterations: 200_000,
            value_bytes: 16 << 20,
            calls: 100_000,
            time: Duration::from_secs(2),
            watchdog: false,
        }
    }
}

/// The process size at which the watchdog stops a render (1 GiB).
pub const WATCHDOG_MEMORY: u64 = 1 << 30;

/// The extra time the watchdog allows past a render's deadline before ending the process.
const WATCHDOG_GRACE: Duration = Duration::from_secs(1);

/// What one render has used so far.
#[derive(Debug)]
pub(super) struct Budget {
    /// Its limits.
    limits: Limits,
    /// When rendering must stop.
    deadline: Instant,
    /// Output bytes written.
    output: AtomicUsize,
    /// Loop items counted.
    iterations: AtomicU64,
    /// Component calls counted.
    calls: AtomicU64,
}

impl Budget {
    /// A fresh budget; the clock starts now.
    pub fn new(limits: &Limits) -> Budget {
        Budget {
            deadline: Instant::now() + limits.time,
            limits: limits.clone(),
            output: AtomicUsize::new(0),
            iterations: AtomicU64::new(0),
            calls: AtomicU64::new(0),
        }
    }

    /// When rendering must stop.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// `E-TEMPLATE-LIMIT` once the deadline has passed.
    pub fn check_time(&self) -> Result<(), Diagnostic> {
        if Instant::now() > self.deadline {
            return Err(limit(
                format!("模板渲染超过 {} 秒，已停止", self.limits.time.as_secs_f64()),
                "模板里可能有死循环或层层嵌套的循环；请检查这一行附近的 for 循环和组件",
            ));
        }
        Ok(())
    }

    /// Counts `bytes` more of output.
    pub fn output(&self, bytes: usize) -> Result<(), Diagnostic> {
        let total = self.output.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if total > self.limits.output_bytes {
            return Err(limit(
                format!(
                    "模板输出超过上限 {}，已停止渲染",
                    size_text(self.limits.output_bytes as u64)
                ),
                "一份报告的正文不会这么长：请检查模板里的循环是否在反复输出同样的内容",
            ));
        }
        self.check_time()
    }

    /// Counts a loop over `items` items.
    pub fn iterations(&self, items: u64) -> Result<(), Diagnostic> {
        let total = self
            .iterations
            .fetch_add(items, Ordering::Relaxed)
            .saturating_add(items);
        if total > self.limits.iterations {
            return Err(limit(
                format!(
                    "模板中的循环累计超过 {} 次，已停止渲染",
                    self.limits.iterations
                ),
                "请检查这一行的循环：range() 的范围是否过大，循环是否层层嵌套",
            ));
        }
        self.check_time()
    }

    /// Checks the size of a value a `set` stores (`bytes` of a string, items of a list or map).
    pub fn value(&self, size: usize) -> Result<(), Diagnostic> {
        if size > self.limits.value_bytes {
            return Err(limit(
                format!(
                    "模板中 set 的值超过上限 {}，已停止渲染",
                    size_text(self.limits.value_bytes as u64)
                ),
                "请检查这一行：是否在循环中反复把字符串或列表接长（如 set_global s = s ~ s）",
            ));
        }
        self.check_time()
    }

    /// How far a value needs measuring to know whether it is over the limit.
    pub fn value_cap(&self) -> usize {
        self.limits.value_bytes.saturating_add(1)
    }

    /// Counts one component call.
    pub fn call(&self) -> Result<(), Diagnostic> {
        let total = self.calls.fetch_add(1, Ordering::Relaxed) + 1;
        if total > self.limits.calls {
            return Err(limit(
                format!(
                    "模板中的组件累计调用超过 {} 次，已停止渲染",
                    self.limits.calls
                ),
                "请检查组件是否在自身中反复调用自己（递归）",
            ));
        }
        self.check_time()
    }
}

/// `E-TEMPLATE-LIMIT` with its message and hint (placed at the template line by compose).
fn limit(message: String, hint: &str) -> Diagnostic {
    Diagnostic::error("E-TEMPLATE-LIMIT", message).hint(hint)
}

/// `16 MB`.
fn size_text(bytes: u64) -> String {
    format!("{} MB", bytes >> 20)
}

/// The size a `set` hook measures: bytes of a string, items of a list or map (nested lists and
/// maps counted item by item, strings in them by bytes), stopping once past `cap`.
pub(super) fn value_size(v: &tera::Value, cap: usize) -> usize {
    if let Some(s) = v.as_str() {
        return s.len();
    }
    if let Some(items) = v.as_array() {
        let mut total = items.len();
        for item in items.iter() {
            if total > cap {
                break;
            }
            total = total.saturating_add(value_size(item, cap));
        }
        return total;
    }
    if let Some(map) = v.as_map() {
        let mut total = map.len();
        for item in map.values() {
            if total > cap {
                break;
            }
            total = total.saturating_add(value_size(item, cap));
        }
        return total;
    }
    0
}

/// A writer that counts what Tera writes against the budget and stops the render past it.
pub(super) struct BoundedWriter<'a, F: Fn(Diagnostic)> {
    /// Where the Markdown goes.
    pub out: &'a mut Vec<u8>,
    /// The render's budget.
    pub budget: &'a Budget,
    /// Records why the render stopped (Tera only passes the I/O error on).
    pub stopped: F,
}

impl<F: Fn(Diagnostic)> std::io::Write for BoundedWriter<'_, F> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Err(d) = self.budget.output(buf.len()) {
            (self.stopped)(d);
            return Err(std::io::Error::other("E-TEMPLATE-LIMIT"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A render the watchdog is watching: (id, deadline, what is rendered).
type Active = (u64, Instant, String);

/// The renders under way, for the watchdog.
static ACTIVE: Mutex<Vec<Active>> = Mutex::new(Vec::new());
/// Ids for [`ACTIVE`].
static NEXT_ID: AtomicU64 = AtomicU64::new(0);
/// Starts the watchdog thread once.
static WATCHDOG: Once = Once::new();

/// Watches one render until dropped.
pub(super) struct Watch(Option<u64>);

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(id) = self.0 {
            ACTIVE
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .retain(|a| a.0 != id);
        }
    }
}

/// Puts the render of `what` under the watchdog until the returned guard is dropped (nothing
/// when `limits.watchdog` is off). Past `deadline` plus a second, or with the process over
/// [`WATCHDOG_MEMORY`], the watchdog prints `E-TEMPLATE-LIMIT` naming `what` and ends the
/// process with exit code 2.
pub(super) fn watch(limits: &Limits, what: &str, deadline: Instant) -> Watch {
    if !limits.watchdog {
        return Watch(None);
    }
    WATCHDOG.call_once(|| {
        // Unnamed: std copies a thread's name on the new thread, and that one allocation would
        // give the thread its own allocator segment, a 2 MB huge page the kernel zeroes
        // (~0.3 ms of a one-file render) for a thread that sleeps through it.
        let _ = std::thread::Builder::new().spawn(watchdog);
    });
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    ACTIVE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push((id, deadline, what.to_string()));
    Watch(Some(id))
}

/// The watchdog thread: every 50 ms, looks for a render past its deadline or a process too big.
fn watchdog() {
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let active = ACTIVE
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let Some(first) = active.first() else {
            continue;
        };
        let now = Instant::now();
        let overdue = active.iter().find(|a| now > a.1 + WATCHDOG_GRACE);
        let message = if let Some(a) = overdue {
            Some(format!(
                "{} 的模板渲染超过时限仍未结束（模板里可能有不输出任何内容的死循环），已停止",
                a.2
            ))
        } else if resident_bytes().is_some_and(|b| b > WATCHDOG_MEMORY) {
            Some(format!(
                "{} 的模板渲染占用内存超过 {}，已停止",
                first.2,
                size_text(WATCHDOG_MEMORY)
            ))
        } else {
            None
        };
        if let Some(message) = message {
            let d = limit(
                message,
                "请检查模板里的循环和 set：是否层层嵌套、是否在循环中把字符串或列表反复接长",
            );
            eprintln!("{}", crate::report_diagnostics::human(&d, &[], false));
            std::process::exit(i32::from(crate::diagnostic::EXIT_INPUT));
        }
    }
}

/// The process's resident memory (Linux; `None` elsewhere).
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    pages.checked_mul(4096)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_stops_with_its_message() {
        let limits = Limits {
            output_bytes: 10,
            iterations: 5,
            value_bytes: 8,
            calls: 2,
            ..Limits::default()
        };
        let b = Budget::new(&limits);
        assert!(b.output(10).is_ok());
        let d = b.output(1).expect_err("output");
        assert_eq!(d.code, "E-TEMPLATE-LIMIT");
        assert_eq!(d.message, "模板输出超过上限 0 MB，已停止渲染");
        assert!(b.iterations(5).is_ok());
        assert_eq!(
            b.iterations(1).expect_err("loops").message,
            "模板中的循环累计超过 5 次，已停止渲染"
        );
        assert!(b.value(8).is_ok() && b.value(9).is_err());
        assert!(b.call().is_ok() && b.call().is_ok() && b.call().is_err());
        let late = Budget::new(&Limits {
            time: Duration::ZERO,
            ..Limits::default()
        });
        std::thread::sleep(Duration::from_millis(2));
        assert_eq!(
            late.check_time().expect_err("late").message,
            "模板渲染超过 0 秒，已停止"
        );
    }

    #[test]
    fn value_size_counts_nested_items_and_stops_early() {
        let v = tera::Value::from(vec![tera::Value::from("abcd"), tera::Value::from("ef")]);
        assert_eq!(value_size(&v, 100), 2 + 4 + 2);
        assert_eq!(value_size(&tera::Value::from("你好"), 100), 6);
    }
}
