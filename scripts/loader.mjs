// The loader and the thread painter as a reader downloads them: their ES
// modules (loader/) joined by esbuild into one file each, with what the
// build writes in (loader/build.js: the Subresource Integrity of the other
// files, the stylesheet, the painted form's words and markup; and
// loader/painter/data.js: the painter's markup, allowlist and words), then
// minified by terser. The facts the core owns come in through
// loader/generated/facts.js (scripts/facts.mjs, written first).
//   comment-widget.js         a classic script (an IIFE): it finds its own
//                             folder through document.currentScript
//   comment-widget-thread.js  an ES module the loader imports
//   comment-widget-counts.js  an ES module the loader imports on index pages
// Used by scripts/post-build.mjs, and by scripts/bench-loaders.mjs to build
// other versions of the loader the same way.
//
// Why esbuild, then terser: measured on this loader (gzip -9 of the
// output), esbuild's bundle minified by terser is smaller than rollup's by
// 0-1% and than esbuild's own minifier by 3%, and esbuild is one package
// with no plugins to join ES modules (`node scripts/loader.mjs --compare`).
import { build } from "esbuild";
import { minify } from "terser";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;

// Function expressions that use no `this` become arrows (-28 gzip on the
// loader): every browser that runs the loader parses arrows, as it parses
// its import().
// CW_PLAIN=1 leaves the code unminified (names and lines for a profiler:
// scripts/profile.mjs); a release never sets it.
export const squeeze = async (source, module) => process.env.CW_PLAIN ? source :
  (await minify(source, { module, ecma: 2020, compress: { passes: 2, unsafe_arrows: true }, mangle: true, format: { comments: false } })).code;

/** The module `file` (under `dir`) with `exports` as its exported consts. */
function filled(dir, file, exports) {
  return {
    name: "cw-filled",
    setup(b) {
      const at = join(dir, file);
      b.onLoad({ filter: /\.js$/ }, (args) => (args.path === at ? { contents: Object.entries(exports).map(([k, v]) => `export const ${k} = ${JSON.stringify(v)};`).join("\n"), loader: "js" } : undefined));
    },
  };
}

// The facts' strings written in where they are used, so that terser folds
// them into the strings around them (".cw-root[" + PAINTED + "]" becomes
// one string): esbuild does not inline constants across modules.
function inlineFacts(code) {
  const facts = [...code.matchAll(/^ *var ([A-Z][A-Z_]*) = ("[^"\\]*");$/gm)];
  for (const [line, name, value] of facts) {
    code = code.replace(line + "\n", "").replace(new RegExp(`\\b${name}\\b`, "g"), value);
  }
  return code;
}

async function bundle(dir, entry, format, plugin) {
  const out = await build({ entryPoints: [join(dir, entry)], bundle: true, format, target: "es2020", write: false, plugins: [plugin], logLevel: "error", legalComments: "none" });
  return inlineFacts(out.outputFiles[0].text);
}

/** The loader from the modules in `dir` (default loader/), with `fill` =
 * { hashes, css, words, markup } as post-build.mjs computes them. */
export async function buildLoader(fill, dir = join(ROOT, "loader")) {
  const exports = { INTEGRITY: fill.hashes, CSS: fill.css, WORDS: fill.words, MARKUP: fill.markup };
  return squeeze(await bundle(dir, "comment-widget.js", "iife", filled(dir, "build.js", exports)), false);
}

/** The comment counts of index pages (an ES module). */
export async function buildCounts(dir = join(ROOT, "loader")) {
  return squeeze(await bundle(dir, "comment-widget-counts.js", "esm", filled(dir, "build.js", {})), true);
}

/** The thread painter, with its `data` (markup, allowlist, words). */
export async function buildPainter(data, dir = join(ROOT, "loader")) {
  return squeeze(await bundle(dir, "comment-widget-thread.js", "esm", filled(dir, "painter/data.js", { DATA: data })), true);
}
