"""The HTML network views, opened as a person would: in headless Chromium (Debian's), from disk,
with every request off the machine refused and recorded. Each view must draw all its nodes,
ask for nothing over the network, log no error, and keep text from the graph as text."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import sync_playwright
from typer.testing import CliRunner

from partnergraph import network, views
from partnergraph.cli import app
from partnergraph.loader import load
from partnergraph.namespaces import PGID

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
HOSTILE = "<img src=x onerror=alert(1)><script>window.pwned=1</script>"
HOSTILE_KIND = "<b onmouseover=alert(2)>bold</b> & </script>"
KYOTO = str(PGID["kyoto-university"])


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class View:
    """A view open in the browser, with what it asked for and what it logged."""

    def __init__(self, browser, path: Path) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("request", lambda request: request.url != path.as_uri() and self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def counts(self) -> tuple[int, int, int, int]:
        return tuple(self.js("[partnergraph.nodes.length, partnergraph.nodesView.length, "
                             "partnergraph.edges.length, partnergraph.edgesView.length]"))

    def painted(self) -> int:
        """Pixels that the network drew on its canvas."""
        return self.js("""(() => {
            const canvas = document.querySelector('#network canvas');
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let drawn = 0;
            for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) drawn++; }
            return drawn; })()""")

    def assert_clean(self) -> None:
        assert self.requests == [] and self.errors == [] and self.dialogs == []

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def opened(browser):
    pages = []

    def open_view(path: Path) -> View:
        pages.append(View(browser, path))
        return pages[-1]

    yield open_view
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def institutions(kg):
    return network.project(kg, "institutions")


STANDARD = {
    "institutions": lambda kg: network.project(kg, "institutions"),
    "full": lambda kg: network.project(kg, "full"),
    "memberships": lambda kg: network.project(kg, "memberships"),
    "co-memberships": lambda kg: network.project(kg, "co-memberships"),
    "countries": lambda kg: network.project(kg, "countries"),
    "kyoto-depth-2": lambda kg: network.ego(network.project(kg, "institutions"), KYOTO, 2),
    "consortium-suiji": lambda kg: network.consortium_network(kg, str(PGID["suiji"])),
    "country-france": lambda kg: network.in_country(network.project(kg, "institutions"), "FR"),
    "institutions-ja": lambda kg: network.project(kg, "institutions", lang="ja"),
}


@pytest.mark.parametrize("name", list(STANDARD))
def test_standard_view_draws_every_node_offline(kg, opened, tmp_path, name):
    graph = STANDARD[name](kg)
    lang = "ja" if name.endswith("-ja") else "en"
    path = tmp_path / f"{name}.html"
    views.write(graph, path, lang=lang)
    view = opened(path)
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    assert view.counts() == (n, n, m, m)
    assert view.js("document.querySelectorAll('#network canvas').length") == 1
    assert view.painted() > 2000
    assert view.page.text_content("#stats").replace(",", "").count(str(n)) >= 1
    view.assert_clean()
    # the page asks for nothing: every script and style is inline
    html = path.read_text()
    assert "<script src" not in html and "<link" not in html and "@import" not in html
    shot = tmp_path / f"{name}.png"
    view.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


def test_japanese_view_speaks_japanese(kg, opened, tmp_path):
    path = tmp_path / "ja.html"
    views.write(network.project(kg, "institutions", lang="ja"), path, lang="ja")
    view = opened(path)
    assert view.js(f"partnergraph.nodes.get('{KYOTO}').label") == "京都大学"
    assert view.page.text_content("h1") == "機関間の連携"
    assert "大学" in view.page.text_content("details[data-group=kind]")


def test_search_selects_and_focuses_matches(institutions, opened, tmp_path):
    path = tmp_path / "search.html"
    views.write(institutions, path)
    view = opened(path)
    matches = sorted(n for n, label in institutions.nodes(data="label") if "kyoto" in label.casefold())
    assert matches
    view.page.fill("#search", "Kyoto")
    assert view.page.text_content("#search-count") == f"{len(matches)} matches"
    assert sorted(view.js("partnergraph.network.getSelectedNodes()")) == matches
    assert "Kyoto University" in view.page.inner_text("#search-results")
    before = view.js("partnergraph.network.getViewPosition()")
    view.page.press("#search", "Enter")
    view.page.wait_for_timeout(700)
    assert view.js("partnergraph.network.getSelectedNodes()") == [matches[0]]
    assert view.js("partnergraph.network.getViewPosition()") != before
    view.page.fill("#search", "")
    assert view.js("partnergraph.network.getSelectedNodes()") == []
    view.assert_clean()


def visible(view: View) -> tuple[int, int]:
    return view.js("[partnergraph.nodesView.length, partnergraph.edgesView.length]")


def among(graph: nx.Graph, nodes: set[str]) -> int:
    return sum(1 for u, v in graph.edges() if u in nodes and v in nodes)


def test_filters_by_kind_country_and_partnership_kind(institutions, opened, tmp_path):
    path = tmp_path / "filters.html"
    views.write(institutions, path)
    view = opened(path)
    total = (institutions.number_of_nodes(), institutions.number_of_edges())

    view.page.uncheck("input[data-filter=kind][value=university]")
    others = {n for n, kind in institutions.nodes(data="kind") if kind != "university"}
    assert visible(view) == [len(others), among(institutions, others)]
    view.page.click("details[data-group=kind] button[data-set=all]")
    assert visible(view) == list(total)

    view.page.click("details[data-group=country] button[data-set=none]")
    assert visible(view) == [0, 0]
    view.page.check("input[data-filter=country][value=FR]")
    french = {n for n, codes in institutions.nodes(data="country") if codes and "FR" in codes.split("; ")}
    assert visible(view) == [len(french), among(institutions, french)]
    view.page.click("details[data-group=country] button[data-set=all]")

    view.page.click("details[data-group=pkind] button[data-set=none]")
    view.page.check("input[data-filter=pkind][value='pgc:strategic-partnership']")
    strategic = [(u, v) for u, v, kinds in institutions.edges(data="kinds")
                 if "pgc:strategic-partnership" in (kinds or "").split("; ")]
    assert visible(view) == [len({n for edge in strategic for n in edge}), len(strategic)]
    view.assert_clean()


def hostile_graph(tmp_path: Path):
    extra = tmp_path / "hostile.ttl"
    extra.write_text(f"""
@prefix pg: <https://w3id.org/partnergraph/ontology#> . @prefix pgid: <https://w3id.org/partnergraph/id/> .
@prefix pgc: <https://w3id.org/partnergraph/concept/> . @prefix pgsrc: <https://w3id.org/partnergraph/source/> .
@prefix country: <https://w3id.org/partnergraph/country/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
pgid:hostile-university a pg:University ; rdfs:label "{HOSTILE}"@en , "{HOSTILE}"@ja ;
    pg:country country:JP ; prov:wasDerivedFrom pgsrc:report-kyushu-en .
pgc:hostile-kind a skos:Concept ; skos:inScheme pgc:collaboration-types ; skos:prefLabel "{HOSTILE_KIND}"@en .
pgid:hostile-partnership a pg:Partnership ; rdfs:label "</script><script>window.pwned=2</script>"@en ;
    pg:participant pgid:hostile-university , pgid:kyoto-university ; pg:partnershipKind pgc:hostile-kind ;
    prov:wasDerivedFrom pgsrc:report-kyushu-en .
""")
    return load(extra=[extra])


def test_hostile_labels_stay_text(opened, tmp_path):
    kg = hostile_graph(tmp_path)
    hostile = str(PGID["hostile-university"])
    graph = network.ego(network.project(kg, "institutions"), hostile, 2)
    path = tmp_path / "hostile.html"
    views.write(graph, path)
    view = opened(path)
    assert view.counts()[0] == graph.number_of_nodes()
    assert view.js("window.pwned") is None
    assert view.js("[document.images.length, document.scripts.length]") == [0, 3]
    assert HOSTILE in view.page.text_content("h1") and HOSTILE in view.page.title()
    assert HOSTILE_KIND in view.page.text_content("details[data-group=pkind]")
    assert view.js("document.querySelectorAll('#panel b, #panel img, #panel script').length") == 0

    view.page.fill("#search", "onerror")
    assert view.page.inner_text("#search-results") == HOSTILE

    view.page.press("#search", "Enter")  # centre the node, then hover it for its tooltip
    view.page.wait_for_timeout(700)
    x, y = view.js(f"""(() => {{ const p = partnergraph.network.canvasToDOM(
        partnergraph.network.getPosition('{hostile}'));
        const box = document.querySelector('#network').getBoundingClientRect();
        return [p.x + box.left, p.y + box.top]; }})()""")
    view.page.mouse.move(x, y)
    view.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    assert HOSTILE in view.page.text_content("div.vis-tooltip")
    assert view.js("document.querySelectorAll('div.vis-tooltip *:not(div):not(strong):not(span)').length") == 0
    assert view.js("window.pwned") is None
    view.assert_clean()


def test_a_large_view_says_what_it_left_out(institutions, opened, tmp_path):
    path = tmp_path / "limited.html"
    views.write(institutions, path, limit=10)
    view = opened(path)
    assert view.counts()[0] == 10
    notice = view.page.text_content("#notice")
    assert f"the 10 best connected of {institutions.number_of_nodes()} nodes" in notice
    assert f"{institutions.number_of_nodes() - 10} nodes" in notice
    assert "partnergraph view --projection countries" in notice and "partnergraph view --focus pgid:" in notice
    view.assert_clean()


def test_a_graph_too_large_for_physics_is_laid_out_beforehand(opened, tmp_path):
    graph = nx.gnm_random_graph(1500, 4000, seed=1)
    graph = nx.relabel_nodes(graph, {n: f"https://example.org/n{n}" for n in graph})
    for node in graph:
        graph.nodes[node].update(label=node.rsplit("/", 1)[1], kind="university", kind_label="university")
    graph.graph["projection"] = "institutions"
    path = tmp_path / "large.html"
    views.write(graph, path)
    view = opened(path)
    shown = views.strongest(graph, views.DEFAULT_LIMIT)
    assert view.counts() == (views.DEFAULT_LIMIT,) * 2 + (shown.number_of_edges(),) * 2
    assert view.js("partnergraph.nodes.get().every(n => typeof n.x === 'number' && typeof n.y === 'number')")
    assert view.js("partnergraph.network.physics.physicsEnabled") is False
    assert view.painted() > 2000
    assert "500 nodes" in view.page.text_content("#notice")
    view.assert_clean()


def test_view_command_writes_a_focused_view(institutions, opened, tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("PARTNERGRAPH_STORE", str(tmp_path_factory.getbasetemp() / "store"))
    path = tmp_path / "kyoto.html"
    done = CliRunner().invoke(app, ["view", "--focus", "Kyoto University", "--depth", "2", "--out", str(path)])
    assert done.exit_code == 0, done.output
    view = opened(path)
    expected = network.ego(institutions, KYOTO, 2)
    assert view.counts()[0] == expected.number_of_nodes() and view.counts()[2] == expected.number_of_edges()
    assert view.js("partnergraph.network.getSelectedNodes()") == [KYOTO]
    assert "Kyoto University" in view.page.text_content("h1")
    view.assert_clean()
