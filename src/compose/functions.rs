//! The state behind the template functions of one render, and their registration.
//!
//! One parsed template set serves many reports, from several threads at once, so functions are
//! registered once per parsed set and find the report they print through a per-thread slot:
//! [`enter`] puts the render's [`Shared`] there for the length of the render. Each figure
//! function (see `figures`) prints through `Shared::emit`: the printed text is recorded as a
//! [`FigureRef`] (key, source, pending) and the template receives a marker in its place, so the
//! document knows where every number came from. A failing function records a Chinese
//! diagnostic (`Shared::fail`) and returns a bare Tera error; compose then places the recorded
//! diagnostic at the template line Tera reports. The budget hooks (`__iter`, `__size`,
//! `__tick`, see `instrument`) are registered here too.

use super::anchor::Anchor;
use super::budget::{self, Budget};
use crate::catalogue::Catalogue;
use crate::diagnostic::{Diagnostic, Location};
use crate::document::{FigureRef, Marker};
use crate::model::{Qualifier, Report};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, MutexGuard};
use tera::{Kwargs, State, Tera, Value};

/// A figure as the functions (and the `figures` context) see it: its value with the catalogue's
/// unit and name, read once per figure.
pub(super) struct Entry {
    /// The exact value; `None` while pending.
    pub value: Option<Decimal>,
    /// The catalogue unit (empty for a figure the catalogue does not know).
    pub unit: String,
    /// The catalogue name (empty for a figure the catalogue does not know).
    pub name: String,
    /// Where the value was written; `None` for computed figures.
    pub source: Option<Location>,
    /// The approximation word written with it (约200), printed in place by `fig`.
    pub qualifier: Option<Qualifier>,
    /// The catalogue knows the figure.
    pub in_catalogue: bool,
}

/// What the functions produced while rendering.
#[derive(Default)]
pub(super) struct Collected {
    /// Every figure printed, in order; `Marker::Figure(n)` indexes this.
    pub figures: Vec<FigureRef>,
    /// Warnings (figures missing from the report, zero denominators).
    pub warnings: Vec<Diagnostic>,
    /// Every figure key a function read (printed, or used to compute what was printed).
    pub used: BTreeSet<String>,
    /// Why rendering stopped, when a function, hook or the output limit stopped it.
    pub failure: Option<Diagnostic>,
}

/// The data one render's functions read and what they collect.
pub(super) struct Shared {
    /// The report's figures with their catalogue entries.
    pub(super) figures: BTreeMap<String, Entry>,
    /// The previous-period figures with their catalogue entries.
    pub(super) previous: BTreeMap<String, Entry>,
    /// The catalogue figures the report's figures do not hold, for figures a template uses
    /// but the report lacks: (unit, name).
    known: BTreeMap<String, (String, String)>,
    /// The tables `table(id=…)` may place.
    pub(super) table_ids: Vec<String>,
    /// `--final`: placeholders and figures missing from the report are errors.
    pub(super) final_: bool,
    /// The render's limits and what it has used.
    pub(super) budget: Budget,
    /// What the functions produce; Tera calls them through shared references.
    collected: Mutex<Collected>,
}

/// What a template function returns.
pub(super) type Res = tera::TeraResult<String>;

impl Shared {
    /// Reads the report's figures and previous-period figures with their catalogue entries, and
    /// every other catalogue key with its unit and name, for figures a template uses but the
    /// report lacks (`W-TEMPLATE-MISSING`) and for “did you mean”.
    pub fn new(
        report: &Report,
        catalogue: &Catalogue,
        table_ids: &[String],
        final_: bool,
        budget: Budget,
    ) -> Shared {
        // Both maps are sorted by key: each figure finds its catalogue entry in one walk.
        let entries =
            |figures: &BTreeMap<String, crate::model::Figure>| -> BTreeMap<String, Entry> {
                let mut defs = catalogue.figures.iter().peekable();
                figures
                    .iter()
                    .map(|(k, f)| {
                        while defs.next_if(|(d, _)| d.as_str() < k.as_str()).is_some() {}
                        let def = defs.next_if(|(d, _)| *d == k).map(|(_, d)| d);
                        (
                            k.clone(),
                            Entry {
                                value: f.value.decimal(),
                                unit: def.map(|d| d.unit.clone()).unwrap_or_default(),
                                name: def.map(|d| d.name.clone()).unwrap_or_default(),
                                source: f.origin.location().cloned(),
                                qualifier: f.qualifier,
                                in_catalogue: def.is_some(),
                            },
                        )
                    })
                    .collect()
            };
        let mut written = report.figures.keys().peekable();
        let known = catalogue
            .figures
            .iter()
            .filter(|(k, _)| {
                while written.next_if(|w| w.as_str() < k.as_str()).is_some() {}
                written.next_if(|w| w == k).is_none()
            })
            .map(|(k, d)| (k.clone(), (d.unit.clone(), d.name.clone())))
            .collect();
        Shared {
            figures: entries(&report.figures),
            previous: entries(&report.previous),
            known,
            table_ids: table_ids.to_vec(),
            final_,
            budget,
            collected: Mutex::new(Collected::default()),
        }
    }

    /// The collected state; a poisoned lock (a panicking function) is recovered, not propagated.
    fn lock(&self) -> MutexGuard<'_, Collected> {
        self.collected
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Takes everything collected so far.
    pub fn take(&self) -> Collected {
        std::mem::take(&mut *self.lock())
    }

    /// Records `d` as the reason rendering stops (the first reason wins).
    pub fn record(&self, d: Diagnostic) {
        let mut c = self.lock();
        if c.failure.is_none() {
            c.failure = Some(d);
        }
    }

    /// Records `d` as the reason rendering stops and returns the error Tera propagates.
    pub(super) fn fail(&self, d: Diagnostic) -> tera::Error {
        let e = tera::Error::message(d.message.clone());
        self.record(d);
        e
    }

    /// Adds a warning.
    pub(super) fn warn(&self, d: Diagnostic) {
        self.lock().warnings.push(d);
    }

    /// Records a printed figure with its anchor (the call that printed it, and its name) and
    /// returns its marker.
    pub(super) fn emit(
        &self,
        text: String,
        key: &str,
        source: Option<Location>,
        pending: bool,
        anchor: Anchor,
    ) -> String {
        let mut c = self.lock();
        c.figures.push(FigureRef {
            text,
            key: key.to_string(),
            source,
            pending,
            anchor: anchor.call,
            name: anchor.name,
        });
        Marker::Figure(c.figures.len() - 1).encode()
    }

    /// The Chinese name of a figure as readers know it (the key when neither the report, its
    /// previous period nor the catalogue names it): what its anchor is titled with.
    pub(super) fn label_of(&self, key: &str) -> String {
        self.figures
            .get(key)
            .or_else(|| self.previous.get(key))
            .map(|e| e.name.clone())
            .filter(|n| !n.is_empty())
            .or_else(|| self.known.get(key).map(|(_, n)| n.clone()))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| key.to_string())
    }

    /// The catalogue name of `key` (empty when unknown).
    pub(super) fn name_of(&self, key: &str) -> String {
        self.figures
            .get(key)
            .map(|e| e.name.clone())
            .or_else(|| self.known.get(key).map(|(_, n)| n.clone()))
            .unwrap_or_default()
    }

    /// The closest known key to `key`, for "did you mean".
    pub(super) fn suggest(&self, key: &str) -> Option<String> {
        self.figures
            .keys()
            .chain(self.known.keys())
            .map(|k| (strsim::normalized_damerau_levenshtein(key, k), k))
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, k)| k.clone())
    }

    /// Records `key` as used without printing it.
    pub(super) fn note_used(&self, key: &str) {
        self.lock().used.insert(key.to_string());
    }

    /// Whether `key` is a figure of the report or of the catalogue.
    pub(super) fn is_known(&self, key: &str) -> bool {
        self.figures.contains_key(key) || self.known.contains_key(key)
    }

    /// Looks a figure up; an unknown key is a template error, a catalogue figure the report
    /// lacks prints `XX` with `W-TEMPLATE-MISSING` (an error under `--final`).
    pub(super) fn lookup(&self, key: &str) -> Result<Looked<'_>, tera::Error> {
        self.budget.check_time().map_err(|d| self.fail(d))?;
        self.lock().used.insert(key.to_string());
        if let Some(e) = self.figures.get(key) {
            return Ok(Looked {
                value: e.value,
                unit: &e.unit,
                source: e.source.clone(),
                qualifier: e.qualifier,
            });
        }
        if let Some((unit, name)) = self.known.get(key) {
            if self.final_ {
                return Err(self.fail(
                    Diagnostic::error(
                        "E-FINAL-FIGURE",
                        format!(
                            "定稿检查：模板要写指标“{key}”（{name}），但指标文件中没有这个指标"
                        ),
                    )
                    .figure(name.clone())
                    .hint(format!(
                        "请在指标文件的 figures 中填写 {key}，或在模板中去掉这一处"
                    )),
                ));
            }
            self.warn(
                Diagnostic::warning(
                    "W-TEMPLATE-MISSING",
                    format!(
                        "模板用到指标“{key}”（{name}），但指标文件中没有这个指标，按待填（XX）输出"
                    ),
                )
                .figure(name.clone())
                .hint(format!("请在指标文件的 figures 中填写 {key}")),
            );
            return Ok(Looked {
                value: None,
                unit,
                source: None,
                qualifier: None,
            });
        }
        Err(self.fail(unknown_figure(
            key,
            self.suggest(key),
            &self.name_of_suggestion(key),
        )))
    }

    /// The name of the key [`Shared::suggest`] proposes for `key`.
    fn name_of_suggestion(&self, key: &str) -> String {
        self.suggest(key)
            .map(|s| self.name_of(&s))
            .unwrap_or_default()
    }

    /// Looks up a previous-period figure (for `fig(key=…, previous=true)`).
    pub(super) fn lookup_previous(&self, key: &str) -> Result<Looked<'_>, tera::Error> {
        self.lookup(key)?;
        if let Some(e) = self.previous.get(key) {
            return Ok(Looked {
                value: e.value,
                unit: &e.unit,
                source: e.source.clone(),
                qualifier: e.qualifier,
            });
        }
        Err(self.fail(
            Diagnostic::error(
                "E-TEMPLATE-PREVIOUS",
                format!("模板要写指标“{key}”的上年同期数，但指标文件没有填写"),
            )
            .hint(format!("请在 previous 中填写 {key}")),
        ))
    }

    /// `E-TEMPLATE-ARG`: a function was called with a wrong or missing argument.
    pub(super) fn bad_argument(&self, function: &str, message: String) -> tera::Error {
        self.fail(
            Diagnostic::error(
                "E-TEMPLATE-ARG",
                format!("模板函数 {function} 的参数有误：{message}"),
            )
            .hint("请对照 README 中“模板函数”一节检查参数"),
        )
    }
}

/// `E-TEMPLATE-FIGURE` for a key neither the report nor the catalogue knows, with the closest
/// key (and its name) as "did you mean".
pub(super) fn unknown_figure(key: &str, suggestion: Option<String>, name: &str) -> Diagnostic {
    let d = Diagnostic::error("E-TEMPLATE-FIGURE", format!("模板引用了未知指标“{key}”"));
    match suggestion {
        Some(s) if name.is_empty() => d.hint(format!("是不是“{s}”？")),
        Some(s) => d.hint(format!("是不是“{s}”（{name}）？")),
        None => d.hint("指标目录和指标文件中都没有相近的键名，请检查拼写"),
    }
}

/// A figure found for a function: its value (`None` while pending), unit and source.
pub(super) struct Looked<'a> {
    /// `None` while pending.
    pub value: Option<Decimal>,
    /// The catalogue unit.
    pub unit: &'a str,
    /// Where the value was written.
    pub source: Option<Location>,
    /// The approximation word written with the figure.
    pub qualifier: Option<Qualifier>,
}

thread_local! {
    /// The render under way on this thread.
    static CURRENT: RefCell<Option<Arc<Shared>>> = const { RefCell::new(None) };
}

/// Makes `shared` the render the functions on this thread print for, until the guard drops.
pub(super) fn enter(shared: Arc<Shared>) -> Entered {
    CURRENT.with(|c| *c.borrow_mut() = Some(shared));
    Entered
}

/// While alive, the functions on this thread print for one render.
pub(super) struct Entered;

impl Drop for Entered {
    fn drop(&mut self) {
        CURRENT.with(|c| *c.borrow_mut() = None);
    }
}

/// Runs `f` with the render under way on this thread.
pub(super) fn current<R>(f: impl FnOnce(&Shared) -> tera::TeraResult<R>) -> tera::TeraResult<R> {
    match CURRENT.with(|c| c.borrow().clone()) {
        Some(s) => f(&s),
        None => Err(tera::Error::message("模板函数只能在 wengao 渲染报告时调用")),
    }
}

/// The names of the functions and filters wengao registers (for "did you mean" and checks).
pub(crate) const FUNCTIONS: &[&str] = &[
    "fig",
    "yoy",
    "points",
    "ratio",
    "progress",
    "table",
    "title",
    "signoff",
    "attachment",
    "placeholder",
    "range",
    "throw",
];

/// The filters wengao adds to Tera's own.
pub(crate) const FILTERS: &[&str] = &["cn", "wan", "yi", "num"];

/// The functions that take figure keys, and the arguments that hold them.
pub(super) const KEY_ARGUMENTS: &[(&str, &[&str])] = &[
    ("fig", &["key"]),
    ("yoy", &["key", "growth"]),
    ("points", &["a", "b"]),
    ("ratio", &["num", "den"]),
    ("progress", &["key", "target", "rate"]),
];

/// Registers every wengao function and budget hook on `tera` (the filters: `filters::register`).
pub(super) fn register(tera: &mut Tera) {
    tera.register_function("fig", |kw: Kwargs, _: &State| current(|s| s.fig(&kw)));
    tera.register_function("yoy", |kw: Kwargs, _: &State| current(|s| s.yoy(&kw)));
    tera.register_function("points", |kw: Kwargs, _: &State| current(|s| s.points(&kw)));
    tera.register_function("ratio", |kw: Kwargs, _: &State| current(|s| s.ratio(&kw)));
    tera.register_function("progress", |kw: Kwargs, _: &State| {
        current(|s| s.progress(&kw))
    });
    tera.register_function("table", |kw: Kwargs, _: &State| current(|s| s.table(&kw)));
    tera.register_function("placeholder", |kw: Kwargs, _: &State| {
        current(|s| s.placeholder(&kw))
    });
    tera.register_function("title", |_: Kwargs, _: &State| Marker::Title.encode());
    tera.register_function("signoff", |_: Kwargs, _: &State| Marker::SignOff.encode());
    tera.register_function("attachment", |kw: Kwargs, _: &State| -> Res {
        let title = kw.get::<&str>("title")?.unwrap_or_default();
        Ok(Marker::Attachment(title.to_string()).encode())
    });
    tera.register_function("__iter", |kw: Kwargs, _: &State| {
        current(|s| {
            let v = kw.get::<Value>("v")?.unwrap_or_else(Value::none);
            let items = v.len().unwrap_or(0) as u64;
            s.budget.iterations(items).map_err(|d| s.fail(d))?;
            Ok(v)
        })
    });
    tera.register_function("__size", |kw: Kwargs, _: &State| {
        current(|s| {
            let v = kw.get::<Value>("v")?.unwrap_or_else(Value::none);
            let cap = s.budget_value_cap();
            s.budget
                .value(budget::value_size(&v, cap))
                .map_err(|d| s.fail(d))?;
            Ok(v)
        })
    });
    tera.register_function("__tick", |_: Kwargs, _: &State| {
        current(|s| {
            s.budget
                .call()
                .map(|()| String::new())
                .map_err(|d| s.fail(d))
        })
    });
}

impl Shared {
    /// How far `__size` measures a value (just past the limit is enough to refuse it).
    fn budget_value_cap(&self) -> usize {
        self.budget.value_cap()
    }
}
