//! Template expansion as MediaWiki's preprocessor defines it: frames and
//! arguments, inclusion tags, prefixes, redirects, loops and limits.

use wikitext_expand::{Expander, LimitKind, Limits, PageSources};
use wikitext_site::DefaultSite;

fn expand_with(pages: &[(&str, &str)], text: &str) -> String {
    let site = pages.iter().copied().collect::<PageSources>().over(DefaultSite::default());
    Expander::new(&site, "Test page").expand_page(text)
}

#[test]
fn positional_and_named_arguments() {
    let pages = [("Template:Echo", "[{{{1|none}}}]"), ("Template:Kv", "<{{{a}}}|{{{1}}}|{{{2|d}}}>")];
    assert_eq!(expand_with(&pages, "a {{Echo|b}} c"), "a [b] c");
    assert_eq!(expand_with(&pages, "{{Echo}}"), "[none]");
    // Positional values keep their spaces; named ones are trimmed.
    assert_eq!(expand_with(&pages, "{{Echo| b }}"), "[ b ]");
    assert_eq!(expand_with(&pages, "{{Kv| a = x |y}}"), "<x|y|d>");
    // The last duplicate wins; `2=` sets the second positional argument.
    assert_eq!(expand_with(&pages, "{{Kv|a=1|a=2|p|2=q}}"), "<2|p|q>");
    // `=` inside a nested construct does not name the argument.
    assert_eq!(expand_with(&pages, "{{Echo|[[a|b=c]]}}"), "[[[a|b=c]]]");
    assert_eq!(expand_with(&pages, "{{Echo|{{Echo|x=y}}}}"), "[[none]]");
    assert_eq!(expand_with(&pages, "{{Echo|{{Echo|x}}}}"), "[[x]]");
    // A URL does not hide the `=` that names an argument, even in brackets.
    assert_eq!(expand_with(&pages, "{{Echo|http://a.org/=x}}"), "[none]");
    assert_eq!(expand_with(&pages, "{{Echo|[http://a.org/?x=1 y]}}"), "[none]");
    assert_eq!(expand_with(&pages, "{{Echo|1=http://a.org/?x=1}}"), "[http://a.org/?x=1]");
    // An empty named argument is set (no default).
    assert_eq!(expand_with(&pages, "{{Echo|1=}}"), "[]");
}

#[test]
fn lone_braces_in_arguments_are_text() {
    let pages = [("Template:Echo", "[{{{1|none}}}]"), ("Template:Kv", "<{{{x|none}}}>")];
    assert_eq!(expand_with(&pages, "{{Echo|a{b}}c"), "[a{b]c");
    assert_eq!(expand_with(&pages, "{{Echo|a}b}}c"), "[a}b]c");
    assert_eq!(expand_with(&pages, "{{Kv|x={}}c"), "<{>c");
    assert_eq!(expand_with(&pages, "{{Echo|{{{1|{}}}}}"), "[{]");
    // Two of `}}}` close the template; the third is text.
    assert_eq!(expand_with(&pages, "{{Echo|{a}}}"), "[{a]}");
}

#[test]
fn names_and_namespaces() {
    let pages = [("Template:Foo bar", "T"), ("Main page x", "M"), ("User:U", "U")];
    assert_eq!(expand_with(&pages, "{{foo_bar}}"), "T");
    assert_eq!(expand_with(&pages, "{{ Foo bar }}"), "T");
    assert_eq!(expand_with(&pages, "{{:Main page x}}"), "M");
    assert_eq!(expand_with(&pages, "{{User:U}}"), "U");
    assert_eq!(expand_with(&pages, "{{Template:Foo bar}}"), "T");
    assert_eq!(expand_with(&pages, "{{Missing}}"), "[[:Template:Missing]]");
    assert_eq!(expand_with(&pages, "{{a[b}}"), "{{a[b}}");
}

#[test]
fn inclusion_tags() {
    let pages = [
        ("Template:A", "x<noinclude>doc</noinclude>y<includeonly>z</includeonly>"),
        ("Template:B", "no<onlyinclude>yes</onlyinclude>no<onlyinclude>{{{1}}}</onlyinclude>"),
        ("Template:C", "<!-- c -->t"),
        ("Template:D", "a<includeonly>b{{{1}}}"),
    ];
    assert_eq!(expand_with(&pages, "{{A}}"), "xyz");
    assert_eq!(expand_with(&pages, "{{B|2}}"), "yes2");
    assert_eq!(expand_with(&pages, "{{C}}"), "t");
    // An `<includeonly>` never closed runs to the end: included when transcluded...
    assert_eq!(expand_with(&pages, "{{D|c}}"), "abc");
    // On the page itself: noinclude content stays, includeonly goes, comments stay.
    assert_eq!(expand_with(&pages, "p<noinclude>n</noinclude><includeonly>i</includeonly><!--k-->"), "pn<!--k-->");
    // ...and on the page itself, all of it goes.
    assert_eq!(expand_with(&pages, "p<includeonly>i\nj"), "p");
}

#[test]
fn inclusion_tags_in_a_page_call_read_as_the_page_is_viewed() {
    let pages = [("Template:Echo", "[{{{1|none}}}]")];
    let site = pages.iter().copied().collect::<PageSources>().over(DefaultSite::default());
    let expand_call = |text: &str| {
        let tree = wikitext_parser::parse(text);
        let call = tree.descendants(tree.root()).find(|&n| tree.kind(n) == wikitext_parser::SyntaxKind::TEMPLATE).unwrap();
        Expander::new(&site, "Test page").transclusion(&tree, call).output
    };
    // In the page's own call, `<noinclude>` tags are nothing and
    // `<includeonly>` goes with its content, in the name as in the arguments.
    assert_eq!(expand_call("{{Echo<noinclude>|a</noinclude>}}"), "[a]");
    assert_eq!(expand_call("{{Echo<includeonly>|a</includeonly>|b}}"), "[b]");
    assert_eq!(expand_call("{{Echo<onlyinclude>|a</onlyinclude>}}"), "[a]");
}

#[test]
fn a_line_break_put_before_a_table_or_list_is_reported() {
    let pages = [("Template:Echo", "{{{1}}}")];
    let site = pages.iter().copied().collect::<PageSources>().over(DefaultSite::default());
    let expand_call = |text: &str| {
        let tree = wikitext_parser::parse(text);
        let call = tree.descendants(tree.root()).find(|&n| tree.kind(n) == wikitext_parser::SyntaxKind::TEMPLATE).unwrap();
        let t = Expander::new(&site, "Test page").transclusion(&tree, call);
        (t.output, t.line_break_added)
    };
    // T2529: output starting a list or table line from mid-line gets a break.
    assert_eq!(expand_call("a {{Echo|*b}}"), ("\n*b".to_string(), true));
    assert_eq!(expand_call("{{Echo|*b}}"), ("*b".to_string(), false));
    // A break the template writes is not one MediaWiki added.
    assert_eq!(expand_call("a {{Echo|\n*b}}"), ("\n*b".to_string(), false));
}

#[test]
fn a_comment_alone_on_its_line_takes_the_line_with_it() {
    let pages = [("Template:E", "{{{1}}}")];
    // MediaWiki's preprocessor drops such a line whole, newline included.
    assert_eq!(expand_with(&pages, "{{E|foo\n<!--a-->\n <!--b--> <!--c-->\t\nbar}}"), "foo\nbar");
    // Beside text, only the comment goes.
    assert_eq!(expand_with(&pages, "{{E|foo\nx <!--a-->\nbar}}"), "foo\nx \nbar");
    // On the first line of the text, only the comment goes too.
    assert_eq!(expand_with(&pages, "{{E|<!--a-->\nbar}}"), "\nbar");
    // The same in a template's own text.
    let pages = [("Template:F", "foo\n  <!-- why -->\nbar\n<!-- x --> y")];
    assert_eq!(expand_with(&pages, "{{F}}"), "foo\nbar\n y");
}

#[test]
fn prefixes_and_magic() {
    let pages = [("Template:T", "t{{{1|}}}")];
    assert_eq!(expand_with(&pages, "{{subst:T}}"), "{{subst:T}}");
    assert_eq!(expand_with(&pages, "{{safesubst:T|1}}"), "t1");
    assert_eq!(expand_with(&pages, "{{msgnw:T}}"), "t&#123;&#123;&#123;1&#124;&#125;&#125;&#125;");
    assert_eq!(expand_with(&pages, "{{!}}{{=}}"), "|=");
}

#[test]
fn redirects_are_followed() {
    let pages = [("Template:R", "#REDIRECT [[Template:Target]]"), ("Template:Target", "hit {{{1}}}")];
    assert_eq!(expand_with(&pages, "{{R|x}}"), "hit x");
}

#[test]
fn parameters_on_the_page_itself() {
    assert_eq!(expand_with(&[], "{{{1}}} {{{a|b}}}"), "{{{1}}} b");
}

#[test]
fn loops_render_an_error() {
    let pages = [("Template:Loop", "a{{Loop}}"), ("Template:Ping", "{{Pong}}"), ("Template:Pong", "{{Ping}}")];
    assert_eq!(
        expand_with(&pages, "{{Loop}}"),
        "a<span class=\"error\">Template loop detected: [[:Template:Loop]]</span>"
    );
    assert!(expand_with(&pages, "{{Ping}}").contains("Template loop detected: [[:Template:Ping]]"));
    // The same template twice in a row is no loop.
    assert_eq!(expand_with(&[("Template:X", "x")], "{{X}}{{X}}"), "xx");
}

#[test]
fn depth_limit() {
    let pages: Vec<(String, String)> = (0..150).map(|i| (format!("Template:D{i}"), format!("{{{{D{}}}}}", i + 1))).collect();
    let site = pages.into_iter().collect::<PageSources>().over(DefaultSite::default());
    let mut ex = Expander::new(&site, "P");
    let out = ex.expand_page("{{D0}} after");
    assert_eq!(out, "<span class=\"error\">Template recursion depth limit exceeded (100)</span> after");
    assert_eq!(ex.limit_hit(), Some(LimitKind::TemplateDepth));
}

#[test]
fn billion_laughs_stop_at_a_limit() {
    // Each level calls the next twice: 2^40 calls unless a limit stops it.
    let mut pages: Vec<(String, String)> = (0..40)
        .map(|i| (format!("Template:L{i}"), format!("{{{{L{n}}}}}{{{{L{n}}}}}", n = i + 1)))
        .collect();
    pages.push(("Template:L40".into(), "lol".into()));
    let site = pages.into_iter().collect::<PageSources>().over(DefaultSite::default());
    let start = std::time::Instant::now();
    let mut ex = Expander::new(&site, "P");
    let out = ex.expand_page("{{L0}}");
    assert!(ex.limit_hit().is_some(), "a limit stops it");
    assert!(out.contains("limit exceeded"), "{}", &out[out.len().saturating_sub(200)..]);
    assert!(out.len() <= 3 * 1024 * 1024);
    // Generous: a debug build on a busy machine; the bench measures the real figure.
    assert!(start.elapsed().as_secs() < 30);
}

#[test]
fn argument_doubling_is_bounded() {
    // Each level doubles its argument: output size, not node count, explodes.
    let mut pages: Vec<(String, String)> = (0..60)
        .map(|i| (format!("Template:W{i}"), format!("{{{{W{}|{{{{{{1}}}}}}{{{{{{1}}}}}}}}}}", i + 1)))
        .collect();
    pages.push(("Template:W60".into(), "{{{1}}}".into()));
    let site = pages.into_iter().collect::<PageSources>().over(DefaultSite::default());
    let mut ex = Expander::new(&site, "P").with_limits(Limits::default());
    let out = ex.expand_page("{{W0|ab}}");
    assert!(ex.limit_hit().is_some());
    assert!(out.len() <= 3 * 1024 * 1024, "{}", out.len());
}

#[test]
fn the_magic_word_pipe_in_table_and_link_syntax_expands_to_a_pipe() {
    // The tokenizer reads these `{{!}}` as table or link syntax, not as
    // templates; they expand to `|` all the same, on the page and in a template.
    let table = "{{{!}} class=\"x\"\n{{!}}- \n{{!}}a{{!}}{{!}}b{{!}}|c|{{!}}d\n{{!}}}\n[[a{{!}}b]] x{{!}}y";
    let expanded = "{| class=\"x\"\n|- \n|a||b||c||d\n|}\n[[a|b]] x|y";
    assert_eq!(expand_with(&[], table), expanded);
    assert_eq!(expand_with(&[("Template:T", table)], "{{T}}"), expanded);
}
