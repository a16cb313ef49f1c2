//! Month and weekday names in the wiki's language, for `#time`'s `F`, `M`,
//! `l`, `D` and `xg` and the `CURRENTMONTHNAME` family.
//!
//! MediaWiki prints them from its messages in the content language (or the
//! language `#time`'s third argument names). The names here come from the
//! GNU C Library's locale data (the `pure-rust-locales` crate), which agrees
//! with those messages for most languages; where a language's messages
//! differ in a way that matters (Russian writes months and weekdays in lower
//! case, Chinese numbers its months `1月`), the table says so. A language
//! not listed prints English names, as before.

use pure_rust_locales as locales;

/// The names one language gives months and weekdays (index 0 is January,
/// and Sunday).
#[derive(Debug)]
pub struct DateNames {
    months: &'static [&'static str],
    /// The genitive month (`xg`): "of January", where a language inflects it.
    months_genitive: &'static [&'static str],
    month_abbreviations: &'static [&'static str],
    weekdays: &'static [&'static str],
    weekday_abbreviations: &'static [&'static str],
    /// The locale data capitalizes the months and weekdays that the wiki
    /// writes in lower case (its abbreviations keep their capitals).
    lower_case: bool,
    /// The digits the language writes numbers in, where they are not ASCII
    /// (MediaWiki's digit transform table for the language).
    digits: Option<[char; 10]>,
}

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ENGLISH_MONTH_ABBREVIATIONS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const ENGLISH_WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ENGLISH_WEEKDAY_ABBREVIATIONS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// English: MediaWiki's own messages.
pub static ENGLISH: DateNames = DateNames {
    months: &ENGLISH_MONTHS,
    months_genitive: &ENGLISH_MONTHS,
    month_abbreviations: &ENGLISH_MONTH_ABBREVIATIONS,
    weekdays: &ENGLISH_WEEKDAYS,
    weekday_abbreviations: &ENGLISH_WEEKDAY_ABBREVIATIONS,
    lower_case: false,
    digits: None,
};

/// `a` when the locale has it, else `b` (glibc's `alt_mon` is the
/// nominative month of languages whose `mon` is genitive).
const fn either(a: Option<&'static [&'static str]>, b: &'static [&'static str]) -> &'static [&'static str] {
    match a {
        Some(a) => a,
        None => b,
    }
}

/// A locale's names: nominative months from `alt_mon` where it has one.
macro_rules! locale_names {
    ($locale:ident) => {
        locale_names!($locale, false)
    };
    ($locale:ident, $lower_case:expr) => {
        DateNames {
            months: either(locales::$locale::LC_TIME::ALT_MON, locales::$locale::LC_TIME::MON),
            months_genitive: locales::$locale::LC_TIME::MON,
            month_abbreviations: either(locales::$locale::LC_TIME::AB_ALT_MON, locales::$locale::LC_TIME::ABMON),
            weekdays: locales::$locale::LC_TIME::DAY,
            weekday_abbreviations: locales::$locale::LC_TIME::ABDAY,
            lower_case: $lower_case,
            digits: None,
        }
    };
}

/// German: MediaWiki abbreviates months with a point (`Jan.`, `Mär.`; `Mai`
/// whole), where glibc writes `Jan`.
static GERMAN: DateNames = DateNames { month_abbreviations: &GERMAN_MONTH_ABBREVIATIONS, ..locale_names!(de_DE) };
const GERMAN_MONTH_ABBREVIATIONS: [&str; 12] =
    ["Jan.", "Feb.", "Mär.", "Apr.", "Mai", "Jun.", "Jul.", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."];
static FRENCH: DateNames = locale_names!(fr_FR);
static SPANISH: DateNames = locale_names!(es_ES);
static ITALIAN: DateNames = locale_names!(it_IT);
static DUTCH: DateNames = locale_names!(nl_NL);
static POLISH: DateNames = locale_names!(pl_PL);
static PORTUGUESE: DateNames = locale_names!(pt_PT);
static BRAZILIAN_PORTUGUESE: DateNames = locale_names!(pt_BR);
static RUSSIAN: DateNames = locale_names!(ru_RU, true);
static UKRAINIAN: DateNames = locale_names!(uk_UA);
static JAPANESE: DateNames = locale_names!(ja_JP);
static KOREAN: DateNames = locale_names!(ko_KR);
static SWEDISH: DateNames = locale_names!(sv_SE);
static CZECH: DateNames = locale_names!(cs_CZ);
static FINNISH: DateNames = locale_names!(fi_FI);
static TURKISH: DateNames = locale_names!(tr_TR);
static ARABIC: DateNames = locale_names!(ar_EG);
static HEBREW: DateNames = locale_names!(he_IL);
/// Persian: MediaWiki writes its numbers in Persian digits (as `formatnum`
/// does on a Persian wiki).
static PERSIAN: DateNames = DateNames { digits: Some(super::number_format::PERSIAN_DIGITS), ..locale_names!(fa_IR) };
static HUNGARIAN: DateNames = locale_names!(hu_HU);
static NORWEGIAN: DateNames = locale_names!(nb_NO);
static DANISH: DateNames = locale_names!(da_DK);
static CATALAN: DateNames = locale_names!(ca_ES);
static ROMANIAN: DateNames = locale_names!(ro_RO);
static INDONESIAN: DateNames = locale_names!(id_ID);
static VIETNAMESE: DateNames = locale_names!(vi_VN);
static GREEK: DateNames = locale_names!(el_GR);
static BULGARIAN: DateNames = locale_names!(bg_BG);
static CROATIAN: DateNames = locale_names!(hr_HR);
static SLOVAK: DateNames = locale_names!(sk_SK);
static SLOVENIAN: DateNames = locale_names!(sl_SI);
static ESTONIAN: DateNames = locale_names!(et_EE);
static LATVIAN: DateNames = locale_names!(lv_LV);
static LITHUANIAN: DateNames = locale_names!(lt_LT);
static THAI: DateNames = locale_names!(th_TH);
static BASQUE: DateNames = locale_names!(eu_ES);
static GALICIAN: DateNames = locale_names!(gl_ES);
static SERBIAN: DateNames = locale_names!(sr_RS);
static HINDI: DateNames = locale_names!(hi_IN);
static MALAY: DateNames = locale_names!(ms_MY);
/// Chinese: MediaWiki numbers the months (`1月`, glibc's abbreviations) and
/// keeps `一月` for the genitive; every Chinese variant writes weekdays as
/// `星期日`, as glibc's zh_CN does.
static CHINESE: DateNames = DateNames {
    months: locales::zh_CN::LC_TIME::ABMON,
    months_genitive: locales::zh_CN::LC_TIME::MON,
    month_abbreviations: locales::zh_CN::LC_TIME::ABMON,
    weekdays: locales::zh_CN::LC_TIME::DAY,
    weekday_abbreviations: locales::zh_CN::LC_TIME::ABDAY,
    lower_case: false,
    digits: None,
};

/// The names for MediaWiki language code `code` (`de`, `pt-br`, `zh-hans`;
/// any case); English for a language not listed.
#[must_use]
pub fn for_language(code: &str) -> &'static DateNames {
    let (code, base) = super::language_code_and_base(code);
    match (base.as_str(), code.as_str()) {
        (_, "pt-br") => &BRAZILIAN_PORTUGUESE,
        ("de", _) => &GERMAN,
        ("fr", _) => &FRENCH,
        ("es", _) => &SPANISH,
        ("it", _) => &ITALIAN,
        ("nl", _) => &DUTCH,
        ("pl", _) => &POLISH,
        ("pt", _) => &PORTUGUESE,
        ("ru", _) => &RUSSIAN,
        ("uk", _) => &UKRAINIAN,
        ("ja", _) => &JAPANESE,
        ("ko", _) => &KOREAN,
        ("zh", _) => &CHINESE,
        ("sv", _) => &SWEDISH,
        ("cs", _) => &CZECH,
        ("fi", _) => &FINNISH,
        ("tr", _) => &TURKISH,
        ("ar", _) => &ARABIC,
        ("he", _) => &HEBREW,
        ("fa", _) => &PERSIAN,
        ("hu", _) => &HUNGARIAN,
        ("nb" | "no", _) => &NORWEGIAN,
        ("da", _) => &DANISH,
        ("ca", _) => &CATALAN,
        ("ro", _) => &ROMANIAN,
        ("id", _) => &INDONESIAN,
        ("vi", _) => &VIETNAMESE,
        ("el", _) => &GREEK,
        ("bg", _) => &BULGARIAN,
        ("hr", _) => &CROATIAN,
        ("sk", _) => &SLOVAK,
        ("sl", _) => &SLOVENIAN,
        ("et", _) => &ESTONIAN,
        ("lv", _) => &LATVIAN,
        ("lt", _) => &LITHUANIAN,
        ("th", _) => &THAI,
        ("eu", _) => &BASQUE,
        ("gl", _) => &GALICIAN,
        // Serbian's Latin variant (sr-el) has no table: Cyrillic, as the
        // wiki's own messages.
        ("sr", _) => &SERBIAN,
        ("hi", _) => &HINDI,
        ("ms", _) => &MALAY,
        _ => &ENGLISH,
    }
}

/// Whether `code` has the shape of a language code (`de`, `pt-br`,
/// `zh-hans`): `#time` ignores a third argument that has not, and uses the
/// wiki's language.
#[must_use]
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl DateNames {
    /// Month `month` (1 to 12).
    #[must_use]
    pub fn month(&self, month: i64) -> String {
        self.pick(self.months, month - 1, self.lower_case)
    }

    /// The genitive of month `month` (1 to 12).
    #[must_use]
    pub fn month_genitive(&self, month: i64) -> String {
        self.pick(self.months_genitive, month - 1, false)
    }

    /// The abbreviation of month `month` (1 to 12).
    #[must_use]
    pub fn month_abbreviation(&self, month: i64) -> String {
        self.pick(self.month_abbreviations, month - 1, false)
    }

    /// Weekday `weekday` (0 is Sunday).
    #[must_use]
    pub fn weekday(&self, weekday: i64) -> String {
        self.pick(self.weekdays, weekday, self.lower_case)
    }

    /// The abbreviation of weekday `weekday` (0 is Sunday).
    #[must_use]
    pub fn weekday_abbreviation(&self, weekday: i64) -> String {
        self.pick(self.weekday_abbreviations, weekday, false)
    }

    /// `text` with its ASCII digits written in the language's own digits.
    #[must_use]
    pub fn localize_digits(&self, text: &str) -> String {
        match self.digits {
            Some(_) => text.chars().map(|c| super::number_format::digit_in(self.digits, c)).collect(),
            None => text.to_string(),
        }
    }

    /// Entry `index`, trimmed (glibc pads `1月` to line up with `10月`),
    /// lower-cased when `lower`; empty out of range.
    fn pick(&self, names: &[&str], index: i64, lower: bool) -> String {
        let name = usize::try_from(index).ok().and_then(|i| names.get(i)).map_or("", |n| n.trim());
        if lower {
            name.to_lowercase()
        } else {
            name.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_mediawikis() {
        let en = for_language("en");
        assert_eq!(en.month(1), "January");
        assert_eq!(en.month_genitive(5), "May");
        assert_eq!(en.month_abbreviation(12), "Dec");
        assert_eq!(en.weekday(0), "Sunday");
        assert_eq!(en.weekday_abbreviation(6), "Sat");
        // Unknown languages and out-of-range indexes.
        assert_eq!(for_language("xx").month(2), "February");
        assert_eq!(en.month(13), "");
        assert_eq!(en.weekday(-1), "");
    }

    #[test]
    fn language_code_shapes() {
        for code in ["de", "pt-br", "zh-hans", "sr-el", "yue", "de-formal"] {
            assert!(is_language_code(code), "{code}");
        }
        for code in ["", "d", "deutsch", "1", "de_DE", "de-", "-de", "de fr", "local"] {
            assert!(!is_language_code(code), "{code}");
        }
    }

    #[test]
    fn languages_with_their_own_names() {
        assert_eq!(for_language("de").month(12), "Dezember");
        assert_eq!(for_language("de").weekday(1), "Montag");
        assert_eq!(for_language("fr").month(2), "février");
        assert_eq!(for_language("nl").month(2), "februari");
        // Nominative and genitive months.
        assert_eq!(for_language("pl").month(1), "styczeń");
        assert_eq!(for_language("pl").month_genitive(1), "stycznia");
        assert_eq!(for_language("ru").month(1), "январь");
        assert_eq!(for_language("ru").month_genitive(1), "января");
        assert_eq!(for_language("ru").weekday(0), "воскресенье");
        assert_eq!(for_language("ru").month_abbreviation(5), "май");
        assert_eq!(for_language("ru").weekday_abbreviation(0), "Вс");
        // Padded entries are trimmed; Chinese numbers its months.
        assert_eq!(for_language("ja").month(12), "12月");
        assert_eq!(for_language("ja").month_abbreviation(1), "1月");
        assert_eq!(for_language("ja").weekday(1), "月曜日");
        assert_eq!(for_language("zh-hans").month(1), "1月");
        assert_eq!(for_language("zh").month_genitive(1), "一月");
        assert_eq!(for_language("zh-hant").weekday(0), "星期日");
        // Codes are matched by their language, in any case.
        assert_eq!(for_language("PT-BR").month(3), "março");
        assert_eq!(for_language("de-formal").month(3), "März");
        // MediaWiki's German abbreviations carry a point.
        assert_eq!(for_language("de").month_abbreviation(3), "Mär.");
        assert_eq!(for_language("de").month_abbreviation(5), "Mai");
    }
}
