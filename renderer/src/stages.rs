//! The rendering pipeline one stage at a time, and the time each stage takes.
//!
//! [`crate::render`] is these stages in a row. They are public so that
//! benchmarks and profilers can run and time each one alone
//! (`wikitext bench`, `renderer/benches/stages.rs`); they are not a
//! stable API.
//!
//! | stage | function | what it does |
//! |---|---|---|
//! | tokenize | (the parser) | wikitext → syntax tree |
//! | transforms | [`transforms`] | tree → tokens: construct emitters, quotes, block levels |
//! | tree building | [`build_tree`] | html5ever's tree builder into our [`Dom`] |
//! | DOM passes | [`dom_passes`] | links out of paragraphs, p-wrapping, heading ids, sections ... |
//! | serialize | [`serialize`] | [`Dom`] → HTML text (a document, or the body's content) |

use std::ops::AddAssign;
use std::time::{Duration, Instant};

use wikitext_parser::Tree;

use crate::dom::Dom;
use crate::options::RenderOptions;
use wikitext_site::site::Site;
use crate::token::Token;
use crate::{block_levels, document, emit, passes, quotes, serialize as html, tree_builder};

/// Stage 1 of rendering: the syntax tree becomes the HTML-level token
/// stream (each construct's emitter, then bold/italic balancing per line,
/// then lists, indent-pre and paragraphs).
#[must_use]
pub fn transforms(tree: &Tree, site: &dyn Site, options: &RenderOptions) -> Vec<Token> {
    line_transforms(emit(tree, site, options))
}

/// [`transforms`] for a tree the caller is done with: the tree is freed as
/// soon as the emitters have run, before quotes and block levels copy the
/// token stream, so the tree and two token streams are never alive at once
/// (on the largest corpus page this lowers the peak by about a sixth).
#[must_use]
pub fn transforms_owned(tree: Tree, site: &dyn Site, options: &RenderOptions) -> Vec<Token> {
    let emitted = emit(&tree, site, options);
    drop(tree);
    line_transforms(emitted)
}

/// [`transforms`], with the bytes of wikitext the page stands for: its
/// source plus what its transclusions expanded to (the output limit's
/// measure).
#[must_use]
pub fn transforms_sized(tree: &Tree, site: &dyn Site, options: &RenderOptions) -> (Vec<Token>, usize) {
    let emitted = emit_all(tree, site, options);
    (line_transforms(emitted.toks), tree.src().len() + emitted.expanded_bytes)
}

/// [`transforms_sized`] as a stream the tree builder reads (see
/// [`transforms_streaming`]), for a tree the caller keeps.
#[must_use]
pub fn transforms_sized_streaming(tree: &Tree, site: &dyn Site, options: &RenderOptions) -> (LineTransforms, usize) {
    let emitted = emit_all(tree, site, options);
    (line_transforms_streaming(emitted.toks), tree.src().len() + emitted.expanded_bytes)
}

/// [`transforms_owned`] with the measure of [`transforms_sized`].
#[must_use]
pub fn transforms_owned_sized(tree: Tree, site: &dyn Site, options: &RenderOptions) -> (Vec<Token>, usize) {
    let (tokens, size, _) = transforms_owned_keeping_source(tree, site, options);
    (tokens.collect(), size)
}

/// [`transforms_owned_sized`], keeping the page's source when the DOM
/// passes need it (a transclusion's `data-mw` may quote page text around
/// it); a page without transclusions frees it with the tree.
pub(crate) fn transforms_owned_keeping_source(
    tree: Tree,
    site: &dyn Site,
    options: &RenderOptions,
) -> (LineTransforms, usize, Option<std::sync::Arc<str>>) {
    let emitted = emit_all(&tree, site, options);
    let source = (emitted.transclusions > 0 || emitted.needs_source).then(|| tree.src_arc().clone());
    let size = tree.src().len() + emitted.expanded_bytes;
    drop(tree);
    (line_transforms_streaming(emitted.toks), size, source)
}

/// The emitters over the whole tree, keeping Cite's footnotes.
pub(crate) fn footnotes(tree: &Tree, site: &dyn Site, options: &RenderOptions) -> Vec<emit::Footnote> {
    let mut emitter = emit::Emitter::new(tree, site, options);
    emitter.extensions.borrow_mut().cite.collect = true;
    emitter.node(tree.root());
    emit::extension_tags::end_of_document(&mut emitter);
    std::mem::take(&mut emitter.extensions.borrow_mut().cite.footnotes)
}

/// Each construct's emitter, over the whole tree.
fn emit(tree: &Tree, site: &dyn Site, options: &RenderOptions) -> Vec<emit::Tok> {
    emit_all(tree, site, options).toks
}

/// What the emitters made of a page.
struct Emitted {
    toks: Vec<emit::Tok>,
    /// The bytes the page's transclusions expanded to.
    expanded_bytes: usize,
    /// How many transclusions the page has.
    transclusions: u32,
    /// The DOM passes read the page's source (see `Emitter::needs_source`).
    needs_source: bool,
}

/// [`emit`], with what the output limit and transclusion encapsulation need to know.
fn emit_all(tree: &Tree, site: &dyn Site, options: &RenderOptions) -> Emitted {
    let mut emitter = emit::Emitter::new(tree, site, options);
    emitter.node(tree.root());
    emit::extension_tags::end_of_document(&mut emitter);
    Emitted {
        toks: emitter.out,
        expanded_bytes: emitter.expanded_bytes,
        transclusions: emitter.transclusion_count,
        needs_source: emitter.needs_source,
    }
}

/// Bold/italic balancing per line, then lists, indent-pre and paragraphs.
fn line_transforms(emitted: Vec<emit::Tok>) -> Vec<Token> {
    let capacity = emitted.len() + emitted.len() / 4 + 8;
    let mut tokens = Vec::with_capacity(capacity);
    tokens.extend(line_transforms_streaming(emitted));
    tokens
}

/// The line transforms (bold and italic, then lists, pre and paragraphs),
/// run a line at a time as the token stream is read: see
/// [`transforms_streaming`].
pub struct LineTransforms {
    lines: block_levels::BlockLines<quotes::QuoteLines>,
    /// How many tokens the emitters made (about as many come out).
    emitted: usize,
}

impl std::fmt::Debug for LineTransforms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LineTransforms").field("emitted", &self.emitted).finish_non_exhaustive()
    }
}

impl Iterator for LineTransforms {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        self.lines.next()
    }
}

/// [`line_transforms`] without collecting: rendering feeds the tree builder
/// from it, so the page's tokens are never held in three copies at once.
fn line_transforms_streaming(emitted: Vec<emit::Tok>) -> LineTransforms {
    let count = emitted.len();
    LineTransforms { lines: block_levels::BlockLines::new(quotes::QuoteLines::new(emitted)), emitted: count }
}

/// [`transforms_owned`] as [`crate::render_owned`] runs it: the emitters
/// run now and the tree is freed; the line transforms run as the returned
/// stream is read (by [`build_tree_streaming`]), so the page's tokens are
/// never held twice.
#[must_use]
pub fn transforms_streaming(tree: Tree, site: &dyn Site, options: &RenderOptions) -> LineTransforms {
    transforms_owned_keeping_source(tree, site, options).0
}

/// [`build_tree`] reading the stream of [`transforms_streaming`].
#[must_use]
pub fn build_tree_streaming(tokens: LineTransforms) -> Dom {
    let expected = tokens.emitted;
    tree_builder::build_expecting(tokens, expected)
}

/// Stage 2: html5ever's tree builder makes our DOM of the tokens.
#[must_use]
pub fn build_tree(tokens: Vec<Token>) -> Dom {
    tree_builder::build(tokens)
}

/// Stage 3: the DOM passes, in Parsoid's order, then the output-size limit
/// (`options.max_output_bytes`, by default a multiple of `src_len`, the
/// source's length): content past it becomes a visible error paragraph.
pub fn dom_passes(dom: &mut Dom, options: &RenderOptions, src_len: usize) {
    passes::run(dom, options);
    let max_output = options.max_output_bytes.unwrap_or_else(|| crate::options::default_max_output_bytes(src_len));
    passes::output_limit::enforce(dom, max_output);
}

/// Stage 4: write the HTML, a full document or (`options.body_only`) the
/// body's content.
#[must_use]
pub fn serialize(dom: &Dom, site: &dyn Site, options: &RenderOptions) -> String {
    // Room for the body's HTML less its escapes, a sixteenth more for them,
    // and 4 KB for the head: enough for every page of ../shared/corpus, so
    // the buffer does not grow by copying. Room for five times the source,
    // as before, was often larger than any block the token stream had
    // freed, so the output took fresh pages where it can now reuse those.
    let body = dom.body();
    let body_len = body.map_or(0, |b| html::unescaped_len(dom, b));
    let mut out = String::with_capacity(body_len.saturating_add(body_len / 16).saturating_add(4096));
    if options.body_only {
        if let Some(body) = body {
            html::serialize_children(dom, body, &mut out);
        }
    } else {
        document::write(dom, site, options, &mut out);
    }
    out
}

/// Time spent in each stage of the pipeline. Adding one to another sums
/// them, so one value can total a whole corpus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StageTimes {
    /// Wikitext to syntax tree. The renderer starts from a tree, so only
    /// callers that also parse (`wikitext::to_html_timed`) fill this in.
    pub tokenize: Duration,
    /// Tree to HTML tokens: emitters, quotes, block levels.
    pub transforms: Duration,
    /// html5ever's tree builder into our DOM.
    pub tree_building: Duration,
    /// The DOM passes.
    pub dom_passes: Duration,
    /// DOM to HTML text.
    pub serialize: Duration,
}

impl StageTimes {
    /// The stages in pipeline order, with their names.
    #[must_use]
    pub fn stages(&self) -> [(&'static str, Duration); 5] {
        [
            ("tokenize", self.tokenize),
            ("transforms", self.transforms),
            ("tree_building", self.tree_building),
            ("dom_passes", self.dom_passes),
            ("serialize", self.serialize),
        ]
    }

    /// The sum over all stages.
    #[must_use]
    pub fn total(&self) -> Duration {
        self.stages().iter().map(|(_, time)| *time).sum()
    }
}

impl AddAssign for StageTimes {
    fn add_assign(&mut self, other: StageTimes) {
        self.tokenize += other.tokenize;
        self.transforms += other.transforms;
        self.tree_building += other.tree_building;
        self.dom_passes += other.dom_passes;
        self.serialize += other.serialize;
    }
}

/// [`crate::render`], adding the wall-clock time of each stage to `times`.
pub fn render_timed(tree: &Tree, site: &dyn Site, options: &RenderOptions, times: &mut StageTimes) -> String {
    let start = Instant::now();
    render_timed_with_clock(tree, site, options, || start.elapsed(), times)
}

/// [`render_timed`] with the caller's clock, a monotonic time since any
/// fixed start (a benchmark may prefer the thread's CPU time to wall time).
pub fn render_timed_with_clock(
    tree: &Tree,
    site: &dyn Site,
    options: &RenderOptions,
    mut clock: impl FnMut() -> Duration,
    times: &mut StageTimes,
) -> String {
    let t0 = clock();
    let (tokens, size) = transforms_sized(tree, site, options);
    let t1 = clock();
    let mut dom = build_tree(tokens);
    dom.set_source(tree.src_arc().clone());
    let t2 = clock();
    dom_passes(&mut dom, options, size);
    let t3 = clock();
    let html = serialize(&dom, site, options);
    let t4 = clock();
    // Freeing the DOM belongs to the page's cost; count it with the serializer.
    drop(dom);
    let t5 = clock();
    times.transforms += t1.saturating_sub(t0);
    times.tree_building += t2.saturating_sub(t1);
    times.dom_passes += t3.saturating_sub(t2);
    times.serialize += t4.saturating_sub(t3) + t5.saturating_sub(t4);
    html
}
