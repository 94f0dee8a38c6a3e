"""SPARQL results as pandas DataFrames with Python types and labels in a chosen language.

Answers of the embedded store come as Oxigraph's own terms, an endpoint's as rdflib terms;
both become the same Python values.
"""

from __future__ import annotations

import re

import pandas as pd
import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, XSD

from .namespaces import PREFIXES

LANGUAGES = ("en", "ja")
_OX_TERMS = {ox.NamedNode, ox.BlankNode, ox.Literal}
_IRI_TYPES = {ox.NamedNode, rdflib.URIRef}
_PLAIN = {None, str(XSD.string), str(RDF.langString), str(XSD.gYearMonth)}
_GYEAR, _DECIMAL, _INTEGER_TYPE = str(XSD.gYear), str(XSD.decimal), str(XSD.integer)
_INTEGER = re.compile(r"[+-]?[0-9]+")
LABEL_BATCH = 1000  # IRIs per label query


def term_text(term) -> str:
    """The IRI, blank node identifier or lexical form of a term of either library."""
    return term.value if type(term) in _OX_TERMS else str(term)


def _is_iri(term) -> bool:
    return type(term) in _IRI_TYPES  # exact types: much faster than isinstance on rdflib's classes


def python_value(term):
    """An RDF term (rdflib's or Oxigraph's) as the Python value a researcher expects in a table."""
    kind = type(term)
    if kind is ox.Literal:
        text, datatype = term.value, term.datatype.value
    elif kind in _IRI_TYPES:
        return term_text(term)
    elif term is None:
        return None
    elif kind is ox.BlankNode or isinstance(term, rdflib.BNode):
        return f"_:{term_text(term)}"
    else:
        text, datatype = str(term), term.datatype and str(term.datatype)
    if term.language or datatype in _PLAIN:
        return text
    if datatype == _GYEAR:
        return int(text) if text.lstrip("-").isdigit() else text
    if datatype == _DECIMAL:
        return float(text)
    if datatype == _INTEGER_TYPE and _INTEGER.fullmatch(text):
        return int(text)
    # dates, booleans, doubles, ...: as rdflib reads them
    value = (term if isinstance(term, rdflib.Literal) else rdflib.Literal(text, datatype=datatype)).toPython()
    return text if isinstance(value, rdflib.Literal) else value


def curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return iri


def labels(backend, iris: set[str], lang: str) -> dict[str, str]:
    """Labels of ``iris`` in ``lang``, falling back to the other language, then any label.

    ``backend`` is anything with ``select(text, bindings)``: the embedded graph or an endpoint.
    The IRIs come from the engine's own results, so writing them into VALUES is safe; they are
    asked for in batches, as Virtuoso refuses a VALUES block of some thousands of IRIs."""
    order = [lang] + [other for other in LANGUAGES if other != lang] + [""]
    ranks = {language: rank for rank, language in enumerate(order)}
    best: dict[str, tuple[int, str]] = {}
    ordered = sorted(iris)
    for start in range(0, len(ordered), LABEL_BATCH):
        values = " ".join(f"<{iri}>" for iri in ordered[start:start + LABEL_BATCH])
        for x, label in backend.select(f"""
                SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label|skos:prefLabel ?label }}"""):
            rank = ranks.get(label.language, len(order))
            iri = term_text(x)
            if iri not in best or rank < best[iri][0]:
                best[iri] = (rank, term_text(label))
    return {iri: label for iri, (_, label) in best.items()}


def _table(result) -> tuple[list[str], list] | None:
    """The variables and rows of a SELECT result of either library (None for an ASK result)."""
    if isinstance(result, ox.QuerySolutions):
        return [v.value for v in result.variables], [tuple(solution) for solution in result]
    if isinstance(result, ox.QueryBoolean) or result.type == "ASK":
        return None
    if result.type != "SELECT":
        raise ValueError("only SELECT and ASK results become tables")
    return [str(v) for v in result.vars], [[row[v] for v in result.vars] for row in result]


def to_frame(result, backend, lang: str = "en") -> pd.DataFrame:
    """A SELECT result as a DataFrame; each IRI column gets a ``<column>_label`` column beside it."""
    table = _table(result)
    if table is None:
        return pd.DataFrame({"ask": [bool(result) if isinstance(result, ox.QueryBoolean) else bool(result.askAnswer)]})
    variables, rows = table
    iris = {term_text(t) for row in rows for t in row if _is_iri(t)}
    names = labels(backend, iris, lang)
    columns: dict[str, list] = {}
    for i, var in enumerate(variables):
        columns[var] = [python_value(row[i]) for row in rows]
        if any(_is_iri(row[i]) for row in rows):
            columns[f"{var}_label"] = [names.get(term_text(row[i])) if _is_iri(row[i]) else None for row in rows]
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in columns.items()})
    for name, values in columns.items():
        present = [v for v in values if v is not None]
        # whole numbers stay whole when some rows have none (pandas would make them floats)
        if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
            frame[name] = frame[name].astype("Int64")
    return frame
