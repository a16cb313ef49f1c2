//! Inline grammar tests: a `// test name` comment above a grammar rule,
//! followed by `// ` lines, is an example of that rule. This test collects
//! every example from `src/grammar/` and snapshots its tree (`KIND@range`
//! dump), so each rule's documented example is also its test.
//! Review changes with `cargo insta review`.

use std::path::Path;

fn examples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/grammar");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("grammar dir").filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("grammar source");
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            let Some(name) = line.trim().strip_prefix("// test ") else { continue };
            let mut body = Vec::new();
            while let Some(next) = lines.peek() {
                let t = next.trim_start();
                if t.starts_with("// test ") || !t.starts_with("//") || t.starts_with("///") {
                    break;
                }
                body.push(t.strip_prefix("// ").unwrap_or(t.trim_start_matches("//")).to_string());
                lines.next();
            }
            out.push((name.trim().to_string(), body.join("\n")));
        }
    }
    out
}

#[test]
fn inline_grammar_examples() {
    let all = examples();
    assert!(all.len() >= 15, "expected the grammar's inline examples, found {}", all.len());
    let mut names = std::collections::HashSet::new();
    for (name, src) in all {
        assert!(names.insert(name.clone()), "duplicate inline test name {name}");
        let tree = wikitext_parser::parse(&src);
        tree.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(tree.to_wikitext(), src);
        insta::assert_snapshot!(format!("inline_{name}"), tree.debug_dump(), &src);
    }
}
