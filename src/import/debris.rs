//! Page debris in text pasted from a web page or a PDF: page numbers (第 13 页 共 13 页, - 3 -,
//! 3/13), document-site banners (“《…》由会员分享，可在线阅读…”, 限制150内) and site chrome
//! (打印本页, 关闭窗口, 【字体：大 中 小】). Such paragraphs are not the report: they are dropped,
//! each with a note in the import report, so nothing goes silently.

use super::blocks::SourceBlock;
use super::outline::StructureNote;

/// Phrases of document-sharing sites and site chrome: a short paragraph with one is debris.
const BANNERS: &[&str] = &[
    "由会员分享",
    "可在线阅读",
    "分享文档赚钱",
    "请在淘文阁",
    "原创力文档",
    "文档贡献者",
    "本文档由",
    "下载文档",
    "点击下载",
    "全文阅读已结束",
    "侵权请联系",
    "打印本页",
    "关闭窗口",
    "返回顶部",
    "【字体：",
    "【字体:",
    "字号：大 中 小",
    "分享到：",
];

/// `第 13 页 共 13 页`, `第13页/共13页`, `共13页 第1页`, `- 3 -`, `— 3 —`, `3/13`, `Page 3 of 13`.
fn page_number(t: &str) -> bool {
    let s: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let strip = |s: &str, a: &str, b: &str| -> Option<String> {
        Some(s.strip_prefix(a)?.strip_suffix(b)?.to_string())
    };
    if let Some(inner) = strip(&s, "第", "页") {
        // 第13页共13页, 第13页/共13页, 第13页，共13页
        for sep in ["页共", "页/共", "页，共", "页,共"] {
            if let Some((a, b)) = inner.split_once(sep) {
                return digits(a) && digits(b);
            }
        }
        return digits(&inner);
    }
    if let Some(inner) = strip(&s, "共", "页") {
        for sep in ["页第", "页/第", "页，第", "页,第"] {
            if let Some((a, b)) = inner.split_once(sep) {
                return digits(a) && digits(b);
            }
        }
    }
    for (a, b) in [("-", "-"), ("—", "—"), ("－", "－")] {
        if let Some(inner) = strip(&s, a, b) {
            return digits(&inner);
        }
    }
    if let Some((a, b)) = s.split_once('/') {
        return digits(a) && digits(b) && a.len() <= 3 && b.len() <= 3;
    }
    let lower = s.to_lowercase();
    if let Some(rest) = lower.strip_prefix("page")
        && let Some((a, b)) = rest.split_once("of")
    {
        return digits(a) && digits(b);
    }
    false
}

/// 限制150内: a length note of a document site, on a line of its own.
fn length_note(t: &str) -> bool {
    t.strip_prefix("限制")
        .and_then(|r| r.strip_suffix('内').or_else(|| r.strip_suffix("字内")))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Why a paragraph is debris, if it is.
pub fn reason(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let chars = t.chars().count();
    if chars <= 24 && page_number(t) {
        return Some("页码");
    }
    if chars <= 12 && length_note(t) {
        return Some("文档网站的字数提示");
    }
    if chars <= 200 && BANNERS.iter().any(|b| t.contains(b)) {
        return Some("网站的横幅或页面按钮");
    }
    None
}

/// `blocks` without page debris, and a note for each paragraph dropped.
pub fn drop_debris(blocks: &[SourceBlock]) -> (Vec<SourceBlock>, Vec<StructureNote>) {
    let mut kept = Vec::with_capacity(blocks.len());
    let mut notes = Vec::new();
    for b in blocks {
        if let SourceBlock::Paragraph(p) = b
            && let Some(why) = reason(&p.text)
        {
            let shown: String = p.text.chars().take(30).collect();
            let more = if p.text.chars().count() > 30 {
                "…"
            } else {
                ""
            };
            notes.push(StructureNote {
                line: p.line,
                text: format!("“{shown}{more}”是{why}，不是报告的内容，已去掉"),
            });
            continue;
        }
        kept.push(b.clone());
    }
    (kept, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_banners_and_notes_are_debris() {
        for t in [
            "第 13 页 共 13 页",
            "第13页/共13页",
            "共13页 第2页",
            "- 3 -",
            "— 12 —",
            "3/13",
            "Page 3 of 13",
            "限制150内",
        ] {
            assert!(reason(t).is_some(), "{t}");
        }
        assert_eq!(
            reason(
                "《劳动保障局医疗保险工作情况汇报-.doc》由会员分享,可在线阅读,更多相关《劳动保障局医疗保险工作情况汇报-.doc(13页珍藏版)》请在淘文阁 - 分享文档赚钱的网站上搜索。"
            ),
            Some("网站的横幅或页面按钮")
        );
        // Report text with the same words is not.
        for t in [
            "第一季度完成2017-2019年度职工基本医疗大病保险清算工作。",
            "全年共印发宣传资料3/4用于乡镇。",
            "限制使用的药品150种。",
            "二、2021年度工作计划",
        ] {
            assert_eq!(reason(t), None, "{t}");
        }
    }
}
