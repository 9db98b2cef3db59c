//! What the browser keeps for a form: the unsent draft (per page and form)
//! and, with the reader's consent, their details. Reading happens once, when
//! the form mounts; saving follows the reader's typing, debounced, and is
//! flushed when the form goes away, so an unmount never loses a keystroke.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::draft::CommentDraft;
use crate::edge::{dom, storage};
use crate::i18n::Strings;
use crate::memory::{SavedDraft, SavedReader, READER_KEY};
use crate::ui::form::posting::{Focus, FormState};
use crate::ui::{effect, on_change, Reply};

/// What the browser had kept for this form.
pub struct Restored {
    /// The draft to start from: remembered details and the unsent comment.
    pub draft: CommentDraft,
    /// True when an unsent comment came back (the form says so).
    pub comment_restored: bool,
    /// The comment the unsent draft replied to, and its author's name.
    pub reply: Option<(u64, Option<String>)>,
}

/// What the loader's painted form held when the wasm took over: it already
/// showed the kept draft and details, and the reader may have typed since.
#[derive(Clone, Debug, Default)]
pub struct TakeOver {
    pub draft: CommentDraft,
    /// The "unsent comment is back" notice was showing.
    pub notice: bool,
    /// Post Comment was pressed before the takeover.
    pub submit: bool,
    /// The painted thread's new comments, when it found any: those the
    /// reader added (`ThreadState::start`).
    pub news: Option<Vec<u64>>,
}

/// Reads what was kept under `key` (no key: nothing is kept for this form);
/// what a painted form held wins over what was kept, but the reply a kept
/// draft answers still comes from storage.
pub fn restore(key: Option<&str>, taken_over: Option<&TakeOver>) -> Restored {
    let mut restored = kept(key);
    if let Some(t) = taken_over {
        restored.draft = t.draft.clone();
        restored.comment_restored = t.notice;
    }
    restored
}

/// Nothing kept: the first render of a server-rendered form (the server
/// has no storage, and the hydrating client renders what the server did).
pub fn nothing() -> Restored {
    Restored { draft: CommentDraft::default(), comment_restored: false, reply: None }
}

/// After hydration (an effect, once): what was kept under `key` comes into
/// the form, then the draft is kept as the reader types (`keep_saving`).
/// What the reader typed into the server's form before the code arrived
/// wins over what was kept, field by field: nothing typed is lost.
pub fn restore_after_hydration(key: String, form: FormState, remember: bool, s: &'static Strings, focus: Focus) {
    let mut once = Some(key);
    crate::ui::effect(move || {
        let Some(key) = once.take() else { return };
        untrack(|| {
            let mut r = kept(Some(&key));
            r.draft.remember &= remember;
            let typed = |name: &str| focus.root().and_then(|root| dom::typed(&root, name));
            let d = &mut r.draft;
            for (name, field) in [
                ("comment", &mut d.comment),
                ("author", &mut d.author),
                ("email", &mut d.email),
                ("url", &mut d.website),
            ] {
                if let Some(text) = typed(name) {
                    *field = text;
                }
            }
            let comment_restored = r.comment_restored && typed("comment").is_none();
            if let (Some((id, name)), None) = (r.reply, form.reply.get_untracked()) {
                form.reply.set(Some(Reply::new(s, id, name)));
            }
            form.draft.set(r.draft);
            form.notice.set(comment_restored);
            keep_saving(key, form.draft, form.reply, false);
        });
    });
}

fn kept(key: Option<&str>) -> Restored {
    let mut draft = CommentDraft::default();
    let Some(key) = key else {
        return Restored { draft, comment_restored: false, reply: None };
    };
    if let Some(saved) = storage::load(READER_KEY).and_then(|t| SavedReader::decode(&t)) {
        draft.author = saved.name;
        draft.email = saved.email;
        draft.website = saved.website;
        draft.remember = true;
    }
    let saved = storage::load(key).and_then(|t| SavedDraft::decode(&t));
    let comment_restored = saved.is_some();
    let reply = saved.as_ref().and_then(|s| Some((s.parent?, s.parent_name.clone())));
    if let Some(saved) = saved {
        draft.comment = saved.comment;
    }
    Restored { draft, comment_restored, reply }
}

fn write(key: &str, saved: &SavedDraft) {
    if saved.comment.trim().is_empty() {
        storage::remove(key);
    } else {
        storage::save(key, &saved.encode());
    }
}

/// Keeps the draft under `key` while the reader types (400 ms after the last
/// change), and forgets remembered details the moment "Save my name…" is
/// unticked. The effect owns its timer: each change clears the one before,
/// and cleanup writes what was pending at once. `taken_over`: the draft came
/// from the loader's painted form, which may not have saved its last words
/// (its save waits for a pause in typing): it is written at once.
pub fn keep_saving(key: String, draft: RwSignal<CommentDraft>, reply: RwSignal<Option<Reply>>, taken_over: bool) {
    type Pending = Option<(TimeoutHandle, SavedDraft)>;
    let pending: SendWrapper<Rc<RefCell<Pending>>> = SendWrapper::new(Rc::new(RefCell::new(None)));
    let slot = pending.clone();
    let cleanup_key = key.clone();
    let current = move || {
        let comment = draft.try_with_untracked(|d| d.comment.clone())?;
        let (parent, parent_name) = reply.try_with_untracked(|r| r.as_ref().map(|r| (r.id, r.name.clone())))?.unzip();
        Some(SavedDraft { comment, parent, parent_name: parent_name.flatten() })
    };
    if taken_over {
        if let Some(saved) = current() {
            write(&key, &saved);
        }
    }
    on_change(
        move || {
            draft.track();
            reply.track();
            current()
        },
        move |saved| {
            let Some(saved) = saved.clone() else { return };
            if let Some((timer, _)) = slot.borrow_mut().take() {
                timer.clear();
            }
            let (key, slot_now) = (key.clone(), slot.clone());
            let timer = set_timeout_with_handle(
                move || {
                    if let Some((_, saved)) = slot_now.borrow_mut().take() {
                        write(&key, &saved);
                    }
                },
                Duration::from_millis(400),
            );
            if let Ok(timer) = timer {
                *slot.borrow_mut() = Some((timer, saved));
            }
        },
    );
    effect(move || {
        if !draft.with(|d| d.remember) {
            storage::remove(READER_KEY);
        }
    });
    // The page going away (reload, tab closed, navigation) does not run
    // Leptos cleanups: write what is pending now.
    let flush_key = cleanup_key.clone();
    let flush_slot = pending.clone();
    crate::edge::page::listen(leptos::ev::pagehide, move |_| {
        if let Some((timer, saved)) = flush_slot.borrow_mut().take() {
            timer.clear();
            write(&flush_key, &saved);
        }
    });
    // Going away: what the reader sees now is what is kept (the change of
    // the last moment may not have reached the effect yet).
    on_cleanup(move || {
        let pending = pending.borrow_mut().take();
        if let Some((timer, _)) = &pending {
            timer.clear();
        }
        if let Some(saved) = current().or(pending.map(|(_, saved)| saved)) {
            write(&cleanup_key, &saved);
        }
    });
}
