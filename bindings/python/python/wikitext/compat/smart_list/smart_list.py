"""SmartList: a list whose slices stay attached to it.

``parent[a:b]`` is a ListProxy: a view that sees the parent's later changes
and whose own changes go to the parent. Each view's bounds are kept in
``parent._children`` (id -> (weakref, [start, stop, step]); ``stop`` None is
open-ended) and moved by every splice of the parent.
"""

from __future__ import annotations

import weakref
from types import MappingProxyType

from .list_proxy import ListProxy, _copy_docs, delete_slice

__all__ = ["SmartList"]


def _clamp(index: int, length: int) -> int:
    if index < 0:
        index += length
    return max(0, min(index, length))


class SmartList(list):
    """A list whose slices are live views of it (see the module docstring)."""

    # id -> (weakref, bounds) of the live views, made with the first one:
    # most lists never have a view, and an empty dict each is a tracked
    # object the cycle collector walks. (Read-only here: see _view.)
    _children = MappingProxyType({})

    def __reduce__(self):
        return (SmartList, (list(self),))

    def _bounds(self, key: slice):
        start, stop, step = key.start, key.stop, key.step or 1
        length = len(self)
        start = 0 if start is None else _clamp(start, length)
        stop = None if stop is None else _clamp(stop, length)
        return [start, stop, step]

    def _forget(self, ident):
        if self._children:
            self._children.pop(ident, None)

    def _view(self, key: slice) -> ListProxy:
        proxy = ListProxy(self)
        ident = id(proxy)
        ref = weakref.ref(proxy, lambda _ref, ident=ident, me=weakref.ref(self): me() and me()._forget(ident))
        children = self.__dict__.get("_children")
        if children is None:
            children = self._children = {}
        children[ident] = (ref, self._bounds(key))
        return proxy

    def _splice(self, a: int, b: int, items: list) -> None:
        """``self[a:b] = items`` with every view's bounds moved to follow."""
        list.__setitem__(self, slice(a, b), items)
        removed, added = b - a, len(items)
        if removed == added or not self._children:
            return
        for _ref, bounds in list(self._children.values()):
            if added:
                # As mwparserfromhell moves them: a view that starts after
                # the stretch shifts; one that ends at its end or later
                # grows (a view ending where items go in takes them).
                if bounds[0] > b:
                    bounds[0] += added - removed
                if bounds[1] is not None and bounds[1] >= b:
                    bounds[1] += added - removed
                continue
            # A deletion: bounds inside the stretch move to its start.
            for i in (0, 1):
                at = bounds[i]
                if at is None:
                    continue
                bounds[i] = at - removed if at >= b else min(at, a)

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self._view(key)
        return list.__getitem__(self, key)

    def __setitem__(self, key, value):
        if isinstance(key, slice):
            start, stop, step = key.indices(len(self))
            if step == 1:
                self._splice(start, max(start, stop), list(value))
                return
        list.__setitem__(self, key, value)

    def __delitem__(self, key):
        if isinstance(key, slice):
            delete_slice(self, key)
            return
        length = len(self)
        index = key + length if key < 0 else key
        if not 0 <= index < length:
            raise IndexError("list assignment index out of range")
        self._splice(index, index + 1, [])

    def __add__(self, other):
        return SmartList(list(self) + list(other))

    def __radd__(self, other):
        return SmartList(list(other) + list(self))

    def __iadd__(self, other):
        self.extend(other)
        return self

    def append(self, item):
        self._splice(len(self), len(self), [item])

    def extend(self, items):
        items = list(items)
        self._splice(len(self), len(self), items)

    def insert(self, index, item):
        index = _clamp(index, len(self))
        self._splice(index, index, [item])

    def pop(self, index=-1):
        item = list.__getitem__(self, index)
        del self[index]
        return item

    def remove(self, item):
        del self[self.index(item)]

    def _detach_children(self):
        """Reordering the parent ends its views: each keeps its items in a list of its own."""
        for ref, _bounds in list(self._children.values()):
            child = ref()
            if child is not None:
                own = SmartList(child._render())
                own._children = {id(child): (weakref.ref(child), [0, None, 1])}
                child._parent = own
        if self._children:
            self._children.clear()

    def reverse(self):
        self._detach_children()
        list.reverse(self)

    def sort(self, *, key=None, reverse=False):
        self._detach_children()
        list.sort(self, key=key, reverse=reverse)


_copy_docs(SmartList)
