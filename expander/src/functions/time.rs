//! `{{#time:…}}`, `{{#timel:…}}`, `{{#timef:…}}` and `{{#timefl:…}}` of the
//! ParserFunctions extension.
//!
//! Month and weekday names (`F`, `M`, `l`, `D`, `xg`) are the language's
//! ([`date_names`]: the wiki's, or the one `#time`'s third argument names);
//! `r` and `#timef`'s formats stay English, as do `a`/`A` and the other
//! calendars' month names.
//!
//! Behaviour follows the documentation on mediawiki.org
//! ("Help:Extension:ParserFunctions", sections `#time` and `#timef`) and PHP's
//! documentation of `date()` format characters and of "Supported Date and Time
//! Formats" (the date argument is read like PHP's `strtotime()`, and where
//! the documentation is silent as PHP 8.2's `DateTime` reads it: an
//! `@timestamp` is the epoch plus relative seconds, day names and "... week"
//! move the date before the relative parts, "yesterday"/"tomorrow" set the
//! relative days). Zone identifiers come from the IANA database (jiff's,
//! with the `tzdb` feature). Never panics; linear in the input size.
//!
//! Not covered: military zone letters, and a few combinations PHP itself
//! reads oddly (a day name with "last day of", "ago" after "first monday of").

use super::date_names::{self, DateNames};

/// The wiki's clock and zone. `now_unix` is the current time (seconds since epoch, UTC).
#[derive(Clone, Debug)]
pub struct Clock {
    pub now_unix: i64,
    pub local_offset_minutes: i32,
    /// The wiki's zone (`$wgLocaltimezone`), when it is one this module
    /// knows: a local time then takes the zone's offset at the instant it
    /// shows (summer time included), and `e`, `T` and `I` print the zone's
    /// name, abbreviation and daylight-saving flag, as PHP's `DateTime` in
    /// that zone does. `None`: the fixed `local_offset_minutes`.
    pub local_zone: Option<String>,
}

const ERR_INVALID: &str = "Error: Invalid time.";
pub(crate) const ERR_TOO_LONG: &str = "Error: Too many #time calls.";
const ERR_TOO_BIG: &str = "Error: #time only supports years up to 9999.";
const ERR_TOO_SMALL: &str = "Error: #time only supports years from 0.";
/// The docs: the total length of the format strings of #time calls on a page is limited to 6000 characters.
pub const MAX_FORMAT_CHARS: usize = 6000;

/// `{{#time:format|date|lang|local}}`. `local` is true for #timel (or a truthy 4th arg);
/// `names` are the month and weekday names of the language (the wiki's, or `lang`).
/// Returns the text #time prints; errors come back as Err(message) where message is the exact
/// English text (e.g. "Error: Invalid time."), which the caller wraps in <strong class="error">.
pub fn time(format: &str, date: &str, local: bool, clock: &Clock, names: &DateNames) -> Result<String, String> {
    if format.chars().count() > MAX_FORMAT_CHARS {
        return Err(ERR_TOO_LONG.to_string());
    }
    let t = resolve(date, local, clock)?;
    Ok(format_date(format, &t, names))
}

/// `{{#timef:date|type|lang}}` / `#timefl`: type is one of "time", "date", "both" (default),
/// "pretty". English uses the "dmy" preference by default (as on English Wikipedia:
/// `H:i`, `j F Y`, `H:i, j F Y`, `j F`). An unknown type is treated as "both".
pub fn timef(date: &str, kind: &str, local: bool, clock: &Clock) -> Result<String, String> {
    let t = resolve(date, local, clock)?;
    let fmt = match kind.trim() {
        "time" => "H:i",
        "date" => "j F Y",
        "pretty" => "j F",
        _ => "H:i, j F Y",
    };
    Ok(format_date(fmt, &t, &date_names::ENGLISH))
}

// ---------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, days since 1970-01-01)
// ---------------------------------------------------------------------------

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if is_leap(y) {
                29
            } else {
                28
            }
        }
    }
}

/// 0 = Sunday.
fn weekday_of_days(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// Unix-time bounds we accept anywhere (roughly years -10000..20000) to keep arithmetic in range.
const MAX_ABS_SECS: i64 = 600_000_000_000;

// ---------------------------------------------------------------------------
// Broken-down time for output
// ---------------------------------------------------------------------------

struct Tm {
    unix: i64,
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    /// 0 = Sunday
    wday: i64,
    /// 0-based
    yday: i64,
    offset_secs: i64,
    /// `e`: the zone's identifier (`UTC`, `America/New_York`, `+01:00`).
    zone: String,
    /// `T`: its abbreviation (`UTC`, `EST`, `+01:00`).
    abbrev: String,
    /// `I`: whether daylight-saving time is in effect.
    dst: bool,
}

fn offset_string(secs: i64, colon: bool) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let (h, m) = (a / 3600, (a % 3600) / 60);
    if colon {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}")
    }
}

fn make_tm(unix: i64, offset_secs: i64) -> Tm {
    let l = unix + offset_secs;
    let days = l.div_euclid(86400);
    let sod = l.rem_euclid(86400);
    let (year, month, day) = civil_from_days(days);
    let zone = if offset_secs == 0 {
        "UTC".to_string()
    } else {
        offset_string(offset_secs, true)
    };
    Tm {
        unix,
        abbrev: zone.clone(),
        dst: false,
        year,
        month,
        day,
        hour: sod / 3600,
        minute: (sod % 3600) / 60,
        second: sod % 60,
        wday: weekday_of_days(days),
        yday: days - days_from_civil(year, 1, 1),
        offset_secs,
        zone,
    }
}

/// Parse the date argument and produce the broken-down output time, with range checks.
fn resolve(date: &str, local: bool, clock: &Clock) -> Result<Tm, String> {
    let local_off = if local {
        clock.local_offset_minutes as i64 * 60
    } else {
        0
    };
    let named = match (local, &clock.local_zone) {
        (true, Some(name)) => {
            let lower = name.to_ascii_lowercase();
            zone_from_identifier(lower.as_bytes()).map(|z| (name.as_str(), z))
        }
        _ => None,
    };
    // A date without a zone is read in UTC even for local output: the extension reads
    // the input with UTC as its default zone and only writes in the wiki's zone, so
    // `{{#timel:H:i|12:00}}` on a wiki at UTC-4 is 08:00.
    let unix = parse_date(date, clock.now_unix, Zone::Fixed(0)).ok_or_else(|| ERR_INVALID.to_string())?;
    let tm = match named {
        Some((name, z)) => {
            let (off, dst, abbrev) = z.offset_info(unix);
            let mut tm = make_tm(unix, off);
            tm.zone = name.to_string();
            tm.abbrev = abbrev;
            tm.dst = dst;
            tm
        }
        None => make_tm(unix, local_off),
    };
    if tm.year > 9999 {
        return Err(ERR_TOO_BIG.to_string());
    }
    if tm.year < 0 {
        return Err(ERR_TOO_SMALL.to_string());
    }
    Ok(tm)
}

// ---------------------------------------------------------------------------
// Format string
// ---------------------------------------------------------------------------

fn iso_week(t: &Tm) -> (i64, i64) {
    // ISO 8601: the week with the year's first Thursday is week 1; weeks start on Monday.
    let days = days_from_civil(t.year, t.month, t.day);
    let iso_dow = (t.wday + 6) % 7; // Monday = 0
    let thursday = days - iso_dow + 3;
    let (ty, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(ty, 1, 1)) / 7 + 1;
    (ty, week)
}

fn roman(n: i64) -> Option<String> {
    if !(1..=10000).contains(&n) {
        return None;
    }
    let table: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    Some(s)
}

/// Hebrew numeral (gematria) with geresh / gershayim, for `xh`.
fn hebrew_numeral(n: i64) -> Option<String> {
    if !(1..=9999).contains(&n) {
        return None;
    }
    const ONES: [char; 9] = ['א', 'ב', 'ג', 'ד', 'ה', 'ו', 'ז', 'ח', 'ט'];
    const TENS: [char; 9] = ['י', 'כ', 'ל', 'מ', 'נ', 'ס', 'ע', 'פ', 'צ'];
    const HUNDREDS: [char; 4] = ['ק', 'ר', 'ש', 'ת'];
    let mut out = String::new();
    let mut n = n;
    if n >= 1000 {
        out.push(ONES[(n / 1000 - 1) as usize]);
        out.push('׳');
        n %= 1000;
        if n == 0 {
            return Some(out);
        }
    }
    let mut letters: Vec<char> = Vec::new();
    let mut h = n / 100;
    while h >= 4 {
        letters.push('ת');
        h -= 4;
    }
    if h > 0 {
        letters.push(HUNDREDS[(h - 1) as usize]);
    }
    let rest = n % 100;
    if rest == 15 {
        letters.extend(['ט', 'ו']);
    } else if rest == 16 {
        letters.extend(['ט', 'ז']);
    } else {
        if rest >= 10 {
            letters.push(TENS[(rest / 10 - 1) as usize]);
        }
        if rest % 10 > 0 {
            letters.push(ONES[(rest % 10 - 1) as usize]);
        }
    }
    if letters.len() == 1 {
        out.push(letters[0]);
        out.push('׳');
    } else {
        for (i, c) in letters.iter().enumerate() {
            if i + 1 == letters.len() {
                out.push('״');
            }
            out.push(*c);
        }
    }
    Some(out)
}

fn format_date(format: &str, t: &Tm, names: &DateNames) -> String {
    let chars: Vec<char> = format.chars().collect();
    let mut out = String::with_capacity(format.len() * 2);
    let mut i = 0;
    let mut roman_next = false; // xr
    let mut hebrew_next = false; // xh
    // xn: the next number in ASCII digits; xN: all of them, until the next xN.
    // Otherwise numbers are written in the language's digits.
    let mut raw_next = false;
    let mut raw_all = false;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        // numeric value and its default text
        let num: Option<(i64, String)> = match c {
            'Y' => Some((t.year, format!("{:04}", t.year))),
            'y' => Some((t.year % 100, format!("{:02}", t.year % 100))),
            'L' => Some((is_leap(t.year) as i64, (is_leap(t.year) as i64).to_string())),
            'o' => {
                let y = iso_week(t).0;
                Some((y, format!("{:04}", y)))
            }
            'n' => Some((t.month, t.month.to_string())),
            'm' => Some((t.month, format!("{:02}", t.month))),
            'j' => Some((t.day, t.day.to_string())),
            'd' => Some((t.day, format!("{:02}", t.day))),
            'z' => Some((t.yday, t.yday.to_string())),
            'W' => {
                let w = iso_week(t).1;
                Some((w, format!("{:02}", w)))
            }
            'N' => {
                let n = if t.wday == 0 { 7 } else { t.wday };
                Some((n, n.to_string()))
            }
            'w' => Some((t.wday, t.wday.to_string())),
            'g' => {
                let h = if t.hour % 12 == 0 { 12 } else { t.hour % 12 };
                Some((h, h.to_string()))
            }
            'h' => {
                let h = if t.hour % 12 == 0 { 12 } else { t.hour % 12 };
                Some((h, format!("{:02}", h)))
            }
            'G' => Some((t.hour, t.hour.to_string())),
            'H' => Some((t.hour, format!("{:02}", t.hour))),
            'i' => Some((t.minute, format!("{:02}", t.minute))),
            's' => Some((t.second, format!("{:02}", t.second))),
            'U' => Some((t.unix, t.unix.to_string())),
            'Z' => Some((t.offset_secs, t.offset_secs.to_string())),
            't' => {
                let d = days_in_month(t.year, t.month);
                Some((d, d.to_string()))
            }
            'I' => Some((t.dst as i64, (t.dst as i64).to_string())),
            _ => None,
        };
        if let Some((v, text)) = num {
            if roman_next {
                out.push_str(&roman(v).unwrap_or(text));
            } else if hebrew_next {
                out.push_str(&hebrew_numeral(v).unwrap_or(text));
            } else if raw_next || raw_all {
                out.push_str(&text);
            } else {
                out.push_str(&names.localize_digits(&text));
            }
            roman_next = false;
            hebrew_next = false;
            raw_next = false;
            continue;
        }
        match c {
            'M' => out.push_str(&names.month_abbreviation(t.month)),
            'F' => out.push_str(&names.month(t.month)),
            'D' => out.push_str(&names.weekday_abbreviation(t.wday)),
            'l' => out.push_str(&names.weekday(t.wday)),
            'a' => out.push_str(if t.hour < 12 { "am" } else { "pm" }),
            'A' => out.push_str(if t.hour < 12 { "AM" } else { "PM" }),
            'e' => out.push_str(&t.zone),
            'T' => out.push_str(&t.abbrev),
            'O' => out.push_str(&offset_string(t.offset_secs, false)),
            'P' => out.push_str(&offset_string(t.offset_secs, true)),
            'c' => {
                out.push_str(&format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
                    t.year,
                    t.month,
                    t.day,
                    t.hour,
                    t.minute,
                    t.second,
                    offset_string(t.offset_secs, true)
                ));
            }
            'r' => {
                out.push_str(&format!(
                    "{}, {:02} {} {:04} {:02}:{:02}:{:02} {}",
                    date_names::ENGLISH.weekday_abbreviation(t.wday),
                    t.day,
                    date_names::ENGLISH.month_abbreviation(t.month),
                    t.year,
                    t.hour,
                    t.minute,
                    t.second,
                    offset_string(t.offset_secs, false)
                ));
            }
            '\\' => {
                if i < chars.len() {
                    out.push(chars[i]);
                    i += 1;
                } else {
                    out.push('\\');
                }
            }
            '"' => {
                if let Some(end) = chars[i..].iter().position(|&ch| ch == '"') {
                    out.extend(&chars[i..i + end]);
                    i += end + 1;
                } else {
                    out.push('"');
                }
            }
            'x' if i < chars.len() => {
                let c2 = chars[i];
                i += 1;
                match c2 {
                    'x' => out.push('x'),
                    'n' => raw_next = true,
                    'N' => raw_all = !raw_all,
                    'r' => roman_next = true,
                    'h' => hebrew_next = true,
                    'g' => out.push_str(&names.month_genitive(t.month)),
                    'k' | 'o' | 'i' | 'm' | 'j' | 't' if i < chars.len() => {
                        let c3 = chars[i];
                        let days = days_from_civil(t.year, t.month, t.day);
                        let item: Option<CalItem> = match (c2, c3) {
                            // Thai solar year (+543); Minguo year (-1911).
                            ('k', 'Y') => Some(CalItem::Num(t.year + 543)),
                            ('o', 'Y') => Some(CalItem::Num(t.year - 1911)),
                            ('t', 'Y') => Some(japanese_era_year(t.year, t.month, t.day)),
                            ('i', _) => {
                                let (y, m, d, yday, mlen) = iranian_from_days(days);
                                match c3 {
                                    'Y' => Some(CalItem::Num(y)),
                                    'y' => Some(CalItem::Padded(y.rem_euclid(100), 2)),
                                    'n' => Some(CalItem::Num(m)),
                                    'j' => Some(CalItem::Num(d)),
                                    'z' => Some(CalItem::Num(yday)),
                                    't' => Some(CalItem::Num(mlen)),
                                    'F' => Some(CalItem::Text(IRANIAN_MONTHS[(m - 1) as usize])),
                                    _ => None,
                                }
                            }
                            ('j', _) => {
                                let h = hebrew_from_days(days);
                                match c3 {
                                    'Y' => Some(CalItem::Num(h.year)),
                                    'n' => Some(CalItem::Num(h.month)),
                                    'j' => Some(CalItem::Num(h.day)),
                                    't' => Some(CalItem::Num(h.month_len)),
                                    // English genitives are the names.
                                    'F' | 'x' => Some(CalItem::Text(h.month_name)),
                                    _ => None,
                                }
                            }
                            ('m', _) => {
                                let (y, m, d) = islamic_from_days(days);
                                match c3 {
                                    'Y' => Some(CalItem::Num(y)),
                                    'n' => Some(CalItem::Num(m)),
                                    'j' => Some(CalItem::Num(d)),
                                    'F' => Some(CalItem::Text(ISLAMIC_MONTHS[(m - 1) as usize])),
                                    _ => None,
                                }
                            }
                            _ => None,
                        };
                        match item {
                            Some(item) => {
                                i += 1;
                                let (v, text) = match item {
                                    CalItem::Num(v) => (Some(v), v.to_string()),
                                    CalItem::Padded(v, w) => (Some(v), format!("{:0w$}", v, w = w)),
                                    CalItem::Text(s) => (None, s.to_string()),
                                    CalItem::Owned(s) => (None, s),
                                };
                                match v {
                                    Some(v) if roman_next => {
                                        out.push_str(&roman(v).unwrap_or(text))
                                    }
                                    Some(v) if hebrew_next => {
                                        out.push_str(&hebrew_numeral(v).unwrap_or(text))
                                    }
                                    Some(_) if !raw_next && !raw_all => out.push_str(&names.localize_digits(&text)),
                                    _ => out.push_str(&text),
                                }
                                roman_next = false;
                                hebrew_next = false;
                                raw_next = false;
                            }
                            None => {
                                out.push('x');
                                i -= 1;
                            }
                        }
                    }
                    _ => {
                        // Unsupported x-code: print the 'x' and read the next character normally.
                        out.push('x');
                        i -= 1;
                    }
                }
            }
            other => out.push(other),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Other calendars for the x-codes (arithmetic approximations)
// ---------------------------------------------------------------------------

enum CalItem {
    Num(i64),
    Padded(i64, usize),
    Text(&'static str),
    Owned(String),
}

/// The Japanese eras (nengō) since the calendar became Gregorian, with the
/// day each began: `xtY` writes the era's name and its year, the first
/// year as 元 (gannen), as Japanese dates are written.
const JAPANESE_ERAS: [((i64, i64, i64), &str); 5] = [
    ((1868, 10, 23), "明治"),
    ((1912, 7, 30), "大正"),
    ((1926, 12, 25), "昭和"),
    ((1989, 1, 8), "平成"),
    ((2019, 5, 1), "令和"),
];

/// `xtY`: the era year of a Gregorian date (`平成20`, `令和元`); a date
/// before the Meiji era has no era year here and keeps its own year.
fn japanese_era_year(year: i64, month: i64, day: i64) -> CalItem {
    let Some(((start_year, _, _), name)) = JAPANESE_ERAS.iter().rev().find(|(start, _)| (year, month, day) >= *start)
    else {
        return CalItem::Num(year);
    };
    let era_year = year - start_year + 1;
    if era_year == 1 {
        CalItem::Owned(format!("{name}元"))
    } else {
        CalItem::Owned(format!("{name}{era_year}"))
    }
}

const IRANIAN_MONTHS: [&str; 12] = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];
const ISLAMIC_MONTHS: [&str; 12] = [
    "Muharram",
    "Safar",
    "Rabi' al-awwal",
    "Rabi' al-thani",
    "Jumada al-awwal",
    "Jumada al-thani",
    "Rajab",
    "Sha'aban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qi'dah",
    "Dhu al-Hijjah",
];

/// A day of the Hebrew calendar, as MediaWiki numbers and names its months:
/// Tishrei is 1, Elul 12; in a leap year Adar I is 13 and Adar II 14.
struct HebrewDate {
    year: i64,
    month: i64,
    day: i64,
    month_len: i64,
    month_name: &'static str,
}

/// Days from the Hebrew epoch to the mean conjunction of Tishrei of `year`,
/// postponed by the rules of the fixed calendar (Dershowitz and Reingold,
/// Calendrical Calculations).
fn hebrew_elapsed_days(year: i64) -> i64 {
    let months = (235 * year - 234).div_euclid(19);
    let parts = 12084 + 13753 * months;
    let days = 29 * months + parts.div_euclid(25920);
    if (3 * (days + 1)).rem_euclid(7) < 3 { days + 1 } else { days }
}

/// Days since 1970-01-01 of 1 Tishrei of `year`.
fn hebrew_new_year(year: i64) -> i64 {
    // 1 Tishrei AM 1 is 7 October 3761 BCE (Julian): day -2,092,590 from 1970.
    const EPOCH: i64 = -1_373_427 - 719_163;
    let (y0, y1, y2) = (hebrew_elapsed_days(year - 1), hebrew_elapsed_days(year), hebrew_elapsed_days(year + 1));
    let correction = if y2 - y1 == 356 {
        2
    } else if y1 - y0 == 382 {
        1
    } else {
        0
    };
    EPOCH + y1 + correction
}

fn hebrew_from_days(days: i64) -> HebrewDate {
    // Mean year 35,975,351 / 98,496 days; the estimate is at most one year off.
    let mut year = ((days - hebrew_new_year(1)) * 98_496).div_euclid(35_975_351);
    while hebrew_new_year(year + 1) <= days {
        year += 1;
    }
    while year > 1 && hebrew_new_year(year) > days {
        year -= 1;
    }
    let start = hebrew_new_year(year);
    let year_len = hebrew_new_year(year + 1) - start;
    let leap = (7 * year + 1).rem_euclid(19) < 7;
    let heshvan = if year_len % 10 == 5 { 30 } else { 29 };
    let kislev = if year_len % 10 == 3 { 29 } else { 30 };
    let months: &[(i64, i64, &'static str)] = if leap {
        &[(1, 30, "Tishrei"), (2, heshvan, "Cheshvan"), (3, kislev, "Kislev"), (4, 29, "Tevet"), (5, 30, "Shevat"),
          (13, 30, "Adar I"), (14, 29, "Adar II"), (7, 30, "Nisan"), (8, 29, "Iyar"), (9, 30, "Sivan"),
          (10, 29, "Tamuz"), (11, 30, "Av"), (12, 29, "Elul")]
    } else {
        &[(1, 30, "Tishrei"), (2, heshvan, "Cheshvan"), (3, kislev, "Kislev"), (4, 29, "Tevet"), (5, 30, "Shevat"),
          (6, 29, "Adar"), (7, 30, "Nisan"), (8, 29, "Iyar"), (9, 30, "Sivan"), (10, 29, "Tamuz"), (11, 30, "Av"),
          (12, 29, "Elul")]
    };
    let mut day = days - start;
    for &(month, len, name) in months {
        if day < len {
            return HebrewDate { year, month, day: day + 1, month_len: len, month_name: name };
        }
        day -= len;
    }
    // Unreachable for a consistent year length; the last day of Elul.
    HebrewDate { year, month: 12, day: 29, month_len: 29, month_name: "Elul" }
}

/// Solar Hijri leap years by the 33-year cycle (agrees with the official calendar for
/// roughly 1925-2090 CE).
fn iranian_leaps_before(y: i64) -> i64 {
    const LEAP: [i64; 8] = [1, 5, 9, 13, 17, 22, 26, 30];
    let (q, r) = (y.div_euclid(33), y.rem_euclid(33));
    q * 8 + LEAP.iter().filter(|&&l| l < r).count() as i64
}

fn iranian_is_leap(y: i64) -> bool {
    iranian_leaps_before(y + 1) - iranian_leaps_before(y) == 1
}

/// Days since 1970-01-01 of 1 Farvardin of year `y` (anchor: 1 Farvardin 1403 = 2024-03-20).
fn iranian_new_year(y: i64) -> i64 {
    days_from_civil(2024, 3, 20) + 365 * (y - 1403) + iranian_leaps_before(y)
        - iranian_leaps_before(1403)
}

/// (year, month, day, 0-based day of year, days in month)
fn iranian_from_days(days: i64) -> (i64, i64, i64, i64, i64) {
    let mut y = 1403 + (days - days_from_civil(2024, 3, 20)).div_euclid(365);
    while iranian_new_year(y) > days {
        y -= 1;
    }
    while iranian_new_year(y + 1) <= days {
        y += 1;
    }
    let yday = days - iranian_new_year(y);
    let (m, d) = if yday < 186 {
        (yday / 31 + 1, yday % 31 + 1)
    } else {
        ((yday - 186) / 30 + 7, (yday - 186) % 30 + 1)
    };
    let mlen = match m {
        1..=6 => 31,
        7..=11 => 30,
        _ => {
            if iranian_is_leap(y) {
                30
            } else {
                29
            }
        }
    };
    (y, m, d, yday, mlen)
}

/// Tabular (arithmetic) Islamic calendar, civil epoch 16 July 622 CE (Julian).
fn islamic_from_days(days: i64) -> (i64, i64, i64) {
    const EPOCH: i64 = -492_148; // days since 1970-01-01 of 1 Muharram 1 AH
    let start = |y: i64, m: i64| {
        EPOCH + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + (59 * (m - 1) + 1) / 2
    };
    let n = days - EPOCH;
    let mut y = (30 * n + 10646).div_euclid(10631);
    while start(y, 1) > days {
        y -= 1;
    }
    while start(y + 1, 1) <= days {
        y += 1;
    }
    let mut m = 12;
    while m > 1 && start(y, m) > days {
        m -= 1;
    }
    (y, m, days - start(y, m) + 1)
}

// ---------------------------------------------------------------------------
// Date argument (a subset of PHP strtotime)
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Parsed {
    y: Option<i64>,
    m: Option<i64>,
    d: Option<i64>,
    time: Option<(i64, i64, i64)>,
    /// The time came from today/midnight/noon/tomorrow/yesterday: a later explicit time wins.
    time_from_keyword: bool,
    tz: Option<Zone>,
    /// Zones written: PHP keeps the first, ignores a second and fails on a third.
    zones: u8,
    /// An `@timestamp` was read.
    stamp: bool,
    /// The date is the epoch an `@timestamp` set: a date written later
    /// replaces it without being a second date.
    date_from_stamp: bool,
    reset_time: bool,
    rel_y: i64,
    rel_m: i64,
    rel_d: i64,
    rel_s: i64,
    /// Business days ("+2 weekdays"), counted after the other relative parts;
    /// `Some(0)` too moves a weekend day ("+0 weekdays").
    rel_weekdays: Option<i64>,
    /// A day name as PHP keeps it: the day (0 = Sunday; negative after
    /// "ago") and how it moves the date (0: "next"/"last"/"second ...",
    /// strictly after the date, the relative days doing the rest; 1: a bare
    /// name or "this", the date itself if it is that day; 2: "... week",
    /// that day of the date's week).
    weekday: Option<(i64, u8)>,
    /// "first day of" (1) / "last day of" (2)
    day_of: u8,
    /// "<nth> <dayname> of" : (n, weekday) ; n = -1 for "last"
    nth_weekday_of: Option<(i64, i64)>,
}

struct Scanner<'a> {
    /// The input in lower case, which is how most of it is read.
    s: &'a [u8],
    /// The input as written, for the few readings where case matters.
    written: &'a [u8],
    p: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.p).copied()
    }
    fn at(&self, k: usize) -> Option<u8> {
        self.s.get(self.p + k).copied()
    }
    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.p += 1;
        }
    }
    fn digits_at(&self, from: usize) -> usize {
        self.s[from.min(self.s.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    }
    fn word_at(&self, from: usize) -> &'a [u8] {
        let from = from.min(self.s.len());
        let n = self.s[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        &self.s[from..from + n]
    }
}

fn num(b: &[u8]) -> Option<i64> {
    if b.is_empty() || b.len() > 15 {
        return None;
    }
    let mut v: i64 = 0;
    for &c in b {
        v = v * 10 + (c - b'0') as i64;
    }
    Some(v)
}

fn month_from_word(w: &[u8]) -> Option<i64> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (i, n) in NAMES.iter().enumerate() {
        if w == n.as_bytes() || w == &n.as_bytes()[..3] {
            return Some(i as i64 + 1);
        }
    }
    if w == b"sept" {
        return Some(9);
    }
    // Roman numeral months are accepted by PHP in some formats; not supported here.
    None
}

fn weekday_from_word(w: &[u8]) -> Option<i64> {
    const NAMES: [&str; 7] = [
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
    ];
    for (i, n) in NAMES.iter().enumerate() {
        if w == n.as_bytes() || w == &n.as_bytes()[..3] {
            return Some(i as i64);
        }
    }
    match w {
        b"tues" => Some(2),
        b"wednes" => Some(3),
        b"thur" | b"thurs" => Some(4),
        _ => None,
    }
}

/// Relative unit → (kind, multiplier). kind: 's' seconds, 'd' days, 'w' weekdays, 'm' months, 'y' years.
fn unit_from_word(w: &[u8]) -> Option<(char, i64)> {
    Some(match w {
        b"sec" | b"secs" | b"second" | b"seconds" => ('s', 1),
        b"min" | b"mins" | b"minute" | b"minutes" => ('s', 60),
        b"hour" | b"hours" => ('s', 3600),
        b"day" | b"days" => ('d', 1),
        b"week" | b"weeks" => ('d', 7),
        b"fortnight" | b"fortnights" | b"forthnight" | b"forthnights" => ('d', 14),
        b"weekday" | b"weekdays" => ('w', 1),
        b"month" | b"months" => ('m', 1),
        b"year" | b"years" => ('y', 1),
        _ => return None,
    })
}

fn ordinal_from_word(w: &[u8]) -> Option<i64> {
    Some(match w {
        b"first" | b"next" => 1,
        b"second" => 2,
        b"third" => 3,
        b"fourth" => 4,
        b"fifth" => 5,
        b"sixth" => 6,
        b"seventh" => 7,
        b"eighth" | b"eight" => 8,
        b"ninth" => 9,
        b"tenth" => 10,
        b"eleventh" => 11,
        b"twelfth" => 12,
        b"last" | b"previous" => -1,
        b"this" => 0,
        _ => return None,
    })
}

/// Zone abbreviations with fixed offsets (seconds): `EST`, `CEST` ... (IANA
/// identifiers such as `Europe/Paris` are read by `zone_from_identifier`).
fn zone_from_word(w: &[u8]) -> Option<i64> {
    Some(match w {
        b"z" | b"utc" | b"gmt" | b"ut" | b"wet" => 0,
        b"bst" | b"cet" | b"wat" | b"west" => 3600,
        b"cest" | b"eet" | b"sast" | b"cat" => 7200,
        b"eest" | b"msk" | b"eat" => 10800,
        b"ist" => 19800,
        b"jst" | b"kst" => 32400,
        b"aest" => 36000,
        b"est" | b"cdt" => -5 * 3600,
        b"edt" | b"ast" => -4 * 3600,
        b"cst" | b"mdt" => -6 * 3600,
        b"mst" | b"pdt" => -7 * 3600,
        b"pst" | b"akdt" => -8 * 3600,
        b"akst" | b"hdt" => -9 * 3600,
        b"hst" => -10 * 3600,
        _ => return None,
    })
}

fn two_digit_year(v: i64, ndigits: usize) -> i64 {
    if ndigits <= 2 {
        if v < 70 { 2000 + v } else { 1900 + v }
    } else {
        v
    }
}

/// Returns the unix time, or None for "Error: Invalid time.".
fn parse_date(input: &str, now_unix: i64, default_zone: Zone) -> Option<i64> {
    if !input.is_ascii() {
        return None;
    }
    let lower = input.trim().to_ascii_lowercase();
    let mut sc = Scanner {
        s: lower.as_bytes(),
        written: input.trim().as_bytes(),
        p: 0,
    };
    let mut ps = Parsed::default();
    // The docs: a four-digit number on its own is always a year (never HHMM).
    let whole_is_year = lower.len() == 4 && lower.bytes().all(|b| b.is_ascii_digit());
    if whole_is_year {
        ps.y = num(lower.as_bytes());
        ps.reset_time = true;
        sc.p = 4;
    }
    loop {
        sc.skip_ws();
        while matches!(sc.peek(), Some(b',')) {
            sc.p += 1;
            sc.skip_ws();
        }
        if sc.peek().is_none() {
            break;
        }
        let before = sc.p;
        parse_item(&mut sc, &mut ps)?;
        if sc.p == before {
            return None; // no progress: unknown token
        }
    }
    compute(&ps, now_unix, default_zone)
}

fn set_date(ps: &mut Parsed, y: Option<i64>, m: i64, d: Option<i64>) -> Option<()> {
    if std::mem::take(&mut ps.date_from_stamp) {
        (ps.y, ps.m, ps.d) = (None, None, None);
    }
    if ps.m.is_some() {
        return None; // date given twice
    }
    if !(0..=12).contains(&m) {
        return None;
    }
    if d.is_some_and(|d| !(0..=31).contains(&d)) {
        return None;
    }
    if y.is_some() {
        if ps.y.is_some() {
            return None;
        }
        ps.y = y;
    }
    ps.m = Some(m);
    ps.d = d;
    Some(())
}

fn set_time(ps: &mut Parsed, h: i64, i: i64, s: i64) -> Option<()> {
    if (ps.time.is_some() && !ps.time_from_keyword) || h > 24 || i > 59 || s > 60 {
        return None;
    }
    ps.time = Some((h, i, s));
    ps.time_from_keyword = false;
    Some(())
}

/// PHP: "yesterday", "midnight", "today", "noon" and "tomorrow" set the time where they
/// appear ("tomorrow 11:00" is 11:00 but "11:00 tomorrow" is midnight).
fn keyword_time(ps: &mut Parsed, h: i64) {
    ps.time = Some((h, 0, 0));
    ps.time_from_keyword = true;
}

/// After "HH[:MM[:SS]]" optionally read am/pm; returns adjusted hour.
fn meridian(sc: &mut Scanner, h: i64) -> Option<Option<i64>> {
    let save = sc.p;
    sc.skip_ws();
    let c0 = sc.peek();
    if matches!(c0, Some(b'a' | b'p')) {
        let mut k = sc.p + 1;
        if sc.s.get(k) == Some(&b'.') {
            k += 1;
        }
        if sc.s.get(k) == Some(&b'm') {
            k += 1;
            if sc.s.get(k) == Some(&b'.') {
                k += 1;
            }
            if !sc.s.get(k).is_some_and(|b| b.is_ascii_alphabetic()) {
                if !(1..=12).contains(&h) {
                    return None;
                }
                sc.p = k;
                let pm = c0 == Some(b'p');
                return Some(Some(match (h, pm) {
                    (12, false) => 0,
                    (12, true) => 12,
                    (h, true) => h + 12,
                    (h, false) => h,
                }));
            }
        }
    }
    sc.p = save;
    Some(None)
}

/// Parse "[+-]HH[:]MM" or "[+-]HH" at the scanner (sign at current position).
fn tz_correction(sc: &mut Scanner) -> Option<i64> {
    let sign = if sc.peek()? == b'-' { -1 } else { 1 };
    sc.p += 1;
    let n = sc.digits_at(sc.p);
    let (h, m) = match n {
        1 | 2 => {
            let h = num(&sc.s[sc.p..sc.p + n])?;
            sc.p += n;
            if sc.peek() == Some(b':') && sc.digits_at(sc.p + 1) == 2 {
                let m = num(&sc.s[sc.p + 1..sc.p + 3])?;
                sc.p += 3;
                (h, m)
            } else {
                (h, 0)
            }
        }
        3 | 4 => {
            let v = num(&sc.s[sc.p..sc.p + n])?;
            sc.p += n;
            (v / 100, v % 100)
        }
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

fn set_tz(ps: &mut Parsed, off: i64) -> Option<()> {
    set_zone(ps, Zone::Fixed(off))
}

fn set_zone(ps: &mut Parsed, z: Zone) -> Option<()> {
    ps.zones += 1;
    match ps.zones {
        1 => ps.tz = Some(z),
        // PHP warns of a second zone and reads on with the first.
        2 => {}
        _ => return None,
    }
    Some(())
}

/// A time zone: a fixed offset from UTC, or an IANA zone with its whole
/// history (the time zone database is bundled with the `tzdb` feature, on
/// by default, so every platform reads the same rules; without it, as in
/// the WebAssembly build, no name is known).
#[derive(Clone, Debug)]
enum Zone {
    /// Seconds east of UTC (UTC itself, `+02:00`, `EST`).
    Fixed(i64),
    Named(jiff::tz::TimeZone),
}

/// The offset from UTC, in minutes, of the IANA zone `zone` (any case) at
/// the Unix time `unix`; `None` for a name the time zone database does not
/// know. Sites use it to turn a configured zone (`$wgLocaltimezone`) into
/// `SiteInfo::local_offset_minutes`.
#[must_use]
pub fn zone_offset_minutes(zone: &str, unix: i64) -> Option<i32> {
    let z = zone_from_identifier(zone.to_ascii_lowercase().as_bytes())?;
    i32::try_from(z.offset_at_utc(unix) / 60).ok()
}

impl Zone {
    fn offset_at_utc(&self, utc: i64) -> i64 {
        match self {
            Zone::Fixed(off) => *off,
            Zone::Named(tz) => jiff::Timestamp::from_second(utc).map_or(0, |ts| i64::from(tz.to_offset(ts).seconds())),
        }
    }

    /// The offset at `utc`, whether it is summer time, and the zone's
    /// abbreviation then (`EDT`; `+03` for a zone without one, as PHP's `T`).
    fn offset_info(&self, utc: i64) -> (i64, bool, String) {
        match self {
            Zone::Fixed(off) => (*off, false, fixed_abbreviation(*off)),
            Zone::Named(tz) => match jiff::Timestamp::from_second(utc) {
                Ok(ts) => {
                    let info = tz.to_offset_info(ts);
                    (i64::from(info.offset().seconds()), info.dst().is_dst(), info.abbreviation().to_string())
                }
                Err(_) => (0, false, fixed_abbreviation(0)),
            },
        }
    }

    /// The Unix time of the wall-clock time `local` (seconds since the epoch
    /// as if it were UTC): a time a clock change skipped reads as the later
    /// offset, one it repeated as the earlier, as PHP reads them.
    fn local_to_utc(&self, local: i64) -> Option<i64> {
        match self {
            Zone::Fixed(off) => local.checked_sub(*off),
            Zone::Named(tz) => {
                let wall = jiff::Timestamp::from_second(local).ok()?.to_zoned(jiff::tz::TimeZone::UTC).datetime();
                tz.to_ambiguous_timestamp(wall).compatible().ok().map(|ts| ts.as_second())
            }
        }
    }
}

/// A fixed offset's abbreviation as PHP prints it: `UTC`, else `+03`, `-0330`.
fn fixed_abbreviation(offset_secs: i64) -> String {
    if offset_secs == 0 {
        return "UTC".to_string();
    }
    let sign = if offset_secs < 0 { '-' } else { '+' };
    let a = offset_secs.unsigned_abs();
    let (h, m) = (a / 3600, (a % 3600) / 60);
    if m == 0 { format!("{sign}{h:02}") } else { format!("{sign}{h:02}{m:02}") }
}

/// An IANA zone identifier (any case), as PHP accepts them.
fn zone_from_identifier(id: &[u8]) -> Option<Zone> {
    let name = std::str::from_utf8(id).ok()?;
    jiff::tz::TimeZone::get(name).ok().map(Zone::Named)
}

/// Parse a time "HH:MM[:SS[.frac]]" starting at the scanner (digits known present).
fn clock_time(sc: &mut Scanner, ps: &mut Parsed) -> Option<()> {
    let n = sc.digits_at(sc.p);
    let h = num(&sc.s[sc.p..sc.p + n])?;
    sc.p += n;
    sc.p += 1; // ':'
    let n2 = sc.digits_at(sc.p);
    if n2 != 2 {
        return None;
    }
    let mi = num(&sc.s[sc.p..sc.p + 2])?;
    sc.p += 2;
    let mut s = 0;
    if sc.peek() == Some(b':') && sc.digits_at(sc.p + 1) == 2 {
        s = num(&sc.s[sc.p + 1..sc.p + 3])?;
        sc.p += 3;
        if matches!(sc.peek(), Some(b'.' | b',')) && sc.digits_at(sc.p + 1) > 0 {
            sc.p += 1;
            sc.p += sc.digits_at(sc.p); // fractions are ignored
        }
    }
    let h = match meridian(sc, h)? {
        Some(h2) => h2,
        None => h,
    };
    set_time(ps, h, mi, s)?;
    // Directly attached zone: "Z", "+01:00", "-0500".
    match sc.peek() {
        Some(b'+' | b'-') if sc.digits_at(sc.p + 1) > 0 => {
            let off = tz_correction(sc)?;
            set_tz(ps, off)?;
        }
        Some(b'z') if !sc.at(1).is_some_and(|b| b.is_ascii_alphabetic()) => {
            sc.p += 1;
            set_tz(ps, 0)?;
        }
        _ => {}
    }
    Some(())
}

/// Is there a relative unit word (after optional whitespace) at `from`? Returns (unit, end).
fn unit_after(sc: &Scanner, from: usize) -> Option<((char, i64), usize)> {
    let mut k = from;
    while matches!(sc.s.get(k), Some(b' ' | b'\t')) {
        k += 1;
    }
    let w = sc.word_at(k);
    let u = unit_from_word(w)?;
    Some((u, k + w.len()))
}

fn add_rel(ps: &mut Parsed, unit: (char, i64), n: i64) -> Option<()> {
    let v = n.checked_mul(unit.1)?;
    let slot = match unit.0 {
        's' => &mut ps.rel_s,
        'd' => &mut ps.rel_d,
        'w' => ps.rel_weekdays.get_or_insert(0),
        'm' => &mut ps.rel_m,
        _ => &mut ps.rel_y,
    };
    *slot = slot.checked_add(v)?;
    if slot.unsigned_abs() > MAX_ABS_SECS as u64 {
        return None;
    }
    Some(())
}

fn parse_item(sc: &mut Scanner, ps: &mut Parsed) -> Option<()> {
    let c = sc.peek()?;
    // @timestamp: as PHP reads it, the epoch in UTC (a date and a time
    // that later ones replace) plus that many seconds as a relative part,
    // so "@1231113600 10:00" is 10:00 on that day and "ago" turns it back.
    if c == b'@' {
        if ps.stamp {
            return None;
        }
        sc.p += 1;
        let neg = if sc.peek() == Some(b'-') {
            sc.p += 1;
            true
        } else {
            false
        };
        let n = sc.digits_at(sc.p);
        if n == 0 || n > 15 {
            return None;
        }
        let v = num(&sc.s[sc.p..sc.p + n])?;
        sc.p += n;
        if sc.peek() == Some(b'.') && sc.digits_at(sc.p + 1) > 0 {
            sc.p += 1;
            sc.p += sc.digits_at(sc.p);
        }
        ps.stamp = true;
        set_tz(ps, 0)?;
        (ps.y, ps.m, ps.d) = (Some(1970), Some(1), Some(1));
        ps.date_from_stamp = true;
        keyword_time(ps, 0);
        ps.rel_s = ps.rel_s.checked_add(if neg { -v } else { v })?;
        return Some(());
    }
    // signed: relative offset or zone correction
    if c == b'+' || c == b'-' {
        // PHP's relative number may have several signs and blanks before its
        // digits ("now + 1 day", "--2 weeks"); each '-' flips the sign.
        let mut k = sc.p;
        let mut negative = false;
        while let Some(&sign @ (b'+' | b'-')) = sc.s.get(k) {
            negative ^= sign == b'-';
            k += 1;
        }
        while matches!(sc.s.get(k), Some(b' ' | b'\t')) {
            k += 1;
        }
        let n = sc.digits_at(k);
        if n > 0 && k - sc.p > 1 {
            if let Some((unit, end)) = unit_after(sc, k + n) {
                let v = num(&sc.s[k..k + n])?;
                sc.p = end;
                return add_rel(ps, unit, if negative { -v } else { v });
            }
        }
        let n = sc.digits_at(sc.p + 1);
        if n == 4 && sc.at(5) == Some(b'-') && sc.digits_at(sc.p + 6) > 0 {
            // Signed ISO 8601 year: "-0001-01-01", "+2001-02-03"
            sc.p += 1;
            parse_number_item(sc, ps)?;
            if c == b'-' {
                ps.y = ps.y.map(|y| -y);
            }
            return Some(());
        }
        if n > 0 {
            if let Some((unit, end)) = unit_after(sc, sc.p + 1 + n) {
                let v = num(&sc.s[sc.p + 1..sc.p + 1 + n])?;
                sc.p = end;
                return add_rel(ps, unit, if c == b'-' { -v } else { v });
            }
            let off = tz_correction(sc)?;
            return set_tz(ps, off);
        }
        return None;
    }
    if c.is_ascii_digit() {
        return parse_number_item(sc, ps);
    }
    if c.is_ascii_alphabetic() {
        return parse_word_item(sc, ps);
    }
    None
}

fn parse_number_item(sc: &mut Scanner, ps: &mut Parsed) -> Option<()> {
    let start = sc.p;
    let n = sc.digits_at(start);
    let v = num(&sc.s[start..start + n]);
    let next = sc.at(n);
    // number + unit: relative
    if let Some((unit, end)) = unit_after(sc, start + n) {
        // but "3 mar" etc. are months, handled below; unit words never collide with months.
        sc.p = end;
        return add_rel(ps, unit, v?);
    }
    // H.MM[.SS]: read once here, as the arm below needs it in its guard.
    let dotted = match (n, next) {
        (1 | 2, Some(b'.')) => dotted_time(sc, start, n),
        _ => None,
    };
    match (n, next) {
        // ISO 8601 / SQL: YYYY-MM-DD, YYYY-MM, YYYY/MM/DD, YYYY-Www[-D]
        (4, Some(b'-' | b'/')) => {
            let sep = next.unwrap();
            let y = v?;
            let mut k = start + 5;
            if sep == b'-' && sc.s.get(k) == Some(&b'w') {
                // ISO week date
                let wn = sc.digits_at(k + 1);
                if wn != 2 {
                    return None;
                }
                let w = num(&sc.s[k + 1..k + 3])?;
                k += 3;
                let mut dow = 1;
                if sc.s.get(k) == Some(&b'-') && sc.digits_at(k + 1) == 1 {
                    dow = num(&sc.s[k + 1..k + 2])?;
                    k += 2;
                }
                sc.p = k;
                return iso_week_date(ps, y, w, dow);
            }
            if sep == b'-' {
                // PostgreSQL's "2008-Jun-30": an abbreviated month and a two-digit day.
                let w = sc.word_at(k);
                let abbreviated = w.len() == 3 || w == b"sept";
                if let Some(m) = month_from_word(w).filter(|_| abbreviated) {
                    let j = k + w.len();
                    if sc.s.get(j) == Some(&b'-') && sc.digits_at(j + 1) == 2 {
                        let d = num(&sc.s[j + 1..j + 3])?;
                        sc.p = j + 3;
                        return set_date(ps, Some(y), m, Some(d));
                    }
                }
            }
            let mn = sc.digits_at(k);
            if mn == 0 || mn > 2 {
                return None;
            }
            let m = num(&sc.s[k..k + mn])?;
            k += mn;
            let mut d = Some(1);
            if sc.s.get(k) == Some(&sep) {
                let dn = sc.digits_at(k + 1);
                if dn == 0 || dn > 2 {
                    return None;
                }
                d = Some(num(&sc.s[k + 1..k + 1 + dn])?);
                k += 1 + dn;
            }
            sc.p = k;
            set_date(ps, Some(y), m, d)?;
            after_date_t(sc);
            Some(())
        }
        (4, Some(b'w')) => {
            // 2008W27 / 2008W273
            let y = v?;
            let k = start + 5;
            let wn = sc.digits_at(k);
            if wn != 2 && wn != 3 {
                return None;
            }
            let w = num(&sc.s[k..k + 2])?;
            let dow = if wn == 3 {
                num(&sc.s[k + 2..k + 3])?
            } else {
                1
            };
            sc.p = k + wn;
            iso_week_date(ps, y, w, dow)
        }
        // Times: H:MM, HH:MM[:SS]
        (1 | 2, Some(b':')) => {
            if sc.digits_at(start + n + 1) == 0 {
                return None;
            }
            clock_time(sc, ps)
        }
        // American m/d[/y]
        (1 | 2, Some(b'/')) => {
            let m = v?;
            let mut k = start + n + 1;
            let dn = sc.digits_at(k);
            if dn == 0 || dn > 2 {
                return None;
            }
            let d = num(&sc.s[k..k + dn])?;
            k += dn;
            let mut y = None;
            if sc.s.get(k) == Some(&b'/') {
                let yn = sc.digits_at(k + 1);
                if yn == 0 || yn > 4 {
                    return None;
                }
                y = Some(two_digit_year(num(&sc.s[k + 1..k + 1 + yn])?, yn));
                k += 1 + yn;
            }
            sc.p = k;
            set_date(ps, y, m, Some(d))
        }
        // H.MM[.SS] (am/pm): a time where PHP reads one no shorter than a
        // date ("10.30", "5.1.09" is 05:01:09; "5.1.2009" is a date).
        (1 | 2, Some(b'.')) if dotted.is_some() => {
            let (h, i, sec, end) = dotted?;
            sc.p = end;
            let h = meridian(sc, h)?.unwrap_or(h);
            set_time(ps, h, i, sec)
        }
        // d-m-Y, d.m.Y, d.m.y, y-m-d (two-digit year first with '-' and two-digit last)
        (1 | 2, Some(sep @ (b'-' | b'.'))) if sc.digits_at(start + n + 1) > 0 => {
            let a = v?;
            let mut k = start + n + 1;
            let bn = sc.digits_at(k);
            if bn > 2 {
                return None;
            }
            let b = num(&sc.s[k..k + bn])?;
            k += bn;
            if sc.s.get(k) != Some(&sep) {
                // "14.30"-style time is not supported; "dd-mm" alone is not a PHP format.
                return None;
            }
            let cn = sc.digits_at(k + 1);
            if cn == 0 || cn > 4 {
                return None;
            }
            let cv = num(&sc.s[k + 1..k + 1 + cn])?;
            k += 1 + cn;
            sc.p = k;
            if sep == b'-' && cn <= 2 {
                // gnudateshort: yy-mm-dd
                set_date(ps, Some(two_digit_year(a, n)), b, Some(cv))
            } else {
                set_date(ps, Some(two_digit_year(cv, cn)), b, Some(a))
            }
        }
        (1 | 2, _) => {
            let a = v?;
            // ordinal suffix
            let mut k = start + n;
            let suf = sc.word_at(k);
            if matches!(suf, b"st" | b"nd" | b"rd" | b"th") {
                k += 2;
            }
            // am/pm: "2pm", "2 pm"
            let save = sc.p;
            sc.p = k;
            if k == start + n {
                if let Some(h) = meridian(sc, a)? {
                    return set_time(ps, h, 0, 0);
                }
            }
            // day month [year]
            let mut j = sc.p;
            while matches!(sc.s.get(j), Some(b' ' | b'\t' | b'.' | b'-')) {
                j += 1;
            }
            let w = sc.word_at(j);
            if w == b"of" {
                j += 2;
                while matches!(sc.s.get(j), Some(b' ' | b'\t')) {
                    j += 1;
                }
            }
            let w = sc.word_at(j);
            if let Some(m) = month_from_word(w) {
                j += w.len();
                let mut y = None;
                // PHP reads the digits after the month as its year whatever
                // follows them ("5 jan 10:00" is the year 2010, then an
                // error); after a comma they are not the year.
                let mut q = j;
                while matches!(sc.s.get(q), Some(b' ' | b'\t' | b'.' | b'-')) {
                    q += 1;
                }
                let yn = sc.digits_at(q);
                if (1..=4).contains(&yn) {
                    y = Some(two_digit_year(num(&sc.s[q..q + yn])?, yn));
                    j = q + yn;
                }
                sc.p = j;
                return set_date(ps, y, m, Some(a));
            }
            sc.p = save;
            None
        }
        (6, _) => {
            // HHMMSS (the docs: six digits are a time if possible, else an
            // error). As in PHP, hour 24 is the next day's midnight hour and
            // second 60 the next minute's first ("240809" is 00:08:09
            // tomorrow, "070860" 07:09:00).
            let x = v?;
            sc.p = start + 6;
            set_time(ps, x / 10000, (x / 100) % 100, x % 100)
        }
        (8, _) => {
            let x = v?;
            sc.p = start + 8;
            set_date(ps, Some(x / 10000), (x / 100) % 100, Some(x % 100))?;
            after_date_t(sc);
            Some(())
        }
        (14, _) => {
            // MediaWiki timestamp YYYYMMDDHHMMSS
            let x = v?;
            sc.p = start + 14;
            let (dpart, tpart) = (x / 1_000_000, x % 1_000_000);
            set_date(
                ps,
                Some(dpart / 10000),
                (dpart / 100) % 100,
                Some(dpart % 100),
            )?;
            set_time_strict(ps, tpart / 10000, (tpart / 100) % 100, tpart % 100)
        }
        (4, _) => {
            // As PHP reads four digits standing alone: a time (HHMM) when
            // they make one and no time was given yet ("5 jan, 2010" is
            // 20:10), else a year ("5 jan, 1999").
            let x = v?;
            sc.p = start + 4;
            let (h, i) = (x / 100, x % 100);
            if (ps.time.is_none() || ps.time_from_keyword) && h <= 24 && i <= 59 {
                set_time(ps, h, i, 0)
            } else {
                ps.y = Some(x);
                ps.reset_time = true;
                Some(())
            }
        }
        _ => None,
    }
}

/// `H.MM[.SS]` at `start` (`n` digits of hour) as PHP's time formats read
/// it, when no date reading of the same digits (`d.m.yy`, `d.m.yyyy`) is
/// longer: (hour, minute, second, end).
fn dotted_time(sc: &Scanner, start: usize, n: usize) -> Option<(i64, i64, i64, usize)> {
    let h = num(&sc.s[start..start + n])?;
    let mut k = start + n + 1;
    let mn = sc.digits_at(k);
    if h > 24 || !(1..=2).contains(&mn) {
        return None;
    }
    let i = num(&sc.s[k..k + mn])?;
    if i > 59 {
        return None;
    }
    k += mn;
    let mut sec = 0;
    if sc.s.get(k) == Some(&b'.') {
        let sn = sc.digits_at(k + 1);
        if (1..=2).contains(&sn) {
            let v = num(&sc.s[k + 1..k + 1 + sn])?;
            if v <= 60 {
                sec = v;
                k += 1 + sn;
            }
        }
    }
    // The date reading: day.month.year with a two- or four-digit year.
    let month_end = start + n + 1 + mn;
    let yn = if sc.s.get(month_end) == Some(&b'.') { sc.digits_at(month_end + 1) } else { 0 };
    let date_end = if matches!(yn, 2 | 4) { month_end + 1 + yn } else { 0 };
    (k >= date_end).then_some((h, i, sec, k))
}

fn set_time_strict(ps: &mut Parsed, h: i64, i: i64, s: i64) -> Option<()> {
    if h > 23 || i > 59 || s > 59 {
        return None;
    }
    set_time(ps, h, i, s)
}

/// Consume a 'T' separating an ISO date from its time ("2001-02-03T04:05:06Z").
fn after_date_t(sc: &mut Scanner) {
    if sc.peek() == Some(b't') && sc.digits_at(sc.p + 1) > 0 {
        sc.p += 1;
    }
}

fn iso_week_date(ps: &mut Parsed, y: i64, w: i64, dow: i64) -> Option<()> {
    if !(1..=53).contains(&w) || !(0..=7).contains(&dow) {
        return None;
    }
    // Monday of week 1 is the Monday on or before January 4th.
    let jan4 = days_from_civil(y, 1, 4);
    let iso_dow = (weekday_of_days(jan4) + 6) % 7;
    let days = jan4 - iso_dow + (w - 1) * 7 + (dow - 1);
    // As PHP keeps it: January 1st and the days from it as the relative
    // days, which "ago" turns back and a day name counts from.
    set_date(ps, Some(y), 1, Some(1))?;
    ps.rel_d = days - days_from_civil(y, 1, 1);
    Some(())
}

fn parse_word_item(sc: &mut Scanner, ps: &mut Parsed) -> Option<()> {
    let start = sc.p;
    let w = sc.word_at(start);
    let wl = w.len();
    // 'T' time designator glued to digits ("t14:30")
    if w == b"t" && sc.digits_at(start + 1) > 0 {
        sc.p += 1;
        return Some(());
    }
    match w {
        b"now" => {
            sc.p += wl;
            return Some(());
        }
        b"back" | b"front" => {
            // "back of 7pm" is 19:15, "front of 7pm" 18:45 (the hour before).
            let mut k = start + wl;
            while matches!(sc.s.get(k), Some(b' ' | b'\t')) {
                k += 1;
            }
            if sc.word_at(k) != b"of" {
                return None;
            }
            k += 2;
            while matches!(sc.s.get(k), Some(b' ' | b'\t')) {
                k += 1;
            }
            let n = sc.digits_at(k);
            if !(1..=2).contains(&n) {
                return None;
            }
            let mut h = num(&sc.s[k..k + n])?;
            sc.p = k + n;
            if let Some(h12) = meridian(sc, h)? {
                h = h12;
            }
            if h > 24 {
                return None;
            }
            set_time(ps, h, 0, 0)?;
            ps.rel_s += if w == b"back" { 15 * 60 } else { -15 * 60 };
            return Some(());
        }
        b"today" | b"midnight" => {
            sc.p += wl;
            keyword_time(ps, 0);
            return Some(());
        }
        b"noon" => {
            // A time of its own in PHP: it replaces one before it, and one
            // after it is a second time.
            sc.p += wl;
            ps.time = Some((12, 0, 0));
            ps.time_from_keyword = false;
            return Some(());
        }
        b"tomorrow" | b"yesterday" => {
            sc.p += wl;
            keyword_time(ps, 0);
            // PHP sets the relative days rather than adding to them:
            // "yesterday tomorrow" is tomorrow, "+1 week tomorrow" too.
            ps.rel_d = if w == b"tomorrow" { 1 } else { -1 };
            return Some(());
        }
        b"ago" => {
            sc.p += wl;
            ps.rel_y = -ps.rel_y;
            ps.rel_m = -ps.rel_m;
            ps.rel_d = -ps.rel_d;
            ps.rel_s = -ps.rel_s;
            ps.rel_weekdays = ps.rel_weekdays.map(|w| -w);
            // PHP turns a day name back too (a Sunday, 0, becomes -7).
            ps.weekday = ps.weekday.map(|(wd, behavior)| (if wd == 0 { -7 } else { -wd }, behavior));
            return Some(());
        }
        _ => {}
    }
    // "first day of" / "last day of"
    if matches!(w, b"first" | b"last") {
        let mut k = start + wl;
        while matches!(sc.s.get(k), Some(b' ' | b'\t')) {
            k += 1;
        }
        let w2 = sc.word_at(k);
        if w2 == b"day" {
            let mut k2 = k + 3;
            while matches!(sc.s.get(k2), Some(b' ' | b'\t')) {
                k2 += 1;
            }
            if sc.word_at(k2) == b"of" {
                sc.p = k2 + 2;
                ps.day_of = if w == b"first" { 1 } else { 2 };
                return Some(());
            }
        }
    }
    // ordinal / reltext followed by unit or dayname
    if let Some(ord) = ordinal_from_word(w) {
        let mut k = start + wl;
        while matches!(sc.s.get(k), Some(b' ' | b'\t')) {
            k += 1;
        }
        let w2 = sc.word_at(k);
        // "next week", "last week", "this week": seven days either way,
        // and the date moves to its week's Monday (or the day a name gave).
        if w2 == b"week" && matches!(w, b"next" | b"last" | b"previous" | b"this") {
            sc.p = k + w2.len();
            ps.rel_d = ps.rel_d.checked_add(ord * 7)?;
            ps.weekday = Some((ps.weekday.map_or(1, |(wd, _)| wd), 2));
            return Some(());
        }
        if let Some(unit) = unit_from_word(w2) {
            sc.p = k + w2.len();
            if unit.0 == 'w' {
                // "next weekday" is a day: its time is midnight unless one follows.
                keyword_time(ps, 0);
            }
            return add_rel(ps, unit, ord);
        }
        if let Some(wd) = weekday_from_word(w2) {
            let mut k2 = k + w2.len();
            while matches!(sc.s.get(k2), Some(b' ' | b'\t')) {
                k2 += 1;
            }
            if sc.word_at(k2) == b"of" && w != b"next" && w != b"this" && w != b"previous" {
                if ps.nth_weekday_of.is_some() {
                    return None;
                }
                sc.p = k2 + 2;
                ps.nth_weekday_of = Some((ord, wd));
                keyword_time(ps, 0);
                return Some(());
            }
            // "next monday", "last friday", "second tuesday": the weeks
            // beyond the first go to the relative days, as PHP counts them;
            // a later day name replaces an earlier one.
            sc.p = k + w2.len();
            ps.rel_d = ps.rel_d.checked_add(if ord > 0 { ord - 1 } else { ord } * 7)?;
            ps.weekday = Some((wd, u8::from(w == b"this")));
            keyword_time(ps, 0);
            return Some(());
        }
    }
    if let Some(wd) = weekday_from_word(w) {
        sc.p += wl;
        if sc.peek() == Some(b'.') {
            sc.p += 1;
        }
        let behavior = match ps.weekday {
            Some((_, 2)) => 2,
            _ => 1,
        };
        ps.weekday = Some((wd, behavior));
        keyword_time(ps, 0);
        return Some(());
    }
    if let Some(m) = month_from_word(w) {
        // month [day[suffix]] [,] [year]  |  month year
        let mut k = start + wl;
        if sc.s.get(k) == Some(&b'.') {
            k += 1;
        }
        let mut j = k;
        while matches!(sc.s.get(j), Some(b' ' | b'\t' | b'-' | b'.')) {
            j += 1;
        }
        let n = sc.digits_at(j);
        let is_time = sc.s.get(j + n) == Some(&b':');
        if n == 4 && !is_time {
            sc.p = j + 4;
            return set_date(ps, num(&sc.s[j..j + 4]), m, Some(1));
        }
        if (1..=2).contains(&n) && !is_time && unit_after(sc, j + n).is_none() {
            let d = num(&sc.s[j..j + n])?;
            if d > 31 {
                return None;
            }
            let mut q = j + n;
            if matches!(sc.word_at(q), b"st" | b"nd" | b"rd" | b"th") {
                q += 2;
            }
            // optional year
            let mut r = q;
            while matches!(sc.s.get(r), Some(b' ' | b'\t' | b',' | b'.' | b'-')) {
                r += 1;
            }
            let yn = sc.digits_at(r);
            let mut y = None;
            if yn == 4 && sc.s.get(r + 4) != Some(&b':') && unit_after(sc, r + 4).is_none() {
                y = num(&sc.s[r..r + 4]);
                q = r + 4;
            }
            sc.p = q;
            return set_date(ps, y, m, Some(d));
        }
        sc.p = k;
        return set_date(ps, None, m, None);
    }
    if sc.s.get(start + wl) == Some(&b'/') {
        // PHP reads an identifier only when its first part is written as
        // the database writes it, a capital then small letters
        // ("Pacific/auckland"; "pacific/Auckland" and "PACIFIC/AUCKLAND"
        // are errors); the rest is found in any case.
        let first = &sc.written[start..start + wl];
        if !(first.len() > 1 && first[0].is_ascii_uppercase() && first[1..].iter().all(u8::is_ascii_lowercase)) {
            return None;
        }
        let n = sc.s[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-'))
            .count();
        let z = zone_from_identifier(&sc.s[start..start + n])?;
        sc.p = start + n;
        return set_zone(ps, z);
    }
    if let Some(off) = zone_from_word(w) {
        sc.p += wl;
        // "GMT+1", "UTC-05:00"
        if matches!(sc.peek(), Some(b'+' | b'-')) && sc.digits_at(sc.p + 1) > 0 {
            let o2 = tz_correction(sc)?;
            return set_tz(ps, off + o2);
        }
        return set_tz(ps, off);
    }
    None
}

fn compute(ps: &Parsed, now_unix: i64, default_zone: Zone) -> Option<i64> {
    if now_unix.unsigned_abs() > MAX_ABS_SECS as u64 {
        return None;
    }
    let zone = ps.tz.as_ref().unwrap_or(&default_zone);
    let base = now_unix;
    let base_local = base.checked_add(zone.offset_at_utc(base))?;
    let base_days = base_local.div_euclid(86400);
    let base_sod = base_local.rem_euclid(86400);
    let (by, bm, bd) = civil_from_days(base_days);
    let (mut y, mut m, mut d) = (by, bm, bd);
    let has_date = ps.y.is_some() || ps.m.is_some() || ps.d.is_some();
    if let Some(py) = ps.y {
        y = py;
    }
    if let Some(pm) = ps.m {
        m = pm;
    }
    if let Some(pd) = ps.d {
        d = pd;
    }
    let sod = match ps.time {
        Some((h, i, s)) => h * 3600 + i * 60 + s,
        None if has_date || ps.reset_time => 0,
        None => base_sod,
    };
    // As PHP orders them: a day name moves the date first, then the
    // relative years, months and days are added, then "first/last day of"
    // and "<nth> <day name> of" pick the day, then business days are counted.
    if let Some((mut wd, behavior)) = ps.weekday {
        let mut days = days_from_civil(y, m, 1).checked_add(d - 1)?;
        let cur = weekday_of_days(days);
        if behavior == 2 {
            // That day of the date's week, Monday first.
            if cur == 0 && wd != 0 {
                wd -= 7;
            }
            if wd == 0 && cur != 0 {
                wd = 7;
            }
            days += wd - cur;
        } else {
            let mut difference = wd - cur;
            if (ps.rel_d < 0 && difference < 0) || (ps.rel_d >= 0 && difference <= -i64::from(behavior)) {
                difference += 7;
            }
            if wd >= 0 {
                days += difference;
            } else {
                days -= 7 - (wd.abs() - cur);
            }
        }
        (y, m, d) = civil_from_days(days);
    }
    // Relative months and years, normalising the month (day overflow is normalised below).
    let total_m = y
        .checked_add(ps.rel_y)?
        .checked_mul(12)?
        .checked_add(m - 1)?
        .checked_add(ps.rel_m)?;
    if total_m.unsigned_abs() > 12 * 1_000_000 {
        return None;
    }
    y = total_m.div_euclid(12);
    m = total_m.rem_euclid(12) + 1;
    let mut days = if let Some((n, wd)) = ps.nth_weekday_of {
        let first = days_from_civil(y, m, 1);
        let day = if n > 0 {
            let delta = (wd - weekday_of_days(first)).rem_euclid(7);
            first + delta + (n - 1) * 7
        } else if n < 0 {
            let last = days_from_civil(y, m, days_in_month(y, m));
            last - (weekday_of_days(last) - wd).rem_euclid(7)
        } else {
            return None;
        };
        day.checked_add(ps.rel_d)?
    } else {
        match ps.day_of {
            // The relative days are overwritten by the day it names.
            1 => days_from_civil(y, m, 1),
            2 => days_from_civil(y, m, days_in_month(y, m)),
            _ => days_from_civil(y, m, 1).checked_add(d - 1)?.checked_add(ps.rel_d)?,
        }
    };
    if let Some(weekdays) = ps.rel_weekdays {
        days = add_weekdays(days, weekdays)?;
    }
    if days.unsigned_abs() > (MAX_ABS_SECS / 86400) as u64 {
        return None;
    }
    let sod = sod.checked_add(ps.rel_s)?;
    let local = days.checked_mul(86400)?.checked_add(sod)?;
    let unix = zone.local_to_utc(local)?;
    if unix.unsigned_abs() > MAX_ABS_SECS as u64 {
        return None;
    }
    Some(unix)
}

/// `days` moved `n` business days (Monday to Friday), as PHP counts them:
/// whole weeks first, then the rest, stepping over a weekend; a count that
/// lands on a weekend (or starts on one) stops at the Friday before going
/// forward, the Monday after going back.
fn add_weekdays(days: i64, n: i64) -> Option<i64> {
    // 0 = Sunday ... 6 = Saturday.
    let dow = weekday_of_days(days);
    let weeks = n / 5;
    let rem = n % 5;
    let mut d = days.checked_add(weeks.checked_mul(7)?)?;
    if n > 0 {
        if rem == 0 {
            d -= match dow {
                0 => 2,
                6 => 1,
                _ => 0,
            };
        } else if dow == 6 {
            d += 1;
        } else if dow + rem > 5 {
            d += 2;
        }
    } else if rem == 0 {
        d += match dow {
            6 => 2,
            0 => 1,
            _ => 0,
        };
    } else if dow == 0 {
        d -= 1;
    } else if dow + rem < 1 {
        d -= 2;
    }
    d.checked_add(rem)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Fixed clock: 1970-01-01T00:02:03Z, a Thursday.
    fn clk() -> Clock {
        Clock {
            now_unix: 123,
            local_offset_minutes: 0,
            local_zone: None,
        }
    }
    fn at(unix: i64) -> Clock {
        Clock {
            now_unix: unix,
            local_offset_minutes: 0,
            local_zone: None,
        }
    }
    fn t(f: &str, d: &str) -> String {
        time(f, d, false, &clk(), &date_names::ENGLISH).unwrap_or_else(|e| e)
    }
    fn tc(f: &str, d: &str, c: &Clock) -> String {
        time(f, d, false, c, &date_names::ENGLISH).unwrap_or_else(|e| e)
    }
    const INV: &str = "Error: Invalid time.";

    // ---- format codes on the fixed clock (Help:Extension:ParserFunctions, "##time" table;
    //      PHP manual, date() format characters) ----
    #[test]
    fn codes_on_epoch_clock() {
        let cases = [
            ("Y", "1970"),
            ("y", "70"),
            ("L", "0"),
            ("o", "1970"),
            ("n", "1"),
            ("m", "01"),
            ("M", "Jan"),
            ("F", "January"),
            ("xg", "January"),
            ("j", "1"),
            ("d", "01"),
            ("z", "0"),
            ("W", "01"),
            ("N", "4"),
            ("w", "4"),
            ("D", "Thu"),
            ("l", "Thursday"),
            ("a", "am"),
            ("A", "AM"),
            ("g", "12"),
            ("h", "12"),
            ("G", "0"),
            ("H", "00"),
            ("i", "02"),
            ("s", "03"),
            ("U", "123"),
            ("e", "UTC"),
            ("I", "0"),
            ("O", "+0000"),
            ("P", "+00:00"),
            ("T", "UTC"),
            ("Z", "0"),
            ("t", "31"),
            ("c", "1970-01-01T00:02:03+00:00"),
            ("r", "Thu, 01 Jan 1970 00:02:03 +0000"),
        ];
        for (f, want) in cases {
            assert_eq!(t(f, ""), want, "format {f}");
        }
    }

    #[test]
    fn codes_afternoon_and_leap() {
        assert_eq!(t("g h G H a A", "2000-02-29 15:04:05"), "3 03 15 15 pm PM");
        assert_eq!(t("L z t N D l", "2000-02-29"), "1 59 29 2 Tue Tuesday");
        assert_eq!(t("L t", "1900-02-01"), "0 28");
        assert_eq!(t("L t", "2004-02-01"), "1 29");
        assert_eq!(t("z", "2001-12-31"), "364");
        assert_eq!(t("z", "2000-12-31"), "365");
        assert_eq!(t("g a", "2000-01-01 12:00"), "12 pm");
        assert_eq!(t("h A", "2000-01-01 00:30"), "12 AM");
    }

    #[test]
    fn iso_week_edges() {
        assert_eq!(t("o-W-N", "2008-12-29"), "2009-01-1");
        assert_eq!(t("o-W-N", "2010-01-03"), "2009-53-7");
        assert_eq!(t("o-W", "2004-12-31"), "2004-53");
        assert_eq!(t("o-W", "2021-01-01"), "2020-53");
        assert_eq!(t("o-W", "2021-01-04"), "2021-01");
        // Year 2000 started on a Saturday.
        assert_eq!(t("D l N w W o", "2000-01-01"), "Sat Saturday 6 6 52 1999");
        assert_eq!(t("Y y", "2000-06-15"), "2000 00");
    }

    #[test]
    fn escapes_and_literals() {
        // Docs: backslash escapes one character; "..." is literal; xx is a literal x.
        assert_eq!(t("\\Y", ""), "Y");
        assert_eq!(t("\\\\", ""), "\\");
        assert_eq!(t("Y\\", ""), "1970\\");
        assert_eq!(t("\"Y-m-d\" Y", ""), "Y-m-d 1970");
        assert_eq!(t("[[Y \"(year)\"]]", ""), "[[1970 (year)]]");
        // Docs example shape: unescaped letters are codes.
        assert_eq!(
            t("[[Y (year)]]", ""),
            "[[1970 (70UTCamThu, 01 Jan 1970 00:02:03 +0000)]]"
        );
        // Docs example {{#time: i's" }}: an unclosed quote is printed.
        assert_eq!(t("i's\"", ""), "02'03\"");
        assert_eq!(t("xx", ""), "x");
        assert_eq!(t("x", ""), "x");
        assert_eq!(t("", ""), "");
        assert_eq!(t("日本 Y", ""), "日本 1970");
        assert_eq!(t("- / : , .", ""), "- / : , .");
    }

    #[test]
    fn x_codes() {
        assert_eq!(t("xrY", "2008-01-01"), "MMVIII");
        assert_eq!(t("xrn xrj Y", "2008-04-09"), "IV IX 2008");
        assert_eq!(t("xrY", "0000-01-01"), "0000"); // no Roman zero: plain number
        assert_eq!(t("xnY xNY", "2008-01-01"), "2008 2008");
        assert_eq!(t("xkY xoY", "2008-01-01"), "2551 97");
        // Japanese eras: the year an era begins is its first (元), named from its first day.
        assert_eq!(t("xtY", "2008-03-15"), "平成20");
        assert_eq!(t("xtY", "2019-04-30"), "平成31");
        assert_eq!(t("xtY", "2019-05-01"), "令和元");
        assert_eq!(t("xtY", "1989-01-07"), "昭和64");
        assert_eq!(t("xtY", "1912-07-30"), "大正元");
        assert_eq!(t("xtY", "1900-01-01"), "明治33");
        assert_eq!(t("xtY", "1850-01-01"), "1850");
        assert_eq!(t("xtY年n月j日", "2024-02-03"), "令和6年2月3日");
        assert_eq!(t("xt", "2024-02-03"), "x29");
        assert_eq!(t("xhY", "1970-01-01"), "א׳תתק״ע");
        assert_eq!(t("xhj", "1970-01-15"), "ט״ו");
        assert_eq!(t("xhj", "1970-01-05"), "ה׳");
        assert_eq!(t("xqY", ""), "xq1970");
        // Solar Hijri: 1 Farvardin 1403 = 2024-03-20; 1 Farvardin 1404 = 2025-03-21 (1403 is leap).
        assert_eq!(
            t("xij xiF xiY xin xiy", "2024-03-20"),
            "1 Farvardin 1403 1 03"
        );
        assert_eq!(t("xij xin xiY xit xiz", "2025-03-20"), "30 12 1403 30 365");
        assert_eq!(t("xij xiF xiY", "2025-03-21"), "1 Farvardin 1404");
        assert_eq!(t("xij xiF xiY", "2024-10-22"), "1 Aban 1403");
        // Tabular Islamic (civil epoch 622-07-16 Julian): 1 Muharram 1446 = 2024-07-08;
        // 1 Ramadan 1445 = 2024-03-11; 1 Muharram 1 = 622-07-19 proleptic Gregorian.
        assert_eq!(t("xmj xmF xmY xmn", "2024-07-08"), "1 Muharram 1446 1");
        assert_eq!(t("xmj xmn xmY", "2024-07-07"), "30 12 1445");
        assert_eq!(t("xmj xmF xmY", "0622-07-19"), "1 Muharram 1");
        assert_eq!(t("xmj xmF xmY", "2024-03-11"), "1 Ramadan 1445");
        assert_eq!(t("xrxmY", "2024-03-11"), "MCDXLV");
        assert_eq!(t("xmq", ""), "x01q"); // unknown x-code: literal x, then m
    }

    #[test]
    fn hebrew_calendar() {
        // Help:Extension:ParserFunctions, #time: xjj, xjF, xjt, xjx, xjn, xjY.
        assert_eq!(t("xjj xjF xjn xjY xjt", "2000-01-01"), "23 Tevet 4 5760 29");
        assert_eq!(t("xjj xjF xjY", "2023-09-16"), "1 Tishrei 5784");
        assert_eq!(t("xjj xjF xjY", "2023-09-15"), "29 Elul 5783");
        // 5784 is a leap year: Adar I is month 13, Adar II month 14.
        assert_eq!(t("xjj xjF xjn xjt", "2024-02-10"), "1 Adar I 13 30");
        assert_eq!(t("xjj xjF xjn xjt", "2024-03-11"), "1 Adar II 14 29");
        assert_eq!(t("xjj xjF xjn", "2024-04-09"), "1 Nisan 7");
        assert_eq!(t("xjj xjx xjn", "2023-03-01"), "8 Adar 6");
        assert_eq!(t("xjF xjt", "2023-11-10"), "Cheshvan 29");
        assert_eq!(t("xjj xjF xjt", "2023-11-20"), "7 Kislev 29");
        assert_eq!(t("xhxjY", "2000-01-01"), "ה׳תש״ס");
        assert_eq!(t("xjY xjn xjj", "1970-01-01"), "5730 4 23");
        // Every day of the supported years converts.
        for y in [0, 1, 1582, 9999] {
            let _ = t("xjj xjF xjY", &format!("{y:04}-06-15"));
        }
    }

    // ---- zones and the 'local' argument ----
    #[test]
    fn local_offsets() {
        let plus = Clock {
            now_unix: 123,
            local_offset_minutes: 60,
            local_zone: None,
        };
        assert_eq!(
            time("H:i e O P T Z", "", true, &plus, &date_names::ENGLISH).unwrap(),
            "01:02 +01:00 +0100 +01:00 +01:00 3600"
        );
        assert_eq!(time("H:i e", "", false, &plus, &date_names::ENGLISH).unwrap(), "00:02 UTC");
        let minus = Clock {
            now_unix: 123,
            local_offset_minutes: -330,
            local_zone: None,
        };
        assert_eq!(
            time("Y-m-d H:i O P Z", "", true, &minus, &date_names::ENGLISH).unwrap(),
            "1969-12-31 18:32 -0530 -05:30 -19800"
        );
        assert_eq!(
            time("c", "", true, &minus, &date_names::ENGLISH).unwrap(),
            "1969-12-31T18:32:03-05:30"
        );
        // A date without zone is read in UTC, local or not; local output is in the zone.
        assert_eq!(
            time("H:i U", "1970-01-01 01:00", true, &plus, &date_names::ENGLISH).unwrap(),
            "02:00 3600"
        );
        assert_eq!(
            time("Y-m-d H:i", "1970-01-01", true, &minus, &date_names::ENGLISH).unwrap(),
            "1969-12-31 18:30"
        );
        assert_eq!(
            time("H:i U", "1970-01-01 01:00", false, &plus, &date_names::ENGLISH).unwrap(),
            "01:00 3600"
        );
        // An explicit zone wins over the local zone for reading.
        assert_eq!(
            time("H:i", "1970-01-01 01:00 UTC", true, &plus, &date_names::ENGLISH).unwrap(),
            "02:00"
        );
        let zero = Clock {
            now_unix: 123,
            local_offset_minutes: 0,
            local_zone: None,
        };
        assert_eq!(time("e T", "", true, &zero, &date_names::ENGLISH).unwrap(), "UTC UTC");
    }

    #[test]
    fn named_local_zone() {
        // #timel in the wiki's zone ($wgLocaltimezone): PHP's DateTime in
        // that zone, summer time by the date shown, `e` the zone's name,
        // `T` its abbreviation, `I` the daylight-saving flag.
        let ny = Clock {
            now_unix: 123,
            local_offset_minutes: -300,
            local_zone: Some("America/New_York".to_string()),
        };
        assert_eq!(time("Y-m-d H:i e T O I", "", true, &ny, &date_names::ENGLISH).unwrap(), "1969-12-31 19:02 America/New_York EST -0500 0");
        assert_eq!(time("H:i T P I", "2000-07-01 12:00", true, &ny, &date_names::ENGLISH).unwrap(), "08:00 EDT -04:00 1");
        assert_eq!(time("H:i T", "2000-07-01 12:00 UTC", true, &ny, &date_names::ENGLISH).unwrap(), "08:00 EDT");
        assert_eq!(time("U", "2000-07-01 12:00", true, &ny, &date_names::ENGLISH).unwrap(), "962452800");
        // Not local: UTC.
        assert_eq!(time("H:i e T I", "", false, &ny, &date_names::ENGLISH).unwrap(), "00:02 UTC UTC 0");
        let london = Clock {
            now_unix: 123,
            local_offset_minutes: 60,
            local_zone: Some("Europe/London".to_string()),
        };
        // 1970 was in British Standard Time (+1 all year, not summer time).
        assert_eq!(time("H:i T I", "", true, &london, &date_names::ENGLISH).unwrap(), "01:02 BST 0");
        assert_eq!(time("H:i T I", "2000-01-15 12:00", true, &london, &date_names::ENGLISH).unwrap(), "12:00 GMT 0");
        assert_eq!(time("H:i T I", "2000-07-15 12:00", true, &london, &date_names::ENGLISH).unwrap(), "13:00 BST 1");
        let paris = Clock { now_unix: 123, local_offset_minutes: 60, local_zone: Some("Europe/Paris".to_string()) };
        assert_eq!(time("T|T", "2000-07-15", true, &paris, &date_names::ENGLISH).unwrap(), "CEST|CEST");
        assert_eq!(time("T", "", true, &paris, &date_names::ENGLISH).unwrap(), "CET");
        let kolkata = Clock { now_unix: 123, local_offset_minutes: 330, local_zone: Some("Asia/Kolkata".to_string()) };
        assert_eq!(time("H:i e T", "", true, &kolkata, &date_names::ENGLISH).unwrap(), "05:32 Asia/Kolkata IST");
        let dubai = Clock { now_unix: 123, local_offset_minutes: 240, local_zone: Some("Asia/Dubai".to_string()) };
        assert_eq!(time("T", "", true, &dubai, &date_names::ENGLISH).unwrap(), "+04");
        // A zone the table lacks: the fixed offset.
        let mars = Clock { now_unix: 123, local_offset_minutes: 60, local_zone: Some("Mars/Olympus".to_string()) };
        assert_eq!(time("H:i e", "", true, &mars, &date_names::ENGLISH).unwrap(), "01:02 +01:00");
    }

    #[test]
    fn zone_offsets_and_british_standard_time() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2021, 3, 14), 18_700);
        assert_eq!(civil_from_days(days_from_civil(2000, 2, 29)), (2000, 2, 29));
        // British Standard Time: summer time all year from February 1968 to October 1971.
        assert_eq!(zone_offset_minutes("Europe/London", days_from_civil(1968, 2, 18) * 86_400 + 2 * 3600 - 1), Some(0));
        assert_eq!(zone_offset_minutes("Europe/London", days_from_civil(1968, 2, 18) * 86_400 + 2 * 3600), Some(60));
        assert_eq!(zone_offset_minutes("Europe/London", days_from_civil(1971, 10, 31) * 86_400 + 2 * 3600), Some(0));
        assert_eq!(zone_offset_minutes("Europe/London", 123), Some(60));
        assert_eq!(zone_offset_minutes("europe/paris", 1_635_641_999), Some(120));
        assert_eq!(zone_offset_minutes("Nowhere/Town", 123), None);
    }

    #[test]
    fn explicit_zones() {
        // Docs: input times are UTC; explicit zones are converted to UTC for output.
        assert_eq!(t("c", "15 January 2001"), "2001-01-15T00:00:00+00:00");
        assert_eq!(t("Y-m-d H:i", " 2011-11-12 23:00 UTC "), "2011-11-12 23:00");
        assert_eq!(t("Y-m-d H:i", "2011-11-12 23:00 EST"), "2011-11-13 04:00");
        assert_eq!(t("Y-m-d H:i", "2011-11-12 23:00 GMT+1"), "2011-11-12 22:00");
        assert_eq!(
            t("Y-m-d H:i", "2011-11-12 23:00 +01:00"),
            "2011-11-12 22:00"
        );
        assert_eq!(t("Y-m-d H:i", "2011-11-12 23:00 -0500"), "2011-11-13 04:00");
        assert_eq!(t("c", "2001-02-03T04:05:06Z"), "2001-02-03T04:05:06+00:00");
        assert_eq!(
            t("c", "2001-02-03T04:05:06+02:00"),
            "2001-02-03T02:05:06+00:00"
        );
        assert_eq!(
            t("c", "2001-02-03T04:05:06.789Z"),
            "2001-02-03T04:05:06+00:00"
        );
        // IANA identifiers, with their summer time; the first part written
        // as PHP requires it (a capital, then small letters), the rest in any case.
        assert_eq!(t("Y-m-d H:i", "2009-01-05 12:00 Pacific/auckland"), "2009-01-04 23:00");
        assert_eq!(t("Y-m-d H:i", "2009-01-05 12:00 pacific/Auckland"), INV);
        assert_eq!(t("Y-m-d H:i", "2009-01-05 12:00 PACIFIC/AUCKLAND"), INV);
        assert_eq!(t("Y-m-d H:i", "2009-01-05 12:00 America/Argentina/Buenos_Aires"), "2009-01-05 14:00");
        assert_eq!(
            t("Y-m-d H:i", "2011-11-12 23:00 Europe/Paris"),
            "2011-11-12 22:00"
        );
        assert_eq!(
            t("Y-m-d H:i", "2011-07-12 23:00 Europe/Paris"),
            "2011-07-12 21:00"
        );
        assert_eq!(
            t("Y-m-d H:i", "2011-11-12 23:00 America/New_York"),
            "2011-11-13 04:00"
        );
        assert_eq!(
            t("Y-m-d H:i", "2011-07-12 23:00 America/New_York"),
            "2011-07-13 03:00"
        );
        assert_eq!(
            t("Y-m-d H:i", "2011-07-12 23:00 Asia/Kolkata"),
            "2011-07-12 17:30"
        );
        assert_eq!(t("Y", "2011-11-12 23:00 Mars/Olympus_Mons"), INV);
        // A second zone is ignored (PHP warns), a third is an error.
        assert_eq!(t("Y-m-d H:i", "2011-11-12 23:00 Europe/Paris UTC"), "2011-11-12 22:00");
        assert_eq!(t("Y", "2011-11-12 23:00 +0100 +0200 +0300"), INV);
    }

    /// Week words and day names as PHP 8.2 reads them (its answers, on the
    /// test clock: Thursday 1970-01-01 00:02:03 UTC).
    #[test]
    fn week_words_and_repeated_day_names() {
        let f = "Y-m-d H:i:s";
        for (d, want) in [
            // "... week": seven days either way, to that week's Monday (or
            // the day a name gives), the time kept.
            ("next week", "1970-01-05 00:02:03"),
            ("this week", "1969-12-29 00:02:03"),
            ("last week", "1969-12-22 00:02:03"),
            ("sunday this week", "1970-01-04 00:00:00"),
            ("sat next week", "1970-01-10 00:00:00"),
            ("10:00 next week", "1970-01-05 10:00:00"),
            // A later day name replaces an earlier one; the weeks add up.
            ("next monday monday", "1970-01-05 00:00:00"),
            ("last friday last friday", "1969-12-19 00:00:00"),
            // An ISO week date is January 1st and relative days.
            ("2009W021 2 days ago", "2008-12-26 00:00:00"),
            ("2009W021 sat", "2009-01-07 00:00:00"),
            ("2009-W02-1 next week", "2009-01-09 00:00:00"),
            ("noon 10 pm", INV),
        ] {
            assert_eq!(t(f, d), want, "date {d:?}");
        }
    }

    // ---- date argument: absolute formats (PHP "Supported Date and Time Formats") ----
    #[test]
    fn absolute_dates() {
        let f = "Y-m-d H:i:s";
        for d in [
            "2001-02-03",
            "2001/02/03",
            "2001-2-3",
            "3 February 2001",
            "3 Feb 2001",
            "3-feb-2001",
            "3rd February 2001",
            "3rd of February 2001",
            "Feb 3 2001",
            "February 3, 2001",
            "feb 3rd, 2001",
            "FEBRUARY 3 2001",
            "02/03/2001",
            "2/3/2001",
            "03.02.2001",
            "3-2-2001",
            "01-02-03",
            "20010203",
            "Saturday, 3 February 2001",
            "Sat 3 Feb 2001",
        ] {
            assert_eq!(t(f, d), "2001-02-03 00:00:00", "date {d}");
        }
        assert_eq!(t(f, "2001-02-03 04:05:06"), "2001-02-03 04:05:06");
        assert_eq!(t(f, "20010203040506"), "2001-02-03 04:05:06");
        assert_eq!(t(f, "2001-02"), "2001-02-01 00:00:00");
        assert_eq!(t(f, "February 2001"), "2001-02-01 00:00:00");
        assert_eq!(t(f, "14:30 3 February 2001"), "2001-02-03 14:30:00");
        assert_eq!(t(f, "3 February 2001 2pm"), "2001-02-03 14:00:00");
        assert_eq!(t(f, "3 February"), "1970-02-03 00:00:00");
        assert_eq!(t(f, "2/3"), "1970-02-03 00:00:00");
        assert_eq!(t(f, "2008W27"), "2008-06-30 00:00:00");
        assert_eq!(t(f, "2008-W28-3"), "2008-07-09 00:00:00");
    }

    #[test]
    fn documented_date_examples() {
        // Help:Extension:ParserFunctions ##time examples.
        assert_eq!(t("d F Y", "January 0 2008"), "31 December 2007");
        assert_eq!(t("d F", "January 32"), INV);
        assert_eq!(t("d F", "February 29 2008"), "29 February");
        assert_eq!(t("d F", "February 29 2007"), "01 March");
        assert_eq!(t("U", "1970-01-01 00:16:39"), "999");
        assert_eq!(t("r", "@999"), "Thu, 01 Jan 1970 00:16:39 +0000");
        assert_eq!(t("U", "@1234567890"), "1234567890");
        assert_eq!(t("c", "@1234567890"), "2009-02-13T23:31:30+00:00");
        // A four-digit number is always a year; month/day come from now, time is midnight.
        assert_eq!(t("Y m d H:i:s", "1959"), "1959 01 01 00:00:00");
        assert_eq!(t("Y", "2000"), "2000");
        // Six digits: a time if possible, else an error.
        assert_eq!(t("Y m d H:i:s", "195909"), "1970 01 01 19:59:09");
        assert_eq!(t("Y m d H:i:s", "196009"), INV);
        assert_eq!(t("Y m d H:i:s", "240809"), "1970 01 02 00:08:09");
        assert_eq!(t("Y m d H:i:s", "070860"), "1970 01 01 07:09:00");
        assert_eq!(t("Y m d H:i:s", "076009"), INV);
        assert_eq!(t("Y m d H:i:s", "250000"), INV);
        // Two-digit years: 0-69 → 2000s, 70-99 → 1900s; 4 digits with leading zeros are literal.
        assert_eq!(t("d F Y", "1 Jan 6"), "01 January 2006");
        assert_eq!(t("d F Y", "1 Jan 06"), "01 January 2006");
        assert_eq!(t("d F Y", "1 Jan 99"), "01 January 1999");
        assert_eq!(t("d F Y", "1 Jan 0006"), "01 January 0006");
        assert_eq!(t("Y-F", "now -1 months"), "1969-December");
        assert_eq!(t("Y-m-d", "30 July +1 year"), "1971-07-30");
        // PHP (timelib) reads "-1" after a day and month as the year 2001,
        // and then " year" is left over: an error, whatever the help page's
        // table once showed. A sign needs no digits before it to be relative.
        assert_eq!(t("Y-m-d", "30 July -1 year"), INV);
        assert_eq!(t("Y-m-d", "-1 year 30 July"), "1969-07-30");
    }

    // ---- PHP's relative formats and readings (values as PHP 8.2's DateTime gives them) ----
    #[test]
    fn business_days_step_over_weekends() {
        let f = "Y-m-d D";
        // From Friday 2009-01-09, Saturday 10 and Sunday 4.
        assert_eq!(t(f, "2009-01-09 +1 weekday"), "2009-01-12 Mon");
        assert_eq!(t(f, "2009-01-09 +2 weekdays"), "2009-01-13 Tue");
        assert_eq!(t(f, "2009-01-09 -3 weekdays"), "2009-01-06 Tue");
        assert_eq!(t(f, "2009-01-09 +5 weekdays"), "2009-01-16 Fri");
        assert_eq!(t(f, "2009-01-10 +1 weekday"), "2009-01-12 Mon");
        assert_eq!(t(f, "2009-01-10 +5 weekdays"), "2009-01-16 Fri");
        assert_eq!(t(f, "2009-01-04 -5 weekdays"), "2008-12-29 Mon");
        assert_eq!(t(f, "2009-01-04 -1 weekday"), "2009-01-02 Fri");
        // Zero weekdays leave a weekend for the Monday after.
        assert_eq!(t(f, "2009-01-10 +0 weekdays"), "2009-01-12 Mon");
        assert_eq!(t(f, "2009-01-05 3 weekdays ago"), "2008-12-31 Wed");
        // "next weekday" is a day (midnight); "+1 weekday" keeps the time.
        assert_eq!(t("Y-m-d H:i", "2009-01-05 10:00 next weekday"), "2009-01-06 00:00");
        assert_eq!(t("Y-m-d H:i", "2009-01-05 10:00 +1 weekday"), "2009-01-06 10:00");
    }

    #[test]
    fn day_names_move_the_date_before_relative_parts_and_reset_an_earlier_time() {
        let f = "Y-m-d H:i D";
        assert_eq!(t(f, "2009-01-05 +1 day monday"), "2009-01-06 00:00 Tue");
        assert_eq!(t(f, "2009-01-05 next monday +1 month"), "2009-02-12 00:00 Thu");
        assert_eq!(t(f, "2009-01-31 +1 month monday"), "2009-03-02 00:00 Mon");
        assert_eq!(t(f, "2009-01-05 10:00 monday"), "2009-01-05 00:00 Mon");
        assert_eq!(t(f, "2009-01-05 monday 10:00"), "2009-01-05 10:00 Mon");
        assert_eq!(t(f, "2009-01-05 10:00 first monday of next month"), "2009-02-02 00:00 Mon");
        // "first/last day of" names the day after the relative parts, whose days it overwrites.
        assert_eq!(t(f, "2009-01-05 last day of next month +1 day"), "2009-02-28 00:00 Sat");
        assert_eq!(t(f, "2009-01-05 10:00 first day of next month"), "2009-02-01 10:00 Sun");
    }

    #[test]
    fn php_readings_of_numbers_beside_dates() {
        let f = "Y-m-d H:i:s";
        // Digits after a day and month are its year, whatever follows.
        assert_eq!(t(f, "5 jan 10:00"), INV);
        assert_eq!(t(f, "5 jan 3 days"), INV);
        assert_eq!(t(f, "5-jan-10 10:00"), "2010-01-05 10:00:00");
        // After a comma they are not; four digits alone are a time if they make one.
        assert_eq!(t(f, "5 jan, 2010"), "1970-01-05 20:10:00");
        assert_eq!(t(f, "5 jan, 1999"), "1999-01-05 00:00:00");
        assert_eq!(t(f, "jan 5, 2010"), "2010-01-05 00:00:00");
        assert_eq!(t(f, "10:00 2010"), "2010-01-01 10:00:00");
        assert_eq!(t(f, "2010 10:00"), INV);
        // H.MM[.SS], unless a date reading is longer.
        assert_eq!(t(f, "10.30"), "1970-01-01 10:30:00");
        assert_eq!(t(f, "10.30.15"), "1970-01-01 10:30:15");
        assert_eq!(t(f, "10.30 pm"), "1970-01-01 22:30:00");
        assert_eq!(t(f, "5.1.09"), "1970-01-01 05:01:09");
        assert_eq!(t(f, "5.1.2009"), "2009-01-05 00:00:00");
        assert_eq!(t(f, "31.12.09"), "2009-12-31 00:00:00");
        assert_eq!(t(f, "25.30"), INV);
        // PostgreSQL's year-month-day with the month's abbreviation.
        assert_eq!(t(f, "2009-Jan-05"), "2009-01-05 00:00:00");
        assert_eq!(t(f, "2009-Sept-05 10:00"), "2009-09-05 10:00:00");
        // "back of" / "front of" an hour: a quarter past, a quarter to.
        assert_eq!(t(f, "2009-01-05 back of 7pm"), "2009-01-05 19:15:00");
        assert_eq!(t(f, "2009-01-05 front of 7pm"), "2009-01-05 18:45:00");
        assert_eq!(t(f, "2009-01-05 front of 0"), "2009-01-04 23:45:00");
        assert_eq!(t(f, "back of 25"), INV);
    }

    // ---- relative formats ----
    #[test]
    fn relative_dates() {
        let f = "Y-m-d H:i:s";
        let cases = [
            ("now", "1970-01-01 00:02:03"),
            ("", "1970-01-01 00:02:03"),
            ("   ", "1970-01-01 00:02:03"),
            ("today", "1970-01-01 00:00:00"),
            ("midnight", "1970-01-01 00:00:00"),
            ("noon", "1970-01-01 12:00:00"),
            ("tomorrow", "1970-01-02 00:00:00"),
            ("yesterday", "1969-12-31 00:00:00"),
            ("yesterday noon", "1969-12-31 12:00:00"),
            ("tomorrow 14:00", "1970-01-02 14:00:00"),
            ("2001-02-03 noon", "2001-02-03 12:00:00"),
            ("noon tomorrow", "1970-01-02 00:00:00"),
            ("11:00 tomorrow", "1970-01-02 00:00:00"),
            ("tomorrow 11:00", "1970-01-02 11:00:00"),
            // A timestamp is the epoch plus relative seconds (PHP 8.2): a
            // time word resets the epoch's time, not the seconds.
            ("@86399 today", "1970-01-01 23:59:59"),
            ("@1231113600 10:00", "2009-01-05 10:00:00"),
            ("@1 2001-01-01", "2001-01-01 00:00:01"),
            ("@86400 tomorrow", "1970-01-03 00:00:00"),
            ("10:00 @0", "1970-01-01 00:00:00"),
            ("@86400 2 days ago", "1969-12-29 00:00:00"),
            // "yesterday" and "tomorrow" set the relative days, not add to them.
            ("yesterday tomorrow", "1970-01-02 00:00:00"),
            ("+1 week tomorrow", "1970-01-02 00:00:00"),
            ("tomorrow +1 week", "1970-01-09 00:00:00"),
            // "noon" is a time of its own: one after it is a second time.
            ("10:00 noon", "1970-01-01 12:00:00"),
            ("+1 day", "1970-01-02 00:02:03"),
            // PHP's relative number: signs, blanks, digits.
            ("now + 1 day", "1970-01-02 00:02:03"),
            ("- 1 day", "1969-12-31 00:02:03"),
            ("+  2\tweeks", "1970-01-15 00:02:03"),
            ("--1 day", "1970-01-02 00:02:03"),
            ("+-1 day", "1969-12-31 00:02:03"),
            ("-2 weeks", "1969-12-18 00:02:03"),
            ("+1 week 2 days", "1970-01-10 00:02:03"),
            ("3 hours", "1970-01-01 03:02:03"),
            ("+90 minutes", "1970-01-01 01:32:03"),
            ("-1 sec", "1970-01-01 00:02:02"),
            ("1 fortnight", "1970-01-15 00:02:03"),
            ("1 week ago", "1969-12-25 00:02:03"),
            ("2 days ago", "1969-12-30 00:02:03"),
            ("next day", "1970-01-02 00:02:03"),
            ("first day", "1970-01-02 00:02:03"),
            ("last year", "1969-01-01 00:02:03"),
            ("next month", "1970-02-01 00:02:03"),
            ("this week", "1969-12-29 00:02:03"),
            ("next monday", "1970-01-05 00:00:00"),
            ("last monday", "1969-12-29 00:00:00"),
            ("monday", "1970-01-05 00:00:00"),
            ("thursday", "1970-01-01 00:00:00"),
            ("this thursday", "1970-01-01 00:00:00"),
            ("next thursday", "1970-01-08 00:00:00"),
            ("last thursday", "1969-12-25 00:00:00"),
            ("first day of next month", "1970-02-01 00:02:03"),
            ("last day of next month", "1970-02-28 00:02:03"),
            ("last day of february 2000", "2000-02-29 00:00:00"),
            ("first day of january 2008", "2008-01-01 00:00:00"),
            ("first monday of january 2008", "2008-01-07 00:00:00"),
            ("last friday of january 2008", "2008-01-25 00:00:00"),
            ("second sunday of march 2008", "2008-03-09 00:00:00"),
            ("14:30", "1970-01-01 14:30:00"),
            ("14:30:15", "1970-01-01 14:30:15"),
            ("2pm", "1970-01-01 14:00:00"),
            ("2 pm", "1970-01-01 14:00:00"),
            ("2:30 p.m.", "1970-01-01 14:30:00"),
            ("12am", "1970-01-01 00:00:00"),
            ("12pm", "1970-01-01 12:00:00"),
            ("t14:30", "1970-01-01 14:30:00"),
            ("2001-01-31 +1 month", "2001-03-03 00:00:00"),
            ("2000-02-29 +1 year", "2001-03-01 00:00:00"),
            ("@0 +1 day", "1970-01-02 00:00:00"),
        ];
        for (d, want) in cases {
            assert_eq!(t(f, d), want, "date {d:?}");
        }
        // Another clock: 2024-02-29 10:00:00 UTC (a Thursday, leap day).
        let c = at(1_709_200_800);
        assert_eq!(tc("Y-m-d H:i", "now", &c), "2024-02-29 10:00");
        assert_eq!(tc("Y-m-d", "+1 year", &c), "2025-03-01");
        assert_eq!(tc("Y-m-d", "last day of this month", &c), "2024-02-29");
        assert_eq!(tc("Y-m-d", "next saturday", &c), "2024-03-02");
        assert_eq!(tc("Y-m-d", "December 25", &c), "2024-12-25");
    }

    // ---- errors ----
    #[test]
    fn invalid_inputs() {
        for d in [
            "garbage",
            "2001-13-01",
            "2001-02-32",
            "12:60",
            "25:00",
            "@",
            "+",
            "-",
            "@abc",
            "@99999999999999999999",
            "10000-01-01",
            "é",
            "2001-02-03 2001-02-04",
            "14:30 15:00",
            "next",
            "of",
            "1 2 3",
            "2001-02-03 garbage",
            "13pm",
            "0am",
            "+1 parsec",
            "5",
            "123",
            "12345",
            "1234567",
            "Feb 3 2001 Feb 4 2001",
        ] {
            assert_eq!(t("Y", d), INV, "date {d:?}");
        }
    }

    #[test]
    fn year_range() {
        assert_eq!(t("Y", "0000-01-01"), "0000");
        assert_eq!(t("Y-m-d", "9999-12-31"), "9999-12-31");
        assert_eq!(t("Y", "9999-12-31 +1 day"), ERR_TOO_BIG);
        assert_eq!(t("Y", "0000-01-01 -1 day"), ERR_TOO_SMALL);
        assert_eq!(t("Y-m-d H:i:s", "@-62167219200"), "0000-01-01 00:00:00");
        assert_eq!(t("Y", "@-62167219201"), ERR_TOO_SMALL);
        assert_eq!(t("Y", "@253402300800"), ERR_TOO_BIG);
        assert_eq!(t("Y", "@253402300799"), "9999");
        assert_eq!(t("Y", "-0001-01-01"), ERR_TOO_SMALL);
        assert_eq!(t("Y-m-d", "+2001-02-03"), "2001-02-03");
        assert_eq!(t("Y", "+100000000 years"), INV);
        assert_eq!(t("Y", "+99999999999999 days"), INV);
        assert_eq!(t("Y", "+8030 years"), ERR_TOO_BIG);
        let big = Clock {
            now_unix: i64::MAX,
            local_offset_minutes: i32::MAX,
            local_zone: None,
        };
        assert!(time("Y", "", true, &big, &date_names::ENGLISH).is_err());
        let small = Clock {
            now_unix: i64::MIN,
            local_offset_minutes: i32::MIN,
            local_zone: None,
        };
        assert!(time("Y", "+1 day", true, &small, &date_names::ENGLISH).is_err());
    }

    #[test]
    fn format_too_long() {
        let f = "Y".repeat(MAX_FORMAT_CHARS + 1);
        assert_eq!(t(&f, ""), ERR_TOO_LONG);
        let f = "Y".repeat(MAX_FORMAT_CHARS);
        assert_eq!(t(&f, "").len(), MAX_FORMAT_CHARS * 4);
    }

    // ---- #timef (Help:Extension:ParserFunctions ##timef; English "dmy" formats) ----
    #[test]
    fn timef_kinds() {
        let d = "2001-02-03 04:05";
        assert_eq!(
            timef(d, "", false, &clk()).unwrap(),
            "04:05, 3 February 2001"
        );
        assert_eq!(
            timef(d, "both", false, &clk()).unwrap(),
            "04:05, 3 February 2001"
        );
        assert_eq!(timef(d, "time", false, &clk()).unwrap(), "04:05");
        assert_eq!(timef(d, "date", false, &clk()).unwrap(), "3 February 2001");
        assert_eq!(timef(d, "pretty", false, &clk()).unwrap(), "3 February");
        assert_eq!(
            timef(d, " date ", false, &clk()).unwrap(),
            "3 February 2001"
        );
        let plus = Clock {
            now_unix: 123,
            local_offset_minutes: 120,
            local_zone: None,
        };
        assert_eq!(
            timef("", "both", true, &plus).unwrap(),
            "02:02, 1 January 1970"
        );
        assert_eq!(
            timef("", "both", false, &plus).unwrap(),
            "00:02, 1 January 1970"
        );
        assert_eq!(timef("nonsense", "date", false, &clk()).unwrap_err(), INV);
    }

    // ---- robustness ----
    #[test]
    fn no_panic_sweep() {
        let pieces: [&str; 40] = [
            "1",
            "12",
            "2001",
            "99",
            "-",
            "+",
            "@",
            ":",
            "/",
            ".",
            ",",
            " ",
            "T",
            "Z",
            "am",
            "pm",
            "next",
            "last",
            "first",
            "day",
            "of",
            "monday",
            "feb",
            "February",
            "week",
            "ago",
            "utc",
            "gmt",
            "é",
            "日",
            "\\",
            "\"",
            "x",
            "xr",
            "xh",
            "W",
            "9999999999999999",
            "0",
            "today",
            "\t",
        ];
        let fmt_pieces = [
            "Y", "x", "xr", "xh", "xk", "xkY", "\\", "\"", "c", "r", "W", "o", "U", "é", "xx",
            "xN", "xi", "xiF", "xm", "xmF", "xit",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let clocks = [
            clk(),
            at(-62_167_219_200),
            at(253_402_300_799),
            Clock {
                now_unix: 1_000_000_000,
                local_offset_minutes: -720,
                local_zone: None,
            },
        ];
        for k in 0..4000 {
            let mut d = String::new();
            for _ in 0..(next() % 8) {
                d.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            let mut f = String::new();
            for _ in 0..(next() % 6) {
                f.push_str(fmt_pieces[(next() % fmt_pieces.len() as u64) as usize]);
            }
            let c = &clocks[k % clocks.len()];
            let local = k % 3 == 0;
            if let Ok(s) = time(&f, &d, local, c, &date_names::ENGLISH) {
                assert!(s.len() <= 64 * (f.len() + 1));
            }
            let _ = timef(&d, ["both", "date", "time", "pretty", "x"][k % 5], local, c);
        }
        // Every code across the whole supported range (years 0000-9999).
        let all = "Y y L o n m M F j d z W N w D l a A g h G H i s U e I O P T Z c r t xiY xiF xij xit xiz xmY xmF xmj xrY xhY xkY xoY";
        let mut u: i64 = -62_167_219_200;
        while u <= 253_402_300_799 {
            let r = time(all, &format!("@{u}"), false, &clk(), &date_names::ENGLISH);
            assert!(r.is_ok(), "@{u}");
            u += 86_400 * 367 + 3_601;
        }
        // Raw bytes-ish strings of every ASCII character.
        for b in 0u8..128 {
            let s = (b as char).to_string().repeat(3);
            let _ = time(&s, &s, false, &clk(), &date_names::ENGLISH);
        }
    }

    #[test]
    fn long_inputs_are_fast() {
        let long_digits = "1".repeat(100_000);
        assert_eq!(t("Y", &long_digits), INV);
        let many = "+1 day ".repeat(20_000);
        assert_eq!(t("Y-m-d", &many), "2024-10-04");
        let spaces = format!("1{}x", " ".repeat(100_000));
        assert_eq!(t("Y", &spaces), INV);
        let quotes = "\"".repeat(5000);
        assert_eq!(t(&quotes, ""), "");
        // A later day name replaces an earlier one, as in PHP.
        let words = "monday ".repeat(10_000);
        assert_eq!(t("Y-m-d", &words), "1970-01-05");
    }
}
