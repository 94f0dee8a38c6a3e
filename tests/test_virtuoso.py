"""A shared Virtuoso server: a dedicated instance on loopback, loaded with the project's graph
by the bulk loader, answers every named query exactly as the embedded store does, never cuts
a result silently, and does not accept its default password."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from partnergraph import virtuoso
from partnergraph.api import run
from partnergraph.endpoint import EndpointError, RemoteEndpoint
from partnergraph.loader import load
from partnergraph.namespaces import PGGRAPH
from partnergraph.queries import library, resolve

from test_endpoint import free_port

pytestmark = pytest.mark.skipif(not virtuoso.installed(),
                                reason="Virtuoso is not installed (Debian package virtuoso-opensource)")

PASSWORD = "partnergraph-test-secret"
SCRIPT = Path(__file__).parents[1] / "scripts" / "virtuoso.py"
CAP = 5000  # below the graph's ~7000 quads, above any named query's answer


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    settings = virtuoso.Settings(folder=tmp_path_factory.mktemp("virtuoso"), sql_port=free_port(),
                                 http_port=free_port(), max_rows=CAP)
    with virtuoso.running(settings, PASSWORD) as connection:
        yield settings, connection


@pytest.fixture(scope="module")
def loaded(server, kg):
    settings, connection = server
    count = virtuoso.load(connection, kg, settings.staging)
    return settings.url, count


def test_the_bulk_load_holds_every_quad(loaded, kg):
    _, count = loaded
    assert count == len(kg.store)


@pytest.mark.parametrize("name", sorted(library()))
def test_every_named_query_answers_the_same_on_virtuoso(kg, loaded, name):
    url, _ = loaded
    named = library()[name]
    embedded = run(kg, named, named.example_params)
    remote = run(RemoteEndpoint(url), named, named.example_params)
    assert len(embedded) > 0
    pd.testing.assert_frame_equal(embedded.reset_index(drop=True), remote.reset_index(drop=True),
                                  check_dtype=False)


def test_japanese_labels_survive_the_load(kg, loaded):
    url, _ = loaded
    query = resolve("-", text="SELECT ?label WHERE { pgid:university-of-tokyo rdfs:label ?label "
                              "FILTER (lang(?label) = 'ja') }")
    assert run(RemoteEndpoint(url), query, {}).label.tolist() == run(kg, query, {}).label.tolist() == ["東京大学"]


def test_a_result_larger_than_the_cap_is_an_error_not_a_short_table(kg, loaded):
    url, _ = loaded
    endpoint = RemoteEndpoint(url)
    assert len(endpoint.select(f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {CAP - 1}")) == CAP - 1
    with pytest.raises(EndpointError, match=f"cut the result at {CAP} rows"):
        endpoint.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")


def test_a_syntax_error_shows_the_servers_message(loaded):
    url, _ = loaded
    with pytest.raises(EndpointError, match=r"SP030: SPARQL compiler, line \d+: syntax error"):
        RemoteEndpoint(url).select("SELECT * WHERE { ?s ?p }")


def test_the_default_password_is_refused(server):
    settings, _ = server
    with pytest.raises(virtuoso.VirtuosoError, match="Bad login"):
        virtuoso.Connection(settings.host, settings.sql_port, virtuoso.DEFAULT_PASSWORD).run("SELECT 1")


def test_the_sparql_endpoint_refuses_updates(loaded):
    url, _ = loaded
    with pytest.raises(EndpointError):
        RemoteEndpoint(url).select("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }")
    assert not RemoteEndpoint(url).select("ASK { GRAPH <urn:x> { ?s ?p ?o } }").askAnswer


def test_the_bulk_loader_reads_only_allowed_folders_and_a_refusal_loses_nothing(server, loaded, kg):
    _, connection = server
    url, count = loaded
    # Virtuoso always lets the bulk loader read /tmp, so the refused folder lies elsewhere
    elsewhere = Path(tempfile.mkdtemp(dir="/var/tmp", prefix="partnergraph-test-"))
    try:
        with pytest.raises(virtuoso.VirtuosoError, match="FA003: Access to .* is denied"):
            virtuoso.load(connection, kg, elsewhere)
        assert not any(elsewhere.iterdir()), "the staged dump is removed"
    finally:
        shutil.rmtree(elsewhere)
    remaining = RemoteEndpoint(url).select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                           f'FILTER (STRSTARTS(STR(?g), "{PGGRAPH}")) }}')
    assert int(next(iter(remaining))[0]) == count


def test_the_load_script_refuses_without_a_chosen_password(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), "load",
                           "--isql", "127.0.0.1:1"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", virtuoso.PASSWORD_VARIABLE: "dba"})
    assert done.returncode == 1
    assert "VIRTUOSO_DBA_PASSWORD" in done.stderr


def test_a_graph_of_many_files_loads_in_several_client_calls(server, kg, tmp_path):
    """Replacing many named graphs takes more SQL than the isql client passes in one call."""
    settings, connection = server
    for i in range(80):
        (tmp_path / f"extra-{i:02}.ttl").write_text(
            f'<urn:partnergraph-test:{i}> <http://www.w3.org/2000/01/rdf-schema#label> "extra {i}"@en .\n')
    larger = load(extra=[tmp_path])
    try:
        assert virtuoso.load(connection, larger, settings.staging) == len(kg.store) + 80
    finally:
        connection.run(*(f"SPARQL CLEAR GRAPH <{s.graph}>" for s in larger.sources if "extra-" in s.graph))
