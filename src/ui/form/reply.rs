//! Replies: the comment the form answers, and the page's reply links that
//! open one (WordPress's, or any `[data-cw-reply-to]`).

use leptos::prelude::*;

use crate::edge::page;
use crate::i18n::Strings;
use crate::ui::form::posting::{Focus, Spot};
use crate::ui::on_change;

/// The comment being replied to, and the heading that says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub id: u64,
    /// Its author, when known (kept with a draft).
    pub name: Option<String>,
    /// "Reply to Ada" (or WordPress's own localized `data-replyto` text).
    pub heading: String,
}

impl Reply {
    /// A reply to comment `id` by `name`, headed in the form's language.
    pub fn new(s: &Strings, id: u64, name: Option<String>) -> Reply {
        let heading = s.heading_for(Some(name.as_deref().unwrap_or(&format!("#{id}"))));
        Reply { id, name, heading }
    }
}

/// Opens a reply when the reader clicks one of the page's reply links for
/// this post; a reply opened from anywhere outside the form (those links,
/// the thread, the JS API) brings the reader to the comment box. Stops on
/// cleanup.
pub fn follow_reply_links(post_id: Option<u64>, s: &'static Strings, reply: RwSignal<Option<Reply>>, focus: Focus) {
    page::on_reply_link(post_id, move |link| {
        let mut opened = Reply::new(s, link.id, link.name.clone());
        if let (None, Some(label)) = (&link.name, link.label) {
            opened.heading = label;
        }
        reply.set(Some(opened));
    });
    // The form follows the reply (the widget renders it under its comment in
    // the thread, as WordPress's comment-reply.js moves it, and back above
    // when it ends); the focus goes to the comment box.
    on_change(
        move || reply.with(|r| r.as_ref().map(|r| r.id)),
        move |id| {
            if id.is_some() {
                focus.soon(Spot::Comment);
            }
        },
    );
}
