// Polls a subject access export's status and shows its progress; reloads the
// page once it has finished, to show the download link or the reason it failed.
(function () {
  "use strict";
  var box = document.getElementById("export-progress");
  if (!box || !box.dataset.statusUrl) { return; }
  var url = box.dataset.statusUrl;
  function show(status) {
    Object.keys(status).forEach(function (key) {
      var field = box.querySelector('[data-field="' + key + '"]');
      if (field) { field.textContent = String(status[key]); }
    });
    var bar = box.querySelector("progress");
    if (bar) { bar.value = status.progress; bar.textContent = status.progress + "%"; }
  }
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) { return; }
        show(status);
        if (status.finished) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
