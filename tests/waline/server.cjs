// Starts the Waline server from npm (@waline/vercel, installed into
// .tools/waline by scripts/tools.sh) on 127.0.0.1 with SQLite, for the
// end-to-end tests and the demo:
//   node tests/waline/server.cjs PORT DATA_DIR [--audit]
// DATA_DIR gets waline.sqlite, created with schema.sql when new. No login
// services, no Akismet, no per-address rate limit; --audit holds every new
// comment for moderation (Waline's COMMENT_AUDIT). Prints "listening" when
// it answers. (Waline's own start scripts listen on every interface.)
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");

const [port, dataDir, ...flags] = process.argv.slice(2);
if (!/^\d+$/.test(port || "") || !dataDir) {
  console.error("usage: node tests/waline/server.cjs PORT DATA_DIR [--audit]");
  process.exit(2);
}
const modules = process.env.CW_WALINE_MODULES || path.join(__dirname, "../../.tools/waline/node_modules");
const need = (name) => require(path.join(modules, name));

fs.mkdirSync(dataDir, { recursive: true });
const file = path.join(dataDir, "waline.sqlite");
Object.assign(process.env, {
  TZ: "UTC",
  SQLITE_PATH: dataDir,
  SQLITE_DB: "waline",
  JWT_TOKEN: process.env.JWT_TOKEN || "comment-widget-tests",
  AKISMET_KEY: "false",
  IPQPS: "0",
  // Waline asks this address for its login services on every request.
  OAUTH_URL: 'data:application/json,{"services":[]}',
});
if (flags.includes("--audit")) process.env.COMMENT_AUDIT = "true";

function schema() {
  return new Promise((resolve, reject) => {
    const sqlite3 = need("sqlite3");
    const db = new sqlite3.Database(file);
    db.exec(fs.readFileSync(path.join(__dirname, "schema.sql"), "utf8"), (err) => db.close(() => (err ? reject(err) : resolve())));
  });
}

schema().then(() => {
  const main = need("@waline/vercel");
  const server = http.createServer(main({}));
  server.listen(Number(port), "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}, (err) => {
  console.error(err);
  process.exit(1);
});
