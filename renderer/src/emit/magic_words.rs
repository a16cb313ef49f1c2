//! Behaviour switches → `<meta property="mw:PageProp/...">`, redirects →
//! `<link rel="mw:PageProp/redirect">`.

use crate::token::thin_vec;
use wikitext_parser::{NodeId, SyntaxKind};

use super::Emitter;
use wikitext_site::title::Title;
use crate::token::Attr;

pub(super) fn behavior_switch(em: &mut Emitter<'_>, id: NodeId) {
    let text = em.tree.text(id);
    let r = em.range(id);
    match em.site.behavior_switch(text) {
        Some(switch) => em.void("meta", thin_vec![Attr::new("property", format!("mw:PageProp/{}", switch.id()))], Some(r)),
        None => em.text(text),
    }
}

pub(super) fn redirect(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let r = em.range(id);
    let Some(link) = tree.child_of_kind(id, SyntaxKind::WIKI_LINK) else { return em.text(tree.text(id)) };
    let title = tree
        .child_of_kind(link, SyntaxKind::LINK_TARGET)
        .and_then(|t| super::wiki_links::target_text(em, t))
        .and_then(|t| Title::parse(&super::wiki_links::decode_percent(&t), 0, em.site));
    match title {
        Some(title) => {
            // Unlike link hrefs, a redirect's href escapes `"`.
            let href = title.href().replace('"', "%22");
            em.void("link", thin_vec![Attr::new("rel", "mw:PageProp/redirect"), Attr::new("href", href)], Some(r));
        }
        None => em.text(tree.text(id)),
    }
}
