//! Page titles: parsing link targets and writing them back as hrefs.
//!
//! Every wiki link, template name and file name goes through [`Title::parse`]:
//! it splits off a leading colon, an interwiki prefix or a namespace prefix
//! and a `#fragment`, normalizes whitespace, upper-cases the first letter
//! where the namespace asks for it, and refuses titles MediaWiki would refuse
//! (illegal characters, `%XX` and `&name;` sequences that should have been
//! decoded, relative paths, over-long names). The result knows its prefixed
//! forms (`Template:Foo bar`, `Template:Foo_bar`) and Parsoid's relative
//! href (`./Template:Foo_bar`).
//!
//! The rules are learnt from the expected HTML of the parser tests
//! (`wikiLinks.txt`, `interwikiLinks.txt`, `interlanguageLinks.txt`, ...)
//! and the site description; the namespace and interwiki tables come from
//! the [`Site`].

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::anchor;
use crate::entities::decode_entities;
use crate::site::{Interwiki, Site};

/// Longest page name in bytes (the Special namespace allows twice as much).
const MAX_TITLE_BYTES: usize = 255;

/// A parsed, normalized page title.
#[derive(Clone, Debug, PartialEq)]
pub struct Title {
    namespace: i32,
    /// The local namespace name with spaces (`"Template"`, `""` for main).
    ns_name: String,
    /// The page part with underscores (`"Foo_bar"`).
    db_key: String,
    /// The fragment without `#`, with spaces (`"Some section"`).
    fragment: Option<String>,
    /// The interwiki prefix, lower-cased, and its map entry.
    interwiki: Option<(String, Interwiki)>,
    /// For interwiki titles, the page part as written (trimmed).
    interwiki_text: String,
    leading_colon: bool,
    /// Whether a local interwiki prefix (`[[local:es:Foo]]`) came first,
    /// which keeps a language prefix after it an inline link.
    via_local: bool,
}

/// The raw text after the prefix `prefix` (lower-cased) and every
/// prefix before it: `"local: meatball :Foo"` with `"meatball"` gives
/// `"Foo"`.
fn raw_after_prefixes<'a>(raw: &'a str, prefix: &str) -> &'a str {
    let mut rest = raw;
    while let Some((head, tail)) = rest.split_once(':') {
        rest = tail;
        let head = head.trim().replace(' ', "_").to_lowercase();
        if head.trim_matches('_') == prefix {
            break;
        }
    }
    rest
}

/// Whether `c` is one of the characters MediaWiki treats as a space in titles.
fn is_title_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '_' | '\u{a0}' | '\u{1680}' | '\u{180e}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Whether `c` is a bidi mark, which titles silently drop.
fn is_bidi_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}')
}

/// Drop bidi marks and turn each run of title spaces into one `_`, trimmed.
fn normalize_spaces(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // A space run seen after kept text: one `_` before the next kept text.
    let mut pending = false;
    // Where the run of kept bytes being scanned started.
    let mut run: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        // Runs are copied whole; only the lead bytes of title spaces and
        // bidi marks (U+00A0, U+1680, U+180E, U+2000-U+205F, U+3000) need
        // their character decoded.
        let (skip, space) = match bytes[i] {
            b' ' | b'_' => (1, true),
            // E3 leads most kana and CJK characters; only E3 80 80
            // (U+3000) among them is a title space.
            0xE3 => (if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x80][..]) { 3 } else { 0 }, true),
            0xC2 | 0xE1 | 0xE2 => match text[i..].chars().next() {
                Some(c) if is_title_space(c) => (c.len_utf8(), true),
                Some(c) if is_bidi_mark(c) => (c.len_utf8(), false),
                _ => (0, false),
            },
            _ => (0, false),
        };
        if skip == 0 {
            run.get_or_insert(i);
            // Jump to the next byte that may start a space or a mark.
            i += 1;
            // E3 leads most kana and CJK characters: the scan goes on past
            // each but E3 80 80.
            while i < bytes.len()
                && (TITLE_BYTE[usize::from(bytes[i])] & MAY_BE_SPACE == 0
                    || (bytes[i] == 0xE3 && bytes.get(i + 1..i + 3) != Some(&[0x80, 0x80][..])))
            {
                i += 1;
            }
            continue;
        }
        if let Some(start) = run.take() {
            if pending && !out.is_empty() {
                out.push('_');
            }
            pending = false;
            out.push_str(&text[start..i]);
        }
        pending |= space;
        i += skip;
    }
    if let Some(start) = run {
        if pending && !out.is_empty() {
            out.push('_');
        }
        out.push_str(&text[start..]);
    }
    out
}

/// [`TITLE_BYTE`] bit: the byte is a space or underscore, or the lead
/// byte of a title space or bidi mark.
const MAY_BE_SPACE: u8 = 1;
/// [`TITLE_BYTE`] bit: an ASCII byte no title may hold (controls, `#<>[]{}|`).
const ILLEGAL: u8 = 2;
/// [`TITLE_BYTE`] bit: a byte one of the rules on relative paths,
/// escapes and signatures needs (`%&.~`).
const RULE_BYTE: u8 = 4;
/// [`TITLE_BYTE`] bit: the lead byte of U+FFFD (which no title may hold), among others.
const LEAD_EF: u8 = 8;

/// What each byte may mean in a title, so that one table lookup a byte
/// replaces decoding and several comparisons.
static TITLE_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = ILLEGAL;
        b += 1;
    }
    table[0x7f] = ILLEGAL;
    let illegal = *b"#<>[]{}|";
    let mut k = 0;
    while k < illegal.len() {
        table[illegal[k] as usize] = ILLEGAL;
        k += 1;
    }
    table[b' ' as usize] = MAY_BE_SPACE;
    table[b'_' as usize] = MAY_BE_SPACE;
    table[0xC2] = MAY_BE_SPACE;
    table[0xE1] = MAY_BE_SPACE;
    table[0xE2] = MAY_BE_SPACE;
    table[0xE3] = MAY_BE_SPACE;
    table[b'%' as usize] = RULE_BYTE;
    table[b'&' as usize] = RULE_BYTE;
    table[b'.' as usize] = RULE_BYTE;
    table[b'~' as usize] = RULE_BYTE;
    table[0xEF] = LEAD_EF;
    table
};

/// The first `byte` (ASCII) in `text`: titles are short, and a byte loop
/// beats a char searcher's setup.
fn find_byte(text: &str, byte: u8) -> Option<usize> {
    text.as_bytes().iter().position(|&b| b == byte)
}

/// Append `text` with its underscores as spaces, copying the runs between them.
fn push_with_spaces(out: &mut String, text: &str) {
    let mut start = 0;
    // Titles are short: a byte loop beats a searcher's setup.
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b == b'_' {
            out.push_str(&text[start..i]);
            out.push(' ');
            start = i + 1;
        }
    }
    out.push_str(&text[start..]);
}

/// Whether a character may appear in a page name (MediaWiki's
/// `legalTitleChars`: printable ASCII except `#<>[]{}|`, and any non-ASCII
/// but U+FFFD). [`TITLE_BYTE`] says the same a byte at a time; the tests
/// hold the two together.
#[cfg(test)]
fn is_legal_char(c: char) -> bool {
    if !c.is_ascii() {
        return c != '\u{fffd}';
    }
    !(c.is_ascii_control() || matches!(c, '#' | '<' | '>' | '[' | ']' | '{' | '}' | '|'))
}

/// Whether the page part contains something MediaWiki refuses.
fn is_illegal_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    let seen = bytes.iter().fold(0u8, |seen, &b| seen | TITLE_BYTE[usize::from(b)]);
    if seen & ILLEGAL != 0 || (seen & LEAD_EF != 0 && key.contains('\u{fffd}')) {
        return true;
    }
    // Each rule below needs one of these bytes; most titles have none.
    if seen & RULE_BYTE == 0 {
        return false;
    }
    // `%XX` escapes must have been decoded by the caller.
    if bytes
        .windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
    {
        return true;
    }
    // So must `&name;` and `&#NN;` references.
    let mut rest = key;
    while let Some(amp) = rest.find('&') {
        let after = &rest[amp + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || !c.is_ascii() || c == '#'))
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with(';') {
            return true;
        }
        rest = after;
    }
    // Relative paths.
    if key == "." || key == ".." || key.starts_with("./") || key.starts_with("../") {
        return true;
    }
    if key.contains("/./") || key.contains("/../") || key.ends_with("/.") || key.ends_with("/..") {
        return true;
    }
    // Signatures.
    key.contains("~~~")
}

/// Whether the language's capital of `i` is the dotted `İ` (and the small
/// of `I` the dotless `ı`): the Turkic languages MediaWiki cases so.
#[must_use]
pub fn has_dotted_capital_i(language: &str) -> bool {
    matches!(language, "az" | "tr" | "kaa" | "kk")
}

/// Upper-case the first character the way MediaWiki does for titles. A
/// character whose upper case is several characters (`ß`) stays as it is;
/// Turkic languages map `i` to `İ`.
#[must_use]
pub fn uc_first<'a>(text: &'a str, language: &str) -> Cow<'a, str> {
    let Some(first) = text.chars().next() else {
        return Cow::Borrowed(text);
    };
    let rest = &text[first.len_utf8()..];
    let upper = if first == 'i' && has_dotted_capital_i(language) {
        '\u{130}'
    } else {
        let mut upper = first.to_uppercase();
        match (upper.next(), upper.next()) {
            (Some(u), None) if u != first => u,
            _ => return Cow::Borrowed(text),
        }
    };
    let mut out = String::with_capacity(upper.len_utf8() + rest.len());
    out.push(upper);
    out.push_str(rest);
    Cow::Owned(out)
}

/// Decode what a link target may carry before it is parsed as a title:
/// HTML character references, then `%XX` escapes when they form valid
/// UTF-8 (`[[Nueva Guip%C3%BAzcoa]]`). What they spelled is put in Unicode
/// NFC, as MediaWiki normalizes page text and titles (`[[&#xFB2E;]]` links
/// the page U+05D0 U+05B7, which is how `[[אַ]]` is saved).
#[must_use]
pub fn decode_link_target(target: &str) -> Cow<'_, str> {
    let decoded = decode_entities(target);
    let decoded = match decode_percent(&decoded) {
        Cow::Owned(s) => Cow::Owned(s),
        Cow::Borrowed(_) => decoded,
    };
    match decoded {
        Cow::Owned(s) => Cow::Owned(to_nfc(s)),
        borrowed => borrowed,
    }
}

/// `%XX` escapes in a link target decoded when they form valid UTF-8
/// (`[[Nueva Guip%C3%BAzcoa]]`); the text as it is otherwise.
#[must_use]
pub fn decode_percent(target: &str) -> Cow<'_, str> {
    if !target.contains('%') {
        return Cow::Borrowed(target);
    }
    match percent_encoding::percent_decode_str(target).decode_utf8() {
        Ok(Cow::Owned(s)) => Cow::Owned(s),
        Ok(Cow::Borrowed(_)) | Err(_) => Cow::Borrowed(target),
    }
}

/// `s` in Unicode NFC; most text already is, and is returned as it is.
#[must_use]
pub fn to_nfc(s: String) -> String {
    if s.is_ascii() {
        return s;
    }
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s;
    }
    s.nfc().collect()
}

/// A link relative to the current page `page` (prefixed text), in a
/// namespace with subpages: `/Sub` is `Page/Sub`, `../Sib` is the parent's
/// `Sib`. Gives the resolved target and the text shown when the link has
/// none: `/Sub` as written, `/Sub/` as `Sub`, `../Sib/` as `Sib`, other
/// `../` links as the resolved title. `None` when the target is not relative
/// or climbs above the top page.
#[must_use]
pub fn resolve_subpage(target: &str, page: &str) -> Option<(String, String)> {
    let (path, suffix) = match target.find('#') {
        Some(h) => (&target[..h], &target[h..]),
        None => (target, ""),
    };
    let path = path.trim();
    if let Some(sub) = path.strip_prefix('/') {
        let noslash = sub.trim_end_matches('/');
        let resolved = format!("{page}/{}{suffix}", noslash.trim());
        let shown = if noslash.len() < sub.len() { format!("{noslash}{suffix}") } else { format!("{path}{suffix}") };
        return Some((resolved, shown));
    }
    let mut levels = 0;
    let mut rest = path;
    while let Some(r) = rest.strip_prefix("../") {
        levels += 1;
        rest = r;
    }
    if levels == 0 {
        return None;
    }
    let segments: Vec<&str> = page.split('/').collect();
    if segments.len() <= levels {
        return None;
    }
    let mut resolved = segments[..segments.len() - levels].join("/");
    if resolved.is_empty() {
        return None;
    }
    let mut shown = None;
    let mut rest = rest.to_string();
    if rest.ends_with('/') {
        rest = rest.trim_end_matches('/').to_string();
        shown = Some(format!("{rest}{suffix}")).filter(|s| !s.is_empty());
    }
    let rest = rest.trim();
    if !rest.is_empty() {
        resolved.push('/');
        resolved.push_str(rest);
    }
    resolved.push_str(suffix);
    let shown = shown.unwrap_or_else(|| resolved.clone());
    Some((resolved, shown))
}

impl Title {
    /// Parse a title. `default_namespace` applies when the text has no
    /// namespace prefix (10 for template names, 0 for links). Returns `None`
    /// for invalid titles. The text should already be entity- and
    /// percent-decoded (see [`decode_link_target`]).
    #[must_use]
    pub fn parse(text: &str, default_namespace: i32, site: &dyn Site) -> Option<Title> {
        let mut key = normalize_spaces(text);
        let mut leading_colon = false;
        let mut namespace = default_namespace;
        if let Some(rest) = key.strip_prefix(':') {
            leading_colon = true;
            namespace = 0;
            key = rest.trim_start_matches('_').to_string();
        }
        // The fragment: everything after the first `#`.
        let mut fragment = None;
        if let Some(hash) = find_byte(&key, b'#') {
            let frag = key[hash + 1..].replace('_', " ");
            fragment = Some(frag);
            key.truncate(hash);
            key.truncate(key.trim_end_matches('_').len());
        }
        let mut interwiki = None;
        let mut interwiki_text = String::new();
        let mut explicit_ns = false;
        let mut via_local = false;
        // Raw text after the leading colon, for the as-written interwiki
        // page part.
        let raw = text.trim().strip_prefix(':').unwrap_or(text.trim());
        while let Some(colon) = find_byte(&key, b':') {
            let prefix = key[..colon].trim_end_matches('_');
            let rest = key[colon + 1..].trim_start_matches('_');
            if prefix.is_empty() {
                break;
            }
            if let Some(ns) = site.namespace_by_name(prefix) {
                // `Talk:fr:Foo` and the like are invalid.
                if ns.id > 0 && ns.id % 2 == 1 {
                    if let Some((p, _)) = rest.split_once(':') {
                        if site.namespace_by_name(p).is_none()
                            && site.interwiki(&p.to_lowercase()).is_some()
                        {
                            return None;
                        }
                    }
                }
                namespace = ns.id;
                explicit_ns = true;
                key = rest.to_string();
                break;
            }
            let lower = prefix.to_lowercase();
            let Some(iw) = site.interwiki(&lower) else {
                break;
            };
            if iw.local_interwiki {
                // `[[local:Foo]]` is `[[Foo]]`; an empty rest is the main
                // page. Parsoid strips any number of these and still lets
                // an interwiki prefix follow (`[[local:meatball:Foo]]`).
                via_local = true;
                let rest = rest.to_string();
                if rest.is_empty() {
                    key = normalize_spaces(site.main_page());
                    break;
                }
                key = match rest.strip_prefix(':') {
                    Some(r) => {
                        namespace = 0;
                        r.trim_start_matches('_').to_string()
                    }
                    None => rest,
                };
                continue;
            }
            // `[[meatball::Foo]]`: a colon right after the prefix is dropped.
            key = rest.strip_prefix(':').map_or(rest, |r| r.trim_start_matches('_')).to_string();
            let raw_rest = raw_after_prefixes(raw, &lower);
            let raw_rest = raw_rest.split('#').next().unwrap_or("").trim();
            interwiki_text = raw_rest.strip_prefix(':').unwrap_or(raw_rest).trim().to_string();
            interwiki = Some((lower, iw));
            break;
        }
        if key.starts_with(':') && interwiki.is_none() {
            return None;
        }
        if key.is_empty() {
            let fragment_only = fragment.is_some() && !explicit_ns;
            if interwiki.is_none() && !fragment_only {
                return None;
            }
        }
        if is_illegal_key(&key) {
            return None;
        }
        let limit = if namespace == -1 { 2 * MAX_TITLE_BYTES } else { MAX_TITLE_BYTES };
        if key.len() > limit && interwiki.is_none() {
            return None;
        }
        let ns = site.namespace_by_id(namespace)?;
        if interwiki.is_none() && !ns.case_sensitive {
            if let Cow::Owned(upper) = uc_first(&key, site.language()) {
            key = upper;
        }
        }
        if namespace == -1 && interwiki.is_none() {
            // A special page under any of its names is written as the wiki
            // writes it (`Special:recentchanges/x` is `Special:RecentChanges/x`).
            let (name, sub) = match key.split_once('/') {
                Some((name, sub)) => (name, Some(sub)),
                None => (key.as_str(), None),
            };
            if let Some(written) = site.special_page_name(name).filter(|w| w != name) {
                key = match sub {
                    Some(sub) => format!("{written}/{sub}"),
                    None => written,
                };
            }
        }
        let ns_name = if interwiki.is_some() { String::new() } else { ns.name };
        Some(Title {
            namespace: if interwiki.is_some() { 0 } else { namespace },
            ns_name,
            db_key: key,
            fragment,
            interwiki,
            interwiki_text,
            leading_colon,
            via_local,
        })
    }

    /// The namespace id (0 for interwiki titles).
    #[must_use]
    pub fn namespace(&self) -> i32 {
        self.namespace
    }

    /// The local namespace name (`"Template"`, `""` for the main namespace).
    #[must_use]
    pub fn namespace_name(&self) -> &str {
        &self.ns_name
    }

    /// The page part with underscores (`"Foo_bar"`).
    #[must_use]
    pub fn db_key(&self) -> &str {
        &self.db_key
    }

    /// The page part with spaces (`"Foo bar"`).
    #[must_use]
    pub fn text(&self) -> String {
        self.db_key.replace('_', " ")
    }

    /// The fragment after `#`, with spaces, if there was one.
    #[must_use]
    pub fn fragment(&self) -> Option<&str> {
        self.fragment.as_deref()
    }

    /// The lower-cased interwiki prefix, for links to other wikis.
    #[must_use]
    pub fn interwiki(&self) -> Option<&str> {
        self.interwiki.as_ref().map(|(p, _)| p.as_str())
    }

    /// The interwiki map entry, for links to other wikis.
    #[must_use]
    pub fn interwiki_info(&self) -> Option<&Interwiki> {
        self.interwiki.as_ref().map(|(_, iw)| iw)
    }

    /// Whether the title was written with a leading colon (`[[:Category:X]]`).
    #[must_use]
    pub fn has_leading_colon(&self) -> bool {
        self.leading_colon
    }

    /// Whether the title is only a fragment (`[[#Section]]`): the caller
    /// resolves it against the current page.
    #[must_use]
    pub fn is_fragment_only(&self) -> bool {
        self.db_key.is_empty() && self.interwiki.is_none()
    }

    /// Whether `[[prefix:X]]` (without a leading colon) makes a language
    /// link rather than an inline link, given the site's interwiki magic.
    #[must_use]
    pub fn is_language_link(&self, site: &dyn Site) -> bool {
        match &self.interwiki {
            Some((_, iw)) => {
                !self.leading_colon
                    && !self.via_local
                    && site.interwiki_magic()
                    && (iw.language || iw.extra_language_link)
            }
            None => false,
        }
    }

    /// `"Template:Foo bar"`; interwiki titles give `"meatball:Foo bar"` with
    /// the page part as normalized.
    #[must_use]
    pub fn prefixed_text(&self) -> String {
        let prefix = match &self.interwiki {
            Some((p, _)) => p.as_str(),
            None => self.ns_name.as_str(),
        };
        // One string, underscores as spaces (the prefix's too).
        let mut text = String::with_capacity(prefix.len() + 1 + self.db_key.len());
        if !prefix.is_empty() {
            push_with_spaces(&mut text, prefix);
            text.push(':');
        }
        push_with_spaces(&mut text, &self.db_key);
        text
    }

    /// This title without its fragment (`Foo#bar` as `Foo`).
    #[must_use]
    pub fn without_fragment(mut self) -> Title {
        self.fragment = None;
        self
    }

    /// Whether [`Title::prefixed_db_key`] is `key`, without building it.
    #[must_use]
    pub fn has_prefixed_db_key(&self, key: &str) -> bool {
        let (prefix, is_namespace) = match &self.interwiki {
            Some((p, _)) => (p.as_str(), false),
            None => (self.ns_name.as_str(), true),
        };
        if prefix.is_empty() {
            return self.db_key == key;
        }
        let Some(written) = key.strip_suffix(self.db_key.as_str()).and_then(|rest| rest.strip_suffix(':')) else {
            return false;
        };
        written.len() == prefix.len()
            && written.bytes().zip(prefix.bytes()).all(|(w, p)| w == if p == b' ' && is_namespace { b'_' } else { p })
    }

    /// `"Template:Foo_bar"`.
    #[must_use]
    pub fn prefixed_db_key(&self) -> String {
        let (prefix, is_namespace) = match &self.interwiki {
            Some((p, _)) => (p.as_str(), false),
            None => (self.ns_name.as_str(), true),
        };
        if prefix.is_empty() {
            return self.db_key.clone();
        }
        let mut key = String::with_capacity(prefix.len() + 1 + self.db_key.len());
        // Namespace names take `_` for their spaces.
        key.extend(prefix.chars().map(|c| if c == ' ' && is_namespace { '_' } else { c }));
        key.push(':');
        key.push_str(&self.db_key);
        key
    }

    /// The href Parsoid writes for a link to this title.
    ///
    /// Local titles give `./Prefixed_db_key#fragment` with
    /// [`encode_title_for_href`] applied (a fragment-only title gives just
    /// `#fragment`); interwiki titles fill the interwiki URL's `$1` with the
    /// page part as written (spaces as `%20`, see [`encode_interwiki_page`]),
    /// made protocol-relative when the prefix asks for it. The result is
    /// not HTML-escaped.
    #[must_use]
    pub fn href(&self) -> String {
        self.href_with_room(0)
    }

    /// [`Title::href`] in a string with room for `extra` more bytes (a red
    /// link's `?action=edit&redlink=1`), so that adding them copies nothing.
    #[must_use]
    pub fn href_with_room(&self, extra: usize) -> String {
        match &self.interwiki {
            Some((_, iw)) => self.interwiki_href(iw, &self.interwiki_text),
            None => {
                let mut href = String::with_capacity(self.ns_name.len() + self.db_key.len() + 8 + extra);
                if !self.db_key.is_empty() {
                    // `./` and the prefixed key, encoded as it is written.
                    href.push_str("./");
                    if !self.ns_name.is_empty() {
                        let ns: String = self.ns_name.chars().map(|c| if c == ' ' { '_' } else { c }).collect();
                        encode_title_into(&mut href, &ns);
                        href.push(':');
                    }
                    encode_title_into(&mut href, &self.db_key);
                }
                if let Some(f) = &self.fragment {
                    href.push('#');
                    href.push_str(&anchor::link_fragment(f));
                }
                href
            }
        }
    }

    /// The href of a language link (`<link rel="mw:PageProp/Language">`):
    /// like [`Title::href`] but with the normalized page part
    /// (`http://es.wikipedia.org/wiki/Foo_bar%3F`). Local titles give their
    /// usual href.
    #[must_use]
    pub fn language_href(&self) -> String {
        match &self.interwiki {
            Some((_, iw)) => self.interwiki_href(iw, &self.db_key),
            None => self.href(),
        }
    }

    fn interwiki_href(&self, iw: &Interwiki, page: &str) -> String {
        let mut target = encode_interwiki_page(page);
        if let Some(f) = &self.fragment {
            target.push('#');
            if iw.local {
                target.push_str(&anchor::link_fragment(f));
            } else {
                target.push_str(&anchor::external_fragment(f));
            }
        }
        let url = iw.url.replace("$1", &target);
        if iw.protocol_relative {
            if let Some(i) = url.find("//") {
                if url[..i].ends_with(':') {
                    return url[i..].to_string();
                }
            }
        }
        url
    }
}

/// Percent-encode a prefixed DB key for a relative href, the way Parsoid
/// does: `%`, `?`, `\`, `#`, spaces, control characters and the
/// characters illegal in titles are escaped; everything else (`:`, `/`,
/// `&`, `'`, `(`, `+`, non-ASCII letters ...) stays.
#[must_use]
pub fn encode_title_for_href(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    encode_title_into(&mut out, key);
    out
}

/// [`encode_title_for_href`], appending to `out`.
fn encode_title_into(out: &mut String, key: &str) {
    encode_with_into(out, key, |c| {
        matches!(c, '%' | '?' | '\\' | '#' | ' ' | '<' | '>' | '[' | ']' | '{' | '}' | '|')
            || c.is_ascii_control()
    });
}

/// Percent-encode an interwiki page part: like [`encode_title_for_href`]
/// but `\` stays (`mb.pl?Soft"Security`).
#[must_use]
pub fn encode_interwiki_page(page: &str) -> String {
    encode_with(page, |c| {
        matches!(c, '%' | '?' | '#' | ' ' | '<' | '>' | '[' | ']' | '{' | '}' | '|')
            || c.is_ascii_control()
    })
}

/// Percent-encode the characters `escape` picks. `escape` sees only ASCII
/// characters (both callers keep every non-ASCII character), so the text
/// is scanned by bytes and copied in runs.
fn encode_with(s: &str, escape: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    encode_with_into(&mut out, s, escape);
    out
}

fn encode_with_into(out: &mut String, s: &str, escape: impl Fn(char) -> bool) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        if b.is_ascii() && escape(char::from(b)) {
            out.push_str(&s[start..i]);
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
            start = i + 1;
        }
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::DefaultSite;

    #[test]
    fn the_byte_table_agrees_with_the_legal_characters() {
        let samples = (0u32..0x300).chain([0x1680, 0x2000, 0x200e, 0x3000, 0xfeff, 0xfffd, 0xfffe, 0x1f600]);
        for c in samples.filter_map(char::from_u32) {
            let key = format!("A{c}b");
            assert_eq!(is_illegal_key(&key), !is_legal_char(c), "{c:?}");
        }
        assert!(is_illegal_key("a%41"));
        assert!(is_illegal_key("a&amp;b"));
        assert!(is_illegal_key("../x"));
        assert!(is_illegal_key("a~~~"));
        assert!(!is_illegal_key("Caf\u{e9} & co."));
    }

    #[test]
    fn spaces_normalize_around_long_plain_runs() {
        assert_eq!(normalize_spaces("  United   States of\u{a0}America__ "), "United_States_of_America");
        assert_eq!(normalize_spaces("\u{200e}Caf\u{e9}\u{2013}x\u{3000}y"), "Caf\u{e9}\u{2013}x_y");
        assert_eq!(normalize_spaces("plain"), "plain");
        assert_eq!(normalize_spaces(""), "");
    }

    fn t(text: &str) -> Option<Title> {
        Title::parse(text, 0, &DefaultSite::default())
    }

    #[test]
    fn basics() {
        let title = t("foo bar").unwrap();
        assert_eq!(title.prefixed_text(), "Foo bar");
        assert_eq!(title.href(), "./Foo_bar");
        let title = Title::parse("foo__bar ", 10, &DefaultSite::default()).unwrap();
        assert_eq!(title.prefixed_db_key(), "Template:Foo_bar");
        assert_eq!(title.namespace(), 10);
        let title = t(" template : x ").unwrap();
        assert_eq!(title.prefixed_db_key(), "Template:X");
        let title = t("Image:Foo.jpg").unwrap();
        assert_eq!(title.prefixed_db_key(), "File:Foo.jpg");
    }

    #[test]
    fn spaces_and_bidi_marks_normalize_as_the_character_rules_say() {
        // The byte scan against the rules stated per character.
        fn by_chars(text: &str) -> String {
            let mut out = String::new();
            let mut pending = false;
            for c in text.chars().filter(|&c| !is_bidi_mark(c)) {
                if is_title_space(c) {
                    pending = true;
                    continue;
                }
                if pending && !out.is_empty() {
                    out.push('_');
                }
                pending = false;
                out.push(c);
            }
            out
        }
        for text in [
            "", " ", "a", " a b ", "a__b", "_\u{3000}日本\u{3000}語\u{3000}", "x\u{200e}y", "\u{200f} a \u{202a} b",
            "\u{a0}é\u{a0}ü\u{a0}", "a\u{2009}\u{205f}b", "ひらがな カタカナ", "\u{1680}\u{180e}z", "¢£\u{3001}",
            "日本語\u{2009}カタ_カナ", "日本\u{200e}語\u{a0}", "東京\u{3000}",
        ] {
            assert_eq!(normalize_spaces(text), by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn prefixed_text_and_key_comparison() {
        let site = DefaultSite::default();
        let title = Title::parse("Help talk:a_b c", 0, &site).unwrap();
        assert_eq!(title.prefixed_text(), "Help talk:A b c");
        assert!(title.has_prefixed_db_key("Help_talk:A_b_c"));
        assert!(!title.has_prefixed_db_key("Help talk:A_b_c"));
        assert!(!title.has_prefixed_db_key("A_b_c"));
        let title = t("foo").unwrap();
        assert!(title.has_prefixed_db_key("Foo"));
        assert!(!title.has_prefixed_db_key(":Foo"));
    }

    #[test]
    fn leading_colon_and_fragments() {
        let site = DefaultSite::default();
        let title = Title::parse(":Foo", 10, &site).unwrap();
        assert!(title.has_leading_colon());
        assert_eq!(title.prefixed_db_key(), "Foo");
        let title = t(":Category:Foo#Bar baz").unwrap();
        assert_eq!(title.namespace(), 14);
        assert_eq!(title.fragment(), Some("Bar baz"));
        assert_eq!(title.href(), "./Category:Foo#Bar_baz");
        let title = t("#Is this great?").unwrap();
        assert!(title.is_fragment_only());
        assert_eq!(title.href(), "#Is_this_great?");
        assert_eq!(t("Foo#a|b").unwrap().href(), "./Foo#a|b");
    }

    #[test]
    fn invalid_titles() {
        for bad in [
            "",
            " ",
            "Foo<bar",
            "Foo>bar",
            "a[b",
            "a]b",
            "a{b",
            "a}b",
            "a|b",
            "Template:",
            "Talk:",
            ":",
            "..",
            ".",
            "./Foo",
            "../Foo",
            "Foo/./bar",
            "Foo/../bar",
            "Foo/.",
            "Foo/..",
            "a~~~b",
            "a%41b",
            "a&amp;b",
            "a&bogus;b",
            "::Foo",
            "a\nb",
            "a\u{fffd}",
        ] {
            assert!(t(bad).is_none(), "{bad:?} should be invalid");
        }
        assert!(t(&"x".repeat(256)).is_none());
        assert!(t(&"x".repeat(255)).is_some());
        assert!(t("7% Solution").is_some());
        assert!(t("Foo & bar").is_some());
        assert!(t("A...b").is_some());
    }

    #[test]
    fn href_encoding() {
        // wikiLinks.txt, redirects.txt, headings.txt.
        assert_eq!(t("7% Solution").unwrap().href(), "./7%25_Solution");
        assert_eq!(t("Cool \"Gator\"").unwrap().href(), "./Cool_\"Gator\"");
        assert_eq!(t("Foo\\bar").unwrap().href(), "./Foo%5Cbar");
        assert_eq!(t("Foo & bar").unwrap().href(), "./Foo_&_bar");
        assert_eq!(t("''Pentecoste''").unwrap().href(), "./''Pentecoste''");
        assert_eq!(t("Museo Picasso (París)").unwrap().href(), "./Museo_Picasso_(París)");
        assert_eq!(t("Page+title%").unwrap().href(), "./Page+title%25");
        assert_eq!(
            Title::parse("With a section?", 10, &DefaultSite::default()).unwrap().href(),
            "./Template:With_a_section%3F"
        );
        assert_eq!(t("Foo~bar").unwrap().href(), "./Foo~bar");
    }

    #[test]
    fn case_rules() {
        assert_eq!(t("ß").unwrap().db_key(), "ß");
        assert_eq!(t("ébène").unwrap().db_key(), "Ébène");
        assert_eq!(t("тест").unwrap().db_key(), "Тест");
        assert_eq!(uc_first("istanbul", "tr"), "İstanbul");
        assert_eq!(uc_first("istanbul", "en"), "Istanbul");
        assert_eq!(uc_first("", "en"), "");
        assert_eq!(t("\u{200e}Foo\u{200f}").unwrap().db_key(), "Foo");
        assert_eq!(t("a\u{3000}b").unwrap().db_key(), "A_b");
    }

    #[test]
    fn decoding_link_targets() {
        assert_eq!(decode_link_target("Nueva Guip%C3%BAzcoa"), "Nueva Guipúzcoa");
        assert_eq!(decode_link_target("Foo&amp;bar"), "Foo&bar");
        assert_eq!(decode_link_target("100%"), "100%");
        assert_eq!(decode_link_target("%FF"), "%FF");
        // What references spell is put in NFC (U+FB2E decomposes); text
        // written as it is stays as written.
        assert_eq!(decode_link_target("&#xFB2E;"), "\u{5D0}\u{5B7}");
        assert_eq!(decode_link_target("%EF%AC%AE"), "\u{5D0}\u{5B7}");
        assert_eq!(decode_link_target("\u{FB2E}"), "\u{FB2E}");
    }
}
