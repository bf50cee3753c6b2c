//! The phrasings real reports use, one sentence each, and what the scanner makes of them.

use super::phrases::{Cols, Rows, Term};
use super::scan::{Found, Meaning, Vocabulary, scan};

/// `term` as `row.col` (`xinshou.zongji`, `（三）不予公开*.zongji`).
fn term(t: &Term) -> String {
    let row = match t.1 {
        Rows::Id(id) => id.to_string(),
        Rows::Under(l) => format!("{l}*"),
        Rows::Index(i) => format!("#{i}"),
    };
    let col = match t.2 {
        Cols::Id(id) => id.to_string(),
        Cols::Legal => "法人".to_string(),
    };
    format!("{row}.{col}")
}

/// One found figure as `quote=value→reading|reading`.
fn shown(f: &Found) -> String {
    let meaning = match &f.meaning {
        Meaning::Cells(r) => r
            .iter()
            .map(|terms| terms.iter().map(term).collect::<Vec<_>>().join("+"))
            .collect::<Vec<_>>()
            .join("|"),
        Meaning::NoCell => "无格".to_string(),
        Meaning::NotUnderstood(why) => format!("?{why}"),
    };
    format!("{}={}→{meaning}", f.text, f.value)
}

/// Every figure of `text` (about 政府信息公开: a heading says so).
fn figures(text: &str) -> Vec<String> {
    let doc = format!("# 依申请公开政府信息情况\n{text}");
    scan(
        &doc,
        &Vocabulary::new([
            (4, "1.属于国家秘密".to_string()),
            (12, "1.本机关不掌握相关政府信息".to_string()),
        ]),
    )
    .iter()
    .map(shown)
    .collect()
}

#[test]
fn receipts_and_carry_overs() {
    assert_eq!(
        figures("全年共收到政府信息公开申请12件，上年结转2件；结转下年度继续办理1件。"),
        [
            "共收到政府信息公开申请12件=12→xinshou.zongji|xinshou.zongji+shangnian_jiezhuan.zongji",
            "上年结转2件=2→shangnian_jiezhuan.zongji",
            "结转下年度继续办理1件=1→xianian_jiezhuan.zongji",
        ]
    );
    assert_eq!(
        figures("本年度新收政府信息公开申请三件，上年度结转一件，顺延至下年度办理两件。"),
        [
            "新收政府信息公开申请三件=3→xinshou.zongji",
            "上年度结转一件=1→shangnian_jiezhuan.zongji",
            "顺延至下年度办理两件=2→xianian_jiezhuan.zongji",
        ]
    );
    assert_eq!(
        figures("共受理政府信息公开申请22件（含上年结转1件），结转至2022年继续办理0件。"),
        [
            "受理政府信息公开申请22件=22→xinshou.zongji|xinshou.zongji+shangnian_jiezhuan.zongji",
            "上年结转1件=1→shangnian_jiezhuan.zongji",
            "结转至2022年继续办理0件=0→xianian_jiezhuan.zongji",
        ]
    );
}

#[test]
fn results_and_their_groups() {
    assert_eq!(
        figures(
            "办结13件，其中予以公开及部分公开8件，不予公开1件，无法提供2件，不予处理1件，其他处理1件。"
        ),
        [
            "办结13件=13→zongji.zongji|xinshou.zongji+shangnian_jiezhuan.zongji",
            "予以公开及部分公开8件=8→yuyi_gongkai.zongji+bufen_gongkai.zongji",
            "不予公开1件=1→（三）不予公开*.zongji",
            "无法提供2件=2→（四）无法提供*.zongji",
            "不予处理1件=1→（五）不予处理*.zongji",
            "其他处理1件=1→（六）其他处理*.zongji",
        ]
    );
    assert_eq!(
        figures("予以公开5件，部分公开2件；本机关不掌握相关政府信息3件。"),
        [
            "予以公开5件=5→yuyi_gongkai.zongji",
            "部分公开2件=2→bufen_gongkai.zongji",
            "本机关不掌握相关政府信息3件=3→#12.zongji",
        ]
    );
    assert_eq!(
        figures("已全部答复，答复16件。予以公开、部分公开共9件。"),
        [
            "答复16件=16→zongji.zongji|xinshou.zongji+shangnian_jiezhuan.zongji",
            "予以公开、部分公开共9件=9→yuyi_gongkai.zongji+bufen_gongkai.zongji",
        ]
    );
}

#[test]
fn reviews_lawsuits_and_negations() {
    assert_eq!(
        figures("被申请行政复议1件，被提起行政诉讼2件，其中复议后起诉1件。"),
        [
            "行政复议1件=1→fuyi.zongji",
            "行政诉讼2件=2→zhijie_qisu.zongji+fuyihou_qisu.zongji",
            "复议后起诉1件=1→fuyihou_qisu.zongji",
        ]
    );
    assert_eq!(
        figures("本年度未发生政府信息公开行政复议、行政诉讼案件。"),
        [
            "本年度未发生政府信息公开行政复议、行政诉讼案件=0→fuyi.zongji",
            "本年度未发生政府信息公开行政复议、行政诉讼案件=0→zhijie_qisu.zongji+fuyihou_qisu.zongji",
        ]
    );
    assert_eq!(
        figures("行政复议、行政诉讼均为0件。被诉二件。"),
        [
            "行政复议、行政诉讼均为0件=0→fuyi.zongji",
            "行政诉讼均为0件=0→zhijie_qisu.zongji+fuyihou_qisu.zongji",
            "被诉二件=2→zhijie_qisu.zongji+fuyihou_qisu.zongji",
        ]
    );
    assert_eq!(
        figures("全年未收到政府信息公开申请，无上年结转申请。"),
        [
            "全年未收到政府信息公开申请=0→xinshou.zongji|xinshou.zongji+shangnian_jiezhuan.zongji",
            "无上年结转申请=0→shangnian_jiezhuan.zongji",
        ]
    );
}

#[test]
fn applicants_follow_their_row() {
    assert_eq!(
        figures("收到政府信息公开申请8件，其中自然人申请6件，法人或其他组织申请2件。"),
        [
            "收到政府信息公开申请8件=8→xinshou.zongji|xinshou.zongji+shangnian_jiezhuan.zongji",
            "自然人申请6件=6→xinshou.ziranren",
            "法人或其他组织申请2件=2→xinshou.法人",
        ]
    );
    assert_eq!(
        figures("予以公开4件（自然人3件、商业企业1件）。"),
        [
            "予以公开4件=4→yuyi_gongkai.zongji",
            "自然人3件=3→yuyi_gongkai.ziranren",
            "商业企业1件=1→yuyi_gongkai.shangye",
        ]
    );
}

#[test]
fn figures_that_are_not_the_tables_are_said_so() {
    assert_eq!(
        figures(
            "收到申请数量较上年增加3件。通过网络收到申请5件。收到申请10余件。主动公开政府信息1234条。"
        ),
        [
            "收到申请数量较上年增加3件=3→?是与上年的比较，不是表中的数",
            "收到申请5件=5→?只是其中一部分（某种渠道或某段时间），表中没有",
            "收到申请10余件=0→?是约数，不核对",
            "主动公开政府信息1234条=1234→无格",
        ]
    );
    assert_eq!(
        figures("收到政府信息公开申请后15个工作日内答复；办结时限20日。共清理规范性文件23件。"),
        ["规范性文件23件=23→?说的是对文件的其他处理，不是表中的数"]
    );
    assert_eq!(
        figures("新收申请5件，另有3件。"),
        [
            "新收申请5件=5→xinshou.zongji",
            "3件=3→?没有说明是哪一项的数"
        ]
    );
}

#[test]
fn other_business_is_left_alone() {
    // A work summary (no heading about 公开): receipts of other business are not the tables'.
    let found = scan(
        "政务中心医保窗口共受理各项业务3万余件，办结率100%。共办理“一件事一次办”业务12件。",
        &Vocabulary::default(),
    );
    assert!(found.is_empty(), "{found:?}");
    let found = scan("全年办结群众来信12件。", &Vocabulary::default());
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn proactive_figures_of_table_two() {
    assert_eq!(
        figures("制发行政规范性文件3件，废止1件，现行有效12件；作出行政处罚决定7件。"),
        [
            "制发行政规范性文件3件=3→xingzheng_guifanxing_wenjian.zhifa|guifanxing_wenjian.zhifa",
            "废止1件=1→xingzheng_guifanxing_wenjian.feizhi|guifanxing_wenjian.feizhi",
            "现行有效12件=12→xingzheng_guifanxing_wenjian.xianxing|guifanxing_wenjian.xianxing",
            "行政处罚决定7件=7→xingzheng_chufa.chuli",
        ]
    );
    assert_eq!(
        figures("现行有效规范性文件15件。规章2件。废止3件。"),
        [
            "现行有效规范性文件15件=15→xingzheng_guifanxing_wenjian.xianxing|guifanxing_wenjian.xianxing",
            "规章2件=2→guizhang.zhifa|guizhang.xianxing|guizhang.xin_zhizuo|guizhang.xin_gongkai|guizhang.gongkai_zongshu",
            "废止3件=3→?看不出是表中哪一行的数",
        ]
    );
}

#[test]
fn review_results() {
    assert_eq!(
        figures("被申请行政复议2件，其中维持1件，纠正1件；行政复议被纠错0件。"),
        [
            "行政复议2件=2→fuyi.zongji",
            "维持1件=1→fuyi.weichi",
            "纠正1件=1→fuyi.jiuzheng",
            "纠错0件=0→fuyi.jiuzheng",
        ]
    );
    assert_eq!(
        figures("行政诉讼3件，尚未审结1件。全年因政府信息公开引发的行政复议、行政诉讼0件。"),
        [
            "行政诉讼3件=3→zhijie_qisu.zongji+fuyihou_qisu.zongji",
            "尚未审结1件=1→zhijie_qisu.weishenjie+fuyihou_qisu.weishenjie",
            "行政复议、行政诉讼0件=0→fuyi.zongji",
            "行政诉讼0件=0→zhijie_qisu.zongji+fuyihou_qisu.zongji",
        ]
    );
}

#[test]
fn receipts_of_other_business_are_not_the_tables() {
    let found = scan(
        "# 政府信息公开平台建设\n受理医保待遇申请1234件，办结1200件。\n# 依申请公开\n共收到申请6件，均已办结6件。",
        &Vocabulary::default(),
    );
    let shown: Vec<String> = found.iter().map(shown).collect();
    assert_eq!(
        shown,
        [
            "受理医保待遇申请1234件=1234→?句子和所在标题都没有说是政府信息公开申请",
            "办结1200件=1200→?句子和所在标题都没有说是政府信息公开申请",
            "共收到申请6件=6→xinshou.zongji|xinshou.zongji+shangnian_jiezhuan.zongji",
            "办结6件=6→zongji.zongji|xinshou.zongji+shangnian_jiezhuan.zongji",
        ]
    );
}

#[test]
fn application_counts_without_a_verb() {
    assert_eq!(
        figures("本年度政府信息公开申请数量为0。"),
        ["申请数量为0=0→xinshou.zongji|xinshou.zongji+shangnian_jiezhuan.zongji"]
    );
}

#[test]
fn colons_and_handling() {
    assert_eq!(
        figures("本年度政府信息公开行政复议、行政诉讼情况：无。行政复议：1件。"),
        [
            "本年度政府信息公开行政复议、行政诉讼情况：无=0→fuyi.zongji",
            "本年度政府信息公开行政复议、行政诉讼情况：无=0→zhijie_qisu.zongji+fuyihou_qisu.zongji",
            "行政复议：1件=1→fuyi.zongji",
        ]
    );
    assert_eq!(
        figures("共办理政府信息公开申请3件，均在法定期限内予以答复；结转下年度继续办理0件。"),
        [
            "办理政府信息公开申请3件=3→xinshou.zongji+shangnian_jiezhuan.zongji|zongji.zongji|xinshou.zongji",
            "结转下年度继续办理0件=0→xianian_jiezhuan.zongji",
        ]
    );
}

#[test]
fn never_panics_on_odd_text() {
    // Fragments of the phrasings, numbers, units and punctuation, shuffled deterministically.
    let pieces = [
        "收到",
        "申请",
        "结转",
        "上年",
        "下年度",
        "予以公开",
        "及",
        "部分公开",
        "行政复议",
        "、",
        "行政诉讼",
        "均为",
        "未",
        "无",
        "其中",
        "自然人",
        "维持",
        "废止",
        "规范性文件",
        "1",
        "１",
        "0",
        ",",
        "，",
        "。",
        "（",
        "）",
        "件",
        "余",
        "约",
        "三",
        "十",
        "零",
        "为",
        "：",
        "共",
        "#",
        "\n",
        "2022年",
        "．",
        "5",
        "万",
        "条",
        "{{",
        "}}",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let vocabulary = Vocabulary::new([(4, "1.属于国家秘密".to_string())]);
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(seed % 24) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let _ = scan(&text, &vocabulary);
        let mut places = super::Templates::new(&[("t".to_string(), text.clone())]);
        for f in scan(&format!("# 公开\n{text}"), &vocabulary) {
            let _ = places.locate(&f);
        }
    }
}
