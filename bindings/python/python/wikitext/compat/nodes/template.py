"""Template: ``{{name|params}}``, with parameter editing that keeps the page's style."""

from __future__ import annotations

from collections import Counter
from operator import itemgetter

from .extras import Parameter
from .node import CodeField, Node, wikicode
from .text import HTMLEntity, Text

__all__ = ["Template"]

_count = itemgetter(1)

# get()'s "no default given".
_NO_DEFAULT = object()
# _get_unbuilt()'s "there is no such parameter".
_NOT_FOUND = object()


def _split_space(text: str):
    """(leading whitespace, the rest, trailing whitespace)."""
    rest = text.lstrip()
    core = rest.rstrip()
    return text[: len(text) - len(rest)], core, rest[len(core):]


def _most_common(values):
    """The value more than half of ``values`` have, else None (there is at
    most one)."""
    if not values:
        return None
    # Usually the first is it: one count, in C.
    first = values[0]
    if values.count(first) * 2 > len(values):
        return first
    value, count = max(Counter(values).items(), key=_count)
    return value if count * 2 > len(values) else None


def _padded(before, value, after):
    """``value`` (parsed) between the whitespace ``before`` and ``after``,
    each a Text node of its own, as mwparserfromhell's add() lays out a
    parameter's name or value."""
    if type(value) is str:
        code = _plain_code((before, value, after))
        if code is not None:
            return code
    return wikicode([before, value, after])


def _plain_code(pieces):
    """The builder's plain_code, imported on first use (the builder imports this module)."""
    global _plain_code
    from ..builder import plain_code

    _plain_code = plain_code
    return plain_code(pieces)


def _blank_ends(text):
    """The whitespace around ``text``'s core, as mwparserfromhell splits a
    value it blanks or refills: all of it after, if it is all whitespace."""
    if text.isspace():
        return "", text
    lead, _, trail = _split_space(text)
    return lead, trail


def _new_param(name, value):
    """A keyed Parameter of two Wikicode values, without the setters' checks."""
    param = Parameter.__new__(Parameter)
    param._name, param._value, param._showkey = name, value, True
    return param


class Template(Node):
    """``{{name|params}}``: a transclusion or a parser function."""

    def __bool__(self):
        # Never empty (its delimiters): no need to make the text.
        return True

    # (builder, row, start of the "|..." arguments, end) while the parser's
    # Template has not built its parameters (see builder.py).
    _unbuilt = None
    # After an edit while unbuilt, its parameters in order: argument rows of
    # the source (ints) and the Parameters added since. The bot's usual edits
    # (has, add a keyed parameter, remove one) then build no parameters.
    _args = None
    # While unbuilt, once read: (name, value, showkey) of each argument row,
    # as source text (see _fields).
    _row_texts = None

    def __init__(self, name, params=None):
        super().__init__()
        self.name = name
        self._params = params if params else []

    def __str__(self):
        unbuilt = self._unbuilt
        if unbuilt is not None:
            args = self._args
            if args is None:
                # (Wikicode.__str__ of an unbuilt name inlined: str() of a
                # page calls this for every template it handed out.)
                name = self._name
                lazy = name._lazy
                name = lazy[0].src[lazy[1]:lazy[2]] if lazy is not None and not name._handed else str(name)
                return f"{{{{{name}{unbuilt[0].src[unbuilt[2]:unbuilt[3]]}"
            builder = unbuilt[0]
            src, starts, ends = builder.src, builder.starts, builder.ends
            pieces = ["{{", str(self._name)]
            # Argument rows that follow one another in the source are
            # copied as one stretch.
            run_start = run_end = None
            for entry in args:
                if type(entry) is int:
                    if starts[entry] == run_end:
                        run_end = ends[entry]
                        continue
                    if run_end is not None:
                        pieces.append(src[run_start:run_end])
                    run_start, run_end = starts[entry], ends[entry]
                    continue
                if run_end is not None:
                    pieces.append(src[run_start:run_end])
                    run_start = run_end = None
                pieces.append("|")
                pieces.append(str(entry))
            if run_end is not None:
                pieces.append(src[run_start:run_end])
            pieces.append("}}")
            return "".join(pieces)
        if self.params:
            return "{{" + str(self.name) + "|" + "|".join([str(p) for p in self.params]) + "}}"
        return "{{" + str(self.name) + "}}"

    def __showtree__(self, write, get, mark):
        write("{{")
        get(self.name)
        for param in self.params:
            write("    | ")
            mark()
            get(param.name)
            write("    = ")
            mark()
            get(param.value)
        write("}}")

    def __children__(self):
        children = [self._name]
        for param in self.params:
            if param._showkey:
                children.append(param._name)
            children.append(param._value)
        return iter(children)

    def __strip__(self, **kwargs):
        if kwargs.get("keep_template_params"):
            parts = [param.value.strip_code(**kwargs) for param in self.params]
            return " ".join(part for part in parts if part)
        return None

    name = CodeField()

    @property
    def params(self):
        unbuilt = self._unbuilt
        if unbuilt is not None:
            by_row = unbuilt[0].template_params(unbuilt[1], unbuilt[4])
            args = self._args
            if args is None:
                self._params = list(by_row.values())
            else:
                self._params = [by_row[entry] if type(entry) is int else entry for entry in args]
            self._unbuilt = self._args = self._row_texts = None
        return self._params

    def _unbuilt_children(self):
        """The Wikicode of an unbuilt template that may hold node objects:
        its name, and the parameters added since it was parsed."""
        args = self._args
        if args is None:
            return (self._name,)
        children = [self._name]
        for entry in args:
            if type(entry) is not int:
                if entry._showkey:
                    children.append(entry._name)
                children.append(entry._value)
        return children

    def _fields(self):
        """(entry, name, value, showkey) of each parameter of an unbuilt
        template, as text: ``entry`` is an argument row or an added Parameter."""
        row_texts = self._row_texts
        if row_texts is None:
            row_texts = self._row_texts = self._unbuilt[0].arg_texts(self._unbuilt[1])
        args = self._args
        fields = []
        position = 0
        for entry in row_texts if args is None else args:
            if type(entry) is int:
                name, value, showkey = row_texts[entry]
                if not showkey:
                    position += 1
                    name = str(position)
            else:
                name, value, showkey = str(entry._name), str(entry._value), entry._showkey
            fields.append((entry, name, value, showkey))
        return fields

    def has(self, name, ignore_empty=False) -> bool:
        """Whether the template has a parameter ``name`` (with a value, if ``ignore_empty``)."""
        name = str(name).strip()
        unbuilt = self._unbuilt
        if unbuilt is not None:
            index = getattr(unbuilt[0], "index", None)
            if index is not None:
                # Its argument rows are read in Rust, no text made.
                args = self._args
                if index.template_has(unbuilt[1], None if args is None else [e for e in args if type(e) is int], name, ignore_empty):
                    return True
                for entry in args or ():
                    if type(entry) is not int and str(entry._name).strip() == name:
                        if not (ignore_empty and not str(entry._value).strip()):
                            return True
                return False
            for _, key, value, _ in self._fields():
                if key.strip() == name and not (ignore_empty and not value.strip()):
                    return True
            return False
        for param in self.params:
            if str(param.name).strip() == name:
                if ignore_empty and not str(param.value).strip():
                    continue
                return True
        return False

    has_param = has

    def get(self, name, default=_NO_DEFAULT):
        """The parameter called ``name`` (the last one, as MediaWiki reads it).

        ValueError if there is none, unless ``default`` is given.
        """
        name = str(name).strip()
        found = self._get_unbuilt(name) if self._unbuilt is not None else None
        if found is None:
            for param in reversed(self.params):
                if str(param.name).strip() == name:
                    return param
        elif found is not _NOT_FOUND:
            return found
        if default is not _NO_DEFAULT:
            return default
        raise ValueError(name)

    def _named_unbuilt(self, name):
        """The parameters named ``name`` of a template whose parameters are
        unbuilt, without building them: (how many, the last: an added
        Parameter or (argument row, keyed)); None without a Rust index."""
        builder, row = self._unbuilt[0], self._unbuilt[1]
        index = getattr(builder, "index", None)
        if index is None:
            return None
        args = self._args
        found = index.template_last_named(row, None if args is None else [e for e in args if type(e) is int], name)
        count, last = (0, None) if found is None else (found[2], found[:2])
        if args is not None:
            passed = False
            for entry in reversed(args):
                if type(entry) is int:
                    passed = passed or (found is not None and entry == found[0])
                elif str(entry._name).strip() == name:
                    count += 1
                    if not passed and type(last) is not Parameter:
                        # An added Parameter after the last argument row so named.
                        last = entry
        return count, last

    def _get_unbuilt(self, name, named=None):
        """get() of a template whose parameters are unbuilt, building only
        the one it returns, which takes its argument row's place among
        them: the Parameter, _NOT_FOUND, or None where get() must build
        them all (a positional one, or no Rust index). ``named``: what
        _named_unbuilt(name) gave, if asked already."""
        if named is None:
            named = self._named_unbuilt(name)
            if named is None:
                return None
        count, last = named
        if last is None:
            return _NOT_FOUND
        if type(last) is Parameter:
            return last
        arg, keyed = last
        if not keyed:
            return None
        builder, row = self._unbuilt[0], self._unbuilt[1]
        param = builder.template_params(row, self._unbuilt[4], arg)[arg]
        args = self._args
        if args is None:
            args = builder.arg_spans(row)[0::5]
        args[args.index(arg)] = param
        self._args = args
        return param

    def __getitem__(self, name):
        return self.get(name)

    def __setitem__(self, name, value):
        self.add(name, value)

    def __delitem__(self, name):
        self.remove(name)

    def update(self, params, **kwargs):
        """``add(name, value, **kwargs)`` for every pair of the mapping."""
        for name, value in params.items():
            self.add(name, value, **kwargs)

    def _next_positional(self) -> int:
        return sum(1 for param in self.params if not param.showkey) + 1

    def _style(self, keyed=None):
        """The whitespace the keyed parameters put around names and values
        (``keyed``: their (name, value) texts, if not from the built params)."""
        if keyed is None:
            keyed = [(str(p.name), str(p.value)) for p in self.params if p.showkey]
        # (_split_space inlined: this runs for every parameter of every
        # template a bot adds to.)
        name_leads, name_trails, value_leads, value_trails = [], [], [], []
        for name, value in keyed:
            rest = name.lstrip()
            core = rest.rstrip()
            name_leads.append(name[:len(name) - len(rest)])
            name_trails.append(rest[len(core):])
            rest = value.lstrip()
            core = rest.rstrip()
            lead = value[:len(value) - len(rest)]
            if not core and "\n" in lead:
                # An empty value's line break ends it; it does not start it.
                lead, after = lead.split("\n", 1)
                value_leads.append(lead)
                value_trails.append("\n" + after)
            else:
                value_leads.append(lead)
                value_trails.append(rest[len(core):])
        return (
            _most_common(name_leads),
            _most_common(name_trails),
            _most_common(value_leads),
            _most_common(value_trails),
        )

    @staticmethod
    def _escape(value, chars):
        for node in value.nodes:
            if not isinstance(node, Text):
                continue
            text = str(node)
            if not any(ch in text for ch in chars):
                continue
            pieces = []
            for ch in text:
                if ch in chars:
                    pieces.append(HTMLEntity(value=str(ord(ch)), named=False))
                elif pieces and isinstance(pieces[-1], Text):
                    pieces[-1].value += ch
                else:
                    pieces.append(Text(ch))
            value.replace(node, pieces[0], recursive=False)
            for offset, piece in enumerate(pieces[1:]):
                value.insert(value.index(pieces[0]) + 1 + offset, piece)

    def add(self, name, value, showkey=None, before=None, after=None, preserve_spacing=True):
        """Set parameter ``name`` to ``value``, adding it when it is not there.

        An existing parameter keeps its place (and, with ``preserve_spacing``,
        its whitespace). A new one goes at the end, or before/after the
        parameter ``before``/``after`` (a Parameter or a name), written like
        the template's other parameters. ``showkey`` None writes it
        positionally when its name is the next positional number.
        """
        if (
            self._unbuilt is not None and type(name) is str and type(value) is str and before is None
            and after is None and preserve_spacing and (showkey is None or showkey is True) and "|" not in value
        ):
            param = self._add_unbuilt(name, value, showkey)
            if param is not None:
                return param
        name, value = wikicode(name), wikicode(value)
        key = str(name).strip()
        if showkey is None:
            if Parameter.can_hide_key(key):
                showkey = int(key) != self._next_positional()
                existing = self.get(key, None)
                if existing is not None:
                    showkey = existing.showkey
            else:
                showkey = True
        if not showkey and not Parameter.can_hide_key(key):
            raise ValueError("parameter key {!r} cannot be hidden".format(key))
        if not showkey and "=" in str(value):
            self._escape(value, "=")
        self._escape(value, "|")

        if self.has(key):
            matching = [p for p in self.params if str(p.name).strip() == key]
            same_kind = [p for p in matching if p.showkey == showkey]
            existing = (same_kind or matching)[0]
            for extra in matching:
                if extra is not existing:
                    del self.params[next(i for i, p in enumerate(self.params) if p is extra)]
            if preserve_spacing and existing.showkey:
                lead, trail = _blank_ends(str(existing.value))
                value = _padded(lead, value, trail)
            existing.value = value
            existing.showkey = showkey if not (existing.showkey and not showkey and not Parameter.can_hide_key(key)) else True
            return existing

        param = Parameter(name, value, showkey)
        if showkey and preserve_spacing:
            name_lead, name_trail, value_lead, value_trail = self._style()
            param.name = _padded(name_lead, name, name_trail)
            param.value = _padded(value_lead, value, value_trail)
        if before is not None:
            anchor = before if isinstance(before, Parameter) else self.get(before)
            self.params.insert(self.params.index(anchor), param)
        elif after is not None:
            anchor = after if isinstance(after, Parameter) else self.get(after)
            self.params.insert(self.params.index(anchor) + 1, param)
        else:
            self.params.append(param)
        return param

    def _add_unbuilt(self, name, value, showkey):
        """add() of a keyed parameter while the parameters are unbuilt, as
        add() writes it: a new one, or a new value for the one there (see
        _set_unbuilt); None where add() must build them (the name is a
        number, or more than one parameter has it)."""
        key = name.strip()
        if showkey is None and Parameter.can_hide_key(key):
            return None
        index = getattr(self._unbuilt[0], "index", None)
        if self._args is None and index is not None:
            # Unedited: the argument rows are read in Rust, no text made.
            plan = index.template_add_plan(self._unbuilt[1], key)
            if plan is None:
                return self._set_unbuilt(key, value)
            args, name_lead, name_trail, value_lead, value_trail = plan
        else:
            fields = self._fields()
            if any(field[1].strip() == key for field in fields):
                return self._set_unbuilt(key, value)
            name_lead, name_trail, value_lead, value_trail = self._style(
                [(field[1], field[2]) for field in fields if field[3]]
            )
            args = self._args
            if args is None:
                args = [field[0] for field in fields]
        param = _new_param(_padded(name_lead, name, name_trail), _padded(value_lead, value, value_trail))
        args.append(param)
        self._args = args
        return param

    def _set_unbuilt(self, key, value):
        """add() of the keyed parameter ``key`` that a template whose
        parameters are unbuilt has once: its value set as add() sets it,
        in the whitespace around the old one, building that parameter
        alone; None where add() must build them all (there are more so
        named, or it is positional)."""
        named = self._named_unbuilt(key)
        if named is None or named[0] != 1:
            return None
        existing = self._get_unbuilt(key, named)
        if existing is None or existing is _NOT_FOUND or not existing.showkey:
            return None
        lead, trail = _blank_ends(str(existing.value))
        existing.value = _padded(lead, value, trail)
        return existing

    def _remove_unbuilt(self, key):
        """remove() of the keyed parameters named ``key`` while the
        parameters are unbuilt; False where remove() must build them (one is
        positional: the others are renumbered)."""
        fields = self._fields()
        kept = [field for field in fields if field[1].strip() != key]
        if len(kept) == len(fields):
            raise ValueError(key)
        if not all(field[3] for field in fields if field[1].strip() == key):
            return False
        self._args = [field[0] for field in kept]
        return True

    def remove(self, param, keep_field=False):
        """Remove a parameter (a Parameter, or every parameter of that name).

        ``keep_field`` leaves ``|name=`` with an empty value. A positional
        parameter followed by others is emptied instead, so they keep their
        numbers. ValueError if there is no such parameter.
        """
        if self._unbuilt is not None and not keep_field and not isinstance(param, Parameter):
            if self._remove_unbuilt(str(param).strip()):
                return
        if isinstance(param, Parameter):
            targets = [p for p in self.params if p is param]
            if not targets:
                raise ValueError(param)
        else:
            key = str(param).strip()
            targets = [p for p in self.params if str(p.name).strip() == key]
            if not targets:
                raise ValueError(key)
        # With keep_field one of them stays, blanked, as mwparserfromhell
        # keeps it: the one with a hidden name if there is one, else the first.
        keep = next((p for p in targets if not p.showkey), targets[0]) if keep_field else None
        for target in targets:
            index = next(i for i, p in enumerate(self.params) if p is target)
            if target is keep:
                # Blanked in place, to its whitespace as two Text nodes, as
                # mwparserfromhell blanks it (empty ones too).
                lead, trail = _blank_ends(str(target.value))
                target.value.nodes = [Text(lead), Text(trail)]
                continue
            if not target.showkey:
                # The positional parameters after it keep their numbers as keys.
                for later in self.params[index + 1:]:
                    if not later.showkey:
                        later.showkey = True
            del self.params[index]
