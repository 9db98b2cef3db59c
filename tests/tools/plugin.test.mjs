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
const LANGS = ["en", "de", "fr", "es", "ar", "zh"];
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

test("the spam check: the plugin's challenges read by the core, the core's payloads (what the browser sends) checked by the plugin, and its numbers the core's", async () => {
  const { createHash } = await import("node:crypto");
  const facts = readFacts().proof;
  const php = (proof) =>
    JSON.parse(execFileSync("php", [ROOT + "tests/tools/plugin-grid.php"], {
      input: JSON.stringify({ links: [], plurals: { langs: [], numbers: [] }, tags: {}, rich: [], proof }),
      encoding: "utf8",
      stdio: ["pipe", "pipe", "inherit"],
    })).proof;
  const rust = (proof) => JSON.parse(execFileSync("cargo", ["run", "--quiet", "--bin", "cw-grid"], { cwd: ROOT, input: JSON.stringify({ proof }), encoding: "utf8", stdio: ["pipe", "pipe", "inherit"] })).proof;
  // Without the build's file the plugin falls back to the same numbers.
  const issued = php({ issue: 3, payloads: [] });
  assert.deepEqual(issued.facts, facts);
  const solved = issued.challenges.map((c) => {
    let number = 0;
    while (createHash("sha256").update(c.salt + number).digest("hex") !== c.challenge) number++;
    assert.ok(number <= facts.maxNumber);
    return { challenge: JSON.stringify(c), number };
  });
  const read = rust(solved);
  read.forEach((r, i) => {
    const salt = issued.challenges[i].salt;
    assert.equal(r.maxnumber, facts.maxNumber);
    assert.equal(`?issued=${r.issued}&expires=${r.expires}&`, salt.slice(salt.indexOf("?")));
    assert.equal(r.expires - r.issued, facts.lifetime);
  });
  const good = JSON.parse(Buffer.from(read[0].payload, "base64").toString());
  const encode = (o) => Buffer.from(JSON.stringify(o)).toString("base64");
  // Sent at once: the time trap.
  assert.deepEqual(php({ issue: 0, payloads: [read[0].payload], facts }).checks, [["too-fast", "too-fast"]]);
  await new Promise((r) => setTimeout(r, (facts.minAge + 0.2) * 1000));
  const checks = php({
    issue: 0,
    facts,
    payloads: [
      ...read.map((r) => r.payload),
      encode({ ...good, signature: "0".repeat(64) }),
      encode({ ...good, algorithm: "SHA-512" }),
      encode({ ...good, number: good.number + 1 }),
      encode({ ...good, number: facts.maxNumber + 1 }),
      encode({ ...good, salt: good.salt.replace(/expires=\d+/, "expires=1") }),
    ],
  }).checks;
  assert.deepEqual(checks, [
    ["", "replayed"],
    ["", "replayed"],
    ["", "replayed"],
    ["invalid: signature", "invalid: signature"],
    ["invalid: algorithm", "invalid: algorithm"],
    ["invalid: solution", "invalid: solution"],
    ["invalid: number", "invalid: number"],
    ["invalid: solution", "invalid: solution"],
  ]);
});
