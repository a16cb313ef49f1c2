//! Parser functions: MediaWiki core's and the ParserFunctions extension's,
//! dispatched by canonical id (the `Site` maps the written name to it).
//!
//! Arguments are expanded only when a function uses them (`#if` expands
//! one branch), and trimmed as MediaWiki trims them.

mod conditionals;
mod php;
pub(crate) mod core_functions;
pub mod expr;
mod site_functions;
pub(crate) mod string_functions;
pub mod date_names;
mod format_date;
mod language_names;
pub(crate) mod number_format;
mod plural_rules;
pub mod time;

use wikitext_parser::{NodeId, SyntaxKind, Tree};

/// A MediaWiki language code in lower case, and its language alone
/// (`pt-BR` → `pt-br`, `pt`): tables by language look up the whole code,
/// then the language.
pub(crate) fn language_code_and_base(code: &str) -> (String, String) {
    let code = code.trim().to_ascii_lowercase();
    let base = code.split('-').next().unwrap_or_default().to_string();
    (code, base)
}

/// The `(code, autonym, English name)` of a language code this library
/// knows a name for (`de`, `zh-hans`); `None` for anything else.
pub(crate) fn known_language(code: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    let names = language_names::LANGUAGE_NAMES;
    names.binary_search_by(|(c, ..)| (*c).cmp(code)).ok().map(|i| &names[i])
}

use crate::frame::Frame;
use crate::preprocessor::Expander;
use wikitext_site::magic_words::ParserFunction as F;
use wikitext_site::magic_words::ParserFunction;

/// A parser function call: its first argument (the text after `:`,
/// expanded and trimmed) and the nodes of the others.
pub(crate) struct Call<'c, 't> {
    /// The `TEMPLATE` node of the call.
    pub(crate) node: NodeId,
    pub(crate) frame: &'c Frame<'t>,
    pub(crate) tree: &'c Tree,
    pub(crate) args: &'c [NodeId],
    pub(crate) first: &'c str,
    /// The first argument before trimming.
    pub(crate) first_as_written: &'c str,
}

impl Call<'_, '_> {
    pub(crate) fn len(&self) -> usize {
        self.args.len()
    }
}

impl Expander<'_> {
    /// Argument `i` (0 is the one after the first `|`), expanded whole
    /// (`name=value` as written) and trimmed; `None` when absent.
    pub(crate) fn arg(&mut self, call: &Call<'_, '_>, i: usize) -> Option<String> {
        self.arg_raw(call, i).map(trim_owned)
    }

    /// Argument `i` split at its first top-level `=`: the expanded, trimmed
    /// name (if any) and value.
    pub(crate) fn arg_parts(&mut self, call: &Call<'_, '_>, i: usize) -> Option<(Option<String>, String)> {
        let &node = call.args.get(i)?;
        let tree = call.tree;
        let name = match tree.child_of_kind(node, SyntaxKind::ARGUMENT_NAME) {
            Some(n) => {
                let mut s = String::new();
                self.walk_children(call.frame, tree, n, &mut s);
                Some(trim_owned(s))
            }
            None => None,
        };
        let mut value = String::new();
        if let Some(v) = tree.child_of_kind(node, SyntaxKind::ARGUMENT_VALUE) {
            self.walk_children(call.frame, tree, v, &mut value);
        }
        Some((name, trim_owned(value)))
    }

    /// Every argument after the first, expanded and trimmed.
    pub(crate) fn all_args(&mut self, call: &Call<'_, '_>) -> Vec<String> {
        (0..call.len()).filter_map(|i| self.arg(call, i)).collect()
    }
}

/// A call's arguments as a wiki's own parser function reads them
/// ([`wikitext_site::function_hooks::FunctionArgs`]): argument 0 is the
/// text after the colon, when there is one.
pub(crate) struct HookArgs<'e, 'a, 'c, 't> {
    ex: &'e mut Expander<'a>,
    call: &'c Call<'c, 't>,
    has_first: bool,
}

impl<'e, 'a, 'c, 't> HookArgs<'e, 'a, 'c, 't> {
    pub(crate) fn new(ex: &'e mut Expander<'a>, call: &'c Call<'c, 't>, has_first: bool) -> Self {
        HookArgs { ex, call, has_first }
    }

    /// The index among the call's `|` arguments, or `None` for the first.
    fn bar_index(&self, i: usize) -> Option<usize> {
        if self.has_first {
            i.checked_sub(1)
        } else {
            Some(i)
        }
    }
}

impl wikitext_site::function_hooks::FunctionArgs for HookArgs<'_, '_, '_, '_> {
    fn len(&self) -> usize {
        self.call.len() + usize::from(self.has_first)
    }

    fn get(&mut self, i: usize) -> Option<String> {
        match self.bar_index(i) {
            Some(i) => self.ex.arg_raw(self.call, i),
            None => Some(self.call.first_as_written.to_string()),
        }
    }

    fn get_named(&mut self, i: usize) -> Option<(Option<String>, String)> {
        match self.bar_index(i) {
            Some(i) => self.ex.arg_parts(self.call, i),
            None => Some(match self.call.first_as_written.split_once('=') {
                Some((name, value)) => (Some(trim_owned(name.to_string())), trim_owned(value.to_string())),
                None => (None, trim_owned(self.call.first_as_written.to_string())),
            }),
        }
    }

    fn site(&self) -> &dyn wikitext_site::site::Site {
        self.ex.site
    }
}

pub(crate) fn trim_owned(s: String) -> String {
    let t = s.trim_matches(is_php_space);
    if t.len() == s.len() { s } else { t.to_string() }
}

/// The whitespace PHP's `trim` removes.
pub(crate) fn is_php_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\0' | '\x0B')
}

/// An error as the extension prints it.
pub(crate) fn error(out: &mut String, message: &str) {
    out.push_str("<strong class=\"error\">");
    out.push_str(&html_escape(message));
    out.push_str("</strong>");
}

pub(crate) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Run parser function `id`.
pub(crate) fn call(ex: &mut Expander<'_>, id: &ParserFunction, call: &Call<'_, '_>, out: &mut String) {
    if conditionals::call(ex, id, call, out) || site_functions::call(ex, id, call, out) {
        return;
    }
    let first = call.first;
    match id {
        F::Expr => match expr::evaluate(first) {
            Ok(v) => out.push_str(&v),
            Err(e) => error(out, &e.to_string()),
        },
        F::Time | F::TimeL => {
            // Docs: "The total length of the format strings of all calls
            // of #time is limited to 6000 characters" a page.
            ex.time_chars = ex.time_chars.saturating_add(first.len());
            if ex.time_chars > time::MAX_FORMAT_CHARS {
                error(out, time::ERR_TOO_LONG);
                return;
            }
            let date = ex.arg(call, 0).unwrap_or_default();
            let local = *id == F::TimeL || ex.arg(call, 2).is_some_and(|l| !l.is_empty() && l != "0");
            // Names in the language the third argument gives, else the wiki's.
            let language = ex.arg(call, 1).filter(|l| date_names::is_language_code(l));
            let names = date_names::for_language(language.as_deref().unwrap_or(ex.page_language()));
            match time::time(first, &date, local, &ex.clock(), names) {
                Ok(v) => out.push_str(&v),
                Err(e) => error(out, &e),
            }
        }
        F::TimeF | F::TimeFL => {
            let kind = ex.arg(call, 0).unwrap_or_default();
            match time::timef(first, &kind, *id == F::TimeFL, &ex.clock()) {
                Ok(v) => out.push_str(&v),
                Err(e) => error(out, &e),
            }
        }
        F::Len | F::Pos | F::RPos | F::Sub | F::Count | F::Replace | F::Explode | F::UrlDecode
            if ex.site.info().string_functions =>
        {
            let args = ex.all_args(call);
            // Extension tags are strip markers there, which the functions
            // remove (#urldecode leaves them for the page).
            let options = ex.parse_options();
            let first = &*string_functions::kill_markers(first, options, false);
            let args: Vec<_> = args
                .iter()
                .enumerate()
                .map(|(i, a)| string_functions::kill_markers(a, options, *id == F::Replace && i == 1))
                .collect();
            let a = |i: usize| args.get(i).map_or("", |a| &**a);
            let result = match id {
                F::Len => Ok(string_functions::len(first)),
                F::Pos => string_functions::pos(first, a(0), a(1)),
                F::RPos => string_functions::rpos(first, a(0)),
                F::Sub => string_functions::sub(first, a(0), a(1)),
                F::Count => string_functions::count(first, a(0)),
                F::Replace => string_functions::replace(first, a(0), a(1), a(2)),
                F::Explode => string_functions::explode(first, a(0), a(1), a(2)),
                _ => Ok(string_functions::urldecode_outside_tags(call.first, options)),
            };
            match result {
                Ok(v) => out.push_str(&v),
                Err(e) => error(out, &e),
            }
        }
        F::Lc => out.push_str(&core_functions::lc(first)),
        F::Uc => out.push_str(&core_functions::uc(first)),
        F::LcFirst => out.push_str(&core_functions::lcfirst_in(first, ex.site.language())),
        F::UcFirst => out.push_str(&core_functions::ucfirst_in(first, ex.site.language())),
        F::UrlEncode => {
            let kind = ex.arg(call, 0).unwrap_or_default();
            out.push_str(&core_functions::urlencode(first, &kind));
        }
        F::AnchorEncode => {
            // Strip markers (extension tags) go first, as in MediaWiki.
            let text = string_functions::kill_markers(first, ex.parse_options(), false);
            out.push_str(&core_functions::anchorencode(&text, ex.site.info().parsoid_standalone_functions));
        }
        F::FormatNum => {
            let flag = ex.arg(call, 0).unwrap_or_default();
            if ex.site.info().parsoid_standalone_functions {
                // The standalone runner's formatnum returns its argument
                // as written (`{{formatnum: 10056}}` is " 10056").
                out.push_str(call.first_as_written);
            } else {
                let format = number_format::for_language(ex.page_language());
                out.push_str(&core_functions::formatnum_in(first, &flag, format));
            }
        }
        F::PadLeft | F::PadRight => {
            let len = ex.arg(call, 0).unwrap_or_default();
            let pad = ex.arg_raw(call, 1);
            let pad = pad.as_deref().unwrap_or("0");
            // The padding's strip markers (extension tags) are removed; a
            // padding that was nothing else pads nothing.
            let killed = string_functions::kill_markers(pad, ex.parse_options(), false);
            if killed.is_empty() && !pad.is_empty() {
                out.push_str(first);
                return;
            }
            let pad = &*killed;
            out.push_str(&if *id == F::PadLeft {
                core_functions::padleft(first, &len, pad)
            } else {
                core_functions::padright(first, &len, pad)
            });
        }
        F::Plural => {
            let forms = ex.all_args(call);
            let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            out.push_str(&core_functions::plural(first, &forms, ex.page_language()));
        }
        F::Gender => {
            let forms = ex.all_args(call);
            let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            out.push_str(&core_functions::gender(first, &forms));
        }
        F::Grammar => {
            // English has no grammatical cases: the word as given.
            out.push_str(&ex.arg(call, 0).unwrap_or_default());
        }
        F::FormatDate => {
            let default = ex.arg(call, 0).unwrap_or_default();
            let names = date_names::for_language(ex.page_language());
            out.push_str(&format_date::format_date(first, &default, names));
        }
        F::Bcp47 => out.push_str(&core_functions::bcp47(first)),
        F::Dir => out.push_str(&core_functions::dir(first)),
        F::Bidi => {
            // Embed the text in its own direction (LTR on an LTR wiki).
            out.push('\u{202A}');
            out.push_str(first);
            out.push('\u{202C}');
        }
        F::TitleParts => {
            let number = ex.arg(call, 0).unwrap_or_default();
            let from = ex.arg(call, 1).unwrap_or_default();
            // Docs: the page name is HTML-decoded, then read as a title
            // (namespace name and first letter normalized as the wiki
            // does); one that is not a valid title comes back as written.
            let decoded = wikitext_parser::entities::decode_entities(first);
            match wikitext_site::title::Title::parse(&decoded, 0, ex.site) {
                Some(title) => out.push_str(&core_functions::titleparts(&title.prefixed_text(), &number, &from)),
                None => out.push_str(first),
            }
        }
        F::Rel2Abs => {
            let base = ex.arg(call, 0).filter(|b| !b.is_empty()).unwrap_or_else(|| ex.page_prefixed_text());
            match core_functions::rel2abs(first, &base) {
                Ok(v) => out.push_str(&v),
                Err(e) => error(out, &e),
            }
        }
        _ => {
            // A function the site names but nothing here implements: the
            // call as written, as MediaWiki shows a call it cannot run.
            out.push_str(call.tree.text(call.node));
        }
    }
}

impl Expander<'_> {
    /// Argument `i` expanded but not trimmed (`padleft`'s pad string keeps its spaces).
    pub(crate) fn arg_raw(&mut self, call: &Call<'_, '_>, i: usize) -> Option<String> {
        let &node = call.args.get(i)?;
        let tree = call.tree;
        let mut out = String::new();
        // The argument's children after its leading `|`.
        let mut child = tree.first_child(node);
        if child.is_some_and(|c| tree.kind(c) == SyntaxKind::MARKER && tree.text(c) == "|") {
            child = child.and_then(|c| tree.next_sibling(c));
        }
        while let Some(c) = child {
            self.walk_node(call.frame, tree, c, &mut out);
            child = tree.next_sibling(c);
        }
        Some(out)
    }

    pub(crate) fn clock(&self) -> time::Clock {
        let info = self.site.info();
        time::Clock {
            now_unix: self.site.now(),
            local_offset_minutes: info.local_offset_minutes,
            local_zone: info.local_timezone.clone(),
        }
    }

    pub(crate) fn page_prefixed_text(&self) -> String {
        self.page.as_ref().map(wikitext_site::title::Title::prefixed_text).unwrap_or_default()
    }

    /// The language the page is written in, which dates, numbers and plurals
    /// follow (MediaWiki's target language): the wiki's, except that a page of
    /// code (`MediaWiki:Common.css`, `User:X/common.js`, a `.json` page) is
    /// English, and an interface message's page for a language
    /// (`MediaWiki:Mainpage/de`) is in that language.
    pub(crate) fn page_language(&self) -> &str {
        let Some(page) = &self.page else { return self.site.language() };
        let key = page.db_key();
        let code_page = [".css", ".js", ".json"].iter().any(|ext| key.ends_with(ext));
        match page.namespace() {
            2 | 8 if code_page => "en",
            8 => key.rsplit_once('/').and_then(|(_, code)| known_language(code)).map_or(self.site.language(), |l| l.0),
            _ => self.site.language(),
        }
    }
}

#[cfg(test)]
mod tests {
    use wikitext_site::DefaultSite;

    fn expand(text: &str) -> String {
        crate::preprocessor::Expander::new(&DefaultSite::default(), "Help:Foo/bar/baz").expand_page(text)
    }

    #[test]
    fn titleparts_reads_a_title() {
        // Help:Extension:ParserFunctions, #titleparts: the page name is
        // HTML-decoded, then normalized as a title.
        assert_eq!(expand("{{#titleparts: talk:a/b/c }}"), "Talk:A/b/c");
        assert_eq!(expand("{{#titleparts: one/two/three/four|1|1 }}"), "One");
        assert_eq!(expand("{{#titleparts: one/two/three/four|1|2 }}"), "two");
        assert_eq!(expand("{{#titleparts: /one/two/three/four|1|2 }}"), "one");
        assert_eq!(expand("{{#titleparts: Talk:Foo/bah_boo|1|2}}"), "bah boo");
        assert_eq!(expand("{{#titleparts: Côte-d&#39;Or/x|1}}"), "Côte-d'Or");
        // Not a title: as written.
        assert_eq!(expand("{{#titleparts: {one/two} | 1 | 1 }}"), "{one/two}");
        assert_eq!(expand("{{#titleparts: red/#00FF00/blue | 1 | 3 }}"), "");
        assert_eq!(expand("{{#titleparts: Talk:Foo/bar/baz/quok | -1 | -2 }}"), "baz");
    }

    /// A wiki in `language`, its clock stopped at 2023-11-14 22:13:20 UTC (a Tuesday).
    struct WikiIn {
        protocols: Vec<String>,
        language: &'static str,
    }

    impl wikitext_site::Site for WikiIn {
        fn url_protocols(&self) -> &[String] {
            &self.protocols
        }
        fn language(&self) -> &str {
            self.language
        }
        fn now(&self) -> i64 {
            1_700_000_000
        }
    }

    fn expand_in(language: &'static str, text: &str) -> String {
        let site = WikiIn { protocols: wikitext_site::site::default_url_protocols(), language };
        crate::preprocessor::Expander::new(&site, "Foo").expand_page(text)
    }

    #[test]
    fn dates_in_the_wikis_language() {
        // The content language names months and weekdays, in #time and the
        // time variables alike.
        assert_eq!(expand_in("ja", "{{#time:Y年F|2024-03-01}}"), "2024年3月");
        assert_eq!(expand_in("ja", "{{CURRENTMONTHNAME}} {{CURRENTDAYNAME}}"), "11月 火曜日");
        assert_eq!(expand_in("de", "{{#time:l, j. F Y|2024-03-01}}"), "Freitag, 1. März 2024");
        assert_eq!(expand_in("ru", "{{CURRENTMONTHNAMEGEN}} {{CURRENTMONTHNAME}}"), "ноября ноябрь");
        assert_eq!(expand_in("en", "{{CURRENTMONTHNAME}} {{CURRENTMONTHABBREV}} {{CURRENTDAYNAME}}"), "November Nov Tuesday");
        // The third argument names another language (the docs' example);
        // one that is no language code is ignored.
        assert_eq!(expand_in("en", "{{#time: d F Y | 1988-02-28 | nl }}"), "28 februari 1988");
        assert_eq!(expand_in("de", "{{#time:F|2024-03-01|en}}"), "March");
        assert_eq!(expand_in("en", "{{#time:F|2024-03-01|deutsch}}"), "March");
        assert_eq!(expand_in("en", "{{#time:xg F|2024-01-05|ru}}"), "января январь");
        // RFC 2822 stays English.
        assert_eq!(expand_in("de", "{{#time:r|2024-03-01}}"), "Fri, 01 Mar 2024 00:00:00 +0000");
    }

    #[test]
    fn persian_writes_persian_digits() {
        // Numbers in the language's digits: #time's codes (but not after
        // `xn`, nor between `xN`s), the time variables, formatnum; a
        // timestamp and the ISO and RFC forms stay ASCII.
        assert_eq!(expand_in("fa", "{{#time:Y-m-d H:i|2008-03-04 05:06}}"), "۲۰۰۸-۰۳-۰۴ ۰۵:۰۶");
        assert_eq!(expand_in("fa", "{{#time:xnY-m|2008-03}}|{{#time:xNY-mxN-d|2008-03-04}}"), "2008-۰۳|2008-03-۰۴");
        assert_eq!(expand_in("en", "{{#time:j|2008-03-04|fa}}|{{#time:j|2008-03-04}}"), "۴|4");
        assert_eq!(expand_in("fa", "{{#time:c|2008-03-04}}"), "2008-03-04T00:00:00+00:00");
        assert_eq!(expand_in("fa", "{{#time:xiY|2008-03-04}}"), "۱۳۸۶");
        assert_eq!(expand_in("fa", "{{CURRENTYEAR}}|{{CURRENTWEEK}}|{{CURRENTTIMESTAMP}}"), "۲۰۲۳|۴۶|20231114221320");
        assert_eq!(expand_in("fa", "{{formatnum:1234567.5}}|{{formatnum:۱٬۲۳۴٫۵|R}}"), "۱٬۲۳۴٬۵۶۷٫۵|1234.5");
        assert_eq!(expand_in("fa", "{{NUMBEROFARTICLES}}|{{NUMBEROFARTICLES:R}}|{{PAGESINCATEGORY:X}}|{{PAGESINCATEGORY:X|R}}|{{PAGESINCATEGORY:R}}"), "۰|0|۰|0|۰");
        // Expressions read and write ASCII digits, as the extension does.
        assert_eq!(expand_in("fa", "{{#expr:2*3}}"), "6");
    }

    #[test]
    fn pages_of_code_and_messages_have_their_own_language() {
        let site = WikiIn { protocols: wikitext_site::site::default_url_protocols(), language: "nl" };
        let expand = |title: &str, text: &str| crate::preprocessor::Expander::new(&site, title).expand_page(text);
        let text = "{{#formatdate:2009-03-24|dmy}} {{#time:F|2009-03-24}} {{PAGELANGUAGE}} {{CONTENTLANGUAGE}}";
        let span = "<span class=\"mw-formatted-date\" title=\"2009-03-24\">";
        assert_eq!(expand("Foo", text), format!("{span}24 maart 2009</span> maart nl nl"));
        // A page of code is English; a message's page for a language is in it.
        assert_eq!(expand("MediaWiki:Common.css", text), format!("{span}24 March 2009</span> March en nl"));
        assert_eq!(expand("User:Ada/common.js", text), format!("{span}24 March 2009</span> March en nl"));
        assert_eq!(expand("MediaWiki:Mainpage/de", text), format!("{span}24 März 2009</span> März de nl"));
        // Not a language: the wiki's.
        assert_eq!(expand("MediaWiki:Mainpage/zzz", text), format!("{span}24 maart 2009</span> maart nl nl"));
    }

    #[test]
    fn plural_in_the_wikis_language() {
        // Help:Magic words (Localization): the forms follow the language's
        // plural rules (Russian: one, few, many, other).
        let years = "{{PLURAL:1|год|года|лет}} {{PLURAL:3|год|года|лет}} {{PLURAL:5|год|года|лет}} {{PLURAL:21|год|года|лет}}";
        assert_eq!(expand_in("ru", years), "год года лет год");
        assert_eq!(expand_in("en", "{{PLURAL:5|is|are}} {{PLURAL:1|is|are}}"), "are is");
        // Explicit forms first; missing forms repeat the last.
        assert_eq!(expand_in("ru", "{{PLURAL:5|0=нет|год|года}} {{PLURAL:0|0=нет|год}}"), "года нет");
    }

    #[test]
    fn tag_keeps_inner_tags_of_its_name_whole() {
        // Help:Cite's nested footnotes: the inner ref stays inside the outer
        // one (set aside while the output is tokenized, back in the
        // expandtemplates answer).
        assert_eq!(
            expand("{{#tag:ref|a<ref>b</ref>c|group=n}}"),
            "<ref group=\"n\">a<ref>b</ref>c</ref>"
        );
        assert_eq!(
            expand("{{#tag:ref|x{{#tag:ref|y<REF name=q>z</REF>}}<ref>w</ref>}}"),
            "<ref>x<ref>y<REF name=q>z</REF></ref><ref>w</ref></ref>"
        );
        // Other tags and content without the closing tag are as written.
        assert_eq!(expand("{{#tag:ref|a<b>c</b>}}"), "<ref>a<b>c</b></ref>");
        assert_eq!(expand("{{#tag:span|a<span>b</span>}}"), "<span>a<span>b</span></span>");
    }

    #[test]
    fn time_formats_share_a_page_budget() {
        let format = "Y".repeat(2500);
        let call = format!("{{{{#time:{format}|2000-01-01}}}}");
        let years = "2000".repeat(2500);
        assert_eq!(expand(&format!("{call}|{call}")), format!("{years}|{years}"));
        // The third call passes 6,000 characters.
        assert_eq!(
            expand(&format!("{call}{call}|{call}|{{{{#time:Y|2000-01-01}}}}")),
            format!("{years}{years}|<strong class=\"error\">Error: Too many #time calls.</strong>|<strong class=\"error\">Error: Too many #time calls.</strong>")
        );
    }

    #[test]
    fn switch_and_ifeq_decode_character_references() {
        // Help:Extension:ParserFunctions, #switch, raw equal signs.
        assert_eq!(
            expand("{{#switch: 1=2 | 1=2 = raw | 1<nowiki>=</nowiki>2 = nowiki | 1&#61;2 = html | 1{{=}}2 = template | default }}"),
            "html"
        );
        assert_eq!(expand("{{#ifeq: &amp; | & | y | n }}"), "y");
    }
}
