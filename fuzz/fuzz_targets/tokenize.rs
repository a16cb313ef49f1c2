//! Any string tokenizes into a valid tree (tokens tile the source, every node
//! encloses its children, every range falls on character boundaries), under
//! each of the option sets a caller can choose.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wikitext::DefaultSite;
use wikitext_parser::ParseOptions;

fuzz_target!(|src: &str| {
    // The first byte picks the options, so the corpus covers all three.
    let options = match src.bytes().next().unwrap_or(0) % 3 {
        0 => ParseOptions::default(),
        1 => wikitext::parse_options(&DefaultSite::default()),
        _ => {
            let mut bare = ParseOptions::default();
            bare.extension_tags.clear();
            bare.url_protocols.clear();
            bare
        }
    };
    let tree = wikitext_parser::parse_with(src, &options);
    if let Err(e) = tree.validate() {
        panic!("invalid tree: {e}");
    }
    for id in tree.descendants(tree.root()) {
        let range = tree.range(id);
        assert!(src.is_char_boundary(range.start) && src.is_char_boundary(range.end),
            "{:?} at {range:?} splits a character", tree.kind(id));
    }
});
