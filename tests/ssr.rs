//! The component rendered on the server (Leptos `ssr`), as a server-rendered
//! app renders it, and as a host program does with `to_html()`: for each
//! backend, without a browser and without a panic, with the form, the
//! thread's place, and a plain sentence for props that cannot work.
//!
//! `cargo test --features ssr --test ssr`
#![cfg(all(feature = "ssr", not(target_arch = "wasm32")))]

use comment_widget::{CommentWidget, Server};
use leptos::prelude::*;

fn render(view: impl FnOnce() -> String) -> String {
    let owner = Owner::new();
    owner.set();
    owner.with(view)
}

#[test]
fn each_backend_renders_on_the_server() {
    let servers = [
        ("isso", Server::isso("https://comments.example.org"), true),
        ("wordpress-rest", Server::wordpress_rest("https://blog.example.org", 12), true),
        ("wordpress-form", Server::wordpress_form("https://blog.example.org", 12), false),
        ("json", Server::json("https://api.example.org/comments"), false),
        ("form", Server::form("/comments"), false),
    ];
    for (name, server, thread) in servers {
        let html = render(|| view! { <CommentWidget server page="/post/1/"/> }.to_html());
        assert!(html.contains("Leave a Reply"), "{name}: {html}");
        assert!(html.contains(r#"name="comment""#), "{name}: the comment box");
        assert!(html.contains("Post Comment"), "{name}");
        assert_eq!(html.contains("Loading comments"), thread, "{name}: the thread, loading");
        assert!(!html.contains("could not be shown"), "{name}");
    }
}

#[test]
fn props_that_cannot_work_give_a_sentence_not_a_panic() {
    let cases: [(Server, &str); 4] = [
        (Server::isso("javascript:alert(1)"), "/post/1/"),
        (Server::isso("comments.example.org"), "/post/1/"),
        (Server::isso("https://comments.example.org"), ""),
        (Server::isso("https://comments.example.org"), "post-1"),
    ];
    for (server, page) in cases {
        let html = render(|| view! { <CommentWidget server page/> }.to_html());
        assert!(html.contains("The comment form could not be shown here."), "{page}: {html}");
        assert!(!html.contains("<form"), "{page}");
    }
    let html = render(|| view! { <CommentWidget server=Server::isso("/isso") page="/p/" thread_depth=11/> }.to_html());
    assert!(html.contains("could not be shown"));
}

#[test]
fn the_props_reach_the_markup() {
    let server = Server::isso("https://comments.example.org");
    let html = render(|| {
        view! { <CommentWidget server page="/p/" lang="de" remember=false theme="dark" class="mine" anonymous=true/> }
            .to_html()
    });
    assert!(html.contains("Schreibe einen Kommentar") && html.contains("Kommentar abschicken"), "{html}");
    assert!(!html.contains("Save my name"), "remember=false: no box");
    assert!(html.contains(r#"class="cw-host mine""#), "{html}");
    assert!(html.contains(r#"data-theme="dark""#));
    let closed = render(|| view! { <CommentWidget server=Server::isso("/isso") page="/p/" closed=true/> }.to_html());
    assert!(closed.contains("Comments are closed."));
    assert!(!closed.contains("<form"));
    let no_thread =
        render(|| view! { <CommentWidget server=Server::isso("/isso") page="/p/" thread=false/> }.to_html());
    assert!(!no_thread.contains("Loading comments"));
}
