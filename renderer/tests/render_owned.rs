//! `render_owned` frees the tree early but must render exactly as `render`.

use wikitext_html::{render, render_owned, DefaultSite, RenderOptions};

#[test]
fn render_owned_matches_render() {
    let site = DefaultSite::default();
    for src in ["", "== A ==\n''b'' [[c]] {{d|e=f}}\n* g\n{|\n| h\n|}\n<div>i", "x\n\n\n y"] {
        for options in [RenderOptions::page(), RenderOptions::fragment()] {
            let tree = wikitext_parser::parse(src);
            assert_eq!(render_owned(tree.clone(), &site, &options), render(&tree, &site, &options), "{src:?}");
        }
    }
}
