"""The node types of a Wikicode."""

from . import extras
from .links import ExternalLink, Wikilink
from .node import Node
from .tag import Tag
from .template import Template
from .text import Argument, Comment, Heading, HTMLEntity, Text

__all__ = [
    "Argument",
    "Comment",
    "ExternalLink",
    "HTMLEntity",
    "Heading",
    "Node",
    "Tag",
    "Template",
    "Text",
    "Wikilink",
    "extras",
]
