//! Sample documents for the DOCX backend: a work summary with every heading level, the statutory
//! disclosure tables 三 (10 columns, merged header) and 四 (15 columns, landscape), attachments.
//!
//! Shared by `examples/docx_fixtures` (writes the files the Python reader checks) and `tests/docx.rs`.

#![allow(dead_code)]

use wengao::document::{
    Align, Attachment, Block, Cell, Column, Document, FigureRef, GridError, Heading, Inline,
    SignOff, Table, TableBuilder,
};

pub fn text(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

pub fn fig(s: &str, key: &str) -> Inline {
    Inline::Figure(FigureRef {
        text: s.to_string(),
        key: key.to_string(),
        source: None,
        pending: false,
        anchor: format!("fig(key={key})"),
        name: key.to_string(),
    })
}

pub fn heading(level: u8, number: &str, title: &str, run_in: Option<Vec<Inline>>) -> Block {
    Block::Heading(Heading {
        level,
        number: number.to_string(),
        content: vec![text(title)],
        run_in,
    })
}

pub fn para(parts: Vec<Inline>) -> Block {
    Block::Paragraph(parts)
}

/// A realistic annual summary (after seed 000): all four heading levels, run-in headings,
/// figures, bold text, an attachment note, the sign-off and two attachments with tables.
pub fn summary() -> Result<Document, GridError> {
    let blocks = vec![
        heading(1, "一、", "2020年度工作总结", None),
        heading(2, "（一）", "城乡居民参保筹资及基金使用情况", None),
        para(vec![
            text("2020年度城乡居民医保参保人数为"),
            fig("311881", "居民参保人数"),
            text("人，参保率达"),
            fig("99.87%", "居民参保率"),
            text(
                "。筹资标准从2019年度的每人每年1000元提高到1340元，其中个人缴纳480元，各级财政补助860元，总筹资额",
            ),
            fig("42905.96", "居民筹资总额"),
            text("万元。"),
        ]),
        para(vec![
            text(
                "截至2020年12月底，全县共审核就诊结算228.5万人次，累计基金支出金额31069.08万元。其中住院44275人次，基金支出金额21724.78万元，人均基金支出达4906.78元；门诊就诊224.08万人次，基金支出金额达9300.69万元，",
            ),
            Inline::Strong(vec![text("当年度结余约12484.52万元")]),
            text("，累计结余资金为35657.5万元。"),
        ]),
        heading(
            2,
            "（二）",
            "加强对定点医药机构、欺诈骗保和意外伤害的稽核与管理",
            None,
        ),
        heading(
            3,
            "1.",
            "对定点医疗机构的稽核和监管。",
            Some(vec![
                text("根据《台州市基本医疗保险定点医药机构协议管理办法》相关文件，我县对"),
                fig("43", "稽核医疗机构数"),
                text(
                    "家定点医疗机构进行了实地稽核和监控视频稽查，其中告诫3家次，暂停医保服务协议3家次，限期整改6家次，追回违规基金957315.46元。",
                ),
            ]),
        ),
        heading(
            3,
            "2.",
            "对定点零售药店的稽核和监管。",
            Some(vec![text(
                "我县对69家定点零售药店进行了实地稽核和监控视频稽查，其中暂停医保服务协议12家次，解除医保服务协议1家，限期整改20家次，追回违规基金47885.39元。",
            )]),
        ),
        heading(3, "3.", "两定机构医保服务协议管理", None),
        heading(4, "（1）", "受理申请", None),
        para(vec![text(
            "2020年度，我县共受理30家医药机构纳入医保协议管理的申请。经资料审核、现场查勘及综合评估并公示，共25家单位符合定点医药机构协议管理条件。",
        )]),
        heading(
            4,
            "（2）",
            "待遇稽核。",
            Some(vec![text(
                "我县2020年度共稽查大额发票、发票复印件37例，涉及医保基金598532.80元。",
            )]),
        ),
        heading(1, "二、", "2021年度工作计划", None),
        heading(
            2,
            "（一）",
            "力争参保扩面全覆盖。",
            Some(vec![text(
                "户籍参保率达到99.5%以上，确保医疗救助政策落实率和符合条件困难群众资助参保率两个100%，做到应保尽保、应救尽救、即时结报。",
            )]),
        ),
        para(vec![text(
            "一是推动经办服务扩面延伸。优化“网上办”“掌上办”事项流程，提升用户体验感。二是推动经办服务提质增效。2021年底，实现谈判药品市内定点药店直接刷卡结算。",
        )]),
    ];
    Ok(Document {
        title: "三门县医疗保障服务中心\n2020年度工作总结和2021年度工作计划".to_string(),
        blocks,
        attachment_note: vec![
            "2020年度收到和处理政府信息公开申请情况".to_string(),
            "2020年度政府信息公开行政复议、行政诉讼情况".to_string(),
        ],
        sign_off: Some(SignOff {
            agency: "三门县医疗保障服务中心".to_string(),
            date: "2021年1月7日".to_string(),
        }),
        attachments: vec![
            Attachment {
                number: 1,
                title: "2020年度收到和处理政府信息公开申请情况".to_string(),
                blocks: vec![Block::Table(table_three()?)],
            },
            Attachment {
                number: 2,
                title: "2020年度政府信息公开行政复议、行政诉讼情况".to_string(),
                blocks: vec![Block::Table(table_four()?)],
            },
        ],
    })
}

/// A one-page document: title, one heading, one paragraph, sign-off.
pub fn simple() -> Document {
    Document {
        title: "关于医保工作的简要报告".to_string(),
        blocks: vec![
            heading(1, "一、", "基本情况", None),
            para(vec![
                text("今年以来，我局认真贯彻落实上级决策部署，各项工作稳步推进。参保人数达到"),
                fig("311881", "参保人数"),
                text("人。"),
            ]),
        ],
        attachment_note: Vec::new(),
        sign_off: Some(SignOff {
            agency: "某县医疗保障局".to_string(),
            date: "2021年1月7日".to_string(),
        }),
        attachments: Vec::new(),
    }
}

/// The disclosure report's tables in the body: 表三 (portrait) and 表四 (landscape section).
pub fn tables() -> Result<Document, GridError> {
    Ok(Document {
        title: "某县医疗保障局2020年政府信息公开工作年度报告".to_string(),
        blocks: vec![
            heading(1, "二、", "主动公开政府信息情况", None),
            Block::Table(table_two()?),
            heading(1, "三、", "收到和处理政府信息公开申请情况", None),
            Block::Table(table_three()?),
            heading(1, "四、", "政府信息公开行政复议、行政诉讼情况", None),
            Block::Table(table_four()?),
            heading(1, "五、", "存在的主要问题及改进情况", None),
            para(vec![text(
                "一是公开内容还不够全面；二是公开形式还不够多样。下一步，我局将进一步加强政府信息公开工作。",
            )]),
        ],
        attachment_note: Vec::new(),
        sign_off: None,
        attachments: Vec::new(),
    })
}

fn cols(widths: &[u32]) -> Vec<Column> {
    widths
        .iter()
        .map(|&width| Column {
            width,
            align: Align::Right,
        })
        .collect()
}

fn n(v: u32) -> Cell {
    Cell::data(vec![Inline::Text(v.to_string())])
}

fn label_left(s: &str) -> Cell {
    Cell::label(s).align(Align::Left)
}

/// 表二 主动公开政府信息情况: 4 columns × 14 rows, section rows across all columns and data
/// cells spanning C2–C4 (disclosure spec §2.3).
pub fn table_two() -> Result<Table, GridError> {
    let mut b = TableBuilder::new("主动公开", cols(&[4, 3, 3, 3]), 0);
    let section =
        |b: &mut TableBuilder, r: usize, s: &str| b.place(r, 0, Cell::label(s).span(1, 4));
    section(&mut b, 0, "第二十条第（一）项")?;
    for (c, l) in ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
        .iter()
        .enumerate()
    {
        b.place(1, c, Cell::label(*l))?;
    }
    for (r, l) in [(2, "规章"), (3, "行政规范性文件")] {
        b.place(r, 0, Cell::label(l))?;
        for c in 1..4 {
            b.place(r, c, n(r as u32 + c as u32))?;
        }
    }
    let groups: [(usize, &str, &str, &[&str]); 3] = [
        (4, "第二十条第（五）项", "本年处理决定数量", &["行政许可"]),
        (
            7,
            "第二十条第（六）项",
            "本年处理决定数量",
            &["行政处罚", "行政强制"],
        ),
        (
            11,
            "第二十条第（八）项",
            "本年收费金额（单位：万元）",
            &["行政事业性收费"],
        ),
    ];
    for (r, title, what, items) in groups {
        section(&mut b, r, title)?;
        b.place(r + 1, 0, Cell::label("信息内容"))?;
        b.place(r + 1, 1, Cell::label(what).span(1, 3))?;
        for (i, item) in items.iter().enumerate() {
            b.place(r + 2 + i, 0, Cell::label(*item))?;
            b.place(r + 2 + i, 1, Cell::data(vec![text("96171.6")]).span(1, 3))?;
        }
    }
    b.build()
}

/// 表三 收到和处理政府信息公开申请情况: 10 columns, 3 header rows + 25 body rows, merges per
/// `../shared/spec/disclosure-format.md` §2.4.
pub fn table_three() -> Result<Table, GridError> {
    let mut b = TableBuilder::new("申请情况", cols(&[3, 4, 8, 3, 3, 3, 3, 3, 3, 3]), 3)
        .title("收到和处理政府信息公开申请情况");
    b.place(
        0,
        0,
        Cell::label("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
            .span(3, 3),
    )?;
    b.place(0, 3, Cell::label("申请人情况").span(1, 7))?;
    b.place(1, 3, Cell::label("自然人").span(2, 1))?;
    b.place(1, 4, Cell::label("法人或其他组织").span(1, 5))?;
    b.place(1, 9, Cell::label("总计").span(2, 1))?;
    for (i, l) in [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    .iter()
    .enumerate()
    {
        b.place(2, 4 + i, Cell::label(*l))?;
    }
    let groups: [(&str, &[&str]); 6] = [
        ("（一）予以公开", &[]),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            &[],
        ),
        (
            "（三）不予公开",
            &[
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益",
                "5.属于三类内部事务信息",
                "6.属于四类过程性信息",
                "7.属于行政执法案卷",
                "8.属于行政查询事项",
            ],
        ),
        (
            "（四）无法提供",
            &[
                "1.本机关不掌握相关政府信息",
                "2.没有现成信息需要另行制作",
                "3.补正后申请内容仍不明确",
            ],
        ),
        (
            "（五）不予处理",
            &[
                "1.信访举报投诉类申请",
                "2.重复申请",
                "3.要求提供公开出版物",
                "4.无正当理由大量反复申请",
                "5.要求行政机关确认或重新出具已获取信息",
            ],
        ),
        (
            "（六）其他处理",
            &[
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "3.其他",
            ],
        ),
    ];
    let data = |b: &mut TableBuilder, r: usize, seed: u32| -> Result<(), GridError> {
        let mut total = 0;
        for c in 0..6 {
            let v = (seed * 7 + c * 3) % 11;
            total += v;
            b.place(r, 3 + c as usize, n(v))?;
        }
        b.place(r, 9, n(total))
    };
    let mut r = 3;
    b.place(
        r,
        0,
        label_left("一、本年新收政府信息公开申请数量").span(1, 3),
    )?;
    data(&mut b, r, 1)?;
    r += 1;
    b.place(
        r,
        0,
        label_left("二、上年结转政府信息公开申请数量").span(1, 3),
    )?;
    data(&mut b, r, 2)?;
    r += 1;
    b.place(r, 0, label_left("三、本年度办理结果").span(22, 1))?;
    for (g, items) in groups {
        if items.is_empty() {
            b.place(r, 1, label_left(g).span(1, 2))?;
            data(&mut b, r, r as u32)?;
            r += 1;
        } else {
            b.place(r, 1, label_left(g).span(items.len(), 1))?;
            for item in items {
                b.place(r, 2, label_left(item))?;
                data(&mut b, r, r as u32)?;
                r += 1;
            }
        }
    }
    b.place(r, 1, label_left("（七）总计").span(1, 2))?;
    data(&mut b, r, 99)?;
    r += 1;
    b.place(r, 0, label_left("四、结转下年度继续办理").span(1, 3))?;
    data(&mut b, r, 3)?;
    b.build()
}

/// 表四 政府信息公开行政复议、行政诉讼情况: 15 columns × 4 rows (landscape).
pub fn table_four() -> Result<Table, GridError> {
    let mut b = TableBuilder::new("复议诉讼", cols(&[1; 15]), 3)
        .title("政府信息公开行政复议、行政诉讼情况");
    b.place(0, 0, Cell::label("行政复议").span(1, 5))?;
    b.place(0, 5, Cell::label("行政诉讼").span(1, 10))?;
    let results = ["维持", "纠正", "其他结果", "尚未审结", "总计"];
    for (i, l) in results.iter().enumerate() {
        b.place(1, i, Cell::label(*l).span(2, 1))?;
    }
    b.place(1, 5, Cell::label("未经复议直接起诉").span(1, 5))?;
    b.place(1, 10, Cell::label("复议后起诉").span(1, 5))?;
    for (i, l) in results.iter().chain(results.iter()).enumerate() {
        b.place(2, 5 + i, Cell::label(*l))?;
    }
    for c in 0..15 {
        b.place(3, c, n((c as u32 * 5) % 4))?;
    }
    b.build()
}

/// A crude conversion of a plain-text report (such as seed 000) into a document, for looking at
/// a long real text and for the benchmark: `一、` lines are level 1, `（一）` level 2, `1.`/`1、`
/// level 3 (run-in when a sentence follows the first `。`), the last two lines the sign-off.
pub fn from_plain_text(title: &str, plain: &str) -> Document {
    let lines: Vec<String> = plain
        .lines()
        .map(|l| {
            l.trim()
                .replace('(', "（")
                .replace(')', "）")
                .replace(',', "，")
        })
        .filter(|l| !l.is_empty())
        .collect();
    let n = lines.len();
    let (body, sign) = if n >= 2 && lines[n - 1].ends_with('日') {
        (
            &lines[..n - 2],
            Some((lines[n - 2].clone(), lines[n - 1].clone())),
        )
    } else {
        (&lines[..], None)
    };
    let mut blocks = Vec::new();
    for l in body {
        let split = |prefix_end: usize| -> (String, String) {
            let (num, rest) = l.split_at(prefix_end);
            (num.to_string(), rest.to_string())
        };
        let level1 = l
            .find('、')
            .filter(|&i| i > 0 && l[..i].chars().all(|c| "一二三四五六七八九十".contains(c)));
        let level2 = if l.starts_with('（') {
            l.find('）')
                .filter(|&i| l[3..i].chars().all(|c| "一二三四五六七八九十".contains(c)))
        } else {
            None
        };
        let level3 = l
            .char_indices()
            .find(|&(_, c)| c == '.' || c == '、')
            .filter(|&(i, _)| i > 0 && l[..i].chars().all(|c| c.is_ascii_digit()))
            .map(|(i, c)| i + c.len_utf8());
        let (level, cut) = match (level1, level2, level3) {
            (Some(i), _, _) => (1, i + '、'.len_utf8()),
            (_, Some(i), _) => (2, i + '）'.len_utf8()),
            (_, _, Some(end)) => (3, end),
            _ => (0, 0),
        };
        if level == 0 {
            blocks.push(para(vec![text(l)]));
            continue;
        }
        let (number, rest) = split(cut);
        let number = number.replace('、', if level == 3 { "." } else { "、" });
        match rest.find('。') {
            Some(i) if i + '。'.len_utf8() < rest.len() => {
                let (head, tail) = rest.split_at(i + '。'.len_utf8());
                blocks.push(heading(level, &number, head, Some(vec![text(tail)])));
            }
            _ => blocks.push(heading(level, &number, &rest, None)),
        }
    }
    Document {
        title: title.to_string(),
        blocks,
        attachment_note: Vec::new(),
        sign_off: sign.map(|(agency, date)| SignOff { agency, date }),
        attachments: Vec::new(),
    }
}

/// Odd input the backend must still turn into a valid DOCX: no title, XML-special and control
/// characters, out-of-range heading levels, empty paragraphs, adjacent tables, an empty table,
/// a long unbreakable figure, an attachment without blocks.
pub fn edge() -> Result<Document, GridError> {
    let mut small = TableBuilder::new("小表", cols(&[1, 1]), 1);
    small.place(0, 0, Cell::label("项目"))?;
    small.place(0, 1, Cell::label("数值"))?;
    small.place(1, 0, label_left("<a & b> \"引号\""))?;
    small.place(
        1,
        1,
        Cell::data(vec![text("123456789012345678901234567890")]),
    )?;
    let small = small.build()?;
    let empty = TableBuilder::new("空表", cols(&[1]), 0).build()?;
    Ok(Document {
        title: String::new(),
        blocks: vec![
            heading(0, "", "层级为零\u{1}的标题", None),
            heading(9, "（9）", "层级过深", Some(Vec::new())),
            para(Vec::new()),
            para(vec![text(
                "a < b && c > d; \"quoted\" 'single' \u{0}\u{b}end  two  spaces ",
            )]),
            Block::Table(small.clone()),
            Block::Table(small),
            Block::Table(empty),
            para(vec![Inline::Strong(vec![Inline::Strong(vec![text(
                "嵌套加粗",
            )])])]),
        ],
        attachment_note: vec!["只有一个附件".to_string()],
        sign_off: Some(SignOff {
            agency: "局".to_string(),
            date: "2021年12月31日".to_string(),
        }),
        attachments: vec![Attachment {
            number: 1,
            title: "空附件".to_string(),
            blocks: Vec::new(),
        }],
    })
}
