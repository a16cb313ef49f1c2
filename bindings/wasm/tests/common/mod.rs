//! The API tests, run both in Node (`tests/node.rs`) and in headless
//! Chromium (`tests/browser.rs`) by wasm-bindgen-test.

use js_sys::{Array, JsString, Object, Reflect, TypeError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use wikitext_wasm::{parse, to_html};

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
        "toHtml: unknown option \"bodyonly\"; the options are title, bodyOnly and wrapSections"
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
