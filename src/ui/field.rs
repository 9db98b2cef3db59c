//! One labelled field of the form: its label (with the required mark), its
//! message when it has a problem (tied by `aria-describedby`, flagged with
//! `aria-invalid`), and the control itself.

use leptos::html;
use leptos::prelude::*;

use crate::draft::{CommentDraft, Field, FieldIssue, Limit};
use crate::i18n::Strings;

/// A new id prefix for a form: labels and `aria-describedby` stay unique
/// when several forms share a page (or a test's document).
pub fn next_prefix() -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    format!("cw{}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// The id of a field's control: `<prefix>-<field key>` (the error summary
/// links to it).
pub fn control_id(prefix: &str, field: Field) -> String {
    format!("{prefix}-{}", field.key())
}

/// A field of the form, bound to the draft.
#[component]
pub fn FormField(
    /// The form's language.
    strings: &'static Strings,
    /// Which field.
    field: Field,
    /// The form's id prefix, unique on the page.
    #[prop(into)]
    prefix: String,
    /// The server's limit for it, the control's `maxlength` (characters:
    /// a byte limit of N never allows more than N characters either). The
    /// comment box has none: `maxlength` silently cuts a long paste, and a
    /// reader's text is never cut; the rules say "too long" instead.
    limit: Limit,
    /// Whether the field must be filled.
    required: bool,
    /// `type` of the `<input>` (the comment is a `<textarea>`).
    #[prop(optional)]
    input_type: &'static str,
    /// The `autocomplete` hint.
    #[prop(optional)]
    autocomplete: &'static str,
    /// The id of a note that describes the field (the email's "will not be published").
    #[prop(optional, into)]
    notes: Option<String>,
    /// The form's problems; this field shows its own.
    errors: RwSignal<Vec<FieldIssue>>,
    /// The draft the control reads and writes.
    draft: RwSignal<CommentDraft>,
    /// Called with each new value as the reader types.
    on_edit: Callback<(Field, String)>,
    /// The control, for the comment box (focus goes there).
    #[prop(optional)]
    node_ref: Option<NodeRef<html::Textarea>>,
) -> impl IntoView {
    let s = strings;
    let input_id = control_id(&prefix, field);
    let error_id = format!("{input_id}-error");
    let message =
        move || errors.with(|list| list.iter().find(|(f, _)| *f == field).map(|(_, e)| s.field_message(field, e)));
    let invalid = move || errors.with(|list| list.iter().any(|(f, _)| *f == field));
    let described_by = {
        let error_id = error_id.clone();
        move || {
            let ids: Vec<&str> =
                notes.iter().map(String::as_str).chain(invalid().then_some(error_id.as_str())).collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let maxlength = (field != Field::Comment).then(|| limit.max.to_string());
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
    let edit = move |value: String| on_edit.run((field, value));
    let control = if field == Field::Comment {
        view! {
            <textarea class="cw-field__input cw-field__input--comment" id=input_id.clone() name=field.key()
                rows="8" maxlength=maxlength required=required node_ref=node_ref.unwrap_or_default()
                aria-invalid=move || invalid().then_some("true") aria-describedby=described_by
                prop:value=value on:input:target=move |ev| edit(ev.target().value())></textarea>
        }
        .into_any()
    } else {
        view! {
            <input class="cw-field__input" id=input_id.clone() name=field.key() type=input_type
                autocomplete=autocomplete maxlength=maxlength required=required
                aria-invalid=move || invalid().then_some("true") aria-describedby=described_by
                prop:value=value on:input:target=move |ev| edit(ev.target().value()) />
        }
        .into_any()
    };
    view! {
        <p class="cw-field" class:cw-field--invalid=invalid>
            <label class="cw-field__label" for=input_id>
                {s.label(field)}
                {required.then(|| view! { " " <span class="cw-required" aria-hidden="true">"*"</span> })}
            </label>
            {error}
            {control}
        </p>
    }
}
