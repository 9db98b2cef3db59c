// Debian's Chromium driven by playwright-core (its own browser download
// cannot work here). Every page records console errors and CSP violations so
// a test can assert there were none.
import { chromium } from "playwright-core";

const EXECUTABLE = process.env.CW_CHROMIUM || "/usr/bin/chromium";
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

export async function launch() {
  return chromium.launch({
    executablePath: EXECUTABLE,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // (More flags for an experiment: CW_CHROMIUM_FLAGS="--js-flags=--no-wasm-lazy-compilation".)
      ...(process.env.CW_CHROMIUM_FLAGS ? process.env.CW_CHROMIUM_FLAGS.split(" ") : []),
    ],
  });
}

/** A fresh page whose `problems` array collects console errors and page
 * errors. Gravatar (and Libravatar, Waline's) is not reachable from here: its images are answered with
 * a 1×1 PNG, and `page.gravatars` records the addresses asked for. */
export async function openPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.problems = [];
  page.gravatars = [];
  await page.route(/^https?:\/\/([a-z0-9]+\.)?(gravatar\.com|libravatar\.org)\//, (route) => {
    page.gravatars.push({ url: route.request().url(), referer: route.request().headers().referer ?? null });
    return route.fulfill({ status: 200, contentType: "image/png", body: PIXEL });
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") page.problems.push(msg.text());
  });
  page.on("pageerror", (err) => page.problems.push(String(err)));
  return page;
}

/** Holds the wasm back on `page` until the returned function is called (a
 * slow network, made exact): what the loader does before it arrives can be
 * tested step by step. */
export async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route("**/comment-widget-app_bg.wasm", async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** A host page that embeds the widget the way a site owner would. */
export function hostPage({ widgetBase, attributes, title = "A test article", head = "", lang = "en", body = "" }) {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${String(v).replace(/"/g, "&quot;")}"`)
    .join("");
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">${head}
<script src="${widgetBase}/comment-widget.js" defer></script></head>
<body><main><h1>${title}</h1><p>Some article text.</p>
${body}<h2>Comments</h2><div data-comment-widget${attrs}></div></main></body></html>`;
}

/** Runs axe-core on the page (it reaches into open shadow roots) and returns
 * its violations as readable lines. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: new URL("../../../node_modules/axe-core/axe.min.js", import.meta.url).pathname });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
  return violations;
}

/** The DOM of the first widget's shadow root under `selector` (the first
 * element it matches) as a comparable tree: elements, attributes and text,
 * as the painted and the live widget are compared. Left out: the renderer's
 * comment markers, empty text, the attributes named in `ignore` (the
 * painter's marks); id prefixes (`cw3-`, `cwp1-`) read as `P`; a select's
 * value is a property, added as `value=`. */
export function widgetShape(page, selector, ignore = []) {
  return page.evaluate(([selector, ignore]) => {
    const tree = (node) => {
      if (node.nodeType === 3) return node.data;
      if (node.nodeType !== 1) return null;
      const attrs = [...node.attributes]
        .filter((a) => !ignore.includes(a.name))
        .map((a) => `${a.name}=${a.value.replace(/\bcwp?\d+(?=-)/g, "P")}`)
        .sort();
      if (node.localName === "select") attrs.push(`value=${node.value}`);
      const kids = [];
      for (const child of node.childNodes) {
        const t = tree(child);
        if (t === null || t === "") continue;
        if (typeof t === "string" && typeof kids[kids.length - 1] === "string") kids[kids.length - 1] += t;
        else kids.push(t);
      }
      return [node.localName, attrs, kids];
    };
    return tree(document.querySelector("[data-comment-widget]").shadowRoot.querySelector(selector));
  }, [selector, ignore]);
}
