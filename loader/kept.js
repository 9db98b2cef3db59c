// What is kept in the browser, as src/memory.rs keeps it: the keys (their
// fixed parts from the core: loader/generated/facts.js) and the shapes.
// tests/tools/grid.test.mjs holds each to the core.
import { ACTS_PREFIX, DRAFT_PREFIX, EDIT_PREFIX, OWN_PREFIX, ROUTING, SORT_KEY } from "./generated/facts.js";
import { endpointOf, pageOf } from "./settings.js";

/** WordPress's routing parameters of a query string (memory::routing_query). */
export function routingQuery(search) {
  const params = {};
  search.replace(/^\?+/, "").split("&").forEach((pair) => {
    const at = pair.indexOf("=");
    const k = at < 0 ? pair : pair.slice(0, at);
    const v = at < 0 ? "" : pair.slice(at + 1);
    if (ROUTING.indexOf(k) >= 0 && v && !(k in params)) params[k] = v;
  });
  const route = ROUTING.filter((k) => k in params).map((k) => k + "=" + params[k]).join("&");
  return route ? "?" + route : "";
}

/** The key of a form's draft (memory::draft_key): its server, its thread
 * (`a`'s page, else `pathname`; the routing query of `search`; the post)
 * and its place on the page, `instance`. */
export function draftKey(a, search, pathname, instance) {
  const post = (a["data-post-id"] || "").trim();
  return DRAFT_PREFIX + endpointOf(a) + "|" + pageOf(a, pathname) + routingQuery(search) + (post ? "#" + post : "") + "|" + instance;
}

/** A form's place on the page, as mount.rs names it: its id, else its index among the widgets. */
export function instanceOf(host) {
  const all = document.querySelectorAll("[data-comment-widget], comment-widget");
  const index = [...all].indexOf(host);
  return host.id ? "#" + host.id : index >= 0 ? String(index) : "api";
}

/** What is kept under `key` in localStorage, or null. */
export function load(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || "null");
  } catch (e) {
    return null;
  }
}

/** A draft as SavedDraft::encode writes it: `comment`, and the reply of `old`. */
export function draftOf(comment, old) {
  old = old || {};
  return JSON.stringify({ v: 1, comment: comment, parent: old.parent ?? null, parentName: old.parentName ?? null });
}

/** Keeps `comment` as the draft under `key` (none when blank). */
export function save(key, comment) {
  try {
    if (comment.trim()) localStorage.setItem(key, draftOf(comment, load(key)));
    else localStorage.removeItem(key);
  } catch (e) {
    /* storage full or disabled: the text stays on screen */
  }
}

/** The reader's stored order, if it names one (Sort::from_name). */
export function sortName(stored) {
  const name = String(stored || "").trim().toLowerCase();
  return /^(oldest|newest|top)$/.test(name) ? name : "";
}

/** The order chosen: the reader's `stored` one, else the site's data-sort (ui/thread/state.rs). */
export function chosenSort(a, stored) {
  return sortName(stored) || (a["data-sort"] || "").trim().toLowerCase();
}

/** The order chosen, with the reader's from localStorage. */
export function storedSort(a) {
  let stored = null;
  try {
    stored = localStorage.getItem(SORT_KEY);
  } catch (e) {
    /* storage disabled: the site's order */
  }
  return chosenSort(a, stored);
}

/** The key of what the reader did on comments of the server at `endpoint`
 * (memory::acts_key): `what` is "mine" (their comments, each with the time
 * its edit window closes) or "votes" (1 a like, -1 a dislike). */
export function actsKey(what, endpoint) {
  return ACTS_PREFIX + what + ":" + endpoint;
}

/** The start of the keys of the reader's own comments kept for the visit
 * on the server at `endpoint` (memory::own_key, in sessionStorage). */
export function ownPrefix(endpoint) {
  return OWN_PREFIX + endpoint + "|";
}

/** The start of the keys of unsaved edits on the server at `endpoint` (memory::edit_key). */
export function editPrefix(endpoint) {
  return EDIT_PREFIX + endpoint + "|";
}

/** What memory::encode_acts stored, read as decode_acts reads it: [id, n]
 * pairs (a whole id, a finite number); anything else is nothing. */
export function acts(text) {
  let list;
  try {
    list = JSON.parse(text || "null");
  } catch (e) {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list.filter((p) => Array.isArray(p) && Number.isSafeInteger(p[0]) && p[0] >= 0 && typeof p[1] === "number" && isFinite(p[1])).map((p) => [p[0], p[1]]);
}

/** The reader's acts of kind `what` on the server at `endpoint`, from localStorage. */
export function storedActs(what, endpoint) {
  try {
    return acts(localStorage.getItem(actsKey(what, endpoint)));
  } catch (e) {
    return [];
  }
}
