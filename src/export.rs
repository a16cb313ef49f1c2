//! Reading MediaWiki XML exports and dumps (Special:Export format, export
//! schema 0.10 and 0.11), plain, bzip2- or gzip-compressed.
//!
//! [`ExportReader`] streams pages one at a time with bounded memory (one page
//! plus the decoder buffers); [`open`] sniffs compression by magic bytes;
//! [`load_pages`] collects every page of a file.
//!
//! Byte positions in errors are offsets into the *decompressed* XML.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// One page of an export: the text of its last `<revision>`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportPage {
    /// Title exactly as written in `<title>` (entities decoded, not normalized).
    pub title: String,
    /// `<ns>`; 0 when absent.
    pub namespace: i32,
    /// Wikitext of the last revision; empty when deleted or missing.
    pub text: String,
    /// Target of `<redirect title="..."/>`, if any.
    pub redirect: Option<String>,
    /// Page id (`<page><id>`).
    pub id: Option<u64>,
    /// Id of the last revision.
    pub revision_id: Option<u64>,
    /// Timestamp of the last revision, as written (e.g. `2024-01-01T00:00:00Z`).
    pub timestamp: Option<String>,
    /// Content model of the last revision (e.g. `wikitext`, `Scribunto`).
    pub model: Option<String>,
}

/// The `<siteinfo>` header of an export (defined beside the site it
/// configures, which needs no XML reader).
pub use crate::export_site::SiteInfo;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// What went wrong while reading an export.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportErrorKind {
    /// Reading the file or decompressing it failed.
    Io,
    /// The input is not well-formed XML (or not valid UTF-8).
    Xml,
    /// The input ends in the middle of a page (or of the siteinfo, or of a tag).
    Truncated,
    /// Well-formed XML that is not a MediaWiki export (wrong root element,
    /// a page without a title, a non-numeric id, nesting too deep, ...).
    Format,
    /// The file is compressed with a format this module does not read
    /// (xz, 7z).
    UnsupportedCompression,
}

impl fmt::Display for ExportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ExportErrorKind::Io => "I/O error",
            ExportErrorKind::Xml => "malformed XML",
            ExportErrorKind::Truncated => "truncated export",
            ExportErrorKind::Format => "not a valid MediaWiki export",
            ExportErrorKind::UnsupportedCompression => "unsupported compression",
        })
    }
}

/// Error reading a MediaWiki export.
#[derive(Debug)]
pub struct ExportError {
    kind: ExportErrorKind,
    message: String,
    position: Option<u64>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl ExportError {
    fn new(kind: ExportErrorKind, message: impl Into<String>, position: Option<u64>) -> Self {
        ExportError {
            kind,
            message: message.into(),
            position,
            source: None,
        }
    }

    fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    fn io(context: impl Into<String>, err: io::Error, position: Option<u64>) -> Self {
        let kind = if err.kind() == io::ErrorKind::UnexpectedEof {
            // A compressed stream cut short.
            ExportErrorKind::Truncated
        } else {
            ExportErrorKind::Io
        };
        let message = format!("{}: {}", context.into(), err);
        ExportError::new(kind, message, position).with_source(err)
    }

    /// The category of the error.
    pub fn kind(&self) -> ExportErrorKind {
        self.kind
    }

    /// Byte offset into the decompressed XML where the error was detected, if known.
    pub fn position(&self) -> Option<u64> {
        self.position
    }

    /// Human-readable description (without the kind and position).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)?;
        if let Some(pos) = self.position {
            write!(f, " (at byte {pos} of the XML)")?;
        }
        Ok(())
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

// ---------------------------------------------------------------------------
// Streaming reader
// ---------------------------------------------------------------------------

/// Deepest element nesting accepted; real exports nest at most ~5 levels.
const MAX_DEPTH: usize = 64;

/// The most room a `<text bytes="N">` attribute reserves ahead (16 MiB,
/// above MediaWiki's largest page size); more text still grows the string.
const MAX_TEXT_RESERVE: usize = 1 << 24;

/// A leaf element whose text is being collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    SiteName,
    DbName,
    Base,
    Case,
    Namespace,
    Title,
    Ns,
    PageId,
    Redirect,
    RevId,
    Timestamp,
    Model,
    Text,
}

#[derive(Debug, Default)]
struct PageBuilder {
    title: Option<String>,
    ns: Option<i32>,
    id: Option<u64>,
    redirect: Option<String>,
    // Fields of the revision being read; reset at each <revision>, so the
    // last revision wins.
    rev_id: Option<u64>,
    timestamp: Option<String>,
    model: Option<String>,
    text: Option<String>,
}

/// Streaming reader over a MediaWiki export: yields pages one at a time with
/// bounded memory (never holds the whole dump).
pub struct ExportReader<R: BufRead> {
    xml: quick_xml::Reader<R>,
    buf: Vec<u8>,
    /// Local names of the open elements; `stack[0]` is the root.
    stack: Vec<String>,
    root_closed: bool,
    site_info: Option<SiteInfo>,
    /// True once the siteinfo is complete or the first page has started.
    header_done: bool,
    page: Option<PageBuilder>,
    /// Field currently collecting text, and the depth of its element.
    field: Option<(Field, usize)>,
    field_text: String,
    /// Pending (key, case) of the `<namespace>` being read.
    ns_attrs: (i32, String),
    truncated: bool,
    finished: bool,
    pages_read: u64,
}

impl<R: BufRead> fmt::Debug for ExportReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExportReader").finish_non_exhaustive()
    }
}

impl<R: BufRead> ExportReader<R> {
    /// Wrap an (already decompressed) XML byte stream.
    pub fn new(r: R) -> Self {
        let mut xml = quick_xml::Reader::from_reader(r);
        let cfg = xml.config_mut();
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
        cfg.trim_text(false);
        ExportReader {
            xml,
            buf: Vec::with_capacity(64 * 1024),
            stack: Vec::new(),
            root_closed: false,
            site_info: None,
            header_done: false,
            page: None,
            field: None,
            field_text: String::new(),
            ns_attrs: (0, String::new()),
            truncated: false,
            finished: false,
            pages_read: 0,
        }
    }

    /// Read up to the first `<page>` (or the end) and return the `<siteinfo>`,
    /// `None` if the export has none. Does not consume any page.
    pub fn site_info(&mut self) -> Result<Option<&SiteInfo>, ExportError> {
        while !self.header_done && !self.finished {
            // No page can complete here: a <page> start sets header_done,
            // so the loop stops before that page is read.
            self.step()?;
        }
        Ok(self.site_info.as_ref())
    }

    /// True if the input ended without the closing `</mediawiki>`: either
    /// cleanly after a complete `</page>` (or right after the root start tag),
    /// as a dump head does, with no error reported; or inside a page, after
    /// the iterator's one `Err` of kind [`ExportErrorKind::Truncated`].
    /// Meaningful once the iterator has returned `None`.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// Number of pages yielded so far.
    pub fn pages_read(&self) -> u64 {
        self.pages_read
    }

    /// Byte offset reached in the decompressed XML.
    pub fn position(&self) -> u64 {
        self.xml.buffer_position()
    }

    fn pos(&self) -> Option<u64> {
        Some(self.xml.buffer_position())
    }

    fn fail(&mut self, err: ExportError) -> ExportError {
        if err.kind == ExportErrorKind::Truncated {
            self.truncated = true;
        }
        self.finished = true;
        self.page = None;
        err
    }

    fn format_err(&mut self, message: impl Into<String>) -> ExportError {
        let e = ExportError::new(ExportErrorKind::Format, message, self.pos());
        self.fail(e)
    }

    fn xml_err(&mut self, err: quick_xml::Error) -> ExportError {
        use quick_xml::errors::SyntaxError as S;
        let pos = Some(self.xml.error_position());
        let e =
            match &err {
                quick_xml::Error::Io(io_err) => {
                    let kind = if io_err.kind() == io::ErrorKind::UnexpectedEof {
                        ExportErrorKind::Truncated
                    } else {
                        ExportErrorKind::Io
                    };
                    ExportError::new(
                        kind,
                        format!("reading input: {io_err}"),
                        Some(self.xml.buffer_position()),
                    )
                }
                quick_xml::Error::Syntax(
                    S::UnclosedPI
                    | S::UnclosedXmlDecl
                    | S::UnclosedComment
                    | S::UnclosedDoctype
                    | S::UnclosedCData
                    | S::UnclosedTag
                    | S::UnclosedSingleQuotedAttributeValue
                    | S::UnclosedDoubleQuotedAttributeValue,
                ) => ExportError::new(
                    ExportErrorKind::Truncated,
                    format!(
                        "input ends inside markup ({err}) after {} complete page(s)",
                        self.pages_read
                    ),
                    pos,
                ),
                quick_xml::Error::IllFormed(
                    quick_xml::errors::IllFormedError::UnclosedReference,
                ) if self.at_eof() => ExportError::new(
                    ExportErrorKind::Truncated,
                    format!(
                        "input ends inside an entity reference after {} complete page(s)",
                        self.pages_read
                    ),
                    pos,
                ),
                quick_xml::Error::Encoding(quick_xml::encoding::EncodingError::Utf8(u))
                    if u.error_len().is_none() && self.at_eof() =>
                {
                    ExportError::new(
                        ExportErrorKind::Truncated,
                        format!(
                            "input ends inside a UTF-8 character after {} complete page(s)",
                            self.pages_read
                        ),
                        Some(self.xml.buffer_position()),
                    )
                }
                quick_xml::Error::Encoding(_) => ExportError::new(
                    ExportErrorKind::Xml,
                    err.to_string(),
                    Some(self.xml.buffer_position()),
                ),
                _ => ExportError::new(ExportErrorKind::Xml, err.to_string(), pos),
            }
            .with_source(err);
        self.fail(e)
    }

    /// After an error that quick-xml reports both for a cut input and for a
    /// mistake mid-document (`&amp` without `;`), tell them apart: true if
    /// nothing follows. Consumes input, so only call it while failing.
    fn at_eof(&mut self) -> bool {
        let mut scratch = Vec::new();
        matches!(self.xml.read_event_into(&mut scratch), Ok(Event::Eof))
    }

    /// Process one XML event. Returns a page when a `</page>` completes one.
    fn step(&mut self) -> Result<Option<ExportPage>, ExportError> {
        self.buf.clear();
        // Take the buffer out so that events borrowing it do not borrow self.
        let mut buf = std::mem::take(&mut self.buf);
        let result = self.step_with(&mut buf);
        self.buf = buf;
        result
    }

    fn step_with(&mut self, buf: &mut Vec<u8>) -> Result<Option<ExportPage>, ExportError> {
        let event = match self.xml.read_event_into(buf) {
            Ok(ev) => ev,
            Err(e) => return Err(self.xml_err(e)),
        };
        match event {
            Event::Start(e) => {
                self.start(&e)?;
                Ok(None)
            }
            Event::Empty(e) => {
                self.start(&e)?;
                let name = e.local_name().as_ref().to_owned();
                self.end(&name)
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_owned();
                self.end(&name)
            }
            Event::Text(t) => {
                if self.field.is_some() {
                    self.field_text.push_str(&t.xml10_content());
                } else if self.stack.is_empty() && !t.trim_ascii().is_empty() {
                    let what = if self.root_closed { "after" } else { "before" };
                    return Err(self
                        .format_err(format!("text {what} the root element (not an XML export?)")));
                }
                Ok(None)
            }
            Event::CData(t) => {
                if self.field.is_some() {
                    self.field_text.push_str(&t.xml10_content());
                }
                Ok(None)
            }
            Event::GeneralRef(r) => {
                let resolved: Option<char> = match r.resolve_char_ref() {
                    Ok(c) => c,
                    Err(e) => return Err(self.xml_err(e)),
                };
                let s: &str;
                let tmp;
                if let Some(c) = resolved {
                    tmp = c.to_string();
                    s = &tmp;
                } else if let Some(p) = quick_xml::escape::resolve_predefined_entity(&r) {
                    s = p;
                } else {
                    let msg = format!("unknown entity &{};", &*r);
                    let e = ExportError::new(ExportErrorKind::Xml, msg, self.pos());
                    return Err(self.fail(e));
                }
                if self.field.is_some() {
                    self.field_text.push_str(s);
                } else if self.stack.is_empty() {
                    return Err(self.format_err("entity reference outside the root element"));
                }
                Ok(None)
            }
            Event::Eof => self.eof(),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => Ok(None),
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), ExportError> {
        // Check every attribute's well-formedness (duplicates, quoting),
        // even of elements whose attributes are not used.
        for a in e.attributes() {
            if let Err(err) = a {
                return Err(self.xml_err(err.into()));
            }
        }
        let local = e.local_name();
        let name = local.as_ref();
        let depth = self.stack.len(); // depth of this element (root = 0)
        if depth >= MAX_DEPTH {
            return Err(self.format_err(format!("elements nested deeper than {MAX_DEPTH} levels")));
        }
        if depth == 0 {
            if self.root_closed {
                return Err(self.format_err("a second root element after </mediawiki>"));
            }
            if name != "mediawiki" {
                let n = name;
                return Err(self.format_err(format!(
                    "root element is <{n}>, expected <mediawiki> (not a MediaWiki export)"
                )));
            }
            let lang = e.attributes().flatten().find(|a| a.key.as_ref() == "xml:lang");
            if let Some(lang) = lang.and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned())) {
                self.site_info.get_or_insert_with(SiteInfo::default).language = Some(lang);
            }
        }
        let parent: &str = if depth >= 1 {
            &self.stack[depth - 1]
        } else {
            ""
        };
        let in_page = depth >= 2 && self.stack[1] == "page";
        let in_siteinfo = depth >= 2 && self.stack[1] == "siteinfo";

        if self.field.is_none() {
            let mut field = None;
            match (depth, name) {
                (1, "siteinfo") => {
                    // Keeps the language the root element gave.
                    self.site_info.get_or_insert_with(SiteInfo::default);
                }
                (1, "page") => {
                    self.header_done = true;
                    self.page = Some(PageBuilder::default());
                }
                (2, _) if in_siteinfo => {
                    field = match name {
                        "sitename" => Some(Field::SiteName),
                        "dbname" => Some(Field::DbName),
                        "base" => Some(Field::Base),
                        "case" => Some(Field::Case),
                        _ => None,
                    }
                }
                (3, "namespace") if in_siteinfo && parent == "namespaces" => {
                    let mut key = 0;
                    let mut case = String::new();
                    for a in e.attributes() {
                        let a = match a {
                            Ok(a) => a,
                            Err(err) => return Err(self.xml_err(err.into())),
                        };
                        let v = match a.normalized_value(XmlVersion::Implicit1_0) {
                            Ok(v) => v,
                            Err(err) => return Err(self.xml_err(err)),
                        };
                        match a.key.local_name().as_ref() {
                            "key" => match v.trim().parse() {
                                Ok(k) => key = k,
                                Err(_) => {
                                    return Err(self.format_err(format!("bad namespace key {v:?}")));
                                }
                            },
                            "case" => case = v.into_owned(),
                            _ => {}
                        }
                    }
                    self.ns_attrs = (key, case);
                    field = Some(Field::Namespace);
                }
                (2, _) if in_page => {
                    field = match name {
                        "title" => Some(Field::Title),
                        "ns" => Some(Field::Ns),
                        "id" => Some(Field::PageId),
                        "redirect" => Some(Field::Redirect),
                        "revision" => {
                            if let Some(p) = self.page.as_mut() {
                                p.rev_id = None;
                                p.timestamp = None;
                                p.model = None;
                                p.text = None;
                            }
                            None
                        }
                        _ => None,
                    }
                }
                (3, _) if in_page && parent == "revision" => {
                    field = match name {
                        "id" => Some(Field::RevId),
                        "timestamp" => Some(Field::Timestamp),
                        "model" => Some(Field::Model),
                        "text" => Some(Field::Text),
                        _ => None,
                    }
                }
                _ => {}
            }
            if field == Some(Field::Redirect) {
                // <redirect title="..."/>: the target is an attribute.
                for a in e.attributes() {
                    let a = match a {
                        Ok(a) => a,
                        Err(err) => return Err(self.xml_err(err.into())),
                    };
                    if a.key.local_name().as_ref() == "title" {
                        let v = match a.normalized_value(XmlVersion::Implicit1_0) {
                            Ok(v) => v,
                            Err(err) => return Err(self.xml_err(err)),
                        };
                        if let Some(p) = self.page.as_mut() {
                            p.redirect = Some(v.into_owned());
                        }
                    }
                }
            }
            if let Some(f) = field {
                self.field = Some((f, depth));
                self.field_text.clear();
                if f == Field::Text {
                    // A dump's `<text bytes="N">` gives the text's size: room
                    // for it up front, not a copy at each doubling (a page's
                    // text arrives in many pieces, split at entities). The
                    // attribute is a hint; a lie costs at most the cap.
                    let bytes = e.try_get_attribute("bytes").ok().flatten().and_then(|a| a.value.trim().parse::<usize>().ok());
                    if let Some(bytes) = bytes {
                        self.field_text.reserve(bytes.min(MAX_TEXT_RESERVE));
                    }
                }
            }
        }
        self.stack.push(name.to_owned());
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<Option<ExportPage>, ExportError> {
        if self.stack.pop().is_none() {
            let n = name;
            return Err(self.format_err(format!("unexpected end tag </{n}>")));
        }
        let depth = self.stack.len(); // depth of the element just closed
        if let Some((field, fdepth)) = self.field
            && fdepth == depth
        {
            self.field = None;
            let text = std::mem::take(&mut self.field_text);
            self.store(field, text)?;
            return Ok(None);
        }
        match (depth, name) {
            (0, _) => {
                self.root_closed = true;
                self.header_done = true;
                Ok(None)
            }
            (1, "siteinfo") => {
                self.header_done = true;
                Ok(None)
            }
            (1, "page") => {
                let Some(p) = self.page.take() else {
                    return Ok(None);
                };
                let Some(title) = p.title else {
                    return Err(self.format_err(format!(
                        "<page> without <title> (after {} page(s))",
                        self.pages_read
                    )));
                };
                self.pages_read += 1;
                Ok(Some(ExportPage {
                    title,
                    namespace: p.ns.unwrap_or(0),
                    text: p.text.unwrap_or_default(),
                    redirect: p.redirect,
                    id: p.id,
                    revision_id: p.rev_id,
                    timestamp: p.timestamp,
                    model: p.model,
                }))
            }
            _ => Ok(None),
        }
    }

    fn parse_num<T: std::str::FromStr>(&mut self, what: &str, s: &str) -> Result<T, ExportError> {
        match s.trim().parse() {
            Ok(v) => Ok(v),
            Err(_) => Err(self.format_err(format!("{what} is not a number: {s:?}"))),
        }
    }

    fn store(&mut self, field: Field, text: String) -> Result<(), ExportError> {
        match field {
            Field::SiteName | Field::DbName | Field::Base | Field::Case => {
                let si = self.site_info.get_or_insert_with(SiteInfo::default);
                let slot = match field {
                    Field::SiteName => &mut si.site_name,
                    Field::DbName => &mut si.db_name,
                    Field::Base => &mut si.base,
                    _ => &mut si.case,
                };
                *slot = Some(text);
            }
            Field::Namespace => {
                let (key, case) = std::mem::take(&mut self.ns_attrs);
                let si = self.site_info.get_or_insert_with(SiteInfo::default);
                si.namespaces.push((key, text, case));
            }
            Field::Title => self.page_mut().title = Some(text),
            Field::Ns => {
                let v = self.parse_num("<ns>", &text)?;
                self.page_mut().ns = Some(v);
            }
            Field::PageId => {
                let v = self.parse_num("page <id>", &text)?;
                self.page_mut().id = Some(v);
            }
            Field::Redirect => {
                // Old schemas had <redirect/> without a title; keep any text
                // content only if no title attribute was given.
                let p = self.page_mut();
                if p.redirect.is_none() && !text.trim().is_empty() {
                    p.redirect = Some(text);
                }
            }
            Field::RevId => {
                let v = self.parse_num("revision <id>", &text)?;
                self.page_mut().rev_id = Some(v);
            }
            Field::Timestamp => self.page_mut().timestamp = Some(text),
            Field::Model => self.page_mut().model = Some(text),
            // <text deleted="deleted"/> arrives as an empty element: "".
            Field::Text => self.page_mut().text = Some(text),
        }
        Ok(())
    }

    fn page_mut(&mut self) -> &mut PageBuilder {
        self.page.get_or_insert_with(PageBuilder::default)
    }

    fn eof(&mut self) -> Result<Option<ExportPage>, ExportError> {
        self.header_done = true;
        match self.stack.len() {
            0 if self.root_closed => {
                self.finished = true;
                Ok(None)
            }
            0 => {
                let e = ExportError::new(
                    ExportErrorKind::Format,
                    "no <mediawiki> root element (empty input or not an XML export)",
                    self.pos(),
                );
                Err(self.fail(e))
            }
            1 => {
                // Ended between pages: a dump head. Not fatal.
                self.truncated = true;
                self.finished = true;
                Ok(None)
            }
            _ => {
                let inside = if self.stack[1] == "page" {
                    "a <page>"
                } else {
                    "<siteinfo>"
                };
                let e = ExportError::new(
                    ExportErrorKind::Truncated,
                    format!(
                        "input ends inside {inside} after {} complete page(s)",
                        self.pages_read
                    ),
                    self.pos(),
                );
                self.truncated = true;
                Err(self.fail(e))
            }
        }
    }
}

impl<R: BufRead> Iterator for ExportReader<R> {
    type Item = Result<ExportPage, ExportError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            match self.step() {
                Ok(Some(page)) => return Some(Ok(page)),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

impl<R: BufRead> std::iter::FusedIterator for ExportReader<R> {}

// ---------------------------------------------------------------------------
// Opening files
// ---------------------------------------------------------------------------

/// Wrap a raw byte stream, detecting bzip2 (`BZh`) or gzip (`1f 8b`) by magic
/// bytes; anything else is read as plain XML. Concatenated bzip2 streams
/// (multistream dumps) and concatenated gzip members are decoded fully.
pub fn decompress<R: Read + Send + 'static>(raw: R, what: &str) -> Result<Box<dyn BufRead + Send>, ExportError> {
    let mut inner = BufReader::with_capacity(256 * 1024, raw);
    // Peek without consuming; a pipe may deliver fewer bytes per read, so
    // gather up to 6 bytes into a prefix that is chained back in front.
    let mut head = Vec::with_capacity(6);
    while head.len() < 6 {
        let avail = match inner.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ExportError::io(format!("reading {what}"), e, None)),
        };
        if avail.is_empty() {
            break;
        }
        let n = avail.len().min(6 - head.len());
        head.extend_from_slice(&avail[..n]);
        inner.consume(n);
    }
    let unsupported = |name: &str| {
        Err(ExportError::new(
            ExportErrorKind::UnsupportedCompression,
            format!(
                "{what} is {name}-compressed; decompress it first (bzip2, gzip, zstd and plain XML are read)"
            ),
            None,
        ))
    };
    let kind: &str = if head.starts_with(b"BZh") {
        "bz2"
    } else if head.starts_with(&[0x1f, 0x8b]) {
        "gz"
    } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0x00]) {
        return unsupported("xz");
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        "zst"
    } else if head.starts_with(&[b'7', b'z', 0xbc, 0xaf, 0x27, 0x1c]) {
        return unsupported("7z");
    } else {
        "plain"
    };
    let chained = io::Cursor::new(head).chain(inner);
    Ok(match kind {
        "bz2" => Box::new(BufReader::with_capacity(
            256 * 1024,
            bzip2::bufread::MultiBzDecoder::new(chained),
        )),
        "gz" => Box::new(BufReader::with_capacity(
            256 * 1024,
            flate2::bufread::MultiGzDecoder::new(chained),
        )),
        // zstd's reader goes on through concatenated frames.
        "zst" => Box::new(BufReader::with_capacity(
            256 * 1024,
            zstd::stream::read::Decoder::with_buffer(chained)
                .map_err(|e| ExportError::io(format!("reading {what}"), e, None))?,
        )),
        _ => Box::new(chained),
    })
}

/// Open a path (`-` = stdin), sniffing compression by magic bytes (`BZh`,
/// `1f 8b`, `28 b5 2f fd`), not by extension.
pub fn open(path: &Path) -> Result<ExportReader<Box<dyn BufRead + Send>>, ExportError> {
    let reader = if path.as_os_str() == "-" {
        decompress(io::stdin(), "standard input")?
    } else {
        let what = path.display().to_string();
        let file =
            File::open(path).map_err(|e| ExportError::io(format!("opening {what}"), e, None))?;
        decompress(file, &what)?
    };
    Ok(ExportReader::new(reader))
}

/// One page from its `<page>...</page>` element, as [`crate::dump`] cuts a
/// dump into pages: the page is read on its own, so a fault in it (bad XML,
/// invalid UTF-8) fails that page alone.
pub fn parse_page(element: &[u8]) -> Result<ExportPage, ExportError> {
    let mut xml = Vec::with_capacity(element.len() + 24);
    xml.extend_from_slice(b"<mediawiki>");
    xml.extend_from_slice(element);
    xml.extend_from_slice(b"</mediawiki>");
    let mut reader = ExportReader::new(&xml[..]);
    match reader.next() {
        Some(Ok(page)) if reader.next().is_none() => Ok(page),
        Some(Ok(_)) => Err(ExportError::new(ExportErrorKind::Format, "more than one <page> in a page element", None)),
        Some(Err(e)) => Err(e),
        None => Err(ExportError::new(ExportErrorKind::Format, "no <page> in a page element", None)),
    }
}

/// The siteinfo of an export's header: everything before its first `<page>`.
pub fn parse_header(header: &[u8]) -> Result<Option<SiteInfo>, ExportError> {
    let mut xml = header.to_vec();
    xml.extend_from_slice(b"</mediawiki>");
    let mut reader = ExportReader::new(&xml[..]);
    Ok(reader.site_info()?.cloned())
}

/// The siteinfo of an export or dump file (`-` = stdin), reading no further
/// than its first page.
pub fn load_site_info(path: &Path) -> Result<Option<SiteInfo>, ExportError> {
    Ok(open(path)?.site_info()?.cloned())
}

/// Load every page of an export, plus its siteinfo. Titles are kept exactly
/// as written in `<title>` (callers normalize); pages come in file order, so
/// building a map from the Vec makes a later duplicate title win.
///
/// A file that ends cleanly between pages (a dump head) loads fine; a file
/// cut inside a page returns the `Truncated` error.
pub fn load_pages(path: &Path) -> Result<(Option<SiteInfo>, Vec<ExportPage>), ExportError> {
    let mut reader = open(path)?;
    let site = reader.site_info()?.cloned();
    let mut pages = Vec::new();
    for page in &mut reader {
        pages.push(page?);
    }
    Ok((site, pages))
}

/// Every page of an export or dump at `path` as page sources for templates
/// (`"-"` reads standard input). Redirect pages are kept as written, so
/// transclusion follows them.
pub fn load_page_sources(path: &Path) -> Result<crate::PageSources, ExportError> {
    let mut pages = crate::PageSources::default();
    for page in open(path)? {
        let page = page?;
        pages.insert(page.title, page.text);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    const NS10: &str = "http://www.mediawiki.org/xml/export-0.10/";
    const NS11: &str = "http://www.mediawiki.org/xml/export-0.11/";

    fn head(ns: &str) -> String {
        format!(
            r#"<mediawiki xmlns="{ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="0.10" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <dbname>enwiki</dbname>
    <base>https://en.wikipedia.org/wiki/Main_Page</base>
    <generator>MediaWiki 1.42</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="-2" case="first-letter">Media</namespace>
      <namespace key="0" case="first-letter" />
      <namespace key="10" case="first-letter">Template</namespace>
      <namespace key="828" case="case-sensitive">Module</namespace>
    </namespaces>
  </siteinfo>
"#
        )
    }

    const PAGE_A: &str = r#"  <page>
    <title>Template:Foo &amp; bar</title>
    <ns>10</ns>
    <id>42</id>
    <revision>
      <id>100</id>
      <timestamp>2020-01-01T00:00:00Z</timestamp>
      <contributor><username>X</username><id>7</id></contributor>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text bytes="3" xml:space="preserve">old</text>
    </revision>
    <revision>
      <id>101</id>
      <parentid>100</parentid>
      <timestamp>2021-02-03T04:05:06Z</timestamp>
      <contributor><username>Y</username><id>8</id></contributor>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text bytes="40" xml:space="preserve">{{{1|x}}} &lt;b&gt;&quot;q&quot;&apos;&#233;&#x263A;&lt;/b&gt;
line2 日本</text>
      <sha1>abc</sha1>
    </revision>
  </page>
"#;

    const PAGE_B: &str = r#"  <page>
    <title>Old name</title>
    <ns>0</ns>
    <id>43</id>
    <redirect title="New &amp; &quot;name&quot;" />
    <revision>
      <id>200</id>
      <timestamp>2022-01-01T00:00:00Z</timestamp>
      <contributor deleted="deleted" />
      <model>wikitext</model>
      <text bytes="20" xml:space="preserve">#REDIRECT [[New name]]</text>
    </revision>
  </page>
"#;

    const PAGE_C: &str = r#"  <page>
    <title>Hidden</title>
    <ns>0</ns>
    <id>44</id>
    <revision>
      <id>300</id>
      <timestamp>2023-01-01T00:00:00Z</timestamp>
      <model>Scribunto</model>
      <text bytes="0" deleted="deleted" />
    </revision>
  </page>
"#;

    fn full(ns: &str) -> String {
        format!("{}{PAGE_A}{PAGE_B}{PAGE_C}</mediawiki>\n", head(ns))
    }

    fn read_all<R: BufRead>(r: &mut ExportReader<R>) -> Vec<Result<ExportPage, ExportError>> {
        r.by_ref().collect()
    }

    fn check_full(pages: &[ExportPage]) {
        assert_eq!(pages.len(), 3);
        let a = &pages[0];
        assert_eq!(a.title, "Template:Foo & bar");
        assert_eq!(a.namespace, 10);
        assert_eq!(a.id, Some(42));
        assert_eq!(a.revision_id, Some(101));
        assert_eq!(a.timestamp.as_deref(), Some("2021-02-03T04:05:06Z"));
        assert_eq!(a.model.as_deref(), Some("wikitext"));
        assert_eq!(a.text, "{{{1|x}}} <b>\"q\"'\u{e9}\u{263a}</b>\nline2 日本");
        assert_eq!(a.redirect, None);
        let b = &pages[1];
        assert_eq!(b.title, "Old name");
        assert_eq!(b.redirect.as_deref(), Some("New & \"name\""));
        assert_eq!(b.text, "#REDIRECT [[New name]]");
        assert_eq!(b.revision_id, Some(200));
        let c = &pages[2];
        assert_eq!(c.text, "");
        assert_eq!(c.model.as_deref(), Some("Scribunto"));
        assert_eq!(c.revision_id, Some(300));
    }

    fn check_site(si: &SiteInfo) {
        assert_eq!(si.site_name.as_deref(), Some("Wikipedia"));
        assert_eq!(si.db_name.as_deref(), Some("enwiki"));
        assert_eq!(
            si.base.as_deref(),
            Some("https://en.wikipedia.org/wiki/Main_Page")
        );
        assert_eq!(si.case.as_deref(), Some("first-letter"));
        assert_eq!(
            si.namespaces,
            vec![
                (-2, "Media".into(), "first-letter".into()),
                (0, "".into(), "first-letter".into()),
                (10, "Template".into(), "first-letter".into()),
                (828, "Module".into(), "case-sensitive".into()),
            ]
        );
    }

    #[test]
    fn plain_schema_010() {
        let xml = full(NS10);
        let mut r = ExportReader::new(xml.as_bytes());
        check_site(r.site_info().unwrap().unwrap());
        let pages: Vec<_> = read_all(&mut r).into_iter().map(Result::unwrap).collect();
        check_full(&pages);
        assert!(!r.truncated());
        assert!(r.next().is_none());
    }

    #[test]
    fn schema_011_namespace_uri() {
        let xml = full(NS11).replace("version=\"0.10\"", "version=\"0.11\"");
        let mut r = ExportReader::new(xml.as_bytes());
        check_site(r.site_info().unwrap().unwrap());
        let pages: Vec<_> = read_all(&mut r).into_iter().map(Result::unwrap).collect();
        check_full(&pages);
    }

    #[test]
    fn iterate_without_calling_site_info_then_site_info() {
        let xml = full(NS10);
        let mut r = ExportReader::new(xml.as_bytes());
        let pages: Vec<_> = read_all(&mut r).into_iter().map(Result::unwrap).collect();
        check_full(&pages);
        check_site(r.site_info().unwrap().unwrap());
    }

    #[test]
    fn no_siteinfo_is_fine() {
        let xml = format!("<mediawiki xmlns=\"{NS10}\">\n{PAGE_B}</mediawiki>");
        let mut r = ExportReader::new(xml.as_bytes());
        assert!(r.site_info().unwrap().is_none());
        let pages: Vec<_> = read_all(&mut r).into_iter().map(Result::unwrap).collect();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].title, "Old name");
    }

    #[test]
    fn bom_decl_comments_doctype() {
        let xml = format!(
            "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c -->\n<mediawiki xmlns=\"{NS11}\">\n{PAGE_B}<!-- x --></mediawiki>\n"
        );
        let pages: Vec<_> = ExportReader::new(xml.as_bytes())
            .map(Result::unwrap)
            .collect();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].redirect.as_deref(), Some("New & \"name\""));
    }

    #[test]
    fn prefixed_elements_use_local_names() {
        let xml = "<mw:mediawiki xmlns:mw=\"http://www.mediawiki.org/xml/export-0.11/\">\
                   <mw:page><mw:title>P</mw:title><mw:ns>2</mw:ns><mw:revision><mw:text>t</mw:text></mw:revision></mw:page></mw:mediawiki>";
        let pages: Vec<_> = ExportReader::new(xml.as_bytes())
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            (
                pages[0].title.as_str(),
                pages[0].namespace,
                pages[0].text.as_str()
            ),
            ("P", 2, "t")
        );
    }

    #[test]
    fn missing_text_and_revision() {
        let xml = "<mediawiki><page><title>A</title><ns>0</ns><revision><id>1</id></revision></page>\
                   <page><title>B</title></page></mediawiki>";
        let pages: Vec<_> = ExportReader::new(xml.as_bytes())
            .map(Result::unwrap)
            .collect();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].text, "");
        assert_eq!(pages[0].revision_id, Some(1));
        assert_eq!(pages[1].text, "");
        assert_eq!(pages[1].namespace, 0);
        assert_eq!(pages[1].revision_id, None);
    }

    #[test]
    fn cdata_crlf_and_slot_content_ignored() {
        // Schema 0.11 may carry extra slots in <content>; only the main slot
        // (<revision><text>) is taken.
        let xml = "<mediawiki><page><title>A</title><revision><text><![CDATA[x<y]]>\r\nz</text>\
                   <content><role>mediainfo</role><text>SLOT</text></content></revision></page></mediawiki>";
        let pages: Vec<_> = ExportReader::new(xml.as_bytes())
            .map(Result::unwrap)
            .collect();
        assert_eq!(pages[0].text, "x<y\nz");
    }

    #[test]
    fn dump_head_without_closing_root() {
        let xml = format!("{}{PAGE_A}{PAGE_B}", head(NS10));
        let mut r = ExportReader::new(xml.as_bytes());
        let res = read_all(&mut r);
        assert_eq!(res.len(), 2);
        assert!(res.iter().all(Result::is_ok));
        assert!(r.truncated());
        assert!(r.next().is_none());
    }

    #[test]
    fn truncated_mid_page() {
        let xml = format!("{}{PAGE_A}{PAGE_B}", head(NS10));
        // Cut at many points inside the third page (PAGE_C's prefix).
        for cut in 1..PAGE_C.len() - 1 {
            let doc = format!("{xml}{}", &PAGE_C[..cut]);
            let mut r = ExportReader::new(doc.as_bytes());
            let res = read_all(&mut r);
            let cut_text = &PAGE_C[..cut];
            if cut_text.trim().is_empty() {
                assert_eq!(res.len(), 2, "cut {cut}");
                continue;
            }
            assert_eq!(res.len(), 3, "cut {cut}: {:?}", res.last());
            assert!(res[0].is_ok() && res[1].is_ok());
            let err = res[2].as_ref().unwrap_err();
            assert_eq!(err.kind(), ExportErrorKind::Truncated, "cut {cut}: {err}");
            assert!(err.position().is_some());
            assert!(r.next().is_none());
        }
    }

    #[test]
    fn truncated_inside_entity_vs_bad_entity() {
        let doc = "<mediawiki><page><title>A</title></page><page><title>B &am";
        let res: Vec<_> = ExportReader::new(doc.as_bytes()).collect();
        assert_eq!(res.len(), 2);
        assert_eq!(
            res[1].as_ref().unwrap_err().kind(),
            ExportErrorKind::Truncated
        );
        let doc = "<mediawiki><page><title>B &amp x</title></page></mediawiki>";
        let res: Vec<_> = ExportReader::new(doc.as_bytes()).collect();
        assert_eq!(res.len(), 1);
        assert_eq!(res[0].as_ref().unwrap_err().kind(), ExportErrorKind::Xml);
    }

    #[test]
    fn every_cut_point_is_truncated_never_other() {
        let doc = full(NS10);
        let b = doc.as_bytes();
        for cut in 1..b.len() {
            let mut r = ExportReader::new(&b[..cut]);
            let res = read_all(&mut r);
            let errs: Vec<_> = res.iter().filter_map(|x| x.as_ref().err()).collect();
            assert!(errs.len() <= 1, "cut {cut}");
            if let Some(e) = errs.first() {
                assert_eq!(e.kind(), ExportErrorKind::Truncated, "cut {cut}: {e}");
                assert!(res.last().unwrap().is_err(), "cut {cut}: error not last");
            } else {
                assert!(r.truncated() || cut >= doc.trim_end().len(), "cut {cut}");
            }
            let ok = res.iter().filter(|x| x.is_ok()).count();
            assert!(ok <= 3);
            if ok == 3 {
                check_full(&res.into_iter().filter_map(Result::ok).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn truncated_in_siteinfo() {
        let h = head(NS10);
        let doc = &h[..h.len() / 2];
        let mut r = ExportReader::new(doc.as_bytes());
        let err = r.site_info().unwrap_err();
        assert_eq!(err.kind(), ExportErrorKind::Truncated);
        assert!(r.next().is_none());
    }

    #[test]
    fn garbage_inputs_error_not_panic() {
        let cases: &[&[u8]] = &[
            b"",
            b"hello world",
            b"<html><body>x</body></html>",
            b"<mediawiki><page><title>A</title></pag></mediawiki>",
            b"<mediawiki><page><title>A &bogus; </title></page></mediawiki>",
            b"<mediawiki><page><title>A</title><ns>zero</ns></page></mediawiki>",
            b"<mediawiki><page><ns>0</ns></page></mediawiki>",
            b"<mediawiki><page><title>\xff\xfe</title></page></mediawiki>",
            b"<mediawiki><page a=\"1\" a=\"2\"><title>A</title></page></mediawiki>",
            b"<mediawiki></mediawiki><mediawiki></mediawiki>",
            b"<mediawiki><page><title>&#0;</title></page></mediawiki>",
            b"\x00\x01\x02\x03BZh",
            b"<<<<>>>>",
        ];
        for (i, case) in cases.iter().enumerate() {
            let mut r = ExportReader::new(*case);
            let res: Vec<_> = read_all(&mut r);
            let err = res.iter().find_map(|x| x.as_ref().err());
            let err = err.unwrap_or_else(|| panic!("case {i}: no error, got {res:?}"));
            assert!(!err.to_string().is_empty());
            assert!(r.next().is_none(), "case {i}: not fused");
        }
        // Deep nesting is bounded.
        let deep = format!("<mediawiki>{}", "<a>".repeat(10_000));
        let res: Vec<_> = ExportReader::new(deep.as_bytes()).collect();
        assert_eq!(res.len(), 1);
        assert_eq!(res[0].as_ref().unwrap_err().kind(), ExportErrorKind::Format);
        // Random bytes never panic.
        let mut x: u32 = 12345;
        for _ in 0..200 {
            let mut doc = full(NS10).into_bytes();
            for _ in 0..8 {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let i = (x as usize >> 4) % doc.len();
                doc[i] = (x >> 24) as u8;
            }
            let _: Vec<_> = ExportReader::new(&doc[..]).collect();
        }
    }

    #[test]
    fn error_is_send_sync_static() {
        fn check<T: Send + Sync + 'static + std::error::Error>() {}
        check::<ExportError>();
    }

    #[test]
    fn error_display_has_position() {
        let doc = "<mediawiki><page><title>A</title></pag></mediawiki>";
        let err = ExportReader::new(doc.as_bytes())
            .find_map(Result::err)
            .unwrap();
        assert_eq!(err.kind(), ExportErrorKind::Xml);
        let msg = err.to_string();
        assert!(msg.contains("at byte"), "{msg}");
        assert!(std::error::Error::source(&err).is_some());
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn bzip(data: &[u8]) -> Vec<u8> {
        let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn via_decompress(bytes: Vec<u8>) -> ExportReader<Box<dyn BufRead + Send>> {
        ExportReader::new(decompress(Cursor::new(bytes), "test data").unwrap())
    }

    /// Split the document into three parts compressed separately and
    /// concatenated, as multistream dumps do.
    fn three_parts(xml: &str) -> [&[u8]; 3] {
        let b = xml.as_bytes();
        let (p1, p2) = (b.len() / 3, 2 * b.len() / 3);
        [&b[..p1], &b[p1..p2], &b[p2..]]
    }

    #[test]
    fn gzip_single_and_multi_member() {
        let xml = full(NS10);
        let mut r = via_decompress(gzip(xml.as_bytes()));
        check_site(r.site_info().unwrap().unwrap());
        check_full(
            &read_all(&mut r)
                .into_iter()
                .map(Result::unwrap)
                .collect::<Vec<_>>(),
        );

        let multi: Vec<u8> = three_parts(&xml).iter().flat_map(|p| gzip(p)).collect();
        let mut r = via_decompress(multi);
        check_full(
            &read_all(&mut r)
                .into_iter()
                .map(Result::unwrap)
                .collect::<Vec<_>>(),
        );
        assert!(!r.truncated());
    }

    #[test]
    fn bzip2_single_and_multistream() {
        let xml = full(NS11);
        let mut r = via_decompress(bzip(xml.as_bytes()));
        check_site(r.site_info().unwrap().unwrap());
        check_full(
            &read_all(&mut r)
                .into_iter()
                .map(Result::unwrap)
                .collect::<Vec<_>>(),
        );

        let multi: Vec<u8> = three_parts(&xml).iter().flat_map(|p| bzip(p)).collect();
        let mut r = via_decompress(multi);
        check_site(r.site_info().unwrap().unwrap());
        check_full(
            &read_all(&mut r)
                .into_iter()
                .map(Result::unwrap)
                .collect::<Vec<_>>(),
        );
        assert!(!r.truncated());
    }

    #[test]
    fn zstd_single_and_multi_frame() {
        let xml = full(NS11);
        let mut r = via_decompress(zstd::encode_all(xml.as_bytes(), 3).unwrap());
        check_site(r.site_info().unwrap().unwrap());
        check_full(&read_all(&mut r).into_iter().map(Result::unwrap).collect::<Vec<_>>());

        let multi: Vec<u8> = three_parts(&xml).iter().flat_map(|p| zstd::encode_all(*p, 3).unwrap()).collect();
        let mut r = via_decompress(multi);
        check_full(&read_all(&mut r).into_iter().map(Result::unwrap).collect::<Vec<_>>());
        assert!(!r.truncated());
    }

    #[test]
    fn truncated_compressed_stream() {
        let xml = full(NS10);
        for data in [gzip(xml.as_bytes()), bzip(xml.as_bytes()), zstd::encode_all(xml.as_bytes(), 3).unwrap()] {
            let cut = data[..data.len() - 10].to_vec();
            let res: Vec<_> = via_decompress(cut).collect();
            let err = res.iter().find_map(|x| x.as_ref().err()).expect("an error");
            assert!(
                matches!(err.kind(), ExportErrorKind::Truncated | ExportErrorKind::Io),
                "{err}"
            );
        }
    }

    #[test]
    fn unsupported_compression_detected() {
        let xz = vec![0xfd, b'7', b'z', b'X', b'Z', 0x00, 1, 2, 3];
        let err = decompress(Cursor::new(xz), "x").err().unwrap();
        assert_eq!(err.kind(), ExportErrorKind::UnsupportedCompression);
        // Tiny and empty inputs are read as plain.
        assert!(decompress(Cursor::new(Vec::new()), "x").is_ok());
        assert!(decompress(Cursor::new(b"B".to_vec()), "x").is_ok());
    }

    #[test]
    fn open_and_load_pages_sniff_by_magic_not_extension() {
        let dir = std::env::temp_dir().join(format!("wikitext-export-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let xml = full(NS10);
        // Deliberately misleading extensions.
        let files = [
            ("a.xml", bzip(xml.as_bytes())),
            ("b.bz2", gzip(xml.as_bytes())),
            ("c.gz", xml.clone().into_bytes()),
        ];
        for (name, data) in &files {
            let p = dir.join(name);
            std::fs::write(&p, data).unwrap();
            let (si, pages) = load_pages(&p).unwrap();
            check_site(si.as_ref().unwrap());
            check_full(&pages);
        }
        let err = open(&dir.join("missing.xml")).err().unwrap();
        assert_eq!(err.kind(), ExportErrorKind::Io);
        assert!(err.to_string().contains("missing.xml"));
        // Cut mid-page: load_pages reports Truncated.
        let p = dir.join("cut.xml");
        std::fs::write(&p, &xml.as_bytes()[..xml.len() - 200]).unwrap();
        assert_eq!(
            load_pages(&p).unwrap_err().kind(),
            ExportErrorKind::Truncated
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    fn shared_dir() -> Option<std::path::PathBuf> {
        let base = std::env::var("WIKITEXT_SHARED").unwrap_or_else(|_| "/work/shared".into());
        let dir = std::path::PathBuf::from(base).join("dumps");
        if dir.is_dir() {
            Some(dir)
        } else {
            eprintln!("note: {} absent; skipping real-dump test", dir.display());
            None
        }
    }

    fn real_dump(file: &str, lang: &str, expected_pages: usize) {
        let Some(dir) = shared_dir() else { return };
        let path = dir.join(file);
        if !path.exists() {
            eprintln!("note: {} absent; skipping", path.display());
            return;
        }
        let mut r = open(&path).unwrap();
        let si = r.site_info().unwrap().unwrap().clone();
        assert_eq!(si.db_name.as_deref(), Some(&*format!("{lang}wiki")));
        assert!(si.namespaces.iter().any(|(k, _, _)| *k == 10));
        let mut n = 0;
        let mut redirects = 0;
        for page in &mut r {
            let page = page.unwrap();
            assert!(!page.title.is_empty());
            assert!(page.revision_id.is_some() && page.id.is_some());
            redirects += page.redirect.is_some() as usize;
            n += 1;
        }
        assert_eq!(n, expected_pages);
        assert!(redirects > 0);
        assert!(r.truncated(), "dump head has no </mediawiki>");
        let (si2, pages) = load_pages(&path).unwrap();
        assert_eq!(si2.as_ref(), Some(&si));
        assert_eq!(pages.len(), expected_pages);
        if lang == "en" {
            let p = &pages[0];
            assert_eq!(p.title, "AccessibleComputing");
            assert_eq!(p.redirect.as_deref(), Some("Computer accessibility"));
            assert_eq!(p.id, Some(10));
            assert_eq!(p.revision_id, Some(1002250816));
            assert!(p.text.starts_with("#REDIRECT [[Computer accessibility]]"));
        } else {
            assert_eq!(pages[0].title, "Wikipedia:アップロードログ/2004年4月");
            assert_eq!(pages[0].namespace, 4);
        }
    }

    #[test]
    fn real_enwiki_head() {
        real_dump("enwiki-head.xml.bz2", "en", 251);
    }

    #[test]
    fn real_jawiki_head() {
        real_dump("jawiki-head.xml.bz2", "ja", 262);
    }
}
