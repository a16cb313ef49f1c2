//! Round trip and tree invariants over the 204 real articles of the shared
//! corpus (`$WIKITEXT_SHARED/corpus`, default `../shared/corpus` beside the
//! repository). Skips, saying so, when the corpus is absent.

use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    match std::env::var_os("WIKITEXT_SHARED") {
        Some(p) => PathBuf::from(p).join("corpus"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
    }
}

#[test]
fn corpus_round_trips_and_validates() {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: no corpus at {} (set WIKITEXT_SHARED)", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "wikitext"))
        .collect();
    files.sort();
    assert!(files.len() >= 200, "expected the 204 corpus pages, found {}", files.len());
    for path in files {
        let src = std::fs::read_to_string(&path).expect("corpus files are UTF-8");
        let tree = wikitext_parser::parse(&src);
        if let Err(e) = tree.validate() {
            panic!("{}: {e}", path.display());
        }
        assert!(tree.to_wikitext() == src, "{}: round trip differs", path.display());
    }
}
