// The facts the Rust core owns, written out for the JavaScript, TypeScript
// and PHP sides, so none of them holds a copy (`cargo run --bin cw-grid
// facts`: src/config/attributes.rs ATTRIBUTES and bounds, src/handover.rs, the storage
// keys of src/memory.rs):
//   loader/generated/facts.js   the loader's and the painter's (an ES module)
//   types/generated.d.ts        the attributes and options of the JS API's types
// The WordPress plugin reads them from comment-widget-printed.json
// (scripts/post-build.mjs puts them there). Both files are build output,
// not kept in git. Run by scripts/post-build.mjs before the loader is
// bundled, by the cross-language tests (tests/tools/) and by the types'
// check; `node scripts/facts.mjs` writes them by hand.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;

/** The core's facts, from a host build of cw-grid (on stable, whatever the caller's toolchain). */
export function readFacts() {
  const env = { ...process.env };
  for (const name of ["RUSTUP_TOOLCHAIN", "CARGO_TARGET_DIR", "RUSTFLAGS", "CARGO_BUILD_TARGET", "CARGO_UNSTABLE_BUILD_STD", "CARGO_UNSTABLE_BUILD_STD_FEATURES"]) delete env[name];
  return JSON.parse(execFileSync("cargo", ["run", "--quiet", "--bin", "cw-grid", "facts"], { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
}

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const quote = (v) => JSON.stringify(v);

/** What each backend offers the thread, leaving out those that offer what
 * the generic one does (the loader's offersOf falls back to it). */
function offers(all) {
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  return Object.fromEntries(Object.entries(all).filter(([name, o]) => name === "json" || !same(o, all.json)));
}

function loaderModule(f) {
  const number = (name) => f.attributes.find((a) => a.name === name);
  const bounds = (a) => ({ min: a.min, max: a.max, default: a.default });
  const h = f.handover;
  return `// Written by scripts/facts.mjs from the Rust core (cw-grid facts): do not edit.
// src/config/attributes.rs ATTRIBUTES: every attribute's name (the <comment-widget> element's, without data-).
export const ATTRIBUTES = ${quote(f.attributes.map((a) => a.name))};
// Whole-number attributes: bounds and default (an absent or wrong value is the default).
export const TIMEOUT = ${quote(bounds(number("timeout")))};
export const PER_PAGE = ${quote(bounds(number("per-page")))};
export const THREAD_DEPTH = ${quote(bounds(number("thread-depth")))};
export const LIVE_INTERVAL = ${quote(bounds(number("live-interval")))};
// src/bin/grid.rs facts: what each data-backend offers the painted thread
// (its comments' anchors, its orders, its vote buttons: 2 both, 1 likes only,
// and whether readers edit and delete their own); a backend that offers what
// the generic one does is left out.
export const BACKENDS = ${quote(offers(f.backends))};
// src/backend/newer.rs: the checks for new comments (seconds; each quiet
// check's wait is quietHalves/2 of the last, a failed one's failedTimes).
export const CHECKS = ${quote(f.live)};
// src/handover.rs: what the loader and the wasm tell each other through the page.
export const EXPORTS = ${quote(h.exports)};
export const MOUNTED = ${quote(h.mounted)};
export const LIVE = ${quote(h.live)};
export const DRAFT_KEY = ${quote(h.draftKey)};
export const PAINTED = ${quote(h.painted)};
export const PAINTED_THREAD = ${quote(h.paintedThread)};
export const SUBMIT = ${quote(h.submit)};
export const NEW = ${quote(h.new)};
export const PRINTED = ${quote(h.printed)};
export const UNLOADED = ${quote(h.unloaded)};
// src/memory.rs: the keys of what is kept in the browser (each a fixed start).
export const READER_KEY = ${quote(f.storage.reader)};
export const SORT_KEY = ${quote(f.storage.sort)};
export const DRAFT_PREFIX = ${quote(f.storage.draft)};
export const OWN_PREFIX = ${quote(f.storage.own)};
export const EDIT_PREFIX = ${quote(f.storage.edit)};
export const ACTS_PREFIX = ${quote(f.storage.acts)};
// WordPress's query parameters that pick an article (memory::ROUTING), in key order.
export const ROUTING = ${quote(f.routing)};
`;
}

// The TypeScript type of an attribute's value, as the JS API takes it (JSON
// ones typed by hand in types/index.d.ts) and as the element's attribute.
function tsOption(a) {
  switch (a.kind) {
    case "yes-no": return 'boolean | "true" | "false"';
    case "id": case "number": return "number | string";
    case "choice": return a.choices.map(quote).join(" | ");
    case "json": return "object";
    default: return "string";
  }
}
function tsAttribute(a) {
  switch (a.kind) {
    case "yes-no": return '"true" | "false"';
    case "id": case "number": return "string | number";
    case "choice": return a.choices.map(quote).join(" | ");
    default: return "string";
  }
}
function doc(a) {
  const more = a.kind === "number" ? ` ${a.min} to ${a.max}${a.default !== null ? ` (default ${a.default})` : ""}.` : a.kind === "yes-no" ? ` Default ${a.default}.` : a.kind === "choice" && a.default ? ` Default \`${a.default}\`.` : "";
  return `  /** ${a.doc}${more} */`;
}
function typesModule(f) {
  const key = (name) => (/^[a-z]+$/i.test(name) ? name : quote(name));
  return `// Written by scripts/facts.mjs from the Rust core (src/config/attributes.rs ATTRIBUTES): do not edit.

/** \`CommentWidget.mount\` options as the core reads them: the \`data-*\` attributes without \`data-\`, in camelCase. */
export interface GeneratedOptions {
${f.attributes.map((a) => `${doc(a)}\n  ${camel(a.name)}${a.required ? "" : "?"}: ${tsOption(a)};`).join("\n")}
}

/** The \`<comment-widget>\` element's attributes (the \`data-*\` ones without \`data-\`). */
export interface GeneratedAttributes {
${f.attributes.map((a) => `${doc(a)}\n  ${key(a.name)}${a.required ? "" : "?"}: ${tsAttribute(a)};`).join("\n")}
}
`;
}

/** Writes the loader's and the types' files; returns the facts. */
export function writeFacts(facts = readFacts()) {
  mkdirSync(join(ROOT, "loader/generated"), { recursive: true });
  writeFileSync(join(ROOT, "loader/generated/facts.js"), loaderModule(facts));
  writeFileSync(join(ROOT, "types/generated.d.ts"), typesModule(facts));
  return facts;
}

if (process.argv[1] === new URL(import.meta.url).pathname) writeFacts();
