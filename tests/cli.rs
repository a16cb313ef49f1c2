//! The `wikitext` binary: errors are one line on stderr with exit status 2,
//! and `parse --wikitext` writes the source back unchanged.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn wikitext(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wikitext"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the wikitext binary starts");
    child.stdin.take().expect("stdin is piped").write_all(stdin).expect("stdin accepts the input");
    child.wait_with_output().expect("the wikitext binary finishes")
}

/// A scratch file unique to this test process and test.
fn scratch_file(name: &str, contents: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("wikitext-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).expect("the scratch file is written");
    path
}

fn assert_one_line_error(output: &Output, needle: &str) {
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("wikitext: "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(needle), "{stderr}");
}

#[test]
fn invalid_utf8_file_is_an_error() {
    let path = scratch_file("invalid.txt", b"ok \xff\xfe bad");
    let output = wikitext(&["html", path.to_str().expect("temp path is UTF-8")], b"");
    let _ = std::fs::remove_file(&path);
    assert_one_line_error(&output, "not valid UTF-8 (invalid byte at offset 3)");
}

#[test]
fn invalid_utf8_stdin_is_an_error() {
    let output = wikitext(&["parse", "--wikitext", "-"], b"\xc3");
    assert_one_line_error(&output, "<stdin>: input is not valid UTF-8");
}

#[test]
fn unknown_option_is_an_error() {
    let output = wikitext(&["html", "--frobnicate"], b"");
    assert_one_line_error(&output, "--frobnicate");
    let output = wikitext(&["frobnicate"], b"");
    assert_one_line_error(&output, "unknown command 'frobnicate'");
}

#[test]
fn missing_file_is_an_error() {
    let output = wikitext(&["parse", "/nonexistent/wikitext-cli-test/page.txt"], b"");
    assert_one_line_error(&output, "cannot read /nonexistent/wikitext-cli-test/page.txt");
}

#[test]
fn wiki_renders_as_a_described_wikipedia() {
    // The README's example.
    let src = b"{{SEITENNAME}}: {{#time:j. F Y|2008-03-15}}, {{formatnum:1234567.5}}";
    let output = wikitext(&["expand", "-", "--wiki", "dewiki", "--title", "Benutzer:Ada"], src);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "Ada: 15. März 2008, 1.234.567,5");
    let output = wikitext(&["html", "--wiki", "jawiki", "--body-only"], "[[ファイル:A.jpg|サムネイル]]".as_bytes());
    assert!(String::from_utf8_lossy(&output.stdout).contains("mw:File/Thumb"));
    let output = wikitext(&["text", "--wiki", "frwiki"], "[[Catégorie:Ville]]Paris.".as_bytes());
    assert_eq!(String::from_utf8_lossy(&output.stdout), "Paris.\n");
}

#[test]
fn an_unknown_wiki_is_an_error() {
    let output = wikitext(&["html", "--wiki", "xxwiki"], b"x");
    assert_one_line_error(&output, r#"--wiki: unknown wiki "xxwiki"; the wikis described are arwiki, banwiki"#);
    let output = wikitext(&["expand", "--wiki", "dewiki", "--siteinfo", "x.xml"], b"x");
    assert_one_line_error(&output, "--wiki and --siteinfo cannot be combined");
}

#[test]
fn parse_wikitext_round_trips() {
    let src = "== Heading ==\n''italic'' [[Link|text]] {{tmpl|a=b}}\n* item\n<nowiki>x</nowiki>\r\n\u{0}tail";
    let output = wikitext(&["parse", "--wikitext"], src.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout), src);
}

#[test]
fn parse_json_is_valid_json() {
    let output = wikitext(&["parse", "--json"], b"''a''");
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("parse --json prints JSON");
    assert_eq!(value["end"], 5);
}

#[test]
fn help_and_version() {
    let output = wikitext(&["--help"], b"");
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("parsertests"));
    let output = wikitext(&["--version"], b"");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), format!("wikitext {}", env!("CARGO_PKG_VERSION")));
}

/// A scratch corpus directory of three small pages.
fn scratch_corpus(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wikitext-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the scratch directory is made");
    for (file, text) in [
        ("Small.wikitext", "''a'' [[b]]\n"),
        ("Headings.wikitext", "== One ==\ntext\n=== Two ===\n* item\n{| \n| cell\n|}\n"),
        ("Template.wikitext", "{{t|x=1}} <ref>r</ref>\n"),
        ("ignored.txt", "not a page"),
    ] {
        std::fs::write(dir.join(file), text).expect("a scratch page is written");
    }
    dir
}

#[test]
fn bench_json_has_the_figures() {
    let dir = scratch_corpus("bench-json");
    let output = wikitext(&["bench", dir.to_str().expect("temp path is UTF-8"), "--json", "--runs", "1"], b"");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("bench --json prints JSON");
    assert_eq!(report["pages"], 3);
    for key in ["tokenize_mb_s", "html_mb_s"] {
        assert!(report[key].as_f64().is_some_and(|v| v > 0.0), "{key}: {}", report[key]);
        let range = &report[format!("{key}_range")];
        let (best, worst) = (range["best"].as_f64().unwrap_or(-1.0), range["worst"].as_f64().unwrap_or(-1.0));
        assert!(0.0 < worst && worst <= best, "{key}_range: {range}");
    }
    let stages = report["stages"].as_object().expect("stages is an object");
    let names: Vec<&str> = stages.keys().map(String::as_str).collect();
    assert_eq!(names, ["tokenize", "transforms", "tree_building", "dom_passes", "serialize"]);
    assert!(report.get("peak_rss_mb").is_some());
    assert!(report["slowest_page"]["ms_per_kb"].is_number(), "{}", report["slowest_page"]);
    if cfg!(target_os = "linux") {
        assert!(report["peak_rss_mb"].as_f64().is_some_and(|mb| mb > 0.0));
        assert!(report["page_memory"]["largest_page"] == "Headings", "{}", report["page_memory"]);
    }
}

#[test]
fn bench_table_and_pathological_inputs() {
    let dir = scratch_corpus("bench-table");
    let args = ["bench", dir.to_str().expect("temp path is UTF-8"), "--runs", "1", "--no-page-memory"];
    let output = wikitext(&[&args[..], &["--pathological", "--pathological-bytes", "2000"]].concat(), b"");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8_lossy(&output.stdout);
    for needle in ["3 pages", "tokenize to tree", "wikitext to HTML", "tree building", "slowest page", "nested divs"] {
        assert!(text.contains(needle), "no {needle:?} in:\n{text}");
    }
}

#[test]
fn bench_errors_exit_2() {
    let output = wikitext(&["bench", "--frobnicate"], b"");
    assert_one_line_error(&output, "--frobnicate");
    let output = wikitext(&["bench", "--runs", "0"], b"");
    assert_one_line_error(&output, "--runs must be at least 1");
    let output = wikitext(&["bench", "--runs", "many"], b"");
    assert_one_line_error(&output, "many");
    let output = wikitext(&["bench", "/nonexistent/wikitext-cli-test"], b"");
    assert_one_line_error(&output, "cannot read /nonexistent/wikitext-cli-test");
    let dir = scratch_corpus("bench-empty");
    for page in ["Small", "Headings", "Template"] {
        let _ = std::fs::remove_file(dir.join(format!("{page}.wikitext")));
    }
    let output = wikitext(&["bench", dir.to_str().expect("temp path is UTF-8")], b"");
    let _ = std::fs::remove_dir_all(&dir);
    assert_one_line_error(&output, "no .wikitext files");
}

#[test]
fn text_prints_the_text_alone() {
    let output = wikitext(&["text", "--sentences", "2"], b"== Life ==\nDr. Ada wrote.<ref>x</ref> She died.\n");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), "Life\nDr. Ada wrote.\n");
    assert!(output.stderr.is_empty());
    let output = wikitext(&["text", "-", "--chars", "9", "--json"], b"Hello wonderful world.");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), "{\"text\":\"Hello…\",\"words\":1,\"sentences\":1}\n");
    assert!(output.stderr.is_empty());
}

#[test]
fn text_limits_are_errors() {
    // No input: the limits are refused before stdin is read.
    assert_one_line_error(&wikitext(&["text", "--sentences", "1", "--chars", "2"], b""), "--sentences and --chars cannot be combined");
    assert_one_line_error(&wikitext(&["text", "--chars", "-1"], b""), "--chars must not be negative");
}
