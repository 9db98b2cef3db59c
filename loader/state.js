// What the loader knows of each widget, one record per host element (a
// WeakMap: nothing is set on the page's elements, and a removed element
// takes its record with it). What the loader and the wasm tell each other
// is the other thing: attributes on the host (src/handover.rs).
import { attrsOf } from "./settings.js";

const records = new WeakMap();

/**
 * The record of the widget in `host`:
 * - attrs: the attributes the JS API or the element gave (null: read off the host);
 * - act: intent shown before the loader listened (true), or one of the page's
 *   reply links pressed before the code came, to press again;
 * - styled: its shadow root has the stylesheet;
 * - presses: Preview or Cancel reply pressed on the painted form (selectors);
 * - typed, pressed: when the reader last typed in the painted form, and
 *   whether they pressed a button or chose an order in it (the takeover
 *   waits for a pause in typing, unless something was pressed: live.js);
 * - composing, afterComposition: an input method is composing in the painted
 *   form (the takeover waits for it, then runs afterComposition);
 * - native: makes the painted form post as WordPress's own (wordpress-form,
 *   when the wasm cannot run); nativeOn once it does;
 * - turn, mounted: the <comment-widget> element's settling (api.js).
 */
export function widget(host) {
  let record = records.get(host);
  if (!record) {
    record = { presses: [] }; // (the others start unset)
    records.set(host, record);
  }
  return record;
}

/** The attributes of the widget in `host`: those the JS API or the element gave, else its own. */
export function attrsFor(host) {
  return widget(host).attrs || attrsOf(host);
}
