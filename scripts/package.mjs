// Builds the two things a site owner installs, from a release build in dist/:
//   target/npm/comment-widget/ and its `npm pack` tarball (the npm package the
//     public npm CDNs serve), with its contents checked;
//   target/wp-plugin/comment-widget/ and comment-widget-wp-plugin-<version>.zip
//     (the WordPress plugin, with the widget's files under assets/).
// Prints where they are and the integrity of each file.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const DIST = join(ROOT, "dist");
const TARGET = join(ROOT, "target");
const LANGUAGES = ["de", "fr", "es", "ar", "zh"].map((l) => `comment-widget-${l}.json`);
const FILES = ["comment-widget.js", "comment-widget-thread.js", "comment-widget-counts.js", "comment-widget-app.js", "comment-widget-app_bg.wasm", "comment-widget.css", ...LANGUAGES, "integrity.json"];
const version = JSON.parse(readFileSync(join(ROOT, "package/package.json"), "utf8")).version;
const fail = (why) => {
  console.error(`package.mjs: ${why}`);
  process.exit(1);
};

// The npm package.
const npmDir = join(TARGET, "npm/comment-widget");
rmSync(npmDir, { recursive: true, force: true });
mkdirSync(join(npmDir, "dist"), { recursive: true });
for (const file of FILES) cpSync(join(DIST, file), join(npmDir, "dist", file));
cpSync(join(ROOT, "types/index.d.ts"), join(npmDir, "types/index.d.ts"));
// (Written by the build from the Rust core's attribute table: scripts/facts.mjs.)
cpSync(join(ROOT, "types/generated.d.ts"), join(npmDir, "types/generated.d.ts"));
cpSync(join(ROOT, "package/package.json"), join(npmDir, "package.json"));
cpSync(join(ROOT, "package/README.md"), join(npmDir, "README.md"));
const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", join(TARGET, "npm")], { cwd: npmDir, encoding: "utf8" }));
const listed = packed[0].files.map((f) => f.path).sort();
const expected = ["README.md", "package.json", "types/index.d.ts", "types/generated.d.ts", ...FILES.map((f) => `dist/${f}`)].sort();
if (JSON.stringify(listed) !== JSON.stringify(expected)) fail(`the package holds ${listed.join(", ")}; expected ${expected.join(", ")}`);
const manifest = JSON.parse(readFileSync(join(npmDir, "package.json"), "utf8"));
for (const field of ["unpkg", "jsdelivr", "browser"]) {
  if (manifest[field] !== "./dist/comment-widget.js") fail(`package.json "${field}" must point at the loader`);
}
if (manifest.exports["."].default !== "./dist/comment-widget.js" || manifest.exports["."].types !== "./types/index.d.ts") fail("package.json exports");
console.log(`npm package: ${join(TARGET, "npm", packed[0].filename)} (${listed.length} files, ${packed[0].size} bytes)`);

// The WordPress plugin.
const pluginDir = join(TARGET, "wp-plugin/comment-widget");
rmSync(join(TARGET, "wp-plugin"), { recursive: true, force: true });
cpSync(join(ROOT, "wordpress-plugin/comment-widget"), pluginDir, { recursive: true, filter: (src) => !src.endsWith(".gitignore") });
mkdirSync(join(pluginDir, "assets"), { recursive: true });
for (const file of FILES) cpSync(join(DIST, file), join(pluginDir, "assets", file));
// The forms the plugin prints into its pages (scripts/post-build.mjs). The
// plugin finds these strings to make them post natively: they must be there.
const printed = JSON.parse(readFileSync(join(DIST, "comment-widget-printed.json"), "utf8"));
for (const [variant, needles] of Object.entries({
  required: ['<form novalidate class="cw-reply__form">', 'name="author"', 'name="email"', 'name="website"', '<button type="button" data-cw-preview=""', "</form>", '<p class="cw-consent"><input ', 'name="wp-comment-cookies-consent"'],
  optional: ['<form novalidate class="cw-reply__form">', 'name="author"', 'name="email"', 'name="website"', '<button type="button" data-cw-preview=""', "</form>", '<p class="cw-consent"><input ', 'name="wp-comment-cookies-consent"'],
  member: ['<form novalidate class="cw-reply__form">', '<button type="button" data-cw-preview=""', "</form>"],
  login: ["cw-must-log-in"],
})) {
  for (const needle of needles) if (!printed.forms?.[variant]?.includes(needle)) fail(`the printed ${variant} form lacks ${needle} (comment-widget.php looks for it)`);
}
cpSync(join(DIST, "comment-widget-printed.json"), join(pluginDir, "assets/comment-widget-printed.json"));
const header = readFileSync(join(pluginDir, "comment-widget.php"), "utf8").match(/Version:\s*(\S+)/)?.[1];
if (header !== version) fail(`the plugin says Version: ${header}, the package ${version}`);
const zip = join(TARGET, `comment-widget-wp-plugin-${version}.zip`);
rmSync(zip, { force: true });
execFileSync("python3", ["-m", "zipfile", "-c", zip, "comment-widget"], { cwd: join(TARGET, "wp-plugin") });
const inZip = execFileSync("python3", ["-m", "zipfile", "-l", zip], { encoding: "utf8" });
for (const file of ["comment-widget/comment-widget.php", "comment-widget/includes/printed-thread.php", "comment-widget/includes/text.php", "comment-widget/uninstall.php", "comment-widget/assets/comment-widget-app_bg.wasm", "comment-widget/assets/comment-widget-printed.json", "comment-widget/css/comment-widget-wp.css"]) {
  if (!inZip.includes(file)) fail(`the plugin zip lacks ${file}`);
}
console.log(`WordPress plugin: ${zip}`);

const integrity = JSON.parse(readFileSync(join(DIST, "integrity.json"), "utf8"));
for (const [file, hash] of Object.entries(integrity)) console.log(`integrity ${file} ${hash}`);
writeFileSync(join(TARGET, "npm/integrity.txt"), Object.entries(integrity).map(([f, h]) => `${f} ${h}`).join("\n") + "\n");
