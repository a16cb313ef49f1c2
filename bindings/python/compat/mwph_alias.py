"""A pytest plugin (``-p mwph_alias``): ``import mwparserfromhell`` gives ``wikitext.compat``.

Loaded before any test module, so mwparserfromhell's own tests run against
our package unchanged.
"""

import importlib
import pkgutil
import sys

import wikitext.compat as compat


def _alias_all() -> None:
    sys.modules["mwparserfromhell"] = compat
    prefix = compat.__name__ + "."
    for info in pkgutil.walk_packages(compat.__path__, prefix):
        module = importlib.import_module(info.name)
        sys.modules["mwparserfromhell." + info.name[len(prefix):]] = module


_alias_all()
