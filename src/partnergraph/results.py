"""SPARQL results as pandas DataFrames with Python types and labels in a chosen language."""

from __future__ import annotations

import pandas as pd
import rdflib
from rdflib.namespace import XSD

from .namespaces import PREFIXES

LANGUAGES = ("en", "ja")


def python_value(term):
    """An RDF term as the Python value a researcher expects in a table."""
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return str(term)
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    if term.datatype == XSD.gYear:
        return int(str(term)) if str(term).lstrip("-").isdigit() else str(term)
    if term.datatype == XSD.decimal:
        return float(term)
    if term.datatype in (XSD.gYearMonth, None) or term.language:
        return str(term)
    value = term.toPython()
    return str(term) if isinstance(value, rdflib.Literal) else value


def curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return iri


def labels(backend, iris: set[str], lang: str) -> dict[str, str]:
    """Labels of ``iris`` in ``lang``, falling back to the other language, then any label.

    ``backend`` is anything with ``select(text, bindings)``: the embedded graph or an endpoint.
    The IRIs come from the engine's own results, so writing them into VALUES is safe."""
    if not iris:
        return {}
    values = " ".join(f"<{iri}>" for iri in sorted(iris))
    rows = backend.select(f"""
        SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label|skos:prefLabel ?label }}""")
    order = [lang] + [other for other in LANGUAGES if other != lang] + [""]
    best: dict[str, tuple[int, str]] = {}
    for x, label in rows:
        rank = order.index(label.language) if label.language in order else len(order)
        if str(x) not in best or rank < best[str(x)][0]:
            best[str(x)] = (rank, str(label))
    return {iri: label for iri, (_, label) in best.items()}


def to_frame(result, backend, lang: str = "en") -> pd.DataFrame:
    """A SELECT result as a DataFrame; each IRI column gets a ``<column>_label`` column beside it."""
    if result.type == "ASK":
        return pd.DataFrame({"ask": [bool(result.askAnswer)]})
    if result.type != "SELECT":
        raise ValueError("only SELECT and ASK results become tables")
    variables = [str(v) for v in result.vars]
    rows = [[row[v] for v in result.vars] for row in result]
    iris = {str(t) for row in rows for t in row if isinstance(t, rdflib.URIRef)}
    names = labels(backend, iris, lang)
    columns: dict[str, list] = {}
    for i, var in enumerate(variables):
        columns[var] = [python_value(row[i]) for row in rows]
        if any(isinstance(row[i], rdflib.URIRef) for row in rows):
            columns[f"{var}_label"] = [names.get(str(row[i])) if isinstance(row[i], rdflib.URIRef) else None
                                       for row in rows]
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in columns.items()})
    for name, values in columns.items():
        present = [v for v in values if v is not None]
        # whole numbers stay whole when some rows have none (pandas would make them floats)
        if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
            frame[name] = frame[name].astype("Int64")
    return frame
