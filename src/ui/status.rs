//! The status area under Post Comment: one live region that says where the
//! comment is (sending, waiting for the connection, posted, failed, unsure),
//! the buttons that fit that moment, and the posted comment as it will
//! appear (as text, never as HTML).

use leptos::html;
use leptos::prelude::*;

use crate::i18n::Strings;
use crate::outcome::{Delivery, Moderation, PostError, Posted};

/// What the reader sees of their comment once it is posted.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub author: String,
    pub text: String,
    pub time: String,
}

/// Where the form is in posting a comment.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Idle,
    Sending,
    /// Offline: the comment goes when the connection is back.
    Waiting,
    Posted {
        posted: Posted,
        delivery: Delivery,
        preview: Preview,
    },
    Failed(PostError),
}

/// What a button in the status area asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// Post Comment.
    Submit,
    /// Try again after a failure worth retrying.
    Retry,
    /// "Send it again" when we could not tell whether it arrived.
    SendAgain,
    /// "Keep it in the form": do nothing more for now.
    Keep,
    /// "Don't send" while waiting for the connection.
    StopWaiting,
    /// The connection is back while a comment waits.
    BackOnline,
}

/// The sentence for a status.
fn sentence(s: &Strings, status: &Status) -> String {
    match status {
        Status::Idle => String::new(),
        Status::Sending => s.sending.to_string(),
        Status::Waiting => s.offline.to_string(),
        Status::Posted { delivery: Delivery::AlreadyThere, .. } => s.already_received.to_string(),
        Status::Posted { posted, .. } if posted.moderation == Moderation::Held => s.posted_held.to_string(),
        Status::Posted { .. } => s.posted.to_string(),
        Status::Failed(e) => s.post_error_message(e),
    }
}

/// The status region, its buttons and the posted comment's preview.
#[component]
pub fn StatusArea(
    /// The form's language.
    strings: &'static Strings,
    /// Where the form is; the area follows it.
    status: RwSignal<Status>,
    /// The region, so the form can move focus to it.
    node_ref: NodeRef<html::Div>,
    /// Called with the button the reader pressed.
    on_ask: Callback<Ask>,
) -> impl IntoView {
    let s = strings;
    let button = move |label: &'static str, ask: Ask| {
        view! { <button type="button" class="cw-button cw-button--secondary" on:click=move |_| on_ask.run(ask)>{label}</button> }
    };
    let actions = move || match status.get() {
        Status::Failed(PostError::Uncertain) => {
            Some(view! { {button(s.send_again, Ask::SendAgain)}" "{button(s.keep_draft, Ask::Keep)} }.into_any())
        }
        Status::Failed(e) if e.can_retry() => Some(button(s.retry, Ask::Retry).into_any()),
        Status::Waiting => Some(button(s.cancel_send, Ask::StopWaiting).into_any()),
        _ => None,
    };
    let preview = move || match status.get() {
        Status::Posted { preview, .. } => Some(view! {
            <article class="cw-posted" aria-label=s.your_comment>
                <p class="cw-posted__meta"><strong class="cw-posted__author">{preview.author}</strong>" · "<span>{preview.time}</span></p>
                <p class="cw-posted__text">{preview.text}</p>
            </article>
        }),
        _ => None,
    };
    view! {
        <div class="cw-status" role="status" aria-live="polite" tabindex="-1" node_ref=node_ref
            class:cw-status--success=move || matches!(status.get(), Status::Posted { .. })
            class:cw-status--error=move || matches!(status.get(), Status::Failed(_))>
            {move || status.with(|st| sentence(s, st))}
        </div>
        <div class="cw-status-actions">{actions}</div>
        {preview}
    }
}
