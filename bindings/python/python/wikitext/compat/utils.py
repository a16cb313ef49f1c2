"""parse_anything: turn a string, node, list... into Wikicode."""

from __future__ import annotations

__all__ = ["parse_anything"]


def _parse_text(text):
    """The builder's parse_text, imported on first use (the builder imports this module)."""
    global _parse_text
    from .builder import parse_text

    _parse_text = parse_text
    return parse_text(text)


def parse_anything(value, context=0, skip_style_tags=False):
    """``value`` as Wikicode: Wikicode itself, a node, a string (parsed),
    bytes, an int, None (empty), or an iterable of those (joined)."""
    if type(value) is str:
        return _parse_text(value)
    if not _TYPES:
        _import_types()
    Wikicode, Node, Parameter, SmartList = _TYPES
    if isinstance(value, Wikicode):
        return value
    if isinstance(value, Node):
        return Wikicode(SmartList([value]))
    if isinstance(value, str):
        return _parse_text(value)
    if isinstance(value, bytes):
        return _parse_text(value.decode("utf8"))
    if isinstance(value, int):
        return _parse_text(str(value))
    if value is None:
        return Wikicode(SmartList())
    if isinstance(value, Parameter):
        return _parse_text(str(value))
    if hasattr(value, "read"):
        return parse_anything(value.read())
    try:
        nodelist = SmartList()
        for item in value:
            nodelist += parse_anything(item).nodes
        return Wikicode(nodelist)
    except TypeError as exc:
        raise ValueError(f"Needs string, Node, Wikicode, file, int, None, or iterable of these, but got {type(value).__name__}: {value}") from exc


# (Wikicode, Node, Parameter, SmartList), imported on first use: they import
# this module. (An import statement per call costs more than the call.)
_TYPES = []


def _import_types():
    from .nodes import Node
    from .nodes.extras import Parameter
    from .smart_list import SmartList
    from .wikicode import Wikicode

    _TYPES[:] = [Wikicode, Node, Parameter, SmartList]
