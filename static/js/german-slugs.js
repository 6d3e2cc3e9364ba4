/*
 * German slugs in the admin: "Größere Übung" becomes "groessere-uebung", not Django's
 * "groere-ubung". Wraps the admin's URLify (urlify.js), which prepopulated slug fields
 * call whenever the title changes, and spells out umlauts and ß first, as German does.
 */
(function () {
  "use strict";

  var GERMAN = { "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "SS" };

  function wrap() {
    var urlify = window.URLify;
    if (typeof urlify !== "function" || urlify.spellsGerman) {
      return;
    }
    var german = function (text, numChars, allowUnicode) {
      return urlify(String(text).replace(/[ÄÖÜäöüßẞ]/g, function (letter) {
        return GERMAN[letter];
      }), numChars, allowUnicode);
    };
    german.spellsGerman = true;
    window.URLify = german;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wrap);
  } else {
    wrap();
  }
})();
