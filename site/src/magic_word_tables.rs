//! A wiki's own spellings of its magic words: behaviour switches
//! (`__目次__`), variables (`{{SEITENNAME}}`), parser functions
//! (`{{#もし:...}}`, `{{デフォルトソート:...}}`), media options
//! (`サムネイル`) and the redirect keyword (`#転送`), read from the tables
//! Parsoid derives from a wiki's siteinfo (`magicWordTables`,
//! `redirectRegexp`).
//!
//! [`crate::site_config::ConfigSite`] (the parser tests' wikis) answers from
//! one; so does the facade's dump site for the wikis whose tables it ships.

use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::magic_words::{BehaviorSwitch, Variable};
use crate::site::{match_media_option, MediaOption};

/// A magic-word lookup table: case-insensitive aliases (keyed in lower
/// case) and case-sensitive ones, both mapping to the canonical id.
#[derive(Debug, Clone, Default)]
struct MagicTable {
    insensitive: FxHashMap<String, String>,
    sensitive: FxHashMap<String, String>,
}

impl MagicTable {
    /// Read `{"alias": [caseSensitiveFlag, "id"], ...}`.
    fn from_flagged(v: Option<&Value>) -> Self {
        let mut table = MagicTable::default();
        if let Some(map) = v.and_then(Value::as_object) {
            for (alias, entry) in map {
                let cs = entry.get(0).and_then(Value::as_i64).unwrap_or(1) != 0;
                let Some(id) = entry.get(1).and_then(Value::as_str) else {
                    continue;
                };
                table.insert(alias, cs, id);
            }
        }
        table
    }

    /// Read `[{insensitive alias: id}, {sensitive alias: id}]`.
    fn from_pair(v: Option<&Value>) -> Self {
        let mut table = MagicTable::default();
        for (i, cs) in [(0, false), (1, true)] {
            if let Some(map) = v.and_then(|v| v.get(i)).and_then(Value::as_object) {
                for (alias, id) in map {
                    if let Some(id) = id.as_str() {
                        table.insert(alias, cs, id);
                    }
                }
            }
        }
        table
    }

    fn insert(&mut self, alias: &str, case_sensitive: bool, id: &str) {
        if case_sensitive {
            self.sensitive.insert(alias.to_string(), id.to_string());
        } else {
            self.insensitive.insert(alias.to_lowercase(), id.to_string());
        }
    }

    fn get(&self, word: &str) -> Option<String> {
        self.sensitive.get(word).or_else(|| self.insensitive.get(&word.to_lowercase())).cloned()
    }
}

/// One wiki's magic-word spellings; see the module documentation.
#[derive(Debug, Clone, Default)]
pub struct MagicWordTables {
    behavior_switches: MagicTable,
    variables: MagicTable,
    parser_functions: MagicTable,
    /// `(alias pattern, case-sensitive, id)`.
    media_options: Vec<(String, bool, String)>,
    /// The redirect keyword's spellings, lower-case (empty: `#REDIRECT`).
    redirect_words: Vec<String>,
}

impl MagicWordTables {
    /// The tables of a `magicWordTables` object (`behaviorSwitches`,
    /// `variables`, `legacyParserFunctionSynonyms`, `mediaOptions`) and,
    /// when given, a `redirectRegexp`.
    #[must_use]
    pub fn from_json(tables: &Value, redirect_pattern: Option<&str>) -> Self {
        let mut media_options = Vec::new();
        if let Some(map) = tables.get("mediaOptions").and_then(Value::as_object) {
            for (alias, entry) in map {
                let cs = entry.get(0).and_then(Value::as_i64).unwrap_or(1) != 0;
                if let Some(id) = entry.get(1).and_then(Value::as_str) {
                    media_options.push((alias.clone(), cs, id.to_string()));
                }
            }
        }
        MagicWordTables {
            behavior_switches: MagicTable::from_flagged(tables.get("behaviorSwitches")),
            variables: MagicTable::from_flagged(tables.get("variables")),
            parser_functions: MagicTable::from_pair(tables.get("legacyParserFunctionSynonyms")),
            media_options,
            redirect_words: redirect_pattern.map(redirect_words).unwrap_or_default(),
        }
    }

    /// Replace the magic-word tables by those of `tables`, keeping the
    /// redirect keyword.
    pub fn replace_tables(&mut self, tables: &Value) {
        let redirect_words = std::mem::take(&mut self.redirect_words);
        *self = MagicWordTables { redirect_words, ..MagicWordTables::from_json(tables, None) };
    }

    /// Set the redirect keyword's spellings from a `redirectRegexp`.
    pub fn set_redirect_pattern(&mut self, pattern: &str) {
        self.redirect_words = redirect_words(pattern);
    }

    /// Add a parser function's alias (`#f1_wt`), taking it over if the
    /// tables have it: a wiki's own handlers come first.
    pub fn add_parser_function(&mut self, alias: &str, case_sensitive: bool, id: &str) {
        self.parser_functions.insert(alias, case_sensitive, id);
    }

    /// The redirect keyword's spellings, lower-case, `#` included.
    #[must_use]
    pub fn redirect_spellings(&self) -> &[String] {
        &self.redirect_words
    }

    /// Every behaviour switch's spelling, lower-case (`__notoc__`), sorted.
    #[must_use]
    pub fn behavior_switch_spellings(&self) -> Vec<String> {
        let table = &self.behavior_switches;
        let mut spellings: Vec<String> =
            table.insensitive.keys().cloned().chain(table.sensitive.keys().map(|k| k.to_lowercase())).collect();
        spellings.sort();
        spellings.dedup();
        spellings
    }

    /// The behaviour switch written as `text` (`__NOTOC__`, as written).
    #[must_use]
    pub fn behavior_switch(&self, text: &str) -> Option<BehaviorSwitch> {
        self.behavior_switches.get(text).map(|id| BehaviorSwitch::from_id(&id))
    }

    /// Whether `__name__` is one of the tables' behaviour switches.
    #[must_use]
    pub fn is_behavior_switch(&self, name: &str) -> bool {
        self.behavior_switch(&format!("__{name}__")).is_some()
    }

    /// The variable written as `name`.
    #[must_use]
    pub fn variable(&self, name: &str) -> Option<Variable> {
        self.variables.get(name).map(|id| Variable::from_id(&id))
    }

    /// The canonical id of the parser function written as `name` (`#if`).
    #[must_use]
    pub fn parser_function_id(&self, name: &str) -> Option<String> {
        self.parser_functions.get(name)
    }

    /// The media option written as `text` (`サムネイル`, `代替文=x`).
    #[must_use]
    pub fn media_option(&self, text: &str) -> Option<MediaOption> {
        let (id, value) =
            match_media_option(text, self.media_options.iter().map(|(a, cs, id)| (a.as_str(), *cs, id.as_str())))?;
        MediaOption::from_id(&id, value)
    }
}

/// The spellings a redirect pattern such as Parsoid's `redirectRegexp`
/// lists (`@(?i:\#tilvísun|\#TILVÍSUN|\#REDIRECT)@`), lower-case, each
/// once; empty when the pattern is not such a list of alternatives.
pub(crate) fn redirect_words(pattern: &str) -> Vec<String> {
    let inner = pattern.strip_prefix('@').and_then(|p| p.strip_suffix('@')).unwrap_or(pattern);
    let inner = inner.strip_prefix("(?i:").and_then(|p| p.strip_suffix(')')).unwrap_or(inner);
    let mut words: Vec<String> = Vec::new();
    for alternative in inner.split('|') {
        // Only escaped punctuation is allowed; anything else is a pattern
        // this reading does not know.
        let mut word = String::new();
        let mut chars = alternative.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(e) if e.is_ascii_punctuation() => word.push(e),
                    _ => return Vec::new(),
                },
                '(' | ')' | '[' | ']' | '*' | '+' | '?' | '.' | '^' | '$' | '{' | '}' => return Vec::new(),
                _ => word.push(c),
            }
        }
        let word = word.to_lowercase();
        if !word.is_empty() && !words.contains(&word) {
            words.push(word);
        }
    }
    words
}
