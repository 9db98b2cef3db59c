//! What became of a comment, and the retry policy that keeps a resend from
//! posting twice or dropping a comment. Plain data and pure functions: the
//! UI asks [`Attempts`] what to do next and tells it what happened.
//!
//! The policy, in one place:
//! - A failure without a clear answer (timeout, lost connection, an answer we
//!   cannot read, a redirect) may have landed: the next try is *careful*.
//! - A careful try to a server that can list its thread (Isso) looks first;
//!   found → "it had already arrived"; not found or the lookup failed → the
//!   reader is asked ([`PostError::Uncertain`]), because Isso's list hides
//!   comments held for moderation and a failed lookup proves nothing.
//! - A careful try to a server with a duplicate check (WordPress, the
//!   generic contract's 409) just sends: "duplicate" then means "it arrived".
//! - Every resend is validated again by the UI before it gets here.

use crate::draft::{Field, FieldError};

/// Whether a posted comment is public yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moderation {
    /// Visible to everyone now.
    Public,
    /// Waiting for a moderator.
    Held,
}

/// A comment the server accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posted {
    /// The server's id for the new comment, when it says.
    pub id: Option<u64>,
    pub moderation: Moderation,
    /// WordPress's `moderation-hash` for a held comment: with `unapproved=<id>`
    /// in the page's address, the theme shows the comment to its author.
    pub moderation_hash: Option<String>,
    /// How long the reader may still edit or delete it, in seconds (Isso's
    /// edit cookie); `None` where they cannot.
    pub edit_for: Option<u32>,
}

impl Posted {
    /// A public comment with this id.
    pub fn public(id: Option<u64>) -> Posted {
        Posted { id, moderation: Moderation::Public, moderation_hash: None, edit_for: None }
    }

    /// A comment held for moderation.
    pub fn held(id: Option<u64>) -> Posted {
        Posted { id, moderation: Moderation::Held, moderation_hash: None, edit_for: None }
    }
}

/// How we learned that the comment is on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// This try's answer said so.
    Sent,
    /// An earlier try whose answer was lost had landed: the server found it
    /// in the thread, or called this try a duplicate.
    AlreadyThere,
}

/// Why a comment was not posted. The reader's text stays in the form for each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostError {
    /// No answer at all: server down, connection refused, offline, or a
    /// cross-origin answer the browser would not let us read.
    Network,
    /// No answer within the configured time.
    Timeout,
    /// The server says the reader is posting too often.
    RateLimited,
    /// The server already has this very comment from this reader.
    Duplicate,
    /// The post no longer takes comments.
    CommentsClosed,
    /// The server has no such post (or it is not published).
    PostNotFound,
    /// The server only takes comments from logged-in users.
    LoginRequired,
    /// The reader was logged in when the page was made, and no longer is
    /// (a stale nonce, a log-out in another tab): a reload brings the form
    /// back as the site now sees them, with the text kept.
    SessionExpired,
    /// The server refused one field; shown under that field.
    Field(Field, FieldError),
    /// Any other refusal or server error, with the server's words when it gave any.
    Rejected { status: u16, message: Option<String> },
    /// A success status whose body is not what this server sends.
    Unreadable { status: u16 },
    /// A success status reached through a redirect: someone else's page (a
    /// login, a maintenance page) answered, not the comments server.
    Redirected,
    /// The answer cannot tell a post from a failure, or a lookup could not
    /// confirm an earlier try: the reader chooses to send again or keep it.
    Uncertain,
    /// The browser refused to build the request (an invalid header from the
    /// page's configuration, say): nothing was sent.
    NotSent,
    /// The site's spam check could not be passed: no challenge could be
    /// fetched or solved here, or the server found the solution expired or
    /// already used after a fresh one was tried. Nothing was published.
    SpamCheck,
}

impl PostError {
    /// True for failures after which the reader may sensibly try again.
    pub fn can_retry(&self) -> bool {
        match self {
            PostError::Network
            | PostError::Timeout
            | PostError::RateLimited
            | PostError::Unreadable { .. }
            | PostError::Redirected
            | PostError::SpamCheck => true,
            PostError::Rejected { status, .. } => *status >= 500 || *status == 408,
            _ => false,
        }
    }

    /// True when the comment may have reached the server although we got no
    /// clear answer.
    pub fn may_have_landed(&self) -> bool {
        matches!(
            self,
            PostError::Network
                | PostError::Timeout
                | PostError::Unreadable { .. }
                | PostError::Redirected
                | PostError::Uncertain
        )
    }
}

/// What a thread lookup found for the reader's comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The comment is in the thread.
    Found(Posted),
    /// The thread was read and the comment is not in it.
    Absent,
    /// The thread could not be read.
    Failed,
}

/// `since_ms` (this browser's clock, ms) as seconds on the server's clock: the
/// clocks' difference is read from the lookup answer's `Date` header, which
/// is cut to whole seconds (so the difference may be short by up to a second:
/// a second and a half of slack); without one, the clocks are trusted.
///
/// ```
/// use comment_widget::internal::outcome::server_time_of;
/// // The server's clock is 100 s ahead of ours.
/// assert_eq!(server_time_of(10_000.0, 20_000.0, Some(120.0)), 108.5);
/// ```
pub fn server_time_of(since_ms: f64, now_ms: f64, server_now: Option<f64>) -> f64 {
    let offset = server_now.map_or(0.0, |server| server - now_ms / 1000.0);
    since_ms / 1000.0 + offset - 1.5
}

/// What the form does with the next press of Post Comment or Try again.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Plan {
    /// Send the comment.
    Send,
    /// Look for an earlier try in the thread first: it may have landed at or
    /// after `since_ms` (the client's clock, ms since the epoch).
    LookFirst { since_ms: f64 },
}

/// The tries of one comment, from the first press of Post Comment to a post.
///
/// ```
/// use comment_widget::internal::outcome::{Attempts, Plan, PostError};
/// let mut tries = Attempts::default();
/// assert_eq!(tries.plan(true), Plan::Send);
/// tries.failed(1000.0, &PostError::Timeout);
/// assert_eq!(tries.plan(true), Plan::LookFirst { since_ms: 1000.0 });
/// assert_eq!(tries.plan(false), Plan::Send); // a server with a duplicate check
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attempts {
    /// When the earliest try whose fate is unknown started.
    uncertain_since: Option<f64>,
    /// The reader chose "Send it again" after an uncertain lookup.
    resend_chosen: bool,
}

impl Attempts {
    /// What to do now. `can_look` is true for servers that can list their
    /// thread but have no duplicate check of their own (Isso).
    pub fn plan(&self, can_look: bool) -> Plan {
        match self.uncertain_since {
            Some(since_ms) if can_look && !self.resend_chosen => Plan::LookFirst { since_ms },
            _ => Plan::Send,
        }
    }

    /// True when an earlier try may have landed.
    pub fn careful(&self) -> bool {
        self.uncertain_since.is_some()
    }

    /// The reader chose to send again although we could not tell whether an
    /// earlier try arrived.
    pub fn resend_anyway(&mut self) {
        self.resend_chosen = true;
    }

    /// A try that started at `started_ms` failed with `error`.
    pub fn failed(&mut self, started_ms: f64, error: &PostError) {
        self.resend_chosen = false;
        if error.may_have_landed() && self.uncertain_since.is_none() {
            self.uncertain_since = Some(started_ms);
        }
    }

    /// What a lookup means for the reader.
    pub fn after_lookup(&self, lookup: Lookup) -> Result<(Posted, Delivery), PostError> {
        match lookup {
            Lookup::Found(posted) => Ok((posted, Delivery::AlreadyThere)),
            Lookup::Absent | Lookup::Failed => Err(PostError::Uncertain),
        }
    }

    /// What a sent try's answer means. After an uncertain try, a server that
    /// calls this one a duplicate is saying the earlier one arrived.
    pub fn after_answer(&self, result: Result<Posted, PostError>) -> Result<(Posted, Delivery), PostError> {
        match result {
            Ok(posted) => Ok((posted, Delivery::Sent)),
            Err(PostError::Duplicate) if self.careful() => Ok((Posted::public(None), Delivery::AlreadyThere)),
            Err(e) => Err(e),
        }
    }
}

/// Why an action on a comment did not happen. The reader's text is kept for each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionError {
    /// No answer (or none in time): nothing changed that we know of.
    Network,
    /// The server no longer lets this reader change the comment (Isso's
    /// edit window closed, or its cookie is gone).
    Closed,
    /// The comment is no longer on the server.
    Gone,
    /// The vote was not counted: this reader (or their address) voted on it already.
    AlreadyVoted,
    /// The server refused the edited text.
    Field(FieldError),
    /// Any other answer.
    Failed,
}

impl From<PostError> for ActionError {
    /// A failure of the edge, before any answer.
    fn from(_: PostError) -> ActionError {
        ActionError::Network
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_failure_does_not_make_the_next_try_careful() {
        let mut tries = Attempts::default();
        tries.failed(5.0, &PostError::RateLimited);
        assert!(!tries.careful());
        assert_eq!(tries.plan(true), Plan::Send);
        assert_eq!(tries.after_answer(Err(PostError::Duplicate)), Err(PostError::Duplicate));
    }

    #[test]
    fn after_an_uncertain_failure_isso_looks_first_and_wordpress_trusts_its_duplicate_check() {
        let mut tries = Attempts::default();
        tries.failed(100.0, &PostError::Network);
        tries.failed(200.0, &PostError::Timeout);
        // The earliest uncertain try counts: it is the one that may have landed first.
        assert_eq!(tries.plan(true), Plan::LookFirst { since_ms: 100.0 });
        assert_eq!(tries.plan(false), Plan::Send);
        assert_eq!(tries.after_answer(Err(PostError::Duplicate)), Ok((Posted::public(None), Delivery::AlreadyThere)));
        assert_eq!(tries.after_answer(Ok(Posted::held(Some(3)))), Ok((Posted::held(Some(3)), Delivery::Sent)));
    }

    #[test]
    fn a_lookup_that_cannot_confirm_asks_the_reader() {
        let mut tries = Attempts::default();
        tries.failed(1.0, &PostError::Unreadable { status: 200 });
        assert_eq!(
            tries.after_lookup(Lookup::Found(Posted::public(Some(9)))),
            Ok((Posted::public(Some(9)), Delivery::AlreadyThere))
        );
        assert_eq!(tries.after_lookup(Lookup::Absent), Err(PostError::Uncertain));
        assert_eq!(tries.after_lookup(Lookup::Failed), Err(PostError::Uncertain));
        // "Send it again": this once, no lookup; a new uncertain failure looks again.
        tries.resend_anyway();
        assert_eq!(tries.plan(true), Plan::Send);
        tries.failed(2.0, &PostError::Timeout);
        assert_eq!(tries.plan(true), Plan::LookFirst { since_ms: 1.0 });
    }

    #[test]
    fn which_failures_may_have_landed_and_which_can_be_retried() {
        for e in [PostError::Network, PostError::Timeout, PostError::Unreadable { status: 201 }, PostError::Redirected]
        {
            assert!(e.may_have_landed() && e.can_retry(), "{e:?}");
        }
        for e in [
            PostError::Duplicate,
            PostError::CommentsClosed,
            PostError::NotSent,
            PostError::LoginRequired,
            PostError::SessionExpired,
        ] {
            assert!(!e.may_have_landed() && !e.can_retry(), "{e:?}");
        }
        assert!(PostError::Rejected { status: 503, message: None }.can_retry());
        assert!(!PostError::Rejected { status: 400, message: None }.can_retry());
        assert!(PostError::Uncertain.may_have_landed() && !PostError::Uncertain.can_retry());
        assert!(!PostError::SpamCheck.may_have_landed() && PostError::SpamCheck.can_retry());
    }
}
