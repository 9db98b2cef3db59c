//! The conversation under the form: the thread's comments, oldest first
//! (or newest, or most liked, as the reader or the site chose), replies
//! nested under their parent oldest first, each with its avatar, its author
//! (a link only to an http(s) website), its date in the reader's language
//! linking to its anchor (`#isso-N`, `#comment-N`), its text rebuilt through
//! the allowlist (never inserted as HTML), and a Reply button. It comes after
//! the form, so loading it never moves what the reader is typing; a thread
//! that cannot load says so and leaves the form alone.
//!
//! [`ThreadState`] loads it (pages of the site's size, the order, the
//! reader's own comments, a reload after a post, the pages up to the comment
//! the address names; an oldest-first thread may open at its newest page,
//! the earlier ones a button away above it);
//! [`Thread`] renders it, each comment a [`ThreadItem`] in a `<For>` keyed
//! by id, so "Show more" appends and nothing is drawn twice.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use crate::backend::allowlist::{RichNode, RichTag};
use crate::backend::avatar::Avatar;
use crate::backend::thread::{add, anchor, anchored, below, with_own, Paging, Sort, ThreadComment, ThreadPage};
use crate::backend::Backend;
use crate::config::WidgetConfig;
use crate::edge::http::{self, InFlight};
use crate::edge::{dom, page, rich, storage};
use crate::i18n::Strings;
use crate::memory::{decode_own, encode_own, own_key};
use crate::ui::acts::{Acts, EditBox, ItemActs, OwnButtons, VoteButtons};
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

    /// The ids of the comments shown, replies too.
    fn ids(&self) -> Vec<u64> {
        fn walk(list: &[ThreadComment], ids: &mut Vec<u64>) {
            for c in list {
                ids.push(c.id);
                walk(&c.replies, ids);
            }
        }
        let mut ids = Vec::new();
        if let Load::Loaded { comments, .. } = self {
            walk(comments, &mut ids);
        }
        ids
    }

    /// True when every comment of `ids` is shown.
    fn covers(&self, ids: &[u64]) -> bool {
        let shown = self.ids();
        ids.iter().all(|id| shown.contains(id))
    }

    /// The next page to ask for (0 when none is loaded).
    fn next(&self) -> u32 {
        match self {
            Load::Loaded { next, .. } => *next,
            _ => 0,
        }
    }

    /// Where comment `id` is: `Some(true)` shown, `Some(false)` not on the
    /// pages shown but maybe on the next, `None` not to be found (the thread
    /// has no more, or could not load) or not known yet.
    fn seek(&self, id: u64) -> Option<bool> {
        fn find(list: &[ThreadComment], id: u64) -> bool {
            list.iter().any(|c| c.id == id || find(&c.replies, id))
        }
        match self {
            Load::Loaded { comments, .. } if find(comments, id) => Some(true),
            // Up to 40 pages (2,000 comments) for one address.
            Load::Loaded { more: true, next, .. } if *next < 40 => Some(false),
            _ => None,
        }
    }
}

/// Where the reader's choice of order is kept: one for the whole site, as
/// a reader who likes the newest first likes it under every article.
const SORT_KEY: &str = "comment-widget:sort";

/// The thread's loading: its state, and asking for more.
#[derive(Clone, Copy)]
pub struct ThreadState {
    /// What is shown.
    pub load: RwSignal<Load>,
    /// Asks for the next page, when there is one.
    pub more: Callback<()>,
    /// The order shown; the reader's choice is kept in the browser.
    pub sort: RwSignal<Sort>,
    /// The pages go the other way round: an oldest-first thread that opens
    /// at its newest page (`data-first-page="newest"`) shows each page's
    /// comments reversed and asks for earlier ones above them.
    pub earlier_above: Signal<bool>,
    /// The comment the page's address names, once shown (the thread marks
    /// it, scrolls it into view and focuses it).
    pub marked: RwSignal<Option<u64>>,
    /// The reader's votes and own comments, where the server takes votes and edits.
    pub acts: Option<Acts>,
    /// The server e-mails replies to those who ask (Isso's `reply-notifications`).
    pub notify: RwSignal<bool>,
}

impl ThreadState {
    /// Starts loading the thread of `config`'s page, under the current
    /// reactive owner (cleanup aborts what is in flight); `posted` counts
    /// the comments the form posted: after each the pages shown are read
    /// again, so it shows in its place without a reload.
    pub fn start(config: WidgetConfig, posted: RwSignal<u32>) -> ThreadState {
        let load = RwSignal::new(Load::Loading);
        let in_flight = InFlight::default();
        let abort = in_flight.clone();
        on_cleanup(move || abort.abort());
        let own_key = StoredValue::new(own_key(&config.server, &page::search()));
        let backend = config.server.backend;
        let acts = Acts::start(&config.server, config.timeout_ms, config.votes);
        let notify = RwSignal::new(false);
        let chosen = storage::load(SORT_KEY).and_then(|s| Sort::from_name(&s)).unwrap_or(config.sort);
        let sort = RwSignal::new(chosen.for_backend(backend));
        let paging: Paging = config.paging;
        let earlier_above = Signal::derive(move || paging.asked(sort.get()).1);
        let config = StoredValue::new(config);
        let in_flight = StoredValue::new(in_flight);
        // What reading the thread needs, taken now (nothing is read from the
        // widget after an await).
        let listing = move || {
            let (server, timeout_ms) = config.with_value(|c| (c.server.clone(), c.timeout_ms));
            let (order, _) = paging.asked(sort.get_untracked());
            let (in_flight, own_key) = (in_flight.get_value(), own_key.get_value());
            Listing { server, timeout_ms, in_flight, own_key, order, per_page: paging.per_page, notify }
        };
        let fetch = move |page: u32| {
            let listing = listing();
            leptos::task::spawn_local(async move {
                let got = listing.page(page).await;
                load.try_update(|st| *st = merge(std::mem::replace(st, Load::Loading), got, page));
            });
        };
        fetch(0);
        // After a post the thread is read again from its first page, as far
        // as the reader had opened it (until every comment shown is shown
        // again): the new comment takes its place, and the pages the reader
        // opened, and the comment they answered, stay.
        let reread = move || {
            let listing = listing();
            let shown = load.with_untracked(Load::ids);
            leptos::task::spawn_local(async move {
                let mut read = Load::Loading;
                for page in 0..40 {
                    let Some(got) = listing.page(page).await else { break };
                    read = merge(read, Some(got), page);
                    if !matches!(read, Load::Loaded { more: true, .. }) || read.covers(&shown) {
                        break;
                    }
                }
                // A first page that fails keeps what is shown.
                if matches!(read, Load::Loaded { .. }) {
                    load.try_set(read);
                }
            });
        };
        on_change(
            move || posted.get(),
            move |_| {
                if let Some(acts) = acts {
                    acts.reload();
                }
                reread();
            },
        );
        on_change(
            move || sort.get(),
            move |order| {
                storage::save(SORT_KEY, order.name());
                fetch(0);
            },
        );
        let more = Callback::new(move |()| {
            let next = load.with_untracked(|st| match st {
                Load::Loaded { more: true, next, .. } => Some(*next),
                _ => None,
            });
            if let Some(page) = next {
                fetch(page);
            }
        });
        // The comment the address names (`#isso-N`, `#comment-N`), now and
        // whenever the hash changes: pages are read until it is shown.
        let target = RwSignal::new(anchored(backend, &page::hash()));
        let marked = RwSignal::new(None);
        let hash = window_event_listener(leptos::ev::hashchange, move |_| {
            target.set(anchored(backend, &page::hash()));
        });
        on_cleanup(move || hash.remove());
        let mut asked = 0;
        crate::ui::effect(move || {
            let Some(id) = target.get() else { return };
            match load.with(|st| st.seek(id)) {
                Some(true) => {
                    target.set(None);
                    marked.set(Some(id));
                }
                // Each page once: a page that fails ends the search.
                Some(false) => match load.with_untracked(|st| st.next()) {
                    next if next > asked => {
                        asked = next;
                        more.run(());
                    }
                    _ => target.set(None),
                },
                None if load.with(|st| matches!(st, Load::Loading)) => {}
                None => target.set(None),
            }
        });
        ThreadState { load, more, sort, earlier_above, marked, acts, notify }
    }
}

/// What reading a thread's pages needs.
struct Listing {
    server: crate::backend::Server,
    timeout_ms: u32,
    in_flight: InFlight,
    own_key: String,
    /// The order asked for, and comments per page.
    order: Sort,
    per_page: u32,
    /// Set from the first page: the server e-mails replies.
    notify: RwSignal<bool>,
}

impl Listing {
    /// Page `page`, or `None` when it could not be read; the first page
    /// shows the reader's own comments the server does not list.
    async fn page(&self, page: u32) -> Option<ThreadPage> {
        let asked = (page, self.order, self.per_page);
        let mut got = http::list(&self.server, asked, self.timeout_ms, &self.in_flight).await?;
        if page == 0 {
            show_own(&self.own_key, &mut got.comments, self.order == Sort::Newest);
            self.notify.try_set(got.notify);
        }
        Some(got)
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
fn show_own(key: &str, comments: &mut Vec<ThreadComment>, newest_first: bool) {
    let own = storage::load_session(key).map(|t| decode_own(&t)).unwrap_or_default();
    if !own.is_empty() {
        let still = with_own(comments, own, newest_first);
        storage::save_session(key, (!still.is_empty()).then(|| encode_own(&still)).as_deref());
    }
}

fn count(comments: &[ThreadComment]) -> u64 {
    comments.iter().map(|c| 1 + count(&c.replies)).sum()
}

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

    let note = move || {
        load.with(|st| match st {
            Load::Loading => s.thread_loading,
            Load::Failed => s.thread_failed,
            Load::Loaded { .. } => "",
        })
    };
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
    let heading = move || {
        load.with(|st| match st {
            Load::Loaded { comments, total, .. } => {
                let n = total.unwrap_or_else(|| count(comments));
                s.count(&page::plural_category(s.lang, n), n)
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
    let date = page::long_date(s.lang, &created);
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
        _ => EitherOf3::C(view! { <RichText nodes=rich::parse(&item.html.get())/> }),
    };
    let form_under = ctx.form_under;
    let form = ctx.form.clone();
    let marked = ctx.marked;
    let avatar = avatar.filter(|_| ctx.avatars);
    let with_avatar = avatar.is_some();
    let anchor = anchor(ctx.backend, id);
    let permalink = format!("#{anchor}");
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
