//! Lists, indent-pre and paragraph wrapping: one state machine over the
//! page's lines, in the model MediaWiki and Parsoid share.
//!
//! - **Lists.** Consecutive list lines are compared by their bullets (`;`
//!   and `:` count as the same list): lists are closed down to the common
//!   prefix, the next item is started, and deeper lists are opened.
//! - **Indent-pre.** A line starting with a space, outside block elements,
//!   joins a `<pre>` (a blank one only continues an open `<pre>`).
//! - **Paragraphs.** Text lines are wrapped in `<p>`; a blank line ends the
//!   paragraph, and each further blank line adds a `<p><br></p>`-style
//!   break. Lines holding block-level tags are not wrapped and switch
//!   wrapping off until a tag that closes the block (or opens a cell).
//! - **Invisible lines.** A line of only comments, category links or
//!   behaviour switches (and spaces) leaves the state as it was, as
//!   MediaWiki strips such lines before it looks at paragraphs.

use crate::emit::Tok;
use crate::token::Token;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Para {
    None,
    P,
    Pre,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum PendingP {
    /// A blank line was seen after non-paragraph content: `<p>` opens next.
    Open,
    /// A blank line was seen inside a paragraph: `</p><p>` comes next.
    CloseOpen,
}

struct BlockLevels {
    out: Vec<Token>,
    /// The bullets of the open lists, with `;` written as `:`.
    list_prefix: Vec<u8>,
    dt_open: bool,
    last: Para,
    pending: Option<PendingP>,
    in_block: bool,
    in_pre_tag: bool,
}

/// Turn the line markers of `toks` into list, pre and paragraph tags.
pub(crate) fn resolve(toks: Vec<Tok>) -> Vec<Token> {
    let mut st = BlockLevels {
        out: Vec::with_capacity(toks.len() + toks.len() / 4 + 8),
        list_prefix: Vec::new(),
        dt_open: false,
        last: Para::None,
        pending: None,
        in_block: false,
        in_pre_tag: false,
    };
    let mut line: Vec<Tok> = Vec::new();
    let mut iter = toks.into_iter().peekable();
    while let Some(t) = iter.next() {
        if t == Tok::Newline {
            let last_line = iter.peek().is_none();
            st.line(std::mem::take(&mut line), true, last_line);
        } else {
            line.push(t);
        }
    }
    st.line(line, false, true);
    st.finish();
    st.out
}

fn is_ws_text(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::Text(s)) if s.chars().all(char::is_whitespace))
}

/// Elements that do not make a line visible: comments, metadata elements.
fn is_invisible(t: &Tok) -> bool {
    match t {
        Tok::Html(Token::Comment(_)) => true,
        Tok::Html(Token::StartTag { name, .. }) => matches!(name.as_ref(), "link" | "meta"),
        _ => is_ws_text(t),
    }
}

fn is_table_syntax_end(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::EndTag { name, src: None }) if name == "table")
}

/// The end of a cell made by table syntax (a literal `</td>` carries its source range).
fn is_cell_end(t: &Tok) -> bool {
    matches!(t, Tok::Html(Token::EndTag { name, src: None }) if matches!(name.as_ref(), "td" | "th"))
}

fn block_match(line: &[Tok]) -> (bool, bool, bool, bool) {
    let (mut open, mut close, mut pre_open, mut pre_close) = (false, false, false, false);
    for t in line {
        match t {
            Tok::Html(Token::StartTag { name, .. }) => match name.as_ref() {
                "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "ul" | "ol" | "dl" | "li" => open = true,
                // Text on the lines after a row start is fostered out of the
                // table, and Parsoid wraps it in a paragraph.
                "tr" => close = true,
                "pre" => {
                    open = true;
                    pre_open = true;
                }
                "td" | "th" | "blockquote" | "div" | "hr" | "center" | "caption" | "figure" => close = true,
                _ => {}
            },
            Tok::Html(Token::EndTag { name, .. }) => match name.as_ref() {
                "tr" | "td" | "th" => open = true,
                "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "li" | "ul" | "ol" | "dl" | "blockquote" | "div" | "center" | "caption" | "figure" => close = true,
                "pre" => {
                    close = true;
                    pre_close = true;
                }
                _ => {}
            },
            _ => {}
        }
    }
    (open, close, pre_open, pre_close)
}

impl BlockLevels {
    fn emit(&mut self, t: Token) {
        if let Token::Text(s) = &t {
            if let Some(Token::Text(prev)) = self.out.last_mut() {
                prev.push_str(s);
                return;
            }
        }
        self.out.push(t);
    }

    fn emit_line(&mut self, line: Vec<Tok>) {
        for t in line {
            match t {
                Tok::Html(h) => self.emit(h),
                Tok::DdColon => {
                    if self.dt_open {
                        self.emit(Token::end("dt"));
                        self.dt_open = false;
                    }
                    self.emit(Token::start("dd", Vec::new()));
                }
                Tok::IndentPre => self.emit(Token::text(" ")),
                Tok::ListItem { bullets, .. } => self.emit(Token::text(bullets)),
                Tok::Quote { len, .. } => self.emit(Token::text("'".repeat(len))),
                Tok::Newline => self.emit(Token::text("\n")),
            }
        }
    }

    fn close_paragraph(&mut self) {
        match self.last {
            Para::P => self.emit(Token::end("p")),
            Para::Pre => self.emit(Token::end("pre")),
            Para::None => {}
        }
        self.last = Para::None;
    }

    fn open_list(&mut self, c: u8) {
        match c {
            b'*' => {
                self.emit(Token::start("ul", Vec::new()));
                self.emit(Token::start("li", Vec::new()));
            }
            b'#' => {
                self.emit(Token::start("ol", Vec::new()));
                self.emit(Token::start("li", Vec::new()));
            }
            b';' => {
                self.emit(Token::start("dl", Vec::new()));
                self.emit(Token::start("dt", Vec::new()));
                self.dt_open = true;
            }
            _ => {
                self.emit(Token::start("dl", Vec::new()));
                self.emit(Token::start("dd", Vec::new()));
            }
        }
    }

    fn next_item(&mut self, c: u8) {
        match c {
            b'*' | b'#' => {
                self.emit(Token::end("li"));
                self.emit(Token::start("li", Vec::new()));
            }
            _ => {
                let close = if self.dt_open { "dt" } else { "dd" };
                self.emit(Token::end(close));
                if c == b';' {
                    self.emit(Token::start("dt", Vec::new()));
                    self.dt_open = true;
                } else {
                    self.emit(Token::start("dd", Vec::new()));
                    self.dt_open = false;
                }
            }
        }
    }

    fn close_list(&mut self, c: u8) {
        match c {
            b'*' => {
                self.emit(Token::end("li"));
                self.emit(Token::end("ul"));
            }
            b'#' => {
                self.emit(Token::end("li"));
                self.emit(Token::end("ol"));
            }
            _ => {
                let close = if self.dt_open { "dt" } else { "dd" };
                self.dt_open = false;
                self.emit(Token::end(close));
                self.emit(Token::end("dl"));
            }
        }
    }

    fn close_lists(&mut self) {
        while let Some(c) = self.list_prefix.pop() {
            self.close_list(c);
        }
    }

    fn line(&mut self, mut line: Vec<Tok>, had_newline: bool, last_line: bool) {
        // Content after a table's `|}` on the same line starts a line of its
        // own, so it is wrapped in a paragraph as Parsoid does.
        if let Some(end) = line.iter().position(is_table_syntax_end) {
            if line[end + 1..].iter().any(|t| !is_invisible(t)) {
                let rest = line.split_off(end + 1);
                self.line(line, false, false);
                return self.line(rest, had_newline, last_line);
            }
        }
        // A cell's end tag belongs to the next table line (as in MediaWiki's
        // model), so the cell's last line is wrapped like any other line and
        // its paragraph closes inside the cell.
        let cell_ends = line.iter().rev().take_while(|t| is_cell_end(t)).count();
        if cell_ends == 0 {
            return self.content_line(line, had_newline, last_line);
        }
        let tail = line.split_off(line.len() - cell_ends);
        self.content_line(line, false, false);
        self.pending = None;
        self.close_paragraph();
        self.emit_line(tail);
        if had_newline {
            self.emit(Token::text("\n"));
        }
    }

    fn content_line(&mut self, mut line: Vec<Tok>, had_newline: bool, last_line: bool) {
        // Invisible lines change nothing.
        if !line.is_empty() && line.iter().all(is_invisible) && line.iter().any(|t| !is_ws_text(t)) {
            self.emit_line(line);
            if had_newline {
                self.emit(Token::text("\n"));
            }
            return;
        }
        if let Some(Tok::ListItem { bullets, .. }) = line.first() {
            let bullets = bullets.clone().into_bytes();
            line.remove(0);
            self.pending = None;
            self.close_paragraph();
            let prefix2: Vec<u8> = bullets.iter().map(|&c| if c == b';' { b':' } else { c }).collect();
            let common = prefix2.iter().zip(&self.list_prefix).take_while(|(a, b)| a == b).count();
            if common == prefix2.len() && common == self.list_prefix.len() {
                self.next_item(bullets[common - 1]);
            } else {
                while self.list_prefix.len() > common {
                    let c = self.list_prefix.pop().unwrap_or(b'*');
                    self.close_list(if c == b':' && self.dt_open { b';' } else { c });
                }
                if bullets.len() <= common && common > 0 {
                    self.next_item(bullets[common - 1]);
                }
                for &c in &bullets[common..] {
                    self.open_list(c);
                }
                self.list_prefix = prefix2;
            }
            self.in_block = false;
            self.emit_line(line);
            if had_newline {
                self.emit(Token::text("\n"));
            }
            return;
        }
        if !self.list_prefix.is_empty() {
            self.close_lists();
        }
        let (open, close, pre_open, pre_close) = block_match(&line);
        if open || close {
            self.pending = None;
            self.close_paragraph();
            if pre_open && !pre_close {
                self.in_pre_tag = true;
            }
            if pre_close {
                self.in_pre_tag = false;
            }
            self.in_block = !close;
            self.emit_line(line);
            if had_newline {
                self.emit(Token::text("\n"));
            }
            return;
        }
        let mut suppress_newline = false;
        if !self.in_block && !self.in_pre_tag {
            let indent = matches!(line.first(), Some(Tok::IndentPre));
            let blank = line.iter().all(|t| is_ws_text(t) || *t == Tok::IndentPre);
            if indent && (self.last == Para::Pre || !blank) {
                if self.last != Para::Pre {
                    self.pending = None;
                    self.close_paragraph();
                    self.emit(Token::start("pre", Vec::new()));
                    self.last = Para::Pre;
                }
                line.remove(0);
            } else if blank {
                if last_line && !had_newline && line.is_empty() {
                    // The end of the page is not a blank line.
                } else if let Some(p) = self.pending.take() {
                    self.emit_pending(p);
                    self.emit(Token::empty("br", Vec::new()));
                    self.last = Para::P;
                } else if self.last != Para::P {
                    self.close_paragraph();
                    self.pending = Some(PendingP::Open);
                } else {
                    self.pending = Some(PendingP::CloseOpen);
                }
            } else if let Some(p) = self.pending.take() {
                self.emit_pending(p);
                self.last = Para::P;
            } else if self.last != Para::P {
                self.close_paragraph();
                self.emit(Token::start("p", Vec::new()));
                self.last = Para::P;
            }
            suppress_newline = self.pending.is_some();
        }
        self.emit_line(line);
        if had_newline && !suppress_newline {
            self.emit(Token::text("\n"));
        }
    }

    fn emit_pending(&mut self, p: PendingP) {
        if p == PendingP::CloseOpen {
            self.emit(Token::end("p"));
        }
        self.emit(Token::start("p", Vec::new()));
    }

    fn finish(&mut self) {
        self.close_lists();
        self.close_paragraph();
    }
}
