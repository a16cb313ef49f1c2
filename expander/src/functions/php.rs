//! Strings read as numbers the way PHP reads them, which is how MediaWiki's
//! parser functions read their arguments: one reader for `intval`,
//! `floatval` and `is_numeric`, shared by the string, core and conditional
//! functions.

const PHP_SPACE: [char; 6] = [' ', '\t', '\n', '\r', '\x0b', '\x0c'];

/// PHP `(int)` cast of a string (PHP >= 7.1): optional leading whitespace,
/// sign, digits, optional fraction/exponent (truncated); garbage after the
/// number is ignored; no number gives 0; out-of-range values saturate.
pub(crate) fn intval(s: &str) -> i64 {
    let t = s.trim_start_matches(PHP_SPACE);
    let (num, is_float) = numeric_prefix(t);
    if num.is_empty() {
        return 0;
    }
    if is_float {
        let f: f64 = num.parse().unwrap_or(0.0);
        if f.is_nan() { 0 } else { f as i64 }
    } else {
        let b = num.as_bytes();
        let neg = b[0] == b'-';
        let mut v: i64 = 0;
        for &c in b.iter().filter(|c| c.is_ascii_digit()) {
            let d = (c - b'0') as i64;
            v = if neg {
                v.saturating_mul(10).saturating_sub(d)
            } else {
                v.saturating_mul(10).saturating_add(d)
            };
        }
        v
    }
}

/// PHP float conversion of a string's leading numeric part (0.0 if none).
pub(crate) fn floatval(s: &str) -> f64 {
    let t = s.trim_start_matches(PHP_SPACE);
    let (num, _) = numeric_prefix(t);
    if num.is_empty() {
        return 0.0;
    }
    let f: f64 = num.parse().unwrap_or(0.0);
    if f.is_nan() { 0.0 } else { f }
}

/// Longest prefix of `t` of the form `[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?`.
/// Returns the prefix and whether it has a fraction or exponent.
pub(crate) fn numeric_prefix(t: &str) -> (&str, bool) {
    let b = t.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut is_float = false;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        let mut j = i + 1;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        frac_digits = j - i - 1;
        if int_digits > 0 || frac_digits > 0 {
            is_float = true;
            i = j;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return ("", false);
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let exp_start = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > exp_start {
            is_float = true;
            i = j;
        }
    }
    (&t[..i], is_float)
}

/// A numeric string that PHP reads as an integer: sign and digits only
/// (whitespace around), within `i64`; `None` for any other string.
pub(crate) fn integer(s: &str) -> Option<i64> {
    let t = s.trim_matches(PHP_SPACE);
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.strip_prefix('+').unwrap_or(t).parse().ok()
}

/// PHP's `is_numeric` and the number: optional whitespace on both sides
/// around a whole number (sign, digits, fraction, exponent); hex is not one.
pub(crate) fn number(s: &str) -> Option<f64> {
    let t = s.trim_matches(PHP_SPACE);
    let (num, _) = numeric_prefix(t);
    (!num.is_empty() && num.len() == t.len()).then(|| num.parse::<f64>().ok()).flatten()
}
