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
}

impl RenderOptions {
    /// What Parsoid's page output is: a full document with sections wrapped.
    #[must_use]
    pub fn page() -> RenderOptions {
        RenderOptions { title: "Main Page".to_string(), body_only: false, wrap_sections: true, data_parsoid: false }
    }

    /// A body fragment without section wrapping, as Parsoid's parser tests render.
    #[must_use]
    pub fn fragment() -> RenderOptions {
        RenderOptions { title: "Main Page".to_string(), body_only: true, wrap_sections: false, data_parsoid: false }
    }
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions::page()
    }
}
