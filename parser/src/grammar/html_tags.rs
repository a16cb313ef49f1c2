//! HTML tags, attributes, comments, entities and extension tags.
//!
//! # Grammar
//! ```text
//! comment       = "<!--" any* ("-->" | EOF)
//! start_tag     = "<" NAME attributes ws* "/"? ">"
//! end_tag       = "</" NAME ws* ">"
//! extension_tag = "<" NAME attributes ("/>" | ">" body "</" NAME ws* ">")
//! body          = RAW | TAG_BODY     (TAG_BODY: lines, for wikitext bodies)
//! attributes    = (ws | attribute | junk)*
//! attribute     = NAME (ws* "=" ws* value)?
//! value         = '"' [^"]* '"' | "'" [^']* "'" | [^ \t\n>]+
//! entity        = "&" ( [a-zA-Z][a-zA-Z0-9]* | "#" [0-9]+ | "#" [xX] [0-9a-fA-F]+ ) ";"
//! ```
//! Only tag names MediaWiki allows as HTML ([`is_html_tag`]) and the
//! configured extension tags become tags; any other `<name>` stays text,
//! which the renderer escapes, as Parsoid does.
//!
//! # Parsoid HTML
//! Comments become `<!--...-->`; allowed tags become elements with
//! `data-parsoid` `stx: "html"`; extension tags are rendered by their
//! extension (`<nowiki>` as `<span typeof="mw:Nowiki">`).
//!
//! # Node kinds
//! `COMMENT`, `HTML_START_TAG`, `HTML_END_TAG`, `EXTENSION_TAG`, `TAG_BODY`,
//! `ATTRIBUTES`, `ATTRIBUTE`, `ENTITY`.

use std::borrow::Cow;

use memchr::memmem;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_until, take_while};
use nom::character::complete::{alphanumeric0, char, digit1, hex_digit1, one_of, satisfy};
use nom::combinator::{eof, peek, recognize};
use nom::sequence::{preceded, terminated};
use nom::Parser as _;

use super::preprocessor::{match_brackets_in, Bracket};
use super::{matched, PResult, Stop};
use crate::parser::{Parser, MAX_DEPTH};
use crate::SyntaxKind::*;

/// A tag longer than this is not a tag. The cap keeps a page full of
/// unclosed `<div` openers linear.
const MAX_TAG_LEN: usize = 4096;

/// Tag names MediaWiki accepts as literal HTML in wikitext.
#[must_use]
pub fn is_html_tag(name: &str) -> bool {
    matches!(
        name,
        "b" | "bdi" | "del" | "i" | "ins" | "u" | "font" | "big" | "small" | "sub" | "sup"
            | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "cite" | "code" | "em" | "s"
            | "strike" | "strong" | "tt" | "var" | "div" | "center" | "blockquote" | "ol"
            | "ul" | "dl" | "table" | "caption" | "pre" | "ruby" | "rb" | "rp" | "rt" | "rtc"
            | "p" | "span" | "abbr" | "dfn" | "kbd" | "samp" | "data" | "time" | "mark" | "br"
            | "wbr" | "hr" | "li" | "dt" | "dd" | "meta" | "link" | "tr" | "td" | "th" | "q"
            | "bdo" | "tbody" | "thead" | "tfoot" | "img" | "nav" | "aside" | "section"
            | "article" | "header" | "footer" | "figure" | "figcaption" | "main" | "source"
            | "track" | "video" | "audio" | "label" | "hgroup"
    )
}

/// Extension tags that only mark regions; their content is ordinary wikitext.
fn is_transparent_tag(name: &str) -> bool {
    matches!(name, "noinclude" | "onlyinclude")
}

/// A tag's name: a letter, then letters and digits, ended by a space, `/`,
/// `>` or the end of the input.
fn name(input: &str) -> PResult<'_, &str> {
    // Letters and digits after an ASCII letter: any script's, as extension
    // tags may be named (`<tåg>`, T19663); HTML's own names are ASCII.
    let start = recognize((satisfy(|c| c.is_ascii_alphabetic()), take_while(char::is_alphanumeric)));
    terminated(start, peek(alt((eof, recognize(one_of(" \t\n\r/>")))))).parse(input)
}

/// The tag name at `i` (just after `<` or `</`), lower-cased, and its
/// length. Borrowed when it is lower-case already, as most are.
fn tag_name(src: &str, i: usize) -> Option<(Cow<'_, str>, usize)> {
    let (_, name) = name(&src[i..]).ok()?;
    let lower =
        if name.bytes().any(|c| c.is_ascii_uppercase()) { Cow::Owned(name.to_ascii_lowercase()) } else { Cow::Borrowed(name) };
    Some((lower, name.len()))
}

/// Whether `name` (lower-case) is one of `tags`.
fn is_listed(tags: &[String], name: &str) -> bool {
    tags.iter().any(|t| t == name)
}

/// Spaces and tabs.
pub(crate) fn spaces(input: &str) -> PResult<'_, &str> {
    take_while(|c| c == ' ' || c == '\t').parse(input)
}

/// A closed comment, `<!-- ... -->`.
pub(crate) fn closed_comment(input: &str) -> PResult<'_, &str> {
    recognize((tag("<!--"), take_until("-->"), tag("-->"))).parse(input)
}

/// A character reference: `&name;`, `&#123;`, `&#x1F;`, or one of
/// MediaWiki's right-to-left mark names in Hebrew and Arabic.
fn entity(input: &str) -> PResult<'_, &str> {
    let numeric = preceded(char('#'), alt((preceded(one_of("xX"), hex_digit1), digit1)));
    let named = recognize((satisfy(|c| c.is_ascii_alphabetic()), alphanumeric0));
    alt((tag("&רלמ;"), tag("&رلم;"), recognize((char('&'), alt((numeric, named)), char(';'))))).parse(input)
}

/// The end of the `>` of the tag starting at `i` (`<`), skipping quoted
/// attribute values; `None` when there is no `>` within reach.
fn tag_end(src: &str, i: usize, limit: usize, ext_tags: &[String]) -> Option<usize> {
    tag_end_of(src, i, limit, ext_tags, false).ok()
}

/// [`tag_end`] for an extension tag: a `<` in its attributes is theirs
/// (`<pre <pre>` is a `pre` with an attribute `<pre`), as MediaWiki's
/// preprocessor reads up to the `>`.
fn ext_tag_end(src: &str, i: usize, limit: usize, ext_tags: &[String]) -> Option<usize> {
    tag_end_of(src, i, limit, ext_tags, true).ok()
}

/// Where the tag at `i` ends; when it does not, where a tag may start
/// again: at the `<` that ended the scan (`<div <div>`), else past the
/// longest tag.
fn tag_end_of(src: &str, i: usize, limit: usize, ext_tags: &[String], ext: bool) -> Result<usize, usize> {
    let b = &src.as_bytes()[..limit.min(src.len())];
    let stop = (i + MAX_TAG_LEN).min(b.len());
    let mut j = i + 1;
    let mut quote: Option<u8> = None;
    while j < stop {
        let c = b[j];
        match quote {
            Some(q) if c == q => quote = None,
            // A comment inside a value is skipped whole (its `>` ends nothing).
            Some(_) if c == b'<' && b[j..].starts_with(b"<!--") => if let Some(o) = memmem::find(&b[j + 4..stop], b"-->") { j += 4 + o + 2 },
            // An extension tag inside a value is skipped whole
            // (`style="<nowiki>a</nowiki>"`).
            Some(_) if c == b'<' && tag_name(src, j + 1).is_some_and(|(n, _)| is_listed(ext_tags, &n)) => {
                let (name, _) = tag_name(src, j + 1).unwrap_or_default();
                if let Some(end) = find_close_tag(src, j + 1, stop, &name) { j = end - 1 }
            }
            // A `>` ends the tag even inside a quoted value, which then
            // runs unclosed to it (`<span title="a>b` has title `a`).
            Some(_) if c == b'>' => return Ok(j + 1),
            Some(_) => {}
            None => match c {
                b'>' => return Ok(j + 1),
                // An include directive among the attributes is the
                // preprocessor's (`<span <noinclude>id="a"</noinclude>>`):
                // it is skipped whole, its `>` ending nothing.
                b'<' if !ext => match inclusion_directive_end(src, j, stop) {
                    Some(end) => j = end - 1,
                    None => return Err(j),
                },
                // A quote opens a value only after `=`.
                b'"' | b'\'' if b[..j].iter().rev().find(|c| !c.is_ascii_whitespace()) == Some(&b'=') => quote = Some(c),
                _ => {}
            },
        }
        j += 1;
    }
    Err(stop)
}

/// If an include directive (`<noinclude>`, `</onlyinclude>`, a whole
/// `<includeonly>...</includeonly>`) starts at `i`, where it ends
/// (before `limit`).
fn inclusion_directive_end(src: &str, i: usize, limit: usize) -> Option<usize> {
    let b = &src.as_bytes()[..limit.min(src.len())];
    let closing = b.get(i + 1) == Some(&b'/');
    let at = i + 1 + usize::from(closing);
    let (name, len) = tag_name(src, at)?;
    if !matches!(name.as_ref(), "noinclude" | "onlyinclude" | "includeonly") {
        return None;
    }
    let mut e = at + len;
    while e < b.len() && matches!(b[e], b' ' | b'\t' | b'\n') {
        e += 1;
    }
    let self_closing = !closing && b.get(e) == Some(&b'/');
    let e = e + usize::from(self_closing);
    if b.get(e) != Some(&b'>') {
        return None;
    }
    if name == "includeonly" && !closing && !self_closing {
        return find_close_tag(src, e + 1, limit, "includeonly");
    }
    Some(e + 1)
}

/// If an extension element (not an include directive) starts at `i`,
/// where it ends: a heading's line runs on through one (`== a
/// <nowiki>b\nc</nowiki> ==`), as the preprocessor reads it whole.
pub(crate) fn extension_element_end(p: &mut Parser<'_>, i: usize) -> Option<usize> {
    let src = p.src;
    let (name, _) = tag_name(src, i + 1)?;
    if !is_listed(p.ext_tags, &name) || is_transparent_tag(&name) || name == "includeonly" {
        return None;
    }
    let open_end = ext_tag_end(src, i, p.limit, p.ext_tags)?;
    if src.as_bytes()[open_end - 2] == b'/' {
        return Some(open_end);
    }
    p.find_close_tag_cached(open_end, &name)
}

/// If an extension tag starts at `i`, where its whole extent ends.
pub(crate) fn extension_tag_extent(
    src: &str,
    i: usize,
    limit: usize,
    ext_tags: &[String],
    unclosed: &mut Vec<(String, usize)>,
) -> Option<usize> {
    let b = src.as_bytes();
    if b.get(i) != Some(&b'<') {
        return None;
    }
    let (name, _) = tag_name(src, i + 1)?;
    if !is_listed(ext_tags, &name) {
        return None;
    }
    let open_end = ext_tag_end(src, i, limit, ext_tags)?;
    if b[open_end - 2] == b'/' || is_transparent_tag(&name) {
        return Some(open_end);
    }
    // No closing tag after an earlier opener means none after this one:
    // a page of unclosed `<poem>`s is searched once, not once per opener.
    if unclosed.iter().any(|(n, from)| *n == name && *from <= open_end) {
        return None;
    }
    let found = find_close_tag(src, open_end, limit, &name);
    if found.is_none() {
        unclosed.push((name.into_owned(), open_end));
    }
    found
}

/// The end of `</name ws* >` at or after `from`, case-insensitively.
pub(crate) fn find_close_tag(src: &str, from: usize, limit: usize, name: &str) -> Option<usize> {
    let b = &src.as_bytes()[..limit.min(src.len())];
    let mut at = from;
    // A `<` then `/`: memchr has no setup cost, unlike a two-byte searcher.
    while let Some(o) = memchr::memchr(b'<', &b[at..]) {
        if b.get(at + o + 1) != Some(&b'/') {
            at += o + 1;
            continue;
        }
        let s = at + o + 2;
        if b.len() >= s + name.len() && b[s..s + name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            let mut e = s + name.len();
            while e < b.len() && (b[e] == b' ' || b[e] == b'\t' || b[e] == b'\n') {
                e += 1;
            }
            if b.get(e) == Some(&b'>') {
                return Some(e + 1);
            }
        }
        at = s;
    }
    None
}

// test comment
// a<!-- note -->b
/// `<!-- ... -->`; an unclosed comment runs to the end of the input.
pub(crate) fn comment(p: &mut Parser<'_>) {
    let m = p.start(COMMENT);
    p.token(MARKER, 4);
    let rest = p.rest();
    match memmem::find(rest.as_bytes(), b"-->") {
        Some(o) => {
            p.token(TEXT, o);
            p.token(MARKER, 3);
        }
        None => p.token(TEXT, rest.len()),
    }
    m.complete(p, COMMENT);
}

/// Try a tag at `<`. Returns false (consuming nothing) when it is not one.
pub(crate) fn opt_tag(p: &mut Parser<'_>, stop: Stop) -> bool {
    let src = p.src;
    let i = p.pos;
    if p.at("</") {
        let Some((name, len)) = tag_name(src, i + 2) else { return false };
        let is_ext = is_listed(p.ext_tags, &name);
        // An end tag is markup if it closes an HTML tag or a transparent extension tag.
        let closes_markup =
            is_html_tag(&name) || (is_ext && is_transparent_tag(&name)) || is_listed(p.annotation_tags, &name);
        if !closes_markup {
            return false;
        }
        let b = src.as_bytes();
        let mut e = i + 2 + len;
        while e < p.limit && matches!(b[e], b' ' | b'\t' | b'\n') {
            e += 1;
        }
        // `</br>` and friends may carry junk; accept anything up to `>`.
        let end = if b.get(e) == Some(&b'>') && e < p.limit { e + 1 } else {
            match tag_end(src, i, p.limit, p.ext_tags) { Some(end) => end, None => return false }
        };
        let m = p.start(if is_ext { EXTENSION_TAG } else { HTML_END_TAG });
        p.token(MARKER, 2);
        p.token(NAME, len);
        p.token(WHITESPACE, e - p.pos);
        if end > p.pos + 1 {
            p.token(TEXT, end - 1 - p.pos);
        }
        p.token(MARKER, 1);
        m.complete(p, if is_ext { EXTENSION_TAG } else { HTML_END_TAG });
        return true;
    }
    let Some((name, len)) = tag_name(src, i + 1) else { return false };
    if is_listed(p.ext_tags, &name) {
        if opt_extension_tag(p, &name, len) {
            return true;
        }
        // An extension tag that shadows an HTML tag and is never closed
        // (`<pre>` with no `</pre>`) is that HTML tag, as Parsoid reads
        // it; its attributes run to the `>` as an extension tag's do.
        if !is_html_tag(&name) {
            return false;
        }
        let Some(end) = ext_tag_end(src, i, p.limit, p.ext_tags) else { return false };
        return html_start_tag(p, stop, len, end, true);
    }
    if !is_html_tag(&name) && !is_listed(p.annotation_tags, &name) {
        return false;
    }
    if i < p.tag_fail_until {
        return false;
    }
    let end = match tag_end_of(src, i, p.limit, p.ext_tags, false) {
        Ok(end) => end,
        Err(resume) => {
            // No tag starts before `resume` (`<div <div>`: the second
            // `<div` may be one); scans stay linear.
            p.tag_fail_until = resume.min(p.limit);
            return false;
        }
    };
    html_start_tag(p, stop, len, end, false)
}

// test unclosed_pre_is_an_html_start_tag
// <pre <b>x
/// The HTML start tag from the current `<` to `end` (past its `>`), whose
/// name is `name_len` long; `lt_in_names` reads its attributes as
/// an extension tag's (a name may start with `<`).
fn html_start_tag(p: &mut Parser<'_>, stop: Stop, name_len: usize, end: usize, lt_in_names: bool) -> bool {
    let src = p.src;
    if stop.split_tags {
        // The argument ends inside the tag: the tag is text up to there.
        let tag = &src.as_bytes()[p.pos..end];
        if (stop.pipe && tag.contains(&b'|')) || (stop.equals && tag.contains(&b'=')) {
            return false;
        }
    }
    let m = p.start(HTML_START_TAG);
    p.token(MARKER, 1);
    p.token(NAME, name_len);
    let close_len = if src.as_bytes()[end - 2] == b'/' { 2 } else { 1 };
    let saved = p.limit;
    p.limit = end - close_len;
    attributes_of(p, Stop::NONE, lt_in_names);
    p.limit = saved;
    p.token(MARKER, close_len);
    m.complete(p, HTML_START_TAG);
    true
}

// test extension_tag
// <ref name="a">''x''</ref>
// test extension_tag_raw_body
// <nowiki>''x'' {{y}}</nowiki>
// test extension_tag_wikitext_body
// <ref>{{cite|url=[[a|b]]}}</ref>
// test extension_tag_body_is_opaque_to_the_page
// {{x|<ref>}}</ref>}}
// test extension_tag_body_brackets_stay_inside
// <ref>{{a</ref>}}
// test extension_tag_template_in_attribute
// <ref name="{{harvnb|a|1976}}.">x</ref>
// test extension_tag_body_lines
// <poem>
// * a
// ''b''
// </poem>
fn opt_extension_tag(p: &mut Parser<'_>, name: &str, name_len: usize) -> bool {
    let src = p.src;
    let i = p.pos;
    let Some(open_end) = ext_tag_end(src, i, p.limit, p.ext_tags) else { return false };
    let self_closing = src.as_bytes()[open_end - 2] == b'/';
    let mut unclosed = false;
    let close = if self_closing || is_transparent_tag(name) {
        None
    } else {
        match p.find_close_tag_cached(open_end, name) {
            Some(c) => Some(c),
            // An `<includeonly>` never closed runs to the end of the text,
            // as MediaWiki's preprocessor reads it (its raw body, the rest).
            None if name == "includeonly" => {
                unclosed = true;
                None
            }
            None => return false,
        }
    };
    let m = p.start(EXTENSION_TAG);
    p.token(MARKER, 1);
    p.token(NAME, name_len);
    let close_len = if self_closing { 2 } else { 1 };
    let saved = p.limit;
    p.limit = open_end - close_len;
    // The page's bracket scan passed over the whole tag; pair the brackets
    // of its attributes on their own (`<ref name="{{x}}">` has a template
    // in the tree, which the extension still reads as text).
    // Most tags have no bracket in their attributes: skip the scan (the
    // page's pairs hold nothing inside the tag either).
    if memchr::memchr2(b'{', b'[', &src.as_bytes()[p.pos..p.limit]).is_some() {
        let attribute_brackets = match_brackets_in(src, p.pos, p.limit, p.ext_tags);
        let saved_brackets = std::mem::replace(&mut p.brackets, attribute_brackets);
        extension_attributes(p);
        p.brackets = saved_brackets;
    } else {
        extension_attributes(p);
    }
    p.limit = saved;
    p.token(MARKER, close_len);
    if let Some(end) = close {
        let close_start = src[..end].rfind("</").unwrap_or(open_end);
        if p.wikitext_body_tags.iter().any(|t| t == name) && p.depth < MAX_DEPTH {
            wikitext_body(p, close_start);
        } else {
            p.token(RAW, close_start - p.pos);
        }
        p.token(MARKER, 2);
        p.token(NAME, name_len);
        p.token(WHITESPACE, end - 1 - p.pos);
        p.token(MARKER, 1);
    } else if unclosed {
        p.token(RAW, p.limit - p.pos);
    }
    m.complete(p, EXTENSION_TAG);
    true
}

/// The body of `<ref>`, `<poem>` ... up to `end`, parsed as a page of its
/// own would be: its lines, and brackets paired within it (the page's scan
/// passed over it), with no link around it.
fn wikitext_body(p: &mut Parser<'_>, end: usize) {
    let m = p.start(TAG_BODY);
    let saved_limit = std::mem::replace(&mut p.limit, end);
    let body_brackets = match_brackets_in(p.src, p.pos, end, p.ext_tags);
    let saved_brackets = std::mem::replace(&mut p.brackets, body_brackets);
    let saved_in_link = std::mem::take(&mut p.in_link_text);
    p.depth += 1;
    super::block_content(p, false);
    // Whatever the loop left (never expected) is text, so the tree stays lossless.
    let rest = p.limit - p.pos;
    p.token(TEXT, rest);
    p.depth -= 1;
    p.in_link_text = saved_in_link;
    p.brackets = saved_brackets;
    p.limit = saved_limit;
    m.complete(p, TAG_BODY);
}

impl Parser<'_> {
    /// `find_close_tag` with a cache per tag name and limit, so that a
    /// page (or a `<references>` body) of unclosed `<ref>`s is searched
    /// once, not once per opener.
    fn find_close_tag_cached(&mut self, from: usize, name: &str) -> Option<usize> {
        let limit = self.limit;
        if let Some(entry) = self.close_tag_cache.iter().find(|e| e.name == name && e.limit == limit) {
            if entry.searched_from <= from && entry.found.is_none_or(|f| f > from) {
                return entry.found;
            }
        }
        let found = find_close_tag(self.src, from, limit, name);
        let entry = CloseTagSearch { name: name.to_string(), limit, searched_from: from, found };
        // One entry per name for the page and one for the body being read
        // (a new body replaces the last one's), so the cache stays small.
        let page = self.src.len();
        let slot = |e: &CloseTagSearch| e.name == name && (e.limit == page) == (limit == page);
        match self.close_tag_cache.iter_mut().find(|e| slot(e)) {
            Some(e) => *e = entry,
            None => self.close_tag_cache.push(entry),
        }
        found
    }
}

/// A remembered search for a closing tag: from `searched_from` up to
/// `limit`, `found` is where the first `</name>` ends.
pub(crate) struct CloseTagSearch {
    name: String,
    limit: usize,
    searched_from: usize,
    found: Option<usize>,
}

// test attributes
// <div class="a" id=b title='c' data-x>
/// Attributes up to the current limit (or, for table lines, up to `stop`).
pub(crate) fn attributes(p: &mut Parser<'_>, stop: Stop) {
    attributes_of(p, stop, false);
}

/// An extension tag's attributes: a name may start with `<` there
/// (`<pre <pre>` has an attribute `<pre`), as the tag runs to its `>`.
fn extension_attributes(p: &mut Parser<'_>) {
    attributes_of(p, Stop::NONE, true);
}

fn attributes_of(p: &mut Parser<'_>, stop: Stop, extension: bool) {
    let m = p.start(ATTRIBUTES);
    loop {
        let rest = p.rest();
        let Some(&c) = rest.as_bytes().first() else { break };
        if stop.newline && c == b'\n' {
            break;
        }
        if stop.pipe && c == b'|' {
            break;
        }
        if stop.cell != 0 && rest.starts_with("!!") {
            break;
        }
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                let n = rest.bytes().take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')).count();
                let n = if stop.newline { rest.bytes().take_while(|b| matches!(b, b' ' | b'\t' | b'\r')).count().max(1) } else { n };
                p.token(WHITESPACE, n);
            }
            b'<' if rest.starts_with("<!--") => comment(p),
            b'<' if !extension && inclusion_directive_end(p.src, p.pos, p.limit).is_some() => inclusion_directive(p),
            b'{' if matches!(p.brackets.get(p.pos), Some((end, _)) if end <= p.limit) => {
                // A templated attribute (`{{foo}}` standing for `a="b"`).
                super::inline_one(p, stop);
            }
            // Any other run of characters is a name (`!style`, `"x`); the
            // renderer's sanitizer drops names that are not attributes.
            c if !matches!(c, b'/' | b'>' | b'{' | b'}') && (c != b'<' || extension) => attribute(p, stop),
            _ => {
                let len = rest.chars().next().map_or(1, char::len_utf8);
                p.token(TEXT, len);
            }
        }
    }
    m.complete(p, ATTRIBUTES);
}

// test include_directives_in_tag_attributes
// <span <noinclude>id</noinclude><includeonly>title</includeonly>="a" id=<noinclude>b</noinclude>>c</span>
/// An include directive among a tag's attributes, as the node it is
/// in text (text, should the site not know the tag).
fn inclusion_directive(p: &mut Parser<'_>) {
    let Some(end) = inclusion_directive_end(p.src, p.pos, p.limit) else { return };
    if !opt_tag(p, Stop::NONE) {
        p.token(TEXT, end - p.pos);
    }
}

fn attribute(p: &mut Parser<'_>, stop: Stop) {
    let m = p.start(ATTRIBUTE);
    let rest = p.rest();
    // A name may start with a quote or `=` (junk the sanitizer drops) and
    // runs to a space, `=`, `/`, `>`, `<` or the end of the cell.
    let first = rest.chars().next().map_or(1, char::len_utf8);
    let b = rest.as_bytes();
    let mut name_len = first;
    while name_len < b.len() {
        let c = b[name_len];
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'=' | b'>' | b'/' | b'<')
            || (c == b'|' && (stop.pipe || stop.cell != 0))
            || (stop.cell == 2 && b[name_len..].starts_with(b"!!"))
        {
            break;
        }
        name_len += 1;
    }
    while !rest.is_char_boundary(name_len) {
        name_len += 1;
    }
    p.token(NAME, name_len);
    if let Ok((_, (ws, _))) = (spaces, char::<_, ()>('=')).parse(p.rest()) {
        p.token(WHITESPACE, ws.len());
        p.token(MARKER, 1);
        p.token(WHITESPACE, matched(spaces, p.rest()).unwrap_or(0));
        attribute_value(p, stop);
    }
    m.complete(p, ATTRIBUTE);
}

fn attribute_value(p: &mut Parser<'_>, stop: Stop) {
    let rest = p.rest();
    let Some(&q) = rest.as_bytes().first() else { return };
    if q == b'"' || q == b'\'' {
        // The closing quote must be within reach, else the quote is text.
        let body = &rest[1..];
        let end_in_body = if stop.newline {
            body.bytes().position(|b| b == q || b == b'\n').filter(|&e| body.as_bytes()[e] == q)
        } else {
            body.bytes().position(|b| b == q)
        };
        if let Some(e) = end_in_body {
            p.token(MARKER, 1);
            value_content(p, p.pos + e);
            p.token(MARKER, 1);
            return;
        }
        if !stop.newline && !stop.pipe {
            // An unclosed quote in a tag: the value runs to the tag's end;
            // whitespace before a self-closing `/>` belongs to that end (as
            // Parsoid recovers it), before a `>` to the value.
            let mut end = p.limit;
            let self_closing = p.src.get(end..).is_some_and(|r| r.starts_with("/>"));
            while self_closing && end > p.pos + 1 && matches!(p.src.as_bytes()[end - 1], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                end -= 1;
            }
            p.token(MARKER, 1);
            value_content(p, end);
            return;
        }
        if stop.newline {
            // An unclosed quote on a table line: the value runs to the end
            // of the line (or cell), as Parsoid recovers it.
            let len = body
                .bytes()
                .take_while(|&b| b != b'\n' && !(stop.pipe && b == b'|'))
                .count();
            let len = if stop.cell == 2 { body[..len].find("!!").unwrap_or(len) } else { len };
            p.token(MARKER, 1);
            value_content(p, p.pos + len);
            return;
        }
    }
    let b = rest.as_bytes();
    let mut len = 0;
    while len < b.len() {
        match b[len] {
            b' ' | b'\t' | b'\n' | b'\r' | b'>' => break,
            b'|' if stop.pipe => break,
            // An include directive is part of the value (`id=<noinclude>a</noinclude>`).
            b'<' => match inclusion_directive_end(p.src, p.pos + len, p.limit) {
                Some(end) => len = end - p.pos,
                None => len += 1,
            },
            _ => len += 1,
        }
    }
    value_content(p, p.pos + len);
}

/// An attribute value: text, with templates and parameters kept as nodes.
fn value_content(p: &mut Parser<'_>, end: usize) {
    while p.pos < end {
        if let Some((close, kind)) = p.brackets.get(p.pos) {
            if close <= end && matches!(kind, Bracket::Template | Bracket::Parameter) && p.depth < crate::parser::MAX_DEPTH {
                let saved = p.limit;
                p.limit = end;
                super::preprocessor::template_or_parameter(p, close, kind);
                p.limit = saved;
                continue;
            }
        }
        let rest = &p.src[p.pos..end];
        if rest.starts_with("<!--") && rest[4..].contains("-->") {
            // A comment in a value is dropped from it (`class="<!-- c -->a"`).
            let saved = p.limit;
            p.limit = end;
            comment(p);
            p.limit = saved;
            continue;
        }
        let n = rest.find(['{', '<']).filter(|&n| n > 0).unwrap_or(rest.len());
        let n = if n == 0 { 1 } else { n };
        p.token(VALUE, n);
    }
}

// test entity
// &amp; &#123; &#x1F600;
/// An entity at `&`, if it is one.
pub(crate) fn opt_entity(p: &mut Parser<'_>) -> bool {
    let Some(len) = matched(entity, p.rest()) else { return false };
    let m = p.start(ENTITY);
    p.token(TEXT, len);
    m.complete(p, ENTITY);
    true
}
