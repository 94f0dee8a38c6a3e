"""The namespaces of partnergraph and the vocabularies it reuses."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

PG = Namespace("https://w3id.org/partnergraph/ontology#")
PGID = Namespace("https://w3id.org/partnergraph/id/")
PGC = Namespace("https://w3id.org/partnergraph/concept/")
PGSRC = Namespace("https://w3id.org/partnergraph/source/")
COUNTRY = Namespace("https://w3id.org/partnergraph/country/")
PGGRAPH = Namespace("https://w3id.org/partnergraph/graph/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, Namespace] = {
    "pg": PG,
    "pgid": PGID,
    "pgc": PGC,
    "pgsrc": PGSRC,
    "country": COUNTRY,
    "org": ORG,
    "schema": SCHEMA,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, for queries written with CURIEs."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
