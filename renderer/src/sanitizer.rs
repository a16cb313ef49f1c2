//! MediaWiki's HTML whitelist, as data and small pure functions.
//!
//! Wikitext may contain literal HTML, but only a fixed set of tags and, per
//! tag, a fixed set of attributes. Everything else is either escaped as text
//! (tags) or dropped (attributes). The renderer asks this module three
//! questions: may this tag stay HTML ([`is_allowed_tag`],
//! [`is_allowed_element`]), which of its attributes survive and with which
//! values ([`sanitize_attrs`]), and is this URL or CSS safe to emit
//! ([`is_safe_url`], [`sanitize_css`]).
//!
//! The behaviour is learnt from the expected HTML of Parsoid's parser tests
//! (`sanitizer.txt`, `parserTests.txt`), not from MediaWiki's sources. The
//! security bar is absolute: no script element, no event-handler attribute and
//! no `javascript:` URL gets through, whatever the input. Attribute names are
//! checked against an allow list, so an unknown name (such as `onclick`) is
//! dropped rather than being matched against a deny list.


pub use wikitext_site::entities::{decode_entities, decode_one_entity};

/// Tags that wikitext may use as literal HTML, in lower case.
///
/// Any other tag (`<script>`, `<img>`, `<a>`, `<boo>` ...) is rendered as
/// escaped text. `meta` and `link` are allowed only for microdata; see
/// [`is_allowed_element`].
pub const ALLOWED_TAGS: &[&str] = &[
    // Paired tags.
    "abbr",
    "b",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "caption",
    "center",
    "cite",
    "code",
    "data",
    "del",
    "dfn",
    "div",
    "dl",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "i",
    "ins",
    "kbd",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rb",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "time",
    "tt",
    "u",
    "ul",
    "var",
    // Table parts.
    "td",
    "th",
    "tr",
    // Tags that may be used without a closing tag.
    "br",
    "dd",
    "dt",
    "hr",
    "li",
    "link",
    "meta",
    "wbr",
];

/// HTML void elements: they never have content or an end tag.
pub use wikitext_parser::VOID_ELEMENTS as VOID_TAGS;

/// Attributes every allowed element may carry.
const COMMON_ATTRS: &[&str] = &[
    // HTML.
    "id",
    "class",
    "style",
    "lang",
    "dir",
    "title",
    "tabindex",
    // WAI-ARIA.
    "aria-describedby",
    "aria-flowto",
    "aria-hidden",
    "aria-label",
    "aria-labelledby",
    "aria-level",
    "aria-owns",
    "role",
    // RDFa.
    "about",
    "property",
    "resource",
    "datatype",
    "typeof",
    "rel",
    "rev",
    // Microdata.
    "itemid",
    "itemprop",
    "itemref",
    "itemscope",
    "itemtype",
];

const BLOCK_ATTRS: &[&str] = &["align"];
const TABLE_ALIGN_ATTRS: &[&str] = &["align", "valign"];
const TABLE_CELL_ATTRS: &[&str] = &[
    "abbr", "axis", "headers", "scope", "rowspan", "colspan", "nowrap", "width", "height",
    "bgcolor", "align", "valign",
];

/// The attributes a tag allows beyond [`COMMON_ATTRS`], and whether it
/// allows the common ones at all (`meta` and `link` do not).
fn extra_attrs(tag: &str) -> Option<(bool, &'static [&'static str])> {
    let extra: &'static [&'static str] = match tag {
        "div" | "p" | "caption" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BLOCK_ATTRS,
        "center" | "span" | "bdo" | "bdi" | "em" | "strong" | "cite" | "dfn" | "code" | "samp"
        | "kbd" | "var" | "abbr" | "wbr" | "sub" | "sup" | "dl" | "dd" | "dt" | "b" | "i" | "u"
        | "s" | "strike" | "big" | "small" | "tt" | "ruby" | "rb" | "rp" | "rt" | "rtc"
        | "mark" | "figure" | "figcaption" => &[],
        "br" => &["clear"],
        "q" | "blockquote" => &["cite"],
        "pre" | "hr" => &["width"],
        "ins" | "del" => &["cite", "datetime"],
        "ul" => &["type"],
        "ol" => &["type", "start", "reversed"],
        "li" => &["type", "value"],
        "table" => &[
            "summary",
            "width",
            "border",
            "frame",
            "rules",
            "cellspacing",
            "cellpadding",
            "align",
            "bgcolor",
        ],
        "thead" | "tfoot" | "tbody" => TABLE_ALIGN_ATTRS,
        "colgroup" | "col" => &["span", "align", "valign"],
        "tr" => &["bgcolor", "align", "valign"],
        "td" | "th" => TABLE_CELL_ATTRS,
        "font" => &["size", "color", "face"],
        "data" => &["value"],
        "time" => &["datetime"],
        "meta" => return Some((false, &["itemprop", "content"])),
        "link" => return Some((false, &["itemprop", "href", "title", "rel"])),
        _ => return None,
    };
    Some((true, extra))
}

/// Attributes that Parsoid uses itself; a page's own values are kept under a
/// `data-x-` prefix so that clients cannot mistake them for Parsoid's.
/// Case-insensitive.
pub(crate) fn is_protected_attr(name: &str) -> bool {
    let starts_with = |prefix: &str| name.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
    ["typeof", "about", "rel", "property"].iter().any(|n| name.eq_ignore_ascii_case(n))
        || starts_with("data-mw")
        || starts_with("data-parsoid")
        || starts_with("data-object-id")
}

/// Whether `name` may appear as literal HTML in wikitext. Case-insensitive.
#[must_use]
pub fn is_allowed_tag(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ALLOWED_TAGS.contains(&lower.as_str())
}

/// Whether `name` is an HTML void element. Case-insensitive.
#[must_use]
pub fn is_void_tag(name: &str) -> bool {
    wikitext_parser::is_void_element(name)
}

/// Whether a start tag with these (raw) attributes stays HTML.
///
/// This is [`is_allowed_tag`] plus the microdata rule: `<meta>` needs
/// `itemprop` and `content`, `<link>` needs `itemprop` and `href`; without them
/// the tag is escaped as text.
#[must_use]
pub fn is_allowed_element(name: &str, attrs: &[(String, String)]) -> bool {
    let lower = name.to_ascii_lowercase();
    if !ALLOWED_TAGS.contains(&lower.as_str()) {
        return false;
    }
    let has = |a: &str| attrs.iter().any(|(n, _)| n.eq_ignore_ascii_case(a));
    match lower.as_str() {
        "meta" => has("itemprop") && has("content"),
        "link" => has("itemprop") && has("href"),
        _ => true,
    }
}

/// Whether `name` (lower case) is a syntactically acceptable attribute name.
fn is_valid_attr_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_' || first == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'))
}

/// Whether a value smells of a script URI (`javascript:`, `vbscript:`),
/// anywhere a whitespace-separated token or CSS-comment-separated token
/// begins.
fn has_evil_uri(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    for scheme in ["javascript", "vbscript"] {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(scheme) {
            let start = from + pos;
            let end = start + scheme.len();
            let before_ok =
                lower[..start].trim_end_matches(|c: char| c.is_ascii_whitespace()).is_empty()
                    || lower[..start].ends_with(|c: char| c.is_ascii_whitespace())
                    || lower[..start].trim_end().ends_with("*/");
            let after_ok =
                lower[end..].chars().next().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            if before_ok && after_ok {
                return true;
            }
            from = end;
        }
    }
    false
}

/// Filter and normalise the attributes of an allowed tag.
///
/// Input values are raw (entities not yet decoded); they are decoded here.
/// Names are lower-cased. The order of the surviving attributes is kept,
/// and a repeated attribute keeps its last value in the first one's place
/// (as an HTML parser keeps the first; the caller resolves duplicates if it
/// needs the other rule). Rules, in order:
///
/// - `data-mw*`, `data-parsoid*`, `data-object-id`, `typeof`, `about`, `rel`
///   and `property` are kept as `data-x-<name>` (Parsoid's protection of its
///   own attributes);
/// - other `data-*` names are kept unless they contain `:` or start with
///   `data-ooui`;
/// - `xmlns:*` is kept unless its value is a script URI;
/// - anything else must be in the tag's allow list (so `on*` handlers and
///   unknown names are dropped);
/// - `style` goes through [`sanitize_css`];
/// - `id` is normalised by [`escape_id`] and dropped when empty; the `aria-*`
///   id lists likewise;
/// - `href`, `src`, `cite` and the like must pass [`is_safe_url`];
/// - RDFa and microdata values that are script URIs are dropped.
#[must_use]
pub fn sanitize_attrs(tag: &str, attrs: Vec<(String, String)>) -> Vec<(String, String)> {
    let tag = tag.to_ascii_lowercase();
    let Some((common, extra)) = extra_attrs(&tag) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = Vec::with_capacity(attrs.len());
    for (name, raw) in attrs {
        let name = name.to_ascii_lowercase();
        if !is_valid_attr_name(&name) {
            continue;
        }
        let value = decode_entities(&raw).into_owned();
        let Some((name, value)) = sanitize_one(&name, value, common, extra) else {
            continue;
        };
        if let Some(slot) = out.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        } else {
            out.push((name, value));
        }
    }
    out
}

fn sanitize_one(
    name: &str,
    value: String,
    common: bool,
    extra: &[&str],
) -> Option<(String, String)> {
    if name.starts_with("data-") {
        if name.contains(':') || name.starts_with("data-ooui") || name.len() == 5 {
            return None;
        }
        if is_protected_attr(name) {
            return Some((format!("data-x-{name}"), value));
        }
        return Some((name.to_string(), value));
    }
    if let Some(prefix) = name.strip_prefix("xmlns:") {
        if prefix.is_empty() || has_evil_uri(&value) || !is_safe_url(&value) {
            return None;
        }
        return Some((name.to_string(), value));
    }
    let allowed = (common && COMMON_ATTRS.contains(&name)) || extra.contains(&name);
    if !allowed {
        return None;
    }
    // Allow lists never contain `on*` names; this is a second lock on the door.
    if name.starts_with("on") {
        return None;
    }
    let value = match name {
        // Only `tabindex="0"` (reachable in document order) is allowed:
        // other values would let a page reorder or hide focus.
        "tabindex" if value.trim() != "0" => return None,
        "style" => sanitize_css(&value),
        "id" => {
            let id = escape_id(&value);
            if id.is_empty() {
                return None;
            }
            id
        }
        "aria-describedby" | "aria-flowto" | "aria-labelledby" | "aria-owns" => {
            let ids: Vec<String> =
                value.split_ascii_whitespace().map(escape_id).filter(|s| !s.is_empty()).collect();
            if ids.is_empty() {
                return None;
            }
            ids.join(" ")
        }
        "href" | "src" | "cite" | "poster" | "longdesc" | "usemap" | "action" | "formaction"
        | "background" | "codebase" | "data" | "profile" => {
            if !is_safe_url(&value) {
                return None;
            }
            value
        }
        "about" | "property" | "resource" | "datatype" | "typeof" | "rel" | "rev" | "itemid"
        | "itemprop" | "itemref" | "itemtype" => {
            if has_evil_uri(&value) {
                return None;
            }
            value
        }
        "itemscope" => String::new(),
        _ => value,
    };
    if is_protected_attr(name) {
        return Some((format!("data-x-{name}"), value));
    }
    Some((name.to_string(), value))
}

/// Normalise an `id` attribute value the HTML5 way: ASCII whitespace becomes
/// `_`, and leading/trailing whitespace is dropped.
#[must_use]
pub fn escape_id(value: &str) -> String {
    let trimmed = value.trim_matches(|c: char| c.is_ascii_whitespace());
    trimmed.chars().map(|c| if c.is_ascii_whitespace() { '_' } else { c }).collect()
}

/// Whether a URL may be emitted in `href`, `src` and similar attributes.
///
/// The value is entity-decoded first and ASCII whitespace and control
/// characters are ignored while looking for a scheme, because browsers
/// ignore them too (`java&#9;script:`). A URL with a scheme must use one of
/// MediaWiki's default URL protocols; relative, fragment and
/// protocol-relative URLs are fine. `javascript:`, `vbscript:`, `data:` and
/// any unknown scheme are refused.
#[must_use]
pub fn is_safe_url(url: &str) -> bool {
    let decoded = decode_entities(url);
    let cleaned: String = decoded
        .chars()
        .filter(|c| !(c.is_ascii_whitespace() || c.is_ascii_control() || is_invisible(*c)))
        .collect();
    // Find a scheme: letters, digits, `+`, `-`, `.` up to the first `:`
    // that comes before any `/`, `?` or `#`.
    let mut scheme_end = None;
    for (i, c) in cleaned.char_indices() {
        match c {
            ':' => {
                scheme_end = Some(i);
                break;
            }
            '/' | '?' | '#' => break,
            _ => {}
        }
    }
    let Some(end) = scheme_end else { return true };
    let scheme = cleaned[..end].to_ascii_lowercase();
    if scheme.is_empty() {
        // A leading colon is not a scheme; a browser resolves it as a path.
        return true;
    }
    if !scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
        // Not a syntactic scheme (non-ASCII or punctuation): a relative path.
        // Browsers would not treat it as a scheme either, unless it smells
        // like a script URI written with lookalikes; refuse those.
        return !has_evil_uri(&scheme);
    }
    SAFE_SCHEMES.contains(&scheme.as_str())
}

/// Schemes of MediaWiki's default `$wgUrlProtocols`, without the separator.
const SAFE_SCHEMES: &[&str] = &[
    "bitcoin",
    "ftp",
    "ftps",
    "geo",
    "git",
    "gopher",
    "http",
    "https",
    "irc",
    "ircs",
    "magnet",
    "mailto",
    "matrix",
    "mms",
    "news",
    "nntp",
    "redis",
    "sftp",
    "sip",
    "sips",
    "sms",
    "ssh",
    "svn",
    "tel",
    "telnet",
    "urn",
    "worldwind",
    "xmpp",
];

/// An external link's href as MediaWiki writes it, from the entity-decoded
/// URL: characters that may not stand in a URL (`[]<>"|`, spaces and
/// controls) are percent-encoded (a space as `+`, as PHP's `urlencode`
/// does), and characters IDNA ignores are dropped from the host name, so
/// `http://e&zwnj;xample.com/` cannot pose as another host.
#[must_use]
pub fn clean_url(url: &str) -> String {
    // An IPv6 host keeps its brackets: `http://[::1]/`.
    let host = host_range(url);
    let mut out = String::with_capacity(url.len());
    for (i, c) in url.char_indices() {
        match c {
            ' ' => out.push('+'),
            '[' | ']' if host.contains(&i) => out.push(c),
            '[' | ']' | '<' | '>' | '"' | '|' | '\x00'..='\x1f' | '\x7f' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            _ => out.push(c),
        }
    }
    strip_idn_ignorables_from_host(&out)
}

/// The byte range of `url`'s host: after `scheme://` or a leading `//`, up
/// to the next `/`, `?` or `#` (empty when the URL has no `//`).
fn host_range(url: &str) -> std::ops::Range<usize> {
    let after_scheme = url.find(':').filter(|&i| i > 0 && url[..i].bytes().all(|b| b.is_ascii_alphabetic())).map_or(0, |i| i + 1);
    if !url[after_scheme..].starts_with("//") {
        return 0..0;
    }
    let start = after_scheme + 2;
    let end = url[start..].find(['/', '?', '#']).map_or(url.len(), |i| start + i);
    start..end
}

/// `url` with the characters IDNA ignores removed from its host name (after
/// `scheme://` or a leading `//`, up to the next `/`).
#[must_use]
pub fn strip_idn_ignorables_from_host(url: &str) -> String {
    let host = host_range(url);
    let stripped: String = url[host.clone()].chars().filter(|&c| !is_idn_ignorable(c)).collect();
    format!("{}{}{}", &url[..host.start], stripped, &url[host.end..])
}

/// Characters IDNA maps to nothing (and whitespace), which a host name
/// must not hide: soft hyphen, joiners, zero-width space, variation selectors ...
pub fn is_idn_ignorable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{ad}' | '\u{34f}' | '\u{1806}' | '\u{180b}'..='\u{180d}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}'
        )
}

/// Characters browsers drop from URLs (soft hyphen, zero-width ones, BOM).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')
}

/// The value Parsoid emits for a style it refuses.
pub const INSECURE_CSS: &str = "/* insecure input */";
/// The value Parsoid emits for a style with control characters.
pub const INVALID_CONTROL_CSS: &str = "/* invalid control char */";

/// Sanitise the value of a `style` attribute (already entity-decoded).
///
/// CSS escapes (`\72`, `\r`) are decoded first so they cannot hide
/// anything; an escaped line break is a line continuation and disappears.
/// Then control characters give [`INVALID_CONTROL_CSS`]; comments are
/// replaced by a space and anything after an unclosed `/*` is dropped; and
/// values that could load or run something (`expression`, `url(`,
/// `image(`, `image-set(`, `-o-link`, `filter:`, `behavior:`,
/// `-moz-binding`, `attr(... url`) give [`INSECURE_CSS`]. Otherwise the
/// decoded, comment-free value is returned.
#[must_use]
pub fn sanitize_css(css: &str) -> String {
    let decoded = decode_css_escapes(css);
    if decoded
        .chars()
        .any(|c| matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{e}'..='\u{1f}' | '\u{7f}' | '\u{fffd}'))
    {
        return INVALID_CONTROL_CSS.to_string();
    }
    let stripped = strip_css_comments(&decoded);
    if is_insecure_css(&stripped) {
        return INSECURE_CSS.to_string();
    }
    stripped
}

/// Check the text of a `<style>` element an extension wrote (TemplateStyles'
/// output): kept as written when [`sanitize_css`] finds nothing that could
/// load or run something, and when it neither imports another sheet nor
/// holds a `</style` that would end the element on a second reading;
/// otherwise the marker [`sanitize_css`] gives (or [`INSECURE_CSS`]).
#[must_use]
pub fn sanitize_style_sheet(css: &str) -> std::borrow::Cow<'_, str> {
    let checked = sanitize_css(css);
    if checked == INSECURE_CSS || checked == INVALID_CONTROL_CSS {
        return checked.into();
    }
    let lower = decode_css_escapes(css).to_ascii_lowercase();
    if lower.contains("@import") || css.to_ascii_lowercase().contains("</style") {
        return INSECURE_CSS.into();
    }
    css.into()
}

/// Decode CSS backslash escapes. A hex escape is one to six hex digits and
/// an optional whitespace character; an escaped LF, CRLF or FF is a line
/// continuation; an escaped lone CR and escapes of invalid code points
/// become U+FFFD (which [`sanitize_css`] refuses).
fn decode_css_escapes(css: &str) -> String {
    if !css.contains('\\') {
        return css.to_string();
    }
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            None => {}
            Some(h) if h.is_ascii_hexdigit() => {
                let mut code: u32 = 0;
                let mut n = 0;
                while n < 6 {
                    match chars.peek().and_then(|d| d.to_digit(16)) {
                        Some(d) => {
                            code = code * 16 + d;
                            chars.next();
                            n += 1;
                        }
                        None => break,
                    }
                }
                if matches!(chars.peek(), Some(' ' | '\t' | '\n' | '\u{c}')) {
                    chars.next();
                } else if chars.peek() == Some(&'\r') {
                    chars.next();
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                }
                out.push(match char::from_u32(code) {
                    Some(ch) if code != 0 => ch,
                    _ => '\u{fffd}',
                });
            }
            Some('\n' | '\u{c}') => {
                chars.next();
            }
            Some('\r') => {
                chars.next();
                if chars.peek() == Some(&'\n') {
                    chars.next();
                } else {
                    out.push('\u{fffd}');
                }
            }
            Some(other) => {
                chars.next();
                out.push(other);
            }
        }
    }
    out
}

/// Replace each `/* ... */` comment by one space and cut the value at an
/// unclosed `/*`.
fn strip_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("*/") {
            Some(end) => {
                out.push(' ');
                rest = &rest[start + 2 + end + 2..];
            }
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Map lookalike letters (full-width forms, small capitals) to ASCII so that
/// `ｅｘｐｒｅｓｓｉｏｎ` is caught like `expression`.
fn fold_lookalike(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        'ʀ' => 'r',
        'ɴ' => 'n',
        'ʟ' => 'l',
        'ɪ' => 'i',
        'ᴀ' => 'a',
        'ᴇ' => 'e',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ᴜ' => 'u',
        'ꜱ' => 's',
        _ => c,
    }
}

fn is_insecure_css(css: &str) -> bool {
    let folded: String = css.chars().map(fold_lookalike).collect::<String>().to_ascii_lowercase();
    let s = folded.as_str();
    // `name` followed by optional whitespace and `follow`.
    let keyword = |name: &str, follow: &str| {
        let mut from = 0;
        while let Some(pos) = s[from..].find(name) {
            let after = s[from + pos + name.len()..].trim_start();
            if after.starts_with(follow) {
                return true;
            }
            from += pos + name.len();
        }
        false
    };
    s.contains("expression")
        || s.contains("-moz-binding")
        || keyword("filter", ":")
        || keyword("accelerator", ":")
        || keyword("behavior", ":")
        || keyword("behaviour", ":")
        || keyword("-o-link", ":")
        || keyword("-o-link-source", ":")
        || keyword("-o-replace", ":")
        || keyword("url", "(")
        || keyword("image", "(")
        || keyword("image-set", "(")
        || attr_with_url(s)
}

/// `attr(` whose arguments mention `url` (an `attr(title url)` can load).
fn attr_with_url(s: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = s[from..].find("attr") {
        let after = s[from + pos + 4..].trim_start();
        if let Some(args) = after.strip_prefix('(') {
            let inner = args.split(')').next().unwrap_or("");
            if inner.contains("url") {
                return true;
            }
        }
        from += pos + 4;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| ((*a).to_string(), (*b).to_string())).collect()
    }

    #[test]
    fn allowed_tags() {
        for t in ["b", "DIV", "span", "q", "bdo", "tt", "rtc", "wbr", "td", "meta"] {
            assert!(is_allowed_tag(t), "{t}");
        }
        for t in ["script", "style", "img", "a", "boo", "blockquote|", "s.foo", "bä", "html"] {
            assert!(!is_allowed_tag(t), "{t}");
        }
        assert!(is_void_tag("br") && is_void_tag("META") && !is_void_tag("div"));
    }

    #[test]
    fn meta_and_link_need_microdata() {
        assert!(is_allowed_element("meta", &attrs(&[("itemprop", "hello"), ("content", "w")])));
        assert!(!is_allowed_element(
            "meta",
            &attrs(&[("http-equiv", "refresh"), ("content", "5")])
        ));
        assert!(!is_allowed_element("link", &attrs(&[("rel", "stylesheet"), ("href", "x")])));
        assert!(is_allowed_element("link", &attrs(&[("itemprop", "hello"), ("href", "x")])));
    }

    #[test]
    fn microdata_meta_drops_http_equiv() {
        // sanitizer.txt: <meta itemprop="hello" http-equiv="refresh" content="5">
        let out = sanitize_attrs(
            "meta",
            attrs(&[("itemprop", "hello"), ("http-equiv", "refresh"), ("content", "5")]),
        );
        assert_eq!(out, attrs(&[("itemprop", "hello"), ("content", "5")]));
        // <link rel="stylesheet" itemprop="hello" href="...">
        let out = sanitize_attrs(
            "link",
            attrs(&[("rel", "stylesheet"), ("itemprop", "hello"), ("href", "http://example.org")]),
        );
        assert_eq!(
            out,
            attrs(&[
                ("data-x-rel", "stylesheet"),
                ("itemprop", "hello"),
                ("href", "http://example.org")
            ])
        );
    }

    #[test]
    fn reserved_data_attributes() {
        // parserTests.txt "Strip reserved data attributes".
        let out = sanitize_attrs(
            "div",
            attrs(&[
                ("data-mw", "foo"),
                ("data-parsoid", "bar"),
                ("data-mw-someext", "baz"),
                ("data-ok", "fred"),
                ("data-object-id", "123"),
                ("data-ooui", "xyzzy"),
                ("data-bad:ns", "ns"),
            ]),
        );
        assert_eq!(
            out,
            attrs(&[
                ("data-x-data-mw", "foo"),
                ("data-x-data-parsoid", "bar"),
                ("data-x-data-mw-someext", "baz"),
                ("data-ok", "fred"),
                ("data-x-data-object-id", "123"),
            ])
        );
    }

    #[test]
    fn protected_rdfa_attributes() {
        // parserTests.txt "Encapsulate protected attributes from wt".
        let out = sanitize_attrs(
            "div",
            attrs(&[("typeof", "mw:placeholder stuff"), ("about", "time"), ("rel", "mw:true")]),
        );
        assert_eq!(
            out,
            attrs(&[
                ("data-x-typeof", "mw:placeholder stuff"),
                ("data-x-about", "time"),
                ("data-x-rel", "mw:true")
            ])
        );
        let out = sanitize_attrs(
            "span",
            attrs(&[("xmlns:dct", "http://purl.org/dc/terms/"), ("property", "dct:title")]),
        );
        assert_eq!(
            out,
            attrs(&[("xmlns:dct", "http://purl.org/dc/terms/"), ("data-x-property", "dct:title")])
        );
    }

    #[test]
    fn aria_and_ids() {
        let out = sanitize_attrs(
            "span",
            attrs(&[("aria-describedby", "id1"), ("aria-bogus", "stripped"), ("role", "note")]),
        );
        assert_eq!(out, attrs(&[("aria-describedby", "id1"), ("role", "note")]));
        assert_eq!(sanitize_attrs("br", attrs(&[("id", "")])), vec![]);
        assert_eq!(sanitize_attrs("br", attrs(&[("id", "a space")])), attrs(&[("id", "a_space")]));
        assert_eq!(sanitize_attrs("span", attrs(&[("id", "æ: v")])), attrs(&[("id", "æ:_v")]));
    }

    #[test]
    fn event_handlers_and_unknown_names_are_dropped() {
        let out = sanitize_attrs(
            "div",
            attrs(&[("onclick", "x()"), ("OnMouseOver", "y"), ("class", "c"), ("cla", "")]),
        );
        assert_eq!(out, attrs(&[("class", "c")]));
        assert!(sanitize_attrs("script", attrs(&[("class", "c")])).is_empty());
    }

    #[test]
    fn entity_decoding_in_values() {
        // sanitizer.txt "Opera -o-link CSS": the title is written with
        // numeric references and the style is refused.
        let out = sanitize_attrs(
            "div",
            attrs(&[
                ("title", "&#100;&#97;&#116;&#97;&#58;&#60;&#105;&#62;"),
                ("style", "-o-link:attr(title);-o-link-source:current"),
            ]),
        );
        assert_eq!(out, attrs(&[("title", "data:<i>"), ("style", INSECURE_CSS)]));
        assert_eq!(decode_entities("a&amp;b&lt;&#x41;&apos;&nbsp;"), "a&b<A'\u{a0}");
        assert_eq!(decode_entities("&bogus; &amp &#0; &#xZZ;"), "&bogus; &amp &#0; &#xZZ;");
        assert!(matches!(decode_entities("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(decode_entities("&NotNestedLessLess;"), "\u{2aa1}\u{338}");
    }

    #[test]
    fn style_sheets() {
        let sheet = ".foo::before { content: \"<foo>\"; } /* c */";
        assert_eq!(sanitize_style_sheet(sheet), sheet);
        assert_eq!(sanitize_style_sheet("a { background: url(x) }"), INSECURE_CSS);
        assert_eq!(sanitize_style_sheet("@\\69mport 'x.css';"), INSECURE_CSS);
        assert_eq!(sanitize_style_sheet("a{}</STYLE x"), INSECURE_CSS);
    }

    #[test]
    fn css() {
        assert_eq!(
            sanitize_css(
                "margin:/*negate mbox-text padding */-0.125em -0.45em; /*rainbow*/rgba(255, 0, 0, 0.3)"
            ),
            "margin: -0.125em -0.45em;  rgba(255, 0, 0, 0.3)"
        );
        assert_eq!(
            sanitize_css("background-image:u/**/rl(javascript:alert('boo'))"),
            "background-image:u rl(javascript:alert('boo'))",
            "a broken-up url( is inert CSS, and Parsoid keeps it"
        );
        assert_eq!(
            sanitize_css("background-image:expres/**/sion(alert('boo4'))"),
            "background-image:expres sion(alert('boo4'))"
        );
        assert_eq!(sanitize_css("border-size: expression(alert(document.cookie))"), INSECURE_CSS);
        assert_eq!(sanitize_css("background-image:u\\rl(javascript:alert('boo'))"), INSECURE_CSS);
        assert_eq!(sanitize_css("background-image:u\\72l(javascript:alert('boo'))"), INSECURE_CSS);
        assert_eq!(
            sanitize_css("font-size: 100px; background-image:url\\b(https://x/logo.png)"),
            INVALID_CONTROL_CSS
        );
        assert_eq!(sanitize_css("background-image: u\\\nrl(test.jpg);"), INSECURE_CSS);
        assert_eq!(sanitize_css("background-image: u\\\rrl(test.jpg); "), INVALID_CONTROL_CSS);
        assert_eq!(sanitize_css("color:blue"), "color:blue");
        assert_eq!(sanitize_css("color: red; /* unclosed"), "color: red; ");
        assert_eq!(sanitize_css("width: ｅｘｐｒｅｓｓｉｏｎ(1)"), INSECURE_CSS);
        assert_eq!(sanitize_css("background: image-set( 'a.png' 1x)"), INSECURE_CSS);
        assert_eq!(sanitize_css("float: right; color: red"), "float: right; color: red");
    }

    #[test]
    fn urls() {
        for ok in [
            "http://example.org",
            "//example.org/x",
            "./Foo",
            "#frag",
            "/wiki/Foo",
            "mailto:a@b",
            "ÿ:x",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "java&#9;script:alert(1)",
            "&#106;avascript:alert(1)",
            "vbscript:x",
            "data:text/html,<script>",
            "jav\u{200b}ascript:x",
            "foo:bar",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
        assert!(
            sanitize_attrs("link", attrs(&[("itemprop", "x"), ("href", "javascript:x")]))
                .iter()
                .all(|(n, _)| n != "href")
        );
    }

    #[test]
    fn clean_urls() {
        assert_eq!(clean_url("http://a.org/x?q=[1]|2"), "http://a.org/x?q=%5B1%5D%7C2");
        assert_eq!(clean_url("http:// www.a.org"), "http://+www.a.org");
        assert_eq!(clean_url("http://e\u{200c}xample.com/\u{200c}"), "http://example.com/\u{200c}");
        assert_eq!(clean_url("//e\u{ad}x.org"), "//ex.org");
        assert_eq!(clean_url("mailto:a@b.org"), "mailto:a@b.org");
        assert_eq!(clean_url("http://[::1]:80/[x]"), "http://[::1]:80/%5Bx%5D");
        assert_eq!(clean_url("https://a.org?q=b]"), "https://a.org?q=b%5D");
    }

    #[test]
    fn evil_uris_in_rdfa() {
        let out = sanitize_attrs("span", attrs(&[("itemtype", "javascript:alert(1)")]));
        assert!(out.is_empty());
        let out = sanitize_attrs("span", attrs(&[("itemtype", "http://schema.org/Thing")]));
        assert_eq!(out.len(), 1);
    }
}
