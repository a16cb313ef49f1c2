//! Headings: `== a ==` → `<h2>a</h2>`. The `id` is added by the DOM pass
//! `passes::headings` from the finished heading's text, as Parsoid does.

use crate::token::thin_vec;
use std::borrow::Cow;

use wikitext_parser::{NodeId, SyntaxKind};

use super::Emitter;
use crate::token::Attr;

const TAGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

pub(super) fn heading(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let level = tree.first_child(id).map_or(1, |m| tree.text(m).len()).clamp(1, 6);
    let tag = TAGS[level - 1];
    let children: Vec<NodeId> = tree.children(id).collect();
    // Children: opening marker, content..., closing marker, trailing trivia.
    let close = children.iter().rposition(|&c| tree.kind(c) == SyntaxKind::MARKER).unwrap_or(children.len());
    let content = children.iter().take(close).skip(1).copied();
    // Comments or include directives before the `=`s on its line, or include
    // directives after them: MediaWiki's preprocessor sees no heading there
    // (only its later pass, which reads the line without them, does).
    let start = tree.range(id).start;
    let after_lead = start > 0 && tree.src().as_bytes()[start - 1] != b'\n';
    let directive_after = children.iter().skip(close + 1).any(|&c| {
        matches!(tree.kind(c), SyntaxKind::EXTENSION_TAG | SyntaxKind::HTML_START_TAG | SyntaxKind::HTML_END_TAG)
    });
    let marker = if after_lead || directive_after || has_unclosed_bracket(tree, content) {
        crate::passes::UNEDITABLE_HEADING
    } else if em.foreign_range.is_some() && em.counted_headings > 0 {
        // From a transclusion whose page source wrote it: not editable
        // here, but MediaWiki counts it.
        em.counted_headings -= 1;
        crate::passes::TRANSCLUDED_HEADING
    } else if em.foreign_range.is_some() {
        // A template's own heading: uneditable, and it takes no number.
        crate::passes::UNEDITABLE_HEADING
    } else if em.uncounted_headings > 0 {
        // The numbers of heading lines no heading rendered are skipped.
        let skipped = std::mem::take(&mut em.uncounted_headings);
        return start_heading(em, id, tag, Cow::Owned(skipped.to_string()), &children, close);
    } else {
        ""
    };
    start_heading(em, id, tag, Cow::Borrowed(marker), &children, close);
}

/// The heading element and what follows it on its line; `marker` is the
/// [`crate::passes::WIKITEXT_HEADING`] mark's value.
fn start_heading(em: &mut Emitter<'_>, id: NodeId, tag: &'static str, marker: Cow<'static, str>, children: &[NodeId], close: usize) {
    let tree = em.tree;
    em.start(tag, thin_vec![Attr::new(crate::passes::WIKITEXT_HEADING, marker)], Some(em.range(id)));
    for &c in children.iter().take(close).skip(1) {
        em.node(c);
    }
    em.end(tag);
    // Trailing comments stay; the whitespace around them is the heading
    // line's and goes, except after a comment that ran onto the next line.
    // Include directives and annotation tags stay too, with the whitespace
    // before them.
    let mut next_line = false;
    let mut space: Option<NodeId> = None;
    for &c in children.iter().skip(close + 1) {
        match tree.kind(c) {
            SyntaxKind::COMMENT => {
                em.node(c);
                next_line |= tree.text(c).contains('\n');
            }
            SyntaxKind::WHITESPACE if next_line => em.text(tree.text(c)),
            SyntaxKind::WHITESPACE => {
                space = Some(c);
                continue;
            }
            // Include directives, and annotation tags (read as HTML tags).
            SyntaxKind::EXTENSION_TAG | SyntaxKind::HTML_START_TAG | SyntaxKind::HTML_END_TAG => {
                if let Some(ws) = space {
                    em.text(tree.text(ws));
                }
                em.node(c);
            }
            _ => {}
        }
        space = None;
    }
}

/// Whether the heading's literal text leaves a `[[`, `{{` or `-{` open. The
/// legacy preprocessor then never sees the heading's closing `=`s, so the
/// heading is still rendered but starts no editable section.
fn has_unclosed_bracket(tree: &wikitext_parser::Tree, content: impl Iterator<Item = NodeId>) -> bool {
    let mut stack: Vec<&[u8]> = Vec::new();
    for node in content {
        for d in tree.descendants(node).filter(|&d| tree.kind(d) == SyntaxKind::TEXT) {
            let text = tree.text(d).as_bytes();
            let mut i = 0;
            while i + 1 < text.len() {
                let pair = &text[i..i + 2];
                let closer: &[u8] = match pair {
                    b"[[" | b"{{" | b"-{" => {
                        stack.push(pair);
                        i += 2;
                        continue;
                    }
                    b"]]" => b"[[",
                    b"}}" => b"{{",
                    b"}-" => b"-{",
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                if stack.last() == Some(&closer) {
                    stack.pop();
                }
                i += 2;
            }
        }
    }
    !stack.is_empty()
}

/// How many lines of `src` after its first are heading lines as MediaWiki's
/// preprocessor finds them: a line that starts with `=` and ends with `=`
/// (trailing spaces and tabs aside), at least `=x=` long, outside the
/// bodies of `extension_tags` (lower-case names), which the preprocessor
/// does not look into. Comments are not told apart: an estimate, for
/// section numbers.
pub(super) fn heading_lines(src: &str, extension_tags: &[String]) -> u32 {
    // Only the tags are looked for case-insensitively: a lower-case copy.
    let lower = src.to_ascii_lowercase();
    let mut closes = ExtensionCloses::default();
    let mut n = 0;
    // The first line starts at the call, not at a line start.
    let mut at_line_start = false;
    let mut pos = 0;
    while pos < src.len() {
        let end = src[pos..].find('\n').map_or(src.len(), |e| pos + e);
        let line = src[pos..end].trim_end_matches([' ', '\t', '\r']);
        if at_line_start && line.len() >= 3 && line.starts_with('=') && line.ends_with('=') {
            n += 1;
        }
        match closes.body_end(&lower, pos..end, extension_tags) {
            Some(after) => {
                pos = after;
                at_line_start = false;
            }
            None => {
                pos = end + 1;
                at_line_start = true;
            }
        }
    }
    n
}

/// Where the next close tag of each extension tag name, and the next `>`,
/// are from where they were last looked for: positions only grow, so each
/// is searched for once in all (linear, even with many unclosed tags).
#[derive(Default)]
struct ExtensionCloses {
    /// Per close tag (`</name`): the next one at or after `from`.
    closes: Vec<(String, NextMatch)>,
    tag_end: NextMatch,
}

/// The next place of a pattern at or after `from` (`None`: none).
#[derive(Clone, Copy, Default)]
struct NextMatch {
    from: usize,
    at: Option<usize>,
    searched: bool,
}

impl NextMatch {
    fn find(&mut self, hay: &str, pattern: &str, from: usize) -> Option<usize> {
        let still_good = self.searched && self.from <= from && self.at.map_or(true, |a| a >= from);
        if !still_good {
            *self = NextMatch { from, at: hay[from..].find(pattern).map(|i| from + i), searched: true };
        }
        self.at
    }
}

impl ExtensionCloses {
    /// The end of the body (past its close tag) of the first extension tag
    /// opened in `lower[range]` that has one; `None` when none opens there.
    fn body_end(&mut self, lower: &str, range: std::ops::Range<usize>, extension_tags: &[String]) -> Option<usize> {
        let bytes = lower.as_bytes();
        let mut at = range.start;
        while let Some(lt) = lower[at..range.end].find('<').map(|i| at + i) {
            at = lt + 1;
            let Some(name) = extension_tags.iter().find(|t| {
                lower[lt + 1..].starts_with(t.as_str())
                    && matches!(bytes.get(lt + 1 + t.len()), Some(b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/'))
            }) else {
                continue;
            };
            let gt = self.tag_end.find(lower, ">", lt)?;
            if bytes[gt - 1] == b'/' {
                // Self-closed: no body.
                at = gt + 1;
                if at >= range.end {
                    return Some(at);
                }
                continue;
            }
            let i = match self.closes.iter().position(|(n, _)| n == name) {
                Some(i) => i,
                None => {
                    self.closes.push((name.clone(), NextMatch::default()));
                    self.closes.len() - 1
                }
            };
            let pattern = format!("</{name}");
            // Unclosed: text, as MediaWiki reads it.
            let Some(close) = self.closes[i].1.find(lower, &pattern, gt + 1) else { continue };
            return Some(self.tag_end.find(lower, ">", close).map_or(lower.len(), |g| g + 1));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::heading_lines;

    #[test]
    fn heading_lines_count_lines_after_the_first() {
        assert_eq!(heading_lines("{{1x|1=\n==a==\nb\n=== c === \n}}", &[]), 2);
        // The first line starts at the call, not at a line start.
        assert_eq!(heading_lines("==a==", &[]), 0);
        assert_eq!(heading_lines("{{x|\n==\n=a\n}}", &[]), 0);
    }

    #[test]
    fn heading_lines_skip_extension_bodies() {
        let tags = ["ref".to_string()];
        assert_eq!(heading_lines("{{1x|\n<REF name=x>\n==a==\n</ref>\n==b==\n}}", &tags), 1);
        // Self-closed and unclosed tags hide nothing.
        assert_eq!(heading_lines("{{1x|<ref/>\n==a==\n<ref>\n==b==\n}}", &tags), 2);
        assert_eq!(heading_lines("{{1x|<reference>\n==a==\n}}", &tags), 1);
    }
}
