"""The analysis of one-to-many and multilateral alliances, as DataFrames.

One-to-many partnerships (one institution with a group: UTokyo and the Stockholm Trio, Kyoto
with Bordeaux and African universities, the Kyushu–NTU–UIUC memorandum) and consortia (SUIJI,
MIRAI, U7+, APRU, ASAIHL, ...) are the two forms of alliance in the graph. Each function takes
the graph (``open_graph()`` or its backend) and returns a table ordered for reading, each IRI
column with a ``<column>_label`` beside it as in query results; the network measures come from
networkx on the projections of ``partnergraph.network``.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx
import pandas as pd

from . import network
from .api import PartnerGraph, run
from .queries import resolve

SEPARATOR = network.SEPARATOR


def _backend(g):
    return g.backend if isinstance(g, PartnerGraph) else g


def _collapsed(multigraph: nx.MultiGraph) -> nx.Graph:
    """One edge per pair of institutions, whatever the number of partnerships between them."""
    graph = nx.Graph()
    graph.add_nodes_from(multigraph.nodes(data=True))
    graph.add_edges_from(multigraph.edges())
    return graph


def find_alliances(g, lang: str = "en") -> pd.DataFrame:
    """Every alliance: one-to-many partnerships (by kind, or with three or more participants;
    from the named query one-to-many-alliances) and consortia with their members, biggest first.
    ``size`` counts participants or members; ``hub`` is the Japanese lead of a partnership."""
    kg = _backend(g)
    partnerships = run(kg, resolve("one-to-many-alliances"), {}, lang)
    rows = [{"alliance": r.partnership, "alliance_label": r.partnership_label, "form": "partnership",
             "hub": r.hub, "hub_label": r.hub_label, "size": int(r.participants),
             "members": r.participantNames, "kinds": r.kinds, "since": r.since}
            for r in partnerships.itertuples()]
    memberships = network.membership_graph(kg, lang)
    for consortium, side in memberships.nodes(data="bipartite"):
        if side != 1:
            continue
        members = sorted(memberships.nodes[m]["label"] for m in memberships[consortium])
        attrs = memberships.nodes[consortium]
        rows.append({"alliance": consortium, "alliance_label": attrs["label"], "form": "consortium", "hub": None,
                     "hub_label": None, "size": len(members), "members": SEPARATOR.join(members),
                     "kinds": attrs.get("kind_label"), "since": attrs.get("founded")})
    frame = pd.DataFrame(rows, columns=["alliance", "alliance_label", "form", "hub", "hub_label", "size",
                                        "members", "kinds", "since"])
    return frame.sort_values(["size", "form", "alliance_label"], ascending=[False, False, True], ignore_index=True)


def hub_measures(g, lang: str = "en") -> pd.DataFrame:
    """Each institution in a partnership or consortium: distinct partners (degree), partnerships,
    the one-to-many ones among them, consortia, and its betweenness centrality in the network of
    partnerships and in the network joined through shared consortia; best connected first."""
    kg = _backend(g)
    partnerships = network.institution_graph(kg, lang)
    memberships = network.membership_graph(kg, lang)
    shared = network.co_membership_graph(kg, lang)
    simple = _collapsed(partnerships)
    between = nx.betweenness_centrality(simple)
    between_consortia = nx.betweenness_centrality(shared)
    members = [n for n, side in memberships.nodes(data="bipartite") if side == 0]
    rows = []
    for node in sorted(set(partnerships) | set(members)):
        attrs = partnerships.nodes[node] if node in partnerships else memberships.nodes[node]
        edges = partnerships.edges(node, keys=True, data="alliance") if node in partnerships else []
        ties = {key: alliance for _, _, key, alliance in edges}
        rows.append({"institution": node, "institution_label": attrs["label"], "country": attrs.get("country"),
                     "kind": attrs.get("kind_label"), "partners": simple.degree(node) if node in simple else 0,
                     "partnerships": len(ties), "alliances": sum(ties.values()),
                     "consortia": memberships.degree(node) if node in memberships else 0,
                     "betweenness": round(between.get(node, 0.0), 4),
                     "betweenness_via_consortia": round(between_consortia.get(node, 0.0), 4)})
    frame = pd.DataFrame(rows)
    return frame.sort_values(["partners", "partnerships", "consortia", "institution_label"],
                             ascending=[False, False, False, True], ignore_index=True)


def bilateral_share(g, lang: str = "en", country: str | None = "JP") -> pd.DataFrame:
    """Per institution (of ``country``; None for all): its bilateral partnerships and its
    one-to-many ones, and the share of the latter; most partnerships first."""
    measures = hub_measures(g, lang)
    if country:
        measures = measures[measures.country.fillna("").str.split(SEPARATOR).map(lambda cs: country in cs)]
    measures = measures[measures.partnerships > 0]
    frame = pd.DataFrame({"institution": measures.institution, "institution_label": measures.institution_label,
                          "bilateral": measures.partnerships - measures.alliances,
                          "one_to_many": measures.alliances, "partnerships": measures.partnerships})
    frame["one_to_many_share"] = (frame.one_to_many / frame.partnerships).round(3)
    return frame.sort_values(["partnerships", "institution_label"], ascending=[False, True], ignore_index=True)


def consortium_overlap(g, lang: str = "en") -> pd.DataFrame:
    """Each pair of consortia with members in common: how many, who, and the Jaccard index
    (shared / members of either); the largest overlaps first."""
    memberships = network.membership_graph(_backend(g), lang)
    consortia = sorted(n for n, side in memberships.nodes(data="bipartite") if side == 1)
    rows = []
    for a, b in combinations(consortia, 2):
        common, either = set(memberships[a]) & set(memberships[b]), set(memberships[a]) | set(memberships[b])
        if common:
            rows.append({"consortium_a": a, "consortium_a_label": memberships.nodes[a]["label"],
                         "consortium_b": b, "consortium_b_label": memberships.nodes[b]["label"],
                         "shared": len(common),
                         "shared_members": SEPARATOR.join(sorted(memberships.nodes[m]["label"] for m in common)),
                         "jaccard": round(len(common) / len(either), 3)})
    frame = pd.DataFrame(rows, columns=["consortium_a", "consortium_a_label", "consortium_b", "consortium_b_label",
                                        "shared", "shared_members", "jaccard"])
    return frame.sort_values(["shared", "jaccard", "consortium_a_label", "consortium_b_label"],
                             ascending=[False, False, True, True], ignore_index=True)


def connected_only_through_alliances(g, lang: str = "en") -> pd.DataFrame:
    """Institutions with no bilateral partnership: every tie they have is a one-to-many
    partnership or a consortium membership. ``through`` names those alliances."""
    kg = _backend(g)
    partnerships = network.institution_graph(kg, lang)
    memberships = network.membership_graph(kg, lang)
    through: dict[str, set[str]] = defaultdict(set)
    bilateral = set()
    for a, b, attrs in partnerships.edges(data=True):
        for node in (a, b):
            if attrs["alliance"]:
                through[node].add(attrs["label"])
            else:
                bilateral.add(node)
    for node, side in memberships.nodes(data="bipartite"):
        if side == 0:
            through[node] |= {memberships.nodes[c]["label"] for c in memberships[node]}
    rows = []
    for node in sorted(set(through) - bilateral):
        attrs = partnerships.nodes[node] if node in partnerships else memberships.nodes[node]
        rows.append({"institution": node, "institution_label": attrs["label"], "country": attrs.get("country"),
                     "alliances": len(through[node]), "through": SEPARATOR.join(sorted(through[node]))})
    frame = pd.DataFrame(rows, columns=["institution", "institution_label", "country", "alliances", "through"])
    return frame.sort_values(["alliances", "institution_label"], ascending=[False, True], ignore_index=True)


MEASURES = {
    "alliances": find_alliances,
    "hubs": hub_measures,
    "bilateral": bilateral_share,
    "overlap": consortium_overlap,
    "alliance-only": connected_only_through_alliances,
}
