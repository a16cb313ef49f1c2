//! The syntax tree as JSON with UTF-16 offsets, the shape `parse()` returns.
//!
//! Same shape as `wikitext::tree_to_json` (`{"kind", "start", "end",
//! "children" | "text"}`), but `start`/`end` count UTF-16 code units, as
//! JavaScript's `String.prototype.slice` and `length` do, instead of bytes.
//! JavaScript builds the objects with one `JSON.parse`, which is much faster
//! than creating each object across the wasm boundary.

use wikitext::Tree;

/// Byte offsets of one source string mapped to UTF-16 offsets.
#[derive(Debug)]
pub struct Utf16Offsets {
    /// `utf16[byte]` for every byte offset `0..=len`; `None` when the source
    /// is ASCII and both counts agree.
    utf16: Option<Vec<u32>>,
}

impl Utf16Offsets {
    /// The map for `src`, built in one pass.
    #[must_use]
    pub fn new(src: &str) -> Utf16Offsets {
        if src.is_ascii() {
            return Utf16Offsets { utf16: None };
        }
        let mut utf16 = Vec::with_capacity(src.len() + 1);
        let mut units: u32 = 0;
        for ch in src.chars() {
            // Every byte of a character maps to where the character starts,
            // so even an offset inside a character gives a sane answer.
            for _ in 0..ch.len_utf8() {
                utf16.push(units);
            }
            // A character is at most 2 UTF-16 units; JS strings are shorter
            // than 2^32 units, so this cannot overflow for a string from JS.
            units = units.saturating_add(u32::try_from(ch.len_utf16()).unwrap_or(2));
        }
        utf16.push(units);
        Utf16Offsets { utf16: Some(utf16) }
    }

    /// The UTF-16 offset of byte offset `byte` (clamped to the end).
    #[must_use]
    pub fn get(&self, byte: usize) -> usize {
        match &self.utf16 {
            None => byte,
            Some(utf16) => utf16
                .get(byte)
                .or(utf16.last())
                .map_or(0, |&units| units as usize),
        }
    }
}

/// The tree as compact JSON with UTF-16 offsets: the facade's writer (an
/// explicit stack, so a deeply nested page cannot overflow the small wasm
/// stack) with the offsets mapped.
#[must_use]
pub fn tree_to_utf16_json(tree: &Tree) -> String {
    let offsets = Utf16Offsets::new(tree.src());
    wikitext::tree_to_json_with_offsets(tree, |byte| offsets.get(byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_len(s: &str) -> usize {
        s.encode_utf16().count()
    }

    #[test]
    fn ascii_offsets_are_byte_offsets() {
        let offsets = Utf16Offsets::new("abc");
        assert_eq!((offsets.get(0), offsets.get(3)), (0, 3));
    }

    #[test]
    fn offsets_count_utf16_units() {
        // é is 2 bytes / 1 unit; 😀 is 4 bytes / 2 units (a surrogate pair).
        let src = "aé😀b";
        let offsets = Utf16Offsets::new(src);
        for (byte, _) in src.char_indices() {
            assert_eq!(offsets.get(byte), utf16_len(&src[..byte]), "byte {byte}");
        }
        assert_eq!(offsets.get(src.len()), utf16_len(src));
        // Past the end clamps; inside a character gives its start.
        assert_eq!(offsets.get(src.len() + 5), utf16_len(src));
        assert_eq!(offsets.get(2), 1);
    }

    #[test]
    fn json_ranges_slice_the_utf16_source() {
        let src = "== Été ==\n{{Gâteau|😀=🍰}} [[Ünïcode|text]]\n";
        let tree = wikitext::parse(src);
        let value: serde_json::Value =
            serde_json::from_str(&tree_to_utf16_json(&tree)).expect("valid JSON");
        let units: Vec<u16> = src.encode_utf16().collect();
        assert_eq!(value["kind"], "DOCUMENT");
        assert_eq!(value["end"], units.len());
        // Every token's text is exactly the UTF-16 slice its range names.
        let mut stack = vec![&value];
        let mut tokens = 0;
        while let Some(node) = stack.pop() {
            let (start, end) = (
                node["start"].as_u64().unwrap() as usize,
                node["end"].as_u64().unwrap() as usize,
            );
            if let Some(text) = node["text"].as_str() {
                assert_eq!(String::from_utf16(&units[start..end]).unwrap(), text);
                tokens += 1;
            } else {
                stack.extend(node["children"].as_array().unwrap());
            }
        }
        assert!(tokens > 10);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let src = "[[".repeat(20_000) + &"]]".repeat(20_000);
        let json = tree_to_utf16_json(&wikitext::parse(&src));
        assert!(json.starts_with("{\"kind\":\"DOCUMENT\""));
    }
}
