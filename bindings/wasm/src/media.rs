//! The `media` option of `toHtml`: what the wiki knows of its files. An
//! object (or a `Map`) of file name to description becomes a `MediaMap`; a
//! function is asked for each file, as `js_calls` describes.

use std::cell::RefCell;

use js_sys::{Array, Function, Map, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wikitext::{MediaInfo, MediaLookup, MediaMap};

use crate::js_calls;
use crate::{describe, type_error};

/// The keys a file's description may have.
const KEYS: &str = "url, width, height, mime, size, duration and pageCount";

/// Where a call's files come from.
pub(crate) enum Media {
    /// No `media` option: every file is missing.
    Missing,
    /// An object or `Map` of file name to description, read when the call starts.
    Map(MediaMap),
    /// A function asked for each file.
    Function(Function),
}

impl Media {
    /// The `media` option of `function` (`"toHtml"`).
    pub(crate) fn from_option(function: &'static str, value: &JsValue) -> Result<Media, JsValue> {
        if let Some(media_function) = value.dyn_ref::<Function>() {
            return Ok(Media::Function(media_function.clone()));
        }
        let mut files = MediaMap::new();
        if let Some(map) = value.dyn_ref::<Map>() {
            for entry in map.entries() {
                let entry: Array = entry?.unchecked_into();
                let name = entry.get(0);
                let name = name.as_string().ok_or_else(|| {
                    type_error(&format!("{function}: option media must map file names to descriptions; a key is {}", describe(&name)))
                })?;
                files.insert(&name, description(function, &name, &entry.get(1))?);
            }
        } else if value.is_object() && !Array::is_array(value) {
            let object: &Object = value.unchecked_ref();
            for name in Object::keys(object).iter() {
                // `Object.keys` yields strings only.
                let name = name.as_string().unwrap_or_default();
                let file = Reflect::get(object, &JsValue::from_str(&name))?;
                files.insert(&name, description(function, &name, &file)?);
            }
        } else {
            return Err(type_error(&format!(
                "{function}: option media must be an object of file name to file description or a function, got {}",
                describe(value)
            )));
        }
        Ok(Media::Map(files))
    }

    /// Run `work` with these files. An error the media function threw (or a
    /// `TypeError` for an answer that is not a description) is returned
    /// once `work` has finished.
    pub(crate) fn run<T>(self, caller: &'static str, work: impl FnOnce(JsMedia) -> T) -> Result<T, JsValue> {
        match self {
            Media::Missing => Ok(work(JsMedia::Missing)),
            Media::Map(files) => Ok(work(JsMedia::Map(files))),
            Media::Function(function) => {
                let call = js_calls::begin(&CALLS, function, caller);
                let result = work(JsMedia::Function { depth: call.depth });
                match call.finish() {
                    Some(error) => Err(error),
                    None => Ok(result),
                }
            }
        }
    }
}

/// A file's description: an object with `url`, `width` and `height`, and
/// optionally `mime` (else guessed from the name), `size` (bytes),
/// `duration` (seconds) and `pageCount`.
fn description(caller: &str, name: &str, value: &JsValue) -> Result<MediaInfo, JsValue> {
    let bad = |why: String| type_error(&format!("{caller}: media[{name:?}]: {why}"));
    if !value.is_object() || Array::is_array(value) || value.is_function() {
        return Err(bad(format!("a file is described by an object with the keys {KEYS}, got {}", describe(value))));
    }
    let object: &Object = value.unchecked_ref();
    for key in Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !KEYS.replace(" and ", ", ").split(", ").any(|k| k == key) {
            return Err(bad(format!("unknown key {key:?} (known: {KEYS})")));
        }
    }
    let get = |key: &str| -> Result<Option<JsValue>, JsValue> {
        let v = Reflect::get(object, &JsValue::from_str(key))?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    };
    let string = |key: &str| -> Result<Option<String>, JsValue> {
        get(key)?.map(|v| v.as_string().ok_or_else(|| bad(format!("{key:?} must be a string, got {}", describe(&v))))).transpose()
    };
    let count = |key: &str| -> Result<Option<f64>, JsValue> {
        get(key)?
            .map(|v| match v.as_f64() {
                Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => Ok(n),
                _ => Err(bad(format!("{key:?} must be a whole number >= 0, got {}", describe(&v)))),
            })
            .transpose()
    };
    let required = |key: &str| bad(format!("the key {key:?} is required"));
    let url = string("url")?.ok_or_else(|| required("url"))?;
    // `count` checked each is a whole number within u32.
    let width = count("width")?.ok_or_else(|| required("width"))? as u32;
    let height = count("height")?.ok_or_else(|| required("height"))? as u32;
    let mime = string("mime")?.unwrap_or_else(|| MediaInfo::guess_mime(name).to_string());
    let mut info = MediaInfo::new(url, width, height, mime);
    info.size = count("size")?.map_or(0, |n| n as u64);
    info.page_count = count("pageCount")?.map(|n| n as u32);
    info.duration = match get("duration")? {
        Some(v) => Some(v.as_f64().filter(|d| d.is_finite() && *d >= 0.0).ok_or_else(|| {
            bad(format!("\"duration\" must be a number of seconds >= 0, got {}", describe(&v)))
        })?),
        None => None,
    };
    Ok(info)
}

thread_local! {
    /// The media functions of the calls in progress, innermost last.
    static CALLS: RefCell<Vec<js_calls::Lookup<MediaInfo>>> = const { RefCell::new(Vec::new()) };
}

/// A call's files, as the site asks for them.
pub(crate) enum JsMedia {
    Missing,
    Map(MediaMap),
    /// The function of the call at `depth` in [`CALLS`].
    Function { depth: usize },
}

impl MediaLookup for JsMedia {
    fn media_info(&self, name: &str) -> Option<MediaInfo> {
        match self {
            JsMedia::Missing => None,
            JsMedia::Map(files) => files.media_info(name),
            JsMedia::Function { depth } => js_calls::ask(&CALLS, *depth, name, |caller, value| description(caller, name, value)),
        }
    }
}

