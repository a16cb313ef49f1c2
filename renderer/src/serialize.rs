//! Stage 6: write a [`Dom`] as HTML the way Parsoid writes it.
//!
//! Parsoid's serializer is HTML5's with its own habits, read off the HTML
//! it produced for real pages (`realpages/realPagesDev.txt`):
//!
//! - Void elements close themselves with no space: `<br/>`, `<meta .../>`,
//!   and never get an end tag or children.
//! - Attribute values are quoted with whichever quote the value holds
//!   fewer of (double quotes on a tie): `data-mw='{"a":1}'` but
//!   `title="it's"`. Inside, `&` → `&amp;`, `<` → `&lt;`, and the chosen
//!   quote → `&quot;` or `&apos;`; `>` stays as is.
//! - Text escapes `&` and `<` only (`a > b` stays, so does U+00A0), except
//!   in raw-text elements (`script`, `style`, `xmp`, `iframe`, `noembed`,
//!   `noframes`, `plaintext`, `noscript`), whose text is written verbatim.
//! - A text first child of `<pre>`, `<textarea>` or `<listing>` that starts
//!   with a newline gets a second one, since parsing drops the first.
//! - Comments are written verbatim between `<!--` and `-->`; the doctype
//!   is `<!DOCTYPE html>` followed by a newline.
//!
//! The walk follows the arena's links, so a deep tree costs no stack.

use html5ever::ns;

use crate::dom::{Dom, ElementName, NodeData, NodeId};

/// Write the whole document, doctype first (`<!DOCTYPE html>` when the
/// tree has none).
pub fn serialize_document(dom: &Dom, out: &mut String) {
    let doc = dom.document();
    if !dom.children(doc).any(|n| matches!(dom.data(n), NodeData::Doctype { .. })) {
        out.push_str("<!DOCTYPE html>\n");
    }
    write(dom, doc, out, false);
}

/// Write the node and its subtree (outer HTML).
pub fn serialize_node(dom: &Dom, id: NodeId, out: &mut String) {
    write(dom, id, out, true);
}

/// Write the node's children (inner HTML).
pub fn serialize_children(dom: &Dom, id: NodeId, out: &mut String) {
    write(dom, id, out, false);
}

/// Outer HTML as a new string.
#[must_use]
pub fn outer_html(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    serialize_node(dom, id, &mut s);
    s
}

/// Inner HTML as a new string.
#[must_use]
pub fn inner_html(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    serialize_children(dom, id, &mut s);
    s
}

/// HTML's void elements: no end tag, no children.
#[must_use]
pub fn is_void(name: &ElementName) -> bool {
    name.ns == ns!(html) && wikitext_parser::is_void_element(&name.local)
}

/// Elements whose text children are written without escaping. `noscript`
/// is one because the tree builder runs with scripting enabled, so it
/// parsed that content as raw text too.
fn is_raw_text(name: &ElementName) -> bool {
    name.ns == ns!(html)
        && matches!(
            &*name.local,
            "style" | "script" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext" | "noscript"
        )
}

/// Walk the subtree of `root` by its links. Template contents live outside
/// the tree, so entering one pushes the template to come back to.
fn write(dom: &Dom, root: NodeId, out: &mut String, include_root: bool) {
    let mut templates: Vec<NodeId> = Vec::new();
    let mut node = root;
    let mut opening = true;
    // Whether the node being left was a void element (written whole).
    let mut void = false;
    loop {
        if opening {
            let first = if node == root && !include_root { children_of(dom, node).map_or(Next::End, Next::Child) } else { open(dom, node, out) };
            match first {
                Next::Child((child, template)) => {
                    if template {
                        templates.push(node);
                    }
                    node = child;
                }
                Next::End => (opening, void) = (false, false),
                Next::Void => (opening, void) = (false, true),
            }
            continue;
        }
        if node == root {
            if include_root && !void {
                close(dom, node, out);
            }
            return;
        }
        if !void {
            close(dom, node, out);
        }
        void = false;
        if let Some(next) = dom.next_sibling(node) {
            node = next;
            opening = true;
            continue;
        }
        // Leave to the parent, or back out of a template's contents.
        let parent = dom.parent(node);
        node = match (parent, templates.last()) {
            (Some(p), Some(&t)) if dom.template_contents(t) == Some(p) => {
                templates.pop();
                t
            }
            (Some(p), _) => p,
            // Only a detached template-contents walk gets here; stop rather
            // than wander.
            (None, _) => return,
        };
    }
}

/// Where the walk goes below `node`: its first child (or its template
/// contents' first child, flagged `true`), unless it is void or empty.
fn children_of(dom: &Dom, node: NodeId) -> Option<(NodeId, bool)> {
    match dom.data(node) {
        NodeData::Element(e) if is_void(&e.name) => None,
        _ => first_inside(dom, node),
    }
}

/// The first node inside `node`, not void: its first child, or its
/// template contents' first child (flagged `true`).
fn first_inside(dom: &Dom, node: NodeId) -> Option<(NodeId, bool)> {
    match dom.template_contents(node) {
        Some(c) => dom.first_child(c).map(|c| (c, true)),
        None => dom.first_child(node).map(|c| (c, false)),
    }
}

/// Where the walk goes after writing a node's start.
enum Next {
    /// Into a child (flagged `true` when it is a template's contents).
    Child((NodeId, bool)),
    /// To the node's end: it has no children.
    End,
    /// Past the node: a void element, written whole.
    Void,
}

/// Write the start of a node; return where the walk goes next.
fn open(dom: &Dom, node: NodeId, out: &mut String) -> Next {
    match dom.data(node) {
        NodeData::Document | NodeData::Fragment => {}
        NodeData::Doctype(doctype) => {
            out.push_str("<!DOCTYPE ");
            out.push_str(&doctype.name);
            out.push_str(">\n");
        }
        NodeData::Text(t) => {
            let raw = dom.parent(node).and_then(|p| dom.element(p)).is_some_and(|e| is_raw_text(&e.name));
            if raw {
                out.push_str(t);
            } else {
                escape_text(t, out);
            }
        }
        NodeData::Comment(t) => {
            out.push_str("<!--");
            out.push_str(t);
            out.push_str("-->");
        }
        NodeData::Element(e) => {
            out.push('<');
            out.push_str(&e.name.local);
            for a in &e.attrs {
                out.push(' ');
                out.push_str(&a.name);
                out.push('=');
                escape_attr_value(&a.value, out);
            }
            if is_void(&e.name) {
                out.push_str("/>");
                return Next::Void;
            }
            out.push('>');
            if e.name.ns == ns!(html) && matches!(&*e.name.local, "pre" | "textarea" | "listing") {
                let first = dom.first_child(node).and_then(|c| dom.text(c));
                if first.is_some_and(|t| t.starts_with('\n')) {
                    out.push('\n');
                }
            }
        }
    }
    // Not void (a void element returned above).
    first_inside(dom, node).map_or(Next::End, Next::Child)
}

/// Write the end of a node that is not void.
fn close(dom: &Dom, node: NodeId, out: &mut String) {
    if let NodeData::Element(e) = dom.data(node) {
        out.push_str("</");
        out.push_str(&e.name.local);
        out.push('>');
    }
}

/// The length of `root`'s subtree as HTML, less its escapes (`&amp;` ...),
/// from the lengths of tag names, attributes and texts alone (no byte is
/// read): what the output needs, to within the escapes.
#[must_use]
pub fn unescaped_len(dom: &Dom, root: NodeId) -> usize {
    dom.descendants(root).map(|n| node_len(dom.data(n), 1)).fold(0, usize::saturating_add)
}

/// The length of a node as HTML (both tags of an element, with its
/// attributes), from lengths alone: each byte of a text or attribute value
/// counted `escape_growth` times, so 1 gives the length less the escapes
/// and 6 (`&quot;` for `"`) a bound above it.
pub(crate) fn node_len(data: &NodeData, escape_growth: usize) -> usize {
    match data {
        NodeData::Element(e) => {
            let attrs: usize = e.attrs.iter().map(|a| a.name.len() + a.value.len() * escape_growth + 4).sum();
            2 * e.name.local.len() + 5 + attrs
        }
        NodeData::Text(t) => t.len() * escape_growth,
        NodeData::Comment(c) => c.len() + 7,
        NodeData::Document | NodeData::Fragment | NodeData::Doctype(_) => 0,
    }
}

/// Escape `&` and `<` in text.
pub fn escape_text(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    // Most texts between tags are short and clean: a word scan is cheaper
    // than setting up memchr.
    if bytes.len() <= 64 && !has_any_byte(bytes, [b'&', b'<']) {
        out.push_str(text);
        return;
    }
    let mut start = 0;
    for i in memchr::memchr2_iter(b'&', b'<', bytes) {
        out.push_str(&text[start..i]);
        out.push_str(if bytes[i] == b'&' { "&amp;" } else { "&lt;" });
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// Whether `bytes` holds `"`, `&` or `<` (what an attribute value escapes).
fn has_attr_special(bytes: &[u8]) -> bool {
    has_any_byte(bytes, [b'"', b'&', b'<'])
}

/// Whether `bytes` holds any of `needles`, read eight bytes at a time.
#[inline(always)]
fn has_any_byte<const N: usize>(bytes: &[u8], needles: [u8; N]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let x = crate::swar::word(chunk);
        if needles.iter().fold(0, |found, &n| found | crate::swar::byte_mask(x, n)) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|b| needles.contains(b))
}

/// Quote and escape an attribute value (see the module docs).
pub fn escape_attr_value(value: &str, out: &mut String) {
    let bytes = value.as_bytes();
    let clean = if bytes.len() <= 64 { !has_attr_special(bytes) } else { memchr::memchr3(b'"', b'&', b'<', bytes).is_none() };
    if clean {
        // Most values (classes, rels, short hrefs) are short and need no
        // escaping: a scan eight bytes at a time beats setting up memchr.
        out.reserve(bytes.len() + 2);
        out.push('"');
        out.push_str(value);
        out.push('"');
        return;
    }
    // Quoted by `'` when it holds more `"` than `'`. Most values hold no
    // `'`, and then one `"` decides: no need to count them all.
    let sq = memchr::memchr_iter(b'\'', bytes).count();
    let single = if sq == 0 {
        memchr::memchr(b'"', bytes).is_some()
    } else {
        memchr::memchr_iter(b'"', bytes).count() > sq
    };
    let (quote, entity) = if single { (b'\'', "&apos;") } else { (b'"', "&quot;") };
    out.push(char::from(quote));
    let mut start = 0;
    for i in memchr::memchr3_iter(b'&', b'<', quote, bytes) {
        out.push_str(&value[start..i]);
        out.push_str(match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => entity,
        });
        start = i + 1;
    }
    out.push_str(&value[start..]);
    out.push(char::from(quote));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_scan_finds_each_special_byte_anywhere() {
        let naive = |b: &[u8]| b.iter().any(|&c| matches!(c, b'"' | b'&' | b'<'));
        // Every length up to three words, each special (and near misses
        // one off in value) at every position.
        for len in 0..24 {
            for pos in 0..len {
                for c in [b'"', b'&', b'<', b'!', b'#', b'%', b'\'', b';', b'=', 0x80, 0xa2, 0xff] {
                    let mut v = vec![b'a'; len];
                    v[pos] = c;
                    assert_eq!(has_attr_special(&v), naive(&v), "{v:?}");
                }
            }
        }
    }

    #[test]
    fn text_escapes_short_and_long() {
        let esc = |v: &str| {
            let mut out = String::new();
            escape_text(v, &mut out);
            out
        };
        assert_eq!(esc("plain \"text\" here"), "plain \"text\" here");
        assert_eq!(esc("a<b&c"), "a&lt;b&amp;c");
        for pos in 0..70 {
            let mut v = "x".repeat(70);
            v.replace_range(pos..=pos, "<");
            assert_eq!(esc(&v[..pos.max(1)]), v[..pos.max(1)].replace('<', "&lt;"));
            assert_eq!(esc(&v), v.replace('<', "&lt;"));
        }
    }

    #[test]
    fn values_are_quoted_by_their_rarer_quote() {
        let esc = |v: &str| {
            let mut out = String::new();
            escape_attr_value(v, &mut out);
            out
        };
        assert_eq!(esc("mw-ref"), "\"mw-ref\"");
        assert_eq!(esc("a&b<c"), "\"a&amp;b&lt;c\"");
        assert_eq!(esc(r#"{"a":"b's"}"#), r#"'{"a":"b&apos;s"}'"#);
        assert_eq!(esc(&"x".repeat(100)), format!("\"{}\"", "x".repeat(100)));
        assert_eq!(esc(&format!("{}&", "x".repeat(100))), format!("\"{}&amp;\"", "x".repeat(100)));
    }
}
