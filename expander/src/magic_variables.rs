//! Magic variables: `{{CURRENTYEAR}}`, `{{SITENAME}}`, `{{PAGENAME}}` ...

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use wikitext_site::magic_words::{TitlePart, TitleWord, Variable};
use wikitext_site::title::Title;

use crate::frame::Frame;
use crate::functions::{date_names, time};
use crate::preprocessor::{escape_wikitext, Expander};

/// Print variable `var`.
pub(crate) fn variable(ex: &mut Expander<'_>, var: &Variable, out: &mut String) {
    if let Some(word) = var.time_word() {
        // Only the time words read the clock.
        // Month and weekday names in the wiki's language.
        let names = date_names::for_language(ex.page_language());
        if matches!(var, Variable::CurrentWeek | Variable::LocalWeek) {
            // The week as a number: no leading zero, in the language's digits.
            let week = time::time("xNW", "", word.local, &ex.clock(), names).unwrap_or_default();
            out.push_str(&names.localize_digits(week.trim_start_matches('0')));
            return;
        }
        out.push_str(&time::time(word.format, "", word.local, &ex.clock(), names).unwrap_or_default());
        return;
    }
    if let Some(word) = var.title_word() {
        if let Some(page) = ex.page.clone() {
            title_variable(ex, word, &page, out);
        }
        return;
    }
    if var.is_statistic() {
        // An offline wiki counts nothing (a zero in the language's digits).
        out.push(crate::functions::number_format::for_language(ex.page_language()).digit('0'));
        return;
    }
    let info = ex.site.info();
    match var {
        Variable::CurrentVersion => out.push_str("1.45.0"),
        Variable::SiteName => out.push_str(&info.site_name),
        Variable::Server => out.push_str(&info.server),
        Variable::ServerName => {
            let s = info.server.split("//").nth(1).unwrap_or(&info.server);
            out.push_str(s.split(['/', ':']).next().unwrap_or(s));
        }
        Variable::ScriptPath => out.push_str(&info.script_path),
        Variable::StylePath => {
            out.push_str(info.script_path.trim_end_matches('/'));
            out.push_str("/skins");
        }
        Variable::ContentLanguage => out.push_str(ex.site.language()),
        Variable::PageLanguage => out.push_str(ex.page_language()),
        Variable::DirectionMark => out.push('\u{200E}'),
        Variable::Pipe => out.push('|'),
        Variable::Equals => out.push('='),
        // The revision words and page id describe a saved revision; a page
        // rendered offline has none, and MediaWiki prints nothing then.
        _ => {}
    }
}

/// The page-name family for `title`.
pub(crate) fn title_variable(ex: &Expander<'_>, word: TitleWord, title: &Title, out: &mut String) {
    let site = ex.site;
    let text = title.text();
    let subpages = site.has_subpages(title.namespace());
    let talk_ns = if title.namespace() >= 0 { title.namespace() | 1 } else { title.namespace() };
    let subject_ns = if title.namespace() >= 0 { title.namespace() & !1 } else { title.namespace() };
    let ns_name = |id: i32| site.namespace_by_id(id).map(|n| n.name).unwrap_or_default();
    let with_ns = |id: i32, text: &str| {
        let name = ns_name(id);
        if name.is_empty() { text.to_string() } else { format!("{name}:{text}") }
    };
    let value = match word.part {
        TitlePart::PageName => text.clone(),
        TitlePart::FullPageName => title.prefixed_text(),
        TitlePart::BasePageName => {
            if subpages { text.rsplit_once('/').map_or(text.clone(), |(b, _)| b.to_string()) } else { text.clone() }
        }
        TitlePart::RootPageName => {
            if subpages { text.split('/').next().unwrap_or("").to_string() } else { text.clone() }
        }
        TitlePart::SubPageName => {
            if subpages { text.rsplit('/').next().unwrap_or("").to_string() } else { text.clone() }
        }
        TitlePart::TalkPageName => with_ns(talk_ns, &text),
        TitlePart::SubjectPageName => with_ns(subject_ns, &text),
        TitlePart::Namespace => ns_name(title.namespace()),
        TitlePart::NamespaceNumber => title.namespace().to_string(),
        TitlePart::TalkSpace => ns_name(talk_ns),
        TitlePart::SubjectSpace => ns_name(subject_ns),
    };
    if word.url_encoded {
        out.push_str(&url_encode_title(&value.replace(' ', "_")));
    } else {
        out.push_str(&escape_wikitext(&value));
    }
}

/// Characters MediaWiki leaves unescaped in title URLs (`wfUrlencode`).
const TITLE_URL: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b';')
    .remove(b'@')
    .remove(b'$')
    .remove(b'!')
    .remove(b'*')
    .remove(b'(')
    .remove(b')')
    .remove(b',')
    .remove(b'/')
    .remove(b':');

/// A title as MediaWiki writes it in URLs (spaces as `_`).
pub(crate) fn url_encode_title(s: &str) -> String {
    utf8_percent_encode(&s.replace(' ', "_"), TITLE_URL).to_string()
}

impl Expander<'_> {
    /// A frame's arguments, expanded, in first-seen order (for module calls).
    pub(crate) fn frame_arguments(&mut self, frame: &Frame<'_>) -> Vec<(String, String)> {
        let keys = frame.keys.clone();
        keys.into_iter().filter_map(|k| self.argument(frame, &k).map(|v| (k, v.to_string()))).collect()
    }
}
