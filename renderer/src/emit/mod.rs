//! Stage 1 of rendering: walk the syntax tree and emit a flat stream of
//! [`Tok`]s: HTML-level tokens plus the line markers (list bullets,
//! indent-pre, quotes) that the line-level passes resolve next.
//!
//! One submodule per construct family, mirroring the parser's grammar
//! modules, so a construct's rendering is found where its parsing is.

use crate::token::ThinVec;
use wikitext_parser::{NodeId, SyntaxKind, Tree};

use crate::options::RenderOptions;
use wikitext_site::site::Site;
use crate::token::{Attr, SrcRange, Token};
use html5ever::tendril::StrTendril;

mod annotations;
mod cite;
mod ext_links;
pub(crate) mod extension_tags;
mod gallery;
mod headings;
mod html_tags;
pub(crate) mod language_variants;
pub(crate) use language_variants::{is_hidden_variant, is_variant_tag};
mod magic_words;
pub(crate) mod media;
mod preprocessor;
mod table_groups;
mod tables;
mod wiki_links;

pub use cite::Footnote;
pub(crate) use annotations::{MARKER as ANNOTATION_MARKER, STRAY_END as STRAY_ANNOTATION_END};
pub(crate) use preprocessor::lone_part_typeof;
pub(crate) use preprocessor::{MARKER_DATA_MW, MARKER_END, MARKER_GAP, MARKER_HAD_OUTPUT, MARKER_IN_CELL, MARKER_START, MARKER_TYPEOF};

/// `text` without the `skip` bytes a link trail took from its start; all
/// of it if those do not end on a character boundary (the trail was read
/// from other text: never cut a character).
pub(crate) fn after_skip(text: &str, skip: usize) -> &str {
    text.get(skip.min(text.len())..).unwrap_or(text)
}

/// The strings `parts` joined, in one allocation of the exact size: for
/// the attribute values made on every link, ref and transclusion, where
/// `format!`'s machinery costs more than the copying.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// `prefix` followed by `n` in decimal (`#mwt12`).
pub(crate) fn prefixed_number(prefix: &str, n: impl itoa::Integer) -> String {
    let mut digits = itoa::Buffer::new();
    concat(&[prefix, digits.format(n)])
}

pub(crate) use crate::json::push_json_string;

/// Whether an HTML tag named `name` (lower-case) acts beyond where it
/// stands: table structure, links and block ends (counted page-wide for
/// stray end tags), and a site's annotation and extension tags (ranges the
/// DOM passes extend). Content that `text_only` renders empty holds none.
fn tag_reaches_out(em: &Emitter<'_>, name: &str) -> bool {
    tables::is_table_tag(name) || is_counted_tag(name) || em.site.extension_tag(name).is_some()
}

/// The element names whose open count [`Emitter::open_tags`] keeps: `a`
/// (Cite asks whether a marker is inside a link) and the block ends
/// `html_tags::end_tag` checks for strays.
fn is_counted_tag(name: &str) -> bool {
    name == "a" || html_tags::is_block_end(name)
}

/// A token of the renderer's first stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// An HTML-level token, final.
    Html(Token),
    /// A line break of the page (not one inside a multi-line construct's raw text).
    Newline,
    /// A run of apostrophes (`''`, `'''`, ...), resolved per line by `quotes`.
    Quote { len: usize, src: SrcRange },
    /// A list line's bullets (`*#:;`), at the line start.
    ListItem { bullets: String, src: SrcRange },
    /// The `:` that splits `;term:definition`.
    DdColon,
    /// The leading space of an indent-pre line.
    IndentPre,
}

/// The state of one page's rendering.
pub(crate) struct Emitter<'a> {
    pub(crate) tree: &'a Tree,
    pub(crate) site: &'a dyn Site,
    pub(crate) out: Vec<Tok>,
    /// Next `about` id for transclusion wrappers (`#mwt1` ...).
    pub(crate) about_count: u32,
    /// Bytes of text a wiki link took from the start of the next text token (its link trail).
    pub(crate) skip_text: usize,
    /// Source a URL that ran on into the nodes after it took
    /// (`ext_links::run_on`; empty for none): [`Self::node`] skips the nodes
    /// inside it and the start of a text node across its end. A node
    /// before it (a body rendered out of order) ends the skipping.
    pub(crate) skip_source: std::ops::Range<usize>,
    /// Where `ext_links::templated_url_link` last looked for a `]` in vain
    /// (the parent and how far it looked): a later `[` there finds none
    /// either, so a line of them is read once, not once per `[`.
    pub(crate) no_bracket_close: (Option<NodeId>, usize),
    /// Start tags emitted so far less end tags, per element name: an end
    /// tag with no start before it is stray (see `html_tags::end_tag`).
    /// Kept only for the names asked about ([`is_counted_tag`]).
    pub(crate) open_tags: rustc_hash::FxHashMap<String, u32>,
    /// The page being rendered, as a title: parsed once, read per link.
    /// Shared so a link can hold it while it emits.
    pub(crate) current_page: Option<std::rc::Rc<CurrentPage>>,
    /// The page's title as given, for the expander.
    pub(crate) page_title: &'a str,
    /// The template expander, made when the page's first `{{...}}` is met.
    /// `None` in a transclusion's own emitter, whose output is already expanded.
    pub(crate) expander: Option<wikitext_expand::Expander<'a>>,
    /// Inside a transclusion's output: what `{{..}}` and `{{{..}}}` left in
    /// it are text, and every range is the transclusion's.
    pub(crate) foreign_range: Option<SrcRange>,
    /// Transclusions wrapped so far (the markers' pairing index).
    pub(crate) transclusion_count: u32,
    /// The DOM passes will read the page's source (language converter
    /// markup counts as written in a heading's id).
    pub(crate) needs_source: bool,
    /// Where the previous wrapped transclusion ended in the source, for the
    /// text between two that end up in one encapsulation.
    pub(crate) last_transclusion_end: Option<u32>,
    /// Bytes of wikitext the page's transclusions expanded to.
    pub(crate) expanded_bytes: usize,
    /// Language-converter blocks open around the node being emitted.
    pub(crate) variant_depth: usize,
    /// Extension handlers' state, shared by all of the page's emitters.
    pub(crate) extensions: extension_tags::SharedState,
    /// Set by a transclusion that took its following siblings into a
    /// table group (`table_groups`): the last one, where `children` resumes.
    pub(crate) resume_after: Option<NodeId>,
    /// Emitting a list item's line: a stray block end tag there still ends
    /// the lists (see `html_tags::end_tag`).
    pub(crate) in_list_item: bool,
    /// Expansions made ahead of their rendering (a table cell looking at
    /// its templates' output), taken by the template when it renders, so
    /// that each template expands once.
    pub(crate) expansions: rustc_hash::FxHashMap<NodeId, wikitext_expand::Transclusion>,
    /// The distinct files the page has drawn, shared by all of its
    /// emitters, for the site's media limit.
    pub(crate) media_files: std::rc::Rc<std::cell::RefCell<rustc_hash::FxHashSet<String>>>,
    /// [`RenderOptions::text_only`]: skip what only HTML shows.
    pub(crate) text_only: bool,
    /// Inside a table or file that `text_only` could not leave empty: the
    /// tables and files within are rendered without asking again, so the
    /// checks walk each node once however deeply they nest.
    pub(crate) in_rendered_skippable: bool,
    /// In a transclusion's output, how many of its headings still take a
    /// section number: as many as heading lines in the page source it came
    /// from (its arguments, or the page text of a table group), since
    /// MediaWiki numbers the headings its preprocessor finds in the page,
    /// not those a template's own text makes.
    pub(crate) counted_headings: u32,
    /// Heading lines of the page source that no heading rendered (an
    /// argument the template did not use): MediaWiki still numbers them,
    /// so the page's next heading skips their numbers.
    pub(crate) uncounted_headings: u32,
}

/// What links need to know of the page being rendered.
pub(crate) struct CurrentPage {
    pub(crate) namespace: i32,
    /// `"Talk:Foo bar"`.
    pub(crate) prefixed_text: String,
    /// `"Talk:Foo_bar"`.
    pub(crate) prefixed_db_key: String,
}

impl<'a> Emitter<'a> {
    pub(crate) fn new(tree: &'a Tree, site: &'a dyn Site, options: &'a RenderOptions) -> Emitter<'a> {
        Emitter {
            tree,
            site,
            // 0.4 to 0.75 tokens per syntax node on real pages (0.51 on
            // United-Kingdom). Half a token per node made the largest page
            // double this buffer at its end (27,494 tokens in room for
            // 26,953), which copied it and, with blocks kept in the heap,
            // left the old one behind; room never written to costs no memory.
            out: Vec::with_capacity(tree.len() * 3 / 4 + 16),
            about_count: 0,
            skip_text: 0,
            skip_source: 0..0,
            no_bracket_close: (None, 0),
            open_tags: rustc_hash::FxHashMap::default(),
            current_page: wikitext_site::title::Title::parse(&options.title, 0, site).map(|t| {
                std::rc::Rc::new(CurrentPage {
                    namespace: t.namespace(),
                    prefixed_text: t.prefixed_text(),
                    prefixed_db_key: t.prefixed_db_key(),
                })
            }),
            page_title: &options.title,
            expander: None,
            foreign_range: None,
            transclusion_count: 0,
            needs_source: false,
            last_transclusion_end: None,
            expanded_bytes: 0,
            variant_depth: 0,
            extensions: {
                let state = extension_tags::SharedState::default();
                state.borrow_mut().cite.skip_bodies = !options.note_bodies;
                state
            },
            resume_after: None,
            in_list_item: false,
            expansions: rustc_hash::FxHashMap::default(),
            media_files: std::rc::Rc::default(),
            text_only: options.text_only,
            in_rendered_skippable: false,
            counted_headings: 0,
            uncounted_headings: 0,
        }
    }

    /// An emitter for another tree made from this page (a transclusion's
    /// output, a templated attribute string), sharing the page's title and
    /// counters. Its ranges are all `range`, and braces left in its tree
    /// are text: what it holds is already expanded.
    pub(crate) fn for_tree<'b>(&self, tree: &'b Tree, range: SrcRange) -> Emitter<'b>
    where
        'a: 'b,
    {
        Emitter {
            tree,
            site: self.site,
            out: Vec::new(),
            about_count: self.about_count,
            skip_text: 0,
            skip_source: 0..0,
            no_bracket_close: (None, 0),
            open_tags: rustc_hash::FxHashMap::default(),
            current_page: self.current_page.clone(),
            page_title: self.page_title,
            expander: None,
            foreign_range: Some(range),
            transclusion_count: self.transclusion_count,
            needs_source: false,
            last_transclusion_end: None,
            expanded_bytes: 0,
            variant_depth: 0,
            extensions: self.extensions.clone(),
            resume_after: None,
            in_list_item: false,
            expansions: rustc_hash::FxHashMap::default(),
            media_files: self.media_files.clone(),
            text_only: self.text_only,
            in_rendered_skippable: false,
            counted_headings: 0,
            uncounted_headings: 0,
        }
    }

    /// An emitter for wikitext an extension handler parses: a page of its
    /// own (its templates expand, with `expander` sharing this page's
    /// limits; its ranges are its own), sharing the page's title and
    /// extension state.
    pub(crate) fn for_fragment<'b>(&self, tree: &'b Tree, expander: wikitext_expand::Expander<'b>) -> Emitter<'b>
    where
        'a: 'b,
    {
        Emitter {
            tree,
            site: self.site,
            out: Vec::with_capacity(tree.len() / 2 + 4),
            about_count: self.about_count,
            skip_text: 0,
            skip_source: 0..0,
            no_bracket_close: (None, 0),
            open_tags: rustc_hash::FxHashMap::default(),
            current_page: self.current_page.clone(),
            page_title: self.page_title,
            expander: Some(expander),
            foreign_range: None,
            transclusion_count: 0,
            needs_source: false,
            last_transclusion_end: None,
            expanded_bytes: 0,
            variant_depth: 0,
            extensions: self.extensions.clone(),
            resume_after: None,
            in_list_item: false,
            expansions: rustc_hash::FxHashMap::default(),
            media_files: self.media_files.clone(),
            text_only: self.text_only,
            in_rendered_skippable: false,
            counted_headings: 0,
            uncounted_headings: 0,
        }
    }

    /// Whether drawing the file `name` would pass the site's media limit:
    /// the first files drawn, up to the limit, are counted; a file drawn
    /// before is always within it.
    pub(crate) fn over_media_limit(&self, name: &str) -> bool {
        let Some(limit) = self.site.info().media_limit else { return false };
        let mut seen = self.media_files.borrow_mut();
        if seen.contains(name) {
            return false;
        }
        if seen.len() >= limit {
            return true;
        }
        seen.insert(name.to_string());
        false
    }

    /// The page's template expander.
    pub(crate) fn expander(&mut self) -> &mut wikitext_expand::Expander<'a> {
        let (site, title) = (self.site, self.page_title);
        let extensions = &self.extensions;
        self.expander.get_or_insert_with(|| {
            let set_aside = extensions.borrow().set_aside.clone();
            wikitext_expand::Expander::new(site, title).sharing_set_aside(set_aside)
        })
    }

    /// The expansion of the page's `TEMPLATE` node `id`: made ahead by
    /// `peek_expansion`, or now.
    pub(crate) fn take_expansion(&mut self, id: NodeId) -> wikitext_expand::Transclusion {
        match self.expansions.remove(&id) {
            Some(t) => t,
            None => {
                let tree = self.tree;
                self.expander().transclusion(tree, id)
            }
        }
    }

    /// Resolve the quotes emitted since `from` on their own, as one line
    /// (a link's text pairs its apostrophes among themselves).
    pub(crate) fn balance_quotes(&mut self, from: usize) {
        if !self.out[from..].iter().any(|t| matches!(t, Tok::Quote { .. })) {
            return;
        }
        let inner = self.out.split_off(from);
        self.out.extend(crate::quotes::resolve(inner));
    }

    /// The expansion of `id`, kept for `take_expansion`.
    pub(crate) fn peek_expansion(&mut self, id: NodeId) -> &wikitext_expand::Transclusion {
        if !self.expansions.contains_key(&id) {
            let tree = self.tree;
            let t = self.expander().transclusion(tree, id);
            self.expansions.insert(id, t);
        }
        &self.expansions[&id]
    }

    /// The next transclusion or extension `about` id (`#mwt1` ...).
    pub(crate) fn next_about(&mut self) -> String {
        self.about_count += 1;
        prefixed_number("#mwt", self.about_count)
    }

    pub(crate) fn html(&mut self, t: Token) {
        match &t {
            // Counted only for the names it is asked about (links and block
            // ends): most tags skip the map.
            Token::StartTag { name, .. } | Token::EndTag { name, .. } if !is_counted_tag(name) => {}
            Token::StartTag { name, self_closing: false, .. } => match self.open_tags.get_mut(name.as_ref()) {
                Some(n) => *n += 1,
                None => {
                    self.open_tags.insert(name.to_string(), 1);
                }
            },
            Token::EndTag { name, .. } => {
                if let Some(n) = self.open_tags.get_mut(name.as_ref()) {
                    *n = n.saturating_sub(1);
                }
            }
            _ => {}
        }
        self.out.push(Tok::Html(t));
    }

    /// Text with no place in the page (generated labels, separators).
    pub(crate) fn text(&mut self, s: &str) {
        self.push_text(s, None);
    }

    /// Text the page (or one transclusion, for a nested emitter) wrote at `src`.
    pub(crate) fn text_at(&mut self, s: &str, src: SrcRange) {
        let src = match &self.foreign_range {
            Some(r) => r.clone(),
            None => src,
        };
        self.push_text(s, Some(src));
    }

    /// Appends to the previous text token when there is one, so that tree
    /// building sees one run of characters, and widens its source range.
    fn push_text(&mut self, s: &str, src: Option<SrcRange>) {
        if s.is_empty() {
            return;
        }
        if let Some(Tok::Html(Token::Text(prev, prev_src))) = self.out.last_mut() {
            prev.push_slice(s);
            if let Some(src) = src {
                crate::token::join_src(prev_src, src);
            }
        } else {
            self.out.push(Tok::Html(Token::Text(StrTendril::from_slice(s), src)));
        }
    }

    pub(crate) fn start(&mut self, name: &'static str, attrs: ThinVec<Attr>, src: Option<SrcRange>) {
        self.html(Token::StartTag { name: name.into(), attrs, self_closing: false, src });
    }

    pub(crate) fn end(&mut self, name: &'static str) {
        self.html(Token::EndTag { name: name.into(), src: None });
    }

    pub(crate) fn void(&mut self, name: &'static str, attrs: ThinVec<Attr>, src: Option<SrcRange>) {
        self.html(Token::StartTag { name: name.into(), attrs, self_closing: true, src });
    }

    pub(crate) fn range(&self, id: NodeId) -> SrcRange {
        if let Some(r) = &self.foreign_range {
            return r.clone();
        }
        let r = self.tree.range(id);
        r.start as u32..r.end as u32
    }

    /// Emit every child of `id`.
    pub(crate) fn children(&mut self, id: NodeId) {
        let mut c = self.tree.first_child(id);
        while let Some(child) = c {
            self.node(child);
            let last = self.resume_after.take().unwrap_or(child);
            c = self.tree.next_sibling(last);
        }
    }

    pub(crate) fn node(&mut self, id: NodeId) {
        use SyntaxKind::*;
        let tree = self.tree;
        if !self.skip_source.is_empty() {
            let r = tree.range(id);
            if r.start >= self.skip_source.start && r.end <= self.skip_source.end {
                return;
            }
            let skip = std::mem::replace(&mut self.skip_source, 0..0);
            if skip.contains(&r.start) && tree.kind(id) == TEXT {
                self.text(tree.text(id).get(skip.end - r.start..).unwrap_or_default());
                return;
            }
        }
        match tree.kind(id) {
            TEXT | WHITESPACE | NAME | VALUE | URL | MARKER | RAW => {
                let text = tree.text(id);
                let skip = std::mem::take(&mut self.skip_text);
                let text = after_skip(text, skip);
                if tree.kind(id) == TEXT && text.contains('\u{7f}') {
                    preprocessor::text_with_set_aside_tags(self, id, text);
                } else if tree.kind(id) == TEXT {
                    let end = tree.range(id).end;
                    let start = end - text.len();
                    self.text_at(text, start as u32..end as u32);
                } else {
                    self.text(text);
                }
            }
            NEWLINE => self.out.push(Tok::Newline),
            QUOTE => {
                let r = self.range(id);
                self.out.push(Tok::Quote { len: tree.text(id).len(), src: r });
            }
            DOCUMENT => self.children(id),
            HEADING => headings::heading(self, id),
            HORIZONTAL_RULE => {
                let r = self.range(id);
                self.void("hr", ThinVec::new(), Some(r));
            }
            LIST_ITEM => {
                let outer_item = std::mem::replace(&mut self.in_list_item, true);
                let mut c = tree.first_child(id);
                let mut first = true;
                while let Some(child) = c {
                    // Leading comments and include directives (`<!-- c -->*a`)
                    // come before the bullets.
                    if first && matches!(tree.kind(child), COMMENT | EXTENSION_TAG) {
                        self.node(child);
                        c = tree.next_sibling(child);
                        continue;
                    }
                    if first && tree.kind(child) == MARKER {
                        // The item's range is its whole line.
                        let r = self.range(id);
                        self.out.push(Tok::ListItem { bullets: tree.text(child).to_string(), src: r });
                    } else if tree.kind(child) == MARKER && tree.text(child) == ":" {
                        self.out.push(Tok::DdColon);
                    } else {
                        self.node(child);
                    }
                    first = false;
                    c = tree.next_sibling(child);
                }
                self.in_list_item = outer_item;
            }
            INDENT_PRE => self.out.push(Tok::IndentPre),
            TABLE => tables::table(self, id),
            TABLE_CAPTION | TABLE_ROW | TABLE_CELL | TABLE_HEADER_CELL => tables::table_part(self, id),
            ATTRIBUTES | ATTRIBUTE => {}
            COMMENT => html_tags::comment(self, id),
            ENTITY => html_tags::entity(self, id),
            HTML_START_TAG => html_tags::start_tag(self, id),
            HTML_END_TAG => html_tags::end_tag(self, id),
            EXTENSION_TAG => html_tags::extension_tag(self, id),
            TEMPLATE => preprocessor::template(self, id),
            PARAMETER => preprocessor::parameter(self, id),
            TEMPLATE_NAME | TEMPLATE_ARGUMENT | ARGUMENT_NAME | ARGUMENT_VALUE => self.children(id),
            WIKI_LINK => wiki_links::wiki_link(self, id),
            LINK_TARGET | LINK_TEXT | EXTERNAL_LINK_TEXT => self.children(id),
            EXTERNAL_LINK => ext_links::external_link(self, id),
            BARE_URL => ext_links::bare_url(self, id),
            MAGIC_LINK => ext_links::magic_link(self, id),
            BEHAVIOR_SWITCH => magic_words::behavior_switch(self, id),
            SIGNATURE => self.text(tree.text(id)),
            LANGUAGE_CONVERTER => language_variants::language_converter(self, id),
            REDIRECT => magic_words::redirect(self, id),
            _ => self.children(id),
        }
    }

    /// The plain text of a subtree as it would read (entities decoded,
    /// markup other than text dropped). For titles, ids and alt text.
    pub(crate) fn plain_text(&self, id: NodeId) -> String {
        wikitext_parser::ast::text_content(self.tree, id)
    }
}

#[cfg(test)]
mod tests {
    /// The hand-written JSON strings match `serde_json`'s.
    #[test]
    fn json_strings_match_serde_json() {
        for s in ["", "plain", "quote \" and \\ slash /", "ctl \u{0}\u{1f}\u{8}\u{c}\n\r\t\u{7f}", "é 中 \u{2028}"] {
            let mut out = String::new();
            super::push_json_string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
    }
}
