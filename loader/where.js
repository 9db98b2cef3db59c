// Where this loader was loaded from: the wasm, the glue, the painter and the
// language tables are fetched next to it, so it can live on any origin.
// Read while the bundle first runs, when document.currentScript is its tag.
export const LOADER = "comment-widget.js";

// currentScript may be clobbered by an element named "currentScript" in a
// page that lets readers write HTML: trust only a real <script> whose
// address ends with this file's name. It is null in a module script, where
// nothing here could find its own folder.
const script = document.currentScript;
const src = script instanceof HTMLScriptElement ? script.src.split(/[?#]/)[0] : "";

/** Why the loader cannot run on this page, for the console, or "". */
export const problem = script === null
  ? `${LOADER} must be loaded as a classic script, not type="module"`
  : src.slice(-LOADER.length) !== LOADER
    ? `cannot tell where ${LOADER} was loaded from: load it with <script src>`
    : "";

/** The folder the loader was loaded from (with its trailing slash). */
export const base = problem ? "" : new URL(".", src).href;
