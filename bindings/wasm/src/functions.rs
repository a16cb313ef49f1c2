//! The `functions` option: parser functions of the caller's own
//! (`{{#shout:...}}`), each a JavaScript function in the site's
//! parser-function registry (`wikitext::function_hooks`).
//!
//! As with the tag functions, a `js_sys::Function` is neither `Send` nor
//! `Sync`: a call's functions wait in a thread-local stack for the length
//! of the call (`js_calls::begin_handlers`), and each handler holds only
//! its place there. A function
//! gets the call's arguments expanded and trimmed, as MediaWiki gives them
//! to a parser function registered without `SFH_OBJECT_ARGS` (JavaScript
//! cannot hold the expander's frame past the call), and returns wikitext.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wikitext::function_hooks::{FunctionArgs, FunctionOutput, ParserFunctionHook, ParserFunctionHooks};

use crate::js_calls::{self, HandlersInProgress};
use crate::{describe, type_error};

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

    /// These functions in a registry (for the call to put over its site),
    /// among the call's handlers: an error one throws is the call's once it
    /// has finished. A name no call could write, or two names of one
    /// function, is a `TypeError`.
    pub(crate) fn register(self, caller: &'static str, handlers: &HandlersInProgress) -> Result<ParserFunctionHooks, JsValue> {
        let mut registry = ParserFunctionHooks::new();
        for (written, function) in self.functions {
            let function = JsFunction { depth: handlers.depth, index: handlers.add(function), caller, written: written.clone() };
            registry
                .insert_named(&written, function)
                .map_err(|e| type_error(&format!("{caller}: option functions: {e}")))?;
        }
        Ok(registry)
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
        let Some(function) = js_calls::handler(self.depth, self.index) else {
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
                js_calls::handler_failed(self.depth, error);
                FunctionOutput::Text(String::new())
            }
        }
    }
}
