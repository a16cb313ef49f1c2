//! Media: `[[File:Name|options|caption]]` (and the `Image:` and localized
//! aliases) → Parsoid's `<figure>` (block) or `<span>` (inline) with
//! `typeof="mw:File..."`; `[[Media:Name]]` → `<a rel="mw:MediaLink">`.
//!
//! # Parsoid HTML
//!
//! ```text
//! [[File:Foo.jpg|thumb|left|A caption]]
//! <figure class="mw-default-size mw-halign-left" typeof="mw:File/Thumb">
//!   <a href="./File:Foo.jpg" class="mw-file-description"><img resource="./File:Foo.jpg"
//!     src="…/thumb/…/180px-Foo.jpg" … class="mw-file-element"/></a>
//!   <figcaption>A caption</figcaption></figure>
//! ```
//!
//! What is not obvious from Parsoid's output:
//! - An image is a block (`<figure>`) when it is a thumbnail or framed or
//!   has a horizontal alignment; otherwise it is inline (`<span>`) and its
//!   caption goes to `data-mw.caption` (as HTML), the link's `title` and the
//!   image's `alt`.
//! - Each part is matched against the site's localized option aliases
//!   (after expanding the templates in it); a part that is no valid option
//!   is a caption, and the last caption wins.
//! - A missing file keeps the structure: `mw:Error` in `typeof`, the error
//!   in `data-mw`, a link to the upload page and a `mw-broken-media` span.
//! - Sizes follow MediaWiki's thumbnail arithmetic (see `scale`); only the
//!   `Site` knows files, their sizes and URLs ([`MediaInfo`]).
//!
//! # References
//! <https://www.mediawiki.org/wiki/Specs/HTML/2.8.0#Media>,
//! <https://www.mediawiki.org/wiki/Help:Images>.

use crate::token::{ThinVec, thin_vec};
use wikitext_parser::{NodeId, SyntaxKind};
use wikitext_site::site::{HorizontalAlign, MediaInfo, MediaKind, MediaOption, VerticalAlign};
use wikitext_site::title::{encode_title_for_href, Title};

use super::{push_json_string, Emitter, Tok};
use crate::token::{Attr, SrcRange, Token};

/// The mark on the hidden element holding an inline image's rendered
/// caption; `passes::media` moves its HTML into the container's `data-mw`.
pub(crate) const INLINE_CAPTION: &str = "wt media-caption";
/// The mark on an inline image's container with the `data-mw` members
/// that come before the caption (`"attribs":[...]`), if any.
pub(crate) const DATA_MW_BEFORE: &str = "wt media-mw-before";
/// The mark with the `data-mw` members after the caption (`"errors":[...]`).
pub(crate) const DATA_MW_AFTER: &str = "wt media-mw-after";
/// The mark on a hidden element holding an option rendered as wikitext
/// (an `alt=` with markup, an option a template gave); its value is the
/// option's index among the container's attribs. `passes::media` moves
/// its HTML into the container's `data-mw.attribs` (Parsoid's
/// `mw:ExpandedAttrs`).
pub(crate) const ATTRIB_HTML: &str = "wt media-attrib";

/// Where the HTML of the attrib `index` goes in the `data-mw` text: raw
/// control characters, which JSON-escaped page text never holds, so no
/// page can forge the slot.
pub(crate) fn attrib_html_slot(index: &str) -> String {
    format!("\u{1}attrib-html-{index}\u{1}")
}

const NS_MEDIA: i32 = -2;

/// How an image is framed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Format {
    /// No format option: inline unless aligned.
    #[default]
    Plain,
    Thumbnail,
    Framed,
    Frameless,
}

/// The options of one file link, typed and checked.
#[derive(Clone, Debug, Default)]
pub(crate) struct MediaOptions {
    pub(crate) format: Format,
    /// `thumb=Other.png`: the file the thumbnail is drawn from.
    pub(crate) manual_thumb: Option<String>,
    pub(crate) border: bool,
    pub(crate) halign: Option<HorizontalAlign>,
    pub(crate) valign: Option<VerticalAlign>,
    /// Requested width and height in pixels.
    pub(crate) width: Option<u32>,
    pub(crate) height: Option<u32>,
    /// `upright` factor.
    pub(crate) upright: Option<f64>,
    /// `link=`: `Some("")` for no link.
    pub(crate) link: Option<String>,
    /// `alt=` as plain text.
    pub(crate) alt: Option<String>,
    pub(crate) page: Option<u32>,
    pub(crate) lang: Option<String>,
    pub(crate) classes: Vec<String>,
    /// `thumbtime=` / `start=` in seconds, as written.
    pub(crate) thumbtime: Option<String>,
    pub(crate) start: Option<String>,
    pub(crate) end: Option<String>,
    pub(crate) muted: bool,
    pub(crate) looping: bool,
    /// Options Parsoid lists in `data-mw.attribs` (`page`, for missing
    /// files `alt` and `link`, and any option with markup or a template),
    /// in order.
    pub(crate) attribs: Vec<Attrib>,
    /// An option part a template made into several options: Parsoid marks
    /// the file `mw:Placeholder` (it cannot edit them one by one).
    pub(crate) placeholder: bool,
    /// Options of a known kind with a value that is not valid (`lang=a:b`).
    pub(crate) bogus: Vec<String>,
    /// Set when a gallery shows the file (see [`GalleryBox`]).
    pub(crate) gallery: Option<GalleryBox>,
}

/// One member of `data-mw.attribs`: an option's key (MediaWiki's name of
/// it, `width`, `thumbnail`, `alt`), its value as text, and the whole
/// part rendered, when it has markup or a template (`mw:ExpandedAttrs`).
#[derive(Clone, Debug)]
pub(crate) struct Attrib {
    pub(crate) key: &'static str,
    pub(crate) txt: Option<String>,
    pub(crate) html: Option<Vec<Tok>>,
}

/// How a gallery shows a file: in a box of its `widths`×`heights`, the
/// size asked for in `MediaOptions::width`/`height`. Packed galleries ask
/// for thumbnails 1.5 times larger and show them shrunk back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GalleryBox {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) packed: bool,
}

/// The factor packed galleries request thumbnails at.
pub(crate) const PACKED_SCALE: f64 = 1.5;

/// A packed gallery's shown size of a thumbnail dimension.
pub(crate) fn packed_shown(x: u32) -> u32 {
    (f64::from(x) / PACKED_SCALE).ceil() as u32
}

impl MediaOptions {
    /// Whether Parsoid renders the file as a block (`<figure>`).
    pub(crate) fn is_block(&self) -> bool {
        matches!(self.format, Format::Thumbnail | Format::Framed) || self.manual_thumb.is_some() || self.halign.is_some()
    }

    fn type_of(&self) -> &'static str {
        if self.manual_thumb.is_some() {
            return "mw:File/Thumb";
        }
        match self.format {
            Format::Plain => "mw:File",
            Format::Thumbnail => "mw:File/Thumb",
            Format::Framed => "mw:File/Frame",
            Format::Frameless => "mw:File/Frameless",
        }
    }

    /// Apply one option; `false` when its value is not valid for it (the
    /// part is then a caption).
    fn apply(&mut self, option: MediaOption) -> bool {
        match option {
            MediaOption::Thumbnail => self.set_format(Format::Thumbnail),
            MediaOption::Framed => self.set_format(Format::Framed),
            MediaOption::Frameless => self.set_format(Format::Frameless),
            MediaOption::ManualThumbnail(name) if self.format == Format::Plain && self.manual_thumb.is_none() => {
                self.manual_thumb = Some(name);
            }
            MediaOption::ManualThumbnail(_) => {}
            MediaOption::Border => self.border = true,
            MediaOption::Align(a) => {
                self.halign.get_or_insert(a);
            }
            MediaOption::VerticalAlign(v) => {
                self.valign.get_or_insert(v);
            }
            MediaOption::Size(value) => match parse_size(&value) {
                Some((w, h)) => {
                    self.width = w;
                    self.height = h;
                }
                None => return false,
            },
            MediaOption::Upright(value) => {
                let written = value.as_deref().map(str::trim).unwrap_or("");
                let factor = if written.is_empty() { Some(0.75) } else { written.parse::<f64>().ok().filter(|f| *f > 0.0 && f.is_finite()) };
                match factor {
                    Some(f) => self.upright = Some(f),
                    None => return false,
                }
            }
            MediaOption::Link(target) => {
                let written = target.trim();
                let mut target = written;
                // `link=[[Target]]` names the same target.
                if let Some(inner) = target.strip_prefix("[[").and_then(|t| t.strip_suffix("]]")) {
                    target = inner.trim();
                }
                self.set_attrib("link", written.to_string());
                self.link = Some(target.to_string());
            }
            MediaOption::Alt(text) => {
                self.set_attrib("alt", text.clone());
                self.alt = Some(text);
            }
            MediaOption::Page(page) => match page.trim().parse::<u32>() {
                Ok(n) => {
                    self.set_attrib("page", n.to_string());
                    self.page = Some(n);
                }
                Err(_) => return false,
            },
            MediaOption::Lang(lang) => {
                let lang = lang.trim().to_ascii_lowercase();
                if lang.is_empty() || !lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                    self.bogus.push(lang);
                    return true;
                }
                self.lang = Some(lang);
            }
            MediaOption::Class(class) => self.classes.extend(class.split_ascii_whitespace().map(str::to_string)),
            MediaOption::ThumbTime(t) => {
                self.attribs.push(Attrib { key: "thumbtime", txt: Some(t.trim().to_string()), html: None });
                self.thumbtime = Some(t.trim().to_string());
            }
            MediaOption::Start(t) => {
                self.attribs.push(Attrib { key: "starttime", txt: Some(t.trim().to_string()), html: None });
                self.start = Some(t.trim().to_string());
            }
            MediaOption::End(t) => {
                self.attribs.push(Attrib { key: "endtime", txt: Some(t.trim().to_string()), html: None });
                self.end = Some(t.trim().to_string());
            }
            MediaOption::Muted => self.muted = true,
            MediaOption::Loop => self.looping = true,
            // Parsoid takes no controls switch: the part is a caption.
            MediaOption::DisableControls(_) => return false,
            _ => {}
        }
        true
    }

    /// What a gallery keeps of a line's options: it sizes (asking for
    /// `request`), frames and places its images itself.
    pub(crate) fn for_gallery(mut self, gallery: GalleryBox, request: (u32, u32)) -> MediaOptions {
        self.format = Format::Plain;
        self.manual_thumb = None;
        self.halign = None;
        self.valign = None;
        self.upright = None;
        self.attribs.retain(|a| a.key != "manualthumb");
        self.width = Some(request.0);
        self.height = Some(request.1);
        self.gallery = Some(gallery);
        self
    }

    /// Record the option `key` with its value as text, replacing an
    /// earlier one of the same key.
    fn set_attrib(&mut self, key: &'static str, txt: String) {
        self.attribs.retain(|a| a.key != key);
        self.attribs.push(Attrib { key, txt: Some(txt), html: None });
    }

    /// Give the option `key` its part rendered: the entry `apply` made, or
    /// a new one (with `txt` for an option with a value).
    fn set_attrib_html(&mut self, key: &'static str, txt: Option<String>, html: Vec<Tok>) {
        match self.attribs.iter_mut().rev().find(|a| a.key == key) {
            Some(a) => a.html = Some(html),
            None => self.attribs.push(Attrib { key, txt, html: Some(html) }),
        }
    }

    /// Whether an option's part was rendered for `data-mw`.
    fn has_expanded_attribs(&self) -> bool {
        self.attribs.iter().any(|a| a.html.is_some())
    }

    /// The first format given wins.
    fn set_format(&mut self, format: Format) {
        if self.format == Format::Plain && self.manual_thumb.is_none() {
            self.format = format;
        }
    }
}

/// `200`, `x100`, `200x100`, `200px` (from `200pxpx`): width and height.
fn parse_size(value: &str) -> Option<(Option<u32>, Option<u32>)> {
    let v = value.trim();
    let v = v.strip_suffix("px").map_or(v, str::trim_end);
    let (w, h) = match v.split_once('x') {
        Some((w, h)) => (w.trim(), Some(h.trim())),
        None => (v, None),
    };
    let num = |s: &str| -> Option<u32> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(s.parse::<u32>().unwrap_or(u32::MAX).min(100_000))
    };
    let width = if w.is_empty() { None } else { Some(num(w)?) };
    let height = match h {
        Some(h) => Some(num(h)?),
        None => None,
    };
    if width.is_none() && height.is_none() {
        return None;
    }
    Some((width.filter(|&w| w > 0), height.filter(|&h| h > 0)))
}

/// What a file link's caption is made of.
#[derive(Clone, Debug)]
pub(crate) enum Caption {
    None,
    /// A part of the link (a `LINK_TEXT` node of the emitter's tree).
    Node(NodeId),
    /// A caption rendered already (text a template gave).
    Rendered(Vec<Tok>),
    /// A caption shown elsewhere (a gallery's text under the image): only
    /// its plain text, for the link's title, the alt text and broken media.
    Text(String),
}

/// `[[File:...]]` with its parts.
pub(super) fn file_link(em: &mut Emitter<'_>, id: NodeId, title: &Title, parts: &[NodeId]) {
    let src = em.range(id);
    if title.namespace() == NS_MEDIA {
        return media_link(em, id, title, parts, src);
    }
    if !em.text_only || em.in_rendered_skippable {
        let (options, caption) = read_options(em, parts);
        render_file(em, title, &options, caption, src);
        return;
    }
    if text_only_file(em, parts, src.clone()) {
        return;
    }
    em.in_rendered_skippable = true;
    let (options, caption) = read_options(em, parts);
    render_file(em, title, &options, caption, src);
    em.in_rendered_skippable = false;
}

/// For [`crate::RenderOptions::text_only`]: plain text leaves a file out
/// whole, so the file renders as its element (`<figure>` or `<span>`, with
/// its `typeof`) and nothing inside, when rendering its parts leaves no
/// trace on the rest of the page: no templates or extension tags (limits,
/// footnotes), no behavior switches, no block or link tags (counted
/// page-wide for stray end tags) or annotation tags, and no media limit to
/// count files against. `false` (nothing emitted) otherwise.
fn text_only_file(em: &mut Emitter<'_>, parts: &[NodeId], src: SrcRange) -> bool {
    use SyntaxKind::*;
    if em.site.info().media_limit.is_some() {
        return false;
    }
    let tree = em.tree;
    let leaves_trace = |d: NodeId| match tree.kind(d) {
        TEMPLATE | EXTENSION_TAG | BEHAVIOR_SWITCH => true,
        HTML_START_TAG | HTML_END_TAG => {
            tree.child_of_kind(d, NAME).is_some_and(|n| super::tag_reaches_out(em, &tree.text(n).to_ascii_lowercase()))
        }
        _ => false,
    };
    if parts.iter().any(|&p| tree.descendants(p).any(leaves_trace)) {
        return false;
    }
    // The options as `read_options` applies them, for the element alone.
    let mut options = MediaOptions::default();
    for &part in parts {
        if let Some(option) = em.site.media_option(&option_text(em, part)) {
            options.apply(option);
        }
    }
    let container = if options.is_block() { "figure" } else { "span" };
    em.start(container, thin_vec![Attr::new("typeof", options.type_of())], Some(src));
    em.end(container);
    true
}

/// Read a file link's parts: its options, and the part that is its
/// caption (the last one that is no valid option).
pub(crate) fn read_options(em: &mut Emitter<'_>, parts: &[NodeId]) -> (MediaOptions, Caption) {
    let mut options = MediaOptions::default();
    let mut caption = Caption::None;
    for &part in parts {
        let text = option_text(em, part);
        let templated = em.foreign_range.is_none() && has_template(em.tree, part);
        if templated && is_one_template(em.tree, part) && has_option_separator(&text) {
            // A template gave several options (`right|Caption`): they
            // apply, the file is a placeholder, and its last part that
            // is no option is the caption.
            options.placeholder = true;
            let range = em.range(part);
            for piece in split_options(&text) {
                let applied = em.site.media_option(piece).is_some_and(|o| options.apply(o));
                if !applied {
                    caption = Caption::Rendered(expanded_caption(em, piece, range.clone()));
                }
            }
            continue;
        }
        let applied = match em.site.media_option(&text) {
            Some(MediaOption::Alt(_)) => {
                let tree = em.tree;
                if has_markup(tree, part) {
                    // Parsoid's `mw:ExpandedAttrs`: the option as HTML, and
                    // the text that HTML reads as.
                    let rendered = rendered_option(em, part);
                    let text = option_text_content(&rendered);
                    let alt = text.split_once('=').map_or(String::new(), |(_, v)| v.to_string());
                    let applied = options.apply(MediaOption::Alt(alt));
                    options.set_attrib_html("alt", None, rendered);
                    applied
                } else {
                    let alt = alt_text(em, part, &text);
                    options.apply(MediaOption::Alt(alt))
                }
            }
            Some(MediaOption::Link(target)) => {
                // A link target reads without its quotes, and a nowiki's
                // content as text (`link=Foo''s`, `link=<nowiki>''</nowiki>`).
                let cleaned = link_option_text(em, part);
                // Its templates make the target, not `data-mw` (Parsoid
                // keeps no HTML of a link).
                match em.site.media_option(&cleaned) {
                    Some(MediaOption::Link(cleaned)) => options.apply(MediaOption::Link(cleaned)),
                    _ => options.apply(MediaOption::Link(target)),
                }
            }
            Some(option) => {
                let key = attrib_key(&option);
                let value = option_value(&option);
                let applied = options.apply(option);
                if applied && templated {
                    // An option a template gave: the part as HTML.
                    let rendered = rendered_option(em, part);
                    options.set_attrib_html(key, value, rendered);
                }
                applied
            }
            None => false,
        };
        if !applied {
            caption = Caption::Node(part);
        }
    }
    (options, caption)
}

/// MediaWiki's name of an option, the key of its `data-mw.attribs` entry.
fn attrib_key(option: &MediaOption) -> &'static str {
    use wikitext_site::site::VerticalAlign as V;
    match option {
        MediaOption::Thumbnail => "thumbnail",
        MediaOption::ManualThumbnail(_) => "manualthumb",
        MediaOption::Framed => "framed",
        MediaOption::Frameless => "frameless",
        MediaOption::Border => "border",
        MediaOption::Align(HorizontalAlign::Left) => "left",
        MediaOption::Align(HorizontalAlign::Right) => "right",
        MediaOption::Align(HorizontalAlign::Center) => "center",
        MediaOption::Align(HorizontalAlign::None) => "none",
        MediaOption::VerticalAlign(V::Baseline) => "baseline",
        MediaOption::VerticalAlign(V::Middle) => "middle",
        MediaOption::VerticalAlign(V::Sub) => "sub",
        MediaOption::VerticalAlign(V::Super) => "super",
        MediaOption::VerticalAlign(V::TextTop) => "text_top",
        MediaOption::VerticalAlign(V::TextBottom) => "text_bottom",
        MediaOption::VerticalAlign(V::Top) => "top",
        MediaOption::VerticalAlign(V::Bottom) => "bottom",
        MediaOption::Size(_) => "width",
        MediaOption::Upright(_) => "upright",
        MediaOption::Link(_) => "link",
        MediaOption::Alt(_) => "alt",
        MediaOption::Page(_) => "page",
        MediaOption::Lang(_) => "lang",
        MediaOption::Class(_) => "class",
        MediaOption::Lossy(_) => "lossy",
        MediaOption::ThumbTime(_) => "thumbtime",
        MediaOption::Start(_) => "starttime",
        MediaOption::End(_) => "endtime",
        MediaOption::DisableControls(_) => "disablecontrols",
        MediaOption::Loop => "loop",
        MediaOption::Muted => "muted",
        _ => "unknown",
    }
}

/// The value of an option that has one (`page=2`: `2`), as text.
fn option_value(option: &MediaOption) -> Option<String> {
    match option {
        MediaOption::ManualThumbnail(v)
        | MediaOption::Link(v)
        | MediaOption::Alt(v)
        | MediaOption::Page(v)
        | MediaOption::Lang(v)
        | MediaOption::Class(v)
        | MediaOption::Lossy(v)
        | MediaOption::ThumbTime(v)
        | MediaOption::Start(v)
        | MediaOption::End(v)
        | MediaOption::DisableControls(v) => Some(v.trim().to_string()),
        MediaOption::Upright(v) => v.as_ref().map(|v| v.trim().to_string()),
        _ => None,
    }
}

/// Whether a part holds a template.
fn has_template(tree: &wikitext_parser::Tree, part: NodeId) -> bool {
    tree.children(part).any(|c| tree.kind(c) == SyntaxKind::TEMPLATE)
}

/// Whether a part is one template and nothing else (spaces aside).
fn is_one_template(tree: &wikitext_parser::Tree, part: NodeId) -> bool {
    let mut significant = tree.children(part).filter(|&c| match tree.kind(c) {
        SyntaxKind::WHITESPACE => false,
        SyntaxKind::TEXT => !tree.text(c).trim().is_empty(),
        _ => true,
    });
    significant.next().is_some_and(|c| tree.kind(c) == SyntaxKind::TEMPLATE) && significant.next().is_none()
}

/// Whether expanded option text holds a `|` outside links (several options).
fn has_option_separator(text: &str) -> bool {
    split_options(text).nth(1).is_some()
}

/// Expanded option text cut at each `|` outside `[[...]]`.
fn split_options(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut start = 0;
    let mut i = 0;
    let mut pieces = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            b'[' if bytes.get(i + 1) == Some(&b'[') => {
                depth += 1;
                i += 2;
                continue;
            }
            b']' if bytes.get(i + 1) == Some(&b']') && depth > 0 => {
                depth -= 1;
                i += 2;
                continue;
            }
            b'|' if depth == 0 => {
                pieces.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    pieces.push(&text[start..]);
    pieces.into_iter()
}

/// The text of a part as an option reads it: the source with the
/// templates in it expanded and comments dropped.
fn option_text(em: &mut Emitter<'_>, part: NodeId) -> String {
    let tree = em.tree;
    let mut out = String::new();
    for c in tree.children(part) {
        match tree.kind(c) {
            // Expanded once: the part's rendering takes this expansion.
            SyntaxKind::TEMPLATE if em.foreign_range.is_none() => out.push_str(&em.peek_expansion(c).output),
            SyntaxKind::COMMENT => {}
            _ => out.push_str(tree.text(c)),
        }
    }
    out
}

/// A `link=` part's text: as [`option_text`], less quotes, with nowiki
/// content as text.
fn link_option_text(em: &mut Emitter<'_>, part: NodeId) -> String {
    let tree = em.tree;
    let mut out = String::new();
    for c in tree.children(part) {
        match tree.kind(c) {
            SyntaxKind::QUOTE | SyntaxKind::COMMENT => {}
            SyntaxKind::EXTENSION_TAG => {
                let tag = wikitext_parser::ast::Tag::cast(tree, c);
                let is_nowiki = tree.child_of_kind(c, SyntaxKind::NAME).is_some_and(|n| tree.text(n).eq_ignore_ascii_case("nowiki"));
                match tag.and_then(|t| t.contents(tree)) {
                    Some(body) if is_nowiki => out.push_str(tree.text(body)),
                    _ if is_nowiki => {}
                    _ => out.push_str(tree.text(c)),
                }
            }
            // Expanded once: the part's rendering takes this expansion.
            SyntaxKind::TEMPLATE if em.foreign_range.is_none() => out.push_str(&em.peek_expansion(c).output),
            _ => out.push_str(tree.text(c)),
        }
    }
    out
}

/// Whether a part holds more than text (a comment counts, as in Parsoid).
fn has_markup(tree: &wikitext_parser::Tree, part: NodeId) -> bool {
    tree.children(part).any(|c| !matches!(tree.kind(c), SyntaxKind::TEXT | SyntaxKind::WHITESPACE))
}

/// A part rendered as inline wikitext, taken out of the output.
fn rendered_option(em: &mut Emitter<'_>, part: NodeId) -> Vec<Tok> {
    let from = em.out.len();
    caption_content(em, part);
    em.out.split_off(from)
}

/// The text rendered tokens read as (the DOM's text content).
fn option_text_content(toks: &[Tok]) -> String {
    let tokens = super::extension_tags::inline_tokens(toks.to_vec());
    let mut dom = crate::tree_builder::build(tokens);
    crate::passes::run_fragment(&mut dom, false, false);
    dom.body().map(|b| dom.text_content(b)).unwrap_or_default().trim().to_string()
}

/// The `alt=` text: the option's value without markup.
fn alt_text(em: &Emitter<'_>, part: NodeId, option: &str) -> String {
    let tree = em.tree;
    let has_template = tree.descendants(part).any(|d| tree.kind(d) == SyntaxKind::TEMPLATE);
    let plain = if has_template { option.to_string() } else { em.plain_text(part) };
    let plain = plain.trim();
    plain.split_once('=').map_or("", |(_, v)| v).to_string()
}

/// What [`render_file`] drew, for a gallery to size its box by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Drawn {
    /// A missing or bad file: broken media.
    pub(crate) broken: bool,
    /// The size of the thumbnail drawn (not for broken media or audio).
    pub(crate) thumb: Option<(u32, u32)>,
}

/// Render one file as Parsoid does, with options already read. Galleries
/// call this for each of their images (with their own size in `options`).
pub(crate) fn render_file(em: &mut Emitter<'_>, title: &Title, options: &MediaOptions, caption: Caption, src: SrcRange) -> Drawn {
    let name = title.prefixed_text();
    let info = em.site.media_info(&name);
    let bad = info.is_some() && em.site.is_bad_file(&name);
    let manual = options.manual_thumb.as_ref().map(|n| {
        let t = Title::parse(n, 6, em.site);
        let info = t.as_ref().and_then(|t| em.site.media_info(&t.prefixed_text()));
        let bad = info.is_some() && t.as_ref().is_some_and(|t| em.site.is_bad_file(&t.prefixed_text()));
        (info, bad)
    });
    let is_block = options.is_block();
    let container = if is_block { "figure" } else { "span" };

    let mut errors: Vec<(&str, &str)> = Vec::new();
    let invalid_thumb = options.manual_thumb.as_ref().is_some_and(|n| Title::parse(n, 6, em.site).is_none());
    if em.over_media_limit(&name) {
        errors.push(("apierror-imagelimitexceeded", "Image is not rendered due to image limit was exceeded"));
    } else if info.is_none() {
        errors.push(("apierror-filedoesnotexist", "This image does not exist."));
    } else if bad {
        errors.push(("apierror-badfile", "This image is on the bad file list."));
    }
    if let (Some((manual_info, manual_bad)), true) = (&manual, errors.is_empty()) {
        if invalid_thumb {
            errors.push(("apierror-invalidtitle", "Invalid thumbnail title."));
        } else if manual_info.is_none() {
            errors.push(("apierror-filedoesnotexist", "This image does not exist."));
        } else if *manual_bad {
            errors.push(("apierror-badfile", "This image is on the bad file list."));
        }
    }
    let broken = !errors.is_empty();

    // data-mw members: attribs, then (inline) the caption, then errors.
    // Each kept entry: key, text, and the index of its rendered part.
    let mut attribs: Vec<(&str, Option<&str>, Option<usize>)> = Vec::new();
    if let Some(thumb) = &options.manual_thumb {
        attribs.push(("manualthumb", Some(thumb), None));
    }
    let shown_kind = match &manual {
        Some((Some(m), _)) => Some(m.kind()),
        _ => info.as_ref().map(MediaInfo::kind),
    };
    let is_av = !broken && matches!(shown_kind, Some(MediaKind::Video | MediaKind::Audio));
    // A `link=` that is neither a URL nor a title links to the file page.
    let invalid_link = options.link.as_deref().is_some_and(|t| !t.is_empty() && link_target(em, t).is_none());
    for (i, a) in options.attribs.iter().enumerate() {
        // An option rendered (markup, templates) always; what the missing
        // image would have carried; `page` always; what players take no
        // attribute for.
        let kept = a.html.is_some()
            || match a.key {
                "page" => true,
                "alt" => broken || is_av,
                "link" => broken || is_av || invalid_link,
                "thumbtime" | "starttime" | "endtime" => is_av,
                _ => broken,
            };
        if kept {
            attribs.push((a.key, a.txt.as_deref(), a.html.is_some().then_some(i)));
        }
    }
    for value in &options.bogus {
        attribs.push(("bogus", Some(value), None));
    }
    let mut before = String::new();
    if !attribs.is_empty() {
        before.push_str(r#""attribs":["#);
        for (i, (key, txt, html)) in attribs.iter().enumerate() {
            if i > 0 {
                before.push(',');
            }
            before.push('[');
            push_json_string(&mut before, key);
            before.push_str(",{");
            if let Some(index) = html {
                before.push_str(r#""html":"#);
                before.push_str(&attrib_html_slot(&index.to_string()));
                if txt.is_some() {
                    before.push(',');
                }
            }
            if let Some(txt) = txt {
                before.push_str(r#""txt":"#);
                push_json_string(&mut before, txt);
            }
            before.push_str("}]");
        }
        before.push(']');
    }
    let mut after = String::new();
    if broken {
        after.push_str(r#""errors":["#);
        for (i, (key, message)) in errors.iter().enumerate() {
            if i > 0 {
                after.push(',');
            }
            after.push_str(r#"{"key":"#);
            push_json_string(&mut after, key);
            after.push_str(r#","message":"#);
            push_json_string(&mut after, message);
            if *key == "apierror-invalidtitle" {
                after.push_str(r#","params":{"name":"#);
                push_json_string(&mut after, options.manual_thumb.as_deref().unwrap_or_default());
                after.push('}');
            }
            after.push('}');
        }
        after.push(']');
    }
    let inline_caption = !is_block && matches!(caption, Caption::Node(_) | Caption::Rendered(_));

    let explicit_size = options.width.is_some() || options.height.is_some();
    let default_size = !explicit_size && options.manual_thumb.is_none() && options.format != Format::Framed;
    // A gallery gives audio a width only.
    let default_audio_height = options.height.is_none() || options.gallery.is_some();
    let mut classes: Vec<&str> = Vec::new();
    if default_size {
        classes.push("mw-default-size");
    }
    let file_kind = info.as_ref().map(MediaInfo::kind);
    if !broken && file_kind == Some(MediaKind::Audio) && default_audio_height {
        classes.push("mw-default-audio-height");
    }
    if options.border {
        classes.push("mw-image-border");
    }
    let halign = options.halign.map(|a| format!("mw-halign-{}", a.name()));
    if let Some(a) = &halign {
        classes.push(a);
    }
    // Blocks do not sit on a line.
    let valign = options.valign.filter(|_| !is_block).map(|v| format!("mw-valign-{}", v.name()));
    if let Some(v) = &valign {
        classes.push(v);
    }
    for c in &options.classes {
        classes.push(c);
    }
    let mut attrs = ThinVec::with_capacity(4);
    if !classes.is_empty() {
        attrs.push(Attr::new("class", classes.join(" ")));
    }
    let mut type_of = if broken { format!("mw:Error {}", options.type_of()) } else { options.type_of().to_string() };
    if options.placeholder {
        type_of.push_str(" mw:Placeholder");
    } else if options.has_expanded_attribs() {
        type_of.push_str(" mw:ExpandedAttrs");
    }
    attrs.push(Attr::new("typeof", type_of));
    if inline_caption {
        if !before.is_empty() {
            attrs.push(Attr::new(DATA_MW_BEFORE, before));
        }
        if !after.is_empty() {
            attrs.push(Attr::new(DATA_MW_AFTER, after));
        }
    } else if !before.is_empty() || !after.is_empty() {
        let mut data_mw = String::with_capacity(before.len() + after.len() + 3);
        data_mw.push('{');
        data_mw.push_str(&before);
        if !before.is_empty() && !after.is_empty() {
            data_mw.push(',');
        }
        data_mw.push_str(&after);
        data_mw.push('}');
        attrs.push(Attr::new("data-mw", data_mw));
    }
    em.start(container, attrs, Some(src));
    for (_, _, index) in &attribs {
        if let Some(rendered) = index.and_then(|i| options.attribs[i].html.as_ref()) {
            em.start("span", thin_vec![Attr::new(ATTRIB_HTML, index.unwrap_or_default().to_string())], None);
            em.out.extend(rendered.iter().cloned());
            em.end("span");
        }
    }

    // The caption as plain text: the link's title and the image's alt for
    // inline and plain block images.
    // A caption with markup reads as its rendered text (`[[a|b]]` as "b"):
    // it is rendered once, here, and put in place below.
    let mut rendered_caption = None;
    let caption_part = match &caption {
        Caption::Node(part) => Some(*part),
        _ => None,
    };
    let framed = matches!(options.format, Format::Thumbnail | Format::Framed) || options.manual_thumb.is_some();
    let caption_text = match caption {
        Caption::Text(text) => Some(text),
        Caption::Rendered(rendered) => {
            let text = (!framed).then(|| option_text_content(&rendered));
            rendered_caption = Some(rendered);
            text
        }
        Caption::Node(part) if !framed => {
            if has_markup(em.tree, part) {
                let rendered = rendered_option(em, part);
                let text = option_text_content(&rendered);
                rendered_caption = Some(rendered);
                Some(text)
            } else {
                Some(em.plain_text(part).trim().to_string())
            }
        }
        _ => None,
    };
    // A caption that reads as nothing (`-{R|x}-`) gives no title.
    let caption_title = caption_text.as_deref().filter(|t| !t.is_empty());

    let mut resource = format!("./{}", encode_title_for_href(&title.prefixed_db_key()));
    // The resource keeps the name's fragment; the description link does not.
    if let Some(fragment) = title.fragment().filter(|f| !f.is_empty()) {
        resource.push('#');
        resource.push_str(&encode_title_for_href(fragment));
    }
    let shown_info = match &manual {
        Some((Some(m), _)) => Some(m.clone()),
        _ => info.clone(),
    };
    let mut drawn = None;
    let shown_broken = broken || shown_info.is_none();
    match shown_info.filter(|_| !broken) {
        None => {
            // A missing or bad file: a link to upload it (or its page) and
            // a broken-media span.
            let mut link = ThinVec::with_capacity(3);
            if info.is_none() {
                link.push(Attr::new("href", format!("./Special:Upload?wpDestFile={}", raw_url_encode(title.db_key()))));
                link.push(Attr::new("class", "new"));
                link.push(Attr::new("title", title.prefixed_text()));
            } else {
                link.push(Attr::new("href", file_page_href(title)));
                // A bad manual thumbnail is no description of the file.
                let bad_thumb = !bad && manual.as_ref().is_some_and(|(_, manual_bad)| *manual_bad);
                if !bad_thumb {
                    link.push(Attr::new("class", "mw-file-description"));
                }
                // As on a drawn file's link, the caption is its title.
                if let Some(text) = caption_title {
                    link.push(Attr::new("title", text.to_string()));
                }
            }
            em.start("a", link, None);
            let mut span = thin_vec![Attr::new("class", "mw-file-element mw-broken-media"), Attr::new("resource", resource)];
            let request = requested_size(em, options, None);
            if let Some(w) = request.0 {
                span.push(Attr::new("data-width", w.to_string()));
            }
            if let Some(h) = request.1 {
                span.push(Attr::new("data-height", h.to_string()));
            }
            if let (Some(factor), false) = (options.upright, explicit_size) {
                // The factor as a number, not as written (`.90` is `0.9`).
                span.push(Attr::new("data-upright", format_number(factor)));
            }
            // A packed gallery shows the box it asked a thumbnail for.
            if let Some(gallery) = options.gallery.filter(|g| g.packed) {
                span.push(Attr::new("width", gallery.width.to_string()));
                span.push(Attr::new("height", gallery.height.to_string()));
            }
            em.start("span", span, None);
            // The alt text stands in for the image; else the caption.
            let stand_in = match options.alt.as_deref() {
                Some(alt) => Some(alt),
                None => caption_text.as_deref(),
            };
            match stand_in.filter(|t| !t.is_empty()) {
                Some(text) => em.text(text),
                None => em.text(&title.prefixed_text()),
            }
            em.end("span");
            em.end("a");
        }
        Some(file) if matches!(file.kind(), MediaKind::Video | MediaKind::Audio) => {
            // Players are not links.
            em.start("span", caption_title.map(|t| thin_vec![Attr::new("title", t.to_string())]).unwrap_or_default(), None);
            let manual_info = manual.as_ref().and_then(|(m, _)| m.as_ref());
            drawn = player_element(em, &file, options, &resource, manual_info.is_some());
            em.end("span");
        }
        Some(file) => {
            let link = link_wrapper(em, title, options, caption_title);
            let manual_info = manual.as_ref().and_then(|(m, _)| m.as_ref());
            drawn = Some(media_element(em, &file, options, &resource, caption_text.as_deref(), manual_info.is_some()));
            em.end(link);
        }
    }

    let mut caption_body = |em: &mut Emitter<'_>| match (rendered_caption.take(), caption_part) {
        (Some(rendered), _) => em.out.extend(rendered),
        (None, Some(part)) => caption_content(em, part),
        (None, None) => {}
    };
    if is_block {
        em.start("figcaption", ThinVec::new(), None);
        caption_body(em);
        em.end("figcaption");
    } else if inline_caption {
        em.start("span", thin_vec![Attr::new(INLINE_CAPTION, "")], None);
        caption_body(em);
        em.end("span");
    }
    em.end(container);
    Drawn { broken: shown_broken, thumb: drawn }
}

/// The caption's content: inline wikitext, its quotes balanced on their own.
pub(crate) fn caption_content(em: &mut Emitter<'_>, part: NodeId) {
    let from = em.out.len();
    em.children(part);
    let inner = em.out.split_off(from);
    em.out.extend(as_one_line(inner));
}

/// Expanded wikitext (a caption a template gave) rendered as a caption.
fn expanded_caption(em: &mut Emitter<'_>, text: &str, range: SrcRange) -> Vec<Tok> {
    let tree = wikitext_parser::parse_fragment_with(text, em.expander().parse_options());
    let mut sub = em.for_tree(&tree, range);
    sub.children(tree.root());
    em.about_count = sub.about_count;
    as_one_line(sub.out)
}

/// Caption tokens as one line, as far as quotes and paragraphs go.
fn as_one_line(mut inner: Vec<Tok>) -> Vec<Tok> {
    for t in &mut inner {
        if matches!(t, Tok::Newline) {
            *t = Tok::Html(Token::text("\n"));
        }
    }
    if inner.iter().any(|t| matches!(t, Tok::Quote { .. })) {
        inner = crate::quotes::resolve(inner);
    }
    inner
}

/// `href`, `nofollow` and `target` of an external `link=`, by the wiki's policy.
fn external_link_attrs(em: &Emitter<'_>, href: String, attrs: &mut ThinVec<Attr>) {
    let info = em.site.info();
    if info.no_follow_for(&href) {
        attrs.push(Attr::new("rel", "nofollow"));
    }
    attrs.push(Attr::new("href", href));
    if let Some(target) = &info.external_link_target {
        attrs.push(Attr::new("target", target.clone()));
    }
}

/// The element around the image: the file page link, the `link=` target,
/// or a plain `<span>` for `link=`. Returns its name, for the end tag.
fn link_wrapper(em: &mut Emitter<'_>, title: &Title, options: &MediaOptions, caption_text: Option<&str>) -> &'static str {
    let mut attrs = ThinVec::with_capacity(3);
    let target = options.link.as_deref().filter(|t| t.is_empty() || link_target(em, t).is_some());
    let name = match target {
        Some("") => "span",
        Some(target) => {
            match link_target(em, target) {
                Some(LinkTarget::Url(href)) => external_link_attrs(em, href, &mut attrs),
                // An interwiki target is an external link.
                Some(LinkTarget::Page(t)) if t.interwiki().is_some() => external_link_attrs(em, t.href(), &mut attrs),
                Some(LinkTarget::Page(t)) => {
                    attrs.push(Attr::new("href", t.href()));
                    attrs.push(Attr::new("title", t.prefixed_text()));
                }
                None => {}
            }
            "a"
        }
        None => {
            let mut href = file_page_href(title);
            if let Some(page) = options.page {
                href.push_str(&format!("?page={page}"));
            } else if let Some(lang) = &options.lang {
                href.push_str(&format!("?lang={lang}"));
            }
            attrs.push(Attr::new("href", href));
            if options.manual_thumb.is_none() {
                attrs.push(Attr::new("class", "mw-file-description"));
            }
            "a"
        }
    };
    if let Some(text) = caption_text {
        // A link to a page carries that page's title; the caption replaces it.
        attrs.retain(|a| a.name != "title");
        attrs.push(Attr::new("title", text.to_owned()));
    }
    em.start(name, attrs, None);
    name
}

/// Where a `link=` value points.
enum LinkTarget {
    Url(String),
    Page(Title),
}

/// A `link=` value as a safe URL or a valid title; `None` for neither.
fn link_target(em: &Emitter<'_>, target: &str) -> Option<LinkTarget> {
    if let Some(href) = external_href(em, target) {
        return Some(LinkTarget::Url(href));
    }
    Title::parse(&super::wiki_links::decode_percent(target), 0, em.site).map(LinkTarget::Page)
}

/// The file's description page, without any fragment the name carried.
fn file_page_href(title: &Title) -> String {
    let mut href = title.href();
    if let Some(at) = href.find('#') {
        href.truncate(at);
    }
    href
}

/// A `link=` value that is a URL (with a known protocol, or
/// protocol-relative) and safe: its href.
fn external_href(em: &Emitter<'_>, target: &str) -> Option<String> {
    let lower = target.to_ascii_lowercase();
    let is_url = em.site.url_protocols().iter().any(|p| lower.starts_with(p.as_str()));
    if !is_url {
        return None;
    }
    let decoded = wikitext_site::entities::decode_entities(target);
    if !crate::sanitizer::is_safe_url(&decoded) {
        return None;
    }
    Some(crate::sanitizer::clean_url(&decoded))
}

/// The size the page asks for, in pixels, before scaling: `(width, height)`.
fn requested_size(em: &Emitter<'_>, options: &MediaOptions, info: Option<&MediaInfo>) -> (Option<u32>, Option<u32>) {
    if options.format == Format::Framed || options.manual_thumb.is_some() {
        // Framed images ignore the size; vector ones ask for their own.
        return match info {
            Some(i) if i.kind() == MediaKind::Drawing => (Some(i.width), None),
            _ => (None, None),
        };
    }
    if options.width.is_some() || options.height.is_some() {
        return (options.width, options.height);
    }
    let thumb_like = matches!(options.format, Format::Thumbnail | Format::Frameless);
    if thumb_like {
        let default = em.site.default_thumb_width();
        let width = match options.upright {
            Some(factor) => php_round(f64::from(default) * factor / 10.0) * 10.0,
            None => f64::from(default),
        };
        return (Some(width.clamp(0.0, 100_000.0) as u32), None);
    }
    match info {
        // Vector, video and paged media are always rendered at a size;
        // so is a page or language version.
        Some(i) if matches!(i.kind(), MediaKind::Drawing | MediaKind::Video | MediaKind::Office) => (Some(i.width), None),
        Some(i) if options.page.is_some() || options.lang.is_some() => (Some(i.width), None),
        _ => (None, None),
    }
}

/// PHP's `round`: halves away from zero.
fn php_round(x: f64) -> f64 {
    x.round()
}

/// A scaled size: whole pixels, and whether the width came from a height
/// constraint (MediaWiki then never treats it as the file's own width).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Scaled {
    width: u32,
    height: u32,
    width_from_height: bool,
}

/// MediaWiki's thumbnail arithmetic for a file of `file_w`×`file_h` and a
/// request of `req_w`×`req_h` (at least one given).
fn scale(file_w: u32, file_h: u32, req_w: Option<u32>, req_h: Option<u32>) -> Scaled {
    let wf = if file_w == 0 { f64::from(req_w.or(req_h).unwrap_or(0)) } else { f64::from(file_w) };
    let hf = if file_h == 0 { f64::from(req_h.or(req_w).unwrap_or(0)) } else { f64::from(file_h) };
    if wf <= 0.0 || hf <= 0.0 {
        return Scaled { width: req_w.unwrap_or(0), height: req_h.unwrap_or(0), width_from_height: false };
    }
    let px = |x: f64| x.clamp(0.0, 1.0e7) as u32;
    let by_height = |hr: u32| {
        let hr_f = f64::from(hr);
        let ideal = wf * hr_f / hf;
        let mut width = ideal.ceil();
        if php_round(width * hf / wf) > hr_f {
            width = ideal.floor();
        }
        Scaled { width: px(width), height: hr, width_from_height: true }
    };
    match (req_w, req_h) {
        (Some(w), None) => Scaled { width: w, height: px(php_round(hf * f64::from(w) / wf)), width_from_height: false },
        (None, Some(hr)) => by_height(hr),
        (Some(w), Some(hr)) if f64::from(w) * hf > f64::from(hr) * wf => by_height(hr),
        (Some(w), Some(hr)) => {
            let h = php_round(hf * f64::from(w) / wf);
            if h > f64::from(hr) {
                Scaled { width: px((wf * f64::from(hr) / hf).ceil()), height: hr, width_from_height: true }
            } else {
                Scaled { width: w, height: px(h), width_from_height: false }
            }
        }
        (None, None) => Scaled { width: file_w, height: file_h, width_from_height: false },
    }
}

/// The thumbnail parameters for a width: `180px`, `page2-180px`,
/// `langru-180px`, `180px-seek%3D1.2`.
fn thumb_params(file: &MediaInfo, options: &MediaOptions, width: u32, page_lang: &str) -> String {
    match file.kind() {
        MediaKind::Office => format!("page{}-{width}px", options.page.unwrap_or(1)),
        MediaKind::Drawing => {
            // Without `lang=`, the page's language if the drawing has it.
            let lang = options.lang.as_deref().or_else(|| file.languages.iter().any(|l| l == page_lang).then_some(page_lang));
            match lang {
                Some(lang) if lang != "en" => format!("lang{lang}-{width}px"),
                _ => format!("{width}px"),
            }
        }
        MediaKind::Video => {
            let seek = options.thumbtime.as_deref().or(options.start.as_deref()).and_then(|t| {
                let key = format!("seek={}", seconds(t)?);
                let found = file.seek_params.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
                Some(found.unwrap_or_else(|| key.replace('=', "%3D")))
            });
            format!("{width}px-{}", seek.unwrap_or_default())
        }
        _ => format!("{width}px"),
    }
}

/// A time as written (`85`, `1.2`, `1:25`, `0:01:25.5`) in seconds, as
/// the shortest decimal.
fn seconds(text: &str) -> Option<String> {
    let mut total = 0.0f64;
    for piece in text.trim().split(':') {
        let v: f64 = piece.trim().parse().ok()?;
        if !v.is_finite() || v < 0.0 {
            return None;
        }
        total = total * 60.0 + v;
    }
    Some(format_number(total))
}

fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// The `<img>` of an existing file; returns the thumbnail's size.
fn media_element(
    em: &mut Emitter<'_>,
    file: &MediaInfo,
    options: &MediaOptions,
    resource: &str,
    alt_from_caption: Option<&str>,
    manual: bool,
) -> (u32, u32) {
    let kind = file.kind();
    let request = if manual { (None, None) } else { requested_size(em, options, Some(file)) };
    let mut scaled = match request {
        (None, None) => Scaled { width: file.width, height: file.height, width_from_height: false },
        (w, h) => scale(file.width, file.height, w, h),
    };
    // Bitmaps are never enlarged in the URL.
    let never_enlarged = matches!(kind, MediaKind::Bitmap | MediaKind::Office | MediaKind::Video | MediaKind::Audio);
    let url_width = if never_enlarged && file.width > 0 { scaled.width.min(file.width) } else { scaled.width };
    let asked = request.0.is_some() || request.1.is_some();
    // A bitmap at its own size is the original (a width computed from a
    // height never counts as the file's own, as in MediaWiki).
    let original = kind == MediaKind::Bitmap && (!asked || (url_width == file.width && !scaled.width_from_height));
    let src = if original {
        file.url.clone()
    } else {
        file.thumb_url(&thumb_params(file, options, url_width, em.site.language()))
    };
    // Thumbnails, frameless and gallery bitmaps show no larger than the file.
    let clamped = matches!(options.format, Format::Thumbnail | Format::Frameless) || options.gallery.is_some();
    if kind == MediaKind::Bitmap && clamped && scaled.width > file.width && file.width > 0 {
        scaled = Scaled { width: file.width, height: file.height, width_from_height: false };
    }
    let srcset = if asked && kind != MediaKind::Audio {
        let (w2, h2) = (request.0.map(|w| w.saturating_mul(2)), request.1.map(|h| h.saturating_mul(2)));
        let double = scale(file.width, file.height, w2, h2);
        let thumb = double.width < file.width || matches!(kind, MediaKind::Drawing | MediaKind::Office);
        let url = if thumb { file.thumb_url(&thumb_params(file, options, double.width, em.site.language())) } else { file.url.clone() };
        (url != src).then(|| format!("{url} 2x"))
    } else {
        None
    };

    let mut attrs = ThinVec::with_capacity(12);
    if let Some(alt) = options.alt.as_deref().or(alt_from_caption) {
        attrs.push(Attr::new("alt", alt.to_owned()));
    }
    attrs.push(Attr::new("resource", resource.to_owned()));
    attrs.push(Attr::new("src", src));
    attrs.push(Attr::new("decoding", "async"));
    // Parsoid's order, which HTML kept in `data-mw` and variant texts shows.
    if let Some(srcset) = srcset {
        attrs.push(Attr::new("srcset", srcset));
    }
    attrs.push(Attr::new("data-file-width", file.width.to_string()));
    attrs.push(Attr::new("data-file-height", file.height.to_string()));
    attrs.push(Attr::new("data-file-type", file.media_type.to_ascii_lowercase()));
    let drawn = (scaled.width, scaled.height);
    if options.gallery.is_some_and(|g| g.packed) {
        scaled.width = packed_shown(scaled.width);
        scaled.height = packed_shown(scaled.height);
    }
    attrs.push(Attr::new("height", scaled.height.to_string()));
    attrs.push(Attr::new("width", scaled.width.to_string()));
    if let Some(lang) = &options.lang {
        attrs.push(Attr::new("lang", lang.clone()));
    }
    let mut class = String::from("mw-file-element");
    if let (Some(factor), None, None) = (options.upright, options.width, options.height) {
        if matches!(options.format, Format::Thumbnail | Format::Frameless) {
            class.push_str(" mw-file-upright");
            attrs.push(Attr::new("style", format!("--mw-file-upright: {}", format_number(factor))));
        }
    }
    attrs.push(Attr::new("class", class));
    em.void("img", attrs, None);
    drawn
}

/// A `<video>` or `<audio>` player with its sources, as TimedMediaHandler
/// renders it for Parsoid; returns a video's poster size.
fn player_element(em: &mut Emitter<'_>, file: &MediaInfo, options: &MediaOptions, resource: &str, manual: bool) -> Option<(u32, u32)> {
    let audio = file.kind() == MediaKind::Audio;
    let request = if manual { (Some(file.width), None) } else { requested_size(em, options, Some(file)) };
    let mut attrs = ThinVec::with_capacity(14);
    // The seek time as the site writes it (clamped to the duration).
    let seek = options.thumbtime.as_deref().or(options.start.as_deref()).and_then(seconds).map(|t| {
        let key = format!("seek={t}");
        file.seek_params
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v.strip_prefix("seek%3D").map(str::to_string))
            .unwrap_or(t)
    });
    let packed = options.gallery.is_some_and(|g| g.packed);
    let mut drawn = None;
    let (width, height) = if audio {
        let width = request.0.unwrap_or_else(|| em.site.default_thumb_width()).max(35);
        match options.gallery {
            // A gallery's player fills its box.
            Some(g) => (g.width, g.height),
            None => (width, request.1.unwrap_or(32)),
        }
    } else {
        let scaled = match request {
            (None, None) => Scaled { width: file.width, height: file.height, width_from_height: false },
            (w, h) => scale(file.width, file.height, w, h),
        };
        let url_width = if file.width > 0 { scaled.width.min(file.width) } else { scaled.width };
        let mut params = format!("{url_width}px-");
        if let Some(t) = &seek {
            params.push_str("seek%3D");
            params.push_str(t);
        }
        attrs.push(Attr::new("poster", file.thumb_url(&params)));
        drawn = Some((scaled.width, scaled.height));
        if packed {
            (packed_shown(scaled.width), packed_shown(scaled.height))
        } else {
            (scaled.width, scaled.height)
        }
    };
    attrs.push(Attr::new("controls", ""));
    attrs.push(Attr::new("preload", "none"));
    if options.muted {
        attrs.push(Attr::new("muted", ""));
    }
    if options.looping {
        attrs.push(Attr::new("loop", ""));
    }
    attrs.push(Attr::new("data-mw-tmh", ""));
    attrs.push(Attr::new("height", height.to_string()));
    attrs.push(Attr::new("width", width.to_string()));
    if audio {
        attrs.push(Attr::new("style", format!("width: {width}px;")));
    }
    attrs.push(Attr::new("resource", resource.to_owned()));
    if let Some(d) = file.duration.filter(|d| d.is_finite() && *d >= 0.0) {
        attrs.push(Attr::new("data-durationhint", format!("{}", d.ceil().min(1.0e15) as u64)));
    }
    attrs.push(Attr::new("class", "mw-file-element"));
    let name = if audio { "audio" } else { "video" };
    em.start(name, attrs, None);
    // A media fragment for start and end times.
    let mut src = file.url.clone();
    let end = options.end.as_deref().and_then(seconds);
    if options.start.is_some() || end.is_some() {
        let start = options.start.as_ref().and(seek.clone()).unwrap_or_else(|| "0".to_string());
        src.push_str("#t=");
        src.push_str(&start);
        if let Some(e) = end {
            src.push(',');
            src.push_str(&e);
        }
    }
    let mut source = thin_vec![Attr::new("src", src), Attr::new("type", file.mime.clone())];
    if !audio {
        source.push(Attr::new("data-file-width", file.width.to_string()));
        source.push(Attr::new("data-file-height", file.height.to_string()));
    }
    em.void("source", source, None);
    for d in &file.derivatives {
        em.void(
            "source",
            thin_vec![
                Attr::new("src", file.transcoded_url(&d.key)),
                Attr::new("type", d.mime.clone()),
                Attr::new("data-width", d.width.to_string()),
                Attr::new("data-height", d.height.to_string()),
                Attr::new("data-transcodekey", d.key.clone()),
            ],
            None,
        );
    }
    em.end(name);
    drawn
}

/// `[[Media:Name|text]]`: a link straight to the file.
fn media_link(em: &mut Emitter<'_>, id: NodeId, title: &Title, parts: &[NodeId], src: SrcRange) {
    let info = em.site.media_info(&title.prefixed_text());
    let mut attrs = ThinVec::with_capacity(5);
    attrs.push(Attr::new("rel", "mw:MediaLink"));
    match &info {
        Some(file) => attrs.push(Attr::new("href", file.url.clone())),
        None => {
            attrs.push(Attr::new("href", format!("./Special:Upload?wpDestFile={}", raw_url_encode(title.db_key()))));
            attrs.push(Attr::new("typeof", "mw:Error"));
        }
    }
    attrs.push(Attr::new("resource", format!("./{}", encode_title_for_href(&title.prefixed_db_key()))));
    attrs.push(Attr::new("title", title.text()));
    if info.is_none() {
        attrs.push(Attr::new("data-mw", r#"{"errors":[{"key":"apierror-filedoesnotexist","message":"This image does not exist."}]}"#));
    }
    em.start("a", attrs, Some(src));
    match parts {
        [] => {
            let tree = em.tree;
            let target = tree.child_of_kind(id, SyntaxKind::LINK_TARGET).map(|t| em.plain_text(t)).unwrap_or_default();
            let shown = target.trim_start().strip_prefix(':').unwrap_or(&target).to_string();
            em.text(&shown);
        }
        // Every part is text: `[[Media:X|a|b]]` reads "a|b".
        _ => {
            for (i, &part) in parts.iter().enumerate() {
                if i > 0 {
                    em.text("|");
                }
                em.children(part);
            }
        }
    }
    em.end("a");
}

/// PHP's `rawurlencode`: everything but ASCII letters, digits and `-_.~`;
/// Parsoid keeps `:` and `*` too (`wpDestFile=File:X` for the file `File:File:X`).
fn raw_url_encode(s: &str) -> String {
    const SET: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b':').remove(b'*');
    percent_encoding::utf8_percent_encode(s, SET).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_as_parsoid_reads_them() {
        assert_eq!(parse_size("200"), Some((Some(200), None)));
        assert_eq!(parse_size("x100"), Some((None, Some(100))));
        assert_eq!(parse_size("200x100"), Some((Some(200), Some(100))));
        assert_eq!(parse_size("200px"), Some((Some(200), None)));
        assert_eq!(parse_size("abc"), None);
        assert_eq!(parse_size(""), None);
        assert_eq!(parse_size("1e3"), None);
    }

    #[test]
    fn scaling_follows_mediawiki() {
        // Foobar.jpg is 1941x220.
        assert_eq!(scale(1941, 220, Some(180), None), Scaled { width: 180, height: 20, width_from_height: false });
        assert_eq!(scale(1941, 220, None, Some(100)), Scaled { width: 883, height: 100, width_from_height: true });
        assert_eq!(scale(1941, 220, Some(120), Some(120)), Scaled { width: 120, height: 14, width_from_height: false });
        // Tall.jpg is 400x600.
        assert_eq!(scale(400, 600, None, Some(100)).width, 66);
        assert_eq!(scale(400, 600, None, Some(200)).width, 133);
        // Zero-sized media never divide by zero.
        assert_eq!(scale(0, 0, None, Some(100)).height, 100);
        assert_eq!(scale(0, 0, None, None).width, 0);
    }

    #[test]
    fn upright_is_written_as_a_number() {
        // `data-upright` shows the factor read, not the text as written.
        assert_eq!(format_number(".90".parse::<f64>().unwrap_or(0.0)), "0.9");
        assert_eq!(format_number("1.0".parse::<f64>().unwrap_or(0.0)), "1");
        assert_eq!(format_number("1.60".parse::<f64>().unwrap_or(0.0)), "1.6");
    }

    #[test]
    fn upload_names_are_raw_url_encoded() {
        assert_eq!(raw_url_encode("A,_b_(c).png"), "A%2C_b_%28c%29.png");
        assert_eq!(raw_url_encode("Köbel.jpg"), "K%C3%B6bel.jpg");
    }

    #[test]
    fn times_read_as_seconds() {
        assert_eq!(seconds("85").as_deref(), Some("85"));
        assert_eq!(seconds("1:25").as_deref(), Some("85"));
        assert_eq!(seconds("1.2").as_deref(), Some("1.2"));
        assert_eq!(seconds("x"), None);
    }
}
