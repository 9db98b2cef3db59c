//! A Leptos 0.8 app (client-side rendered) whose article ends with the
//! comment widget, used as a component: it posts to the demo's Isso at
//! `http://127.0.0.1:8081` (`scripts/serve.sh` starts it), or to the one in
//! the page's `?isso=` (the end-to-end test starts its own).

use comment_widget::{CommentWidget, Server};
use leptos::prelude::*;

/// Where the comments go: `?isso=<url>`, else the demo's Isso.
fn isso() -> String {
    let search = window().location().search().unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("isso="))
        .and_then(|v| js_sys::decode_uri_component(v).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "http://127.0.0.1:8081".into())
}

#[component]
fn Article() -> impl IntoView {
    view! {
        <article>
            <h1>"Harbour town votes to keep its night ferry"</h1>
            <p>
                "After a three-hour meeting that ran well past midnight, the council agreed to fund the late "
                "crossing for two more winters."
            </p>
        </article>
        <section aria-labelledby="comments-title">
            <h2 id="comments-title">"Comments"</h2>
            <CommentWidget server=Server::isso(&isso()) page="/leptos-app/"/>
        </section>
    }
}

fn main() {
    leptos::mount::mount_to_body(Article);
}
