//! How a language writes numbers, for `{{formatnum:}}`: its group and
//! decimal separators, the minimum number of digits before the first group
//! separator, and its digits.
//!
//! These are the settings of MediaWiki's language classes (their separator
//! table and `minimumGroupingDigits`), facts about each language's
//! conventions; a language not listed writes numbers as English does, which
//! is also MediaWiki's default (Japanese, Chinese and Korean do). Languages
//! whose wikis may write other digits (Arabic, Persian, Hindi, whose digit
//! tables depend on the wiki's `$wgTranslateNumerals`, and Hindi's lakh
//! grouping) are not listed yet: they print English numbers.

/// A language's way of writing numbers.
#[derive(Debug)]
pub struct NumberFormat {
    /// Between groups of three digits (`,` in English).
    pub group: &'static str,
    /// Before the fraction (`.` in English).
    pub decimal: &'static str,
    /// Digits before the first separator at least: 1 groups `1,234`, 2
    /// leaves `1234` and groups `12 345`.
    pub minimum_grouping_digits: usize,
    /// The language's digits 0 to 9, where it does not write ASCII ones
    /// (Persian; `formatnum` and `R` honour them).
    pub digits: Option<[char; 10]>,
}

/// English, and every language not listed.
pub static ENGLISH: NumberFormat = NumberFormat { group: ",", decimal: ".", minimum_grouping_digits: 1, digits: None };

const fn format(group: &'static str, decimal: &'static str, minimum_grouping_digits: usize) -> NumberFormat {
    NumberFormat { group, decimal, minimum_grouping_digits, digits: None }
}

/// The format of MediaWiki language code `code` (any case; `pt-br` by the
/// whole code first, then by its language).
#[must_use]
pub fn for_language(code: &str) -> &'static NumberFormat {
    let (code, base) = super::language_code_and_base(code);
    lookup(&code).or_else(|| lookup(&base)).unwrap_or(&ENGLISH)
}

/// `1.234,5`.
static DOT_COMMA: NumberFormat = format(".", ",", 1);
/// `1 234,5` with a no-break space.
static SPACE_COMMA: NumberFormat = format("\u{a0}", ",", 1);
/// `1234,5` and `12 345,6`: a no-break space, and no separator in a
/// four-digit number.
static SPACE_COMMA_FROM_FIVE: NumberFormat = format("\u{a0}", ",", 2);

/// The Persian digits, `۰` to `۹`.
pub(crate) const PERSIAN_DIGITS: [char; 10] = ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹'];

/// Persian: Persian digits, `٬` between groups and `٫` before decimals, as
/// MediaWiki writes numbers on a Persian wiki.
static PERSIAN: NumberFormat = NumberFormat {
    group: "\u{66c}",
    decimal: "\u{66b}",
    minimum_grouping_digits: 1,
    digits: Some(PERSIAN_DIGITS),
};

/// ASCII digit `c` as one of `digits` (anything else, or no table, as it is).
pub(crate) fn digit_in(digits: Option<[char; 10]>, c: char) -> char {
    match (digits, c.to_digit(10)) {
        (Some(digits), Some(d)) if c.is_ascii_digit() => digits[d as usize],
        _ => c,
    }
}

fn lookup(code: &str) -> Option<&'static NumberFormat> {
    Some(match code {
        "fa" => &PERSIAN,
        "de" | "es" | "it" | "nl" | "tr" | "da" | "ca" | "ro" | "id" | "vi" | "el" => &DOT_COMMA,
        "fr" | "pt" | "sv" | "nb" | "no" | "nn" | "fi" | "hu" | "cs" | "bg" => &SPACE_COMMA,
        // Russian (and Ukrainian, which falls back to it) and Polish keep
        // four-digit numbers whole.
        "ru" | "uk" | "pl" => &SPACE_COMMA_FROM_FIVE,
        _ => return None,
    })
}

impl NumberFormat {
    /// Whether numbers are written as in English.
    #[must_use]
    pub fn is_english(&self) -> bool {
        self.group == "," && self.decimal == "." && self.digits.is_none()
    }

    /// The language's digit for ASCII digit `c` (anything else as it is).
    #[must_use]
    pub fn digit(&self, c: char) -> char {
        digit_in(self.digits, c)
    }

    /// `formatnum`'s `R`: the number as the language writes it read back to
    /// ASCII (`1.234,5` → `1234.5` in German): digits to ASCII, the decimal
    /// separator to `.`, group separators (and English commas) dropped,
    /// U+2212 MINUS SIGN to `-`.
    #[must_use]
    pub fn unformat(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            if rest.starts_with(self.decimal) {
                out.push('.');
                rest = &rest[self.decimal.len()..];
                continue;
            }
            if rest.starts_with(self.group) {
                rest = &rest[self.group.len()..];
                continue;
            }
            match c {
                ',' => {}
                '\u{2212}' => out.push('-'),
                _ => out.push(self.digits.and_then(|d| d.iter().position(|x| *x == c)).map_or(c, |i| char::from(b'0' + i as u8))),
            }
            rest = &rest[c.len_utf8()..];
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::core_functions::formatnum_in;

    fn formatnum(language: &str, s: &str, flag: &str) -> String {
        formatnum_in(s, flag, for_language(language))
    }

    #[test]
    fn languages_write_their_own_separators() {
        assert_eq!(formatnum("en", "1234567.891", ""), "1,234,567.891");
        assert_eq!(formatnum("de", "1234567.891", ""), "1.234.567,891");
        assert_eq!(formatnum("de-formal", "1234", ""), "1.234");
        assert_eq!(formatnum("fr", "1234567.5", ""), "1\u{a0}234\u{a0}567,5");
        assert_eq!(formatnum("pt-br", "1234", ""), "1\u{a0}234");
        // A minimum of two grouping digits: 1234 stays whole.
        assert_eq!(formatnum("ru", "1234", ""), "1234");
        assert_eq!(formatnum("ru", "12345", ""), "12\u{a0}345");
        assert_eq!(formatnum("pl", "-1234567.25", ""), "-1\u{a0}234\u{a0}567,25");
        // Text around numbers stays; languages not listed write English.
        assert_eq!(formatnum("de", "ca. 12345 Einwohner", ""), "ca. 12.345 Einwohner");
        assert_eq!(formatnum("ja", "1234567", ""), "1,234,567");
        assert_eq!(formatnum("xx", "1234567", ""), "1,234,567");
    }

    #[test]
    fn nosep_and_r() {
        // NOSEP: the language's decimal separator, no groups.
        assert_eq!(formatnum("de", "1234567.5", "NOSEP"), "1234567,5");
        assert_eq!(formatnum("en", "1234567.5", "nosep"), "1234567.5");
        // R reads the language's number back.
        assert_eq!(formatnum("de", "1.234.567,5", "R"), "1234567.5");
        assert_eq!(formatnum("fr", "1\u{a0}234,5", "R"), "1234.5");
        assert_eq!(formatnum("ru", "\u{2212}12\u{a0}345", "R"), "-12345");
        assert_eq!(formatnum("en", "1,234.5", "R"), "1234.5");
    }

    #[test]
    fn digits_of_their_own() {
        let eastern = NumberFormat {
            group: "\u{66c}",
            decimal: "\u{66b}",
            minimum_grouping_digits: 1,
            digits: Some(['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩']),
        };
        assert_eq!(formatnum_in("1234.5", "", &eastern), "١\u{66c}٢٣٤\u{66b}٥");
        assert_eq!(eastern.unformat("١\u{66c}٢٣٤\u{66b}٥"), "1234.5");
    }
}
