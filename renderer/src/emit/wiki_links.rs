//! Wiki links → `<a rel="mw:WikiLink">`, categories and language links →
//! `<link>`, interwiki links → `<a rel="mw:WikiLink/Interwiki">`.
//! Files and media are `media`'s.
//!
//! What is not obvious from Parsoid's output:
//! - A link to the page being rendered carries no `title`: without a
//!   fragment its class is `mw-selflink selflink`, with one (or for a bare
//!   `[[#frag]]`) it is `mw-selflink-fragment` and the href names the page.
//! - Link text never holds another link: an external link or bare URL in it
//!   reads as text, and a wiki link in it makes the outer brackets text.
//! - `[[Target|]]` (the pipe trick, expanded only on save) is text.

use crate::token::{ThinVec, thin_vec};
use wikitext_parser::{NodeId, SyntaxKind};

use super::Emitter;
use wikitext_site::site::PageState;
/// `%XX` escapes in a target decoded when they form valid UTF-8, as the site reads titles.
pub(super) use wikitext_site::title::decode_percent;
use wikitext_site::title::Title;
use crate::token::Attr;

const NS_MEDIA: i32 = -2;
const NS_FILE: i32 = 6;
const NS_CATEGORY: i32 = 14;

pub(super) fn wiki_link(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let Some(target_node) = tree.child_of_kind(id, SyntaxKind::LINK_TARGET) else { return em.children(id) };
    let Some(target_text) = target_text(em, target_node) else { return literal(em, id) };
    let current = em.current_page.clone();
    let current = current.as_deref();
    let mut target = decode_percent(&target_text).into_owned();
    // What references and escapes spelled is put in NFC, as MediaWiki
    // normalizes titles (text written as it is was saved in NFC).
    if target != tree.text(target_node) {
        target = wikitext_site::title::to_nfc(target);
    }
    let mut shown_override = None;
    if let Some(cur) = current.filter(|c| em.site.has_subpages(c.namespace)) {
        if let Some((resolved, shown)) = wikitext_site::title::resolve_subpage(&target, &cur.prefixed_text) {
            target = resolved;
            shown_override = Some(shown);
        }
    }
    let Some(title) = Title::parse(&target, 0, em.site) else {
        // Not a valid title: the brackets are text, the insides still render.
        return literal(em, id);
    };
    let parts: Vec<NodeId> = tree.children(id).filter(|&c| tree.kind(c) == SyntaxKind::LINK_TEXT).collect();
    let r = em.range(id);

    // `[[:Media:X]]` still links to the file itself.
    let is_media = title.interwiki().is_none()
        && (title.namespace() == NS_MEDIA || (!title.has_leading_colon() && title.namespace() == NS_FILE));
    if !is_media || title.namespace() == NS_MEDIA {
        // The pipe trick is expanded on save; unexpanded it is text.
        if parts.len() == 1 && tree.range(parts[0]).is_empty() {
            return literal(em, id);
        }
        // A link inside the text leaves the outer brackets as text, also
        // when a template in the text makes it (a missing one renders as a
        // link to its page).
        if parts.iter().any(|&p| tree.descendants(p).skip(1).any(|d| tree.kind(d) == SyntaxKind::WIKI_LINK))
            || parts.iter().any(|&p| super::preprocessor::template_makes_link(em, p))
        {
            return literal(em, id);
        }
    }

    if is_media && title.namespace() == NS_MEDIA {
        return super::media::file_link(em, id, &title, &parts);
    }
    if !title.has_leading_colon() && title.interwiki().is_none() {
        match title.namespace() {
            NS_CATEGORY => {
                let mut href = title.href();
                if let Some(&sort) = parts.first() {
                    // Newlines never reach a sort key.
                    let key = sort_key(em, sort).replace('\n', "");
                    href.push('#');
                    href.push_str(&wikitext_site::title::encode_title_for_href(&key).replace('"', "%22"));
                }
                let mut attrs = thin_vec![Attr::new("rel", "mw:PageProp/Category"), Attr::new("href", href)];
                category_expanded_attrs(em, target_node, parts.first().copied(), &mut attrs);
                em.void("link", attrs, Some(r));
                return;
            }
            NS_FILE | NS_MEDIA => return super::media::file_link(em, id, &title, &parts),
            _ => {}
        }
    }
    let on_talk_page = current.is_some_and(|c| c.namespace > 0 && c.namespace % 2 == 1);
    if title.is_language_link(em.site) && !on_talk_page {
        let mut attrs = thin_vec![Attr::new("rel", "mw:PageProp/Language"), Attr::new("href", title.language_href())];
        if let Some(text) = title.interwiki_info().and_then(|iw| iw.link_text.clone()) {
            attrs.push(Attr::new("title", text));
        }
        em.void("link", attrs, Some(r));
        return;
    }

    // At most six attributes (a red link's), but for a templated target's
    // `data-mw`: no growth as a rule.
    let mut attrs = ThinVec::with_capacity(6);
    if title.interwiki().is_some() {
        attrs.push(Attr::new("rel", "mw:WikiLink/Interwiki"));
        if !em.text_only {
            attrs.push(Attr::new("href", title.href()));
            // Only a link to nothing but a fragment goes without a title.
            if !title.db_key().is_empty() || title.fragment().is_none() {
                attrs.push(Attr::new("title", title.prefixed_text()));
            }
            attrs.push(Attr::new("class", "extiw"));
        }
    } else {
        let full = title.prefixed_text();
        let current_db_key = current.map(|c| c.prefixed_db_key.as_str());
        let is_current = title.is_fragment_only() || current_db_key.is_some_and(|key| title.has_prefixed_db_key(key));
        attrs.push(Attr::new("rel", "mw:WikiLink"));
        if em.text_only {
            // Read for its text alone: no href or title. A red link keeps
            // its class, which marks a missing template's link to itself.
            if !is_current && em.site.page_state(&full) == PageState::Missing {
                attrs.push(Attr::new("class", "new"));
            }
        } else if is_current {
            // A self link: no title, and the href always names the page.
            let page = current_db_key.unwrap_or_default();
            let mut href = format!("./{}", wikitext_site::title::encode_title_for_href(page));
            let self_href = title.href();
            let class = match self_href.split_once('#') {
                Some((_, frag)) => {
                    href.push('#');
                    href.push_str(frag);
                    "mw-selflink-fragment"
                }
                None => "mw-selflink selflink",
            };
            attrs.push(Attr::new("href", href));
            attrs.push(Attr::new("class", class));
        } else {
            let state = em.site.page_state(&full);
            if state == PageState::Missing {
                attrs.push(Attr::new("href", red_link_href(title.href_with_room(RED_LINK_QUERY.len()))));
                let mut i18n = String::with_capacity(80 + full.len());
                i18n.push_str(r#"{"title":{"lang":"x-page","key":"red-link-title","params":["#);
                super::push_json_string(&mut i18n, &full);
                i18n.push_str("]}}");
                attrs.push(Attr::new("title", full));
                attrs.push(Attr::new("class", "new"));
                attrs.push(Attr::new("typeof", "mw:LocalizedAttrs"));
                attrs.push(Attr::new("data-mw-i18n", i18n));
            } else {
                attrs.push(Attr::new("href", title.href()));
                attrs.push(Attr::new("title", full));
                if state == PageState::Redirect {
                    attrs.push(Attr::new("class", "mw-redirect"));
                }
            }
        }
    }
    let prefix = take_link_prefix(em);
    let templated = em.foreign_range.is_none() && tree.descendants(target_node).any(|d| tree.kind(d) == SyntaxKind::TEMPLATE);
    if templated {
        expanded_href(&mut attrs);
    }
    em.start("a", attrs, Some(r));
    if templated {
        // The target as HTML, in a hidden element the media pass moves
        // into the slot `expanded_href` left in `data-mw`.
        em.start("span", thin_vec![Attr::new(super::media::ATTRIB_HTML, "0")], None);
        super::media::caption_content(em, target_node);
        em.end("span");
    }
    if let Some(prefix) = &prefix {
        em.text(prefix);
    }
    if let (true, Some(shown)) = (parts.is_empty(), &shown_override) {
        em.text(shown);
    } else if parts.is_empty() {
        // The text as written, less a leading colon (`[[ :es:X]]` reads " es:X").
        let trimmed = target_text.trim_start();
        let mut shown = match trimmed.strip_prefix(':') {
            Some(rest) => format!("{}{rest}", &target_text[..target_text.len() - trimmed.len()]),
            None => target_text.clone(),
        };
        // The colon that escapes a namespace after an interwiki prefix
        // (`[[meatball::Category:Hello]]`) is not shown either.
        if let Some(iw) = title.interwiki() {
            if let Some((prefix, rest)) = shown.split_once(':') {
                if prefix.trim().eq_ignore_ascii_case(iw) && rest.starts_with(':') {
                    shown = format!("{prefix}:{}", &rest[1..]);
                }
            }
        }
        em.text(&decode_percent(&shown));
    } else {
        // The text's apostrophes pair among themselves (Parsoid reads a
        // link's text on its own): `''[[a|''b'']]''` is italic around a
        // link with italic text.
        let start = em.out.len();
        // Parts after the first are text too (`[[a|b|c]]` reads "b|c").
        let mut first = true;
        for &part in &parts {
            if !first {
                em.text("|");
            }
            link_text(em, part);
            first = false;
        }
        em.balance_quotes(start);
    }
    link_trail(em, id);
    em.end("a");
}

/// A link whose target a template made (`[[Fo{{1x|o}}|bar]]`) records the
/// target's HTML, its templates' transclusions in it, as Parsoid does for
/// any attribute a template gave (`mw:ExpandedAttrs`, in `data-mw.attribs`).
fn expanded_href(attrs: &mut ThinVec<Attr>) {
    match attrs.iter_mut().find(|a| a.name == "typeof") {
        Some(t) => t.value = format!("mw:ExpandedAttrs {}", t.value).into(),
        None => attrs.push(Attr::new("typeof", "mw:ExpandedAttrs")),
    }
    let mut data_mw = String::from(r#"{"attribs":[[{"txt":"href"},{"html":"#);
    data_mw.push_str(&super::media::attrib_html_slot("0"));
    data_mw.push_str("}]]}");
    attrs.push(Attr::new("data-mw", data_mw));
}

/// A category link whose target or sort key a template helped make
/// records their HTML, the templates' transclusions in it, as Parsoid
/// does (`mw:ExpandedAttrs`; `href` for the target, `mw:sortKey` for the
/// key). The `<link>` holds no content, so the HTML is made here.
fn category_expanded_attrs(em: &mut Emitter<'_>, target: NodeId, sort: Option<NodeId>, attrs: &mut ThinVec<Attr>) {
    let tree = em.tree;
    if em.foreign_range.is_some() || em.text_only {
        return;
    }
    let templated = |n: NodeId| tree.descendants(n).any(|d| tree.kind(d) == SyntaxKind::TEMPLATE);
    let mut entries = String::new();
    for (name, part) in [("href", Some(target)), ("mw:sortKey", sort)] {
        let Some(part) = part.filter(|&p| templated(p)) else { continue };
        let children: Vec<NodeId> = tree.children(part).collect();
        let (_, html) = super::preprocessor::rendered_with_spans(em, &children);
        super::html_tags::push_attrib_entry(&mut entries, name, None, &html);
    }
    if !entries.is_empty() {
        attrs.push(Attr::new("typeof", "mw:ExpandedAttrs"));
        attrs.push(Attr::new("data-mw", format!(r#"{{"attribs":[{entries}]}}"#)));
    }
}

/// A category link's sort key as its href shows it: the text, with the
/// templates in it expanded, as MediaWiki expands before it links
/// (`[[Category:X|{{PAGENAME}}]]` sorts by the page's name).
fn sort_key(em: &mut Emitter<'_>, sort: NodeId) -> String {
    let tree = em.tree;
    if em.foreign_range.is_some() || !tree.children(sort).any(|c| tree.kind(c) == SyntaxKind::TEMPLATE) {
        return em.plain_text(sort);
    }
    let mut key = String::new();
    for c in tree.children(sort) {
        if tree.kind(c) == SyntaxKind::TEMPLATE {
            // Kept for the key's HTML (`category_expanded_attrs`), so it expands once.
            let expansion = em.peek_expansion(c);
            key.push_str(&wikitext_site::entities::decode_entities(&expansion.output));
        } else {
            key.push_str(&em.plain_text(c));
        }
    }
    key
}

/// A red link's href: the page's, asking to edit it, with the fragment kept last.
/// What a red link's href adds to the page's.
pub(super) const RED_LINK_QUERY: &str = "?action=edit&redlink=1";

fn red_link_href(mut href: String) -> String {
    match href.find('#') {
        Some(hash) => href.insert_str(hash, RED_LINK_QUERY),
        None => href.push_str(RED_LINK_QUERY),
    }
    href
}

/// The target as the title parser should see it: text with entities
/// decoded, comments dropped, quotes and tags as written. `None` when it
/// holds something that cannot be part of a title as written (a template,
/// a parameter, an extension tag such as `<nowiki>`).
/// Whether a wiki link renders as a `<link>` (a category or language link)
/// rather than as an `<a>`.
pub(super) fn is_page_property_link(em: &mut Emitter<'_>, id: NodeId) -> bool {
    let Some(target_node) = em.tree.child_of_kind(id, SyntaxKind::LINK_TARGET) else { return false };
    let Some(target) = target_text(em, target_node) else { return false };
    let Some(title) = Title::parse(&decode_percent(&target), 0, em.site) else { return false };
    if !title.has_leading_colon() && title.interwiki().is_none() && title.namespace() == NS_CATEGORY {
        return true;
    }
    let on_talk_page = em.current_page.as_deref().is_some_and(|c| c.namespace > 0 && c.namespace % 2 == 1);
    title.is_language_link(em.site) && !on_talk_page
}

pub(super) fn target_text(em: &mut Emitter<'_>, target: NodeId) -> Option<String> {
    fn walk(em: &mut Emitter<'_>, id: NodeId, out: &mut String) -> Option<()> {
        let tree = em.tree;
        for c in tree.children(id) {
            match tree.kind(c) {
                // A template in the target is expanded first, as MediaWiki
                // expands before it links (not inside a transclusion's
                // output, where braces are text).
                // Kept for the template's rendering (`data-mw.attribs`, or
                // a target that is no title), so it expands once.
                SyntaxKind::TEMPLATE if em.foreign_range.is_none() => {
                    let expansion = em.peek_expansion(c);
                    if matches!(expansion.kind, wikitext_expand::TransclusionKind::MissingTemplate { .. }) {
                        return None;
                    }
                    out.push_str(&wikitext_site::entities::decode_entities(expansion.output.trim_start_matches('\n')));
                }
                SyntaxKind::TEMPLATE
                | SyntaxKind::PARAMETER
                | SyntaxKind::EXTENSION_TAG
                | SyntaxKind::LANGUAGE_CONVERTER => return None,
                SyntaxKind::ENTITY => out.push_str(&em.plain_text(c)),
                SyntaxKind::COMMENT => {}
                SyntaxKind::HTML_START_TAG | SyntaxKind::HTML_END_TAG => out.push_str(tree.text(c)),
                kind if kind.is_token() => out.push_str(tree.text(c)),
                _ => walk(em, c, out)?,
            }
        }
        Some(())
    }
    // Usually the target's own text: room for it up front.
    let mut s = String::with_capacity(em.tree.text(target).len());
    walk(em, target, &mut s)?;
    Some(s)
}


/// A part of the link text: external links and bare URLs in it are text.
fn link_text(em: &mut Emitter<'_>, part: NodeId) {
    let tree = em.tree;
    let mut c = tree.first_child(part);
    while let Some(child) = c {
        unlinked(em, child);
        c = tree.next_sibling(child);
    }
}

fn unlinked(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    match tree.kind(id) {
        // The parser reads URLs and magic links in any link's text; only
        // a file's caption links them.
        SyntaxKind::BARE_URL | SyntaxKind::MAGIC_LINK => {
            let text = crate::sanitizer::decode_entities(tree.text(id));
            let skip = std::mem::take(&mut em.skip_text);
            em.text(super::after_skip(&text, skip));
        }
        SyntaxKind::EXTERNAL_LINK | SyntaxKind::EXTERNAL_LINK_TEXT => {
            let mut c = tree.first_child(id);
            while let Some(child) = c {
                unlinked(em, child);
                c = tree.next_sibling(child);
            }
        }
        _ => em.node(id),
    }
}

/// On a wiki with a link prefix charset (Icelandic, Arabic ...), the letters
/// right before `[[` join the link's text, as MediaWiki moves them: taken
/// off the text just emitted.
fn take_link_prefix(em: &mut Emitter<'_>) -> Option<String> {
    let Some(super::Tok::Html(crate::token::Token::Text(before, _))) = em.out.last_mut() else { return None };
    let len = em.site.link_prefix_len(before);
    if len == 0 {
        return None;
    }
    let keep = before.len() - len;
    let prefix = before[keep..].to_string();
    if keep == 0 {
        em.out.pop();
    } else {
        // `keep` is where the prefix's letters start: a character boundary.
        before.pop_back(u32::try_from(len).ok()?);
    }
    Some(prefix)
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

/// A link that is not one: its markers as text (a `{{!}}` separator as
/// the `|` it expands to), its parts rendered.
fn literal(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    for c in tree.children(id) {
        match tree.kind(c) {
            SyntaxKind::MARKER if tree.text(c) == "{{!}}" => em.text("|"),
            SyntaxKind::MARKER => em.text(tree.text(c)),
            _ => em.node(c),
        }
    }
}
