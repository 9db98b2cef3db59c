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

/// The comment a click on a Reply button answers: its id and author.
pub fn reply_of(target: &Element) -> Option<(u64, String)> {
    let button = target.closest("button[data-cw-reply]").ok()??;
    let id = button.get_attribute("data-cw-reply")?.parse().ok()?;
    Some((id, button.get_attribute("data-cw-name").unwrap_or_default()))
}

/// Puts the form where a reply to comment `id` is written, as WordPress's
/// `comment-reply.js` does: under that comment in the thread (after its text,
/// before its replies). With no reply, or a comment this page of the thread
/// does not show, the form goes back to its place above the thread.
pub fn place_form(list: &Element, id: Option<u64>) {
    let Some(root) = list.closest(".cw-root").ok().flatten() else { return };
    let Some(form) = root.query_selector(".cw-reply").ok().flatten() else { return };
    let under = id.and_then(|id| reply_button(list, id)).and_then(|b| b.closest("article").ok().flatten());
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
