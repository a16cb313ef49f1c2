//! JSON string literals written straight into a string, escaped exactly as
//! `serde_json` escapes them: the renderer's `data-mw` per link and
//! template, the syntax tree's JSON and the dump's records are written
//! without building a JSON value first.

use crate::swar;

/// Append `s` as a JSON string literal, escaped as `serde_json` escapes
/// (`"`, `\` and control characters; nothing else, not even `/` or
/// non-ASCII).
pub fn push_json_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    // Where the clean run waiting to be copied starts.
    let mut start = 0;
    while let Some(i) = next_escape(bytes, start) {
        // Escaped bytes are ASCII, so `start` and `i` are character boundaries.
        out.push_str(&s[start..i]);
        let b = bytes[i];
        match JSON_ESCAPE[usize::from(b)] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'n' => out.push_str("\\n"),
            b'r' => out.push_str("\\r"),
            b't' => out.push_str("\\t"),
            b'b' => out.push_str("\\b"),
            b'f' => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// The first byte at or after `from` that JSON escapes. Clean stretches
/// are read eight bytes at a time (long texts, a page's wikitext in a dump
/// record, have a line break every few dozen bytes); the word that holds
/// one is looked at byte by byte.
#[inline]
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut words = rest.chunks_exact(8);
    let mut at = from;
    for word in &mut words {
        if needs_escape(swar::word(word)) {
            if let Some(i) = word.iter().position(|&b| JSON_ESCAPE[usize::from(b)] != 0) {
                return Some(at + i);
            }
        }
        at += 8;
    }
    words.remainder().iter().position(|&b| JSON_ESCAPE[usize::from(b)] != 0).map(|i| at + i)
}

/// Whether a word (eight bytes) holds a control character, `"` or `\`.
#[inline(always)]
fn needs_escape(x: u64) -> bool {
    swar::below_mask(x, 0x20) | swar::byte_mask(x, b'"') | swar::byte_mask(x, b'\\') != 0
}

/// How JSON writes each byte in a string: 0 as itself, else the letter of
/// its escape (`u` for `\u00XX`).
static JSON_ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(s: &str) -> String {
        let mut out = String::new();
        push_json_string(&mut out, s);
        out
    }

    #[test]
    fn the_word_test_finds_each_byte_to_escape_anywhere() {
        for len in 0..24 {
            for pos in 0..len {
                for c in 0u8..=0x7f {
                    let mut v = vec![b'a'; len];
                    v[pos] = c;
                    let s = String::from_utf8(v).unwrap();
                    assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn non_ascii_and_boundaries_stay_as_written() {
        for s in ["", "é", "\"é\"", "日本語\n\t", "\u{7f}\u{80}\u{ffff}", "a\\b/c", "\u{1}\u{1f}\u{20}"] {
            assert_eq!(ours(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn escapes_as_serde_json_does(s in any::<String>()) {
            prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn escapes_text_with_controls_as_serde_json_does(s in "[a-z\"\\\\\n\t\u{0}-\u{1f}é日]{0,80}") {
            prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
        }
    }
}
