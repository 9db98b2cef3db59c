//! The thread's comments, built straight into the page's DOM: one function
//! for every comment and every depth, where Leptos views would instantiate
//! their rendering code once per shape (this keeps the thread within its
//! byte budget). Text goes in as text nodes; a comment's own HTML through
//! the allowlist (`rich`). A Reply button carries its comment's id and
//! author for one delegated click handler (`reply_of`).

use web_sys::Element;

use crate::backend::thread::ThreadComment;
use crate::edge::dom::add;
use crate::edge::{page, rich};
use crate::i18n::Strings;

/// What the thread shows: a note (loading, failed) or a heading over
/// comments, from `from` on (`None`: all, replacing what is shown).
#[derive(Default)]
pub struct Drawn<'a> {
    pub note: &'a str,
    pub heading: String,
    pub comments: &'a [ThreadComment],
    pub from: Option<usize>,
    pub more: bool,
}

/// Draws the thread into `host`: built on the first call, then kept in step
/// (`replying`: the comment the form answers, which it stays under).
pub fn draw(host: &Element, drawn: &Drawn, s: &Strings, replying: Option<u64>) {
    if host.first_element_child().is_none() {
        let _ = build(host, s);
    }
    let find = |selector: &str| host.query_selector(selector).ok().flatten();
    let (Some(note), Some(section), Some(title), Some(ol), Some(more)) = (
        find(".cw-thread__note"),
        find(".cw-thread"),
        find(".cw-thread__title"),
        find(".cw-thread__list"),
        find(".cw-thread__more"),
    ) else {
        return;
    };
    note.set_text_content(Some(drawn.note));
    let _ = note.toggle_attribute_with_force("hidden", drawn.note.is_empty());
    let _ = section.toggle_attribute_with_force("hidden", drawn.comments.is_empty());
    let _ = section.set_attribute("aria-label", &drawn.heading);
    title.set_text_content(Some(&drawn.heading));
    let _ = more.toggle_attribute_with_force("hidden", !drawn.more);
    let from = match drawn.from {
        Some(from) => from,
        None => {
            // The form may be under a comment: out of the list before it is emptied.
            place_form(&ol, None);
            ol.set_text_content(None);
            0
        }
    };
    fill(&ol, drawn.comments.get(from..).unwrap_or_default(), s);
    place_form(&ol, replying);
}

/// The thread's parts, empty: a note that speaks up (loading, failure), and
/// a section with its heading, the list and "Show more".
fn build(host: &Element, s: &Strings) -> Option<()> {
    add(host, "p", "cw-thread__note", &[("aria-live", "polite")], None)?;
    let section = add(host, "section", "cw-thread", &[("lang", s.lang), ("dir", s.dir)], None)?;
    add(&section, "h3", "cw-thread__title", &[], None)?;
    add(&section, "ol", "cw-thread__list", &[], None)?;
    let more = add(&section, "p", "cw-thread__more", &[], None)?;
    add(
        &more,
        "button",
        "cw-button cw-button--secondary",
        &[("type", "button"), ("data-cw-more", "")],
        Some(s.show_more),
    )?;
    Some(())
}

/// What a click in the thread asks for.
pub enum Click {
    /// Reply to this comment, by this author.
    Reply(u64, String),
    /// Show more comments.
    More,
}

/// The thread button a click landed on, if any.
pub fn clicked(target: &Element) -> Option<Click> {
    let button = target.closest("button[data-cw-reply], button[data-cw-more]").ok()??;
    if button.has_attribute("data-cw-more") {
        return Some(Click::More);
    }
    let id = button.get_attribute("data-cw-reply")?.parse().ok()?;
    Some(Click::Reply(id, button.get_attribute("data-cw-name").unwrap_or_default()))
}

/// Appends `comments` (and their replies, nested) to the list `ol`.
pub fn fill(ol: &Element, comments: &[ThreadComment], s: &Strings) {
    for c in comments {
        let _ = item(ol, c, s);
    }
}

fn item(ol: &Element, c: &ThreadComment, s: &Strings) -> Option<()> {
    let li = add(ol, "li", "cw-thread__item", &[], None)?;
    let article = add(&li, "article", "cw-comment", &[], None)?;
    let name = if c.author.trim().is_empty() { s.anonymous } else { c.author.as_str() };
    let author = add(&article, "h4", "cw-comment__author", &[], None)?;
    match &c.website {
        Some(href) => add(&author, "a", "", &[("href", href), ("rel", "nofollow ugc noopener")], Some(name))?,
        None => add(&author, "span", "", &[], Some(name))?,
    };
    let meta = add(&article, "p", "cw-comment__meta", &[], None)?;
    add(&meta, "time", "", &[("datetime", &c.created)], Some(&page::long_date(s.lang, &c.created)))?;
    if c.held {
        // Only its author sees it, as WordPress shows it to them: marked, and
        // not open to replies yet.
        let note = add(&article, "p", "cw-comment__held", &[], None)?;
        add(&note, "em", "", &[], Some(s.awaiting_moderation))?;
    }
    let text = add(&article, "div", "cw-comment__text", &[], None)?;
    rich::fill(&text, &c.html);
    if !c.held {
        let actions = add(&article, "p", "cw-comment__actions", &[], None)?;
        let label = s.heading_for(Some(name));
        let id = c.id.to_string();
        let attributes = [("type", "button"), ("aria-label", &label), ("data-cw-reply", &id), ("data-cw-name", name)];
        add(&actions, "button", "cw-button cw-button--link", &attributes, Some(s.reply))?;
    }
    if !c.replies.is_empty() {
        let replies = add(&li, "ol", "cw-thread__replies", &[], None)?;
        fill(&replies, &c.replies, s);
    }
    Some(())
}

/// Puts the form where a reply to comment `id` is written, as WordPress's
/// `comment-reply.js` does: under that comment in the thread (after its text,
/// before its replies). With no reply, or a comment this page of the thread
/// does not show, the form goes back to its place above the thread.
/// `within` is any element of the widget.
pub fn place_form(within: &Element, id: Option<u64>) {
    let Some(root) = within.closest(".cw-root").ok().flatten() else { return };
    let Some(form) = root.query_selector(".cw-reply").ok().flatten() else { return };
    let under = id.and_then(|id| reply_button(within, id)).and_then(|b| b.closest("article").ok().flatten());
    match under {
        Some(article) => {
            if !article.next_element_sibling().is_some_and(|next| next.is_same_node(Some(&form))) {
                let _ = article.after_with_node_1(&form);
            }
        }
        None => {
            if !form.parent_element().is_some_and(|parent| parent.is_same_node(Some(&root))) {
                let _ = root.prepend_with_node_1(&form);
            }
        }
    }
}

/// The thread's Reply button for comment `id`, searched from any element of
/// the same widget.
pub fn reply_button(from: &Element, id: u64) -> Option<Element> {
    let root = from.closest(".cw-root").ok()??;
    root.query_selector(&format!("button[data-cw-reply=\"{id}\"]")).ok()?
}
