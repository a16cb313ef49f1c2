"""A drop-in replacement for mwparserfromhell 0.7: ``import wikitext.compat as mwparserfromhell``."""

from typing import Any

from . import definitions as definitions
from . import nodes as nodes
from . import smart_list as smart_list
from . import string_mixin as string_mixin
from . import utils as utils
from . import wikicode as wikicode
from .utils import parse_anything as parse_anything
from .wikicode import Wikicode as Wikicode

__version__: str
version_info: tuple[int, int, int]

def parse(value: Any, context: int = 0, skip_style_tags: bool = False) -> Wikicode: ...
