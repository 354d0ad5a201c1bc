// Live progress of an import job page: polls the job's JSON (same-origin, the session cookie) and, once the
// import has finished, reloads the page so the server renders the summary.
(function () {
  "use strict";
  var job = document.getElementById("import-job");
  if (!job || job.dataset.finished === "true") {
    return;
  }

  var status = document.getElementById("import-status");
  var bar = document.getElementById("import-progress");
  var counts = document.getElementById("import-counts");
  var number = new Intl.NumberFormat("en-US");

  function show(data) {
    if (data.totalTracks > 0) {
      bar.max = data.totalTracks;
      bar.value = data.processedTracks;
      status.textContent = "Importing… " + Math.floor((100 * data.processedTracks) / data.totalTracks) + "%";
    } else {
      status.textContent = data.status === "pending" ? "Waiting to start…" : "Checking the file…";
    }

    counts.textContent = number.format(data.processedTracks) + " of " + number.format(data.totalTracks)
      + " entries · " + number.format(data.inserted) + " new plays";
  }

  function poll() {
    fetch(job.dataset.api, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (data.finished) {
          window.location.reload();
          return;
        }
        show(data);
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        status.textContent = "Lost contact with the server; retrying…";
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 500);
})();
