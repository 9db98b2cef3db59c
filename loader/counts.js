// Comment counts for index pages, by the loader alone (no wasm): each
// [data-comment-count] element with a form's data-backend, data-endpoint
// and data-page (Isso, Waline) or data-post-id (WordPress REST) gets "No
// comments", "1 comment", "26 comments" in its language: one POST /count for
// all of an Isso's pages, one GET ?type=count for all of a Waline's, one
// per_page=1 listing (its X-WP-Total) for each WordPress post. A count that
// cannot be had, or an answer of the wrong shape, leaves the element's text
// as it was.
//
// A module of its own (comment-widget-counts.js), which the loader imports
// only on a page that has such elements: an article's reader does not
// download it.
import { listUrl } from "./addresses.js";
import { attrsOf, backendOf, endpointOf } from "./settings.js";
import { countWords } from "./words.js";

/** Counts every [data-comment-count] element; `wordsFor(a)` gives the words
 * for an element's attributes (the loader's, which carries them). */
export function counts(wordsFor) {
  const isso = {};
  const waline = {};
  for (const el of document.querySelectorAll("[data-comment-count]")) {
    const a = attrsOf(el);
    const backend = backendOf(a);
    const endpoint = endpointOf(a);
    const show = (n) => {
      if (n !== n >>> 0) return;
      const words = wordsFor(a);
      el.textContent = countWords(words, n);
    };
    const page = [(a["data-page"] || "").trim() || "/", show];
    if (backend === "isso" && endpoint) {
      (isso[endpoint] = isso[endpoint] || []).push(page);
    } else if (backend === "waline" && endpoint) {
      (waline[endpoint] = waline[endpoint] || []).push(page);
    } else if (backend === "wordpress-rest") {
      const url = listUrl(a, location.pathname, "");
      if (url) fetch(url.replace(/per_page=\d+/, "per_page=1")).then((r) => {
        const total = r.headers.get("X-WP-Total");
        if (r.ok && /^\d+$/.test(total)) show(+total);
      }).catch(() => {});
    }
  }
  const ask = (servers, request, read) => Object.keys(servers).forEach((endpoint) => {
    const want = servers[endpoint];
    fetch(...request(endpoint, want.map((p) => p[0])))
      .then((r) => (r.ok ? r.json() : []))
      .then((got) => {
        got = read(got);
        if (Array.isArray(got) && got.length === want.length) want.forEach((p, i) => p[1](got[i]));
      }).catch(() => {});
  });
  ask(isso, (endpoint, pages) => [endpoint + "/count", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(pages) }], (got) => got);
  // Waline: every page in one GET, its answer's `data` the counts.
  ask(waline, (endpoint, pages) => [endpoint + "/api/comment?type=count&url=" + pages.map(encodeURIComponent).join(",")], (got) => got && got.data);
}
