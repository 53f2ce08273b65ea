/* perfsite: the 项目查询 page (search, filters, sort, shareable URL) and print helpers.
   No dependencies; the page works without this script as plain per-year lists. */
(function () {
  "use strict";

  var FILTERS = ["q", "year", "region", "dept", "grade", "kind", "sort"];
  var PAGE = 100;

  function text(value) { return value == null ? "" : String(value); }

  function groupDigits(value) {
    if (value == null || value === "") return "—";
    var parts = String(value).split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  /* Shared with search.js (deferred, so it runs after this script): data only ever as text nodes. */
  window.perfsiteDom = { el: el };

  /* Rows from the compact index: [path, year, name, dept#, region#, kind#, total, grade#, budget, sample]. */
  function decode(data) {
    return data.rows.map(function (r) {
      var row = {
        path: r[0], year: String(r[1]), name: r[2], dept: data.departments[r[3]],
        region: data.regions[r[4]], kind: data.evaluations[r[5]], total: r[6],
        grade: data.grades[r[7]] || "", budget: r[8], sample: r[9] === 1
      };
      row.haystack = (row.name + "\n" + row.dept + "\n" + row.region).toLowerCase();
      return row;
    });
  }

  function numberOr(value, fallback) {
    return value == null || value === "" ? fallback : parseFloat(value);
  }

  var SORTS = {
    "": function (a, b) { return b.year - a.year || a.name.localeCompare(b.name, "zh-CN"); },
    "year-asc": function (a, b) { return a.year - b.year || a.name.localeCompare(b.name, "zh-CN"); },
    "score-desc": function (a, b) { return numberOr(b.total, -1) - numberOr(a.total, -1); },
    "score-asc": function (a, b) { return numberOr(a.total, 1e9) - numberOr(b.total, 1e9); },
    "budget-desc": function (a, b) { return numberOr(b.budget, -1) - numberOr(a.budget, -1); },
    "budget-asc": function (a, b) { return numberOr(a.budget, 1e18) - numberOr(b.budget, 1e18); }
  };

  function matches(row, state, terms) {
    if (state.year && row.year !== state.year) return false;
    if (state.region && row.region !== state.region) return false;
    if (state.dept && row.dept !== state.dept) return false;
    if (state.kind && row.kind !== state.kind) return false;
    if (state.grade && (row.grade || "未评级") !== state.grade) return false;
    for (var i = 0; i < terms.length; i++) {
      if (row.haystack.indexOf(terms[i]) < 0) return false;
    }
    return true;
  }

  function initIndex(root) {
    var form = document.getElementById("ps-filters");
    var count = document.getElementById("ps-count");
    var results = document.getElementById("ps-results");
    var tbody = document.getElementById("ps-rows");
    var more = document.getElementById("ps-more");
    var fallback = document.getElementById("ps-fallback");
    var fields = {};
    FILTERS.forEach(function (name) { fields[name] = form.elements[name]; });
    var rows = [];
    var shown = PAGE;
    var current = [];
    /* The rows in view, in view order (used by export.js for 下载当前结果). */
    window.perfsiteIndex = { currentRows: function () { return current.slice(); } };

    function readState() {
      var state = {};
      FILTERS.forEach(function (name) { state[name] = fields[name].value.trim(); });
      return state;
    }

    function writeUrl(state) {
      var params = new URLSearchParams();
      FILTERS.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function rowNode(row) {
      var link = el("a", { href: row.path }, [row.name]);
      var title = el("th", { scope: "row" }, [link]);
      if (row.sample) title.appendChild(el("span", { "class": "ps-tag ps-tag--sample" }, ["示例"]));
      var grade = row.grade
        ? el("span", { "class": "ps-grade ps-grade--" + (root.gradeClass[row.grade] || "none") }, [el("strong", {}, [row.grade])])
        : el("span", { "class": "ps-grade ps-grade--none" }, ["未评级"]);
      return el("tr", {}, [
        el("td", { "class": "ps-num", "data-label": "年度" }, [row.year]), title,
        el("td", { "data-label": "主管部门" }, [row.dept]),
        el("td", { "data-label": "地区" }, [row.region || "—"]),
        el("td", { "class": "ps-num", "data-label": "全年预算（万元）" }, [groupDigits(row.budget)]),
        el("td", { "class": "ps-num", "data-label": "总分" }, [row.total || "—"]),
        el("td", { "data-label": "等级" }, [grade])
      ]);
    }

    function draw() {
      var frag = document.createDocumentFragment();
      current.slice(0, shown).forEach(function (row) { frag.appendChild(rowNode(row)); });
      tbody.replaceChildren(frag);
      more.hidden = current.length <= shown;
      more.textContent = "显示更多（还有 " + (current.length - shown) + " 个）";
    }

    function update(fromUser) {
      var state = readState();
      var terms = state.q.toLowerCase().split(/[\s,，、]+/).filter(Boolean);
      current = rows.filter(function (row) { return matches(row, state, terms); });
      current.sort(SORTS[state.sort] || SORTS[""]);
      shown = PAGE;
      count.textContent = current.length === rows.length && !terms.length
        ? "共 " + rows.length + " 个项目"
        : "找到 " + current.length + " 个项目（共 " + rows.length + " 个）";
      draw();
      if (fromUser) writeUrl(state);
    }

    function readUrl() {
      var params = new URLSearchParams(location.search);
      FILTERS.forEach(function (name) {
        var value = params.get(name) || "";
        var field = fields[name];
        if (field.tagName === "SELECT" && value && !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
          value = "";
        }
        field.value = value;
      });
    }

    fetch(root.getAttribute("data-src"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        window.perfsiteIndex.money = data.money || null; /* units and headers of the money field (export.js) */
        rows = decode(data);
        form.hidden = false;
        results.hidden = false;
        fallback.hidden = true;
        readUrl();
        update(false);
        form.addEventListener("input", function () { update(true); });
        form.addEventListener("change", function () { update(true); });
        form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
        form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
        more.addEventListener("click", function () { shown += PAGE; draw(); });
        window.addEventListener("popstate", function () { readUrl(); update(false); });
      })
      .catch(function () {
        count.textContent = "无法加载查询数据，以下按年度列出全部项目。";
      });
  }

  function initPrint() {
    /* Closed <details> do not print: open the 评分标准 for the printout, restore afterwards. */
    var opened = [];
    window.addEventListener("beforeprint", function () {
      opened = Array.prototype.filter.call(document.querySelectorAll("details.ps-ruletext:not([open])"), function (d) {
        d.open = true;
        return true;
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  /* 大字 / 高对比: a class on <html>, remembered in localStorage (the page head applies it before
     the first paint); the buttons are shown only when this script runs, as they need it. */
  function initModes() {
    var group = document.querySelector(".ps-modes");
    if (!group) return;
    var root = document.documentElement;
    group.hidden = false;
    Array.prototype.forEach.call(group.querySelectorAll("button[data-mode]"), function (button) {
      var mode = button.getAttribute("data-mode");
      button.setAttribute("aria-pressed", root.classList.contains(mode) ? "true" : "false");
      button.addEventListener("click", function () {
        var on = root.classList.toggle(mode);
        button.setAttribute("aria-pressed", on ? "true" : "false");
        var saved = ["ps-large", "ps-contrast"].filter(function (m) { return root.classList.contains(m); });
        try { localStorage.setItem("perfsite-modes", saved.join(" ")); } catch (e) { /* private mode: this page only */ }
      });
    });
  }

  function start() {
    initModes();
    var root = document.getElementById("ps-index");
    if (root && !root.dataset.ready) {
      root.dataset.ready = "1";
      root.gradeClass = JSON.parse(root.getAttribute("data-grades") || "{}");
      initIndex(root);
    }
  }

  initPrint();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
