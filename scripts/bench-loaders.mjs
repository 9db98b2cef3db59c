// Compares versions of the loader against one release build, interleaved, so
// a shared machine's drift falls on all of them alike:
//   node scripts/bench-loaders.mjs <loader> <loader> …
// where each <loader> is a folder of the loader's modules (like loader/) or a
// git revision (its loader/). Each is bundled, filled and minified as the
// build does (scripts/loader.mjs, with what the last release build wrote
// into target/loader-fill.json and the facts in loader/generated/; a
// revision from before the modules, one file with /*cw:…*/ marks, is filled
// as it was then) and served with that build's glue and wasm,
// gzipped, from a "CDN" of its own. Prints, per network, each loader's median
// (and p25–p75) time from inserting the script tag to typeable and to taken
// over, over CW_BENCH_RUNS runs each (default 20). Run after
// `bash scripts/bench.sh` or another release build.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startIsso, startStatic, freePort, DIST, ROOT } from "../tests/e2e/support/servers.mjs";
import { launch } from "../tests/e2e/support/browser.mjs";
import { SLOW_4G, load, oursPage, stats } from "./bench-page.mjs";
import { buildLoader, squeeze } from "./loader.mjs";

/** The loader `name` (a folder or a git revision) as the build makes it. */
async function loaderOf(name, fill, work) {
  if (existsSync(name)) return buildLoader(fill, name);
  const dir = mkdtempSync(join(work, "src-"));
  try {
    execFileSync("sh", ["-c", `git archive ${JSON.stringify(name)} loader | tar -x -C ${JSON.stringify(dir)}`], { cwd: ROOT, stdio: ["ignore", "ignore", "ignore"] });
  } catch {
    throw new Error(`bench-loaders.mjs: "${name}" is neither a folder nor a git revision with loader/`);
  }
  if (existsSync(join(dir, "loader/build.js"))) {
    cpSync(join(ROOT, "loader/generated"), join(dir, "loader/generated"), { recursive: true });
    return buildLoader(fill, join(dir, "loader"));
  }
  let old = readFileSync(join(dir, "loader/comment-widget.js"), "utf8");
  for (const [mark, value] of [[/\/\*cw:integrity\*\/ \{\}/, fill.hashes], [/\/\*cw:css\*\/ ""/, fill.css], [/\/\*cw:words\*\/ \{\}/, fill.words], [/\/\*cw:markup\*\/ \{\}/, fill.markup]]) old = old.replace(mark, () => JSON.stringify(value));
  return squeeze(old, false);
}

const RUNS = Number(process.env.CW_BENCH_RUNS || 20);
const names = process.argv.slice(2);
if (names.length < 2) throw new Error("bench-loaders.mjs: name two or more loaders (files or git revisions)");
const fillFile = join(ROOT, "target/loader-fill.json");
if (!existsSync(fillFile)) throw new Error("bench-loaders.mjs: no target/loader-fill.json: make a release build first (bash scripts/bench.sh, or trunk_release build from scripts/tools.sh)");
const fill = JSON.parse(readFileSync(fillFile, "utf8"));
const work = mkdtempSync(join(tmpdir(), "cw-loaders-"));
const variants = [];
for (const [i, name] of names.entries()) {
  const dir = join(work, String(i));
  cpSync(DIST, dir, { recursive: true });
  writeFileSync(join(dir, "comment-widget.js"), await loaderOf(name, fill, work));
  variants.push({ name, cdn: await startStatic({ dir, gzip: true }) });
}
const sitePort = await freePort();
const isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
const pages = Object.fromEntries(variants.map((v, i) => [`/v${i}/`, oursPage(`${v.cdn.url}/comment-widget.js`, isso.url)]));
const site = await startStatic({ dir: "/nonexistent", port: sitePort, pages });
const browser = await launch();
try {
  for (const [label, network] of [["unthrottled", null], ["slow 4G (150 ms, 1.6 Mbps)", SLOW_4G]]) {
    const got = variants.map(() => ({ typeable: [], taken: [] }));
    for (let run = 0; run < RUNS; run++) {
      // Each run starts with the next loader, so none always goes first.
      for (let k = 0; k < variants.length; k++) {
        const i = (run + k) % variants.length;
        const { context, typeable, ready } = await load(browser, `${site.url}/v${i}/`, network);
        got[i].typeable.push(typeable);
        got[i].taken.push(ready);
        await context.close();
      }
    }
    console.log(`\n${label}: script tag inserted → typeable / taken over (ms, median and p25–p75 of ${RUNS} runs each, interleaved)`);
    for (const [i, v] of variants.entries()) {
      const [t, r] = [stats(got[i].typeable), stats(got[i].taken)];
      const ms = (s) => `${s.median.toFixed(1).padStart(6)} (${s.p25.toFixed(0)}–${s.p75.toFixed(0)})`;
      console.log(`  ${v.name.padEnd(24)} typeable ${ms(t)}   taken over ${ms(r)}`);
    }
  }
} finally {
  await browser.close();
  await Promise.all([...variants.map((v) => v.cdn.stop()), site.stop(), isso.stop()]);
  rmSync(work, { recursive: true, force: true });
}
