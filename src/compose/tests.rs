//! Compose as a whole: parse-once sets, the section selection, budgets, Chinese template errors.

use super::*;
use crate::validate::{CheckOptions, Checked, check_files};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Writes `files` (name, text) under `dir` and checks `dir/input.yaml`.
fn checked(dir: &Path, files: &[(&str, &str)]) -> Checked {
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("dirs");
        }
        std::fs::write(path, text).expect("writes");
    }
    check_files(&[dir.join("input.yaml")], &CheckOptions::default())
}

/// An annual report's meta, with `extra` appended to it (indented by two spaces).
fn meta(extra: &str) -> String {
    format!(
        "meta:\n  agency: 某县医疗保障局\n  period: 2020\n  date: 2021-01-07\n  report: annual\n{extra}"
    )
}

/// Composes the first report with `limits`.
fn compose_with(
    c: &Checked,
    templates: &Templates,
    limits: Limits,
) -> Result<Composition, Diagnostic> {
    let report = c.reports.first().expect("one report");
    compose(
        report,
        &c.catalogue,
        templates,
        &ComposeOptions {
            limits,
            ..ComposeOptions::default()
        },
    )
}

/// The error of composing `template` (as the report's narrative), with `limits`.
fn template_error(template: &str, limits: Limits) -> Diagnostic {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = meta("  template: t.md.tera\n") + "figures:\n  jumin_canbao_renshu: 311881\n";
    let c = checked(
        dir.path(),
        &[("input.yaml", &yaml), ("t.md.tera", template)],
    );
    let t = Templates::new(None).expect("templates");
    match compose_with(&c, &t, limits) {
        Ok(_) => panic!("expected an error for {template}"),
        Err(d) => d,
    }
}

/// (line, column) of a diagnostic.
fn place(d: &Diagnostic) -> (u32, u32) {
    d.location.as_ref().map_or((0, 0), |l| (l.line, l.column))
}

#[test]
fn templates_are_shared_across_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Templates>();
}

#[test]
fn every_section_prints_nothing_without_its_figures() {
    // The selection rests on this: a section none of whose figures a report has writes nothing,
    // so leaving it out cannot change the output.
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, _) in SHIPPED.iter().filter(|(n, _)| n.starts_with("sections/")) {
        let include = format!("{{% include \"{name}\" %}}");
        let yaml = meta("  template: t.md.tera\n") + "figures:\n";
        let c = checked(
            dir.path(),
            &[("input.yaml", &yaml), ("t.md.tera", &include)],
        );
        let t = Templates::new(None).expect("templates");
        let out = compose_with(&c, &t, Limits::default()).expect("composes");
        assert_eq!(out.composed.markdown, "", "{name}");
        assert!(out.warnings.is_empty(), "{name}: {:?}", out.warnings);
    }
}

#[test]
fn a_report_parses_only_the_sections_it_reaches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = meta("") + "figures:\n  jumin_canbao_renshu: 311881\n  yidi_lianwang_yiyuan: 12\n";
    let c = checked(dir.path(), &[("input.yaml", &yaml)]);
    let report = &c.reports[0];
    let full_sections = |t: &Templates| -> Vec<String> {
        let set = t.set_for(report).expect("parses");
        set.sources
            .keys()
            .filter(|n| n.starts_with("sections/"))
            .cloned()
            .collect()
    };
    let t = Templates::new(None).expect("templates");
    assert_eq!(
        full_sections(&t),
        ["sections/canbao.md.tera", "sections/yidi.md.tera"]
    );
    // One parse for every report that needs the same set.
    let a = t.set_for(report).expect("parses");
    let b = t.set_for(report).expect("parses");
    assert!(Arc::ptr_eq(&a, &b));
    // A batch parses every section once.
    let whole = Templates::new(None).expect("templates").whole();
    assert_eq!(full_sections(&whole).len(), 15);
    // A narrative replacing summary_sections reaches no section at all.
    let own = meta("  template: t.md.tera\n") + "figures:\n  jumin_canbao_renshu: 311881\n";
    let narrative = "{% extends \"annual.md.tera\" %}{% block summary_sections %}参保{{ fig(key=\"jumin_canbao_renshu\") }}人{% endblock summary_sections %}";
    let c = checked(
        dir.path(),
        &[("input.yaml", &own), ("t.md.tera", narrative)],
    );
    let set = t.set_for(&c.reports[0]).expect("parses");
    assert_eq!(
        set.sources
            .keys()
            .filter(|n| n.starts_with("sections/"))
            .count(),
        0
    );
}

#[test]
fn selected_and_whole_sets_write_the_same_for_the_samples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("data/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let c = check_files(&files, &CheckOptions::default());
    assert!(c.reports.len() >= 5);
    let selected = Templates::new(None).expect("templates");
    let whole = Templates::new(None).expect("templates").whole();
    for report in &c.reports {
        let options = ComposeOptions::default();
        let a = compose(report, &c.catalogue, &selected, &options).map(|x| x.composed.markdown);
        let b = compose(report, &c.catalogue, &whole, &options).map(|x| x.composed.markdown);
        assert_eq!(a.ok(), b.ok(), "{}", report.file);
    }
    // Several threads rendering from one set write what one thread writes.
    let sequential: Vec<String> = c
        .reports
        .iter()
        .map(|r| {
            compose(r, &c.catalogue, &whole, &ComposeOptions::default())
                .map(|x| x.composed.markdown)
                .unwrap_or_default()
        })
        .collect();
    let parallel: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = c
            .reports
            .iter()
            .map(|r| {
                let (whole, cat) = (&whole, &c.catalogue);
                s.spawn(move || {
                    compose(r, cat, whole, &ComposeOptions::default())
                        .map(|x| x.composed.markdown)
                        .unwrap_or_default()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    assert_eq!(sequential, parallel);
}

#[test]
fn a_nested_loop_stops_at_the_loop_budget() {
    // A generous clock: a loaded machine running a debug build must still meet the loop limit first.
    let limits = Limits {
        time: Duration::from_secs(60),
        ..Limits::default()
    };
    let d = template_error(
        "开头\n{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}\n",
        limits,
    );
    assert_eq!(d.code, "E-TEMPLATE-LIMIT");
    assert_eq!(d.message, "模板中的循环累计超过 200000 次，已停止渲染");
    // At the inner loop's iterable, in the user's text (the hooks do not shift columns).
    assert_eq!(place(&d), (2, 45));
    assert!(d.location.is_some_and(|l| l.file.ends_with("t.md.tera")));
}

#[test]
fn a_loop_printing_forever_stops_at_the_output_budget() {
    let limits = Limits {
        output_bytes: 1 << 20,
        ..Limits::default()
    };
    let d = template_error(
        "{% for i in range(end=100000) %}一行很长的文字，一行很长的文字，一行很长的文字。\n{% endfor %}",
        limits,
    );
    assert_eq!(d.code, "E-TEMPLATE-LIMIT");
    assert_eq!(d.message, "模板输出超过上限 1 MB，已停止渲染");
}

#[test]
fn a_string_doubled_in_a_loop_stops_at_the_value_budget() {
    let d = template_error(
        "{% set s = \"x\" %}\n{% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}",
        Limits::default(),
    );
    assert_eq!(d.code, "E-TEMPLATE-LIMIT");
    assert_eq!(d.message, "模板中 set 的值超过上限 16 MB，已停止渲染");
    assert_eq!(place(&d).0, 2);
}

#[test]
fn recursion_fanning_out_stops_at_the_call_budget() {
    let d = template_error(
        "{% component c(n) %}{% if n > 0 %}{{<c n={n - 1}/>}}{{<c n={n - 1}/>}}{{<c n={n - 1}/>}}{% endif %}{% endcomponent c %}\n{{<c n={19}/>}}",
        Limits::default(),
    );
    assert_eq!(d.code, "E-TEMPLATE-LIMIT", "{d:?}");
}

#[test]
fn the_deadline_is_checked_while_rendering() {
    let limits = Limits {
        time: Duration::from_millis(1),
        ..Limits::default()
    };
    let d = template_error(
        "{% for i in range(end=100000) %}{{ fig(key=\"jumin_canbao_renshu\") }}{% endfor %}",
        limits,
    );
    assert_eq!(d.code, "E-TEMPLATE-LIMIT");
    assert_eq!(d.message, "模板渲染超过 0.001 秒，已停止");
}

#[test]
fn template_errors_are_chinese_at_the_users_line() {
    let limits = Limits::default;
    let d = template_error("第一行\n{% if figures.a is defined %}\n内容\n", limits());
    assert_eq!(d.code, "E-TEMPLATE-SYNTAX");
    assert_eq!(d.message, "第 2 行的 {% if %} 没有对应的 {% endif %}");
    assert_eq!(place(&d), (2, 1));
    let d = template_error("{% for x in [1] %}\n{% if true %}{% endfor %}", limits());
    assert_eq!(
        d.message,
        "这里的 {% endfor %} 与第 2 行的 {% if %} 不配对：应先写 {% endif %}"
    );
    assert_eq!(place(&d), (2, 14));
    let d = template_error("文字\n  {{ fog(key=\"a\") }}", limits());
    assert_eq!(d.code, "E-TEMPLATE-FUNCTION");
    assert_eq!(d.message, "模板用了不存在的函数“fog”");
    assert!(
        d.hint
            .clone()
            .unwrap_or_default()
            .starts_with("是不是 fig？")
    );
    assert_eq!(place(&d), (2, 6));
    let d = template_error("{{ 1 | wann }}", limits());
    assert_eq!(
        (d.code.as_str(), d.message.as_str()),
        ("E-TEMPLATE-FILTER", "模板用了不存在的过滤器“wann”")
    );
    let d = template_error("{% for i in xs %}{% endfor %}", limits());
    assert_eq!(d.code, "E-TEMPLATE-VARIABLE", "{d:?}");
    assert_eq!(d.message, "模板用了未定义的变量“xs”，无法循环");
    // The column counts the user's characters, not the hooked text Tera parsed.
    assert_eq!(place(&d), (1, 13));
}

#[test]
fn a_circular_include_names_the_chain() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = meta("  template: t.md.tera\n") + "figures:\n";
    let c = checked(
        dir.path(),
        &[
            ("input.yaml", &yaml),
            ("t.md.tera", "开头\n{% include \"a.md.tera\" %}"),
            ("a.md.tera", "{% include \"b.md.tera\" %}"),
            ("b.md.tera", "x\n{% include \"a.md.tera\" %}"),
        ],
    );
    let t = Templates::new(None).expect("templates");
    let d = compose_with(&c, &t, Limits::default()).expect_err("cycle");
    assert_eq!(d.code, "E-TEMPLATE-CYCLE");
    let shown = |n: &str| dir.path().join(n).display().to_string();
    assert_eq!(
        d.message,
        format!(
            "模板循环包含：{} → {} → {}",
            shown("a.md.tera"),
            shown("b.md.tera"),
            shown("a.md.tera")
        )
    );
    let at = d.location.expect("located");
    assert!(at.file.ends_with("a.md.tera"), "{at:?}");
    assert_eq!((at.line, at.column), (1, 12));
}

/// Composes `template` (as the report's narrative) for a report with two figures.
fn composed_with_two_figures(template: &str) -> Result<Composition, Diagnostic> {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = meta("  template: t.md.tera\n")
        + "figures:\n  jumin_canbao_renshu: 311881\n  jumin_yingcan_renshu: 320000\n";
    let c = checked(
        dir.path(),
        &[("input.yaml", &yaml), ("t.md.tera", template)],
    );
    let t = Templates::new(None).expect("templates");
    compose_with(&c, &t, Limits::default())
}

#[test]
fn the_figures_context_holds_what_the_templates_read() {
    // Read by name: the one mentioned is there, with its value.
    let named = composed_with_two_figures(
        "{{ figures.jumin_canbao_renshu.value }}{% if figures.jumin_yingcan_renshu is defined %}有{% endif %}\n",
    )
    .expect("composes");
    assert!(
        named.composed.markdown.starts_with("311881有"),
        "{}",
        named.composed.markdown
    );
    // Read as a whole: every figure is there.
    let whole =
        composed_with_two_figures("{% for k, f in figures %}{{ k }}={{ f.value }};{% endfor %}\n")
            .expect("composes");
    let text = &whole.composed.markdown;
    for printed in [
        "jumin_canbao_renshu=311881;",
        "jumin_yingcan_renshu=320000;",
    ] {
        assert!(text.contains(printed), "{text}");
    }
    // The whole context dumped: every figure.
    let dumped = composed_with_two_figures("{{ __tera_context }}\n").expect("composes");
    let text = &dumped.composed.markdown;
    for key in ["jumin_canbao_renshu", "jumin_yingcan_renshu"] {
        assert!(text.contains(key), "{text}");
    }
}

#[test]
fn a_missing_field_lists_every_figure_of_the_report() {
    let d = composed_with_two_figures("{{ figures.jumin_chouzi_biaozhun.value }}\n")
        .expect_err("jumin_chouzi_biaozhun is not in the report");
    assert_eq!(d.code, "E-TEMPLATE-VARIABLE");
    assert_eq!(d.message, "模板用了不存在的字段“jumin_chouzi_biaozhun”");
    let hint = d.hint.unwrap_or_default();
    assert!(
        hint.contains("jumin_canbao_lv、jumin_canbao_renshu、jumin_yingcan_renshu"),
        "{hint}"
    );
}
