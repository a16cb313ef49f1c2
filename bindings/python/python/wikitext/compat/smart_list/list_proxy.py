"""ListProxy: a live slice of a SmartList."""

from __future__ import annotations

__all__ = ["ListProxy"]

_METHODS = ["append", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort"]


def _copy_docs(cls) -> None:
    for name in _METHODS:
        if name in cls.__dict__:
            cls.__dict__[name].__doc__ = getattr(list, name).__doc__


class ListProxy:
    """A view of ``parent[start:stop:step]`` that follows the parent's changes."""

    def __init__(self, parent):
        self._parent = parent

    def __reduce__(self):
        start, stop, step = self._bounds
        parent = type(self._parent)(list(self._parent))
        return (_rebuild, (parent, start, stop, step))

    @property
    def _bounds(self):
        return self._parent._children[id(self)][1]

    @property
    def _start(self) -> int:
        return self._bounds[0]

    @property
    def _stop(self) -> int:
        stop = self._bounds[1]
        return len(self._parent) if stop is None else stop

    def _render(self) -> list:
        start, _stop, step = self._bounds
        return list.__getitem__(self._parent, slice(start, self._stop, step))

    def _splice(self, i: int, j: int, items: list) -> None:
        start = self._start
        self._parent._splice(start + i, start + j, items)

    def _index(self, key: int) -> int:
        length = len(self)
        index = key + length if key < 0 else key
        if not 0 <= index < length:
            raise IndexError("list index out of range")
        return index

    def __repr__(self):
        return repr(self._render())

    def __lt__(self, other):
        return self._render() < _plain(other)

    def __le__(self, other):
        return self._render() <= _plain(other)

    def __eq__(self, other):
        return self._render() == _plain(other)

    def __ne__(self, other):
        return self._render() != _plain(other)

    def __gt__(self, other):
        return self._render() > _plain(other)

    def __ge__(self, other):
        return self._render() >= _plain(other)

    __hash__ = None

    def __bool__(self):
        return bool(self._render())

    def __len__(self):
        return max(0, (self._stop - self._start + self._bounds[2] - 1) // self._bounds[2])

    def __getitem__(self, key):
        if isinstance(key, slice) and self._bounds[2] in (None, 1) and key.step in (None, 1):
            # A slice of a slice is a live view of the parent, as in
            # mwparserfromhell (a section's own sections edit the page).
            start, stop, _ = key.indices(len(self))
            base, end = self._start, self._stop
            return self._parent[min(base + start, end):min(base + max(start, stop), end)]
        return self._render()[key]

    def __setitem__(self, key, value):
        if isinstance(key, slice):
            start, stop, step = key.indices(len(self))
            if step == 1:
                self._splice(start, max(start, stop), list(value))
                return
            rendered = self._render()
            rendered[key] = value
            self._splice(0, len(self), rendered)
            return
        index = self._index(key)
        list.__setitem__(self._parent, self._start + index * self._bounds[2], value)

    def __delitem__(self, key):
        if isinstance(key, slice):
            delete_slice(self, key)
            return
        index = self._index(key)
        self._splice(index, index + 1, [])

    def __iter__(self):
        return iter(self._render())

    def __reversed__(self):
        return reversed(self._render())

    def __contains__(self, item):
        return item in self._render()

    def __add__(self, other):
        return type(self._parent)(self._render() + list(other))

    def __radd__(self, other):
        return type(self._parent)(list(other) + self._render())

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, times):
        return type(self._parent)(self._render() * times)

    __rmul__ = __mul__

    def __imul__(self, times):
        self.extend(self._render() * (times - 1))
        return self

    def append(self, item):
        self._splice(len(self), len(self), [item])

    def count(self, item):
        return self._render().count(item)

    def extend(self, items):
        items = list(items)
        self._splice(len(self), len(self), items)

    def index(self, item, start=0, stop=None):
        rendered = self._render()
        return rendered.index(item, start, len(rendered) if stop is None else stop)

    def insert(self, index, item):
        length = len(self)
        if index < 0:
            index += length
        index = max(0, min(index, length))
        self._splice(index, index, [item])

    def pop(self, index=-1):
        item = self._render()[index]
        del self[index]
        return item

    def remove(self, item):
        del self[self.index(item)]

    def reverse(self):
        self._splice(0, len(self), self._render()[::-1])

    def sort(self, *, key=None, reverse=False):
        self._splice(0, len(self), sorted(self._render(), key=key, reverse=reverse))


def delete_slice(items, key: slice) -> None:
    """``del items[key]`` through ``items._splice``, so views follow."""
    start, stop, step = key.indices(len(items))
    if step == 1:
        items._splice(start, max(start, stop), [])
        return
    for index in sorted(range(start, stop, step), reverse=True):
        items._splice(index, index + 1, [])


def _plain(other):
    return other._render() if isinstance(other, ListProxy) else other


def _rebuild(parent, start, stop, step):
    return parent[slice(start, stop, step)]


_copy_docs(ListProxy)
