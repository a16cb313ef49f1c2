//! Reading Parsoid's parser-test files (`tests/parser/*.txt`).
//!
//! A file is a run of sections. A line starting with `!!` is a header: the first
//! word after `!!` names the section (`!! html/parsoid here` opens `html/parsoid`),
//! and every line up to the next `!!` line is its content. Cases are
//! `!! test` … `!! end`; pages for the mock wiki are `!! article` … `!! text` …
//! `!! endarticle`. Everything between those (comments, blank lines, file-level
//! `!! options`, `!! hooks`, `!! version`) is ignored.
//!
//! Content is kept byte for byte: names are not trimmed (some end in a space,
//! some span two lines), and CR and NUL bytes stay content. Only the newline
//! that ends the last line of a section is dropped, since it belongs to the
//! file layout rather than to the section.

use super::options::TestOptions;

/// One parsed `.txt` file.
#[derive(Clone, Debug, Default)]
pub struct TestFile {
    /// Every `!! test` block, in file order.
    pub cases: Vec<TestCase>,
    /// Every `!! article` block as `(title, text)`, in file order. Titles are
    /// trimmed; texts are exact.
    pub articles: Vec<(String, String)>,
}

/// One `!! test` block, before any wt2html selection.
#[derive(Clone, Debug)]
pub struct TestCase {
    /// The name exactly as written (content of the `!! test` section).
    pub name: String,
    /// The 1-based line of the `!! test` header.
    pub line: usize,
    /// The parsed `!! options` section (empty when absent).
    pub options: TestOptions,
    /// Every other section of the block as `(header, content)`, in order.
    pub sections: Vec<(String, String)>,
}

impl TestCase {
    /// The content of the first section with this header, if any.
    #[must_use]
    pub fn section(&self, header: &str) -> Option<&str> {
        self.sections.iter().find(|(name, _)| name == header).map(|(_, content)| content.as_str())
    }
}

/// A raw section: its header word, content and header line.
struct RawSection<'a> {
    header: &'a str,
    content: String,
    line: usize,
}

/// Split a file into raw sections. Text before the first header is dropped.
fn raw_sections(src: &str) -> Vec<RawSection<'_>> {
    let mut sections: Vec<RawSection<'_>> = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for (index, line) in src.split('\n').enumerate() {
        if let Some(rest) = line.strip_prefix("!!") {
            if let Some(last) = sections.last_mut() {
                last.content = lines.join("\n");
            }
            lines.clear();
            let header = rest.split_ascii_whitespace().next().unwrap_or("");
            sections.push(RawSection { header, content: String::new(), line: index + 1 });
        } else {
            lines.push(line);
        }
    }
    if let Some(last) = sections.last_mut() {
        // A file ends with a newline, which `split` turns into a last empty line
        // that is not content.
        if lines.last() == Some(&"") {
            lines.pop();
        }
        last.content = lines.join("\n");
    }
    sections
}

/// Parse a whole parser-test file. Never fails: malformed blocks are kept as
/// far as they go (a test without `!! end` ends at the next `!! test`).
#[must_use]
pub fn read_test_file(src: &str) -> TestFile {
    let mut file = TestFile::default();
    let mut current_case: Option<TestCase> = None;
    let mut current_article: Option<(String, Option<String>)> = None;

    for section in raw_sections(src) {
        let header = section.header.to_ascii_lowercase();
        if let Some(case) = current_case.as_mut() {
            match header.as_str() {
                "end" => {
                    file.cases.extend(current_case.take());
                }
                "test" => {
                    // A missing `!! end`: close the open case and start another.
                    file.cases.extend(current_case.take());
                    current_case = Some(new_case(section.content, section.line));
                }
                "options" => case.options = TestOptions::parse(&section.content),
                _ => case.sections.push((header, section.content)),
            }
            continue;
        }
        if let Some((_, text)) = current_article.as_mut() {
            match header.as_str() {
                "text" => {
                    *text = Some(section.content);
                    continue;
                }
                "endarticle" | "end" => {
                    if let Some((title, Some(text))) = current_article.take() {
                        file.articles.push((title, text));
                    }
                    continue;
                }
                // Anything else ends a malformed article; fall through to read it.
                _ => current_article = None,
            }
        }
        match header.as_str() {
            "test" => current_case = Some(new_case(section.content, section.line)),
            "article" => current_article = Some((section.content.trim().to_string(), None)),
            // File-level options, hooks, versions and stray headers do not
            // concern wt2html cases.
            _ => {}
        }
    }
    file.cases.extend(current_case);
    file
}

fn new_case(name: String, line: usize) -> TestCase {
    TestCase { name, line, options: TestOptions::default(), sections: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "!! Version 2\n# comment\n!! article\nTemplate:Foo \n!! text\nFOO\n\n!! endarticle\n\n\
!! test\nName with trailing space \n!! options\nparsoid=wt2html\n!! wikitext\na\r\x00b\n\n!! html/parsoid here\n<p>a</p>\n!! end\n\
!!test\nTwo\nlines\n!!wikitext\nx\n!!html\n<p>x</p>\n!!end\n";

    #[test]
    fn names_and_content_are_kept_exactly() {
        let file = read_test_file(SAMPLE);
        assert_eq!(file.cases.len(), 2);
        assert_eq!(file.cases[0].name, "Name with trailing space ");
        assert_eq!(file.cases[0].section("wikitext"), Some("a\r\x00b\n"));
        assert_eq!(file.cases[0].section("html/parsoid"), Some("<p>a</p>"));
        assert_eq!(file.cases[0].line, 10);
        assert_eq!(file.cases[1].name, "Two\nlines");
        assert_eq!(file.cases[1].section("html"), Some("<p>x</p>"));
    }

    #[test]
    fn articles_are_collected() {
        let file = read_test_file(SAMPLE);
        assert_eq!(file.articles, vec![("Template:Foo".to_string(), "FOO\n".to_string())]);
    }

    #[test]
    fn options_are_parsed() {
        let file = read_test_file(SAMPLE);
        assert!(file.cases[0].options.get("parsoid").is_some());
        assert!(file.cases[1].options.is_empty());
    }

    #[test]
    fn missing_end_closes_at_next_test() {
        let file = read_test_file("!! test\nA\n!! wikitext\na\n!! test\nB\n!! wikitext\nb\n");
        let names: Vec<_> = file.cases.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["A", "B"]);
    }
}
