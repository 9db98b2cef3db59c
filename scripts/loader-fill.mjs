// The loader as a reader downloads it: the source (loader/comment-widget.js)
// with what it needs to paint and to check what it fetches written in (the
// Subresource Integrity of the other files, the stylesheet, the painted
// form's words), then minified by terser. Used by scripts/post-build.mjs, and
// by scripts/bench-loaders.mjs to build variants of the loader the same way.
import { minify } from "terser";

// Function expressions that use no `this` become arrows (-28 gzip on the
// loader): every browser that runs the loader parses arrows, as it parses
// its import().
export const squeeze = async (source, module) =>
  (await minify(source, { module, ecma: 2020, compress: { passes: 2, unsafe_arrows: true }, mangle: true, format: { comments: false } })).code;

/** `fill` is { hashes, css, words, markup }, as post-build.mjs computes them. */
export async function buildLoader(source, fill) {
  let loader = source;
  for (const [mark, value, optional] of [
    [/\/\*cw:integrity\*\/ \{\}/, fill.hashes],
    [/\/\*cw:css\*\/ ""/, fill.css],
    [/\/\*cw:words\*\/ \{\}/, fill.words],
    [/\/\*cw:markup\*\/ \{\}/, fill.markup, "optional"],
  ]) {
    // (A loader from before the components' markup painted its own form:
    // scripts/bench-loaders.mjs may compare one.)
    if (!mark.test(loader)) {
      if (optional) continue;
      throw new Error(`the loader has no ${mark.source} to fill`);
    }
    loader = loader.replace(mark, () => JSON.stringify(value));
  }
  // `this` at the top is how the loader tells a classic script from a module: keep it.
  return squeeze(loader, false);
}
