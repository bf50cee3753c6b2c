//! The template functions and filters that print figures (with provenance markers) and numbers.
//!
//! Each figure function prints through `Shared::emit`: the printed text is recorded as a
//! [`FigureRef`] (key, source, pending) and the template receives a marker in its place, so the
//! document knows where every number came from. Tera calls functions through shared
//! references, so what they collect sits behind a mutex. A failing function records a Chinese
//! diagnostic (`Shared::fail`) and returns a bare Tera error; compose then places the recorded
//! diagnostic at the template line Tera reports.

use super::ComposeOptions;
use super::anchor::Anchor;
use crate::catalogue::Catalogue;
use crate::diagnostic::{Diagnostic, Location};
use crate::document::{FigureRef, Marker};
use crate::model::{Qualifier, Report};
use crate::numbers::{self, Scale};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
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
}

/// What the functions produced while rendering.
#[derive(Default)]
pub(super) struct Collected {
    /// Every figure printed, in order; `Marker::Figure(n)` indexes this.
    pub figures: Vec<FigureRef>,
    /// Warnings (figures known to the catalogue but missing from the report).
    pub warnings: Vec<Diagnostic>,
    /// Why rendering stopped, when a function failed (Tera only carries a message).
    pub failure: Option<Diagnostic>,
}

/// The data the functions read (the report's figures, the catalogue) and what they collect.
pub(super) struct Shared {
    /// The report's figures with their catalogue entries.
    figures: BTreeMap<String, Entry>,
    /// The previous-period figures with their catalogue entries.
    previous: BTreeMap<String, Entry>,
    /// Catalogue figures the report has no value for: (unit, name).
    known: BTreeMap<String, (String, String)>,
    /// The tables `table(id=…)` may place.
    table_ids: Vec<String>,
    /// What the functions produce; Tera calls them through shared references.
    collected: Mutex<Collected>,
}

/// What a template function returns.
type Res = tera::TeraResult<String>;

impl Shared {
    /// Reads the report's figures and previous-period figures with their catalogue entries (one
    /// lookup per figure), and every catalogue key with its unit and name, for figures a template
    /// uses but the report lacks (`W-TEMPLATE-MISSING`) and for “did you mean”.
    pub fn new(report: &Report, catalogue: &Catalogue, options: &ComposeOptions) -> Shared {
        let entries =
            |figures: &BTreeMap<String, crate::model::Figure>| -> BTreeMap<String, Entry> {
                figures
                    .iter()
                    .map(|(k, f)| {
                        let def = catalogue.get(k);
                        (
                            k.clone(),
                            Entry {
                                value: f.value.decimal(),
                                unit: def.map(|d| d.unit.clone()).unwrap_or_default(),
                                name: def.map(|d| d.name.clone()).unwrap_or_default(),
                                source: f.origin.location().cloned(),
                                qualifier: f.qualifier,
                            },
                        )
                    })
                    .collect()
            };
        let figures = entries(&report.figures);
        let previous = entries(&report.previous);
        let known = catalogue
            .figures
            .iter()
            .map(|(k, d)| (k.clone(), (d.unit.clone(), d.name.clone())))
            .collect();
        Shared {
            figures,
            previous,
            known,
            table_ids: options.table_ids.clone(),
            collected: Mutex::new(Collected::default()),
        }
    }

    /// The current-period figures by key.
    pub fn figures(&self) -> &BTreeMap<String, Entry> {
        &self.figures
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

    /// Takes the diagnostic of the function that stopped rendering, if one did.
    pub fn take_failure(&self) -> Option<Diagnostic> {
        self.lock().failure.take()
    }

    /// Records `d` as the reason rendering stops and returns the error Tera propagates.
    fn fail(&self, d: Diagnostic) -> tera::Error {
        let e = tera::Error::message(d.message.clone());
        self.lock().failure = Some(d);
        e
    }

    /// Records a printed figure and returns its marker.
    fn emit(
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

    /// The Chinese name of a figure (the key when neither the report nor the catalogue names it).
    fn name_of(&self, key: &str) -> String {
        self.figures
            .get(key)
            .or_else(|| self.previous.get(key))
            .map(|e| e.name.clone())
            .filter(|n| !n.is_empty())
            .or_else(|| self.known.get(key).map(|(_, n)| n.clone()))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| key.to_string())
    }

    /// The closest known key to `key`, for "did you mean".
    fn suggest(&self, key: &str) -> Option<String> {
        self.figures
            .keys()
            .chain(self.known.keys())
            .map(|k| (strsim::normalized_damerau_levenshtein(key, k), k))
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, k)| k.clone())
    }

    /// Looks up a previous-period figure (for `fig(key=…, previous=true)`).
    fn lookup_previous(&self, key: &str) -> Result<Looked<'_>, tera::Error> {
        if let Some(e) = self.previous.get(key) {
            return Ok(Looked {
                value: e.value,
                unit: &e.unit,
                source: e.source.clone(),
                qualifier: e.qualifier,
            });
        }
        self.lookup(key)?;
        Err(self.fail(
            Diagnostic::error(
                "E-TEMPLATE-PREVIOUS",
                format!("模板要写指标“{key}”的上年同期数，但指标文件没有填写"),
            )
            .hint(format!("请在 previous 中填写 {key}")),
        ))
    }

    /// Looks a figure up; an unknown key is a template error.
    fn lookup(&self, key: &str) -> Result<Looked<'_>, tera::Error> {
        if let Some(e) = self.figures.get(key) {
            return Ok(Looked {
                value: e.value,
                unit: &e.unit,
                source: e.source.clone(),
                qualifier: e.qualifier,
            });
        }
        if let Some((unit, name)) = self.known.get(key) {
            self.lock().warnings.push(
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
        let mut d = Diagnostic::error("E-TEMPLATE-FIGURE", format!("模板引用了未知指标“{key}”"));
        d = match self.suggest(key) {
            Some(s) => {
                let name = self
                    .figures
                    .get(&s)
                    .map(|e| e.name.clone())
                    .or_else(|| self.known.get(&s).map(|(_, n)| n.clone()))
                    .unwrap_or_default();
                if name.is_empty() {
                    d.hint(format!("是不是“{s}”？"))
                } else {
                    d.hint(format!("是不是“{s}”（{name}）？"))
                }
            }
            None => d.hint("指标目录和指标文件中都没有相近的键名，请检查拼写"),
        };
        Err(self.fail(d))
    }

    /// `E-TEMPLATE-ARG`: a function was called with a wrong or missing argument.
    fn bad_argument(&self, function: &str, message: String) -> tera::Error {
        self.fail(
            Diagnostic::error(
                "E-TEMPLATE-ARG",
                format!("模板函数 {function} 的参数有误：{message}"),
            )
            .hint("请对照 README 中“模板函数”一节检查参数"),
        )
    }

    /// A required key argument (`key="…"`, `a=`, `num=` …).
    fn key_arg<'k>(
        &self,
        kw: &'k Kwargs,
        function: &str,
        name: &'k str,
    ) -> Result<&'k str, tera::Error> {
        match kw.get::<&str>(name) {
            Ok(Some(k)) => Ok(k),
            _ => Err(self.bad_argument(function, format!("缺少 {name}=\"指标键名\""))),
        }
    }

    /// The `dp` argument: 0–10 decimals, `default` when absent.
    fn dp_arg(&self, kw: &Kwargs, function: &str, default: u32) -> Result<u32, tera::Error> {
        match kw.get::<u32>("dp") {
            Ok(Some(dp)) if dp <= 10 => Ok(dp),
            Ok(None) => Ok(default),
            _ => Err(self.bad_argument(function, "dp 应为 0 到 10 的整数".to_string())),
        }
    }

    /// A boolean argument, `default` when absent.
    fn flag(
        &self,
        kw: &Kwargs,
        function: &str,
        name: &str,
        default: bool,
    ) -> Result<bool, tera::Error> {
        kw.get::<bool>(name)
            .map(|v| v.unwrap_or(default))
            .map_err(|_| self.bad_argument(function, format!("{name} 应为 true 或 false")))
    }

    /// `fig(key=…)`: a figure as written, or rescaled (万/亿), rounded, with its unit.
    ///
    /// `{{ fig(key="jumin_jiuzhen_renci", scale="万", dp=1, unit=true) }}` prints `228.5万人次`
    /// for 2285000 人次; without `scale` or `dp` the value prints exactly as written (`100.00`
    /// stays `100.00`); `previous=true` prints the previous period's value. A pending figure
    /// prints `XX` (with the rescaled unit when asked). The marker keeps the key and source.
    fn fig(&self, kw: &Kwargs) -> Res {
        let key = self.key_arg(kw, "fig", "key")?;
        let f = if self.flag(kw, "fig", "previous", false)? {
            self.lookup_previous(key)?
        } else {
            self.lookup(key)?
        };
        let with_unit = self.flag(kw, "fig", "unit", false)?;
        let trim = self.flag(kw, "fig", "trim", true)?;
        let dp = match kw.get::<u32>("dp") {
            Ok(v) => v,
            Err(_) => return Err(self.bad_argument("fig", "dp 应为整数".to_string())),
        };
        let scale = match kw.get::<&str>("scale") {
            Ok(Some(s)) => Some(Scale::parse(s).ok_or_else(|| {
                self.bad_argument("fig", format!("scale 只能是 \"万\" 或 \"亿\"，不能是“{s}”"))
            })?),
            Ok(None) => None,
            Err(_) => return Err(self.bad_argument("fig", "scale 应为字符串".to_string())),
        };
        let (number, unit) = match (f.value, scale) {
            (None, Some(s)) => {
                let (_, base) = numbers::split_unit(f.unit);
                ("XX".to_string(), format!("{}{}", s.prefix(), base))
            }
            (None, None) => ("XX".to_string(), f.unit.to_string()),
            (Some(v), Some(s)) => {
                let (scaled, unit) = numbers::rescale(v, f.unit, s).ok_or_else(|| {
                    self.bad_argument(
                        "fig",
                        format!("指标“{key}”的单位是“{}”，不能换算成{}", f.unit, s.prefix()),
                    )
                })?;
                (numbers::fixed(scaled, dp.unwrap_or(2), trim), unit)
            }
            (Some(v), None) => match dp {
                Some(dp) => (numbers::fixed(v, dp, trim), f.unit.to_string()),
                None => (numbers::as_written(v), f.unit.to_string()),
            },
        };
        let unit = if with_unit { unit.as_str() } else { "" };
        let text = match f.qualifier {
            Some(q) => q.print(&number, unit),
            None => number + unit,
        };
        let previous = self.flag(kw, "fig", "previous", false)?;
        let mut args = vec![format!("key={key}")];
        args.extend(dp.map(|d| format!("dp={d}")));
        args.extend(previous.then(|| "previous".to_string()));
        args.extend(scale.map(|s| format!("scale={}", s.prefix())));
        args.extend((!trim).then(|| "trim=false".to_string()));
        args.extend(with_unit.then(|| "unit".to_string()));
        let name = self.name_of(key) + if previous { "（上年同期）" } else { "" };
        let anchor = Anchor::new("fig", &args, name);
        Ok(self.emit(text, key, f.source, f.value.is_none(), anchor))
    }

    /// `yoy(key=…)`: 同比增长/下降X% from the previous period, or from a written growth figure.
    ///
    /// The previous-period value must exist (`E-TEMPLATE-PREVIOUS` otherwise, naming the key);
    /// a pending value on either side prints `同比增长XX%`. The growth is computed exactly and
    /// rounded half-up to `dp` (default 1); 0 prints `同比持平`, never `增长0%`.
    fn yoy(&self, kw: &Kwargs) -> Res {
        let key = self.key_arg(kw, "yoy", "key")?;
        let dp = self.dp_arg(kw, "yoy", 1)?;
        if let Ok(Some(g)) = kw.get::<&str>("growth") {
            let f = self.lookup(g)?;
            let text = match f.value {
                Some(v) => numbers::yoy_words(v, dp),
                None => "同比增长XX%".to_string(),
            };
            let args = [
                format!("dp={dp}"),
                format!("growth={g}"),
                format!("key={key}"),
            ];
            let anchor = Anchor::new("yoy", &args, self.name_of(key) + "同比");
            return Ok(self.emit(text, g, f.source, f.value.is_none(), anchor));
        }
        let f = self.lookup(key)?;
        let prev = match self.previous.get(key) {
            Some(p) => p.value,
            None => {
                return Err(self.fail(
                    Diagnostic::error(
                        "E-TEMPLATE-PREVIOUS",
                        format!("模板要写指标“{key}”的同比，但指标文件没有它的上年同期数"),
                    )
                    .hint(format!(
                        "请在 previous 中填写 {key}，或用 yoy(key=\"{key}\", growth=\"增长率指标\")"
                    )),
                ));
            }
        };
        let growth = match (f.value, prev) {
            (Some(c), Some(p)) => numbers::growth_percent(c, p),
            _ => None,
        };
        let pending = growth.is_none();
        let text = match growth {
            Some(g) => numbers::yoy_words(g, dp),
            None => "同比增长XX%".to_string(),
        };
        let args = [format!("dp={dp}"), format!("key={key}")];
        let anchor = Anchor::new("yoy", &args, self.name_of(key) + "同比");
        Ok(self.emit(text, key, f.source, pending, anchor))
    }

    /// `points(a=…, b=…)`: the difference of two percentages in 个百分点.
    ///
    /// `a − b` rounded half-up to `dp` (default 1): `3.5个百分点`; with `words=true`
    /// `提高3.5个百分点`, `下降3.5个百分点` or `持平`. The marker carries `a`'s provenance.
    fn points(&self, kw: &Kwargs) -> Res {
        let a = self.key_arg(kw, "points", "a")?;
        let b = self.key_arg(kw, "points", "b")?;
        let dp = self.dp_arg(kw, "points", 1)?;
        let words = self.flag(kw, "points", "words", false)?;
        let (fa, fb) = (self.lookup(a)?, self.lookup(b)?);
        let diff = match (fa.value, fb.value) {
            (Some(x), Some(y)) => x.checked_sub(y),
            _ => None,
        };
        let text = match diff {
            Some(d) => numbers::points_words(d, dp, words),
            None if words => "提高XX个百分点".to_string(),
            None => "XX个百分点".to_string(),
        };
        let mut args = vec![format!("a={a}"), format!("b={b}"), format!("dp={dp}")];
        args.extend(words.then(|| "words".to_string()));
        let name = format!("{}与{}之差", self.name_of(a), self.name_of(b));
        let anchor = Anchor::new("points", &args, name);
        Ok(self.emit(text, a, fa.source, diff.is_none(), anchor))
    }

    /// `num` as a percentage of `den`, rounded to `dp`; `None` when either is pending or `den` is 0.
    fn ratio_text(
        &self,
        num: &str,
        den: &str,
        dp: u32,
    ) -> Result<(Option<String>, Option<Location>), tera::Error> {
        let (fnum, fden) = (self.lookup(num)?, self.lookup(den)?);
        let pct = match (fnum.value, fden.value) {
            (Some(n), Some(d)) => numbers::percent_of(n, d).map(|p| numbers::fixed(p, dp, true)),
            _ => None,
        };
        Ok((pct, fnum.source))
    }

    /// `ratio(num=…, den=…)`: X%.
    ///
    /// `num ÷ den × 100`, exact, rounded half-up to `dp` (default 2); `XX%` when either figure
    /// is pending or `den` is 0.
    fn ratio(&self, kw: &Kwargs) -> Res {
        let num = self.key_arg(kw, "ratio", "num")?;
        let den = self.key_arg(kw, "ratio", "den")?;
        let dp = self.dp_arg(kw, "ratio", 2)?;
        let (pct, source) = self.ratio_text(num, den, dp)?;
        let pending = pct.is_none();
        let text = format!("{}%", pct.unwrap_or_else(|| "XX".to_string()));
        let args = [
            format!("den={den}"),
            format!("dp={dp}"),
            format!("num={num}"),
        ];
        let name = format!("{}占{}的比例", self.name_of(num), self.name_of(den));
        let anchor = Anchor::new("ratio", &args, name);
        Ok(self.emit(text, num, source, pending, anchor))
    }

    /// `progress(key=…, target=…)`: 完成年度目标任务的X%.
    ///
    /// `key ÷ target × 100`, rounded half-up to `dp` (default 1); the plan part of a summary
    /// uses it for figures with a yearly target.
    fn progress(&self, kw: &Kwargs) -> Res {
        let key = self.key_arg(kw, "progress", "key")?;
        let target = self.key_arg(kw, "progress", "target")?;
        let dp = self.dp_arg(kw, "progress", 1)?;
        let (pct, source) = self.ratio_text(key, target, dp)?;
        let pending = pct.is_none();
        let text = format!(
            "完成年度目标任务的{}%",
            pct.unwrap_or_else(|| "XX".to_string())
        );
        let args = [
            format!("dp={dp}"),
            format!("key={key}"),
            format!("target={target}"),
        ];
        let anchor = Anchor::new("progress", &args, self.name_of(key) + "完成目标进度");
        Ok(self.emit(text, key, source, pending, anchor))
    }

    /// `table(id=…)`: the marker of a table the run provides (`E-TEMPLATE-TABLE` for another id).
    fn table(&self, kw: &Kwargs) -> Res {
        let id = match kw.get::<&str>("id") {
            Ok(Some(id)) => id,
            _ => return Err(self.bad_argument("table", "缺少 id=\"表格编号\"".to_string())),
        };
        if !self.table_ids.iter().any(|t| t == id) {
            let known = if self.table_ids.is_empty() {
                "本报告没有可放置的表格".to_string()
            } else {
                format!("可用的表格：{}", self.table_ids.join("、"))
            };
            return Err(self.fail(
                Diagnostic::error("E-TEMPLATE-TABLE", format!("模板要放置的表格“{id}”不存在"))
                    .hint(known),
            ));
        }
        Ok(Marker::Table(id.to_string()).encode())
    }
}

/// A figure found for a function: its value (`None` while pending), unit and source.
struct Looked<'a> {
    /// `None` while pending.
    value: Option<Decimal>,
    /// The catalogue unit.
    unit: &'a str,
    /// Where the value was written.
    source: Option<Location>,
    /// The approximation word written with the figure.
    qualifier: Option<Qualifier>,
}

/// A decimal from a filter input: a string (`"2285000"`) or a template integer.
fn decimal_input(v: &Value) -> tera::TeraResult<Decimal> {
    let text = match v.as_str() {
        Some(s) => s.to_string(),
        None => v.to_string(),
    };
    numbers::parse_decimal(&text).ok_or_else(|| {
        tera::Error::message(format!(
            "“{text}”不是数字（小数请写成字符串，例如 \"2.5\"）"
        ))
    })
}

/// The `dp` argument of a filter, at most 10.
fn filter_dp(kw: &Kwargs, default: u32) -> tera::TeraResult<u32> {
    Ok(kw.get::<u32>("dp")?.unwrap_or(default).min(10))
}

/// The `wan` and `yi` filters: a number rescaled to 万 or 亿, rounded, with the prefix.
fn scale_filter(v: &Value, kw: &Kwargs, scale: Scale) -> Res {
    let d = decimal_input(v)?;
    let (scaled, unit) =
        numbers::rescale(d, "", scale).ok_or_else(|| tera::Error::message("数值太大，无法换算"))?;
    let trim = kw.get::<bool>("trim")?.unwrap_or(true);
    Ok(numbers::fixed(scaled, filter_dp(kw, 2)?, trim) + &unit)
}

/// Registers every wengao function and filter on `tera`.
pub(super) fn register(tera: &mut Tera, shared: &Arc<Shared>) {
    let s = Arc::clone(shared);
    tera.register_function("fig", move |kw: Kwargs, _: &State| s.fig(&kw));
    let s = Arc::clone(shared);
    tera.register_function("yoy", move |kw: Kwargs, _: &State| s.yoy(&kw));
    let s = Arc::clone(shared);
    tera.register_function("points", move |kw: Kwargs, _: &State| s.points(&kw));
    let s = Arc::clone(shared);
    tera.register_function("ratio", move |kw: Kwargs, _: &State| s.ratio(&kw));
    let s = Arc::clone(shared);
    tera.register_function("progress", move |kw: Kwargs, _: &State| s.progress(&kw));
    let s = Arc::clone(shared);
    tera.register_function("table", move |kw: Kwargs, _: &State| s.table(&kw));
    tera.register_function("title", |_: Kwargs, _: &State| Marker::Title.encode());
    tera.register_function("signoff", |_: Kwargs, _: &State| Marker::SignOff.encode());
    tera.register_function("attachment", |kw: Kwargs, _: &State| -> Res {
        let title = kw.get::<&str>("title")?.unwrap_or_default();
        Ok(Marker::Attachment(title.to_string()).encode())
    });
    tera.register_filter("cn", |v: &Value, _: Kwargs, _: &State| -> Res {
        let d = decimal_input(v)?;
        let n = u64::try_from(d.normalize().mantissa())
            .ok()
            .filter(|_| d.normalize().scale() == 0)
            .ok_or_else(|| tera::Error::message(format!("cn 只能写非负整数，不能写“{d}”")))?;
        Ok(numbers::chinese_numeral(n))
    });
    tera.register_filter("wan", |v: &Value, kw: Kwargs, _: &State| {
        scale_filter(v, &kw, Scale::Wan)
    });
    tera.register_filter("yi", |v: &Value, kw: Kwargs, _: &State| {
        scale_filter(v, &kw, Scale::Yi)
    });
    tera.register_filter("num", |v: &Value, kw: Kwargs, _: &State| -> Res {
        let d = decimal_input(v)?;
        let trim = kw.get::<bool>("trim")?.unwrap_or(false);
        Ok(numbers::fixed(d, filter_dp(&kw, 2)?, trim))
    });
}
