//! The `modules` option: `{{#invoke:Module|function|...}}` answered by
//! JavaScript, in Scribunto's place (the site's `ModuleRuntime`).
//!
//! A module is an object of function name to function, as a Lua module is
//! a table of functions: `(args, parentArgs) => string | null | undefined |
//! { scriptError }`. The modules come from an object (or `Map`) of title to
//! module, or from a function that loads a module by title (asked once per
//! title per call). As with the other functions, JavaScript values are
//! neither `Send` nor `Sync`: a call's modules wait in a thread-local stack
//! for the length of the call, and the runtime holds only its place there.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use js_sys::{Array, Function, Map, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wikitext::export_site::PageWiki;
use wikitext::site::{module_title, no_such_module, ModuleRuntime, NO_SUCH_FUNCTION};

use crate::{describe, type_error};

/// A call's `modules` option, before the call starts.
#[derive(Default)]
pub(crate) struct Modules {
    /// Modules by title as given.
    given: Vec<(String, Object)>,
    /// A function that loads a module by title.
    loader: Option<Function>,
    /// Whether the option was given at all.
    given_at_all: bool,
}

/// One call's modules and the first error its module functions threw.
struct ModulesCall {
    /// Modules by normalized title (the loader's answers added as asked).
    modules: HashMap<String, Object>,
    loader: Option<Function>,
    asked: HashSet<String>,
    error: Option<JsValue>,
}

thread_local! {
    /// The modules of the calls in progress, innermost last.
    static CALLS: RefCell<Vec<ModulesCall>> = const { RefCell::new(Vec::new()) };
}

/// `value` as a module (a plain object), or a `TypeError` naming `what`.
fn module(caller: &str, what: &str, value: &JsValue) -> Result<Object, JsValue> {
    if value.is_object() && !Array::is_array(value) && !value.is_function() && !value.is_instance_of::<Map>() {
        Ok(value.clone().unchecked_into())
    } else {
        Err(type_error(&format!(
            "{caller}: {what} must be an object of function name to function, got {}",
            describe(value)
        )))
    }
}

impl Modules {
    /// The `modules` option of `caller`: an object or `Map` of module title
    /// to module, or a function that loads one.
    pub(crate) fn from_option(caller: &str, value: &JsValue) -> Result<Modules, JsValue> {
        let mut modules = Modules { given_at_all: true, ..Modules::default() };
        if let Some(loader) = value.dyn_ref::<Function>() {
            modules.loader = Some(loader.clone());
            return Ok(modules);
        }
        if let Some(map) = value.dyn_ref::<Map>() {
            for entry in map.entries() {
                let entry: Array = entry?.unchecked_into();
                let title = entry.get(0).as_string().ok_or_else(|| {
                    type_error(&format!("{caller}: option modules must map titles to modules; a key is {}", describe(&entry.get(0))))
                })?;
                let found = module(caller, &format!("option modules[{title:?}]"), &entry.get(1))?;
                modules.given.push((title, found));
            }
        } else if value.is_object() && !Array::is_array(value) {
            let object: &Object = value.unchecked_ref();
            for title in Object::keys(object).iter() {
                let found = Reflect::get(object, &title)?;
                // `Object.keys` yields strings only.
                let title = title.as_string().unwrap_or_default();
                let found = module(caller, &format!("option modules[{title:?}]"), &found)?;
                modules.given.push((title, found));
            }
        } else {
            return Err(type_error(&format!(
                "{caller}: option modules must be an object of module title to module or a function, got {}",
                describe(value)
            )));
        }
        Ok(modules)
    }

    /// Put these modules on the stack for one call on `wiki` (titles
    /// normalized as the wiki writes them): the runtime for the call's
    /// site, or `None` when the option was not given.
    pub(crate) fn begin(self, caller: &'static str, wiki: &PageWiki) -> Result<Option<(JsRuntime, CallInProgress)>, JsValue> {
        if !self.given_at_all {
            return Ok(None);
        }
        let mut modules = HashMap::new();
        for (title, found) in self.given {
            let normalized = module_title(&title, wiki)
                .ok_or_else(|| type_error(&format!("{caller}: option modules: {title:?} is not a module's title")))?;
            modules.insert(normalized, found);
        }
        let depth = CALLS.with_borrow_mut(|calls| {
            calls.push(ModulesCall { modules, loader: self.loader, asked: HashSet::new(), error: None });
            calls.len() - 1
        });
        Ok(Some((JsRuntime { depth, caller }, CallInProgress { depth })))
    }
}

/// Takes a call's modules off the stack when the call ends, however it ends.
pub(crate) struct CallInProgress {
    depth: usize,
}

impl CallInProgress {
    /// The error the call's module functions (or its loader) threw first, if any.
    pub(crate) fn finish(self) -> Option<JsValue> {
        CALLS.with_borrow_mut(|calls| calls.get_mut(self.depth).and_then(|c| c.error.take()))
    }
}

impl Drop for CallInProgress {
    fn drop(&mut self) {
        CALLS.with_borrow_mut(|calls| calls.truncate(self.depth));
    }
}

/// The modules of the call at `depth` in [`CALLS`].
pub(crate) struct JsRuntime {
    depth: usize,
    /// `"toHtml"`, `"expand"` ..., for error messages.
    caller: &'static str,
}

/// What the stack says of a module before JavaScript is asked.
enum Known {
    Module(Object),
    Ask(Function),
    Missing,
    /// An earlier function threw: the call's result is dropped for it.
    Failed,
}

impl JsRuntime {
    fn fail(&self, error: JsValue) {
        CALLS.with_borrow_mut(|calls| {
            if let Some(c) = calls.get_mut(self.depth) {
                c.error.get_or_insert(error);
            }
        });
    }

    /// The module titled `title`, asking the loader once. No borrow of the
    /// stack is held while JavaScript runs (it may call the module again).
    fn find(&self, title: &str) -> Result<Option<Object>, ()> {
        let known = CALLS.with_borrow_mut(|calls| match calls.get_mut(self.depth) {
            None => Known::Failed,
            Some(c) if c.error.is_some() => Known::Failed,
            Some(c) => match (c.modules.get(title), &c.loader) {
                (Some(found), _) => Known::Module(found.clone()),
                (None, Some(loader)) if c.asked.insert(title.to_string()) => Known::Ask(loader.clone()),
                _ => Known::Missing,
            },
        });
        match known {
            Known::Module(found) => Ok(Some(found)),
            Known::Missing => Ok(None),
            Known::Failed => Err(()),
            Known::Ask(loader) => {
                let answer = loader.call1(&JsValue::UNDEFINED, &JsValue::from_str(title)).and_then(|value| {
                    if value.is_null() || value.is_undefined() {
                        Ok(None)
                    } else {
                        module(self.caller, &format!("the modules function's answer for {title:?}"), &value).map(Some)
                    }
                });
                match answer {
                    Ok(found) => {
                        if let Some(found) = &found {
                            CALLS.with_borrow_mut(|calls| {
                                if let Some(c) = calls.get_mut(self.depth) {
                                    c.modules.insert(title.to_string(), found.clone());
                                }
                            });
                        }
                        Ok(found)
                    }
                    Err(error) => {
                        self.fail(error);
                        Err(())
                    }
                }
            }
        }
    }
}

/// Arguments as a plain object of name to value.
fn arguments(pairs: &[(String, String)]) -> Object {
    let object = Object::new();
    for (name, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    object
}

impl ModuleRuntime for JsRuntime {
    fn invoke(&self, title: &str, function: &str, args: &[(String, String)], parent_args: &[(String, String)]) -> Result<String, String> {
        let found = match self.find(title) {
            Ok(found) => found,
            Err(()) => return Ok(String::new()),
        };
        let Some(found) = found else {
            return Err(no_such_module(title));
        };
        // Own properties only: `constructor` or `toString` are no module's functions.
        let key = JsValue::from_str(function);
        let callee = Object::has_own(&found, &key)
            .then(|| Reflect::get(&found, &key).ok())
            .flatten()
            .and_then(|f| f.dyn_into::<Function>().ok());
        let Some(callee) = callee else {
            return Err(NO_SUCH_FUNCTION.to_string());
        };
        let answer = callee.call2(&JsValue::UNDEFINED, &arguments(args), &arguments(parent_args)).and_then(|value| {
            if value.is_null() || value.is_undefined() {
                return Ok(Ok(String::new()));
            }
            if let Some(text) = value.as_string() {
                return Ok(Ok(text));
            }
            if value.is_object() {
                if let Some(message) = Reflect::get(&value, &JsValue::from_str("scriptError"))?.as_string() {
                    return Ok(Err(message));
                }
            }
            Err(type_error(&format!(
                "{}: {title}'s function {function:?} must return a string, null, undefined or {{ scriptError: string }}, got {}",
                self.caller,
                describe(&value)
            )))
        });
        answer.unwrap_or_else(|error| {
            self.fail(error);
            Ok(String::new())
        })
    }
}
