"""Property-based tests: any Unicode label (Japanese, emoji, HTML and SPARQL metacharacters,
control characters, very long strings) survives loading, querying, parameters and RDF dumps
unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnergraph import dump
from partnergraph.api import PartnerGraph
from partnergraph.loader import load
from partnergraph.namespaces import PGID, PREFIXES

HOSTILE = [
    "<script>window.pwned=1</script>",
    '<img src=x onerror="alert(1)">',
    '" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #',
    "' . ?s ?p ?o",
    "東京大学 🎓 \u200d",
    "a\\b\\\"c",
    "x" * 20_000,
]

labels = st.one_of(
    st.sampled_from(HOSTILE),
    # any character but lone surrogates, which no UTF-8 file can hold
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200),
)


def graph_with(label: str):
    """A one-entity graph, written as Turtle by rdflib's own literal serialiser."""
    folder = Path(tempfile.mkdtemp(prefix="partnergraph-label-"))
    source = folder / "label.ttl"
    literal = rdflib.Literal(label, lang="en").n3()
    source.write_text(f"<{PGID['x']}> <{PREFIXES['rdfs']}label> {literal} .\n", encoding="utf-8")
    return load(sources=[source])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labels)
def test_a_label_comes_back_from_a_query_unchanged(label):
    g = PartnerGraph(graph_with(label))
    frame = g.query("SELECT ?x ?label WHERE { ?x rdfs:label ?label }")
    assert frame.label.tolist() == [label]
    assert frame.x_label.tolist() == [label]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labels)
def test_a_label_as_a_parameter_is_only_a_value(label):
    g = PartnerGraph(graph_with(label))
    frame = g.query("SELECT ?x ?wanted WHERE { ?x rdfs:label ?l FILTER (STR(?l) = ?wanted) }", wanted=label)
    assert frame.x.tolist() == [str(PGID["x"])]
    assert len(g.backend.store) == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labels)
def test_a_label_survives_every_rdf_dump(label):
    kg = graph_with(label)
    for fmt, target in dump.FORMATS.items():
        reloaded = list(ox.parse(dump.serialise(kg, fmt), format=target))
        assert [q.object.value for q in reloaded] == [label], fmt
