//! Units a report writes that wengao has not built in: how the indicator file declares them
//! (`units:` of its `catalogue:`) and what unit such a declaration makes, for the importer's own
//! unit arithmetic before the file is written.

/// A unit to declare: (name, class, base and factor for a scaled unit of another unit).
pub type UnitDecl = (String, &'static str, Option<(String, u64)>);

/// The declarations a unit written in a report needs when wengao does not have it built in:
/// nothing for a built-in unit; `{name: 台, class: count}`; for a scaled unit (万盒, 千万元) its
/// base first when that is not built in either.
pub fn declarations_for(symbol: &str) -> Vec<UnitDecl> {
    if crate::units::builtin(symbol).is_some() {
        return Vec::new();
    }
    let class_of = |base: &str| match base {
        "人" | "名" => "persons",
        "人次" => "visits",
        "元" => "money",
        "%" | "‰" => "percent",
        _ => "count",
    };
    let scaled = [
        ("千万", 10_000_000u64),
        ("百万", 1_000_000),
        ("万", 10_000),
        ("亿", 100_000_000),
    ]
    .iter()
    .find_map(|(p, k)| {
        symbol
            .strip_prefix(p)
            .filter(|b| !b.is_empty())
            .map(|b| (b, *k))
    });
    match scaled {
        Some((base, factor)) => {
            let mut out = declarations_for(base);
            out.push((
                symbol.to_string(),
                class_of(base),
                Some((base.to_string(), factor)),
            ));
            out
        }
        None => vec![(symbol.to_string(), class_of(symbol), None)],
    }
}

/// The unit a report's unit symbol stands for: built in, or as [`declarations_for`] declares it.
pub fn unit_for(symbol: &str) -> Option<crate::units::Unit> {
    if let Some(u) = crate::units::builtin(symbol) {
        return Some(u.clone());
    }
    let mut declared: Vec<crate::units::Unit> = Vec::new();
    for (name, class, scaled) in declarations_for(symbol) {
        let factor = scaled.as_ref().and_then(|(_, f)| i64::try_from(*f).ok());
        let d = crate::units::Declaration {
            name: &name,
            class: Some(class),
            base: scaled.as_ref().map(|(b, _)| b.as_str()),
            factor,
        };
        let unit = crate::units::declare(&d, |s| {
            crate::units::builtin(s).or_else(|| declared.iter().find(|u| u.symbol == s))
        })
        .ok()?;
        declared.push(unit);
    }
    declared.pop()
}
