"""Build compat nodes from the Rust parse.

The Rust parser hands over one flat, pre-order list of (kind, start, end)
for the syntax nodes this module reads; they are nested by their ranges,
and each node's Wikicode pieces are made from the source ranges between
them. A node whose rebuilt text differs from its source stays plain Text,
so ``str(parse(text)) == text`` always holds.
"""

from __future__ import annotations

import re

from .. import _native
from .definitions import is_parsable, is_single_only
from .nodes import Argument, Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Text, Wikilink
from .nodes.extras import Attribute, Parameter
from .smart_list import SmartList

__all__ = ["parse_text"]

# Kinds that are pieces of a node, not nodes: code() looks through them.
_PIECES = {
    "TEMPLATE_NAME", "TEMPLATE_ARGUMENT", "ARGUMENT_NAME", "ARGUMENT_VALUE", "LINK_TARGET",
    "LINK_TEXT", "URL", "EXTERNAL_LINK_TEXT", "ATTRIBUTE", "TAG_BODY",
}
_NODES = {
    "TEMPLATE", "PARAMETER", "WIKI_LINK", "EXTERNAL_LINK", "BARE_URL", "HEADING", "COMMENT",
    "ENTITY", "EXTENSION_TAG", "HTML_START_TAG", "HTML_END_TAG", "QUOTE",
}
KINDS = sorted(_PIECES | _NODES)

# Text with none of these cannot hold markup: no parse needed.
_MARKUP = re.compile(r"[{}\[\]<>&='\n:~_]")
_ATTRIBUTE = re.compile(r"""([^\s=]+)(?:(\s*)=(\s*)(?:"([^"]*)"|'([^']*)'|(.*)))?$""", re.S)
_TAG_NAME = re.compile(r"</?([^\s/>]+)")


class _Span:
    __slots__ = ("kind", "start", "end", "children")

    def __init__(self, kind, start, end):
        self.kind, self.start, self.end, self.children = kind, start, end, []


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


def _wikicode(nodes):
    from .wikicode import Wikicode

    global _wikicode
    _wikicode = Wikicode
    return Wikicode(nodes)


def parse_text(text: str):
    from .wikicode import Wikicode

    if not _MARKUP.search(text):
        return Wikicode(SmartList([Text(text)] if text else []))
    roots = _nest((KINDS[kind], start, end) for kind, start, end in _native.compat_spans(text, KINDS))
    # Checking each node against its source costs a str() per nesting level;
    # check the whole page once, and node by node only when that fails.
    code = _Builder(text, check_nodes=False).code(0, len(text), roots)
    if str(code) == text:
        return code
    return _Builder(text, check_nodes=True).code(0, len(text), roots)


def _nest(flat):
    roots, stack = [], []
    for kind, start, end in flat:
        span = _Span(kind, start, end)
        while stack and not (stack[-1].start <= start and end <= stack[-1].end):
            stack.pop()
        (stack[-1].children if stack else roots).append(span)
        stack.append(span)
    return roots


def _flatten(spans, lo, hi):
    for span in spans:
        if span.end < lo or span.start > hi:
            continue
        if span.kind in _PIECES:
            yield from _flatten(span.children, lo, hi)
        elif lo <= span.start and span.end <= hi:
            yield span


class _Builder:
    def __init__(self, src, check_nodes):
        self.src = src
        self.check_nodes = check_nodes

    def code(self, lo, hi, spans):
        src = self.src
        nodes = []
        cursor = lo
        placeholders = fallbacks = False
        for span in _flatten(spans, lo, hi):
            if span.start < cursor:
                continue
            if span.start > cursor:
                nodes.append(Text(src[cursor:span.start]))
            if span.kind == "HEADING":
                # Comments and spaces after the closing marks follow the heading.
                marks_end = _heading_end(src, span.start, span.end)
                if marks_end < span.end:
                    heading = self.heading(_Span("HEADING", span.start, marks_end), span.children)
                    if heading is not None and str(heading) == src[span.start:marks_end]:
                        nodes.append(heading)
                        nodes.extend(self.code(marks_end, span.end, span.children)._nodes)
                        fallbacks = True
                        cursor = span.end
                        continue
            node = self.node(span)
            if isinstance(node, _PLACEHOLDERS):
                placeholders = True
            elif node is None or (self.check_nodes and str(node) != src[span.start:span.end]):
                node = Text(src[span.start:span.end])
                fallbacks = True
            nodes.append(node)
            cursor = span.end
        if cursor < hi:
            nodes.append(Text(src[cursor:hi]))
        if placeholders:
            nodes = _pair(nodes)
        if placeholders or fallbacks:
            nodes = _merge_text(nodes)
        return _wikicode(SmartList(nodes))

    def node(self, span):
        kind = span.kind
        if kind == "TEMPLATE":
            return self.template(span)
        if kind == "WIKI_LINK":
            return self.wikilink(span)
        if kind == "EXTERNAL_LINK":
            return self.external_link(span)
        if kind == "BARE_URL":
            return ExternalLink(self.code(span.start, span.end, []), brackets=False)
        if kind == "HEADING":
            return self.heading(span)
        if kind == "COMMENT":
            body = self.src[span.start:span.end]
            if not body.endswith("-->") or len(body) < 7:
                return None
            return Comment(body[4:-3])
        if kind == "ENTITY":
            return _entity(self.src[span.start:span.end])
        if kind == "PARAMETER":
            return self.argument(span)
        if kind == "EXTENSION_TAG":
            return self.extension_tag(span)
        if kind == "HTML_START_TAG":
            return self.start_tag(span)
        if kind == "HTML_END_TAG":
            source = self.src[span.start:span.end]
            match = _TAG_NAME.match(source)
            return _Close(match.group(1).lower(), source) if match else None
        if kind == "QUOTE":
            return _Quote(self.src[span.start:span.end])
        return None

    def template(self, span):
        src = self.src
        args = [c for c in span.children if c.kind == "TEMPLATE_ARGUMENT" and src[c.start] == "|"]
        name_end = args[0].start if args else span.end - 2
        name = self.code(span.start + 2, name_end, span.children)
        params = []
        position = 0
        for arg in args:
            key = next((c for c in arg.children if c.kind == "ARGUMENT_NAME"), None)
            if key is not None:
                value = self.code(key.end + 1, arg.end, arg.children)
                params.append(Parameter(self.code(key.start, key.end, arg.children), value, showkey=True))
            else:
                position += 1
                value = self.code(arg.start + 1, arg.end, arg.children)
                params.append(Parameter(_text_code(str(position)), value, showkey=False))
        return Template(name, params)

    def argument(self, span):
        src = self.src
        value = next((c for c in span.children if c.kind == "ARGUMENT_VALUE"), None)
        if value is None:
            return Argument(self.code(span.start + 3, span.end - 3, span.children))
        name = self.code(span.start + 3, value.start - 1, span.children)
        return Argument(name, self.code(value.start, span.end - 3, span.children)) if src[value.start - 1] == "|" else None

    def wikilink(self, span):
        text = next((c for c in span.children if c.kind == "LINK_TEXT"), None)
        if text is None:
            return Wikilink(self.code(span.start + 2, span.end - 2, span.children))
        return Wikilink(
            self.code(span.start + 2, text.start - 1, span.children),
            self.code(text.start, span.end - 2, span.children),
        )

    def external_link(self, span):
        url = next((c for c in span.children if c.kind == "URL"), None)
        if url is None:
            return None
        title = next((c for c in span.children if c.kind == "EXTERNAL_LINK_TEXT"), None)
        url_code = self.code(url.start, url.end, [])
        if title is None:
            return ExternalLink(url_code)
        suppress = title.start == url.end
        start = title.start if suppress else url.end + 1
        return ExternalLink(url_code, self.code(start, span.end - 1, span.children), suppress_space=suppress)

    def heading(self, span, children=None):
        if children is not None:
            span.children = [c for c in children if c.end <= span.end]
        body = self.src[span.start:span.end]
        lead = len(body) - len(body.lstrip("="))
        trail = len(body) - len(body.rstrip("="))
        level = min(lead, trail, 6)
        if level < 1 or len(body) < 2 * level:
            return None
        return Heading(self.code(span.start + level, span.end - level, span.children), level)

    def attributes(self, span, name_end, open_end):
        """The attributes of a tag, and the whitespace before its ``>``."""
        src = self.src
        attrs = []
        cursor = name_end
        for attr in (c for c in _all(span.children) if c.kind == "ATTRIBUTE" and c.end <= open_end):
            pad = src[cursor:attr.start]
            match = _ATTRIBUTE.match(src[attr.start:attr.end])
            if match is None or (pad and not pad.isspace()) or not pad:
                return None
            name, before, after, dq, sq, bare = match.groups()
            if before is None:
                attrs.append(Attribute(self.code(attr.start, attr.start + len(name), []), None, None, pad))
            else:
                value = dq if dq is not None else sq if sq is not None else bare
                quotes = '"' if dq is not None else "'" if sq is not None else None
                value_start = attr.start + len(name) + len(before) + 1 + len(after) + (1 if quotes else 0)
                code = self.code(value_start, value_start + len(value), attr.children)
                attr_node = Attribute(self.code(attr.start, attr.start + len(name), []), None, None, pad, before, after)
                attr_node._value = code
                attr_node._quotes = quotes
                attrs.append(attr_node)
            cursor = attr.end
        padding = src[cursor:open_end]
        return attrs, padding

    def extension_tag(self, span):
        src = self.src
        source = src[span.start:span.end]
        match = _TAG_NAME.match(source)
        if match is None:
            return None
        name = match.group(1)
        body = next((c for c in span.children if c.kind == "TAG_BODY"), None)
        closing_at = source.rfind("</")
        if body is None and not source.endswith("/>") and closing_at > 0:
            # A raw body (not wikitext) is no node of the tree: it runs from the
            # opening tag's ">" to the closing tag.
            attrs_end = max([c.end for c in span.children if c.kind == "ATTRIBUTE"] or [span.start + 1 + len(name)])
            body_start = src.find(">", attrs_end, span.start + closing_at) + 1
            if body_start > 0:
                body = _Span("TAG_BODY", body_start, span.start + closing_at)
        open_end = (body.start - 1) if body is not None else (span.end - (2 if source.endswith("/>") else 1))
        parsed = self.attributes(span, span.start + 1 + len(name), open_end)
        if parsed is None:
            return None
        attrs, padding = parsed
        tag_name = self.code(span.start + 1, span.start + 1 + len(name), [])
        if body is None:
            return Tag(tag_name, attrs=attrs, self_closing=True, padding=padding)
        if is_parsable(name):
            contents = self.code(body.start, body.end, body.children)
        else:
            contents = _text_code(src[body.start:body.end])
        closing = src[body.end:span.end]
        if not (closing.startswith("</") and closing.endswith(">")):
            return None
        tag = Tag(tag_name, contents, attrs, padding=padding)
        tag.closing_tag = self.code(body.end + 2, span.end - 1, [])
        return tag

    def start_tag(self, span):
        source = self.src[span.start:span.end]
        match = _TAG_NAME.match(source)
        if match is None:
            return None
        name = match.group(1)
        self_closing = source.endswith("/>")
        open_end = span.end - (2 if self_closing else 1)
        parsed = self.attributes(span, span.start + 1 + len(name), open_end)
        if parsed is None:
            return None
        attrs, padding = parsed
        tag_name = self.code(span.start + 1, span.start + 1 + len(name), [])
        if self_closing:
            return Tag(tag_name, attrs=attrs, self_closing=True, padding=padding)
        if is_single_only(name):
            return Tag(tag_name, attrs=attrs, self_closing=True, implicit=True, padding=padding)
        return _Open(tag_name, attrs, padding, source, False)


def _text_code(text):
    from .wikicode import Wikicode

    return Wikicode(SmartList([Text(text)] if text else []))


_PLACEHOLDERS = (_Open, _Close, _Quote)


def _all(spans):
    for span in spans:
        yield span
        yield from _all(span.children)


def _entity(source):
    body = source[1:-1]
    try:
        if body.startswith("#x") or body.startswith("#X"):
            return HTMLEntity(body[2:], named=False, hexadecimal=True, hex_char=body[1])
        if body.startswith("#"):
            return HTMLEntity(body[1:], named=False, hexadecimal=False)
        return HTMLEntity(body, named=True)
    except ValueError:
        return None


def _pair(nodes):
    """Join start/end tags and quote runs into Tag nodes; the rest becomes Text."""
    from .wikicode import Wikicode

    out = []
    opens = []
    quotes = []
    for node in nodes:
        if isinstance(node, Text) and "\n" in node.value:
            quotes.clear()
        if isinstance(node, _Open):
            opens.append(len(out))
            out.append(node)
        elif isinstance(node, _Close):
            match = next((i for i in range(len(opens) - 1, -1, -1) if str(out[opens[i]].name).lower() == node.name), None)
            if match is None:
                out.append(Text(node.source))
                continue
            index = opens[match]
            del opens[match:]
            quotes[:] = [q for q in quotes if q < index]
            opened = out[index]
            contents = Wikicode(SmartList(_merge_text(_unpaired(out[index + 1:]))))
            tag = Tag(opened.name, contents, opened.attrs, padding=opened.padding)
            tag.closing_tag = Text(node.source[2:-1])
            out[index:] = [tag]
        elif isinstance(node, _Quote):
            length = len(node.source)
            match = next((i for i in range(len(quotes) - 1, -1, -1) if len(out[quotes[i]].source) == length), None)
            if match is None or length not in (2, 3):
                quotes.append(len(out))
                out.append(node)
                continue
            index = quotes[match]
            del quotes[match:]
            opens[:] = [o for o in opens if o < index]
            contents = Wikicode(SmartList(_merge_text(_unpaired(out[index + 1:]))))
            out[index:] = [Tag(Text("b" if length == 3 else "i"), contents, wiki_markup=node.source)]
        else:
            out.append(node)
    return _unpaired(out)


def _unpaired(nodes):
    return [Text(node.source) if isinstance(node, (_Open, _Close, _Quote)) else node for node in nodes]


def _merge_text(nodes):
    out = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].value + node.value)
        else:
            out.append(node)
    return out
