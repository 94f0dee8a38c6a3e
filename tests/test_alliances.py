"""The alliance analysis: each table agrees with what SPARQL counts on the same graph, and with
the alliances the documents describe."""

from __future__ import annotations

from collections import defaultdict

import pytest

from partnergraph import alliances
from partnergraph.namespaces import PGID


def iri(name: str) -> str:
    return str(PGID[name])


@pytest.fixture(scope="module")
def partners_by_sparql(select):
    partners = defaultdict(set)
    for x, y in select("SELECT ?x ?y WHERE { ?p a pg:Partnership ; pg:participant ?x , ?y FILTER (?x != ?y) }"):
        partners[str(x)].add(str(y))
    return partners


def test_the_alliances_the_documents_describe_are_found(kg):
    found = alliances.find_alliances(kg)
    by_iri = found.set_index("alliance")
    hubs = {row.hub for row in found.itertuples() if row.form == "partnership"}
    # UTokyo and the Stockholm Trio, Ehime and Indonesian universities, Kyoto with Bordeaux and
    # Africa, the Kyushu–NTU–UIUC trilateral memorandum: each led by the Japanese university
    for hub in ("university-of-tokyo", "ehime-university", "kyoto-university", "kyushu-university"):
        assert iri(hub) in hubs
    assert by_iri.loc[iri("kyushu-ntu-uiuc-trilateral-mou"), "size"] == 3
    assert {"suiji", "mirai", "apru", "asaihl"} <= {a.rsplit("/", 1)[1] for a in found[found.form == "consortium"].alliance}


def test_consortium_sizes_are_their_recorded_members(kg, select):
    found = alliances.find_alliances(kg).set_index("alliance")
    counted = dict(select("""SELECT ?c (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?x a org:Membership ; org:organization ?c ; org:member ?m . ?c a pg:Consortium } GROUP BY ?c"""))
    assert {str(c): n for c, n in counted.items()} == found[found.form == "consortium"]["size"].to_dict()


def test_every_many_sided_partnership_is_an_alliance(kg, select):
    many = {str(p) for (p,) in select("""SELECT ?p WHERE { ?p a pg:Partnership ; pg:participant ?x }
                                         GROUP BY ?p HAVING (COUNT(DISTINCT ?x) >= 3)""")}
    assert many and many <= set(alliances.find_alliances(kg).alliance)


def test_hub_degree_is_the_number_of_distinct_partners(kg, partners_by_sparql):
    hubs = alliances.hub_measures(kg).set_index("institution")
    in_partnerships = hubs[hubs.partnerships > 0]
    assert in_partnerships.partners.to_dict() == {x: len(ys) for x, ys in partners_by_sparql.items()}
    assert hubs.partners.iloc[0] == max(len(ys) for ys in partners_by_sparql.values())
    assert (hubs.betweenness.between(0, 1)).all()


def test_bilateral_and_one_to_many_add_up_to_each_universitys_partnerships(kg, select):
    shares = alliances.bilateral_share(kg).set_index("institution")
    counted = {str(x): n for x, n in select("""SELECT ?x (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p a pg:Partnership ; pg:participant ?x . ?x pg:country country:JP } GROUP BY ?x""")}
    assert shares.partnerships.to_dict() == counted
    assert ((shares.bilateral + shares.one_to_many) == shares.partnerships).all()
    # Ehime's partnerships with Indonesia are mostly one-to-many
    assert shares.loc[iri("ehime-university"), "one_to_many_share"] > 0.5


def test_consortium_overlap_matches_shared_members(kg, select):
    overlap = alliances.consortium_overlap(kg)
    shared = {(str(a), str(b)): n for a, b, n in select("""SELECT ?a ?b (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?x org:organization ?a ; org:member ?m . ?y org:organization ?b ; org:member ?m .
        ?a a pg:Consortium . ?b a pg:Consortium . FILTER (STR(?a) < STR(?b)) } GROUP BY ?a ?b""")}
    assert {(r.consortium_a, r.consortium_b): r.shared for r in overlap.itertuples()} == shared
    assert (overlap.jaccard > 0).all() and (overlap.jaccard <= 1).all()


def test_institutions_tied_only_through_alliances_have_no_bilateral_partnership(kg, select):
    only = alliances.connected_only_through_alliances(kg)
    bilateral = {str(x) for (x,) in select("""SELECT DISTINCT ?x WHERE {
        ?p a pg:Partnership ; pg:participant ?x .
        { SELECT ?p WHERE { ?p pg:participant ?y } GROUP BY ?p HAVING (COUNT(DISTINCT ?y) = 2) }
        FILTER NOT EXISTS { ?p pg:partnershipKind ?k
                            FILTER (?k IN (pgc:one-to-many, pgc:multilateral-alliance, pgc:consortium-based)) } }""")}
    assert not set(only.institution) & bilateral
    # the Indonesian universities of Ehime's alliance know Japan only through it and SUIJI
    assert iri("gadjah-mada-university") in set(only.institution)


def test_the_analysis_accepts_the_notebook_entry_point():
    import partnergraph

    assert len(alliances.find_alliances(partnergraph.open_graph())) > 10


def test_the_cli_prints_each_measure_as_a_table(kg, tmp_path, monkeypatch):
    import csv
    import io

    from typer.testing import CliRunner

    from partnergraph.cli import app

    monkeypatch.setenv("PARTNERGRAPH_STORE", str(tmp_path / "store"))
    runner = CliRunner()
    for measure, function in alliances.MEASURES.items():
        done = runner.invoke(app, ["alliances", measure, "--format", "csv"])
        assert done.exit_code == 0, done.output
        rows = list(csv.DictReader(io.StringIO(done.stdout)))
        assert len(rows) == len(function(kg))
    wrong = runner.invoke(app, ["alliances", "hub"])
    assert wrong.exit_code == 2 and "choose one of alliances, hubs" in wrong.output

