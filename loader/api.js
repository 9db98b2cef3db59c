// The JS API (window.CommentWidget) for single-page apps, and the
// <comment-widget> element for frameworks' templates. Every call returns a
// Promise; options and the element's attributes are the data-* attributes
// (camelCase, or without "data-"), as the core reads them.
import { ATTRIBUTES, PAINTED } from "./generated/facts.js";
import { reason } from "./dom.js";
import { live, loadApp } from "./load.js";
import { mountWith } from "./live.js";
import { widget } from "./state.js";

/** { postId: 1, fields: {…} } → { "data-post-id": "1", "data-fields": "{…}" }:
 * the attributes' names and string values, which the wasm reads. */
export function attributes(options) {
  const out = {};
  Object.keys(options || {}).forEach((key) => {
    const value = options[key];
    if (value === undefined || value === null) return;
    const name = "data-" + key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
    out[name] = typeof value === "string" ? value : JSON.stringify(value);
  });
  return out;
}

function replyArgs(id, name) {
  return [id == null ? undefined : Number(id), name == null ? undefined : String(name)];
}

/** CommentWidget.mount(element, options) → { element, unmount(), replyTo(id, name) }. */
export function mount(element, options) {
  return mountWith(element, attributes(options)).then((m) => ({
    element: element,
    unmount: () => live(m).unmount(element),
    replyTo: (id, name) => live(m).reply_to(element, ...replyArgs(id, name)),
  }));
}

/** "Reply to <name>" in the form in `element`; no id ends the reply. */
export function replyTo(element, id, name) {
  return loadApp().then((m) => {
    live(m).reply_to(element, ...replyArgs(id, name));
  });
}

export function unmount(element) {
  return loadApp().then((m) => {
    live(m).unmount(element);
    element.removeAttribute(PAINTED);
  });
}

// <comment-widget backend="…" endpoint="…">: the element's attributes are
// the data-* ones without "data-" (data-* ones work too). Connecting,
// removing and changing attributes are settled one after another per
// element, in a microtask: a move (removed, then added) keeps the form.
function elementAttributes(el) {
  const out = {};
  for (const at of el.attributes) {
    if (at.name.indexOf("data-") === 0 && at.name.indexOf("data-cw-") !== 0) out[at.name] = at.value;
  }
  ATTRIBUTES.forEach((name) => {
    if (el.hasAttribute(name)) out["data-" + name] = el.getAttribute(name);
  });
  return out;
}

function settle(el) {
  const record = widget(el);
  record.turn = (record.turn || Promise.resolve()).then(() => {
    const want = el.isConnected ? JSON.stringify(elementAttributes(el)) : null;
    if (want === record.mounted) return;
    const before = record.mounted ? unmount(el) : Promise.resolve();
    record.mounted = want;
    return before.then(() => {
      if (want !== null) return mountWith(el, JSON.parse(want));
    }).catch((err) => {
      console.error(reason(err));
    });
  });
}

/** Defines <comment-widget>, unless the page has one already. */
export function defineElement() {
  if (!window.customElements || customElements.get("comment-widget")) return;
  customElements.define("comment-widget", class extends HTMLElement {
    static get observedAttributes() {
      return ATTRIBUTES;
    }
    connectedCallback() {
      settle(this);
    }
    disconnectedCallback() {
      settle(this);
    }
    attributeChangedCallback() {
      if (this.isConnected) settle(this);
    }
  });
}
