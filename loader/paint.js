// Paint first: the loader puts each form on the page itself, from the
// components' own markup (build.js MARKUP), styled and in the reader's
// language, with their saved draft and remembered details, so the reader
// can type at once; the wasm takes it over when it comes (src/edge/painted.rs).
import { listUrl } from "./addresses.js";
import { CSS, INTEGRITY, MARKUP } from "./build.js";
import { fromTemplate, h } from "./dom.js";
import { DRAFT_KEY, MOUNTED, PAINTED, PRINTED, READER_KEY, SUBMIT } from "./generated/facts.js";
import { draftKey, instanceOf, load, save, storedSort } from "./kept.js";
import { attrsOf, backendOf, endpointOf, link, off, on, wordsFor } from "./settings.js";
import { widget } from "./state.js";
import { INTENT } from "./wanted.js";
import { base } from "./where.js";

let sheet = null;
let painted = 0;

/** Gives the shadow root `root` of `host` the widget's stylesheet, once. */
export function style(host, root) {
  const record = widget(host);
  if (record.styled) return;
  record.styled = true;
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    if (!CSS) throw new Error("no stylesheet in this copy");
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    // No constructable stylesheets (or an unbuilt copy): the file.
    const sheetLink = h("link", { rel: "stylesheet", href: base + "comment-widget.css" });
    if (INTEGRITY.css) {
      sheetLink.integrity = INTEGRITY.css;
      sheetLink.crossOrigin = "anonymous";
    }
    root.appendChild(sheetLink);
  }
}

/** The painted form in `host`, if there is one. */
export function painting(host) {
  const root = host.shadowRoot;
  return root && root.querySelector(".cw-root[" + PAINTED + "]");
}

/** Paints `host`'s form (attributes `a`), or adopts the one the page printed
 * itself (the WordPress plugin's, in a declarative shadow root): either way
 * the reader's typing is kept and handed to the wasm. Returns the painted
 * .cw-root, or null when the form is the wasm's to show. */
export function paintForm(host, a) {
  const root = host.shadowRoot || host.attachShadow({ mode: "open" });
  style(host, root);
  const record = widget(host);
  const limits = (MARKUP.limits || {})[backendOf(a)];
  const printed = root.querySelector(".cw-root[" + PRINTED + "]");
  // A post that takes no more comments has no form to paint: its thread comes with the wasm.
  if (on(a, "data-closed")) return null;
  // Leave anything doubtful (and any other form already there) to the wasm.
  if (!limits || !MARKUP.form || !(a["data-endpoint"] || "").trim() || (!printed && root.querySelector(".cw-root, .cw-reply")) || host.hasAttribute(MOUNTED)) return null;
  const s = wordsFor(a);
  const p = printed ? printed.getAttribute(PRINTED) : "cwp" + ++painted;
  const required = !off(a, "data-require-name-email");
  const key = draftKey(a, location.search, location.pathname, instanceOf(host));
  const kept = load(key);
  const reader = load(READER_KEY);
  // A printed form is not a reply (the live form brings a kept reply back).
  const replyId = printed ? null : /^\s*\d+\s*$/.test(a["data-reply-to"] || "") ? a["data-reply-to"].trim() : kept && kept.parent ? String(kept.parent) : null;
  const replyName = a["data-reply-to"] ? a["data-reply-to-name"] : kept && kept.parentName;
  const vars = Object.assign({}, s, { p: p, max0: limits[0], max1: limits[1], max2: limits[2] });
  // The heading's slot: "Leave a Reply", or "Reply to Ada".
  vars.heading = replyId ? (s.reply_to || "").replace("{name}", replyName || "#" + replyId) : s.heading;
  const section = printed ? printed.querySelector(".cw-reply") : fromTemplate(MARKUP.form, vars).firstChild;
  if (!section) return null;
  const q = (selector) => section.querySelector(selector);
  const comment = q("textarea");
  let author = q("[name=author]");
  let email = q("[name=email]");
  // The printed form posts natively, with WordPress's name for the website.
  let website = q(printed ? "[name=url]" : "[name=website]");
  if (printed && website) website.name = "website";
  let remember = q("[type=checkbox]");
  const submit = q("[type=submit]");
  let form = q("form");
  if (!printed) {
    // The parts that come and go are rendered; those this form does not show
    // leave: Cancel reply, and where name and email are optional, their
    // required marks (and the space before each).
    if (!replyId) q(".cw-reply__cancel").remove();
    // "Save my name…" where the site offers it (WordPress's cookies opt-in).
    if (off(a, "data-remember")) {
      remember.parentNode.remove();
      remember = null;
    }
    if (!required) [author, email].forEach((input) => {
      const mark = input.parentNode.querySelector(".cw-required");
      input.required = false;
      mark.previousSibling.remove();
      mark.remove();
    });
    // A reader logged in to the site (WordPress): "Logged in as …" in place
    // of the notes, and only the comment is asked for. On a members-only
    // site a reader who is not gets the login's sentence instead of the form.
    const user = (a["data-logged-in-as"] || "").trim();
    const login = !user && link(a["data-login-url"]);
    if (user) {
      vars.account = (s.logged_in_as || "").replace("{name}", user);
      vars.profile = link(a["data-profile-url"]);
      vars.logout = link(a["data-logout-url"]);
      const note = fromTemplate(MARKUP.account, vars).firstChild;
      [["profile", 1], ["logout", 0]].forEach((part) => {
        const anchor = vars[part[0]] ? null : note.querySelector('a[href=""]');
        if (!anchor) return;
        if (part[1]) anchor.nextSibling.remove(); // the "." after "Edit your profile"
        anchor.previousSibling.remove();
        anchor.remove();
      });
      q(".cw-reply__notes").replaceWith(note);
      [author, email, website, remember].forEach((input) => { if (input) input.parentNode.remove(); });
      author = email = website = remember = null;
    } else if (login) {
      q(".cw-notice").remove(); // no form, no restored draft (the live one has neither)
      vars.login = login;
      form.replaceWith(fromTemplate(MARKUP.login, vars));
      form = null;
    }
  }
  // Where the thread will be (src/ui/thread/mod.rs, while it loads).
  const threaded = listUrl(a, location.pathname, storedSort(a));
  const container = printed || h("div", { class: "cw-root", [PAINTED]: "" }, section);
  // (The WordPress plugin prints the thread's first page itself.)
  if (threaded && !container.querySelector(".cw-thread-host")) container.append(fromTemplate(MARKUP.thread, vars));
  const done = () => {
    // Intent shown before the loader listens for it (a pointer over the
    // form before it was wanted, say) is remembered.
    INTENT.forEach((t) => host.addEventListener(t, () => { record.act = record.act || true; }));
    if (!printed) root.append(container);
    host.setAttribute(PAINTED, "");
    host.setAttribute(DRAFT_KEY, key);
    return container;
  };
  // A press of Preview or Cancel reply is kept and carried out once on the
  // live control (the painted thread keeps its own: the painter's takeOver).
  record.presses = [];
  record.native = null;
  container.addEventListener("click", (ev) => {
    const el = ev.target.closest && ev.target.closest(".cw-reply [data-cw-preview], .cw-reply__cancel");
    if (el && container.isConnected) record.presses.push(el.hasAttribute("data-cw-preview") ? "[data-cw-preview]" : ".cw-reply__cancel");
    // Any press (a button here or in the thread: Reply, Like, Post
    // Comment…) brings the takeover at once, not at a pause in typing (live.js).
    if (ev.target.closest && ev.target.closest("button")) record.pressed = true;
  });
  container.addEventListener("change", (ev) => {
    if (ev.target.localName === "select") record.pressed = true;
  });
  if (!form) return done(); // a members-only site: nothing to type into
  const preview = q("[data-cw-preview]");
  if (preview) preview.hidden = false; // hidden while nothing could run it
  let notice = q(".cw-notice");
  if (kept && typeof kept.comment === "string" && kept.comment.trim() && !comment.value) {
    if (!notice) {
      notice = fromTemplate(MARKUP.form, vars).querySelector(".cw-notice");
      q(".cw-reply__title").after(notice);
    }
    comment.value = kept.comment;
    notice.querySelector("button").addEventListener("click", () => {
      comment.value = "";
      save(key, "");
      notice.remove();
      comment.focus();
    });
  } else if (notice) {
    notice.remove();
  }
  if (reader && typeof reader === "object" && author && !author.value && !email.value) {
    author.value = reader.name || "";
    email.value = reader.email || "";
    website.value = reader.website || "";
    if (remember) remember.checked = true;
  }
  keepTyping(record, container, form, submit, comment, key, s);
  record.native = () => {
    // WordPress's own form, field for field: posted without JavaScript's help.
    form.action = endpointOf(a) + "/wp-comments-post.php";
    form.method = "post";
    form.removeAttribute("novalidate");
    if (website) website.name = "url";
    if (!printed) {
      form.append(h("input", { type: "hidden", name: "comment_post_ID", value: (a["data-post-id"] || "").trim() }));
      form.append(h("input", { type: "hidden", name: "comment_parent", value: replyId || "0" }));
    }
    record.nativeOn = true;
    if (container.hasAttribute(SUBMIT)) {
      submit.removeAttribute("aria-disabled");
      submit.textContent = s.submit;
    }
  };
  const moved = fromTheme(host, [["comment", comment], ["author", author], ["email", email], ["url", website]], notice);
  done();
  if (moved) {
    moved[0].focus();
    try { moved[0].setSelectionRange(moved[1], moved[2]); } catch (e) { /* an e-mail field has no selection */ }
  }
  return container;
}

// Until the wasm takes over: keep the draft, know when the reader last
// typed, remember a press of Post
// Comment (acted on, validated, once the form is live), and know whether
// an input method is composing (the takeover waits for it to end).
function keepTyping(record, container, form, submit, comment, key, s) {
  let timer = 0;
  // When the reader last typed in this form (the takeover waits for a pause: live.js).
  container.addEventListener("input", () => { record.typed = performance.now(); });
  comment.addEventListener("input", () => {
    clearTimeout(timer);
    // Once taken over, the live form keeps the draft: a late save from here would be older.
    timer = setTimeout(() => { if (container.isConnected) save(key, comment.value); }, 400);
  });
  addEventListener("pagehide", () => { if (container.isConnected) save(key, comment.value); });
  container.addEventListener("compositionstart", () => { record.composing = true; });
  container.addEventListener("compositionend", () => {
    record.composing = false;
    if (record.afterComposition) record.afterComposition();
  });
  form.addEventListener("submit", (ev) => {
    if (record.nativeOn) return; // the wasm could not run: WordPress takes it as its own form's post
    ev.preventDefault();
    container.setAttribute(SUBMIT, "");
    submit.setAttribute("aria-disabled", "true");
    submit.textContent = s.sending;
  });
}

// The theme's own form, where it follows (a WordPress page without the
// plugin's printed form): what the reader typed into it before this paint
// moves here (`pairs`: its field names and ours), with the focus and the
// caret, before it is hidden. Returns where the focus goes, if it moves.
function fromTheme(host, pairs, notice) {
  let moved = null;
  let theme = host.nextElementSibling;
  while (theme && !theme.matches("#respond, .comment-respond")) theme = theme.nextElementSibling;
  if (theme) pairs.forEach(([name, ours]) => {
    const from = theme.querySelector('[name="' + name + '"]');
    if (!from || !from.value.trim() || !ours) return;
    ours.value = from.value;
    if (name === "comment" && notice) notice.remove();
    if (document.activeElement === from) moved = [ours, from.selectionStart, from.selectionEnd];
  });
  return moved;
}

/** Paints every [data-comment-widget] not yet painted or mounted. */
export function paintAll() {
  for (const host of document.querySelectorAll("[data-comment-widget]:not([" + MOUNTED + "]):not([" + PAINTED + "])")) paintForm(host, attrsOf(host));
}
