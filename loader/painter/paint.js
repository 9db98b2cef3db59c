// Painting a page of comments from the components' markup (src/ui/thread:
// Thread, ThreadItem, RichText), each comment's HTML through DOMParser and
// the allowlist; nothing is inserted as HTML.
import { PAINTED_THREAD } from "../generated/facts.js";
import { countWords, dateFormat, say, withStrings } from "../words.js";
import { DATA } from "./data.js";
import { safeLink, trim } from "./links.js";
import { watch } from "./newer.js";
import { at, pressedOn, presses, sig, where } from "./places.js";

var doc = typeof document === "object" ? document : null;

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
    return dateFormat(lang).format(new Date(created));
  } catch (e) {
    return created;
  }
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
  var anchor = o.offers.anchor + c.id;
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
    if (o.offers.votes && o.votes && c.votes && !c.deleted && o.mine.indexOf(c.id) < 0) {
      votes.querySelectorAll("button").forEach(function (b, i) {
        if (i >= o.offers.votes) return b.remove(); // likes only (Waline)
        var n = c.votes[i];
        var mine = o.voted[c.id];
        b.setAttribute("aria-pressed", mine !== undefined && mine === (i === 0) ? "true" : "false");
        b.firstChild.textContent = say(i ? s.dislike_label : s.like_label, name, n);
        b.lastChild.textContent = (i ? "▼ " : "▲ ") + n;
      });
    } else {
      votes.remove();
    }
    if (!o.offers.own) q(".cw-own").remove();
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
  // (The painted form's words, `o.formWords`, the loader's: lang, dir,
  // the plural headings, "Reply to…", with the site's data-strings.)
  var s = Object.assign({}, o.formWords, withStrings(DATA.words[o.lang] || DATA.words.en, o.strings));
  o.words = s;
  var whole = template(DATA.thread);
  var host = whole.firstChild;
  var list = host.querySelector(".cw-thread__list");
  var held = template(DATA.held);
  var parts = {
    item: list.querySelector(".cw-thread__item"),
    plain: held.querySelector(".cw-comment__author"),
    held: held.querySelector(".cw-comment__held"),
    deleted: held.querySelectorAll(".cw-comment__text")[1].firstElementChild,
  };
  // The sample's reply and its own list, as the list of a comment's replies;
  // the list emptied before the words are filled in (not walked twice).
  parts.item.querySelector(".cw-thread__replies").textContent = "";
  list.textContent = "";
  fill(host, s);
  var comments = page.comments.slice();
  if (o.earlierAbove) comments.reverse();
  var n = page.total !== null ? page.total : count(comments);
  var heading = countWords(s, n);
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
  if (o.offers.sorts.indexOf("top") < 0) select.querySelector('[value="top"]').remove();
  select.value = o.sort;
  host.querySelectorAll(".cw-thread__more").forEach(function (p) {
    var above = p.querySelector("[data-cw-more]").getAttribute("data-cw-more") === "earlier";
    if (page.more && o.earlierAbove === above) p.removeAttribute("hidden");
    else p.setAttribute("hidden", "");
  });
  // The first screenful at once, the rest in slices (slices()).
  var next = slices(list, comments, function (c) { return item(c, o, Math.max(o.depth, 1), parts); });
  next();
  host.setAttribute(PAINTED_THREAD, "");
  keepPresses(host, place, pressedOn.get(place));
  // The focus on a control of the printed thread stays on the same control.
  var root = place.getRootNode();
  var had = place.contains(root.activeElement) && root.activeElement;
  place.replaceWith(host);
  var same = had && at(host, where(place, had));
  if (same && sig(same) === sig(had)) same.focus({ preventScroll: true });
  next(host);
  watch(host, page, o, function (c, levels) { return item(c, o, levels, parts); });
  return host;
}

// A slice of painting: as long as a frame's budget, at a phone's speed
// about two comments (the first: about a screenful, with the heading).
var SLICE_MS = 12;
var FIRST_MS = 20;
var now = function () { return performance.now(); };
// Gives the main thread back (a key, a tap, a frame) before `go`: a task
// of its own, queued as any other (scheduler.yield would put it ahead of
// the frame that shows the first slice; a timeout is held 4 ms once nested).
function yieldThen(go) {
  var c = new MessageChannel();
  c.port1.onmessage = go;
  c.port2.postMessage(0);
}

/** Paints `comments` into `list` with `draw`, in slices that yield to
 * input between them: the first call paints the first slice (a screenful)
 * at once; the second, once the list is in the page under `host`, starts
 * the rest, each slice in a task of its own, until all are painted or the
 * thread has left the page (the live one took its place). A comment is
 * drawn once, in order. */
function slices(list, comments, draw) {
  var i = 0;
  var slice = function (budget) {
    var start = now();
    do list.append(draw(comments[i++]));
    while (i < comments.length && now() - start < budget);
  };
  return function (host) {
    if (!host) {
      if (comments.length) slice(FIRST_MS);
      return;
    }
    // (aria-busy until all are painted, as the live thread's list.)
    var rest = function () {
      if (!host.isConnected) return;
      if (i < comments.length) slice(SLICE_MS);
      if (i < comments.length) yieldThen(rest);
      else list.removeAttribute("aria-busy");
    };
    if (i < comments.length) {
      list.setAttribute("aria-busy", "true");
      yieldThen(rest);
    }
  };
}

/** Keeps each press on a control of the painted thread `host` (Reply,
 * Like, Show more, the order) by where the control is, for takeOver; and
 * those the loader kept (`pressed`, elements) on `from`, the thread it
 * replaces (the plugin's, printed into the page). */
export function keepPresses(host, from, pressed) {
  var kept = (pressed || []).map(function (el) {
    return [where(from, el), el.value, sig(el)];
  });
  presses.set(host, kept);
  var press = function (ev) {
    var el = ev.target.closest(ev.type === "change" ? "select" : "button");
    // ("N new comments" is the painter's own: the live thread has what it added.)
    if (el && host.isConnected && !el.hasAttribute("data-cw-fresh")) kept.push([where(host, el), el.value, sig(el)]);
  };
  host.addEventListener("click", press);
  host.addEventListener("change", press);
}
