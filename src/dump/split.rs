//! Cutting a decompressed dump into its header and one `<page>...</page>`
//! element at a time, by bytes, without parsing XML.
//!
//! In an export, `</page>` can only be markup: `<` in text is always written
//! `&lt;`, and dumps hold no comments or CDATA. So a scan for `</page>`
//! (memchr's SIMD search) finds every page boundary, and each page is parsed
//! on its own by a worker: XML parsing runs on every core, and a malformed
//! page fails alone instead of ending the run.

use std::io::{self, BufRead};

use memchr::memmem;

const PAGE_START: &[u8] = b"<page>";
const PAGE_END: &[u8] = b"</page>";

/// How the input ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// After `</mediawiki>`.
    Complete,
    /// After a whole `</page>`, without `</mediawiki>`: a dump head.
    AfterPage,
    /// Inside a page (or inside the header): the bytes after the last whole page.
    InsidePage { trailing_bytes: usize },
    /// Reading or decompressing failed (a truncated or corrupt compressed
    /// file): the error, after the last whole page.
    ReadError(String),
}

/// One piece of the dump.
#[derive(Debug)]
pub enum Piece {
    /// Everything before the first `<page>` (the root tag and `<siteinfo>`).
    Header(Vec<u8>),
    /// One page element, and its byte offset in the decompressed XML.
    Page { xml: Vec<u8>, offset: u64 },
    /// The end of the input.
    End(Ending),
}

/// Splits a decompressed dump into [`Piece`]s; memory holds one page and
/// one read block.
#[derive(Debug)]
pub struct PageSplitter<R> {
    input: R,
    buf: Vec<u8>,
    /// Start of the unconsumed bytes in `buf`.
    start: usize,
    /// Where the next search may begin (bytes before it hold no match).
    searched: usize,
    /// Offset of `buf[0]` in the decompressed stream.
    base: u64,
    header_done: bool,
    eof: bool,
    read_error: Option<String>,
    finished: bool,
    finder_end: memmem::Finder<'static>,
    finder_start: memmem::Finder<'static>,
}

impl<R: BufRead> PageSplitter<R> {
    /// Split `input`, a decompressed XML stream.
    pub fn new(input: R) -> Self {
        PageSplitter {
            input,
            buf: Vec::with_capacity(1 << 20),
            start: 0,
            searched: 0,
            base: 0,
            header_done: false,
            eof: false,
            read_error: None,
            finished: false,
            finder_end: memmem::Finder::new(PAGE_END),
            finder_start: memmem::Finder::new(PAGE_START),
        }
    }

    /// Bytes of decompressed XML consumed so far.
    pub fn xml_offset(&self) -> u64 {
        self.base + self.start as u64
    }

    /// Append one block of input; false at the end (or on a read error).
    fn fill(&mut self) -> bool {
        if self.eof {
            return false;
        }
        // Drop consumed bytes once they are most of the buffer.
        if self.start > 0 && self.start * 2 >= self.buf.len() {
            self.buf.drain(..self.start);
            self.base += self.start as u64;
            self.searched -= self.start;
            self.start = 0;
        }
        loop {
            match self.input.fill_buf() {
                Ok([]) => {
                    self.eof = true;
                    return false;
                }
                Ok(block) => {
                    let n = block.len();
                    self.buf.extend_from_slice(block);
                    self.input.consume(n);
                    return true;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.read_error = Some(e.to_string());
                    self.eof = true;
                    return false;
                }
            }
        }
    }

    /// Find `finder`'s needle after `start`, reading more input as needed;
    /// the index just past the match.
    fn find(&mut self, end_tag: bool) -> Option<usize> {
        loop {
            let finder = if end_tag { &self.finder_end } else { &self.finder_start };
            let from = self.searched.max(self.start);
            if let Some(i) = finder.find(&self.buf[from..]) {
                self.searched = from + i + finder.needle().len();
                return Some(self.searched);
            }
            // A needle may straddle the block boundary: search its last bytes again.
            self.searched = self.buf.len().saturating_sub(finder.needle().len() - 1).max(self.start);
            if !self.fill() {
                return None;
            }
        }
    }

    fn ending(&mut self) -> Ending {
        self.finished = true;
        if let Some(error) = self.read_error.take() {
            return Ending::ReadError(error);
        }
        let rest = &self.buf[self.start..];
        let trimmed = rest.trim_ascii();
        if trimmed.is_empty() {
            Ending::AfterPage
        } else if trimmed == b"</mediawiki>" {
            Ending::Complete
        } else {
            Ending::InsidePage { trailing_bytes: rest.len() }
        }
    }
}

impl<R: BufRead> Iterator for PageSplitter<R> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        if self.finished {
            return None;
        }
        if !self.header_done {
            self.header_done = true;
            let header_end = match self.find(false) {
                Some(past) => past - PAGE_START.len(),
                None => self.buf.len(),
            };
            let header = self.buf[..header_end].to_vec();
            self.start = header_end;
            self.searched = header_end;
            return Some(Piece::Header(header));
        }
        match self.find(true) {
            Some(end) => {
                let offset = self.xml_offset();
                let xml = self.buf[self.start..end].to_vec();
                self.start = end;
                Some(Piece::Page { xml, offset })
            }
            None => Some(Piece::End(self.ending())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(input: &[u8], block: usize) -> Vec<Piece> {
        PageSplitter::new(io::BufReader::with_capacity(block, input)).collect()
    }

    #[test]
    fn splits_pages_across_small_blocks() {
        let xml = b"<mediawiki><siteinfo/>\n<page><title>A</title></page>\n<page><title>B &lt;/page&gt;</title></page>\n</mediawiki>\n";
        for block in [1, 3, 7, 64] {
            let got = pieces(xml, block);
            assert!(matches!(&got[0], Piece::Header(h) if h == b"<mediawiki><siteinfo/>\n"), "block {block}");
            assert!(matches!(&got[1], Piece::Page { xml, offset: 23 } if xml == b"<page><title>A</title></page>"));
            assert!(matches!(&got[2], Piece::Page { xml, .. } if xml.ends_with(b"B &lt;/page&gt;</title></page>")));
            assert!(matches!(&got[3], Piece::End(Ending::Complete)));
            assert_eq!(got.len(), 4);
        }
    }

    #[test]
    fn tells_a_head_from_a_cut_page() {
        let head = pieces(b"<mediawiki>\n<page><title>A</title></page>\n", 4);
        assert!(matches!(head.last(), Some(Piece::End(Ending::AfterPage))));
        let cut = pieces(b"<mediawiki>\n<page><title>A</title></page>\n<page><tit", 4);
        assert!(matches!(cut.last(), Some(Piece::End(Ending::InsidePage { .. }))));
    }
}
