// The build's import renaming (scripts/short-imports.mjs) on a hand-made wasm:
// names shortened in both files, other modules left alone, and a glue of an
// unexpected shape refused rather than half renamed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { shortExports, shortImports, shortName } from "../../scripts/short-imports.mjs";

const MODULE = "./comment-widget-app_bg.js";
const bytes = (s) => [...new TextEncoder().encode(s)];
const leb = (n) => (n < 128 ? [n] : [(n % 128) | 0x80, ...leb(Math.floor(n / 128))]);
const name = (s) => [...leb(bytes(s).length), ...bytes(s)];
// A module with a type section (one () -> () type) and an import section.
function wasmWith(imports) {
  const type = [0x01, 0x60, 0x00, 0x00];
  const body = [imports.length, ...imports.flatMap(([m, f]) => [...name(m), ...name(f), 0x00, 0x00])];
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, type.length, ...type, 0x02, ...leb(body.length), ...body]);
}

test("imports get short names in the wasm and the glue; other modules keep theirs", async () => {
  const wasm = wasmWith([[MODULE, "__wbg_length_9aab85334c5daf3f"], ["env", "keep_me"], [MODULE, "__wbg_new_677538e4e3c37122"]]);
  const glue = `const import0 = { __proto__: null, __wbg_length_9aab85334c5daf3f: function(a) { return a.length; },
    __wbg_new_677538e4e3c37122: function() { return {}; } }; return { ${JSON.stringify(MODULE)}: import0 };`;
  const out = shortImports(wasm, glue);
  const module = await WebAssembly.compile(out.wasm);
  assert.deepEqual(WebAssembly.Module.imports(module).map((i) => [i.module, i.name]), [["a", "a"], ["env", "keep_me"], ["a", "b"]]);
  assert.match(out.glue, /\{ __proto__: null, a: function\(a\)/);
  assert.match(out.glue, /b: function\(\)/);
  assert.match(out.glue, /return \{ "a": import0 \}/);
  assert.doesNotMatch(out.glue, /__wbg_/);
});

test("a glue that names an import twice, or not at all, stops the build", () => {
  const wasm = wasmWith([[MODULE, "__wbg_length_9aab85334c5daf3f"]]);
  const key = JSON.stringify(MODULE);
  assert.throws(() => shortImports(wasm, `({ __wbg_length_9aab85334c5daf3f: 1, ${key}: 0 }); __wbg_length_9aab85334c5daf3f`), /2 times/);
  assert.throws(() => shortImports(wasm, `({ ${key}: 0 })`), /0 times/);
  assert.throws(() => shortImports(wasm, `({ __wbg_length_9aab85334c5daf3f: 1 })`), /other than once/);
});

test("short names run a … Z, then two letters, never repeating", () => {
  assert.deepEqual([0, 1, 25, 26, 51, 52, 53].map(shortName), ["a", "b", "z", "A", "Z", "aa", "ab"]);
  const names = new Set(Array.from({ length: 3000 }, (_, i) => shortName(i)));
  assert.equal(names.size, 3000);
});

test("exports the glue calls get short names there and in the wasm; the API and the rest keep theirs", async () => {
  const section = (id, body) => [id, ...leb(body.length), ...body];
  const names = ["mount", "wasm_bindgen_convert_closures_invoke_long", "wasm_bindgen_convert_closures_invoke_long_2", "never_called"];
  const wasm = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(0x01, [0x01, 0x60, 0x00, 0x00]),
    ...section(0x03, [names.length, ...names.map(() => 0x00)]),
    ...section(0x07, [names.length, ...names.flatMap((n, i) => [...name(n), 0x00, i])]),
    ...section(0x0a, [names.length, ...names.flatMap(() => [0x02, 0x00, 0x0b])])]);
  const glue = "wasm.mount(); wasm.wasm_bindgen_convert_closures_invoke_long(); wasm.wasm_bindgen_convert_closures_invoke_long_2(); mount();";
  const out = shortExports(wasm, glue, ["mount"]);
  const module = await WebAssembly.compile(out.wasm);
  assert.deepEqual(WebAssembly.Module.exports(module).map((e) => e.name), ["mount", "_a", "_b", "never_called"]);
  assert.equal(out.glue, "wasm.mount(); wasm._a(); wasm._b(); mount();");
});
