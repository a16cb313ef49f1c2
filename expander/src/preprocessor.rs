//! The expansion walk: templates, parameters, inclusion tags, comments.

use std::rc::Rc;

use crate::strip_markers::SharedSetAside;

use rustc_hash::FxHashMap;
use wikitext_parser::{NodeId, ParseOptions, SyntaxKind, Tree};
use wikitext_site::magic_words::{ParserFunction, Variable};
use wikitext_site::site::PageState;
use wikitext_site::title::Title;
use wikitext_site::Site;

use crate::frame::{argument_nodes, Frame};
use crate::limits::{LimitKind, Limits};

const NS_TEMPLATE: i32 = 10;

/// How many redirects a transclusion follows (MediaWiki follows one; a
/// couple more costs nothing and never loops).
const MAX_REDIRECTS: usize = 2;

/// Bytes every nesting level together may produce, as a multiple of the
/// post-expand include size: nested output is not counted by MediaWiki's
/// limit, but it must be bounded for expansion to stay linear.
const WORK_FACTOR: usize = 16;

/// What a page-level `{{...}}` turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransclusionKind {
    /// A template that exists; `title` is its prefixed title as called
    /// (`"Template:Foo"`, before any redirect), `target` the call's expanded
    /// target text (with a fragment, if it had one).
    Template { title: String, target: String },
    /// A template page that does not exist.
    MissingTemplate { title: String },
    /// A parser function (`#if`, `lc`, `DEFAULTSORT` ...).
    ParserFunction { function: ParserFunction },
    /// A parser function the wiki's own handler ran
    /// ([`wikitext_site::function_hooks`]).
    SiteFunction { function: ParserFunction },
    /// A magic variable (`CURRENTYEAR` ...).
    Variable { variable: Variable },
    /// `{{...}}` whose name is no title (`{{}}`, `{{a[b}}`), or `subst:`:
    /// MediaWiki leaves its text as written.
    Literal,
    /// A limit (or a template loop) stopped the expansion: `output` holds the error.
    Error,
}

/// A page-level transclusion's expansion, for the renderer.
#[derive(Clone, Debug)]
pub struct Transclusion {
    pub kind: TransclusionKind,
    /// The expanded wikitext, to be tokenized on its own.
    pub output: String,
    /// A page property the call set (`DEFAULTSORT`, `DISPLAYTITLE`): Parsoid's
    /// property name (`"categorydefaultsort"`) and its value.
    pub page_property: Option<(String, String)>,
    /// For a missing template, its title as the expander resolved it
    /// (redirects followed, no fragment): `kind`'s `title` parsed.
    pub missing_title: Option<Title>,
    /// The output's first line break is MediaWiki's, not the template's:
    /// output that starts a table or a list line from a call that does not
    /// start a line gets one (T2529).
    pub line_break_added: bool,
}

/// Whether inclusion tags and comments act as on the page itself or as in a
/// transcluded page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Inclusion {
    /// `<noinclude>` content kept, `<includeonly>` content dropped, comments kept.
    Page,
    /// `<noinclude>` content dropped, `<includeonly>` kept, `<onlyinclude>`
    /// selects, comments dropped.
    Transcluded,
}

/// Expands one page's templates. Holds the page's limits and counters, so
/// use one per page.
pub struct Expander<'s> {
    pub(crate) site: &'s dyn Site,
    parse_options: ParseOptions,
    /// The page being expanded, as a title (for `{{PAGENAME}}` and relative links).
    pub(crate) page: Option<Title>,
    pub(crate) limits: Limits,
    nodes: usize,
    include_size: usize,
    work: usize,
    pub(crate) argument_size: usize,
    pub(crate) expensive: usize,
    /// The bytes of the format strings of the page's `#time` calls so far
    /// (the extension allows `time::MAX_FORMAT_CHARS` a page).
    pub(crate) time_chars: usize,
    /// Titles being expanded, outermost first (loops, depth).
    stack: Vec<String>,
    /// Parser-function and argument nesting beyond the template stack.
    pub(crate) depth: usize,
    /// Transcluded bodies (after inclusion tags), by prefixed title; `None` for missing pages.
    bodies: FxHashMap<String, Option<(String, Rc<Tree>)>>,
    /// The page-wide limit after which nothing more expands.
    stopped: Option<LimitKind>,
    /// The first limit of any kind hit (depth stops only its branch).
    first_hit: Option<LimitKind>,
    /// The last page property a call set, for the renderer.
    pub(crate) page_property: Option<(String, String)>,
    /// The title of the last missing template met, for the renderer (which
    /// would otherwise parse it again).
    missing_title: Option<Title>,
    /// Whether the last call expanded had a line break put before its output (T2529).
    line_break_added: bool,
    /// How many missing templates have been met: a call's name that met one
    /// is read again when it turns out to be a parser function.
    missing_count: u32,
    /// A missing template expands to its title as text, not a link to it
    /// (while a parser function's first argument is read on a site with
    /// `SiteInfo::parsoid_standalone_functions`: see `template_inner`).
    missing_as_text: bool,
    /// After a dropped comment alone on its line: the rest of that line and
    /// its newline go too (the source, by address, and where they end).
    skip_line_rest: Option<(usize, usize)>,
    /// The text being walked is output of the page's call: the call itself,
    /// then its template's text (and the templates that text calls), but not
    /// a call's name, a parser function's arguments or another argument.
    page_call_output: bool,
    /// Extension tags set aside from `{{#tag:}}` contents (see
    /// [`crate::strip_markers`]), shared with nested expanders.
    set_aside: SharedSetAside,
}

impl std::fmt::Debug for Expander<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Expander")
            .field("page", &self.page.as_ref().map(Title::prefixed_text))
            .field("limits", &self.limits)
            .field("nodes", &self.nodes)
            .field("include_size", &self.include_size)
            .field("stopped", &self.stopped)
            .finish_non_exhaustive()
    }
}

impl<'s> Expander<'s> {
    /// An expander for the page titled `page_title` of `site`, with Wikimedia's limits.
    #[must_use]
    pub fn new(site: &'s dyn Site, page_title: &str) -> Self {
        let parse_options = wikitext_site::site::parse_options(site);
        Expander {
            site,
            parse_options,
            page: Title::parse(page_title, 0, site),
            limits: Limits::default(),
            nodes: 0,
            include_size: 0,
            work: 0,
            argument_size: 0,
            expensive: 0,
            time_chars: 0,
            stack: Vec::new(),
            depth: 0,
            bodies: FxHashMap::default(),
            stopped: None,
            first_hit: None,
            page_property: None,
            missing_title: None,
            line_break_added: false,
            missing_count: 0,
            missing_as_text: false,
            skip_line_rest: None,
            page_call_output: false,
            set_aside: Rc::default(),
        }
    }

    /// An expander for wikitext that an extension tag of this page parses
    /// (a `<ref>`'s body): it shares this page's limits, its counters start
    /// where this one's are, and a template being expanded here is a loop
    /// there too. Hand it back with [`Expander::absorb`] when done.
    #[must_use]
    pub fn nested(&self) -> Expander<'s> {
        Expander {
            site: self.site,
            parse_options: self.parse_options.clone(),
            page: self.page.clone(),
            limits: self.limits.clone(),
            nodes: self.nodes,
            include_size: self.include_size,
            work: self.work,
            argument_size: self.argument_size,
            expensive: self.expensive,
            time_chars: self.time_chars,
            stack: self.stack.clone(),
            depth: self.depth,
            bodies: FxHashMap::default(),
            stopped: self.stopped,
            first_hit: self.first_hit,
            page_property: None,
            missing_title: None,
            line_break_added: false,
            missing_count: 0,
            missing_as_text: false,
            skip_line_rest: None,
            page_call_output: false,
            set_aside: Rc::clone(&self.set_aside),
        }
    }

    /// Take back the counters of an expander made by [`Expander::nested`].
    pub fn absorb(&mut self, nested: &Expander<'_>) {
        self.nodes = self.nodes.max(nested.nodes);
        self.include_size = self.include_size.max(nested.include_size);
        self.work = self.work.max(nested.work);
        self.argument_size = self.argument_size.max(nested.argument_size);
        self.expensive = self.expensive.max(nested.expensive);
        self.time_chars = self.time_chars.max(nested.time_chars);
        self.stopped = self.stopped.or(nested.stopped);
        self.first_hit = self.first_hit.or(nested.first_hit);
    }

    /// The same expander with other limits.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limit that stopped expansion, if one did.
    #[must_use]
    pub fn limit_hit(&self) -> Option<LimitKind> {
        self.first_hit
    }

    /// The tokenizer options this expander parses with (the site's extension tags and protocols).
    #[must_use]
    pub fn parse_options(&self) -> &ParseOptions {
        &self.parse_options
    }

    /// Expand a whole page's wikitext, as MediaWiki's `expandtemplates` does:
    /// templates, parameters (`{{{1|default}}}` shows its default), parser
    /// functions and variables replaced by their text; `<noinclude>` tags
    /// removed with their content kept, `<includeonly>` content dropped;
    /// comments kept.
    pub fn expand_page(&mut self, src: &str) -> String {
        let raw = wikitext_parser::parse_with(src, &self.parse_options);
        let mut text = String::with_capacity(src.len());
        self.apply_inclusion(&raw, raw.root(), &mut InclusionState::new(Inclusion::Page, false), &mut text);
        let tree = wikitext_parser::parse_with(&text, &self.parse_options);
        let mut out = String::with_capacity(text.len());
        let root = Frame::root();
        self.walk(&root, &tree, tree.root(), true, &mut out);
        // `expandtemplates` answers wikitext: what was set aside goes back.
        self.restore_set_aside(&out)
    }

    /// The same expander, setting tags aside in `table` (the page's, which
    /// its renderer reads markers from).
    #[must_use]
    pub fn sharing_set_aside(mut self, table: SharedSetAside) -> Self {
        self.set_aside = table;
        self
    }

    /// Set `wikitext` (an extension tag) aside and return the marker that
    /// stands for it (see [`crate::strip_markers`]).
    pub(crate) fn set_aside(&self, wikitext: &str) -> String {
        self.set_aside.borrow_mut().push(wikitext)
    }

    /// `text` with every marker replaced by the wikitext it stands for.
    #[must_use]
    pub fn restore_set_aside(&self, text: &str) -> String {
        self.set_aside.borrow().restore(text)
    }

    /// Expand the `TEMPLATE` node `id` of a page's own tree (the page is the
    /// root frame, so its parameters have no values).
    pub fn transclusion(&mut self, tree: &Tree, id: NodeId) -> Transclusion {
        let root = Frame::root();
        let mut output = String::new();
        self.page_property = None;
        self.page_call_output = true;
        let kind = self.template(&root, tree, id, &mut output);
        self.page_call_output = false;
        let missing_title = self.missing_title.take().filter(|_| matches!(kind, TransclusionKind::MissingTemplate { .. }));
        let line_break_added = std::mem::take(&mut self.line_break_added);
        Transclusion { kind, output, page_property: self.page_property.take(), missing_title, line_break_added }
    }

    /// Count one preprocessor node; false once a page-wide limit has
    /// stopped expansion (text is still copied; calls are not expanded).
    fn bump(&mut self) -> bool {
        if self.stopped.is_some() {
            return false;
        }
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            self.stopped = Some(LimitKind::NodeCount);
            self.first_hit.get_or_insert(LimitKind::NodeCount);
            return false;
        }
        true
    }

    /// Leave `kind`'s error at this spot. Page-wide budgets (nodes, sizes,
    /// expensive calls) stop all later expansion; depth only stops this branch.
    pub(crate) fn stop(&mut self, kind: LimitKind, out: &mut String) {
        self.first_hit.get_or_insert(kind);
        if self.stopped.is_none() && !matches!(kind, LimitKind::Depth | LimitKind::TemplateDepth) {
            self.stopped = Some(kind);
        }
        out.push_str(&kind.markup());
    }

    /// Expand the children of `id`.
    pub(crate) fn walk_children(&mut self, frame: &Frame<'_>, tree: &Tree, id: NodeId, out: &mut String) {
        for child in tree.children(id) {
            self.walk(frame, tree, child, false, out);
        }
    }

    /// Expand one node (not its siblings) in `frame`.
    pub(crate) fn walk_node(&mut self, frame: &Frame<'_>, tree: &Tree, id: NodeId, out: &mut String) {
        self.walk(frame, tree, id, false, out);
    }

    /// Expand node `id` of `tree` in `frame` into `out`.
    fn walk(&mut self, frame: &Frame<'_>, tree: &Tree, id: NodeId, keep_comments: bool, out: &mut String) {
        let live = self.bump();
        match tree.kind(id) {
            SyntaxKind::TEMPLATE | SyntaxKind::PARAMETER if !live => {
                let kind = self.stopped.unwrap_or(LimitKind::NodeCount);
                out.push_str(&kind.markup());
            }
            SyntaxKind::TEMPLATE => {
                self.template(frame, tree, id, out);
            }
            SyntaxKind::PARAMETER => self.parameter(frame, tree, id, out),
            // Table or link syntax whose `|` is written as the magic word
            // `{{!}}`: the tokenizer reads it as syntax, not as a template,
            // and it expands to `|` as the template would.
            SyntaxKind::MARKER if tree.text(id).contains("{{!}}") => out.push_str(&tree.text(id).replace("{{!}}", "|")),
            SyntaxKind::COMMENT => {
                if keep_comments {
                    out.push_str(tree.text(id));
                } else if let Some(skip) = drop_comment_line(tree, id, out) {
                    self.skip_line_rest = Some(skip);
                }
            }
            SyntaxKind::EXTENSION_TAG => self.extension_tag(frame, tree, id, out),
            _ => {
                if tree.first_child(id).is_none() {
                    out.push_str(after_skipped_line(tree, id, &mut self.skip_line_rest));
                } else {
                    for child in tree.children(id) {
                        self.walk(frame, tree, child, keep_comments, out);
                    }
                }
            }
        }
    }

    /// Extension tags are opaque to the preprocessor, except that tags whose
    /// body is wikitext see the frame's parameters (MediaWiki's extensions
    /// parse their bodies in the calling frame).
    fn extension_tag(&mut self, frame: &Frame<'_>, tree: &Tree, id: NodeId, out: &mut String) {
        // In the page's own text (the root frame), a call's name and
        // arguments read as the page is viewed: `<noinclude>` and
        // `<onlyinclude>` tags are no text, `<includeonly>` and its content
        // are dropped (`{{1x<includeonly>|a</includeonly>|b}}` calls `1x`).
        if frame.is_root() && is_inclusion_tag(tree, id) {
            return;
        }
        // A template's `<onlyinclude>` markers (see `apply_inclusion`) are
        // shown only in the output of the page's call: parser functions and
        // call names read the included text alone.
        if is_inclusion_tag(tree, id) && !self.page_call_output {
            return;
        }
        // A wikitext body (`<ref>`) inside a template sees the template's
        // arguments, as the extension parses it in the caller's frame.
        match tree.child_of_kind(id, SyntaxKind::TAG_BODY) {
            Some(body) if !frame.is_root() && tree.text(body).contains("{{{") => {
                let r = tree.range(id);
                let rb = tree.range(body);
                let src = tree.src();
                out.push_str(&src[r.start..rb.start]);
                self.walk_children(frame, tree, body, out);
                out.push_str(&src[rb.end..r.end]);
            }
            _ => out.push_str(tree.text(id)),
        }
    }

    fn parameter(&mut self, frame: &Frame<'_>, tree: &Tree, id: NodeId, out: &mut String) {
        let mut name = String::new();
        if let Some(n) = tree.child_of_kind(id, SyntaxKind::ARGUMENT_NAME) {
            self.walk_children(frame, tree, n, &mut name);
        }
        let name = name.trim();
        if let Some(value) = self.argument(frame, name) {
            out.push_str(&value);
            return;
        }
        // Unset: the default (the text after the first `|`), else the call as written.
        match tree.children(id).find(|&c| tree.kind(c) == SyntaxKind::ARGUMENT_VALUE) {
            Some(default) => self.walk_children(frame, tree, default, out),
            None => {
                out.push_str("{{{");
                out.push_str(name);
                out.push_str("}}}");
            }
        }
    }

    /// The value of argument `key` of `frame`, expanded (once) in its parent frame.
    pub(crate) fn argument(&mut self, frame: &Frame<'_>, key: &str) -> Option<Rc<str>> {
        let &i = frame.index.get(key)?;
        if let Some(v) = frame.cache.borrow().get(&i) {
            return Some(v.clone());
        }
        let (parent, tree) = (frame.parent?, frame.tree?);
        let arg = &frame.args[i];
        let mut value = String::new();
        if let Some(v) = arg.value {
            // The value is kept for every use, functions' too (see `page_call_output`).
            let output = std::mem::take(&mut self.page_call_output);
            self.walk_children(parent, tree, v, &mut value);
            self.page_call_output = output;
        }
        let value = if arg.named { value.trim() } else { value.as_str() };
        self.argument_size += value.len();
        let value: Rc<str> = if self.argument_size > self.limits.max_argument_size {
            let mut err = String::new();
            self.stop(LimitKind::ArgumentSize, &mut err);
            err.into()
        } else {
            value.into()
        };
        frame.cache.borrow_mut().insert(i, value.clone());
        Some(value)
    }

    /// Expand a `{{...}}` node into `out` and say what it was.
    fn template(&mut self, frame: &Frame<'_>, tree: &Tree, id: NodeId, out: &mut String) -> TransclusionKind {
        let start = out.len();
        let output = std::mem::take(&mut self.page_call_output);
        let kind = self.template_inner(frame, tree, id, output, out);
        self.page_call_output = output;
        // T2529: output that starts a block construct (a table or a list
        // line) starts a line of its own when the call does not.
        let line_start = tree.src()[..tree.range(id).start].ends_with('\n') || tree.range(id).start == 0;
        let text = &out[start..];
        let text = if self.site.info().parsoid_standalone_functions { text.strip_prefix(ONLYINCLUDE_START).unwrap_or(text) } else { text };
        self.line_break_added = !line_start
            && !matches!(kind, TransclusionKind::Literal | TransclusionKind::Error)
            && (text.starts_with(['*', '#', ':', ';']) || text.starts_with("{|"));
        if self.line_break_added {
            out.insert(start, '\n');
        }
        kind
    }

    /// A call's target as written, expanded, trimmed and without the
    /// prefixes a render drops (`safesubst:`, `raw:`, `msg:`; `msgnw:`, which
    /// the flag reports); `None` for `subst:`.
    fn call_target(&mut self, frame: &Frame<'_>, tree: &Tree, id: NodeId) -> Option<(String, bool)> {
        let mut name = String::new();
        if let Some(n) = tree.child_of_kind(id, SyntaxKind::TEMPLATE_NAME) {
            self.walk_children(frame, tree, n, &mut name);
        }
        let mut target = name.trim();
        if strip_prefix_ci(target, "subst:").is_some() {
            return None;
        }
        let mut nowiki = false;
        loop {
            if let Some(rest) = strip_prefix_ci(target, "safesubst:").or_else(|| strip_prefix_ci(target, "raw:")) {
                target = rest.trim_start();
            } else if let Some(rest) = strip_prefix_ci(target, "msgnw:") {
                target = rest.trim_start();
                nowiki = true;
            } else if let Some(rest) = strip_prefix_ci(target, "msg:") {
                target = rest.trim_start();
            } else {
                break;
            }
        }
        Some((target.to_string(), nowiki))
    }

    /// One level deeper for a parser function's call (leave it with
    /// `self.depth -= 1`); at the depth limit, the limit's error in `out`
    /// and false.
    fn enter_function(&mut self, out: &mut String) -> bool {
        self.depth += 1;
        if self.depth + self.stack.len() > self.limits.max_depth {
            self.depth -= 1;
            self.stop(LimitKind::Depth, out);
            return false;
        }
        true
    }

    /// A call of a wiki's own parser function the `:` path did not find:
    /// `{{name}}` with no argument, or a full-width `：` after the name, as
    /// Parsoid reads Japanese input (T415405); `None` when `target` calls none.
    fn site_function_without_colon(&mut self, frame: &Frame<'_>, tree: &Tree, id: NodeId, target: &str, out: &mut String) -> Option<TransclusionKind> {
        let (name, first) = match target.find([':', '：']) {
            // `{{name:...}}` was looked up already.
            Some(at) if target[at..].starts_with(':') => return None,
            Some(at) => (&target[..at], Some(&target[at + '：'.len_utf8()..])),
            None => (target, None),
        };
        let function = self.site.parser_function(name.trim())?;
        let hook = self.site.function_hook(function.id())?;
        Some(self.site_function(frame, tree, id, function, hook, first, out))
    }

    /// Run the wiki's own handler of `function`; `first` is the text after
    /// the colon, if the call has one.
    #[allow(clippy::too_many_arguments)]
    fn site_function(
        &mut self,
        frame: &Frame<'_>,
        tree: &Tree,
        id: NodeId,
        function: ParserFunction,
        hook: &dyn wikitext_site::function_hooks::ParserFunctionHook,
        first: Option<&str>,
        out: &mut String,
    ) -> TransclusionKind {
        let args = argument_nodes(tree, id);
        if !self.enter_function(out) {
            return TransclusionKind::Error;
        }
        let call = crate::functions::Call {
            node: id,
            frame,
            tree,
            args: &args,
            first: first.unwrap_or("").trim(),
            first_as_written: first.unwrap_or(""),
        };
        let output = hook.call(&mut crate::functions::HookArgs::new(self, &call, first.is_some()));
        self.depth -= 1;
        let start = out.len();
        match output {
            wikitext_site::function_hooks::FunctionOutput::Wikitext(wikitext) => out.push_str(&wikitext),
            wikitext_site::function_hooks::FunctionOutput::Text(text) => out.push_str(&escape_wikitext(&text)),
        }
        // A handler's output is as long as it likes: it counts as a
        // template's does (MediaWiki counts every brace's result).
        if !self.charge_output(start, out) {
            return TransclusionKind::Error;
        }
        TransclusionKind::SiteFunction { function }
    }

    /// `output`: the call's text is output of the page's call (see `page_call_output`).
    fn template_inner(&mut self, frame: &Frame<'_>, tree: &Tree, id: NodeId, output: bool, out: &mut String) -> TransclusionKind {
        if let Some(kind) = self.stopped {
            out.push_str(&kind.markup());
            return TransclusionKind::Error;
        }
        let missing_before = self.missing_count;
        let Some((mut target, nowiki)) = self.call_target(frame, tree, id) else {
            // `subst:` only means something when saving, so a render leaves
            // the call as written.
            out.push_str(tree.text(id));
            return TransclusionKind::Literal;
        };
        if !nowiki {
            // A parser function: `{{name:first|args}}`.
            if let Some((func, first)) = target.split_once(':') {
                if let Some(fid) = self.site.parser_function(func.trim()).or_else(|| self.site.parser_function(func)) {
                    // The wiki's own handler comes before any built-in.
                    if let Some(hook) = self.site.function_hook(fid.id()) {
                        return self.site_function(frame, tree, id, fid, hook, Some(first), out);
                    }
                    if self.missing_count != missing_before
                        && !self.missing_as_text
                        && self.site.info().parsoid_standalone_functions
                    {
                        // The standalone runner's functions read their first
                        // argument as text: a missing template there is its
                        // title (`{{formatnum:{{Missing}}}}` shows
                        // "Template:Missing"), not a link. Read the name again so.
                        self.missing_as_text = true;
                        if let Some((again, _)) = self.call_target(frame, tree, id) {
                            target = again;
                        }
                        self.missing_as_text = false;
                    }
                    let first = target.split_once(':').map_or("", |(_, first)| first);
                    let args = argument_nodes(tree, id);
                    if !self.enter_function(out) {
                        return TransclusionKind::Error;
                    }
                    let call = crate::functions::Call { node: id, frame, tree, args: &args, first: first.trim(), first_as_written: first };
                    crate::functions::call(self, &fid, &call, out);
                    self.depth -= 1;
                    return TransclusionKind::ParserFunction { function: fid };
                }
            }
            if let Some(kind) = self.site_function_without_colon(frame, tree, id, &target, out) {
                return kind;
            }
            if let Some(vid) = self.site.variable(&target) {
                crate::magic_variables::variable(self, &vid, out);
                return TransclusionKind::Variable { variable: vid };
            }
            if self.site.info().parsoid_standalone_functions {
                // The standalone runner reads an unknown `{{#name...}}` as a
                // parser function it has no implementation of
                // (parsertests-site.json, `nativeParserFunctionImplementations`),
                // whatever the name holds (`{{#REDIRECT [[]]}}` names `REDIRECT [[]]`).
                let name = target.strip_prefix('#').map(|rest| rest.split(':').next().unwrap_or("").trim());
                if let Some(name) = name.filter(|n| !n.is_empty()) {
                    out.push_str("Parser function implementation for pf_");
                    out.push_str(name);
                    out.push_str(" missing in Parsoid.");
                    return TransclusionKind::ParserFunction { function: ParserFunction::from_id(name) };
                }
            }
        }
        let mut decoded = wikitext_site::entities::decode_entities(&target);
        // `{{/Sub}}` and `{{../Sibling}}`: relative to the page, where its
        // namespace has subpages.
        if decoded.starts_with('/') || decoded.starts_with("../") {
            if let Some(page) = self.page.as_ref().filter(|p| self.site.has_subpages(p.namespace())) {
                if let Some((resolved, _)) = wikitext_site::title::resolve_subpage(&decoded, &page.prefixed_text()) {
                    decoded = std::borrow::Cow::Owned(format!(":{resolved}"));
                }
            }
        }
        let Some(title) = Title::parse(&decoded, NS_TEMPLATE, self.site).filter(|t| !t.db_key().is_empty() && t.interwiki().is_none()) else {
            out.push_str(tree.text(id));
            return TransclusionKind::Literal;
        };
        let mut key = title.prefixed_text();
        let called = key.clone();
        let mut body = self.body(&key);
        let mut resolved = title;
        // Follow redirects.
        for _ in 0..MAX_REDIRECTS {
            let Some(next) = body.as_ref().and_then(|(src, _)| redirect_target(src)) else { break };
            let Some(t) = Title::parse(&next, 0, self.site) else { break };
            key = t.prefixed_text();
            body = self.body(&key);
            resolved = t;
        }
        let Some((source, body)) = body else {
            self.missing_count += 1;
            if self.missing_as_text {
                out.push_str(&key);
                return TransclusionKind::MissingTemplate { title: key };
            }
            // One allocation for the link, not one per piece.
            out.reserve(key.len() + 5);
            out.push_str("[[:");
            out.push_str(&key);
            out.push_str("]]");
            self.missing_title = Some(resolved.without_fragment());
            return TransclusionKind::MissingTemplate { title: key };
        };
        if nowiki {
            out.push_str(&escape_wikitext(&source));
            return TransclusionKind::Template { title: called, target };
        }
        if loop_detected(frame, &key, out) {
            return TransclusionKind::Error;
        }
        if self.stack.len() >= self.limits.max_depth {
            // MediaWiki's message names the limit.
            self.first_hit.get_or_insert(LimitKind::TemplateDepth);
            out.push_str(&format!(
                "<span class=\"error\">{} ({})</span>",
                LimitKind::TemplateDepth.message(),
                self.limits.max_depth
            ));
            return TransclusionKind::Error;
        }
        if self.stack.len() + self.depth >= self.limits.max_depth {
            self.stop(LimitKind::Depth, out);
            return TransclusionKind::Error;
        }
        // The new frame: names expanded now, values when used.
        let mut child = Frame { parent: Some(frame), tree: Some(tree), title: Some(key.clone()), ..Frame::root() };
        let mut position = 0usize;
        for arg in argument_nodes(tree, id) {
            let value = tree.child_of_kind(arg, SyntaxKind::ARGUMENT_VALUE);
            match tree.child_of_kind(arg, SyntaxKind::ARGUMENT_NAME) {
                Some(name_node) => {
                    let mut key = String::new();
                    self.walk_children(frame, tree, name_node, &mut key);
                    child.push(key.trim().to_string(), value, true);
                }
                None => {
                    position += 1;
                    child.push(position.to_string(), value, false);
                }
            }
        }
        self.stack.push(key.clone());
        let start = out.len();
        self.page_call_output = output;
        self.walk(&child, &body, body.root(), false, out);
        self.stack.pop();
        if !self.charge_output(start, out) {
            return TransclusionKind::Error;
        }
        TransclusionKind::Template { title: called, target }
    }

    /// Count what a page's expansion (or a handler, or a module) wrote
    /// since `start` against the include-size budget; over it, the output
    /// goes and the limit's error takes its place (false).
    pub(crate) fn charge_output(&mut self, start: usize, out: &mut String) -> bool {
        let produced = out.len() - start;
        self.work += produced;
        if self.stack.is_empty() {
            self.include_size += produced;
        }
        if self.include_size > self.limits.max_include_size
            || self.work > self.limits.max_include_size.saturating_mul(WORK_FACTOR)
        {
            out.truncate(start);
            self.stop(LimitKind::IncludeSize, out);
            return false;
        }
        true
    }

    /// Expand an interface message's text (`{{int:}}` of a message the wiki
    /// defines on page `key`, its `$1`... already replaced), as MediaWiki
    /// expands what `int` returns: as page text (`<noinclude>` kept,
    /// `<includeonly>` dropped) in a frame named after the message's page, so
    /// that loops through it and the depth and size limits apply as to a template.
    pub(crate) fn expand_message(&mut self, frame: &Frame<'_>, key: &str, text: &str, out: &mut String) {
        if loop_detected(frame, key, out) {
            return;
        }
        if self.stack.len() + self.depth >= self.limits.max_depth {
            self.stop(LimitKind::Depth, out);
            return;
        }
        // A message is parsed at every call (its text depends on the
        // arguments), so its length counts against the work budget: many calls
        // of a long message that expands to little stay linear.
        self.work += text.len();
        if self.work > self.limits.max_include_size.saturating_mul(WORK_FACTOR) {
            self.stop(LimitKind::IncludeSize, out);
            return;
        }
        let raw = wikitext_parser::parse_with(text, &self.parse_options);
        let mut page_text = String::with_capacity(text.len());
        self.apply_inclusion(&raw, raw.root(), &mut InclusionState::new(Inclusion::Page, false), &mut page_text);
        let tree = wikitext_parser::parse_with(&page_text, &self.parse_options);
        let child = Frame { parent: Some(frame), title: Some(key.to_string()), ..Frame::root() };
        self.stack.push(key.to_string());
        let start = out.len();
        self.walk(&child, &tree, tree.root(), false, out);
        self.stack.pop();
        self.charge_output(start, out);
    }

    /// A page's source and its transcluded form, parsed; cached per page.
    fn body(&mut self, key: &str) -> Option<(String, Rc<Tree>)> {
        if let Some(b) = self.bodies.get(key) {
            return b.clone();
        }
        let body = self.site.page_source(key).map(|source| {
            let raw = wikitext_parser::parse_with(&source, &self.parse_options);
            let mut text = String::with_capacity(source.len());
            let mut state = InclusionState::new(Inclusion::Transcluded, has_onlyinclude(&raw));
            self.apply_inclusion(&raw, raw.root(), &mut state, &mut text);
            let tree = Rc::new(wikitext_parser::parse_with(&text, &self.parse_options));
            (source, tree)
        });
        self.bodies.insert(key.to_string(), body.clone());
        body
    }

    /// Copy `id` with `<noinclude>`, `<includeonly>` and `<onlyinclude>`
    /// applied for `mode`. The tokenizer reads `<noinclude>` and
    /// `<onlyinclude>` as lone markers (their content is page content) and
    /// `<includeonly>` as a tag with a raw body.
    fn apply_inclusion(&self, tree: &Tree, id: NodeId, state: &mut InclusionState, out: &mut String) {
        match tree.kind(id) {
            SyntaxKind::EXTENSION_TAG => {
                let name = tree.child_of_kind(id, SyntaxKind::NAME).map(|n| tree.text(n).to_ascii_lowercase());
                let closing = tree.first_child(id).is_some_and(|m| tree.text(m) == "</");
                let self_closing = tree.text(id).ends_with("/>");
                match name.as_deref() {
                    Some("noinclude") => {
                        if state.mode == Inclusion::Transcluded && !self_closing {
                            state.in_noinclude = !closing;
                        }
                    }
                    Some("onlyinclude") => {
                        if !self_closing {
                            // Parsoid's standalone runner reads a template's
                            // `<onlyinclude>` tags itself and shows where the
                            // included part starts and ends (`mw:Includes/OnlyInclude`
                            // markers): the tags stay for `extension_tag`.
                            let markers = state.only && !state.in_noinclude && self.site.info().parsoid_standalone_functions;
                            if markers && closing && state.in_onlyinclude {
                                out.push_str(ONLYINCLUDE_END);
                            }
                            if markers && !closing && !state.in_onlyinclude {
                                out.push_str(ONLYINCLUDE_START);
                            }
                            state.in_onlyinclude = !closing;
                        }
                    }
                    Some("includeonly") => {
                        if state.mode == Inclusion::Transcluded {
                            if let Some(raw) = tree.child_of_kind(id, SyntaxKind::RAW) {
                                let inner = wikitext_parser::parse_with(tree.text(raw), &self.parse_options);
                                self.apply_inclusion(&inner, inner.root(), state, out);
                            }
                        }
                    }
                    _ => state.push(out, tree.text(id)),
                }
            }
            SyntaxKind::COMMENT if state.mode == Inclusion::Transcluded => {
                if let Some(skip) = drop_comment_line(tree, id, out) {
                    state.skip_until = Some(skip);
                }
            }
            _ if tree.first_child(id).is_none() => {
                let text = after_skipped_line(tree, id, &mut state.skip_until);
                state.push(out, text);
            }
            _ => {
                for c in tree.children(id) {
                    self.apply_inclusion(tree, c, state, out);
                }
            }
        }
    }

    /// Whether the page `title` (prefixed) exists, counting an expensive call.
    pub(crate) fn page_exists(&mut self, title: &str) -> Option<bool> {
        self.expensive += 1;
        if self.expensive > self.limits.max_expensive {
            return None;
        }
        Some(self.site.page_state(title) != PageState::Missing)
    }

    /// Whether the file `name` exists (`#ifexist` on a `Media:` title), as
    /// expensive as a page's check; `None` past the limit.
    pub(crate) fn file_exists(&mut self, name: &str) -> Option<bool> {
        self.expensive += 1;
        if self.expensive > self.limits.max_expensive {
            return None;
        }
        Some(self.site.media_info(name).is_some())
    }
}

/// The `<onlyinclude>` tags a template's transcluded text keeps on
/// Parsoid's standalone runner's wiki (`SiteInfo::parsoid_standalone_functions`).
const ONLYINCLUDE_START: &str = "<onlyinclude>";
const ONLYINCLUDE_END: &str = "</onlyinclude>";

/// Where a walk applying inclusion tags is.
#[derive(Debug)]
struct InclusionState {
    mode: Inclusion,
    /// Only `<onlyinclude>` content is transcluded (the page has such a section).
    only: bool,
    in_onlyinclude: bool,
    in_noinclude: bool,
    /// The rest of a dropped comment's line (source by address, end).
    skip_until: Option<(usize, usize)>,
}

impl InclusionState {
    fn new(mode: Inclusion, only: bool) -> Self {
        InclusionState {
            mode,
            only: only && mode == Inclusion::Transcluded,
            in_onlyinclude: false,
            in_noinclude: false,
            skip_until: None,
        }
    }

    fn push(&self, out: &mut String, text: &str) {
        if !self.in_noinclude && (!self.only || self.in_onlyinclude) {
            out.push_str(text);
        }
    }
}

/// A comment being dropped from `out`: alone on its line, it takes the
/// line with it, as MediaWiki's preprocessor drops it. The spaces before it
/// are taken off `out` here; the rest of the line is to be skipped up to
/// the returned place (the source, by address, and the end of its newline).
fn drop_comment_line(tree: &Tree, id: NodeId, out: &mut String) -> Option<(usize, usize)> {
    let (lead, line_end) = comment_line(tree.src(), tree.range(id))?;
    let kept = out.len() - out.bytes().rev().take(lead).take_while(|b| matches!(b, b' ' | b'\t')).count();
    out.truncate(kept);
    Some((tree.src().as_ptr() as usize, line_end + 1))
}

/// Leaf `id`'s text, less what a dropped comment's line still holds of it
/// (see [`drop_comment_line`]); the skip ends once passed.
fn after_skipped_line<'t>(tree: &'t Tree, id: NodeId, skip: &mut Option<(usize, usize)>) -> &'t str {
    let text = tree.text(id);
    let Some((source, end)) = *skip else { return text };
    let r = tree.range(id);
    if source != tree.src().as_ptr() as usize || r.start >= end {
        *skip = None;
        return text;
    }
    if r.end >= end {
        *skip = None;
    }
    text.get((end - r.start).min(text.len())..).unwrap_or_default()
}

/// Whether the comment at `range` of `src` is alone on its line (with only
/// spaces, tabs and other comments beside it), on a line that is neither
/// the first nor the last: then how many spaces and tabs stand right
/// before it, and where its line's newline is.
fn comment_line(src: &str, range: std::ops::Range<usize>) -> Option<(usize, usize)> {
    let b = src.as_bytes();
    let line_start = b[..range.start].iter().rposition(|&c| c == b'\n')? + 1;
    let line_end = range.end + b[range.end..].iter().position(|&c| c == b'\n')?;
    let mut i = line_start;
    while i < line_end {
        if matches!(b[i], b' ' | b'\t') {
            i += 1;
        } else if b[i..line_end].starts_with(b"<!--") {
            i += 4 + src[i + 4..line_end].find("-->")? + 3;
        } else {
            return None;
        }
    }
    let lead = b[line_start..range.start].iter().rev().take_while(|&&c| matches!(c, b' ' | b'\t')).count();
    Some((lead, line_end))
}

fn is_tag(tree: &Tree, id: NodeId, name: &str) -> bool {
    tree.kind(id) == SyntaxKind::EXTENSION_TAG
        && tree.child_of_kind(id, SyntaxKind::NAME).is_some_and(|n| tree.text(n).eq_ignore_ascii_case(name))
}

/// `<noinclude>`, `<includeonly>` or `<onlyinclude>` (a tag or an element).
fn is_inclusion_tag(tree: &Tree, id: NodeId) -> bool {
    tree.child_of_kind(id, SyntaxKind::NAME).is_some_and(|n| {
        let name = tree.text(n);
        ["noinclude", "includeonly", "onlyinclude"].iter().any(|t| name.eq_ignore_ascii_case(t))
    })
}

fn has_onlyinclude(tree: &Tree) -> bool {
    tree.src().len() >= 13
        && memchr_ci_contains(tree.src(), "<onlyinclude")
        && tree.descendants(tree.root()).any(|c| is_tag(tree, c, "onlyinclude"))
}

fn memchr_ci_contains(hay: &str, needle: &str) -> bool {
    hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `text` without the ASCII-case-insensitive `prefix`.
/// Whether page `key` is already being expanded in `frame` or above it; if
/// so, MediaWiki's loop error goes to `out`.
fn loop_detected(frame: &Frame<'_>, key: &str, out: &mut String) -> bool {
    if !frame.ancestors().any(|f| f.title.as_deref() == Some(key)) {
        return false;
    }
    out.push_str("<span class=\"error\">Template loop detected: [[:");
    out.push_str(key);
    out.push_str("]]</span>");
    true
}

pub(crate) fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// The target of a `#REDIRECT [[Target]]` page.
fn redirect_target(src: &str) -> Option<String> {
    let rest = strip_prefix_ci(src.trim_start(), "#redirect")?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
    let inner = rest.strip_prefix("[[")?;
    let end = inner.find("]]")?;
    let target = inner[..end].split('|').next()?.trim();
    (!target.is_empty()).then(|| target.to_string())
}

/// Escape wikitext so it renders as the characters written (MediaWiki's
/// `wfEscapeWikiText`): markup characters become numeric references.
pub(crate) fn escape_wikitext(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut at_line_start = true;
    for c in text.chars() {
        let esc = match c {
            '"' | '&' | '\'' | '<' | '=' | '>' | '[' | ']' | '{' | '|' | '}' | ';' => true,
            '#' | '*' | ':' | ' ' | '\n' | '\r' | '\t' | '-' | '_' | '~' | '!' => at_line_start,
            _ => false,
        };
        if esc {
            out.push_str("&#");
            out.push_str(&u32::from(c).to_string());
            out.push(';');
        } else {
            out.push(c);
        }
        at_line_start = c == '\n';
    }
    // `__TOC__`-like switches and `://` would still act.
    out.replace("__", "_&#95;").replace("://", "&#58;//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects() {
        assert_eq!(redirect_target("#REDIRECT [[Template:Foo]]").as_deref(), Some("Template:Foo"));
        assert_eq!(redirect_target("#redirect:[[Foo|bar]]").as_deref(), Some("Foo"));
        assert_eq!(redirect_target("text"), None);
        assert_eq!(redirect_target("#REDIRECT [["), None);
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_wikitext("''a''"), "&#39;&#39;a&#39;&#39;");
        assert_eq!(escape_wikitext("*x"), "&#42;x");
        assert_eq!(escape_wikitext("a*x"), "a*x");
    }
}
