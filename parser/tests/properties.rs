//! Property tests: any string parses, round-trips byte for byte, and gives a
//! tree whose invariants hold. The alphabet leans on wikitext's special
//! characters so that constructs (and broken constructs) are common.

use proptest::prelude::*;

fn check(src: &str) {
    let tree = wikitext_parser::parse(src);
    if let Err(e) = tree.validate() {
        panic!("invalid tree for {src:?}: {e}\n{}", tree.debug_dump());
    }
    assert_eq!(tree.to_wikitext(), src);
}

fn wikitextish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "[[", "]]", "[", "]", "{{", "}}", "{{{", "}}}", "|", "||", "!!", "{|", "|}", "|-", "|+",
        "\n", " ", "=", "==", "*", "#", ":", ";", "''", "'''", "<!--", "-->", "<div>", "</div>",
        "<ref>", "</ref>", "<nowiki>", "</nowiki>", "<br/>", "<b", ">", "&amp;", "&", "__TOC__",
        "http://x.y/z", "[http://a b]", "ISBN 0123456789", "RFC 12", "-{", "}-", "~~~~", "a",
        "é", "日本", "\r\n", "\t", "\"", "'", "<pre>", "</pre>", "----", "#REDIRECT ",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn wikitextish_strings_round_trip(s in wikitextish()) {
        check(&s);
    }

    #[test]
    fn arbitrary_strings_round_trip(s in any::<String>()) {
        check(&s);
    }
}

#[test]
fn adversarial_inputs_round_trip() {
    for unit in ["[[", "{{", "{{{", "[", "<div", "<ref>", "''", "{|", "-{", "[http://a ", "<!--", "]]", "}}", "|"] {
        let s = unit.repeat(5000);
        check(&s);
        let sandwich = format!("{}x{}", "{{".repeat(3000), "}}".repeat(3000));
        check(&sandwich);
    }
}
