//! Heading ids and link fragments, encoded the way Parsoid encodes them.
//!
//! Parsoid uses MediaWiki's "html5" fragment mode: an id is the heading's
//! text with whitespace turned into `_`, every other character kept. Old
//! links used the "legacy" mode, where everything outside `[A-Za-z0-9_.:-]`
//! is percent-encoded with `.` instead of `%` (`Тест` → `.D0.A2.D0.B5.D1.81.D1.82`).
//! When the two differ, Parsoid adds an empty
//! `<span id="legacy" typeof="mw:FallbackId"></span>` to the heading so old
//! links keep working. Ids are made unique over the page with `_2`, `_3` ...
//! suffixes, compared ignoring ASCII case (`Foo bar` then `foo Bar` gives
//! `Foo_bar`, `foo_Bar_2`, while `Тест` and `тест` do not clash).
//!
//! All of this is learnt from the expected HTML in `headings.txt`.

use rustc_hash::FxHashSet;

/// Normalise a section title's whitespace: NBSP counts as a space, runs of
/// spaces and underscores become one space. Trailing whitespace (any kind)
/// and underscores go, and so do leading spaces and underscores (MediaWiki
/// reads `_` as a space there), but a leading NBSP stays as one space
/// (`&nbsp; A` → `_A`), as in Parsoid.
fn normalize_section_name(text: &str) -> String {
    let text = text
        .trim_end_matches(|c: char| c.is_whitespace() || c == '_')
        .trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '_');
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '_' | '\u{a0}') {
            pending_space = true;
            continue;
        }
        if pending_space {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// The HTML5-mode id for a heading text: whitespace normalised, then every
/// ASCII whitespace character becomes `_`.
#[must_use]
pub fn html5_id(text: &str) -> String {
    normalize_section_name(text)
        .chars()
        .map(|c| if c.is_ascii_whitespace() { '_' } else { c })
        .collect()
}

/// The legacy-mode id: spaces become `_`, then every byte outside
/// `[A-Za-z0-9_.:-]` is written `.XX` (upper-case hex).
#[must_use]
pub fn legacy_id(text: &str) -> String {
    legacy_encode(&normalize_section_name(text))
}

/// MediaWiki's `$wgFragmentMode` (its first, primary mode): how ids and
/// link fragments built from names are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FragmentMode {
    /// Characters kept as they are (whitespace becomes `_`); Parsoid's
    /// mode and MediaWiki's default.
    #[default]
    Html5,
    /// Everything outside `[A-Za-z0-9_.:-]` written `.XX`, byte by byte.
    Legacy,
}

impl FragmentMode {
    /// The mode `$wgFragmentMode` names (`"html5"`, `"legacy"`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<FragmentMode> {
        match name {
            "html5" => Some(FragmentMode::Html5),
            "legacy" => Some(FragmentMode::Legacy),
            _ => None,
        }
    }

    /// `id` written in this mode. `id` has its whitespace already turned
    /// into `_` (an html5 id), so html5 mode returns it as it is.
    #[must_use]
    pub fn encode(self, id: String) -> String {
        match self {
            FragmentMode::Html5 => id,
            FragmentMode::Legacy => legacy_encode(&id),
        }
    }
}

/// `s` in legacy fragment mode: spaces become `_`, every byte outside
/// `[A-Za-z0-9_.:-]` is written `.XX` (upper-case hex).
#[must_use]
pub fn legacy_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b' ' => out.push('_'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b':' => {
                out.push(char::from(b));
            }
            _ => {
                out.push('.');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Encode a link fragment (`[[Foo#a b]]`) for an internal href: spaces become
/// `_`, ASCII control characters are percent-encoded, everything else stays
/// (the HTML serializer escapes what it must). The caller decodes entities
/// and `%XX` escapes first.
#[must_use]
pub fn link_fragment(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    for c in fragment.chars() {
        match c {
            ' ' => out.push('_'),
            c if c.is_ascii_control() => {
                let b = c as u8;
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
            c => out.push(c),
        }
    }
    out
}

/// Encode a fragment for an interwiki link to another wiki, which may still
/// use the legacy mode: spaces become `_` and the rest is legacy-encoded
/// (`Is this great?` → `Is_this_great.3F`).
#[must_use]
pub fn external_fragment(fragment: &str) -> String {
    legacy_encode(fragment)
}

/// The ids used so far on a page, for making new ones unique.
#[derive(Debug, Default, Clone)]
pub struct AnchorSet {
    /// Ids in use, ASCII-lower-cased.
    seen: FxHashSet<String>,
    /// For each base id (lower-cased), the last suffix handed out, so that a
    /// page with thousands of equal headings does not search from `_2` each
    /// time (which would be quadratic).
    next_suffix: rustc_hash::FxHashMap<String, u32>,
}

impl AnchorSet {
    /// An empty set.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Mark an id as taken (for example one written by hand in an `id=`
    /// attribute) without producing a heading id.
    pub fn reserve(&mut self, id: &str) {
        self.seen.insert(id.to_ascii_lowercase());
    }

    /// Whether `id` is taken, ignoring ASCII case.
    #[must_use]
    pub fn contains(&self, id: &str) -> bool {
        self.seen.contains(&id.to_ascii_lowercase())
    }

    /// The id for a heading with this text content, made unique, and the
    /// legacy fallback id when it differs (with the same suffix).
    ///
    /// An empty heading gets the empty id (Parsoid writes `id=""`); a
    /// second one is suffixed like any other (`_2`).
    pub fn unique_id(&mut self, text: &str) -> (String, Option<String>) {
        let base = html5_id(text);
        let legacy = legacy_id(text);
        let mut id = base.clone();
        let key = base.to_ascii_lowercase();
        let mut suffix = 1u32;
        if self.contains(&id) {
            suffix = self.next_suffix.get(&key).copied().unwrap_or(1);
            loop {
                suffix += 1;
                id = format!("{base}_{suffix}");
                if !self.contains(&id) {
                    break;
                }
            }
            self.next_suffix.insert(key, suffix);
        }
        self.seen.insert(id.to_ascii_lowercase());
        let fallback = if legacy == base {
            None
        } else if suffix == 1 {
            Some(legacy)
        } else {
            Some(format!("{legacy}_{suffix}"))
        };
        (id, fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_headings_txt() {
        let mut set = AnchorSet::new();
        assert_eq!(set.unique_id("Foo bar"), ("Foo_bar".into(), None));
        assert_eq!(set.unique_id("foo Bar"), ("foo_Bar_2".into(), None));
        assert_eq!(set.unique_id("Тест"), ("Тест".into(), Some(".D0.A2.D0.B5.D1.81.D1.82".into())));
        assert_eq!(
            set.unique_id("Тест"),
            ("Тест_2".into(), Some(".D0.A2.D0.B5.D1.81.D1.82_2".into()))
        );
        assert_eq!(set.unique_id("тест"), ("тест".into(), Some(".D1.82.D0.B5.D1.81.D1.82".into())));
        assert_eq!(
            set.unique_id("Hey < # \" >\u{a0}%\u{a0}: '"),
            ("Hey_<_#_\"_>_%_:_'".into(), Some("Hey_.3C_.23_.22_.3E_.25_:_.27".into()))
        );
    }

    #[test]
    fn more_fallbacks() {
        let mut set = AnchorSet::new();
        assert_eq!(set.unique_id("="), ("=".into(), Some(".3D".into())));
        assert_eq!(set.unique_id("=="), ("==".into(), Some(".3D.3D".into())));
        assert_eq!(set.unique_id("="), ("=_2".into(), Some(".3D_2".into())));
        assert_eq!(set.unique_id("C++"), ("C++".into(), Some("C.2B.2B".into())));
        assert_eq!(set.unique_id("A B\nC"), ("A_B_C".into(), Some("A_B.0AC".into())));
        assert_eq!(
            set.unique_id("+:.3A%3A &&]] x"),
            ("+:.3A%3A_&&]]_x".into(), Some(".2B:.3A.253A_.26.26.5D.5D_x".into()))
        );
        assert_eq!(set.unique_id("1.1"), ("1.1".into(), None));
        assert_eq!(set.unique_id("Section T-1"), ("Section_T-1".into(), None));
        assert_eq!(set.unique_id("  spaced   out__here "), ("spaced_out_here".into(), None));
        // Trailing whitespace of any kind goes; a leading NBSP stays as `_`.
        assert_eq!(set.unique_id("Header 2\n").0, "Header_2");
        assert_eq!(set.unique_id("\u{a0} A \u{a0} B \u{a0}").0, "_A_B");
        // Underscores at the edges are spaces, and go too.
        assert_eq!(
            set.unique_id("_ +:.3A%3A _ &&]] x_"),
            ("+:.3A%3A_&&]]_x_2".into(), Some(".2B:.3A.253A_.26.26.5D.5D_x_2".into()))
        );
    }

    #[test]
    fn reserved_ids_are_skipped() {
        let mut set = AnchorSet::new();
        set.reserve("Foo");
        assert_eq!(set.unique_id("foo").0, "foo_2");
        assert_eq!(set.unique_id("").0, "");
        assert_eq!(set.unique_id("").0, "_2");
    }

    #[test]
    fn fragments() {
        assert_eq!(link_fragment("Is this great?"), "Is_this_great?");
        assert_eq!(external_fragment("Is this great?"), "Is_this_great.3F");
        assert_eq!(external_fragment("1/2"), "1.2F2");
    }

    #[test]
    fn suffixes_skip_ids_taken_by_other_headings() {
        let mut set = AnchorSet::new();
        assert_eq!(set.unique_id("a").0, "a");
        assert_eq!(set.unique_id("a 2").0, "a_2");
        assert_eq!(set.unique_id("a").0, "a_3");
        assert_eq!(set.unique_id("A").0, "A_4");
        assert_eq!(set.unique_id("a 5").0, "a_5");
        assert_eq!(set.unique_id("a").0, "a_6");
    }

}
