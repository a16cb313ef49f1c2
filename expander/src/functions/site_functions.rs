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
        F::Int => {
            // Interface messages live in the wiki's language files; without
            // them MediaWiki shows the key in angle quotes.
            out.push('⧼');
            out.push_str(&html_escape(first));
            out.push('⧽');
        }
        F::DisplayTitle | F::DefaultSort => {
            // Page properties print nothing; the renderer shows them as Parsoid's `<meta>`.
            let name = if *id == F::DefaultSort { "categorydefaultsort" } else { "displaytitle" };
            ex.page_property = Some((name.to_string(), first.to_string()));
        }
        F::PagesInCategory | F::Statistic(_) => {
            if *id == F::PagesInCategory {
                ex.expensive += 1;
            }
            out.push('0');
        }
        F::PageSize => {
            let size = Title::parse(first, 0, ex.site)
                .and_then(|t| ex.site.page_source(&t.prefixed_text()))
                .map_or(0, |s| s.len());
            let raw = ex.arg(call, 0).is_some_and(|r| r.eq_ignore_ascii_case("R"));
            let n = size.to_string();
            let format = super::number_format::for_language(ex.site.language());
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
        script_error(out, &format!("No such module \"{}\".", title.text()));
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
        Ok(text) => out.push_str(&text),
        Err(message) => script_error(out, &message),
    }
}

/// A language's name for `#language`: its own name (autonym), or its
/// English name when asked for in English (`en`, `en-simple` ...). Names in
/// other languages are not known (MediaWiki takes them from CLDR): the
/// autonym stands in. `None` for a code not known (it prints itself).
fn language_name(code: &str, in_language: &str) -> Option<&'static str> {
    let i = super::language_names::LANGUAGE_NAMES.binary_search_by(|(c, ..)| (*c).cmp(code)).ok()?;
    let (_, autonym, english) = super::language_names::LANGUAGE_NAMES[i];
    let in_english = in_language == "en" || in_language.starts_with("en-");
    Some(if in_english { english } else { autonym })
}

#[cfg(test)]
mod tests {
    #[test]
    fn language_names_are_sorted_by_code_for_binary_search() {
        let names = super::super::language_names::LANGUAGE_NAMES;
        assert!(names.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(names.len() > 150);
    }
}
