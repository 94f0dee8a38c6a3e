"""SHACL validation: the curated graph conforms; each kind of bad data fails with a clear message."""

from __future__ import annotations

import shutil

import pytest

from partnergraph import paths
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

# Two valid universities that the broken snippets below refer to.
BASE = PREFIXES + """
pgid:test-u1 a pg:University ; rdfs:label "Test University One"@en ; pg:country country:JP ;
    prov:wasDerivedFrom pgsrc:paper-case-1 .
pgid:test-u2 a pg:University ; rdfs:label "Test University Two"@en ; pg:country country:TH ;
    prov:wasDerivedFrom pgsrc:paper-case-1 .
"""

PARTNERSHIP = PREFIXES + """
pgid:test-p a pg:Partnership ; rdfs:label "Test partnership"@en ;
    pg:participant pgid:test-u1 , pgid:test-u2 ; pg:partnershipKind pgc:strategic-partnership ;
    prov:wasDerivedFrom pgsrc:paper-case-1 .
"""

# (case, Turtle added to BASE, focus node, words the message must contain)
BROKEN = [
    ("one participant", PREFIXES + """
        pgid:test-p a pg:Partnership ; rdfs:label "P"@en ; pg:participant pgid:test-u1 ;
            pg:partnershipKind pgc:strategic-partnership ; prov:wasDerivedFrom pgsrc:paper-case-1 .""",
     "pgid:test-p", "at least two pg:participant"),
    ("end before start", PARTNERSHIP + """
        pgid:test-p schema:startDate "2020"^^xsd:gYear ; schema:endDate "2019-05-01"^^xsd:date .""",
     "pgid:test-p", "ends (2019-05-01) before it starts (2020)"),
    ("ill-typed year", PARTNERSHIP + 'pgid:test-p schema:startDate "20x4"^^xsd:gYear .',
     "pgid:test-p", "schema:startDate must be an xsd:gYear"),
    ("missing source", PREFIXES + """
        pgid:test-p a pg:Partnership ; rdfs:label "P"@en ; pg:participant pgid:test-u1 , pgid:test-u2 ;
            pg:partnershipKind pgc:strategic-partnership .""",
     "pgid:test-p", "needs prov:wasDerivedFrom"),
    ("missing kind", PREFIXES + """
        pgid:test-p a pg:Partnership ; rdfs:label "P"@en ; pg:participant pgid:test-u1 , pgid:test-u2 ;
            prov:wasDerivedFrom pgsrc:paper-case-1 .""",
     "pgid:test-p", "at least one pg:partnershipKind"),
    ("dangling reference", PARTNERSHIP + "pgid:test-p pg:participant pgid:no-such-university .",
     "pgid:no-such-university", "not defined anywhere"),
    ("country outside the code list", PREFIXES + "pgid:test-u1 pg:country pgc:host .",
     "pgid:test-u1", "one country code list"),
    ("missing country", PREFIXES + """
        pgid:test-u3 a pg:University ; rdfs:label "Test University Three"@en ;
            prov:wasDerivedFrom pgsrc:paper-case-1 .""",
     "pgid:test-u3", "needs pg:country"),
    ("duplicate under two IRIs", PREFIXES + """
        pgid:test-u1-again a pg:University ; rdfs:label "Test University One"@en ; pg:country country:JP ;
            prov:wasDerivedFrom pgsrc:paper-case-1 .""",
     "pgid:test-u1-again", "same label"),
    ("mixed scripts", PREFIXES + 'pgid:test-u1 rdfs:label "Test 大学"@en .',
     "pgid:test-u1", "contains Japanese script"),
    ("role for a non-participant", PARTNERSHIP + PREFIXES + """
        pgid:test-u3 a pg:University ; rdfs:label "Test University Three"@en ; pg:country country:JP ;
            prov:wasDerivedFrom pgsrc:paper-case-1 .
        pgid:test-p pg:qualifiedParticipation [ a pg:Participation ; pg:agent pgid:test-u3 ; pg:role pgc:host ] .""",
     "pgid:test-p", "not one of its pg:participant"),
    ("kind outside its code list", PARTNERSHIP + "pgid:test-p pg:partnershipKind pgc:host .",
     "pgid:test-p", "must come from pgc:collaboration-types"),
    ("two values, no disagreement", PREFIXES + """
        pgid:test-u1 schema:foundingDate "2009"^^xsd:gYear , "2010"^^xsd:gYear .""",
     "pgid:test-u1", "no pg:Disagreement"),
    ("figure without value", PREFIXES + """
        pgid:test-f a pg:Figure ; pg:measure "students"@en ; pg:unit pgc:person ; pg:about pgid:test-u1 ;
            prov:wasDerivedFrom pgsrc:paper-case-1 .""",
     "pgid:test-f", "numeric pg:value"),
    ("claim of an unasserted value", PREFIXES + """
        pgid:test-c a pg:Claim ; rdf:subject pgid:test-u1 ; rdf:predicate schema:foundingDate ;
            rdf:object "1999"^^xsd:gYear ; prov:wasDerivedFrom pgsrc:paper-case-1 .""",
     "pgid:test-c", "does not assert"),
]


@pytest.fixture(scope="module")
def small_sources():
    """The whole project: each snippet is checked as a user's extra file on top of it."""
    return paths.default_sources()


def test_curated_graph_conforms(report):
    assert report.conforms, "\n".join(str(f) for f in report.violations)


def test_base_of_the_broken_cases_conforms(tmp_path, small_sources):
    (tmp_path / "base.ttl").write_text(BASE + PARTNERSHIP)
    assert validate(load(sources=small_sources, extra=[tmp_path / "base.ttl"])).conforms


@pytest.mark.parametrize(("case", "turtle", "focus", "words"), BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_data_fails_with_a_clear_message(tmp_path, small_sources, case, turtle, focus, words):
    (tmp_path / "base.ttl").write_text(BASE)
    broken = tmp_path / "broken.ttl"
    broken.write_text(turtle)
    report = validate(load(sources=small_sources, extra=[tmp_path / "base.ttl", broken]))
    assert not report.conforms
    matching = [f for f in report.violations if f.focus.startswith(focus) and words in f.message]
    assert matching, "\n".join(str(f) for f in report.violations)
    finding = matching[0]
    assert any(str(broken) in f or "base.ttl" in f for f in finding.files), finding
    assert finding.shape and finding.shape.startswith("pgsh:")


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
