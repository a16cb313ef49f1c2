//! Title, anchor and sanitizer functions must never panic, and the
//! sanitizer must never let a script URL or an event handler through,
//! whatever the input. Inputs come from a small deterministic generator over
//! an alphabet of troublesome pieces, so failures reproduce exactly.

use wikitext_site::anchor::AnchorSet;
use wikitext_html::sanitizer::{
    decode_entities, is_allowed_element, is_safe_url, sanitize_attrs, sanitize_css,
};
use wikitext_site::site::DefaultSite;
use wikitext_site::title::{Title, decode_link_target};

const PIECES: &[&str] = &[
    "a",
    "Z",
    " ",
    "_",
    ":",
    "#",
    "%",
    "%2",
    "%C3%A9",
    "&",
    "&amp;",
    "&#",
    "&#x",
    "&#1114112;",
    "&#0;",
    ";",
    "\\",
    "\\7",
    "\\\n",
    "\r",
    "\t",
    "\u{a0}",
    "\u{200e}",
    "é",
    "ß",
    "İ",
    "ǅ",
    "/",
    "..",
    ".",
    "~~~",
    "<",
    ">",
    "[",
    "]",
    "{",
    "|",
    "'",
    "\"",
    "(",
    "url",
    "expression",
    "/*",
    "*/",
    "javascript",
    "java\tscript",
    "&#106;",
    "script:",
    "on",
    "click",
    "=",
    "\u{fffd}",
    "\u{ff45}",
    "Template",
    "File",
    "meatball",
    "local",
    "data-",
    "xmlns:",
    "\u{10ffff}",
    "\0",
];

/// A deterministic stream of inputs built from [`PIECES`].
fn inputs(count: usize) -> impl Iterator<Item = String> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..count).map(move |_| {
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let len = (next() % 12) as usize;
        (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect()
    })
}

#[test]
fn titles_and_anchors_never_panic() {
    let site = DefaultSite::default();
    let mut anchors = AnchorSet::new();
    let mut empty_id_seen = false;
    for input in inputs(20_000) {
        let decoded = decode_link_target(&input);
        for ns in [0, 10, 6, -1, 12345] {
            if let Some(t) = Title::parse(&decoded, ns, &site) {
                let _ = (t.href(), t.language_href(), t.prefixed_text(), t.prefixed_db_key());
                let href = t.href();
                let page = href.split('#').next().unwrap_or("");
                // `"` stays unescaped in link hrefs, as Parsoid writes them; the
                // serializer escapes it in the attribute.
                assert!(!page.contains(['<', '>', ' ']), "{input:?}");
                assert!(!href.contains(|c: char| c.is_ascii_control()), "{input:?}");
            }
        }
        let (id, fallback) = anchors.unique_id(&input);
        // An empty heading's id is empty (as Parsoid writes it), once: a
        // second one is suffixed.
        if id.is_empty() {
            assert!(!empty_id_seen, "{input:?}");
            empty_id_seen = true;
        }
        assert!(!id.contains([' ', '\n', '\t']), "{id:?}");
        if let Some(f) = fallback {
            assert!(f.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-:".contains(&b)), "{f:?}");
        }
    }
}

#[test]
fn sanitizer_never_lets_scripts_through() {
    for input in inputs(20_000) {
        let _ = decode_entities(&input);
        let css = sanitize_css(&input);
        let folded = css.to_ascii_lowercase();
        assert!(!folded.contains("expression") && !folded.contains("url("), "{input:?} -> {css:?}");
        let attrs = vec![
            ("href".to_string(), input.clone()),
            (format!("on{}", input.len()), input.clone()),
            ("style".to_string(), input.clone()),
            (input.clone(), "x".to_string()),
            ("itemtype".to_string(), input.clone()),
        ];
        for tag in ["link", "div", "span", "meta", "script", "td"] {
            let _ = is_allowed_element(tag, &attrs);
            for (name, value) in sanitize_attrs(tag, attrs.clone()) {
                assert!(!name.starts_with("on"), "{tag} {name}");
                if name == "href" {
                    assert!(is_safe_url(&value), "{value:?}");
                    let squashed: String = value
                        .chars()
                        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    assert!(!squashed.starts_with("javascript:"), "{value:?}");
                }
            }
        }
    }
}
