"""Parameter: one ``|name=value`` (or positional ``|value``) of a template."""

from __future__ import annotations

import re

from ...string_mixin import StringMixIn
from ..node import CodeField

__all__ = ["Parameter"]


class Parameter(StringMixIn):
    """A template parameter; ``showkey`` False is a positional one."""

    def __init__(self, name, value, showkey=True):
        super().__init__()
        self.name = name
        self.value = value
        self.showkey = showkey

    def __str__(self):
        if self._showkey:
            return f"{str(self._name)}={str(self._value)}"
        return str(self._value)

    @staticmethod
    def can_hide_key(key) -> bool:
        """Whether a parameter named ``key`` can be written positionally."""
        return re.match(r"[1-9][0-9]*$", str(key).strip()) is not None

    name = CodeField()

    value = CodeField()

    @property
    def showkey(self) -> bool:
        return self._showkey

    @showkey.setter
    def showkey(self, value):
        value = bool(value)
        if not value and not self.can_hide_key(self.name):
            raise ValueError("parameter key {!r} cannot be hidden".format(str(self.name)))
        self._showkey = value
