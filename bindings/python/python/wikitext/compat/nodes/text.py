"""Plain text, comments, entities, arguments and headings."""

from __future__ import annotations

import html.entities

from .node import CodeField, Node

__all__ = ["Argument", "Comment", "HTMLEntity", "Heading", "Text"]


class Text(Node):
    """Plain text."""

    def __init__(self, value):
        super().__init__()
        self.value = value

    def __str__(self):
        return self._value

    def __bool__(self):
        return bool(self._value)

    def __strip__(self, **kwargs):
        return self

    def __showtree__(self, write, get, mark):
        write(str(self).encode("unicode_escape").decode("utf8"))

    @property
    def value(self) -> str:
        return self._value

    @value.setter
    def value(self, newval):
        self._value = str(newval)


class Comment(Node):
    """``<!-- contents -->``."""

    def __bool__(self):
        # Never empty (its delimiters): no need to make the text.
        return True

    def __init__(self, contents):
        super().__init__()
        self.contents = contents

    def __str__(self):
        return "<!--" + self.contents + "-->"

    @property
    def contents(self) -> str:
        return self._contents

    @contents.setter
    def contents(self, value):
        self._contents = str(value)


class Argument(Node):
    """``{{{name|default}}}``: a template's parameter, inside a template."""

    def __bool__(self):
        # Never empty (its delimiters): no need to make the text.
        return True

    def __init__(self, name, default=None):
        super().__init__()
        self.name = name
        self.default = default

    def __str__(self):
        if self.default is None:
            return "{{{" + str(self.name) + "}}}"
        return "{{{" + str(self.name) + "|" + str(self.default) + "}}}"

    def __showtree__(self, write, get, mark):
        write("{{{")
        get(self.name)
        if self.default is not None:
            write("    | ")
            mark()
            get(self.default)
        write("}}}")

    def __children__(self):
        default = self._default
        return iter((self._name,) if default is None else (self._name, default))

    def __strip__(self, **kwargs):
        if self.default is not None:
            return self.default.strip_code(**kwargs)
        return None

    name = CodeField()

    default = CodeField(optional=True)


class Heading(Node):
    """``== title ==`` at ``level`` 1 to 6."""

    def __bool__(self):
        # Never empty (its delimiters): no need to make the text.
        return True

    def __init__(self, title, level):
        super().__init__()
        self.title = title
        self.level = level

    def __str__(self):
        marks = "=" * self.level
        return marks + str(self.title) + marks

    def __showtree__(self, write, get, mark):
        write("=" * self.level)
        get(self.title)
        write("=" * self.level)

    def __children__(self):
        return iter((self._title,))

    def __strip__(self, **kwargs):
        return self.title.strip_code(**kwargs)

    title = CodeField()

    @property
    def level(self) -> int:
        return self._level

    @level.setter
    def level(self, value):
        value = int(value)
        if value < 1 or value > 6:
            raise ValueError(value)
        self._level = value


class HTMLEntity(Node):
    """``&name;``, ``&#123;`` or ``&#x7B;``."""

    def __bool__(self):
        # Never empty (its delimiters): no need to make the text.
        return True

    def __init__(self, value, named=None, hexadecimal=False, hex_char="x"):
        super().__init__()
        self._value = value
        if named is None:
            try:
                int(value)
                self._named = False
                self._hexadecimal = False
            except ValueError:
                try:
                    int(value, 16)
                    self._named = False
                    self._hexadecimal = True
                except ValueError:
                    self._named = True
                    self._hexadecimal = False
        else:
            self._named = named
            self._hexadecimal = hexadecimal
        self._hex_char = hex_char

    def __str__(self):
        if self.named:
            return f"&{self.value};"
        if self.hexadecimal:
            return f"&#{self.hex_char}{self.value};"
        return f"&#{self.value};"

    def __strip__(self, **kwargs):
        if kwargs.get("normalize"):
            try:
                return self.normalize()
            except ValueError:
                return str(self)
        return self

    @property
    def value(self) -> str:
        return self._value

    @property
    def named(self) -> bool:
        return self._named

    @property
    def hexadecimal(self) -> bool:
        return self._hexadecimal

    @property
    def hex_char(self) -> str:
        return self._hex_char

    @value.setter
    def value(self, newval):
        newval = str(newval)
        try:
            code = int(newval, 16 if self.hexadecimal else 10)
            hexadecimal = self.hexadecimal
        except ValueError:
            try:
                code = int(newval, 16)
                hexadecimal = True
            except ValueError:
                if newval not in html.entities.entitydefs:
                    raise ValueError(newval) from None
                self._value, self._named, self._hexadecimal = newval, True, False
                return
        if code < 0 or code > 0x10FFFF:
            raise ValueError(newval)
        self._value, self._named, self._hexadecimal = newval, False, hexadecimal

    @named.setter
    def named(self, newval):
        newval = bool(newval)
        if newval and self.value not in html.entities.entitydefs:
            raise ValueError(newval)
        if not newval:
            try:
                int(self.value, 16)
            except ValueError:
                raise ValueError(newval) from None
        self._named = newval

    @hexadecimal.setter
    def hexadecimal(self, newval):
        newval = bool(newval)
        if newval and self.named:
            raise ValueError(newval)
        self._hexadecimal = newval

    @hex_char.setter
    def hex_char(self, newval):
        newval = str(newval)
        if newval not in ("x", "X"):
            raise ValueError(newval)
        self._hex_char = newval

    def normalize(self) -> str:
        """The character the entity stands for."""
        if self.named:
            return html.entities.html5.get(self.value + ";", str(self))
        code = int(self.value, 16 if self.hexadecimal else 10)
        if code < 0 or code > 0x10FFFF:
            raise ValueError(f"{self.value} is not a Unicode code point")
        return chr(code)
