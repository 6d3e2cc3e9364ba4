/*
 * A live counter for text fields with a maxlength and a data-character-count label such
 * as "Zeichen übrig: %(remaining)s von %(limit)s" (worded by the server, in the page's
 * language). The limit is also stated in the field's hint, so this is only an extra.
 *
 * The visible count is tied to the field by aria-describedby, so a screen reader reads it
 * with the field. A separate polite live region repeats it once typing pauses, not on
 * every keystroke. Admin only: public pages run no script. No dependencies.
 */
(function () {
  "use strict";

  var PAUSE_MS = 1000;
  var counters = [];
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);

  function attach(field) {
    var limit = field.maxLength;
    if (!(limit > 0) || !field.id) {
      return;
    }
    var counter = document.createElement("p");
    counter.id = field.id + "_character_count";
    counter.className = "character-count help";
    var announcer = document.createElement("span");
    announcer.className = "visually-hidden";
    announcer.setAttribute("aria-live", "polite");
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    // In the admin's rows the field shares a line with its label: the count goes below
    // that line, beside the help text, rather than at the far end of the row.
    var row = field.parentElement;
    var anchor = row && row.classList.contains("flex-container") ? row : field;
    anchor.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", announcer);

    var timer = null;
    function update() {
      counter.textContent = field.dataset.characterCount
        .replace("%(remaining)s", numbers.format(Math.max(limit - field.value.length, 0)))
        .replace("%(limit)s", numbers.format(limit));
    }
    update();
    counters.push(update);
    field.addEventListener("input", function () {
      update();
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        announcer.textContent = counter.textContent;
      }, PAUSE_MS);
    });
  }

  function attachAll() {
    document.querySelectorAll("input[data-character-count], textarea[data-character-count]").forEach(attach);
    // A script may fill a field without an input event (the admin's slug from the title,
    // on keyup and change): refresh every count then too, silently.
    ["keyup", "change"].forEach(function (type) {
      document.addEventListener(type, function () {
        counters.forEach(function (update) { update(); });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attachAll);
  } else {
    attachAll();
  }
})();
