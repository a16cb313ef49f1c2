//! The parser functions Parsoid's parser-test runner registers on its mock
//! wiki (the PFragment handlers of its `ParserHook` test module), written
//! on the public handler API (`wikitext_site::function_hooks`) as any
//! wiki's own functions would be. What each does is described in
//! parsertests-site.json (`magicWords.testPFragmentHandlers.handlers`);
//! the site's magic words give their spellings.

use wikitext_site::function_hooks::{FunctionArgs, FunctionOutput, ParserFunctionHooks};

/// Every test function, by canonical id.
#[must_use]
pub fn parser_test_functions() -> ParserFunctionHooks {
    let mut hooks = ParserFunctionHooks::new();
    hooks.insert("f1_wt", join_with_spaces);
    hooks.insert("f1_wt_nohash", join_with_spaces);
    hooks.insert("f2_if", if_nonempty);
    hooks.insert("f3_uc", upper_case);
    hooks.insert("f4_return_html", |_: &mut dyn FunctionArgs| FunctionOutput::Wikitext("html <b> contents</b>".into()));
    hooks.insert("f5_from_nowiki", reversed_nowiki);
    hooks.insert("f6_async_return", async_return);
    hooks.insert("f7_kv", |_: &mut dyn FunctionArgs| FunctionOutput::Text("(arguments)".into()));
    hooks.insert("f8_countargs", |args: &mut dyn FunctionArgs| FunctionOutput::Text(args.len().to_string()));
    hooks.insert("f9_comment", |_: &mut dyn FunctionArgs| {
        FunctionOutput::Wikitext("<!-- WARNING: template omitted, post-expand include size too large -->".into())
    });
    hooks.insert("pfh_countnamedargs", count_named);
    hooks
}

/// Argument `i`, expanded and trimmed (empty when absent).
fn trimmed(args: &mut dyn FunctionArgs, i: usize) -> String {
    args.get(i).map(|a| a.trim().to_string()).unwrap_or_default()
}

/// `{{#f1_wt:a|b}}` → `a b`: the arguments joined by single spaces.
fn join_with_spaces(args: &mut dyn FunctionArgs) -> FunctionOutput {
    let parts: Vec<String> = (0..args.len()).map(|i| trimmed(args, i)).collect();
    FunctionOutput::Wikitext(parts.join(" "))
}

/// `{{#f2_if:test|then|else}}`: only the branch taken is expanded.
fn if_nonempty(args: &mut dyn FunctionArgs) -> FunctionOutput {
    let branch = if trimmed(args, 0).is_empty() { 2 } else { 1 };
    FunctionOutput::Wikitext(trimmed(args, branch))
}

/// `{{#f3_uc:abc}}` → `ABC`, leaving `<nowiki>` and extension tags (and
/// what they hold) as they are.
fn upper_case(args: &mut dyn FunctionArgs) -> FunctionOutput {
    let text = trimmed(args, 0);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open].to_uppercase());
        rest = &rest[open..];
        let name: String = rest[1..].chars().take_while(char::is_ascii_alphanumeric).collect();
        let lower = name.to_ascii_lowercase();
        let is_tag = !name.is_empty() && (lower == "nowiki" || args.site().is_extension_tag(&lower));
        let close = format!("</{lower}>");
        let end = is_tag.then(|| rest.to_ascii_lowercase().find(&close).map(|e| e + close.len())).flatten();
        let kept = end.unwrap_or(1);
        out.push_str(&rest[..kept]);
        rest = &rest[kept..];
    }
    out.push_str(&rest.to_uppercase());
    FunctionOutput::Wikitext(out)
}

/// `{{#f5_from_nowiki:<nowiki>abc</nowiki>}}` → `cba`, as text.
fn reversed_nowiki(args: &mut dyn FunctionArgs) -> FunctionOutput {
    let text = trimmed(args, 0);
    let lower = text.to_ascii_lowercase();
    let inner = match (lower.find("<nowiki>"), lower.rfind("</nowiki>")) {
        (Some(open), Some(close)) if open + 8 <= close => &text[open + 8..close],
        _ => text.as_str(),
    };
    FunctionOutput::Text(inner.chars().rev().collect())
}

/// `{{#f6_async_return:ready|content}}`: the content; "not ready" shows
/// the content as the fallback.
fn async_return(args: &mut dyn FunctionArgs) -> FunctionOutput {
    match args.get(1) {
        Some(content) => FunctionOutput::Wikitext(content.trim().to_string()),
        None if trimmed(args, 0) == "not ready" => FunctionOutput::Text(String::new()),
        None => FunctionOutput::Text("<missing>".into()),
    }
}

/// How many distinct names the arguments set (positional ones numbered).
fn count_named(args: &mut dyn FunctionArgs) -> FunctionOutput {
    let mut names = std::collections::HashSet::new();
    let mut position = 0;
    for i in 0..args.len() {
        let name = match args.get_named(i) {
            Some((Some(name), _)) => name,
            _ => {
                position += 1;
                position.to_string()
            }
        };
        names.insert(name);
    }
    FunctionOutput::Text(names.len().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wikitext_site::function_hooks::ExpandedArgs;
    use wikitext_site::site::DefaultSite;

    fn call(id: &str, args: &[&'static str]) -> FunctionOutput {
        let hooks = parser_test_functions();
        let site = DefaultSite::default();
        hooks.get(id).expect("registered").call(&mut ExpandedArgs::new(&site, args.iter().copied()))
    }

    #[test]
    fn each_function_does_what_the_site_description_says() {
        assert_eq!(call("f1_wt", &["a", " b "]), FunctionOutput::Wikitext("a b".into()));
        assert_eq!(call("f2_if", &[" ", "yes", "no"]), FunctionOutput::Wikitext("no".into()));
        assert_eq!(call("f2_if", &["x", "yes", "no"]), FunctionOutput::Wikitext("yes".into()));
        assert_eq!(call("f3_uc", &["a<nowiki>b</nowiki>c<ref>d</ref><i>e</i>"]), FunctionOutput::Wikitext("A<nowiki>b</nowiki>C<ref>d</ref><I>E</I>".into()));
        assert_eq!(call("f5_from_nowiki", &["<nowiki>ab[[c</nowiki>"]), FunctionOutput::Text("c[[ba".into()));
        assert_eq!(call("f6_async_return", &["ready", "Ready!"]), FunctionOutput::Wikitext("Ready!".into()));
        assert_eq!(call("f6_async_return", &["ready"]), FunctionOutput::Text("<missing>".into()));
        assert_eq!(call("f8_countargs", &[]), FunctionOutput::Text("0".into()));
        assert_eq!(call("pfh_countnamedargs", &["a=1", "b=2", "c"]), FunctionOutput::Text("3".into()));
        assert_eq!(call("pfh_countnamedargs", &["1", "4", "2=2", "foo=bar", "3", "foo=bat"]), FunctionOutput::Text("4".into()));
    }
}
