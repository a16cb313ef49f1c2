//! WebAssembly bindings for `wikitext`: `toHtml(text, options)`,
//! `toText(text, options)`, `expand(text, options)` and `parse(text)`, for browsers (`wasm-bindgen --target web`) and Node
//! (`--target nodejs`). Conversion code only; the behaviour is the facade's.
//!
//! Bad input is a thrown `TypeError` with a message naming the function and
//! the argument, checked here before any Rust code could trip over it. The
//! library itself never panics on any text; should a bug make it panic
//! anyway, the hook installed on the first call turns the panic into a thrown JS
//! `Error` instead of an opaque `RuntimeError: unreachable`.

use js_sys::{Array, JSON, Object, RangeError, Reflect, TypeError};
use wasm_bindgen::prelude::*;
use wikitext::export_site::PageWiki;
use wikitext::{DefaultSite, RenderOptions};

mod js_calls;
mod media;
mod pages;
mod functions;
mod modules;
mod tags;
pub mod tree_json;

use media::Media;
use pages::Pages;
use functions::Functions;
use modules::Modules;
use tags::Tags;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_TYPES: &str = r##"
/**
 * The wikitext of the pages that templates transclude: an object or a `Map`
 * of title to wikitext (`{ "Template:Echo": "{{{1}}}" }`; titles are
 * normalized, so `"template:echo"` names the same page), or a function that
 * takes a normalized title (`"Template:Echo"`) and returns its wikitext, or
 * `null` or `undefined` when there is no such page. The function is called
 * at most once per title per call, also for link targets (existing pages get
 * blue links); an error it throws is thrown by the call once it has
 * finished, and no more pages are asked after it.
 */
export type Pages =
  | Record<string, string>
  | Map<string, string>
  | ((title: string) => string | null | undefined);

/**
 * Options of {@link toHtml}. Every key is optional; any other key is a TypeError.
 */
export interface ToHtmlOptions {
  /** The page title, as in `<title>` of a full document. Default `"Main Page"`. */
  title?: string;
  /** Only the contents of `<body>`, not a full HTML document. Default `false`. */
  bodyOnly?: boolean;
  /** Wrap each heading's section in `<section data-mw-section-id="N">`. Default `true`. */
  wrapSections?: boolean;
  /** The pages templates transclude. Default: every page is missing. */
  pages?: Pages;
  /** Extension tags of your own, by tag name. Default: none. */
  tags?: Record<string, TagHandler>;
  /** Parser functions of your own, by the name a call writes (`"#shout"`). Default: none. */
  functions?: Record<string, FunctionHandler>;
  /** Modules for `{{#invoke:}}`, in Scribunto's place. Default: every module is missing. */
  modules?: Modules;
  /** What the wiki knows of its files. Default: every file is missing. */
  media?: Media;
  /** The Wikipedia the page is of, by database name (`"dewiki"`; see
   * {@link knownWikis}): its namespace names, language, magic words and link
   * trail. Default: an English wiki with MediaWiki's defaults. */
  wiki?: string;
}

/**
 * What the wiki knows of one file: `url` (the original's), `width` and
 * `height` in pixels; optionally `mime` (guessed from the name when
 * absent), `size` in bytes, `duration` in seconds (audio, video) and
 * `pageCount` (PDF, DjVu). Thumbnails are looked for where MediaWiki puts
 * them beside the original (`.../a/ab/X.jpg` has `.../thumb/a/ab/X.jpg/180px-X.jpg`).
 */
export interface FileDescription {
  url: string;
  width: number;
  height: number;
  mime?: string;
  size?: number;
  duration?: number;
  pageCount?: number;
}

/**
 * The wiki's files: an object or a `Map` of file name (`"Example.jpg"`, with
 * or without `File:`) to its description, or a function that takes a file
 * name (without its namespace) and returns a description, or `null` or
 * `undefined` when there is no such file. The function is called at most
 * once per file per call; an error it throws is thrown by the call once it
 * has finished.
 */
export type Media =
  | Record<string, FileDescription>
  | Map<string, FileDescription>
  | ((name: string) => FileDescription | null | undefined);

/**
 * An extension tag's handler: it gets the tag's name, its attributes and
 * its raw body (`null` for a self-closed `<tag/>`) and returns HTML (a
 * string, sanitized like any page HTML: no scripts, event handlers or
 * `javascript:` URLs) or `{ wikitext }`, rendered in place. The output is
 * wrapped as Parsoid wraps extension output (`typeof="mw:Extension/NAME"`,
 * `data-mw`). An error it throws is thrown by `toHtml` once it has finished.
 */
export type TagHandler = (
  name: string,
  attrs: Record<string, string>,
  body: string | null,
) => string | { wikitext: string };

/**
 * A parser function's handler, under the name a call writes (`"#shout"` for
 * `{{#shout:...}}`, `"shout"` for `{{shout:...}}`; matched whatever its
 * case). It gets the call's arguments: the text after the colon, then each
 * `|` argument, each expanded and trimmed (`name=value` as written;
 * `{{#f}}` gives `[]`, `{{#f:}}` `[""]`), and returns wikitext, rendered in
 * the call's place and not expanded again, or `null` or `undefined` for
 * nothing. A name MediaWiki already gives a function (`"#if"`) calls it
 * instead. The call renders as Parsoid renders an extension's parser
 * function (`typeof="mw:Transclusion mw:ParserFunction/shout"`: the id is
 * the name without `#`, in lower case), sanitized like any page HTML. An
 * error it throws is thrown by the call once it has finished.
 */
export type FunctionHandler = (args: string[]) => string | null | undefined;

/**
 * A module for `{{#invoke:Module|function|...}}`: an object of function
 * name to function, as a Lua module is a table of functions. A function
 * gets the invocation's arguments and its parent frame's (the template's),
 * as objects of name to string (positional ones keyed `"1"`, `"2"` ...,
 * with their spaces; named ones trimmed), and returns wikitext, rendered in
 * the call's place and not expanded again, `null` or `undefined` for
 * nothing, or `{ scriptError }` to show Scribunto's script error with that
 * message. Any other error it throws is thrown by the call once it has
 * finished.
 */
export type Module = Record<string, (args: Record<string, string>, parentArgs: Record<string, string>) => string | null | undefined | { scriptError: string }>;

/**
 * The modules `{{#invoke:}}` calls: an object or a `Map` of module title
 * (`"Module:Foo"`, or `"Foo"`; normalized as titles are) to module, or a
 * function that takes a module's normalized title and returns the module,
 * or `null` or `undefined` when there is none (asked at most once per title
 * per call). A module or function that is not there renders Scribunto's
 * script error (`No such module "Foo".`).
 */
export type Modules =
  | Record<string, Module>
  | Map<string, Module>
  | ((title: string) => Module | null | undefined);

/**
 * Options of {@link expand}. Every key is optional; any other key is a TypeError.
 */
export interface ExpandOptions {
  /** The page title (`{{PAGENAME}}`). Default `"Main Page"`. */
  title?: string;
  /** The pages templates transclude. Default: every page is missing. */
  pages?: Pages;
  /** Parser functions of your own, by the name a call writes (`"#shout"`). Default: none. */
  functions?: Record<string, FunctionHandler>;
  /** Modules for `{{#invoke:}}`, in Scribunto's place. Default: every module is missing. */
  modules?: Modules;
  /** The Wikipedia the page is of, by database name (`"dewiki"`; see
   * {@link knownWikis}): its namespace names, language, magic words and link
   * trail. Default: an English wiki with MediaWiki's defaults. */
  wiki?: string;
}

/**
 * A node of the syntax tree: a construct with its parts as children.
 * `start` and `end` are UTF-16 offsets into the parsed text (as JS strings
 * count), so `text.slice(node.start, node.end)` is the node's source.
 * The children cover the node's range without gaps, in order.
 */
export interface SyntaxNode {
  /** The node kind: `DOCUMENT`, `HEADING`, `TEMPLATE`, `TEMPLATE_NAME`,
   * `TEMPLATE_ARGUMENT`, `ARGUMENT_NAME`, `ARGUMENT_VALUE`, `WIKI_LINK`,
   * `LINK_TARGET`, `LINK_TEXT`, `LIST_ITEM`, `TABLE`, `TABLE_ROW`,
   * `TABLE_CELL`, `EXTENSION_TAG`, `HTML_START_TAG`, `COMMENT`, ... */
  kind: string;
  start: number;
  end: number;
  children: SyntaxElement[];
}

/** A token: a leaf of the syntax tree holding its source text. */
export interface SyntaxToken {
  /** The token kind: `TEXT`, `NEWLINE`, `WHITESPACE`, `MARKER`, `QUOTE`,
   * `NAME`, `RAW`, `URL` or `VALUE`. */
  kind: string;
  start: number;
  end: number;
  /** The token's source: `text.slice(start, end)`. */
  text: string;
}

/** A node or a token; tokens have `text`, nodes have `children`. */
export type SyntaxElement = SyntaxNode | SyntaxToken;

/**
 * Render wikitext to the HTML Parsoid renders, for a page of an English
 * wiki (or of `options.wiki`) whose only pages are `options.pages`: a full
 * document with sections wrapped unless `options` say otherwise.
 *
 * @throws {TypeError} when `text` is not a string, `options` is not an
 * object, an option is unknown or of the wrong type, or the pages function
 * or a parser function returns something other than a string, null or
 * undefined.
 * @throws {RangeError} when `wiki` is not one of {@link knownWikis}.
 * @throws whatever the pages, tags, functions, modules or media functions throw.
 */
export function toHtml(text: string, options?: ToHtmlOptions): string;

/**
 * Expand templates, parser functions and variables in wikitext, as
 * MediaWiki's `expandtemplates` does: the result is wikitext.
 *
 * @throws {TypeError} as {@link toHtml} does.
 * @throws whatever the pages, parser functions or modules throw.
 */
export function expand(text: string, options?: ExpandOptions): string;

/** One footnote of a page, as {@link footnotes} lists it. */
export interface Footnote {
  /** The group, `""` for the default group. */
  group: string;
  /** The ref's `name`, or `null`. */
  name: string | null;
  /** Its number in its group, as shown (`[1]`). */
  number: number;
  /** The id of its `<li>` in the references list. */
  id: string;
  /** The ids of the markers in the text that point to it, in order. */
  refIds: string[];
  /** The body as written. */
  wikitext: string;
  /** The body rendered to HTML. */
  html: string;
}

/**
 * The footnotes of a page (Cite's `<ref>` tags), in the order its reference
 * lists show them, with their bodies rendered as {@link toHtml} renders
 * them (so `tags` and `media` count too).
 *
 * @throws {TypeError} as {@link toHtml} does.
 * @throws whatever the pages, tags, functions, modules or media functions throw.
 */
export function footnotes(text: string, options?: FootnotesOptions): Footnote[];

/** Options of {@link footnotes}: those of {@link toHtml} that bear on a note's body. */
export type FootnotesOptions = Pick<ToHtmlOptions, "title" | "pages" | "tags" | "functions" | "modules" | "media" | "wiki">;

/**
 * Options of {@link toText}. Every key is optional; any other key is a
 * TypeError. At most one of `sentences` and `chars`.
 */
export interface ToTextOptions {
  /** The page title (`{{PAGENAME}}`). Default `"Main Page"`. */
  title?: string;
  /** The pages templates transclude. Default: every page is missing. */
  pages?: Pages;
  /** Exactly the first N sentences (Unicode sentence boundaries, not after "Dr." or "J. R. R."). */
  sentences?: number;
  /** At most N characters (grapheme clusters), cut at the last word boundary, then "…". */
  chars?: number;
  /** Parser functions of your own, by the name a call writes (`"#shout"`). Default: none. */
  functions?: Record<string, FunctionHandler>;
  /** Modules for `{{#invoke:}}`, in Scribunto's place. Default: every module is missing. */
  modules?: Modules;
  /** The Wikipedia the page is of, by database name (`"dewiki"`; see
   * {@link knownWikis}): its namespace names, language, magic words and link
   * trail. Default: an English wiki with MediaWiki's defaults. */
  wiki?: string;
}

/**
 * The readable text of a page, as a reader sees it: headings, paragraphs and
 * list items as lines; references, reference lists, tables, infoboxes,
 * navigation boxes, figures, hidden and `noprint` content left out (as
 * MediaWiki's TextExtracts leaves them out).
 *
 * @throws {TypeError} as {@link toHtml} does, or when a count is not a number.
 * @throws {RangeError} when both `sentences` and `chars` are given, or a
 * count is negative or not an integer.
 * @throws whatever the pages, parser functions or modules throw.
 */
export function toText(text: string, options?: ToTextOptions): string;

/**
 * The database names the `wiki` option takes (`"arwiki"` ... `"zhwiki"`),
 * in order: the Wikipedias whose configuration the module carries.
 */
export function knownWikis(): string[];
"##;

/// Installs, on the first call into the module, the panic hook that turns a
/// panic into a thrown JS `Error`. (Not a `#[wasm_bindgen(start)]` function:
/// wasm-bindgen would export that to JavaScript as `start()`.)
fn install_panic_hook() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    // The panic hook is the one piece of process-wide state; it is what
    // console_error_panic_hook does too. Throwing from the hook leaves the
    // Rust stack without running destructors (leaking what it held), which
    // is still better than a trap with no message.
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            wasm_bindgen::throw_str(&format!(
                "wikitext-wasm: internal error (please report this bug): {info}"
            ));
        }));
    });
}

/// Render wikitext to the HTML Parsoid renders, for a page of an English
/// wiki whose only pages are `options.pages`.
///
/// # Errors
///
/// A `TypeError` when `text` is not a string, `options` is not an object, an
/// option is unknown or of the wrong type, or the pages function returns
/// something other than a string, `null` or `undefined`; whatever the pages
/// function throws.
// The typing is in the custom section above: generated, `options` would not be optional.
#[wasm_bindgen(js_name = toHtml, skip_typescript)]
pub fn to_html(text: JsValue, options: Option<Object>) -> Result<String, JsValue> {
    install_panic_hook();
    let text = string_argument("toHtml", &text)?;
    let Call { options, sources, .. } = call_options(&TO_HTML, options.as_ref())?;
    sources.run("toHtml", |site| wikitext::to_html(&text, site, &options))
}

/// Expand templates, parser functions and variables in wikitext, as
/// MediaWiki's `expandtemplates` does.
///
/// # Errors
///
/// As [`to_html`].
#[wasm_bindgen(skip_typescript)]
pub fn expand(text: JsValue, options: Option<Object>) -> Result<String, JsValue> {
    install_panic_hook();
    let text = string_argument("expand", &text)?;
    let Call { options, sources, .. } = call_options(&EXPAND, options.as_ref())?;
    sources.run("expand", |site| wikitext::expand(&text, site, &options.title))
}

/// The footnotes of a page (Cite's `<ref>` tags), as plain JS objects.
///
/// # Errors
///
/// As [`to_html`].
#[wasm_bindgen(skip_typescript)]
pub fn footnotes(text: JsValue, options: Option<Object>) -> Result<js_sys::Array, JsValue> {
    install_panic_hook();
    let text = string_argument("footnotes", &text)?;
    let Call { options, sources, .. } = call_options(&FOOTNOTES, options.as_ref())?;
    let notes = sources.run("footnotes", |site| wikitext::footnotes(&text, site, &options))?;
    let list = js_sys::Array::new();
    for n in notes {
        let o = Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &v);
        };
        set("group", n.group.into());
        set("name", n.name.map_or(JsValue::NULL, JsValue::from));
        set("number", n.number.into());
        set("id", n.id.into());
        set("refIds", n.ref_ids.into_iter().map(JsValue::from).collect::<js_sys::Array>().into());
        set("wikitext", n.wikitext.into());
        set("html", n.html.into());
        list.push(&o);
    }
    Ok(list)
}

/// The readable text of a page, cut to `sentences` or `chars` if given.
///
/// # Errors
///
/// As [`to_html`]; a `RangeError` for both limits, or a negative or
/// fractional count.
#[wasm_bindgen(js_name = toText, skip_typescript)]
pub fn to_text(text: JsValue, options: Option<Object>) -> Result<String, JsValue> {
    install_panic_hook();
    let text = string_argument("toText", &text)?;
    let Call { options, sources, sentences, chars } = call_options(&TO_TEXT, options.as_ref())?;
    let count = |value: Option<f64>, key: &str| match value {
        Some(n) if n.fract() != 0.0 || !n.is_finite() => {
            Err(JsValue::from(RangeError::new(&format!("toText: option {key} must be an integer, got {n}"))))
        }
        // Counts beyond i64 are as good as unlimited.
        Some(n) => Ok(Some(n.clamp(i64::MIN as f64, i64::MAX as f64) as i64)),
        None => Ok(None),
    };
    let limit = wikitext::text::Limit::from_counts(count(sentences, "sentences")?, count(chars, "chars")?)
        .map_err(|error| JsValue::from(RangeError::new(&format!("toText: {error}"))))?;
    let options = wikitext::text::TextOptions::new(options.title, limit);
    sources.run("toText", |site| wikitext::text::to_text(&text, site, &options))
}

/// The database names the `wiki` option takes, in order.
#[wasm_bindgen(js_name = knownWikis, skip_typescript)]
pub fn known_wikis() -> js_sys::Array {
    wikitext::export_site::known_wikis().map(JsValue::from_str).collect()
}

/// Parse wikitext into its lossless syntax tree, as plain JS objects with
/// UTF-16 offsets. The tree is the one `toHtml` renders.
///
/// # Errors
///
/// A `TypeError` when `text` is not a string.
#[wasm_bindgen(unchecked_return_type = "SyntaxNode")]
pub fn parse(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    install_panic_hook();
    let text = string_argument("parse", &text)?;
    let tree = wikitext::parse_for_site(&text, &DefaultSite::default());
    JSON::parse(&tree_json::tree_to_utf16_json(&tree))
}

/// `value` as a string, or a `TypeError` saying what `function` got instead.
fn string_argument(function: &str, value: &JsValue) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        type_error(&format!(
            "{function}: text must be a string, got {}",
            describe(value)
        ))
    })
}

/// A function's name and the option keys it takes.
struct Signature {
    function: &'static str,
    keys: &'static [&'static str],
    /// The keys as the unknown-option message lists them.
    listed: &'static str,
}

const TO_HTML: Signature = Signature {
    function: "toHtml",
    keys: &["title", "bodyOnly", "wrapSections", "pages", "tags", "functions", "modules", "media", "wiki"],
    listed: "title, bodyOnly, wrapSections, pages, tags, functions, modules, media and wiki",
};

const TO_TEXT: Signature = Signature {
    function: "toText",
    keys: &["title", "pages", "functions", "modules", "sentences", "chars", "wiki"],
    listed: "title, pages, functions, modules, sentences, chars and wiki",
};

const EXPAND: Signature = Signature {
    function: "expand",
    keys: &["title", "pages", "functions", "modules", "wiki"],
    listed: "title, pages, functions, modules and wiki",
};

const FOOTNOTES: Signature = Signature {
    function: "footnotes",
    keys: &["title", "pages", "tags", "functions", "modules", "media", "wiki"],
    listed: "title, pages, tags, functions, modules, media and wiki",
};

/// What a call's options ask for.
struct Call {
    options: RenderOptions,
    sources: Sources,
    /// `toText`'s limits, as given.
    sentences: Option<f64>,
    chars: Option<f64>,
}

/// What a call's options give the wiki beyond the page: its pages, files,
/// extension tags, parser functions and modules, and which wiki it is.
struct Sources {
    pages: Pages,
    tags: Tags,
    functions: Functions,
    modules: Modules,
    media: Media,
    /// The wiki the page is of (`wiki`: a database name).
    wiki: PageWiki,
}

impl Sources {
    /// Run `work` on the site these make. The caller's tag and parser
    /// functions share one entry of the handler stack for the call. What
    /// one of the caller's functions threw is thrown once `work` has
    /// finished: the media function's error first, then a tag or parser
    /// function's (the first thrown), the pages function's, a module's.
    fn run<T>(self, caller: &'static str, work: impl FnOnce(&dyn wikitext::Site) -> T) -> Result<T, JsValue> {
        let Sources { pages, tags, functions, modules, media, wiki } = self;
        let handlers = js_calls::begin_handlers();
        let tags = tags.register(&handlers);
        let functions = functions.register(caller, &handlers)?;
        let result = media.run(caller, |files| pages.run(caller, wiki, tags, functions, modules, files, work));
        let handler_error = handlers.finish();
        let result = result?;
        match handler_error {
            Some(error) => Err(error),
            None => result,
        }
    }
}

/// The options of a call from a JS options object; `undefined` values mean "not given".
fn call_options(signature: &Signature, options: Option<&Object>) -> Result<Call, JsValue> {
    let function = signature.function;
    let mut call = Call {
        options: RenderOptions::page(),
        sources: Sources {
            pages: Pages::Missing,
            tags: Tags::default(),
            functions: Functions::default(),
            modules: Modules::default(),
            media: Media::Missing,
            wiki: PageWiki::Default(pages::base_site()),
        },
        sentences: None,
        chars: None,
    };
    let Some(options) = options else {
        return Ok(call);
    };
    let value: &JsValue = options.as_ref();
    if !value.is_object() || Array::is_array(value) {
        return Err(type_error(&format!(
            "{function}: options must be an object like {{ {} }}, got {}",
            signature.keys.join(", "),
            describe(value)
        )));
    }
    for key in Object::keys(options).iter() {
        // `Object.keys` yields strings only.
        let key = key.as_string().unwrap_or_default();
        let value = Reflect::get(options, &JsValue::from_str(&key))?;
        if value.is_undefined() {
            continue;
        }
        let known = signature.keys.contains(&key.as_str());
        let result = &mut call.options;
        match key.as_str() {
            "title" if known => {
                result.title = option_value(function, &key, value.as_string(), "a string", &value)?
            }
            "bodyOnly" if known => {
                result.body_only = option_value(function, &key, value.as_bool(), "a boolean", &value)?
            }
            "wrapSections" if known => {
                result.wrap_sections =
                    option_value(function, &key, value.as_bool(), "a boolean", &value)?
            }
            "pages" if known => call.sources.pages = Pages::from_option(function, &value)?,
            "tags" if known => call.sources.tags = Tags::from_option(function, &value)?,
            "functions" if known => call.sources.functions = Functions::from_option(function, &value)?,
            "modules" if known => call.sources.modules = Modules::from_option(function, &value)?,
            "media" if known => call.sources.media = Media::from_option(function, &value)?,
            "sentences" if known => call.sentences = Some(option_value(function, &key, value.as_f64(), "a number", &value)?),
            "chars" if known => call.chars = Some(option_value(function, &key, value.as_f64(), "a number", &value)?),
            "wiki" if known => {
                let name = option_value(function, &key, value.as_string(), "a string", &value)?;
                call.sources.wiki = PageWiki::named(Some(&name), pages::base_site())
                    .map_err(|error| JsValue::from(RangeError::new(&format!("{function}: option wiki: {error}"))))?;
            }
            _ => {
                return Err(type_error(&format!(
                    "{function}: unknown option {key:?}; the options are {}",
                    signature.listed
                )));
            }
        }
    }
    Ok(call)
}

/// An option's converted value, or a `TypeError` naming the option.
fn option_value<T>(
    function: &str,
    key: &str,
    converted: Option<T>,
    expected: &str,
    value: &JsValue,
) -> Result<T, JsValue> {
    converted.ok_or_else(|| {
        type_error(&format!(
            "{function}: option {key} must be {expected}, got {}",
            describe(value)
        ))
    })
}

/// What a value is, for error messages: `null`, `an array`, or its `typeof`.
pub(crate) fn describe(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_string()
    } else if Array::is_array(value) {
        "an array".to_string()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

pub(crate) fn type_error(message: &str) -> JsValue {
    TypeError::new(message).into()
}
