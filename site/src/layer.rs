//! Sites made of another site with some answers changed.
//!
//! Page sources from a map or a callback, extension tags registered at run
//! time, files a caller knows of: each is a layer over a wiki that answers
//! a few questions itself and passes every other one through. A layer
//! implements [`SiteLayer`]: it names the site beneath it ([`SiteLayer::inner`])
//! and overrides only the questions it answers; every [`SiteLayer`] is a
//! [`Site`]. The pass-through is written once, here, for every layer.
//!
//! Both traits name the same methods, so code that asks a layer questions
//! imports [`Site`] only, and names [`SiteLayer`] by its path where it
//! implements it:
//!
//! ```
//! use wikitext_site::site::{DefaultSite, MediaInfo, Site};
//!
//! /// Every file exists, 100 pixels square.
//! struct SquareFiles(DefaultSite);
//!
//! impl wikitext_site::layer::SiteLayer for SquareFiles {
//!     fn inner(&self) -> &dyn Site {
//!         &self.0
//!     }
//!     fn media_info(&self, name: &str) -> Option<MediaInfo> {
//!         Some(MediaInfo::new(format!("https://example.org/{name}"), 100, 100, "image/png"))
//!     }
//! }
//!
//! let site = SquareFiles(DefaultSite::default());
//! assert_eq!(site.media_info("A.png").map(|m| m.width), Some(100));
//! assert!(site.namespace_by_name("Template").is_some()); // passed through
//! ```

use crate::extension::ExtensionTag;
use crate::function_hooks::ParserFunctionHook;
use crate::magic_words::{BehaviorSwitch, ParserFunction, Variable};
use crate::site::{Interwiki, MediaInfo, MediaOption, ModuleRuntime, Namespace, PageState, Site, SiteInfo};

/// Declares [`SiteLayer`], whose every method but `inner` defaults to
/// asking the inner site, and makes each layer a [`Site`] that asks the
/// layer. One list of methods serves both, so none can be forgotten in one
/// and not the other. Every method of [`Site`] belongs in it.
macro_rules! site_layer {
    ($( fn $name:ident(&self $(, $arg:ident : $ty:ty)*) -> $ret:ty; )*) => {
        /// A [`Site`] over another: see the [module docs](self).
        pub trait SiteLayer: Send + Sync {
            /// The site beneath, which answers what this layer does not.
            fn inner(&self) -> &dyn Site;

            $(
                #[doc = concat!("[`Site::", stringify!($name), "`]; by default, the inner site's answer.")]
                fn $name(&self $(, $arg: $ty)*) -> $ret {
                    self.inner().$name($($arg),*)
                }
            )*
        }

        impl<L: SiteLayer> Site for L {
            $(
                fn $name(&self $(, $arg: $ty)*) -> $ret {
                    SiteLayer::$name(self $(, $arg)*)
                }
            )*
        }
    };
}

site_layer! {
    fn namespace_by_name(&self, name: &str) -> Option<Namespace>;
    fn namespace_by_id(&self, id: i32) -> Option<Namespace>;
    fn has_subpages(&self, namespace: i32) -> bool;
    fn interwiki(&self, prefix: &str) -> Option<Interwiki>;
    fn interwiki_magic(&self) -> bool;
    fn page_state(&self, title: &str) -> PageState;
    fn page_source(&self, title: &str) -> Option<String>;
    fn url_protocols(&self) -> &[String];
    fn link_trail_len(&self, after: &str) -> usize;
    fn link_prefix_len(&self, before: &str) -> usize;
    fn special_page_name(&self, name: &str) -> Option<String>;
    fn main_page(&self) -> &str;
    fn is_disambiguation(&self, title: &str) -> bool;
    fn extension_tag_names(&self) -> Vec<String>;
    fn is_extension_tag(&self, name: &str) -> bool;
    fn wikitext_body_tags(&self) -> Vec<String>;
    fn extension_tag(&self, name: &str) -> Option<&dyn ExtensionTag>;
    fn annotation_tag_names(&self) -> Vec<String>;
    fn behavior_switch_spellings(&self) -> Vec<String>;
    fn redirect_spellings(&self) -> Vec<String>;
    fn is_behavior_switch(&self, name: &str) -> bool;
    fn behavior_switch(&self, text: &str) -> Option<BehaviorSwitch>;
    fn variable(&self, name: &str) -> Option<Variable>;
    fn parser_function(&self, name: &str) -> Option<ParserFunction>;
    fn function_hook(&self, id: &str) -> Option<&dyn ParserFunctionHook>;
    fn info(&self) -> &SiteInfo;
    fn now(&self) -> i64;
    fn module_runtime(&self) -> Option<&dyn ModuleRuntime>;
    fn media_option(&self, text: &str) -> Option<MediaOption>;
    fn default_thumb_width(&self) -> u32;
    fn allows_external_image(&self, url: &str) -> bool;
    fn language(&self) -> &str;
    fn is_bad_file(&self, name: &str) -> bool;
    fn media_info(&self, name: &str) -> Option<MediaInfo>;
}

/// What a caller knows of the wiki's files: [`WithMedia`] asks it first.
pub trait MediaLookup: Send + Sync {
    /// The file named `name` (`"Foo bar.jpg"`: a file title's text, without
    /// its namespace), or `None` to ask the wiki beneath.
    fn media_info(&self, name: &str) -> Option<MediaInfo>;
}

impl<F: Fn(&str) -> Option<MediaInfo> + Send + Sync> MediaLookup for F {
    fn media_info(&self, name: &str) -> Option<MediaInfo> {
        self(name)
    }
}

/// Files by name. Names are matched as MediaWiki matches file titles:
/// underscores and spaces alike, the first letter in either case.
#[derive(Clone, Debug, Default)]
pub struct MediaMap(std::collections::HashMap<String, MediaInfo>);

impl MediaMap {
    /// An empty map.
    #[must_use]
    pub fn new() -> MediaMap {
        MediaMap::default()
    }

    /// Add (or replace) the file `name` (with or without a `File:` prefix).
    pub fn insert(&mut self, name: &str, info: MediaInfo) {
        self.0.insert(file_key(name), info);
    }

    /// How many files the map holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the map holds no file.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl MediaLookup for MediaMap {
    fn media_info(&self, name: &str) -> Option<MediaInfo> {
        self.0.get(&title_key(name)).cloned()
    }
}

/// The key a file is stored under, from a name as callers write it: no
/// `File:`/`Image:` prefix, then as [`title_key`].
fn file_key(name: &str) -> String {
    let name = name.trim();
    let name = match name.split_once(':') {
        Some((prefix, rest)) if prefix.eq_ignore_ascii_case("file") || prefix.eq_ignore_ascii_case("image") => rest,
        _ => name,
    };
    title_key(name)
}

/// The key of a bare file name, as [`WithMedia`] asks (it strips the
/// namespace, local names included, so a prefix left here is part of the
/// name: `File:Image:x.png` is the file `Image:x.png`): underscores for
/// spaces, the first letter upper-cased.
fn title_key(name: &str) -> String {
    let name = name.trim().replace(' ', "_");
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// `site` with files from `media` too: what `media` knows of a file wins;
/// files it does not know are asked of `site`.
#[derive(Debug)]
pub struct WithMedia<S, M> {
    site: S,
    media: M,
}

impl<S: Site, M: MediaLookup> WithMedia<S, M> {
    /// `site`, with the files `media` knows.
    pub fn new(site: S, media: M) -> Self {
        WithMedia { site, media }
    }

    /// The site and the lookup, taken apart.
    pub fn into_parts(self) -> (S, M) {
        (self.site, self.media)
    }
}

impl<S: Site, M: MediaLookup> SiteLayer for WithMedia<S, M> {
    fn inner(&self) -> &dyn Site {
        &self.site
    }

    fn media_info(&self, name: &str) -> Option<MediaInfo> {
        self.media.media_info(bare_file_name(&self.site, name)).or_else(|| self.site.media_info(name))
    }
}

/// A file's name without its namespace (`File:`, `Image:`, `Media:` or the
/// wiki's local names for them), as a [`MediaLookup`] is asked.
fn bare_file_name<'a>(site: &dyn Site, name: &'a str) -> &'a str {
    const FILE: i32 = 6;
    const MEDIA: i32 = -2;
    match name.split_once(':') {
        Some((prefix, rest)) if site.namespace_by_name(prefix).is_some_and(|ns| ns.id == FILE || ns.id == MEDIA) => rest,
        _ => name,
    }
}

/// `site` with a module runtime: `{{#invoke:}}` calls go to `runtime`
/// (Scribunto's place; see [`ModuleRuntime`]), or, with none, to the
/// inner site's.
#[derive(Debug)]
pub struct WithModules<S, R> {
    site: S,
    runtime: Option<R>,
}

impl<S: Site, R: ModuleRuntime> WithModules<S, R> {
    /// `site`, with `runtime` answering `#invoke`.
    pub fn new(site: S, runtime: R) -> Self {
        WithModules { site, runtime: Some(runtime) }
    }

    /// `site`, with `runtime` answering `#invoke` if there is one (one
    /// type whether there is or not).
    pub fn optional(site: S, runtime: Option<R>) -> Self {
        WithModules { site, runtime }
    }

    /// The site and the runtime, taken apart.
    pub fn into_parts(self) -> (S, Option<R>) {
        (self.site, self.runtime)
    }
}

impl<S: Site, R: ModuleRuntime> SiteLayer for WithModules<S, R> {
    fn inner(&self) -> &dyn Site {
        &self.site
    }

    fn module_runtime(&self) -> Option<&dyn ModuleRuntime> {
        match &self.runtime {
            Some(runtime) => Some(runtime),
            None => self.site.module_runtime(),
        }
    }
}

/// A borrowed runtime is a runtime (a layer over a render's own).
impl<R: ModuleRuntime + ?Sized> ModuleRuntime for &R {
    fn invoke(&self, module: &str, function: &str, args: &[(String, String)], parent_args: &[(String, String)]) -> Result<String, String> {
        (**self).invoke(module, function, args, parent_args)
    }
}

#[cfg(test)]
mod tests {
    use super::{MediaMap, WithMedia, WithModules};
    use crate::site::{DefaultSite, MediaInfo, ModuleRuntime, Site};

    struct Echo;

    impl ModuleRuntime for Echo {
        fn invoke(&self, module: &str, function: &str, args: &[(String, String)], _parent: &[(String, String)]) -> Result<String, String> {
            Ok(format!("{module}.{function}({})", args.len()))
        }
    }

    #[test]
    fn modules_answer_invoke_or_leave_it_to_the_inner_site() {
        let site = WithModules::new(DefaultSite::default(), Echo);
        let runtime = site.module_runtime().expect("a runtime");
        assert_eq!(runtime.invoke("Module:M", "f", &[], &[]), Ok("Module:M.f(0)".to_string()));
        let none = WithModules::<_, Echo>::optional(DefaultSite::default(), None);
        assert!(none.module_runtime().is_none());
        // A layer over a site with a runtime keeps it.
        let over = WithModules::<_, Echo>::optional(site, None);
        assert!(over.module_runtime().is_some());
        assert_eq!(over.main_page(), DefaultSite::default().main_page());
        let borrowed = WithModules::new(DefaultSite::default(), &Echo);
        assert!(borrowed.module_runtime().is_some());
    }

    #[test]
    fn a_layer_passes_through_what_it_does_not_answer() {
        let mut files = MediaMap::new();
        files.insert("File:Foo bar.jpg", MediaInfo::new("https://example.org/a/ab/Foo_bar.jpg", 300, 200, "image/jpeg"));
        let site = WithMedia::new(DefaultSite::default(), files);
        assert_eq!(site.media_info("Foo_bar.jpg").map(|m| (m.width, m.height)), Some((300, 200)));
        assert_eq!(site.media_info("File:Foo bar.jpg").map(|m| m.width), Some(300));
        assert_eq!(site.media_info("image:Foo bar.jpg").map(|m| m.width), Some(300));
        assert_eq!(site.media_info("foo bar.jpg").map(|m| m.width), Some(300));
        assert!(site.media_info("Other.jpg").is_none());
        // The namespace is stripped once: `File:Image:x.png` is a file of its own.
        assert!(site.media_info("File:Image:Foo bar.jpg").is_none());
        // Everything else is the default wiki's answer.
        assert_eq!(site.main_page(), DefaultSite::default().main_page());
        assert_eq!(site.url_protocols(), DefaultSite::default().url_protocols());
        assert!(site.is_extension_tag("ref"));
    }

    #[test]
    fn a_closure_is_a_media_lookup() {
        let site = WithMedia::new(DefaultSite::default(), |name: &str| {
            (name == "A.png").then(|| MediaInfo::new("https://example.org/A.png", 10, 20, "image/png"))
        });
        assert_eq!(site.media_info("A.png").map(|m| m.height), Some(20));
        assert!(site.media_info("B.png").is_none());
    }

    #[test]
    fn media_info_reads_the_url() {
        let m = MediaInfo::new("https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg", 275, 297, "image/jpeg");
        assert_eq!((m.hash_path.as_str(), m.file_name.as_str(), m.media_type.as_str()), ("a/a9/", "Example.jpg", "BITMAP"));
        assert_eq!(
            m.thumb_url("220px"),
            "https://upload.wikimedia.org/wikipedia/commons/thumb/a/a9/Example.jpg/220px-Example.jpg"
        );
        let m = MediaInfo::new("https://example.org/files/Map.svg?x=1", 10, 10, MediaInfo::guess_mime("Map.svg"));
        assert_eq!((m.hash_path.as_str(), m.file_name.as_str(), m.media_type.as_str()), ("", "Map.svg", "DRAWING"));
        assert_eq!(MediaInfo::new("u/Clip.webm", 1, 1, MediaInfo::guess_mime("Clip.WEBM")).media_type, "VIDEO");
        assert_eq!(MediaInfo::guess_mime("noextension"), "application/octet-stream");
    }

    #[test]
    fn layers_stack() {
        let inner = WithMedia::new(DefaultSite::default(), |name: &str| {
            (name == "A.png").then(|| MediaInfo::new("https://example.org/A.png", 1, 1, "image/png"))
        });
        let outer = WithMedia::new(inner, |name: &str| {
            (name == "B.png").then(|| MediaInfo::new("https://example.org/B.png", 2, 2, "image/png"))
        });
        assert_eq!(outer.media_info("A.png").map(|m| m.width), Some(1));
        assert_eq!(outer.media_info("B.png").map(|m| m.width), Some(2));
    }
}
