"""The ontology and code lists: documented terms, one schema.org namespace, no undeclared terms."""

from __future__ import annotations

from partnergraph import paths
from partnergraph.loader import discover

PG = "https://w3id.org/partnergraph/ontology#"


def test_every_term_has_labels_in_both_languages_and_a_comment(select):
    rows = select("""
        SELECT ?term WHERE {
          ?term a ?kind . FILTER (?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty))
          FILTER (STRSTARTS(STR(?term), STR(pg:)))
          FILTER NOT EXISTS {
            ?term rdfs:label ?en , ?ja ; rdfs:comment ?c .
            FILTER (lang(?en) = "en" && lang(?ja) = "ja")
          }
        }""")
    assert rows == []


def test_own_classes_are_aligned_to_reused_vocabularies(select):
    rows = select("""
        SELECT ?class WHERE {
          ?class a owl:Class . FILTER (STRSTARTS(STR(?class), STR(pg:)))
          FILTER NOT EXISTS { ?class rdfs:subClassOf+ ?super .
                              FILTER (!STRSTARTS(STR(?super), STR(pg:))) }
        }""")
    # The qualified-relation helper classes are the project's own by design.
    assert {r[0].rsplit("#", 1)[1] for r in rows} <= {"Participation", "Contribution", "Disagreement"}


def test_every_pg_term_used_in_the_graph_is_declared(select):
    rows = select("""
        SELECT DISTINCT ?term WHERE {
          { ?s ?term ?o } UNION { ?s a ?term }
          FILTER (STRSTARTS(STR(?term), STR(pg:)))
          FILTER NOT EXISTS { ?term a ?kind .
            FILTER (?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty)) }
        }""")
    assert rows == [], f"undeclared terms (typos?): {rows}"


def test_every_concept_used_exists_with_english_and_japanese_labels(select):
    rows = select("""
        SELECT DISTINCT ?concept WHERE {
          ?s ?p ?concept .
          FILTER (STRSTARTS(STR(?concept), STR(pgc:)) || STRSTARTS(STR(?concept), STR(country:)))
          FILTER NOT EXISTS { ?concept a skos:ConceptScheme }
          FILTER NOT EXISTS { ?concept a skos:Concept ; skos:prefLabel ?en , ?ja ; skos:inScheme ?scheme .
                              FILTER (lang(?en) = "en" && lang(?ja) = "ja") }
        }""")
    assert rows == [], f"concepts used but not defined with en+ja labels: {rows}"


def test_knight_and_mcnamara_scheme_has_six_numbered_categories(select):
    rows = select("""
        SELECT ?notation ?broader WHERE {
          ?c skos:inScheme pgc:tne-categories ; skos:notation ?notation ; skos:broader ?broader .
        } ORDER BY ?notation""")
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert {r[1].rsplit("/", 1)[1] for r in rows[:3]} == {"independent-provision"}
    assert {r[1].rsplit("/", 1)[1] for r in rows[3:]} == {"collaborative-provision"}


def test_only_https_schema_org_is_used():
    for path in discover([paths.ontology_dir(), paths.graph_dir()]) + [paths.shapes_file()]:
        assert "http://schema.org/" not in path.read_text(encoding="utf-8"), path


def test_countries_come_from_one_code_list(select):
    rows = select("""SELECT DISTINCT ?c WHERE { ?s pg:country ?c . FILTER NOT EXISTS { ?c skos:inScheme pgc:countries } }""")
    assert rows == []
