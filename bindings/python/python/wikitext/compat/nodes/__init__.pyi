from typing import Any, Iterator

from ..string_mixin import StringMixIn
from ..wikicode import Wikicode
from . import extras as extras
from .extras import Attribute, Parameter

class Node(StringMixIn):
    """One node of a Wikicode; also the string it stands for."""

    def __children__(self) -> Iterator[Wikicode]: ...
    def __strip__(self, **kwargs: Any) -> Any: ...

class Text(Node):
    value: str
    def __init__(self, value: Any) -> None: ...

class Comment(Node):
    contents: str
    def __init__(self, contents: Any) -> None: ...

class Argument(Node):
    name: Wikicode
    default: Wikicode | None
    def __init__(self, name: Any, default: Any = None) -> None: ...

class Heading(Node):
    title: Wikicode
    level: int
    def __init__(self, title: Any, level: int) -> None: ...

class HTMLEntity(Node):
    value: str
    named: bool
    hexadecimal: bool
    hex_char: str
    def __init__(self, value: str, named: bool | None = None, hexadecimal: bool = False, hex_char: str = "x") -> None: ...
    def normalize(self) -> str: ...

class Wikilink(Node):
    title: Wikicode
    text: Wikicode | None
    def __init__(self, title: Any, text: Any = None) -> None: ...

class ExternalLink(Node):
    url: Wikicode
    title: Wikicode | None
    brackets: bool
    suppress_space: bool
    def __init__(self, url: Any, title: Any = None, brackets: bool = True, suppress_space: bool = False) -> None: ...

class Tag(Node):
    tag: Wikicode
    contents: Wikicode
    wiki_markup: str | None
    self_closing: bool
    invalid: bool
    implicit: bool
    padding: str
    closing_tag: Wikicode
    wiki_style_separator: str | None
    closing_wiki_markup: str | None
    def __init__(
        self,
        tag: Any,
        contents: Any = None,
        attrs: list[Attribute] | None = None,
        wiki_markup: str | None = None,
        self_closing: bool = False,
        invalid: bool = False,
        implicit: bool = False,
        padding: str = "",
        closing_tag: Any = None,
        wiki_style_separator: str | None = None,
        closing_wiki_markup: str | None = None,
    ) -> None: ...
    @property
    def attributes(self) -> list[Attribute]: ...
    def has(self, name: Any) -> bool: ...
    def get(self, name: Any) -> Attribute: ...
    def add(self, name: Any, value: Any = None, quotes: str | None = '"', pad_first: str = " ", pad_before_eq: str = "", pad_after_eq: str = "") -> Attribute: ...
    def remove(self, name: Any) -> None: ...

class Template(Node):
    name: Wikicode
    def __init__(self, name: Any, params: list[Parameter] | None = None) -> None: ...
    @property
    def params(self) -> list[Parameter]: ...
    def has(self, name: Any, ignore_empty: bool = False) -> bool: ...
    def has_param(self, name: Any, ignore_empty: bool = False) -> bool: ...
    def get(self, name: Any, default: Any = ...) -> Parameter: ...
    def add(
        self,
        name: Any,
        value: Any,
        showkey: bool | None = None,
        before: Parameter | str | None = None,
        after: Parameter | str | None = None,
        preserve_spacing: bool = True,
    ) -> Parameter: ...
    def remove(self, param: Parameter | str, keep_field: bool = False) -> None: ...
    def update(self, params: dict[Any, Any], **kwargs: Any) -> None: ...
