//! [`ConsentBox`]: a box the reader ticks.

use leptos::prelude::*;

/// A box the reader ticks: "Save my name…", "Notify me of new replies…".
#[component]
pub fn ConsentBox(
    /// The control's id.
    id: String,
    /// The control's name.
    name: &'static str,
    /// What ticking it means.
    label: &'static str,
    /// Ticked.
    checked: Signal<bool>,
    /// Called when the reader ticks or unticks it.
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <p class="cw-consent">
            <input
                class="cw-consent__box"
                id=id.clone()
                name=name
                type="checkbox"
                prop:checked=checked
                on:change:target=move |ev| on_change.run(ev.target().checked())
            />
            " "
            <label class="cw-consent__label" for=id>{label}</label>
        </p>
    }
}
