//! Magic variables: `{{CURRENTYEAR}}`, `{{SITENAME}}`, `{{PAGENAME}}` ...

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use wikitext_site::title::Title;

use crate::frame::Frame;
use crate::functions::time;
use crate::preprocessor::{escape_wikitext, Expander};

/// Print variable `id`.
pub(crate) fn variable(ex: &mut Expander<'_>, id: &str, out: &mut String) {
    let (base, local) = match id.strip_prefix("local") {
        Some(rest) => (rest, true),
        None => (id.strip_prefix("current").unwrap_or(id), false),
    };
    if id.starts_with("current") || id.starts_with("local") {
        // Only the time words read the clock.
        let clock = ex.clock();
        let date = |format: &str, local: bool| time::time(format, "", local, &clock).unwrap_or_default();
        let format = match base {
            "year" => "Y",
            "month" => "m",
            "month1" => "n",
            "monthname" | "monthnamegen" => "F",
            "monthabbrev" => "M",
            "day" => "j",
            "day2" => "d",
            "dow" => "w",
            "dayname" => "l",
            "time" => "H:i",
            "hour" => "H",
            "week" => "W",
            "timestamp" => "YmdHis",
            "version" => {
                out.push_str("1.45.0");
                return;
            }
            _ => "",
        };
        let mut v = date(format, local);
        if base == "week" {
            v = v.trim_start_matches('0').to_string();
        }
        out.push_str(&v);
        return;
    }
    let info = ex.site.info();
    match id {
        "sitename" => out.push_str(&info.site_name),
        "server" => out.push_str(&info.server),
        "servername" => {
            let s = info.server.split("//").nth(1).unwrap_or(&info.server);
            out.push_str(s.split(['/', ':']).next().unwrap_or(s));
        }
        "scriptpath" => out.push_str(&info.script_path),
        "stylepath" => {
            out.push_str(info.script_path.trim_end_matches('/'));
            out.push_str("/skins");
        }
        "contentlanguage" | "pagelanguage" => out.push_str(ex.site.language()),
        "directionmark" => out.push('\u{200E}'),
        "!" => out.push('|'),
        "=" => out.push('='),
        "numberofpages" | "numberofarticles" | "numberoffiles" | "numberofusers" | "numberofactiveusers"
        | "numberofedits" | "numberofadmins" => out.push('0'),
        "revisionid" | "revisionday" | "revisionday2" | "revisionmonth" | "revisionmonth1" | "revisionyear"
        | "revisiontimestamp" | "revisionuser" | "revisionsize" | "pageid" => {}
        _ => {
            if let Some(page) = ex.page.clone() {
                title_variable(ex, id, &page, out);
            }
        }
    }
}

/// The page-name family for `title`.
pub(crate) fn title_variable(ex: &Expander<'_>, id: &str, title: &Title, out: &mut String) {
    let site = ex.site;
    // The `E` forms (`PAGENAMEE`) are URL-encoded: every such id ends in `ee`.
    let (base, encoded) = match id.strip_suffix("ee") {
        Some(b) => (format!("{b}e"), true),
        None => (id.to_string(), false),
    };
    let text = title.text();
    let subpages = site.has_subpages(title.namespace());
    let talk_ns = if title.namespace() >= 0 { title.namespace() | 1 } else { title.namespace() };
    let subject_ns = if title.namespace() >= 0 { title.namespace() & !1 } else { title.namespace() };
    let ns_name = |id: i32| site.namespace_by_id(id).map(|n| n.name).unwrap_or_default();
    let with_ns = |id: i32, text: &str| {
        let name = ns_name(id);
        if name.is_empty() { text.to_string() } else { format!("{name}:{text}") }
    };
    let value = match base.as_str() {
        "pagename" => text.clone(),
        "fullpagename" => title.prefixed_text(),
        "basepagename" => {
            if subpages { text.rsplit_once('/').map_or(text.clone(), |(b, _)| b.to_string()) } else { text.clone() }
        }
        "rootpagename" => {
            if subpages { text.split('/').next().unwrap_or("").to_string() } else { text.clone() }
        }
        "subpagename" => {
            if subpages { text.rsplit('/').next().unwrap_or("").to_string() } else { text.clone() }
        }
        "talkpagename" => with_ns(talk_ns, &text),
        "subjectpagename" => with_ns(subject_ns, &text),
        "namespace" => ns_name(title.namespace()),
        "namespacenumber" => title.namespace().to_string(),
        "talkspace" => ns_name(talk_ns),
        "subjectspace" => ns_name(subject_ns),
        _ => return,
    };
    if encoded {
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
