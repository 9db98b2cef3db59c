/*
 * comment-widget thread painter: an ES module the loader imports beside the
 * thread's first page, once a form is wanted (never on the critical path).
 * From that answer it paints the conversation as the live thread shows the
 * same answer (src/ui/thread/), from the components' own markup rendered at
 * build time (src/bin/markup.rs, "painter"): the heading with its count, each
 * comment with its avatar, author, date, text, votes and Reply, nested and
 * ordered as src/backend/thread.rs reads it, "Show more"/"Show earlier" and
 * the order control. A comment's HTML is parsed by DOMParser (inert) and
 * rebuilt node by node through the allowlist the build writes from
 * src/backend/allowlist.rs; nothing is inserted as HTML. An answer it cannot
 * read paints nothing: "Loading comments…" stays for the live code.
 */
import { editPrefix, ownPrefix, storedActs } from "./kept.js";
import { paint } from "./painter/paint.js";
import { pressedOn, taken } from "./painter/places.js";
import { answerOf } from "./painter/newer.js";
import { read } from "./painter/read.js";

export { takeOver } from "./painter/takeover.js";

/** Paints the thread's first page, `answer` (a promise of a copy of the
 * Response), in place of `place`, its thread while it loads; `o` holds
 * the loader's readings of the widget's attributes (loader/thread.js
 * threadSettings: backend, endpoint, lang, the painted form's words, the
 * site's strings and fields, perPage, the order, depth, open, avatars,
 * votes, editUrl), `pressed` the presses it kept on `place` (a thread the
 * page printed). Settles with the painted thread, or null when the answer
 * cannot be read, `place` has gone, or the reader is a writer. */
export function paintFirst(place, answer, o, pressed) {
  pressedOn.set(place, pressed);
  return answer.then(answerOf).then(function (a) {
    return place.isConnected && !taken.has(place) ? paintAnswer(place, a, o) : null;
  });
}

function paintAnswer(place, answer, o) {
  var endpoint = o.endpoint;
  // The reader's own comments kept for the visit (a held one, say) are the
  // live thread's to put in place: it loads at once.
  try {
    for (var i = 0; i < sessionStorage.length; i++) if (sessionStorage.key(i).indexOf(ownPrefix(endpoint)) === 0) return null;
  } catch (e) {
    /* no session storage: nothing kept */
  }
  var mine = storedActs("mine", endpoint);
  // A reader whose own comments may still be edited or deleted (Isso's
  // window), or who left an edit unsaved, is a writer: the live thread
  // shows their Edit and Delete, and the edit, at once.
  var now = Date.now();
  try {
    if (mine.some(function (p) { return p[1] > now; })) return null;
    for (var j = 0; j < localStorage.length; j++) if (localStorage.key(j).indexOf(editPrefix(endpoint)) === 0) return null;
  } catch (e) {
    /* no storage: nothing of theirs */
  }
  o.mine = mine.map(function (p) { return p[0]; });
  o.voted = storedActs("votes", endpoint).reduce(function (v, p) { v[p[0]] = p[1] > 0; return v; }, {});
  var page = read(o, answer.status, answer.text, answer.total, answer.pages);
  return page ? paint(place, page, o) : null;
}
// An element's place under `from`, as element indices (the painted and the
