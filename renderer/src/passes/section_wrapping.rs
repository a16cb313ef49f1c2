//! Section wrapping: `<section data-mw-section-id="N">` around the lead and
//! around each wikitext heading with the content up to the next heading of
//! the same or a higher level; deeper sections nest inside.
//!
//! Only headings from wikitext syntax start sections (not `<h2>` tags).
//! Every such heading takes the next section number, in document order,
//! as the legacy parser numbers sections for editing. A section that
//! cannot hold its whole legacy extent keeps no number:
//!
//! - an element holding headings (a `<div>` around `==a==`) cannot be cut
//!   by a section, so the sections open before it end there and become
//!   uneditable (`-1`); the element and what follows it up to the next
//!   heading go into a pseudo-section (`-2`), and sections are wrapped
//!   inside the element on their own;
//! - inside such an element, the sections still open at its end would run
//!   past it in the legacy model, so they are `-1` too;
//! - a heading of an extension's wikitext content is not one of the page's
//!   (the legacy preprocessor does not look into extension tags): its
//!   section is `-1`, it takes no number and the TOC neither counts it nor
//!   goes before it.
//!
//! Then, when the page has enough headings (four, or `__FORCETOC__`) and
//! says nothing of its TOC (`__TOC__`, `__NOTOC__`), a
//! `<meta property="mw:PageProp/toc">` marks where the TOC goes: the end of
//! the section before the first heading's.

use std::collections::HashSet;

use super::transclusions::Extent;
use super::{EXTENSION_HEADING, TRANSCLUDED_HEADING, UNEDITABLE_HEADING, WIKITEXT_HEADING};
use crate::dom::{Dom, NodeId};

const ID_ATTR: &str = "data-mw-section-id";
/// A section that cannot be edited on its own.
const UNEDITABLE: &str = "-1";
/// A pseudo-section around an element that holds sections.
const PSEUDO: &str = "-2";

fn heading_level(dom: &Dom, id: NodeId) -> Option<u8> {
    // The name first: the mark is a table lookup, asked of headings only.
    let level = match dom.local_name(id)? {
        "h1" => 1,
        "h2" => 2,
        "h3" => 3,
        "h4" => 4,
        "h5" => 5,
        "h6" => 6,
        _ => return None,
    };
    dom.has_mark(id, WIKITEXT_HEADING).then_some(level)
}

struct Wrapper {
    /// Elements with a wikitext heading among their descendants.
    holds_headings: HashSet<NodeId>,
    /// Wikitext headings numbered so far.
    count: u32,
    /// The first wikitext heading's section.
    first_section: Option<NodeId>,
}

/// An open section: the element and its heading level (0 for the lead and
/// pseudo-sections, which any heading closes).
type Open = (NodeId, u8);

impl Wrapper {
    fn section(dom: &mut Dom, id: &str) -> NodeId {
        dom.create_element("section", [(ID_ATTR, id.to_string())])
    }

    /// Sections open before an element that holds headings, or at the end
    /// of such an element, cannot hold their legacy extent.
    fn close_uneditable(dom: &mut Dom, stack: &mut Vec<Open>) {
        for (s, _) in stack.drain(..) {
            if dom.attr(s, ID_ATTR) != Some(PSEUDO) {
                dom.set_attr(s, ID_ATTR, UNEDITABLE);
            }
        }
    }

    fn wrap(&mut self, dom: &mut Dom, container: NodeId, top: bool) {
        let children: Vec<NodeId> = dom.children(container).collect();
        let mut stack: Vec<Open> = Vec::new();
        if top {
            let lead = Self::section(dom, "0");
            stack.push((lead, 0));
        }
        for &child in &children {
            dom.detach(child);
        }
        if let Some(&(lead, _)) = stack.first() {
            dom.append_child(container, lead);
        }
        for child in children {
            if let Some(level) = heading_level(dom, child) {
                let mark = dom.mark(child, WIKITEXT_HEADING);
                let from_extension = mark == Some(EXTENSION_HEADING);
                let number = if mark == Some(UNEDITABLE_HEADING) || from_extension {
                    UNEDITABLE.to_string()
                } else if mark == Some(TRANSCLUDED_HEADING) {
                    self.count += 1;
                    UNEDITABLE.to_string()
                } else {
                    // A number in the mark: heading lines before this one
                    // that no heading rendered, whose numbers it skips.
                    self.count += 1 + mark.and_then(|m| m.parse::<u32>().ok()).unwrap_or(0);
                    self.count.to_string()
                };
                let before = stack.last().map_or(container, |&(s, _)| s);
                let lead_in = transclusion_lead_in(dom, before, child);
                while stack.last().is_some_and(|&(_, l)| l == 0 || l >= level) {
                    stack.pop();
                }
                let section = Self::section(dom, &number);
                match stack.last() {
                    Some(&(parent, _)) => dom.append_child(parent, section),
                    None => dom.append_child(container, section),
                }
                stack.push((section, level));
                // The TOC goes before the page's own headings.
                if !from_extension {
                    self.first_section.get_or_insert(section);
                }
                for n in lead_in {
                    dom.append_child(section, n);
                }
                dom.append_child(section, child);
            } else if self.holds_headings.contains(&child) {
                if !stack.is_empty() {
                    Self::close_uneditable(dom, &mut stack);
                    let pseudo = Self::section(dom, PSEUDO);
                    dom.append_child(container, pseudo);
                    stack.push((pseudo, 0));
                }
                match stack.last() {
                    Some(&(s, _)) => dom.append_child(s, child),
                    None => dom.append_child(container, child),
                }
                self.wrap(dom, child, false);
            } else {
                match stack.last() {
                    Some(&(s, _)) => dom.append_child(s, child),
                    None => dom.append_child(container, child),
                }
            }
        }
        if !top {
            Self::close_uneditable(dom, &mut stack);
        }
    }
}

pub(super) fn wrap(dom: &mut Dom, transclusions: &[Extent]) {
    let Some(body) = dom.body() else { return };
    let mut holds_headings = HashSet::new();
    let mut toc = TocFlags::default();
    // Headings from the marks table and metas by an arena scan, each kept
    // only in the body: counts and sets, so no walk and no order needed.
    for n in dom.marked(WIKITEXT_HEADING) {
        if heading_level(dom, n).is_none() || !dom.is_inside(n, body) {
            continue;
        }
        if dom.mark(n, WIKITEXT_HEADING) != Some(EXTENSION_HEADING) {
            toc.headings += 1;
        }
        for a in dom.ancestors(n).collect::<Vec<_>>() {
            if a == body || !holds_headings.insert(a) {
                break;
            }
        }
    }
    for n in dom.arena_elements_named("meta") {
        let flag = match dom.attr(n, "property") {
            Some("mw:PageProp/toc" | "mw:PageProp/notoc") => &mut toc.said,
            Some("mw:PageProp/forcetoc") => &mut toc.forced,
            _ => continue,
        };
        if dom.is_inside(n, body) {
            *flag = true;
        }
    }
    let mut w = Wrapper { holds_headings, count: 0, first_section: None };
    w.wrap(dom, body, true);
    for t in transclusions {
        cover_sections(dom, t);
    }
    if let Some(first) = w.first_section {
        if !toc.said && (toc.headings >= 4 || toc.forced) {
            insert_toc(dom, first);
        }
    }
}

/// The nodes a heading's transclusion put before it at the end of `parent`
/// (the section open so far), when they render nothing (line breaks,
/// comments, categories, page properties): the heading's section starts
/// with the transclusion, not inside it (T265737). Empty unless they reach
/// back to the transclusion's first node.
fn transclusion_lead_in(dom: &Dom, parent: NodeId, heading: NodeId) -> Vec<NodeId> {
    let Some(about) = dom.attr(heading, "about") else { return Vec::new() };
    let mut lead_in = Vec::new();
    let mut n = dom.last_child(parent);
    while let Some(x) = n {
        if dom.attr(x, "about") != Some(about) || !renders_nothing(dom, x) {
            return Vec::new();
        }
        lead_in.push(x);
        if dom.attr(x, "typeof").is_some_and(|t| t.split(' ').any(|t| t == "mw:Transclusion")) {
            lead_in.reverse();
            return lead_in;
        }
        n = dom.prev_sibling(x);
    }
    Vec::new()
}

/// What needs no paragraph (whitespace, a comment, a category or page
/// property), or a span of only that.
fn renders_nothing(dom: &Dom, n: NodeId) -> bool {
    super::p_wrap::is_render_transparent(dom, n)
        || (dom.is_element_named(n, "span") && dom.children(n).all(|c| renders_nothing(dom, c)))
}

/// A transclusion whose output runs from one section into another makes
/// those sections part of it: the sections from the one
/// holding its start to the one holding its end take its `about`, and the
/// first its `typeof` and a `data-mw` whose parts add the page text from the
/// first section's start and to the last one's end.
fn cover_sections(dom: &mut Dom, t: &Extent) {
    let (Some(a), Some(b)) = (section_of(dom, t.first), section_of(dom, t.last)) else { return };
    // Output that starts and ends in one section leaves it alone.
    if a == b {
        return;
    }
    let Some((first, last)) = sibling_sections(dom, a, b) else { return };
    let (Some(start), Some(end)) = (section_start(dom, first), section_end(dom, last)) else { return };
    if start > t.src.start || end < t.src.end {
        return;
    }
    let mut parts = Vec::with_capacity(t.parts.len() + 2);
    let push_text = |parts: &mut Vec<String>, text: Option<&str>| {
        if let Some(text) = text.filter(|s| !s.is_empty()) {
            let mut s = String::new();
            crate::emit::push_json_string(&mut s, text);
            parts.push(s);
        }
    };
    push_text(&mut parts, dom.source_text(start..t.src.start));
    parts.extend(t.parts.iter().cloned());
    push_text(&mut parts, dom.source_text(t.src.end..end));
    let mut n = Some(first);
    while let Some(x) = n {
        dom.set_attr(x, "about", t.about.clone());
        if x == last {
            break;
        }
        n = dom.next_sibling(x);
    }
    dom.set_attr(first, "typeof", "mw:Transclusion");
    dom.set_attr(first, "data-mw", format!("{{\"parts\":[{}]}}", parts.join(",")));
}

fn is_section(dom: &Dom, n: NodeId) -> bool {
    dom.is_element_named(n, "section") && dom.has_attr(n, ID_ATTR)
}

fn section_of(dom: &Dom, n: NodeId) -> Option<NodeId> {
    dom.ancestors(n).find(|&a| is_section(dom, a))
}

/// The sibling sections, under the lowest common ancestor of `a` and `b`,
/// that hold them (`a` comes first in the document).
fn sibling_sections(dom: &Dom, a: NodeId, b: NodeId) -> Option<(NodeId, NodeId)> {
    let a_chain: Vec<NodeId> = std::iter::once(a).chain(dom.ancestors(a)).collect();
    let mut below = b;
    for x in std::iter::once(b).chain(dom.ancestors(b)) {
        if let Some(pos) = a_chain.iter().position(|&y| y == x) {
            // One holds the other: that one alone.
            if pos == 0 {
                return Some((a, a));
            }
            if x == b {
                return Some((b, b));
            }
            let top_a = a_chain[pos - 1];
            return (is_section(dom, top_a) && is_section(dom, below)).then_some((top_a, below));
        }
        below = x;
    }
    None
}

/// Where a section starts in the page: its heading's start (the lead, 0,
/// also when an element holding headings made it uneditable).
fn section_start(dom: &Dom, s: NodeId) -> Option<u32> {
    if dom.attr(s, ID_ATTR) == Some("0") {
        return Some(0);
    }
    match dom.first_child(s).filter(|&h| heading_level(dom, h).is_some()) {
        Some(heading) => dom.src_range(heading).map(|r| r.start),
        None => (dom.parent(s) == dom.body() && dom.prev_sibling(s).is_none()).then_some(0),
    }
}

/// Where a section ends in the page: where the next section after it (not
/// inside it) starts, or the page's end.
fn section_end(dom: &Dom, s: NodeId) -> Option<u32> {
    for x in std::iter::once(s).chain(dom.ancestors(s)) {
        let mut n = dom.next_sibling(x);
        while let Some(y) = n {
            if is_section(dom, y) {
                return section_start(dom, y);
            }
            n = dom.next_sibling(y);
        }
    }
    dom.source_len()
}

#[derive(Default)]
struct TocFlags {
    headings: usize,
    /// `__TOC__` or `__NOTOC__`.
    said: bool,
    forced: bool,
}

fn insert_toc(dom: &mut Dom, first_section: NodeId) {
    let meta = dom.create_element(
        "meta",
        [("property", "mw:PageProp/toc".to_string()), ("data-mw", r#"{"autoGenerated":true}"#.to_string())],
    );
    match dom.prev_sibling(first_section) {
        Some(prev) if dom.local_name(prev) == Some("section") => dom.append_child(prev, meta),
        _ => {
            let pseudo = Wrapper::section(dom, PSEUDO);
            dom.insert_before(first_section, pseudo);
            dom.append_child(pseudo, meta);
        }
    }
}
