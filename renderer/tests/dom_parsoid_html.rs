//! Our serializer against Parsoid's own: the HTML Parsoid wrote for real
//! pages (`../shared/realpages/realPagesDev.txt`, read at run time), parsed
//! and written back, must come out byte for byte.

use std::path::PathBuf;

use wikitext_html::serialize::serialize_children;
use wikitext_html::tree_builder::parse_html;

/// The `!! html/parsoid` sections of a parser-test file.
fn parsoid_sections(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut name = String::new();
    let mut section: Option<&str> = None;
    let mut body = String::new();
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("!!") {
            if section == Some("html/parsoid") {
                out.push((name.clone(), std::mem::take(&mut body)));
            }
            body.clear();
            section = rest.split_whitespace().next();
            if section == Some("test") {
                name.clear();
            }
            continue;
        }
        match section {
            Some("test") if name.is_empty() => name = line.trim().to_string(),
            Some("html/parsoid") => body.push_str(line),
            _ => {}
        }
    }
    out
}

#[test]
fn real_pages_serialize_as_parsoid_does() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/realpages/realPagesDev.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} is not there", path.display());
        return;
    };
    let sections = parsoid_sections(&text);
    assert!(sections.len() > 90, "found {} sections", sections.len());
    let mut failures = Vec::new();
    for (name, html) in &sections {
        // The section's final newline belongs to the test file format.
        let html = html.strip_suffix('\n').unwrap_or(html);
        let dom = parse_html(&format!("<!DOCTYPE html><html><head></head><body>{html}"));
        let mut out = String::with_capacity(html.len());
        serialize_children(&dom, dom.body().expect("a body"), &mut out);
        if out != html {
            let at = out.bytes().zip(html.bytes()).position(|(a, b)| a != b).unwrap_or(out.len().min(html.len()));
            let lo = at.saturating_sub(80);
            failures.push(format!(
                "{name}: differs at byte {at}\n  ours:   {:?}\n  parsoid:{:?}",
                out.get(lo..(at + 80).min(out.len())).unwrap_or(""),
                html.get(lo..(at + 80).min(html.len())).unwrap_or(""),
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), sections.len(), failures.join("\n"));
}
