// What the loader must still do in JavaScript, held to the core on one grid
// (the cw-grid binary answers for the core; scripts/facts.mjs first writes
// the facts the loader's modules import): a form's draft key (every routing
// query, odd paths and Unicode), the keys of what it keeps per server, its
// thread's first page's address (every backend, order, page size, a generic
// data-list-endpoint with the site's field names), and each shape kept in
// localStorage, both ways (what the loader writes the wasm reads, and back).
// A generated part adds a few hundred random forms, the same every run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFacts } from "../../scripts/facts.mjs";
import { random } from "./cases.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
writeFacts();
const { draftKey, ownPrefix, editPrefix, actsKey, chosenSort, sortName, draftOf, acts } = await import("../../loader/kept.js");
const { listUrl } = await import("../../loader/addresses.js");
const { newerUrl } = await import("../../loader/painter/newer.js");

const rnd = random(20261206);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const maybe = (p, f) => (rnd() < p ? f() : undefined);

const BACKENDS = ["isso", "wordpress-rest", "wordpress-form", "json", "form", "waline", " ISSO ", "WordPress-REST", "disqus"];
const ENDPOINTS = ["https://c.example", "https://c.example/", "https://c.example///", " http://127.0.0.1:8081/ ", "/isso", "/isso/", "https://blog.example/wp-json", "https://blog.example/wp-json/", "https://bücher.example/c", "javascript:alert(1)", "//evil.example", ""];
const PAGES = [undefined, "/", "/a post/", "/ünï/cödé?", "/2026/12/06/hello-world/", "/a#b", "/%20/", "/👩‍💻", " /trim/ ", "relative", "/a&b=c"];
const PATHS = ["/", "/post/1/", "/ä ö/", "", "/a%20b/", "/👩‍💻/x"];
const SEARCHES = ["", "?", "??p=1", "?p=12", "?utm_source=x&p=12", "?p=&p=3", "?page_id=7&p=2", "?name=hello&post_type=post&x", "?p=1&p=2", "?replytocom=5&p=9", "?pagename=ünï", "?attachment_id=4&page_id=", "?p=a=b", "&p=1", "?P=1"];
const SORTS = [undefined, "oldest", "newest", "top", "TOP", " Newest ", "sideways", ""];
const NUMBERS = [undefined, "1", "50", "100", "101", "0", "-1", " 20 ", "abc", "300", "301", "10", "11", "+3", "１２"];
const YES_NO = [undefined, "true", "false", "no", "0", "1", "YES", " off ", ""];

// Mostly what the core takes (a form it refuses is not compared), now and then not.
const mostly = (good, odd) => (rnd() < 0.9 ? pick(good) : pick(odd));
function oddForm() {
  const attrs = {};
  const set = (k, v) => { if (v !== undefined) attrs[k] = v; };
  const backend = mostly(["isso", "wordpress-rest", "json", "form", " ISSO ", "WordPress-REST", "wordpress-form", "waline", " Waline "], ["disqus", ""]);
  set("data-backend", backend);
  set("data-endpoint", mostly(ENDPOINTS.slice(0, 9), ENDPOINTS.slice(9)));
  set("data-page", mostly(PAGES.slice(0, 8), PAGES.slice(8)));
  set("data-post-id", mostly(["1", "42", " 7 ", "12345678901"], [undefined, "0", "x"]));
  set("data-sort", mostly(SORTS.slice(0, 6), SORTS.slice(6)));
  set("data-per-page", mostly([undefined, "1", "50", "100", " 20 ", "10", "+3"], ["101", "0", "-1", "abc", "１２"]));
  set("data-first-page", mostly([undefined, "oldest", "newest", "NEWEST", " newest "], ["middle"]));
  set("data-thread", mostly(YES_NO.slice(0, 8), [""]));
  set("data-timeout", mostly([undefined, "1", "20", "300"], ["0", "301", "x"]));
  set("data-thread-depth", mostly([undefined, "1", "10", " 3 "], ["0", "11"]));
  set("data-list-endpoint", maybe(0.6, () => mostly(["https://c.example/list", "https://c.example/list?site=1", "/list/", "https://c.example/l?a=1&b", "https://c.example/list///"], ["javascript:x"])));
  set("data-fields", maybe(0.4, () => mostly(['{"page":"uri"}', '{"page":"a b&c"}', '{"page":null}', '{"comment":"body"}', '{"page":"ü"}', '{"page":"p/q"}'], ["["])));
  return { attrs, pathname: pick(PATHS), search: pick(SEARCHES), instance: pick(["0", "1", "#comments", "#ü", "api"]), stored: pick([null, "oldest", "newest", "top", " Newest", "TOP", "nope", ""]), since: pick(SINCE) };
}

// The newest comment shown, as the painter reads it (thread::rfc3339).
const SINCE = ["2026-12-06T20:00:00Z", "2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2400-02-29T12:30:01Z"];
const FORMS = [
  { attrs: { "data-backend": "isso", "data-endpoint": "https://c.example/" }, pathname: "/a b/", search: "?p=3&x=1", instance: "0", stored: "newest" },
  { attrs: { "data-backend": "wordpress-rest", "data-endpoint": "https://blog.example/wp-json", "data-post-id": "9", "data-per-page": "10", "data-first-page": "newest" }, pathname: "/", search: "?p=9", instance: "#respond", stored: null },
  { attrs: { "data-backend": "json", "data-endpoint": "/c", "data-list-endpoint": "/c/list?x=1", "data-fields": '{"page":"thread id"}', "data-sort": "top" }, pathname: "/ünï/", search: "", instance: "1", stored: null },
  { attrs: { "data-backend": "waline", "data-endpoint": "https://waline.example/", "data-sort": "top", "data-per-page": "10" }, pathname: "/文章/", search: "", instance: "0", stored: null, since: "2026-12-06T20:00:00Z" },
  ...Array.from({ length: 400 }, oddForm),
];
const ODD = ["", " ", "é", "👩‍💻", "\u202e", "\n\n", "<b>x</b>", "\"quoted\"", "\\", "\u0000", "a".repeat(300)];
const DRAFTS = [
  { comment: "Line one\n\"quoted\" <b>é</b> 😀", parent: 7, parentName: "Ada" },
  { comment: "x", parent: null, parentName: null },
  { comment: "  ", parent: 3, parentName: "B" },
  ...Array.from({ length: 40 }, () => ({ comment: pick(ODD) + pick(ODD), parent: pick([null, 1, 2 ** 40]), parentName: pick([null, ...ODD]) })),
];
const READERS = [{ name: "Ada", email: "ada@example.org", website: "https://ada.example" }, { name: "", email: "", website: "" }, ...Array.from({ length: 20 }, () => ({ name: pick(ODD), email: pick(ODD), website: pick(ODD) }))];
const ACTS = ['[[1,2],["x",1]]', "[[1,-1],[2,1],[3,0.5]]", "[]", "{}", "null", "", "not json", '[[1],[2,"1"],[-1,1],[1.5,1],{},null,[4,1e308],[5,-1,9]]', '[[9007199254740991,1]]'];
const ACT_LISTS = [[[1, 1], [2, -1]], [], [[7, 1764000000000.5]], Array.from({ length: 250 }, (_, i) => [i, i % 2 ? 1 : -1])];

test("the loader's keys, addresses and kept shapes are the core's (Rust and JS on one grid)", () => {
  const sorts = [...SORTS, ...FORMS.map((f) => f.stored)].map((s) => s ?? "");
  const grid = { forms: FORMS, sorts, drafts: DRAFTS.map((d) => draftOf(d.comment, d)), draftTexts: DRAFTS, readers: READERS, acts: ACTS, actsTexts: ACT_LISTS };
  const rust = JSON.parse(execFileSync("cargo", ["run", "--quiet", "--bin", "cw-grid"], { cwd: ROOT, input: JSON.stringify(grid), encoding: "utf8", stdio: ["pipe", "pipe", "inherit"] }));
  let compared = 0;
  FORMS.forEach((f, i) => {
    const core = rust.forms[i];
    if (core === null) return; // the core refuses these attributes: no form
    compared++;
    const endpoint = (f.attrs["data-endpoint"] || "").trim().replace(/\/+$/, "");
    const what = JSON.stringify(f);
    assert.equal(draftKey(f.attrs, f.search, f.pathname, f.instance), core.draft, `draft key: ${what}`);
    assert.ok(core.own.startsWith(ownPrefix(endpoint)), `own comments' key ${core.own} starts ${ownPrefix(endpoint)}: ${what}`);
    assert.ok(core.edit.startsWith(editPrefix(endpoint)), `edit's key ${core.edit} starts ${editPrefix(endpoint)}: ${what}`);
    assert.equal(actsKey("mine", endpoint), core.mine, `own comments' acts key: ${what}`);
    assert.equal(actsKey("votes", endpoint), core.votes, `votes' key: ${what}`);
    assert.equal(listUrl(f.attrs, f.pathname, chosenSort(f.attrs, f.stored)), core.list, `list address: ${what}`);
    const first = listUrl(f.attrs, f.pathname, chosenSort(f.attrs, f.stored));
    if (f.since && first) assert.equal(newerUrl(first, (f.attrs["data-backend"] || "").trim().toLowerCase(), f.since), core.newer, `newer comments' address: ${what}`);
  });
  assert.ok(compared > 100, `only ${compared} forms the core takes`);
  sorts.forEach((s, i) => assert.equal(sortName(s) || null, rust.sorts[i], `stored order ${JSON.stringify(s)}`));
  DRAFTS.forEach((d, i) => {
    // What the loader keeps, the wasm reads (a blank comment is no draft).
    const core = rust.drafts[i];
    assert.deepEqual(core, d.comment.trim() ? { comment: d.comment, parent: d.parent, parentName: d.parent ? d.parentName : null } : null, `draft written by the loader: ${JSON.stringify(d)}`);
    // What the wasm keeps, the loader reads.
    const read = JSON.parse(rust.draftTexts[i]);
    assert.deepEqual({ comment: read.comment, parent: read.parent, parentName: read.parentName }, d, `draft written by the wasm: ${rust.draftTexts[i]}`);
  });
  READERS.forEach((r, i) => {
    const read = JSON.parse(rust.readers[i]);
    assert.deepEqual({ name: read.name, email: read.email, website: read.website }, r, `details written by the wasm: ${rust.readers[i]}`);
  });
  ACTS.forEach((t, i) => assert.deepEqual(acts(t), rust.acts[i], `acts ${t}`));
  ACT_LISTS.forEach((l, i) => assert.deepEqual(acts(rust.actsTexts[i]), l.slice(-200), `acts written by the wasm`));
});
