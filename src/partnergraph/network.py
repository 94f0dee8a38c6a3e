"""The graph as networkx networks: five projections, and their export for Gephi and the web.

Every projection reads the graph with a few set-based SPARQL queries (no query per node) and
gives each node and edge the same attributes, all plain strings, numbers or booleans, so that
GraphML and GEXF can hold them:

- nodes are keyed by IRI, with ``label`` (in the chosen language, falling back to the other),
  ``kind`` and ``kind_label`` (university, consortium, partnership, ...; ``country`` in the
  country aggregate), and where the graph gives them ``country`` (ISO codes, ``; ``-separated)
  and ``country_label``, ``founded``, ``start``, ``end`` (as precise as the source; two values
  that sources give differently are both kept, `` / ``-separated), ``start_year``,
  ``end_year``, ``source`` (CURIEs of the source sections) and ``source_label``;
- edges carry ``kind`` and ``kind_label`` (the partnership kind, ``org:Membership`` or the
  property that links two nodes) and the dates and sources of the relation they stand for.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import chain, combinations
from pathlib import Path

import networkx as nx
from networkx.algorithms import bipartite

from .errors import PartnergraphError
from .files import write_atomic
from .namespaces import ORG, PG, PGC
from .results import curie, labels

# Entity kinds of the full graph: the class of each, in order of precedence when an entity
# has several (a joint university is a joint institute first, a consortium that is also a
# funding scheme is a consortium).
KINDS: dict[str, str] = {
    "partnership": str(PG.Partnership),
    "programme": str(PG.Programme),
    "consortium": str(PG.Consortium),
    "group": str(PG.InstitutionGroup),
    "joint-institute": str(PG.JointInstitute),
    "university": str(PG.University),
    "agency": str(PG.Agency),
    "government": str(PG.GovernmentBody),
    "intergovernmental": str(PG.IntergovernmentalOrganization),
    "unit": str(PG.OrganizationalUnit),
}
COUNTRY_KIND = "country"

# Kinds that make a partnership one-to-many whatever its number of participants (as in the
# named query one-to-many-alliances).
MANY_SIDED = {str(PGC["one-to-many"]), str(PGC["multilateral-alliance"]), str(PGC["consortium-based"])}

# The facts that nodes and relations may carry, fetched for a set of IRIs in one query.
FACTS = {
    "type": "a",
    "country": "pg:country",
    "founded": "schema:foundingDate",
    "start": "schema:startDate",
    "end": "schema:endDate",
    "source": "prov:wasDerivedFrom",
    "kinds": "pg:partnershipKind",
    "role": "org:role",
}
SEPARATOR = "; "


class NetworkError(PartnergraphError):
    pass


# --------------------------------------------------------------------------------------------
# reading the graph
# --------------------------------------------------------------------------------------------

def _values(iris: Iterable[str]) -> str:
    # The IRIs come from the engine's own results, so writing them into VALUES is safe.
    return " ".join(f"<{iri}>" for iri in sorted(iris))


def _rows(kg, text: str) -> list[tuple[str | None, ...]]:
    """Solutions as tuples of IRIs and lexical forms."""
    return [tuple(None if term is None else term.value for term in row) for row in kg.select(text)]


def _facts(kg, iris: set[str]) -> dict[str, dict[str, set[str]]]:
    """FACTS of each of ``iris``: {iri: {fact: {value, ...}}}."""
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    if not iris:
        return facts
    union = " UNION ".join(f'{{ ?x {path} ?v BIND ("{name}" AS ?fact) }}' for name, path in FACTS.items())
    for x, fact, value in _rows(kg, f"SELECT ?x ?fact ?v WHERE {{ VALUES ?x {{ {_values(iris)} }} {union} }}"):
        facts[x][fact].add(value)
    return facts


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _year(date: str) -> int | None:
    return int(date[:4]) if re.match(r"\d{4}", date) else None


class _Describer:
    """Attributes of nodes and relations, with every IRI they mention named in one language."""

    def __init__(self, kg, iris: set[str], lang: str) -> None:
        self.facts = _facts(kg, iris)
        mentioned = {v for f in self.facts.values() for name in ("type", "country", "source", "kinds", "role")
                     for v in f.get(name, ())}
        named_kinds = set(KINDS.values()) | {str(ORG.Membership), str(PG.country)}
        self.names = labels(kg, set(iris) | mentioned | named_kinds, lang)
        # the commonest kinds first: a partnership's first kind is the one it shares with the
        # most partnerships of the whole graph (so that a focused network agrees with the full one)
        self.kind_rank = Counter({kind: int(n) for kind, n in _rows(kg, """
            SELECT ?k (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a pg:Partnership ; pg:partnershipKind ?k } GROUP BY ?k""")})
        self._joined: dict[tuple, tuple] = {}  # many nodes share their sources and kinds

    def name(self, iri: str) -> str:
        return self.names.get(iri) or curie(iri)

    def terms(self, attrs: dict, key: str, iris: Iterable[str], order=curie, short=curie) -> list[str]:
        """Set ``key`` to the terms ``iris`` shortened, in ``order``, and ``key_label`` to their
        names; return them in that order."""
        iris = frozenset(iris)
        if not iris:
            return []
        if (key, iris) not in self._joined:
            ordered = sorted(iris, key=order)
            self._joined[key, iris] = (ordered, SEPARATOR.join(map(short, ordered)), SEPARATOR.join(map(self.name, ordered)))
        ordered, attrs[key], attrs[f"{key}_label"] = self._joined[key, iris]
        return ordered

    def describe(self, iri: str) -> dict:
        """Label, dates, countries and sources of ``iri`` (its kind too, for an entity)."""
        facts = self.facts.get(iri, {})
        attrs: dict = {"label": self.name(iri)}
        types = facts.get("type", set())
        kind = next((k for k, cls in KINDS.items() if cls in types), None)
        if kind or types:
            cls = KINDS[kind] if kind else min(types)
            attrs["kind"], attrs["kind_label"] = kind or curie(cls), self.name(cls)
        self.terms(attrs, "country", facts.get("country", ()), order=_local, short=_local)
        for name in ("founded", "start", "end"):
            dates = sorted(facts.get(name, ()))
            if dates:
                attrs[name] = " / ".join(dates)
                years = [y for y in map(_year, dates) if y is not None]
                if years and name != "founded":
                    attrs[f"{name}_year"] = min(years) if name == "start" else max(years)
        self.terms(attrs, "source", facts.get("source", ()))
        self.terms(attrs, "role", facts.get("role", ()))
        return attrs

    def partnership(self, iri: str, participants: set[str]) -> dict:
        """A partnership as edge attributes: its kinds (the commonest first), dates, sources, and
        ``alliance``: one-to-many (three or more participants, or a kind that says so)."""
        described = self.describe(iri)
        kinds = self.facts.get(iri, {}).get("kinds", set())
        attrs = {"partnership": iri, "label": described["label"],
                 "alliance": len(participants) >= 3 or bool(MANY_SIDED & kinds)}
        ordered = self.terms(attrs, "kinds", kinds, order=lambda k: (-self.kind_rank[k], self.name(k)))
        if ordered:
            attrs["kind"], attrs["kind_label"] = curie(ordered[0]), self.name(ordered[0])
        for key in ("start", "end", "start_year", "end_year", "source", "source_label"):
            if key in described:
                attrs[key] = described[key]
        return attrs


def _participants(kg, touching: set[str] | None = None) -> dict[str, set[str]]:
    """The participants of every partnership, or of those with a participant in ``touching``."""
    # the partnerships first, each once (joining the VALUES directly repeats a partnership for
    # every participant it has in ``touching``, and is many times slower)
    near = (f"{{ SELECT DISTINCT ?p WHERE {{ VALUES ?near {{ {_values(touching)} }} ?p pg:participant ?near }} }}"
            if touching is not None else "")
    participants: dict[str, set[str]] = defaultdict(set)
    for partnership, participant in _rows(kg, f"SELECT ?p ?x WHERE {{ {near} ?p a pg:Partnership ; pg:participant ?x }}"):
        participants[partnership].add(participant)
    return participants


def _reachable(kg, focus: str, depth: int) -> set[str]:
    """The organisations within ``depth`` partnerships of ``focus`` (breadth first, one query a step)."""
    reached = frontier = {focus}
    for _ in range(depth):
        frontier = set().union(set(), *_participants(kg, frontier).values()) - reached
        reached = reached | frontier
        if not frontier:
            break
    return reached


# --------------------------------------------------------------------------------------------
# projections
# --------------------------------------------------------------------------------------------

def full_graph(kg, lang: str = "en") -> nx.MultiDiGraph:
    """Institutions, bodies, consortia, groups, units, programmes and partnerships as nodes;
    one edge per statement that links two of them (``kind`` the property: pg:participant,
    schema:provider, pg:buildsOn, org:unitOf, ...) and one per membership (member → consortium,
    ``kind`` org:Membership). Participant edges carry the participant's role where stated."""
    classes = _values(KINDS.values())
    nodes = {x for (x,) in _rows(kg, f"SELECT DISTINCT ?x WHERE {{ VALUES ?t {{ {classes} }} ?x a ?t }}")}
    links = _rows(kg, f"""
        SELECT DISTINCT ?s ?p ?o WHERE {{
          VALUES ?t {{ {classes} }} VALUES ?u {{ {classes} }}
          ?s a ?t ; ?p ?o . ?o a ?u . FILTER (?p != rdf:type) }}""")
    memberships = _rows(kg, f"""
        SELECT DISTINCT ?m ?member ?org WHERE {{
          VALUES ?t {{ {classes} }} VALUES ?u {{ {classes} }}
          ?m a org:Membership ; org:member ?member ; org:organization ?org .
          ?member a ?t . ?org a ?u }}""")
    roles = _rows(kg, "SELECT ?p ?agent ?role WHERE { ?p pg:qualifiedParticipation [ pg:agent ?agent ; pg:role ?role ] }")
    about = _Describer(kg, nodes | {m for m, _, _ in memberships} | {p for _, p, _ in links}
                       | {r for _, _, r in roles}, lang)
    participants = _participants(kg)
    graph = nx.MultiDiGraph(projection="full")
    for node in nodes:
        graph.add_node(node, **about.describe(node))
        if graph.nodes[node]["kind"] == "partnership":
            as_edge = about.partnership(node, participants[node])
            graph.nodes[node].update((k, v) for k, v in as_edge.items() if k.startswith("kinds") or k == "alliance")
    role_of = defaultdict(set)
    for partnership, agent, role in roles:
        role_of[partnership, agent].add(role)
    for s, p, o in links:
        attrs = {"kind": curie(p), "kind_label": about.name(p)}
        about.terms(attrs, "role", role_of.get((s, o), ()) if p == str(PG.participant) else ())
        graph.add_edge(s, o, key=curie(p), **attrs)
    for membership, member, organization in memberships:
        attrs = about.describe(membership)
        attrs.update(membership=membership, kind=curie(str(ORG.Membership)), kind_label=about.name(str(ORG.Membership)))
        graph.add_edge(member, organization, key=curie(membership), **attrs)
    return graph


def institution_graph(kg, lang: str = "en", focus: str | None = None, depth: int = 1) -> nx.MultiGraph:
    """Organisations that take part in partnerships; each partnership becomes one edge per pair
    of its participants (a trilateral memorandum, three edges), keyed by the partnership's IRI
    and carrying its label, kinds (``kind`` the commonest of them), years, sources and
    ``alliance`` (true for one-to-many partnerships and alliances).

    With ``focus``, only the organisations within ``depth`` partnerships of it and the edges
    between them (as ``ego`` cuts from the whole network), read without projecting the rest."""
    within = _reachable(kg, focus, depth) if focus else None
    participants = _participants(kg, within)
    organisations = set().union(set(), *participants.values())
    if within is not None:  # only partnerships that link two organisations within reach
        participants = {p: members for p, members in participants.items() if len(members & within) >= 2}
        organisations &= within
    about = _Describer(kg, set(participants) | organisations, lang)
    graph = nx.MultiGraph(projection="institutions")
    graph.add_nodes_from((m, about.describe(m)) for m in organisations)
    edges = []
    for partnership, members in participants.items():
        attrs = about.partnership(partnership, members)
        inside = members & organisations
        edges.extend((a, b, partnership, attrs) for a, b in combinations(sorted(inside), 2))
    graph.add_edges_from(edges)
    if focus:
        _node(graph, focus)
        graph.graph.update(focus=focus)
    return graph


def membership_graph(kg, lang: str = "en") -> nx.Graph:
    """Bipartite: members (``bipartite`` 0) and the consortia they belong to (``bipartite`` 1),
    one edge per member and consortium with the roles, dates and sources of its memberships."""
    rows = _rows(kg, "SELECT ?m ?member ?c WHERE { ?m a org:Membership ; org:member ?member ; org:organization ?c . ?c a pg:Consortium }")
    about = _Describer(kg, {x for row in rows for x in row}, lang)
    graph = nx.Graph(projection="memberships")
    by_pair = defaultdict(set)
    for membership, member, consortium in rows:
        graph.add_node(member, bipartite=0, **about.describe(member))
        graph.add_node(consortium, bipartite=1, **about.describe(consortium))
        by_pair[member, consortium].add(membership)
    for (member, consortium), memberships in by_pair.items():
        facts = [about.facts[m] for m in sorted(memberships)]
        attrs = {"kind": curie(str(ORG.Membership)), "kind_label": about.name(str(ORG.Membership)),
                 "membership": SEPARATOR.join(sorted(memberships))}
        about.terms(attrs, "role", set().union(*(f.get("role", set()) for f in facts)))
        about.terms(attrs, "source", set().union(*(f.get("source", set()) for f in facts)))
        starts = sorted(set().union(*(f.get("start", set()) for f in facts)))
        if starts:
            attrs["start"] = " / ".join(starts)
        graph.add_edge(member, consortium, **attrs)
    return graph


def co_membership_graph(kg, lang: str = "en") -> nx.Graph:
    """The one-mode projection of the membership graph onto its members: two members are joined
    when they share a consortium; ``weight`` is the number they share, ``consortia`` and
    ``consortia_label`` name them."""
    members_of = membership_graph(kg, lang)
    members = [n for n, side in members_of.nodes(data="bipartite") if side == 0]
    graph = bipartite.weighted_projected_graph(members_of, members)
    graph.graph["projection"] = "co-memberships"
    for a, b, attrs in graph.edges(data=True):
        shared = sorted(set(members_of[a]) & set(members_of[b]), key=lambda c: members_of.nodes[c]["label"])
        attrs.update(kind=curie(str(PG.Consortium)), kind_label=members_of.nodes[shared[0]]["kind_label"],
                     consortia=SEPARATOR.join(shared),
                     consortia_label=SEPARATOR.join(members_of.nodes[c]["label"] for c in shared))
    for node in graph:
        del graph.nodes[node]["bipartite"]
    return graph


def country_graph(kg, lang: str = "en") -> nx.Graph:
    """Countries of the participants of partnerships. Two countries are joined when a
    partnership has participants in each; ``weight`` is the number of such partnerships. A
    partnership of two participants in one country counts on that country's self-loop."""
    rows = _rows(kg, "SELECT ?p ?x ?c WHERE { ?p a pg:Partnership ; pg:participant ?x . ?x pg:country ?c }")
    countries_of: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for partnership, participant, country in rows:
        countries_of[partnership][participant].add(country)
    about = _Describer(kg, {c for _, _, c in rows}, lang)
    pairs: Counter = Counter()
    partnerships_in: dict[str, set[str]] = defaultdict(set)
    institutions_in: dict[str, set[str]] = defaultdict(set)
    for partnership, members in countries_of.items():
        linked = set()
        for a, b in combinations(members, 2):
            linked |= {tuple(sorted((x, y))) for x in members[a] for y in members[b]}
        pairs.update(linked)
        for member, countries in members.items():
            for country in countries:
                partnerships_in[country].add(partnership)
                institutions_in[country].add(member)
    graph = nx.Graph(projection="countries")
    for country in institutions_in:
        graph.add_node(country, label=about.name(country), kind=COUNTRY_KIND, kind_label=about.name(str(PG.country)),
                       country=_local(country), country_label=about.name(country),
                       institutions=len(institutions_in[country]), partnerships=len(partnerships_in[country]))
    for (a, b), weight in pairs.items():
        graph.add_edge(a, b, weight=weight, partnerships=weight,
                       kind=curie(str(PG.Partnership)), kind_label=about.name(str(PG.Partnership)))
    return graph


PROJECTIONS: dict[str, Callable] = {
    "institutions": institution_graph,
    "full": full_graph,
    "memberships": membership_graph,
    "co-memberships": co_membership_graph,
    "countries": country_graph,
}


def project(kg, name: str, lang: str = "en") -> nx.Graph:
    if name not in PROJECTIONS:
        raise NetworkError(f"no projection {name!r}; choose one of {', '.join(PROJECTIONS)}")
    return PROJECTIONS[name](kg, lang)


# --------------------------------------------------------------------------------------------
# focused networks
# --------------------------------------------------------------------------------------------

def _node(graph: nx.Graph, iri: str) -> str:
    if iri not in graph:
        raise NetworkError(f"{curie(iri)} is not in the {graph.graph['projection']} network "
                           f"(try another --projection: {', '.join(PROJECTIONS)})")
    return iri


def ego(graph: nx.Graph, iri: str, depth: int = 1) -> nx.Graph:
    """``iri`` and everything within ``depth`` links of it, whichever way the links point."""
    # (nx.ego_graph would deep-copy a whole directed graph to make it undirected)
    either_way = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    reached = nx.single_source_shortest_path_length(either_way, _node(graph, iri), cutoff=depth)
    focused = graph.subgraph(reached).copy()
    focused.graph.update(focus=iri)
    return focused


def _around(graph: nx.Graph, centre: set[str]) -> nx.Graph:
    """``centre`` and every edge that touches it, with the nodes at the other end."""
    edges = [e for e in graph.edges(keys=True) if e[0] in centre or e[1] in centre] if graph.is_multigraph() \
        else [e for e in graph.edges if e[0] in centre or e[1] in centre]
    around = graph.edge_subgraph(edges).copy()
    around.add_nodes_from((n, graph.nodes[n]) for n in centre if n in graph)
    around.graph.update(graph.graph)
    return around


def country_code(kg, text: str) -> str:
    """The ISO code of a country of the graph's code list, given by code or by name in either language."""
    names: dict[str, str] = {}
    for code, name in _rows(kg, """SELECT ?code ?name WHERE {
            ?c skos:inScheme pgc:countries ; skos:notation ?code ; skos:prefLabel|skos:altLabel ?name }"""):
        names[code.casefold()] = names[name.casefold()] = code
    wanted = text.strip().casefold()
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
    hint = f"; close: {', '.join(sorted({names[c] for c in close}))}" if close else ""
    raise NetworkError(f"no country is called {text!r} (give an ISO code or a name){hint}")


def in_country(graph: nx.Graph, code: str) -> nx.Graph:
    """The nodes in the country with ISO ``code``, and their links (with the nodes at their other end)."""
    centre = {n for n, codes in graph.nodes(data="country") if codes and code in codes.split(SEPARATOR)}
    if not centre:
        known = sorted({c for _, cs in graph.nodes(data="country") if cs for c in cs.split(SEPARATOR)})
        raise NetworkError(f"nothing in the {graph.graph['projection']} network is in {code}; "
                           f"its countries: {', '.join(known)}")
    around = _around(graph, centre)
    around.graph.update(country=code)
    return around


def consortium_network(kg, iri: str, lang: str = "en") -> nx.MultiGraph:
    """A consortium, its members (membership edges) and every partnership of its members."""
    members_of = membership_graph(kg, lang)
    if iri not in members_of or members_of.nodes[iri]["bipartite"] != 1:
        names = sorted(f"{curie(n)} ({a['label']})" for n, a in members_of.nodes(data=True) if a["bipartite"] == 1)
        raise NetworkError(f"{curie(iri)} is not a consortium with members in the graph; consortia: {', '.join(names)}")
    members = set(members_of[iri])
    network = _around(institution_graph(kg, lang), members)
    for node in members | {iri}:
        network.add_node(node, **{k: v for k, v in members_of.nodes[node].items() if k != "bipartite"})
    for member in members:
        network.add_edge(member, iri, key=members_of.edges[member, iri]["membership"], **members_of.edges[member, iri])
    network.graph.update(projection="consortium", focus=iri)
    return network


# --------------------------------------------------------------------------------------------
# export
# --------------------------------------------------------------------------------------------

FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json"}


def canonical(graph: nx.Graph) -> nx.Graph:
    """A copy with nodes and edges in sorted order and edge keys ``e0``, ``e1``, ... (unique in
    the file, as GraphML asks), so that the same graph always writes the same bytes. What a
    key meant (a partnership, a property) stays in the edge's attributes."""
    copy = graph.__class__()
    copy.graph.update((k, v) for k, v in graph.graph.items() if isinstance(v, (str, int, float, bool)))
    copy.add_nodes_from(sorted(graph.nodes(data=True), key=lambda n: n[0]))
    copy.add_edges_from((u, v, f"e{i}", attrs) if graph.is_multigraph() else (u, v, attrs)
                        for i, (u, v, attrs) in enumerate(sorted_edges(graph)))
    return copy


def sorted_edges(graph: nx.Graph) -> list[tuple[str, str, dict]]:
    """Edges (ends in order for an undirected graph) sorted by their ends and keys."""
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else \
        ((u, v, None, attrs) for u, v, attrs in graph.edges(data=True))
    if not graph.is_directed():
        edges = ((min(u, v), max(u, v), k, attrs) for u, v, k, attrs in edges)
    return [(u, v, attrs) for u, v, _, attrs in sorted(edges, key=lambda e: (e[0], e[1], str(e[2])))]


# Characters XML 1.0 cannot hold (C0 controls other than tab and line feed, two
# non-characters) or turns into a line feed when read (carriage return). GraphML and GEXF
# show them as their Unicode control pictures instead.
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML cannot hold made visible (U+0001 as U+2401 ␁, ...)."""
    return _NOT_XML.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() < " " else "\ufffd", text)


def _xml_safe_graph(graph: nx.Graph) -> nx.Graph:
    """``graph`` (a canonical copy) with every string attribute made safe for XML."""
    for attrs in chain((a for _, a in graph.nodes(data=True)), (a for *_, a in graph.edges(data=True))):
        for key, value in attrs.items():
            if isinstance(value, str):
                attrs[key] = xml_safe(value)
    return graph


def serialise(graph: nx.Graph, fmt: str) -> bytes:
    """``graph`` as GraphML, GEXF (for Gephi) or node-link JSON."""
    graph = canonical(graph)
    if fmt in ("graphml", "gexf"):
        graph = _xml_safe_graph(graph)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(graph, named_key_ids=True)).encode() + b"\n"
    if fmt == "gexf":
        # GEXF's meta element records the day of writing; leave it out to keep files identical
        text = "\n".join(nx.generate_gexf(graph))
        return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1).encode() + b"\n"
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode()
    raise NetworkError(f"no format {fmt!r}; choose one of {', '.join(FORMATS)}")


def export(graph: nx.Graph, path: Path, fmt: str) -> None:
    write_atomic(path, serialise(graph, fmt))
