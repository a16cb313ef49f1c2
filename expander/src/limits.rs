//! What one page's expansion may cost, and the errors it leaves when a limit
//! is hit.

/// Expansion limits, with Wikimedia's values as the default.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// How deeply transclusions and parser functions may nest (`$wgMaxPPExpandDepth`).
    pub max_depth: usize,
    /// Total bytes that transclusions may add to the page (`$wgMaxArticleSize`-based post-expand include size).
    pub max_include_size: usize,
    /// Total bytes of template arguments expanded for use.
    pub max_argument_size: usize,
    /// Preprocessor nodes visited while expanding (`$wgMaxPPNodeCount`).
    pub max_nodes: usize,
    /// Calls of expensive parser functions (`#ifexist`, `pagesincategory` ...).
    pub max_expensive: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 100,
            max_include_size: 2 * 1024 * 1024,
            max_argument_size: 2 * 1024 * 1024,
            max_nodes: 1_000_000,
            max_expensive: 500,
        }
    }
}

/// Which limit stopped an expansion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitKind {
    /// Transclusions nested deeper than [`Limits::max_depth`].
    TemplateDepth,
    /// Parser functions and transclusions together nested deeper than [`Limits::max_depth`].
    Depth,
    IncludeSize,
    ArgumentSize,
    NodeCount,
    Expensive,
}

impl LimitKind {
    /// MediaWiki's message for the limit, as it appears in the page.
    #[must_use]
    pub fn message(self) -> &'static str {
        match self {
            LimitKind::TemplateDepth => "Template recursion depth limit exceeded",
            LimitKind::Depth => "Expansion depth limit exceeded",
            LimitKind::IncludeSize => "Post-expand include size limit exceeded",
            LimitKind::ArgumentSize => "Template argument size limit exceeded",
            LimitKind::NodeCount => "Preprocessor node count limit exceeded",
            LimitKind::Expensive => "Expensive parser function count limit exceeded",
        }
    }

    /// The error as page markup (`<span class="error">...</span>`), wikitext that renders safely.
    #[must_use]
    pub fn markup(self) -> String {
        format!("<span class=\"error\">{}</span>", self.message())
    }
}
