// PaperDigest: typeset math with KaTeX when the site ships it, and copy BibTeX.
(function () {
  "use strict";
  function typeset() {
    if (!window.katex) return;
    document.querySelectorAll(".math").forEach(function (el) {
      var tex = el.textContent, display = el.classList.contains("math-display");
      var m = /^\$\$([\s\S]*)\$\$$/.exec(tex) || /^\\\[([\s\S]*)\\\]$/.exec(tex) ||
              /^\\\(([\s\S]*)\\\)$/.exec(tex) || /^\$([\s\S]*)\$$/.exec(tex);
      if (!m) return;
      try {
        window.katex.render(m[1], el, { displayMode: display, throwOnError: false });
        el.setAttribute("title", tex);
      } catch (e) { /* leave the TeX as written */ }
    });
  }
  function copyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source || !navigator.clipboard) return;
        navigator.clipboard.writeText(source.textContent).then(function () {
          var label = button.textContent;
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
    });
  }
  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }
  ready(function () { typeset(); copyButtons(); });
})();
