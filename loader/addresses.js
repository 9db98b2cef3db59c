// The thread's first page's address, as src/backend/thread.rs list_request
// builds it (the wasm takes the loader's answer by this URL): held to the
// core by tests/tools/grid.test.mjs.
import { PER_PAGE } from "./generated/facts.js";
import { off, backendOf, endpointOf, offersOf, pageOf, perPage } from "./settings.js";

/** A query value as backend::text::encode_query_value writes it. */
export function encodeValue(v) {
  return encodeURIComponent(v).replace(/%2F/g, "/").replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** The first page of the thread of a form with attributes `a` on a page
 * at `pathname`, in the order `sort` (the reader's stored one, else the
 * site's: kept.js storedSort), or null when it has none. */
export function listUrl(a, pathname, sort) {
  if (off(a, "data-thread")) return null;
  const backend = backendOf(a);
  const endpoint = endpointOf(a);
  const post = (a["data-post-id"] || "").trim();
  if (offersOf(backend).sorts.indexOf(sort) < 0) sort = "";
  // An oldest-first thread that opens at its newest page is read newest
  // first (data-first-page; Paging::asked).
  if (!/^(newest|top)$/.test(sort) && /^\s*newest\s*$/i.test(a["data-first-page"] || "")) sort = "newest";
  const newest = sort === "newest";
  const n = perPage(a);
  if (backend === "isso") {
    return endpoint + "/?uri=" + encodeValue(pageOf(a, pathname)) + "&limit=" + n + "&offset=0&nested_limit=" + PER_PAGE.default + (newest ? "&sort=newest" : sort === "top" ? "&sort=upvotes" : "");
  }
  if (backend === "waline") {
    return endpoint + "/api/comment?path=" + encodeValue(pageOf(a, pathname)) + "&page=1&pageSize=" + n + "&sortBy=" + (newest ? "insertedAt_desc" : sort === "top" ? "like_desc" : "insertedAt_asc");
  }
  if (backend === "wordpress-rest" && /^\d+$/.test(post)) {
    const list = /(^|\/)wp-json$/.test(endpoint) ? endpoint + "/wp/v2/comments" : endpoint + "/?rest_route=/wp/v2/comments";
    return list + (list.indexOf("?") < 0 ? "?" : "&") + "post=" + post + "&per_page=" + n + "&page=1&order=" + (newest ? "desc" : "asc") + "&orderby=date_gmt";
  }
  const listEndpoint = (a["data-list-endpoint"] || "").trim().replace(/\/+$/, "");
  if ((backend === "json" || backend === "form") && listEndpoint) {
    let name = "page";
    try {
      const f = JSON.parse(a["data-fields"] || "{}");
      if (f && typeof f.page === "string") name = f.page;
    } catch (e) {
      /* the wasm names a broken data-fields */
    }
    return listEndpoint + (listEndpoint.indexOf("?") < 0 ? "?" : "&") + encodeValue(name) + "=" + encodeValue(pageOf(a, pathname)) + "&offset=0&limit=" + n + (newest ? "&sort=newest" : "");
  }
  return null;
}

