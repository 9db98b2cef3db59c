// Serves dist/ (the demo article and the widget) on 127.0.0.1 and runs
// Lighthouse's performance and accessibility categories on it, mobile
// defaults (simulated slow 4G, 4x CPU slowdown). Prints the two scores.
import { spawn } from "node:child_process";
import { readFileSync, mkdtempSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStatic, ROOT } from "../tests/e2e/support/servers.mjs";

const site = await startStatic({ gzip: true, pages: { "/": readFileSync(join(ROOT, "dist/index.html"), "utf8") } });
const reportDir = mkdtempSync(join(tmpdir(), "cw-lh-"));
const out = join(reportDir, "report.json");
// Lighthouse writes its report, then can hang here while it kills Chromium:
// wait for the report, then end its whole process group.
function runLighthouse(args) {
  const child = spawn(join(ROOT, "node_modules/.bin/lighthouse"), args, {
    env: { ...process.env, CHROME_PATH: process.env.CW_CHROMIUM || "/usr/bin/chromium" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 300000;
    const poll = setInterval(() => {
      const done = existsSync(out) || child.exitCode !== null;
      if (!done && Date.now() < deadline) return;
      clearInterval(poll);
      setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {}
        existsSync(out) ? resolve() : reject(new Error("Lighthouse wrote no report"));
      }, 1000);
    }, 250);
  });
}

try {
  await runLighthouse(
    [
      `${site.url}/`,
      "--only-categories=performance,accessibility",
      "--output=json",
      `--output-path=${out}`,
      "--quiet",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run",
  ]);
  const report = JSON.parse(readFileSync(out, "utf8"));
  const score = (c) => Math.round(report.categories[c].score * 100);
  const audit = (id) => report.audits[id]?.displayValue ?? "–";
  console.log(`Lighthouse ${report.lighthouseVersion} on the demo article (${report.configSettings.formFactor}, simulated throttling)`);
  console.log(`performance    ${score("performance")}   (FCP ${audit("first-contentful-paint")}, LCP ${audit("largest-contentful-paint")}, TBT ${audit("total-blocking-time")}, CLS ${audit("cumulative-layout-shift")})`);
  console.log(`accessibility  ${score("accessibility")}`);
  const failing = Object.values(report.audits).filter((a) => a.score !== null && a.score < 1 && report.categories.accessibility.auditRefs.some((r) => r.id === a.id));
  for (const a of failing) console.log(`  accessibility audit not passed: ${a.id}: ${a.title}`);
} finally {
  await site.stop();
  rmSync(reportDir, { recursive: true, force: true });
}
