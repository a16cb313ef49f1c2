//! The wiki a parser-test case renders against.
//!
//! Parsoid's runner gives every case a mock wiki: the pages of the file's
//! `!! article` blocks, plus what its mock API knows (parsertests-site.json
//! describes it, SITE-NOTES.md explains it). This module is the one seam where
//! that wiki is built, so that a `ConfigSite` from parsertests-site.json can be
//! plugged in without touching the runner.

use wikitext_html::{DefaultSite, Site};

use super::options::TestOptions;

/// The site for one case, given every `!! article` of its file as
/// `(title, text)` and the case's options (`language=`, `title=`, …).
///
/// For now this is the empty default wiki.
// TODO: build a `ConfigSite` from parsertests-site.json (and
// parsertests-languages.json for `language=`), with `file_articles` as the
// existing pages, once the renderer crate provides it.
#[must_use]
pub fn site_for_case(file_articles: &[(String, String)], case_options: &TestOptions) -> Box<dyn Site> {
    let _ = (file_articles, case_options);
    Box::new(DefaultSite::default())
}
