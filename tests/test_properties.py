"""Property-based tests: any Unicode label (Japanese, emoji, HTML and SPARQL metacharacters,
control characters, very long strings) survives loading, querying, parameters, RDF dumps and
network exports unchanged, and reaches an HTML view only escaped."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnergraph import dump, network, views
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
    "bell\x07 and unit separator\x1f",
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
    query = "SELECT ?x ?wanted WHERE { ?x rdfs:label ?l FILTER (STR(?l) = ?wanted) }"
    assert g.query(query, wanted=rdflib.Literal(label)).x.tolist() == [str(PGID["x"])]
    if not label.startswith("<") and ":" not in label:  # text that does not look like an IRI
        assert g.query(query, wanted=label).x.tolist() == [str(PGID["x"])]
    assert len(g.backend.store) == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labels)
def test_a_label_survives_every_rdf_dump(label):
    kg = graph_with(label)
    for fmt, target in dump.FORMATS.items():
        reloaded = list(ox.parse(dump.serialise(kg, fmt), format=target))
        assert [q.object.value for q in reloaded] == [label], fmt


def partnership_with(label: str):
    """Two universities and a partnership between them, the first university named ``label``."""
    folder = Path(tempfile.mkdtemp(prefix="partnergraph-label-"))
    source = folder / "network.ttl"
    name = rdflib.Literal(label, lang="en").n3()
    source.write_text(f"""
        @prefix pg: <{PREFIXES['pg']}> . @prefix pgid: <{PREFIXES['pgid']}> . @prefix rdfs: <{PREFIXES['rdfs']}> .
        pgid:u1 a pg:University ; rdfs:label {name} .
        pgid:u2 a pg:University ; rdfs:label "Other"@en .
        pgid:p a pg:Partnership ; pg:participant pgid:u1 , pgid:u2 ; rdfs:label "Partnership"@en .
    """, encoding="utf-8")
    return load(sources=[source])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labels)
def test_a_label_survives_projection_and_export(label):
    graph = network.institution_graph(partnership_with(label))
    assert graph.nodes[str(PGID["u1"])]["label"] == label
    for fmt in network.FORMATS:
        data = network.serialise(graph, fmt)
        if fmt == "json":
            back = nx.node_link_graph(json.loads(data), edges="edges")
            assert back.nodes[str(PGID["u1"])]["label"] == label
        else:  # XML cannot hold control characters: they come back as their pictures
            reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
            back = reader(io.BytesIO(data))
            assert back.nodes[str(PGID["u1"])]["label"] == network.xml_safe(label), fmt


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labels)
def test_a_label_reaches_the_html_view_only_escaped(label):
    wrapped = f"[[{label}]]"  # so that the label cannot match the page's own markup
    graph = network.institution_graph(partnership_with(wrapped))
    html = views.render(graph)
    if any(c in label for c in "<>&"):
        assert wrapped not in html
