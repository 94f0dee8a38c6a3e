"""Networks as self-contained HTML views: vis-network (from the pyvis package) inlined, so the
page opens from disk with no network access.

pyvis supplies the vis-network options; the node and edge lists are written here directly
(pyvis's ``add_edge`` and ``from_nx`` take quadratic time) into the project's own template,
whose data sits in a JSON script block escaped against ``</script>``. Every string from the
graph reaches the page either through Jinja's autoescape or as JSON that the page's script
puts into the document with ``textContent``, never as markup.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path

import jinja2
import networkx as nx
import numpy as np
import pyvis
from pyvis.network import Network

from .files import write_atomic
from .network import SEPARATOR, sorted_edges
from .results import curie

DEFAULT_LIMIT = 1000  # nodes in one view; above it the view keeps the best connected
EDGE_LIMIT = 5000  # links in one view, likewise
PHYSICS_LIMIT = 300  # above this many nodes the layout is computed here, not in the browser

# Colour and vis.js shape of each entity kind (shapes whose label sits outside, so that the
# size can follow the degree).
STYLES = {
    "university": ("#4e79a7", "dot"),
    "joint-institute": ("#76b7b2", "hexagon"),
    "consortium": ("#f28e2b", "square"),
    "group": ("#edc948", "triangleDown"),
    "government": ("#e15759", "diamond"),
    "agency": ("#ff9da7", "diamond"),
    "intergovernmental": ("#b07aa1", "triangle"),
    "unit": ("#a0a0a8", "dot"),
    "programme": ("#59a14f", "triangle"),
    "partnership": ("#9c755f", "star"),
    "country": ("#4e79a7", "dot"),
}
OTHER_STYLE = ("#bab0ac", "dot")
EDGE_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
                "#17becf", "#bcbd22", "#393b79", "#ad494a", "#637939", "#7b4173", "#3182bd")
EDGE_OTHER = "#9a9a9a"
ALLIANCE_BORDER = "#c9a227"

UI = {
    "en": {
        "search": "Search names", "matches": "{n} matches", "kinds": "Kinds", "countries": "Countries",
        "partnership_kinds": "Partnership kinds", "links": "Links", "all": "all", "none": "none",
        "no_country": "no country", "other": "other", "arranging": "Arranging {n} nodes…",
        "shown": "Showing {nodes} of {all_nodes} nodes and {edges} of {all_edges} links",
        "key": "Size: number of links.", "key_alliance": "Dashed line, gold ring: one-to-many partnership or alliance.",
        "truncated": "This view shows the {shown} best connected of {total} nodes: {nodes} nodes and {edges} links "
                     "are left out so that the page stays quick.",
        "merged": "Parallel links between two nodes are drawn as one: {links} links as {pairs}.",
        "instead_countries": "For the whole landscape, open the country aggregate:",
        "instead_focus": "For one institution, open a focused view:",
        "more": "and {n} more",
        "fields": {"kind_label": "kind", "country_label": "country", "founded": "founded", "start": "since",
                   "end": "until", "kinds_label": "partnership kinds", "role_label": "role",
                   "consortia_label": "shared consortia", "institutions": "institutions",
                   "partnerships": "partnerships", "weight": "weight", "merged": "links here", "degree": "links",
                   "source_label": "source"},
        "titles": {"institutions": "Partnerships between institutions",
                   "full": "Institutions, bodies, consortia, programmes and partnerships",
                   "memberships": "Members of consortia", "co-memberships": "Institutions that share consortia",
                   "countries": "Partnerships between countries", "consortium": "{label}: members and their partnerships",
                   "focus": "{title} around {label} ({depth} steps)", "country": "{title}: {country}"},
    },
    "ja": {
        "search": "名前で検索", "matches": "{n}件", "kinds": "種類", "countries": "国",
        "partnership_kinds": "連携の種類", "links": "リンク", "all": "すべて", "none": "なし",
        "no_country": "国なし", "other": "その他", "arranging": "{n}ノードを配置しています…",
        "shown": "ノード {nodes}/{all_nodes}・リンク {edges}/{all_edges} を表示",
        "key": "大きさ：リンクの数。", "key_alliance": "破線・金色の縁：1対多の連携・大学連合。",
        "truncated": "表示しているのは全{total}ノードのうちリンクの多い{shown}ノードです。ページを軽く保つため、"
                     "{nodes}ノードと{edges}リンクを省略しました。",
        "merged": "同じ2ノード間のリンクは1本にまとめて描いています（{links}リンクを{pairs}本に）。",
        "instead_countries": "全体像は国別の集計で：",
        "instead_focus": "個々の機関は焦点を絞った表示で：",
        "more": "ほか{n}件",
        "fields": {"kind_label": "種類", "country_label": "国", "founded": "設立", "start": "開始",
                   "end": "終了", "kinds_label": "連携の種類", "role_label": "役割",
                   "consortia_label": "共通のコンソーシアム", "institutions": "機関数",
                   "partnerships": "連携数", "weight": "重み", "merged": "この間のリンク数", "degree": "リンク数",
                   "source_label": "出典"},
        "titles": {"institutions": "機関間の連携", "full": "機関・政府機関・コンソーシアム・プログラム・連携",
                   "memberships": "コンソーシアムの加盟機関", "co-memberships": "コンソーシアムを共有する機関",
                   "countries": "国と国の連携", "consortium": "{label}：加盟機関とその連携",
                   "focus": "{title}：{label}を中心に（{depth}段階）", "country": "{title}：{country}"},
    },
}
TOOLTIP_SOURCES = 3  # source sections named in a tooltip; the rest are counted


def _split(value) -> list[str]:
    return [v for v in str(value).split(SEPARATOR) if v] if value else []


def _label(graph: nx.Graph, node: str) -> str:
    return graph.nodes[node].get("label", curie(node))


def _tooltip(attrs: dict, ui: dict) -> list[list[str]]:
    """(field, value) rows: the page turns them into text, never into markup."""
    rows = []
    for key, field in ui["fields"].items():
        value = attrs.get(key)
        if value is None or value == "":
            continue
        if key == "source_label":
            sources = _split(value)
            value = SEPARATOR.join(sources[:TOOLTIP_SOURCES])
            if len(sources) > TOOLTIP_SOURCES:
                value += " " + ui["more"].format(n=len(sources) - TOOLTIP_SOURCES)
        rows.append([field, str(value)])
    return rows


def _neighbours(graph: nx.Graph, node: str) -> set[str]:
    return set(nx.all_neighbors(graph, node)) if graph.is_directed() else set(graph[node])


def strongest(graph: nx.Graph, limit: int, edge_limit: int = EDGE_LIMIT) -> nx.Graph:
    """The best connected nodes (most links first, ties by IRI): at most ``limit`` of them, and
    as many as keep the pairs of linked nodes among them within ``edge_limit``."""
    if graph.number_of_nodes() <= limit and graph.number_of_edges() <= edge_limit:
        return graph
    kept: set[str] = set()
    pairs = 0
    for node in sorted(graph.nodes, key=lambda n: (-graph.degree(n), n)):
        joining = len(_neighbours(graph, node) & (kept | {node}))
        if len(kept) == limit or pairs + joining > edge_limit:
            break
        kept.add(node)
        pairs += joining
    return graph.subgraph(kept)


def merged(graph: nx.Graph) -> nx.Graph:
    """One link per linked pair of nodes, standing for all the links between them: the kind most
    of them have, all their kinds, ``merged`` their number."""
    simple = nx.DiGraph() if graph.is_directed() else nx.Graph()
    simple.graph.update(graph.graph)
    simple.add_nodes_from(graph.nodes(data=True))
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for u, v, attrs in sorted_edges(graph):
        groups[u, v].append(attrs)
    for (u, v), group in groups.items():
        if len(group) == 1:
            simple.add_edge(u, v, **group[0])
            continue
        kind = Counter(a.get("kind", "") for a in group).most_common(1)[0][0]
        names = {k: name for a in group for k, name in zip(_split(a.get("kinds")), _split(a.get("kinds_label")))}
        simple.add_edge(u, v, kind=kind, kind_label=next(a.get("kind_label", kind) for a in group if a.get("kind", "") == kind),
                        kinds=SEPARATOR.join(names), kinds_label=SEPARATOR.join(names.values()), merged=len(group),
                        alliance=any(a.get("alliance") for a in group))
    return simple


def _physics(graph: nx.Graph) -> bool:
    """Whether the browser lays the graph out itself (quick for small graphs only)."""
    return graph.number_of_nodes() <= PHYSICS_LIMIT and graph.number_of_edges() <= 3 * PHYSICS_LIMIT


def _palette(kinds: Counter) -> dict[str, str]:
    """Edge colours, the commonest kinds first."""
    ranked = sorted(kinds, key=lambda k: (-kinds[k], k))
    return {k: EDGE_COLOURS[i] if i < len(EDGE_COLOURS) else EDGE_OTHER for i, k in enumerate(ranked)}


def _layout(graph: nx.Graph, iterations: int = 50, block: int = 256) -> dict[str, tuple[float, float]]:
    """Positions for a graph too large for the browser's physics: Fruchterman-Reingold with a
    pull to the centre (so that separate components stay near), seeded, in blocks of rows so
    that memory stays linear. networkx's own spring layout needs scipy beyond 500 nodes."""
    nodes = sorted(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    pairs = {(index[u], index[v]) for u, v in graph.edges() if u != v}  # parallel links pull once
    ends = np.array(sorted(pairs), dtype=int).reshape(-1, 2)
    pos = np.random.default_rng(7).random((n, 2), dtype=np.float32)
    k, step = 1 / math.sqrt(n), 0.1
    for _ in range(iterations):
        shift = np.zeros((n, 2), dtype=np.float32)
        for start in range(0, n, block):
            dx = pos[start:start + block, 0, None] - pos[None, :, 0]
            dy = pos[start:start + block, 1, None] - pos[None, :, 1]
            force = k * k / np.maximum(dx * dx + dy * dy, 1e-4)  # repulsion k²/d along the unit vector
            shift[start:start + block, 0] = (dx * force).sum(axis=1)
            shift[start:start + block, 1] = (dy * force).sum(axis=1)
        pull = pos[ends[:, 0]] - pos[ends[:, 1]]
        pull *= np.linalg.norm(pull, axis=-1, keepdims=True) / k
        np.add.at(shift, ends[:, 0], -pull)
        np.add.at(shift, ends[:, 1], pull)
        shift -= 8 * k * (pos - pos.mean(axis=0))  # strong enough to keep small components in view
        length = np.maximum(np.linalg.norm(shift, axis=-1, keepdims=True), 0.01)
        pos += shift / length * step
        step -= 0.1 / (iterations + 1)
    pos -= pos.mean(axis=0)
    pos /= max(float(np.sqrt((pos ** 2).sum(axis=1).mean())), 1e-9)  # unit mean radius
    scale = 80 * math.sqrt(n)  # pixels: room for labels at vis.js's default zoom
    return {node: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for node, (x, y) in zip(nodes, pos)}


def _nodes(graph: nx.Graph, ui: dict, focus: str | None, physics: bool) -> list[dict]:
    positions = {} if physics else _layout(graph)
    nodes = []
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        colour, shape = STYLES.get(attrs.get("kind"), OTHER_STYLE)
        degree = graph.degree(node)
        item = {"id": node, "label": _label(graph, node), "shape": shape, "value": degree,
                "kind": attrs.get("kind", ""), "countries": _split(attrs.get("country")),
                "kinds": _split(attrs.get("kinds")),
                "color": {"background": colour, "border": colour,
                          **dict.fromkeys(("highlight", "hover"), {"background": colour, "border": "#222"})},
                "tip": _tooltip({**attrs, "degree": degree}, ui)}
        if attrs.get("alliance"):
            item.update(borderWidth=4, color={**item["color"], "border": ALLIANCE_BORDER})
        if node == focus:
            item.update(borderWidth=5, color={**item["color"], "border": "#111"})
        if node in positions:
            item["x"], item["y"] = positions[node]
        nodes.append(item)
    return nodes


def _edges(graph: nx.Graph, ui: dict, colours: dict[str, str]) -> list[dict]:
    edges = []
    parallel: Counter = Counter()
    for source, target, attrs in sorted_edges(graph):
        # parallel links (two partnerships of one pair) fan out instead of hiding each other
        nth = parallel[frozenset((source, target))]
        parallel[frozenset((source, target))] += 1
        kind = attrs.get("kind", "")
        item = {"id": len(edges), "from": source, "to": target, "kind": kind, "kinds": _split(attrs.get("kinds")),
                "color": dict.fromkeys(("color", "highlight", "hover"), colours.get(kind, EDGE_OTHER)) | {"opacity": 0.75},
                "heading": attrs.get("label") or f"{_label(graph, source)} – {_label(graph, target)}",
                # a partnership's kinds say all that its first kind says
                "tip": _tooltip({k: v for k, v in attrs.items() if not (k == "kind_label" and attrs.get("kinds"))}, ui)}
        if "weight" in attrs or "merged" in attrs:
            item["value"] = attrs.get("weight", attrs.get("merged"))
        if attrs.get("alliance"):
            item.update(dashes=[8, 5], width=2.5)
        if nth:
            item["smooth"] = {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                              "roundness": 0.15 * ((nth + 1) // 2)}
        edges.append(item)
    return edges


def _options(graph: nx.Graph, physics: bool) -> dict:
    """vis-network options: pyvis's, with physics that settles quickly, or none for large graphs."""
    directed = graph.is_directed()
    net = Network(directed=directed)
    net.force_atlas_2based(gravity=-90, central_gravity=0.012, spring_length=140, spring_strength=0.05,
                           damping=0.6, overlap=0.8)
    net.inherit_edge_colors(False)
    net.toggle_physics(physics)
    options = json.loads(net.options.to_json())
    options["physics"].update(minVelocity=2, timestep=0.5)
    options["physics"]["stabilization"].update(iterations=400, updateInterval=20)
    options["interaction"].update(hover=True, tooltipDelay=120, navigationButtons=False, keyboard=False)
    options["nodes"] = {"borderWidth": 1.5, "font": {"size": 14, "face": "system-ui, sans-serif",
                                                      "strokeWidth": 3, "strokeColor": "#ffffff"},
                        "scaling": {"min": 8, "max": 40,
                                    "label": {"enabled": True, "min": 12, "max": 22, "drawThreshold": 7}}}
    options["edges"]["arrows"] = {"to": {"enabled": directed, "scaleFactor": 0.45}}
    options["edges"]["smooth"] = {"enabled": False}  # straight lines; parallel ones curve (see _edges)
    options["edges"]["scaling"] = {"min": 1, "max": 10}
    options["edges"]["width"] = 1.5
    options["edges"]["selectionWidth"] = 2
    options["layout"] = {"randomSeed": 7, "improvedLayout": graph.number_of_nodes() <= 150}
    return options


def _group(items: Counter, labels: dict[str, str], swatch=lambda v: {}) -> list[dict]:
    """A legend group: one entry per value, most frequent first, with its count."""
    return [{"value": v, "label": labels.get(v, v), "count": n, **swatch(v)}
            for v, n in sorted(items.items(), key=lambda i: (-i[1], labels.get(i[0], i[0])))]


def _legend(graph: nx.Graph, colours: dict[str, str], ui: dict) -> dict[str, list[dict]]:
    """The legend, which is also the filter: entity kinds, partnership kinds, other links, countries."""
    names: dict[str, str] = {"": ui["other"]}
    kinds, countries, pkinds, links = Counter(), Counter(), Counter(), Counter()
    for _, attrs in graph.nodes(data=True):
        kinds[attrs.get("kind", "")] += 1
        names[attrs.get("kind", "")] = attrs.get("kind_label") or attrs.get("kind") or ui["other"]
        codes = _split(attrs.get("country"))
        countries.update(codes or [""])
        names.update(zip(codes, _split(attrs.get("country_label"))))
    edges = [attrs for *_, attrs in graph.edges(data=True)]
    for attrs in [attrs for _, attrs in graph.nodes(data=True)] + edges:
        pkinds.update(_split(attrs.get("kinds")))
        names.update(zip(_split(attrs.get("kinds")), _split(attrs.get("kinds_label"))))
    for attrs in edges:
        if not attrs.get("kinds"):
            links[attrs.get("kind", "")] += 1
            names[attrs.get("kind", "")] = attrs.get("kind_label") or attrs.get("kind") or ui["other"]
    return {
        "kind": _group(kinds, names, lambda v: dict(zip(("colour", "shape"), STYLES.get(v, OTHER_STYLE)))),
        "pkind": _group(pkinds, names, lambda v: {"line": colours[v]} if v in colours else {}),
        "link": _group(links, names, lambda v: {"line": colours.get(v, EDGE_OTHER)}),
        "country": _group(countries, names | {"": ui["no_country"]}),
    }


def _title(graph: nx.Graph, ui: dict) -> str:
    titles = ui["titles"]
    meta = graph.graph
    focus = meta.get("focus")
    label = graph.nodes[focus]["label"] if focus in graph else ""
    title = titles.get(meta.get("projection"), meta.get("projection", "partnergraph")).format(label=label)
    if focus and meta.get("projection") != "consortium":
        title = titles["focus"].format(title=title, label=label, depth=meta.get("depth", 1))
    if meta.get("country"):
        title = titles["country"].format(title=title, country=meta["country"])
    return title


def _script_json(data) -> str:
    """JSON that is safe inside <script>: no "<", ">" or "&" can end the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _asset(path: str) -> str:
    text = (files(pyvis) / "lib" / path).read_text(encoding="utf-8")
    # no request for a source map, even with developer tools open
    return re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)


def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.PackageLoader("partnergraph", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.get_template("network.html")


def _notice(graph: nx.Graph, shown: nx.Graph, drawn: nx.Graph, ui: dict) -> dict | None:
    """What a large view left out or merged, and the views that show it instead."""
    if shown is graph and drawn is shown:
        return None
    hub = max(graph.nodes, key=lambda n: (graph.degree(n), n))
    texts = []
    if shown is not graph:
        texts.append(ui["truncated"].format(
            shown=f"{shown.number_of_nodes():,}", total=f"{graph.number_of_nodes():,}",
            nodes=f"{graph.number_of_nodes() - shown.number_of_nodes():,}",
            edges=f"{graph.number_of_edges() - shown.number_of_edges():,}"))
    if drawn is not shown:
        texts.append(ui["merged"].format(links=f"{shown.number_of_edges():,}", pairs=f"{drawn.number_of_edges():,}"))
    return {"texts": texts, "countries": "partnergraph view --projection countries",
            "focus": f"partnergraph view --focus {curie(hub)}"}


def render(graph: nx.Graph, lang: str = "en", limit: int = DEFAULT_LIMIT, title: str | None = None) -> str:
    """The HTML page of ``graph`` (a projection of network.py, whole or focused)."""
    ui = UI[lang]
    shown = strongest(graph, limit)
    # parallel links beyond the budget (two hubs with hundreds of partnerships) are drawn as one
    drawn = merged(shown) if shown.number_of_edges() > EDGE_LIMIT else shown
    colours = _palette(Counter(kind for *_, kind in drawn.edges(data="kind", default="")))
    focus = graph.graph.get("focus")
    physics = _physics(drawn)
    data = {"nodes": _nodes(shown, ui, focus, physics), "edges": _edges(drawn, ui, colours),
            "options": _options(drawn, physics), "focus": focus if focus in shown else None, "physics": physics,
            "ui": {k: ui[k] for k in ("matches", "arranging", "shown")}}
    alliances = any(a for *_, a in drawn.edges(data="alliance")) or any(a for _, a in drawn.nodes(data="alliance"))
    return _template().render(
        lang=lang, title=title or _title(graph, ui), ui=ui, notice=_notice(graph, shown, drawn, ui),
        legend=_legend(drawn, colours, ui), alliances=alliances, data=_script_json(data),
        vis_js=_asset("vis-9.1.2/vis-network.min.js"), vis_css=_asset("vis-9.1.2/vis-network.css"),
        app_js=(files("partnergraph") / "templates" / "network.js").read_text(encoding="utf-8"))


def write(graph: nx.Graph, path: Path, lang: str = "en", limit: int = DEFAULT_LIMIT, title: str | None = None) -> None:
    write_atomic(path, render(graph, lang, limit, title).encode())
