//! Which of `{{PLURAL:n|...}}`'s forms a number takes in a language.
//!
//! MediaWiki numbers a language's plural forms by the CLDR plural categories
//! the language has, in CLDR's order (zero, one, two, few, many), with
//! "other" last: Russian's forms are one, few, many and other, so
//! `{{PLURAL:5|год|года|лет}}` is "лет" (many, the third form) and a number
//! in no other category takes the fourth (or, given three forms, the last).
//! The categories come from CLDR's rules (the `intl_pluralrules` crate).

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

/// CLDR's categories in CLDR's order, "other" left out (it is always last).
const ORDER: [PluralCategory; 5] =
    [PluralCategory::ZERO, PluralCategory::ONE, PluralCategory::TWO, PluralCategory::FEW, PluralCategory::MANY];

/// Numbers that between them fall in every category any language has: the
/// integers to 120 (each "few" and "many" of Slavic, Celtic and Arabic rules
/// shows by then), round numbers (compact "many"), and decimals (languages
/// whose decimals have a category of their own).
fn samples() -> impl Iterator<Item = f64> {
    const OTHERS: [f64; 16] =
        [1000.0, 100_000.0, 1_000_000.0, 0.5, 1.5, 2.5, 0.1, 1.1, 2.1, 3.1, 5.1, 0.01, 1.01, 0.2, 2.2, 10.5];
    (0..=120).map(f64::from).chain(OTHERS)
}

/// The rules of MediaWiki language code `code` (`ru`, `pt-br`, `sr-el`), by
/// the whole code or its language; `None` where CLDR has none.
fn rules_for(code: &str) -> Option<PluralRules> {
    let (code, base) = super::language_code_and_base(code);
    [code, base].into_iter().find_map(|c| {
        let id: LanguageIdentifier = c.parse().ok()?;
        PluralRules::create(id, PluralRuleType::CARDINAL).ok()
    })
}

/// A language's rules and which of CLDR's categories (in [`ORDER`]) it has.
struct PluralForms {
    rules: PluralRules,
    present: [bool; ORDER.len()],
}

impl PluralForms {
    fn for_language(code: &str) -> Option<PluralForms> {
        let rules = rules_for(code)?;
        let mut present = [false; ORDER.len()];
        for sample in samples() {
            if let Some(i) = category(&rules, sample).and_then(|found| ORDER.iter().position(|c| *c == found)) {
                present[i] = true;
            }
        }
        Some(PluralForms { rules, present })
    }

    fn index(&self, value: f64) -> Option<usize> {
        let found = category(&self.rules, value)?;
        let end = ORDER.iter().position(|c| *c == found).unwrap_or(ORDER.len());
        Some(self.present[..end].iter().filter(|p| **p).count())
    }
}

thread_local! {
    /// The last language's forms: a page asks for its wiki's language each
    /// time, and finding the categories takes a hundred-odd evaluations.
    static LAST: std::cell::RefCell<Option<(String, Option<PluralForms>)>> = const { std::cell::RefCell::new(None) };
}

/// The category of `value` (a PHP number: integral values have no
/// decimals, as PHP prints them).
fn category(rules: &PluralRules, value: f64) -> Option<PluralCategory> {
    let value = value.abs();
    if value.fract() == 0.0 && value < 1e15 {
        // Exact below 2^53: a whole number has no visible decimals.
        #[allow(clippy::cast_possible_truncation)]
        rules.select(value as u64).ok()
    } else {
        rules.select(value).ok()
    }
}

/// The index of the form `value` takes in language `code` (before the
/// caller repeats the last form for missing ones); `None` where the language
/// has no CLDR rules (the caller uses English's then).
#[must_use]
pub fn form_index(code: &str, value: f64) -> Option<usize> {
    LAST.with_borrow_mut(|last| {
        if last.as_ref().is_none_or(|(language, _)| language != code) {
            *last = Some((code.to_string(), PluralForms::for_language(code)));
        }
        last.as_ref().and_then(|(_, forms)| forms.as_ref()).and_then(|forms| forms.index(value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_has_one_few_many_other() {
        // Help:Magic words (Localization): PLURAL follows the language's
        // rules; Russian "1 год, 2 года, 5 лет".
        assert_eq!(form_index("ru", 1.0), Some(0));
        assert_eq!(form_index("ru", 21.0), Some(0));
        assert_eq!(form_index("ru", 3.0), Some(1));
        assert_eq!(form_index("ru", 24.0), Some(1));
        assert_eq!(form_index("ru", 5.0), Some(2));
        assert_eq!(form_index("ru", 11.0), Some(2));
        assert_eq!(form_index("ru", 1.5), Some(3));
    }

    #[test]
    fn other_languages() {
        // English and German: one and other; -1 is one (CLDR reads the
        // absolute value).
        assert_eq!(form_index("en", 1.0), Some(0));
        assert_eq!(form_index("en", -1.0), Some(0));
        assert_eq!(form_index("de", 2.0), Some(1));
        assert_eq!(form_index("de", 1.5), Some(1));
        // Polish: one, few, many, other.
        assert_eq!(form_index("pl", 1.0), Some(0));
        assert_eq!(form_index("pl", 22.0), Some(1));
        assert_eq!(form_index("pl", 12.0), Some(2));
        assert_eq!(form_index("pl", 2.5), Some(3));
        // French: 0 and 1 are one.
        assert_eq!(form_index("fr", 0.0), Some(0));
        assert_eq!(form_index("fr", 2.0), form_index("fr", 3.0));
        // Arabic: zero, one, two, few, many, other.
        assert_eq!(form_index("ar", 0.0), Some(0));
        assert_eq!(form_index("ar", 2.0), Some(2));
        assert_eq!(form_index("ar", 3.0), Some(3));
        assert_eq!(form_index("ar", 11.0), Some(4));
        assert_eq!(form_index("ar", 100.0), Some(5));
        // Japanese has one form; a code by its language; unknown codes.
        assert_eq!(form_index("ja", 1.0), Some(0));
        assert_eq!(form_index("pt-BR", 1.0), Some(0));
        assert_eq!(form_index("sr-el", 5.0), form_index("sr", 5.0));
        assert_eq!(form_index("qqq-x", 1.0), None);
        assert_eq!(form_index("", 1.0), None);
    }
}
