"""Parse MediaWiki wikitext losslessly and render the HTML Parsoid renders.

>>> import wikitext
>>> tree = wikitext.parse("{{Infobox|name=Ada}} [[Analytical Engine|engine]]")
>>> [str(t.name) for t in tree.filter_templates()]
['Infobox']
>>> str(tree.filter_wikilinks()[0].title)
'Analytical Engine'
>>> wikitext.to_html("''hi''", body_only=True, wrap_sections=False)
'<p><i>hi</i></p>'
>>> wikitext.expand("{{Greet|Ada}}!", pages={"Template:Greet": "Hello, {{{1}}}"})
'Hello, Ada!'
>>> wikitext.to_text("Dr. Ada wrote.<ref>A note.</ref> She died.", sentences=1)
'Dr. Ada wrote.'
>>> wikitext.to_text("[[Datei:Tor.jpg|mini|Das Tor]]Berlin ist [[Hauptstadt]].", wiki="dewiki")
'Berlin ist Hauptstadt.'

The work happens in Rust (``wikitext._native``); this package re-exports it.
"""

from typing import TypedDict

from wikitext._native import (
    Attribute,
    Comment,
    DumpRenderer,
    Error,
    ExternalLink,
    Heading,
    InputTooLargeError,
    InternalError,
    InvalidTitleError,
    Node,
    NotFoundError,
    Parameter,
    ScriptError,
    Tag,
    Template,
    Text,
    TextLimitError,
    UnknownWikiError,
    WikiLink,
    Wikicode,
    expand,
    footnotes,
    known_wikis,
    parse,
    to_html,
    to_text,
)


class Wikitext(str):
    """A tag callable's result that is wikitext, not HTML.

    >>> def shout(name, attrs, body):
    ...     return Wikitext(" + (body or ).upper() + ")
    >>> wikitext.to_html("<shout>hi</shout>", tags={"shout": shout}, body_only=True, wrap_sections=False)  # doctest: +SKIP
    """

    __slots__ = ()
    __wikitext__ = True

class FileDescription(TypedDict, total=False):
    """What the wiki knows of one file, for ``to_html(media=...)``.

    ``url`` (the original's URL), ``width`` and ``height`` (pixels) are
    required; ``mime`` is guessed from the file name when absent; ``size``
    (bytes), ``duration`` (seconds, audio and video) and ``page_count``
    (PDF, DjVu) are optional. A plain dict with these keys does as well.
    """

    url: str
    width: int
    height: int
    mime: str
    size: int
    duration: float
    page_count: int


__all__ = [
    "Attribute",
    "Comment",
    "DumpRenderer",
    "Error",
    "ExternalLink",
    "FileDescription",
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
    "TextLimitError",
    "UnknownWikiError",
    "WikiLink",
    "Wikicode",
    "Wikitext",
    "expand",
    "footnotes",
    "known_wikis",
    "parse",
    "to_html",
    "to_text",
]
