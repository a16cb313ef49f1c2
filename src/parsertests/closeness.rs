//! How close a failing case is: the share of its expected elements that the
//! actual output reproduces exactly.
//!
//! A real page passes only if all of it matches, so a page that differs in
//! one attribute counts the same as one that renders nothing. This measure
//! shows the progress in between: each element of the normalized expected
//! HTML is its start tag (name and every attribute, as normalized), and an
//! element is reproduced when the normalized actual HTML has the same start
//! tag (as a multiset: two expected `<p>` need two actual ones). The same
//! count per kind of element (figures, `mw:Error`, galleries, transclusions)
//! tells which construct the remaining differences are in.

use std::collections::HashMap;

use super::normalize::{parse_body_fragment, serialize_inner, NormElement, NormNode};

/// The kinds of element reported on their own.
pub const KINDS: &[ElementKind] = &[
    ElementKind::Transclusion,
    ElementKind::Figure,
    ElementKind::InlineMedia,
    ElementKind::Error,
    ElementKind::Gallery,
];

/// A kind of element counted on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ElementKind {
    /// `typeof` has `mw:Transclusion`.
    Transclusion,
    /// A `<figure>` element.
    Figure,
    /// A `<span>` whose `typeof` has `mw:File` (an inline image).
    InlineMedia,
    /// `typeof` has `mw:Error`.
    Error,
    /// `typeof` has `mw:Extension/gallery`.
    Gallery,
}

impl ElementKind {
    /// The name the report prints.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ElementKind::Transclusion => "mw:Transclusion elements",
            ElementKind::Figure => "<figure> elements",
            ElementKind::InlineMedia => "inline media <span>s",
            ElementKind::Error => "mw:Error elements",
            ElementKind::Gallery => "galleries",
        }
    }

    fn matches(self, tag: &StartTag<'_>) -> bool {
        let has_type = |t: &str| tag.attr("typeof").is_some_and(|v| v.split_ascii_whitespace().any(|w| w == t));
        let has_type_prefix =
            |p: &str| tag.attr("typeof").is_some_and(|v| v.split_ascii_whitespace().any(|w| w.starts_with(p)));
        match self {
            ElementKind::Transclusion => has_type("mw:Transclusion"),
            ElementKind::Figure => tag.name == "figure",
            ElementKind::InlineMedia => tag.name == "span" && has_type_prefix("mw:File"),
            ElementKind::Error => has_type("mw:Error"),
            ElementKind::Gallery => has_type("mw:Extension/gallery"),
        }
    }
}

/// Expected elements and how many of them were reproduced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reproduced {
    pub matched: usize,
    pub expected: usize,
}

impl Reproduced {
    /// The share reproduced, 1.0 when nothing was expected.
    #[must_use]
    pub fn share(self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            // Element counts are far below 2^52.
            #[allow(clippy::cast_precision_loss)]
            let share = self.matched as f64 / self.expected as f64;
            share
        }
    }

    pub fn add(&mut self, other: Reproduced) {
        self.matched += other.matched;
        self.expected += other.expected;
    }
}

/// One case's closeness: all elements, and each kind of [`KINDS`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Closeness {
    pub all: Reproduced,
    pub by_kind: Vec<(ElementKind, Reproduced)>,
}

/// Compare two normalized HTML strings element by element.
#[must_use]
pub fn closeness(expected: &str, actual: &str) -> Closeness {
    let expected_tags = start_tags(expected);
    let mut actual_counts: HashMap<&str, usize> = HashMap::new();
    for tag in start_tags(actual) {
        *actual_counts.entry(tag.text).or_default() += 1;
    }
    let mut result = Closeness { all: Reproduced::default(), by_kind: KINDS.iter().map(|&k| (k, Reproduced::default())).collect() };
    for tag in &expected_tags {
        let found = match actual_counts.get_mut(tag.text) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        };
        let count = |r: &mut Reproduced| {
            r.expected += 1;
            r.matched += usize::from(found);
        };
        count(&mut result.all);
        for (kind, r) in &mut result.by_kind {
            if kind.matches(tag) {
                count(r);
            }
        }
    }
    result
}

/// A start tag as written in normalized HTML.
#[derive(Debug)]
struct StartTag<'a> {
    /// The whole tag, `<` to `>`.
    text: &'a str,
    name: &'a str,
    /// Attributes as written: `(name, raw value without quotes)`.
    attrs: Vec<(&'a str, &'a str)>,
}

impl StartTag<'_> {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}

/// Every start tag of serialized HTML, in order. Attribute values are
/// quoted (the normalizer writes them so) and may hold `>`.
fn start_tags(html: &str) -> Vec<StartTag<'_>> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + off;
        i = start + 1;
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = bytes[i..].iter().position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/').map_or(bytes.len(), |p| i + p);
        let name = &html[i..name_end];
        let mut attrs = Vec::new();
        let mut j = name_end;
        let mut end = None;
        while j < bytes.len() {
            match bytes[j] {
                b'>' => {
                    end = Some(j + 1);
                    break;
                }
                b if b.is_ascii_whitespace() || b == b'/' => j += 1,
                _ => {
                    let attr_start = j;
                    while j < bytes.len() && !matches!(bytes[j], b'=' | b'>' | b' ' | b'\t' | b'\n' | b'/') {
                        j += 1;
                    }
                    let attr_name = &html[attr_start..j];
                    let mut value = "";
                    if bytes.get(j) == Some(&b'=') {
                        j += 1;
                        match bytes.get(j) {
                            Some(&q @ (b'"' | b'\'')) => {
                                let value_start = j + 1;
                                let close = bytes[value_start..].iter().position(|&b| b == q).map_or(bytes.len(), |p| value_start + p);
                                value = &html[value_start..close];
                                j = close + 1;
                            }
                            _ => {
                                let value_start = j;
                                while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                                    j += 1;
                                }
                                value = &html[value_start..j];
                            }
                        }
                    }
                    attrs.push((attr_name, value));
                }
            }
        }
        let Some(end) = end else { break };
        tags.push(StartTag { text: &html[start..end], name, attrs });
        i = end;
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_as_built_counts_whitespace_but_not_ids_or_attribute_order() {
        let expected = "<p about=\"#mwt3\" data-parsoid='{}' class=\"a\" id=\"b\">x</p>\n\n<p>y</p>";
        assert!(identical_as_built(expected, "<p id=\"b\" class=\"a\" about=\"#mwt1\">x</p>\n\n<p>y</p>"));
        // One line break fewer between the paragraphs: the runner's
        // normalization would not see it, this does.
        assert!(!identical_as_built(expected, "<p id=\"b\" class=\"a\">x</p>\n<p>y</p>"));
        assert!(!identical_as_built(expected, "<p id=\"b\" class=\"c\">x</p>\n\n<p>y</p>"));
    }

    #[test]
    fn counts_start_tags_as_a_multiset() {
        let expected = r#"<p>a</p><p>b</p><figure class="mw-default-size" typeof="mw:Error mw:File"><a href="x>y"></a></figure>"#;
        let actual = r#"<p>a</p><figure class="mw-default-size" typeof="mw:Error mw:File"><a href="x>z"></a></figure>"#;
        let c = closeness(expected, actual);
        assert_eq!(c.all, Reproduced { matched: 2, expected: 4 });
        let figure = c.by_kind.iter().find(|(k, _)| *k == ElementKind::Figure).map(|(_, r)| *r);
        assert_eq!(figure, Some(Reproduced { matched: 1, expected: 1 }));
        let error = c.by_kind.iter().find(|(k, _)| *k == ElementKind::Error).map(|(_, r)| *r);
        assert_eq!(error, Some(Reproduced { matched: 1, expected: 1 }));
    }

    #[test]
    fn identical_output_is_fully_reproduced_and_nothing_expected_is_whole() {
        let html = r#"<p typeof="mw:Transclusion" data-mw='{"a":">"}'>x</p><br/>"#;
        assert_eq!(closeness(html, html).all, Reproduced { matched: 2, expected: 2 });
        assert!((closeness("", "<p></p>").all.share() - 1.0).abs() < f64::EPSILON);
        assert_eq!(closeness("<p>", "").all, Reproduced { matched: 0, expected: 1 });
    }

    #[test]
    fn never_panics_on_truncated_tags() {
        for html in ["<", "<a", "<a b='", "<a b=\"c", "<a b=", "a<1", "<a/"] {
            let _ = closeness(html, html);
        }
    }
}

/// Whether the actual HTML equals the expected as built, before the
/// runner's normalization: every text node (whitespace included), comment,
/// element and attribute value the same, leaving aside only what differs
/// by design (`data-parsoid`, which the renderer writes only on request,
/// and the `about` ids, numbered in another order) and the order of
/// attributes. A stricter measure than passing: whitespace between blocks
/// and spans the runner unwraps count here.
#[must_use]
pub fn identical_as_built(expected_html: &str, actual_html: &str) -> bool {
    let built = |html: &str| {
        let mut body = parse_body_fragment(html);
        strip_unjudged(&mut body, 0);
        serialize_inner(&body)
    };
    built(expected_html) == built(actual_html)
}

fn strip_unjudged(element: &mut NormElement, depth: usize) {
    element.attrs.retain(|(name, _)| name != "data-parsoid" && name != "about");
    if depth >= super::normalize::MAX_DEPTH {
        return;
    }
    for child in &mut element.children {
        if let NormNode::Element(e) = child {
            strip_unjudged(e, depth + 1);
        }
    }
}
