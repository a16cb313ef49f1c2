#!/usr/bin/env python3
"""Run mwparserfromhell 0.7.2's own public-API tests against ``wikitext.compat``.

Downloads the sdist with pip (cached under ``bindings/python/.mwph-cache``),
takes its ``tests/`` minus the tokenizer/parser internals, and runs pytest
with ``mwparserfromhell`` aliased to ``wikitext.compat`` (see mwph_alias.py).
Prints ``passed X of Y`` last; extra arguments go to pytest.
Nothing of mwparserfromhell is copied into the repository.
"""

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "0.7.2"
# Tests of mwparserfromhell's tokenizer, token stream and builder: internals
# wikitext.compat does not have (it parses in Rust).
INTERNAL = {"test_tokenizer.py", "test_tokens.py", "test_builder.py", "test_parser.py"}

HERE = Path(__file__).resolve().parent
CACHE = HERE.parent / ".mwph-cache"


def sdist() -> Path:
    CACHE.mkdir(exist_ok=True)
    found = sorted(CACHE.glob(f"mwparserfromhell-{VERSION}.tar.gz"))
    if found:
        return found[0]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--no-binary", ":all:", "-d", str(CACHE), f"mwparserfromhell=={VERSION}"],
        check=True,
    )
    return next(CACHE.glob(f"mwparserfromhell-{VERSION}.tar.gz"))


def unpack_tests(archive: Path, into: Path) -> Path:
    tests = into / "tests"
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if len(parts) >= 3 and parts[1] == "tests" and member.isfile():
                if len(parts) == 3 and parts[2] in INTERNAL:
                    continue
                target = tests.joinpath(*parts[2:])
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
    return tests


def run(pytest_args) -> tuple:
    with tempfile.TemporaryDirectory(prefix="mwph-tests-") as tmp:
        tests = unpack_tests(sdist(), Path(tmp))
        env_path = str(HERE)
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "mwph_alias", "-q", "-p", "no:cacheprovider",
             "--rootdir", tmp, *pytest_args, str(tests)],
            cwd=tmp,
            env={**__import__("os").environ, "PYTHONPATH": env_path, "NOWEB": "1"},
            capture_output=True,
            text=True,
        )
    out = proc.stdout + proc.stderr
    counts = {k: int(n) for n, k in re.findall(r"(\d+) (passed|failed|error|errors|skipped)", out)}
    passed = counts.get("passed", 0)
    total = passed + counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0)
    return out, passed, total


def main() -> int:
    out, passed, total = run(sys.argv[1:])
    print(out)
    print(f"passed {passed} of {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
