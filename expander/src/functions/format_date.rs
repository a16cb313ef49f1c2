//! `{{#formatdate:date|default}}` (also `#dateformat`): MediaWiki's date
//! formatter, as Help:Magic words describes it.
//!
//! A date the formatter recognizes (the whole argument: `2009-12-25`,
//! `25 December 2009`, `December 25, 2009`, `2009 December 25`,
//! `2009, 25 December`, `25 December`, `December 25`; month names full or
//! abbreviated, in any case, in the wiki's language) is written in the format
//! the second argument asks for (`mdy`, `dmy`, `ymd` or `ISO 8601`, case
//! sensitive; a reader's preference would win over it, and readers here have
//! none) and wrapped in `<span class="mw-formatted-date" title="ISO date">`.
//! Without a format, or with one it does not know, the date keeps its own
//! order, written out in full. A month and day alone are only rewritten as
//! `mdy` or `dmy`. Anything else comes back as it was, with no span.
//!
//! Years: `BC` after a year counts back from ISO year 0 (`1 BC` is `0000`,
//! `2 BC` is `-0001`), and an ISO year of 0 or less is written back so.

use super::date_names::DateNames;

/// The orders a date can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    Dmy,
    Mdy,
    Ymd,
    Ydm,
    Dm,
    Md,
    Iso,
}

impl Order {
    fn has_year(self) -> bool {
        !matches!(self, Order::Dm | Order::Md)
    }
}

/// A recognized date: its order as written, ISO year (absent for a month and
/// day), month (1 to 12) and day.
#[derive(Debug, PartialEq, Eq)]
struct Date {
    order: Order,
    year: Option<i64>,
    month: u32,
    day: u32,
}

/// The text `{{#formatdate:date|default}}` expands to.
pub(crate) fn format_date(date: &str, default: &str, names: &DateNames) -> String {
    let Some(parsed) = parse(date, names) else {
        return date.to_string();
    };
    let target = target_order(parsed.order, default);
    let mut out = String::from("<span class=\"mw-formatted-date\" title=\"");
    if let Some(year) = parsed.year {
        out.push_str(&iso_year(year));
        out.push('-');
    }
    out.push_str(&format!("{:02}-{:02}\">", parsed.month, parsed.day));
    let month = names.month(i64::from(parsed.month));
    let day = parsed.day;
    let year = parsed.year.map(written_year).unwrap_or_default();
    match target {
        Order::Dmy => out.push_str(&format!("{day} {month} {year}")),
        Order::Mdy => out.push_str(&format!("{month} {day}, {year}")),
        Order::Ymd => out.push_str(&format!("{year} {month} {day}")),
        Order::Ydm => out.push_str(&format!("{year}, {day} {month}")),
        Order::Dm => out.push_str(&format!("{day} {month}")),
        Order::Md => out.push_str(&format!("{month} {day}")),
        Order::Iso => out.push_str(&format!(
            "{}-{:02}-{:02}",
            iso_year(parsed.year.unwrap_or_default()),
            parsed.month,
            parsed.day
        )),
    }
    out.push_str("</span>");
    out
}

/// The order a date written in `source` is rewritten in for the format
/// `default` names.
fn target_order(source: Order, default: &str) -> Order {
    let wanted = match default {
        "dmy" => Order::Dmy,
        "mdy" => Order::Mdy,
        "ymd" => Order::Ymd,
        "ISO 8601" => Order::Iso,
        _ => return source,
    };
    match (source.has_year(), wanted) {
        (true, _) => wanted,
        (false, Order::Dmy) => Order::Dm,
        (false, Order::Mdy) => Order::Md,
        (false, _) => source,
    }
}

/// An ISO year: four digits at least, with a minus sign before ISO year 0.
fn iso_year(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("{year:04}")
    }
}

/// A year as text writes it: `1 BC` for ISO year 0.
fn written_year(year: i64) -> String {
    if year <= 0 {
        format!("{} BC", 1 - year)
    } else {
        year.to_string()
    }
}

/// The whole text as a date, or `None`.
fn parse(text: &str, names: &DateNames) -> Option<Date> {
    if let Some(date) = parse_iso(text) {
        return Some(date);
    }
    let mut s = Scanner { rest: text };
    let date = if let Some(first) = s.number(4) {
        // Y F d | Y, d F | d F [Y] (a one- or two-digit number may be a day).
        if first.len() <= 2 && s.separator() {
            if let Some(month) = s.month(names) {
                let date = if s.at_end() {
                    Date { order: Order::Dm, year: None, month, day: day(first)? }
                } else {
                    s.comma_and_spaces();
                    let year = s.year()?;
                    Date { order: Order::Dmy, year: Some(year), month, day: day(first)? }
                };
                return s.at_end().then_some(date);
            }
            // Not a month: read again as a year.
            s = Scanner { rest: &text[first.len()..] };
        }
        let year = s.year_after(first)?;
        let comma = s.comma_and_spaces();
        if let Some(day_text) = s.number(2) {
            // Y, d F
            if !s.separator() {
                return None;
            }
            let month = s.month(names)?;
            Date { order: Order::Ydm, year: Some(year), month, day: day(day_text)? }
        } else {
            // Y F d
            if comma {
                return None;
            }
            let month = s.month(names)?;
            if !s.separator() {
                return None;
            }
            let day_text = s.number(2)?;
            Date { order: Order::Ymd, year: Some(year), month, day: day(day_text)? }
        }
    } else {
        // F d [, Y]
        let month = s.month(names)?;
        if !s.separator() {
            return None;
        }
        let day_text = s.number(2)?;
        if s.at_end() {
            Date { order: Order::Md, year: None, month, day: day(day_text)? }
        } else {
            s.comma_and_spaces();
            let year = s.year()?;
            Date { order: Order::Mdy, year: Some(year), month, day: day(day_text)? }
        }
    };
    s.at_end().then_some(date)
}

/// `[-]YYYY-MM-DD`, with a month from 1 to 12.
fn parse_iso(text: &str) -> Option<Date> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let b = digits.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9].iter().all(|&i| b[i].is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let year: i64 = digits[..4].parse().ok()?;
    let month: u32 = digits[5..7].parse().ok()?;
    let day: u32 = digits[8..10].parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    Some(Date { order: Order::Iso, year: Some(if negative { -year } else { year }), month, day })
}

fn day(text: &str) -> Option<u32> {
    text.parse().ok()
}

struct Scanner<'a> {
    rest: &'a str,
}

impl<'a> Scanner<'a> {
    fn at_end(&self) -> bool {
        self.rest.is_empty()
    }

    /// One to `max` ASCII digits.
    fn number(&mut self, max: usize) -> Option<&'a str> {
        let len = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 || len > max {
            return None;
        }
        let (digits, rest) = self.rest.split_at(len);
        self.rest = rest;
        Some(digits)
    }

    /// One space or underscore.
    fn separator(&mut self) -> bool {
        match self.rest.as_bytes().first() {
            Some(b' ' | b'_') => {
                self.rest = &self.rest[1..];
                true
            }
            _ => false,
        }
    }

    /// An optional comma and any spaces after it (or between the parts);
    /// whether a comma was read.
    fn comma_and_spaces(&mut self) -> bool {
        let comma = self.rest.starts_with(',');
        if comma {
            self.rest = &self.rest[1..];
        }
        self.rest = self.rest.trim_start_matches([' ', '_']);
        comma
    }

    /// A year of one to four digits, `BC` after it counting back.
    fn year(&mut self) -> Option<i64> {
        let digits = self.number(4)?;
        self.year_after(digits)
    }

    /// The year whose digits were just read, with its ` BC`.
    fn year_after(&mut self, digits: &str) -> Option<i64> {
        let year: i64 = digits.parse().ok()?;
        for bc in [" BC", "_BC"] {
            if let Some(rest) = self.rest.strip_prefix(bc) {
                if rest.is_empty() || rest.starts_with([' ', ',', '_']) {
                    self.rest = rest;
                    return Some(1 - year);
                }
            }
        }
        Some(year)
    }

    /// A month's name or abbreviation in the wiki's language, in any case.
    /// The longest that matches wins (`June` before `Jun`).
    fn month(&mut self, names: &DateNames) -> Option<u32> {
        let mut best: Option<(usize, u32)> = None;
        for month in 1..=12u32 {
            for name in [names.month(i64::from(month)), names.month_abbreviation(i64::from(month))] {
                if name.is_empty() {
                    continue;
                }
                if let Some(len) = prefix_len_ignoring_case(self.rest, &name) {
                    if best.is_none_or(|(l, _)| len > l) {
                        best = Some((len, month));
                    }
                }
            }
        }
        let (len, month) = best?;
        // A name is a whole word: no letter right after it.
        if self.rest[len..].chars().next().is_some_and(char::is_alphabetic) {
            return None;
        }
        self.rest = &self.rest[len..];
        Some(month)
    }
}

/// The length in `text` of a prefix equal to `name` when both are lower-cased.
fn prefix_len_ignoring_case(text: &str, name: &str) -> Option<usize> {
    let mut wanted = name.chars().flat_map(char::to_lowercase);
    let mut pending: Vec<char> = Vec::new();
    for (i, c) in text.char_indices() {
        pending.clear();
        pending.extend(c.to_lowercase());
        for lc in &pending {
            if wanted.next() != Some(*lc) {
                return None;
            }
        }
        let end = i + c.len_utf8();
        if wanted.clone().next().is_none() {
            return Some(end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::date_names::{self, ENGLISH};
    use super::*;

    fn span(title: &str, text: &str) -> String {
        format!("<span class=\"mw-formatted-date\" title=\"{title}\">{text}</span>")
    }

    #[test]
    fn iso_dates() {
        assert_eq!(format_date("2009-03-24", "", &ENGLISH), span("2009-03-24", "2009-03-24"));
        assert_eq!(format_date("2009-03-24", "mdy", &ENGLISH), span("2009-03-24", "March 24, 2009"));
        assert_eq!(format_date("2009-03-24", "dmy", &ENGLISH), span("2009-03-24", "24 March 2009"));
        assert_eq!(format_date("2009-03-04", "ymd", &ENGLISH), span("2009-03-04", "2009 March 4"));
        // A month past December is no date.
        assert_eq!(format_date("2019-22-22", "dmy", &ENGLISH), "2019-22-22");
    }

    #[test]
    fn the_years_before_one() {
        assert_eq!(format_date("-0001-12-31", "mdy", &ENGLISH), span("-0001-12-31", "December 31, 2 BC"));
        assert_eq!(format_date("0000-12-31", "mdy", &ENGLISH), span("0000-12-31", "December 31, 1 BC"));
        assert_eq!(format_date("0001-12-31", "mdy", &ENGLISH), span("0001-12-31", "December 31, 1"));
        assert_eq!(format_date("15 March 44 BC", "ISO 8601", &ENGLISH), span("-0043-03-15", "-0043-03-15"));
        assert_eq!(format_date("15 March 44 BC", "", &ENGLISH), span("-0043-03-15", "15 March 44 BC"));
    }

    #[test]
    fn written_dates_in_every_order() {
        let all = [
            "25 December 2009",
            "25 dec 2009",
            "25 December, 2009",
            "December 25, 2009",
            "dec 25,2009",
            "DECEMBER 25 2009",
            "2009 December 25",
            "2009 Dec 25",
            "2009, 25 December",
            "25_December_2009",
        ];
        for date in all {
            assert_eq!(format_date(date, "ISO 8601", &ENGLISH), span("2009-12-25", "2009-12-25"), "{date}");
            assert_eq!(format_date(date, "dmy", &ENGLISH), span("2009-12-25", "25 December 2009"), "{date}");
            assert_eq!(format_date(date, "mdy", &ENGLISH), span("2009-12-25", "December 25, 2009"), "{date}");
            assert_eq!(format_date(date, "ymd", &ENGLISH), span("2009-12-25", "2009 December 25"), "{date}");
        }
        // No format: the date's own order, in full.
        assert_eq!(format_date("dec 25,2009", "", &ENGLISH), span("2009-12-25", "December 25, 2009"));
        assert_eq!(format_date("2009, 25 dec", "", &ENGLISH), span("2009-12-25", "2009, 25 December"));
        // Formats are case sensitive.
        assert_eq!(format_date("25 December 2009", "MDY", &ENGLISH), span("2009-12-25", "25 December 2009"));
    }

    #[test]
    fn month_and_day() {
        assert_eq!(format_date("January 15", "", &ENGLISH), span("01-15", "January 15"));
        assert_eq!(format_date("june 3", "dmy", &ENGLISH), span("06-03", "3 June"));
        assert_eq!(format_date("3 June", "mdy", &ENGLISH), span("06-03", "June 3"));
        // Only mdy and dmy rewrite a month and day.
        assert_eq!(format_date("3 June", "ymd", &ENGLISH), span("06-03", "3 June"));
        assert_eq!(format_date("June 3", "ISO 8601", &ENGLISH), span("06-03", "June 3"));
    }

    #[test]
    fn the_wikis_language() {
        let fr = date_names::for_language("fr");
        assert_eq!(format_date("Juin 3", "dmy", fr), span("06-03", "3 juin"));
        let de = date_names::for_language("de");
        assert_eq!(format_date("3. Juni", "dmy", de), "3. Juni");
        // An abbreviation's point is part of it, not any character (T220563).
        assert_eq!(format_date("jun. 3", "dmy", de), span("06-03", "3 Juni"));
        assert_eq!(format_date("junx 3", "dmy", de), "junx 3");
        assert_eq!(format_date("3 Juni 2009", "ymd", de), span("2009-06-03", "2009 Juni 3"));
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "foo",
            "junx 3",
            "2009",
            "December",
            "25 December 2009 extra",
            "Decembers 25",
            "123 December",
            "December 123",
            "25 December 12345",
            "2009-1-25",
            "<span class=\"mw-formatted-date\" title=\"2009-12-25\">25 December 2009</span>",
        ] {
            assert_eq!(format_date(text, "dmy", &ENGLISH), text, "{text}");
        }
    }
}
