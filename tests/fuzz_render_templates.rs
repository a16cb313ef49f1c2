//! The `render` fuzz target renders with a fixed template set
//! (fuzz/render_templates.rs). Here every fuzz regression input, and a call
//! of every template in it, renders safe HTML with that set, as the target
//! would check.

#![cfg(feature = "safety")]

use std::path::Path;
use wikitext::{DefaultSite, PageSources, RenderOptions, WithPages};

include!("../fuzz/render_templates.rs");

fn site() -> WithPages<DefaultSite> {
    RENDER_TEMPLATES.iter().copied().collect::<PageSources>().over(DefaultSite::default())
}

fn check(site: &WithPages<DefaultSite>, name: &str, src: &str) -> String {
    let options = if src.len() % 2 == 0 { RenderOptions::fragment() } else { RenderOptions::page() };
    let html = wikitext::to_html(src, site, &options);
    if let Err(problem) = wikitext::safety::check_html(&html) {
        panic!("{name}: unsafe output: {problem}\n{html}");
    }
    html
}

#[test]
fn every_template_of_the_fuzz_set_exists_and_renders_safely() {
    let site = site();
    assert_eq!(site.page_count(), RENDER_TEMPLATES.len(), "a title of the set is invalid or repeated");
    for (title, _) in RENDER_TEMPLATES {
        let name = title.trim_start_matches("Template:");
        for args in ["", "|onclick=alert(1)|javascript:alert(1)|x:expression(1)", "|1=script|2=alert(1)|t=y|a=1|name=n"] {
            let call = format!("{{{{{name}{args}}}}}");
            check(&site, title, &call);
            let expanded = wikitext::expand(&call, &site, "Main Page");
            assert!(!expanded.starts_with(&format!("[[:{title}]]")), "{title} is missing: {expanded}");
        }
    }
}

#[test]
fn the_fuzz_set_reaches_its_limits() {
    let site = site();
    assert!(check(&site, "loop", "{{R}}").contains("Template loop detected"));
    assert!(check(&site, "mutual loop", "{{P|x}}").contains("Template loop detected"));
    let bomb = wikitext::expand("{{B|ab}}", &site, "Main Page");
    assert_eq!(bomb.len(), 2 * 256, "{bomb}");
    assert_eq!(wikitext::expand("{{D|via redirect}}", &site, "Main Page"), "via redirect");
}

#[test]
fn fuzz_regressions_render_safely_with_the_templates() {
    let site = site();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("fuzz/regressions").filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let mut checked = 0;
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "wikitext")) {
        let src = String::from_utf8_lossy(&std::fs::read(path).expect("regression input")).into_owned();
        check(&site, &path.display().to_string(), &src);
        checked += 1;
    }
    assert!(checked > 0, "no regression inputs in {}", dir.display());
}
