"""What the graph holds: counts by kind of entity, partnerships by kind, facts by source."""

from __future__ import annotations

from dataclasses import dataclass

from .loader import KnowledgeGraph
from .namespaces import PREFIXES
from .results import term_text

# The kinds a summary counts, in the order it shows them (subclasses are counted too).
KINDS: list[tuple[str, str]] = [
    ("pg:University", "universities"),
    ("pg:GovernmentBody", "government bodies and agencies"),
    ("pg:IntergovernmentalOrganization", "intergovernmental organisations"),
    ("pg:Consortium", "consortia and alliances"),
    ("pg:InstitutionGroup", "groups of institutions"),
    ("pg:OrganizationalUnit", "organisational units"),
    ("pg:JointInstitute", "joint institutes"),
    ("pg:OverseasBase", "overseas bases"),
    ("schema:Person", "people"),
    ("schema:Place", "places"),
    ("pg:Partnership", "partnerships"),
    ("org:Membership", "memberships and affiliations"),
    ("pg:Programme", "programmes"),
    ("pg:Project", "projects"),
    ("pg:Policy", "policies"),
    ("pg:FundingScheme", "funding schemes"),
    ("pg:Event", "events"),
    ("pg:Figure", "reported figures"),
    ("pg:Disagreement", "recorded disagreements"),
]


@dataclass
class Summary:
    triples: int
    files: int
    entities: list[tuple[str, int]]
    partnership_kinds: list[tuple[str, int]]
    by_document: list[tuple[str, int]]

    def count(self, kind_label: str) -> int:
        return dict(self.entities)[kind_label]


def _rows(kg: KnowledgeGraph, query: str) -> list[tuple[str, int]]:
    """(name, count) rows of a two-column counting query."""
    return [(term_text(name), int(term_text(n))) for name, n in kg.select(query)]


def summarise(kg: KnowledgeGraph) -> Summary:
    values = " ".join(kind for kind, _ in KINDS)
    counted = dict(_rows(kg, f"""
            SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {{
              VALUES ?kind {{ {values} }}
              ?x a ?type . ?type rdfs:subClassOf* ?kind .
            }} GROUP BY ?kind"""))
    entities = []
    for curie, label in KINDS:
        prefix, local = curie.split(":")
        entities.append((label, counted.get(str(PREFIXES[prefix][local]), 0)))
    kinds = _rows(kg, """
            SELECT ?label (COUNT(DISTINCT ?p) AS ?n) WHERE {
              ?p a pg:Partnership ; pg:partnershipKind ?kind .
              ?kind skos:prefLabel ?label . FILTER (lang(?label) = "en")
            } GROUP BY ?label ORDER BY DESC(?n) ?label""")
    by_document = _rows(kg, """
            SELECT ?label (COUNT(DISTINCT ?x) AS ?n) WHERE {
              ?x prov:wasDerivedFrom ?section .
              ?section dcterms:isPartOf ?doc .
              ?doc rdfs:label ?label . FILTER (lang(?label) = "en")
            } GROUP BY ?label ORDER BY ?label""")
    return Summary(
        triples=len(kg),
        files=len(kg.sources),
        entities=entities,
        partnership_kinds=kinds,
        by_document=by_document,
    )
