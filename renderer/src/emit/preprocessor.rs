//! Templates, parameters and language converter markup.
//!
//! This is where template expansion splices in: a later stage expands a
//! `TEMPLATE` against the [`Site`](crate::Site), tokenizes the result on
//! its own and emits its tokens here, wrapped for `typeof="mw:Transclusion"`.
//! Until then a transclusion renders as Parsoid renders a missing template:
//! a red link to the template page, wrapped with its `data-mw`.

use wikitext_parser::{NodeId, SyntaxKind};

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::{push_json_string, Emitter};
use wikitext_site::title::Title;
use crate::token::Attr;

const NS_TEMPLATE: i32 = 10;

pub(super) fn template(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let name_node = tree.child_of_kind(id, SyntaxKind::TEMPLATE_NAME);
    let name = name_node.map(|n| em.plain_text(n)).unwrap_or_default();
    let trimmed = name.trim();
    let title = (!trimmed.contains(':') || !trimmed.starts_with('#'))
        .then(|| Title::parse(trimmed, NS_TEMPLATE, em.site))
        .flatten();
    let r = em.range(id);
    em.about_count += 1;
    let about = format!("#mwt{}", em.about_count);
    let data_mw = data_mw(em, id, trimmed, title.as_ref());
    em.start(
        "span",
        vec![Attr::new("about", about), Attr::new("typeof", "mw:Transclusion"), Attr::new("data-mw", data_mw)],
        Some(r),
    );
    match title {
        Some(t) => {
            let href = format!("{}?action=edit&redlink=1", t.href());
            em.start("a", vec![Attr::new("rel", "mw:WikiLink"), Attr::new("href", href), Attr::new("title", t.prefixed_text()), Attr::new("class", "new")], None);
            em.text(&t.prefixed_text());
            em.end("a");
        }
        None => em.text(tree.text(id)),
    }
    em.end("span");
}

/// Parsoid's `data-mw` for a transclusion: target and parameters as wikitext.
///
/// Written directly rather than through `serde_json::Value` (this runs per
/// template, and the value tree cost more than the rest of the template's
/// rendering); the output is what `serde_json` would write for the object
/// `{"parts":[{"template":{"target":{"wt","href"},"params":{..},"i":0}}]}`.
fn data_mw(em: &Emitter<'_>, id: NodeId, name: &str, title: Option<&Title>) -> String {
    let tree = em.tree;
    // Parameters in first-seen order; a repeated name keeps its first
    // place and takes the last value, as a JSON object built by insertion.
    let mut params: Vec<(Cow<'_, str>, &str)> = Vec::new();
    let mut index: FxHashMap<Cow<'_, str>, usize> = FxHashMap::default();
    let mut position = 0;
    for arg in tree.children(id).filter(|&c| tree.kind(c) == SyntaxKind::TEMPLATE_ARGUMENT) {
        let key_node = tree.child_of_kind(arg, SyntaxKind::ARGUMENT_NAME);
        let value = tree.child_of_kind(arg, SyntaxKind::ARGUMENT_VALUE).map(|v| tree.text(v)).unwrap_or("");
        let key: Cow<'_, str> = match key_node {
            Some(k) => Cow::Borrowed(tree.text(k).trim()),
            None => {
                position += 1;
                Cow::Owned(position.to_string())
            }
        };
        match index.get(&key) {
            Some(&i) => params[i].1 = value,
            None => {
                index.insert(key.clone(), params.len());
                params.push((key, value));
            }
        }
    }
    let href = title.map(Title::href);
    let mut out = String::with_capacity(64 + name.len() + params.iter().map(|(k, v)| k.len() + v.len() + 12).sum::<usize>());
    out.push_str(r#"{"parts":[{"template":{"target":{"wt":"#);
    push_json_string(&mut out, name);
    if let Some(href) = &href {
        out.push_str(r#","href":"#);
        push_json_string(&mut out, href);
    }
    out.push_str(r#"},"params":{"#);
    for (i, (key, value)) in params.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, key);
        out.push_str(r#":{"wt":"#);
        push_json_string(&mut out, value);
        out.push('}');
    }
    out.push_str(r#"},"i":0}}]}"#);
    out
}

pub(super) fn parameter(em: &mut Emitter<'_>, id: NodeId) {
    // On the page itself no parameter is set: the default shows, else the source.
    let tree = em.tree;
    let values: Vec<NodeId> = tree.children(id).filter(|&c| tree.kind(c) == SyntaxKind::ARGUMENT_VALUE).collect();
    match values.first() {
        Some(&default) => em.children(default),
        None => em.text(tree.text(id)),
    }
}

pub(super) fn language_converter(em: &mut Emitter<'_>, id: NodeId) {
    // Variant conversion is the language-variants stage's work; show the markup's text.
    em.children_except_markers(id);
}
