"""The Python examples of the README files run as written."""

import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1]
REPO_README = HERE.parents[1] / "README.md"
PACKAGE_README = HERE / "README.md"


def python_blocks(text):
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def repo_python_section():
    text = REPO_README.read_text(encoding="utf-8")
    section = text.split("\n## Python\n", 1)
    assert len(section) == 2, "README.md has no '## Python' section"
    return section[1].split("\n## ", 1)[0]


EXAMPLES = [("README.md", block) for block in python_blocks(repo_python_section())] + [
    ("bindings/python/README.md", block) for block in python_blocks(PACKAGE_README.read_text(encoding="utf-8"))
]


def test_both_readmes_have_python_examples():
    assert {name for name, _ in EXAMPLES} == {"README.md", "bindings/python/README.md"}


@pytest.mark.parametrize("name, code", EXAMPLES)
def test_readme_example_runs(name, code):
    exec(compile(code, f"{name} python block", "exec"), {})
