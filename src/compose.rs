//! Stage 3: Tera templates (shipped, embedded; or the user's) turn a report into Markdown with
//! plain headings and figure/table markers.
//!
//! # Templates
//!
//! Shipped templates are embedded in the binary (`SHIPPED`): `base.md.tera` (title, opening,
//! summary, problems, plan, sign-off blocks; each summary section in its own
//! `sections/<block>.md.tera`, included by the block of that name), `annual.md.tera` and
//! `half-year.md.tera`, which extend it; `disclosure-2021.md.tera` and `disclosure-2019.md.tera` (the six sections of the
//! 政府信息公开工作年度报告, extending `disclosure-base.md.tera`) and `disclosure-appendix.md.tera`
//! (a work summary with the three tables as 附件1–3). The template rendered for a report is, in
//! order: the report's own narrative (`meta.template`, a path relative to the indicator file,
//! usually `{% extends "annual.md.tera" %}` filling some blocks), else the shipped one for its kind
//! (`annual.md.tera`, `half-year.md.tera`, `disclosure-<format>.md.tera` with the format the
//! disclosure check chose). `--templates DIR` ([`Templates::new`]) adds every `*.tera` file
//! under DIR, named by its path relative to DIR, replacing a shipped one of the same name. A
//! user's template and what it includes are read through [`crate::sandbox`]: only `.tera`
//! files under the indicator file's folder or the `--templates` folder, at most 1 MB.
//!
//! Templates are parsed once per run and shared ([`Templates`], `Send + Sync`): a report
//! parses only what it reaches (see `templates`), a batch one set for all its files.
//!
//! # Limits
//!
//! Every render is bounded ([`Limits`]): 16 MB of output, 200,000 loop items, 16 MB per
//! `set` value, 100,000 component calls, 2 seconds; checked while rendering (`budget`), with
//! `E-TEMPLATE-LIMIT` at the template line.
//!
//! # What templates write
//!
//! Plain Markdown. Headings `#`…`####` are levels 1–4; numbering (一、（一）1.（1）) is added later
//! by [`crate::document`], so never type numbers into headings. Levels 3–4 run in with the
//! paragraph that follows them ("1.对定点医疗机构的稽核和监管。根据…"); `{.run-in}` after a level
//! 1–2 heading makes it run in too, `{.block}` keeps a level 3–4 heading on its own line.
//! An ordered list (`1. …`) becomes "一是…" paragraphs. Raw HTML is printed as text.
//!
//! # Context
//!
//! - `meta`: `agency`, `period` (`2020`, `2025-H1`), `period_cn` (`2020年`, `2025年上半年`),
//!   `half` (`上半年`/`下半年`/empty), `year`, `next_year`, `prev_year`, `date` (`2021年1月7日`),
//!   `date_upper` (`二〇二一年一月七日`), `title` (meta.title or the default for the kind), `kind`
//!   (`annual`, `half-year`, `disclosure`).
//! - `figures`: by key, `{value, unit, name, pending, previous, previous_zero, zero,
//!   qualifier}` (value as written, or `XX`; `previous`: a previous-period value exists;
//!   `previous_zero`: it is 0, so 同比 has no meaning; `zero`: the value is 0; `qualifier`:
//!   约/余/以上 … or empty); for tests like
//!   `{% if figures.jumin_canbao_renshu is defined %}`. Print figures with the functions below,
//!   which keep their provenance.
//! - `disclosure` (reports with disclosure tables): `disclosure.<table>.<row>.<column>` as printed
//!   in the table, `disclosure.num.<table>.<row>.<column>` the value the rules use (blank as 0),
//!   `disclosure.susong_zongji`, `disclosure.format` (see [`crate::disclosure::template_context`]).
//!
//! # Functions (figures; every number exact, rounding half-up; pending figures print `XX`)
//!
//! - `fig(key="k")`: as written (`42905.96`); `unit=true` appends the catalogue unit;
//!   `scale="万"|"亿"` rescales (2285000 人次 → `228.5万人次` with `dp=1, unit=true`);
//!   `dp=N` rounds; trailing zeros of a rounded value are dropped unless `trim=false`;
//!   `previous=true` prints the previous period's value. A figure written with a qualifier
//!   (`约200`, `10余`, `3以上`) prints it in place: 约200人次, 10余次, 18万余条, 3%以上.
//! - `yoy(key="k", dp=1)`: `同比增长X%` / `同比下降X%` / `同比持平` from the previous period;
//!   `growth="g"` uses a written growth figure (in %) instead, with its written decimals. A
//!   previous value of 0 prints `zero="…"` (default 上年同期为零) with `W-YOY-ZERO`.
//! - `points(a="k1", b="k2")`: `X个百分点` for a − b, with the decimals written (`dp=N` rounds);
//!   `words=true` gives `提高X个百分点` / `下降X个百分点` / `持平`.
//! - `ratio(num="k1", den="k2", dp=2)`: `X%` (`zero="…"` when `den` is 0, `W-RATIO-ZERO`).
//! - `progress(key="k", target="t", dp=1)`: `完成年度目标任务的X%`; `rate="r"` prints a written
//!   rate as written (`zero="…"`, `W-PROGRESS-ZERO`).
//! - `placeholder(text="…")`: example text to be replaced; `--final` refuses it.
//!
//! Filters: `{{ 12 | cn }}` → 十二 (Chinese numerals), `{{ "2285000" | wan(dp=1) }}` → 228.5万,
//! `{{ "316449463.25" | yi(dp=2) }}` → 3.16亿, `{{ "2.345" | num(dp=2) }}` → 2.35.
//!
//! # Document structure (for the disclosure report and attachments)
//!
//! - `{{ title() }}` starts the title paragraph (the text after it, up to the blank line).
//! - `{{ table(id="t1") }}` on its own line places the [`crate::document::Table`] that
//!   [`crate::document::build`] gets under that id; compose only writes a marker, and an id not
//!   in [`ComposeOptions::table_ids`] is a template error at the template's line.
//! - `{{ signoff() }}` on its own line places the sign-off (agency, date) from `meta`.
//! - `{{ attachment(title="…") }}` on its own line starts 附件N (numbered in order); everything
//!   after it, up to the next `attachment`, belongs to it. The note `附件：1. …` before the
//!   sign-off is written from the attachments' titles.
//!
//! A figure unknown to both the catalogue and the report fails with the template file, line,
//! key and a "did you mean"; a catalogue figure missing from the report prints `XX` with a warning.

mod anchor;
mod budget;
mod context;
mod errors;
mod figures;
mod filters;
mod functions;
mod instrument;
mod loaded;
mod mentions;
mod scan;
mod shipped;
mod templates;
#[cfg(test)]
mod tests;
mod usage;

pub use budget::{Limits, WATCHDOG_MEMORY};
pub use shipped::SHIPPED;
pub use templates::Templates;

use crate::catalogue::Catalogue;
use crate::diagnostic::{Diagnostic, Location};
use crate::document::{Composed, SignOff};
use crate::model::Report;
use std::sync::Arc;

/// What compose needs besides the report and the templates.
#[derive(Debug, Clone, Default)]
pub struct ComposeOptions {
    /// Ids of the tables templates may place with `{{ table(id="…") }}`, in the order an error
    /// lists them. The tables themselves go to [`crate::document::build`]; compose only writes
    /// a marker, and refuses an id not listed here with the template's file and line.
    pub table_ids: Vec<String>,
    /// `--final`: example text (`placeholder()`, `XX` in a template) and figures the template
    /// needs but the file lacks are errors.
    pub final_: bool,
    /// The limits every render is held to.
    pub limits: Limits,
}

/// What compose produces: the document stage's input and the warnings raised on the way.
#[derive(Debug, Clone, Default)]
pub struct Composition {
    /// Markdown with markers, figures and sign-off, for [`crate::document::build`].
    pub composed: Composed,
    /// Warnings raised while composing: figures missing from the report (printed as XX), zero
    /// denominators, figures of the file the template never uses.
    pub warnings: Vec<Diagnostic>,
    /// The templates the narrative was rendered from, as (name users see, text): the main one
    /// first, then those it extends or includes. Lets a later check point from a figure in the
    /// output back to the template line it came from; filled for disclosure reports only (the
    /// narrative check is theirs), empty otherwise.
    pub templates: Vec<(String, String)>,
}

/// Composes the report's Markdown: picks the template set, renders it within the limits,
/// collects figures and markers.
///
/// Errors (unknown figure, template syntax, unreadable template, a limit reached) come back as
/// one diagnostic pointing at the template file and line. The result's Markdown holds markers,
/// never figures as bare text: every number a function prints is in [`Composed::figures`] with
/// its provenance (the file relative to the indicator file's folder, and the figure's name).
pub fn compose(
    report: &Report,
    catalogue: &Catalogue,
    templates: &Templates,
    options: &ComposeOptions,
) -> Result<Composition, Diagnostic> {
    let set = templates.set_for(report)?;
    let mentioned = context::mentioned_figures(set.sources.values().map(|s| s.as_ref()));
    match render(report, catalogue, &set, options, mentioned.as_ref()) {
        // Only an error can show figures the context left out (Tera lists a map's fields when
        // one is missing): render again with every figure, for the exact message. A limit
        // reached is not retried (it would take as long again).
        Err(d) if mentioned.is_some() && d.code != "E-TEMPLATE-LIMIT" => {
            render(report, catalogue, &set, options, None)
        }
        result => result,
    }
}

/// [`compose`] with the parsed `set`; `figures` in the context holds only the keys in `only`
/// when given (see `context::build`).
fn render(
    report: &Report,
    catalogue: &Catalogue,
    set: &templates::Parsed,
    options: &ComposeOptions,
    only: Option<&std::collections::BTreeSet<String>>,
) -> Result<Composition, Diagnostic> {
    let shared = Arc::new(functions::Shared::new(
        report,
        catalogue,
        &options.table_ids,
        options.final_,
        budget::Budget::new(&options.limits),
    ));
    usage::check_keys(set, &shared)?;
    let context = context::build(report, &shared, only);
    let mut out = Vec::new();
    let rendered = {
        let _entered = functions::enter(Arc::clone(&shared));
        let _watched = budget::watch(&options.limits, &report.file, shared.budget.deadline());
        let writer = budget::BoundedWriter {
            out: &mut out,
            budget: &shared.budget,
            stopped: |d| shared.record(d),
        };
        set.tera.render_to(&set.main, &context, writer)
    };
    let collected = shared.take();
    if let Err(e) = rendered {
        return Err(errors::convert(&e, collected.failure, &set.sources));
    }
    let markdown = String::from_utf8(out).map_err(|_| {
        Diagnostic::error("E-TEMPLATE", "模板输出不是有效的 UTF-8 文本").at(Location::new(
            report.file.clone(),
            0,
            0,
        ))
    })?;
    if options.final_
        && let Some(d) = usage::final_placeholders(&markdown, set, report)
    {
        return Err(d);
    }
    // One warning per problem, however often the template prints the figure.
    let mut warnings: Vec<Diagnostic> = Vec::new();
    for w in collected.warnings {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    }
    warnings.extend(usage::unused(report, &collected.used, set, &shared));
    let mut figures = collected.figures;
    // Nearly every figure comes from the same file or two: each path is made relative once.
    let mut last: Option<(String, String)> = None; // (as loaded, as shown)
    for f in &mut figures {
        if let Some(at) = &mut f.source {
            match &last {
                Some((loaded, shown)) if *loaded == at.file => at.file.clone_from(shown),
                _ => {
                    let shown = crate::sandbox::shown_relative(&at.file, &report.file);
                    let loaded = std::mem::replace(&mut at.file, shown.clone());
                    last = Some((loaded, shown));
                }
            }
        }
    }
    Ok(Composition {
        composed: Composed {
            markdown,
            figures,
            sign_off: Some(SignOff {
                agency: report.meta.agency.clone(),
                date: context::signed_date(&report.meta, false),
            }),
            title_lines: report.meta.title_lines.clone(),
        },
        warnings,
        templates: rendered_from(report, set),
    })
}

/// The templates of `set` as (name users see, text), the main one first, for a disclosure
/// report (see [`Composition::templates`]).
fn rendered_from(report: &Report, set: &templates::Parsed) -> Vec<(String, String)> {
    if report.disclosure.is_none() {
        return Vec::new();
    }
    let mut out: Vec<(bool, String, String)> = set
        .sources
        .iter()
        .map(|(name, s)| (*name != set.main, s.shown.clone(), s.text.clone()))
        .collect();
    out.sort_by_key(|s| s.0);
    out.into_iter()
        .map(|(_, shown, text)| (shown, text))
        .collect()
}
