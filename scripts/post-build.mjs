// Trunk's post_build hook (Trunk.toml), on the files a reader downloads:
// 1. minifies wasm-bindgen's JS glue (an ES module) and the loader (a classic
//    script), which Trunk copies as written (wasm-bindgen leaves minifying to
//    a bundler, and we have none) — with terser, from npm;
// 2. writes the Subresource Integrity (sha384) of the glue, the wasm and the
//    stylesheet into the loader, so it fetches them with `integrity`, then
//    hashes the loader itself (what a site pins in its <script integrity>),
//    prints all four and writes integrity.json.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) throw new Error("post-build.mjs: no TRUNK_STAGING_DIR (run it from Trunk, or give the dist folder)");
const path = (file) => join(dir, file);
const sri = (file) => "sha384-" + createHash("sha384").update(readFileSync(path(file))).digest("base64");
const squeeze = async (source, module) =>
  (await minify(source, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;

const glue = "comment-widget-app.js";
writeFileSync(path(glue), await squeeze(readFileSync(path(glue), "utf8"), true));

const files = { glue, wasm: "comment-widget-app_bg.wasm", css: "comment-widget.css" };
const hashes = Object.fromEntries(Object.entries(files).map(([key, file]) => [key, sri(file)]));
const loader = readFileSync(path("comment-widget.js"), "utf8");
const mark = /\/\*cw:integrity\*\/ \{[^}]*\}/;
if (!mark.test(loader)) throw new Error("post-build.mjs: the loader has no /*cw:integrity*/ {} to fill");
// `this` at the top is how the loader tells a classic script from a module: keep it.
writeFileSync(path("comment-widget.js"), await squeeze(loader.replace(mark, JSON.stringify(hashes)), false));

const all = { "comment-widget.js": sri("comment-widget.js") };
for (const [key, file] of Object.entries(files)) all[file] = hashes[key];
writeFileSync(path("integrity.json"), JSON.stringify(all, null, 2) + "\n");
for (const [file, hash] of Object.entries(all)) console.log(`integrity ${file} ${hash}`);
