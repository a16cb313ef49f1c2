//! External links, bare URLs and magic links (ISBN, RFC, PMID).
//!
//! - An href is the entity-decoded URL, cleaned as MediaWiki cleans it
//!   ([`sanitizer::clean_url`]); a URL with an unsafe scheme stays text.
//! - A bracketed link's text is its own quote context: `''` inside it is
//!   balanced there, apart from the line around it.
//! - A wiki link inside a bracketed link's text cannot nest in `<a>`: the
//!   external link ends before it (not before a category or language
//!   link, a `<link>`), and the text after it (up to the `]`)
//!   is wrapped in a `<span>` each (Parsoid's "misnested" content).

use crate::token::{ThinVec, thin_vec};
use wikitext_parser::{NodeId, SyntaxKind};

use super::html_tags::decode_entities;
use super::Emitter;
use crate::sanitizer;
use crate::token::{Attr, Token};

/// An external link's attributes, with the wiki's `nofollow` and `target` policy.
fn link_attrs(em: &Emitter<'_>, href: &str, class: &str) -> ThinVec<Attr> {
    let info = em.site.info();
    let rel = if info.no_follow_for(href) { "mw:ExtLink nofollow" } else { "mw:ExtLink" };
    let mut attrs = thin_vec![Attr::new("rel", rel), Attr::new("href", href.to_string()), Attr::new("class", class.to_string())];
    if let Some(target) = &info.external_link_target {
        attrs.push(Attr::new("target", target.clone()));
    }
    attrs
}

pub(super) fn external_link(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let Some(url_node) = tree.child_of_kind(id, SyntaxKind::URL) else { return em.children(id) };
    let url = decode_entities(tree.text(url_node)).into_owned();
    if !sanitizer::is_safe_url(&url) {
        return literal(em, id);
    }
    let href = sanitizer::clean_url(&url);
    let r = em.range(id);
    match tree.child_of_kind(id, SyntaxKind::EXTERNAL_LINK_TEXT) {
        Some(text) => {
            em.start("a", link_attrs(em, &href, "external text"), Some(r));
            // Text that is an image URL the wiki shows is that image.
            if let Some(image) = external_image(em, tree.text(text).trim()) {
                em.void("img", image, None);
                em.end("a");
                return;
            }
            let from = em.out.len();
            link_text(em, text);
            em.balance_quotes(from);
        }
        None => {
            em.start("a", link_attrs(em, &href, "external autonumber"), Some(r));
            em.end("a");
        }
    }
}

/// The children of an `EXTERNAL_LINK_TEXT`, then `</a>`; wiki links among
/// them close the `<a>` early (see the module comment).
fn link_text(em: &mut Emitter<'_>, text: NodeId) {
    let tree = em.tree;
    // Some(true) while a misnested span is open; Some(false) after a wiki link.
    let mut after_wiki_link: Option<bool> = None;
    for c in tree.children(text) {
        // A template that makes a link (a missing one renders as one)
        // closes the `<a>` as a written wiki link does; a category or
        // language link is a `<link>`, which stays inside.
        let makes_link = (tree.kind(c) == SyntaxKind::WIKI_LINK && !super::wiki_links::is_page_property_link(em, c))
            || (tree.kind(c) == SyntaxKind::TEMPLATE
                && em.foreign_range.is_none()
                && super::preprocessor::template_makes_link_at(em, c));
        if makes_link {
            match after_wiki_link {
                None => em.end("a"),
                Some(true) => em.end("span"),
                Some(false) => {}
            }
            em.node(c);
            after_wiki_link = Some(false);
            continue;
        }
        // Apostrophes right after the link close what they close before
        // the span opens.
        if after_wiki_link == Some(false) && tree.kind(c) != SyntaxKind::QUOTE {
            em.start("span", ThinVec::new(), None);
            after_wiki_link = Some(true);
        }
        em.node(c);
    }
    match after_wiki_link {
        None => em.end("a"),
        Some(true) => em.end("span"),
        Some(false) => {}
    }
}

fn literal(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    for c in tree.children(id) {
        em.node(c);
    }
}

pub(super) fn bare_url(em: &mut Emitter<'_>, id: NodeId) {
    let url = decode_entities(em.tree.text(id)).into_owned();
    if !sanitizer::is_safe_url(&url) {
        return em.text(em.tree.text(id));
    }
    let r = em.range(id);
    if let Some(image) = external_image(em, em.tree.text(id)) {
        return em.void("img", image, Some(r));
    }
    em.start("a", link_attrs(em, &sanitizer::clean_url(&url), "external free"), Some(r));
    // The text drops control characters an entity put in (`&#x0A;`).
    let text: String = sanitizer::strip_idn_ignorables_from_host(&url).chars().filter(|c| !c.is_control()).collect();
    em.text(&text);
    em.end("a");
}

/// An image URL written as text (`http://x/a.png`), when the wiki shows
/// such images (`$wgAllowExternalImages`): the `<img>`'s attributes, its
/// alt text the file name. MediaWiki takes `http` and `https` URLs whose
/// last path segment names a GIF, PNG or JPEG file.
fn external_image(em: &Emitter<'_>, text: &str) -> Option<ThinVec<Attr>> {
    let url = decode_entities(text);
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://"))?;
    let (host, _) = rest.split_once('/')?;
    let name = &url[url.rfind('/')? + 1..];
    let plain = |c: char| c.is_ascii_alphanumeric() || "_.,~%-+&;#*?!=()@".contains(c) || !c.is_ascii();
    let (stem, ext) = name.rsplit_once('.')?;
    let image = matches!(ext.to_ascii_lowercase().as_str(), "gif" | "png" | "jpg" | "jpeg");
    if host.is_empty() || stem.is_empty() || !image || !name.chars().all(plain) || !sanitizer::is_safe_url(&url) {
        return None;
    }
    if !em.site.allows_external_image(&url) {
        return None;
    }
    Some(thin_vec![Attr::new("src", sanitizer::clean_url(&url)), Attr::new("alt", name.to_string())])
}

pub(super) fn magic_link(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let text = tree.text(id);
    let r = em.range(id);
    // The number: the digits (and an ISBN's final X) of the TEXT tokens after
    // the keyword; separators (spaces, dashes, entities) drop out.
    let keyword_len = text.bytes().take_while(u8::is_ascii_uppercase).count();
    let mut number = String::new();
    for c in tree.children(id).filter(|&c| tree.kind(c) == SyntaxKind::TEXT) {
        let start = tree.range(c).start - tree.range(id).start;
        let part = tree.text(c);
        let part = &part[keyword_len.saturating_sub(start).min(part.len())..];
        number.extend(part.chars().filter(|&c| c.is_ascii_digit() || c == 'X' || c == 'x').map(|c| c.to_ascii_uppercase()));
    }
    if text.starts_with("ISBN") {
        em.start(
            "a",
            thin_vec![
                Attr::new("rel", "mw:WikiLink"),
                Attr::new("href", format!("./Special:BookSources/{number}")),
                Attr::new("class", "internal mw-magiclink mw-magiclink-isbn"),
            ],
            Some(r),
        );
    } else if text.starts_with("RFC") {
        let href = format!("https://datatracker.ietf.org/doc/html/rfc{number}");
        em.start("a", link_attrs(em, &href, "external mw-magiclink mw-magiclink-rfc"), Some(r));
    } else {
        let href = format!("//www.ncbi.nlm.nih.gov/pubmed/{number}?dopt=Abstract");
        em.start("a", link_attrs(em, &href, "external mw-magiclink mw-magiclink-pmid"), Some(r));
    }
    em.children(id);
    em.html(Token::EndTag { name: "a".into(), src: None });
}
