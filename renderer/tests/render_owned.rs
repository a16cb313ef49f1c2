//! `render_owned` frees the tree early and runs the line transforms as the
//! tree builder reads them, but must render exactly as `render`, which
//! collects every stage's output.

use wikitext_html::{render, render_owned, DefaultSite, RenderOptions};

fn assert_same(src: &str) {
    let site = DefaultSite::default();
    for options in [RenderOptions::page(), RenderOptions::fragment()] {
        let tree = wikitext_parser::parse(src);
        assert_eq!(render_owned(tree.clone(), &site, &options), render(&tree, &site, &options), "{src:?}");
    }
}

#[test]
fn render_owned_matches_render() {
    for src in [
        "",
        "== A ==\n''b'' [[c]] {{d|e=f}}\n* g\n{|\n| h\n|}\n<div>i",
        "x\n\n\n y",
        // Quotes left open at line ends, lists, pre and paragraphs across lines.
        "'''a ''b\nc'' d'''\n\n* ''e\n** f''\n; g : h\n i\n j\n\nk\nl",
        "{|\n| ''a || b'' \n|-\n! c\n|}\ntext ''after",
        "<pre>\n a\n</pre>\n\n\n<blockquote>\nq\n</blockquote>",
    ] {
        assert_same(src);
    }
}

/// Every page of the shared corpus, when it is there.
#[test]
fn render_owned_matches_render_on_corpus_pages() {
    let dir = std::env::var("WIKITEXT_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
        .join("corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no corpus at {}", dir.display());
        return;
    };
    let mut pages: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "wikitext")).collect();
    pages.sort();
    for page in pages.iter().take(25) {
        let src = std::fs::read_to_string(page).unwrap_or_default();
        assert_same(&src);
    }
}
