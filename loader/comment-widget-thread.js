/*
 * comment-widget thread painter: an ES module the loader imports beside the
 * thread's first page, once a form is wanted (never on the critical path).
 * From that answer it paints the conversation as the live thread shows the
 * same answer (src/ui/thread.rs), from the components' own markup rendered at
 * build time (src/bin/markup.rs, "painter"): the heading with its count, each
 * comment with its avatar, author, date, text, votes and Reply, nested and
 * ordered as src/backend/thread.rs reads it, "Show more"/"Show earlier" and
 * the order control. A comment's HTML is parsed by DOMParser (inert) and
 * rebuilt node by node through the allowlist the build writes from
 * src/backend/allowlist.rs; nothing is inserted as HTML. An answer it cannot
 * read paints nothing: "Loading comments…" stays for the live code.
 */
// Filled in by the build (scripts/post-build.mjs): the markup, the
// allowlist and the thread's words in each language.
var DATA = /*cw:thread*/ {};
var doc = typeof document === "object" ? document : null;
// Rust's White_Space (char::is_whitespace, str::trim), which JS's \s and
// trim() are not (they take U+FEFF too), and its control characters.
var WS = "\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
var SPACE_OR_CONTROL = new RegExp("[" + WS + "\\x00-\\x1f\\x7f-\\x9f]");
var TRIM = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");
function trim(t) {
  return t.replace(TRIM, "");
}

// ---- Reading an answer (src/backend/thread.rs read_list, comment, nest) ----

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

// address::is_http_url
function isPort(p) {
  return /^\d+$/.test(p) && +p > 0 && +p <= 65535;
}
function isHost(host) {
  if (host.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }) === "localhost") return true;
  var labels = host.replace(/\.+$/, "").split(".");
  if (labels.length === 4 && labels.every(function (l) { return /^\d{1,3}$/.test(l); })) return labels.every(function (l) { return +l <= 255; });
  if (labels.length < 2) return false;
  var tld = labels[labels.length - 1];
  var chars = function (l) { return Array.from(l).length; };
  var tldOk = chars(tld) >= 2 && (/^([a-zA-Z]|[^\x00-\x7f])+$/.test(tld) || /^xn--/i.test(tld));
  return tldOk && labels.every(function (l) {
    return l && chars(l) <= 63 && l[0] !== "-" && l[l.length - 1] !== "-" && /^([a-zA-Z0-9-]|[^\x00-\x7f])+$/.test(l);
  });
}
function isHttpUrl(url) {
  if (SPACE_OR_CONTROL.test(url) || /[<>"`\\]/.test(url)) return false;
  var m = /^https?:\/\//i.exec(url);
  if (!m) return false;
  var authority = url.slice(m[0].length).split(/[\/?#]/)[0];
  if (authority.indexOf("@") >= 0) return false;
  if (authority[0] === "[") {
    var end = authority.indexOf("]");
    if (end < 0) return false;
    var addr = authority.slice(1, end);
    var after = authority.slice(end + 1);
    return /^[0-9a-fA-F:.]+$/.test(addr) && (!after || (after[0] === ":" && isPort(after.slice(1))));
  }
  var colon = authority.lastIndexOf(":");
  if (colon >= 0) {
    if (!isPort(authority.slice(colon + 1))) return false;
    authority = authority.slice(0, colon);
  }
  return isHost(authority);
}
// address::is_email (WordPress's is_email)
function isEmail(e) {
  if (e.length < 6) return false;
  var at = e.indexOf("@");
  if (at < 1) return false;
  var local = e.slice(0, at);
  var domain = e.slice(at + 1);
  if (!/^[a-zA-Z0-9!#$%&'*+\/=?^_`{|}~.-]+$/.test(local) || domain.indexOf("..") >= 0) return false;
  if (/^[ \t\n\r\0\x0B.]|[ \t\n\r\0\x0B.]$/.test(domain)) return false;
  var subs = domain.split(".");
  return subs.length >= 2 && subs.every(function (s) { return /^[a-zA-Z0-9-]+$/.test(s) && !/^-|-$/.test(s); });
}
// allowlist::safe_link
export function safeLink(href) {
  href = trim(href);
  if (isHttpUrl(href)) return href;
  return /^mailto:/i.test(href) && isEmail(href.slice(7)) ? "mailto:" + href.slice(7) : null;
}

// avatar::image_url, identicon, read
export function imageUrl(url) {
  if (typeof url !== "string") return null;
  url = trim(url);
  var m = /^(https?:)?\/\//i.exec(url);
  if (!m || (!m[1] && url.slice(0, 2) !== "//")) return null;
  var rest = url.slice(m[0].length);
  var host = rest.split(/[\/?#]/)[0];
  return host && new TextEncoder().encode(rest).length <= 2048 && !SPACE_OR_CONTROL.test(rest) && !/["<>\\]/.test(rest) ? "https://" + rest : null;
}
var COLORS = ["#9abf88", "#5698c4", "#e279a3", "#9163b6", "#be5168", "#f19670", "#e4bf80", "#447c69"];
function identicon(hash) {
  hash = trim(hash);
  if (!/^[0-9a-fA-F]{1,64}$/.test(hash)) return null;
  var bits = Number(BigInt("0x" + hash.slice(-16)) % 262144n);
  var d = "";
  for (var x = 0, i = 0; x < 3; x++) {
    for (var y = 0; y < 5; y++, i++) {
      if ((bits >> (17 - i)) & 1) {
        d += "M" + (4 + 8 * x) + " " + (4 + 8 * y) + "h8v8h-8z";
        if (x < 2) d += "M" + (4 + 8 * (4 - x)) + " " + (4 + 8 * y) + "h8v8h-8z";
      }
    }
  }
  return ["data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 48 48' shape-rendering='crispEdges'><rect width='48' height='48' fill='%23f0f0f0'/><path fill='" + COLORS[bits & 7].replace("#", "%23") + "' d='" + d + "'/></svg>", null];
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
  var id = number(c.id);
  if (id === null) return null;
  var when = c.created !== undefined ? c.created : c.date_gmt;
  var created = typeof when === "number" ? rfc3339(when) : typeof when === "string" && ascii(when) && when.length === 19 ? when + "Z" : typeof when === "string" && ascii(when) && when.length <= 40 ? when : "";
  var html = keys.html.reduce(function (v, k) { return isObject(v) ? v[k] : undefined; }, c);
  html = typeof html === "string" ? html : keys.text ? textHtml(str(c, keys.text) || "") : "";
  var website = str(c, keys.website);
  var likes = number(c.likes);
  var dislikes = number(c.dislikes);
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
    votes: likes !== null && dislikes !== null ? [Math.min(likes, 4294967295), Math.min(dislikes, 4294967295)] : null,
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

// ---- Painting (src/ui/thread.rs Thread, ThreadItem, RichText) ----

function template(html) {
  var t = doc.createElement("template");
  t.innerHTML = html; // our own build's markup, never a reader's or a server's
  return t.content;
}
function fill(node, vars) {
  var walk = doc.createTreeWalker(node, 5);
  var f = function (text) {
    // The sample comment's anchor is Isso's (isso-ID); the others' are comment-ID.
    return text.replace(/\{\{(\w+)\}\}/g, function (m, k) { return k in vars ? vars[k] : ""; }).split("isso-" + DATA.id).join(vars.anchor).split(String(DATA.id)).join(vars.id);
  };
  for (var n = walk.currentNode; n; n = walk.nextNode()) {
    if (n.nodeType === 3) n.data = f(n.data);
    else if (n.nodeType === 1) for (var i = 0; i < n.attributes.length; i++) n.attributes[i].value = f(n.attributes[i].value);
  }
  return node;
}

// edge::rich: the server's HTML through DOMParser, rebuilt through the allowlist.
function rich(html, out) {
  var body = new DOMParser().parseFromString(html, "text/html").body;
  walk(body, out, 0);
}
function walk(from, out, depth) {
  from.childNodes.forEach(function (child) {
    if (child.nodeType === 3) out.append(child.data);
    else if (child.nodeType === 1 && depth >= 32) out.append(child.textContent);
    else if (child.nodeType === 1) {
      var tag = DATA.tags[child.localName];
      var href = child.getAttribute("href");
      var link = tag === "a" && href !== null ? safeLink(href) : null;
      var el = tag && (tag !== "a" || link) ? doc.createElement(tag) : null;
      if (link) {
        el.setAttribute("href", link);
        el.setAttribute("rel", "nofollow ugc noopener");
      }
      if (tag === "br") return out.append(el);
      var inner = el || doc.createDocumentFragment();
      walk(child, inner, depth + 1);
      out.append(inner);
    }
  });
}

function longDate(lang, created) {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" }).format(new Date(created));
  } catch (e) {
    return created;
  }
}
function plural(lang, n) {
  try {
    return new Intl.PluralRules(lang).select(n);
  } catch (e) {
    return "other";
  }
}
function say(word, name, n) {
  return String(word || "").replace("{name}", name).replace("{n}", n);
}
function count(list) {
  return list.reduce(function (n, c) { return n + 1 + count(c.replies); }, 0);
}
// thread::below: a comment's replies and theirs, in reading order.
function below(replies) {
  var out = [];
  replies.forEach(function (c) {
    out.push(c);
    out.push.apply(out, below(c.replies));
  });
  return out;
}

function item(c, o, levels, parts) {
  var s = o.words;
  var name = trim(c.author) ? c.author : s.anonymous;
  var anchor = (o.backend === "isso" ? "isso-" : "comment-") + c.id;
  var vars = Object.assign({}, s, { id: String(c.id), anchor: anchor, author: name, datetime: c.created, text: "", edit_url: o.editUrl, reply_to: say(s.reply_to, name) });
  var li = fill(parts.item.cloneNode(true), vars);
  var q = function (sel) { return li.querySelector(sel); };
  var article = q("article");
  var av = c.avatar && o.avatars ? c.avatar : null;
  if (av) {
    var img = q("img");
    img.setAttribute("src", av[0]);
    if (av[1]) img.setAttribute("srcset", av[1] + " 2x");
    else img.removeAttribute("srcset");
  } else {
    q("img").remove();
    article.classList.remove("cw-comment--avatar");
  }
  if (c.website) q(".cw-comment__author a").setAttribute("href", c.website);
  else q(".cw-comment__author").replaceWith(fill(parts.plain.cloneNode(true), vars));
  q("time").textContent = longDate(s.lang, c.created);
  var edit = q(".cw-comment__meta a:not(.cw-comment__permalink)");
  if (!o.editUrl) edit.remove(); // (the space before it stays, as in the live thread)
  var text = q(".cw-comment__text");
  text.textContent = "";
  if (c.deleted) text.append(fill(parts.deleted.cloneNode(true), vars));
  else rich(c.html, text);
  var lastLevel = levels <= 1;
  var replies = lastLevel ? [] : c.replies;
  var beside = lastLevel ? below(c.replies) : [];
  if (c.held) {
    text.before(fill(parts.held.cloneNode(true), vars));
    q(".cw-comment__actions").remove();
    q(".cw-comment__note").remove();
  } else {
    var votes = q(".cw-votes");
    if (o.backend === "isso" && o.votes && c.votes && !c.deleted && o.mine.indexOf(c.id) < 0) {
      votes.querySelectorAll("button").forEach(function (b, i) {
        var n = c.votes[i];
        var mine = o.voted[c.id];
        b.setAttribute("aria-pressed", mine !== undefined && mine === (i === 0) ? "true" : "false");
        b.firstChild.textContent = say(i ? s.dislike_label : s.like_label, name, n);
        b.lastChild.textContent = (i ? "▼ " : "▲ ") + n;
      });
    } else {
      votes.remove();
    }
    if (o.backend !== "isso") q(".cw-own").remove();
    var reply = q("[data-cw-reply]");
    if (lastLevel || !o.open || c.deleted) reply.setAttribute("hidden", "");
  }
  var list = q(".cw-thread__replies");
  if (replies.length) {
    list.textContent = "";
    replies.forEach(function (r) { list.append(item(r, o, levels - 1, parts)); });
  } else {
    list.remove();
  }
  var out = doc.createDocumentFragment();
  out.append(li);
  beside.forEach(function (r) { out.append(item(r, o, levels, parts)); });
  return out;
}

/** Paints `page` (what read() gave) in place of the thread that is
 * loading, `place`; returns the painted thread. `o`: backend, words, the
 * shown order, earlierAbove, depth, open, avatars, votes, editUrl, the
 * reader's own comment ids (mine) and votes (voted: id → liked). */
export function paint(place, page, o) {
  // The thread's words in the form's language, with the site's data-strings.
  var s = Object.assign({}, DATA.words[o.lang] || DATA.words.en);
  try {
    var over = JSON.parse(o.strings || "{}");
    for (var k in over) if (typeof over[k] === "string" && k in s) s[k] = over[k];
  } catch (e) {
    /* the wasm names a broken data-strings */
  }
  o.words = s;
  var whole = template(DATA.thread);
  var host = whole.firstChild;
  var li = whole.querySelector(".cw-thread__item");
  var parts = {
    item: li.cloneNode(true),
    plain: template(DATA.held).querySelector(".cw-comment__author"),
    held: template(DATA.held).querySelector(".cw-comment__held"),
    deleted: template(DATA.held).querySelectorAll(".cw-comment__text")[1].firstElementChild,
  };
  // The sample's reply and its own list, as the list of a comment's replies.
  parts.item.querySelector(".cw-thread__replies").textContent = "";
  fill(host, s);
  var comments = page.comments.slice();
  if (o.earlierAbove) comments.reverse();
  var n = page.total !== null ? page.total : count(comments);
  var heading = n ? say(s["count_" + plural(s.lang, n)] || s.count_other, "", n) : s.count_none;
  var note = host.querySelector(".cw-thread__note");
  var section = host.querySelector(".cw-thread");
  if (comments.length) {
    note.textContent = "";
    note.setAttribute("hidden", "");
    section.removeAttribute("hidden");
  } else {
    note.textContent = s.count_none;
    note.removeAttribute("hidden");
    section.setAttribute("hidden", "");
  }
  section.setAttribute("aria-label", heading);
  host.querySelector(".cw-thread__title").textContent = heading;
  var select = host.querySelector("select");
  if (o.backend !== "isso") select.querySelector('[value="top"]').remove();
  select.value = o.sort;
  host.querySelectorAll(".cw-thread__more").forEach(function (p) {
    var above = p.querySelector("[data-cw-more]").getAttribute("data-cw-more") === "earlier";
    if (page.more && o.earlierAbove === above) p.removeAttribute("hidden");
    else p.setAttribute("hidden", "");
  });
  var list = host.querySelector(".cw-thread__list");
  list.textContent = "";
  comments.forEach(function (c) { list.append(item(c, o, Math.max(o.depth, 1), parts)); });
  host.setAttribute("data-cw-painted-thread", "");
  keepPresses(host, place);
  // The focus on a control of the printed thread stays on the same control.
  var root = place.getRootNode();
  var had = place.contains(root.activeElement) && root.activeElement;
  place.replaceWith(host);
  var same = had && at(host, where(place, had));
  if (same && sig(same) === sig(had)) same.focus({ preventScroll: true });
  return host;
}

/** Keeps each press on a control of the painted thread `host` (Reply,
 * Like, Show more, the order) by where the control is, for takeOver; and
 * those the loader kept (`cwPressed`) on `from`, the thread it replaces
 * (the plugin's, printed into the page). */
function keepPresses(host, from) {
  var presses = (host.cwPresses = (from.cwPressed || []).map(function (el) {
    return [where(from, el), el.value, sig(el)];
  }));
  var press = function (ev) {
    var el = ev.target.closest(ev.type === "change" ? "select" : "button");
    if (el && host.isConnected) presses.push([where(host, el), el.value, sig(el)]);
  };
  host.addEventListener("click", press);
  host.addEventListener("change", press);
}

// ---- What the loader calls ----

/** Paints the thread's first page, `answer` (a promise of a copy of the
 * Response), of a widget with attributes `a` in place of `place`, its
 * thread while it loads; `k` holds the loader's readings of the attributes
 * (lang, the stored or the site's sort, perPage) and its helpers (off,
 * link, load). Settles with the painted thread, or null when the answer
 * cannot be read (or `place` has gone). */
export function paintFirst(place, a, answer, k) {
  return answer.then(function (r) {
    return r.text().then(function (text) {
      var n = function (h) {
        h = (r.headers.get(h) || "").trim();
        return /^\d{1,15}$/.test(h) ? +h : null;
      };
      return place.isConnected && !place.cwTaken ? paintAnswer(place, a, { status: r.status, text: text, total: n("X-WP-Total"), pages: n("X-WP-TotalPages") }, k) : null;
    });
  });
}

function paintAnswer(place, a, answer, k) {
  var backend = (a["data-backend"] || "").trim().toLowerCase();
  var endpoint = (a["data-endpoint"] || "").trim().replace(/\/+$/, "");
  // The reader's own comments kept for the visit (a held one, say) are the
  // live thread's to put in place: it loads at once.
  try {
    for (var i = 0; i < sessionStorage.length; i++) if (sessionStorage.key(i).indexOf("comment-widget:mine:" + endpoint + "|") === 0) return null;
  } catch (e) {
    /* no session storage: nothing kept */
  }
  var stored = function (what) {
    var list = k.load("comment-widget:" + what + ":" + endpoint);
    return Array.isArray(list) ? list : [];
  };
  // A reader whose own comments may still be edited or deleted (Isso's
  // window), or who left an edit unsaved, is a writer: the live thread
  // shows their Edit and Delete, and the edit, at once.
  var now = Date.now();
  try {
    if (stored("mine").some(function (p) { return p[1] > now; })) return null;
    for (var j = 0; j < localStorage.length; j++) if (localStorage.key(j).indexOf("comment-widget:edit:" + endpoint + "|") === 0) return null;
  } catch (e) {
    /* no storage: nothing of theirs */
  }
  var depth = parseInt(a["data-thread-depth"], 10);
  var fields = {};
  try {
    fields = JSON.parse(a["data-fields"] || "{}") || {};
  } catch (e) {
    /* the wasm names it */
  }
  // The order shown (Sort::for_backend), and whether each page is shown
  // the other way round (Paging::asked).
  var sort = /^(newest|top)$/.test(k.sort) && (k.sort !== "top" || backend === "isso") ? k.sort : "oldest";
  var o = {
    backend: backend,
    lang: k.lang,
    strings: a["data-strings"],
    fields: fields,
    perPage: k.perPage,
    sort: sort,
    earlierAbove: sort === "oldest" && /^\s*newest\s*$/i.test(a["data-first-page"] || ""),
    depth: depth >= 1 && depth <= 10 ? depth : 1 / 0,
    open: true,
    avatars: !k.off(a, "data-avatars"),
    votes: !k.off(a, "data-votes"),
    editUrl: (a["data-logged-in-as"] || "").trim() ? k.link(a["data-edit-url"]) : "",
    mine: stored("mine").map(function (p) { return p[0]; }),
    voted: stored("votes").reduce(function (v, p) { v[p[0]] = p[1] > 0; return v; }, {}),
  };
  var page = read(o, answer.status, answer.text, answer.total, answer.pages);
  return page ? paint(place, page, o) : null;
}

// An element's place under `from`, as element indices (the painted and the
// live thread are the same components' rendering), and back.
function where(from, el) {
  for (var path = []; el !== from; el = el.parentElement) path.unshift([].indexOf.call(el.parentElement.children, el));
  return path;
}
function at(from, path) {
  for (var i = 0; from && i < path.length; i++) from = from.children[path[i]];
  return from;
}

// What a control is: its kind, its comment, which vote or which "Show …".
function sig(el) {
  var article = el.closest("article");
  return [el.localName, article && article.id, el.getAttribute("data-cw-vote"), el.getAttribute("data-cw-more"), el.getAttribute("data-cw-reply")].join();
}

/** The live form has replaced the painted one (src/mount.rs) in `root`:
 * the painted `thread` stays where it is (with the focus, `focused`, if
 * it was on one of its controls) until the live thread shows its first page (the same answer), then the two are swapped in one step, with
 * nothing moving and the focus on the same control; then each press made
 * on the painted thread (Reply, Like, Show more, the order…) is carried
 * out, once, on the same live control. */
export function takeOver(root, thread, focused) {
  var live = root.querySelector(".cw-thread-host:not([data-cw-painted-thread])");
  if (!live) return;
  // A printed thread (the painter's has not replaced it, and now will not)
  // keeps its presses from here on, with those the loader kept.
  thread.cwTaken = true;
  if (!thread.cwPresses) keepPresses(thread, thread);
  // (The mount has put it there; a wasm from before readers first has not.)
  if (thread.nextElementSibling !== live) live.before(thread);
  // Back on the control that had it (moving the thread took the focus away),
  // unless the reader has put it elsewhere since.
  if (focused && !root.activeElement && document.activeElement === document.body) focused.focus({ preventScroll: true });
  live.hidden = true;
  var note = live.querySelector(".cw-thread__note");
  var loading = note.textContent;
  var swap = function () {
    if (!live.querySelector(".cw-thread").hidden || note.textContent !== loading) {
      watch.disconnect();
      var focused = thread.contains(root.activeElement) && at(live, where(thread, root.activeElement));
      live.hidden = false;
      thread.remove();
      if (focused) focused.focus({ preventScroll: true });
      (thread.cwPresses || []).forEach(function (p) {
        var el = at(live, p[0]);
        if (!el || sig(el) !== p[2]) return; // (not the same control: never press another)
        if (el.localName === "select") {
          el.value = p[1];
          el.dispatchEvent(new Event("change", { bubbles: true }));
        } else el.click();
      });
    }
  };
  var watch = new MutationObserver(swap);
  watch.observe(live, { subtree: true, childList: true, attributes: true, characterData: true });
  swap();
}
