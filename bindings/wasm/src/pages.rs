//! The site `toHtml` and `expand` render for, and their `pages` option:
//! where template sources come from. An object (or a `Map`) of title to
//! wikitext becomes the facade's `PageSources` over [`base_site`] (the
//! default wiki on the JavaScript clock, with the call's files); a function
//! makes a [`JsLookup`] that asks JavaScript for each page (see `js_calls`).

use std::cell::RefCell;

use js_sys::{Array, Function, Map, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wikitext::extension::ExtensionTags;
use wikitext::function_hooks::ParserFunctionHooks;
use wikitext::export_site::PageWiki;
use wikitext::{DefaultSite, PageLookup, PageSources, Site, WithMedia, WithModules, WithPages};

use crate::js_calls;
use crate::media::JsMedia;
use crate::modules::Modules;
use crate::{describe, type_error};

/// Where a call's page sources come from.
pub(crate) enum Pages {
    /// No `pages` option: every page is missing.
    Missing,
    /// An object or `Map` of title to wikitext, copied when the call starts.
    Map(PageSources),
    /// A function asked for each page.
    Function(Function),
}

impl Pages {
    /// The `pages` option of `function` (`"toHtml"` or `"expand"`).
    pub(crate) fn from_option(function: &str, value: &JsValue) -> Result<Pages, JsValue> {
        if let Some(page_function) = value.dyn_ref::<Function>() {
            return Ok(Pages::Function(page_function.clone()));
        }
        let mut sources = PageSources::default();
        let mut add = |title: String, text: &JsValue| -> Result<(), JsValue> {
            let text = text.as_string().ok_or_else(|| {
                type_error(&format!(
                    "{function}: option pages must map titles to strings; {title:?} is {}",
                    describe(text)
                ))
            })?;
            sources.insert(title, text);
            Ok(())
        };
        if let Some(map) = value.dyn_ref::<Map>() {
            for entry in map.entries() {
                let entry: Array = entry?.unchecked_into();
                let title = entry.get(0);
                let title = title.as_string().ok_or_else(|| {
                    type_error(&format!(
                        "{function}: option pages must map titles to strings; a key is {}",
                        describe(&title)
                    ))
                })?;
                add(title, &entry.get(1))?;
            }
        } else if value.is_object() && !Array::is_array(value) {
            let object: &Object = value.unchecked_ref();
            for title in Object::keys(object).iter() {
                let text = Reflect::get(object, &title)?;
                // `Object.keys` yields strings only.
                add(title.as_string().unwrap_or_default(), &text)?;
            }
        } else {
            return Err(type_error(&format!(
                "{function}: option pages must be an object of title to wikitext or a function, got {}",
                describe(value)
            )));
        }
        Ok(Pages::Map(sources))
    }

    /// Run `work` on the site these pages make on `wiki`. An error the page function
    /// threw (or a `TypeError` for an answer that is not a string) is
    /// returned once `work` has finished, and then one a module's function
    /// threw.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn run<T>(
        self,
        caller: &'static str,
        wiki: PageWiki,
        tags: ExtensionTags,
        functions: ParserFunctionHooks,
        modules: Modules,
        files: JsMedia,
        work: impl FnOnce(&dyn Site) -> T,
    ) -> Result<T, JsValue> {
        let (runtime, modules_call) = modules.begin(caller, &wiki)?.unzip();
        let base_site = WithModules::optional(WithMedia::new(wiki, files), runtime);
        let result = match self {
            Pages::Missing => work(&functions.over(tags.over(base_site))),
            Pages::Map(sources) => work(&functions.over(tags.over(sources.over(base_site)))),
            Pages::Function(function) => {
                let call = js_calls::begin(&CALLS, function, caller);
                let site = WithPages::new(base_site, JsLookup { depth: call.depth });
                let result = work(&functions.over(tags.over(site)));
                if let Some(error) = call.finish() {
                    return Err(error);
                }
                result
            }
        };
        match modules_call.and_then(|call| call.finish()) {
            Some(error) => Err(error),
            None => Ok(result),
        }
    }
}

thread_local! {
    /// The page functions of the calls in progress, innermost last.
    static CALLS: RefCell<Vec<js_calls::Lookup<String>>> = const { RefCell::new(Vec::new()) };
}

/// Page sources from the JavaScript function of the call at `depth` in
/// [`CALLS`], asked once per title; `WithPages` answers everything else.
struct JsLookup {
    depth: usize,
}

impl JsLookup {
    fn source(&self, title: &str) -> Option<String> {
        js_calls::ask(&CALLS, self.depth, title, |caller, value| {
            value.as_string().ok_or_else(|| {
                type_error(&format!(
                    "{caller}: the pages function must return a string, null or undefined, got {} for {title:?}",
                    describe(value)
                ))
            })
        })
    }
}

/// `#REDIRECT` at the start of a page, as `WithPages` reads it.
impl PageLookup for JsLookup {
    fn page_source(&self, title: &str) -> Option<String> {
        self.source(title)
    }
}

/// The host's clock: `std` has none on `wasm32-unknown-unknown`.
fn js_now() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        // Milliseconds since the epoch, always within i64.
        (js_sys::Date::now() / 1000.0).floor() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        wikitext::site::system_now()
    }
}

pub(crate) fn base_site() -> DefaultSite {
    DefaultSite::default().with_clock(js_now)
}
