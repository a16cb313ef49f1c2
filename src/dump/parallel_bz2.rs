//! Decompressing a `.bz2` dump on several cores.
//!
//! bzip2 compresses blocks of up to 900 kB independently, so a file can be cut
//! into pieces that decode on their own:
//! - a multistream dump (`...-multistream.xml.bz2`) with its index beside it
//!   (`...-multistream-index.txt.bz2`, lines `offset:page id:title`): the index
//!   gives the byte offset of every stream, and each range between two offsets
//!   is whole bzip2 streams;
//! - any other `.bz2` (a single stream, or streams without an index): blocks
//!   start with the 48-bit magic 0x314159265359 at any bit position, and the
//!   stream ends with 0x177245385090. Each block found is copied, bit-shifted,
//!   into a one-block stream of its own (header, block, end magic, and the
//!   block's CRC as the stream's CRC).
//!
//! A reader thread reads the compressed file and cuts the pieces, `threads`
//! workers decode them, and [`ParallelBz2`] hands the output back in order as
//! one [`Read`]. At most `2 × threads` pieces are in flight (a credit
//! channel), so memory is bounded by the threads and the block size.
//!
//! The magic can occur by chance inside compressed data (about once in 2^48
//! bit positions: once in 35 TB). A block cut at such a place fails to
//! decode; it is then joined with the next piece and decoded again, so a
//! valid file always decodes. A piece that still fails (a corrupt or cut
//! file) ends the output with an error after everything before it.
//!
//! No crate was used: the crates that decode bzip2 in parallel either bring a
//! second bzip2 version with its C library, rayon and memory maps
//! (`parallel_bzip2_decoder`) or their own bzip2 decoder (`lbzip2`); the
//! block cutting here is small and decodes with the `bzip2` crate we have.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crossbeam_channel::{Receiver, Sender};

const BLOCK_MAGIC: u64 = 0x3141_5926_5359;
const END_MAGIC: u64 = 0x1772_4538_5090;
const MAGIC_MASK: u64 = (1 << 48) - 1;
/// For each byte value, the shifts (bit `s` for a window ending `s` bits
/// before the end of a byte) at which a magic has that value in the byte
/// before the window's last byte: the window `(reg >> s) & MAGIC_MASK` holds
/// that byte at its bits `8 - s ..= 15 - s`.
const MAGIC_SHIFTS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut s = 0;
    while s < 8 {
        table[((BLOCK_MAGIC >> (8 - s)) & 0xff) as usize] |= 1 << s;
        table[((END_MAGIC >> (8 - s)) & 0xff) as usize] |= 1 << s;
        s += 1;
    }
    table
};
/// How often a failed piece is joined with the next before giving up.
const MAX_JOINS: usize = 3;
/// Bytes of compressed input read at a time.
const READ_BLOCK: usize = 1 << 20;

/// A piece of the compressed file that decodes on its own.
#[derive(Debug)]
enum Piece {
    /// Whole bzip2 streams, from the index's offsets.
    Streams(Vec<u8>),
    /// One block: `bytes` starts at absolute bit `base`; the block's bits are
    /// `start..end`, and the next piece starts at `next` (after an end of
    /// stream, the bits between are the stream's trailer and the next header).
    Block { bytes: Vec<u8>, base: u64, start: u64, end: u64, next: u64 },
}

/// MSB-first bits, as bzip2 writes them.
#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    len: u32,
}

impl BitWriter {
    fn put(&mut self, value: u64, bits: u32) {
        debug_assert!(bits <= 32);
        self.acc = (self.acc << bits) | (value & ((1 << bits) - 1));
        self.len += bits;
        while self.len >= 8 {
            self.len -= 8;
            self.out.push((self.acc >> self.len) as u8);
        }
    }

    /// Copy bits `from..to` of `src` (bit 0 is the top bit of `src[0]`).
    fn copy(&mut self, src: &[u8], from: u64, to: u64) {
        let bit = |at: u64| u64::from(src[(at / 8) as usize] >> (7 - at % 8)) & 1;
        let mut at = from;
        // Up to the next whole output byte a bit at a time, then whole
        // bytes, each two source bytes shifted by one amount (a block is
        // 100-900 kB: this loop is the cutter's cost).
        while self.len != 0 && at < to {
            self.put(bit(at), 1);
            at += 1;
        }
        let whole = ((to - at) / 8) as usize;
        let first = (at / 8) as usize;
        let shift = (at % 8) as u32;
        if shift == 0 {
            self.out.extend_from_slice(&src[first..first + whole]);
        } else {
            self.out.reserve(whole);
            self.out.extend(src[first..=first + whole].windows(2).map(|w| (w[0] << shift) | (w[1] >> (8 - shift))));
        }
        at += whole as u64 * 8;
        while at < to {
            self.put(bit(at), 1);
            at += 1;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.len > 0 {
            let pad = 8 - self.len;
            self.put(0, pad);
        }
        self.out
    }
}

fn bits_at(src: &[u8], from: u64, count: u32) -> u64 {
    (0..u64::from(count)).fold(0, |acc, k| {
        let at = from + k;
        (acc << 1) | u64::from(src[(at / 8) as usize] >> (7 - at % 8)) & 1
    })
}

/// A one-block bzip2 stream of the bits `spans` (each `(bytes, base, from,
/// to)` in absolute bits; the first span starts at the block magic).
fn block_stream(spans: &[(&[u8], u64, u64, u64)]) -> Vec<u8> {
    let mut w = BitWriter::default();
    for &b in b"BZh9" {
        w.put(u64::from(b), 8);
    }
    let (first, base, from, _) = spans[0];
    // The block's CRC follows its magic; a one-block stream's CRC is it.
    let crc = bits_at(first, from - base + 48, 32);
    for &(bytes, base, from, to) in spans {
        w.copy(bytes, from - base, to - base);
    }
    w.put(END_MAGIC >> 24, 24);
    w.put(END_MAGIC & 0xff_ffff, 24);
    w.put(crc, 32);
    w.finish()
}

fn decode_bytes(stream: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    bzip2::read::MultiBzDecoder::new(stream).read_to_end(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

fn decode(piece: &Piece) -> Result<Vec<u8>, String> {
    match piece {
        Piece::Streams(bytes) => decode_bytes(bytes),
        Piece::Block { bytes, base, start, end, .. } => decode_bytes(&block_stream(&[(bytes, *base, *start, *end)])),
    }
}

/// Decode a failed block joined with the pieces after it.
fn decode_joined(pieces: &[&Piece]) -> Result<Vec<u8>, String> {
    let mut spans = Vec::with_capacity(pieces.len());
    for (k, piece) in pieces.iter().enumerate() {
        let Piece::Block { bytes, base, start, end, next } = piece else {
            return Err("a stream of the index does not decode".into());
        };
        // All but the last piece contribute everything up to the next one.
        let to = if k + 1 < pieces.len() { *next } else { *end };
        spans.push((bytes.as_slice(), *base, *start, to));
    }
    decode_bytes(&block_stream(&spans))
}

/// Reads the compressed file and cuts it into pieces.
trait Cutter: Send {
    /// The next piece; `Ok(None)` at the end.
    fn next_piece(&mut self) -> io::Result<Option<Piece>>;
}

/// Cuts at block magics, reading as it goes.
struct BlockCutter<R> {
    input: R,
    /// Bytes from absolute bit `base` on.
    buf: Vec<u8>,
    base: u64,
    /// Absolute byte where the scan goes on.
    scanned: u64,
    /// The last 64 bits scanned.
    reg: u64,
    /// The block being cut: its start, and its end once an end magic was seen.
    block: Option<(u64, Option<u64>)>,
    ready: std::collections::VecDeque<Piece>,
    eof: bool,
}

impl<R: Read + Send> BlockCutter<R> {
    fn new(input: R) -> Self {
        BlockCutter {
            input,
            buf: Vec::new(),
            base: 0,
            scanned: 0,
            reg: 0,
            block: None,
            ready: std::collections::VecDeque::new(),
            eof: false,
        }
    }

    /// Cut the piece of the current block, ending at bit `next`.
    fn take(&mut self, start: u64, end: u64, next: u64) -> Piece {
        let first = ((start - self.base) / 8) as usize;
        let last = ((next - self.base).div_ceil(8) as usize).min(self.buf.len());
        let bytes = self.buf[first..last].to_vec();
        let base = self.base + first as u64 * 8;
        // Keep only what the next piece needs.
        self.buf.drain(..((next - self.base) / 8) as usize);
        self.base = next / 8 * 8;
        Piece::Block { bytes, base, start, end, next }
    }

    /// A magic ends at absolute bit `end`.
    fn magic(&mut self, window: u64, end: u64) {
        let at = end - 48;
        if window == BLOCK_MAGIC {
            if let Some((start, block_end)) = self.block.replace((at, None)) {
                let piece = self.take(start, block_end.unwrap_or(at), at);
                self.ready.push_back(piece);
            }
        } else if let Some((_, block_end @ None)) = &mut self.block {
            *block_end = Some(at);
        }
    }
}

impl<R: Read + Send> Cutter for BlockCutter<R> {
    fn next_piece(&mut self) -> io::Result<Option<Piece>> {
        loop {
            if let Some(piece) = self.ready.pop_front() {
                return Ok(Some(piece));
            }
            let total = self.base / 8 + self.buf.len() as u64;
            while self.scanned < total && self.ready.is_empty() {
                // Every window ending in a byte holds the byte before it
                // whole: most bytes rule out all eight windows at one
                // lookup, so the scan runs on to the first that does not.
                let rest = &self.buf[(self.scanned - self.base / 8) as usize..];
                let mut reg = self.reg;
                let mut read = 0;
                for &byte in rest {
                    reg = (reg << 8) | u64::from(byte);
                    read += 1;
                    if MAGIC_SHIFTS[((reg >> 8) & 0xff) as usize] != 0 {
                        break;
                    }
                }
                self.reg = reg;
                self.scanned += read;
                let shifts = MAGIC_SHIFTS[((self.reg >> 8) & 0xff) as usize];
                if shifts == 0 {
                    continue;
                }
                // The windows ending at each bit of this byte, earliest first.
                for shift in (0..8).rev() {
                    if shifts & (1 << shift) == 0 {
                        continue;
                    }
                    let end = self.scanned * 8 - shift;
                    let window = (self.reg >> shift) & MAGIC_MASK;
                    if end >= 48 && (window == BLOCK_MAGIC || window == END_MAGIC) {
                        self.magic(window, end);
                    }
                }
            }
            if !self.ready.is_empty() {
                continue;
            }
            if self.eof {
                let total = total * 8;
                return Ok(self.block.take().map(|(start, end)| self.take(start, end.unwrap_or(total), total)));
            }
            let len = self.buf.len();
            self.buf.resize(len + READ_BLOCK, 0);
            let n = loop {
                match self.input.read(&mut self.buf[len..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    other => break other,
                }
            };
            let n = n.inspect_err(|_| self.buf.truncate(len))?;
            self.buf.truncate(len + n);
            self.eof = n == 0;
        }
    }
}

/// Cuts at the stream offsets of a multistream index.
struct StreamCutter<R> {
    input: R,
    /// Lengths of the byte ranges between consecutive offsets; the last range
    /// runs to the end of the file.
    lengths: std::vec::IntoIter<u64>,
    done: bool,
}

impl<R: Read + Send> Cutter for StreamCutter<R> {
    fn next_piece(&mut self) -> io::Result<Option<Piece>> {
        if self.done {
            return Ok(None);
        }
        let mut bytes = Vec::new();
        match self.lengths.next() {
            Some(len) => (&mut self.input).take(len).read_to_end(&mut bytes)?,
            None => {
                self.done = true;
                self.input.read_to_end(&mut bytes)?
            }
        };
        Ok(if bytes.is_empty() { None } else { Some(Piece::Streams(bytes)) })
    }
}

/// The index beside a multistream dump: `X-multistream.xml.bz2` →
/// `X-multistream-index.txt.bz2`.
#[must_use]
pub fn index_beside(dump: &Path) -> Option<PathBuf> {
    let name = dump.file_name()?.to_str()?;
    let stem = name.strip_suffix("-multistream.xml.bz2")?;
    let index = dump.with_file_name(format!("{stem}-multistream-index.txt.bz2"));
    index.is_file().then_some(index)
}

/// The distinct stream offsets of a multistream index, in order.
///
/// # Errors
/// When the index cannot be read or a line has no offset.
pub fn read_index(index: &Path) -> io::Result<Vec<u64>> {
    let file = File::open(index)?;
    let mut offsets: Vec<u64> = Vec::new();
    for line in BufReader::new(bzip2::read::MultiBzDecoder::new(file)).lines() {
        let line = line?;
        let offset = line.split(':').next().and_then(|o| o.parse::<u64>().ok()).ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidData, format!("{}: not an index line: {line}", index.display()))
        })?;
        if offsets.last() != Some(&offset) {
            offsets.push(offset);
        }
    }
    Ok(offsets)
}

type Decoded = (u64, Piece, Result<Vec<u8>, String>);

/// The decompressed output, in order.
pub struct ParallelBz2 {
    done: Receiver<Decoded>,
    credits: Receiver<()>,
    pending: BTreeMap<u64, (Piece, Result<Vec<u8>, String>)>,
    next: u64,
    /// The output being handed out, and how much of it was.
    current: Vec<u8>,
    at: usize,
    /// Set once the output ended (an error is returned once, then the end).
    ended: Option<Option<String>>,
}

impl ParallelBz2 {
    /// Decode `input` (a whole `.bz2` file from its start) on `threads`
    /// threads; with `stream_offsets` (from [`read_index`]) cut at them, else
    /// at block magics.
    pub fn new<R: Read + Send + 'static>(input: R, stream_offsets: Option<Vec<u64>>, threads: usize) -> Self {
        let cutter: Box<dyn Cutter> = match stream_offsets {
            Some(offsets) => {
                let mut lengths = Vec::with_capacity(offsets.len());
                let mut previous = 0;
                for offset in offsets.into_iter().filter(|&o| o > 0) {
                    lengths.push(offset - previous);
                    previous = offset;
                }
                Box::new(StreamCutter { input, lengths: lengths.into_iter(), done: false })
            }
            None => Box::new(BlockCutter::new(input)),
        };
        let threads = threads.max(1);
        let (credit_tx, credit_rx) = crossbeam_channel::bounded::<()>(2 * threads);
        let (work_tx, work_rx) = crossbeam_channel::bounded::<(u64, Piece)>(threads);
        let (done_tx, done_rx) = crossbeam_channel::unbounded::<Decoded>();
        let cut_done_tx = done_tx.clone();
        std::thread::spawn(move || cut(cutter, &credit_tx, &work_tx, &cut_done_tx));
        for _ in 0..threads {
            let (work_rx, done_tx) = (work_rx.clone(), done_tx.clone());
            std::thread::spawn(move || {
                for (seq, piece) in work_rx {
                    // Every piece must come back, or the output would end early without an error.
                    let decoded = std::panic::catch_unwind(|| decode(&piece))
                        .unwrap_or_else(|_| Err("the bzip2 decoder panicked".into()));
                    if done_tx.send((seq, piece, decoded)).is_err() {
                        break;
                    }
                }
            });
        }
        ParallelBz2 {
            done: done_rx,
            credits: credit_rx,
            pending: BTreeMap::new(),
            next: 0,
            current: Vec::new(),
            at: 0,
            ended: None,
        }
    }

    /// Wait for piece `seq`; `None` once there is no such piece.
    fn wait_for(&mut self, seq: u64) -> Option<(Piece, Result<Vec<u8>, String>)> {
        loop {
            if let Some(found) = self.pending.remove(&seq) {
                let _ = self.credits.recv();
                return Some(found);
            }
            let (s, piece, decoded) = self.done.recv().ok()?;
            self.pending.insert(s, (piece, decoded));
        }
    }

    /// The next piece's output; `Err` for a piece that does not decode, even
    /// joined with the next ones.
    fn next_output(&mut self) -> Option<Result<Vec<u8>, String>> {
        let (piece, decoded) = self.wait_for(self.next)?;
        self.next += 1;
        let Err(error) = decoded else { return Some(decoded) };
        let mut joined = vec![piece];
        for _ in 0..MAX_JOINS {
            let Some((piece, _)) = self.wait_for(self.next) else { break };
            self.next += 1;
            joined.push(piece);
            let refs: Vec<&Piece> = joined.iter().collect();
            if let Ok(out) = decode_joined(&refs) {
                return Some(Ok(out));
            }
        }
        Some(Err(error))
    }
}

/// The reader thread: cut pieces and hand them to the workers; a read error
/// becomes a piece that fails.
fn cut(mut cutter: Box<dyn Cutter>, credits: &Sender<()>, work: &Sender<(u64, Piece)>, done: &Sender<Decoded>) {
    let mut seq = 0;
    loop {
        match cutter.next_piece() {
            Ok(Some(piece)) => {
                if credits.send(()).is_err() || work.send((seq, piece)).is_err() {
                    return;
                }
            }
            Ok(None) => return,
            Err(e) => {
                if credits.send(()).is_ok() {
                    let _ = done.send((seq, Piece::Streams(Vec::new()), Err(e.to_string())));
                }
                return;
            }
        }
        seq += 1;
    }
}

impl std::fmt::Debug for ParallelBz2 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParallelBz2").field("next", &self.next).finish_non_exhaustive()
    }
}

impl Read for ParallelBz2 {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.current.len() {
            if let Some(ended) = &mut self.ended {
                return match ended.take() {
                    Some(error) => Err(io::Error::new(io::ErrorKind::InvalidData, error)),
                    None => Ok(0),
                };
            }
            match self.next_output() {
                Some(Ok(out)) => {
                    self.current = out;
                    self.at = 0;
                }
                Some(Err(error)) => self.ended = Some(Some(format!("bzip2 data cut or corrupt: {error}"))),
                None => self.ended = Some(None),
            }
        }
        let n = buf.len().min(self.current.len() - self.at);
        buf[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn compress(data: &[u8], level: u32) -> Vec<u8> {
        let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::new(level));
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// Text that compresses into many blocks at level 1 (100 kB blocks).
    fn text(len: usize) -> Vec<u8> {
        let mut state = 7u64;
        (0..len)
            .map(|_| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                b"abcdefgh <page>\n"[(state >> 60) as usize]
            })
            .collect()
    }

    fn read_all(reader: &mut ParallelBz2) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        reader.read_to_end(&mut out).map(|_| out)
    }

    #[test]
    fn blocks_decode_in_order_on_several_threads() {
        let data = text(1_000_000);
        let mut streams = compress(&data, 1);
        streams.extend(compress(b"and a second stream", 9));
        for threads in [1, 3] {
            let got = read_all(&mut ParallelBz2::new(io::Cursor::new(streams.clone()), None, threads)).unwrap();
            assert_eq!(got.len(), data.len() + 19);
            assert!(got == [data.as_slice(), b"and a second stream"].concat(), "{threads} threads");
        }
    }

    #[test]
    fn bits_copy_as_they_would_one_by_one() {
        let src: Vec<u8> = (0u32..64).map(|k| (k.wrapping_mul(0x9d) ^ 0x5a) as u8).collect();
        for pending in 0..8u32 {
            for from in 0..24u64 {
                for to in [from, from + 1, from + 7, from + 8, from + 9, 300, 500] {
                    let mut fast = BitWriter::default();
                    fast.put(0b101, 3);
                    fast.put(0x55, pending);
                    fast.copy(&src, from, to);
                    let mut slow = BitWriter::default();
                    slow.put(0b101, 3);
                    slow.put(0x55, pending);
                    for at in from..to {
                        slow.put(u64::from(src[(at / 8) as usize] >> (7 - at % 8)) & 1, 1);
                    }
                    assert_eq!(fast.finish(), slow.finish(), "{pending} {from}..{to}");
                }
            }
        }
    }

    #[test]
    fn the_byte_filter_passes_every_magic_at_every_bit() {
        let mut noise = 0x9e37_79b9_7f4a_7c15u64;
        for magic in [BLOCK_MAGIC, END_MAGIC] {
            for shift in 0..8 {
                for _ in 0..64 {
                    noise = noise.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    // A register whose window ending `shift` bits before its end is the magic.
                    let reg = (noise << 56) | (magic << shift) | (noise >> 60 & ((1 << shift) - 1));
                    assert_eq!((reg >> shift) & MAGIC_MASK, magic);
                    assert_ne!(MAGIC_SHIFTS[((reg >> 8) & 0xff) as usize] & (1 << shift), 0, "{magic:x} at {shift}");
                }
            }
        }
        // Most bytes rule every window out.
        assert!(MAGIC_SHIFTS.iter().filter(|&&s| s != 0).count() <= 16);
    }

    #[test]
    fn a_cut_file_gives_its_whole_blocks_then_an_error() {
        let data = text(1_000_000);
        let bytes = compress(&data, 1);
        let mut reader = ParallelBz2::new(io::Cursor::new(bytes[..bytes.len() / 2].to_vec()), None, 2);
        let mut out = Vec::new();
        assert!(reader.read_to_end(&mut out).is_err());
        assert!(!out.is_empty() && data.starts_with(&out), "{} bytes", out.len());
    }

    #[test]
    fn a_block_cut_at_a_chance_magic_is_joined_again() {
        let data = text(300_000);
        let bytes = compress(&data, 1);
        let mut cutter = BlockCutter::new(io::Cursor::new(bytes));
        let mut pieces = Vec::new();
        while let Some(piece) = cutter.next_piece().unwrap() {
            pieces.push(piece);
        }
        assert!(pieces.len() >= 3);
        // Split the first block in two as a chance magic would.
        let Piece::Block { bytes, base, start, end, next } = &pieces[0] else { panic!() };
        let middle = (start + end) / 2;
        let first = Piece::Block { bytes: bytes.clone(), base: *base, start: *start, end: middle, next: middle };
        let second = Piece::Block { bytes: bytes.clone(), base: *base, start: middle, end: *end, next: *next };
        assert!(decode(&first).is_err());
        let joined = decode_joined(&[&first, &second]).unwrap();
        assert_eq!(joined, decode(&pieces[0]).unwrap());
    }
}
