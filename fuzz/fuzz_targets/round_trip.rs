//! Any string parses into a valid tree that writes back byte for byte.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    let tree = wikitext_parser::parse(src);
    if let Err(e) = tree.validate() {
        panic!("invalid tree: {e}");
    }
    assert_eq!(tree.to_wikitext(), src);
});
