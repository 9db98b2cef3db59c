//! The conversation under the form: the thread's comments, oldest first,
//! replies nested under their parent, each with its author (a link only to an
//! http(s) website), its date in the reader's language, its text rebuilt
//! through the allowlist (never inserted as HTML), and a Reply button. It
//! comes after the form, so loading it never moves what the reader is typing;
//! a thread that cannot load says so and leaves the form alone.

use leptos::prelude::*;
use web_sys::Element;

use crate::backend::thread::{add, with_own, ThreadComment, ThreadPage};
use crate::config::WidgetConfig;
use crate::edge::comments::{self, Click, Drawn};
use crate::edge::http::{self, InFlight};
use crate::edge::{dom, page, storage};
use crate::i18n::Strings;
use crate::memory::{decode_own, encode_own, own_key};
use crate::ui::{effect, on_change, Reply};

#[derive(Clone, Debug, PartialEq)]
enum Load {
    Loading,
    Failed,
    /// `redraw`: shown again whole (a first page, or a later one with
    /// replies to comments shown before), else only what was added at the end.
    Loaded {
        comments: Vec<ThreadComment>,
        total: Option<u64>,
        more: bool,
        next: u32,
        redraw: bool,
    },
}

/// The thread of `config`'s page, at the end of `parent`, under the current
/// reactive owner. Reply sets `reply` (the form follows); `posted` counts the
/// comments the form has posted: each is shown without a reload.
pub fn thread(
    parent: &Element,
    config: WidgetConfig,
    s: &'static Strings,
    reply: RwSignal<Option<Reply>>,
    posted: RwSignal<u32>,
) -> Option<()> {
    let host = dom::add(parent, "div", "cw-thread-host", &[], None)?;
    let state = RwSignal::new(Load::Loading);
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
            state.update(|st| *st = merge(std::mem::replace(st, Load::Loading), got, page));
        });
    };
    fetch(0);
    // A comment posted from the form: read the thread again, so it shows in its place.
    on_change(move || posted.get(), move |_| fetch(0));
    // The whole thread is drawn by the edge from the state, by one effect
    // (one function for every state, comment and depth: Leptos views would
    // instantiate their rendering code per shape). Only what arrived since
    // is added: "Show more" never rebuilds what is shown; a first page (read
    // again after a post) replaces it all.
    let div = host.clone();
    let mut shown = 0;
    effect(move || {
        let replying = reply.with_untracked(|r| r.as_ref().map(|r| r.id));
        shown = state.with(|st| {
            let drawn = match st {
                Load::Loading => Drawn { note: s.thread_loading, ..Drawn::default() },
                Load::Failed => Drawn { note: s.thread_failed, ..Drawn::default() },
                Load::Loaded { comments, total, more, redraw, .. } => Drawn {
                    heading: s.count(
                        &page::plural_category(s.lang, total.unwrap_or_else(|| count(comments))),
                        total.unwrap_or_else(|| count(comments)),
                    ),
                    comments,
                    from: if *redraw { None } else { Some(shown) },
                    more: *more,
                    ..Drawn::default()
                },
            };
            comments::draw(&div, &drawn, s, replying);
            if let Load::Loaded { comments, .. } = st {
                comments.len()
            } else {
                shown
            }
        });
    });
    dom::listen(&host, "click", move |ev| match dom::target(&ev).as_ref().and_then(comments::clicked) {
        Some(Click::Reply(id, name)) => reply.set(Some(Reply::new(s, id, Some(name)))),
        Some(Click::More) => {
            let next = state.with_untracked(|st| match st {
                Load::Loaded { more: true, next, .. } => Some(*next),
                _ => None,
            });
            if let Some(page) = next {
                fetch(page);
            }
        }
        None => {}
    });
    Some(())
}

/// The state after page `page` answered (`None`: it could not be read).
fn merge(before: Load, got: Option<ThreadPage>, page: u32) -> Load {
    match (before, got) {
        (Load::Loaded { mut comments, total, .. }, Some(more)) if page > 0 => {
            // A reply whose parent came on an earlier page goes under it; the
            // reader's own comments, shown already, are not shown twice.
            let redraw = add(&mut comments, more.comments);
            Load::Loaded { comments, total: more.total.or(total), more: more.more, next: page + 1, redraw }
        }
        (_, Some(first)) => Load::Loaded {
            comments: first.comments,
            total: first.total,
            more: first.more,
            next: page + 1,
            redraw: true,
        },
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
