//! Which cases run in wt2html mode, against which expected HTML, judged how.
//!
//! This follows Parsoid's standalone runner as NORMALIZATION.md describes it:
//! over all 44 files it yields exactly 1,833 cases.

use serde_json::Value;

use super::config::TestConfig;
use super::options::{OptionValue, TestOptions};
use super::reader::TestCase;

/// The expected-HTML sections Parsoid's standalone runner looks at, best first.
pub const EXPECTED_HTML_SECTIONS: [&str; 4] = ["html/parsoid+standalone", "html/parsoid", "html/*", "html"];

/// How actual and expected HTML are normalized before comparing them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JudgingMode {
    /// The expectation is Parsoid's own: both sides go through
    /// `normalize_out(parsoid_only = true)`.
    ParsoidOnly,
    /// The `html` section is also the legacy parser's expectation: the actual
    /// output goes through `normalize_out(parsoid_only = false)`, the expected
    /// through the lighter `normalize_html`.
    LegacyShared,
}

/// A case selected for wt2html, with everything needed to run and judge it.
#[derive(Clone, Debug)]
pub struct Wt2HtmlCase {
    /// The file's name (`"headings.txt"`).
    pub file: String,
    /// The exact test name; variant clones end in ` (variant=xx)`.
    pub name: String,
    /// The 1-based line of the `!! test` header.
    pub line: usize,
    pub wikitext: String,
    pub expected_html: String,
    /// Which section `expected_html` came from.
    pub expected_section: &'static str,
    pub mode: JudgingMode,
    pub options: TestOptions,
    /// The parsed `!! config` section (empty when absent).
    pub config: TestConfig,
    /// The page title: the `title` option, or `"Parser test"`.
    pub title: String,
    /// Whether the `parsoid` option sets `"wrapSections": true`.
    pub wrap_sections: bool,
    /// Whether the `parsoid` option sets `preserveIEW` (skip the whitespace walk).
    pub preserve_iew: bool,
    /// The `htmlVariantLanguage` value this clone is for.
    pub variant: Option<String>,
    /// Whether Parsoid itself fails this case (its known-failures file has a
    /// `wt2html` entry for it). Filled in by the runner.
    pub parsoid_known_failure: bool,
}

/// The modes the `parsoid` option restricts the case to, if it does.
/// `parsoid=wt2html,wt2wt` and `parsoid={"modes": [...]}` restrict; a JSON
/// object without `modes`, or a bare `parsoid`, does not.
fn parsoid_modes(options: &TestOptions) -> Option<Vec<String>> {
    match options.get("parsoid")? {
        OptionValue::Flag => None,
        OptionValue::Json(Value::Object(map)) => map.get("modes").map(|modes| match modes {
            Value::Array(items) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            Value::String(mode) => vec![mode.clone()],
            _ => Vec::new(),
        }),
        other => Some(other.texts()),
    }
}

/// A key of the `parsoid` JSON option, when the option is a JSON object.
fn parsoid_json_key<'a>(options: &'a TestOptions, key: &str) -> Option<&'a Value> {
    match options.get("parsoid")? {
        OptionValue::Json(Value::Object(map)) => map.get(key).filter(|value| !value.is_null()),
        _ => None,
    }
}

/// The cases one `!! test` block yields in wt2html mode: none, one, or one per
/// `htmlVariantLanguage` value when that option is a list.
#[must_use]
pub fn wt2html_cases(file: &str, case: &TestCase) -> Vec<Wt2HtmlCase> {
    let options = &case.options;
    if options.has("disabled") || options.has("php") || options.has("langconv") {
        return Vec::new();
    }
    if let Some(modes) = parsoid_modes(options) {
        if !modes.iter().any(|mode| mode == "wt2html") {
            return Vec::new();
        }
    }
    let Some(wikitext) = case.section("wikitext") else { return Vec::new() };
    let Some((expected_section, expected_html)) = EXPECTED_HTML_SECTIONS
        .iter()
        .find_map(|&section| case.section(section).map(|html| (section, html)))
    else {
        return Vec::new();
    };

    let has_parsoid_section = ["html/parsoid", "html/parsoid+standalone", "html/parsoid+langconv"]
        .iter()
        .any(|section| case.section(section).is_some());
    let parsoid_without_normalize_php =
        options.has("parsoid") && parsoid_json_key(options, "normalizePhp").is_none();
    let mode = if has_parsoid_section || parsoid_without_normalize_php {
        JudgingMode::ParsoidOnly
    } else {
        JudgingMode::LegacyShared
    };

    let title = options.get("title").map(OptionValue::texts).and_then(|t| t.into_iter().next());
    let base = Wt2HtmlCase {
        file: file.to_string(),
        name: case.name.clone(),
        line: case.line,
        wikitext: wikitext.to_string(),
        expected_html: expected_html.to_string(),
        expected_section,
        mode,
        options: options.clone(),
        config: case.section("config").map(TestConfig::parse).unwrap_or_default(),
        title: title.unwrap_or_else(|| "Parser test".to_string()),
        wrap_sections: parsoid_json_key(options, "wrapSections") == Some(&Value::Bool(true)),
        preserve_iew: parsoid_json_key(options, "preserveIEW").is_some_and(|v| v != &Value::Bool(false)),
        variant: None,
        parsoid_known_failure: false,
    };

    match options.get("htmlvariantlanguage") {
        Some(OptionValue::List(values)) => values
            .iter()
            .flat_map(OptionValue::texts)
            .map(|variant| Wt2HtmlCase {
                name: format!("{} (variant={variant})", case.name),
                variant: Some(variant),
                ..base.clone()
            })
            .collect(),
        Some(single) => vec![Wt2HtmlCase { variant: single.texts().into_iter().next(), ..base }],
        None => vec![base],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parsertests::reader::read_test_file;

    fn cases(src: &str) -> Vec<Wt2HtmlCase> {
        read_test_file(src).cases.iter().flat_map(|case| wt2html_cases("t.txt", case)).collect()
    }

    #[test]
    fn expected_section_priority() {
        let got = cases("!! test\nA\n!! wikitext\nx\n!! html\nH\n!! html/parsoid\nP\n!! html/parsoid+standalone\nS\n!! end\n");
        assert_eq!(got[0].expected_html, "S");
        let got = cases("!! test\nA\n!! wikitext\nx\n!! html/php\nH\n!! html/*\nStar\n!! end\n");
        assert_eq!(got[0].expected_html, "Star");
        assert_eq!(got[0].mode, JudgingMode::LegacyShared);
    }

    #[test]
    fn skipped_cases() {
        let skipped = [
            "!! test\nA\n!! wikitext\nx\n!! html/php\nH\n!! end\n",
            "!! test\nA\n!! options\ndisabled\n!! wikitext\nx\n!! html\nH\n!! end\n",
            "!! test\nA\n!! options\nphp\n!! wikitext\nx\n!! html\nH\n!! end\n",
            "!! test\nA\n!! options\nlangconv\n!! wikitext\nx\n!! html\nH\n!! end\n",
            "!! test\nA\n!! options\nparsoid=html2wt\n!! wikitext\nx\n!! html\nH\n!! end\n",
            "!! test\nA\n!! options\nparsoid={\"modes\":[\"wt2wt\"]}\n!! wikitext\nx\n!! html\nH\n!! end\n",
            "!! test\nA\n!! html\nH\n!! end\n",
            "!! test\nA\n!! wikitext\nx\n!! html/parsoid+langconv\nH\n!! end\n",
        ];
        for src in skipped {
            assert!(cases(src).is_empty(), "{src}");
        }
    }

    #[test]
    fn judging_mode() {
        let parsoid_option = cases("!! test\nA\n!! options\nparsoid=wt2html\n!! wikitext\nx\n!! html\nH\n!! end\n");
        assert_eq!(parsoid_option[0].mode, JudgingMode::ParsoidOnly);
        let normalize_php = cases(
            "!! test\nA\n!! options\nparsoid={\"modes\":[\"wt2html\"],\"normalizePhp\":true}\n!! wikitext\nx\n!! html\nH\n!! end\n",
        );
        assert_eq!(normalize_php[0].mode, JudgingMode::LegacyShared);
        let langconv_section = cases("!! test\nA\n!! wikitext\nx\n!! html\nH\n!! html/parsoid+langconv\nL\n!! end\n");
        assert_eq!(langconv_section[0].mode, JudgingMode::ParsoidOnly);
        assert_eq!(langconv_section[0].expected_html, "H");
    }

    #[test]
    fn variant_lists_clone_the_case() {
        let got = cases("!! test\nA\n!! options\nhtmlVariantLanguage=zh-cn,zh-tw\n!! wikitext\nx\n!! html\nH\n!! end\n");
        let names: Vec<_> = got.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["A (variant=zh-cn)", "A (variant=zh-tw)"]);
        let single = cases("!! test\nA\n!! options\nhtmlVariantLanguage=zh-cn\n!! wikitext\nx\n!! html\nH\n!! end\n");
        assert_eq!(single[0].name, "A");
        assert_eq!(single[0].variant.as_deref(), Some("zh-cn"));
    }

    #[test]
    fn title_and_wrap_sections() {
        let got = cases(
            "!! test\nA\n!! options\ntitle=[[Foo bar]] parsoid={\"wrapSections\": true, \"preserveIEW\": true}\n!! wikitext\nx\n!! html\nH\n!! end\n",
        );
        assert_eq!(got[0].title, "Foo bar");
        assert!(got[0].wrap_sections);
        assert!(got[0].preserve_iew);
        let plain = cases("!! test\nA\n!! wikitext\nx\n!! html\nH\n!! end\n");
        assert_eq!(plain[0].title, "Parser test");
        assert!(!plain[0].wrap_sections);
    }
}
