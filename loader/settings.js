// The widget's attributes, read as src/config/ reads them (the attribute
// table, its bounds and defaults: loader/generated/facts.js, from the core).
import { BACKENDS, PER_PAGE, TIMEOUT } from "./generated/facts.js";
import { WORDS } from "./build.js";
import { primary, withStrings } from "./words.js";

/** An element's attributes, name → value. */
export function attrsOf(el) {
  const out = {};
  for (const at of el.attributes) out[at.name] = at.value;
  return out;
}

/** A yes/no attribute set to no (false, no or 0, any case). */
export function off(a, name) {
  return /^\s*(false|no|0)\s*$/i.test(a[name] || "");
}

/** A yes/no attribute set to yes (true, yes or 1, any case). */
export function on(a, name) {
  return /^\s*(true|yes|1)\s*$/i.test(a[name] || "");
}

/** A whole-number attribute within its bounds (`n`: facts' TIMEOUT, PER_PAGE…), else its default. */
export function number(a, name, n) {
  // (Rust's u32 parse: ASCII digits, an optional "+".)
  const v = (a[name] || "").trim();
  return /^\+?\d+$/.test(v) && +v >= n.min && +v <= n.max ? +v : n.default;
}

/** data-per-page, else the default (thread::PAGE_SIZE). */
export function perPage(a) {
  return number(a, "data-per-page", PER_PAGE);
}

/** data-timeout in milliseconds. */
export function timeoutMs(a) {
  return number(a, "data-timeout", TIMEOUT) * 1000;
}

/** A link's address as src/config/ takes it: http(s), or a path on this site; else none. */
export function link(url) {
  url = (url || "").trim();
  return /^(https?:\/\/[^\/\s?#]+([\/?#]\S*)?|\/(?!\/)\S*)$/i.test(url) ? url : "";
}

/** The endpoint without its trailing slashes (src/config/). */
export function endpointOf(a) {
  return (a["data-endpoint"] || "").trim().replace(/\/+$/, "");
}

/** data-backend, as a name. */
export function backendOf(a) {
  return (a["data-backend"] || "").trim().toLowerCase();
}

/** What the form's server offers a thread (BACKENDS; a name the wasm
 * refuses, the generic one's). */
export function offersOf(backend) {
  return BACKENDS[backend] || BACKENDS.json;
}

/** data-page, else the page's path. */
export function pageOf(a, pathname) {
  return (a["data-page"] || "").trim() || pathname || "/";
}

/** data-lang, else the page's <html lang>, else English. */
export function langOf(a) {
  let l = primary(a["data-lang"]);
  if (WORDS[l]) return l;
  l = primary(document.documentElement.lang);
  return WORDS[l] ? l : "en";
}

/** The painted form's words in its language, with the site's data-strings. */
export function wordsFor(a) {
  return withStrings(WORDS[langOf(a)] || {}, a["data-strings"]);
}
