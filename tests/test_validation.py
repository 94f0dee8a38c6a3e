"""SHACL validation: the curated graph conforms; each kind of bad data fails with a clear message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from typer.testing import CliRunner

from partnergraph import paths
from partnergraph.cli import app
from partnergraph.loader import load
from partnergraph.validation import validate

PREFIXES = """
@prefix pg:      <https://w3id.org/partnergraph/ontology#> .
@prefix pgid:    <https://w3id.org/partnergraph/id/> .
@prefix pgc:     <https://w3id.org/partnergraph/concept/> .
@prefix pgsrc:   <https://w3id.org/partnergraph/source/> .
@prefix country: <https://w3id.org/partnergraph/country/> .
@prefix schema:  <https://schema.org/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""

# The corpus of broken files: each names, in its header, the message it must give.
CORPUS = Path(__file__).parent / "broken"
BASE = CORPUS / "base.ttl"
PARTNERSHIP = PREFIXES + """
pgid:test-p a pg:Partnership ; rdfs:label "Test partnership"@en ;
    pg:participant pgid:test-u1 , pgid:test-u2 ; pg:partnershipKind pgc:strategic-partnership ;
    prov:wasDerivedFrom pgsrc:paper-case-1 .
"""


def expectation(path: Path) -> tuple[str, str, str]:
    """(kind, where, words) from the file's '# expect: FOCUS | WORDS' or
    '# expect-syntax: LINE:COLUMN | WORDS' header line."""
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"# (expect|expect-syntax): (\S+) \| (.+)$", line)
        if match:
            return match.groups()
    raise AssertionError(f"{path}: no '# expect:' line")


def shown(path: Path) -> str:
    """A path as messages show it: relative to the project."""
    return path.relative_to(paths.data_root()).as_posix()


BROKEN = sorted(p for p in CORPUS.glob("*.ttl") if p != BASE)
runner = CliRunner()


@pytest.fixture(scope="module")
def small_sources():
    """The whole project: each snippet is checked as a user's extra file on top of it."""
    return paths.default_sources()


def test_curated_graph_conforms(report):
    assert report.conforms, "\n".join(str(f) for f in report.violations)


def test_base_of_the_broken_cases_conforms(tmp_path, small_sources):
    (tmp_path / "partnership.ttl").write_text(PARTNERSHIP)
    assert validate(load(sources=small_sources, extra=[BASE, tmp_path / "partnership.ttl"])).conforms


def test_the_corpus_covers_every_kind_of_bad_input():
    assert len(BROKEN) >= 17
    assert {expectation(p)[0] for p in BROKEN} == {"expect", "expect-syntax"}


@pytest.mark.parametrize("broken", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_data_fails_with_a_message_naming_file_entity_and_rule(broken):
    kind, where, words = expectation(broken)
    done = runner.invoke(app, ["build", str(BASE), str(broken)], env={"COLUMNS": "250"})
    assert done.exit_code == 1, done.output
    assert "Traceback" not in done.output
    if kind == "expect-syntax":
        assert f"{shown(broken)}:{where}: syntax error: " in done.stderr and words in done.stderr, done.stderr
        return
    lines = [line for line in done.stderr.splitlines() if words in line]
    assert lines, done.stderr
    # "  - FILE: ENTITY [PROPERTY]: MESSAGE — rule pgsh:SHAPE"
    assert any(where in line and "— rule pgsh:" in line and (shown(broken) in line or shown(BASE) in line)
               for line in lines), lines


def test_a_broken_copy_of_the_project_graph_names_file_entity_and_rule(tmp_path):
    copy = tmp_path / "graph"
    shutil.copytree(paths.graph_dir(), copy)
    target = copy / "partnerships" / "kyushu-university.ttl"
    text = target.read_text()
    # Drop the University of Illinois from the participants of Kyushu's bilateral partnerships.
    broken = text.replace("pgid:kyushu-university , pgid:university-of-illinois-urbana-champaign ;",
                          "pgid:kyushu-university ;")
    assert broken != text
    target.write_text(broken)
    report = validate(load(sources=[paths.ontology_dir(), copy]))
    assert not report.conforms
    messages = [str(f) for f in report.violations]
    assert any("partnerships/kyushu-university.ttl" in m and "pg:participant" in m for m in messages), messages
