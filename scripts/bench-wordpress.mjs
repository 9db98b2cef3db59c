// The WordPress rows of the benchmark (scripts/bench.sh runs it after the
// plugin is packaged): the real WordPress (Debian's, twentytwentythree) with
// the plugin, on slow 4G, no cache. From navigation start to typeable (a
// comment box on the page, laid out and styled) for
//   theme:   the plugin inactive: WordPress's own form (the floor);
//   painted: the plugin without its printed form: the loader paints it;
//   printed: the plugin as shipped: the form printed into the page itself.
// Also the page's HTML as sent and, for the plugin, the time until the live
// form took over. CW_WP_RUNS=N changes the number of runs (default 7).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../tests/e2e/support/servers.mjs";
import { startWordPress } from "../tests/e2e/support/wordpress.mjs";
import { launch } from "../tests/e2e/support/browser.mjs";
import { SLOW_4G, freshPage, stats } from "./bench-page.mjs";

const RUNS = Number(process.env.CW_WP_RUNS || 7);
const PLUGIN = join(ROOT, "target/wp-plugin/comment-widget");
if (!existsSync(join(PLUGIN, "assets/comment-widget.js"))) throw new Error(`no plugin at ${PLUGIN}: run node scripts/package.mjs after a release build`);

// Polled from the first script task of the page: the moment a comment box is
// there and styled (the theme's #comment; ours in the shadow root, styled by
// its printed <style> or the loader's sheet), and the moment ours is live.
const PROBE = () => {
  const t = {};
  (function poll() {
    const now = performance.now();
    const host = document.querySelector("[data-comment-widget]");
    const root = host && host.shadowRoot;
    const box = root ? root.querySelector("textarea") : document.querySelector("#respond textarea");
    const styled = !root || root.adoptedStyleSheets.length > 0 || !!root.querySelector("style");
    if (t.typeable === undefined && box && box.offsetWidth > 0 && styled) t.typeable = now;
    if (t.live === undefined && host && host.hasAttribute("data-cw-live")) t.live = now;
    window.__bench = t;
    if (t.typeable === undefined || (host && t.live === undefined)) setTimeout(poll, 0);
  })();
};

const wp = await startWordPress({ plugins: { "comment-widget": PLUGIN } });
const browser = await launch();
try {
  const rows = [];
  for (const [name, setup] of [
    ["theme's own form (plugin off)", () => wp.plugin("deactivate")],
    ["painted by the loader", () => (wp.plugin("activate"), wp.plugin("set", "cw_no_print", "1"))],
    ["printed by the plugin", () => (wp.plugin("activate"), wp.plugin("set", "cw_no_print", "0"))],
  ]) {
    setup();
    const typeable = [];
    const live = [];
    let html = 0;
    for (let i = 0; i < RUNS; i++) {
      const { context, page, cdp } = await freshPage(browser, SLOW_4G);
      let doc = null;
      cdp.on("Network.requestWillBeSent", (e) => {
        if (e.type === "Document") doc = e.requestId;
      });
      cdp.on("Network.loadingFinished", (e) => {
        if (e.requestId === doc) html = e.encodedDataLength;
      });
      await page.addInitScript(PROBE);
      await page.goto(`${wp.url}/hello-world/`);
      await page.waitForFunction(() => window.__bench && window.__bench.typeable !== undefined && (!document.querySelector("[data-comment-widget]") || window.__bench.live !== undefined), null, { timeout: 60000 });
      const t = await page.evaluate(() => window.__bench);
      typeable.push(t.typeable);
      if (t.live !== undefined) live.push(t.live);
      await context.close();
    }
    rows.push({ name, typeable: stats(typeable), live: live.length ? stats(live) : null, html });
  }
  console.log(`\nWordPress (twentytwentythree, Hello world!), slow 4G, no cache, ${RUNS} runs each: from navigation start`);
  console.log("| form | typeable (median, ms) | live (median, ms) | page HTML as sent (bytes) |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.name} | ${Math.round(r.typeable.median)} | ${r.live ? Math.round(r.live.median) : "—"} | ${r.html} |`);
} finally {
  await browser.close();
  await wp.stop();
}
