// Loading the code: the wasm app (its glue and the wasm, checked by their
// Subresource Integrity), the thread painter, and a language's table.
import { INTEGRITY, WORDS } from "./build.js";
import { h, reason } from "./dom.js";
import { primary } from "./words.js";
import { base } from "./where.js";

let app = null;
let instance = null; // the wasm instance's exports, once loaded
let stopped = false; // the wasm trapped: no more calls into it

/** A dynamic import() takes no integrity; a modulepreload of the same URL
 * does, and an import() made while it is under way waits for it and gets
 * what it checked. Both are made in the same task: a modulepreload that
 * has already failed is not remembered, and an import() after it would
 * fetch the file again, unchecked (and run a changed file). (The glue,
 * and the thread painter.) */
export function importChecked(file, integrity) {
  const url = base + file;
  document.head.appendChild(h("link", { rel: "modulepreload", href: url, integrity: integrity || null, crossorigin: "anonymous" }));
  return import(url);
}

/** The wasm is the longest download: a page with a form that loads at once
 * asks for it first, before the forms are painted, by a preload (starting a
 * request costs a few ms before the form shows, 2 to 7 ms in CDP profiles
 * here, fetch() or preload alike); loadApp()'s fetch, with the integrity,
 * takes that response, so the check stays in one place. (The integrity is
 * not on the link: Chrome ignores it there, with a warning.) */
export function preloadWasm() {
  document.head.appendChild(h("link", { rel: "preload", as: "fetch", crossorigin: "anonymous", href: base + "comment-widget-app_bg.wasm" }));
}

/** The glue module, once the wasm is instantiated. */
export function loadApp() {
  if (!app) {
    if (typeof WebAssembly !== "object") {
      app = Promise.reject(new Error("this browser has no WebAssembly"));
    } else {
      const wasm = fetch(base + "comment-widget-app_bg.wasm", INTEGRITY.wasm ? { integrity: INTEGRITY.wasm } : {});
      app = importChecked("comment-widget-app.js", INTEGRITY.glue).then((m) => m.default({ module_or_path: wasm }).then((exports) => {
        instance = exports;
        return m;
      }));
    }
    // A failed load is not kept: the next mountAll() (after the network
    // is back, say) tries again.
    app.catch(() => { app = null; });
  }
  return app;
}

// The wasm speaks English; another language's table is a file of its own
// (comment-widget-<lang>.json, written by the build from src/i18n), fetched
// once, alongside the wasm, only for a page that shows that language, and
// handed to the wasm before a form in it mounts. If it cannot be had, the
// form speaks English (and a later mount tries again).
const langs = {};
export function language(a) {
  const l = primary(String(a["data-lang"] || "").trim() || document.documentElement.lang);
  if (l === "en" || !WORDS[l]) return Promise.resolve();
  if (!langs[l]) {
    const file = "comment-widget-" + l + ".json";
    const got = fetch(base + file, INTEGRITY[file] ? { integrity: INTEGRITY[file] } : {}).then((r) => {
      if (!r.ok) throw new Error(file + ": HTTP " + r.status);
      return r.text();
    });
    langs[l] = Promise.all([loadApp(), got]).then(([m, table]) => {
      live(m).add_language(table);
    });
    langs[l].catch((err) => {
      langs[l] = null;
      console.warn("comment-widget: the form speaks English here (" + reason(err) + ")");
    });
  }
  return langs[l].catch(() => {});
}

/** The glue `m`, unless the wasm has stopped. */
export function live(m) {
  if (stopped) throw new Error("comment-widget: the form stopped working; reload the page");
  return m;
}

/** The wasm trapped: from now on nothing calls into it. Returns whether it was running. */
export function markStopped() {
  const was = !stopped;
  stopped = true;
  return was;
}

/** Diagnostics for the benchmark: the wasm linear memory in bytes. */
export function stats() {
  return { wasmMemoryBytes: instance && instance.memory ? instance.memory.buffer.byteLength : 0 };
}
