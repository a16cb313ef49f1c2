//! The grammar's cursor: a position in the source and the events emitted so far.

use crate::event::Event;
use crate::tree::Diagnostic;
use crate::grammar::ext_links::ProtocolFilter;
use crate::grammar::preprocessor::{match_brackets, BracketMatches};
use crate::{ParseOptions, SyntaxKind};

/// Nesting deeper than this turns further openers into text, so recursion
/// stays bounded whatever the input.
pub(crate) const MAX_DEPTH: u32 = 64;

pub(crate) struct Parser<'s> {
    pub(crate) src: &'s str,
    pub(crate) pos: usize,
    /// The grammar never looks at or past this byte (the end of the
    /// enclosing construct's content).
    pub(crate) limit: usize,
    pub(crate) events: Vec<Event>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) depth: u32,
    pub(crate) ext_tags: &'s [String],
    pub(crate) wikitext_body_tags: &'s [String],
    pub(crate) annotation_tags: &'s [String],
    pub(crate) url_protocols: &'s [String],
    pub(crate) protocol_filter: ProtocolFilter,
    pub(crate) brackets: BracketMatches,
    /// Openers before this position already failed to find their end on
    /// this line (or within the tag cap): do not try again. Keeps runs of
    /// unclosed `[http://` and `<div` linear.
    pub(crate) tag_fail_until: usize,
    pub(crate) ext_link_fail_until: usize,
    /// A table in a link's text before this position found no end within
    /// the link: later ones there are not looked for (linear time).
    pub(crate) link_table_fail_until: usize,
    pub(crate) close_tag_cache: Vec<crate::grammar::html_tags::CloseTagSearch>,
    /// Above zero inside the text of an external link, where bare URLs
    /// and magic links are not made.
    pub(crate) in_link_text: u32,
}

/// An open node. Must be completed or abandoned.
#[must_use]
pub(crate) struct Marker {
    pos: u32,
}

/// A finished node.
#[derive(Clone, Copy)]
pub(crate) struct CompletedMarker;

impl<'s> Parser<'s> {
    pub(crate) fn new(src: &'s str, options: &'s ParseOptions) -> Parser<'s> {
        Parser {
            src,
            pos: 0,
            limit: src.len(),
            events: Vec::with_capacity(src.len() / 4 + 16),
            diagnostics: Vec::new(),
            depth: 0,
            ext_tags: &options.extension_tags,
            wikitext_body_tags: &options.wikitext_body_tags,
            annotation_tags: &options.annotation_tags,
            url_protocols: &options.url_protocols,
            protocol_filter: ProtocolFilter::new(&options.url_protocols),
            brackets: match_brackets(src, &options.extension_tags),
            tag_fail_until: 0,
            ext_link_fail_until: 0,
            link_table_fail_until: 0,
            close_tag_cache: Vec::new(),
            in_link_text: 0,
        }
    }

    /// The unconsumed input.
    #[inline]
    pub(crate) fn rest(&self) -> &'s str {
        &self.src[self.pos..self.limit]
    }

    #[inline]
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.limit
    }

    #[inline]
    pub(crate) fn at(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    /// Whether the cursor stands at the start of a line.
    #[inline]
    pub(crate) fn at_line_start(&self) -> bool {
        self.pos == 0 || self.src.as_bytes()[self.pos - 1] == b'\n'
    }

    pub(crate) fn start(&mut self, kind: SyntaxKind) -> Marker {
        let pos = self.events.len() as u32;
        self.events.push(Event::Start { kind });
        Marker { pos }
    }

    /// Consume `len` bytes as one token. A zero-length token is skipped.
    pub(crate) fn token(&mut self, kind: SyntaxKind, len: usize) {
        if len == 0 {
            return;
        }
        debug_assert!(self.src.is_char_boundary(self.pos + len));
        // Merge adjacent text tokens so that character-at-a-time fallbacks stay compact.
        if kind == SyntaxKind::TEXT {
            if let Some(Event::Token { kind: SyntaxKind::TEXT, len: l }) = self.events.last_mut() {
                *l += len as u32;
                self.pos += len;
                return;
            }
        }
        self.events.push(Event::Token { kind, len: len as u32 });
        self.pos += len;
    }

    /// Rewind to a checkpoint: drop events and move the cursor back.
    pub(crate) fn checkpoint(&self) -> (usize, usize) {
        (self.events.len(), self.pos)
    }

    pub(crate) fn rewind(&mut self, cp: (usize, usize)) {
        self.events.truncate(cp.0);
        self.pos = cp.1;
    }
}

impl Marker {
    pub(crate) fn complete(self, p: &mut Parser<'_>, kind: SyntaxKind) -> CompletedMarker {
        if let Event::Start { kind: k, .. } = &mut p.events[self.pos as usize] {
            *k = kind;
        }
        p.events.push(Event::Finish);
        CompletedMarker
    }

    pub(crate) fn abandon(self, p: &mut Parser<'_>) {
        let idx = self.pos as usize;
        if idx == p.events.len() - 1 {
            p.events.pop();
        } else {
            p.events[idx] = Event::Tombstone;
        }
    }
}
