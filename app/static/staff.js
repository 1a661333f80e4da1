/* Small helps for the staff pages; every page works without them.
   - form[data-confirm]: ask before submitting (removing a row).
   - table.rows[data-group]: a "Thêm dòng" button that copies the last row with its index raised.
   - #job[data-status-url]: poll an import job and reload the page when it ends. */
(function () {
  "use strict";

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });

  function nextRow(table, group) {
    var rows = table.tBodies[0].rows, last = rows[rows.length - 1], copy = last.cloneNode(true);
    var pattern = new RegExp("^(" + group + "-)(\\d+)(-.*)$");
    copy.querySelectorAll("input, select").forEach(function (el) {
      var m = pattern.exec(el.name);
      if (m) { el.name = m[1] + (parseInt(m[2], 10) + 1) + m[3]; }
      if (el.id) { el.removeAttribute("id"); }
      var label = el.getAttribute("aria-label");
      if (label) {
        el.setAttribute("aria-label", label.replace(/\d+$/, function (d) { return String(parseInt(d, 10) + 1); }));
      }
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
      if (el.tagName === "SELECT") { el.selectedIndex = 0; } else { el.value = ""; }
    });
    copy.querySelectorAll(".field-error").forEach(function (p) { p.parentNode.removeChild(p); });
    last.parentNode.appendChild(copy);
    var first = copy.querySelector("input, select");
    if (first) { first.focus(); }
  }

  document.querySelectorAll("table.rows[data-group]").forEach(function (table) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = "Thêm dòng";
    button.addEventListener("click", function () { nextRow(table, table.dataset.group); });
    table.parentNode.insertBefore(button, table.nextSibling);
  });

  var box = document.getElementById("job");
  if (box && box.dataset.statusUrl && box.dataset.status === "running") {
    var status = document.getElementById("job-status"), bar = document.getElementById("job-progress");
    var poll = function () {
      fetch(box.dataset.statusUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (job) {
          if (job.status !== "running") { window.location.reload(); return; }
          if (job.total && bar) {
            bar.max = job.total;
            bar.value = job.done;
            status.textContent = job.label + ": " + job.done + " / " + job.total + " thủ tục";
          }
          window.setTimeout(poll, 2000);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 1000);
  }
})();
