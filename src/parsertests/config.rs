//! The `!! config` section of a parser test, and the site settings a case's
//! `!! config` and `!! options` sections make.
//!
//! A `!! config` section holds MediaWiki globals, one `key=value` a line
//! (`wgInterwikiMagic=false`, `wgFragmentMode=[ "html5", "legacy" ]`). Values
//! are JSON (`true`, `1`, `"foobar"`, `[...]`, `{...}`); a value that is not
//! JSON is kept as its text. Blank lines and `#` lines are skipped.
//!
//! [`case_settings`] turns the keys and options this project has a switch for
//! into typed [`SiteSettings`] for the case's wiki, and lists every other key
//! (and every site-changing option it cannot apply) with the reason, so the
//! harness can report them.
//!
//! Which keys and options Parsoid's standalone runner itself honours is
//! recorded in `parsertests-site.json` (`testOptions.config`,
//! `testOptions.configIgnored`, `testOptions.honoured`).

use serde_json::Value;
use wikitext_site::site::Interwiki;
use wikitext_site::site_config::SiteSettings;

use super::options::{OptionValue, TestOptions};

/// The parsed `!! config` section of one case, keys as written, in source order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TestConfig {
    entries: Vec<(String, Value)>,
}

impl TestConfig {
    /// Parse the content of a `!! config` section. Never fails: a line
    /// without `=` is kept as a key with a `null` value.
    #[must_use]
    pub fn parse(src: &str) -> TestConfig {
        let mut entries = Vec::new();
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = match line.split_once('=') {
                Some((key, raw)) => {
                    let raw = raw.trim();
                    let value = serde_json::from_str::<Value>(raw).unwrap_or_else(|_| Value::String(raw.to_string()));
                    (key.trim(), value)
                }
                None => (line, Value::Null),
            };
            entries.push((key.to_string(), value));
        }
        TestConfig { entries }
    }

    /// The value of a key (the last one, if it repeats).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether no key was given.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// All keys and values in source order.
    #[must_use]
    pub fn entries(&self) -> &[(String, Value)] {
        &self.entries
    }
}

/// Why a `!! config` key or an option did not change the case's wiki.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NotApplied {
    /// Parsoid's standalone runner does not read it either, so applying it
    /// would judge us against output made without it.
    IgnoredByParsoid,
    /// Parsoid's runner honours it, but the renderer has no switch for it yet.
    NoSwitch,
    /// A key this harness does not know.
    Unknown,
    /// A known key whose value could not be read (the reason says how).
    BadValue(String),
}

impl NotApplied {
    /// A short explanation for the report.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            NotApplied::IgnoredByParsoid => "ignored (Parsoid's standalone runner ignores it too)".to_string(),
            NotApplied::NoSwitch => "not supported (Parsoid honours it; the renderer has no switch for it)".to_string(),
            NotApplied::Unknown => "unknown key".to_string(),
            NotApplied::BadValue(why) => format!("bad value: {why}"),
        }
    }
}

/// A key of `!! config` (`"wgFragmentMode"`) or an option (`"option thumbsize"`)
/// that did not change the case's wiki.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unapplied {
    /// The config key as written, or `option NAME` for an option.
    pub key: String,
    pub reason: NotApplied,
}

/// What a case's `!! config` and `!! options` make of its wiki.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseSettings {
    /// The settings to apply to the file's wiki for this case.
    pub settings: SiteSettings,
    /// Keys and options that changed nothing, in source order.
    pub unapplied: Vec<Unapplied>,
}

/// `!! config` keys Parsoid's standalone runner never reads.
/// (`wgFragmentMode` is a typed site setting, `SiteSettings::fragment_mode`,
/// but Parsoid writes html5 ids whatever a case sets, so cases keep it.)
const IGNORED_BY_PARSOID: &[&str] = &[
    "wgFragmentMode",
    "wgAllowDisplayTitle",
    "wgRestrictDisplayTitle",
    "wgReturnExperimentalPFragmentTypes",
    "wgSVGNativeRendering",
    "wgUsePigLatinVariant",
    "wgParserEnableUserLanguage",
    "wgRawHtml",
];

/// `!! config` keys Parsoid's standalone runner honours that the renderer
/// has no switch for (none at present).
const NO_SWITCH: &[&str] = &[];


/// The URL of the `pmid` interwiki the `pmid-interwiki` option adds.
const PMID_INTERWIKI_URL: &str = "//www.ncbi.nlm.nih.gov/pubmed/$1?dopt=Abstract";

/// The site settings of one case. `now` is the wiki's clock (Unix seconds),
/// at which a `wgLocaltimezone` is resolved to an offset.
#[must_use]
pub fn case_settings(config: &TestConfig, options: &TestOptions, now: i64) -> CaseSettings {
    let mut out = CaseSettings::default();
    let mut seen: Vec<&str> = Vec::new();
    // The last value of a repeated key wins; report each key once.
    for (key, _) in config.entries().iter().rev() {
        if seen.contains(&key.as_str()) {
            continue;
        }
        seen.push(key);
        let value = config.get(key).unwrap_or(&Value::Null);
        let not_applied = match key.as_str() {
            "wgInterwikiMagic" => set_bool(value, &mut out.settings.interwiki_magic),
            "wgPFEnableStringFunctions" => set_bool(value, &mut out.settings.string_functions),
            "wgLocaltimezone" => match value.as_str().map(|zone| (zone, zone_offset_minutes(zone, now))) {
                Some((zone, Some(minutes))) => {
                    out.settings.local_offset_minutes = Some(minutes);
                    out.settings.local_timezone = Some(zone.to_string());
                    None
                }
                Some((zone, None)) => Some(NotApplied::BadValue(format!("time zone {zone:?} is not in the table"))),
                None => Some(NotApplied::BadValue(format!("{value} is not a time zone name"))),
            },
            "wgExternalLinkTarget" => match value.as_str() {
                Some(target) => {
                    out.settings.external_link_target = Some(target.to_string());
                    None
                }
                None => Some(NotApplied::BadValue(format!("{value} is not a string"))),
            },
            "wgNoFollowLinks" => set_bool(value, &mut out.settings.no_follow),
            "wgNoFollowDomainExceptions" => match value.as_array() {
                Some(domains) if domains.iter().all(Value::is_string) => {
                    out.settings.no_follow_exceptions =
                        Some(domains.iter().filter_map(Value::as_str).map(str::to_string).collect());
                    None
                }
                _ => Some(NotApplied::BadValue(format!("{value} is not a list of domains"))),
            },
            "wgParsoidMaximumImages" => set_count(value, &mut out.settings.media_limit),
            "wgCiteResponsiveReferences" => set_bool(value, &mut out.settings.cite_responsive),
            "wgCiteResponsiveReferencesThreshold" => set_count(value, &mut out.settings.cite_responsive_threshold),
            "wgCiteSubReferencing" => set_bool(value, &mut out.settings.cite_sub_referencing),
            "wgParsoidExperimentalParserFunctionOutput" => {
                set_bool(value, &mut out.settings.parser_function_v3_output)
            }
            "wgEnableMagicLinks" => match value.as_object() {
                // Kinds it does not name stay on, as MediaWiki merges the setting over its default.
                Some(kinds) if kinds.values().all(Value::is_boolean) => {
                    let on = |kind: &str| kinds.get(kind).and_then(Value::as_bool).unwrap_or(true);
                    let mut links = wikitext_parser::MagicLinks::default();
                    links.isbn = on("ISBN");
                    links.pmid = on("PMID");
                    links.rfc = on("RFC");
                    out.settings.magic_links = Some(links);
                    None
                }
                _ => Some(NotApplied::BadValue(format!("{value} is not an object of true/false by kind"))),
            },
            k if IGNORED_BY_PARSOID.contains(&k) => Some(NotApplied::IgnoredByParsoid),
            k if NO_SWITCH.contains(&k) => Some(NotApplied::NoSwitch),
            _ => Some(NotApplied::Unknown),
        };
        if let Some(reason) = not_applied {
            out.unapplied.push(Unapplied { key: key.clone(), reason });
        }
    }
    out.unapplied.reverse();

    if options.has("subpage") {
        out.settings.subpages.push((0, true));
    }
    if options.has("pmid-interwiki") {
        let mut pmid = Interwiki::new(PMID_INTERWIKI_URL);
        pmid.local = true;
        out.settings.interwikis.push(("pmid".to_string(), pmid));
    }
    out.settings.extension_tags.extend(option_extension_tags(options).into_iter().map(str::to_string));
    if let Some(size) = options.get("thumbsize") {
        match size.as_text().and_then(|t| t.trim().parse::<u32>().ok()) {
            Some(width) => out.settings.thumb_width = Some(width),
            None => out.unapplied.push(Unapplied {
                key: "option thumbsize".into(),
                reason: NotApplied::BadValue("not a width in pixels".into()),
            }),
        }
    }
    if let Some(allow) = options.get("wgallowexternalimages") {
        // "1", "true" or no value allow every external image.
        let on = allow.as_text().is_none_or(|t| matches!(t.trim(), "" | "1" | "true"));
        out.settings.external_images = Some(on);
    }
    if let Some(target) = options.get("externallinktarget") {
        match target.as_text().map(str::trim).filter(|t| !t.is_empty()) {
            Some(target) => out.settings.external_link_target = Some(target.to_string()),
            None => out.unapplied.push(Unapplied {
                key: "option externallinktarget".into(),
                reason: NotApplied::BadValue("no target given".into()),
            }),
        }
    }
    out
}

/// Set a switch from a PHP-style boolean; `Some` says why it was not set.
fn set_bool(value: &Value, field: &mut Option<bool>) -> Option<NotApplied> {
    let Some(on) = php_bool(value) else {
        return Some(NotApplied::BadValue(format!("{value} is not a boolean")));
    };
    *field = Some(on);
    None
}

/// Set a count from a non-negative integer; `Some` says why it was not set.
fn set_count(value: &Value, field: &mut Option<usize>) -> Option<NotApplied> {
    let Some(count) = value.as_u64().and_then(|n| usize::try_from(n).ok()) else {
        return Some(NotApplied::BadValue(format!("{value} is not a count")));
    };
    *field = Some(count);
    None
}

/// A PHP-style boolean from a config value: `true`/`false`, numbers (zero
/// is false), and the strings `"1"`, `"0"`, `"true"`, `"false"`, `""`.
fn php_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_f64().map(|f| f != 0.0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Some(true),
            "0" | "false" | "no" | "off" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The offset from UTC, in minutes, of a time zone at a Unix time (the
/// expander's `#time` zone table); `None` for a zone it does not know.
#[must_use]
pub fn zone_offset_minutes(zone: &str, unix: i64) -> Option<i32> {
    wikitext_expand::time::zone_offset_minutes(zone, unix)
}

/// The extension tags Parsoid's runner registers for a case's options
/// (`styletag`, `wgrawhtml=1`, `i18next`, `annotations`).
fn option_extension_tags(options: &TestOptions) -> Vec<&'static str> {
    let mut tags = Vec::new();
    if options.has("styletag") {
        tags.push("style");
    }
    if options.get("wgrawhtml").and_then(OptionValue::as_text) == Some("1") {
        tags.push("html");
    }
    if options.has("i18next") {
        tags.extend(["i18ntag", "i18nattr"]);
    }
    if options.has("annotations") {
        tags.extend(["dummyanno", "ann2"]);
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The parser tests' clock: 1970-01-01T00:02:03Z.
    const CLOCK: i64 = 123;

    #[test]
    fn config_lines_are_json_or_text() {
        let config = TestConfig::parse(
            "wgFragmentMode=[ \"html5\", \"legacy\" ]\n\n# a comment\n wgInterwikiMagic = false \nwgExternalLinkTarget=\"foobar\"\nwgRawHtml=1\nwgLocaltimezone=Asia/Kolkata\nbare",
        );
        assert_eq!(config.get("wgFragmentMode"), Some(&json!(["html5", "legacy"])));
        assert_eq!(config.get("wgInterwikiMagic"), Some(&json!(false)));
        assert_eq!(config.get("wgExternalLinkTarget"), Some(&json!("foobar")));
        assert_eq!(config.get("wgRawHtml"), Some(&json!(1)));
        assert_eq!(config.get("wgLocaltimezone"), Some(&json!("Asia/Kolkata")));
        assert_eq!(config.get("bare"), Some(&Value::Null));
        assert_eq!(config.entries().len(), 6);
        let magic = TestConfig::parse("wgEnableMagicLinks={\"ISBN\":false, \"PMID\":false, \"RFC\":false}");
        assert_eq!(magic.get("wgEnableMagicLinks"), Some(&json!({"ISBN": false, "PMID": false, "RFC": false})));
    }

    #[test]
    fn known_keys_become_typed_settings() {
        let config = TestConfig::parse(
            "wgInterwikiMagic=false\nwgPFEnableStringFunctions=true\nwgLocaltimezone=\"America/New_York\"\n\
             wgCiteResponsiveReferences=false\nwgCiteResponsiveReferencesThreshold=3",
        );
        let got = case_settings(&config, &TestOptions::default(), CLOCK);
        assert_eq!(got.settings.cite_responsive, Some(false));
        assert_eq!(got.settings.cite_responsive_threshold, Some(3));
        assert_eq!(got.settings.interwiki_magic, Some(false));
        assert_eq!(got.settings.string_functions, Some(true));
        assert_eq!(got.settings.local_offset_minutes, Some(-300));
        assert_eq!(got.settings.local_timezone.as_deref(), Some("America/New_York"));
        assert!(got.unapplied.is_empty(), "{:?}", got.unapplied);
    }

    #[test]
    fn other_keys_are_reported_with_a_reason() {
        let config = TestConfig::parse(
            "wgFragmentMode=[ \"legacy\" ]\nwgMadeUp=3\nwgInterwikiMagic=[1]\nwgLocaltimezone=Mars/Olympus",
        );
        let got = case_settings(&config, &TestOptions::default(), CLOCK);
        let reasons: Vec<(&str, &NotApplied)> = got.unapplied.iter().map(|u| (u.key.as_str(), &u.reason)).collect();
        assert_eq!(reasons[0], ("wgFragmentMode", &NotApplied::IgnoredByParsoid));
        assert_eq!(reasons[1], ("wgMadeUp", &NotApplied::Unknown));
        assert!(matches!(reasons[2], ("wgInterwikiMagic", NotApplied::BadValue(_))));
        assert!(matches!(reasons[3], ("wgLocaltimezone", NotApplied::BadValue(_))));
        assert_eq!(got.settings, SiteSettings::default());
    }

    #[test]
    fn experimental_parser_function_output_is_a_switch() {
        let config = TestConfig::parse("wgParsoidExperimentalParserFunctionOutput=true");
        let got = case_settings(&config, &TestOptions::default(), CLOCK);
        assert_eq!(got.settings.parser_function_v3_output, Some(true));
        assert!(got.unapplied.is_empty(), "{:?}", got.unapplied);
    }

    #[test]
    fn magic_links_switch_off_by_kind() {
        let config = TestConfig::parse("wgEnableMagicLinks={\"ISBN\":false, \"RFC\":false}");
        let got = case_settings(&config, &TestOptions::default(), CLOCK);
        let links = got.settings.magic_links.expect("applied");
        assert!(!links.isbn && !links.rfc && links.pmid);
        assert!(got.unapplied.is_empty(), "{:?}", got.unapplied);
    }

    #[test]
    fn repeated_keys_report_once_and_the_last_wins() {
        let config = TestConfig::parse("wgInterwikiMagic=false\nwgInterwikiMagic=true\nwgX=1\nwgX=2");
        let got = case_settings(&config, &TestOptions::default(), CLOCK);
        assert_eq!(got.settings.interwiki_magic, Some(true));
        assert_eq!(got.unapplied.len(), 1);
    }

    #[test]
    fn site_changing_options() {
        let options = TestOptions::parse("subpage pmid-interwiki thumbsize=50 styletag wgrawhtml=1 annotations");
        let got = case_settings(&TestConfig::default(), &options, CLOCK);
        assert_eq!(got.settings.subpages, vec![(0, true)]);
        assert_eq!(got.settings.interwikis[0].0, "pmid");
        assert!(got.settings.interwikis[0].1.local);
        assert_eq!(got.settings.thumb_width, Some(50));
        assert!(got.unapplied.is_empty());
        assert_eq!(got.settings.extension_tags, ["style", "html", "dummyanno", "ann2"]);
        assert!(option_extension_tags(&TestOptions::parse("wgrawhtml=0")).is_empty());
    }

    #[test]
    fn time_zone_offsets() {
        assert_eq!(zone_offset_minutes("Asia/Kolkata", CLOCK), Some(330));
        assert_eq!(zone_offset_minutes("America/New_York", CLOCK), Some(-300));
        assert_eq!(zone_offset_minutes("UTC", CLOCK), Some(0));
        // British Standard Time covers 1970.
        assert_eq!(zone_offset_minutes("Europe/London", CLOCK), Some(60));
        assert_eq!(zone_offset_minutes("Nowhere/Town", CLOCK), None);
        // 2021-07-01T12:00:00Z: summer time; 2021-12-01: winter.
        assert_eq!(zone_offset_minutes("America/New_York", 1_625_140_800), Some(-240));
        assert_eq!(zone_offset_minutes("Europe/London", 1_625_140_800), Some(60));
        assert_eq!(zone_offset_minutes("Europe/Berlin", 1_638_360_000), Some(60));
        // US: 2021-03-14 02:00 EST is 07:00Z; one second before, still standard.
        assert_eq!(zone_offset_minutes("America/New_York", 1_615_705_199), Some(-300));
        assert_eq!(zone_offset_minutes("America/New_York", 1_615_705_200), Some(-240));
        // EU: 2021-10-31 01:00Z ends summer time.
        assert_eq!(zone_offset_minutes("Europe/Paris", 1_635_641_999), Some(120));
        assert_eq!(zone_offset_minutes("Europe/Paris", 1_635_642_000), Some(60));
    }
}
