// Where a control of a thread is, what it is, and what the painter keeps
// per thread: the painted and the live thread are the same components'
// rendering, so a control's place (element indices) names the same control
// in both.

/** Each painted (or printed) thread's presses: [place, value, signature]. */
export var presses = new WeakMap();
/** Presses the loader kept on a printed thread before the painter came (elements). */
export var pressedOn = new WeakMap();
/** The threads the live code has taken over (the painter paints them no more). */
export var taken = new WeakSet();

export function where(from, el) {
  for (var path = []; el !== from; el = el.parentElement) path.unshift([].indexOf.call(el.parentElement.children, el));
  return path;
}
export function at(from, path) {
  for (var i = 0; from && i < path.length; i++) from = from.children[path[i]];
  return from;
}

// What a control is: its kind, its comment, which vote or which "Show …".
export function sig(el) {
  var article = el.closest("article");
  return [el.localName, article && article.id, el.getAttribute("data-cw-vote"), el.getAttribute("data-cw-more"), el.getAttribute("data-cw-reply")].join();
}
