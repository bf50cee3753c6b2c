//! The spec's layout of every statutory table (shared/spec/disclosure-format.md §2.3–2.5,
//! §3.3–3.5): size, merged cells and labels, and how to read the same from a document table.

use wengao::document::{Inline, Slot, Table};

// ---------------------------------------------------------------------------------------------
// Grid structure against the spec (shared/spec/disclosure-format.md §2.3–2.5, §3.3–3.5)
// ---------------------------------------------------------------------------------------------

/// A placed cell: 1-based row and column, spans, text.
pub type Placed = (usize, usize, usize, usize, String);

/// Every cell of a grid in reading order.
pub fn placed(t: &Table) -> Vec<(Placed, bool)> {
    let mut v = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        for (c, slot) in row.iter().enumerate() {
            if let Slot::Cell(cell) = slot {
                v.push((
                    (
                        r + 1,
                        c + 1,
                        cell.row_span,
                        cell.col_span,
                        Inline::plain(&cell.content),
                    ),
                    cell.header,
                ));
            }
        }
    }
    v
}

/// The layout a rendering shows: size, merged cells, label texts in order.
#[derive(Debug, PartialEq, Eq)]
pub struct Shape {
    pub rows: usize,
    pub columns: usize,
    pub merged: Vec<Placed>,
    pub labels: Vec<String>,
}

pub fn shape_of(t: &Table) -> Shape {
    let cells = placed(t);
    Shape {
        rows: t.rows.len(),
        columns: t.columns.len(),
        merged: cells
            .iter()
            .filter(|((_, _, rs, cs, _), _)| *rs > 1 || *cs > 1)
            .map(|(p, _)| p.clone())
            .collect(),
        labels: cells
            .iter()
            .filter(|(_, header)| *header)
            .map(|(p, _)| p.4.clone())
            .collect(),
    }
}

pub fn m(r: usize, c: usize, rs: usize, cs: usize, t: &str) -> Placed {
    (r, c, rs, cs, t.to_string())
}

pub fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

pub const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

pub fn spec_table2_2021() -> Shape {
    Shape {
        rows: 14,
        columns: 4,
        merged: vec![
            m(1, 1, 1, 4, "第二十条第（一）项"),
            m(5, 1, 1, 4, "第二十条第（五）项"),
            m(6, 2, 1, 3, "本年处理决定数量"),
            m(7, 2, 1, 3, "0"),
            m(8, 1, 1, 4, "第二十条第（六）项"),
            m(9, 2, 1, 3, "本年处理决定数量"),
            m(10, 2, 1, 3, "7"),
            m(11, 2, 1, 3, "0"),
            m(12, 1, 1, 4, "第二十条第（八）项"),
            m(13, 2, 1, 3, "本年收费金额（单位：万元）"),
            m(14, 2, 1, 3, "0.00"),
        ],
        labels: strings(&[
            "第二十条第（一）项",
            "信息内容",
            "本年制发件数",
            "本年废止件数",
            "现行有效件数",
            "规章",
            "行政规范性文件",
            "第二十条第（五）项",
            "信息内容",
            "本年处理决定数量",
            "行政许可",
            "第二十条第（六）项",
            "信息内容",
            "本年处理决定数量",
            "行政处罚",
            "行政强制",
            "第二十条第（八）项",
            "信息内容",
            "本年收费金额（单位：万元）",
            "行政事业性收费",
        ]),
    }
}

pub fn spec_table2_2019() -> Shape {
    Shape {
        rows: 18,
        columns: 4,
        merged: vec![
            m(1, 1, 1, 4, "第二十条第（一）项"),
            m(5, 1, 1, 4, "第二十条第（五）项"),
            m(9, 1, 1, 4, "第二十条第（六）项"),
            m(13, 1, 1, 4, "第二十条第（八）项"),
            m(16, 1, 1, 4, "第二十条第（九）项"),
        ],
        labels: strings(&[
            "第二十条第（一）项",
            "信息内容",
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
            "规章",
            "规范性文件",
            "第二十条第（五）项",
            "信息内容",
            "上一年项目数量",
            "本年增/减",
            "处理决定数量",
            "行政许可",
            "其他对外管理服务事项",
            "第二十条第（六）项",
            "信息内容",
            "上一年项目数量",
            "本年增/减",
            "处理决定数量",
            "行政处罚",
            "行政强制",
            "第二十条第（八）项",
            "信息内容",
            "上一年项目数量",
            "本年增/减",
            "",
            "行政事业性收费",
            "第二十条第（九）项",
            "信息内容",
            "采购项目数量",
            "采购总金额",
            "",
            "政府集中采购",
        ]),
    }
}

pub fn table3_labels(y2021: bool) -> Vec<String> {
    let mut v = strings(&[
        NOTE,
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "总计",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "（四）无法提供",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "（五）不予处理",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "（六）其他处理",
    ]);
    if y2021 {
        v.extend(strings(&[
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ]));
    }
    v.extend(strings(&["（七）总计", "四、结转下年度继续办理"]));
    v
}

pub fn spec_table3(y2021: bool) -> Shape {
    let head = vec![
        m(1, 1, 3, 3, NOTE),
        m(1, 4, 1, 7, "申请人情况"),
        m(2, 4, 2, 1, "自然人"),
        m(2, 5, 1, 5, "法人或其他组织"),
        m(2, 10, 2, 1, "总计"),
        m(4, 1, 1, 3, "一、本年新收政府信息公开申请数量"),
        m(5, 1, 1, 3, "二、上年结转政府信息公开申请数量"),
    ];
    let mut merged = head;
    if y2021 {
        merged.extend([
            m(6, 1, 22, 1, "三、本年度办理结果"),
            m(6, 2, 1, 2, "（一）予以公开"),
            m(
                7,
                2,
                1,
                2,
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            ),
            m(8, 2, 8, 1, "（三）不予公开"),
            m(16, 2, 3, 1, "（四）无法提供"),
            m(19, 2, 5, 1, "（五）不予处理"),
            m(24, 2, 3, 1, "（六）其他处理"),
            m(27, 2, 1, 2, "（七）总计"),
            m(28, 1, 1, 3, "四、结转下年度继续办理"),
        ]);
    } else {
        merged.extend([
            m(6, 1, 20, 1, "三、本年度办理结果"),
            m(6, 2, 1, 2, "（一）予以公开"),
            m(
                7,
                2,
                1,
                2,
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            ),
            m(8, 2, 8, 1, "（三）不予公开"),
            m(16, 2, 3, 1, "（四）无法提供"),
            m(19, 2, 5, 1, "（五）不予处理"),
            m(24, 2, 1, 2, "（六）其他处理"),
            m(25, 2, 1, 2, "（七）总计"),
            m(26, 1, 1, 3, "四、结转下年度继续办理"),
        ]);
    }
    Shape {
        rows: if y2021 { 28 } else { 26 },
        columns: 10,
        merged,
        labels: table3_labels(y2021),
    }
}

pub fn spec_table4() -> Shape {
    Shape {
        rows: 4,
        columns: 15,
        merged: vec![
            m(1, 1, 1, 5, "行政复议"),
            m(1, 6, 1, 10, "行政诉讼"),
            m(2, 1, 2, 1, "结果维持"),
            m(2, 2, 2, 1, "结果纠正"),
            m(2, 3, 2, 1, "其他结果"),
            m(2, 4, 2, 1, "尚未审结"),
            m(2, 5, 2, 1, "总计"),
            m(2, 6, 1, 5, "未经复议直接起诉"),
            m(2, 11, 1, 5, "复议后起诉"),
        ],
        labels: strings(&[
            "行政复议",
            "行政诉讼",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            "复议后起诉",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
        ]),
    }
}

/// The data cells' texts of grid row `r` (1-based), in order.
pub fn row_text(t: &Table, r: usize) -> Vec<String> {
    placed(t)
        .into_iter()
        .filter(|((row, ..), header)| *row == r && !header)
        .map(|((.., text), _)| text)
        .collect()
}
