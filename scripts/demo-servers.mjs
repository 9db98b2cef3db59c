// The comments servers behind the demo (scripts/serve.sh), on fixed ports of
// 127.0.0.1, until Ctrl-C or SIGTERM:
//   8081 Isso                       (index.html)
//   8082 WordPress + its MariaDB    (demo/wordpress-rest/, and the wp-comments-post.php
//                                    demo on WordPress's own origin: /cw-pages/article/)
//   8083 a generic JSON/form server (demo/json/, demo/form/)
// Comments live only as long as the servers do.
import { startIsso } from "../tests/e2e/support/servers.mjs";
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
  console.log("demo servers ready: Isso :8081, WordPress :8082, generic :8083");
} catch (err) {
  console.error(`demo servers failed: ${err.message}`);
  await stopAll();
}
