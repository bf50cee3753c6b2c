//! The disclosure check: format selection, names resolved (with “did you mean”), cells read,
//! totals computed, the format's rules (勾稽关系) checked, blanks reported.

use super::cell::{self, Parsed};
use super::format::{self, Each, Format, Layout, Named, RowDef, RuleDef, TableDef};
use super::input::{DisclosureInput, Entries};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{BlankStyle, CellData, CellState, DisclosureData, FormatId, TableData};
use crate::model::{Meta, Origin};
use crate::yaml::{self, Spanned, Text};
use rust_decimal::Decimal;

/// Checks the `disclosure` part of `file` and completes it (totals left out are computed).
pub fn check(
    input: &DisclosureInput,
    meta: &Meta,
    file: &str,
) -> (DisclosureData, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let formats = match format::formats() {
        Ok(f) => f,
        Err(e) => {
            diags.push(Diagnostic::error("E-DISCLOSURE-INTERNAL", e));
            return (DisclosureData::default(), diags);
        }
    };

    let id = choose_format(input, meta, file, formats, &mut diags);
    let format = formats.get(id);
    let other = formats.get(id.other());
    let blank = choose_blank(input, file, &mut diags);
    let mut data = DisclosureData {
        format: id,
        blank,
        tables: format
            .tables
            .iter()
            .map(|t| TableData {
                id: t.id.clone(),
                location: None,
                cells: t
                    .rows
                    .iter()
                    .map(|r| vec![CellData::default(); r.columns.len()])
                    .collect(),
            })
            .collect(),
    };

    for table_input in &input.tables {
        let name = &table_input.name;
        let Some((ti, def)) = format::find(&format.tables, &name.value) else {
            let mut d = Diagnostic::error(
                "E-DISCLOSURE-UNKNOWN-TABLE",
                format!("没有名为“{}”的表", name.value),
            )
            .at_opt(place(file, &name))
            .path(format!("disclosure.{}", name.value));
            d = match format::suggest(&format.tables, &name.value) {
                Some(t) => d.hint(format!("是不是 {}？", t.shown())),
                None => d.hint(format!(
                    "表名可写 {}；另可写 format、blank",
                    names_list(&format.tables)
                )),
            };
            diags.push(d);
            continue;
        };
        let table = &mut data.tables[ti];
        if table.location.is_some() {
            diags.push(
                Diagnostic::error(
                    "E-DISCLOSURE-DUPLICATE",
                    format!("{}写了两次（“{}”）", def.name(), name.value),
                )
                .at_opt(place(file, &name)),
            );
            continue;
        }
        table.location = place(file, &name).or_else(|| Some(Location::new(file, 0, 0)));
        let Entries::Map(rows) = &table_input.rows.value else {
            diags.push(
                Diagnostic::error(
                    "E-DISCLOSURE-NOT-MAP",
                    format!("{}应写成“行名: {{列名: 值, …}}”的映射", def.name()),
                )
                .at_opt(place(file, &table_input.rows)),
            );
            continue;
        };
        let other_def = other.table(&def.id);
        for (row_name, row_input) in rows {
            let Some((ri, row)) = def.find_row(&row_name.value) else {
                diags.push(unknown_row(def, other_def, format, other, row_name, file));
                continue;
            };
            let Entries::Map(cells) = &row_input.value else {
                diags.push(
                    Diagnostic::error(
                        "E-DISCLOSURE-NOT-MAP",
                        format!(
                            "{}“{}”行应写成“列名: 值”的映射，例如 {{{}: 0}}",
                            def.name(),
                            row.label(),
                            row.columns.first().map_or("", |c| c.id.as_str())
                        ),
                    )
                    .at_opt(place(file, &row_input)),
                );
                continue;
            };
            for (col_name, value) in cells {
                let Some((ci, col)) = row.find_column(&col_name.value) else {
                    diags.push(unknown_column(def, row, other_def, other, col_name, file));
                    continue;
                };
                let slot = &mut table.cells[ri][ci];
                let location = place(file, &value);
                if slot.origin.is_some() {
                    diags.push(
                        Diagnostic::error(
                            "E-DISCLOSURE-DUPLICATE",
                            format!("{}写了两次", cell_name(def, row, &col.label)),
                        )
                        .at_opt(place(file, &col_name)),
                    );
                    continue;
                }
                slot.origin = Some(Origin::Written(
                    location
                        .clone()
                        .unwrap_or_else(|| Location::new(file, 0, 0)),
                ));
                slot.state = read_cell(value, col, def, row, location, &mut diags);
            }
        }
    }

    for (def, table) in format.tables.iter().zip(data.tables.iter_mut()) {
        if table.location.is_none() {
            diags.push(Diagnostic::warning(
                "W-DISCLOSURE-TABLE-MISSING",
                format!(
                    "缺少{}（{}），整张表{}",
                    def.name(),
                    def.title,
                    match blank {
                        BlankStyle::Empty => "印出时留空",
                        BlankStyle::Zero => "印出时各格印作 0",
                    }
                ),
            ));
            continue;
        }
        compute_totals(def, table);
        for rule in &def.rules {
            check_rule(def, table, rule, &mut diags);
        }
        report_blanks(def, table, blank, &mut diags);
    }
    (data, diags)
}

/// Where a spanned value was written in `file`; `None` when the parser knows no place.
fn place<T>(file: &str, s: &Spanned<T>) -> Option<Location> {
    Some(yaml::at(file, s)).filter(|l| l.line > 0)
}

fn names_list<T: Named>(items: &[T]) -> String {
    items
        .iter()
        .map(Named::shown)
        .collect::<Vec<_>>()
        .join("、")
}

fn choose_format(
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
                    .at_opt(place(file, &value))
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
            .at_opt(place(file, &value))
            .path("disclosure.format")
            .hint("确需使用别的格式可保留；否则删去 format 一行，按报告年度选择"),
        );
    }
    named
}

fn choose_blank(input: &DisclosureInput, file: &str, diags: &mut Vec<Diagnostic>) -> BlankStyle {
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
                .at_opt(place(file, &value))
                .path("disclosure.blank")
                .hint("blank: blank 空白单元格留空（默认）；blank: zero 空白单元格印作 0"),
            );
            BlankStyle::Empty
        }
    }
}

/// `表三“一、本年新收政府信息公开申请数量”行“自然人”列`; 表四: `表四“行政复议 结果维持”列`.
pub(super) fn cell_name(def: &TableDef, row: &RowDef, column: &str) -> String {
    match def.layout {
        Layout::Groups => format!("{}“{} {}”列", def.name(), row.label(), column),
        _ => format!("{}“{}”行“{}”列", def.name(), row.label(), column),
    }
}

fn unknown_row(
    def: &TableDef,
    other_def: Option<&TableDef>,
    format: &Format,
    other: &Format,
    name: &Spanned<String>,
    file: &str,
) -> Diagnostic {
    let at = place(file, &name);
    if let Some((_, row)) = other_def.and_then(|o| format::find(&o.rows, &name.value)) {
        let mut d = Diagnostic::error(
            "E-DISCLOSURE-OTHER-FORMAT",
            format!(
                "“{}”（{}）是{}{}的行，本报告用的{}没有这一行",
                name.value,
                row.label(),
                other.describe(),
                def.name(),
                format.describe()
            ),
        )
        .at_opt(at);
        let children: Vec<&str> = def
            .rows
            .iter()
            .filter(|r| r.path.len() > row.path.len() && r.path.starts_with(&row.path))
            .map(|r| r.id.as_str())
            .collect();
        let parent = &row.path[..row.path.len().saturating_sub(1)];
        if let Some(near) = format::suggest(&def.rows, &name.value)
            .or_else(|| format::suggest(&def.rows, row.short_label()))
        {
            d = d.hint(format!("本格式相近的行：{}", near.shown()));
        } else if !children.is_empty() {
            d = d.hint(format!(
                "本格式把“{}”分为 {} 行：{}",
                row.short_label(),
                children.len(),
                children.join("、")
            ));
        } else if let Some((_, section)) = def.find_row(&parent.concat()) {
            d = d.hint(format!("本格式对应的行：{}", section.shown()));
        } else {
            d = d.hint(format!(
                "{}的{}没有对应的行，请删去这一行",
                format.describe(),
                def.name()
            ));
        }
        return d;
    }
    let d = Diagnostic::error(
        "E-DISCLOSURE-UNKNOWN-ROW",
        format!("{}没有名为“{}”的行", def.name(), name.value),
    )
    .at_opt(at);
    match format::suggest(&def.rows, &name.value) {
        Some(r) => d.hint(format!("是不是 {}？", r.shown())),
        None => d.hint(format!(
            "{}的行：{}",
            def.name(),
            def.rows
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
                .join("、")
        )),
    }
}

fn unknown_column(
    def: &TableDef,
    row: &RowDef,
    other_def: Option<&TableDef>,
    other: &Format,
    name: &Spanned<String>,
    file: &str,
) -> Diagnostic {
    let at = place(file, &name);
    let other_col = other_def
        .and_then(|o| o.row(&row.id).and_then(|i| o.rows.get(i)))
        .and_then(|r| format::find(&r.columns, &name.value));
    let shown = || names_list(&row.columns);
    if let Some((_, col)) = other_col {
        return Diagnostic::error(
            "E-DISCLOSURE-OTHER-FORMAT",
            format!(
                "“{}”（{}）是{}{}“{}”行的列，本报告的格式没有这一列",
                name.value,
                col.label,
                other.describe(),
                def.name(),
                row.label()
            ),
        )
        .at_opt(at)
        .hint(format!("这一行的列：{}", shown()));
    }
    let d = Diagnostic::error(
        "E-DISCLOSURE-UNKNOWN-COLUMN",
        format!(
            "{}“{}”行没有名为“{}”的列",
            def.name(),
            row.label(),
            name.value
        ),
    )
    .at_opt(at);
    match format::suggest(&row.columns, &name.value) {
        Some(c) => d.hint(format!("是不是 {}？", c.shown())),
        None => d.hint(format!("这一行的列：{}", shown())),
    }
}

fn read_cell(
    value: &Spanned<Option<Text>>,
    col: &format::ColumnDef,
    def: &TableDef,
    row: &RowDef,
    location: Option<Location>,
    diags: &mut Vec<Diagnostic>,
) -> CellState {
    let Some(Text(text)) = &value.value else {
        return CellState::Blank;
    };
    match cell::parse(col.kind, text, &col.units) {
        Ok(Parsed::Blank) => CellState::Blank,
        Ok(Parsed::Pending) => CellState::Pending,
        Ok(Parsed::Value(v)) => CellState::Value {
            text: text.trim().to_string(),
            value: v,
        },
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    e.code,
                    format!(
                        "{}的值 {} {}",
                        cell_name(def, row, &col.label),
                        text.trim(),
                        e.problem
                    ),
                )
                .at_opt(location)
                .hint(e.hint),
            );
            CellState::Invalid(text.trim().to_string())
        }
    }
}

/// The (row, column) cells of one rule instance: `line` is the row (each row) or column index.
fn instance(
    def: &TableDef,
    each: Each,
    line: usize,
    names: &[&str],
) -> Vec<Option<(usize, usize)>> {
    names
        .iter()
        .map(|n| match each {
            Each::Row => def.rows.get(line)?.column(n).map(|c| (line, c)),
            Each::Column => def.row(n).map(|r| (r, line)),
        })
        .collect()
}

/// How many rows (each row) or columns (each column) a rule runs over.
fn lines(def: &TableDef, each: Each) -> usize {
    match each {
        Each::Row => def.rows.len(),
        Each::Column => def.columns().len(),
    }
}

fn compute_totals(def: &TableDef, table: &mut TableData) {
    for _pass in 0..3 {
        let mut changed = false;
        for rule in def.rules.iter().filter(|r| r.total.is_some()) {
            let (left, right) = rule.sides();
            for line in 0..lines(def, rule.each) {
                let Some(Some((tr, tc))) = instance(def, rule.each, line, &left).first().copied()
                else {
                    continue;
                };
                if !table.cells[tr][tc].is_blank() {
                    continue;
                }
                let parts: Vec<&CellData> = instance(def, rule.each, line, &right)
                    .into_iter()
                    .flatten()
                    .map(|(r, c)| &table.cells[r][c])
                    .collect();
                if parts.iter().all(|p| p.is_blank()) {
                    continue;
                }
                let Some(sum) = parts
                    .iter()
                    .map(|p| p.rule_value())
                    .sum::<Option<Decimal>>()
                else {
                    continue;
                };
                table.cells[tr][tc] = CellData {
                    state: CellState::Value {
                        text: sum.normalize().to_string(),
                        value: sum,
                    },
                    origin: Some(Origin::Computed {
                        rule: rule.text.clone(),
                    }),
                };
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The name of a term in a rule: a row's short label (each column) or a column's label (each row).
fn term_name(def: &TableDef, each: Each, (r, c): (usize, usize)) -> String {
    match each {
        Each::Column => def
            .rows
            .get(r)
            .map_or(String::new(), |x| x.short_label().to_string()),
        Each::Row => def
            .rows
            .get(r)
            .and_then(|x| x.columns.get(c))
            .map_or(String::new(), |x| x.label.clone()),
    }
}

fn shown_value(cell: &CellData) -> String {
    match &cell.state {
        CellState::Value { text, .. } => text.clone(),
        _ => "空白".to_string(),
    }
}

/// `a 1 + b 2 = 3` (long sums list only the non-zero terms).
fn side(
    def: &TableDef,
    each: Each,
    table: &TableData,
    cells: &[(usize, usize)],
    sum: Decimal,
) -> String {
    let long = cells.len() > 7;
    let mut terms = Vec::new();
    let mut left_out = false;
    for &(r, c) in cells {
        let cell = &table.cells[r][c];
        if long && cell.rule_value().unwrap_or_default().is_zero() {
            left_out = true;
            continue;
        }
        terms.push(format!(
            "{} {}",
            term_name(def, each, (r, c)),
            shown_value(cell)
        ));
    }
    let mut s = if terms.is_empty() {
        "各项".to_string()
    } else {
        terms.join(" + ")
    };
    if left_out {
        s.push_str("（其余各项为 0 或空白）");
    }
    if cells.len() > 1 {
        s.push_str(&format!(" = {}", sum.normalize()));
    }
    s
}

fn line_name(def: &TableDef, each: Each, line: usize) -> String {
    match (each, def.layout) {
        (Each::Row, Layout::Groups) => format!(
            "{}“{}”栏",
            def.name(),
            def.rows.get(line).map_or(String::new(), RowDef::label)
        ),
        (Each::Row, _) => format!(
            "{}“{}”行",
            def.name(),
            def.rows.get(line).map_or(String::new(), RowDef::label)
        ),
        (Each::Column, _) => format!(
            "{}“{}”列",
            def.name(),
            def.columns().get(line).map_or("", |c| c.label.as_str())
        ),
    }
}

fn check_rule(def: &TableDef, table: &TableData, rule: &RuleDef, diags: &mut Vec<Diagnostic>) {
    let (left, right) = rule.sides();
    for line in 0..lines(def, rule.each) {
        let l: Vec<(usize, usize)> = instance(def, rule.each, line, &left)
            .into_iter()
            .flatten()
            .collect();
        let r: Vec<(usize, usize)> = instance(def, rule.each, line, &right)
            .into_iter()
            .flatten()
            .collect();
        let cells = |v: &[(usize, usize)]| {
            v.iter()
                .map(|&(a, b)| &table.cells[a][b])
                .collect::<Vec<_>>()
        };
        let (lc, rc) = (cells(&l), cells(&r));
        if lc.iter().chain(&rc).all(|c| c.is_blank()) {
            continue;
        }
        let sum = |v: &[&CellData]| v.iter().map(|c| c.rule_value()).sum::<Option<Decimal>>();
        let (Some(ls), Some(rs)) = (sum(&lc), sum(&rc)) else {
            continue;
        };
        if ls == rs {
            continue;
        }
        let location = lc
            .iter()
            .chain(&rc)
            .find_map(|c| c.location().filter(|l| l.line > 0).cloned())
            .or_else(|| table.location.clone());
        let mut d = Diagnostic::error(
            rule.code.clone(),
            format!(
                "{}不平：{} ≠ {}（相差 {}）",
                line_name(def, rule.each, line),
                side(def, rule.each, table, &l, ls),
                side(def, rule.each, table, &r, rs),
                (ls - rs).abs().normalize()
            ),
        )
        .at_opt(location)
        .hint(format!("规则：{}", rule.text));
        if let Some(other) = rc.iter().find_map(|c| c.location().filter(|l| l.line > 0))
            && Some(other) != d.location.as_ref()
        {
            d = d.related(other.clone(), "等式另一边的数在这里");
        }
        diags.push(d);
    }
}

fn report_blanks(
    def: &TableDef,
    table: &TableData,
    blank: BlankStyle,
    diags: &mut Vec<Diagnostic>,
) {
    let mut count = 0;
    let mut first: Option<(String, Option<Location>)> = None;
    let mut pending = 0;
    let mut first_pending = None;
    for (row, cells) in def.rows.iter().zip(&table.cells) {
        for (col, cell) in row.columns.iter().zip(cells) {
            if cell.is_blank() {
                count += 1;
                if first.is_none() {
                    first = Some((cell_name(def, row, &col.label), cell.location().cloned()));
                }
            } else if cell.state == CellState::Pending {
                pending += 1;
                if first_pending.is_none() {
                    first_pending =
                        Some((cell_name(def, row, &col.label), cell.location().cloned()));
                }
            }
        }
    }
    if let Some((name, location)) = first {
        let (how, hint) = match blank {
            BlankStyle::Empty => (
                "印出时留空",
                "确实是 0 的请填 0；要把空白印成 0，在 disclosure 下写 blank: zero",
            ),
            BlankStyle::Zero => ("印出时印作 0（blank: zero）", "确实是 0 的请填 0"),
        };
        diags.push(
            Diagnostic::warning(
                "W-DISCLOSURE-BLANK",
                format!(
                    "{}有 {count} 个空白单元格（第一个是{name}）：空白不等于 0，核对勾稽关系时按 0 计，{how}",
                    def.name()
                ),
            )
            .at_opt(location.or_else(|| table.location.clone()))
            .hint(hint),
        );
    }
    if let Some((name, location)) = first_pending {
        diags.push(
            Diagnostic::warning(
                "W-DISCLOSURE-PENDING",
                format!(
                    "{}有 {pending} 个待填（XX）单元格（第一个是{name}），相关勾稽关系未核对",
                    def.name()
                ),
            )
            .at_opt(location.or_else(|| table.location.clone())),
        );
    }
}
