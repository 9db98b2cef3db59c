// What the build writes in (scripts/post-build.mjs): the live thread's
// markup for a page of comments (src/bin/markup.rs "painter"), the
// allowlist as data (src/backend/allowlist.rs) and the thread's words in
// each language. Empty in an unbuilt copy.
export const DATA = {};
