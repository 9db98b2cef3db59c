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

pub mod acts;
mod item;
mod rich_text;
pub mod state;

pub use acts::Acts;
pub(crate) use acts::{EditBox, ItemActs, OwnButtons, VoteButtons};
pub use item::{AvatarImage, ItemContext, ThreadItem};
pub use rich_text::RichText;
pub(crate) use rich_text::{hydrated, nodes};
#[cfg(any(feature = "ssr", feature = "hydrate"))]
pub use rich_text::{Hydrated, ServerTrees};

use leptos::prelude::*;

use crate::backend::thread::{anchor, Sort, ThreadComment};
use crate::backend::Backend;
use crate::edge::{dom, page};
use crate::ui::on_change;
use crate::ui::thread::state::{count, Load, ThreadState};
use crate::ui::words;

/// What identifies a comment as drawn: a comment whose replies or
/// moderation changed is drawn again, the others are kept. Its time is part
/// of it: Isso gives a deleted comment's id to the next one.
/// How many comments a slice of the thread draws (`Thread`).
const SLICE: usize = 4;

pub(crate) fn key(c: &ThreadComment) -> (u64, bool, u64, String) {
    (c.id, c.held, count(&c.replies), c.created.clone())
}

/// The thread: a note while it loads or when it cannot, then a heading that
/// counts the comments, the list, and "Show more comments".
#[component]
pub fn Thread(
    /// What is shown and how it loads: the comments, "Show more", the
    /// order, the comment the address names, the reader's acts.
    state: ThreadState,
    /// The comment the reply form is under, if any (its slot shows `form`).
    #[prop(into)]
    form_under: Signal<Option<u64>>,
    /// The reply form, for the comment it answers.
    form: ViewFn,
    /// Reply to a comment: its id and author.
    on_reply: Callback<(u64, String)>,
    /// Whose thread it is: its anchors (`isso-N`, `comment-N`) and orders.
    backend: Backend,
    /// Show avatars (`data-avatars`).
    avatars: bool,
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
    let ThreadState {
        load,
        more: on_more,
        sort,
        earlier_above,
        marked,
        acts,
        fresh,
        show_new,
        added,
        catching,
        section,
        ..
    } = state;
    let marked = Signal::from(marked);
    let s = words();
    // How many of the comments are drawn (below: a page comes in slices).
    let drawn = RwSignal::new(if page::READ_AT_RENDER { SLICE } else { usize::MAX });
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
                // (The comment the address names is drawn at once, with those before it.)
                drawn.set(usize::MAX);
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

    // In a browser, a page of comments is drawn a slice at a time, each in
    // a task of its own, so that no task holds a reader's key back (a
    // comment costs about 9 ms at a phone's speed); the list is
    // `aria-busy` until all are drawn, and the loader's painted thread
    // stays until then (loader/painter/takeover.js). A server draws all.
    let comments = Memo::new(move |_| {
        let mut shown = load.with(|st| match st {
            Load::Loaded { comments, .. } => comments.clone(),
            _ => Vec::new(),
        });
        if earlier_above.get() {
            shown.reverse();
        }
        let n = drawn.get();
        // The next slice, in a task of its own (unless all were drawn since:
        // the comment the address names); a thread that loads again (another
        // order) starts again from the first.
        let next = if shown.len() > n {
            n.saturating_add(SLICE)
        } else if shown.is_empty() {
            SLICE
        } else {
            n
        };
        if next != n && page::READ_AT_RENDER {
            let step = move || {
                if drawn.try_get_untracked() == Some(n) {
                    drawn.set(next);
                }
            };
            set_timeout(step, std::time::Duration::ZERO);
        }
        shown.truncate(n);
        shown
    });
    let drawing = move || {
        catching.get() || load.with(|st| matches!(st, Load::Loaded { comments, .. } if comments.len() > drawn.get()))
    };
    // "2 new comments": where new comments go in the order shown (above a
    // newest-first thread, else below), floating over the thread (it takes
    // no room: nothing moves until it is pressed), said once to screen
    // readers; pressed, they are drawn, marked, and the first has the focus.
    let fresh_words = move || {
        let n = fresh.with(Vec::len) as u64;
        if n == 0 {
            return String::new();
        }
        let category = if hydrated() { page::plural_category(s.lang, n) } else { page::plain_plural(s.lang, n).into() };
        s.new_count(&category, n)
    };
    on_change(
        move || added.with(|a| a.len()),
        move |_| {
            let first = fresh.with_untracked(Vec::is_empty).then(|| added.with_untracked(|a| a.iter().copied().min()));
            drawn.set(usize::MAX);
            // (The first of those just added: the earliest written, shown first or last.)
            if let Some(Some(id)) = first {
                reach(id);
            }
        },
    );
    let fresh_button = move |above: bool| {
        let here = move || !fresh.with(Vec::is_empty) && (sort.get() == Sort::Newest) == above;
        view! {
            <p class="cw-thread__new" class:cw-thread__new--above=above hidden=move || !here()>
                <button type="button" class="cw-button" data-cw-fresh="" on:click=move |_| show_new.run(())>
                    {fresh_words}
                </button>
            </p>
        }
    };
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
        form_under,
        form,
        on_reply,
        backend,
        avatars,
        marked,
        added,
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
                {fresh_button(true)}
                <ol class="cw-thread__list" aria-busy=move || drawing().then_some("true")>
                    <For each=move || comments.get() key=key let(comment)>
                        <ThreadItem comment ctx=ctx.clone()/>
                    </For>
                </ol>
                {fresh_button(false)}
                <p class="cw-visually-hidden" aria-live="polite">{fresh_words}</p>
                {more_button(false)}
            </section>
        </div>
    }
}
