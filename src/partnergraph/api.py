"""The entry point for notebooks and scripts: open the graph, ask it questions, get DataFrames.

    >>> import partnergraph
    >>> g = partnergraph.open_graph()
    >>> g.query("partners-of", institution="kyoto-university")          # a named query
    >>> g.query("SELECT ?u WHERE { ?u a pg:University }", lang="ja")     # raw SPARQL
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import rdflib

from .loader import KnowledgeGraph, load
from .endpoint import RemoteEndpoint
from .entities import find
from .queries import NamedQuery, QueryError, bindings, check_read_only, library, resolve
from .results import to_frame


class PartnerGraph:
    def __init__(self, backend: KnowledgeGraph | RemoteEndpoint, allow_service: bool = False) -> None:
        self.backend = backend
        self.allow_service = allow_service

    def named_queries(self) -> dict[str, NamedQuery]:
        return library()

    def query(self, query: str | NamedQuery, lang: str = "en", **params) -> pd.DataFrame:
        """Run a named query (by name or .rq path) or raw SPARQL, with parameters bound safely:
        text is read as the query's declaration says (or, for raw SPARQL, as an IRI when it is
        written as one, else as a string); an rdflib URIRef or Literal is bound as it is."""
        if isinstance(query, str):
            # A query name or .rq path has no spaces or braces; SPARQL text always has.
            is_text = any(c.isspace() or c == "{" for c in query)
            query = resolve(query, text=query if is_text else None)
        params = {k: v if isinstance(v, (rdflib.URIRef, rdflib.Literal)) else str(v) for k, v in params.items()}
        return run(self.backend, query, params, lang, self.allow_service)


def run(backend: KnowledgeGraph | RemoteEndpoint, query: NamedQuery, params: dict,
        lang: str = "en", allow_service: bool = False) -> pd.DataFrame:
    """Run ``query`` read-only on the embedded graph or an endpoint; a DataFrame with labels.
    SERVICE calls to other endpoints are refused unless ``allow_service``."""
    check_read_only(query, allow_service)
    # An entity parameter may also be a name in either language; an unknown entity is an error
    # with close names, not an empty table.
    entities = {p.name for p in query.params if p.kind == "iri"}
    resolved = {}
    for name, value in params.items():
        try:
            resolved[name] = f"<{find(backend, str(value))}>" if name in entities else value
        except QueryError as error:
            raise QueryError(f"{query.name}: {name}: {error}") from None
    bound = bindings(query, resolved)
    where = query.path or query.name
    try:
        # the engine evaluates lazily: its errors may come while the table is read
        frame = to_frame(backend.select(query.text, bound), backend, lang)
    except SyntaxError as error:  # the engine's own parser disagrees with rdflib's
        raise QueryError(f"{where}: {error}") from None
    except OSError as error:  # an allowed SERVICE call that failed
        raise QueryError(f"{where}: {error}") from None
    # Named queries select their parameters (so that each subquery shows what it is bound
    # by); those columns repeat the input and are dropped.
    return frame.drop(columns=[c for p in bound for c in (p, f"{p}_label") if c in frame.columns])


def open_graph(paths: list[Path] | None = None, endpoint: str | None = None,
               timeout: float = 30.0, allow_service: bool = False) -> PartnerGraph:
    """The project's graph (plus extra Turtle files or folders) on the embedded Oxigraph store,
    or a SPARQL 1.1 endpoint that serves it (``endpoint``, queried with ``timeout`` seconds).
    Queries may call other endpoints with SERVICE only if ``allow_service``."""
    backend = RemoteEndpoint(endpoint, timeout) if endpoint else load(extra=paths or [])
    return PartnerGraph(backend, allow_service)
