//! Stage 5: passes over the built DOM, in Parsoid's order: trailing page
//! properties, paragraph wrapping, trimming the edges of wikitext items
//! and cells, transclusion encapsulation, French
//! spacing, heading ids, empty-element marking, then section wrapping. Each
//! pass is its own module.

use crate::dom::Dom;
use crate::options::RenderOptions;

mod annotations;
mod data_parsoid;
mod display_space;
mod empty_elements;
mod headings;
mod media;
pub(crate) mod output_limit;
mod p_wrap;
pub(crate) use p_wrap::is_block_name;
pub(crate) mod ref_links;
mod reopened_formatting;
mod section_wrapping;
mod trailing_links;
mod trailing_newlines;
mod transclusions;
pub(crate) mod trim_whitespace;

/// An attribute the emitter puts on headings made by wikitext syntax
/// (`== a ==`), which sections follow; passes remove it. Its value is
/// empty, one of the values below, or the count of section numbers the
/// heading skips (heading lines of the page no heading rendered).
pub(crate) const WIKITEXT_HEADING: &str = "wt heading";
/// The value of `WIKITEXT_HEADING` on a heading that starts no editable
/// section (its section is `-1` and takes no number).
pub(crate) const UNEDITABLE_HEADING: &str = "uneditable";
/// The value of `WIKITEXT_HEADING` on a heading a transclusion made: its
/// section is `-1`, but it takes a number (MediaWiki counts it).
pub(crate) const TRANSCLUDED_HEADING: &str = "transcluded";
/// The value of `WIKITEXT_HEADING` on a heading of an extension's wikitext
/// content: its section is `-1`, it takes no number, and no TOC counts it
/// (MediaWiki's preprocessor never sees inside extension tags).
pub(crate) const EXTENSION_HEADING: &str = "extension";

/// An attribute `block_levels` puts on the paragraphs it opens (as opposed
/// to literal `<p>` tags); `p_wrap` removes it.
pub(crate) const WIKITEXT_PARAGRAPH: &str = "wt p";
/// A mark `p_wrap` puts on the paragraphs it makes around bare inline
/// content; `transclusions` widens a range that fills one to it, and
/// removes the mark.
pub(crate) const WRAPPED_PARAGRAPH: &str = "wt pwrap";
/// The value of `WIKITEXT_PARAGRAPH` on a paragraph opened for a `<br>`
/// with comments before it: they stay inside (`p_wrap` moves a
/// paragraph's leading comments out otherwise).
pub(crate) const BREAK_PARAGRAPH: &str = "break";

/// The passes for a fragment an extension parsed (see
/// `emit::extension_tags`): no sections, no source ranges; paragraphs only
/// in block context. Its page's passes run over it again once it is in
/// the page. With `keep_headings`, its wikitext headings keep their mark
/// as [`EXTENSION_HEADING`]s, so the page wraps sections inside it.
pub(crate) fn run_fragment(dom: &mut Dom, paragraphs: bool, keep_headings: bool) {
    reopened_formatting::unwrap_blank(dom);
    ref_links::rename(dom);
    media::formatting_into_captions(dom);
    trailing_links::migrate(dom);
    trailing_newlines::migrate(dom);
    if paragraphs {
        p_wrap::wrap(dom);
    }
    annotations::stray_ends_as_text(dom);
    trim_whitespace::trim(dom);
    transclusions::encapsulate(dom);
    media::inline_captions(dom);
    empty_elements::mark(dom);
    if keep_headings {
        headings::mark_as_extension_headings(dom);
    } else {
        headings::drop_markers(dom);
    }
}

pub(crate) fn run(dom: &mut Dom, options: &RenderOptions) {
    reopened_formatting::unwrap_blank(dom);
    ref_links::rename(dom);
    media::formatting_into_captions(dom);
    // Where categories and language links sit changes no text: they are
    // not text.
    if !options.text_only {
        trailing_links::migrate(dom);
        trailing_newlines::migrate(dom);
    }
    p_wrap::wrap(dom);
    annotations::stray_ends_as_text(dom);
    trim_whitespace::trim(dom);
    let transclusions = transclusions::encapsulate(dom);
    annotations::extend_ranges(dom);
    // After encapsulation: French spacing in a transclusion's text stays
    // inside its wrapper, as in Parsoid. Before inline captions move into
    // `data-mw`: Parsoid processes such embedded fragments on their own,
    // French spacing included.
    display_space::armor(dom);
    media::inline_captions(dom);
    // Ids and the empty-element class change no text.
    if !options.text_only {
        headings::assign_ids(dom);
        empty_elements::mark(dom);
    }
    if options.wrap_sections {
        section_wrapping::wrap(dom, &transclusions);
    }
    headings::drop_markers(dom);
    if options.data_parsoid {
        data_parsoid::annotate(dom);
    }
}
