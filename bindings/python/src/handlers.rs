//! The caller's own handlers of one render (`tags=`, `functions=`,
//! `modules=`), with the first exception any of them raised: it is raised
//! as itself once rendering has stopped.

use pyo3::prelude::*;
use wikitext::extension::ExtensionTags;
use wikitext::function_hooks::ParserFunctionHooks;
use wikitext::Site;

use crate::modules::Modules;
use crate::tags::FirstError;
use crate::{functions, tags};

pub(crate) struct Handlers {
    pub(crate) tags: ExtensionTags,
    pub(crate) functions: ParserFunctionHooks,
    pub(crate) modules: Modules,
    pub(crate) error: FirstError,
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
        let modules = Modules::from_argument(function, modules, wiki)?;
        Ok(Handlers { tags, functions, modules, error })
    }
}
