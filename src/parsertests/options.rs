//! The `!! options` section of a parser test.
//!
//! Options are separated by whitespace (including newlines). Each is a name,
//! optionally followed by `=` and one or more comma-separated values. A value
//! is `"quoted"` (the quotes are dropped, no escapes), `[[a link]]` (the
//! brackets are dropped), a JSON object `{…}` or array `[…]` (which may span
//! lines), or a plain run of characters up to whitespace or a comma. Names are
//! lower-cased; when a name repeats, the last one wins. A `#` where a name is
//! expected comments out the rest of the line (redirects.txt uses that).

use serde_json::Value;

/// One option's value.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    /// The option was given without `=`.
    Flag,
    /// A plain, quoted or `[[link]]` value, without its delimiters.
    Text(String),
    /// A JSON object or array.
    Json(Value),
    /// Two or more comma-separated values.
    List(Vec<OptionValue>),
}

impl OptionValue {
    /// The value as text, when it is a single plain, quoted or link value.
    #[must_use]
    pub fn as_text(&self) -> Option<&str> {
        match self {
            OptionValue::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The value as a list of texts: a single text is a list of one; JSON
    /// arrays of strings count too.
    #[must_use]
    pub fn texts(&self) -> Vec<String> {
        match self {
            OptionValue::Flag => Vec::new(),
            OptionValue::Text(text) => vec![text.clone()],
            OptionValue::Json(Value::Array(items)) => {
                items.iter().filter_map(Value::as_str).map(str::to_string).collect()
            }
            OptionValue::Json(_) => Vec::new(),
            OptionValue::List(items) => items.iter().flat_map(OptionValue::texts).collect(),
        }
    }
}

/// The parsed options of one case, names lower-cased, in source order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TestOptions {
    entries: Vec<(String, OptionValue)>,
}

impl TestOptions {
    /// Parse the content of an `!! options` section. Never fails: text that is
    /// not an option is skipped a character at a time.
    #[must_use]
    pub fn parse(src: &str) -> TestOptions {
        let mut scanner = Scanner { src, pos: 0 };
        let mut entries = Vec::new();
        loop {
            scanner.skip_whitespace();
            let Some(c) = scanner.peek() else { break };
            if c == '#' {
                scanner.skip_line();
                continue;
            }
            let name = scanner.take_while(|c| !c.is_whitespace() && c != '=');
            if name.is_empty() {
                // A stray `=`: skip it.
                scanner.bump();
                continue;
            }
            let name = name.to_lowercase();
            let after_name = scanner.pos;
            scanner.skip_whitespace();
            if scanner.peek() == Some('=') {
                scanner.bump();
                scanner.skip_whitespace();
                let value = scanner.values();
                entries.push((name, value));
            } else {
                scanner.pos = after_name;
                entries.push((name, OptionValue::Flag));
            }
        }
        TestOptions { entries }
    }

    /// The value of an option (the last one, if it repeats).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&OptionValue> {
        self.entries.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Whether the option is present, with or without a value.
    #[must_use]
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Whether no option was given.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// All options in source order.
    #[must_use]
    pub fn entries(&self) -> &[(String, OptionValue)] {
        &self.entries
    }
}

struct Scanner<'a> {
    src: &'a str,
    pos: usize,
}

impl Scanner<'_> {
    fn rest(&self) -> &str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &str {
        let start = self.pos;
        let len = self.rest().find(|c: char| !keep(c)).unwrap_or(self.rest().len());
        self.pos += len;
        self.src.get(start..self.pos).unwrap_or("")
    }

    fn skip_whitespace(&mut self) {
        self.take_while(char::is_whitespace);
    }

    fn skip_line(&mut self) {
        self.take_while(|c| c != '\n');
    }

    /// `value (',' value)*`, whitespace allowed around the commas.
    fn values(&mut self) -> OptionValue {
        let mut values = vec![self.value()];
        loop {
            let before = self.pos;
            self.skip_whitespace();
            if self.peek() == Some(',') {
                self.bump();
                self.skip_whitespace();
                values.push(self.value());
            } else {
                self.pos = before;
                break;
            }
        }
        if values.len() == 1 { values.pop().unwrap_or(OptionValue::Flag) } else { OptionValue::List(values) }
    }

    fn value(&mut self) -> OptionValue {
        let rest = self.rest();
        if let Some(quoted) = rest.strip_prefix('"') {
            let len = quoted.find('"').unwrap_or(quoted.len());
            let text = quoted[..len].to_string();
            // The opening quote, the text and the closing quote (when present).
            self.pos += 1 + len + usize::from(len < quoted.len());
            return OptionValue::Text(text);
        }
        if let Some(link) = rest.strip_prefix("[[") {
            if let Some(len) = link.find("]]") {
                let text = link[..len].to_string();
                self.pos += 2 + len + 2;
                return OptionValue::Text(text);
            }
        }
        if rest.starts_with('{') || rest.starts_with('[') {
            let len = balanced_json_len(rest);
            let raw = rest[..len].to_string();
            self.pos += len;
            return match serde_json::from_str::<Value>(&raw) {
                Ok(value) => OptionValue::Json(value),
                Err(_) => OptionValue::Text(raw),
            };
        }
        OptionValue::Text(self.take_while(|c| !c.is_whitespace() && c != ',').to_string())
    }
}

/// The length of the bracketed JSON value at the start of `src`, counting
/// nesting and skipping strings; the whole rest when it never closes.
fn balanced_json_len(src: &str) -> usize {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (index, c) in src.char_indices() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return index + 1;
                }
            }
            _ => {}
        }
    }
    src.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flags_and_plain_values() {
        let options = TestOptions::parse("Disabled\nlanguage=sr cat thumbsize = 50");
        assert_eq!(options.get("disabled"), Some(&OptionValue::Flag));
        assert_eq!(options.get("language"), Some(&OptionValue::Text("sr".into())));
        assert_eq!(options.get("cat"), Some(&OptionValue::Flag));
        assert_eq!(options.get("thumbsize"), Some(&OptionValue::Text("50".into())));
    }

    #[test]
    fn quoted_link_and_list_values() {
        let options = TestOptions::parse("title=[[Foo bar]] replace=0,\"x y\" parsoid=wt2html, wt2wt");
        assert_eq!(options.get("title").and_then(OptionValue::as_text), Some("Foo bar"));
        assert_eq!(
            options.get("replace"),
            Some(&OptionValue::List(vec![OptionValue::Text("0".into()), OptionValue::Text("x y".into())]))
        );
        assert_eq!(options.get("parsoid").map(OptionValue::texts), Some(vec!["wt2html".into(), "wt2wt".into()]));
    }

    #[test]
    fn multi_line_json() {
        let options = TestOptions::parse(
            "parsoid= {\n  \"modes\": [\"wt2html\"],\n  \"changes\": [[\"#x\", \"html\", \"}{\"]]\n}\nannotations=1",
        );
        assert_eq!(
            options.get("parsoid"),
            Some(&OptionValue::Json(json!({"modes": ["wt2html"], "changes": [["#x", "html", "}{"]]})))
        );
        assert_eq!(options.get("annotations"), Some(&OptionValue::Text("1".into())));
    }

    #[test]
    fn comment_lines_are_skipped() {
        let options = TestOptions::parse("# we support it for wt2html, but\nparsoid=wt2html,html2html");
        assert_eq!(options.entries().len(), 1);
        assert!(!options.has("we"));
    }

    #[test]
    fn unterminated_values_do_not_panic() {
        for src in ["a=\"open", "a=[[open", "a={\"x\": [1,", "=", "a=", "a=,", "a = ,b"] {
            let _ = TestOptions::parse(src);
        }
    }
}
