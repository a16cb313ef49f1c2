//! The ParserFunctions extension's conditionals: `#if`, `#ifeq`,
//! `#iferror`, `#ifexpr`, `#ifexist` and `#switch`. Only the branch taken
//! is expanded.

use super::{error, expr, Call};
use crate::preprocessor::Expander;
use wikitext_parser::entities::decode_entities;
use wikitext_site::magic_words::ParserFunction as F;
use wikitext_site::magic_words::ParserFunction;

/// Run `id` if it is a conditional; false if it is not one.
pub(super) fn call(ex: &mut Expander<'_>, id: &ParserFunction, call: &Call<'_, '_>, out: &mut String) -> bool {
    let first = call.first;
    let branch = match id {
        F::If => Some(if first.is_empty() { 1 } else { 0 }),
        F::IfEq => {
            let other = ex.arg(call, 0).unwrap_or_default();
            Some(if same(ex, first, &other) { 1 } else { 2 })
        }
        F::IfError => {
            // An extension tag is a strip marker there: an error inside
            // one (<nowiki>) is not seen.
            if is_error(&super::string_functions::kill_markers(first, ex.parse_options(), false)) {
                Some(0)
            } else if call.len() >= 2 {
                Some(1)
            } else {
                out.push_str(first);
                None
            }
        }
        F::IfExpr => match expr::truth(first) {
            Ok(Some(true)) => Some(0),
            Ok(_) => Some(1),
            Err(e) => {
                error(out, &e.to_string());
                None
            }
        },
        F::IfExist => {
            let exists = wikitext_site::title::Title::parse(first, 0, ex.site)
                .filter(|t| !t.db_key().is_empty())
                .map(|t| {
                    if t.interwiki().is_some() {
                        Some(false)
                    } else {
                        match t.namespace() {
                            // Docs: "true ... for special pages that are
                            // defined by the software" (Special:Watchlist),
                            // and Media: asks whether the file exists.
                            -1 => {
                                let name = t.db_key().split('/').next().unwrap_or_default();
                                Some(ex.site.special_page_name(name).is_some())
                            }
                            -2 => ex.file_exists(t.db_key()),
                            _ => ex.page_exists(&t.prefixed_text()),
                        }
                    }
                });
            match exists {
                Some(Some(true)) => Some(0),
                Some(Some(false)) | None => Some(1),
                Some(None) => {
                    ex.stop(crate::LimitKind::Expensive, out);
                    None
                }
            }
        }
        F::Switch => {
            switch(ex, call, out);
            None
        }
        _ => return false,
    };
    if let Some(i) = branch {
        if let Some(text) = ex.arg(call, i) {
            out.push_str(&text);
        }
    }
    true
}

/// `#switch`: the value after the first case equal to the test (cases
/// without `=` fall through to the next value), else `#default=` or a last
/// argument without `=`.
fn switch(ex: &mut Expander<'_>, call: &Call<'_, '_>, out: &mut String) {
    let test = call.first;
    let mut found = false;
    let mut default: Option<String> = None;
    let mut last_bare: Option<String> = None;
    for i in 0..call.len() {
        let Some((name, value)) = ex.arg_parts(call, i) else { break };
        match name {
            Some(name) => {
                last_bare = None;
                if found || same(ex, &name, test) {
                    out.push_str(&value);
                    return;
                }
                if name == "#default" {
                    default = Some(value);
                }
            }
            None => {
                if same(ex, &value, test) {
                    found = true;
                }
                last_bare = Some(value);
            }
        }
    }
    // A last case without `=` is the default.
    if let Some(bare) = last_bare {
        out.push_str(&bare);
    } else if let Some(d) = default {
        out.push_str(&d);
    }
}

/// [`values_equal`], except that text holding an extension tag equals
/// nothing: in MediaWiki each tag is a strip marker of its own (docs, #ifeq:
/// `{{#ifeq: <nowiki>foo</nowiki> | <nowiki>foo</nowiki> | equal | not equal }}`
/// gives "not equal").
fn same(ex: &Expander<'_>, a: &str, b: &str) -> bool {
    let tagged = |s: &str| {
        matches!(super::string_functions::kill_markers(s, ex.parse_options(), false), std::borrow::Cow::Owned(_))
    };
    values_equal(a, b) && !tagged(a) && !tagged(b)
}

/// Equality as the extension compares: character references decoded on
/// both sides (Help:Extension:ParserFunctions, #switch's raw equal signs:
/// of the cases `1=2`, `1<nowiki>=</nowiki>2`, `1&#61;2` and `1{{=}}2`, the
/// test `1=2` takes `1&#61;2`'s value), then as PHP's `==` compares two
/// strings ("01 should equal 1"): numerically when both are numbers, as
/// integers when both are integers in range, else as floats; otherwise
/// byte for byte.
pub(crate) fn values_equal(a: &str, b: &str) -> bool {
    let (a, b) = (decode_entities(a), decode_entities(b));
    match (crate::functions::php::number(&a), crate::functions::php::number(&b)) {
        (Some(x), Some(y)) => match (crate::functions::php::integer(&a), crate::functions::php::integer(&b)) {
            (Some(i), Some(j)) => i == j,
            _ => x == y,
        },
        _ => a == b,
    }
}


/// Whether text holds an error as parser functions and MediaWiki print them, as
/// `#iferror` recognises one: a lower-case `strong`, `span`, `p` or `div` start tag,
/// whitespace, and among its attributes (each after whitespace) a double-quoted
/// `class="…"` with the class `error`. `<strong class='error'>`, `<STRONG …>` and
/// `data-class="error"` are not errors to it.
///
/// Linear in the text: a tag whose name matches is read to its `>` once, and every
/// `<` inside it is covered by that read (its attributes are a suffix of the tag's).
pub(crate) fn is_error(text: &str) -> bool {
    const NAMES: [&str; 4] = ["strong", "span", "div", "p"];
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = text[i..].find('<') {
        let name_start = i + off + 1;
        let rest = &bytes[name_start..];
        let name = NAMES.iter().find(|n| {
            rest.starts_with(n.as_bytes()) && rest.get(n.len()).is_some_and(|&b| is_pcre_space(b))
        });
        let Some(name) = name else {
            i = name_start;
            continue;
        };
        let attrs_start = name_start + name.len();
        let end = text[attrs_start..].find('>').map_or(text.len(), |e| attrs_start + e);
        if has_error_class(&text[attrs_start..end]) {
            return true;
        }
        i = end;
    }
    false
}

/// PCRE's `\s` (without the `u` flag): space, tab, line feed, vertical tab, form feed,
/// carriage return.
fn is_pcre_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Whether a start tag's attribute text (from the whitespace after its name to its
/// `>`) holds `class="…"`, after whitespace and closed by its quote, with `error`
/// among its whitespace-separated classes.
fn has_error_class(attrs: &str) -> bool {
    const OPEN: &str = "class=\"";
    let bytes = attrs.as_bytes();
    let mut from = 0;
    while let Some(k) = attrs[from..].find(OPEN) {
        let at = from + k;
        let value_start = at + OPEN.len();
        if at > 0 && is_pcre_space(bytes[at - 1]) {
            if let Some(q) = attrs[value_start..].find('"') {
                let value = &attrs[value_start..value_start + q];
                if value.split(|c: char| c.is_ascii() && is_pcre_space(c as u8)).any(|class| class == "error") {
                    return true;
                }
            }
        }
        from = value_start;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(crate::functions::php::number("1"), Some(1.0));
        assert_eq!(crate::functions::php::number(" 01.50 "), Some(1.5));
        assert_eq!(crate::functions::php::number("1e3"), Some(1000.0));
        assert_eq!(crate::functions::php::number(".5"), Some(0.5));
        assert_eq!(crate::functions::php::number("0x1A"), None);
        assert_eq!(crate::functions::php::number("1a"), None);
        assert_eq!(crate::functions::php::number(""), None);
        assert_eq!(crate::functions::php::number("-"), None);
        assert!(values_equal("01", "1"));
        assert!(!values_equal("a", "A"));
    }

    #[test]
    fn character_references_are_decoded_before_comparing() {
        // #switch's raw equal signs: `1&#61;2` is the case that matches `1=2`.
        assert!(values_equal("1&#61;2", "1=2"));
        assert!(values_equal("&amp;", "&"));
        assert!(values_equal("&#x31;", "1.0"));
        assert!(!values_equal("&amp", "&"));
        assert!(!values_equal("1&#61;2", "1&#62;2"));
        // Many `&` without a `;`: still one pass.
        let amps = "&".repeat(200_000);
        assert!(values_equal(&amps, &amps));
    }

    #[test]
    fn numbers_compare_as_php_compares_numeric_strings() {
        // Integers in range compare exactly; floats otherwise.
        assert!(!values_equal("12345678901234567", "12345678901234568"));
        assert!(values_equal("12345678901234567", "012345678901234567"));
        assert!(values_equal("1e3", "1000"));
        assert!(values_equal("1000", "1000.0"));
        assert!(values_equal("-0", "0"));
        assert!(values_equal("+2", "2"));
        assert!(values_equal("9223372036854775808", "9223372036854775809"));
        assert!(!values_equal("0x1A", "26"));
    }

    /// A wiki with one special page, one file and one page.
    struct Wiki(Vec<String>);

    impl wikitext_site::Site for Wiki {
        fn url_protocols(&self) -> &[String] {
            &self.0
        }
        fn special_page_name(&self, name: &str) -> Option<String> {
            name.eq_ignore_ascii_case("watchlist").then(|| "Watchlist".to_string())
        }
        fn media_info(&self, name: &str) -> Option<wikitext_site::site::MediaInfo> {
            (name == "Foo.jpg").then(wikitext_site::site::MediaInfo::default)
        }
        fn page_state(&self, title: &str) -> wikitext_site::site::PageState {
            if title == "Exists" { wikitext_site::site::PageState::Exists } else { wikitext_site::site::PageState::Missing }
        }
    }

    #[test]
    fn extension_tags_equal_nothing() {
        let wiki = Wiki(Vec::new());
        let expand = |s: &str| crate::preprocessor::Expander::new(&wiki, "P").expand_page(s);
        assert_eq!(expand("{{#ifeq: <nowiki>foo</nowiki> | <nowiki>foo</nowiki> | equal | not equal }}"), "not equal");
        assert_eq!(expand("{{#ifeq: foo<nowiki/> | foo | equal | not equal }}"), "not equal");
        assert_eq!(expand("{{#ifeq: <b>foo</b> | <b>foo</b> | equal | not equal }}"), "equal");
        assert_eq!(expand("{{#switch: <nowiki>a</nowiki> | <nowiki>a</nowiki> = x | y }}"), "y");
        assert_eq!(expand("{{#switch: a | <nowiki>a</nowiki> | a = x | y }}"), "x");
    }

    #[test]
    fn iferror_does_not_look_inside_tags() {
        let wiki = Wiki(Vec::new());
        let expand = |s: &str| crate::preprocessor::Expander::new(&wiki, "P").expand_page(s);
        assert_eq!(expand("{{#iferror: <nowiki><strong class=\"error\">x</strong></nowiki> | e | c }}"), "c");
        assert_eq!(expand("{{#iferror: <strong class=\"error\">x</strong> | e | c }}"), "e");
        assert_eq!(expand("{{#iferror: {{#expr: 1 + X }} | e | c }}|{{#iferror: {{#expr: 1 + 2 }} }}"), "e|3");
    }

    #[test]
    fn iferror_knows_an_error_as_the_extension_does() {
        for error in [
            "<strong class=\"error\">x</strong>",
            "<span class=\"error\">x</span>",
            "<p id=\"a\" class=\"error\">x</p>",
            "<div class=\"mw-warning error big\">x</div>",
            "<div\nclass=\"error\">",
            "text <span  title=\"t t\" class=\"error\">",
            "<a <span class=\"error\">",
        ] {
            assert!(is_error(error), "{error}");
        }
        for fine in [
            "<strong class='error'>x</strong>",
            "<STRONG class=\"error\">x</STRONG>",
            "<em class=\"error\">x</em>",
            "<strong class=\"errors\">x</strong>",
            "<strong class=\"my-error\">x</strong>",
            "<span data-class=\"error\">x</span>",
            "<span>error</span>",
            "<span class=\"error>\"",
            "<strongest class=\"error\">",
            "class=\"error\"",
        ] {
            assert!(!is_error(fine), "{fine}");
        }
        // Linear: many unclosed tags whose names match.
        let many = "<span class=\"x\" ".repeat(50_000);
        assert!(!is_error(&many));
    }

    #[test]
    fn ifexist_special_and_media() {
        // Help:Extension:ParserFunctions, #ifexist: special pages the
        // software defines exist; Media: asks whether the file exists.
        let wiki = Wiki(Vec::new());
        let expand = |s: &str| crate::preprocessor::Expander::new(&wiki, "P").expand_page(s);
        assert_eq!(expand("{{#ifexist: Special:Watchlist | y | n }}"), "y");
        assert_eq!(expand("{{#ifexist: Special:Watchlist/sub | y | n }}"), "y");
        assert_eq!(expand("{{#ifexist: Special:Nonesuch | y | n }}"), "n");
        assert_eq!(expand("{{#ifexist: Media:Foo.jpg | y | n }}"), "y");
        assert_eq!(expand("{{#ifexist: Media:Bar.jpg | y | n }}"), "n");
        assert_eq!(expand("{{#ifexist: File:Foo.jpg | y | n }}"), "n");
        assert_eq!(expand("{{#ifexist: Exists | y | n }}|{{#ifexist: Missing | y | n }}"), "y|n");
    }

    #[test]
    fn errors() {
        assert!(is_error("<strong class=\"error\">x</strong>"));
        assert!(is_error("a <span class=\"foo error\">x</span>"));
        assert!(!is_error("class=\"error\""));
        assert!(!is_error("<b class=\"error\">x</b>"));
        assert!(!is_error("<span class=\"errors\">x</span>"));
    }
}
