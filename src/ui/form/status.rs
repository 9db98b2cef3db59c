//! The status area under Post Comment: one live region that says where the
//! comment is (sending, waiting for the connection, posted, failed, unsure),
//! the buttons that fit that moment, and the posted comment as it will
//! appear (as text, never as HTML): the [`StatusArea`] component and the
//! pure decisions it renders.

use leptos::prelude::*;

use crate::i18n::Strings;
use crate::outcome::{Delivery, Moderation, PostError, Posted};
use crate::ui::words;

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
    /// The reader shows intent to write (a focus in the form): the site's
    /// spam check, if it has one, starts solving while they type.
    Writing,
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

/// The buttons that fit `status`, in order: what each says and asks for.
pub fn actions(s: &Strings, status: &Status) -> Vec<(&'static str, Ask)> {
    match status {
        Status::Failed(PostError::Uncertain) => vec![(s.send_again, Ask::SendAgain), (s.keep_draft, Ask::Keep)],
        Status::Failed(e) if e.can_retry() => vec![(s.retry, Ask::Retry)],
        Status::Waiting => vec![(s.cancel_send, Ask::StopWaiting)],
        _ => Vec::new(),
    }
}

/// The status area: the live region that says where the comment is, the
/// buttons that fit that moment, and the comment as it will appear once
/// posted. Its sentence changes in place (the live region stays, so screen
/// readers announce what arrives in it).
#[component]
pub fn StatusArea(
    /// Where the form is in posting.
    status: RwSignal<Status>,
    /// Called with what a button asks for.
    on_ask: Callback<Ask>,
) -> impl IntoView {
    let s = words();
    let class = move || {
        status.with(|st| match st {
            Status::Posted { .. } => "cw-status cw-status--success",
            Status::Failed(_) => "cw-status cw-status--error",
            _ => "cw-status",
        })
    };
    let buttons = move || {
        status
            .with(|st| actions(s, st))
            .into_iter()
            .enumerate()
            .map(move |(n, (label, ask))| {
                view! {
                    {(n > 0).then_some(" ")}
                    <button type="button" class="cw-button cw-button--secondary" on:click=move |_| on_ask.run(ask)>
                        {label}
                    </button>
                }
            })
            .collect_view()
    };
    let preview = move || {
        status.with(|st| match st {
            Status::Posted { preview, .. } => Some(preview.clone()),
            _ => None,
        })
    };
    view! {
        <div class=class role="status" aria-live="polite" tabindex="-1">{move || status.with(|st| sentence(s, st))}</div>
        <div class="cw-status-actions">{buttons}</div>
        {move || preview().map(|p| view! { <PostedComment preview=p/> })}
    }
}

/// The reader's comment as it will appear, once posted (as text).
#[component]
pub fn PostedComment(
    /// Who, when and what.
    preview: Preview,
) -> impl IntoView {
    let strings = words();
    view! {
        <article class="cw-posted" aria-label=strings.your_comment>
            <p class="cw-posted__meta">
                <strong class="cw-posted__author">{preview.author}</strong>" · "<span>{preview.time}</span>
            </p>
            <p class="cw-posted__text">{preview.text}</p>
        </article>
    }
}
