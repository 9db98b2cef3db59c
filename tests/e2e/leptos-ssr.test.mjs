// The server-rendered example (examples/leptos-ssr: axum + leptos_axum, the
// widget as a component, hydrated in the browser) against a real Isso: the
// server's HTML holds the form and the thread's first comments before any
// script; the page hydrates without
// a console error; a comment typed after hydration is stored once and shows
// in the thread; following the link to the other article shows that
// article's thread, without a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, request as forward } from "node:http";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startIsso, freePort, issoPost, waitForHttp, ROOT } from "./support/servers.mjs";
import { launch, openPage } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

const SERVER = join(ROOT, "target/debug/leptos-ssr");
const SITE = join(ROOT, "target/leptos-ssr/site");
let browser, isso, app, url, proxy;
/** What the app's server meets at Isso: "ok", "slow" (5 s), or "html" (an error page). */
let serverSees = "ok";

before(async () => {
  if (!existsSync(SERVER) || !existsSync(join(SITE, "pkg/leptos-ssr.js"))) {
    throw new Error("examples/leptos-ssr is not built: bash examples/leptos-ssr/serve.sh --build-only");
  }
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  isso = await startIsso({ origins: [url] });
  // Between the app and Isso: the server's own requests (no Origin) can be
  // made slow, or answered with an error page, while the browser's pass.
  proxy = createServer((req, res) => {
    const fromServer = !req.headers.origin;
    if (fromServer && serverSees === "html") {
      res.writeHead(200, { "content-type": "text/html" }).end("<html><body><h1>502 Bad Gateway</h1></body></html>");
      return;
    }
    const pass = () => {
      const target = new URL(req.url, isso.url);
      const out = forward(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
      out.on("error", () => res.destroy());
      req.pipe(out);
    };
    if (fromServer && serverSees === "slow") setTimeout(pass, 5000);
    else pass();
  });
  await new Promise((go) => proxy.listen(0, "127.0.0.1", go));
  const issoUrl = `http://127.0.0.1:${proxy.address().port}`;
  app = spawn(SERVER, [], {
    cwd: join(ROOT, "examples/leptos-ssr"),
    env: { ...process.env, LEPTOS_OUTPUT_NAME: "leptos-ssr", LEPTOS_SITE_ROOT: SITE, LEPTOS_SITE_PKG_DIR: "pkg", LEPTOS_SITE_ADDR: `127.0.0.1:${port}`, ISSO_URL: issoUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.log = "";
  app.stdout.on("data", (d) => (app.log += d));
  app.stderr.on("data", (d) => (app.log += d));
  await waitForHttp(`${url}/post/night-ferry/`, "the leptos-ssr example");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (process.env.CW_DEBUG) console.log(app?.log);
  app?.kill();
  proxy?.close();
  await isso?.stop();
});

test("a server-rendered Leptos app: the form in the server's HTML, hydrated, a comment stored once, and the thread follows the route", async () => {
  await issoPost(isso, "/post/night-ferry/", { author: "Ann", text: "The ferry stays, good." });
  await issoPost(isso, "/post/lighthouse/", { author: "Bo", text: "I saw the logbook on Saturday." });

  // What the server sends, as a reader without scripts gets it.
  const html = await (await fetch(`${url}/post/night-ferry/`)).text();
  assert.match(html, /Harbour town votes to keep its night ferry/);
  assert.match(html, /Leave a Reply/);
  assert.match(html, /name="comment"/);
  assert.match(html, /Post Comment/);
  assert.doesNotMatch(html, /could not be shown/);
  // The thread's first page, from the real Isso, in place (not in a
  // streamed template), as text: the comment and its author.
  const body = html.replace(/<template[\s\S]*?<\/template>/g, "").replace(/<script[\s\S]*?<\/script>/g, "");
  assert.match(body, /<div class="cw-comment__text"><p>The ferry stays, good\.(<!>)?<\/p>/);
  assert.match(body, /<h4 class="cw-comment__author"><span>Ann<\/span><\/h4>/);
  assert.match(body, /<h3 class="cw-thread__title">1 comment<\/h3>/);
  assert.doesNotMatch(body, /Loading comments/);

  // A press of Post Comment before the code has taken the form (here, no
  // scripts at all) sends nothing and goes nowhere; the text stays.
  assert.match(html, /<form [^>]*method="dialog"[^>]*class="cw-reply__form"|<form [^>]*class="cw-reply__form"[^>]*method="dialog"/);
  const still = await browser.newContext({ javaScriptEnabled: false });
  const early = await still.newPage();
  await early.goto(`${url}/post/night-ferry/`);
  await early.locator("textarea[name=comment]").fill("Typed before the code");
  await early.getByRole("button", { name: "Post Comment" }).click();
  await early.waitForTimeout(300);
  assert.equal(new URL(early.url()).pathname + new URL(early.url()).search, "/post/night-ferry/");
  assert.equal(await early.locator("textarea[name=comment]").inputValue(), "Typed before the code");
  await still.close();

  const p = await openPage(browser);
  await p.goto(`${url}/post/night-ferry/`);
  const thread = p.locator(".cw-thread");
  // Hydrated: the thread the client loads, and the form answers.
  await thread.getByText("The ferry stays, good.").waitFor();
  // The server wrote its date in UTC; once hydrated, the reader's own.
  assert.match(html, /<time datetime="[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/time>/);
  await p.waitForFunction(() => !/UTC$/.test(document.querySelector(".cw-thread time")?.textContent ?? "UTC"));
  const form = new ReplyForm(p);
  const text = `Posted from a server-rendered app ${Date.now()}`;
  await form.fill({ comment: text, name: "Lin", email: "lin@example.org" });
  await form.submit.click();
  await p.getByText("Thank you! Your comment has been posted.").waitFor();
  await thread.getByText(text).waitFor();
  const stored = await isso.comments("/post/night-ferry/");
  assert.equal(stored.filter((c) => c.text.includes(text)).length, 1, "stored once");
  assert.equal(stored.find((c) => c.text.includes(text)).author, "Lin");

  // The other article, by its link: no reload, its own thread.
  await p.evaluate(() => (window.cwSamePage = true));
  await p.getByRole("link", { name: "The lighthouse keeper's last logbook goes on show" }).click();
  await p.getByRole("heading", { level: 1, name: "The lighthouse keeper's last logbook goes on show" }).waitFor();
  await thread.getByText("I saw the logbook on Saturday.").waitFor();
  assert.equal(await thread.getByText("The ferry stays, good.").count(), 0);
  assert.equal(await p.evaluate(() => window.cwSamePage), true, "no reload");
  assert.equal(new URL(p.url()).pathname, "/post/lighthouse/");
  assert.deepEqual(p.problems, [], app.log);
  await p.context().close();
});

test("a comments server that is slow or answers an error page while the server renders: the page renders in time with the thread loading, and the browser loads it", async () => {
  await issoPost(isso, "/post/lighthouse/", { author: "Cy", text: "Kept in the museum's basement for years." });
  try {
    for (const mode of ["slow", "html"]) {
      serverSees = mode;
      const started = Date.now();
      const html = await (await fetch(`${url}/post/lighthouse/`)).text();
      const took = Date.now() - started;
      assert.ok(took < 4000, `${mode}: the page took ${took} ms`);
      assert.match(html, /Leave a Reply/, mode);
      assert.match(html, /Loading comments/, mode);
      assert.doesNotMatch(html, /Kept in the museum/, mode);
      const p = await openPage(browser);
      await p.goto(`${url}/post/lighthouse/`);
      await p.locator(".cw-thread").getByText("Kept in the museum's basement for years.").waitFor();
      assert.deepEqual(p.problems, [], `${mode}: ${app.log}`);
      await p.context().close();
    }
  } finally {
    serverSees = "ok";
  }
});
