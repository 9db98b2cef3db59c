//! The "Leave a Reply" form: WordPress's default comment form, with an error
//! summary and inline messages in the GOV.UK Design System's pattern, a draft
//! that survives reloads and failures, remembered details (with consent),
//! replies, retry and offline sending.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::backend::{retry_outcome, PostError, Posted};
use crate::config::WidgetConfig;
use crate::draft::{CommentDraft, Field, FieldIssue};
use crate::edge::{self, storage};
use crate::i18n::{Strings, EN};
use crate::ui::error_summary::error_summary;
use crate::ui::field::{field_view, FieldSpec};
use crate::memory::{SavedDraft, SavedReader, READER_KEY};

/// The comment being replied to, and the heading that says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub id: u64,
    /// "Reply to Ada" (or WordPress's own localized `data-replyto` text).
    pub heading: String,
}

/// What the reader sees of their comment once it is posted.
#[derive(Clone, Debug, PartialEq)]
struct Preview {
    author: String,
    text: String,
    time: String,
}

/// Where the form is in posting a comment.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    Sending,
    /// Offline: the comment goes when the connection is back.
    Waiting,
    /// Posted; `true` when an earlier try had landed already.
    Posted(Posted, bool, Preview),
    Failed(PostError),
}

/// Each instance gets its own id prefix, so labels and `aria-describedby`
/// stay unique when several forms share a page (or a test's document).
fn next_prefix() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("cw{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Focuses an element once the current render has reached the DOM (and does
/// nothing if the form was unmounted meanwhile).
fn focus_soon<E>(node: NodeRef<E>)
where
    E: html::ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
    NodeRef<E>: Copy,
{
    set_timeout(
        move || {
            if let Some(el) = node.try_get_untracked().flatten() {
                let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        },
        Duration::ZERO,
    );
}

fn is_offline() -> bool {
    web_sys::window().map(|w| !w.navigator().on_line()).unwrap_or(false)
}

fn local_time(lang: &str) -> String {
    js_sys::Date::new_0()
        .to_locale_string(lang, &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}

/// The reply form. Mount it into an element (the loader does this inside a
/// shadow root for each `[data-comment-widget]`).
#[component]
pub fn ReplyForm(
    /// Which server to post to and the thread's page, from the host element.
    config: WidgetConfig,
    /// The language to speak (default English).
    #[prop(optional)]
    strings: Option<&'static Strings>,
    /// Where this form keeps its unsent draft; without one, nothing is kept
    /// in the browser (neither draft nor remembered details).
    #[prop(optional, into)]
    storage_key: Option<String>,
    /// The comment being replied to; the page can change it (reply links, JS API).
    #[prop(optional)]
    reply: Option<RwSignal<Option<Reply>>>,
) -> impl IntoView {
    let s: &'static Strings = strings.unwrap_or(&EN);
    let prefix = next_prefix();
    let rules = config.rules();
    let reply = reply.unwrap_or_else(|| RwSignal::new(None));
    let remembering = storage_key.is_some();
    let storage_key = StoredValue::new(storage_key);
    let config = StoredValue::new(config);

    // What the browser kept: remembered details (the reader consented), and
    // an unsent draft.
    let mut initial = CommentDraft::default();
    if let Some(saved) = remembering.then(|| storage::load(READER_KEY)).flatten().and_then(|t| SavedReader::decode(&t)) {
        initial.author = saved.name;
        initial.email = saved.email;
        initial.website = saved.website;
        initial.remember = true;
    }
    let restored = storage_key
        .with_value(|k| k.as_deref().and_then(storage::load))
        .and_then(|t| SavedDraft::decode(&t));
    if let Some(saved) = &restored {
        initial.comment = saved.comment.clone();
    }
    let draft = RwSignal::new(initial);
    let draft_notice = RwSignal::new(restored.is_some());
    let errors = RwSignal::new(Vec::<FieldIssue>::new());
    let status = RwSignal::new(Status::Idle);
    let honeypot = RwSignal::new(String::new());
    // The failure before this try, if any: a retry after an uncertain one
    // must not post twice.
    let last_failure = StoredValue::new(None::<PostError>);
    let summary_ref = NodeRef::<html::Div>::new();
    let status_ref = NodeRef::<html::Div>::new();
    let comment_ref = NodeRef::<html::Textarea>::new();
    let sending = move || matches!(status.get(), Status::Sending);

    // Keep the draft (debounced) while the reader types; drop it once empty.
    let save_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        let comment = draft.with(|d| d.comment.clone());
        let parent = reply.with(|r| r.as_ref().map(|r| r.id));
        if first.is_none() {
            return;
        }
        if let Some(timer) = save_timer.get_value() {
            timer.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if let Some(key) = storage_key.get_value() {
                    if comment.trim().is_empty() {
                        storage::remove(&key);
                    } else {
                        storage::save(&key, &SavedDraft { comment, parent }.encode());
                    }
                }
            },
            Duration::from_millis(400),
        );
        save_timer.set_value(handle.ok());
    });
    // Unticking "Save my name…" forgets the details at once.
    Effect::new(move |_| {
        if remembering && !draft.with(|d| d.remember) {
            storage::remove(READER_KEY);
        }
    });

    // A reply can be asked for from outside (a WordPress reply link, the JS
    // API): bring the reader to the comment box.
    Effect::new(move |first: Option<()>| {
        let replying = reply.with(|r| r.is_some());
        if first.is_some() && replying {
            focus_soon(comment_ref);
        }
    });

    // A message under a field is updated as the reader fixes it, and cleared
    // once the field is acceptable; no new messages appear while typing.
    let edit = move |field: Field, value: String| {
        draft.update(|d| d.set(field, value));
        if errors.with_untracked(|list| list.iter().any(|(f, _)| *f == field)) {
            let now = draft.with_untracked(|d| d.check_field(field, &rules));
            errors.update(|list| match now {
                Some(e) => list.iter_mut().filter(|(f, _)| *f == field).for_each(|item| item.1 = e.clone()),
                None => list.retain(|(f, _)| *f != field),
            });
        }
    };

    let succeed = move |posted: Posted, already: bool, snapshot: &CommentDraft| {
        let preview = Preview {
            author: snapshot.author_to_send().to_string(),
            text: snapshot.comment_to_send().to_string(),
            time: local_time(s.lang),
        };
        if snapshot.remember && remembering {
            let website = snapshot.website_to_send().unwrap_or_default();
            let reader = SavedReader { name: snapshot.author_to_send().into(), email: snapshot.email_to_send().into(), website };
            storage::save(READER_KEY, &reader.encode());
        }
        if let Some(key) = storage_key.get_value() {
            storage::remove(&key);
        }
        if let Some(timer) = save_timer.get_value() {
            timer.clear();
        }
        last_failure.set_value(None);
        draft_notice.set(false);
        // The comment is stored: empty the box for the next one, keep the
        // reader's details, and end the reply.
        draft.update(|d| d.comment.clear());
        reply.set(None);
        status.set(Status::Posted(posted, already, preview));
        focus_soon(status_ref);
    };

    // Sends the draft as it is now: the one path for Post Comment, Try again
    // and coming back online.
    let send = move || {
        if matches!(status.get_untracked(), Status::Sending) {
            return;
        }
        let mut snapshot = draft.get_untracked();
        snapshot.parent = reply.with_untracked(|r| r.as_ref().map(|r| r.id));
        snapshot.honeypot = honeypot.get_untracked();
        if snapshot.is_spam() {
            // Say what a person would hear, send nothing.
            succeed(Posted { id: None, held_for_moderation: true }, false, &snapshot);
            return;
        }
        if is_offline() {
            status.set(Status::Waiting);
            focus_soon(status_ref);
            return;
        }
        errors.set(Vec::new());
        status.set(Status::Sending);
        let config = config.get_value();
        let previous = last_failure.get_value();
        leptos::task::spawn_local(async move {
            // An earlier try may have landed though its answer was lost: for
            // servers that cannot tell a duplicate, look before sending again.
            if previous.as_ref().is_some_and(PostError::may_have_landed) {
                if let Some(posted) = edge::http::find_landed(&config, &snapshot).await {
                    succeed(posted, true, &snapshot);
                    return;
                }
            }
            let result = edge::http::post(&config, &snapshot).await;
            match retry_outcome(result, previous.is_some()) {
                Ok((posted, already)) => succeed(posted, already, &snapshot),
                Err(PostError::Field(field, e)) => {
                    errors.set(vec![(field, e)]);
                    status.set(Status::Idle);
                    focus_soon(summary_ref);
                }
                Err(e) => {
                    if e.may_have_landed() || previous.is_none() {
                        last_failure.set_value(Some(e.clone()));
                    }
                    status.set(Status::Failed(e));
                    focus_soon(status_ref);
                }
            }
        });
    };

    // WordPress's reply links (`.comment-reply-link`, with `data-commentid`,
    // `data-postid` and `data-replyto`) and any element with
    // `data-cw-reply-to="<id>"` (and `data-cw-reply-name`) open a reply here
    // instead of reloading the page with `?replytocom=`.
    let post_id = config.with_value(|c| c.post_id);
    let reply_links = window_event_listener(leptos::ev::click, move |ev| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Some(link) = target.closest(".comment-reply-link, [data-cw-reply-to]").ok().flatten() else { return };
        let number = |name: &str| link.get_attribute(name).and_then(|v| v.trim().parse::<u64>().ok());
        let Some(id) = number("data-cw-reply-to").or_else(|| number("data-commentid")) else { return };
        if let (Some(mine), Some(theirs)) = (post_id, number("data-postid")) {
            if mine != theirs {
                return;
            }
        }
        ev.prevent_default();
        let heading = link
            .get_attribute("data-cw-reply-name")
            .map(|name| s.heading_for(Some(&name)))
            .or_else(|| link.get_attribute("data-replyto"))
            .unwrap_or_else(|| s.heading_for(Some(&format!("#{id}"))));
        reply.set(Some(Reply { id, heading }));
    });
    on_cleanup(move || reply_links.remove());

    // Back online while a comment waits: send it, once.
    let online = window_event_listener(leptos::ev::online, move |_| {
        if matches!(status.get_untracked(), Status::Waiting) {
            send();
        }
    });
    on_cleanup(move || online.remove());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        // One click, one post: a click or Enter while sending does nothing.
        if matches!(status.get_untracked(), Status::Sending) {
            return;
        }
        let issues = draft.with_untracked(|d| d.check(&rules));
        if !issues.is_empty() {
            errors.set(issues);
            status.set(Status::Idle);
            focus_soon(summary_ref);
            return;
        }
        // `last_failure` is kept: Post Comment pressed again after an
        // uncertain failure must be as careful as Try again.
        send();
    };
    let retry = move |_: MouseEvent| send();
    let cancel_waiting = move |_: MouseEvent| status.set(Status::Idle);
    let discard = move |_: MouseEvent| {
        draft.update(|d| d.comment.clear());
        draft_notice.set(false);
        if let Some(key) = storage_key.get_value() {
            storage::remove(&key);
        }
        focus_soon(comment_ref);
    };
    let cancel_reply = move |_: MouseEvent| {
        reply.set(None);
        focus_soon(comment_ref);
    };

    let ids = {
        let prefix = prefix.clone();
        move |suffix: &str| format!("{prefix}-{suffix}")
    };
    let heading_id = ids("title");
    let notes_id = ids("email-notes");
    let notes_span_id = notes_id.clone();

    let summary = error_summary(s, errors, prefix.clone(), summary_ref);

    let status_text = move || match status.get() {
        Status::Idle => String::new(),
        Status::Sending => s.sending.to_string(),
        Status::Waiting => s.offline.to_string(),
        Status::Posted(_, true, _) => s.already_received.to_string(),
        Status::Posted(p, _, _) if p.held_for_moderation => s.posted_held.to_string(),
        Status::Posted(..) => s.posted.to_string(),
        Status::Failed(e) => s.post_error_message(&e),
    };
    let status_class = move || match status.get() {
        Status::Posted(..) => "cw-status cw-status--success",
        Status::Failed(_) => "cw-status cw-status--error",
        _ => "cw-status",
    };
    let status_actions = move || match status.get() {
        Status::Failed(e) if e.can_retry() => Some(
            view! { <button type="button" class="cw-button cw-button--secondary" on:click=retry>{s.retry}</button> }.into_any(),
        ),
        Status::Waiting => Some(
            view! { <button type="button" class="cw-button cw-button--secondary" on:click=cancel_waiting>{s.cancel_send}</button> }
                .into_any(),
        ),
        _ => None,
    };
    let preview = move || match status.get() {
        Status::Posted(_, _, p) => Some(view! {
            <article class="cw-posted" aria-label=s.your_comment>
                <p class="cw-posted__meta"><strong class="cw-posted__author">{p.author}</strong>" · "<span>{p.time}</span></p>
                // Text, never HTML: what the reader typed is shown as typed.
                <p class="cw-posted__text">{p.text}</p>
            </article>
        }),
        _ => None,
    };

    let field = |field: Field, input_type: &'static str, autocomplete: &'static str, maxlength: &'static str, required: bool, notes: Option<String>| {
        let spec = FieldSpec { field, input_type, autocomplete, maxlength, required, notes };
        field_view(s, &prefix, spec, errors, draft, edit, comment_ref)
    };

    let draft_restored = move || {
        draft_notice.get().then(|| {
            view! {
                <p class="cw-notice">
                    {s.draft_restored}" "
                    <button type="button" class="cw-button cw-button--link" on:click=discard>{s.discard_draft}</button>
                </p>
            }
        })
    };

    let remember_id = ids("remember");
    let remember_for_input = remember_id.clone();
    let honeypot_id = ids("hp");
    let honeypot_for_input = honeypot_id.clone();
    let labelled_by = heading_id.clone();
    let required = rules.require_name_email;
    let heading = move || reply.with(|r| r.as_ref().map(|r| r.heading.clone())).unwrap_or_else(|| s.heading.to_string());
    let cancel_reply_button = move || {
        reply.with(|r| r.is_some()).then(|| {
            view! { <button type="button" class="cw-button cw-button--link cw-reply__cancel" on:click=cancel_reply>{s.cancel_reply}</button> }
        })
    };
    view! {
        <section class="cw-reply" aria-labelledby=labelled_by lang=s.lang dir=s.dir>
            <h3 class="cw-reply__title" id=heading_id>{heading}{cancel_reply_button}</h3>
            {draft_restored}
            <form class="cw-reply__form" novalidate=true on:submit=on_submit>
                {summary}
                <p class="cw-reply__notes">
                    <span id=notes_span_id>{s.notes}</span>" "
                    <span>{s.required_mark_label}" "<span class="cw-required">"*"</span></span>
                </p>
                {field(Field::Comment, "", "", "65525", true, None)}
                {field(Field::Author, "text", "name", "245", required, None)}
                {field(Field::Email, "email", "email", "100", required, Some(notes_id))}
                {field(Field::Website, "url", "url", "200", false, None)}
                // The spam trap: off screen, out of the tab order and hidden
                // from assistive technology, so only bots fill it.
                <div class="cw-hp" aria-hidden="true">
                    <label for=honeypot_for_input>{s.honeypot}</label>
                    <input id=honeypot_id type="text" name="cw-hp" tabindex="-1" autocomplete="off"
                        prop:value=move || honeypot.get() on:input:target=move |ev| honeypot.set(ev.target().value()) />
                </div>
                <p class="cw-consent">
                    <input class="cw-consent__box" id=remember_for_input name="wp-comment-cookies-consent" type="checkbox"
                        prop:checked=move || draft.with(|d| d.remember)
                        on:change:target=move |ev| draft.update(|d| d.remember = ev.target().checked()) />
                    " "<label class="cw-consent__label" for=remember_id>{s.remember}</label>
                </p>
                <p class="cw-reply__actions">
                    <button class="cw-reply__submit" type="submit" aria-disabled=move || sending().then_some("true")>
                        {move || if sending() { s.sending } else { s.submit }}
                    </button>
                </p>
                <div class=status_class role="status" aria-live="polite" tabindex="-1" node_ref=status_ref>{status_text}</div>
                <div class="cw-status-actions">{status_actions}</div>
                {preview}
            </form>
        </section>
    }
}
