//! External links, bare URLs and magic links (ISBN, RFC, PMID).
//!
//! - An href is the entity-decoded URL, cleaned as MediaWiki cleans it
//!   ([`sanitizer::clean_url`]); a URL with an unsafe scheme stays text.
//! - A bracketed link's text is its own quote context: `''` inside it is
//!   balanced there, apart from the line around it.
//! - A URL runs on into the templates, comments and `<noinclude>` tags
//!   right after it (`http://example.com/{{1x|hi}}`), which the parser
//!   leaves outside its URL token: MediaWiki expands them before it reads
//!   URLs, so the href is the expanded text, and Parsoid records the URL's
//!   HTML in `data-mw.attribs` (`mw:ExpandedAttrs`). Output that a URL
//!   cannot hold (a space, `<b>`) ends it where the template starts.
//! - A wiki link inside a bracketed link's text cannot nest in `<a>`: the
//!   external link ends before it (not before a category or language
//!   link, a `<link>`), and the text after it (up to the `]`)
//!   is wrapped in a `<span>` each (Parsoid's "misnested" content).

use crate::token::{ThinVec, thin_vec};
use wikitext_parser::{is_space_separator, is_url_trailing_punctuation, url_separator_len, NodeId, SyntaxKind};

use super::html_tags::decode_entities;
use super::{Emitter, Tok};
use crate::sanitizer;
use crate::token::{Attr, Token};

/// An external link's attributes, with the wiki's `nofollow` and `target` policy.
fn link_attrs(em: &Emitter<'_>, href: &str, class: &str) -> ThinVec<Attr> {
    let info = em.site.info();
    let rel = if info.no_follow_for(href) { "mw:ExtLink nofollow" } else { "mw:ExtLink" };
    let mut attrs = thin_vec![Attr::new("rel", rel), Attr::new("href", href.to_string()), Attr::new("class", class.to_string())];
    if let Some(target) = &info.external_link_target {
        attrs.push(Attr::new("target", target.clone()));
    }
    attrs
}

pub(super) fn external_link(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let Some(url_node) = tree.child_of_kind(id, SyntaxKind::URL) else { return em.children(id) };
    let mut text = tree.child_of_kind(id, SyntaxKind::EXTERNAL_LINK_TEXT);
    // With no space after the URL, the text may start with what continues it.
    let run = text
        .filter(|&t| tree.range(t).start == tree.range(url_node).end)
        .and_then(|t| run_on(em, url_node, tree.first_child(t), false));
    let url = match &run {
        Some(run) => run.url.clone(),
        None => decode_entities(tree.text(url_node)).into_owned(),
    };
    if !sanitizer::is_safe_url(&url) {
        return literal(em, id);
    }
    let href = sanitizer::clean_url(&url);
    let r = em.range(id);
    if let Some(run) = &run {
        // The text starts after the spaces that end the URL (a spilled
        // output's rest comes first); with none, the link is numbered.
        let text_range = text.map(|t| tree.range(t)).unwrap_or_default();
        let spaces = url_separator_len(&tree.src()[run.end.min(text_range.end)..text_range.end]);
        if run.spill.is_none() && run.end + spaces >= text_range.end {
            text = None;
        }
        let mut attrs = link_attrs(em, &href, if text.is_some() { "external text" } else { "external autonumber" });
        let spilled = run.spill.map(|(template, taken)| (template, taken, em.peek_expansion(template).clone()));
        expanded_href(em, run, Some(tree.text(url_node)), after_url(tree, url_node), &mut attrs);
        let spill = spilled.and_then(|(template, taken, t)| super::preprocessor::open_spilled_output(em, template, &t, taken));
        em.start("a", attrs, Some(r));
        let from = em.out.len();
        if let Some(spill) = &spill {
            super::preprocessor::emit_spilled_rest(em, spill);
        }
        let skip_end = if spill.is_some() { run.end } else { run.end + spaces };
        em.skip_source = tree.range(url_node).end..skip_end;
        match text {
            Some(text) => {
                link_text(em, text);
                em.balance_quotes(from);
            }
            None => em.end("a"),
        }
        em.skip_source = 0..0;
        if let Some(spill) = spill {
            super::preprocessor::close_spilled_output(em, spill);
        }
        return;
    }
    match text {
        Some(text) => {
            em.start("a", link_attrs(em, &href, "external text"), Some(r));
            // Text that is an image URL the wiki shows is that image.
            if let Some(image) = external_image(em, tree.text(text).trim()) {
                em.void("img", image, None);
                em.end("a");
                return;
            }
            let from = em.out.len();
            link_text(em, text);
            em.balance_quotes(from);
        }
        None => {
            em.start("a", link_attrs(em, &href, "external autonumber"), Some(r));
            em.end("a");
        }
    }
}

/// A URL that runs on past the parser's URL token (see the module comment).
struct RunOn {
    /// The URL as MediaWiki reads it: the token's text and what continues
    /// it, templates expanded and entities decoded.
    url: String,
    /// Where it ends in the source: the nodes before this are the URL's, and
    /// a text node across it gives the rest of its text to what follows.
    end: usize,
    /// A template or `<noinclude>`-family tag is among them (not only
    /// comments): Parsoid then records the URL's HTML (`mw:ExpandedAttrs`).
    expanded: bool,
    /// The last of them, a template whose output the URL holds only the
    /// start of: the node, and how many bytes of its output are the URL's.
    spill: Option<(NodeId, usize)>,
}

/// The length of the start of `s` a URL holds: up to a space, a line break,
/// `[`, `]`, `<`, `>`, `"`, `''`, a control character, a Unicode space, or
/// an entity for `<` or `>` (or, in a bare URL, for a space).
fn url_text_len(s: &str, bare: bool) -> usize {
    let mut n = 0;
    while let Some(c) = s[n..].chars().next() {
        let stops = matches!(c, ' ' | '\t' | '\n' | '\r' | '[' | ']' | '<' | '>' | '"' | '\u{7f}')
            || c < ' '
            || is_space_separator(c)
            || (c == '\'' && s[n + 1..].starts_with('\''));
        if stops {
            break;
        }
        if c == '&' {
            if let Some((len, decoded)) = sanitizer::decode_one_entity(&s[n..]) {
                if matches!(decoded.as_ref(), "<" | ">") || (bare && decoded.chars().next().is_some_and(is_space_separator)) {
                    break;
                }
                n += len;
                continue;
            }
        }
        n += c.len_utf8();
    }
    n
}

/// How far the URL token `url` runs on into `first` and the nodes after
/// it: templates whose output a URL holds, comments, `<noinclude>`-family
/// tags, entities and text up to where a URL ends. `None` unless a
/// template, comment or tag is among them (a bare URL's trailing
/// punctuation after the last of them is not its own, as usual).
fn run_on(em: &mut Emitter<'_>, url: NodeId, first: Option<NodeId>, bare: bool) -> Option<RunOn> {
    let tree = em.tree;
    // In a transclusion's output everything is expanded already.
    if em.foreign_range.is_some() {
        return None;
    }
    let start = RunOn { url: tree.text(url).to_string(), end: tree.range(url).end, expanded: false, spill: None };
    run_on_from(em, start, None, first, bare, true)
}

/// [`run_on`] from a URL read up to `run.end` (its text in `run.url`, not
/// yet decoded); `last_expanded` is where in `run.url` and the source the
/// text after its last template, comment or tag starts, if it had one
/// (only that text loses trailing punctuation).
fn run_on_from(
    em: &mut Emitter<'_>,
    run: RunOn,
    mut last_expanded: Option<(usize, usize)>,
    first: Option<NodeId>,
    bare: bool,
    may_spill: bool,
) -> Option<RunOn> {
    let tree = em.tree;
    let RunOn { url: mut raw, mut end, mut expanded, mut spill } = run;
    let mut next = first;
    while let Some(n) = next {
        let r = tree.range(n);
        if r.start != end {
            break;
        }
        match tree.kind(n) {
            SyntaxKind::TEMPLATE => {
                let Some((output, len)) = url_output_start(em, n, bare) else { break };
                if len < output.len() {
                    // The URL ends inside the output (see `SpilledOutput`).
                    if !may_spill {
                        break;
                    }
                    let mut taken = &output[..len];
                    if bare {
                        let has_open_paren = raw.contains('(') || taken.contains('(');
                        taken = taken.trim_end_matches(|c: char| is_url_trailing_punctuation(c, has_open_paren));
                    }
                    raw.push_str(taken);
                    spill = Some((n, taken.len()));
                    expanded = true;
                    end = r.end;
                    last_expanded = None;
                    break;
                }
                raw.push_str(output);
                expanded = true;
            }
            SyntaxKind::COMMENT => {}
            SyntaxKind::EXTENSION_TAG => {
                let name = tree.child_of_kind(n, SyntaxKind::NAME).map(|name| tree.text(name).to_ascii_lowercase());
                if !matches!(name.as_deref(), Some("noinclude" | "includeonly" | "onlyinclude")) {
                    break;
                }
                expanded = true;
            }
            SyntaxKind::ENTITY | SyntaxKind::TEXT => {
                let text = tree.text(n);
                let len = url_text_len(text, bare);
                raw.push_str(&text[..len]);
                end = r.start + len;
                if len < text.len() {
                    break;
                }
                next = tree.next_sibling(n);
                continue;
            }
            _ => break,
        }
        end = r.end;
        last_expanded = Some((raw.len(), end));
        next = tree.next_sibling(n);
    }
    if spill.is_some() {
        return Some(RunOn { url: decode_entities(&raw).into_owned(), end, expanded, spill });
    }
    let (expanded_len, expanded_end) = last_expanded?;
    if bare {
        // Trailing punctuation is not the URL's, nor a `)` without a `(`.
        let has_open_paren = raw.contains('(');
        let kept = raw[expanded_len..].trim_end_matches(|c: char| is_url_trailing_punctuation(c, has_open_paren)).len();
        // The text is the source's (entities are nodes of their own, which
        // end the stripping where one ends the text).
        let stripped = raw.len() - expanded_len - kept;
        if end - expanded_end >= stripped {
            raw.truncate(raw.len() - stripped);
            end -= stripped;
        }
    }
    Some(RunOn { url: decode_entities(&raw).into_owned(), end, expanded, spill })
}

/// The output of the template `id` when a URL holds all of it: text with
/// no space, `<`, `]` ... (and a template, not a missing one or a page
/// property).
fn url_output<'e>(em: &'e mut Emitter<'_>, id: NodeId, bare: bool) -> Option<&'e str> {
    url_output_start(em, id, bare).filter(|(output, len)| *len == output.len()).map(|(output, _)| output)
}

/// The output of the template `id` and how much of its start a URL holds
/// (a template, not a missing one or a page property).
fn url_output_start<'e>(em: &'e mut Emitter<'_>, id: NodeId, bare: bool) -> Option<(&'e str, usize)> {
    use wikitext_expand::TransclusionKind as Kind;
    let t = em.peek_expansion(id);
    let usable = matches!(t.kind, Kind::Template { .. } | Kind::ParserFunction { .. } | Kind::SiteFunction { .. } | Kind::Variable { .. })
        && t.page_property.is_none();
    usable.then(|| (t.output.as_str(), url_text_len(&t.output, bare)))
}

/// `[` right before a template whose output starts with a URL
/// (`[{{fullurl:Foo}} text]`): MediaWiki expands before it reads links, so
/// this is an external link when a `]` closes it on the line, its URL the
/// output and what runs on after it. Renders it and says so; otherwise
/// renders nothing.
pub(super) fn templated_url_link(em: &mut Emitter<'_>, id: NodeId) -> bool {
    let tree = em.tree;
    let start = tree.range(id).start;
    if em.foreign_range.is_some() || start == 0 || tree.src().as_bytes()[start - 1] != b'[' {
        return false;
    }
    // The `[` is the end of the text just emitted (not the second of `[[`).
    match em.out.last() {
        Some(Tok::Html(Token::Text(t, _))) if t.ends_with('[') && !t.ends_with("[[") => {}
        _ => return false,
    }
    let site = em.site;
    let Some(output) = url_output(em, id, false) else { return false };
    let starts_url = site.url_protocols().iter().any(|p| {
        output.len() > p.len() && output.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    });
    if !starts_url {
        return false;
    }
    let output = output.to_string();
    let end = tree.range(id).end;
    let first = RunOn { url: output, end, expanded: true, spill: None };
    let last_expanded = Some((first.url.len(), end));
    let Some(run) = run_on_from(em, first, last_expanded, tree.next_sibling(id), false, false) else { return false };
    if !sanitizer::is_safe_url(&run.url) {
        return false;
    }
    // The text: after the spaces that end the URL, up to a `]` on the line.
    let src = tree.src();
    let text_start = run.end + url_separator_len(&src[run.end..]);
    let parent = tree.parent(id);
    if em.no_bracket_close.0 == parent && text_start < em.no_bracket_close.1 {
        return false;
    }
    let mut close = None;
    let mut searched = text_start;
    let mut next = Some(id);
    while let Some(n) = next {
        let r = tree.range(n);
        searched = r.end;
        if r.end > text_start {
            match tree.kind(n) {
                SyntaxKind::NEWLINE => break,
                SyntaxKind::TEXT => {
                    let from = r.start.max(text_start);
                    let text = &src[from..r.end];
                    if let Some(at) = text.find(']') {
                        close = Some((n, from + at));
                        break;
                    }
                    if text.contains('\n') {
                        break;
                    }
                }
                _ if tree.text(n).contains('\n') => break,
                _ => {}
            }
        }
        next = tree.next_sibling(n);
    }
    let Some((close_node, close)) = close else {
        em.no_bracket_close = (parent, searched);
        return false;
    };
    // The `[` was emitted as text: it is the link's.
    if let Some(Tok::Html(Token::Text(t, _))) = em.out.last_mut() {
        let keep = t.len32() - 1;
        t.pop_back(1);
        if keep == 0 {
            em.out.pop();
        }
    }
    let href = sanitizer::clean_url(&run.url);
    let class = if close == text_start { "external autonumber" } else { "external text" };
    let mut attrs = link_attrs(em, &href, class);
    expanded_href(em, &run, None, Some(id), &mut attrs);
    let r = (start - 1) as u32..(close + 1) as u32;
    em.start("a", attrs, Some(r));
    let from = em.out.len();
    // The nodes up to the `]`, less the URL and its spaces.
    em.skip_source = end..text_start;
    let mut next = tree.next_sibling(id).filter(|_| close > text_start);
    while let Some(n) = next {
        if n == close_node {
            em.text(&src[tree.range(n).start.max(text_start)..close]);
            break;
        }
        em.node(n);
        next = tree.next_sibling(n);
    }
    em.skip_source = 0..0;
    em.balance_quotes(from);
    em.end("a");
    em.skip_source = end..close + 1;
    true
}

/// `mw:ExpandedAttrs` on a link whose URL ran on: `data-mw.attribs` holds
/// the URL's HTML as written (`text`, the URL token's, then the nodes from
/// `first` to `run.end`), its templates rendered. Made here, not in the
/// DOM: a template in it may render a link, which cannot nest in `<a>`.
fn expanded_href(em: &mut Emitter<'_>, run: &RunOn, text: Option<&str>, first: Option<NodeId>, attrs: &mut ThinVec<Attr>) {
    if em.text_only || !run.expanded {
        return;
    }
    let tree = em.tree;
    let mut nodes = Vec::new();
    let mut rest = "";
    let mut next = first;
    while let Some(n) = next {
        let r = tree.range(n);
        if r.start >= run.end {
            break;
        }
        if r.end <= run.end {
            nodes.push(n);
        } else {
            rest = tree.text(n).get(..run.end - r.start).unwrap_or_default();
        }
        next = tree.next_sibling(n);
    }
    let (_, rendered) = super::preprocessor::rendered_with_elements(em, &nodes);
    let mut html = String::new();
    crate::serialize::escape_text(text.unwrap_or_default(), &mut html);
    html.push_str(&rendered);
    crate::serialize::escape_text(rest, &mut html);
    let mut data_mw = String::from(r#"{"attribs":[[{"txt":"href"},{"html":"#);
    super::push_json_string(&mut data_mw, &html);
    data_mw.push_str("}]]}");
    // Numbered after the ids in its HTML, which the DOM passes do not see:
    // the page's next transclusions are numbered after the highest they see.
    attrs.push(Attr::new("about", em.next_about()));
    attrs.push(Attr::new("typeof", "mw:ExpandedAttrs"));
    attrs.push(Attr::new("data-mw", data_mw));
}

/// The node after the URL token `url`: in a bracketed link, the first of
/// its text's children.
fn after_url(tree: &wikitext_parser::Tree, url: NodeId) -> Option<NodeId> {
    let next = tree.next_sibling(url);
    match next {
        Some(n) if tree.kind(n) == SyntaxKind::EXTERNAL_LINK_TEXT => tree.first_child(n),
        _ => next,
    }
}

/// The children of an `EXTERNAL_LINK_TEXT`, then `</a>`; wiki links among
/// them close the `<a>` early (see the module comment).
fn link_text(em: &mut Emitter<'_>, text: NodeId) {
    let tree = em.tree;
    // Some(true) while a misnested span is open; Some(false) after a wiki link.
    let mut after_wiki_link: Option<bool> = None;
    for c in tree.children(text) {
        // What a URL ran on into is the URL's (see `run_on`).
        let r = tree.range(c);
        if r.start >= em.skip_source.start && r.end <= em.skip_source.end && !em.skip_source.is_empty() {
            continue;
        }
        // A template that makes a link (a missing one renders as one)
        // closes the `<a>` as a written wiki link does; a category or
        // language link is a `<link>`, which stays inside.
        let makes_link = (tree.kind(c) == SyntaxKind::WIKI_LINK && !super::wiki_links::is_page_property_link(em, c))
            || (tree.kind(c) == SyntaxKind::TEMPLATE
                && em.foreign_range.is_none()
                && super::preprocessor::template_makes_link_at(em, c));
        if makes_link {
            match after_wiki_link {
                None => em.end("a"),
                Some(true) => em.end("span"),
                Some(false) => {}
            }
            em.node(c);
            after_wiki_link = Some(false);
            continue;
        }
        // Apostrophes right after the link close what they close before
        // the span opens.
        if after_wiki_link == Some(false) && tree.kind(c) != SyntaxKind::QUOTE {
            em.start("span", ThinVec::new(), None);
            after_wiki_link = Some(true);
        }
        em.node(c);
    }
    match after_wiki_link {
        None => em.end("a"),
        Some(true) => em.end("span"),
        Some(false) => {}
    }
}

fn literal(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    for c in tree.children(id) {
        em.node(c);
    }
}

pub(super) fn bare_url(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    if let Some(url) = tree.first_child(id) {
        if let Some(run) = run_on(em, url, tree.next_sibling(id), true) {
            return bare_url_run_on(em, id, url, &run);
        }
    }
    let url = decode_entities(em.tree.text(id)).into_owned();
    if !sanitizer::is_safe_url(&url) {
        return em.text(em.tree.text(id));
    }
    let r = em.range(id);
    if let Some(image) = external_image(em, em.tree.text(id)) {
        return em.void("img", image, Some(r));
    }
    em.start("a", link_attrs(em, &sanitizer::clean_url(&url), "external free"), Some(r));
    // The text drops control characters an entity put in (`&#x0A;`).
    let text: String = sanitizer::strip_idn_ignorables_from_host(&url).chars().filter(|c| !c.is_control()).collect();
    em.text(&text);
    em.end("a");
}

/// A bare URL that ran on into the nodes after it: its text is the
/// expanded URL, and the nodes it took are skipped where they stand.
fn bare_url_run_on(em: &mut Emitter<'_>, id: NodeId, url: NodeId, run: &RunOn) {
    if !sanitizer::is_safe_url(&run.url) {
        return em.text(em.tree.text(id));
    }
    let start = em.tree.range(id).start;
    let r = start as u32..run.end as u32;
    let mut attrs = link_attrs(em, &sanitizer::clean_url(&run.url), "external free");
    let spilled = run.spill.map(|(template, taken)| (template, taken, em.peek_expansion(template).clone()));
    expanded_href(em, run, Some(em.tree.text(url)), em.tree.next_sibling(id), &mut attrs);
    let spill = spilled.and_then(|(template, taken, t)| super::preprocessor::open_spilled_output(em, template, &t, taken));
    em.start("a", attrs, Some(r));
    let text: String = sanitizer::strip_idn_ignorables_from_host(&run.url).chars().filter(|c| !c.is_control()).collect();
    em.text(&text);
    em.end("a");
    if let Some(spill) = spill {
        // The output's rest follows the link, in its transclusion.
        super::preprocessor::emit_spilled_rest(em, &spill);
        super::preprocessor::close_spilled_output(em, spill);
    }
    em.skip_source = em.tree.range(id).end..run.end;
}

/// An image URL written as text (`http://x/a.png`), when the wiki shows
/// such images (`$wgAllowExternalImages`): the `<img>`'s attributes, its
/// alt text the file name. MediaWiki takes `http` and `https` URLs whose
/// last path segment names a GIF, PNG or JPEG file.
fn external_image(em: &Emitter<'_>, text: &str) -> Option<ThinVec<Attr>> {
    let url = decode_entities(text);
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://"))?;
    let (host, _) = rest.split_once('/')?;
    let name = &url[url.rfind('/')? + 1..];
    let plain = |c: char| c.is_ascii_alphanumeric() || "_.,~%-+&;#*?!=()@".contains(c) || !c.is_ascii();
    let (stem, ext) = name.rsplit_once('.')?;
    let image = matches!(ext.to_ascii_lowercase().as_str(), "gif" | "png" | "jpg" | "jpeg");
    if host.is_empty() || stem.is_empty() || !image || !name.chars().all(plain) || !sanitizer::is_safe_url(&url) {
        return None;
    }
    if !em.site.allows_external_image(&url) {
        return None;
    }
    Some(thin_vec![Attr::new("src", sanitizer::clean_url(&url)), Attr::new("alt", name.to_string())])
}

pub(super) fn magic_link(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let text = tree.text(id);
    let r = em.range(id);
    // The number: the digits (and an ISBN's final X) of the TEXT tokens after
    // the keyword; separators (spaces, dashes, entities) drop out.
    let keyword_len = text.bytes().take_while(u8::is_ascii_uppercase).count();
    let mut number = String::new();
    for c in tree.children(id).filter(|&c| tree.kind(c) == SyntaxKind::TEXT) {
        let start = tree.range(c).start - tree.range(id).start;
        let part = tree.text(c);
        let part = &part[keyword_len.saturating_sub(start).min(part.len())..];
        number.extend(part.chars().filter(|&c| c.is_ascii_digit() || c == 'X' || c == 'x').map(|c| c.to_ascii_uppercase()));
    }
    if text.starts_with("ISBN") {
        em.start(
            "a",
            thin_vec![
                Attr::new("rel", "mw:WikiLink"),
                Attr::new("href", format!("./Special:BookSources/{number}")),
                Attr::new("class", "internal mw-magiclink mw-magiclink-isbn"),
            ],
            Some(r),
        );
    } else if text.starts_with("RFC") {
        let href = format!("https://datatracker.ietf.org/doc/html/rfc{number}");
        em.start("a", link_attrs(em, &href, "external mw-magiclink mw-magiclink-rfc"), Some(r));
    } else {
        let href = format!("//www.ncbi.nlm.nih.gov/pubmed/{number}?dopt=Abstract");
        em.start("a", link_attrs(em, &href, "external mw-magiclink mw-magiclink-pmid"), Some(r));
    }
    em.children(id);
    em.html(Token::EndTag { name: "a".into(), src: None });
}
