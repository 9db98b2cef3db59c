//! [`DraftNotice`]: the restored draft, said.

use leptos::prelude::*;

use crate::i18n::Strings;

/// "Your unsent comment from earlier is back. Discard it", above the form.
#[component]
pub fn DraftNotice(
    /// The words to speak.
    strings: &'static Strings,
    /// Called when the reader discards the draft.
    on_discard: Callback<()>,
) -> impl IntoView {
    view! {
        <p class="cw-notice">
            {strings.draft_restored}" "
            <button type="button" class="cw-button cw-button--link" on:click=move |_| on_discard.run(())>
                {strings.discard_draft}
            </button>
        </p>
    }
}
