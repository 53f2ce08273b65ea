/* perfsite: the 项目查询 page (search, filters, sort, shareable URL) and print helpers.
   No dependencies; the page works without this script as plain per-year lists. */
(function () {
  "use strict";

  var FILTERS = ["q", "year", "region", "dept", "grade", "kind", "check", "targets", "stage", "cycle", "sort"];
  /* Rows drawn at a time (显示更多 adds as many): drawing them is most of a filter's time, whatever
     the number of rows filtered; 50 instead of 100 rows took a filter at 100,000 programmes from
     100–300 ms to 60–100 ms on a busy 2-core machine. */
  var PAGE = 50;
  var UNSTATED = "未载明";

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
  /* On a phone a page's filters fold under one button (the CSS shows it below 44.9375em, where
     the phone layout starts) that names how many are chosen, so the results start on the first
     screen. Folds `form` on a phone now; the function returned relabels `button` with `chosen`. */
  function foldFilters(form, button, label) {
    function show(chosen) {
      var open = !form.classList.contains("ps-folded");
      button.textContent = (open ? "▾ " : "▸ ") + label + (chosen ? "（已选 " + chosen + " 项）" : "");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    form.classList.toggle("ps-folded", window.matchMedia("(max-width: 44.9375em)").matches);
    return show;
  }
  /* Shared with search.js and rectification.js (deferred, so they run after this script): data
     only ever as text nodes; the filters' fold. */
  window.perfsiteDom = { el: el, foldFilters: foldFilters };

  /* Rows from one year's part of the compact index (pages.index_part), stored column by column:
     path, year, name, dept#, region#, kind#, score, grade#, budget, sample, total, verdict#,
     execution_rate, published, targets (0 none, 1 a 绩效目标表, 2 one with a lowered target; a part
     of version 3 has no such column), cycle (1 an evaluation report + 2 a 整改 measure not done +
     4 one overdue + 8 a 整改 document; none before version 5), grade_recomputed (1: the grade is ours
     beside a published total, 复算等级 on the page), stage (1: a 绩效目标表 with no 自评 yet, its
     path the table's page; neither before version 6), mismatch# (headline.mismatch: what disagrees
     where the totals agree; its list `mismatches`, `mismatchs` in version 7) and report_grade# (the
     评价报告's grade; neither before version 7),
     # an index into the part's own lookup lists.
     `score` and `grade` are what the programme page leads with; `total` is the recomputation. */
  var TARGETS = ["none", "has", "has/lowered"];
  /* The cycle column's bits as the words of the 评价与整改 facet (a row may have several). */
  function cycleWords(code) {
    var words = [];
    if (code & 1) words.push("report");
    if (code & 2) words.push("open");
    if (code & 4) words.push("overdue");
    if (code & 8) words.push("rect");
    return words.length ? words.join(" ") : "none";
  }
  function decode(part) {
    var columns = part.columns;
    var out = new Array(columns[0].length);
    for (var i = 0; i < out.length; i++) {
      var r = columns.map(function (column) { return column[i]; });
      var row = {
        path: r[0], year: String(r[1]), name: r[2], dept: part.departments[r[3]],
        region: part.regions[r[4]], kind: part.evaluations[r[5]], score: r[6],
        grade: part.grades[r[7]] || "", budget: r[8], sample: r[9] === 1, total: r[10],
        verdict: r[17] === 1 ? "" : part.verdicts[r[11]] || "none", rate: r[12], published: r[13] === 1,
        targets: TARGETS[r[14]] || "none", cycle: cycleWords(r[15] || 0),
        gradeRecomputed: r[16] === 1, stage: r[17] === 1 ? "waiting" : "evaluated",
        mismatch: (part.mismatches || part.mismatchs || [])[r[18]] || "", reportGrade: (part.report_grades || [])[r[19]] || ""
      };
      row.haystack = (row.name + "\n" + row.dept + "\n" + row.region).toLowerCase();
      row.facets = FACET_NAMES.map(function (n) { return FACETS[n](row); });
      row.numbers = { year: r[1], score: number(r[6]), total: number(r[10]), budget: number(r[8]), rate: number(r[12]) };
      row.rank = 0;
      out[i] = row;
    }
    return out;
  }

  /* Sorting compares 2-place decimal strings as numbers: parseFloat keeps their order (the
     figures shown are the strings, never a float), worked out once per row. */
  function number(value) {
    return value == null || value === "" ? null : parseFloat(value);
  }

  /* One collator (a collator per String.localeCompare call made sorting several times slower),
     used once per load: each row's place in name order (row.rank) makes every later sort compare
     integers, where comparing names made a sort of 5,000 rows of one year take 48 ms. `rows`
     holds runs already in name order (each loaded year), which Array.sort merges. */
  var collator = new Intl.Collator("zh-CN");
  function rankByName(rows) {
    rows.sort(function (a, b) { return collator.compare(a.name, b.name); });
    for (var i = 0; i < rows.length; i++) rows[i].rank = i;
    return rows;
  }

  /* The value of each filter (a <select>) a row has, worked out once per row (row.facets, in
     FACET_NAMES order); the counts shown in the filters use the same values. */
  var FACETS = {
    year: function (row) { return row.year; },
    region: function (row) { return row.region || UNSTATED; },
    dept: function (row) { return row.dept || UNSTATED; },
    /* a 绩效目标表 with no 自评 has no grade and nothing to check (verdict ""): no choice selects it */
    grade: function (row) { return row.stage === "waiting" ? "" : row.grade || "未评级"; },
    kind: function (row) { return row.kind; },
    check: function (row) { return row.verdict; },
    targets: function (row) { return row.targets; },
    stage: function (row) { return row.stage; },
    cycle: function (row) { return row.cycle; }
  };
  var FACET_NAMES = Object.keys(FACETS);

  /* A choice matches its own value and the values under it ("has" also "has/lowered": a
     programme whose target was lowered has a 绩效目标表); only the 绩效目标表 filter nests. */
  function matches(value, wanted) {
    return value === wanted || value.lastIndexOf(wanted + "/", 0) === 0;
  }
  /* The 评价与整改 value holds words ("report open overdue"): a choice matches a row having it. */
  function hasWord(value, wanted) {
    return (" " + value + " ").indexOf(" " + wanted + " ") >= 0;
  }
  /* A grade choice standing for several grades (中及以下: 中 and 差, its option's data-grades), so
     a reader looking for the weak programmes does not filter twice; filled from the page's options. */
  var GRADE_SETS = {};
  function inGrades(value, wanted) {
    return value === wanted || (GRADE_SETS[wanted] || []).indexOf(value) >= 0;
  }
  var NESTED = { targets: matches, cycle: hasWord, grade: inGrades };

  /* A row without the figure goes last. */
  function numberOr(value, fallback) {
    return value === null ? fallback : value;
  }
  function byName(a, b) { return a.rank - b.rank; }
  function numeric(key) {
    return {
      asc: function (a, b) { return numberOr(a.numbers[key], Infinity) - numberOr(b.numbers[key], Infinity) || byName(a, b); },
      desc: function (a, b) { return numberOr(b.numbers[key], -Infinity) - numberOr(a.numbers[key], -Infinity) || byName(a, b); }
    };
  }
  /* Sort keys (the column headers' data-sort) → comparators; the first direction a header
     click gives is the first one listed (numbers: highest first, names: A to Z). */
  var SORTS = {
    year: numeric("year"),
    name: { asc: byName, desc: function (a, b) { return byName(b, a); } },
    score: numeric("score"), total: numeric("total"), budget: numeric("budget"), rate: numeric("rate")
  };
  var FIRST_DIRECTION = { year: "desc", name: "asc", score: "desc", total: "desc", budget: "desc", rate: "desc" };

  /* "" (the default) is year-desc; "score-asc" → ["score", "asc"]. */
  function sortOf(value) {
    var parts = (value || "year-desc").split("-");
    return SORTS[parts[0]] && SORTS[parts[0]][parts[1]] ? parts : ["year", "desc"];
  }

  function termsMatch(row, terms) {
    for (var i = 0; i < terms.length; i++) {
      if (row.haystack.indexOf(terms[i]) < 0) return false;
    }
    return true;
  }

  /* One pass: the rows matching every filter, and for each filter how many rows each of its
     values would give with the other filters as they are (the counts shown in its options). */
  function select(rows, state, terms) {
    var wanted = FACET_NAMES.map(function (n) { return state[n]; });
    var counts = FACET_NAMES.map(function () { return {}; });
    var k = FACET_NAMES.length;
    var found = [];
    for (var r = 0; r < rows.length; r++) {
      var row = rows[r];
      if (terms.length && !termsMatch(row, terms)) continue;
      var values = row.facets;
      var failed = -1;
      var fails = 0;
      for (var i = 0; i < k && fails < 2; i++) {
        if (wanted[i] && values[i] !== wanted[i] && !(NESTED[FACET_NAMES[i]] && NESTED[FACET_NAMES[i]](values[i], wanted[i]))) {
          fails++; failed = i;
        }
      }
      if (fails === 0) {
        found.push(row);
        for (var j = 0; j < k; j++) counts[j][values[j]] = (counts[j][values[j]] || 0) + 1;
      } else if (fails === 1) {
        counts[failed][values[failed]] = (counts[failed][values[failed]] || 0) + 1;
      }
    }
    var byFacet = {};
    FACET_NAMES.forEach(function (n, i) { byFacet[n] = counts[i]; });
    return { rows: found, counts: byFacet };
  }

  function initIndex(root) {
    var form = document.getElementById("ps-filters");
    var count = document.getElementById("ps-count");
    var results = document.getElementById("ps-results");
    var tbody = document.getElementById("ps-rows");
    var more = document.getElementById("ps-more");
    var fallback = document.getElementById("ps-fallback");
    var empty = document.getElementById("ps-empty");
    var emptySearch = document.getElementById("ps-empty-search");
    var criteria = document.getElementById("ps-criteria");
    var headers = Array.prototype.slice.call(results.querySelectorAll("th[data-sort]"));
    var fields = {};
    FILTERS.forEach(function (name) { fields[name] = form.elements[name]; });
    var verdictLabels = {};
    var rows = [];        // every loaded year's rows, newest year first
    var parts = [];       // from index.json, newest first: {year, count, path}; .rows once loaded
    var byYear = {};      // year → its entry in parts
    var total = 0;        // programmes on the site, loaded or not
    var defaultYear = ""; // the year the page opens on: "" (全部年度) when every year loads with it
    var shown = PAGE;
    var current = [];
    /* The rows in view, in view order (used by export.js for 下载当前结果). */
    window.perfsiteIndex = {
      currentRows: function () { return current.slice(); },
      verdictLabel: function (v) { return verdictLabels[v] || ""; }
    };
    FACET_NAMES.forEach(function (name) {
      Array.prototype.forEach.call(fields[name].options, function (o) { o.setAttribute("data-label", o.textContent); });
    });
    Array.prototype.forEach.call(fields.grade.options, function (o) {
      if (o.getAttribute("data-grades")) GRADE_SETS[o.value] = o.getAttribute("data-grades").split(" ");
    });

    function readState() {
      var state = {};
      FILTERS.forEach(function (name) { state[name] = fields[name].value.trim(); });
      return state;
    }

    /* The year is in the address when it is not the one the page opens on; 全部年度 is "all" there,
       as no year at all means that default. */
    function writeUrl(state) {
      var params = new URLSearchParams();
      FILTERS.forEach(function (name) {
        if (name === "year") {
          if (state.year !== defaultYear) params.set("year", state.year || "all");
        } else if (state[name]) {
          params.set(name, state[name]);
        }
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function scoreCell(row) {
      var cell = el("td", { "class": "ps-num", "data-label": "得分" }, [row.score || "—"]);
      if (row.score && !row.published) {
        cell.appendChild(el("span", { "class": "ps-src", title: "原文未公布总分，这是本站复算的得分" }, ["复算"]));
      }
      return cell;
    }

    /* As listing_rows.verdict_mark writes it on the listing pages. */
    function totalCell(row) {
      var cell = el("td", { "class": "ps-num", "data-label": "复算" }, [row.total || "—"]);
      if (row.mismatch) {  /* the totals agree: their own mark, then what disagrees */
        totalMark(cell, row.numbers.total === row.numbers.score ? "match" : "rounding");
        cell.appendChild(el("span", { "class": "ps-mark ps-mark--discrepancy", title: "总分与公布相符，但" + row.mismatch },
                            ["⚠ " + row.mismatch]));
      } else {
        totalMark(cell, row.verdict);
      }
      return cell;
    }
    function totalMark(cell, verdict) {
      if (verdict === "match") {
        cell.appendChild(el("span", { "class": "ps-mark ps-mark--match", "aria-hidden": "true" }, ["✓"]));
        cell.appendChild(el("span", { "class": "ps-visually-hidden" }, ["（与公布一致）"]));
      } else if (verdict === "rounding") {
        cell.appendChild(el("span", { "class": "ps-mark ps-mark--rounding", title: "与公布得分有舍入差异" }, ["≈"]));
        cell.appendChild(el("span", { "class": "ps-visually-hidden" }, ["（舍入差异）"]));
      } else if (verdict === "discrepancy") {
        cell.appendChild(el("span", { "class": "ps-mark ps-mark--discrepancy", title: "与公布得分不一致" }, ["⚠ 不一致"]));
      }
    }

    /* As cycle_marks.cycle_marks writes them on the listing pages: 评价报告 with its grade. */
    function cycleMarks(row, title) {
      if (hasWord(row.cycle, "report")) {
        title.appendChild(el("a", { "class": "ps-tag ps-tag--report", href: row.path + "evaluation/",
                                    title: "本项目该年度的绩效评价报告" },
                             ["评价报告" + (row.reportGrade ? " · " + row.reportGrade : "")]));
      }
      if (hasWord(row.cycle, "rect")) {
        title.appendChild(el("a", { "class": "ps-tag ps-tag--report", href: row.path + "rectification/",
                                    title: "本项目该年度的整改情况" }, ["整改"]));
      }
      if (hasWord(row.cycle, "overdue")) {
        title.appendChild(el("span", { "class": "ps-tag ps-tag--overdue", title: "有整改措施已过完成时限仍未完成" }, ["⚠ 逾期"]));
      }
    }

    function rowNode(row) {
      var link = el("a", { href: row.path }, [row.name]);
      var title = el("th", { scope: "row" }, [link]);
      if (row.sample) title.appendChild(el("span", { "class": "ps-tag ps-tag--sample" }, ["示例"]));
      if (row.stage === "waiting") {  /* the name links the 绩效目标表 itself */
        title.appendChild(el("span", { "class": "ps-tag ps-tag--waiting" }, ["只有绩效目标表"]));
      } else if (row.targets !== "none") {  /* as listing_rows.targets_marks writes it on the listing pages */
        title.appendChild(el("a", { "class": "ps-tag ps-tag--targets", href: row.path + "targets/",
                                    title: "本项目年初公布的绩效目标表" }, ["目标表"]));
      }
      if (row.targets === "has/lowered") {
        title.appendChild(el("span", { "class": "ps-tag ps-tag--lowered", title: "自评表所列目标低于年初公布的绩效目标表" },
                             ["⚠ 目标调低"]));
      }
      if (row.cycle !== "none") cycleMarks(row, title);
      var grade = row.grade
        ? el("span", { "class": "ps-grade ps-grade--" + (root.gradeClass[row.grade] || "none") }, [el("strong", {}, [row.grade])])
        : el("span", { "class": "ps-grade ps-grade--none" }, [row.stage === "waiting" ? "尚无自评" : "未评级"]);
      var gradeCell = el("td", { "data-label": "等级" }, [grade]);
      /* as listing_rows.grade_badge marks a grade the page calls 复算等级 */
      if (row.gradeRecomputed && row.grade) gradeCell.appendChild(el("span", { "class": "ps-src" }, ["复算"]));
      return el("tr", {}, [
        el("td", { "class": "ps-num", "data-label": "年度" }, [row.year]), title,
        el("td", { "data-label": "主管部门" }, [row.dept || UNSTATED]),
        el("td", { "data-label": "地区" }, [row.region || "—"]),
        el("td", { "class": "ps-num", "data-label": "全年预算（万元）" }, [groupDigits(row.budget)]),
        el("td", { "class": "ps-num", "data-label": "执行率" }, [row.rate ? row.rate + "%" : "—"]),
        scoreCell(row), totalCell(row), gradeCell
      ]);
    }

    function draw() {
      var frag = document.createDocumentFragment();
      current.slice(0, shown).forEach(function (row) { frag.appendChild(rowNode(row)); });
      tbody.replaceChildren(frag);
      more.hidden = current.length <= shown;
      more.textContent = "显示更多（还有 " + (current.length - shown) + " 个）";
    }

    /* A year not loaded yet has no counts under the other filters: its option gives how many
       programmes it has (共 N 个), and so does 全部年度 until every year is loaded. */
    function showCounts(counts) {
      var missing = parts.some(function (p) { return !p.rows; });
      FACET_NAMES.forEach(function (name) {
        var all = 0;
        Object.keys(counts[name]).forEach(function (v) { all += counts[name][v]; });
        Array.prototype.forEach.call(fields[name].options, function (o) {
          var n = o.value ? counts[name][o.value] || 0 : all;
          if (o.value && NESTED[name]) {
            n = 0;
            Object.keys(counts[name]).forEach(function (v) { if (NESTED[name](v, o.value)) n += counts[name][v]; });
          }
          if (name === "year" && (o.value ? byYear[o.value] && !byYear[o.value].rows : missing)) {
            n = "共 " + (o.value ? byYear[o.value].count : total) + " 个";
          }
          var label = o.getAttribute("data-label") + "（" + n + "）";
          if (o.textContent !== label) o.textContent = label;
        });
      });
    }

    function showSort(state) {
      var sort = sortOf(state.sort);
      headers.forEach(function (th) {
        th.setAttribute("aria-sort", th.getAttribute("data-sort") === sort[0]
          ? (sort[1] === "asc" ? "ascending" : "descending") : "none");
      });
    }

    /* Loads one year's part once (a failed load may be tried again); rows stay newest year first. */
    function load(part) {
      if (!part.loading) {
        part.loading = fetch(new URL(part.path, new URL(root.getAttribute("data-src"), location.href)).href,
                             { credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.json();
          })
          .then(function (data) {
            part.rows = rankByName(decode(data));
            var all = [];
            parts.forEach(function (p) { if (p.rows) all = all.concat(p.rows); });
            rows = parts.length > 1 ? rankByName(all) : all;
          });
        part.loading.catch(function () { part.loading = null; });
      }
      return part.loading;
    }

    /* The years a state shows that are not loaded yet: all of them for 全部年度. */
    function missingFor(state) {
      return parts.filter(function (p) { return !p.rows && (!state.year || String(p.year) === state.year); });
    }

    /* 加载中: what is being loaded, in the live count line; the results (and 下载当前结果) wait,
       marked aria-busy, until the years they need are in. */
    function loading(missing, state) {
      root.setAttribute("aria-busy", "true");
      results.hidden = true;
      empty.hidden = true;
      current = [];
      function progress() {
        var loaded = parts.filter(function (p) { return p.rows; }).length;
        count.textContent = state.year
          ? "加载中：正在载入" + state.year + "年度的 " + missing[0].count + " 个项目…"
          : "加载中：正在载入全部年度的数据（已载入 " + loaded + "/" + parts.length + " 个年度）…";
      }
      progress();
      Promise.all(missing.map(function (p) { return load(p).then(progress); })).then(function () { update(false); }, function () {
        root.removeAttribute("aria-busy");
        count.textContent = "无法加载" + (state.year ? state.year + "年度" : "全部年度") + "的数据，请稍后再试，或查看下面的按年度列表。";
        fallback.hidden = false;
      });
    }

    var fold = document.getElementById("ps-fold");
    var relabel = function () {}; /* the fold on a phone (foldFilters), set once the data is there */

    function showFold(state) {
      relabel(FILTERS.filter(function (name) {
        return name !== "q" && state[name] !== (name === "year" ? defaultYear : "");
      }).length);
    }

    function update(fromUser) {
      var state = readState();
      showFold(state);
      if (fromUser) writeUrl(state);
      var missing = missingFor(state);
      if (missing.length) {
        loading(missing, state);
        return;
      }
      root.removeAttribute("aria-busy");
      fallback.hidden = true;
      var terms = state.q.toLowerCase().split(/[\s,，、]+/).filter(Boolean);
      var found = select(rows, state, terms);
      var sort = sortOf(state.sort);
      current = found.rows;
      current.sort(SORTS[sort[0]][sort[1]]);
      shown = PAGE;
      count.textContent = current.length === total && !terms.length
        ? "共 " + total + " 个项目"
        : "找到 " + current.length + " 个项目（共 " + total + " 个）";
      showCounts(found.counts);
      showSort(state);
      if (criteria) {
        criteria.textContent = criteriaText(state);
        criteria.hidden = !criteria.textContent;
      }
      empty.hidden = current.length > 0;
      results.hidden = current.length === 0;
      emptySearch.href = root.getAttribute("data-search") + (state.q ? "?q=" + encodeURIComponent(state.q) : "");
      draw();
    }

    /* The filters and order of the list in words, for the printed page: the form does not print,
       and a printout saying 「找到 3 个项目（共 11 个）」 did not say of what (年度：2023年度；
       评价等级：优；搜索：“公路”). An option's own label, without the count beside it. */
    function criteriaText(state) {
      var said = [];
      FILTERS.forEach(function (name) {
        var field = fields[name];
        if (!state[name] || !field) return;
        var label = form.querySelector('label[for="' + field.id + '"]');
        var option = field.tagName === "SELECT" ? field.options[field.selectedIndex] : null;
        var value = option ? option.getAttribute("data-label") || option.textContent : "“" + state[name] + "”";
        said.push((label ? label.textContent.trim() : name) + "：" + value);
      });
      return said.length ? "筛选条件：" + said.join("；") + "。" : "";
    }

    function readUrl() {
      var params = new URLSearchParams(location.search);
      FILTERS.forEach(function (name) {
        var value = params.get(name) || "";
        if (name === "year") value = value === "all" ? "" : value || defaultYear;
        var field = fields[name];
        if (field.tagName === "SELECT" && value && !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
          value = "";
        }
        field.value = value;
      });
    }

    /* A header click sorts by its column: again on the same column turns the order round. */
    headers.forEach(function (th) {
      th.querySelector("button").addEventListener("click", function () {
        var key = th.getAttribute("data-sort");
        var sort = sortOf(fields.sort.value);
        var direction = sort[0] === key ? (sort[1] === "asc" ? "desc" : "asc") : FIRST_DIRECTION[key];
        var value = key + "-" + direction;
        fields.sort.value = value === "year-desc" ? "" : value;
        update(true);
      });
    });

    /* index.json lists one part per year and the years to load with the page (pages.index_files);
       the others load when a reader chooses them. */
    root.setAttribute("aria-busy", "true");
    count.textContent = "加载中…";
    fetch(root.getAttribute("data-src"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        window.perfsiteIndex.money = data.money || null; /* units and headers of the money field (export.js) */
        verdictLabels = data.verdict_labels || {};
        parts = data.parts || [];
        total = data.count || 0;
        parts.forEach(function (p) { byYear[String(p.year)] = p; });
        var first = (data.first || []).map(String);
        /* the newest year with a 自评 (pages.opening_years): a newer year of 绩效目标表s alone loads when chosen */
        defaultYear = first.length < parts.length && first.length ? first[0] : "";
        Array.prototype.forEach.call(fields.year.options, function (o) { o.defaultSelected = o.value === defaultYear; });
        form.hidden = false;
        readUrl();
        relabel = foldFilters(form, fold, "筛选和排序");
        fold.addEventListener("click", function () {
          form.classList.toggle("ps-folded");
          showFold(readState());
        });
        form.addEventListener("input", function () { update(true); });
        form.addEventListener("change", function () { update(true); });
        form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
        form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
        more.addEventListener("click", function () { shown += PAGE; draw(); });
        window.addEventListener("popstate", function () { readUrl(); update(false); });
        update(false);  /* loads what the address asks for (else the default year) */
        parts.forEach(function (p) { if (first.indexOf(String(p.year)) >= 0) load(p).catch(function () {}); });
      })
      .catch(function () {
        root.removeAttribute("aria-busy");
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
