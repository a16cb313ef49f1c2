"""Wikicode: a list of nodes that is also the string of its source."""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left

from .nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from .smart_list import SmartList
from .string_mixin import StringMixIn
from .utils import parse_anything

__all__ = ["Wikicode"]

FLAGS = re.IGNORECASE | re.DOTALL | re.UNICODE


def _descendants(node):
    """``node``, then every node inside it, depth first in source order."""
    yield node
    for code in node.__children__():
        for child in code.nodes:
            yield from _descendants(child)


def _all_nodes(node, out, skip_inside=None):
    """``node`` and every node inside it (not inside ``skip_inside`` nodes),
    depth first in source order, appended to ``out``."""
    out.append(node)
    if type(node) is Text or (skip_inside is not None and isinstance(node, skip_inside)):
        return out
    for code in node.__children__():
        for child in code._nodes:
            _all_nodes(child, out, skip_inside)
    return out


def _typed_nodes(node, wanted, with_text, out):
    """The ``wanted`` nodes among ``node`` and the nodes inside it, depth
    first in source order, appended to ``out``: the walk of
    ``filter(forcetype=wanted)``, which leaves unbuilt source that cannot
    hold a ``wanted`` node unbuilt, and, unless Text is wanted
    (``with_text``), builds of unbuilt source only the nodes on the way to
    the wanted ones (see _Builder.typed_nodes)."""
    if isinstance(node, wanted):
        out.append(node)
    kind = type(node)
    if kind is Text:
        return out
    if kind is Template and node._unbuilt is not None and not _params_may_hold(node._unbuilt, wanted):
        children = node._unbuilt_children()
    elif kind is Tag and node._lazy_parts is not None and not with_text and not _attributes_may_hold(node._lazy_parts, wanted):
        # Its unbuilt name and closing tag are text.
        children = (node._contents,)
    else:
        children = node.__children__()
    for code in children:
        lazy = code._lazy
        if lazy is not None:
            builder = lazy[0]
            # _may_hold(), inlined: this is the walk's inner loop.
            try:
                starts = builder._by_type[wanted]
            except KeyError:
                starts = builder.type_starts(wanted)
            if starts is not None:
                at = bisect_left(starts, lazy[1])
                if at == len(starts) or starts[at] >= lazy[2]:
                    continue
                if not with_text and builder.typed_nodes(code, wanted, out):
                    continue
        for child in code._nodes:
            if type(child) is Text:
                if with_text:
                    out.append(child)
            else:
                _typed_nodes(child, wanted, with_text, out)
    return out


def _span(nodes):
    """(list, start, step) of a node list: a live slice's parent list and where
    it starts, or the list itself from 0."""
    parent = getattr(nodes, "_parent", None)
    if parent is not None and hasattr(nodes, "_bounds"):
        start, _, step = nodes._bounds
        return parent, start, step or 1
    return nodes, 0, 1


def _built_children(node):
    """The Wikicode inside ``node`` that may hold node objects: unbuilt
    Wikicode, a Template's unbuilt parameters and a Tag's unbuilt parts
    hold none yet."""
    kind = type(node)
    if kind is Template and node._unbuilt is not None:
        return node._unbuilt_children()
    if kind is Tag and node._lazy_parts is not None:
        return (node._contents,)
    return node.__children__()


def _params_may_hold(unbuilt, node_type):
    """Whether a Template's unbuilt parameters may hold a ``node_type`` node."""
    builder, _row, args_start, end, _depth = unbuilt
    return _may_hold(builder, args_start, end, node_type)


def _attributes_may_hold(lazy_parts, node_type):
    """Whether a Tag's unbuilt attributes may hold a ``node_type`` node."""
    return _may_hold(lazy_parts[0], lazy_parts[3], lazy_parts[4], node_type)


def _may_hold(builder, lo, hi, node_type):
    """Whether the unbuilt source ``[lo, hi)`` may hold a ``node_type`` node."""
    try:
        starts = builder._by_type[node_type]
    except KeyError:
        starts = builder.type_starts(node_type)
    if starts is None:
        return True
    at = bisect_left(starts, lo)
    return at < len(starts) and starts[at] < hi


def _find_node(code, obj, recursive, at=None):
    """(the Wikicode holding ``obj``, its slice there), or None. With ``at``
    (where ``obj`` was in the source), Wikicode built from a source range
    without it is not searched: pass None when that finds nothing, as an
    edit may have moved ``obj``."""
    nodes = code._nodes
    for index, node in enumerate(nodes):
        if node is obj:
            return code, slice(index, index + 1)
    if recursive:
        for node in nodes:
            if type(node) is Text:
                continue
            for inner in _built_children(node):
                lazy = inner._lazy
                if lazy is None or inner._handed:
                    if at is not None:
                        built = lazy or inner._built
                        if built is not None and not built[1] <= at < built[2]:
                            continue
                    found = _find_node(inner, obj, True, at)
                    if found is not None:
                        return found
    return None


# In an unbuilt Wikicode's map of the nodes a typed filter built (see
# _Builder.typed_nodes), a node removed in place: the row builds nothing and
# writes nothing.
REMOVED = object()
REMOVED_HIT = (REMOVED, None)


def _find_unbuilt(code, obj, at):
    """Where the node ``obj`` is, searching the nodes a typed filter built
    inside the unbuilt Wikicode ``code`` (it keeps them by row) without
    building anything: (``code``, the row) for one it keeps, (a Wikicode
    built since, the slice) for one inside that; None if not found this way.
    ``at``, where ``obj`` was in the source, skips nodes whose range cannot
    hold it (a node an edit moved is found by the full search instead)."""
    cache = code._handed
    if not cache:
        return None
    builder = code._lazy[0]
    rows = getattr(builder, "builder", builder)
    starts, ends = rows.starts, rows.ends
    if at is not None:
        # Only the rows that start at ``at`` can hold it here (a node in the
        # map was built at its row, which set its ``_at``; pre-order rows
        # are sorted by start): a script's removals of the nodes a filter
        # handed out would otherwise each scan the whole map.
        row = bisect_left(starts, at)
        while row < len(starts) and starts[row] == at:
            hit = cache.get(row)
            if hit is not None and hit[0] is obj:
                return code, row
            row += 1
    else:
        for row, hit in cache.items():
            if hit[0] is obj:
                return code, row
    for row, hit in cache.items():
        node = hit[0]
        if type(node) is Text or not isinstance(node, Node):
            continue
        if at is not None and not starts[row] <= at < ends[row]:
            continue
        for inner in _built_children(node):
            found = _find_unbuilt(inner, obj, at) if inner._lazy is not None else _find_built(inner, obj, at)
            if found is not None:
                return found
    return None


def _find_built(code, obj, at):
    """_find_unbuilt() of a built Wikicode: (``code``, the slice) if ``obj``
    is one of its nodes, else searched inside them without building."""
    nodes = code._nodes
    for index, node in enumerate(nodes):
        if node is obj:
            return code, slice(index, index + 1)
    for node in nodes:
        if type(node) is Text:
            continue
        for inner in _built_children(node):
            if inner._lazy is not None:
                found = _find_unbuilt(inner, obj, at)
            else:
                built = inner._built
                if at is not None and built is not None and not built[1] <= at < built[2]:
                    continue
                found = _find_built(inner, obj, at)
            if found is not None:
                return found
    return None


def _title_key(text: str) -> str:
    text = text.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


class Wikicode(StringMixIn):
    """A sequence of nodes; ``str()`` of it is the wikitext it stands for."""

    RECURSE_OTHERS = 2

    # (builder, start, end, first row, stop row) while the nodes are unbuilt:
    # the parser's Wikicode builds them when first read (see builder.py).
    _lazy = None
    # The same, once built (the range a search by identity can skip).
    _built = None
    # Unbuilt, but a typed filter built nodes inside it, and maybe handed
    # them out: row -> node (see _Builder.typed_nodes); its text may differ
    # from its source, and a search by identity looks inside it.
    _handed = None
    # Weak references to the unbuilt sections get_sections() gave of this
    # unbuilt code: building it makes them slices of its nodes.
    _lazy_sections = None

    # The nodes, once built (see _nodes).
    _list = None

    def __init__(self, nodes):
        self._lazy = self._handed = None
        self._list = nodes if isinstance(nodes, list) or hasattr(nodes, "_parent") else SmartList(nodes)

    def _built_nodes(self):
        """The nodes, built when first read. (A property, not __getattr__:
        a class with __getattr__ makes every attribute read of its
        instances take the slow path.)"""
        nodes = self._list
        if nodes is None:
            nodes = self._build()
        return nodes

    def _set_list(self, value):
        self._list = value

    _nodes = property(_built_nodes, _set_list)

    def _build(self):
        """Builds the nodes of unbuilt code (see builder.py)."""
        lazy = self._lazy
        if lazy is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute '_nodes'")
        nodes = self._list = lazy[0].materialize(*lazy[1:], self._handed)
        self._built, self._lazy, self._handed = lazy, None, None
        if self._lazy_sections is not None:
            self._views_of_sections()
        return nodes

    def __bool__(self):
        # Whether str(self) is not empty, without making it where that is
        # known: unbuilt code with nothing handed out is its source range.
        lazy = self._lazy
        if lazy is not None and not self._handed:
            return lazy[1] < lazy[2]
        return any(map(bool, self._list)) if lazy is None else bool(str(self))

    def __str__(self):
        lazy = self._lazy
        if lazy is not None:
            if self._handed:
                return lazy[0].spliced(lazy[1], lazy[2], lazy[3], lazy[4], self._handed)
            return lazy[0].src[lazy[1]:lazy[2]]
        nodes = self._list
        # (A Text's value read directly: str() of it is a Python call. A
        # script's strings and add()'s padding make lists of Text only.)
        if len(nodes) == 1:
            # (Unpacked, not indexed: SmartList's __getitem__ is Python.)
            (node,) = nodes
            return node._value if type(node) is Text else str(node)
        return "".join([node._value if type(node) is Text else str(node) for node in nodes])

    def _set_nodes(self, value):
        if not isinstance(value, list) and not hasattr(value, "_parent"):
            value = parse_anything(value).nodes
        if self._lazy_sections is not None:
            # Its sections are slices of the nodes it had.
            self._nodes
        self._list = value
        self._lazy = self._built = None

    nodes = property(_built_nodes, _set_nodes, doc="The nodes, a SmartList.")

    def _nodes_to_read(self):
        """The nodes, for a read that keeps none of them."""
        return self.nodes

    # -- finding nodes -------------------------------------------------

    def _contexts(self, built_only=False):
        """This code and every Wikicode inside its nodes, depth first
        (only those already built, if ``built_only``: a search by identity)."""
        yield self
        for node in self.nodes:
            for code in _built_children(node) if built_only else node.__children__():
                if not (built_only and code._lazy is not None and not code._handed):
                    yield from code._contexts(built_only)

    def _strong_search(self, obj, recursive=True):
        """(context, slice) of the node or Wikicode ``obj``, by identity."""
        if isinstance(obj, Node):
            found = _find_node(self, obj, recursive, obj._at)
            if found is None and obj._at is not None:
                found = _find_node(self, obj, recursive)
            if found is None:
                raise ValueError(obj)
            return found
        contexts = self._contexts(built_only=True) if recursive else [self]
        # A live slice (a section) is found by where it lies in its list.
        span = _span(obj.nodes)
        for context in contexts if span[2] == 1 else []:
            root, start, _ = _span(context.nodes)
            if root is span[0] and start <= span[1] and span[1] + len(obj.nodes) <= start + len(context.nodes):
                return context, slice(span[1] - start, span[1] - start + len(obj.nodes))
        contexts = self._contexts(built_only=True) if recursive else [self]
        wanted = list(obj.nodes)
        if not wanted:
            raise ValueError(obj)
        for context in contexts:
            nodes = list(context.nodes)
            for index, node in enumerate(nodes):
                if node is wanted[0] and all(
                    a is b for a, b in zip(nodes[index:index + len(wanted)], wanted)
                ) and len(nodes) - index >= len(wanted):
                    return context, slice(index, index + len(wanted))
        raise ValueError(obj)

    def _weak_search(self, obj, recursive=True):
        """Every (context, slice) of consecutive nodes whose texts are those
        of the nodes ``obj`` parses to, as mwparserfromhell finds them:
        each context from its last node back, looking inside a node (if
        ``recursive``) only where it holds the text; contexts last found
        first. ValueError if there is none."""
        wanted = [str(node) for node in parse_anything(obj).nodes]
        text = "".join(wanted)
        if not wanted or text not in str(self):
            raise ValueError(obj)
        found = []
        contexts = [self]
        last, count = wanted[-1], len(wanted)
        while contexts:
            context = contexts.pop()
            nodes = context.nodes
            index = len(nodes) - 1
            while index >= 0:
                node = nodes[index]
                node_text = str(node)
                if node_text == last:
                    start = index - count + 1
                    if start >= 0 and all(str(nodes[start + k]) == wanted[k] for k in range(count - 1)):
                        found.append((context, slice(start, index + 1)))
                        index = start
                elif recursive and text in node_text:
                    contexts.extend(node.__children__())
                index -= 1
        if not found:
            raise ValueError(obj)
        return found

    def _matches(self, obj, recursive):
        if isinstance(obj, (Node, Wikicode)):
            return [self._strong_search(obj, recursive)]
        return self._weak_search(obj, recursive)

    @staticmethod
    def _build_matcher(matches, flags):
        if matches is None:
            return lambda node: True
        if callable(matches):
            return matches
        return lambda node: re.search(matches, str(node), flags)

    def _indexed_ifilter(self, recursive=True, matches=None, flags=FLAGS, forcetype=None, unbuilt_tried=False):
        """(top-level index, node) of ifilter()'s nodes (``unbuilt_tried``:
        filter() asked _unbuilt_typed() already, and it gave None)."""
        match = None if matches is None else self._build_matcher(matches, flags)
        if recursive is True and isinstance(forcetype, type):
            with_text = issubclass(Text, forcetype)
            # Unbuilt: only the nodes on the way to the wanted ones are
            # built. (No top-level index without building the top level.)
            found = None if self._lazy is None or unbuilt_tried else self._unbuilt_typed(forcetype)
            if found is not None:
                for node in found:
                    if match is None or match(node):
                        yield None, node
                return
            for index, top in enumerate(self.nodes):
                # Most top-level nodes are Text: no walk, no call.
                if type(top) is Text:
                    if with_text and (match is None or match(top)):
                        yield index, top
                    continue
                for node in _typed_nodes(top, forcetype, with_text, []):
                    if match is None or match(node):
                        yield index, node
            return
        for index, top in enumerate(self.nodes):
            if recursive == Wikicode.RECURSE_OTHERS and forcetype is not None:
                nodes = _all_nodes(top, [], skip_inside=forcetype)
            else:
                nodes = _all_nodes(top, []) if recursive else (top,)
            for node in nodes:
                if (forcetype is None or isinstance(node, forcetype)) and (match is None or match(node)):
                    yield index, node

    def ifilter(self, recursive=True, matches=None, flags=FLAGS, forcetype=None):
        """Iterate over the nodes (and, if ``recursive``, the nodes inside them)
        of type ``forcetype`` whose text matches the regex or predicate ``matches``."""
        return (node for _, node in self._indexed_ifilter(recursive, matches, flags, forcetype))

    def filter(self, recursive=True, matches=None, flags=FLAGS, forcetype=None):
        """``list(ifilter(...))``."""
        tried = recursive is True and matches is None and self._lazy is not None
        if tried:
            # filter_templates() and its kin on unbuilt code: the typed
            # walk's list itself (no generator step per node).
            found = self._unbuilt_typed(forcetype)
            if found is not None:
                return found
        return [node for _, node in self._indexed_ifilter(recursive, matches, flags, forcetype, tried)]

    def _unbuilt_typed(self, forcetype):
        """The ``forcetype`` nodes in this unbuilt Wikicode, recursively, as
        _indexed_ifilter finds them; None where it builds the code."""
        if not isinstance(forcetype, type) or issubclass(Text, forcetype):
            return None
        builder = self._lazy[0]
        if builder.type_starts(forcetype) is None:
            return None
        found = []
        return found if builder.typed_nodes(self, forcetype, found) else None

    # -- reading and editing ---------------------------------------------

    def get(self, index):
        """The node at ``index``."""
        return self.nodes[index]

    def set(self, index, value):
        """Replace the node at ``index`` with ``value`` (parsed; may be several nodes)."""
        nodes = parse_anything(value).nodes
        if len(nodes) > 1 or not nodes:
            if len(nodes) > 1:
                raise ValueError("Cannot coerce multiple nodes into one index")
            length = len(self.nodes)
            position = index + length if index < 0 else index
            if not 0 <= position < length:
                raise IndexError("list index out of range")
            self.nodes[position:position + 1] = list(nodes)
        else:
            self.nodes[index] = nodes[0]

    def contains(self, obj) -> bool:
        """Whether the node or Wikicode ``obj`` is in here (at any depth); a string: as text."""
        if not isinstance(obj, (Node, Wikicode)):
            return obj in self
        try:
            self._strong_search(obj)
        except ValueError:
            return False
        return True

    def index(self, obj, recursive=False):
        """The index of the top-level node that is (or, if ``recursive``, holds)
        ``obj``: a node or Wikicode by identity, a string by text."""
        if isinstance(obj, Node):
            found = lambda node: node is obj  # noqa: E731
        elif isinstance(obj, Wikicode):
            # A Wikicode is never a node itself: only found inside one.
            if not recursive:
                raise ValueError(obj)
            found = lambda node: any(code is obj for code in node.__children__())  # noqa: E731
        else:
            text = str(obj)
            found = lambda node: str(node) == text  # noqa: E731
        for index, node in enumerate(self.nodes):
            if found(node) if not recursive else any(found(inner) for inner in _descendants(node)):
                return index
        raise ValueError(obj)

    def get_ancestors(self, obj):
        """The nodes that hold ``obj``, outermost first."""
        def walk(code, path):
            for node in code.nodes:
                if node is obj:
                    return path
                for child in _built_children(node):
                    if child._lazy is not None and not child._handed:
                        continue
                    found = walk(child, path + [node])
                    if found is not None:
                        return found
            return None

        found = walk(self, [])
        if found is None:
            raise ValueError(obj)
        return found

    def get_parent(self, obj):
        """The node that holds ``obj``, or None at the top."""
        ancestors = self.get_ancestors(obj)
        return ancestors[-1] if ancestors else None

    def insert(self, index, value):
        """Insert ``value`` (parsed) at ``index``."""
        nodes = list(parse_anything(value).nodes)
        self.nodes[index:index] = nodes

    def _edit_text(self, obj, recursive, make):
        """Where no run of nodes is the text ``obj`` (it starts or ends inside a
        node), edit the text itself: every ``obj`` becomes ``make(obj)`` and the
        code is parsed again. Only when searching recursively, as
        mwparserfromhell does; ``ValueError`` if the text is nowhere."""
        old = str(obj)
        text = str(self)
        if not recursive or not old or old not in text:
            raise ValueError(obj)
        self.nodes[0:len(self.nodes)] = list(parse_anything(text.replace(old, make(old))).nodes)

    def _text_matches(self, obj, recursive):
        """The matches of ``obj``, or None for a text found only inside nodes."""
        if isinstance(obj, (Node, Wikicode)):
            return self._matches(obj, recursive)
        try:
            return self._weak_search(obj, recursive)
        except ValueError:
            return None

    def insert_before(self, obj, value, recursive=True):
        """Insert ``value`` before ``obj`` (a node, Wikicode, or text to find)."""
        matches = self._text_matches(obj, recursive)
        if matches is None:
            return self._edit_text(obj, recursive, lambda old: str(value) + old)
        for context, where in matches:
            context.insert(where.start, value)

    def insert_after(self, obj, value, recursive=True):
        """Insert ``value`` after ``obj`` (a node, Wikicode, or text to find)."""
        matches = self._text_matches(obj, recursive)
        if matches is None:
            return self._edit_text(obj, recursive, lambda old: old + str(value))
        for context, where in matches:
            context.insert(where.stop, value)

    def replace(self, obj, value, recursive=True):
        """Replace ``obj`` (a node, Wikicode, or text to find) with ``value``."""
        matches = self._text_matches(obj, recursive)
        if matches is None:
            return self._edit_text(obj, recursive, lambda old: str(value))
        for context, where in matches:
            context.nodes[where.start:where.stop] = list(parse_anything(value).nodes)

    def append(self, value):
        """Append ``value`` (parsed)."""
        self.nodes.extend(list(parse_anything(value).nodes))

    def remove(self, obj, recursive=True):
        """Remove ``obj`` (a node, Wikicode, or text to find)."""
        if recursive and self._lazy is not None and isinstance(obj, Node):
            # A node a typed filter handed out from unbuilt code is removed
            # where it is kept: nothing is built for it.
            found = _find_unbuilt(self, obj, obj._at)
            if found is not None:
                code, where = found
                if type(where) is not int:
                    del code.nodes[where]
                    return
                # (A heading's row also holds the comments after it, which stay.)
                cache = code._handed
                if cache[where][1] is None:
                    cache[where] = REMOVED_HIT
                    # (Its key says the map holds a removal: see _without_removed.)
                    cache[REMOVED] = REMOVED_HIT
                    return
        matches = self._text_matches(obj, recursive)
        if matches is None:
            return self._edit_text(obj, recursive, lambda old: "")
        for context, where in matches:
            del context.nodes[where.start:where.stop]

    def matches(self, other) -> bool:
        """Whether this code's text is ``other`` (or one of ``other``), as MediaWiki
        compares titles: surrounding whitespace and markup ignored, ``_`` is a
        space, and the first letter's case does not count."""
        this = _title_key(self.strip_code())
        if isinstance(other, (str, bytes, Wikicode, Node)):
            other = [other]
        return any(this == _title_key(parse_anything(candidate).strip_code()) for candidate in other)

    def get_sections(self, levels=None, matches=None, flags=FLAGS, flat=False, include_lead=None, include_headings=True):
        """Sections as live Wikicode slices: the lead, then one per heading
        (to the next heading of its level or above; to the next heading if ``flat``)."""
        title_matches = self._build_matcher(matches, flags)
        lazy = self._lazy
        found = None
        if lazy is not None and hasattr(lazy[0], "top_headings"):
            # Unbuilt: the sections stay unbuilt too (see _LazySection).
            cache = self._handed
            if cache is None:
                cache = {}
            found = lazy[0].top_headings(*lazy[1:], cache)
            # (Kept even empty: the sections share it.)
            self._handed = cache
        if found is None:
            headings = [(i, node) for i, node in enumerate(self.nodes) if isinstance(node, Heading)]
            length = len(self.nodes)
        else:
            headings = list(enumerate(heading for _, heading in found))
            length = len(found)
        sections = []
        if include_lead or not (include_lead is not None or matches or levels):
            end = headings[0][0] if headings else length
            sections.append(self._section(found, None, end, True))
        # Where each section ends: the next heading (flat) or the next of its
        # level or above, found in one pass from the end (a page may have
        # thousands of headings).
        ends = [length] * len(headings)
        waiting = []  # (level, index) of later headings, levels rising to the top
        for position in range(len(headings) - 1, -1, -1):
            index, heading = headings[position]
            level = heading.level
            if flat:
                ends[position] = headings[position + 1][0] if position + 1 < len(headings) else length
                continue
            while waiting and waiting[-1][0] > level:
                waiting.pop()
            if waiting:
                ends[position] = waiting[-1][1]
            waiting.append((level, index))
        for position, (index, heading) in enumerate(headings):
            if levels and heading.level not in levels:
                continue
            if matches and not title_matches(heading.title):
                continue
            sections.append(self._section(found, index, ends[position], include_headings))
        return sections

    def _section(self, found, start, end, include_heading):
        """The section from the heading at ``start`` (None: the start) to the
        one at ``end``, as a slice of the nodes, or, where get_sections()
        found the headings (``found``: their rows) without building them, as
        an unbuilt _LazySection."""
        if found is None:
            if start is not None and not include_heading:
                start += 1
            return Wikicode(self.nodes[start or 0:end])
        builder, lo, hi, first, stop, depth = self._lazy
        starts, ends, nexts = builder.starts, builder.ends, builder.nexts
        start_heading = None
        if start is not None:
            row, start_heading = found[start]
            if include_heading:
                lo, first = starts[row], row
            else:
                # After the heading's closing marks: comments and spaces
                # after them are nodes of the section (see _Builder.nodes).
                marks_end = self._handed[row][1]
                lo, first = (ends[row], nexts[row]) if marks_end is None else (marks_end, row + 1)
        end_heading = None
        if end < len(found):
            row, end_heading = found[end]
            hi, stop = starts[row], row
        section = _new_wikicode(_LazySection)
        section._lazy = (builder, lo, max(lo, hi), first, max(first, stop), depth)
        section._handed = self._handed
        section._of = (self, start_heading, include_heading, end_heading)
        sections = self._lazy_sections
        if sections is None:
            sections = self._lazy_sections = []
        sections.append(weakref.ref(section))
        return section

    def _views_of_sections(self):
        """Make the unbuilt sections get_sections() gave of this code, just
        built, slices of its nodes (before any edit moves them)."""
        refs = self._lazy_sections
        if not refs:
            return
        self._lazy_sections = None
        nodes = self._nodes
        where = {id(node): index for index, node in enumerate(nodes) if type(node) is Heading}
        for ref in refs:
            section = ref()
            if section is None or section._of is None:
                continue
            _, start_heading, include_heading, end_heading = section._of
            start = 0 if start_heading is None else where.get(id(start_heading), len(nodes)) + (not include_heading)
            end = len(nodes) if end_heading is None else where.get(id(end_heading), len(nodes))
            section._nodes = nodes[start:max(start, end)]
            section._lazy = section._handed = section._of = None
            if section._lazy_sections is not None:
                # Sections of that section.
                section._views_of_sections()

    def strip_code(self, normalize=True, collapse=True, keep_template_params=False):
        """The readable text: markup dropped, link texts kept, entities decoded."""
        kwargs = {"normalize": normalize, "collapse": collapse, "keep_template_params": keep_template_params}
        pieces = []
        for node in self._nodes_to_read():
            if type(node) is Text:
                # Most nodes: their text is what they strip to.
                if node._value:
                    pieces.append(node._value)
                continue
            stripped = node.__strip__(**kwargs)
            if stripped:
                pieces.append(str(stripped))
        text = "".join(pieces)
        if collapse:
            text = re.sub(r"\n\n\n+", "\n\n", text).strip("\n")
        return text

    def get_tree(self) -> str:
        """An outline of the nodes: one line a piece, nested code indented."""
        lines = []
        _show(self, lines, "")
        return "\n".join(lines)


class _LazySection(Wikicode):
    """A section get_sections() found without building its code: the
    source range between two headings of the unbuilt code it is part of
    (``_of``: that code, the headings, and whether the first is the
    section's). It shares that code's map of built nodes, so the typed
    filters, str() and remove() work on it unbuilt; a read of its text
    builds its range alone, and keeps nothing. Anything else builds the
    code it is part of, which makes every such section a slice of its
    nodes, as mwparserfromhell's sections are."""

    _of = None

    def _build(self):
        if self._of is not None:
            self._of[0].nodes
            if self._of is None:
                return self._list
        return Wikicode._build(self)

    def _nodes_to_read(self):
        lazy = self._lazy
        if self._of is not None and lazy is not None:
            return lazy[0].materialize(*lazy[1:], self._handed)
        return self.nodes


def _new_wikicode(cls):
    return cls.__new__(cls)


# In a get_tree outline, the next line continues this one.
_JOIN = object()


def _show(code, lines, indent):
    def write(text):
        if lines and lines[-1] is _JOIN:
            lines.pop()
            lines[-1] += text
        else:
            lines.append(indent + text)

    for node in code.nodes:
        node.__showtree__(write, lambda inner: _show(inner, lines, indent + "      "), lambda: lines.append(_JOIN))


def _add_filters():
    kinds = {
        "arguments": Argument,
        "comments": Comment,
        "external_links": ExternalLink,
        "headings": Heading,
        "html_entities": HTMLEntity,
        "tags": Tag,
        "templates": Template,
        "text": Text,
        "wikilinks": Wikilink,
    }
    for name, kind in kinds.items():
        def ifilter(self, recursive=True, matches=None, flags=FLAGS, *, _kind=kind):
            return self.ifilter(recursive, matches, flags, _kind)

        def filter(self, recursive=True, matches=None, flags=FLAGS, *, _kind=kind):
            return self.filter(recursive, matches, flags, _kind)

        ifilter.__doc__ = f"Iterate over the {name.replace('_', ' ')} (see ifilter)."
        filter.__doc__ = f"The {name.replace('_', ' ')} as a list (see filter)."
        setattr(Wikicode, "ifilter_" + name, ifilter)
        setattr(Wikicode, "filter_" + name, filter)


_add_filters()
