//! The one door to the wiki: everything the renderer needs to know about the
//! site it renders for (namespaces, interwikis, which pages exist, page
//! sources for transclusion, media).
//!
//! The default methods describe an empty English wiki that still renders
//! everything; `ConfigSite` (in `site_config`) fills the answers from a JSON
//! description such as the parser tests' mock wiki.

use crate::magic_words::{BehaviorSwitch, ParserFunction, Variable};

/// How a page link should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PageState {
    /// The page does not exist (a red link).
    #[default]
    Missing,
    /// The page exists.
    Exists,
    /// The page exists and is a redirect.
    Redirect,
}

/// An interwiki prefix's target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interwiki {
    /// The URL pattern, with `$1` where the page name goes.
    pub url: String,
    /// Whether the prefix points back at this wiki.
    pub local: bool,
    /// Whether it is a language link (`[[fr:X]]` becomes an interlanguage link).
    pub language: bool,
    /// Whether links through it are protocol-relative.
    pub protocol_relative: bool,
    /// Whether the prefix is this very wiki (`[[local:Foo]]` is a plain
    /// internal link to `Foo`).
    pub local_interwiki: bool,
    /// Whether it is an extra language link (`[[mul:X]]` becomes a language
    /// link although the prefix is not a language).
    pub extra_language_link: bool,
    /// The link text of an extra language link (`"Multilingual"`).
    pub link_text: Option<String>,
}

impl Interwiki {
    /// A plain (non-local, non-language) interwiki to `url`.
    #[must_use]
    pub fn new(url: impl Into<String>) -> Self {
        Interwiki {
            url: url.into(),
            local: false,
            language: false,
            protocol_relative: false,
            local_interwiki: false,
            extra_language_link: false,
            link_text: None,
        }
    }
}

/// A namespace of the wiki.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Namespace {
    pub id: i32,
    /// The local name (`""` for the main namespace), as written in titles.
    pub name: String,
    /// MediaWiki's "case-sensitive" namespace flag: when false (the usual
    /// "first-letter" case rule) the first letter of titles in it is
    /// upper-cased; when true titles are kept as written.
    pub case_sensitive: bool,
}

/// Everything the renderer asks of a wiki.
///
/// Implementations must be cheap to query: the renderer asks per link.
pub trait Site: Send + Sync {
    /// The namespace a prefix (`"Template"`, `"talk"`, `"Image"`, `"wp"` alias ...)
    /// names, matched case-insensitively with spaces and underscores alike.
    fn namespace_by_name(&self, name: &str) -> Option<Namespace> {
        default_namespace_by_name(name)
    }

    /// The namespace with this id.
    fn namespace_by_id(&self, id: i32) -> Option<Namespace> {
        let &(id, name) = DEFAULT_NAMESPACES.iter().find(|&&(n, _)| n == id)?;
        Some(Namespace { id, name: name.to_string(), case_sensitive: false })
    }

    /// Whether links in pages of this namespace may be relative to the page
    /// (`[[/Sub]]`, `[[../Sibling]]`). MediaWiki's default: every namespace
    /// but the main, File and Category ones and the virtual ones.
    fn has_subpages(&self, namespace: i32) -> bool {
        namespace > 0 && namespace != 6 && namespace != 14
    }

    /// The interwiki map entry for a prefix (lower-cased by the caller).
    fn interwiki(&self, _prefix: &str) -> Option<Interwiki> {
        None
    }

    /// Whether `[[prefix:X]]` to a language interwiki becomes a language link.
    fn interwiki_magic(&self) -> bool {
        true
    }

    /// The state of a page, by its full normalized title (`"Template:Foo bar"`).
    fn page_state(&self, _title: &str) -> PageState {
        PageState::Missing
    }

    /// The wikitext of a page, for transclusion.
    fn page_source(&self, _title: &str) -> Option<String> {
        None
    }

    /// URL protocols recognised in external and bare links, lower-case, such
    /// as `"http://"`, `"mailto:"`, `"//"`.
    fn url_protocols(&self) -> &[String];

    /// How many bytes at the start of `after` (the text right after a wiki
    /// link) form its link trail, the text that joins the link (`[[a]]bc`).
    /// The default, English's, takes the longest run of ASCII lower-case
    /// letters. (One method, not a per-character one beside it: a layer that
    /// overrides it has nothing derived from it to re-derive.)
    fn link_trail_len(&self, after: &str) -> usize {
        after.find(|c: char| !c.is_ascii_lowercase()).unwrap_or(after.len())
    }

    /// How many bytes at the end of `before` (the text right before a wiki
    /// link) form its link prefix (`ab[[c]]` on wikis with a link prefix
    /// charset). Most wikis have none.
    fn link_prefix_len(&self, _before: &str) -> usize {
        0
    }

    /// A special page's name as the wiki writes it, by its name or any
    /// alias in any case, `_` for spaces (`recentchanges` gives
    /// `RecentChanges`); `None` when the wiki lists no such page.
    fn special_page_name(&self, _name: &str) -> Option<String> {
        None
    }

    /// The title of the main page (`"Main Page"`).
    fn main_page(&self) -> &str {
        "Main Page"
    }

    /// Whether an existing page is a disambiguation page (its links get the
    /// class `mw-disambig`), by full normalized title.
    fn is_disambiguation(&self, _title: &str) -> bool {
        false
    }

    /// Every extension tag name (lower-case), for the tokenizer, which keeps
    /// their bodies raw. Must agree with [`Site::is_extension_tag`].
    fn extension_tag_names(&self) -> Vec<String> {
        wikitext_parser::DEFAULT_EXTENSION_TAGS
            .iter()
            .filter(|t| self.is_extension_tag(t))
            .map(|t| (*t).to_string())
            .collect()
    }

    /// Whether `name` (lower-case) is an extension tag (its body is raw text).
    fn is_extension_tag(&self, name: &str) -> bool {
        wikitext_parser::DEFAULT_EXTENSION_TAGS.contains(&name)
    }

    /// The extension tags (lower-case) whose body is wikitext, parsed into
    /// the tree rather than kept raw. Must be extension tags too. The
    /// default: those of [`wikitext_parser::DEFAULT_WIKITEXT_BODY_TAGS`]
    /// that the site has.
    fn wikitext_body_tags(&self) -> Vec<String> {
        wikitext_parser::DEFAULT_WIKITEXT_BODY_TAGS
            .iter()
            .filter(|t| self.is_extension_tag(t))
            .map(|t| (*t).to_string())
            .collect()
    }

    /// The handler of extension tag `name` (lower-case), if the wiki has
    /// one ([`crate::extension`]). The renderer's built-in tags (`pre`,
    /// `indicator` ...) answer for names the site leaves alone; an
    /// extension tag with no handler anywhere renders as Parsoid renders an
    /// unknown extension. Register handlers with
    /// [`crate::extension::ExtensionTags::over`].
    fn extension_tag(&self, _name: &str) -> Option<&dyn crate::extension::ExtensionTag> {
        None
    }

    /// The extension tags that are annotations (their content is page
    /// content between two markers; see [`crate::extension::TagKind`]).
    fn annotation_tag_names(&self) -> Vec<String> {
        crate::extension::annotation_tags_of(self)
    }

    /// Every spelling of the wiki's behaviour switches, lower-case, whole
    /// (`__notoc__`, `__目次非表示__`), for the parser to read them. Empty
    /// (the default): the English names of [`Site::is_behavior_switch`].
    fn behavior_switch_spellings(&self) -> Vec<String> {
        Vec::new()
    }

    /// Every spelling of the wiki's redirect keyword, lower-case, `#`
    /// included (`#redirect`, `#tilvísun`), for the parser to read
    /// redirects. Empty (the default): the English `#REDIRECT`.
    fn redirect_spellings(&self) -> Vec<String> {
        Vec::new()
    }

    /// Whether `__NAME__` (upper-case name without underscores) is a behaviour switch.
    fn is_behavior_switch(&self, name: &str) -> bool {
        wikitext_parser::BEHAVIOR_SWITCHES.contains(&name)
    }

    /// The behaviour switch written as `text` (the whole `__NOTOC__`, as
    /// written), or `None` if it is not one. Localized aliases and case
    /// rules come from the site; the default accepts the English names of
    /// [`Site::is_behavior_switch`] in any case.
    fn behavior_switch(&self, text: &str) -> Option<BehaviorSwitch> {
        let name = text.strip_prefix("__")?.strip_suffix("__")?;
        let upper = name.to_uppercase().replace('_', "");
        if !self.is_behavior_switch(&upper) {
            return None;
        }
        // Three English aliases name their word differently.
        Some(match upper.as_str() {
            "DISAMBIG" => BehaviorSwitch::Disambiguation,
            "NOCC" => BehaviorSwitch::NoContentConvert,
            "NOTC" => BehaviorSwitch::NoTitleConvert,
            _ => BehaviorSwitch::from_id(&upper.to_lowercase()),
        })
    }

    /// The variable written as `name` (`"CURRENTYEAR"`), honouring the
    /// word's case rule. The default knows English MediaWiki's
    /// ([`crate::magic_words::VARIABLES`] and [`crate::magic_words::VARIABLE_FUNCTIONS`]).
    fn variable(&self, name: &str) -> Option<Variable> {
        crate::magic_words::variable_id(name).map(Variable::from_id)
    }

    /// The parser function written as `name` (the part before the first
    /// `:`, such as `"#if"` or `"lc"`). The default knows English
    /// MediaWiki's core functions and the ParserFunctions extension's.
    fn parser_function(&self, name: &str) -> Option<ParserFunction> {
        crate::magic_words::parser_function_id(name).map(ParserFunction::from_id)
    }

    /// The wiki's own handler of the parser function with canonical id
    /// `id` ([`crate::function_hooks`]); it takes precedence over the one
    /// this library implements. Register handlers with
    /// [`crate::function_hooks::ParserFunctionHooks::over`].
    fn function_hook(&self, _id: &str) -> Option<&dyn crate::function_hooks::ParserFunctionHook> {
        None
    }

    /// Facts about the wiki that magic variables print (`{{SITENAME}}`,
    /// `{{SERVER}}` ...) and that parser functions depend on.
    fn info(&self) -> &SiteInfo {
        &DEFAULT_SITE_INFO
    }

    /// The wiki's clock: the current time in seconds since 1970 (UTC), for
    /// `{{CURRENTYEAR}}` and `#time`. The default reads the system clock;
    /// on `wasm32-unknown-unknown`, which has none, it is 0 unless the
    /// embedder's site answers.
    fn now(&self) -> i64 {
        system_now()
    }

    /// The module runtime behind `{{#invoke:}}` (Scribunto's Lua), if the
    /// wiki has one. Without one, `#invoke` renders MediaWiki's script error.
    fn module_runtime(&self) -> Option<&dyn ModuleRuntime> {
        None
    }

    /// What a media option as written (`"thumb"`, `"300px"`, `"alt=Foo"`,
    /// `"upright 0.5"`) means on this wiki (its aliases are localized), or
    /// `None` when the text is no option (it may then be the caption).
    fn media_option(&self, text: &str) -> Option<MediaOption> {
        let (id, value) = match_media_option(text, DEFAULT_MEDIA_OPTIONS.iter().map(|&(a, c)| (a, true, c)))?;
        MediaOption::from_id(&id, value)
    }

    /// The width of thumbnails when the page asks for none (MediaWiki's
    /// default user preference, 180 pixels on Wikimedia wikis).
    fn default_thumb_width(&self) -> u32 {
        180
    }

    /// Whether an image URL written as text in a page (`http://x/a.png`)
    /// shows as an image (`$wgAllowExternalImages` and its prefix list).
    /// The default shows none.
    fn allows_external_image(&self, _url: &str) -> bool {
        false
    }

    /// The wiki's language code (`"en"`).
    fn language(&self) -> &str {
        "en"
    }

    /// Whether the file is on the bad image list (renders as broken media).
    fn is_bad_file(&self, _name: &str) -> bool {
        false
    }

    /// What the wiki knows of a file, by its name with or without the
    /// namespace (`"File:Foo.jpg"`, `"Foo.jpg"`); `None` when it does not
    /// exist. The default wiki has no files.
    fn media_info(&self, _name: &str) -> Option<MediaInfo> {
        None
    }
}

/// A media option of `[[File:...|option|...]]`, typed, with its value
/// (the text that stood for `$1` in the alias) where it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MediaOption {
    /// `thumb`, `thumbnail`: a thumbnail with a frame and caption.
    Thumbnail,
    /// `thumb=Other.png`: a thumbnail drawn from another file.
    ManualThumbnail(String),
    /// `frame`, `framed`: the file at its own size, framed.
    Framed,
    /// `frameless`: a thumbnail-sized image, without frame.
    Frameless,
    /// `border`.
    Border,
    /// `left`, `right`, `center`, `none`.
    Align(HorizontalAlign),
    /// `baseline`, `middle`, `sub`, `super`, `text-top`, `text-bottom`, `top`, `bottom`.
    VerticalAlign(VerticalAlign),
    /// `200px`, `x100px`, `200x100px`: the text before `px`, unchecked.
    Size(String),
    /// `upright` (`None`) or `upright=0.5`.
    Upright(Option<String>),
    /// `link=Target`, `link=http://...`, `link=` (no link).
    Link(String),
    /// `alt=Text`.
    Alt(String),
    /// `page=N` of paged media (PDF, DjVu).
    Page(String),
    /// `lang=xx` of multilingual SVG files.
    Lang(String),
    /// `class=a b`.
    Class(String),
    /// `lossy=...` (PagedTiffHandler).
    Lossy(String),
    /// `thumbtime=` of a video: the frame its poster shows.
    ThumbTime(String),
    /// `start=` of audio and video.
    Start(String),
    /// `end=` of audio and video.
    End(String),
    /// `disablecontrols=` of audio and video.
    DisableControls(String),
    /// `loop` of audio and video.
    Loop,
    /// `muted` of audio and video.
    Muted,
}

/// Where a block image floats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HorizontalAlign {
    Left,
    Right,
    Center,
    None,
}

impl HorizontalAlign {
    /// The name in Parsoid's `mw-halign-*` classes.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            HorizontalAlign::Left => "left",
            HorizontalAlign::Right => "right",
            HorizontalAlign::Center => "center",
            HorizontalAlign::None => "none",
        }
    }
}

/// How an inline image sits on the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerticalAlign {
    Baseline,
    Middle,
    Sub,
    Super,
    TextTop,
    TextBottom,
    Top,
    Bottom,
}

impl VerticalAlign {
    /// The name in Parsoid's `mw-valign-*` classes.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            VerticalAlign::Baseline => "baseline",
            VerticalAlign::Middle => "middle",
            VerticalAlign::Sub => "sub",
            VerticalAlign::Super => "super",
            VerticalAlign::TextTop => "text-top",
            VerticalAlign::TextBottom => "text-bottom",
            VerticalAlign::Top => "top",
            VerticalAlign::Bottom => "bottom",
        }
    }
}

impl MediaOption {
    /// The option a MediaWiki magic-word id names (`"img_thumbnail"`,
    /// `"img_width"`, `"timedmedia_starttime"` ...), with its value;
    /// `None` for an unknown id or a missing value.
    #[must_use]
    pub fn from_id(id: &str, value: Option<String>) -> Option<MediaOption> {
        use MediaOption as O;
        Some(match id {
            "img_thumbnail" => O::Thumbnail,
            "img_manualthumb" => O::ManualThumbnail(value?),
            "img_framed" => O::Framed,
            "img_frameless" => O::Frameless,
            "img_border" => O::Border,
            "img_left" => O::Align(HorizontalAlign::Left),
            "img_right" => O::Align(HorizontalAlign::Right),
            "img_center" => O::Align(HorizontalAlign::Center),
            "img_none" => O::Align(HorizontalAlign::None),
            "img_baseline" => O::VerticalAlign(VerticalAlign::Baseline),
            "img_middle" => O::VerticalAlign(VerticalAlign::Middle),
            "img_sub" => O::VerticalAlign(VerticalAlign::Sub),
            "img_super" => O::VerticalAlign(VerticalAlign::Super),
            "img_text_top" => O::VerticalAlign(VerticalAlign::TextTop),
            "img_text_bottom" => O::VerticalAlign(VerticalAlign::TextBottom),
            "img_top" => O::VerticalAlign(VerticalAlign::Top),
            "img_bottom" => O::VerticalAlign(VerticalAlign::Bottom),
            "img_width" => O::Size(value?),
            "img_upright" => O::Upright(value),
            "img_link" => O::Link(value?),
            "img_alt" => O::Alt(value?),
            "img_page" => O::Page(value?),
            "img_lang" => O::Lang(value?),
            "img_class" => O::Class(value?),
            "img_lossy" => O::Lossy(value?),
            "timedmedia_thumbtime" => O::ThumbTime(value?),
            "timedmedia_starttime" => O::Start(value?),
            "timedmedia_endtime" => O::End(value?),
            "timedmedia_disablecontrols" => O::DisableControls(value?),
            "timedmedia_loop" => O::Loop,
            "timedmedia_muted" => O::Muted,
            _ => return None,
        })
    }
}

/// The tokenizer options `site` implies: its extension tags (plus the
/// preprocessor's tags and core's `nowiki` and `pre`, which every wiki
/// has), which of them have wikitext bodies, its annotation tags and its
/// URL protocols. The one place they are gathered, for the page and for
/// template expansion alike.
#[must_use]
pub fn parse_options(site: &dyn Site) -> wikitext_parser::ParseOptions {
    let mut options = wikitext_parser::ParseOptions::default();
    options.extension_tags = site.extension_tag_names();
    options.annotation_tags = site.annotation_tag_names();
    if !options.annotation_tags.is_empty() {
        options.extension_tags.retain(|t| !options.annotation_tags.contains(t));
    }
    for core in ["includeonly", "noinclude", "onlyinclude", "nowiki", "pre"] {
        if !options.extension_tags.iter().any(|t| t == core) {
            options.extension_tags.push(core.to_string());
        }
    }
    options.wikitext_body_tags = site.wikitext_body_tags();
    options.url_protocols = site.url_protocols().to_vec();
    options.magic_links = site.info().magic_links;
    options.behavior_switches = site.behavior_switch_spellings();
    options.redirect_words = site.redirect_spellings();
    options
}

/// Seconds since 1970 by the system clock (0 where there is none).
#[must_use]
pub fn system_now() -> i64 {
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    {
        0
    }
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    }
}

/// Facts about a wiki that magic variables and parser functions print.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SiteInfo {
    /// `{{SITENAME}}`.
    pub site_name: String,
    /// `{{SERVER}}`, with its protocol (`"http://example.org"`) or protocol-relative.
    pub server: String,
    /// `{{SCRIPTPATH}}` (`"/w"`).
    pub script_path: String,
    /// Where pages live, with `$1` for the title (`"/wiki/$1"`).
    pub article_path: String,
    /// The local time zone's offset from UTC, in minutes (`{{LOCALTIME}}`, `#timel`).
    pub local_offset_minutes: i32,
    /// The local time zone's name (`$wgLocaltimezone`, `"America/New_York"`),
    /// if the site knows it: `#timel` then shows each time with the zone's
    /// offset at that time and prints its name and abbreviation.
    pub local_timezone: Option<String>,
    /// Whether the ParserFunctions string functions (`#len`, `#pos`, `#sub` ...) are on
    /// (`$wgPFEnableStringFunctions`).
    pub string_functions: bool,
    /// `$wgExternalLinkTarget`: the `target` of external links (`"_blank"`), if any.
    pub external_link_target: Option<String>,
    /// `$wgNoFollowLinks`: whether external links get `rel="nofollow"`.
    pub no_follow: bool,
    /// `$wgNoFollowDomainExceptions`: domains whose links (and their
    /// subdomains') do not get `rel="nofollow"`.
    pub no_follow_exceptions: Vec<String>,
    /// The most distinct files a page draws (Parsoid's
    /// `$wgParsoidMaximumImages`); later files render as errors. `None`: no limit.
    pub media_limit: Option<usize>,
    /// Cite's `$wgCiteResponsiveReferences`: whether a reference list with
    /// no `responsive` attribute lays out in columns once it is long.
    pub cite_responsive: bool,
    /// Cite's `$wgCiteResponsiveReferencesThreshold`: a responsive list
    /// with more notes than this gets `mw-references-columns`.
    pub cite_responsive_threshold: usize,
    /// Cite's `$wgCiteSubReferencing`: whether `<ref details="...">` makes
    /// a sub-reference of the note its `name` names (off by default, as in
    /// Cite; off, `details` is an unknown attribute).
    pub cite_sub_referencing: bool,
    /// `$wgFragmentMode`'s primary mode: how ids made from names (Cite's
    /// `cite_note-...`) are written.
    pub fragment_mode: crate::anchor::FragmentMode,
    /// The parser functions of Parsoid's standalone parser-test runner, whose
    /// mock wiki evaluates some of them natively and crudely
    /// (`parsertests-site.json`, `magicWords.nativeParserFunctionImplementations`),
    /// where MediaWiki's differ: `formatnum` returns its argument unchanged,
    /// and a function reads its first argument as text, so a missing template
    /// there is its title rather than a link to it. The runner also reads
    /// templates itself: a page call's output keeps the template's
    /// `<onlyinclude>` tags, which it shows as `mw:Includes/OnlyInclude`
    /// markers. Off (MediaWiki's functions) on every wiki but that mock.
    pub parsoid_standalone_functions: bool,
    /// Which magic links (`ISBN`, `PMID`, `RFC`) the wiki makes
    /// (`$wgEnableMagicLinks`; all by default).
    pub magic_links: wikitext_parser::MagicLinks,
    /// Parsoid's `$wgParsoidExperimentalParserFunctionOutput`: every parser
    /// function call is written as its HTML spec 3 draft writes it (a
    /// `parserfunction` part with the function's `key`, its first argument
    /// numbered `1`; `typeof="mw:Transclusion mw:ParserFunction/KEY"`), as
    /// the wiki's own functions ([`crate::function_hooks`]) always are. Off
    /// by default (the 2.8.0 spec's `template` part with a `function`).
    pub parser_function_v3_output: bool,
}

impl SiteInfo {
    /// Whether an external link to `url` gets `rel="nofollow"`.
    #[must_use]
    pub fn no_follow_for(&self, url: &str) -> bool {
        if !self.no_follow {
            return false;
        }
        let after_scheme = url.split_once("//").map_or(url, |(_, rest)| rest);
        let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = host.split(':').next().unwrap_or("");
        // Compared without case and without allocating: this runs per link.
        !self.no_follow_exceptions.iter().any(|domain| {
            let Some(cut) = host.len().checked_sub(domain.len()) else { return false };
            host.is_char_boundary(cut)
                && host[cut..].eq_ignore_ascii_case(domain)
                && (cut == 0 || host[..cut].ends_with('.'))
        })
    }

    /// A wiki named `site_name` at `server`, with MediaWiki's default paths.
    #[must_use]
    pub fn new(site_name: impl Into<String>, server: impl Into<String>) -> Self {
        SiteInfo {
            site_name: site_name.into(),
            server: server.into(),
            script_path: "/w".to_string(),
            article_path: "/wiki/$1".to_string(),
            local_offset_minutes: 0,
            local_timezone: None,
            string_functions: false,
            external_link_target: None,
            no_follow: true,
            no_follow_exceptions: Vec::new(),
            media_limit: None,
            cite_responsive: true,
            cite_responsive_threshold: 10,
            cite_sub_referencing: false,
            fragment_mode: crate::anchor::FragmentMode::Html5,
            parsoid_standalone_functions: false,
            magic_links: wikitext_parser::MagicLinks::default(),
            parser_function_v3_output: false,
        }
    }
}

static DEFAULT_SITE_INFO: std::sync::LazyLock<SiteInfo> =
    std::sync::LazyLock::new(|| SiteInfo::new("MediaWiki", "http://localhost"));

/// The Module namespace (Scribunto's).
pub const MODULE_NAMESPACE: i32 = 828;

/// The prefixed title of the module `name` names on `site` (`"Foo"` and
/// `"Module:Foo"` are `"Module:Foo"`, in the wiki's spelling of the
/// namespace); `None` for a title in another namespace or wiki.
#[must_use]
pub fn module_title(name: &str, site: &dyn Site) -> Option<String> {
    crate::title::Title::parse(name, MODULE_NAMESPACE, site)
        .filter(|t| t.namespace() == MODULE_NAMESPACE && t.interwiki().is_none())
        .map(|t| t.prefixed_text())
}

/// Scribunto's message for a module that does not exist, from its
/// prefixed title (as [`ModuleRuntime::invoke`] is given it): the name
/// without its namespace.
#[must_use]
pub fn no_such_module(title: &str) -> String {
    let name = title.split_once(':').map_or(title, |(_, name)| name);
    format!("No such module \"{name}\".")
}

/// Scribunto's message for a function a module does not have.
pub const NO_SUCH_FUNCTION: &str = "The function you specified did not exist.";

/// A module runtime for `{{#invoke:Module|function|args...}}` (Scribunto).
pub trait ModuleRuntime: Send + Sync {
    /// Call `function` of the module page `module` (`"Module:Foo"`) with the
    /// invocation's arguments (`args`, positional ones keyed `"1"`, `"2"` ...)
    /// and its parent frame's (the template's) arguments. `Ok` is wikitext;
    /// `Err` is the script error's message.
    fn invoke(
        &self,
        module: &str,
        function: &str,
        args: &[(String, String)],
        parent_args: &[(String, String)],
    ) -> Result<String, String>;
}

/// What the renderer needs to know about a file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MediaInfo {
    /// Width in pixels (0 for audio).
    pub width: u32,
    /// Height in pixels (0 for audio).
    pub height: u32,
    /// The URL of the original file.
    pub url: String,
    /// MediaWiki's media type in upper case (`"BITMAP"`, `"DRAWING"`,
    /// `"VIDEO"` ...); see [`MediaInfo::kind`].
    pub media_type: String,
    /// The MIME type, with codecs where known (`video/ogg; codecs="theora"`).
    pub mime: String,
    /// The file name as it appears in URLs (`"File_%26_file.jpg"`).
    pub file_name: String,
    /// The hashed upload directory (`"3/3a/"`), for building thumbnail URLs.
    pub hash_path: String,
    /// Size in bytes.
    pub size: u64,
    /// Page count of paged media (DjVu, PDF).
    pub page_count: Option<u32>,
    /// Duration in seconds of audio and video.
    pub duration: Option<f64>,
    /// How a seek parameter (`"seek=1.2"`) is written in thumbnail names
    /// (`"seek%3D1.2"`), for video frames.
    pub seek_params: Vec<(String, String)>,
    /// Transcoded versions of a video: `(MIME type, key)`, served beside
    /// the original as `<source>` elements.
    pub derivatives: Vec<MediaDerivative>,
    /// Languages a multilingual drawing (SVG `systemLanguage`) is available in.
    pub languages: Vec<String>,
}

/// A transcoded version of a video or audio file.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MediaDerivative {
    /// Its MIME type with codecs.
    pub mime: String,
    /// Its transcode key (`"240p.vp9.webm"`).
    pub key: String,
    pub width: u32,
    pub height: u32,
}

/// What kind of medium a file is, by MediaWiki's media type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaKind {
    /// A raster image (JPEG, PNG, GIF ...).
    Bitmap,
    /// A vector drawing (SVG), rendered to PNG thumbnails.
    Drawing,
    /// Paged documents (PDF, DjVu), rendered to JPEG page thumbnails.
    Office,
    Video,
    Audio,
    /// Anything else.
    Other,
}

impl MediaInfo {
    /// A file at `url` (its original), `width` by `height` pixels, of MIME
    /// type `mime`. The media type follows from the MIME type (`image/svg+xml`
    /// is a drawing, `image/*` a bitmap, `video/*`, `audio/*`, PDF and DjVu
    /// paged media); the file name is the URL's last segment; the hashed
    /// directory is read off the URL when it has MediaWiki's layout
    /// (`.../a/ab/Name.jpg`), so thumbnails are found beside it
    /// (`.../thumb/a/ab/Name.jpg/220px-Name.jpg`). Set the other fields
    /// (duration, page count ...) on the result.
    #[must_use]
    pub fn new(url: impl Into<String>, width: u32, height: u32, mime: impl Into<String>) -> MediaInfo {
        let url = url.into();
        let mime = mime.into();
        let essence = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let media_type = match essence.as_str() {
            "image/svg+xml" => "DRAWING",
            "application/pdf" | "image/vnd.djvu" | "image/x-djvu" => "OFFICE",
            m if m.starts_with("image/") => "BITMAP",
            m if m.starts_with("video/") => "VIDEO",
            m if m.starts_with("audio/") => "AUDIO",
            _ => "UNKNOWN",
        };
        let path = url.split(['?', '#']).next().unwrap_or("");
        let mut segments = path.rsplit('/');
        let file_name = segments.next().unwrap_or("").to_string();
        let hash_path = match (segments.next(), segments.next()) {
            (Some(two), Some(one))
                if one.len() == 1 && two.len() == 2 && two.starts_with(one) && two.bytes().all(|b| b.is_ascii_hexdigit()) =>
            {
                format!("{one}/{two}/")
            }
            _ => String::new(),
        };
        MediaInfo { width, height, url, media_type: media_type.to_string(), mime, file_name, hash_path, ..MediaInfo::default() }
    }

    /// The MIME type a file name's extension usually stands for, for
    /// callers that know a file's URL and size but not its type
    /// (`"application/octet-stream"` for extensions not listed).
    #[must_use]
    pub fn guess_mime(file_name: &str) -> &'static str {
        let extension = file_name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
        match extension.as_str() {
            "jpg" | "jpeg" | "jpe" => "image/jpeg",
            "png" => "image/png",
            "gif" => "image/gif",
            "webp" => "image/webp",
            "tif" | "tiff" => "image/tiff",
            "svg" => "image/svg+xml",
            "pdf" => "application/pdf",
            "djvu" | "djv" => "image/vnd.djvu",
            "webm" => "video/webm",
            "ogv" => "video/ogg",
            "mp4" => "video/mp4",
            "mpg" | "mpeg" => "video/mpeg",
            "ogg" | "oga" | "opus" => "audio/ogg",
            "mp3" => "audio/mpeg",
            "wav" => "audio/wav",
            "flac" => "audio/flac",
            "mid" | "midi" => "audio/midi",
            _ => "application/octet-stream",
        }
    }

    /// The kind of medium, from [`MediaInfo::media_type`].
    #[must_use]
    pub fn kind(&self) -> MediaKind {
        match self.media_type.as_str() {
            "BITMAP" => MediaKind::Bitmap,
            "DRAWING" => MediaKind::Drawing,
            "OFFICE" => MediaKind::Office,
            "VIDEO" => MediaKind::Video,
            "AUDIO" => MediaKind::Audio,
            _ => MediaKind::Other,
        }
    }

    /// Where the upload directory is: the original URL less its hash path
    /// and file name (`"http://example.com/images/"`).
    fn upload_base(&self) -> &str {
        let tail = self.hash_path.len() + self.file_name.len();
        let cut = self.url.len().saturating_sub(tail);
        match self.url.get(cut..) {
            Some(rest) if rest.starts_with(&self.hash_path) && rest.ends_with(&self.file_name) => &self.url[..cut],
            _ => self.url.rsplit_once('/').map_or("", |(base, _)| base),
        }
    }

    /// The URL of a thumbnail rendered with `params` (`"180px"`,
    /// `"page2-180px"`, `"langru-180px"`, `"180px-seek%3D1.2"`), in
    /// MediaWiki's thumbnail layout: `<base>/thumb/<hash path><file>/<params>-<file>`,
    /// plus `.png` for drawings and `.jpg` for paged media and video.
    #[must_use]
    pub fn thumb_url(&self, params: &str) -> String {
        let suffix = match self.kind() {
            MediaKind::Drawing => ".png",
            MediaKind::Office | MediaKind::Video => ".jpg",
            _ => "",
        };
        let base = self.upload_base();
        let mut url = String::with_capacity(base.len() + self.hash_path.len() + 2 * self.file_name.len() + params.len() + 16);
        url.push_str(base);
        if !url.is_empty() && !url.ends_with('/') {
            url.push('/');
        }
        url.push_str("thumb/");
        url.push_str(&self.hash_path);
        url.push_str(&self.file_name);
        url.push('/');
        url.push_str(params);
        url.push('-');
        url.push_str(&self.file_name);
        url.push_str(suffix);
        url
    }

    /// The URL of a transcoded version (`key` as in [`MediaDerivative::key`]).
    #[must_use]
    pub fn transcoded_url(&self, key: &str) -> String {
        let base = self.upload_base();
        let sep = if base.is_empty() || base.ends_with('/') { "" } else { "/" };
        format!("{base}{sep}transcoded/{}{}/{}.{key}", self.hash_path, self.file_name, self.file_name)
    }
}

/// A special page a Wikimedia wiki defines, by any of its names in any
/// case (`recentchanges`, `Recent_changes` ...): its name as the wiki writes
/// it (`RecentChanges`). MediaWiki's own special pages and those of the
/// extensions Wikimedia runs, as the English Wikipedia lists them.
#[must_use]
pub fn known_special_page(name: &str) -> Option<&'static str> {
    static NAMES: std::sync::OnceLock<rustc_hash::FxHashMap<String, &'static str>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut names = rustc_hash::FxHashMap::default();
        for &(written, others) in crate::special_pages::SPECIAL_PAGES {
            for name in std::iter::once(&written).chain(others) {
                names.entry(special_page_key(name)).or_insert(written);
            }
        }
        names
    });
    names.get(&special_page_key(name)).copied()
}

/// Whether the special page title `name` (`BookSources/123`, without the
/// namespace) is one [`known_special_page`] knows, its subpage aside.
#[must_use]
pub fn is_known_special_page(name: &str) -> bool {
    known_special_page(name.split('/').next().unwrap_or(name)).is_some()
}

/// A special page's name or alias as a table key: upper case, `_` for
/// spaces (the default wiki's table here, `ConfigSite`'s from a description).
pub(crate) fn special_page_key(name: &str) -> String {
    name.trim().replace(' ', "_").to_uppercase()
}

/// The empty English wiki: every page is missing but the special pages the
/// software defines, the usual namespaces and protocols.
#[derive(Debug, Clone)]
pub struct DefaultSite {
    protocols: Vec<String>,
    clock: Option<fn() -> i64>,
}

impl Default for DefaultSite {
    fn default() -> Self {
        DefaultSite { protocols: default_url_protocols(), clock: None }
    }
}

impl DefaultSite {
    /// The same wiki with another clock (seconds since 1970): a fixed time
    /// for reproducible output, or the host's clock where `std` has none
    /// (WebAssembly in a browser).
    #[must_use]
    pub fn with_clock(mut self, clock: fn() -> i64) -> Self {
        self.clock = Some(clock);
        self
    }
}

impl Site for DefaultSite {
    fn url_protocols(&self) -> &[String] {
        &self.protocols
    }

    /// A special page the software defines exists: a link to
    /// `[[Special:RecentChanges]]` or `[[Special:BookSources/123]]` is no
    /// red link. Every other page is missing.
    fn page_state(&self, title: &str) -> PageState {
        match title.strip_prefix("Special:") {
            Some(name) if is_known_special_page(name) => PageState::Exists,
            _ => PageState::Missing,
        }
    }

    fn special_page_name(&self, name: &str) -> Option<String> {
        known_special_page(name).map(str::to_string)
    }

    fn now(&self) -> i64 {
        self.clock.map_or_else(system_now, |clock| clock())
    }
}

/// MediaWiki's default `$wgUrlProtocols`, lower-case.
#[must_use]
pub fn default_url_protocols() -> Vec<String> {
    wikitext_parser::DEFAULT_URL_PROTOCOLS.iter().map(|s| (*s).to_string()).collect()
}

/// The namespaces of a default English MediaWiki.
#[must_use]
pub fn default_namespaces() -> Vec<Namespace> {
    DEFAULT_NAMESPACES
        .iter()
        .map(|&(id, name)| Namespace { id, name: name.to_string(), case_sensitive: false })
        .collect()
}

/// Id and name of each namespace of a default English MediaWiki. The
/// default `Site` methods read this table directly: they run per link.
const DEFAULT_NAMESPACES: [(i32, &str); 20] = [
        (-2, "Media"),
        (-1, "Special"),
        (0, ""),
        (1, "Talk"),
        (2, "User"),
        (3, "User talk"),
        (4, "Project"),
        (5, "Project talk"),
        (6, "File"),
        (7, "File talk"),
        (8, "MediaWiki"),
        (9, "MediaWiki talk"),
        (10, "Template"),
        (11, "Template talk"),
        (12, "Help"),
        (13, "Help talk"),
        (14, "Category"),
        (15, "Category talk"),
        // Scribunto's, for `{{#invoke:}}`: on every Wikimedia wiki.
        (828, "Module"),
        (829, "Module talk"),
];

/// English media options: alias pattern (with `$1` for the value) and
/// canonical id. All are case-sensitive.
const DEFAULT_MEDIA_OPTIONS: &[(&str, &str)] = &[
    ("alt=$1", "img_alt"),
    ("baseline", "img_baseline"),
    ("border", "img_border"),
    ("bottom", "img_bottom"),
    ("center", "img_center"),
    ("centre", "img_center"),
    ("class=$1", "img_class"),
    ("frame", "img_framed"),
    ("framed", "img_framed"),
    ("enframed", "img_framed"),
    ("frameless", "img_frameless"),
    ("lang=$1", "img_lang"),
    ("left", "img_left"),
    ("link=$1", "img_link"),
    ("thumbnail=$1", "img_manualthumb"),
    ("thumb=$1", "img_manualthumb"),
    ("middle", "img_middle"),
    ("none", "img_none"),
    ("page=$1", "img_page"),
    ("page $1", "img_page"),
    ("right", "img_right"),
    ("sub", "img_sub"),
    ("super", "img_super"),
    ("sup", "img_super"),
    ("text-bottom", "img_text_bottom"),
    ("text-top", "img_text_top"),
    ("thumb", "img_thumbnail"),
    ("thumbnail", "img_thumbnail"),
    ("top", "img_top"),
    ("upright", "img_upright"),
    ("upright=$1", "img_upright"),
    ("upright $1", "img_upright"),
    ("$1px", "img_width"),
];

/// Match `text` against media option aliases `(pattern, case_sensitive,
/// id)`, where a pattern may hold `$1` once. Exact (value-less) aliases win
/// over patterns.
pub fn match_media_option<'a>(
    text: &str,
    aliases: impl Iterator<Item = (&'a str, bool, &'a str)> + Clone,
) -> Option<(String, Option<String>)> {
    let text = text.trim();
    // Case-insensitive aliases compare lower-cased text, made once and only
    // when the site has such aliases (this runs per part of every file link).
    let mut lower: Option<String> = None;
    for (alias, cs, id) in aliases.clone() {
        if !alias.contains("$1") {
            let hit = if cs {
                alias == text
            } else {
                alias.to_lowercase() == *lower.get_or_insert_with(|| text.to_lowercase())
            };
            if hit {
                return Some((id.to_string(), None));
            }
        }
    }
    for (alias, cs, id) in aliases {
        let Some((pre, post)) = alias.split_once("$1") else {
            continue;
        };
        if cs {
            if text.len() >= pre.len() + post.len() && text.starts_with(pre) && text.ends_with(post) {
                let value = &text[pre.len()..text.len() - post.len()];
                return Some((id.to_string(), Some(value.to_string())));
            }
            continue;
        }
        let hay = lower.get_or_insert_with(|| text.to_lowercase());
        let (pre, post) = (pre.to_lowercase(), post.to_lowercase());
        if hay.len() >= pre.len() + post.len() && hay.starts_with(&pre) && hay.ends_with(&post) {
            // Slice the original text by the matched byte lengths; lower-casing
            // may change lengths, so fall back to the folded text then.
            let folded = &hay[pre.len()..hay.len() - post.len()];
            let value = if hay.len() == text.len() {
                text.get(pre.len()..text.len() - post.len()).unwrap_or(folded)
            } else {
                folded
            };
            return Some((id.to_string(), Some(value.to_string())));
        }
    }
    None
}

fn default_namespace_by_name(name: &str) -> Option<Namespace> {
    let trimmed = name.trim();
    if trimmed.is_ascii() {
        // The usual case, without allocating: ASCII case folding, `_` as a space.
        let same = |written: &str, canonical: &str| {
            written.len() == canonical.len()
                && written.bytes().zip(canonical.bytes()).all(|(w, c)| {
                    let w = if w == b'_' { b' ' } else { w };
                    w.eq_ignore_ascii_case(&c)
                })
        };
        let alias = if same(trimmed, "image") {
            "file"
        } else if same(trimmed, "image talk") {
            "file talk"
        } else {
            trimmed
        };
        let &(id, name) = DEFAULT_NAMESPACES.iter().find(|&&(_, n)| same(alias, n))?;
        return Some(Namespace { id, name: name.to_string(), case_sensitive: false });
    }
    let norm = name.trim().replace('_', " ").to_lowercase();
    let alias = match norm.as_str() {
        "image" => "file",
        "image talk" => "file talk",
        other => other,
    };
    default_namespaces().into_iter().find(|n| n.name.to_lowercase() == alias)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_pages_the_software_defines_exist() {
        let site = DefaultSite::default();
        assert_eq!(site.page_state("Special:RecentChanges"), PageState::Exists);
        assert_eq!(site.page_state("Special:BookSources/978-0"), PageState::Exists, "a subpage");
        assert_eq!(site.page_state("Special:Nonexistent"), PageState::Missing);
        assert_eq!(site.page_state("RecentChanges"), PageState::Missing, "not in the special namespace");
        assert_eq!(site.page_state("Main Page"), PageState::Missing);
        // Any name, any case; written as the wiki writes it.
        assert_eq!(site.special_page_name("recentchanges").as_deref(), Some("RecentChanges"));
        assert_eq!(site.special_page_name("Prefixindex").as_deref(), Some("PrefixIndex"));
        assert_eq!(site.special_page_name("OrphanedPages").as_deref(), Some("LonelyPages"), "an alias");
        assert_eq!(site.special_page_name("Nothing"), None);
        assert!(is_known_special_page("search/x y"));
    }
}
