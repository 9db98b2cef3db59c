//! The conversation under the form: the thread's comments, oldest first,
//! replies nested under their parent, each with its author (a link only to an
//! http(s) website), its date in the reader's language, its text rebuilt
//! through the allowlist (never inserted as HTML), and a Reply button. It
//! comes after the form, so loading it never moves what the reader is typing;
//! a thread that cannot load says so and leaves the form alone.
//!
//! [`ThreadState`] loads it (pages, the reader's own comments, a reload
//! after a post); [`Thread`] renders it, each comment a [`ThreadItem`] in a
//! `<For>` keyed by id, so "Show more" appends and nothing is drawn twice.

use leptos::prelude::*;

use crate::backend::allowlist::{RichNode, RichTag};
use crate::backend::thread::{add, with_own, ThreadComment, ThreadPage};
use crate::config::WidgetConfig;
use crate::edge::http::{self, InFlight};
use crate::edge::{page, rich, storage};
use crate::i18n::Strings;
use crate::memory::{decode_own, encode_own, own_key};
use crate::ui::on_change;

/// Where the thread is.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    Loading,
    Failed,
    Loaded { comments: Vec<ThreadComment>, total: Option<u64>, more: bool, next: u32 },
}

impl Load {
    /// True when comment `id` is shown and open to replies (the form can go
    /// under it).
    pub fn shows(&self, id: u64) -> bool {
        fn find(list: &[ThreadComment], id: u64) -> bool {
            list.iter().any(|c| (c.id == id && !c.held) || find(&c.replies, id))
        }
        matches!(self, Load::Loaded { comments, .. } if find(comments, id))
    }
}

/// The thread's loading: its state, and asking for more.
#[derive(Clone, Copy)]
pub struct ThreadState {
    /// What is shown.
    pub load: RwSignal<Load>,
    /// Asks for the next page, when there is one.
    pub more: Callback<()>,
}

impl ThreadState {
    /// Starts loading the thread of `config`'s page, under the current
    /// reactive owner (cleanup aborts what is in flight); `posted` counts
    /// the comments the form posted: after each the first page is read
    /// again, so it shows in its place without a reload.
    pub fn start(config: WidgetConfig, posted: RwSignal<u32>) -> ThreadState {
        let load = RwSignal::new(Load::Loading);
        let in_flight = InFlight::default();
        let abort = in_flight.clone();
        on_cleanup(move || abort.abort());
        let own_key = StoredValue::new(own_key(&config.server, &page::search()));
        let config = StoredValue::new(config);
        let in_flight = StoredValue::new(in_flight);
        let fetch = move |page: u32| {
            let (server, timeout) = config.with_value(|c| (c.server.clone(), c.timeout_ms));
            let (in_flight, key) = (in_flight.get_value(), own_key.get_value());
            leptos::task::spawn_local(async move {
                let got = http::list(&server, page, timeout, &in_flight).await.map(|mut got| {
                    if page == 0 {
                        show_own(&key, &mut got.comments);
                    }
                    got
                });
                load.try_update(|st| *st = merge(std::mem::replace(st, Load::Loading), got, page));
            });
        };
        fetch(0);
        on_change(move || posted.get(), move |_| fetch(0));
        let more = Callback::new(move |()| {
            let next = load.with_untracked(|st| match st {
                Load::Loaded { more: true, next, .. } => Some(*next),
                _ => None,
            });
            if let Some(page) = next {
                fetch(page);
            }
        });
        ThreadState { load, more }
    }
}

/// The state after page `page` answered (`None`: it could not be read).
fn merge(before: Load, got: Option<ThreadPage>, page: u32) -> Load {
    match (before, got) {
        (Load::Loaded { mut comments, total, .. }, Some(more)) if page > 0 => {
            // A reply whose parent came on an earlier page goes under it; the
            // reader's own comments, shown already, are not shown twice.
            add(&mut comments, more.comments);
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

/// The reader's own comments the server does not list on this first page
/// (held ones it lists to nobody, new ones on a later page), put in their
/// place: this browser keeps them for the visit, until the server lists them.
fn show_own(key: &str, comments: &mut Vec<ThreadComment>) {
    let own = storage::load_session(key).map(|t| decode_own(&t)).unwrap_or_default();
    if !own.is_empty() {
        let still = with_own(comments, own);
        storage::save_session(key, (!still.is_empty()).then(|| encode_own(&still)).as_deref());
    }
}

fn count(comments: &[ThreadComment]) -> u64 {
    comments.iter().map(|c| 1 + count(&c.replies)).sum()
}

/// What identifies a comment as drawn: a comment whose replies or
/// moderation changed is drawn again, the others are kept.
fn key(c: &ThreadComment) -> (u64, bool, u64) {
    (c.id, c.held, count(&c.replies))
}

/// The thread: a note while it loads or when it cannot, then a heading that
/// counts the comments, the list, and "Show more comments".
#[component]
pub fn Thread(
    /// What is shown.
    load: RwSignal<Load>,
    /// The words to speak.
    strings: &'static Strings,
    /// The comment the reply form is under, if any (its slot shows `form`).
    #[prop(into)]
    form_under: Signal<Option<u64>>,
    /// The reply form, for the comment it answers.
    form: ViewFn,
    /// Reply to a comment: its id and author.
    on_reply: Callback<(u64, String)>,
    /// "Show more comments".
    on_more: Callback<()>,
) -> impl IntoView {
    let s = strings;
    let note = move || {
        load.with(|st| match st {
            Load::Loading => s.thread_loading,
            Load::Failed => s.thread_failed,
            Load::Loaded { .. } => "",
        })
    };
    let comments = Memo::new(move |_| {
        load.with(|st| match st {
            Load::Loaded { comments, .. } => comments.clone(),
            _ => Vec::new(),
        })
    });
    let heading = move || {
        load.with(|st| match st {
            Load::Loaded { comments, total, .. } => {
                let n = total.unwrap_or_else(|| count(comments));
                s.count(&page::plural_category(s.lang, n), n)
            }
            _ => String::new(),
        })
    };
    let more = move || load.with(|st| matches!(st, Load::Loaded { more: true, .. }));
    let ctx = ItemContext { strings: s, form_under, form, on_reply };
    view! {
        <div class="cw-thread-host">
            <p class="cw-thread__note" aria-live="polite" hidden=move || note().is_empty()>{note}</p>
            <section
                class="cw-thread"
                lang=s.lang
                dir=s.dir
                hidden=move || comments.with(Vec::is_empty)
                aria-label=heading
            >
                <h3 class="cw-thread__title">{heading}</h3>
                <ol class="cw-thread__list">
                    <For each=move || comments.get() key=key let(comment)>
                        <ThreadItem comment ctx=ctx.clone()/>
                    </For>
                </ol>
                <p class="cw-thread__more" hidden=move || !more()>
                    <button
                        type="button"
                        class="cw-button cw-button--secondary"
                        data-cw-more=""
                        on:click=move |_| on_more.run(())
                    >
                        {s.show_more}
                    </button>
                </p>
            </section>
        </div>
    }
}

/// What every comment of a thread shares.
#[derive(Clone)]
pub struct ItemContext {
    /// The words to speak.
    pub strings: &'static Strings,
    /// The comment the reply form is under, if any.
    pub form_under: Signal<Option<u64>>,
    /// The reply form.
    pub form: ViewFn,
    /// Reply to a comment: its id and author.
    pub on_reply: Callback<(u64, String)>,
}

/// One comment: author, date, the held mark, its text, Reply; then the reply
/// form when it answers this comment (as WordPress's `comment-reply.js` puts
/// it), then the replies, each a `ThreadItem` of its own.
#[component]
pub fn ThreadItem(
    /// The comment, with its replies.
    comment: ThreadComment,
    /// What the thread's comments share.
    ctx: ItemContext,
) -> AnyView {
    let s = ctx.strings;
    let ThreadComment { id, author, website, created, html, held, replies, .. } = comment;
    let name = if author.trim().is_empty() { s.anonymous.to_string() } else { author };
    let author = match website {
        Some(href) => view! { <a href=href rel="nofollow ugc noopener">{name.clone()}</a> }.into_any(),
        None => view! { <span>{name.clone()}</span> }.into_any(),
    };
    let date = page::long_date(s.lang, &created);
    let on_reply = ctx.on_reply;
    let actions = (!held).then(|| {
        let label = s.heading_for(Some(&name));
        let reply_name = name.clone();
        view! {
            <p class="cw-comment__actions">
                <button
                    type="button"
                    class="cw-button cw-button--link"
                    aria-label=label
                    data-cw-reply=id.to_string()
                    data-cw-name=name.clone()
                    on:click=move |_| on_reply.run((id, reply_name.clone()))
                >
                    {s.reply}
                </button>
            </p>
        }
    });
    let form_under = ctx.form_under;
    let form = ctx.form.clone();
    let replies = (!replies.is_empty()).then(|| {
        let ctx = ctx.clone();
        view! {
            <ol class="cw-thread__replies">
                <For each=move || replies.clone() key=key let(reply)>
                    <ThreadItem comment=reply ctx=ctx.clone()/>
                </For>
            </ol>
        }
    });
    view! {
        <li class="cw-thread__item">
            <article class="cw-comment">
                <h4 class="cw-comment__author">{author}</h4>
                <p class="cw-comment__meta">
                    <time datetime=created>{date}</time>
                </p>
                {held.then(|| view! { <p class="cw-comment__held"><em>{s.awaiting_moderation}</em></p> })}
                <div class="cw-comment__text"><RichText nodes=rich::parse(&html)/></div>
                {actions}
            </article>
            <Show when=move || form_under.get() == Some(id)>{form.run()}</Show>
            {replies}
        </li>
    }
    .into_any()
}

/// A comment's text as the allowlist left it: its elements made afresh, its
/// text as text nodes.
#[component]
pub fn RichText(
    /// The tree `edge::rich::parse` read.
    nodes: Vec<RichNode>,
) -> AnyView {
    nodes
        .into_iter()
        .map(|node| match node {
            RichNode::Text(text) => text.into_any(),
            RichNode::Link(href, children) => {
                view! { <a href=href rel="nofollow ugc noopener"><RichText nodes=children/></a> }.into_any()
            }
            RichNode::Element(RichTag::Br, _) => view! { <br/> }.into_any(),
            RichNode::Element(tag, children) => {
                leptos::html::custom(tag.name()).child(view! { <RichText nodes=children/> }).into_any()
            }
        })
        .collect_view()
        .into_any()
}
