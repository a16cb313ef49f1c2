//! Python bindings for `wikitext`: the native module `wikitext._native`.
//!
//! Conversion code only. What a template's parameters are, where a heading's
//! title stands, what plain text is: all of that is `wikitext::ast`. This
//! module turns its byte ranges into code-point offsets, its nodes into
//! read-only Python views, and its failures into Python exceptions.
//!
//! Every view holds an `Arc` of the parsed [`Document`] and a [`NodeId`], so a
//! view is cheap, immutable, and safe to share between threads.

#![forbid(unsafe_code)]

use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use wikitext::ast::{self, AstNode, TemplateArgument};
use wikitext::{DefaultSite, NodeId, RenderOptions, SyntaxKind, Tree};

mod callable;
mod compat;
mod media;
mod dump;
mod functions;
mod handlers;
mod modules;
mod pages;
mod tags;
use handlers::Handlers;
use media::Media;
use pages::Pages;

create_exception!(wikitext, Error, PyValueError, "The base class of every error wikitext raises.");
create_exception!(
    wikitext,
    NotFoundError,
    Error,
    "A template parameter or tag attribute that is not there was asked for."
);
create_exception!(wikitext, InvalidTitleError, Error, "A page title MediaWiki would not accept.");
create_exception!(
    wikitext,
    UnknownWikiError,
    Error,
    "A wiki= name that is not one of known_wikis() (a database name such as dewiki)."
);
create_exception!(
    wikitext,
    TextLimitError,
    Error,
    "Bad limits for to_text: both sentences and chars, or a negative count."
);
create_exception!(
    wikitext,
    ScriptError,
    Error,
    "Raised by a module's function (modules=) to show a script error in the page, as Scribunto shows a Lua error."
);
create_exception!(wikitext, InputTooLargeError, Error, "The input is longer than wikitext can index (4 GiB).");
create_exception!(
    wikitext,
    InternalError,
    Error,
    "A bug in wikitext: it failed where it should not. Please report it with the input."
);

/// The longest input the tree can index: ranges are `u32`.
const MAX_INPUT_BYTES: usize = u32::MAX as usize;

/// Run `work` without the GIL, turning a panic into `InternalError` instead
/// of unwinding into the interpreter.
fn run_detached<T: Send>(py: Python<'_>, what: &str, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.detach(|| catch_unwind(AssertUnwindSafe(work))).map_err(|panic| {
        let reason = panic
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        InternalError::new_err(format!("wikitext {what} failed: {reason}"))
    })
}

/// The name of `value`'s type, for error messages.
fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map_or_else(|_| "?".to_string(), |n| n.to_string())
}

/// The text argument as a Rust string, or `TypeError` with a hint for bytes.
fn text_argument(function: &str, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let Ok(string) = text.cast::<PyString>() else {
        let type_name = type_name(text);
        let hint = if type_name == "bytes" || type_name == "bytearray" {
            "; decode it first, e.g. data.decode(\"utf-8\")"
        } else {
            ""
        };
        return Err(PyTypeError::new_err(format!("wikitext.{function}() expects str, not {type_name}{hint}")));
    };
    let text = string.to_cow()?.into_owned();
    if text.len() > MAX_INPUT_BYTES {
        return Err(InputTooLargeError::new_err(format!(
            "wikitext.{function}() takes at most {MAX_INPUT_BYTES} bytes of UTF-8, got {}",
            text.len()
        )));
    }
    Ok(text)
}

/// A parsed page and the map from its byte offsets to Python's code-point offsets.
#[derive(Debug)]
struct Document {
    tree: Tree,
    /// Where the code points are, for text that is not ASCII (where bytes
    /// and code points agree): see `CharIndex`.
    chars: Option<CharIndex>,
}

/// Code-point offsets of a UTF-8 text's bytes, kept as the number of
/// continuation bytes before each block of `CharIndex::BLOCK` bytes (a
/// quarter of the text's size, where a table per byte took four times its
/// size and most of the time of building a document); a query counts the
/// rest of its block a word at a time.
#[derive(Debug)]
struct CharIndex {
    continuations_before: Vec<u32>,
}

impl CharIndex {
    const BLOCK: usize = 16;

    fn new(bytes: &[u8]) -> CharIndex {
        let mut continuations_before = Vec::with_capacity(bytes.len() / Self::BLOCK + 2);
        let mut count = 0u32;
        for block in bytes.chunks(Self::BLOCK) {
            continuations_before.push(count);
            count += continuation_bytes(block);
        }
        // The end, where the text's length is a whole number of blocks.
        continuations_before.push(count);
        CharIndex { continuations_before }
    }

    /// The number of code points before `byte`; a byte inside a character
    /// maps to that character.
    fn char_offset(&self, bytes: &[u8], byte: usize) -> usize {
        let byte = byte.min(bytes.len());
        let block = byte / Self::BLOCK;
        let mut at = block * Self::BLOCK;
        let mut continuations = self.continuations_before.get(block).copied().unwrap_or_default();
        while at < byte {
            let rest = byte - at;
            match bytes.get(at..at + 8) {
                Some(word) => {
                    let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
                    // The bytes before `byte` only.
                    let word = if rest >= 8 { word } else { word & ((1u64 << (8 * rest)) - 1) };
                    continuations += continuation_mask(word).count_ones();
                    at += 8;
                }
                None => {
                    continuations += continuation_bytes(&bytes[at..byte]);
                    at = byte;
                }
            }
        }
        let starts = byte - continuations as usize;
        match bytes.get(byte) {
            Some(&b) if is_continuation(b) => starts.saturating_sub(1),
            _ => starts,
        }
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

/// Bit 7 of each byte of `word` that continues a UTF-8 character
/// (`10xxxxxx`: bit 7 set, bit 6 clear).
fn continuation_mask(word: u64) -> u64 {
    word & !(word << 1) & 0x8080_8080_8080_8080
}

/// How many of `bytes` continue a UTF-8 character, eight at a time.
pub(crate) fn continuation_bytes(bytes: &[u8]) -> u32 {
    let mut words = bytes.chunks_exact(8);
    let mut count = 0;
    for word in &mut words {
        count += continuation_mask(u64::from_le_bytes(word.try_into().unwrap_or([0; 8]))).count_ones();
    }
    count + words.remainder().iter().filter(|&&b| is_continuation(b)).count() as u32
}

impl Document {
    fn new(tree: Tree) -> Document {
        let src = tree.src();
        let chars = (!src.is_ascii()).then(|| CharIndex::new(src.as_bytes()));
        Document { tree, chars }
    }

    fn char_offset(&self, byte: usize) -> usize {
        match &self.chars {
            Some(chars) => chars.char_offset(self.tree.src().as_bytes(), byte),
            None => byte,
        }
    }

    /// `char_offset(byte)`, counted on from `known` (a character boundary
    /// before it and its offset) where that is near: the span table's rows
    /// come in pre-order, each starting where the last started or later,
    /// and most are short.
    fn char_offset_after(&self, known: (usize, usize), byte: usize) -> usize {
        const NEAR: usize = 64;
        if self.chars.is_none() {
            return byte;
        }
        match self.tree.src().as_bytes().get(known.0..byte) {
            Some(bytes) if bytes.len() <= NEAR => known.1 + bytes.len() - continuation_bytes(bytes) as usize,
            _ => self.char_offset(byte),
        }
    }

    fn text(&self, range: Range<usize>) -> &str {
        self.tree.src().get(range).unwrap_or("")
    }
}

/// Shorten text for a `__repr__`.
fn preview(text: &str) -> String {
    const LIMIT: usize = 40;
    if text.chars().count() <= LIMIT {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(LIMIT).collect();
        format!("{head:?}...")
    }
}

/// Parse wikitext into a tree of read-only views.
///
/// ``str(parse(text)) == text`` always: parsing never fails and loses
/// nothing.
///
/// Raises ``TypeError`` if ``text`` is not a ``str``.
#[pyfunction]
fn parse(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Wikicode> {
    let text = text_argument("parse", text)?;
    let document = run_detached(py, "parse", move || Document::new(wikitext::parse(&text)))?;
    let root = document.tree.root();
    let range = document.tree.range(root);
    Ok(Wikicode { doc: Arc::new(document), parent: root, range })
}

/// Render wikitext to the HTML Parsoid renders.
///
/// ``title`` is the page's title; ``body_only`` gives the ``<body>``
/// contents instead of a whole document; ``wrap_sections`` wraps each
/// heading's section in ``<section>``.
///
/// ``pages`` gives the wikitext of the pages that templates transclude: a
/// dict of title to wikitext (``{"Template:Echo": "{{{1}}}"}``), or a
/// callable that takes a normalized title (``"Template:Echo"``) and returns
/// its wikitext, or ``None`` when there is no such page. Without it every
/// page is missing. The callable is asked once per title per call, also for
/// link targets (existing pages get blue links); an exception it raises is
/// raised by ``to_html`` once rendering has stopped.
///
/// ``tags`` adds extension tags: a dict of tag name to a callable
/// ``(name, attrs, body) -> str`` (``attrs`` a dict of ``str``, ``body`` the
/// raw text between the tags or ``None`` for ``<tag/>``). A plain ``str``
/// result is HTML, sanitized like any page HTML; a ``wikitext.Wikitext``
/// result is wikitext, rendered in place. The output is wrapped as Parsoid
/// wraps extension output (``typeof="mw:Extension/NAME"``). An exception a
/// callable raises is raised by ``to_html`` once rendering has stopped.
///
/// ``functions`` adds parser functions: a dict of the name as a call writes
/// it (``"#shout"`` for ``{{#shout:...}}``, ``"shout"`` for
/// ``{{shout:...}}``; matched whatever its case) to a callable that takes
/// the call's arguments, a ``list`` of ``str`` (the text after the colon
/// first, then each ``|`` argument; each expanded and trimmed, ``name=value``
/// as written), and returns wikitext (``str``), rendered in the call's
/// place and not expanded again, or ``None`` for nothing. A name that
/// MediaWiki gives a function already (``"#if"``) calls the callable
/// instead. An exception a callable raises is raised by ``to_html`` once
/// rendering has stopped.
///
/// ``modules`` answers ``{{#invoke:Module|function|...}}`` in Scribunto's
/// place (without it every module is missing): a dict of module title
/// (``"Module:Foo"``, or ``"Foo"``) to a module, which is a dict of function
/// name to a callable ``(args, parent_args)`` taking the invocation's
/// arguments and its parent frame's (the template's; dicts of ``str``,
/// positional ones keyed ``"1"``, ``"2"``..., named ones trimmed) and
/// returning wikitext (``str``) or ``None``; or a callable that takes a
/// module's title (``"Module:Foo"``) and returns a module or ``None`` (no
/// such module), asked once per title per call. A missing module or
/// function renders Scribunto's script error, and so does a
/// ``wikitext.ScriptError`` a function raises, with its message; another
/// exception is raised by ``to_html`` once rendering has stopped.
///
/// ``media`` tells what the wiki knows of its files (without it every file
/// is missing, as on a wiki with no uploads): a dict of file name
/// (``"Example.jpg"``) to a dict with ``url`` (the original's URL),
/// ``width`` and ``height`` (pixels), and optionally ``mime`` (guessed from
/// the name when absent), ``size`` (bytes), ``duration`` (seconds, audio
/// and video) and ``page_count`` (PDF, DjVu); or a callable that takes a
/// file name and returns such a dict or ``None``. Thumbnails are looked for
/// where MediaWiki puts them beside the original
/// (``.../thumb/a/ab/Example.jpg/220px-Example.jpg``). An exception the
/// callable raises is raised by ``to_html`` once rendering has stopped.
///
/// ``wiki`` makes the page one of a Wikipedia ``known_wikis()`` names, by
/// its database name (``"dewiki"``): its namespace names and aliases
/// (``[[Datei:...]]``, ``[[Kategorie:...]]``), language (dates, numbers,
/// plurals), magic words, link trail and main page. Without it the page is
/// of an English wiki with MediaWiki's defaults.
///
/// Raises ``TypeError`` if ``text`` is not a ``str``, ``pages`` is neither a
/// dict of ``str`` nor a callable, or the callable returns something other
/// than ``str`` or ``None``, ``tags`` is not a dict of tag names to
/// callables, ``functions`` is not a dict of function names to callables
/// (or a callable returns something other than ``str`` or ``None``),
/// ``modules`` is not as above (or a module's function returns something
/// other than ``str`` or ``None``), or ``media`` (or its callable's answer) does not describe
/// files as above; ``InvalidTitleError`` if ``title`` is not a valid page
/// title; ``UnknownWikiError`` if ``wiki`` is not one of ``known_wikis()``.
#[pyfunction]
#[pyo3(signature = (text, *, title = "Main Page", body_only = false, wrap_sections = true, pages = None, tags = None, functions = None, modules = None, media = None, wiki = None))]
#[allow(clippy::too_many_arguments)]
fn to_html(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    title: &str,
    body_only: bool,
    wrap_sections: bool,
    pages: Option<&Bound<'_, PyAny>>,
    tags: Option<&Bound<'_, PyAny>>,
    functions: Option<&Bound<'_, PyAny>>,
    modules: Option<&Bound<'_, PyAny>>,
    media: Option<&Bound<'_, PyAny>>,
    wiki: Option<&str>,
) -> PyResult<String> {
    let text = text_argument("to_html", text)?;
    title_argument(title)?;
    let wiki = wiki_argument("to_html", wiki)?;
    let pages = Pages::from_argument("to_html", pages)?;
    let handlers = Handlers::from_arguments("to_html", &wiki, tags, functions, modules)?;
    let media = Media::from_argument("to_html", media)?;
    let mut options = RenderOptions::page();
    options.title = title.to_string();
    options.body_only = body_only;
    options.wrap_sections = wrap_sections;
    let html = pages.run(py, "to_html", wiki, handlers, &media, move |site| wikitext::to_html(&text, site, &options));
    // A callable's exception is raised as itself.
    match (html, media.into_error()) {
        (Err(error), _) | (_, Some(error)) => Err(error),
        (Ok(html), None) => Ok(html),
    }
}

/// Expand the templates, parser functions and magic variables in wikitext,
/// as MediaWiki's ``expandtemplates`` does: the result is wikitext.
///
/// ``title`` is the page's title (``{{PAGENAME}}``); ``pages`` gives the
/// pages that templates transclude, ``functions`` parser functions of your
/// own, ``modules`` the modules ``{{#invoke:}}`` calls and ``wiki`` the
/// wiki, as for ``to_html``.
///
/// Raises ``TypeError`` if ``text`` is not a ``str``, ``pages`` is neither a
/// dict of ``str`` nor a callable, or the callable returns something other
/// than ``str`` or ``None``; ``InvalidTitleError`` if ``title`` is not a
/// valid page title; ``UnknownWikiError`` for an unknown ``wiki``.
#[pyfunction]
#[pyo3(signature = (text, *, title = "Main Page", pages = None, functions = None, modules = None, wiki = None))]
fn expand(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    title: &str,
    pages: Option<&Bound<'_, PyAny>>,
    functions: Option<&Bound<'_, PyAny>>,
    modules: Option<&Bound<'_, PyAny>>,
    wiki: Option<&str>,
) -> PyResult<String> {
    let text = text_argument("expand", text)?;
    title_argument(title)?;
    let wiki = wiki_argument("expand", wiki)?;
    let pages = Pages::from_argument("expand", pages)?;
    let handlers = Handlers::from_arguments("expand", &wiki, None, functions, modules)?;
    let title = title.to_string();
    pages.run(py, "expand", wiki, handlers, &Media::Missing, move |site| wikitext::expand(&text, site, &title))
}

/// The footnotes of a page (Cite's ``<ref>`` tags), in the order its
/// reference lists show them: one dict per note with ``group`` (``""`` for
/// the default group), ``name`` (``None`` if unnamed), ``number`` (as shown,
/// ``[1]``), ``id`` (the note's ``<li>`` id), ``ref_ids`` (the ids of the
/// markers pointing to it), ``wikitext`` (its body as written) and ``html``
/// (its body rendered).
///
/// ``title``, ``pages``, ``tags``, ``functions``, ``modules``, ``media``
/// and ``wiki`` are as for ``to_html`` (the notes' HTML renders with them); raises as it
/// does.
#[pyfunction]
#[pyo3(signature = (text, *, title = "Main Page", pages = None, tags = None, functions = None, modules = None, media = None, wiki = None))]
#[allow(clippy::too_many_arguments)]
fn footnotes<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    title: &str,
    pages: Option<&Bound<'py, PyAny>>,
    tags: Option<&Bound<'py, PyAny>>,
    functions: Option<&Bound<'py, PyAny>>,
    modules: Option<&Bound<'py, PyAny>>,
    media: Option<&Bound<'py, PyAny>>,
    wiki: Option<&str>,
) -> PyResult<Vec<Bound<'py, pyo3::types::PyDict>>> {
    let text = text_argument("footnotes", text)?;
    title_argument(title)?;
    let wiki = wiki_argument("footnotes", wiki)?;
    let pages = Pages::from_argument("footnotes", pages)?;
    let handlers = Handlers::from_arguments("footnotes", &wiki, tags, functions, modules)?;
    let media = Media::from_argument("footnotes", media)?;
    let mut options = RenderOptions::page();
    options.title = title.to_string();
    let notes = pages.run(py, "footnotes", wiki, handlers, &media, move |site| wikitext::footnotes(&text, site, &options));
    // A callable's exception is raised as itself, as by `to_html`.
    let notes = match (notes, media.into_error()) {
        (Err(error), _) | (_, Some(error)) => return Err(error),
        (Ok(notes), None) => notes,
    };
    notes
        .into_iter()
        .map(|n| {
            let d = pyo3::types::PyDict::new(py);
            d.set_item("group", n.group)?;
            d.set_item("name", n.name)?;
            d.set_item("number", n.number)?;
            d.set_item("id", n.id)?;
            d.set_item("ref_ids", n.ref_ids)?;
            d.set_item("wikitext", n.wikitext)?;
            d.set_item("html", n.html)?;
            Ok(d)
        })
        .collect()
}

/// The readable text of a page, as a reader sees it: headings, paragraphs
/// and list items as lines; references, reference lists, tables, infoboxes,
/// navigation boxes, figures, hidden and ``noprint`` content left out (as
/// MediaWiki's TextExtracts leaves them out). Templates are expanded from
/// ``pages`` (as for ``to_html``) first, with ``functions`` and ``modules``;
/// ``wiki`` is as for ``to_html``.
///
/// ``sentences=N`` keeps exactly the first N sentences (Unicode sentence
/// boundaries, not after abbreviations and initials such as "Dr." or
/// "J. R. R."); ``chars=N`` keeps at most N characters (grapheme clusters),
/// cut at the last word boundary and followed by "…".
///
/// Raises ``TextLimitError`` for both limits at once or a negative count;
/// ``TypeError``, ``InvalidTitleError`` and ``UnknownWikiError`` as
/// ``to_html`` does.
#[pyfunction]
#[pyo3(signature = (text, *, title = "Main Page", sentences = None, chars = None, pages = None, functions = None, modules = None, wiki = None))]
#[allow(clippy::too_many_arguments)]
fn to_text(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    title: &str,
    sentences: Option<i64>,
    chars: Option<i64>,
    pages: Option<&Bound<'_, PyAny>>,
    functions: Option<&Bound<'_, PyAny>>,
    modules: Option<&Bound<'_, PyAny>>,
    wiki: Option<&str>,
) -> PyResult<String> {
    let text = text_argument("to_text", text)?;
    page_text(py, text, title, sentences, chars, pages, functions, modules, wiki)
}

/// `to_text` of a string already taken from its argument.
#[allow(clippy::too_many_arguments)]
fn page_text(
    py: Python<'_>,
    text: String,
    title: &str,
    sentences: Option<i64>,
    chars: Option<i64>,
    pages: Option<&Bound<'_, PyAny>>,
    functions: Option<&Bound<'_, PyAny>>,
    modules: Option<&Bound<'_, PyAny>>,
    wiki: Option<&str>,
) -> PyResult<String> {
    let limit = wikitext::text::Limit::from_counts(sentences, chars).map_err(|e| TextLimitError::new_err(e.to_string()))?;
    title_argument(title)?;
    let wiki = wiki_argument("to_text", wiki)?;
    let pages = Pages::from_argument("to_text", pages)?;
    let handlers = Handlers::from_arguments("to_text", &wiki, None, functions, modules)?;
    let options = wikitext::text::TextOptions::new(title, limit);
    pages.run(py, "to_text", wiki, handlers, &Media::Missing, move |site| wikitext::text::to_text(&text, site, &options))
}

/// The `wiki` argument of `wikitext.{function}()`: the wiki that database
/// name names (`None`: MediaWiki's default English wiki);
/// `UnknownWikiError` for a wiki not described.
fn wiki_argument(function: &str, wiki: Option<&str>) -> PyResult<wikitext::export_site::PageWiki> {
    wikitext::export_site::PageWiki::named(wiki, DefaultSite::default())
        .map_err(|error| UnknownWikiError::new_err(format!("wikitext.{function}(): {error}")))
}

/// The database names of the wikis ``to_html`` and the others render for
/// with ``wiki=``: ``["arwiki", "banwiki", ..., "zhwiki"]``, in order.
#[pyfunction]
fn known_wikis() -> Vec<&'static str> {
    wikitext::export_site::known_wikis().collect()
}

/// `InvalidTitleError` unless `title` is a valid page title.
fn title_argument(title: &str) -> PyResult<()> {
    if wikitext::is_valid_title(title, &DefaultSite::default()) {
        Ok(())
    } else {
        Err(InvalidTitleError::new_err(format!("{title:?} is not a valid page title")))
    }
}

/// A run of wikitext: a whole page, a section, a template's name or a
/// parameter's value, a link's text...
///
/// Its ``nodes`` are the nodes it is made of; the ``filter_*`` methods find
/// nodes of one kind in it (nested ones too unless ``recursive=False``).
#[pyclass(frozen, module = "wikitext")]
struct Wikicode {
    doc: Arc<Document>,
    /// The node whose children make up this code.
    parent: NodeId,
    /// Its byte range: the parent's whole range, or a run of its children.
    range: Range<usize>,
}

impl Wikicode {
    fn over(doc: &Arc<Document>, parent: NodeId, range: Range<usize>) -> Wikicode {
        Wikicode { doc: Arc::clone(doc), parent, range }
    }

    fn top_level(&self) -> impl Iterator<Item = NodeId> + '_ {
        let tree = &self.doc.tree;
        tree.children(self.parent).filter(move |&c| {
            let r = tree.range(c);
            let inside = r.start >= self.range.start && r.end <= self.range.end;
            // An empty node on the boundary of a section belongs to neither side.
            let empty_on_edge = r.is_empty() && !self.range.is_empty();
            inside && !empty_on_edge
        })
    }

    fn matching(&self, recursive: bool, keep: impl Fn(NodeId) -> bool) -> Vec<NodeId> {
        let tree = &self.doc.tree;
        let mut found = Vec::new();
        for top in self.top_level() {
            if recursive {
                found.extend(tree.descendants(top).filter(|&id| keep(id)));
            } else if keep(top) {
                found.push(top);
            }
        }
        found
    }

    fn views(&self, py: Python<'_>, ids: Vec<NodeId>) -> PyResult<Vec<Py<PyAny>>> {
        ids.into_iter().map(|id| node_view(py, &self.doc, id)).collect()
    }

    fn filter_cast<T: AstNode>(&self, py: Python<'_>, recursive: bool) -> PyResult<Vec<Py<PyAny>>> {
        let tree = &self.doc.tree;
        let ids = self.matching(recursive, |id| T::cast(tree, id).is_some());
        self.views(py, ids)
    }
}

#[pymethods]
impl Wikicode {
    /// Where the code starts in the parsed string, in code points.
    #[getter]
    fn start(&self) -> usize {
        self.doc.char_offset(self.range.start)
    }

    /// Where the code ends in the parsed string, in code points (exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.doc.char_offset(self.range.end)
    }

    /// The nodes the code is made of, in order (not the nested ones).
    #[getter]
    fn nodes(&self, py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
        let ids = self.top_level().collect();
        self.views(py, ids)
    }

    /// Every node in the code, or only those of ``kind`` (a kind name such as ``"TABLE"``).
    #[pyo3(signature = (*, recursive = true, kind = None))]
    fn filter(&self, py: Python<'_>, recursive: bool, kind: Option<&str>) -> PyResult<Vec<Py<PyAny>>> {
        let tree = &self.doc.tree;
        let ids = self.matching(recursive, |id| kind.is_none_or(|k| tree.kind(id).name() == k));
        self.views(py, ids)
    }

    /// The templates (and parser functions), outer ones before the ones nested in them.
    #[pyo3(signature = (*, recursive = true))]
    fn filter_templates(&self, py: Python<'_>, recursive: bool) -> PyResult<Vec<Py<PyAny>>> {
        self.filter_cast::<ast::Template>(py, recursive)
    }

    /// The wiki links ``[[target|text]]``, file and category links included.
    #[pyo3(signature = (*, recursive = true))]
    fn filter_wikilinks(&self, py: Python<'_>, recursive: bool) -> PyResult<Vec<Py<PyAny>>> {
        self.filter_cast::<ast::WikiLink>(py, recursive)
    }

    /// The external links: ``[url text]`` and bare URLs.
    #[pyo3(signature = (*, recursive = true))]
    fn filter_external_links(&self, py: Python<'_>, recursive: bool) -> PyResult<Vec<Py<PyAny>>> {
        self.filter_cast::<ast::ExternalLink>(py, recursive)
    }

    /// The headings ``== title ==``.
    #[pyo3(signature = (*, recursive = true))]
    fn filter_headings(&self, py: Python<'_>, recursive: bool) -> PyResult<Vec<Py<PyAny>>> {
        self.filter_cast::<ast::Heading>(py, recursive)
    }

    /// The tags: HTML start and end tags (each its own node) and extension tags.
    #[pyo3(signature = (*, recursive = true))]
    fn filter_tags(&self, py: Python<'_>, recursive: bool) -> PyResult<Vec<Py<PyAny>>> {
        self.filter_cast::<ast::Tag>(py, recursive)
    }

    /// The comments ``<!-- ... -->``.
    #[pyo3(signature = (*, recursive = true))]
    fn filter_comments(&self, py: Python<'_>, recursive: bool) -> PyResult<Vec<Py<PyAny>>> {
        self.filter_cast::<ast::Comment>(py, recursive)
    }

    /// The runs of plain text.
    #[pyo3(signature = (*, recursive = true))]
    fn filter_text(&self, py: Python<'_>, recursive: bool) -> PyResult<Vec<Py<PyAny>>> {
        let tree = &self.doc.tree;
        let ids = self.matching(recursive, |id| tree.kind(id) == SyntaxKind::TEXT);
        self.views(py, ids)
    }

    /// The sections of a page: the lead, then each heading with the text
    /// under it up to the next heading of the same or a higher level (so
    /// sections nest).
    ///
    /// ``levels`` keeps only headings of those levels; ``include_lead``
    /// keeps the lead (by default, only when ``levels`` is not given);
    /// ``include_headings=False`` leaves the heading line out of each section.
    #[pyo3(signature = (levels = None, *, include_lead = None, include_headings = true))]
    fn get_sections(
        &self,
        levels: Option<Vec<usize>>,
        include_lead: Option<bool>,
        include_headings: bool,
    ) -> Vec<Wikicode> {
        let tree = &self.doc.tree;
        let include_lead = include_lead.unwrap_or(levels.is_none());
        ast::sections(tree)
            .into_iter()
            .filter(|section| match (&section.heading, &levels) {
                (None, _) => include_lead,
                (Some(_), None) => true,
                (Some(_), Some(levels)) => levels.contains(&section.level),
            })
            .map(|section| {
                let mut range = section.range;
                if let (Some(heading), false) = (section.heading, include_headings) {
                    range.start = tree.range(heading.id()).end;
                }
                Wikicode::over(&self.doc, tree.root(), range)
            })
            .filter(|code| code.range.start >= self.range.start && code.range.end <= self.range.end)
            .collect()
    }

    /// The text without the markup: link text stays, templates, comments,
    /// references and formatting go (like mwparserfromhell's ``strip_code``).
    fn strip_code(&self) -> String {
        ast::plain_text(&self.doc.tree, self.top_level())
    }

    /// The readable text of this wikitext rendered as a page: ``to_text(str(self), ...)``.
    #[pyo3(signature = (*, title = "Main Page", sentences = None, chars = None, pages = None, functions = None, modules = None, wiki = None))]
    #[allow(clippy::too_many_arguments)]
    fn to_text(
        &self,
        py: Python<'_>,
        title: &str,
        sentences: Option<i64>,
        chars: Option<i64>,
        pages: Option<&Bound<'_, PyAny>>,
        functions: Option<&Bound<'_, PyAny>>,
        modules: Option<&Bound<'_, PyAny>>,
        wiki: Option<&str>,
    ) -> PyResult<String> {
        page_text(py, self.doc.text(self.range.clone()).to_string(), title, sentences, chars, pages, functions, modules, wiki)
    }

    /// ``str(self).strip()``: handy for names (``template.name.strip()``).
    fn strip(&self) -> String {
        self.doc.text(self.range.clone()).trim().to_string()
    }

    fn __str__(&self) -> String {
        self.doc.text(self.range.clone()).to_string()
    }

    fn __repr__(&self) -> String {
        format!("<Wikicode {} at {}..{}>", preview(self.doc.text(self.range.clone())), self.start(), self.end())
    }
}

/// One node of the tree: a template, a link, a heading, a tag, a comment,
/// a run of text, or any other construct (its ``kind`` says which).
///
/// ``text[node.start:node.end] == str(node)`` for the ``text`` that was parsed.
#[pyclass(subclass, frozen, module = "wikitext")]
struct Node {
    doc: Arc<Document>,
    id: NodeId,
}

impl Node {
    fn tree(&self) -> &Tree {
        &self.doc.tree
    }

    fn code(&self, parent: NodeId, range: Range<usize>) -> Wikicode {
        Wikicode::over(&self.doc, parent, range)
    }

    fn code_of(&self, id: NodeId) -> Wikicode {
        self.code(id, self.tree().range(id))
    }
}

#[pymethods]
impl Node {
    /// What the node is, as the tree names it: ``"TEMPLATE"``, ``"WIKI_LINK"``, ``"TABLE"``...
    #[getter]
    fn kind(&self) -> &'static str {
        self.tree().kind(self.id).name()
    }

    /// Where the node starts in the parsed string, in code points.
    #[getter]
    fn start(&self) -> usize {
        self.doc.char_offset(self.tree().range(self.id).start)
    }

    /// Where the node ends in the parsed string, in code points (exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.doc.char_offset(self.tree().range(self.id).end)
    }

    fn __str__(&self) -> String {
        self.tree().text(self.id).to_string()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let class = slf.get_type().name()?.to_string();
        let node = slf.get();
        Ok(format!("<{class} {} at {}..{}>", preview(node.tree().text(node.id)), node.start(), node.end()))
    }
}

/// The Python view of node `id`: the subclass of `Node` its kind has.
fn node_view(py: Python<'_>, doc: &Arc<Document>, id: NodeId) -> PyResult<Py<PyAny>> {
    let tree = &doc.tree;
    let base = PyClassInitializer::from(Node { doc: Arc::clone(doc), id });
    let object = match tree.kind(id) {
        SyntaxKind::TEMPLATE => Py::new(py, base.add_subclass(Template))?.into_any(),
        SyntaxKind::WIKI_LINK => Py::new(py, base.add_subclass(WikiLink))?.into_any(),
        SyntaxKind::EXTERNAL_LINK | SyntaxKind::BARE_URL => Py::new(py, base.add_subclass(ExternalLink))?.into_any(),
        SyntaxKind::HEADING => Py::new(py, base.add_subclass(Heading))?.into_any(),
        SyntaxKind::HTML_START_TAG | SyntaxKind::HTML_END_TAG | SyntaxKind::EXTENSION_TAG => {
            Py::new(py, base.add_subclass(Tag))?.into_any()
        }
        SyntaxKind::COMMENT => Py::new(py, base.add_subclass(Comment))?.into_any(),
        SyntaxKind::TEXT => Py::new(py, base.add_subclass(Text))?.into_any(),
        _ => Py::new(py, base)?.into_any(),
    };
    Ok(object)
}

/// The typed view of a node whose Python class guarantees its kind.
fn cast<T: AstNode>(node: &Node) -> PyResult<T> {
    T::cast(node.tree(), node.id).ok_or_else(|| InternalError::new_err("a node view does not match its node's kind"))
}

/// ``{{name|positional|key=value}}``, parser functions (``{{#if:...}}``) included.
#[pyclass(extends = Node, frozen, module = "wikitext")]
struct Template;

#[pymethods]
impl Template {
    /// The name as written (``name.strip()`` trims it).
    #[getter]
    fn name(slf: PyRef<'_, Self>) -> PyResult<Wikicode> {
        let node = slf.as_super();
        let template: ast::Template = cast(node)?;
        Ok(match template.name(node.tree()) {
            Some(name) => node.code_of(name),
            None => {
                let start = node.tree().range(node.id).start;
                node.code(node.id, start..start)
            }
        })
    }

    /// The parameters in order; unnamed ones are named ``"1"``, ``"2"``...
    #[getter]
    fn params(slf: PyRef<'_, Self>) -> PyResult<Vec<Parameter>> {
        let node = slf.as_super();
        let template: ast::Template = cast(node)?;
        Ok(template
            .params(node.tree())
            .map(|argument| Parameter { doc: Arc::clone(&node.doc), argument })
            .collect())
    }

    /// Whether a parameter ``name`` is given (``"2"`` for the second unnamed one).
    fn has(slf: PyRef<'_, Self>, name: &str) -> PyResult<bool> {
        let node = slf.as_super();
        Ok(cast::<ast::Template>(node)?.param(node.tree(), name).is_some())
    }

    /// The parameter ``name`` (the last one if given twice, as MediaWiki reads it).
    ///
    /// Raises ``NotFoundError`` if there is none.
    fn get(slf: PyRef<'_, Self>, name: &str) -> PyResult<Parameter> {
        let node = slf.as_super();
        let template: ast::Template = cast(node)?;
        match template.param(node.tree(), name) {
            Some(argument) => Ok(Parameter { doc: Arc::clone(&node.doc), argument }),
            None => Err(NotFoundError::new_err(format!(
                "template {:?} has no parameter {name:?}",
                template.name_text(node.tree())
            ))),
        }
    }
}

/// One parameter of a template: ``name=value``, or a positional ``value``.
///
/// ``str(param)`` is its source without the leading ``|``.
#[pyclass(frozen, module = "wikitext")]
struct Parameter {
    doc: Arc<Document>,
    argument: TemplateArgument,
}

impl Parameter {
    fn range(&self) -> Range<usize> {
        self.argument.text_range(&self.doc.tree)
    }
}

#[pymethods]
impl Parameter {
    /// The name, trimmed; for a positional parameter its number (``"1"``).
    #[getter]
    fn name(&self) -> String {
        self.argument.key(&self.doc.tree).to_string()
    }

    /// Whether the name is written out (``key=value``) rather than positional.
    #[getter]
    fn showkey(&self) -> bool {
        matches!(self.argument.key(&self.doc.tree), ast::ArgumentKey::Named(_))
    }

    /// The value as written (surrounding whitespace included).
    #[getter]
    fn value(&self) -> Wikicode {
        let tree = &self.doc.tree;
        match self.argument.value(tree) {
            Some(value) => Wikicode::over(&self.doc, value, tree.range(value)),
            None => Wikicode::over(&self.doc, self.argument.id(), self.argument.value_range(tree)),
        }
    }

    /// Where the parameter starts (after its ``|``), in code points.
    #[getter]
    fn start(&self) -> usize {
        self.doc.char_offset(self.range().start)
    }

    /// Where the parameter ends, in code points (exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.doc.char_offset(self.range().end)
    }

    fn __str__(&self) -> String {
        self.doc.text(self.range()).to_string()
    }

    fn __repr__(&self) -> String {
        format!("<Parameter {} = {}>", preview(&self.name()), preview(&self.value().__str__()))
    }
}

/// ``[[title|text]]``: a link to a page of the wiki (files and categories too).
#[pyclass(extends = Node, frozen, module = "wikitext")]
struct WikiLink;

#[pymethods]
impl WikiLink {
    /// The link target as written (namespace and ``#fragment`` included).
    #[getter]
    fn title(slf: PyRef<'_, Self>) -> PyResult<Wikicode> {
        let node = slf.as_super();
        let link: ast::WikiLink = cast(node)?;
        Ok(match link.target(node.tree()) {
            Some(target) => node.code_of(target),
            None => {
                let start = node.tree().range(node.id).start;
                node.code(node.id, start..start)
            }
        })
    }

    /// The text after the first ``|`` (for a file, its options and caption), or ``None``.
    #[getter]
    fn text(slf: PyRef<'_, Self>) -> PyResult<Option<Wikicode>> {
        let node = slf.as_super();
        let link: ast::WikiLink = cast(node)?;
        Ok(link.text_range(node.tree()).map(|range| node.code(node.id, range)))
    }
}

/// ``[url title]``, or a bare URL in text (``brackets`` is then ``False``).
#[pyclass(extends = Node, frozen, module = "wikitext")]
struct ExternalLink;

#[pymethods]
impl ExternalLink {
    /// The URL.
    #[getter]
    fn url(slf: PyRef<'_, Self>) -> PyResult<String> {
        let node = slf.as_super();
        let link: ast::ExternalLink = cast(node)?;
        Ok(link.url(node.tree()).map_or_else(String::new, |url| node.tree().text(url).to_string()))
    }

    /// The link text after the URL, or ``None``.
    #[getter]
    fn title(slf: PyRef<'_, Self>) -> PyResult<Option<Wikicode>> {
        let node = slf.as_super();
        let link: ast::ExternalLink = cast(node)?;
        Ok(link.text(node.tree()).map(|text| node.code_of(text)))
    }

    /// Whether the link is in brackets.
    #[getter]
    fn brackets(slf: PyRef<'_, Self>) -> PyResult<bool> {
        let node = slf.as_super();
        Ok(cast::<ast::ExternalLink>(node)?.has_brackets(node.tree()))
    }
}

/// ``== title ==``.
#[pyclass(extends = Node, frozen, module = "wikitext")]
struct Heading;

#[pymethods]
impl Heading {
    /// The level, 1 to 6 (the number of ``=`` on each side).
    #[getter]
    fn level(slf: PyRef<'_, Self>) -> PyResult<usize> {
        let node = slf.as_super();
        Ok(cast::<ast::Heading>(node)?.level(node.tree()))
    }

    /// The title between the ``=`` signs, as written (``title.strip()`` trims it).
    #[getter]
    fn title(slf: PyRef<'_, Self>) -> PyResult<Wikicode> {
        let node = slf.as_super();
        let heading: ast::Heading = cast(node)?;
        Ok(node.code(node.id, heading.title_range(node.tree())))
    }
}

/// An HTML start tag (``<div class="x">``), an HTML end tag (``</div>``),
/// or a whole extension tag (``<ref name="a">body</ref>``).
///
/// HTML start and end tags are separate nodes: the tree does not pair them.
#[pyclass(extends = Node, frozen, module = "wikitext")]
struct Tag;

#[pymethods]
impl Tag {
    /// The tag name as written (``"ref"``, ``"div"``).
    #[getter]
    fn tag(slf: PyRef<'_, Self>) -> PyResult<String> {
        let node = slf.as_super();
        Ok(cast::<ast::Tag>(node)?.name(node.tree()).to_string())
    }

    /// The attributes in order.
    #[getter]
    fn attributes(slf: PyRef<'_, Self>) -> PyResult<Vec<Attribute>> {
        let node = slf.as_super();
        let tag: ast::Tag = cast(node)?;
        Ok(tag.attributes(node.tree()).map(|attribute| Attribute { doc: Arc::clone(&node.doc), attribute }).collect())
    }

    /// Whether the tag has an attribute ``name`` (ASCII case-insensitive).
    fn has(slf: PyRef<'_, Self>, name: &str) -> PyResult<bool> {
        let node = slf.as_super();
        let tag: ast::Tag = cast(node)?;
        Ok(tag.attributes(node.tree()).any(|a| a.name(node.tree()).eq_ignore_ascii_case(name)))
    }

    /// The attribute ``name`` (ASCII case-insensitive; the last one if given twice).
    ///
    /// Raises ``NotFoundError`` if there is none.
    fn get(slf: PyRef<'_, Self>, name: &str) -> PyResult<Attribute> {
        let node = slf.as_super();
        let tag: ast::Tag = cast(node)?;
        tag.attributes(node.tree())
            .filter(|a| a.name(node.tree()).eq_ignore_ascii_case(name))
            .last()
            .map(|attribute| Attribute { doc: Arc::clone(&node.doc), attribute })
            .ok_or_else(|| {
                NotFoundError::new_err(format!("tag <{}> has no attribute {name:?}", tag.name(node.tree())))
            })
    }

    /// The raw body of an extension tag (``"body"`` in ``<ref>body</ref>``);
    /// ``None`` for HTML tags and self-closing tags.
    #[getter]
    fn contents(slf: PyRef<'_, Self>) -> PyResult<Option<String>> {
        let node = slf.as_super();
        let tag: ast::Tag = cast(node)?;
        Ok(tag.contents(node.tree()).map(|body| node.tree().text(body).to_string()))
    }

    /// Whether this is an extension tag (``<ref>``, ``<nowiki>``...), whose body is raw text.
    #[getter]
    fn extension(slf: PyRef<'_, Self>) -> PyResult<bool> {
        let node = slf.as_super();
        Ok(cast::<ast::Tag>(node)?.is_extension(node.tree()))
    }

    /// Whether this is an end tag (``</b>``).
    #[getter]
    fn closing(slf: PyRef<'_, Self>) -> PyResult<bool> {
        let node = slf.as_super();
        Ok(cast::<ast::Tag>(node)?.is_closing(node.tree()))
    }

    /// Whether the tag closes itself (``<br/>``, ``<references />``).
    #[getter]
    fn self_closing(slf: PyRef<'_, Self>) -> PyResult<bool> {
        let node = slf.as_super();
        Ok(cast::<ast::Tag>(node)?.is_self_closing(node.tree()))
    }
}

/// One ``name="value"`` attribute of a tag.
#[pyclass(frozen, module = "wikitext")]
struct Attribute {
    doc: Arc<Document>,
    attribute: ast::Attribute,
}

#[pymethods]
impl Attribute {
    /// The name as written.
    #[getter]
    fn name(&self) -> String {
        self.attribute.name(&self.doc.tree).to_string()
    }

    /// The value without quotes, or ``None`` for a bare attribute (``<td nowrap>``).
    #[getter]
    fn value(&self) -> Option<String> {
        self.attribute.value(&self.doc.tree).map(ToString::to_string)
    }

    /// Where the attribute starts, in code points.
    #[getter]
    fn start(&self) -> usize {
        self.doc.char_offset(self.doc.tree.range(self.attribute.id()).start)
    }

    /// Where the attribute ends, in code points (exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.doc.char_offset(self.doc.tree.range(self.attribute.id()).end)
    }

    fn __str__(&self) -> String {
        self.doc.tree.text(self.attribute.id()).to_string()
    }

    fn __repr__(&self) -> String {
        format!("<Attribute {} = {}>", preview(&self.name()), self.value().map_or("None".to_string(), |v| preview(&v)))
    }
}

/// ``<!-- contents -->``.
#[pyclass(extends = Node, frozen, module = "wikitext")]
struct Comment;

#[pymethods]
impl Comment {
    /// The text between ``<!--`` and ``-->``.
    #[getter]
    fn contents(slf: PyRef<'_, Self>) -> PyResult<String> {
        let node = slf.as_super();
        Ok(cast::<ast::Comment>(node)?.contents(node.tree()).to_string())
    }
}

/// A run of plain text.
#[pyclass(extends = Node, frozen, module = "wikitext")]
struct Text;

#[pymethods]
impl Text {
    /// The text.
    #[getter]
    fn value(slf: PyRef<'_, Self>) -> String {
        let node = slf.as_super();
        node.tree().text(node.id).to_string()
    }
}

/// Panic inside the native code on purpose, so the tests can check that a
/// panic reaches Python as `InternalError` instead of aborting the interpreter.
#[pyfunction]
fn _panic_for_testing(py: Python<'_>) -> PyResult<()> {
    run_detached(py, "_panic_for_testing", || panic!("a deliberate panic"))
}

/// The native half of the `wikitext` package; `wikitext/__init__.py` re-exports it.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(compat::compat_spans, m)?)?;
    m.add_function(wrap_pyfunction!(to_html, m)?)?;
    m.add_function(wrap_pyfunction!(expand, m)?)?;
    m.add_function(wrap_pyfunction!(footnotes, m)?)?;
    m.add_function(wrap_pyfunction!(to_text, m)?)?;
    m.add_function(wrap_pyfunction!(known_wikis, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_testing, m)?)?;
    m.add_class::<Wikicode>()?;
    m.add_class::<dump::DumpRenderer>()?;
    m.add_class::<Node>()?;
    m.add_class::<Template>()?;
    m.add_class::<Parameter>()?;
    m.add_class::<WikiLink>()?;
    m.add_class::<ExternalLink>()?;
    m.add_class::<Heading>()?;
    m.add_class::<Tag>()?;
    m.add_class::<Attribute>()?;
    m.add_class::<Comment>()?;
    m.add_class::<Text>()?;
    m.add("Error", py.get_type::<Error>())?;
    m.add("NotFoundError", py.get_type::<NotFoundError>())?;
    m.add("InvalidTitleError", py.get_type::<InvalidTitleError>())?;
    m.add("UnknownWikiError", py.get_type::<UnknownWikiError>())?;
    m.add("InputTooLargeError", py.get_type::<InputTooLargeError>())?;
    m.add("ScriptError", py.get_type::<ScriptError>())?;
    m.add("TextLimitError", py.get_type::<TextLimitError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}
