//! Any string renders without panicking, and the output parses as HTML and
//! is safe: no script-bearing element, no `on*` attribute, no script URL
//! (`wikitext::safety::check_html`, shared with the property tests).
//! Pages render with a small fixed template set (`render_templates.rs`) so
//! that `{{E|...}}`, `{{I|...}}` and the rest reach the expander, on the
//! default wiki and on three described ones (Japanese magic words, Arabic's
//! link prefix, German's namespaces and number format). The default wiki
//! also has two parser functions of its own (`#wt` returns its arguments as
//! wikitext, `#txt` as text), so markup a wiki's function assembles is
//! checked too, and a module runtime (`{{#invoke:M|echo|...}}` returns its
//! arguments and its template's as wikitext; any other function is a
//! script error whose message repeats the call's first argument).
#![no_main]
use libfuzzer_sys::fuzz_target;
use wikitext::export_site::ExportSite;
use wikitext::function_hooks::{FunctionArgs, FunctionOutput, ParserFunctionHooks, WithParserFunctions};
use wikitext::{DefaultSite, ModuleRuntime, PageSources, RenderOptions, Site, WithModules, WithPages};

include!("../render_templates.rs");

fn templates() -> PageSources {
    RENDER_TEMPLATES.iter().copied().collect()
}

/// Every argument, whole, joined by `separator`.
fn joined(args: &mut dyn FunctionArgs, separator: &str) -> String {
    (0..args.len()).filter_map(|i| args.get(i)).collect::<Vec<_>>().join(separator)
}

fn functions() -> ParserFunctionHooks {
    let mut hooks = ParserFunctionHooks::new();
    hooks.insert("wt", |args: &mut dyn FunctionArgs| FunctionOutput::Wikitext(joined(args, "|")));
    hooks.insert("txt", |args: &mut dyn FunctionArgs| FunctionOutput::Text(joined(args, " ")));
    for id in ["wt", "txt"] {
        hooks.name(&format!("#{id}"), id);
        hooks.name(&format!("＃{id}"), id);
    }
    hooks
}

/// Modules whose output (and errors) are markup the page chose.
struct EchoModules;

impl ModuleRuntime for EchoModules {
    fn invoke(&self, module: &str, function: &str, args: &[(String, String)], parent: &[(String, String)]) -> Result<String, String> {
        let values = || args.iter().chain(parent).map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("|");
        match function {
            "echo" => Ok(values()),
            _ => Err(format!("{module}: {function}: {}", args.first().map_or("", |(_, v)| v.as_str()))),
        }
    }
}

thread_local! {
    static SITE: WithParserFunctions<WithModules<WithPages<DefaultSite>, EchoModules>> =
        functions().over(WithModules::new(templates().over(DefaultSite::default()), EchoModules));
    static WIKIS: Vec<WithPages<ExportSite>> =
        ["jawiki", "arwiki", "dewiki"].iter().filter_map(|w| ExportSite::for_wiki(w)).map(|w| templates().over(w)).collect();
}

fuzz_target!(|src: &str| {
    // Alternate the two presets so both the fragment path and the full-page
    // path (sections, document shell) are fuzzed.
    let options = if src.len().is_multiple_of(2) { RenderOptions::fragment() } else { RenderOptions::page() };
    // Half the inputs on the default wiki, the rest spread over the others.
    let render = |site: &dyn Site| wikitext::to_html(src, site, &options);
    let html = match (src.len() / 2) % 6 {
        pick @ 3..=5 => WIKIS.with(|wikis| wikis.get(pick - 3).map(|w| render(w))).unwrap_or_else(|| SITE.with(|s| render(s))),
        _ => SITE.with(|site| render(site)),
    };
    if let Err(problem) = wikitext::safety::check_html(&html) {
        panic!("unsafe output: {problem}\n{html}");
    }
});
