from typing import Any

from .wikicode import Wikicode

def parse_anything(value: Any, context: int = 0, skip_style_tags: bool = False) -> Wikicode: ...
