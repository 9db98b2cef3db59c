//! What a reader does to a comment in the thread, where the server lets
//! them (Isso): ▲/▼ on others' comments, once each; Edit and Delete on their
//! own while the server's window is open (the buttons go when it closes,
//! without a reload). [`Acts`] is the reader's standing in the thread,
//! kept in the browser per server; [`VoteButtons`], [`OwnButtons`] and
//! [`EditBox`] are the components a `ThreadItem` shows; [`ItemActs`] is one
//! comment's state while the reader acts on it.

use std::time::Duration;

use leptos::html::Button;
use leptos::prelude::*;

use crate::backend::actions::{self, Vote, Votes};
use crate::backend::Server;
use crate::draft::Rules;
use crate::edge::{page, storage};
use crate::memory::{acts_key, decode_acts, edit_key, encode_acts};

mod edit_box;
mod own_buttons;
mod vote_buttons;

pub use edit_box::EditBox;
pub use own_buttons::OwnButtons;
pub use vote_buttons::VoteButtons;

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

/// Stores `(id, n)` for `server` under `what`, replacing what `id` had
/// (`None`: forgets `id`).
fn store(server: &Server, what: &str, id: u64, n: Option<f64>) -> Vec<(u64, f64)> {
    let mut list = stored(server, what);
    list.retain(|(i, _)| *i != id);
    list.extend(n.map(|n| (id, n)));
    storage::save(&acts_key(server, what), &encode_acts(&list));
    list
}

impl Acts {
    /// The reader's standing on `server`'s comments, under the current owner
    /// (its clock stops on cleanup); `None` where readers cannot act (not
    /// Isso or Waline).
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
        store(server, "mine", id, Some(until));
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

    /// The reader's vote on comment `id` is now `vote` (`None`: taken back).
    fn voted(self, id: u64, vote: Option<Vote>) {
        let server = self.server.get_value();
        let list = store(&server, "votes", id, vote.map(|v| if v == Vote::Like { 1.0 } else { -1.0 }));
        self.voted.try_set(list);
    }

    /// The window of comment `id` as the server's last answer set it (an
    /// edit sets a new one; a delete ends it).
    fn window(self, id: u64, edit_for: Option<u32>) {
        let server = self.server.get_value();
        let until = edit_for.map_or(0.0, |s| page::now_ms() + f64::from(s) * 1000.0);
        self.mine.try_set(store(&server, "mine", id, Some(until)));
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
