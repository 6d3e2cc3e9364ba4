/*
 * A small Markdown toolbar and live preview for admin textareas marked with
 * data-markdown-preview. The preview is rendered by the server with the same
 * render_markdown() as the public site, so it shows exactly what the sanitiser lets through.
 * No dependencies, no external requests.
 */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function wrapSelection(textarea, before, after) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var value = textarea.value;
    textarea.value = value.slice(0, start) + before + value.slice(start, end) + after + value.slice(end);
    textarea.focus();
    textarea.setSelectionRange(start + before.length, end + before.length);
    textarea.dispatchEvent(new Event("input"));
  }

  function prefixLines(textarea, prefix) {
    var value = textarea.value;
    var start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    var end = textarea.selectionEnd;
    var lines = value.slice(start, end).split("\n").map(function (line) {
      return prefix + line;
    });
    textarea.value = value.slice(0, start) + lines.join("\n") + value.slice(end);
    textarea.focus();
    textarea.dispatchEvent(new Event("input"));
  }

  function setUp(textarea) {
    var labels = JSON.parse(textarea.dataset.labels || "{}");
    var toolbar = document.createElement("div");
    toolbar.className = "markdown-toolbar";
    toolbar.setAttribute("role", "toolbar");
    var preview = document.createElement("div");
    preview.className = "markdown-preview rich-text";
    preview.setAttribute("aria-live", "polite");
    preview.hidden = true;

    var buttons = [
      [labels.heading, function () { prefixLines(textarea, "# "); }],
      [labels.strong, function () { wrapSelection(textarea, "**", "**"); }],
      [labels.emphasis, function () { wrapSelection(textarea, "*", "*"); }],
      [labels.list, function () { prefixLines(textarea, "- "); }],
      [labels.link, function () {
        var url = window.prompt(labels.linkPrompt, "https://");
        if (url) { wrapSelection(textarea, "[", "](" + url + ")"); }
      }],
    ];
    buttons.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = spec[0];
      button.addEventListener("click", spec[1]);
      toolbar.appendChild(button);
    });

    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "button";
    toggle.textContent = labels.preview;
    toggle.setAttribute("aria-pressed", "false");
    toolbar.appendChild(toggle);

    var timer = null;
    function refresh() {
      if (preview.hidden) { return; }
      var body = new URLSearchParams();
      body.append("text", textarea.value);
      body.append("language", textarea.dataset.language || "");
      fetch(textarea.dataset.markdownPreview, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() },
        body: body,
      }).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      }).then(function (html) {
        // Sanitised by the server's allowlist, the same HTML the public page gets.
        preview.innerHTML = html;
      }).catch(function () {
        preview.textContent = labels.previewFailed;
      });
    }
    toggle.addEventListener("click", function () {
      preview.hidden = !preview.hidden;
      toggle.setAttribute("aria-pressed", preview.hidden ? "false" : "true");
      refresh();
    });
    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    });

    // One column for toolbar, textarea and preview, beside the admin's label.
    var editor = document.createElement("div");
    editor.className = "markdown-editor";
    textarea.parentNode.insertBefore(editor, textarea);
    editor.appendChild(toolbar);
    editor.appendChild(textarea);
    editor.appendChild(preview);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-markdown-preview]").forEach(setUp);
  });
})();
