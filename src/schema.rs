//! `wengao schema`: a JSON Schema (draft-07, the draft every version of the YAML language server
//! reads) of the indicator file, generated from the catalogue: each figure key carries its
//! 中文名, unit and decimals as title/description, and a `defaultSnippets` entry labelled with
//! the Chinese name, so that typing 基金收入 in the editor completes `jumin_jijin_shouru: `.
//!
//! The schema describes YAML scalars as the editor sees them: `period: 2025` is an integer,
//! figures are numbers, pending placeholders (`XX`, `X`, `xx`, `**`, `ＸＸ`), approximate values
//! with a qualifier (`约200`, `10余`) or empty. Figure keys outside the catalogue are refused,
//! except when the file declares figures of its own in an inline `catalogue:` section.
//! Bounds are given to the editor only when they are whole numbers; wengao itself checks every
//! value exactly. Each figure is one schema (a type list; `pattern` applies to strings and
//! `minimum`/`maximum` to numbers only) rather than an `anyOf`, so that hovering shows the
//! figure's own description, and `errorMessage` gives the editor Chinese messages. Checked over
//! LSP with yaml-language-server 1.25: Chinese-labelled completion, hover, the range and
//! unknown-key diagnostics, and no diagnostic for a figure declared inline.

use crate::catalogue::{Catalogue, FigureDef, FigureKind};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};

/// The modeline `init` writes at the top of an indicator file.
pub const MODELINE: &str = "# yaml-language-server: $schema=./wengao.schema.json";

/// The file name `init` gives the schema, next to the indicator file.
pub const FILE_NAME: &str = "wengao.schema.json";

/// Pending placeholders, as a regular expression over the whole value.
const PENDING: &str = "^([Xx]+|\\*\\*|ＸＸ|~)$";

/// An approximate value: a qualifier before or after the exact number.
const QUALIFIED: &str = "^(约|近|超|逾)?[0-9]+(\\.[0-9]+)?(余|多|以上|左右|上下)?$";

/// The schema of an indicator file for `catalogue`, pretty-printed.
pub fn schema_text(catalogue: &Catalogue) -> String {
    let mut text = serde_json::to_string_pretty(&schema(catalogue)).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema of an indicator file for `catalogue`.
pub fn schema(catalogue: &Catalogue) -> Value {
    let mut properties = Map::new();
    let mut known = Map::new();
    let mut snippets = Vec::new();
    for def in catalogue.figures.values() {
        properties.insert(def.key.clone(), figure(def, catalogue));
        known.insert(def.key.clone(), json!(true));
        snippets.push(json!({
            "label": def.name,
            "description": format!("{}（{}）", def.key, def.unit),
            "body": { def.key.clone(): "$1" },
        }));
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://wengao.invalid/indicator-file.schema.json",
        "title": "wengao 指标文件",
        "description": "一期（年度、半年）的指标：meta 说明报告，figures 填本期指标，previous 填上年同期指标",
        "type": "object",
        "additionalProperties": false,
        "required": ["meta"],
        "properties": {
            "meta": meta(),
            "figures": {
                "$ref": "#/definitions/figures",
                "title": "本期指标",
                "description": "本期指标，键名见指标目录（wengao keys 可查）；还没有数的写 XX",
            },
            "previous": {
                "$ref": "#/definitions/figures",
                "title": "上年同期指标",
                "description": "上年同期指标（算同比用）；与 previous_file 二选一",
            },
            "previous_file": {
                "type": "string",
                "title": "上年同期指标文件",
                "description": "上年同期指标文件的路径，相对于本文件所在目录；与 previous 二选一",
            },
            "disclosure": {
                "type": ["object", "null"],
                "title": "政府信息公开年报的统计表",
                "description": "表二（zhudong）、表三（shenqing）、表四（fuyi_susong）：表 → 行 → 列 → 值；见 README“政府信息公开年报”",
            },
            "catalogue": inline_catalogue(),
        },
        // Without figures declared inline, every figure key must be a catalogue key.
        "if": {
            "required": ["catalogue"],
            "properties": { "catalogue": { "type": "object", "required": ["figures"] } },
        },
        "else": {
            "properties": {
                "figures": { "$ref": "#/definitions/known_keys" },
                "previous": { "$ref": "#/definitions/known_keys" },
            },
        },
        "definitions": {
            "figures": {
                "type": ["object", "null"],
                "properties": properties,
                "additionalProperties": { "$ref": "#/definitions/value" },
                "defaultSnippets": snippets,
            },
            "known_keys": {
                "type": ["object", "null"],
                "properties": known,
                "additionalProperties": false,
                "errorMessage": "指标目录里没有这个键：用 wengao keys 查正确的键名，或在 catalogue: 下声明它",
            },
            "value": value("number"),
        },
    })
}

/// What a figure may be written as: a number (`number_type`: `integer` or `number`), a pending
/// placeholder or an approximate value (strings: `pattern` applies to strings only), or empty.
/// One schema, not an `anyOf`: the editor then shows the figure's own description on hover.
fn value(number_type: &str) -> Value {
    json!({
        "type": [number_type, "string", "null"],
        "pattern": format!("({PENDING})|({QUALIFIED})"),
        "errorMessage": "只写数字（不带单位、不加千分位逗号）；还没有数的写 XX；约数写成 约200、10余 这样",
    })
}

fn whole(d: Option<Decimal>) -> Option<i64> {
    d.filter(|d| d.fract().is_zero()).and_then(|d| d.to_i64())
}

fn figure(def: &FigureDef, catalogue: &Catalogue) -> Value {
    let decimals = catalogue.max_decimals(&def.key);
    let mut v = value(if decimals == Some(0) {
        "integer"
    } else {
        "number"
    });
    // minimum/maximum apply to numbers only.
    let negative_allowed = def.min.is_some_and(|m| m.is_sign_negative())
        || (def.min.is_none()
            && !catalogue
                .unit_of(&def.key)
                .is_some_and(|u| u.is_whole_count()));
    match whole(def.min) {
        Some(m) => v["minimum"] = json!(m),
        None if !negative_allowed => v["minimum"] = json!(0),
        None => {}
    }
    if let Some(m) = whole(def.max) {
        v["maximum"] = json!(m);
    }
    let kind = match def.kind {
        FigureKind::Stock => "时点数",
        FigureKind::Flow => "时期数",
    };
    let places = decimals.map_or_else(String::new, |d| format!("，最多 {d} 位小数"));
    v["title"] = json!(def.name);
    v["description"] = json!(format!(
        "{}（单位：{}，{kind}{places}）",
        def.name, def.unit
    ));
    v["markdownDescription"] = json!(format!(
        "**{}**  \n单位：{}；{kind}{places}；还没有数时写 `XX`",
        def.name, def.unit
    ));
    v
}

fn meta() -> Value {
    json!({
        "type": "object",
        "title": "报告说明",
        "additionalProperties": false,
        "required": ["agency", "period", "date", "report"],
        "properties": {
            "agency": { "type": "string", "title": "发文机关", "description": "发文机关（落款），如 三门县医疗保障服务中心" },
            "period": {
                "type": ["integer", "string"],
                "title": "期间",
                "description": "年度写 2020，上半年写 2025-H1，下半年写 2025-H2",
                "pattern": "^[0-9]{4}(-H[12])?$",
            },
            "date": {
                "type": "string",
                "title": "成文日期",
                "description": "如 2021-01-07 或 2021年1月7日",
            },
            "report": {
                "enum": ["annual", "half-year", "disclosure"],
                "title": "报告类型",
                "description": "annual 年度总结和计划，half-year 半年总结和计划，disclosure 政府信息公开年报",
                "markdownEnumDescriptions": ["年度工作总结和下年度工作计划", "半年工作总结和下半年工作计划", "政府信息公开工作年度报告"],
            },
            "title": { "type": "string", "title": "标题", "description": "可省：省略时由模板生成" },
            "template": { "type": "string", "title": "叙述模板", "description": "本报告的叙述模板（.md.tera），相对于本文件" },
            "catalogue": { "type": "string", "title": "指标目录", "description": "本单位的指标目录（YAML），相对于本文件" },
        },
    })
}

/// The inline `catalogue:` section: the same shape as a user catalogue file.
fn inline_catalogue() -> Value {
    let key = json!({ "type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*$" });
    let keys = json!({ "type": "array", "items": key });
    json!({
        "type": "object",
        "title": "本文件自己声明的单位、指标和关系",
        "description": "格式与用户指标目录相同：units、figures、relations",
        "additionalProperties": false,
        "properties": {
            "units": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": false,
                    "properties": {
                        "name": { "type": "string", "title": "单位" },
                        "class": {
                            "enum": ["count", "计数", "个数", "persons", "person", "人数", "visits", "人次", "money", "金额", "percent", "百分比"],
                            "title": "单位类别：count 计数（台、类、场 …）、persons 人数、visits 人次、money 金额、percent 百分比",
                        },
                        "base": { "type": "string", "title": "基本单位（如 万盒 的 盒）" },
                        "factor": { "type": ["integer", "string"], "title": "倍数（如 10000）" },
                    },
                },
            },
            "figures": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["key", "name", "unit"],
                    "additionalProperties": false,
                    "properties": {
                        "key": key,
                        "name": { "type": "string", "title": "中文名称" },
                        "aliases": { "type": "array", "items": { "type": "string" }, "title": "名称的其他写法" },
                        "unit": { "type": "string", "title": "单位" },
                        "kind": { "enum": ["stock", "flow", "时点数", "时期数"], "title": "时点数（stock）或时期数（flow）" },
                        "decimals": { "type": ["integer", "string"], "title": "最多几位小数" },
                        "min": { "type": ["number", "string"], "title": "下限" },
                        "max": { "type": ["number", "string"], "title": "上限" },
                    },
                },
            },
            "relations": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["rule"],
                    "properties": {
                        "rule": {
                            "enum": ["sum", "difference", "ratio", "per_capita", "growth", "scaled", "share", "part_of"],
                            "title": "关系",
                        },
                        "severity": { "enum": ["warning", "error"] },
                        "note": { "type": "string" },
                        "total": key, "result": key, "minuend": key, "subtrahend": key,
                        "numerator": key, "denominator": key, "amount": key, "count": key,
                        "of": key, "base": key, "rate": key,
                        "parts": keys, "subtrahends": keys,
                        "scale": { "type": ["number", "string"] },
                    },
                },
            },
        },
    })
}
