//! Literal HTML in wikitext: tags, attributes, entities, comments, and the
//! extension tags core handles itself (`<nowiki>`, `<pre>`).
//!
//! Tags MediaWiki does not allow never reach this module: the parser leaves
//! them as text, which the serializer escapes (`&lt;script>`).

use crate::token::{ThinVec, thin_vec};
use std::borrow::Cow;

use wikitext_parser::{NodeId, SyntaxKind};

use super::{Emitter, Tok};
use crate::sanitizer;
use crate::token::{Attr, Token};

/// Void elements: never have content or an end tag.
pub(crate) fn is_void(name: &str) -> bool {
    wikitext_parser::is_void_element(name)
}

fn static_name(name: &str) -> Cow<'static, str> {
    Cow::Owned(name.to_ascii_lowercase())
}

/// Decode one whole entity (`&amp;`, `&#65;`, `&#x41;`) to its text.
fn decode_entity(s: &str) -> Option<String> {
    sanitizer::decode_one_entity(s).filter(|(len, _)| *len == s.len()).map(|(_, text)| text)
}

pub(crate) use sanitizer::decode_entities;

pub(super) fn comment(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let text = tree.text(id);
    let body = text.strip_prefix("<!--").unwrap_or(text);
    let body = body.strip_suffix("-->").unwrap_or(body);
    em.html(Token::Comment(encode_comment_data(body)));
}

/// Comment data as Parsoid writes it: the special characters' references
/// (`&amp;` `&lt;` `&gt;` `&quot;` `&#039;`) decoded, other references left
/// as written (`&nbsp;` stays), then `&`, `-` and `>` written as hex
/// references, so no `--` or `>` can end the comment early and the data
/// round-trips exactly.
pub(crate) fn encode_comment_data(body: &str) -> String {
    let mut decoded = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        let special = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#039;", '\'')]
            .into_iter()
            .find(|(name, _)| rest.starts_with(name));
        match special {
            Some((name, c)) => {
                decoded.push(c);
                rest = &rest[name.len()..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    let mut out = String::with_capacity(decoded.len());
    for c in decoded.chars() {
        match c {
            '&' => out.push_str("&#x26;"),
            '-' => out.push_str("&#x2D;"),
            '>' => out.push_str("&#x3E;"),
            _ => out.push(c),
        }
    }
    out
}

pub(super) fn entity(em: &mut Emitter<'_>, id: NodeId) {
    let text = em.tree.text(id);
    // `&#13;` stays text in content (attributes decode it).
    match decode_entity(text).filter(|d| d != "\r") {
        Some(decoded) => {
            let r = em.range(id);
            em.start("span", thin_vec![Attr::new("typeof", "mw:Entity")], Some(r));
            em.text(&decoded);
            em.end("span");
        }
        None => em.text(text),
    }
}

/// The attributes of an `ATTRIBUTES` node, decoded and sanitized for `tag`.
/// Whether `id` is or holds a template or parameter.
fn has_call(tree: &wikitext_parser::Tree, id: NodeId) -> bool {
    tree.descendants(id).any(|d| matches!(tree.kind(d), SyntaxKind::TEMPLATE | SyntaxKind::PARAMETER))
}

/// The text of `id` with its templates expanded.
fn expand_into(em: &mut Emitter<'_>, id: NodeId, out: &mut String) {
    let tree = em.tree;
    match tree.kind(id) {
        // Kept for the value's HTML in `data-mw`, so it expands once.
        SyntaxKind::TEMPLATE => out.push_str(&em.peek_expansion(id).output),
        SyntaxKind::PARAMETER => {
            // On the page itself no parameter is set: its default, else its text.
            match tree.children(id).find(|&c| tree.kind(c) == SyntaxKind::ARGUMENT_VALUE) {
                Some(default) => expand_into(em, default, out),
                None => out.push_str(tree.text(id)),
            }
        }
        _ if tree.first_child(id).is_none() => out.push_str(tree.text(id)),
        _ => {
            for c in tree.children(id) {
                expand_into(em, c, out);
            }
        }
    }
}

/// Whether the attributes `id` must be expanded as text and read again:
/// a template in an attribute's name or unquoted value, or an inclusion
/// tag anywhere in them.
fn needs_preprocessing(tree: &wikitext_parser::Tree, id: NodeId) -> bool {
    let text = tree.text(id);
    if text.contains('<') {
        let lower = text.to_ascii_lowercase();
        if ["<noinclude", "<includeonly", "<onlyinclude", "</noinclude", "</includeonly", "</onlyinclude"]
            .iter()
            .any(|t| lower.contains(t))
        {
            return true;
        }
    }
    tree.children(id).filter(|&a| tree.kind(a) == SyntaxKind::ATTRIBUTE).any(|a| {
        let quoted = tree.children(a).any(|c| tree.kind(c) == SyntaxKind::MARKER && matches!(tree.text(c), "\"" | "'"));
        tree.children(a).any(|c| match tree.kind(c) {
            SyntaxKind::NAME => tree.text(c).contains("{{"),
            SyntaxKind::TEMPLATE | SyntaxKind::PARAMETER => !quoted,
            _ => false,
        })
    })
}

pub(crate) fn attributes(em: &mut Emitter<'_>, id: NodeId, tag: &str) -> ThinVec<Attr> {
    let tree = em.tree;
    // Templates that make whole attributes (`<div {{1x|id=a}}>`), a
    // templated name (`st{{1x|yle}}=`), an unquoted templated value
    // (`style={{1x|'a'}}`, quotes and all), `<noinclude>` or
    // `<includeonly>` inside the tag: expand the attribute text as the
    // preprocessor sees the page, then read it again as attributes, as
    // MediaWiki reads a tag after expansion.
    let expand = em.foreign_range.is_none();
    if expand
        && (tree.children(id).any(|c| matches!(tree.kind(c), SyntaxKind::TEMPLATE | SyntaxKind::PARAMETER))
            || needs_preprocessing(tree, id))
    {
        let text = em.expander().expand_page(tree.text(id));
        // A tag of the site's syntax holding just these attributes.
        let source = format!("<{tag} {}>", text.replace(['<', '>'], " "));
        let sub = wikitext_parser::parse_fragment_with(&source, em.expander().parse_options());
        let start = sub.descendants(sub.root()).find(|&n| sub.kind(n) == SyntaxKind::HTML_START_TAG);
        let Some(attrs_node) = start.and_then(|t| sub.child_of_kind(t, SyntaxKind::ATTRIBUTES)) else {
            return ThinVec::new();
        };
        let range = em.range(id);
        let mut nested = em.for_tree(&sub, range);
        let mut attrs = attributes(&mut nested, attrs_node, tag);
        if tree.children(id).any(|c| tree.kind(c) == SyntaxKind::TEMPLATE) {
            // A template's line breaks inside a value it wrote are no part
            // of the value, as Parsoid reads the output's tokens.
            for a in &mut attrs {
                if a.value.contains('\n') {
                    a.value = a.value.replace('\n', "").into();
                }
            }
        }
        return attrs;
    }
    let mut raw: Vec<(String, String)> = Vec::new();
    // In table syntax's attributes an HTML tag (`|<span id="a"></span>|x`)
    // is junk as a whole, as Parsoid reads it: the attributes inside its
    // `<...>` are none of the cell's.
    let table_syntax = matches!(tag, "table" | "tr" | "td" | "th" | "caption");
    let mut in_tag = false;
    for a in tree.children(id) {
        match tree.kind(a) {
            SyntaxKind::TEXT if table_syntax => {
                for b in tree.text(a).bytes() {
                    match b {
                        b'<' => in_tag = true,
                        b'>' => in_tag = false,
                        _ => {}
                    }
                }
                continue;
            }
            SyntaxKind::ATTRIBUTE if !in_tag => {}
            _ => continue,
        }
        let mut name = String::new();
        let mut value = String::new();
        let mut seen_eq = false;
        for part in tree.children(a) {
            match tree.kind(part) {
                SyntaxKind::NAME => name.push_str(tree.text(part)),
                SyntaxKind::MARKER if tree.text(part) == "=" && !seen_eq => seen_eq = true,
                SyntaxKind::MARKER | SyntaxKind::WHITESPACE | SyntaxKind::COMMENT => {}
                // Templates in a value are expanded (at the page level; in a
                // transclusion's output they are text). The sanitizer below
                // judges the expanded value like any other.
                _ if expand && has_call(tree, part) => expand_into(em, part, &mut value),
                _ => value.push_str(tree.text(part)),
            }
        }
        if name.is_empty() {
            continue;
        }
        let name = name.to_ascii_lowercase();
        // Duplicates: the last one wins, as in MediaWiki.
        if let Some(slot) = raw.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        } else {
            raw.push((name, value));
        }
    }
    // `<nowiki>` in a value protects its text (`title="a<nowiki>|</nowiki>"`);
    // Parsoid records the value's HTML in `data-mw` (`mw:ExpandedAttrs`).
    let mut expanded: Vec<(String, String)> = Vec::new();
    for (name, value) in &mut raw {
        if let Some((text, html)) = strip_nowiki(value) {
            expanded.push((name.clone(), html));
            *value = text;
        }
    }
    let mut attrs: ThinVec<Attr> = sanitizer::sanitize_attrs(tag, raw).into_iter().map(|(n, v)| Attr::new(n, v)).collect();
    expanded.retain(|(name, _)| attrs.iter().any(|a| a.name == name.as_str()));
    if !expanded.is_empty() {
        let attribs: Vec<serde_json::Value> = expanded
            .into_iter()
            .map(|(name, html)| serde_json::json!([{ "txt": name }, { "html": html }]))
            .collect();
        attrs.push(Attr::new("typeof", "mw:ExpandedAttrs"));
        attrs.push(Attr::new("data-mw", serde_json::json!({ "attribs": attribs }).to_string()));
    }
    attrs
}

/// A value holding `<nowiki>...</nowiki>`: its text without the tags, and
/// its HTML with each nowiki as `<span typeof="mw:Nowiki">`.
fn strip_nowiki(value: &str) -> Option<(String, String)> {
    let (pairs, tail) = crate::extensions::nowiki_pairs(value)?;
    let (mut text, mut html) = (String::new(), String::new());
    for (before, inside) in pairs {
        text.push_str(before);
        html.push_str(&escape_html(before));
        text.push_str(inside);
        html.push_str(r#"<span typeof="mw:Nowiki">"#);
        html.push_str(&escape_html(inside));
        html.push_str("</span>");
    }
    text.push_str(tail);
    html.push_str(&escape_html(tail));
    Some((text, html))
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

pub(super) fn start_tag(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let Some(name_node) = tree.child_of_kind(id, SyntaxKind::NAME) else { return em.text(tree.text(id)) };
    let name = tree.text(name_node).to_ascii_lowercase();
    if !sanitizer::is_allowed_tag(&name) && super::annotations::is_annotation(em, &name) {
        return super::annotations::start(em, id, &name);
    }
    let attrs = tree.child_of_kind(id, SyntaxKind::ATTRIBUTES).map(|a| attributes(em, a, &name)).unwrap_or_default();
    // `<meta>` and `<link>` are only microdata: without `itemprop` and a
    // value they are escaped as text.
    let pairs: Vec<(String, String)> = attrs.iter().map(|a| (a.name.to_string(), a.value.to_string())).collect();
    if !sanitizer::is_allowed_element(&name, &pairs) {
        return em.text(tree.text(id));
    }
    let r = em.range(id);
    if is_void(&name) {
        em.html(Token::StartTag { name: static_name(&name), attrs, self_closing: true, src: Some(r) });
    } else {
        let mut attrs = attrs;
        let templated = match tree.child_of_kind(id, SyntaxKind::ATTRIBUTES) {
            Some(a) if holds_its_first_child(&name) => {
                let values = templated_values(em, a, &mut attrs);
                if values.is_empty() {
                    templated_attributes(em, a, &mut attrs)
                } else {
                    values
                }
            }
            _ => Vec::new(),
        };
        // A non-void `<div/>` is only a start tag, as HTML5 reads it (the
        // parser tests expect `<div title />` to stay open).
        em.html(Token::StartTag { name: static_name(&name), attrs, self_closing: false, src: Some(r) });
        attrib_html_spans(em, &templated);
    }
}

/// Each templated value or attribute as HTML, in a hidden element the
/// media pass moves into its slot in its element's `data-mw`.
pub(super) fn attrib_html_spans(em: &mut Emitter<'_>, templated: &[Vec<NodeId>]) {
    let tree = em.tree;
    for (i, parts) in templated.iter().enumerate() {
        em.start("span", thin_vec![Attr::new(super::media::ATTRIB_HTML, i.to_string())], None);
        let from = em.out.len();
        for &part in parts {
            match tree.kind(part) {
                SyntaxKind::VALUE => em.text(&wikitext_site::entities::decode_entities(tree.text(part))),
                _ => em.node(part),
            }
        }
        // The value's HTML is inline: its line breaks and bullets are
        // text, not lines of the page.
        for t in &mut em.out[from..] {
            let text = match t {
                Tok::Newline => "\n".to_string(),
                Tok::ListItem { bullets, .. } => std::mem::take(bullets),
                Tok::DdColon => ":".to_string(),
                Tok::IndentPre => " ".to_string(),
                _ => continue,
            };
            *t = Tok::Html(Token::text(text));
        }
        em.end("span");
    }
}

/// Elements whose first child stays theirs through tree building: not
/// table parts (a `<span>` in them is fostered out) nor formatting
/// elements (which tree building may make again, attributes and all).
fn holds_its_first_child(name: &str) -> bool {
    !matches!(
        name,
        "table" | "tbody" | "thead" | "tfoot" | "tr" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s"
            | "small" | "strike" | "strong" | "tt" | "u"
    )
}

/// `typeof` `mw:ExpandedAttrs` and a `data-mw` whose `attribs` hold, for
/// each of `names` in order, a slot (numbered from 0) for HTML rendered
/// later: the value's (`[{"txt":name},{"html":slot}]`) or, with
/// `key_slots`, the key's, with an empty value.
fn push_slot_attribs<'n>(attrs: &mut ThinVec<Attr>, names: impl Iterator<Item = &'n str>, key_slots: bool) {
    let mut data_mw = String::from(r#"{"attribs":["#);
    for (i, name) in names.enumerate() {
        if i > 0 {
            data_mw.push(',');
        }
        data_mw.push_str(r#"[{"txt":"#);
        super::push_json_string(&mut data_mw, name);
        let slot = super::media::attrib_html_slot(&i.to_string());
        if key_slots {
            data_mw.push_str(r#","html":"#);
            data_mw.push_str(&slot);
            data_mw.push_str(r#"},{"html":""}]"#);
        } else {
            data_mw.push_str(r#"},{"html":"#);
            data_mw.push_str(&slot);
            data_mw.push_str("}]");
        }
    }
    data_mw.push_str("]}");
    attrs.push(Attr::new("typeof", "mw:ExpandedAttrs"));
    attrs.push(Attr::new("data-mw", data_mw));
}

/// One `data-mw.attribs` entry: `[{"txt":key(,"html":key_html)},{"html":value_html}]`.
pub(super) fn push_attrib_entry(entries: &mut String, key: &str, key_html: Option<&str>, value_html: &str) {
    if !entries.is_empty() {
        entries.push(',');
    }
    entries.push_str("[{\"txt\":");
    super::push_json_string(entries, key);
    if let Some(html) = key_html {
        entries.push_str(",\"html\":");
        super::push_json_string(entries, html);
    }
    entries.push_str("},{\"html\":");
    super::push_json_string(entries, value_html);
    entries.push_str("}]");
}

/// Quoted attribute values a page-level template helped make
/// (`<div title="{{test}}">`), as Parsoid records them: `typeof`
/// `mw:ExpandedAttrs` and, in `data-mw.attribs`, a slot for each value's
/// HTML. Returns each kept attribute's value parts, in slot order.
fn templated_values(em: &mut Emitter<'_>, attrs_node: NodeId, attrs: &mut ThinVec<Attr>) -> Vec<Vec<NodeId>> {
    let tree = em.tree;
    // Values read again after expansion (`needs_preprocessing`) and
    // values an earlier rule already recorded are left as they are.
    if em.foreign_range.is_some()
        || attrs.iter().any(|a| a.name == "data-mw" || a.name == "typeof")
        || tree.children(attrs_node).any(|c| matches!(tree.kind(c), SyntaxKind::TEMPLATE | SyntaxKind::PARAMETER))
        || needs_preprocessing(tree, attrs_node)
    {
        return Vec::new();
    }
    let mut values: Vec<(String, Vec<NodeId>)> = Vec::new();
    for a in tree.children(attrs_node).filter(|&a| tree.kind(a) == SyntaxKind::ATTRIBUTE) {
        let parts: Vec<NodeId> = tree
            .children(a)
            .filter(|&c| matches!(tree.kind(c), SyntaxKind::VALUE | SyntaxKind::TEMPLATE | SyntaxKind::PARAMETER))
            .collect();
        let has = |kind| parts.iter().any(|&c| tree.kind(c) == kind);
        if !has(SyntaxKind::TEMPLATE) || has(SyntaxKind::PARAMETER) {
            continue;
        }
        let Some(name) = tree.child_of_kind(a, SyntaxKind::NAME).map(|n| tree.text(n).to_ascii_lowercase()) else { continue };
        // The last of repeated names wins, as in the attributes.
        values.retain(|(n, _)| *n != name);
        if attrs.iter().any(|x| x.name == name.as_str()) {
            values.push((name, parts));
        }
    }
    if values.is_empty() {
        return Vec::new();
    }
    push_slot_attribs(attrs, values.iter().map(|(name, _)| name.as_str()), false);
    values.into_iter().map(|(_, parts)| parts).collect()
}

/// Whole attributes a page-level template made (`<div {{1x|style="a"}}>`),
/// as Parsoid records them: `typeof` `mw:ExpandedAttrs` and, in
/// `data-mw.attribs`, for each such template the first attribute name its
/// output holds, the template's rendered output as that key's HTML, and
/// an empty value. Returns each template, in slot order.
pub(super) fn templated_attributes(em: &mut Emitter<'_>, attrs_node: NodeId, attrs: &mut ThinVec<Attr>) -> Vec<Vec<NodeId>> {
    let tree = em.tree;
    if em.foreign_range.is_some()
        || attrs.iter().any(|a| a.name == "data-mw" || a.name == "typeof")
        || tree.children(attrs_node).any(|c| tree.kind(c) == SyntaxKind::PARAMETER)
    {
        return Vec::new();
    }
    let templates: Vec<NodeId> = tree.children(attrs_node).filter(|&c| tree.kind(c) == SyntaxKind::TEMPLATE).collect();
    let mut entries: Vec<(String, NodeId)> = Vec::new();
    for t in templates {
        let output = &em.peek_expansion(t).output;
        let first = output.trim_start();
        let name_len = first.find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/')).unwrap_or(first.len());
        let name = first[..name_len].to_ascii_lowercase();
        if name.is_empty() || !attrs.iter().any(|a| a.name == name.as_str()) {
            return Vec::new();
        }
        entries.push((name, t));
    }
    if entries.is_empty() {
        return Vec::new();
    }
    push_slot_attribs(attrs, entries.iter().map(|(name, _)| name.as_str()), true);
    entries.into_iter().map(|(_, t)| vec![t]).collect()
}

/// End tags that decide paragraph wrapping of their line.
pub(super) fn is_block_end(name: &str) -> bool {
    matches!(
        name,
        "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "p" | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "blockquote" | "div" | "center" | "pre" | "figure"
    )
}

pub(super) fn end_tag(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let Some(name_node) = tree.child_of_kind(id, SyntaxKind::NAME) else { return em.text(tree.text(id)) };
    let name = tree.text(name_node).to_ascii_lowercase();
    if !sanitizer::is_allowed_tag(&name) && super::annotations::is_annotation(em, &name) {
        return super::annotations::end(em, id, &name);
    }
    if !sanitizer::is_allowed_tag(&name) && name != "br" {
        // An end tag MediaWiki does not allow is text, like its start tag.
        return em.text(tree.text(id));
    }
    let r = em.range(id);
    if name == "br" {
        // `</br>` is read as `<br>`, as browsers do.
        em.html(Token::StartTag { name: "br".into(), attrs: ThinVec::new(), self_closing: true, src: Some(r) });
    } else if is_void(&name) {
        // A stray `</hr>` has no meaning; drop it.
    } else if is_block_end(&name) && em.open_tags.get(name.as_str()).is_none_or(|&n| n == 0) && !em.in_list_item {
        // A block end tag with nothing to close: Parsoid drops it, so it
        // does not make its line a block line (`a</table>` is a paragraph).
        // A stray inline end tag stays: its line is still a paragraph.
        // In a list item it stays, as it ends the lists (`block_levels`).
    } else {
        em.html(Token::EndTag { name: static_name(&name), src: Some(r) });
    }
}

pub(super) fn extension_tag(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let Some(name_node) = tree.child_of_kind(id, SyntaxKind::NAME) else { return em.text(tree.text(id)) };
    let name = tree.text(name_node).to_ascii_lowercase();
    let body = wikitext_parser::ast::Tag::cast(tree, id).and_then(|t| t.contents(tree)).map(|b| tree.text(b));
    let is_close = tree.text(id).starts_with("</");
    let r = em.range(id);
    match name.as_str() {
        "nowiki" => {
            let Some(body) = body else {
                // `<nowiki/>`: an empty nowiki, which still breaks wikitext constructs.
                em.start("span", thin_vec![Attr::new("typeof", "mw:Nowiki")], Some(r));
                em.end("span");
                return;
            };
            em.start("span", thin_vec![Attr::new("typeof", "mw:Nowiki")], Some(r));
            nowiki_body(em, body);
            em.end("span");
        }
        // A stray `</pre>` closes nothing (tree building drops it, as
        // Parsoid's does), but its line holds a block end tag, which is
        // no blank line for paragraphs.
        "pre" if is_close => em.html(Token::EndTag { name: "pre".into(), src: Some(r) }),
        "noinclude" | "onlyinclude" => {
            let kind = if name == "noinclude" { "NoInclude" } else { "OnlyInclude" };
            let suffix = if is_close { "/End" } else { "" };
            em.void("meta", thin_vec![Attr::new("typeof", format!("mw:Includes/{kind}{suffix}"))], Some(r));
        }
        "includeonly" => {
            // On the page itself the content is not shown; Parsoid keeps
            // its source in `data-mw` and marks where it ended.
            let mut data_mw = String::from(r#"{"src":"#);
            super::push_json_string(&mut data_mw, tree.text(id));
            data_mw.push('}');
            em.void("meta", thin_vec![Attr::new("typeof", "mw:Includes/IncludeOnly"), Attr::new("data-mw", data_mw)], Some(r));
            if tree.text(id).to_ascii_lowercase().ends_with("</includeonly>") {
                em.void("meta", thin_vec![Attr::new("typeof", "mw:Includes/IncludeOnly/End")], None);
            }
        }
        _ => super::extension_tags::extension_tag(em, id, &name),
    }
}

/// A nowiki's text: entities in it are still entities (`mw:Entity` spans).
fn nowiki_body(em: &mut Emitter<'_>, body: &str) {
    let mut rest = body;
    while let Some(amp) = rest.find('&') {
        em.text(&rest[..amp]);
        let tail = &rest[amp..];
        match sanitizer::decode_one_entity(tail).filter(|(_, d)| d != "\r") {
            Some((len, decoded)) => {
                em.start("span", thin_vec![Attr::new("typeof", "mw:Entity")], None);
                em.text(&decoded);
                em.end("span");
                rest = &tail[len..];
            }
            None => {
                em.text("&");
                rest = &tail[1..];
            }
        }
    }
    em.text(rest);
}
