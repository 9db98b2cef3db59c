// Shortens the names the wasm imports its JS functions by. wasm-bindgen names
// each import `__wbg_<method>_<16 hex digits>` under the module
// "./comment-widget-app_bg.js", and writes every name twice: in the wasm's
// import section and as a key of the glue's import object. The hashes do not
// compress, so ~200 imports cost about 6 KB gzip across the two files.
// This gives them short names ("a", "b", …, "aa", …) under the module "a"
// in both, after wasm-opt and before the Subresource Integrity hashes.
//
// shortImports(wasm: Uint8Array, glue: string) -> { wasm: Uint8Array, glue: string }
// Throws (and the build fails) when the glue does not hold the module name and
// each import name exactly once: then wasm-bindgen's output changed shape and
// the renaming would be unsafe.

const MODULE = "./comment-widget-app_bg.js";
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error("short-imports: the wasm ends inside a number");
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

/** The n-th short name: a … Z, aa, ab, … */
export function shortName(n) {
  let name = "";
  for (;;) {
    name = LETTERS[n % LETTERS.length] + name;
    n = Math.floor(n / LETTERS.length);
    if (n === 0) return name;
    n -= 1;
  }
}

const utf8 = new TextEncoder();
const text = new TextDecoder("utf-8", { fatal: true });

/** Skips one import's description (function, table, memory or global). */
function skipDesc(bytes, at) {
  const kind = bytes[at++];
  if (kind === 0x00) return readLeb(bytes, at)[1]; // function: type index
  if (kind === 0x01) {
    at += 1; // reference type
    const [flags, next] = readLeb(bytes, at);
    at = readLeb(bytes, next)[1];
    return flags & 1 ? readLeb(bytes, at)[1] : at;
  }
  if (kind === 0x02) {
    const [flags, next] = readLeb(bytes, at);
    at = readLeb(bytes, next)[1];
    return flags & 1 ? readLeb(bytes, at)[1] : at;
  }
  if (kind === 0x03) return at + 2; // value type, mutability
  throw new Error(`short-imports: an import of unknown kind ${kind}`);
}

/** `wasm` with the body of its section `id` replaced by `rewrite(body)`. */
function withSection(wasm, id, rewrite) {
  const out = [...wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const section = wasm[at];
    const [size, start] = readLeb(wasm, at + 1);
    let body = wasm.subarray(start, start + size);
    if (section === id) body = Uint8Array.from(rewrite(body));
    out.push(section, ...leb(body.length));
    for (const byte of body) out.push(byte);
    at = start + size;
  }
  return Uint8Array.from(out);
}

export function shortImports(wasm, glue) {
  const renamed = new Map();
  wasm = withSection(wasm, 2, (body) => {
    const [count, first] = readLeb(body, 0);
    const section = leb(count);
    let i = first;
    for (let n = 0; n < count; n++) {
      const [moduleLength, m] = readLeb(body, i);
      const module = text.decode(body.subarray(m, m + moduleLength));
      const [fieldLength, f] = readLeb(body, m + moduleLength);
      const field = text.decode(body.subarray(f, f + fieldLength));
      const descEnd = skipDesc(body, f + fieldLength);
      const desc = body.subarray(f + fieldLength, descEnd);
      i = descEnd;
      let name = [module, field];
      if (module === MODULE) {
        const short = shortName(renamed.size);
        renamed.set(field, short);
        name = ["a", short];
      }
      for (const part of name) {
        const bytes = utf8.encode(part);
        section.push(...leb(bytes.length), ...bytes);
      }
      section.push(...desc);
    }
    return section;
  });

  const moduleKey = JSON.stringify(MODULE);
  if (glue.split(moduleKey).length !== 2) throw new Error(`short-imports: the glue names ${moduleKey} other than once`);
  glue = glue.replace(moduleKey, '"a"');
  for (const [long, short] of renamed) {
    const key = new RegExp(`(?<![\\w$])${long.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
    const found = glue.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`short-imports: the glue names the import ${long} ${found} times, not once`);
    glue = glue.replace(key, short);
  }
  return { wasm, glue };
}

// Shortens the wasm's export names the same way, in the wasm and where the
// glue calls them (`wasm.<name>`): wasm-bindgen names a closure's entry
// point after its whole Rust type (hundreds of characters each). `memory`
// and the names in `keep` (the widget's API, which the glue wraps under the
// same names) stay. Names the glue never calls are left as they are.
//
// shortExports(wasm: Uint8Array, glue: string, keep: string[]) -> { wasm, glue }
export function shortExports(wasm, glue, keep) {
  let renamed = 0;
  wasm = withSection(wasm, 7, (body) => {
    const [count, first] = readLeb(body, 0);
    const section = leb(count);
    let i = first;
    for (let n = 0; n < count; n++) {
      const [length, s] = readLeb(body, i);
      let name = text.decode(body.subarray(s, s + length));
      const [, end] = readLeb(body, s + length + 1);
      const rest = body.subarray(s + length, end);
      i = end;
      const calls = new RegExp(`(?<=\\bwasm\\.)${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
      if (name !== "memory" && !keep.includes(name) && calls.test(glue)) {
        const short = `_${shortName(renamed++)}`;
        glue = glue.replace(calls, short);
        name = short;
      }
      const bytes = utf8.encode(name);
      section.push(...leb(bytes.length), ...bytes, ...rest);
    }
    return section;
  });
  return { wasm, glue };
}
