//! `wikitext`: parse MediaWiki wikitext into a lossless tree, render the
//! HTML that Parsoid renders, and take a page's plain text ([`text`]).
//!
//! ```
//! let tree = wikitext::parse("== Hi ==\n''text''");
//! assert_eq!(tree.to_wikitext(), "== Hi ==\n''text''");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]

pub use wikitext_html::{Footnote, RenderOptions, StageTimes};
pub use wikitext_site::{extension, function_hooks, layer, site, site_config, title, DefaultSite, Site, SiteInfo};
pub use wikitext_site::layer::{MediaLookup, MediaMap, WithMedia, WithModules};
pub use wikitext_site::site::{MediaInfo, ModuleRuntime};
pub use wikitext_expand::{Expander, Limits, PageLookup, PageSources, WithPages};
pub use wikitext_parser::{ast, edit, NodeId, SyntaxKind, Tree};

#[cfg(feature = "export")]
pub mod export;
pub mod export_site;
mod site_languages;
pub mod wikimedia_interwiki;
mod wikimedia_languages;
#[cfg(feature = "export")]
pub mod dump_record;
#[cfg(feature = "store")]
pub mod store;
#[cfg(feature = "dump")]
pub mod dump;
mod json;
pub mod text;
pub use json::{tree_to_json, tree_to_json_with_offsets};

#[cfg(feature = "cli")]
pub mod bench;
#[cfg(feature = "cli")]
pub mod parsertests;
#[doc(hidden)]
pub mod pathological;

#[cfg(feature = "safety")]
#[doc(hidden)]
pub mod safety;

/// Parse wikitext into a lossless tree. Never fails.
#[must_use]
pub fn parse(src: &str) -> Tree {
    wikitext_parser::parse(src)
}

/// Parse wikitext as `site` reads it: with its extension tags and URL protocols.
#[must_use]
pub fn parse_for_site(src: &str, site: &dyn Site) -> Tree {
    wikitext_parser::parse_with(src, &parse_options(site))
}

/// The tokenizer options a site implies.
#[must_use]
pub fn parse_options(site: &dyn Site) -> wikitext_parser::ParseOptions {
    wikitext_site::site::parse_options(site)
}

/// Whether `title` is a valid page title on `site` (not empty, no `[]{}|<>`,
/// no namespace prefix without a page...), as MediaWiki reads a title.
#[must_use]
pub fn is_valid_title(title: &str, site: &dyn Site) -> bool {
    wikitext_site::title::Title::parse(title, 0, site).is_some_and(|t| !t.db_key().is_empty())
}

/// Render wikitext to HTML for a page of `site`.
#[must_use]
pub fn to_html(src: &str, site: &dyn Site, options: &RenderOptions) -> String {
    let tree = parse_for_site(src, site);
    wikitext_html::render_owned(tree, site, options)
}

/// The footnotes (Cite's `<ref>`s) of a page of `site`, as its reference
/// lists show them: group, name, number, ids, body wikitext and HTML.
#[must_use]
pub fn footnotes(src: &str, site: &dyn Site, options: &RenderOptions) -> Vec<Footnote> {
    let tree = parse_for_site(src, site);
    wikitext_html::footnotes(&tree, site, options)
}

/// Expand templates, parser functions and variables in a page's wikitext, as
/// MediaWiki's `expandtemplates` does, for the page titled `title`.
#[must_use]
pub fn expand(src: &str, site: &dyn Site, title: &str) -> String {
    Expander::new(site, title).expand_page(src)
}

/// [`to_html`], adding the wall-clock time of each pipeline stage
/// (tokenize, transforms, tree building, DOM passes, serialize) to `times`.
pub fn to_html_timed(src: &str, site: &dyn Site, options: &RenderOptions, times: &mut StageTimes) -> String {
    let start = std::time::Instant::now();
    let tree = parse_for_site(src, site);
    times.tokenize += start.elapsed();
    wikitext_html::render_timed(&tree, site, options, times)
}

#[cfg(test)]
mod readme_examples {
    use super::*;

    /// The README's crate example, kept honest.
    #[test]
    fn readme_example() {
        let tree = parse("== Hello ==\n''world''");
        assert_eq!(tree.to_wikitext(), "== Hello ==\n''world''");
        let html = to_html("''world''", &DefaultSite::default(), &RenderOptions::fragment());
        assert_eq!(html, "<p><i>world</i></p>");
    }

    /// The README's plain-text example.
    #[test]
    fn readme_text_example() {
        use crate::text::{self, Limit, TextOptions};

        let site = DefaultSite::default();
        let options = TextOptions::new("Main Page", Limit::Sentences(1));
        let summary = text::to_text("Dr. Ada wrote notes.<ref>A source.</ref> She died in 1852.", &site, &options);
        assert_eq!(summary, "Dr. Ada wrote notes.");
        assert_eq!(Limit::from_counts(Some(1), Some(2)), Err(text::TextError::BothLimits));
    }

    /// The README's `ast` example.
    #[test]
    fn readme_ast_example() {
        use crate::ast::{ArgumentKey, Template};

        let tree = parse("{{Infobox|name = Ada|1815}}");
        let template = tree.iter().find_map(|id| Template::cast(&tree, id)).unwrap();
        assert_eq!(template.name_text(&tree), "Infobox");
        let keys: Vec<_> = template.params(&tree).map(|p| p.key(&tree)).collect();
        assert_eq!(keys, [ArgumentKey::Named("name"), ArgumentKey::Positional(1)]);
    }

    /// The README's editing example.
    #[test]
    fn readme_edit_example() {
        use crate::edit::{Document, EditError, Escaping};

        let mut doc = Document::parse("{{cite web\n| url = x\n| title = y\n}} see [[A|b]]<!-- old -->");
        let cite = doc.templates().next().unwrap();
        doc.set_param(cite, "date", "2024", Escaping::Escape).unwrap();
        doc.set_template_name(cite, "Cite web", Escaping::Escape).unwrap();
        doc.set_param(cite, "title", "a|b", Escaping::Escape).unwrap();
        assert!(matches!(doc.set_param(cite, "url", "}}", Escaping::Refuse), Err(EditError::WouldChangeStructure { .. })));
        let link = doc.links().next().unwrap();
        doc.set_link_target(link, "Ada Lovelace", Escaping::Refuse).unwrap();
        let comment = doc.comments().next().unwrap().id();
        doc.remove(comment).unwrap();
        assert_eq!(doc.to_wikitext(), "{{Cite web\n| url = x\n| title = a{{!}}b\n| date = 2024\n}} see [[Ada Lovelace|b]]");
    }

    /// The README's templates example.
    #[test]
    fn readme_templates_example() {
        let mut pages = PageSources::default();
        pages.insert("Template:Echo", "[{{{1|none}}}]<noinclude>doc</noinclude>");
        let site = pages.over(DefaultSite::default());
        assert_eq!(expand("a {{Echo|b}} c", &site, "Main Page"), "a [b] c");
        let html = to_html("{{Echo|b}}", &site, &RenderOptions::fragment());
        assert!(html.contains(r#"typeof="mw:Transclusion""#));
    }

    /// The README's extension-tag example.
    #[test]
    fn readme_extension_tag_example() {
        use crate::extension::{ExtensionContext, ExtensionError, ExtensionOutput, ExtensionTagCall, ExtensionTags, ParseMode};

        fn note(call: &ExtensionTagCall<'_>, cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
            let inner = cx.parse(call.body.unwrap_or(""), ParseMode::Inline);
            Ok(ExtensionOutput::html(format!("<span class=\"note\">{inner}</span>")))
        }

        let site = ExtensionTags::new().with("note", note).over(DefaultSite::default());
        let html = to_html("a <note>''b''</note>", &site, &RenderOptions::fragment());
        assert!(html.contains(r#"typeof="mw:Extension/note""#) && html.contains(r#"class="note""#), "{html}");
        assert!(html.contains("<i>b</i>"), "{html}");
    }

    /// The README's module-runtime example.
    #[test]
    fn readme_module_runtime_example() {
        use crate::{ModuleRuntime, WithModules};

        struct Hello;

        impl ModuleRuntime for Hello {
            fn invoke(&self, module: &str, function: &str, args: &[(String, String)], _parent: &[(String, String)]) -> Result<String, String> {
                match (module, function) {
                    ("Module:Hello", "hello") => Ok(format!("Hello, {}!", args.first().map_or("world", |(_, v)| v.as_str()))),
                    ("Module:Hello", _) => Err("The function you specified did not exist.".into()),
                    _ => Err(format!("No such module \"{}\".", module.trim_start_matches("Module:"))),
                }
            }
        }

        let site = WithModules::new(DefaultSite::default(), Hello);
        assert_eq!(expand("{{#invoke:Hello|hello|you}}", &site, "Main Page"), "Hello, you!");
        assert_eq!(expand("{{#invoke:Hello|hello}}", &site, "Main Page"), "Hello, world!");
        assert!(expand("{{#invoke:Hello|bye}}", &site, "Main Page").contains("Script error: The function you specified did not exist."));
        assert!(expand("{{#invoke:Other|f}}", &site, "Main Page").contains("No such module &quot;Other&quot;."));
    }

    /// The README's parser-function example.
    #[test]
    fn readme_parser_function_example() {
        use crate::function_hooks::{FunctionArgs, FunctionOutput, ParserFunctionHooks};

        fn shout(args: &mut dyn FunctionArgs) -> FunctionOutput {
            FunctionOutput::Wikitext(format!("'''{}'''", args.get(0).unwrap_or_default().trim().to_uppercase()))
        }

        let mut functions = ParserFunctionHooks::new();
        functions.insert("shout", shout);
        functions.name("#shout", "shout");
        let site = functions.over(DefaultSite::default());
        assert_eq!(expand("{{#shout: hi }}", &site, "Main Page"), "'''HI'''");
        let html = to_html("{{#shout:hi}}", &site, &RenderOptions::fragment());
        assert!(html.contains(r##"<b about="#mwt1" typeof="mw:Transclusion mw:ParserFunction/shout""##), "{html}");
    }

    /// Handler output is sanitized, and a failing handler is an error span.
    #[test]
    fn extension_output_is_sanitized_and_errors_are_spans() {
        use crate::extension::{ExtensionContext, ExtensionError, ExtensionOutput, ExtensionTagCall, ExtensionTags};

        fn evil(_: &ExtensionTagCall<'_>, _: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
            Ok(ExtensionOutput::html(
                r#"<script>alert(1)</script><div onclick="x()" style="background:url(javascript:y)">a</div><a href="javascript:z()">b</a><img src=x onerror=w()>"#,
            ))
        }
        fn failing(_: &ExtensionTagCall<'_>, _: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
            Err(ExtensionError::message("<b>no</b>"))
        }
        let site = ExtensionTags::new().with("evil", evil).with("failing", failing).over(DefaultSite::default());
        let html = to_html("<evil/>", &site, &RenderOptions::fragment());
        for bad in ["<script", "onclick", "onerror", "javascript:"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        let html = to_html("<failing>x</failing>", &site, &RenderOptions::fragment());
        assert!(html.contains(r#"typeof="mw:I18n mw:Extension/failing mw:Error""#), "{html}");
        assert!(html.contains("&lt;b>no&lt;/b>"), "{html}");
    }

    /// Handler state lasts the page, and `end_of_document` adds output.
    #[test]
    fn extension_state_and_end_of_document() {
        use crate::extension::{ExtensionContext, ExtensionError, ExtensionOutput, ExtensionTag, ExtensionTagCall, ExtensionTags};

        struct Count;
        impl ExtensionTag for Count {
            fn render(&self, _: &ExtensionTagCall<'_>, cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
                let n = cx.state().take().and_then(|b| b.downcast::<u32>().ok()).map_or(1, |n| *n + 1);
                *cx.state() = Some(Box::new(n));
                Ok(ExtensionOutput::html(format!("<sup>{n}</sup>")))
            }
            fn end_of_document(&self, cx: &mut dyn ExtensionContext) -> Option<ExtensionOutput> {
                let n = cx.state().take().and_then(|b| b.downcast::<u32>().ok())?;
                Some(ExtensionOutput::html(format!("<div>{n} in all</div>")))
            }
        }
        let site = ExtensionTags::new().with("count", Count).over(DefaultSite::default());
        let html = to_html("<count/> <count/>", &site, &RenderOptions::fragment());
        assert!(html.contains(">1</sup>") && html.contains(">2</sup>"), "{html}");
        assert!(html.contains("2 in all</div>"), "{html}");
    }

    /// Timing the stages changes nothing in the output, and the times add up.
    #[test]
    fn to_html_timed_renders_as_to_html() {
        let src = "== A ==\n''b'' [[c]]\n* d\n{|\n| e\n|}";
        let (site, options) = (DefaultSite::default(), RenderOptions::page());
        let mut times = StageTimes::default();
        let timed = to_html_timed(src, &site, &options, &mut times);
        assert_eq!(timed, to_html(src, &site, &options));
        let sum: std::time::Duration = times.stages().iter().map(|(_, t)| *t).sum();
        assert_eq!(times.total(), sum);
        assert!(times.total() > std::time::Duration::ZERO);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_titles() {
        let site = DefaultSite::default();
        assert!(is_valid_title("Main Page", &site));
        assert!(is_valid_title("Talk:Foo bar", &site));
        for invalid in ["", "  ", "a[b", "a|b", "{{x}}", "Talk:"] {
            assert!(!is_valid_title(invalid, &site), "{invalid:?}");
        }
    }
}
