//! The `functions=` argument: parser functions of the caller's own
//! (`{{#shout:...}}`), each a Python callable in the site's parser-function
//! registry (`wikitext::function_hooks`).
//!
//! A callable gets the call's arguments expanded and trimmed, as MediaWiki
//! gives them to a parser function registered without `SFH_OBJECT_ARGS`
//! (Python cannot hold the expander's frame past the call, so arguments
//! cannot be expanded lazily), and returns wikitext.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyMapping, PyString};
use wikitext::function_hooks::{FunctionArgs, FunctionOutput, ParserFunctionHook, ParserFunctionHooks};

use crate::tags::FirstError;

/// The `functions` argument of `wikitext.{function}()`: a mapping of the
/// name as a call writes it (`"#shout"`, or `"shout"` for `{{shout:...}}`)
/// to a callable (`ParserFunctionHooks::insert_named`: the function's id,
/// in `typeof="mw:ParserFunction/ID"`, is the name without its `#`).
pub(crate) fn from_argument(
    function: &str,
    functions: Option<&Bound<'_, PyAny>>,
    error: &FirstError,
) -> PyResult<ParserFunctionHooks> {
    let mut registry = ParserFunctionHooks::new();
    let Some(functions) = functions.filter(|f| !f.is_none()) else {
        return Ok(registry);
    };
    let Ok(mapping) = functions.cast::<PyMapping>() else {
        return Err(PyTypeError::new_err(format!(
            "wikitext.{function}() functions must be a dict of function name to callable"
        )));
    };
    for item in mapping.items()?.iter() {
        let (name, callable): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let Ok(name) = name.cast::<PyString>() else {
            return Err(PyTypeError::new_err(format!("wikitext.{function}() functions must map str to a callable")));
        };
        let written = name.to_cow()?.trim().to_lowercase();
        if !callable.is_callable() {
            return Err(PyTypeError::new_err(format!("wikitext.{function}() functions[{written:?}] is not callable")));
        }
        let handler = CallableFunction {
            function: function.to_string(),
            written: written.clone(),
            callable: callable.clone().unbind(),
            error: error.clone(),
        };
        registry
            .insert_named(&written, handler)
            .map_err(|e| PyTypeError::new_err(format!("wikitext.{function}() functions: {e}")))?;
    }
    Ok(registry)
}

/// A parser function computed by a Python callable
/// `(args: list[str]) -> str | None`: wikitext, rendered in the call's place.
struct CallableFunction {
    /// The `wikitext` function being run, for error messages.
    function: String,
    /// The name as the mapping gave it, for error messages.
    written: String,
    callable: Py<PyAny>,
    error: FirstError,
}

impl ParserFunctionHook for CallableFunction {
    fn call(&self, args: &mut dyn FunctionArgs) -> FunctionOutput {
        if self.error.lock().map_or(true, |e| e.is_some()) {
            // The render's result is dropped for the exception: stop asking.
            return FunctionOutput::Text(String::new());
        }
        // Expanding an argument may ask Python (a `pages` callable): it is
        // done before the GIL is taken for this call.
        let values: Vec<String> = (0..args.len()).map(|i| args.get(i).unwrap_or_default().trim().to_string()).collect();
        let answer = Python::attach(|py| -> PyResult<String> {
            let value = self.callable.bind(py).call1((PyList::new(py, &values)?,))?;
            if value.is_none() {
                return Ok(String::new());
            }
            match value.cast::<PyString>() {
                Ok(text) => Ok(text.to_cow()?.into_owned()),
                Err(_) => Err(PyTypeError::new_err(format!(
                    "wikitext.{}() function callable for {{{{{}}}}} must return str or None, got {}",
                    self.function,
                    self.written,
                    crate::type_name(&value)
                ))),
            }
        });
        match answer {
            Ok(text) => FunctionOutput::Wikitext(text),
            Err(error) => {
                if let Ok(mut slot) = self.error.lock() {
                    slot.get_or_insert(error);
                }
                FunctionOutput::Text(String::new())
            }
        }
    }
}
