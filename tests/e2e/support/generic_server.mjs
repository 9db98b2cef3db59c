// A small but real comments endpoint for the generic `json` and `form`
// backends: it parses what it receives, stores it (GET /stored reads it back)
// and answers the way the README's contract says a server may. Which answer
// depends on the path and on what the reader typed:
//   GET /list?<page field>=<page>&offset=&limit=  the public comments of a page (posted to /comments or
//                        /altcha/comments), for the thread
//   /comments            201 {"id", "status": "approved"}; "holdme" in the text → 202 pending;
//                        the same body twice → 409; a name of "Mallory" → 422 with a field error;
//                        more than `rateLimit` posts a minute to one path → 429
//   /csrf/comments       as /comments, but only with header X-CSRF-Token: csrf-secret (else 403)
//   (each path below also answers for anything under it, e.g. /html-ok/new)
//   /closed/comments     410 {"message": "Comments are closed."}
//   /html-error/comments 500 with an HTML page
//   /html-ok/comments    201 with an HTML page (not what a JSON API sends)
//   /slow/comments       never answers
//   /amp-error/comments  500 with an HTML page whose message has `&` before multi-byte text
//   /redirect/comments   303 to /login-page, a 200 HTML page (what a login wall or a
//                        maintenance page does): not a post
//   /lost/comments       stores the comment as /comments does, then never answers (an answer lost
//                        on the way back); the same comment again is then a 409 duplicate
//   GET /altcha/challenge         an ALTCHA challenge from altcha-lib (npm), good for 10 minutes;
//   GET /altcha-short/challenge   one good for 12 s (the widget solves a fresh one once half of that is gone)
//   /altcha/comments, /altcha-short/comments
//                        as /comments, but only with a solution altcha-lib verifies in the
//                        field "proof", each once (else 403 {"message": "The spam check failed."})
import { createServer } from "node:http";
import { createChallenge, verifySolution } from "altcha-lib/v1";

const ALTCHA_KEY = "the generic server's own secret";
import { freePort } from "./servers.mjs";

export async function startGenericServer({ rateLimit = 1000, port: wanted } = {}) {
  const stored = [];
  const seen = new Set();
  const times = new Map(); // path → post times in the last minute
  const hanging = new Set();
  let nextId = 1;
  let challenges = 0;
  const usedProofs = new Set();

  const server = createServer(async (req, res) => {
    const origin = req.headers.origin;
    const cors = origin
      ? {
          "access-control-allow-origin": origin,
          "access-control-allow-headers": "content-type, accept, x-csrf-token",
          "access-control-allow-methods": "POST, GET",
          // As Isso answers: its adapter posts with credentials (the edit cookie).
          "access-control-allow-credentials": "true",
        }
      : {};
    const send = (status, body, type = "application/json") => {
      res.writeHead(status, { "content-type": type, ...cors });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    const path = new URL(req.url, "http://x").pathname;
    if (req.method === "OPTIONS") return send(204, "");
    if (req.method === "GET" && path === "/stored") return send(200, stored);
    if (req.method === "GET" && path === "/list") {
      // The thread of one page (the one query parameter besides offset and
      // limit names it, by the field the comments are posted with), public
      // comments only, with the names they were posted with.
      const q = new URL(req.url, "http://x").searchParams;
      const offset = Number(q.get("offset") || 0), limit = Number(q.get("limit") || 50);
      const [key, value] = [...q].find(([k]) => k !== "offset" && k !== "limit") || [];
      const shown = stored.filter((c) => ["/comments", "/altcha/comments"].includes(c.path) && !c.held && key && String(c.fields[key]) === value);
      // Never the readers' email addresses.
      const listed = (c) => Object.fromEntries(Object.entries(c.fields).filter(([, v]) => !String(v).includes("@")));
      return send(200, { total: shown.length, comments: shown.slice(offset, offset + limit).map((c) => ({ ...listed(c), id: c.id, created: c.created })) });
    }
    if (req.method === "GET" && path.endsWith("/challenge")) {
      challenges++;
      const life = path.startsWith("/altcha-short/") ? 12 : 600;
      return send(200, await createChallenge({ hmacKey: ALTCHA_KEY, maxNumber: 40000, expires: new Date(Date.now() + life * 1000) }));
    }
    if (req.method === "GET" && path === "/login-page") return send(200, "<!doctype html><p>Please log in.</p>", "text/html");
    if (req.method !== "POST") return send(405, { message: "POST only" });

    let raw = "";
    for await (const chunk of req) raw += chunk;
    const type = req.headers["content-type"] || "";
    let fields;
    try {
      fields = type.startsWith("application/json")
        ? JSON.parse(raw)
        : Object.fromEntries(new URLSearchParams(raw));
    } catch {
      return send(400, { message: "Unreadable body." });
    }
    const record = { path, contentType: type, fields, csrf: req.headers["x-csrf-token"] || null };

    const under = (prefix) => path.startsWith(prefix);
    if (under("/slow/")) {
      hanging.add(res);
      return;
    }
    if (under("/closed/")) return send(410, { message: "Comments are closed." });
    if (under("/html-error/")) {
      return send(500, "<!doctype html><h1>Internal Server Error</h1><p>Traceback (most recent call last)</p>", "text/html");
    }
    if (under("/amp-error/")) {
      return send(500, "<!doctype html><p>Fehler &ééééééé; beim Speichern &#8217;</p>", "text/html; charset=utf-8");
    }
    if (under("/redirect/")) {
      res.writeHead(303, { location: "/login-page", ...cors });
      return res.end();
    }
    if (under("/html-ok/")) return send(201, "<!doctype html><p>Thanks!</p>", "text/html");
    if (under("/csrf/") && record.csrf !== "csrf-secret") return send(403, { message: "CSRF token missing or wrong." });
    if (under("/altcha")) {
      const proof = fields.proof;
      record.proofValid = typeof proof === "string" && !usedProofs.has(proof) && (await verifySolution(proof, ALTCHA_KEY));
      if (!record.proofValid) return send(403, { message: "The spam check failed." });
      usedProofs.add(proof);
    }

    const now = Date.now();
    const recent = (times.get(path) || []).filter((t) => now - t < 60000);
    times.set(path, recent);
    if (recent.length >= rateLimit) return send(429, { message: "Slow down." });
    recent.push(now);

    const values = Object.values(fields).map(String);
    const lost = under("/lost/");
    if (values.includes("Mallory")) return send(422, { message: "Invalid.", errors: { author: ["That name is reserved."] } });
    if (seen.has(raw)) return send(409, { message: "Duplicate comment." });
    seen.add(raw);
    const id = nextId++;
    const held = values.some((v) => v.includes("holdme"));
    stored.push({ id, held, created: new Date().toISOString(), ...record });
    if (lost) {
      hanging.add(res);
      return;
    }
    return send(held ? 202 : 201, { id, status: held ? "pending" : "approved" });
  });

  const port = wanted || (await freePort());
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${port}`,
    stored: () => stored,
    /** How many challenges were asked for. */
    challenges: () => challenges,
    stop: () =>
      new Promise((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(r);
      }),
  };
}
