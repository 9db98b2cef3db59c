//! The error summary (GOV.UK Design System's pattern): every problem, in form
//! order, as a link to its field; it takes focus when the reader submits a
//! form with problems, and `role="alert"` announces it.

use leptos::ev::MouseEvent;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::draft::FieldIssue;
use crate::i18n::Strings;

/// The summary for `errors`, or nothing when there are none. Field ids are
/// `<prefix>-<field key>`, as `field_view` makes them.
pub fn error_summary(
    s: &'static Strings,
    errors: RwSignal<Vec<FieldIssue>>,
    prefix: String,
    node: NodeRef<html::Div>,
) -> impl IntoView {
    let title_id = format!("{prefix}-summary-title");
    move || {
        let list = errors.get();
        if list.is_empty() {
            return None;
        }
        let items = list
            .into_iter()
            .map(|(field, e)| {
                let target = format!("{prefix}-{}", field.key());
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
            <div class="cw-summary" role="alert" tabindex="-1" aria-labelledby=title_id.clone() node_ref=node>
                <h4 class="cw-summary__title" id=title_id.clone()>{s.summary_title}</h4>
                <ul class="cw-summary__list">{items}</ul>
            </div>
        })
    }
}
