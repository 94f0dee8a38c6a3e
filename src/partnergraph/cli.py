"""The ``partnergraph`` command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .errors import PartnergraphError, ValidationFailed
from .loader import load
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
        kg = load(extra=paths or [])
        report = validate(kg)
        if not report.conforms:
            raise ValidationFailed(report)
    except PartnergraphError as error:
        _fail(error)
    if warnings:
        for finding in report.warnings:
            out.print(f"warning: {finding}", markup=False, highlight=False)
    _print_summary(summarise(kg), report)


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)
