// Host pages built to break the widget: hostile CSS, a strict CSP sent as a
// header, three instances on three backends, a single-page app mounting and
// unmounting through the JS API, a browser without WebAssembly. The widget is
// always loaded from another origin (the "CDN"), as a site owner would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startIsso, startStatic, freePort } from "./support/servers.mjs";
import { startGenericServer } from "./support/generic_server.mjs";
import { launch, openPage } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, cdn, packedCdn, site, cspSite, isso, generic;
let n = 0;
const unique = (label) => `${label} ${Date.now()}-${++n}`;
const reader = { name: "Ada", email: "ada@example.org" };

function page({ head = "", body, from = cdn }) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>
<link rel="icon" href="data:,">${head}<script src="${from.url}/comment-widget.js" defer></script></head>
<body><main><h1>An article</h1><p>Article text.</p>${body}</main></body></html>`;
}

const widget = (attrs) =>
  `<div data-comment-widget ${Object.entries(attrs).map(([k, v]) => `${k}='${v}'`).join(" ")}></div>`;

before(async () => {
  cdn = await startStatic();
  // The CSP page's CDN sends the release's .br/.gz copies as they are, as
  // README asks of a server.
  packedCdn = await startStatic({ precompressed: true });
  const [sitePort, cspPort] = [await freePort(), await freePort()];
  const origins = [`http://127.0.0.1:${sitePort}`, `http://127.0.0.1:${cspPort}`];
  [isso, generic] = await Promise.all([startIsso({ origins }), startGenericServer()]);
  const issoWidget = (extra = {}) => widget({ "data-backend": "isso", "data-endpoint": isso.url, ...extra });
  site = await startStatic({
    dir: "/nonexistent",
    port: sitePort,
    pages: {
      "/hostile/": page({
        head: `<style>
          * { all: unset !important; }
          input, textarea { display: none !important; }
          button { color: transparent !important; background: transparent !important; }
          .comment-form, .cw-reply, form { display: none !important; }
          h3 { font-size: 80px !important; color: red !important; }
        </style>`,
        body: issoWidget(),
      }),
      "/three/": page({
        body: [
          issoWidget({ id: "w-isso" }),
          widget({ id: "w-json", "data-backend": "json", "data-endpoint": `${generic.url}/comments` }),
          widget({ id: "w-form", "data-backend": "form", "data-endpoint": `${generic.url}/form/comments`, "data-theme": "dark" }),
        ].join("\n"),
      }),
      "/spa/": page({ body: `<div id="app"></div>` }),
      "/twice/": page({ head: `<script src="${cdn.url}/comment-widget.js" defer></script>`, body: issoWidget() }),
      "/no-wasm/": page({ body: issoWidget() }),
    },
  });
  // The strict CSP, exactly as README gives it, sent as a response header. The
  // widget's origin is in connect-src because the wasm is fetched (streaming
  // compilation); inlining it into the JS instead would cost a third more bytes.
  cspSite = await startStatic({
    dir: "/nonexistent",
    port: cspPort,
    headers: {
      "content-security-policy": `default-src 'none'; script-src ${packedCdn.url} 'wasm-unsafe-eval'; style-src ${packedCdn.url}; connect-src ${packedCdn.url} ${isso.url}; img-src data:`,
    },
    pages: { "/csp/": page({ body: issoWidget(), from: packedCdn }) },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, packedCdn, site, cspSite, isso, generic].map((s) => s?.stop()));
});

async function postAndCheck(form, text) {
  await form.fill({ comment: text, ...reader });
  await form.submit.click();
  await form.expectStatus("Thank you! Your comment has been posted.");
}

test("hostile host CSS does not reach the form, and a comment still posts", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/hostile/`);
  const form = new ReplyForm(p);
  await form.heading.waitFor();
  for (const control of [form.comment, form.name, form.email, form.website, form.submit]) {
    assert.ok(await control.isVisible(), "every control is visible");
  }
  const button = await form.submit.evaluate((b) => {
    const s = getComputedStyle(b);
    return { color: s.color, background: s.backgroundColor, height: b.getBoundingClientRect().height };
  });
  assert.notEqual(button.color, "rgba(0, 0, 0, 0)");
  assert.notEqual(button.background, "rgba(0, 0, 0, 0)");
  assert.ok(button.height >= 24, `button is at least 24px tall: ${button.height}`);
  const headingSize = await form.heading.evaluate((h) => getComputedStyle(h).fontSize);
  assert.notEqual(headingSize, "80px");
  const text = unique("Through hostile CSS");
  await postAndCheck(form, text);
  assert.ok((await isso.comments("/hostile/")).some((c) => c.text.includes(text)));
  assert.deepEqual(p.problems, []);
});

test("under a strict CSP header, from the release's precompressed files, the form works with no violation", async () => {
  const p = await openPage(browser);
  await p.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await p.goto(`${cspSite.url}/csp/`);
  const form = new ReplyForm(p);
  await form.heading.waitFor();
  // The live form (the painted one could be detached between finding it and
  // reading its style); the widget's stylesheet applied (a style-src
  // violation would leave it unstyled). It loads on the reader's intent.
  await p.locator("[data-comment-widget]").dispatchEvent("pointerover");
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  const radius = await form.submit.evaluate((b) => getComputedStyle(b).borderTopLeftRadius);
  assert.equal(radius, "4px");
  const text = unique("Under a strict CSP");
  await postAndCheck(form, text);
  assert.ok((await isso.comments("/csp/")).some((c) => c.text.includes(text)));
  assert.deepEqual(await p.evaluate(() => window.__violations), []);
  assert.deepEqual(p.problems, []);
  // Sent as they are (their integrity is the uncompressed files').
  for (const file of ["comment-widget.js", "comment-widget-app.js", "comment-widget-app_bg.wasm"]) {
    assert.ok(packedCdn.sent.some((f) => f === `${file}.br` || f === `${file}.gz`), `${file}: ${packedCdn.sent}`);
  }
});

test("three instances on one page post to three backends independently", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/three/`);
  const forms = ["#w-isso", "#w-json", "#w-form"].map((id) => new ReplyForm(p, p.locator(id)));
  const texts = forms.map((_, i) => unique(`Instance ${i}`));
  // Type into all three first: nothing typed in one shows up in another.
  for (const [i, form] of forms.entries()) await form.fill({ comment: texts[i], ...reader });
  for (const [i, form] of forms.entries()) assert.equal(await form.comment.inputValue(), texts[i]);
  // An error in one leaves the others alone.
  await forms[1].name.fill("");
  await forms[1].submit.click();
  await forms[1].summary.waitFor();
  assert.equal(await forms[0].summary.count(), 0);
  await forms[1].name.fill("Ada");
  for (const form of forms) {
    await form.submit.click();
    await form.expectStatus("Thank you! Your comment has been posted.");
  }
  assert.ok((await isso.comments("/three/")).some((c) => c.text.includes(texts[0])));
  const stored = generic.stored();
  assert.equal(stored.find((c) => c.fields.comment === texts[1])?.contentType, "application/json");
  assert.equal(stored.find((c) => c.fields.comment === texts[2])?.contentType, "application/x-www-form-urlencoded");
  // Labels point inside their own form.
  const ids = await p.evaluate(() =>
    [...document.querySelectorAll("[data-comment-widget]")].map((h) => h.shadowRoot.querySelector("textarea").id),
  );
  assert.equal(new Set(ids).size, 3);
  assert.deepEqual(p.problems, []);
});

test("a single-page app mounts, unmounts and mounts again through the JS API", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/spa/`);
  await p.waitForFunction(() => window.CommentWidget);
  const options = { backend: "isso", endpoint: isso.url, page: "/spa/thread-1/" };
  await p.evaluate(async (o) => {
    const app = document.getElementById("app");
    window.handle = await CommentWidget.mount(app, o);
    await CommentWidget.mount(app, o); // twice on one element: harmless
  }, options);
  const form = new ReplyForm(p, p.locator("#app"));
  await form.heading.waitFor();
  assert.equal(await p.locator("#app").getByRole("heading", { name: "Leave a Reply" }).count(), 1);
  await form.comment.fill("typed, then the reader navigates away");
  await p.evaluate(() => window.handle.unmount());
  const after = await p.evaluate(() => {
    const app = document.getElementById("app");
    return { children: app.shadowRoot.childNodes.length, marked: app.hasAttribute("data-cw-mounted") };
  });
  assert.deepEqual(after, { children: 0, marked: false });
  // Mount again on the same element (a route change back), and post once.
  await p.evaluate((o) => CommentWidget.mount(document.getElementById("app"), o), options);
  const text = unique("After remount");
  await postAndCheck(form, text);
  const stored = await isso.comments("/spa/thread-1/");
  assert.equal(stored.filter((c) => c.text.includes(text)).length, 1);
  // A bad option is named in the rejection.
  const error = await p.evaluate(() =>
    CommentWidget.mount(document.createElement("div"), { backend: "nope", endpoint: "/x" }).then(() => "mounted", (e) => String(e)),
  );
  assert.match(error, /data-backend="nope"/);
  assert.equal(p.problems.length, 1, p.problems.join("\n")); // the console error for that bad option
});

test("loading the script twice is harmless", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/twice/`);
  const form = new ReplyForm(p);
  await form.heading.waitFor();
  // Both copies have run once the second one's mountAll has settled.
  await p.evaluate(() => CommentWidget.mountAll());
  assert.equal(await form.heading.count(), 1);
  await postAndCheck(form, unique("Loaded twice"));
  assert.deepEqual(p.problems, []);
});

test("a wasm or stylesheet changed on the CDN is refused (Subresource Integrity)", async () => {
  // The glue three times: whether its preload has failed before the loader
  // imports it or not, a changed file must never run.
  for (const file of ["comment-widget-app_bg.wasm", "comment-widget-app.js", "comment-widget-app.js", "comment-widget-app.js"]) {
    const p = await openPage(browser);
    await p.route(`**/${file}`, async (route) => {
      const res = await route.fetch();
      // Still valid, so only the integrity check can refuse it: a statement
      // more in the JS; a custom section more (id 0, "a", payload "b") in the wasm.
      const body = Buffer.concat([await res.body(), Buffer.from(file.endsWith(".js") ? "\n;globalThis.cwChanged = true;" : [0, 3, 1, 0x61, 0x62])]);
      await route.fulfill({ response: res, body });
    });
    await p.goto(`${site.url}/twice/`);
    await p.locator("[data-comment-widget]").getByText("The comment form could not be loaded.").waitFor();
    assert.equal(await p.evaluate(() => globalThis.cwChanged), undefined, `${file}: the changed file ran`);
    await p.context().close();
  }
  // The stylesheet: the form still works, unstyled rather than restyled by a stranger.
  const p = await openPage(browser);
  await p.route("**/comment-widget.css", (route) => route.fulfill({ status: 200, contentType: "text/css", headers: { "access-control-allow-origin": "*" }, body: ":host { display: none }" }));
  await p.goto(`${site.url}/twice/`);
  const form = new ReplyForm(p);
  await form.heading.waitFor();
  assert.equal(await form.heading.isVisible(), true);
});

test("the demo article (dist/index.html) shows its <comment-widget> with no console error", async () => {
  const p = await openPage(browser);
  await p.goto(`${cdn.url}/index.html`);
  await new ReplyForm(p, p.locator("comment-widget")).heading.waitFor();
  await p.locator("comment-widget[data-cw-live]").waitFor({ state: "attached" });
  // No Isso runs on the demo's port here: the thread says so, the form is unaffected.
  await p.locator("comment-widget").getByText("The comments could not be loaded.").waitFor();
  assert.deepEqual(p.problems.filter((m) => !m.includes("ERR_CONNECTION_REFUSED")), []);
});

test("a browser without WebAssembly gets a plain message and the site owner a console error", async () => {
  const p = await openPage(browser);
  await p.addInitScript(() => {
    delete window.WebAssembly;
  });
  await p.goto(`${site.url}/no-wasm/`);
  await p.locator("[data-comment-widget]").getByText("The comment form could not be loaded.").waitFor();
  assert.equal(p.problems.length, 1);
  assert.match(p.problems[0], /no WebAssembly/);
});

test("a 320 px wide screen (or 200% zoom of 640 px) needs no sideways scrolling", async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const p = await context.newPage();
  await p.goto(`${site.url}/three/`);
  const form = new ReplyForm(p, p.locator("#w-isso"));
  await form.heading.waitFor();
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  for (const control of [form.comment, form.name, form.email, form.website, form.submit]) {
    const box = await control.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 320, `inside the screen: ${JSON.stringify(box)}`);
  }
  await p.screenshot({ path: new URL("../../target/narrow-320.png", import.meta.url).pathname, fullPage: true });
  await context.close();
});
