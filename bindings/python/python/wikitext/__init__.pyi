"""Type stubs for wikitext: parse MediaWiki wikitext and render Parsoid HTML."""

from typing import Callable, Dict, List, Mapping, Optional, Sequence, TypedDict, Union

__all__ = [
    "Attribute",
    "Comment",
    "Error",
    "ExternalLink",
    "Heading",
    "InputTooLargeError",
    "InternalError",
    "InvalidTitleError",
    "Node",
    "NotFoundError",
    "Parameter",
    "ScriptError",
    "Tag",
    "Template",
    "Text",
    "UnknownWikiError",
    "WikiLink",
    "Wikicode",
    "Wikitext",
    "expand",
    "known_wikis",
    "parse",
    "to_html",
]

class Error(ValueError):
    """The base class of every error wikitext raises."""

class NotFoundError(Error):
    """A template parameter or tag attribute that is not there was asked for."""

class InvalidTitleError(Error):
    """A page title MediaWiki would not accept."""

class InputTooLargeError(Error):
    """The input is longer than wikitext can index (4 GiB)."""

class UnknownWikiError(Error):
    """A ``wiki=`` name that is not one of ``known_wikis()``."""

class ScriptError(Error):
    """Raised by a module's function (``modules=``) to show a script error
    in the page, as Scribunto shows a Lua error; the message is shown."""

class TextLimitError(Error):
    """Bad limits for ``to_text``: both sentences and chars, or a negative count."""

class InternalError(Error):
    """A bug in wikitext: it failed where it should not."""

def parse(text: str) -> Wikicode:
    """Parse wikitext into a tree of read-only views; ``str(parse(text)) == text``.

    Raises ``TypeError`` if ``text`` is not a ``str``.
    """

# Template sources: a mapping of title to wikitext, or a callable that takes a
# normalized title ("Template:Foo bar") and returns its wikitext or None.
# Private: the name exists only for type checkers.
_Pages = Union[Mapping[str, str], Callable[[str], Optional[str]]]

class Wikitext(str):
    """A tag callable's result that is wikitext (rendered in place), not HTML."""

# An extension tag's handler: (name, attrs, body) -> HTML, or Wikitext.
# ``body`` is None for a self-closed ``<tag/>``.
# Private: the name exists only for type checkers.
_TagHandler = Callable[[str, Dict[str, str], Optional[str]], str]

# A parser function's handler: the call's arguments (expanded, trimmed; the
# text after the colon first) -> wikitext, or None for nothing.
# Private: the name exists only for type checkers.
_FunctionHandler = Callable[[List[str]], Optional[str]]

# A module for ``{{#invoke:}}``: function name -> (args, parent_args) -> wikitext.
# ``modules`` maps module titles to them, or is a callable that loads one by
# title (``"Module:Foo"``) or returns None.
# Private: the names exist only for type checkers.
_Module = Mapping[str, Callable[[Dict[str, str], Dict[str, str]], Optional[str]]]
_Modules = Union[Mapping[str, _Module], Callable[[str], Optional[_Module]]]

class FileDescription(TypedDict, total=False):
    """What the wiki knows of one file (``url``, ``width`` and ``height`` are required)."""

    url: str
    width: int
    height: int
    mime: str
    size: int
    duration: float
    page_count: int

_Media = Union[Mapping[str, FileDescription], Callable[[str], Optional[FileDescription]]]

class DumpRenderer:
    """Renders pages of one wiki to ``wikitext dump`` records (JSON text)."""

    def __init__(
        self,
        siteinfo: str,
        *,
        store: Optional[str] = None,
        format: str = "html",
        tags: Optional[Mapping[str, _TagHandler]] = None,
        functions: Optional[Mapping[str, _FunctionHandler]] = None,
        modules: Optional[_Modules] = None,
    ) -> None:
        """``tags``, ``functions`` and ``modules`` are as for ``to_html``, for
        every page; an exception one raises is raised by that page's ``record``."""
    def record(
        self,
        title: str,
        text: Optional[str],
        *,
        id: Optional[int] = None,
        revision_id: Optional[int] = None,
        namespace: int = 0,
        timestamp: Optional[str] = None,
        redirect: Optional[str] = None,
    ) -> str: ...

def to_html(
    text: str,
    *,
    title: str = "Main Page",
    body_only: bool = False,
    wrap_sections: bool = True,
    pages: Optional[_Pages] = None,
    tags: Optional[Mapping[str, _TagHandler]] = None,
    functions: Optional[Mapping[str, _FunctionHandler]] = None,
    modules: Optional[_Modules] = None,
    media: Optional[_Media] = None,
    wiki: Optional[str] = None,
) -> str:
    """Render wikitext to the HTML Parsoid renders.

    ``wiki`` renders for one of the Wikipedias ``known_wikis()`` names, by
    its database name (``"dewiki"``): its namespace names and aliases
    (``[[Datei:...]]``, ``[[Kategorie:...]]``), language (dates, numbers,
    plurals), magic words (``{{SEITENNAME}}``, ``mini``), link trail and
    main page. Without it the page is of an English wiki with MediaWiki's
    defaults.

    ``pages`` gives the wikitext of the pages that templates transclude: a
    dict of title to wikitext, or a callable that takes a normalized title
    and returns its wikitext or ``None`` (missing). The callable is asked
    once per title per call, also for link targets; an exception it raises
    is raised here once rendering has stopped.

    ``tags`` adds extension tags: tag name to a callable ``(name, attrs,
    body)`` returning HTML (a ``str``, sanitized like page HTML) or
    ``Wikitext`` (rendered in place); its output is wrapped as Parsoid wraps
    extension output. An exception a callable raises is raised here once
    rendering has stopped.

    ``functions`` adds parser functions: the name as a call writes it
    (``"#shout"`` for ``{{#shout:...}}``, ``"shout"`` for ``{{shout:...}}``,
    whatever its case) to a callable that takes the call's arguments (a list
    of ``str``: the text after the colon, then each ``|`` argument, each
    expanded and trimmed, ``name=value`` as written) and returns wikitext,
    rendered in the call's place and not expanded again, or ``None``. A
    name MediaWiki already gives a function (``"#if"``) calls the callable
    instead. An exception a callable raises is raised here once rendering
    has stopped.

    ``modules`` answers ``{{#invoke:Module|function|...}}`` in Scribunto's
    place: a dict of module title (``"Module:Foo"``, or ``"Foo"``) to a
    module, a dict of function name to a callable ``(args, parent_args)``
    (the invocation's arguments and its template's, dicts of ``str``;
    positional ones keyed ``"1"``, ``"2"``...) returning wikitext or
    ``None``; or a callable that takes a module's title and returns such a
    dict, or ``None`` (no such module; asked once per title per call). A
    missing module or function renders Scribunto's script error, and so
    does a ``ScriptError`` a function raises (with its message); another
    exception is raised here once rendering has stopped.

    ``media`` tells what the wiki knows of its files (without it every file
    is missing): file name (``"Example.jpg"``) to a ``FileDescription``
    (``url`` of the original, ``width``, ``height``; optionally ``mime``,
    guessed from the name when absent, ``size``, ``duration``,
    ``page_count``), or a callable that takes a file name and returns one or
    ``None``. Thumbnails are looked for where MediaWiki puts them beside the
    original (``.../thumb/a/ab/Example.jpg/220px-Example.jpg``).

    Raises ``TypeError`` if ``text`` is not a ``str``, ``pages`` is neither
    a dict of ``str`` nor a callable, the callable returns something other
    than ``str`` or ``None``, ``tags`` or ``functions`` is not a dict of
    names to callables (or a function's callable returns something other
    than ``str`` or ``None``), or ``media`` does not describe files as above;
    ``InvalidTitleError`` if ``title`` is not a valid page title;
    ``UnknownWikiError`` if ``wiki`` is not one of ``known_wikis()``.
    """

def expand(
    text: str,
    *,
    title: str = "Main Page",
    pages: Optional[_Pages] = None,
    functions: Optional[Mapping[str, _FunctionHandler]] = None,
    modules: Optional[_Modules] = None,
    wiki: Optional[str] = None,
) -> str:
    """Expand templates, parser functions and variables, as MediaWiki's
    ``expandtemplates`` does: the result is wikitext.

    ``pages``, ``functions``, ``modules`` and ``wiki`` are as for ``to_html``. Raises as ``to_html`` does.
    """

# One footnote, as ``footnotes`` lists it: ``group`` (str), ``name``
# (str or None), ``number`` (int), ``id`` (str), ``ref_ids`` (list of str),
# ``wikitext`` (str), ``html`` (str).
_Footnote = Dict[str, Union[str, int, None, List[str]]]

def footnotes(
    text: str,
    *,
    title: str = "Main Page",
    pages: Optional[_Pages] = None,
    tags: Optional[Mapping[str, _TagHandler]] = None,
    functions: Optional[Mapping[str, _FunctionHandler]] = None,
    modules: Optional[_Modules] = None,
    media: Optional[_Media] = None,
    wiki: Optional[str] = None,
) -> List[_Footnote]:
    """The footnotes of a page (Cite's ``<ref>`` tags) in the order its
    reference lists show them: group, name, number, the note's id, the ids
    of the markers pointing to it, and the body as wikitext and as HTML.

    ``title``, ``pages``, ``tags``, ``functions``, ``modules``, ``media`` and
    ``wiki`` are as for ``to_html`` (the notes' HTML renders with them). Raises as ``to_html``
    does.
    """

def known_wikis() -> List[str]:
    """The database names ``wiki=`` takes (``"arwiki"`` ... ``"zhwiki"``), in
    order: the Wikipedias whose configuration the package carries."""

def to_text(
    text: str,
    *,
    title: str = "Main Page",
    sentences: Optional[int] = None,
    chars: Optional[int] = None,
    pages: Optional[_Pages] = None,
    functions: Optional[Mapping[str, _FunctionHandler]] = None,
    modules: Optional[_Modules] = None,
    wiki: Optional[str] = None,
) -> str:
    """The readable text of a page, as a reader sees it (headings, paragraphs
    and list items as lines; references, tables, infoboxes, navigation boxes,
    figures, hidden and noprint content left out).

    ``sentences=N``: exactly the first N sentences. ``chars=N``: at most N
    characters (grapheme clusters), cut at a word boundary, then "…".
    Raises ``TextLimitError`` for both limits or a negative count, otherwise
    as ``to_html`` does.
    """

class Wikicode:
    """A run of wikitext: a page, a section, a template name, a parameter value..."""

    @property
    def start(self) -> int:
        """Where the code starts in the parsed string, in code points."""
    @property
    def end(self) -> int:
        """Where the code ends in the parsed string, in code points (exclusive)."""
    @property
    def nodes(self) -> List[Node]:
        """The nodes the code is made of, in order (not the nested ones)."""
    def filter(self, *, recursive: bool = True, kind: Optional[str] = None) -> List[Node]:
        """Every node, or only those of ``kind`` (a kind name such as ``"TABLE"``)."""
    def filter_templates(self, *, recursive: bool = True) -> List[Template]:
        """The templates and parser functions."""
    def filter_wikilinks(self, *, recursive: bool = True) -> List[WikiLink]:
        """The wiki links ``[[target|text]]``."""
    def filter_external_links(self, *, recursive: bool = True) -> List[ExternalLink]:
        """The external links: ``[url text]`` and bare URLs."""
    def filter_headings(self, *, recursive: bool = True) -> List[Heading]:
        """The headings ``== title ==``."""
    def filter_tags(self, *, recursive: bool = True) -> List[Tag]:
        """HTML start and end tags (each its own node) and extension tags."""
    def filter_comments(self, *, recursive: bool = True) -> List[Comment]:
        """The comments ``<!-- ... -->``."""
    def filter_text(self, *, recursive: bool = True) -> List[Text]:
        """The runs of plain text."""
    def get_sections(
        self,
        levels: Optional[Sequence[int]] = None,
        *,
        include_lead: Optional[bool] = None,
        include_headings: bool = True,
    ) -> List[Wikicode]:
        """The lead and each heading's section (sections nest)."""
    def strip_code(self) -> str:
        """The text without the markup (like mwparserfromhell's ``strip_code``)."""
    def to_text(
        self,
        *,
        title: str = "Main Page",
        sentences: Optional[int] = None,
        chars: Optional[int] = None,
        pages: Optional[_Pages] = None,
        functions: Optional[Mapping[str, _FunctionHandler]] = None,
        modules: Optional[_Modules] = None,
        wiki: Optional[str] = None,
    ) -> str:
        """``to_text(str(self), ...)``: the readable text of this code rendered as a page."""
    def strip(self) -> str:
        """``str(self).strip()``."""

class Node:
    """One node of the tree; ``text[node.start:node.end] == str(node)``."""

    @property
    def kind(self) -> str:
        """The node's kind: ``"TEMPLATE"``, ``"WIKI_LINK"``, ``"TABLE"``..."""
    @property
    def start(self) -> int:
        """Where the node starts in the parsed string, in code points."""
    @property
    def end(self) -> int:
        """Where the node ends in the parsed string, in code points (exclusive)."""

class Template(Node):
    """``{{name|positional|key=value}}``, parser functions included."""

    @property
    def name(self) -> Wikicode:
        """The name as written (``name.strip()`` trims it)."""
    @property
    def params(self) -> List[Parameter]:
        """The parameters in order; unnamed ones are named ``"1"``, ``"2"``..."""
    def has(self, name: str) -> bool:
        """Whether a parameter ``name`` is given."""
    def get(self, name: str) -> Parameter:
        """The parameter ``name``; raises ``NotFoundError`` if there is none."""

class Parameter:
    """One parameter of a template; ``str(param)`` has no leading ``|``."""

    @property
    def name(self) -> str:
        """The name, trimmed; for a positional parameter its number."""
    @property
    def showkey(self) -> bool:
        """Whether the name is written out (``key=value``)."""
    @property
    def value(self) -> Wikicode:
        """The value as written."""
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...

class WikiLink(Node):
    """``[[title|text]]``."""

    @property
    def title(self) -> Wikicode:
        """The link target as written."""
    @property
    def text(self) -> Optional[Wikicode]:
        """The text after the first ``|``, or ``None``."""

class ExternalLink(Node):
    """``[url title]`` or a bare URL."""

    @property
    def url(self) -> str: ...
    @property
    def title(self) -> Optional[Wikicode]:
        """The link text after the URL, or ``None``."""
    @property
    def brackets(self) -> bool:
        """Whether the link is in brackets."""

class Heading(Node):
    """``== title ==``."""

    @property
    def level(self) -> int:
        """1 to 6."""
    @property
    def title(self) -> Wikicode:
        """The title between the ``=`` signs, as written."""

class Tag(Node):
    """An HTML start or end tag, or a whole extension tag (``<ref>...</ref>``)."""

    @property
    def tag(self) -> str:
        """The tag name as written."""
    @property
    def attributes(self) -> List[Attribute]: ...
    def has(self, name: str) -> bool:
        """Whether the tag has attribute ``name`` (ASCII case-insensitive)."""
    def get(self, name: str) -> Attribute:
        """The attribute ``name``; raises ``NotFoundError`` if there is none."""
    @property
    def contents(self) -> Optional[str]:
        """The raw body of an extension tag; ``None`` for HTML tags."""
    @property
    def extension(self) -> bool: ...
    @property
    def closing(self) -> bool: ...
    @property
    def self_closing(self) -> bool: ...

class Attribute:
    """One ``name="value"`` attribute of a tag."""

    @property
    def name(self) -> str: ...
    @property
    def value(self) -> Optional[str]:
        """The value without quotes, or ``None`` for a bare attribute."""
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...

class Comment(Node):
    """``<!-- contents -->``."""

    @property
    def contents(self) -> str: ...

class Text(Node):
    """A run of plain text."""

    @property
    def value(self) -> str: ...
