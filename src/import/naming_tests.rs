//! Tests of [`super::naming`] and [`super::context`]: the names the clauses of real-report
//! sentences give their figures (the seeds' wordings, and sentences written in their style).
use super::context::Namer;
use super::naming::*;
use super::scan::{Kind, scan};

/// The names of every quantity of `text` in a report of 2020 (其中-parts marked).
fn names(text: &str) -> Vec<String> {
    let mut namer = Namer::new(text, 2020);
    let mut out = Vec::new();
    for f in scan(text) {
        if let Kind::Quantity(q) = &f.kind {
            let n = namer.next(&f, &q.unit, q.unit_end);
            out.push(n.name);
        }
    }
    out
}

#[test]
fn names_from_clauses() {
    assert_eq!(
        names("2020年度城乡居民医保参保人数为311881人,参保率达99.87%。"),
        ["城乡居民医保参保人数", "参保率"]
    );
    assert_eq!(
        names(
            "截止2020年12月底,全县共审核就诊结算228.5万人次,累计基金支出金额31069.08万元。其中住院44275人次"
        ),
        ["审核就诊结算人次", "基金支出金额", "住院人次"]
    );
    assert_eq!(names("(特困167人、低保7834人"), ["特困人数", "低保人数"]);
    assert_eq!(
        names("累计追回医保基金XX万元、同比增长98.5%"),
        ["追回医保基金", "追回医保基金同比增长率"]
    );
    assert_eq!(names("其中:财政补助940元/人·年"), ["财政补助"]);
}

#[test]
fn parts_after_qizhong_share_what_stood_before_it_not_each_other() {
    assert_eq!(
        names(
            "我县对43家定点医疗机构进行了实地稽核和监控视频稽查,其中告诫3家次,暂停医保服务协议3家次,限期整改6家次,追回违规基金957315.46元。"
        ),
        [
            "实地稽核定点医疗机构家数",
            "定点医疗机构告诫家次",
            "定点医疗机构暂停医保服务协议家次",
            "定点医疗机构限期整改家次",
            "定点医疗机构追回违规基金",
        ]
    );
    // The parts of a standard are standards.
    assert_eq!(
        names(
            "筹资标准从2019年度的每人每年1000元提高到1340元,其中个人缴纳480元,各级财政补助860元,总筹资额42905.96万元。"
        ),
        [
            "上年度筹资标准",
            "筹资标准",
            "个人缴纳标准",
            "各级财政补助标准",
            "总筹资额",
        ]
    );
    // Written in the same style: a count of institutions, then what was done to some of them.
    assert_eq!(
        names("全年共检查定点零售药店120家,其中约谈15家,解除协议2家。"),
        [
            "检查定点零售药店家数",
            "定点零售药店约谈家数",
            "定点零售药店解除协议家数"
        ]
    );
    assert_eq!(
        names("对56家定点医药机构开展了专项检查,其中约谈12家,责令整改8家次。"),
        [
            "专项检查定点医药机构家数",
            "定点医药机构约谈家数",
            "定点医药机构责令整改家次",
        ]
    );
}

#[test]
fn siblings_are_not_each_others_parents() {
    assert_eq!(
        names("公补支出1243.65万元,个账支出9737.26万元,当年度结余约13362.85万元。"),
        ["公补支出", "个账支出", "当年度结余"]
    );
    assert_eq!(
        names(
            "其中住院治疗12183人次,基金支出8780.21万元,人均补偿达7206.93元(包含大病基金支出178.97万元);门诊就医购药203.96万人次,基金支出10869.03万元(普通门诊8756.21万元+特殊病门诊2112.82万元)"
        ),
        [
            "住院治疗人次",
            "住院治疗基金支出",
            "住院治疗人均补偿金额",
            "大病基金支出",
            "门诊就医购药人次",
            "门诊就医购药基金支出",
            "普通门诊基金支出",
            "特殊病门诊基金支出",
        ]
    );
    assert_eq!(
        names("基金支出金额达9300.69万元(普通门诊6324.26万元+2976.43万元)"),
        ["基金支出金额", "普通门诊基金支出", "其他基金支出"]
    );
}

#[test]
fn an_insurance_alone_takes_its_siblings_name() {
    assert_eq!(
        names("共完成中心报销职工医保3660份,城乡居民医保4604份,生育保险报销1355份;"),
        [
            "中心报销职工医保份数",
            "中心报销城乡居民医保份数",
            "生育保险报销份数"
        ]
    );
    assert_eq!(
        names("全年职工医保参保人数12.5万人,城乡居民医保38.2万人。"),
        ["职工医保参保人数", "城乡居民医保参保人数"]
    );
}

#[test]
fn no_frame_verbs_places_or_leading_time() {
    assert_eq!(
        names(
            "本年度,我县对入住三门县人民医院、三门君同骨伤医院、三门县弘景康复医院的参保病人3476人次进行了不定期地稽核"
        ),
        ["不定期稽核参保病人人次"]
    );
    assert_eq!(
        names("对29人次检查时未在医院治疗的参保人及时进行了重点核查"),
        ["重点核查参保人人次"]
    );
    assert_eq!(
        names("我县2020年度共稽查大额发票、发票复印件37例,涉及医保基金598532.80元。"),
        ["稽查大额发票、发票复印件例数", "涉及医保基金"]
    );
    assert_eq!(
        names("目前开展意识形态研判工作5次、专题会议讨论16次。"),
        ["意识形态研判次数", "专题会议讨论次数"]
    );
    assert_eq!(
        names("截至6月底,全市累计完成异地就医直接结算8.6万人次。"),
        ["异地就医直接结算人次"]
    );
}

#[test]
fn years_before_and_after_the_period_hold_for_their_sentence() {
    assert_eq!(
        names(
            "2019年度职工医保总额预算金额为316449463.25元,实际支出的费用为318208435.08元,超支比例为0.56%;根据2019年度清算,确定2020年度职工医保基数为316713309.02元"
        ),
        [
            "上年度职工医保总额预算金额",
            "上年度实际支出费用",
            "上年度超支比例",
            "职工医保基数",
        ]
    );
    assert_eq!(
        names("2020年征缴2021年度城乡医保参保人数为298052人,其中享受医疗救助10119人(特困人员173人"),
        [
            "下年度征缴城乡医保参保人数",
            "下年度享受医疗救助人数",
            "下年度享受医疗救助特困人员",
        ]
    );
    // A year after 比/较 is what is compared with, not what the figure is about.
    assert_eq!(names("参保人数比2019年增加1200人。"), ["参保人数增加"]);
}

#[test]
fn respectively_gives_each_item_its_figure() {
    assert_eq!(
        names("2020年度职工医保签约人员和非签约人员门诊定额标准分别为1250元/人、1200元/人;"),
        [
            "职工医保签约人员门诊定额标准",
            "职工医保非签约人员门诊定额标准"
        ]
    );
    assert_eq!(
        names("住院和门诊次均费用分别为8650元、126元。"),
        ["住院次均费用", "门诊次均费用"]
    );
}

#[test]
fn a_change_names_its_before_value() {
    assert_eq!(
        names("起付标准从XX元降至XX元,封顶限额从XX元调整至XX元"),
        [
            "起付标准（调整前）",
            "起付标准",
            "封顶限额（调整前）",
            "封顶限额"
        ]
    );
}

#[test]
fn subjects_and_normal_forms() {
    assert_eq!(
        last_subject("(一)城乡居民参保筹资及基金使用情况"),
        Some("城乡居民医保")
    );
    assert_eq!(
        last_subject("职工医保参保人数98166人,城乡医保"),
        Some("城乡居民医保")
    );
    assert_eq!(last_subject("基金监管"), None);
    assert_eq!(normalise("城乡医保参保人数"), "城乡居民医保参保");
    assert_eq!(normalise("城镇职工基本医疗保险的参保人数"), "职工医保参保");
    assert_eq!(
        normalise("城乡居民医保上年度筹资标准"),
        "上年度城乡居民医保筹资标准"
    );
    assert_eq!(normalise("资助参保特困人员"), normalise("资助参保特困人数"));
}

#[test]
fn catalogue_names_and_aliases_stay_distinct_when_normalised() {
    let (c, _) = crate::catalogue::Catalogue::builtin();
    let mut seen: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for (key, def) in &c.figures {
        for n in std::iter::once(&def.name).chain(def.aliases.iter()) {
            let norm = normalise(n);
            // One name may stand for the same figure in two scales (人 and 万人), or for two
            // figures the unit tells apart (人 and 人次).
            if let Some(other) = seen.insert(norm.clone(), key.clone()) {
                let dims = |k: &str| c.unit_of(k).map(|u| (u.dimension.clone(), u.factor));
                let (a, b) = (dims(&other), dims(key));
                assert!(
                    other == *key
                        || a.as_ref().map(|x| &x.0) != b.as_ref().map(|x| &x.0)
                        || a.as_ref().map(|x| x.1) != b.as_ref().map(|x| x.1),
                    "“{n}” ({norm}) names both {other} and {key}"
                );
            }
        }
    }
    assert!(c.figures.values().any(|d| !d.aliases.is_empty()));
}

#[test]
fn debug_names() {
    if let Ok(t) = std::env::var("NAMES") {
        eprintln!("{:?}", names(&t));
    }
}

#[test]
fn a_count_named_by_the_negated_predicate_after_it() {
    // What was counted is said after the unit, with its negation (seed 000: 241人次不符合…).
    assert_eq!(
        names("全年受理意外伤害案件3112件,241人次不符合相关医保政策,不予报销。"),
        ["受理意外伤害案件件数", "不符合相关医保政策人次"]
    );
    assert_eq!(names("有12家未按时结算。"), ["未按时结算家数"]);
}
