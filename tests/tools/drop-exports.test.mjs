// The build's removal of wasm-streams' unused classes (scripts/drop-exports.mjs)
// on a hand-made wasm and glue: their exports and JS go, everything else
// stays, and a glue of another shape stops the build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dropExports } from "../../scripts/drop-exports.mjs";

const bytes = (s) => [...new TextEncoder().encode(s)];
const leb = (n) => (n < 128 ? [n] : [(n % 128) | 0x80, ...leb(Math.floor(n / 128))]);
const section = (id, body) => [id, ...leb(body.length), ...body];
// Three functions of type () -> (), each exported under a name.
function wasmExporting(names) {
  const type = section(0x01, [0x01, 0x60, 0x00, 0x00]);
  const funcs = section(0x03, [names.length, ...names.map(() => 0x00)]);
  const exports = section(0x07, [names.length, ...names.flatMap((n, i) => [...leb(bytes(n).length), ...bytes(n), 0x00, i])]);
  const code = section(0x0a, [names.length, ...names.flatMap(() => [0x02, 0x00, 0x0b])]);
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...funcs, ...exports, ...code]);
}

const GLUE = `export class IntoUnderlyingSink {
    free() {
        wasm.__wbg_intounderlyingsink_free(this.__wbg_ptr, 0);
    }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;

export function mount_all() {
    wasm.mount_all();
}
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));
const kept = 1;`;

test("the classes' exports and JS go; the widget's stay", async () => {
  const wasm = wasmExporting(["mount_all", "intounderlyingsink_write", "__wbg_intounderlyingsink_free"]);
  const out = dropExports(wasm, GLUE, ["IntoUnderlyingSink"]);
  const module = await WebAssembly.compile(out.wasm);
  assert.deepEqual(WebAssembly.Module.exports(module).map((e) => e.name), ["mount_all"]);
  assert.equal(out.glue, "\nexport function mount_all() {\n    wasm.mount_all();\n}\nconst kept = 1;");
});

test("a glue of another shape, or a wasm without the classes, stops the build", () => {
  const wasm = wasmExporting(["mount_all", "intounderlyingsink_write"]);
  assert.throws(() => dropExports(wasm, GLUE.replace("export class IntoUnderlyingSink {", "class IntoUnderlyingSink {"), ["IntoUnderlyingSink"]), /still names/);
  assert.throws(() => dropExports(wasmExporting(["mount_all"]), GLUE, ["IntoUnderlyingSink"]), /exports nothing/);
});
