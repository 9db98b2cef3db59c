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
 *   CommentWidget.mountAll()       mounts [data-comment-widget] elements added since (and tries
 *                                  again to load the form if an earlier load failed)
 * or, in a framework's templates, the element:
 *   <comment-widget backend="isso" endpoint="https://comments.example.org"></comment-widget>
 *   (attributes as the data-* ones, without "data-"; it mounts when connected, unmounts when
 *   removed, keeps its form when moved, and mounts again when an attribute changes)
 *
 * If the wasm ever stops (a trap), this file tells the reader in each form and
 * keeps saving what they type, so the text is there after a reload.
 */
(function (top) {
  "use strict";
  var LOADER = "comment-widget.js";
  // Loaded with type="module", `this` is undefined and document.currentScript
  // is null: nothing here could find its own folder.
  if (top === undefined) {
    console.error("comment-widget: " + LOADER + " must be loaded as a classic script: <script src=\"…/" + LOADER + "\" defer></script>, without type=\"module\"");
    return;
  }
  var w = window;
  var doc = document;
  // Loading the script twice is harmless: the second copy only mounts forms
  // that appeared since.
  if (w.CommentWidget && w.CommentWidget.mountAll) {
    w.CommentWidget.mountAll();
    return;
  }
  // currentScript may be clobbered by an element named "currentScript" in a
  // page that lets readers write HTML: trust only a real <script> whose
  // address ends with this file's name.
  var script = doc.currentScript;
  var src = script instanceof HTMLScriptElement ? script.src.split(/[?#]/)[0] : "";
  if (src.slice(-LOADER.length) !== LOADER) {
    console.error("comment-widget: cannot tell where " + LOADER + " was loaded from (document.currentScript is not its <script>); load it with a plain <script src> tag");
    return;
  }
  var base = new URL(".", src).href;
  var css = base + "comment-widget.css";
  // Subresource Integrity of the files this loader fetches, written in by
  // the build (scripts/integrity.mjs); empty in an unprocessed copy.
  var INTEGRITY = /*cw:integrity*/ {};
  var app = null;
  var exports = null; // the wasm instance's exports, once loaded
  var stopped = false; // the wasm trapped: no more calls into it

  function reason(err) {
    return err && err.message ? err.message : String(err);
  }

  function langOf(host) {
    var lang = (host.getAttribute("data-lang") || doc.documentElement.lang || "en").slice(0, 2).toLowerCase();
    return lang;
  }

  // The sentences shown when the wasm cannot run, in the form's languages
  // (the wasm, which holds the others, is what failed).
  var unloadable = {
    en: "The comment form could not be loaded.",
    de: "Das Kommentarformular konnte nicht geladen werden.",
    fr: "Le formulaire de commentaire n’a pas pu être chargé.",
    es: "No se pudo cargar el formulario de comentarios.",
    ar: "تعذّر تحميل نموذج التعليق.",
  };
  var crashed = {
    en: "The comment form stopped working. Your text is kept: reload the page to send it.",
    de: "Das Kommentarformular funktioniert nicht mehr. Ihr Text bleibt erhalten: Laden Sie die Seite neu, um ihn zu senden.",
    fr: "Le formulaire de commentaire ne fonctionne plus. Votre texte est conservé : rechargez la page pour l’envoyer.",
    es: "El formulario de comentarios dejó de funcionar. Tu texto se conserva: recarga la página para enviarlo.",
    ar: "توقف نموذج التعليق عن العمل. نصّك محفوظ: أعد تحميل الصفحة لإرساله.",
  };

  function fallback(err) {
    console.error("comment-widget: the form could not be loaded from " + base + " (" + reason(err) + ")");
    var hosts = doc.querySelectorAll("[data-comment-widget]:not([data-cw-mounted])");
    for (var i = 0; i < hosts.length; i++) {
      hosts[i].setAttribute("data-cw-mounted", "");
      hosts[i].setAttribute("data-cw-unloaded", "");
      hosts[i].textContent = unloadable[langOf(hosts[i])] || unloadable.en;
    }
  }

  // Keeps a form's comment under the key the wasm gave it, in the wasm's own
  // draft format, so the reload finds it.
  function keepText(host, box) {
    var key = host.getAttribute("data-cw-draft-key");
    if (!key) return;
    try {
      var old = JSON.parse(w.localStorage.getItem(key) || "{}") || {};
      if (box.value.trim()) {
        w.localStorage.setItem(key, JSON.stringify({ v: 1, comment: box.value, parent: old.parent || null, parentName: old.parentName || null }));
      }
    } catch (e) {
      /* storage full or disabled: the text stays on screen */
    }
  }

  // The wasm trapped (with panic = "abort" a panic is a trap): every form on
  // the page is dead. Say so in each, keep what is typed, and stop the
  // browser from submitting a dead form to the page itself.
  function stop(err) {
    if (stopped || !(err instanceof WebAssembly.RuntimeError)) return;
    stopped = true;
    console.error("comment-widget: the form stopped working (" + reason(err) + ")");
    var hosts = doc.querySelectorAll("[data-cw-mounted]");
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      var root = host.shadowRoot;
      if (!root) continue;
      var box = root.querySelector("textarea[name=comment]");
      if (box) {
        var keep = keepText.bind(null, host, box);
        keep();
        box.addEventListener("input", keep);
        // A save the dead wasm had scheduled may still fire with older
        // text: the page's last word, as it goes, is what the box holds.
        w.addEventListener("pagehide", keep);
      }
      root.addEventListener("submit", function (ev) { ev.preventDefault(); ev.stopImmediatePropagation(); }, true);
      host.removeAttribute("data-cw-live");
      var status = root.querySelector(".cw-status");
      if (status) {
        status.textContent = crashed[langOf(host)] || crashed.en;
        status.className = "cw-status cw-status--error";
      }
    }
  }
  w.addEventListener("error", function (ev) { stop(ev.error); });
  w.addEventListener("unhandledrejection", function (ev) { stop(ev.reason); });

  function load() {
    if (!app) {
      if (typeof WebAssembly !== "object") {
        app = Promise.reject(new Error("this browser has no WebAssembly"));
      } else {
        // Fetch the wasm and the stylesheet while the JS glue loads, instead
        // of one after the other: on a slow network that saves round trips.
        var wasm = fetch(base + "comment-widget-app_bg.wasm", INTEGRITY.wasm ? { integrity: INTEGRITY.wasm } : {});
        var preload = doc.createElement("link");
        preload.rel = "preload";
        preload.as = "style";
        preload.href = css;
        if (INTEGRITY.css) {
          preload.integrity = INTEGRITY.css;
          preload.crossOrigin = "anonymous";
        }
        doc.head.appendChild(preload);
        // A dynamic import() takes no integrity; a modulepreload of the same
        // URL does, and the import then uses what it checked.
        if (INTEGRITY.glue) {
          var glue = doc.createElement("link");
          glue.rel = "modulepreload";
          glue.href = base + "comment-widget-app.js";
          glue.integrity = INTEGRITY.glue;
          glue.crossOrigin = "anonymous";
          doc.head.appendChild(glue);
        }
        app = import(base + "comment-widget-app.js").then(function (m) {
          return m.default({ module_or_path: wasm }).then(function (instance) {
            exports = instance;
            return m;
          });
        });
      }
      // A failed load is not kept: the next mountAll() (after the network
      // is back, say) tries again.
      app.catch(function () { app = null; });
    }
    return app;
  }

  function live(m) {
    if (stopped) throw new Error("comment-widget: the form stopped working; reload the page");
    return m;
  }

  function mountAll() {
    var unloaded = doc.querySelectorAll("[data-cw-unloaded]");
    for (var i = 0; i < unloaded.length; i++) {
      unloaded[i].removeAttribute("data-cw-unloaded");
      unloaded[i].removeAttribute("data-cw-mounted");
      unloaded[i].textContent = "";
    }
    return load().then(function (m) {
      live(m).mount_all(css, INTEGRITY.css);
    }, fallback);
  }

  // { postId: 1, fields: {…} } → { "data-post-id": "1", "data-fields": "{…}" }:
  // the attributes' names and string values, which the wasm reads.
  function attributes(options) {
    var out = {};
    Object.keys(options || {}).forEach(function (key) {
      var value = options[key];
      if (value === undefined || value === null) return;
      var name = "data-" + key.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); });
      out[name] = typeof value === "string" ? value : JSON.stringify(value);
    });
    return out;
  }

  function replyArgs(id, name) {
    return [id == null ? undefined : Number(id), name == null ? undefined : String(name)];
  }

  function mountWith(element, attrs) {
    return load().then(function (m) {
      live(m).mount(element, attrs, css, INTEGRITY.css);
      return {
        element: element,
        unmount: function () {
          live(m).unmount(element);
        },
        replyTo: function (id, name) {
          live(m).reply_to.apply(null, [element].concat(replyArgs(id, name)));
        },
      };
    });
  }

  function mount(element, options) {
    return mountWith(element, attributes(options));
  }

  function replyTo(element, id, name) {
    return load().then(function (m) {
      live(m).reply_to.apply(null, [element].concat(replyArgs(id, name)));
    });
  }

  function unmount(element) {
    return load().then(function (m) {
      live(m).unmount(element);
    });
  }

  /** Diagnostics for the benchmark: the wasm linear memory in bytes. */
  function stats() {
    return { wasmMemoryBytes: exports && exports.memory ? exports.memory.buffer.byteLength : 0 };
  }

 // <comment-widget backend="…" endpoint="…">: the element's attributes are
  // the data-* ones without "data-" (data-* ones work too). Connecting,
  // removing and changing attributes are settled one after another per
  // element, in a microtask: a move (removed, then added) keeps the form.
  var ELEMENT_ATTRIBUTES = ["backend", "endpoint", "post-id", "page", "require-name-email", "timeout", "fields", "extra", "theme", "lang", "strings", "reply-to", "reply-to-name", "honeypot", "csrf-meta", "csrf-header"];

  function elementAttributes(el) {
    var out = {};
    for (var i = 0; i < el.attributes.length; i++) {
      var a = el.attributes[i];
      if (a.name.indexOf("data-") === 0 && a.name.indexOf("data-cw-") !== 0) out[a.name] = a.value;
    }
    ELEMENT_ATTRIBUTES.forEach(function (name) {
      if (el.hasAttribute(name)) out["data-" + name] = el.getAttribute(name);
    });
    return out;
  }

  function settle(el) {
    el._cwTurn = (el._cwTurn || Promise.resolve()).then(function () {
      var want = el.isConnected ? JSON.stringify(elementAttributes(el)) : null;
      if (want === el._cwMounted) return;
      var before = el._cwMounted ? unmount(el) : Promise.resolve();
      el._cwMounted = want;
      return before.then(function () {
        if (want !== null) return mountWith(el, JSON.parse(want));
      }).catch(function (err) {
        console.error(reason(err));
      });
    });
  }

  if (w.customElements && !w.customElements.get("comment-widget")) {
    w.customElements.define("comment-widget", class extends HTMLElement {
      static get observedAttributes() {
        return ELEMENT_ATTRIBUTES;
      }
      connectedCallback() {
        settle(this);
      }
      disconnectedCallback() {
        settle(this);
      }
      attributeChangedCallback() {
        if (this.isConnected) settle(this);
      }
    });
  }

  w.CommentWidget = { version: "0.2.0", base: base, mount: mount, unmount: unmount, replyTo: replyTo, mountAll: mountAll, stats: stats };

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})(this);
