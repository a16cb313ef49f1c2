//! `wikitext`: render wikitext to HTML, show its syntax tree, and run Parsoid's
//! parser tests against our renderer, and measure its speed.
//!
//! Errors print one line, `wikitext: <message>`, to stderr and exit with 2; a
//! closed pipe (`wikitext html page.txt | head`) is not an error and exits 0.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use lexopt::prelude::*;
use wikitext::bench;
use wikitext::export_site::{ExportSite, PageWiki};
use wikitext::parsertests::{self, run::RunConfig};
use wikitext::{DefaultSite, RenderOptions};

const HELP: &str = "\
wikitext: parse MediaWiki wikitext and render the HTML Parsoid renders

USAGE:
    wikitext html [FILE|-] [--title T] [--pages EXPORT|STORE] [--wiki DB | --siteinfo DUMP]
                  [--body-only] [--wrap-sections|--no-wrap-sections] [--data-parsoid]
    wikitext dump INPUT [-o OUT] [--format html|text|wikitext|tree] [--namespaces 0,14] [--jobs N]
                  [--templates [--store FILE] | --pages-from STORE] [--limit N] [--resume]
                  [--errors FILE] [--no-progress]
    wikitext text [FILE|-] [--title T] [--pages EXPORT|STORE] [--wiki DB | --siteinfo DUMP]
                  [--sentences N | --chars N] [--json]
    wikitext expand [FILE|-] [--title T] [--pages EXPORT|STORE] [--wiki DB | --siteinfo DUMP]
    wikitext parse [FILE|-] [--json|--wikitext]
    wikitext parsertests [FILE...] [--filter TEXT] [--diff] [--actual-json FILE]
                         [--markdown] [--write-passing FILE] [--closeness]
    wikitext bench [DIR] [--runs N] [--json] [--pathological] [--pathological-bytes N]
                   [--no-page-memory] [--templates TDIR | --no-templates]
    wikitext --help | --version

COMMANDS:
    html         Render a page (stdin when FILE is - or absent). The default is a
                 full document with sections wrapped, titled \"Main Page\".
    dump         Render every page of a MediaWiki XML dump (plain, .bz2, .gz, .zst or - for
                 stdin) on every core to NDJSON records shaped like the Wikimedia
                 Enterprise HTML dumps', in input order; redirects become redirect
                 records. See DUMP OPTIONS.
    text         Print a page's readable text, as a reader sees it: headings,
                 paragraphs and list items as lines; references, tables, infoboxes,
                 navigation boxes, figures, hidden and noprint content left out (as
                 MediaWiki's TextExtracts does). See TEXT OPTIONS.
    expand       Print the wikitext with templates, parser functions and variables
                 expanded, as MediaWiki's expandtemplates does.
    parse        Print the syntax tree: an indented dump by default, JSON with
                 --json, the source written back from the tree with --wikitext.
    parsertests  Run Parsoid's parser tests in wt2html mode. FILEs default to every
                 .txt in $WIKITEXT_SHARED/parsertests ($WIKITEXT_SHARED defaults to
                 ../shared beside the repository). A bare file name such as
                 headings.txt is looked up there too. A case's !! config
                 (wgInterwikiMagic, wgLocaltimezone, wgPFEnableStringFunctions) and
                 site options (language, subpage, pmid-interwiki, styletag,
                 wgrawhtml=1, i18next, annotations, thumbsize,
                 wgallowexternalimages) set up its wiki; the summary
                 has a line \"NOT APPLIED KEY (N cases): WHY\" for every other
                 config key, and site option, that the cases run set.

    bench        Time tokenizing and rendering every DIR/*.wikitext page in one
                 process (DIR defaults to $WIKITEXT_SHARED/corpus): MB/s, time per
                 pipeline stage, peak memory, the slowest page. MB = 10^6 bytes.
                 In the same runs it renders the template corpus (TDIR, the
                 repository's corpus/templates by default) with its templates.

PAGE OPTIONS (html, text, expand):
    --title T       The page's title (\"Main Page\").
    --pages EXPORT  Templates and other pages from a MediaWiki XML export or dump
                    (Special:Export format; plain, .bz2 or .gz). Without it every
                    template is missing.
    --wiki DB       Render as the Wikipedia of database name DB (dewiki, frwiki, jawiki
                    ...: its namespace names and aliases, language, magic words, link
                    trail and main page); an unknown DB lists the ones described.
    --siteinfo DUMP Render as the wiki of a dump's <siteinfo> (its namespaces and case
                    rules, site name, server, language; namespace aliases, magic words
                    and the link trail from the wiki's and language's table): what
                    `wikitext dump` renders with.
    A STORE (an SQLite page store from `wikitext dump --templates`) works for --pages.

TEXT OPTIONS:
    --sentences N   Exactly the first N sentences (Unicode sentence boundaries, not
                    after abbreviations and initials such as \"Dr.\" or \"J. R. R.\").
    --chars N       At most N characters (grapheme clusters), cut at the last word
                    boundary, then \"…\".
    --json          One JSON object: {\"text\", \"words\", \"sentences\"} (Unicode
                    words and sentences of the text printed).

DUMP OPTIONS:
    -o, --output OUT   The NDJSON output (stdout without it); OUT.gz is gzip-compressed,
                       OUT.zst zstd-compressed.
    --format F         article_body holds html (default), text, tree, or only wikitext.
    --namespaces LIST  Only pages of these namespace ids (default: all).
    --jobs N           Render workers (default: the number of cores); with N > 1 a .bz2
                       also decompresses on N threads: a multistream dump by the streams
                       of its index beside it (X-multistream-index.txt.bz2), any other
                       .bz2 cut at its block boundaries.
    --templates        First store the dump's Template, Module and MediaWiki pages in
                       an SQLite file (--store FILE, default OUT.pages.sqlite), then
                       expand templates (and int: messages) from it.
    --pages-from STORE Expand templates from a store an earlier run built.
    --limit N          Stop after N records.
    --resume           Continue after the last complete record of OUT (plain, .gz or .zst:
                       a cut last line, gzip member or zstd frame is dropped).
    --errors FILE      Failed pages, one JSON line each (default OUT.errors.ndjson).
    --no-progress      Log lines every 10 s instead of a progress bar.
    A dump that ends after a whole page without </mediawiki> (a dump head) converts
    with a warning; one cut inside a page or a compressed block converts every whole
    page and exits with status 3.

PARSERTESTS OPTIONS:
    --filter TEXT         Only cases whose name contains TEXT.
    --diff                Print normalized expected and actual HTML of failures.
    --actual-json FILE    Write {\"file.txt\": {\"test name\": \"raw html\"}} to FILE.
    --markdown            Print a Markdown conformance table.
    --closeness           For each failing case, the share of its expected
                          elements (start tags, attributes and all) reproduced
                          exactly; per file, the same for all cases and for
                          transclusions, figures, inline media, mw:Error
                          elements and galleries on their own.
    --write-passing FILE  Write the sorted ids of passing cases (the ratchet list).

BENCH OPTIONS:
    --runs N                Timed runs after a warm-up pass; figures are their median (3).
    --json                  Print one JSON object instead of a table.
    --pathological          Also time the pathological inputs at n and 2n bytes.
    --pathological-bytes N  The smaller pathological input size (100000).
    --no-page-memory        Skip measuring each page's peak memory (a process per page).
    --templates TDIR        The template corpus: TDIR/templates.xml (a MediaWiki export)
                            and TDIR/pages/*.wikitext (corpus/templates).
    --no-templates          Skip the template benchmark.
";

/// Every command renders page after page (a dump, the bench, the parser
/// tests), each making and freeing many small strings and vectors: jemalloc
/// serves them in fewer instructions than glibc's malloc and keeps freed
/// memory for the next page instead of faulting it in again. The program's
/// choice, not the library's: a program embedding the crate picks its own.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // If stderr is gone too there is no one left to tell.
            let _ = writeln!(io::stderr(), "wikitext: {}", one_line(&format!("{error:#}")));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

/// Error messages are one line, whatever their causes contain.
fn one_line(message: &str) -> String {
    message.replace(['\n', '\r'], " ")
}

fn run() -> Result<()> {
    let mut parser = lexopt::Parser::from_env();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match parser.next()? {
        Some(Short('h') | Long("help")) => out.write_all(HELP.as_bytes())?,
        Some(Short('V') | Long("version")) => writeln!(out, "wikitext {}", env!("CARGO_PKG_VERSION"))?,
        Some(Value(command)) => match command.to_string_lossy().as_ref() {
            "html" => html_command(&mut parser, &mut out)?,
            "parse" => parse_command(&mut parser, &mut out)?,
            "expand" => expand_command(&mut parser, &mut out)?,
            "text" => text_command(&mut parser, &mut out)?,
            "dump" => {
                // Records go to stdout through their own writer.
                drop(out);
                return dump_command(&mut parser);
            }
            "parsertests" => parsertests_command(&mut parser, &mut out)?,
            "bench" => bench_command(&mut parser, &mut out)?,
            other => bail!("unknown command '{other}' (try --help)"),
        },
        Some(other) => return Err(other.unexpected().into()),
        None => bail!("no command given (try --help)"),
    }
    out.flush()?;
    Ok(())
}

/// Read a whole input, `-` meaning stdin, and insist on UTF-8.
fn read_input(path: Option<&OsString>) -> Result<String> {
    let (name, bytes) = match path {
        None => ("<stdin>".to_string(), read_stdin()?),
        Some(path) if path == "-" => ("<stdin>".to_string(), read_stdin()?),
        Some(path) => {
            let name = Path::new(path).display().to_string();
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
            (name, bytes)
        }
    };
    String::from_utf8(bytes).map_err(|error| {
        anyhow::anyhow!("{name}: input is not valid UTF-8 (invalid byte at offset {})", error.utf8_error().valid_up_to())
    })
}

fn read_stdin() -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes).context("cannot read stdin")?;
    Ok(bytes)
}

/// Take the one optional positional input argument.
fn set_input(input: &mut Option<OsString>, value: OsString) -> Result<()> {
    if input.is_some() {
        bail!("more than one input file given: {}", Path::new(&value).display());
    }
    *input = Some(value);
    Ok(())
}

fn html_command(parser: &mut lexopt::Parser, out: &mut dyn Write) -> Result<()> {
    let mut input = None;
    let mut options = RenderOptions::page();
    let mut pages = None;
    let mut wiki = WikiChoice::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("title") => options.title = parser.value()?.string()?,
            Long("pages") => pages = Some(PathBuf::from(parser.value()?)),
            Long("wiki") => wiki.db_name = Some(parser.value()?.string()?),
            Long("siteinfo") => wiki.siteinfo = Some(PathBuf::from(parser.value()?)),
            Long("body-only") => options.body_only = true,
            Long("wrap-sections") => options.wrap_sections = true,
            Long("no-wrap-sections") => options.wrap_sections = false,
            Long("data-parsoid") => options.data_parsoid = true,
            Short('h') | Long("help") => return Ok(out.write_all(HELP.as_bytes())?),
            Value(value) => set_input(&mut input, value)?,
            other => return Err(other.unexpected().into()),
        }
    }
    let src = read_input(input.as_ref())?;
    let html = with_page_site(&wiki, pages.as_deref(), |site| wikitext::to_html(&src, site, &options))?;
    out.write_all(html.as_bytes())?;
    if !html.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Which wiki a page is of: `--wiki DB` (a wiki the library describes),
/// `--siteinfo DUMP` (the wiki a dump describes), or neither (the default
/// English wiki).
#[derive(Default)]
struct WikiChoice {
    db_name: Option<String>,
    siteinfo: Option<PathBuf>,
}

impl WikiChoice {
    /// The wiki chosen.
    fn site(&self) -> Result<PageWiki> {
        match (&self.db_name, &self.siteinfo) {
            (Some(_), Some(_)) => bail!("--wiki and --siteinfo cannot be combined"),
            (Some(db_name), None) => Ok(PageWiki::named(Some(db_name), DefaultSite::default()).context("--wiki")?),
            (None, Some(dump)) => {
                let info = wikitext::export::load_site_info(dump)
                    .with_context(|| format!("cannot read the siteinfo of {}", dump.display()))?;
                Ok(PageWiki::Described(Box::new(ExportSite::new(&info.unwrap_or_default()))))
            }
            (None, None) => Ok(PageWiki::Default(DefaultSite::default())),
        }
    }
}

/// Call `f` with the chosen wiki and the pages of an export or a page
/// store, if given.
fn with_page_site<T>(wiki: &WikiChoice, pages: Option<&Path>, f: impl FnOnce(&dyn wikitext::Site) -> T) -> Result<T> {
    with_pages(wiki.site()?, pages, f)
}

/// Call `f` with `site` and the pages of an export or a page store, if given.
fn with_pages<S: wikitext::Site, T>(site: S, pages: Option<&Path>, f: impl FnOnce(&dyn wikitext::Site) -> T) -> Result<T> {
    Ok(match pages {
        Some(path) if wikitext::store::is_store_file(path) => {
            let store = wikitext::store::PageStore::open(path)
                .with_context(|| format!("cannot open the page store {}", path.display()))?;
            f(&wikitext::WithPages::new(site, store))
        }
        Some(path) => {
            let sources = wikitext::export::load_page_sources(path)
                .with_context(|| format!("cannot load pages from {}", path.display()))?;
            f(&sources.over(site))
        }
        None => f(&site),
    })
}

fn text_command(parser: &mut lexopt::Parser, out: &mut dyn Write) -> Result<()> {
    use wikitext::text::{self, Limit, TextOptions};
    let mut input = None;
    let mut title = "Main Page".to_string();
    let mut pages = None;
    let mut wiki = WikiChoice::default();
    let (mut sentences, mut chars) = (None, None);
    let mut json = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("title") => title = parser.value()?.string()?,
            Long("pages") => pages = Some(PathBuf::from(parser.value()?)),
            Long("wiki") => wiki.db_name = Some(parser.value()?.string()?),
            Long("siteinfo") => wiki.siteinfo = Some(PathBuf::from(parser.value()?)),
            Long("sentences") => sentences = Some(parser.value()?.parse::<i64>()?),
            Long("chars") => chars = Some(parser.value()?.parse::<i64>()?),
            Long("json") => json = true,
            Short('h') | Long("help") => return Ok(out.write_all(HELP.as_bytes())?),
            Value(value) => set_input(&mut input, value)?,
            other => return Err(other.unexpected().into()),
        }
    }
    let limit = Limit::from_counts(sentences, chars).map_err(|error| match error {
        text::TextError::BothLimits => anyhow::anyhow!("--sentences and --chars cannot be combined"),
        other => anyhow::anyhow!("--{other}"),
    })?;
    let src = read_input(input.as_ref())?;
    let options = TextOptions::new(title, limit);
    let extract = with_page_site(&wiki, pages.as_deref(), |site| text::extract(&src, site, &options))?;
    if json {
        let object = serde_json::json!({"text": extract.text, "words": extract.words, "sentences": extract.sentences});
        writeln!(out, "{object}")?;
    } else if !extract.text.is_empty() {
        writeln!(out, "{}", extract.text)?;
    }
    Ok(())
}

fn expand_command(parser: &mut lexopt::Parser, out: &mut dyn Write) -> Result<()> {
    let mut input = None;
    let mut title = "Main Page".to_string();
    let mut pages = None;
    let mut wiki = WikiChoice::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("title") => title = parser.value()?.string()?,
            Long("pages") => pages = Some(PathBuf::from(parser.value()?)),
            Long("wiki") => wiki.db_name = Some(parser.value()?.string()?),
            Long("siteinfo") => wiki.siteinfo = Some(PathBuf::from(parser.value()?)),
            Short('h') | Long("help") => return Ok(out.write_all(HELP.as_bytes())?),
            Value(value) => set_input(&mut input, value)?,
            other => return Err(other.unexpected().into()),
        }
    }
    let src = read_input(input.as_ref())?;
    let expanded = with_page_site(&wiki, pages.as_deref(), |site| wikitext::expand(&src, site, &title))?;
    // Exactly the expansion: no newline added.
    out.write_all(expanded.as_bytes())?;
    Ok(())
}

fn dump_command(parser: &mut lexopt::Parser) -> Result<()> {
    use wikitext::dump::{self, Format, Templates};
    let mut input: Option<OsString> = None;
    let mut output = None;
    let mut errors = None;
    let mut format = Format::Html;
    let mut namespaces = None;
    let mut jobs = std::thread::available_parallelism().map_or(1, usize::from);
    let mut templates = false;
    let mut store = None;
    let mut pages_from = None;
    let mut limit = None;
    let mut resume = false;
    let mut progress = true;
    while let Some(arg) = parser.next()? {
        match arg {
            Short('o') | Long("output") => output = Some(PathBuf::from(parser.value()?)),
            Long("errors") => errors = Some(PathBuf::from(parser.value()?)),
            Long("format") => {
                let name = parser.value()?.string()?;
                format = Format::from_name(&name)
                    .with_context(|| format!("unknown --format {name} (html, text, wikitext or tree)"))?;
            }
            Long("namespaces") => {
                let list = parser.value()?.string()?;
                let ids = list.split(',').map(|n| n.trim().parse::<i32>()).collect::<Result<Vec<_>, _>>();
                namespaces = Some(ids.with_context(|| format!("--namespaces {list}: not a list of namespace ids"))?);
            }
            Long("jobs") => {
                jobs = parser.value()?.parse()?;
                if jobs == 0 {
                    bail!("--jobs must be at least 1");
                }
            }
            Long("templates") => templates = true,
            Long("store") => store = Some(PathBuf::from(parser.value()?)),
            Long("pages-from") => pages_from = Some(PathBuf::from(parser.value()?)),
            Long("limit") => limit = Some(parser.value()?.parse()?),
            Long("resume") => resume = true,
            Long("no-progress") => progress = false,
            Short('h') | Long("help") => return Ok(io::stdout().write_all(HELP.as_bytes())?),
            Value(value) => set_input(&mut input, value)?,
            other => return Err(other.unexpected().into()),
        }
    }
    let Some(input) = input else { bail!("dump: no INPUT given (a dump file, or - for stdin)") };
    let templates = match (templates, pages_from) {
        (true, Some(_)) => bail!("--templates and --pages-from cannot be combined"),
        (false, Some(path)) => Templates::From(path),
        (true, None) => Templates::Build(match (store, &output) {
            (Some(path), _) => path,
            (None, Some(out)) => {
                let mut name = out.as_os_str().to_owned();
                name.push(".pages.sqlite");
                name.into()
            }
            (None, None) => bail!("--templates without -o OUT needs --store FILE"),
        }),
        (false, None) => Templates::None,
    };
    let config = dump::Config { input: input.into(), output, errors, format, namespaces, jobs, templates, limit, resume, progress };
    let log = |line: &str| {
        let _ = writeln!(io::stderr(), "wikitext dump: {line}");
    };
    let summary = dump::run(&config, &log)?;
    log(&summary.to_string());
    match &summary.ending {
        Some(dump::split::Ending::AfterPage) => {
            log("warning: the dump ends after a whole page without </mediawiki> (a dump head?); every page was converted");
        }
        Some(dump::split::Ending::InsidePage { trailing_bytes }) => {
            log(&format!(
                "error: the dump is cut inside a page ({trailing_bytes} bytes after the last whole page); every whole page was converted"
            ));
            std::process::exit(3);
        }
        Some(dump::split::Ending::ReadError(error)) => {
            log(&format!("error: reading the dump failed after the last whole page ({error}); every whole page was converted"));
            std::process::exit(3);
        }
        Some(dump::split::Ending::Complete) | None => {}
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ParseOutput {
    Dump,
    Json,
    Wikitext,
}

fn parse_command(parser: &mut lexopt::Parser, out: &mut dyn Write) -> Result<()> {
    let mut input = None;
    let mut output = ParseOutput::Dump;
    let choose = |wanted: ParseOutput, output: &mut ParseOutput| {
        if *output != ParseOutput::Dump && *output != wanted {
            bail!("--json and --wikitext cannot be combined");
        }
        *output = wanted;
        Ok(())
    };
    while let Some(arg) = parser.next()? {
        match arg {
            Long("json") => choose(ParseOutput::Json, &mut output)?,
            Long("wikitext") => choose(ParseOutput::Wikitext, &mut output)?,
            Short('h') | Long("help") => return Ok(out.write_all(HELP.as_bytes())?),
            Value(value) => set_input(&mut input, value)?,
            other => return Err(other.unexpected().into()),
        }
    }
    let src = read_input(input.as_ref())?;
    let tree = wikitext::parse(&src);
    match output {
        ParseOutput::Dump => out.write_all(tree.debug_dump().as_bytes())?,
        ParseOutput::Json => writeln!(out, "{}", wikitext::tree_to_json(&tree))?,
        // Exactly the source again: no newline added.
        ParseOutput::Wikitext => out.write_all(tree.to_wikitext().as_bytes())?,
    }
    Ok(())
}

/// Where the shared data may be, in the order tried.
fn shared_dir_candidates() -> Vec<PathBuf> {
    if let Some(dir) = std::env::var_os(parsertests::SHARED_ENV).filter(|d| !d.is_empty()) {
        return vec![PathBuf::from(dir)];
    }
    let mut candidates = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        candidates.push(cwd.join("..").join("shared"));
    }
    // A binary in <root>/target/<profile>/ finds <root>/../shared.
    if let Some(exe_dir) = std::env::current_exe().ok().as_deref().and_then(Path::parent) {
        for ancestor in exe_dir.ancestors().take(4) {
            candidates.push(ancestor.join("..").join("shared"));
        }
    }
    candidates.push(parsertests::shared_dir_for_root(Path::new(env!("CARGO_MANIFEST_DIR"))));
    candidates
}

/// A directory of the shared data (`corpus`), wherever the shared data is.
fn find_shared_subdir(name: &str) -> Result<PathBuf> {
    let candidates = shared_dir_candidates();
    if let Some(dir) = candidates.iter().map(|shared| shared.join(name)).find(|dir| dir.is_dir()) {
        return Ok(dir);
    }
    let tried: Vec<String> = candidates.iter().map(|c| c.join(name).display().to_string()).collect();
    bail!("{name} not found (looked in {}); give a directory or set {}", tried.join(", "), parsertests::SHARED_ENV)
}

fn find_parsertests_dir() -> Result<PathBuf> {
    let candidates = shared_dir_candidates();
    for shared in &candidates {
        let dir = parsertests::parsertests_dir(shared);
        if dir.is_dir() {
            return Ok(dir);
        }
    }
    let tried: Vec<String> = candidates.iter().map(|c| parsertests::parsertests_dir(c).display().to_string()).collect();
    bail!(
        "parser-test data not found (looked in {}); set {} to the shared data directory",
        tried.join(", "),
        parsertests::SHARED_ENV
    )
}

fn parsertests_command(parser: &mut lexopt::Parser, out: &mut dyn Write) -> Result<()> {
    let mut config = RunConfig::default();
    let mut files: Vec<PathBuf> = Vec::new();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("filter") => config.filter = Some(parser.value()?.string()?),
            Long("diff") => config.diff = true,
            Long("actual-json") => config.actual_json = Some(parser.value()?.into()),
            Long("markdown") => config.markdown = true,
            Long("closeness") => config.closeness = true,
            Long("write-passing") => config.write_passing = Some(parser.value()?.into()),
            Short('h') | Long("help") => return Ok(out.write_all(HELP.as_bytes())?),
            Value(value) => files.push(value.into()),
            other => return Err(other.unexpected().into()),
        }
    }
    config.files = if files.is_empty() {
        let dir = find_parsertests_dir()?;
        let all = parsertests::run::test_files_in(&dir).map_err(anyhow::Error::msg)?;
        if all.is_empty() {
            bail!("no .txt files in {}", dir.display());
        }
        all
    } else {
        files.into_iter().map(resolve_test_file).collect::<Result<_>>()?
    };
    parsertests::run::run_suite(&config, out)?;
    Ok(())
}

/// A test file as given, or (for a bare name that does not exist here) the
/// file of that name in the parser-test directory.
fn resolve_test_file(path: PathBuf) -> Result<PathBuf> {
    if path.is_file() {
        return Ok(path);
    }
    if path.components().count() == 1 {
        if let Ok(dir) = find_parsertests_dir() {
            let in_dir = dir.join(&path);
            if in_dir.is_file() {
                return Ok(in_dir);
            }
        }
    }
    bail!("test file not found: {}", path.display())
}

/// The repository's template corpus: `corpus/templates` in the current
/// directory or in the source tree the binary was built from.
fn default_templates_dir() -> Option<PathBuf> {
    let candidates = [std::env::current_dir().ok(), Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")))];
    candidates.into_iter().flatten().map(|root| root.join("corpus").join("templates")).find(|dir| dir.join("templates.xml").is_file())
}

fn bench_command(parser: &mut lexopt::Parser, out: &mut dyn Write) -> Result<()> {
    let mut dir: Option<PathBuf> = None;
    let mut json = false;
    let mut page_memory = true;
    let mut config = bench::Config::default();
    let mut probe: Option<PathBuf> = None;
    let mut templates: Option<PathBuf> = None;
    let mut no_templates = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("templates") => templates = Some(parser.value()?.into()),
            Long("no-templates") => no_templates = true,
            Long("runs") => {
                config.runs = parser.value()?.parse()?;
                if config.runs == 0 {
                    bail!("--runs must be at least 1");
                }
            }
            Long("json") => json = true,
            Long("pathological") => config.pathological = true,
            Long("pathological-bytes") => config.pathological_bytes = parser.value()?.parse()?,
            Long("no-page-memory") => page_memory = false,
            // Internal: one page's peak memory, measured by a fresh process.
            Long("page-memory-probe") => probe = Some(parser.value()?.into()),
            Short('h') | Long("help") => return Ok(out.write_all(HELP.as_bytes())?),
            Value(value) => {
                if dir.is_some() {
                    bail!("more than one corpus directory given: {}", Path::new(&value).display());
                }
                dir = Some(value.into());
            }
            other => return Err(other.unexpected().into()),
        }
    }
    if let Some(path) = probe {
        let text = read_input(Some(&path.clone().into_os_string()))?;
        let name = path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        match bench::probe_page_memory(&name, &text) {
            Some(peaks) => writeln!(out, "{}", peaks.map(|peak| peak.to_string()).join(" "))?,
            None => bail!("peak memory is not measurable here (no /proc/self/status)"),
        }
        return Ok(());
    }
    let dir = match dir {
        Some(dir) => dir,
        None => {
            let dir = find_shared_subdir("corpus")?;
            dir.canonicalize().unwrap_or(dir)
        }
    };
    let pages = bench::read_corpus(&dir).map_err(anyhow::Error::msg)?;
    if no_templates && templates.is_some() {
        bail!("--templates and --no-templates cannot be combined");
    }
    // A template corpus given is required; the default one is used when found.
    config.templates = match templates {
        Some(tdir) => Some(bench::read_templates(&tdir).map_err(anyhow::Error::msg)?),
        None if no_templates => None,
        None => default_templates_dir().and_then(|tdir| bench::read_templates(&tdir).ok()),
    };
    if page_memory {
        config.memory_probe = std::env::current_exe().ok();
    }
    let report = bench::run(&dir, &pages, &config);
    if json {
        writeln!(out, "{report}")?;
    } else {
        out.write_all(bench::render_text(&report).as_bytes())?;
    }
    Ok(())
}
