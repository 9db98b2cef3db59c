//! The conversation under the form: the thread's comments, oldest first,
//! replies nested under their parent, each with its author (a link only to an
//! http(s) website), its date in the reader's language, its text rebuilt
//! through the allowlist (never inserted as HTML), and a Reply button. It
//! comes after the form, so loading it never moves what the reader is typing;
//! a thread that cannot load says so and leaves the form alone.

use leptos::prelude::*;

use leptos::html;

use crate::backend::thread::{ThreadComment, ThreadPage};
use crate::config::WidgetConfig;
use crate::edge::http::{self, InFlight};
use crate::edge::{page, rich};
use crate::i18n::Strings;
use crate::ui::Reply;

#[derive(Clone, Debug, PartialEq)]
enum Load {
    Loading,
    Failed,
    Loaded { comments: Vec<ThreadComment>, total: Option<u64>, more: bool, next: u32 },
}

/// The thread of `config`'s page. Reply sets `reply` (the form follows).
#[component]
pub fn Thread(
    /// Which server and page.
    config: WidgetConfig,
    /// The form's language.
    strings: &'static Strings,
    /// The comment the form replies to.
    reply: RwSignal<Option<Reply>>,
) -> impl IntoView {
    let s = strings;
    let state = RwSignal::new(Load::Loading);
    let in_flight = InFlight::default();
    let abort = in_flight.clone();
    on_cleanup(move || abort.abort());
    let config = StoredValue::new(config);
    let in_flight = StoredValue::new(in_flight);
    let fetch = move |page: u32| {
        let (server, timeout) = config.with_value(|c| (c.server.clone(), c.timeout_ms));
        let in_flight = in_flight.get_value();
        leptos::task::spawn_local(async move {
            let got = http::list(&server, page, timeout, &in_flight).await;
            state.update(|st| *st = merge(std::mem::replace(st, Load::Loading), got, page));
        });
    };
    fetch(0);
    let on_reply = Callback::new(move |(id, name): (u64, String)| reply.set(Some(Reply::new(s, id, Some(name)))));
    move || match state.get() {
        Load::Loading => view! { <p class="cw-thread__note" aria-live="polite">{s.thread_loading}</p> }.into_any(),
        Load::Failed => view! { <p class="cw-thread__note" aria-live="polite">{s.thread_failed}</p> }.into_any(),
        Load::Loaded { comments, .. } if comments.is_empty() => ().into_any(),
        Load::Loaded { comments, total, more, next } => {
            let n = total.unwrap_or_else(|| count(&comments));
            let heading = s.count(&page::plural_category(s.lang, n), n);
            let label = heading.clone();
            let more = more.then(|| {
                view! {
                    <p class="cw-thread__more">
                        <button type="button" class="cw-button cw-button--secondary" on:click=move |_| fetch(next)>{s.show_more}</button>
                    </p>
                }
            });
            view! {
                <section class="cw-thread" aria-label=label lang=s.lang dir=s.dir>
                    <h3 class="cw-thread__title">{heading}</h3>
                    <ol class="cw-thread__list">{comments.into_iter().map(|c| comment(c, s, on_reply)).collect_view()}</ol>
                    {more}
                </section>
            }
            .into_any()
        }
    }
}

/// The state after page `page` answered (`None`: it could not be read).
fn merge(before: Load, got: Option<ThreadPage>, page: u32) -> Load {
    match (before, got) {
        (Load::Loaded { mut comments, total, .. }, Some(more)) if page > 0 => {
            comments.extend(more.comments);
            Load::Loaded { comments, total: more.total.or(total), more: more.more, next: page + 1 }
        }
        (_, Some(first)) => {
            Load::Loaded { comments: first.comments, total: first.total, more: first.more, next: page + 1 }
        }
        // A later page that fails keeps what is shown.
        (loaded @ Load::Loaded { .. }, None) => loaded,
        (_, None) => Load::Failed,
    }
}

fn count(comments: &[ThreadComment]) -> u64 {
    comments.iter().map(|c| 1 + count(&c.replies)).sum()
}

fn comment(c: ThreadComment, s: &'static Strings, on_reply: Callback<(u64, String)>) -> AnyView {
    let ThreadComment { id, author, website, created, html, replies, .. } = c;
    let name = author.clone();
    let label = s.heading_for(Some(&author));
    let who = match website {
        Some(href) => view! { <a href=href rel="nofollow ugc noopener">{author}</a> }.into_any(),
        None => author.into_any(),
    };
    let when = page::long_date(s.lang, &created);
    // The server's HTML, rebuilt node by node through the allowlist.
    let body = NodeRef::<html::Div>::new();
    body.on_load(move |div| rich::fill(&div, &html));
    let replies = (!replies.is_empty()).then(|| {
        view! { <ol class="cw-thread__replies">{replies.into_iter().map(|r| comment(r, s, on_reply)).collect_view()}</ol> }
    });
    view! {
        <li class="cw-thread__item">
            <article class="cw-comment">
                <h4 class="cw-comment__author">{who}</h4>
                <p class="cw-comment__meta"><time datetime=created>{when}</time></p>
                <div class="cw-comment__text" node_ref=body></div>
                <p class="cw-comment__actions">
                    <button type="button" class="cw-button cw-button--link" aria-label=label
                        on:click=move |_| on_reply.run((id, name.clone()))>{s.reply}</button>
                </p>
            </article>
            {replies}
        </li>
    }
    .into_any()
}
