"""Build compat nodes from the Rust parse.

The Rust parser hands over one pre-order table of the syntax nodes this
module reads (kind, start, end, and the row after each subtree). A node's
Wikicode pieces are source ranges whose nodes are built only when a script
reads them; until then ``str()`` of one is its slice of the source. A node
whose rebuilt text differs from its source stays plain Text, so
``str(parse(text)) == text`` always holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from html.entities import name2codepoint
from itertools import compress

from .. import _native
from .definitions import is_parsable, is_single_only
from .nodes import Argument, Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Text, Wikilink
from .nodes.extras import Attribute, Parameter
from .smart_list import SmartList
from .wikicode import REMOVED, Wikicode, _typed_nodes

__all__ = ["parse_text"]

# Kinds that are pieces of a node, not nodes: code() looks through them.
_PIECES = {
    "TEMPLATE_NAME", "TEMPLATE_ARGUMENT", "ARGUMENT_NAME", "ARGUMENT_VALUE", "LINK_TARGET",
    "LINK_TEXT", "URL", "EXTERNAL_LINK_TEXT", "ATTRIBUTE", "ATTRIBUTES", "TAG_BODY",
    # A table's parts: the table builds their Tags from the source.
    "TABLE_ROW", "TABLE_CELL", "TABLE_HEADER_CELL", "TABLE_CAPTION",
}
_NODES = {
    "TEMPLATE", "PARAMETER", "WIKI_LINK", "EXTERNAL_LINK", "BARE_URL", "HEADING", "COMMENT",
    "ENTITY", "EXTENSION_TAG", "HTML_START_TAG", "HTML_END_TAG", "QUOTE", "TABLE",
    "HORIZONTAL_RULE",
}
KINDS = sorted(_PIECES | _NODES)

# Text with none of these characters and no "----" cannot hold a node: no
# parse needed. (A line break alone makes none: a heading needs "=", a quote
# run "'", a list marker "*", "#", ":" or ";", a horizontal rule "----",
# which callers look for with `in`: an alternative in the pattern made
# every search try it at each character, three times as slow.)
_MARKUP = re.compile(r"[{}\[\]<>&=':~_*#;]")
_ATTRIBUTE = re.compile(r"""([^\s=]+)(?:(\s*)=(\s*)(?:"([^"]*)"|'([^']*)'|(.*)))?""", re.S)
_TAG_NAME = re.compile(r"</?([^\s/>]+)")
_ENTITY_IN_URL = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


_KIND = {name: index for index, name in enumerate(KINDS)}
_IS_PIECE = [name in _PIECES for name in KINDS]
_TEMPLATE, _WIKI_LINK, _EXTERNAL_LINK, _BARE_URL, _HEADING, _COMMENT, _ENTITY = (
    _KIND[name] for name in ("TEMPLATE", "WIKI_LINK", "EXTERNAL_LINK", "BARE_URL", "HEADING", "COMMENT", "ENTITY")
)
_PARAMETER, _EXTENSION_TAG, _HTML_START_TAG, _HTML_END_TAG, _QUOTE = (
    _KIND[name] for name in ("PARAMETER", "EXTENSION_TAG", "HTML_START_TAG", "HTML_END_TAG", "QUOTE")
)
_TABLE, _TABLE_ROW, _TABLE_CELL, _TABLE_HEADER_CELL, _TABLE_CAPTION, _ATTRIBUTES, _HORIZONTAL_RULE = (
    _KIND[name] for name in ("TABLE", "TABLE_ROW", "TABLE_CELL", "TABLE_HEADER_CELL", "TABLE_CAPTION", "ATTRIBUTES", "HORIZONTAL_RULE")
)
_TEMPLATE_ARGUMENT, _ARGUMENT_NAME, _ARGUMENT_VALUE, _LINK_TEXT, _URL, _EXTERNAL_LINK_TEXT, _ATTRIBUTE_KIND, _TAG_BODY = (
    _KIND[name] for name in ("TEMPLATE_ARGUMENT", "ARGUMENT_NAME", "ARGUMENT_VALUE", "LINK_TEXT", "URL", "EXTERNAL_LINK_TEXT", "ATTRIBUTE", "TAG_BODY")
)
# What a bare URL runs on into (see free_url_range in compat.rs).
_URL_RUNS_ON = frozenset({_TEMPLATE, _PARAMETER, _COMMENT})
# The span kinds a node type can be built from: a source range without any
# of them holds no node of that type. (_KIND_MASKS: the same as bit sets.)
_SOURCES = {
    Template: frozenset({_TEMPLATE}),
    Wikilink: frozenset({_WIKI_LINK}),
    ExternalLink: frozenset({_EXTERNAL_LINK, _BARE_URL}),
    Heading: frozenset({_HEADING}),
    Comment: frozenset({_COMMENT}),
    # A URL's references are entities too (see url_code).
    HTMLEntity: frozenset({_ENTITY, _URL, _BARE_URL}),
    Argument: frozenset({_PARAMETER}),
}
_KIND_MASKS = {node_type: sum(1 << kind for kind in kinds) for node_type, kinds in _SOURCES.items()}
# The spans a Tag can be built from; text holds the Tags of list markers
# too (see _marker_starts). A Tag is made by pairing, not from one row: the
# typed walk of unbuilt source (typed_nodes) cannot find them, but a source
# range with none of these starts holds none.
_TAG_SOURCES = frozenset({
    _EXTENSION_TAG, _HTML_START_TAG, _QUOTE, _TABLE, _TABLE_ROW, _TABLE_CELL, _TABLE_HEADER_CELL,
    _TABLE_CAPTION, _HORIZONTAL_RULE,
})
_TAG_MASK = sum(1 << kind for kind in _TAG_SOURCES)


class _Open:
    """An HTML start tag waiting for its end tag."""

    __slots__ = ("name", "attrs", "padding", "source", "self_closing")

    def __init__(self, name, attrs, padding, source, self_closing):
        self.name, self.attrs, self.padding, self.source, self.self_closing = name, attrs, padding, source, self_closing


class _Close:
    __slots__ = ("name", "source")

    def __init__(self, name, source):
        self.name, self.source = name, source


class _Quote:
    __slots__ = ("source",)

    def __init__(self, source):
        self.source = source


def _heading_end(src, start, end):
    """Where a heading's closing ``=`` marks end, before trailing spaces and comments."""
    while end > start:
        if src[end - 1].isspace():
            end -= 1
        elif src.endswith("-->", start, end):
            opening = src.rfind("<!--", start, end - 3)
            if opening < 0:
                break
            end = opening
        else:
            break
    return end


def parse_text(text: str):
    # (The markup check written out, as in plain_code: every string a
    # script assigns comes here.)
    if _MARKUP.search(text) is None and "----" not in text:
        return _text_code(text)
    builder = _Builder(text, _native.compat_spans(text, KINDS, _IS_PIECE))
    return builder.code(0, len(text), 0, len(builder.kinds))


_LIST_TAGS = {"*": "li", "#": "li", ":": "dd", ";": "dt"}
_LINE_START_MARKERS = re.compile(r"^(?:[*#:;]+|-{4,})", re.M)
# The same runs, found faster: at the start, and after each line break.
_MARKER_RUN = re.compile(r"[*#:;]+|-{4,}")
_MARKER_RUN_AFTER_BREAK = re.compile(r"\n(?:[*#:;]+|-{4,})")


def _list_markers(src, start, end, after_dt=None):
    """The text ``src[start:end]`` as mwparserfromhell reads it: each list
    marker of a run at a line's start (``*``, ``#`` are ``li``, ``:`` is
    ``dd``, ``;`` is ``dt``) is a ``Tag`` of its own with the marker as wiki
    markup, the first ``:`` after a ``;`` on its line is a ``dd``, and four
    or more ``-`` at a line's start are an ``hr``.
    ``after_dt`` (a one-item list) carries across the text pieces of a line
    whether its ``;`` still waits for that ``:``."""
    line_start = start == 0 or src[start - 1] == "\n"
    text = src[start:end]
    out = []
    pos = 0
    if after_dt is not None and after_dt[0]:
        line_end = text.find("\n")
        colon = text.find(":", 0, len(text) if line_end < 0 else line_end)
        if colon >= 0:
            if colon:
                out.append(_text(text[:colon]))
            out.append(_list_tag(":"))
            pos = colon + 1
        after_dt[0] = colon < 0 and line_end < 0
    if not line_start and text.find("\n", pos) < 0:
        if pos:
            if pos < len(text):
                out.append(_text(text[pos:]))
            return out
        return [_text(text)]
    for match in _LINE_START_MARKERS.finditer(text):
        at, run_end = match.span()
        if (at == 0 and not line_start) or at < pos:
            continue
        if at > pos:
            out.append(_text(text[pos:at]))
        pos = run_end
        if text[at] == "-":
            # A rule, where the parser made none (a template's argument).
            out.append(_markup_tag("hr", match.group()))
            continue
        out.extend(_list_tag(marker) for marker in match.group())
        if ";" in match.group():
            line_end = text.find("\n", run_end)
            colon = text.find(":", run_end, len(text) if line_end < 0 else line_end)
            if colon >= 0:
                if colon > pos:
                    out.append(_text(text[pos:colon]))
                out.append(_list_tag(":"))
                pos = colon + 1
            elif line_end < 0 and after_dt is not None:
                after_dt[0] = True
    if not out:
        return [_text(text)]
    if pos < len(text):
        out.append(_text(text[pos:]))
    return out


def _add_text(nodes, src, lo, hi, after_dt, markers):
    """Append ``src[lo:hi]`` to ``nodes`` as _list_markers reads it: one Text
    where no list marker or rule may start in it (``markers``, see
    _marker_starts), without its scan."""
    at = bisect_left(markers, lo)
    if not after_dt[0] and (at == len(markers) or markers[at] >= hi):
        text = _new(Text)
        text._value = src[lo:hi]
        nodes.append(text)
    else:
        nodes.extend(_list_markers(src, lo, hi, after_dt))


def _marker_starts(src):
    """Where the text of ``src`` may hold a list marker's or a rule's Tag
    (see _list_markers): each marker of a run at a line's start, each ``:``
    after a run with a ``;`` on its line, and each rule's dashes."""
    out = []
    first = _MARKER_RUN.match(src)
    matches = _MARKER_RUN_AFTER_BREAK.finditer(src)
    for match in ([first] if first else []) + list(matches):
        at, run_end = match.span()
        if src[at] == "\n":
            at += 1
        out.extend(range(at, run_end))
        if ";" in src[at:run_end]:
            line_end = src.find("\n", run_end)
            line = src[run_end:len(src) if line_end < 0 else line_end]
            out.extend(run_end + index for index, char in enumerate(line) if char == ":")
    return out


def _list_tag(marker):
    return _markup_tag(_LIST_TAGS[marker], marker)


def _markup_tag(name, markup):
    """A self-closing Tag that wiki markup stands for (a list marker,
    ``----``): its closing markup is its markup, as mwparserfromhell has it."""
    tag = _tag(_word_code(name), None, [], "", self_closing=True)
    tag._wiki_markup = tag._closing_wiki_markup = markup
    return tag


def _text(value):
    """Text(value) for a str, without the setter's conversion."""
    node = _new(Text)
    node._value = value
    return node


_new = object.__new__


class _Builder:
    """The nodes of one page, built a Wikicode at a time when first touched.

    The Rust parse gives a span table (columns kinds, starts, ends, nexts;
    a row per syntax node in pre-order, ``nexts[row]`` the row after its
    subtree); a source range's spans are the sibling rows ``first``,
    ``nexts[first]``, ... before ``stop``.
    """

    def __init__(self, src, table):
        self.src = src
        self.kinds, self.starts, self.ends, self.nexts = table[:4]
        # The Rust walks of the same rows (see compat.rs), where the table
        # came from the parser; a table made here (a URL's entities) is
        # walked in Python.
        self.index = table[4] if len(table) > 4 else None
        self._by_type = {}
        # Where text may hold a list marker (see _marker_starts), found
        # when first needed.
        self.markers = None
        # How deep the nodes being built sit (see _MAX_DEPTH): the depth of
        # the Wikicode that code() makes for their pieces.
        self._depth = 0

    def __getstate__(self):
        # A pickled or copied builder walks its rows in Python: the Rust
        # index is not kept.
        state = self.__dict__.copy()
        state["index"] = None
        return state

    def code(self, lo, hi, first, stop):
        """Wikicode for ``src[lo:hi]``, its nodes built when first read."""
        if lo >= hi:
            return Wikicode(SmartList())
        code = _new(Wikicode)
        # (Every Wikicode sets these three, in this order: the interpreter
        # reads attributes an instance holds faster than class defaults.)
        code._lazy = (self, lo, hi, first, stop, self._depth)
        code._handed = code._list = None
        return code

    def materialize(self, lo, hi, first, stop, depth, cache=None):
        """The nodes of ``src[lo:hi]``, ``depth`` nodes deep; a node whose
        text differs from its source stays Text. (A node's unbuilt pieces are
        checked when built.) ``cache``: the nodes a typed filter built there
        (see typed_nodes)."""
        nodes = self.nodes(lo, hi, first, stop, depth, cache)
        return SmartList(_without_removed(nodes) if cache and REMOVED in cache else nodes)

    def type_starts(self, node_type):
        """The sorted starts of the spans a ``node_type`` node can be built
        from, or None if any text may hold one: a source range with no start
        in it holds no such node."""
        try:
            return self._by_type[node_type]
        except KeyError:
            kinds = _SOURCES.get(node_type)
            index = self.index
            # Pre-order rows are sorted by start.
            if kinds is not None:
                if index is not None:
                    starts = index.starts_of_kinds(_KIND_MASKS[node_type])
                else:
                    starts = list(compress(self.starts, map(kinds.__contains__, self.kinds)))
            elif node_type is Tag:
                if index is not None:
                    tag_starts = index.starts_of_kinds(_TAG_MASK)
                else:
                    tag_starts = compress(self.starts, map(_TAG_SOURCES.__contains__, self.kinds))
                starts = sorted([*tag_starts, *self.marker_starts()])
            else:
                starts = None
            self._by_type[node_type] = starts
            return starts

    def marker_starts(self):
        """_marker_starts() of the source, made once (in Rust where the
        table came from the parser)."""
        if self.markers is None:
            self.markers = _marker_starts(self.src) if self.index is None else self.index.marker_starts()
        return self.markers

    def rows(self, first, stop):
        nexts = self.nexts
        while first < stop:
            yield first
            first = nexts[first]

    def child(self, row, kind):
        """The first child row of ``row`` of ``kind``, or None."""
        kinds, nexts = self.kinds, self.nexts
        child, stop = row + 1, nexts[row]
        while child < stop:
            if kinds[child] == kind:
                return child
            child = nexts[child]
        return None

    def node_rows(self, first, stop, lo, hi):
        """The node rows inside ``[lo, hi)``, looking through pieces, that
        start where the one before ends or later (an overlapping row is
        the text of the one before)."""
        if self.index is not None:
            return self.index.flatten(first, stop, lo, hi)
        return self._node_rows(first, stop, lo, hi)

    def _node_rows(self, first, stop, lo, hi):
        starts, ends = self.starts, self.ends
        cursor = lo
        for row in self.flatten(first, stop, lo, hi):
            if starts[row] >= cursor:
                cursor = ends[row]
                yield row

    def flatten(self, first, stop, lo, hi):
        """The node rows inside ``[lo, hi)``, looking through pieces."""
        kinds, starts, ends, nexts = self.kinds, self.starts, self.ends, self.nexts
        row = first
        while row < stop:
            start = starts[row]
            if start > hi:
                break
            after = nexts[row]
            if ends[row] >= lo:
                if _IS_PIECE[kinds[row]]:
                    yield from self.flatten(row + 1, after, lo, hi)
                elif lo <= start and ends[row] <= hi:
                    yield row
            row = after

    def nodes(self, lo, hi, first, stop, depth, cache=None):
        src, kinds, starts, ends, nexts = self.src, self.kinds, self.starts, self.ends, self.nexts
        nodes = []
        cursor = lo
        fallbacks = False
        opens = []
        after_dt = [False]
        markers = self.marker_starts()
        append = nodes.append
        # Where the quote runs are in ``nodes``, and whether start or end
        # tags are among them: what pairing needs.
        quotes = []
        tags = False
        # How many start tags may be open around a node before it stays Text.
        room = _MAX_DEPTH - _QUOTE_DEPTH - depth
        for row in self.node_rows(first, stop, lo, hi):
            start = starts[row]
            if start > cursor:
                _add_text(nodes, src, cursor, start, after_dt, markers)
            end = ends[row]
            if len(opens) >= room and not _UNCAPPED[kinds[row]]:
                node = None
            else:
                hit = cache.get(row) if cache else None
                node, marks_end = self.row_node(row, depth + len(opens)) if hit is None else hit
            if node is None:
                node = _text(src[start:end])
                fallbacks = True
            elif node is _THROUGH:
                # Not a table as mwparserfromhell reads one: its parts are
                # read as if the table syntax were text.
                nodes.extend(self.nodes(start, end, row + 1, nexts[row], depth, cache))
                fallbacks = True
                cursor = end
                continue
            elif node is REMOVED:
                # Removed in place (Wikicode.remove): its mark stays in the
                # list until the Wikicode is made (see _without_removed), so
                # the nodes around it come out as they would with it there.
                pass
            elif type(node) is _Quote:
                quotes.append(len(nodes))
            elif type(node) in _OPEN_OR_CLOSE:
                tags = True
                _track_open_tags(node, opens)
            elif marks_end is not None:
                # Comments and spaces after a heading's closing marks follow it.
                append(node)
                nodes.extend(self.nodes(marks_end, end, row + 1, nexts[row], depth, cache))
                fallbacks = True
                cursor = end
                continue
            append(node)
            cursor = end
            if after_dt[0] and src.find("\n", start, end) >= 0:
                after_dt[0] = False
        if cursor < hi:
            _add_text(nodes, src, cursor, hi, after_dt, markers)
        if tags:
            nodes = _pair(nodes)
        elif quotes:
            nodes = _styles(nodes, quotes)
        if tags or quotes or fallbacks:
            nodes = _merge_text(nodes)
        return nodes

    def top_headings(self, lo, hi, first, stop, depth, cache):
        """The headings that nodes() would leave at the top level of
        ``src[lo:hi]``, as (row, Heading), found without building the rest:
        only what pairing reads (quote runs, start and end tags) and the
        headings are built, the headings kept in ``cache`` (the Wikicode's
        map of built nodes, see typed_nodes) so that building the Wikicode
        later gives the same ones (a heading with comments or spaces after
        its closing marks with them: its section without it starts there).
        None where that cannot be told so: a table read as text, start tags
        nested to the cap."""
        kinds = self.kinds
        items = []
        quotes = []
        tags = False
        opens = []
        room = _MAX_DEPTH - _QUOTE_DEPTH - depth
        heading_rows = {}
        index = self.index
        if index is not None:
            # (Any other node, or text: pairing passes over it.)
            rows = index.flatten_kinds(first, stop, lo, hi, _PAIRING_MASK)
        else:
            rows = [row for row in self.node_rows(first, stop, lo, hi) if kinds[row] in _PAIRING_KINDS]
        src, starts, ends = self.src, self.starts, self.ends
        for row in rows:
            kind = kinds[row]
            if kind == _QUOTE and row not in cache:
                quotes.append(len(items))
                quote = _new(_Quote)
                quote.source = src[starts[row]:ends[row]]
                items.append(quote)
                continue
            if len(opens) >= room and not _UNCAPPED[kind]:
                return None
            hit = cache.get(row)
            if hit is None:
                hit = self.row_node(row, depth + len(opens))
                if kind == _HEADING:
                    cache[row] = hit
            node, marks_end = hit
            if node is _THROUGH:
                return None
            if node is None or node is REMOVED:
                continue
            node_type = type(node)
            if node_type is _Quote:
                quotes.append(len(items))
            elif node_type in _OPEN_OR_CLOSE:
                tags = True
                _track_open_tags(node, opens)
            elif node_type is Heading:
                heading_rows[id(node)] = row
            items.append(node)
        if tags:
            items = _pair(items, skeleton=True)
        elif quotes:
            items = _styles(items, quotes, skeleton=True)
        return [(heading_rows[id(node)], node) for node in items if type(node) is Heading and id(node) in heading_rows]

    def row_node(self, row, depth):
        """(the node built at ``row``, ``depth`` nodes deep, or None where its
        text would not give back its source (it stays Text); where a
        heading's closing marks end, if comments or spaces follow them, else
        None)."""
        src, start, end, kind = self.src, self.starts[row], self.ends[row], self.kinds[row]
        if kind == _QUOTE:
            # The commonest row of running text: its run pairs later.
            quote = _new(_Quote)
            quote.source = src[start:end]
            return quote, None
        if kind == _WIKI_LINK or kind == _TEMPLATE:
            return self._link_or_template(row, kind, depth)
        self._depth = depth + 1
        if kind == _HEADING:
            marks_end = _heading_end(src, start, end)
            if marks_end < end:
                heading = self.heading(start, marks_end, row + 1, self.nexts[row])
                if heading is not None and str(heading) == src[start:marks_end]:
                    return heading, marks_end
        node = self.node(row, kind)
        if node is None:
            return _NO_NODE
        if node is _THROUGH:
            return _THROUGH_NODE
        checked = kind == _EXTENSION_TAG
        kind = type(node)
        if kind not in _PLACEHOLDERS:
            if kind not in _CHECKED and not checked and str(node) != src[start:end]:
                return _NO_NODE
            node._at = start
        return node, None

    def _link_or_template(self, row, kind, depth):
        """row_node() of a link or template row: the commonest nodes, built
        without row_node's checks (their pieces give back their source by
        construction; wikilink() and template() set where they were found).
        _typed_rows() makes this step itself."""
        self._depth = depth + 1
        node = self.wikilink(row) if kind == _WIKI_LINK else self.template(row)
        return _NO_NODE if node is None else (node, None)

    def typed_nodes(self, code, wanted, out, extra_depth=0):
        """The ``wanted`` nodes inside the unbuilt Wikicode ``code``, appended
        to ``out`` in source order (wikicode._typed_nodes looks inside each),
        building only the nodes on the way to them; the Wikicode stays
        unbuilt. False, with ``out`` as it was, where that cannot be told
        without building it: a start tag whose attributes may hold one is a
        Tag's only if its end tag follows. (``extra_depth``: how much deeper
        than ``code`` its nodes may sit once built.)"""
        if wanted not in _KIND_MASKS:
            # A Tag: pairing makes it (see _TAG_SOURCES).
            return False
        _builder, lo, hi, first, stop, depth = code._lazy
        mark = len(out)
        # row -> row_node(row) of the nodes built here, kept by the Wikicode:
        # building it later takes them from there, so a script's node is the
        # one in the tree. (Kept by the Wikicode, not by the builder, which
        # every node's pieces hold: a page's nodes form no reference cycle,
        # and are freed as soon as a script lets go of them.)
        cache = code._handed
        if cache is None:
            cache = {}
        done = self._typed_rows(lo, hi, first, stop, depth + extra_depth, wanted, self.type_starts(wanted), out, cache)
        if cache or done:
            code._handed = cache
        if not done:
            del out[mark:]
        return done

    def _typed_rows(self, lo, hi, first, stop, depth, wanted, wanted_starts, out, cache):
        """typed_nodes() of ``src[lo:hi]``: the rows nodes() would build there,
        in the same order, skipping (cursor) the same ones."""
        index = self.index
        if index is None:
            found = self._typed_candidates(lo, hi, first, stop, depth, wanted_starts)
        else:
            found = index.typed_rows(first, stop, lo, hi, depth, _MAX_DEPTH - _QUOTE_DEPTH, _KIND_MASKS[wanted])
        if found is None:
            return False
        kinds, starts, ends, nexts = self.kinds, self.starts, self.ends, self.nexts
        for at in range(0, len(found), 4):
            row = found[at]
            hit = cache.get(row)
            if hit is None:
                kind = kinds[row]
                if kind == _WIKI_LINK or kind == _TEMPLATE:
                    # (row_node's first step for them, _link_or_template,
                    # inlined: the commonest rows a filter builds.)
                    self._depth = found[at + 1] + 1
                    node = self.wikilink(row, found[at + 3]) if kind == _WIKI_LINK else self.template(row, found[at + 3])
                    hit = cache[row] = _NO_NODE if node is None else (node, None)
                else:
                    hit = cache[row] = self.row_node(row, found[at + 1])
                node = hit[0]
                if not found[at + 2] and isinstance(node, wanted) and hit[1] is None:
                    # Just built, and no wanted node starts inside it: the
                    # walk would find only itself. (A node built before may
                    # have been edited since: that one is walked.)
                    out.append(node)
                    continue
            node, marks_end = hit
            if node is None or node is REMOVED:
                continue
            if node is _THROUGH:
                if not self._typed_rows(starts[row], ends[row], row + 1, nexts[row], depth, wanted, wanted_starts, out, cache):
                    return False
                continue
            _typed_nodes(node, wanted, False, out)
            if marks_end is not None and not self._typed_rows(marks_end, ends[row], row + 1, nexts[row], depth, wanted, wanted_starts, out, cache):
                return False
        return True

    def _typed_candidates(self, lo, hi, first, stop, depth, wanted_starts):
        """SpanIndex.typed_rows() in Python, for a table made here: the rows
        whose range holds a wanted start, each followed by its depth, by
        whether another wanted start lies inside it and by None (its layout
        is found when its node is built); None where the walk
        cannot tell without building. (Nothing is built before that is
        known: a node built here would keep the bound on its depth, which is
        not its depth.)"""
        kinds, starts, ends = self.kinds, self.starts, self.ends
        count = len(wanted_starts)
        found = []
        # How deep nodes sit here is at most depth plus the start tags seen
        # so far (nodes() follows which of them stay open); where that
        # bound nears the limit, nodes() decides what stays Text.
        node_depth = depth
        src = self.src
        for row in self.node_rows(first, stop, lo, hi):
            start, end, kind = starts[row], ends[row], kinds[row]
            if kind == _HTML_START_TAG and src[end - 2] != "/":
                node_depth += 1
            if node_depth + _QUOTE_DEPTH >= _MAX_DEPTH:
                return None
            at = bisect_left(wanted_starts, start)
            if at == count or wanted_starts[at] >= end:
                continue
            if kind == _HTML_START_TAG:
                return None
            found.append(row)
            found.append(node_depth)
            found.append(int(wanted_starts[at] != start or (at + 1 < count and wanted_starts[at + 1] < end)))
            found.append(None)
        return found

    def spliced(self, lo, hi, first, stop, cache):
        """The text of the unbuilt Wikicode ``src[lo:hi]`` whose nodes a typed
        filter handed out (``cache``, see typed_nodes): its source, with the
        text of each such node (a script may have edited it) in place of the
        node's source."""
        src, starts, ends, nexts = self.src, self.starts, self.ends, self.nexts
        pieces = []
        cursor = lo
        # Only the rows the map holds change the text: the source between
        # them is copied whole.
        for row in [row for row in self.node_rows(first, stop, lo, hi) if row in cache]:
            start = starts[row]
            hit = cache[row]
            end = ends[row]
            if hit[0] is _THROUGH:
                pieces.append(src[cursor:start])
                pieces.append(self.spliced(start, end, row + 1, nexts[row], cache))
            elif hit[0] is REMOVED:
                pieces.append(src[cursor:start])
            elif hit[0] is not None and type(hit[0]) not in _PLACEHOLDERS:
                node, marks_end = hit
                pieces.append(src[cursor:start])
                pieces.append(str(node))
                if marks_end is not None:
                    pieces.append(self.spliced(marks_end, end, row + 1, nexts[row], cache))
            else:
                pieces.append(src[cursor:end])
            cursor = end
        pieces.append(src[cursor:hi])
        return "".join(pieces)

    def node(self, row, kind):
        if kind == _TEMPLATE:
            return self.template(row)
        if kind == _WIKI_LINK:
            return self.wikilink(row)
        start, end = self.starts[row], self.ends[row]
        if kind == _EXTERNAL_LINK:
            return self.external_link(row)
        if kind == _BARE_URL:
            if any(self.kinds[child] in _URL_RUNS_ON for child in range(row + 1, self.nexts[row])):
                # A URL that runs on into templates or comments holds them
                # (see free_url_range in compat.rs).
                return ExternalLink(self.code(start, end, row + 1, self.nexts[row]), brackets=False)
            return ExternalLink(self.url_code(start, end), brackets=False)
        if kind == _HEADING:
            return self.heading(start, end, row + 1, self.nexts[row])
        if kind == _COMMENT:
            body = self.src[start:end]
            if not (body.startswith("<!--") and body.endswith("-->")) or len(body) < 7:
                return None
            comment = _new(Comment)
            comment._contents = body[4:-3]
            return comment
        if kind == _ENTITY:
            return _entity(self.src[start:end])
        if kind == _PARAMETER:
            return self.argument(row)
        if kind == _EXTENSION_TAG:
            return self.extension_tag(row)
        if kind == _HTML_START_TAG:
            return self.start_tag(row)
        if kind == _HTML_END_TAG:
            source = self.src[start:end]
            match = _TAG_NAME.match(source)
            return _Close(match.group(1).lower(), source) if match else None
        if kind == _QUOTE:
            return _Quote(self.src[start:end])
        if kind == _TABLE:
            table = self.table(row)
            return _THROUGH if table is None else table
        if kind == _HORIZONTAL_RULE:
            return _markup_tag("hr", self.src[start:end])
        return None

    def template(self, row, args_start=None):
        """A Template whose parameters are built when first read, or None if
        they would not give back the source: the arguments must be ``|``
        pieces, one after another up to the ``}}``. (``args_start``: where
        they start, if known; negative: they would not.)"""
        start, end, stop = self.starts[row], self.ends[row], self.nexts[row]
        if args_start is None:
            index = self.index
            args_start = self._template_args_start(row) if index is None else index.layout(row)
        if args_start is None or args_start < 0:
            return None
        template = _new(Template)
        depth = self._depth
        if start + 2 < args_start:
            # (code(), inlined: a page has thousands of templates.)
            name = template._name = _new(Wikicode)
            name._lazy = (self, start + 2, args_start, row + 1, stop, depth)
            name._handed = name._list = None
        else:
            template._name = Wikicode(SmartList())
        template._unbuilt = (self, row, args_start, end, depth)
        template._args = template._row_texts = None
        template._at = start
        return template

    def _template_args_start(self, row):
        """SpanIndex.layout() of a template row in Python, for a table made
        here (None where the builder reads it as text)."""
        src, kinds, starts, ends, nexts = self.src, self.kinds, self.starts, self.ends, self.nexts
        start, end = starts[row], ends[row]
        if not (src.startswith("{{", start) and src.startswith("}}", end - 2)):
            return None
        first, stop = row + 1, nexts[row]
        args_start = cursor = None
        for arg in self.rows(first, stop):
            if kinds[arg] != _TEMPLATE_ARGUMENT:
                continue
            arg_start = starts[arg]
            if src[arg_start] != "|" or (cursor is not None and arg_start != cursor):
                return None
            key = self.child(arg, _ARGUMENT_NAME)
            if key is not None and (starts[key] != arg_start + 1 or src[ends[key]:ends[key] + 1] != "="):
                return None
            if args_start is None:
                args_start = arg_start
            cursor = ends[arg]
        if args_start is None:
            return end - 2
        if cursor != end - 2:
            return None
        return args_start

    def arg_spans(self, row):
        """The arguments of the template at ``row``, five numbers each: the
        argument row, where its name starts and ends (-1 and -1 for a
        positional one), where its value starts and ends."""
        if self.index is not None:
            return self.index.template_arg_spans(row)
        starts, ends = self.starts, self.ends
        spans = []
        for arg in self.rows(row + 1, self.nexts[row]):
            if self.kinds[arg] != _TEMPLATE_ARGUMENT:
                continue
            key = self.child(arg, _ARGUMENT_NAME)
            if key is None:
                spans += (arg, -1, -1, starts[arg] + 1, ends[arg])
            else:
                spans += (arg, starts[key], ends[key], ends[key] + 1, ends[arg])
        return spans

    def arg_texts(self, row):
        """{argument row: (name, value, showkey)} of the template at ``row``,
        as source text, in order; a positional argument's name is None."""
        src = self.src
        spans = self.arg_spans(row)
        return {
            spans[at]: (None, src[spans[at + 3]:spans[at + 4]], False) if spans[at + 1] < 0
            else (src[spans[at + 1]:spans[at + 2]], src[spans[at + 3]:spans[at + 4]], True)
            for at in range(0, len(spans), 5)
        }

    def template_params(self, row, depth, only=None):
        """{argument row: its Parameter} of the template at ``row``, in
        order, the Parameters' pieces ``depth`` nodes deep; with ``only``
        (a keyed argument's row), that argument's alone."""
        self._depth = depth
        nexts = self.nexts
        spans = self.arg_spans(row)
        params = {}
        position = 0
        code = self.code
        for at in range(0, len(spans), 5):
            arg, name_start, name_end, value_start, value_end = spans[at:at + 5]
            if only is not None and arg != only:
                continue
            param = _new(Parameter)
            if name_start >= 0:
                param._name = code(name_start, name_end, arg + 1, nexts[arg])
                param._showkey = True
            else:
                position += 1
                param._name = _word_code(str(position))
                param._showkey = False
            if value_start < value_end:
                # (code(), inlined: a template's parameters are built together.)
                value = param._value = _new(Wikicode)
                value._lazy = (self, value_start, value_end, arg + 1, nexts[arg], depth)
                value._handed = value._list = None
            else:
                param._value = Wikicode(SmartList())
            params[arg] = param
        return params

    def argument(self, row):
        src, start, end = self.src, self.starts[row], self.ends[row]
        first, stop = row + 1, self.nexts[row]
        value = self.child(row, _ARGUMENT_VALUE)
        if value is None:
            return Argument(self.code(start + 3, end - 3, first, stop))
        value_start = self.starts[value]
        name = self.code(start + 3, value_start - 1, first, stop)
        return Argument(name, self.code(value_start, end - 3, first, stop)) if src[value_start - 1] == "|" else None

    def wikilink(self, row, text_start=None):
        """A Wikilink, or None if it would not give back its source: it must
        be ``[[...]]``, its text right after a ``|``. (``text_start``: where
        its text starts, if known; -1 without one, -2 where it would not.)"""
        start, end = self.starts[row], self.ends[row]
        first, stop = row + 1, self.nexts[row]
        if text_start is None:
            index = self.index
            text_start = self._link_text_start(row) if index is None else index.layout(row)
        if text_start == -2:
            return None
        link = _new(Wikilink)
        depth = self._depth
        title_end = end - 2 if text_start < 0 else text_start - 1
        if start + 2 < title_end:
            # (code(), inlined: a page has thousands of links.)
            title = link._title = _new(Wikicode)
            title._lazy = (self, start + 2, title_end, first, stop, depth)
            title._handed = title._list = None
        else:
            link._title = Wikicode(SmartList())
        if text_start < 0:
            link._text = None
        else:
            link._text = self.code(text_start, end - 2, first, stop)
        link._at = start
        return link

    def _link_text_start(self, row):
        """SpanIndex.layout() of a link row in Python, for a table made here."""
        start, end, src = self.starts[row], self.ends[row], self.src
        if not (src.startswith("[[", start) and src.startswith("]]", end - 2)):
            return -2
        text = self.child(row, _LINK_TEXT)
        if text is None:
            return -1
        return self.starts[text] if src[self.starts[text] - 1] == "|" else -2

    def external_link(self, row):
        url = self.child(row, _URL)
        if url is None:
            return None
        starts, ends = self.starts, self.ends
        title = self.child(row, _EXTERNAL_LINK_TEXT)
        if title is not None and starts[title] == ends[url] and self.src.startswith(("{{", "<!--"), ends[url]):
            link = self._run_on_url_link(row, url, title)
            if link is not None:
                return link
        url_code = self.url_code(starts[url], ends[url])
        if title is None:
            return ExternalLink(url_code)
        suppress = starts[title] == ends[url]
        title_start = starts[title] if suppress else ends[url] + 1
        title_code = self.code(title_start, ends[row] - 1, row + 1, self.nexts[row])
        return ExternalLink(url_code, title_code, suppress_space=suppress)

    def _run_on_url_link(self, row, url, title):
        """The bracketed link at ``row`` whose URL runs on into a template or
        a comment (``[http://a.example/{{x}}/y z]``), as mwparserfromhell
        reads it: the templates, comments and text up to a space, ``]``,
        ``<``, ``>``, ``"``, ``[`` or ``''`` are the URL's. None where the
        parser's URL holds a character reference (it keeps them in the
        URL's text, where url_code finds them)."""
        src, kinds, starts, ends, nexts = self.src, self.kinds, self.starts, self.ends, self.nexts
        close = ends[row] - 1
        if src.find("&", starts[url], ends[url]) >= 0:
            return None
        inside = {starts[child]: ends[child] for child in self.rows(title + 1, nexts[title]) if kinds[child] in _URL_RUNS_ON}
        at = ends[url]
        while at < close:
            if at in inside:
                at = inside[at]
            elif src[at] in ' []<>"\n' or src.startswith("''", at):
                break
            else:
                at += 1
        url_code = self.code(starts[url], at, row + 1, nexts[row])
        if at >= close:
            return ExternalLink(url_code)
        suppress = src[at] != " "
        title_code = self.code(at if suppress else at + 1, close, row + 1, nexts[row])
        return ExternalLink(url_code, title_code, suppress_space=suppress)

    def url_code(self, lo, hi):
        """A URL's Wikicode, whose character references (``&amp;``) are
        HTMLEntity nodes, as mwparserfromhell reads them: the parser keeps
        a URL whole, so they are found here, over the URL's own text."""
        if self.src.find("&", lo, hi) < 0:
            return self.code(lo, hi, 0, 0)
        url = self.src[lo:hi]
        spans = [match.span() for match in _ENTITY_IN_URL.finditer(url)]
        if not spans:
            return self.code(lo, hi, 0, 0)
        table = ([_ENTITY] * len(spans), [a for a, _ in spans], [b for _, b in spans], list(range(1, len(spans) + 1)))
        code = _new(Wikicode)
        code._lazy = (_Builder(url, table), 0, len(url), 0, len(spans), self._depth)
        code._handed = code._list = None
        return code

    def heading(self, start, end, first, stop):
        body = self.src[start:end]
        lead = len(body) - len(body.lstrip("="))
        trail = len(body) - len(body.rstrip("="))
        level = min(lead, trail, 6)
        if level < 1 or len(body) < 2 * level:
            return None
        heading = _new(Heading)
        heading._title = self.code(start + level, end - level, first, stop)
        heading._level = level
        return heading

    def _attribute_matches(self, row, name_end, open_end, first_pad=True):
        """The attribute rows of a tag, each as (row, the whitespace before
        it, its match of _ATTRIBUTE), and where the last one ends; None
        where one would not give back its text (``first_pad``: the first
        attribute must follow whitespace)."""
        src, kinds, starts, ends, nexts = self.src, self.kinds, self.starts, self.ends, self.nexts
        found = []
        cursor = name_end
        for attr in range(row + 1, nexts[row]):
            if starts[attr] >= open_end:
                break
            if kinds[attr] != _ATTRIBUTE_KIND or ends[attr] > open_end:
                continue
            attr_start = starts[attr]
            pad = src[cursor:attr_start]
            # (A whole match: the attributes and the whitespace between
            # them then give back the opening tag's text by construction.)
            match = _ATTRIBUTE.fullmatch(src, attr_start, ends[attr])
            if match is None or (pad and not pad.isspace()) or (not pad and (first_pad or found)):
                return None
            found.append((attr, pad, match))
            cursor = ends[attr]
        return found, cursor

    def attributes(self, row, name_end, open_end, first_pad=True):
        """The attributes of a tag, and the whitespace before its ``>``
        (``first_pad``: the first attribute must follow whitespace)."""
        matched = self._attribute_matches(row, name_end, open_end, first_pad)
        if matched is None:
            return None
        src, nexts = self.src, self.nexts
        attrs = []
        found, cursor = matched
        for attr, pad, match in found:
            attr_start = match.start()
            name, before, after, dq, sq, bare = match.groups()
            name_code = self.code(attr_start, attr_start + len(name), 0, 0)
            if before is None:
                attrs.append(_attribute(name_code, None, None, pad, "", ""))
            else:
                value = dq if dq is not None else sq if sq is not None else bare
                quotes = '"' if dq is not None else "'" if sq is not None else None
                value_start = attr_start + len(name) + len(before) + 1 + len(after) + (1 if quotes else 0)
                code = self.code(value_start, value_start + len(value), attr + 1, nexts[attr])
                attrs.append(_attribute(name_code, code, quotes, pad, before, after))
        padding = src[cursor:open_end]
        if padding and not padding.isspace() and (padding[0].isspace() or not first_pad):
            # What follows the attributes and is none (``<span {{style}}>``)
            # is one more, as mwparserfromhell reads it.
            text_attrs, padding = self.text_attribute(row, cursor, open_end)
            attrs.extend(text_attrs)
        return attrs, _valueless_padding(attrs, padding)

    def text_attribute(self, row, lo, hi):
        """``src[lo:hi]`` as one attribute named by its text (the nodes in
        it are found there), and the whitespace after it; no attribute if
        it is all whitespace."""
        text = self.src[lo:hi]
        core = text.strip()
        if not core:
            return [], text
        first = text.index(core[0])
        name = self.code(lo + first, lo + first + len(core), row + 1, self.nexts[row])
        return [_attribute(name, None, None, text[:first], "", "")], text[first + len(core):]

    def extension_tag(self, row):
        """An extension tag's Tag, or None if its text would not give back
        its source (checked here, piece by piece: row_node need not make
        the text of what may be a long ref)."""
        src, kinds, starts, ends = self.src, self.kinds, self.starts, self.ends
        start, end = starts[row], ends[row]
        match = _TAG_NAME.match(src, start, end)
        if match is None:
            return None
        name = match.group(1)
        name_end = start + 1 + len(name)
        self_closing = src.startswith("/>", end - 2)
        body_row = self.child(row, _TAG_BODY)
        body = None if body_row is None else (starts[body_row], ends[body_row], body_row + 1, self.nexts[body_row])
        closing_at = src.rfind("</", start, end)
        if body is None and not self_closing and closing_at > start:
            # A raw body (not wikitext) is no node of the tree: it runs from the
            # opening tag's ">" to the closing tag.
            attrs_end = max([ends[c] for c in self.rows(row + 1, self.nexts[row]) if kinds[c] == _ATTRIBUTE_KIND] or [name_end])
            body_start = src.find(">", attrs_end, closing_at) + 1
            if body_start > 0:
                body = (body_start, closing_at, 0, 0)
        if body is None and not self_closing:
            # It would be written back with "/>".
            return None
        open_end = (body[0] - 1) if body is not None else end - 2
        if self._attribute_matches(row, name_end, open_end) is None:
            return None
        if body is None:
            tag = _tag(None, None, None, None, self_closing=True)
            body_end = None
        else:
            body_start, body_end, body_first, body_stop = body
            if not (src.startswith("</", body_end) and src.startswith(">", end - 1) and end - 1 >= body_end + 2):
                return None
            if is_parsable(name):
                contents = self.code(body_start, body_end, body_first, body_stop)
            else:
                contents = _text_code(src[body_start:body_end])
            tag = _tag(None, contents, None, None)
        # Its name, attributes and closing tag are built when first read
        # (see Tag._build_parts): a script that edits the templates in a
        # page's refs reads none of them, and its text is their source.
        tag._lazy_parts = (self, row, start, name_end, open_end, body_end, end, self._depth)
        return tag

    def tag_parts(self, tag, row, start, name_end, open_end, body_end, end, depth):
        """Build the name, attributes, padding and closing tag that
        extension_tag() left unbuilt in ``tag`` (its text checked there)."""
        self._depth = depth
        attrs, padding = self.attributes(row, name_end, open_end)
        tag._tag = self.code(start + 1, name_end, 0, 0)
        tag._closing_tag = tag._tag if body_end is None else self.code(body_end + 2, end - 1, 0, 0)
        tag._attrs, tag._padding = attrs, padding

    def table(self, row):
        """A table as mwparserfromhell reads one: a ``table`` Tag (``{|`` ...
        ``|}``) holding ``tr`` Tags (``|-``) and ``td``/``th`` Tags (``|``,
        ``||``, ``!``, ``!!``; a caption's ``|+`` is a ``td`` whose text
        starts with the ``+``), each cell's contents running to the next
        marker, line break included; None where it reads the syntax as text
        (a table not at a line's start, not closed, or with markers it would
        not read so). Its parts are built when its contents are first read."""
        src, starts, ends = self.src, self.starts, self.ends
        start, end = starts[row], ends[row]
        if start and src[start - 1] != "\n":
            return None
        if not (src.startswith("{|", start) and src.startswith("|}", end - 2)):
            return None
        close = end - 2
        first_line = self._table_line(row, start, close)
        if first_line is None:
            return None
        attrs, padding, contents_start = first_line
        parts = self._table_parts(row, contents_start, close)
        if parts is None:
            return None
        code = _new(Wikicode)
        code._lazy = (_TableContents(self, row, parts), contents_start, close, row + 1, self.nexts[row], self._depth)
        code._handed = code._list = None
        table = _wiki_tag("table", "{|", attrs, padding, None, code)
        table._closing_wiki_markup = "|}"
        return table

    def _table_parts(self, row, contents_start, close):
        """Where a table's parts lie: (row, kind, marker start, marker,
        attributes start, separator or -1, contents start, bound) of each
        row and cell, in order, the bound where the next part's marker
        starts; None where mwparserfromhell would read the table as text."""
        src, kinds, starts, ends, nexts = self.src, self.kinds, self.starts, self.ends, self.nexts
        # (row, kind, where its marker starts). (A row's range starts with
        # the spaces before its marker.)
        markers = []
        for child in self.rows(row + 1, nexts[row]):
            kind = kinds[child]
            if kind == _TABLE_ROW:
                at = starts[child]
                while at < ends[child] and src[at] in " \t":
                    at += 1
                if src.startswith("|-", at):
                    markers.append((child, _TABLE_ROW, at))
                markers.extend((cell, kinds[cell], starts[cell]) for cell in self.rows(child + 1, nexts[child]) if kinds[cell] in _TABLE_CELLS)
            elif kind == _TABLE_CAPTION:
                markers.append((child, kind, starts[child]))
        if contents_start > (markers[0][2] if markers else close):
            return None
        bounds = [at for _child, _kind, at in markers[1:]] + [close]
        parts = []
        for (child, kind, at), bound in zip(markers, bounds):
            if kind == _TABLE_ROW:
                if src.find("\n", at + 2, bound) < 0:
                    return None
                parts.append((child, kind, at, "|-", at + 2, -1, -1, bound))
                continue
            if kind == _TABLE_CAPTION:
                marker = "|"
            else:
                marker = src[at:at + 2] if src.startswith(("||", "!!"), at) else src[at]
                if marker not in ("|", "!", "||", "!!"):
                    return None
            attrs_start = contents = at + len(marker)
            sep = -1
            attrs_row = self.child(child, _ATTRIBUTES)
            # A caption's attributes start after its "+", which to
            # mwparserfromhell is the first of them.
            if attrs_row is not None and (starts[attrs_row] == contents or kind == _TABLE_CAPTION):
                sep = ends[attrs_row]
                if not src.startswith("|", sep) or src.startswith("||", sep):
                    return None
                contents = sep + 1
            if contents > bound:
                return None
            parts.append((child, kind, at, marker, attrs_start, sep, contents, bound))
        return parts

    def table_nodes(self, row, parts, lo, depth, cache):
        """The nodes of a table's contents from ``lo`` (see _table_parts),
        ``depth`` nodes deep: its rows' and cells' Tags (``cache``: the nodes
        a typed filter built inside them, which their cells now hold)."""
        nexts = self.nexts
        first_at = parts[0][2] if parts else self.ends[row] - 2
        table_nodes = self.nodes(lo, first_at, row + 1, nexts[row], depth, cache)
        row_nodes = None
        for child, kind, at, marker, attrs_start, sep, contents, bound in parts:
            if kind == _TABLE_ROW:
                self._depth = depth + 1
                row_attrs, row_padding, cells_start = self._table_line(child, at, bound)
                # (Each part's rows are looked for from its own row on, so
                # that a long table is read in one pass.)
                gap = self.nodes(cells_start, bound, child, nexts[row], depth + 1, cache) if cells_start < bound else []
                row_tag = _wiki_tag("tr", "|-", row_attrs, row_padding, gap)
                if cache:
                    _mark_handed(row_tag, cache)
                    if REMOVED in cache:
                        row_tag._contents._nodes = SmartList(_without_removed(row_tag._contents._nodes))
                row_nodes = row_tag._contents._nodes
                table_nodes.append(row_tag)
                continue
            self._depth = depth + (2 if row_nodes is not None else 1)
            if sep < 0:
                cell_attrs, cell_padding = [], ""
            elif kind == _TABLE_CAPTION:
                cell_attrs, cell_padding = self.caption_attributes(child, attrs_start, sep)
            else:
                cell_attrs, cell_padding = self.table_attributes(child, attrs_start, sep)
            code = self.code(contents, bound, child, nexts[row])
            name = "th" if kind == _TABLE_HEADER_CELL else "td"
            cell = _wiki_tag(name, marker, cell_attrs, cell_padding, None, code, "|" if sep >= 0 else None)
            if cache:
                _mark_handed(cell, cache)
            (row_nodes if row_nodes is not None else table_nodes).append(cell)
        return table_nodes

    def _table_line(self, row, at, bound):
        """The attributes after a ``{|`` or ``|-`` marker at ``at``, the rest
        of its line (line break included: the Tag's padding) and where the
        line after it starts; None if the line runs past ``bound``."""
        src = self.src
        line_end = src.find("\n", at + 2, bound)
        if line_end < 0:
            return None
        open_end = line_end
        while open_end > at + 2 and src[open_end - 1] in " \t":
            open_end -= 1
        attrs, padding = self.table_attributes(row, at + 2, open_end)
        return attrs, _valueless_padding(attrs, padding + src[open_end:line_end + 1], " \t"), line_end + 1

    def caption_attributes(self, row, lo, hi):
        """The attributes of a caption in ``src[lo:hi]`` (after its ``|``)
        and the whitespace after them: mwparserfromhell reads its ``+`` as
        the first, one without a value, where whitespace follows it."""
        src = self.src
        if src.startswith("+", lo) and (lo + 1 == hi or src[lo + 1].isspace()):
            rest = self.attributes(row, lo + 1, hi) if lo + 1 < hi else ([], "")
            if rest is not None:
                attrs = [_attribute(self.code(lo, lo + 1, 0, 0), None, None, "", "", "")] + rest[0]
                return attrs, _valueless_padding(attrs, rest[1])
        return self.table_attributes(row, lo, hi)

    def table_attributes(self, row, lo, hi):
        """The attributes of a table part in ``src[lo:hi]`` and the
        whitespace after them. Where they are not clean ``name=value``
        pairs (a stray quote or semicolon, often seen), they are one
        attribute of that text: the table stays a table, as it does for
        mwparserfromhell, which splits such text its own way."""
        if lo >= hi:
            return [], ""
        parsed = self.attributes(row, lo, hi, first_pad=False)
        if parsed is not None:
            return parsed
        attrs, padding = self.text_attribute(row, lo, hi)
        return attrs, _valueless_padding(attrs, padding)

    def start_tag(self, row):
        start, end = self.starts[row], self.ends[row]
        source = self.src[start:end]
        match = _TAG_NAME.match(source)
        if match is None:
            return None
        name = match.group(1)
        if source.startswith("/", 1 + len(name)) and len(source) != len(name) + 3:
            # A "/" right after the name closes the tag only as "<name/>":
            # mwparserfromhell reads "<br/ >" as text.
            return None
        self_closing = source.endswith("/>")
        open_end = end - (2 if self_closing else 1)
        parsed = self.attributes(row, start + 1 + len(name), open_end)
        if parsed is None:
            return None
        attrs, padding = parsed
        tag_name = self.code(start + 1, start + 1 + len(name), 0, 0)
        if self_closing:
            return _tag(tag_name, None, attrs, padding, self_closing=True)
        if is_single_only(name):
            return _tag(tag_name, None, attrs, padding, self_closing=True, implicit=True)
        return _Open(tag_name, attrs, padding, source, False)


def _tag(name, contents, attrs, padding, self_closing=False, implicit=False, closing_tag=None):
    """Tag(name, contents, attrs, padding=padding, ...) for the builder's
    checked pieces, without the setters' conversions."""
    tag = _new(Tag)
    tag._tag = name
    tag._closing_tag = name if closing_tag is None else closing_tag
    tag._contents = _word_code("") if contents is None else contents
    tag._attrs = attrs
    tag._padding = padding
    tag._self_closing = self_closing
    tag._implicit = implicit
    tag._invalid = False
    tag._wiki_markup = tag._wiki_style_separator = tag._closing_wiki_markup = tag._lazy_parts = None
    return tag


def _wiki_tag(name, markup, attrs, padding, nodes, contents=None, separator=None):
    """A table part's Tag (``markup`` its wiki markup), holding ``nodes``
    (built) or ``contents`` (Wikicode)."""
    tag = _tag(_word_code(name), contents if nodes is None else Wikicode(SmartList(_merge_text(nodes))), attrs, padding)
    tag._closing_tag = _word_code(name)
    tag._wiki_markup = markup
    tag._wiki_style_separator = separator
    return tag


def _valueless_padding(attrs, padding, spaces=None):
    """The whitespace after an attribute without a value moved into its
    ``pad_before_eq``, as mwparserfromhell reads it: in ``<span a b>`` the
    space is ``a``'s, and ``b``'s ``pad_first`` is empty; in ``<span a >``
    it is ``a``'s, not the tag's padding. The text is the same; what an
    edit (removing ``b``) leaves is mwparserfromhell's. Returns the tag's
    padding that is left (``spaces``: the characters that may move, where
    the padding ends a table line)."""
    if len(attrs) > 1:
        # (Most tags have one attribute or none: no pairs to look at.)
        for attr, after in zip(attrs, attrs[1:]):
            if attr._value is None and after._pad_first:
                attr._pad_before_eq += after._pad_first
                after._pad_first = ""
    if padding and attrs and attrs[-1]._value is None:
        rest = padding.lstrip(spaces)
        attrs[-1]._pad_before_eq += padding[:len(padding) - len(rest)]
        padding = rest
    return padding


def _attribute(name, value, quotes, pad_first, pad_before_eq, pad_after_eq):
    """Attribute(...) for the builder's checked pieces (the paddings are
    whitespace), without the setters' conversions and checks."""
    attr = _new(Attribute)
    attr._name, attr._value, attr._quotes = name, value, quotes
    attr._pad_first, attr._pad_before_eq, attr._pad_after_eq = pad_first, pad_before_eq, pad_after_eq
    return attr


_WORDS = {}


def _word_code(word):
    """Unbuilt Wikicode of the plain text ``word`` (a positional parameter's
    number, a table part's tag name), its nodes built only if a script
    reads them; the builders of such texts are shared."""
    builder = _WORDS.get(word)
    if builder is None:
        builder = _WORDS[word] = _Builder(word, ([], [], [], []))
    code = _new(Wikicode)
    code._lazy = (builder, 0, len(word), 0, 0, 0)
    code._handed = code._list = None
    return code


def plain_code(pieces):
    """Wikicode of a Text node for each non-empty string of ``pieces``, as
    parse_anything() would give for them; None if one may hold markup (it
    must be parsed). (add() pads every new name and value so: this skips a
    Wikicode for each piece.)"""
    nodes = []
    for piece in pieces:
        if piece:
            # (See _MARKUP.)
            if _MARKUP.search(piece) is not None or "----" in piece:
                return None
            node = _new(Text)
            node._value = piece
            nodes.append(node)
    code = _new(Wikicode)
    code._lazy = code._handed = None
    code._list = SmartList(nodes)
    return code


def _text_code(text):
    """Wikicode of one Text node (none if ``text`` is empty)."""
    code = _new(Wikicode)
    code._lazy = code._handed = None
    if text:
        node = _new(Text)
        node._value = text
        code._list = SmartList((node,))
    else:
        code._list = SmartList()
    return code


_PLACEHOLDERS = {_Open, _Close, _Quote}
_OPEN_OR_CLOSE = {_Open, _Close}
# Nodes nest at most this deep; deeper markup stays Text, as
# mwparserfromhell's tokenizer gives up past its own maximum depth (and as
# the walks and str() of such a tree would exhaust Python's stack). A
# node's depth counts the nodes around it and the start tags open before it
# in its Wikicode, plus _QUOTE_DEPTH for the bold and italic Tags that may
# be around it: a style opens at most _STYLE_NESTING styles deep (see
# _styles), and only a top-level `'''''` makes two Tags around what it
# holds (one inside a style closes it), so they nest one more at most.
_MAX_DEPTH = 100
_STYLE_NESTING = 6
_QUOTE_DEPTH = _STYLE_NESTING + 1
# End tags and quote runs hold nothing: they pair at any depth.
_UNCAPPED = [name in ("HTML_END_TAG", "QUOTE") for name in KINDS]
# The rows top_headings() builds: what pairing reads, and what may hide a
# heading or be one.
_PAIRING_KINDS = frozenset({_QUOTE, _HTML_START_TAG, _HTML_END_TAG, _TABLE, _HEADING})
_PAIRING_MASK = sum(1 << kind for kind in _PAIRING_KINDS)
# row_node() of a row whose text stays Text.
_NO_NODE = (None, None)
# A table mwparserfromhell would not read as one: looked through.
_THROUGH = object()
_THROUGH_NODE = (_THROUGH, None)
_TABLE_CELLS = frozenset((_TABLE_CELL, _TABLE_HEADER_CELL))
# Node types whose builder method checks the delimiters it assumes, so their
# text is their source by construction.
_CHECKED = {Template, Wikilink, Comment}


def _entity(source):
    body = source[1:-1]
    try:
        if body.startswith("#x") or body.startswith("#X"):
            return HTMLEntity(body[2:], named=False, hexadecimal=True, hex_char=body[1])
        if body.startswith("#"):
            return HTMLEntity(body[1:], named=False, hexadecimal=False)
        # Only HTML 4's names are entities to mwparserfromhell (``&apos;``
        # and ``&foo;`` are text).
        return HTMLEntity(body, named=True) if body in name2codepoint else None
    except ValueError:
        return None


def _mark_handed(tag, cache):
    """Give a table part's unbuilt pieces the nodes a typed filter built
    inside them (it walked the table's rows before the part was built)."""
    codes = [tag._contents] + [code for attr in tag._attrs for code in (attr._name, attr._value)]
    for code in codes:
        if code is not None and code._lazy is not None:
            code._handed = cache


class _TableContents:
    """The unbuilt contents of a table Tag: the page builder's, except
    that they build into the table's row and cell Tags."""

    __slots__ = ("builder", "row", "parts", "src", "_by_type")

    def __init__(self, builder, row, parts):
        self.builder, self.row, self.parts = builder, row, parts
        self.src, self._by_type = builder.src, builder._by_type

    def materialize(self, lo, hi, first, stop, depth, cache=None):
        nodes = _merge_text(self.builder.table_nodes(self.row, self.parts, lo, depth, cache))
        return SmartList(_without_removed(nodes) if cache and REMOVED in cache else nodes)

    def type_starts(self, node_type):
        return self.builder.type_starts(node_type)

    def typed_nodes(self, code, wanted, out):
        # The cells sit up to two Tags deeper than the table's contents.
        return self.builder.typed_nodes(code, wanted, out, 2)

    def spliced(self, lo, hi, first, stop, cache):
        return self.builder.spliced(lo, hi, first, stop, cache)


def _track_open_tags(node, opens):
    """Follow the start tags left open, by name, as _pair() pairs them: a
    node sits at most as many Tags deep in its Wikicode as there are open
    start tags before it (paired quote runs add at most _QUOTE_DEPTH)."""
    kind = type(node)
    if kind is _Open:
        opens.append(str(node.name).lower())
    elif kind is _Close:
        name = node.name
        for index in range(len(opens) - 1, -1, -1):
            if opens[index] == name:
                del opens[index:]
                break


def _pair(nodes, skeleton=False):
    """Join start/end tags, then quote runs (see _styles), into Tag nodes;
    the rest becomes Text. (``skeleton``: each Tag is _PAIRED instead, for
    a caller that asks only what stays outside them.)"""
    out = []
    opens = []
    for node in nodes:
        kind = type(node)
        if kind is _Open:
            opens.append(len(out))
            out.append(node)
        elif kind is _Close:
            match = next((i for i in range(len(opens) - 1, -1, -1) if str(out[opens[i]].name).lower() == node.name), None)
            if match is None:
                out.append(_text(node.source))
                continue
            index = opens[match]
            del opens[match:]
            if skeleton:
                out[index:] = [_PAIRED]
                continue
            opened = out[index]
            contents = Wikicode(SmartList(_merge_text(_styles(_unpaired(out[index + 1:])))))
            tag = _tag(opened.name, contents, opened.attrs or [], opened.padding, closing_tag=_text_code(node.source[2:-1]))
            out[index:] = [tag]
        else:
            out.append(node)
    return _styles(_unpaired(out), skeleton=skeleton)


def _style_tag(length, contents):
    """``'''`` bold or ``''`` italic around ``contents`` (a node list)."""
    return _quote_markup_tag(length, Wikicode(SmartList(_merge_text(contents))))


def _quote_markup_tag(length, code):
    """The Tag of a quote run of ``length`` around the Wikicode ``code``, as
    Tag(name, code, wiki_markup=...) makes it, without its setters."""
    tag = _tag(_word_code("b" if length == 3 else "i"), code, [], "")
    tag._wiki_markup = tag._closing_wiki_markup = "'" * length
    return tag


def _styles(nodes, quotes=None, skeleton=False):
    """The quote runs among ``nodes`` (one Wikicode's nodes, its start and end
    tags paired) as bold and italic Tags, paired as mwparserfromhell pairs
    them; the runs left unpaired become Text.

    A run opens a style whose close is looked for up to the end of the list
    (a line break does not end it); a style that finds none is text, except
    that a bold run left open is read again as an apostrophe and an italic
    run (``'''a''-type'`` is an apostrophe, then ``a`` in italics), and one
    left open inside an italic lets the italic be read again, closing at
    that run (``''a'''b`` is ``a'`` in italics, then ``b``). Styles nest at
    most _STYLE_NESTING deep. That reading is a search with backtracking; a
    list that would make it cost more than linear time keeps its runs as
    text. (``quotes``: the indexes of the runs, if the caller knows them;
    ``skeleton``: each style is _PAIRED instead of its Tag.)
    """
    if quotes is None:
        quotes = [index for index, node in enumerate(nodes) if type(node) is _Quote]
    if not quotes:
        return nodes
    try:
        return (_SkeletonPairing if skeleton else _StylePairing)(nodes, quotes).pair()
    except _TooCostly:
        return [_text(node.source) if type(node) is _Quote else node for node in nodes]


# A style's context, named as in mwparserfromhell's tokenizer: italics or
# bold, and an italic to be read again (PASS_AGAIN: a bold inside it found
# no close; SECOND_PASS: the italic read again).
_ITALICS, _BOLD, _PASS_AGAIN, _SECOND_PASS = 1, 2, 4, 8
# _StylePairing._style()'s answer when the run closes the style around it.
_CLOSES = -1


class _StyleFailed(Exception):
    """A style reached the end of its list unclosed, in ``context``."""

    def __init__(self, context):
        super().__init__(context)
        self.context = context


class _TooCostly(Exception):
    """_StylePairing's step budget ran out."""


class _StylePairing:
    """_styles() of one node list. A cursor is (the index of the next node,
    None), or (the index of a five-apostrophe run that closed a style, the
    apostrophes of it read next as a run of their own)."""

    # Each style tried costs a step. With the failures remembered, the
    # search takes about one a run on real pages (at most 1.0 on the
    # corpus); the budget makes sure that no list costs more than linear time.
    STEPS_PER_RUN = 16
    STEPS = 256

    def __init__(self, nodes, quotes):
        self.nodes = nodes
        self.quotes = quotes
        # The styles known to find no close, by where they start and their
        # context then, as the tokenizer remembers failed routes: such a
        # style fails at once, in that context.
        self.failed = set()
        self.steps = self.STEPS_PER_RUN * len(quotes) + self.STEPS

    def pair(self):
        out = []
        cursor, left = 0, None
        while True:
            cursor, ticks = self._next_run(out, cursor, left)
            if ticks is None:
                return self._flat(out)
            cursor, left, _ = self._style(out, 0, cursor, ticks, 0)

    def _flat(self, pieces):
        """The nodes of ``pieces``: nodes, and (start, stop) ranges of
        self.nodes, which a scan records instead of copying them (a style
        that finds no close is thrown away, and it may have scanned to the
        end of the list)."""
        nodes, out = self.nodes, []
        for piece in pieces:
            if type(piece) is tuple:
                out.extend(nodes[piece[0]:piece[1]])
            else:
                out.append(piece)
        return out

    def _tag(self, length, pieces):
        return _style_tag(length, self._flat(pieces))

    def _next_run(self, out, cursor, left):
        """Copies the nodes before the next run into ``out``: (the index
        after that run, its apostrophes as a style reads them), or (the
        end, None)."""
        if left is not None:
            return cursor + 1, left
        nodes, quotes = self.nodes, self.quotes
        at = bisect_left(quotes, cursor)
        if at == len(quotes):
            if cursor < len(nodes):
                out.append((cursor, len(nodes)))
            return len(nodes), None
        run = quotes[at]
        if cursor < run:
            out.append((cursor, run))
        ticks = len(nodes[run].source)
        # A longer run: the apostrophes beyond five, or the first of four, are text.
        if ticks > 5:
            out.append(_text("'" * (ticks - 5)))
            ticks = 5
        elif ticks == 4:
            out.append(_text("'"))
            ticks = 3
        return run + 1, ticks

    def _parse(self, context, cursor, left, depth):
        """The nodes of a style (``context``) up to the run that closes it:
        (nodes, the cursor after the close). _StyleFailed at the end."""
        key = (cursor, left, context)
        if key in self.failed:
            raise _StyleFailed(context)
        self.steps -= 1
        if self.steps < 0:
            raise _TooCostly
        out = []
        while True:
            cursor, ticks = self._next_run(out, cursor, left)
            left = None
            if ticks is None:
                self.failed.add(key)
                raise _StyleFailed(context)
            if (context & _ITALICS and ticks in (2, 5)) or (context & _BOLD and ticks in (3, 5)):
                if ticks == 5:
                    # Two (or three) of the five close this style; the rest
                    # are read again as a run of their own.
                    return out, cursor - 1, 3 if context & _ITALICS else 2
                return out, cursor, None
            if depth >= _STYLE_NESTING:
                if ticks == 3:
                    if context & _SECOND_PASS:
                        out.append(_text("'"))
                        return out, cursor, None
                    if context & _ITALICS:
                        context |= _PASS_AGAIN
                out.append(_text("'" * ticks))
                continue
            cursor, left, flag = self._style(out, context, cursor, ticks, depth)
            if flag == _CLOSES:
                return out, cursor, None
            context |= flag

    def _style(self, out, context, cursor, ticks, depth):
        """The style a run of ``ticks`` opens, in ``context``, appended to
        ``out``: (the cursor after it, a flag for the context around it, or
        _CLOSES if the run closes that context)."""
        if ticks == 2:
            return self._italics(out, cursor, depth) + (0,)
        if ticks == 3:
            try:
                body, after, left = self._parse(_BOLD, cursor, None, depth + 1)
            except _StyleFailed:
                if context & _SECOND_PASS:
                    out.append(_text("'"))
                    return cursor, None, _CLOSES
                if context & _ITALICS:
                    out.append(_text("'''"))
                    return cursor, None, _PASS_AGAIN
                out.append(_text("'"))
                return self._italics(out, cursor, depth) + (0,)
            out.append(self._tag(3, body))
            return after, left, 0
        # Five: bold, else italics, then the other around it.
        try:
            bold, after, left = self._parse(_BOLD, cursor, None, depth + 1)
        except _StyleFailed:
            try:
                italic, after, left = self._parse(_ITALICS, cursor, None, depth + 1)
            except _StyleFailed:
                out.append(_text("'''''"))
                return cursor, None, 0
            return self._around(out, 2, italic, after, left, depth)
        return self._around(out, 3, bold, after, left, depth)

    def _around(self, out, ticks, inner, cursor, left, depth):
        """After a five-apostrophe run's first style (``ticks`` of them around
        ``inner``) closed at the cursor: the other style around it, to its
        own close, or its apostrophes as text before it."""
        outer = 5 - ticks
        try:
            rest, end, end_left = self._parse(_BOLD if outer == 3 else _ITALICS, cursor, left, depth + 1)
        except _StyleFailed:
            out.append(_text("'" * outer))
            out.append(self._tag(ticks, inner))
            return cursor, left, 0
        out.append(self._tag(outer, [self._tag(ticks, inner)] + rest))
        return end, end_left, 0

    def _italics(self, out, cursor, depth):
        try:
            body, after, left = self._parse(_ITALICS, cursor, None, depth + 1)
        except _StyleFailed as failure:
            if not failure.context & _PASS_AGAIN:
                out.append(_text("''"))
                return cursor, None
            try:
                body, after, left = self._parse(_ITALICS | _SECOND_PASS, cursor, None, depth + 1)
            except _StyleFailed:
                out.append(_text("''"))
                return cursor, None
        out.append(self._tag(2, body))
        return after, left


class _SkeletonPairing(_StylePairing):
    """_StylePairing that makes each style _PAIRED instead of its Tag."""

    def _tag(self, length, pieces):
        return _PAIRED


# A Tag that _pair(skeleton=True) and _SkeletonPairing stand in for.
_PAIRED = object()


def _unpaired(nodes):
    """``nodes`` with the start and end tags left unpaired as Text."""
    return [_text(node.source) if type(node) in _OPEN_OR_CLOSE else node for node in nodes]


def _without_removed(nodes):
    """``nodes`` without the marks of nodes removed in place (the last step
    of making a Wikicode of them, once the text around them is merged as it
    would be with them there), looking inside the Tags pairing made."""
    out = [node for node in nodes if node is not REMOVED]
    for node in out:
        contents = node._contents if type(node) is Tag else None
        if contents is not None and contents._lazy is None:
            # (Deeper Tags are mended in place; this list is replaced only
            # if it held a mark itself.)
            inner = _without_removed(contents._nodes)
            if len(inner) != len(contents._nodes):
                contents._nodes = SmartList(inner)
    return out


def _merge_text(nodes):
    out = []
    for node in nodes:
        if type(node) is Text and out and type(out[-1]) is Text:
            out[-1] = _text(out[-1]._value + node._value)
        else:
            out.append(node)
    return out
