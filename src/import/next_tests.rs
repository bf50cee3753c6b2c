//! Tests of [`super::next`]: the next period's file, line by line.
use super::*;

const ANNUAL: &str = "\
# 由 wengao import 从 000.txt 生成
meta:
  agency: 三门县医疗保障服务中心
  period: 2020  # 由一级标题推断，请核对
  date: 2021-01-07
  report: annual
  template: \"000.md.tera\"
catalogue:   # 内置目录没有的指标
  figures:
    - {key: gaojie_jiaci, name: 告诫家次, unit: 家次, kind: flow, decimals: 0}
figures:
  # 一（一）
  jumin_canbao_renshu: 311881   # 参保人数
  jumin_dangnian_jieyu: 约12484.52   # 结余
  gaojie_jiaci: 3
  shenhe_weigui_danju: 18万余
  daiding: XX   # 原文待填
previous:
  jumin_chouzi_biaozhun: 1000
";

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn a_year_moves_on_its_figures_become_previous_and_pending() {
    let n = next(
        ANNUAL,
        Path::new("2020/000.yaml"),
        Period::Year(2020),
        Path::new("2020/2021.yaml"),
    );
    assert_eq!(n.period, Period::Year(2021));
    assert_eq!(n.pending, 5);
    assert_eq!(n.previous, 4);
    let l = lines(&n.text);
    assert!(l[0].starts_with("# 由 wengao next 从 2020/000.yaml 生成（2020 → 2021）"));
    assert!(l.contains(&"  period: 2021"));
    assert!(l.contains(&"  date: XX   # 成文日期待填"));
    // Same folder: the template path stays; comments and inline declarations are kept.
    assert!(l.contains(&"  template: \"000.md.tera\""));
    assert!(l.contains(
        &"    - {key: gaojie_jiaci, name: 告诫家次, unit: 家次, kind: flow, decimals: 0}"
    ));
    assert!(l.contains(&"  # 一（一）"));
    // Figures pending, qualifiers where they stand, comments kept.
    assert!(l.contains(&"  jumin_canbao_renshu: XX   # 参保人数"));
    assert!(l.contains(&"  jumin_dangnian_jieyu: 约XX   # 结余"));
    assert!(l.contains(&"  shenhe_weigui_danju: XX余"));
    // This period's values (not the old previous, not the pending one) are the previous ones.
    let previous = &n.text[n.text.find("previous:").unwrap_or(0)..];
    assert!(previous.starts_with("previous:   # 2020 的数字\n"));
    assert!(previous.contains("  jumin_canbao_renshu: 311881   # 参保人数\n"));
    assert!(previous.contains("  jumin_dangnian_jieyu: 约12484.52   # 结余\n"));
    assert!(!previous.contains("jumin_chouzi_biaozhun"));
    assert!(!previous.contains("daiding"));
    assert_eq!(n.text.matches("previous:").count(), 1);
}

#[test]
fn paths_follow_a_new_folder() {
    let n = next(
        ANNUAL,
        Path::new("work/2020/000.yaml"),
        Period::Year(2020),
        Path::new("work/2021/2021.yaml"),
    );
    // A sibling folder: wengao reads no template outside the new file's folder, so it is copied.
    assert!(lines(&n.text).contains(&"  template: \"000.md.tera\""));
    assert_eq!(
        n.copies
            .iter()
            .map(|c| (c.from.clone(), c.to.clone()))
            .collect::<Vec<_>>(),
        [(
            PathBuf::from("work/2020/000.md.tera"),
            PathBuf::from("work/2021/000.md.tera")
        )]
    );
    // A folder above the old one: the template is inside it, seen from there, not copied.
    let n = next(
        ANNUAL,
        Path::new("work/2020/000.yaml"),
        Period::Year(2020),
        Path::new("work/2021.yaml"),
    );
    assert!(lines(&n.text).contains(&"  template: \"2020/000.md.tera\""));
    assert!(n.copies.is_empty());
}

#[test]
fn half_years_compare_with_the_same_half_a_year_before() {
    let h1 = ANNUAL
        .replace("period: 2020  # 由一级标题推断，请核对", "period: 2025-H1")
        .replace("report: annual", "report: half-year");
    let dir = tempfile::tempdir().expect("temp dir");
    let h1_path = dir.path().join("2025-H1.yaml");
    std::fs::write(&h1_path, &h1).expect("write");
    let h2_path = dir.path().join("2025-H2.yaml");
    let h2 = next(&h1, &h1_path, Period::FirstHalf(2025), &h2_path);
    assert_eq!(h2.period, Period::SecondHalf(2025));
    // Last year's H2 is not in the file: previous is left to fill, and said so.
    assert_eq!(h2.previous, 0);
    assert!(
        h2.text
            .contains("previous: {}   # 空：上年同期（2024-H2）的数字不在")
    );
    assert!(h2.text.contains("# wengao next 同年上半年：2025-H1.yaml\n"));
    // H2 → next H1: the H1 recorded is the year before's same half.
    std::fs::write(&h2_path, &h2.text).expect("write");
    let h1_next = next(
        &h2.text,
        &h2_path,
        Period::SecondHalf(2025),
        &dir.path().join("2026-H1.yaml"),
    );
    assert_eq!(h1_next.period, Period::FirstHalf(2026));
    assert_eq!(h1_next.previous, 4);
    assert!(
        h1_next
            .text
            .contains("  jumin_canbao_renshu: 311881   # 参保人数\n")
    );
    assert!(!h1_next.text.contains(H1_MARK));
}

#[test]
fn disclosure_tables_pending_or_renewed_for_the_new_format() {
    let d2021 = "\
meta:
  period: 2021
disclosure:
  format: 2021
  blank: blank
  表二:
    规章: {本年制发件数: 0, 本年废止件数: , 现行有效件数: 3}
  表四:
    行政复议:
      结果维持: 1
";
    let n = next(
        d2021,
        Path::new("a.yaml"),
        Period::Year(2021),
        Path::new("b.yaml"),
    );
    let l = lines(&n.text);
    assert!(!n.new_format);
    assert!(l.contains(&"  format: 2021"));
    assert!(l.contains(&"    规章: {本年制发件数: XX, 本年废止件数: , 现行有效件数: XX}"));
    assert!(l.contains(&"      结果维持: XX"));
    // 2020 used the 2019 format; 2021 needs the new one.
    let d2020 = d2021
        .replace("period: 2021", "period: 2020")
        .replace("format: 2021", "format: 2019");
    let n = next(
        &d2020,
        Path::new("a.yaml"),
        Period::Year(2020),
        Path::new("b.yaml"),
    );
    assert!(n.new_format);
    assert!(n.text.contains("disclosure:\n  format: 2021   #"));
    assert!(!n.text.contains("规章"));
}

#[test]
fn values_made_pending() {
    assert_eq!(pending("约12484.52"), "约XX");
    assert_eq!(pending("\"10余\""), "XX余");
    assert_eq!(pending("3以上"), "XX以上");
    assert_eq!(pending("42905.96"), "XX");
    assert_eq!(
        next_period(Period::SecondHalf(2025)),
        Period::FirstHalf(2026)
    );
}
