"""Node: the base of every node; a node is also the string it stands for."""

from __future__ import annotations

from operator import attrgetter

from ..string_mixin import StringMixIn

__all__ = ["Node"]


class Node(StringMixIn):
    """One node of a Wikicode: text, a template, a link, a tag..."""

    # Where the parser's builder found the node in its source (a hint for
    # searches by identity: see wikicode._find_node).
    _at = None

    def __children__(self):
        """The Wikicode objects inside this node, in source order: an iterator,
        as mwparserfromhell's generator is (the nodes return one over a tuple or
        list, which tree walks make faster than a generator)."""
        return iter(())

    def __strip__(self, **kwargs):
        """The node as readable text for ``strip_code()``; None drops it."""
        return None

    def __showtree__(self, write, get, mark):
        write(str(self))


_code_types = []


def wikicode(value):
    """``value`` as Wikicode (for property setters)."""
    if not _code_types:
        from ..builder import parse_text
        from ..utils import parse_anything
        from ..wikicode import Wikicode

        _code_types[:] = [Wikicode, parse_anything, parse_text]
    kind = type(value)
    if kind is _code_types[0]:
        return value
    if kind is str:
        # What parse_anything() does with a string, without its checks.
        return _code_types[2](value)
    return _code_types[1](value)


class CodeField:
    """A node attribute that holds Wikicode; assigning parses the value.

    On its class it becomes a property whose getter is a C-level attrgetter:
    fields are read far more often than set.
    """

    def __init__(self, optional=False):
        self.optional = optional

    def __set_name__(self, owner, name):
        self.slot = "_" + name
        setattr(owner, name, property(attrgetter(self.slot), self.__set__))

    def __set__(self, obj, value):
        if type(value) is str and _code_types:
            # (wikicode()'s first step for a string, without its call.)
            setattr(obj, self.slot, _code_types[2](value))
        else:
            setattr(obj, self.slot, None if value is None and self.optional else wikicode(value))


class BoolField(CodeField):
    """A node attribute that holds a bool."""

    def __set__(self, obj, value):
        setattr(obj, self.slot, bool(value))
