//! The `tags=` argument of `to_html`: extension tags handled by Python
//! callables. Each callable becomes a [`CallableTag`] in the site's
//! extension-tag registry (`wikitext::extension`).

use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString};
use wikitext::extension::{
    ExtensionContext, ExtensionError, ExtensionOutput, ExtensionTag, ExtensionTagCall, ExtensionTags,
};

/// The first exception a tag callable raised during one render, shared by
/// the render's callables; it is raised once rendering has finished.
pub(crate) type FirstError = Arc<Mutex<Option<PyErr>>>;

/// The `tags` argument: a mapping of tag name to callable.
pub(crate) fn from_argument(function: &str, tags: Option<&Bound<'_, PyAny>>) -> PyResult<(ExtensionTags, FirstError)> {
    let error: FirstError = Arc::default();
    let mut registry = ExtensionTags::new();
    let Some(tags) = tags.filter(|t| !t.is_none()) else {
        return Ok((registry, error));
    };
    let Ok(mapping) = tags.cast::<PyMapping>() else {
        return Err(PyTypeError::new_err(format!("wikitext.{function}() tags must be a dict of tag name to callable")));
    };
    for item in mapping.items()?.iter() {
        let (name, callable): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let Ok(name) = name.cast::<PyString>() else {
            return Err(PyTypeError::new_err(format!("wikitext.{function}() tags must map str to a callable")));
        };
        let name = name.to_cow()?.to_lowercase();
        // Names the tokenizer reads as tags: letters and digits, starting with a letter.
        if !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(PyTypeError::new_err(format!("wikitext.{function}() tag names are ASCII letters and digits, got {name:?}")));
        }
        if !callable.is_callable() {
            return Err(PyTypeError::new_err(format!("wikitext.{function}() tags[{name:?}] is not callable")));
        }
        registry.insert(&name, CallableTag { function: function.to_string(), callable: callable.clone().unbind(), error: error.clone() });
    }
    Ok((registry, error))
}

/// An extension tag rendered by a Python callable
/// `(name: str, attrs: dict[str, str], body: str | None) -> str`: HTML, or
/// wikitext when the result is a `wikitext.Wikitext`.
struct CallableTag {
    /// The `wikitext` function being run, for error messages.
    function: String,
    callable: Py<PyAny>,
    error: FirstError,
}

impl ExtensionTag for CallableTag {
    fn render(&self, call: &ExtensionTagCall<'_>, _cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        if self.error.lock().map_or(true, |e| e.is_some()) {
            return Err(ExtensionError::message("an earlier tag handler failed"));
        }
        let answer = Python::attach(|py| -> PyResult<ExtensionOutput> {
            let attrs = PyDict::new(py);
            for (n, v) in call.attrs {
                attrs.set_item(n, v)?;
            }
            let value = self.callable.bind(py).call1((call.name, attrs, call.body))?;
            let Ok(text) = value.cast::<PyString>() else {
                return Err(PyTypeError::new_err(format!(
                    "wikitext.{}() tag callable for <{}> must return str, got {}",
                    self.function,
                    call.name,
                    crate::type_name(&value)
                )));
            };
            let text = text.to_cow()?.into_owned();
            if value.hasattr("__wikitext__")? {
                Ok(ExtensionOutput::wikitext(text))
            } else {
                Ok(ExtensionOutput::html(text))
            }
        });
        answer.map_err(|error| {
            let message = Python::attach(|_py| error.to_string());
            if let Ok(mut slot) = self.error.lock() {
                slot.get_or_insert(error);
            }
            ExtensionError::message(message)
        })
    }
}
