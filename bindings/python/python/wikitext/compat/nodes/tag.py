"""Tag: an HTML or extension tag, or wiki markup that stands for one (``''``)."""

from __future__ import annotations

from ..definitions import is_visible
from .extras import Attribute
from .node import BoolField, CodeField, Node, wikicode

__all__ = ["Tag"]


def _built_part(slot):
    """The getter of a Tag's part that may be unbuilt (see Tag._lazy_parts)."""
    def get(self):
        if self._lazy_parts is not None:
            self._build_parts()
        return getattr(self, slot)

    return get


class Tag(Node):
    """``<tag attrs>contents</closing_tag>``, ``<tag/>`` or wiki markup like ``'''``."""

    def __bool__(self):
        # Never empty (its delimiters): no need to make the text.
        return True

    # An extension tag the parser's builder made: (builder, row, start,
    # name end, where its ">" or "/>" is, where its closing tag starts (None
    # if it closes itself), end, depth) until its name, attributes, padding
    # and closing tag are first read (see _build_parts).
    _lazy_parts = None

    def _build_parts(self):
        lazy = self._lazy_parts
        self._lazy_parts = None
        lazy[0].tag_parts(self, *lazy[1:])

    def _source_text(self):
        """The text of a tag whose parts are unbuilt, from its source and
        contents; None once a flag differs from the source's."""
        lazy = self._lazy_parts
        if self._wiki_markup or self._invalid or self._self_closing != (lazy[5] is None):
            return None
        src = lazy[0].src
        if lazy[5] is None:
            return None if self._implicit else src[lazy[2]:lazy[6]]
        return f"{src[lazy[2]:lazy[4]]}>{str(self._contents)}{src[lazy[5]:lazy[6]]}"

    def __init__(
        self,
        tag,
        contents=None,
        attrs=None,
        wiki_markup=None,
        self_closing=False,
        invalid=False,
        implicit=False,
        padding="",
        closing_tag=None,
        wiki_style_separator=None,
        closing_wiki_markup=None,
    ):
        super().__init__()
        self.tag = tag
        self.contents = contents
        self._attrs = attrs if attrs else []
        self._wiki_markup = wiki_markup
        self._self_closing = self_closing
        self._invalid = invalid
        self._implicit = implicit
        self._padding = padding
        if closing_tag is not None:
            self.closing_tag = closing_tag
        self._wiki_style_separator = wiki_style_separator
        if closing_wiki_markup is not None:
            self._closing_wiki_markup = closing_wiki_markup
        elif wiki_markup and not self_closing:
            self._closing_wiki_markup = wiki_markup
        else:
            self._closing_wiki_markup = None

    def __str__(self):
        if self._lazy_parts is not None:
            text = self._source_text()
            if text is not None:
                return text
            self._build_parts()
        # The fields' private slots: str() of a page reads every tag.
        attrs = "".join([str(attr) for attr in self._attrs]) if self._attrs else ""
        contents = self._contents
        contents = "" if contents is None else str(contents)
        if self._wiki_markup:
            out = self._wiki_markup + attrs + self._padding
            if self._wiki_style_separator is not None:
                out += self._wiki_style_separator
            if self._self_closing:
                return out
            return out + contents + (self._closing_wiki_markup or "")
        opening = "</" if self._invalid else "<"
        if self._self_closing:
            return f"{opening}{str(self._tag)}{attrs}{self._padding}{'>' if self._implicit else '/>'}"
        return f"{opening}{str(self._tag)}{attrs}{self._padding}>{contents}</{str(self._closing_tag)}>"

    def __showtree__(self, write, get, mark):
        # Wiki markup (''a'', *, {| ...) is shown as the tag it stands for,
        # as mwparserfromhell shows it.
        write("</" if self.invalid else "<")
        get(self.tag)
        for attr in self.attributes:
            get(attr.name)
            if attr.value is None:
                continue
            write("    = ")
            mark()
            get(attr.value)
        if self.self_closing:
            write(">" if self.implicit else "/>")
            return
        write(">")
        if self.contents is not None:
            get(self.contents)
        write("</")
        get(self.closing_tag)
        write(">")

    def __children__(self):
        if self._lazy_parts is not None:
            self._build_parts()
        children = [] if self._wiki_markup else [self._tag]
        for attr in self._attrs:
            children.append(attr.name)
            if attr.value is not None:
                children.append(attr.value)
        if not self._self_closing:
            if self._contents is not None:
                children.append(self._contents)
            if not self._wiki_markup and self._closing_tag:
                children.append(self._closing_tag)
        return iter(children)

    def __strip__(self, **kwargs):
        lazy = self._lazy_parts
        name = str(self.tag) if lazy is None else lazy[0].src[lazy[2] + 1:lazy[3]]
        if self.contents and is_visible(name):
            return self.contents.strip_code(**kwargs)
        return None

    def _set_tag(self, value):
        if self._lazy_parts is not None:
            self._build_parts()
        self._tag = self._closing_tag = wikicode(value)

    tag = property(_built_part("_tag"), _set_tag)

    # Never None: a self-closing tag's contents are empty, as in mwparserfromhell.
    contents = CodeField()

    attributes = property(_built_part("_attrs"))

    @property
    def wiki_markup(self):
        return self._wiki_markup

    @wiki_markup.setter
    def wiki_markup(self, value):
        self._wiki_markup = str(value) if value else None
        if not value or not self.closing_wiki_markup:
            self._closing_wiki_markup = self._wiki_markup

    self_closing = BoolField()

    invalid = BoolField()

    implicit = BoolField()

    def _set_padding(self, value):
        if self._lazy_parts is not None:
            self._build_parts()
        if not value:
            self._padding = ""
            return
        value = str(value)
        if not value.isspace():
            raise ValueError("padding must be entirely whitespace")
        self._padding = value

    padding = property(_built_part("_padding"), _set_padding)

    def _set_closing_tag(self, value):
        if self._lazy_parts is not None:
            self._build_parts()
        self._closing_tag = wikicode(value)

    closing_tag = property(_built_part("_closing_tag"), _set_closing_tag)

    @property
    def wiki_style_separator(self):
        return self._wiki_style_separator

    @wiki_style_separator.setter
    def wiki_style_separator(self, value):
        self._wiki_style_separator = str(value) if value else None

    @property
    def closing_wiki_markup(self):
        return self._closing_wiki_markup

    @closing_wiki_markup.setter
    def closing_wiki_markup(self, value):
        self._closing_wiki_markup = str(value) if value else None

    def has(self, name) -> bool:
        """Whether the tag has an attribute called ``name``."""
        name = str(name).strip()
        return any(str(attr.name).strip() == name for attr in self.attributes)

    def get(self, name):
        """The last attribute called ``name``; ValueError if there is none."""
        name = str(name).strip()
        for attr in reversed(self.attributes):
            if str(attr.name).strip() == name:
                return attr
        raise ValueError(name)

    def add(self, name, value=None, quotes='"', pad_first=" ", pad_before_eq="", pad_after_eq=""):
        """Append the attribute ``name="value"``; returns it."""
        if value is not None:
            value = wikicode(value)
        attr = Attribute(wikicode(name), value, quotes, pad_first, pad_before_eq, pad_after_eq)
        self.attributes.append(attr)
        return attr

    def remove(self, name):
        """Remove every attribute called ``name``."""
        name = str(name).strip()
        kept = [attr for attr in self.attributes if str(attr.name).strip() != name]
        if len(kept) == len(self.attributes):
            raise ValueError(name)
        self.attributes[:] = kept
