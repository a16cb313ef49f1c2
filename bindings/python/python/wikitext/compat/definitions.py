"""What wikitext.compat knows about tags and URL schemes."""

from __future__ import annotations

__all__ = [
    "get_html_tag",
    "is_parsable",
    "is_scheme",
    "is_single",
    "is_single_only",
    "is_visible",
]

URI_SCHEMES = {
    "bitcoin": False, "ftp": True, "ftps": True, "geo": False, "git": True, "gopher": True,
    "http": True, "https": True, "irc": True, "ircs": True, "magnet": False, "mailto": False,
    "mms": True, "news": False, "nntp": True, "redis": True, "sftp": True, "sip": False,
    "sips": False, "sms": False, "ssh": True, "svn": True, "tel": False, "telnet": True,
    "urn": False, "worldwind": True, "xmpp": False,
}

# Extension tags whose contents are not wikitext.
PARSER_BLACKLIST = [
    "categorytree", "ce", "chem", "gallery", "graph", "hiero", "imagemap", "inputbox", "math",
    "nowiki", "pre", "score", "section", "source", "syntaxhighlight", "templatedata", "timeline",
]
# Tags whose contents are not shown as text.
INVISIBLE_TAGS = [
    "categorytree", "gallery", "graph", "imagemap", "inputbox", "math", "score", "section",
    "templatedata", "timeline",
]
# Tags that may stand alone (<li>) and tags that always do (<br>).
SINGLE_ONLY = ["br", "wbr", "hr", "meta", "link", "img"]
SINGLE = SINGLE_ONLY + ["li", "dt", "dd", "th", "td", "tr"]

MARKUP_TO_HTML = {"#": "li", "*": "li", ";": "dt", ":": "dd"}


def get_html_tag(markup: str) -> str:
    """The HTML tag a list-item markup character stands for."""
    return MARKUP_TO_HTML[markup]


def is_parsable(tag: str) -> bool:
    """Whether the tag's contents are wikitext."""
    return tag.lower() not in PARSER_BLACKLIST


def is_visible(tag: str) -> bool:
    """Whether the tag's contents are shown as text."""
    return tag.lower() not in INVISIBLE_TAGS


def is_single(tag: str) -> bool:
    """Whether the tag may appear without a closing tag."""
    return tag.lower() in SINGLE


def is_single_only(tag: str) -> bool:
    """Whether the tag never has a closing tag."""
    return tag.lower() in SINGLE_ONLY


def is_scheme(scheme: str, slashes: bool = True) -> bool:
    """Whether ``scheme`` starts an external link (with ``//`` when ``slashes``)."""
    scheme = scheme.lower()
    if slashes:
        return scheme in URI_SCHEMES
    return scheme in URI_SCHEMES and not URI_SCHEMES[scheme]
