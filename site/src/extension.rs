//! Extension tags (`<ref>`, `<indicator>`, a wiki's own `<mytag>`): the
//! handler API and the registry a [`Site`] keeps.
//!
//! A handler is given one tag ([`ExtensionTagCall`]: name, attributes, raw
//! body, source range) and a context ([`ExtensionContext`], which the
//! renderer implements) and returns HTML or wikitext ([`ExtensionOutput`]),
//! or an error ([`ExtensionError`]). This crate knows nothing of HTML
//! rendering: the renderer parses what a handler asks it to, sanitizes the
//! handler's HTML, and wraps the result as Parsoid wraps extension output
//! (`typeof="mw:Extension/NAME"`, `about`, `data-mw`).
//!
//! Handlers that need state across the tags of one page (Cite collects
//! `<ref>`s and lists them at `<references>` or at the end of the page)
//! keep it in [`ExtensionContext::state`] and add output at the end of the
//! document with [`ExtensionTag::end_of_document`].
//!
//! ```
//! use wikitext_site::extension::*;
//!
//! struct Shout;
//! impl ExtensionTag for Shout {
//!     fn render(&self, call: &ExtensionTagCall<'_>, _cx: &mut dyn ExtensionContext)
//!         -> Result<ExtensionOutput, ExtensionError> {
//!         Ok(ExtensionOutput::wikitext(format!("'''{}'''", call.body.unwrap_or("").to_uppercase())))
//!     }
//! }
//! let tags = ExtensionTags::new().with("shout", Shout);
//! assert!(tags.get("shout").is_some());
//! ```

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::site::Site;

/// One extension tag on the page, as its handler sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExtensionTagCall<'a> {
    /// The tag's name, lower-case (`"ref"`).
    pub name: &'a str,
    /// The attributes as written, names lower-cased, values with character
    /// references decoded and surrounding blanks trimmed; in source order,
    /// the last of a repeated name kept.
    pub attrs: &'a [(String, String)],
    /// The raw body between the tags; `None` for a self-closed `<tag/>`.
    pub body: Option<&'a str>,
    /// The tag's byte range in the page source (for a tag made by a
    /// template, the template's range).
    pub range: std::ops::Range<usize>,
}

impl<'a> ExtensionTagCall<'a> {
    /// A call of tag `name` (lower-case) with these attributes, body and source range.
    #[must_use]
    pub fn new(name: &'a str, attrs: &'a [(String, String)], body: Option<&'a str>, range: std::ops::Range<usize>) -> Self {
        ExtensionTagCall { name, attrs, body, range }
    }

    /// The value of attribute `name` (lower-case), if given.
    #[must_use]
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// How [`ExtensionContext::parse`] reads wikitext.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseMode {
    /// Block context: paragraphs, lists, indent-pre, as on a page.
    Block,
    /// Inline context: no paragraphs and no indent-pre (the content of a `<span>`).
    Inline,
}

/// What the renderer offers a handler while it renders one tag.
pub trait ExtensionContext {
    /// Render `wikitext` in a fresh context (its own line starts, quotes
    /// and paragraphs; templates expand against the page) and return a
    /// placeholder to put in the handler's HTML output where the rendered
    /// fragment goes. The placeholder is only meaningful in this tag's
    /// output, as text content (not in an attribute).
    fn parse(&mut self, wikitext: &str, mode: ParseMode) -> String;

    /// The extension tags this one is nested in (by their handlers'
    /// [`ExtensionContext::parse`]), outermost first; empty at page level.
    fn enclosing(&self) -> &[String];

    /// The handler's state for this render: `None` until the handler
    /// stores something. Each tag name has its own slot, kept from tag to
    /// tag across one page (including its templates and parsed bodies) and
    /// dropped after it.
    fn state(&mut self) -> &mut Option<Box<dyn Any + Send>>;

    /// The title of the page being rendered.
    fn page_title(&self) -> &str;

    /// The wiki.
    fn site(&self) -> &dyn Site;
}

/// What a handler returns.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExtensionOutput {
    /// The output proper.
    pub content: ExtensionContent,
    /// Parsoid's `data-mw.body.html` in place of `body.extsrc`, for
    /// extensions whose HTML lives in `data-mw` (Parsoid's `embedtag`,
    /// Cite's `<references>`); placeholders from
    /// [`ExtensionContext::parse`] are replaced by their HTML.
    pub body_html: Option<String>,
}

/// The kinds of [`ExtensionOutput`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExtensionContent {
    /// HTML, sanitized as page HTML is (no script, no event handlers, no
    /// `javascript:` URLs). Placeholders from [`ExtensionContext::parse`]
    /// become the fragments they stand for.
    Html(String),
    /// Wikitext, rendered in a fresh block context.
    Wikitext(String),
    /// Nothing to show where the tag stands (page indicators, shown
    /// elsewhere by the skin): Parsoid's `<meta typeof="mw:Extension/NAME">`.
    Invisible,
}

impl ExtensionOutput {
    /// HTML output (sanitized).
    #[must_use]
    pub fn html(html: impl Into<String>) -> Self {
        ExtensionOutput { content: ExtensionContent::Html(html.into()), body_html: None }
    }

    /// Wikitext output (rendered in a fresh block context).
    #[must_use]
    pub fn wikitext(wikitext: impl Into<String>) -> Self {
        ExtensionOutput { content: ExtensionContent::Wikitext(wikitext.into()), body_html: None }
    }

    /// No visible output (a `<meta>` marks the place).
    #[must_use]
    pub fn invisible() -> Self {
        ExtensionOutput { content: ExtensionContent::Invisible, body_html: None }
    }

    /// The same output, with `data-mw.body.html` in place of `body.extsrc`.
    #[must_use]
    pub fn with_body_html(mut self, html: impl Into<String>) -> Self {
        self.body_html = Some(html.into());
        self
    }
}

/// A handler's failure: rendered as Parsoid renders extension errors (an
/// empty `<span class="error" typeof="mw:I18n mw:Extension/NAME mw:Error">`
/// whose `data-mw` lists the error), never as a failed page.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExtensionError {
    /// The message key (`"invalid-indicator-name"`).
    pub key: String,
    /// The message's parameters.
    pub params: Vec<String>,
    /// A message in plain words, when there is one (a handler's exception);
    /// it is shown as the error span's text.
    pub message: Option<String>,
}

impl ExtensionError {
    /// An error with a message key and no parameters.
    #[must_use]
    pub fn new(key: impl Into<String>) -> Self {
        ExtensionError { key: key.into(), params: Vec::new(), message: None }
    }

    /// An error with a plain message, under the key `"extension-error"`.
    #[must_use]
    pub fn message(message: impl Into<String>) -> Self {
        ExtensionError { key: "extension-error".to_string(), params: Vec::new(), message: Some(message.into()) }
    }
}

impl fmt::Display for ExtensionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(m) => write!(f, "{}: {m}", self.key),
            None => f.write_str(&self.key),
        }
    }
}

impl std::error::Error for ExtensionError {}

/// How a tag's content takes part in the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TagKind {
    /// Its body is raw text the handler renders; the output is wrapped as
    /// one unit (`typeof="mw:Extension/NAME"`).
    #[default]
    Extension,
    /// An annotation (`<translate>`): its content is ordinary page content,
    /// and the tags become `<meta typeof="mw:Annotation/NAME">` markers at
    /// the range's start and end. The handler's `render` is not called.
    Annotation,
}

/// An extension tag's handler.
pub trait ExtensionTag: Send + Sync {
    /// Render one tag.
    ///
    /// # Errors
    /// An [`ExtensionError`] is rendered in the tag's place.
    fn render(&self, call: &ExtensionTagCall<'_>, cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError>;

    /// Output to add at the end of the document, after every tag of the
    /// page was rendered (Cite's automatic reference list): `None` adds
    /// nothing. It is wrapped like a tag of this name with no attributes.
    fn end_of_document(&self, _cx: &mut dyn ExtensionContext) -> Option<ExtensionOutput> {
        None
    }

    /// Whether the tag is an extension or an annotation.
    fn kind(&self) -> TagKind {
        TagKind::Extension
    }
}

impl<F> ExtensionTag for F
where
    F: Fn(&ExtensionTagCall<'_>, &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> + Send + Sync,
{
    fn render(&self, call: &ExtensionTagCall<'_>, cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        self(call, cx)
    }
}

/// A registry of extension tag handlers, by lower-case name.
#[derive(Clone, Default)]
pub struct ExtensionTags {
    handlers: FxHashMap<String, Arc<dyn ExtensionTag>>,
}

impl fmt::Debug for ExtensionTags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&String> = self.handlers.keys().collect();
        names.sort();
        f.debug_struct("ExtensionTags").field("names", &names).finish()
    }
}

impl ExtensionTags {
    /// An empty registry.
    #[must_use]
    pub fn new() -> Self {
        ExtensionTags::default()
    }

    /// Register (or replace) the handler of tag `name` (matched
    /// case-insensitively).
    pub fn insert(&mut self, name: &str, handler: impl ExtensionTag + 'static) {
        self.handlers.insert(name.to_lowercase(), Arc::new(handler));
    }

    /// Register an already shared handler.
    pub fn insert_shared(&mut self, name: &str, handler: Arc<dyn ExtensionTag>) {
        self.handlers.insert(name.to_lowercase(), handler);
    }

    /// [`ExtensionTags::insert`], by value.
    #[must_use]
    pub fn with(mut self, name: &str, handler: impl ExtensionTag + 'static) -> Self {
        self.insert(name, handler);
        self
    }

    /// The handler of tag `name` (lower-case).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&dyn ExtensionTag> {
        self.handlers.get(name).map(|h| &**h)
    }

    /// The registered names, sorted.
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.handlers.keys().cloned().collect();
        names.sort();
        names
    }

    /// How many tags are registered.
    #[must_use]
    pub fn len(&self) -> usize {
        self.handlers.len()
    }

    /// Whether no tag is registered.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.handlers.is_empty()
    }

    /// A site that answers extension tags from this registry (they become
    /// extension tags of the wiki, their bodies raw) and everything else
    /// from `site`.
    #[must_use]
    pub fn over<S: Site>(self, site: S) -> WithExtensionTags<S> {
        WithExtensionTags { site, tags: self }
    }
}

/// A [`Site`] with extra extension tags: see [`ExtensionTags::over`].
#[derive(Debug, Clone)]
pub struct WithExtensionTags<S> {
    site: S,
    tags: ExtensionTags,
}

impl<S> WithExtensionTags<S> {
    /// The wrapped site.
    pub fn inner(&self) -> &S {
        &self.site
    }

    /// The wrapped site, mutably (to change its settings).
    pub fn inner_mut(&mut self) -> &mut S {
        &mut self.site
    }

    /// The wrapped site, by value.
    pub fn into_inner(self) -> S {
        self.site
    }

    /// The registry.
    pub fn tags(&self) -> &ExtensionTags {
        &self.tags
    }
}

/// The extension tags of `site` whose handlers are annotations
/// ([`TagKind::Annotation`]): what [`Site::annotation_tag_names`] answers
/// unless a site says otherwise.
pub fn annotation_tags_of<S: Site + ?Sized>(site: &S) -> Vec<String> {
    site.extension_tag_names()
        .into_iter()
        .filter(|n| site.extension_tag(n).is_some_and(|h| h.kind() == TagKind::Annotation))
        .collect()
}

impl<S: Site> crate::layer::SiteLayer for WithExtensionTags<S> {
    fn inner(&self) -> &dyn Site {
        &self.site
    }

    // Derived from this layer's tags, not the inner site's.
    fn annotation_tag_names(&self) -> Vec<String> {
        annotation_tags_of(self)
    }

    fn extension_tag_names(&self) -> Vec<String> {
        let mut names = self.site.extension_tag_names();
        for name in self.tags.names() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    fn is_extension_tag(&self, name: &str) -> bool {
        self.tags.get(name).is_some() || self.site.is_extension_tag(name)
    }

    fn extension_tag(&self, name: &str) -> Option<&dyn ExtensionTag> {
        self.tags.get(name).or_else(|| self.site.extension_tag(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::DefaultSite;

    fn upper(call: &ExtensionTagCall<'_>, _: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        Ok(ExtensionOutput::html(call.body.unwrap_or("").to_uppercase()))
    }

    #[test]
    fn registered_tags_become_the_sites_extension_tags() {
        let site = ExtensionTags::new().with("Upper", upper).over(DefaultSite::default());
        assert!(site.is_extension_tag("upper"));
        assert!(site.extension_tag_names().contains(&"upper".to_string()));
        assert!(site.extension_tag("upper").is_some());
        assert!(site.extension_tag("other").is_none());
        // The wrapped site's tags stay.
        assert!(site.is_extension_tag("ref"));
        assert_eq!(site.tags().names(), ["upper"]);
    }

    struct Marker;

    impl ExtensionTag for Marker {
        fn render(&self, _: &ExtensionTagCall<'_>, _: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
            Ok(ExtensionOutput::invisible())
        }
        fn kind(&self) -> TagKind {
            TagKind::Annotation
        }
    }

    #[test]
    fn registered_annotation_tags_are_the_layers_annotations() {
        let site = ExtensionTags::new().with("mark", Marker).over(DefaultSite::default());
        assert_eq!(site.annotation_tag_names(), ["mark"]);
        // And a layer over that layer passes them on.
        let outer = crate::layer::WithMedia::new(site, |_: &str| None);
        assert_eq!(outer.annotation_tag_names(), ["mark"]);
    }

    #[test]
    fn attribute_lookup() {
        let attrs = vec![("name".to_string(), "x".to_string())];
        let call = ExtensionTagCall { name: "t", attrs: &attrs, body: None, range: 0..3 };
        assert_eq!(call.attr("name"), Some("x"));
        assert_eq!(call.attr("other"), None);
    }

    #[test]
    fn errors_display_key_and_message() {
        assert_eq!(ExtensionError::new("bad-name").to_string(), "bad-name");
        assert_eq!(ExtensionError::message("boom").to_string(), "extension-error: boom");
    }
}
