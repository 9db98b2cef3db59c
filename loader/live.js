// The takeover: once a form is wanted (and, with a painted thread, once
// its reader shows intent), the code is loaded and the wasm's `mount`
// takes the painted form over (src/mount.rs, src/edge/painted.rs); the
// presses made before it came are carried out on the live controls, and
// the painter swaps in the live thread when it has the same answer.
import { MOUNTED, PAINTED_THREAD, UNLOADED } from "./generated/facts.js";
import { fallback, stop } from "./keeper.js";
import { language, live, loadApp } from "./load.js";
import { paintAll, painting, paintForm } from "./paint.js";
import { attrsFor, widget } from "./state.js";
import { painterOf, paintThread, prefetch } from "./thread.js";
import { afterPaint, eager, intent, near, openedAtComments } from "./wanted.js";

/** The takeover waits while an input method is composing in a painted form. */
function afterComposition(run) {
  const busy = [...document.querySelectorAll("[data-comment-widget], comment-widget")].find((host) => painting(host) && widget(host).composing);
  if (!busy) return run();
  widget(busy).afterComposition = () => {
    widget(busy).afterComposition = null;
    afterComposition(run);
  };
}

// The takeover's task is the heaviest a writer meets (the form's first
// render, and the browser compiling the wasm functions it runs: about 160
// ms at a phone's speed): it waits for a pause in the reader's typing
// (PAUSE_MS with no input in the painted form), for MOST_MS at most, unless
// the reader pressed something (it is carried out at once); it comes in a
// task of its own in any case, after the wasm's instantiation.
const PAUSE_MS = 500;
const MOST_MS = 10000;
function afterTyping(host, run, since = performance.now(), wait = 0) {
  setTimeout(() => {
    const record = widget(host);
    const left = record.pressed ? 0 : PAUSE_MS - (performance.now() - (record.typed || -1 / 0));
    if (left <= 0 || performance.now() - since > MOST_MS) run();
    else afterTyping(host, run, since, left);
  }, wait);
}

/** The app (and the form's language) once the form in `host` is wanted,
 * one frame after its paint: the wasm is asked for first (the longest
 * download), then the thread's first page. With `onIntent`, a form whose
 * thread is painted waits for its reader's intent to act. */
function whenWanted(host, a, onIntent) {
  // (A page opened at the comments is there to read them: their first
  // page and the painter are asked for at once, not a frame later. A task
  // later, after the paint's, was measured 0.2x Isso's time later to the
  // first comment: the frame came first.)
  return near(host, a).then(openedAtComments() ? null : afterPaint).then(() => {
    const container = painting(host);
    const later = onIntent && container && !eager(a) && container.querySelector(".cw-thread-host");
    const ready = later || Promise.all([loadApp(), language(a)]);
    if (container) prefetch(a);
    return later ? intent(host, paintThread(host, a, container)).then(() => Promise.all([loadApp(), language(a)])) : ready;
  }).then((got) => got[0]);
}

/** The live form takes over the painted one in `host`, now. */
function takeOver(m, host, a) {
  const record = widget(host);
  const container = painting(host);
  const thread = container && container.querySelector("[" + PAINTED_THREAD + "]");
  const focused = thread && thread.contains(host.shadowRoot.activeElement) && host.shadowRoot.activeElement;
  live(m).mount(host, a);
  record.presses.forEach((sel) => {
    const el = host.shadowRoot.querySelector(".cw-reply " + sel);
    if (el) el.click();
  });
  record.presses = [];
  // A reply link pressed before: pressed again, for the live form.
  if (record.act && record.act.click) record.act.click();
  record.act = null;
  // The painted thread (moved by the mount into the live thread's place;
  // the plugin's printed one, if the painter's has not replaced it yet)
  // stays until the live one has its first page; without the painter, the
  // live one shows at once.
  if (thread) painterOf().then((p) => p.takeOver(host.shadowRoot, thread, focused), () => {
    thread.nextElementSibling.hidden = false;
    thread.remove();
  });
}

/** Paints and mounts every [data-comment-widget] not mounted yet, each
 * when it is wanted (and tries again those whose code could not load). */
export function mountAll() {
  for (const host of document.querySelectorAll("[data-comment-widget][" + UNLOADED + "]")) {
    host.removeAttribute(UNLOADED);
    if (!painting(host)) {
      host.removeAttribute(MOUNTED);
      (host.shadowRoot || host).textContent = "";
    }
  }
  paintAll();
  const hosts = document.querySelectorAll("[data-comment-widget]:not([" + MOUNTED + "])");
  return Promise.all([...hosts].map((host) => {
    const a = attrsFor(host);
    // (The mount in a task of its own, after the wasm's instantiation, at
    // a pause in the reader's typing.)
    return whenWanted(host, a, true).then((m) => new Promise((done) => {
      afterTyping(host, () => afterComposition(() => {
        // This form alone: the others mount when they are wanted.
        try {
          takeOver(m, host, a);
        } catch (err) {
          // A trap stops every form; a refusal the wasm has told the
          // reader and the console about already.
          stop(err);
        }
        done();
      }));
    }), fallback);
  }));
}

/** Paints the form in `element` with attributes `attrs` (the JS API's or
 * the element's) and mounts it when it is wanted; resolves with the glue. */
export function mountWith(element, attrs) {
  widget(element).attrs = attrs;
  if (attrs["data-theme"]) element.setAttribute("data-theme", attrs["data-theme"]);
  paintForm(element, attrs);
  return whenWanted(element, attrs).then((m) => {
    live(m).mount(element, attrs);
    return m;
  });
}
