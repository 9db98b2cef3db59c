// New comments while a reader reads, for the painted thread (a reader who
// only reads never fetches the wasm), as the live thread has them
// (src/ui/thread/state.rs Checks): checks on the core's schedule
// (src/backend/newer.rs next_wait, its numbers in generated/facts.js) while
// the thread is near the screen in a visible tab; what they find is
// announced ("2 new comments", floating where new comments go: nothing
// moves) and drawn when the reader presses it, marked as new, the first
// focused. The live thread takes over what was found (NEW: the ids added;
// it checks at once).
import { CHECKS, NEW } from "../generated/facts.js";
import { countWords, plural, say } from "../words.js";
import { read } from "./read.js";

/** A fetched answer as read() takes it. */
export function answerOf(r) {
  const n = (h) => {
    h = (r.headers.get(h) || "").trim();
    return /^\d{1,15}$/.test(h) ? +h : null;
  };
  return r.text().then((text) => ({ status: r.status, text, total: n("X-WP-Total"), pages: n("X-WP-TotalPages") }));
}

/** The check for comments newer than `since` (RFC 3339) of a thread whose
 * first page is at `first` (of `backend`), as src/backend/newer.rs
 * newer_request builds it: that page with `after`, a second earlier
 * (Isso: seconds; Waline: its newest page). Held to the core by tests/tools/grid.test.mjs. */
export function newerUrl(first, backend, since) {
  const after = Math.max(0, Date.parse(since) / 1000 - 1);
  // Waline has no `after`: its newest page is asked for.
  if (backend === "waline") first = first.replace(/sortBy=\w+/, "sortBy=insertedAt_desc");
  return first + "&after=" + (backend === "isso" ? after : new Date(after * 1000).toISOString().replace(/\.\d+Z/, "Z").replace(/:/g, "%3A"));
}

// Every comment of a list, flat (replies too).
const flat = (list, out) => {
  list.forEach((c) => out.push(c) && flat(c.replies, out));
  return out;
};

/** Starts the checks of the painted thread `host`, which shows `page`;
 * `o`: the painter's settings (words, sort, depth; interval: the shortest
 * wait in seconds, 0 for none; first: the first page's address;
 * timeout in ms), `draw(c, levels)`: a comment's painting. */
export function watch(host, page, o, draw) {
  const s = o.words;
  const shown = flat(page.comments, []);
  const anchor = (id) => host.querySelector("#" + o.offers.anchor + id);
  const list = host.querySelector(".cw-thread__list");
  const control = host.querySelectorAll(".cw-thread__new")[o.sort === "newest" ? 0 : 1];
  const button = control.firstElementChild;
  const told = host.querySelector("[aria-live].cw-visually-hidden");
  let fresh = [];
  const added = [];
  let known = page.total;
  let total = known === null ? shown.length : known;
  let wait = o.interval;
  let due = Date.now() + wait * 1000;
  const get = (url) => fetch(url, { headers: { Accept: "application/json" }, signal: AbortSignal.timeout(o.timeout) }).then(answerOf).then((a) => read(o, a.status, a.text, a.total, a.pages));
  const newOf = (got) => flat(got.comments, []).filter((c) => !c.held && !shown.some((d) => d.id === c.id) && shown.push(c));
  // One check (newer::Found): "news", "quiet" or "failed".
  const check = () => {
    const since = shown.reduce((m, c) => (c.created > m ? c.created : m), "");
    return get(since ? newerUrl(o.first, o.backend, since) : o.first).then((got) => {
      const found = newOf(got);
      // Isso: the thread grew by more than what came (a reply to an older
      // comment): its first page again (newer::Check::reread).
      const again = o.backend === "isso" && known !== null && got.total > known + found.length && flat(got.comments, []).length < got.total;
      known = got.total;
      return again ? get(o.first).then((more) => found.concat(newOf(more))) : found;
    }).then((found) => {
      if (!found.length) return "quiet";
      found.forEach((c) => (c.replies = []));
      fresh = fresh.concat(found).sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id - b.id));
      host.setAttribute(NEW, added.join(" "));
      told.textContent = button.textContent = say(s["new_" + plural(s.lang, fresh.length)] || s.new_other, "", fresh.length);
      control.hidden = false;
      return "news";
    }, () => "failed");
  };
  button.addEventListener("click", () => {
    fresh.forEach((c) => {
      const li = c.parent !== null && anchor(c.parent) && anchor(c.parent).parentElement;
      let level = 1;
      for (let up = li; up && up !== list; up = up.parentElement) level += up.localName === "li";
      const drawn = draw(c, Math.max(o.depth - level + 1, 1));
      let replies = li && level <= o.depth && li.querySelector(":scope>.cw-thread__replies");
      if (li && level <= o.depth && !replies) {
        replies = document.createElement("ol");
        replies.className = "cw-thread__replies";
        li.firstElementChild.after(replies);
      }
      if (replies) replies.append(drawn);
      else if (li) li.after(drawn);
      else if (o.sort === "newest") list.prepend(drawn);
      else list.append(drawn);
      anchor(c.id).classList.add("cw-comment--new");
      added.push(c.id);
    });
    const first = fresh[0] && anchor(fresh[0].id);
    total += fresh.length;
    fresh = [];
    control.hidden = true;
    told.textContent = "";
    host.querySelector(".cw-thread__title").textContent = countWords(s, total);
    host.querySelector(".cw-thread").setAttribute("aria-label", countWords(s, total));
    host.setAttribute(NEW, added.join(" "));
    if (first) {
      first.scrollIntoView();
      first.focus();
    }
  });
  const tick = () => {
    if (!host.isConnected) return; // the live thread has taken over
    const r = host.getBoundingClientRect();
    if (Date.now() < due || document.hidden || r.bottom < -2 * innerHeight || r.top > 3 * innerHeight) return setTimeout(tick, Math.min(Math.max(due - Date.now(), 250), 1000));
    check().then((found) => {
      wait = found === "news" ? o.interval : Math.min(Math.max(Math.floor((wait * (found === "quiet" ? CHECKS.quietHalves : 2 * CHECKS.failedTimes)) / 2), o.interval), Math.max(CHECKS.longest, o.interval));
      due = Date.now() + wait * 1000;
      tick();
    });
  };
  if (o.interval && window.AbortSignal && AbortSignal.timeout) tick();
}
