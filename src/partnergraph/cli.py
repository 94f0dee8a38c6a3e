"""The ``partnergraph`` command line."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__, alliances, dump, network, views
from .api import run
from .endpoint import RemoteEndpoint
from .entities import find
from .errors import PartnergraphError, ValidationFailed
from .loader import default_store_dir, load, load_persistent
from .queries import library, resolve
from .results import curie
from .summary import Summary, summarise
from .validation import ValidationReport, validate

app = typer.Typer(
    help="A knowledge graph of international partnerships in Japanese higher education.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Data may contain anything: no emoji codes, no markup, no wrapping inside messages.
out = Console(emoji=False, soft_wrap=True)
err = Console(stderr=True, emoji=False, soft_wrap=True)


def _fail(error: PartnergraphError) -> None:
    err.print(f"[bold red]error:[/] {error}", markup=True, highlight=False)
    if isinstance(error, ValidationFailed):
        for finding in error.report.violations:
            err.print(f"  - {finding}", markup=False, highlight=False)
    raise typer.Exit(code=1)


def _tracked(files: list[Path]):
    """Yield ``files`` while a progress bar on stderr counts their bytes (shown on terminals only)."""
    sizes = [path.stat().st_size for path in files]
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("loading", total=sum(sizes))
        for path, size in zip(files, sizes):
            bar.update(task, description=f"loading {path.name}")
            yield path
            bar.advance(task, size)


def _print_summary(summary: Summary, report: ValidationReport) -> None:
    out.print(f"[bold]partnergraph[/] {__version__}: {summary.triples} triples from {summary.files} files; "
              f"SHACL: conforms ({len(report.warnings)} warnings)")
    entities = Table(title="Entities by kind")
    entities.add_column("kind")
    entities.add_column("count", justify="right")
    for label, n in summary.entities:
        entities.add_row(label, str(n))
    kinds = Table(title="Partnerships by kind")
    kinds.add_column("kind")
    kinds.add_column("partnerships", justify="right")
    for label, n in summary.partnership_kinds:
        kinds.add_row(label, str(n))
    docs = Table(title="Sourced statements by document")
    docs.add_column("document")
    docs.add_column("nodes", justify="right")
    for label, n in summary.by_document:
        docs.add_row(label, str(n))
    for table in (entities, kinds, docs):
        out.print(table)


@app.command()
def build(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Extra Turtle files or folders to add to the project's ontology and graph.")] = None,
    warnings: Annotated[bool, typer.Option("--warnings", help="List SHACL warnings, not only their count.")] = False,
) -> None:
    """Load the ontology and the curated graph, validate them with SHACL and summarise them."""
    try:
        kg = load(extra=paths or [], track=_tracked)
        with err.status("validating with SHACL"):
            report = validate(kg)
        if not report.conforms:
            raise ValidationFailed(report)
    except PartnergraphError as error:
        _fail(error)
    if warnings:
        for finding in report.warnings:
            out.print(f"warning: {finding}", markup=False, highlight=False)
    _print_summary(summarise(kg), report)


FORMATS = ("table", "csv", "json", "md")


def _display(frame: pd.DataFrame) -> pd.DataFrame:
    """For people: each IRI column shows its label (or its CURIE), and the label column goes."""
    shown = frame.copy()
    for column in list(frame.columns):
        label = f"{column}_label"
        if label in frame.columns:
            shown[column] = [lab if isinstance(lab, str) else (curie(v) if isinstance(v, str) else v)
                             for v, lab in zip(frame[column], frame[label])]
            shown = shown.drop(columns=[label])
    return shown.astype(object).where(shown.notna(), "")


def _parse_params(params: list[str]) -> dict[str, str]:
    values = {}
    for item in params:
        if "=" not in item:
            raise typer.BadParameter(f"{item!r}: write --param name=value", param_hint="--param")
        key, value = item.split("=", 1)
        values[key.strip()] = value
    return values


def _emit(frame: pd.DataFrame, fmt: str, title: str | None) -> None:
    if fmt == "csv":
        out.file.write(frame.to_csv(index=False))
    elif fmt == "json":
        out.file.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=2) + "\n")
    elif fmt == "md":
        out.file.write(_display(frame).to_markdown(index=False) + "\n")
    else:
        table = Table(title=title or None, caption=f"{len(frame)} rows")
        shown = _display(frame)
        for column in shown.columns:
            table.add_column(str(column))
        for row in shown.itertuples(index=False):
            table.add_row(*(str(v) for v in row))
        out.print(table)


def _backend(store: Path | None, endpoint: str | None, timeout: float, extra: list[Path]):
    if endpoint:
        if extra:
            raise typer.BadParameter("extra data cannot be added to a remote endpoint", param_hint="--data")
        return RemoteEndpoint(endpoint, timeout)
    return load_persistent(store or default_store_dir(), extra=extra, track=_tracked)


def _check_options(fmt: str, lang: str) -> None:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r}: choose one of {', '.join(FORMATS)}", param_hint="--format")
    if lang not in ("en", "ja"):
        raise typer.BadParameter(f"{lang!r}: choose en or ja", param_hint="--lang")


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="A named query (see `partnergraph queries`), a .rq file, or - for stdin.")],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="A parameter as name=value.")] = None,
    lang: Annotated[str, typer.Option(help="Language of labels: en or ja (falls back to the other).")] = "en",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json or md.")] = "table",
    extra: Annotated[Optional[list[Path]], typer.Option("--data", help="Extra Turtle files or folders to query too.")] = None,
    store: Annotated[Optional[Path], typer.Option(
        help="Folder of the persistent store (default $PARTNERGRAPH_STORE or ~/.cache/partnergraph/store); "
             "rebuilt only when the sources change.")] = None,
    endpoint: Annotated[Optional[str], typer.Option(help="Query this SPARQL 1.1 endpoint instead of the embedded store.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the endpoint.")] = 30.0,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Let the query call other endpoints with SERVICE.")] = False,
) -> None:
    """Run a named query or SPARQL (read-only) against the graph and print the result."""
    _check_options(fmt, lang)
    try:
        text = sys.stdin.read() if name == "-" else None
        named = resolve(name, text=text)
        backend = _backend(store, endpoint, timeout, extra or [])
        frame = run(backend, named, _parse_params(param or []), lang, allow_service)
    except PartnergraphError as error:
        _fail(error)
    _emit(frame, fmt, named.title)


@app.command()
def describe(
    entity: Annotated[str, typer.Argument(help="An identifier (kyoto-university), CURIE, IRI or name (\"Kyoto University\", \"京都大学\").")],
    lang: Annotated[str, typer.Option(help="Language of labels: en or ja.")] = "en",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json or md.")] = "table",
    store: Annotated[Optional[Path], typer.Option(help="Folder of the persistent store.")] = None,
    endpoint: Annotated[Optional[str], typer.Option(help="Query this SPARQL 1.1 endpoint instead of the embedded store.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the endpoint.")] = 30.0,
) -> None:
    """Everything the graph says about one entity and what points at it, with files and sources."""
    _check_options(fmt, lang)
    try:
        backend = _backend(store, endpoint, timeout, [])
        iri = find(backend, entity)
        frame = run(backend, resolve("provenance"), {"entity": f"<{iri}>"}, lang)
    except PartnergraphError as error:
        _fail(error)
    _emit(frame, fmt, f"{curie(str(iri))}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; loopback unless you mean to share the graph.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    timeout: Annotated[int, typer.Option(help="Seconds a query may run.")] = 60,
    store: Annotated[Optional[Path], typer.Option(help="Folder of the persistent store.")] = None,
) -> None:
    """Serve the graph read-only as a SPARQL 1.1 Protocol endpoint (Oxigraph's own server),
    for YASGUI, Gephi, curl or `partnergraph query --endpoint http://HOST:PORT/query`."""
    try:
        kg = load_persistent(store or default_store_dir(), track=_tracked)
    except PartnergraphError as error:
        _fail(error)
    location = kg.location
    del kg  # the server opens the store itself
    server = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    err.print(f"SPARQL endpoint (read-only): http://{host}:{port}/query — Ctrl-C stops it", highlight=False)
    # Oxigraph's server runs the SPARQL 1.1 Protocol; the union default graph makes a query
    # without GRAPH see every source file, as the embedded store does.
    command = [server, "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}",
               "--union-default-graph", "--timeout-s", str(timeout)]
    # the server takes this process's place, so that stopping it (Ctrl-C, SIGTERM) stops the server
    os.execv(server, command)


@app.command()
def queries() -> None:
    """List the named queries with what they answer and their parameters."""
    table = Table(title="Named queries (partnergraph query NAME --param name=value)")
    table.add_column("name", no_wrap=True)
    table.add_column("what it answers")
    table.add_column("parameters")
    for named in library().values():
        params = ", ".join(f"{p.name} ({p.kind})" for p in named.params)
        table.add_row(named.name, f"{named.title}: {named.description}", params)
    out.print(table)


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


def _load_for_network(store: Path | None, extra: list[Path], lang: str):
    if lang not in ("en", "ja"):
        raise typer.BadParameter(f"{lang!r}: choose en or ja", param_hint="--lang")
    return load_persistent(store or default_store_dir(), extra=extra)


def _check_projection(projection: str) -> None:
    if projection not in network.PROJECTIONS:
        raise typer.BadParameter(f"{projection!r}: choose one of {', '.join(network.PROJECTIONS)}",
                                 param_hint="--projection")


PROJECTION_HELP = ("institutions (partnerships between organisations), full (every kind of entity), "
                   "memberships (institutions and consortia), co-memberships (institutions that share a "
                   "consortium) or countries (partnerships between countries).")


def _view_graph(kg, projection: str | None, focus: str | None, depth: int, consortium: str | None,
                country: str | None, lang: str):
    """The network that the view options ask for."""
    if consortium:
        if projection or focus:
            raise typer.BadParameter("a consortium view has its own network: leave out --projection and --focus",
                                     param_hint="--consortium")
        graph = network.consortium_network(kg, str(find(kg, consortium)), lang)
    else:
        projection = projection or "institutions"
        if focus and projection == "institutions":  # read only the neighbourhood
            graph = network.institution_graph(kg, lang, focus=str(find(kg, focus)), depth=depth)
        else:
            graph = network.project(kg, projection, lang)
            if focus:
                graph = network.ego(graph, str(find(kg, focus)), depth)
        if focus:
            graph.graph["depth"] = depth
    return network.in_country(graph, network.country_code(kg, country)) if country else graph


@app.command()
def view(
    out_file: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("partnergraph-view.html"),
    lang: Annotated[str, typer.Option(help="Language of labels: en or ja (falls back to the other).")] = "en",
    projection: Annotated[Optional[str], typer.Option(help="The network: " + PROJECTION_HELP + " Default institutions.")] = None,
    focus: Annotated[Optional[str], typer.Option(help="Show one entity (identifier, CURIE, IRI or name) and what lies within --depth links of it.")] = None,
    depth: Annotated[int, typer.Option(min=1, help="How many links from --focus to show.")] = 1,
    consortium: Annotated[Optional[str], typer.Option(help="Show one consortium, its members and their partnerships.")] = None,
    country: Annotated[Optional[str], typer.Option(help="Show what lies in one country (ISO code or name) and its links.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most nodes in the view; beyond it the best connected are kept and the view says what it left out.")] = views.DEFAULT_LIMIT,
    extra: Annotated[Optional[list[Path]], typer.Option("--data", help="Extra Turtle files or folders to show too.")] = None,
    store: Annotated[Optional[Path], typer.Option(help="Folder of the persistent store.")] = None,
) -> None:
    """Write a network view: one HTML file that opens in a browser from disk, with no network access."""
    if projection:
        _check_projection(projection)
    try:
        kg = _load_for_network(store, extra or [], lang)
        graph = _view_graph(kg, projection, focus, depth, consortium, country, lang)
        views.write(graph, out_file, lang=lang, limit=limit)
    except PartnergraphError as error:
        _fail(error)
    shown = min(limit, graph.number_of_nodes())
    left_out = f"; the {shown} best connected of {graph.number_of_nodes()} nodes" if shown < graph.number_of_nodes() else ""
    out.print(f"{out_file}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} links{left_out}",
              markup=False, highlight=False)


@app.command()
def export(
    projection: Annotated[str, typer.Option(help="The network: " + PROJECTION_HELP)] = "institutions",
    fmt: Annotated[str, typer.Option("--format", "-f", help="graphml or gexf (for Gephi), or json (node-link).")] = "graphml",
    out_file: Annotated[Optional[Path], typer.Option("--out", "-o", help="The file to write (default partnergraph-PROJECTION.FORMAT).")] = None,
    lang: Annotated[str, typer.Option(help="Language of labels: en or ja (falls back to the other).")] = "en",
    extra: Annotated[Optional[list[Path]], typer.Option("--data", help="Extra Turtle files or folders to export too.")] = None,
    store: Annotated[Optional[Path], typer.Option(help="Folder of the persistent store.")] = None,
) -> None:
    """Export a projection of the graph as a network file for Gephi, networkx or the web."""
    _check_projection(projection)
    if fmt not in network.FORMATS:
        raise typer.BadParameter(f"{fmt!r}: choose one of {', '.join(network.FORMATS)}", param_hint="--format")
    out_file = out_file or Path(f"partnergraph-{projection}{network.FORMATS[fmt]}")
    try:
        graph = network.project(_load_for_network(store, extra or [], lang), projection, lang)
        network.export(graph, out_file, fmt)
    except PartnergraphError as error:
        _fail(error)
    out.print(f"{out_file}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} links", markup=False, highlight=False)


@app.command(name="alliances")
def alliance_analysis(
    measure: Annotated[str, typer.Argument(help="alliances (one-to-many partnerships and consortia), hubs (degree and "
                                                "betweenness), bilateral (bilateral vs one-to-many share of Japanese "
                                                "institutions), overlap (consortia with shared members) or "
                                                "alliance-only (institutions tied only through alliances).")] = "alliances",
    lang: Annotated[str, typer.Option(help="Language of labels: en or ja (falls back to the other).")] = "en",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json or md.")] = "table",
    extra: Annotated[Optional[list[Path]], typer.Option("--data", help="Extra Turtle files or folders to analyse too.")] = None,
    store: Annotated[Optional[Path], typer.Option(help="Folder of the persistent store.")] = None,
) -> None:
    """The analysis of one-to-many and multilateral alliances, as a table."""
    _check_options(fmt, lang)
    if measure not in alliances.MEASURES:
        raise typer.BadParameter(f"{measure!r}: choose one of {', '.join(alliances.MEASURES)}", param_hint="MEASURE")
    try:
        frame = alliances.MEASURES[measure](_backend(store, None, 0, extra or []), lang)
    except PartnergraphError as error:
        _fail(error)
    _emit(frame, fmt, measure)


@app.command(name="dump")
def dump_rdf(
    out_file: Annotated[Path, typer.Option("--out", "-o", help="The file to write.")],
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="nq or trig (one named graph per source file), "
                                                "jsonld, nt or ttl; default from the file's extension.")] = None,
    extra: Annotated[Optional[list[Path]], typer.Option("--data", help="Extra Turtle files or folders to include.")] = None,
    store: Annotated[Optional[Path], typer.Option(help="Folder of the persistent store.")] = None,
) -> None:
    """Write the graph as RDF: canonical, sorted (the same sources give the same bytes), atomically."""
    fmt = fmt or out_file.suffix.lstrip(".")
    try:
        dump.rdf_format(fmt)
        kg = _backend(store, None, 0, extra or [])
        dump.dump(kg, out_file, fmt)
    except PartnergraphError as error:
        _fail(error)
    out.print(f"{out_file}: {len(kg.store)} statements from {len(kg.sources)} files", markup=False, highlight=False)
