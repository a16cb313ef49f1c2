//! Pathological inputs, for testing and benchmarking: deep nesting,
//! thousands of unclosed constructs, runs, long lines and huge attributes.
//! Each generator makes an input of `n` repetitions of its unit, so an
//! input twice as large should take about twice as long to render.
//!
//! `tests/pathological.rs` checks that the output grows linearly;
//! `wikitext bench --pathological` times each input at two sizes. This
//! module is a testing aid, not part of the stable API.

/// Makes an input of `n` repetitions of a unit.
pub type Generator = fn(usize) -> String;

/// One pathological input family.
#[derive(Clone, Copy, Debug)]
pub struct Case {
    /// What the input is, for tables and failure messages.
    pub name: &'static str,
    /// Makes the input for `n` units.
    pub make: Generator,
}

const fn case(name: &'static str, make: Generator) -> Case {
    Case { name, make }
}

/// Every pathological input family.
pub const CASES: &[Case] = &[
    // Brackets that open and never close, or close far away.
    case("nested wiki links `[[`", |n| "[[".repeat(n)),
    case("nested templates `{{`", |n| "{{".repeat(n)),
    case("template sandwich `{{`×n x `}}`×n", |n| format!("{}x{}", "{{".repeat(n), "}}".repeat(n))),
    case("unclosed link texts `[[a|`×n `]]`×n", |n| "[[a|".repeat(n) + &"]]".repeat(n)),
    case("never-closed link texts `[[a|`", |n| "[[a|".repeat(n)),
    case("unclosed links before closing braces `[[a`×n `}}`×n", |n| "[[a".repeat(n) + &" }}".repeat(n)),
    case("unclosed refs and ext links", |n| "<ref>".repeat(n) + &"[http://x ".repeat(n)),
    case("unclosed comments `<!--`", |n| "<!--".repeat(n)),
    case("language converter `-{`×n `}-`×n", |n| "-{".repeat(n) + &"}-".repeat(n)),
    case("links inside ext link text", |n| format!("[http://x {}]", "[[a]] ".repeat(n))),
    // Tables.
    case("unclosed tables `{|`", |n| "{|\n".repeat(n)),
    case("nested tables `{|` in cells", |n| "{|\n|\n".repeat(n)),
    case("many cells", |n| format!("{{|\n{}|}}", "|a||b\n".repeat(n))),
    case("cells on one line", |n| format!("{{|\n|{}\n|}}", "a||".repeat(n))),
    // HTML tags.
    case("nested divs `<div>`", |n| "<div>".repeat(n)),
    case("nested list elements `<ul><li>`", |n| "<ul><li>".repeat(n)),
    case("misnested formatting `<b><i>`", |n| "<b><i>".repeat(n) + "x"),
    case("unclosed spans `<span>`", |n| "<span>a".repeat(n)),
    case("stray end tags `</div>`", |n| "</div>".repeat(n)),
    case("huge attribute value", |n| format!("<div title=\"{}\">x</div>", "ab ".repeat(n))),
    case("many attributes", |n| format!("<div {}>x</div>", (0..n).map(|i| format!("data-{i}=\"b\" ")).collect::<String>())),
    case("unclosed attribute quote", |n| format!("<div title=\"{}", "a ".repeat(n))),
    // Quotes.
    case("quote runs `''`", |n| "''".repeat(n) + &"'''".repeat(n / 5)),
    case("bold-italic line `a'''b''`", |n| "a'''b''".repeat(n)),
    // Lines and lists.
    case("deep list `*`×n", |n| "*".repeat(n) + " x\n"),
    case("list levels up and down", |n| (0..n).map(|i| "*".repeat(i % 64 + 1) + " x\n").collect()),
    case("long line of words", |n| "word ".repeat(n)),
    case("long line of links", |n| "[[a]] ".repeat(n)),
    case("long heading line `=`", |n| "=".repeat(n) + "\n"),
    case("equal headings `== a ==`", |n| "== a ==\n".repeat(n)),
    case("indent-pre lines", |n| " x\n".repeat(n)),
    case("definition lines `;a:b:c`", |n| ";a:b:c\n".repeat(n)),
    case("comments before list items", |n| "<!--c-->*a\n".repeat(n)),
];

/// The number of units that makes `case`'s input about `bytes` long
/// (at least 1).
#[must_use]
pub fn units_for_bytes(case: &Case, bytes: usize) -> usize {
    const PROBE: usize = 1000;
    let probe_len = (case.make)(PROBE).len().max(1);
    (bytes * PROBE / probe_len).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_for_bytes_hits_the_size() {
        for case in CASES {
            let n = units_for_bytes(case, 50_000);
            let len = (case.make)(n).len();
            // "list levels" has units of varying length; the rest are exact.
            assert!((40_000..=60_000).contains(&len), "{}: {len} bytes", case.name);
        }
    }
}
