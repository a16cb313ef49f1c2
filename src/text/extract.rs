//! The walk from the rendered DOM to lines of text.
//!
//! Left out, as TextExtracts' default `$wgExtractsRemoveClasses` leaves them
//! out: `table`, `div`, `figure`, `script`, `input`, `style`, `meta`,
//! `ul.gallery`, edit-section links, `sup.reference`, `ol.references`, and
//! the classes `error`, `nomobile`, `noprint`, `noexcerpt`, `sortkey`. Our
//! renderer's own markers are left out too: Parsoid's reference and
//! reference-list placeholders (`mw:Extension/ref`, `mw:Extension/references`)
//! media (`mw:File`, whose only text is a missing file's name), a missing
//! template's red link, and content a reader cannot see (`hidden`,
//! `display:none`).

use wikitext_html::dom::{Dom, NodeId};

/// Elements left out whole.
fn is_skipped_element(name: &str) -> bool {
    matches!(
        name,
        "table" | "div" | "figure" | "figcaption" | "script" | "input" | "style" | "meta" | "link" | "mw:editsection" | "head" | "title"
    )
}

/// Classes whose elements are left out whole, whatever the element.
const SKIPPED_CLASSES: &[&str] =
    &["mw-editsection", "error", "nomobile", "noprint", "noexcerpt", "sortkey", "mw-references-wrap", "navbox", "infobox"];

/// Elements that are lines of their own: text before and after them ends a line.
fn is_line(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dd" | "dt" | "ul" | "ol" | "dl" | "pre" | "blockquote"
            | "section" | "center" | "body" | "address" | "article" | "aside" | "footer" | "header" | "hgroup" | "main"
            | "nav" | "details" | "summary" | "hr"
    )
}

/// The readable text of a rendered page: headings, paragraphs and list items
/// as lines (joined by `\n`, no line empty), runs of HTML whitespace
/// collapsed to one space. A heading whose section has no text left (a
/// "References" heading once the list is gone) is left out too.
#[must_use]
pub fn dom_text(dom: &Dom) -> String {
    let root = dom.body().unwrap_or_else(|| dom.document());
    let mut lines = Lines::default();
    // A walk by links, without a stack: a deep DOM cannot overflow it.
    let mut next = dom.first_child(root);
    while let Some(node) = next {
        let mut descend = false;
        if let Some(text) = dom.text(node) {
            lines.push_text(text);
        } else if let Some(name) = dom.local_name(node) {
            let attrs = Attrs::of(dom, node);
            if let Some(shown) = language_variant_text(dom, node, name, &attrs) {
                lines.push_text(&shown);
            } else if !is_skipped(name, &attrs) {
                if name == "br" {
                    lines.end_line();
                }
                if is_line(name) {
                    lines.end_line();
                }
                if let Some(level) = heading_level(name) {
                    lines.heading = Some(level);
                }
                lines.pre_depth += usize::from(name == "pre");
                descend = true;
            }
        }
        next = if descend { dom.first_child(node) } else { None };
        if next.is_none() {
            // Close this node (when entered) and the ancestors whose last child it is.
            let mut closing = node;
            if descend {
                close(dom, closing, &mut lines);
            }
            loop {
                if let Some(sibling) = dom.next_sibling(closing) {
                    next = Some(sibling);
                    break;
                }
                match dom.parent(closing) {
                    Some(parent) if parent != root => {
                        close(dom, parent, &mut lines);
                        closing = parent;
                    }
                    _ => break,
                }
            }
        }
    }
    lines.finish()
}

/// The text a language-variant block shows (`-{...}-`, an empty element
/// whose `data-mw-variant` holds its texts as HTML): the text as written for
/// a disabled, filtered or name block, the first variant's for rules, none
/// for a hidden block. `None` for any other node.
fn language_variant_text(dom: &Dom, node: NodeId, name: &str, attrs: &Attrs<'_>) -> Option<String> {
    if attrs.typeof_ != Some("mw:LanguageVariant") {
        return None;
    }
    if name == "meta" {
        return Some(String::new());
    }
    let variant: serde_json::Value = serde_json::from_str(dom.attr(node, "data-mw-variant")?).ok()?;
    let html = ["disabled", "filter", "name"]
        .iter()
        .find_map(|key| variant[key]["t"].as_str())
        .or_else(|| variant["twoway"][0]["t"].as_str())
        .unwrap_or("");
    if !html.contains(['<', '&']) {
        return Some(html.to_string());
    }
    let fragment = wikitext_html::tree_builder::parse_html(html);
    Some(dom_text(&fragment).replace('\n', " "))
}

/// Leave an entered element.
fn close(dom: &Dom, node: NodeId, lines: &mut Lines) {
    if let Some(name) = dom.local_name(node) {
        if is_line(name) {
            lines.end_line();
        }
        if heading_level(name).is_some() {
            lines.heading = None;
        }
        if name == "pre" {
            lines.pre_depth = lines.pre_depth.saturating_sub(1);
        }
    }
}

/// The level of a heading element (`h2` is 2).
fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => Some(level - b'0'),
        _ => None,
    }
}

/// The attributes the walk asks about, read in one look at an element's list.
struct Attrs<'a> {
    class: &'a str,
    typeof_: Option<&'a str>,
    style: Option<&'a str>,
    hidden: bool,
}

impl<'a> Attrs<'a> {
    fn of(dom: &'a Dom, node: NodeId) -> Attrs<'a> {
        let mut attrs = Attrs { class: "", typeof_: None, style: None, hidden: false };
        for a in dom.element(node).map_or(&[][..], |e| &e.attrs) {
            match a.name() {
                "hidden" => attrs.hidden = true,
                "class" => attrs.class = &a.value,
                "typeof" => attrs.typeof_ = Some(&*a.value),
                "style" => attrs.style = Some(&*a.value),
                _ => {}
            }
        }
        attrs
    }
}

/// Whether an element and everything in it is left out.
fn is_skipped(name: &str, attrs: &Attrs<'_>) -> bool {
    if is_skipped_element(name) || attrs.hidden {
        return true;
    }
    let Attrs { class, typeof_, style, .. } = *attrs;
    let has_class = |wanted: &str| class.split_ascii_whitespace().any(|c| c == wanted);
    if !class.is_empty()
        && (SKIPPED_CLASSES.iter().any(|c| has_class(c))
            || (name == "sup" && has_class("reference"))
            || (name == "ol" && has_class("references"))
            || (name == "ul" && has_class("gallery")))
    {
        return true;
    }
    if let Some(typeof_) = typeof_ {
        let skipped_type = |t: &str| {
            t == "mw:Extension/ref" || t == "mw:Extension/references" || t.starts_with("mw:File")
        };
        if typeof_.split_ascii_whitespace().any(skipped_type) {
            return true;
        }
        // A missing template renders as a red link to itself: no prose.
        if name == "a" && has_class("new") && typeof_.split_ascii_whitespace().any(|t| t == "mw:Transclusion") {
            return true;
        }
    }
    style.is_some_and(hides)
}

/// Whether an inline style hides its element (`display: none`).
fn hides(style: &str) -> bool {
    style.split(';').any(|declaration| {
        let Some((property, value)) = declaration.split_once(':') else { return false };
        property.trim().eq_ignore_ascii_case("display")
            && value.trim().trim_end_matches("!important").trim().eq_ignore_ascii_case("none")
    })
}

/// The first byte at or after `from` below 0x21 (each HTML whitespace
/// byte is one), or the end: eight bytes at a time, as most text (and all
/// of a CJK text's bytes) is none.
fn next_control_or_space(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A byte below 0x21 borrows in the subtraction; bytes of 0x80 and
        // above are ruled out by `!x`.
        if x.wrapping_sub(ONES * 0x21) & !x & HIGHS != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] >= 0x21 {
        i += 1;
    }
    i
}

/// Add a line to the text.
fn write_line(out: &mut String, line: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(line);
}

/// The text being built, a line at a time.
#[derive(Default)]
struct Lines {
    out: String,
    /// The current line, whitespace collapsed, without a trailing space.
    line: String,
    /// Whitespace was seen after the line's last character.
    space: bool,
    /// Inside `<pre>`: newlines end lines.
    pre_depth: usize,
    /// The current line is a heading of this level.
    heading: Option<u8>,
    /// Headings not yet followed by text, outermost first: written before
    /// the next text line, dropped when a heading of their level or above
    /// comes first.
    pending_headings: Vec<(u8, String)>,
}

impl Lines {
    fn push_text(&mut self, text: &str) {
        // HTML's whitespace is ASCII: the text between is copied a run at a
        // time (a character at a time cost a decode and a push each).
        let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if is_space(bytes[i]) {
                if bytes[i] == b'\n' && self.pre_depth > 0 {
                    self.end_line();
                } else {
                    self.space = true;
                }
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while i < bytes.len() {
                i = next_control_or_space(bytes, i);
                if i >= bytes.len() || is_space(bytes[i]) {
                    break;
                }
                i += 1;
            }
            if self.space && !self.line.is_empty() {
                self.line.push(' ');
            }
            self.space = false;
            // `start` and `i` sit at ASCII whitespace or the ends: character boundaries.
            self.line.push_str(&text[start..i]);
        }
    }

    fn end_line(&mut self) {
        self.space = false;
        if self.line.is_empty() {
            return;
        }
        if let Some(level) = self.heading {
            while self.pending_headings.last().is_some_and(|(pending, _)| *pending >= level) {
                self.pending_headings.pop();
            }
            self.pending_headings.push((level, self.line.clone()));
            self.line.clear();
            return;
        }
        for (_, heading) in self.pending_headings.drain(..) {
            write_line(&mut self.out, &heading);
        }
        write_line(&mut self.out, &self.line);
        // The line's buffer stays for the next (a fresh one grew by doubling).
        self.line.clear();
    }

    fn finish(mut self) -> String {
        self.heading = None;
        self.end_line();
        self.out
    }
}
