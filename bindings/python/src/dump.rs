//! `DumpRenderer`: one page of a dump to the record `wikitext dump` writes,
//! from the page's fields, for jobs that split the dump themselves (Spark's
//! XML source hands each task rows of page fields).

use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use wikitext::dump_record::{self, Format};
use wikitext::export::ExportPage;
use wikitext::export_site::ExportSite;
use wikitext::store::PageStore;
use wikitext::{Site, WithPages};

use crate::handlers::{HandlerErrors, Handlers};
use crate::run_detached;

/// Renders pages of one wiki to ``wikitext dump`` records (JSON text).
///
/// ``siteinfo`` is a dump (or export) whose ``<siteinfo>`` describes the
/// wiki; ``store`` an SQLite page store from ``wikitext dump --templates``
/// to expand templates from; ``format`` is ``html``, ``text``, ``tree`` or
/// ``wikitext``. Make one per worker or partition: it opens the files once.
///
/// ``tags``, ``functions`` and ``modules`` are as for ``to_html``, for every
/// page the renderer renders (a ``modules`` callable is asked once per title
/// for the renderer's life); an exception one raises is raised by the
/// ``record`` call that rendered the page.
#[pyclass(module = "wikitext")]
pub struct DumpRenderer {
    wiki: ExportSite,
    site: Box<dyn Site>,
    format: Format,
    /// The handlers' first exception, and the modules (with their loader's).
    errors: HandlerErrors,
}

#[pymethods]
impl DumpRenderer {
    #[new]
    #[pyo3(signature = (siteinfo, *, store = None, format = "html", tags = None, functions = None, modules = None))]
    fn new(
        siteinfo: PathBuf,
        store: Option<PathBuf>,
        format: &str,
        tags: Option<&Bound<'_, PyAny>>,
        functions: Option<&Bound<'_, PyAny>>,
        modules: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let format = Format::from_name(format)
            .ok_or_else(|| PyValueError::new_err(format!("unknown format {format:?} (html, text, tree or wikitext)")))?;
        let info = wikitext::export::load_site_info(&siteinfo)
            .map_err(|e| PyValueError::new_err(format!("cannot read the siteinfo of {}: {e}", siteinfo.display())))?;
        let wiki = ExportSite::new(&info.unwrap_or_default());
        let Handlers { layers, errors } = Handlers::from_arguments("DumpRenderer", &wiki, tags, functions, modules)?;
        let base = errors.with_modules(wiki.clone());
        let site: Box<dyn Site> = match store {
            Some(path) => {
                let store = PageStore::open(&path)
                    .map_err(|e| PyValueError::new_err(format!("cannot open the page store {}: {e}", path.display())))?;
                Box::new(layers.over(WithPages::new(base, store)))
            }
            None => Box::new(layers.over(base)),
        };
        Ok(DumpRenderer { wiki, site, format, errors })
    }

    /// The record of one page, as a JSON object in a string: a redirect
    /// record when ``redirect`` (the target title) is given.
    #[pyo3(signature = (title, text, *, id = None, revision_id = None, namespace = 0, timestamp = None, redirect = None))]
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        py: Python<'_>,
        title: String,
        text: Option<String>,
        id: Option<u64>,
        revision_id: Option<u64>,
        namespace: i32,
        timestamp: Option<String>,
        redirect: Option<String>,
    ) -> PyResult<String> {
        let page = ExportPage {
            title,
            namespace,
            text: text.unwrap_or_default(),
            redirect,
            id,
            revision_id,
            timestamp,
            model: None,
        };
        let line = run_detached(py, "DumpRenderer.record", || {
            // The dump's own line, less its newline: the same JSON `wikitext dump` writes.
            let mut line = dump_record::record_line(&page, self.format, &self.wiki, self.site.as_ref());
            line.pop();
            line
        });
        // A handler's exception is this page's; the next page starts afresh.
        match self.errors.take() {
            Some(error) => Err(error),
            None => line,
        }
    }
}
