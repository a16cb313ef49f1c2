//! A [`Site`] described by JSON: the mock wiki of Parsoid's parser tests.
//!
//! The parser tests run against a fixed, fake wiki: English Wikipedia's
//! namespaces with a few changes, a fixed interwiki map, a handful of
//! existing pages and files. `parsertests-site.json` describes it (and
//! `parsertests-languages.json` its `language=XX` variants); [`ConfigSite`]
//! reads those descriptions into lookup tables so the renderer can ask the
//! same questions of it as of any wiki. The test file's `!! article` blocks
//! are added with [`ConfigSite::add_page`].
//!
//! The JSON is read leniently: missing sections fall back to the defaults of
//! [`crate::site`], and only malformed JSON or a missing language are
//! errors.

use std::fmt;

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::Value;

use crate::magic_word_tables::MagicWordTables;
use crate::magic_words::{BehaviorSwitch, ParserFunction, Variable};
use crate::site::{
    Interwiki, MediaDerivative, MediaInfo, MediaOption, Namespace, PageState, Site, SiteInfo,
    default_url_protocols, special_page_key,
};
use crate::title::Title;

/// What went wrong while building a [`ConfigSite`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigErrorKind {
    /// The site description is not valid JSON.
    InvalidJson,
    /// The JSON is valid but not shaped like a site description.
    InvalidShape,
    /// A `language` was asked for that the languages description lacks, or
    /// no languages description was given.
    UnknownLanguage,
}

/// An error building a [`ConfigSite`].
#[derive(Debug, Clone)]
pub struct ConfigError {
    kind: ConfigErrorKind,
    message: String,
}

impl ConfigError {
    fn new(kind: ConfigErrorKind, message: impl Into<String>) -> Self {
        ConfigError { kind, message: message.into() }
    }

    /// The kind of error.
    #[must_use]
    pub fn kind(&self) -> &ConfigErrorKind {
        &self.kind
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ConfigErrorKind::InvalidJson => "invalid site JSON",
            ConfigErrorKind::InvalidShape => "unexpected site description",
            ConfigErrorKind::UnknownLanguage => "unknown language",
        };
        write!(f, "{what}: {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// A character class taken from a PCRE link trail or link prefix pattern
/// such as `/^([a-zäöüß]+)/sDu`.
#[derive(Debug, Clone, Default)]
pub struct CharClass {
    ranges: Vec<(char, char)>,
    negated: bool,
    /// The `'(?!')` alternative of some trails: an apostrophe that is not
    /// followed by another one.
    lone_apostrophe: bool,
}

impl CharClass {
    /// Parse the first `[...]` of a pattern. `None` when there is none.
    #[must_use]
    pub fn from_pattern(pattern: &str) -> Option<CharClass> {
        let start = pattern.find('[')?;
        let mut chars = pattern[start + 1..].chars().peekable();
        let mut class =
            CharClass { lone_apostrophe: pattern.contains("|'(?!')"), ..CharClass::default() };
        if chars.peek() == Some(&'^') {
            chars.next();
            class.negated = true;
        }
        let mut items: Vec<char> = Vec::new();
        let mut range_marks: Vec<usize> = Vec::new();
        loop {
            let c = chars.next()?;
            let item = match c {
                ']' => break,
                '\\' => match chars.next()? {
                    'x' => {
                        let mut hex = String::new();
                        if chars.peek() == Some(&'{') {
                            chars.next();
                            for d in chars.by_ref() {
                                if d == '}' {
                                    break;
                                }
                                hex.push(d);
                            }
                        } else {
                            for _ in 0..2 {
                                if let Some(d) = chars.next_if(char::is_ascii_hexdigit) {
                                    hex.push(d);
                                }
                            }
                        }
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    other => other,
                },
                '-' if !items.is_empty() && chars.peek() != Some(&']') => {
                    range_marks.push(items.len());
                    continue;
                }
                other => other,
            };
            items.push(item);
        }
        let mut i = 0;
        while i < items.len() {
            if range_marks.contains(&(i + 1)) && i + 1 < items.len() {
                class.ranges.push((items[i], items[i + 1]));
                i += 2;
            } else {
                class.ranges.push((items[i], items[i]));
                i += 1;
            }
        }
        Some(class)
    }

    /// Whether `c` is in the class.
    #[must_use]
    pub fn contains(&self, c: char) -> bool {
        let inside = self.ranges.iter().any(|&(a, b)| a <= c && c <= b);
        inside != self.negated
    }

    /// The length of the link trail at the start of `after`, with this class
    /// as the trail's characters.
    #[must_use]
    pub fn trail_len(&self, after: &str) -> usize {
        let mut chars = after.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let ok = self.contains(c)
                || (self.lone_apostrophe && c == '\'' && chars.peek().is_none_or(|&(_, n)| n != '\''));
            if !ok {
                return i;
            }
        }
        after.len()
    }
}

/// A wiki built from a JSON description; see the module documentation.
#[derive(Debug, Clone)]
pub struct ConfigSite {
    language: String,
    main_page: String,
    namespaces: Vec<Namespace>,
    /// Ids of the namespaces where `[[/Sub]]` and `[[../Up]]` are relative links.
    subpage_namespaces: FxHashSet<i32>,
    /// Lower-cased names and aliases, spaces as `_`, to namespace ids.
    namespace_keys: FxHashMap<String, i32>,
    interwiki: FxHashMap<String, Interwiki>,
    interwiki_magic: bool,
    protocols: Vec<String>,
    link_trail: Option<CharClass>,
    link_prefix: Option<CharClass>,
    /// Special pages by upper-cased name or alias (`_` for spaces), to the
    /// name the wiki writes (its first alias).
    special_pages: FxHashMap<String, String>,
    /// Article sources by prefixed DB key.
    pages: FxHashMap<String, String>,
    explicitly_missing: FxHashSet<String>,
    special_existing: FxHashSet<String>,
    redirects: FxHashSet<String>,
    disambiguations: FxHashSet<String>,
    /// Media by file name as in URLs (`"File_%26_file.jpg"`).
    files: FxHashMap<String, MediaInfo>,
    /// `"<File ns name>:<DB key>"` to a key of `files`.
    file_titles: FxHashMap<String, String>,
    file_namespace_name: String,
    extension_tags: FxHashSet<String>,
    /// The wiki's spellings of its magic words and redirect keyword.
    magic: MagicWordTables,
    /// The default thumbnail width.
    thumb_width: u32,
    /// Whether external image URLs show as images.
    external_images: bool,
    /// The enwiki configuration `!! article` titles are normalized with,
    /// when this site is another language.
    article_normalizer: Option<Box<ConfigSite>>,
    /// Site name, server, paths, time zone and feature switches.
    info: SiteInfo,
    /// The wiki's fixed clock, when the description gives one (the parser
    /// tests' `magicWords.timestamp.unix`).
    now: Option<i64>,
}

/// Settings a wiki's administrator chooses (MediaWiki's `$wg...` globals),
/// as changes to apply to a [`ConfigSite`] with
/// [`ConfigSite::apply_settings`]. A field left at its default (`None`, or
/// an empty list) changes nothing. The parser tests set these per case from
/// their `!! config` and `!! options` sections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SiteSettings {
    /// `$wgInterwikiMagic`: whether `[[xx:Foo]]` to a language interwiki is
    /// a language link ([`Site::interwiki_magic`]).
    pub interwiki_magic: Option<bool>,
    /// The local time zone's offset from UTC in minutes
    /// ([`SiteInfo::local_offset_minutes`]); `$wgLocaltimezone` resolved at
    /// the wiki's clock.
    pub local_offset_minutes: Option<i32>,
    /// `$wgLocaltimezone` itself ([`SiteInfo::local_timezone`]).
    pub local_timezone: Option<String>,
    /// `$wgPFEnableStringFunctions` ([`SiteInfo::string_functions`]).
    pub string_functions: Option<bool>,
    /// `(namespace, on)`: switch relative subpage links on or off in a
    /// namespace (`$wgNamespacesWithSubpages`).
    pub subpages: Vec<(i32, bool)>,
    /// Extension tags to register (lower-case names).
    pub extension_tags: Vec<String>,
    /// Interwiki prefixes to add or replace.
    pub interwikis: Vec<(String, Interwiki)>,
    /// The default thumbnail width ([`Site::default_thumb_width`]).
    pub thumb_width: Option<u32>,
    /// Whether external image URLs show as images
    /// ([`Site::allows_external_image`], `$wgAllowExternalImages`).
    pub external_images: Option<bool>,
    /// The `target` of external links ([`SiteInfo::external_link_target`], `$wgExternalLinkTarget`).
    pub external_link_target: Option<String>,
    /// Whether external links get `rel="nofollow"` ([`SiteInfo::no_follow`], `$wgNoFollowLinks`).
    pub no_follow: Option<bool>,
    /// Domains exempt from `nofollow` ([`SiteInfo::no_follow_exceptions`], `$wgNoFollowDomainExceptions`).
    pub no_follow_exceptions: Option<Vec<String>>,
    /// The most distinct files a page draws ([`SiteInfo::media_limit`], `$wgParsoidMaximumImages`).
    pub media_limit: Option<usize>,
    /// Cite's `$wgCiteResponsiveReferences` ([`SiteInfo::cite_responsive`]).
    pub cite_responsive: Option<bool>,
    /// Cite's `$wgCiteResponsiveReferencesThreshold` ([`SiteInfo::cite_responsive_threshold`]).
    pub cite_responsive_threshold: Option<usize>,
    /// Cite's `$wgCiteSubReferencing` ([`SiteInfo::cite_sub_referencing`]).
    pub cite_sub_referencing: Option<bool>,
    /// `$wgFragmentMode`'s primary mode ([`SiteInfo::fragment_mode`]).
    pub fragment_mode: Option<crate::anchor::FragmentMode>,
    /// `$wgEnableMagicLinks` ([`SiteInfo::magic_links`]).
    pub magic_links: Option<wikitext_parser::MagicLinks>,
    /// `$wgParsoidExperimentalParserFunctionOutput` ([`SiteInfo::parser_function_v3_output`]).
    pub parser_function_v3_output: Option<bool>,
}

/// The facts magic variables print, from the description's `site` section.
/// A field may be a plain string or an object of alternatives, of which the
/// one the magic word uses comes first (`{"SITENAME magic word": ...}`).
fn site_info(root: &Value) -> SiteInfo {
    let s = root.get("site").unwrap_or(&Value::Null);
    let text = |key: &str, default: &str| -> String {
        match s.get(key) {
            Some(Value::String(v)) => v.clone(),
            Some(Value::Object(m)) => m.values().find_map(Value::as_str).unwrap_or(default).to_string(),
            _ => default.to_string(),
        }
    };
    let mut info = SiteInfo::new(text("siteName", "MediaWiki"), text("server", "http://localhost"));
    info.script_path = text("scriptpath", "/w");
    info.article_path = text("articlepath", "/wiki/$1");
    info.local_offset_minutes = root
        .pointer("/magicWords/timestamp/timezoneOffset")
        .and_then(Value::as_i64)
        .and_then(|m| i32::try_from(m).ok())
        .unwrap_or(0);
    // A description of the standalone runner's mock wiki says how its native
    // parser functions behave: as that runner's, not MediaWiki's.
    info.parsoid_standalone_functions = root.pointer("/magicWords/nativeParserFunctionImplementations").is_some();
    info
}

fn str_list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn bool_at(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// Lower-case a namespace name or alias and use `_` for spaces.
fn namespace_key(name: &str) -> String {
    name.trim().trim_matches('_').replace(' ', "_").to_lowercase()
}

/// Prefixed text to the form used as a table key: `_` for spaces.
fn title_key(title: &str) -> String {
    title.trim().replace(' ', "_")
}

fn u32_at(v: &Value, key: &str) -> u32 {
    v.get(key).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
}

impl ConfigSite {
    /// The mock wiki of Parsoid's parser tests.
    ///
    /// `site_json` is `parsertests-site.json`. With `language` (the test's
    /// `language=XX` option) the matching entry of `languages_json`
    /// (`parsertests-languages.json`) replaces the language-specific parts:
    /// namespaces, link trail and prefix, main page, magic words, files
    /// that exist and extra extension tags.
    ///
    /// # Errors
    ///
    /// [`ConfigErrorKind::InvalidJson`] when either text is not JSON,
    /// [`ConfigErrorKind::InvalidShape`] when the site description has no
    /// namespace list, and [`ConfigErrorKind::UnknownLanguage`] when the
    /// language is not described.
    pub fn parser_tests(
        site_json: &str,
        languages_json: Option<&str>,
        language: Option<&str>,
    ) -> Result<ConfigSite, ConfigError> {
        let root: Value = serde_json::from_str(site_json)
            .map_err(|e| ConfigError::new(ConfigErrorKind::InvalidJson, e.to_string()))?;
        let mut site = Self::from_site_value(&root)?;
        let Some(lang) = language.filter(|l| !l.is_empty()) else {
            return Ok(site);
        };
        let wiki = if lang.contains("wiki") { lang.to_string() } else { format!("{lang}wiki") };
        if wiki == "enwiki" && languages_json.is_none() {
            return Ok(site);
        }
        let languages = languages_json.ok_or_else(|| {
            ConfigError::new(ConfigErrorKind::UnknownLanguage, "no languages description given")
        })?;
        let languages: Value = serde_json::from_str(languages)
            .map_err(|e| ConfigError::new(ConfigErrorKind::InvalidJson, e.to_string()))?;
        let entry = languages
            .get("languages")
            .and_then(|l| l.get(&wiki))
            .ok_or_else(|| ConfigError::new(ConfigErrorKind::UnknownLanguage, wiki.clone()))?;
        let base = site.clone();
        site.apply_language(entry, &root);
        site.article_normalizer = Some(Box::new(base));
        Ok(site)
    }

    fn from_site_value(root: &Value) -> Result<ConfigSite, ConfigError> {
        let s = root.get("site").unwrap_or(&Value::Null);
        let ns_list = root
            .pointer("/namespaces/list")
            .and_then(Value::as_array)
            .ok_or_else(|| ConfigError::new(ConfigErrorKind::InvalidShape, "no namespaces.list"))?;
        let mut site = ConfigSite {
            language: s.get("lang").and_then(Value::as_str).unwrap_or("en").to_string(),
            main_page: s.get("mainPage").and_then(Value::as_str).unwrap_or("Main Page").to_string(),
            namespaces: Vec::new(),
            subpage_namespaces: FxHashSet::default(),
            namespace_keys: FxHashMap::default(),
            interwiki: FxHashMap::default(),
            interwiki_magic: s
                .pointer("/interwikiMagic/default")
                .and_then(Value::as_bool)
                .unwrap_or(true),
            protocols: Vec::new(),
            link_trail: None,
            link_prefix: None,
            special_pages: FxHashMap::default(),
            pages: FxHashMap::default(),
            explicitly_missing: FxHashSet::default(),
            special_existing: FxHashSet::default(),
            redirects: FxHashSet::default(),
            disambiguations: FxHashSet::default(),
            files: FxHashMap::default(),
            file_titles: FxHashMap::default(),
            file_namespace_name: "File".to_string(),
            extension_tags: FxHashSet::default(),
            magic: MagicWordTables::default(),
            thumb_width: root.pointer("/media/defaultThumbSize/value").and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()).unwrap_or(180),
            external_images: false,
            article_normalizer: None,
            info: site_info(root),
            now: root.pointer("/magicWords/timestamp/unix").and_then(Value::as_i64),
        };

        // Namespaces: canonical keys first, so they win over local aliases.
        let mut canonical = Vec::new();
        let mut local = Vec::new();
        for ns in ns_list {
            let Some(id) = ns.get("id").and_then(Value::as_i64).and_then(|i| i32::try_from(i).ok())
            else {
                continue;
            };
            let name = ns.get("name").and_then(Value::as_str).unwrap_or("").to_string();
            let case_sensitive = ns.get("case").and_then(Value::as_str) == Some("case-sensitive");
            site.namespaces.push(Namespace { id, name: name.clone(), case_sensitive });
            if ns.get("subpages").and_then(Value::as_bool) == Some(true) {
                site.subpage_namespaces.insert(id);
            }
            for k in str_list(ns.get("lookupKeysCanonical")) {
                canonical.push((k, id));
            }
            local.push((namespace_key(&name), id));
            for k in str_list(ns.get("lookupKeysLocalAndAliases")) {
                local.push((k, id));
            }
        }
        site.set_namespace_keys(canonical, local);

        if let Some(map) = root.pointer("/interwiki/map").and_then(Value::as_object) {
            for (prefix, e) in map {
                let Some(url) = e.get("url").and_then(Value::as_str) else {
                    continue;
                };
                let url = if url.contains("$1") { url.to_string() } else { format!("{url}$1") };
                site.interwiki.insert(
                    prefix.to_lowercase(),
                    Interwiki {
                        url,
                        local: bool_at(e, "local"),
                        language: bool_at(e, "language"),
                        protocol_relative: bool_at(e, "protorel"),
                        local_interwiki: bool_at(e, "localinterwiki"),
                        extra_language_link: bool_at(e, "extralanglink"),
                        link_text: e.get("linktext").and_then(Value::as_str).map(str::to_string),
                    },
                );
            }
        }

        site.protocols = str_list(s.pointer("/urlProtocols/list"))
            .into_iter()
            .map(|p| p.to_lowercase())
            .collect();
        if site.protocols.is_empty() {
            site.protocols = default_url_protocols();
        }
        site.link_trail = s
            .pointer("/linkTrail/regexUsed")
            .and_then(Value::as_str)
            .and_then(CharClass::from_pattern);
        site.link_prefix = s
            .pointer("/linkPrefix/regexUsed")
            .and_then(Value::as_str)
            .and_then(CharClass::from_pattern);
        // `Special:<name>` is written as the first alias of the entry whose
        // real name or any alias matches, case-insensitively.
        for entry in root.pointer("/specialPages/specialpagealiases").and_then(Value::as_array).into_iter().flatten() {
            let aliases = str_list(entry.get("aliases"));
            let Some(written) = aliases.first() else { continue };
            let written = written.replace(' ', "_");
            let realname = entry.get("realname").and_then(Value::as_str).unwrap_or_default();
            for name in std::iter::once(realname).chain(aliases.iter().map(String::as_str)) {
                if !name.is_empty() {
                    site.special_pages.entry(special_page_key(name)).or_insert_with(|| written.clone());
                }
            }
        }

        let existence = root.pointer("/pages/existence").unwrap_or(&Value::Null);
        let set = |key: &str| -> FxHashSet<String> {
            str_list(existence.get(key)).iter().map(|t| title_key(t)).collect()
        };
        site.explicitly_missing = set("explicitlyMissing");
        site.special_existing = set("specialExisting");
        site.redirects = set("redirects");
        site.disambiguations = set("disambiguations");

        if let Some(files) = root.pointer("/media/files").and_then(Value::as_array) {
            for f in files {
                let Some(name) = f.get("file").and_then(Value::as_str) else {
                    continue;
                };
                let info = MediaInfo {
                    width: u32_at(f, "width"),
                    height: u32_at(f, "height"),
                    url: f.get("url").and_then(Value::as_str).unwrap_or("").to_string(),
                    media_type: f
                        .get("mediatype")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    mime: f.get("mime").and_then(Value::as_str).unwrap_or("").to_string(),
                    file_name: name.to_string(),
                    hash_path: f.get("hashPath").and_then(Value::as_str).unwrap_or("").to_string(),
                    size: f.get("size").and_then(Value::as_u64).unwrap_or(0),
                    page_count: f
                        .get("pagecount")
                        .and_then(Value::as_u64)
                        .and_then(|n| u32::try_from(n).ok()),
                    duration: f.get("duration").and_then(Value::as_f64),
                    seek_params: f
                        .get("seekParams")
                        .and_then(Value::as_object)
                        .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect())
                        .unwrap_or_default(),
                    derivatives: f
                        .get("derivatives")
                        .and_then(Value::as_array)
                        .map(|list| {
                            list.iter()
                                .map(|d| MediaDerivative {
                                    mime: d.get("type").and_then(Value::as_str).unwrap_or("").to_string(),
                                    key: d.get("transcodekey").and_then(Value::as_str).unwrap_or("").to_string(),
                                    width: u32_at(d, "width"),
                                    height: u32_at(d, "height"),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                    languages: str_list(f.get("availableLanguages")),
                };
                site.files.insert(name.to_string(), info);
            }
        }
        if let Some(map) = root.pointer("/media/fileTitleToFile").and_then(Value::as_object) {
            for (title, file) in map {
                if let Some(file) = file.as_str() {
                    site.file_titles.insert(title.clone(), file.to_string());
                }
            }
        }
        if let Some(ns) = site.namespaces.iter().find(|n| n.id == 6) {
            site.file_namespace_name = ns.name.clone();
        }

        site.extension_tags =
            str_list(root.pointer("/extensionTags/allTagNamesDefault")).into_iter().collect();
        site.set_magic_words(root.pointer("/magicWords/derivedLookupTables"));
        site.add_test_function_names(root);
        Ok(site)
    }

    fn set_namespace_keys(&mut self, canonical: Vec<(String, i32)>, local: Vec<(String, i32)>) {
        self.namespace_keys.clear();
        for (k, id) in canonical.into_iter().chain(local) {
            if id == 0 {
                continue;
            }
            self.namespace_keys.entry(k).or_insert(id);
        }
    }

    /// Replace the magic-word tables, keeping the redirect keyword.
    fn set_magic_words(&mut self, tables: Option<&Value>) {
        let Some(t) = tables else { return };
        self.magic.replace_tables(t);
    }

    /// The runner's test functions (its PFragment handlers) are called by
    /// these spellings in every language: `#` added unless the handler is
    /// "nohash", a full-width `＃` too (`magicWords.testPFragmentHandlers.synonyms`:
    /// case-insensitive ones, then case-sensitive ones).
    fn add_test_function_names(&mut self, root: &Value) {
        let Some(synonyms) = root.pointer("/magicWords/testPFragmentHandlers/synonyms").and_then(Value::as_array) else {
            return;
        };
        for (table, case_sensitive) in synonyms.iter().zip([false, true]) {
            for (alias, id) in table.as_object().into_iter().flatten() {
                if let Some(id) = id.as_str() {
                    self.magic.add_parser_function(alias, case_sensitive, id);
                }
            }
        }
    }

    fn apply_language(&mut self, e: &Value, root: &Value) {
        if let Some(lang) = e.get("lang").and_then(Value::as_str) {
            self.language = lang.to_string();
        }
        if let Some(main) = e.get("mainPage").and_then(Value::as_str) {
            self.main_page = main.to_string();
        }
        if let Some(list) = e.get("namespaces").and_then(Value::as_array) {
            self.namespaces.clear();
            let mut canonical = Vec::new();
            let mut local = Vec::new();
            for ns in list {
                let Some(id) =
                    ns.get("id").and_then(Value::as_i64).and_then(|i| i32::try_from(i).ok())
                else {
                    continue;
                };
                let name = ns.get("name").and_then(Value::as_str).unwrap_or("").to_string();
                let case_sensitive =
                    ns.get("case").and_then(Value::as_str) == Some("case-sensitive");
                self.namespaces.push(Namespace { id, name: name.clone(), case_sensitive });
                for k in str_list(ns.get("canonicalKeys")) {
                    canonical.push((k, id));
                }
                local.push((namespace_key(&name), id));
                for k in str_list(ns.get("localKeys")) {
                    local.push((k, id));
                }
            }
            self.set_namespace_keys(canonical, local);
        }
        if let Some(pattern) = e.get("redirectRegexp").and_then(Value::as_str) {
            self.magic.set_redirect_pattern(pattern);
        }
        self.link_trail =
            e.get("linkTrailRegex").and_then(Value::as_str).and_then(CharClass::from_pattern);
        self.link_prefix =
            e.get("linkPrefixRegex").and_then(Value::as_str).and_then(CharClass::from_pattern);
        if let Some(name) = e.get("fileNamespaceName").and_then(Value::as_str) {
            self.file_namespace_name = name.to_string();
        }
        if e.get("filesThatExist").is_some() {
            let exist: FxHashSet<String> = str_list(e.get("filesThatExist")).into_iter().collect();
            self.files.retain(|name, _| exist.contains(name));
        }
        if e.get("usableInterwikiPrefixes").is_some() {
            let usable: FxHashSet<String> =
                str_list(e.get("usableInterwikiPrefixes")).into_iter().collect();
            self.interwiki.retain(|p, _| usable.contains(p));
        }
        for tag in str_list(e.get("extraExtensionTags")) {
            self.extension_tags.insert(tag);
        }
        if let Some(t) = e.get("magicWordTables") {
            self.set_magic_words(Some(t));
            self.add_test_function_names(root);
        }
    }

    /// The key a page is stored under: its prefixed DB key as normalized by
    /// the enwiki configuration (as the parser tests do), or the title with
    /// underscores when it does not parse.
    fn article_key(&self, title: &str) -> String {
        let normalizer: &dyn Site = match &self.article_normalizer {
            Some(base) => base.as_ref(),
            None => self,
        };
        Title::parse(title, 0, normalizer).map_or_else(|| title_key(title), |t| t.prefixed_db_key())
    }

    /// Add a page (a test file's `!! article` block, or the test page
    /// itself): it then exists and is the source for transclusions.
    pub fn add_page(&mut self, title: &str, wikitext: &str) {
        let key = self.article_key(title);
        self.pages.insert(key, wikitext.to_string());
    }

    /// Remove a page added with [`ConfigSite::add_page`] (the test page,
    /// after its test).
    pub fn remove_page(&mut self, title: &str) {
        let key = self.article_key(title);
        self.pages.remove(&key);
    }

    /// Register an extension tag for the tests that enable it by option
    /// (`styletag`, `wgrawhtml=1`, `i18next`, `annotations`).
    pub fn add_extension_tag(&mut self, name: &str) {
        self.extension_tags.insert(name.to_lowercase());
    }

    /// Add an interwiki prefix (the `pmid-interwiki` test option).
    pub fn add_interwiki(&mut self, prefix: &str, interwiki: Interwiki) {
        self.interwiki.insert(prefix.to_lowercase(), interwiki);
    }

    /// Switch interwiki magic (the `wgInterwikiMagic` test config).
    pub fn set_interwiki_magic(&mut self, on: bool) {
        self.interwiki_magic = on;
    }

    /// Enable or disable subpages in a namespace (the parser tests'
    /// `subpage` option enables them in the main namespace).
    pub fn set_subpages(&mut self, namespace: i32, on: bool) {
        if on {
            self.subpage_namespaces.insert(namespace);
        } else {
            self.subpage_namespaces.remove(&namespace);
        }
    }

    /// Change the wiki's settings: every field of `settings` that is set
    /// replaces the site's value; the rest stay as they are.
    pub fn apply_settings(&mut self, settings: &SiteSettings) {
        if let Some(on) = settings.interwiki_magic {
            self.interwiki_magic = on;
        }
        if let Some(minutes) = settings.local_offset_minutes {
            self.info.local_offset_minutes = minutes;
        }
        if let Some(zone) = &settings.local_timezone {
            self.info.local_timezone = Some(zone.clone());
        }
        if let Some(on) = settings.string_functions {
            self.info.string_functions = on;
        }
        for &(namespace, on) in &settings.subpages {
            self.set_subpages(namespace, on);
        }
        for tag in &settings.extension_tags {
            self.add_extension_tag(tag);
        }
        for (prefix, interwiki) in &settings.interwikis {
            self.add_interwiki(prefix, interwiki.clone());
        }
        if let Some(width) = settings.thumb_width {
            self.thumb_width = width;
        }
        if let Some(on) = settings.external_images {
            self.external_images = on;
        }
        if let Some(target) = &settings.external_link_target {
            self.info.external_link_target = Some(target.clone());
        }
        if let Some(on) = settings.no_follow {
            self.info.no_follow = on;
        }
        if let Some(domains) = &settings.no_follow_exceptions {
            self.info.no_follow_exceptions.clone_from(domains);
        }
        if let Some(on) = settings.cite_responsive {
            self.info.cite_responsive = on;
        }
        if let Some(threshold) = settings.cite_responsive_threshold {
            self.info.cite_responsive_threshold = threshold;
        }
        if let Some(on) = settings.cite_sub_referencing {
            self.info.cite_sub_referencing = on;
        }
        if let Some(limit) = settings.media_limit {
            self.info.media_limit = Some(limit);
        }
        if let Some(mode) = settings.fragment_mode {
            self.info.fragment_mode = mode;
        }
        if let Some(on) = settings.parser_function_v3_output {
            self.info.parser_function_v3_output = on;
        }
        if let Some(links) = settings.magic_links {
            self.info.magic_links = links;
        }
    }

    /// All namespaces of the wiki.
    #[must_use]
    pub fn namespaces(&self) -> &[Namespace] {
        &self.namespaces
    }

    /// The media file a title's DB key names, if it exists on this wiki.
    fn file_for(&self, name: &str) -> Option<&MediaInfo> {
        let mut key = title_key(name);
        if let Some((prefix, rest)) = key.split_once(':') {
            if matches!(self.namespace_by_name(prefix).map(|n| n.id), Some(6 | -2)) {
                key = rest.trim_start_matches('_').to_string();
            }
        }
        let key = crate::title::uc_first(&key, &self.language).into_owned();
        let file = self.file_titles.get(&format!("{}:{key}", self.file_namespace_name))?;
        self.files.get(file)
    }
}


impl Site for ConfigSite {
    fn namespace_by_name(&self, name: &str) -> Option<Namespace> {
        let key = namespace_key(name);
        if key.is_empty() {
            return None;
        }
        let id = *self.namespace_keys.get(&key)?;
        self.namespace_by_id(id)
    }

    fn namespace_by_id(&self, id: i32) -> Option<Namespace> {
        self.namespaces.iter().find(|n| n.id == id).cloned()
    }

    fn has_subpages(&self, namespace: i32) -> bool {
        self.subpage_namespaces.contains(&namespace)
    }

    fn interwiki(&self, prefix: &str) -> Option<Interwiki> {
        self.interwiki.get(&prefix.to_lowercase()).cloned()
    }

    fn interwiki_magic(&self) -> bool {
        self.interwiki_magic
    }

    fn page_state(&self, title: &str) -> PageState {
        let key = title_key(title);
        if self.explicitly_missing.contains(&key) {
            return PageState::Missing;
        }
        if self.redirects.contains(&key) {
            return PageState::Redirect;
        }
        if self.pages.contains_key(&key)
            || self.special_existing.contains(&key)
            || self.disambiguations.contains(&key)
        {
            return PageState::Exists;
        }
        // A file page is known when its file exists.
        if let Some((prefix, rest)) = key.split_once(':') {
            if self.namespace_by_name(prefix).is_some_and(|n| n.id == 6)
                && self.file_for(rest).is_some()
            {
                return PageState::Exists;
            }
        }
        PageState::Missing
    }

    fn is_disambiguation(&self, title: &str) -> bool {
        self.disambiguations.contains(&title_key(title))
    }

    fn page_source(&self, title: &str) -> Option<String> {
        self.pages.get(&title_key(title)).cloned()
    }

    fn url_protocols(&self) -> &[String] {
        &self.protocols
    }

    fn link_trail_len(&self, after: &str) -> usize {
        self.link_trail.as_ref().map_or(0, |trail| trail.trail_len(after))
    }

    fn special_page_name(&self, name: &str) -> Option<String> {
        self.special_pages.get(&special_page_key(name)).cloned()
    }

    fn link_prefix_len(&self, before: &str) -> usize {
        let Some(prefix) = &self.link_prefix else {
            return 0;
        };
        let kept = before.trim_end_matches(|c| prefix.contains(c)).len();
        before.len() - kept
    }

    fn main_page(&self) -> &str {
        &self.main_page
    }

    fn is_extension_tag(&self, name: &str) -> bool {
        self.extension_tags.contains(name)
    }

    fn extension_tag_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.extension_tags.iter().cloned().collect();
        names.sort();
        names
    }

    fn redirect_spellings(&self) -> Vec<String> {
        self.magic.redirect_spellings().to_vec()
    }

    fn behavior_switch_spellings(&self) -> Vec<String> {
        self.magic.behavior_switch_spellings()
    }

    fn is_behavior_switch(&self, name: &str) -> bool {
        self.magic.is_behavior_switch(name)
    }

    fn behavior_switch(&self, text: &str) -> Option<BehaviorSwitch> {
        self.magic.behavior_switch(text)
    }

    fn variable(&self, name: &str) -> Option<Variable> {
        self.magic.variable(name)
    }

    fn parser_function(&self, name: &str) -> Option<ParserFunction> {
        let id = self.magic.parser_function_id(name).or_else(|| {
            // The ParserFunctions extension registers the string functions'
            // magic words only when `$wgPFEnableStringFunctions` is on; the
            // description's tables are of a wiki where it is off.
            if !self.info.string_functions {
                return None;
            }
            crate::magic_words::parser_function_id(name)
                .filter(|id| ParserFunction::from_id(id).is_string_function())
                .map(str::to_string)
        })?;
        Some(ParserFunction::from_id(&id))
    }

    fn info(&self) -> &SiteInfo {
        &self.info
    }

    fn now(&self) -> i64 {
        self.now.unwrap_or_else(crate::site::system_now)
    }

    fn media_option(&self, text: &str) -> Option<MediaOption> {
        self.magic.media_option(text)
    }

    fn default_thumb_width(&self) -> u32 {
        self.thumb_width
    }

    fn allows_external_image(&self, _url: &str) -> bool {
        self.external_images
    }

    fn language(&self) -> &str {
        &self.language
    }

    fn media_info(&self, name: &str) -> Option<MediaInfo> {
        self.file_for(name).cloned()
    }

    fn is_bad_file(&self, name: &str) -> bool {
        self.file_for(name).is_some_and(|f| f.file_name == "Bad.jpg")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_words_come_from_a_list_of_alternatives() {
        use crate::magic_word_tables::redirect_words;
        assert_eq!(redirect_words("@(?i:\\#tilvísun|\\#TILVÍSUN|\\#REDIRECT)@"), ["#tilvísun", "#redirect"]);
        assert!(redirect_words("@(?i:\\#re(direct)?)@").is_empty());
    }

    #[test]
    fn invalid_json_is_a_typed_error() {
        let err = ConfigSite::parser_tests("{not json", None, None).unwrap_err();
        assert_eq!(err.kind(), &ConfigErrorKind::InvalidJson);
        let err = ConfigSite::parser_tests("{}", None, None).unwrap_err();
        assert_eq!(err.kind(), &ConfigErrorKind::InvalidShape);
        assert!(err.to_string().contains("namespaces"));
    }

    #[test]
    fn a_described_mock_runner_has_its_native_functions() {
        let plain = r#"{"namespaces": {"list": [{"id": 0, "name": ""}]}}"#;
        assert!(!ConfigSite::parser_tests(plain, None, None).unwrap().info().parsoid_standalone_functions);
        let mock = r#"{"namespaces": {"list": [{"id": 0, "name": ""}]},
            "magicWords": {"nativeParserFunctionImplementations": {"implemented": ["formatnum"]}}}"#;
        assert!(ConfigSite::parser_tests(mock, None, None).unwrap().info().parsoid_standalone_functions);
    }

    #[test]
    fn special_pages_are_written_as_the_wiki_writes_them() {
        let json = r#"{"namespaces": {"list": [{"id": -1, "name": "Special"}, {"id": 0, "name": ""}]},
            "specialPages": {"specialpagealiases": [
                {"realname": "Recentchanges", "aliases": ["RecentChanges"]},
                {"realname": "Randompage", "aliases": ["Random", "RandomPage"]}]}}"#;
        let site = ConfigSite::parser_tests(json, None, None).unwrap();
        assert_eq!(site.special_page_name("recentchanges").as_deref(), Some("RecentChanges"));
        assert_eq!(site.special_page_name("randomPage").as_deref(), Some("Random"));
        assert_eq!(site.special_page_name("Nothing"), None);
        let title = crate::title::Title::parse("Special:recentchanges/x y", 0, &site).unwrap();
        assert_eq!(title.prefixed_text(), "Special:RecentChanges/x y");
        let title = crate::title::Title::parse("Special:Foobar", 0, &site).unwrap();
        assert_eq!(title.prefixed_text(), "Special:Foobar", "an unknown page keeps its name");
    }

    #[test]
    fn settings_change_only_what_they_set() {
        let json = r#"{"namespaces": {"list": [{"id": 0, "name": ""}]},
            "magicWords": {"timestamp": {"unix": 123, "timezoneOffset": 0}}}"#;
        let mut site = ConfigSite::parser_tests(json, None, None).unwrap();
        assert!(site.interwiki_magic());
        site.apply_settings(&SiteSettings::default());
        assert!(site.interwiki_magic());
        assert_eq!(site.info().local_offset_minutes, 0);
        assert!(!site.info().string_functions);

        let settings = SiteSettings {
            interwiki_magic: Some(false),
            local_offset_minutes: Some(330),
            local_timezone: None,
            string_functions: Some(true),
            subpages: vec![(0, true)],
            extension_tags: vec!["style".to_string()],
            interwikis: vec![("pmid".to_string(), Interwiki::new("//example.org/$1"))],
            thumb_width: Some(50),
            external_images: Some(true),
            external_link_target: Some("_blank".into()),
            no_follow: Some(false),
            no_follow_exceptions: Some(vec!["example.org".into()]),
            media_limit: Some(2),
            cite_responsive: Some(false),
            cite_responsive_threshold: Some(3),
            cite_sub_referencing: Some(true),
            fragment_mode: Some(crate::anchor::FragmentMode::Legacy),
            magic_links: Some(wikitext_parser::MagicLinks { isbn: false, pmid: true, rfc: true }),
            parser_function_v3_output: Some(true),
        };
        assert_eq!(site.default_thumb_width(), 180);
        assert!(!site.allows_external_image("http://example.org/a.png"));
        site.apply_settings(&settings);
        assert!(!site.info().cite_responsive);
        assert_eq!(site.info().cite_responsive_threshold, 3);
        assert!(site.info().parser_function_v3_output);
        assert!(site.info().cite_sub_referencing);
        assert_eq!(site.info().fragment_mode, crate::anchor::FragmentMode::Legacy);
        assert!(!site.info().magic_links.isbn && site.info().magic_links.pmid);
        assert!(!crate::site::parse_options(&site).magic_links.isbn, "the tokenizer is told");
        assert_eq!(site.default_thumb_width(), 50);
        assert!(site.allows_external_image("http://example.org/a.png"));
        assert!(!site.interwiki_magic());
        assert_eq!(site.info().local_offset_minutes, 330);
        assert!(site.info().string_functions);
        assert!(site.has_subpages(0));
        assert!(site.is_extension_tag("style"));
        assert_eq!(site.interwiki("PMID").map(|i| i.url), Some("//example.org/$1".to_string()));
        assert_eq!(site.now(), 123);
        assert_eq!(site.info().external_link_target.as_deref(), Some("_blank"));
        assert!(!site.info().no_follow_for("http://other.org/"));
        assert_eq!(site.info().media_limit, Some(2));
    }

    #[test]
    fn no_follow_spares_the_excepted_domains_and_their_subdomains() {
        let mut info = SiteInfo::new("W", "http://w.org");
        assert!(info.no_follow_for("http://example.com/a"));
        info.no_follow_exceptions = vec!["Example.com".into()];
        for url in ["http://example.com/a", "https://www.example.com", "//user@sub.example.com:8080/x?y", "http://EXAMPLE.com"] {
            assert!(!info.no_follow_for(url), "{url}");
        }
        for url in ["http://notexample.com/", "http://example.com.evil.org/", "mailto:a@example.org"] {
            assert!(info.no_follow_for(url), "{url}");
        }
        info.no_follow = false;
        assert!(!info.no_follow_for("http://other.org"));
    }

    #[test]
    fn string_functions_exist_only_when_switched_on() {
        let json = r##"{"namespaces": {"list": [{"id": 0, "name": ""}]},
            "magicWords": {"derivedLookupTables": {"legacyParserFunctionSynonyms": [{"#if": "if"}, {}]}}}"##;
        let mut site = ConfigSite::parser_tests(json, None, None).unwrap();
        assert_eq!(site.parser_function("#if"), Some(ParserFunction::If));
        assert_eq!(site.parser_function("#len"), None);
        site.apply_settings(&SiteSettings { string_functions: Some(true), ..SiteSettings::default() });
        assert_eq!(site.parser_function("#len"), Some(ParserFunction::Len));
        assert_eq!(site.parser_function("#urldecode"), Some(ParserFunction::UrlDecode));
        assert_eq!(site.parser_function("#expr"), None);
    }

    #[test]
    fn char_classes() {
        let c = CharClass::from_pattern("/^([a-z]+)/sD").unwrap();
        assert!(c.contains('q') && !c.contains('Q') && !c.contains('-'));
        let c = CharClass::from_pattern("/^([a-zء-ي\\x{0610}-\\x{061A}]+)/sDu").unwrap();
        assert!(c.contains('\u{0611}') && c.contains('ب'));
        let c = CharClass::from_pattern("/^((?:[a-zàèéíòóúç·ïü]|'(?!'))+)/sDu").unwrap();
        assert!(c.lone_apostrophe && c.contains('ç'));
        let c = CharClass::from_pattern("/[a-zA-Z\\x{80}-\\x{10ffff}]+$/Du").unwrap();
        assert!(c.contains('ж') && c.contains('Z') && !c.contains('1'));
    }

    #[test]
    fn media_options_are_typed() {
        use crate::site::{DefaultSite, HorizontalAlign};
        let site = DefaultSite::default();
        assert_eq!(site.media_option("thumb"), Some(MediaOption::Thumbnail));
        assert_eq!(site.media_option("200x100px"), Some(MediaOption::Size("200x100".into())));
        assert_eq!(site.media_option("upright"), Some(MediaOption::Upright(None)));
        assert_eq!(site.media_option("upright=0.5"), Some(MediaOption::Upright(Some("0.5".into()))));
        assert_eq!(site.media_option("left"), Some(MediaOption::Align(HorizontalAlign::Left)));
        assert_eq!(site.media_option("link=Foo"), Some(MediaOption::Link("Foo".into())));
        assert_eq!(site.media_option("A caption"), None);
        // Aliases are case-sensitive.
        assert_eq!(site.media_option("Thumb"), None);
    }

    #[test]
    fn thumbnail_urls_follow_the_upload_layout() {
        let file = MediaInfo {
            url: "http://example.com/images/3/3a/Foobar.jpg".into(),
            file_name: "Foobar.jpg".into(),
            hash_path: "3/3a/".into(),
            media_type: "BITMAP".into(),
            ..MediaInfo::default()
        };
        assert_eq!(file.thumb_url("180px"), "http://example.com/images/thumb/3/3a/Foobar.jpg/180px-Foobar.jpg");
        let svg = MediaInfo { media_type: "DRAWING".into(), ..file.clone() };
        assert_eq!(svg.thumb_url("langru-180px"), "http://example.com/images/thumb/3/3a/Foobar.jpg/langru-180px-Foobar.jpg.png");
        assert_eq!(file.transcoded_url("240p.webm"), "http://example.com/images/transcoded/3/3a/Foobar.jpg/Foobar.jpg.240p.webm");
    }
}
