//! The status area under Post Comment: one live region that says where the
//! comment is (sending, waiting for the connection, posted, failed, unsure),
//! the buttons that fit that moment, and the posted comment as it will
//! appear (as text, never as HTML; drawn by `edge::form`).

use crate::edge::form::StatusShown;
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

/// The buttons that fit `status`, in order: what each says and asks for.
pub fn actions(s: &Strings, status: &Status) -> Vec<(&'static str, Ask)> {
    match status {
        Status::Failed(PostError::Uncertain) => vec![(s.send_again, Ask::SendAgain), (s.keep_draft, Ask::Keep)],
        Status::Failed(e) if e.can_retry() => vec![(s.retry, Ask::Retry)],
        Status::Waiting => vec![(s.cancel_send, Ask::StopWaiting)],
        _ => Vec::new(),
    }
}

/// What the status area shows for `status`.
pub fn shown<'a>(s: &Strings, status: &'a Status) -> StatusShown<'a> {
    StatusShown {
        sentence: sentence(s, status),
        success: matches!(status, Status::Posted { .. }),
        error: matches!(status, Status::Failed(_)),
        buttons: actions(s, status).into_iter().map(|(label, _)| label).collect(),
        preview: match status {
            Status::Posted { preview, .. } => Some([&preview.author, &preview.time, &preview.text]),
            _ => None,
        },
        sending: matches!(status, Status::Sending),
    }
}
