//! Tests of [`super::naming`].
use super::naming::*;
use super::scan::{Kind, scan};

fn names(text: &str) -> Vec<String> {
    let mut previous: Option<(String, usize)> = None;
    let mut out = Vec::new();
    for f in scan(text) {
        if let Kind::Quantity(q) = &f.kind {
            let n = name(
                text,
                &f,
                &q.unit,
                previous.as_ref().map(|(p, e)| (p.as_str(), *e)),
            );
            out.push(format!("{}{}", if n.part { "其中:" } else { "" }, n.name));
            previous = Some((n.name, q.unit_end));
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
        ["审核就诊结算人次", "基金支出金额", "其中:住院人次"]
    );
    assert_eq!(names("(特困167人、低保7834人"), ["特困人数", "低保人数"]);
    assert_eq!(
        names("我县对43家定点医疗机构进行了实地稽核"),
        ["定点医疗机构家数"]
    );
    assert_eq!(
        names("累计追回医保基金XX万元、同比增长98.5%"),
        ["追回医保基金", "追回医保基金同比增长率"]
    );
    assert_eq!(
        names("起付标准从XX元降至XX元"),
        ["起付标准", "起付标准降至"]
    );
    assert_eq!(names("其中:财政补助940元/人·年"), ["其中:财政补助"]);
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
    assert_eq!(normalise("城乡医保参保人数"), "城乡居民医保参保人数");
    assert_eq!(
        normalise("城镇职工基本医疗保险的参保人数"),
        "职工医保参保人数"
    );
}

#[test]
fn catalogue_names_and_aliases_stay_distinct_when_normalised() {
    let (c, _) = crate::catalogue::Catalogue::builtin();
    let mut seen: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for (key, def) in &c.figures {
        for n in std::iter::once(&def.name).chain(def.aliases.iter()) {
            let norm = normalise(n);
            // One name may stand for the same figure in two scales (人 and 万人).
            if let Some(other) = seen.insert(norm.clone(), key.clone()) {
                let dims = |k: &str| c.unit_of(k).map(|u| (u.dimension.clone(), u.factor));
                let (a, b) = (dims(&other), dims(key));
                assert!(
                    other == *key
                        || (a.as_ref().map(|x| &x.0) == b.as_ref().map(|x| &x.0)
                            && a.as_ref().map(|x| x.1) != b.as_ref().map(|x| x.1)),
                    "“{n}” ({norm}) names both {other} and {key}"
                );
            }
        }
    }
    assert!(c.figures.values().any(|d| !d.aliases.is_empty()));
}
