//! Cross-checks: our arena `TreeSink`, and our token feeding in `build`,
//! give the same trees as `markup5ever_rcdom` for the same HTML.

mod dom_util;

use dom_util::{dump, dump_rcdom, parse_rcdom, tokens};
use wikitext_html::Token;
use wikitext_html::serialize::serialize_document;
use wikitext_html::tree_builder::{build, parse_html};

/// Body markup exercising the tree builder's corners.
const CASES: &[&str] = &[
    "plain text",
    "<p>a<p>b<div>c</div>d",
    "<b><i>x</b>y</i>z",
    "<b>1<p>2</b>3</p>",
    "<a href=x>1<div>2<a href=y>3</a>4</div>5</a>",
    "<table>fostered<tr><td>cell</td></tr>after</table>",
    "<table><tr><td>a<table><tr><td>b</table>c</table>",
    "<table><b>x<tr><td>y</b></td></tr></table>z",
    "<table><!--c--><caption>cap</caption><col><tbody><tr><th>h</table>",
    "<p>para<table><tr><td>t</td></tr></table>",
    "<ul><li>a<li>b<ul><li>c</ul></ul>",
    "<dl><dt>a<dd>b<dt>c</dl>",
    "</p></br><br/>x",
    "<h1>a<h2>b</h1>c",
    "<button>a<button>b",
    "<nobr>a<nobr>b</nobr>c",
    "<font color=red><p>a</font>b</p>",
    "<select><option>a<option>b<optgroup><option>c</select>",
    "<pre>\n\nfoo</pre><textarea>\nbar</textarea><listing>\nbaz</listing>",
    "<svg viewBox='0 0 1 1'><foreignObject><p>x</p></foreignObject><path xlink:href=#a /></svg>",
    "<math><mi>x</mi><annotation-xml encoding='text/html'><div>y</div></annotation-xml></math>",
    "<template><td>x</td></template>after",
    "<span title='a\"b' data-x=\"it's\">q</span>",
    "a\u{0}b<svg>c\u{0}d</svg>",
    "<style>a < b & c</style><script>if (a<b) {}</script>",
    "<image src=x><isindex>",
    "<div><b><i><u>deep</div>after",
    "<p><b><i>x</p><p>y</i></b>",
    "<a>1<a>2</a>3",
    "<table><td>no tr</td></table>",
    "<frameset>ignored</frameset>text",
    "<meta charset=x><link rel=y>body",
    "<!-- only a comment -->",
    "<p>a</P><DIV CLASS=x>b</DIV>",
    "<table> <tr> x </tr> y <td>z</td> </table> w",
    "<table><tr><td>a</td></tr> <!--c--> </table>",
    "<pre></pre>\nnext<pre>\n</span>\nx</pre>",
    "<span><div>x</span>y</div>z</span>",
    "<b><p></b></p><i><div><i></div></i>",
    "<table><span>f<tr><td>c</td></tr></span></table>",
    "<p>1</p></p></body>after body</html>more",
];

#[test]
fn sink_matches_rcdom() {
    for html in CASES {
        let ours = dump(&parse_html(html), false);
        let theirs = dump_rcdom(&parse_rcdom(html));
        assert_eq!(ours, theirs, "parsing {html:?}");
    }
}

#[test]
fn build_matches_rcdom() {
    for html in CASES {
        let framed = format!("<!DOCTYPE html><html><head></head><body>{html}");
        let theirs = dump_rcdom(&parse_rcdom(&framed));
        let ours = dump(&build(tokens(html)), false);
        assert_eq!(ours, theirs, "building {html:?}");
        // With source ranges, every end tag is probed (see `DomSink`): the
        // probes must leave the tree as it was.
        let ours = dump(&build(with_ranges(tokens(html))), false);
        assert_eq!(ours, theirs, "building {html:?} with ranges");
    }
}

/// Give every tag a (made-up) source range.
fn with_ranges(tokens: Vec<Token>) -> Vec<Token> {
    tokens
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let r = Some(u32::try_from(i).unwrap()..u32::try_from(i + 1).unwrap());
            match t {
                Token::StartTag { name, attrs, self_closing, .. } => {
                    Token::StartTag { name, attrs, self_closing, src: r }
                }
                Token::EndTag { name, .. } => Token::EndTag { name, src: r },
                t => t,
            }
        })
        .collect()
}

/// Serializing and re-parsing gives the same tree back.
#[test]
fn serialize_round_trips() {
    for html in CASES {
        let dom = build(tokens(html));
        let mut once = String::new();
        serialize_document(&dom, &mut once);
        let again = parse_html(&once);
        assert_eq!(dump(&again, false), dump(&dom, false), "round trip of {html:?} via {once:?}");
        let mut twice = String::new();
        serialize_document(&again, &mut twice);
        assert_eq!(once, twice);
    }
}
