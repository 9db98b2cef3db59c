// Links and avatars, as the core takes them (src/address.rs is_http_url and
// is_email, src/backend/allowlist.rs safe_link, src/backend/avatar.rs
// image_url and Isso's identicon): held to the core by
// tests/tools/painter.test.mjs.

// Rust's White_Space (char::is_whitespace, str::trim), which JS's \s and
// trim() are not (they take U+FEFF too), and its control characters.
var WS = "\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
export var SPACE_OR_CONTROL = new RegExp("[" + WS + "\\x00-\\x1f\\x7f-\\x9f]");
var TRIM = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");
export function trim(t) {
  return t.replace(TRIM, "");
}

// address::is_http_url
function isPort(p) {
  return /^\d+$/.test(p) && +p > 0 && +p <= 65535;
}
function isHost(host) {
  if (host.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }) === "localhost") return true;
  var labels = host.replace(/\.+$/, "").split(".");
  if (labels.length === 4 && labels.every(function (l) { return /^\d{1,3}$/.test(l); })) return labels.every(function (l) { return +l <= 255; });
  if (labels.length < 2) return false;
  var tld = labels[labels.length - 1];
  var chars = function (l) { return Array.from(l).length; };
  var tldOk = chars(tld) >= 2 && (/^([a-zA-Z]|[^\x00-\x7f])+$/.test(tld) || /^xn--/i.test(tld));
  return tldOk && labels.every(function (l) {
    return l && chars(l) <= 63 && l[0] !== "-" && l[l.length - 1] !== "-" && /^([a-zA-Z0-9-]|[^\x00-\x7f])+$/.test(l);
  });
}
export function isHttpUrl(url) {
  if (SPACE_OR_CONTROL.test(url) || /[<>"`\\]/.test(url)) return false;
  var m = /^https?:\/\//i.exec(url);
  if (!m) return false;
  var authority = url.slice(m[0].length).split(/[\/?#]/)[0];
  if (authority.indexOf("@") >= 0) return false;
  if (authority[0] === "[") {
    var end = authority.indexOf("]");
    if (end < 0) return false;
    var addr = authority.slice(1, end);
    var after = authority.slice(end + 1);
    return /^[0-9a-fA-F:.]+$/.test(addr) && (!after || (after[0] === ":" && isPort(after.slice(1))));
  }
  var colon = authority.lastIndexOf(":");
  if (colon >= 0) {
    if (!isPort(authority.slice(colon + 1))) return false;
    authority = authority.slice(0, colon);
  }
  return isHost(authority);
}
// address::is_email (WordPress's is_email)
function isEmail(e) {
  if (e.length < 6) return false;
  var at = e.indexOf("@");
  if (at < 1) return false;
  var local = e.slice(0, at);
  var domain = e.slice(at + 1);
  if (!/^[a-zA-Z0-9!#$%&'*+\/=?^_`{|}~.-]+$/.test(local) || domain.indexOf("..") >= 0) return false;
  if (/^[ \t\n\r\0\x0B.]|[ \t\n\r\0\x0B.]$/.test(domain)) return false;
  var subs = domain.split(".");
  return subs.length >= 2 && subs.every(function (s) { return /^[a-zA-Z0-9-]+$/.test(s) && !/^-|-$/.test(s); });
}
// allowlist::safe_link
export function safeLink(href) {
  href = trim(href);
  if (isHttpUrl(href)) return href;
  return /^mailto:/i.test(href) && isEmail(href.slice(7)) ? "mailto:" + href.slice(7) : null;
}

// avatar::image_url, identicon, read
export function imageUrl(url) {
  if (typeof url !== "string") return null;
  url = trim(url);
  var m = /^(https?:)?\/\//i.exec(url);
  if (!m || (!m[1] && url.slice(0, 2) !== "//")) return null;
  var rest = url.slice(m[0].length);
  var host = rest.split(/[\/?#]/)[0];
  return host && new TextEncoder().encode(rest).length <= 2048 && !SPACE_OR_CONTROL.test(rest) && !/["<>\\]/.test(rest) ? "https://" + rest : null;
}
var COLORS = ["#9abf88", "#5698c4", "#e279a3", "#9163b6", "#be5168", "#f19670", "#e4bf80", "#447c69"];
export function identicon(hash) {
  hash = trim(hash);
  if (!/^[0-9a-fA-F]{1,64}$/.test(hash)) return null;
  var bits = Number(BigInt("0x" + hash.slice(-16)) % 262144n);
  var d = "";
  for (var x = 0, i = 0; x < 3; x++) {
    for (var y = 0; y < 5; y++, i++) {
      if ((bits >> (17 - i)) & 1) {
        d += "M" + (4 + 8 * x) + " " + (4 + 8 * y) + "h8v8h-8z";
        if (x < 2) d += "M" + (4 + 8 * (4 - x)) + " " + (4 + 8 * y) + "h8v8h-8z";
      }
    }
  }
  return ["data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 48 48' shape-rendering='crispEdges'><rect width='48' height='48' fill='%23f0f0f0'/><path fill='" + COLORS[bits & 7].replace("#", "%23") + "' d='" + d + "'/></svg>", null];
}
