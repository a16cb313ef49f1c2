//! A JavaScript function asked from inside a call (the `pages` and `media`
//! functions; the `tags` and `functions` handlers, see [`begin_handlers`]). A `Site` must be `Send + Sync`, and a `js_sys::Function` is
//! neither; the module is single-threaded, so the function of each call in
//! progress waits in a thread-local stack for the length of that call, and
//! the site holds only its place in that stack. The stack (rather than one
//! slot) keeps a function that itself calls `toHtml` with its own options
//! correct. Each key is asked once per call; the first error is kept, to be
//! thrown once the call has finished, and after it every key answers `None`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

use js_sys::Function;
use wasm_bindgen::JsValue;

/// One call's function and what it answered.
pub(crate) struct Lookup<A> {
    function: Function,
    /// `"toHtml"` or `"expand"`, for error messages.
    caller: &'static str,
    answers: HashMap<String, Option<A>>,
    error: Option<JsValue>,
}

/// A thread-local stack of the calls in progress, innermost last.
pub(crate) type CallStack<A> = LocalKey<RefCell<Vec<Lookup<A>>>>;

/// Takes a call's [`Lookup`] off its stack when the call ends, however it ends.
pub(crate) struct CallInProgress<A: 'static> {
    stack: &'static CallStack<A>,
    /// The call's place in the stack, which the site holds.
    pub(crate) depth: usize,
}

/// Put `function` on `stack` for the length of one call.
pub(crate) fn begin<A>(stack: &'static CallStack<A>, function: Function, caller: &'static str) -> CallInProgress<A> {
    let depth = stack.with_borrow_mut(|calls| {
        calls.push(Lookup { function, caller, answers: HashMap::new(), error: None });
        calls.len() - 1
    });
    CallInProgress { stack, depth }
}

impl<A> CallInProgress<A> {
    /// The error the call's function threw, if any.
    pub(crate) fn finish(self) -> Option<JsValue> {
        self.stack.with_borrow_mut(|calls| calls.get_mut(self.depth).and_then(|lookup| lookup.error.take()))
    }
}

impl<A> Drop for CallInProgress<A> {
    fn drop(&mut self) {
        self.stack.with_borrow_mut(|calls| calls.truncate(self.depth));
    }
}

/// The answer of the function at `depth` in `stack` for `key`, asked once;
/// a value other than `null` or `undefined` goes through `convert` (with
/// the caller's name, for its error messages).
pub(crate) fn ask<A: Clone>(
    stack: &'static CallStack<A>,
    depth: usize,
    key: &str,
    convert: impl FnOnce(&'static str, &JsValue) -> Result<A, JsValue>,
) -> Option<A> {
    let known = stack.with_borrow(|calls| match calls.get(depth) {
        None => Err(None),
        Some(lookup) if lookup.error.is_some() => Err(None),
        Some(lookup) => match lookup.answers.get(key) {
            Some(answer) => Err(answer.clone()),
            None => Ok((lookup.function.clone(), lookup.caller)),
        },
    });
    let (function, caller) = match known {
        Err(answer) => return answer,
        Ok(ask) => ask,
    };
    // No borrow of the stack is held while JavaScript runs: the function
    // may call `toHtml` or `expand` itself.
    let answer = match function.call1(&JsValue::UNDEFINED, &JsValue::from_str(key)) {
        Ok(value) if value.is_null() || value.is_undefined() => Ok(None),
        Ok(value) => convert(caller, &value).map(Some),
        Err(error) => Err(error),
    };
    stack.with_borrow_mut(|calls| {
        let lookup = calls.get_mut(depth)?;
        match answer {
            Ok(answer) => {
                lookup.answers.insert(key.to_string(), answer.clone());
                answer
            }
            Err(error) => {
                lookup.error.get_or_insert(error);
                None
            }
        }
    })
}

/// The handler functions (tag functions and parser functions) of one call,
/// by index, and the first error one of them threw. Unlike a [`Lookup`],
/// a handler is called every time (its answer depends on more than a key).
struct Handlers {
    functions: Vec<Function>,
    error: Option<JsValue>,
}

thread_local! {
    /// The handlers of the calls in progress, innermost last: one entry per
    /// call, shared by its tag functions and its parser functions.
    static HANDLERS: RefCell<Vec<Handlers>> = const { RefCell::new(Vec::new()) };
}

/// Takes a call's handlers off their stack when the call ends, however it ends.
pub(crate) struct HandlersInProgress {
    /// The call's place in the stack, which its handlers hold.
    pub(crate) depth: usize,
}

/// Open the handler-stack entry of one call; handlers join it with
/// [`HandlersInProgress::add`].
pub(crate) fn begin_handlers() -> HandlersInProgress {
    let depth = HANDLERS.with_borrow_mut(|calls| {
        calls.push(Handlers { functions: Vec::new(), error: None });
        calls.len() - 1
    });
    HandlersInProgress { depth }
}

impl HandlersInProgress {
    /// Add `function` to the call's handlers; its index, for [`handler`].
    pub(crate) fn add(&self, function: Function) -> usize {
        HANDLERS.with_borrow_mut(|calls| match calls.get_mut(self.depth) {
            Some(h) => {
                h.functions.push(function);
                h.functions.len() - 1
            }
            // The entry lives as long as `self`: not reached.
            None => usize::MAX,
        })
    }

    /// The error the call's handlers threw first, if any.
    pub(crate) fn finish(self) -> Option<JsValue> {
        HANDLERS.with_borrow_mut(|calls| calls.get_mut(self.depth).and_then(|h| h.error.take()))
    }
}

impl Drop for HandlersInProgress {
    fn drop(&mut self) {
        HANDLERS.with_borrow_mut(|calls| calls.truncate(self.depth));
    }
}

/// Handler `index` of the call at `depth`, to be called with no borrow of
/// the stack held (it may call the module again); `None` once one of the
/// call's handlers has thrown.
pub(crate) fn handler(depth: usize, index: usize) -> Option<Function> {
    HANDLERS.with_borrow(|calls| calls.get(depth).filter(|h| h.error.is_none()).and_then(|h| h.functions.get(index).cloned()))
}

/// Keep `error` as the call's first, to be thrown once it has finished.
pub(crate) fn handler_failed(depth: usize, error: JsValue) {
    HANDLERS.with_borrow_mut(|calls| {
        if let Some(h) = calls.get_mut(depth) {
            h.error.get_or_insert(error);
        }
    });
}
