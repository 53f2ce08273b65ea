/* perfsite: the 整改情况 page's filters (status, year, department, overdue). The rows are in the
   page; this only hides those that do not match. No dependencies; without it every row shows. */
(function () {
  "use strict";
  var form = document.getElementById("ps-rfilters");
  var table = document.getElementById("ps-rtable");
  if (!form || !table) return;
  var count = document.getElementById("ps-rcount");
  var none = document.getElementById("ps-rnone");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var keys = { status: "status", year: "year", dept: "dept", overdue: "overdue" };
  var fold = document.getElementById("ps-rfold");
  var relabel = function () {}; /* the fold on a phone (perfsite.js), set when the form shows */

  function apply() {
    var wanted = {};
    Object.keys(keys).forEach(function (name) { wanted[name] = form.elements[name].value; });
    var shown = 0;
    rows.forEach(function (row) {
      var ok = Object.keys(keys).every(function (name) {
        return !wanted[name] || row.getAttribute("data-" + keys[name]) === wanted[name];
      });
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown === rows.length ? "共 " + rows.length + " 项整改措施"
      : "符合条件的整改措施 " + shown + " 项（共 " + rows.length + " 项）";
    none.hidden = shown > 0;
    relabel(Object.keys(wanted).filter(function (name) { return wanted[name]; }).length);
    var query = new URLSearchParams();
    Object.keys(wanted).forEach(function (name) { if (wanted[name]) query.set(name, wanted[name]); });
    var search = query.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  var given = new URLSearchParams(location.search);
  Object.keys(keys).forEach(function (name) {
    var value = given.get(name);
    if (value !== null) form.elements[name].value = value;
  });
  form.hidden = false;
  relabel = window.perfsiteDom.foldFilters(form, fold, "筛选");
  fold.addEventListener("click", function () {
    form.classList.toggle("ps-folded");
    apply();
  });
  /* 「39 项已逾期」 in the lead links this page filtered to them (?overdue=1, read above on a
     load): a click filters in place, unfolds nothing, and brings the count and rows into view. */
  var overdueLink = document.getElementById("ps-roverdue-link");
  if (overdueLink) {
    overdueLink.addEventListener("click", function (event) {
      event.preventDefault();
      form.elements.overdue.value = "1";
      apply();
      count.scrollIntoView();
    });
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
