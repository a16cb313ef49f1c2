//! Parser functions and magic variables through the expander, on a wiki
//! with a fixed clock: each function as a page would call it.

use wikitext_expand::{Expander, PageSources};
use wikitext_site::site::{Interwiki, MediaInfo, Namespace, PageState};
use wikitext_site::{DefaultSite, ModuleRuntime, Site, SiteInfo};

/// The default wiki with a fixed clock (2024-02-29 13:05:09 UTC, a
/// Thursday), string functions on, and one module runtime.
struct FixedSite {
    inner: DefaultSite,
    info: SiteInfo,
}

struct EchoRuntime;

impl ModuleRuntime for EchoRuntime {
    fn invoke(&self, module: &str, function: &str, args: &[(String, String)], parent: &[(String, String)]) -> Result<String, String> {
        if function == "fail" {
            return Err("boom".to_string());
        }
        if function == "big" {
            return Ok("x".repeat(1_500_000));
        }
        Ok(format!("{module}.{function}({args:?};{parent:?})"))
    }
}

impl Site for FixedSite {
    fn namespace_by_name(&self, name: &str) -> Option<Namespace> {
        self.inner.namespace_by_name(name)
    }
    fn namespace_by_id(&self, id: i32) -> Option<Namespace> {
        self.inner.namespace_by_id(id)
    }
    fn interwiki(&self, prefix: &str) -> Option<Interwiki> {
        self.inner.interwiki(prefix)
    }
    fn page_state(&self, title: &str) -> PageState {
        if title == "Exists" { PageState::Exists } else { PageState::Missing }
    }
    fn url_protocols(&self) -> &[String] {
        self.inner.url_protocols()
    }
    fn info(&self) -> &SiteInfo {
        &self.info
    }
    fn now(&self) -> i64 {
        1_709_211_909
    }
    fn module_runtime(&self) -> Option<&dyn ModuleRuntime> {
        Some(&EchoRuntime)
    }
    fn media_info(&self, name: &str) -> Option<MediaInfo> {
        (name == "Foo.jpg").then(|| MediaInfo { url: "http://example.org/images/Foo.jpg".into(), ..MediaInfo::default() })
    }
}

fn site() -> FixedSite {
    let mut info = SiteInfo::new("Testwiki", "http://example.org");
    info.string_functions = true;
    FixedSite { inner: DefaultSite::default(), info }
}

fn expand(text: &str) -> String {
    Expander::new(&site(), "Help:Page/Sub").expand_page(text)
}

#[test]
fn time_variables_read_the_site_clock() {
    assert_eq!(expand("{{CURRENTYEAR}}-{{CURRENTMONTH}}-{{CURRENTDAY2}}"), "2024-02-29");
    assert_eq!(expand("{{CURRENTMONTHNAME}} {{CURRENTDAY}} {{CURRENTDAYNAME}}"), "February 29 Thursday");
    assert_eq!(expand("{{CURRENTTIME}} {{CURRENTHOUR}} {{CURRENTTIMESTAMP}}"), "13:05 13 20240229130509");
    assert_eq!(expand("{{CURRENTWEEK}} {{CURRENTDOW}} {{CURRENTMONTHABBREV}}"), "9 4 Feb");
    assert_eq!(expand("{{LOCALYEAR}}"), "2024");
}

#[test]
fn site_variables() {
    assert_eq!(expand("{{SITENAME}}|{{SERVER}}|{{SERVERNAME}}|{{SCRIPTPATH}}"), "Testwiki|http://example.org|example.org|/w");
    assert_eq!(expand("{{CONTENTLANGUAGE}} {{!}} {{=}}"), "en | =");
    assert_eq!(expand("{{DIRMARK}}"), "\u{200E}");
}

#[test]
fn page_name_family() {
    assert_eq!(expand("{{PAGENAME}}|{{FULLPAGENAME}}|{{NAMESPACE}}|{{NAMESPACENUMBER}}"), "Page/Sub|Help:Page/Sub|Help|12");
    assert_eq!(expand("{{BASEPAGENAME}}|{{ROOTPAGENAME}}|{{SUBPAGENAME}}"), "Page|Page|Sub");
    assert_eq!(expand("{{TALKPAGENAME}}|{{TALKSPACE}}|{{SUBJECTSPACE}}"), "Help talk:Page/Sub|Help talk|Help");
    assert_eq!(expand("{{PAGENAMEE}}|{{FULLPAGENAMEE}}"), "Page/Sub|Help:Page/Sub");
    assert_eq!(expand("{{PAGENAME:Talk:A b/c}}|{{NAMESPACE:Talk:A}}|{{PAGENAMEE:A b}}"), "A b/c|Talk|A_b");
    // Markup characters in titles come out escaped, as MediaWiki escapes them.
    assert_eq!(expand("{{PAGENAME:A'b}}"), "A&#39;b");
}

#[test]
fn conditionals() {
    assert_eq!(expand("{{#if: x | yes | no }}|{{#if: | yes | no }}|{{#if:  |yes}}"), "yes|no|");
    assert_eq!(expand("{{#ifeq: 01 | 1 | eq | ne}}|{{#ifeq: a | A | eq | ne}}"), "eq|ne");
    assert_eq!(expand("{{#iferror: {{#expr: 1/0}} | bad | good }}|{{#iferror: 2 }}"), "bad|2");
    assert_eq!(expand("{{#ifexpr: 2 > 1 | y | n}}|{{#ifexpr: 1 > 2 | y | n}}"), "y|n");
    assert_eq!(expand("{{#ifexist: Exists | y | n}}|{{#ifexist: Nope | y | n}}"), "y|n");
    // #switch: fall-through, #default, a last bare value as default, numbers.
    assert_eq!(expand("{{#switch: b | a = A | b | c = BC | #default = D}}"), "BC");
    assert_eq!(expand("{{#switch: z | a = A | #default = D}}|{{#switch: z | a = A | last}}"), "D|last");
    assert_eq!(expand("{{#switch: 1.0 | 1 = one | two}}"), "one");
}

#[test]
fn only_the_branch_taken_is_expanded() {
    // A loop in the branch not taken costs nothing and shows nothing.
    let pages: PageSources = [("Template:Loop", "{{Loop}}")].into_iter().collect();
    let site = pages.over(site());
    assert_eq!(Expander::new(&site, "P").expand_page("{{#if: x | fine | {{Loop}} }}"), "fine");
}

#[test]
fn expressions_and_their_errors() {
    assert_eq!(expand("{{#expr: 1 + 2 * 3}}|{{#expr: (1 + 2) * 3}}|{{#expr: 10 / 4}}"), "7|9|2.5");
    assert_eq!(expand("{{#expr: 1/0}}"), "<strong class=\"error\">Division by zero.</strong>");
    assert!(expand("{{#expr: 1 +}}").starts_with("<strong class=\"error\">Expression error:"));
}

#[test]
fn string_functions_where_the_site_enables_them() {
    assert_eq!(expand("{{#len: abc }}|{{#pos: abcb | b }}|{{#rpos: abcb | b }}|{{#sub: abcdef | 2 | 3 }}"), "3|1|3|cde");
    assert_eq!(expand("{{#replace: a-b-c | - | + }}|{{#explode: a,b,c | , | 1 }}|{{#count: abab | ab }}"), "a+b+c|b|2");
    assert_eq!(expand("{{#urldecode: a%20b }}"), "a b");
    // Extension tags are strip markers the functions remove; #replace's
    // replacement term keeps a nowiki's body.
    assert_eq!(expand("{{#len:<nowiki>This is a </nowiki>test}}|{{#sub:<nowiki>This is a </nowiki>test|1}}"), "4|est");
    assert_eq!(expand("{{#replace:My_little_home_page|_|<nowiki> </nowiki>}}"), "My little home page");
    // Off on the default wiki: not a function.
    assert_eq!(Expander::new(&DefaultSite::default(), "P").expand_page("{{#len:abc}}"), "{{#len:abc}}");
}

#[test]
fn core_functions() {
    assert_eq!(expand("{{lc:ABC}}|{{uc:abc}}|{{lcfirst:ABC}}|{{ucfirst:abc}}"), "abc|ABC|aBC|Abc");
    assert_eq!(expand("{{padleft:7|3|0}}|{{padright:ab|5|xy}}|{{formatnum:1234567.891}}"), "007|abxyx|1,234,567.891");
    // Strip markers (extension tags) leave the padding and anchorencode's text.
    assert_eq!(expand("{{padleft:|2|x<nowiki/>y}}|{{padright:a|3|<nowiki>q</nowiki>}}"), "xy|a");
    assert_eq!(expand("{{anchorencode:x<nowiki/>y [[a|b]]}}"), "xy_b");
    assert_eq!(expand("{{urlencode:a b&c}}|{{urlencode:a b|WIKI}}|{{urlencode:a b|PATH}}"), "a+b%26c|a_b|a%20b");
    assert_eq!(expand("{{plural:1|one|many}}|{{plural:3|one|many}}"), "one|many");
    assert_eq!(expand("{{#titleparts: Talk:A/b/c | 2 }}|{{#rel2abs: ../x }}"), "Talk:A/b|Help:Page/x");
    assert_eq!(expand("{{#bcp47: en-us }}|{{#dir: ar }}|{{#dir: en }}"), "en-US|rtl|ltr");
    assert_eq!(expand("{{#language:de}}"), "Deutsch");
    // The language's own name, or its English name when asked in English;
    // names in other languages stand in as the autonym; an unknown code prints itself.
    assert_eq!(expand("{{#language:fi}}|{{#language:FI|En}}|{{#language:pt|en-simple}}"), "suomi|Finnish|Portuguese");
    assert_eq!(expand("{{#language:ar|en}}|{{#language:de|fr}}|{{#language:xyz|en}}|{{#language:}}"), "Arabic|Deutsch|xyz|English");
    // MediaWiki's own names where glibc's differ, and the variants Wikimedia wikis use.
    assert_eq!(
        expand("{{#language:id}}|{{#language:sr}}|{{#language:zh-hans}}|{{#language:ZH-Hant|en}}|{{#language:pt-br}}|{{#language:en-gb}}"),
        "Bahasa Indonesia|српски / srpski|中文（简体）|Traditional Chinese|português do Brasil|British English"
    );
}

#[test]
fn site_functions() {
    assert_eq!(expand("{{ns:10}}|{{ns:template}}|{{nse:11}}"), "Template|Template|Template_talk");
    assert_eq!(expand("{{localurl:A b}}|{{localurl:A b|action=edit}}"), "/wiki/A_b|/w/index.php?title=A_b&action=edit");
    assert_eq!(expand("{{fullurl:A}}|{{canonicalurl:A}}"), "http://example.org/wiki/A|http://example.org/wiki/A");
    assert_eq!(expand("{{filepath:Foo.jpg}}"), "http://example.org/images/Foo.jpg");
    assert_eq!(expand("{{#tag:ref|body|name=a}}|{{#tag:br}}"), "<ref name=\"a\">body</ref>|<br/>");
    assert_eq!(expand("{{#special:Upload}}"), "Special:Upload");
    assert_eq!(expand("{{DEFAULTSORT:Key}}{{DISPLAYTITLE:T}}"), "");
}

#[test]
fn invoke_goes_through_the_module_runtime() {
    assert_eq!(
        expand("{{#invoke:Foo|bar| a |k = v }}"),
        "Module:Foo.bar([(\"1\", \" a \"), (\"k\", \"v\")];[])"
    );
    assert_eq!(
        expand("{{#invoke:Foo|fail}}"),
        "<strong class=\"error\"><span class=\"scribunto-error\">Script error: boom</span></strong>"
    );
    // A module's output counts against the post-expand include size, as a
    // template's does: the second 1.5 MB answer is over the 2 MB limit.
    let out = expand("{{#invoke:Foo|big}}{{#invoke:Foo|big}} after");
    assert_eq!(out.len() - "x".repeat(1_500_000).len(), "<span class=\"error\">Post-expand include size limit exceeded</span> after".len(), "{}", &out[1_500_000..]);
    assert!(out.ends_with("<span class=\"error\">Post-expand include size limit exceeded</span> after"));
    // Without a runtime: MediaWiki's missing-module error.
    assert_eq!(
        Expander::new(&DefaultSite::default(), "P").expand_page("{{#invoke:Foo|bar}}"),
        "<strong class=\"error\"><span class=\"scribunto-error\">Script error: No such module &quot;Foo&quot;.</span></strong>"
    );
}

/// The standalone Parsoid runner's mock wiki, whose native functions differ.
fn expand_standalone(text: &str) -> String {
    let mut site = site();
    site.info.parsoid_standalone_functions = true;
    Expander::new(&site, "Help:Page/Sub").expand_page(text)
}

#[test]
fn a_missing_template_in_a_functions_first_argument_is_its_title_as_text_in_standalone_parsoid() {
    // Its functions read their first argument as text: the missing template
    // there is the text of its title, not a link to it.
    assert_eq!(expand_standalone("{{formatnum:{{Inflation|US|10000|1879}}}}"), "Template:Inflation");
    assert_eq!(expand_standalone("{{uc:{{missing}}}}"), "TEMPLATE:MISSING");
    // Elsewhere, and in the other arguments, it stays a link.
    assert_eq!(expand_standalone("{{missing}}"), "[[:Template:Missing]]");
    assert_eq!(expand_standalone("{{#if:x|{{missing}}}}"), "[[:Template:Missing]]");
    assert_eq!(expand_standalone("{{#tag:b|{{missing}}}}"), "<b>[[:Template:Missing]]</b>");
    // MediaWiki's functions get the link's wikitext, as any text.
    assert_eq!(expand("{{uc:{{missing}}}}"), "[[:TEMPLATE:MISSING]]");
}

#[test]
fn formatnum_groups_digits_and_standalone_parsoids_returns_its_argument() {
    assert_eq!(expand("{{formatnum:10056}}"), "10,056");
    assert_eq!(expand("{{formatnum: 10056}}"), "10,056");
    assert_eq!(expand_standalone("{{formatnum:10056}}"), "10056");
    assert_eq!(expand_standalone("{{formatnum: 10056}}"), " 10056");
}

#[test]
fn standalone_parsoid_has_no_invoke() {
    let mut site = site();
    site.info.parsoid_standalone_functions = true;
    let expanded = Expander::new(&site, "Help:Page/Sub").expand_page("{{#invoke:Block diagram|main|width=300}}");
    // The test site has a module runtime: it is called.
    assert!(expanded.starts_with("Module:Block diagram.main"), "{expanded}");
    struct NoRuntime(FixedSite);
    impl Site for NoRuntime {
        fn namespace_by_name(&self, name: &str) -> Option<Namespace> {
            self.0.namespace_by_name(name)
        }
        fn namespace_by_id(&self, id: i32) -> Option<Namespace> {
            self.0.namespace_by_id(id)
        }
        fn interwiki(&self, prefix: &str) -> Option<Interwiki> {
            self.0.interwiki(prefix)
        }
        fn url_protocols(&self) -> &[String] {
            self.0.url_protocols()
        }
        fn info(&self) -> &SiteInfo {
            self.0.info()
        }
    }
    let bare = NoRuntime(site);
    assert_eq!(
        Expander::new(&bare, "Help:Page/Sub").expand_page("{{#invoke:Block diagram|main|width=300}}"),
        "Parser function implementation for pf_invoke missing in Parsoid."
    );
}

#[test]
fn standalone_parsoid_names_a_function_it_does_not_know() {
    assert_eq!(expand_standalone("{{#foo}}"), "Parser function implementation for pf_foo missing in Parsoid.");
    assert_eq!(expand_standalone("{{#foo:bar|bat}}"), "Parser function implementation for pf_foo missing in Parsoid.");
    assert_eq!(expand_standalone("{{#REDIRECT [[]]}}"), "Parser function implementation for pf_REDIRECT [[]] missing in Parsoid.");
    // MediaWiki shows the call as written.
    assert_eq!(expand("{{#foo:bar|bat}}"), "{{#foo:bar|bat}}");
}

#[test]
fn onlyinclude_tags_stay_as_markers_in_a_page_call_in_standalone_parsoid() {
    let mut inner = site();
    inner.info.parsoid_standalone_functions = true;
    let pages = [("Template:Inc", "<onlyinclude>*Foo</onlyinclude>bar"), ("Template:Echo", "{{{1}}}")];
    let site = pages.iter().copied().collect::<PageSources>().over(inner);
    let expand_call = |text: &str| {
        let tree = wikitext_parser::parse(text);
        let call = tree.descendants(tree.root()).find(|&n| tree.kind(n) == wikitext_parser::SyntaxKind::TEMPLATE).unwrap();
        Expander::new(&site, "Test page").transclusion(&tree, call).output
    };
    // The runner shows where the included part starts and ends; the
    // line break a list start gets (T2529) goes before the marker.
    assert_eq!(expand_call("{{Inc}}"), "<onlyinclude>*Foo</onlyinclude>");
    assert_eq!(expand_call("a {{Inc}}"), "\n<onlyinclude>*Foo</onlyinclude>");
    // Arguments, parser functions and call names read the included text alone.
    assert_eq!(expand_call("{{Echo|{{Inc}}}}"), "\n*Foo");
    assert_eq!(expand_call("{{#ifeq:{{Inc}}|*Foo|y|n}}"), "y");
}

/// A wiki's own parser functions (`wikitext_site::function_hooks`): found
/// by the magic words' id, arguments expanded only when read.
mod wiki_defined_functions {
    use super::*;
    use wikitext_site::function_hooks::{FunctionArgs, FunctionOutput, ParserFunctionHooks};

    fn hooks() -> ParserFunctionHooks {
        let mut hooks = ParserFunctionHooks::new();
        // `{{#pick:n|a|b|...}}`: argument n, the rest never expanded.
        hooks.insert("pick", |args: &mut dyn FunctionArgs| {
            let n: usize = args.get(0).and_then(|n| n.trim().parse().ok()).unwrap_or(0);
            FunctionOutput::Wikitext(args.get(n).unwrap_or_default())
        });
        hooks.insert("count", |args: &mut dyn FunctionArgs| FunctionOutput::Text(args.len().to_string()));
        hooks.insert("names", |args: &mut dyn FunctionArgs| {
            let names: Vec<String> = (0..args.len())
                .filter_map(|i| args.get_named(i))
                .map(|(name, value)| format!("[{}]({value})", name.unwrap_or_else(|| "-".into())))
                .collect();
            FunctionOutput::Wikitext(names.join(" "))
        });
        hooks.insert("literal", |args: &mut dyn FunctionArgs| FunctionOutput::Text(args.get(0).unwrap_or_default()));
        hooks.insert("if", |_: &mut dyn FunctionArgs| FunctionOutput::Text("mine".into()));
        hooks.insert("big", |_: &mut dyn FunctionArgs| FunctionOutput::Wikitext("y".repeat(1_500_000)));
        for id in ["pick", "count", "names", "literal", "big"] {
            hooks.name(&format!("#{id}"), id);
        }
        hooks.name("bare", "count");
        hooks
    }

    fn expand_with_hooks(pages: &[(&str, &str)], text: &str) -> String {
        let pages: PageSources = pages.iter().copied().collect();
        let site = hooks().over(pages.over(site()));
        Expander::new(&site, "Page").expand_page(text)
    }

    #[test]
    fn a_handler_reads_the_arguments_it_asks_for_and_no_others() {
        let pages = [("Template:Loop", "{{Loop}}"), ("Template:Echo", "{{{1}}}")];
        assert_eq!(expand_with_hooks(&pages, "{{#pick:2|{{Loop}}|{{Echo|b}} }}"), "b ");
        assert_eq!(expand_with_hooks(&pages, "{{#pick: 1 |{{Echo|a}}|{{Loop}}}}"), "a");
    }

    #[test]
    fn arguments_are_counted_from_the_text_after_the_colon() {
        assert_eq!(expand_with_hooks(&[], "{{#count}}|{{#count:}}|{{#count:a|b}}|{{bare}}"), "0|1|2|0");
        // A full-width colon after the name, as Parsoid reads Japanese input.
        assert_eq!(expand_with_hooks(&[], "{{#count：a|b|c}}"), "3");
    }

    #[test]
    fn named_arguments_split_at_their_first_equals_sign() {
        assert_eq!(expand_with_hooks(&[], "{{#names: a = b |c| d=e=f}}"), "[a](b) [-](c) [d](e=f)");
    }

    #[test]
    fn nested_calls_stop_at_the_expansion_depth_limit() {
        // Each template level calls the function around the next level.
        let pages: Vec<(String, String)> = (0..80).map(|i| (format!("Template:H{i}"), format!("{{{{#pick:1|{{{{H{}}}}}}}}}", i + 1))).collect();
        let pages: Vec<(&str, &str)> = pages.iter().map(|(t, s)| (t.as_str(), s.as_str())).collect();
        let out = expand_with_hooks(&pages, "{{H0}} after");
        assert!(out.contains("Expansion depth limit exceeded") && out.ends_with(" after"), "{out}");
        assert_eq!(expand_with_hooks(&pages, "{{H75}}"), "[[:Template:H80]]");
    }

    #[test]
    fn output_counts_against_the_include_size_limit() {
        let out = expand_with_hooks(&[], "{{#big:}}{{#big:}} after");
        assert_eq!(out.matches('y').count(), 1_500_000);
        assert!(out.ends_with("<span class=\"error\">Post-expand include size limit exceeded</span> after"), "{}", &out[1_500_000..]);
    }

    #[test]
    fn text_output_is_escaped_wikitext_and_a_handler_replaces_the_builtin() {
        assert_eq!(expand_with_hooks(&[], "{{#literal:'''a'''}}"), "&#39;&#39;&#39;a&#39;&#39;&#39;");
        // The wiki's `#if` is the wiki's own handler's, once it registers one.
        assert_eq!(expand_with_hooks(&[], "{{#if:x|y}}"), "mine");
    }
}
