"""Find an entity from what a person types: an IRI, a CURIE, an identifier or a name."""

from __future__ import annotations

import difflib

import rdflib

from .queries import Param, QueryError, bind_value
from .results import term_text


def find(backend, text: str) -> rdflib.URIRef:
    """The one entity that ``text`` names; a clear error when none or several match."""
    text = text.strip()
    iri = None
    if not any(c.isspace() for c in text):  # a name with spaces is no identifier
        try:
            iri = bind_value(Param("entity", "iri", ""), text)
        except QueryError:
            pass
    if iri is not None and len(list(backend.select("SELECT ?x WHERE { ?x ?p ?o } LIMIT 1", {"x": iri}))):
        return iri
    names: dict[str, set] = {}
    spelled: dict[str, str] = {}
    for node, name in backend.select("""
            SELECT DISTINCT ?x ?name WHERE { ?x rdfs:label|skos:altLabel|skos:prefLabel ?name . FILTER isIRI(?x) }"""):
        name = term_text(name)
        names.setdefault(name.casefold(), set()).add(rdflib.URIRef(term_text(node)))
        spelled[name.casefold()] = name
    matches = names.get(text.casefold(), set())
    if len(matches) == 1:
        return next(iter(matches))
    if matches:
        raise QueryError(f"{text!r} names several entities: {', '.join(sorted(str(m) for m in matches))}")
    close = difflib.get_close_matches(text.casefold(), list(names), n=5, cutoff=0.6)
    hint = f"; close names: {', '.join(spelled[c] for c in close)}" if close else ""
    raise QueryError(f"no entity is called {text!r} (give an identifier, a CURIE, an IRI or a name){hint}")
