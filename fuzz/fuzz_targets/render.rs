//! Any string renders without panicking, and the output is safe: no
//! `<script>`, no `on*` attribute, no `javascript:` URL.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wikitext::{DefaultSite, RenderOptions};

fuzz_target!(|src: &str| {
    let html = wikitext::to_html(src, &DefaultSite::default(), &RenderOptions::fragment());
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script element in output");
    assert!(!lower.contains("href=\"javascript:"), "javascript: URL in output");
    for (i, _) in lower.match_indices(" on") {
        let rest = &lower[i + 3..];
        let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        // ` onclick=` inside a tag would be an event handler; inside text it is harmless,
        // and escaped text never holds a raw `<`, so check we are inside a tag.
        if name_len > 0 && rest.as_bytes().get(name_len) == Some(&b'=') {
            let before = &lower[..i];
            let in_tag = before.rfind('<').is_some_and(|lt| before.rfind('>').is_none_or(|gt| gt < lt));
            assert!(!in_tag, "event handler attribute in output");
        }
    }
});
