//! Property tests for rendering: any input renders without panicking, and
//! the output is safe — no script element, no event-handler attribute, no
//! `javascript:` URL — whatever the input tries.

use proptest::prelude::*;
use wikitext::{DefaultSite, RenderOptions};

/// Strings of up to `max` of `atoms`, joined.
fn concat_of(atoms: Vec<&'static str>, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(atoms), 0..max).prop_map(|v| v.concat())
}

fn hostile() -> impl Strategy<Value = String> {
    concat_of(vec![
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<div onclick=\"x\">", "</div>",
        "<a href=\"javascript:alert(1)\">", "[javascript:alert(1) x]", "[[javascript:alert(1)]]",
        "<span style=\"background:url(javascript:x)\">", "<span style=\"x:expression(alert(1))\">",
        "<svg onload=alert(1)>", "<iframe src=x>", "<style>", "&lt;script&gt;", "<b", " onmouseover=x ",
        "{|", "|}", "\n", "|", "[[", "]]", "{{", "}}", "''", "<nowiki>", "</nowiki>", "<pre>", "=",
        "http://x.y/z", "[http://a b]", "<p", ">", "\"", "'", "<!--", "-->", " ", "x",
    ], 40)
}

/// Parse the output as a browser would and check every element (the
/// checker the fuzz targets use).
fn assert_safe(html: &str) {
    if let Err(problem) = wikitext::safety::check_html(html) {
        panic!("{problem} in {html}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn hostile_input_renders_safely(s in hostile()) {
        let html = wikitext::to_html(&s, &DefaultSite::default(), &RenderOptions::fragment());
        assert_safe(&html);
    }

    #[test]
    fn arbitrary_input_renders(s in any::<String>()) {
        let html = wikitext::to_html(&s, &DefaultSite::default(), &RenderOptions::page());
        assert_safe(&html);
    }

    /// The described wikis read more markup as syntax (their namespaces,
    /// magic words, media options, link prefixes): hostile input mixed with
    /// it renders safely on each.
    #[test]
    fn hostile_input_renders_safely_on_described_wikis(s in hostile_localized(), pick in 0..known_wiki_count()) {
        let wiki = wikitext::export_site::known_wikis().nth(pick).expect("a described wiki");
        let site = wikitext::export_site::ExportSite::for_wiki(wiki).expect("described");
        let html = wikitext::to_html(&s, &site, &RenderOptions::page());
        assert_safe(&html);
    }
}

fn known_wiki_count() -> usize {
    wikitext::export_site::known_wikis().count()
}

/// [`hostile`]'s atoms with localized syntax of the described wikis.
fn hostile_localized() -> impl Strategy<Value = String> {
    concat_of(vec![
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[[javascript:alert(1)]]",
        "<span style=\"x:expression(alert(1))\">", "[[Datei:X.jpg|mini|", "[[ファイル:X.jpg|サムネイル|",
        "[[ملف:X.jpg|تصغير|", "[[Fichier:X.jpg|vignette|", "|verweis=javascript:alert(1)", "|link=javascript:x",
        "|alternativtext=\" onerror=x \"", "[[Kategorie:", "{{SEITENNAME}}", "{{#WEITERLEITUNG", "#転送 [[",
        "{{デフォルトソート:", "{{formatnum:1234.5}}", "{{#time:xtY F|2019-05-01}}", "[[", "]]", "{{", "}}", "|",
        "\n", "''", "<", ">", "\"", "x", "ab",
    ], 40)
}

/// A wiki with one image, one video and one audio file, for the media
/// surfaces (`link=`, `alt=`, `class=`, captions), and two templates that
/// give options (`{{echo|1=alt=x}}`, `{{two|right|caption}}`).
#[derive(Debug)]
struct MediaSite {
    inner: DefaultSite,
}

impl wikitext::Site for MediaSite {
    fn url_protocols(&self) -> &[String] {
        self.inner.url_protocols()
    }

    fn page_source(&self, title: &str) -> Option<String> {
        match title {
            "Template:Echo" => Some("{{{1}}}".into()),
            "Template:Two" => Some("{{{1}}}|{{{2}}}".into()),
            _ => None,
        }
    }

    fn page_state(&self, title: &str) -> wikitext::site::PageState {
        if self.page_source(title).is_some() {
            wikitext::site::PageState::Exists
        } else {
            wikitext::site::PageState::Missing
        }
    }

    fn media_info(&self, name: &str) -> Option<wikitext::site::MediaInfo> {
        let name = name.strip_prefix("File:").unwrap_or(name);
        let (media_type, mime, width, height) = match name {
            "Foo.jpg" => ("BITMAP", "image/jpeg", 640, 480),
            "Clip.ogv" => ("VIDEO", "video/ogg", 320, 240),
            "Tune.oga" => ("AUDIO", "audio/ogg", 0, 0),
            _ => return None,
        };
        Some(wikitext::site::MediaInfo {
            width,
            height,
            url: format!("http://example.org/images/a/ab/{name}"),
            media_type: media_type.into(),
            mime: mime.into(),
            file_name: name.into(),
            hash_path: "a/ab/".into(),
            duration: Some(3.5),
            ..Default::default()
        })
    }
}

fn hostile_media() -> impl Strategy<Value = String> {
    let file = prop::sample::select(vec!["Foo.jpg", "Clip.ogv", "Tune.oga", "Missing.png", "Foo.jpg#x"]);
    let option = prop::sample::select(vec![
        "thumb", "frame", "frameless", "border", "left", "none", "middle", "200px", "x50px", "upright=0.5",
        "link=javascript:alert(1)", "link=JaVaScRiPt:alert(1)", "link=java&#9;script:alert(1)", "link= javascript:x",
        "link=//evil.example/\" onmouseover=\"x", "link=http://x.y/\"onclick=alert(1)", "link=", "link=Main Page",
        "link=vbscript:msgbox(1)", "link=data:text/html,<script>alert(1)</script>",
        "alt=<script>alert(1)</script>", "alt=\" onerror=\"alert(1)", "alt=''x''", "alt=x' onload='y",
        "class=a\" onclick=\"x", "class=<script>", "lang=\"><script>", "page=1\" onload=\"x", "thumbtime=1:00\"><x",
        "start=\" onplay=\"x", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[[javascript:x|y]]",
        "[javascript:alert(1) z]", "<span onclick=x>c</span>", "{{echo|x}}", "caption ''with'' [[Link|link]]",
        "thumb=Foo.jpg", "thumb=javascript:x", "&lt;script&gt;", "\"'><svg onload=x>",
        // Options templates give (`data-mw.attribs`, `mw:Placeholder`).
        "{{echo|1=link=javascript:alert(1)}}", "{{echo|1=alt=<script>alert(1)</script>}}", "{{echo|200px}}",
        "{{echo|1=alt=''x'' <img src=x onerror=y>}}", "{{echo|thumb}}", "{{echo|1=page=1\" onload=\"x}}",
        "{{two|right|<img src=x onerror=alert(1)>}}", "{{two|1=link=javascript:x|2=<span onclick=x>c</span>}}",
    ]);
    (file, prop::collection::vec(option, 0..6), any::<bool>()).prop_map(|(file, options, media)| {
        let namespace = if media { "Media" } else { "File" };
        let mut text = format!("x [[{namespace}:{file}");
        for option in options {
            text.push('|');
            text.push_str(option);
        }
        text.push_str("]] y");
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// `link=`, `alt=`, `class=` and captions are the ways into the media
    /// markup: whatever they hold, no script, handler or script URL comes out.
    #[test]
    fn hostile_media_options_render_safely(s in hostile_media()) {
        let site = MediaSite { inner: DefaultSite::default() };
        let html = wikitext::to_html(&s, &site, &RenderOptions::fragment());
        assert_safe(&html);
        let lower = html.to_ascii_lowercase();
        prop_assert!(!lower.contains("href=\"javascript:") && !lower.contains("href=\"vbscript:") && !lower.contains("href=\"data:"), "{}", html);
    }
}

/// The hostile-option strategy reaches the media renderer at all (a
/// property test over output that never has an image would prove nothing).
#[test]
fn media_site_renders_images() {
    let site = MediaSite { inner: DefaultSite::default() };
    let html = wikitext::to_html("[[File:Foo.jpg|thumb|link=javascript:alert(1)|alt=\" onerror=\"x|<script>c</script>]]", &site, &RenderOptions::fragment());
    assert!(html.contains("<img") && html.contains("<figure"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert_safe(&html);
}

/// Options from templates reach `data-mw` (and their hostile parts stay
/// inert there): the strategy's templates are real.
#[test]
fn media_site_templates_give_options() {
    let site = MediaSite { inner: DefaultSite::default() };
    let html = wikitext::to_html("[[File:Foo.jpg|{{echo|200px}}|{{echo|1=alt=''<img src=x onerror=y>''}}]]", &site, &RenderOptions::fragment());
    assert!(html.contains("mw:ExpandedAttrs") && html.contains(r#"width="200""#), "{html}");
    assert!(!html.contains("<img src=\"x\""), "{html}");
    assert_safe(&html);
    let html = wikitext::to_html("[[File:Foo.jpg|{{two|1=link=javascript:x|2=<span onclick=x>c</span>}}]]", &site, &RenderOptions::fragment());
    assert!(html.contains("mw:Placeholder"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert_safe(&html);
}

/// The same hostile options and captions on gallery lines, and hostile
/// gallery attributes (the caption is wikitext; `style`, `class` and the
/// rest reach the `<ul>`).
fn hostile_gallery() -> impl Strategy<Value = String> {
    let attr = prop::sample::select(vec![
        "", " mode=\"packed\"", " mode=\"packed-hover\"", " mode=\"nolines\"", " mode=\"slideshow\" showthumbnails",
        " widths=\"99999999999px\" heights=\"0\"", " perrow=\"4294967295\"", " showfilename",
        " caption=\"<script>alert(1)</script>\"", " caption=\"[[File:Foo.jpg|link=javascript:x]]\"",
        " caption=\"<gallery caption='<img src=x onerror=y>'>\"", " style=\"background:url(javascript:x)\"",
        " class='a\" onclick=\"x'", " onclick=\"alert(1)\"", " data-x=\"javascript:y\"", " caption=\"{{echo|''x''}}\"",
    ]);
    let line = hostile_media().prop_map(|l| {
        // `x [[File:Name|opts]] y` as a gallery line: `File:Name|opts`.
        l.trim_start_matches("x [[").trim_end_matches("]] y").replacen("Media:", "File:", 1)
    });
    (prop::collection::vec(attr, 0..3), prop::collection::vec(line, 0..4), any::<bool>()).prop_map(|(attrs, lines, closed)| {
        let mut text = format!("<gallery{}", attrs.concat());
        if !closed {
            return text + "/>";
        }
        text.push_str(">\n");
        for line in lines {
            text.push_str(&line);
            text.push('\n');
        }
        text.push_str("</gallery>");
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn hostile_galleries_render_safely(s in hostile_gallery()) {
        let site = MediaSite { inner: DefaultSite::default() };
        let html = wikitext::to_html(&s, &site, &RenderOptions::fragment());
        assert_safe(&html);
        let lower = html.to_ascii_lowercase();
        prop_assert!(!lower.contains("href=\"javascript:") && !lower.contains("href=\"vbscript:") && !lower.contains("href=\"data:"), "{}", html);
    }
}

/// The gallery strategy reaches gallery images and captions.
#[test]
fn media_site_renders_galleries() {
    let site = MediaSite { inner: DefaultSite::default() };
    let text = "<gallery mode=\"packed\" caption=\"<script>c</script>\" onclick=\"x\">\nFoo.jpg|link=javascript:alert(1)|alt=\" onerror=\"x|<img src=x onerror=y>\nClip.ogv\n</gallery>";
    let html = wikitext::to_html(text, &site, &RenderOptions::fragment());
    assert!(html.contains("<img") && html.contains("mw-gallery-packed") && html.contains("<video"), "{html}");
    assert!(!html.contains("<script") && !html.contains("onclick") && !html.contains("href=\"javascript:"), "{html}");
    assert_safe(&html);
}

/// Refs with hostile names, groups and bodies, reused, followed, nested
/// through `#tag` and listed: ids and `href` fragments built from names
/// stay inert.
fn hostile_refs() -> impl Strategy<Value = String> {
    let value = prop::sample::select(vec![
        "a", "a b", "\"", "'", "<script>", "javascript:x", "#x", "&amp;", "x onclick=y", "é 中", "1", "", " ",
        "\u{0}", "%20", "../x", "a\"b'c",
    ]);
    let body = hostile();
    let one = (prop::sample::select(vec!["name", "group", "follow", "dir", "details", "onclick"]), value.clone(), body)
        .prop_map(|(attr, v, body)| {
            let quoted = if v.contains('"') { format!("'{v}'") } else { format!("\"{v}\"") };
            match body.len() % 4 {
                0 => format!("<ref {attr}={quoted} />"),
                1 => format!("{{{{#tag:ref|{}|{attr}={v}}}}}", body.replace('|', "")),
                _ => format!("<ref {attr}={quoted}>{body}</ref>"),
            }
        });
    let list = (value, any::<bool>()).prop_map(|(g, closed)| {
        if closed { format!("<references group=\"{g}\" />") } else { format!("<references>\n<ref name=\"{g}\">x</ref>\n</references>") }
    });
    (prop::collection::vec(one, 0..6), prop::collection::vec(list, 0..2)).prop_map(|(refs, lists)| {
        let mut s = refs.join(" t ");
        for l in lists {
            s.push('\n');
            s.push_str(&l);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn hostile_refs_render_safely(s in hostile_refs()) {
        let html = wikitext::to_html(&s, &DefaultSite::default(), &RenderOptions::fragment());
        // The browser-model oracle: no script, handler or `javascript:` URL
        // (escaped markup in text is inert, so no string search here).
        assert_safe(&html);
        // Listing never fails either.
        let _ = wikitext::footnotes(&s, &DefaultSite::default(), &RenderOptions::fragment());
    }
}

/// URLs that run on into templates, comments and `<noinclude>`, and
/// templates after `[` whose output is (or is not) a URL, with hostile
/// schemes and markup in the output.
fn hostile_run_on_urls() -> impl Strategy<Value = String> {
    concat_of(vec![
        "http://a.example/", "[http://a.example/", "[", "]", " ", "\n", "{{echo|", "{{two|", "|", "}}",
        "{{echo|http://b.example/x}}", "[{{echo|http://b.example/x}} ", "[{{echo|javascript:alert(1)}} ",
        "{{echo|javascript:alert(1)}}", "{{fullurl:Foo|a=b}}", "[{{fullurl:Foo}}", "{{urlencode:a b}}",
        "<!--", "-->", "<noinclude>", "</noinclude>", "<includeonly>", "</includeonly>", "''", "&#93;",
        "&lt;", "(", ")", ".", "x", "<b>", "\" onmouseover=\"x", "<script>", "{{missing}}", "{{echo|<b>a</b>}}",
    ], 30)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn run_on_urls_render_safely(s in hostile_run_on_urls()) {
        let site = MediaSite { inner: DefaultSite::default() };
        let html = wikitext::to_html(&s, &site, &RenderOptions::fragment());
        assert_safe(&html);
        let text = wikitext::to_html(&s, &site, &RenderOptions::page());
        assert_safe(&text);
    }
}
