//! The API tests, run both in Node (`tests/node.rs`) and in headless
//! Chromium (`tests/browser.rs`) by wasm-bindgen-test.

use js_sys::{Array, Function, JsString, Map, Object, RangeError, Reflect, TypeError};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use wikitext_wasm::{expand, footnotes, known_wikis, parse, to_html, to_text};

fn options(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        Reflect::set(&object, &JsValue::from_str(key), value).expect("set an option");
    }
    object
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).expect("read a property")
}

/// The message of a thrown `TypeError`; fails when the error is anything else.
fn type_error_message(error: &JsValue) -> String {
    let error = error.dyn_ref::<TypeError>().expect("a TypeError");
    String::from(error.message())
}

#[wasm_bindgen_test]
fn renders_a_fragment() {
    let html = to_html(
        "''world''".into(),
        Some(options(&[
            ("bodyOnly", true.into()),
            ("wrapSections", false.into()),
        ])),
    )
    .expect("renders");
    assert_eq!(html, "<p><i>world</i></p>");
}

#[wasm_bindgen_test]
fn renders_a_full_page_by_default() {
    let html = to_html("== Hi ==\ntext".into(), None).expect("renders");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<title>Main Page</title>"), "{html}");
    assert!(html.contains("<section data-mw-section-id=\"1\""), "{html}");
}

#[wasm_bindgen_test]
fn title_option_and_undefined_values() {
    let html = to_html(
        "x".into(),
        Some(options(&[
            ("title", "Été <b>".into()),
            ("bodyOnly", JsValue::UNDEFINED),
        ])),
    )
    .expect("renders");
    assert!(html.contains("<title>Été &lt;b></title>"), "{html}");
}

#[wasm_bindgen_test]
fn non_string_text_is_a_type_error() {
    for value in [
        JsValue::from(42),
        JsValue::NULL,
        JsValue::UNDEFINED,
        Array::new().into(),
    ] {
        let message = type_error_message(&to_html(value.clone(), None).expect_err("rejects"));
        assert!(
            message.starts_with("toHtml: text must be a string"),
            "{message}"
        );
        let message = type_error_message(&parse(value).expect_err("rejects"));
        assert!(
            message.starts_with("parse: text must be a string"),
            "{message}"
        );
    }
}

#[wasm_bindgen_test]
fn bad_options_are_type_errors() {
    let unknown =
        to_html("x".into(), Some(options(&[("bodyonly", true.into())]))).expect_err("rejects");
    assert_eq!(
        type_error_message(&unknown),
        "toHtml: unknown option \"bodyonly\"; the options are title, bodyOnly, wrapSections, pages, tags, functions, modules, media and wiki"
    );
    let wrong_type =
        to_html("x".into(), Some(options(&[("wrapSections", "yes".into())]))).expect_err("rejects");
    assert_eq!(
        type_error_message(&wrong_type),
        "toHtml: option wrapSections must be a boolean, got string"
    );
    let not_an_object =
        to_html("x".into(), Some(JsValue::from(5).unchecked_into())).expect_err("rejects");
    assert!(type_error_message(&not_an_object).contains("options must be an object"));
    let array = to_html("x".into(), Some(Array::new().unchecked_into())).expect_err("rejects");
    assert!(type_error_message(&array).ends_with("got an array"));
    // The module still works after an error.
    assert!(to_html("x".into(), None).is_ok());
}

#[wasm_bindgen_test]
fn parse_gives_utf16_ranges() {
    let src = "== Été ==\n{{Gâteau|😀=🍰}}";
    let tree = parse(src.into()).expect("parses");
    assert_eq!(get(&tree, "kind"), "DOCUMENT");
    assert_eq!(get(&tree, "start"), 0);
    let js_length = JsString::from(src).length();
    assert_eq!(get(&tree, "end"), js_length);
    // Walk the tree: every token's text is the UTF-16 slice of its range,
    // and the template has its parts.
    let js_src = JsString::from(src);
    let mut kinds = Vec::new();
    let mut stack = vec![tree];
    while let Some(node) = stack.pop() {
        kinds.push(get(&node, "kind").as_string().expect("kind is a string"));
        let start = get(&node, "start").as_f64().expect("start") as u32;
        let end = get(&node, "end").as_f64().expect("end") as u32;
        let text = get(&node, "text");
        if text.is_undefined() {
            let children: Array = get(&node, "children").dyn_into().expect("children array");
            stack.extend(children.iter());
        } else {
            assert_eq!(JsValue::from(js_src.slice(start, end)), text);
        }
    }
    for kind in [
        "HEADING",
        "TEMPLATE",
        "TEMPLATE_NAME",
        "TEMPLATE_ARGUMENT",
        "ARGUMENT_NAME",
        "ARGUMENT_VALUE",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} in {kinds:?}");
    }
}

#[wasm_bindgen_test]
fn large_page_renders() {
    let page = "== Section ==\n* item with [[link]] and {{tpl|a=b}}\n{| class=\"wikitable\"\n| cell || cell\n|}\n".repeat(1500);
    assert!(page.len() > 100_000);
    let html = to_html(page.into(), None).expect("renders");
    assert!(html.matches("<h2").count() == 1500);
}

const ECHO: &str = "[{{{1|none}}}]<noinclude>doc</noinclude>";

fn echo_pages() -> Object {
    options(&[("Template:Echo", ECHO.into())])
}

/// What the JavaScript function body `body` returns (`new Function(body)()`).
fn js_run(body: &str) -> JsValue {
    Function::new_no_args(body).call0(&JsValue::UNDEFINED).expect("the body runs")
}

fn fragment(text: &str, pages: &JsValue) -> Result<String, JsValue> {
    to_html(
        text.into(),
        Some(options(&[
            ("bodyOnly", true.into()),
            ("wrapSections", false.into()),
            ("pages", pages.clone()),
        ])),
    )
}

#[wasm_bindgen_test]
fn expand_with_an_object() {
    let pages: JsValue = echo_pages().into();
    let result = expand("a {{Echo|b}} c".into(), Some(options(&[("pages", pages.clone())])));
    assert_eq!(result.expect("expands"), "a [b] c");
    // Titles are normalized; without pages, a template is missing.
    let result = expand("{{echo}}".into(), Some(options(&[("pages", pages)])));
    assert_eq!(result.expect("expands"), "[none]");
    assert_eq!(expand("{{Echo|b}}".into(), None).expect("expands"), "[[:Template:Echo]]");
}

#[wasm_bindgen_test]
fn expand_title() {
    let result = expand("{{PAGENAME}}".into(), Some(options(&[("title", "Talk:Ada Lovelace".into())])));
    assert_eq!(result.expect("expands"), "Ada Lovelace");
}

#[wasm_bindgen_test]
fn to_html_transcludes_from_an_object_or_a_map() {
    let map = Map::new();
    map.set(&"Template:Echo".into(), &ECHO.into());
    for pages in [JsValue::from(echo_pages()), map.into()] {
        let html = fragment("{{Echo|b}}", &pages).expect("renders");
        assert!(html.contains("typeof=\"mw:Transclusion\""), "{html}");
        assert!(html.contains("[b]") && !html.contains("doc"), "{html}");
    }
}

#[wasm_bindgen_test]
fn pages_function_is_asked_once_per_title() {
    let pair: Array = js_run(
        "const asked = [];
         const pages = (title) => { asked.push(title); return title === 'Template:Echo' ? '[{{{1}}}]' : null; };
         return [pages, asked];",
    )
    .unchecked_into();
    let (pages, asked) = (pair.get(0), pair.get(1));
    let result = expand("{{echo|b}} {{Echo|c}} {{Missing}}".into(), Some(options(&[("pages", pages.clone())])));
    assert_eq!(result.expect("expands"), "[b] [c] [[:Template:Missing]]");
    let asked: Vec<String> = Array::from(&asked).iter().filter_map(|t| t.as_string()).collect();
    assert_eq!(asked, ["Template:Echo", "Template:Missing"]);

    let html = fragment("{{Echo|b}} [[Echo]]", &pages).expect("renders");
    assert!(html.contains("typeof=\"mw:Transclusion\""), "{html}");
    assert!(html.contains("[b]"), "{html}");
}

#[wasm_bindgen_test]
fn undefined_from_the_function_is_a_missing_page() {
    let pages = js_run("return (title) => undefined;");
    let result = expand("{{Echo}}".into(), Some(options(&[("pages", pages)])));
    assert_eq!(result.expect("expands"), "[[:Template:Echo]]");
}

#[wasm_bindgen_test]
fn an_error_the_function_throws_reaches_the_caller() {
    let pair: Array = js_run(
        "let calls = 0;
         const pages = (title) => { calls += 1; throw new RangeError('no page ' + title); };
         return [pages, () => calls];",
    )
    .unchecked_into();
    let (pages, calls): (JsValue, Function) = (pair.get(0), pair.get(1).unchecked_into());
    let error = expand("{{Echo|b}} {{Other}}".into(), Some(options(&[("pages", pages.clone())])))
        .expect_err("throws");
    let error = error.dyn_ref::<RangeError>().expect("the RangeError thrown");
    assert_eq!(String::from(error.message()), "no page Template:Echo");
    // Nothing more was asked after the error.
    assert_eq!(calls.call0(&JsValue::UNDEFINED).expect("count"), 1);

    let error = fragment("{{Echo|b}}", &pages).expect_err("throws");
    assert!(error.is_instance_of::<RangeError>());
    // The module still works afterwards.
    assert!(fragment("{{Echo|b}}", &echo_pages().into()).expect("renders").contains("[b]"));
}

#[wasm_bindgen_test]
fn the_same_error_object_reaches_the_caller() {
    let thrown = Object::new();
    let pages = Function::new_with_args("title", "throw this;").bind0(&thrown);
    let error = expand("{{Echo}}".into(), Some(options(&[("pages", pages.into())]))).expect_err("throws");
    assert!(Object::is(&error, &thrown));
}

#[wasm_bindgen_test]
fn a_non_string_answer_is_a_type_error() {
    let pages: JsValue = Function::new_with_args("title", "return 42;").into();
    let error = expand("{{Echo}}".into(), Some(options(&[("pages", pages.clone())]))).expect_err("throws");
    assert_eq!(
        type_error_message(&error),
        "expand: the pages function must return a string, null or undefined, got number for \"Template:Echo\""
    );
    let error = fragment("{{Echo}}", &pages).expect_err("throws");
    assert!(type_error_message(&error).starts_with("toHtml: the pages function must return"));
}

#[wasm_bindgen_test]
fn bad_pages_and_expand_options_are_type_errors() {
    let error = fragment("x", &JsValue::NULL).expect_err("rejects");
    assert_eq!(
        type_error_message(&error),
        "toHtml: option pages must be an object of title to wikitext or a function, got null"
    );
    let error = fragment("x", &options(&[("Template:Echo", 1.into())]).into()).expect_err("rejects");
    assert_eq!(
        type_error_message(&error),
        "toHtml: option pages must map titles to strings; \"Template:Echo\" is number"
    );
    let error = expand("x".into(), Some(options(&[("bodyOnly", true.into())]))).expect_err("rejects");
    assert_eq!(
        type_error_message(&error),
        "expand: unknown option \"bodyOnly\"; the options are title, pages, functions, modules and wiki"
    );
    let error = expand("x".into(), Some(options(&[("title", 1.into())]))).expect_err("rejects");
    assert_eq!(type_error_message(&error), "expand: option title must be a string, got number");
    let error = expand(JsValue::NULL, None).expect_err("rejects");
    assert_eq!(type_error_message(&error), "expand: text must be a string, got null");
}

#[wasm_bindgen_test]
fn the_pages_function_may_call_back_into_the_module() {
    // Each call's function stays in place while a nested call uses its own.
    let inner: JsValue = echo_pages().into();
    let callback = Closure::<dyn FnMut(String) -> JsValue>::new(move |title: String| {
        if title != "Template:Outer" {
            return JsValue::NULL;
        }
        match expand("({{Echo|in}})".into(), Some(options(&[("pages", inner.clone())]))) {
            Ok(nested) => nested.into(),
            Err(error) => error,
        }
    });
    let pages: JsValue = callback.as_ref().clone();
    let result = expand("{{Outer}} {{Echo}}".into(), Some(options(&[("pages", pages)])));
    assert_eq!(result.expect("expands"), "([in]) [[:Template:Echo]]");
}

#[wasm_bindgen_test]
fn magic_variables_do_not_need_std_time() {
    // The expander reads the site's clock for every variable (`{{PAGENAME}}`
    // too); `std::time` panics on wasm32-unknown-unknown, so the site reads
    // `Date.now()`. (The time formats are still placeholders in the
    // expander: `{{CURRENTYEAR}}` may be empty.)
    let year = js_sys::Date::new_0().get_utc_full_year().to_string();
    let current = expand("{{CURRENTYEAR}}".into(), None).expect("expands");
    assert!(current.is_empty() || current == year, "{current}");
    let pages: JsValue = echo_pages().into();
    let result = expand("{{Echo|{{PAGENAME}}}}".into(), Some(options(&[("pages", pages.clone())])));
    assert_eq!(result.expect("expands"), "[Main Page]");
    let html = fragment("{{CURRENTYEAR}} {{PAGENAME}} {{Echo|{{CURRENTTIME}}}}", &pages).expect("renders");
    assert!(html.contains("Main Page"), "{html}");
}

fn with_tags(text: &str, tags: JsValue) -> Result<String, JsValue> {
    to_html(
        text.into(),
        Some(options(&[("bodyOnly", true.into()), ("wrapSections", false.into()), ("tags", tags)])),
    )
}

#[wasm_bindgen_test]
fn tag_functions_render_extension_tags() {
    let tags = js_run(
        r#"return {
           shout: (name, attrs, body) => '<b>' + name + ':' + attrs.level + ':' + body.toUpperCase() + '</b>',
           bold: (name, attrs, body) => ({ wikitext: "'''" + (body === null ? 'none' : body) + "'''" }),
         };"#,
    );
    let html = with_tags(r#"<shout level="2">hi</shout> <bold/>"#, tags).expect("renders");
    assert!(html.contains(r#"typeof="mw:Extension/shout""#), "{html}");
    assert!(html.contains("shout:2:HI</b>"), "{html}");
    assert!(html.contains("<b>none</b>"), "{html}");
}

#[wasm_bindgen_test]
fn tag_output_is_sanitized() {
    let tags = js_run(
        r#"return { evil: () => '<script>alert(1)</script><div onclick="alert(2)">a</div><a href="javascript:alert(3)">b</a>' };"#,
    );
    let html = with_tags("<evil/>", tags).expect("renders");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("onclick"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
}

#[wasm_bindgen_test]
fn a_tag_functions_error_is_thrown() {
    let tags = js_run("return { bad: () => { throw new RangeError('no'); } };");
    let error = with_tags("a <bad>x</bad> b", tags).expect_err("throws");
    assert!(error.is_instance_of::<RangeError>());
    let not_function = with_tags("x", options(&[("t", 1.into())]).into()).expect_err("rejects");
    assert_eq!(type_error_message(&not_function), "toHtml: option tags.t must be a function, got number");
}

#[wasm_bindgen_test]
fn parser_functions_of_ones_own() {
    let functions = js_run(
        r##"return {
           "#Shout": (args) => args.length === 0 ? 'none' : args.join('/').toUpperCase(),
           whisper: (args) => "'''" + args[0].toLowerCase() + "''' {{echo|x}}",
           "#nothing": () => null,
         };"##,
    );
    let pages = js_run(r#"return { "Template:Echo": "{{{1}}}" };"#);
    let expanded = expand(
        "{{#shout: {{echo|a}} | b = c }} {{#SHOUT}} {{Whisper:X}}{{#nothing:y}}".into(),
        Some(options(&[("functions", functions.clone()), ("pages", pages)])),
    );
    // Arguments expanded and trimmed; output not expanded again.
    assert_eq!(expanded.expect("expands"), "A/B = C none '''x''' {{echo|x}}");
    let html = to_html(
        "{{#shout:hi|there}}".into(),
        Some(options(&[("bodyOnly", true.into()), ("wrapSections", false.into()), ("functions", functions.clone())])),
    )
    .expect("renders");
    assert!(html.contains(r#"typeof="mw:Transclusion mw:ParserFunction/shout""#), "{html}");
    assert!(html.contains(r##""parserfunction":{"target":{"wt":"#shout","key":"shout"}"##), "{html}");
    assert!(html.contains("HI/THERE"), "{html}");
    let text = to_text("{{#shout:hi}}".into(), Some(options(&[("functions", functions.clone())]))).expect("text");
    assert_eq!(text, "HI");
    let notes = footnotes("a<ref>{{#shout:note}}</ref>".into(), Some(options(&[("functions", functions)]))).expect("lists");
    assert!(get(&notes.get(0), "html").as_string().unwrap_or_default().contains("NOTE"));
}

#[wasm_bindgen_test]
fn parser_function_output_is_sanitized() {
    let functions = js_run(
        r##"return { "#evil": () => '<script>alert(1)</script><b onclick="alert(2)">a</b>[javascript:alert(3) b]' };"##,
    );
    let html = to_html("{{#evil:}}".into(), Some(options(&[("functions", functions)]))).expect("renders");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("onclick"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
}

#[wasm_bindgen_test]
fn a_parser_functions_error_is_thrown() {
    let functions = js_run(r##"return { "#bad": () => { throw new RangeError('no'); }, "#num": () => 42 };"##);
    let with = |text: &str| expand(text.into(), Some(options(&[("functions", functions.clone())])));
    assert!(with("a {{#bad:x}} {{#bad:y}} b").expect_err("throws").is_instance_of::<RangeError>());
    assert_eq!(
        type_error_message(&with("{{#num:}}").expect_err("rejects")),
        "expand: the function for {{#num}} must return a string, null or undefined, got number"
    );
    let bad_name = expand("x".into(), Some(options(&[("functions", js_run("return { 'a b': () => '' };"))])));
    assert!(type_error_message(&bad_name.expect_err("rejects")).starts_with("expand: option functions: function names are"));
    let twice = expand("x".into(), Some(options(&[("functions", js_run("return { '#f': () => '', f: () => '' };"))])));
    assert!(type_error_message(&twice.expect_err("rejects")).contains("use one"));
    let not_function = expand("x".into(), Some(options(&[("functions", options(&[("#f", 1.into())]).into())])));
    assert_eq!(
        type_error_message(&not_function.expect_err("rejects")),
        "expand: option functions[\"#f\"] must be a function, got number"
    );
}

#[wasm_bindgen_test]
fn tags_and_functions_of_a_call_and_of_a_call_inside_it() {
    // One call's tag and parser functions share its place in the handler
    // stack; a parser function that renders with tags of its own does not
    // disturb the outer call's, before or after it.
    let inner_tags = js_run("return { x: () => '<i>inner</i>' };");
    let nested = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |_args: JsValue| {
        let inner = to_html(
            "<x/>".into(),
            Some(options(&[("bodyOnly", true.into()), ("wrapSections", false.into()), ("tags", inner_tags.clone())])),
        );
        match inner {
            Ok(html) => JsValue::from(if html.contains(">inner</i>") { "nested-ok" } else { "nested-wrong" }),
            Err(error) => error,
        }
    });
    let functions = js_run(r##"return { "#up": (args) => args[0].toUpperCase() };"##);
    Reflect::set(&functions, &"#nested".into(), nested.as_ref()).expect("sets");
    let tags = js_run("return { x: () => '<b>outer</b>' };");
    let html = to_html(
        "<x/> {{#up:a}} {{#nested:}} {{#up:b}} <x/>".into(),
        Some(options(&[("bodyOnly", true.into()), ("tags", tags.clone()), ("functions", functions)])),
    )
    .expect("renders");
    assert_eq!(html.matches(">outer</b>").count(), 2, "{html}");
    assert!(html.contains("nested-ok") && html.contains('A') && html.contains('B'), "{html}");
    assert!(!html.contains("inner"), "{html}");
    // The first error thrown is the call's, and no handler of the call
    // runs after it (here the function, the first on the page, throws).
    let tag_calls = js_run("globalThis.tagCalls = 0; return { bad: () => { globalThis.tagCalls += 1; throw new RangeError('tag'); } };");
    let bad_function = js_run(r##"return { "#bad": () => { throw new TypeError('function'); } };"##);
    let error = to_html(
        "{{#bad:}} <bad/>".into(),
        Some(options(&[("tags", tag_calls), ("functions", bad_function)])),
    )
    .expect_err("throws");
    assert!(error.is_instance_of::<TypeError>());
    assert_eq!(js_run("return globalThis.tagCalls;").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
fn modules_answer_invoke() {
    let modules = js_run(
        r##"globalThis.moduleCalls = [];
         return {
           Greeting: {
             hello: (args, parentArgs) => { moduleCalls.push([args, parentArgs]); return 'Hello, ' + (args['1'] || 'world') + '!'; },
             nothing: () => null,
             fail: () => ({ scriptError: 'Module:Greeting:3: bad <input>' }),
           },
         };"##,
    );
    let pages = js_run(r#"return { "Template:Greet": "{{#invoke:Greeting|hello| {{{1}}} | style = plain }}" };"#);
    let out = expand(
        "{{Greet|Ada|x= y }}{{#invoke:Greeting|nothing}} {{#invoke:Module:greeting|fail}} {{#invoke:Greeting|toString}} {{#invoke:Nope|f}}".into(),
        Some(options(&[("modules", modules.clone()), ("pages", pages)])),
    )
    .expect("expands");
    assert!(out.starts_with("Hello,  Ada ! "), "{out}");
    assert!(out.contains("Script error: Module:Greeting:3: bad &lt;input&gt;"), "{out}");
    assert!(out.contains("Script error: The function you specified did not exist."), "{out}");
    assert!(out.contains("Script error: No such module &quot;Nope&quot;."), "{out}");
    let calls = js_run("return JSON.stringify(moduleCalls);");
    assert_eq!(calls.as_string().as_deref(), Some(r#"[[{"1":" Ada ","style":"plain"},{"1":"Ada","x":"y"}]]"#));
    let html = to_html("{{#invoke:Greeting|hello|you}}".into(), Some(options(&[("modules", modules.clone())]))).expect("renders");
    assert!(html.contains("Hello, you!") && html.contains(r#""function":"invoke""#), "{html}");
    assert_eq!(to_text("{{#invoke:Greeting|hello}}".into(), Some(options(&[("modules", modules.clone())]))).expect("text"), "Hello, world!");
    let notes = footnotes("a<ref>{{#invoke:Greeting|hello}}</ref>".into(), Some(options(&[("modules", modules)]))).expect("lists");
    assert!(get(&notes.get(0), "html").as_string().unwrap_or_default().contains("Hello, world!"));
}

#[wasm_bindgen_test]
fn a_modules_function_loads_each_module_once() {
    let load = js_run(
        r##"globalThis.modulesAsked = [];
         return (title) => { modulesAsked.push(title); return title === 'Module:Known' ? { f: () => title } : null; };"##,
    );
    let out = expand("{{#invoke:Known|f}}{{#invoke:known|f}} {{#invoke:Unknown|f}}".into(), Some(options(&[("modules", load)])))
        .expect("expands");
    assert!(out.starts_with("Module:KnownModule:Known "), "{out}");
    assert_eq!(js_run("return modulesAsked.join(',');").as_string().as_deref(), Some("Module:Known,Module:Unknown"));
}

#[wasm_bindgen_test]
fn a_modules_error_is_thrown() {
    let modules = js_run(r##"return { M: { bad: () => { throw new RangeError('no'); }, num: () => 42 } };"##);
    let with = |text: &str| expand(text.into(), Some(options(&[("modules", modules.clone())])));
    assert!(with("{{#invoke:M|bad}} {{#invoke:M|bad}}").expect_err("throws").is_instance_of::<RangeError>());
    assert!(type_error_message(&with("{{#invoke:M|num}}").expect_err("rejects")).contains("must return a string, null, undefined or { scriptError: string }, got number"));
    let loader = js_run("return () => { throw new RangeError('offline'); };");
    let error = expand("{{#invoke:M|f}}".into(), Some(options(&[("modules", loader)]))).expect_err("throws");
    assert!(error.is_instance_of::<RangeError>());
    let bad = |value: JsValue| expand("x".into(), Some(options(&[("modules", value)]))).expect_err("rejects");
    assert_eq!(
        type_error_message(&bad(js_run("return { M: 'not a module' };"))),
        "expand: option modules[\"M\"] must be an object of function name to function, got string"
    );
    assert_eq!(type_error_message(&bad(js_run("return { 'Template:X': {} };"))), "expand: option modules: \"Template:X\" is not a module's title");
    assert!(type_error_message(&bad(1.into())).starts_with("expand: option modules must be"));
}

#[wasm_bindgen_test]
fn footnotes_are_listed() {
    let list = footnotes("a<ref name=n>''One''</ref><ref name=n/>".into(), None).expect("lists");
    assert_eq!(list.length(), 1);
    let note = list.get(0);
    assert_eq!(get(&note, "name").as_string().as_deref(), Some("n"));
    assert_eq!(get(&note, "number").as_f64(), Some(1.0));
    assert_eq!(get(&note, "html").as_string().as_deref(), Some("<i>One</i>"));
    assert_eq!(js_sys::Array::from(&get(&note, "refIds")).length(), 2);
    assert!(footnotes("x".into(), Some(options(&[("bodyOnly", true.into())]))).is_err());
}

#[wasm_bindgen_test]
fn the_wiki_option_renders_a_described_wikipedia() {
    let wikis: Vec<String> = known_wikis().iter().filter_map(|w| w.as_string()).collect();
    assert_eq!(wikis.len(), 21);
    assert!(wikis.iter().any(|w| w == "dewiki"));
    let de = || options(&[("bodyOnly", true.into()), ("wrapSections", false.into()), ("wiki", "dewiki".into())]);
    let html = to_html("[[Datei:Tor.jpg|mini]] [[Kategorie:Stadt]] [[wikt:Tor]]\n[[fr:Porte]]".into(), Some(de())).expect("renders");
    assert!(html.contains("mw:File/Thumb"), "{html}");
    assert!(html.contains(r#"href="./Kategorie:Stadt""#), "{html}");
    // Wikimedia's interwiki map.
    assert!(html.contains(r#"href="https://de.wiktionary.org/wiki/Tor""#), "{html}");
    assert!(html.contains(r#"<link rel="mw:PageProp/Language" href="https://fr.wikipedia.org/wiki/Porte"/>"#), "{html}");
    let month = expand("{{#time:F|2008-03-15}}".into(), Some(options(&[("wiki", "dewiki".into())]))).expect("expands");
    assert_eq!(month, "März");
    let text = to_text("[[Kategorie:Stadt]]Berlin.".into(), Some(options(&[("wiki", "dewiki".into())]))).expect("text");
    assert_eq!(text, "Berlin.");
    let error = to_html("x".into(), Some(options(&[("wiki", "xxwiki".into())]))).expect_err("rejects");
    let message = String::from(error.dyn_ref::<RangeError>().expect("a RangeError").message());
    assert!(message.starts_with(r#"toHtml: option wiki: unknown wiki "xxwiki"; the wikis described are arwiki,"#), "{message}");
    let error = expand("x".into(), Some(options(&[("wiki", 1.into())]))).expect_err("rejects");
    assert_eq!(type_error_message(&error), "expand: option wiki must be a string, got number");
}
