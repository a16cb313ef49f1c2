//! The `tags` option of `toHtml`: extension tags rendered by JavaScript
//! functions, in the site's extension-tag registry (`wikitext::extension`).
//!
//! As with the `pages` function, a `js_sys::Function` is neither `Send` nor
//! `Sync`: a call's tag functions wait in a thread-local stack for the
//! length of the call (`js_calls::begin_handlers`), and each handler holds
//! only its place there.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wikitext::extension::{
    ExtensionContext, ExtensionError, ExtensionOutput, ExtensionTag, ExtensionTagCall, ExtensionTags,
};

use crate::js_calls::{self, HandlersInProgress};
use crate::{describe, type_error};

/// A call's tag functions, by name, before the call starts.
#[derive(Default)]
pub(crate) struct Tags {
    functions: Vec<(String, Function)>,
}

impl Tags {
    /// The `tags` option of `function`: an object of tag name to function.
    pub(crate) fn from_option(function: &str, value: &JsValue) -> Result<Tags, JsValue> {
        if !value.is_object() || Array::is_array(value) || value.is_function() {
            return Err(type_error(&format!(
                "{function}: option tags must be an object of tag name to function, got {}",
                describe(value)
            )));
        }
        let object: &Object = value.unchecked_ref();
        let mut tags = Tags::default();
        for name in Object::keys(object).iter() {
            let handler = Reflect::get(object, &name)?;
            // `Object.keys` yields strings only.
            let name = name.as_string().unwrap_or_default().to_lowercase();
            if !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(type_error(&format!("{function}: tag names are ASCII letters and digits, got {name:?}")));
            }
            let Some(handler) = handler.dyn_ref::<Function>() else {
                return Err(type_error(&format!("{function}: option tags.{name} must be a function, got {}", describe(&handler))));
            };
            tags.functions.push((name, handler.clone()));
        }
        Ok(tags)
    }

    /// These tags in a registry (for the call to put over its site), their
    /// functions among the call's handlers: an error one throws is the
    /// call's once it has finished.
    pub(crate) fn register(self, handlers: &HandlersInProgress) -> ExtensionTags {
        let mut registry = ExtensionTags::new();
        for (name, function) in self.functions {
            registry.insert(&name, JsTag { depth: handlers.depth, index: handlers.add(function) });
        }
        registry
    }
}

/// One tag's function: `(name, attrs, body) => string | { wikitext: string }`.
struct JsTag {
    depth: usize,
    index: usize,
}

impl ExtensionTag for JsTag {
    fn render(&self, call: &ExtensionTagCall<'_>, _cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        let Some(function) = js_calls::handler(self.depth, self.index) else {
            return Err(ExtensionError::message("an earlier tag function failed"));
        };
        let attrs = Object::new();
        for (n, v) in call.attrs {
            let _ = Reflect::set(&attrs, &JsValue::from_str(n), &JsValue::from_str(v));
        }
        let body = call.body.map_or(JsValue::NULL, JsValue::from_str);
        let answer = match function.call3(&JsValue::UNDEFINED, &JsValue::from_str(call.name), &attrs, &body) {
            Ok(value) => output(call.name, &value),
            Err(error) => Err(error),
        };
        answer.map_err(|error| {
            let message = error
                .dyn_ref::<js_sys::Error>()
                .map_or_else(|| describe(&error), |e| String::from(e.message()));
            js_calls::handler_failed(self.depth, error);
            ExtensionError::message(message)
        })
    }
}

/// A tag function's answer: a string is HTML, `{ wikitext }` is wikitext.
fn output(name: &str, value: &JsValue) -> Result<ExtensionOutput, JsValue> {
    if let Some(html) = value.as_string() {
        return Ok(ExtensionOutput::html(html));
    }
    if value.is_object() {
        if let Some(wikitext) = Reflect::get(value, &JsValue::from_str("wikitext"))?.as_string() {
            return Ok(ExtensionOutput::wikitext(wikitext));
        }
    }
    Err(type_error(&format!(
        "toHtml: the tag function for <{name}> must return a string or {{ wikitext: string }}, got {}",
        describe(value)
    )))
}
