//! Word lists the namer reads clauses with: what ends or starts a clause without being part of a
//! figure's name (为, 达到, 其中, 截至目前, 我县 …), frame verbs (进行了, 开展 …), measure endings,
//! place words, the categories of service a topic can be (住院, 门诊 …) and unit-derived suffixes.

/// Characters that end a clause (looking back from a number). 、 is not among them: it joins
/// nouns (大额发票、发票复印件37例) unless a figure stands before it.
pub fn is_delimiter(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '；'
            | ';'
            | '。'
            | '：'
            | ':'
            | '！'
            | '？'
            | '!'
            | '?'
            | '（'
            | '('
            | '）'
            | ')'
            | '+'
            | '　'
            | '|'
    )
}

/// Words that end a clause before its number and are not part of the name.
pub const TRAILING: &[&str] = &[
    "分别为",
    "分别是",
    "分别达到",
    "分别达",
    "提高到",
    "提高至",
    "提升至",
    "提升到",
    "下降至",
    "下降到",
    "降低至",
    "降低到",
    "上升至",
    "上升到",
    "增加到",
    "增加至",
    "压缩至",
    "调整至",
    "调整为",
    "统一为",
    "确定为",
    "达到了",
    "达到",
    "共计",
    "合计",
    "总计",
    "累计",
    "总为",
    "为",
    "达",
    "共",
    "计",
    "有",
    "是",
    "约",
    "近",
    "超过",
    "超",
    "逾",
    "仅",
    "已",
    "到",
    "至",
    "占",
    "降至",
    "增至",
    "突破",
    "的",
    "了",
    "在",
    "从",
    "由",
    "对",
    "将",
    "于",
    "将近",
    "接近",
    "不足",
    "不到",
    "高达",
    "多达",
    "均",
    "都",
    "两个",
    "均达到",
];

/// Words that start a clause and are not part of the name: connectives, time phrases, the
/// speaker (我县, 全市 …) and frame verbs (完成, 实现, 开展, 组织 …).
pub const LEADING: &[&str] = &[
    "其中",
    "包括",
    "包含",
    "含",
    "以及",
    "并且",
    "并",
    "及",
    "和",
    "且",
    "另外",
    "另",
    "同时",
    "此外",
    "截至目前",
    "截止目前",
    "截至",
    "截止到",
    "截止",
    "目前",
    "今年以来",
    "今年上半年",
    "今年",
    "上半年",
    "下半年",
    "全年",
    "年内",
    "本年度",
    "当年度",
    "本年",
    "当年",
    "年度",
    "以来",
    "共",
    "累计",
    "已经",
    "已",
    "我县",
    "全县",
    "我市",
    "全市",
    "我区",
    "全区",
    "我局",
    "本局",
    "我省",
    "全省",
    "我们",
    "区内",
    "县内",
    "市内",
    "县域内",
    "共有",
    "实现",
    "完成",
    "开展",
    "组织",
    "召开",
    "举办",
    "进行",
    "确定",
    "为",
    "对",
    "向",
    "给",
    "在",
    "与",
    "将",
    "把",
    "由",
    "按",
    "经",
    "通过",
    "有",
    "是",
    "均",
    "都",
    "月底",
    "底",
    "末",
    "份",
    "期间",
    "累计为",
    "共计",
    "分别",
];

/// Name endings that already say what is measured.
pub const MEASURED: &[&str] = &[
    "数",
    "人次",
    "率",
    "比例",
    "比重",
    "占比",
    "额",
    "金",
    "费",
    "支出",
    "收入",
    "结余",
    "资金",
    "费用",
    "金额",
    "标准",
    "基金",
    "次",
    "量",
    "百分点",
    "家次",
    "规模",
    "增长",
    "下降",
    "增幅",
    "降幅",
    "降低",
    "提高",
    "提升",
    "上升",
    "减少",
    "增加",
    "成本",
    "价格",
    "缺口",
    "补助",
    "补贴",
    "定额",
    "限额",
    "人员",
];

/// Measures that a part of a total shares with it when it names none of its own (筹资标准…，其中
/// 个人缴纳480元 → 个人缴纳标准).
pub const SHARED_MEASURES: &[&str] = &["标准", "定额", "限额", "基数"];

/// Verbs that end the noun phrase after a unit ("定点医疗机构进行了实地稽核" → 定点医疗机构).
pub const VERBS: &[&str] = &[
    "进行",
    "开展",
    "实施",
    "参加",
    "参与",
    "获得",
    "纳入",
    "享受",
    "完成",
    "已",
    "被",
    "实现",
    "提供",
    "发放",
    "注册",
    "减免",
    "不符合",
    "符合",
    "签约",
    "接入",
    "上线",
    "设立",
    "加入",
    "报名",
    "成功",
    "及时",
    "全部",
    "均",
    "都",
    "分别",
];

/// Verbs that frame an action on what was counted: "N家X进行了实地稽核" names 实地稽核X.
pub const FRAME_VERBS: &[&str] = &["进行了", "进行", "开展了", "开展", "实施了", "实施"];

/// Words a possessive 的-clause of a place ends with (入住…医院的参保病人 → 参保病人).
pub const PLACES: &[&str] = &[
    "医院",
    "卫生院",
    "卫生室",
    "诊所",
    "药店",
    "机构",
    "中心",
    "县",
    "市",
    "区",
    "省",
    "镇",
    "乡",
    "村",
    "街道",
    "社区",
    "单位",
    "企业",
    "园区",
    "地",
];

/// Service categories: a figure named after one is the topic its sentence's bare measures
/// (基金支出, 人均…) are about (其中住院44275人次，基金支出… → 住院基金支出).
pub const CATEGORIES: &[&str] = &[
    "住院",
    "门诊",
    "购药",
    "特殊病",
    "慢性病",
    "慢特病",
    "两病",
    "大病",
    "意外",
    "异地",
    "跨省",
    "省内",
    "药店",
    "医院",
    "医疗机构",
    "医药机构",
    "卫生院",
    "卫生室",
    "诊所",
    "高血压",
    "糖尿病",
    "生育",
];

/// Clause heads that say only what is measured, not of what (基金支出, 金额, 人均 …): such a
/// clause is about the topic its sentence started with.
pub fn is_generic(name: &str) -> bool {
    [
        "基金支出",
        "支出",
        "基金",
        "金额",
        "人均",
        "费用",
        "统筹基金",
        "医保基金",
        "报销",
        "涉及",
        "结算",
    ]
    .iter()
    .any(|h| name.starts_with(h))
}

/// The unit's suffix a name gets when it does not already end in a measure word.
pub fn unit_suffix(unit: &str) -> &'static str {
    let base = unit.trim_start_matches(['千', '百', '万', '亿']);
    match base {
        "人" | "名" => "人数",
        "人次" => "人次",
        "元" => "金额",
        "%" | "‰" => "比例",
        "个百分点" | "百分点" => "百分点",
        "家" => "家数",
        "家次" => "家次",
        "件" => "件数",
        "个" => "个数",
        "项" => "项数",
        "份" => "份数",
        "例" => "例数",
        "条" => "条数",
        "次" => "次数",
        "户" => "户数",
        "种" => "种数",
        "批" | "批次" => "批次",
        "场" => "场次",
        "台" => "台数",
        "个月" => "月数",
        "天" => "天数",
        "类" | "大类" => "类数",
        "期" => "期数",
        "" => "数",
        _ => "数量",
    }
}

/// Endings that only restate a unit (人数 for 人, 家次 for 家次 …): names are compared without
/// them, since the unit is compared on its own.
pub const UNIT_ENDINGS: &[&str] = &[
    "人数", "人员", "人次", "家数", "家次", "个数", "件数", "份数", "例数", "条数", "次数", "项数",
    "户数", "种数", "场次", "台数", "数量", "对象", "数", "人",
];

/// Things reports count by 家/个/所 (定点零售药店120家): a list of parts after such a count is
/// about them (其中约谈15家 → 定点零售药店约谈家数).
pub const ENTITIES: &[&str] = &[
    "定点医疗机构",
    "定点零售药店",
    "定点医药机构",
    "定点药店",
    "定点医院",
    "医疗机构",
    "医药机构",
    "零售药店",
    "两定机构",
    "协议机构",
    "护理机构",
    "村卫生室",
    "卫生院",
    "卫生室",
    "药店",
    "医院",
    "诊所",
    "企业",
    "单位",
];
