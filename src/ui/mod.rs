//! The widget's views: state in Leptos signals, asking the core what it
//! means, drawn by the edge's DOM code from effects; URLs, JSON shapes and
//! sentences live elsewhere.

mod posting;
mod reply;
mod reply_form;
mod saved_draft;
pub mod status;
mod thread;

pub use reply::Reply;
pub use reply_form::{reply_form, FormArgs};
pub use saved_draft::TakeOver;
pub use thread::thread;

use leptos::prelude::{untrack, Effect};

/// Runs `f` (after the current task) and again whenever a signal it read
/// changes, until the current reactive owner is cleaned up. Every effect of
/// the widget goes through here, boxed: Leptos's effect machinery is then
/// compiled once, not once per closure (about 2.7 KB of wasm each).
pub fn effect(f: impl FnMut() + 'static) {
    let f: Box<dyn FnMut()> = Box::new(f);
    Effect::new(f);
}

/// Calls `then` with what `watch` read, untracked, each time a signal
/// `watch` read changes (not for the first reading): `Effect::watch`
/// without `immediate`, through [`effect`].
pub fn on_change<T: 'static>(mut watch: impl FnMut() -> T + 'static, mut then: impl FnMut(&T) + 'static) {
    let mut first = true;
    effect(move || {
        let now = watch();
        if !std::mem::take(&mut first) {
            untrack(|| then(&now));
        }
    });
}
