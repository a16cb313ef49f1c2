//! Behaviour switches: `__NOTOC__`, `__TOC__` and friends; signatures.
//!
//! # Grammar
//! ```text
//! behavior_switch = "__" NAME "__"     ; NAME one of the known switches, case-insensitive
//!                 | SWITCH               ; one of the wiki's own spellings (ParseOptions::behavior_switches)
//! signature       = "~"{3,5}           ; a longer or shorter run of tildes is text
//! ```
//!
//! # Parsoid HTML
//! `<meta property="mw:PageProp/notoc"/>` (`__TOC__` marks the TOC's place).
//! Signatures are replaced when a page is saved; in a page's wikitext they
//! are rendered as text.
//!
//! # Node kinds
//! `BEHAVIOR_SWITCH`: one `TEXT` token. `SIGNATURE`: one `TEXT` token.

use nom::bytes::complete::{tag, take_while1};
use nom::combinator::{recognize, verify};
use nom::sequence::delimited;
use nom::Parser as _;

use super::{matched, PResult};
use crate::parser::Parser;
use crate::SyntaxKind::*;

/// `__NAME__` with NAME a known switch, case-insensitively.
fn behavior_switch(input: &str) -> PResult<'_, &str> {
    let name = verify(take_while1(|c: char| c.is_ascii_alphabetic()), |name: &str| {
        crate::BEHAVIOR_SWITCHES.iter().any(|s| s.eq_ignore_ascii_case(name))
    });
    recognize(delimited(tag("__"), name, tag("__"))).parse(input)
}

/// The length of the longest of the wiki's switches (lower-case) that
/// `rest` starts with, in any case.
fn site_switch_len(rest: &str, switches: &[String]) -> Option<usize> {
    if !rest.starts_with("__") && !rest.starts_with(super::FULL_WIDTH_LOW_LINES) {
        return None;
    }
    switches
        .iter()
        .filter(|s| rest.get(..s.len()).is_some_and(|head| head.eq_ignore_ascii_case(s) || head.to_lowercase() == **s))
        .map(String::len)
        .max()
}

/// A run of tildes, whatever its length.
fn tildes(input: &str) -> PResult<'_, &str> {
    take_while1(|c| c == '~').parse(input)
}

// test signature
// ~~~~
/// The run of tildes at `p.pos`: a signature when three to five long, else text.
pub(crate) fn tilde_run(p: &mut Parser<'_>) {
    let n = matched(tildes, p.rest()).unwrap_or(1);
    if (3..=5).contains(&n) {
        let m = p.start(SIGNATURE);
        p.token(TEXT, n);
        m.complete(p, SIGNATURE);
    } else {
        p.token(TEXT, n);
    }
}

/// The length of the behaviour switch `rest` starts with: one of the
/// wiki's `switches`, or without them one of the English names.
pub(crate) fn behavior_switch_len(rest: &str, switches: &[String]) -> Option<usize> {
    if switches.is_empty() {
        matched(behavior_switch, rest)
    } else {
        site_switch_len(rest, switches)
    }
}

// test behavior_switch
// __NOTOC__
pub(crate) fn opt_behavior_switch(p: &mut Parser<'_>) -> bool {
    let Some(len) = behavior_switch_len(p.rest(), p.behavior_switches) else { return false };
    let m = p.start(BEHAVIOR_SWITCH);
    p.token(TEXT, len);
    m.complete(p, BEHAVIOR_SWITCH);
    true
}

#[cfg(test)]
mod tests {
    use crate::{parse_with, ParseOptions, SyntaxKind};

    fn switches(src: &str, spellings: &[&str]) -> Vec<String> {
        let options = ParseOptions { behavior_switches: spellings.iter().map(|s| (*s).to_string()).collect(), ..ParseOptions::default() };
        let tree = parse_with(src, &options);
        tree.descendants(tree.root()).filter(|&n| tree.kind(n) == SyntaxKind::BEHAVIOR_SWITCH).map(|n| tree.text(n).to_string()).collect()
    }

    #[test]
    fn a_wikis_own_spellings_are_switches() {
        let ja = ["__notoc__", "__目次非表示__", "＿＿目次非表示＿＿"];
        assert_eq!(switches("a __目次非表示__ b", &ja), ["__目次非表示__"]);
        // Full-width low lines, after text and at the start alike.
        assert_eq!(switches("（注）＿＿目次非表示＿＿", &ja), ["＿＿目次非表示＿＿"]);
        assert_eq!(switches("＿＿目次非表示＿＿", &ja), ["＿＿目次非表示＿＿"]);
        // Any case: the site decides whether the case matters.
        assert_eq!(switches("__NoToc__", &ja), ["__NoToc__"]);
        // Names the wiki does not have are text, English ones included.
        assert!(switches("__NOEDITSECTION__ ＿＿x＿＿", &ja).is_empty());
        // Without the wiki's list, the English names.
        assert_eq!(switches("__NOEDITSECTION__ __目次非表示__", &[]), ["__NOEDITSECTION__"]);
    }
}
