#!/usr/bin/env python3
"""Run a Virtuoso server for a team and load the partnergraph graph into it.

    export VIRTUOSO_DBA_PASSWORD=...            # the dba password; Virtuoso's default is refused
    python scripts/virtuoso.py serve --folder /srv/partnergraph-virtuoso
    python scripts/virtuoso.py load --isql 127.0.0.1:1111 --staging /srv/partnergraph-virtuoso/staging
    partnergraph query partners-of --param institution=kyoto-university --endpoint http://127.0.0.1:8890/sparql

`serve` runs a dedicated instance configured by partnergraph.virtuoso (loopback ports, a
high ResultSetMaxRows, DirsAllowed limited to the staging folder, the chosen password) until
Ctrl-C. `load` replaces the project's graphs (plus any extra Turtle PATHs) in a running
server with Virtuoso's bulk loader; it runs on the server's machine, and the staging folder
must be in that server's DirsAllowed.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from partnergraph import virtuoso
from partnergraph.errors import PartnergraphError
from partnergraph.loader import load


def serve(args: argparse.Namespace) -> None:
    settings = virtuoso.Settings(folder=args.folder.resolve(), host=args.host, sql_port=args.sql_port,
                                 http_port=args.http_port, max_rows=args.max_rows)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with virtuoso.running(settings, virtuoso.password_from_env()) as connection:
        if args.load:
            print(f"loaded {virtuoso.load(connection, load(), settings.staging)} quads", file=sys.stderr)
        print(f"SPARQL endpoint: {settings.url} (SQL on {settings.host}:{settings.sql_port}); "
              f"staging folder {settings.staging}; Ctrl-C stops it", file=sys.stderr)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


def load_graph(args: argparse.Namespace) -> None:
    host, _, port = args.isql.rpartition(":")
    connection = virtuoso.Connection(host or "127.0.0.1", int(port), virtuoso.password_from_env())
    count = virtuoso.load(connection, load(extra=args.paths), args.staging.resolve())
    print(f"loaded {count} quads into Virtuoso at {connection.address}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(required=True)
    run = commands.add_parser("serve", help="run a dedicated, configured Virtuoso instance")
    run.add_argument("--folder", type=Path, required=True, help="database, configuration and staging folder")
    run.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback by default)")
    run.add_argument("--sql-port", type=int, default=1111)
    run.add_argument("--http-port", type=int, default=8890)
    run.add_argument("--max-rows", type=int, default=virtuoso.Settings.max_rows, help="ResultSetMaxRows")
    run.add_argument("--load", action="store_true", help="load the project's graph once the server is up")
    run.set_defaults(job=serve)
    bulk = commands.add_parser("load", help="load the project's graph into a running Virtuoso")
    bulk.add_argument("--isql", default="127.0.0.1:1111", help="HOST:PORT of the server's SQL port")
    bulk.add_argument("--staging", type=Path, default=Path("staging"),
                      help="a folder listed in the server's DirsAllowed")
    bulk.add_argument("paths", nargs="*", type=Path, help="extra Turtle files or folders")
    bulk.set_defaults(job=load_graph)
    args = parser.parse_args()
    try:
        args.job(args)
    except PartnergraphError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
