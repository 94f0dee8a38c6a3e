"""RDF dumps: every format reloads to the same graph (Japanese labels included), the same
sources give the same bytes, and an interrupted write leaves the previous file intact."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from partnergraph import dump
from partnergraph.loader import load


@pytest.mark.parametrize("fmt", sorted(dump.FORMATS))
def test_every_format_reloads_to_the_same_graph(kg, fmt):
    target = dump.FORMATS[fmt]
    data = dump.serialise(kg, fmt)
    reloaded = ox.Dataset(ox.parse(data, format=target))
    reloaded.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    expected = dump.canonical_statements(kg, named_graphs=target.supports_datasets)
    got = sorted(reloaded, key=str) if target.supports_datasets else sorted({q.triple for q in reloaded}, key=str)
    assert [str(s) for s in got] == [str(s) for s in expected]
    assert len(expected) >= (len(kg.store) if target.supports_datasets else 6000)
    assert "京都大学" in data.decode("utf-8")  # written as text, not escaped


def test_turtle_dump_is_isomorphic_by_rdflibs_own_comparison(kg):
    union = ox.serialize((quad.triple for quad in kg.store), format=ox.RdfFormat.N_TRIPLES)
    loaded = rdflib.Graph().parse(data=union.decode(), format="nt")
    dumped = rdflib.Graph().parse(data=dump.serialise(kg, "ttl").decode(), format="turtle")
    assert isomorphic(loaded, dumped)


def test_the_same_sources_give_the_same_bytes(kg):
    again = load()  # a new parse: Oxigraph gives blank nodes new identifiers
    for fmt in dump.FORMATS:
        assert dump.serialise(kg, fmt) == dump.serialise(again, fmt), fmt


def test_an_unknown_format_is_named():
    with pytest.raises(dump.DumpError, match="choose one of nq, trig, nt, ttl, jsonld"):
        dump.rdf_format("xml")


KILLED_AT = {
    # killed after the new content is written but before it is renamed into place
    "before the rename": "os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)",
    # killed while the new content is being written
    "while writing": "os.fsync = lambda *args: os.kill(os.getpid(), signal.SIGKILL)",
}


@pytest.mark.parametrize("moment", sorted(KILLED_AT))
def test_a_killed_dump_leaves_the_previous_file_intact(tmp_path, moment):
    target = tmp_path / "graph.nt"
    target.write_text("previous dump\n")
    script = textwrap.dedent(f"""
        import os, signal
        from partnergraph import dump
        from partnergraph.loader import load
        kg = load()
        {KILLED_AT[moment]}
        dump.dump(kg, {str(target)!r}, "nt")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert done.returncode == -signal.SIGKILL
    assert target.read_text() == "previous dump\n"
    # at most the hidden temporary file of the killed write is left beside it
    assert all(p.name.startswith(".graph.nt.") for p in tmp_path.iterdir() if p != target)


def test_the_cli_dumps_in_the_format_of_the_extension(tmp_path, monkeypatch, kg):
    from typer.testing import CliRunner

    from partnergraph.cli import app

    monkeypatch.setenv("PARTNERGRAPH_STORE", str(tmp_path / "store"))
    runner = CliRunner()
    done = runner.invoke(app, ["dump", "--out", str(tmp_path / "graph.trig")])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "graph.trig").read_bytes() == dump.serialise(kg, "trig")
    wrong = runner.invoke(app, ["dump", "--out", str(tmp_path / "graph.xml")])
    assert wrong.exit_code == 1 and "no RDF format 'xml'" in wrong.stderr
    assert not (tmp_path / "graph.xml").exists()
