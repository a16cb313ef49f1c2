//! Wiki links → `<a rel="mw:WikiLink">`, categories and language links →
//! `<link>`, interwiki links → `<a rel="mw:WikiLink/Interwiki">`.
//! Files and media get a plain placeholder until the media stage lands.

use wikitext_parser::{NodeId, SyntaxKind};

use super::Emitter;
use crate::site::PageState;
use crate::title::{decode_link_target, Title};
use crate::token::Attr;

const NS_MEDIA: i32 = -2;
const NS_FILE: i32 = 6;
const NS_CATEGORY: i32 = 14;

pub(super) fn wiki_link(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let Some(target_node) = tree.child_of_kind(id, SyntaxKind::LINK_TARGET) else { return em.children(id) };
    let target_text = em.plain_text(target_node);
    let has_templates = tree.descendants(target_node).any(|d| matches!(tree.kind(d), SyntaxKind::TEMPLATE | SyntaxKind::PARAMETER));
    let title = if has_templates { None } else { Title::parse(&decode_link_target(&target_text), 0, em.site) };
    let Some(title) = title else {
        // Not a valid title: the brackets are text, the insides still render.
        return literal(em, id);
    };
    let parts: Vec<NodeId> = tree.children(id).filter(|&c| tree.kind(c) == SyntaxKind::LINK_TEXT).collect();
    let r = em.range(id);

    if !title.has_leading_colon() && title.interwiki().is_none() {
        match title.namespace() {
            NS_CATEGORY => {
                let mut href = title.href();
                if let Some(&sort) = parts.first() {
                    let key = em.plain_text(sort);
                    href.push('#');
                    href.push_str(&crate::title::encode_title_for_href(&key));
                }
                em.void("link", vec![Attr::new("rel", "mw:PageProp/Category"), Attr::new("href", href)], Some(r));
                return;
            }
            NS_FILE | NS_MEDIA => return media_placeholder(em, id, &title, &parts),
            _ => {}
        }
    }
    if title.is_language_link(em.site) {
        em.void("link", vec![Attr::new("rel", "mw:PageProp/Language"), Attr::new("href", title.language_href())], Some(r));
        return;
    }

    let mut attrs = Vec::new();
    if title.interwiki().is_some() {
        attrs.push(Attr::new("rel", "mw:WikiLink/Interwiki"));
        attrs.push(Attr::new("href", title.href()));
        attrs.push(Attr::new("title", title.prefixed_text()));
        attrs.push(Attr::new("class", "extiw"));
    } else if title.is_fragment_only() {
        attrs.push(Attr::new("rel", "mw:WikiLink"));
        attrs.push(Attr::new("href", title.href()));
    } else {
        let full = title.prefixed_text();
        let state = if full == em.options.title.replace('_', " ") { PageState::Exists } else { em.site.page_state(&full) };
        let self_link = full == em.options.title.replace('_', " ") && title.fragment().is_none();
        attrs.push(Attr::new("rel", "mw:WikiLink"));
        if state == PageState::Missing {
            let base = title.href();
            let (path, frag) = base.split_once('#').map_or((base.as_str(), None), |(a, b)| (a, Some(b)));
            let mut href = format!("{path}?action=edit&redlink=1");
            if let Some(f) = frag {
                href.push('#');
                href.push_str(f);
            }
            attrs.push(Attr::new("href", href));
            attrs.push(Attr::new("title", full.clone()));
            attrs.push(Attr::new("class", "new"));
            attrs.push(Attr::new("typeof", "mw:LocalizedAttrs"));
            let i18n = serde_json::json!({"title": {"lang": "x-page", "key": "red-link-title", "params": [full]}});
            attrs.push(Attr::new("data-mw-i18n", i18n.to_string()));
        } else {
            attrs.push(Attr::new("href", title.href()));
            attrs.push(Attr::new("title", full));
            if state == PageState::Redirect {
                attrs.push(Attr::new("class", "mw-redirect"));
            } else if self_link {
                attrs.push(Attr::new("class", "mw-selflink selflink"));
            }
        }
    }
    em.start("a", attrs, Some(r));
    if parts.is_empty() {
        let shown = target_text.strip_prefix(':').unwrap_or(&target_text);
        em.text(&decode_link_target(shown));
    } else {
        // Parts after the first are text too (`[[a|b|c]]` reads "b|c").
        let mut first = true;
        for &part in &parts {
            if !first {
                em.text("|");
            }
            em.children(part);
            first = false;
        }
    }
    link_trail(em, id);
    em.end("a");
}

/// Letters right after `]]` join the link's text.
fn link_trail(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let Some(next) = tree.next_sibling(id) else { return };
    if tree.kind(next) != SyntaxKind::TEXT {
        return;
    }
    let text = tree.text(next);
    let len = em.site.link_trail_len(text);
    if len > 0 {
        em.text(&text[..len]);
        em.skip_text = len;
    }
}

/// A link that is not one: its markers as text, its parts rendered.
fn literal(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    for c in tree.children(id) {
        match tree.kind(c) {
            SyntaxKind::MARKER => em.text(tree.text(c)),
            _ => em.node(c),
        }
    }
}

fn media_placeholder(em: &mut Emitter<'_>, id: NodeId, title: &Title, _parts: &[NodeId]) {
    // Media rendering (figures, sizes, captions) is the media stage's work.
    let r = em.range(id);
    em.start("span", vec![Attr::new("typeof", "mw:Error mw:File")], Some(r));
    em.start("a", vec![Attr::new("href", title.href())], None);
    em.start("span", vec![Attr::new("class", "mw-file-element mw-broken-media")], None);
    em.text(&title.text());
    em.end("span");
    em.end("a");
    em.end("span");
}
