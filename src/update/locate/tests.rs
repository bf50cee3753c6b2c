//! Unit tests of the locator: a figure found again in an edited DOCX by the text on each side.
use super::*;
use crate::render::docx::anchor::CellAt;
use crate::wordml::{GridCell, Row};

fn para(text: &str, bookmark: Option<&str>) -> Paragraph {
    Paragraph {
        text: text.chars().collect(),
        bookmarks: bookmark.map(|b| vec![b.to_string()]).unwrap_or_default(),
        ..Paragraph::default()
    }
}

fn placement(text: &str, before: &str, after: &str) -> Placement {
    Placement {
        call: "fig(key=k)".into(),
        key: "k".into(),
        name: "甲".into(),
        text: text.into(),
        paragraph: 1,
        before: before.into(),
        after: after.into(),
        cell: None,
    }
}

fn find(paragraphs: &[Paragraph], p: &Placement) -> Found {
    locate(
        &Document {
            paragraphs,
            tables: &[],
        },
        p,
    )
}

fn at(paragraph: usize, chars: Range<usize>) -> Place {
    Place { paragraph, chars }
}

#[test]
fn text_typed_on_one_side_leaves_the_other_side_to_find_it() {
    let p = placement("311881", "医保参保人数为", "人，参保率达");
    let ps = [para("据统计，医保参保人数为约311881人，参保率达", None)];
    assert_eq!(
        find(&ps, &p),
        Found::At {
            places: vec![at(0, 12..18)],
            how: How::Context
        }
    );
    let ps = [para("医保参保人数为311881（约数）人，参保率达", None)];
    assert!(matches!(find(&ps, &p), Found::At { .. }));
}

#[test]
fn a_number_inside_a_longer_number_is_not_the_figure() {
    // Never found inside `35` or `1.3`; with both sides standing it is a retype.
    let p = placement("3", "增长", "%");
    let ps = [para("同比增长35%，", None)];
    assert_eq!(
        find(&ps, &p),
        Found::Retyped {
            places: vec![at(0, 4..6)],
            text: "35".into()
        }
    );
    let q = placement("3", "增长", "");
    let ps = [para("同比增长1.3%，", None), para("增长35", None)];
    assert_eq!(find(&ps, &q), Found::Missing);
}

#[test]
fn both_sides_standing_with_another_number_between_is_a_retype() {
    let p = placement("44275", "金额。其中住院", "人次，基金支出");
    let ps = [para("金额。其中住院44280人次，基金支出", None)];
    assert_eq!(
        find(&ps, &p),
        Found::Retyped {
            places: vec![at(0, 7..12)],
            text: "44280".into()
        }
    );
    // Deleted: the two sides meet.
    let ps = [para("金额。其中住院人次，基金支出", None)];
    assert_eq!(find(&ps, &p), Found::Missing);
}

#[test]
fn copies_are_found_wherever_their_surroundings_are() {
    let p = placement("598532.80", "涉及医保基金", "元。保障了");
    let ps = [
        para("共37例，涉及医保基金598532.80元。保障了", Some("_fig3")),
        para("另：涉及医保基金598532.80元。保障了", None),
    ];
    let Found::At { places, .. } = find(&ps, &p) else {
        panic!("found");
    };
    assert_eq!(places.len(), 2);
}

#[test]
fn a_rewritten_sentence_is_found_in_its_anchored_paragraph_or_by_a_distinctive_value() {
    let mut p = placement("1071", "已办理", "件。");
    p.paragraph = 7;
    let ps = [
        para("截至年底累计办成1071项一件事。", Some("_fig7_Copy_1")),
        para("其他段落。", None),
    ];
    assert_eq!(
        find(&ps, &p),
        Found::At {
            places: vec![at(0, 8..12)],
            how: How::Paragraph
        }
    );
    let ps = [
        para("其他段落。", None),
        para("累计办成1071项一件事。", None),
    ];
    assert!(matches!(
        find(&ps, &p),
        Found::At {
            how: How::Value,
            ..
        }
    ));
    // A short value is not looked for by value alone.
    let q = placement("12", "已办理", "件。");
    let ps = [para("累计办成12项一件事。", None)];
    assert_eq!(find(&ps, &q), Found::Missing);
}

#[test]
fn short_surroundings_must_agree_on_both_sides() {
    // Between two figures only one character on each side: `为` alone does not decide.
    let p = placement("5", "为", "人");
    let ps = [para("人数为5岁", None)];
    assert_eq!(find(&ps, &p), Found::Missing);
    let ps = [para("人数为5人", None)];
    assert!(matches!(find(&ps, &p), Found::At { .. }));
}

#[test]
fn a_table_figure_is_looked_for_in_its_cell_by_row_label() {
    let mut p = placement("9", "", "");
    p.cell = Some(CellAt {
        table: 0,
        row: 2,
        column: 1,
        label: "新收申请".into(),
    });
    let mut label = para("新收申请", None);
    label.cell = Some((0, 3, 0));
    let mut cell = para("12", None);
    cell.cell = Some((0, 3, 1));
    let mut other = para("9", None);
    other.cell = Some((0, 2, 1));
    let row = |label: &str| Row {
        node: 0,
        cells: vec![GridCell {
            node: 0,
            column: 0,
            continues: false,
        }],
        label: label.into(),
    };
    // The writer inserted a row above: the label moved to row 3; its cell was retyped.
    let tables = [Table {
        node: 0,
        rows: vec![
            row("表头"),
            row("插入的行"),
            row("上年结转"),
            row("新收申请"),
        ],
    }];
    let ps = [label, cell, other];
    let doc = Document {
        paragraphs: &ps,
        tables: &tables,
    };
    assert_eq!(
        locate(&doc, &p),
        Found::Retyped {
            places: vec![at(1, 0..2)],
            text: "12".into()
        }
    );
}
