// The comments servers behind the demo (scripts/serve.sh), on fixed ports of
// 127.0.0.1, until Ctrl-C or SIGTERM:
//   8081 Isso                       (index.html)
//   8082 WordPress + its MariaDB    (demo/wordpress-rest/, and the wp-comments-post.php
//                                    demo on WordPress's own origin: /cw-pages/article/)
//   8083 a generic JSON/form server (demo/json/, demo/form/)
//   8084 Waline with SQLite         (demo/waline/, in Chinese)
// Comments live only as long as the servers do.
import { startIsso, startWaline } from "../tests/e2e/support/servers.mjs";
import { startWordPress } from "../tests/e2e/support/wordpress.mjs";
import { startGenericServer } from "../tests/e2e/support/generic_server.mjs";
import { hostPage } from "../tests/e2e/support/browser.mjs";

const origins = ["http://127.0.0.1:8080", "http://localhost:8080"];
const started = [];
// Ctrl-C reaches this process twice (SIGINT from the terminal, then SIGTERM
// from serve.sh's exit trap): stop once.
let stopping = null;
function stopAll() {
  stopping ??= Promise.allSettled(started.map((s) => s.stop())).then(() => process.exit(0));
  return stopping;
}
process.on("SIGINT", stopAll);
process.on("SIGTERM", stopAll);

// A few comments already under each demo article, so the thread has
// something to show: a conversation with a reply, posted the way a reader
// would (Isso, the generic server) or written into WordPress's database.
async function seed(isso, generic, wp, waline) {
  const post = (url, body) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());
  const onIsso = (body) => post(`${isso.url}/new?uri=%2F`, { title: "Tides", email: "reader@example.org", ...body });
  const ada = await onIsso({ author: "Ada", website: "https://ada.example.org", text: "Lovely piece. The *spring tides* photo is wonderful." });
  await onIsso({ author: "Grace", parent: ada.id, text: "Agreed: and the note on neap tides finally made it click for me." });
  await onIsso({ author: "Linus", text: "Is there a tide table for the harbour you could link to?" });
  const first = await post(`${generic.url}/comments`, { body: "First! Looking forward to the next issue.", author: "Mo", email: "mo@example.org", page: "/demo/json/", site: "tidewater" });
  await post(`${generic.url}/comments`, { body: "Same here.", author: "Noor", email: "noor@example.org", page: "/demo/json/", parent: first.id, site: "tidewater" });
  const wang = await waline.post({ comment: "终于保住了夜间渡轮！每周五晚上都靠它回家。", nick: "王芳", link: "https://wang.example.org", url: "/demo/waline/" });
  await waline.post({ comment: "同感，**末班船**要是取消就太不方便了。", nick: "陈明", url: "/demo/waline/", pid: wang.objectId, rid: wang.objectId, at: "王芳" });
  wp.sql(`INSERT INTO wordpress.wp_comments (comment_post_ID, comment_author, comment_author_email, comment_author_url,
    comment_author_IP, comment_date, comment_date_gmt, comment_content, comment_approved, comment_type, comment_parent, user_id)
    VALUES (1, 'Grace', 'grace@example.org', '', '127.0.0.1', NOW(), UTC_TIMESTAMP(), 'Hello back! A reply to the first comment.', '1', 'comment', 1, 0)`);
}

try {
  started.push(await startIsso({ origins, port: 8081, ratelimit: 10 }));
  started.push(await startGenericServer({ port: 8083 }));
  started.push(
    await startWordPress({
      port: 8082,
      pages: {
        article: hostPage({
          widgetBase: "/cw-dist",
          title: "Posting through wp-comments-post.php",
          attributes: { "data-backend": "wordpress-form", "data-endpoint": "/", "data-post-id": 1 },
        }),
      },
    }),
  );
  started.push(await startWaline({ port: 8084 }));
  await seed(started[0], started[1], started[2], started[3]);
  console.log("demo servers ready: Isso :8081, WordPress :8082, generic :8083, Waline :8084");
} catch (err) {
  console.error(`demo servers failed: ${err.message}`);
  await stopAll();
}
