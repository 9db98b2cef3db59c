//! The Rust side of the cross-language test of the thread painter
//! (`tests/tools/painter.test.mjs`): the loader's thread painter
//! (`loader/comment-widget-thread.js`) must read a first page of a thread,
//! and keep a comment's links and avatars, exactly as the core does. This
//! reads a grid of cases as JSON on stdin and prints the core's answers as
//! JSON; the test runs the painter on the same grid and compares.
//!
//! `echo '{"pages": [], "links": []}' | cargo run --quiet --bin cw-grid`
//!
//! `cargo run --quiet --bin cw-grid facts` prints the facts the core owns
//! that the build writes into the loader, the painter, the TypeScript types
//! and the WordPress plugin (`scripts/facts.mjs`).

use std::io::Read;

use comment_widget::internal::backend::allowlist::safe_link;
use comment_widget::internal::backend::avatar::image_url;
use comment_widget::internal::backend::thread::{read_list, ThreadComment};
use comment_widget::internal::backend::{Backend, FieldNames, HttpResponse, Server};
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
    println!("{}", json!({ "pages": pages, "links": links }));
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
    json!({
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
            "printed": handover::PRINTED,
            "unloaded": handover::UNLOADED,
        },
        "storage": Value::Object(memory::STORAGE_KEYS.iter().map(|(k, v)| (k.to_string(), Value::from(*v))).collect()),
        "routing": memory::ROUTING,
    })
}

