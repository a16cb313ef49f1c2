//! The output-safety check shared by the property tests, the fuzz targets and
//! the fuzz regression tests: parse rendered HTML as a browser would and
//! look for anything that could run script.
//!
//! This is a test oracle, not a sanitizer: the renderer's sanitizer decides
//! what is emitted, and this check says whether it got that right.

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// Elements that run or embed active content.
const FORBIDDEN_ELEMENTS: &[&str] =
    &["script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "base"];

/// Attributes whose value is a URL a browser fetches or follows.
const URL_ATTRIBUTES: &[&str] = &[
    "href", "src", "action", "formaction", "poster", "data", "background", "cite", "longdesc",
    "usemap", "lowsrc", "dynsrc", "codebase", "srcset", "xlink:href",
];

/// URL schemes that run script (or, for `data:`, can carry a document that does).
const SCRIPT_SCHEMES: &[&str] = &["javascript:", "vbscript:", "livescript:", "data:"];

/// Checks that `html` parses as HTML and is safe: no script-bearing element,
/// no `on*` event-handler attribute, no script URL in a URL attribute, no
/// script in a `style` attribute.
///
/// # Errors
/// A description of the first unsafe thing found, quoting the element.
pub fn check_html(html: &str) -> Result<(), String> {
    let dom = html5ever::parse_document(RcDom::default(), html5ever::ParseOpts::default()).one(html);
    // An explicit stack: the output may nest hundreds of levels deep.
    let mut stack: Vec<Handle> = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let tag = (*name.local).to_ascii_lowercase();
            if FORBIDDEN_ELEMENTS.contains(&tag.as_str()) {
                return Err(format!("<{tag}> element"));
            }
            for attr in attrs.borrow().iter() {
                let attr_name = (*attr.name.local).to_ascii_lowercase();
                if attr_name.starts_with("on") {
                    return Err(format!("event handler attribute {attr_name} on <{tag}>"));
                }
                let value = squeeze(&attr.value);
                if URL_ATTRIBUTES.contains(&attr_name.as_str()) {
                    // `srcset` holds several URLs; any of them may be the bad one. Elsewhere
                    // a comma is part of the URL (`./A,_vbscript:b` is a relative link).
                    let mut urls = value.split(if attr_name == "srcset" { ',' } else { '\0' });
                    let script_url = urls.any(|url| SCRIPT_SCHEMES.iter().any(|s| url.starts_with(s)));
                    if script_url {
                        return Err(format!("script URL in {attr_name}=\"{}\" on <{tag}>", &*attr.value));
                    }
                }
                if attr_name == "style" {
                    // Not squeezed: in CSS, whitespace splits tokens, so `expres sion(` is harmless.
                    let css = strip_css_comments(&attr.value.to_lowercase());
                    let active = ["expression(", "-moz-binding", "behavior:"];
                    if let Some(bad) = active.iter().find(|a| css.contains(*a)) {
                        return Err(format!("{bad} in style=\"{}\" on <{tag}>", &*attr.value));
                    }
                    // A script URL only loads inside `url(...)`; elsewhere it is an inert word.
                    let script_url = css.match_indices("url(").any(|(at, _)| {
                        let target = css[at + 4..].trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
                        SCRIPT_SCHEMES.iter().any(|s| squeeze(target).starts_with(s))
                    });
                    if script_url {
                        return Err(format!("script URL in style=\"{}\" on <{tag}>", &*attr.value));
                    }
                }
            }
        }
        stack.extend(node.children.borrow().iter().cloned());
    }
    Ok(())
}

/// The value as a browser compares a scheme: lower-case, without the
/// whitespace and control characters browsers skip inside URLs.
fn squeeze(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).flat_map(char::to_lowercase).collect()
}

/// CSS with `/* */` comments removed, since `expr/**/ession(` is still `expression(`.
fn strip_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(open) = rest.find("/*") {
        out.push_str(&rest[..open]);
        match rest[open + 2..].find("*/") {
            Some(close) => rest = &rest[open + 2 + close + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::check_html;

    #[test]
    fn accepts_plain_output() {
        assert_eq!(check_html("<p><a href=\"./Foo\" title=\"Foo\">x</a> <span style=\"color:red\">y</span></p>"), Ok(()));
    }

    #[test]
    fn rejects_each_kind_of_script() {
        for bad in [
            "<script>x</script>",
            "<p><iframe src=\"x\"></iframe></p>",
            "<img src=\"x\" onerror=\"alert(1)\">",
            "<a href=\" java\tscript:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\"data:text/html,x\">x</a>",
            "<span style=\"width: expr/**/ession(alert(1))\">x</span>",
            "<span style=\"background: URL( 'java\nscript:x')\">x</span>",
            "<svg><a xlink:href=\"javascript:x\">y</a></svg>",
        ] {
            assert!(check_html(bad).is_err(), "{bad} passed the check");
        }
    }

    /// The sanitizer turns a CSS comment into a space, as MediaWiki does;
    /// `expres sion(` is two tokens, not a call (the render target's first find).
    #[test]
    fn accepts_a_split_expression() {
        assert_eq!(check_html("<div style=\"background-image:expres sion(alert('boo4'))\">x</div>"), Ok(()));
        assert_eq!(check_html("<div style=\"background-image:u rl(javascript:alert('boo'))\">x</div>"), Ok(()));
    }

    /// A comma inside a link is not a list separator (the render target's third find).
    #[test]
    fn accepts_a_scheme_after_a_comma_in_a_link() {
        assert_eq!(check_html("<a href=\"./Stats:v2?x=y,vbscript:r\">x</a>"), Ok(()));
        assert!(check_html("<img srcset=\"a.png 1x, javascript:x 2x\">").is_err());
    }
}
