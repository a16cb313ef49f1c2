from typing import Any

from ...string_mixin import StringMixIn
from ...wikicode import Wikicode

class Parameter(StringMixIn):
    """A template parameter; ``showkey`` False is a positional one."""

    name: Wikicode
    value: Wikicode
    showkey: bool
    def __init__(self, name: Any, value: Any, showkey: bool = True) -> None: ...
    @staticmethod
    def can_hide_key(key: Any) -> bool: ...

class Attribute(StringMixIn):
    """A tag attribute with its quotes and the whitespace around it."""

    name: Wikicode
    value: Wikicode | None
    quotes: str | None
    pad_first: str
    pad_before_eq: str
    pad_after_eq: str
    def __init__(
        self,
        name: Any,
        value: Any = None,
        quotes: str | None = '"',
        pad_first: str = " ",
        pad_before_eq: str = "",
        pad_after_eq: str = "",
    ) -> None: ...
