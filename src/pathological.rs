//! Pathological inputs, for testing and benchmarking: deep nesting,
//! thousands of unclosed constructs, runs, long lines and huge attributes.
//! Each generator makes an input of `n` repetitions of its unit, so an
//! input twice as large should take about twice as long to render.
//!
//! `tests/pathological.rs` checks that the output grows linearly;
//! `wikitext bench --pathological` times each input at two sizes. This
//! module is a testing aid, not part of the stable API.
//!
//! [`TEMPLATE_CASES`] are template bombs: a fixed set of templates and a
//! page of `n` calls, each call enough to hit one of the expander's
//! [`Limits`](crate::Limits) (or its loop check) on its own, except the wide
//! page, whose calls hit the post-expand include size together
//! ([`TemplateCase::limit_units`]). `tests/template_limits.rs` checks the
//! visible error and linear growth.

use wikitext_expand::{PageSources, WithPages};
use wikitext_site::DefaultSite;

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
    // Lone braces are text: each is one byte, never a match (`{{a|{b}}`).
    case("lone braces in template arguments `{{a|{b}}`", |n| "{{a|{b}}{{a|x={}}".repeat(n)),
    case("lone braces inside open templates `{{a|{`", |n| "{{a|{".repeat(n) + &"}}".repeat(n)),
    case("unclosed links before closing braces `[[a`×n `}}`×n", |n| "[[a".repeat(n) + &" }}".repeat(n)),
    case("unclosed refs and ext links", |n| "<ref>".repeat(n) + &"[http://x ".repeat(n)),
    case("unclosed comments `<!--`", |n| "<!--".repeat(n)),
    // Each unclosed extension tag looks ahead for its end tag (the render
    // fuzz target's first timeout: a template's output of this).
    case("unclosed extension tags `<poem>x`", |n| "<poem>x".repeat(n)),
    case("unclosed refs in one references body", |n| format!("<references>{}</references>", "<ref>a".repeat(n))),
    case("refs with unclosed tags in their bodies", |n| "<ref><nowiki>a<poem>b</ref>".repeat(n)),
    case("refs with brackets in their bodies", |n| "<ref>{{a|[[b</ref>".repeat(n) + &"]]}}".repeat(n)),
    // Each group is looked up at its ref and listed at the page's end.
    case("refs in many groups `<ref group=gN>`", |n| (0..n).map(|i| format!("<ref group=g{i}>a</ref>")).collect()),
    case("language converter `-{`×n `}-`×n", |n| "-{".repeat(n) + &"}-".repeat(n)),
    case("links inside ext link text", |n| format!("[http://x {}]", "[[a]] ".repeat(n))),
    // Tables.
    case("unclosed tables `{|`", |n| "{|\n".repeat(n)),
    case("nested tables `{|` in cells", |n| "{|\n|\n".repeat(n)),
    case("many cells", |n| format!("{{|\n{}|}}", "|a||b\n".repeat(n))),
    case("cells on one line", |n| format!("{{|\n|{}\n|}}", "a||".repeat(n))),
    case("magic-word cells on one line `{{!}}{{!}}`", |n| "{{{!}}\n{{!}}".to_string() + &"a{{!}}{{!}}".repeat(n) + "\n{{!}}}"),
    case("pipes in a quoted cell attribute `| a=\"x{{!}}|`", |n| "{|\n| a=\"".to_string() + &"x{{!}}|".repeat(n) + "\n|}"),
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
    // Transclusions: parser functions need no template pages. Many in one
    // paragraph are siblings in the DOM that the encapsulation pass walks.
    case("parser functions on one line `{{#if:1|s}}`", |n| "{{#if:1|s}}".repeat(n)),
    case("parser functions in paragraphs", |n| "a {{#if:1|s}} b\n\n".repeat(n)),
    // Output fostered out of one table: each range widens over the table.
    case("transclusions fostered out of a table", |n| format!("{{|\n{}|}}", "{{#if:1|x}}\n".repeat(n))),
    case("transclusions closing a cell `{{#if:1|a</td>b}}`", |n| "<table><tr><td>{{#if:1|a</td>b}}".repeat(n)),
    // Tables opened and closed by transclusions: each is one group.
    case("tables split across transclusions", |n| "{{lc:{{{!}} }}\n|a\n{{lc:{{!}}}}}\n".repeat(n)),
    // Never closed: the first group runs to the page's end, read once.
    case("tables opened by transclusions, never closed", |n| "{{lc:{{{!}} }}\n|a\n".repeat(n)),
    // Each cell read again with its templates expanded.
    case("cells split by transclusions `|{{#if:1|a{{!}}{{!}}b}}`", |n| format!("{{|\n{}|}}", "|{{#if:1|a{{!}}{{!}}b}}\n".repeat(n))),
    // Each `[` before a template that makes a URL looks for its `]` on the line.
    case("unclosed templated links `[{{fullurl:a}} x`", |n| "[{{fullurl:a}} x ".repeat(n)),
    // Each URL reads on through the templates after it.
    case("URLs running on into templates `http://a/{{#if:1|b}}`", |n| "http://a/{{#if:1|b}}{{#if:1|c}} ".repeat(n)),
];

/// A template bomb: templates, and a page of `n` calls of them.
#[derive(Clone, Copy, Debug)]
pub struct TemplateCase {
    /// What the input is, for tables and failure messages.
    pub name: &'static str,
    /// The templates, as `(title, wikitext)`.
    pub templates: fn() -> Vec<(String, String)>,
    /// Makes the page for `n` units (calls).
    pub make: Generator,
    /// How many units it takes to hit the limit.
    pub limit_units: usize,
    /// The visible error the page then shows (MediaWiki's message).
    pub error: &'static str,
}

impl TemplateCase {
    /// The default site with this case's templates.
    #[must_use]
    pub fn site(&self) -> WithPages<DefaultSite> {
        (self.templates)().into_iter().collect::<PageSources>().over(DefaultSite::default())
    }
}

/// Levels of the billion-laughs and argument-doubling templates.
pub const BOMB_LEVELS: usize = 40;
/// Levels of the nesting chain (the depth limit is 100).
pub const CHAIN_LEVELS: usize = 150;
/// Calls on the wide page.
pub const WIDE_CALLS: usize = 10_000;

/// `Template:{prefix}0` is `base`; `Template:{prefix}k` is `step(k - 1)` for `k` in `1..=levels`.
fn ladder(prefix: &str, levels: usize, base: &str, step: fn(&str, usize) -> String) -> Vec<(String, String)> {
    let mut pages = vec![(format!("Template:{prefix}0"), base.to_string())];
    pages.extend((1..=levels).map(|k| (format!("Template:{prefix}{k}"), step(prefix, k - 1))));
    pages
}

/// Every template bomb.
pub const TEMPLATE_CASES: &[TemplateCase] = &[
    TemplateCase {
        name: "billion laughs (each level calls the next twice, 40 levels)",
        templates: || ladder("Lol", BOMB_LEVELS, "lol", |p, k| format!("{{{{{p}{k}}}}}{{{{{p}{k}}}}}")),
        make: |n| format!("{{{{Lol{BOMB_LEVELS}}}}}\n").repeat(n),
        limit_units: 1,
        error: "Preprocessor node count limit exceeded",
    },
    TemplateCase {
        name: "argument doubling ({{{1}}}{{{1}}} passed down 40 levels)",
        templates: || ladder("Dbl", BOMB_LEVELS, "{{{1}}}", |p, k| format!("{{{{{p}{k}|{{{{{{1}}}}}}{{{{{{1}}}}}}}}}}")),
        make: |n| format!("{{{{Dbl{BOMB_LEVELS}|ab}}}}\n").repeat(n),
        limit_units: 1,
        error: "Template argument size limit exceeded",
    },
    TemplateCase {
        name: "nesting chain (150 levels)",
        templates: || {
            let mut pages: Vec<(String, String)> =
                (0..CHAIN_LEVELS).map(|k| (format!("Template:Chain{k}"), format!("{{{{Chain{}}}}}x", k + 1))).collect();
            pages.push((format!("Template:Chain{CHAIN_LEVELS}"), "end".to_string()));
            pages
        },
        make: |n| "{{Chain0}}\n".repeat(n),
        limit_units: 1,
        error: "Template recursion depth limit exceeded",
    },
    TemplateCase {
        name: "parser functions nested through templates (150 levels)",
        templates: || {
            let mut pages: Vec<(String, String)> = (0..CHAIN_LEVELS)
                .map(|k| (format!("Template:Pf{k}"), format!("{{{{#if:1|{{{{Pf{}}}}}}}}}x", k + 1)))
                .collect();
            pages.push((format!("Template:Pf{CHAIN_LEVELS}"), "end".to_string()));
            pages
        },
        make: |n| "{{Pf0}}\n".repeat(n),
        limit_units: 1,
        error: "Expansion depth limit exceeded",
    },
    TemplateCase {
        name: "template loops (self and mutual)",
        templates: || {
            [("Template:Loop", "a{{Loop}}b"), ("Template:Ping", "p{{Pong}}"), ("Template:Pong", "q{{Ping}}")]
                .map(|(t, x)| (t.to_string(), x.to_string()))
                .into()
        },
        make: |n| "{{Loop}} {{Ping}}\n".repeat(n),
        limit_units: 1,
        error: "Template loop detected",
    },
    TemplateCase {
        name: "wide page (calls of a 271-byte template)",
        templates: || vec![("Template:Wide".to_string(), format!("<span>{}{{{{{{1|}}}}}}</span>", "wide ".repeat(50)))],
        make: |n| "{{Wide|x}}".repeat(n),
        limit_units: WIDE_CALLS,
        error: "Post-expand include size limit exceeded",
    },
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

    #[test]
    fn template_bombs_are_what_they_say() {
        let templates = |name: &str| (TEMPLATE_CASES.iter().find(|c| c.name.starts_with(name)).unwrap().templates)();
        let lol = templates("billion");
        assert_eq!(lol.len(), BOMB_LEVELS + 1);
        assert_eq!(lol[2], ("Template:Lol2".to_string(), "{{Lol1}}{{Lol1}}".to_string()));
        let dbl = templates("argument");
        assert_eq!(dbl[1], ("Template:Dbl1".to_string(), "{{Dbl0|{{{1}}}{{{1}}}}}".to_string()));
        let chain = templates("nesting");
        assert_eq!(chain.len(), CHAIN_LEVELS + 1);
        assert_eq!(chain[0], ("Template:Chain0".to_string(), "{{Chain1}}x".to_string()));
        let functions = templates("parser functions nested");
        assert_eq!(functions[0], ("Template:Pf0".to_string(), "{{#if:1|{{Pf1}}}}x".to_string()));
        let wide = templates("wide");
        assert_eq!(wide[0].1.len(), 271);
        for case in TEMPLATE_CASES {
            assert_eq!(case.site().page_count(), (case.templates)().len(), "{}", case.name);
        }
    }
}
