"""Any SPARQL 1.1 endpoint (a shared Virtuoso or Oxigraph server) in place of the embedded store."""

from __future__ import annotations

import ast
import io
import socket
from urllib.error import HTTPError, URLError

import rdflib
from rdflib.query import Result
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .errors import PartnergraphError
from .namespaces import sparql_prologue
from .queries import substitute


class EndpointError(PartnergraphError):
    pass


def _server_says(error: SPARQLWrapperException) -> str:
    """The first line of the server's own message (e.g. Virtuoso's SPARQL compiler error), which
    SPARQLWrapper keeps only inside its exception text, as the repr of the response bytes."""
    summary, _, response = str(error).partition("\n\nResponse:\n")
    try:
        text = ast.literal_eval(response).decode("utf-8", "replace")
    except (ValueError, SyntaxError, AttributeError):
        return summary.strip()
    return next((line.strip() for line in text.splitlines() if line.strip()), summary.strip())


class RemoteEndpoint:
    """Runs the project's queries over the SPARQL 1.1 Protocol, with a timeout."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.url = url
        self.timeout = timeout

    def select(self, text: str, bindings: dict[str, rdflib.term.Identifier] | None = None) -> Result:
        client = SPARQLWrapper(self.url)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(int(max(1, self.timeout)))
        client.setQuery(substitute(sparql_prologue() + text, bindings or {}))
        try:
            response = client.query().response
            body = response.read()
        except (socket.timeout, TimeoutError):
            raise EndpointError(f"{self.url}: no answer within {self.timeout:g} s") from None
        except HTTPError as error:
            detail = error.read()[:300].decode("utf-8", "replace").strip()
            raise EndpointError(f"{self.url}: HTTP {error.code} {error.reason}: {detail}") from None
        except URLError as error:
            reason = error.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise EndpointError(f"{self.url}: no answer within {self.timeout:g} s") from None
            raise EndpointError(f"{self.url}: cannot reach the endpoint ({reason})") from None
        except SPARQLWrapperException as error:
            raise EndpointError(f"{self.url}: {_server_says(error)}") from None
        except (ConnectionError, OSError) as error:
            raise EndpointError(f"{self.url}: cannot reach the endpoint ({error})") from None
        # Virtuoso returns a cut result with status 200 and says so only in a header: at its
        # ResultSetMaxRows, or a partial ("anytime") result when MaxQueryExecutionTime runs out.
        cap = response.headers.get("X-SPARQL-MaxRows")
        if cap:
            raise EndpointError(f"{self.url}: the server cut the result at {cap} rows (its ResultSetMaxRows); "
                                "raise that limit in virtuoso.ini or page the query with LIMIT and OFFSET")
        if response.headers.get("X-SQL-State"):
            raise EndpointError(f"{self.url}: the server returned a partial result "
                                f"({response.headers.get('X-SQL-Message', 'query time limit reached')})")
        try:
            return Result.parse(io.BytesIO(body), format="json")
        except Exception:
            raise EndpointError(f"{self.url}: the answer is not SPARQL JSON results: "
                                f"{body[:120].decode('utf-8', 'replace')!r}") from None
