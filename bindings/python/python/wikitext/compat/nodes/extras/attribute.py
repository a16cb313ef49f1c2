"""Attribute: one ``name="value"`` of a tag."""

from __future__ import annotations

from ...string_mixin import StringMixIn
from ..node import CodeField, wikicode

__all__ = ["Attribute"]


class Attribute(StringMixIn):
    """A tag attribute with its quotes and the whitespace around it."""

    def __init__(self, name, value=None, quotes='"', pad_first=" ", pad_before_eq="", pad_after_eq=""):
        super().__init__()
        self.name = name
        self._quotes = None
        self.value = value
        self.quotes = quotes
        self.pad_first = pad_first
        self.pad_before_eq = pad_before_eq
        self.pad_after_eq = pad_after_eq

    def __str__(self):
        out = self.pad_first + str(self.name) + self.pad_before_eq
        if self.value is not None:
            out += "=" + self.pad_after_eq
            if self.quotes:
                return out + self.quotes + str(self.value) + self.quotes
            return out + str(self.value)
        return out

    @staticmethod
    def _value_needs_quotes(val):
        val = str(val)
        if any(ch.isspace() for ch in val):
            if '"' in val and "'" in val:
                return None
            return "'" if '"' in val else '"'
        return None

    def _set_padding(self, attr, value):
        value = str(value) if value is not None else ""
        if value and not value.isspace():
            raise ValueError("padding must be entirely whitespace")
        setattr(self, attr, value)

    @staticmethod
    def coerce_quotes(quotes):
        orig, quotes = quotes, str(quotes) if quotes else None
        if quotes not in [None, '"', "'"]:
            raise ValueError("{!r} is not a valid quote type".format(orig))
        return quotes

    name = CodeField()

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, newval):
        if newval is None:
            self._value = None
            return
        code = wikicode(newval)
        quotes = self._value_needs_quotes(code)
        if quotes and (not self._quotes or self._quotes in str(code)):
            self._quotes = quotes
        self._value = code

    @property
    def quotes(self):
        return self._quotes

    @quotes.setter
    def quotes(self, value):
        value = self.coerce_quotes(value)
        if not value and self._value_needs_quotes(self.value) if self.value is not None else False:
            raise ValueError("attribute value requires quotes")
        self._quotes = value

    @property
    def pad_first(self):
        return self._pad_first

    @pad_first.setter
    def pad_first(self, value):
        self._set_padding("_pad_first", value)

    @property
    def pad_before_eq(self):
        return self._pad_before_eq

    @pad_before_eq.setter
    def pad_before_eq(self, value):
        self._set_padding("_pad_before_eq", value)

    @property
    def pad_after_eq(self):
        return self._pad_after_eq

    @pad_after_eq.setter
    def pad_after_eq(self, value):
        self._set_padding("_pad_after_eq", value)
