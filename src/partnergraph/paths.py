"""Where the project's ontology and curated graph live.

An installed wheel carries them in ``partnergraph/data``; a source checkout (editable
install, tests) reads them from the repository's top-level folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_root() -> Path:
    bundled = _PACKAGE / "data"
    if (bundled / "ontology").is_dir():
        return bundled
    return _PACKAGE.parents[1]


def ontology_dir() -> Path:
    return data_root() / "ontology"


def graph_dir() -> Path:
    return data_root() / "graph"


def queries_dir() -> Path:
    return data_root() / "queries"


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def default_sources() -> list[Path]:
    """The ontology, its code lists and the curated graph (the shapes are not data)."""
    return [ontology_dir(), graph_dir()]
