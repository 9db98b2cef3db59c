//! [`DraftNotice`]: the restored draft, said.

use leptos::prelude::*;

use crate::ui::words;

/// "Your unsent comment from earlier is back. Discard it", above the form.
#[component]
pub fn DraftNotice(
    /// Called when the reader discards the draft.
    on_discard: Callback<()>,
) -> impl IntoView {
    let strings = words();
    view! {
        <p class="cw-notice">
            {strings.draft_restored}" "
            <button type="button" class="cw-button cw-button--link" on:click=move |_| on_discard.run(())>
                {strings.discard_draft}
            </button>
        </p>
    }
}
