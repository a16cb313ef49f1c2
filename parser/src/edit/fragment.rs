//! Checking a wikitext fragment against the place it goes.
//!
//! A fragment keeps the structure around it when its plain text (the text
//! outside any closed construct of its own) holds nothing that pairs with
//! brackets outside it: no `{{`, `}}`, `[[`, `]]`, no unclosed comment, no
//! `<` that could open a tag whose end is further down the page, and, by
//! place, no `|` (a template's part, a link's target) or `=` (a parameter's
//! name, an unnamed value). The fragment is parsed on its own to find which of
//! its text is plain; its constructs are kept verbatim.

use crate::{NodeId, SyntaxKind, Tree};

/// Where a fragment goes: what would end the part it is written into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Place {
    /// Anywhere in running text (replacing or beside a node).
    Text,
    /// A template's name: a title, refused as [`Place::LinkTarget`] is.
    TemplateName,
    /// A parameter's name: `|` and `=` end it.
    ParamName,
    /// A named parameter's value: `|` ends it.
    ParamValue,
    /// An unnamed parameter's value: `|` ends it and `=` would make it named.
    PositionalValue,
    /// A link's target: a title cannot hold `[]{}<>|`, a line break or a tag
    /// (templates and comments are fine), so such a target is refused even
    /// when escaping: escaped, the link would still fall apart into text.
    LinkTarget,
    /// A link's text (after the first `|`).
    LinkText,
    /// A table cell's or caption's content: a `|` would end the cell (`||`)
    /// or make what comes before it the cell's attributes.
    TableCell,
}

impl Place {
    fn in_template(self) -> bool {
        matches!(self, Place::TemplateName | Place::ParamName | Place::ParamValue | Place::PositionalValue)
    }

    fn pipe_ends_it(self) -> bool {
        !matches!(self, Place::Text | Place::LinkText)
    }

    /// Whether `!!` would end it (a header cell's content; escaped in any
    /// cell, since a cell's line decides, not the cell).
    fn double_bang_ends_it(self) -> bool {
        self == Place::TableCell
    }

    fn equals_ends_it(self) -> bool {
        matches!(self, Place::ParamName | Place::PositionalValue)
    }

    /// The place a node's replacement goes: the part of a template or link
    /// the node sits in, else running text.
    pub(crate) fn of_node(tree: &Tree, id: NodeId) -> Place {
        let mut at = tree.parent(id);
        while let Some(p) = at {
            match tree.kind(p) {
                SyntaxKind::TEMPLATE_NAME => return Place::TemplateName,
                SyntaxKind::ARGUMENT_NAME => return Place::ParamName,
                SyntaxKind::ARGUMENT_VALUE => {
                    let named = tree.parent(p).is_some_and(|arg| tree.child_of_kind(arg, SyntaxKind::ARGUMENT_NAME).is_some());
                    return if named { Place::ParamValue } else { Place::PositionalValue };
                }
                SyntaxKind::LINK_TARGET => return Place::LinkTarget,
                SyntaxKind::LINK_TEXT => return Place::LinkText,
                // Inside an extension tag's body only the tag's own end matters, and a
                // closed construct is what the body's plain-text check already keeps.
                SyntaxKind::TAG_BODY => return Place::Text,
                SyntaxKind::TABLE_CELL | SyntaxKind::TABLE_HEADER_CELL | SyntaxKind::TABLE_CAPTION => return Place::TableCell,
                _ => at = tree.parent(p),
            }
        }
        Place::Text
    }
}

/// Whether a fragment that would change the structure is escaped or refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Escaping {
    /// Replace the offending characters with entities or `{{!}}` / `{{=}}`.
    #[default]
    Escape,
    /// Return [`EditError::WouldChangeStructure`](super::EditError::WouldChangeStructure).
    Refuse,
}

/// Kinds whose whole text is kept verbatim when closed.
fn is_construct(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::TEMPLATE
            | SyntaxKind::PARAMETER
            | SyntaxKind::WIKI_LINK
            | SyntaxKind::EXTENSION_TAG
            | SyntaxKind::HTML_START_TAG
            | SyntaxKind::HTML_END_TAG
            | SyntaxKind::COMMENT
            | SyntaxKind::ENTITY
    )
}

/// Whether a construct of the fragment is closed in the fragment itself.
fn is_closed(tree: &Tree, id: NodeId) -> bool {
    let text = tree.text(id);
    match tree.kind(id) {
        SyntaxKind::TEMPLATE => text.ends_with("}}"),
        SyntaxKind::PARAMETER => text.ends_with("}}}"),
        SyntaxKind::WIKI_LINK => text.ends_with("]]"),
        SyntaxKind::COMMENT => text.len() >= 7 && text.ends_with("-->"),
        // `<ref/>`, or a tag with its end tag; an unclosed `<ref>` would reach down the page.
        SyntaxKind::EXTENSION_TAG => {
            text.ends_with("/>") || tree.children(id).any(|c| tree.kind(c) == SyntaxKind::MARKER && tree.text(c) == "</")
        }
        _ => true,
    }
}

/// Why a fragment cannot go where it was meant to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Misfit {
    /// It would change the structure, and the caller refused escaping.
    Structure,
    /// It cannot be a title, escaped or not.
    Title,
}

/// Whether nothing inside a closed construct could reach out of it once in the
/// page: no unclosed construct, no `<` in text (which the preprocessor, reading
/// tags before links, may take for an unclosed tag).
fn is_sound(tree: &Tree, id: NodeId) -> bool {
    tree.descendants(id).all(|d| {
        let kind = tree.kind(d);
        let inside_comment = tree.parent(d).is_some_and(|p| tree.kind(p) == SyntaxKind::COMMENT);
        (!is_construct(kind) || is_closed(tree, d)) && (kind != SyntaxKind::TEXT || inside_comment || !tree.text(d).contains('<'))
    })
}

/// The fragment as it can be written at `place`.
pub(crate) fn fit(fragment: &str, place: Place, escaping: Escaping) -> Result<String, Misfit> {
    let tree = crate::parse(fragment);
    let mut out = String::with_capacity(fragment.len());
    let mut plain = String::new();
    let mut changed = false;
    let mut stack = vec![tree.root()];
    // Walk in document order; a closed construct is copied whole.
    let mut order = Vec::new();
    while let Some(id) = stack.pop() {
        let kind = tree.kind(id);
        // Templates are matched before links, so a link does not hide a `}}` from one.
        let hides_close = kind == SyntaxKind::WIKI_LINK && place.in_template() && tree.text(id).contains("}}");
        if id != tree.root() && is_construct(kind) && is_closed(&tree, id) && !hides_close && is_sound(&tree, id) {
            order.push((id, true));
            continue;
        }
        if tree.first_child(id).is_none() {
            order.push((id, false));
            continue;
        }
        let children: Vec<NodeId> = tree.children(id).collect();
        stack.extend(children.into_iter().rev());
    }
    let mut bad_title = false;
    for (id, whole) in order {
        bad_title |= if whole {
            !matches!(tree.kind(id), SyntaxKind::TEMPLATE | SyntaxKind::PARAMETER | SyntaxKind::COMMENT | SyntaxKind::ENTITY)
        } else {
            tree.text(id).contains(['[', ']', '{', '}', '<', '>', '|', '\n'])
        };
        if whole {
            changed |= flush(&mut plain, &mut out, place);
            out.push_str(tree.text(id));
        } else {
            plain.push_str(tree.text(id));
        }
    }
    changed |= flush(&mut plain, &mut out, place);
    if matches!(place, Place::LinkTarget | Place::TemplateName) && bad_title {
        // A title cannot hold these characters at all, escaped or not: the link would
        // become text. Refuse whatever the caller chose.
        return Err(Misfit::Title);
    }
    if changed && escaping == Escaping::Refuse {
        return Err(Misfit::Structure);
    }
    Ok(out)
}

/// Escapes one run of plain text into `out`; returns whether anything changed.
fn flush(plain: &mut String, out: &mut String, place: Place) -> bool {
    let text = std::mem::take(plain);
    let bytes = text.as_bytes();
    let mut changed = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let pair = next == Some(b);
        // A run's edges touch a construct of the fragment or the markup around it.
        let last = i + 1 == bytes.len();
        let first = i == 0;
        let replacement: Option<&str> = match b {
            b'{' if pair => Some("&#123;&#123;"),
            b'}' if pair => Some("&#125;&#125;"),
            b'[' if pair => Some("&#91;&#91;"),
            b']' if pair => Some("&#93;&#93;"),
            // A lone brace or bracket at an edge could join the markup beside it; in a
            // template or link the tree's brace matching counts lone braces too.
            b'}' if last || first || place != Place::Text => Some("&#125;"),
            b'{' if first || last || place != Place::Text => Some("&#123;"),
            b']' if last || first => Some("&#93;"),
            b'[' if first || last => Some("&#91;"),
            b'|' if place.pipe_ends_it() => Some(if place.in_template() { "{{!}}" } else { "&#124;" }),
            b'=' if place.equals_ends_it() => Some("{{=}}"),
            b'!' if place.double_bang_ends_it() && (pair || first || last) => Some("&#33;"),
            // It would close a comment opened before the fragment.
            b'-' if text[i..].starts_with("-->") => Some("--&gt;"),
            b'<' if next.is_some_and(|n| n.is_ascii_alphabetic() || n == b'!' || n == b'/') => Some("&lt;"),
            _ => None,
        };
        match replacement {
            Some(r) => {
                out.push_str(r);
                changed = true;
                // A doubled bracket is replaced as a pair.
                i += match b {
                    b'{' | b'}' | b'[' | b']' if pair => 2,
                    b'-' => 3,
                    _ => 1,
                };
            }
            None => {
                // Copy up to the next byte that may need escaping, whole UTF-8 sequences included.
                let end = bytes[i + 1..]
                    .iter()
                    .position(|c| matches!(c, b'{' | b'}' | b'[' | b']' | b'|' | b'=' | b'<' | b'-' | b'!'))
                    .map_or(bytes.len(), |p| i + 1 + p);
                out.push_str(&text[i..end]);
                i = end;
            }
        }
    }
    changed
}

/// `text` with every `<name` and `</name` (any case) escaped as `&lt;`, or refused.
pub(crate) fn escape_tag_name(text: &str, name: &str, escaping: Escaping) -> Result<String, Misfit> {
    let name = name.to_ascii_lowercase();
    let lower = text.to_ascii_lowercase();
    let starts_tag = |i: usize| {
        let rest = &lower[i + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        rest.starts_with(&name)
    };
    let hits: Vec<usize> = lower.match_indices('<').map(|(i, _)| i).filter(|&i| starts_tag(i)).collect();
    if hits.is_empty() {
        return Ok(text.to_owned());
    }
    if escaping == Escaping::Refuse {
        return Err(Misfit::Structure);
    }
    let mut out = String::with_capacity(text.len() + 8 * hits.len());
    let mut at = 0;
    // Lower-casing ASCII keeps byte offsets, so offsets in `lower` index `text`.
    for i in hits {
        out.push_str(&text[at..i]);
        out.push_str("&lt;");
        at = i + 1;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// `text` with `<`, `>` and quotes escaped as entities, or refused.
pub(crate) fn escape_in_attribute(text: &str, escaping: Escaping) -> Result<String, Misfit> {
    if !text.contains(['<', '>', '"', '\'']) {
        return Ok(text.to_owned());
    }
    if escaping == Escaping::Refuse {
        return Err(Misfit::Structure);
    }
    Ok(text.replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;"))
}
