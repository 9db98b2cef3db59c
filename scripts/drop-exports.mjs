// Takes out of the wasm and its glue the JS classes a dependency exports but
// the widget never uses. Leptos always depends on server_fn, which depends on
// wasm-streams, whose `IntoUnderlyingSource`, `IntoUnderlyingByteSource` and
// `IntoUnderlyingSink` are `#[wasm_bindgen]` exports: an export cannot be
// dropped as dead code, so their Rust code, their JS classes and the stream
// imports they call all shipped (about 1.3 KB gzip). Nothing in the widget
// makes a stream: nothing can reach them once their exports are gone.
//
// dropExports(wasm: Uint8Array, glue: string, classes: string[])
//   -> { wasm: Uint8Array, glue: string }
// The wasm loses each class's exports (`<class>_*`, `__wbg_<class>_free`,
// lowercased); run wasm-opt after it to drop the code they kept alive. The
// glue loses each `export class <Class> { … }`, its `Symbol.dispose` line and
// its FinalizationRegistry. Throws when the glue does not have that shape or
// still names a class afterwards, so a new wasm-bindgen cannot make this
// half-work silently.

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error("drop-exports: the wasm ends inside a number");
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

const text = new TextDecoder("utf-8", { fatal: true });

export function dropExports(wasm, glue, classes) {
  const prefixes = classes.flatMap((c) => [`${c.toLowerCase()}_`, `__wbg_${c.toLowerCase()}_free`]);
  const out = [...wasm.subarray(0, 8)];
  const dropped = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = readLeb(wasm, at + 1);
    let body = wasm.subarray(start, start + size);
    if (id === 7) {
      const [count, first] = readLeb(body, 0);
      const kept = [];
      let i = first;
      for (let n = 0; n < count; n++) {
        const [length, s] = readLeb(body, i);
        const name = text.decode(body.subarray(s, s + length));
        const [, end] = readLeb(body, s + length + 1); // kind, then index
        if (prefixes.some((p) => name.startsWith(p))) dropped.push(name);
        else kept.push(...body.subarray(i, end));
        i = end;
      }
      body = Uint8Array.from([...leb(count - dropped.length), ...kept]);
    }
    out.push(id, ...leb(body.length));
    for (const byte of body) out.push(byte);
    at = start + size;
  }
  if (dropped.length === 0) throw new Error(`drop-exports: the wasm exports nothing of ${classes.join(", ")}`);

  const lines = glue.split("\n");
  const keep = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const cls = classes.find((c) => line === `export class ${c} {`);
    if (cls) {
      while (i < lines.length && lines[i] !== "}") i++;
      continue;
    }
    if (classes.some((c) => line === `if (Symbol.dispose) ${c}.prototype[Symbol.dispose] = ${c}.prototype.free;`)) continue;
    if (classes.some((c) => line.startsWith(`const ${c}Finalization = `))) {
      while (i < lines.length && !lines[i].trimEnd().endsWith(";")) i++;
      continue;
    }
    keep.push(line);
  }
  glue = keep.join("\n");
  const left = classes.filter((c) => glue.includes(c) || glue.includes(c.toLowerCase()));
  if (left.length) throw new Error(`drop-exports: the glue still names ${left.join(", ")}`);
  return { wasm: Uint8Array.from(out), glue };
}
