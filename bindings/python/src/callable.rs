//! A Python callable asked from inside a render (the `pages` and `media`
//! callables): each key is asked once per render, the GIL is taken only
//! for the call, and the first exception is kept, to be raised once the
//! render has stopped; after it every key answers `None`.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use pyo3::prelude::*;

/// What the callable answered during one render.
struct Answers<A> {
    answers: HashMap<String, Option<A>>,
    error: Option<PyErr>,
}

pub(crate) struct CachedCallable<A> {
    /// The `wikitext` function being run, for error messages.
    pub(crate) function: String,
    callable: Py<PyAny>,
    answers: Mutex<Answers<A>>,
}

impl<A: Clone> CachedCallable<A> {
    pub(crate) fn new(function: &str, callable: Py<PyAny>) -> CachedCallable<A> {
        CachedCallable {
            function: function.to_string(),
            callable,
            answers: Mutex::new(Answers { answers: HashMap::new(), error: None }),
        }
    }

    fn answers(&self) -> MutexGuard<'_, Answers<A>> {
        // A panic while the lock was held leaves nothing half-written here.
        self.answers.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The exception the callable raised (or the conversion's error), if any.
    pub(crate) fn into_error(self) -> Option<PyErr> {
        self.answers.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).error
    }

    /// Take the exception the callable raised, if any: after it, keys are
    /// asked again (a long-lived callable, as `DumpRenderer`'s, goes on
    /// with the next page).
    pub(crate) fn take_error(&self) -> Option<PyErr> {
        self.answers().error.take()
    }

    /// The answer for `key`: the callable is called with it once, and a
    /// non-`None` result goes through `convert`.
    pub(crate) fn ask(&self, key: &str, convert: impl FnOnce(&Bound<'_, PyAny>) -> PyResult<A>) -> Option<A> {
        {
            let answers = self.answers();
            if answers.error.is_some() {
                return None;
            }
            if let Some(answer) = answers.answers.get(key) {
                return answer.clone();
            }
        }
        // The lock is not held while Python runs: the callable may render
        // other pages, on this thread or another.
        let answer = Python::attach(|py| -> PyResult<Option<A>> {
            let value = self.callable.bind(py).call1((key,))?;
            if value.is_none() {
                return Ok(None);
            }
            convert(&value).map(Some)
        });
        let mut answers = self.answers();
        match answer {
            Ok(answer) => {
                answers.answers.insert(key.to_string(), answer.clone());
                answer
            }
            Err(error) => {
                answers.error.get_or_insert(error);
                None
            }
        }
    }
}
