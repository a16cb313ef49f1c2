//! Magic words: what the [`Site`](crate::Site) answers when the pipeline
//! asks whether a name is a variable (`{{CURRENTYEAR}}`), a parser function
//! (`{{#if:...}}`, `{{lc:...}}`) or a behaviour switch (`__NOTOC__`), as
//! typed values ([`Variable`], [`ParserFunction`], [`BehaviorSwitch`]), and
//! the English names of a default MediaWiki with the ParserFunctions
//! extension.
//!
//! Each word has MediaWiki's canonical id (`"currentyear"`, `"if"`,
//! `"notoc"`): sites described by a wiki's siteinfo map their (localized)
//! aliases to these ids, and `data-mw` names functions by them. A word a
//! site defines that this crate does not implement stays `Other(id)`.

/// Variables that are only variables: `(name as written, canonical id)`.
/// Case-sensitive, as on MediaWiki (`{{currentyear}}` is a template, not
/// the variable). Those that are parser functions too are in
/// [`VARIABLE_FUNCTIONS`].
pub const VARIABLES: &[(&str, &str)] = &[
    ("CURRENTYEAR", "currentyear"),
    ("CURRENTMONTH", "currentmonth"),
    ("CURRENTMONTH2", "currentmonth"),
    ("CURRENTMONTH1", "currentmonth1"),
    ("CURRENTMONTHNAME", "currentmonthname"),
    ("CURRENTMONTHNAMEGEN", "currentmonthnamegen"),
    ("CURRENTMONTHABBREV", "currentmonthabbrev"),
    ("CURRENTDAY", "currentday"),
    ("CURRENTDAY2", "currentday2"),
    ("CURRENTDOW", "currentdow"),
    ("CURRENTDAYNAME", "currentdayname"),
    ("CURRENTTIME", "currenttime"),
    ("CURRENTHOUR", "currenthour"),
    ("CURRENTWEEK", "currentweek"),
    ("CURRENTTIMESTAMP", "currenttimestamp"),
    ("LOCALYEAR", "localyear"),
    ("LOCALMONTH", "localmonth"),
    ("LOCALMONTH2", "localmonth"),
    ("LOCALMONTH1", "localmonth1"),
    ("LOCALMONTHNAME", "localmonthname"),
    ("LOCALMONTHNAMEGEN", "localmonthnamegen"),
    ("LOCALMONTHABBREV", "localmonthabbrev"),
    ("LOCALDAY", "localday"),
    ("LOCALDAY2", "localday2"),
    ("LOCALDOW", "localdow"),
    ("LOCALDAYNAME", "localdayname"),
    ("LOCALTIME", "localtime"),
    ("LOCALHOUR", "localhour"),
    ("LOCALWEEK", "localweek"),
    ("LOCALTIMESTAMP", "localtimestamp"),
    ("SITENAME", "sitename"),
    ("SERVER", "server"),
    ("SERVERNAME", "servername"),
    ("SCRIPTPATH", "scriptpath"),
    ("STYLEPATH", "stylepath"),
    ("CONTENTLANGUAGE", "contentlanguage"),
    ("CONTENTLANG", "contentlanguage"),
    ("PAGELANGUAGE", "pagelanguage"),
    ("DIRECTIONMARK", "directionmark"),
    ("DIRMARK", "directionmark"),
    ("CURRENTVERSION", "currentversion"),
    ("PAGEID", "pageid"),
    ("REVISIONID", "revisionid"),
    ("REVISIONDAY", "revisionday"),
    ("REVISIONDAY2", "revisionday2"),
    ("REVISIONMONTH", "revisionmonth"),
    ("REVISIONMONTH1", "revisionmonth1"),
    ("REVISIONYEAR", "revisionyear"),
    ("REVISIONTIMESTAMP", "revisiontimestamp"),
    ("REVISIONUSER", "revisionuser"),
    ("REVISIONSIZE", "revisionsize"),
    ("!", "!"),
    ("=", "="),
];

/// Words that are both a variable (`{{PAGENAME}}`, the current page's)
/// and a parser function (`{{PAGENAME:Other page}}`): the page-name and
/// namespace family and the site statistics. `(name as written, canonical id)`,
/// case-sensitive.
pub const VARIABLE_FUNCTIONS: &[(&str, &str)] = &[
    ("PAGENAME", "pagename"),
    ("PAGENAMEE", "pagenamee"),
    ("FULLPAGENAME", "fullpagename"),
    ("FULLPAGENAMEE", "fullpagenamee"),
    ("BASEPAGENAME", "basepagename"),
    ("BASEPAGENAMEE", "basepagenamee"),
    ("ROOTPAGENAME", "rootpagename"),
    ("ROOTPAGENAMEE", "rootpagenamee"),
    ("SUBPAGENAME", "subpagename"),
    ("SUBPAGENAMEE", "subpagenamee"),
    ("TALKPAGENAME", "talkpagename"),
    ("TALKPAGENAMEE", "talkpagenamee"),
    ("SUBJECTPAGENAME", "subjectpagename"),
    ("SUBJECTPAGENAMEE", "subjectpagenamee"),
    ("ARTICLEPAGENAME", "subjectpagename"),
    ("ARTICLEPAGENAMEE", "subjectpagenamee"),
    ("NAMESPACE", "namespace"),
    ("NAMESPACEE", "namespacee"),
    ("NAMESPACENUMBER", "namespacenumber"),
    ("TALKSPACE", "talkspace"),
    ("TALKSPACEE", "talkspacee"),
    ("SUBJECTSPACE", "subjectspace"),
    ("SUBJECTSPACEE", "subjectspacee"),
    ("ARTICLESPACE", "subjectspace"),
    ("ARTICLESPACEE", "subjectspacee"),
    ("NUMBEROFPAGES", "numberofpages"),
    ("NUMBEROFARTICLES", "numberofarticles"),
    ("NUMBEROFFILES", "numberoffiles"),
    ("NUMBEROFUSERS", "numberofusers"),
    ("NUMBEROFACTIVEUSERS", "numberofactiveusers"),
    ("NUMBEROFEDITS", "numberofedits"),
    ("NUMBEROFADMINS", "numberofadmins"),
];

/// Parser functions written without `#` or with it, matched
/// case-insensitively: `(name as written, lower-case, canonical id)`.
pub const FUNCTIONS_INSENSITIVE: &[(&str, &str)] = &[
    ("#if", "if"),
    ("#ifeq", "ifeq"),
    ("#iferror", "iferror"),
    ("#ifexpr", "ifexpr"),
    ("#ifexist", "ifexist"),
    ("#expr", "expr"),
    ("#switch", "switch"),
    ("#time", "time"),
    ("#timel", "timel"),
    ("#timef", "timef"),
    ("#timefl", "timefl"),
    ("#titleparts", "titleparts"),
    ("#rel2abs", "rel2abs"),
    ("#len", "len"),
    ("#pos", "pos"),
    ("#rpos", "rpos"),
    ("#sub", "sub"),
    ("#count", "count"),
    ("#replace", "replace"),
    ("#explode", "explode"),
    ("#urldecode", "urldecode"),
    ("#invoke", "invoke"),
    ("#tag", "tag"),
    ("#language", "language"),
    ("#special", "special"),
    ("#speciale", "speciale"),
    ("#formatdate", "formatdate"),
    ("#dateformat", "formatdate"),
    ("#bcp47", "bcp47"),
    ("#dir", "dir"),
    ("ns", "ns"),
    ("nse", "nse"),
    ("urlencode", "urlencode"),
    ("anchorencode", "anchorencode"),
    ("lc", "lc"),
    ("uc", "uc"),
    ("lcfirst", "lcfirst"),
    ("ucfirst", "ucfirst"),
    ("localurl", "localurl"),
    ("localurle", "localurle"),
    ("fullurl", "fullurl"),
    ("fullurle", "fullurle"),
    ("canonicalurl", "canonicalurl"),
    ("canonicalurle", "canonicalurle"),
    ("filepath", "filepath"),
    ("formatnum", "formatnum"),
    ("plural", "plural"),
    ("grammar", "grammar"),
    ("gender", "gender"),
    ("padleft", "padleft"),
    ("padright", "padright"),
    ("int", "int"),
    ("bidi", "bidi"),
    ("pageid", "pageid"),
];

/// Parser functions matched case-sensitively (`{{DEFAULTSORT:key}}`):
/// `(name as written, canonical id)`; and [`VARIABLE_FUNCTIONS`].
pub const FUNCTIONS_SENSITIVE: &[(&str, &str)] = &[
    ("DISPLAYTITLE", "displaytitle"),
    ("DEFAULTSORT", "defaultsort"),
    ("DEFAULTSORTKEY", "defaultsort"),
    ("DEFAULTCATEGORYSORT", "defaultsort"),
    ("PAGESINCATEGORY", "pagesincategory"),
    ("PAGESINCAT", "pagesincategory"),
    ("PAGESIZE", "pagesize"),
    ("PROTECTIONLEVEL", "protectionlevel"),
    ("PROTECTIONEXPIRY", "protectionexpiry"),
    ("CASCADINGSOURCES", "cascadingsources"),
];

/// The id of the variable written as `name` in English, if it is one.
#[must_use]
pub fn variable_id(name: &str) -> Option<&'static str> {
    // Asked of every template name: a map, not a scan of the ~80 names.
    static BY_NAME: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, &'static str>> = std::sync::LazyLock::new(|| {
        let mut map = rustc_hash::FxHashMap::default();
        for (n, id) in VARIABLES.iter().chain(VARIABLE_FUNCTIONS) {
            // The first entry of a name wins, as the scan's did.
            map.entry(*n).or_insert(*id);
        }
        map
    });
    BY_NAME.get(name).copied()
}

/// The id of the parser function written as `name` in English (the text
/// before the first `:`), if it is one.
#[must_use]
pub fn parser_function_id(name: &str) -> Option<&'static str> {
    // Asked of every template name (a wiki's own functions may take no
    // argument): maps, not scans, as for variables.
    type ByName = rustc_hash::FxHashMap<&'static str, &'static str>;
    static SENSITIVE: std::sync::LazyLock<ByName> = std::sync::LazyLock::new(|| {
        let mut map = ByName::default();
        for (n, id) in FUNCTIONS_SENSITIVE.iter().chain(VARIABLE_FUNCTIONS) {
            map.entry(*n).or_insert(*id);
        }
        map
    });
    // Keyed in lower case; every name is ASCII.
    static INSENSITIVE: std::sync::LazyLock<(rustc_hash::FxHashMap<String, &'static str>, usize)> = std::sync::LazyLock::new(|| {
        let mut map = rustc_hash::FxHashMap::default();
        for (n, id) in FUNCTIONS_INSENSITIVE {
            map.entry(n.to_ascii_lowercase()).or_insert(*id);
        }
        let longest = FUNCTIONS_INSENSITIVE.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        (map, longest)
    });
    if let Some(id) = SENSITIVE.get(name) {
        return Some(id);
    }
    let (insensitive, longest) = &*INSENSITIVE;
    if name.len() > *longest {
        return None;
    }
    insensitive.get(&name.to_ascii_lowercase()).copied()
}

/// One enum of magic words: each variant with its canonical id, the
/// families of words it shares with another enum (each a type with
/// `from_id` and `id`), and `Other` for the ids a site defines that
/// nothing here implements.
macro_rules! magic_word_enum {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $id:literal,)*
    } $(families { $($(#[$fmeta:meta])* $family:ident($family_type:ty),)* })?) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            $($($(#[$fmeta])* $family($family_type),)*)?
            /// A word the site defines (by this canonical id) that this
            /// crate does not implement.
            Other(Box<str>),
        }

        impl $name {
            /// MediaWiki's canonical id of the word.
            #[must_use]
            pub fn id(&self) -> &str {
                match self {
                    $($name::$variant => $id,)*
                    $($($name::$family(word) => word.id(),)*)?
                    $name::Other(id) => id,
                }
            }

            /// The word with canonical id `id` (`Other` when unknown here).
            #[must_use]
            pub fn from_id(id: &str) -> Self {
                match id {
                    $($id => $name::$variant,)*
                    _ => {
                        $($(if let Some(word) = <$family_type>::from_id(id) {
                            return $name::$family(word);
                        })*)?
                        $name::Other(id.into())
                    }
                }
            }
        }
    };
}

magic_word_enum! {
    /// A variable: `{{CURRENTYEAR}}`, `{{SITENAME}}`, `{{PAGENAME}}` ...
    pub enum Variable {
        CurrentYear = "currentyear",
        CurrentMonth = "currentmonth",
        CurrentMonth1 = "currentmonth1",
        CurrentMonthName = "currentmonthname",
        CurrentMonthNameGen = "currentmonthnamegen",
        CurrentMonthAbbrev = "currentmonthabbrev",
        CurrentDay = "currentday",
        CurrentDay2 = "currentday2",
        CurrentDow = "currentdow",
        CurrentDayName = "currentdayname",
        CurrentTime = "currenttime",
        CurrentHour = "currenthour",
        CurrentWeek = "currentweek",
        CurrentTimestamp = "currenttimestamp",
        LocalYear = "localyear",
        LocalMonth = "localmonth",
        LocalMonth1 = "localmonth1",
        LocalMonthName = "localmonthname",
        LocalMonthNameGen = "localmonthnamegen",
        LocalMonthAbbrev = "localmonthabbrev",
        LocalDay = "localday",
        LocalDay2 = "localday2",
        LocalDow = "localdow",
        LocalDayName = "localdayname",
        LocalTime = "localtime",
        LocalHour = "localhour",
        LocalWeek = "localweek",
        LocalTimestamp = "localtimestamp",
        CurrentVersion = "currentversion",
        SiteName = "sitename",
        Server = "server",
        ServerName = "servername",
        ScriptPath = "scriptpath",
        StylePath = "stylepath",
        ContentLanguage = "contentlanguage",
        PageLanguage = "pagelanguage",
        DirectionMark = "directionmark",
        PageId = "pageid",
        RevisionId = "revisionid",
        RevisionDay = "revisionday",
        RevisionDay2 = "revisionday2",
        RevisionMonth = "revisionmonth",
        RevisionMonth1 = "revisionmonth1",
        RevisionYear = "revisionyear",
        RevisionTimestamp = "revisiontimestamp",
        RevisionUser = "revisionuser",
        RevisionSize = "revisionsize",
        /// `{{!}}`: a literal `|`.
        Pipe = "!",
        /// `{{=}}`: a literal `=`.
        Equals = "=",
    } families {
        /// A page-name word (`{{PAGENAME}}`, `{{NAMESPACEE}}` ...).
        Title(TitleWord),
        /// A site statistic (`{{NUMBEROFPAGES}}` ...).
        Statistic(Statistic),
    }
}

magic_word_enum! {
    /// A parser function: `{{#if:...}}`, `{{lc:...}}`, `{{PAGENAME:...}}` ...
    pub enum ParserFunction {
        If = "if",
        IfEq = "ifeq",
        IfError = "iferror",
        IfExpr = "ifexpr",
        IfExist = "ifexist",
        Expr = "expr",
        Switch = "switch",
        Time = "time",
        TimeL = "timel",
        TimeF = "timef",
        TimeFL = "timefl",
        TitleParts = "titleparts",
        Rel2Abs = "rel2abs",
        Len = "len",
        Pos = "pos",
        RPos = "rpos",
        Sub = "sub",
        Count = "count",
        Replace = "replace",
        Explode = "explode",
        UrlDecode = "urldecode",
        Invoke = "invoke",
        Tag = "tag",
        Language = "language",
        Special = "special",
        SpecialE = "speciale",
        FormatDate = "formatdate",
        Bcp47 = "bcp47",
        Dir = "dir",
        Ns = "ns",
        NsE = "nse",
        UrlEncode = "urlencode",
        AnchorEncode = "anchorencode",
        Lc = "lc",
        Uc = "uc",
        LcFirst = "lcfirst",
        UcFirst = "ucfirst",
        LocalUrl = "localurl",
        LocalUrlE = "localurle",
        FullUrl = "fullurl",
        FullUrlE = "fullurle",
        CanonicalUrl = "canonicalurl",
        CanonicalUrlE = "canonicalurle",
        FilePath = "filepath",
        FormatNum = "formatnum",
        Plural = "plural",
        Grammar = "grammar",
        Gender = "gender",
        PadLeft = "padleft",
        PadRight = "padright",
        Int = "int",
        Bidi = "bidi",
        PageId = "pageid",
        DisplayTitle = "displaytitle",
        DefaultSort = "defaultsort",
        PagesInCategory = "pagesincategory",
        PageSize = "pagesize",
        ProtectionLevel = "protectionlevel",
        ProtectionExpiry = "protectionexpiry",
        CascadingSources = "cascadingsources",
    } families {
        /// A page-name word (`{{PAGENAME}}`, `{{NAMESPACEE}}` ...).
        Title(TitleWord),
        /// A site statistic (`{{NUMBEROFPAGES}}` ...).
        Statistic(Statistic),
    }
}

magic_word_enum! {
    /// A behaviour switch: `__NOTOC__`, `__HIDDENCAT__` ... Parsoid writes
    /// each as `<meta property="mw:PageProp/ID">`.
    pub enum BehaviorSwitch {
        NoToc = "notoc",
        ForceToc = "forcetoc",
        Toc = "toc",
        NoEditSection = "noeditsection",
        NewSectionLink = "newsectionlink",
        NoNewSectionLink = "nonewsectionlink",
        NoGallery = "nogallery",
        HiddenCat = "hiddencat",
        ExpectUnusedCategory = "expectunusedcategory",
        ExpectUnusedTemplate = "expectunusedtemplate",
        NoContentConvert = "nocontentconvert",
        NoTitleConvert = "notitleconvert",
        Index = "index",
        NoIndex = "noindex",
        StaticRedirect = "staticredirect",
        NoGlobal = "noglobal",
        Disambiguation = "disambiguation",
        ArchivedTalk = "archivedtalk",
        NoTalk = "notalk",
    }
}

/// The part of a title a page-name word prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TitlePart {
    PageName,
    FullPageName,
    BasePageName,
    RootPageName,
    SubPageName,
    TalkPageName,
    SubjectPageName,
    Namespace,
    NamespaceNumber,
    TalkSpace,
    SubjectSpace,
}

/// A page-name word (`PAGENAME`, `TALKSPACEE` ...): which part of the
/// title, and whether URL-encoded (the `E` forms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TitleWord {
    pub part: TitlePart,
    pub url_encoded: bool,
}

/// What a time word prints, as a `#time` format (`CURRENTYEAR` is `Y`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeWord {
    /// The wiki's time zone (`LOCAL…`) rather than UTC (`CURRENT…`).
    pub local: bool,
    pub format: &'static str,
}

/// The page-name words by canonical id, shared by [`Variable::Title`] and
/// [`ParserFunction::Title`].
const TITLE_WORDS: &[(&str, TitlePart, bool)] = &[
    ("pagename", TitlePart::PageName, false),
    ("pagenamee", TitlePart::PageName, true),
    ("fullpagename", TitlePart::FullPageName, false),
    ("fullpagenamee", TitlePart::FullPageName, true),
    ("basepagename", TitlePart::BasePageName, false),
    ("basepagenamee", TitlePart::BasePageName, true),
    ("rootpagename", TitlePart::RootPageName, false),
    ("rootpagenamee", TitlePart::RootPageName, true),
    ("subpagename", TitlePart::SubPageName, false),
    ("subpagenamee", TitlePart::SubPageName, true),
    ("talkpagename", TitlePart::TalkPageName, false),
    ("talkpagenamee", TitlePart::TalkPageName, true),
    ("subjectpagename", TitlePart::SubjectPageName, false),
    ("subjectpagenamee", TitlePart::SubjectPageName, true),
    ("namespace", TitlePart::Namespace, false),
    ("namespacee", TitlePart::Namespace, true),
    ("namespacenumber", TitlePart::NamespaceNumber, false),
    ("talkspace", TitlePart::TalkSpace, false),
    ("talkspacee", TitlePart::TalkSpace, true),
    ("subjectspace", TitlePart::SubjectSpace, false),
    ("subjectspacee", TitlePart::SubjectSpace, true),
];

impl TitleWord {
    /// The word with canonical id `id`, if it is a page-name word.
    #[must_use]
    pub fn from_id(id: &str) -> Option<TitleWord> {
        TITLE_WORDS.iter().find(|(i, _, _)| *i == id).map(|&(_, part, url_encoded)| TitleWord { part, url_encoded })
    }

    /// Its canonical id (`"pagenamee"`).
    #[must_use]
    pub fn id(&self) -> &'static str {
        TITLE_WORDS
            .iter()
            .find(|(_, part, url_encoded)| *part == self.part && *url_encoded == self.url_encoded)
            .map_or("pagename", |(id, _, _)| id)
    }
}

/// A site statistic (`NUMBEROFPAGES` ...), a variable and a function alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Statistic {
    Pages,
    Articles,
    Files,
    Users,
    ActiveUsers,
    Edits,
    Admins,
}

/// The statistics by canonical id.
const STATISTICS: &[(&str, Statistic)] = &[
    ("numberofpages", Statistic::Pages),
    ("numberofarticles", Statistic::Articles),
    ("numberoffiles", Statistic::Files),
    ("numberofusers", Statistic::Users),
    ("numberofactiveusers", Statistic::ActiveUsers),
    ("numberofedits", Statistic::Edits),
    ("numberofadmins", Statistic::Admins),
];

impl Statistic {
    /// The statistic with canonical id `id`, if it is one.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Statistic> {
        STATISTICS.iter().find(|(i, _)| *i == id).map(|&(_, s)| s)
    }

    /// Its canonical id (`"numberofpages"`).
    #[must_use]
    pub fn id(&self) -> &'static str {
        STATISTICS.iter().find(|(_, s)| s == self).map_or("numberofpages", |(id, _)| id)
    }
}

impl Variable {
    /// The page-name part this word prints, if it is one of that family.
    #[must_use]
    pub fn title_word(&self) -> Option<TitleWord> {
        match self {
            Self::Title(word) => Some(*word),
            _ => None,
        }
    }

    /// The clock and `#time` format of a time word (`CURRENTYEAR`,
    /// `LOCALDAYNAME` ...), if it is one.
    #[must_use]
    pub fn time_word(&self) -> Option<TimeWord> {
        let id = self.id();
        let (local, field) = match id.strip_prefix("local") {
            Some(rest) => (true, rest),
            None => (false, id.strip_prefix("current")?),
        };
        let format = match field {
            "year" => "Y",
            "month" => "m",
            "month1" => "n",
            "monthname" => "F",
            // The genitive month (`#time`'s `xg`): the nominative in English.
            "monthnamegen" => "xg",
            "monthabbrev" => "M",
            "day" => "j",
            "day2" => "d",
            "dow" => "w",
            "dayname" => "l",
            "time" => "H:i",
            "hour" => "H",
            "week" => "W",
            // A timestamp is always ASCII digits (the others take the language's).
            "timestamp" => "xNYmdHis",
            _ => return None,
        };
        Some(TimeWord { local, format })
    }

    /// Whether this is a site statistic (`NUMBEROFPAGES` ...).
    #[must_use]
    pub fn is_statistic(&self) -> bool {
        matches!(self, Self::Statistic(_))
    }
}

impl ParserFunction {
    /// The page-name part this function prints of its argument
    /// (`{{PAGENAME:Foo/Bar}}`), if it is one of that family.
    #[must_use]
    pub fn title_word(&self) -> Option<TitleWord> {
        match self {
            Self::Title(word) => Some(*word),
            _ => None,
        }
    }

    /// Whether this is a site statistic (`{{NUMBEROFPAGES:R}}` ...).
    #[must_use]
    pub fn is_statistic(&self) -> bool {
        matches!(self, Self::Statistic(_))
    }

    /// Whether this is one of the ParserFunctions extension's string
    /// functions (`#len`, `#pos` ...), which a wiki enables on its own.
    #[must_use]
    pub fn is_string_function(&self) -> bool {
        matches!(
            self,
            ParserFunction::Len
                | ParserFunction::Pos
                | ParserFunction::RPos
                | ParserFunction::Sub
                | ParserFunction::Count
                | ParserFunction::Replace
                | ParserFunction::Explode
                | ParserFunction::UrlDecode
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_english_name_maps_to_an_implemented_word() {
        for (name, id) in VARIABLES.iter().chain(VARIABLE_FUNCTIONS) {
            assert!(!matches!(Variable::from_id(id), Variable::Other(_)), "variable {name} -> {id}");
        }
        for (name, id) in FUNCTIONS_INSENSITIVE.iter().chain(FUNCTIONS_SENSITIVE).chain(VARIABLE_FUNCTIONS) {
            assert!(!matches!(ParserFunction::from_id(id), ParserFunction::Other(_)), "function {name} -> {id}");
        }
        for name in wikitext_parser::BEHAVIOR_SWITCHES {
            let id = name.to_lowercase();
            // The parser's list spells a few by their magic-word names.
            if ["disambig", "nocc", "notc"].contains(&id.as_str()) {
                continue;
            }
            assert!(!matches!(BehaviorSwitch::from_id(&id), BehaviorSwitch::Other(_)), "switch {name}");
        }
    }

    #[test]
    fn ids_round_trip() {
        for id in ["currentyear", "!", "pagenamee", "numberofadmins", "subjectspacee", "namespacenumber"] {
            assert_eq!(Variable::from_id(id).id(), id);
        }
        for (id, _, _) in TITLE_WORDS {
            assert_eq!(ParserFunction::from_id(id).id(), *id);
            assert!(ParserFunction::from_id(id).title_word().is_some());
        }
        for (id, _) in STATISTICS {
            assert_eq!(Variable::from_id(id).id(), *id);
            assert!(ParserFunction::from_id(id).is_statistic());
        }
        assert_eq!(ParserFunction::from_id("f1_wt"), ParserFunction::Other("f1_wt".into()));
        assert_eq!(ParserFunction::from_id("f1_wt").id(), "f1_wt");
        assert_eq!(BehaviorSwitch::from_id("notoc"), BehaviorSwitch::NoToc);
    }

    #[test]
    fn word_families() {
        assert_eq!(Variable::LocalDayName.time_word(), Some(TimeWord { local: true, format: "l" }));
        assert_eq!(Variable::CurrentTimestamp.time_word(), Some(TimeWord { local: false, format: "xNYmdHis" }));
        assert_eq!(Variable::CurrentVersion.time_word(), None);
        assert_eq!(
            Variable::from_id("talkspacee"),
            Variable::Title(TitleWord { part: TitlePart::TalkSpace, url_encoded: true })
        );
        assert_eq!(ParserFunction::from_id("namespacenumber").title_word().map(|w| w.part), Some(TitlePart::NamespaceNumber));
        assert_eq!(Variable::from_id("numberofedits"), Variable::Statistic(Statistic::Edits));
        assert!(Variable::Statistic(Statistic::Edits).is_statistic());
        assert!(ParserFunction::RPos.is_string_function());
        assert!(!ParserFunction::If.is_string_function());
    }
}
