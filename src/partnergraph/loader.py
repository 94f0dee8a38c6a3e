"""Load Turtle sources into the embedded Oxigraph store, one named graph per file.

Each file is parsed by Oxigraph's own Turtle parser (fast, and it reports the line and
column of a syntax error). In memory each file is loaded in one transaction, so a broken file
adds nothing; an on-disk store takes large files through Oxigraph's bulk loader and is thrown
away whole when a file is broken.
Queries see the union of all files (``KnowledgeGraph.select``); ``KnowledgeGraph.dataset`` is
the same store as an rdflib ``Dataset`` (oxrdflib), for code written against rdflib.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from oxrdflib import OxigraphStore

from . import paths
from .errors import SourceNotFoundError, SourceSyntaxError
from .namespaces import PGGRAPH, PREFIXES, sparql_prologue
from .queries import substitute


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


def load_into(store: ox.Store, path: Path, bulk: bool = False) -> Source:
    """Parse one Turtle file into its own named graph of ``store``: in one transaction, or with
    ``bulk`` by Oxigraph's bulk loader (several times faster on disk, but not transactional:
    for a store that is thrown away if loading fails)."""
    name = graph_name(path)
    try:
        graph = ox.NamedNode(name)
        (store.bulk_load if bulk else store.load)(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
    except SyntaxError as error:
        detail = str(error.args[0]) if error.args else str(error)
        # Oxigraph prefixes its message with the position, which we report separately.
        detail = detail.split(": ", 1)[1] if detail.startswith("Parser error at line") else detail
        raise SourceSyntaxError(path, error.lineno, error.offset, detail) from None
    except (OSError, ValueError) as error:
        raise SourceSyntaxError(path, None, None, str(error)) from None
    # Counted in the file's own graph: len(store) goes through every quad of the store.
    count = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    return Source(path=path, graph=name, triples=int(next(count)["n"].value))


class KnowledgeGraph:
    """The loaded graph: an Oxigraph store plus the list of sources it was built from."""

    def __init__(self, store: ox.Store | None = None) -> None:
        self.store = store if store is not None else ox.Store()
        self.sources: list[Source] = []
        self.location: Path | None = None  # the folder of a persistent store
        self.dataset = rdflib.Dataset(store=OxigraphStore(store=self.store), default_union=True)
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace, override=True)
        # rdflib's usual prefixes (owl:, xsd:, foaf: ...) also work in queries typed by hand
        self.prefixes = {prefix: str(namespace) for prefix, namespace in self.dataset.namespaces()}

    def load_file(self, path: Path) -> Source:
        source = load_into(self.store, path)
        self.sources.append(source)
        return source

    def __len__(self) -> int:
        return len(self.store)

    def select(self, text: str, bindings: dict | None = None) -> ox.QuerySolutions | ox.QueryBoolean:
        """Run a query on the union of the sources, the project's prefixes predeclared and
        ``bindings`` substituted, as Oxigraph's own terms: turning them into rdflib terms (what
        an rdflib ``Dataset.query`` does) costs more than the query itself for large results."""
        return self.store.query(sparql_prologue() + substitute(text, bindings or {}),
                                use_default_graph_as_union=True, prefixes=self.prefixes)

    def files_defining(self, node: ox.NamedNode | ox.BlankNode) -> list[str]:
        """The sources whose named graph has ``node`` as a subject."""
        graphs = {q.graph_name.value for q in self.store.quads_for_pattern(node, None, None)
                  if isinstance(q.graph_name, ox.NamedNode)}
        return [s.label for s in self.sources if s.graph in graphs]

    def union_graph(self) -> rdflib.Graph:
        """The union of all sources as a plain in-memory rdflib Graph (for pySHACL)."""
        graph = rdflib.Graph()
        term = functools.cache(rdflib_term)  # an IRI recurs in many triples: convert it once
        graph.addN((term(q.subject), term(q.predicate), term(q.object), graph)
                   for name in self.store.named_graphs() for q in self.store.quads_for_pattern(None, None, None, name))
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        return graph


XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Identifier:
    """The same term in rdflib (a blank node keeps its id; a plain literal has no datatype)."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language is not None:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=term.datatype.value)


# Wraps the iteration over the files to load, e.g. to show a progress bar.
Track = Callable[[list[Path]], Iterable[Path]]


def load(sources: Iterable[Path] | None = None, extra: Iterable[Path] = (), track: Track = iter) -> KnowledgeGraph:
    """Load the project's ontology and graph (or ``sources``) plus a user's ``extra`` files."""
    files = discover(list(sources) if sources is not None else paths.default_sources())
    files += discover(extra)
    kg = KnowledgeGraph()
    for path in track(files):
        kg.load_file(path)
    return kg


def default_store_dir() -> Path:
    """Where the persistent store lives: $PARTNERGRAPH_STORE, else the user's cache folder."""
    if os.environ.get("PARTNERGRAPH_STORE"):
        return Path(os.environ["PARTNERGRAPH_STORE"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "partnergraph" / "store"


def fingerprint(files: list[Path]) -> str:
    """Changes when any source file is added, removed, moved, resized or touched (like make)."""
    digest = hashlib.sha256()
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]


# Oxigraph's bulk loader writes and syncs a dozen new files on every call (0.01 to 0.15 s, as
# busy as the disk is): cheaper than a transaction for a large file, dearer for a small one.
BULK_LOAD_FROM = 128 * 1024  # bytes


def _build_store(folder: Path, files: list[Path], track: Track) -> list[Source]:
    """Load ``files`` into a new on-disk store in ``folder``, compact it and close it again.

    Large files go through the bulk loader, which is not transactional: a failed build is
    removed whole anyway. Compacting merges the overlapping files each bulk load adds; read
    through one by one, they made queries about 3 times slower.

    A bare Oxigraph store, not a KnowledgeGraph: rdflib's Dataset holds reference cycles that
    would keep the store's files open until the garbage collector runs.
    """
    store = ox.Store(str(folder))
    try:
        sources = [load_into(store, path, bulk=path.stat().st_size >= BULK_LOAD_FROM) for path in track(files)]
        store.optimize()
        return sources
    except Exception as error:
        # The frames of its traceback, and of the engine's error it replaced (its context),
        # would keep the store open while the caller removes the half-built folder.
        failure = error.with_traceback(None)
        failure.__context__ = failure.__cause__ = None
    finally:
        del store
    raise failure


def _building_elsewhere(folder: Path) -> bool:
    """Whether ``folder`` is a store that another live process is building now."""
    _, marker, pid = folder.name.rpartition(".building-")
    if not marker or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        pass
    return True


def load_persistent(store_dir: Path, sources: Iterable[Path] | None = None,
                    extra: Iterable[Path] = (), track: Track = iter) -> KnowledgeGraph:
    """Like ``load``, but kept on disk in ``store_dir``: a later run with unchanged sources opens
    the stored graph read-only instead of parsing again.

    A store is built in a temporary folder and renamed into place only when complete, so an
    interrupted or failed build never leaves a half-loaded store behind.
    """
    files = discover(list(sources) if sources is not None else paths.default_sources()) + discover(extra)
    key = fingerprint(files)
    target = store_dir / key
    manifest = target / "partnergraph-manifest.json"
    if not manifest.is_file():
        store_dir.mkdir(parents=True, exist_ok=True)
        building = store_dir / f"{key}.building-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        try:
            sources = _build_store(building, files, track)
            (building / "partnergraph-manifest.json").write_text(
                json.dumps([{**asdict(s), "path": str(s.path)} for s in sources], indent=1))
            os.replace(building, target)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        for stale in store_dir.iterdir():  # earlier versions, and builds whose process died
            if stale != target and not _building_elsewhere(stale):
                shutil.rmtree(stale, ignore_errors=True)
    kg = KnowledgeGraph(ox.Store.read_only(str(target)))
    kg.location = target
    kg.sources = [Source(path=Path(s["path"]), graph=s["graph"], triples=s["triples"])
                  for s in json.loads(manifest.read_text())]
    return kg
