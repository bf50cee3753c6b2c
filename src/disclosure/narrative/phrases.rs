//! The phrasings real reports use for the figures of 表三 and 表四 (and 主动公开, which no cell
//! holds), and the table cells each one quotes.
//!
//! A phrase may be read more than one way where real reports differ: “收到…申请N件” is the new
//! applications (一) in most reports, 一 + 二 in those that count the carried-over ones in
//! (“共受理申请22件（含上年结转1件）”). The first reading is the one a mismatch names; the quote
//! agrees when any reading gives its number. Rows are named by id or by the label of the group
//! they sit under (`（三）不予公开`), so the phrases fit both formats and rows a province adds.

/// How a phrase behaves when several meet one number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A verb of receiving (收到, 受理, 依申请公开): governs only when nothing more specific is
    /// said; needs the sentence to be about 政府信息公开 applications.
    Receipt,
    /// A verb of finishing (办结, 答复): like [`Class::Receipt`].
    Done,
    /// 结转: carried over from last year or to next year, as the words around it say.
    Carry,
    /// A result row of 表三 (予以公开, 不予公开 …).
    Result,
    /// 行政复议, 行政诉讼: needs the sentence to be about 政府信息公开.
    Review,
    /// An applicant column (自然人, 法人或其他组织): the row comes from the phrase before it in
    /// the sentence (or 一、本年新收 when none).
    Applicant,
    /// A row of 表二 (规范性文件, 行政处罚): needs the sentence to be about 政府信息公开 and
    /// not about another act on the documents (清理规范性文件).
    Proactive,
    /// A column of 表二 (制发, 废止, 现行有效): the row comes from the 表二 phrase with it or
    /// before it in the sentence.
    ProactiveColumn,
    /// A result column of 表四 (维持, 纠正, 尚未审结): the row comes from the 行政复议 or
    /// 行政诉讼 phrase with it or before it in the sentence.
    Outcome,
    /// A figure no table cell holds (主动公开…N条): listed, never compared.
    NoCell,
}

/// Which rows of a table a term covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// The row with this id.
    Id(&'static str),
    /// Every row with this label at some level of its path (`（三）不予公开`: its eight items,
    /// and any a province added under it).
    Under(&'static str),
    /// The row at this index of the report's format (a row quoted by its own label).
    Index(usize),
}

/// Which columns a term covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cols {
    /// The column with this id.
    Id(&'static str),
    /// 法人或其他组织: 商业企业、科研机构、社会公益组织、法律服务机构、其他.
    Legal,
}

/// One term of a reading: table id, rows, columns.
pub type Term = (&'static str, Rows, Cols);

/// The total column of 表三/表四.
const TOTAL: Cols = Cols::Id("zongji");
/// 一、本年新收.
const NEW: Term = ("shenqing", Rows::Id("xinshou"), TOTAL);
/// 二、上年结转.
const CARRIED: Term = ("shenqing", Rows::Id("shangnian_jiezhuan"), TOTAL);
/// 四、结转下年度继续办理.
const FORWARD: Term = ("shenqing", Rows::Id("xianian_jiezhuan"), TOTAL);
/// （七）总计.
const DONE: Term = ("shenqing", Rows::Id("zongji"), TOTAL);
/// （一）予以公开.
const OPEN: Term = ("shenqing", Rows::Id("yuyi_gongkai"), TOTAL);
/// （二）部分公开.
const PART: Term = ("shenqing", Rows::Id("bufen_gongkai"), TOTAL);
/// 表四 直接起诉 总计.
const SUED: Term = ("fuyi_susong", Rows::Id("zhijie_qisu"), TOTAL);
/// 表四 复议后起诉 总计.
const SUED_AFTER: Term = ("fuyi_susong", Rows::Id("fuyihou_qisu"), TOTAL);

/// A phrasing and the cells it quotes.
#[derive(Debug)]
pub struct Phrase {
    /// The words that introduce the figure (matched longest first at each place).
    pub words: &'static [&'static str],
    /// How it combines with other phrases.
    pub class: Class,
    /// The readings: each a list of terms summed; the first is the one a mismatch names.
    pub readings: &'static [&'static [Term]],
    /// The measure words its figure may carry (`""`: a bare number after 为).
    pub units: &'static [&'static str],
}

/// Measure words of application and case counts.
const COUNT_UNITS: &[&str] = &["件", "件次", "起", "宗", "例", "项", "次", ""];

/// The phrases, longest words first where one contains another.
pub const PHRASES: &[Phrase] = &[
    Phrase {
        words: &["本年新收", "新收", "新接收", "新受理"],
        class: Class::Result,
        readings: &[&[NEW]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &[
            "收到",
            "受理",
            "接收",
            "接到",
            "共收",
            "申请数量",
            "申请件数",
            "申请数",
        ],
        class: Class::Receipt,
        readings: &[&[NEW], &[NEW, CARRIED]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["办理"],
        class: Class::Receipt,
        readings: &[&[NEW, CARRIED], &[DONE], &[NEW]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["依申请公开"],
        class: Class::Receipt,
        readings: &[&[NEW], &[NEW, CARRIED], &[DONE], &[OPEN], &[OPEN, PART]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["结转", "顺延", "转入下年度", "转至下年度"],
        class: Class::Carry,
        readings: &[&[CARRIED], &[FORWARD]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &[
            "予以公开及部分公开",
            "予以公开和部分公开",
            "予以公开、部分公开",
            "予以公开或部分公开",
            "全部或部分公开",
            "全部或部分予以公开",
            "全部公开和部分公开",
            "公开或部分公开",
        ],
        class: Class::Result,
        readings: &[&[OPEN, PART]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["予以公开", "全部公开", "同意公开"],
        class: Class::Result,
        readings: &[&[OPEN]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["部分公开"],
        class: Class::Result,
        readings: &[&[PART]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["不予公开"],
        class: Class::Result,
        readings: &[&[("shenqing", Rows::Under("（三）不予公开"), TOTAL)]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["无法提供"],
        class: Class::Result,
        readings: &[&[("shenqing", Rows::Under("（四）无法提供"), TOTAL)]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["不予处理"],
        class: Class::Result,
        readings: &[&[("shenqing", Rows::Under("（五）不予处理"), TOTAL)]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["其他处理"],
        class: Class::Result,
        readings: &[&[("shenqing", Rows::Under("（六）其他处理"), TOTAL)]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["办结", "答复", "办理完毕", "处理完毕"],
        class: Class::Done,
        readings: &[&[DONE], &[NEW, CARRIED]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["未经复议直接起诉", "直接起诉", "直接提起行政诉讼"],
        class: Class::Review,
        readings: &[&[SUED]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["复议后起诉", "经复议后起诉", "复议后提起行政诉讼"],
        class: Class::Review,
        readings: &[&[SUED_AFTER]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["行政复议", "复议"],
        class: Class::Review,
        readings: &[&[("fuyi_susong", Rows::Id("fuyi"), TOTAL)]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["行政诉讼", "被诉", "被起诉", "诉讼", "起诉"],
        class: Class::Review,
        readings: &[&[SUED, SUED_AFTER]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["自然人"],
        class: Class::Applicant,
        readings: &[&[("", Rows::Id(""), Cols::Id("ziranren"))]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &[
            "法人或其他组织",
            "法人和其他组织",
            "法人及其他组织",
            "法人或者其他组织",
            "法人",
        ],
        class: Class::Applicant,
        readings: &[&[("", Rows::Id(""), Cols::Legal)]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["商业企业"],
        class: Class::Applicant,
        readings: &[&[("", Rows::Id(""), Cols::Id("shangye"))]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["科研机构"],
        class: Class::Applicant,
        readings: &[&[("", Rows::Id(""), Cols::Id("keyan"))]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["社会公益组织"],
        class: Class::Applicant,
        readings: &[&[("", Rows::Id(""), Cols::Id("gongyi"))]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["法律服务机构"],
        class: Class::Applicant,
        readings: &[&[("", Rows::Id(""), Cols::Id("falv"))]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["行政规范性文件", "规范性文件"],
        class: Class::Proactive,
        readings: &[
            &[(
                "zhudong",
                Rows::Id("xingzheng_guifanxing_wenjian"),
                Cols::Id("zhifa"),
            )],
            &[(
                "zhudong",
                Rows::Id("xingzheng_guifanxing_wenjian"),
                Cols::Id("xianxing"),
            )],
            &[(
                "zhudong",
                Rows::Id("guifanxing_wenjian"),
                Cols::Id("xin_zhizuo"),
            )],
            &[(
                "zhudong",
                Rows::Id("guifanxing_wenjian"),
                Cols::Id("xin_gongkai"),
            )],
            &[(
                "zhudong",
                Rows::Id("guifanxing_wenjian"),
                Cols::Id("gongkai_zongshu"),
            )],
        ],
        units: PROACTIVE_UNITS,
    },
    Phrase {
        words: &["规章"],
        class: Class::Proactive,
        readings: &[
            &[("zhudong", Rows::Id("guizhang"), Cols::Id("zhifa"))],
            &[("zhudong", Rows::Id("guizhang"), Cols::Id("xianxing"))],
            &[("zhudong", Rows::Id("guizhang"), Cols::Id("xin_zhizuo"))],
            &[("zhudong", Rows::Id("guizhang"), Cols::Id("xin_gongkai"))],
            &[("zhudong", Rows::Id("guizhang"), Cols::Id("gongkai_zongshu"))],
        ],
        units: PROACTIVE_UNITS,
    },
    Phrase {
        words: &["行政许可"],
        class: Class::Proactive,
        readings: &[&[("zhudong", Rows::Id("xingzheng_xuke"), Cols::Id("chuli"))]],
        units: PROACTIVE_UNITS,
    },
    Phrase {
        words: &["行政处罚"],
        class: Class::Proactive,
        readings: &[&[("zhudong", Rows::Id("xingzheng_chufa"), Cols::Id("chuli"))]],
        units: PROACTIVE_UNITS,
    },
    Phrase {
        words: &["行政强制"],
        class: Class::Proactive,
        readings: &[&[("zhudong", Rows::Id("xingzheng_qiangzhi"), Cols::Id("chuli"))]],
        units: PROACTIVE_UNITS,
    },
    Phrase {
        words: &["制发", "印发", "出台"],
        class: Class::ProactiveColumn,
        readings: &[&[("", Rows::Id(""), Cols::Id("zhifa"))]],
        units: PROACTIVE_UNITS,
    },
    Phrase {
        words: &["废止"],
        class: Class::ProactiveColumn,
        readings: &[&[("", Rows::Id(""), Cols::Id("feizhi"))]],
        units: PROACTIVE_UNITS,
    },
    Phrase {
        words: &["现行有效"],
        class: Class::ProactiveColumn,
        readings: &[&[("", Rows::Id(""), Cols::Id("xianxing"))]],
        units: PROACTIVE_UNITS,
    },
    Phrase {
        words: &["新制作"],
        class: Class::ProactiveColumn,
        readings: &[&[("", Rows::Id(""), Cols::Id("xin_zhizuo"))]],
        units: PROACTIVE_UNITS,
    },
    Phrase {
        words: &["新公开"],
        class: Class::ProactiveColumn,
        readings: &[&[("", Rows::Id(""), Cols::Id("xin_gongkai"))]],
        units: PROACTIVE_UNITS,
    },
    Phrase {
        words: &["对外公开总数", "公开总数"],
        class: Class::ProactiveColumn,
        readings: &[&[("", Rows::Id(""), Cols::Id("gongkai_zongshu"))]],
        units: PROACTIVE_UNITS,
    },
    Phrase {
        words: &["结果维持", "维持"],
        class: Class::Outcome,
        readings: &[&[("", Rows::Id(""), Cols::Id("weichi"))]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["结果纠正", "纠正", "纠错", "撤销", "败诉", "确认违法"],
        class: Class::Outcome,
        readings: &[&[("", Rows::Id(""), Cols::Id("jiuzheng"))]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["其他结果"],
        class: Class::Outcome,
        readings: &[&[("", Rows::Id(""), Cols::Id("qita"))]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["尚未审结", "未审结", "正在审理", "审理中"],
        class: Class::Outcome,
        readings: &[&[("", Rows::Id(""), Cols::Id("weishenjie"))]],
        units: COUNT_UNITS,
    },
    Phrase {
        words: &["主动公开", "不予受理"],
        class: Class::NoCell,
        readings: &[],
        units: &["条", "件", "项", "篇", "个"],
    },
];

/// Measure words of 表二's counts (documents and decisions).
const PROACTIVE_UNITS: &[&str] = &["件", "份", "起", "宗", ""];

/// Verbs that make a 表二 figure something else (清理规范性文件23件 is not 制发).
pub const OTHER_ACTS: &[&str] = &[
    "清理", "审查", "审核", "备案", "解读", "修订", "修改", "起草", "评估", "征求",
];

/// Words that make a sentence about 政府信息公开 (needed by receipts, 办结 and 复议/诉讼).
pub const TOPIC: &[&str] = &["信息公开", "依申请", "公开申请", "政务公开", "申请公开"];

/// Words that turn a figure into a comparison (较上年增加3件): not a table figure.
pub const COMPARISON: &[&str] = &[
    "增加",
    "减少",
    "增长",
    "下降",
    "同比",
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "环比",
    "多于",
    "少于",
    "上升",
    "持平",
];

/// Words that make a figure a part of a whole (通过网络收到申请3件, 第一季度): not the table's.
pub const PARTIAL: &[&str] = &[
    "网上",
    "网络",
    "在线",
    "信函",
    "邮寄",
    "当面",
    "现场",
    "传真",
    "电子邮件",
    "电话",
    "季度",
    "上半年",
    "下半年",
    "月份",
];

/// Words that say none of what follows happened (未收到申请, 无上年结转).
pub const NEGATION: &[&str] = &["未", "没有", "无", "零"];

/// Words that look like a negation but are not (未经复议, 无法提供, 无正当理由).
pub const NOT_NEGATION: &[&str] = &["未经", "无法", "无正当理由", "尚未审结", "未审结", "未按"];

/// Words that make coordinated phrases share one number each (行政复议、行政诉讼均为0件).
pub const EACH: &[&str] = &["均", "各", "都", "分别"];

/// Words that make coordinated phrases share one number between them (予以公开、部分公开共8件).
pub const TOGETHER: &[&str] = &["共", "合计", "总计", "一共", "共计"];

/// Verbs and particles between coordinated phrases that do not break the coordination
/// (被申请行政复议、提起行政诉讼均为0件).
pub const FILLER: &[&str] = &[
    "被提起",
    "提起",
    "被申请",
    "申请",
    "被",
    "发生",
    "引起",
    "的",
    "案件",
];

/// Connectors between coordinated phrases.
pub const AND: &[&str] = &["、", "和", "及", "与", "以及", "或", "或者", "、"];

/// Before 结转: the carried-over direction (上年结转).
pub const FROM_LAST_YEAR: &[&str] = &["上年", "上一年", "去年", "往年", "上年度"];

/// After 结转: the carried-forward direction (结转下年度, 结转至2022年).
pub const TO_NEXT_YEAR: &[&str] = &["下年", "下一年", "次年", "明年", "继续办理", "年继续"];
