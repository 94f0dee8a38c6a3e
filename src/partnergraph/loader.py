"""Load Turtle sources into the embedded Oxigraph store, one named graph per file.

Each file is parsed by Oxigraph's own Turtle parser (fast, and it reports the line and
column of a syntax error) and loaded in one transaction, so a broken file adds nothing.
Queries see the union of all files through an rdflib ``Dataset`` (oxrdflib).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from oxrdflib import OxigraphStore

from . import paths
from .errors import SourceNotFoundError, SourceSyntaxError
from .namespaces import PGGRAPH, PREFIXES


@dataclass(frozen=True)
class Source:
    """One loaded file and the named graph that holds its triples."""

    path: Path
    graph: str
    triples: int

    @property
    def label(self) -> str:
        """The path relative to the project data root when inside it, else as given."""
        try:
            return self.path.relative_to(paths.data_root()).as_posix()
        except ValueError:
            return str(self.path)


def discover(sources: Iterable[Path]) -> list[Path]:
    """Expand folders to the Turtle files below them, in a stable order.

    The SHACL shapes file is not data and is never loaded as such.
    """
    shapes = paths.shapes_file().resolve()
    found: list[Path] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            found.extend(sorted(p for p in source.rglob("*.ttl") if p.resolve() != shapes))
        elif source.is_file():
            found.append(source)
        else:
            raise SourceNotFoundError(f"{source}: no such file or folder")
    return found


def graph_name(path: Path) -> str:
    """A stable named-graph IRI: project files by their path in the project, others by file URI."""
    try:
        return str(PGGRAPH[path.resolve().relative_to(paths.data_root().resolve()).as_posix()])
    except ValueError:
        return path.resolve().as_uri()


class KnowledgeGraph:
    """The loaded graph: an Oxigraph store plus the list of sources it was built from."""

    def __init__(self, store: ox.Store | None = None) -> None:
        self.store = store if store is not None else ox.Store()
        self.sources: list[Source] = []
        self.dataset = rdflib.Dataset(store=OxigraphStore(store=self.store), default_union=True)
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace, override=True)

    def load_file(self, path: Path) -> Source:
        name = graph_name(path)
        before = len(self.store)
        try:
            self.store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(name))
        except SyntaxError as error:
            detail = str(error.args[0]) if error.args else str(error)
            # Oxigraph prefixes its message with the position, which we report separately.
            detail = detail.split(": ", 1)[1] if detail.startswith("Parser error at line") else detail
            raise SourceSyntaxError(path, error.lineno, error.offset, detail) from None
        except (OSError, ValueError) as error:
            raise SourceSyntaxError(path, None, None, str(error)) from None
        source = Source(path=path, graph=name, triples=len(self.store) - before)
        self.sources.append(source)
        return source

    def __len__(self) -> int:
        return len(self.store)

    def files_defining(self, node: ox.NamedNode | ox.BlankNode) -> list[str]:
        """The sources whose named graph has ``node`` as a subject."""
        graphs = {q.graph_name.value for q in self.store.quads_for_pattern(node, None, None)
                  if isinstance(q.graph_name, ox.NamedNode)}
        return [s.label for s in self.sources if s.graph in graphs]

    def union_graph(self) -> rdflib.Graph:
        """The union of all sources as a plain in-memory rdflib Graph (for pySHACL)."""
        triples = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        graph = rdflib.Graph()
        graph.parse(data=data, format="nt")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        return graph


def load(sources: Iterable[Path] | None = None, extra: Iterable[Path] = ()) -> KnowledgeGraph:
    """Load the project's ontology and graph (or ``sources``) plus a user's ``extra`` files."""
    files = discover(list(sources) if sources is not None else paths.default_sources())
    files += discover(extra)
    kg = KnowledgeGraph()
    for path in files:
        kg.load_file(path)
    return kg
