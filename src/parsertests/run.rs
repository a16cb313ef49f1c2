//! Running wt2html cases and reporting on them.
//!
//! Shared by `wikitext parsertests` and the ratchet test (tests/parsertests.rs),
//! so both judge a case the same way. A case's render runs under
//! `catch_unwind`: a panicking renderer fails that case with the panic's
//! message instead of ending the run. Slow cases are only reported; nothing
//! is interrupted (that would need a thread per case).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use wikitext_html::RenderOptions;

use super::closeness::{closeness, identical_as_built, Closeness, ElementKind, Reproduced};
use super::config::NotApplied;
use super::known_failures::wt2html_known_failures;
use super::normalize::{normalize_html, normalize_out, parse_body_fragment};
use super::reader::read_test_file;
use super::select::{wt2html_cases, JudgingMode, Wt2HtmlCase};
use super::site::SiteFactory;

/// A case that takes longer than this is reported as slow.
pub const SLOW_CASE: Duration = Duration::from_secs(2);

/// One test file, read and selected.
#[derive(Clone, Debug)]
pub struct SuiteFile {
    /// The file's name (`"headings.txt"`), which prefixes case ids.
    pub name: String,
    pub path: PathBuf,
    /// Every `!! article` of the file as `(title, text)`; each case's wiki has them all.
    pub articles: Arc<Vec<(String, String)>>,
    /// The wt2html cases, in file order, with Parsoid's known failures marked.
    pub cases: Vec<Wt2HtmlCase>,
    /// The file's mock wiki.
    pub sites: Arc<SiteFactory>,
}

/// Every `.txt` file in a parser-test directory, sorted by name.
///
/// # Errors
/// The directory cannot be read.
pub fn test_files_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

/// Read one test file: its articles, its wt2html cases, Parsoid's known failures.
///
/// # Errors
/// The file (or its known-failures file) cannot be read or is not UTF-8.
pub fn load_file(path: &Path) -> Result<SuiteFile, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let src = String::from_utf8(bytes).map_err(|e| format!("{}: not valid UTF-8: {e}", path.display()))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
    let parsed = read_test_file(&src);
    let known = wt2html_known_failures(path)?;
    let mut cases: Vec<Wt2HtmlCase> = parsed.cases.iter().flat_map(|case| wt2html_cases(&name, case)).collect();
    for case in &mut cases {
        case.parsoid_known_failure = known.contains(&case.name);
    }
    let sites = Arc::new(SiteFactory::new(path, &parsed.articles));
    Ok(SuiteFile { name, path: path.to_path_buf(), articles: Arc::new(parsed.articles), cases, sites })
}

/// The result of running one case.
#[derive(Clone, Debug)]
pub struct CaseOutcome {
    pub passed: bool,
    /// The renderer's output, unless it panicked.
    pub raw_html: Option<String>,
    /// The normalized expected HTML.
    pub expected: String,
    /// The normalized actual HTML (empty when the render panicked).
    pub actual: String,
    /// The panic message, when rendering or normalizing panicked.
    pub panic: Option<String>,
    pub elapsed: Duration,
}

/// The render options Parsoid's runner uses for a case: a body fragment,
/// sections wrapped only on request.
#[must_use]
pub fn render_options_for(case: &Wt2HtmlCase) -> RenderOptions {
    let mut options = RenderOptions::fragment();
    options.title.clone_from(&case.title);
    options.wrap_sections = case.wrap_sections;
    options
}

/// Normalize a case's expected HTML for its judging mode.
#[must_use]
pub fn normalize_expected(case: &Wt2HtmlCase) -> String {
    match case.mode {
        JudgingMode::ParsoidOnly => normalize_out(parse_body_fragment(&case.expected_html), true, case.preserve_iew),
        JudgingMode::LegacyShared => normalize_html(&case.expected_html),
    }
}

/// Normalize actual output for a case's judging mode, from the renderer's
/// DOM as built.
#[must_use]
pub fn normalize_actual(case: &Wt2HtmlCase, dom: &wikitext_html::dom::Dom) -> String {
    let body = dom
        .body()
        .and_then(|b| match super::normalize::from_dom(dom, b) {
            super::normalize::NormNode::Element(e) => Some(e),
            _ => None,
        })
        .unwrap_or_default();
    normalize_out(body, case.mode == JudgingMode::ParsoidOnly, case.preserve_iew)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_string()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}

/// Render and judge one case. Never panics.
#[must_use]
pub fn run_case(case: &Wt2HtmlCase, sites: &SiteFactory) -> CaseOutcome {
    let start = Instant::now();
    let expected = catch_unwind(AssertUnwindSafe(|| normalize_expected(case)))
        .unwrap_or_else(|payload| format!("(normalizing the expected HTML panicked: {})", panic_message(&*payload)));
    let rendered = catch_unwind(AssertUnwindSafe(|| {
        let site = sites.site_for_case(&case.options, &case.config, &case.title);
        let options = render_options_for(case);
        let tree = crate::parse_for_site(&case.wikitext, site.as_ref());
        let dom = wikitext_html::render_dom(&tree, site.as_ref(), &options);
        let mut raw = String::new();
        if let Some(body) = dom.body() {
            wikitext_html::serialize::serialize_children(&dom, body, &mut raw);
        }
        let actual = normalize_actual(case, &dom);
        (raw, actual)
    }));
    let elapsed = start.elapsed();
    match rendered {
        Ok((raw, actual)) => CaseOutcome { passed: actual == expected, raw_html: Some(raw), expected, actual, panic: None, elapsed },
        Err(payload) => CaseOutcome {
            passed: false,
            raw_html: None,
            expected,
            actual: String::new(),
            panic: Some(panic_message(&*payload)),
            elapsed,
        },
    }
}

// ---------------------------------------------------------------------------
// Case ids and the ratchet list
// ---------------------------------------------------------------------------

/// Escape a test name for one line of the passing list: `\` → `\\`,
/// newline → `\n`, CR → `\r`, tab → `\t`.
#[must_use]
pub fn escape_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// Undo [`escape_name`]. Unknown escapes are kept as written.
#[must_use]
pub fn unescape_name(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len());
    let mut chars = escaped.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A case's line in the passing list: `file.txt<TAB>escaped name`.
#[must_use]
pub fn case_id(file: &str, name: &str) -> String {
    format!("{file}\t{}", escape_name(name))
}

/// The header of the passing list.
pub const PASSING_LIST_HEADER: &str = "\
# Parser-test cases (wt2html) that pass: `file.txt<TAB>test name`, names escaped (\\n, \\t, \\r, \\\\).
# tests/parsertests.rs fails when a listed case fails. Regenerate with the
# command that made it (the same files, with --write-passing FILE), e.g.
#   cargo run --release -- parsertests --write-passing tests/parsertests-passing.txt
#   cargo run --release -- parsertests ../shared/realpages/realPagesDev.txt --write-passing tests/realpages-passing.txt
";

/// Parse the passing list into `(file, name)` pairs; `#` lines and blank
/// lines are skipped, as are lines without a tab.
#[must_use]
pub fn read_passing_list(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .map(|(file, name)| (file.to_string(), unescape_name(name)))
        .collect()
}

/// Write the passing list for these ids (already `case_id`s), sorted.
#[must_use]
pub fn passing_list_text(ids: &[String]) -> String {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    let mut out = PASSING_LIST_HEADER.to_string();
    for id in ids {
        out.push_str(&id);
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------
// The `parsertests` command
// ---------------------------------------------------------------------------

/// What `wikitext parsertests` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct RunConfig {
    /// The test files to run.
    pub files: Vec<PathBuf>,
    /// Only cases whose name contains this.
    pub filter: Option<String>,
    /// Print normalized expected and actual HTML for failures.
    pub diff: bool,
    /// Write the raw output of every case here, as JSON.
    pub actual_json: Option<PathBuf>,
    /// Print a Markdown conformance table.
    pub markdown: bool,
    /// Write the sorted list of passing case ids here.
    pub write_passing: Option<PathBuf>,
    /// Report how close each failing case is, and per file the share of
    /// expected elements reproduced (all, and figures, errors, galleries,
    /// transclusions on their own).
    pub closeness: bool,
}

/// Counts for one file (or the total).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
    /// Cases Parsoid fails.
    pub known: usize,
    /// Cases Parsoid fails that we pass.
    pub known_passed: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.known += other.known;
        self.known_passed += other.known_passed;
    }
}

/// The outcome of a whole run.
#[derive(Clone, Debug, Default)]
pub struct RunSummary {
    pub per_file: Vec<(String, Tally)>,
    pub total: Tally,
    /// Ids of the passing cases.
    pub passing: Vec<String>,
    /// `!! config` keys and site-changing options that changed nothing, by
    /// (key, reason), with the number of cases run that set them.
    pub unapplied: BTreeMap<(String, NotApplied), usize>,
}

/// Run the files of `config`, printing a report to `out`. Errors are I/O
/// errors (writing the report or the requested files) and unreadable test files.
///
/// # Errors
/// Writing to `out` or to a requested file fails, or a test file cannot be read.
pub fn run_suite(config: &RunConfig, out: &mut dyn Write) -> io::Result<RunSummary> {
    let mut summary = RunSummary::default();
    let mut actual_json: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();

    for path in &config.files {
        let file = load_file(path).map_err(io::Error::other)?;
        let mut tally = Tally::default();
        let mut elements = FileCloseness::default();
        for case in &file.cases {
            if config.filter.as_ref().is_some_and(|filter| !case.name.contains(filter.as_str())) {
                continue;
            }
            for unapplied in file.sites.case_settings(&case.options, &case.config).unapplied {
                *summary.unapplied.entry((unapplied.key, unapplied.reason)).or_default() += 1;
            }
            let outcome = run_case(case, &file.sites);
            if config.closeness {
                let close = closeness(&outcome.expected, &outcome.actual);
                if !outcome.passed {
                    writeln!(
                        out,
                        "CLOSE {}: {}: {:.1}% of {} expected elements",
                        file.name,
                        case.name,
                        close.all.share() * 100.0,
                        close.all.expected
                    )?;
                }
                elements.add(&close, outcome.passed);
                // Only Parsoid's own HTML: a legacy-shared case's is the legacy parser's.
                if case.mode == JudgingMode::ParsoidOnly {
                    elements.parsoid_cases += 1;
                    if outcome.raw_html.as_deref().is_some_and(|raw| identical_as_built(&case.expected_html, raw)) {
                        elements.identical += 1;
                    }
                }
            }
            if let Some(message) = &outcome.panic {
                writeln!(out, "PANIC {}: {}: {}", file.name, case.name, message)?;
            }
            if outcome.elapsed > SLOW_CASE {
                writeln!(out, "SLOW {}: {} took {:.1}s", file.name, case.name, outcome.elapsed.as_secs_f64())?;
            }
            if case.parsoid_known_failure {
                tally.known += 1;
            }
            if outcome.passed {
                tally.passed += 1;
                summary.passing.push(case_id(&file.name, &case.name));
                if case.parsoid_known_failure {
                    tally.known_passed += 1;
                    writeln!(out, "BEATS PARSOID {}: {}", file.name, case.name)?;
                }
            } else {
                tally.failed += 1;
                if config.diff {
                    write_diff(out, &file.name, case, &outcome)?;
                }
            }
            if let Some(raw) = outcome.raw_html {
                actual_json.entry(file.name.clone()).or_default().insert(case.name.clone(), raw);
            }
        }
        writeln!(
            out,
            "{}: {} passed, {} failed ({} known-Parsoid failures, {} of them passed)",
            file.name, tally.passed, tally.failed, tally.known, tally.known_passed
        )?;
        if config.closeness {
            elements.report(out, &file.name)?;
        }
        summary.total.add(&tally);
        summary.per_file.push((file.name, tally));
    }

    if let Some(path) = &config.actual_json {
        let json = serde_json::to_string_pretty(&actual_json).map_err(io::Error::other)?;
        std::fs::write(path, json + "\n").map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
    }
    if let Some(path) = &config.write_passing {
        std::fs::write(path, passing_list_text(&summary.passing))
            .map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
    }
    if config.markdown {
        write_markdown(out, &summary)?;
    }
    for ((key, reason), cases) in &summary.unapplied {
        let plural = if *cases == 1 { "" } else { "s" };
        writeln!(out, "NOT APPLIED {key} ({cases} case{plural}): {}", reason.describe())?;
    }
    let total = &summary.total;
    writeln!(out, "Parsoid's known wt2html failures: {} cases, {} of them passed", total.known, total.known_passed)?;
    writeln!(out, "{} passed, {} failed", total.passed, total.failed)?;
    Ok(summary)
}

/// The closeness figures of one file.
#[derive(Default)]
struct FileCloseness {
    /// The share of expected elements each failing case reproduces.
    failing_shares: Vec<f64>,
    all: Reproduced,
    by_kind: Vec<(ElementKind, Reproduced)>,
    /// The parsoid-only cases, and those whose output equals the expected
    /// as built (see [`identical_as_built`]).
    parsoid_cases: usize,
    identical: usize,
}

impl FileCloseness {
    fn add(&mut self, close: &Closeness, passed: bool) {
        if !passed {
            self.failing_shares.push(close.all.share());
        }
        self.all.add(close.all);
        if self.by_kind.is_empty() {
            self.by_kind = close.by_kind.clone();
        } else {
            for ((_, total), (_, r)) in self.by_kind.iter_mut().zip(&close.by_kind) {
                total.add(*r);
            }
        }
    }

    fn report(&mut self, out: &mut dyn Write, file: &str) -> io::Result<()> {
        let Reproduced { matched, expected } = self.all;
        if self.parsoid_cases > 0 {
            writeln!(
                out,
                "IDENTICAL {file}: {} of {} cases with Parsoid's HTML equal it as built, before normalization (data-parsoid, about ids and attribute order aside)",
                self.identical, self.parsoid_cases
            )?;
        }
        writeln!(out, "ELEMENTS {file}: {matched} of {expected} expected elements reproduced ({:.1}%)", self.all.share() * 100.0)?;
        for (kind, r) in &self.by_kind {
            if r.expected > 0 {
                writeln!(out, "ELEMENTS {file}: {} of {} {} reproduced ({:.1}%)", r.matched, r.expected, kind.label(), r.share() * 100.0)?;
            }
        }
        if !self.failing_shares.is_empty() {
            self.failing_shares.sort_by(f64::total_cmp);
            let n = self.failing_shares.len();
            let median = if n % 2 == 1 {
                self.failing_shares[n / 2]
            } else {
                (self.failing_shares[n / 2 - 1] + self.failing_shares[n / 2]) / 2.0
            };
            writeln!(
                out,
                "ELEMENTS {file}: the {n} failing cases reproduce a median {:.1}% of their expected elements (lowest {:.1}%)",
                median * 100.0,
                self.failing_shares[0] * 100.0
            )?;
        }
        Ok(())
    }
}

fn write_diff(out: &mut dyn Write, file: &str, case: &Wt2HtmlCase, outcome: &CaseOutcome) -> io::Result<()> {
    let mode = match case.mode {
        JudgingMode::ParsoidOnly => "parsoid-only",
        JudgingMode::LegacyShared => "legacy-shared",
    };
    writeln!(out, "FAIL {file}:{}: {} [{mode}, {}]", case.line, case.name, case.expected_section)?;
    if let Some(message) = &outcome.panic {
        writeln!(out, "  panicked: {message}")?;
    }
    writeln!(out, "--- expected (normalized)\n{}\n+++ actual (normalized)\n{}\n", outcome.expected, outcome.actual)
}

fn percent(passed: usize, cases: usize) -> f64 {
    if cases == 0 {
        0.0
    } else {
        // Case counts are far below 2^52, so the conversion is exact.
        #[allow(clippy::cast_precision_loss)]
        let ratio = passed as f64 / cases as f64;
        ratio * 100.0
    }
}

/// Print the per-file conformance table in Markdown, with a total row.
///
/// # Errors
/// Writing to `out` fails.
pub fn write_markdown(out: &mut dyn Write, summary: &RunSummary) -> io::Result<()> {
    writeln!(out, "| file | cases | Parsoid passes | we pass | % |")?;
    writeln!(out, "|---|---:|---:|---:|---:|")?;
    for (file, tally) in &summary.per_file {
        let cases = tally.passed + tally.failed;
        writeln!(
            out,
            "| {file} | {cases} | {} | {} | {:.1} |",
            cases - tally.known,
            tally.passed,
            percent(tally.passed, cases)
        )?;
    }
    let total = &summary.total;
    let cases = total.passed + total.failed;
    writeln!(
        out,
        "| **total** | {cases} | {} | {} | {:.1} |",
        cases - total.known,
        total.passed,
        percent(total.passed, cases)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_escaping() {
        for name in ["plain", "two\nlines", "tab\there", "back\\slash\\n", "cr\r", "trailing "] {
            assert_eq!(unescape_name(&escape_name(name)), name);
            assert!(!escape_name(name).contains(['\n', '\t', '\r']));
        }
    }

    #[test]
    fn passing_list_round_trip() {
        let ids = vec![case_id("b.txt", "x\ny"), case_id("a.txt", "z ")];
        let text = passing_list_text(&ids);
        assert_eq!(
            read_passing_list(&text),
            vec![("a.txt".to_string(), "z ".to_string()), ("b.txt".to_string(), "x\ny".to_string())]
        );
    }
}
