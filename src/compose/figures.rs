//! The template functions that print figures: `fig`, `yoy`, `points`, `ratio`, `progress`,
//! and the document functions `table` and `placeholder`.
//!
//! Every number is exact; nothing is ever printed silently wrong: a value that cannot be
//! rescaled is an error (never the unscaled number), a zero denominator is a warning
//! (`W-YOY-ZERO`, `W-RATIO-ZERO`, `W-PROGRESS-ZERO`) with a phrase the template chooses, never
//! “同比增长XX%”, and values print with the decimals they were written with unless `dp` says
//! otherwise.

use super::anchor::Anchor;
use super::functions::{Res, Shared};
use crate::diagnostic::{Diagnostic, Location};
use crate::document::Marker;
use crate::model::Qualifier;
use crate::numbers::{self, RescaleError, Scale};
use tera::Kwargs;

/// The phrase `yoy` prints when the previous period's value is 0 (unless `zero="…"`).
pub(crate) const YOY_ZERO_DEFAULT: &str = "上年同期为零";

/// What a percentage comes to.
enum Percent {
    /// The number, rounded (without `%`).
    Value(String),
    /// Either figure is pending, or the denominator is 0 and the template gave no phrase.
    Pending,
    /// The denominator is 0: the template's phrase.
    Zero(String),
}

impl Shared {
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

    /// The `dp` argument: 0–10 decimals, `None` when absent.
    fn dp_arg(&self, kw: &Kwargs, function: &str) -> Result<Option<u32>, tera::Error> {
        match kw.get::<u32>("dp") {
            Ok(Some(dp)) if dp <= 10 => Ok(Some(dp)),
            Ok(None) => Ok(None),
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

    /// An optional text argument.
    fn text_arg(
        &self,
        kw: &Kwargs,
        function: &str,
        name: &str,
    ) -> Result<Option<String>, tera::Error> {
        kw.get::<&str>(name)
            .map(|v| v.map(str::to_string))
            .map_err(|_| self.bad_argument(function, format!("{name} 应为字符串")))
    }

    /// `E-TEMPLATE-NUMBER`: a result beyond the decimal range.
    fn overflow(&self, function: &str, key: &str) -> tera::Error {
        self.fail(
            Diagnostic::error(
                "E-TEMPLATE-NUMBER",
                format!("模板函数 {function} 算指标“{key}”时结果超出了可精确表示的范围"),
            )
            .hint("请检查指标的数值是否写错（多写了位数）"),
        )
    }

    /// A zero-denominator warning: `code`, about `key` (its name), at `place`.
    fn zero_warning(
        &self,
        code: &str,
        message: String,
        key: &str,
        place: Option<Location>,
        hint: String,
    ) {
        let name = self.name_of(key);
        let mut d = Diagnostic::warning(code, message)
            .at_opt(place)
            .path(format!("figures.{key}"))
            .hint(hint);
        if !name.is_empty() {
            d = d.figure(name);
        }
        self.warn(d);
    }

    /// `fig(key=…)`: a figure as written, or rescaled (万/亿), rounded, with its unit.
    ///
    /// `{{ fig(key="jumin_jiuzhen_renci", scale="万", dp=1, unit=true) }}` prints `228.5万人次`
    /// for 2285000 人次; without `scale` or `dp` the value prints exactly as written (`100.00`
    /// stays `100.00`); `previous=true` prints the previous period's value. A pending figure
    /// prints `XX` (with the rescaled unit when asked). A value that cannot be rescaled is an
    /// error. A figure written with a qualifier (`约200`, `10余`, `3以上`) prints it in place:
    /// 约200人次, 10余次, 18万余条, 3%以上. The marker keeps the key and source.
    pub(super) fn fig(&self, kw: &Kwargs) -> Res {
        let key = self.key_arg(kw, "fig", "key")?;
        let previous = self.flag(kw, "fig", "previous", false)?;
        let f = if previous {
            self.lookup_previous(key)?
        } else {
            self.lookup(key)?
        };
        let with_unit = self.flag(kw, "fig", "unit", false)?;
        let trim = self.flag(kw, "fig", "trim", true)?;
        let dp = self.dp_arg(kw, "fig")?;
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
            (Some(v), Some(s)) => match numbers::rescale(v, f.unit, s) {
                Ok((scaled, unit)) => (numbers::fixed(scaled, dp.unwrap_or(2), trim), unit),
                Err(RescaleError::Rate) => {
                    return Err(self.bad_argument(
                        "fig",
                        format!("指标“{key}”的单位是“{}”，不能换算成{}", f.unit, s.prefix()),
                    ));
                }
                Err(RescaleError::Overflow) => {
                    return Err(self.fail(
                        Diagnostic::error(
                            "E-TEMPLATE-NUMBER",
                            format!(
                                "指标“{key}”的值 {v}{} 换算成{}后超出了可精确表示的范围",
                                f.unit,
                                s.prefix()
                            ),
                        )
                        .hint("请检查指标的数值和单位是否写错；wengao 不会输出未换算的数字"),
                    ));
                }
            },
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
        let mut args = vec![format!("key={key}")];
        args.extend(dp.map(|d| format!("dp={d}")));
        args.extend(previous.then(|| "previous".to_string()));
        args.extend(scale.map(|s| format!("scale={}", s.prefix())));
        args.extend((!trim).then(|| "trim=false".to_string()));
        args.extend(with_unit.then(|| "unit".to_string()));
        let name = self.label_of(key) + if previous { "（上年同期）" } else { "" };
        let anchor = Anchor::new("fig", &args, name);
        Ok(self.emit(text, key, f.source, f.value.is_none(), anchor))
    }

    /// `yoy(key=…)`: 同比增长/下降X% from the previous period, or from a written growth figure.
    ///
    /// The previous-period value must exist (`E-TEMPLATE-PREVIOUS` otherwise, naming the key);
    /// a pending value on either side prints `同比增长XX%`. The growth is computed exactly and
    /// rounded half-up to `dp` (default 1); 0 prints `同比持平`, never `增长0%`. A written growth
    /// (`growth="g"`) prints with the decimals it was written with unless `dp` is given. When the
    /// previous value is 0 the growth has no meaning: `W-YOY-ZERO`, and the phrase `zero="…"`
    /// (default “上年同期为零”) is printed instead (0 → 0 prints `同比持平`).
    pub(super) fn yoy(&self, kw: &Kwargs) -> Res {
        let key = self.key_arg(kw, "yoy", "key")?;
        let dp = self.dp_arg(kw, "yoy")?;
        if let Ok(Some(g)) = kw.get::<&str>("growth") {
            self.note_used(key);
            let f = self.lookup(g)?;
            let text = match f.value {
                Some(v) => qualified(numbers::yoy_words(v, dp), f.qualifier),
                None => "同比增长XX%".to_string(),
            };
            let mut args = vec![format!("growth={g}"), format!("key={key}")];
            args.extend(dp.map(|d| format!("dp={d}")));
            let anchor = Anchor::new("yoy", &args, self.label_of(key) + "同比");
            return Ok(self.emit(text, g, f.source, f.value.is_none(), anchor));
        }
        let zero_text = self.text_arg(kw, "yoy", "zero")?;
        let mut args = vec![format!("dp={}", dp.unwrap_or(1)), format!("key={key}")];
        args.extend(zero_text.as_ref().map(|z| format!("zero={z}")));
        let f = self.lookup(key)?;
        let prev = match self.previous.get(key) {
            Some(p) => p,
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
        let text = match (f.value, prev.value) {
            (Some(c), Some(p)) if p.is_zero() => {
                if c.is_zero() {
                    "同比持平".to_string()
                } else {
                    let phrase = zero_text.unwrap_or_else(|| YOY_ZERO_DEFAULT.to_string());
                    self.zero_warning(
                        "W-YOY-ZERO",
                        format!("指标“{key}”上年同期为 0，无法计算同比增长率"),
                        key,
                        prev.source.clone().or_else(|| f.source.clone()),
                        format!(
                            "文稿中这里写的是“{phrase}”；要换一种说法，用 yoy(key=\"{key}\", zero=\"…\")，或用 {{% if figures.{key}.previous_zero %}} 另写一句"
                        ),
                    );
                    phrase
                }
            }
            (Some(c), Some(p)) => {
                let g = numbers::growth_percent(c, p).ok_or_else(|| self.overflow("yoy", key))?;
                let text = numbers::yoy_words(g, Some(dp.unwrap_or(1)));
                approximate_if(text, f.qualifier.is_some() || prev.qualifier.is_some())
            }
            _ => "同比增长XX%".to_string(),
        };
        let pending = f.value.is_none() || prev.value.is_none();
        let anchor = Anchor::new("yoy", &args, self.label_of(key) + "同比");
        Ok(self.emit(text, key, f.source, pending, anchor))
    }

    /// `points(a=…, b=…)`: the difference of two percentages in 个百分点.
    ///
    /// `a − b`, exact with the decimals written (99.50 − 98.00 → `1.50个百分点`), or rounded
    /// half-up to `dp`; with `words=true` `提高…个百分点`, `下降…个百分点` or `持平`. The marker
    /// carries `a`'s provenance.
    pub(super) fn points(&self, kw: &Kwargs) -> Res {
        let a = self.key_arg(kw, "points", "a")?;
        let b = self.key_arg(kw, "points", "b")?;
        let dp = self.dp_arg(kw, "points")?;
        let words = self.flag(kw, "points", "words", false)?;
        let (fa, fb) = (self.lookup(a)?, self.lookup(b)?);
        let diff = match (fa.value, fb.value) {
            (Some(x), Some(y)) => Some(x.checked_sub(y).ok_or_else(|| self.overflow("points", a))?),
            _ => None,
        };
        let text = match diff {
            Some(d) => approximate_if(
                numbers::points_words(d, dp, words),
                fa.qualifier.is_some() || fb.qualifier.is_some(),
            ),
            None if words => "提高XX个百分点".to_string(),
            None => "XX个百分点".to_string(),
        };
        let mut args = vec![format!("a={a}"), format!("b={b}")];
        args.extend(dp.map(|d| format!("dp={d}")));
        args.extend(words.then(|| "words".to_string()));
        let name = format!("{}与{}之差", self.label_of(a), self.label_of(b));
        let anchor = Anchor::new("points", &args, name);
        Ok(self.emit(text, a, fa.source, diff.is_none(), anchor))
    }

    /// `num ÷ den × 100` rounded to `dp`, with the source of `num`: pending when either is
    /// pending, the `zero` phrase (and a warning `code`) when `den` is 0, an error on overflow.
    fn percent(
        &self,
        function: &str,
        code: &str,
        num: &str,
        den: &str,
        dp: u32,
        zero: Option<String>,
    ) -> Result<(Percent, Option<Location>), tera::Error> {
        let (fnum, fden) = (self.lookup(num)?, self.lookup(den)?);
        let result = match (fnum.value, fden.value) {
            (Some(_), Some(d)) if d.is_zero() => {
                let hint = match &zero {
                    Some(phrase) => format!("文稿中这里写的是“{phrase}”，请核对这句话"),
                    None => format!(
                        "文稿中这里按待填（XX）输出；用 {function}(…, zero=\"…\") 指定这时的说法，或用 {{% if figures.{den}.zero %}} 另写一句"
                    ),
                };
                self.zero_warning(
                    code,
                    format!("模板函数 {function} 的分母指标“{den}”为 0，无法计算百分比"),
                    den,
                    fden.source.clone(),
                    hint,
                );
                match zero {
                    Some(phrase) => Percent::Zero(phrase),
                    None => Percent::Pending,
                }
            }
            (Some(n), Some(d)) => {
                let p = numbers::percent_of(n, d).ok_or_else(|| self.overflow(function, num))?;
                let text = numbers::fixed(p, dp, true);
                Percent::Value(approximate_if(
                    text,
                    fnum.qualifier.is_some() || fden.qualifier.is_some(),
                ))
            }
            _ => Percent::Pending,
        };
        Ok((result, fnum.source))
    }

    /// `ratio(num=…, den=…)`: X%.
    ///
    /// `num ÷ den × 100`, exact, rounded half-up to `dp` (default 2); `XX%` when either figure
    /// is pending. A zero `den` warns `W-RATIO-ZERO` and prints the `zero="…"` phrase in place
    /// of the whole `X%` (or `XX%`, pending, without one).
    pub(super) fn ratio(&self, kw: &Kwargs) -> Res {
        let num = self.key_arg(kw, "ratio", "num")?;
        let den = self.key_arg(kw, "ratio", "den")?;
        let dp = self.dp_arg(kw, "ratio")?.unwrap_or(2);
        let zero = self.text_arg(kw, "ratio", "zero")?;
        let mut args = vec![
            format!("den={den}"),
            format!("dp={dp}"),
            format!("num={num}"),
        ];
        args.extend(zero.as_ref().map(|z| format!("zero={z}")));
        let name = format!("{}占{}的比例", self.label_of(num), self.label_of(den));
        let anchor = Anchor::new("ratio", &args, name);
        let (result, source) = self.percent("ratio", "W-RATIO-ZERO", num, den, dp, zero)?;
        let (text, pending) = match result {
            Percent::Value(p) => (format!("{p}%"), false),
            Percent::Zero(phrase) => (phrase, false),
            Percent::Pending => ("XX%".to_string(), true),
        };
        Ok(self.emit(text, num, source, pending, anchor))
    }

    /// `progress(key=…, target=…)`: 完成年度目标任务的X%.
    ///
    /// `key ÷ target × 100`, rounded half-up to `dp` (default 1); the plan part of a summary
    /// uses it for figures with a yearly target. `progress(rate="k")` prints a completion rate
    /// written in the file, with its decimals. A zero target warns `W-PROGRESS-ZERO` and prints
    /// the `zero="…"` phrase in place of the whole sentence (or `完成年度目标任务的XX%`, pending).
    pub(super) fn progress(&self, kw: &Kwargs) -> Res {
        let dp = self.dp_arg(kw, "progress")?;
        if let Ok(Some(rate)) = kw.get::<&str>("rate") {
            let f = self.lookup(rate)?;
            let n = f.value.map_or_else(
                || "XX".to_string(),
                |v| match dp {
                    Some(dp) => numbers::fixed(v, dp, true),
                    None => numbers::as_written(v),
                },
            );
            let mut args = vec![format!("rate={rate}")];
            args.extend(dp.map(|d| format!("dp={d}")));
            let anchor = Anchor::new("progress", &args, self.label_of(rate));
            return Ok(self.emit(
                qualified(format!("完成年度目标任务的{n}%"), f.qualifier),
                rate,
                f.source,
                f.value.is_none(),
                anchor,
            ));
        }
        let key = self.key_arg(kw, "progress", "key")?;
        let target = self.key_arg(kw, "progress", "target")?;
        let zero = self.text_arg(kw, "progress", "zero")?;
        let mut args = vec![
            format!("dp={}", dp.unwrap_or(1)),
            format!("key={key}"),
            format!("target={target}"),
        ];
        args.extend(zero.as_ref().map(|z| format!("zero={z}")));
        let anchor = Anchor::new("progress", &args, self.label_of(key) + "完成目标进度");
        let (result, source) = self.percent(
            "progress",
            "W-PROGRESS-ZERO",
            key,
            target,
            dp.unwrap_or(1),
            zero,
        )?;
        let (text, pending) = match result {
            Percent::Value(p) => (format!("完成年度目标任务的{p}%"), false),
            Percent::Zero(phrase) => (phrase, false),
            Percent::Pending => ("完成年度目标任务的XX%".to_string(), true),
        };
        Ok(self.emit(text, key, source, pending, anchor))
    }

    /// `table(id=…)`: the marker of a table the run provides (`E-TEMPLATE-TABLE` for another id).
    pub(super) fn table(&self, kw: &Kwargs) -> Res {
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

    /// `placeholder(text="…")`: text the writer must replace before the report is final (the
    /// shipped 存在的问题 paragraph). Prints `text`; under `--final` it is an error
    /// (`E-FINAL-PLACEHOLDER`) at the template line.
    pub(super) fn placeholder(&self, kw: &Kwargs) -> Res {
        let text = self
            .text_arg(kw, "placeholder", "text")?
            .unwrap_or_default();
        if self.final_ {
            let shown: String = text.chars().take(30).collect();
            let more = if text.chars().count() > 30 { "…" } else { "" };
            return Err(self.fail(
                Diagnostic::error(
                    "E-FINAL-PLACEHOLDER",
                    format!("定稿检查：模板中还有待替换的示例文字“{shown}{more}”"),
                )
                .hint(
                    "在叙述模板中用 {% block problems_text %}…{% endblock problems_text %} 写上本单位的实际内容",
                ),
            ));
        }
        Ok(text)
    }
}

/// `text` (a phrase with one number: 同比增长5%, 3.5个百分点) with the qualifier written with the
/// figure it prints, in its place: 同比增长约5%, 同比增长5%以上.
fn qualified(text: String, qualifier: Option<Qualifier>) -> String {
    let Some(q) = qualifier else {
        return text;
    };
    let Some(start) = text.find(|c: char| c.is_ascii_digit()) else {
        return text;
    };
    let end = text[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or(text.len(), |e| start + e);
    format!(
        "{}{}",
        &text[..start],
        q.print(&text[start..end], &text[end..])
    )
}

/// `text` with 约 before its number when a figure it was computed from is approximate: a growth
/// rate or share of 约200 is itself approximate (同比增长约5%).
fn approximate_if(text: String, approximate: bool) -> String {
    if approximate {
        qualified(text, Some(Qualifier::About))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_numbers_carry_the_qualifier_in_place() {
        assert_eq!(
            qualified("同比增长5%".into(), Some(Qualifier::About)),
            "同比增长约5%"
        );
        assert_eq!(
            qualified("同比增长5.5%".into(), Some(Qualifier::AtLeast)),
            "同比增长5.5%以上"
        );
        assert_eq!(
            approximate_if("提高3.5个百分点".into(), true),
            "提高约3.5个百分点"
        );
        assert_eq!(approximate_if("同比持平".into(), true), "同比持平");
        assert_eq!(approximate_if("12.5".into(), false), "12.5");
    }
}
