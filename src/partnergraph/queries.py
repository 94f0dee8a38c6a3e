"""The library of named SPARQL queries and the one way to run a query against the graph.

A named query is a ``queries/NAME.rq`` file whose leading comment block documents it::

    # title: Partners of an institution
    # description: Every partnership an institution takes part in, with the other
    #   participants, its kinds, dates and source sections.
    # param: institution (iri) The institution, e.g. kyoto-university
    # example: partnergraph query partners-of --param institution=kyoto-university

Parameters are bound as the query's variables of the same name (``?institution``): each value
is checked and written as an RDF term by Oxigraph in place of the variable (``substitute``), so
a value that contains SPARQL stays a value, and every engine evaluates the query from it.
"""

from __future__ import annotations

import difflib
import functools
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyparsing import ParseBaseException, ParseResults
from rdflib.namespace import XSD
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from . import paths
from .errors import PartnergraphError
from .namespaces import PGID, PREFIXES, sparql_prologue

PARAM_KINDS = ("iri", "string", "integer", "year")


class QueryError(PartnergraphError):
    pass


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    path: Path | None = None
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)
    example: str = ""

    @property
    def example_params(self) -> dict[str, str]:
        """The ``--param name=value`` pairs of the documented example command."""
        words = shlex.split(self.example)
        return dict(words[i + 1].split("=", 1) for i, word in enumerate(words[:-1]) if word == "--param")


_HEADER = re.compile(r"^#\s*(title|description|param|example):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*\((\w+)\)\s*(.*)$")


def parse_named_query(path: Path) -> NamedQuery:
    """Read a .rq file and its documenting header."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Param] = []
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            last, value = match.group(1), match.group(2).strip()
            if last == "param":
                spec = _PARAM.match(value)
                if not spec or spec.group(2) not in PARAM_KINDS:
                    raise QueryError(f"{path}: bad param line {value!r}: write 'name (kind) description', "
                                     f"kind one of {', '.join(PARAM_KINDS)}")
                params.append(Param(spec.group(1), spec.group(2), spec.group(3)))
            else:
                fields[last] = value
        elif last in ("description", "example") and line[1:].strip():
            fields[last] += " " + line[1:].strip()  # continuation line
    return NamedQuery(name=path.stem, text=text, path=path, title=fields.get("title", ""),
                      description=fields.get("description", ""), params=tuple(params),
                      example=fields.get("example", ""))


def library(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query of the project (or of ``folder``), by name."""
    folder = folder or paths.queries_dir()
    return {q.name: q for q in map(parse_named_query, sorted(folder.glob("*.rq")))}


def resolve(name_or_path: str, text: str | None = None) -> NamedQuery:
    """A named query, a .rq file, or SPARQL text given directly (``text``, e.g. from stdin)."""
    if text is not None:
        return NamedQuery(name="<stdin>", text=text)
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" or candidate.is_file():
        if not candidate.is_file():
            raise QueryError(f"{candidate}: no such query file")
        return parse_named_query(candidate)
    queries = library()
    if name_or_path in queries:
        return queries[name_or_path]
    close = difflib.get_close_matches(name_or_path, list(queries), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `partnergraph queries` lists them"
    raise QueryError(f"unknown query {name_or_path!r}{hint}")


def check_read_only(query: NamedQuery, allow_service: bool = False) -> None:
    """Refuse updates, and SERVICE calls to other endpoints unless ``allow_service``."""
    _check_text(query.text, str(query.path or query.name), allow_service)


def _calls_service(node) -> bool:
    """Whether a parse tree of rdflib's SPARQL parser holds a SERVICE pattern anywhere."""
    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_calls_service(v) for v in node.values())
    if isinstance(node, (list, tuple, ParseResults)):
        return any(_calls_service(v) for v in node)
    return False


@functools.lru_cache(maxsize=256)  # rdflib's parser is slow; a notebook reruns the same queries
def _check_text(query_text: str, where: str, allow_service: bool) -> None:
    """Refuse updates and SERVICE calls; explain syntax errors with their line and column.

    rdflib's parser is used for the check so that the same message comes whichever engine
    (embedded Oxigraph or a remote endpoint) then runs the query.
    """
    text = sparql_prologue() + query_text
    offset = sparql_prologue().count("\n")
    try:
        tree = parseQuery(text)
    except ParseBaseException as error:
        try:
            parseUpdate(text)
        except ParseBaseException:
            position = f"line {error.lineno - offset}, column {error.col}"
            raise QueryError(f"{where}: SPARQL syntax error at {position}: "
                             f"{error.msg}") from None
        raise QueryError(f"{where}: SPARQL Update is refused: the query path is "
                         "read-only (use a Turtle file with `partnergraph build PATH` to add data)") from None
    if not allow_service and _calls_service(tree):
        # a SERVICE call makes the engine fetch from any address the query names
        raise QueryError(f"{where}: SERVICE calls to other endpoints are refused unless allowed "
                         "(--allow-service, or open_graph(allow_service=True))")


def _iri(param: Param, value: str) -> rdflib.URIRef:
    """<IRI>, http(s) IRI, prefix:name, or a bare identifier in the pgid: namespace."""
    if value.startswith("<") and value.endswith(">"):
        return rdflib.URIRef(value[1:-1])
    if value.startswith(("http://", "https://")):
        return rdflib.URIRef(value)
    if ":" in value:
        prefix, local = value.split(":", 1)
        if prefix not in PREFIXES:
            raise QueryError(f"parameter {param.name}: unknown prefix {prefix!r} (known: {', '.join(PREFIXES)})")
        return PREFIXES[prefix][local]
    return PGID[value]


def bind_value(param: Param, value: str) -> rdflib.term.Identifier:
    """Turn a parameter's text into an RDF term of the declared kind."""
    if param.kind == "iri":
        iri = _iri(param, value)
        try:
            ox.NamedNode(str(iri))  # Oxigraph's IRI parser is strict: quotes, spaces, braces fail
        except ValueError:
            raise QueryError(f"parameter {param.name}: {value!r} is not a valid IRI, CURIE or "
                             "identifier (e.g. kyoto-university)") from None
        return iri
    if param.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(f"parameter {param.name}: {value!r} is not a whole number")
        return rdflib.Literal(int(value))
    if param.kind == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise QueryError(f"parameter {param.name}: {value!r} is not a four-digit year")
        return rdflib.Literal(value, datatype=XSD.gYear)
    return rdflib.Literal(value)


def bindings(query: NamedQuery, values: dict[str, str | rdflib.URIRef | rdflib.Literal]
             ) -> dict[str, rdflib.term.Identifier]:
    """Bind parameter values: strictly by declaration for a named query, loosely for raw SPARQL
    (a value written as a valid <IRI> or prefix:name is an IRI, any other text a string; an
    rdflib URIRef or Literal is bound as it is)."""
    declared = {p.name: p for p in query.params}
    if query.path is not None:
        unknown = sorted(set(values) - set(declared))
        if unknown:
            takes = f"it takes {', '.join(declared)}" if declared else "it takes none"
            raise QueryError(f"{query.name}: unknown parameter(s) {', '.join(unknown)}; {takes}")
        missing = sorted(set(declared) - set(values))
        if missing:
            raise QueryError(f"{query.name}: missing parameter(s) {', '.join(missing)} "
                             f"(--param {missing[0]}=...)")
        return {name: bind_value(declared[name], str(value)) for name, value in values.items()}
    bound = {}
    for name, value in values.items():
        if isinstance(value, (rdflib.URIRef, rdflib.Literal)):  # a term given as such is bound as it is
            bound[name] = value
            continue
        looks_like_iri = (value.startswith("<") and value.endswith(">")) or bool(
            re.fullmatch(r"[A-Za-z][\w-]*:[^\s]*", value))
        try:
            bound[name] = bind_value(Param(name, "iri" if looks_like_iri else "string", ""), value)
        except QueryError:  # not a valid IRI after all (e.g. "<b>bold</b>"): a string
            bound[name] = bind_value(Param(name, "string", ""), value)
    return bound


def oxigraph_term(term: rdflib.term.Identifier) -> ox.NamedNode | ox.Literal:
    """A bound value as an Oxigraph term; Oxigraph's strict parsers refuse a malformed IRI,
    datatype or language tag."""
    try:
        if isinstance(term, rdflib.URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, rdflib.Literal):
            datatype = None if term.language or term.datatype is None else ox.NamedNode(str(term.datatype))
            return ox.Literal(str(term), language=term.language, datatype=datatype)
    except ValueError as error:
        raise QueryError(f"{term!r} cannot be bound: {error}") from None
    raise QueryError(f"{term!r} cannot be bound: give an IRI or a literal")


# A SPARQL scanner by hand: no library writes a parsed query back as text (rdflib's
# translateAlgebra fails on most of the named queries), and only variables, keywords,
# brackets and what hides them (comments, IRIs, strings) matter here.
_TOKEN = re.compile(r"""
    (?P<skip>\#[^\n]*
      | <[^<>"{}|^`\\\s]*>
      | "{3}(?:[^\\]|\\.)*?"{3} | '{3}(?:[^\\]|\\.)*?'{3}
      | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*')
  | [?$](?P<var>[\w\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_][\w-]*(?::[\w.-]*)? | :[\w.-]*)   # keywords and prefixed names
  | (?P<bracket>[(){}])
    """, re.VERBOSE)


def substitute(text: str, bindings: dict[str, rdflib.term.Identifier]) -> str:
    """Bind variables as the embedded store's substitutions do, inside subqueries too, so an
    engine evaluates the query from the bound value (a VALUES block at the top would be joined
    only after every subquery had run unbound: minutes instead of milliseconds on a large
    graph). In the body of the query each bound variable is replaced by its term; each
    SELECT's WHERE group opens with ``BIND (term AS ?x)``, so projections, GROUP BY, ORDER BY
    and HAVING keep the variable as a column. Terms are checked and written by Oxigraph (a
    value cannot end its IRI or string early), so a value that contains SPARQL stays a value."""
    if not bindings:
        return text
    terms = {name: str(oxigraph_term(term)) for name, term in bindings.items()}
    binds = " ".join(f"BIND ({term} AS ?{name})" for name, term in terms.items())
    out: list[str] = []
    clause, depth, at, previous = None, 0, 0, ""
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        out.append(text[at:match.start()])
        at = match.end()
        if kind == "word":
            word = token.upper()
            if word == "SELECT":
                clause, depth = "select", 0
            elif (word == "BY" and previous in ("GROUP", "ORDER")) or word == "HAVING":
                clause, depth = "modifier", 0
            elif word == "VALUES":
                clause, depth = "values", 0
            previous = word
        elif kind == "bracket":
            depth += 1 if token in "({" else -1
            if clause == "values":
                clause = None if token == "}" and depth == 0 else clause  # the data block ends
            elif token == "{":
                if clause == "select":
                    token += f" {binds}"  # a SELECT's WHERE group
                clause, depth = None, 0
            elif token == "}":
                clause, depth = None, 0
            previous = token
        elif kind == "var":
            name = match.group("var")
            if name in bindings:
                if previous == "AS" or clause == "values":
                    raise QueryError(f"?{name} is assigned inside the query (AS or VALUES), so it "
                                     "cannot also be given as a parameter")
                if clause not in ("select", "modifier"):
                    token = terms[name]
            previous = ""
        out.append(token)
    out.append(text[at:])
    return "".join(out)
