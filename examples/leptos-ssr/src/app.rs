//! Two articles, each ending with the comment widget: the server renders
//! the form and the thread's first page, the browser hydrates it; following a
//! link to the other article shows that article's thread and its own draft
//! without a reload or a remount.

use comment_widget::{CommentWidget, Server};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::{path, SsrMode};

/// The articles: slug, headline, first paragraph.
const ARTICLES: [(&str, &str, &str); 2] = [
    (
        "night-ferry",
        "Harbour town votes to keep its night ferry",
        "After a three-hour meeting that ran well past midnight, the council agreed to fund the late crossing for two more winters.",
    ),
    (
        "lighthouse",
        "The lighthouse keeper's last logbook goes on show",
        "Forty years of weather, ships and visitors, written in one hand, can be read at the harbour museum from Saturday.",
    ),
];

/// The whole page, rendered by the server only: the Isso the widget posts
/// to is the server's `ISSO_URL`, handed to the browser on `<body>`.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let isso = std::env::var("ISSO_URL").unwrap_or_else(|_| "http://127.0.0.1:8081".into());
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <title>"The Tidewater Chronicle"</title>
                <link rel="stylesheet" href="/comment-widget.css"/>
                <HydrationScripts options/>
            </head>
            <body data-isso=isso>
                <App/>
            </body>
        </html>
    }
}

/// Where the comments go: the server's `ISSO_URL`, which the shell put on `<body>`.
fn isso() -> String {
    #[cfg(feature = "ssr")]
    let url = std::env::var("ISSO_URL").ok();
    #[cfg(not(feature = "ssr"))]
    let url = document().body().and_then(|b| b.get_attribute("data-isso"));
    url.unwrap_or_else(|| "http://127.0.0.1:8081".into())
}

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <nav>
                {ARTICLES.map(|(slug, title, _)| view! { <A href=format!("/post/{slug}/")>{title}</A>" " })}
            </nav>
            <main>
                // In order: the server sends the page as it renders it, waiting
                // for the thread's first page where it stands (within the
                // widget's time limit), so the comments are in place in the HTML.
                <Routes fallback=|| "Not found.">
                    <Route path=path!("/") view=|| view! { <Article slug="night-ferry".to_string()/> } ssr=SsrMode::InOrder/>
                    <Route path=path!("/post/:slug/") view=Routed ssr=SsrMode::InOrder/>
                </Routes>
            </main>
        </Router>
    }
}

/// The article the address names.
#[component]
fn Routed() -> impl IntoView {
    let params = use_params_map();
    let slug = Signal::derive(move || params.read().get("slug").unwrap_or_default());
    view! { <Article slug/> }
}

#[component]
fn Article(#[prop(into)] slug: Signal<String>) -> impl IntoView {
    let article = move || ARTICLES.iter().find(|(s, _, _)| *s == slug.get()).copied().unwrap_or(ARTICLES[0]);
    // The thread's key on the server: the article's own path, whichever
    // route showed it; a new article, a new thread and draft.
    let page = Signal::derive(move || format!("/post/{}/", article().0));
    view! {
        <article>
            <h1>{move || article().1}</h1>
            <p>{move || article().2}</p>
        </article>
        <section aria-labelledby="comments-title">
            <h2 id="comments-title">"Comments"</h2>
            <CommentWidget server=Server::isso(&isso()) page lang="en"/>
        </section>
    }
}
