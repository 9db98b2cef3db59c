//! The error summary (GOV.UK Design System's pattern): every problem, in form
//! order, as a link to its field; it takes focus when the reader submits a
//! form with problems. As in GOV.UK Frontend 4.4, `role="alert"` sits on an
//! inner element, so screen readers (JAWS) read the whole summary.

use leptos::ev::MouseEvent;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::draft::FieldIssue;
use crate::i18n::Strings;
use crate::ui::field::control_id;

/// The summary of the form's problems, or nothing when there are none.
#[component]
pub fn ErrorSummary(
    /// The form's language.
    strings: &'static Strings,
    /// The form's problems, in form order.
    errors: RwSignal<Vec<FieldIssue>>,
    /// The form's id prefix (field ids derive from it).
    #[prop(into)]
    prefix: String,
    /// The summary, so the form can move focus to it.
    node_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let s = strings;
    let title_id = format!("{prefix}-summary-title");
    move || {
        let list = errors.get();
        if list.is_empty() {
            return None;
        }
        let items = list
            .into_iter()
            .map(|(field, e)| {
                let target = control_id(&prefix, field);
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
            <div class="cw-summary" tabindex="-1" node_ref=node_ref>
                <div role="alert">
                    <h4 class="cw-summary__title" id=title_id.clone()>{s.summary_title}</h4>
                    <ul class="cw-summary__list">{items}</ul>
                </div>
            </div>
        })
    }
}
