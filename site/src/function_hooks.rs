//! Parser functions a wiki defines itself (an extension's `{{#shout:...}}`):
//! the handler API and the registry a [`Site`] keeps.
//!
//! A handler is called with the call's arguments ([`FunctionArgs`]: each
//! expanded only when the handler asks for it, as MediaWiki's frames do)
//! and returns wikitext, which is expanded no further and rendered in the
//! call's place, or plain text ([`FunctionOutput`]). The renderer writes
//! such a call as Parsoid writes its parser-function fragment handlers: a
//! `parserfunction` part in `data-mw` and `typeof="mw:Transclusion
//! mw:ParserFunction/ID"`.
//!
//! A handler is found by the function's canonical id, which the wiki's
//! magic words give for the name as written ([`Site::parser_function`]
//! answers [`ParserFunction::Other`]); [`ParserFunctionHooks::name`] adds
//! spellings of the registry's own.
//!
//! ```
//! use wikitext_site::function_hooks::*;
//! use wikitext_site::site::{DefaultSite, Site};
//!
//! fn shout(args: &mut dyn FunctionArgs) -> FunctionOutput {
//!     FunctionOutput::Text(args.get(0).unwrap_or_default().to_uppercase())
//! }
//! let mut hooks = ParserFunctionHooks::new();
//! hooks.insert("shout", shout);
//! hooks.name("#shout", "shout");
//! let site = hooks.over(DefaultSite::default());
//! let id = site.parser_function("#Shout").unwrap();
//! assert_eq!(id.id(), "shout");
//! assert!(site.function_hook("shout").is_some());
//! ```

use std::fmt;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::magic_words::ParserFunction;
use crate::site::Site;

/// The arguments of one call, as its handler reads them. Argument 0 is the
/// text after the name's colon (absent in `{{name}}`), 1 the one after the
/// first `|`, and so on.
pub trait FunctionArgs {
    /// How many arguments the call has (`{{#f}}` none, `{{#f:}}` one).
    fn len(&self) -> usize;

    /// Whether the call has no argument.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Argument `i` expanded, whole (`name=value` as written) and not
    /// trimmed; `None` past the last.
    fn get(&mut self, i: usize) -> Option<String>;

    /// Argument `i` split at its first `=` outside nested markup: the
    /// name, if it has one, and the value, both expanded and trimmed (as
    /// MediaWiki trims named arguments).
    fn get_named(&mut self, i: usize) -> Option<(Option<String>, String)>;

    /// The wiki the call is expanded on.
    fn site(&self) -> &dyn Site;
}

/// What a handler returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FunctionOutput {
    /// Wikitext, rendered in the call's place (templates in it are not
    /// expanded again, as MediaWiki expands a page once).
    Wikitext(String),
    /// Text shown as it is: no markup in it is read.
    Text(String),
}

/// A parser function the wiki defines.
pub trait ParserFunctionHook: Send + Sync {
    /// Expand one call.
    fn call(&self, args: &mut dyn FunctionArgs) -> FunctionOutput;
}

impl<F> ParserFunctionHook for F
where
    F: Fn(&mut dyn FunctionArgs) -> FunctionOutput + Send + Sync,
{
    fn call(&self, args: &mut dyn FunctionArgs) -> FunctionOutput {
        self(args)
    }
}

/// A registry of parser-function handlers by canonical id, with the
/// spellings that call them when the wiki's magic words do not name them.
#[derive(Clone, Default)]
pub struct ParserFunctionHooks {
    handlers: FxHashMap<String, Arc<dyn ParserFunctionHook>>,
    /// Lower-case spelling (`#shout`) → id.
    names: FxHashMap<String, String>,
}

impl fmt::Debug for ParserFunctionHooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut ids: Vec<&String> = self.handlers.keys().collect();
        ids.sort();
        f.debug_struct("ParserFunctionHooks").field("ids", &ids).finish()
    }
}

impl ParserFunctionHooks {
    /// An empty registry.
    #[must_use]
    pub fn new() -> Self {
        ParserFunctionHooks::default()
    }

    /// Register (or replace) the handler of the function with canonical id `id`.
    pub fn insert(&mut self, id: &str, handler: impl ParserFunctionHook + 'static) {
        self.handlers.insert(id.to_string(), Arc::new(handler));
    }

    /// Make `written` (matched case-insensitively, `#` included when the
    /// call needs one: `"#shout"`) call the function `id`.
    pub fn name(&mut self, written: &str, id: &str) {
        self.names.insert(written.to_lowercase(), id.to_string());
    }

    /// Register `handler` under the name a call writes (`"#shout"` for
    /// `{{#shout:...}}`, `"shout"` for `{{shout:...}}`; matched
    /// case-insensitively), with the name without its `#`, in lower case,
    /// as its id: a registry of names from outside (the bindings' callers),
    /// where ids are no one's concern. Returns the id.
    ///
    /// # Errors
    ///
    /// [`FunctionNameError::Unwritable`] for a name no call could write
    /// (empty, or with `:`, `|`, `#` after the first character, braces,
    /// brackets, angle brackets, whitespace or control characters);
    /// [`FunctionNameError::Taken`] when the id has a handler already
    /// (`"#f"` and `"f"`).
    pub fn insert_named(&mut self, written: &str, handler: impl ParserFunctionHook + 'static) -> Result<String, FunctionNameError> {
        let written = written.trim().to_lowercase();
        let id = written.strip_prefix('#').unwrap_or(&written);
        if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control() || ":|{}[]<>#".contains(c)) {
            return Err(FunctionNameError::Unwritable(written));
        }
        if self.handlers.contains_key(id) {
            return Err(FunctionNameError::Taken { name: written.clone(), id: id.to_string() });
        }
        let id = id.to_string();
        self.insert(&id, handler);
        self.name(&written, &id);
        Ok(id)
    }

    /// The handler of function `id`.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&dyn ParserFunctionHook> {
        self.handlers.get(id).map(|h| &**h)
    }

    /// The registered ids, sorted.
    #[must_use]
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.handlers.keys().cloned().collect();
        ids.sort();
        ids
    }

    /// A site that answers these functions (and their spellings) itself
    /// and everything else from `site`.
    #[must_use]
    pub fn over<S: Site>(self, site: S) -> WithParserFunctions<S> {
        WithParserFunctions { site, hooks: self }
    }
}

/// Why [`ParserFunctionHooks::insert_named`] refused a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FunctionNameError {
    /// No call could write this name (lower-cased, as given).
    Unwritable(String),
    /// Another name has this id's handler already.
    Taken {
        /// The name refused (lower-cased).
        name: String,
        /// Its id, which has a handler.
        id: String,
    },
}

impl fmt::Display for FunctionNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FunctionNameError::Unwritable(name) => write!(
                f,
                "function names are a word, optionally after '#', without ':', '|', braces, brackets, \
                 angle brackets or whitespace, got {name:?}"
            ),
            FunctionNameError::Taken { name, id } => {
                write!(f, "{name:?} names the function {id:?}, which another name has already: use one")
            }
        }
    }
}

impl std::error::Error for FunctionNameError {}

/// A [`Site`] with extra parser functions: see [`ParserFunctionHooks::over`].
#[derive(Debug, Clone)]
pub struct WithParserFunctions<S> {
    site: S,
    hooks: ParserFunctionHooks,
}

impl<S> WithParserFunctions<S> {
    /// The wrapped site.
    pub fn inner(&self) -> &S {
        &self.site
    }

    /// The wrapped site, mutably (to change its settings).
    pub fn inner_mut(&mut self) -> &mut S {
        &mut self.site
    }

    /// The wrapped site, without the functions.
    pub fn into_inner(self) -> S {
        self.site
    }
}

impl<S: Site> crate::layer::SiteLayer for WithParserFunctions<S> {
    fn inner(&self) -> &dyn Site {
        &self.site
    }

    fn parser_function(&self, name: &str) -> Option<ParserFunction> {
        // The registry's own spellings first: a wiki's handlers take
        // precedence over the functions it had before (as Parsoid's do).
        match self.hooks.names.get(&name.to_lowercase()) {
            Some(id) => Some(ParserFunction::from_id(id)),
            None => self.site.parser_function(name),
        }
    }

    fn function_hook(&self, id: &str) -> Option<&dyn ParserFunctionHook> {
        self.hooks.get(id).or_else(|| self.site.function_hook(id))
    }
}

/// Arguments already expanded, for calling a handler outside a page (its
/// own tests): [`FunctionArgs::get_named`] splits at the first `=`.
#[derive(Clone)]
pub struct ExpandedArgs<'s> {
    args: Vec<String>,
    site: &'s dyn Site,
}

impl fmt::Debug for ExpandedArgs<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExpandedArgs").field("args", &self.args).finish_non_exhaustive()
    }
}

impl<'s> ExpandedArgs<'s> {
    /// `args` (argument 0 first) on `site`.
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(site: &'s dyn Site, args: I) -> Self {
        ExpandedArgs { args: args.into_iter().map(Into::into).collect(), site }
    }
}

impl FunctionArgs for ExpandedArgs<'_> {
    fn len(&self) -> usize {
        self.args.len()
    }

    fn get(&mut self, i: usize) -> Option<String> {
        self.args.get(i).cloned()
    }

    fn get_named(&mut self, i: usize) -> Option<(Option<String>, String)> {
        let arg = self.args.get(i)?;
        Some(match arg.split_once('=') {
            Some((name, value)) => (Some(name.trim().to_string()), value.trim().to_string()),
            None => (None, arg.trim().to_string()),
        })
    }

    fn site(&self) -> &dyn Site {
        self.site
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::DefaultSite;

    fn count(args: &mut dyn FunctionArgs) -> FunctionOutput {
        FunctionOutput::Text(args.len().to_string())
    }

    #[test]
    fn registered_functions_are_found_by_id_and_spelling() {
        let mut hooks = ParserFunctionHooks::new();
        hooks.insert("count", count);
        hooks.name("#Count", "count");
        let site = hooks.over(DefaultSite::default());
        assert_eq!(site.parser_function("#COUNT"), Some(ParserFunction::from_id("count")));
        // Spellings it does not know are the wiki's.
        assert_eq!(site.parser_function("#if"), Some(ParserFunction::If));
        assert_eq!(site.parser_function("count"), None);
        let hook = site.function_hook("count").expect("registered");
        assert_eq!(hook.call(&mut ExpandedArgs::new(&DefaultSite::default(), ["a", "b=c"])), FunctionOutput::Text("2".into()));
        assert!(site.function_hook("if").is_none());
        assert_eq!(site.inner().function_hook("count").map(|_| ()), None);
    }

    #[test]
    fn functions_named_as_calls_write_them() {
        let mut hooks = ParserFunctionHooks::new();
        assert_eq!(hooks.insert_named(" #Shout ", count), Ok("shout".to_string()));
        assert_eq!(hooks.insert_named("whisper", count), Ok("whisper".to_string()));
        assert_eq!(
            hooks.insert_named("SHOUT", count),
            Err(FunctionNameError::Taken { name: "shout".into(), id: "shout".into() })
        );
        for name in ["", "#", "#a:b", "a|b", "a b", "{x}", "##x", "a<b", "[x]", "a\u{7}"] {
            assert_eq!(hooks.insert_named(name, count), Err(FunctionNameError::Unwritable(name.trim().to_lowercase())), "{name:?}");
        }
        let site = hooks.over(DefaultSite::default());
        assert_eq!(site.parser_function("#shout"), Some(ParserFunction::from_id("shout")));
        assert_eq!(site.parser_function("WHISPER"), Some(ParserFunction::from_id("whisper")));
        assert_eq!(site.parser_function("shout"), None);
    }

    #[test]
    fn named_arguments_split_at_the_first_equals() {
        let site = DefaultSite::default();
        let mut args = ExpandedArgs::new(&site, [" a = b = c "]);
        assert_eq!(args.get_named(0), Some((Some("a".into()), "b = c".into())));
        assert!(!args.is_empty());
    }
}
