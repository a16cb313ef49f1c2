"""StringMixIn: objects that behave as the string ``str(self)`` returns."""

from __future__ import annotations

__all__ = ["StringMixIn"]


class StringMixIn:
    """Makes a class act like ``str``: define ``__str__`` and every ``str`` method,
    comparison, ``len``, ``in``, iteration and slicing work on that string."""

    def __str__(self) -> str:
        raise NotImplementedError

    def __bytes__(self) -> bytes:
        return str(self).encode("utf8")

    def __repr__(self) -> str:
        return repr(str(self))

    def __lt__(self, other):
        return str(self) < other

    def __le__(self, other):
        return str(self) <= other

    def __eq__(self, other):
        return str(self) == other

    def __ne__(self, other):
        return str(self) != other

    def __gt__(self, other):
        return str(self) > other

    def __ge__(self, other):
        return str(self) >= other

    __hash__ = object.__hash__

    def __bool__(self) -> bool:
        return bool(str(self))

    def __len__(self) -> int:
        return len(str(self))

    def __iter__(self):
        yield from str(self)

    def __getitem__(self, key):
        return str(self)[key]

    def __reversed__(self):
        return reversed(str(self))

    def __contains__(self, item) -> bool:
        return str(item) in str(self)

    maketrans = str.maketrans


def _delegate(name):
    method = getattr(str, name)

    def delegated(self, *args, **kwargs):
        return method(str(self), *args, **kwargs)

    delegated.__name__ = name
    delegated.__doc__ = method.__doc__
    return delegated


for _name in [n for n in dir(str) if not n.startswith("_") and n != "maketrans"]:
    setattr(StringMixIn, _name, _delegate(_name))
del _name
