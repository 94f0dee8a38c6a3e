"""Validate the graph against the SHACL shapes and explain each result in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from . import paths
from .errors import PartnergraphError
from .loader import KnowledgeGraph
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


def _shapes_graph() -> rdflib.Graph:
    shapes = rdflib.Graph()
    shapes.parse(paths.shapes_file(), format="turtle")
    return shapes


def validate(kg: KnowledgeGraph) -> ValidationReport:
    data = kg.union_graph()
    shapes = _shapes_graph()
    _, results, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,  # SHACL-AF: SPARQL targets (see pgsh:DuplicateOrganizationShape)
        allow_warnings=True,
        abort_on_first=False,
    )
    if not isinstance(results, rdflib.Graph):  # pySHACL could not run the shapes themselves
        raise PartnergraphError(f"{paths.shapes_file()}: the SHACL shapes are invalid: {results}")
    report = ValidationReport()
    # Only top-level results: nested sh:detail results repeat what their parent says.
    for result in results.objects(None, SH.result):
        finding = _finding(kg, data, shapes, results, result)
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


def _finding(kg: KnowledgeGraph, data: rdflib.Graph, shapes: rdflib.Graph, results: rdflib.Graph, result) -> Finding:
    focus = results.value(result, SH.focusNode)
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
    messages = sorted(_curies(str(m)) for m in results.objects(result, SH.resultMessage))
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    shape = results.value(result, SH.sourceShape)
    if isinstance(shape, rdflib.BNode):  # a property shape: name the node shape it belongs to
        shape = shapes.value(None, SH.property, shape) or shape
    severity = results.value(result, SH.resultSeverity)
    return Finding(
        files=files,
        focus=label,
        message=messages[0] if messages else "breaks a shape",
        path=_name(data, path) if isinstance(path, rdflib.URIRef) else None,
        value=_name(data, value) if value is not None and value != shown else None,
        shape=_name(shapes, shape) if isinstance(shape, rdflib.URIRef) else None,
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
    )

