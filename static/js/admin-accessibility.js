/*
 * Names and keyboard use for the parts of the admin that other scripts build without
 * them (axe-core finds them otherwise: tests/test_admin_accessibility_browser.py):
 * the language tabs and the language switch of django-modeltranslation, the date and
 * time boxes of Django's split date/time fields and the select2 boxes of autocomplete
 * fields. Texts come from the data attributes of this script's tag, in the admin's
 * language (templates/admin/base_site.html). No inline code, no external requests.
 */
(function () {
  "use strict";

  var labels = document.currentScript ? document.currentScript.dataset : {};
  var idCount = 0;

  function ensureId(element, prefix) {
    if (!element.id) {
      idCount += 1;
      element.id = prefix + "-" + idCount;
    }
    return element.id;
  }

  function text(element) {
    return (element.textContent || "").replace(/\s+/g, " ").replace(/:\s*$/, "").trim();
  }

  // jQuery UI makes each <li> a tab and keeps a link inside it, focusable by script:
  // a control in a control, which screen readers announce twice. The tab list gets the
  // field's name, each tab its language's name, and a tab whose field has an error says so.
  function nameLanguageTabs() {
    var jQuery = window.jQuery || (window.django && window.django.jQuery);
    document.querySelectorAll(".ui-tabs-nav[role=tablist]").forEach(function (list) {
      var container = list.parentElement;
      var widget = jQuery && jQuery.fn.tabs ? jQuery(container).tabs("instance") : null;
      if (widget) {
        widget._isLocal = function () { return true; };
      }
      var fieldLabel = container.querySelector(".ui-tabs-panel label");
      if (fieldLabel && labels.tabList) {
        list.setAttribute("aria-label", text(fieldLabel) + ": " + labels.tabList);
      }
      list.querySelectorAll("[role=tab]").forEach(function (tab) {
        var link = tab.querySelector("a");
        if (!link) { return; }
        var code = text(link).toUpperCase();
        var name = link.getAttribute("title") || code;
        var label = name === code ? code : code + " – " + name;
        if (tab.classList.contains("ui-tab-has-errors") && labels.tabHasErrors) {
          label += ", " + labels.tabHasErrors;
        }
        tab.removeAttribute("aria-labelledby");
        tab.setAttribute("aria-label", label);
        // The tab (the <li>) takes focus and keys; the link only catches clicks. Without
        // its address it is no longer focusable, and jQuery UI, which would then load the
        // panel from the server, is told that every panel is on the page already.
        if (widget) {
          link.removeAttribute("href");
          link.removeAttribute("tabindex");
        }
      });
    });
    var languageSwitch = document.getElementById("modeltranslation-main-switch");
    if (languageSwitch && labels.languageSwitch) {
      languageSwitch.setAttribute("aria-label", labels.languageSwitch);
    }
  }

  // "Datum: [ ] Zeit: [ ]": the words are plain text beside the boxes. Each box gets the
  // field's label and its own word as name ("Veröffentlichen ab: Datum").
  function nameDateTimeParts() {
    document.querySelectorAll("p.datetime").forEach(function (paragraph) {
      var row = paragraph.closest(".form-row, .fieldBox, td");
      var fieldLabel = row ? row.querySelector("label") : null;
      var fieldLabelId = fieldLabel ? ensureId(fieldLabel, "field-label") : "";
      paragraph.querySelectorAll("input").forEach(function (input) {
        var node = input.previousSibling;
        while (node && node.nodeType === Node.TEXT_NODE && !node.textContent.trim()) {
          node = node.previousSibling;
        }
        if (!node || node.nodeType !== Node.TEXT_NODE) { return; }
        var part = document.createElement("label");
        part.htmlFor = input.id;
        part.textContent = node.textContent.trim() + " ";
        node.replaceWith(part);
        if (fieldLabelId) {
          input.setAttribute(
            "aria-labelledby", fieldLabelId + " " + ensureId(part, "field-part")
          );
        }
      });
    });
  }

  // select2 names its box by the chosen item alone, so an empty box has no name.
  function nameAutocompleteBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && document.querySelector("label[for='" + select.id + "']");
      var container = select.nextElementSibling;
      if (!label || !container || !container.classList.contains("select2")) { return; }
      var labelId = ensureId(label, "field-label");
      var box = container.querySelector("[role=combobox]");
      var rendered = container.querySelector(".select2-selection__rendered");
      if (box) {
        box.setAttribute("aria-labelledby", labelId + (rendered ? " " + rendered.id : ""));
      }
      if (rendered) {
        rendered.removeAttribute("role");
        rendered.removeAttribute("aria-readonly");
      }
    });
  }

  function run() {
    nameLanguageTabs();
    nameDateTimeParts();
    nameAutocompleteBoxes();
  }

  // The tabs and select2 boxes are built in jQuery ready handlers of scripts that come
  // before this (deferred) one; a ready handler added now runs after theirs.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
