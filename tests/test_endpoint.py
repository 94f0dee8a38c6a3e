"""Remote endpoints: `partnergraph serve` (Oxigraph's server on loopback) answers every named
query exactly as the embedded store does; endpoint failures give clear errors, never a hang."""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest
from rdflib import URIRef

from partnergraph.api import PartnerGraph, run
from partnergraph.endpoint import EndpointError, RemoteEndpoint
from partnergraph.namespaces import PGID
from partnergraph.queries import QueryError, library


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    port = free_port()
    store = tmp_path_factory.mktemp("served-store")
    server = subprocess.Popen([sys.executable, "-m", "partnergraph", "serve", "--port", str(port),
                               "--store", str(store)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            RemoteEndpoint(url, timeout=2).select("ASK { ?s ?p ?o }")
            break
        except EndpointError:
            if server.poll() is not None:
                pytest.fail(f"serve exited: {server.stderr.read().decode()}")
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("serve did not answer within 60 s")
    yield url
    server.terminate()
    server.wait(timeout=10)



@pytest.mark.parametrize("name", sorted(library()))
def test_every_named_query_answers_the_same_through_the_endpoint(kg, served, name):
    named = library()[name]
    params = named.example_params
    embedded = run(kg, named, params)
    remote = run(RemoteEndpoint(served), named, params)
    pd.testing.assert_frame_equal(embedded.reset_index(drop=True), remote.reset_index(drop=True),
                                  check_dtype=False)
    assert len(embedded) > 0


def test_open_graph_with_an_endpoint(served):
    from partnergraph import open_graph

    frame = open_graph(endpoint=served).query("members-of", consortium="suiji")
    assert len(frame) == 6


def test_the_served_graph_is_read_only(served):
    with pytest.raises(EndpointError):
        RemoteEndpoint(served.replace("/query", "/update")).select("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_refused_connection_is_a_clear_error():
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError, match="cannot reach the endpoint"):
        RemoteEndpoint(url, timeout=2).select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")


def test_a_silent_endpoint_times_out():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # accepts connections, never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"
    started = time.monotonic()
    with pytest.raises(EndpointError, match="no answer within 1 s"):
        RemoteEndpoint(url, timeout=1).select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert time.monotonic() - started < 15
    listener.close()


class _NotSparql(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802
        body = b"<html>hello, this is no SPARQL endpoint</html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_malformed_answer_is_a_clear_error():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotSparql)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/query"
        with pytest.raises(EndpointError, match="not SPARQL JSON results"):
            RemoteEndpoint(url, timeout=5).select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    finally:
        server.shutdown()


def test_parameters_cannot_inject_through_the_endpoint(served):
    g = PartnerGraph(RemoteEndpoint(served))
    hostile = 'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
    assert g.query("SELECT ?x ?name WHERE { ?x rdfs:label ?name } ORDER BY ?x", name=hostile).empty
    assert len(g.query("SELECT ?s WHERE { ?s a pg:Partnership }")) == 58  # nothing was dropped


def test_bound_values_are_written_in_place_past_comments_iris_and_strings():
    from rdflib import Literal

    from partnergraph.queries import substitute

    text = ('PREFIX a: <http://example.org/x#?v> # a comment with ?v and a { brace\n'
            'SELECT (GROUP_CONCAT(?x; separator="{?v") AS ?y) ?v WHERE {\n'
            '  { SELECT ?v ?x WHERE { ?x ?p ?v FILTER (?v != "?v") } }\n'
            '} GROUP BY ?v HAVING (COUNT(?x) > 0) ORDER BY ?v')
    bound = substitute(text, {"v": Literal('quote " and } brace')})
    term = '"quote \\" and } brace"'
    bind = f"BIND ({term} AS ?v)"
    assert bound == (f'PREFIX a: <http://example.org/x#?v> # a comment with ?v and a {{ brace\n'
                     f'SELECT (GROUP_CONCAT(?x; separator="{{?v") AS ?y) ?v WHERE {{ {bind}\n'
                     f'  {{ SELECT ?v ?x WHERE {{ {bind} ?x ?p {term} FILTER ({term} != "?v") }} }}\n'
                     f'}} GROUP BY ?v HAVING (COUNT(?x) > 0) ORDER BY ?v')


def test_a_parameter_the_query_assigns_itself_is_an_error():
    from rdflib import Literal

    from partnergraph.queries import substitute

    for text in ("SELECT ?v WHERE { ?s ?p ?o BIND (?o AS ?v) }",
                 "SELECT ?v WHERE { VALUES ?v { 1 2 } ?s ?p ?v }"):
        with pytest.raises(QueryError, match=r"\?v is assigned inside the query"):
            substitute(text, {"v": Literal(1)})


def test_a_malformed_term_given_as_such_is_refused_not_written():
    from rdflib import Literal

    from partnergraph.queries import substitute

    for term in (URIRef("urn:x> } ; DROP ALL ; SELECT * { <urn:y"), Literal("x", datatype=URIRef("urn:a b"))):
        with pytest.raises(QueryError, match="cannot be bound"):
            substitute("SELECT ?v WHERE { ?s ?p ?v }", {"v": term})


def test_parameters_inside_subqueries_are_bound_before_the_subquery_runs(served):
    """The embedded store and an endpoint agree on a parameter used only inside a subquery, and
    the endpoint gets the value inside it (so a large graph is not scanned unbound)."""
    from partnergraph.queries import substitute
    from partnergraph.loader import load

    text = ("SELECT ?entity ?n WHERE { { SELECT ?entity (COUNT(*) AS ?n) WHERE { ?entity ?p ?o } "
            "GROUP BY ?entity } }")
    kyoto = "pgid:kyoto-university"
    remote = PartnerGraph(RemoteEndpoint(served)).query(text, entity=kyoto)
    embedded = PartnerGraph(load()).query(text, entity=kyoto)
    pd.testing.assert_frame_equal(remote, embedded)
    assert len(remote) == 1 and remote["n"][0] > 10
    inner = substitute(text, {"entity": URIRef(str(PGID["kyoto-university"]))}).split("{ SELECT", 1)[1]
    assert f"<{PGID['kyoto-university']}> ?p ?o" in inner


def test_serve_listens_on_loopback_only(served):
    """The kernel's table of listening sockets (/proc/net/tcp, little-endian hex addresses) shows
    the served port bound to 127.0.0.1, not to every interface."""
    port = int(served.rsplit(":", 1)[1].split("/")[0])
    listening = set()
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
            listening.add(".".join(str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0)))
    assert listening == {"127.0.0.1"}
