// Ferry console: small progressive enhancements. Every page works without this file except
// the live migration view, which falls back to reloading by hand.
(function () {
  "use strict";

  // Live migration progress: each `migration` server-sent event re-renders the pipeline
  // section from the server's own fragment, so the page never reloads.
  function followMigration(section) {
    if (!("EventSource" in window)) { return; }
    var source = new EventSource(section.getAttribute("data-events"));
    var fetching = false;
    var again = false;
    function refresh() {
      if (fetching) { again = true; return; }
      fetching = true;
      fetch(section.getAttribute("data-fragment"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html !== null) {
            section.innerHTML = html;
            section.setAttribute("data-updated", String(Date.now()));
            var status = section.querySelector("#migration-status");
            if (status && status.getAttribute("data-finished") === "true") { source.close(); }
          }
        })
        .catch(function () {})
        .then(function () {
          fetching = false;
          if (again) { again = false; refresh(); }
        });
    }
    source.addEventListener("migration", refresh);
    // The server ends the stream once the migration finished; stop it reconnecting.
    source.addEventListener("end", function () { source.close(); refresh(); });
    source.addEventListener("error", function () {
      section.setAttribute("data-stream", "reconnecting");
    });
    source.addEventListener("open", function () {
      section.setAttribute("data-stream", "open");
    });
  }

  // Copy buttons next to the kubectl commands.
  function enableCopy(button) {
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-copy"));
      if (!target || !navigator.clipboard) { return; }
      navigator.clipboard.writeText(target.textContent).then(function () {
        var label = button.firstChild;
        label.textContent = "Copied";
        setTimeout(function () { label.textContent = "Copy"; }, 1500);
      });
    });
  }

  // A kubeconfig file picked on the sign-in page is read here and put into the text area
  // the form posts, so the form needs no multipart upload.
  function enableFileFill(input) {
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      var target = document.getElementById(input.getAttribute("data-fill-textarea"));
      if (!file || !target) { return; }
      file.text().then(function (text) { target.value = text; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-events]"), followMigration);
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), enableCopy);
    Array.prototype.forEach.call(document.querySelectorAll("input[data-fill-textarea]"), enableFileFill);
  });
})();
