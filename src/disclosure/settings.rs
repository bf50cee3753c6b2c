//! The settings of a report's `disclosure` part: which format (`format:`), how blank cells
//! print (`blank:`) and whether totals left out are computed (`totals:`), each checked and
//! reported at its place.

use super::format;
use super::input::{DisclosureInput, place};
use crate::diagnostic::Diagnostic;
use crate::model::{BlankStyle, FormatId, Meta};

/// The format the tables follow: `disclosure.format` when written and known (a warning when it
/// is not the one the report year calls for), else the one for the year. An unknown value is an
/// error and the year decides.
pub(super) fn choose_format(
    input: &DisclosureInput,
    meta: &Meta,
    file: &str,
    formats: &format::Formats,
    diags: &mut Vec<Diagnostic>,
) -> FormatId {
    let year = meta.period.year();
    let by_year = FormatId::for_year(year);
    let Some((_, value)) = &input.format else {
        return by_year;
    };
    let text = value.value.as_ref().map_or("", |t| t.0.trim());
    let named = match format::normalise(text).as_str() {
        "2019" | "2019试行" | "试行" | "(试行)" => Some(FormatId::Y2019),
        "2021" => Some(FormatId::Y2021),
        "" => None,
        _ => {
            diags.push(
                Diagnostic::error("E-DISCLOSURE-FORMAT", format!("不认识的年报格式“{text}”"))
                    .at_opt(place(file, value))
                    .path("disclosure.format")
                    .hint(format!(
                        "可写 2019：{}；或 2021：{}；省略时按报告年度选择",
                        formats.y2019.describe(),
                        formats.y2021.describe()
                    )),
            );
            None
        }
    };
    let Some(named) = named else {
        return by_year;
    };
    if named != by_year {
        diags.push(
            Diagnostic::warning(
                "W-DISCLOSURE-FORMAT-YEAR",
                format!(
                    "{year}年度的报告应使用{}，这里写的是 format: {}",
                    formats.get(by_year).describe(),
                    named.as_str()
                ),
            )
            .at_opt(place(file, value))
            .path("disclosure.format")
            .hint("确需使用别的格式可保留；否则删去 format 一行，按报告年度选择"),
        );
    }
    named
}

/// How blank cells print: `disclosure.blank` (blank/空白 or zero/零), empty by default; an
/// unknown value is an error.
pub(super) fn choose_blank(
    input: &DisclosureInput,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> BlankStyle {
    let Some((_, value)) = &input.blank else {
        return BlankStyle::Empty;
    };
    let text = value.value.as_ref().map_or("", |t| t.0.trim());
    match format::normalise(text).as_str() {
        "" | "blank" | "empty" | "空白" | "留空" => BlankStyle::Empty,
        "zero" | "0" | "零" => BlankStyle::Zero,
        _ => {
            diags.push(
                Diagnostic::error(
                    "E-DISCLOSURE-BLANK-OPTION",
                    format!("blank 的值“{text}”不认识"),
                )
                .at_opt(place(file, value))
                .path("disclosure.blank")
                .hint("blank: blank 空白单元格留空（默认）；blank: zero 空白单元格印作 0"),
            );
            BlankStyle::Empty
        }
    }
}

/// Whether totals the user left out are computed: `totals: compute` (计算, 算出); `blank`
/// (照写, 留空, the default) leaves them blank. An unknown value is an error and they stay blank.
pub(super) fn choose_totals(
    input: &DisclosureInput,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let Some((_, value)) = &input.totals else {
        return false;
    };
    let text = value.value.as_ref().map_or("", |t| t.0.trim());
    match format::normalise(text).as_str() {
        "compute" | "computed" | "计算" | "算出" | "true" => true,
        "" | "blank" | "as-written" | "照写" | "留空" | "false" => false,
        _ => {
            diags.push(
                Diagnostic::error(
                    "E-DISCLOSURE-TOTALS-OPTION",
                    format!("totals 的值“{text}”不认识"),
                )
                .at_opt(place(file, value))
                .path("disclosure.totals")
                .hint("totals: compute 没写的总计由分项算出；totals: blank 没写的总计留空（默认，与原表一致）"),
            );
            false
        }
    }
}
