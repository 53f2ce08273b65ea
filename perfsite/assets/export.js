/* perfsite: "下载当前结果" on the 项目查询 page — the filtered, sorted view as CSV.
   Reads window.perfsiteIndex.currentRows() (perfsite.js), so the file holds exactly the rows in
   view, in view order (all of them, not only the first page shown). UTF-8 with BOM and CRLF, as
   the site's other CSV files, so Excel on Chinese Windows opens it correctly. No request is made:
   the file is a Blob built in the browser. */
(function () {
  "use strict";

  /* Money follows the site's one unit policy (perfsite/opendata/units.py), as in /data/: the
     budget exact in 元 (2 places, half up) and in 万元, each header naming its unit. The headers
     and the unit come with projects/index.json (its "money" entry, kept by perfsite.js); the
     fallback is the same policy for an index that does not carry them. */
  var MONEY = { unit: "万元", header: "全年预算数（万元）", yuan_header: "全年预算数（元）" };

  function money() {
    var index = window.perfsiteIndex;
    return (index && index.money && index.money.budget) || MONEY;
  }

  function head() {
    var m = money();
    /* 得分 and 等级 are what the programme page leads with (the published total and grade where
       published); 复算得分 is the site's recomputation, 复算核验 how the two compare. */
    return ["年度", "项目名称", "主管部门", "地区", "评价方式", m.yuan_header, m.header, "执行率（%）", "得分",
            "得分来源", "复算得分", "复算核验", "等级", "等级来源", "目标调低", "页面地址"];
  }

  /* 目标调低 as the row's mark says it (perfsite.js `targets`, the index's targets column): 是 where
     the 自评 restated a target of its 绩效目标表 lower, 否 where it has one and lowered none; blank
     without a 绩效目标表, or with one and no 自评 yet (nothing to compare): a filtered download
     says which of its rows were flagged, not only that they were picked. */
  function lowered(row) {
    if (row.targets === "has/lowered") return "是";
    return row.targets === "has" && row.stage !== "waiting" ? "否" : "";
  }

  /* 1 added to a string of digits. */
  function increment(digits) {
    var out = "", carry = 1;
    for (var i = digits.length - 1; i >= 0; i--) {
      var d = digits.charCodeAt(i) - 48 + carry;
      carry = d > 9 ? 1 : 0;
      out = String(d % 10) + out;
    }
    return carry ? "1" + out : out;
  }

  /* A 万元 figure's text in 元 with 2 places, half up, as the downloads write it: exact, on the
     decimal text (no float ever touches a published figure). "3150.00" → "31500000.00". */
  function yuan(wan) {
    if (wan == null || wan === "") return "";
    var text = String(wan), sign = "";
    if (text.charAt(0) === "-" || text.charAt(0) === "+") {
      sign = text.charAt(0) === "-" ? "-" : "";
      text = text.slice(1);
    }
    if (!/^\d*(\.\d*)?$/.test(text)) return "";
    var parts = text.split("."), frac = parts[1] || "";
    while (frac.length < 7) frac += "0";
    var cents = (parts[0] + frac.slice(0, 6)).replace(/^0+(?=\d)/, "");
    if (frac.charAt(6) >= "5") cents = increment(cents);
    while (cents.length < 3) cents = "0" + cents;
    var whole = cents.slice(0, -2);
    if (sign && /^0*$/.test(cents)) sign = "";
    return sign + whole + "." + cents.slice(-2);
  }

  function pick(row, names) {
    for (var i = 0; i < names.length; i++) {
      var value = row[names[i]];
      if (value != null) return String(value);
    }
    return "";
  }

  /* The one guard for this file, the same rule as inert_cell() in perfsite/values.py: a cell a
     spreadsheet would run as a formula (first character = + - @, tab or CR) gets a leading
     apostrophe, which Excel and LibreOffice show as text. A signed number (-5.00, +3%) and a
     lone placeholder (-, --) are left as they are: they are never read as a formula. */
  var FORMULA_START = /^[=+\-@\t\r]/;
  var SIGNED_NUMBER = /^[+-](?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)%?$/;
  function inert(value) {
    if (!FORMULA_START.test(value)) return value;
    if (value === "-" || value === "--" || SIGNED_NUMBER.test(value)) return value;
    return "'" + value;
  }

  function cell(value) {
    value = inert(value);
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  /* The site root: Material's __md_scope when present, else one level up from 项目查询 (/projects/). */
  function siteRoot() {
    var scope = window.__md_scope;
    return scope && scope.href ? scope.href : new URL("../", location.href).href;
  }

  /* Absolute page URL: `path` is relative to projects/ (perfsite.js rows), `url` to the site root. */
  function pageUrl(row) {
    var target = row.path != null ? "projects/" + row.path : pick(row, ["url"]);
    if (!target) return "";
    try {
      return new URL(target, siteRoot()).href;
    } catch (e) {
      return target;
    }
  }

  function record(row) {
    return [
      pick(row, ["year"]), pick(row, ["name"]), pick(row, ["department", "dept"]),
      pick(row, ["region"]), pick(row, ["evaluation", "kind"]),
      yuan(pick(row, ["budget", "budget_wan"])), pick(row, ["budget", "budget_wan"]),
      pick(row, ["rate", "execution_rate"]), pick(row, ["score"]),
      row.score == null || row.score === "" ? "" : (row.published || row.source === "published" ? "公布" : "复算"),
      pick(row, ["total"]), verdictLabel(row), pick(row, ["grade"]), gradeSource(row), lowered(row), pageUrl(row)
    ];
  }

  /* 复算核验 in words; where the totals agree and the verdict is 不一致 all the same (the row's
     mismatch, headline.mismatch), the programme page's badge: 「总分相符，分项复算不一致」, as
     「复算不一致」 beside two equal totals reads as a contradiction. */
  function verdictLabel(row) {
    if (row.mismatch) return "总分相符，" + row.mismatch;
    var index = window.perfsiteIndex;
    return index && typeof index.verdictLabel === "function" ? index.verdictLabel(row.verdict) : "";
  }

  /* 等级来源: 公布 for the original's own grade; 复算 for a grade our total earns, beside a published
     total that came without one (grade_recomputed, 复算等级 on the page) or beside our own total. */
  function gradeSource(row) {
    if (!pick(row, ["grade"])) return "";
    var published = row.published || row.source === "published";
    return published && !(row.gradeRecomputed || row.grade_recomputed) ? "公布" : "复算";
  }

  function csvText(rows) {
    var lines = [head()].concat(rows.map(record));
    return "\ufeff" + lines.map(function (fields) { return fields.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  function download(rows) {
    var blob = new Blob([csvText(rows)], { type: "text/csv;charset=utf-8" });
    var href = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = href;
    link.download = "项目查询结果.csv";
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(href); }, 60000);
  }

  /* The results are empty while their years load (aria-busy on the page): a click then waits for
     them, so it never downloads a file of headers only. */
  function whenLoaded(root, then) {
    function ready() {
      var index = window.perfsiteIndex;
      return index && typeof index.currentRows === "function" && root.getAttribute("aria-busy") !== "true";
    }
    if (ready()) { then(); return; }
    var watch = new MutationObserver(function () {
      if (ready()) { watch.disconnect(); then(); }
    });
    watch.observe(root, { attributes: true, attributeFilter: ["aria-busy"] });
  }

  function start() {
    var root = document.getElementById("ps-index");
    var form = document.getElementById("ps-filters");
    if (!root || !form || document.getElementById("ps-export")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.id = "ps-export";
    button.className = "ps-button";
    button.textContent = "下载当前结果";
    button.title = "按当前筛选和排序，下载全部结果（CSV，可用 Excel 打开）";
    button.addEventListener("click", function () {
      whenLoaded(root, function () { download(window.perfsiteIndex.currentRows()); });
    });
    var actions = form.querySelector(".ps-field--actions") || form;
    actions.appendChild(button);
  }

  window.perfsiteExport = { csvText: csvText, inert: inert, yuan: yuan };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
