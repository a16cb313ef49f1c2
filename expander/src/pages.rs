//! Page sources: a map of title → wikitext held in memory, or any lookup
//! of the caller's ([`PageLookup`]: a closure, a database, a binding's
//! callback), and the [`Site`] wrapper that answers page sources and
//! existence from it and everything else from the site it wraps.

use rustc_hash::FxHashMap;
use wikitext_site::layer::SiteLayer;
use wikitext_site::site::PageState;
use wikitext_site::title::Title;
use wikitext_site::Site;

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
        WithPages { site, pages: PageMap(map) }
    }
}

impl<T: Into<String>, U: Into<String>> FromIterator<(T, U)> for PageSources {
    fn from_iter<I: IntoIterator<Item = (T, U)>>(iter: I) -> Self {
        PageSources { pages: iter.into_iter().map(|(t, u)| (t.into(), u.into())).collect() }
    }
}

/// Where [`WithPages`] finds page sources. Any
/// `Fn(&str) -> Option<String> + Send + Sync` is one; it is asked with a
/// normalized prefixed title (`"Template:Foo bar"`).
pub trait PageLookup: Send + Sync {
    /// The wikitext of the page titled `title`, or `None` when it is missing.
    fn page_source(&self, title: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String> + Send + Sync> PageLookup for F {
    fn page_source(&self, title: &str) -> Option<String> {
        self(title)
    }
}

/// The pages of a [`PageSources`], by normalized title.
#[derive(Debug, Default)]
pub struct PageMap(FxHashMap<String, String>);

impl PageLookup for PageMap {
    fn page_source(&self, title: &str) -> Option<String> {
        self.0.get(title).cloned()
    }
}

/// A [`Site`] whose page sources come from a [`PageLookup`] first (a
/// [`PageSources`] map by default); a page it has exists (or is a
/// redirect, if its text is one). Everything else is the wrapped site's.
#[derive(Debug)]
pub struct WithPages<S, P = PageMap> {
    site: S,
    pages: P,
}

impl<S: Site, P: PageLookup> WithPages<S, P> {
    /// `site` with page sources from `pages`.
    pub fn new(site: S, pages: P) -> Self {
        WithPages { site, pages }
    }
}

impl<S, P> WithPages<S, P> {
    /// The wrapped site.
    pub fn inner(&self) -> &S {
        &self.site
    }

    /// The site and the lookup, taken apart.
    pub fn into_parts(self) -> (S, P) {
        (self.site, self.pages)
    }
}

impl<S> WithPages<S, PageMap> {
    /// How many pages the map holds (after normalizing titles).
    #[must_use]
    pub fn page_count(&self) -> usize {
        self.pages.0.len()
    }
}

fn is_redirect(text: &str) -> bool {
    text.trim_start().get(..9).is_some_and(|s| s.eq_ignore_ascii_case("#redirect"))
}

impl<S: Site, P: PageLookup> SiteLayer for WithPages<S, P> {
    fn inner(&self) -> &dyn Site {
        &self.site
    }
    fn page_state(&self, title: &str) -> PageState {
        match self.pages.page_source(title) {
            Some(text) if is_redirect(&text) => PageState::Redirect,
            Some(_) => PageState::Exists,
            None => self.site.page_state(title),
        }
    }
    fn page_source(&self, title: &str) -> Option<String> {
        self.pages.page_source(title).or_else(|| self.site.page_source(title))
    }
}
