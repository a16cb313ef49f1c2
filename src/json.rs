//! The syntax tree as JSON, for tools and for `wikitext parse --json`.
//!
//! Each node is `{"kind": "...", "start": n, "end": n, "children": [...]}`
//! with byte offsets into the source; tokens have `"text"` instead of
//! `"children"`. The writer walks the tree with an explicit stack, so a deeply
//! nested page cannot overflow the call stack; strings are escaped as `serde_json` escapes them.

use std::fmt::Write as _;

use wikitext_html::json::push_json_string;
use wikitext_parser::{NodeId, Tree};

/// The tree as compact JSON.
#[must_use]
pub fn tree_to_json(tree: &Tree) -> String {
    tree_to_json_with_offsets(tree, |byte| byte)
}

/// The tree as compact JSON with `start`/`end` mapped by `offset` from byte
/// offsets to the caller's unit (the bindings count code points or UTF-16
/// units, as their strings do).
#[must_use]
pub fn tree_to_json_with_offsets(tree: &Tree, offset: impl Fn(usize) -> usize) -> String {
    enum Step {
        Open(NodeId),
        Close,
    }
    let mut out = String::with_capacity(tree.src().len() * 4 + 64);
    let mut stack = vec![Step::Open(tree.root())];
    // Whether the next node written is the first among its siblings.
    let mut first = true;
    while let Some(step) = stack.pop() {
        match step {
            Step::Close => {
                out.push_str("]}");
                first = false;
            }
            Step::Open(id) => {
                if !first {
                    out.push(',');
                }
                let kind = tree.kind(id);
                let range = tree.range(id);
                out.push_str("{\"kind\":");
                push_json_string(&mut out, kind.name());
                // Writing to a `String` cannot fail.
                let _ = write!(out, ",\"start\":{},\"end\":{}", offset(range.start), offset(range.end));
                if kind.is_token() {
                    out.push_str(",\"text\":");
                    push_json_string(&mut out, tree.text(id));
                    out.push('}');
                    first = false;
                } else {
                    out.push_str(",\"children\":[");
                    stack.push(Step::Close);
                    let children: Vec<NodeId> = tree.children(id).collect();
                    stack.extend(children.into_iter().rev().map(Step::Open));
                    first = true;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_valid_and_covers_the_source() {
        let tree = crate::parse("== Hi ==\n''a\"b''\n");
        let json = tree_to_json(&tree);
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(value["start"], 0);
        assert_eq!(value["end"], tree.src().len());
        assert!(value["children"].is_array());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let src = "[[".repeat(20_000) + &"]]".repeat(20_000);
        let json = tree_to_json(&crate::parse(&src));
        assert!(json.starts_with('{'));
    }
}
