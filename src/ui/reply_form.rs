//! The "Leave a Reply" form: WordPress's default comment form, with an error
//! summary and inline messages in the GOV.UK Design System's pattern.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::backend::{PostError, Posted};
use crate::config::WidgetConfig;
use crate::draft::{CommentDraft, Field, FieldIssue};
use crate::edge;
use crate::i18n::{Strings, EN};

/// Where the form is in posting a comment.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    Sending,
    Posted(Posted),
    Failed(PostError),
}

/// Each instance gets its own id prefix, so labels and `aria-describedby`
/// stay unique when several forms share a page (or a test's document).
fn next_prefix() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("cw{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Focuses an element once the current render has reached the DOM (and does
/// nothing if the form was unmounted meanwhile).
fn focus_soon(node: NodeRef<html::Div>) {
    set_timeout(
        move || {
            if let Some(el) = node.try_get_untracked().flatten() {
                let _ = el.focus();
            }
        },
        Duration::ZERO,
    );
}

/// The reply form. Mount it into an element (the loader does this inside a
/// shadow root for each `[data-comment-widget]`).
#[component]
pub fn ReplyForm(
    /// Which server to post to and the thread's page, from the host element.
    config: WidgetConfig,
) -> impl IntoView {
    let s: &'static Strings = &EN;
    let prefix = next_prefix();
    let rules = config.rules();
    let config = StoredValue::new(config);

    let draft = RwSignal::new(CommentDraft::default());
    let errors = RwSignal::new(Vec::<FieldIssue>::new());
    let status = RwSignal::new(Status::Idle);
    let summary_ref = NodeRef::<html::Div>::new();
    let status_ref = NodeRef::<html::Div>::new();
    let sending = move || matches!(status.get(), Status::Sending);

    // A message under a field is updated as the reader fixes it, and cleared
    // once the field is acceptable; no new messages appear while typing.
    let edit = move |field: Field, value: String| {
        draft.update(|d| d.set(field, value));
        if errors.with_untracked(|list| list.iter().any(|(f, _)| *f == field)) {
            let now = draft.with_untracked(|d| d.check_field(field, &rules));
            errors.update(|list| match now {
                Some(e) => list.iter_mut().filter(|(f, _)| *f == field).for_each(|item| item.1 = e.clone()),
                None => list.retain(|(f, _)| *f != field),
            });
        }
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        // One click, one post: a click or Enter while sending does nothing.
        if matches!(status.get_untracked(), Status::Sending) {
            return;
        }
        let snapshot = draft.get_untracked();
        let issues = snapshot.check(&rules);
        if !issues.is_empty() {
            errors.set(issues);
            status.set(Status::Idle);
            focus_soon(summary_ref);
            return;
        }
        errors.set(Vec::new());
        status.set(Status::Sending);
        let config = config.get_value();
        leptos::task::spawn_local(async move {
            match edge::http::post(&config, &snapshot).await {
                Ok(posted) => {
                    // The comment is stored: empty the box for the next one,
                    // keep name, email and website.
                    draft.update(|d| d.comment.clear());
                    status.set(Status::Posted(posted));
                    focus_soon(status_ref);
                }
                Err(PostError::Field(field, e)) => {
                    errors.set(vec![(field, e)]);
                    status.set(Status::Idle);
                    focus_soon(summary_ref);
                }
                Err(e) => {
                    status.set(Status::Failed(e));
                    focus_soon(status_ref);
                }
            }
        });
    };

    let ids = {
        let prefix = prefix.clone();
        move |suffix: &str| format!("{prefix}-{suffix}")
    };
    let heading_id = ids("title");
    let notes_id = ids("email-notes");
    let summary_title_id = ids("summary-title");
    let notes_span_id = notes_id.clone();

    let summary = {
        let ids = ids.clone();
        move || {
            let list = errors.get();
            if list.is_empty() {
                return None;
            }
            let items = list
                .into_iter()
                .map(|(field, e)| {
                    let target = ids(field.key());
                    let href = format!("#{target}");
                    // In a shadow root a fragment link cannot reach the field,
                    // so the link moves focus itself.
                    let jump = move |ev: MouseEvent| {
                        ev.prevent_default();
                        let form = ev
                            .current_target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .and_then(|a| a.closest(".cw-reply").ok().flatten());
                        if let Some(input) = form.and_then(|f| f.query_selector(&format!("#{target}")).ok().flatten()) {
                            let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
                        }
                    };
                    view! { <li><a href=href on:click=jump>{s.field_message(field, &e)}</a></li> }
                })
                .collect_view();
            Some(view! {
                <div class="cw-summary" role="alert" tabindex="-1" aria-labelledby=summary_title_id.clone() node_ref=summary_ref>
                    <h4 class="cw-summary__title" id=summary_title_id.clone()>{s.summary_title}</h4>
                    <ul class="cw-summary__list">{items}</ul>
                </div>
            })
        }
    };

    let status_text = move || match status.get() {
        Status::Idle => String::new(),
        Status::Sending => s.sending.to_string(),
        Status::Posted(p) if p.held_for_moderation => s.posted_held.to_string(),
        Status::Posted(_) => s.posted.to_string(),
        Status::Failed(e) => s.post_error_message(&e),
    };
    let status_class = move || match status.get() {
        Status::Posted(_) => "cw-status cw-status--success",
        Status::Failed(_) => "cw-status cw-status--error",
        _ => "cw-status",
    };

    let field = |field: Field, input_type: &'static str, autocomplete: &'static str, maxlength: &'static str, required: bool, notes: Option<String>| {
        let input_id = ids(field.key());
        let error_id = ids(&format!("{}-error", field.key()));
        let message = move || {
            errors.with(|list| list.iter().find(|(f, _)| *f == field).map(|(_, e)| s.field_message(field, e)))
        };
        let invalid = move || message().is_some();
        let described_by = {
            let error_id = error_id.clone();
            move || {
                let mut ids: Vec<String> = notes.iter().cloned().collect();
                if invalid() {
                    ids.push(error_id.clone());
                }
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        };
        let class = move || if invalid() { "cw-field cw-field--invalid" } else { "cw-field" };
        let error = move || {
            message().map(|m| {
                view! {
                    <span class="cw-field__error" id=error_id.clone()>
                        <span class="cw-visually-hidden">{s.error_prefix}" "</span>{m}
                    </span>
                }
            })
        };
        let value = move || draft.with(|d| d.get(field).to_string());
        let label = view! {
            <label class="cw-field__label" for=input_id.clone()>
                {s.label(field)}
                {required.then(|| view! { " " <span class="cw-required" aria-hidden="true">"*"</span> })}
            </label>
        };
        let control = if field == Field::Comment {
            view! {
                <textarea class="cw-field__input cw-field__input--comment" id=input_id name=field.key()
                    rows="8" maxlength=maxlength required=required
                    aria-invalid=move || invalid().then_some("true") aria-describedby=described_by
                    prop:value=value on:input:target=move |ev| edit(field, ev.target().value())></textarea>
            }
            .into_any()
        } else {
            view! {
                <input class="cw-field__input" id=input_id name=field.key() type=input_type
                    autocomplete=autocomplete maxlength=maxlength required=required
                    aria-invalid=move || invalid().then_some("true") aria-describedby=described_by
                    prop:value=value on:input:target=move |ev| edit(field, ev.target().value()) />
            }
            .into_any()
        };
        view! { <p class=class>{label}{error}{control}</p> }
    };

    let remember_id = ids("remember");
    let labelled_by = heading_id.clone();
    let remember_for_input = remember_id.clone();
    let required = rules.require_name_email;
    view! {
        <section class="cw-reply" aria-labelledby=labelled_by>
            <h3 class="cw-reply__title" id=heading_id>{s.heading}</h3>
            <form class="cw-reply__form" novalidate=true on:submit=on_submit>
                {summary}
                <p class="cw-reply__notes">
                    <span id=notes_span_id>{s.notes}</span>" "
                    <span>{s.required_mark_label}" "<span class="cw-required">"*"</span></span>
                </p>
                {field(Field::Comment, "", "", "65525", true, None)}
                {field(Field::Author, "text", "name", "245", required, None)}
                {field(Field::Email, "email", "email", "100", required, Some(notes_id))}
                {field(Field::Website, "url", "url", "200", false, None)}
                <p class="cw-consent">
                    <input class="cw-consent__box" id=remember_for_input name="wp-comment-cookies-consent" type="checkbox"
                        prop:checked=move || draft.with(|d| d.remember)
                        on:change:target=move |ev| draft.update(|d| d.remember = ev.target().checked()) />
                    " "<label class="cw-consent__label" for=remember_id>{s.remember}</label>
                </p>
                <p class="cw-reply__actions">
                    <button class="cw-reply__submit" type="submit" aria-disabled=move || sending().then_some("true")>
                        {move || if sending() { s.sending } else { s.submit }}
                    </button>
                </p>
                <div class=status_class role="status" aria-live="polite" tabindex="-1" node_ref=status_ref>{status_text}</div>
            </form>
        </section>
    }
}
