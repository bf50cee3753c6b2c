//! The anchor of a printed figure: the template call that printed it, as a stable name, and what
//! readers call it. The DOCX writer wraps the figure in a content control titled with the name and
//! records the call in the document's manifest, so `wengao update` can print the figure again
//! from new data (see `crate::render::docx`).

/// What a printed figure is, for its anchor in DOCX: the call that printed it, with the
/// arguments that shape the text in a fixed order (`yoy(dp=1,key=jijin_zhichu)`), and its
/// Chinese name.
pub(super) struct Anchor {
    /// `function(arg=value,…)`, arguments sorted by name.
    pub call: String,
    /// The figure's (or phrase's) Chinese name.
    pub name: String,
}

impl Anchor {
    /// The anchor of `function` called with `args` (each `name=value`, or a bare flag name);
    /// the arguments are sorted, so the order a template wrote them in does not matter.
    pub fn new(function: &str, args: &[String], name: String) -> Anchor {
        let mut sorted: Vec<&str> = args.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        let length = function.len() + 2 + sorted.iter().map(|a| a.len() + 1).sum::<usize>();
        let mut call = String::with_capacity(length);
        call.push_str(function);
        call.push('(');
        for (i, argument) in sorted.iter().enumerate() {
            if i > 0 {
                call.push(',');
            }
            call.push_str(argument);
        }
        call.push(')');
        Anchor { call, name }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_sorted_whatever_the_template_order() {
        let a = Anchor::new(
            "fig",
            &["key=k".into(), "dp=1".into(), "unit".into()],
            "甲".into(),
        );
        assert_eq!(a.call, "fig(dp=1,key=k,unit)");
        assert_eq!(Anchor::new("yoy", &[], String::new()).call, "yoy()");
    }
}
