//! The parser tests' mock wiki, loaded from the real shared description.
//!
//! The shared data lives outside the repository (`$WIKITEXT_SHARED`, default
//! `../shared` beside the repository root); without it these tests print a
//! note and pass.

use std::path::PathBuf;

use wikitext_site::magic_words::{BehaviorSwitch, ParserFunction, Variable};
use wikitext_site::site::{PageState, Site};
use wikitext_site::site_config::ConfigSite;
use wikitext_site::title::Title;

fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("WIKITEXT_SHARED").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
        PathBuf::from,
    );
    if dir.join("parsertests-site.json").is_file() {
        Some(dir)
    } else {
        eprintln!("skipping: shared data not found at {} (set WIKITEXT_SHARED)", dir.display());
        None
    }
}

fn site(language: Option<&str>) -> Option<ConfigSite> {
    let dir = shared_dir()?;
    let site_json = std::fs::read_to_string(dir.join("parsertests-site.json")).ok()?;
    let languages = std::fs::read_to_string(dir.join("parsertests-languages.json")).ok();
    Some(ConfigSite::parser_tests(&site_json, languages.as_deref(), language).expect("site loads"))
}

fn href(site: &ConfigSite, text: &str) -> String {
    Title::parse(text, 0, site).unwrap_or_else(|| panic!("{text:?} parses")).href()
}

#[test]
fn namespaces_follow_the_site_notes() {
    let Some(site) = site(None) else { return };
    assert_eq!(site.namespace_by_id(4).unwrap().name, "Base MW");
    assert_eq!(site.namespace_by_name("project").unwrap().id, 4);
    assert_eq!(site.namespace_by_name("WP").unwrap().id, 4);
    assert_eq!(site.namespace_by_name("base mw talk").unwrap().id, 5);
    assert!(site.namespace_by_name("Wikipedia").is_none(), "Wikipedia: is an interwiki");
    assert!(site.namespace_by_name("Portal").is_none());
    assert_eq!(site.namespace_by_name("portal_talk").unwrap().id, 101);
    assert_eq!(site.namespace_by_name("MemoryAlpha").unwrap().id, 100);
    assert_eq!(site.namespace_by_name("image").unwrap().id, 6);
    assert_eq!(site.namespace_by_name("TM").unwrap().id, 10);

    let title = Title::parse("project:Foo", 0, &site).unwrap();
    assert_eq!(title.prefixed_text(), "Base MW:Foo");
    let title = Title::parse("memoryalpha:AlphaTest", 0, &site).unwrap();
    assert_eq!(title.href(), "./MemoryAlpha:AlphaTest");
    let title = Title::parse("Wikipedia:Foo", 0, &site).unwrap();
    assert_eq!(title.interwiki(), Some("wikipedia"));
    assert_eq!(title.href(), "http://en.wikipedia.org/wiki/Foo");
}

#[test]
fn interwiki_links() {
    let Some(site) = site(None) else { return };
    // interwikiLinks.txt.
    assert_eq!(
        href(&site, "meatball:Main Page"),
        "http://www.usemod.com/cgi-bin/mb.pl?Main%20Page"
    );
    assert_eq!(
        href(&site, "meatball:ok as well?"),
        "http://www.usemod.com/cgi-bin/mb.pl?ok%20as%20well%3F"
    );
    assert_eq!(
        href(&site, "meatball:Soft\"Security"),
        "http://www.usemod.com/cgi-bin/mb.pl?Soft\"Security"
    );
    assert_eq!(
        href(&site, "meatball:Foo#Is this great?"),
        "http://www.usemod.com/cgi-bin/mb.pl?Foo#Is_this_great.3F"
    );
    assert_eq!(href(&site, "meatball:Test#1/2"), "http://www.usemod.com/cgi-bin/mb.pl?Test#1.2F2");
    assert_eq!(href(&site, ":en:Foo#Is this great?"), "//en.wikipedia.org/wiki/Foo#Is_this_great?");
    assert_eq!(
        href(&site, ":es:Nueva Guipúzcoa"),
        "http://es.wikipedia.org/wiki/Nueva%20Guipúzcoa"
    );
    assert_eq!(
        href(&site, "gerrit:#/q/project:mediawiki/services/parsoid"),
        "https://gerrit.wikimedia.org/#/q/project:mediawiki/services/parsoid"
    );
    assert_eq!(href(&site, "wikipedia:en:Foo"), "http://en.wikipedia.org/wiki/en:Foo");
    assert!(Title::parse("meatball:Foo<Bar", 0, &site).is_none());

    // Local interwikis are plain internal links.
    assert_eq!(href(&site, "local:Main Page"), "./Main_Page");
    assert_eq!(href(&site, "mi:Main Page"), "./Main_Page");
    assert_eq!(Title::parse("local:", 0, &site).unwrap().prefixed_text(), "Main Page");

    // interlanguageLinks.txt.
    let title = Title::parse("es:Foo bar?", 0, &site).unwrap();
    assert!(title.is_language_link(&site));
    assert_eq!(title.language_href(), "http://es.wikipedia.org/wiki/Foo_bar%3F");
    let title = Title::parse(":zh:Chinese", 0, &site).unwrap();
    assert!(!title.is_language_link(&site));
    let title = Title::parse("mul:Foo", 0, &site).unwrap();
    assert!(title.is_language_link(&site));
    assert_eq!(title.interwiki_info().unwrap().link_text.as_deref(), Some("Multilingual"));
    assert!(!Title::parse("meatball:Foo", 0, &site).unwrap().is_language_link(&site));
    assert!(Title::parse("Talk:fr:Foo", 0, &site).is_none());
}

#[test]
fn local_hrefs() {
    let Some(site) = site(None) else { return };
    assert_eq!(href(&site, "Söfnuður"), "./Söfnuður");
    assert_eq!(href(&site, "User:Foo/Test/63636:Bar"), "./User:Foo/Test/63636:Bar");
    assert_eq!(href(&site, "user talk:foo bar"), "./User_talk:Foo_bar");
    assert_eq!(
        href(&site, "Category:MediaWiki User's Guide#Foo"),
        "./Category:MediaWiki_User's_Guide#Foo"
    );
    assert_eq!(href(&site, "Foo#&#58;stuff"), "./Foo#&#58;stuff");
    assert_eq!(href(&site, "Main Page#And#Link"), "./Main_Page#And#Link");
    let title = Title::parse("1x", 10, &site).unwrap();
    assert_eq!(title.prefixed_db_key(), "Template:1x");
}

#[test]
fn page_existence() {
    let Some(mut site) = site(None) else { return };
    assert_eq!(site.page_state("Main Page"), PageState::Missing);
    site.add_page("Main Page", "Hello");
    site.add_page("Doesnotexist", "x");
    site.add_page("Template:1x", "{{{1}}}");
    assert_eq!(site.page_state("Main Page"), PageState::Exists);
    assert_eq!(site.page_state("Main_Page"), PageState::Exists);
    assert_eq!(site.page_source("Template:1x").as_deref(), Some("{{{1}}}"));
    assert_eq!(site.page_state("Doesnotexist"), PageState::Missing);
    assert_eq!(site.page_state("Redirected"), PageState::Redirect);
    assert_eq!(site.page_state("Disambiguation"), PageState::Exists);
    assert!(site.is_disambiguation("Disambiguation"));
    assert_eq!(site.page_state("Special:Version"), PageState::Exists);
    assert_eq!(site.page_state("Special:BookSources/0978739256"), PageState::Exists);
    assert_eq!(site.page_state("Special:Upload"), PageState::Missing);
    assert_eq!(site.page_state("File:Foobar.jpg"), PageState::Exists);
    assert_eq!(site.page_state("File:Nope.jpg"), PageState::Missing);
    site.remove_page("Main Page");
    assert_eq!(site.page_state("Main Page"), PageState::Missing);
    assert_eq!(site.main_page(), "Main Page");
}

#[test]
fn media() {
    let Some(site) = site(None) else { return };
    let foobar = site.media_info("Foobar.jpg").unwrap();
    assert_eq!((foobar.width, foobar.height), (1941, 220));
    assert_eq!(foobar.url, "http://example.com/images/3/3a/Foobar.jpg");
    assert_eq!(foobar.media_type, "BITMAP");
    assert_eq!(site.media_info("File:Foobar.jpg"), Some(foobar));
    let amp = site.media_info("File & file.jpg").unwrap();
    assert_eq!(amp.url, "http://example.com/images/1/1f/File_%26_file.jpg");
    assert_eq!(site.media_info("LoremIpsum.djvu").unwrap().page_count, Some(5));
    assert!(site.media_info("Video.ogv").unwrap().duration.is_some());
    assert!(site.media_info("Nonexistent.jpg").is_none());
    assert!(site.is_bad_file("Bad.jpg"));
    assert!(!site.is_bad_file("Foobar.jpg"));
}

#[test]
fn link_trails_and_prefixes() {
    let Some(en) = site(None) else { return };
    assert_eq!(en.link_trail_len("abc def"), 3);
    assert_eq!(en.link_trail_len("Abc"), 0);
    assert_eq!(en.link_trail_len("éa"), 0);
    assert_eq!(en.link_prefix_len("abc"), 0);
    let de = site(Some("de")).unwrap();
    assert_eq!(de.link_trail_len("äöüßx!"), "äöüßx".len());
    let ca = site(Some("ca")).unwrap();
    assert_eq!(ca.link_trail_len("l'a b"), 3);
    assert_eq!(ca.link_trail_len("a''b"), 1);
    let zh = site(Some("zh")).unwrap();
    assert_eq!(zh.link_trail_len("abc"), 0);
    let ln = site(Some("ln")).unwrap();
    assert_eq!(ln.link_prefix_len("x yzé"), "yzé".len());
}

#[test]
fn languages() {
    let Some(de) = site(Some("de")) else { return };
    assert_eq!(de.language(), "de");
    assert_eq!(de.namespace_by_id(6).unwrap().name, "Datei");
    assert_eq!(de.namespace_by_name("File").unwrap().id, 6);
    assert_eq!(de.namespace_by_name("Benutzerin").unwrap().id, 2);
    assert_eq!(href(&de, "Image:Foobar.svg"), "./Datei:Foobar.svg");
    assert!(de.media_info("Foobar.jpg").is_some());
    assert!(de.media_info("Thumb.png").is_none());
    assert!(de.is_extension_tag("abschnitt"));
    assert!(Title::parse("wikipedia:Foo", 0, &de).unwrap().interwiki().is_none());
    assert_eq!(de.namespace_by_name("memoryalpha").map(|n| n.id), Some(100));

    let tr = site(Some("tr")).unwrap();
    assert_eq!(Title::parse("istanbul", 0, &tr).unwrap().db_key(), "İstanbul");
    let fr = site(Some("fr")).unwrap();
    assert!(fr.media_info("Foobar.jpg").is_none());

    // Every described language loads; an unknown one is an error.
    for lang in [
        "ar",
        "ban",
        "be-tarask",
        "ca",
        "cs",
        "en",
        "eo",
        "es",
        "fa",
        "fi",
        "fr",
        "is",
        "ja",
        "kaa",
        "ln",
        "nl",
        "ru",
        "sr",
        "tr",
        "zh",
    ] {
        let s = site(Some(lang)).unwrap();
        assert!(s.namespace_by_id(10).is_some(), "{lang}");
        assert_eq!(s.namespace_by_id(100).unwrap().name, "MemoryAlpha", "{lang}");
    }
    let dir = shared_dir().unwrap();
    let site_json = std::fs::read_to_string(dir.join("parsertests-site.json")).unwrap();
    let langs = std::fs::read_to_string(dir.join("parsertests-languages.json")).unwrap();
    assert!(ConfigSite::parser_tests(&site_json, Some(&langs), Some("xx")).is_err());
}

#[test]
fn magic_words() {
    let Some(site) = site(None) else { return };
    assert_eq!(site.behavior_switch("__NOTOC__"), Some(BehaviorSwitch::NoToc));
    assert_eq!(site.behavior_switch("__notoc__"), Some(BehaviorSwitch::NoToc));
    assert_eq!(site.behavior_switch("__HIDDENCAT__"), Some(BehaviorSwitch::HiddenCat));
    assert_eq!(site.behavior_switch("__hiddencat__"), None, "HIDDENCAT is case-sensitive");
    assert!(site.is_behavior_switch("NOTOC"));
    assert_eq!(site.variable("CURRENTYEAR"), Some(Variable::CurrentYear));
    assert_eq!(site.variable("currentyear"), None);
    assert_eq!(site.parser_function("#if"), Some(ParserFunction::If));
    assert_eq!(site.parser_function("#IF"), Some(ParserFunction::If));
    use wikitext_site::site::MediaOption;
    assert_eq!(site.media_option("thumb"), Some(MediaOption::Thumbnail));
    assert_eq!(site.media_option("300px"), Some(MediaOption::Size("300".into())));
    assert_eq!(site.media_option("alt=Foo bar"), Some(MediaOption::Alt("Foo bar".into())));
    assert_eq!(site.media_option("upright=0.5"), Some(MediaOption::Upright(Some("0.5".into()))));
    assert_eq!(site.media_option("caption text"), None);
    assert!(site.is_extension_tag("tåg"));
    assert!(site.is_extension_tag("nowiki"));
    assert!(!site.is_extension_tag("style"));
    assert!(site.url_protocols().iter().any(|p| p == "wikipedia://"));
    let de = self::site(Some("de")).unwrap();
    assert_eq!(de.parser_function("#wechsle"), Some(ParserFunction::Switch));
    // The runner's test functions, in every language, by the spellings
    // its handlers register: `#` unless "nohash", a full-width `＃` too.
    assert_eq!(de.parser_function("#F1_wt"), Some(ParserFunction::Other("f1_wt".into())));
    assert_eq!(de.parser_function("＃f1_wt"), Some(ParserFunction::Other("f1_wt".into())));
    assert_eq!(de.parser_function("f1_wt"), None);
    assert_eq!(site.parser_function("f1_wt_nohash"), Some(ParserFunction::Other("f1_wt_nohash".into())));
    assert_eq!(site.parser_function("#f1_wt_hash"), Some(ParserFunction::Other("f1_wt_nohash".into())));
    assert_eq!(site.parser_function("#F2_if"), None);
}

/// Every `!! article` title in the test files normalizes to the key the
/// site description lists for its file.
#[test]
fn article_titles_normalize_like_parsoid() {
    let Some(dir) = shared_dir() else { return };
    let Some(site) = site(None) else { return };
    let root: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("parsertests-site.json")).unwrap())
            .unwrap();
    let files = root.pointer("/pages/articleBlocksByFile/files").unwrap().as_object().unwrap();
    let mut checked = 0;
    for (file, keys) in files {
        let Ok(text) = std::fs::read_to_string(dir.join("parsertests").join(file)) else {
            continue;
        };
        let mut lines = text.lines();
        let mut titles = Vec::new();
        while let Some(line) = lines.next() {
            if line.split_whitespace().collect::<String>() == "!!article" {
                if let Some(t) = lines.next() {
                    titles.push(t.trim().to_string());
                }
            }
        }
        let expected: Vec<&str> =
            keys.as_array().unwrap().iter().filter_map(|k| k.as_str()).collect();
        let got: Vec<String> = titles
            .iter()
            .map(|t| {
                Title::parse(t, 0, &site)
                    .map_or_else(|| format!("<invalid {t}>"), |t| t.prefixed_db_key())
            })
            .collect();
        assert_eq!(got, expected, "{file}");
        checked += got.len();
    }
    assert!(checked > 100);
}

#[test]
fn enwiki_namespace_table() {
    let Some(site) = site(None) else { return };
    let table: String = site
        .namespaces()
        .iter()
        .map(|n| format!("{:>5} {:?} case_sensitive={}\n", n.id, n.name, n.case_sensitive))
        .collect();
    insta::assert_snapshot!(table);
}
