//! The thread's comments, built straight into the page's DOM: one function
//! for every comment and every depth, where Leptos views would instantiate
//! their rendering code once per shape (this keeps the thread within its
//! byte budget). Text goes in as text nodes; a comment's own HTML through
//! the allowlist (`rich`). A Reply button carries its comment's id and
//! author for one delegated click handler (`reply_of`).

use web_sys::{Document, Element};

use crate::backend::thread::ThreadComment;
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
    let Some(document) = host.owner_document() else { return };
    if host.first_element_child().is_none() {
        let _ = build(&document, host, s);
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
fn build(document: &Document, host: &Element, s: &Strings) -> Option<()> {
    let note = element(document, "p", "cw-thread__note")?;
    note.set_attribute("aria-live", "polite").ok()?;
    let section = element(document, "section", "cw-thread")?;
    section.set_attribute("lang", s.lang).ok()?;
    section.set_attribute("dir", s.dir).ok()?;
    let title = element(document, "h3", "cw-thread__title")?;
    let ol = element(document, "ol", "cw-thread__list")?;
    let more = element(document, "p", "cw-thread__more")?;
    let button = element(document, "button", "cw-button cw-button--secondary")?;
    button.set_attribute("type", "button").ok()?;
    button.set_attribute("data-cw-more", "").ok()?;
    button.set_text_content(Some(s.show_more));
    more.append_child(&button).ok()?;
    for part in [&title, &ol, &more] {
        section.append_child(part).ok()?;
    }
    host.append_child(&note).ok()?;
    host.append_child(&section).ok()?;
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
    let Some(document) = ol.owner_document() else { return };
    for c in comments {
        if let Some(item) = item(&document, c, s) {
            let _ = ol.append_child(&item);
        }
    }
}

fn element(document: &Document, tag: &str, class: &str) -> Option<Element> {
    let el = document.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_attribute("class", class).ok()?;
    }
    Some(el)
}

fn item(document: &Document, c: &ThreadComment, s: &Strings) -> Option<Element> {
    let li = element(document, "li", "cw-thread__item")?;
    let article = element(document, "article", "cw-comment")?;
    let author = element(document, "h4", "cw-comment__author")?;
    let name = if c.author.trim().is_empty() { s.anonymous } else { c.author.as_str() };
    match &c.website {
        Some(href) => {
            let a = element(document, "a", "")?;
            a.set_attribute("href", href).ok()?;
            a.set_attribute("rel", "nofollow ugc noopener").ok()?;
            a.set_text_content(Some(name));
            author.append_child(&a).ok()?;
        }
        None => author.set_text_content(Some(name)),
    }
    let meta = element(document, "p", "cw-comment__meta")?;
    let time = element(document, "time", "")?;
    time.set_attribute("datetime", &c.created).ok()?;
    time.set_text_content(Some(&page::long_date(s.lang, &c.created)));
    meta.append_child(&time).ok()?;
    let text = element(document, "div", "cw-comment__text")?;
    rich::fill(&text, &c.html);
    for part in [&author, &meta] {
        article.append_child(part).ok()?;
    }
    if c.held {
        // Only its author sees it, as WordPress shows it to them: marked, and
        // not open to replies yet.
        let note = element(document, "p", "cw-comment__held")?;
        let em = element(document, "em", "")?;
        em.set_text_content(Some(s.awaiting_moderation));
        note.append_child(&em).ok()?;
        article.append_child(&note).ok()?;
        article.append_child(&text).ok()?;
    } else {
        let actions = element(document, "p", "cw-comment__actions")?;
        let reply = element(document, "button", "cw-button cw-button--link")?;
        reply.set_attribute("type", "button").ok()?;
        reply.set_attribute("aria-label", &s.heading_for(Some(name))).ok()?;
        reply.set_attribute("data-cw-reply", &c.id.to_string()).ok()?;
        reply.set_attribute("data-cw-name", name).ok()?;
        reply.set_text_content(Some(s.reply));
        actions.append_child(&reply).ok()?;
        article.append_child(&text).ok()?;
        article.append_child(&actions).ok()?;
    }
    li.append_child(&article).ok()?;
    if !c.replies.is_empty() {
        let ol = element(document, "ol", "cw-thread__replies")?;
        fill(&ol, &c.replies, s);
        li.append_child(&ol).ok()?;
    }
    Some(li)
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
