//! String functions of the ParserFunctions extension, as available on a wiki
//! with `$wgPFEnableStringFunctions = true`:
//! `#len`, `#pos`, `#rpos`, `#sub`, `#count`, `#replace`, `#explode`,
//! `#urldecode`.
//!
//! Behaviour follows the documentation page
//! <https://www.mediawiki.org/wiki/Extension:ParserFunctions/String_functions>
//! and the PHP manual for the underlying primitives (`explode`, `urldecode`,
//! `intval`).
//!
//! All arguments are already-expanded strings.  The caller is expected to have
//! trimmed them (MediaWiki trims parser-function arguments) and to have removed
//! strip markers (`<nowiki>` content counts as zero length per the docs).
//!
//! Positions and lengths count Unicode code points, never bytes (docs: "This
//! function is safe with UTF-8 multibyte characters").
//!
//! Functions that can fail return `Result<String, String>`; the `Err` value is
//! the exact English message, which the caller wraps in
//! `<strong class="error">…</strong>`.

/// `$wgPFStringLengthLimit` default (extension configuration: 1000).
pub const STRING_LENGTH_LIMIT: usize = 1000;

/// Error message for over-long string arguments (`pfunc_string_too_long`).
pub fn too_long_error() -> String {
    format!("Error: String exceeds {STRING_LENGTH_LIMIT} character limit.")
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn check_len(s: &str) -> Result<(), String> {
    // Cheap pre-check: a string with at most LIMIT bytes has at most LIMIT chars.
    if s.len() <= STRING_LENGTH_LIMIT || char_len(s) <= STRING_LENGTH_LIMIT {
        Ok(())
    } else {
        Err(too_long_error())
    }
}

/// Byte offset of the `n`-th character (clamped to the string end).
fn byte_at_char(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map(|(i, _)| i).unwrap_or(s.len())
}

/// Character index of a byte offset that lies on a char boundary.
fn char_at_byte(s: &str, b: usize) -> usize {
    s[..b].chars().count()
}


/// Empty search terms are treated as a single space (docs for `#replace`:
/// "If the search term is unspecified or empty, a single space will be
/// searched for"; applied likewise to `#pos`, `#rpos`, `#count`, `#explode`).
fn needle_or_space(n: &str) -> &str {
    if n.is_empty() { " " } else { n }
}

/// The text as the string functions see it: each extension tag (`<nowiki>`,
/// `<ref>` ...) is a strip marker in MediaWiki, which they remove (docs:
/// "Tags such as <nowiki> and other tag extensions will always have a length
/// of zero, since their content is hidden from the parser"). With
/// `unstrip_nowiki`, a `<nowiki>` keeps its body, as `#replace` reads its
/// replacement term ("To use a space as the replacement term, put it in
/// nowiki tags"). One parse and one pass: linear in the text.
pub(crate) fn kill_markers<'a>(text: &'a str, options: &wikitext_parser::ParseOptions, unstrip_nowiki: bool) -> std::borrow::Cow<'a, str> {
    use wikitext_parser::SyntaxKind;
    if !text.contains('<') {
        return std::borrow::Cow::Borrowed(text);
    }
    let tree = wikitext_parser::parse_with(text, options);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for id in tree.descendants(tree.root()) {
        let r = tree.range(id);
        if tree.kind(id) != SyntaxKind::EXTENSION_TAG || r.start < copied {
            continue;
        }
        out.push_str(&text[copied..r.start]);
        let is_nowiki = tree.child_of_kind(id, SyntaxKind::NAME).is_some_and(|n| tree.text(n).eq_ignore_ascii_case("nowiki"));
        if unstrip_nowiki && is_nowiki {
            if let Some(body) = tree.children(id).find(|&c| matches!(tree.kind(c), SyntaxKind::RAW | SyntaxKind::TAG_BODY)) {
                out.push_str(tree.text(body));
            }
        }
        copied = r.end;
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// `{{#len:string}}` — number of characters. Docs: `{{#len:Žmržlina}}` → 8;
/// no string → 0.  No length limit applies to `#len`.
pub fn len(s: &str) -> String {
    char_len(s).to_string()
}

/// `{{#pos:string|search term|offset}}` — zero-based character position of the
/// first occurrence at or after `offset`, or the empty string when not found.
/// A negative offset counts from the end of the string (PHP `mb_strpos`);
/// an offset outside the string gives "not found".
pub fn pos(s: &str, needle: &str, offset: &str) -> Result<String, String> {
    check_len(s)?;
    check_len(needle)?;
    let needle = needle_or_space(needle);
    let n = char_len(s) as i64;
    let mut off = if offset.trim().is_empty() { 0 } else { crate::functions::php::intval(offset) };
    if off < 0 {
        off += n;
    }
    if off < 0 || off > n {
        return Ok(String::new());
    }
    let start = byte_at_char(s, off as usize);
    match s[start..].find(needle) {
        Some(b) => Ok(char_at_byte(s, start + b).to_string()),
        None => Ok(String::new()),
    }
}

/// `{{#rpos:string|search term}}` — zero-based character position of the last
/// occurrence, or `-1` when not found (docs).
pub fn rpos(s: &str, needle: &str) -> Result<String, String> {
    check_len(s)?;
    check_len(needle)?;
    let needle = needle_or_space(needle);
    match s.rfind(needle) {
        Some(b) => Ok(char_at_byte(s, b).to_string()),
        None => Ok("-1".to_string()),
    }
}

/// `{{#sub:string|start|length}}` — substring by characters.
/// Docs: start is zero-based, negative counts from the end; a positive length
/// is the maximum length, a negative length omits that many characters from
/// the end, a length of 0 (or none) means "to the end".
pub fn sub(s: &str, start: &str, length: &str) -> Result<String, String> {
    check_len(s)?;
    let n = char_len(s) as i64;
    let mut st = crate::functions::php::intval(start);
    if st < 0 {
        st = (n + st).max(0);
    }
    if st >= n {
        return Ok(String::new());
    }
    let l = crate::functions::php::intval(length);
    let end = if l == 0 {
        n
    } else if l > 0 {
        st.saturating_add(l).min(n)
    } else {
        n + l.max(-n)
    };
    if end <= st {
        return Ok(String::new());
    }
    let b0 = byte_at_char(s, st as usize);
    let b1 = b0 + byte_at_char(&s[b0..], (end - st) as usize);
    Ok(s[b0..b1].to_string())
}

/// `{{#count:string|search term}}` — number of non-overlapping occurrences.
pub fn count(s: &str, needle: &str) -> Result<String, String> {
    check_len(s)?;
    check_len(needle)?;
    let needle = needle_or_space(needle);
    Ok(s.matches(needle).count().to_string())
}

/// `{{#replace:string|search term|replacement term|limit}}` — replace
/// occurrences (case-sensitive, left to right, non-overlapping).
/// Docs: empty search term means a single space; empty replacement removes
/// the occurrences.  `limit` (extension) caps the number of replacements;
/// empty, zero or negative means unlimited.
pub fn replace(s: &str, from: &str, to: &str, limit: &str) -> Result<String, String> {
    check_len(s)?;
    check_len(from)?;
    check_len(to)?;
    let from = needle_or_space(from);
    let lim = crate::functions::php::intval(limit);
    if lim <= 0 {
        Ok(s.replace(from, to))
    } else {
        let lim = usize::try_from(lim).unwrap_or(usize::MAX);
        Ok(s.replacen(from, to, lim))
    }
}

/// `{{#explode:string|delimiter|position|limit}}` — split and return one
/// piece.  Docs: position is zero-based, negative counts from the end
/// (`{{#explode:String/Functions/Code|/|-1}}` → `Code`); `limit` works as PHP
/// `explode`'s limit (positive: at most that many pieces, the last holding the
/// rest; negative: drop that many pieces from the end; 0 counts as 1).  An
/// empty `limit` argument means no limit.  Out-of-range positions give "".
pub fn explode(s: &str, delim: &str, position: &str, limit: &str) -> Result<String, String> {
    check_len(s)?;
    check_len(delim)?;
    let delim = needle_or_space(delim);
    let parts: Vec<&str> = if limit.trim().is_empty() {
        s.split(delim).collect()
    } else {
        let lim = crate::functions::php::intval(limit);
        if lim >= 0 {
            let lim = usize::try_from(lim.max(1)).unwrap_or(usize::MAX);
            s.splitn(lim, delim).collect()
        } else {
            let mut v: Vec<&str> = s.split(delim).collect();
            let drop = usize::try_from(lim.unsigned_abs()).unwrap_or(usize::MAX);
            let keep = v.len().saturating_sub(drop);
            v.truncate(keep);
            v
        }
    };
    let cnt = parts.len() as i64;
    let mut p = crate::functions::php::intval(position);
    if p < 0 {
        p += cnt;
    }
    if p < 0 || p >= cnt {
        return Ok(String::new());
    }
    Ok(parts[p as usize].to_string())
}

/// `#urldecode` on a text whose extension tags are strip markers in
/// MediaWiki: the text between the tags is decoded, each tag is kept as
/// written (its body undecoded, as the marker stands for it).
pub(crate) fn urldecode_outside_tags(text: &str, options: &wikitext_parser::ParseOptions) -> String {
    if !text.contains('<') {
        return urldecode(text);
    }
    let tree = wikitext_parser::parse_with(text, options);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for id in tree.descendants(tree.root()) {
        let r = tree.range(id);
        if tree.kind(id) != wikitext_parser::SyntaxKind::EXTENSION_TAG || r.start < copied {
            continue;
        }
        out.push_str(&urldecode(&text[copied..r.start]));
        out.push_str(&text[r.start..r.end]);
        copied = r.end;
    }
    out.push_str(&urldecode(&text[copied..]));
    out
}

/// `{{#urldecode:string}}` — PHP `urldecode`: `%XX` sequences are decoded and
/// `+` becomes a space; malformed `%` sequences are left as they are.
/// Invalid UTF-8 in the decoded bytes is replaced by U+FFFD.
pub fn urldecode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < b.len() => {
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push(h * 16 + l);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Examples from https://www.mediawiki.org/wiki/Extension:ParserFunctions/String_functions

    fn killed(s: &str, unstrip_nowiki: bool) -> String {
        kill_markers(s, &wikitext_parser::ParseOptions::default(), unstrip_nowiki).into_owned()
    }

    #[test]
    fn tags_are_markers_the_functions_remove() {
        // Docs: "{{#len:<nowiki>This is a </nowiki>test}} returns 4";
        // "{{#pos:<nowiki>This is a </nowiki>test|test}} returns 0";
        // "{{#sub:<nowiki>This is a </nowiki>test|1}} returns est".
        let s = killed("<nowiki>This is a </nowiki>test", false);
        assert_eq!(len(&s), "4");
        assert_eq!(pos(&s, "test", "").unwrap(), "0");
        assert_eq!(sub(&s, "1", "").unwrap(), "est");
        assert_eq!(killed("a<nowiki/>b<ref name=\"x\">r</ref>c<NOWIKI>d</NOWIKI>", false), "abc");
        assert_eq!(killed("no tags < here", false), "no tags < here");
        assert_eq!(killed("<b>bold</b>", false), "<b>bold</b>");
        // #replace's replacement term keeps a nowiki's body: docs
        // "{{#replace:My_little_home_page|_|<nowiki> </nowiki>}} returns
        // My little home page", and the same with "<nowiki/> <nowiki/>".
        let to = killed("<nowiki> </nowiki>", true);
        assert_eq!(replace("My_little_home_page", "_", &to, "").unwrap(), "My little home page");
        let to = killed("<nowiki/> <nowiki/>", true);
        assert_eq!(replace("My_little_home_page", "_", &to, "").unwrap(), "My little home page");
        assert_eq!(killed("<ref>x</ref>-<nowiki>y</nowiki>", true), "-y");
    }

    #[test]
    fn urldecode_leaves_tags() {
        let options = wikitext_parser::ParseOptions::default();
        assert_eq!(urldecode_outside_tags("a%20<nowiki>%20+</nowiki>%21+", &options), "a <nowiki>%20+</nowiki>! ");
        assert_eq!(urldecode_outside_tags("My%20little%20home%20page", &options), "My little home page");
        assert_eq!(urldecode_outside_tags("%3Cb%3E <b>x%20</b>", &options), "<b> <b>x </b>");
    }

    #[test]
    fn len_docs() {
        assert_eq!(len("Žmržlina"), "8");
        assert_eq!(len("Icecream"), "8");
        assert_eq!(len("a   b"), "5");
        assert_eq!(len(""), "0");
        assert_eq!(len("&nbsp;"), "6");
        assert_eq!(len("&#32;"), "5");
    }

    #[test]
    fn pos_docs() {
        assert_eq!(pos("Žmržlina", "žlina", "").unwrap(), "3");
        assert_eq!(pos("Žmržlina", "z", "").unwrap(), "");
        assert_eq!(pos("Žmržlina", "lina", "").unwrap(), "4");
        assert_eq!(pos("Žmržlina", "Ž", "").unwrap(), "0");
        // offset
        assert_eq!(pos("abcabc", "b", "2").unwrap(), "4");
        assert_eq!(pos("abcabc", "b", "-2").unwrap(), "4");
        assert_eq!(pos("abcabc", "b", "-20").unwrap(), "");
        assert_eq!(pos("abcabc", "b", "200").unwrap(), "");
        assert_eq!(pos("a b", "", "").unwrap(), "1");
        assert_eq!(pos("ŽŽŽ", "Ž", "1").unwrap(), "1");
    }

    #[test]
    fn rpos_docs() {
        assert_eq!(rpos("Žmržlina", "lina").unwrap(), "4");
        assert_eq!(rpos("Žmržlina", "z").unwrap(), "-1");
        assert_eq!(rpos("ŽaŽa", "Ž").unwrap(), "2");
        assert_eq!(rpos("a b c", "").unwrap(), "3");
    }

    #[test]
    fn sub_docs() {
        assert_eq!(sub("Icecream", "3", "").unwrap(), "cream");
        assert_eq!(sub("Icecream", "0", "3").unwrap(), "Ice");
        assert_eq!(sub("Icecream", "-3", "").unwrap(), "eam");
        assert_eq!(sub("Icecream", "3", "3").unwrap(), "cre");
        assert_eq!(sub("Icecream", "3", "-3").unwrap(), "cr");
        assert_eq!(sub("Icecream", "-3", "2").unwrap(), "ea");
        assert_eq!(sub("Icecream", "3", "0").unwrap(), "cream");
        assert_eq!(sub("Icecream", "0", "-3").unwrap(), "Icecr");
        // edge cases
        assert_eq!(sub("Žmržlina", "1", "3").unwrap(), "mrž");
        assert_eq!(sub("abc", "5", "").unwrap(), "");
        assert_eq!(sub("abc", "-10", "2").unwrap(), "ab");
        assert_eq!(sub("abc", "1", "-10").unwrap(), "");
        assert_eq!(sub("abc", "", "").unwrap(), "abc");
        assert_eq!(sub("abc", "1", "99999999999999999999").unwrap(), "bc");
    }

    #[test]
    fn count_docs() {
        assert_eq!(count("foo bar baz", "ba").unwrap(), "2");
        assert_eq!(count("foo bar baz", "x").unwrap(), "0");
        assert_eq!(count("aaaa", "aa").unwrap(), "2");
        assert_eq!(count("a b c", "").unwrap(), "2");
    }

    #[test]
    fn replace_docs() {
        assert_eq!(replace("Žmržlina", "ž", "z", "").unwrap(), "Žmrzlina");
        assert_eq!(replace("Icecream", "e", "E", "").unwrap(), "IcEcrEam");
        assert_eq!(replace("Icecream", "e", "", "").unwrap(), "Iccram");
        assert_eq!(replace("My_little_home_page", "_", "&nbsp;", "").unwrap(), "My&nbsp;little&nbsp;home&nbsp;page");
        assert_eq!(replace("a b c", "", "-", "").unwrap(), "a-b-c");
        assert_eq!(replace("aaa", "a", "b", "2").unwrap(), "bba");
        assert_eq!(replace("aaa", "a", "b", "-1").unwrap(), "bbb");
    }

    #[test]
    fn explode_docs() {
        assert_eq!(explode("And if you tolerate this", " ", "2", "").unwrap(), "you");
        assert_eq!(explode("String/Functions/Code", "/", "-1", "").unwrap(), "Code");
        assert_eq!(explode("Split%By%Percentage%Signs", "%", "2", "").unwrap(), "Percentage");
        assert_eq!(explode("And if you tolerate this", " ", "2", "3").unwrap(), "you tolerate this");
        assert_eq!(explode("a/b/c", "/", "5", "").unwrap(), "");
        assert_eq!(explode("a/b/c", "/", "-5", "").unwrap(), "");
        assert_eq!(explode("a/b/c", "/", "0", "0").unwrap(), "a/b/c");
        assert_eq!(explode("a/b/c", "/", "-1", "-1").unwrap(), "b");
        assert_eq!(explode("a b", "", "1", "").unwrap(), "b");
    }

    #[test]
    fn urldecode_docs() {
        assert_eq!(urldecode("My%20Sandbox"), "My Sandbox");
        assert_eq!(urldecode("a+b"), "a b");
        assert_eq!(urldecode("%D0%9C%D0%B5"), "Ме");
        assert_eq!(urldecode("100%"), "100%");
        assert_eq!(urldecode("%4"), "%4");
        assert_eq!(urldecode("%zz%41"), "%zzA");
        assert_eq!(urldecode("%FF"), "\u{FFFD}");
        assert_eq!(urldecode(""), "");
    }

    #[test]
    fn limits() {
        let ok = "é".repeat(1000);
        let long = "é".repeat(1001);
        assert!(pos(&ok, "x", "").is_ok());
        assert_eq!(pos(&long, "x", "").unwrap_err(), "Error: String exceeds 1000 character limit.");
        assert!(rpos(&long, "x").is_err());
        assert!(sub(&long, "1", "").is_err());
        assert!(count("x", &long).is_err());
        assert!(replace("x", "x", &long, "").is_err());
        assert!(explode(&long, "x", "0", "").is_err());
        assert_eq!(len(&long), "1001");
    }

    #[test]
    fn intval() {
        assert_eq!(crate::functions::php::intval(""), 0);
        assert_eq!(crate::functions::php::intval("  42abc"), 42);
        assert_eq!(crate::functions::php::intval("-7"), -7);
        assert_eq!(crate::functions::php::intval("+7"), 7);
        assert_eq!(crate::functions::php::intval("1e3"), 1000);
        assert_eq!(crate::functions::php::intval("2.9"), 2);
        assert_eq!(crate::functions::php::intval("-.5"), 0);
        assert_eq!(crate::functions::php::intval("abc"), 0);
        assert_eq!(crate::functions::php::intval("99999999999999999999"), i64::MAX);
        assert_eq!(crate::functions::php::intval("-99999999999999999999"), i64::MIN);
        assert_eq!(crate::functions::php::intval("1e999"), i64::MAX);
        assert_eq!(crate::functions::php::intval("."), 0);
        assert_eq!(crate::functions::php::intval("-"), 0);
    }

    fn sweep_inputs() -> Vec<String> {
        let mut v: Vec<String> = [
            "", " ", "a", "ab", "Ž", "Žmržlina", "日本語テキスト", "🎉x🎉", "e\u{301}", "%", "%4", "%E2%82", "%C3%A9+",
            "0", "1", "-1", "2", "-2", "3", "-3", "7", "-7", "99999999999999999999", "-99999999999999999999",
            "9223372036854775807", "-9223372036854775808", "1e308", "-1e308", "NaN", "1.5", "abc", "/", "//", "a/b/c",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.push("é".repeat(1000));
        v.push("é".repeat(1001));
        v
    }

    #[test]
    fn no_panic_sweep() {
        let inputs = sweep_inputs();
        let small: Vec<&String> = inputs.iter().filter(|s| s.len() < 100).collect();
        for a in &inputs {
            let _ = len(a);
            let _ = urldecode(a);
            for b in &small {
                let _ = rpos(a, b);
                let _ = count(a, b);
                for c in &small {
                    let _ = pos(a, b, c);
                    let _ = sub(a, b, c);
                    if let Ok(r) = replace(a, b, c, "") {
                        assert!(r.chars().count() <= 1001 * 1000);
                    }
                    for d in ["", "0", "1", "-1", "99999999999999999999", "-99999999999999999999"] {
                        let _ = explode(a, b, c, d);
                        let _ = replace(a, b, c, d);
                    }
                }
            }
        }
        // Exhaustive position/length sweep over a multi-byte string.
        let s = "aŽ日🎉b";
        for st in -8..8 {
            for l in -8..8 {
                let r = sub(s, &st.to_string(), &l.to_string()).unwrap();
                assert!(s.contains(&r));
            }
            let _ = pos(s, "b", &st.to_string());
        }
    }
}
