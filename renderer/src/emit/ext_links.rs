//! External links, bare URLs and magic links (ISBN, RFC, PMID).

use wikitext_parser::{NodeId, SyntaxKind};

use super::html_tags::decode_entities;
use super::Emitter;
use crate::sanitizer;
use crate::token::Attr;

fn link_attrs(href: &str, class: &str) -> Vec<Attr> {
    vec![Attr::new("rel", "mw:ExtLink nofollow"), Attr::new("href", href.to_string()), Attr::new("class", class.to_string())]
}

pub(super) fn external_link(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let Some(url_node) = tree.child_of_kind(id, SyntaxKind::URL) else { return em.children(id) };
    let url = decode_entities(tree.text(url_node)).into_owned();
    if !sanitizer::is_safe_url(&url) {
        return literal(em, id);
    }
    let r = em.range(id);
    match tree.child_of_kind(id, SyntaxKind::EXTERNAL_LINK_TEXT) {
        Some(text) => {
            em.start("a", link_attrs(&url, "external text"), Some(r));
            em.children(text);
            em.end("a");
        }
        None => {
            em.ext_link_count += 1;
            em.start("a", link_attrs(&url, "external autonumber"), Some(r));
            em.end("a");
        }
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
    em.start("a", link_attrs(&url, "external free"), Some(r));
    em.text(&url);
    em.end("a");
}

pub(super) fn magic_link(em: &mut Emitter<'_>, id: NodeId) {
    let text = em.tree.text(id);
    let r = em.range(id);
    let digits: String = text.chars().skip_while(|c| c.is_ascii_uppercase()).filter(|c| c.is_ascii_alphanumeric()).collect();
    // `&nbsp;` separators leave "nbsp" letters behind; keep only the number.
    let number: String = digits.trim_start_matches(|c: char| c.is_ascii_lowercase()).chars().filter(|c| c.is_ascii_digit() || *c == 'X' || *c == 'x').collect();
    if text.starts_with("ISBN") {
        let isbn = number.to_uppercase();
        em.start(
            "a",
            vec![
                Attr::new("rel", "mw:WikiLink"),
                Attr::new("href", format!("./Special:BookSources/{isbn}")),
                Attr::new("class", "internal mw-magiclink-isbn"),
            ],
            Some(r),
        );
    } else if text.starts_with("RFC") {
        em.start("a", link_attrs(&format!("https://datatracker.ietf.org/doc/html/rfc{number}"), "external mw-magiclink-rfc"), Some(r));
    } else {
        em.start("a", link_attrs(&format!("//www.ncbi.nlm.nih.gov/pubmed/{number}?dopt=Abstract"), "external mw-magiclink-pmid"), Some(r));
    }
    em.text(&decode_entities(text));
    em.end("a");
}
