//! The "Leave a Reply" form: WordPress's default comment form, wired. Its
//! state lives in Leptos signals (`posting::FormState`); its DOM is built and
//! kept in step by the edge (`edge::form`), one effect per part; the reader's
//! input reaches the signals through four delegated listeners. Its parts
//! live next door: the status area (`status`), the kept draft
//! (`saved_draft`), posting (`posting`) and replies (`reply`).

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

use crate::config::WidgetConfig;
use crate::draft::Field;
use crate::edge::form::{self, Start};
use crate::edge::{comments, dom, storage};
use crate::i18n::Strings;
use crate::ui::effect;
use crate::ui::posting::{editing, focus_element_soon, posting, Focus, FormState, Spot};
use crate::ui::reply::{follow_reply_links, Reply};
use crate::ui::saved_draft::{keep_saving, restore, TakeOver};
use crate::ui::status::{actions, shown, Ask};

/// What a form is mounted with.
pub struct FormArgs {
    /// Which server to post to and the form's settings, from the host element.
    pub config: WidgetConfig,
    /// The language to speak.
    pub strings: &'static Strings,
    /// Where this form keeps its unsent draft; without one, nothing is kept
    /// in the browser (neither draft nor remembered details).
    pub storage_key: Option<String>,
    /// The comment being replied to; the page can change it (reply links, JS API).
    pub reply: RwSignal<Option<Reply>>,
    /// What the loader's painted form held, when this form replaces it.
    pub taken_over: Option<TakeOver>,
    /// Counts the comments this form has posted (the thread shows them).
    pub posted: Option<RwSignal<u32>>,
}

/// A new id prefix for a form: labels and `aria-describedby` stay unique
/// when several forms share a page (or a test's document).
fn next_prefix() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("cw{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Builds the form at the end of `parent` and wires it, under the current
/// reactive owner (cleaning it up ends the form's listeners and effects).
pub fn reply_form(parent: &Element, args: FormArgs) -> Option<()> {
    let FormArgs { config, strings: s, storage_key, reply, taken_over, posted } = args;
    let rules = config.rules();
    let restored = restore(storage_key.as_deref(), taken_over.as_ref());
    if let (Some((id, name)), None) = (restored.reply.clone(), reply.get_untracked()) {
        reply.set(Some(Reply::new(s, id, name)));
    }
    let form = FormState::new(restored.draft, restored.comment_restored, reply);
    let heading =
        move || reply.with(|r| r.as_ref().map(|r| r.heading.clone())).unwrap_or_else(|| s.heading.to_string());
    let maxlength = [rules.author_max.max, rules.email_max.max, rules.website_max.max];
    let dom = form.draft.with_untracked(|draft| {
        let start = Start {
            prefix: &next_prefix(),
            maxlength: maxlength.map(|m| m as u32),
            required: rules.require_name_email,
            heading: &heading(),
            replying: reply.with_untracked(Option::is_some),
            notice: restored.comment_restored,
            draft,
        };
        form::build(parent, s, &start)
    })?;
    let section = dom.section.clone();
    let focus = Focus::new(section.clone());
    if let Some(key) = storage_key.clone() {
        keep_saving(key, form.draft, reply);
    }
    let post_id = config.server.post_id;
    let ask = posting(config, s, storage_key.clone(), form, focus, posted);
    follow_reply_links(post_id, s, reply, focus);
    if taken_over.is_some_and(|t| t.submit) {
        // Post Comment was pressed on the painted form: act on it now, once,
        // validated like any other press.
        set_timeout(move || ask.run(Ask::Submit), std::time::Duration::ZERO);
    }
    let online = window_event_listener(leptos::ev::online, move |_| ask.run(Ask::BackOnline));
    on_cleanup(move || online.remove());

    // The DOM follows the signals, one effect per part (each redraws only
    // what differs).
    let dom = std::rc::Rc::new(dom);
    let d = dom.clone();
    effect(move || d.show_heading(&heading(), reply.with(Option::is_some), s));
    let d = dom.clone();
    effect(move || d.show_notice(form.notice.get(), s));
    let d = dom.clone();
    effect(move || form.draft.with(|draft| d.show_values(draft)));
    let d = dom.clone();
    effect(move || form.errors.with(|errors| d.show_errors(errors, s)));
    effect(move || form.status.with(|status| dom.show_status(&shown(s, status), s)));

    // The reader's input reaches the signals.
    let on_edit = editing(form, rules);
    dom::listen(&section, "input", move |ev| {
        let Some(target) = dom::target(&ev) else { return };
        let value = if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
            area.value()
        } else if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
            input.value()
        } else {
            return;
        };
        match target.get_attribute("name").as_deref() {
            Some("cw-hp") => form.honeypot.set(value),
            Some(name) => {
                if let Some(field) = Field::from_key(name) {
                    on_edit.run((field, value));
                }
            }
            None => {}
        }
    });
    dom::listen(&section, "change", move |ev| {
        if let Some(remember) =
            dom::closest(&ev, ".cw-consent__box").and_then(|b| b.dyn_into::<HtmlInputElement>().ok())
        {
            form.draft.update(|d| d.remember = remember.checked());
        }
    });
    dom::listen(&section, "submit", move |ev| {
        ev.prevent_default();
        ask.run(Ask::Submit);
    });
    let discard_key = StoredValue::new(storage_key);
    let inside = section.clone();
    dom::listen(&section, "click", move |ev| {
        if dom::closest(&ev, ".cw-reply__cancel").is_some() {
            let was = reply.with_untracked(|r| r.as_ref().map(|r| r.id));
            reply.set(None);
            // Back to the Reply button that opened it when the thread shows
            // one (the form goes back above the thread), else to the comment box.
            match was.zip(focus.at(Spot::Comment)).and_then(|(id, from)| comments::reply_button(&from, id)) {
                Some(button) => focus_element_soon(button),
                None => focus.soon(Spot::Comment),
            }
        } else if dom::closest(&ev, ".cw-notice button").is_some() {
            // At once, not after the save's pause: a reload may come next.
            discard_key.with_value(|key| key.as_deref().map(storage::remove));
            form.draft.update(|d| d.comment.clear());
            form.notice.set(false);
            focus.soon(Spot::Comment);
        } else if let Some(link) = dom::closest(&ev, ".cw-summary a") {
            // In a shadow root a fragment link cannot reach the field, so the
            // link moves the focus itself.
            ev.prevent_default();
            let field = link.get_attribute("href").and_then(|href| inside.query_selector(&href).ok().flatten());
            if let Some(field) = field {
                dom::focus(&field);
            }
        } else if let Some(button) = dom::closest(&ev, ".cw-status-actions button") {
            // The buttons are the status's, in order.
            let Some(row) = button.parent_element() else { return };
            let children = row.children();
            let at = (0..children.length()).find(|i| children.item(*i).is_some_and(|c| c.is_same_node(Some(&button))));
            let asked = at.and_then(|at| form.status.with_untracked(|st| actions(s, st).get(at as usize).map(|a| a.1)));
            if let Some(asked) = asked {
                ask.run(asked);
            }
        }
    });
    Some(())
}
