//! The output file: NDJSON, plain or compressed (`.gz`, `.zst`) by its name,
//! and what `--resume` needs of it (its last complete record).
//!
//! Resuming a compressed output: the complete lines that decompress are kept
//! (re-encoded into one finished gzip member or zstd frame, written beside
//! OUT and renamed over it, so an interruption here leaves OUT as it was),
//! and the new records go into a new member or frame appended after it. A
//! reader of concatenated members or frames (`zcat`, `zstdcat`) sees one
//! stream; a half-written last member or frame is cut at the next resume.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::{Config, DumpError, fail};

/// zstd's level for the output: its default, fast with a good ratio.
const ZSTD_LEVEL: i32 = 3;

/// Where records go.
pub enum Output {
    Plain(BufWriter<Box<dyn Write + Send>>),
    Gzip(GzEncoder<BufWriter<File>>),
    Zstd(zstd::Encoder<'static, BufWriter<File>>),
}

impl Output {
    /// Write one whole record line.
    pub fn write_all(&mut self, line: &[u8]) -> io::Result<()> {
        match self {
            Output::Plain(w) => w.write_all(line),
            Output::Gzip(w) => w.write_all(line),
            Output::Zstd(w) => w.write_all(line),
        }
    }

    /// Flush everything (and end the gzip member or zstd frame).
    pub fn finish(self) -> io::Result<()> {
        match self {
            Output::Plain(mut w) => w.flush(),
            Output::Gzip(w) => w.finish()?.flush(),
            Output::Zstd(w) => w.finish()?.flush(),
        }
    }
}

/// The compression an output file name asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compressed {
    Gzip,
    Zstd,
}

impl Compressed {
    fn of(path: &Path) -> Option<Compressed> {
        let ext = path.extension()?;
        if ext.eq_ignore_ascii_case("gz") {
            Some(Compressed::Gzip)
        } else if ext.eq_ignore_ascii_case("zst") {
            Some(Compressed::Zstd)
        } else {
            None
        }
    }

    fn encoder(self, file: File) -> io::Result<Output> {
        let file = BufWriter::with_capacity(1 << 20, file);
        Ok(match self {
            Compressed::Gzip => Output::Gzip(GzEncoder::new(file, Compression::fast())),
            Compressed::Zstd => Output::Zstd(zstd::Encoder::new(file, ZSTD_LEVEL)?),
        })
    }

    fn decoder(self, file: File) -> io::Result<Box<dyn Read>> {
        Ok(match self {
            Compressed::Gzip => Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file))),
            // zstd's reader goes on through concatenated frames.
            Compressed::Zstd => Box::new(zstd::Decoder::new(file)?),
        })
    }
}

/// Open the output; with `--resume`, after cutting any partial last line,
/// also return the page id of its last complete record.
pub fn open(config: &Config) -> Result<(Output, Option<u64>), DumpError> {
    let Some(path) = &config.output else {
        if config.resume {
            return Err(DumpError("--resume needs an output file (-o OUT)".into()));
        }
        return Ok((Output::Plain(BufWriter::new(Box::new(io::stdout()))), None));
    };
    let what = path.display().to_string();
    let resuming = config.resume && path.exists();
    if let Some(kind) = Compressed::of(path) {
        let resume_after = if resuming { keep_complete_compressed(path, kind)? } else { None };
        let file = if resuming { OpenOptions::new().append(true).open(path) } else { File::create(path) }
            .map_err(fail(format!("cannot open {what}")))?;
        return Ok((kind.encoder(file).map_err(fail(&what))?, resume_after));
    }
    let resume_after = if resuming { last_complete_record(path)? } else { None };
    let file = if config.resume {
        OpenOptions::new().create(true).append(true).open(path)
    } else {
        File::create(path)
    }
    .map_err(fail(format!("cannot open {what}")))?;
    Ok((Output::Plain(BufWriter::with_capacity(1 << 20, Box::new(file))), resume_after))
}

/// The errors file (JSON lines, one per failed page), and with `--resume`
/// the input offsets of the pages it already lists: an interrupted run may
/// have listed pages after its last complete record, which the resumed run
/// meets again and must not list twice.
pub fn open_errors(config: &Config) -> Result<(Box<dyn Write + Send>, HashSet<u64>), DumpError> {
    let path: PathBuf = match (&config.errors, &config.output) {
        (Some(path), _) => path.clone(),
        (None, Some(out)) => {
            let mut name = out.as_os_str().to_owned();
            name.push(".errors.ndjson");
            name.into()
        }
        (None, None) => return Ok((Box::new(io::stderr()), HashSet::new())),
    };
    let what = path.display().to_string();
    let mut listed = HashSet::new();
    if config.resume && path.exists() {
        cut_after_last_newline(&path)?;
        let file = File::open(&path).map_err(fail(format!("cannot open {what}")))?;
        for line in BufReader::new(file).lines() {
            let line = line.map_err(fail(&what))?;
            let entry: Option<serde_json::Value> = serde_json::from_str(&line).ok();
            if let Some(offset) = entry.as_ref().and_then(|e| e.get("offset")).and_then(serde_json::Value::as_u64) {
                listed.insert(offset);
            }
        }
    }
    let file = if config.resume {
        OpenOptions::new().create(true).append(true).open(&path)
    } else {
        File::create(&path)
    }
    .map_err(fail(format!("cannot open {what}")))?;
    Ok((Box::new(BufWriter::new(file)), listed))
}

/// The `identifier` of a record line.
fn record_identifier(line: &[u8], what: &str) -> Result<u64, DumpError> {
    let record: serde_json::Value = serde_json::from_slice(line)
        .map_err(fail(format!("{what}: the last complete line is not a JSON record")))?;
    record
        .get("identifier")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| DumpError(format!("{what}: the last record has no page identifier to resume after")))
}

/// Keep the complete lines of a compressed output that decompress (up to a
/// cut or corrupt end), re-encoded as one finished member or frame, and
/// return the identifier of the last one.
fn keep_complete_compressed(path: &Path, kind: Compressed) -> Result<Option<u64>, DumpError> {
    let what = path.display().to_string();
    let mut partial_name = path.as_os_str().to_owned();
    partial_name.push(".resuming");
    let partial = PathBuf::from(partial_name);
    let mut decoder = kind.decoder(File::open(path).map_err(fail(format!("cannot open {what}")))?).map_err(fail(&what))?;
    let mut encoder = kind.encoder(File::create(&partial).map_err(fail(format!("cannot create {}", partial.display())))?)
        .map_err(fail(&what))?;
    // `line` holds the bytes since the last newline written; `last` the last
    // complete line, for its identifier.
    let (mut line, mut last) = (Vec::new(), Vec::new());
    let mut block = vec![0u8; 1 << 16];
    loop {
        let n = match decoder.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            // A cut or corrupt end: what decoded before it is kept.
            Err(_) => break,
        };
        let mut rest = &block[..n];
        while let Some(newline) = memchr::memchr(b'\n', rest) {
            line.extend_from_slice(&rest[..=newline]);
            encoder.write_all(&line).map_err(fail(format!("cannot write {}", partial.display())))?;
            std::mem::swap(&mut line, &mut last);
            line.clear();
            rest = &rest[newline + 1..];
        }
        line.extend_from_slice(rest);
    }
    encoder.finish().map_err(fail(format!("cannot write {}", partial.display())))?;
    File::open(&partial).and_then(|f| f.sync_all()).map_err(fail(format!("cannot write {}", partial.display())))?;
    std::fs::rename(&partial, path).map_err(fail(format!("cannot replace {what}")))?;
    match last.strip_suffix(b"\n") {
        Some(record) => record_identifier(record, &what).map(Some),
        None => Ok(None),
    }
}

/// Cut `path` after its last newline (an interrupted run may have left half
/// a line); the offset it now ends at.
fn cut_after_last_newline(path: &Path) -> Result<u64, DumpError> {
    let what = path.display().to_string();
    let mut file = OpenOptions::new().read(true).write(true).open(path).map_err(fail(format!("cannot open {what}")))?;
    let len = file.metadata().map_err(fail(&what))?.len();
    let mut end = len;
    let mut block = vec![0u8; 1 << 16];
    while end > 0 {
        let from = end.saturating_sub(block.len() as u64);
        let chunk = &mut block[..(end - from) as usize];
        file.seek(SeekFrom::Start(from)).map_err(fail(&what))?;
        file.read_exact(chunk).map_err(fail(&what))?;
        if let Some(i) = memchr::memrchr(b'\n', chunk) {
            end = from + i as u64 + 1;
            break;
        }
        end = from;
    }
    if end < len {
        file.set_len(end).map_err(fail(&what))?;
    }
    Ok(end)
}

/// Cut `path` after its last newline and return the `identifier` of the
/// record before it.
fn last_complete_record(path: &Path) -> Result<Option<u64>, DumpError> {
    let what = path.display().to_string();
    let end = cut_after_last_newline(path)?;
    if end == 0 {
        return Ok(None);
    }
    let mut file = File::open(path).map_err(fail(format!("cannot open {what}")))?;
    // Read backwards in growing windows until the window holds the last line whole.
    let mut window = 1u64 << 16;
    loop {
        let from = end.saturating_sub(window);
        file.seek(SeekFrom::Start(from)).map_err(fail(&what))?;
        let mut tail = Vec::new();
        (&mut file).take(end - from).read_to_end(&mut tail).map_err(fail(&what))?;
        let body = &tail[..tail.len() - 1];
        match memchr::memrchr(b'\n', body) {
            Some(i) => return record_identifier(&body[i + 1..], &what).map(Some),
            None if from == 0 => return record_identifier(body, &what).map(Some),
            None => window *= 4,
        }
    }
}
