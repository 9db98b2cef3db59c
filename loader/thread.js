// The thread before the code: its first page is asked for once the form is
// wanted, and painted by the thread painter (comment-widget-thread.js, an
// ES module of its own) from that answer; the wasm takes the same answer
// (takePrefetched), so the page asks for it once.
import { listUrl } from "./addresses.js";
import { INTEGRITY } from "./build.js";
import { reason } from "./dom.js";
import { importChecked } from "./load.js";
import { storedSort } from "./kept.js";
import { LIVE_INTERVAL, THREAD_DEPTH } from "./generated/facts.js";
import { backendOf, endpointOf, langOf, link, number, offersOf, off, perPage, timeoutMs, wordsFor } from "./settings.js";
import { warmDates } from "./words.js";

const prefetched = {};
const answers = {};
let painter = null;

/** The thread painter module. */
export function painterOf() {
  return (painter = painter || importChecked("comment-widget-thread.js", INTEGRITY.thread));
}

/** The first page of the thread of a form with attributes `a`, if it has
 * one, asked for now (within data-timeout): for the wasm, and a copy for
 * the painter. */
export function prefetch(a) {
  const url = listUrl(a, location.pathname, storedSort(a));
  if (!url || prefetched[url] || typeof fetch !== "function") return;
  const init = typeof AbortSignal === "function" && AbortSignal.timeout ? { signal: AbortSignal.timeout(timeoutMs(a)) } : {};
  init.headers = { Accept: "application/json" };
  prefetched[url] = fetch(url, init);
  // Intl's data for the comments' dates, while the answer is on its way.
  warmDates(langOf(a));
  // Read by the wasm or not at all: a failure here is the wasm's to say.
  prefetched[url].catch(() => {});
  // The thread painter's copy, cloned before the wasm can read the body.
  answers[url] = prefetched[url].then((r) => r.clone());
  answers[url].catch(() => {});
}

/** The wasm takes the answer to `url`, once (src/edge/http.rs). */
export function takePrefetched(url) {
  const got = prefetched[url];
  delete prefetched[url];
  return got;
}

/** Paints the thread of the form in `host` (attributes `a`, painted
 * `container`) from its first page. Settles with the painted thread, or
 * null when there is none to paint or the answer cannot be read. */
export function paintThread(host, a, container) {
  const sort = storedSort(a);
  const url = listUrl(a, location.pathname, sort);
  const place = container.querySelector(".cw-thread-host");
  if (!url || !answers[url] || !place) return Promise.resolve(null);
  // A press on a thread printed into the page (the WordPress plugin's)
  // before the painter's replaces it: kept.
  const pressed = [];
  const keep = (ev) => {
    const el = ev.target.closest(ev.type === "change" ? "select" : "button");
    if (el) pressed.push(el);
  };
  place.addEventListener("click", keep);
  place.addEventListener("change", keep);
  return painterOf().then((m) => m.paintFirst(place, answers[url], threadSettings(a, sort), pressed)).catch((err) => {
    console.warn("comment-widget: " + reason(err));
    return null;
  });
}

/** What the painter needs to know of a form with attributes `a` whose
 * chosen order is `sort`, read as the core reads it. */
function threadSettings(a, sort) {
  const backend = backendOf(a);
  let fields = {};
  try {
    fields = JSON.parse(a["data-fields"] || "{}") || {};
  } catch (e) {
    /* the wasm names it */
  }
  // The order shown (Sort::for_backend), and whether each page is shown
  // the other way round (Paging::asked).
  const offers = offersOf(backend);
  sort = offers.sorts.indexOf(sort) < 0 ? "oldest" : sort;
  return {
    backend: backend,
    offers: offers,
    endpoint: endpointOf(a),
    lang: langOf(a),
    formWords: wordsFor(a),
    strings: a["data-strings"],
    fields: fields,
    perPage: perPage(a),
    sort: sort,
    earlierAbove: sort === "oldest" && /^\s*newest\s*$/i.test(a["data-first-page"] || ""),
    depth: number(a, "data-thread-depth", THREAD_DEPTH) || 1 / 0,
    open: true,
    avatars: !off(a, "data-avatars"),
    votes: !off(a, "data-votes"),
    editUrl: (a["data-logged-in-as"] || "").trim() ? link(a["data-edit-url"]) : "",
    // New comments while reading (backend::newer): the shortest wait (0:
    // none), the first page's address (each check is it, with `after`).
    interval: off(a, "data-live") ? 0 : number(a, "data-live-interval", LIVE_INTERVAL),
    first: listUrl(a, location.pathname, storedSort(a)),
    timeout: timeoutMs(a),
  };
}
