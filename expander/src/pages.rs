//! Page sources held in memory: a map of title → wikitext, and a [`Site`]
//! wrapper that answers page sources and existence from it.

use rustc_hash::FxHashMap;
use wikitext_site::site::{Interwiki, MediaInfo, Namespace, PageState};
use wikitext_site::title::Title;
use wikitext_site::{ModuleRuntime, Site, SiteInfo};

/// Wikitext of pages by title, as a user gives them (`"Template:Echo"`).
#[derive(Clone, Debug, Default)]
pub struct PageSources {
    pages: Vec<(String, String)>,
}

impl PageSources {
    /// Add (or replace) a page.
    pub fn insert(&mut self, title: impl Into<String>, text: impl Into<String>) {
        self.pages.push((title.into(), text.into()));
    }

    /// How many pages were given.
    #[must_use]
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether no page was given.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// A site that answers page sources and existence from these pages and
    /// everything else from `site`. Titles are normalized by `site`'s rules
    /// (namespace aliases, first-letter case, underscores), so
    /// `"template:echo"` and `"Template:Echo"` name the same page; a later
    /// page of the same title wins. Titles that are not valid are dropped.
    #[must_use]
    pub fn over<S: Site>(self, site: S) -> WithPages<S> {
        let mut map = FxHashMap::default();
        for (title, text) in self.pages {
            if let Some(t) = Title::parse(&title, 0, &site) {
                if !t.db_key().is_empty() && t.interwiki().is_none() {
                    map.insert(t.prefixed_text(), text);
                }
            }
        }
        WithPages { site, pages: map }
    }
}

impl<T: Into<String>, U: Into<String>> FromIterator<(T, U)> for PageSources {
    fn from_iter<I: IntoIterator<Item = (T, U)>>(iter: I) -> Self {
        PageSources { pages: iter.into_iter().map(|(t, u)| (t.into(), u.into())).collect() }
    }
}

/// A [`Site`] whose page sources come from a [`PageSources`] map first.
#[derive(Debug)]
pub struct WithPages<S> {
    site: S,
    pages: FxHashMap<String, String>,
}

impl<S> WithPages<S> {
    /// The wrapped site.
    pub fn inner(&self) -> &S {
        &self.site
    }

    /// How many pages the map holds (after normalizing titles).
    #[must_use]
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }
}

impl<S: Site> Site for WithPages<S> {
    fn namespace_by_name(&self, name: &str) -> Option<Namespace> {
        self.site.namespace_by_name(name)
    }
    fn namespace_by_id(&self, id: i32) -> Option<Namespace> {
        self.site.namespace_by_id(id)
    }
    fn has_subpages(&self, namespace: i32) -> bool {
        self.site.has_subpages(namespace)
    }
    fn interwiki(&self, prefix: &str) -> Option<Interwiki> {
        self.site.interwiki(prefix)
    }
    fn interwiki_magic(&self) -> bool {
        self.site.interwiki_magic()
    }
    fn page_state(&self, title: &str) -> PageState {
        if self.pages.contains_key(title) {
            let redirect = self.pages[title].trim_start().get(..9).is_some_and(|s| s.eq_ignore_ascii_case("#redirect"));
            return if redirect { PageState::Redirect } else { PageState::Exists };
        }
        self.site.page_state(title)
    }
    fn page_source(&self, title: &str) -> Option<String> {
        self.pages.get(title).cloned().or_else(|| self.site.page_source(title))
    }
    fn url_protocols(&self) -> &[String] {
        self.site.url_protocols()
    }
    fn is_link_trail_char(&self, c: char) -> bool {
        self.site.is_link_trail_char(c)
    }
    fn link_trail_len(&self, after: &str) -> usize {
        self.site.link_trail_len(after)
    }
    fn link_prefix_len(&self, before: &str) -> usize {
        self.site.link_prefix_len(before)
    }
    fn main_page(&self) -> &str {
        self.site.main_page()
    }
    fn is_disambiguation(&self, title: &str) -> bool {
        self.site.is_disambiguation(title)
    }
    fn extension_tag_names(&self) -> Vec<String> {
        self.site.extension_tag_names()
    }
    fn is_extension_tag(&self, name: &str) -> bool {
        self.site.is_extension_tag(name)
    }
    fn is_behavior_switch(&self, name: &str) -> bool {
        self.site.is_behavior_switch(name)
    }
    fn behavior_switch(&self, text: &str) -> Option<String> {
        self.site.behavior_switch(text)
    }
    fn variable(&self, name: &str) -> Option<String> {
        self.site.variable(name)
    }
    fn parser_function(&self, name: &str) -> Option<String> {
        self.site.parser_function(name)
    }
    fn info(&self) -> &SiteInfo {
        self.site.info()
    }
    fn now(&self) -> i64 {
        self.site.now()
    }
    fn module_runtime(&self) -> Option<&dyn ModuleRuntime> {
        self.site.module_runtime()
    }
    fn media_option(&self, text: &str) -> Option<(String, Option<String>)> {
        self.site.media_option(text)
    }
    fn language(&self) -> &str {
        self.site.language()
    }
    fn is_bad_file(&self, name: &str) -> bool {
        self.site.is_bad_file(name)
    }
    fn media_info(&self, name: &str) -> Option<MediaInfo> {
        self.site.media_info(name)
    }
}
