//! The grammar's cursor: a position in the source and the tree built so far.

use crate::builder::{BuilderCheckpoint, TreeBuilder};
use crate::tree::Diagnostic;
use crate::grammar::ext_links::ProtocolFilter;
use crate::grammar::TextClasses;
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
    pub(crate) builder: TreeBuilder,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) depth: u32,
    pub(crate) ext_tags: &'s [String],
    pub(crate) wikitext_body_tags: &'s [String],
    pub(crate) annotation_tags: &'s [String],
    pub(crate) url_protocols: &'s [String],
    pub(crate) protocol_filter: ProtocolFilter,
    pub(crate) text_classes: TextClasses,
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
    /// Which magic links the wiki makes.
    pub(crate) magic_links: crate::MagicLinks,
    /// The wiki's behaviour switches (see `ParseOptions::behavior_switches`).
    pub(crate) behavior_switches: &'s [String],
    /// Some of them are written with full-width low lines (`＿＿`).
    pub(crate) full_width_switches: bool,
    /// The wiki's redirect keywords (see `ParseOptions::redirect_words`).
    pub(crate) redirect_words: &'s [String],
}

/// An open node. Must be completed, or dropped by rewinding to a
/// checkpoint taken before it.
#[must_use]
pub(crate) struct Marker {
    index: u32,
}

/// A finished node.
#[derive(Clone, Copy)]
pub(crate) struct CompletedMarker;

impl<'s> Parser<'s> {
    pub(crate) fn new(src: &'s str, options: &'s ParseOptions) -> Parser<'s> {
        let protocol_filter = ProtocolFilter::new(&options.url_protocols);
        let full_width_switches = options.behavior_switches.iter().any(|s| s.starts_with(crate::grammar::FULL_WIDTH_LOW_LINES));
        Parser {
            src,
            pos: 0,
            limit: src.len(),
            // About one node per six bytes of a real page; `finish_tree`
            // gives back what is left over.
            builder: TreeBuilder::with_capacity(src.len() / 4 + 16),
            diagnostics: Vec::new(),
            depth: 0,
            ext_tags: &options.extension_tags,
            wikitext_body_tags: &options.wikitext_body_tags,
            annotation_tags: &options.annotation_tags,
            url_protocols: &options.url_protocols,
            protocol_filter,
            text_classes: TextClasses::new(&protocol_filter, full_width_switches),
            brackets: match_brackets(src, &options.extension_tags),
            tag_fail_until: 0,
            ext_link_fail_until: 0,
            link_table_fail_until: 0,
            close_tag_cache: Vec::new(),
            in_link_text: 0,
            magic_links: options.magic_links,
            behavior_switches: &options.behavior_switches,
            full_width_switches,
            redirect_words: &options.redirect_words,
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
        Marker { index: self.builder.start(kind, self.pos as u32) }
    }

    /// Consume `len` bytes as one token. A zero-length token is skipped;
    /// adjacent text tokens merge.
    #[inline]
    pub(crate) fn token(&mut self, kind: SyntaxKind, len: usize) {
        if len == 0 {
            return;
        }
        debug_assert!(self.src.is_char_boundary(self.pos + len));
        let start = self.pos;
        self.pos += len;
        self.builder.token(kind, start as u32, self.pos as u32);
    }

    /// A point to rewind to: the tree so far and the cursor.
    pub(crate) fn checkpoint(&self) -> Checkpoint {
        Checkpoint { builder: self.builder.checkpoint(), pos: self.pos }
    }

    /// Drop what was built since `cp` (nodes still open too) and move the cursor back.
    pub(crate) fn rewind(&mut self, cp: Checkpoint) {
        self.builder.rewind(cp.builder);
        self.pos = cp.pos;
    }
}

/// What [`Parser::rewind`] goes back to.
#[derive(Clone, Copy)]
pub(crate) struct Checkpoint {
    builder: BuilderCheckpoint,
    pub(crate) pos: usize,
}

impl Checkpoint {
    /// The index the first node made after this checkpoint gets.
    pub(crate) fn next_node(&self) -> usize {
        self.builder.nodes()
    }
}

impl Marker {
    pub(crate) fn complete(self, p: &mut Parser<'_>, kind: SyntaxKind) -> CompletedMarker {
        p.builder.finish(self.index, kind, p.pos as u32);
        CompletedMarker
    }
}
