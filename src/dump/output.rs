//! The output file: NDJSON, plain or gzip-compressed by its name, and what
//! `--resume` needs of it (its last complete record).

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::{Config, DumpError, fail};

/// Where records go.
pub enum Output {
    Plain(BufWriter<Box<dyn Write + Send>>),
    Gzip(GzEncoder<BufWriter<File>>),
}

impl Output {
    /// Write one whole record line.
    pub fn write_all(&mut self, line: &[u8]) -> io::Result<()> {
        match self {
            Output::Plain(w) => w.write_all(line),
            Output::Gzip(w) => w.write_all(line),
        }
    }

    /// Flush everything (and end the gzip stream).
    pub fn finish(self) -> io::Result<()> {
        match self {
            Output::Plain(mut w) => w.flush(),
            Output::Gzip(w) => w.finish()?.flush(),
        }
    }
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
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
    if has_extension(path, "zst") {
        return Err(DumpError(format!("{what}: zstd output is not supported yet; use .gz or plain .ndjson")));
    }
    if has_extension(path, "gz") {
        if config.resume {
            return Err(DumpError(format!("{what}: --resume needs an uncompressed output (a cut gzip stream cannot be appended to)")));
        }
        let file = File::create(path).map_err(fail(format!("cannot create {what}")))?;
        return Ok((Output::Gzip(GzEncoder::new(BufWriter::new(file), Compression::fast())), None));
    }
    let resume_after = if config.resume && path.exists() { last_complete_record(path)? } else { None };
    let file = if config.resume {
        OpenOptions::new().create(true).append(true).open(path)
    } else {
        File::create(path)
    }
    .map_err(fail(format!("cannot open {what}")))?;
    Ok((Output::Plain(BufWriter::with_capacity(1 << 20, Box::new(file))), resume_after))
}

/// The errors file: JSON lines, one per failed page.
pub fn open_errors(config: &Config) -> Result<Box<dyn Write + Send>, DumpError> {
    let path: PathBuf = match (&config.errors, &config.output) {
        (Some(path), _) => path.clone(),
        (None, Some(out)) => {
            let mut name = out.as_os_str().to_owned();
            name.push(".errors.ndjson");
            name.into()
        }
        (None, None) => return Ok(Box::new(io::stderr())),
    };
    let file = if config.resume {
        OpenOptions::new().create(true).append(true).open(&path)
    } else {
        File::create(&path)
    }
    .map_err(fail(format!("cannot open {}", path.display())))?;
    Ok(Box::new(BufWriter::new(file)))
}

/// Cut `path` after its last newline (an interrupted run may have left half
/// a record) and return the `identifier` of the record before it.
fn last_complete_record(path: &Path) -> Result<Option<u64>, DumpError> {
    let what = path.display().to_string();
    let mut file = OpenOptions::new().read(true).write(true).open(path).map_err(fail(format!("cannot open {what}")))?;
    let len = file.metadata().map_err(fail(&what))?.len();
    // Read backwards in growing windows until the window holds the last
    // complete line whole.
    let mut window = 1u64 << 16;
    loop {
        let from = len.saturating_sub(window);
        file.seek(SeekFrom::Start(from)).map_err(fail(&what))?;
        let mut tail = Vec::new();
        (&mut file).take(len - from).read_to_end(&mut tail).map_err(fail(&what))?;
        let Some(last_newline) = memchr::memrchr(b'\n', &tail) else {
            if from == 0 {
                file.set_len(0).map_err(fail(&what))?;
                return Ok(None);
            }
            window *= 4;
            continue;
        };
        let line_start = match memchr::memrchr(b'\n', &tail[..last_newline]) {
            Some(i) => i + 1,
            None if from == 0 => 0,
            None => {
                window *= 4;
                continue;
            }
        };
        file.set_len(from + last_newline as u64 + 1).map_err(fail(&what))?;
        let record: serde_json::Value = serde_json::from_slice(&tail[line_start..last_newline])
            .map_err(fail(format!("{what}: the last complete line is not a JSON record")))?;
        return match record.get("identifier").and_then(serde_json::Value::as_u64) {
            Some(id) => Ok(Some(id)),
            None => Err(DumpError(format!("{what}: the last record has no page identifier to resume after"))),
        };
    }
}
