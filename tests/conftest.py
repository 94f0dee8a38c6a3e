from __future__ import annotations

import pytest
from hypothesis import settings

from partnergraph.loader import KnowledgeGraph, load
from partnergraph.namespaces import sparql_prologue
from partnergraph.validation import ValidationReport, validate

# The same examples on every run: a property test finds its counterexamples while it is being
# written, and CI stays repeatable.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.load_profile("repeatable")


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    return load()


@pytest.fixture(scope="session")
def report(kg: KnowledgeGraph) -> ValidationReport:
    return validate(kg)


@pytest.fixture(scope="session")
def select(kg: KnowledgeGraph):
    """Run a SELECT with the project's prefixes; rows as tuples of Python strings/ints."""

    def run(query: str) -> list[tuple]:
        rows = kg.dataset.query(sparql_prologue() + query)
        return [tuple(None if v is None else (v.toPython() if hasattr(v, "toPython") else v) for v in row)
                for row in rows]

    return run
