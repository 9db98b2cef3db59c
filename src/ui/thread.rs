//! The conversation under the form: the thread's comments, oldest first
//! (or newest, or most liked, as the reader or the site chose), replies
//! nested under their parent oldest first, each with its avatar, its author
//! (a link only to an http(s) website), its date in the reader's language
//! linking to its anchor (`#isso-N`, `#comment-N`), its text rebuilt through
//! the allowlist (never inserted as HTML), and a Reply button. It comes after
//! the form, so loading it never moves what the reader is typing; a thread
//! that cannot load says so and leaves the form alone.
//!
//! [`ThreadState`](crate::ui::ThreadState) (in `thread_state`) loads it;
//! [`Thread`] renders it, each comment a [`ThreadItem`] in a `<For>` keyed
//! by id, so "Show more" appends and nothing is drawn twice.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use crate::backend::allowlist::{RichNode, RichTag};
use crate::backend::avatar::Avatar;
use crate::backend::thread::{anchor, below, Sort, ThreadComment};
use crate::backend::Backend;
use crate::edge::{dom, page, rich};
use crate::i18n::Strings;
use crate::ui::acts::{Acts, EditBox, ItemActs, OwnButtons, VoteButtons};
use crate::ui::on_change;
use crate::ui::thread_state::{count, Load};

/// What identifies a comment as drawn: a comment whose replies or
/// moderation changed is drawn again, the others are kept. Its time is part
/// of it: Isso gives a deleted comment's id to the next one.
fn key(c: &ThreadComment) -> (u64, bool, u64, String) {
    (c.id, c.held, count(&c.replies), c.created.clone())
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
    /// The order shown; the control above the list sets it.
    sort: RwSignal<Sort>,
    /// Each page's comments are shown the other way round, and earlier
    /// pages are asked for above the list ("Show earlier comments").
    #[prop(optional, into)]
    earlier_above: Signal<bool>,
    /// The comment the address named, once shown: marked, scrolled to, focused.
    #[prop(into)]
    marked: Signal<Option<u64>>,
    /// Whose thread it is: its anchors (`isso-N`, `comment-N`) and orders.
    backend: Backend,
    /// Show avatars (`data-avatars`).
    avatars: bool,
    /// Votes, edit and delete, where the server takes them (Isso).
    #[prop(default = None)]
    acts: Option<Acts>,
    /// How many levels replies nest (`data-thread-depth`, WordPress's
    /// "Enable threaded comments N levels deep"; 1: not threaded): deeper
    /// replies show at the last level, which has no Reply button.
    #[prop(default = u32::MAX)]
    depth: u32,
    /// The post takes replies (false: comments are closed, no Reply).
    #[prop(default = true)]
    open: bool,
    /// WordPress's edit screen for a comment, its id to be appended: an
    /// "Edit" link under each comment (for a user who may edit them).
    #[prop(default = None)]
    edit_url: Option<String>,
) -> impl IntoView {
    let s = strings;
    let section = NodeRef::<leptos::html::Section>::new();
    // Comment `id`, once drawn, scrolled to and focused.
    let reach = move |id: u64| {
        let selector = format!("#{}", anchor(backend, id));
        request_animation_frame(move || {
            if let Some(comment) = section.get_untracked().and_then(|root| dom::find(&root, &selector)) {
                dom::go_to(&comment);
            }
        });
    };
    on_change(
        move || marked.get(),
        move |id| {
            if let Some(id) = *id {
                reach(id);
            }
        },
    );
    let choice = |order: Sort| match order {
        Sort::Oldest => s.sort_oldest,
        Sort::Newest => s.sort_newest,
        Sort::Top => s.sort_top,
    };
    let options = Sort::offered(backend)
        .iter()
        .map(|order| view! { <option value=order.name()>{choice(*order)}</option> })
        .collect_view();

    let comments = Memo::new(move |_| {
        let mut shown = load.with(|st| match st {
            Load::Loaded { comments, .. } => comments.clone(),
            _ => Vec::new(),
        });
        if earlier_above.get() {
            shown.reverse();
        }
        shown
    });
    // An empty thread says so on the line "Loading comments…" held: nothing
    // under the form goes away, so a page scrolled to its end (where the
    // form usually is) does not move the form down.
    let note = move || {
        load.with(|st| match st {
            Load::Loading => s.thread_loading,
            Load::Failed => s.thread_failed,
            Load::Loaded { .. } if comments.with(Vec::is_empty) => s.count_none,
            Load::Loaded { .. } => "",
        })
    };
    let heading = move || {
        load.with(|st| match st {
            Load::Loaded { comments, total, .. } => {
                let n = total.unwrap_or_else(|| count(comments));
                let category =
                    if hydrated() { page::plural_category(s.lang, n) } else { page::plain_plural(s.lang, n).into() };
                s.count(&category, n)
            }
            _ => String::new(),
        })
    };
    let more = move |above: bool| {
        load.with(|st| matches!(st, Load::Loaded { more: true, .. })) && earlier_above.get() == above
    };
    // A "Show …" button that goes once everything is shown would leave the
    // focus nowhere: it moves to the first comment that arrived (above, the
    // earliest; below, the one after those shown before).
    let pressed = StoredValue::new(None::<(bool, usize)>);
    on_change(
        move || comments.with(Vec::len),
        move |len| match pressed.get_value() {
            Some((above, before)) if *len > before => {
                pressed.set_value(None);
                let first = comments.with_untracked(|c| c.get(if above { 0 } else { before }).map(|c| c.id));
                if let Some(id) = first.filter(|_| !more(above)) {
                    reach(id);
                }
            }
            _ => {}
        },
    );
    let press_more = move |above: bool| {
        pressed.set_value(Some((above, comments.with_untracked(Vec::len))));
        on_more.run(());
    };
    // "Show more comments" below the list, or "Show earlier comments" above
    // it when the pages go the other way round (one view, drawn in both places).
    let more_button = move |above: bool| {
        view! {
            <p class="cw-thread__more" hidden=move || !more(above)>
                <button
                    type="button"
                    class="cw-button cw-button--secondary"
                    data-cw-more=if above { "earlier" } else { "" }
                    on:click=move |_| press_more(above)
                >
                    {if above { s.show_earlier } else { s.show_more }}
                </button>
            </p>
        }
    };
    let ctx = ItemContext {
        strings: s,
        form_under,
        form,
        on_reply,
        backend,
        avatars,
        marked,
        acts,
        levels: depth.max(1),
        open,
        edit_url,
    };
    view! {
        <div class="cw-thread-host">
            <p class="cw-thread__note" aria-live="polite" hidden=move || note().is_empty()>{note}</p>
            <section
                class="cw-thread"
                lang=s.lang
                dir=s.dir
                hidden=move || comments.with(Vec::is_empty)
                aria-label=heading
                node_ref=section
            >
                <div class="cw-thread__bar">
                    <h3 class="cw-thread__title">{heading}</h3>
                    <label class="cw-thread__sort">
                        {s.sort_label}
                        " "
                        <select
                            class="cw-select"
                            prop:value=move || sort.get().name()
                            on:change=move |ev| {
                                if let Some(order) = Sort::from_name(&event_target_value(&ev)) {
                                    sort.set(order);
                                }
                            }
                        >
                            {options}
                        </select>
                    </label>
                </div>
                {more_button(true)}
                <ol class="cw-thread__list">
                    <For each=move || comments.get() key=key let(comment)>
                        <ThreadItem comment ctx=ctx.clone()/>
                    </For>
                </ol>
                {more_button(false)}
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
    /// Whose thread it is (its anchors).
    pub backend: Backend,
    /// Show avatars.
    pub avatars: bool,
    /// The comment the address named, marked for sighted readers.
    pub marked: Signal<Option<u64>>,
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
    let s = ctx.strings;
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
                (!acts.is_mine(id) && !item.deleted.get())
                    .then(|| view! { <VoteButtons acts item name=name.clone() strings=s/> })
            }
        });
        let own = acts.map(|acts| view! { <OwnButtons acts item strings=s/> });
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
        (false, true, Some(acts)) => EitherOf3::B(view! { <EditBox acts item strings=s/> }),
        _ => EitherOf3::C(view! { <RichText nodes=nodes(id, &item.html.get())/> }),
    };
    let form_under = ctx.form_under;
    let form = ctx.form.clone();
    let marked = ctx.marked;
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

/// The comments' HTML as the server read it (`edge::server`), by id, for a
/// server-rendered thread: the hydrating client renders these trees rather
/// than reading the HTML again, so that its markup is the server's.
#[cfg(any(feature = "ssr", feature = "hydrate"))]
#[derive(Clone, Copy)]
pub struct ServerTrees(pub StoredValue<Vec<(u64, String, Vec<RichNode>)>>);

/// Comment `id`'s `html`, read through the allowlist: as the server read
/// it, in a server-rendered thread, while the HTML is the same.
fn nodes(id: u64, html: &str) -> Vec<RichNode> {
    #[cfg(any(feature = "ssr", feature = "hydrate"))]
    if let Some(ServerTrees(trees)) = use_context::<ServerTrees>() {
        let read = trees.with_value(|t| t.iter().find(|(i, h, _)| *i == id && h == html).map(|(_, _, n)| n.clone()));
        if let Some(read) = read {
            return read;
        }
    }
    let _ = id;
    rich::parse(html)
}

/// False in a server-rendered app until the client has hydrated (an effect
/// sets it): until then the thread shows what the server rendered (dates in
/// UTC, headings counted as a server counts), then the reader's own.
#[cfg(any(feature = "ssr", feature = "hydrate"))]
#[derive(Clone, Copy)]
pub struct Hydrated(pub RwSignal<bool>);

/// True once the thread may show the reader's dates and plurals (at once in
/// a client-side app).
fn hydrated() -> bool {
    #[cfg(any(feature = "ssr", feature = "hydrate"))]
    if let Some(Hydrated(done)) = use_context::<Hydrated>() {
        return done.get();
    }
    true
}
