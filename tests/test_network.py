"""The networkx projections lose nothing and invent nothing: every count is checked against what
SPARQL counts on the same graph; the exports read back whole and are byte-identical run to run."""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations

import networkx as nx
import pytest
from typer.testing import CliRunner

from partnergraph import network
from partnergraph.cli import app
from partnergraph.namespaces import PGID
from partnergraph.results import curie

NODE_CLASSES = ("pg:Partnership, pg:Programme, pg:Consortium, pg:InstitutionGroup, pg:JointInstitute, "
                "pg:University, pg:Agency, pg:GovernmentBody, pg:IntergovernmentalOrganization, pg:OrganizationalUnit")
TRILATERAL = str(PGID["kyushu-ntu-uiuc-trilateral-mou"])


@pytest.fixture(scope="module")
def graphs(kg):
    return {name: network.project(kg, name) for name in network.PROJECTIONS}


def count(select, query: str) -> int:
    return select(query)[0][0]


# --------------------------------------------------------------------------------------------
# counts against SPARQL
# --------------------------------------------------------------------------------------------

def test_full_graph_has_every_typed_entity_and_every_link_between_them(graphs, select):
    full = graphs["full"]
    assert full.number_of_nodes() == count(select, f"""
        SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a ?t FILTER (?t IN ({NODE_CLASSES})) }}""")
    links = select(f"""
        SELECT ?p (COUNT(*) AS ?n) WHERE {{
          {{ SELECT DISTINCT ?s ?p ?o WHERE {{
              ?s a ?t ; ?p ?o . ?o a ?u .
              FILTER (?p != rdf:type && ?t IN ({NODE_CLASSES}) && ?u IN ({NODE_CLASSES})) }} }} }}
        GROUP BY ?p""")
    memberships = count(select, f"""
        SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{
          ?m a org:Membership ; org:member ?a ; org:organization ?b . ?a a ?t . ?b a ?u .
          FILTER (?t IN ({NODE_CLASSES}) && ?u IN ({NODE_CLASSES})) }}""")
    expected = Counter({curie(str(p)): n for p, n in links})
    expected["org:Membership"] = memberships
    assert Counter(kind for *_, kind in full.edges(data="kind")) == expected
    assert full.number_of_edges() == sum(expected.values())


def test_full_graph_gives_participants_their_stated_roles(graphs, select):
    roles = select("SELECT ?p ?a ?r WHERE { ?p pg:qualifiedParticipation [ pg:agent ?a ; pg:role ?r ] }")
    assert roles
    full = graphs["full"]
    for partnership, agent, role in roles:
        assert curie(str(role)) in full.edges[str(partnership), str(agent), "pg:participant"]["role"].split("; ")


def test_institution_graph_expands_each_partnership_to_its_pairs(graphs, select):
    institutions = graphs["institutions"]
    assert institutions.number_of_nodes() == count(
        select, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?p a pg:Partnership ; pg:participant ?x }")
    pairs = select("""
        SELECT ?p ?a ?b WHERE { ?p a pg:Partnership ; pg:participant ?a , ?b . FILTER (STR(?a) < STR(?b)) }""")
    assert institutions.number_of_edges() == len(pairs)
    got = {(k, *sorted((u, v))) for u, v, k in institutions.edges(keys=True)}
    assert got == {(str(p), str(a), str(b)) for p, a, b in pairs}


def test_a_trilateral_partnership_is_exactly_its_three_pairwise_edges(graphs, select):
    participants = {str(x) for (x,) in select(f"SELECT ?x WHERE {{ <{TRILATERAL}> pg:participant ?x }}")}
    assert len(participants) == 3
    edges = [(u, v, attrs) for u, v, k, attrs in graphs["institutions"].edges(keys=True, data=True) if k == TRILATERAL]
    assert {frozenset((u, v)) for u, v, _ in edges} == {frozenset(pair) for pair in combinations(participants, 2)}
    assert len(edges) == 3
    for *_, attrs in edges:
        assert attrs["partnership"] == TRILATERAL and attrs["alliance"] is True
        assert attrs["kind"] == "pgc:trilateral-mou" and attrs["start_year"] == 2024
        assert attrs["source"] == "pgsrc:report-kyushu-en; pgsrc:report-kyushu-ja"


def test_partnership_edges_carry_the_kinds_years_and_sources_of_the_graph(graphs, select):
    facts = {str(p): (set(kinds.split()) if kinds else set(), start, set(sources.split()))
             for p, kinds, start, sources in select("""
        SELECT ?p (GROUP_CONCAT(DISTINCT STR(?k)) AS ?kinds) (MIN(SUBSTR(STR(?d), 1, 4)) AS ?start)
               (GROUP_CONCAT(DISTINCT STR(?s)) AS ?sources)
        WHERE { ?p a pg:Partnership . OPTIONAL { ?p pg:partnershipKind ?k } OPTIONAL { ?p schema:startDate ?d }
                OPTIONAL { ?p prov:wasDerivedFrom ?s } }
        GROUP BY ?p""")}
    for *_, partnership, attrs in graphs["institutions"].edges(keys=True, data=True):
        kinds, start, sources = facts[partnership]
        assert set(attrs.get("kinds", "").split("; ")) - {""} == {curie(k) for k in kinds}
        assert attrs.get("start_year") == (int(start) if start else None)
        assert set(attrs.get("source", "").split("; ")) - {""} == {curie(s) for s in sources}


def test_membership_graph_is_bipartite_and_complete(graphs, select):
    members_of = graphs["memberships"]
    rows = select("""SELECT DISTINCT ?m ?c WHERE {
        ?x a org:Membership ; org:member ?m ; org:organization ?c . ?c a pg:Consortium }""")
    members, consortia = {str(m) for m, _ in rows}, {str(c) for _, c in rows}
    assert {n for n, side in members_of.nodes(data="bipartite") if side == 0} == members
    assert {n for n, side in members_of.nodes(data="bipartite") if side == 1} == consortia
    assert {frozenset(e) for e in members_of.edges} == {frozenset((str(m), str(c))) for m, c in rows}
    assert members_of.number_of_edges() == len(rows)
    assert nx.is_bipartite(members_of)


def test_co_membership_graph_joins_members_by_shared_consortia(graphs, select):
    shared = {frozenset((str(a), str(b))): n for a, b, n in select("""
        SELECT ?a ?b (COUNT(DISTINCT ?c) AS ?n) WHERE {
          ?x a org:Membership ; org:member ?a ; org:organization ?c . ?c a pg:Consortium .
          ?y a org:Membership ; org:member ?b ; org:organization ?c . FILTER (STR(?a) < STR(?b)) }
        GROUP BY ?a ?b""")}
    co = graphs["co-memberships"]
    assert co.number_of_nodes() == count(select, """SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?x a org:Membership ; org:member ?m ; org:organization ?c . ?c a pg:Consortium }""")
    assert {frozenset((a, b)): w for a, b, w in co.edges(data="weight")} == shared
    assert shared  # the curated graph has members that share a consortium


def test_country_graph_weights_count_partnerships(graphs, select):
    weights = {frozenset((str(a), str(b))): n for a, b, n in select("""
        SELECT ?ca ?cb (COUNT(DISTINCT ?p) AS ?n) WHERE {
          ?p a pg:Partnership ; pg:participant ?a , ?b . FILTER (?a != ?b)
          ?a pg:country ?ca . ?b pg:country ?cb . FILTER (STR(?ca) <= STR(?cb)) }
        GROUP BY ?ca ?cb""")}
    countries = graphs["countries"]
    assert countries.number_of_nodes() == count(select, """
        SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?p a pg:Partnership ; pg:participant ?x . ?x pg:country ?c }""")
    assert {frozenset((a, b)): w for a, b, w in countries.edges(data="weight")} == weights
    japan = countries.nodes["https://w3id.org/partnergraph/country/JP"]
    assert japan["label"] == "Japan" and japan["country"] == "JP"


def test_labels_follow_the_language_with_fallback(kg, select):
    japanese = network.project(kg, "institutions", lang="ja")
    kyoto = str(PGID["kyoto-university"])
    assert japanese.nodes[kyoto]["label"] == select(
        f'SELECT ?l WHERE {{ <{kyoto}> rdfs:label ?l FILTER (lang(?l) = "ja") }}')[0][0]
    assert japanese.nodes[kyoto]["kind_label"] == "大学"
    without_japanese = select("""SELECT ?x ?l WHERE { ?p a pg:Partnership ; pg:participant ?x . ?x rdfs:label ?l .
        FILTER (lang(?l) = "en") FILTER NOT EXISTS { ?x rdfs:label ?j FILTER (lang(?j) = "ja") } } LIMIT 1""")
    if without_japanese:
        x, english = without_japanese[0]
        assert japanese.nodes[str(x)]["label"] == english


# --------------------------------------------------------------------------------------------
# focused networks
# --------------------------------------------------------------------------------------------

def test_ego_network_holds_the_partners_within_depth(graphs, select):
    kyoto = str(PGID["kyoto-university"])
    partners = {str(x) for (x,) in select(f"""
        SELECT DISTINCT ?x WHERE {{ ?p a pg:Partnership ; pg:participant <{kyoto}> , ?x }}""")}
    assert set(network.ego(graphs["institutions"], kyoto, 1)) == partners  # includes Kyoto itself
    two = network.ego(graphs["institutions"], kyoto, 2)
    assert set(two) == partners | {n for p in partners for n in graphs["institutions"][p]}
    assert two.graph["focus"] == kyoto


def test_consortium_network_has_its_members_and_their_partnerships(kg, graphs, select):
    suiji = str(PGID["suiji"])
    members = {str(m) for (m,) in select(f"SELECT ?m WHERE {{ ?x a org:Membership ; org:member ?m ; org:organization <{suiji}> }}")}
    view = network.consortium_network(kg, suiji)
    assert members | {suiji} <= set(view)
    assert sum(1 for *_, kind in view.edges(data="kind") if kind == "org:Membership") == len(members)
    partnerships = sum(1 for u, v in graphs["institutions"].edges() if u in members or v in members)
    assert view.number_of_edges() == partnerships + len(members)


def test_country_network_has_the_country_and_its_partners(kg, graphs, select):
    assert network.country_code(kg, "France") == network.country_code(kg, "フランス") == network.country_code(kg, "fr") == "FR"
    french = {str(x) for (x,) in select("""SELECT DISTINCT ?x WHERE { ?p pg:participant ?x . ?x pg:country country:FR }""")}
    view = network.in_country(graphs["institutions"], "FR")
    assert french <= set(view)
    assert all(u in french or v in french for u, v in view.edges())


def test_unknown_names_give_clear_errors(kg, graphs):
    with pytest.raises(network.NetworkError, match="choose one of institutions, full, memberships, co-memberships, countries"):
        network.project(kg, "everything")
    with pytest.raises(network.NetworkError, match="not in the memberships network"):
        network.ego(graphs["memberships"], str(PGID["mext"]))
    with pytest.raises(network.NetworkError, match="close: FR"):
        network.country_code(kg, "Frnace")
    with pytest.raises(network.NetworkError, match="consortia: .*pgid:suiji"):
        network.consortium_network(kg, str(PGID["kyoto-university"]))


# --------------------------------------------------------------------------------------------
# exports
# --------------------------------------------------------------------------------------------

READERS = {
    "graphml": nx.read_graphml,
    "gexf": nx.read_gexf,
    "json": lambda path: nx.node_link_graph(json.loads(path.read_text()), edges="edges"),
}


@pytest.mark.parametrize("fmt", list(network.FORMATS))
@pytest.mark.parametrize("name", list(network.PROJECTIONS))
def test_exports_read_back_whole(kg, graphs, tmp_path, name, fmt):
    graph = graphs[name]
    path = tmp_path / f"{name}{network.FORMATS[fmt]}"
    network.export(graph, path, fmt)
    back = READERS[fmt](path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    node = sorted(graph)[0]
    assert back.nodes[node]["label"] == graph.nodes[node]["label"]
    assert path.read_bytes() == network.serialise(network.project(kg, name), fmt)  # the same graph, the same bytes
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_a_failed_export_leaves_the_old_file(graphs, tmp_path):
    path = tmp_path / "view.graphml"
    path.write_text("old")
    graph = graphs["countries"].copy()
    graph.nodes[sorted(graph)[0]]["unwritable"] = object()
    with pytest.raises(Exception):
        network.export(graph, path, "graphml")
    assert path.read_text() == "old" and len(list(tmp_path.iterdir())) == 1


# --------------------------------------------------------------------------------------------
# the command line
# --------------------------------------------------------------------------------------------

runner = CliRunner()


@pytest.fixture
def cli(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("PARTNERGRAPH_STORE", str(tmp_path_factory.getbasetemp() / "store"))
    return lambda *args: runner.invoke(app, list(args), env={"COLUMNS": "250"})


def test_export_command_writes_identical_files(cli, graphs, tmp_path):
    first, second = tmp_path / "a.gexf", tmp_path / "b.gexf"
    for path in (first, second):
        done = cli("export", "--projection", "institutions", "--format", "gexf", "--out", str(path))
        assert done.exit_code == 0, done.output
    assert first.read_bytes() == second.read_bytes()
    assert nx.read_gexf(first).number_of_edges() == graphs["institutions"].number_of_edges()
    assert f"{graphs['institutions'].number_of_nodes()} nodes" in done.stdout


def test_bad_options_list_the_choices_without_a_traceback(cli, tmp_path):
    done = cli("export", "--projection", "everything")
    assert done.exit_code != 0 and "institutions, full, memberships, co-memberships, countries" in done.output
    done = cli("export", "--format", "xml")
    assert done.exit_code != 0 and "graphml, gexf, json" in done.output
    done = cli("view", "--focus", "Kyoto Univ", "--out", str(tmp_path / "v.html"))
    assert done.exit_code == 1 and "close names: Kyoto University" in done.output
    done = cli("view", "--country", "Atlantis", "--out", str(tmp_path / "v.html"))
    assert done.exit_code == 1 and "no country is called 'Atlantis'" in done.output
    for done in (cli("view", "--focus", "x", "--consortium", "suiji"), cli("view", "--consortium", "kyoto-university")):
        assert done.exit_code != 0
    assert "Traceback" not in done.output and not (tmp_path / "v.html").exists()


def test_a_focused_institution_network_is_the_ego_network_of_the_whole(kg):
    whole = network.institution_graph(kg)
    for node in sorted(whole)[::3]:
        for depth in (1, 2):
            focused = network.institution_graph(kg, focus=node, depth=depth)
            assert network.serialise(focused, "json") == network.serialise(network.ego(whole, node, depth), "json")
    with pytest.raises(network.NetworkError, match="not in the institutions network"):
        network.institution_graph(kg, focus=str(PGID["jica"]))
