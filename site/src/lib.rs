//! The wiki model: everything `wikitext` knows about the wiki a page belongs
//! to, with no HTML in it.
//!
//! - [`site::Site`], the one door to the wiki (namespaces, interwikis, page
//!   existence and sources, magic words, media), with [`site::DefaultSite`]
//!   (an empty English wiki) and [`site_config::ConfigSite`] (a wiki
//!   described in JSON, such as the parser tests' mock wiki);
//! - [`title::Title`], how MediaWiki reads a page title;
//! - [`extension`], the extension-tag handler API and registry;
//! - [`function_hooks`], parser functions a wiki defines, and their registry;
//! - [`layer`], sites made of another with some answers changed (files
//!   a caller knows of, registered tags, page sources);
//! - [`anchor`], how headings and fragments become ids;
//! - [`entities`] (re-exported from the parser), HTML character references.
//!
//! The template expander (`wikitext-expand`) and the renderer
//! (`wikitext-html`) both stand on this crate; neither is needed to use it.

#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]

pub mod anchor;
pub mod extension;
pub mod function_hooks;
pub mod layer;
pub mod magic_word_tables;
/// HTML character references as wikitext reads them (the parser's).
pub use wikitext_parser::entities;
pub mod magic_words;
pub mod site;
pub mod site_config;
mod special_pages;
pub mod title;

pub use magic_words::{BehaviorSwitch, ParserFunction, Variable};
pub use site::{DefaultSite, ModuleRuntime, Site, SiteInfo};
