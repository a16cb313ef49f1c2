//! The `modules=` argument: `{{#invoke:Module|function|...}}` answered by
//! Python, in Scribunto's place (the site's `ModuleRuntime`).
//!
//! A module is a mapping of function name to callable, as a Lua module is
//! a table of functions: `(args, parent_args) -> str | None`, the
//! invocation's arguments and its parent frame's (the template's). The
//! modules come from a mapping of title to module, or from a callable that
//! loads a module by title (asked once per title per render).

use std::collections::HashMap;
use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString};
use wikitext::site::{module_title, no_such_module, ModuleRuntime, NO_SUCH_FUNCTION};
use wikitext::Site;

use crate::callable::CachedCallable;
use crate::type_name;
use crate::tags::FirstError;
use crate::ScriptError;

/// A module: the Python mapping of function name to callable.
type Module = Arc<Py<PyAny>>;

/// Where a render's modules come from.
pub(crate) enum Modules {
    /// None: every `#invoke` is "No such module", as on a wiki without Scribunto.
    Missing,
    /// A mapping of module title (normalized on the wiki) to module.
    Map(HashMap<String, Module>),
    /// A callable `(title) -> module | None`, asked once per title.
    Loader(CachedCallable<Module>),
}

/// `value` as a module (a mapping), or `TypeError` naming `what`.
fn module(function: &str, what: &str, value: &Bound<'_, PyAny>) -> PyResult<Module> {
    if value.cast::<PyMapping>().is_ok() {
        Ok(Arc::new(value.clone().unbind()))
    } else {
        Err(PyTypeError::new_err(format!(
            "wikitext.{function}() modules: {what} must be a dict of function name to callable, got {}",
            type_name(value)
        )))
    }
}

impl Modules {
    /// The `modules` argument of `wikitext.{function}()` on `wiki`: `None`,
    /// a mapping of title (`"Module:Foo"`, or `"Foo"`) to module, or a callable.
    pub(crate) fn from_argument(function: &str, modules: Option<&Bound<'_, PyAny>>, wiki: &dyn Site) -> PyResult<Modules> {
        let Some(modules) = modules.filter(|m| !m.is_none()) else {
            return Ok(Modules::Missing);
        };
        if let Ok(mapping) = modules.cast::<PyMapping>() {
            let mut map = HashMap::new();
            for item in mapping.items()?.iter() {
                let (title, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
                let Ok(title) = title.cast::<PyString>() else {
                    return Err(PyTypeError::new_err(format!(
                        "wikitext.{function}() modules must map str to a module, got {}",
                        type_name(&title)
                    )));
                };
                let title = title.to_cow()?;
                let normalized = module_title(&title, wiki).ok_or_else(|| {
                    PyTypeError::new_err(format!("wikitext.{function}() modules: {title:?} is not a module's title"))
                })?;
                map.insert(normalized, module(function, &format!("modules[{title:?}]"), &value)?);
            }
            return Ok(Modules::Map(map));
        }
        if modules.is_callable() {
            return Ok(Modules::Loader(CachedCallable::new(function, modules.clone().unbind())));
        }
        Err(PyTypeError::new_err(format!(
            "wikitext.{function}() modules must be a dict of module title to module or a callable, not {}",
            type_name(modules)
        )))
    }

    /// Whether `#invoke` is answered here.
    pub(crate) fn is_missing(&self) -> bool {
        matches!(self, Modules::Missing)
    }

    /// Take the exception the loader raised (or a `TypeError` for a bad
    /// answer), if any.
    pub(crate) fn take_error(&self) -> Option<PyErr> {
        match self {
            Modules::Loader(loader) => loader.take_error(),
            _ => None,
        }
    }

    /// The module titled `title`, if there is one.
    fn find(&self, title: &str) -> Option<Module> {
        match self {
            Modules::Missing => None,
            Modules::Map(map) => map.get(title).cloned(),
            Modules::Loader(loader) => {
                let function = loader.function.clone();
                loader.ask(title, |value| module(&function, &format!("the loader's answer for {title:?}"), value))
            }
        }
    }
}

/// The modules of a render (or of a `DumpRenderer`'s renders), with the
/// first exception raised.
pub(crate) struct Runtime {
    pub(crate) modules: Arc<Modules>,
    pub(crate) error: FirstError,
}

impl Runtime {
    /// `modules` with `error` as their exception's slot; `None` for no modules.
    pub(crate) fn new(modules: &Arc<Modules>, error: &FirstError) -> Option<Runtime> {
        (!modules.is_missing()).then(|| Runtime { modules: modules.clone(), error: error.clone() })
    }
}

impl ModuleRuntime for Runtime {
    fn invoke(&self, title: &str, function: &str, args: &[(String, String)], parent_args: &[(String, String)]) -> Result<String, String> {
        if self.error.lock().map_or(true, |e| e.is_some()) {
            // The render's result is dropped for the exception: stop asking.
            return Ok(String::new());
        }
        let Some(module) = self.modules.find(title) else {
            return Err(no_such_module(title));
        };
        let answer = Python::attach(|py| -> PyResult<Result<String, String>> {
            let Some(callable) = module.bind(py).cast::<PyMapping>()?.get_item(function).ok() else {
                return Ok(Err(NO_SUCH_FUNCTION.to_string()));
            };
            let dict = |pairs: &[(String, String)]| -> PyResult<Bound<'_, PyDict>> {
                let d = PyDict::new(py);
                for (k, v) in pairs {
                    d.set_item(k, v)?;
                }
                Ok(d)
            };
            let value = match callable.call1((dict(args)?, dict(parent_args)?)) {
                Ok(value) => value,
                Err(error) if error.is_instance_of::<ScriptError>(py) => {
                    let message = error.value(py).str().map_or_else(|_| String::new(), |m| m.to_string());
                    return Ok(Err(message));
                }
                Err(error) => return Err(error),
            };
            if value.is_none() {
                return Ok(Ok(String::new()));
            }
            match value.cast::<PyString>() {
                Ok(text) => Ok(Ok(text.to_cow()?.into_owned())),
                Err(_) => Err(PyTypeError::new_err(format!(
                    "modules: {title}'s function {function:?} must return str or None, got {}",
                    type_name(&value)
                ))),
            }
        });
        answer.unwrap_or_else(|error| {
            if let Ok(mut slot) = self.error.lock() {
                slot.get_or_insert(error);
            }
            Ok(String::new())
        })
    }
}
