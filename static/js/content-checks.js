/*
 * The "Prüfungen" panel's preview: checks the text as typed in the change form, before it
 * is saved. The server runs the same checks as for the saved text (content_checks) and
 * answers with the panel's HTML, escaped there. No dependencies, no external requests.
 */
(function () {
  "use strict";

  function setUp(panel) {
    var form = panel.closest("form");
    var button = panel.querySelector(".content-checks__refresh");
    var results = panel.querySelector(".content-checks__results");
    var status = panel.querySelector(".content-checks__status");
    if (!form || !button || !results) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var body = new FormData(form);
      // The text is what is checked: uploads stay in the form.
      Array.from(body.keys()).forEach(function (key) {
        if (body.get(key) instanceof File) { body.delete(key); }
      });
      body.set("content_checks_model", panel.dataset.model || "");
      body.set("content_checks_pk", panel.dataset.pk || "");
      status.textContent = "";
      fetch(panel.dataset.contentChecksPreview, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken") || "" },
        body: body,
      }).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      }).then(function (html) {
        results.innerHTML = html;
        status.textContent = panel.dataset.checkedLabel;
      }).catch(function () {
        status.textContent = panel.dataset.failedLabel;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-content-checks-preview]").forEach(setUp);
  });
})();
