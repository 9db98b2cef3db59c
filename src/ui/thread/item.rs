//! [`ThreadItem`]: one comment of the thread and its replies, with its
//! [`AvatarImage`].

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

#[cfg(any(feature = "ssr", feature = "hydrate"))]
use crate::ui::thread::hydrated;
use crate::ui::thread::{key, nodes, Acts, EditBox, ItemActs, OwnButtons, RichText, VoteButtons};

use crate::backend::avatar::Avatar;
use crate::backend::thread::{anchor, below, ThreadComment};
use crate::backend::Backend;
use crate::edge::page;
use crate::ui::words;

/// What every comment of a thread shares.
#[derive(Clone)]
pub struct ItemContext {
    /// The comment the reply form is under, if any.
    pub form_under: Signal<Option<u64>>,
    /// The reply form.
    pub form: ViewFn,
    /// Reply to a comment: its id and author.
    pub on_reply: Callback<(u64, String)>,
    /// Whose thread it is (its anchors).
    pub backend: Backend,
    /// Show avatars.
    pub avatars: bool,
    /// The comment the address named, marked for sighted readers.
    pub marked: Signal<Option<u64>>,
    /// The comments added by "N new comments", marked as new.
    pub added: RwSignal<Vec<u64>>,
    /// Votes, edit and delete, where the server takes them (Isso).
    pub acts: Option<Acts>,
    /// The levels from this comment's down to the deepest shown (1: the
    /// last level, where replies show beside their comment, not under it).
    pub levels: u32,
    /// The post takes replies.
    pub open: bool,
    /// Each comment's "Edit" link: this, then its id (WordPress).
    pub edit_url: Option<String>,
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
    let s = words();
    let ThreadComment { id, author, website, created, html, held, avatar, replies, votes, deleted, .. } = comment;
    let name = if author.trim().is_empty() { s.anonymous.to_string() } else { author };
    let acts = ctx.acts;
    let shown_votes = votes.filter(|_| acts.is_some_and(|a| a.votes_shown));
    let item = ItemActs::new(acts, id, html, deleted, shown_votes);
    let author = match website {
        Some(href) => Either::Left(view! { <a href=href rel="nofollow ugc noopener">{name.clone()}</a> }),
        None => Either::Right(view! { <span>{name.clone()}</span> }),
    };
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let date = page::long_date(s.lang, &created);
    #[cfg(any(feature = "ssr", feature = "hydrate"))]
    let date = {
        let created = created.clone();
        move || if hydrated() { page::long_date(s.lang, &created) } else { page::utc_date(&created) }
    };
    let on_reply = ctx.on_reply;
    let last_level = ctx.levels <= 1;
    let no_reply = last_level || !ctx.open;
    let (replies, beside) = if last_level { (Vec::new(), below(replies)) } else { (replies, Vec::new()) };
    let actions = (!held).then(|| {
        let label = s.heading_for(Some(&name));
        let reply_name = name.clone();
        let votes = acts.filter(|_| shown_votes.is_some()).map(|acts| {
            let name = name.clone();
            move || {
                (!acts.is_mine(id) && !item.deleted.get()).then(|| view! { <VoteButtons acts item name=name.clone()/> })
            }
        });
        let own = acts.map(|acts| view! { <OwnButtons acts item/> });
        view! {
            <p class="cw-comment__actions">
                {votes}
                <button
                    type="button"
                    class="cw-button cw-button--link"
                    aria-label=label
                    data-cw-reply=id.to_string()
                    data-cw-name=name.clone()
                    hidden=move || no_reply || item.deleted.get()
                    on:click=move |_| on_reply.run((id, reply_name.clone()))
                >
                    {s.reply}
                </button>
                {own}
            </p>
            <p class="cw-comment__note" aria-live="polite">{move || item.note.get()}</p>
        }
    });
    let text = move || match (item.deleted.get(), item.editing.get(), acts) {
        (true, _, _) => EitherOf3::A(view! { <p><em>{s.deleted}</em></p> }),
        (false, true, Some(acts)) => EitherOf3::B(view! { <EditBox acts item/> }),
        _ => EitherOf3::C(view! { <RichText nodes=nodes(id, &item.html.get())/> }),
    };
    let form_under = ctx.form_under;
    let form = ctx.form.clone();
    let (marked, added) = (ctx.marked, ctx.added);
    let avatar = avatar.filter(|_| ctx.avatars);
    let with_avatar = avatar.is_some();
    let anchor = anchor(ctx.backend, id);
    let permalink = format!("#{anchor}");
    // "Edit", after the date, as WordPress's `edit_comment_link()` prints
    // it (the same kind of link as the author's: no new code for it).
    let edit = ctx.edit_url.as_ref().map(|url| {
        view! { <a href=format!("{url}{id}") rel="nofollow ugc noopener">{s.edit.to_string()}</a> }
    });
    let beside = (!beside.is_empty())
        .then(|| beside.into_iter().map(|comment| view! { <ThreadItem comment ctx=ctx.clone()/> }).collect_view());
    let replies = (!replies.is_empty()).then(|| {
        let ctx = ItemContext { levels: ctx.levels - 1, ..ctx.clone() };
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
            <article
                class="cw-comment"
                class:cw-comment--avatar=with_avatar
                class:cw-comment--target=move || marked.get() == Some(id)
                class:cw-comment--new=move || added.with(|a| a.contains(&id))
                id=anchor
                tabindex="-1"
            >
                {avatar.map(|a| view! { <AvatarImage avatar=a/> })}
                <h4 class="cw-comment__author">{author}</h4>
                <p class="cw-comment__meta">
                    <a class="cw-comment__permalink" href=permalink>
                        <time datetime=created>{date}</time>
                    </a>
                    " "
                    {edit}
                </p>
                {held.then(|| view! { <p class="cw-comment__held"><em>{s.awaiting_moderation}</em></p> })}
                <div class="cw-comment__text">{text}</div>
                {actions}
            </article>
            {move || (form_under.get() == Some(id)).then(|| untrack(|| form.run()))}
            {replies}
        </li>
        {beside}
    }
    .into_any()
}

/// A comment's avatar beside its author's name, which says who it is (so
/// the image says nothing: `alt=""`): loaded lazily and sent no referrer;
/// Isso's identicon is drawn here, as an SVG image (no request leaves for it).
#[component]
pub fn AvatarImage(
    /// What to draw.
    avatar: Avatar,
) -> impl IntoView {
    let (src, src2x) = avatar.sources();
    view! {
        <img
            class="cw-comment__avatar"
            src=src
            srcset=src2x.map(|x| format!("{x} 2x"))
            width="48"
            height="48"
            alt=""
            loading="lazy"
            referrerpolicy="no-referrer"
        />
    }
}
