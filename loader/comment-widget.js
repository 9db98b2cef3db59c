/*
 * comment-widget loader. Put one classic script tag on a page:
 *   <script src="https://your-cdn.example/comment-widget/comment-widget.js" defer></script>
 * and a form is mounted into every element carrying data-comment-widget.
 * The wasm app is fetched next to this file, so it can live on any origin. No
 * inline script or style is needed (strict CSP works).
 *
 * Paint first: this file alone puts each form on the page, styled and in its
 * language, with the reader's saved draft and remembered details, so the
 * reader can type at once; when the wasm is ready, the Leptos form takes over
 * what was typed, the focus and the caret. If the wasm cannot run, the painted
 * form stays, says so and keeps the text; a wordpress-form one then posts the
 * way WordPress's own form does, without JavaScript's help.
 *
 * JS API, for single-page apps (every call returns a Promise):
 *   CommentWidget.mount(element, { backend: "isso", endpoint: "…", postId: 1, … })
 *     → { element, unmount(), replyTo(id, name) }   options are the data-* attributes in camelCase
 *   CommentWidget.replyTo(element, id, name)        the heading becomes "Reply to <name>"; no id ends it
 *   CommentWidget.unmount(element)
 *   CommentWidget.mountAll()       mounts [data-comment-widget] elements added since (and tries
 *                                  again to load the form if an earlier load failed)
 * or, in a framework's templates, the element:
 *   <comment-widget backend="isso" endpoint="https://comments.example.org"></comment-widget>
 *   (attributes as the data-* ones, without "data-"; it mounts when connected, unmounts when
 *   removed, keeps its form when moved, and mounts again when an attribute changes)
 *
 * If the wasm ever stops (a trap), this file tells the reader in each form and
 * keeps saving what they type, so the text is there after a reload.
 *
 * Load on approach: each form is painted at once, but the wasm, the glue, a
 * language table and the thread's first page are asked for only when the
 * form comes within about one screen of the viewport, when the reader
 * focuses or types in it, or at once when the page was opened at the
 * comments (#respond, #comments, #comment-N, #isso-N, ?replytocom=N).
 * data-loading="eager" (the element's loading="eager", the JS API's
 * loading: "eager") loads at once, as does a browser without
 * IntersectionObserver. A reader who never scrolls there costs this file
 * and nothing else: no request reaches the comments server.
 */
(function (top) {
  "use strict";
  var LOADER = "comment-widget.js";
  // Loaded with type="module", `this` is undefined and document.currentScript
  // is null: nothing here could find its own folder.
  if (top === undefined) {
    console.error("comment-widget: " + LOADER + " must be loaded as a classic script: <script src=\"…/" + LOADER + "\" defer></script>, without type=\"module\"");
    return;
  }
  var w = window;
  var doc = document;
  // Loading the script twice is harmless: the second copy only mounts forms
  // that appeared since.
  if (w.CommentWidget && w.CommentWidget.mountAll) {
    w.CommentWidget.mountAll();
    return;
  }
  // currentScript may be clobbered by an element named "currentScript" in a
  // page that lets readers write HTML: trust only a real <script> whose
  // address ends with this file's name.
  var script = doc.currentScript;
  var src = script instanceof HTMLScriptElement ? script.src.split(/[?#]/)[0] : "";
  if (src.slice(-LOADER.length) !== LOADER) {
    console.error("comment-widget: cannot tell where " + LOADER + " was loaded from (document.currentScript is not its <script>); load it with a plain <script src> tag");
    return;
  }
  var base = new URL(".", src).href;
  var cssUrl = base + "comment-widget.css";
  // Filled in by the build (scripts/post-build.mjs): the Subresource
  // Integrity of the files fetched from here, the widget's stylesheet, the
  // form's words in each language (from src/i18n/*.rs), and the form's
  // markup as the Leptos components render it (src/bin/markup.rs: the form
  // with name and email required, the thread while it loads, each
  // backend's limits), with slots ({{name}}) for words, ids and limits.
  // Empty in an unprocessed copy, which then still works, only later.
  var INTEGRITY = /*cw:integrity*/ {};
  var CSS = /*cw:css*/ "";
  var WORDS = /*cw:words*/ {};
  var MARKUP = /*cw:markup*/ {};
  var app = null;
  var exports = null; // the wasm instance's exports, once loaded
  var stopped = false; // the wasm trapped: no more calls into it
  var painted = 0;
  // The wasm is the longest download: when the page already has a form for
  // it, it is asked for first, before the forms are painted, by a preload
  // (starting a request costs a few ms before the form shows, 2 to 7 ms in
  // CDP profiles here, fetch() or preload alike); loadApp()'s fetch, with
  // the integrity, takes that response, so the check stays in one place.
  // (The integrity is not on the link: Chrome ignores it there, with a warning.)
  // Everything else waits until the painted form is drawn (afterPaint): each
  // request started costs the page a few ms. Against the loader that did all
  // of it before the first frame (node scripts/bench-loaders.mjs, 40 runs
  // interleaved): typeable 244 vs 251 ms on slow 4G and 43 vs 50 unthrottled;
  // taken over 841 vs 842 on slow 4G, but 133 vs 116 unthrottled (the glue
  // is imported a frame later).
  // (Only when a form on the page loads at once: see "Load on approach".)
  if (typeof WebAssembly === "object" && Array.prototype.some.call(doc.querySelectorAll("[data-comment-widget], comment-widget"), function (host) {
    return eager({ "data-loading": host.getAttribute("data-loading") || (host.localName === "comment-widget" && host.getAttribute("loading")) });
  })) {
    doc.head.appendChild(h("link", { rel: "preload", as: "fetch", crossorigin: "anonymous", href: base + "comment-widget-app_bg.wasm" }));
  }

  function reason(err) {
    return err && err.message ? err.message : String(err);
  }

  // ---- Words and settings, as the wasm reads them (src/config.rs, src/i18n) ----

  function primary(tag) {
    return String(tag || "").trim().split(/[-_]/)[0].toLowerCase();
  }

  // data-lang, else the page's <html lang>, else English; then the site's data-strings.
  function langOf(a) {
    var l = primary(a["data-lang"]);
    if (WORDS[l]) return l;
    l = primary(doc.documentElement.lang);
    return WORDS[l] ? l : "en";
  }
  function wordsFor(a) {
    var words = WORDS[langOf(a)] || {};
    var out = {};
    for (var k in words) out[k] = words[k];
    try {
      var over = JSON.parse(a["data-strings"] || "{}");
      for (var key in over) if (typeof over[key] === "string" && key in out) out[key] = over[key];
    } catch (e) {
      /* the wasm names a broken data-strings in the console */
    }
    return out;
  }

  function hostWords(host) {
    return wordsFor(host.cwAttrs || attrsOf(host));
  }

  function attrsOf(host) {
    var out = {};
    for (var i = 0; i < host.attributes.length; i++) out[host.attributes[i].name] = host.attributes[i].value;
    return out;
  }


  // The key the wasm keeps this form's draft under (src/memory.rs draft_key).
  function draftKey(host, a) {
    var ROUTING = ["p", "page_id", "attachment_id", "name", "pagename", "post_type"];
    var params = {};
    location.search.replace(/^\?/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      var k = at < 0 ? pair : pair.slice(0, at);
      var v = at < 0 ? "" : pair.slice(at + 1);
      if (ROUTING.indexOf(k) >= 0 && v && !(k in params)) params[k] = v;
    });
    var route = ROUTING.filter(function (k) { return k in params; }).map(function (k) { return k + "=" + params[k]; }).join("&");
    var page = (a["data-page"] || "").trim() || location.pathname || "/";
    var post = (a["data-post-id"] || "").trim();
    var all = doc.querySelectorAll("[data-comment-widget], comment-widget");
    var index = Array.prototype.indexOf.call(all, host);
    var instance = host.id ? "#" + host.id : index >= 0 ? String(index) : "api";
    return "comment-widget:draft:" + (a["data-endpoint"] || "").trim().replace(/\/+$/, "") + "|" + page + (route ? "?" + route : "") + (post ? "#" + post : "") + "|" + instance;
  }

  function load(key) {
    try {
      return JSON.parse(w.localStorage.getItem(key) || "null");
    } catch (e) {
      return null;
    }
  }

  function save(key, comment) {
    try {
      var old = load(key) || {};
      if (comment.trim()) w.localStorage.setItem(key, JSON.stringify({ v: 1, comment: comment, parent: old.parent || null, parentName: old.parentName || null }));
      else w.localStorage.removeItem(key);
    } catch (e) {
      /* storage full or disabled: the text stays on screen */
    }
  }

  // ---- Paint first ----

  var sheet = null;
  function style(root) {
    if (root.cwStyled) return;
    root.cwStyled = true;
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      if (!CSS) throw new Error("no stylesheet in this copy");
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      // No constructable stylesheets (or an unprocessed copy): the file.
      var link = doc.createElement("link");
      link.rel = "stylesheet";
      link.href = cssUrl;
      if (INTEGRITY.css) {
        link.integrity = INTEGRITY.css;
        link.crossOrigin = "anonymous";
      }
      root.appendChild(link);
    }
  }

  // h("p", {class: "x"}, child, "text", …): an element, built node by node.
  function h(tag, attrs) {
    var el = doc.createElement(tag);
    for (var name in attrs) if (attrs[name] !== null && attrs[name] !== undefined) el.setAttribute(name, attrs[name]);
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child !== null && child !== undefined) el.append(child);
    }
    return el;
  }

  // The component's markup (MARKUP), parsed inert in a <template> (our
  // own build's HTML, never a reader's or a server's), its slots filled as
  // text: each text node and attribute value is read once, so a word that
  // itself holds "{{…}}" stays as written.
  function fromTemplate(html, vars) {
    var t = doc.createElement("template");
    t.innerHTML = html;
    var fill = function (text) {
      return text.replace(/\{\{(\w+)\}\}/g, function (m, k) { return k in vars ? vars[k] : ""; });
    };
    var walk = doc.createTreeWalker(t.content, 5 /* elements and text */);
    for (var n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.nodeType === 3) n.data = fill(n.data);
      else for (var i = 0; i < n.attributes.length; i++) n.attributes[i].value = fill(n.attributes[i].value);
    }
    return t.content;
  }

  // The thread's first page, asked for one frame after the paint of a form
  // that is wanted (afterPaint and near, long before the wasm arrives); the
  // wasm takes the answer by its URL
  // (src/backend/thread.rs list_request, mirrored here).
  var prefetched = {};
  var answers = {};
  function encodeValue(v) {
    return encodeURIComponent(v).replace(/%2F/g, "/").replace(/[!'()*]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
  }
  // The reader's stored order, else the site's data-sort (src/ui/thread.rs).
  function storedSort(a) {
    var sort = "";
    try {
      sort = w.localStorage.getItem("comment-widget:sort") || "";
    } catch (e) {
      /* storage disabled: the site's order */
    }
    return /^(oldest|newest|top)$/.test(sort) ? sort : (a["data-sort"] || "").trim().toLowerCase();
  }
  // data-per-page, 1 to 100, else 50 (thread::PAGE_SIZE).
  function perPage(a) {
    var n = (a["data-per-page"] || "").trim();
    return /^\d+$/.test(n) && +n >= 1 && +n <= 100 ? +n : 50;
  }
  function listUrl(a) {
    if (off(a, "data-thread")) return null;
    var backend = (a["data-backend"] || "").trim().toLowerCase();
    var endpoint = (a["data-endpoint"] || "").trim().replace(/\/+$/, "");
    var post = (a["data-post-id"] || "").trim();
    var sort = storedSort(a);
    if (backend !== "isso" && sort === "top") sort = "";
    // An oldest-first thread that opens at its newest page is read newest
    // first (data-first-page; Paging::asked); data-per-page is 1 to 100.
    if (!/^(newest|top)$/.test(sort) && /^\s*newest\s*$/i.test(a["data-first-page"] || "")) sort = "newest";
    var newest = sort === "newest";
    var n = perPage(a);
    if (backend === "isso") {
      var page = (a["data-page"] || "").trim() || location.pathname || "/";
      return endpoint + "/?uri=" + encodeValue(page) + "&limit=" + n + "&offset=0&nested_limit=50" + (newest ? "&sort=newest" : sort === "top" ? "&sort=upvotes" : "");
    }
    if (backend === "wordpress-rest" && /^\d+$/.test(post)) {
      var list = /(^|\/)wp-json$/.test(endpoint) ? endpoint + "/wp/v2/comments" : endpoint + "/?rest_route=/wp/v2/comments";
      return list + (list.indexOf("?") < 0 ? "?" : "&") + "post=" + post + "&per_page=" + n + "&page=1&order=" + (newest ? "desc" : "asc") + "&orderby=date_gmt";
    }
    var listEndpoint = (a["data-list-endpoint"] || "").trim().replace(/\/+$/, "");
    if ((backend === "json" || backend === "form") && listEndpoint) {
      var name = "page";
      try {
        var f = JSON.parse(a["data-fields"] || "{}");
        if (f && typeof f.page === "string") name = f.page;
      } catch (e) {
        /* the wasm names a broken data-fields */
      }
      return listEndpoint + (listEndpoint.indexOf("?") < 0 ? "?" : "&") + encodeValue(name) + "=" + encodeValue((a["data-page"] || "").trim() || location.pathname || "/") + "&offset=0&limit=" + n + (newest ? "&sort=newest" : "");
    }
    return null;
  }
  function prefetch(a) {
    var url = listUrl(a);
    if (!url || prefetched[url] || typeof fetch !== "function") return;
    var seconds = parseInt(a["data-timeout"], 10);
    var ms = (seconds > 0 ? seconds : 20) * 1000;
    var signal = typeof AbortSignal === "function" && AbortSignal.timeout ? { signal: AbortSignal.timeout(ms) } : {};
    signal.headers = { Accept: "application/json" };
    prefetched[url] = fetch(url, signal);
    // Read by the wasm or not at all: a failure here is the wasm's to say.
    prefetched[url].catch(function () {});
    // The thread painter's copy, cloned before the wasm can read the body.
    answers[url] = prefetched[url].then(function (r) { return r.clone(); });
    answers[url].catch(function () {});
  }
  function takePrefetched(url) {
    var got = prefetched[url];
    delete prefetched[url];
    return got;
  }

  // A yes/no attribute set to no, as src/config.rs reads it (false, no or 0).
  function off(a, name) {
    return /^\s*(false|no|0)\s*$/i.test(a[name] || "");
  }

  // A link's address as src/config.rs takes it: http(s), or a path on this site; else none.
  function link(url) {
    url = (url || "").trim();
    return /^(https?:\/\/[^\/\s?#]+([\/?#]\S*)?|\/(?!\/)\S*)$/i.test(url) ? url : "";
  }

  // Paints a host's form, or adopts the one the page printed itself (the
  // WordPress plugin's, in a declarative shadow root, `data-cw-printed`):
  // either way the reader's typing is kept and handed to the wasm.
  function paintForm(host, a) {
    var root = host.shadowRoot || host.attachShadow({ mode: "open" });
    style(root);
    var backend = (a["data-backend"] || "").trim().toLowerCase();
    var limits = (MARKUP.limits || {})[backend];
    var printed = root.querySelector(".cw-root[data-cw-printed]");
    // A post that takes no more comments has no form to paint: its thread comes with the wasm.
    if (/^\s*(true|yes|1)\s*$/i.test(a["data-closed"] || "")) return null;
    // Leave anything doubtful (and any other form already there) to the wasm.
    if (!limits || !MARKUP.form || !(a["data-endpoint"] || "").trim() || (!printed && root.querySelector(".cw-root, .cw-reply")) || host.hasAttribute("data-cw-mounted")) return null;
    var s = wordsFor(a);
    var p = printed ? printed.getAttribute("data-cw-printed") : "cwp" + ++painted;
    var required = !off(a, "data-require-name-email");
    var key = draftKey(host, a);
    var kept = load(key);
    var reader = load("comment-widget:reader");
    // A printed form is not a reply (the live form brings a kept reply back).
    var replyId = printed ? null : /^\s*\d+\s*$/.test(a["data-reply-to"] || "") ? a["data-reply-to"].trim() : kept && kept.parent ? String(kept.parent) : null;
    var replyName = a["data-reply-to"] ? a["data-reply-to-name"] : kept && kept.parentName;
    var vars = {};
    for (var word in s) vars[word] = s[word];
    vars.p = p;
    vars.max0 = limits[0];
    vars.max1 = limits[1];
    vars.max2 = limits[2];
    // The heading's slot: "Leave a Reply", or "Reply to Ada".
    vars.heading = replyId ? (s.reply_to || "").replace("{name}", replyName || "#" + replyId) : s.heading;
    var section = printed ? printed.querySelector(".cw-reply") : fromTemplate(MARKUP.form, vars).firstChild;
    if (!section) return null;
    var q = function (selector) { return section.querySelector(selector); };
    var comment = q("textarea");
    var author = q("[name=author]");
    var email = q("[name=email]");
    // The printed form posts natively, with WordPress's name for the website.
    var website = q(printed ? "[name=url]" : "[name=website]");
    if (printed && website) website.name = "website";
    var remember = q("[type=checkbox]");
    var submit = q("[type=submit]");
    var form = q("form");
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
      if (!required) [author, email].forEach(function (input) {
        var mark = input.parentNode.querySelector(".cw-required");
        input.required = false;
        mark.previousSibling.remove();
        mark.remove();
      });
      // A reader logged in to the site (WordPress): "Logged in as …" in place
      // of the notes, and only the comment is asked for. On a members-only
      // site a reader who is not gets the login's sentence instead of the form.
      var user = (a["data-logged-in-as"] || "").trim();
      var login = !user && link(a["data-login-url"]);
      if (user) {
        vars.account = (s.logged_in_as || "").replace("{name}", user);
        vars.profile = link(a["data-profile-url"]);
        vars.logout = link(a["data-logout-url"]);
        var note = fromTemplate(MARKUP.account, vars).firstChild;
        [["profile", 1], ["logout", 0]].forEach(function (part) {
          var anchor = vars[part[0]] ? null : note.querySelector('a[href=""]');
          if (!anchor) return;
          if (part[1]) anchor.nextSibling.remove(); // the "." after "Edit your profile"
          anchor.previousSibling.remove();
          anchor.remove();
        });
        q(".cw-reply__notes").replaceWith(note);
        [author, email, website, remember].forEach(function (input) { if (input) input.parentNode.remove(); });
        author = email = website = remember = null;
      } else if (login) {
        q(".cw-notice").remove(); // no form, no restored draft (the live one has neither)
        vars.login = login;
        form.replaceWith(fromTemplate(MARKUP.login, vars));
        form = null;
      }
    }
    // Where the thread will be (src/ui/thread.rs, while it loads).
    var threaded = listUrl(a);
    var container = printed || h("div", { class: "cw-root", "data-cw-painted": "" }, section);
    // (The WordPress plugin prints the thread's first page itself.)
    if (threaded && !container.querySelector(".cw-thread-host")) container.append(fromTemplate(MARKUP.thread, vars));
    var done = function () {
      // Intent shown before the loader listens for it (a pointer over the
      // form before it was wanted, say) is remembered.
      INTENT.forEach(function (t) {
        host.addEventListener(t, function () { host.cwAct = host.cwAct || true; });
      });
      if (!printed) root.append(container);
      host.setAttribute("data-cw-painted", "");
      host.setAttribute("data-cw-draft-key", key);
      return container;
    };
    // A press of Preview or Cancel reply is kept and carried out once on the
    // live control (the painted thread keeps its own: the painter's takeOver).
    var presses = (container.cwPresses = []);
    container.addEventListener("click", function (ev) {
      var el = ev.target.closest && ev.target.closest(".cw-reply [data-cw-preview], .cw-reply__cancel");
      if (el && container.isConnected) presses.push(el.hasAttribute("data-cw-preview") ? "[data-cw-preview]" : ".cw-reply__cancel");
    });
    if (!form) return done(); // a members-only site: nothing to type into
    var preview = q("[data-cw-preview]");
    if (preview) preview.hidden = false; // hidden while nothing could run it
    var notice = q(".cw-notice");
    if (kept && typeof kept.comment === "string" && kept.comment.trim() && !comment.value) {
      if (!notice) {
        notice = fromTemplate(MARKUP.form, vars).querySelector(".cw-notice");
        q(".cw-reply__title").after(notice);
      }
      comment.value = kept.comment;
      notice.querySelector("button").addEventListener("click", function () {
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
    // Until the wasm takes over: keep the draft, remember a press of Post
    // Comment (acted on, validated, once the form is live), and know whether
    // an input method is composing (the takeover waits for it to end).
    var timer = 0;
    comment.addEventListener("input", function () {
      clearTimeout(timer);
      // Once taken over, the live form keeps the draft: a late save from here would be older.
      timer = setTimeout(function () { if (container.isConnected) save(key, comment.value); }, 400);
    });
    w.addEventListener("pagehide", function () { if (container.isConnected) save(key, comment.value); });
    container.addEventListener("compositionstart", function () { container.cwComposing = true; });
    container.addEventListener("compositionend", function () {
      container.cwComposing = false;
      if (container.cwAfterComposition) container.cwAfterComposition();
    });
    form.addEventListener("submit", function (ev) {
      if (form.cwNative) return; // the wasm could not run: WordPress takes it as its own form's post
      ev.preventDefault();
      container.setAttribute("data-cw-submit", "");
      submit.setAttribute("aria-disabled", "true");
      submit.textContent = s.sending;
    });
    container.cwNative = function () {
      // WordPress's own form, field for field: posted without JavaScript's help.
      var end = (a["data-endpoint"] || "").trim().replace(/\/+$/, "");
      form.action = end + "/wp-comments-post.php";
      form.method = "post";
      form.removeAttribute("novalidate");
      if (website) website.name = "url";
      if (!printed) {
        form.append(h("input", { type: "hidden", name: "comment_post_ID", value: (a["data-post-id"] || "").trim() }));
        form.append(h("input", { type: "hidden", name: "comment_parent", value: replyId || "0" }));
      }
      form.cwNative = true;
      if (container.hasAttribute("data-cw-submit")) {
        submit.removeAttribute("aria-disabled");
        submit.textContent = s.submit;
      }
    };
    // The theme's own form, where it follows (a WordPress page without the
    // plugin's printed form): what the reader typed into it before this
    // paint moves here, with the focus and the caret, before it is hidden.
    var moved = null;
    var theme = host.nextElementSibling;
    while (theme && !theme.matches("#respond, .comment-respond")) theme = theme.nextElementSibling;
    if (theme) [["comment", comment], ["author", author], ["email", email], ["url", website]].forEach(function (pair) {
      var from = theme.querySelector('[name="' + pair[0] + '"]');
      if (!from || !from.value.trim() || !pair[1]) return;
      pair[1].value = from.value;
      if (pair[1] === comment && notice) notice.remove();
      if (doc.activeElement === from) moved = [pair[1], from.selectionStart, from.selectionEnd];
    });
    done();
    if (moved) {
      moved[0].focus();
      try { moved[0].setSelectionRange(moved[1], moved[2]); } catch (e) { /* an e-mail field has no selection */ }
    }
    return container;
  }

  // ---- The thread, painted from its first page (comment-widget-thread.js) ----

  var painter = null;
  function painterOf() {
    return (painter = painter || importChecked("comment-widget-thread.js", INTEGRITY.thread));
  }
  function paintThread(host, a, container) {
    var url = listUrl(a);
    var place = container.querySelector(".cw-thread-host");
    if (!url || !answers[url] || !place) return Promise.resolve(null);
    // A press on a thread printed into the page (the WordPress plugin's)
    // before the painter's replaces it: kept.
    var pressed = (place.cwPressed = []);
    var keep = function (ev) {
      var el = ev.target.closest(ev.type === "change" ? "select" : "button");
      if (el) pressed.push(el);
    };
    place.addEventListener("click", keep);
    place.addEventListener("change", keep);
    // What the painter reads the attributes with, as this file reads them.
    return painterOf().then(function (m) {
      return m.paintFirst(place, a, answers[url], { lang: langOf(a), sort: storedSort(a), perPage: perPage(a), off: off, link: link, load: load });
    }).catch(function (err) {
      console.warn("comment-widget: " + reason(err));
      return null;
    });
  }

  function paintAll() {
    var hosts = doc.querySelectorAll("[data-comment-widget]:not([data-cw-mounted]):not([data-cw-painted])");
    for (var i = 0; i < hosts.length; i++) paintForm(hosts[i], attrsOf(hosts[i]));
  }

  // ---- When the wasm cannot run, or stops ----

  function painting(host) {
    var root = host.shadowRoot;
    return root && root.querySelector(".cw-root[data-cw-painted]");
  }

  function fallback(err) {
    console.error("comment-widget: the form could not be loaded from " + base + " (" + reason(err) + ")");
    var hosts = doc.querySelectorAll("[data-comment-widget]:not([data-cw-mounted]), comment-widget:not([data-cw-mounted])");
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      var s = hostWords(host);
      var container = painting(host);
      host.setAttribute("data-cw-unloaded", "");
      if (container) {
        // The painted form stays, with what is typed, and says why it cannot post.
        var status = container.querySelector(".cw-status");
        status.textContent = s.not_loaded;
        status.className = "cw-status cw-status--error";
        if ((host.cwAttrs || attrsOf(host))["data-backend"] === "wordpress-form") container.cwNative();
        else host.removeAttribute("data-cw-painted");
      } else {
        host.setAttribute("data-cw-mounted", "");
        var text = s.not_loaded || "The comment form could not be loaded.";
        if (host.shadowRoot) host.shadowRoot.replaceChildren(h("p", {}, text));
        else host.textContent = text;
      }
    }
  }

  // The wasm trapped (with panic = "abort" a panic is a trap): every form on
  // the page is dead. Say so in each, keep what is typed, and stop the
  // browser from submitting a dead form to the page itself.
  function stop(err) {
    if (stopped || !(err instanceof WebAssembly.RuntimeError)) return;
    stopped = true;
    console.error("comment-widget: the form stopped working (" + reason(err) + ")");
    var hosts = doc.querySelectorAll("[data-cw-mounted]");
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      var root = host.shadowRoot;
      var key = host.getAttribute("data-cw-draft-key");
      if (!root) continue;
      var box = root.querySelector("textarea[name=comment]");
      if (box && key) {
        var keep = (function (k, b) { return function () { save(k, b.value); }; })(key, box);
        keep();
        box.addEventListener("input", keep);
        // A save the dead wasm had scheduled may still fire with older
        // text: the page's last word, as it goes, is what the box holds.
        w.addEventListener("pagehide", keep);
      }
      root.addEventListener("submit", function (ev) { ev.preventDefault(); ev.stopImmediatePropagation(); }, true);
      host.removeAttribute("data-cw-live");
      var status = root.querySelector(".cw-status");
      if (status) {
        status.textContent = hostWords(host).stopped;
        status.className = "cw-status cw-status--error";
      }
    }
  }
  w.addEventListener("error", function (ev) { stop(ev.error); });
  // One of the page's reply links (WordPress's, [data-cw-reply-to]) pressed
  // before the live form is there: an intent to act. The code loads (and the
  // form, if it was not wanted yet), and the press is made again on the link.
  doc.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest(".comment-reply-link, [data-cw-reply-to]");
    var host = doc.querySelector("[data-comment-widget][data-cw-painted]:not([data-cw-live])");
    if (!link || !host || doc.querySelector("[data-cw-live]")) return;
    ev.preventDefault();
    host.cwAct = link;
    host.dispatchEvent(new Event("focusin"));
    host.dispatchEvent(new Event("pointerdown"));
  });
  w.addEventListener("unhandledrejection", function (ev) { stop(ev.reason); });

  // ---- Loading the wasm ----

  // Once the browser has drawn the painted forms (the reader sees them and can
  // type), what can wait a frame is done: the threads' first pages are asked
  // for, the glue is imported, a language's table is asked for (about 5 ms of
  // script that came before the first frame). A hidden tab draws no frames:
  // 50 ms then. (Waiting for an idle moment instead measured no better and
  // took over later on a fast network.)
  function afterPaint() {
    return new Promise(function (go) {
      var late = setTimeout(go, 50);
      if (w.requestAnimationFrame) {
        w.requestAnimationFrame(function () {
          clearTimeout(late);
          setTimeout(go, 0);
        });
      }
    });
  }

  // ---- Load on approach ----

  // The page was opened at the comments: at a comment, the form, the thread,
  // or WordPress's reply link without JavaScript.
  function openedAtComments() {
    return location.hash === "#comments" || openedToAct();
  }
  // …at the form, at one comment (the live thread finds its page), or at
  // WordPress's reply link: the code loads at once.
  function openedToAct() {
    return /^#(respond|comment-\d+|isso-\d+)$/.test(location.hash) || /[?&]replytocom=\d/.test(location.search);
  }

  // This form loads at once rather than on approach (without WebAssembly it
  // cannot load at all: the painted form says so at once, and a
  // wordpress-form one posts without the wasm).
  function eager(a) {
    return String(a["data-loading"] || "").trim().toLowerCase() === "eager" || typeof IntersectionObserver !== "function" || typeof WebAssembly !== "object" || openedToAct();
  }

  // Readers first: a form whose thread is painted loads its code when the
  // reader shows intent to act in it (focus, a key, a pointer down or over
  // it, typing, a press), or at once when it loads eagerly, when the thread
  // could not be painted, or when the address moves to one comment. A reader
  // who only reads and scrolls fetches no wasm.
  var INTENT = ["focusin", "keydown", "pointerdown", "pointerover", "input"];
  function intent(host, thread) {
    return host.cwAct ? thread : new Promise(function (go) {
      var act = function () {
        INTENT.forEach(function (t) { host.removeEventListener(t, act); });
        go();
      };
      INTENT.forEach(function (t) { host.addEventListener(t, act); });
      thread.then(function (painted) {
        if (!painted) act();
      });
    });
  }

  // Settles when the form in `host` is wanted: within about one screen of
  // the viewport, focused or typed in (both reach the host from its shadow
  // root), or the address moves to the comments; at once when it loads eagerly.
  // (An element not in the document never comes near: it loads at once, so
  // that a JS API mount into it settles, with its errors.)
  function near(host, a) {
    if (eager(a) || host.cwAct || openedAtComments() || !host.isConnected) return Promise.resolve();
    return new Promise(function (go) {
      var io = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i++) if (entries[i].isIntersecting) return wanted();
      }, { rootMargin: "100% 0px" });
      var atComments = function () {
        if (openedAtComments()) wanted();
      };
      var wanted = function () {
        io.disconnect();
        host.removeEventListener("focusin", wanted);
        host.removeEventListener("input", wanted);
        w.removeEventListener("hashchange", atComments);
        go();
      };
      io.observe(host);
      host.addEventListener("focusin", wanted);
      host.addEventListener("input", wanted);
      w.addEventListener("hashchange", atComments);
    });
  }

  // A dynamic import() takes no integrity; a modulepreload of the same URL
  // does, and an import() made while it is under way waits for it and gets
  // what it checked. Both are made in the same task: a modulepreload that
  // has already failed is not remembered, and an import() after it would
  // fetch the file again, unchecked (and run a changed file).
  // (The glue, and the thread painter.)
  function importChecked(file, integrity) {
    var url = base + file;
    doc.head.appendChild(h("link", { rel: "modulepreload", href: url, integrity: integrity || null, crossorigin: "anonymous" }));
    return import(url);
  }

  function loadApp() {
    if (!app) {
      if (typeof WebAssembly !== "object") {
        app = Promise.reject(new Error("this browser has no WebAssembly"));
      } else {
        var wasm = fetch(base + "comment-widget-app_bg.wasm", INTEGRITY.wasm ? { integrity: INTEGRITY.wasm } : {});
        app = importChecked("comment-widget-app.js", INTEGRITY.glue).then(function (m) {
          return m.default({ module_or_path: wasm }).then(function (instance) {
            exports = instance;
            return m;
          });
        });
      }
      // A failed load is not kept: the next mountAll() (after the network
      // is back, say) tries again.
      app.catch(function () { app = null; });
    }
    return app;
  }

  // The wasm speaks English; another language's table is a file of its own
  // (comment-widget-<lang>.json, written by the build from src/i18n), fetched
  // once, alongside the wasm, only for a page that shows that language, and
  // handed to the wasm before a form in it mounts. If it cannot be had, the
  // form speaks English (and a later mount tries again).
  var langs = {};
  function language(a) {
    var l = primary(String(a["data-lang"] || "").trim() || doc.documentElement.lang);
    if (l === "en" || !WORDS[l]) return Promise.resolve();
    if (!langs[l]) {
      var file = "comment-widget-" + l + ".json";
      var got = fetch(base + file, INTEGRITY[file] ? { integrity: INTEGRITY[file] } : {}).then(function (r) {
        if (!r.ok) throw new Error(file + ": HTTP " + r.status);
        return r.text();
      });
      langs[l] = Promise.all([loadApp(), got]).then(function (both) {
        live(both[0]).add_language(both[1]);
      });
      langs[l].catch(function (err) {
        langs[l] = null;
        console.warn("comment-widget: the form speaks English here (" + reason(err) + ")");
      });
    }
    return langs[l].catch(function () {});
  }

  function live(m) {
    if (stopped) throw new Error("comment-widget: the form stopped working; reload the page");
    return m;
  }

  // The takeover waits while an input method is composing in a painted form.
  function afterComposition(run) {
    var busy = Array.prototype.filter.call(doc.querySelectorAll("[data-cw-painted]"), function (host) {
      var c = painting(host);
      return c && c.cwComposing;
    });
    if (!busy.length) return run();
    var c = painting(busy[0]);
    c.cwAfterComposition = function () {
      c.cwAfterComposition = null;
      afterComposition(run);
    };
  }

  // The app (and the form's language) once the form in `host` is wanted, one
  // frame after its paint: the wasm is asked for first (the longest
  // download), then the thread's first page.
  function whenWanted(host, a, onIntent) {
    // (A page opened at the comments is there to read them: their first
    // page and the painter are asked for at once, not a frame later.)
    return near(host, a).then(openedAtComments() ? null : afterPaint).then(function () {
      var container = painting(host);
      var later = onIntent && container && !eager(a) && container.querySelector(".cw-thread-host");
      var ready = later || Promise.all([loadApp(), language(a)]);
      if (container) prefetch(a);
      return later ? intent(host, paintThread(host, a, container)).then(function () {
        return Promise.all([loadApp(), language(a)]);
      }) : ready;
    }).then(function (got) {
      return got[0];
    });
  }

  // ---- Comment counts, by this file alone (no wasm on an index page) ----
  // Each [data-comment-count] element with a form's data-backend,
  // data-endpoint and data-page (Isso) or data-post-id (WordPress REST)
  // gets "No comments", "1 comment", "26 comments" in its language: one
  // POST /count for all of an Isso's pages, one per_page=1 listing (its
  // X-WP-Total) for each WordPress post. A count that cannot be had, or an
  // answer of the wrong shape, leaves the element's text as it was.
  function counts() {
    var isso = {};
    Array.prototype.forEach.call(doc.querySelectorAll("[data-comment-count]"), function (el) {
      var a = attrsOf(el);
      var backend = (a["data-backend"] || "").trim().toLowerCase();
      var endpoint = (a["data-endpoint"] || "").trim().replace(/\/+$/, "");
      var show = function (n) {
        if (n !== n >>> 0) return;
        var words = wordsFor(a);
        var key = n ? "count_" + new Intl.PluralRules(words.lang).select(n) : "count_none";
        if (words[key]) el.textContent = words[key].replace("{n}", n);
      };
      if (backend === "isso" && endpoint) {
        (isso[endpoint] = isso[endpoint] || []).push([(a["data-page"] || "").trim() || "/", show]);
      } else if (backend === "wordpress-rest") {
        var url = listUrl(a);
        if (url) fetch(url.replace(/per_page=\d+/, "per_page=1")).then(function (r) {
          var total = r.headers.get("X-WP-Total");
          if (r.ok && /^\d+$/.test(total)) show(+total);
        }).catch(function () {});
      }
    });
    Object.keys(isso).forEach(function (endpoint) {
      var want = isso[endpoint];
      fetch(endpoint + "/count", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(want.map(function (p) { return p[0]; })) })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (got) {
          if (Array.isArray(got) && got.length === want.length) want.forEach(function (p, i) { p[1](got[i]); });
        }).catch(function () {});
    });
  }

  function mountAll() {
    var unloaded = doc.querySelectorAll("[data-comment-widget][data-cw-unloaded]");
    for (var i = 0; i < unloaded.length; i++) {
      unloaded[i].removeAttribute("data-cw-unloaded");
      if (!painting(unloaded[i])) {
        unloaded[i].removeAttribute("data-cw-mounted");
        (unloaded[i].shadowRoot || unloaded[i]).textContent = "";
      }
    }
    paintAll();
    var hosts = doc.querySelectorAll("[data-comment-widget]:not([data-cw-mounted])");
    // Each form when it is wanted (near), one frame after its paint.
    return Promise.all(Array.prototype.map.call(hosts, function (host) {
      var a = host.cwAttrs || attrsOf(host);
      return whenWanted(host, a, true).then(function (m) {
        return new Promise(function (done) {
          afterComposition(function () {
            // This form alone: the others mount when they are wanted.
            try {
              var container = painting(host);
              var thread = container && container.querySelector("[data-cw-painted-thread]");
              var focused = thread && thread.contains(host.shadowRoot.activeElement) && host.shadowRoot.activeElement;
              live(m).mount(host, a);
              ((container && container.cwPresses) || []).forEach(function (sel) {
                var el = host.shadowRoot.querySelector(".cw-reply " + sel);
                if (el) el.click();
              });
              // A reply link pressed before: pressed again, for the live form.
              if (host.cwAct && host.cwAct.click) host.cwAct.click();
              host.cwAct = null;
              // The painted thread (moved by the mount into the live thread's
              // place; the plugin's printed one, if the painter's has not
              // replaced it yet) stays until the live one has its first page;
              // without the painter, the live one shows at once.
              if (thread) painterOf().then(function (m) {
                m.takeOver(host.shadowRoot, thread, focused);
              }, function () {
                thread.nextElementSibling.hidden = false;
                thread.remove();
              });
            } catch (err) {
              // A trap stops every form; a refusal the wasm has told the
              // reader and the console about already.
              stop(err);
            }
            done();
          });
        });
      }, fallback);
    }));
  }

  // { postId: 1, fields: {…} } → { "data-post-id": "1", "data-fields": "{…}" }:
  // the attributes' names and string values, which the wasm reads.
  function attributes(options) {
    var out = {};
    Object.keys(options || {}).forEach(function (key) {
      var value = options[key];
      if (value === undefined || value === null) return;
      var name = "data-" + key.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); });
      out[name] = typeof value === "string" ? value : JSON.stringify(value);
    });
    return out;
  }

  function replyArgs(id, name) {
    return [id == null ? undefined : Number(id), name == null ? undefined : String(name)];
  }

  function mountWith(element, attrs) {
    element.cwAttrs = attrs;
    if (attrs["data-theme"]) element.setAttribute("data-theme", attrs["data-theme"]);
    paintForm(element, attrs);
    return whenWanted(element, attrs).then(function (m) {
      live(m).mount(element, attrs);
      return {
        element: element,
        unmount: function () {
          live(m).unmount(element);
        },
        replyTo: function (id, name) {
          live(m).reply_to.apply(null, [element].concat(replyArgs(id, name)));
        },
      };
    });
  }

  function mount(element, options) {
    return mountWith(element, attributes(options));
  }

  function replyTo(element, id, name) {
    return loadApp().then(function (m) {
      live(m).reply_to.apply(null, [element].concat(replyArgs(id, name)));
    });
  }

  function unmount(element) {
    return loadApp().then(function (m) {
      live(m).unmount(element);
      element.removeAttribute("data-cw-painted");
    });
  }

  /** Diagnostics for the benchmark: the wasm linear memory in bytes. */
  function stats() {
    return { wasmMemoryBytes: exports && exports.memory ? exports.memory.buffer.byteLength : 0 };
  }

  // <comment-widget backend="…" endpoint="…">: the element's attributes are
  // the data-* ones without "data-" (data-* ones work too). Connecting,
  // removing and changing attributes are settled one after another per
  // element, in a microtask: a move (removed, then added) keeps the form.
  var ELEMENT_ATTRIBUTES = ["backend", "endpoint", "post-id", "page", "require-name-email", "timeout", "fields", "extra", "theme", "lang", "strings", "reply-to", "reply-to-name", "honeypot", "csrf-meta", "csrf-header", "thread", "list-endpoint", "loading", "avatars", "sort", "votes", "logged-in-as", "profile-url", "logout-url", "rest-nonce", "html-nonce", "login-url", "thread-depth", "closed", "per-page", "first-page", "remember", "edit-url"];

  function elementAttributes(el) {
    var out = {};
    for (var i = 0; i < el.attributes.length; i++) {
      var a = el.attributes[i];
      if (a.name.indexOf("data-") === 0 && a.name.indexOf("data-cw-") !== 0) out[a.name] = a.value;
    }
    ELEMENT_ATTRIBUTES.forEach(function (name) {
      if (el.hasAttribute(name)) out["data-" + name] = el.getAttribute(name);
    });
    return out;
  }

  function settle(el) {
    el.cwTurn = (el.cwTurn || Promise.resolve()).then(function () {
      var want = el.isConnected ? JSON.stringify(elementAttributes(el)) : null;
      if (want === el.cwMounted) return;
      var before = el.cwMounted ? unmount(el) : Promise.resolve();
      el.cwMounted = want;
      return before.then(function () {
        if (want !== null) return mountWith(el, JSON.parse(want));
      }).catch(function (err) {
        console.error(reason(err));
      });
    });
  }

  if (w.customElements && !w.customElements.get("comment-widget")) {
    w.customElements.define("comment-widget", class extends HTMLElement {
      static get observedAttributes() {
        return ELEMENT_ATTRIBUTES;
      }
      connectedCallback() {
        settle(this);
      }
      disconnectedCallback() {
        settle(this);
      }
      attributeChangedCallback() {
        if (this.isConnected) settle(this);
      }
    });
  }

  w.CommentWidget = { version: "0.2.0", base: base, mount: mount, unmount: unmount, replyTo: replyTo, mountAll: mountAll, stats: stats, takePrefetched: takePrefetched };

  function start() {
    mountAll();
    counts();
  }
  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})(this);
