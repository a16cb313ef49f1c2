//! How to render: the page title and the shape of the output.

/// Options for rendering a page. Build one from a preset and adjust fields:
/// `RenderOptions { title: "Foo".into(), ..RenderOptions::page() }`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// The title of the page being rendered (`"Main Page"`).
    pub title: String,
    /// Only the `<body>` contents, not a full HTML document.
    pub body_only: bool,
    /// Wrap each heading's section in `<section data-mw-section-id="N">`.
    pub wrap_sections: bool,
    /// Emit `data-parsoid` attributes with source ranges (`dsr`).
    pub data_parsoid: bool,
    /// The most HTML to write, in bytes (about: the count is taken on the
    /// DOM before serialization). Content past it is dropped and a visible
    /// error paragraph says so. `None` means the default limit,
    /// [`default_max_output_bytes`] of the input length, which no real page
    /// comes near; it exists to bound memory on hostile input.
    pub max_output_bytes: Option<usize>,
    /// Render each footnote's body (`<ref>...</ref>`) into its references
    /// list. Plain text leaves footnotes and lists out, so it turns this off
    /// and skips that work: the markers and lists are still made, with
    /// empty notes (and without the refs nested in a note's body).
    pub note_bodies: bool,
    /// Render for the text alone: the DOM is only read for its text (as
    /// `wikitext::text` reads it), so the work only HTML shows is skipped:
    /// wiki links and missing templates' links get no `href` or `title` (a
    /// red link keeps its `new` class), transclusions an empty `data-mw`
    /// part, headings no ids, empty elements no `mw-empty-elt` mark. The
    /// text is the same; such a DOM is not for serializing.
    pub text_only: bool,
}

/// The class (besides `error`) of the paragraph that replaces content cut
/// by the output limit.
pub const OUTPUT_LIMIT_CLASS: &str = "mw-output-limit-exceeded";

/// The output limit when [`RenderOptions::max_output_bytes`] is `None`:
/// 64 bytes of HTML per byte of wikitext, plus 1 MiB.
#[must_use]
pub fn default_max_output_bytes(input_len: usize) -> usize {
    input_len.saturating_mul(64).saturating_add(1 << 20)
}

impl RenderOptions {
    /// What Parsoid's page output is: a full document with sections wrapped.
    #[must_use]
    pub fn page() -> RenderOptions {
        RenderOptions { title: "Main Page".to_string(), body_only: false, wrap_sections: true, data_parsoid: false, max_output_bytes: None, note_bodies: true, text_only: false }
    }

    /// A body fragment without section wrapping, as Parsoid's parser tests render.
    #[must_use]
    pub fn fragment() -> RenderOptions {
        RenderOptions { title: "Main Page".to_string(), body_only: true, wrap_sections: false, data_parsoid: false, max_output_bytes: None, note_bodies: true, text_only: false }
    }
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions::page()
    }
}
