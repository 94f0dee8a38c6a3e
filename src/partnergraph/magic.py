"""Jupyter magics: ``%load_ext partnergraph`` registers ``%%sparql`` and ``%sparql``.

    %%sparql df --lang ja
    SELECT ?u WHERE { ?u a pg:University }

    %sparql partners-of kyoto-university          # a named query, parameters in order
    %sparql partners-of institution=kyoto-university -o partners

Each runs on the project's graph (opened once per session) or on ``--endpoint URL``, shows
the result as a table and, given a name, stores the DataFrame in that notebook variable.
Errors appear as one readable line, not a traceback.
"""

from __future__ import annotations

import shlex

from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments

from .api import PartnerGraph, open_graph
from .errors import PartnergraphError
from .queries import resolve


@magics_class
class SparqlMagics(Magics):
    def __init__(self, shell) -> None:
        super().__init__(shell)
        self._graphs: dict[str | None, PartnerGraph] = {}

    def _graph(self, endpoint: str | None) -> PartnerGraph:
        if endpoint not in self._graphs:
            self._graphs[endpoint] = open_graph(endpoint=endpoint)
        return self._graphs[endpoint]

    def _run(self, query: str, args, params: dict[str, str], target: str | None):
        try:
            frame = self._graph(args.endpoint).query(query, lang=args.lang, **params)
        except PartnergraphError as error:
            raise UsageError(str(error)) from None
        if target:
            self.shell.user_ns[target] = frame
        return frame

    @cell_magic
    @magic_arguments()
    @argument("variable", nargs="?", help="store the DataFrame in this variable")
    @argument("--lang", default="en", help="language of labels: en or ja")
    @argument("--endpoint", default=None, help="a SPARQL 1.1 endpoint instead of the embedded graph")
    @argument("--param", action="append", default=[], help="name=value, bound by the engine")
    def sparql(self, line: str, cell: str):
        """Run the SPARQL in the cell (read-only; the project's prefixes predeclared)."""
        args = _parse(self.sparql, line)
        if not cell.strip():
            raise UsageError("%%sparql: the cell has no query")
        return self._run(cell, args, _pairs(args.param), args.variable)

    @line_magic("sparql")
    @magic_arguments()
    @argument("name", help="a named query (see partnergraph queries) or a .rq file")
    @argument("values", nargs="*", help="parameter values, in the query's order or as name=value")
    @argument("-o", "--out", default=None, help="store the DataFrame in this variable")
    @argument("--lang", default="en", help="language of labels: en or ja")
    @argument("--endpoint", default=None, help="a SPARQL 1.1 endpoint instead of the embedded graph")
    def sparql_line(self, line: str):
        """Run a named query: %sparql partners-of kyoto-university."""
        args = _parse(self.sparql_line, line)
        try:
            named = resolve(args.name)
        except PartnergraphError as error:
            raise UsageError(str(error)) from None
        return self._run(named, args, _params(named, args.values), args.out)


def _parse(magic, line: str):
    """The magic's arguments, split as a shell would (quotes group a name with spaces)."""
    try:
        return magic.parser.parse_args(shlex.split(line))
    except ValueError as error:
        raise UsageError(f"{line!r}: {error}") from None


def _pairs(items: list[str]) -> dict[str, str]:
    if bad := [item for item in items if "=" not in item]:
        raise UsageError(f"{bad[0]!r}: write name=value")
    return dict(item.split("=", 1) for item in items)


def _params(named, values: list[str]) -> dict[str, str]:
    """Positional values fill the query's parameters in their documented order."""
    named_values = _pairs([v for v in values if "=" in v])
    positional = [v for v in values if "=" not in v]
    declared = [p.name for p in named.params]
    if len(positional) > len(declared):
        raise UsageError(f"{named.name} takes {len(declared)} parameter(s): "
                         f"{', '.join(declared) or 'none'}; got {' '.join(map(shlex.quote, positional))}")
    return {**dict(zip(declared, positional)), **named_values}


def load_ipython_extension(ipython) -> None:
    ipython.register_magics(SparqlMagics)
