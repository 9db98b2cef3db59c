/*
 * comment-widget loader. Put one classic script tag on a page:
 *   <script src="https://your-cdn.example/comment-widget/comment-widget.js" defer></script>
 * and a form is mounted into every element carrying data-comment-widget.
 * The wasm app and the stylesheet are fetched next to this file, so it can
 * live on any origin. No inline script or style is needed (strict CSP works).
 */
(function () {
  "use strict";
  var w = window;
  var doc = document;
  // Loading the script twice is harmless: the second copy only mounts forms
  // that appeared since.
  if (w.CommentWidget && w.CommentWidget.mountAll) {
    w.CommentWidget.mountAll();
    return;
  }
  var script = doc.currentScript;
  var base = new URL(".", (script && script.src) || doc.baseURI).href;
  var app = null;

  function fallback(reason) {
    console.error("comment-widget: the form could not be loaded from " + base + " (" + reason + ")");
    var hosts = doc.querySelectorAll("[data-comment-widget]:not([data-cw-mounted])");
    for (var i = 0; i < hosts.length; i++) {
      hosts[i].setAttribute("data-cw-mounted", "");
      hosts[i].textContent = "The comment form could not be loaded.";
    }
  }

  function load() {
    if (!app) {
      if (typeof WebAssembly !== "object") {
        app = Promise.reject(new Error("this browser has no WebAssembly"));
      } else {
        app = import(base + "comment-widget-app.js").then(function (m) {
          return m.default({ module_or_path: base + "comment-widget-app_bg.wasm" }).then(function () {
            return m;
          });
        });
      }
    }
    return app;
  }

  function mountAll() {
    return load().then(function (m) {
      m.mount_all(base + "comment-widget.css");
    }, function (err) {
      fallback(err && err.message ? err.message : String(err));
    });
  }

  w.CommentWidget = { version: "0.1.0", base: base, mountAll: mountAll };

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
