//! Parsoid's own failures: `X-standalone-knownFailures.json` beside `X.txt`.
//!
//! The format is `{ test name: { mode: actual output } }`; a `wt2html` key
//! means Parsoid's standalone runner fails that case in wt2html mode. Those
//! cases still run: passing one beats Parsoid.

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;

/// The names of the cases Parsoid fails in wt2html mode, read from the
/// known-failures file that belongs to `test_file`. A missing file means none;
/// an unreadable or malformed one is an error.
///
/// # Errors
/// The file cannot be read, or is not a JSON object.
pub fn wt2html_known_failures(test_file: &Path) -> Result<HashSet<String>, String> {
    let stem = test_file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let path = test_file.with_file_name(format!("{stem}-standalone-knownFailures.json"));
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(error) => return Err(format!("{}: {error}", path.display())),
    };
    parse_known_failures(&text).map_err(|error| format!("{}: {error}", path.display()))
}

/// The `wt2html` entries of a known-failures JSON text.
///
/// # Errors
/// The text is not a JSON object.
pub fn parse_known_failures(text: &str) -> Result<HashSet<String>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let Value::Object(cases) = value else { return Err("not a JSON object".to_string()) };
    Ok(cases
        .into_iter()
        .filter(|(_, modes)| modes.get("wt2html").is_some())
        .map(|(name, _)| name)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_wt2html_entries_count() {
        let names = parse_known_failures(r#"{"a": {"wt2html": "x", "wt2wt": "y"}, "b": {"html2wt": "z"}}"#);
        assert_eq!(names, Ok(HashSet::from(["a".to_string()])));
        assert!(parse_known_failures("[]").is_err());
    }
}
