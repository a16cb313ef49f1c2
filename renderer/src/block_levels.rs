//! Lists, indent-pre and paragraph wrapping: one state machine over the
//! page's lines, in the model MediaWiki and Parsoid share.
//!
//! - **Lists.** Consecutive list lines are compared by their bullets (`;`
//!   and `:` count as the same list): lists are closed down to the common
//!   prefix, the next item is started, and deeper lists are opened.
//! - **Indent-pre.** A line starting with a space, outside block elements,
//!   joins a `<pre>` (a blank one only continues an open `<pre>`).
//! - **Paragraphs.** Text lines are wrapped in `<p>`; a blank line ends the
//!   paragraph, and each further blank line adds a `<p><br></p>`-style
//!   break. Lines holding block-level tags are not wrapped and switch
//!   wrapping off until a tag that closes the block (or opens a cell).
//! - **Invisible lines.** A line of only comments, category links or
//!   behaviour switches (and spaces) leaves the state as it was, as
//!   MediaWiki strips such lines before it looks at paragraphs.

use crate::token::{ThinVec, thin_vec};
use std::borrow::Cow;

use crate::emit::Tok;
use crate::handout::{Handout, LineStream};
use crate::passes::trim_whitespace::WIKITEXT_SYNTAX;
use crate::passes::{BREAK_PARAGRAPH, WIKITEXT_PARAGRAPH};
use crate::token::{Attr, SrcRange, Token};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Para {
    None,
    P,
    Pre,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum PendingP {
    /// A blank line was seen after non-paragraph content: `<p>` opens next.
    Open,
    /// A blank line was seen inside a paragraph: `</p><p>` comes next.
    CloseOpen,
}

struct BlockLevels {
    out: Vec<Token>,
    /// The open lists, one byte a level: its bullet, or for a `<dl>` the
    /// kind of its open item (`;` a `<dt>`, `:` a `<dd>`).
    list_prefix: Vec<u8>,
    last: Para,
    pending: Option<PendingP>,
    in_block: bool,
    in_pre_tag: bool,
    /// How many HTML lists (`<ul>`, `<ol>`, `<dl>` tags) are open: blank
    /// lines between their items make no paragraphs, as in Parsoid.
    html_lists: usize,
    /// Inside `<blockquote>` (as of its last tag): no indent-pre there.
    in_blockquote: bool,
    /// The newline ending the last indent-pre line, held back until the
    /// next line shows whether it is inside the `<pre>` or after `</pre>`.
    pre_newline: bool,
    /// The newline ending the last paragraph line, held back likewise: it
    /// stays in the paragraph if the paragraph goes on, and follows its
    /// `</p>` if the paragraph ends there (as Parsoid places it).
    p_newline: bool,
    /// The line break of a blank line that ended a paragraph (`pending` is
    /// `CloseOpen`): it follows that paragraph's `</p>` and line break
    /// (`<p>a</p>\n\n<p>b</p>`, as Parsoid places it), unless a second
    /// blank line makes it the next paragraph's first text.
    blank_newline: bool,
    /// The source range of the list line being entered: the lists and
    /// items it opens start there.
    item_src: Option<SrcRange>,
    /// A list line's leading comments, put between the tags that close
    /// the old items and those that open the new one.
    list_head: Vec<Tok>,
    /// Comment lines seen inside a list, held until the next line shows
    /// where they go: between the items if the list goes on (Parsoid ends
    /// an item at its line's end), after the lists if it ends.
    list_comments: Vec<Tok>,
    /// Comment lines seen after a blank line ended a paragraph, held for
    /// the paragraph that opens next (Parsoid puts them at its start:
    /// `a\n\n<!--c-->\n\n` renders `<p>a</p><p><!--c--><br></p>`), or for
    /// before whatever else comes.
    held_comments: Vec<Tok>,
    /// Category and language link lines after a blank line that ended a
    /// paragraph, each with whether a newline ended it. Held until the next
    /// line shows where they go: after the paragraph, for content or the
    /// end of the page, or inside it, for a comment line (Parsoid closes a
    /// paragraph at a comment-only line, after the links it holds so far).
    held_links: Vec<(Vec<Tok>, bool)>,
    /// Blank lines inside a list, held until the next line shows whether
    /// the list goes on: a line that starts with a category or language
    /// link continues the item (MediaWiki trims the whitespace before such
    /// a link, T2087); anything else ends the list before them.
    /// (Each held line ended with a line break.)
    held_list_blanks: Vec<Vec<Tok>>,
    /// A list line's line break, held until the next line shows what it
    /// closes: the break goes after the item's (and lists') end tags and
    /// before what opens next, as Parsoid places it (`<li>a</li>\n<li>b`).
    list_newline: bool,
    /// The block elements the open lists' items opened (a later item's
    /// end tag for one of them does not end the lists).
    list_blocks: Vec<(Cow<'static, str>, usize)>,
    /// Open `<table>`s.
    table_depth: usize,
    /// The lists around tables opened in list items (`:{|`): the table's
    /// lines hold their own lists, and the item goes on after the table.
    outer_lists: Vec<OuterLists>,
}

struct OuterLists {
    prefix: Vec<u8>,
    /// `table_depth` inside the table.
    depth: usize,
}

/// Turn the line markers of `toks` into list, pre and paragraph tags.
pub(crate) fn resolve(toks: Vec<Tok>) -> Vec<Token> {
    let capacity = toks.len() + toks.len() / 4 + 8;
    let mut out = Vec::with_capacity(capacity);
    out.extend(BlockLines::new(toks.into_iter()));
    out
}

/// [`resolve`] as an iterator, a line at a time: the page's rendering
/// feeds the tree builder from it and never holds the whole stream twice.
pub(crate) struct BlockLines<I: Iterator<Item = Tok>> {
    toks: std::iter::Peekable<I>,
    st: BlockLevels,
    line: Vec<Tok>,
    /// The room a new line starts with: the longest line so far, up to
    /// [`MAX_LINE_ROOM`] tokens.
    line_room: usize,
    /// Resolved tokens.
    handout: Handout<Token>,
}

/// A line buffer's room is at most this many tokens up front: longer lines
/// are rare, and grow as they must.
const MAX_LINE_ROOM: usize = 256;

impl<I: Iterator<Item = Tok>> BlockLines<I> {
    pub(crate) fn new(toks: I) -> BlockLines<I> {
        let st = BlockLevels {
            out: Vec::new(),
            list_prefix: Vec::new(),
            last: Para::None,
            pending: None,
            blank_newline: false,
            in_block: false,
            in_pre_tag: false,
            html_lists: 0,
            in_blockquote: false,
            pre_newline: false,
            p_newline: false,
            item_src: None,
            list_head: Vec::new(),
            list_comments: Vec::new(),
            held_comments: Vec::new(),
            held_links: Vec::new(),
            held_list_blanks: Vec::new(),
            list_blocks: Vec::new(),
            list_newline: false,
            table_depth: 0,
            outer_lists: Vec::new(),
        };
        BlockLines { toks: toks.peekable(), st, line: Vec::new(), line_room: 8, handout: Handout::new() }
    }
}

impl<I: Iterator<Item = Tok>> LineStream for BlockLines<I> {
    type Item = Token;

    fn handout(&mut self) -> &mut Handout<Token> {
        &mut self.handout
    }

    /// Resolve lines until some tokens are ready. A trailing text token
    /// stays behind in `st.out`, since the next line's text may be
    /// appended to it.
    fn fill(&mut self) {
        let ready = self.handout.buffer();
        while let Some(t) = self.toks.next() {
            if matches!(t, Tok::Newline) {
                let last_line = self.toks.peek().is_none();
                // The next line starts with room for the longest line so far
                // (the resolver keeps the line): one allocation, not a
                // regrowth per doubling when a long line follows short ones.
                self.line_room = self.line_room.max(self.line.len().min(MAX_LINE_ROOM));
                self.st.line(std::mem::replace(&mut self.line, Vec::with_capacity(self.line_room)), true, last_line);
                let trailing_text = match self.st.out.last() {
                    Some(Token::Text(..)) => self.st.out.pop(),
                    _ => None,
                };
                std::mem::swap(&mut self.st.out, ready);
                self.st.out.extend(trailing_text);
                if !ready.is_empty() {
                    return;
                }
            } else {
                self.line.push(t);
            }
        }
        self.st.line(std::mem::take(&mut self.line), false, true);
        self.st.finish();
        std::mem::swap(&mut self.st.out, ready);
        self.handout.finish();
    }
}

impl<I: Iterator<Item = Tok>> Iterator for BlockLines<I> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        self.next_item()
    }
}

/// A `<p>` start tag marked as made by this pass (see `passes::p_wrap`).
/// A paragraph's start tag, marked for `p_wrap` (`mark`: `""`, or
/// `BREAK_PARAGRAPH` to keep its leading comments).
fn paragraph_marked(mark: &'static str) -> Token {
    Token::start("p", thin_vec![Attr::new(WIKITEXT_PARAGRAPH, mark)])
}

fn paragraph() -> Token {
    paragraph_marked("")
}

/// Blank text: ASCII whitespace only (a no-break space is content).
fn is_ws_text(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::Text(s, _)) if s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')))
}

/// `<meta property="mw:PageProp/...">`, a behaviour switch.
fn is_behavior_switch(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::StartTag { name, attrs, .. })
        if name == "meta" && attrs.iter().any(|a| a.name == "property" && a.value.starts_with("mw:PageProp/")))
}

/// `<link rel="mw:PageProp/...">`: a category or language link.
fn is_page_link(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::StartTag { name, attrs, .. })
        if name == "link" && attrs.iter().any(|a| a.name == "rel" && a.value.starts_with("mw:PageProp/")))
}

/// Whether the line's first content (after whitespace, comments and
/// transclusion start markers) is a category or language link.
fn starts_with_page_link(line: &[Tok]) -> bool {
    line.iter()
        .find(|t| !is_ws_text(t) && !is_start_marker(t) && !matches!(t, Tok::IndentPre | Tok::Html(Token::Comment(_))))
        .is_some_and(is_page_link)
}

/// An include directive's `<meta typeof="mw:Includes/...">`.
fn is_include_directive(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::StartTag { name, attrs, .. })
        if name == "meta" && attrs.iter().any(|a| a.name == "typeof" && a.value.starts_with("mw:Includes/")))
}

/// A transclusion's start marker (see `emit::preprocessor`).
fn is_start_marker(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::StartTag { name, attrs, .. })
        if name == "meta" && attrs.iter().any(|a| a.name == crate::emit::MARKER_START))
}

/// A transclusion's start or end marker.
fn is_marker(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::StartTag { name, attrs, .. })
        if name == "meta" && attrs.iter().any(|a| a.name == crate::emit::MARKER_START || a.name == crate::emit::MARKER_END))
}

/// A line that expansion left empty: transclusion markers with nothing
/// between them but whitespace and comments (`{{blank}}<!---->`). MediaWiki
/// sees a blank line there, which ends a paragraph; a comment strips its
/// line only when it stands alone on it before expansion.
fn is_expanded_blank(line: &[Tok]) -> bool {
    line.iter().any(is_marker)
        && line.iter().all(|t| is_marker(t) || is_ws_text(t) || matches!(t, Tok::IndentPre | Tok::Html(Token::Comment(_))))
}

/// Elements that do not make a line visible: comments, metadata elements.
fn is_invisible(t: &Tok) -> bool {
    match t {
        Tok::Html(Token::Comment(_)) => true,
        // A hidden language-variant block is content, as Parsoid wraps it;
        // so is an extension's empty output (`<link typeof="mw:Extension/section">`),
        // unlike an invisible one's `<meta>` (an indicator).
        Tok::Html(Token::StartTag { name, attrs, .. }) => match name.as_ref() {
            "meta" => !crate::emit::is_variant_tag(attrs),
            "link" => {
                !crate::emit::is_variant_tag(attrs)
                    && !attrs.iter().any(|a| {
                        a.name == "typeof" && a.value.split_ascii_whitespace().any(|w| w.starts_with("mw:Extension/"))
                    })
            }
            _ => false,
        },
        // A leading space does not make a comment line an indent-pre line.
        Tok::IndentPre => true,
        _ => is_ws_text(t),
    }
}

fn is_table_syntax_end(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::EndTag { name, src: None }) if name == "table")
}

/// The end of a cell made by table syntax (a literal `</td>` carries its source range).
fn is_cell_end(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::EndTag { name, src: None }) if matches!(name.as_ref(), "td" | "th"))
}

fn block_match(line: &[Tok]) -> (bool, bool, bool, bool) {
    let (mut open, mut close, mut pre_open, mut pre_close) = (false, false, false, false);
    for t in line {
        match t {
            Tok::Html(Token::StartTag { name, .. }) => match name.as_ref() {
                "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "ul" | "ol" | "dl" | "li" => open = true,
                // Text on the lines after a row start is fostered out of the
                // table, and Parsoid wraps it in a paragraph.
                "tr" => close = true,
                "pre" => {
                    open = true;
                    pre_open = true;
                }
                "td" | "th" | "blockquote" | "div" | "hr" | "center" | "caption" | "figure" | "aside" => close = true,
                _ => {}
            },
            Tok::Html(Token::EndTag { name, .. }) => match name.as_ref() {
                "tr" | "td" | "th" => open = true,
                "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "li" | "ul" | "ol" | "dl" | "blockquote" | "div" | "center" | "caption" | "figure" | "aside" => close = true,
                "pre" => {
                    close = true;
                    pre_close = true;
                }
                _ => {}
            },
            _ => {}
        }
    }
    (open, close, pre_open, pre_close)
}

/// Elements whose end tag ends a list item that did not open them.
fn is_list_breaking_block(name: &str) -> bool {
    matches!(
        name,
        "div" | "p" | "table" | "tbody" | "thead" | "tfoot" | "caption" | "tr" | "td" | "th" | "ul" | "ol" | "li" | "dl"
            | "dt" | "dd" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "blockquote" | "center" | "figure"
            | "figcaption" | "section" | "article" | "aside" | "header" | "footer" | "nav" | "main" | "hgroup"
    )
}

/// In a list item's tokens, the first literal end tag of a block element
/// that the list did not open; `open` counts, per name, the blocks the
/// list's items opened so far (a few names: each look is short).
fn unopened_block_end(line: &[Tok], open: &mut Vec<(Cow<'static, str>, usize)>) -> Option<usize> {
    for (i, t) in line.iter().enumerate() {
        match t {
            Tok::Html(Token::StartTag { name, self_closing: false, .. }) if is_list_breaking_block(name) => {
                match open.iter_mut().find(|(n, _)| n == name) {
                    Some((_, count)) => *count += 1,
                    None => open.push((name.clone(), 1)),
                }
            }
            Tok::Html(Token::EndTag { name, src: Some(_) }) if is_list_breaking_block(name) => {
                match open.iter_mut().find(|(n, count)| n == name && *count > 0) {
                    Some((_, count)) => *count -= 1,
                    None => return Some(i),
                }
            }
            _ => {}
        }
    }
    None
}

/// An annotation's start or end marker (`<meta typeof="mw:Annotation/NAME">`).
fn is_annotation_marker(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::StartTag { name, attrs, .. })
        if name == "meta" && attrs.iter().any(|a| a.name == crate::emit::ANNOTATION_MARKER))
}

/// Where an indent-pre line's leading space is: the line's `IndentPre`, or
/// the start of the text after leading comments and annotation markers
/// (`<!-- c --> a`, `<translate> a`), which show nothing at a line start.
fn indent_at(line: &[Tok]) -> Option<usize> {
    let leading = |t: &Tok| matches!(t, Tok::Html(Token::Comment(_))) || is_start_marker(t) || is_annotation_marker(t);
    let at = line.iter().position(|t| !leading(t))?;
    match &line[at] {
        // A transclusion's output starts the line: its markers come first,
        // after comments, which MediaWiki strips before it reads the line.
        Tok::IndentPre if line[..at].iter().all(leading) => Some(at),
        Tok::Html(Token::Text(t, _)) if at > 0 && t.starts_with(' ') => Some(at),
        _ => None,
    }
}

/// The `<table>` start and end tags on the line.
fn table_tags(line: &[Tok]) -> (usize, usize) {
    line.iter().fold((0, 0), |(o, c), t| match t {
        Tok::Html(Token::StartTag { name, .. }) if name == "table" => (o + 1, c),
        Tok::Html(Token::EndTag { name, .. }) if name == "table" => (o, c + 1),
        _ => (o, c),
    })
}

/// Whether the line's last `blockquote` tag opens (`Some(true)`) or closes one.
fn last_blockquote_tag(line: &[Tok]) -> Option<bool> {
    line.iter().rev().find_map(|t| match t {
        Tok::Html(Token::StartTag { name, .. }) if name == "blockquote" => Some(true),
        Tok::Html(Token::EndTag { name, .. }) if name == "blockquote" => Some(false),
        _ => None,
    })
}

impl BlockLevels {
    fn emit(&mut self, t: Token) {
        if self.p_newline && !matches!(&t, Token::EndTag { name, .. } if &**name == "p") {
            self.p_newline = false;
            self.emit(Token::text("\n"));
        }
        if let Token::Text(s, src) = &t {
            if let Some(Token::Text(prev, prev_src)) = self.out.last_mut() {
                prev.push_tendril(s);
                if let Some(src) = src {
                    crate::token::join_src(prev_src, src.clone());
                }
                return;
            }
        }
        self.out.push(t);
    }

    fn emit_line(&mut self, line: Vec<Tok>) {
        for t in line {
            match t {
                Tok::Html(h) => self.emit(h),
                // `;term:definition`: the innermost `<dt>` gives way to a `<dd>`.
                Tok::DdColon => self.next_item(b':'),
                Tok::IndentPre => self.emit(Token::text(" ")),
                Tok::ListItem { bullets, .. } => self.emit(Token::text(bullets)),
                Tok::Quote { len, .. } => self.emit(Token::text("'".repeat(len))),
                Tok::Newline => self.emit(Token::text("\n")),
            }
        }
    }

    fn close_paragraph(&mut self) {
        match self.last {
            Para::P => {
                let newline = std::mem::take(&mut self.p_newline);
                self.emit(Token::end("p"));
                if newline {
                    self.emit(Token::text("\n"));
                }
                if std::mem::take(&mut self.blank_newline) {
                    self.emit(Token::text("\n"));
                }
            }
            Para::Pre => self.emit(Token::end("pre")),
            Para::None => {}
        }
        self.flush_pre_newline();
        self.last = Para::None;
    }

    fn flush_pre_newline(&mut self) {
        if std::mem::take(&mut self.pre_newline) {
            self.emit(Token::text("\n"));
        }
    }

    fn item_tag(c: u8) -> &'static str {
        match c {
            b'*' | b'#' => "li",
            b';' => "dt",
            _ => "dd",
        }
    }

    fn open_list(&mut self, c: u8) {
        let list = match c {
            b'*' => "ul",
            b'#' => "ol",
            _ => "dl",
        };
        self.flush_list_head();
        self.emit(self.list_tag(list));
        self.emit(self.list_tag(Self::item_tag(c)));
        self.list_prefix.push(c);
    }

    /// Close the innermost level's item and start one of kind `c` (same list).
    fn next_item(&mut self, c: u8) {
        let Some(last) = self.list_prefix.last_mut() else { return };
        let old = std::mem::replace(last, c);
        self.emit(Token::end(Self::item_tag(old)));
        self.flush_list_head();
        self.emit(self.list_tag(Self::item_tag(c)));
    }

    /// The start tag of a list or item, with the range of the line it starts on.
    fn list_tag(&self, name: &'static str) -> Token {
        let attrs = if matches!(name, "li" | "dt" | "dd") { thin_vec![Attr::new(WIKITEXT_SYNTAX, "")] } else { ThinVec::new() };
        Token::StartTag { name: name.into(), attrs, self_closing: false, src: self.item_src.clone() }
    }

    /// Comment lines held in a list, after the lists the next line closed.
    fn flush_list_comments(&mut self) {
        let comments = std::mem::take(&mut self.list_comments);
        self.emit_line(comments);
    }

    fn flush_list_head(&mut self) {
        self.flush_list_newline();
        let head = std::mem::take(&mut self.list_head);
        self.emit_line(head);
    }

    fn flush_list_newline(&mut self) {
        if std::mem::take(&mut self.list_newline) {
            self.emit(Token::text("\n"));
        }
    }

    fn close_list(&mut self) {
        let Some(c) = self.list_prefix.pop() else { return };
        self.emit(Token::end(Self::item_tag(c)));
        self.emit(Token::end(match c {
            b'*' => "ul",
            b'#' => "ol",
            _ => "dl",
        }));
    }

    fn close_lists(&mut self) {
        while !self.list_prefix.is_empty() {
            self.close_list();
        }
        self.flush_list_newline();
    }

    /// Close the open lists a line with `bullets` does not keep (those
    /// [`Self::enter_list_item`] would close).
    fn close_lists_not_kept(&mut self, bullets: &[u8]) {
        let same = bullets.iter().zip(&self.list_prefix).take_while(|(a, b)| a == b).count();
        let dl_switch = matches!(
            (bullets.get(same), self.list_prefix.get(same)),
            (Some(b';' | b':'), Some(b';' | b':'))
        );
        let keep = if dl_switch { same + 1 } else { same };
        while self.list_prefix.len() > keep {
            self.close_list();
        }
    }

    /// Move from the open lists to those of a line with `bullets`.
    ///
    /// Levels whose bullets are the same are kept. At the first level that
    /// differs, a `;` against a `:` is the same `<dl>` with a new item
    /// (`<dt>` ↔ `<dd>`), even when the line goes deeper; deeper old levels
    /// are closed first. Otherwise the old levels from there are closed and
    /// the new ones opened; a line as deep as the kept levels starts a new
    /// item in the innermost one.
    fn enter_list_item(&mut self, bullets: &[u8]) {
        let same = bullets.iter().zip(&self.list_prefix).take_while(|(a, b)| a == b).count();
        let dl_switch = matches!(
            (bullets.get(same), self.list_prefix.get(same)),
            (Some(b';' | b':'), Some(b';' | b':'))
        );
        if dl_switch {
            while self.list_prefix.len() > same + 1 {
                self.close_list();
            }
            self.next_item(bullets[same]);
            for &c in &bullets[same + 1..] {
                self.open_list(c);
            }
            return;
        }
        while self.list_prefix.len() > same {
            self.close_list();
        }
        if bullets.len() == same {
            if same > 0 {
                self.next_item(bullets[same - 1]);
            }
            return;
        }
        for &c in &bullets[same..] {
            self.open_list(c);
        }
    }

    fn line(&mut self, line: Vec<Tok>, had_newline: bool, last_line: bool) {
        let (opened, closed) = table_tags(&line);
        let lists_before = self.html_lists;
        let is_list = |name: &str| matches!(name, "ul" | "ol" | "dl");
        for t in &line {
            match t {
                Tok::Html(Token::StartTag { name, self_closing: false, .. }) if is_list(name) => self.html_lists += 1,
                Tok::Html(Token::EndTag { name, .. }) if is_list(name) => self.html_lists = self.html_lists.saturating_sub(1),
                _ => {}
            }
        }
        // The line's own tags count from the next line on.
        let lists_now = std::mem::replace(&mut self.html_lists, lists_before);
        let list_line = line.iter().find(|t| !matches!(t, Tok::Html(Token::Comment(_)))).is_some_and(|t| matches!(t, Tok::ListItem { .. }));
        self.split_line(line, had_newline, last_line);
        self.html_lists = lists_now;
        let before = self.table_depth;
        self.table_depth = (before + opened).saturating_sub(closed);
        if list_line && self.table_depth > before {
            // The table's lines follow inside the item.
            self.flush_list_newline();
        }
        if list_line && self.table_depth > before && !self.list_prefix.is_empty() {
            // The table a list item opened is a block, as one on a line of
            // its own is: blank lines in it make no paragraphs.
            self.in_block = true;
            let outer = OuterLists {
                prefix: std::mem::take(&mut self.list_prefix),
                depth: self.table_depth,
            };
            self.outer_lists.push(outer);
        }
        while self.outer_lists.last().is_some_and(|o| self.table_depth < o.depth) {
            self.close_lists();
            if let Some(o) = self.outer_lists.pop() {
                self.list_prefix = o.prefix;
            }
        }
    }

    /// Split off what follows a table end, and cell end tags, so each part is
    /// a line of its own.
    fn split_line(&mut self, mut line: Vec<Tok>, had_newline: bool, last_line: bool) {
        // Content after a table's `|}` on the same line starts a line of its
        // own, so it is wrapped in a paragraph as Parsoid does.
        if let Some(end) = line.iter().position(is_table_syntax_end).filter(|_| self.list_prefix.is_empty() && self.outer_lists.is_empty()) {
            if line[end + 1..].iter().any(|t| !is_invisible(t)) {
                let rest = line.split_off(end + 1);
                self.split_line(line, false, false);
                return self.split_line(rest, had_newline, last_line);
            }
        }
        // A cell's end tag belongs to the next table line (as in MediaWiki's
        // model), so the cell's last line is wrapped like any other line and
        // its paragraph closes inside the cell.
        let cell_ends = line.iter().rev().take_while(|t| is_cell_end(t)).count();
        if cell_ends == 0 {
            return self.line_inner(line, had_newline, last_line);
        }
        let tail = line.split_off(line.len() - cell_ends);
        self.line_inner(line, false, false);
        self.pending = None;
        self.close_paragraph();
        self.flush_held_comments();
        self.emit_line(tail);
        if had_newline {
            self.emit(Token::text("\n"));
        }
    }

    fn line_inner(&mut self, mut line: Vec<Tok>, had_newline: bool, last_line: bool) {
        if !self.list_prefix.is_empty() && !self.in_block && self.held_links.is_empty() {
            let blank = line.iter().all(|t| is_ws_text(t) || matches!(t, Tok::IndentPre));
            if blank && had_newline {
                self.held_list_blanks.push(line);
                return;
            }
            let visible = line.iter().any(|t| !is_invisible(t) && !matches!(t, Tok::IndentPre) && !is_marker(t));
            if visible && starts_with_page_link(&line) {
                // The item goes on: its line break and the blank lines'
                // stay inside it, then the line, whose own break is held as
                // a list line's is (it goes after what the next line closes).
                self.flush_list_newline();
                for _ in std::mem::take(&mut self.held_list_blanks) {
                    self.emit(Token::text("\n"));
                }
                self.flush_list_comments();
                self.emit_line(line);
                self.list_newline = had_newline;
                return;
            }
        }
        if !self.held_list_blanks.is_empty() {
            // The list ends before the blank lines.
            self.close_lists();
            for blank in std::mem::take(&mut self.held_list_blanks) {
                self.line_inner(blank, true, false);
            }
        }
        // A line expansion left empty ends an open paragraph; elsewhere it
        // stays an invisible line, as Parsoid adds no `<p><br>` for it.
        let expanded_blank = self.last == Para::P
            && self.pending.is_none()
            && self.list_prefix.is_empty()
            && !self.in_block
            && !self.in_pre_tag
            && is_expanded_blank(&line);
        let invisible = !expanded_blank
            && !line.is_empty()
            && line.iter().all(|t| is_invisible(t) || matches!(t, Tok::IndentPre))
            && line.iter().any(|t| !is_ws_text(t) && !matches!(t, Tok::IndentPre));
        let only_comments = invisible
            && line.iter().all(|t| matches!(t, Tok::Html(Token::Comment(_))) || is_ws_text(t) || matches!(t, Tok::IndentPre));
        if !self.held_links.is_empty() {
            if invisible && line.iter().any(is_page_link) {
                self.held_links.push((line, had_newline));
                return;
            }
            if only_comments {
                self.links_into_paragraph();
            } else {
                self.links_after_paragraph();
            }
        }
        // Invisible lines change nothing (even when indented: a space
        // before a category link does not make a pre).
        if invisible {
            if only_comments && had_newline && !self.list_prefix.is_empty() && !self.in_block {
                self.list_comments.extend(line);
                self.list_comments.push(Tok::Newline);
                return;
            }
            self.flush_list_comments();
            if only_comments && had_newline && self.pending.is_some() && !self.in_block {
                self.held_comments.extend(line);
                self.held_comments.push(Tok::Newline);
                return;
            }
            if self.pre_newline && only_comments {
                // Inside an indent-pre the line adds nothing but its comments,
                // as MediaWiki strips such lines whole.
                line.retain(|t| !is_ws_text(t) && !matches!(t, Tok::IndentPre));
                self.emit_line(line);
                return;
            }
            if self.last == Para::Pre {
                // A category or page-property line is no pre line: the pre ends before it.
                self.close_paragraph();
            }
            // A behaviour switch leaves an empty line behind in MediaWiki, so
            // it ends the paragraph (a category or comment line does not).
            if self.last == Para::P && self.pending.is_none() && !self.in_block && line.iter().any(is_behavior_switch) {
                self.close_paragraph();
                self.pending = Some(PendingP::Open);
            }
            // A category or language link swallows the blank lines before
            // it (MediaWiki trims the whitespace before such a link), so the
            // blank lines counted so far add no `<p><br>`: only those after
            // the link count.
            // Without comment lines held, the link lines wait (see `held_links`).
            if line.iter().any(is_page_link) && self.pending.take() == Some(PendingP::CloseOpen) {
                if self.held_comments.is_empty() {
                    self.held_links.push((line, had_newline));
                    return;
                }
                self.close_paragraph();
            }
            self.flush_held_comments();
            self.flush_list_newline();
            self.emit_line(line);
            if had_newline {
                self.emit(Token::text("\n"));
            }
            return;
        }
        let at = line
            .iter()
            .position(|t| !matches!(t, Tok::Html(Token::Comment(_))) && !is_marker(t) && !is_include_directive(t))
            .unwrap_or(0);
        if let Some(Tok::ListItem { bullets, src }) = line.get(at) {
            let bullets = bullets.clone().into_bytes();
            self.item_src = Some(src.clone());
            // A transclusion that ended the last line (its output ended
            // with a line break) ends before the new item.
            let (markers, comments): (Vec<Tok>, Vec<Tok>) = line.drain(..=at).take(at).partition(is_marker);
            let mut head = std::mem::take(&mut self.list_comments);
            head.extend(comments);
            self.list_head = head;
            self.pending = None;
            self.close_paragraph();
            self.flush_held_comments();
            // A transclusion that starts the list starts before it, after
            // the lists this line closes.
            if !markers.is_empty() {
                self.close_lists_not_kept(&bullets);
                // The held line break stays before the transclusion.
                self.flush_list_newline();
            }
            self.emit_line(markers);
            if self.list_prefix.is_empty() {
                self.list_blocks.clear();
            }
            self.enter_list_item(&bullets);
            self.item_src = None;
            self.flush_list_head();
            self.in_block = false;
            if let Some(at) = unopened_block_end(&line, &mut self.list_blocks) {
                // The item ends at a block's end tag it did not open: the
                // lists close before it and the rest is a line of its own
                // (`*a</div>b` is `<ul><li>a</li></ul></div>b`), as
                // Parsoid's list handler ends lists there.
                let rest = line.split_off(at);
                self.emit_line(line);
                self.close_lists();
                return self.line_inner(rest, had_newline, last_line);
            }
            self.emit_line(line);
            self.list_newline = had_newline;
            return;
        }
        if !self.list_prefix.is_empty() {
            self.close_lists();
        }
        self.flush_list_comments();
        let (open, close, pre_open, pre_close) = block_match(&line);
        if open || close {
            self.pending = None;
            self.close_paragraph();
            self.flush_held_comments();
            if pre_open && !pre_close {
                self.in_pre_tag = true;
            }
            if pre_close {
                self.in_pre_tag = false;
            }
            if let Some(bq) = last_blockquote_tag(&line) {
                self.in_blockquote = bq;
            }
            self.in_block = !close;
            self.emit_line(line);
            if had_newline {
                self.emit(Token::text("\n"));
            }
            return;
        }
        let mut suppress_newline = false;
        if !self.in_block && !self.in_pre_tag {
            let indent = if self.in_blockquote { None } else { indent_at(&line) };
            let blank = expanded_blank || line.iter().all(|t| is_ws_text(t) || matches!(t, Tok::IndentPre));
            if let Some(at) = indent.filter(|_| self.last == Para::Pre || !blank) {
                match &mut line[at] {
                    Tok::Html(Token::Text(t, src)) => {
                        // The indent is one ASCII space.
                        t.pop_front(1);
                        if let Some(r) = src {
                            r.start = (r.start + 1).min(r.end);
                        }
                    }
                    _ => {
                        line.remove(at);
                    }
                }
                if self.last == Para::Pre {
                    self.flush_pre_newline();
                } else {
                    self.pending = None;
                    self.close_paragraph();
                    self.flush_held_comments();
                    // Comments before the space stay before the `<pre>`.
                    let head: Vec<Tok> = line.drain(..at).collect();
                    self.emit_line(head);
                    self.emit(Token::start("pre", ThinVec::new()));
                    self.last = Para::Pre;
                }
            } else if blank {
                if last_line && !had_newline && line.is_empty() {
                    // The end of the page is not a blank line.
                } else if self.html_lists > 0 && self.last != Para::P && !expanded_blank {
                    // Between an HTML list's items.
                } else if let Some(p) = self.pending.take() {
                    let after_comments = !self.held_comments.is_empty();
                    self.emit_pending(p, true);
                    // The first blank line's line break, held since, is the
                    // paragraph's first text (Parsoid opens it there); held
                    // comment lines bring their own.
                    if !after_comments {
                        self.emit(Token::text("\n"));
                    }
                    self.emit(Token::empty("br", ThinVec::new()));
                    self.last = Para::P;
                } else if self.last != Para::P || expanded_blank {
                    // The paragraph ends before the markers: what follows
                    // them is outside it, as in Parsoid.
                    let outside_paragraphs = self.last == Para::None && !expanded_blank;
                    self.close_paragraph();
                    // A blank line between blocks keeps its line break there.
                    if outside_paragraphs && had_newline {
                        self.emit(Token::text("\n"));
                    }
                    self.pending = Some(PendingP::Open);
                } else {
                    self.pending = Some(PendingP::CloseOpen);
                    self.blank_newline = had_newline;
                }
            } else if self.pending == Some(PendingP::CloseOpen) && starts_with_page_link(&line) {
                // A category or language link swallows the blank line
                // before it (MediaWiki trims the whitespace before such a
                // link, T2087): the paragraph goes on, the text after the
                // link in it.
                self.pending = None;
                self.blank_newline = false;
                self.emit(Token::text("\n"));
            } else if let Some(p) = self.pending.take() {
                self.emit_pending(p, false);
                self.last = Para::P;
            } else if self.last != Para::P {
                self.close_paragraph();
                self.emit(paragraph());
                self.last = Para::P;
            }
            suppress_newline = self.pending.is_some();
        }
        self.emit_line(line);
        if had_newline && self.last == Para::Pre {
            self.pre_newline = true;
        } else if had_newline && !suppress_newline && self.last == Para::P && !self.in_block && !self.in_pre_tag {
            self.p_newline = true;
        } else if had_newline && !suppress_newline {
            self.emit(Token::text("\n"));
        }
    }

    /// Open the paragraph a blank line left pending; `for_break` when it
    /// opens for a `<br>` (a second blank line): comment lines held since
    /// then stay at its start, as Parsoid opens such a paragraph where the
    /// blank lines begin.
    fn emit_pending(&mut self, p: PendingP, for_break: bool) {
        let blank_newline = std::mem::take(&mut self.blank_newline);
        if p == PendingP::CloseOpen {
            self.emit(Token::end("p"));
            if blank_newline && !for_break {
                self.emit(Token::text("\n"));
            }
        }
        // What comes before its `<br>` (comments, a line break) stays in it.
        self.emit(paragraph_marked(if for_break { BREAK_PARAGRAPH } else { "" }));
        self.flush_held_comments();
    }

    fn flush_held_comments(&mut self) {
        let comments = std::mem::take(&mut self.held_comments);
        self.emit_line(comments);
    }

    /// The held link lines go after the paragraph (its blank line ended
    /// it), as each would have gone on its own.
    fn links_after_paragraph(&mut self) {
        self.close_paragraph();
        self.flush_held_comments();
        for (line, had_newline) in std::mem::take(&mut self.held_links) {
            self.emit_line(line);
            if had_newline {
                self.emit(Token::text("\n"));
            }
        }
    }

    /// The held link lines stay in the paragraph, with the blank line before
    /// them, which then closes; the last newline follows its `</p>`.
    fn links_into_paragraph(&mut self) {
        // The blank line's line break stays in the paragraph, before the links.
        self.blank_newline = false;
        self.emit(Token::text("\n"));
        let mut last_newline = false;
        for (line, had_newline) in std::mem::take(&mut self.held_links) {
            if last_newline {
                self.emit(Token::text("\n"));
            }
            self.emit_line(line);
            last_newline = had_newline;
        }
        self.p_newline = last_newline;
        self.close_paragraph();
    }

    fn finish(&mut self) {
        if !self.held_list_blanks.is_empty() {
            self.close_lists();
            for blank in std::mem::take(&mut self.held_list_blanks) {
                self.line_inner(blank, true, false);
            }
        }
        if !self.held_links.is_empty() {
            self.links_after_paragraph();
        }
        self.close_lists();
        self.flush_list_comments();
        self.close_paragraph();
        self.flush_held_comments();
    }
}
