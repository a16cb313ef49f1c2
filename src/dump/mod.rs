//! Render a whole MediaWiki dump on every core: `wikitext dump`.
//!
//! A pipeline of threads with bounded queues:
//! 1. the reader decompresses the input and cuts it into page elements
//!    ([`split`]), on its own core;
//! 2. `jobs` workers each parse a page's XML, render it and serialize its
//!    record ([`crate::dump_record`]); a page that fails (bad XML, invalid UTF-8, a
//!    panic) becomes an error entry, and the run goes on;
//! 3. this thread puts records back in input order and writes them.
//!
//! At most `4 × jobs` pages are between the reader and the writer (a credit
//! channel: the reader takes a credit per page, the writer returns it once
//! the page is written), so memory is bounded by `jobs` and the largest page,
//! not by the dump, even when one page renders slowly.

mod output;
pub mod parallel_bz2;
mod progress;
pub mod split;

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use serde_json::json;

use crate::export::{self, ExportPage};
use crate::export_site::ExportSite;
use crate::store::{PageStore, StoreWriter, TEMPLATE_NAMESPACES};
use crate::{Site, WithPages};
pub use crate::dump_record::{self as record, Format};
use split::{Ending, PageSplitter, Piece};

/// Where templates come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Templates {
    /// None: every template is missing.
    None,
    /// Build a store at this path from the dump's Template, Module and MediaWiki pages
    /// (a first pass), then render with it.
    Build(PathBuf),
    /// Use the store already at this path.
    From(PathBuf),
}

/// What to render and where.
#[derive(Debug, Clone)]
pub struct Config {
    /// The dump: plain XML, `.bz2`, `.gz` or `.zst`; `-` for standard input.
    pub input: PathBuf,
    /// The NDJSON output; `None` for standard output. A `.gz` or `.zst` name compresses.
    pub output: Option<PathBuf>,
    /// Where failed pages are listed (JSON lines); `None`: beside the output
    /// as `OUT.errors.ndjson`, or standard error when writing to standard output.
    pub errors: Option<PathBuf>,
    pub format: Format,
    /// Only pages of these namespaces; `None` for all.
    pub namespaces: Option<Vec<i32>>,
    /// Render workers.
    pub jobs: usize,
    pub templates: Templates,
    /// Stop after this many records.
    pub limit: Option<u64>,
    /// Continue after the last complete record of the output.
    pub resume: bool,
    /// Show a progress bar (when standard error is a terminal; log lines otherwise).
    pub progress: bool,
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Page records written (redirects not counted).
    pub pages: u64,
    /// Redirect records written.
    pub redirects: u64,
    /// Pages outside the chosen namespaces.
    pub skipped: u64,
    /// Pages that failed (listed in the errors file).
    pub errors: u64,
    /// Pages passed over because an earlier run had written them (`--resume`).
    pub resumed_past: u64,
    /// Bytes of decompressed XML read.
    pub xml_bytes: u64,
    pub seconds: f64,
    /// How the input ended; `None` when the run stopped at `--limit`.
    pub ending: Option<Ending>,
    /// Pages the template store holds, when one was used.
    pub store_pages: Option<u64>,
}

impl Summary {
    /// Megabytes (10^6) of dump XML per second.
    #[must_use]
    pub fn mb_per_second(&self) -> f64 {
        self.xml_bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} pages, {} redirects, {} errors, {} skipped, {:.1} s, {:.1} MB/s of XML",
            self.pages,
            self.redirects,
            self.errors,
            self.skipped,
            self.seconds,
            self.mb_per_second()
        )?;
        if self.resumed_past > 0 {
            write!(f, ", {} pages already done", self.resumed_past)?;
        }
        Ok(())
    }
}

/// A run that could not start or could not write.
#[derive(Debug)]
pub struct DumpError(String);

impl fmt::Display for DumpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DumpError {}

fn fail<E: fmt::Display>(context: impl fmt::Display) -> impl FnOnce(E) -> DumpError {
    move |e| DumpError(format!("{context}: {e}"))
}

/// A reader that counts the bytes read through it (the compressed bytes,
/// for the progress bar's ETA).
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The decompressed input, its compressed size when known, and the counter of
/// compressed bytes read.
type Input = (Box<dyn BufRead + Send>, Option<u64>, Arc<AtomicU64>);

fn open_input(path: &Path, threads: usize, log: &(dyn Fn(&str) + Sync)) -> Result<Input, DumpError> {
    let count = Arc::new(AtomicU64::new(0));
    if path.as_os_str() == "-" {
        let raw = Counting { inner: io::stdin(), count: count.clone() };
        return Ok((export::decompress(raw, "standard input").map_err(fail("standard input"))?, None, count));
    }
    let what = path.display().to_string();
    let mut file = File::open(path).map_err(fail(format!("cannot open {what}")))?;
    let size = file.metadata().ok().map(|m| m.len());
    let mut magic = [0u8; 3];
    let is_bz2 = file.read_exact(&mut magic).is_ok() && &magic == b"BZh";
    io::Seek::rewind(&mut file).map_err(fail(&what))?;
    let raw = Counting { inner: file, count: count.clone() };
    if is_bz2 && threads > 1 {
        // A multistream dump's index gives its streams; any other .bz2 is cut at its blocks.
        let offsets = match parallel_bz2::index_beside(path) {
            Some(index) => {
                let offsets = parallel_bz2::read_index(&index).map_err(fail(format!("reading {}", index.display())))?;
                log(&format!("decompressing {} streams of {} on {threads} threads", offsets.len(), index.display()));
                Some(offsets)
            }
            None => None,
        };
        let reader = parallel_bz2::ParallelBz2::new(raw, offsets, threads);
        return Ok((Box::new(io::BufReader::with_capacity(256 * 1024, reader)), size, count));
    }
    Ok((export::decompress(raw, &what).map_err(fail(&what))?, size, count))
}

/// The wiki of the dump's header.
fn site_of_header(header: &[u8]) -> Result<ExportSite, DumpError> {
    let info = export::parse_header(header).map_err(fail("reading the dump's <siteinfo>"))?;
    Ok(ExportSite::new(&info.unwrap_or_default()))
}

/// The first pass of `--templates`: store the dump's Template, Module and MediaWiki pages.
/// Pages that fail to parse are left out (the second pass reports them).
fn build_store(input: &Path, store: &Path, jobs: usize) -> Result<u64, DumpError> {
    if input.as_os_str() == "-" {
        return Err(DumpError("--templates reads the dump twice: give a file, not standard input".into()));
    }
    let (reader, _, _) = open_input(input, jobs, &|_| {})?;
    let mut writer = StoreWriter::create(store).map_err(fail(format!("cannot create {}", store.display())))?;
    let mut site = None;
    for piece in PageSplitter::new(reader) {
        match piece {
            Piece::Header(header) => site = Some(site_of_header(&header)?),
            Piece::Page { xml, .. } => {
                // Cheap test before parsing: most pages are articles.
                let ns = raw_field(&xml, "ns").and_then(|ns| ns.trim().parse::<i32>().ok());
                if !ns.is_some_and(|ns| TEMPLATE_NAMESPACES.contains(&ns)) {
                    continue;
                }
                if let (Ok(page), Some(site)) = (export::parse_page(&xml), &site) {
                    writer.insert(&page, site).map_err(fail("writing the template store"))?;
                }
            }
            Piece::End(_) => {}
        }
    }
    writer.finish().map_err(fail("writing the template store"))
}

/// The text of the first `<name>` element of a page's XML, undecoded: for
/// error reports and the cheap checks made before a page is parsed.
fn raw_field(xml: &[u8], name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = memchr::memmem::find(xml, open.as_bytes())? + open.len();
    let len = memchr::memmem::find(&xml[start..], close.as_bytes())?;
    Some(String::from_utf8_lossy(&xml[start..start + len]).into_owned())
}

/// One page's result, from a worker to the writer.
enum Outcome {
    Record { line: Vec<u8>, redirect: bool },
    Skipped,
    /// The error entry, and the input offset of the page.
    Failed { line: Vec<u8>, offset: u64 },
}

struct Worker {
    wiki: ExportSite,
    site: Box<dyn Site>,
    format: Format,
    namespaces: Option<Vec<i32>>,
}

impl Worker {
    fn render(&self, page: &ExportPage) -> Outcome {
        if self.namespaces.as_ref().is_some_and(|set| !set.contains(&page.namespace)) {
            return Outcome::Skipped;
        }
        let line = record::record_line(page, self.format, &self.wiki, self.site.as_ref()).into_bytes();
        Outcome::Record { line, redirect: page.redirect.is_some() }
    }

    fn process(&self, xml: &[u8], offset: u64) -> Outcome {
        let result = export::parse_page(xml).map_err(|e| e.to_string()).and_then(|page| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.render(&page)))
                .map_err(|panic| format!("rendering panicked: {}", panic_message(&panic)))
        });
        result.unwrap_or_else(|error| {
            let entry = json!({
                "name": raw_field(xml, "title"),
                "identifier": raw_field(xml, "id").and_then(|id| id.trim().parse::<u64>().ok()),
                "offset": offset,
                "error": error,
            });
            let mut line = serde_json::to_vec(&entry).unwrap_or_default();
            line.push(b'\n');
            Outcome::Failed { line, offset }
        })
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Render the dump of `config`. `log` receives warnings and periodic
/// progress lines.
///
/// # Errors
/// When the input cannot be opened, the output cannot be written, or the
/// template store cannot be built or read. A dump that ends early is not an
/// error here: [`Summary::ending`] says so.
pub fn run(config: &Config, log: &(dyn Fn(&str) + Sync)) -> Result<Summary, DumpError> {
    let started = Instant::now();
    let jobs = config.jobs.max(1);
    let store_path = match &config.templates {
        Templates::None => None,
        Templates::Build(path) => {
            log(&format!("building the template store {} ...", path.display()));
            let n = build_store(&config.input, path, jobs)?;
            log(&format!("stored {n} template and module pages"));
            Some(path.clone())
        }
        Templates::From(path) => Some(path.clone()),
    };
    let store_pages = match &store_path {
        Some(path) => {
            let store = PageStore::open(path).map_err(fail(format!("cannot read the page store {}", path.display())))?;
            Some(store.len().map_err(fail("reading the page store"))?)
        }
        None => None,
    };

    let mut summary = Summary {
        pages: 0,
        redirects: 0,
        skipped: 0,
        errors: 0,
        resumed_past: 0,
        xml_bytes: 0,
        seconds: 0.0,
        ending: None,
        store_pages,
    };
    if config.limit == Some(0) {
        // `--templates --limit 0`: only build the store.
        summary.seconds = started.elapsed().as_secs_f64();
        return Ok(summary);
    }
    let (mut out, resume_after) = output::open(config)?;
    let (mut errors_out, errors_listed) = output::open_errors(config)?;

    let (reader, compressed_size, compressed_read) = open_input(&config.input, jobs, log)?;
    let mut splitter = PageSplitter::new(reader);
    let wiki = match splitter.next() {
        Some(Piece::Header(header)) => site_of_header(&header)?,
        _ => ExportSite::new(&export::SiteInfo::default()),
    };

    let mut workers = Vec::with_capacity(jobs);
    for _ in 0..jobs {
        let site: Box<dyn Site> = match &store_path {
            Some(path) => {
                let store = PageStore::open(path).map_err(fail(format!("cannot read the page store {}", path.display())))?;
                Box::new(WithPages::new(wiki.clone(), store))
            }
            None => Box::new(wiki.clone()),
        };
        workers.push(Worker { wiki: wiki.clone(), site, format: config.format, namespaces: config.namespaces.clone() });
    }

    let capacity = 4 * jobs;
    let (credit_tx, credit_rx) = crossbeam_channel::bounded::<()>(capacity);
    let (work_tx, work_rx) = crossbeam_channel::bounded::<(u64, Vec<u8>, u64)>(capacity);
    let (done_tx, done_rx) = crossbeam_channel::unbounded::<(u64, Outcome)>();
    let stop = AtomicBool::new(false);
    let xml_read = AtomicU64::new(0);
    let resumed_past = AtomicU64::new(0);

    let mut progress = progress::Progress::new(config.progress, compressed_size, log);

    let write_result: Result<(), DumpError> = std::thread::scope(|scope| {
        // The reader owns the senders, so the workers see the end of the work
        // queue when it returns.
        let (splitter, xml_read, resumed_past, stop) = (&mut splitter, &xml_read, &resumed_past, &stop);
        let reader = scope.spawn(move || {
            let (credit_tx, work_tx) = (credit_tx, work_tx);
            let mut seq = 0u64;
            let mut skipping = resume_after;
            for piece in splitter {
                xml_read.fetch_max(splitter_position_hint(&piece), Ordering::Relaxed);
                match piece {
                    Piece::Page { xml, offset } => {
                        if let Some(last_done) = skipping {
                            resumed_past.fetch_add(1, Ordering::Relaxed);
                            if raw_field(&xml, "id").and_then(|id| id.trim().parse::<u64>().ok()) == Some(last_done) {
                                skipping = None;
                            }
                            continue;
                        }
                        if stop.load(Ordering::Relaxed) || credit_tx.send(()).is_err() {
                            return None;
                        }
                        if work_tx.send((seq, xml, offset)).is_err() {
                            return None;
                        }
                        seq += 1;
                    }
                    Piece::Header(_) => {}
                    Piece::End(ending) => return Some((ending, skipping)),
                }
            }
            None
        });
        for worker in &workers {
            let work_rx = work_rx.clone();
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                for (seq, xml, offset) in work_rx {
                    if done_tx.send((seq, worker.process(&xml, offset))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        drop(work_rx);

        let mut pending: BTreeMap<u64, Outcome> = BTreeMap::new();
        let mut next = 0u64;
        let mut result = Ok(());
        'receive: for (seq, outcome) in &done_rx {
            pending.insert(seq, outcome);
            while let Some(outcome) = pending.remove(&next) {
                next += 1;
                let _ = credit_rx.recv();
                let written = match outcome {
                    Outcome::Record { line, redirect } => {
                        if redirect {
                            summary.redirects += 1;
                        } else {
                            summary.pages += 1;
                        }
                        out.write_all(&line)
                    }
                    Outcome::Skipped => {
                        summary.skipped += 1;
                        Ok(())
                    }
                    Outcome::Failed { line, offset } => {
                        summary.errors += 1;
                        if errors_listed.contains(&offset) {
                            Ok(())
                        } else {
                            errors_out.write_all(&line)
                        }
                    }
                };
                if let Err(e) = written {
                    result = Err(DumpError(format!("cannot write the output: {e}")));
                    stop.store(true, Ordering::Relaxed);
                    break 'receive;
                }
                progress.update(
                    summary.pages + summary.redirects,
                    compressed_read.load(Ordering::Relaxed),
                    xml_read.load(Ordering::Relaxed),
                );
                if config.limit.is_some_and(|limit| summary.pages + summary.redirects >= limit) {
                    stop.store(true, Ordering::Relaxed);
                    break 'receive;
                }
            }
        }
        // Unblock the reader (it may wait for a credit) and the workers.
        drop(credit_rx);
        drop(done_rx);
        match reader.join() {
            Ok(Some((ending, still_skipping))) => {
                if let Some(id) = still_skipping {
                    log(&format!("--resume: page {id}, the last one written, is not in this dump"));
                }
                summary.ending = Some(ending);
            }
            Ok(None) => {}
            Err(_) => result = Err(DumpError("the reader thread panicked".into())),
        }
        result
    });
    write_result?;
    out.finish().map_err(fail("cannot finish the output"))?;
    errors_out.flush().map_err(fail("cannot write the errors file"))?;
    summary.resumed_past = resumed_past.load(Ordering::Relaxed);
    summary.xml_bytes = xml_read.load(Ordering::Relaxed);
    summary.seconds = started.elapsed().as_secs_f64();
    progress.finish();
    Ok(summary)
}

/// The decompressed offset a piece ends at, for the MB/s figures.
fn splitter_position_hint(piece: &Piece) -> u64 {
    match piece {
        Piece::Page { xml, offset } => offset + xml.len() as u64,
        Piece::Header(header) => header.len() as u64,
        Piece::End(_) => 0,
    }
}
