"""Loading Turtle sources: one named graph per file, clear errors for bad files."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from partnergraph import paths
from partnergraph.errors import SourceNotFoundError, SourceSyntaxError
from partnergraph.loader import discover, graph_name, load

PREFIXES = """@prefix pgid: <https://w3id.org/partnergraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def test_every_project_file_is_its_own_named_graph(kg):
    files = discover(paths.default_sources())
    assert len(kg.sources) == len(files) >= 15
    assert len({s.graph for s in kg.sources}) == len(files)
    assert all(s.triples > 0 for s in kg.sources), [s.label for s in kg.sources if s.triples == 0]
    labels = {s.label for s in kg.sources}
    assert "graph/sources.ttl" in labels and "ontology/partnergraph.ttl" in labels


def test_shapes_are_not_loaded_as_data(kg):
    assert "ontology/shapes.ttl" not in {s.label for s in kg.sources}


def test_graph_names_are_stable_paths():
    assert graph_name(paths.graph_dir() / "sources.ttl") == "https://w3id.org/partnergraph/graph/graph/sources.ttl"


def test_syntax_error_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(PREFIXES + 'pgid:a rdfs:label "A"@en .\npgid:b rdfs:label "B"@en\npgid:c rdfs:label "C"@en .\n')
    with pytest.raises(SourceSyntaxError) as caught:
        load(sources=[bad])
    error = caught.value
    assert error.path == bad and error.line == 5
    assert str(error).startswith(f"{bad}:5:")


def test_unknown_prefix_is_named(tmp_path):
    bad = tmp_path / "prefix.ttl"
    bad.write_text(PREFIXES + "pgid:a rdfs:seeAlso nope:thing .\n")
    with pytest.raises(SourceSyntaxError, match=r"prefix\.ttl:3:.*nope: has not been declared"):
        load(sources=[bad])


def test_broken_file_adds_nothing(tmp_path):
    good = tmp_path / "a.ttl"
    good.write_text(PREFIXES + 'pgid:a rdfs:label "A"@en .\n')
    bad = tmp_path / "b.ttl"
    bad.write_text(PREFIXES + 'pgid:b rdfs:label "B"@en .\npgid:c rdfs:label\n')
    kg = load(sources=[good])
    with pytest.raises(SourceSyntaxError):
        kg.load_file(bad)
    assert len(kg) == 1


def test_missing_path_is_named(tmp_path):
    with pytest.raises(SourceNotFoundError, match="nowhere.ttl"):
        load(extra=[tmp_path / "nowhere.ttl"])


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "partnergraph", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def test_build_works_from_any_directory(tmp_path):
    done = _cli("build", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "SHACL: conforms" in done.stdout
    assert "partnerships" in done.stdout and "universities" in done.stdout


def test_build_reports_a_broken_user_file_and_fails(tmp_path):
    bad = tmp_path / "mine.ttl"
    bad.write_text(PREFIXES + "pgid:a rdfs:label .\n")
    done = _cli("build", str(bad), cwd=tmp_path)
    assert done.returncode == 1
    assert f"{bad}:3:" in done.stderr and "syntax error" in done.stderr
    assert "Traceback" not in done.stderr


def test_persistent_store_is_reused_until_a_source_changes(tmp_path, monkeypatch):
    from partnergraph import loader

    data = tmp_path / "mine.ttl"
    data.write_text(PREFIXES + 'pgid:a rdfs:label "A"@en .\n')
    first = loader.load_persistent(tmp_path / "store", sources=[data])
    assert len(first) == 1 and first.sources[0].path == data
    del first

    def no_parsing(store, path, bulk=False):
        raise AssertionError(f"{path} parsed again although unchanged")

    monkeypatch.setattr(loader, "load_into", no_parsing)
    again = loader.load_persistent(tmp_path / "store", sources=[data])
    assert len(again) == 1 and [s.label for s in again.sources] == [str(data)]
    del again
    monkeypatch.undo()

    data.write_text(PREFIXES + 'pgid:a rdfs:label "A"@en .\npgid:b rdfs:label "B"@en .\n')
    changed = loader.load_persistent(tmp_path / "store", sources=[data])
    assert len(changed) == 2
    assert len(list((tmp_path / "store").iterdir())) == 1  # the outdated store is gone


def _labels(count: int) -> str:
    return "".join(f'pgid:a{i} rdfs:label "A {i}"@en .\n' for i in range(count))


@pytest.mark.parametrize("lines_before", [0, 5000], ids=["small", "bulk-loaded"])
def test_a_failed_build_leaves_no_store_behind(tmp_path, lines_before):
    from partnergraph import loader

    good = tmp_path / "a.ttl"
    good.write_text(PREFIXES + 'pgid:a rdfs:label "A"@en .\n')
    bad = tmp_path / "b.ttl"
    bad.write_text(PREFIXES + _labels(lines_before) + "pgid:b rdfs:label .\n")
    assert (bad.stat().st_size >= loader.BULK_LOAD_FROM) == (lines_before > 0)
    with pytest.raises(SourceSyntaxError, match=rf"b\.ttl:{lines_before + 3}:"):
        loader.load_persistent(tmp_path / "store", sources=[good, bad])
    assert list((tmp_path / "store").iterdir()) == []


def test_each_file_counts_its_distinct_triples_in_memory_and_on_disk(tmp_path):
    from partnergraph import loader

    big = tmp_path / "a.ttl"  # bulk-loaded on disk, every triple stated twice
    big.write_text(PREFIXES + _labels(5000) + _labels(5000))
    small = tmp_path / "b.ttl"  # a triple of a.ttl again: each file's graph holds its own copy
    small.write_text(PREFIXES + _labels(1))
    assert big.stat().st_size >= loader.BULK_LOAD_FROM > small.stat().st_size
    on_disk = loader.load_persistent(tmp_path / "store", sources=[big, small])
    in_memory = load(sources=[big, small])
    assert [s.triples for s in on_disk.sources] == [s.triples for s in in_memory.sources] == [5000, 1]
    assert len(on_disk) == len(in_memory) == 5001


def test_a_killed_build_keeps_the_previous_store_and_the_next_run_finishes_it(tmp_path):
    from partnergraph import loader

    files = [tmp_path / f"{name}.ttl" for name in "abc"]
    for path in files:
        path.write_text(PREFIXES + f'pgid:{path.stem} rdfs:label "{path.stem}"@en .\n')
    store = tmp_path / "store"
    previous = loader.load_persistent(store, sources=files[:2])
    assert len(previous) == 2
    del previous
    # a build of the changed sources killed while loading its second file
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from partnergraph import loader
        real, calls = loader.load_into, []
        def load_into(store, path, bulk=False):
            calls.append(path)
            if len(calls) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(store, path, bulk)
        loader.load_into = load_into
        loader.load_persistent(Path({str(store)!r}), sources=[Path(p) for p in {[str(f) for f in files]!r}])
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert done.returncode == -signal.SIGKILL
    assert any(".building-" in p.name for p in store.iterdir())  # what the killed build left
    assert len(loader.load_persistent(store, sources=files[:2])) == 2  # the previous store, intact
    finished = loader.load_persistent(store, sources=files)
    assert len(finished) == 3
    assert [p.name for p in store.iterdir()] == [finished.location.name]  # dead build and old store gone


def test_the_persistent_store_is_read_only(tmp_path):
    from partnergraph import loader

    data = tmp_path / "mine.ttl"
    data.write_text(PREFIXES + 'pgid:a rdfs:label "A"@en .\n')
    kg = loader.load_persistent(tmp_path / "store", sources=[data])
    with pytest.raises(RuntimeError, match="read-write"):
        kg.store.update("INSERT DATA { <urn:x> <urn:y> <urn:z> }")


def test_loading_shows_its_progress_on_a_terminal(monkeypatch):
    from rich.console import Console

    from partnergraph import cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=100))
    files = discover([paths.ontology_dir()])
    kg = load(sources=files, track=cli._tracked)
    assert len(kg.sources) == len(files)
    shown = screen.getvalue()
    assert f"loading {files[-1].name}" in shown and "kB" in shown
