/* partnergraph network view: draws the page's JSON with vis-network and wires up search,
   filters and tooltips. Text from the graph only ever reaches the page through textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var ui = data.ui;

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function tooltip(heading, rows) {
    var box = document.createElement("div");
    box.className = "pg-tip";
    var title = document.createElement("strong");
    title.textContent = heading;
    box.appendChild(title);
    rows.forEach(function (row) {
      var line = document.createElement("div");
      var field = document.createElement("span");
      field.className = "pg-field";
      field.textContent = row[0];
      line.appendChild(field);
      line.appendChild(document.createTextNode(row[1]));
      box.appendChild(line);
    });
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    return Object.assign({}, node, { title: tooltip(node.label, node.tip) });
  }));
  var edges = new vis.DataSet(data.edges.map(function (edge) {
    return Object.assign({}, edge, { title: tooltip(edge.heading, edge.tip) });
  }));

  // ---- filters: the legend's checkboxes ----------------------------------------------------
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var active = {};
  function readFilters() {
    active = {};
    boxes.forEach(function (box) {
      active[box.dataset.filter] = active[box.dataset.filter] || { on: new Set(), all: true };
      if (box.checked) { active[box.dataset.filter].on.add(box.value); }
      else { active[box.dataset.filter].all = false; }
    });
  }
  function allowed(group, value) { return !active[group] || active[group].on.has(value); }
  function anyAllowed(group, values) { return values.some(function (v) { return allowed(group, v); }); }
  function narrowed(group) { return active[group] && !active[group].all; }

  function nodeAllowed(node) {
    return allowed("kind", node.kind) &&
      (node.countries.length ? anyAllowed("country", node.countries) : allowed("country", "")) &&
      (!node.kinds.length || anyAllowed("pkind", node.kinds));
  }
  function edgeAllowed(edge, shown) {
    return shown.has(edge.from) && shown.has(edge.to) &&
      (edge.kinds.length ? anyAllowed("pkind", edge.kinds) : allowed("link", edge.kind));
  }

  var shownNodes = new Set(), shownEdges = new Set();
  function decide() {
    readFilters();
    shownNodes = new Set(data.nodes.filter(nodeAllowed).map(function (n) { return n.id; }));
    shownEdges = new Set(data.edges.filter(function (e) { return edgeAllowed(e, shownNodes); })
      .map(function (e) { return e.id; }));
    // Asking for some kinds of link only: keep the nodes those links join (and the focus).
    if (narrowed("pkind") || narrowed("link")) {
      var linked = new Set(data.focus ? [data.focus] : []);
      data.edges.forEach(function (e) {
        if (shownEdges.has(e.id)) { linked.add(e.from); linked.add(e.to); }
      });
      shownNodes = new Set(Array.from(shownNodes).filter(function (id) { return linked.has(id); }));
    }
  }
  decide();
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return shownNodes.has(n.id); } });
  var edgesView = new vis.DataView(edges, { filter: function (e) { return shownEdges.has(e.id); } });

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);

  var stats = document.getElementById("stats");
  function showStats() {
    stats.textContent = format(ui.shown, {
      nodes: nodesView.length, all_nodes: nodes.length, edges: edgesView.length, all_edges: edges.length
    });
  }
  function refresh() {
    decide();
    nodesView.refresh();
    edgesView.refresh();
    showStats();
    search();
  }
  boxes.forEach(function (box) { box.addEventListener("change", refresh); });
  Array.prototype.forEach.call(document.querySelectorAll("details.group"), function (group) {
    group.querySelectorAll("button[data-set]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        group.querySelectorAll("input[data-filter]").forEach(function (box) {
          box.checked = button.dataset.set === "all";
        });
        refresh();
      });
    });
  });

  // ---- search ------------------------------------------------------------------------------
  var searchBox = document.getElementById("search");
  var searchCount = document.getElementById("search-count");
  var searchResults = document.getElementById("search-results");
  var found = [];
  function focusOn(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: { duration: 450, easingFunction: "easeInOutQuad" } });
  }
  function search() {
    var query = searchBox.value.trim().toLocaleLowerCase();
    searchResults.textContent = "";
    found = !query ? [] : data.nodes.filter(function (n) {
      return shownNodes.has(n.id) && n.label.toLocaleLowerCase().indexOf(query) >= 0;
    });
    searchCount.textContent = query ? format(ui.matches, { n: found.length }) : "";
    network.selectNodes(found.map(function (n) { return n.id; }));
    found.slice(0, 12).forEach(function (n) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = n.label;
      button.addEventListener("click", function () { focusOn(n.id); });
      item.appendChild(button);
      searchResults.appendChild(item);
    });
  }
  searchBox.addEventListener("input", search);
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && found.length) { focusOn(found[0].id); }
  });

  // ---- layout: physics until stable, then still ------------------------------------------
  var loading = document.getElementById("loading");
  function ready() {
    network.setOptions({ physics: { enabled: false } });
    loading.hidden = true;
    if (data.focus) { network.selectNodes([data.focus]); }
    document.body.dataset.ready = "true";
  }
  if (data.physics && nodes.length > 1) {
    loading.querySelector("span").textContent = format(ui.arranging, { n: nodes.length });
    network.on("stabilizationProgress", function (progress) {
      loading.querySelector(".bar div").style.width = (100 * progress.iterations / progress.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () { network.fit(); ready(); });
  } else {
    ready();
  }
  showStats();

  window.partnergraph = { network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView };
})();
