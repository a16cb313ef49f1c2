"""A drop-in replacement for mwparserfromhell 0.7: ``import wikitext.compat as mwparserfromhell``.

The parse happens in Rust (``wikitext``'s lossless tree); this package makes
mwparserfromhell's editable node objects from it. ``str(parse(text)) == text``.
"""

from . import definitions, nodes, smart_list, string_mixin, utils, wikicode
from .utils import parse_anything
from .wikicode import Wikicode

__all__ = ["definitions", "nodes", "parse", "parse_anything", "smart_list", "string_mixin", "utils", "wikicode", "Wikicode"]

__version__ = "0.7.2"
version_info = (0, 7, 2)


def parse(value, context=0, skip_style_tags=False):
    """Parse ``value`` (a string, node, Wikicode, bytes, int...) into Wikicode."""
    return parse_anything(value, context, skip_style_tags)
