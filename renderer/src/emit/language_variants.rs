//! Language-converter markup (`-{ ... }-`) as Parsoid represents it (MediaWiki
//! DOM spec, "Language conversion blocks"): an empty element typed
//! `mw:LanguageVariant` whose `data-mw-variant` holds the block's meaning,
//! with each text rendered to HTML. Parsoid writes it in every wiki, with or
//! without variants; choosing a variant's text is left to the reader.
//!
//! - `-{text}-` and `-{R|text}-`: `{"disabled":{"t":HTML}}`.
//! - `-{zh;zh-hans|text}-` (variant codes as flags): `{"filter":{"l":[...],"t":HTML}}`.
//! - `-{zh-cn:a; zh-tw:b}-`: `{"twoway":[{"l":"zh-cn","t":HTML}, ...]}`;
//!   `-{x=>zh-cn:a}-`: `{"oneway":[{"f":"x","l":"zh-cn","t":HTML}]}`.
//! - `-{N|zh-cn}-`: `{"name":{"t":"zh-cn"}}` (the variant's name).
//! - Flags add keys: `A` and `H` `"add":true`, `T` `"title":true`, `D`
//!   `"describe":true`, `-` `"remove":true`; with `H`, `T` or `-` the block
//!   shows nothing and is a `<meta>`. A rule text without a variant under `A`
//!   or `H` applies to all (`"l":"*"`). Keys are written in sorted order.
//! - A block whose text holds block-level HTML is a `<div>`, else a `<span>`.
//!   A text whose lines start tables or lists is read as lines (T422966):
//!   tables and lists, no paragraphs.

use crate::token::thin_vec;
use wikitext_parser::{NodeId, SyntaxKind};

use super::{push_json_string, Emitter, Tok};
use crate::dom::{Dom, NodeId as DomNodeId};
use crate::token::{Attr, Token};

/// The `typeof` of a language-variant block.
pub(crate) const VARIANT_TYPEOF: &str = "mw:LanguageVariant";

/// Whether the start tag `attrs` belong to is a language-variant block.
pub(crate) fn is_variant_tag(attrs: &[Attr]) -> bool {
    attrs.iter().any(|a| a.name == "typeof" && a.value == VARIANT_TYPEOF)
}

/// Whether `id` is a hidden language-variant block (a `<meta>`): it shows
/// nothing, but it is content where the line or paragraph it stands in goes.
pub(crate) fn is_hidden_variant(dom: &Dom, id: DomNodeId) -> bool {
    dom.is_element_named(id, "meta") && dom.attr(id, "typeof") == Some(VARIANT_TYPEOF)
}

/// A piece of a block's content: part of a text node, or a whole node.
#[derive(Clone, Debug)]
enum Piece {
    Text(String),
    Node(NodeId),
}

/// The flags a block may carry before its `|`.
const FLAG_LETTERS: &str = "ADEHNRST-";

/// Whether `code` looks like a variant code (`zh`, `zh-hant`, `zh-Hant-TW`,
/// `ban-x-palmleaf`, `sr-el`).
fn is_variant_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let Some(first) = parts.next() else { return false };
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The block's flags and variant codes when `text` is a flag section.
fn parse_flags(text: &str) -> Option<(String, Vec<String>)> {
    let mut flags = String::new();
    let mut codes = Vec::new();
    for part in text.split(';') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if part.len() == 1 && FLAG_LETTERS.contains(part) {
            flags.push_str(part);
        } else if is_variant_code(part) {
            codes.push(part.to_string());
        } else {
            return None;
        }
    }
    Some((flags, codes))
}

/// The content's pieces, split at each `sep` that stands in its text (not
/// inside a node).
fn split_pieces(pieces: &[Piece], sep: &str) -> Vec<Vec<Piece>> {
    let mut out = vec![Vec::new()];
    for p in pieces {
        match p {
            Piece::Text(t) => {
                for (i, part) in t.split(sep).enumerate() {
                    if i > 0 {
                        out.push(Vec::new());
                    }
                    if let Some(rule) = out.last_mut() {
                        push_text(rule, part);
                    }
                }
            }
            Piece::Node(n) => {
                if let Some(rule) = out.last_mut() {
                    rule.push(Piece::Node(*n));
                }
            }
        }
    }
    out
}

fn push_text(into: &mut Vec<Piece>, text: &str) {
    if !text.is_empty() {
        into.push(Piece::Text(text.to_string()));
    }
}

/// The text of pieces that are all text.
fn plain(pieces: &[Piece]) -> Option<String> {
    pieces.iter().map(|p| if let Piece::Text(t) = p { Some(t.as_str()) } else { None }).collect()
}

/// `[code, rest]` of a rule `code:rest`, when `code` is a variant code.
fn split_rule(pieces: &[Piece]) -> Option<(String, Vec<Piece>)> {
    let Some(Piece::Text(first)) = pieces.first() else { return None };
    let (code, rest) = first.split_once(':')?;
    let code = code.trim();
    if !is_variant_code(code) {
        return None;
    }
    let mut text = Vec::new();
    push_text(&mut text, rest);
    text.extend(pieces[1..].iter().cloned());
    Some((code.to_string(), text))
}

/// One rule of a block: `from` for a one-way rule.
struct Rule {
    from: Option<String>,
    code: String,
    text: Vec<Piece>,
}

/// The block's rules, if its whole content is rules.
fn parse_rules(pieces: &[Piece]) -> Option<Vec<Rule>> {
    let mut rules = Vec::new();
    for rule in split_pieces(pieces, ";") {
        if plain(&rule).is_some_and(|t| t.trim().is_empty()) {
            continue;
        }
        // `from=>code:text`.
        if let Some(Piece::Text(first)) = rule.first() {
            if let Some((from, rest)) = first.split_once("=>") {
                let mut tail = vec![Piece::Text(rest.to_string())];
                tail.extend(rule[1..].iter().cloned());
                match split_rule(&tail) {
                    Some((code, text)) => rules.push(Rule { from: Some(from.trim().to_string()), code, text }),
                    None if !rules.is_empty() => break,
                    None => return None,
                }
                continue;
            }
        }
        match split_rule(&rule) {
            Some((code, text)) => rules.push(Rule { from: None, code, text }),
            // After rules, what is no rule is trailing garbage, dropped (T239806).
            None if !rules.is_empty() => break,
            None => return None,
        }
    }
    (!rules.is_empty()).then_some(rules)
}

/// Whether a line of the pieces' text (after a line break) starts a table
/// or a list: such a text is read as lines (T422966).
fn has_block_lines(pieces: &[Piece]) -> bool {
    pieces.iter().any(|p| match p {
        Piece::Text(t) => t.split('\n').skip(1).any(|line| {
            let line = line.trim_start_matches([' ', '\t']);
            line.starts_with("{|") || line.starts_with(['*', '#', ':', ';'])
        }),
        Piece::Node(_) => false,
    })
}

/// Render pieces whose lines hold tables or lists: their wikitext read as a
/// fragment of its own, with lists and tables but no paragraphs (Parsoid
/// wraps none inside a variant's text). Whether it holds a block element.
fn render_lines(em: &mut Emitter<'_>, pieces: &[Piece]) -> (String, bool) {
    let mut source = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => source.push_str(t),
            Piece::Node(n) => source.push_str(em.tree.text(*n)),
        }
    }
    let depth = em.variant_depth;
    let mut dom = super::extension_tags::fragment_dom(em, &source, wikitext_site::extension::ParseMode::Block, false, depth, false);
    let Some(body) = dom.body() else { return (String::new(), false) };
    for p in dom.marked(crate::passes::WIKITEXT_PARAGRAPH) {
        if dom.is_element_named(p, "p") {
            dom.unwrap(p);
        }
    }
    breaks_after_items(&mut dom, body);
    let block = dom.children(body).any(|c| dom.local_name(c).is_some_and(crate::passes::is_block_name));
    let mut rendered = String::new();
    crate::serialize::serialize_children(&dom, body, &mut rendered);
    // The text's first and last line breaks stay, as Parsoid keeps them.
    let mut html = String::with_capacity(rendered.len() + 2);
    if source.starts_with('\n') && !rendered.starts_with('\n') {
        html.push('\n');
    }
    html.push_str(&rendered);
    if source.ends_with('\n') && !html.ends_with('\n') {
        html.push('\n');
    }
    (html, block)
}

/// The line break that ends a list item or a table row goes after its end
/// tag, where Parsoid writes it (after the list's, for a list's last item):
/// `<li>a</li>\n<li>b</li></ol>\n`, `<td>a</td></tr>\n<tr>`.
fn breaks_after_items(dom: &mut Dom, body: DomNodeId) {
    let items: Vec<DomNodeId> =
        dom.descendants(body).filter(|&n| matches!(dom.local_name(n), Some("li" | "dt" | "dd" | "tr"))).collect();
    // Inner items first: their breaks may end the outer ones.
    for item in items.into_iter().rev() {
        let Some(last) = dom.last_child(item) else { continue };
        let Some(rest) = dom.text(last).and_then(|t| t.strip_suffix('\n')).map(str::to_string) else { continue };
        if rest.is_empty() {
            dom.detach(last);
        } else {
            *dom.data_mut(last) = crate::dom::NodeData::Text(rest.into());
        }
        let mut after = item;
        while dom.next_sibling(after).is_none() {
            match dom.parent(after) {
                Some(list) if matches!(dom.local_name(list), Some("ol" | "ul" | "dl")) => after = list,
                _ => break,
            }
        }
        let line_break = dom.create_text("\n");
        dom.insert_after(after, line_break);
    }
}

/// Render pieces to HTML, as the block's `t` holds them.
fn render(em: &mut Emitter<'_>, pieces: &[Piece]) -> (String, bool) {
    if has_block_lines(pieces) {
        return render_lines(em, pieces);
    }
    // A placeholder first, so that text does not join the text before.
    let from = em.out.len();
    em.out.push(Tok::Html(Token::Comment(String::new())));
    for p in pieces {
        match p {
            // A link's trail comes from the text piece after it.
            Piece::Text(t) => {
                let skip = std::mem::take(&mut em.skip_text);
                em.text(super::after_skip(t, skip));
            }
            Piece::Node(n) => em.node(*n),
        }
    }
    let mut toks = em.out.split_off(from);
    toks.remove(0);
    let toks = crate::quotes::resolve(toks);
    let tokens = super::extension_tags::inline_tokens(toks);
    let block = tokens.iter().any(|t| matches!(t, Token::StartTag { name, .. } if crate::passes::is_block_name(name)));
    let mut html = String::new();
    super::extension_tags::tokens_html(&tokens, &mut html);
    (html, block)
}

fn push_t(out: &mut String, html: &str) {
    out.push_str("{\"t\":");
    push_json_string(out, html);
    out.push('}');
}

/// Blocks nested deeper than this show their markup as text: each level's
/// texts hold the levels inside it escaped once more, so the output would
/// grow with the power of the depth.
pub(crate) const MAX_VARIANT_DEPTH: usize = 4;

/// Emit a `LANGUAGE_CONVERTER` node.
pub(super) fn language_converter(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    if em.variant_depth >= MAX_VARIANT_DEPTH {
        for c in tree.children(id) {
            em.node(c);
        }
        return;
    }
    em.variant_depth += 1;
    block(em, id);
    em.variant_depth -= 1;
}

fn block(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let mut pieces: Vec<Piece> = Vec::new();
    for piece in tree
        .children(id)
        .filter(|&c| tree.kind(c) != SyntaxKind::MARKER)
        .map(|c| match tree.kind(c) {
            // Line breaks are text too: a rule may start on the next line.
            SyntaxKind::TEXT | SyntaxKind::NEWLINE | SyntaxKind::WHITESPACE => Piece::Text(tree.text(c).to_string()),
            _ => Piece::Node(c),
        })
    {
        // Adjacent texts are one text.
        match (pieces.last_mut(), piece) {
            (Some(Piece::Text(last)), Piece::Text(t)) => last.push_str(&t),
            (_, piece) => pieces.push(piece),
        }
    }
    // The flag section: text before the first `|`, when it is one.
    let (mut flags, mut codes) = (String::new(), Vec::new());
    if let Some(Piece::Text(first)) = pieces.first() {
        if let Some((head, rest)) = first.split_once('|') {
            if let Some((f, c)) = parse_flags(head) {
                (flags, codes) = (f, c);
                let rest = rest.to_string();
                if rest.is_empty() {
                    pieces.remove(0);
                } else {
                    pieces[0] = Piece::Text(rest);
                }
            }
        }
    }
    let has = |c: char| flags.contains(c);
    // Sorted keys, as Parsoid writes them.
    let mut keys: Vec<(&str, String)> = Vec::new();
    let mut block = false;
    if !codes.is_empty() {
        let (html, b) = render(em, &pieces);
        block = b;
        let mut v = String::from("{\"l\":[");
        for (i, code) in codes.iter().enumerate() {
            if i > 0 {
                v.push(',');
            }
            push_json_string(&mut v, code);
        }
        v.push_str("],\"t\":");
        push_json_string(&mut v, &html);
        v.push('}');
        keys.push(("filter", v));
    } else if has('N') {
        let mut v = String::new();
        push_t(&mut v, plain(&pieces).unwrap_or_default().trim());
        keys.push(("name", v));
    } else if let Some(rules) = (!has('R')).then(|| parse_rules(&pieces)).flatten() {
        let oneway = rules.iter().any(|r| r.from.is_some());
        let mut v = String::from("[");
        for (i, rule) in rules.iter().enumerate() {
            if i > 0 {
                v.push(',');
            }
            let (html, b) = render(em, &rule.text);
            block |= b;
            v.push('{');
            if let Some(from) = &rule.from {
                v.push_str("\"f\":");
                push_json_string(&mut v, from);
                v.push(',');
            }
            v.push_str("\"l\":");
            push_json_string(&mut v, &rule.code);
            v.push_str(",\"t\":");
            push_json_string(&mut v, &html);
            v.push('}');
        }
        v.push(']');
        keys.push((if oneway { "oneway" } else { "twoway" }, v));
    } else if !has('R') && (has('A') || has('H')) {
        // A rule without a variant applies to all of them.
        let (html, b) = render(em, &pieces);
        block = b;
        let mut v = String::from("[{\"l\":\"*\",\"t\":");
        push_json_string(&mut v, &html);
        v.push_str("}]");
        keys.push(("twoway", v));
    } else {
        let (html, b) = render(em, &pieces);
        block = b;
        let mut v = String::new();
        push_t(&mut v, &html);
        keys.push(("disabled", v));
    }
    // `D` describes rules: a text that is no rules has nothing to describe.
    let rules = keys.iter().any(|(k, _)| matches!(*k, "twoway" | "oneway"));
    for (flag, key) in [('A', "add"), ('H', "add"), ('D', "describe"), ('-', "remove"), ('T', "title")] {
        // A variant's name is all that `N` shows.
        if has(flag) && !has('N') && (flag != 'D' || rules) && !keys.iter().any(|(k, _)| *k == key) {
            keys.push((key, "true".to_string()));
        }
    }
    keys.sort_by(|a, b| a.0.cmp(b.0));
    let mut json = String::from("{");
    for (i, (key, value)) in keys.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        push_json_string(&mut json, key);
        json.push(':');
        json.push_str(value);
    }
    json.push('}');
    // With `D`, rules show their description, unless added by `A` alone
    // (`-{A;D|...}-` shows nothing, `-{D;H|...}-` the description).
    let hidden = if has('D') && rules { has('A') && !has('H') } else { (has('H') || has('T') || has('-')) && !has('D') };
    let attrs = thin_vec![Attr::new("typeof", VARIANT_TYPEOF), Attr::new("data-mw-variant", json)];
    let r = em.range(id);
    em.needs_source = true;
    if hidden {
        em.out.push(Tok::Html(Token::StartTag { name: "meta".into(), attrs, self_closing: true, src: Some(r) }));
    } else {
        let name = if block { "div" } else { "span" };
        em.out.push(Tok::Html(Token::StartTag { name: name.into(), attrs, self_closing: false, src: Some(r) }));
        em.out.push(Tok::Html(Token::EndTag { name: name.into(), src: None }));
    }
}
