"""Validate the graph against the SHACL shapes and explain each result in plain words.

pySHACL checks the shapes on an in-memory copy of the graph, all but their SPARQL parts. It would
run a SPARQL constraint once per focus node in rdflib's query engine, which parses the query again
on every call (most of the 45 minutes a million triples took). Instead each SPARQL target, and
each SPARQL constraint of a shape that no other shape refers to, runs once over the whole graph in
Oxigraph; the report is the one pySHACL gives on its own (``pyshacl_report``), as the tests check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
import rdflib
from pyshacl import Shape, ShapesGraph
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from . import paths
from .errors import PartnergraphError
from .loader import KnowledgeGraph, rdflib_term
from .namespaces import PREFIXES


@dataclass(frozen=True, order=True)
class Finding:
    """One SHACL result: which entity, in which file, broke which rule, and how."""

    files: tuple[str, ...]
    focus: str
    message: str
    path: str | None = None
    value: str | None = None
    shape: str | None = None
    severity: str = "Violation"

    def __str__(self) -> str:
        where = ", ".join(self.files) if self.files else "(no source file)"
        detail = f" [{self.path}]" if self.path else ""
        value = f" (value: {self.value})" if self.value and self.value not in self.message else ""
        rule = f" — rule {self.shape}" if self.shape else ""
        return f"{where}: {self.focus}{detail}: {self.message}{value}{rule}"


@dataclass
class ValidationReport:
    violations: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations


@dataclass(frozen=True)
class _Result:
    """A validation result as pySHACL's report states it, whichever engine found it."""

    focus: rdflib.term.Node
    messages: frozenset[str]
    shape: rdflib.term.Node
    severity: rdflib.term.Node | None
    path: rdflib.term.Node | None = None
    value: rdflib.term.Node | None = None


def _shapes_graph() -> rdflib.Graph:
    shapes = rdflib.Graph()
    shapes.parse(paths.shapes_file(), format="turtle")
    return shapes


def validate(kg: KnowledgeGraph) -> ValidationReport:
    """The SHACL report on ``kg``: pySHACL for all but the SPARQL parts, Oxigraph for those."""
    data = kg.union_graph()
    shapes = _shapes_graph()
    for shape, target in list(shapes.subject_objects(SH.target)):
        if (target, SH.select, None) in shapes:  # a SPARQL target (a target type stays with pySHACL)
            _select_targets(kg, shapes, shape, target)
    taken = [(shape, constraint) for shape, constraint in shapes.subject_objects(SH.sparql)
             # a property shape's constraint checks its values, and a shape referred to by another
             # (sh:node, sh:or ...) checks that shape's values: pySHACL keeps those
             if (shape, SH.path, None) not in shapes and (None, None, shape) not in shapes]
    for shape, constraint in taken:
        shapes.remove((shape, SH.sparql, constraint))
    results = list(_pyshacl_results(data, shapes))
    # pySHACL's own reading of a shape: the nodes it targets, its severity and messages
    read = {s.node: s for s in ShapesGraph(shapes).shapes}
    for shape, constraint in taken:
        results += _sparql_results(kg, shapes, read[shape], constraint, data)
    return _report(kg, data, shapes, results)


def pyshacl_report(kg: KnowledgeGraph) -> ValidationReport:
    """What pySHACL alone reports, SPARQL parts included: the same as ``validate``, only several
    times slower. The yardstick of the tests and of the benchmark."""
    data = kg.union_graph()
    shapes = _shapes_graph()
    return _report(kg, data, shapes, _pyshacl_results(data, shapes))


def _pyshacl_results(data: rdflib.Graph, shapes: rdflib.Graph) -> Iterator[_Result]:
    _, results, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,  # SHACL-AF: SPARQL targets (see pgsh:DuplicateOrganizationShape)
        allow_warnings=True,
        abort_on_first=False,
        inplace=True,  # ``data`` is a copy made for this run: pySHACL need not copy it again
    )
    if not isinstance(results, rdflib.Graph):  # pySHACL could not run the shapes themselves
        raise PartnergraphError(f"{paths.shapes_file()}: the SHACL shapes are invalid: {results}")
    # Only top-level results: nested sh:detail results repeat what their parent says.
    for result in results.objects(None, SH.result):
        yield _Result(
            focus=results.value(result, SH.focusNode),
            messages=frozenset(str(m) for m in results.objects(result, SH.resultMessage)),
            shape=results.value(result, SH.sourceShape),
            severity=results.value(result, SH.resultSeverity),
            path=results.value(result, SH.resultPath),
            value=results.value(result, SH.value),
        )


def _prefixes(shapes: rdflib.Graph, node) -> dict[str, str]:
    """The prefixes a SPARQL query of the shapes declares (sh:prefixes, sh:declare)."""
    return {str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
            for declarer in shapes.objects(node, SH.prefixes) for d in shapes.objects(declarer, SH.declare)}


def _select(kg: KnowledgeGraph, shapes: rdflib.Graph, shape, node) -> ox.QuerySolutions:
    """Run the sh:select query of ``node``, a SPARQL target or constraint of ``shape``, on the
    whole graph."""
    rows = kg.store.query(str(shapes.value(node, SH.select)), prefixes=_prefixes(shapes, node),
                          use_default_graph_as_union=True)
    if ox.Variable("this") not in rows.variables:
        raise PartnergraphError(f"{paths.shapes_file()}: a SPARQL query of {_name(shapes, shape)} "
                                "must select $this")
    return rows


def _select_targets(kg: KnowledgeGraph, shapes: rdflib.Graph, shape, target) -> None:
    """Replace a SPARQL target (SHACL-AF) of ``shape`` by the nodes it selects, as sh:targetNode."""
    shapes.remove((shape, SH.target, target))
    for row in _select(kg, shapes, shape, target):
        shapes.add((shape, SH.targetNode, rdflib_term(row["this"])))


def _sparql_results(kg: KnowledgeGraph, shapes: rdflib.Graph, shape: Shape, constraint, data: rdflib.Graph) -> list[_Result]:
    """A SPARQL constraint of a node shape, run once with $this free and kept for the shape's
    focus nodes: the same distinct rows as one run per focus node with $this pre-bound, as long
    as the query binds $this in its own pattern and counts nothing (Oxigraph's union of the files
    holds a triple once per file that states it); each constraint of the shapes is such a query.

    pySHACL has no such whole-graph run; the results are built as its SPARQLBasedConstraint
    builds them: one per distinct row, sh:value the focus node unless the row binds ?value, and
    each {?var} of a message replaced by the row's value.
    """
    if shape.deactivated or (constraint, SH.deactivated, rdflib.Literal(True)) in shapes:
        return []
    focus_nodes = set(shape.focus_nodes(data))
    messages = {str(m) for m in shapes.objects(constraint, SH.message)} | {str(m) for m in shape.message}
    solutions = _select(kg, shapes, shape.node, constraint)
    rows = {frozenset((v.value, rdflib_term(row[v])) for v in solutions.variables if row[v] is not None)
            for row in solutions}
    results = []
    for row in rows:
        bound = dict(row)
        if bound.get("this") in focus_nodes:
            bound.setdefault("value", bound["this"])
            results.append(_Result(focus=bound["this"], messages=frozenset(_fill(m, bound) for m in messages),
                                   shape=shape.node, severity=shape.severity, path=bound.get("path"),
                                   value=bound["value"]))
    return results


def _fill(message: str, bound: dict) -> str:
    """Put the row's values in place of {?var} and {$var}, in one pass: a value that itself
    contains such a placeholder (or a backslash) is shown as it is."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: str(bound[m[1]]) if m[1] in bound else m[0], message)


def _report(kg: KnowledgeGraph, data: rdflib.Graph, shapes: rdflib.Graph, results: Iterable[_Result]) -> ValidationReport:
    report = ValidationReport()
    for result in results:
        finding = _finding(kg, data, shapes, result)
        (report.violations if finding.severity == "Violation" else report.warnings).append(finding)
    report.violations.sort()
    report.warnings.sort()
    return report


def _name(graph: rdflib.Graph, node) -> str:
    if isinstance(node, rdflib.URIRef):
        return graph.namespace_manager.normalizeUri(node)
    if isinstance(node, rdflib.Literal):
        return repr(str(node)) if node.language is None else f"{str(node)!r}@{node.language}"
    return str(node)


def _curies(text: str) -> str:
    """Shorten the full IRIs that pySHACL substitutes into messages."""
    for prefix, namespace in PREFIXES.items():
        text = text.replace(str(namespace), f"{prefix}:")
    return text


def _owner(data: rdflib.Graph, node):
    """A blank node (a participation, a contribution) is shown through the entity that holds it."""
    for subject in data.subjects(None, node):
        return subject
    return node


def _finding(kg: KnowledgeGraph, data: rdflib.Graph, shapes: rdflib.Graph, result: _Result) -> Finding:
    focus = result.focus
    shown = focus
    label = _name(data, focus)
    if isinstance(focus, rdflib.BNode):
        shown = _owner(data, focus)
        kind = data.value(focus, rdflib.RDF.type)
        label = f"{_name(data, shown)} ({_name(data, kind) if kind else 'blank node'})"
    ox_node = ox.NamedNode(str(shown)) if isinstance(shown, rdflib.URIRef) else None
    files = tuple(kg.files_defining(ox_node)) if ox_node is not None else ()
    if not files and isinstance(shown, rdflib.URIRef):
        # A dangling reference has no triples of its own: name the files that point at it.
        files = tuple(sorted({f for s in data.subjects(None, shown) if isinstance(s, rdflib.URIRef)
                              for f in kg.files_defining(ox.NamedNode(str(s)))}))
    messages = sorted(_curies(m) for m in result.messages)
    path, value, shape = result.path, result.value, result.shape
    if isinstance(shape, rdflib.BNode):  # a property shape: name the node shape it belongs to
        shape = shapes.value(None, SH.property, shape) or shape
    return Finding(
        files=files,
        focus=label,
        message=messages[0] if messages else "breaks a shape",
        path=_name(data, path) if isinstance(path, rdflib.URIRef) else None,
        value=_name(data, value) if value is not None and value != shown else None,
        shape=_name(shapes, shape) if isinstance(shape, rdflib.URIRef) else None,
        severity=str(result.severity).rsplit("#", 1)[-1] if result.severity is not None else "Violation",
    )
