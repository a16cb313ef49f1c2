"""Shared fixtures: where the repository and the real-article corpus are."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def shared_dir() -> Path:
    """`$WIKITEXT_SHARED`, or `../shared` beside the repository, as the Rust tests read it."""
    env = os.environ.get("WIKITEXT_SHARED")
    return Path(env) if env else REPO.parent / "shared"


@pytest.fixture(scope="session")
def corpus_pages():
    """A few real articles from the shared corpus; skips when it is absent."""
    corpus = shared_dir() / "corpus"
    pages = sorted(corpus.glob("*.wikitext"))[:8] if corpus.is_dir() else []
    if not pages:
        pytest.skip(f"no corpus at {corpus} (set WIKITEXT_SHARED)")
    return [(p.name, p.read_text(encoding="utf-8")) for p in pages]
