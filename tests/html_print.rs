//! The HTML as printed: the print rules in the markup and CSS (always), and the pages Chromium
//! prints from it (`--ignored`: needs Chromium and poppler's pdftotext; fails when they are
//! missing rather than passing silently).

use std::path::{Path, PathBuf};
use std::process::Command;
use wengao::pipeline::{Format, RenderOptions, render_files};

type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Renders data/`name`.yaml to HTML in a temporary directory.
fn render_html(name: &str) -> R<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir()?;
    let options = RenderOptions {
        formats: vec![Format::Html],
        out_dir: dir.path().to_path_buf(),
        ..RenderOptions::default()
    };
    let outcome = render_files(&[PathBuf::from(format!("data/{name}.yaml"))], &options);
    if outcome.exit_code != 0 {
        return Err(format!("render failed with exit code {}", outcome.exit_code).into());
    }
    let html = dir.path().join(format!("{name}.html"));
    Ok((dir, html))
}

#[test]
fn print_rules_are_in_the_markup() -> R {
    let (_dir, path) = render_html("yunxi-2020-disclosure")?;
    let html = std::fs::read_to_string(&path)?;
    // Page numbers "— N —" in 四号宋体, odd pages right and even pages left (7.5); a margin box
    // on top switches off the browser's own header (date, title) and footer (URL).
    for rule in [
        "@page { size: A4; margin: 37mm 26mm 35mm 28mm; @top-center { content: \"\"; } }",
        "@page :right { @bottom-right { content: \"— \" counter(page) \" —\";",
        "@page :left { @bottom-left { content: \"— \" counter(page) \" —\";",
        // The title is set in its own face, never made bold by the browser.
        "font-weight: normal; font-synthesis: none;",
        // 楷体 falls back to the free Kai faces on Linux, like the other stacks.
        "\"FandolKai\", \"AR PL UKai CN\"",
        "\"FandolFang R\"",
        "\"WenQuanYi Zen Hei\"",
    ] {
        assert!(html.contains(rule), "missing {rule}");
    }
    assert!(!html.contains("text-wrap: balance"));
    // The title in the lines the chooser picked.
    assert!(
        html.contains(
            "<h1 class=\"title\">云溪区医疗保障局2020年<br>政府信息公开工作年度报告</h1>"
        )
    );
    // 7.3.5.2: agency two 字 from the right; the date (13 half 字) starts two 字 right of the
    // agency (22 half 字): 22 − 13 = 9 half 字 = 4.5em.
    assert!(html.contains("<div class=\"signoff\"><p style=\"padding-right:2em\">岳阳市云溪区医疗保障局</p><p style=\"padding-right:4.5em\">2021年1月28日</p></div>"));
    // 表三: the rows of "（四）无法提供" (3 rows) are kept together: the first two keep with
    // the next, the third does not.
    let rows: Vec<&str> = html.split("<tr").skip(1).collect();
    let at = rows
        .iter()
        .position(|r| r.contains("（四）无法提供"))
        .ok_or("no （四）无法提供 row")?;
    assert!(rows[at].starts_with(" class=\"keep\">"));
    assert!(rows[at + 1].starts_with(" class=\"keep\">"));
    assert!(rows[at + 2].starts_with('>'), "{}", rows[at + 2]);
    Ok(())
}

/// Text of every page of `pdf`, by pdftotext.
fn pages(pdf: &Path) -> R<Vec<String>> {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .map_err(|e| format!("pdftotext is needed (apt-get install poppler-utils): {e}"))?;
    let text = String::from_utf8(out.stdout)?;
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

/// Prints `html` to PDF with headless Chromium, with the browser's default header/footer setting.
fn print(html: &Path, dir: &Path) -> R<PathBuf> {
    let pdf = dir.join("printed.pdf");
    let profile = dir.join("profile");
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
        .ok_or("Chromium is needed (apt-get install chromium)")?;
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()?
        .status;
    if !status.success() || !pdf.exists() {
        return Err("Chromium did not print".into());
    }
    Ok(pdf)
}

#[test]
#[ignore = "needs Chromium and pdftotext"]
fn printed_pages_have_numbers_no_browser_header_and_keep_groups_whole() -> R {
    let (dir, html) = render_html("yunxi-2020-disclosure")?;
    let pdf = print(&html, dir.path())?;
    let pages = pages(&pdf)?;
    assert!(pages.len() >= 8, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let squeezed: String = page.chars().filter(|c| !c.is_whitespace()).collect();
        // Chromium's header would print the date and the document title above the 版心, its
        // footer the file URL; the only thing outside the text block is "— N —".
        assert!(!page.contains("file://"), "page {n}: browser footer");
        assert!(
            !page.contains("AM") && !page.contains("PM"),
            "page {n}: browser header"
        );
        // A landscape page's number is turned (it sits where it sits on a portrait page once
        // the sheet is turned back); pdftotext then reads its digits bottom-up.
        let upright = format!("—{n}—");
        let turned = format!("—{}—", n.to_string().chars().rev().collect::<String>());
        let tail: String = squeezed
            .chars()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(
            squeezed.ends_with(&upright) || squeezed.ends_with(&turned),
            "page {n} does not end with its number: …{tail}"
        );
    }
    // The sign-off shares its page with the body's last lines.
    let signoff = pages
        .iter()
        .find(|p| p.contains("2021年1月28日"))
        .ok_or("no sign-off page")?;
    let before = signoff.split("附件：").next().unwrap_or("").trim();
    assert!(!before.is_empty(), "the sign-off stands alone: {signoff}");
    // A merged label is never cut at a page end: "（四）" and its rows stay on one page.
    let four = pages
        .iter()
        .find(|p| p.contains("（四）"))
        .ok_or("no （四）")?;
    for row in ["1.本机关不掌握", "3.补正后申请"] {
        assert!(four.contains(row), "（四） separated from {row}");
    }
    // 表四 (15 columns) prints on a landscape page.
    let info = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "99"])
        .arg(&pdf)
        .output()?;
    let info = String::from_utf8(info.stdout)?;
    assert!(
        info.contains("841.92 x 594.96"),
        "no landscape page: {info}"
    );
    Ok(())
}
