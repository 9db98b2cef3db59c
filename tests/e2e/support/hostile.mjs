// The hostile corpus of the thread tests: what kses would never let through a
// form, written straight into a server's database as a compromised or
// careless import would leave it, and the bait server that anything a
// hostile comment manages to fetch would reach.
import { createServer } from "node:http";
import { freePort } from "./servers.mjs";

/** A server on 127.0.0.1 that counts every request: { url, hits(), stop() }. */
export async function startBait() {
  let hits = 0;
  const port = await freePort();
  const server = createServer((req, res) => {
    hits++;
    res.end("");
  });
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${port}`, hits: () => hits, stop: () => new Promise((r) => server.close(r)) };
}

/** Comments that try to run script or fetch from `evil`, and harmless formatting that must survive. */
export const hostileCorpus = (evil) => [
  `<script>window.__pwned = "script"</script>Script`,
  `<img src="${evil}/img" onerror="window.__pwned = 'img'">Image`,
  `<a href="javascript:window.__pwned = 'link'">a javascript: link</a>`,
  `<svg onload="window.__pwned = 'svg'"><circle r="4"/></svg>SVG`,
  `<iframe src="${evil}/frame"></iframe>Frame`,
  `<p style="background:url(${evil}/style)">Styled</p>`,
  `<form action="${evil}/form"><input name="q"><button>Go</button></form>Form`,
  `&lt;script&gt;window.__pwned = "entity"&lt;/script&gt; Entity`,
  `<a href=" JaVaScRiPt:window.__pwned='mixed'">mixed case</a>`,
  `<em>kept emphasis</em> <strong>kept strong</strong> <code>kept code</code> <a href="https://example.org/kept">kept link</a>`,
  `<blockquote>kept quote</blockquote><ul><li>kept item</li></ul>`,
];
