//! Headings: `== Title ==` on a line of their own.
//!
//! # Grammar
//! ```text
//! heading = "="{n} inline "="{m} (ws | comment)* EOL     ; level = min(n, m, 6)
//! ```
//! Extra `=` on either side belong to the title (`=== a ==` is a level-2
//! heading titled `= a`). A line of only `=` signs of length n ≥ 3 is a
//! heading of level (n-1)/2 whose title is the middle `=`s.
//!
//! # Parsoid HTML
//! `<h2 id="Title">Title</h2>`, ids from the anchor encoding of the text.
//!
//! # Node kinds
//! `HEADING`: `MARKER` (opening `=`s), the title's inline nodes, `MARKER`
//! (closing `=`s), then trailing `WHITESPACE`/`COMMENT`.

use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while};
use nom::character::complete::char;
use nom::combinator::{opt, recognize};
use nom::multi::many1_count;
use nom::Parser as _;

use super::{html_tags, inline, matched, PResult, Stop};

/// A run of `=`.
fn equals(input: &str) -> PResult<'_, &str> {
    take_while(|c| c == '=').parse(input)
}

/// An include directive's tag (`<noinclude>`, `</onlyinclude>`,
/// `<includeonly/>` ...), case-insensitively: on the page itself it shows
/// nothing.
fn directive_tag(input: &str) -> PResult<'_, &str> {
    let names = alt((tag_no_case("noinclude"), tag_no_case("onlyinclude"), tag_no_case("includeonly")));
    let spaces = take_while(|c| c == ' ');
    recognize((char('<'), opt(char('/')), names, spaces, opt(char('/')), char('>'))).parse(input)
}

/// A whole `<includeonly>...</includeonly>` (its body is hidden on the
/// page itself).
fn includeonly_element(input: &str) -> PResult<'_, &str> {
    let (after, _) = tag_no_case("<includeonly>").parse(input)?;
    // Its end as the tokenizer finds it (any case, spaces before `>`).
    match html_tags::find_close_tag(input, input.len() - after.len(), input.len(), "includeonly") {
        Some(end) => Ok((&input[end..], &input[..end])),
        None => Err(nom::Err::Error(())),
    }
}

/// What may stand before a heading's `=` on its line and leave it a heading:
/// comments and include directives, which show nothing on the page.
pub(crate) fn invisible_piece(input: &str) -> PResult<'_, &str> {
    alt((html_tags::closed_comment, includeonly_element, directive_tag)).parse(input)
}

/// The length of an annotation tag (`<anno x="y">`, `</anno>`) of the
/// wiki's `annotations` at the start of `input`: it marks a range and
/// shows nothing.
fn annotation_tag_len(input: &str, annotations: &[String]) -> Option<usize> {
    if annotations.is_empty() {
        return None;
    }
    let rest = input.strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &rest[..name_len];
    if name.is_empty() || !annotations.iter().any(|a| a.eq_ignore_ascii_case(name)) {
        return None;
    }
    let close = rest[name_len..].find('>')?;
    Some(input.len() - rest.len() + name_len + close + 1)
}

/// The length of the comments, include directives and annotation tags that
/// open the line at the start of `rest` when a `=` follows them.
// test heading_after_comment
// <!-- c -->== a ==
fn invisible_lead(rest: &str, annotations: &[String], switches: &[String]) -> Option<usize> {
    let n = invisible_run(rest, annotations, switches)?;
    rest[n..].starts_with('=').then_some(n)
}

/// The length of the comments, include directives, annotation tags (of
/// `annotations`) and behaviour switches (of `switches`) at the start of
/// `rest`, on its line; `None` for none.
pub(crate) fn invisible_run<'r>(rest: &'r str, annotations: &[String], switches: &[String]) -> Option<usize> {
    let line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
    let annotation = |input: &'r str| -> PResult<'r, &'r str> {
        match annotation_tag_len(input, annotations) {
            Some(n) => Ok((&input[n..], &input[..n])),
            None => Err(nom::Err::Error(())),
        }
    };
    // A behaviour switch shows nothing either (`__INDEX__== a ==`).
    let switch = |input: &'r str| -> PResult<'r, &'r str> {
        match super::magic_words::behavior_switch_len(input, switches) {
            Some(n) => Ok((&input[n..], &input[..n])),
            None => Err(nom::Err::Error(())),
        }
    };
    let (after, _) = many1_count(alt((invisible_piece, annotation, switch))).parse(line).ok()?;
    Some(line.len() - after.len())
}

/// A heading after comments and include directives on its line
/// (`<!-- c -->== a ==`, `<includeonly>x</includeonly>== a ==`): those
/// pieces, then the heading. MediaWiki reads the line without them, so it
/// is a heading (one that starts no editable section). Returns false, with
/// nothing consumed, when the line is no such heading.
// test heading_after_behavior_switch
// __INDEX__== a ==
// test heading_after_include_directives
// <includeonly>x</includeonly><noinclude>== a ==</noinclude>
// test heading_trailing_directive
// == a == <noinclude>
// b
// </noinclude>
// test no_heading_after_visible_text
// <noinclude>x</noinclude>== a ==
pub(crate) fn opt_heading_after_invisible_lead(p: &mut Parser<'_>) -> bool {
    let Some(lead) = invisible_lead(p.rest(), p.annotation_tags, p.behavior_switches) else { return false };
    let heading_at = p.pos + lead;
    if !at_heading(p, heading_at) {
        return false;
    }
    while p.pos < heading_at {
        let before = p.pos;
        if p.at("<!--") {
            html_tags::comment(p);
        } else if !super::magic_words::opt_behavior_switch(p) && !html_tags::opt_tag(p, Stop::NONE) {
            // Never expected: the piece stays text, so the tree stays lossless.
            p.token(TEXT, 1);
        }
        if p.pos > heading_at || p.pos == before {
            // A piece read past the `=` (never expected): the line goes on as inline content.
            inline(p, Stop::LINE);
            return true;
        }
    }
    if !opt_heading(p) {
        inline(p, Stop::LINE);
    }
    true
}

/// Trailing spaces, tabs and carriage returns.
fn trailing_spaces(input: &str) -> PResult<'_, &str> {
    take_while(|c| matches!(c, ' ' | '\t' | '\r')).parse(input)
}
use crate::parser::Parser;
use crate::SyntaxKind::*;

// test heading
// == a ==
// test heading_unbalanced
// === a ==
// test heading_trailing_comment
// == a == <!-- c -->
// test heading_multiline_trailing_comment
// === <!--
// --> <!-- -->
// test heading_with_nowiki_across_lines
// == a <nowiki>b
// c</nowiki> ==
pub(crate) fn opt_heading(p: &mut Parser<'_>) -> bool {
    let line_len = line_len(p, p.pos);
    let rest = p.rest();
    let line = &rest[..line_len];
    let content_end = strip_trailing_trivia(line, p.annotation_tags);
    let Some(level) = heading_level(&line[..content_end]) else { return false };
    let start = p.pos;
    let m = p.start(HEADING);
    p.token(MARKER, level);
    let saved = p.limit;
    p.limit = start + content_end - level;
    inline(p, Stop::NONE);
    p.limit = saved;
    p.token(MARKER, level);
    // Trailing spaces and comments.
    let line_end = start + line_len;
    while p.pos < line_end {
        if p.at("<!--") {
            html_tags::comment(p);
        } else if p.at("<")
            && (matched(alt((directive_tag, includeonly_element)), p.rest()).is_some()
                || annotation_tag_len(p.rest(), p.annotation_tags).is_some())
            && html_tags::opt_tag(p, Stop::NONE)
        {
            // An include directive or annotation tag after the heading (`== a ==<noinclude>`).
        } else {
            let n = matched(trailing_spaces, p.rest()).unwrap_or(0).max(1);
            p.token(WHITESPACE, n.min(line_end - p.pos));
        }
    }
    m.complete(p, HEADING);
    true
}

/// The level of a heading whose line, without its trailing trivia, is
/// `body`; `None` when it is no heading.
fn heading_level(body: &str) -> Option<usize> {
    let lead = matched(equals, body).unwrap_or(0);
    let trail = body.bytes().rev().take_while(|&b| b == b'=').count();
    let level = if lead == body.len() {
        if body.len() < 3 {
            return None;
        }
        ((body.len() - 1) / 2).min(6)
    } else {
        lead.min(trail).min(6)
    };
    (level > 0).then_some(level)
}

/// Whether `rest` starts a heading line (what [`opt_heading`] accepts).
fn at_heading(p: &mut Parser<'_>, at: usize) -> bool {
    let len = line_len(p, at);
    let line = &p.src[at..at + len];
    heading_level(&line[..strip_trailing_trivia(line, p.annotation_tags)]).is_some()
}

/// The length of the line starting at `from`, where a comment or an
/// extension element that opens on the line extends it to the line where
/// it closes (`=== <!--\n-->` and `== a <nowiki>b\nc</nowiki> ==` are
/// headings).
fn line_len(p: &mut Parser<'_>, from: usize) -> usize {
    let limit = p.limit;
    let b = p.src.as_bytes();
    let mut i = from;
    while i < limit {
        match memchr::memchr2(b'\n', b'<', &b[i..limit]) {
            None => return limit - from,
            Some(o) if b[i + o] == b'\n' => return i + o - from,
            Some(o) => {
                i += o;
                if b[i..limit].starts_with(b"<!--") {
                    i = match memchr::memmem::find(&b[i + 4..limit], b"-->") {
                        Some(e) => i + 4 + e + 3,
                        None => limit,
                    };
                } else {
                    i = html_tags::extension_element_end(p, i).filter(|&end| end <= limit).unwrap_or(i + 1);
                }
            }
        }
    }
    limit - from
}

/// The length of `line` without trailing spaces, tabs, comments and
/// include directives.
fn strip_trailing_trivia(line: &str, annotations: &[String]) -> usize {
    let mut end = line.len();
    loop {
        let trimmed = line[..end].trim_end_matches([' ', '\t', '\r']).len();
        end = trimmed;
        if line[..end].ends_with("-->") {
            if let Some(open) = line[..end - 3].rfind("<!--") {
                // Only a comment that does not contain another `-->` is trailing trivia.
                if !line[open + 4..end - 3].contains("-->") {
                    end = open;
                    continue;
                }
            }
        }
        if let Some(start) = trailing_directive(&line[..end]) {
            end = start;
            continue;
        }
        // An annotation tag ending the line (`== a ==</anno>`).
        if let Some(lt) = line[..end].rfind('<').filter(|&lt| annotation_tag_len(&line[lt..end], annotations) == Some(end - lt)) {
            end = lt;
            continue;
        }
        break end;
    }
}

/// Where an include directive that ends `s` starts: a directive's tag, or a
/// whole `<includeonly>...</includeonly>`.
fn trailing_directive(s: &str) -> Option<usize> {
    if !s.ends_with('>') {
        return None;
    }
    let lt = s.rfind('<')?;
    let piece = &s[lt..];
    if piece.eq_ignore_ascii_case("</includeonly>") {
        // Its element's start: the last `<includeonly>` before it.
        let open = (0..lt).rev().find(|&i| s.as_bytes()[i] == b'<' && matched(includeonly_element, &s[i..]) == Some(s.len() - i))?;
        return Some(open);
    }
    (matched(directive_tag, piece) == Some(piece.len())).then_some(lt)
}
