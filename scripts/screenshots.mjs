// Takes README's screenshots of the form, light and dark, from the release
// build in dist/: `node scripts/screenshots.mjs` (after scripts/test.sh or a
// `trunk build --release --offline`). Writes docs/form-light.png and docs/form-dark.png.
import { startStatic, freePort } from "../tests/e2e/support/servers.mjs";
import { launch } from "../tests/e2e/support/browser.mjs";

const darkCss = new URL("../tests/e2e/pages/dark-page.css", import.meta.url).pathname;
const cdn = await startStatic({ files: { "/dark-page.css": darkCss } });
const port = await freePort();
const page = (theme, head) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Form</title>
<link rel="icon" href="data:,">${head}<style>body{margin:0;padding:24px;max-width:640px;font-family:Georgia,serif}</style>
<script src="${cdn.url}/comment-widget.js" defer></script></head><body>
<div data-comment-widget data-backend="isso" data-endpoint="http://127.0.0.1:9" data-theme="${theme}"></div></body></html>`;
const site = await startStatic({
  dir: "/nonexistent",
  port,
  pages: {
    "/light/": page("light", ""),
    "/dark/": page("dark", `<link rel="stylesheet" href="${cdn.url}/dark-page.css">`),
  },
});
const browser = await launch();
for (const theme of ["light", "dark"]) {
  const context = await browser.newContext({ viewport: { width: 700, height: 900 }, deviceScaleFactor: 1 });
  const p = await context.newPage();
  await p.goto(`${site.url}/${theme}/`);
  const host = p.locator("[data-comment-widget]");
  await host.getByRole("heading", { name: "Leave a Reply" }).waitFor();
  await host.getByLabel(/^Comment\b/).fill("Glad the night ferry stays: it gets me home after late shifts.");
  await host.getByLabel(/^Name\b/).fill("Ada");
  await host.getByLabel(/^Email\b/).fill("ada@example");
  await host.getByRole("button", { name: "Post Comment" }).click();
  await host.locator(".cw-summary").waitFor();
  await p.locator("body").screenshot({ path: new URL(`../docs/form-${theme}.png`, import.meta.url).pathname });
  await context.close();
}
await browser.close();
await Promise.all([cdn.stop(), site.stop()]);
console.log("wrote docs/form-light.png and docs/form-dark.png");
