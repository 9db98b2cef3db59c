/*
 * comment-widget loader. Put one classic script tag on a page:
 *   <script src="https://your-cdn.example/comment-widget/comment-widget.js" defer></script>
 * and a form is mounted into every element carrying data-comment-widget.
 * The wasm app and the stylesheet are fetched next to this file, so it can
 * live on any origin. No inline script or style is needed (strict CSP works).
 *
 * JS API, for single-page apps (every call returns a Promise):
 *   CommentWidget.mount(element, { backend: "isso", endpoint: "…", postId: 1, … })
 *     → { element, unmount(), replyTo(id, name) }   options are the data-* attributes in camelCase
 *   CommentWidget.replyTo(element, id, name)        the heading becomes "Reply to <name>"; no id ends it
 *   CommentWidget.unmount(element)
 *   CommentWidget.mountAll()       mounts [data-comment-widget] elements added since
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
  var css = base + "comment-widget.css";
  var app = null;
  var exports = null; // the wasm instance's exports, once loaded

  function reason(err) {
    return err && err.message ? err.message : String(err);
  }

  // The one sentence shown when the wasm cannot run, in the form's languages
  // (the wasm, which holds the others, is what failed).
  var unloadable = {
    en: "The comment form could not be loaded.",
    de: "Das Kommentarformular konnte nicht geladen werden.",
    fr: "Le formulaire de commentaire n’a pas pu être chargé.",
    es: "No se pudo cargar el formulario de comentarios.",
    ar: "تعذّر تحميل نموذج التعليق.",
  };

  function fallback(err) {
    console.error("comment-widget: the form could not be loaded from " + base + " (" + reason(err) + ")");
    var hosts = doc.querySelectorAll("[data-comment-widget]:not([data-cw-mounted])");
    for (var i = 0; i < hosts.length; i++) {
      var lang = (hosts[i].getAttribute("data-lang") || doc.documentElement.lang || "en").slice(0, 2).toLowerCase();
      hosts[i].setAttribute("data-cw-mounted", "");
      hosts[i].textContent = unloadable[lang] || unloadable.en;
    }
  }

  function load() {
    if (!app) {
      if (typeof WebAssembly !== "object") {
        app = Promise.reject(new Error("this browser has no WebAssembly"));
      } else {
        // Fetch the wasm and the stylesheet while the JS glue loads, instead
        // of one after the other: on a slow network that saves round trips.
        var wasm = fetch(base + "comment-widget-app_bg.wasm");
        var preload = doc.createElement("link");
        preload.rel = "preload";
        preload.as = "style";
        preload.href = css;
        doc.head.appendChild(preload);
        app = import(base + "comment-widget-app.js").then(function (m) {
          return m.default({ module_or_path: wasm }).then(function (instance) {
            exports = instance;
            return m;
          });
        });
      }
    }
    return app;
  }

  function mountAll() {
    return load().then(function (m) {
      m.mount_all(css);
    }, fallback);
  }

  function mount(element, options) {
    return load().then(function (m) {
      m.mount(element, options || {}, css);
      return {
        element: element,
        unmount: function () {
          m.unmount(element);
        },
        replyTo: function (id, name) {
          m.reply_to(element, id == null ? undefined : Number(id), name == null ? undefined : String(name));
        },
      };
    });
  }

  function replyTo(element, id, name) {
    return load().then(function (m) {
      m.reply_to(element, id == null ? undefined : Number(id), name == null ? undefined : String(name));
    });
  }

  function unmount(element) {
    return load().then(function (m) {
      m.unmount(element);
    });
  }

  /** Diagnostics for the benchmark: the wasm linear memory in bytes. */
  function stats() {
    return { wasmMemoryBytes: exports && exports.memory ? exports.memory.buffer.byteLength : 0 };
  }

  w.CommentWidget = { version: "0.1.0", base: base, mount: mount, unmount: unmount, replyTo: replyTo, mountAll: mountAll, stats: stats };

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
