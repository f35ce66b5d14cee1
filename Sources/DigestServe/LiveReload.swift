/// The script `digest serve` adds to every page it serves: it asks the server what the last
/// build was and reloads the page when a newer one is there; a failed build's errors are shown
/// over the page until the next good build. A file of its own, as the pages' Content-Security-
/// Policy allows only the site's own scripts.
enum LiveReload {
    static let scriptPath = "/__digest/reload.js"
    static let statusPath = "/__digest/status"
    static let tag = "<script src=\"\(scriptPath)\" defer></script>"

    /// Before `</body>`, or at the end of a page without one.
    static func inject(into html: String) -> String {
        guard let end = html.range(of: "</body>", options: .backwards) else { return html + tag }
        return html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: tag + "\n")
    }

    static let script = """
        // digest serve: reload when the site is rebuilt; show a failed build's errors.
        (function () {
          "use strict";
          var seen = null;
          function show(problems) {
            var box = document.getElementById("digest-build-errors");
            if (!problems.length) { if (box) box.remove(); return; }
            if (!box) {
              box = document.createElement("div");
              box.id = "digest-build-errors";
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;z-index:99999;" +
                "margin:0;padding:1rem;background:#7f1d1d;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap";
              document.body.appendChild(box);
            }
            box.textContent = "digest build failed; the site shown is the last good build.\\n\\n" + problems.join("\\n");
          }
          function poll() {
            fetch("\(statusPath)", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (status) {
              if (seen === null) seen = status.version;
              else if (status.version !== seen) { window.location.reload(); return; }
              show(status.problems);
            }).catch(function () { /* the server is restarting: try again */ })
              .then(function () { setTimeout(poll, 250); });
          }
          poll();
        })();

        """
}
