// The reader's path in the two other engines, through WebDriver (the notes in
// ../shared/notes/engines.md): Firefox ESR with geckodriver, and WebKitGTK's
// MiniBrowser (Safari's engine) with WebKitWebDriver under a virtual display.
// The wasm is held back a moment, so the reader types into the painted form,
// goes on typing across the takeover, and posts; Isso stores it as typed.
// Then a Chinese page on Waline: its thread painted, then live, and a reply
// in Chinese to its first comment, stored by Waline in that conversation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { homedir } from "node:os";
import { Builder, By, until } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { startIsso, startStatic, startWaline, freePort } from "./support/servers.mjs";
import { hostPage } from "./support/browser.mjs";

const GECKODRIVER = process.env.CW_GECKODRIVER || join(homedir(), ".cargo/bin/geckodriver");
const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
let cdn, site, isso, waline, top;
const POSTED = "Thank you! Your comment has been posted.";

before(async () => {
  // The wasm arrives 1.5 s late: time to type into the painted form first.
  cdn = await startStatic({ delays: { "/comment-widget-app_bg.wasm": 1500 } });
  const sitePort = await freePort();
  [isso, waline] = await Promise.all([startIsso({ origins: [`http://127.0.0.1:${sitePort}`] }), startWaline()]);
  top = await waline.post({ comment: "渡轮保住了，太好了。", nick: "王芳", url: "/engines/" });
  const onWaline = hostPage({ widgetBase: cdn.url, lang: "zh-CN", attributes: { "data-backend": "waline", "data-endpoint": waline.url, "data-page": "/engines/" } });
  site = await startStatic({
    dir: "/nonexistent",
    port: sitePort,
    pages: {
      "/firefox/": hostPage({ widgetBase: cdn.url, attributes: { "data-backend": "isso", "data-endpoint": isso.url } }),
      "/webkit/": hostPage({ widgetBase: cdn.url, attributes: { "data-backend": "isso", "data-endpoint": isso.url } }),
      "/firefox-waline/": onWaline,
      "/webkit-waline/": onWaline,
    },
  });
});

after(async () => {
  await Promise.all([cdn, site, isso, waline].map((s) => s?.stop()));
});

const field = (driver, selector) =>
  driver.executeScript(`return document.querySelector("[data-comment-widget]").shadowRoot.querySelector(${JSON.stringify(selector)})`);

async function readersPath(driver, path) {
  await driver.get(`${site.url}${path}`);
  await driver.wait(async () => (await driver.executeScript(`const h = document.querySelector("[data-comment-widget]");
    return !!(h && h.hasAttribute("data-cw-painted") && !h.hasAttribute("data-cw-live"))`)), 10000);
  const text = `Typed in ${path} before and after the takeover ${Date.now()}`;
  const half = text.length >> 1;
  await (await field(driver, "textarea")).sendKeys(text.slice(0, half));
  await driver.wait(async () => driver.executeScript(`return document.querySelector("[data-comment-widget]").hasAttribute("data-cw-live")`), 20000);
  // The same box, still focused, goes on.
  const focused = await driver.executeScript(`const r = document.querySelector("[data-comment-widget]").shadowRoot;
    return r.activeElement && r.activeElement.name`);
  assert.equal(focused, "comment");
  await driver.actions().sendKeys(text.slice(half)).perform();
  await (await field(driver, "[name=author]")).sendKeys("Eng");
  await (await field(driver, "[name=email]")).sendKeys("eng@example.org");
  await (await field(driver, "button[type=submit]")).click();
  await driver.wait(async () => (await driver.executeScript(`return document.querySelector("[data-comment-widget]").shadowRoot.querySelector("[role=status]").textContent`)) === POSTED, 20000);
  const stored = await isso.comments(path);
  assert.equal(stored.filter((c) => c.text === `<p>${text}</p>`).length, 1, JSON.stringify(stored));
}

/** On Waline, in Chinese: the painted thread, then the live one; a reply to its first comment. */
async function walinePath(driver, path) {
  const root = `document.querySelector("[data-comment-widget]").shadowRoot`;
  await driver.get(`${site.url}${path}#comments`);
  await driver.wait(async () => driver.executeScript(`const r = ${root}; return !!(r && r.querySelector("#comment-${top.objectId}"))`), 10000);
  // Reply pressed on the painted thread: the code comes, and the press is carried out.
  await (await field(driver, `#comment-${top.objectId} [data-cw-reply]`)).click();
  await driver.wait(async () => driver.executeScript(`const r = ${root}; return document.querySelector("[data-comment-widget]").hasAttribute("data-cw-live") && !r.querySelector("[data-cw-painted-thread]") && !!r.querySelector(".cw-thread textarea")`), 20000);
  const text = `${path} 的读者：我也每周坐夜班船 ${Date.now()}`;
  await (await field(driver, "textarea")).sendKeys(text);
  await (await field(driver, "[name=author]")).sendKeys("读者");
  await (await field(driver, "[name=email]")).sendKeys("reader@example.org");
  await (await field(driver, "button[type=submit]")).click();
  await driver.wait(async () => (await driver.executeScript(`return ${root}.querySelector("[role=status]").textContent`)) === "谢谢！您的评论已发表。", 20000);
  const stored = waline.stored("/engines/").filter((c) => c.comment === text);
  assert.deepEqual(stored.map((c) => [c.nick, c.pid, c.rid]), [["读者", top.objectId, top.objectId]], JSON.stringify(waline.stored("/engines/")));
}

test("Firefox: typing across the takeover, then posting; a Chinese reply on Waline", { skip: !existsSync(GECKODRIVER) && "geckodriver is not installed" }, async () => {
  const options = new firefox.Options().addArguments("-headless").setBinary("/usr/bin/firefox-esr");
  const driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER)).build();
  try {
    await readersPath(driver, "/firefox/");
    await walinePath(driver, "/firefox-waline/");
  } finally {
    await driver.quit();
  }
});

test("WebKit: typing across the takeover, then posting; a Chinese reply on Waline", { skip: !existsSync(MINIBROWSER) && "WebKitGTK is not installed" }, async () => {
  const port = await freePort();
  const server = spawn("xvfb-run", ["-a", "WebKitWebDriver", `--port=${port}`], { detached: true, stdio: "ignore" });
  const stopServer = () => {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {}
  };
  try {
    let driver;
    for (let i = 0; i < 50 && !driver; i++) {
      try {
        driver = await new Builder()
          .usingServer(`http://127.0.0.1:${port}`)
          .withCapabilities({ browserName: "MiniBrowser", "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } })
          .build();
      } catch (err) {
        if (i === 49) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    try {
      await readersPath(driver, "/webkit/");
      await walinePath(driver, "/webkit-waline/");
    } finally {
      await driver.quit();
    }
  } finally {
    stopServer();
  }
});
