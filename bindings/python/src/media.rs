//! The `media=` argument of `to_html` and `expand`: what the wiki knows of
//! its files. A mapping of file name to a dict becomes a `MediaMap`; a
//! callable is asked for each file (with the GIL re-acquired per call) and
//! its first exception is kept and raised once rendering has stopped.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString};
use wikitext::{MediaInfo, MediaLookup, MediaMap};

use crate::callable::CachedCallable;
use crate::type_name;

/// The keys a file's dict may have.
const KEYS: &str = "url, width, height, mime, size, duration, page_count";

/// Where a render's files come from.
pub(crate) enum Media {
    /// None: every file is missing.
    Missing,
    /// A mapping of file name to its description, read before rendering.
    Map(MediaMap),
    /// A Python callable asked for each file.
    Callable(CallableMedia),
}

impl Media {
    /// The `media` argument of `wikitext.{function}()`: `None`, a mapping of
    /// file names to dicts, or a callable.
    pub(crate) fn from_argument(function: &str, media: Option<&Bound<'_, PyAny>>) -> PyResult<Media> {
        let Some(media) = media.filter(|m| !m.is_none()) else {
            return Ok(Media::Missing);
        };
        if let Ok(mapping) = media.cast::<PyMapping>() {
            let mut files = MediaMap::new();
            for item in mapping.items()?.iter() {
                let (name, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
                let Ok(name) = name.cast::<PyString>() else {
                    return Err(PyTypeError::new_err(format!(
                        "wikitext.{function}() media keys must be file names (str), got {}",
                        type_name(&name)
                    )));
                };
                let name = name.to_cow()?;
                files.insert(&name, media_info(function, &name, &value)?);
            }
            return Ok(Media::Map(files));
        }
        if media.is_callable() {
            return Ok(Media::Callable(CallableMedia::new(function, media.clone().unbind())));
        }
        Err(PyTypeError::new_err(format!(
            "wikitext.{function}() media must be a dict of file name to file description or a callable, not {}",
            type_name(media)
        )))
    }

    /// The exception the callable raised, if any (after rendering).
    pub(crate) fn into_error(self) -> Option<PyErr> {
        match self {
            Media::Callable(callable) => callable.into_error(),
            Media::Missing | Media::Map(_) => None,
        }
    }
}

impl MediaLookup for Media {
    fn media_info(&self, name: &str) -> Option<MediaInfo> {
        match self {
            Media::Missing => None,
            Media::Map(files) => files.media_info(name),
            Media::Callable(callable) => callable.file(name),
        }
    }
}

/// A file's description: a dict with `url`, `width` and `height`, and
/// optionally `mime` (else guessed from the name), `size` (bytes),
/// `duration` (seconds) and `page_count`.
fn media_info(function: &str, name: &str, value: &Bound<'_, PyAny>) -> PyResult<MediaInfo> {
    let bad = |why: String| PyTypeError::new_err(format!("wikitext.{function}() media[{name:?}]: {why}"));
    let Ok(dict) = value.cast::<PyDict>() else {
        return Err(bad(format!("a file is described by a dict with the keys {KEYS}, not {}", type_name(value))));
    };
    for key in dict.keys() {
        let key: String = key.extract().map_err(|_| bad("keys must be str".to_string()))?;
        if !KEYS.split(", ").any(|k| k == key) {
            return Err(bad(format!("unknown key {key:?} (known: {KEYS})")));
        }
    }
    // Each key's value, or None when absent (or None); a value of the
    // wrong type is a TypeError that names the key.
    let get = |key: &str| -> PyResult<Option<Bound<'_, PyAny>>> { Ok(dict.get_item(key)?.filter(|v| !v.is_none())) };
    let typed = |key: &str, expected: &str| bad(format!("{key:?} must be {expected}"));
    let required = |key: &str| bad(format!("the key {key:?} is required"));
    let url: String = get("url")?.ok_or_else(|| required("url"))?.extract().map_err(|_| typed("url", "a str"))?;
    let width: u32 = get("width")?.ok_or_else(|| required("width"))?.extract().map_err(|_| typed("width", "an int >= 0"))?;
    let height: u32 = get("height")?.ok_or_else(|| required("height"))?.extract().map_err(|_| typed("height", "an int >= 0"))?;
    let mime: String = match get("mime")? {
        Some(v) => v.extract().map_err(|_| typed("mime", "a str"))?,
        None => MediaInfo::guess_mime(name).to_string(),
    };
    let size: Option<u64> = get("size")?.map(|v| v.extract()).transpose().map_err(|_| typed("size", "an int >= 0"))?;
    let duration: Option<f64> = get("duration")?.map(|v| v.extract()).transpose().map_err(|_| typed("duration", "a number"))?;
    let page_count: Option<u32> =
        get("page_count")?.map(|v| v.extract()).transpose().map_err(|_| typed("page_count", "an int >= 0"))?;
    let mut info = MediaInfo::new(url, width, height, mime);
    info.size = size.unwrap_or(0);
    info.duration = duration;
    info.page_count = page_count;
    Ok(info)
}

/// Files from a Python callable `(name) -> dict | None`, asked once per name per render.
pub(crate) struct CallableMedia(CachedCallable<MediaInfo>);

impl CallableMedia {
    fn new(function: &str, callable: Py<PyAny>) -> CallableMedia {
        CallableMedia(CachedCallable::new(function, callable))
    }

    fn into_error(self) -> Option<PyErr> {
        self.0.into_error()
    }

    fn file(&self, name: &str) -> Option<MediaInfo> {
        self.0.ask(name, |value| media_info(&self.0.function, name, value))
    }
}
