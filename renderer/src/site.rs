//! The one door to the wiki: everything the renderer needs to know about the
//! site it renders for (namespaces, interwikis, which pages exist, page
//! sources for transclusion, media).
//!
//! The default methods describe an empty English wiki that still renders
//! everything; `ConfigSite` (in `site_config`) fills the answers from a JSON
//! description such as the parser tests' mock wiki.

/// How a page link should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PageState {
    /// The page does not exist (a red link).
    #[default]
    Missing,
    /// The page exists.
    Exists,
    /// The page exists and is a redirect.
    Redirect,
}

/// An interwiki prefix's target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interwiki {
    /// The URL pattern, with `$1` where the page name goes.
    pub url: String,
    /// Whether the prefix points back at this wiki.
    pub local: bool,
    /// Whether it is a language link (`[[fr:X]]` becomes an interlanguage link).
    pub language: bool,
    /// Whether links through it are protocol-relative.
    pub protocol_relative: bool,
}

/// A namespace of the wiki.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Namespace {
    pub id: i32,
    /// The canonical local name (`""` for the main namespace).
    pub name: String,
    /// Whether the first letter of titles in it is upper-cased.
    pub case_sensitive: bool,
}

/// Everything the renderer asks of a wiki.
///
/// Implementations must be cheap to query: the renderer asks per link.
pub trait Site: Send + Sync {
    /// The namespace a prefix (`"Template"`, `"talk"`, `"Image"`, `"wp"` alias ...)
    /// names, matched case-insensitively with spaces and underscores alike.
    fn namespace_by_name(&self, name: &str) -> Option<Namespace> {
        default_namespace_by_name(name)
    }

    /// The namespace with this id.
    fn namespace_by_id(&self, id: i32) -> Option<Namespace> {
        default_namespaces().into_iter().find(|n| n.id == id)
    }

    /// The interwiki map entry for a prefix (lower-cased by the caller).
    fn interwiki(&self, _prefix: &str) -> Option<Interwiki> {
        None
    }

    /// Whether `[[prefix:X]]` to a language interwiki becomes a language link.
    fn interwiki_magic(&self) -> bool {
        true
    }

    /// The state of a page, by its full normalized title (`"Template:Foo bar"`).
    fn page_state(&self, _title: &str) -> PageState {
        PageState::Missing
    }

    /// The wikitext of a page, for transclusion.
    fn page_source(&self, _title: &str) -> Option<String> {
        None
    }

    /// URL protocols recognised in external and bare links, lower-case, such
    /// as `"http://"`, `"mailto:"`, `"//"`.
    fn url_protocols(&self) -> &[String];

    /// Characters that may follow a wiki link and join its text (`[[a]]bc`).
    fn is_link_trail_char(&self, c: char) -> bool {
        c.is_ascii_alphabetic()
    }

    /// Whether `name` (lower-case) is an extension tag (its body is raw text).
    fn is_extension_tag(&self, name: &str) -> bool {
        matches!(
            name,
            "nowiki" | "pre" | "ref" | "references" | "gallery" | "math" | "poem"
                | "syntaxhighlight" | "source" | "templatestyles" | "indicator" | "section"
                | "categorytree" | "timeline" | "score" | "graph" | "mapframe" | "maplink"
                | "chem" | "ce" | "hiero" | "imagemap" | "inputbox" | "charinsert"
                | "includeonly" | "noinclude" | "onlyinclude" | "langconvert"
        )
    }

    /// Whether `__NAME__` (upper-case name without underscores) is a behaviour switch.
    fn is_behavior_switch(&self, name: &str) -> bool {
        matches!(
            name,
            "NOTOC" | "FORCETOC" | "TOC" | "NOEDITSECTION" | "NEWSECTIONLINK"
                | "NONEWSECTIONLINK" | "NOGALLERY" | "HIDDENCAT" | "EXPECTUNUSEDCATEGORY"
                | "NOCONTENTCONVERT" | "NOCC" | "NOTITLECONVERT" | "NOTC" | "INDEX"
                | "NOINDEX" | "STATICREDIRECT" | "NOGLOBAL" | "DISAMBIG"
                | "EXPECTUNUSEDTEMPLATE" | "ARCHIVEDTALK" | "NOTALK"
        )
    }

    /// The wiki's language code (`"en"`).
    fn language(&self) -> &str {
        "en"
    }

    /// Whether an `[[File:...]]` exists, with its size; `None` when missing.
    fn media_info(&self, _name: &str) -> Option<MediaInfo> {
        None
    }
}

/// What the renderer needs to know about a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaInfo {
    pub width: u32,
    pub height: u32,
    pub url: String,
    pub media_type: String,
    pub mime: String,
}

/// The empty English wiki: every page is missing, the usual namespaces and protocols.
#[derive(Debug, Clone)]
pub struct DefaultSite {
    protocols: Vec<String>,
}

impl Default for DefaultSite {
    fn default() -> Self {
        DefaultSite { protocols: default_url_protocols() }
    }
}

impl Site for DefaultSite {
    fn url_protocols(&self) -> &[String] {
        &self.protocols
    }
}

/// MediaWiki's default `$wgUrlProtocols`, lower-case.
#[must_use]
pub fn default_url_protocols() -> Vec<String> {
    [
        "bitcoin:", "ftp://", "ftps://", "geo:", "git://", "gopher://", "http://", "https://",
        "irc://", "ircs://", "magnet:", "mailto:", "matrix:", "mms://", "news:", "nntp://",
        "redis://", "sftp://", "sip:", "sips:", "sms:", "ssh://", "svn://", "tel:",
        "telnet://", "urn:", "worldwind://", "xmpp:", "//",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect()
}

/// The namespaces of a default English MediaWiki.
#[must_use]
pub fn default_namespaces() -> Vec<Namespace> {
    [
        (-2, "Media"), (-1, "Special"), (0, ""), (1, "Talk"), (2, "User"), (3, "User talk"),
        (4, "Project"), (5, "Project talk"), (6, "File"), (7, "File talk"), (8, "MediaWiki"),
        (9, "MediaWiki talk"), (10, "Template"), (11, "Template talk"), (12, "Help"),
        (13, "Help talk"), (14, "Category"), (15, "Category talk"),
    ]
    .iter()
    .map(|&(id, name)| Namespace { id, name: name.to_string(), case_sensitive: false })
    .collect()
}

fn default_namespace_by_name(name: &str) -> Option<Namespace> {
    let norm = name.trim().replace('_', " ").to_lowercase();
    let alias = match norm.as_str() {
        "image" => "file",
        "image talk" => "file talk",
        other => other,
    };
    default_namespaces().into_iter().find(|n| n.name.to_lowercase() == alias)
}
