//! HTML character references, as wikitext reads them: named ones from the
//! HTML5 table, decimal and hex ones, and MediaWiki's own right-to-left mark
//! names. Titles, URLs, attribute values and text all decode through here.

use std::borrow::Cow;

use markup5ever::data::NAMED_ENTITIES;

/// Decode HTML character references: named ones from the HTML5 table (with
/// their `;`), decimal `&#NN;` and hex `&#xNN;`. Invalid or unterminated
/// references are left as they are. Borrowed when there is nothing to do.
#[must_use]
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        match decode_one_entity(tail) {
            Some((len, decoded)) => {
                out.push_str(&decoded);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether a numeric character reference to `code` decodes: tab, newline,
/// CR and the printable characters, not NUL, other controls (C0, DEL, C1),
/// surrogates, U+FFFE or U+FFFF. Others stay as written text (`&amp;#xC;`).
/// (Text drops CR too; see `emit::html_tags::entity`.)
fn is_allowed_numeric_reference(code: u32) -> bool {
    matches!(code, 0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Decode the character reference at the start of `s` (which starts with
/// `&`): its length in bytes and the text it stands for.
#[must_use]
pub fn decode_one_entity(s: &str) -> Option<(usize, String)> {
    let body = s.strip_prefix('&')?;
    // A name is at most 40 bytes: look no further for its `;`, so a text of
    // many `&` and no `;` decodes in linear time.
    let semi = body.bytes().take(41).position(|b| b == b';')?;
    let name = &body[..semi];
    if name.is_empty() || name.len() > 40 {
        return None;
    }
    let len = semi + 2;
    if let Some(num) = name.strip_prefix('#') {
        // Leading zeros are allowed in any number (`&#x0000000074;`).
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let digits = hex.trim_start_matches('0');
            if digits.len() > 8 {
                return None;
            }
            u32::from_str_radix(digits, 16).unwrap_or(0)
        } else {
            if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let digits = num.trim_start_matches('0');
            if digits.len() > 10 {
                return None;
            }
            digits.parse::<u64>().unwrap_or(0).try_into().ok()?
        };
        if !is_allowed_numeric_reference(code) {
            return None;
        }
        let c = char::from_u32(code)?;
        return Some((len, c.to_string()));
    }
    // MediaWiki's own right-to-left mark names, in Hebrew and Arabic.
    if matches!(name, "רלמ" | "رلم") {
        return Some((len, "\u{200F}".to_string()));
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let key = &s[1..len];
    let &(a, b) = NAMED_ENTITIES.get(key)?;
    let mut text = String::new();
    text.push(char::from_u32(a)?);
    if b != 0 {
        text.push(char::from_u32(b)?);
    }
    Some((len, text))
}

