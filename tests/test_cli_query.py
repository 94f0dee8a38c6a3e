"""The query path from the shell: named queries, raw SPARQL, formats, and errors for people."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from partnergraph.cli import app

import pytest

runner = CliRunner()


@pytest.fixture(autouse=True)
def store(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("PARTNERGRAPH_STORE", str(tmp_path_factory.getbasetemp() / "store"))


def invoke(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "250"})


def test_named_query_with_a_parameter_as_csv():
    done = invoke("query", "partners-of", "--param", "institution=kyushu-university", "--format", "csv")
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    trilateral = {r["partner"].rsplit("/", 1)[1] for r in rows if r["partnership"].endswith("/kyushu-ntu-uiuc-trilateral-mou")}
    assert trilateral == {"national-taiwan-university", "university-of-illinois-urbana-champaign"}
    assert "institution" not in rows[0]  # the parameter column is dropped


def test_an_entity_parameter_may_be_a_name_and_an_unknown_one_is_an_error():
    by_id = invoke("query", "partners-of", "-p", "institution=kyushu-university", "-f", "csv").stdout
    assert invoke("query", "partners-of", "-p", "institution=九州大学", "-f", "csv").stdout == by_id
    unknown = invoke("query", "partners-of", "-p", "institution=Kyushu Univ", "-f", "csv")
    assert unknown.exit_code == 1
    assert "partners-of: institution: no entity is called 'Kyushu Univ'" in unknown.output
    assert "Kyushu University" in unknown.output  # the close names


def test_parameter_accepts_curie_and_full_iri():
    by_curie = invoke("query", "partners-of", "-p", "institution=pgid:kyushu-university", "-f", "csv").stdout
    by_iri = invoke("query", "partners-of", "-p",
                    "institution=<https://w3id.org/partnergraph/id/kyushu-university>", "-f", "csv").stdout
    assert by_curie == by_iri and by_curie.count("\n") > 5


def test_raw_sparql_from_stdin_with_japanese_labels_as_json():
    done = invoke("query", "-", "--lang", "ja", "--format", "json",
                  stdin="SELECT ?c WHERE { ?c a pg:Consortium } ORDER BY ?c")
    assert done.exit_code == 0, done.output
    labels = {r["c"].rsplit("/", 1)[1]: r["c_label"] for r in json.loads(done.stdout)}
    assert labels["stockholm-trio"] == "ストックホルム大学群"
    assert labels["mirai"] == "MIRAI"  # no Japanese label: falls back to English


def test_table_shows_labels_not_iris():
    done = invoke("query", "partners-of", "-p", "institution=ehime-university")
    assert done.exit_code == 0, done.output
    assert "Lurio University" in done.stdout and "https://" not in done.stdout


def test_unknown_query_suggests_close_names():
    done = invoke("query", "partner-of")
    assert done.exit_code == 1
    assert "did you mean partners-of" in done.stderr


def test_update_is_refused():
    done = invoke("query", "-", stdin="INSERT DATA { pgid:x rdfs:label \"x\" }")
    assert done.exit_code == 1
    assert "SPARQL Update is refused" in done.stderr


def test_syntax_error_names_line_and_column():
    done = invoke("query", "-", stdin="SELECT ?x WHERE {\n  ?x a pg:University .\n  FILTER ( }\n")
    assert done.exit_code == 1
    assert "SPARQL syntax error at line 3" in done.stderr


def test_missing_and_unknown_parameters_are_named():
    assert "missing parameter(s) institution" in invoke("query", "partners-of").stderr
    done = invoke("query", "partners-of", "-p", "institution=kyoto-university", "-p", "country=JP")
    assert done.exit_code == 1 and "unknown parameter(s) country" in done.stderr


def test_injection_through_a_parameter_is_an_error_not_a_query():
    done = invoke("query", "partners-of", "-p", 'institution=kyoto-university> } ; DROP ALL ; SELECT * { ?s ?p ?o } #')
    assert done.exit_code == 1
    assert "no entity is called" in done.stderr


def test_queries_lists_the_library():
    done = invoke("queries")
    assert done.exit_code == 0
    assert "partners-of" in done.stdout and "institution (iri)" in done.stdout


def test_describe_by_japanese_name_lists_statements_with_files_and_sources():
    done = invoke("describe", "九州大学", "--format", "csv")
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    mine = [r for r in rows if r["direction"] == "out" and r["property"] == "pg:country"]
    assert mine and mine[0]["file"] == "graph/organisations/japanese-universities.ttl"
    pointing = {r["subject"].rsplit("/", 1)[1] for r in rows if r["direction"] == "in"}
    assert "kyushu-ntu-uiuc-trilateral-mou" in pointing
    assert all(r["sources"] for r in rows if r["direction"] == "in" and r["property"] == "pg:participant")


def test_describe_by_identifier_and_by_acronym_agree():
    by_id = invoke("describe", "university-college-london", "-f", "csv").stdout
    assert by_id == invoke("describe", "UCL", "-f", "csv").stdout and by_id.count("\n") > 5


def test_describe_an_unknown_name_offers_close_names():
    done = invoke("describe", "Kyoto Univ")
    assert done.exit_code == 1
    assert "no entity is called 'Kyoto Univ'" in done.stderr and "Kyoto University" in done.stderr
    assert "Traceback" not in done.stderr


def test_service_calls_need_to_be_allowed():
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    refused = invoke("query", "-", stdin=text)
    assert refused.exit_code == 1 and "SERVICE calls to other endpoints are refused" in refused.stderr
    allowed = invoke("query", "-", "--allow-service", stdin=text)
    # the engine tried the call itself, and its failure is one line too
    assert allowed.exit_code == 1 and "port 9 is not allowed" in allowed.stderr
    assert "SERVICE calls" not in allowed.stderr and "Traceback" not in allowed.output
