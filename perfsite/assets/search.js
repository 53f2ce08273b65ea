/* perfsite: the 全文检索 page, a small UI on Pagefind's JS API (pagefind.js). Pagefind's stock UI
   cost 134 KB of script and style on a visitor's first query; this is a few KB.
   Loaded only by search/; the page says what to do without JavaScript (<noscript>). */
(function () {
  "use strict";

  var PAGE = 10;

  var el = window.perfsiteDom.el;  /* perfsite.js, loaded on every page before this deferred script */

  /* Pagefind's excerpts are escaped text with <mark> around matched words. A detached <textarea>
     parses its content as text only (no elements, nothing loads or runs), so it decodes the
     entities; the marks become our own <mark> nodes, never markup from the data. */
  var decoder = document.createElement("textarea");
  function decode(escaped) {
    decoder.innerHTML = escaped;
    return decoder.value;
  }

  /* The excerpt as [text, marked] pieces, without the copy of the title it may open with: a stub's
     body starts with its h1 (the result's title, weighted), so Pagefind's window over it began
     mid-title (「教育阶段学生营养改善计划（2021年度）」 under 「义务教育阶段学生营养改善计划（2021年度）」).
     The longest start of the excerpt that ends the title is dropped; the words marked there are
     marked in the title instead (`dropped`), so a result found by its name still shows why. */
  function excerptNodes(excerpt, title, dropped) {
    var pieces = String(excerpt || "").split(/<mark>|<\/mark>/).map(function (part, i) {
      return [decode(part), i % 2 === 1];
    });
    var plain = pieces.map(function (p) { return p[0]; }).join("");
    var cut = 0;
    for (var k = Math.min(title.length, plain.length); k > 1; k--) {
      if (title.slice(title.length - k) === plain.slice(0, k)) { cut = k; break; }
    }
    var nodes = [];
    pieces.forEach(function (p) {
      var text = p[0];
      var drop = Math.min(cut, text.length);
      cut -= drop;
      if (p[1] && drop) dropped.push(text.slice(0, drop));
      text = text.slice(drop);
      if (!nodes.length) text = text.replace(/^\s+/, "");
      if (text) nodes.push(p[1] ? el("mark", {}, [text]) : document.createTextNode(text));
    });
    return nodes;
  }

  /* The title as text with the words in `words` marked (each where it first occurs). */
  function titleNodes(title, words) {
    var nodes = [];
    var rest = title;
    words.forEach(function (word) {
      var at = word ? rest.indexOf(word) : -1;
      if (at < 0) return;
      if (at) nodes.push(document.createTextNode(rest.slice(0, at)));
      nodes.push(el("mark", {}, [word]));
      rest = rest.slice(at + word.length);
    });
    if (rest) nodes.push(document.createTextNode(rest));
    return nodes;
  }

  /* What a result is and of which year (Pagefind metadata `kind` and `year`, perfsite.site.search):
     a programme-year has up to four documents of one name. A prose page has neither. */
  function kindLine(meta) {
    var words = [meta.kind || "说明文档", meta.year ? meta.year + "年度" : ""].filter(Boolean);
    return el("p", { "class": "ps-hit-kind" }, [words.join(" · ")]);
  }

  /* The year of a merged index, from its folder's name ("…/pagefind/2024/" or "…/pagefind/2024-2/",
     perfsite.site.search.shard_names); "" for another. */
  function indexYear(u) {
    var name = String(u).replace(/\/+$/, "").split("/").pop();
    return /^\d{4}(-\d+)?$/.test(name) ? name.split("-")[0] : "";
  }

  /* How an index is merged: a year index with its year as a filter (Pagefind's mergeFilter, made
     in the browser: nothing to download), for orderedSearch. */
  function mergeOptions(u, base) {
    var year = indexYear(u);
    return year ? { baseUrl: base, mergeFilter: { year: year } } : { baseUrl: base };
  }

  var OTHER = "其他文件";  /* perfsite.site.search.OTHER: the kind filter's value on a 绩效目标表, 评价报告 or 整改 stub */

  /* The results in reading order: first those whose title the query matches (Pagefind's
     matchedMetaFields: the programme a reader names, a page named so), then the rest; in each,
     the newest year first, within a year its 自评 pages before its other documents (绩效目标表,
     评价报告, 整改), then the site's own pages (说明文档, 部门整体, in the primary index, which has
     no year); each group in Pagefind's order (relevance). Pagefind alone interleaves the merged
     year indexes (each scores with its own word counts) and ranks a short 绩效目标表 stub above its
     自评, whatever the titles weigh. Pagefind matches a title only on whole words of its Chinese
     segmentation (农村公路 in 农村公路养护, not 学生营养 in 学生营养改善计划): such a query is
     ordered by year alone. `other`: the ids of the results that are a programme-year's other
     documents; `yearOf`: id → year. Array.prototype.sort is stable. */
  function ranked(results, other, yearOf) {
    var at = new Map(results.map(function (r, i) { return [r.id, i]; }));
    function key(r) {
      var year = Number(yearOf.get(r.id)) || 0;
      var named = (r.matchedMetaFields || []).indexOf("title") >= 0;
      return [named ? 0 : 1, -year || Infinity, other.has(r.id) ? 1 : 0, at.get(r.id)];
    }
    return results.slice().sort(function (a, b) {
      var x = key(a), y = key(b);
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3];
    });
  }

  /* One query on the merged indexes, its results ranked: the unfiltered search, then the same
     restricted to the other documents (their stubs' `kind` filter) and to each year (the `year` filter each year
     index is merged with), on the chunks the first one loaded (only the kind filter's chunks are
     fetched, one an index). `years`: the merged indexes' years. */
  function orderedSearch(pf, query, years) {
    var found;
    var other = new Set();
    var yearOf = new Map();
    function ids(res) { return res.results.map(function (r) { return r.id; }); }
    return pf.search(query).then(function (res) {
      found = res.results;
      if (!found.length) return null;
      return pf.search(query, { filters: { kind: OTHER } }).then(function (res) {
        ids(res).forEach(function (id) { other.add(id); });
        return years.reduce(function (done, year) {
          return done.then(function () {
            return pf.search(query, { filters: { year: year } }).then(function (res) {
              ids(res).forEach(function (id) { yearOf.set(id, year); });
            });
          });
        }, Promise.resolve());
      });
    }).then(function () { return ranked(found, other, yearOf); });
  }

  /* Links only to our own site: a relative or same-origin http(s) URL, else none. */
  function safeHref(value) {
    var url;
    try { url = new URL(value, location.href); } catch (e) { return null; }
    return /^https?:$/.test(url.protocol) && url.origin === location.origin ? url.href : null;
  }

  function hitNode(data) {
    var title = (data.meta && data.meta.title) || data.url || "";
    var href = safeHref(data.url);
    var dropped = [];
    var excerpt = excerptNodes(data.excerpt, title, dropped);
    var named = titleNodes(title, dropped);
    return el("li", { "class": "ps-hit" }, [
      kindLine(data.meta || {}),
      href ? el("a", { href: href }, named) : el("span", {}, named),
      el("p", { "class": "ps-hit-excerpt" }, excerpt)
    ]);
  }

  function start(root) {
    var form = root.querySelector("form");
    var input = form.elements.q;
    var status = document.getElementById("ps-ft-status");
    var list = document.getElementById("ps-ft-results");
    var more = document.getElementById("ps-ft-more");
    var scope = document.getElementById("ps-ft-scope");
    var wider = document.getElementById("ps-ft-wider");
    /* Pagefind wants site paths (it joins them with its own file names); the data attributes are
       relative, so the page works under any sub-path. */
    function path(u) { return new URL(u, location.href).pathname; }
    var base = path(root.dataset.base);
    function paths(list) { return (list || "").split(" ").filter(Boolean).map(path); }
    var merged = paths(root.dataset.merge);
    /* The older years' indexes when all of them would make a first query too big (search.settle_page):
       merged when the reader widens the search (the address then says years=all), or when the newest
       year finds nothing. */
    var later = paths(root.dataset.later);
    var wide = !later.length || new URLSearchParams(location.search).get("years") === "all";
    var engine = null;
    var widened = null;
    var seq = 0;          // the latest query; answers to older ones are dropped
    var results = [];
    var shown = 0;
    var timer = null;
    var busy = false;     // 显示更多结果 is loading: a second click must not load the same ten

    var years = merged.concat(later).map(indexYear).filter(function (y, i, all) { return y && all.indexOf(y) === i; });

    /* pagefind.js, the primary index and every year's index, once, on first use. noWorker: the
       Web Worker script is another 41 KB, and a query on a few small chunks takes milliseconds. */
    function load() {
      if (!engine) {
        engine = import(new URL(root.dataset.bundle + "pagefind.js", location.href).href).then(function (pf) {
          return pf.options({ baseUrl: base, noWorker: true }).then(function () {
            return Promise.all(merged.map(function (u) { return pf.mergeIndex(u, mergeOptions(u, base)); }));
          }).then(function () { return pf; });
        });
        engine.catch(function () { engine = null; });  // a later query tries again
      }
      return engine;
    }

    /* The engine with the older years' indexes merged too (Pagefind adds them to the same engine). */
    function loadAll() {
      if (!widened) {
        widened = load().then(function (pf) {
          return Promise.all(later.map(function (u) { return pf.mergeIndex(u, mergeOptions(u, base)); }))
            .then(function () { return pf; });
        });
        widened.catch(function () { widened = null; });
      }
      return widened;
    }

    function say(text) { status.textContent = text; }

    function showMore(token, focusFirst) {
      var next = results.slice(shown, shown + PAGE);
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (items) {
        if (token !== seq) return;
        var first = null;
        items.forEach(function (data) {
          var node = hitNode(data);
          first = first || node.querySelector("a");
          list.appendChild(node);
        });
        shown += items.length;
        more.hidden = shown >= results.length;
        say("找到 " + results.length + " 个结果" + (more.hidden ? "" : "，显示前 " + shown + " 个"));
        /* After 显示更多结果 the keyboard continues at the first new result. */
        if (focusFirst && first) first.focus();
      });
    }

    function run(query, debounced) {
      var token = ++seq;
      clearTimeout(timer);
      list.replaceChildren();
      more.hidden = true;
      if (scope) scope.hidden = true;
      results = [];
      shown = 0;
      if (!query) { say(""); return; }
      say(wide && later.length && !widened ? "加载中：正在载入更早年度的索引…" : "正在检索…");
      /* While typing, wait for a pause; a submitted or linked query runs at once. */
      timer = setTimeout(function () {
        (wide ? loadAll() : load()).then(function (pf) { return orderedSearch(pf, query, years); }).then(function (found) {
          if (token !== seq) return;
          results = found;
          if (!results.length && !wide) {  /* nothing in the newest year: look in the others */
            widen(query);
            return;
          }
          if (!results.length) { say("没有找到与“" + query + "”相关的内容"); return; }
          if (scope) scope.hidden = wide;
          return showMore(token, false);
        }).catch(function () {
          if (token === seq) say("全文检索暂时无法使用，请稍后再试，或使用项目查询。");
        });
      }, debounced ? 250 : 0);
    }

    function widen(query) {
      wide = true;
      writeUrl(query);
      run(query, false);
    }

    function writeUrl(query) {
      var params = new URLSearchParams(location.search);
      if (query) params.set("q", query); else params.delete("q");
      if (wide && later.length) params.set("years", "all"); else params.delete("years");
      var qs = params.toString();
      history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
    }

    function onInput(event) {
      if (event.isComposing) return;  // a Chinese input method is still composing the word
      var query = input.value.trim();
      writeUrl(query);
      run(query, true);
    }

    input.addEventListener("input", onInput);
    input.addEventListener("compositionend", onInput);
    input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = input.value.trim();
      writeUrl(query);
      run(query, false);
    });
    if (wider) {
      wider.addEventListener("click", function () {
        input.focus();  /* the button hides with its note: keep the keyboard in the form */
        widen(input.value.trim());
      });
    }
    more.addEventListener("click", function () {
      if (busy) return;
      busy = true;
      showMore(seq, true).then(function () { busy = false; }, function () { busy = false; });
    });

    root.hidden = false;
    var initial = (new URLSearchParams(location.search).get("q") || "").trim();
    if (initial) {
      input.value = initial;
      run(initial, false);
    }
  }

  function init() {
    var root = document.getElementById("ps-fulltext");
    if (root && !root.dataset.ready) {
      root.dataset.ready = "1";
      start(root);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
