//! Extension tags set aside behind markers, as MediaWiki's strip markers.
//!
//! `{{#tag:ref|a<ref>b</ref>c|group=note}}` is Help:Cite's way of putting a
//! footnote inside a note. MediaWiki runs the inner `<ref>` while it
//! expands the argument and hands `#tag` a marker in its place, so the
//! outer tag's body is `a` + marker + `c`. Here `#tag` writes its tag as
//! wikitext that is tokenized again, where the inner `</ref>` would close
//! the outer tag; so the inner tags of the same name are set aside in the
//! page's [`crate::Expander`] and a marker stands in their place. The
//! renderer renders a marker's wikitext where it meets the marker (in the
//! outer tag's body), and [`crate::Expander::expand_page`] puts the wikitext
//! back.
//!
//! A marker is `U+007F` `UNIQ-tag-` number `-QINU` `U+007F`: characters no
//! markup reads, so it stays in one piece of text.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashSet;

const START: &str = "\u{7f}UNIQ-tag-";
const END: &str = "-QINU\u{7f}";

/// The extension tags a page's expansions set aside, by marker number.
#[derive(Debug, Default)]
pub struct SetAside {
    wikitext: Vec<String>,
    /// Markers the renderer has rendered: each renders once.
    rendered: FxHashSet<usize>,
}

/// One page's [`SetAside`], shared by its expanders and emitters.
pub type SharedSetAside = Rc<RefCell<SetAside>>;

impl SetAside {
    /// Set `wikitext` aside; the marker that stands for it.
    pub fn push(&mut self, wikitext: &str) -> String {
        self.wikitext.push(wikitext.to_string());
        marker(self.wikitext.len() - 1)
    }

    /// The wikitext of marker `index`.
    #[must_use]
    pub fn get(&self, index: usize) -> Option<&str> {
        self.wikitext.get(index).map(String::as_str)
    }

    /// `text` with every marker replaced by the wikitext it stands for.
    #[must_use]
    pub fn restore(&self, text: &str) -> String {
        if !text.contains(START) {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        self.restore_into(text, &mut FxHashSet::default(), &mut out);
        out
    }

    /// [`SetAside::restore`] into `out`, markers in the wikitext put back
    /// too. Each marker is replaced once (a marker typed into a page again
    /// stays as it is): the work is bounded by what was set aside, however
    /// often a marker is written.
    fn restore_into(&self, text: &str, used: &mut FxHashSet<usize>, out: &mut String) {
        let mut rest = text;
        while let Some((before, index, after)) = split_marker(rest) {
            out.push_str(before);
            match self.get(index).filter(|_| used.insert(index)) {
                Some(wikitext) => self.restore_into(wikitext, used, out),
                None => out.push_str(&marker(index)),
            }
            rest = after;
        }
        out.push_str(rest);
    }

    /// The wikitext of marker `index` to render, the first time only (a
    /// marker typed into the page again renders as nothing more: the work
    /// stays bounded by what was set aside).
    pub fn take_for_rendering(&mut self, index: usize) -> Option<String> {
        let wikitext = self.wikitext.get(index)?;
        self.rendered.insert(index).then(|| wikitext.clone())
    }
}

/// The marker of set-aside tag number `index`.
#[must_use]
pub fn marker(index: usize) -> String {
    format!("{START}{index}{END}")
}

/// The first marker in `s`: the text before it, its number, the text after it.
#[must_use]
pub fn split_marker(s: &str) -> Option<(&str, usize, &str)> {
    let mut from = 0;
    while let Some(at) = s[from..].find(START).map(|i| from + i) {
        let digits_start = at + START.len();
        let digits_len = s[digits_start..].bytes().take_while(u8::is_ascii_digit).count();
        let digits = &s[digits_start..digits_start + digits_len];
        if digits_len > 0 && s[digits_start + digits_len..].starts_with(END) {
            if let Ok(index) = digits.parse() {
                return Some((&s[..at], index, &s[digits_start + digits_len + END.len()..]));
            }
        }
        from = digits_start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_split_and_restore() {
        let text = format!("a{}c{}", marker(0), marker(1));
        assert_eq!(split_marker(&text), Some(("a", 0, &text[1 + marker(0).len()..])));
        assert_eq!(split_marker("no marker"), None);
        assert_eq!(split_marker("\u{7f}UNIQ-tag-x-QINU\u{7f}"), None);
        assert_eq!(split_marker("\u{7f}UNIQ-tag--QINU\u{7f}"), None);
        let mut stored = SetAside::default();
        for wikitext in ["<ref>e</ref>".to_string(), "<ref>d</ref>".to_string(), format!("<ref>b{}</ref>", marker(0))] {
            stored.push(&wikitext);
        }
        let text = format!("a{}c{}", marker(2), marker(1));
        assert_eq!(stored.restore(&text), "a<ref>b<ref>e</ref></ref>c<ref>d</ref>");
        // A marker nobody set aside stays as it is; so does one used before
        // (a marker written in its own wikitext, or twice).
        assert_eq!(stored.restore(&marker(7)), marker(7));
        let mut looping = SetAside::default();
        looping.push(&format!("x{}", marker(0)));
        assert_eq!(looping.restore(&format!("{}{}", marker(0), marker(0))), format!("x{}{}", marker(0), marker(0)));
    }
}
