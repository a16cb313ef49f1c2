//! The caller's own handlers of one render (`tags=`, `functions=`,
//! `modules=`), with the first exception any of them raised: it is raised
//! as itself once rendering has stopped.

use std::sync::Arc;

use pyo3::prelude::*;
use wikitext::extension::{ExtensionTags, WithExtensionTags};
use wikitext::function_hooks::{ParserFunctionHooks, WithParserFunctions};
use wikitext::{Site, WithModules};

use crate::modules::{Modules, Runtime};
use crate::tags::FirstError;
use crate::{functions, tags};

pub(crate) struct Handlers {
    /// The tags and parser functions, to be put over the render's site.
    pub(crate) layers: Layers,
    /// The modules and the first exception a handler raised, kept after
    /// the render to raise it.
    pub(crate) errors: HandlerErrors,
}

/// The caller's extension tags and parser functions.
pub(crate) struct Layers {
    tags: ExtensionTags,
    functions: ParserFunctionHooks,
}

/// `S` with the caller's tags and parser functions over it.
pub(crate) type Layered<S> = WithParserFunctions<WithExtensionTags<S>>;

impl Layers {
    /// `site` with these tags and functions over it (a function's name
    /// wins over the site's own).
    pub(crate) fn over<S: Site>(self, site: S) -> Layered<S> {
        self.functions.over(self.tags.over(site))
    }
}

/// What is left of the handlers once they are put over a site: the
/// modules (`{{#invoke:}}`) and the first exception a handler raised.
pub(crate) struct HandlerErrors {
    modules: Arc<Modules>,
    error: FirstError,
}

impl HandlerErrors {
    /// `site`, with the caller's modules answering `{{#invoke:}}` (the
    /// site's own runtime when `modules=` was not given).
    pub(crate) fn with_modules<S: Site>(&self, site: S) -> WithModules<S, Runtime> {
        WithModules::optional(site, Runtime::new(&self.modules, &self.error))
    }

    /// The first exception a handler raised, else the one the modules
    /// loader raised; taken, so that the next render starts afresh.
    pub(crate) fn take(&self) -> Option<PyErr> {
        self.error.lock().ok().and_then(|mut e| e.take()).or_else(|| self.modules.take_error())
    }
}

impl Handlers {
    /// The `tags`, `functions` and `modules` arguments of `wikitext.{function}()` on `wiki`.
    pub(crate) fn from_arguments(
        function: &str,
        wiki: &dyn Site,
        tags: Option<&Bound<'_, PyAny>>,
        functions: Option<&Bound<'_, PyAny>>,
        modules: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Handlers> {
        let (tags, error) = tags::from_argument(function, tags)?;
        let functions = functions::from_argument(function, functions, &error)?;
        let modules = Arc::new(Modules::from_argument(function, modules, wiki)?);
        Ok(Handlers { layers: Layers { tags, functions }, errors: HandlerErrors { modules, error } })
    }
}
