import { startStatic, freePort } from "./support/servers.mjs";
import { launch, openPage, hostPage } from "./support/browser.mjs";
const cdn = await startStatic();
const sitePort = await freePort();
const cfgs = {
  members: { "data-backend": "wordpress-form", "data-endpoint": "/", "data-post-id": "1", "data-login-url": "/wp-login.php?redirect_to=%2F" },
  member: { "data-backend": "wordpress-rest", "data-endpoint": "/", "data-post-id": "1", "data-thread": "false", "data-logged-in-as": "Ed", "data-logout-url": "/wp-login.php?action=logout&_wpnonce=1a2b", "data-rest-nonce": "1a2b3c" },
  wp: { "data-backend": "wordpress-rest", "data-endpoint": "/", "data-post-id": "1", "data-thread": "false" },
  json: { "data-backend": "json", "data-endpoint": "/comments", "data-strings": JSON.stringify({ submit: "Send" }) },
  isso: { "data-backend": "isso", "data-endpoint": "http://127.0.0.1:9/" },
};
const pages = {};
for (const [k, a] of Object.entries(cfgs)) pages[`/${k}/`] = hostPage({ widgetBase: cdn.url, attributes: a });
const site = await startStatic({ dir: "/nonexistent", port: sitePort, pages });
const browser = await launch();
for (const k of Object.keys(cfgs)) {
  const p = await openPage(browser);
  const logs = [];
  p.on("console", (m) => logs.push(m.type() + ": " + m.text()));
  p.on("pageerror", (e) => logs.push("pageerror: " + e.message));
  await p.goto(`${site.url}/${k}/`);
  await p.waitForTimeout(1500);
  const painted = await p.locator("[data-comment-widget][data-cw-painted]").count();
  console.log(k, "painted", painted, logs.join(" | "));
  await p.context().close();
}
await browser.close(); await cdn.stop(); await site.stop();
