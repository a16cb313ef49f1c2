//! The `pages=` argument of `to_html` and `expand`: where template sources
//! come from. A mapping becomes the facade's `PageSources`; a callable
//! becomes [`CallableLookup`], a page lookup that asks Python for each
//! page (under `WithPages`).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyMapping, PyString};
use wikitext::export_site::PageWiki;
use wikitext::{MediaInfo, MediaLookup, PageLookup, PageSources, Site, WithMedia, WithPages};

use crate::callable::CachedCallable;
use crate::handlers::Handlers;
use crate::media::Media;
use crate::{run_detached, type_name};

/// Where a render's page sources come from.
pub(crate) enum Pages {
    /// None: every page is missing.
    Missing,
    /// A mapping of title to wikitext, copied before rendering starts.
    Map(PageSources),
    /// A Python callable asked for each page, with the GIL re-acquired per call.
    Callable(Py<PyAny>),
}

impl Pages {
    /// The `pages` argument of `wikitext.{function}()`: `None`, a mapping of
    /// `str` to `str`, or a callable.
    pub(crate) fn from_argument(function: &str, pages: Option<&Bound<'_, PyAny>>) -> PyResult<Pages> {
        let Some(pages) = pages.filter(|p| !p.is_none()) else {
            return Ok(Pages::Missing);
        };
        if let Ok(mapping) = pages.cast::<PyMapping>() {
            let mut sources = PageSources::default();
            for item in mapping.items()?.iter() {
                let (title, text): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
                let (Ok(title), Ok(text)) = (title.cast::<PyString>(), text.cast::<PyString>()) else {
                    return Err(PyTypeError::new_err(format!(
                        "wikitext.{function}() pages must map str to str, got {} to {}",
                        type_name(&title),
                        type_name(&text)
                    )));
                };
                sources.insert(title.to_cow()?.into_owned(), text.to_cow()?.into_owned());
            }
            return Ok(Pages::Map(sources));
        }
        if pages.is_callable() {
            return Ok(Pages::Callable(pages.clone().unbind()));
        }
        Err(PyTypeError::new_err(format!(
            "wikitext.{function}() pages must be a dict of title to wikitext or a callable, not {}",
            type_name(pages)
        )))
    }

    /// Run `work` on the site these pages, handlers and files make on
    /// `wiki`, without the GIL. An exception the pages callable or a
    /// handler raised is raised here, once rendering has finished (the
    /// media callable's, by the caller).
    pub(crate) fn run<T: Send>(
        self,
        py: Python<'_>,
        function: &str,
        wiki: PageWiki,
        handlers: Handlers,
        media: &Media,
        work: impl FnOnce(&dyn Site) -> T + Send,
    ) -> PyResult<T> {
        let Handlers { layers, errors } = handlers;
        let files = errors.with_modules(WithMedia::new(wiki, Files(media)));
        let result = match self {
            Pages::Missing => run_detached(py, function, move || work(&layers.over(files))),
            Pages::Map(sources) => run_detached(py, function, move || work(&layers.over(sources.over(files)))),
            Pages::Callable(callable) => {
                let site = layers.over(WithPages::new(files, CallableLookup::new(function, callable)));
                let result = run_detached(py, function, || work(&site));
                // The callable's own exception explains a failure best.
                if let Some(error) = site.into_inner().into_inner().into_parts().1.into_error() {
                    return Err(error);
                }
                result
            }
        };
        // A handler's (or the modules loader's) exception explains a failure next best.
        match errors.take() {
            Some(error) => Err(error),
            None => result,
        }
    }
}

/// The render's files, borrowed for the render.
struct Files<'a>(&'a Media);

impl MediaLookup for Files<'_> {
    fn media_info(&self, name: &str) -> Option<MediaInfo> {
        self.0.media_info(name)
    }
}

/// Page sources from a Python callable `(title) -> str | None`, asked once
/// per title per render; `WithPages` answers everything else.
pub(crate) struct CallableLookup(CachedCallable<String>);

impl CallableLookup {
    fn new(function: &str, callable: Py<PyAny>) -> CallableLookup {
        CallableLookup(CachedCallable::new(function, callable))
    }

    /// The exception the callable raised (or a `TypeError` for a bad answer), if any.
    fn into_error(self) -> Option<PyErr> {
        self.0.into_error()
    }

    fn source(&self, title: &str) -> Option<String> {
        self.0.ask(title, |value| match value.cast::<PyString>() {
            Ok(text) => Ok(text.to_cow()?.into_owned()),
            Err(_) => Err(PyTypeError::new_err(format!(
                "wikitext.{}() pages callable must return str or None, got {} for {title:?}",
                self.0.function,
                type_name(value)
            ))),
        })
    }
}

/// `#REDIRECT` at the start of a page, as `WithPages` reads it.
impl PageLookup for CallableLookup {
    fn page_source(&self, title: &str) -> Option<String> {
        self.source(title)
    }
}
