// One grid of cases through the core (the cw-grid binary: read_list,
// safe_link, image_url in Rust) and through the loader's thread painter
// (loader/painter/read.js and links.js, the JS that must agree with them): a
// first page of Isso, WordPress REST, Waline and a generic list, well formed and
// not (wrong shapes, wrong types, hostile text, odd Unicode), and links and
// avatar addresses. Both must give the same answers. A generated part adds
// a few hundred random comments, the same every run (a fixed seed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { read } from "../../loader/painter/read.js";
import { safeLink, imageUrl } from "../../loader/painter/links.js";
import { LINKS, random } from "./cases.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;

const isso = (replies, extra = {}) => JSON.stringify({ id: null, total_replies: replies.length, hidden_replies: 0, replies, config: {}, ...extra });
const ic = (id, extra = {}) => ({ id, parent: null, created: 1764000000 + id, mode: 1, text: `<p>Comment ${id}</p>`, author: `A${id}`, website: null, likes: 0, dislikes: 0, hash: "4a2b9c" + id, ...extra });
const wc = (id, parent = 0, extra = {}) => ({ id, post: 1, parent, author_name: `W${id}`, author_url: "", date_gmt: `2026-11-2${id % 10}T10:00:0${id % 10}`, content: { rendered: `<p>Hi ${id}</p>` }, status: "approved", author_avatar_urls: { 24: "x", 48: `http://1.gravatar.com/avatar/${id}?s=48`, 96: `https://secure.gravatar.com/avatar/${id}?s=96` }, ...extra });

const waline = (data, extra = {}) => JSON.stringify({ errno: 0, errmsg: "", data: { page: 1, totalPages: 1, pageSize: 10, count: data.length, data, ...extra } });
const lc = (id, extra = {}) => ({ objectId: id, status: "approved", comment: `<p>L${id}</p>\n`, link: "", nick: `L${id}`, pid: null, rid: null, like: 0, avatar: `https://seccdn.libravatar.org/avatar/${id}`, time: 1796599700000 + id * 1000, ...extra });

const PAGES = [
  // Isso: nested replies (listed newest first to test the order), identicons, Gravatar, votes, deleted, held, 404, more.
  { backend: "isso", body: isso([ic(1, { replies: [ic(3, { parent: 1, created: 1764000300 }), ic(2, { parent: 1, created: 1764000200 })] }), ic(4, { mode: 4, text: "" }), ic(5, { mode: 2 }), ic(6, { hash: "zz" }), ic(7, { gravatar_image: "http://www.gravatar.com/avatar/x" }), ic(8, { likes: "3", dislikes: 1 })], { hidden_replies: 2, total_replies: 12 }) },
  { backend: "isso", status: 404, body: "" },
  { backend: "isso", status: 500, body: "<html>oops</html>" },
  { backend: "isso", body: "<!doctype html><p>Not JSON</p>" },
  { backend: "isso", body: "[]" },
  { backend: "isso", body: JSON.stringify({ replies: {} }) },
  { backend: "isso", body: JSON.stringify({ replies: [1, "x", null, [], { id: "12" }, { id: -1 }, { id: 2.5 }, { id: " 7 " }, { id: "+9" }] }) },
  { backend: "isso", body: JSON.stringify({ replies: [{ id: 1, created: "2026-11-20T10:00:00", author: 5, website: "javascript:alert(1)", text: 7 }, { id: 2, created: "2026-11-20T10:00:00+02:00", website: "https://ok.example/x" }, { id: 3, created: "x".repeat(41) }, { id: 4, created: -5 }, { id: 5, created: 1e20 }, { id: 6, created: "2026-11-20 10:00:00é" }] }) },
  // Deep replies: 8 levels kept, the rest dropped.
  { backend: "isso", body: JSON.stringify({ replies: [Array.from({ length: 12 }).reduce((inner, _, i) => ({ id: 100 + i, created: 1, replies: inner ? [inner] : [] }), null)] }) },
  // WordPress REST: flat, nested by parent (a reply before its parent), held, avatars, more pages.
  { backend: "wordpress-rest", body: JSON.stringify([wc(3, 1), wc(1), wc(2, 1), wc(4, 0, { status: "hold" }), wc(5, 99), wc(6, 5, { author_url: "https://w6.example", author_avatar_urls: { 48: "javascript:x" } }), wc(7, 0, { author_avatar_urls: null }), wc(8, 0, { author_avatar_urls: { 96: "//cdn.example/a.png" } })]), total: 40, pages: 2 },
  { backend: "wordpress-rest", body: JSON.stringify([wc(1, 2), wc(2, 1)]), total: 2, pages: 1 },
  { backend: "wordpress-rest", body: JSON.stringify({ code: "rest_post_invalid_id" }) },
  { backend: "wordpress-rest", status: 401, body: JSON.stringify({ code: "rest_forbidden" }) },
  // Generic: a list, or {comments, total, more}; the site's field names; plain text as paragraphs; html.
  { backend: "json", fields: { name: "who", comment: "body", parent: "reply_to", website: "url", avatar: "pic" }, perPage: 3, body: JSON.stringify([{ id: 1, who: "G <b>1</b>", body: "One & <two>\n\nThree\nfour", created: "2026-11-20T10:00:00Z", pic: "https://img.example/1.png", url: "https://g.example" }, { id: "2", reply_to: 1, who: "G2", html: "<p>Has <em>html</em></p>", created: 1764000000 }, { id: 3, reply_to: "1", body: "  \n\n  ", created: 1764000001 }]) },
  { backend: "json", body: JSON.stringify({ comments: [{ id: 1, name: "N", comment: "x", parent: 0 }], total: "5", more: true }) },
  { backend: "json", body: JSON.stringify({ comments: [{ id: 1, name: "N", comment: "x" }], total: 5, more: "yes" }), perPage: 1 },
  { backend: "json", body: JSON.stringify({ comments: "no" }) },
  { backend: "form", body: JSON.stringify([{ id: 1, name: ["x"], comment: { a: 1 }, website: "HTTP://EXAMPLE.ORG", status: "pending" }]) },
  // Waline: {errno, data: {data: [top comments with flat children]}}: replies at every depth in no order, likes, held, more pages.
  { backend: "waline", body: waline([lc(1, { like: 2, children: [lc(4, { pid: 3, time: 1796599782000 }), lc(3, { pid: 1, time: 1796599782000, link: "javascript:x" }), lc(2, { pid: 1, avatar: "//cdn.example/a.png" }), lc(9, { pid: 77 })] }), lc(5, { status: "waiting" }), lc(6, { objectId: "6", like: "x" }), lc(7, { time: "soon" })], { totalPages: 3, count: 12 }) },
  { backend: "waline", body: waline([lc(1)], { totalPages: 1 }) },
  { backend: "waline", body: waline([lc(1)], { totalPages: 2 }) },
  { backend: "waline", body: JSON.stringify({ errno: 1000, errmsg: "nope" }) },
  { backend: "waline", body: JSON.stringify({ errno: 0, data: [] }) },
  { backend: "waline", body: JSON.stringify({ errno: 0, data: { data: [1, null, "x", { objectId: -2 }, { objectId: 3, children: "no" }], count: -1, totalPages: "2" } }) },
  { backend: "waline", status: 500, body: JSON.stringify({ errno: 0, data: { data: [] } }) },
];



const rnd = random(20261204);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const ODD = ["", " ", "é", "👩‍💻", "\u202e", "\u00a0", "<script>x</script>", "&amp;", "\n\n", "a\nb", "javascript:", "https://x.example", "0", "-1", "１２"];
const value = () => pick([() => pick(ODD), () => Math.floor(rnd() * 20), () => rnd() * 10, () => null, () => true, () => [pick(ODD)], () => ({ k: pick(ODD) })])();
function oddComment(id) {
  const c = { id: pick([id, String(id), value()]) };
  for (const k of ["parent", "author", "name", "website", "created", "text", "comment", "html", "mode", "status", "likes", "dislikes", "hash", "gravatar_image", "author_avatar_urls", "author_name", "author_url", "date_gmt", "content", "objectId", "time", "like", "nick", "link", "pid", "avatar"]) {
    if (rnd() < 0.4) c[k] = k === "parent" ? pick([0, Math.floor(rnd() * id), String(Math.floor(rnd() * id))]) : k === "content" ? { rendered: pick(ODD) } : value();
  }
  if (rnd() < 0.2) c.replies = [oddComment(id * 100 + 1)];
  if (rnd() < 0.2) c.children = [oddComment(id * 100 + 2), oddComment(id * 100 + 3)];
  if (rnd() < 0.1) delete c.id;
  return c;
}
for (let i = 0; i < 60; i++) {
  const list = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_, j) => oddComment(j + 1));
  const backend = pick(["isso", "wordpress-rest", "json", "waline"]);
  const body = backend === "isso" ? { replies: list, total_replies: value(), hidden_replies: value() } : backend === "waline" ? { errno: pick([0, 0, 1]), data: { data: list, count: value(), totalPages: value() } } : list;
  PAGES.push({ backend, body: JSON.stringify(body), total: 3, pages: pick([1, 2]) });
}

test("the thread painter reads every page, link and avatar as the core does (Rust and JS on one grid)", () => {
  const cases = PAGES.map((p) => ({ status: 200, total: null, pages: null, perPage: 50, fields: {}, ...p }));
  const rust = JSON.parse(execFileSync("cargo", ["run", "--quiet", "--bin", "cw-grid"], { cwd: ROOT, input: JSON.stringify({ pages: cases, links: LINKS }), encoding: "utf8", stdio: ["pipe", "pipe", "inherit"] }));
  cases.forEach((c, i) => {
    const js = read({ backend: c.backend, fields: c.fields, perPage: c.perPage }, c.status, c.body, c.total, c.pages);
    assert.deepEqual(js, rust.pages[i], `page ${i} (${c.backend}): ${c.body.slice(0, 200)}`);
  });
  LINKS.forEach((l, i) => assert.deepEqual([safeLink(l), imageUrl(l)], rust.links[i], `link ${JSON.stringify(l)}`));
});
