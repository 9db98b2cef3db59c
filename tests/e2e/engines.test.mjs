// The reader's path in the two other engines, through WebDriver (the notes in
// ../shared/notes/engines.md): Firefox ESR with geckodriver, and WebKitGTK's
// MiniBrowser (Safari's engine) with WebKitWebDriver under a virtual display.
// The wasm is held back a moment, so the reader types into the painted form,
// goes on typing across the takeover, and posts; Isso stores it as typed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { homedir } from "node:os";
import { Builder, By, until } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { startIsso, startStatic, freePort } from "./support/servers.mjs";
import { hostPage } from "./support/browser.mjs";

const GECKODRIVER = process.env.CW_GECKODRIVER || join(homedir(), ".cargo/bin/geckodriver");
const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
let cdn, site, isso;
const POSTED = "Thank you! Your comment has been posted.";

before(async () => {
  // The wasm arrives 1.5 s late: time to type into the painted form first.
  cdn = await startStatic({ delays: { "/comment-widget-app_bg.wasm": 1500 } });
  const sitePort = await freePort();
  isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
  site = await startStatic({
    dir: "/nonexistent",
    port: sitePort,
    pages: {
      "/firefox/": hostPage({ widgetBase: cdn.url, attributes: { "data-backend": "isso", "data-endpoint": isso.url } }),
      "/webkit/": hostPage({ widgetBase: cdn.url, attributes: { "data-backend": "isso", "data-endpoint": isso.url } }),
    },
  });
});

after(async () => {
  await Promise.all([cdn, site, isso].map((s) => s?.stop()));
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

test("Firefox: typing across the takeover, then posting", { skip: !existsSync(GECKODRIVER) && "geckodriver is not installed" }, async () => {
  const options = new firefox.Options().addArguments("-headless").setBinary("/usr/bin/firefox-esr");
  const driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER)).build();
  try {
    await readersPath(driver, "/firefox/");
  } finally {
    await driver.quit();
  }
});

test("WebKit: typing across the takeover, then posting", { skip: !existsSync(MINIBROWSER) && "WebKitGTK is not installed" }, async () => {
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
    } finally {
      await driver.quit();
    }
  } finally {
    stopServer();
  }
});
