//! Property tests of the editing API on real pages: random edits with random
//! fragments, then the written text is parsed again and must give the edited
//! tree (the page's templates and links with the keys, names and values the
//! edits gave them). Skips, saying so, when the corpus is absent.

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use wikitext_parser::ast::{Template, WikiLink};
use wikitext_parser::edit::{Document, EditError, Escaping};
use wikitext_parser::{SyntaxKind, Tree};

fn corpus() -> &'static [String] {
    static PAGES: OnceLock<Vec<String>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let dir = match std::env::var_os("WIKITEXT_SHARED") {
            Some(p) => PathBuf::from(p).join("corpus"),
            None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
        };
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipping: no corpus at {} (set WIKITEXT_SHARED)", dir.display());
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.retain(|p| p.extension().is_some_and(|e| e == "wikitext"));
        files.sort();
        // Every seventh page keeps the test quick while covering many kinds of page.
        files.iter().step_by(7).filter_map(|p| std::fs::read_to_string(p).ok()).collect()
    })
}

/// Templates not nested in another template, in source order.
fn outer_templates(tree: &Tree) -> Vec<Template> {
    tree.iter()
        .filter(|&id| tree.kind(id) == SyntaxKind::TEMPLATE)
        .filter(|&id| !std::iter::successors(tree.parent(id), |&p| tree.parent(p)).any(|p| tree.kind(p) == SyntaxKind::TEMPLATE))
        .filter_map(|id| Template::cast(tree, id))
        .collect()
}

fn outline(tree: &Tree) -> Vec<(String, Vec<String>)> {
    outer_templates(tree)
        .into_iter()
        .map(|t| (t.name_text(tree).to_owned(), t.params(tree).map(|p| p.key(tree).to_string()).collect()))
        .collect()
}

fn outer_links(tree: &Tree) -> Vec<WikiLink> {
    tree.iter()
        .filter_map(|id| WikiLink::cast(tree, id))
        .filter(|l| !std::iter::successors(tree.parent(l.id()), |&p| tree.parent(p)).any(|p| matches!(tree.kind(p), SyntaxKind::TEMPLATE | SyntaxKind::WIKI_LINK)))
        .collect()
}

fn fragment() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "a", "b c", " ", "|", "||", "}}", "{{", "}", "{", "]]", "[[", "]", "[", "=", "<!--", "-->", "<ref>", "</ref>",
        "{{x}}", "[[L|t]]", "&amp;", "é", "''", "<b>", "http://e.org",
    ]);
    prop::collection::vec(atoms, 0..8).prop_map(|v| v.concat())
}

fn escaping() -> impl Strategy<Value = Escaping> {
    prop_oneof![Just(Escaping::Escape), Just(Escaping::Refuse)]
}

#[derive(Clone, Debug)]
enum TemplateEdit {
    SetExisting,
    Add,
    Remove,
    Rename,
    SetName,
}

fn template_edit() -> impl Strategy<Value = TemplateEdit> {
    prop_oneof![
        Just(TemplateEdit::SetExisting),
        Just(TemplateEdit::Add),
        Just(TemplateEdit::Remove),
        Just(TemplateEdit::Rename),
        Just(TemplateEdit::SetName),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn template_edits_reparse_to_the_edited_tree(
        page in any::<prop::sample::Index>(),
        which in any::<prop::sample::Index>(),
        param in any::<prop::sample::Index>(),
        edit in template_edit(),
        text in fragment(),
        escaping in escaping(),
    ) {
        let pages = corpus();
        if pages.is_empty() { return Ok(()); }
        let mut doc = Document::parse(pages[page.index(pages.len())].as_str());
        let templates = outer_templates(doc.tree());
        if templates.is_empty() { return Ok(()); }
        let index = which.index(templates.len());
        let t = templates[index];
        let mut expected = outline(doc.tree());
        let named: Vec<String> = t.params(doc.tree()).filter(|p| p.name(doc.tree()).is_some()).map(|p| p.key(doc.tree()).to_string()).collect();
        let key = if named.is_empty() { None } else { Some(named[param.index(named.len())].clone()) };
        let result = match (&edit, &key) {
            (TemplateEdit::SetExisting, Some(k)) => doc.set_param(t, k, &text, escaping),
            (TemplateEdit::Add, _) => {
                let new_key = "zz-added";
                if t.param(doc.tree(), new_key).is_none() { expected[index].1.push(new_key.into()); }
                doc.set_param(t, new_key, &text, escaping)
            }
            (TemplateEdit::Remove, Some(k)) => {
                let last = expected[index].1.iter().rposition(|x| x == k).unwrap();
                expected[index].1.remove(last);
                doc.remove_param(t, k)
            }
            (TemplateEdit::Rename, Some(k)) => {
                let last = expected[index].1.iter().rposition(|x| x == k).unwrap();
                expected[index].1[last] = "zz-renamed".into();
                doc.rename_param(t, k, "zz-renamed", escaping)
            }
            (TemplateEdit::SetName, _) if !t.name_text(doc.tree()).starts_with('#') && !t.name_text(doc.tree()).contains(':') => {
                let name = format!("Tpl {}", text.trim());
                let fitted = doc.set_template_name(t, &name, escaping);
                if fitted.is_ok() {
                    let reparsed = wikitext_parser::parse(&doc.to_wikitext());
                    expected[index].0 = outer_templates(&reparsed)[index].name_text(&reparsed).to_owned();
                    if escaping == Escaping::Refuse { prop_assert_eq!(&expected[index].0, name.trim()); }
                }
                fitted
            }
            _ => return Ok(()),
        };
        let written = doc.to_wikitext();
        match result {
            Ok(()) => {
                let reparsed = wikitext_parser::parse(&written);
                prop_assert_eq!(outline(&reparsed), expected, "text {:?}", text);
                if let (TemplateEdit::SetExisting | TemplateEdit::Add, Escaping::Refuse) = (&edit, escaping) {
                    let k = if matches!(edit, TemplateEdit::Add) { "zz-added".to_owned() } else { key.clone().unwrap() };
                    let t2 = outer_templates(&reparsed)[index];
                    let value = t2.param(&reparsed, &k).unwrap().value_range(&reparsed);
                    prop_assert_eq!(reparsed.src()[value].trim(), text.trim());
                }
            }
            Err(EditError::WouldChangeStructure { .. }) => {
                prop_assert_eq!(escaping, Escaping::Refuse);
                prop_assert_eq!(written.as_str(), doc.tree().src());
            }
            Err(EditError::NotATitle { .. }) => prop_assert!(matches!(edit, TemplateEdit::SetName)),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn link_and_text_edits_keep_the_outline(
        page in any::<prop::sample::Index>(),
        which in any::<prop::sample::Index>(),
        kind in 0..3u8,
        text in fragment(),
        escaping in escaping(),
    ) {
        let pages = corpus();
        if pages.is_empty() { return Ok(()); }
        let mut doc = Document::parse(pages[page.index(pages.len())].as_str());
        let outline_before = outline(doc.tree());
        let link_count = outer_links(doc.tree()).len();
        // Links whose text holds no template, so that replacing it keeps the outline.
        let links: Vec<_> = outer_links(doc.tree()).into_iter().filter(|l| !doc.tree().descendants(l.id()).any(|d| doc.tree().kind(d) == SyntaxKind::TEMPLATE)).collect();
        // Keep the fragment's own constructs out so the outline stays comparable.
        let text = text.replace("{{x}}", "x").replace("[[L|t]]", "L");
        let result = match kind {
            0 if !links.is_empty() => doc.set_link_text(links[which.index(links.len())], Some(&text), escaping),
            1 if !links.is_empty() => doc.set_link_target(links[which.index(links.len())], &format!("T {}", text.trim()), escaping),
            2 => {
                // Plain text outside templates and links, holding no markup character
                // itself (removing one could change the structure on its own).
                let texts: Vec<_> = doc.texts().filter(|&id| {
                    let tree = doc.tree();
                    if tree.text(id).contains(['[', ']', '{', '}', '|', '<', '>', '-', '&', '\'', '=']) { return false; }
                    // After a table's `|` or `!` a fragment starting with `-` or `+` would
                    // make a row or caption: line-start markup is the caller's to mind.
                    let start = tree.range(id).start;
                    if start > 0 && matches!(tree.src().as_bytes()[start - 1], b'|' | b'!' | b'\n') { return false; }
                    !std::iter::successors(tree.parent(id), |&p| tree.parent(p)).any(|p| matches!(tree.kind(p), SyntaxKind::TEMPLATE | SyntaxKind::WIKI_LINK | SyntaxKind::EXTENSION_TAG | SyntaxKind::COMMENT | SyntaxKind::HTML_START_TAG | SyntaxKind::HTML_END_TAG | SyntaxKind::EXTERNAL_LINK))
                }).collect();
                if texts.is_empty() { return Ok(()); }
                doc.replace(texts[which.index(texts.len())], &text, escaping)
            }
            _ => return Ok(()),
        };
        let written = doc.to_wikitext();
        match result {
            Ok(()) => {
                let reparsed = wikitext_parser::parse(&written);
                // Templates the fragment itself holds are meant.
                if outer_templates(&wikitext_parser::parse(&text)).is_empty() {
                    prop_assert_eq!(outline(&reparsed), outline_before);
                }
                // Links the fragment itself holds are meant.
                let own = if kind == 2 { outer_links(&wikitext_parser::parse(&text)).len() } else { 0 };
                // (escaping may have turned them into text).
                let now = outer_links(&reparsed).len();
                prop_assert!((link_count..=link_count + own).contains(&now), "links changed for {:?}", text);
            }
            Err(EditError::WouldChangeStructure { .. }) => prop_assert_eq!(escaping, Escaping::Refuse),
            Err(EditError::NotATitle { .. }) => prop_assert_eq!(kind, 1),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}
