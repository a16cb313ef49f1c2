//! The `functions` option: parser functions of the caller's own
//! (`{{#shout:...}}`), each a JavaScript function in the site's
//! parser-function registry (`wikitext::function_hooks`).
//!
//! As with the tag functions, a `js_sys::Function` is neither `Send` nor
//! `Sync`: a call's functions wait in a thread-local stack for the length
//! of the call (`js_calls::Handlers`), and each handler holds only its
//! place there. A function
//! gets the call's arguments expanded and trimmed, as MediaWiki gives them
//! to a parser function registered without `SFH_OBJECT_ARGS` (JavaScript
//! cannot hold the expander's frame past the call), and returns wikitext.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wikitext::function_hooks::{FunctionArgs, FunctionOutput, ParserFunctionHook, ParserFunctionHooks};

use crate::js_calls::{self, Handlers};
use crate::{describe, type_error};

thread_local! {
    /// The parser functions of the calls in progress, innermost last.
    static CALLS: RefCell<Vec<Handlers>> = const { RefCell::new(Vec::new()) };
}

/// A call's parser functions, by the name a call writes, before the call starts.
#[derive(Default)]
pub(crate) struct Functions {
    /// (name as the option gave it, function)
    functions: Vec<(String, Function)>,
}

impl Functions {
    /// The `functions` option of `caller`: an object of function name
    /// (`"#shout"`, or `"shout"` for `{{shout:...}}`) to function
    /// (`ParserFunctionHooks::insert_named`: the function's id, in
    /// `typeof="mw:ParserFunction/ID"`, is the name without its `#`).
    pub(crate) fn from_option(caller: &str, value: &JsValue) -> Result<Functions, JsValue> {
        if !value.is_object() || Array::is_array(value) || value.is_function() {
            return Err(type_error(&format!(
                "{caller}: option functions must be an object of function name to function, got {}",
                describe(value)
            )));
        }
        let object: &Object = value.unchecked_ref();
        let mut functions = Functions::default();
        for name in Object::keys(object).iter() {
            let handler = Reflect::get(object, &name)?;
            // `Object.keys` yields strings only.
            let written = name.as_string().unwrap_or_default();
            let Some(handler) = handler.dyn_ref::<Function>() else {
                return Err(type_error(&format!(
                    "{caller}: option functions[{written:?}] must be a function, got {}",
                    describe(&handler)
                )));
            };
            functions.functions.push((written, handler.clone()));
        }
        Ok(functions)
    }

    /// Run `work` with these functions registered (in a registry for `work`
    /// to put over its site); an error a function threw is returned once
    /// `work` has finished. A name no call could write, or two names of one
    /// function, is a `TypeError` before `work` starts.
    pub(crate) fn run<T>(self, caller: &'static str, work: impl FnOnce(ParserFunctionHooks) -> T) -> Result<T, JsValue> {
        let (names, handlers): (Vec<String>, Vec<Function>) = self.functions.into_iter().unzip();
        let call = js_calls::begin_handlers(&CALLS, handlers);
        let mut registry = ParserFunctionHooks::new();
        for (index, written) in names.into_iter().enumerate() {
            let function = JsFunction { depth: call.depth, index, caller, written: written.clone() };
            registry
                .insert_named(&written, function)
                .map_err(|e| type_error(&format!("{caller}: option functions: {e}")))?;
        }
        let result = work(registry);
        match call.finish() {
            Some(error) => Err(error),
            None => Ok(result),
        }
    }
}

/// One parser function: `(args: string[]) => string | null | undefined`.
struct JsFunction {
    depth: usize,
    index: usize,
    /// `"toHtml"`, `"expand"` ..., for error messages.
    caller: &'static str,
    /// The name as the option gave it, for error messages.
    written: String,
}

impl ParserFunctionHook for JsFunction {
    fn call(&self, args: &mut dyn FunctionArgs) -> FunctionOutput {
        let Some(function) = js_calls::handler(&CALLS, self.depth, self.index) else {
            // An earlier function threw: the call's result is dropped for it.
            return FunctionOutput::Text(String::new());
        };
        // Expanding an argument may call the pages function: done before this one runs.
        let values: Array = (0..args.len())
            .map(|i| JsValue::from_str(args.get(i).unwrap_or_default().trim()))
            .collect();
        let answer = match function.call1(&JsValue::UNDEFINED, &values) {
            Ok(value) if value.is_null() || value.is_undefined() => Ok(String::new()),
            Ok(value) => value.as_string().ok_or_else(|| {
                type_error(&format!(
                    "{}: the function for {{{{{}}}}} must return a string, null or undefined, got {}",
                    self.caller,
                    self.written,
                    describe(&value)
                ))
            }),
            Err(error) => Err(error),
        };
        match answer {
            Ok(text) => FunctionOutput::Wikitext(text),
            Err(error) => {
                js_calls::handler_failed(&CALLS, self.depth, error);
                FunctionOutput::Text(String::new())
            }
        }
    }
}
