"""The loaded graph written out as RDF: N-Quads, TriG and JSON-LD keep one named graph per
source file; N-Triples and Turtle hold the union of the files.

Output is deterministic: blank nodes are relabelled by W3C RDF Dataset Canonicalization
(RDFC-1.0, as Oxigraph implements it) and statements are sorted, so the same sources always
give the same bytes, and two dumps can be compared with ``diff``.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import PartnergraphError
from .files import write_atomic
from .loader import KnowledgeGraph
from .namespaces import PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
}


class DumpError(PartnergraphError):
    pass


def rdf_format(fmt: str) -> ox.RdfFormat:
    if fmt not in FORMATS:
        raise DumpError(f"no RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt]


def canonical_statements(kg: KnowledgeGraph, named_graphs: bool) -> list[ox.Quad] | list[ox.Triple]:
    """The graph's quads (or the triples of their union), canonically labelled and sorted."""
    dataset = ox.Dataset()
    for quad in kg.store:
        dataset.add(quad if named_graphs else ox.Quad(quad.subject, quad.predicate, quad.object))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    if named_graphs:
        return sorted(dataset, key=str)
    return sorted({q.triple for q in dataset}, key=str)


def serialise(kg: KnowledgeGraph, fmt: str) -> bytes:
    target = rdf_format(fmt)
    statements = canonical_statements(kg, named_graphs=target.supports_datasets)
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    return ox.serialize(statements, format=target, prefixes=prefixes)


def dump(kg: KnowledgeGraph, path: Path, fmt: str) -> None:
    """Write the graph to ``path`` in ``fmt``, atomically."""
    write_atomic(path, serialise(kg, fmt))
