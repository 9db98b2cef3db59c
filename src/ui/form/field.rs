//! [`FormField`]: one field of the form.

use leptos::either::Either;
use leptos::prelude::*;

use crate::ui::form::FormLayout;
use crate::ui::words;

use crate::draft::Field;
use crate::ui::form::posting::FormState;

/// One field: its label (with the required mark), its message while it has
/// one (tied to the control by `aria-describedby`, flagged by
/// `aria-invalid`), and its control. The control's value is a property set
/// from the draft, never a child, so typing is never reset.
#[component]
pub fn FormField(
    /// Which field.
    field: Field,
    /// The form's state (the draft holds the value, the errors the message).
    form: FormState,
    /// Ids, limits and required fields.
    layout: FormLayout,
    /// Called with the control's text on each input.
    on_edit: Callback<(Field, String)>,
    /// Hidden (the comment box while its preview is shown); kept, with its text and caret.
    #[prop(into, default = Signal::stored(false))]
    hidden: Signal<bool>,
) -> impl IntoView {
    let s = words();
    let required = match field {
        Field::Comment => true,
        Field::Website => false,
        _ => layout.required,
    };
    let id = layout.control_id(field);
    let error_id = format!("{id}-error");
    let notes_id = (field == Field::Email).then(|| format!("{}-email-notes", layout.prefix));
    let message = Memo::new(move |_| {
        form.errors.with(|list| list.iter().find(|(f, _)| *f == field).map(|(_, e)| s.field_message(field, e)))
    });
    let invalid = move || message.with(Option::is_some);
    let described = {
        let error_id = error_id.clone();
        move || {
            let parts: Vec<&str> =
                notes_id.as_deref().into_iter().chain(invalid().then_some(error_id.as_str())).collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
    };
    let value = move || form.draft.with(|d| d.get(field).to_string());
    let label_for = id.clone();
    let control = match field {
        Field::Comment => Either::Left(view! {
            <textarea
                id=id.clone()
                name=field.key()
                class="cw-field__input cw-field__input--comment"
                rows="8"
                required=true
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
                prop:value=value
                on:input:target=move |ev| on_edit.run((field, ev.target().value()))
            ></textarea>
        }),
        _ => {
            let (kind, autocomplete, max) = match field {
                Field::Author => ("text", "name", &layout.maxlength[0]),
                Field::Email => ("email", "email", &layout.maxlength[1]),
                _ => ("url", "url", &layout.maxlength[2]),
            };
            Either::Right(view! {
                <input
                    id=id.clone()
                    name=field.key()
                    class="cw-field__input"
                    type=kind
                    autocomplete=autocomplete
                    maxlength=max.clone()
                    required=required
                    aria-invalid=move || invalid().then_some("true")
                    aria-describedby=described
                    prop:value=value
                    on:input:target=move |ev| on_edit.run((field, ev.target().value()))
                />
            })
        }
    };
    view! {
        <p class=move || if invalid() { "cw-field cw-field--invalid" } else { "cw-field" } hidden=move || hidden.get()>
            <label class="cw-field__label" for=label_for>
                {s.label(field)}
                {required.then(|| view! { " "<span class="cw-required" aria-hidden="true">"*"</span> })}
            </label>
            {move || {
                message
                    .get()
                    .map(|text| {
                        view! {
                            <span class="cw-field__error" id=error_id.clone()>
                                <span class="cw-visually-hidden">{format!("{} ", s.error_prefix)}</span>
                                {text}
                            </span>
                        }
                    })
            }}
            {control}
        </p>
    }
}
