//! The wikitext grammar: a hand-written driver for line structure and
//! nesting, with nom parsers (over `&str`, [`PResult`]) for the leaves:
//! what a construct is and where it ends. The driver's loop over bytes that
//! finds where markup may start stays hand-written (a table of special
//! bytes), since it runs on every byte of text.
//!
//! One module per construct family, named after Parsoid's test files.
//! Block constructs are decided at line starts ([`line`]); inline constructs
//! are dispatched on their first byte ([`inline_one`]). Anything that is not
//! a construct is `TEXT`, so parsing never fails.
//!
//! Linear time: brackets are paired once up front
//! ([`preprocessor::match_brackets`]); every other opener that scans ahead
//! either is bounded by its line or a size cap, or remembers where its
//! failed scan ended so no later opener repeats it; nesting deeper than
//! [`MAX_DEPTH`] is text.

use std::sync::Arc;

use crate::parser::{Parser, MAX_DEPTH};
use crate::{ParseOptions, SyntaxKind::*, Tree};

pub(crate) mod ext_links;
mod headings;
pub(crate) mod html_tags;
mod lists;
pub(crate) mod magic_links;
mod magic_words;
pub(crate) mod preprocessor;
mod redirects;
mod tables;
mod wiki_links;

use preprocessor::Bracket;

/// The grammar's nom parsers read `&str` and carry no error detail: a
/// parser that fails only says "not this construct here".
pub(crate) type PResult<'a, O> = nom::IResult<&'a str, O, ()>;

/// The length of what `parser` recognizes at the start of `s`.
pub(crate) fn matched<'a, O>(mut parser: impl nom::Parser<&'a str, Output = O, Error = ()>, s: &'a str) -> Option<usize> {
    parser.parse(s).ok().map(|(rest, _)| s.len() - rest.len())
}

/// Where an inline run must stop (besides its limit).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Stop {
    /// At `\n`.
    pub(crate) newline: bool,
    /// At `|`: argument separators, a cell's attribute separator.
    pub(crate) pipe: bool,
    /// At `=`: a template argument's name ends.
    pub(crate) equals: bool,
    /// At `]`: an external link's text ends.
    pub(crate) bracket: bool,
    /// 1: at `||` (table data cells); 2: also at `!!` (header cells).
    pub(crate) cell: u8,
    /// At `:`: the term of a `;` definition list item ends.
    pub(crate) colon: bool,
    /// In a wiki link's text (a file's options and caption): a bracketed
    /// external link is read whole, its `|`s included, before the text is
    /// split at `|` (`[[File:A.png|thumb|[http://x/?a=|b| c]]]` has one caption).
    pub(crate) link_text: bool,
    /// In a template's argument: an HTML tag holding a `|` (or, with
    /// `equals`, a `=`) this stops at is text, as MediaWiki's preprocessor
    /// splits arguments before tags are read (`{{1x|<div class="a">}}`
    /// names an argument `<div class`). Extension tags stay whole.
    pub(crate) split_tags: bool,
}

impl Stop {
    pub(crate) const NONE: Stop =
        Stop {
            newline: false,
            pipe: false,
            equals: false,
            bracket: false,
            cell: 0,
            colon: false,
            link_text: false,
            split_tags: false,
        };
    pub(crate) const LINE: Stop = Stop { newline: true, ..Stop::NONE };

    fn stops_at(self, rest: &str) -> bool {
        let Some(&c) = rest.as_bytes().first() else { return true };
        match c {
            b'\n' => self.newline,
            b'|' => self.pipe || (self.cell != 0 && cell_separator(rest) != 0),
            // In table syntax `{{!}}` is a pipe.
            b'{' if self.cell != 0 => if self.pipe { table_pipe(rest) != 0 } else { cell_separator(rest) != 0 },
            b'!' => self.cell == 2 && rest.starts_with("!!"),
            b'=' => self.equals,
            b']' => self.bracket,
            b':' => self.colon,
            _ => false,
        }
    }
}

/// The length of the pipe at the start of `rest` in table syntax: `|`, or
/// the magic word `{{!}}`, which MediaWiki expands to `|` before it reads
/// a table (so Parsoid reads it as table syntax too); 0 if none.
pub(crate) fn table_pipe(rest: &str) -> usize {
    if rest.starts_with('|') {
        1
    } else if rest.starts_with("{{!}}") {
        5
    } else {
        0
    }
}

/// The length of a data-cell separator `||` at the start of `rest`, either
/// pipe written as `{{!}}`; 0 if none.
pub(crate) fn cell_separator(rest: &str) -> usize {
    match table_pipe(rest) {
        0 => 0,
        first => match table_pipe(&rest[first..]) {
            0 => 0,
            second => first + second,
        },
    }
}

/// `page`: the text is a whole page, whose first line may be a redirect.
pub(crate) fn parse_document(src: &str, options: &ParseOptions, page: bool) -> Tree {
    // Ranges are u32: a longer input keeps its first 4 GiB as the page.
    let src = if src.len() > u32::MAX as usize {
        let mut end = u32::MAX as usize;
        while !src.is_char_boundary(end) {
            end -= 1;
        }
        &src[..end]
    } else {
        src
    };
    let mut p = Parser::new(src, options);
    let m = p.start(DOCUMENT);
    if page && redirects::at_redirect(&p) {
        redirects::redirect(&mut p);
        // What follows on the redirect's line starts a line (after comments).
        while p.at("<!--") {
            html_tags::comment(&mut p);
        }
        if !p.at("\n") {
            line(&mut p, false);
        }
    }
    block_content(&mut p, false);
    // Whatever the loop left (never expected) is text, so the tree stays lossless.
    let rest = p.limit - p.pos;
    p.token(TEXT, rest);
    m.complete(&mut p, DOCUMENT);
    let end = p.pos as u32;
    let Parser { builder, diagnostics, .. } = p;
    builder.finish_tree(Arc::from(src), end, diagnostics)
}

/// Lines until the limit; inside a table cell, until the next table line.
pub(crate) fn block_content(p: &mut Parser<'_>, in_table: bool) {
    let mut first = true;
    loop {
        if p.at_end() {
            break;
        }
        if !first || p.at_line_start() {
            if in_table && tables::at_table_line(p) {
                break;
            }
            line(p, in_table);
        } else {
            inline(p, Stop::LINE);
        }
        first = false;
        if p.at("\n") {
            p.token(NEWLINE, 1);
        } else if !p.at_end() {
            // A line construct stopped early (never expected); keep going as text.
            let n = p.rest().chars().next().map_or(1, char::len_utf8);
            p.token(TEXT, n);
        }
    }
}

/// One line at a line start, without its newline.
pub(crate) fn line(p: &mut Parser<'_>, _in_table: bool) {
    let rest = p.rest();
    let ws = rest.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    if let Some(open) = tables::table_open(p, ws).filter(|_| p.depth < MAX_DEPTH) {
        tables::table(p, ws, open);
        inline(p, Stop::LINE);
        return;
    }
    match rest.as_bytes().first() {
        Some(b'=') if headings::opt_heading(p) => {}
        Some(b'-') if rest.starts_with("----") => {
            horizontal_rule(p);
            inline(p, Stop::LINE);
        }
        Some(b'*' | b'#' | b':' | b';') => lists::list_item(p),
        // Comments are transparent at a line start: `<!-- c -->*a` is a list item.
        Some(b'<') if lists::at_commented_list_item(rest) => lists::list_item(p),
        // So do they before a table's `{|`.
        Some(b'<') if tables::opt_table_after_invisible_lead(p) => {}
        // Comments, include directives and behaviour switches before a
        // heading's `=` leave it a heading.
        Some(b'<' | b'_' | 0xEF) if headings::opt_heading_after_invisible_lead(p) => {}
        Some(b' ') => {
            let m = p.start(INDENT_PRE);
            p.token(WHITESPACE, 1);
            m.complete(p, INDENT_PRE);
            inline(p, Stop::LINE);
        }
        _ => inline(p, Stop::LINE),
    }
}

/// `----` and any further dashes, at the cursor.
fn horizontal_rule(p: &mut Parser<'_>) {
    let m = p.start(HORIZONTAL_RULE);
    let n = p.rest().bytes().take_while(|&b| b == b'-').count();
    p.token(MARKER, n);
    m.complete(p, HORIZONTAL_RULE);
}

/// Inline content until a stop or the limit.
pub(crate) fn inline(p: &mut Parser<'_>, stop: Stop) {
    while !p.at_end() && !stop.stops_at(p.rest()) {
        inline_one(p, stop);
    }
}

/// One inline construct or run of text. Always consumes at least one byte
/// when not at the limit.
pub(crate) fn inline_one(p: &mut Parser<'_>, stop: Stop) {
    let rest = p.rest();
    let Some(&c) = rest.as_bytes().first() else { return };
    let deep = p.depth >= MAX_DEPTH;
    match c {
        b'\n' => {
            p.token(NEWLINE, 1);
            if stop.link_text {
                wiki_links::opt_block_in_link_text(p);
            }
            return;
        }
        b'[' => {
            if rest.starts_with("[[") {
                if let Some((close, Bracket::WikiLink)) = p.brackets.get(p.pos) {
                    if close <= p.limit && !deep && wiki_links::opt_wiki_link(p, close) {
                        return;
                    }
                }
            } else if !deep && ext_links::opt_ext_link(p, stop) {
                return;
            }
        }
        b'{' => {
            if let Some((close, kind @ (Bracket::Template | Bracket::Parameter))) = p.brackets.get(p.pos) {
                if close <= p.limit && !deep {
                    return preprocessor::template_or_parameter(p, close, kind);
                }
            }
        }
        b'-' => {
            if let Some((close, Bracket::LanguageConverter)) = p.brackets.get(p.pos) {
                if close <= p.limit && !deep {
                    return preprocessor::language_converter(p, close);
                }
            }
        }
        b'<' => {
            if rest.starts_with("<!--") {
                return html_tags::comment(p);
            }
            if html_tags::opt_tag(p, stop) {
                return;
            }
        }
        b'&'
            if html_tags::opt_entity(p) => {
                return;
            }
        b'\'' => {
            let n = rest.bytes().take_while(|&b| b == b'\'').count();
            if n >= 2 {
                return p.token(QUOTE, n);
            }
        }
        b'_'
            if magic_words::opt_behavior_switch(p) => {
                return;
            }
        0xEF
            if p.full_width_switches && magic_words::opt_behavior_switch(p) => {
                return;
            }
        b'~' => return magic_words::tilde_run(p),
        c if c.is_ascii_alphabetic() && at_word_start(p) => {
            // The word, measured once: it is also the URL scheme to check.
            let n = alphanumeric_run(rest.as_bytes(), 0);
            if magic_links::opt_magic_link(p)
                || (p.protocol_filter.may_match_run(rest.as_bytes(), n) && ext_links::opt_bare_url(p, stop))
            {
                return;
            }
            // Not a link: the whole word is text, and so is what follows it.
            return text_run(p, n);
        }
        _ => {}
    }
    // Text: this byte (a char), then everything up to the next byte that may matter.
    text_run(p, rest.chars().next().map_or(1, char::len_utf8));
}

/// A `TEXT` token of the first `first` bytes of the rest and every byte
/// after them up to the next one that may start or end a construct: a
/// special byte, or a word that may start a URL or a magic link.
///
/// A URL's scheme is known to be one only at its end, where a protocol's
/// terminator (`:`) follows it: the loop looks back at the word there, so
/// that most bytes (the letters of words too) cost one table lookup.
fn text_run(p: &mut Parser<'_>, first: usize) {
    let b = p.rest().as_bytes();
    let classes = &p.text_classes;
    let mut n = first;
    loop {
        n += plain_len(&b[n..], &classes.0);
        let Some(&c) = b.get(n) else { break };
        let class = classes.0[c as usize];
        if class & WORD_START != 0 {
            // A letter that starts a magic link (or, with an unfiltered
            // protocol list, any link), checked at a word start.
            if BYTE_CLASS[b[n - 1] as usize] & ALPHANUMERIC == 0
                && (magic_links::may_start(&b[n..])
                    || (classes.1 && p.protocol_filter.may_match_run(&b[n..], alphanumeric_run(b, n))))
            {
                break;
            }
            n += 1;
            continue;
        }
        if class & SCHEME_END != 0 {
            // A protocol's terminator: is the word before it a scheme?
            let w = n - alphanumeric_run_before(b, n, 65);
            if w >= first
                && w < n
                && BYTE_CLASS[b[w] as usize] & LINK_INITIAL != 0
                && BYTE_CLASS[b[w - 1] as usize] & ALPHANUMERIC == 0
                && p.protocol_filter.may_match_run(&b[w..], n - w)
            {
                n = w;
                break;
            }
        }
        if class & SPECIAL != 0 {
            break;
        }
        n += 1;
    }
    // `n` can land inside a multi-byte char only if SPECIAL held a continuation byte; it holds none.
    p.token(TEXT, n);
}

/// The length of the run of bytes at the start of `b` whose class is 0.
#[inline]
fn plain_len(b: &[u8], classes: &[u8; 256]) -> usize {
    // Eight bytes at a time while none matters (most text runs are long).
    let mut n = 0;
    for chunk in b.chunks_exact(8) {
        let any = chunk.iter().fold(0, |acc, &c| acc | classes[c as usize]);
        if any != 0 {
            break;
        }
        n += 8;
    }
    n + b[n..].iter().position(|&c| classes[c as usize] != 0).unwrap_or(b.len() - n)
}

/// The length of the run of ASCII letters and digits at `b[from..]`.
#[inline]
fn alphanumeric_run(b: &[u8], from: usize) -> usize {
    b[from..].iter().take_while(|&&c| BYTE_CLASS[c as usize] & ALPHANUMERIC != 0).count()
}

/// The length of the run of ASCII letters and digits that ends at
/// `b[..end]`, counted up to `cap`.
#[inline]
fn alphanumeric_run_before(b: &[u8], end: usize, cap: usize) -> usize {
    b[end.saturating_sub(cap)..end].iter().rev().take_while(|&&c| BYTE_CLASS[c as usize] & ALPHANUMERIC != 0).count()
}

/// What [`text_run`] looks at in each byte, for the site's URL protocols:
/// the table, and whether every word start must be checked (a protocol
/// list the filter cannot index).
pub(crate) struct TextClasses([u8; 256], bool);

impl TextClasses {
    pub(crate) fn new(filter: &ext_links::ProtocolFilter, full_width_switches: bool) -> TextClasses {
        let exhaustive = filter.is_exhaustive();
        let mut t = [0u8; 256];
        // `＿＿` (U+FF3F twice) may start a behaviour switch: its lead byte
        // ends a run of text (a character boundary).
        if full_width_switches {
            t[usize::from(FULL_WIDTH_LOW_LINES.as_bytes()[0])] |= SPECIAL;
        }
        for (c, class) in t.iter_mut().enumerate() {
            let c = c as u8;
            let static_class = BYTE_CLASS[c as usize];
            if static_class & SPECIAL != 0 {
                *class |= SPECIAL;
            }
            if filter.is_terminator(c) {
                *class |= SCHEME_END;
            }
            if matches!(c, b'I' | b'R' | b'P') || (exhaustive && static_class & LINK_INITIAL != 0) {
                *class |= WORD_START;
            }
        }
        TextClasses(t, exhaustive)
    }
}

fn at_word_start(p: &Parser<'_>) -> bool {
    p.pos == 0 || !p.src.as_bytes()[p.pos - 1].is_ascii_alphanumeric()
}

/// A byte that may start a construct or end one.
const SPECIAL: u8 = 1;
/// Two full-width low lines, which some wikis write behaviour switches with.
pub(crate) const FULL_WIDTH_LOW_LINES: &str = "\u{FF3F}\u{FF3F}";
/// A letter that may start a URL protocol or a magic link (`ISBN`, `RFC`, `PMID`).
const LINK_INITIAL: u8 = 2;
/// An ASCII letter or digit.
const ALPHANUMERIC: u8 = 4;
/// In [`TextClasses`]: a byte that may end a URL scheme (a protocol's terminator).
const SCHEME_END: u8 = 8;
/// In [`TextClasses`]: a letter that may start a link at a word start.
const WORD_START: u8 = 16;

/// What the text loop needs to know of each byte, in one table.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let special = b"\n[]{}<&'_|!=:-~";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] |= SPECIAL;
        i += 1;
    }
    let initial = b"bfghimnrstuwxBFGHIMNRSTUWXP";
    let mut i = 0;
    while i < initial.len() {
        t[initial[i] as usize] |= LINK_INITIAL;
        i += 1;
    }
    let mut b = 0;
    while b < 256 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] |= ALPHANUMERIC;
        }
        b += 1;
    }
    t
};
