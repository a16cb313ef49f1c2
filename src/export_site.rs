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
//! A siteinfo lists no interwikis either: a language edition of one of
//! Wikimedia's multilingual projects (known by its server) links through
//! Wikimedia's map ([`crate::wikimedia_interwiki`]), any other wiki through
//! none. Special pages exist by their English names under the wiki's own
//! special namespace. Everything else the siteinfo does not say (extension
//! tags ...) is MediaWiki's default, as for [`DefaultSite`].
//!
//! The same table holds those 21 wikis' namespace names, language and main
//! page, so [`ExportSite::for_wiki`] gives any of them without a dump (an
//! editor's preview, a page read from the API), and [`PageWiki`] is the
//! default wiki or one of them by name, as the command line's and the
//! bindings' `wiki` options take it.

use std::sync::{Arc, OnceLock};

use percent_encoding::percent_decode_str;
use wikitext_site::magic_word_tables::MagicWordTables;
use wikitext_site::magic_words::{BehaviorSwitch, ParserFunction, Variable};
use wikitext_site::site::{default_namespaces, is_known_special_page, Interwiki, MediaOption, Namespace, PageState};
use wikitext_site::site_config::CharClass;
use wikitext_site::{DefaultSite, Site};
// The site's settings, as `Site::info` answers them (not the siteinfo below).
use wikitext_site::SiteInfo as SiteSettings;

use crate::site_languages::{LINK_PREFIXES, LINK_TRAILS, MAGIC_WORDS, NAMESPACE_ALIASES, WIKIS};
use crate::wikimedia_interwiki::WikimediaWiki;

/// MediaWiki's link trail for a language that does not set its own.
const DEFAULT_LINK_TRAIL: &str = "/^([a-z]+)/sD";

/// The `<siteinfo>` header of an export: what [`ExportSite::new`] is
/// configured by (read by `wikitext::export`, or made for a known wiki by
/// [`ExportSite::for_wiki`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteInfo {
    pub site_name: Option<String>,
    pub db_name: Option<String>,
    pub base: Option<String>,
    pub case: Option<String>,
    /// The wiki's language: the root element's `xml:lang` (`"ja"`).
    pub language: Option<String>,
    /// `(key, name, case)` for each `<namespace>`; name is "" for the main namespace.
    pub namespaces: Vec<(i32, String, String /*case*/)>,
}

/// A [`Site`] built from an export's `<siteinfo>`: a layer over
/// [`DefaultSite`] that answers what the siteinfo says.
#[derive(Debug, Clone)]
pub struct ExportSite {
    base: DefaultSite,
    /// What the siteinfo says, shared: a described wiki is built once per
    /// process ([`ExportSite::for_wiki`]), and clones share it.
    wiki: Arc<Wiki>,
}

/// The wiki an [`ExportSite`] answers for.
#[derive(Debug)]
struct Wiki {
    info: SiteSettings,
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
    /// Wikimedia's interwiki map, for a wiki of one of its multilingual
    /// projects (by its server); other wikis' maps are not known.
    interwikis: Option<WikimediaWiki>,
    /// The special namespace's name and a colon (`特別:`), which the titles
    /// [`Site::page_state`] is asked about start with.
    special_prefix: String,
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

/// The wiki a page renders for, as the bindings and the command line take
/// it: MediaWiki's default English wiki, or one [`ExportSite::for_wiki`]
/// describes, named by its database name.
#[derive(Debug, Clone)]
pub enum PageWiki {
    /// [`DefaultSite`]: an English wiki with MediaWiki's defaults.
    Default(DefaultSite),
    /// A described wiki.
    Described(Box<ExportSite>),
}

impl PageWiki {
    /// The wiki `db_name` names (`None`: the default one), over `base`
    /// (which answers what the wiki's description does not, such as the
    /// clock).
    ///
    /// # Errors
    /// [`UnknownWikiError`] when no wiki of that name is described.
    pub fn named(db_name: Option<&str>, base: DefaultSite) -> Result<PageWiki, UnknownWikiError> {
        match db_name {
            None => Ok(PageWiki::Default(base)),
            Some(name) => match described(name) {
                Some(wiki) => Ok(PageWiki::Described(Box::new(ExportSite { base, wiki }))),
                None => Err(UnknownWikiError { name: name.to_string() }),
            },
        }
    }
}

impl wikitext_site::layer::SiteLayer for PageWiki {
    fn inner(&self) -> &dyn Site {
        match self {
            PageWiki::Default(site) => site,
            PageWiki::Described(site) => &**site,
        }
    }
}

/// A wiki name that [`ExportSite::for_wiki`] does not describe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownWikiError {
    /// The name asked for.
    pub name: String,
}

impl std::fmt::Display for UnknownWikiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown wiki {:?}; the wikis described are {}", self.name, known_wikis().collect::<Vec<_>>().join(", "))
    }
}

impl std::error::Error for UnknownWikiError {}

/// The database names of the wikis [`ExportSite::for_wiki`] describes
/// (`arwiki`, `dewiki` ... `zhwiki`), in order.
pub fn known_wikis() -> impl Iterator<Item = &'static str> {
    WIKIS.iter().map(|(wiki, ..)| *wiki)
}

/// The described wiki `db_name`, built once per process (its magic words
/// are JSON to read, a hundred-odd microseconds, and a bot renders many
/// pages).
fn described(db_name: &str) -> Option<Arc<Wiki>> {
    static DESCRIBED: OnceLock<Vec<OnceLock<Arc<Wiki>>>> = OnceLock::new();
    let index = WIKIS.iter().position(|(wiki, ..)| *wiki == db_name)?;
    let cache = DESCRIBED.get_or_init(|| WIKIS.iter().map(|_| OnceLock::new()).collect());
    Some(cache.get(index)?.get_or_init(|| ExportSite::new(&described_site_info(index)).wiki).clone())
}

/// The siteinfo of `WIKIS[index]`, as its dump would give it.
fn described_site_info(index: usize) -> SiteInfo {
    let Some(&(db_name, language, main_page, names)) = WIKIS.get(index) else { return SiteInfo::default() };
    // The project namespace is named after the site (`Wikipédia`).
    let site_name = names.iter().find(|(id, _)| *id == 4).map_or("Wikipedia", |(_, name)| name);
    let subdomain = db_name.strip_suffix("wiki").unwrap_or(db_name).replace('_', "-");
    SiteInfo {
        site_name: Some(site_name.to_string()),
        db_name: Some(db_name.to_string()),
        base: Some(format!("https://{subdomain}.wikipedia.org/wiki/{}", main_page.replace(' ', "_"))),
        case: Some("first-letter".to_string()),
        language: Some(language.to_string()),
        namespaces: names.iter().map(|&(id, name)| (id, name.to_string(), String::new())).collect(),
    }
}

impl ExportSite {
    /// The wiki of `info`; fields it lacks keep MediaWiki's defaults.
    #[must_use]
    pub fn new(info: &SiteInfo) -> Self {
        let (server, article_path, main_page) = info
            .base
            .as_deref()
            .and_then(split_base)
            .unwrap_or_else(|| ("http://localhost".into(), "/wiki/$1".into(), "Main Page".into()));
        let interwikis = WikimediaWiki::from_server(&server);
        let mut site_info = SiteSettings::new(info.site_name.clone().unwrap_or_else(|| "MediaWiki".into()), server);
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
        let special_prefix = format!("{}:", namespaces.iter().find(|n| n.id == -1).map_or("Special", |n| n.name.as_str()));
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
            wiki: Arc::new(Wiki {
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
                interwikis,
                special_prefix,
            }),
        }
    }

    /// One of the Wikipedias the library describes (see [`known_wikis`]),
    /// by its database name (`"dewiki"`): its namespaces with their local
    /// names, language, main page, aliases, link trail and magic words, as a
    /// dump of it would configure [`ExportSite::new`], for pages that come
    /// without a dump (an editor's preview, a page read from the API); its
    /// server is the Wikipedia's (`https://de.wikipedia.org`). `None` for a
    /// wiki not described.
    ///
    /// Namespace 100 (`Portal` on most of them) is described on 12 of them,
    /// where its name could be recovered from the data; on the others its
    /// pages read as main-namespace titles.
    #[must_use]
    pub fn for_wiki(db_name: &str) -> Option<ExportSite> {
        Some(ExportSite { base: DefaultSite::default(), wiki: described(db_name)? })
    }

    /// This site over `base` instead of [`DefaultSite::default`], which
    /// answers what the wiki's description does not (a clock of the host's,
    /// say).
    #[must_use]
    pub fn with_base(mut self, base: DefaultSite) -> ExportSite {
        self.base = base;
        self
    }

    /// The wiki's database name (`enwiki`), empty when the siteinfo has none.
    #[must_use]
    pub fn db_name(&self) -> &str {
        &self.wiki.db_name
    }

    /// The URL of a page: the server and article path with the title's DB key.
    #[must_use]
    pub fn page_url(&self, title: &str) -> String {
        let key: String = title.trim().replace(' ', "_");
        let encoded = percent_encoding::utf8_percent_encode(&key, URL_TITLE).to_string();
        format!("{}{}", self.wiki.info.server, self.wiki.info.article_path.replace("$1", &encoded))
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
        let &(_, id) = self.wiki.keys.iter().find(|(k, _)| k == key)?;
        Site::namespace_by_id(self, id)
    }

    fn namespace_by_id(&self, id: i32) -> Option<Namespace> {
        self.wiki.namespaces.iter().find(|n| n.id == id).cloned()
    }

    fn page_state(&self, title: &str) -> PageState {
        // A special page the software defines, by its English names (the
        // wiki's own aliases, `特別:最近の更新`, are not in the data).
        match title.strip_prefix(self.wiki.special_prefix.as_str()) {
            Some(name) if is_known_special_page(name) => PageState::Exists,
            _ => self.base.page_state(title),
        }
    }

    fn interwiki(&self, prefix: &str) -> Option<Interwiki> {
        self.wiki.interwikis.as_ref().and_then(|wikimedia| wikimedia.interwiki(prefix)).or_else(|| self.base.interwiki(prefix))
    }

    fn link_trail_len(&self, after: &str) -> usize {
        self.wiki.link_trail.as_ref().map_or(0, |trail| trail.trail_len(after))
    }

    fn link_prefix_len(&self, before: &str) -> usize {
        let Some(prefix) = &self.wiki.link_prefix else { return 0 };
        before.len() - before.trim_end_matches(|c| prefix.contains(c)).len()
    }

    fn main_page(&self) -> &str {
        &self.wiki.main_page
    }

    fn info(&self) -> &SiteSettings {
        &self.wiki.info
    }

    fn language(&self) -> &str {
        &self.wiki.language
    }

    // The wiki's own magic words first, then English (the default wiki's).

    fn redirect_spellings(&self) -> Vec<String> {
        match &self.wiki.magic {
            Some(magic) if !magic.redirect_spellings().is_empty() => magic.redirect_spellings().to_vec(),
            _ => self.base.redirect_spellings(),
        }
    }

    fn behavior_switch_spellings(&self) -> Vec<String> {
        self.wiki.behavior_switch_spellings.clone()
    }

    fn is_behavior_switch(&self, name: &str) -> bool {
        self.wiki.magic.as_ref().is_some_and(|m| m.is_behavior_switch(name)) || self.base.is_behavior_switch(name)
    }

    fn behavior_switch(&self, text: &str) -> Option<BehaviorSwitch> {
        self.wiki.magic.as_ref().and_then(|m| m.behavior_switch(text)).or_else(|| self.base.behavior_switch(text))
    }

    fn variable(&self, name: &str) -> Option<Variable> {
        self.wiki.magic.as_ref().and_then(|m| m.variable(name)).or_else(|| self.base.variable(name))
    }

    fn parser_function(&self, name: &str) -> Option<ParserFunction> {
        self.wiki.magic
            .as_ref()
            .and_then(|m| m.parser_function_id(name))
            .map(|id| ParserFunction::from_id(&id))
            .or_else(|| self.base.parser_function(name))
    }

    fn media_option(&self, text: &str) -> Option<MediaOption> {
        self.wiki.magic.as_ref().and_then(|m| m.media_option(text)).or_else(|| self.base.media_option(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jawiki() -> ExportSite {
        ExportSite::new(&SiteInfo {
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
            ExportSite::new(&SiteInfo {
                language: Some(language.into()),
                case: Some(case.into()),
                namespaces: vec![(0, String::new(), String::new())],
                ..SiteInfo::default()
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
        let wiktionary = ExportSite::new(&SiteInfo {
            db_name: Some("jawiktionary".into()),
            language: Some("ja".into()),
            ..SiteInfo::default()
        });
        assert_eq!(wiktionary.parser_function("デフォルトソート"), Some(ParserFunction::from_id("defaultsort")));
        let other = ExportSite::new(&SiteInfo {
            db_name: Some("xxwiki".into()),
            language: Some("xx".into()),
            ..SiteInfo::default()
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

    #[test]
    fn every_described_wiki_is_known_by_its_database_name() {
        let wikis: Vec<&str> = known_wikis().collect();
        assert_eq!(wikis.len(), 21);
        assert!(wikis.windows(2).all(|w| w[0] < w[1]), "in order: {wikis:?}");
        for wiki in wikis {
            let site = ExportSite::for_wiki(wiki).unwrap();
            assert_eq!(site.db_name(), wiki);
            assert_eq!(site.namespace_by_id(6).map(|ns| ns.id), Some(6), "{wiki} has a file namespace");
            assert!(site.namespace_by_name("File").is_some(), "{wiki}: canonical names work everywhere");
            let portal = site.namespace_by_id(100).map(|ns| ns.name);
            assert_ne!(portal.as_deref(), Some("MemoryAlpha"), "{wiki}: the parser tests' namespace is not the wiki's");
        }
        assert!(ExportSite::for_wiki("dewiktionary").is_none());
        assert!(ExportSite::for_wiki("").is_none());
        assert!(ExportSite::for_wiki("DEWIKI").is_none(), "database names are lower case");
    }

    #[test]
    fn a_described_wiki_has_its_names_language_and_main_page() {
        let de = ExportSite::for_wiki("dewiki").unwrap();
        assert_eq!(de.language(), "de");
        assert_eq!(de.main_page(), "Wikipedia:Hauptseite");
        assert_eq!(de.info().site_name, "Wikipedia");
        assert_eq!(de.info().server, "https://de.wikipedia.org");
        assert_eq!(de.namespace_by_id(10).unwrap().name, "Vorlage");
        assert_eq!(de.namespace_by_name("bild").map(|ns| ns.id), Some(6), "an alias");
        assert_eq!(de.page_url("Benutzer Diskussion:A b"), "https://de.wikipedia.org/wiki/Benutzer_Diskussion:A_b");
        let fr = ExportSite::for_wiki("frwiki").unwrap();
        assert_eq!(fr.info().site_name, "Wikipédia", "named as its project namespace");
        // Namespace 100, recovered from its talk namespace's name where it can be.
        assert_eq!(de.namespace_by_name("P").map(|ns| ns.name), Some("Portal".to_string()), "an alias of it");
        assert_eq!(fr.namespace_by_id(100).unwrap().name, "Portail");
        assert_eq!(ExportSite::for_wiki("jawiki").unwrap().namespace_by_id(100).unwrap().name, "Portal");
        assert!(ExportSite::for_wiki("ruwiki").unwrap().namespace_by_id(100).is_none(), "inflected talk names: not guessed");
        // The parser tests rename enwiki's project namespaces to "Base MW";
        // the wiki's own names come back.
        let en = ExportSite::for_wiki("enwiki").unwrap();
        assert_eq!(en.info().site_name, "Wikipedia");
        assert_eq!(en.namespace_by_id(4).unwrap().name, "Wikipedia");
        assert_eq!(en.namespace_by_id(5).unwrap().name, "Wikipedia talk");
        for alias in ["WP", "Project", "wikipedia"] {
            assert_eq!(en.namespace_by_name(alias).map(|ns| ns.id), Some(4), "{alias}");
        }
        assert_eq!(en.namespace_by_name("WT").map(|ns| ns.id), Some(5));
        assert!(en.namespace_by_name("Base MW").is_none());
        assert!(en.namespace_by_name("Base MW talk").is_none());
        // The Gadgets extension's namespaces, in English on every wiki.
        let ja = ExportSite::for_wiki("jawiki").unwrap();
        assert_eq!(ja.namespace_by_name("gadget definition").map(|ns| ns.id), Some(2302));
        assert_eq!(ja.namespace_by_id(2301).unwrap().name, "Gadget talk");
        let tarask = ExportSite::for_wiki("be-taraskwiki").unwrap();
        assert_eq!(tarask.info().server, "https://be-tarask.wikipedia.org");
        assert_eq!(tarask.language(), "be-tarask");
    }

    #[test]
    fn a_dewiki_page_renders_with_its_namespaces_and_magic_words() {
        let site = ExportSite::for_wiki("dewiki").unwrap();
        let mut options = crate::RenderOptions::fragment();
        options.title = "Berlin".into();
        let html = crate::to_html(
            "[[Datei:A.jpg|mini|Das Tor]] {{SEITENNAME}}\n[[Kategorie:Stadt]]{{SORTIERUNG:Berlin}}",
            &site,
            &options,
        );
        assert!(html.contains("mw:File/Thumb"), "{html}");
        assert!(html.contains(r#"rel="mw:PageProp/Category" href="./Kategorie:Stadt""#), "{html}");
        assert!(html.contains("Berlin"), "{html}");
        assert!(html.contains(r#"property="mw:PageProp/categorydefaultsort" content="Berlin""#), "{html}");
        assert!(!html.contains("Vorlage:"), "no magic word renders as a template: {html}");
        let redirect = crate::to_html("#WEITERLEITUNG [[Hauptseite]]", &site, &options);
        assert!(redirect.contains(r#"rel="mw:PageProp/redirect""#), "{redirect}");
    }

    #[test]
    fn a_wikimedia_wiki_links_through_wikimedias_interwiki_map() {
        let site = ExportSite::for_wiki("enwiki").unwrap();
        let html = crate::to_html("[[:fr:Paris|P]] [[wikt:word]] [[c:File:X.jpg]] [[en:Foo]]\n[[de:Berlin]]", &site, &crate::RenderOptions::fragment());
        assert!(html.contains(r#"<a rel="mw:WikiLink/Interwiki" href="https://fr.wikipedia.org/wiki/Paris" title="fr:Paris" class="extiw">P</a>"#), "{html}");
        assert!(html.contains(r#"href="https://en.wiktionary.org/wiki/word""#), "{html}");
        assert!(html.contains(r#"href="https://commons.wikimedia.org/wiki/File:X.jpg""#), "{html}");
        assert!(html.contains(r#"<a rel="mw:WikiLink" href="./Foo"#), "the wiki's own language is a local link: {html}");
        assert!(html.contains(r#"<link rel="mw:PageProp/Language" href="https://de.wikipedia.org/wiki/Berlin"/>"#), "{html}");
        // A dump of a Wiktionary: its own project's editions, by its server.
        let info = SiteInfo { base: Some("https://de.wiktionary.org/wiki/Wiktionary:Hauptseite".into()), language: Some("de".into()), ..SiteInfo::default() };
        let wiktionary = ExportSite::new(&info);
        assert_eq!(wiktionary.interwiki("fr").map(|iw| iw.url), Some("https://fr.wiktionary.org/wiki/$1".to_string()));
        assert_eq!(wiktionary.interwiki("w").map(|iw| iw.url), Some("https://de.wikipedia.org/wiki/$1".to_string()));
        // Any other wiki's map is not known.
        let other = ExportSite::new(&SiteInfo { base: Some("https://wiki.example.org/wiki/Main_Page".into()), ..SiteInfo::default() });
        assert_eq!(other.interwiki("fr"), None);
    }

    #[test]
    fn special_pages_exist_under_the_wikis_special_namespace() {
        let ja = ExportSite::for_wiki("jawiki").unwrap();
        assert_eq!(ja.page_state("特別:RecentChanges"), PageState::Exists);
        assert_eq!(ja.page_state("特別:BookSources/123"), PageState::Exists);
        assert_eq!(ja.page_state("特別:Nonexistent"), PageState::Missing);
        let html = crate::to_html("[[Special:recentchanges]]", &ja, &crate::RenderOptions::fragment());
        assert!(html.contains(r#"<a rel="mw:WikiLink" href="./特別:RecentChanges" title="特別:RecentChanges">"#), "{html}");
    }

    #[test]
    fn a_described_wiki_over_another_base_keeps_its_description() {
        let base = DefaultSite::default().with_clock(|| 0);
        let site = ExportSite::for_wiki("jawiki").unwrap().with_base(base);
        assert_eq!(site.namespace_by_id(6).unwrap().name, "ファイル");
        let html = crate::to_html("{{CURRENTYEAR}}", &site, &crate::RenderOptions::fragment());
        assert!(html.contains("1970"), "the base's clock: {html}");
    }

    #[test]
    fn a_page_wiki_by_name() {
        let default = PageWiki::named(None, DefaultSite::default()).unwrap();
        assert_eq!(default.namespace_by_id(6).unwrap().name, "File");
        let ja = PageWiki::named(Some("jawiki"), DefaultSite::default()).unwrap();
        assert_eq!(ja.namespace_by_id(6).unwrap().name, "ファイル");
        let error = PageWiki::named(Some("xxwiki"), DefaultSite::default()).unwrap_err();
        assert_eq!(error.name, "xxwiki");
        let message = error.to_string();
        assert!(message.starts_with(r#"unknown wiki "xxwiki"; the wikis described are arwiki, banwiki,"#), "{message}");
        assert!(message.ends_with("zhwiki"), "{message}");
    }
}
