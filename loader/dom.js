// Building and filling elements: the loader's only ways of writing the page.

/** h("p", {class: "x"}, child, "text", …): an element, built node by node. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const name in attrs) if (attrs[name] != null) el.setAttribute(name, attrs[name]);
  for (const child of children) if (child != null) el.append(child);
  return el;
}

/** The component's markup (our own build's HTML, never a reader's or a
 * server's), parsed inert in a <template>, its slots ({{name}}) filled as
 * text: each text node and attribute value is read once, so a word that
 * itself holds "{{…}}" stays as written. */
export function fromTemplate(html, vars) {
  const t = document.createElement("template");
  t.innerHTML = html;
  const fill = (text) => text.replace(/\{\{(\w+)\}\}/g, (m, k) => (k in vars ? vars[k] : ""));
  const walk = document.createTreeWalker(t.content, 5 /* elements and text */);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (n.nodeType === 3) n.data = fill(n.data);
    else for (const at of n.attributes) at.value = fill(at.value);
  }
  return t.content;
}

/** An error's message, for the console. */
export function reason(err) {
  return err && err.message ? err.message : String(err);
}
