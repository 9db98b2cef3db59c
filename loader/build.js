// What the build writes in (scripts/loader.mjs, from scripts/post-build.mjs):
// the Subresource Integrity of the files fetched next to the loader, the
// widget's stylesheet, the painted form's words in each language (from
// src/i18n/*.rs), and the form's markup as the Leptos components render it
// (src/bin/markup.rs: the form with name and email required, the thread
// while it loads, a logged-in reader's note, the members-only sentence,
// each backend's limits), with slots ({{name}}) for words, ids and limits.
// Empty in an unbuilt copy, which then still works, only later: every
// form waits for the wasm.
export const INTEGRITY = {};
export const CSS = "";
export const WORDS = {};
export const MARKUP = {};
