//! `<gallery>`: a list of images with captions, rendered natively (it
//! needs the media renderer, which extension handlers do not see) and
//! wrapped as extension output.
//!
//! # Grammar
//!
//! ```text
//! <gallery mode="packed" widths="100px" heights="80" perrow="3" caption="''Birds''">
//! File:Crow.jpg|alt=A crow|A [[crow]]
//! Sparrow.jpg
//! </gallery>
//! ```
//!
//! The body is raw: each line is a file name (in the File namespace unless
//! it names another) and, after `|`, the options and caption of a file
//! link. Lines that name no file are dropped.
//!
//! # Parsoid HTML
//!
//! ```text
//! <ul class="gallery mw-gallery-traditional" typeof="mw:Extension/gallery" about="#mwt1"
//!     data-mw='{"name":"gallery","attrs":{},"body":{}}'>
//! <li class="gallerycaption">…</li>
//! <li class="gallerybox" style="width: 155px;"><div class="thumb" style="width: 150px; height: 150px;">
//!   <span typeof="mw:File"><a href="./File:Crow.jpg" class="mw-file-description" title="A crow">
//!   <img …/></a></span></div><div class="gallerytext">A <a …>crow</a></div></li>
//! </ul>
//! ```
//!
//! What is not obvious from Parsoid's output:
//! - Each line reads as the file link `[[File:Name|rest]]`: what follows
//!   the link's end (`a]]b`) is lost; size, format and alignment options
//!   are ignored (the gallery sizes and frames its images itself).
//! - The caption renders under the image; its text content is the link's
//!   `title`, the image's `alt` (unless `alt=` gives one) and the text of
//!   broken media. It never goes to the image's `data-mw`.
//! - `widths`/`heights` (default 120) read as the site's `img_width` option
//!   reads a size (`100`, `100px`, localized units); anything else is the
//!   default. Images fit that box.
//! - Packed modes ask for a thumbnail 1.5 times the box (`heights × 1.5`
//!   high, at most `(heights × 10 + 100) × 1.5` wide) and show it shrunk
//!   back; the box is the thumbnail's width (at least 90) over 1.5, printed
//!   as PHP prints floats.
//! - `data-mw.attrs` lists every attribute but `caption`, which becomes the
//!   first item; `body` is empty (the lines are in the HTML).
//!
//! # References
//! <https://www.mediawiki.org/wiki/Help:Images#Rendering_a_gallery_of_images>,
//! <https://www.mediawiki.org/wiki/Specs/HTML/2.8.0/Extensions/Gallery>.

use crate::token::{ThinVec, thin_vec};
use wikitext_parser::{NodeId, SyntaxKind};
use wikitext_site::site::MediaOption;
use wikitext_site::title::Title;

use super::extension_tags::{dom_nodes, finish_fragment, inline_tokens, FragNode};
use super::media::{self, Caption, GalleryBox, PACKED_SCALE};
use super::Emitter;
use crate::token::{Attr, Token};

const NS_FILE: i32 = 6;
/// The box side when `widths`/`heights` give none.
const DEFAULT_SIZE: u32 = 120;
/// Larger boxes are clamped: they only make numbers, but keep them sane.
const MAX_SIZE: u32 = 10_000;

/// How a gallery lays its images out (`mode=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Traditional,
    Nolines,
    Packed,
    PackedHover,
    PackedOverlay,
    Slideshow,
}

impl Mode {
    fn parse(value: &str) -> Mode {
        match value.trim().to_ascii_lowercase().as_str() {
            "nolines" => Mode::Nolines,
            "packed" => Mode::Packed,
            "packed-hover" => Mode::PackedHover,
            "packed-overlay" => Mode::PackedOverlay,
            "slideshow" => Mode::Slideshow,
            _ => Mode::Traditional,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Mode::Traditional => "traditional",
            Mode::Nolines => "nolines",
            Mode::Packed => "packed",
            Mode::PackedHover => "packed-hover",
            Mode::PackedOverlay => "packed-overlay",
            Mode::Slideshow => "slideshow",
        }
    }

    fn is_packed(self) -> bool {
        matches!(self, Mode::Packed | Mode::PackedHover | Mode::PackedOverlay)
    }
}

/// The gallery's attributes, read.
#[derive(Debug)]
struct Settings {
    mode: Mode,
    widths: u32,
    heights: u32,
    perrow: Option<u32>,
    show_filename: bool,
}

/// Render a gallery: its top-level nodes and its `data-mw`.
pub(super) fn gallery(em: &mut Emitter<'_>, attrs: &[(String, String)], body: Option<&str>) -> (Vec<FragNode>, String) {
    let attr = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let settings = Settings {
        mode: Mode::parse(attr("mode").unwrap_or("")),
        widths: attr("widths").and_then(|v| read_size(em, v)).unwrap_or(DEFAULT_SIZE),
        heights: attr("heights").and_then(|v| read_size(em, v)).unwrap_or(DEFAULT_SIZE),
        perrow: attr("perrow").and_then(|v| v.trim().parse::<u32>().ok()).filter(|&n| n > 0),
        show_filename: attr("showfilename").is_some(),
    };

    let mut tokens = Vec::new();
    tokens.push(Token::start("ul", list_attrs(attrs, &settings)));
    tokens.push(Token::Newline);
    // MediaWiki tests the caption for truth, as PHP does: "" and "0" are none.
    if let Some(caption) = attr("caption").filter(|c| !c.is_empty() && *c != "0") {
        // An attribute's line breaks are spaces: the caption is one line.
        let caption = caption.replace(['\n', '\r', '\t'], " ");
        tokens.push(Token::start("li", thin_vec![Attr::new("class", "gallerycaption")]));
        tokens.extend(settled(inline_wikitext(em, &caption)).0);
        tokens.push(Token::end("li"));
        tokens.push(Token::Newline);
    }
    for line in body.unwrap_or("").lines() {
        if let Some(item) = gallery_item(em, line, &settings) {
            tokens.extend(item);
            tokens.push(Token::Newline);
        }
    }
    tokens.push(Token::end("ul"));

    let dom = crate::tree_builder::build(tokens);
    let nodes = dom.body().map(|b| dom_nodes(&dom, b, false, &[])).unwrap_or_default();
    (nodes, data_mw(attrs, body.is_some()))
}

/// For [`crate::RenderOptions::text_only`], which leaves galleries out
/// whole: whether rendering this one's images and captions would leave no
/// trace on the rest of the page (no templates, tags or behavior switches
/// in its lines or caption, no media limit to count files against), so
/// that its list element alone can stand for it.
pub(super) fn leaves_no_trace(em: &Emitter<'_>, attrs: &[(String, String)], body: Option<&str>) -> bool {
    let plain = |text: &str| !text.contains(['{', '<']) && !text.contains("__");
    em.site.info().media_limit.is_none()
        && body.is_none_or(plain)
        && attrs.iter().all(|(name, value)| name != "caption" || plain(value))
}

/// `widths="100px"` as the site reads an image width (`100`, `100px`,
/// `100ra` in Esperanto); `None` for anything else.
fn read_size(em: &Emitter<'_>, value: &str) -> Option<u32> {
    let value = value.trim();
    let option = em.site.media_option(value).or_else(|| em.site.media_option(&format!("{value}px")));
    let Some(MediaOption::Size(size)) = option else { return None };
    let size = size.trim();
    let digits = size.strip_suffix("px").unwrap_or(size).trim();
    let n: u32 = digits.parse().ok()?;
    (n > 0).then_some(n.min(MAX_SIZE))
}

/// The `<ul>`'s attributes: the gallery's classes and width, then the
/// page's own attributes as the sanitizer allows them on a list.
fn list_attrs(attrs: &[(String, String)], settings: &Settings) -> ThinVec<Attr> {
    let own: Vec<(String, String)> = attrs
        .iter()
        .filter(|(n, _)| !matches!(n.as_str(), "mode" | "widths" | "heights" | "perrow" | "caption" | "showfilename"))
        // The sanitizer decodes values; these are decoded already.
        .map(|(n, v)| (n.clone(), v.replace('&', "&amp;")))
        .collect();
    let own = crate::sanitizer::sanitize_attrs("ul", own);
    let value = |name: &str| own.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty());

    let mut out = ThinVec::with_capacity(own.len() + 3);
    let mut class = format!("gallery mw-gallery-{}", settings.mode.name());
    if let Some(c) = value("class") {
        class.push(' ');
        class.push_str(c);
    }
    out.push(Attr::new("class", class));
    let mut style = String::new();
    if let (Some(perrow), false) = (settings.perrow, settings.mode.is_packed()) {
        let (item, borders) = match settings.mode {
            Mode::Nolines => (settings.widths + 5, 0),
            _ => (settings.widths + 35, 8),
        };
        style = format!("max-width: {}px;", u64::from(perrow) * u64::from(item + borders));
    }
    if let Some(s) = value("style") {
        if !style.is_empty() {
            style.push(' ');
        }
        style.push_str(s);
    }
    if !style.is_empty() {
        out.push(Attr::new("style", style));
    }
    if settings.mode == Mode::Slideshow && attrs.iter().any(|(n, _)| n == "showthumbnails") {
        out.push(Attr::new("data-showthumbnails", "1"));
    }
    for (n, v) in own {
        if n != "class" && n != "style" {
            out.push(Attr::new(n, v));
        }
    }
    out
}

/// `{"name":"gallery","attrs":{...},"body":{}}`: every attribute but the
/// caption, which the HTML holds; no body when the tag was self-closed.
pub(super) fn data_mw(attrs: &[(String, String)], has_body: bool) -> String {
    let shown: Vec<(String, String)> = attrs.iter().filter(|(n, _)| n != "caption").cloned().collect();
    let mut out = String::new();
    super::extension_tags::push_name_and_attrs(&mut out, "gallery", &shown);
    if has_body {
        out.push_str(r#","body":{}"#);
    }
    out.push('}');
    out
}

/// Wikitext rendered inline (one line: no paragraphs, its own quotes) in
/// a fresh context, as HTML tokens.
fn inline_wikitext(em: &mut Emitter<'_>, wikitext: &str) -> Vec<Token> {
    let tree = wikitext_parser::parse_fragment_with(wikitext, em.expander().parse_options());
    let nested = em.expander().nested();
    let mut sub = em.for_fragment(&tree, nested);
    sub.node(tree.root());
    let toks = finish_fragment(em, sub);
    inline_tokens(crate::quotes::resolve(toks))
}

/// One line of the body: its `<li>`, or `None` when it names no file.
fn gallery_item(em: &mut Emitter<'_>, line: &str, settings: &Settings) -> Option<Vec<Token>> {
    let (name, rest) = match line.split_once('|') {
        Some((name, rest)) => (name, Some(rest)),
        None => (line, None),
    };
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let name = crate::sanitizer::decode_entities(name);
    let name = super::wiki_links::decode_percent(&name).into_owned();
    let title = Title::parse(&name, NS_FILE, em.site).filter(|t| t.namespace() == NS_FILE && t.interwiki().is_none())?;

    // The line reads as a file link; its target is the title read above.
    let mut wikitext = String::with_capacity(line.len() + 8);
    wikitext.push_str("[[");
    wikitext.push_str(&title.prefixed_text().replace('&', "&amp;"));
    if let Some(rest) = rest {
        wikitext.push('|');
        wikitext.push_str(rest);
    }
    wikitext.push_str("]]");
    let tree = wikitext_parser::parse_fragment_with(&wikitext, em.expander().parse_options());
    let link = tree.children(tree.root()).next().filter(|&c| tree.kind(c) == SyntaxKind::WIKI_LINK);
    let parts: Vec<NodeId> = link.map(|l| tree.children(l).filter(|&c| tree.kind(c) == SyntaxKind::LINK_TEXT).collect()).unwrap_or_default();

    let nested = em.expander().nested();
    let mut sub = em.for_fragment(&tree, nested);
    let (options, caption) = media::read_options(&mut sub, &parts);
    let (caption_tokens, caption_text) = match caption {
        Caption::Node(part) => {
            media::caption_content(&mut sub, part);
            settled(inline_tokens(std::mem::take(&mut sub.out)))
        }
        Caption::Rendered(rendered) => settled(inline_tokens(rendered)),
        Caption::None | Caption::Text(_) => (Vec::new(), String::new()),
    };
    let caption_text = caption_text.trim();

    let packed = settings.mode.is_packed();
    let request = if packed {
        let height = (f64::from(settings.heights) * PACKED_SCALE).floor();
        let width = ((f64::from(settings.heights) * 10.0 + 100.0) * PACKED_SCALE).floor();
        (width as u32, height as u32)
    } else {
        (settings.widths, settings.heights)
    };
    let gallery_box = GalleryBox { width: settings.widths, height: settings.heights, packed };
    let options = options.for_gallery(gallery_box, request);
    let caption = if caption_text.is_empty() { Caption::None } else { Caption::Text(caption_text.to_string()) };
    let drawn = media::render_file(&mut sub, &title, &options, caption, 0..0);
    // Settled on its own: an `alt=` with markup moves into its `data-mw`.
    let (image, _) = settled(inline_tokens(finish_fragment(em, sub)));

    // The box around the image, by mode.
    let (w, h) = (settings.widths, settings.heights);
    let (item_width, thumb_style, text_width) = if packed {
        let thumb_width = match drawn.thumb {
            Some((tw, _)) if !drawn.broken => f64::from(tw),
            _ => (f64::from(w) * PACKED_SCALE).floor(),
        };
        let box_width = thumb_width.max(90.0) / PACKED_SCALE;
        let style = if drawn.broken { format!("height: {h}px;") } else { format!("width: {}px;", php_float(box_width)) };
        (php_float(box_width + 2.0), style, Some(box_width.ceil() - 20.0))
    } else {
        let (item, thumb) = match settings.mode {
            Mode::Nolines => (w + 5, w),
            _ => (w + 35, w + 30),
        };
        let style = match settings.mode {
            _ if drawn.broken => format!("height: {}px;", if settings.mode == Mode::Nolines { h } else { h + 30 }),
            Mode::Traditional => format!("width: {thumb}px; height: {}px;", h + 30),
            _ => format!("width: {thumb}px;"),
        };
        (item.to_string(), style, None)
    };

    let mut out = Vec::with_capacity(image.len() + caption_tokens.len() + 12);
    out.push(Token::start("li", thin_vec![Attr::new("class", "gallerybox"), Attr::new("style", format!("width: {item_width}px;"))]));
    out.push(Token::start("div", thin_vec![Attr::new("class", "thumb"), Attr::new("style", thumb_style)]));
    out.extend(image);
    out.push(Token::end("div"));
    let wrapped = matches!(settings.mode, Mode::PackedHover | Mode::PackedOverlay);
    if let (true, Some(width)) = (wrapped, text_width) {
        let style = format!("width: {}px;", php_float(width.max(0.0)));
        out.push(Token::start("div", thin_vec![Attr::new("class", "gallerytextwrapper"), Attr::new("style", style)]));
    }
    out.push(Token::start("div", thin_vec![Attr::new("class", "gallerytext")]));
    if settings.show_filename {
        let href = title.href();
        let href = href.split('#').next().unwrap_or_default().to_string();
        let name = title.prefixed_text();
        let attrs = thin_vec![
            Attr::new("href", href),
            Attr::new("class", "galleryfilename galleryfilename-truncate"),
            Attr::new("title", name.clone()),
        ];
        out.push(Token::start("a", attrs));
        out.push(Token::text(name));
        out.push(Token::end("a"));
    }
    out.extend(caption_tokens);
    out.push(Token::end("div"));
    if wrapped && text_width.is_some() {
        out.push(Token::end("div"));
    }
    out.push(Token::end("li"));
    Some(out)
}

/// A caption's tokens made final on their own (its transclusions wrapped,
/// its inline images' captions moved to their `data-mw`), and the text it
/// reads as (the DOM's text content).
fn settled(tokens: Vec<Token>) -> (Vec<Token>, String) {
    if tokens.iter().all(|t| matches!(t, Token::Text(_, _))) {
        let text = tokens.iter().map(|t| if let Token::Text(s, _) = t { &**s } else { "" }).collect();
        return (tokens, text);
    }
    let mut dom = crate::tree_builder::build(tokens);
    crate::passes::run_fragment(&mut dom, false, false);
    let Some(body) = dom.body() else { return (Vec::new(), String::new()) };
    let text = dom.text_content(body);
    let mut out = Vec::new();
    for node in dom_nodes(&dom, body, false, &[]) {
        match node {
            FragNode::Element(tokens) => out.extend(tokens),
            FragNode::Text(t) => out.push(Token::text(t)),
            FragNode::Comment(c) => out.push(Token::Comment(c)),
        }
    }
    (out, text)
}

/// A number as PHP prints a float: 14 significant digits, no trailing zeros.
fn php_float(x: f64) -> String {
    if !x.is_finite() {
        return "0".to_string();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    let int_digits = if x.abs() < 1.0 { 1 } else { x.abs().log10().floor() as i32 + 1 };
    let decimals = usize::try_from((14 - int_digits).max(0)).unwrap_or(0);
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_php_prints_them() {
        assert_eq!(php_float(1589.0 / 1.5), "1059.3333333333");
        assert_eq!(php_float(1589.0 / 1.5 + 2.0), "1061.3333333333");
        assert_eq!(php_float(618.0), "618");
        assert_eq!(php_float(60.5), "60.5");
        assert_eq!(php_float(0.5), "0.5");
    }

    #[test]
    fn modes_read_case_blind_with_traditional_as_default() {
        assert_eq!(Mode::parse(" Packed-Hover "), Mode::PackedHover);
        assert_eq!(Mode::parse("bogus"), Mode::Traditional);
        assert!(Mode::parse("packed-overlay").is_packed());
    }

    #[test]
    fn data_mw_drops_the_caption_and_keeps_order() {
        let attrs = vec![("mode".to_string(), "packed".to_string()), ("caption".to_string(), "x".to_string())];
        assert_eq!(data_mw(&attrs, true), r#"{"name":"gallery","attrs":{"mode":"packed"},"body":{}}"#);
        assert_eq!(data_mw(&[], false), r#"{"name":"gallery","attrs":{}}"#);
    }
}
