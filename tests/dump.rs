//! `wikitext dump` end to end: the shared dump heads, record shape, faults
//! (a broken page, invalid UTF-8, a truncated .bz2, a page hitting the
//! expansion limits), `--resume` (plain, gzip and zstd outputs).

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wikitext"))
}

fn shared_dumps() -> Option<PathBuf> {
    let shared = std::env::var_os("WIKITEXT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let dir = shared.join("dumps");
    if dir.join("enwiki-head.xml.bz2").is_file() {
        Some(dir)
    } else {
        eprintln!("skipping: no shared dumps at {} (set WIKITEXT_SHARED)", dir.display());
        None
    }
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wikitext-dump-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn dump(args: &[&str]) -> Output {
    bin().arg("dump").args(args).arg("--no-progress").output().unwrap()
}

fn records(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))).collect()
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path).map_or(0, |t| t.lines().count())
}

fn page_xml(id: u32, title: &str, text: &str) -> String {
    format!(
        "  <page>\n    <title>{title}</title>\n    <ns>0</ns>\n    <id>{id}</id>\n    <revision>\n      <id>{}</id>\n      <timestamp>2024-01-01T00:00:00Z</timestamp>\n      <model>wikitext</model>\n      <text xml:space=\"preserve\">{text}</text>\n    </revision>\n  </page>\n",
        id + 1000
    )
}

const HEADER: &str = "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\" xml:lang=\"en\">\n  <siteinfo>\n    <sitename>Testwiki</sitename>\n    <dbname>testwiki</dbname>\n    <base>https://test.example.org/wiki/Main_Page</base>\n    <case>first-letter</case>\n    <namespaces>\n      <namespace key=\"0\" case=\"first-letter\" />\n      <namespace key=\"10\" case=\"first-letter\">Template</namespace>\n    </namespaces>\n  </siteinfo>\n";

fn small_dump(pages: &[String]) -> Vec<u8> {
    let mut xml = HEADER.as_bytes().to_vec();
    for page in pages {
        xml.extend_from_slice(page.as_bytes());
    }
    xml.extend_from_slice(b"</mediawiki>\n");
    xml
}

/// The number of `<page>` elements of a .bz2 dump.
fn page_count(dump: &Path) -> usize {
    let mut xml = Vec::new();
    bzip2::read::MultiBzDecoder::new(std::fs::File::open(dump).unwrap()).read_to_end(&mut xml).unwrap();
    memchr::memmem::find_iter(&xml, b"<page>").count()
}

fn check_shape(record: &Value) {
    for field in ["name", "identifier", "url", "date_modified"] {
        assert!(record.get(field).is_some(), "no {field} in {record}");
    }
    for field in ["namespace", "version", "in_language", "is_part_of"] {
        assert!(record[field].get("identifier").is_some(), "no {field}.identifier in {record}");
    }
    assert!(
        record.get("redirect").is_some() != record.get("article_body").is_some(),
        "a record is a redirect or has an article_body: {record}"
    );
}

#[test]
fn shared_heads_convert_every_page_with_a_warning() {
    let Some(dumps) = shared_dumps() else { return };
    let dir = scratch("heads");
    for (wiki, lang) in [("enwiki", "en"), ("jawiki", "ja")] {
        let input = dumps.join(format!("{wiki}-head.xml.bz2"));
        let out = dir.join(format!("{wiki}.ndjson"));
        let run = dump(&[input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "wikitext", "--jobs", "2"]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{wiki}: {stderr}");
        assert!(stderr.contains("without </mediawiki>"), "{wiki}: no warning in {stderr}");
        let records = records(&out);
        let pages = page_count(&input);
        assert_eq!(records.len(), pages, "{wiki}: one record per page");
        let ids: HashSet<u64> = records.iter().map(|r| r["identifier"].as_u64().unwrap()).collect();
        assert_eq!(ids.len(), pages, "{wiki}: no page twice");
        for record in &records {
            check_shape(record);
            assert_eq!(record["in_language"]["identifier"], lang);
            assert_eq!(record["is_part_of"]["identifier"], wiki);
        }
    }
}

/// A record's HTML equals `wikitext html - --title NAME --siteinfo DUMP` of its wikitext.
fn assert_html_alone(record: &Value, dump: &Path) {
    let name = record["name"].as_str().unwrap();
    let mut alone = bin()
        .args(["html", "-", "--title", name, "--siteinfo", dump.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    alone.stdin.take().unwrap().write_all(record["article_body"]["wikitext"].as_str().unwrap().as_bytes()).unwrap();
    let html = String::from_utf8(alone.wait_with_output().unwrap().stdout).unwrap();
    assert_eq!(html.trim_end(), record["article_body"]["html"].as_str().unwrap().trim_end(), "page {name}");
}

#[test]
fn html_equals_wikitext_html_of_the_page_alone() {
    let Some(dumps) = shared_dumps() else { return };
    let dir = scratch("html");
    let input = dumps.join("jawiki-head.xml.bz2");
    let out = dir.join("ja.ndjson");
    let run = dump(&[input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--limit", "12", "--jobs", "2"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let records = records(&out);
    assert_eq!(records.len(), 12);
    let pages: Vec<&Value> = records.iter().filter(|r| r.get("article_body").is_some()).take(3).collect();
    assert!(!pages.is_empty());
    for record in pages {
        assert_html_alone(record, &input);
    }
}

#[test]
fn a_broken_page_and_invalid_utf8_fail_alone() {
    let dir = scratch("faults");
    let mut xml = small_dump(&[
        page_xml(1, "One", "first"),
        page_xml(2, "Broken", "a <b>unclosed tag"),
        page_xml(3, "Three", "third"),
        page_xml(4, "Bad UTF-8", "BADBYTES"),
        page_xml(5, "Five", "[[link]]"),
    ]);
    let at = xml.windows(8).position(|w| w == b"BADBYTES").unwrap();
    xml.splice(at..at + 8, [b'x', 0xff, 0xfe, b'y']);
    let input = dir.join("faults.xml");
    std::fs::write(&input, xml).unwrap();
    let out = dir.join("out.ndjson");
    let run = dump(&[input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--jobs", "2"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let names: Vec<String> = records(&out).iter().map(|r| r["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, ["One", "Three", "Five"]);
    let errors = records(&dir.join("out.ndjson.errors.ndjson"));
    let failed: Vec<&str> = errors.iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(failed, ["Broken", "Bad UTF-8"]);
    assert_eq!(errors[0]["identifier"], 2);
}

#[test]
fn a_page_hitting_the_expansion_limits_renders_with_an_error() {
    let dir = scratch("limits");
    // Each template calls the next four times: 4^30 calls, far past the limits.
    let mut pages: Vec<String> = (0..30)
        .map(|i| page_xml(100 + i, &format!("Template:T{i}"), &format!("{{{{T{n}}}}}", n = i + 1).repeat(4)))
        .collect();
    pages.push(page_xml(130, "Template:T30", "x"));
    for page in &mut pages {
        *page = page.replace("<ns>0</ns>", "<ns>10</ns>");
    }
    pages.push(page_xml(8, "Fan out", "a {{T0}} b"));
    pages.push(page_xml(9, "After", "fine"));
    let input = dir.join("limits.xml");
    std::fs::write(&input, small_dump(&pages)).unwrap();
    let out = dir.join("out.ndjson");
    let run = dump(&[input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--templates", "--namespaces", "0", "--jobs", "2"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let records = records(&out);
    let names: Vec<&str> = records.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Fan out", "After"]);
    let html = records[0]["article_body"]["html"].as_str().unwrap();
    assert!(html.contains("limit exceeded"), "the limit shows in the page: {html}");
    assert!(dir.join("out.ndjson.pages.sqlite").is_file(), "the store is kept for --pages-from");
}

#[test]
fn the_template_store_keeps_the_wikis_messages() {
    let dir = scratch("messages");
    let mut message = page_xml(100, "MediaWiki:Greeting", "Hello, $1!");
    message = message.replace("<ns>0</ns>", "<ns>8</ns>");
    let mut template = page_xml(101, "Template:Greet", "{{int:greeting|{{{1}}}}}");
    template = template.replace("<ns>0</ns>", "<ns>10</ns>");
    let input = dir.join("messages.xml");
    let xml = String::from_utf8(small_dump(&[message, template, page_xml(1, "Page", "{{Greet|reader}}")])).unwrap();
    // Every wiki has namespace 8; the small header lists only what the other tests need.
    let xml = xml.replace(
        "<namespace key=\"10\"",
        "<namespace key=\"8\" case=\"first-letter\">MediaWiki</namespace>\n      <namespace key=\"10\"",
    );
    std::fs::write(&input, xml).unwrap();
    let out = dir.join("out.ndjson");
    let run = dump(&[input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--templates", "--namespaces", "0", "--jobs", "2"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let records = records(&out);
    let html = records[0]["article_body"]["html"].as_str().unwrap();
    assert!(html.contains("Hello, reader!"), "{html}");
}

#[test]
fn a_truncated_bz2_converts_every_whole_page_and_fails() {
    let Some(dumps) = shared_dumps() else { return };
    let dir = scratch("truncated");
    let whole_input = dumps.join("enwiki-head.xml.bz2");
    let whole = std::fs::read(&whole_input).unwrap();
    let input = dir.join("cut.xml.bz2");
    std::fs::write(&input, &whole[..whole.len() / 3]).unwrap();
    // The whole pages of what decompresses before the cut.
    let mut xml = Vec::new();
    let _ = bzip2::read::MultiBzDecoder::new(std::fs::File::open(&input).unwrap()).read_to_end(&mut xml);
    let whole_pages = memchr::memmem::find_iter(&xml, b"</page>").count();
    let out = dir.join("out.ndjson");
    let run = dump(&[input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "wikitext", "--jobs", "2"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("every whole page was converted"), "{stderr}");
    let full = dir.join("full.ndjson");
    let run = dump(&[whole_input.to_str().unwrap(), "-o", full.to_str().unwrap(), "--format", "wikitext", "--jobs", "2"]);
    assert!(run.status.success());
    let (cut, full) = (std::fs::read_to_string(&out).unwrap(), std::fs::read_to_string(&full).unwrap());
    assert!(whole_pages > 10 && whole_pages < 251, "{whole_pages} whole pages");
    assert_eq!(cut.lines().count(), whole_pages, "every whole page, no page twice");
    assert!(full.starts_with(&cut), "the records of the whole pages, as the whole dump gives them");
}

#[test]
fn a_zstd_dump_converts_as_its_bz2() {
    let Some(dumps) = shared_dumps() else { return };
    let dir = scratch("zstd-input");
    let bz2 = dumps.join("enwiki-head.xml.bz2");
    let mut xml = Vec::new();
    bzip2::read::MultiBzDecoder::new(std::fs::File::open(&bz2).unwrap()).read_to_end(&mut xml).unwrap();
    // Two frames, as a tool that compresses by parts writes them.
    let half = xml.len() / 2;
    let mut zst = zstd::encode_all(&xml[..half], 3).unwrap();
    zst.extend(zstd::encode_all(&xml[half..], 3).unwrap());
    let input = dir.join("head.xml.zst");
    std::fs::write(&input, zst).unwrap();
    let (from_zst, from_bz2) = (dir.join("zst.ndjson"), dir.join("bz2.ndjson"));
    for (input, out) in [(&input, &from_zst), (&bz2, &from_bz2)] {
        let run = dump(&[input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "wikitext"]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    }
    assert_eq!(std::fs::read(&from_zst).unwrap(), std::fs::read(&from_bz2).unwrap());
    assert_eq!(lines(&from_zst), page_count(&bz2));
}

/// A dump of 30 pages whose 20th is broken, run whole into `reference`.
fn resume_fixture(dir: &Path, reference: &Path) -> PathBuf {
    let pages: Vec<String> = (1..=30)
        .map(|i| page_xml(i, &format!("Page {i}"), if i == 20 { "a <b>broken" } else { "text of the page" }))
        .collect();
    let input = dir.join("dump.xml");
    std::fs::write(&input, small_dump(&pages)).unwrap();
    let run = dump(&[input.to_str().unwrap(), "-o", reference.to_str().unwrap(), "--jobs", "2"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    input
}

/// Interrupt a run by cutting its output at `cut` bytes (the errors file
/// already lists the broken page after the cut, as when the records' buffer
/// was behind the errors'), resume, and compare with the whole run.
fn resume_after_cut(name: &str, out_name: &str, decode: fn(&[u8]) -> Vec<u8>, cut: fn(&[u8]) -> Vec<u8>) {
    let dir = scratch(name);
    let reference = dir.join("reference.ndjson");
    let input = resume_fixture(&dir, &reference);
    let out = dir.join(out_name);
    let run = dump(&[input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--jobs", "2"]);
    assert!(run.status.success());
    let whole = std::fs::read(&out).unwrap();
    std::fs::write(&out, cut(&whole)).unwrap();
    let errors = |p: &Path| {
        let mut name = p.as_os_str().to_owned();
        name.push(".errors.ndjson");
        std::fs::read_to_string(PathBuf::from(name)).unwrap()
    };
    assert_eq!(errors(&out).lines().count(), 1);
    let run = dump(&[input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--resume", "--jobs", "2"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let expected = std::fs::read(&reference).unwrap();
    let got = decode(&std::fs::read(&out).unwrap());
    assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&expected), "{name}: nothing lost or repeated");
    assert_eq!(errors(&out), errors(&reference), "{name}: the broken page listed once");
    assert!(stderr.contains("pages already done"), "{stderr}");
}

#[test]
fn resume_after_an_output_cut_mid_record() {
    let plain: fn(&[u8]) -> Vec<u8> = <[u8]>::to_vec;
    // Mid-record: the 30 records are of about the same length.
    resume_after_cut("resume-cut", "out.ndjson", plain, |whole| whole[..whole.len() * 2 / 5 + 7].to_vec());
}

#[test]
fn resume_a_cut_gzip_output() {
    let gunzip: fn(&[u8]) -> Vec<u8> = |bytes| {
        let mut text = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut text).unwrap();
        text
    };
    resume_after_cut("resume-gz", "out.ndjson.gz", gunzip, |whole| whole[..whole.len() / 2].to_vec());
    // Resuming a finished output appends an empty member and changes nothing.
    resume_after_cut("resume-gz-whole", "out.ndjson.gz", gunzip, <[u8]>::to_vec);
}

#[test]
fn resume_a_cut_zstd_output() {
    let unzstd: fn(&[u8]) -> Vec<u8> = |bytes| zstd::decode_all(bytes).unwrap();
    // A zstd frame decodes by blocks of up to 128 KiB: these records make one
    // block, so the interrupted run is one whole frame of 12 records and half
    // a frame of the next ones.
    resume_after_cut("resume-zst", "out.ndjson.zst", unzstd, |whole| {
        let text = zstd::decode_all(whole).unwrap();
        let cut = memchr::memmem::find_iter(&text, b"\n").nth(11).unwrap() + 1;
        let mut bytes = zstd::encode_all(&text[..cut], 3).unwrap();
        let next = zstd::encode_all(&text[cut..], 3).unwrap();
        bytes.extend_from_slice(&next[..next.len() / 2]);
        bytes
    });
}

#[test]
fn resume_after_an_interrupted_run_loses_and_repeats_nothing() {
    let dir = scratch("resume");
    let pages: Vec<String> = (1..=30).map(|i| page_xml(i, &format!("Page {i}"), &format!("text of page {i}"))).collect();
    let input = dir.join("dump.xml");
    std::fs::write(&input, small_dump(&pages)).unwrap();
    let out = dir.join("out.ndjson");
    let (input, out_arg) = (input.to_str().unwrap(), out.to_str().unwrap());
    assert!(dump(&[input, "-o", out_arg, "--limit", "11", "--jobs", "2"]).status.success());
    assert_eq!(lines(&out), 11);
    // An interruption mid-record leaves half a line.
    std::fs::OpenOptions::new().append(true).open(&out).unwrap().write_all(b"{\"name\":\"Page 12\",\"ident").unwrap();
    let run = dump(&[input, "-o", out_arg, "--resume", "--jobs", "2"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let names: Vec<String> = records(&out).iter().map(|r| r["name"].as_str().unwrap().to_string()).collect();
    let expected: Vec<String> = (1..=30).map(|i| format!("Page {i}")).collect();
    assert_eq!(names, expected);
}

/// Compress `data` as one bzip2 stream.
fn bz2_stream(data: &[u8]) -> Vec<u8> {
    let mut encoder = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// Remake a dump as a multistream dump with its index, as Wikimedia makes
/// them: the header in a stream of its own, then `per_stream` pages a stream,
/// the index listing `offset:page id:title` for every page.
fn make_multistream(xml: &[u8], dir: &Path, per_stream: usize) -> PathBuf {
    let first_page = memchr::memmem::find(xml, b"  <page>").unwrap();
    let mut ends: Vec<usize> = memchr::memmem::find_iter(xml, b"</page>\n").map(|i| i + 8).collect();
    let last = *ends.last().unwrap();
    *ends.last_mut().unwrap() = xml.len();
    assert!(xml[last..].trim_ascii().is_empty() || xml[last..].trim_ascii() == b"</mediawiki>");
    let mut dump = bz2_stream(&xml[..first_page]);
    let mut index = String::new();
    let mut start = first_page;
    for group in ends.chunks(per_stream) {
        let end = *group.last().unwrap();
        let pages = &xml[start..end];
        for page in memchr::memmem::find_iter(pages, b"<page>") {
            let field = |name: &str| {
                let open = format!("<{name}>");
                let at = page + memchr::memmem::find(&pages[page..], open.as_bytes()).unwrap() + open.len();
                let len = memchr::memchr(b'<', &pages[at..]).unwrap();
                String::from_utf8_lossy(&pages[at..at + len]).into_owned()
            };
            index.push_str(&format!("{}:{}:{}\n", dump.len(), field("id"), field("title")));
        }
        dump.extend(bz2_stream(pages));
        start = end;
    }
    let path = dir.join("testwiki-20240101-pages-articles-multistream.xml.bz2");
    std::fs::write(&path, dump).unwrap();
    std::fs::write(dir.join("testwiki-20240101-pages-articles-multistream-index.txt.bz2"), bz2_stream(index.as_bytes()))
        .unwrap();
    path
}

#[test]
fn a_multistream_dump_with_its_index_gives_the_same_records() {
    let Some(dumps) = shared_dumps() else { return };
    let dir = scratch("multistream");
    let input = dumps.join("jawiki-head.xml.bz2");
    let mut xml = Vec::new();
    bzip2::read::MultiBzDecoder::new(std::fs::File::open(&input).unwrap()).read_to_end(&mut xml).unwrap();
    let multistream = make_multistream(&xml, &dir, 20);
    let single = dir.join("single.ndjson");
    let run = dump(&[input.to_str().unwrap(), "-o", single.to_str().unwrap(), "--format", "wikitext", "--jobs", "1"]);
    assert!(run.status.success());
    for jobs in ["1", "2"] {
        let out = dir.join(format!("multi-{jobs}.ndjson"));
        let run = dump(&[multistream.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "wikitext", "--jobs", jobs]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{stderr}");
        if jobs == "2" {
            assert!(stderr.contains("decompressing 14 streams"), "the index is read: {stderr}");
        }
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&single).unwrap(), "{jobs} jobs");
    }
}

#[test]
fn block_split_decompression_gives_the_same_records() {
    let Some(dumps) = shared_dumps() else { return };
    let dir = scratch("blocks");
    for wiki in ["enwiki", "jawiki"] {
        let input = dumps.join(format!("{wiki}-head.xml.bz2"));
        let outs: Vec<Vec<u8>> = ["1", "2", "3"]
            .iter()
            .map(|jobs| {
                let out = dir.join(format!("{wiki}-{jobs}.ndjson"));
                let run = dump(&[input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "wikitext", "--jobs", jobs]);
                assert!(run.status.success());
                std::fs::read(&out).unwrap()
            })
            .collect();
        assert!(outs[0] == outs[1] && outs[1] == outs[2], "{wiki}: one thread or several, the same records");
    }
}

#[test]
fn a_jawiki_dump_reads_aliases_and_link_trails_as_wikitext_html_siteinfo_does() {
    let Some(dumps) = shared_dumps() else { return };
    let dir = scratch("siteinfo");
    let mut xml = Vec::new();
    bzip2::read::MultiBzDecoder::new(std::fs::File::open(dumps.join("jawiki-head.xml.bz2")).unwrap())
        .read_to_end(&mut xml)
        .unwrap();
    // The real jawiki <siteinfo>, then pages of our own.
    let header = &xml[..memchr::memmem::find(&xml, b"  <page>").unwrap()];
    let texts = [
        ("画像", "[[画像:Example.png|thumb|説明]]"),
        ("カテゴリ", "本文\n[[カテゴリ:日本の都市]]"),
        ("リンク", "[[東京]]です、[[Tokyo]]ites と [[テンプレート・トーク:X]]"),
    ];
    let mut input = header.to_vec();
    for (i, (title, text)) in texts.iter().enumerate() {
        input.extend(page_xml(i as u32 + 1, title, text).bytes());
    }
    let input_path = dir.join("ja.xml");
    std::fs::write(&input_path, &input).unwrap();
    let out = dir.join("out.ndjson");
    assert!(dump(&[input_path.to_str().unwrap(), "-o", out.to_str().unwrap()]).status.success());
    let records = records(&out);
    assert_eq!(records.len(), texts.len());
    for record in &records {
        assert_html_alone(record, &input_path);
    }
    let html = |i: usize| records[i]["article_body"]["html"].as_str().unwrap().to_string();
    assert!(html(0).contains("mw:File"), "画像: is the file namespace: {}", html(0));
    assert!(html(1).contains("mw:PageProp/Category"), "カテゴリ: is a category: {}", html(1));
    let links = html(2);
    assert!(links.contains(">Tokyoites</a>"), "jawiki's link trail is [a-z]: {links}");
    assert!(links.contains("./Template‐ノート:X"), "an alias of namespace 11 links to its local name: {links}");
}
