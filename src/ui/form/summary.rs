//! [`ErrorSummary`]: the form's problems, first in the form.

use leptos::prelude::*;

use crate::ui::form::FormLayout;
use crate::ui::words;

use crate::draft::FieldIssue;

/// The summary of the form's problems, first in the form, each a link to
/// its field (GOV.UK's error summary). Drawn again when the problems change,
/// so the alert speaks again.
#[component]
pub fn ErrorSummary(
    /// The problems, in form order.
    errors: RwSignal<Vec<FieldIssue>>,
    /// Ids of the fields linked to.
    layout: FormLayout,
    /// Called with a field's id when its link is followed (in a shadow root
    /// a fragment link cannot reach the field).
    on_follow: Callback<String>,
) -> impl IntoView {
    let s = words();
    let title_id = format!("{}-summary-title", layout.prefix);
    move || {
        let items = errors.with(|list| {
            list.iter()
                .map(|(field, e)| {
                    let id = layout.control_id(*field);
                    let href = format!("#{id}");
                    view! {
                        <li>
                            <a
                                href=href
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    on_follow.run(id.clone());
                                }
                            >
                                {s.field_message(*field, e)}
                            </a>
                        </li>
                    }
                })
                .collect_view()
        });
        errors.with(|list| !list.is_empty()).then(|| {
            view! {
                <div class="cw-summary" tabindex="-1">
                    <div role="alert">
                        <h4 class="cw-summary__title" id=title_id.clone()>{s.summary_title}</h4>
                        <ul class="cw-summary__list">{items}</ul>
                    </div>
                </div>
            }
        })
    }
}
