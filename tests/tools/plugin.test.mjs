// The WordPress plugin's printed thread held to the core: its plural
// headings (five languages, 0 to 200 and the large numbers CLDR treats
// apart) against Intl.PluralRules, which the live thread and the painter
// use; its links (a comment's, an author's website) against the core's
// safe_link and is_http_url on the painter's grid of links; and a comment's
// HTML through the allowlist the build writes (cw-grid facts), run through
// `php` on the command line (tests/tools/plugin-grid.php).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFacts } from "../../scripts/facts.mjs";
import { LINKS } from "./cases.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
const LANGS = ["en", "de", "fr", "es", "ar"];
const NUMBERS = [...Array.from({ length: 201 }, (_, n) => n), 1000, 1001, 100000, 1000000, 2000000, 1000001, 10000000];
const HOSTILE = [
  '<p>Hi <b>there</b> <a href="javascript:alert(1)">x</a><script>alert(2)</script><img src=x onerror=alert(3)></p>',
  '<a href=" https://ok.example/a?b=1 " onclick="x()">ok</a> <a href="mailto:ada@example.org">mail</a> <a href="mailto:nope">n</a>',
  '<blockquote><p style="color:red">q</p></blockquote><ul><li>1<li>2</ul><pre><code>&lt;tag&gt;</code></pre>',
  "<div><span>" + "<em>".repeat(40) + "deep" + "</em>".repeat(40) + "</span></div>",
];

test("the plugin's plurals, links and allowlist are the core's (PHP on the command line)", () => {
  const facts = readFacts();
  const grid = { links: LINKS, plurals: { langs: LANGS, numbers: NUMBERS }, tags: facts.allowlist, rich: HOSTILE };
  const php = JSON.parse(execFileSync("php", [ROOT + "tests/tools/plugin-grid.php"], { input: JSON.stringify(grid), encoding: "utf8", stdio: ["pipe", "pipe", "inherit"] }));
  const rust = JSON.parse(execFileSync("cargo", ["run", "--quiet", "--bin", "cw-grid"], { cwd: ROOT, input: JSON.stringify({ links: LINKS }), encoding: "utf8", stdio: ["pipe", "pipe", "inherit"] }));
  for (const lang of LANGS) {
    const intl = new Intl.PluralRules(lang);
    NUMBERS.forEach((n, i) => assert.equal(php.plurals[lang][i], intl.select(n), `${lang} ${n}`));
  }
  LINKS.forEach((l, i) => {
    assert.equal(php.links[i], rust.links[i][0], `a comment's link ${JSON.stringify(l)}`);
    assert.equal(php.websites[i], rust.websites[i], `an author's website ${JSON.stringify(l)}`);
  });
  for (const html of php.rich) {
    // Only the allowlist's elements, and no attribute but a kept link's.
    for (const [, name, attrs] of html.matchAll(/<(\w+)([^>]*)>/g)) {
      assert.ok(Object.values(facts.allowlist).includes(name), `<${name}> in ${html}`);
      assert.ok(name === "a" ? /^ href="(https?:|mailto:)[^"]*" rel="nofollow ugc noopener"$/.test(attrs) : attrs === "", `<${name}${attrs}> in ${html}`);
    }
  }
  assert.match(php.rich[1], /<a href="https:\/\/ok.example\/a\?b=1" rel="nofollow ugc noopener">ok<\/a> <a href="mailto:ada@example.org" rel="nofollow ugc noopener">mail<\/a> n/);
});
