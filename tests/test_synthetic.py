"""The synthetic graph generator: valid against the shapes with the curated graph, deterministic
for a seed, the size asked for, the entity counts it reports, and answers to every named query."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from partnergraph import paths
from partnergraph.api import run
from partnergraph.loader import load
from partnergraph.queries import library
from partnergraph.synthetic import Synthetic, generate, parse_size
from partnergraph.validation import validate

SIZE = 5_000


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Synthetic:
    return generate(tmp_path_factory.mktemp("synthetic"), SIZE, seed=1)


@pytest.fixture(scope="module")
def alone(synthetic):
    """The generated files only, without the ontology."""
    return load(sources=[synthetic.folder])


@pytest.fixture(scope="module")
def combined(synthetic):
    """The project's ontology and curated graph with the generated files added."""
    return load(extra=[synthetic.folder])


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.ttl"))}


def test_valid_together_with_the_curated_graph(synthetic, combined):
    report = validate(combined)
    generated = {str(p) for p in synthetic.files}
    assert report.conforms, "\n".join(map(str, report.violations[:10]))
    # the curated graph has warnings of its own; the generated data adds none
    assert not [w for w in report.warnings if generated & set(w.files)]


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    first = generate(tmp_path / "a", 3_000, seed=7)
    again = generate(tmp_path / "b", 3_000, seed=7)
    other = generate(tmp_path / "c", 3_000, seed=8)
    assert contents(first.folder) == contents(again.folder)
    assert (first.triples, first.counts, first.examples) == (again.triples, again.counts, again.examples)
    assert contents(first.folder).keys() == contents(other.folder).keys()
    assert contents(first.folder) != contents(other.folder)


def test_a_rerun_in_the_same_folder_replaces_the_files(tmp_path):
    generate(tmp_path, 20_000, seed=3)
    smaller = generate(tmp_path, 3_000, seed=3)
    assert sorted(tmp_path.rglob("*.ttl")) == sorted(smaller.files)
    assert Synthetic.open(tmp_path) == smaller


@pytest.mark.parametrize("size", [3_000, 40_000])
def test_the_size_asked_for_within_two_percent(tmp_path, size):
    result = generate(tmp_path, size, seed=2)
    assert abs(result.triples - size) <= 0.02 * size
    assert len(load(sources=[tmp_path])) == result.triples  # no triple written twice


def test_every_file_is_its_own_named_graph(synthetic, alone):
    assert len(synthetic.files) >= 10
    assert sorted(s.path for s in alone.sources) == sorted(synthetic.files)
    assert all(s.triples > 0 for s in alone.sources)
    assert sum(s.triples for s in alone.sources) == synthetic.triples


def test_entity_counts_are_those_in_the_graph(synthetic, alone):
    rows = alone.select("SELECT ?type (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?type } GROUP BY ?type")
    counted = {alone.dataset.namespace_manager.normalizeUri(rdflib.URIRef(t.value)): int(n.value) for t, n in rows}
    assert counted == synthetic.counts
    for kind in ("pg:University", "pg:Partnership", "pg:Consortium", "org:Membership", "pg:Programme",
                 "pg:Figure", "pg:SourceSection", "pg:Disagreement", "schema:Person", "pg:Participation"):
        assert synthetic.counts[kind] > 0, kind


def test_partnerships_bilateral_and_n_ary_with_dates(alone):
    rows = alone.select("""SELECT ?n (COUNT(*) AS ?partnerships) WHERE {
        { SELECT ?p (COUNT(?x) AS ?n) WHERE { ?p a pg:Partnership ; pg:participant ?x } GROUP BY ?p } }
        GROUP BY ?n""")
    sizes = {int(n.value) for n, _ in rows}
    assert 2 in sizes and any(n >= 3 for n in sizes)
    undated = alone.select("SELECT ?p WHERE { ?p a pg:Partnership FILTER NOT EXISTS { ?p schema:startDate ?d } }")
    assert not list(undated)


@pytest.mark.parametrize("name", sorted(library()))
def test_every_named_query_has_answers(synthetic, combined, name):
    query = library()[name]
    params = {p.name: synthetic.examples[p.name] for p in query.params}
    assert len(run(combined, query, params)) > 0


def test_sizes_as_people_write_them():
    assert [parse_size(s) for s in ("10000", "10k", "2.5M", "1_000_000")] == [10_000, 10_000, 2_500_000, 1_000_000]
    with pytest.raises(ValueError):
        parse_size("ten")


def test_the_script_writes_a_graph(tmp_path):
    script = paths.data_root() / "scripts" / "generate.py"
    done = subprocess.run([sys.executable, str(script), "--triples", "2k", "--seed", "4", "--out", str(tmp_path)],
                          capture_output=True, text=True, check=True)
    written = Synthetic.open(tmp_path)
    assert f"{written.triples} triples" in done.stdout
    assert written.seed == 4 and abs(written.triples - 2_000) <= 200


def test_labels_come_in_batches(combined, monkeypatch):
    from partnergraph import results
    monkeypatch.setattr(results, "LABEL_BATCH", 100)
    named = {x.value: label.value for x, label in combined.select(
        'SELECT ?x ?label WHERE { ?x rdfs:label ?label FILTER (isIRI(?x) && lang(?label) = "en") }')}
    assert len(named) > 5 * results.LABEL_BATCH
    assert results.labels(combined, set(named), "en") == named
