// Cases more than one cross-language test runs: links and avatar addresses
// (the thread painter's, the WordPress plugin's), a fixed part and a
// generated part, the same every run.

/** A generator of odd values, the same every run (mulberry32). */
export function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261205);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const ODD = ["", " ", "é", "👩‍💻", "\u202e", "\u00a0", "<script>x</script>", "&amp;", "\n\n", "a\nb", "javascript:", "https://x.example", "0", "-1", "１２"];

export const LINKS = [
  "https://example.org/x?y=1", " https://example.org/ ", "HTTP://EXAMPLE.ORG", "http://localhost:8080/a", "http://127.0.0.1:0/", "http://256.1.1.1/",
  "http://[::1]:80/", "http://[::1]x", "https://user@host.example/", "https://ex ample.org", "https://exa\u00a0mple.org", "\ufeffhttps://example.org",
  "https://example.org\u2028", "https://bücher.example/", "https://xn--bcher-kva.example/", "https://a.b-/", "https://-a.b/", "https://a.1/", "https://a.c/",
  "mailto:ada@example.org", "MAILTO:ada@example.org", "mailto:not an email", "mailto:a@b", "mailto:@example.org", "mailto:a@-b.example", "mailto:a@b..example",
  "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:x", "data:text/html,x", "/relative", "//evil.example/x", "//", "http://", "https://é.example/",
  "http://é/x", "https://" + "a".repeat(64) + ".example/", "https://example.org/" + "é".repeat(1100), "https://example.org/\"<x>", "vbscript:x", "mailtö:x",
];
for (let i = 0; i < 200; i++) LINKS.push(pick(["https://", "http://", "//", "mailto:", ""]) + Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick([...ODD, "a", "b.c", "@", ":", "/", "-", "x.org", "[::1]", ":8080"])).join(""));
