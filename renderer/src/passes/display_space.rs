//! French spacing: a space before `? : ; ! % » ›`, or after `« ‹`, is
//! shown as a no-break space, in `<span typeof="mw:DisplaySpace">`, so the
//! punctuation never wraps away from its word. Only page text changes: not
//! attributes, not raw text (`<pre>`, `<script>`, `<style>`).

use crate::dom::{Dom, NodeId};

fn armors_before(c: char) -> bool {
    matches!(c, '?' | ':' | ';' | '!' | '%' | '»' | '›')
}

fn armors_after(c: char) -> bool {
    matches!(c, '«' | '‹')
}

/// Byte offsets of the spaces in `text` that become display spaces.
fn display_spaces(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let (mut prev, mut before_prev): (Option<char>, Option<char>) = (None, None);
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == ' ' {
            let next = iter.peek().map(|&(_, n)| n);
            // Punctuation glued to a following word (`:The`, `!important`,
            // `»quotes`) is not French spacing, nor is a `«` glued to a
            // preceding word (`quotes« shouldn't`: inward-pointing quotes,
            // as Croatian writes them).
            let after_next = text[i + 1..].chars().nth(1);
            let before = next.is_some_and(armors_before) && !after_next.is_some_and(is_word);
            let after = prev.is_some_and(armors_after) && !before_prev.is_some_and(is_word);
            if before || after {
                out.push(i);
            }
        }
        before_prev = prev;
        prev = Some(c);
    }
    out
}

fn in_raw_text(dom: &Dom, id: NodeId) -> bool {
    dom.ancestors(id).any(|a| matches!(dom.local_name(a), Some("pre" | "script" | "style" | "textarea" | "xmp")))
}

/// The bytes [`may_have_display_space`] looks at closely.
static PUNCTUATION_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b'?', b':', b';', b'!', b'%', 0xc2, 0xe2];
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// Whether `text` may hold a display space: a space right before one of
/// `? : ; ! % » ›` or right after `« ‹`, compared as UTF-8 bytes from each
/// punctuation mark (rarer than spaces). Most text nodes fail this test
/// and skip the character scan. The marks beyond ASCII are found by their
/// lead bytes (`»` and `«` are C2 BB and C2 AB, `›` and `‹` E2 80 BA and
/// E2 80 B9): their last bytes are common continuation bytes in CJK text.
fn may_have_display_space(text: &str) -> bool {
    let b = text.as_bytes();
    let space_at = |i: Option<usize>| i.and_then(|i| b.get(i)) == Some(&b' ');
    let at = |i: usize| match b[i] {
        b'?' | b':' | b';' | b'!' | b'%' => space_at(i.checked_sub(1)),
        0xc2 => match b.get(i + 1) {
            Some(0xbb) => space_at(i.checked_sub(1)),
            Some(0xab) => space_at(Some(i + 2)),
            _ => false,
        },
        0xe2 => match b.get(i + 1..i + 3) {
            Some([0x80, 0xba]) => space_at(i.checked_sub(1)),
            Some([0x80, 0xb9]) => space_at(Some(i + 3)),
            _ => false,
        },
        _ => false,
    };
    if b.len() < 64 {
        // One table lookup a byte; only punctuation bytes are looked at closely.
        return b.iter().enumerate().any(|(i, &c)| PUNCTUATION_BYTE[usize::from(c)] && at(i));
    }
    // Long texts: vectorized searches for the punctuation bytes.
    memchr::memchr3_iter(b'?', b':', b';', b).any(at)
        || memchr::memchr2_iter(b'!', b'%', b).any(at)
        || memchr::memchr2_iter(0xc2, 0xe2, b).any(at)
}

pub(super) fn armor(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    // Each text is changed on its own, so the order does not matter: scan
    // the arena (no tree walk), then keep the texts in the body.
    let texts: Vec<NodeId> = dom.arena_texts().filter(|&(_, t)| may_have_display_space(t)).map(|(n, _)| n).collect();
    for n in texts {
        let Some(text) = dom.text(n) else { continue };
        let spaces = display_spaces(text);
        if spaces.is_empty() || in_raw_text(dom, n) || !dom.is_inside(n, body) {
            continue;
        }
        let text = text.to_string();
        let mut start = 0;
        for at in spaces {
            if at > start {
                let piece = dom.create_text(&text[start..at]);
                dom.insert_before(n, piece);
            }
            let span = dom.create_element("span", [("typeof", "mw:DisplaySpace".to_string())]);
            let nbsp = dom.create_text("\u{a0}");
            dom.append_child(span, nbsp);
            dom.insert_before(n, span);
            start = at + 1;
        }
        if start < text.len() {
            let rest = dom.create_text(&text[start..]);
            dom.insert_before(n, rest);
        }
        dom.detach(n);
    }
}

#[cfg(test)]
mod tests {
    use super::display_spaces;

    #[test]
    fn spaces_before_and_after_guillemets_and_punctuation() {
        assert_eq!(display_spaces("foo ! bar"), vec![3]);
        assert_eq!(display_spaces("« a »"), vec![2, 4]);
        assert_eq!(display_spaces("»quotes«"), Vec::<usize>::new());
        // Inward-pointing quotes are not armored: `«` after a word, `»` before one.
        assert_eq!(display_spaces("These »quotes« shouldn't"), Vec::<usize>::new());
        assert_eq!(display_spaces("»čć« »žđ«"), Vec::<usize>::new());
        assert_eq!(display_spaces("These « quotes » go"), vec![8, 15]);
        assert_eq!(display_spaces("a b"), Vec::<usize>::new());
        assert_eq!(display_spaces("Wikipedia :The"), Vec::<usize>::new());
        assert_eq!(display_spaces("50 %."), vec![2]);
    }

    #[test]
    fn the_byte_prefilter_passes_every_text_with_a_display_space() {
        use super::may_have_display_space;
        for text in ["foo ! bar", "« a »", "a ›b", "‹ c", "50 %.", "x :y", "»quotes«", "a b", "a: b", "\u{a0}» »"] {
            assert!(display_spaces(text).is_empty() || may_have_display_space(text), "{text:?}");
        }
        assert!(!may_have_display_space("a: b; c! d? e% f»g «h"));
        // Long texts take the vectorized path: every mark found there too.
        let filler = "word ".repeat(20);
        for tail in ["x !", "x ?", "x :", "x ;", "x %", "x »", "x ›", "« x", "‹ x"] {
            let text = format!("{filler}{tail} {filler}");
            assert!(!display_spaces(&text).is_empty(), "{tail}");
            assert!(may_have_display_space(&text), "{tail}");
        }
        assert!(!may_have_display_space(&format!("{filler}a: b; c! d? e% f»g «h{filler}")));
        // CJK text, whose continuation bytes include those of `»` and `›`.
        let cjk = "日本語のテキスト、かな。".repeat(8);
        assert!(!may_have_display_space(&cjk));
        for tail in ["x »", "x ›", "« x", "‹ x", "x !"] {
            assert!(may_have_display_space(&format!("{cjk}{tail}{cjk}")), "{tail}");
            assert!(may_have_display_space(tail), "{tail}");
        }
    }
}
