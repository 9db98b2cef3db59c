// Real servers for end-to-end tests, all on 127.0.0.1 and all stopped by the
// test that starts them: Isso from the venv scripts/tools.sh installs, Waline
// from its npm folder (.tools/waline), and a
// small static file server for the built widget and the host pages.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join, extname, normalize, basename, dirname } from "node:path";
import net from "node:net";

export const ROOT = new URL("../../../", import.meta.url).pathname;
export const DIST = join(ROOT, "dist");
const ISSO = process.env.CW_ISSO_BIN || join(ROOT, ".tools/isso-venv/bin/isso");

/** A port nothing listens on right now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(url, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`${what} did not start at ${url}: ${last}`);
}

/** Posts a comment to `isso`'s thread `uri` through its API (a title and an
 * e-mail added), as its own client would; resolves with Isso's answer. */
export async function issoPost(isso, uri, body) {
  return fetch(`${isso.url}/new?uri=${encodeURIComponent(uri)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "t", email: "x@example.org", ...body }),
  }).then((r) => r.json());
}

/** The rows `sql` (with `params`) reads from the SQLite file `file`, each an
 * object keyed by `names` (through python3's sqlite3: what a server stored,
 * held comments too, which no API lists). */
function sqliteRows(file, sql, params, names) {
  const script = "import json,sqlite3,sys\nprint(json.dumps(sqlite3.connect(sys.argv[1]).execute(sys.argv[2], json.loads(sys.argv[3])).fetchall()))";
  const rows = JSON.parse(execFileSync("python3", ["-c", script, file, sql, JSON.stringify(params)], { encoding: "utf8" }));
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
}

/** Stops a server's process (TERM, then KILL after 3 s) and removes its folder. */
async function stopProcess(child, dir) {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts a real Isso. `origins` are the page origins it answers CORS for.
 * Returns { url, port, comments(uri), stop() }.
 */
export async function startIsso({ origins, moderation = false, ratelimit = 100, port: wanted, maxAge = "15m", smtpPort } = {}) {
  if (!existsSync(ISSO)) throw new Error(`Isso is not installed at ${ISSO}: run scripts/tools.sh`);
  const port = wanted || (await freePort());
  const dir = mkdtempSync(join(tmpdir(), "cw-isso-"));
  const cfg = join(dir, "isso.cfg");
  writeFileSync(
    cfg,
    [
      "[general]",
      `dbpath = ${join(dir, "comments.db")}`,
      "host =",
      ...origins.map((o) => `    ${o}/`),
      // How long a reader may edit or delete what they posted.
      `max-age = ${maxAge}`,
      // With a mail sink: e-mail replies to readers who ask.
      ...(smtpPort ? ["reply-notifications = true", "notify = smtp"] : []),
      "[moderation]",
      `enabled = ${moderation}`,
      "[server]",
      `listen = http://127.0.0.1:${port}/`,
      "[guard]",
      "enabled = true",
      `ratelimit = ${ratelimit}`,
      "require-author = true",
      "require-email = true",
      // Every test reader comes from 127.0.0.1: let one reply to another.
      "reply-to-self = true",
      ...(smtpPort ? ["[smtp]", "host = 127.0.0.1", `port = ${smtpPort}`, "security = none", "to = owner@example.org", "from = isso@example.org", "timeout = 10"] : []),
      "",
    ].join("\n"),
  );
  const child = spawn(ISSO, ["-c", cfg, "run"], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/?uri=%2Fnothing`, "Isso");
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${err.message}\n${log}`);
  }
  return {
    url,
    port,
    /** Isso's SQLite database, for tests that write what no client could. */
    db: join(dir, "comments.db"),
    log: () => log,
    /** What Isso stored for a thread, read from its own API. */
    async comments(uri) {
      const res = await fetch(`${url}/?uri=${encodeURIComponent(uri)}`);
      if (res.status === 404) return [];
      const body = await res.json();
      return body.replies;
    },
    /** Every comment Isso stored for a thread, held ones too, read from its database. */
    stored(uri) {
      return sqliteRows(join(dir, "comments.db"),
        "SELECT comments.id, comments.mode, comments.author, comments.text, comments.parent FROM comments JOIN threads ON comments.tid=threads.id WHERE threads.uri=?",
        [uri], ["id", "mode", "author", "text", "parent"]);
    },
    stop: () => stopProcess(child, dir),
  };
}

/**
 * Starts a real Waline (npm @waline/vercel, in .tools/waline) with SQLite
 * through tests/waline/server.cjs; `audit` holds new comments. Returns
 * { url, port, post(body), comments(path), stored(path), stop() }.
 */
export async function startWaline({ audit = false, port: wanted } = {}) {
  if (!existsSync(join(ROOT, ".tools/waline/node_modules/@waline/vercel/index.js"))) {
    throw new Error("Waline is not installed in .tools/waline: run scripts/tools.sh");
  }
  const port = wanted || (await freePort());
  const dir = mkdtempSync(join(tmpdir(), "cw-waline-"));
  const args = [join(ROOT, "tests/waline/server.cjs"), String(port), dir, ...(audit ? ["--audit"] : [])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log = (log + d).slice(-20000)));
  child.stderr.on("data", (d) => (log = (log + d).slice(-20000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/api/comment?type=count&url=/`, "Waline", 30000);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${err.message}\n${log}`);
  }
  const api = (path, init) => fetch(`${url}/api/comment${path}`, init).then((r) => r.json());
  return {
    url,
    port,
    log: () => log,
    /** Posts through Waline's API, as its own client does; resolves with its answer's data. */
    async post(body) {
      const got = await api("", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mail: "x@example.org", link: "", ua: "test", ...body }) });
      if (got.errno !== 0) throw new Error(`Waline refused a test comment: ${JSON.stringify(got)}`);
      return got.data;
    },
    /** The published comments of a page as Waline lists them (top comments, each with its `children`). */
    async comments(path) {
      const got = await api(`?path=${encodeURIComponent(path)}&page=1&pageSize=100&sortBy=insertedAt_asc`);
      return got.data.data;
    },
    /** Every comment Waline stored for a page, held ones too, read from its database. */
    stored(path) {
      return sqliteRows(join(dir, "waline.sqlite"),
        'SELECT id, status, nick, mail, link, comment, pid, rid, "like", ua FROM wl_Comment WHERE url=? ORDER BY id',
        [path], ["id", "status", "nick", "mail", "link", "comment", "pid", "rid", "like", "ua"]);
    },
    stop: () => stopProcess(child, dir),
  };
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/**
 * Serves `dir` on its own origin, with CORS so pages on other origins can load
 * the widget from it, plus `pages`: { "/path/": html } for host pages.
 * `headers` are added to page responses (a CSP, say); `files` maps more paths
 * to files (Isso's client, for the benchmark); `gzip` compresses files;
 * `precompressed` (true, or the encodings to use: ["gzip"]) sends a file's
 * `.br` or `.gz` copy as it is, when the browser takes that encoding and the
 * copy exists (what README asks of a server), and lists those in `sent`;
 * `delays` ({ "/file": ms }) holds a file back, as a slow network would.
 */
export async function startStatic({ dir = DIST, pages = {}, headers = {}, port: wanted, files = {}, gzip = false, precompressed = false, delays = {} } = {}) {
  const zipped = new Map();
  const sent = [];
  // A file with CORS, compressed when asked to (as a CDN would).
  const sendFile = (req, res, file) => {
    const accepts = req.headers["accept-encoding"] || "";
    const encodings = precompressed === true ? ["br", "gzip"] : precompressed || [];
    const copy = [["br", ".br"], ["gzip", ".gz"]].find(([name, ext]) => encodings.includes(name) && accepts.includes(name) && existsSync(file + ext));
    const onTheFly = !copy && gzip && accepts.includes("gzip");
    const encoding = copy ? copy[0] : onTheFly ? "gzip" : null;
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] || "application/octet-stream",
      "access-control-allow-origin": "*",
      "cache-control": "no-store",
      ...(encoding ? { "content-encoding": encoding, vary: "accept-encoding" } : {}),
    });
    if (copy) {
      sent.push(`${basename(file)}${copy[1]}`);
      return res.end(readFileSync(file + copy[1]));
    }
    if (!onTheFly) return res.end(readFileSync(file));
    if (!zipped.has(file)) zipped.set(file, gzipSync(readFileSync(file), { level: 9 }));
    res.end(zipped.get(file));
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (files[path]) return sendFile(req, res, files[path]);
    if (pages[path] !== undefined) {
      res.writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-store", ...headers });
      res.end(pages[path]);
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir) || !existsSync(file) || path.endsWith("/")) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    if (delays[path]) setTimeout(() => sendFile(req, res, file), delays[path]);
    else sendFile(req, res, file);
  });
  const port = wanted || (await freePort());
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sent,
    stop: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

/**
 * A mail sink on 127.0.0.1 (aiosmtpd, in Isso's venv): every message it
 * takes is kept as { to, subject, body } (the body decoded). Returns
 * { port, messages, waitFor(predicate), stop() }.
 */
export async function startMailSink() {
  const port = await freePort();
  const python = join(dirname(ISSO), "python");
  const script = `
import email, json, sys, threading
from email import policy
from aiosmtpd.controller import Controller
class Keep:
    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=policy.default)
        part = msg.get_body(preferencelist=("plain",))
        body = part.get_content() if part is not None else ""
        print(json.dumps({"to": envelope.rcpt_tos, "subject": str(msg["subject"]), "body": body}), flush=True)
        return "250 OK"
c = Controller(Keep(), hostname="127.0.0.1", port=int(sys.argv[1]))
c.start()
print(json.dumps({"ready": True}), flush=True)
threading.Event().wait()
`;
  const child = spawn(python, ["-c", script, String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  const messages = [];
  let log = "", buffered = "";
  let ready;
  const started = new Promise((r) => (ready = r));
  child.stdout.on("data", (d) => {
    buffered += d;
    let nl;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        const m = JSON.parse(line);
        if (m.ready) ready();
        else messages.push(m);
      } catch {
        log += line + "\n";
      }
    }
  });
  child.stderr.on("data", (d) => (log += d));
  await Promise.race([started, new Promise((_, reject) => setTimeout(() => reject(new Error(`the mail sink did not start:\n${log}`)), 15000))]);
  return {
    port,
    messages,
    async waitFor(predicate, timeoutMs = 15000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = messages.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no such e-mail arrived; got ${JSON.stringify(messages)}\n${log}`);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}
