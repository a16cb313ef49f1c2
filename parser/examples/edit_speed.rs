//! Edits per second on one page: `cargo run --release -p wikitext-parser --example edit_speed -- PAGE`.
//! Each edit sets a parameter of a template (adding it when missing), so the
//! figure is the cost of an edit (parsing the fragment, recording the splice),
//! and the write-back is timed apart.

use std::time::Instant;

use wikitext_parser::edit::{Document, Escaping};

fn main() {
    let path = std::env::args().nth(1).expect("usage: edit_speed PAGE");
    let src = std::fs::read_to_string(&path).expect("readable UTF-8 page");
    let started = Instant::now();
    let mut doc = Document::parse(&src);
    let parsed = started.elapsed();
    let templates: Vec<_> = doc.templates().collect();
    let started = Instant::now();
    let mut edits = 0u32;
    for round in 0..20 {
        for &t in &templates {
            // Re-setting the same parameter replaces the earlier splice.
            if doc.set_param(t, "edited", &format!("round {round} | {{{{x}}}}"), Escaping::Escape).is_ok() {
                edits += 1;
            }
        }
    }
    let editing = started.elapsed();
    let started = Instant::now();
    let written = doc.to_wikitext();
    let writing = started.elapsed();
    println!(
        "{path}: {} bytes, {} templates; parse {parsed:?}; {edits} edits in {editing:?} ({:.0} edits/s); write {} bytes in {writing:?}",
        src.len(),
        templates.len(),
        f64::from(edits) / editing.as_secs_f64(),
        written.len(),
    );
}
