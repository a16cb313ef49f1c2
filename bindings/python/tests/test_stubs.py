"""The type stubs describe the module as it is, and type-check."""

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import wikitext

STUB = Path(__file__).resolve().parents[1] / "python" / "wikitext" / "__init__.pyi"


def stub_classes():
    module = ast.parse(STUB.read_text(encoding="utf-8"))
    classes = {}
    for node in module.body:
        if isinstance(node, ast.ClassDef):
            members = {
                item.name
                for item in node.body
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_")
            }
            classes[node.name] = members
    functions = {node.name for node in module.body if isinstance(node, ast.FunctionDef)}
    return classes, functions


def test_stubs_match_the_module():
    classes, functions = stub_classes()
    assert set(classes) | functions == set(wikitext.__all__)
    for name, members in classes.items():
        runtime = getattr(wikitext, name)
        public = {m for m in dir(runtime) if not m.startswith("_")}
        if issubclass(runtime, BaseException):
            continue
        inherited = set()
        for base in runtime.__mro__[1:]:
            if base.__name__ in classes:
                inherited |= classes[base.__name__]
            elif base.__module__ == "builtins":
                # `Wikitext` is a `str`: the stub need not repeat str's methods.
                inherited |= {m for m in dir(base) if not m.startswith("_")}
        assert public == members | inherited, name


def test_everything_has_a_docstring():
    for name in wikitext.__all__:
        item = getattr(wikitext, name)
        assert inspect.getdoc(item), name
    for function in [wikitext.parse, wikitext.to_html, wikitext.expand]:
        assert function.__text_signature__ is not None


def test_stubs_type_check(tmp_path):
    pytest.importorskip("mypy")
    usage = tmp_path / "usage.py"
    usage.write_text(
        "import wikitext\n"
        "tree: wikitext.Wikicode = wikitext.parse('{{a|b}}')\n"
        "for t in tree.filter_templates():\n"
        "    name: str = t.name.strip()\n"
        "    value: str = str(t.get('1').value)\n"
        "html: str = wikitext.to_html('x', title='T', body_only=True)\n"
        "level: int = tree.filter_headings()[0].level if tree.filter_headings() else 0\n"
        "sections = tree.get_sections(levels=[2], include_lead=False)\n"
        "expanded: str = wikitext.expand('{{a}}', title='T', pages={'Template:A': 'x'})\n"
        "from typing import Optional\n"
        "def source(title: str) -> Optional[str]:\n"
        "    return None\n"
        "html = wikitext.to_html('{{a}}', pages=source)\n"
        "from typing import Dict\n"
        "def shout(name: str, attrs: Dict[str, str], body: Optional[str]) -> str:\n"
        "    return wikitext.Wikitext(body or '')\n"
        "html = wikitext.to_html('<shout/>', tags={'shout': shout})\n",
        encoding="utf-8",
    )
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "import wikitext\n"
        "wikitext.parse(b'x')\n"
        "wikitext.to_html('x', 'T')\n"
        "wikitext.expand('x', pages={'Template:A': 1})\n"
        "wikitext.expand('x', pages=lambda title: 1)\n",
        encoding="utf-8",
    )
    run = [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
    ok = subprocess.run(run + [str(usage)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run(run + [str(wrong)], capture_output=True, text=True)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    for line in range(2, 6):
        assert f"wrong.py:{line}" in bad.stdout, bad.stdout


def test_package_docstring_examples():
    import doctest

    failures, tried = doctest.testmod(wikitext)
    assert tried > 0
    assert failures == 0
