//! `wikitext bench` renders the template corpus (corpus/templates) in the
//! same run as the page corpus, and times the template bombs with
//! `--pathological`.

#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn templates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join("templates")
}

/// A scratch page corpus of one small page.
fn scratch_corpus(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wikitext-bench-templates-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the scratch directory is made");
    std::fs::write(dir.join("Small.wikitext"), "''a'' [[b]] {{c}}\n").expect("a scratch page is written");
    dir
}

fn bench(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wikitext")).arg("bench").args(args).output().expect("wikitext runs")
}

#[test]
fn bench_json_has_the_template_figures() {
    let dir = scratch_corpus("json");
    let tdir = templates_dir();
    let output = bench(&[dir.to_str().unwrap(), "--json", "--runs", "1", "--no-page-memory", "--templates", tdir.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("bench --json prints JSON");
    // The existing figures are still there, measured in the same run.
    for key in ["html_mb_s", "tokenize_mb_s", "templates_html_mb_s", "templates_expand_mb_s"] {
        assert!(report[key].as_f64().is_some_and(|v| v > 0.0), "{key}: {}", report[key]);
    }
    let range = &report["templates_html_mb_s_range"];
    assert!(range["worst"].as_f64().unwrap_or(-1.0) > 0.0, "{range}");
    assert_eq!(report["templates_pages"], 20);
    assert_eq!(report["templates_count"], 12);
    assert!(report["templates_bytes"].as_u64().is_some_and(|b| b > 100_000), "{}", report["templates_bytes"]);
}

#[test]
fn bench_table_shows_templates_and_template_bombs() {
    let dir = scratch_corpus("table");
    let tdir = templates_dir();
    let args = [dir.to_str().unwrap(), "--runs", "1", "--no-page-memory", "--templates", tdir.to_str().unwrap()];
    let output = bench(&[&args[..], &["--pathological", "--pathological-bytes", "2000"]].concat());
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8_lossy(&output.stdout);
    for needle in ["wikitext to HTML", "templates to HTML", "20 pages", "template bombs", "billion laughs", "wide page"] {
        assert!(text.contains(needle), "no {needle:?} in:\n{text}");
    }
}

#[test]
fn bench_without_templates() {
    let dir = scratch_corpus("none");
    let output = bench(&[dir.to_str().unwrap(), "--json", "--runs", "1", "--no-page-memory", "--no-templates"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("bench --json prints JSON");
    assert!(report.get("templates_html_mb_s").is_none(), "{report}");
    let output = bench(&[dir.to_str().unwrap(), "--templates", "/nonexistent/wikitext-templates"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/wikitext-templates"));
}

/// The template corpus is consistent: the export loads, every page's calls
/// find their templates, and no page hits a limit or a parser-function error.
#[test]
fn template_corpus_pages_find_their_templates() {
    let tdir = templates_dir();
    let sources = wikitext::export::load_page_sources(&tdir.join("templates.xml")).expect("templates.xml loads");
    assert_eq!(sources.len(), 12);
    let site = sources.over(wikitext::DefaultSite::default());
    let pages = wikitext::bench::read_corpus(&tdir.join("pages")).expect("the pages are read");
    assert_eq!(pages.len(), 20);
    for page in &pages {
        assert!((5_000..=60_000).contains(&page.text.len()), "{}: {} bytes", page.name, page.text.len());
        let expanded = wikitext::expand(&page.text, &site, &page.name);
        assert!(!expanded.contains("[[:Template:"), "{}: a template is missing", page.name);
        assert!(!expanded.contains("class=\"error\""), "{}: an error in the expansion", page.name);
        for call in ["{{Infobox place", "{{Navbox", "{{Cite", "{{1x|"] {
            assert!(page.text.contains(call), "{}: no {call}", page.name);
        }
    }
}
