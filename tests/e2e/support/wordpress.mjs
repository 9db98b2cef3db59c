// A real WordPress (Debian's package, PHP's built-in server) on a MariaDB of
// its own, in a temporary directory: started by a test, stopped by it. What
// WordPress stored is read straight from its database.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, symlinkSync, copyFileSync, cpSync, readdirSync, rmSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, DIST, freePort } from "./servers.mjs";

const WP = "/usr/share/wordpress";
const FILES = join(ROOT, "tests/wordpress");

async function until(check, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${what} did not come up in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Ends a child started with `detached: true` and everything in its process
 * group (php -S forks workers that outlive a parent killed alone). */
function stopChild(child) {
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {}
  };
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      signal("SIGKILL");
      return resolve();
    }
    const timer = setTimeout(() => signal("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      signal("SIGKILL");
      resolve();
    });
    signal("SIGTERM");
  });
}

/**
 * Starts MariaDB and WordPress on 127.0.0.1. `pages` ({ name: html }) are
 * served from the WordPress origin under /cw-pages/, the built widget under
 * /cw-dist/. `plugins` ({ folder name: path }) are copied in beside Debian's
 * (inactive until a test activates them). Returns { url, posts: {open, closed,
 * members, paged}, comments(postId), php(...args), stop() }.
 */
export async function startWordPress({ pages = {}, plugins, port: wanted } = {}) {
  if (!existsSync(join(WP, "wp-load.php"))) throw new Error("WordPress is not installed: run scripts/tools.sh");
  const dir = mkdtempSync(join(tmpdir(), "cw-wp-"));
  const socket = join(dir, "mysql.sock");
  const children = [];
  let stopped = null;
  const stop = () => {
    stopped ??= (async () => {
      for (const child of children.reverse()) await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    // MariaDB, on a socket only (no TCP port), in the temporary directory.
    execFileSync("mariadb-install-db", [
      "--no-defaults", `--datadir=${dir}/db`, "--user=root", "--auth-root-authentication-method=normal",
      "--skip-test-db",
    ], { stdio: "ignore" });
    const db = spawn("mariadbd", [
      "--no-defaults", `--datadir=${dir}/db`, `--socket=${socket}`, "--skip-networking", "--user=root",
      `--pid-file=${dir}/mariadb.pid`, `--log-error=${dir}/mariadb.err`,
    ], { stdio: "ignore", detached: true });
    children.push(db);
    const sql = (query) =>
      execFileSync("mariadb", ["--no-defaults", `--socket=${socket}`, "-uroot", "--default-character-set=utf8mb4", "-N", "-B", "--raw", "-e", query], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    await until(() => (sql("SELECT 1").trim() === "1"), "MariaDB");
    sql("CREATE DATABASE wordpress CHARACTER SET utf8mb4");

    // A content directory of our own: Debian's themes and plugins, our mu-plugin.
    const content = join(dir, "wp-content");
    mkdirSync(join(content, "mu-plugins"), { recursive: true });
    symlinkSync(join(WP, "wp-content/themes"), join(content, "themes"));
    if (plugins) {
      mkdirSync(join(content, "plugins"));
      for (const name of readdirSync(join(WP, "wp-content/plugins"))) {
        symlinkSync(join(WP, "wp-content/plugins", name), join(content, "plugins", name));
      }
      for (const [name, path] of Object.entries(plugins)) cpSync(path, join(content, "plugins", name), { recursive: true });
    } else {
      symlinkSync(join(WP, "wp-content/plugins"), join(content, "plugins"));
    }
    copyFileSync(join(FILES, "mu-plugins/comment-widget-test.php"), join(content, "mu-plugins/comment-widget-test.php"));
    const pagesDir = join(dir, "pages");
    mkdirSync(pagesDir);
    for (const [name, html] of Object.entries(pages)) {
      mkdirSync(join(pagesDir, name), { recursive: true });
      writeFileSync(join(pagesDir, name, "index.html"), html);
    }

    const port = wanted || (await freePort());
    const env = {
      ...process.env,
      CW_WP_HOST: `127.0.0.1:${port}`,
      CW_WP_DB_HOST: `localhost:${socket}`,
      CW_WP_CONTENT_DIR: content,
      CW_DIST: DIST,
      CW_PAGES: pagesDir,
    };
    const posts = JSON.parse(execFileSync("php", [join(FILES, "install.php")], { env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n").pop());
    const php = spawn("php", ["-S", `127.0.0.1:${port}`, "-t", WP, join(FILES, "router.php")], {
      env: { ...env, PHP_CLI_SERVER_WORKERS: "4" },
      stdio: "ignore",
      detached: true,
    });
    children.push(php);
    const url = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${url}/?rest_route=/`)).ok, "WordPress");

    return {
      url,
      posts,
      sql,
      /** Runs tests/wordpress/plugin.php (activate, deactivate, uninstall, set): the plugin's state, as JSON. */
      plugin(...args) {
        return JSON.parse(execFileSync("php", [join(FILES, "plugin.php"), ...args], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop());
      },
      /** Writes comments straight into the database, approved, as an import
       * would leave them (kses never sees them): each { post, author, content,
       * date (GMT, "2026-11-20 10:00:00"), url, email, parent } where `parent`
       * is the author of the comment it answers, written before it. */
      insertComments(comments) {
        const text = (v) => `'${String(v).replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
        const columns = `INSERT INTO wordpress.wp_comments (comment_post_ID, comment_author, comment_author_email, comment_author_url,
          comment_author_IP, comment_date, comment_date_gmt, comment_content, comment_approved, comment_type, comment_parent, user_id)`;
        for (const c of comments) {
          const values = [Number(c.post), text(c.author), text(c.email ?? "reader@example.org"), text(c.url ?? ""), "'127.0.0.1'", text(c.date), text(c.date), text(c.content), "'1'", "'comment'"];
          sql(c.parent === undefined
            ? `${columns} VALUES (${values.join(", ")}, 0, 0)`
            : `${columns} SELECT ${values.join(", ")}, comment_ID, 0 FROM wordpress.wp_comments WHERE comment_author = ${text(c.parent)} LIMIT 1`);
        }
      },
      /** Every comment WordPress stored on a post, approved or not, from its database. */
      comments(postId) {
        const rows = sql(
          `SELECT JSON_OBJECT('id', comment_ID, 'author', comment_author, 'email', comment_author_email,
             'url', comment_author_url, 'content', comment_content, 'approved', comment_approved, 'parent', comment_parent, 'user', user_id)
           FROM wordpress.wp_comments WHERE comment_post_ID = ${Number(postId)} ORDER BY comment_ID`,
        );
        // WordPress stores "&" as "&amp;" (kses); compare what a reader typed.
        return rows
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line))
          .map((c) => ({ ...c, content: c.content.replaceAll("&amp;", "&") }));
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Fills wp-login.php's form on `page` for `login` (password cw-test-password). */
export async function fillLogin(page, login) {
  // wp-login.php focuses and selects the login field 200 ms after load
  // (wp_attempt_focus): typed before that, the password could land in it.
  await page.waitForFunction(() => document.activeElement?.id === "user_login");
  await page.locator("#user_login").fill(login);
  await page.locator("#user_pass").fill("cw-test-password");
}

/** Logs `page` in as `login` through `${url}/wp-login.php`, as a reader
 * does, and waits for wp-admin. */
export async function logIn(page, url, login) {
  await page.goto(`${url}/wp-login.php`);
  await fillLogin(page, login);
  await Promise.all([page.waitForURL(/\/wp-admin\//), page.locator("#wp-submit").click()]);
}
