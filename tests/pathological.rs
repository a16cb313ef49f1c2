//! Pathological inputs: deep nesting and thousands of unclosed constructs
//! must render without panicking, and their output must grow linearly
//! with the input (8× the input may give at most 20× the output). Time is
//! measured by the benchmarks, not here.

use wikitext::{DefaultSite, RenderOptions};

fn render(src: &str) -> String {
    wikitext::to_html(src, &DefaultSite::default(), &RenderOptions::fragment())
}

/// Makes an input of about `n` repetitions of a unit.
type Generator = fn(usize) -> String;

const CASES: &[(&str, Generator)] = &[
    ("nested wiki links", |n| "[[".repeat(n)),
    ("nested templates", |n| "{{".repeat(n)),
    ("template sandwich", |n| format!("{}x{}", "{{".repeat(n), "}}".repeat(n))),
    ("quote runs", |n| "''".repeat(n) + &"'''".repeat(n / 5)),
    ("unclosed tables", |n| "{|\n".repeat(n)),
    ("nested divs", |n| "<div>".repeat(n)),
    ("deep list", |n| "*".repeat(n) + " x\n"),
    ("nested list elements", |n| "<ul><li>".repeat(n)),
    ("misnested formatting", |n| "<b><i>".repeat(n) + "x"),
    ("many cells", |n| format!("{{|\n{}|}}", "|a||b\n".repeat(n))),
    ("unclosed refs and links", |n| "<ref>".repeat(n) + &"[http://x ".repeat(n)),
    ("unclosed link texts", |n| "[[a|".repeat(n) + &"]]".repeat(n)),
    ("never-closed link texts", |n| "[[a|".repeat(n)),
    ("long heading line", |n| "=".repeat(n) + "\n"),
    ("indent-pre lines", |n| " x\n".repeat(n)),
    ("definition lines", |n| ";a:b:c\n".repeat(n)),
    ("unclosed comments", |n| "<!--".repeat(n)),
    ("language converter", |n| "-{".repeat(n) + &"}-".repeat(n)),
    ("equal headings", |n| "== a ==\n".repeat(n)),
    ("cells on one line", |n| format!("{{|\n|{}\n|}}", "a||".repeat(n))),
    ("comments before list items", |n| "<!--c-->*a\n".repeat(n)),
    ("links inside external link text", |n| format!("[http://x {}]", "[[a]] ".repeat(n))),
];

#[test]
fn pathological_inputs_render_linearly() {
    for (name, make) in CASES {
        let small = render(&make(500));
        let large = render(&make(4000));
        let (s, l) = (small.len().max(1), large.len());
        assert!(l <= s * 20, "{name}: output grew from {s} to {l} bytes for 8x the input");
    }
}

#[test]
fn deep_nesting_is_capped_visibly() {
    let html = render(&"<div>".repeat(2000));
    // Beyond the nesting limit, start tags show as text.
    assert!(html.contains("&lt;div>"), "no visible sign of the nesting limit");
}
