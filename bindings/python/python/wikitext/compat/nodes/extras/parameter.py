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
        # (Wikicode.__str__ of unbuilt code inlined: str() of a template
        # calls this for each parameter.)
        value = self._value
        lazy = value._lazy
        value = lazy[0].src[lazy[1]:lazy[2]] if lazy is not None and not value._handed else str(value)
        if self._showkey:
            name = self._name
            lazy = name._lazy
            return f"{lazy[0].src[lazy[1]:lazy[2]] if lazy is not None and not name._handed else str(name)}={value}"
        return value

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
