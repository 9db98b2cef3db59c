// What a spam bot does to a WordPress site, from Node: posts to
// wp-comments-post.php or the REST API directly, copies the served page's
// form, fetches and solves the plugin's challenge (as any ALTCHA client can),
// replays a good payload. Shared by the plugin's end-to-end test and the spam
// benchmark (scripts/bench-spam.mjs).
import { createHash } from "node:crypto";

/** The plugin's challenge route, as the widget asks it. */
export async function fetchChallenge(site) {
  const res = await fetch(`${site}/?rest_route=/comment-widget/v1/challenge`);
  if (!res.ok) throw new Error(`no challenge: ${res.status}`);
  return res.json();
}

/** Solves a challenge as the browser does (SHA-256 of salt + number); the payload, base64 JSON. */
export function solve(c) {
  for (let n = 0; n <= c.maxnumber; n++) {
    if (createHash("sha256").update(c.salt + n).digest("hex") === c.challenge) return encode({ ...fields(c), number: n });
  }
  throw new Error("unsolvable challenge");
}

const fields = (c) => ({ algorithm: c.algorithm, challenge: c.challenge, salt: c.salt, signature: c.signature });

/** Any object as the payload's encoding (base64 of its JSON): forged payloads are made with it. */
export function encode(object) {
  return Buffer.from(typeof object === "string" ? object : JSON.stringify(object)).toString("base64");
}

/** POSTs a form to wp-comments-post.php; never follows a redirect. Returns
 * { status, location, body }. */
export async function postForm(site, form) {
  const res = await fetch(`${site}/wp-comments-post.php`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });
  return { status: res.status, location: res.headers.get("location") || "", body: await res.text() };
}

/** POSTs JSON to the REST comments route. Returns { status, json }. */
export async function postRest(site, body) {
  const res = await fetch(`${site}/?rest_route=/wp/v2/comments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, body: text };
}

/** Every named control of the served page's printed form, with its value, as a
 * scraper reads the HTML (hidden fields, the trap, the issue time). */
export async function scrapeForm(pageUrl) {
  const html = await (await fetch(pageUrl)).text();
  const form = html.match(/<form[^>]*wp-comments-post\.php[\s\S]*?<\/form>/);
  if (!form) throw new Error("no printed form on " + pageUrl);
  const out = {};
  for (const tag of form[0].matchAll(/<(input|textarea)\b([^>]*)>/g)) {
    const name = tag[2].match(/\bname="([^"]*)"/);
    if (!name) continue;
    const value = tag[2].match(/\bvalue="([^"]*)"/);
    if (/type="checkbox"/.test(tag[2])) continue;
    out[name[1]] = value ? value[1].replaceAll("&quot;", '"').replaceAll("&amp;", "&") : "";
  }
  return out;
}

/** True when a PHP warning, notice or error reached the answer. */
export const phpComplained = (body) => /\b(Warning|Notice|Deprecated|Fatal error|Uncaught)\b/.test(body);
