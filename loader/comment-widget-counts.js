// The comment counts of index pages (counts.js), an ES module the loader
// imports, with its integrity, only on a page that has [data-comment-count]
// elements.
export { counts } from "./counts.js";
