// The keeper: when the wasm cannot be loaded, or stops (a trap: with
// panic = "abort" a panic is one), each form says so and the reader's text
// is kept (saved as they type, there after a reload); a wordpress-form one
// then posts as WordPress's own form does, without the wasm.
import { h, reason } from "./dom.js";
import { DRAFT_KEY, LIVE, MOUNTED, PAINTED, UNLOADED } from "./generated/facts.js";
import { markStopped } from "./load.js";
import { save } from "./kept.js";
import { painting } from "./paint.js";
import { wordsFor } from "./settings.js";
import { attrsFor, widget } from "./state.js";
import { base } from "./where.js";

/** The code could not be loaded (`err`): every form not mounted says so. */
export function fallback(err) {
  console.error("comment-widget: the form could not be loaded from " + base + " (" + reason(err) + ")");
  for (const host of document.querySelectorAll("[data-comment-widget]:not([" + MOUNTED + "]), comment-widget:not([" + MOUNTED + "])")) {
    const a = attrsFor(host);
    const s = wordsFor(a);
    const container = painting(host);
    host.setAttribute(UNLOADED, "");
    if (container) {
      // The painted form stays, with what is typed, and says why it cannot post.
      const status = container.querySelector(".cw-status");
      status.textContent = s.not_loaded;
      status.className = "cw-status cw-status--error";
      const native = a["data-backend"] === "wordpress-form" && widget(host).native;
      if (native) native();
      else host.removeAttribute(PAINTED);
    } else {
      host.setAttribute(MOUNTED, "");
      const text = s.not_loaded || "The comment form could not be loaded.";
      if (host.shadowRoot) host.shadowRoot.replaceChildren(h("p", {}, text));
      else host.textContent = text;
    }
  }
}

/** The wasm trapped (`err`): every form on the page is dead. Say so in
 * each, keep what is typed, and stop the browser from submitting a dead
 * form to the page itself. Anything but a trap is not ours to handle. */
export function stop(err) {
  if (!(err instanceof WebAssembly.RuntimeError) || !markStopped()) return;
  console.error("comment-widget: the form stopped working (" + reason(err) + ")");
  // (A form still painted, its takeover waiting for a pause in typing, too.)
  for (const host of document.querySelectorAll("[" + MOUNTED + "], [" + PAINTED + "]")) {
    const root = host.shadowRoot;
    const key = host.getAttribute(DRAFT_KEY);
    if (!root) continue;
    const box = root.querySelector("textarea[name=comment]");
    if (box && key) {
      const keep = () => save(key, box.value);
      keep();
      box.addEventListener("input", keep);
      // A save the dead wasm had scheduled may still fire with older
      // text: the page's last word, as it goes, is what the box holds.
      addEventListener("pagehide", keep);
    }
    root.addEventListener("submit", (ev) => { ev.preventDefault(); ev.stopImmediatePropagation(); }, true);
    host.removeAttribute(LIVE);
    const status = root.querySelector(".cw-status");
    if (status) {
      status.textContent = wordsFor(attrsFor(host)).stopped;
      status.className = "cw-status cw-status--error";
    }
  }
}

/** Watches for a trap, wherever it surfaces. */
export function keep() {
  addEventListener("error", (ev) => stop(ev.error));
  addEventListener("unhandledrejection", (ev) => stop(ev.reason));
}
