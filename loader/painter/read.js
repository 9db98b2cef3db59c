// Reading an answer into a page of comments, as src/backend/thread.rs
// read_list does (comment, nest, the order of replies): held to the core
// by tests/tools/painter.test.mjs.
import { identicon, imageUrl, isHttpUrl, trim } from "./links.js";

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function str(c, k) {
  return typeof c[k] === "string" ? c[k] : null;
}
// A number, or a numeric string (serde's as_u64, str::parse::<u64>).
function number(v) {
  if (typeof v === "number") return whole(v);
  if (typeof v === "string" && /^\+?\d{1,19}$/.test(trim(v))) return +trim(v);
  return null;
}
// A JSON number that is a whole number from 0 (serde's as_u64).
function whole(v) {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null;
}
function ascii(t) {
  return /^[\x00-\x7f]*$/.test(t);
}
// Seconds since the epoch as RFC 3339, to the second (thread::rfc3339).
function rfc3339(s) {
  var secs = isFinite(s) && s > 0 ? Math.trunc(Math.min(s, 253402300799)) : 0;
  return new Date(secs * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function escapeText(t) {
  return t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
// Plain text as paragraphs (text::text_html).
function textHtml(t) {
  return t.split("\n\n").map(trim).filter(Boolean).map(function (p) {
    return "<p>" + escapeText(p).replace(/\n/g, "<br>") + "</p>";
  }).join("");
}

function avatar(c, field) {
  if (c.author_avatar_urls !== undefined) {
    var urls = isObject(c.author_avatar_urls) ? c.author_avatar_urls : {};
    var two = imageUrl(urls["96"]);
    var one = imageUrl(urls["48"]) || two;
    return one ? [one, two] : null;
  }
  var g = imageUrl(c.gravatar_image);
  if (g) return [g, null];
  if (typeof c.hash === "string") return identicon(c.hash);
  var src = field ? imageUrl(c[field]) : null;
  return src ? [src, null] : null;
}

function comment(c, keys, depth) {
  if (!isObject(c)) return null;
  var id = number(c.id !== undefined ? c.id : c.objectId);
  if (id === null) return null;
  var when = c.created !== undefined ? c.created : c.date_gmt;
  // (Waline's `time`: milliseconds.)
  if (when === undefined && typeof c.time === "number") when = c.time / 1000;
  var created = typeof when === "number" ? rfc3339(when) : typeof when === "string" && ascii(when) && when.length === 19 ? when + "Z" : typeof when === "string" && ascii(when) && when.length <= 40 ? when : "";
  var html = keys.html.reduce(function (v, k) { return isObject(v) ? v[k] : undefined; }, c);
  html = typeof html === "string" ? html : keys.text ? textHtml(str(c, keys.text) || "") : "";
  var website = str(c, keys.website);
  var likes = number(c.likes);
  var dislikes = number(c.dislikes);
  var like = number(c.like);
  var parent = number(c[keys.parent]);
  var replies = Array.isArray(c.replies) && depth < 8 ? c.replies.map(function (r) { return comment(r, keys, depth + 1); }).filter(Boolean) : [];
  var ordered = [];
  replies.forEach(function (r) { putInOrder(ordered, r); });
  return {
    id: id,
    parent: parent > 0 ? parent : null,
    author: str(c, keys.author) || "",
    website: website && isHttpUrl(website) ? website : null,
    created: created,
    html: html,
    held: c.mode === 2 || (typeof c.status === "string" && c.status !== "approved"),
    avatar: avatar(c, keys.avatar),
    votes: likes !== null && dislikes !== null ? [Math.min(likes, 4294967295), Math.min(dislikes, 4294967295)] : likes === null && dislikes === null && like !== null ? [Math.min(like, 4294967295), 0] : null,
    deleted: c.mode === 4,
    replies: ordered,
  };
}
function before(a, b) {
  return a.created > b.created || (a.created === b.created && a.id > b.id);
}
function putInOrder(list, c) {
  var at = list.findIndex(function (r) { return before(r, c); });
  list.splice(at < 0 ? list.length : at, 0, c);
}
function find(list, id) {
  for (var i = 0; i < list.length; i++) {
    if (list[i].id === id) return list[i];
    var got = find(list[i].replies, id);
    if (got) return got;
  }
  return null;
}
function contains(list, id, except) {
  return list.some(function (c) { return c.id !== except && (c.id === id || contains(c.replies, id, except)); });
}
// thread::nest (thread::add on an empty thread)
function nest(flat) {
  var top = [];
  flat.forEach(function (c) {
    if (find(top, c.id)) return;
    var parent = c.parent && find(top, c.parent);
    if (parent) putInOrder(parent.replies, c);
    else top.push(c);
  });
  for (;;) {
    var at = top.findIndex(function (c) { return c.parent && contains(top, c.parent, c.id); });
    if (at < 0) break;
    var orphan = top.splice(at, 1)[0];
    var p = find(top, orphan.parent);
    if (p) putInOrder(p.replies, orphan);
  }
  return top;
}

/** The first page of the thread in `body` (the answer's text), as
 * src/backend/thread.rs read_list reads it, or null. */
export function read(o, status, body, total, pages) {
  if (!(status >= 200 && status < 300)) return o.backend === "isso" && status === 404 ? { comments: [], total: null, more: false } : null;
  var json;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return null;
  }
  var list, keys;
  if (o.backend === "isso") {
    if (!isObject(json) || !Array.isArray(json.replies)) return null;
    keys = { author: "author", website: "website", parent: "parent", html: ["text"] };
    var hidden = json.hidden_replies;
    return {
      comments: json.replies.map(function (c) { return comment(c, keys, 0); }).filter(Boolean),
      total: whole(json.total_replies),
      more: typeof hidden === "number" && Number.isInteger(hidden) && hidden > 0,
    };
  }
  if (o.backend === "waline") {
    // {errno: 0, data: {totalPages, count, data: [top comments, each with
    // its replies flat in `children`, in no reliable order]}}
    var data = isObject(json) && json.errno === 0 ? json.data : null;
    if (!isObject(data) || !Array.isArray(data.data)) return null;
    keys = { author: "nick", website: "link", parent: "pid", html: ["comment"], avatar: "avatar" };
    var pages = whole(data.totalPages);
    return {
      comments: data.data.map(function (top) {
        var c = comment(top, keys, 0);
        var ordered = [];
        if (c && Array.isArray(top.children)) top.children.forEach(function (r) { if ((r = comment(r, keys, 0))) putInOrder(ordered, r); });
        if (c) c.replies = nest(ordered);
        return c;
      }).filter(Boolean),
      total: whole(data.count),
      more: pages !== null && pages > 1,
    };
  }
  if (o.backend === "wordpress-rest") {
    if (!Array.isArray(json)) return null;
    keys = { author: "author_name", website: "author_url", parent: "parent", html: ["content", "rendered"] };
    return { comments: nest(json.map(function (c) { return comment(c, keys, 0); }).filter(Boolean)), total: total, more: pages !== null && pages > 1 };
  }
  list = Array.isArray(json) ? json : isObject(json) && Array.isArray(json.comments) ? json.comments : null;
  if (!list) return null;
  var f = o.fields;
  var name = function (k, ours) { return typeof f[k] === "string" ? f[k] : ours; };
  keys = { author: name("name", "name"), website: name("website", "website"), parent: name("parent", "parent"), html: ["html"], text: name("comment", "comment"), avatar: typeof f.avatar === "string" ? f.avatar : null };
  return {
    comments: nest(list.map(function (c) { return comment(c, keys, 0); }).filter(Boolean)),
    total: isObject(json) ? whole(json.total) : null,
    more: isObject(json) && typeof json.more === "boolean" ? json.more : list.length >= o.perPage,
  };
}
