// Load on approach, and readers first: when a painted form is wanted (its
// thread's first page and the painter are asked for), and when its reader
// shows intent to act in it (the wasm is fetched). A reader who never comes
// near costs the loader alone; one who only reads fetches no wasm.
import { widget } from "./state.js";

/** What shows intent to act in a widget: focus, a key, a pointer down or over it, typing. */
export const INTENT = ["focusin", "keydown", "pointerdown", "pointerover", "input"];

/** The page was opened at the comments: at a comment, the form, the
 * thread, or WordPress's reply link without JavaScript. */
export function openedAtComments() {
  return location.hash === "#comments" || openedToAct();
}

/** …at the form, at one comment (the live thread finds its page; `#N` is
 * how Waline's e-mails link to one), or at WordPress's reply link: the
 * code loads at once. */
export function openedToAct() {
  return /^#(respond|comment-\d+|isso-\d+|\d+)$/.test(location.hash) || /[?&]replytocom=\d/.test(location.search);
}

/** This form loads at once rather than on approach (without WebAssembly
 * it cannot load at all: the painted form says so at once, and a
 * wordpress-form one posts without the wasm). */
export function eager(a) {
  return String(a["data-loading"] || "").trim().toLowerCase() === "eager" || typeof IntersectionObserver !== "function" || typeof WebAssembly !== "object" || openedToAct();
}

/** Once the browser has drawn the painted forms (the reader sees them and
 * can type), what can wait a frame is done: the threads' first pages are
 * asked for, the glue is imported, a language's table is asked for (about
 * 5 ms of script that came before the first frame). A hidden tab draws no
 * frames: 50 ms then. (Waiting for an idle moment instead measured no
 * better and took over later on a fast network.) */
export function afterPaint() {
  return new Promise((go) => {
    const late = setTimeout(go, 50);
    if (window.requestAnimationFrame) {
      requestAnimationFrame(() => {
        clearTimeout(late);
        setTimeout(go, 0);
      });
    }
  });
}

/** Settles when the reader shows intent to act in the form in `host`, or
 * at once when `thread` (the painting of its thread) settles with nothing
 * painted, or when intent was shown already. */
export function intent(host, thread) {
  return widget(host).act ? thread : new Promise((go) => {
    const act = (ev) => {
      // Pressing "N new comments", and the focus it moves to a comment, is reading.
      const at = ev && ev.composedPath ? ev.composedPath()[0] : null;
      if (at && at.closest && (at.closest("[data-cw-fresh]") || (ev.type === "focusin" && at.localName === "article"))) return;
      INTENT.forEach((t) => host.removeEventListener(t, act));
      go();
    };
    INTENT.forEach((t) => host.addEventListener(t, act));
    thread.then((painted) => {
      if (!painted) act();
    });
  });
}

/** Settles when the form in `host` is wanted: within about one screen of
 * the viewport, focused or typed in (both reach the host from its shadow
 * root), or the address moves to the comments; at once when it loads
 * eagerly. (An element not in the document never comes near: it loads at
 * once, so that a JS API mount into it settles, with its errors.) */
export function near(host, a) {
  if (eager(a) || widget(host).act || openedAtComments() || !host.isConnected) return Promise.resolve();
  return new Promise((go) => {
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) wanted();
    }, { rootMargin: "100% 0px" });
    const atComments = () => {
      if (openedAtComments()) wanted();
    };
    const wanted = () => {
      io.disconnect();
      host.removeEventListener("focusin", wanted);
      host.removeEventListener("input", wanted);
      removeEventListener("hashchange", atComments);
      go();
    };
    io.observe(host);
    host.addEventListener("focusin", wanted);
    host.addEventListener("input", wanted);
    addEventListener("hashchange", atComments);
  });
}
