//! Site-independent string parser functions of MediaWiki core (plus
//! `#titleparts` and `#rel2abs` from ParserFunctions); `formatnum` and
//! `plural` take the content language's number format and plural rules.
//!
//! Behaviour follows the documentation:
//! - <https://www.mediawiki.org/wiki/Help:Magic_words> (Formatting, URL data,
//!   Localization sections): `lc`, `uc`, `lcfirst`, `ucfirst`, `urlencode`,
//!   `anchorencode`, `formatnum`, `padleft`, `padright`, `plural`, `gender`,
//!   `#bcp47`, `#dir`;
//! - <https://www.mediawiki.org/wiki/Help:Extension:ParserFunctions>
//!   (`#titleparts`, `#rel2abs`);
//! - the PHP manual for `urlencode` / `rawurlencode` / `intval`.
//!
//! All arguments are already-expanded strings (the caller trims them and
//! removes strip markers as MediaWiki does).  No function panics, loops
//! forever or produces unbounded output.

use super::number_format::NumberFormat;


// ---------------------------------------------------------------------------
// Case functions
// ---------------------------------------------------------------------------

/// `{{lc:string}}` — full Unicode lowercase (`{{lc:DATA CENTER}}` → `data center`).
pub fn lc(s: &str) -> String {
    s.to_lowercase()
}

/// `{{uc:string}}` — full Unicode uppercase (`{{uc:text transform}}` → `TEXT TRANSFORM`).
pub fn uc(s: &str) -> String {
    s.to_uppercase()
}

/// `{{lcfirst:string}}` — lowercase the first character only
/// (`{{lcfirst:DATA center}}` → `dATA center`).
pub fn lcfirst(s: &str) -> String {
    let mut it = s.chars();
    match it.next() {
        Some(c) => c.to_lowercase().chain(it).collect(),
        None => String::new(),
    }
}

/// `{{ucfirst:string}}` — uppercase the first character only
/// (`{{ucfirst:text TRANSFORM}}` → `Text TRANSFORM`).
pub fn ucfirst(s: &str) -> String {
    let mut it = s.chars();
    match it.next() {
        Some(c) => c.to_uppercase().chain(it).collect(),
        None => String::new(),
    }
}

/// [`ucfirst`] in the wiki's language: Turkic languages capitalize `i` as
/// `İ` (`{{ucfirst:ix}}` is `İx` on trwiki).
pub fn ucfirst_in(s: &str, language: &str) -> String {
    match s.strip_prefix('i') {
        Some(rest) if wikitext_site::title::has_dotted_capital_i(language) => format!("\u{130}{rest}"),
        _ => ucfirst(s),
    }
}

/// [`lcfirst`] in the wiki's language: Turkic languages lower `I` to `ı`.
pub fn lcfirst_in(s: &str, language: &str) -> String {
    match s.strip_prefix('I') {
        Some(rest) if wikitext_site::title::has_dotted_capital_i(language) => format!("\u{131}{rest}"),
        _ => lcfirst(s),
    }
}

// ---------------------------------------------------------------------------
// URL data
// ---------------------------------------------------------------------------

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn push_pct(out: &mut String, b: u8) {
    out.push('%');
    out.push(HEX[(b >> 4) as usize] as char);
    out.push(HEX[(b & 15) as usize] as char);
}

/// PHP `urlencode`: `[A-Za-z0-9_.-]` kept, space → `+`, everything else `%XX`.
pub fn php_urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b as char),
            b' ' => out.push('+'),
            _ => push_pct(&mut out, b),
        }
    }
    out
}

/// PHP `rawurlencode` (RFC 3986): `[A-Za-z0-9_.~-]` kept, everything else `%XX`.
pub fn php_rawurlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => push_pct(&mut out, b),
        }
    }
    out
}

/// MediaWiki's wiki-URL encoding: like `rawurlencode`, but the characters
/// `; @ $ ! * ( ) , / ~ :` are left unescaped (they are valid in page URLs).
pub fn wiki_urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b';' | b'@' | b'$' | b'!' | b'*' | b'(' | b')' | b',' | b'/' | b':' => out.push(b as char),
            _ => push_pct(&mut out, b),
        }
    }
    out
}

/// `{{urlencode:string|kind}}`.  Help:Magic words (URL data):
/// - `""`/`QUERY` (default; also any unknown kind): spaces → `+`
///   (`{{urlencode:x:y/z á é}}` → `x%3Ay%2Fz+%C3%A1+%C3%A9`);
/// - `WIKI`: spaces → `_`, wiki-URL rules (`x:y/z_%C3%A1_%C3%A9`);
/// - `PATH`: spaces → `%20` (`x%3Ay%2Fz%20%C3%A1%20%C3%A9`).
///
/// The kind keyword is matched case-insensitively.
pub fn urlencode(s: &str, kind: &str) -> String {
    match kind.trim().to_ascii_uppercase().as_str() {
        "WIKI" => wiki_urlencode(&s.replace(' ', "_")),
        "PATH" => php_rawurlencode(s),
        _ => php_urlencode(s),
    }
}

/// `{{anchorencode:string}}` — encode text for use as a link fragment
/// (HTML5 id mode).  Help:Magic words: `{{anchorencode:x #y z á é}}` →
/// `x_#y_z_á_é`.
///
/// Steps, as MediaWiki makes a section name from wikitext: internal links
/// are replaced by their text (`[[a|b]]` → `b`, `[[a]]` → `a`); runs of
/// spaces/underscores collapse and the result is trimmed; character
/// references are decoded; remaining spaces become `_`; a `%` followed by
/// two hex digits is escaped to `%25` so the fragment is not
/// percent-decoded. Then the characters that would act when the output is
/// re-parsed as wikitext (`[ ] { } |`, `''`, `__`, and the magic-link words
/// `ISBN`, `RFC`, `PMID`) are written as character references, and so,
/// unless `standalone`, are HTML's special characters (`& < > " '`).
/// `standalone` is Parsoid's standalone implementation, which leaves those
/// as they are. The caller removes strip markers (extension tags) first.
pub fn anchorencode(s: &str, standalone: bool) -> String {
    let s = strip_section_links(s);
    // Normalize whitespace like section names: [ _]+ → ' ', trim.
    let mut norm = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c == ' ' || c == '_' || c == '\t' || c == '\n' || c == '\r' {
            pending_space = true;
        } else {
            if pending_space && !norm.is_empty() {
                norm.push(' ');
            }
            pending_space = false;
            norm.push(c);
        }
    }
    let norm: String = wikitext_parser::entities::decode_entities(&norm).replace(' ', "_");
    let bytes = norm.as_bytes();
    let mut out = String::with_capacity(norm.len() + 8);
    let mut chars = norm.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let rest = &norm[i..];
        match c {
            '%' if i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit() =>
            {
                out.push_str("%25")
            }
            '&' if !standalone => out.push_str("&amp;"),
            '<' if !standalone => out.push_str("&lt;"),
            '>' if !standalone => out.push_str("&gt;"),
            '"' if !standalone => out.push_str("&quot;"),
            '\'' if !standalone => out.push_str("&#039;"),
            '\'' if rest.starts_with("''") => {
                out.push_str("&#39;&#39;");
                chars.next();
            }
            '[' => out.push_str("&#91;"),
            ']' => out.push_str("&#93;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '|' => out.push_str("&#124;"),
            '_' if rest.starts_with("__") => {
                out.push_str("&#95;_");
                chars.next();
            }
            'I' if rest.starts_with("ISBN") => out.push_str("&#73;"),
            'R' if rest.starts_with("RFC") => out.push_str("&#82;"),
            'P' if rest.starts_with("PMID") => out.push_str("&#80;"),
            _ => out.push(c),
        }
    }
    out
}

/// Internal links replaced by their text, as MediaWiki strips them from a
/// section name: `[[target|text]]` by `text`, then `[[target]]` (or
/// `[[target|]]`) by what is between the brackets. A link's text runs to
/// the last `]]` before the next `[`. Linear: each scan stops at a `[`.
fn strip_section_links(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("[[") {
        return std::borrow::Cow::Borrowed(s);
    }
    let piped = replace_links(s, true);
    std::borrow::Cow::Owned(replace_links(&piped, false))
}

/// One of [`strip_section_links`]' two passes: links with a `|` (`piped`,
/// replaced by the text after it) or any link (replaced by all it holds).
fn replace_links(s: &str, piped: bool) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = s[i..].find("[[").map(|k| i + k) {
        let mut j = at + 2;
        if b.get(j) == Some(&b':') {
            j += 1;
        }
        let mut text_start = j;
        if piped {
            // The target: no `[` nor `|`, at least one byte, then `|`.
            let end = s[j..].find(['[', '|']).map_or(s.len(), |k| j + k);
            if end == j || b.get(end) != Some(&b'|') {
                i = at + 1;
                continue;
            }
            text_start = end + 1;
        }
        // The text: no `[`; it ends at the last `]]` of that run.
        let run_end = s[text_start..].find('[').map_or(s.len(), |k| text_start + k);
        match s[text_start..run_end].rfind("]]").map(|k| text_start + k) {
            Some(close) if close > text_start => {
                out.push_str(&s[copied..at]);
                out.push_str(&s[text_start..close]);
                copied = close + 2;
                i = copied;
            }
            _ => i = at + 1,
        }
    }
    out.push_str(&s[copied..]);
    out
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

/// Insert `format`'s group separator every three digits (from the right)
/// of an ASCII digit run, writing the language's digits; a run shorter than
/// three digits plus the language's minimum grouping is not grouped.
fn group_digits(digits: &str, format: &NumberFormat, grouped: bool, out: &mut String) {
    let n = digits.len();
    let grouped = grouped && n >= 3 + format.minimum_grouping_digits;
    for (i, c) in digits.chars().enumerate() {
        if grouped && i > 0 && (n - i) % 3 == 0 {
            out.push_str(format.group);
        }
        out.push(format.digit(c));
    }
}

/// `{{formatnum:number|flag}}` in a language's format ([`number_format`](super::number_format):
/// its group and decimal separators, its minimum grouping and its digits:
/// `1.234,5` in German; `R` reads `1.234,5` back as `1234.5`).  English, as
/// Help:Magic words (Formatting) shows it:
/// `{{formatnum:987654321.654321}}` → `987,654,321.654321`;
/// `{{formatnum:00001}}` → `00,001`;
/// `{{formatnum:987,654,321.654321|R}}` → `987654321.654321`;
/// `{{formatnum:987654321.654321|NOSEP}}` → `987654321.654321`.
///
/// Every number in the text (`-?` digits, optional `.` fraction) is
/// formatted; other text is left alone, so `{{formatnum:1,234}}` stays
/// `1,234` and `{{formatnum:12345 and 67890}}` gives `12,345 and 67,890`.
/// Fraction digits are never grouped.  `R` (case-sensitive) strips the
/// separators (and maps U+2212 MINUS SIGN to `-`); `NOSEP`
/// (case-insensitive) returns the number without separators, which for
/// English is the input itself.
pub fn formatnum_in(s: &str, flag: &str, format: &NumberFormat) -> String {
    let flag = flag.trim();
    if flag == "R" {
        return format.unformat(s);
    }
    let grouped = !flag.eq_ignore_ascii_case("NOSEP");
    if !grouped && format.is_english() {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push_str(&s[last..start]);
            group_digits(&s[start..i], format, grouped, &mut out);
            // Fraction part: never grouped.
            if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
                out.push_str(format.decimal);
                i += 1;
                let fs = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                out.extend(s[fs..i].chars().map(|c| format.digit(c)));
            }
            last = i;
        } else if b[i] == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
            // ".5": fraction without integer part, left as is.
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out.push_str(&s[last..]);
    out
}

/// Maximum padded length for `padleft`/`padright` (Help:Magic words:
/// "the length is limited to 500 characters").
pub const PAD_LIMIT: i64 = 500;

fn pad(s: &str, len: &str, padding: &str, left: bool) -> String {
    let target = crate::functions::php::intval(len).min(PAD_LIMIT);
    let have = s.chars().count() as i64;
    let padding = if padding.is_empty() { "0" } else { padding };
    if target <= have {
        return s.to_string();
    }
    let need = (target - have) as usize;
    let fill: String = padding.chars().cycle().take(need).collect();
    if left { fill + s } else { s.to_string() + &fill }
}

/// `{{padleft:string|length|pad}}`.  Help:Magic words:
/// `{{padleft:xyz|5}}` → `00xyz`; `{{padleft:xyz|5|_}}` → `__xyz`;
/// `{{padleft:xyz|5|abc}}` → `abxyz`; `{{padleft:xyz|2}}` → `xyz`;
/// `{{padleft:|1|xyz}}` → `x`.  Lengths count characters; the target length
/// is capped at 500; the pad string defaults to `0` (also when empty).
/// Pass `""` for an omitted pad argument.
pub fn padleft(s: &str, len: &str, padding: &str) -> String {
    pad(s, len, padding, true)
}

/// `{{padright:string|length|pad}}` — as [`padleft`] but pads on the right
/// (`{{padright:xyz|5|abc}}` → `xyzab`).
pub fn padright(s: &str, len: &str, padding: &str) -> String {
    pad(s, len, padding, false)
}

// ---------------------------------------------------------------------------
// Localization
// ---------------------------------------------------------------------------

/// True if `form` looks like an explicit plural form (`digits=`).
fn explicit_form_key(form: &str) -> Option<&str> {
    let b = form.as_bytes();
    // Explicit if the text contains `\d+=`.
    let has = b.windows(2).any(|w| w[0].is_ascii_digit() && w[1] == b'=');
    if !has {
        return None;
    }
    let eq = form.find('=')?;
    Some(&form[..eq])
}

/// String form of the count as MediaWiki compares it with explicit forms.
fn count_key(num: &str) -> String {
    if !num.is_empty() && num.bytes().all(|c| c.is_ascii_digit()) {
        let t = num.trim_start_matches('0');
        return if t.is_empty() { "0".into() } else { t.into() };
    }
    let f = crate::functions::php::floatval(num);
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// `{{plural:count|form1|form2|...}}` in language `language`.  Help:Magic
/// words (Localization): `{{plural:2|is|are}}` → `are`; explicit forms
/// `{{plural:5|1=one|5=five|many}}` → `five`.
///
/// The count may contain `,` separators (`1,000`).  The form is the one the
/// count's plural category has in the language ([`super::plural_rules`]:
/// Russian's `{{plural:5|год|года|лет}}` is `лет`); English (and a language
/// without plural rules): a count of (minus) one picks the first form,
/// anything else the second.  Missing forms repeat the last given one; no
/// forms gives `""`.  Forms of the shape `N=text` are explicit forms: used
/// when `N` equals the count, and never used as ordinary forms.
pub fn plural(count: &str, forms: &[&str], language: &str) -> String {
    let num = count.trim().replace(',', "").replace('\u{2212}', "-");
    let key = count_key(&num);
    let mut plain: Vec<&str> = Vec::new();
    for f in forms {
        match explicit_form_key(f) {
            Some(k) => {
                if k.trim() == key {
                    return f[k.len() + 1..].to_string();
                }
            }
            None => plain.push(f),
        }
    }
    if plain.is_empty() {
        return String::new();
    }
    let value = crate::functions::php::floatval(&num);
    let idx = super::plural_rules::form_index(language, value).unwrap_or(usize::from(value.abs() != 1.0));
    plain.get(idx).or(plain.last()).map(|s| s.to_string()).unwrap_or_default()
}

/// `{{gender:user|male|female|neutral}}`.  Help:Magic words (Localization):
/// the male form is used for users who said they are male, the female form
/// for female; otherwise (no preference, unknown or empty user) the third
/// (neutral) form; "if the third parameter is omitted and the user hasn't
/// defined their gender, then the text for male is used".  No forms → `""`.
///
/// `user_gender` is the user's preference as known to the caller:
/// `"male"`, `"female"`, or anything else (e.g. `""`/`"unknown"`).
pub fn gender(user_gender: &str, forms: &[&str]) -> String {
    if forms.is_empty() {
        return String::new();
    }
    let pick = match user_gender {
        "male" => forms.first(),
        "female" => forms.get(1).or(forms.last()),
        _ => forms.get(2).or(forms.first()),
    };
    pick.map(|s| s.to_string()).unwrap_or_default()
}

/// Non-standard MediaWiki-internal codes with their BCP 47 equivalents
/// (Manual:Language/BCP-47, language-code documentation).
const BCP47_OVERRIDES: &[(&str, &str)] = &[
    ("als", "gsw"),
    ("bat-smg", "sgs"),
    ("be-x-old", "be-tarask"),
    ("fiu-vro", "vro"),
    ("roa-rup", "rup"),
    ("simple", "en-simple"),
    ("zh-classical", "lzh"),
    ("zh-min-nan", "nan"),
    ("zh-yue", "yue"),
    ("sr-ec", "sr-Cyrl"),
    ("sr-el", "sr-Latn"),
    ("kk-cn", "kk-Arab-CN"),
    ("kk-kz", "kk-Cyrl-KZ"),
    ("kk-tr", "kk-Latn-TR"),
    ("cbk-zam", "cbk"),
    ("de-formal", "de-x-formal"),
    ("nl-informal", "nl-x-informal"),
    ("en-rtl", "en-x-rtl"),
];

/// `{{#bcp47:code}}` — BCP 47 form of a (MediaWiki) language code, e.g.
/// `zh-hant` → `zh-Hant`, `en-us` → `en-US`, `sr-latn-rs` → `sr-Latn-RS`.
/// The primary subtag is lowercased; after it, a 2-letter subtag is a region
/// (uppercase), a 4-letter subtag a script (title case), anything else stays
/// lowercase; a subtag right after a single-letter subtag (`x-…`, extension)
/// stays lowercase.  A few well-known non-standard wiki codes are mapped.
pub fn bcp47(code: &str) -> String {
    let lower = code.trim().to_lowercase();
    if let Some((_, v)) = BCP47_OVERRIDES.iter().find(|(k, _)| *k == lower) {
        return v.to_string();
    }
    let segs: Vec<&str> = lower.split('-').collect();
    let mut out: Vec<String> = Vec::with_capacity(segs.len());
    for (i, seg) in segs.iter().enumerate() {
        let prev_singleton = i > 0 && segs[i - 1].chars().count() == 1;
        let n = seg.chars().count();
        let s = if i == 0 || prev_singleton {
            seg.to_string()
        } else if n == 2 {
            seg.to_uppercase()
        } else if n == 4 {
            ucfirst(seg)
        } else {
            seg.to_string()
        };
        out.push(s);
    }
    out.join("-")
}

/// Right-to-left language codes (MediaWiki-internal and BCP 47 forms,
/// lowercase).  Based on the languages MediaWiki reports with `dir: rtl`
/// (API `meta=languageinfo`).
const RTL_CODES: &[&str] = &[
    "acm", "aeb", "aeb-arab", "ajp", "apc", "ar", "arc", "arq", "ary", "arz", "azb", "bal", "bcc", "bgn",
    "bqi", "ckb", "dv", "fa", "glk", "ha-arab", "hbo", "he", "iw", "ji", "khw", "kk-arab", "kk-cn",
    "kk-arab-cn", "ks", "ks-arab", "ku-arab", "lki", "lrc", "luz", "mid", "ms-arab", "mzn", "nqo", "ota",
    "pnb", "prs", "ps", "sd", "sdh", "shu", "skr", "skr-arab", "syc", "syr", "trw", "ug", "ug-arab", "ur",
    "uz-arab", "yi", "ydd", "yih",
];

/// `{{#dir:code}}` — `rtl` for right-to-left languages, otherwise `ltr`.
/// Matching is case-insensitive and `_` is treated as `-`.
pub fn dir(code: &str) -> String {
    let c = code.trim().to_lowercase().replace('_', "-");
    let rtl = RTL_CODES.contains(&c.as_str())
        || c.ends_with("-arab")
        || c.ends_with("-hebr")
        || c.ends_with("-thaa")
        || c.ends_with("-nkoo")
        || c.ends_with("-syrc");
    if rtl { "rtl".into() } else { "ltr".into() }
}

// ---------------------------------------------------------------------------
// ParserFunctions: #titleparts, #rel2abs
// ---------------------------------------------------------------------------

/// Maximum number of `/`-separated pieces `#titleparts` considers; further
/// slashes stay inside the last piece (Help:Extension:ParserFunctions).
pub const TITLEPARTS_MAX_SEGMENTS: usize = 25;

/// PHP `array_slice($v, $offset, $length)` on a slice (length `None` = to end).
fn array_slice<T>(v: &[T], offset: i64, length: Option<i64>) -> &[T] {
    let n = v.len() as i64;
    let start = if offset < 0 { (n + offset).max(0) } else { offset.min(n) };
    let end = match length {
        None => n,
        Some(l) if l < 0 => (n + l).max(start),
        Some(l) => start.saturating_add(l).min(n),
    };
    if end <= start { &v[0..0] } else { &v[start as usize..end as usize] }
}

/// `{{#titleparts: pagename | number | first }}`.
/// Help:Extension:ParserFunctions examples:
/// `{{#titleparts: Talk:Foo/bar/baz/quok | 2}}` → `Talk:Foo/bar`;
/// `{{#titleparts: Talk:Foo/bar/baz/quok | 2 | 2 }}` → `bar/baz`;
/// `{{#titleparts: Talk:Foo/bar/baz/quok | | 2 }}` → `bar/baz/quok`;
/// `{{#titleparts: Talk:Foo/bar/baz/quok | -1 }}` → `Talk:Foo/bar/baz`;
/// `{{#titleparts: Talk:Foo/bar/baz/quok | -4 }}` → `` (empty);
/// `{{#titleparts: Talk:Foo/bar/baz/quok | -1 | 2 }}` → `bar/baz`.
///
/// `number` 0/empty means all; negative removes that many from the end.
/// `first` is 1-based; negative counts from the end.  Only the first 25
/// slash-separated segments are split off.  Invalid titles (containing
/// `[ ] { } | < >` or control characters, or empty) are returned unchanged.
/// Site-dependent normalization (namespace names, first-letter case) is the
/// caller's job; here `_` becomes space, whitespace runs collapse, and a
/// `#fragment` is dropped.
pub fn titleparts(title: &str, number: &str, first: &str) -> String {
    let raw = title;
    let no_frag = match title.find('#') {
        Some(i) => &title[..i],
        None => title,
    };
    let invalid = no_frag
        .chars()
        .any(|c| matches!(c, '[' | ']' | '{' | '}' | '|' | '<' | '>') || c.is_control());
    let norm: String = no_frag
        .replace('_', " ")
        .split(' ')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if invalid || norm.is_empty() {
        return raw.to_string();
    }
    let bits: Vec<&str> = norm.splitn(TITLEPARTS_MAX_SEGMENTS, '/').collect();
    let mut offset = crate::functions::php::intval(first);
    if offset > 0 {
        offset -= 1;
    }
    let n = crate::functions::php::intval(number);
    let len = if n == 0 { None } else { Some(n) };
    array_slice(&bits, offset, len).join("/")
}

/// `{{#rel2abs: path | base path }}` — resolve a relative page path.
/// Help:Extension:ParserFunctions examples (base `Help:Foo/bar/baz`):
/// `/quok` → `Help:Foo/bar/baz/quok`; `./quok` → `Help:Foo/bar/baz/quok`;
/// `../quok` → `Help:Foo/bar/quok`; `../.` → `Help:Foo/bar`;
/// `../../quok` → `Help:Foo/quok`; `../../../quok` → `quok`;
/// `../../../../quok` → error.
///
/// A path that starts with `/`, `./` or `../` (or is `.`, `..` or empty) is
/// relative to `base` (the caller passes the current page's full name when
/// the base argument is empty); any other path is taken as absolute.
/// `.` segments and empty segments are dropped, `..` removes the previous
/// segment.  Going above the root gives the error
/// `Error: Invalid depth in path: "<combined path>" (tried to access a node above the root node).`
pub fn rel2abs(path: &str, base: &str) -> Result<String, String> {
    let to = path.trim();
    let from = base.trim();
    let relative = to.is_empty()
        || to.starts_with('/')
        || to.starts_with("./")
        || to.starts_with("../")
        || to == "."
        || to == "..";
    let full = if relative { format!("{from}/{to}") } else { to.to_string() };
    let mut out: Vec<&str> = Vec::new();
    for seg in full.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if out.pop().is_none() {
                    return Err(format!(
                        "Error: Invalid depth in path: \"{full}\" (tried to access a node above the root node)."
                    ));
                }
            }
            s => out.push(s),
        }
    }
    Ok(out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `formatnum` on an English wiki.
    fn formatnum(s: &str, flag: &str) -> String {
        formatnum_in(s, flag, &crate::functions::number_format::ENGLISH)
    }

    // --- Help:Magic words, Formatting -------------------------------------

    #[test]
    fn case_docs() {
        assert_eq!(lc("DATA CENTER"), "data center");
        assert_eq!(lcfirst("DATA center"), "dATA center");
        assert_eq!(uc("text transform"), "TEXT TRANSFORM");
        assert_eq!(ucfirst("text TRANSFORM"), "Text TRANSFORM");
        assert_eq!(ucfirst(""), "");
        assert_eq!(lcfirst(""), "");
        assert_eq!(uc("žmržlina"), "ŽMRŽLINA");
        assert_eq!(ucfirst("élan"), "Élan");
        assert_eq!(ucfirst_in("ix", "tr"), "İx");
        assert_eq!(ucfirst_in("ix", "en"), "Ix");
        assert_eq!(lcfirst_in("Ix", "az"), "ıx");
        assert_eq!(lcfirst_in("BLAH", "tr"), "bLAH");
        assert_eq!(lcfirst("Ωmega"), "ωmega");
        assert_eq!(lc("ΣΑΣ"), "σας");
    }

    #[test]
    fn formatnum_docs() {
        assert_eq!(formatnum("987654321.654321", ""), "987,654,321.654321");
        assert_eq!(formatnum("00001", ""), "00,001");
        assert_eq!(formatnum("987,654,321.654321", "R"), "987654321.654321");
        assert_eq!(formatnum("987654321.654321", "NOSEP"), "987654321.654321");
        assert_eq!(formatnum("987654321.654321", "nosep"), "987654321.654321");
        assert_eq!(formatnum("-987654321.654321", ""), "-987,654,321.654321");
        assert_eq!(formatnum("1234567", ""), "1,234,567");
        assert_eq!(formatnum("123", ""), "123");
        assert_eq!(formatnum("1234", ""), "1,234");
        assert_eq!(formatnum("abc", ""), "abc");
        assert_eq!(formatnum("", ""), "");
        assert_eq!(formatnum("1,234", ""), "1,234");
        assert_eq!(formatnum("12345 and 67890", ""), "12,345 and 67,890");
        assert_eq!(formatnum(".12345", ""), ".12345");
        assert_eq!(formatnum("1234.", ""), "1,234.");
        assert_eq!(formatnum("1.23456789", ""), "1.23456789");
        assert_eq!(formatnum("x1234y5678.1234z", ""), "x1,234y5,678.1234z");
        assert_eq!(formatnum("1234", "r"), "1,234");
        assert_eq!(formatnum("\u{2212}1,000", "R"), "-1000");
    }

    #[test]
    fn pad_docs() {
        assert_eq!(padleft("xyz", "5", ""), "00xyz");
        assert_eq!(padleft("xyz", "5", "_"), "__xyz");
        assert_eq!(padleft("xyz", "5", "abc"), "abxyz");
        assert_eq!(padleft("xyz", "2", ""), "xyz");
        assert_eq!(padleft("", "1", "xyz"), "x");
        assert_eq!(padright("xyz", "5", ""), "xyz00");
        assert_eq!(padright("xyz", "5", "_"), "xyz__");
        assert_eq!(padright("xyz", "5", "abc"), "xyzab");
        assert_eq!(padright("", "1", "xyz"), "x");
        // Characters, not bytes.
        assert_eq!(padleft("žž", "4", "é"), "ééžž");
        // Limits and garbage.
        assert_eq!(padleft("x", "99999999999999999999", "").chars().count(), 500);
        assert_eq!(padright("x", "1000", "ab").chars().count(), 500);
        assert_eq!(padleft("x", "-5", ""), "x");
        assert_eq!(padleft("x", "abc", ""), "x");
        assert_eq!(padleft("x", "3abc", ""), "00x");
        assert_eq!(padleft("x", "", ""), "x");
    }

    // --- Help:Magic words, URL data ----------------------------------------

    #[test]
    fn urlencode_docs() {
        assert_eq!(urlencode("x:y/z á é", ""), "x%3Ay%2Fz+%C3%A1+%C3%A9");
        assert_eq!(urlencode("x:y/z á é", "QUERY"), "x%3Ay%2Fz+%C3%A1+%C3%A9");
        assert_eq!(urlencode("x:y/z á é", "WIKI"), "x:y/z_%C3%A1_%C3%A9");
        assert_eq!(urlencode("x:y/z á é", "PATH"), "x%3Ay%2Fz%20%C3%A1%20%C3%A9");
        assert_eq!(urlencode("x:y/z á é", "path"), "x%3Ay%2Fz%20%C3%A1%20%C3%A9");
        // PHP manual: urlencode encodes '~', rawurlencode does not.
        assert_eq!(urlencode("a~b-c_d.e", ""), "a%7Eb-c_d.e");
        assert_eq!(urlencode("a~b-c_d.e", "PATH"), "a~b-c_d.e");
        assert_eq!(urlencode("a&b=c+d#e?f", "WIKI"), "a%26b%3Dc%2Bd%23e%3Ff");
        assert_eq!(urlencode(";@$!*(),/~:", "WIKI"), ";@$!*(),/~:");
        assert_eq!(urlencode("", ""), "");
    }

    #[test]
    fn anchorencode_docs() {
        assert_eq!(anchorencode("x #y z á é", false), "x_#y_z_á_é");
        assert_eq!(anchorencode("  a   b__c  ", false), "a_b_c");
        assert_eq!(anchorencode("100%", false), "100%");
        assert_eq!(anchorencode("a%20b", false), "a%2520b");
        assert_eq!(anchorencode("a&b", false), "a&amp;b");
        assert_eq!(anchorencode("[x]", false), "&#91;x&#93;");
        assert_eq!(anchorencode("", false), "");
    }

    #[test]
    fn anchorencode_reads_links_and_references_as_a_section_name() {
        // Links give their text; character references are decoded first.
        assert_eq!(anchorencode(" [[hello|world]] [[hi]]", false), "world_hi");
        assert_eq!(anchorencode("[[:a]] [[b|]] [[c", false), "a_b&#124;_&#91;&#91;c");
        assert_eq!(anchorencode(" _ +:.3A%3A _ &&amp;]] x", false), "+:.3A%253A_&amp;&amp;&#93;&#93;_x");
        // Parsoid's standalone implementation leaves HTML's characters.
        assert_eq!(anchorencode(" _ +:.3A%3A _ &&amp;]] x", true), "+:.3A%253A_&&&#93;&#93;_x");
        assert_eq!(anchorencode("a''b ISBN", true), "a&#39;&#39;b_&#73;SBN");
        assert_eq!(anchorencode("&#95;&#95;x", true), "&#95;_x");
        // Unclosed links cost linear time.
        let many = "[[a|".repeat(20_000);
        assert_eq!(anchorencode(&many, true), "&#91;&#91;a&#124;".repeat(20_000));
    }

    // --- Help:Magic words, Localization -------------------------------------

    #[test]
    fn plural_docs() {
        assert_eq!(plural("2", &["is", "are"], "en"), "are");
        assert_eq!(plural("1", &["is", "are"], "en"), "is");
        assert_eq!(plural("0", &["is", "are"], "en"), "are");
        assert_eq!(plural("-1", &["is", "are"], "en"), "is");
        assert_eq!(plural("1.5", &["is", "are"], "en"), "are");
        assert_eq!(plural("1,000", &["is", "are"], "en"), "are");
        assert_eq!(plural("1", &["only"], "en"), "only");
        assert_eq!(plural("2", &["only"], "en"), "only");
        assert_eq!(plural("2", &[], "en"), "");
        assert_eq!(plural("5", &["1=one", "5=five", "many"], "en"), "five");
        assert_eq!(plural("1", &["1=one", "5=five", "many"], "en"), "one");
        assert_eq!(plural("3", &["1=one", "5=five", "many"], "en"), "many");
        assert_eq!(plural("0", &["0=none", "one", "other"], "en"), "none");
        assert_eq!(plural("1", &["0=none", "one", "other"], "en"), "one");
        assert_eq!(plural("007", &["7=seven", "x", "y"], "en"), "seven");
        assert_eq!(plural("abc", &["one", "other"], "en"), "other");
    }

    #[test]
    fn gender_docs() {
        let f = ["he", "she", "they"];
        assert_eq!(gender("male", &f), "he");
        assert_eq!(gender("female", &f), "she");
        assert_eq!(gender("", &f), "they");
        assert_eq!(gender("unknown", &f), "they");
        assert_eq!(gender("", &["he", "she"]), "he");
        assert_eq!(gender("", &["only"]), "only");
        assert_eq!(gender("female", &["only"]), "only");
        assert_eq!(gender("", &[]), "");
    }

    #[test]
    fn bcp47_docs() {
        assert_eq!(bcp47("zh-hant"), "zh-Hant");
        assert_eq!(bcp47("en-us"), "en-US");
        assert_eq!(bcp47("EN-GB"), "en-GB");
        assert_eq!(bcp47("sr-latn-rs"), "sr-Latn-RS");
        assert_eq!(bcp47("en"), "en");
        assert_eq!(bcp47("simple"), "en-simple");
        assert_eq!(bcp47("be-x-old"), "be-tarask");
        assert_eq!(bcp47("de-x-formal"), "de-x-formal");
        assert_eq!(bcp47("en-x-ab"), "en-x-ab");
        assert_eq!(bcp47("es-419"), "es-419");
        assert_eq!(bcp47(""), "");
    }

    #[test]
    fn dir_docs() {
        assert_eq!(dir("en"), "ltr");
        assert_eq!(dir("ar"), "rtl");
        assert_eq!(dir("HE"), "rtl");
        assert_eq!(dir("fa"), "rtl");
        assert_eq!(dir("ur"), "rtl");
        assert_eq!(dir("aeb-latn"), "ltr");
        assert_eq!(dir("aeb-arab"), "rtl");
        assert_eq!(dir("zh-hant"), "ltr");
        assert_eq!(dir(""), "ltr");
    }

    // --- Help:Extension:ParserFunctions --------------------------------------

    #[test]
    fn titleparts_docs() {
        let t = "Talk:Foo/bar/baz/quok";
        assert_eq!(titleparts(t, "", ""), "Talk:Foo/bar/baz/quok");
        assert_eq!(titleparts(t, "1", ""), "Talk:Foo");
        assert_eq!(titleparts(t, "2", ""), "Talk:Foo/bar");
        assert_eq!(titleparts(t, "2", "2"), "bar/baz");
        assert_eq!(titleparts(t, "", "2"), "bar/baz/quok");
        assert_eq!(titleparts(t, "-1", ""), "Talk:Foo/bar/baz");
        assert_eq!(titleparts(t, "-4", ""), "");
        assert_eq!(titleparts(t, "-1", "2"), "bar/baz");
        assert_eq!(titleparts(t, "", "-1"), "quok");
        assert_eq!(titleparts(t, "1", "-2"), "baz");
        assert_eq!(titleparts(t, "", "10"), "");
        assert_eq!(titleparts("Talk:Foo_bar/baz", "1", ""), "Talk:Foo bar");
        assert_eq!(titleparts("Foo/bar#frag", "", ""), "Foo/bar");
        assert_eq!(titleparts("[[Foo/bar]]", "1", ""), "[[Foo/bar]]");
        assert_eq!(titleparts("", "1", ""), "");
        // 25-segment limit: slashes after the 24th stay in the last piece.
        let many: Vec<String> = (1..=30).map(|i| i.to_string()).collect();
        let many = many.join("/");
        assert_eq!(titleparts(&many, "1", "25"), "25/26/27/28/29/30");
        assert_eq!(titleparts(&many, "1", "-1"), "25/26/27/28/29/30");
    }

    #[test]
    fn rel2abs_docs() {
        let b = "Help:Foo/bar/baz";
        assert_eq!(rel2abs("/quok", b).unwrap(), "Help:Foo/bar/baz/quok");
        assert_eq!(rel2abs("./quok", b).unwrap(), "Help:Foo/bar/baz/quok");
        assert_eq!(rel2abs("../quok", b).unwrap(), "Help:Foo/bar/quok");
        assert_eq!(rel2abs("../.", b).unwrap(), "Help:Foo/bar");
        assert_eq!(rel2abs("../quok/.", b).unwrap(), "Help:Foo/bar/quok");
        assert_eq!(rel2abs("../../quok", b).unwrap(), "Help:Foo/quok");
        assert_eq!(rel2abs("../../../quok", b).unwrap(), "quok");
        assert_eq!(
            rel2abs("../../../../quok", b).unwrap_err(),
            "Error: Invalid depth in path: \"Help:Foo/bar/baz/../../../../quok\" (tried to access a node above the root node)."
        );
        assert_eq!(rel2abs("quok", b).unwrap(), "quok");
        assert_eq!(rel2abs("", b).unwrap(), "Help:Foo/bar/baz");
        assert_eq!(rel2abs("/a//b/./c/", b).unwrap(), "Help:Foo/bar/baz/a/b/c");
        assert_eq!(rel2abs("..", "A").unwrap(), "");
        assert!(rel2abs("../..", "A").is_err());
        assert_eq!(rel2abs("/x", "").unwrap(), "x");
        assert_eq!(rel2abs("a/../b", b).unwrap(), "b");
        assert_eq!(rel2abs("/.../x", b).unwrap(), "Help:Foo/bar/baz/.../x");
    }

    #[test]
    fn intval() {
        assert_eq!(crate::functions::php::intval(" 12abc"), 12);
        assert_eq!(crate::functions::php::intval("1e3"), 1000);
        assert_eq!(crate::functions::php::intval("-99999999999999999999"), i64::MIN);
        assert_eq!(crate::functions::php::intval("99999999999999999999"), i64::MAX);
        assert_eq!(crate::functions::php::intval("x"), 0);
        assert_eq!(crate::functions::php::floatval("1.5x"), 1.5);
        assert_eq!(crate::functions::php::floatval("1e999"), f64::INFINITY);
    }

    #[test]
    fn no_panic_sweep() {
        let mut inputs: Vec<String> = [
            "", " ", "_", "a", "Ž", "Žmržlina", "日本語", "🎉/🎉", "e\u{301}", "ß", "ǆ", "İ", "%", "%4", "%zz",
            "0", "1", "-1", "2", "-2", "25", "-25", "500", "501", "99999999999999999999",
            "-99999999999999999999", "1e308", "-1e308", "1e999", "1.0", "1,000", "1=x", "x=1", "2=", "=",
            "/", "//", ".", "..", "./", "../", "/..", "a/b/c", "../../../../../x", "R", "NOSEP", "WIKI",
            "PATH", "QUERY", "male", "female", "zh-hant", "x-", "-", "--", "a-b-c-d-e", "[]{}|<>#",
            "\u{0}\u{7f}", "\u{2212}5", "12345.6789.123", "....", "-.5", "1.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        inputs.push("é/".repeat(600));
        inputs.push("9".repeat(1000));
        for a in &inputs {
            let _ = (lc(a), uc(a), lcfirst(a), ucfirst(a), anchorencode(a, false), bcp47(a), dir(a));
            for k in ["", "QUERY", "WIKI", "PATH", "bogus"] {
                let _ = urlencode(a, k);
            }
            for f in ["", "R", "NOSEP", "x"] {
                let _ = formatnum(a, f);
            }
            for b in &inputs {
                let _ = rel2abs(a, b);
                let _ = plural(a, &[b, "x", "1=y"], "en");
                let _ = gender(b, &[a, "f"]);
                for c in &inputs {
                    let l = padleft(a, b, c);
                    let r = padright(a, b, c);
                    let cap = a.chars().count().max(500);
                    assert!(l.chars().count() <= cap && r.chars().count() <= cap);
                    if b.len() < 30 && c.len() < 30 {
                        let _ = titleparts(a, b, c);
                    }
                }
            }
        }
        // Exhaustive small-integer sweep for #titleparts slicing.
        for n in -30..30 {
            for f in -30..30 {
                let r = titleparts("A/ß/日/🎉/e", &n.to_string(), &f.to_string());
                assert!(r.len() <= "A/ß/日/🎉/e".len());
            }
        }
    }
}
