//! The Rust side of the cross-language tests (`tests/tools/`): what the
//! loader and its thread painter must still do in JavaScript, they must do
//! exactly as the core does. This reads a grid of cases as JSON on stdin
//! and prints the core's answers as JSON; the tests run the JavaScript on
//! the same grid and compare:
//! - `pages`, `links`: a first page of a thread read, a comment's links and
//!   avatars kept (`painter.test.mjs`: `loader/painter/`);
//! - `forms`: for a form's attributes on a page, its draft's key, the
//!   storage keys of its server, and its thread's first page's address in
//!   the reader's stored order (`grid.test.mjs`: `loader/memory.js`,
//!   `loader/addresses.js`);
//! - `sorts`, `drafts`, `draftTexts`, `readers`, `acts`, `actsTexts`: what
//!   is kept in the browser, each way (`grid.test.mjs`).
//!
//! `echo '{"pages": [], "links": []}' | cargo run --quiet --bin cw-grid`
//!
//! `cargo run --quiet --bin cw-grid facts` prints the facts the core owns
//! that the build writes into the loader, the painter, the TypeScript types
//! and the WordPress plugin (`scripts/facts.mjs`).

use std::io::Read;

use comment_widget::internal::address::is_http_url;
use comment_widget::internal::backend::actions;
use comment_widget::internal::backend::allowlist::{rich_tag, safe_link, ALLOWED};
use comment_widget::internal::backend::avatar::image_url;
use comment_widget::internal::backend::newer::newer_request;
use comment_widget::internal::backend::thread::{anchor_prefix, list_request, read_list, Sort, ThreadComment};
use comment_widget::internal::backend::{Backend, FieldNames, HttpResponse, Server};
use comment_widget::internal::config::from_attributes;
use comment_widget::internal::memory::{
    acts_key, decode_acts, draft_key, edit_key, encode_acts, own_key, SavedDraft, SavedReader,
};
use serde_json::{json, Value};

fn main() {
    if std::env::args().nth(1).as_deref() == Some("facts") {
        println!("{}", facts());
        return;
    }
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        std::process::exit(2);
    }
    let Ok(grid) = serde_json::from_str::<Value>(&input) else {
        eprintln!("cw-grid: the grid is not JSON");
        std::process::exit(2);
    };
    let pages: Vec<Value> = grid["pages"].as_array().into_iter().flatten().map(page).collect();
    let links: Vec<Value> = grid["links"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| {
            let l = l.as_str().unwrap_or_default();
            json!([safe_link(l), image_url(l)])
        })
        .collect();
    let list = |k: &str| grid[k].as_array().cloned().unwrap_or_default();
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let out = json!({
        "pages": pages,
        "links": links,
        // Which addresses are web addresses (a comment author's website).
        "websites": grid["links"].as_array().into_iter().flatten().map(|l| is_http_url(l.as_str().unwrap_or_default())).collect::<Vec<_>>(),
        "forms": list("forms").iter().map(form).collect::<Vec<_>>(),
        "sorts": list("sorts").iter().map(|s| Sort::from_name(&text(s)).map(Sort::name)).collect::<Vec<_>>(),
        // Drafts the loader wrote, as the wasm reads them.
        "drafts": list("drafts").iter().map(|t| SavedDraft::decode(&text(t)).map(|d| json!({
            "comment": d.comment, "parent": d.parent, "parentName": d.parent_name,
        }))).collect::<Vec<_>>(),
        // Drafts and details the wasm writes, for the loader to read.
        "draftTexts": list("draftTexts").iter().map(|d| SavedDraft {
            comment: text(&d["comment"]),
            parent: d["parent"].as_u64(),
            parent_name: d["parentName"].as_str().map(str::to_string),
        }.encode()).collect::<Vec<_>>(),
        "readers": list("readers").iter().map(|r| SavedReader {
            name: text(&r["name"]), email: text(&r["email"]), website: text(&r["website"]),
        }.encode()).collect::<Vec<_>>(),
        "acts": list("acts").iter().map(|t| decode_acts(&text(t)).into_iter().map(|(id, n)| json!([id, n])).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "actsTexts": list("actsTexts").iter().map(|l| {
            let pairs: Vec<(u64, f64)> = l.as_array().into_iter().flatten()
                .filter_map(|p| Some((p[0].as_u64()?, p[1].as_f64()?))).collect();
            encode_acts(&pairs)
        }).collect::<Vec<_>>(),
        // Challenges (as a server sent them) and the numbers that solve them:
        // what the core reads of each and the payload the browser sends.
        "proof": list("proof").iter().map(|p| {
            match comment_widget::internal::backend::proof::Challenge::read(&text(&p["challenge"])) {
                Ok(c) => json!({
                    "payload": c.payload(p["number"].as_u64().unwrap_or_default()),
                    "expires": c.expires(), "issued": c.issued(), "maxnumber": c.maxnumber,
                }),
                Err(e) => json!({ "error": format!("{e:?}") }),
            }
        }).collect::<Vec<_>>(),
    });
    println!("{out}");
}

/// One form: `{attrs, pathname, search, instance, stored}` → its keys and
/// its thread's first page's address (null where the core refuses the
/// attributes: the wasm would not mount it).
fn form(case: &Value) -> Value {
    let attrs = case["attrs"].as_object().cloned().unwrap_or_default();
    let text = |k: &str| case[k].as_str().unwrap_or_default().to_string();
    let Ok(config) =
        from_attributes(|k| attrs.get(k).and_then(Value::as_str).map(str::to_string), &text("pathname"), "")
    else {
        return Value::Null;
    };
    let server = &config.server;
    let search = text("search");
    // The order shown: the reader's stored choice, else the site's; asked
    // the server's way (ui/thread/state.rs).
    let shown = Sort::from_name(&text("stored")).unwrap_or(config.sort).for_backend(server.backend);
    let (asked, _) = config.paging.asked(shown);
    let list = config.thread.then(|| list_request(server, 0, asked, config.paging.per_page)).flatten();
    json!({
        "draft": draft_key(server, &search, &text("instance")),
        "own": own_key(server, &search),
        "edit": edit_key(server, 7),
        "mine": acts_key(server, "mine"),
        "votes": acts_key(server, "votes"),
        "list": list.map(|r| r.url),
        // Its check for comments newer than `since` (backend::newer).
        "newer": config.thread.then(|| newer_request(server, &text("since"), asked, config.paging.per_page)).flatten().map(|r| r.url),
    })
}

/// One case: `{backend, fields, perPage, status, body, total, pages}` → the
/// page `read_list` reads, or null.
fn page(case: &Value) -> Value {
    let text = |k: &str| case[k].as_str().unwrap_or_default();
    let backend = Backend::from_name(text("backend")).unwrap_or(Backend::Isso);
    let mut server = Server { backend, ..Server::isso("https://comments.example") };
    server.post_id = Some(1);
    server.list_endpoint = Some("https://comments.example/list".into());
    let defaults = FieldNames::default();
    let field = |k: &str, d: Option<String>| case["fields"][k].as_str().map(str::to_string).or(d);
    server.fields = FieldNames {
        name: field("name", defaults.name),
        website: field("website", defaults.website),
        parent: field("parent", defaults.parent),
        comment: field("comment", defaults.comment),
        avatar: field("avatar", defaults.avatar),
        ..defaults
    };
    let mut response =
        HttpResponse::new(case["status"].as_u64().unwrap_or(200) as u16, "application/json", text("body"));
    response.total = case["total"].as_u64();
    response.pages = case["pages"].as_u64().map(|p| p as u32);
    let per_page = case["perPage"].as_u64().unwrap_or(50) as u32;
    match read_list(&server, &response, 0, per_page) {
        Some(page) => json!({
            "comments": page.comments.into_iter().map(comment).collect::<Vec<_>>(),
            "total": page.total,
            "more": page.more,
        }),
        None => Value::Null,
    }
}

fn comment(c: ThreadComment) -> Value {
    json!({
        "id": c.id,
        "parent": c.parent,
        "author": c.author,
        "website": c.website,
        "created": c.created,
        "html": c.html,
        "held": c.held,
        "avatar": c.avatar.map(|a| { let (src, src2x) = a.sources(); json!([src, src2x]) }),
        "votes": c.votes.map(|v| json!([v.likes, v.dislikes])),
        "deleted": c.deleted,
        "replies": c.replies.into_iter().map(comment).collect::<Vec<_>>(),
    })
}

/// The facts the core owns that the loader, the painter, the TypeScript
/// types and the WordPress plugin need (`scripts/facts.mjs` writes them
/// out): every attribute with its kind, bounds and default
/// (`config::ATTRIBUTES`), the contract between the loader and the wasm
/// (`handover`), and the keys of what is kept in the browser (`memory`).
fn facts() -> Value {
    use comment_widget::internal::backend::{newer, proof};
    use comment_widget::internal::config::{Kind, ATTRIBUTES, PER_PAGE, TIMEOUT_SECS};
    use comment_widget::internal::{handover, memory};
    let attributes: Vec<Value> = ATTRIBUTES
        .iter()
        .map(|a| {
            let mut out = json!({ "name": a.name, "doc": a.doc, "required": a.required, "loaderOnly": a.loader_only });
            let (kind, more) = match a.kind {
                Kind::Text => ("text", json!({})),
                Kind::Address => ("address", json!({})),
                Kind::Path => ("path", json!({})),
                Kind::Id => ("id", json!({})),
                Kind::Json => ("json", json!({})),
                Kind::YesNo(default) => ("yes-no", json!({ "default": default })),
                Kind::Number(b) => ("number", json!({ "min": b.min, "max": b.max, "default": b.default })),
                Kind::Choice(names, default) => ("choice", json!({ "choices": names, "default": default })),
            };
            out["kind"] = kind.into();
            if let (Value::Object(out), Value::Object(more)) = (&mut out, more) {
                out.extend(more);
            }
            out
        })
        .collect();
    let bounds =
        |b: comment_widget::internal::config::Bounds| json!({ "min": b.min, "max": b.max, "default": b.default });
    // What a comment's HTML may keep: each element and what it becomes.
    let allowlist: serde_json::Map<String, Value> = ALLOWED
        .iter()
        .filter_map(|name| rich_tag(name).map(|tag| (name.to_string(), Value::from(tag.name()))))
        .collect();
    // What each server offers the painted thread: its comments' anchors, its
    // orders, its vote buttons (likes and dislikes: 2; likes only: 1), and
    // whether readers edit and delete their own.
    let backends: serde_json::Map<String, Value> = Backend::NAMES
        .iter()
        .filter_map(|name| Backend::from_name(name).map(|b| (name, b)))
        .map(|(name, b)| {
            let votes = if actions::can_change(b) { 2 } else { u8::from(actions::can_act(b)) };
            let fact = json!({
                "anchor": anchor_prefix(b),
                "sorts": Sort::offered(b).iter().map(|s| s.name()).collect::<Vec<_>>(),
                "votes": votes,
                "own": actions::can_change(b),
            });
            (name.to_string(), fact)
        })
        .collect();
    json!({
        "allowlist": allowlist,
        "backends": backends,
        "attributes": attributes,
        "timeout": bounds(TIMEOUT_SECS),
        "perPage": bounds(PER_PAGE),
        "handover": {
            "exports": handover::EXPORTS,
            "mounted": handover::MOUNTED,
            "live": handover::LIVE,
            "draftKey": handover::DRAFT_KEY,
            "painted": handover::PAINTED,
            "paintedThread": handover::PAINTED_THREAD,
            "submit": handover::SUBMIT,
            "new": handover::NEW,
            "printed": handover::PRINTED,
            "unloaded": handover::UNLOADED,
        },
        "storage": Value::Object(memory::STORAGE_KEYS.iter().map(|(k, v)| (k.to_string(), Value::from(*v))).collect()),
        "routing": memory::ROUTING,
        // New comments while the reader reads: the schedule of the checks
        // (backend::newer), for the painter's (loader/painter/newer.js).
        "live": {
            "interval": newer::INTERVAL_SECS,
            "floor": newer::FLOOR_SECS,
            "longest": newer::LONGEST_SECS,
            "quietHalves": newer::QUIET_HALVES,
            "failedTimes": newer::FAILED_TIMES,
        },
        // The spam check's work, life and time trap: the plugin issues its
        // challenges with these (wordpress-plugin/comment-widget/includes/spam.php).
        "proof": {
            "field": proof::FIELD,
            "maxNumber": proof::MAX_NUMBER,
            "lifetime": proof::LIFETIME_SECS,
            "minAge": proof::MIN_AGE_SECS,
        },
    })
}
