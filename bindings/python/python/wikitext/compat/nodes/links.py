"""Wikilinks ``[[title|text]]`` and external links ``[url title]``."""

from __future__ import annotations

from .node import BoolField, CodeField, Node, wikicode
from .text import Text

__all__ = ["ExternalLink", "Wikilink"]


class UrlField(CodeField):
    """An external link's URL: a string assigned is the URL itself, so a
    URL in it (``mailto:...``) is its text, not a link of its own (as
    mwparserfromhell parses a URL in the URL's context)."""

    def __set__(self, obj, value):
        code = wikicode(value)
        if isinstance(value, str) and any(type(node) is ExternalLink for node in code.nodes):
            merged = []
            for node in code.nodes:
                if type(node) is not ExternalLink:
                    pieces = (node,)
                elif node.brackets:
                    pieces = (Text(str(node)),)
                else:
                    # Its URL's pieces: the text, and any template it runs on into.
                    pieces = [piece if type(piece) is not ExternalLink else Text(str(piece)) for piece in node.url.nodes]
                for piece in pieces:
                    if merged and type(piece) is Text and type(merged[-1]) is Text:
                        merged[-1] = Text(str(merged[-1]) + str(piece))
                    else:
                        merged.append(piece)
            code.nodes[:] = merged
        setattr(obj, self.slot, code)


class Wikilink(Node):
    """``[[title]]`` or ``[[title|text]]``."""

    def __bool__(self):
        # Never empty (its delimiters): no need to make the text.
        return True

    def __init__(self, title, text=None):
        super().__init__()
        self.title = title
        self.text = text

    def __str__(self):
        # (Wikicode.__str__ of unbuilt code inlined: str() of a page calls
        # this for every link it handed out. f-strings of the pieces: one
        # string made, where + made one a step.)
        title = self._title
        lazy = title._lazy
        title = lazy[0].src[lazy[1]:lazy[2]] if lazy is not None and not title._handed else str(title)
        text = self._text
        if text is None:
            return f"[[{title}]]"
        lazy = text._lazy
        return f"[[{title}|{lazy[0].src[lazy[1]:lazy[2]] if lazy is not None and not text._handed else str(text)}]]"

    def __showtree__(self, write, get, mark):
        write("[[")
        get(self.title)
        if self.text is not None:
            write("    | ")
            mark()
            get(self.text)
        write("]]")

    def __children__(self):
        text = self._text
        return iter((self._title,) if text is None else (self._title, text))

    def __strip__(self, **kwargs):
        if self.text is not None:
            return self.text.strip_code(**kwargs)
        return self.title.strip_code(**kwargs)

    title = CodeField()

    text = CodeField(optional=True)


class ExternalLink(Node):
    """``[url title]``, ``[url]`` or a bare ``url`` (``brackets=False``)."""

    def __init__(self, url, title=None, brackets=True, suppress_space=False):
        super().__init__()
        self.url = url
        self.title = title
        self.brackets = brackets
        self.suppress_space = suppress_space

    def __str__(self):
        if not self.brackets:
            return str(self.url)
        if self.title is None:
            return "[" + str(self.url) + "]"
        space = "" if self.suppress_space else " "
        return "[" + str(self.url) + space + str(self.title) + "]"

    def __showtree__(self, write, get, mark):
        if not self.brackets:
            get(self.url)
            return
        write("[")
        get(self.url)
        if self.title is not None:
            get(self.title)
        write("]")

    def __children__(self):
        title = self._title
        return iter((self._url,) if title is None else (self._url, title))

    def __strip__(self, **kwargs):
        if self.brackets:
            if self.title:
                return self.title.strip_code(**kwargs)
            return None
        return self.url.strip_code(**kwargs)

    url = UrlField()

    title = CodeField(optional=True)

    brackets = BoolField()

    suppress_space = BoolField()
