"""Errors that partnergraph reports to people: each names the file, line or entity at fault."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PartnergraphError(Exception):
    """Base class: the message is meant to be shown as it is, without a traceback."""


@dataclass
class SourceSyntaxError(PartnergraphError):
    path: Path
    line: int | None
    column: int | None
    detail: str

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: syntax error: {self.detail}"


class SourceNotFoundError(PartnergraphError):
    pass


class ValidationFailed(PartnergraphError):
    """The data breaks the SHACL shapes; ``report`` holds every violation."""

    def __init__(self, report):  # report: validation.ValidationReport
        self.report = report
        super().__init__(f"{len(report.violations)} SHACL violation(s)")
