//! `wikitext::text`: what a reader sees of a page, and its cuts at Unicode
//! boundaries, in many scripts.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use wikitext::text::{self, first_chars, first_sentences, Limit, TextError, TextOptions, ELLIPSIS};
use wikitext::DefaultSite;

fn page_text(src: &str) -> String {
    text::to_text(src, &DefaultSite::default(), &TextOptions::default())
}

#[test]
fn what_a_reader_sees_and_what_is_left_out() {
    let src = "\
'''Ada''' wrote notes.<ref>A source.</ref> She <span style=\"display: none\">hidden</span>was [[Lovelace|a countess]].
<div class=\"infobox\">Born 1815</div>
{| class=\"wikitable\"
|+ A caption
| a cell
|}
[[File:Ada.jpg|thumb|A caption of a figure]]
== Works ==
* The first item
* The second, with <span class=\"noprint\">print-only</span>text
# A numbered item
; Term : Definition
<span class=\"mw-editsection\">edit</span>Last paragraph.
{| class=\"navbox\"
| Navigation
|}
== References ==
<references />
";
    insta::assert_snapshot!(page_text(src));
}

#[test]
fn templates_expand_with_the_site() {
    let mut pages = wikitext::PageSources::default();
    pages.insert("Template:Greet", "Hello, {{{1}}}.");
    pages.insert("Template:Box", "{| class=\"infobox\"\n| boxed\n|}");
    let site = pages.over(DefaultSite::default());
    let options = TextOptions::new("Ada", Limit::All);
    assert_eq!(text::to_text("{{Box}}\n{{Greet|{{PAGENAME}}}} Bye.", &site, &options), "Hello, Ada. Bye.");
}

#[test]
fn a_missing_template_leaves_no_red_link_in_the_text() {
    assert_eq!(page_text("{{Short description|x}}\nThe page."), "The page.");
}

#[test]
fn sentences_and_chars_through_the_page() {
    let site = DefaultSite::default();
    let src = "Dr. J. R. R. Tolkien lived in the U.S. and England. He wrote books. Many.";
    let first = TextOptions::new("T", Limit::Sentences(1));
    assert_eq!(text::to_text(src, &site, &first), "Dr. J. R. R. Tolkien lived in the U.S. and England.");
    let extract = text::extract(src, &site, &TextOptions::new("T", Limit::Chars(20)));
    assert_eq!(extract.text, "Dr. J. R. R. Tolkien…");
    assert_eq!((extract.words, extract.sentences), (5, 1));
    let whole = text::extract(src, &site, &TextOptions::default());
    assert_eq!(whole.sentences, 3);
}

#[test]
fn limits_are_typed_errors() {
    assert_eq!(Limit::from_counts(Some(1), Some(2)), Err(TextError::BothLimits));
    assert_eq!(Limit::from_counts(Some(-1), None), Err(TextError::Negative { option: "sentences", value: -1 }));
    assert_eq!(Limit::from_counts(None, Some(-5)), Err(TextError::Negative { option: "chars", value: -5 }));
    assert_eq!(Limit::from_counts(None, None), Ok(Limit::All));
    assert_eq!(Limit::from_counts(None, Some(7)), Ok(Limit::Chars(7)));
    assert_eq!(TextError::BothLimits.to_string(), "sentences and chars cannot be combined; give at most one limit");
}

#[test]
fn sentences_in_many_scripts() {
    let cases = [
        ("Mr. Brown arrived. He sat down.", "Mr. Brown arrived."),
        ("北京是中国的首都。上海是最大的城市。", "北京是中国的首都。"),
        ("東京は日本の首都です。人口が多い。", "東京は日本の首都です。"),
        ("دمشق مدينة قديمة. يسكنها كثيرون.", "دمشق مدينة قديمة."),
        ("هل هذا سؤال؟ نعم.", "هل هذا سؤال؟"),
        ("दिल्ली भारत की राजधानी है। यह बड़ा शहर है।", "दिल्ली भारत की राजधानी है।"),
        ("กรุงเทพมหานครเป็นเมืองหลวง", "กรุงเทพมหานครเป็นเมืองหลวง"),
    ];
    for (text, first) in cases {
        assert_eq!(first_sentences(text, 1), first, "{text}");
    }
}

#[test]
fn chars_in_many_scripts() {
    let cases = [
        ("Lorem ipsum dolor sit amet", 14, "Lorem ipsum…"),
        ("北京是中国的首都。", 4, "北京是中…"),
        ("دمشق مدينة قديمة", 8, "دمشق…"),
        // दि ल्ली: the conjunct is one cluster.
        ("दिल्ली भारत की राजधानी", 9, "दिल्ली भारत की…"),
        ("สวัสดีครับ ประเทศไทย", 12, "สวัสดีครับ…"),
        ("🏳️‍🌈🏳️‍🌈 flags", 1, "🏳️‍🌈…"),
    ];
    for (text, n, cut) in cases {
        assert_eq!(first_chars(text, n), cut, "{text} at {n}");
    }
}

/// The first sentence of corpus pages, read by hand from their wikitext.
#[test]
fn corpus_first_sentences() {
    let shared = match std::env::var_os("WIKITEXT_SHARED") {
        Some(dir) if !dir.is_empty() => std::path::PathBuf::from(dir),
        _ => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    let corpus = shared.join("corpus");
    if !corpus.is_dir() {
        eprintln!("skipped: no corpus at {}", corpus.display());
        return;
    }
    let cases = [
        ("Abacus", "The abacus (plural abaci or abacuses), also called a counting frame, is a calculating tool which has been used since ancient times."),
        ("Abel", "Abel is a Biblical figure in the Book of Genesis within Abrahamic religions."),
        ("A", "A, or a, is the first letter and the first vowel of the modern English alphabet and the ISO basic Latin alphabet."),
        ("Aardvark", "The aardvark ( ; Orycteropus afer) is a medium-sized, burrowing, nocturnal mammal native to Africa."),
    ];
    for (page, first) in cases {
        let src = std::fs::read_to_string(corpus.join(format!("{page}.wikitext"))).expect("the corpus page reads");
        let options = TextOptions::new(page, Limit::Sentences(1));
        assert_eq!(text::to_text(&src, &DefaultSite::default(), &options), first, "{page}");
    }
}

/// Plain text renders with `RenderOptions::text_only`, which skips what only
/// HTML shows (links' targets, heading ids, empty-element marks, tables
/// whose contents cannot leave them), and reads footnotes' bodies as raw
/// text: the text must be the one the full rendering gives, here and on
/// every corpus page.
#[test]
fn text_only_rendering_keeps_the_full_renderings_text() {
    let site = DefaultSite::default();
    let full_rendering_text = |src: &str, title: &str| {
        let mut options = wikitext::RenderOptions::fragment();
        options.title = title.to_string();
        options.note_bodies = false;
        text::dom_text(&wikitext_html::render_dom(&wikitext::parse(src), &site, &options))
    };
    let mut pages: Vec<(String, String)> = [
        "[[Ada]] and [[Ada|herself]], [[#Works|a section]], [[:Category:X]], [[wikt:word]], [[Missing page]]s.",
        "A missing template in a link's text: [[Foo|{{Inflation|1}}]], and alone: {{Inflation|2}}, {{Ada}}.",
        "== Works ==\ntext\n== Works ==\nmore\n== <span></span> ==\n<span></span><p></p><b></b>",
        "[[File:X.jpg|thumb|A [[caption]]]] [[Category:Y|sort]] [[en:Ada]] [[:en:Ada]] [[Talk:Ada|talk]]",
        // Categories and language links, which HTML moves out of paragraphs and list items.
        "* item [[Category:Z]]\n* two [[de:Ada]] \n\n[[Category:W]]\n\ntext [[Category:V]] more\n: dd [[Category:U]]",
        // Tables, which text leaves out whole (and text_only does not render
        // when nothing in them can leave them): content between rows that
        // tree building fosters out, templates in cells, tags that close the
        // table or stay open after it, refs used again after the table.
        "{|\n{{Missing box}}\n|-\n| a || {{Missing}} {{formatnum:1234}} {{lc:X}}\n|}\nAfter.",
        "{|\nloose text\n|-\n| cell\n|}\n{| class=x\n|+ cap\n! h\n|-\n| [[Ada|{{Missing}}]] || [[File:X.jpg|{{Missing}}]]\n|}",
        "{|\n| <div>open\n|}\nAfter </div> the table.\n{|\n| a </table> b </td> c\n|}\n{|\n| <span>x</span> <div>y</div>\n|}",
        "{|\n| {{formatnum:{{Missing}}}} {{lc:'''B''' [[Ada]]}} ''open\n| {{uc:x|y}} {{lc:a<div>b}}\n|}\nAfter '''bold.",
        "{|\n| {{#expr:{{Missing}}+1}} {{lc:<b>x</b>}}\n|-\n| {{#expr:1/0}} {{lc:<span>a</div>}}\n|}\n</div> after",
        "{|\n| <ref name=r>Note</ref> a\n|-\n| == Heading in a cell ==\n|}\nUsed again<ref name=r/>.\n<references/>",
        "{|\n|\n{|\nnested loose\n| inner\n|}\n| {{#if:x|y}} {{PAGENAME}} {{!}} after\n|}\ntext {{#tag:ref|n}}",
        // Files and galleries, which text leaves out whole.
        "a [[File:X.jpg|thumb|A ''caption'' [[with]] a link]] b [[File:Y.png|right|frameless|100px|alt=Alt]] c\n[[File:Z.jpg|x]] d",
        "[[File:X.jpg|thumb|{{Missing}} caption<ref>n</ref>]] [[File:Y.jpg|<div>open caption]] after </div> [[File:Q.jpg|__NOTOC__]]",
        "<gallery caption=\"Some [[caption]]\">\nFile:X.jpg|One\nFile:Y.jpg|Two [[link]]\n</gallery>\ntext\n<gallery>\nFile:Z.jpg|{{Missing}}<ref>r</ref>\n</gallery>",
        // Footnotes, whose bodies plain text reads raw.
        "a<ref>x<nowiki></ref></nowiki>b</ref>c <ref name=e><!-- c --></ref> <ref name=e/> <ref>{{cite|x</ref>b}}</ref>",
        "a<ref><ref>b</ref>c</ref>d <ref>[[x|</ref>]]</ref> <ref>'''b</ref>c''' d\n<references><ref name=z>y</ref></references>",
    ]
    .iter()
    .map(|src| ("Ada".to_string(), src.to_string()))
    .collect();
    let shared = match std::env::var_os("WIKITEXT_SHARED") {
        Some(dir) if !dir.is_empty() => std::path::PathBuf::from(dir),
        _ => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    if let Ok(entries) = std::fs::read_dir(shared.join("corpus")) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "wikitext") {
                let title = path.file_stem().unwrap_or_default().to_string_lossy().replace('_', " ");
                pages.push((title, std::fs::read_to_string(&path).expect("the corpus page reads")));
            }
        }
    }
    for (title, src) in &pages {
        assert_eq!(text::full_text(src, &site, title), full_rendering_text(src, title), "{title}");
    }
}

fn multi_script_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "word", " ", ". ", "Dr. ", "U.S. ", "J. ", "。", "東京", "ไทย", "ภาษา", "नमस्ते", "।", "مرحبا", "؟",
        "e\u{301}", "🇫🇷", "👨‍👩‍👧", "\n", "\r\n", "a\u{200d}", "…", "1,5",
    ]);
    (prop::collection::vec(pieces, 0..40), any::<String>()).prop_map(|(pieces, noise)| {
        let mut s: String = pieces.concat();
        s.push_str(&noise);
        s
    })
}

proptest! {
    /// `--chars` output minus the ellipsis is a prefix of the text that ends
    /// at a grapheme boundary, with at most N grapheme clusters.
    #[test]
    fn chars_is_a_prefix_at_a_grapheme_boundary(text in multi_script_text(), n in 0usize..60) {
        let cut = first_chars(&text, n);
        let kept = cut.strip_suffix(ELLIPSIS).filter(|_| cut != text).unwrap_or(&cut);
        prop_assert!(text.starts_with(kept));
        prop_assert!(kept.graphemes(true).count() <= n || kept == text);
        let boundary = kept.len();
        prop_assert!(boundary == text.len() || text.grapheme_indices(true).any(|(i, _)| i == boundary));
    }

    /// The first N sentences are a prefix of the text, and more sentences
    /// never make a shorter one.
    #[test]
    fn sentences_are_prefixes(text in multi_script_text(), n in 0usize..8) {
        let first = first_sentences(&text, n);
        prop_assert!(text.starts_with(first));
        prop_assert!(first_sentences(&text, n + 1).len() >= first.len());
    }
}

#[test]
fn language_variant_blocks_show_their_text() {
    // The text as written, the first variant's for rules, nothing for a hidden block.
    assert_eq!(page_text("Latin: -{Ne nuntium necare}- end"), "Latin: Ne nuntium necare end");
    assert_eq!(page_text("A -{zh-cn:blog; zh-tw:WEBLOG}- B"), "A blog B");
    assert_eq!(page_text("x -{H|zh:China}- y"), "x y");
    assert_eq!(page_text("-{R|a -{b}- c}-"), "a b c");
}
