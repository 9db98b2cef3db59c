//! What a reader does to a comment in the thread, where the server lets
//! them (Isso): ▲/▼ on others' comments, once each; Edit and Delete on their
//! own while the server's window is open (the buttons go when it closes,
//! without a reload). [`Acts`] is the reader's standing in the thread,
//! kept in the browser per server; [`VoteButtons`], [`OwnButtons`] and
//! [`EditBox`] are the components a `ThreadItem` shows; [`ItemActs`] is one
//! comment's state while the reader acts on it.

use std::time::Duration;

use leptos::html::{Button, Textarea};
use leptos::prelude::*;

use crate::backend::actions::{self, edit_window, ActionError, Vote, Votes};
use crate::backend::Server;
use crate::draft::{CommentDraft, Field, Rules};
use crate::edge::{dom, http, page, storage};
use crate::i18n::Strings;
use crate::memory::{acts_key, decode_acts, edit_key, encode_acts};

/// The reader's standing in a thread: the comments they posted (each with
/// the time its edit window closes), their votes, and a clock that closes
/// windows while the page stays open.
#[derive(Clone, Copy)]
pub struct Acts {
    server: StoredValue<Server>,
    timeout_ms: u32,
    rules: Rules,
    /// Vote buttons are shown (`data-votes`).
    pub votes_shown: bool,
    mine: RwSignal<Vec<(u64, f64)>>,
    voted: RwSignal<Vec<(u64, f64)>>,
    now: RwSignal<f64>,
}

/// The reader's acts stored for `server` under `what` (`mine`, `votes`).
fn stored(server: &Server, what: &str) -> Vec<(u64, f64)> {
    storage::load(&acts_key(server, what)).map(|t| decode_acts(&t)).unwrap_or_default()
}

/// Stores `(id, n)` for `server` under `what`, replacing what `id` had.
fn store(server: &Server, what: &str, id: u64, n: f64) -> Vec<(u64, f64)> {
    let mut list = stored(server, what);
    list.retain(|(i, _)| *i != id);
    list.push((id, n));
    storage::save(&acts_key(server, what), &encode_acts(&list));
    list
}

impl Acts {
    /// The reader's standing on `server`'s comments, under the current owner
    /// (its clock stops on cleanup); `None` where readers cannot act (not Isso).
    pub fn start(server: &Server, timeout_ms: u32, votes_shown: bool) -> Option<Acts> {
        if !actions::can_act(server.backend) {
            return None;
        }
        let now = RwSignal::new(page::now_ms());
        // The reader's own comments and votes: now in a client-side app,
        // after hydration in a server-rendered one (they change the markup).
        let read = |what| if page::READ_AT_RENDER { stored(server, what) } else { Vec::new() };
        let mine = RwSignal::new(read("mine"));
        let voted = RwSignal::new(read("votes"));
        if !page::READ_AT_RENDER {
            let server = server.clone();
            crate::ui::effect(move || {
                untrack(|| {
                    mine.set(stored(&server, "mine"));
                    voted.set(stored(&server, "votes"));
                    now.set(page::now_ms());
                })
            });
        }
        // The clock moves when the next window closes, so its buttons go then.
        let timer = StoredValue::new(None::<TimeoutHandle>);
        crate::ui::effect(move || {
            let at = now.get();
            let next = mine.with(|m| m.iter().map(|(_, until)| *until).filter(|u| *u > at).reduce(f64::min));
            if let Some(old) = timer.try_update_value(Option::take).flatten() {
                old.clear();
            }
            if let Some(until) = next {
                let wait = Duration::from_millis((until - at).clamp(0.0, 86_400_000.0) as u64 + 20);
                timer.set_value(set_timeout_with_handle(move || now.set(page::now_ms()), wait).ok());
            }
        });
        on_cleanup(move || {
            if let Some(old) = timer.try_update_value(Option::take).flatten() {
                old.clear();
            }
        });
        Some(Acts {
            server: StoredValue::new(server.clone()),
            timeout_ms,
            rules: server.backend.rules(),
            votes_shown,
            mine,
            voted,
            now,
        })
    }

    /// A reader with no comments of their own and no votes, without reading
    /// storage or the clock: the build's markup of the thread (`cw-markup`,
    /// on the host) is rendered with it.
    #[doc(hidden)]
    pub fn blank(server: &Server, votes_shown: bool) -> Option<Acts> {
        actions::can_act(server.backend).then(|| Acts {
            server: StoredValue::new(server.clone()),
            timeout_ms: 0,
            rules: server.backend.rules(),
            votes_shown,
            mine: RwSignal::new(Vec::new()),
            voted: RwSignal::new(Vec::new()),
            now: RwSignal::new(0.0),
        })
    }

    /// Remembers a comment the reader just posted, editable for `edit_for`
    /// seconds (none: theirs, not editable).
    pub fn posted(server: &Server, id: u64, edit_for: Option<u32>) {
        let until = edit_for.map_or(0.0, |s| page::now_ms() + f64::from(s) * 1000.0);
        store(server, "mine", id, until);
    }

    /// Reads the reader's comments again (after a post).
    pub fn reload(self) {
        let server = self.server.get_value();
        self.mine.set(stored(&server, "mine"));
    }

    /// True when the reader posted comment `id`.
    pub fn is_mine(self, id: u64) -> bool {
        self.mine.with(|m| m.iter().any(|(i, _)| *i == id))
    }

    /// True while the reader may edit or delete comment `id` (tracks the clock).
    pub fn can_change(self, id: u64) -> bool {
        let now = self.now.get();
        self.mine.with(|m| m.iter().any(|(i, until)| *i == id && *until > now))
    }

    /// The reader's vote on comment `id`: `Some(true)` a like.
    pub fn vote_of(self, id: u64) -> Option<bool> {
        self.voted.with(|v| v.iter().find(|(i, _)| *i == id).map(|(_, n)| *n > 0.0))
    }

    fn voted(self, id: u64, vote: Vote) {
        let server = self.server.get_value();
        let list = store(&server, "votes", id, if vote == Vote::Like { 1.0 } else { -1.0 });
        self.voted.try_set(list);
    }

    /// The window of comment `id` as the server's last answer set it (an
    /// edit sets a new one; a delete ends it).
    fn window(self, id: u64, edit_for: Option<u32>) {
        let server = self.server.get_value();
        let until = edit_for.map_or(0.0, |s| page::now_ms() + f64::from(s) * 1000.0);
        self.mine.try_set(store(&server, "mine", id, until));
    }
}

/// One comment's state while the reader acts on it.
#[derive(Clone, Copy)]
pub struct ItemActs {
    pub id: u64,
    /// Its HTML (untrusted, drawn through the allowlist), new after an edit.
    pub html: RwSignal<String>,
    pub deleted: RwSignal<bool>,
    pub votes: RwSignal<Votes>,
    /// The edit box is open, with this text in it.
    pub editing: RwSignal<bool>,
    pub text: RwSignal<String>,
    /// The last action's sentence (a live region says it).
    pub note: RwSignal<String>,
    /// The Edit button, for the focus to come back to.
    edit_button: NodeRef<Button>,
}

impl ItemActs {
    /// Comment `id`'s state; an edit a reload interrupted comes back open,
    /// with its text, while the window is open.
    pub fn new(acts: Option<Acts>, id: u64, html: String, deleted: bool, votes: Option<Votes>) -> ItemActs {
        let item = ItemActs {
            id,
            html: RwSignal::new(html),
            deleted: RwSignal::new(deleted),
            votes: RwSignal::new(votes.unwrap_or_default()),
            editing: RwSignal::new(false),
            text: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
            edit_button: NodeRef::new(),
        };
        if let Some(acts) = acts.filter(|a| untrack(|| a.can_change(id))) {
            if let Some(text) = storage::load(&acts.server.with_value(|s| edit_key(s, id))) {
                item.text.set(text);
                item.editing.set(true);
            }
        }
        item
    }
}

/// ▲ and ▼ with their counts, on someone else's comment: pressed once (the
/// server refuses a second vote from the same address too), `aria-pressed`
/// on the reader's vote, named "Like Ada’s comment (likes: 3)".
#[component]
pub fn VoteButtons(acts: Acts, item: ItemActs, name: String, strings: &'static Strings) -> impl IntoView {
    let s = strings;
    let id = item.id;
    let press = move |vote: Vote| {
        if acts.vote_of(id).is_some() {
            item.note.set(s.act_voted.to_string());
            return;
        }
        let request = acts.server.with_value(|server| actions::vote_request(server, id, vote));
        leptos::task::spawn_local(async move {
            match http::act(request, acts.timeout_ms).await.and_then(|r| actions::read_vote(&r)) {
                Ok(counts) => {
                    item.votes.try_set(counts);
                    item.note.try_set(String::new());
                    acts.voted(id, vote);
                }
                Err(e) => {
                    if e == ActionError::AlreadyVoted {
                        acts.voted(id, vote);
                    }
                    item.note.try_set(s.action_message(&e));
                }
            }
        });
    };
    let button = move |vote: Vote| {
        let like = vote == Vote::Like;
        let count = move || item.votes.with(|v| if like { v.likes } else { v.dislikes });
        let name = name.clone();
        // Named by its words, which a screen reader reads; seen as ▲ 3.
        view! {
            <button
                type="button"
                class="cw-button cw-button--link cw-vote"
                data-cw-vote=if like { "like" } else { "dislike" }
                aria-pressed=move || if acts.vote_of(id) == Some(like) { "true" } else { "false" }
                on:click=move |_| press(vote)
            >
                <span class="cw-visually-hidden">{move || s.vote_label(like, &name, count())}</span>
                <span aria-hidden="true">{if like { "▲ " } else { "▼ " }} {count}</span>
            </button>
        }
    };
    view! { <span class="cw-votes">{button(Vote::Like)}{button(Vote::Dislike)}</span> }
}

/// Edit and Delete on the reader's own comment while the server allows it;
/// Delete asks once ("Yes, delete it" / "Keep it").
#[component]
pub fn OwnButtons(acts: Acts, item: ItemActs, strings: &'static Strings) -> impl IntoView {
    let s = strings;
    let id = item.id;
    let confirming = RwSignal::new(false);
    let (delete_button, confirm_button) = (NodeRef::<Button>::new(), NodeRef::<Button>::new());
    let edit = move |_| {
        if item.editing.get_untracked() {
            return;
        }
        let request = acts.server.with_value(|server| actions::source_request(server, id));
        leptos::task::spawn_local(async move {
            match http::act(request, acts.timeout_ms).await.and_then(|r| actions::read_text(&r)) {
                Ok(text) => {
                    item.text.try_set(text);
                    item.note.try_set(String::new());
                    item.editing.try_set(true);
                }
                Err(e) => {
                    item.note.try_set(s.action_message(&e));
                }
            }
        });
    };
    let delete = move |_| {
        let request = acts.server.with_value(|server| actions::delete_request(server, id));
        leptos::task::spawn_local(async move {
            match http::act(request, acts.timeout_ms).await.and_then(|r| actions::read_delete(&r)) {
                Ok(_) => {
                    // Gone or kept for its replies: "This comment was deleted."
                    // in its place until the thread is read again.
                    acts.window(id, None);
                    item.editing.try_set(false);
                    item.deleted.try_set(true);
                    item.note.try_set(s.deleted.to_string());
                }
                Err(e) => {
                    confirming.try_set(false);
                    item.note.try_set(s.action_message(&e));
                }
            }
        });
    };
    let focus_soon = move |target: NodeRef<Button>| {
        request_animation_frame(move || {
            if let Some(el) = target.get_untracked() {
                dom::focus(&el.into());
            }
        })
    };
    view! {
        <span class="cw-own" hidden=move || !acts.can_change(id) || item.deleted.get()>
            <button
                type="button"
                class="cw-button cw-button--link"
                data-cw-edit=""
                node_ref=item.edit_button
                hidden=move || item.editing.get() || confirming.get()
                on:click=edit
            >
                {s.edit}
            </button>
            <button
                type="button"
                class="cw-button cw-button--link"
                data-cw-delete=""
                node_ref=delete_button
                hidden=move || confirming.get()
                on:click=move |_| {
                    confirming.set(true);
                    focus_soon(confirm_button);
                }
            >
                {s.delete}
            </button>
            <button
                type="button"
                class="cw-button cw-button--link cw-button--danger"
                data-cw-confirm=""
                node_ref=confirm_button
                hidden=move || !confirming.get()
                on:click=delete
            >
                {s.delete_confirm}
            </button>
            <button
                type="button"
                class="cw-button cw-button--link"
                data-cw-keep=""
                hidden=move || !confirming.get()
                on:click=move |_| {
                    confirming.set(false);
                    focus_soon(delete_button);
                }
            >
                {s.keep}
            </button>
        </span>
    }
}

/// The reader's comment open for editing, in place of its text: checked by
/// the server's rules before it is sent, kept in the browser as it is typed
/// (a reload brings it back), Save and Cancel.
#[component]
pub fn EditBox(acts: Acts, item: ItemActs, strings: &'static Strings) -> impl IntoView {
    let s = strings;
    let id = item.id;
    let key = StoredValue::new(acts.server.with_value(|server| edit_key(server, id)));
    let area = NodeRef::<Textarea>::new();
    request_animation_frame(move || {
        if let Some(el) = area.get_untracked() {
            dom::focus(&el.into());
        }
    });
    let close = move || {
        key.with_value(|k| storage::remove(k));
        item.editing.try_set(false);
        request_animation_frame(move || {
            if let Some(el) = item.edit_button.get_untracked() {
                dom::focus(&el.into());
            }
        });
    };
    let save = move |_| {
        let text = item.text.get_untracked();
        let draft = CommentDraft { comment: text.clone(), ..Default::default() };
        if let Some(e) = draft.check_field(Field::Comment, &acts.rules) {
            item.note.set(s.field_message(Field::Comment, &e));
            return;
        }
        let request = acts.server.with_value(|server| actions::edit_request(server, id, draft.comment_to_send()));
        leptos::task::spawn_local(async move {
            let answer = http::act(request, acts.timeout_ms).await;
            let window = answer.as_ref().ok().and_then(|r| r.set_cookie.as_deref().and_then(edit_window));
            match answer.and_then(|r| actions::read_text(&r)) {
                Ok(html) => {
                    item.html.try_set(html);
                    item.note.try_set(String::new());
                    acts.window(id, window);
                    close();
                }
                Err(e) => {
                    item.note.try_set(s.action_message(&e));
                }
            }
        });
    };
    let label_id = format!("cw-edit-{id}");
    view! {
        <div class="cw-edit">
            <label class="cw-visually-hidden" for=label_id.clone()>{s.editing_label}</label>
            <textarea
                id=label_id
                class="cw-field__input cw-field__input--comment"
                rows="5"
                node_ref=area
                prop:value=move || item.text.get()
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    key.with_value(|k| storage::save(k, &text));
                    item.text.set(text);
                }
            ></textarea>
            <p class="cw-edit__actions">
                <button type="button" class="cw-button" data-cw-save="" on:click=save>{s.save}</button>
                " "
                <button type="button" class="cw-button cw-button--secondary" data-cw-cancel="" on:click=move |_| close()>
                    {s.edit_cancel}
                </button>
            </p>
        </div>
    }
}
