//! The wiki a parser-test case renders against.
//!
//! Parsoid's runner gives every case a mock wiki: the pages of the file's
//! `!! article` blocks, plus what its mock API knows (parsertests-site.json
//! describes it, SITE-NOTES.md explains it). This module is the one place
//! where that wiki is built.

use std::path::{Path, PathBuf};

use wikitext_site::site_config::ConfigSite;
use wikitext_html::{DefaultSite, Site};

use super::config::{case_settings, CaseSettings, TestConfig};
use super::options::TestOptions;

/// Builds the mock wiki for each case of one test file: the site JSON is
/// read and parsed once per language, the file's articles added once.
#[derive(Debug, Clone)]
pub struct SiteFactory {
    shared: PathBuf,
    /// The default (enwiki) site with the file's articles, when the site
    /// description could be read.
    base: Option<ConfigSite>,
    articles: Vec<(String, String)>,
}

impl SiteFactory {
    /// A factory for a file in `<shared>/parsertests/`, with its articles.
    #[must_use]
    pub fn new(test_file: &Path, articles: &[(String, String)]) -> SiteFactory {
        let shared = test_file.parent().and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default();
        let mut factory = SiteFactory { shared, base: None, articles: articles.to_vec() };
        factory.base = factory.build(None);
        factory
    }

    fn build(&self, language: Option<&str>) -> Option<ConfigSite> {
        let site_json = std::fs::read_to_string(self.shared.join("parsertests-site.json")).ok()?;
        let languages_json = match language {
            Some(_) => std::fs::read_to_string(self.shared.join("parsertests-languages.json")).ok(),
            None => None,
        };
        let mut site = ConfigSite::parser_tests(&site_json, languages_json.as_deref(), language).ok()?;
        for (title, text) in &self.articles {
            site.add_page(title, text);
        }
        Some(site)
    }

    /// What a case's `!! config` and `!! options` make of its wiki, at the
    /// wiki's clock.
    #[must_use]
    pub fn case_settings(&self, case_options: &TestOptions, case_config: &TestConfig) -> CaseSettings {
        let now = self.base.as_ref().map_or(0, Site::now);
        case_settings(case_config, case_options, now)
    }

    /// The site for one case: the file's wiki in the case's language, with
    /// the case's `!! config` and site-changing options applied, and the
    /// test page itself existing while its test runs.
    #[must_use]
    pub fn site_for_case(&self, case_options: &TestOptions, case_config: &TestConfig, page_title: &str) -> Box<dyn Site> {
        let language = case_options.get("language").and_then(|v| v.as_text()).map(str::trim).filter(|l| !l.is_empty() && *l != "en");
        let site = match language {
            Some(lang) => self.build(Some(lang)),
            None => self.base.clone(),
        };
        match site {
            Some(mut site) => {
                site.add_page(page_title, "");
                site.apply_settings(&self.case_settings(case_options, case_config).settings);
                let annotations = site.is_extension_tag("dummyanno");
                let raw_html = site.is_extension_tag("html");
                let style_tag = site.is_extension_tag("style");
                let with_tags = super::tag_hooks::parser_test_tags(annotations, raw_html, style_tag).over(site);
                Box::new(super::function_hooks::parser_test_functions().over(with_tags))
            }
            None => Box::new(DefaultSite::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parsertests::{parsertests_dir, shared_dir_for_root};

    /// A factory for a (not necessarily existing) file in the shared
    /// parser-test directory, or `None` without the shared data.
    fn factory() -> Option<SiteFactory> {
        let dir = parsertests_dir(&shared_dir_for_root(Path::new(env!("CARGO_MANIFEST_DIR"))));
        dir.join("..").join("parsertests-site.json").is_file().then(|| SiteFactory::new(&dir.join("config-test.txt"), &[]))
    }

    fn render(site: &dyn Site, wikitext: &str) -> String {
        let tree = crate::parse_for_site(wikitext, site);
        wikitext_html::render_owned(tree, site, &wikitext_html::RenderOptions::fragment())
    }

    #[test]
    fn config_and_options_reach_the_site() {
        let Some(factory) = factory() else { return };
        let plain = factory.site_for_case(&TestOptions::default(), &TestConfig::default(), "Parser test");
        assert_eq!(plain.info().local_offset_minutes, 0);
        assert!(!plain.info().string_functions);
        assert!(plain.interwiki_magic());
        assert!(plain.interwiki("pmid").is_none());

        let config = TestConfig::parse(
            "wgLocaltimezone=\"Asia/Kolkata\"\nwgPFEnableStringFunctions=true\nwgInterwikiMagic=false\nwgFragmentMode=[\"legacy\"]",
        );
        let options = TestOptions::parse("subpage pmid-interwiki styletag");
        let site = factory.site_for_case(&options, &config, "Parser test");
        assert_eq!(site.info().local_offset_minutes, 330);
        assert!(site.info().string_functions);
        assert!(!site.interwiki_magic());
        assert!(site.has_subpages(0));
        assert!(site.interwiki("pmid").is_some_and(|iw| iw.local));
        assert!(site.is_extension_tag("style"));
        let html = render(site.as_ref(), "{{#len:abcd}}");
        assert!(html.contains(">4<"), "{html}");
        let unapplied = factory.case_settings(&options, &config).unapplied;
        assert_eq!(unapplied.len(), 1);
        assert_eq!(unapplied[0].key, "wgFragmentMode");
    }

    #[test]
    fn mock_section_and_raw_html_render_empty_as_a_link() {
        let Some(factory) = factory() else { return };
        let site = factory.site_for_case(&TestOptions::default(), &TestConfig::default(), "Parser test");
        // The mock wiki's `<section>` renders nothing: a `<link>`, which
        // makes its line a paragraph (an empty one).
        let html = render(site.as_ref(), "<section begin=\"a\" />\n<section end=\"a\" />");
        assert!(html.starts_with("<p class=\"mw-empty-elt\"><link typeof=\"mw:Extension/section\""), "{html}");
        // Fostered out of a table, it stays bare.
        let html = render(site.as_ref(), "{|\n<section name=\"t\"/>\n| 1\n|}");
        assert!(html.starts_with("<link typeof=\"mw:Extension/section\""), "{html}");
        // `<html>` is a tag only with `wgrawhtml=1`.
        assert!(!site.is_extension_tag("html"));
        let raw = factory.site_for_case(&TestOptions::parse("wgrawhtml=1"), &TestConfig::default(), "Parser test");
        let html = render(raw.as_ref(), "<html/>");
        assert!(html.starts_with("<p class=\"mw-empty-elt\"><link typeof=\"mw:Extension/html\""), "{html}");
        let html = render(raw.as_ref(), "<html><b>x</b><script>alert(1)</script></html>");
        assert!(html.contains(">x</b>") && !html.contains("<script"), "{html}");
    }

    #[test]
    fn a_templates_leading_template_styles_sit_in_an_interstitial_span() {
        let Some(factory) = factory() else { return };
        let site = factory.site_for_case(&TestOptions::default(), &TestConfig::default(), "Parser test");
        // In a caption, the transclusion's leading `<style>` goes into an
        // empty-element span that carries it; the div keeps the caption.
        let html = render(site.as_ref(), "[[File:Foobar.jpg|thumb|{{#if:1|<templatestyles src='a.css' /><div>foo</div>}}]]");
        assert!(html.contains("<figcaption><span class=\"mw-empty-elt\" about=\"#mwt2\" typeof=\"mw:Transclusion\""), "{html}");
        assert!(html.contains("</style></span><div about=\"#mwt2\">foo</div></figcaption>"), "{html}");
    }
}
