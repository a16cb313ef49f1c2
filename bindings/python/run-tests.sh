#!/usr/bin/env bash
# The Python binding's tests: build and install the package the documented
# way (`pip install bindings/python`) into a virtualenv, then run pytest.
# Idempotent: the venv and its tools are made once, and cargo reuses its
# build, so a second run only rebuilds what changed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    if ! "$python" -m venv "$venv"; then
        # Debian's Python ships venv separately.
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            rm -rf "$venv"
            apt-get update -qq && apt-get install -y -qq python3-venv
            "$python" -m venv "$venv"
        else
            echo "run-tests.sh: '$python -m venv' failed; install your distribution's python3-venv" >&2
            exit 1
        fi
    fi
fi

# The build backend and the test tools, once.
missing=()
for tool in maturin pytest mypy; do
    "$venv/bin/python" -c "import $tool" 2>/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${missing[@]}"
fi

# The README's install command. Without build isolation pip uses the venv's
# maturin (the build backend runs it from PATH) instead of fetching one per
# run; the wheel it builds is the same.
export PATH="$venv/bin:$PATH"
cd "$repo"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps bindings/python

# Run from the tests directory so `import wikitext` is the installed package.
cd "$here/tests"
"$venv/bin/python" -m pytest -q "$@" .
