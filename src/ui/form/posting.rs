//! Posting, wired to the form: one path for Post Comment, Try again, "Send it
//! again" and coming back online. It validates every send, asks the core's
//! [`Attempts`] whether to look before sending, runs the request as a task
//! whose fetch is aborted when the form goes away, and writes the outcome
//! into the form's signals (only `try_`/`set` after an await: the form may be
//! gone by then).

use std::time::Duration;

use leptos::html::Div;
use leptos::prelude::*;
use web_sys::Element;

use crate::backend::actions::{self, local_preview, preview_request, read_text};
use crate::backend::thread::{own_comment, rfc3339};
use crate::config::WidgetConfig;
use crate::draft::{CommentDraft, Field, FieldIssue, Rules};
use crate::edge::http::{self, InFlight};
use crate::edge::proof::{self, Prover};
use crate::edge::{dom, page, storage};
use crate::i18n::Strings;
use crate::memory::{decode_own, encode_own, own_key, SavedReader, READER_KEY};
use crate::outcome::{Attempts, Delivery, Moderation, Plan, PostError, Posted};
use crate::ui::form::status::{Ask, Preview, Status};
use crate::ui::thread::acts::Acts;
use crate::ui::Reply;

/// The form's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct FormState {
    pub draft: RwSignal<CommentDraft>,
    pub errors: RwSignal<Vec<FieldIssue>>,
    pub status: RwSignal<Status>,
    pub reply: RwSignal<Option<Reply>>,
    pub honeypot: RwSignal<String>,
    /// "Your unsent comment from earlier is back" is showing.
    pub notice: RwSignal<bool>,
    /// The preview shown in place of the comment box, if any.
    pub preview: RwSignal<Option<Previewed>>,
}

/// The form's preview of the comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Previewed {
    /// The server is rendering it.
    Loading,
    /// As the server will show it (untrusted HTML: drawn through the allowlist).
    Html(String),
    /// Why there is none (the text stays in the box).
    Failed(String),
}

impl FormState {
    /// A form starting from `draft` (`restored`: an unsent comment came back).
    pub fn new(draft: CommentDraft, restored: bool, reply: RwSignal<Option<Reply>>) -> FormState {
        FormState {
            // (A trap filled in the painted form stays filled in the live one.)
            honeypot: RwSignal::new(draft.honeypot.clone()),
            draft: RwSignal::new(draft),
            errors: RwSignal::new(Vec::new()),
            status: RwSignal::new(Status::Idle),
            reply,
            notice: RwSignal::new(restored),
            preview: RwSignal::new(None),
        }
    }
}

/// What Cancel reply does: the reply ends, and the focus goes back to the
/// Reply button that opened it when the thread shows one (the form goes
/// back above the thread), else to the comment box.
pub fn cancel_reply(reply: RwSignal<Option<Reply>>, focus: Focus) -> Callback<()> {
    Callback::new(move |()| {
        let was = reply.with_untracked(|r| r.as_ref().map(|r| r.id));
        reply.set(None);
        match was.and_then(|id| focus.find(&format!("button[data-cw-reply=\"{id}\"]"))) {
            Some(button) => focus_element_soon(button),
            None => focus.soon(Spot::Comment),
        }
    })
}

/// What "Discard it" does: the kept draft (under `key`) is forgotten at
/// once, not after the save's pause (a reload may come next), the box
/// empties and takes the focus.
pub fn discard(key: Option<String>, form: FormState, focus: Focus) -> Callback<()> {
    let key = StoredValue::new(key);
    Callback::new(move |()| {
        key.with_value(|key| key.as_deref().map(storage::remove));
        form.draft.update(|d| d.comment.clear());
        form.notice.set(false);
        focus.soon(Spot::Comment);
    })
}

/// What a link of the error summary does: the focus goes to the field with this id.
pub fn follow(focus: Focus) -> Callback<String> {
    Callback::new(move |id: String| {
        if let Some(field) = focus.find(&format!("#{id}")) {
            dom::focus(&field);
        }
    })
}

/// What typing in a field does: the draft follows, and a message under the
/// field is updated as the reader fixes it and cleared once the field is
/// acceptable (no new messages appear while typing).
pub fn editing(form: FormState, rules: Rules) -> Callback<(Field, String)> {
    Callback::new(move |(field, value): (Field, String)| {
        #[cfg(feature = "test-hooks")]
        if value.contains("cw-test-trap") {
            page::trap_for_tests();
        }
        form.draft.update(|d| d.set(field, value));
        if form.errors.with_untracked(|list| list.iter().any(|(f, _)| *f == field)) {
            let now = form.draft.with_untracked(|d| d.check_field(field, &rules));
            form.errors.update(|list| match now {
                Some(e) => list.iter_mut().filter(|(f, _)| *f == field).for_each(|item| item.1 = e.clone()),
                None => list.retain(|(f, _)| *f != field),
            });
        }
    })
}

/// A place in the form that takes the focus.
#[derive(Clone, Copy)]
pub enum Spot {
    Summary,
    Status,
    Comment,
    Preview,
}

/// The form's places that take the focus, found when needed (the error
/// summary comes and goes, and the form moves under the comment it answers).
#[derive(Clone, Copy)]
pub struct Focus {
    root: NodeRef<Div>,
}

impl Focus {
    /// The places of the form in the widget whose root is `root`.
    pub fn new(root: NodeRef<Div>) -> Focus {
        Focus { root }
    }

    /// The widget's root element, while it is there.
    pub fn root(self) -> Option<Element> {
        Some(self.root.try_get_untracked().flatten()?.into())
    }

    /// The first element matching `selector` in the widget, while it is there.
    pub fn find(self, selector: &str) -> Option<Element> {
        let root: Element = self.root.try_get_untracked().flatten()?.into();
        dom::find(&root, selector)
    }

    /// The element at `spot`, while the form is there.
    pub fn at(self, spot: Spot) -> Option<Element> {
        self.find(match spot {
            Spot::Summary => ".cw-summary",
            Spot::Status => ".cw-status",
            Spot::Comment => "textarea",
            Spot::Preview => ".cw-preview",
        })
    }

    /// Focuses `spot` once the form's effects have drawn what changed (and
    /// does nothing if the form was unmounted meanwhile).
    pub fn soon(self, spot: Spot) {
        set_timeout(
            move || {
                if let Some(el) = self.at(spot) {
                    dom::focus(&el);
                }
            },
            Duration::ZERO,
        );
    }
}

/// Focuses `element` once the current render has reached the DOM.
pub fn focus_element_soon(element: Element) {
    set_timeout(move || dom::focus(&element), Duration::ZERO);
}

/// The form's answer to each [`Ask`]. `storage_key` is where its draft is
/// kept (none: nothing is kept in the browser); `posted_count` counts what
/// the form posted (the thread follows it).
pub fn posting(
    config: WidgetConfig,
    s: &'static Strings,
    storage_key: Option<String>,
    form: FormState,
    focus: Focus,
    posted_count: Option<RwSignal<u32>>,
    root_of: Option<Callback<u64, Option<u64>>>,
) -> Callback<Ask> {
    let rules = config.rules();
    let can_look = config.server.backend.lookup_request(&config.server).is_some();
    // The thread shows the reader what they posted, in its place, until the
    // server lists it (a held comment is listed to nobody; a new one may be
    // on a page not shown), for the rest of the visit.
    let own_key = StoredValue::new(config.thread.then(|| own_key(&config.server, &page::search())));
    let backend = config.server.backend;
    // The site's spam check: solved while the reader writes (started by a
    // focus in the form, or now when the painted form had text in it). In
    // the browser only: a server renders the form but never sends, and its
    // render may be dropped on another thread.
    let prover = config
        .server
        .proof
        .clone()
        .filter(|_| cfg!(target_arch = "wasm32"))
        .map(|spec| Prover::new(spec, config.timeout_ms));
    if let Some(prover) = prover.as_ref().filter(|_| form.draft.with_untracked(|d| !d.comment.trim().is_empty())) {
        prover.start();
    }
    let asked = prover.clone();
    let config = StoredValue::new(config);
    let attempts = StoredValue::new(Attempts::default());
    let in_flight = InFlight::default();
    let abort_on_cleanup = in_flight.clone();
    on_cleanup(move || abort_on_cleanup.abort());
    let in_flight = StoredValue::new(in_flight);
    let storage_key = StoredValue::new(storage_key);

    // Called after a post is confirmed; the form may be gone, so nothing here
    // may panic on a disposed signal.
    let succeed = move |posted: Posted, delivery: Delivery, sent: &CommentDraft, key: Option<&str>| {
        if let Some(key) = key {
            storage::remove(key);
            if sent.remember {
                let website = sent.website_to_send().unwrap_or_default();
                let reader =
                    SavedReader { name: sent.author_to_send().into(), email: sent.email_to_send().into(), website };
                storage::save(READER_KEY, &reader.encode());
            }
        }
        if let (Some(id), Some(Some(key))) = (posted.id, own_key.try_get_value()) {
            let mut own = storage::load_session(&key).map(|t| decode_own(&t)).unwrap_or_default();
            let created = rfc3339(page::now_ms() / 1000.0);
            let held = posted.moderation == Moderation::Held;
            let mut comment =
                own_comment(id, sent.parent, sent.author_to_send(), sent.comment_to_send(), created, held);
            // As the server will show it, where the widget knows (WordPress's formatting).
            comment.html = local_preview(backend, sent.comment_to_send());
            own.push(comment);
            storage::save_session(&key, Some(&encode_own(&own)));
        }
        if let Some(id) = posted.id.filter(|_| actions::can_act(backend)) {
            config.with_value(|c| Acts::posted(&c.server, id, posted.edit_for));
        }
        if let (Some(id), Some(hash)) = (posted.id, posted.moderation_hash.as_deref()) {
            page::keep_held_visible(id, hash);
        }
        attempts.try_update_value(|a| *a = Attempts::default());
        form.notice.set(false);
        form.draft.update(|d| d.comment.clear());
        form.reply.set(None);
        let preview = Preview {
            author: sent.author_to_send().into(),
            text: sent.comment_to_send().into(),
            time: page::local_time(s.lang),
        };
        form.status.set(Status::Posted { posted, delivery, preview });
        if let Some(count) = posted_count {
            count.update(|n| *n += 1);
        }
        focus.soon(Spot::Status);
    };

    let go = move || {
        if form.status.with_untracked(|st| matches!(st, Status::Sending)) {
            return;
        }
        let mut snapshot = form.draft.get_untracked();
        snapshot.parent = form.reply.with_untracked(|r| r.as_ref().map(|r| r.id));
        snapshot.parent_name = form.reply.with_untracked(|r| r.as_ref().and_then(|r| r.name.clone()));
        snapshot.root = snapshot.parent.and_then(|id| root_of.and_then(|f| f.run(id)));
        snapshot.honeypot = form.honeypot.get_untracked();
        if snapshot.is_spam() {
            // Say what a person would hear, send nothing, and keep the text
            // (an autofill may have filled the trap for a person).
            let preview = Preview {
                author: snapshot.author_to_send().into(),
                text: snapshot.comment_to_send().into(),
                time: String::new(),
            };
            form.status.set(Status::Posted { posted: Posted::held(None), delivery: Delivery::Sent, preview });
            return;
        }
        // Every send is checked again, whichever button started it.
        let issues = snapshot.check(&rules);
        if !issues.is_empty() {
            form.errors.set(issues);
            form.status.set(Status::Idle);
            focus.soon(Spot::Summary);
            return;
        }
        if page::is_offline() {
            form.status.set(Status::Waiting);
            focus.soon(Spot::Status);
            return;
        }
        form.errors.set(Vec::new());
        form.status.set(Status::Sending);
        let started = page::now_ms();
        let plan = attempts.with_value(|a| a.plan(can_look));
        let config = config.get_value();
        let key = storage_key.get_value();
        let in_flight = in_flight.get_value();
        let prover = prover.clone();
        leptos::task::spawn_local(async move {
            let (server, timeout) = (&config.server, config.timeout_ms);
            let result = match plan {
                Plan::LookFirst { since_ms } => {
                    let lookup = http::look(server, &snapshot, since_ms, timeout, &in_flight).await;
                    attempts.try_with_value(|a| a.after_lookup(lookup)).unwrap_or(Err(PostError::Uncertain))
                }
                Plan::Send => {
                    let answer = proof::post(prover.as_ref(), server, &mut snapshot, timeout, &in_flight).await;
                    attempts
                        .try_with_value(|a| a.after_answer(answer.clone()))
                        .unwrap_or(answer.map(|p| (p, Delivery::Sent)))
                }
            };
            match result {
                Ok((posted, delivery)) => succeed(posted, delivery, &snapshot, key.as_deref()),
                Err(PostError::Field(field, e)) => {
                    form.errors.set(vec![(field, e)]);
                    form.status.set(Status::Idle);
                    focus.soon(Spot::Summary);
                }
                Err(e) => {
                    attempts.try_update_value(|a| a.failed(started, &e));
                    form.status.set(Status::Failed(e));
                    focus.soon(Spot::Status);
                }
            }
        });
    };

    Callback::new(move |ask: Ask| match ask {
        Ask::Submit | Ask::Retry => go(),
        Ask::BackOnline => {
            if form.status.with_untracked(|st| matches!(st, Status::Waiting)) {
                go();
            }
        }
        Ask::SendAgain => {
            attempts.update_value(Attempts::resend_anyway);
            go();
        }
        Ask::Writing => {
            if let Some(prover) = &asked {
                prover.start();
            }
        }
        Ask::Keep | Ask::StopWaiting => {
            form.status.set(Status::Idle);
            focus.soon(Spot::Comment);
        }
    })
}

/// Preview and "Back to writing": the comment as the server will show it
/// (Isso renders its Markdown; the others show the text as text), in place
/// of the box, nothing sent; back, the box has its text and its caret.
pub fn previewing(config: &WidgetConfig, s: &'static Strings, form: FormState, focus: Focus) -> Callback<()> {
    let (server, timeout) = (StoredValue::new(config.server.clone()), config.timeout_ms);
    let caret = StoredValue::new(None::<(u32, u32)>);
    Callback::new(move |()| {
        if form.preview.with_untracked(Option::is_some) {
            form.preview.set(None);
            let back = caret.get_value();
            set_timeout(
                move || {
                    if let Some(area) = focus.at(Spot::Comment) {
                        dom::focus(&area);
                        if let Some((start, end)) = back {
                            dom::set_caret(&area, start, end);
                        }
                    }
                },
                Duration::ZERO,
            );
            return;
        }
        caret.set_value(focus.at(Spot::Comment).and_then(|area| dom::caret(&area)));
        let text = form.draft.with_untracked(|d| d.comment_to_send().to_string());
        let request = server.with_value(|server| preview_request(server, &text));
        match request {
            Some(request) if !text.is_empty() => {
                form.preview.set(Some(Previewed::Loading));
                leptos::task::spawn_local(async move {
                    let shown = match http::act(Some(request), timeout).await.and_then(|r| read_text(&r)) {
                        Ok(html) => Previewed::Html(html),
                        Err(e) => Previewed::Failed(s.action_message(&e)),
                    };
                    // Only if the reader is still looking at this preview.
                    if form.preview.try_with_untracked(|p| p == &Some(Previewed::Loading)) == Some(true) {
                        form.preview.try_set(Some(shown));
                    }
                });
            }
            _ => form.preview.set(Some(Previewed::Html(server.with_value(|s| local_preview(s.backend, &text))))),
        }
        focus.soon(Spot::Preview);
    })
}
