//! The wiki an export describes: a [`Site`] configured by a dump's
//! `<siteinfo>` (site name, server and paths from `<base>`, namespaces with
//! their local names and case rules, language from `xml:lang`), so a jawiki
//! dump renders with jawiki's namespaces.
//!
//! A siteinfo lists neither namespace aliases, nor the link trail, nor the
//! wiki's spellings of its magic words. Those come from
//! [`crate::site_languages`], a table generated from the shared
//! `parsertests-languages.json` (21 Wikimedia wikis, from their siteinfo): the
//! link trail by the wiki's language (MediaWiki's default `[a-z]` for a
//! language not in it), the aliases (`画像:` for `ファイル:` on jawiki) and
//! the magic words (`{{デフォルトソート:...}}`, `サムネイル`, `#転送`) by the
//! wiki's database name.
//!
//! Everything else the siteinfo does not say (interwiki map, extension tags)
//! is MediaWiki's default, as for [`DefaultSite`].

use percent_encoding::percent_decode_str;
use wikitext_site::magic_word_tables::MagicWordTables;
use wikitext_site::magic_words::{BehaviorSwitch, ParserFunction, Variable};
use wikitext_site::site::{MediaOption, Namespace, default_namespaces};
use wikitext_site::site_config::CharClass;
use wikitext_site::{DefaultSite, Site, SiteInfo};

use crate::export;
use crate::site_languages::{LINK_PREFIXES, LINK_TRAILS, MAGIC_WORDS, NAMESPACE_ALIASES};

/// MediaWiki's link trail for a language that does not set its own.
const DEFAULT_LINK_TRAIL: &str = "/^([a-z]+)/sD";

/// A [`Site`] built from an export's `<siteinfo>`: a layer over
/// [`DefaultSite`] that answers what the siteinfo says.
#[derive(Debug, Clone)]
pub struct ExportSite {
    base: DefaultSite,
    info: SiteInfo,
    db_name: String,
    language: String,
    main_page: String,
    namespaces: Vec<Namespace>,
    /// Local names (lower-case, `_` as space), the wiki's aliases and the
    /// canonical English names, to namespace ids.
    keys: Vec<(String, i32)>,
    /// The characters that join a wiki link when they follow it (`[[a]]bc`);
    /// `None` for a language without a link trail (zh).
    link_trail: Option<CharClass>,
    /// The characters right before a wiki link that join it (`ab[[c]]`),
    /// for the few languages that have such a prefix (is, ar ...).
    link_prefix: Option<CharClass>,
    /// The wiki's own spellings of magic words, where the table knows the
    /// wiki (those that differ from English; English ones still work).
    magic: Option<MagicWordTables>,
    /// Every behaviour switch spelling: the wiki's and English.
    behavior_switch_spellings: Vec<String>,
}

fn namespace_key(name: &str) -> String {
    name.trim().replace('_', " ").to_lowercase()
}

/// `https://en.wikipedia.org/wiki/Main_Page` → (`https://en.wikipedia.org`,
/// `/wiki/$1`, `Main Page`).
fn split_base(base: &str) -> Option<(String, String, String)> {
    let scheme_end = base.find("//")? + 2;
    let path_start = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let (server, path) = base.split_at(path_start);
    let slash = path.rfind('/')?;
    let page = percent_decode_str(&path[slash + 1..]).decode_utf8_lossy().replace('_', " ");
    Some((server.to_string(), format!("{}$1", &path[..=slash]), page))
}

impl ExportSite {
    /// The wiki of `info`; fields it lacks keep MediaWiki's defaults.
    #[must_use]
    pub fn new(info: &export::SiteInfo) -> Self {
        let (server, article_path, main_page) = info
            .base
            .as_deref()
            .and_then(split_base)
            .unwrap_or_else(|| ("http://localhost".into(), "/wiki/$1".into(), "Main Page".into()));
        let mut site_info = SiteInfo::new(info.site_name.clone().unwrap_or_else(|| "MediaWiki".into()), server);
        site_info.article_path = article_path;
        let namespaces: Vec<Namespace> = if info.namespaces.is_empty() {
            default_namespaces()
        } else {
            info.namespaces
                .iter()
                .map(|(id, name, case)| {
                    // A namespace without its own case rule follows the wiki's `<case>`.
                    let case = if case.is_empty() { info.case.as_deref().unwrap_or_default() } else { case };
                    Namespace { id: *id, name: name.clone(), case_sensitive: case == "case-sensitive" }
                })
                .collect()
        };
        let mut keys: Vec<(String, i32)> = namespaces.iter().map(|n| (namespace_key(&n.name), n.id)).collect();
        // Canonical English names work on every wiki (`[[Template:X]]` on jawiki).
        for canonical in default_namespaces() {
            if namespaces.iter().any(|n| n.id == canonical.id) {
                keys.push((namespace_key(&canonical.name), canonical.id));
            }
        }
        let db_name = info.db_name.clone().unwrap_or_default();
        if let Some((_, aliases)) = NAMESPACE_ALIASES.iter().find(|(wiki, _)| *wiki == db_name) {
            for &(alias, id) in *aliases {
                if namespaces.iter().any(|n| n.id == id) {
                    keys.push((alias.to_string(), id));
                }
            }
        }
        let language = info.language.clone().unwrap_or_else(|| "en".into());
        let link_trail = match LINK_TRAILS.iter().find(|(lang, _)| *lang == language) {
            Some((_, pattern)) => pattern.and_then(CharClass::from_pattern),
            None => CharClass::from_pattern(DEFAULT_LINK_TRAIL),
        };
        let link_prefix =
            LINK_PREFIXES.iter().find(|(lang, _)| *lang == language).and_then(|(_, pattern)| CharClass::from_pattern(pattern));
        // Magic words are the language's (MediaWiki's message files), so a
        // sister project (dewiktionary) takes its Wikipedia's (dewiki).
        let language_wiki = format!("{language}wiki");
        let tables = MAGIC_WORDS
            .iter()
            .find(|(wiki, _)| *wiki == db_name)
            .or_else(|| MAGIC_WORDS.iter().find(|(wiki, _)| *wiki == language_wiki));
        let magic = tables.and_then(|(_, json)| {
            let value: serde_json::Value = serde_json::from_str(json).ok()?;
            let tables = value.get("magicWordTables")?;
            Some(MagicWordTables::from_json(tables, value.get("redirectRegexp").and_then(serde_json::Value::as_str)))
        });
        let behavior_switch_spellings = match &magic {
            Some(magic) => {
                let mut spellings = magic.behavior_switch_spellings();
                spellings.extend(wikitext_parser::BEHAVIOR_SWITCHES.iter().map(|name| format!("__{}__", name.to_lowercase())));
                spellings.sort();
                spellings.dedup();
                spellings
            }
            // Empty: the parser's English switches.
            None => Vec::new(),
        };
        ExportSite {
            base: DefaultSite::default(),
            info: site_info,
            db_name,
            language,
            main_page,
            namespaces,
            keys,
            link_trail,
            link_prefix,
            magic,
            behavior_switch_spellings,
        }
    }

    /// The wiki's database name (`enwiki`), empty when the siteinfo has none.
    #[must_use]
    pub fn db_name(&self) -> &str {
        &self.db_name
    }

    /// The URL of a page: the server and article path with the title's DB key.
    #[must_use]
    pub fn page_url(&self, title: &str) -> String {
        let key: String = title.trim().replace(' ', "_");
        let encoded = percent_encoding::utf8_percent_encode(&key, URL_TITLE).to_string();
        format!("{}{}", self.info.server, self.info.article_path.replace("$1", &encoded))
    }
}

/// What MediaWiki's `wfUrlencode` escapes in a title of a URL: all but
/// letters, digits and `-_.!~*'();:@$,/`.
const URL_TITLE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b';')
    .remove(b':')
    .remove(b'@')
    .remove(b'$')
    .remove(b',')
    .remove(b'/');

/// Answers what the siteinfo says; everything else is the default wiki's.
impl wikitext_site::layer::SiteLayer for ExportSite {
    fn inner(&self) -> &dyn Site {
        &self.base
    }

    fn namespace_by_name(&self, name: &str) -> Option<Namespace> {
        let key = namespace_key(name);
        let key = match key.as_str() {
            "image" => "file",
            "image talk" => "file talk",
            other => other,
        };
        let &(_, id) = self.keys.iter().find(|(k, _)| k == key)?;
        Site::namespace_by_id(self, id)
    }

    fn namespace_by_id(&self, id: i32) -> Option<Namespace> {
        self.namespaces.iter().find(|n| n.id == id).cloned()
    }

    fn link_trail_len(&self, after: &str) -> usize {
        self.link_trail.as_ref().map_or(0, |trail| trail.trail_len(after))
    }

    fn link_prefix_len(&self, before: &str) -> usize {
        let Some(prefix) = &self.link_prefix else { return 0 };
        before.len() - before.trim_end_matches(|c| prefix.contains(c)).len()
    }

    fn main_page(&self) -> &str {
        &self.main_page
    }

    fn info(&self) -> &SiteInfo {
        &self.info
    }

    fn language(&self) -> &str {
        &self.language
    }

    // The wiki's own magic words first, then English (the default wiki's).

    fn redirect_spellings(&self) -> Vec<String> {
        match &self.magic {
            Some(magic) if !magic.redirect_spellings().is_empty() => magic.redirect_spellings().to_vec(),
            _ => self.base.redirect_spellings(),
        }
    }

    fn behavior_switch_spellings(&self) -> Vec<String> {
        self.behavior_switch_spellings.clone()
    }

    fn is_behavior_switch(&self, name: &str) -> bool {
        self.magic.as_ref().is_some_and(|m| m.is_behavior_switch(name)) || self.base.is_behavior_switch(name)
    }

    fn behavior_switch(&self, text: &str) -> Option<BehaviorSwitch> {
        self.magic.as_ref().and_then(|m| m.behavior_switch(text)).or_else(|| self.base.behavior_switch(text))
    }

    fn variable(&self, name: &str) -> Option<Variable> {
        self.magic.as_ref().and_then(|m| m.variable(name)).or_else(|| self.base.variable(name))
    }

    fn parser_function(&self, name: &str) -> Option<ParserFunction> {
        self.magic
            .as_ref()
            .and_then(|m| m.parser_function_id(name))
            .map(|id| ParserFunction::from_id(&id))
            .or_else(|| self.base.parser_function(name))
    }

    fn media_option(&self, text: &str) -> Option<MediaOption> {
        self.magic.as_ref().and_then(|m| m.media_option(text)).or_else(|| self.base.media_option(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jawiki() -> ExportSite {
        ExportSite::new(&export::SiteInfo {
            site_name: Some("Wikipedia".into()),
            db_name: Some("jawiki".into()),
            base: Some("https://ja.wikipedia.org/wiki/%E3%83%A1%E3%82%A4%E3%83%B3%E3%83%9A%E3%83%BC%E3%82%B8".into()),
            case: Some("first-letter".into()),
            language: Some("ja".into()),
            namespaces: vec![
                (0, String::new(), "first-letter".into()),
                (6, "ファイル".into(), "first-letter".into()),
                (10, "Template".into(), "first-letter".into()),
                (14, "カテゴリ".into(), "first-letter".into()),
            ],
        })
    }

    #[test]
    fn link_trails_by_language_and_the_wikis_case_rule() {
        let site = |language: &str, case: &str| {
            ExportSite::new(&export::SiteInfo {
                language: Some(language.into()),
                case: Some(case.into()),
                namespaces: vec![(0, String::new(), String::new())],
                ..export::SiteInfo::default()
            })
        };
        assert_eq!(site("zh", "first-letter").link_trail_len("abc"), 0, "zhwiki has no link trail");
        assert_eq!(site("de", "first-letter").link_trail_len("äbc d"), "äbc".len());
        assert_eq!(site("xx", "first-letter").link_trail_len("abc d"), 3, "MediaWiki's default for other languages");
        assert_eq!(site("is", "first-letter").link_prefix_len("Aðrir mótmælenda"), "mótmælenda".len());
        assert_eq!(site("en", "first-letter").link_prefix_len("Other abc"), 0, "English has no link prefix");
        assert!(site("en", "case-sensitive").namespace_by_id(0).unwrap().case_sensitive);
        assert!(!site("en", "first-letter").namespace_by_id(0).unwrap().case_sensitive);
    }

    #[test]
    fn local_and_canonical_namespace_names() {
        let site = jawiki();
        assert_eq!(site.namespace_by_name("カテゴリ").map(|n| n.id), Some(14));
        assert_eq!(site.namespace_by_name("category").map(|n| n.name), Some("カテゴリ".to_string()));
        assert_eq!(site.namespace_by_name("Talk"), None, "jawiki's siteinfo here has no talk namespace");
        assert_eq!(site.main_page(), "メインページ");
        assert_eq!(site.info().server, "https://ja.wikipedia.org");
        assert_eq!(site.page_url("東京 都"), "https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC_%E9%83%BD");
        // jawiki's siteinfo says `/^([a-z]+)/sD`, as English.
        assert_eq!(site.link_trail_len("abc def"), 3);
        assert_eq!(site.link_trail_len("です"), 0);
        // Aliases the siteinfo does not list.
        assert_eq!(site.namespace_by_name("画像").map(|n| n.name), Some("ファイル".to_string()));
        assert_eq!(site.namespace_by_name("テンプレート").map(|n| n.id), Some(10));
        // What the siteinfo does not say is the default wiki's.
        assert!(site.is_extension_tag("ref"));
        assert_eq!(site.url_protocols(), DefaultSite::default().url_protocols());
    }
    #[test]
    fn the_wikis_own_magic_words() {
        let site = jawiki();
        // jawiki's spellings, from the table, beside the English ones.
        assert_eq!(site.parser_function("デフォルトソート"), Some(ParserFunction::from_id("defaultsort")));
        assert_eq!(site.parser_function("#もし"), Some(ParserFunction::from_id("if")));
        assert_eq!(site.parser_function("#if"), Some(ParserFunction::from_id("if")));
        assert_eq!(site.variable("ページ名"), Some(Variable::from_id("pagename")));
        assert_eq!(site.variable("PAGENAME"), Some(Variable::from_id("pagename")));
        assert_eq!(site.media_option("サムネイル"), site.media_option("thumb"));
        assert!(site.media_option("サムネイル").is_some());
        assert!(site.redirect_spellings().contains(&"#転送".to_string()));
        assert!(site.redirect_spellings().contains(&"#redirect".to_string()));
        let spellings = site.behavior_switch_spellings();
        assert!(spellings.contains(&"__目次__".to_string()) && spellings.contains(&"__notoc__".to_string()));
        assert_eq!(site.behavior_switch("__目次__"), site.behavior_switch("__TOC__"));
        assert!(site.behavior_switch("__TOC__").is_some());
        // A sister project takes its language's; a wiki of a language the
        // table does not know has English magic words only.
        let wiktionary = ExportSite::new(&export::SiteInfo {
            db_name: Some("jawiktionary".into()),
            language: Some("ja".into()),
            ..export::SiteInfo::default()
        });
        assert_eq!(wiktionary.parser_function("デフォルトソート"), Some(ParserFunction::from_id("defaultsort")));
        let other = ExportSite::new(&export::SiteInfo {
            db_name: Some("xxwiki".into()),
            language: Some("xx".into()),
            ..export::SiteInfo::default()
        });
        assert_eq!(other.parser_function("デフォルトソート"), None);
        assert!(other.behavior_switch_spellings().is_empty());
        assert_eq!(other.parser_function("#if"), Some(ParserFunction::from_id("if")));
    }

    #[test]
    fn a_jawiki_page_renders_with_its_magic_words() {
        let site = jawiki();
        let html = crate::to_html(
            "[[ファイル:A.jpg|サムネイル|説明]]\n{{デフォルトソート:とうきよう}}",
            &site,
            &crate::RenderOptions::fragment(),
        );
        assert!(html.contains("mw:File/Thumb"), "{html}");
        assert!(html.contains(r#"property="mw:PageProp/categorydefaultsort" content="とうきよう""#), "{html}");
        assert!(!html.contains("Template:"), "{html}");
    }
}
