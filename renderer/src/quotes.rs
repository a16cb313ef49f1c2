//! Bold and italic: turn each line's apostrophe runs into `<b>`/`<i>` tags
//! with MediaWiki's balancing rules.
//!
//! Per line: a run of 4 is `'` and bold, a run of more than 5 is
//! apostrophes and bold-italic. When both the bold and the italic counts are odd, one
//! bold run becomes `'` + italic: preferably one after a single-letter word
//! (`l'''amour`), then one after a longer word, then one after a space.
//! Then a small state machine emits tags and closes whatever is open at the
//! end of the line. A line ends at a newline and at a table cell or caption
//! start that table syntax made, as each such cell is its own line in
//! MediaWiki's model.

use crate::token::ThinVec;
use crate::emit::Tok;
use crate::handout::{Draining, Handout, LineStream};
use crate::passes::trim_whitespace::WIKITEXT_SYNTAX;
use crate::token::Token;

/// Resolve all `Tok::Quote`s into tags and text.
pub(crate) fn resolve(toks: Vec<Tok>) -> Vec<Tok> {
    if !toks.iter().any(|t| matches!(t, Tok::Quote { .. })) {
        return toks;
    }
    QuoteLines::new(toks).collect()
}

/// [`resolve`] as an iterator, a line at a time, so the page's rendering
/// never holds a second copy of its whole token stream.
pub(crate) struct QuoteLines {
    toks: Draining<Tok>,
    /// No quote anywhere: every token passes through as it is.
    pass_through: bool,
    /// The line being gathered.
    line: Vec<Tok>,
    /// The resolved line.
    handout: Handout<Tok>,
    /// Tokens left of a line with no quote, passed on as they are read.
    unquoted_left: usize,
}

impl QuoteLines {
    pub(crate) fn new(toks: Vec<Tok>) -> QuoteLines {
        let pass_through = !toks.iter().any(|t| matches!(t, Tok::Quote { .. }));
        QuoteLines { toks: Draining::new(toks), pass_through, line: Vec::new(), handout: Handout::new(), unquoted_left: 0 }
    }
}

impl LineStream for QuoteLines {
    type Item = Tok;

    fn handout(&mut self) -> &mut Handout<Tok> {
        &mut self.handout
    }

    /// Resolve the next line, and the boundary token that ends it.
    fn fill(&mut self) {
        let ready = self.handout.buffer();
        loop {
            let t = self.toks.next();
            if t.as_ref().is_some_and(|t| !is_line_boundary(t)) {
                self.line.extend(t);
                continue;
            }
            if self.line.iter().any(|t| matches!(t, Tok::Quote { .. })) {
                // The line's buffer keeps its room for the next line.
                resolve_line(&mut self.line, ready);
            } else {
                // Most lines have no quote: hand the line out as it is.
                std::mem::swap(&mut self.line, ready);
            }
            match t {
                Some(boundary) => ready.push(boundary),
                None => self.handout.finish(),
            }
            return;
        }
    }
}

impl Iterator for QuoteLines {
    type Item = Tok;

    fn next(&mut self) -> Option<Tok> {
        if self.pass_through {
            return self.toks.next();
        }
        if self.unquoted_left > 0 {
            self.unquoted_left -= 1;
            return self.toks.next();
        }
        if self.handout.is_between_lines() {
            // Most lines hold no quote: look ahead to the line's end, and
            // if no quote comes first, pass the line's tokens (its boundary
            // too) straight on instead of gathering and handing them out.
            let mut len = 0;
            for t in self.toks.rest_reversed().iter().rev() {
                if matches!(t, Tok::Quote { .. }) {
                    len = 0;
                    break;
                }
                len += 1;
                if is_line_boundary(t) {
                    break;
                }
            }
            if len > 0 {
                self.unquoted_left = len - 1;
                return self.toks.next();
            }
        }
        self.next_item()
    }
}

/// Whether `t` ends a line for bold and italic: a newline, and each table
/// cell, caption, row and heading boundary that wikitext syntax made.
/// Literal HTML tags are no boundary (`'''<table>...</table>'''` is one
/// bold run, as in MediaWiki, whose lines are the text's). A syntax row or
/// table start always follows a newline, so only cells and captions, which
/// `||` and `!!` start mid-line, need their start tag checked.
fn is_line_boundary(t: &Tok) -> bool {
    match t {
        Tok::Newline => true,
        Tok::Html(Token::StartTag { name, attrs, .. }) => {
            matches!(name.as_ref(), "td" | "th" | "caption") && attrs.iter().any(|a| a.name == WIKITEXT_SYNTAX)
        }
        // Syntax closes its elements with end tags of no source range.
        Tok::Html(Token::EndTag { name, src: None }) => {
            matches!(name.as_ref(), "td" | "th" | "caption" | "tr" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
        }
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    None,
    B,
    I,
    BI,
    IB,
    Both,
}

fn push_text(out: &mut Vec<Tok>, s: &str) {
    if let Some(Tok::Html(Token::Text(prev, _))) = out.last_mut() {
        prev.push_slice(s);
    } else {
        out.push(Tok::Html(Token::text(s)));
    }
}

fn open(out: &mut Vec<Tok>, tag: &'static str) {
    out.push(Tok::Html(Token::start(tag, ThinVec::new())));
}

fn close(out: &mut Vec<Tok>, tag: &'static str) {
    out.push(Tok::Html(Token::end(tag)));
}

fn resolve_line(line: &mut Vec<Tok>, out: &mut Vec<Tok>) {
    if !line.iter().any(|t| matches!(t, Tok::Quote { .. })) {
        out.append(line);
        return;
    }
    // Normalize run lengths: 4 → "'" + 3; more than 5 → extra "'"s + 5.
    let mut normalized: Vec<Tok> = Vec::with_capacity(line.len() + 4);
    for t in line.drain(..) {
        if let Tok::Quote { len, src } = t {
            let keep = match len {
                4 => 3,
                n if n > 5 => 5,
                n => n,
            };
            if len > keep {
                push_text(&mut normalized, &"'".repeat(len - keep));
            }
            normalized.push(Tok::Quote { len: keep, src });
        } else if let Tok::Html(Token::Text(s, _)) = &t {
            push_text(&mut normalized, s);
        } else {
            normalized.push(t);
        }
    }
    let italics = normalized.iter().filter(|t| matches!(t, Tok::Quote { len: 2 | 5, .. })).count();
    let bolds = normalized.iter().filter(|t| matches!(t, Tok::Quote { len: 3 | 5, .. })).count();
    if italics % 2 == 1 && bolds % 2 == 1 {
        let mut single = None;
        let mut multi = None;
        let mut space = None;
        for (i, t) in normalized.iter().enumerate() {
            if !matches!(t, Tok::Quote { len: 3, .. }) {
                continue;
            }
            let before: Vec<char> = match i.checked_sub(1).map(|j| &normalized[j]) {
                Some(Tok::Html(Token::Text(s, _))) => s.chars().rev().take(2).collect(),
                _ => vec!['>', '>'],
            };
            let x1 = before.first().copied();
            let x2 = before.get(1).copied();
            if x1 == Some(' ') {
                space.get_or_insert(i);
            } else if x2 == Some(' ') || x2.is_none() {
                single.get_or_insert(i);
            } else {
                multi.get_or_insert(i);
            }
        }
        if let Some(i) = single.or(multi).or(space) {
            if let Tok::Quote { src, .. } = normalized[i].clone() {
                normalized[i] = Tok::Quote { len: 2, src: src.start + 1..src.end };
                // The first apostrophe becomes text at the end of what precedes it.
                let mut with_text = Vec::with_capacity(normalized.len() + 1);
                for (j, t) in normalized.into_iter().enumerate() {
                    if j == i {
                        push_text(&mut with_text, "'");
                    }
                    if let Tok::Html(Token::Text(s, _)) = &t {
                        push_text(&mut with_text, s);
                    } else {
                        with_text.push(t);
                    }
                }
                normalized = with_text;
            }
        }
    }
    let mut state = State::None;
    let mut buffer: Vec<Tok> = Vec::new();
    for t in normalized {
        let Tok::Quote { len, .. } = t else {
            if state == State::Both {
                buffer.push(t);
            } else {
                out.push(t);
            }
            continue;
        };
        state = match (len, state) {
            (2, State::I) => { close(out, "i"); State::None }
            (2, State::BI) => { close(out, "i"); State::B }
            // Close the outer element alone and let tree building reopen the
            // inner one where content follows (the adoption agency), as
            // Parsoid does: at the end of a line no empty element is left.
            (2, State::IB) => { close(out, "i"); State::B }
            (2, State::Both) => { open(out, "b"); open(out, "i"); out.append(&mut buffer); close(out, "i"); State::B }
            (2, State::B) => { open(out, "i"); State::BI }
            (2, _) => { open(out, "i"); State::I }
            (3, State::B) => { close(out, "b"); State::None }
            (3, State::BI) => { close(out, "b"); State::I }
            (3, State::IB) => { close(out, "b"); State::I }
            (3, State::Both) => { open(out, "i"); open(out, "b"); out.append(&mut buffer); close(out, "b"); State::I }
            (3, State::I) => { open(out, "b"); State::IB }
            (3, _) => { open(out, "b"); State::B }
            (_, State::B) => { close(out, "b"); open(out, "i"); State::I }
            (_, State::I) => { close(out, "i"); open(out, "b"); State::B }
            (_, State::BI) => { close(out, "i"); close(out, "b"); State::None }
            (_, State::IB) => { close(out, "b"); close(out, "i"); State::None }
            (_, State::Both) => { open(out, "i"); open(out, "b"); out.append(&mut buffer); close(out, "b"); close(out, "i"); State::None }
            (_, State::None) => State::Both,
        };
    }
    match state {
        State::B => close(out, "b"),
        State::I => close(out, "i"),
        State::BI => { close(out, "i"); close(out, "b"); }
        State::IB => { close(out, "b"); close(out, "i"); }
        State::Both => { open(out, "b"); open(out, "i"); out.append(&mut buffer); close(out, "i"); close(out, "b"); }
        State::None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Tok {
        Tok::Html(Token::text(s))
    }

    fn quote(len: usize) -> Tok {
        Tok::Quote { len, src: 0..0 }
    }

    /// The tokens as `name` or text, for comparing streams.
    fn show(toks: &[Tok]) -> Vec<String> {
        toks.iter()
            .map(|t| match t {
                Tok::Html(Token::Text(s, _)) => s.to_string(),
                Tok::Html(Token::StartTag { name, .. }) => format!("<{name}>"),
                Tok::Html(Token::EndTag { name, .. }) => format!("</{name}>"),
                Tok::Newline => "\\n".to_string(),
                _ => "?".to_string(),
            })
            .collect()
    }

    #[test]
    fn lines_without_quotes_pass_on_between_resolved_ones() {
        // Unquoted lines before, between and after quoted ones, a cell
        // boundary inside a line, and a last line with no boundary.
        let toks = vec![
            text("a"),
            Tok::Newline,
            text("b"),
            quote(2),
            text("c"),
            Tok::Newline,
            text("d"),
            Tok::Html(Token::start("td", Vec::new())),
            text("e"),
            quote(3),
            Tok::Newline,
            Tok::Newline,
            text("f"),
        ];
        let got = show(&QuoteLines::new(toks).collect::<Vec<_>>());
        let want = ["a", "\\n", "b", "<i>", "c", "</i>", "\\n", "d", "<td>", "e", "<b>", "</b>", "\\n", "\\n", "f"];
        assert_eq!(got, want);
    }
}
