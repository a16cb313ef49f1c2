//! Parser functions that ask the wiki: namespaces, URLs, page facts,
//! `#tag`, `#invoke`, page properties, and the page-name family with an
//! argument.

use wikitext_parser::SyntaxKind;
use wikitext_site::title::Title;

use wikitext_site::magic_words::ParserFunction as F;
use wikitext_site::magic_words::ParserFunction;

use super::{error, html_escape, Call};
use crate::magic_variables;
use crate::preprocessor::Expander;

/// Run `id` if it is one of these; false if it is not.
pub(super) fn call(ex: &mut Expander<'_>, id: &ParserFunction, call: &Call<'_, '_>, out: &mut String) -> bool {
    let first = call.first;
    if let Some(word) = id.title_word() {
        // `{{PAGENAME:Foo/Bar}}`: the page-name family of the argument.
        if let Some(t) = Title::parse(first, 0, ex.site) {
            magic_variables::title_variable(ex, word, &t, out);
        }
        return true;
    }
    match id {
        F::Ns | F::NsE => {
            let ns = match first.parse::<i32>() {
                Ok(n) => ex.site.namespace_by_id(n),
                Err(_) => ex.site.namespace_by_name(first),
            };
            if let Some(ns) = ns {
                if *id == F::NsE {
                    out.push_str(&magic_variables::url_encode_title(&ns.name));
                } else {
                    out.push_str(&ns.name);
                }
            }
        }
        F::LocalUrl | F::LocalUrlE | F::FullUrl | F::FullUrlE | F::CanonicalUrl | F::CanonicalUrlE => {
            let Some(title) = Title::parse(first, 0, ex.site).filter(|t| !t.db_key().is_empty() || t.interwiki().is_some()) else {
                return true;
            };
            let query = ex.arg(call, 0).unwrap_or_default();
            let info = ex.site.info();
            let path = magic_variables::url_encode_title(&title.prefixed_db_key());
            let mut url = if query.is_empty() {
                info.article_path.replace("$1", &path)
            } else {
                format!("{}/index.php?title={}&{}", info.script_path.trim_end_matches('/'), path, query)
            };
            let canonical = matches!(id, F::CanonicalUrl | F::CanonicalUrlE);
            if canonical || matches!(id, F::FullUrl | F::FullUrlE) {
                let server = &info.server;
                let server = if canonical && server.starts_with("//") {
                    format!("https:{server}")
                } else {
                    server.clone()
                };
                url = format!("{server}{url}");
            }
            if matches!(id, F::LocalUrlE | F::FullUrlE | F::CanonicalUrlE) {
                url = html_escape(&url);
            }
            out.push_str(&url);
        }
        F::FilePath => {
            if let Some(info) = ex.site.media_info(first.trim_start_matches(|c| c != ':').trim_start_matches(':')).or_else(|| ex.site.media_info(first)) {
                out.push_str(&info.url);
            }
        }
        F::Tag => tag(ex, call, out),
        F::Invoke => invoke(ex, call, out),
        F::Language => {
            let code = if first.is_empty() { ex.site.language().to_string() } else { first.to_ascii_lowercase() };
            let in_language = ex.arg(call, 0).unwrap_or_default().to_ascii_lowercase();
            out.push_str(language_name(&code, &in_language).unwrap_or(&code));
        }
        F::Special | F::SpecialE => {
            let name = format!("Special:{first}");
            if let Some(t) = Title::parse(&name, -1, ex.site) {
                out.push_str(&if *id == F::SpecialE { magic_variables::url_encode_title(&t.prefixed_db_key()) } else { t.prefixed_text() });
            }
        }
        F::Int => interface_message(ex, call, out),
        F::DisplayTitle | F::DefaultSort => {
            // Page properties print nothing; the renderer shows them as Parsoid's `<meta>`.
            let name = if *id == F::DefaultSort { "categorydefaultsort" } else { "displaytitle" };
            ex.page_property = Some((name.to_string(), first.to_string()));
        }
        F::PagesInCategory | F::Statistic(_) => {
            if *id == F::PagesInCategory {
                ex.expensive += 1;
            }
            // Nothing counted offline: a zero, in the language's digits unless raw (`R`).
            // (`{{NUMBEROFPAGES:R}}`; `{{PAGESINCATEGORY:name|R}}`, whose first argument is the category.)
            let raw = (0..call.len()).any(|i| ex.arg(call, i).is_some_and(|a| a.eq_ignore_ascii_case("R")))
                || (*id != F::PagesInCategory && first.eq_ignore_ascii_case("R"));
            out.push(if raw { '0' } else { super::number_format::for_language(ex.page_language()).digit('0') });
        }
        F::PageSize => {
            let size = Title::parse(first, 0, ex.site)
                .and_then(|t| ex.site.page_source(&t.prefixed_text()))
                .map_or(0, |s| s.len());
            let raw = ex.arg(call, 0).is_some_and(|r| r.eq_ignore_ascii_case("R"));
            let n = size.to_string();
            let format = super::number_format::for_language(ex.page_language());
            out.push_str(&if raw { n } else { super::core_functions::formatnum_in(&n, "", format) });
        }
        F::ProtectionLevel | F::ProtectionExpiry | F::CascadingSources | F::PageId => {}
        _ => return false,
    }
    true
}

/// `{{#tag:name|content|attr=value...}}`: the extension tag (or HTML tag) as markup.
fn tag(ex: &mut Expander<'_>, call: &Call<'_, '_>, out: &mut String) {
    let name = call.first.to_ascii_lowercase();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        error(out, &format!("Unknown extension tag \"{}\"", call.first));
        return;
    }
    let content = ex.arg_raw(call, 0).map(|c| set_aside_inner_tags(ex, &name, c));
    let mut attrs = String::new();
    for i in 1..call.len() {
        let Some((key, value)) = ex.arg_parts(call, i) else { break };
        let Some(key) = key else { continue };
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        attrs.push(' ');
        attrs.push_str(&key);
        attrs.push_str("=\"");
        attrs.push_str(&value.replace('"', "&quot;"));
        attrs.push('"');
    }
    out.push('<');
    out.push_str(&name);
    out.push_str(&attrs);
    match content {
        Some(c) => {
            out.push('>');
            out.push_str(&c);
            out.push_str("</");
            out.push_str(&name);
            out.push('>');
        }
        None => out.push_str("/>"),
    }
}

/// `content` with the extension tags named `name` in it set aside behind
/// markers (see [`crate::strip_markers`]): `{{#tag:ref|a<ref>b</ref>c}}`
/// would otherwise end at the inner `</ref>` when its output is tokenized.
/// Other content, and a name that is no extension tag, stay as they are.
fn set_aside_inner_tags(ex: &Expander<'_>, name: &str, content: String) -> String {
    if !ex.site.is_extension_tag(name) || !has_closing_tag(&content, name) {
        return content;
    }
    let tree = wikitext_parser::parse_fragment_with(&content, ex.parse_options());
    let mut out = String::with_capacity(content.len());
    let mut copied = 0;
    for id in tree.descendants(tree.root()) {
        let named = wikitext_parser::ast::Tag::cast(&tree, id).is_some_and(|t| t.name(&tree).eq_ignore_ascii_case(name));
        if tree.kind(id) != SyntaxKind::EXTENSION_TAG || !named {
            continue;
        }
        let range = tree.range(id);
        if range.start < copied {
            continue;
        }
        out.push_str(&content[copied..range.start]);
        out.push_str(&ex.set_aside(&content[range.clone()]));
        copied = range.end;
    }
    out.push_str(&content[copied..]);
    out
}

/// Whether `content` holds `</name`, the name in any case (without a
/// lower-cased copy of the content).
fn has_closing_tag(content: &str, name: &str) -> bool {
    content.match_indices("</").any(|(at, _)| {
        content.as_bytes().get(at + 2..at + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    })
}

/// `{{#invoke:Module|function|args...}}` through the site's module runtime.
fn invoke(ex: &mut Expander<'_>, call: &Call<'_, '_>, out: &mut String) {
    if ex.site.info().parsoid_standalone_functions && ex.site.module_runtime().is_none() {
        // The standalone runner knows `#invoke` as a magic word but has no
        // implementation of it (parsertests-site.json, `notImplementedExamples`).
        out.push_str("Parser function implementation for pf_invoke missing in Parsoid.");
        return;
    }
    let module = call.first;
    let script_error = |out: &mut String, message: &str| {
        out.push_str("<strong class=\"error\"><span class=\"scribunto-error\">Script error: ");
        out.push_str(&html_escape(message));
        out.push_str("</span></strong>");
    };
    if module.is_empty() {
        script_error(out, "you must specify a module to call.");
        return;
    }
    let Some(function) = ex.arg(call, 0).filter(|f| !f.is_empty()) else {
        script_error(out, "you must specify a function to call.");
        return;
    };
    let Some(title) = Title::parse(module, 828, ex.site) else {
        script_error(out, &format!("No such module \"{module}\"."));
        return;
    };
    let Some(runtime) = ex.site.module_runtime() else {
        script_error(out, &wikitext_site::site::no_such_module(&title.prefixed_text()));
        return;
    };
    let mut args = Vec::new();
    let mut position = 0;
    for i in 1..call.len() {
        let Some((key, value)) = ex.arg_parts(call, i) else { break };
        match key {
            Some(k) => args.push((k, value)),
            None => {
                position += 1;
                // Positional values keep their spaces.
                let raw = ex.arg_raw(call, i).unwrap_or_default();
                args.push((position.to_string(), raw));
            }
        }
    }
    let parent_args = ex.frame_arguments(call.frame);
    match runtime.invoke(&title.prefixed_text(), &function, &args, &parent_args) {
        Ok(text) => {
            // A module's output is as long as it likes: it counts as a template's does.
            let start = out.len();
            out.push_str(&text);
            ex.charge_output(start, out);
        }
        Err(message) => script_error(out, &message),
    }
}

/// A language's name for `#language`: its own name (autonym), or its
/// English name when asked for in English (`en`, `en-simple` ...). Names in
/// other languages are not known (MediaWiki takes them from CLDR): the
/// autonym stands in. `None` for a code not known (it prints itself).
fn language_name(code: &str, in_language: &str) -> Option<&'static str> {
    let &(_, autonym, english) = super::known_language(code)?;
    let in_english = in_language == "en" || in_language.starts_with("en-");
    Some(if in_english { english } else { autonym })
}

/// `{{int:key|$1|$2...}}`: an interface message in the wiki's language. A
/// message the wiki defines on its `MediaWiki:Key` page is that page's text
/// with `$1`, `$2`... replaced by the arguments, expanded as wikitext; `lang`
/// is the language code (readers' language is the wiki's here). MediaWiki's
/// own message texts are not part of this library: any other message shows
/// as its key in angle quotes (`⧼key⧽`), as MediaWiki shows a message it lacks.
/// `{{int:}}` without a key is no call: it stays as written.
fn interface_message(ex: &mut Expander<'_>, call: &Call<'_, '_>, out: &mut String) {
    let key = call.first;
    if key.is_empty() {
        out.push_str(call.tree.text(call.node));
        return;
    }
    // The message's page: spaces as in titles, the first letter as the
    // namespace cases it (MediaWiki lower-cases it for the key and the
    // title upper-cases it back).
    // (A key with `#` names no page: the title would drop the fragment.)
    let page = Title::parse(&format!("MediaWiki:{key}"), 0, ex.site)
        .filter(|t| t.namespace() == 8 && t.interwiki().is_none() && !key.contains('#'))
        .map(|t| t.prefixed_text());
    if let Some((page, text)) = page.and_then(|p| ex.site.page_source(&p).map(|text| (p, text))) {
        let params = ex.all_args(call);
        let text = replace_message_params(&text, &params);
        ex.expand_message(call.frame, &page, &text, out);
        return;
    }
    if key.eq_ignore_ascii_case("lang") {
        out.push_str(ex.site.language());
        return;
    }
    out.push('⧼');
    out.push_str(&html_escape(key));
    out.push('⧽');
}

/// A message's text with `$1`, `$2`... replaced by its parameters (one
/// pass: a parameter's own `$2` stays as it is); a number with no parameter
/// stays as written.
fn replace_message_params(text: &str, params: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let param = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| params.get(i));
        match param {
            Some(value) => {
                out.push_str(value);
                rest = &after[digits..];
            }
            None => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn language_names_are_sorted_by_code_for_binary_search() {
        let names = super::super::language_names::LANGUAGE_NAMES;
        assert!(names.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(names.len() > 150);
    }

    fn expand_with(pages: &[(&str, &str)], text: &str) -> String {
        let sources: crate::pages::PageSources = pages.iter().map(|(t, s)| (*t, *s)).collect();
        let site = sources.over(wikitext_site::DefaultSite::default());
        crate::preprocessor::Expander::new(&site, "Main Page").expand_page(text)
    }

    #[test]
    fn int_reads_the_wikis_own_messages() {
        let pages = [
            ("MediaWiki:New-messages", "You have $1 ($2)."),
            ("MediaWiki:Heading", "== {{int:ok-word}} =="),
            ("MediaWiki:Ok-word", "OK<noinclude> (page text)</noinclude><includeonly>hidden</includeonly>"),
            ("MediaWiki:Dollars", "$1 $2 $3 $0 $ $$1"),
            ("MediaWiki:Loop1", "{{Identical}}"),
            ("Template:Identical", "{{int:loop1}}"),
        ];
        let expand = |text: &str| expand_with(&pages, text);
        assert_eq!(expand("{{int:new-messages|lots of money|not!}}"), "You have lots of money (not!).");
        assert_eq!(expand("{{int:New-messages|x|y}}"), "You have x (y).");
        // Expanded as page text, nested messages included.
        assert_eq!(expand("{{int:heading}}"), "== OK (page text) ==");
        // Parameters missing or not numbers stay as written; a value's own `$2` is not read again.
        assert_eq!(expand("{{int:dollars|a $2|b}}"), "a $2 b $3 $0 $ $a $2");
        // A loop through a message stops as a template loop does.
        assert!(expand("{{Identical}}").contains("Template loop detected"), "{}", expand("{{Identical}}"));
        // Messages the wiki does not define: the key in angle quotes; `lang` the wiki's language.
        assert_eq!(expand("{{int:var}}"), "⧼var⧽");
        assert_eq!(expand("{{int:new-messages#x|a|b}}"), "⧼new-messages#x⧽");
        assert_eq!(expand("{{int:<b>}}"), "⧼&lt;b&gt;⧽");
        assert_eq!(expand("{{int:lang}}"), "en");
        assert_eq!(expand("{{int:}}"), "{{int:}}");
    }

    #[test]
    fn many_calls_of_a_long_message_stop_at_the_work_budget() {
        // 100 KB that expands to nothing, called 2,000 times (200 MB to parse).
        let long = format!("<!--{}-->", "x".repeat(100_000));
        let pages = [("MediaWiki:Long", long.as_str()), ("Template:Call", "{{int:long}}{{int:long}}{{int:long}}{{int:long}}")];
        let page = "{{Call}}".repeat(500);
        let out = expand_with(&pages, &page);
        assert!(out.contains("limit"), "{}", &out[..out.len().min(300)]);
    }
}
