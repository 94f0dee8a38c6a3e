"""How partnergraph behaves as the graph grows: loading, the named query library, SHACL
validation, networks and views, on the project's own path, plain rdflib, raw Oxigraph and
SPARQL servers, side by side.

    python scripts/benchmark.py --sizes 10k,100k,1M --out docs/benchmark.md

At each size a synthetic graph is generated (partnergraph.synthetic) and every job loads the
same files: the project's ontology and curated graph plus the synthetic ones. Each job runs in
a fresh process, so its peak memory is its own (a server's is added). Every query runs once to
warm up (rdflib's parse of the read-only check is cached after it), then up to --repeat times.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import math
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

MARK_BEGIN, MARK_END = "<!-- benchmark results: begin -->", "<!-- benchmark results: end -->"


# --------------------------------------------------------------------------------------------
# helpers shared by the jobs
# --------------------------------------------------------------------------------------------

class Timeout(BaseException):
    """Not an Exception: pySHACL catches those and would go on."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (SIGALRM: pure-Python work such as rdflib's engine
    or pySHACL stops at once; Oxigraph when its call returns to Python)."""
    def expire(*_):
        raise Timeout()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(action: Callable, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    value = action(*args, **kwargs)
    return time.perf_counter() - started, value


def peak_mb() -> float:
    """Peak resident memory of this process, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_mb() -> float:
    """Peak resident memory (VmHWM) of this process's descendants together, in MiB: its servers."""
    total, todo = 0.0, [int(c) for c in Path(f"/proc/self/task/{os.getpid()}/children").read_text().split()]
    while todo:
        pid = todo.pop()
        with contextlib.suppress(OSError, AttributeError):
            total += int(re.search(r"VmHWM:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1)) / 1024
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def example_params(query, examples: dict[str, str]) -> dict[str, str]:
    return {p.name: examples[p.name] for p in query.params}


# --------------------------------------------------------------------------------------------
# engines: each loads the files and answers the named queries in its own way
# --------------------------------------------------------------------------------------------

class Project:
    """The project's default path: loader.load (Oxigraph in memory, one named graph per file,
    Oxigraph's Turtle parser) and api.run (read-only check, bound parameters, DataFrame with labels)."""

    label = "project (load + api.run)"

    def __init__(self, args, data: Path, files: list[Path]) -> None:
        self.args, self.data, self.files = args, data, files
        self.extra: dict[str, float] = {}

    def load(self) -> int:
        from partnergraph.loader import load
        self.backend = load(extra=[self.data])
        return len(self.backend)

    def run(self, query, params: dict[str, str]) -> int:
        from partnergraph.api import run
        return len(run(self.backend, query, params))

    def close(self) -> None:
        pass


class ProjectDisk(Project):
    """The command line's path: load_persistent builds an on-disk store (RocksDB) once, then
    opens it read-only; the same api.run."""

    label = "project on disk (load_persistent + api.run)"

    def load(self) -> int:
        from partnergraph.loader import load_persistent
        store = store_folder(self.args, self.data)
        shutil.rmtree(store, ignore_errors=True)
        self.extra["build_s"], kg = timed(load_persistent, store, extra=[self.data])
        del kg
        self.extra["open_s"], self.backend = timed(load_persistent, store, extra=[self.data])
        return len(self.backend)


class Oxigraph:
    """Raw pyoxigraph: Store.bulk_load of each file into its named graph, Store.query of the
    same bound query text the project runs, every solution materialised as a tuple of terms
    (the engine's own limit: what the project adds on top is the difference)."""

    label = "raw pyoxigraph"

    def __init__(self, args, data: Path, files: list[Path]) -> None:
        self.files, self.extra = files, {}

    def load(self) -> int:
        import pyoxigraph as ox
        from partnergraph.loader import graph_name
        self.store = ox.Store()
        for path in self.files:
            self.store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph_name(path)))
        return len(self.store)

    def run(self, query, params: dict[str, str]) -> int:
        from partnergraph.namespaces import sparql_prologue
        from partnergraph.queries import bindings, substitute
        text = substitute(sparql_prologue() + query.text, bindings(query, params))
        return len([tuple(s) for s in self.store.query(text, use_default_graph_as_union=True)])

    def close(self) -> None:
        pass


class Rdflib(Oxigraph):
    """Plain rdflib in memory, the baseline users start from: a Dataset (union default graph)
    with one graph per file parsed by rdflib's Turtle parser, the same query text with initBindings."""

    label = "plain rdflib in memory"

    def load(self) -> int:
        import rdflib
        from partnergraph.loader import graph_name
        self.dataset = rdflib.Dataset(default_union=True)
        for path in self.files:
            self.dataset.graph(rdflib.URIRef(graph_name(path))).parse(path, format="turtle")
        return len(self.dataset)

    def run(self, query, params: dict[str, str]) -> int:
        from partnergraph.namespaces import sparql_prologue
        from partnergraph.queries import bindings
        return len(list(self.dataset.query(sparql_prologue() + query.text, initBindings=bindings(query, params))))


class Server(Project):
    """Oxigraph's own server (`oxigraph serve-read-only --union-default-graph`, as `partnergraph
    serve` runs it) on loopback over the store load_persistent built; api.run through
    RemoteEndpoint (the `--endpoint` path)."""

    label = "Oxigraph server (--endpoint)"

    def load(self) -> int:
        from partnergraph.endpoint import EndpointError, RemoteEndpoint
        from partnergraph.loader import load_persistent
        kg = load_persistent(store_folder(self.args, self.data), extra=[self.data])  # built by ProjectDisk
        location, triples = kg.location, len(kg)
        del kg
        port = free_port()
        binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
        self.server = subprocess.Popen(
            [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
             "--union-default-graph", "--timeout-s", str(int(self.args.query_limit))],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.extra["start_s"], self.backend = timed(
            wait_for, RemoteEndpoint(f"http://127.0.0.1:{port}/query", timeout=self.args.query_limit),
            EndpointError, self.server)
        return triples

    def close(self) -> None:
        self.extra["server_peak_mb"] = children_peak_mb()
        os.killpg(self.server.pid, signal.SIGTERM)
        self.server.wait(timeout=30)


class Virtuoso(Project):
    """Virtuoso Open Source (partnergraph.virtuoso: a dedicated instance, its bulk loader, one
    named graph per file); api.run through RemoteEndpoint."""

    label = "Virtuoso server (--endpoint)"

    def load(self) -> int:
        from partnergraph import virtuoso
        from partnergraph.endpoint import RemoteEndpoint
        from partnergraph.loader import load
        folder = Path(self.args.work) / f"virtuoso-{self.data.name}"
        shutil.rmtree(folder, ignore_errors=True)
        settings = virtuoso.Settings(folder=folder, sql_port=free_port(), http_port=free_port(),
                                     query_timeout_s=int(self.args.query_limit))
        password = secrets.token_hex(16)
        self.stack = contextlib.ExitStack()
        self.extra["start_s"], _ = timed(self.stack.enter_context, virtuoso.running(settings, password))
        kg = load(extra=[self.data])
        connection = virtuoso.Connection(settings.host, settings.sql_port, password)
        self.extra["bulk_load_s"], triples = timed(virtuoso.load, connection, kg, settings.staging)
        del kg
        self.backend = RemoteEndpoint(settings.url, timeout=self.args.query_limit)
        return triples

    def close(self) -> None:
        self.extra["server_peak_mb"] = children_peak_mb()
        self.stack.close()


def wait_for(endpoint, error: type[Exception], server: subprocess.Popen, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while True:
        try:
            endpoint.select("ASK { ?s ?p ?o }")
            return endpoint
        except error:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server at {endpoint.url} did not start") from None
            time.sleep(0.2)


# Engines in the order they run and are shown. Each class loads the files (``load``) and
# answers one named query (``run``); add a server or store here to compare it too.
ENGINES: dict[str, type] = {
    "project": Project,
    "disk": ProjectDisk,
    "oxigraph": Oxigraph,
    "rdflib": Rdflib,
    "server": Server,
    "virtuoso": Virtuoso,
}


def store_folder(args, data: Path) -> Path:
    return Path(args.work) / f"store-{data.name}"


# --------------------------------------------------------------------------------------------
# jobs, each run in a child process: an engine's load and query library, validation, networks
# --------------------------------------------------------------------------------------------

def query_job(args, data: Path, files: list[Path]) -> dict:
    from partnergraph.queries import library
    from partnergraph.synthetic import Synthetic
    engine = ENGINES[args.job](args, data, files)
    examples = Synthetic.open(data).examples
    load_s, triples = timed(engine.load)
    results, started = {}, time.monotonic()
    for query in library().values():
        if time.monotonic() - started > args.engine_limit:
            results[query.name] = {"status": "skipped", "times": []}
        else:
            results[query.name] = run_query(engine, query, example_params(query, examples), args)
    engine.close()
    return {"load_s": load_s, "triples": triples, "queries": results, "extra": engine.extra, "peak_mb": peak_mb()}


def paired_job(args, data: Path, files: list[Path]) -> dict:
    """The project's path and raw pyoxigraph in one process, their runs of each query taking
    turns, so that a busy machine slows both alike: the fairest ratio of the two."""
    from partnergraph.queries import library
    from partnergraph.synthetic import Synthetic
    engines = {"project": Project(args, data, files), "oxigraph": Oxigraph(args, data, files)}
    for engine in engines.values():
        engine.load()
    examples = Synthetic.open(data).examples
    results: dict[str, dict] = {name: {} for name in engines}
    for query in library().values():
        params = example_params(query, examples)
        rows = {name: engine.run(query, params) for name, engine in engines.items()}  # warm-up
        times: dict[str, list[float]] = {name: [] for name in engines}
        started = time.monotonic()
        for _ in range(args.repeat):
            for name, engine in engines.items():
                times[name].append(timed(engine.run, query, params)[0])
            if time.monotonic() - started > args.query_budget:
                break
        for name in engines:
            results[name][query.name] = {"status": "ok", "rows": rows[name], "times": times[name]}
    return {"queries": results, "peak_mb": peak_mb()}


def run_query(engine, query, params: dict[str, str], args) -> dict:
    """One warm-up run, then up to ``args.repeat`` timed runs within ``args.query_budget`` seconds
    (a query slower than the budget is timed once: its warm-up run)."""
    times: list[float] = []
    try:
        with time_limit(args.query_limit):
            first, rows = timed(engine.run, query, params)
        if first > args.query_budget:
            return {"status": "ok", "rows": rows, "times": [first]}
        for _ in range(args.repeat):
            with time_limit(args.query_limit):
                times.append(timed(engine.run, query, params)[0])
            if sum(times) > args.query_budget:
                break
        return {"status": "ok", "rows": rows, "times": times}
    except Timeout:
        return {"status": "timeout", "times": []}
    except Exception as error:  # an engine that cannot run a query is a result, not a crash
        return {"status": f"error: {type(error).__name__}: {str(error)[:200]}", "times": []}


BASELINE = "plain pySHACL (SPARQL parts included)"


def validation_job(args, data: Path, files: list[Path]) -> dict:
    """The project's validate() and, as the baseline it is compared with, plain pySHACL on the
    whole graph (validation.pyshacl_report): the same report, which the job checks too."""
    from partnergraph.loader import load
    from partnergraph.validation import pyshacl_report, validate
    kg = load(extra=[data])
    union_s, _ = timed(kg.union_graph)
    # validate() first: the peak memory after it is its own
    variants = {"validate()": validate, BASELINE: pyshacl_report}
    results, reports = {}, []
    for (name, run), expected in zip(variants.items(), json.loads(args.expected or "null") or [None] * 2):
        if expected is not None and expected > args.validation_limit:
            results[name] = {"seconds": None, "expected": expected}
            continue
        try:
            with time_limit(args.validation_limit):
                seconds, report = timed(run, kg)
            reports.append(report)
            results[name] = {"seconds": seconds, "violations": len(report.violations),
                             "warnings": len(report.warnings), "peak_mb": peak_mb()}
        except Timeout:
            results[name] = {"seconds": None}
    return {"union_graph_s": union_s, "variants": results, "peak_mb": peak_mb(),
            "same_report": reports[0] == reports[1] if len(reports) == 2 else None}


def network_job(args, data: Path, files: list[Path]) -> dict:
    from partnergraph import network, views
    from partnergraph.loader import load
    from partnergraph.namespaces import PGID
    from partnergraph.synthetic import Synthetic
    kg = load(extra=[data])
    hub = str(PGID[Synthetic.open(data).examples["institution"]])
    results = {}
    for projection in ("institutions", "full"):
        seconds, graph = timed(network.project, kg, projection)
        render_s, html = timed(views.render, graph)
        if projection == "institutions":  # as `partnergraph view --focus`: only the neighbourhood is read
            ego_s, focused = timed(network.institution_graph, kg, focus=hub)
        else:
            ego_s, focused = timed(network.ego, graph, hub)
        focused_s, focused_html = timed(views.render, focused)
        results[projection] = {"projection_s": seconds, "nodes": graph.number_of_nodes(),
                               "edges": graph.number_of_edges(), "render_s": render_s, "html_bytes": len(html),
                               "focus_s": ego_s + focused_s, "focus_nodes": focused.number_of_nodes(),
                               "focus_html_bytes": len(focused_html)}
        if projection == "institutions":  # the default view of `partnergraph view`, in a browser
            folder = Path(args.work) / f"views-{data.name}"
            folder.mkdir(parents=True, exist_ok=True)
            for name, page in (("browser_s", html), ("focus_browser_s", focused_html)):
                (folder / f"{name}.html").write_text(page, encoding="utf-8")
                results[projection][name] = settle_in_browser(folder / f"{name}.html")
    return {"projections": results, "peak_mb": peak_mb()}


def settle_in_browser(page: Path, limit: float = 60) -> float | None:
    """Seconds from navigation start until the view in ``page`` says it is ready (its script sets
    document.body.dataset.ready once the layout has settled), in the system's headless Chromium
    driven by Playwright (as the view tests do); None without a Chromium or when it never settles."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 800})
            tab.goto(page.resolve().as_uri(), wait_until="commit")
            # the page's own clock, read in the page as soon as it is ready
            ready = tab.wait_for_function(
                "() => document.body && document.body.dataset.ready === 'true' && performance.now()",
                polling=20, timeout=limit * 1000)
            return ready.json_value() / 1000
        except PlaywrightError:  # Playwright's TimeoutError included
            return None
        finally:
            browser.close()


JOBS = {**{name: query_job for name in ENGINES}, "paired": paired_job, "validation": validation_job,
        "network": network_job}


def child(args) -> None:
    from partnergraph import paths
    from partnergraph.loader import discover
    data = Path(args.data)
    files = discover(paths.default_sources()) + discover([data])
    print(json.dumps(JOBS[args.job](args, data, files)))


# --------------------------------------------------------------------------------------------
# the parent: generate, run every job of every size, report
# --------------------------------------------------------------------------------------------

def prepare(args, size: int) -> Path:
    from partnergraph.synthetic import MANIFEST, Synthetic, generate
    folder = Path(args.work) / f"data-{size}"
    if (folder / MANIFEST).is_file():
        known = Synthetic.open(folder)
        if known.seed == args.seed and abs(known.triples - size) <= 0.02 * size:
            return folder
    seconds, result = timed(generate, folder, size, args.seed)
    print(f"# generated {result.triples:,} triples in {seconds:.1f} s", file=sys.stderr, flush=True)
    return folder


def run_child(args, job: str, data: Path, expected: list | None = None) -> dict:
    command = [sys.executable, __file__, "--child", job, "--data", str(data), "--work", str(args.work),
               "--repeat", str(args.repeat), "--query-limit", str(args.query_limit),
               "--query-budget", str(args.query_budget), "--engine-limit", str(args.engine_limit),
               "--validation-limit", str(args.validation_limit), "--expected", json.dumps(expected)]
    limit = args.engine_limit + 27 * args.query_limit if job in ENGINES else 3 * args.validation_limit + 600
    print(f"# {data.name}: {job} ...", file=sys.stderr, flush=True)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return {"failed": f"stopped after {limit:.0f} s"}
    if done.returncode != 0:
        return {"failed": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def available(job: str) -> str | None:
    """Why ``job`` cannot run on this machine, or None."""
    if job == "network" and not all(importlib.util.find_spec(f"partnergraph.{m}") for m in ("network", "views")):
        return "partnergraph.network and partnergraph.views are not installed"
    if job == "virtuoso":
        if not importlib.util.find_spec("partnergraph.virtuoso"):
            return "partnergraph.virtuoso is not installed"
        from partnergraph import virtuoso
        if not virtuoso.installed():
            return "Virtuoso is not installed (Debian package virtuoso-opensource)"
    return None


def expected_validation(runs: dict[int, dict[str, dict]], size: int) -> list | None:
    """Each validation variant's time at ``size`` if it grows in proportion to the triples
    from the largest smaller size it ran at."""
    earlier = [s for s in runs if s < size and "variants" in runs[s].get("validation", {})]
    if not earlier:
        return None
    last = runs[max(earlier)]["validation"]["variants"].values()
    return [None if v["seconds"] is None else v["seconds"] * size / max(earlier) for v in last]


def main() -> None:
    args = options()
    if args.child:
        child(args)
        return
    results = Path(args.work) / "results.json"
    if args.from_json:  # the report again, from the results of earlier runs
        saved = [json.loads(Path(path).read_text()) for path in args.from_json.split(",")]
        runs: dict[int, dict[str, dict]] = {}
        for run in saved:  # runs of different engines or jobs at one size add up
            for size, jobs in run["runs"].items():
                runs.setdefault(int(size), {}).update(jobs)
        text = report("` and `".join(run["command"] for run in saved), dict(sorted(runs.items())))
        write_report(Path(args.out), text) if args.out else print(text)
        return
    command = "python scripts/benchmark.py " + " ".join(sys.argv[1:])
    from partnergraph.synthetic import parse_size
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    engines = args.engines.split(",")
    Path(args.work).mkdir(parents=True, exist_ok=True)
    runs: dict[int, dict[str, dict]] = {}
    rdflib_stopped = None
    for size in sizes:
        data = prepare(args, size)
        runs[size] = {}
        for job in engines + [j for j in ("paired", "validation", "network") if j in args.jobs.split(",")]:
            reason = available(job)
            if job == "rdflib" and rdflib_stopped:
                reason = f"not run: it exceeded its time bound at {rdflib_stopped}"
            runs[size][job] = {"failed": reason} if reason else run_child(args, job, data, expected_validation(runs, size))
            if job == "rdflib" and not reason and out_of_time(runs[size][job]):
                rdflib_stopped = f"{size:,} triples"
        shutil.rmtree(store_folder(args, data), ignore_errors=True)
        results.write_text(json.dumps({"command": command, "runs": runs}, indent=1))
        print(section(runs, size), flush=True)
        if args.out:
            write_report(Path(args.out), report(command, runs))


def out_of_time(run: dict) -> bool:
    """Whether a job used up its time (--engine-limit) before every query had run."""
    return "queries" not in run or any(q["status"] == "skipped" for q in run["queries"].values())


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M", help="triples, comma-separated (default 10k,100k,1M)")
    parser.add_argument("--engines", default=",".join(ENGINES), help=f"of {', '.join(ENGINES)}")
    parser.add_argument("--jobs", default="paired,validation,network", help="other jobs: paired (the project's path "
                        "and raw pyoxigraph taking turns in one process), validation, network")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query after a warm-up (default 5)")
    parser.add_argument("--query-budget", type=float, default=30,
                        help="seconds of timed runs per query; a slower query is timed once (default 30)")
    parser.add_argument("--query-limit", type=float, default=120, help="seconds before a query is stopped (default 120)")
    parser.add_argument("--engine-limit", type=float, default=900,
                        help="seconds of queries per engine and size; later queries are skipped, and rdflib "
                             "is not run at larger sizes (default 900)")
    parser.add_argument("--validation-limit", type=float, default=600,
                        help="seconds per validation variant (default 600)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", default="/tmp/partnergraph-benchmark", help="folder for data and stores")
    parser.add_argument("--out", help="Markdown file to write the results into (between its result markers)")
    parser.add_argument("--from-json", help="only write the report of earlier runs (their WORK/results.json, "
                                            "comma-separated)")
    parser.add_argument("--child", dest="job", help=argparse.SUPPRESS)
    parser.add_argument("--expected", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.child = args.job is not None
    return args


# --------------------------------------------------------------------------------------------
# the report
# --------------------------------------------------------------------------------------------

def median(times: list[float]) -> float | None:
    return statistics.median(times) if times else None


def p95(times: list[float]) -> float | None:
    """Nearest-rank 95th percentile (with fewer than 20 runs, the slowest)."""
    return sorted(times)[math.ceil(0.95 * len(times)) - 1] if times else None


def ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:,.1f}" if seconds < 10 else f"{seconds * 1000:,.0f}"


def sec(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}"


def library_total(run: dict) -> tuple[float, bool]:
    """Sum of the median times of the named queries, and whether every query finished."""
    times = [median(q["times"]) for q in run.get("queries", {}).values()]
    return sum(t for t in times if t is not None), all(t is not None for t in times) and bool(times)


def cell(run: dict, name: str) -> str:
    query = run.get("queries", {}).get(name)
    if query is None:
        return "–"
    if query["status"] != "ok":
        return query["status"].split(":")[0]
    return f"{ms(median(query['times']))} ({ms(p95(query['times']))})"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def section(runs: dict[int, dict[str, dict]], size: int) -> str:
    jobs = runs[size]
    engines = [e for e in ENGINES if e in jobs]
    parts = [f"### {size:,} triples"]
    loading = []
    for e in engines:
        run = jobs[e]
        if "failed" in run:
            loading.append([ENGINES[e].label, run["failed"] or "not run", "", "", "", ""])
            continue
        extra = "; ".join(f"{k} {sec(v) if k.endswith('_s') else f'{v:,.0f}'}" for k, v in run["extra"].items())
        loading.append([ENGINES[e].label, f"{run['triples']:,}", sec(run["load_s"]),
                        f"{run['triples'] / run['load_s']:,.0f}", f"{run['peak_mb']:,.0f}", extra])
    parts.append(table(["engine", "triples", "load s", "triples/s", "peak MiB", "also"], loading))
    columns = [(ENGINES[e].label, jobs[e]) for e in engines if "queries" in jobs[e]]
    paired = jobs.get("paired", {}).get("queries")
    if paired:
        columns += [("project, taking turns", {"queries": paired["project"]}),
                    ("raw pyoxigraph, taking turns", {"queries": paired["oxigraph"]})]
    if columns:
        first = columns[0][1]["queries"]
        rows = [[f"`{n}`", str(first[n].get("rows", "–"))] + [cell(run, n) for _, run in columns] for n in sorted(first)]
        totals = [library_total(run) for _, run in columns]
        rows.append(["**library (sum of medians)**", ""] +
                    [f"**{ms(t)}**" + ("" if done else " (incomplete)") for t, done in totals])
        parts.append("Named queries, median (p95) in ms; rows as the first engine returns them:\n\n" +
                     table(["query", "rows"] + [label for label, _ in columns], rows))
    parts += [text for text in (validation_section(jobs.get("validation")), network_section(jobs.get("network"))) if text]
    return "\n\n".join(parts)


def validation_section(run: dict | None) -> str:
    if not run:
        return ""
    if "failed" in run:
        return f"SHACL validation: {run['failed']}"
    def seconds(v: dict) -> str:
        if v["seconds"] is not None:
            return sec(v["seconds"])
        return f"not run (≈{v['expected']:,.0f} expected)" if "expected" in v else "stopped at the limit"
    def peak(v: dict) -> str:
        return f"{v['peak_mb']:,.0f}" if "peak_mb" in v else "–"
    variants = run["variants"]
    rows = [[name, seconds(v), peak(v), "–" if v["seconds"] is None else f"{v['violations']} violations, {v['warnings']} warnings"]
            for name, v in variants.items()]
    ours, baseline = variants.get("validate()", {}), variants.get(BASELINE, {})
    baseline_s = baseline.get("seconds") or baseline.get("expected")
    ratio = ""
    if ours.get("seconds") and baseline_s:
        ratio = (f"; validate() is {baseline_s / ours['seconds']:,.1f} times faster than plain pySHACL"
                 + ("" if baseline.get("seconds") else " is expected to be"))
    same = {True: "; the same report", False: "; **the reports differ**"}.get(run.get("same_report"), "")
    return (f"SHACL validation (copying the graph into rdflib for pySHACL: {sec(run['union_graph_s'])} s of each{ratio}{same}; "
            f"peak MiB after each variant, in one process):\n\n"
            + table(["variant", "seconds", "peak MiB", "result"], rows))


def network_section(run: dict | None) -> str:
    if not run:
        return ""
    if "failed" in run:
        return f"Networks and views: {run['failed']}"
    rows = [[name, sec(p["projection_s"]), f"{p['nodes']:,} / {p['edges']:,}", sec(p["render_s"]),
             f"{p['html_bytes'] / 1e6:.1f}", sec(p.get("browser_s")), sec(p["focus_s"]), f"{p['focus_nodes']:,}",
             f"{p['focus_html_bytes'] / 1e6:.1f}", sec(p.get("focus_browser_s"))]
            for name, p in run["projections"].items()]
    return ("Networks (networkx) and views (pyvis HTML), seconds; the focused view is the example "
            "institution and its neighbours (for institutions read from the graph as `partnergraph view "
            "--focus` does, for the full network cut from it); *settles* is the time from navigation start until the page "
            f"reports its layout settled in headless Chromium driven by Playwright (peak {run['peak_mb']:,.0f} MiB):\n\n"
            + table(["projection", "projection s", "nodes / edges", "default view s", "MB", "settles s",
                     "focused view s", "nodes", "MB", "settles s"], rows))


def targets(runs: dict[int, dict[str, dict]]) -> str:
    """Ratios between engines at each size, and the targets at one million triples."""
    rows = []
    for size, jobs in runs.items():
        total = {e: library_total(jobs[e]) for e in ENGINES if "queries" in jobs.get(e, {})}
        project, project_done = total.get("project", (None, False))

        def ratio(engine, inverse=False):
            """A lower bound when only the slower engine's library is incomplete."""
            if engine not in total or not project:
                return "–"
            value, done = total[engine]
            figure = project / value if inverse else value / project
            if done and project_done:
                return f"{figure:.2f}×"
            return f"{figure:.2f}× (≥, incomplete)" if project_done and not inverse else f"{figure:.2f}× (incomplete)"
        rows.append([f"{size:,}", ratio("rdflib"), ratio("oxigraph", inverse=True), paired_ratio(jobs),
                     ratio("disk"), ratio("server"), ratio("virtuoso")])
    text = ("Library time relative to the project's path (sum of medians): rdflib ÷ project, "
            "project ÷ raw Oxigraph (separate processes, and taking turns in one), and the servers ÷ project:\n\n"
            + table(["triples", "rdflib ÷ project", "project ÷ raw Oxigraph", "the same, taking turns",
                     "disk ÷ project", "Oxigraph server ÷ project", "Virtuoso ÷ project"], rows))
    million = next((jobs for size, jobs in runs.items() if 0.9e6 <= size <= 1.1e6), None)
    if million is None:
        return text
    return text + "\n\nTargets at 1M triples:\n\n" + table(["target", "measured", "holds"], target_rows(million))


def paired_ratio(jobs: dict[str, dict]) -> str:
    paired = jobs.get("paired", {}).get("queries")
    if not paired:
        return "–"
    project, _ = library_total({"queries": paired["project"]})
    oxigraph, _ = library_total({"queries": paired["oxigraph"]})
    return f"{project / oxigraph:.2f}×"


def target_rows(jobs: dict[str, dict]) -> list[list[str]]:
    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else "yes" if ok else "**no**"
    rows = []
    project, project_done = library_total(jobs.get("project", {}))
    if "queries" in jobs.get("rdflib", {}) and project:
        value, done = library_total(jobs["rdflib"])
        holds = value / project >= 30 if done or value / project >= 30 else None
        rows.append(["library ≥ 30× faster than plain rdflib", f"{value / project:.1f}×" + ("" if done else " (≥)"), verdict(holds)])
    else:
        rows.append(["library ≥ 30× faster than plain rdflib", jobs.get("rdflib", {}).get("failed", "–"), verdict(None)])
    if "queries" in jobs.get("paired", {}):
        paired = paired_ratio(jobs)
        rows.append(["library within 1.3× of raw pyoxigraph (taking turns in one process)", paired,
                     verdict(float(paired.rstrip("×")) <= 1.3)])
    elif "queries" in jobs.get("oxigraph", {}) and project:
        value, _ = library_total(jobs["oxigraph"])
        rows.append(["library within 1.3× of raw pyoxigraph", f"{project / value:.2f}×", verdict(project / value <= 1.3)])
    load = jobs.get("project", {}).get("load_s")
    rows.append(["load and index in under 10 s", f"{sec(load)} s", verdict(None if load is None else load < 10)])
    views = jobs.get("network", {}).get("projections", {}).get("institutions")
    rows.append(["focused view in under 5 s (its neighbourhood read from the loaded graph, and rendered)",
                 f"{sec(views['focus_s'])} s" if views else "–", verdict(None if not views else views["focus_s"] < 5)])
    settle = views.get("browser_s") if views else None
    rows.append(["default view settles in a browser in under 3 s", f"{sec(settle)} s",
                 verdict(None if settle is None else settle < 3)])
    return rows


def machine() -> str:
    import pyoxigraph
    import pyshacl
    import rdflib
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 1024 ** 2
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB; Python {platform.python_version()}, "
            f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}, pySHACL {pyshacl.__version__}")


def report(command: str, runs: dict[int, dict[str, dict]]) -> str:
    return "\n\n".join([f"Measured with `{command}` on {machine()}.", targets(runs)]
                       + [section(runs, size) for size in runs])


def write_report(path: Path, text: str) -> None:
    """Put ``text`` between the result markers of ``path``, keeping the rest of the file."""
    block = f"{MARK_BEGIN}\n{text}\n{MARK_END}"
    old = path.read_text(encoding="utf-8") if path.is_file() else f"# Benchmark\n\n{MARK_BEGIN}\n{MARK_END}\n"
    start, end = old.find(MARK_BEGIN), old.find(MARK_END)
    new = old[:start] + block + old[end + len(MARK_END):] if 0 <= start < end else old.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
