// Trunk's post_build hook (Trunk.toml), on the files a reader downloads:
// 0. runs wasm-opt once more (flatten, re-loop, -Oz twice) and gives the
//    wasm's imports and exports short names, in the wasm and in the glue
//    (scripts/short-imports.mjs: about 6 KB gzip of hashes in names);
// 1. minifies wasm-bindgen's JS glue (an ES module), which Trunk copies as
//    written (wasm-bindgen leaves minifying to a bundler) — with terser,
//    from npm — and the stylesheet, with csso; bundles the loader's ES
//    modules (loader/) into the classic comment-widget.js and the thread
//    painter's into comment-widget-thread.js (scripts/loader.mjs: esbuild,
//    then terser), with the facts the Rust core owns (scripts/facts.mjs);
// 2. writes into the loader what it needs to paint the form before the wasm
//    arrives: the form's markup as the Leptos components render it on the
//    host (src/bin/markup.rs, with slots for words, ids and limits), the
//    stylesheet's text and the words the markup's slots and the loader's
//    own messages use, in each language, read from src/i18n/*.rs (so the
//    loader holds no copy of the markup or the words that could drift);
// 3. writes the Subresource Integrity (sha384) of the glue, the wasm and the
//    stylesheet into the loader, so it fetches them with `integrity`, then
//    hashes the loader itself (what a site pins in its <script integrity>),
//    prints all four and writes integrity.json;
// 4. leaves a precompressed copy of each beside it, `.gz` (zopfli) and `.br`
//    (brotli quality 11), for servers that send those as they are.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, gunzipSync, brotliCompressSync, constants } from "node:zlib";
import { buildCounts, buildLoader, buildPainter, squeeze } from "./loader.mjs";
import { readFacts, writeFacts } from "./facts.mjs";
import { minify as minifyCss } from "csso";
import { shortExports, shortImports } from "./short-imports.mjs";
import { execFileSync } from "node:child_process";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) throw new Error("post-build.mjs: no TRUNK_STAGING_DIR (run it from Trunk, or give the dist folder)");
const path = (file) => join(dir, file);
const sri = (file) => "sha384-" + createHash("sha384").update(readFileSync(path(file))).digest("base64");

const source = process.env.TRUNK_SOURCE_DIR || new URL("..", import.meta.url).pathname;
// The form's markup, rendered from the components by a host build (Leptos
// `ssr`), on stable and for the host whatever toolchain and flags Trunk's
// wasm build runs with.
const hostEnv = { ...process.env };
for (const name of ["RUSTUP_TOOLCHAIN", "CARGO_TARGET_DIR", "RUSTFLAGS", "CARGO_BUILD_TARGET", "CARGO_UNSTABLE_BUILD_STD", "CARGO_UNSTABLE_BUILD_STD_FEATURES"]) delete hostEnv[name];
const markup = JSON.parse(execFileSync("cargo", ["run", "--quiet", "--features", "ssr", "--bin", "cw-markup"], { cwd: source, env: hostEnv, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
// (The thread painter's markup has slots of its own: it fills them itself.)
const slots = new Set([...JSON.stringify({ ...markup, painter: null }).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]));
// The words the painted form shows, per language, from the Rust string
// tables: those in the markup's slots, the heading while replying, and the
// loader's own (sending, could not load, stopped).
const PAINTED = [...new Set(["lang", "dir", "heading", "reply_to", "logged_in_as", "sending", "not_loaded", "stopped", "count_none", "count_one", "count_two", "count_few", "count_many", "count_other", ...slots])].filter((k) => !["p", "max0", "max1", "max2", "account", "profile", "logout", "login"].includes(k));
const words = {};
const tables = {};
for (const lang of ["en", "de", "fr", "es", "ar", "zh"]) {
  const table = {};
  const whole = {};
  for (const [, key, value] of readFileSync(join(source, "src/i18n", `${lang}.rs`), "utf8").matchAll(/^\s+(\w+):\s*"((?:[^"\\]|\\.)*)",$/gm)) {
    whole[key] = JSON.parse(`"${value}"`);
    if (PAINTED.includes(key)) table[key] = whole[key];
  }
  const untranslated = tables.en ? Object.keys(tables.en).filter((k) => !(k in whole)) : [];
  if (untranslated.length) throw new Error(`post-build.mjs: src/i18n/${lang}.rs lacks ${untranslated.join(", ")}`);
  tables[lang] = whole;
  const missing = PAINTED.filter((k) => !(k in table));
  if (missing.length) throw new Error(`post-build.mjs: src/i18n/${lang}.rs lacks ${missing.join(", ")}`);
  words[lang] = table;
}
// The stylesheet without comments and spaces (csso, without restructuring:
// rules stay where they are written), in the loader and in its own file.
const css = minifyCss(readFileSync(path("comment-widget.css"), "utf8"), { restructure: false }).css;
writeFileSync(path("comment-widget.css"), css);

const glue = "comment-widget-app.js";
// wasm-opt once more, with the features Trunk's pass allowed (index.html).
// Measured on this wasm (gzip -9): flattening and re-looping before -Oz
// (twice) gives 0.7 KB less than -Oz alone; the producers and target
// features sections are for tools, not browsers.
const PASSES = ["--flatten", "--rereloop", "-Oz", "-Oz", "--strip-producers", "--strip-target-features"];
const features = readFileSync(join(source, "index.html"), "utf8").match(/data-wasm-opt-params="([^"]*)"/)?.[1].split(/\s+/) ?? [];
execFileSync(join(source, "node_modules/.bin/wasm-opt"), [...features.filter((f) => f !== "--converge"), ...PASSES, path("comment-widget-app_bg.wasm"), "-o", path("comment-widget-app_bg.wasm")], { stdio: "inherit" });
// The facts the core owns, for the loader's modules, the types and the plugin.
const facts = writeFacts(readFacts());
// The exports the loader calls keep their names (src/handover.rs EXPORTS).
const api = facts.handover.exports;
const short = shortExports(...Object.values(shortImports(readFileSync(path("comment-widget-app_bg.wasm")), readFileSync(path(glue), "utf8"))), api);
writeFileSync(path("comment-widget-app_bg.wasm"), short.wasm);
writeFileSync(path(glue), await squeeze(short.glue, true));

// 5. writes each language but English (which the wasm carries) as a file of
//    its own, comment-widget-<lang>.json: the loader fetches it only for a
//    page in that language.
const languageFiles = Object.keys(tables).filter((l) => l !== "en").map((l) => {
  writeFileSync(path(`comment-widget-${l}.json`), JSON.stringify(tables[l]));
  return `comment-widget-${l}.json`;
});

// 6. the thread painter (loader/comment-widget-thread.js), an ES module the
//    loader imports beside the thread's first page: the live thread's
//    markup for a page of comments (src/bin/markup.rs "painter"), the
//    allowlist as data, and the thread's words in each language.
const THREAD_WORDS = ["lang", "dir", "count_none", "count_zero", "count_one", "count_two", "count_few", "count_many", "count_other", "new_zero", "new_one", "new_two", "new_few", "new_many", "new_other", "sort_label", "sort_oldest", "sort_newest", "sort_top", "show_more", "show_earlier", "anonymous", "reply", "reply_to", "like_label", "dislike_label", "edit", "delete", "delete_confirm", "keep", "awaiting_moderation", "deleted"];
const threadWords = Object.fromEntries(Object.entries(tables).map(([lang, t]) => [lang, Object.fromEntries(THREAD_WORDS.map((k) => {
  if (!(k in t)) throw new Error(`post-build.mjs: src/i18n/${lang}.rs lacks ${k}`);
  return [k, t[k]];
}))]));
const { painter } = markup;
const empty = (html) => html.replaceAll("> </", "></");
const painterData = { id: painter.id, thread: empty(painter.thread), held: empty(painter.held), tags: painter.tags, words: threadWords };
const threadFile = "comment-widget-thread.js";
// The painter is handed the painted form's words by the loader (WORDS,
// with the site's data-strings): it carries only the thread's own.
const formWords = new Set(Object.keys(words.en));
const painterWords = Object.fromEntries(Object.entries(threadWords).map(([lang, t]) => [lang, Object.fromEntries(Object.entries(t).filter(([k]) => !formWords.has(k)))]));
// A plural form that says what "other" says is left out of the loader's and
// the painter's tables: they fall back to "other" (words.js countWords).
function samePluralsOut(tables) {
  return Object.fromEntries(Object.entries(tables).map(([lang, t]) => [lang, Object.fromEntries(Object.entries(t).filter(([k, v]) => {
    const plural = /^(count|new)_(zero|one|two|few|many)$/.exec(k);
    return !plural || t[plural[1] + "_other"] !== v;
  }))]));
}
writeFileSync(path(threadFile), await buildPainter({ ...painterData, words: samePluralsOut(painterWords) }));

// 7. the comment counts of index pages (loader/counts.js), an ES module the
//    loader imports only on a page with [data-comment-count] elements.
const countsFile = "comment-widget-counts.js";
writeFileSync(path(countsFile), await buildCounts());

const files = { glue, wasm: "comment-widget-app_bg.wasm", css: "comment-widget.css", thread: threadFile, counts: countsFile };
for (const file of languageFiles) files[file] = file;
const hashes = Object.fromEntries(Object.entries(files).map(([key, file]) => [key, sri(file)]));
// The forms the WordPress plugin prints into its pages (src/bin/markup.rs),
// with the words, the thread while it loads and WordPress's limits: a file
// of its own that scripts/package.mjs puts in the plugin, not in the loader.
const { printed, painter: _painter, ...painting } = markup;
// (With the attribute table the plugin writes its attributes by: facts.)
writeFileSync(path("comment-widget-printed.json"), JSON.stringify({ forms: printed, thread: markup.thread, words, limits: markup.limits["wordpress-form"], painter: painterData, facts: { attributes: facts.attributes, proof: facts.proof } }));
const fill = { hashes, css, words: samePluralsOut(words), markup: painting };
writeFileSync(path("comment-widget.js"), await buildLoader(fill));
// What was written in, for scripts/bench-loaders.mjs (which builds variants
// of the loader against this build); not part of what is served.
mkdirSync(join(source, "target"), { recursive: true });
writeFileSync(join(source, "target/loader-fill.json"), JSON.stringify(fill));

const all = { "comment-widget.js": sri("comment-widget.js") };
for (const [key, file] of Object.entries(files)) all[file] = hashes[key];
writeFileSync(path("integrity.json"), JSON.stringify(all, null, 2) + "\n");
for (const [file, hash] of Object.entries(all)) console.log(`integrity ${file} ${hash}`);

// The .gz files come from zopfli (scripts/tools.sh installs it from Debian):
// still gzip, about 5% smaller than gzip -9 (the wasm 85.8 -> 81.4 KB), at
// about 1.5 s of build time. Without it, gzip -9, and a line that says so.
const zopfli = (() => {
  try {
    execFileSync("zopfli", ["-h"], { stdio: "ignore" });
    return true;
  } catch {
    console.log("post-build.mjs: no zopfli on PATH (scripts/tools.sh installs it): the .gz files are gzip -9");
    return false;
  }
})();
for (const file of ["comment-widget.js", glue, files.wasm, files.css, threadFile, countsFile, ...languageFiles]) {
  const bytes = readFileSync(path(file));
  const gz = zopfli ? execFileSync("zopfli", ["-c", path(file)], { maxBuffer: 1 << 26 }) : gzipSync(bytes, { level: 9 });
  if (!gunzipSync(gz).equals(bytes)) throw new Error(`post-build.mjs: ${file}.gz does not unpack to ${file}`);
  writeFileSync(path(`${file}.gz`), gz);
  writeFileSync(path(`${file}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
}
