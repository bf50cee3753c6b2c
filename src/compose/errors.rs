//! Tera's errors in Chinese, each at the template file, line and column the user wrote
//! (positions in the hooked text Tera parsed are mapped back), with what to do.
//!
//! Tera reports a missing `{% endif %}` as “Unexpected end of input” at the end of the file;
//! here the template is read again (`scan::unclosed`) to name the tag left open and its line. A
//! circular include or extend names the whole chain. Unknown functions, filters and tests get a
//! “did you mean”. A message Tera adds in a later version falls back to its English text,
//! shortened, still at its place.

use super::functions::{FILTERS, FUNCTIONS};
use super::loaded::Loaded;
use super::scan;
use crate::diagnostic::{Diagnostic, Location};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Turns a Tera error into one Chinese diagnostic. `failure` is what a wengao function or the
/// budget recorded before Tera stopped (it wins: Tera only passed its message on); `sources`
/// are the templates of the set, by Tera name.
pub(super) fn convert(
    e: &tera::Error,
    failure: Option<Diagnostic>,
    sources: &BTreeMap<String, Arc<Loaded>>,
) -> Diagnostic {
    let shown = |name: &str| {
        sources
            .get(name)
            .map_or_else(|| name.to_string(), |s| s.shown.clone())
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let at = locate(
                sources,
                r.filename(),
                r.span().start_line,
                r.span().start_col,
            );
            if let Some(d) = failure {
                return d.at(at);
            }
            let syntax = matches!(e.kind(), tera::ErrorKind::SyntaxError(_));
            translate(r.message(), r.filename(), at, syntax, sources)
        }
        tera::ErrorKind::Msg(text) => match first_report(text) {
            Some((message, file, line, column)) => {
                let at = locate(sources, &file, line, column.saturating_sub(1));
                match failure {
                    Some(d) => d.at(at),
                    None => translate(&message, &file, at, true, sources),
                }
            }
            None => failure.unwrap_or_else(|| {
                Diagnostic::error("E-TEMPLATE", format!("模板有误：{}", short(text)))
                    .hint("请对照 README“叙述模板”一节检查模板")
            }),
        },
        tera::ErrorKind::CircularInclude { include_chain, .. } => cycle(
            "包含",
            include_chain,
            sources,
            "请去掉其中一个 {% include %}：模板不能（直接或间接）包含它自己",
        ),
        tera::ErrorKind::CircularExtend {
            inheritance_chain,
            tpl,
        } => {
            let mut chain = vec![tpl.clone()];
            chain.extend(inheritance_chain.iter().cloned());
            cycle(
                "继承",
                &chain,
                sources,
                "请改正 {% extends %}：模板不能（直接或间接）继承它自己",
            )
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            let at = reference_place(sources, current, parent);
            Diagnostic::error(
                "E-TEMPLATE-MISSING",
                format!("模板“{}”继承的模板“{parent}”不存在", shown(current)),
            )
            .at_opt(at)
            .hint(shipped_list())
        }
        tera::ErrorKind::TemplateNotFound(name) => {
            Diagnostic::error("E-TEMPLATE-MISSING", format!("找不到模板“{name}”"))
                .hint(shipped_list())
        }
        other => failure.unwrap_or_else(|| {
            Diagnostic::error(
                "E-TEMPLATE",
                format!("模板有误：{}", short(&other.to_string())),
            )
            .hint("请对照 README“叙述模板”一节检查模板")
        }),
    }
}

/// The location in the user's text of a 1-based line and 0-based column of the hooked text
/// Tera parsed in template `name`.
fn locate(
    sources: &BTreeMap<String, Arc<Loaded>>,
    name: &str,
    line: usize,
    col: usize,
) -> Location {
    let Some(s) = sources.get(name) else {
        return Location::new(name, u32::try_from(line).unwrap_or(0), 0);
    };
    let hooked = &s.instrumented().text;
    let line_start = hooked
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let offset = hooked
        .get(line_start..)
        .unwrap_or("")
        .char_indices()
        .nth(col)
        .map_or(hooked.len(), |(i, _)| line_start + i);
    s.location(s.instrumented().original(offset))
}

/// The first report of a message Tera joined from several: (message, template, line, column).
fn first_report(text: &str) -> Option<(String, String, usize, usize)> {
    let mut lines = text.lines();
    let message = lines.next()?.strip_prefix("error: ")?.to_string();
    let place = lines.next()?.trim_start().strip_prefix("--> ")?;
    let (rest, column) = place.rsplit_once(':')?;
    let (file, line) = rest.rsplit_once(':')?;
    Some((
        message,
        file.to_string(),
        line.parse().ok()?,
        column.parse().ok()?,
    ))
}

/// The text between the first pair of backticks: Unknown function `fog` → `fog`.
fn quoted(message: &str) -> &str {
    message.split('`').nth(1).unwrap_or("")
}

/// At most 120 characters of an English message, first line only.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let cut: String = line.chars().take(120).collect();
    if cut.len() < line.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// The closest of `names` to `word`, for "did you mean".
fn closest<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    names
        .iter()
        .map(|n| (strsim::normalized_damerau_levenshtein(word, n), *n))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// The Chinese diagnostic for a Tera message at `at` in template `name`.
fn translate(
    message: &str,
    name: &str,
    at: Location,
    syntax: bool,
    sources: &BTreeMap<String, Arc<Loaded>>,
) -> Diagnostic {
    let code = if syntax {
        "E-TEMPLATE-SYNTAX"
    } else {
        "E-TEMPLATE"
    };
    let err = |code: &str, text: String| Diagnostic::error(code, text).at(at.clone());
    if message == "Unexpected end of input" || message == "Unknown tag" {
        if let Some(d) = unclosed(name, sources) {
            return d;
        }
        return err(code, "模板在这里意外结束：有标签没有写完".to_string())
            .hint("请检查 {% %}、{{ }} 是否成对");
    }
    if let Some(f) = message.strip_prefix("Unknown function ") {
        let f = f.trim_matches('`');
        let d = err("E-TEMPLATE-FUNCTION", format!("模板用了不存在的函数“{f}”"));
        return match closest(f, FUNCTIONS) {
            Some(s) => d.hint(format!("是不是 {s}？可用的函数：{}", FUNCTIONS.join("、"))),
            None => d.hint(format!("可用的函数：{}", FUNCTIONS.join("、"))),
        };
    }
    if let Some(f) = message.strip_prefix("Unknown filter ") {
        let f = f.trim_matches('`');
        let d = err("E-TEMPLATE-FILTER", format!("模板用了不存在的过滤器“{f}”"));
        return match closest(f, FILTERS) {
            Some(s) => d.hint(format!(
                "是不是 {s}？wengao 的过滤器：{}（另有 Tera 自带的 upper、length、join 等）",
                FILTERS.join("、")
            )),
            None => d.hint(format!(
                "wengao 的过滤器：{}（另有 Tera 自带的 upper、length、join 等）",
                FILTERS.join("、")
            )),
        };
    }
    if let Some(t) = message.strip_prefix("Unknown test ") {
        return err(
            code,
            format!("模板用了不存在的判断“{}”", t.trim_matches('`')),
        )
        .hint("判断指标是否填写请写 {% if figures.键名 is defined %}");
    }
    if let Some(t) = message.strip_prefix("Unknown template ") {
        return err(
            "E-TEMPLATE-MISSING",
            format!("模板要包含的模板“{}”不存在", t.trim_matches('`')),
        )
        .hint(shipped_list());
    }
    if message.starts_with("Block ") && message.ends_with("is not defined in any parent template") {
        let b = quoted(message);
        let d = err(
            "E-TEMPLATE-BLOCK",
            format!("块“{b}”在所继承的模板中不存在，写了也不会输出"),
        );
        let names: Vec<String> = sources
            .iter()
            .filter(|(n, _)| n.as_str() != name)
            .flat_map(|(_, s)| s.blocks().to_vec())
            .map(|b| b.name)
            .filter(|n| n != b)
            .collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        return match closest(b, &refs) {
            Some(s) => d.hint(format!("是不是“{s}”？块名见 README“叙述模板”一节")),
            None => d.hint("块名见 README“叙述模板”一节"),
        };
    }
    if message.starts_with("Variable ") && message.ends_with("is not defined.") {
        return err(
            "E-TEMPLATE-VARIABLE",
            format!("模板用了未定义的变量“{}”", quoted(message)),
        )
        .hint("可用的变量有 meta、figures（以及年报的 disclosure）；指标可能没填时请先判断：{% if figures.键名 is defined %}");
    }
    if let Some(rest) = message.strip_prefix("Field ")
        && let Some((field, available)) = rest.split_once(" is not defined. Available fields: ")
    {
        let field = field.trim_matches('`');
        let fields: Vec<&str> = available.trim_end_matches(['.', '…']).split(", ").collect();
        let d = err(
            "E-TEMPLATE-VARIABLE",
            format!("模板用了不存在的字段“{field}”"),
        );
        return match closest(field, &fields) {
            Some(s) => d.hint(format!("是不是“{s}”？可用的有：{}", fields.join("、"))),
            None => d.hint(format!("可用的有：{}", fields.join("、"))),
        };
    }
    if message.starts_with("Iteration not possible on type `undefined`") {
        let name = sources
            .get(name)
            .map(|s| identifier_at(&s.text, &at))
            .unwrap_or_default();
        return err(
            "E-TEMPLATE-VARIABLE",
            format!("模板用了未定义的变量“{name}”，无法循环"),
        )
        .hint("可用的变量有 meta、figures（以及年报的 disclosure）；请检查变量名");
    }
    if message.starts_with("block was named") {
        let mut names = message.split('`').skip(1).step_by(2);
        let (open, close) = (names.next().unwrap_or(""), names.next().unwrap_or(""));
        return err(
            code,
            format!("块的名字前后不一致：开头是“{open}”，结尾是“{close}”"),
        )
        .hint(format!("把结尾写成 {{% endblock {open} %}}"));
    }
    if message.starts_with("String opened with") {
        return err(code, format!("字符串缺少结尾的引号 {}", quoted(message))).hint("请补上引号");
    }
    if message.starts_with("Closing comment tag") {
        return err(code, "注释缺少结尾的 #}".to_string()).hint("注释写成 {# … #}");
    }
    if let Some(rest) = message.strip_prefix("Found ")
        && let Some((found, expected)) = rest.split_once(" but expected ")
    {
        return err(
            code,
            format!(
                "模板写法有误：这里应为{}，却是{}",
                token_name(expected),
                token_name(found)
            ),
        )
        .hint("请检查这一行：括号、引号是否成对，函数参数之间是否用逗号隔开，{% %} 与 {{ }} 是否写完整");
    }
    if message.starts_with("Function `range` would produce") {
        return err(
            "E-TEMPLATE-LIMIT",
            "range() 的范围超过上限 100000，已停止渲染".to_string(),
        )
        .hint("请检查这一行的 range(end=…)");
    }
    if message.starts_with("Maximum render recursion depth") {
        return err(
            "E-TEMPLATE-LIMIT",
            "组件递归调用超过 20 层，已停止渲染".to_string(),
        )
        .hint("请检查组件是否在自身中调用自己");
    }
    if message.starts_with("Cannot divide by 0") {
        return err(code, "模板中的除法除数为 0".to_string())
            .hint("比率请用 ratio(num=…, den=…)，它会处理分母为 0 的情况");
    }
    err(code, format!("模板有误：{}", short(message))).hint("请对照 README“叙述模板”一节检查这一行")
}

/// The name written at `at` in `text` (`xs` in `for i in xs`).
fn identifier_at(text: &str, at: &Location) -> String {
    text.lines()
        .nth(at.line.saturating_sub(1) as usize)
        .map(|line| {
            line.chars()
                .skip(at.column.saturating_sub(1) as usize)
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                .collect()
        })
        .unwrap_or_default()
}

/// A token or token kind in Tera's words, in Chinese: `identifier` → 名称, `` `}}` `` → “}}”.
fn token_name(token: &str) -> String {
    let token = token.trim().trim_end_matches('.');
    if token.starts_with("one of:") {
        return "一个值（数字、字符串、变量名或括号）".to_string();
    }
    match token {
        "identifier" | "ident" => "名称".to_string(),
        "integer" | "float" => "数字".to_string(),
        "string" => "字符串".to_string(),
        "bool" => "true 或 false".to_string(),
        "," => "逗号“,”".to_string(),
        other => format!("“{}”", other.trim_matches('`')),
    }
}

/// The block tag template `name` leaves open (or closes with the wrong end tag).
fn unclosed(name: &str, sources: &BTreeMap<String, Arc<Loaded>>) -> Option<Diagnostic> {
    let s = sources.get(name)?;
    let u = scan::unclosed(&s.text)?;
    let opened = s.location(u.start);
    Some(match u.found {
        None => Diagnostic::error(
            "E-TEMPLATE-SYNTAX",
            format!(
                "第 {} 行的 {{% {} %}} 没有对应的 {{% {} %}}",
                opened.line, u.word, u.needs
            ),
        )
        .at(opened)
        .hint(format!("在这段内容结束处加上 {{% {} %}}", u.needs)),
        Some((found, at)) if u.word.is_empty() => Diagnostic::error(
            "E-TEMPLATE-SYNTAX",
            format!("{{% {found} %}} 前面没有与它配对的开始标签"),
        )
        .at(s.location(at))
        .hint(format!("删去这个 {{% {found} %}}，或补上它的开始标签")),
        Some((found, at)) => Diagnostic::error(
            "E-TEMPLATE-SYNTAX",
            format!(
                "这里的 {{% {found} %}} 与第 {} 行的 {{% {} %}} 不配对：应先写 {{% {} %}}",
                opened.line, u.word, u.needs
            ),
        )
        .at(s.location(at))
        .hint(format!("在这里之前加上 {{% {} %}}", u.needs)),
    })
}

/// `E-TEMPLATE-CYCLE` naming every template of `chain`, at the tag in the first that names
/// the second.
fn cycle(
    verb: &str,
    chain: &[String],
    sources: &BTreeMap<String, Arc<Loaded>>,
    hint: &str,
) -> Diagnostic {
    // Tera may start the chain at a template that only leads into the cycle: keep the cycle.
    let start = chain
        .last()
        .and_then(|last| chain.iter().position(|n| n == last))
        .unwrap_or(0);
    let chain = &chain[start..];
    let shown: Vec<String> = chain
        .iter()
        .map(|n| {
            sources
                .get(n)
                .map_or_else(|| n.clone(), |s| s.shown.clone())
        })
        .collect();
    let at = match (chain.first(), chain.get(1)) {
        (Some(a), Some(b)) => reference_place(sources, a, b),
        _ => None,
    };
    Diagnostic::error(
        "E-TEMPLATE-CYCLE",
        format!("模板循环{verb}：{}", shown.join(" → ")),
    )
    .at_opt(at)
    .hint(hint)
}

/// Where template `from` quotes the name `to` (in an include or extends).
fn reference_place(
    sources: &BTreeMap<String, Arc<Loaded>>,
    from: &str,
    to: &str,
) -> Option<Location> {
    let s = sources.get(from)?;
    let offset = s
        .references()
        .iter()
        .find(|(n, _)| n == to)
        .map_or(0, |(_, o)| *o);
    Some(s.location(offset))
}

/// The hint listing the shipped templates.
fn shipped_list() -> String {
    let names: Vec<&str> = super::shipped::SHIPPED
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !n.starts_with("sections/"))
        .collect();
    format!(
        "内置模板有：{}；自己的模板请放在指标文件所在目录或 --templates 目录",
        names.join("、")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_read_for_their_first_place() {
        let text =
            "error: Unknown function `fog`\n --> a.tera:2:6\n  |\n\nerror: other\n --> b:1:1";
        assert_eq!(
            first_report(text),
            Some((
                "Unknown function `fog`".to_string(),
                "a.tera".to_string(),
                2,
                6
            ))
        );
        assert_eq!(closest("fog", FUNCTIONS), Some("fig"));
        assert_eq!(short(&"x".repeat(200)).chars().count(), 121);
    }
}
