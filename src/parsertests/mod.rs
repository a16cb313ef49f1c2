//! The conformance harness: Parsoid's parser tests, run in wt2html mode.
//!
//! Parsoid's `tests/parser/*.txt` files are the oracle for the HTML we render.
//! They are read at run time from the shared data directory (never copied into
//! the repository), cases are picked and judged exactly as Parsoid's own
//! standalone runner does (NORMALIZATION.md in the shared directory), and the
//! same code serves the `wikitext parsertests` command and the ratchet test in
//! tests/parsertests.rs.
//!
//! - [`reader`]: the file format.
//! - [`options`]: the `!! options` section.
//! - [`config`]: the `!! config` section, and the site settings a case makes.
//! - [`select`]: which cases run in wt2html mode, against which HTML, judged how.
//! - [`normalize`]: Parsoid's `normalizeOut` and `normalizeHTML` on a small tree.
//! - [`known_failures`]: the cases Parsoid itself fails.
//! - [`site`]: the mock wiki each case renders against.
//! - [`tag_hooks`]: the mock wiki's test extension tags.
//! - [`run`]: running cases, the report, the passing list.
//! - [`closeness`]: how much of a failing case's expected HTML is reproduced.

pub mod closeness;
pub mod config;
pub mod function_hooks;
pub mod known_failures;
pub mod normalize;
pub mod options;
pub mod reader;
pub mod run;
pub mod select;
pub mod site;
pub mod tag_hooks;

use std::path::{Path, PathBuf};

/// The environment variable that names the shared data directory.
pub const SHARED_ENV: &str = "WIKITEXT_SHARED";

/// The shared data directory for a repository root: `$WIKITEXT_SHARED` when
/// set, else `../shared` beside the root.
#[must_use]
pub fn shared_dir_for_root(repo_root: &Path) -> PathBuf {
    match std::env::var_os(SHARED_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => repo_root.join("..").join("shared"),
    }
}

/// The parser-test directory inside a shared data directory.
#[must_use]
pub fn parsertests_dir(shared: &Path) -> PathBuf {
    shared.join("parsertests")
}
