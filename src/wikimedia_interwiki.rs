//! Wikimedia's interwiki map, for the wikis of its multilingual projects:
//! what `[[fr:Paris]]`, `[[:de:Berlin]]`, `[[wikt:word]]` or
//! `[[c:File:X.jpg]]` link to on a Wikipedia, a Wiktionary ... A dump's
//! `<siteinfo>` lists no interwikis, so without this map every such link
//! rendered as a red link to a page of the wiki itself.
//!
//! The map is the one "Help:Interwiki linking on Wikimedia wikis" (Meta)
//! describes:
//! - every language edition of the wiki's own project is an interlanguage
//!   prefix (`fr:` on a Wikipedia is the French Wikipedia; an interlanguage
//!   link in the page, an interwiki link with a leading colon); the wiki's
//!   own language code is the wiki itself (`[[en:Foo]]` on the English
//!   Wikipedia is `[[Foo]]`, as Wikimedia's `$wgLocalInterwikis` says);
//!   codes that stand for another wiki's (`nb:` for `no:`) link there;
//! - each multilingual project by its long and short name (`wiktionary:`,
//!   `wikt:`) is that project in the wiki's language;
//! - Wikimedia's single wikis: Commons (`commons:`, `c:`), Meta (`meta:`,
//!   `m:` ...), Wikispecies, Incubator, MediaWiki.org (`mw:`), Wikidata
//!   (`d:`), the Foundation wiki (`wmf:` ...), Phabricator (`phab:`) ...
//!
//! The language editions come from [`crate::wikimedia_languages`]
//! (generated). Meta's global map of external sites (`google:` ...) is not
//! included. A project prefix points at the wiki's language even where that
//! project has no edition in it.

use wikitext_site::site::Interwiki;

use crate::wikimedia_languages::{LANGUAGE_ALIASES, PROJECT_LANGUAGES};

/// Wikimedia's multilingual projects: `(project, long prefix, short prefix)`.
const PROJECTS: &[(&str, &str, &str)] = &[
    ("wikipedia", "wikipedia", "w"),
    ("wiktionary", "wiktionary", "wikt"),
    ("wikinews", "wikinews", "n"),
    ("wikibooks", "wikibooks", "b"),
    ("wikiquote", "wikiquote", "q"),
    ("wikisource", "wikisource", "s"),
    ("wikiversity", "wikiversity", "v"),
    ("wikivoyage", "wikivoyage", "voy"),
];

/// Wikimedia's wikis in one language, and Phabricator: `(prefixes, URL,
/// whether it is a wiki of Wikimedia's farm)`.
const SITES: &[(&[&str], &str, bool)] = &[
    (&["commons", "c"], "https://commons.wikimedia.org/wiki/$1", true),
    (&["meta", "m", "metawiki", "metawikimedia", "metawikipedia"], "https://meta.wikimedia.org/wiki/$1", true),
    (&["wikispecies", "species"], "https://species.wikimedia.org/wiki/$1", true),
    (&["incubator"], "https://incubator.wikimedia.org/wiki/$1", true),
    (&["mediawikiwiki", "mw"], "https://www.mediawiki.org/wiki/$1", true),
    (&["wikidata", "d"], "https://www.wikidata.org/wiki/$1", true),
    (&["wikifunctions"], "https://www.wikifunctions.org/wiki/$1", true),
    (&["wikimedia", "foundation", "wmf"], "https://foundation.wikimedia.org/wiki/$1", true),
    (&["oldwikisource"], "https://wikisource.org/wiki/$1", true),
    (&["outreach"], "https://outreach.wikimedia.org/wiki/$1", true),
    (&["wikitech"], "https://wikitech.wikimedia.org/wiki/$1", true),
    (&["phabricator", "phab"], "https://phabricator.wikimedia.org/$1", false),
];

/// A wiki of one of Wikimedia's multilingual projects: its project and
/// language edition (`wiktionary`, `de`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikimediaWiki {
    project: &'static str,
    /// The project's editions, sorted (from [`PROJECT_LANGUAGES`]).
    editions: &'static [&'static str],
    /// The edition's subdomain (`de`, `be-tarask`, `zh-min-nan`).
    edition: String,
}

impl WikimediaWiki {
    /// The wiki at `server` (`https://de.wiktionary.org`, as a dump's
    /// `<base>` gives it), if it is a language edition of one of the
    /// projects; `None` for any other site.
    #[must_use]
    pub fn from_server(server: &str) -> Option<WikimediaWiki> {
        let host = server.split("//").nth(1).unwrap_or(server).split(['/', ':']).next()?;
        let host = host.to_ascii_lowercase();
        let host = host.strip_suffix(".org")?;
        let (edition, project) = host.rsplit_once('.')?;
        let edition = edition.strip_suffix(".m").unwrap_or(edition);
        let &(project, editions) = PROJECT_LANGUAGES.iter().find(|(p, _)| *p == project)?;
        Some(WikimediaWiki { project, editions, edition: edition.to_string() }).filter(|w| w.has_edition(&w.edition))
    }

    fn has_edition(&self, code: &str) -> bool {
        self.editions.binary_search(&code).is_ok()
    }

    /// The URL pattern of the `edition` of `project`.
    fn url(project: &str, edition: &str) -> String {
        if project == "wikisource" && edition == "mul" {
            // The multilingual Wikisource has no subdomain.
            return "https://wikisource.org/wiki/$1".to_string();
        }
        format!("https://{edition}.{project}.org/wiki/$1")
    }

    /// The map's entry for `prefix` (lower case), if the map has one.
    #[must_use]
    pub fn interwiki(&self, prefix: &str) -> Option<Interwiki> {
        let wikimedia = |url: String| Interwiki { local: true, ..Interwiki::new(url) };
        // A language edition of the wiki's project, by its code or by a
        // code that stands for it.
        let edition = if self.has_edition(prefix) {
            Some(prefix)
        } else {
            LANGUAGE_ALIASES.iter().find(|(alias, _)| *alias == prefix).map(|(_, code)| *code).filter(|code| self.has_edition(code))
        };
        if let Some(edition) = edition {
            return Some(Interwiki {
                language: true,
                local_interwiki: prefix == self.edition,
                ..wikimedia(Self::url(self.project, edition))
            });
        }
        if let Some((project, ..)) = PROJECTS.iter().find(|(_, long, short)| prefix == *long || prefix == *short) {
            return Some(wikimedia(Self::url(project, &self.edition)));
        }
        let &(_, url, local) = SITES.iter().find(|(prefixes, ..)| prefixes.contains(&prefix))?;
        Some(Interwiki { local, ..Interwiki::new(url) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_editions_are_sorted_for_binary_search() {
        for (project, editions) in PROJECT_LANGUAGES {
            assert!(editions.windows(2).all(|w| w[0] < w[1]), "{project}");
            assert!(PROJECTS.iter().any(|(p, ..)| p == project), "{project}");
        }
        assert!(PROJECT_LANGUAGES.iter().any(|(p, e)| *p == "wikipedia" && e.len() > 300));
    }

    #[test]
    fn a_wiki_is_known_by_its_server() {
        let en = WikimediaWiki::from_server("https://en.wikipedia.org").unwrap();
        assert_eq!((en.project, en.edition.as_str()), ("wikipedia", "en"));
        let de = WikimediaWiki::from_server("https://de.wiktionary.org/wiki/Wiktionary:Hauptseite").unwrap();
        assert_eq!((de.project, de.edition.as_str()), ("wiktionary", "de"));
        assert_eq!(WikimediaWiki::from_server("//be-tarask.wikipedia.org").unwrap().edition, "be-tarask");
        assert_eq!(WikimediaWiki::from_server("https://fr.m.wikipedia.org").unwrap().edition, "fr");
        for other in ["https://commons.wikimedia.org", "https://example.org", "http://localhost", "https://xx.wikipedia.org", ""] {
            assert_eq!(WikimediaWiki::from_server(other), None, "{other}");
        }
    }

    #[test]
    fn language_editions_are_interlanguage_prefixes() {
        let en = WikimediaWiki::from_server("https://en.wikipedia.org").unwrap();
        let fr = en.interwiki("fr").unwrap();
        assert_eq!(fr.url, "https://fr.wikipedia.org/wiki/$1");
        assert!(fr.language && fr.local && !fr.local_interwiki);
        assert_eq!(en.interwiki("nb").unwrap().url, "https://no.wikipedia.org/wiki/$1", "an alias");
        assert_eq!(en.interwiki("be-x-old").unwrap().url, "https://be-tarask.wikipedia.org/wiki/$1");
        assert_eq!(en.interwiki("zh-min-nan").unwrap().url, "https://zh-min-nan.wikipedia.org/wiki/$1");
        assert!(en.interwiki("aa").is_some_and(|iw| iw.language), "a closed wiki keeps its prefix");
        assert!(en.interwiki("en").unwrap().local_interwiki, "the wiki's own language is the wiki");
        let voy = WikimediaWiki::from_server("https://de.wikivoyage.org").unwrap();
        assert_eq!(voy.interwiki("fr").unwrap().url, "https://fr.wikivoyage.org/wiki/$1");
        assert_eq!(voy.interwiki("ace"), None, "no Acehnese Wikivoyage");
    }

    #[test]
    fn projects_and_single_wikis() {
        let de = WikimediaWiki::from_server("https://de.wikipedia.org").unwrap();
        for (prefix, url) in [
            ("wikt", "https://de.wiktionary.org/wiki/$1"),
            ("wiktionary", "https://de.wiktionary.org/wiki/$1"),
            ("w", "https://de.wikipedia.org/wiki/$1"),
            ("voy", "https://de.wikivoyage.org/wiki/$1"),
            ("c", "https://commons.wikimedia.org/wiki/$1"),
            ("commons", "https://commons.wikimedia.org/wiki/$1"),
            ("m", "https://meta.wikimedia.org/wiki/$1"),
            ("mw", "https://www.mediawiki.org/wiki/$1"),
            ("d", "https://www.wikidata.org/wiki/$1"),
            ("species", "https://species.wikimedia.org/wiki/$1"),
            ("wmf", "https://foundation.wikimedia.org/wiki/$1"),
            ("phab", "https://phabricator.wikimedia.org/$1"),
        ] {
            let iw = de.interwiki(prefix).unwrap_or_else(|| panic!("{prefix}"));
            assert_eq!(iw.url, url, "{prefix}");
            assert!(!iw.language && !iw.local_interwiki, "{prefix}");
        }
        assert!(!de.interwiki("phab").unwrap().local, "Phabricator is no wiki of the farm");
        assert_eq!(de.interwiki("google"), None, "Meta's global map is not included");
        assert_eq!(de.interwiki("xyz"), None);
        let mul = WikimediaWiki::from_server("https://en.wikisource.org").unwrap();
        assert_eq!(mul.interwiki("mul").unwrap().url, "https://wikisource.org/wiki/$1");
    }
}
