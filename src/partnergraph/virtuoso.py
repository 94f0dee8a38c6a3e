"""Virtuoso Open Source (Debian package ``virtuoso-opensource``) as a shared SPARQL server.

Two jobs: run a dedicated instance whose configuration avoids Virtuoso's risky defaults, and
load the project's graph into a running instance with Virtuoso's bulk loader, one named graph
per source file, exactly as the embedded store holds it.

Virtuoso's defaults and what is done about them:
- ``ResultSetMaxRows`` (10000) cuts larger SPARQL results without an error status; the
  instance gets a higher cap and ``RemoteEndpoint`` refuses a result the server marks as cut.
- ``DirsAllowed`` limits the folders the bulk loader may read: only the staging folder is
  allowed, beside the server's own (and /tmp, which Virtuoso always allows).
- The ``dba`` account starts with the password ``dba``: a new database gets the password the
  operator chooses before it answers any query, and the default one is refused.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import PartnergraphError
from .loader import KnowledgeGraph

DEFAULT_PASSWORD = "dba"
PASSWORD_VARIABLE = "VIRTUOSO_DBA_PASSWORD"
SERVER = "virtuoso-t"
CLIENT = "isql-vt"
SCRIPT_LIMIT = 3000  # characters of SQL in one call of the client


class VirtuosoError(PartnergraphError):
    pass


def installed() -> bool:
    return bool(shutil.which(SERVER) and shutil.which(CLIENT))


def password_from_env() -> str:
    """The dba password an operator chose, from $VIRTUOSO_DBA_PASSWORD; never the default."""
    password = os.environ.get(PASSWORD_VARIABLE, "")
    if not password or password == DEFAULT_PASSWORD:
        raise VirtuosoError(f"set ${PASSWORD_VARIABLE} to the dba password (not Virtuoso's default 'dba')")
    return password


@dataclass(frozen=True)
class Settings:
    """A dedicated instance: its database, staging folder and configuration live in ``folder``."""

    folder: Path
    host: str = "127.0.0.1"
    sql_port: int = 1111
    http_port: int = 8890
    max_rows: int = 1_000_000  # ResultSetMaxRows; Virtuoso's HTTP layer stops at 2**20 anyway
    query_timeout_s: int = 300  # MaxQueryExecutionTime
    buffers: int = 170_000  # NumberOfBuffers: 8 KiB pages, ~1.3 GB; Virtuoso's default is 10000

    @property
    def staging(self) -> Path:
        return self.folder / "staging"

    @property
    def config(self) -> Path:
        return self.folder / "virtuoso.ini"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.http_port}/sparql"


def write_config(settings: Settings) -> Path:
    """Write the instance's virtuoso.ini (ports on ``host`` only) and create its folders."""
    db = settings.folder / "db"
    db.mkdir(parents=True, exist_ok=True)
    settings.staging.mkdir(parents=True, exist_ok=True)
    vsp = Path("/var/lib/virtuoso-opensource-7/vsp")
    settings.config.write_text(f"""\
; Written by partnergraph.virtuoso for a dedicated instance.
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa

[TempDatabase]
DatabaseFile    = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx

[Parameters]
ServerPort        = {settings.host}:{settings.sql_port}
DisableUnixSocket = 1
DirsAllowed       = {settings.staging}
NumberOfBuffers   = {settings.buffers}
MaxDirtyBuffers   = {settings.buffers * 3 // 4}
CheckpointInterval = 60

[HTTPServer]
ServerPort  = {settings.host}:{settings.http_port}
{f"ServerRoot  = {vsp}" if vsp.is_dir() else ""}
Charset     = UTF-8
ServerThreads = 10

[SPARQL]
ResultSetMaxRows      = {settings.max_rows}
MaxQueryExecutionTime = {settings.query_timeout_s}
MaxQueryCostEstimationTime = {settings.query_timeout_s}
""", encoding="utf-8")
    return settings.config


class Connection:
    """SQL access to a running Virtuoso through its ``isql`` client, as ``dba``.

    Virtuoso's bulk loader and account functions are SQL procedures with no HTTP interface,
    so this goes through the client the Debian package ships. The password is passed on the
    client's command line, as the client offers no other non-interactive way.
    """

    def __init__(self, host: str, port: int, password: str) -> None:
        self.address = f"{host}:{port}"
        self.password = password

    def run(self, *statements: str, timeout: float = 3600) -> str:
        """Run ``statements`` in order; the client fails on a script of more than about 4 KB,
        so long lists go in several calls."""
        batches, size = [[]], 0
        for statement in (s.rstrip().rstrip(";") + ";" for s in statements):
            if batches[-1] and size + len(statement) > SCRIPT_LIMIT:
                batches.append([])
                size = 0
            batches[-1].append(statement)
            size += len(statement) + 1
        return "".join(self._call(" ".join(batch), timeout) for batch in batches)

    def _call(self, script: str, timeout: float) -> str:
        try:
            done = subprocess.run([CLIENT, self.address, "dba", self.password, f"exec={script}"],
                                  capture_output=True, text=True, timeout=timeout)
        except FileNotFoundError:
            raise VirtuosoError(f"{CLIENT} not found: install the Debian package virtuoso-opensource") from None
        output = done.stdout + done.stderr
        if done.returncode != 0 or "*** Error" in output:
            error = next((line for line in output.splitlines() if "Error" in line), output.strip()[-300:])
            # "*** Error 42000: [Virtuoso Driver][Virtuoso Server]FA003: Access to ..." -> "FA003: ..."
            raise VirtuosoError(f"Virtuoso at {self.address}: {error.rpartition(']')[2].strip()}")
        return done.stdout

    def ready(self) -> bool:
        try:
            self.run("SELECT 1", timeout=10)
            return True
        except (VirtuosoError, subprocess.TimeoutExpired):
            return False


def load(connection: Connection, kg: KnowledgeGraph, staging: Path) -> int:
    """Replace the graphs of ``kg`` in Virtuoso with its quads; returns the number loaded.

    The quads are written as N-Quads into ``staging`` (a folder in the server's DirsAllowed,
    on the server's machine) and read by Virtuoso's bulk loader; the count is then checked
    against the embedded store, so a partly failed load is an error, not a smaller graph.
    """
    staging.mkdir(parents=True, exist_ok=True)
    dump = staging.resolve() / "partnergraph.nq"
    graphs = sorted({s.graph for s in kg.sources})
    try:
        with open(dump, "wb") as out:
            ox.serialize(kg.store, out, format=ox.RdfFormat.N_QUADS)
        # ld_dir checks DirsAllowed, so it comes before anything is cleared
        connection.run(f"DELETE FROM DB.DBA.load_list WHERE ll_file = '{dump}'",
                       f"ld_dir('{dump.parent}', '{dump.name}', 'urn:partnergraph:unnamed')")
        connection.run(*(f"SPARQL CLEAR GRAPH <{g}>" for g in graphs), "rdf_loader_run()", "checkpoint")
        errors = connection.run(f"SELECT ll_error FROM DB.DBA.load_list WHERE ll_file = '{dump}' "
                                "AND ll_error IS NOT NULL")
    finally:
        dump.unlink(missing_ok=True)
    if "0 Rows." not in errors:
        raise VirtuosoError(f"Virtuoso's bulk loader rejected {dump}: {errors.strip()}")
    values = " ".join(f"<{g}>" for g in graphs)
    output = connection.run(f"SPARQL SELECT COUNT(*) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
    loaded = int(next(line for line in output.splitlines() if line.strip().isdigit()))
    if loaded != len(kg.store):
        raise VirtuosoError(f"Virtuoso holds {loaded} of the graph's {len(kg.store)} quads after loading")
    return loaded


def _free(host: str, port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex((host, port)) != 0


def _sql_string(value: str) -> str:
    if any(c in value for c in "'\\\n\r\0"):
        raise VirtuosoError("the password may not contain quotes, backslashes or line breaks")
    return value


@contextmanager
def running(settings: Settings, password: str, wait_s: float = 120) -> Iterator[Connection]:
    """Start a dedicated instance in ``settings.folder`` (created and configured on first use),
    give a new database the chosen dba password, and stop the server on exit."""
    if not installed():
        raise VirtuosoError(f"{SERVER} not found: install the Debian package virtuoso-opensource")
    if password == DEFAULT_PASSWORD:
        raise VirtuosoError("choose a dba password other than Virtuoso's default 'dba'")
    for port in (settings.sql_port, settings.http_port):
        if not _free(settings.host, port):
            raise VirtuosoError(f"{settings.host}:{port} is already in use")
    new = not (settings.folder / "db" / "virtuoso.db").exists()
    write_config(settings)
    log = open(settings.folder / "server.log", "ab")
    server = subprocess.Popen([SERVER, "+foreground", "+configfile", str(settings.config)],
                              cwd=settings.folder, stdout=log, stderr=subprocess.STDOUT)
    try:
        connection = Connection(settings.host, settings.sql_port, DEFAULT_PASSWORD if new else password)
        deadline = time.monotonic() + wait_s
        while not connection.ready():
            if server.poll() is not None or time.monotonic() > deadline:
                tail = (settings.folder / "server.log").read_text(errors="replace")[-500:]
                raise VirtuosoError(f"Virtuoso did not start in {settings.folder}: {tail}")
            time.sleep(0.5)
        if new:
            connection.run(f"USER_SET_PASSWORD('dba', '{_sql_string(password)}')")
            connection = Connection(settings.host, settings.sql_port, password)
        yield connection
    finally:
        if server.poll() is None:
            try:
                Connection(settings.host, settings.sql_port, password).run("shutdown", timeout=60)
            except (VirtuosoError, subprocess.TimeoutExpired):
                server.terminate()
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()
