/*
 * comment-widget loader. Put one classic script tag on a page:
 *   <script src="https://your-cdn.example/comment-widget/comment-widget.js" defer></script>
 * and a form is mounted into every element carrying data-comment-widget.
 * The wasm app is fetched next to this file, so it can live on any origin. No
 * inline script or style is needed (strict CSP works).
 *
 * This file is the entry of the loader's modules (loader/*.js, one job
 * each), which scripts/loader.mjs bundles into the one classic script a
 * page loads, with what the build writes in (build.js) and the facts the
 * Rust core owns (generated/facts.js). The jobs, in the order a reader
 * meets them:
 *   paint.js    paint each form at once, from the components' markup,
 *               with the reader's draft and details (kept.js, settings.js)
 *   wanted.js   when a form is wanted (near the viewport, or the page opened
 *               at the comments) and when its reader shows intent to act
 *   thread.js   the thread's first page, painted by the thread painter
 *               (comment-widget-thread.js and painter/, a module of its own)
 *   load.js     the wasm app, its language table, with their integrity
 *   live.js     the takeover: the wasm's mount, the presses kept
 *   keeper.js   when the wasm cannot run or stops: the text is kept
 *   counts.js   comment counts on index pages, without the wasm (a module
 *               of its own, comment-widget-counts.js, only for such pages)
 *   api.js      window.CommentWidget and the <comment-widget> element
 * What the loader and the wasm tell each other is src/handover.rs.
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
 */
import { defineElement, mount, replyTo, unmount } from "./api.js";
import { LIVE, PAINTED } from "./generated/facts.js";
import { keep } from "./keeper.js";
import { INTEGRITY } from "./build.js";
import { importChecked, preloadWasm, stats } from "./load.js";
import { mountAll } from "./live.js";
import { wordsFor } from "./settings.js";
import { widget } from "./state.js";
import { takePrefetched } from "./thread.js";
import { eager } from "./wanted.js";
import { base, problem } from "./where.js";

// One of the page's reply links (WordPress's, [data-cw-reply-to]) pressed
// before the live form is there: an intent to act. The code loads (and the
// form, if it was not wanted yet), and the press is made again on the link.
function replyLinks() {
  document.addEventListener("click", (ev) => {
    const link = ev.target.closest && ev.target.closest(".comment-reply-link, [data-cw-reply-to]");
    const host = document.querySelector("[data-comment-widget][" + PAINTED + "]:not([" + LIVE + "])");
    if (!link || !host || document.querySelector("[" + LIVE + "]")) return;
    ev.preventDefault();
    widget(host).act = link;
    host.dispatchEvent(new Event("focusin"));
    host.dispatchEvent(new Event("pointerdown"));
  });
}

function start() {
  mountAll();
  // Comment counts, on an index page (comment-widget-counts.js).
  if (document.querySelector("[data-comment-count]")) {
    // (Counts that cannot be had leave the elements' text as it was.)
    importChecked("comment-widget-counts.js", INTEGRITY.counts).then((m) => m.counts(wordsFor), () => {});
  }
}

if (window.CommentWidget && window.CommentWidget.mountAll) {
  // Loaded twice: the second copy only mounts forms that appeared since.
  window.CommentWidget.mountAll();
} else if (problem) {
  console.error("comment-widget: " + problem);
} else {
  // The wasm first, when a form on the page loads at once (load.js preloadWasm).
  const hosts = document.querySelectorAll("[data-comment-widget], comment-widget");
  if (typeof WebAssembly === "object" && [...hosts].some((host) => eager({ "data-loading": host.getAttribute("data-loading") || (host.localName === "comment-widget" && host.getAttribute("loading")) }))) preloadWasm();
  keep();
  replyLinks();
  defineElement();
  window.CommentWidget = { version: "0.2.0", base: base, mount: mount, unmount: unmount, replyTo: replyTo, mountAll: mountAll, stats: stats, takePrefetched: takePrefetched };
  // In a task of its own, after the one that ran this script (and the
  // parser's end, with the page's first layout): no task holds the page
  // for both, and the form's style and layout come in the next frame's.
  const later = () => setTimeout(start, 0);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", later);
  else later();
}
