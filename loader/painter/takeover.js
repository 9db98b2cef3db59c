// The takeover of the painted thread by the live one (src/mount.rs moves it
// into the live thread's place): one swap when the live thread has the
// same answer, the focus kept, then each press made on the painted thread
// carried out once on the same live control.
import { PAINTED_THREAD } from "../generated/facts.js";
import { keepPresses } from "./paint.js";
import { at, pressedOn, presses, sig, taken, where } from "./places.js";

/** The live form has replaced the painted one (src/mount.rs) in `root`:
 * the painted `thread` stays where it is (with the focus, `focused`, if
 * it was on one of its controls) until the live thread shows its first
 * page (the same answer), all drawn; then the two are swapped in one step, with
 * nothing moving and the focus on the same control; then each press made
 * on the painted thread (Reply, Like, Show more, the order…) is carried
 * out, once, on the same live control. */
export function takeOver(root, thread, focused) {
  var live = root.querySelector(".cw-thread-host:not([" + PAINTED_THREAD + "])");
  if (!live) return;
  // A printed thread (the painter's has not replaced it, and now will not)
  // keeps its presses from here on, with those the loader kept.
  taken.add(thread);
  if (!presses.has(thread)) keepPresses(thread, thread, pressedOn.get(thread));
  // (The mount has put it there; a wasm from before readers first has not.)
  if (thread.nextElementSibling !== live) live.before(thread);
  // Back on the control that had it (moving the thread took the focus away),
  // unless the reader has put it elsewhere since.
  if (focused && !root.activeElement && document.activeElement === document.body) focused.focus({ preventScroll: true });
  live.hidden = true;
  var note = live.querySelector(".cw-thread__note");
  var loading = note.textContent;
  var section = live.querySelector(".cw-thread");
  var list = live.querySelector(".cw-thread__list");
  var swap = function () {
    // The live thread shows its comments, all drawn (it draws them in
    // slices, aria-busy meanwhile: src/ui/thread/mod.rs), or says why not.
    if (section.hidden ? note.textContent !== loading : !list.hasAttribute("aria-busy")) {
      watch.disconnect();
      var focused = thread.contains(root.activeElement) && at(live, where(thread, root.activeElement));
      live.hidden = false;
      thread.remove();
      if (focused) focused.focus({ preventScroll: true });
      (presses.get(thread) || []).forEach(function (p) {
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

