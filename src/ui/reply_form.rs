//! The "Leave a Reply" form: WordPress's default comment form, laid out and
//! wired. Its parts live next door: the fields (`field`), the error summary
//! (`error_summary`), the status area (`status`), the kept draft
//! (`saved_draft`) and posting (`posting`); the page's reply links are the
//! edge's (`edge::page`).

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;

use crate::config::WidgetConfig;
use crate::draft::Field;
use crate::edge::{comments, storage};
use crate::i18n::{Strings, EN};
use crate::ui::error_summary::ErrorSummary;
use crate::ui::field::{next_prefix, FormField};
use crate::ui::posting::{editing, focus_element_soon, focus_soon, posting, Focus, FormState};
use crate::ui::reply::{follow_reply_links, Reply};
use crate::ui::saved_draft::{keep_saving, restore, TakeOver};
use crate::ui::status::{Ask, StatusArea};

/// The reply form. Mount it into an element (`mount` does this inside a
/// shadow root for each `[data-comment-widget]`).
#[component]
pub fn ReplyForm(
    /// Which server to post to and the form's settings, from the host element.
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
    /// What the loader's painted form held, when this form replaces it.
    #[prop(optional)]
    taken_over: Option<TakeOver>,
    /// Counts the comments this form has posted (the thread shows them).
    #[prop(optional)]
    posted: Option<RwSignal<u32>>,
) -> impl IntoView {
    let s: &'static Strings = strings.unwrap_or(&EN);
    let prefix = next_prefix();
    let rules = config.rules();
    let restored = restore(storage_key.as_deref(), taken_over.as_ref());
    let reply = reply.unwrap_or_else(|| RwSignal::new(None));
    if let (Some((id, name)), None) = (restored.reply.clone(), reply.get_untracked()) {
        reply.set(Some(Reply::new(s, id, name)));
    }
    let form = FormState::new(restored.draft, restored.comment_restored, reply);
    let focus = Focus { summary: NodeRef::new(), status: NodeRef::new(), comment: NodeRef::<html::Textarea>::new() };
    if let Some(key) = storage_key.clone() {
        keep_saving(key, form.draft, reply);
    }
    let post_id = config.server.post_id;
    let ask = posting(config, s, storage_key.clone(), form, focus, posted);

    follow_reply_links(post_id, s, reply, focus.comment);
    if taken_over.is_some_and(|t| t.submit) {
        // Post Comment was pressed on the painted form: act on it now, once,
        // validated like any other press.
        set_timeout(move || ask.run(Ask::Submit), std::time::Duration::ZERO);
    }
    let online = window_event_listener(leptos::ev::online, move |_| ask.run(Ask::BackOnline));
    on_cleanup(move || online.remove());

    let on_edit = editing(form, rules);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        ask.run(Ask::Submit);
    };
    let discard_key = StoredValue::new(storage_key.clone());
    let discard = move |_| {
        // At once, not after the save's pause: a reload may come next.
        discard_key.with_value(|key| key.as_deref().map(storage::remove));
        form.draft.update(|d| d.comment.clear());
        form.notice.set(false);
        focus_soon(focus.comment);
    };
    let cancel_reply = move |_| {
        let was = reply.with_untracked(|r| r.as_ref().map(|r| r.id));
        reply.set(None);
        // Back to the Reply button that opened it when the thread shows one
        // (the form goes back above the thread), else to the comment box.
        let from = focus.comment.get_untracked();
        match was.zip(from).and_then(|(id, from)| comments::reply_button(&from, id)) {
            Some(button) => focus_element_soon(button),
            None => focus_soon(focus.comment),
        }
    };

    let id = |suffix: &str| format!("{prefix}-{suffix}");
    let (heading_id, notes_id, remember_id, honeypot_id) = (id("title"), id("email-notes"), id("remember"), id("hp"));
    let required = rules.require_name_email;
    let heading =
        move || reply.with(|r| r.as_ref().map(|r| r.heading.clone())).unwrap_or_else(|| s.heading.to_string());
    let replying = move || reply.with(Option::is_some);
    let sending = move || form.sending();
    let (errors, draft) = (form.errors, form.draft);
    view! {
        <section class="cw-reply" aria-labelledby=heading_id lang=s.lang dir=s.dir>
            <h3 class="cw-reply__title" id=heading_id.clone()>
                {heading}
                {move || replying().then(|| view! {
                    <button type="button" class="cw-button cw-button--link cw-reply__cancel" on:click=cancel_reply>{s.cancel_reply}</button>
                })}
            </h3>
            {move || form.notice.get().then(|| view! {
                <p class="cw-notice">
                    {s.draft_restored}" "
                    <button type="button" class="cw-button cw-button--link" on:click=discard>{s.discard_draft}</button>
                </p>
            })}
            <form class="cw-reply__form" novalidate=true on:submit=on_submit>
                <ErrorSummary strings=s errors prefix=prefix.clone() node_ref=focus.summary />
                <p class="cw-reply__notes">
                    <span id=notes_id.clone()>{s.notes}</span>" "
                    <span>{s.required_mark_label}" "<span class="cw-required">"*"</span></span>
                </p>
                <FormField strings=s field=Field::Comment prefix=prefix.clone() limit=rules.comment_max required=true
                    errors draft on_edit node_ref=focus.comment />
                <FormField strings=s field=Field::Author prefix=prefix.clone() limit=rules.author_max required
                    input_type="text" autocomplete="name" errors draft on_edit />
                <FormField strings=s field=Field::Email prefix=prefix.clone() limit=rules.email_max required
                    input_type="email" autocomplete="email" notes=notes_id errors draft on_edit />
                <FormField strings=s field=Field::Website prefix=prefix.clone() limit=rules.website_max required=false
                    input_type="url" autocomplete="url" errors draft on_edit />
                // The spam trap: off screen, out of the tab order and hidden
                // from assistive technology, so only bots fill it.
                <div class="cw-hp" aria-hidden="true">
                    <label for=honeypot_id.clone()>{s.honeypot}</label>
                    <input id=honeypot_id type="text" name="cw-hp" tabindex="-1" autocomplete="off"
                        prop:value=move || form.honeypot.get() on:input:target=move |ev| form.honeypot.set(ev.target().value()) />
                </div>
                <p class="cw-consent">
                    <input class="cw-consent__box" id=remember_id.clone() name="wp-comment-cookies-consent" type="checkbox"
                        prop:checked=move || draft.with(|d| d.remember)
                        on:change:target=move |ev| draft.update(|d| d.remember = ev.target().checked()) />
                    " "<label class="cw-consent__label" for=remember_id>{s.remember}</label>
                </p>
                <p class="cw-reply__actions">
                    <button class="cw-reply__submit" type="submit" aria-disabled=move || sending().then_some("true")>
                        {move || if sending() { s.sending } else { s.submit }}
                    </button>
                </p>
                <StatusArea strings=s status=form.status node_ref=focus.status on_ask=ask />
            </form>
        </section>
    }
}
