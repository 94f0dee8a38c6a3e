"""SHACL validation: the curated graph conforms; each kind of bad data fails with a clear message;
and validate(), which runs the SPARQL-based parts of the shapes on Oxigraph, reports exactly what
pySHACL reports on its own."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SH
from typer.testing import CliRunner

from partnergraph import paths
from partnergraph.cli import app
from partnergraph.loader import load
from partnergraph.namespaces import PGID
from partnergraph.synthetic import generate
from partnergraph.validation import pyshacl_report, validate

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


# --------------------------------------------------------------------------------------------
# validate() and pySHACL alone give the same report
# --------------------------------------------------------------------------------------------

SHAPES = rdflib.Graph().parse(paths.shapes_file())
# The fixed words of each SPARQL constraint's message: the text before its first {?var}.
SPARQL_MESSAGES = sorted(str(m).split("{")[0] for c in SHAPES.objects(None, SH.sparql) for m in SHAPES.objects(c, SH.message))


def test_the_shapes_have_sparql_constraints_and_a_sparql_target():
    """What the tests below must cover: if the shapes had none, they would prove nothing."""
    assert len(SPARQL_MESSAGES) == 6
    assert list(SHAPES.subjects(RDF.type, SH.SPARQLTarget))


def test_same_report_as_pyshacl_on_the_curated_graph(kg, report):
    assert report == pyshacl_report(kg)
    assert report.warnings


@pytest.mark.parametrize("broken", [p for p in BROKEN if expectation(p)[0] == "expect"], ids=lambda p: p.stem)
def test_same_report_as_pyshacl_on_each_broken_file(broken):
    # Without the curated graph pySHACL takes a second, not ten; the references to its sources
    # dangle, which only adds findings to compare.
    kg = load(sources=[paths.ontology_dir()], extra=[BASE, broken])
    report = validate(kg)
    assert report == pyshacl_report(kg)
    assert any(expectation(broken)[2] in f.message for f in report.violations), report.violations


@pytest.fixture(scope="module")
def broken_synthetic(tmp_path_factory):
    """A small synthetic graph and, in a file of their own, one broken entity for each SPARQL
    constraint, the duplicate found through the SPARQL target, and a few core violations."""
    synthetic = generate(tmp_path_factory.mktemp("synthetic"), 3_000, seed=3)
    examples = synthetic.examples
    institution, partner, partnership = (f"pgid:{examples[k]}" for k in ("institution", "partner", "entity"))
    label = next(l for l in load(sources=[synthetic.folder]).dataset.objects(PGID[examples["institution"]], RDFS.label)
                 if l.language == "en")
    broken = tmp_path_factory.mktemp("broken") / "broken-entities.ttl"
    broken.write_text(PREFIXES + f"""
pgid:test-twin a pg:University ; rdfs:label "{label}"@en ; pg:country country:JP ;
    prov:wasDerivedFrom pgsrc:paper-case-1 .
{partnership} schema:startDate "2020"^^xsd:gYear ; schema:endDate "2019-05-01"^^xsd:date ;
    pg:qualifiedParticipation [ a pg:Participation ; pg:agent pgid:test-twin ; pg:role pgc:host ] .
pgid:test-claim-1 a pg:Claim ; rdf:subject {institution} ; rdf:predicate schema:foundingDate ;
    rdf:object "1066"^^xsd:gYear ; prov:wasDerivedFrom pgsrc:paper-case-1 .
pgid:test-claim-2 a pg:Claim ; rdf:subject {partner} ; rdf:predicate schema:foundingDate ;
    rdf:object "1066"^^xsd:gYear ; prov:wasDerivedFrom pgsrc:paper-case-1 .
pgid:test-disagreement a pg:Disagreement ; pg:about {institution} ; pg:onProperty schema:foundingDate ;
    pg:claim pgid:test-claim-1 , pgid:test-claim-2 ; rdfs:comment "Two sources, one year."@en .
pgid:test-lonely a pg:Partnership ; rdfs:label "Test 連携"@en ; pg:participant {institution} ;
    pg:partnershipKind pgc:host ; prov:wasDerivedFrom pgsrc:paper-case-1 ; schema:startDate "20x4"^^xsd:gYear .
""")
    return load(extra=[synthetic.folder, broken])


def test_same_report_as_pyshacl_on_a_synthetic_graph_with_broken_entities(broken_synthetic):
    report = validate(broken_synthetic)
    assert report == pyshacl_report(broken_synthetic)
    # every SPARQL constraint found something, so none of them can be left out unnoticed
    for words in SPARQL_MESSAGES:
        assert any(f.message.startswith(words) for f in report.violations), (words, report.violations)
    # and so did core constraints around them
    shapes = {f.shape for f in report.violations}
    assert {"pgsh:PartnershipShape", "pgsh:DateShape", "pgsh:CodeListShape", "pgsh:LabelShape"} <= shapes, shapes


def test_the_duplicate_is_reported_on_both_entities_through_the_sparql_target(broken_synthetic):
    twins = [f for f in validate(broken_synthetic).violations if f.shape == "pgsh:DuplicateOrganizationShape"]
    assert {f.focus for f in twins} >= {"pgid:test-twin"} and len(twins) == 2, twins
    assert any(f.files and f.files[0].endswith("broken-entities.ttl") for f in twins)
    assert any(f.files and "broken-entities.ttl" not in f.files[0] for f in twins)


OTHER_SHAPES = """
@prefix ex: <https://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex: sh:declare [ sh:prefix "ex" ; sh:namespace "https://example.org/"^^xsd:anyURI ] .

# a SPARQL constraint on a shape that another shape refers to: it checks that shape's values
ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:node ex:NamedShape ;
    sh:property [ sh:path ex:part ; sh:node ex:NamedShape ] .
ex:NamedShape a sh:NodeShape ; sh:sparql [ sh:prefixes ex: ; sh:message "{$this} has no name" ;
    sh:select "SELECT $this WHERE { FILTER NOT EXISTS { $this ex:name ?n } }" ] .

# a SPARQL constraint of a property shape: it checks the values at $PATH
ex:PartShape a sh:NodeShape ; sh:targetSubjectsOf ex:part ;
    sh:property [ sh:path ex:part ; sh:sparql [ sh:prefixes ex: ; sh:message "part {?value} is {$this} itself" ;
        sh:select "SELECT $this ?value WHERE { $this $PATH ?value . FILTER (?value = $this) }" ] ] .

# a warning whose query binds ?path and ?value, next to a deactivated constraint
ex:SizeShape a sh:NodeShape ; sh:targetSubjectsOf ex:size ; sh:severity sh:Warning ;
    sh:sparql [ sh:prefixes ex: ; sh:message "{?path} {?value} is over {?limit}" ;
        sh:select "SELECT $this ?path ?value ?limit WHERE { $this ?path ?value . FILTER (?path = ex:size) BIND (10 AS ?limit) FILTER (?value > ?limit) }" ] ,
      [ sh:prefixes ex: ; sh:deactivated true ; sh:message "never" ; sh:select "SELECT $this WHERE { $this ?p ?o }" ] .

# a SPARQL target next to a core constraint, and a message of the shape's own (it sorts first)
ex:PairShape a sh:NodeShape ; sh:message "a pair: see its parts" ;
    sh:target [ a sh:SPARQLTarget ; sh:prefixes ex: ; sh:select "SELECT ?this WHERE { ?this ex:part ?x }" ] ;
    sh:property [ sh:path ex:size ; sh:minCount 1 ; sh:message "a pair needs a size" ] ;
    sh:sparql [ sh:prefixes ex: ; sh:message "{$this} has {?x}, which has parts of its own" ;
        sh:select "SELECT $this ?x WHERE { $this ex:part ?x . FILTER EXISTS { ?x ex:part ?y } }" ] .
"""

OTHER_DATA = """
@prefix ex: <https://example.org/> .
ex:a a ex:Thing ; ex:name "a" ; ex:part ex:b , ex:a ; ex:size 12 .
ex:b a ex:Thing ; ex:size 3 .
ex:c a ex:Thing ; ex:part ex:d .
ex:d ex:name "d" ; ex:size 30 .
"""


def test_same_report_as_pyshacl_for_every_kind_of_sparql_constraint(tmp_path, monkeypatch):
    """Beyond the project's shapes: SPARQL constraints that stay with pySHACL (of a property
    shape, or of a shape referred to by another), ?path and ?value, a shape's own message and
    severity, a deactivated constraint, a SPARQL target next to core constraints."""
    (tmp_path / "shapes.ttl").write_text(OTHER_SHAPES)
    (tmp_path / "data.ttl").write_text(OTHER_DATA)
    monkeypatch.setattr(paths, "shapes_file", lambda: tmp_path / "shapes.ttl")
    kg = load(sources=[tmp_path / "data.ttl"])
    report = validate(kg)
    assert report == pyshacl_report(kg)
    messages = {f.message for f in report.violations + report.warnings}
    assert {"part https://example.org/a is https://example.org/a itself", "https://example.org/size 12 is over 10",
            "https://example.org/size 30 is over 10", "a pair: see its parts", "a pair needs a size"} <= messages, messages
    assert "never" not in messages
    # b and c have no name, and a has b as a part
    assert {f.focus for f in report.violations if f.shape == "ex:ThingShape"} == {
        "<https://example.org/a>", "<https://example.org/b>", "<https://example.org/c>"}
