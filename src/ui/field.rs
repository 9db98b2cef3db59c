//! One labelled field of the form: its label (with the required mark), its
//! message when it has a problem (tied by `aria-describedby`, flagged with
//! `aria-invalid`), and the control itself.

use leptos::html;
use leptos::prelude::*;

use crate::draft::{CommentDraft, Field, FieldIssue};
use crate::i18n::Strings;

/// What sets one field apart from the others.
pub struct FieldSpec {
    pub field: Field,
    /// `type` of the `<input>` (the comment is a `<textarea>`).
    pub input_type: &'static str,
    /// The `autocomplete` hint.
    pub autocomplete: &'static str,
    /// WordPress's `maxlength` for the field.
    pub maxlength: &'static str,
    pub required: bool,
    /// The id of a note that describes the field (the email's "will not be published").
    pub notes: Option<String>,
}

/// The field's view. Its control's id is `<prefix>-<field key>`; typing
/// calls `edit`.
pub fn field_view(
    s: &'static Strings,
    prefix: &str,
    spec: FieldSpec,
    errors: RwSignal<Vec<FieldIssue>>,
    draft: RwSignal<CommentDraft>,
    edit: impl Fn(Field, String) + Copy + Send + Sync + 'static,
    comment_ref: NodeRef<html::Textarea>,
) -> impl IntoView {
    let FieldSpec { field, input_type, autocomplete, maxlength, required, notes } = spec;
    let input_id = format!("{prefix}-{}", field.key());
    let error_id = format!("{prefix}-{}-error", field.key());
    let message =
        move || errors.with(|list| list.iter().find(|(f, _)| *f == field).map(|(_, e)| s.field_message(field, e)));
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
                rows="8" maxlength=maxlength required=required node_ref=comment_ref
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
}
